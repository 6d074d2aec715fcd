//! A `Library` is an opened corpus with everything computed over it: the
//! search index now, and the entity, date and related-report indexes as
//! they are built. Both faces (the TUI and the CLI) ask it their questions,
//! so a command and a keystroke that ask the same thing get the same answer.
//! It is immutable once built and `Sync`, so searches can run on any thread.

use std::path::PathBuf;

use crate::corpus::{self, Article, Corpus, LoadError};
use crate::index::query::parse_query;
use crate::index::search::{SearchIndex, SearchResult};

pub struct Library {
    pub corpus: Corpus,
    pub search: SearchIndex,
}

impl Library {
    /// Loads `paths`, or the bundled sample when there are none.
    pub fn open(paths: &[PathBuf]) -> Result<Library, LoadError> {
        let corpus = if paths.is_empty() {
            corpus::load_sample()
        } else {
            corpus::load_paths(paths)?
        };
        Ok(Library::new(corpus))
    }

    pub fn new(corpus: Corpus) -> Library {
        let search = SearchIndex::build(&corpus.articles);
        Library { corpus, search }
    }

    pub fn articles(&self) -> &[Article] {
        &self.corpus.articles
    }

    /// Parses and runs a query typed by a person; the error is one line fit
    /// for a filter bar or a terminal.
    pub fn query(&self, input: &str) -> Result<SearchResult, String> {
        let query = parse_query(input).map_err(|e| e.to_string())?;
        self.search
            .search(&self.corpus.articles, &query, None)
            .map_err(|e| e.to_string())
    }

    /// The article with `id`, if any.
    pub fn find(&self, id: &str) -> Option<&Article> {
        self.corpus.articles.iter().find(|a| a.id == id)
    }
}
