//! A `Library` is an opened corpus with everything computed over it: dates
//! for undated articles at once; the search index, the entity table and the
//! related-report index on first use (or ahead of time on background
//! threads, see `prepare_in_background`, so a screen shows the list before
//! any of them is ready). Both faces (the TUI and the CLI) ask
//! it their questions, so a command and a keystroke that ask the same thing
//! get the same answer. It is `Sync`: searches can run on any thread.
//! Opened with a store (`open_with`), it takes recognised names from the
//! cache and keeps the reader's marks (see `stored`).

mod stored;
mod story;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::corpus::{self, Article, Corpus, DateSource, Granularity, LoadError};
use crate::extract::dates::{DateMention, dateline_date, find_dates, infer_article_date};
use crate::extract::entities::{EntityKind, EntityTable, resolve_aliases};
use crate::index::entities::{IndexedNames, NameIndex};
use crate::index::listing::{self, ListCache, ListError, ListRequest, ListSource, Listing};
use crate::index::related::{EntityRef, RelatedDoc, RelatedIndex, RelatedReport};
use crate::index::search::{EntityFilter, SearchIndex};
use crate::index::view::ArticleView;
use crate::store::{MarkFilter, Progress, Session};

pub use crate::index::story::{QuoteRow, TimelineRow, TimelineSource};
pub use stored::{OpenOptions, Position, StoreChoice};

pub struct Library {
    pub corpus: Corpus,
    search: OnceLock<SearchIndex>,
    entities: OnceLock<EntityTable>,
    /// The entity table's names indexed for name terms.
    names: OnceLock<NameIndex>,
    related: OnceLock<RelatedIndex>,
    /// Per entity, the articles that quote it: built on the first `said:`.
    speakers: OnceLock<Vec<Vec<u32>>>,
    store: Option<Session>,
    /// Where saved searches go when there is no store.
    search_file: Option<crate::store::SearchFile>,
    progress: Progress,
    marks_version: std::sync::atomic::AtomicU64,
    /// The bodies read from the store last, newest last: the reading view
    /// and the side panel ask for the same few again and again.
    recent: std::sync::Mutex<std::collections::VecDeque<(usize, Arc<str>)>>,
}

/// How many bodies read from the store are kept at hand.
const RECENT_BODIES: usize = 16;

impl Library {
    /// Loads `paths`, or the bundled sample when there are none.
    pub fn open(paths: &[PathBuf]) -> Result<Library, LoadError> {
        tune_allocator();
        let corpus = if paths.is_empty() {
            corpus::load_sample()
        } else {
            corpus::load_paths(paths)?
        };
        Ok(Library::new(corpus))
    }

    pub fn new(mut corpus: Corpus) -> Library {
        date_undated(&mut corpus.articles);
        Library::dated(corpus)
    }

    /// A library over articles that have been given dates already (see
    /// `date_undated`).
    fn dated(corpus: Corpus) -> Library {
        Library {
            corpus,
            search: OnceLock::new(),
            entities: OnceLock::new(),
            names: OnceLock::new(),
            related: OnceLock::new(),
            store: None,
            search_file: None,
            progress: Progress::default(),
            marks_version: Default::default(),
            speakers: OnceLock::new(),
            recent: Default::default(),
        }
    }

    /// The text of article `i`'s body: in memory, or read from the store's
    /// cache (a body kept there is not held in memory; see `Body`).
    pub fn body(&self, i: usize) -> Cow<'_, str> {
        let a = &self.corpus.articles[i];
        if let Some(text) = a.body.text() {
            return Cow::Borrowed(text);
        }
        if let Some(text) = self.recent_body(i) {
            return Cow::Owned(text.to_string());
        }
        let text: Arc<str> = a.body.read().into();
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        if recent.len() >= RECENT_BODIES {
            recent.pop_front();
        }
        recent.push_back((i, Arc::clone(&text)));
        Cow::Owned(text.to_string())
    }

    fn recent_body(&self, i: usize) -> Option<Arc<str>> {
        let recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        recent
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map(|(_, t)| Arc::clone(t))
    }

    /// Every article's body, for work over the whole corpus (the search
    /// index, related reports): those kept in the store are read in one
    /// pass over it, and held only as long as the answer is.
    pub fn bodies(&self) -> Vec<Cow<'_, str>> {
        let articles = &self.corpus.articles;
        let mut all: Vec<Cow<'_, str>> = articles
            .iter()
            .map(|a| Cow::Borrowed(a.body.as_str()))
            .collect();
        if let Some(session) = &self.store {
            session.each_kept_body(articles, &mut |i, text| {
                all[i] = Cow::Owned(text.to_string());
            });
        }
        all
    }

    pub fn articles(&self) -> &[Article] {
        &self.corpus.articles
    }

    /// The article with `id`, if any.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.corpus.find(id)
    }

    /// The search index over every body, title, author and source, built
    /// on first use (or read from the store when this very set of files
    /// was opened before).
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| match &self.store {
            Some(session) => session.search_index(&self.corpus.articles, || {
                SearchIndex::build_with(&self.corpus.articles, &self.bodies())
            }),
            None => SearchIndex::build(&self.corpus.articles),
        })
    }

    /// The search index if it has been built already.
    pub fn search_if_ready(&self) -> Option<&SearchIndex> {
        self.search.get()
    }

    /// Every article's entities, recognised and resolved on first use.
    pub fn entities(&self) -> &EntityTable {
        self.entities.get_or_init(|| match &self.store {
            Some(session) => session.entity_table(&self.corpus, &self.progress),
            None => resolve_aliases(&crate::store::recognise_all(
                &self.corpus.articles,
                &self.progress,
            )),
        })
    }

    /// The entity table's names indexed for name terms, once the table is
    /// built (indexed on first use).
    pub fn name_index(&self) -> Option<&NameIndex> {
        let table = self.entities_if_ready()?;
        Some(self.names.get_or_init(|| NameIndex::build(table)))
    }

    /// The entity table if it has been built already.
    pub fn entities_if_ready(&self) -> Option<&EntityTable> {
        self.entities.get()
    }

    /// The related-report index, built on first use (after the entities).
    pub fn related_index(&self) -> &RelatedIndex {
        self.related.get_or_init(|| {
            let build = || {
                // Bodies kept in the store are read a batch at a time.
                let docs = self.related_docs(&[]);
                RelatedIndex::build_reading(&docs, &|range| self.bodies_in(range))
            };
            match &self.store {
                Some(session) => session.related_index(self.articles(), build),
                None => build(),
            }
        })
    }

    /// The bodies of `range`'s articles, in order (read from the store in
    /// parallel when they are kept there).
    pub fn bodies_in(&self, range: std::ops::Range<usize>) -> Vec<Cow<'_, str>> {
        let articles = &self.corpus.articles[range];
        if articles.len() < 64 {
            return articles.iter().map(|a| a.body.read()).collect();
        }
        articles.par_iter().map(|a| a.body.read()).collect()
    }

    /// Every article as the related-report index reads it: text (from
    /// `bodies`, when given), a date known to the day, and the names it
    /// shares with others (building the entity table if needed).
    pub fn related_docs<'a>(&'a self, bodies: &'a [Cow<'a, str>]) -> Vec<RelatedDoc<'a>> {
        let table = self.entities();
        self.corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| RelatedDoc {
                body: bodies.get(i).map_or("", |b| b.as_ref()),
                title: &a.title,
                date: a
                    .date
                    .filter(|d| d.granularity == Granularity::Day)
                    .map(|d| d.start),
                entities: entity_names(table, i),
            })
            .collect()
    }

    pub fn related_if_ready(&self) -> Option<&RelatedIndex> {
        self.related.get()
    }

    /// The `k` reports most related to `article`, best first.
    pub fn related(&self, article: usize, k: usize) -> Vec<RelatedReport> {
        self.related_index().related(article, k, &|d| self.body(d))
    }

    /// Builds the search index, the entity table and the related index on
    /// background threads, so a screen can open before they are ready;
    /// `ready` is called after each (`Readiness::Words` from one thread;
    /// `Readiness::Names`, then `Readiness::Related` from another).
    ///
    /// The search index is built first and at full speed (on the global
    /// pool: a query typed meanwhile waits for it on the list worker, never
    /// on the screen's thread). The names and related reports run in a
    /// thread pool of their own, one thread short of the machine's cores and
    /// at a lower priority, so searches never wait behind them.
    pub fn prepare_in_background(
        self: &Arc<Self>,
        ready: impl Fn(Readiness) + Send + Sync + 'static,
    ) {
        let ready = Arc::new(ready);
        let (lib, words_ready) = (Arc::clone(self), Arc::clone(&ready));
        std::thread::Builder::new()
            .name("dossier-words".into())
            .spawn(move || {
                lib.search_index();
                words_ready(Readiness::Words);
            })
            .ok();
        // For the next open: once the words are indexed (so the first keys
        // typed do not wait behind it), a little below searches. Not in the
        // idle class: it writes to the cache, which other writers wait for.
        let lib = Arc::clone(self);
        std::thread::Builder::new()
            .name("dossier-keep".into())
            .spawn(move || {
                lower_priority(10);
                lib.search_index();
                lib.keep_last_open();
            })
            .ok();
        let lib = Arc::clone(self);
        std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || {
                // Names kept in the store come back in a moment: read at full
                // speed, so name terms work at once. Recognising afresh and
                // relating reports take long, and run behind searches.
                if lib.names_kept() {
                    beside_searches(|| {
                        lib.warm_marks();
                        lib.entities();
                        lib.name_index();
                    });
                } else {
                    behind_searches(|| {
                        lib.warm_marks();
                        lib.entities();
                        lib.name_index();
                    });
                }
                ready(Readiness::Names);
                behind_searches(|| {
                    lib.related_index();
                });
                ready(Readiness::Related);
            })
            .ok();
    }

    /// When the articles are the last open's (see
    /// `OpenOptions::last_open`), checks on a thread of its own that the
    /// folders `paths` still hold them, and hands `done` whether they do.
    /// The check waits for the words to be indexed (so the first keys
    /// typed do not wait behind it, nor its memory add to theirs) and runs
    /// a little below searches, one stat at a time.
    pub fn check_in_background(
        self: &Arc<Self>,
        paths: &[PathBuf],
        done: impl FnOnce(bool) + Send + 'static,
    ) {
        if !self.opened_from_last() {
            return;
        }
        let (lib, paths) = (Arc::clone(self), paths.to_vec());
        std::thread::Builder::new()
            .name("dossier-check".into())
            .spawn(move || {
                lower_priority(10);
                lib.search_index();
                done(lib.still_current(&paths));
            })
            .ok();
    }

    /// The list for `request` with what is ready now: a request with
    /// entity terms fails with `ListError::NamesNotReady` until the names
    /// are found, and copies fold once the groups are.
    pub fn list(&self, request: &ListRequest) -> Result<Listing, ListError> {
        self.list_with(request, &mut ListCache::default(), &|| false)
    }

    /// `list` for a caller that asks again and again (the reader's list
    /// worker): `cache` carries what one request leaves for the next, and
    /// `cancel` stops a scan a newer request has made useless.
    pub fn list_with(
        &self,
        request: &ListRequest,
        cache: &mut ListCache,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Result<Listing, ListError> {
        self.list_early(request, cache, cancel, None)
    }

    /// `list_with`, telling `early` (when given) what a long search has
    /// found so far before the whole list (see `listing::list_early`).
    pub fn list_early(
        &self,
        request: &ListRequest,
        cache: &mut ListCache,
        cancel: &(dyn Fn() -> bool + Sync),
        early: Option<(std::time::Duration, &mut dyn FnMut(Listing))>,
    ) -> Result<Listing, ListError> {
        let filter = MarkFilter {
            entities: self.entities_if_ready(),
            session: self.store.as_ref().map(|s| (s, self.articles())),
            // Quotes are found for every article on the first `said:` term.
            speakers: (self.entities_if_ready().is_some() && request.query.contains("said:"))
                .then(|| self.speakers().as_slice()),
        };
        // Name terms are answered from the names' index.
        let indexed = filter
            .entities
            .filter(|_| stored::needs_names(&request.query))
            .and_then(|table| {
                Some(IndexedNames {
                    table,
                    index: self.name_index()?,
                    speakers: filter.speakers,
                    rest: &filter,
                })
            });
        let entities: &dyn EntityFilter = match &indexed {
            Some(names) => names,
            None => &filter,
        };
        // Entity terms wait for the names (the listing says so when there is
        // no filter); reader terms need only the store.
        let answers = filter.entities.is_some()
            || (filter.session.is_some() && !stored::needs_names(&request.query));
        let source = ListSource {
            articles: &self.corpus.articles,
            index: self.search_index(),
            entities: answers.then_some(entities),
            related: self.related_if_ready(),
            marks_version: self.marks_version(),
        };
        listing::list_early(&source, request, cache, cancel, early)
    }

    /// `list` for a script: builds the names and the duplicate groups first
    /// when the request needs them.
    pub fn list_now(&self, request: &ListRequest) -> Result<Listing, ListError> {
        let query = crate::index::parse_query(request.query.trim())?;
        if query.has_entity_terms() {
            self.entities();
        }
        if request.fold_copies {
            self.related_index();
        }
        self.list(request)
    }

    /// The articles `input` matches, best first (`list_now` in relevance
    /// order).
    pub fn query(&self, input: &str) -> Result<Vec<usize>, ListError> {
        let request = ListRequest {
            query: input.to_string(),
            ..ListRequest::default()
        };
        self.list_now(&request).map(|l| l.rows)
    }

    /// Everything about one article with what is ready now.
    pub fn article_view(&self, article: usize) -> ArticleView {
        let body = self.body(article);
        let mut view = ArticleView::build(
            &self.corpus.articles,
            article,
            &body,
            self.date_mentions_in(article, &body),
            self.entities_if_ready(),
            self.related_if_ready(),
            &|d| self.body(d),
        );
        view.quotes = self.entities_if_ready().map(|table| {
            crate::index::story::quote_rows(&self.corpus.articles[article], &body, table, article)
        });
        view
    }

    /// Everything about one article, building the names and related
    /// reports first if needed.
    pub fn article_view_now(&self, article: usize) -> ArticleView {
        self.related_index();
        self.article_view(article)
    }

    /// What article `b` says that article `a` does not.
    pub fn diff(&self, a: usize, b: usize) -> crate::index::diff::Diff {
        let articles = &self.corpus.articles;
        crate::index::diff::diff(&articles[a].body.read(), &articles[b].body.read())
    }

    /// The dates an article mentions, resolved against its own date when it
    /// is known to the day.
    pub fn date_mentions(&self, article: usize) -> Vec<DateMention> {
        self.date_mentions_in(article, &self.body(article))
    }

    /// `date_mentions` in `body`, the article's text read already.
    pub fn date_mentions_in(&self, article: usize, body: &str) -> Vec<DateMention> {
        find_dates(body, anchor(&self.corpus.articles[article]))
    }
}

/// An article's date as an anchor for relative expressions: only a date
/// known to the day, and not one that was itself inferred from the text.
fn anchor(a: &Article) -> Option<NaiveDate> {
    a.date
        .filter(|d| d.granularity == Granularity::Day && a.date_source != DateSource::Inferred)
        .map(|d| d.start)
}

/// Runs `work` in a thread pool of its own, one thread short of the
/// machine's cores, whose threads run only when a core would otherwise be
/// idle (see `run_when_idle`), so searches (which use the global pool) and
/// the screen never wait behind it.
fn behind_searches(work: impl FnOnce() + Send) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get().saturating_sub(1))
        .max(1);
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dossier-index-{i}"))
        .start_handler(|_| run_when_idle(15))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Runs `work` in a thread pool of its own, a thread a core, a little
/// below the priority of searches: the names kept in the store come back at
/// nearly full speed, and a search typed meanwhile never queues behind
/// their pieces in the global pool. (Not in the idle class: on a machine
/// busy with other programs, names that take a moment would come only
/// when those programs pause.)
fn beside_searches(work: impl FnOnce() + Send) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dossier-names-{i}"))
        .start_handler(|_| lower_priority(5))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Sets the calling thread's nice value (on Linux it is per thread).
fn lower_priority(nice: libc::c_int) {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with `who` 0 changes only the calling thread and
    // reads no memory of ours; a failure leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, nice);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}

/// Makes the calling thread a background one. On Linux it is put in the
/// idle scheduling class (`SCHED_IDLE`): it runs when no other thread
/// wants the core, and a thread that wakes (the screen's, the list
/// worker's) takes the core from it at once. Where that class is refused,
/// the thread's nice value is raised to `nice` instead (on Linux the nice
/// value is per thread); elsewhere nothing changes.
fn run_when_idle(nice: libc::c_int) {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: with pid 0 both calls change only the calling thread and
        // read nothing of ours but `param`, which lives across the call; a
        // failure leaves the thread as it was.
        unsafe {
            if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
                lower_priority(nice);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    lower_priority(nice);
}

/// Whether the calling thread is in the idle scheduling class (Linux).
#[cfg(all(test, target_os = "linux"))]
fn runs_when_idle() -> bool {
    // SAFETY: pid 0 asks about the calling thread; nothing is written.
    unsafe { libc::sched_getscheduler(0) == libc::SCHED_IDLE }
}

/// Caps the allocator's arenas at one a core (at least two) before the
/// pool's threads make theirs. A library's articles, index and names are
/// many small pieces allocated by every thread of the pool; with the C
/// library's default of eight arenas a core, freed memory stays spread
/// over arenas, and a warm open of 100,000 articles on two cores peaked
/// some 70 MB higher, no faster. Also fixes the size from which blocks
/// are mapped apart (see below).
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
            // SAFETY: mallopt only sets an allocator parameter; a value it
            // does not take is refused and changes nothing.
            unsafe {
                libc::mallopt(libc::M_ARENA_MAX, arenas);
                // Blocks from 256 KiB up are mapped apart and handed back
                // to the system when freed, however many were freed before:
                // the C library's own threshold rises to the largest block
                // freed, after which a large folder's load batches (see
                // `load_paths_reusing`) would stay with the process.
                libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
            }
        });
    }
}

/// Background work that has become ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// The search index: a query typed before it waits for it.
    Words,
    /// The entity table: names in the side panel, entity terms.
    Names,
    /// Related reports and duplicate groups.
    Related,
}

/// How much more a shared person or organisation says about two reports
/// being one story than a shared place of the same rarity.
const PERSON_WEIGHT: f32 = 1.5;
const ORG_WEIGHT: f32 = 1.25;

/// The names an article shares with others, for relating reports.
/// Nationalities and other unplaceable names ("European", "Western") say
/// little about which event a report covers, so they are left out; people
/// and organisations, who act in a story, weigh more than the places it
/// happens in.
fn entity_names(table: &EntityTable, article: usize) -> Vec<EntityRef<'_>> {
    let mut ids: Vec<u32> = table
        .by_article
        .get(article)
        .into_iter()
        .flatten()
        .filter(|m| table.entities[m.entity()].kind != EntityKind::Misc)
        .map(|m| m.entity)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let e = &table.entities[id as usize];
            let weight = match e.kind {
                EntityKind::Person => PERSON_WEIGHT,
                EntityKind::Org => ORG_WEIGHT,
                _ => 1.0,
            };
            EntityRef {
                id,
                name: e.name.as_str(),
                weight,
            }
        })
        .collect()
}

/// Gives undated articles a date: from a wire dateline at the head of the
/// body, else inferred from solid evidence in the text (kept as evidence).
fn date_undated(articles: &mut [Article]) {
    if articles.len() < 64 {
        // One file's articles: no threads to wake.
        articles.iter_mut().for_each(date_one);
        return;
    }
    articles.par_iter_mut().for_each(date_one);
}

fn date_one(a: &mut Article) {
    if a.date.is_some() {
        return;
    }
    // Run on articles just read from their files: their bodies are in
    // memory.
    let body = a.body.as_str();
    let first = crate::corpus::paragraphs(body).next().unwrap_or("");
    let from_line = dateline_date(first, None)
        .or_else(|| a.dateline.as_deref().and_then(|d| dateline_date(d, None)));
    if let Some((place, date)) = from_line {
        a.date = Some(date);
        a.date_source = DateSource::Dateline;
        // The date now stands on its own; the dateline keeps the place.
        a.dateline = Some(place);
    } else if let Some((date, evidence)) = infer_article_date(body).or_else(|| {
        // A date stamp line ("Published 18 November 2019", "Jane Roe -
        // Nov 19, 2019") may have been taken out of the body as page
        // furniture; each piece stands alone, continuing no other.
        a.body
            .furniture()
            .iter()
            .find_map(|f| infer_article_date(&f.text))
    }) {
        a.date = Some(date);
        a.date_source = DateSource::Inferred;
        a.date_evidence = evidence;
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Runs `probe` on a thread of the pool `run` makes.
    fn in_pool<T: Send + 'static>(
        run: impl Fn(Box<dyn FnOnce() + Send>),
        probe: fn() -> T,
    ) -> (Option<usize>, T) {
        let (tx, rx) = std::sync::mpsc::channel();
        run(Box::new(move || {
            let _ = tx.send((rayon::current_thread_index(), probe()));
        }));
        rx.recv().expect("the work ran")
    }

    #[test]
    fn long_indexing_runs_in_the_idle_class_and_names_from_the_store_a_little_lower() {
        let (index, idle) = in_pool(behind_searches, runs_when_idle);
        assert!(index.is_some(), "not on a pool thread");
        assert!(idle, "the long indexing's thread is not in the idle class");
        fn nice() -> libc::c_int {
            // SAFETY: asks the calling thread's nice value; writes nothing.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
        }
        let (index, (idle, niced)) = in_pool(beside_searches, || (runs_when_idle(), nice()));
        assert!(index.is_some(), "not on a pool thread");
        assert!(
            !idle,
            "names from the store would wait for every other program"
        );
        assert_eq!(niced, 5);
        assert!(!runs_when_idle(), "the calling thread keeps its class");
    }
}
