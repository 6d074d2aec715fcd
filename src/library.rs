//! A `Library` is an opened corpus with everything computed over it: dates
//! for undated articles and the search index at once; the entity table and
//! the related-report index on first use (or ahead of time on a background
//! thread, see `prepare_in_background`). Both faces (the TUI and the CLI) ask
//! it their questions, so a command and a keystroke that ask the same thing
//! get the same answer. It is `Sync`: searches can run on any thread.
//! Opened with a store (`open_with`), it takes recognised names from the
//! cache and keeps the reader's marks (see `stored`).

mod stored;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::corpus::{self, Article, Corpus, DateSource, Granularity, LoadError};
use crate::extract::dates::{DateMention, dateline_date, find_dates, infer_article_date};
use crate::extract::entities::{EntityKind, EntityTable, resolve_aliases};
use crate::index::query::{Query, parse_query};
use crate::index::related::{EntityRef, RelatedDoc, RelatedIndex, RelatedReport};
use crate::index::search::{SearchIndex, SearchResult};
use crate::store::{MarkFilter, Progress, Session};

pub use stored::{OpenOptions, Position, StoreChoice};

pub struct Library {
    pub corpus: Corpus,
    pub search: SearchIndex,
    entities: OnceLock<EntityTable>,
    related: OnceLock<RelatedIndex>,
    store: Option<Session>,
    progress: Progress,
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

    pub fn new(mut corpus: Corpus) -> Library {
        date_undated(&mut corpus.articles);
        let search = SearchIndex::build(&corpus.articles);
        Library {
            corpus,
            search,
            entities: OnceLock::new(),
            related: OnceLock::new(),
            store: None,
            progress: Progress::default(),
        }
    }

    pub fn articles(&self) -> &[Article] {
        &self.corpus.articles
    }

    /// The article with `id`, if any.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.corpus.find(id)
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

    /// The entity table if it has been built already.
    pub fn entities_if_ready(&self) -> Option<&EntityTable> {
        self.entities.get()
    }

    /// The related-report index, built on first use (after the entities).
    pub fn related_index(&self) -> &RelatedIndex {
        self.related
            .get_or_init(|| RelatedIndex::build(&self.related_docs()))
    }

    /// Every article as the related-report index reads it: text, a date
    /// known to the day, and the names it shares with others (building the
    /// entity table if needed).
    pub fn related_docs(&self) -> Vec<RelatedDoc<'_>> {
        let table = self.entities();
        self.corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| RelatedDoc {
                body: &a.body,
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
        self.related_index().related(article, k)
    }

    /// Builds the entity table and the related index on a background
    /// thread, so a screen can open before they are ready.
    ///
    /// The work runs in a thread pool of its own, one thread short of the
    /// machine's cores, so searches (which use the global pool) never wait
    /// behind it.
    pub fn prepare_in_background(self: &Arc<Self>) {
        let lib = Arc::clone(self);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get().saturating_sub(1))
            .max(1);
        std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("dossier-index-{i}"))
                    .build();
                match pool {
                    Ok(pool) => pool.install(|| {
                        lib.related_index();
                    }),
                    Err(_) => {
                        lib.related_index();
                    }
                }
            })
            .ok();
    }

    /// Parses and runs a query typed by a person; the error is one line fit
    /// for a filter bar or a terminal. Entity terms use the entity table
    /// (building it if needed).
    pub fn query(&self, input: &str) -> Result<SearchResult, String> {
        let query = parse_query(input).map_err(|e| e.to_string())?;
        self.run_query(&query)
    }

    /// Runs a parsed query.
    pub fn run_query(&self, query: &Query) -> Result<SearchResult, String> {
        let filter = MarkFilter {
            entities: query.has_entity_terms().then(|| self.entities()),
            session: query
                .has_reader_terms()
                .then_some(self.store.as_ref())
                .flatten()
                .map(|s| (s, self.articles())),
        };
        let wanted = query.has_entity_terms() || query.has_reader_terms();
        self.search
            .search(
                &self.corpus.articles,
                query,
                wanted.then_some(&filter as &dyn crate::index::search::EntityFilter),
            )
            .map_err(|e| e.to_string())
    }

    /// The dates an article mentions, resolved against its own date when it
    /// is known to the day.
    pub fn date_mentions(&self, article: usize) -> Vec<DateMention> {
        let a = &self.corpus.articles[article];
        find_dates(&a.body, anchor(a))
    }
}

/// An article's date as an anchor for relative expressions: only a date
/// known to the day, and not one that was itself inferred from the text.
fn anchor(a: &Article) -> Option<NaiveDate> {
    a.date
        .filter(|d| d.granularity == Granularity::Day && a.date_source != DateSource::Inferred)
        .map(|d| d.start)
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
        .filter(|m| table.entities[m.entity].kind != EntityKind::Misc)
        .map(|m| m.entity as u32)
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
    articles.par_iter_mut().for_each(|a| {
        if a.date.is_some() {
            return;
        }
        let first = a.paragraphs().next().unwrap_or("");
        let from_line = dateline_date(first, None)
            .or_else(|| a.dateline.as_deref().and_then(|d| dateline_date(d, None)));
        if let Some((place, date)) = from_line {
            a.date = Some(date);
            a.date_source = DateSource::Dateline;
            // The date now stands on its own; the dateline keeps the place.
            a.dateline = Some(place);
        } else if let Some((date, evidence)) = infer_article_date(&a.body).or_else(|| {
            // A date stamp line ("Published 18 November 2019", "Jane Roe -
            // Nov 19, 2019") may have been taken out of the body as page
            // furniture; each piece stands alone, continuing no other.
            a.furniture.iter().find_map(|f| infer_article_date(&f.text))
        }) {
            a.date = Some(date);
            a.date_source = DateSource::Inferred;
            a.date_evidence = evidence;
        }
    });
}
