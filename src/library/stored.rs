//! The `Library` calls that reach the store: opening with one, how far
//! names extraction has come, the reader's marks and last position, and
//! what the store wants said. Without a store the marks read as nothing
//! done and keeping them is an error.

use std::path::PathBuf;

use super::Library;
use crate::corpus::{LoadError, LoadOptions};
use crate::store::{MarkChange, SearchFile, Session, SqliteStore, StoreError, StorePaths};

/// Which store a library keeps its derived data and reader state in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StoreChoice {
    /// None: everything is computed afresh and nothing is kept.
    #[default]
    None,
    /// The XDG cache and data folders.
    Environment,
    /// These folders (tests, a portable set-up).
    At(StorePaths),
}

/// How to open a library.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    pub store: StoreChoice,
    /// Show the folders as the last open left them when the cache holds
    /// that, without looking at a file; the caller then checks them with
    /// `Library::still_current` and opens them again on a change (the
    /// reader, whose first frame this makes immediate).
    pub last_open: bool,
}

/// Where the reader was in a set of folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The article, if it is still in the corpus.
    pub article: Option<usize>,
    pub scroll: u64,
    pub filter: String,
}

impl Library {
    /// Loads `paths` (the bundled sample when there are none) with a store
    /// as `options` say. A store that cannot be opened is done without,
    /// with a warning (see `store_warnings`).
    pub fn open_with(paths: &[PathBuf], options: &OpenOptions) -> Result<Library, LoadError> {
        super::tune_allocator();
        let store_paths = match &options.store {
            StoreChoice::None => None,
            StoreChoice::Environment => StorePaths::from_environment(),
            StoreChoice::At(p) => Some(p.clone()),
        };
        let mut lib = match store_paths {
            // The sample is in the program: nothing to gain from the cache.
            Some(p) if !paths.is_empty() => {
                let session = Session::new(Box::new(SqliteStore::open(&p)), paths);
                // Standard input is read every time.
                let last = (options.last_open
                    && !paths
                        .iter()
                        .any(|p| p.as_os_str() == crate::corpus::load::STDIN_PATH))
                .then(|| session.open_last(&LoadOptions::default()))
                .flatten();
                let corpus = match last {
                    Some(corpus) => corpus,
                    None => session.load(paths, &LoadOptions::default(), &|articles| {
                        super::date_undated(articles)
                    })?,
                };
                let mut lib = Library::dated(corpus);
                lib.store = Some(session);
                lib
            }
            Some(p) => {
                let mut lib = Library::open(paths)?;
                lib.store = Some(Session::new(Box::new(SqliteStore::open(&p)), paths));
                lib
            }
            None => Library::open(paths)?,
        };
        if lib.store.is_none() {
            // Without a store, saved searches still have a home.
            lib.search_file =
                StorePaths::from_environment().map(|p| SearchFile::in_folder(&p.data_dir));
        }
        // The total is known at once, so a screen can say "names 0/N".
        lib.progress.start(lib.articles().len());
        Ok(lib)
    }

    /// Names extraction so far: articles done out of the total (the total
    /// is known from `open_with` on; articles taken from the store count as
    /// done at once).
    pub fn names_progress(&self) -> (usize, usize) {
        self.progress.get()
    }

    /// How many articles names extraction recognised afresh rather than
    /// taking from the store.
    pub fn extracted_count(&self) -> Option<usize> {
        self.entities_if_ready()?;
        Some(match &self.store {
            Some(s) => s.extracted(),
            None => self.articles().len(),
        })
    }

    /// Whether the related reports were worked out from the articles
    /// (`Some(true)`) or read from the store (`Some(false)`); `None` until
    /// they are ready.
    pub fn related_built(&self) -> Option<bool> {
        self.related_if_ready()?;
        Some(self.store.as_ref().is_none_or(|s| s.related_built()))
    }

    /// How many files the open read afresh rather than taking from the
    /// store (every file without one).
    pub fn files_read(&self) -> usize {
        match &self.store {
            Some(s) => s.files_read(),
            None => self.corpus.files.len(),
        }
    }

    /// Whether the store holds this corpus's entity table, so the names
    /// need no recognising.
    pub fn names_kept(&self) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.entity_table_kept(self.articles()))
    }

    /// Whether the articles are the last open's, not yet checked against
    /// the folders (see `OpenOptions::last_open`).
    pub fn opened_from_last(&self) -> bool {
        self.store.as_ref().is_some_and(Session::opened_last)
    }

    /// Whether the folders `paths` this library was opened from still hold
    /// what it shows: always when it looked at them as it opened, else
    /// when no file was added, removed or changed since the last open.
    /// Stamps every file: not for the screen's thread.
    pub fn still_current(&self, paths: &[PathBuf]) -> bool {
        !self.opened_from_last()
            || self
                .store
                .as_ref()
                .is_some_and(|s| s.still_current(paths, &self.corpus))
    }

    /// Keeps the articles as the last open of their folders, for the next
    /// reader to show at once; nothing when they are that already.
    pub fn keep_last_open(&self) {
        if let Some(session) = &self.store
            && !session.opened_last()
        {
            session.keep_last(&self.corpus, &LoadOptions::default());
        }
    }

    /// Whether a store is in use.
    pub fn has_store(&self) -> bool {
        self.store.is_some()
    }

    /// Lines the store wants said (a database set aside, a cache that
    /// cannot be written); each is given once.
    pub fn store_warnings(&self) -> Vec<String> {
        self.store
            .as_ref()
            .map(Session::take_warnings)
            .unwrap_or_default()
    }

    /// Applies a reader's mark to `articles` and keeps it.
    pub fn mark(&self, articles: &[usize], change: MarkChange) -> Result<(), StoreError> {
        let session = self.store.as_ref().ok_or(StoreError::NoState)?;
        session.mark(self.articles(), articles, change)?;
        self.marks_version
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// An article's read and star marks, once the store knows every
    /// article's identity (`warm_marks`); `None` before, or without a store.
    pub fn marks_if_ready(&self, article: usize) -> Option<(bool, bool)> {
        let session = self.store.as_ref()?;
        session.keys_ready().then(|| {
            let m = session.marks_of(self.articles(), article);
            (m.read, m.starred)
        })
    }

    /// Works out every article's identity, so marks can be read at once.
    pub fn warm_marks(&self) {
        if let Some(session) = &self.store {
            session.keys(self.articles());
        }
    }

    /// Changes each time a mark changes, so lists made before are known
    /// to be stale.
    pub fn marks_version(&self) -> u64 {
        self.marks_version.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn is_read(&self, article: usize) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.marks_of(self.articles(), article).read)
    }

    pub fn is_starred(&self, article: usize) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.marks_of(self.articles(), article).starred)
    }

    /// Keeps saved searches in `file` when there is no store.
    pub fn keep_searches_in(&mut self, file: SearchFile) {
        self.search_file = Some(file);
    }

    /// The searches the reader saved (name and query, by name): from the
    /// state database, else the searches file.
    pub fn saved_searches(&self) -> Result<Vec<(String, String)>, StoreError> {
        match (&self.store, &self.search_file) {
            (Some(s), _) => s.store().searches(),
            (None, Some(f)) => f.searches(),
            (None, None) => Err(StoreError::NoState),
        }
    }

    pub fn save_search(&self, name: &str, query: &str) -> Result<(), StoreError> {
        match (&self.store, &self.search_file) {
            (Some(s), _) => s.store().save_search(name, query),
            (None, Some(f)) => f.save(name, query),
            (None, None) => Err(StoreError::NoState),
        }
    }

    pub fn delete_search(&self, name: &str) -> Result<(), StoreError> {
        match (&self.store, &self.search_file) {
            (Some(s), _) => s.store().delete_search(name),
            (None, Some(f)) => f.delete(name),
            (None, None) => Err(StoreError::NoState),
        }
    }

    /// Where the reader was when this set of folders was last closed.
    pub fn last_position(&self) -> Option<Position> {
        let (article, saved) = self.store.as_ref()?.last_position(self.articles())?;
        Some(Position {
            article,
            scroll: saved.scroll,
            filter: saved.filter,
        })
    }

    pub fn save_position(&self, position: &Position) -> Result<(), StoreError> {
        let session = self.store.as_ref().ok_or(StoreError::NoState)?;
        session.save_position(
            self.articles(),
            position.article,
            position.scroll,
            &position.filter,
        )
    }
}

/// Whether a query typed by a person has terms that need the names.
pub(super) fn needs_names(query: &str) -> bool {
    crate::index::parse_query(query.trim()).is_ok_and(|q| q.has_entity_terms())
}
