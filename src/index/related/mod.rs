//! Related reports and near-duplicate groups over the corpus. Built once from
//! every article's text, title, date and (optionally) entity ids, it answers
//! "which other reports are about this story, and why" and "which reports are
//! copies or rewrites of one another". Candidates come from an inverted index
//! over each report's most telling words, MinHash bands and shared rare
//! entities, so no two full vectors are compared unless they share something.
//! Pure library code over strings: it knows nothing of files, parsing or
//! screens.
//!
//! Identical means the same body once runs of whitespace are collapsed (a
//! re-wrapped or re-indented copy is still a copy); any change of letters,
//! case or punctuation makes it at most a rewrite. Empty bodies are copies of
//! nothing.
//!
//! A rewrite is another version of the same report: most of the shorter
//! text's rarer phrases found in the other (an excerpt, a reordering, a light
//! edit), or, for a reworded version, at least four sentences and 40% of each
//! text's sentences matching one in the other by rare content words. Either
//! way the figures quoted must agree, and when both are dated they must be at
//! most a week apart: a templated item (a dividend notice, a daily balance)
//! repeats its wording with new numbers on new days and is not a copy.

mod analyse;
mod codec;
mod dupes;
mod entities;

mod groups;
mod rank;
pub(crate) mod text;
mod vectors;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

pub use groups::{DuplicateGroup, DuplicateKind, Group};

use dupes::{DupeFeatures, rewrite_overlap};
use entities::Entities;
use groups::Groups;
use rank::{Evidence, Sameness};
use text::normalise_whitespace;
pub use vectors::{ListSource, POSTINGS};
use vectors::{Vectors, top_by_score};

/// Candidates taken from the word index per report before exact scoring.
const WORD_CANDIDATES: usize = 48;
/// Cosine from which a candidate pair is checked as a possible rewrite;
/// rewrites of one report score far above it even when fully reworded.
const REWRITE_MIN_COSINE: f32 = 0.25;
/// Versions of one report appear within days of each other; the same
/// wording weeks apart is a series (a weekly figure, a standing notice).
const REWRITE_MAX_DAYS: i64 = 7;
/// Group members added to a report's candidates, beyond its word neighbours.
const GROUP_CANDIDATES: usize = 64;
/// Reports sharing the most telling entities a question compares word for
/// word: a country or a minister can be shared by thousands of reports,
/// and past the few hundred sharing the rarest ones the words rarely lift
/// one into the top.
const ENTITY_CANDIDATES: usize = 256;
/// Related reports scoring below this share nothing worth showing.
const MIN_SCORE: f32 = 0.02;

/// Calls `shared` with each pair of items of `x` and `y` whose keys are
/// equal, in key order; both must be sorted by `key`, no key twice.
fn for_each_shared<T, K: Ord>(
    x: &[T],
    y: &[T],
    key: impl Fn(&T) -> K,
    mut shared: impl FnMut(&T, &T),
) {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match key(&x[i]).cmp(&key(&y[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared(&x[i], &y[j]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// One article as the index needs it.
#[derive(Debug, Clone, Default)]
pub struct RelatedDoc<'a> {
    pub body: &'a str,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    /// The entities the report mentions; may be empty.
    pub entities: Vec<EntityRef<'a>>,
}

/// An entity as related reports weigh it: a corpus-wide id, the name the
/// reasons show, and how much sharing it says about two reports beyond its
/// rarity (a person pins a story down more than the country it happens in).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntityRef<'a> {
    pub id: u32,
    pub name: &'a str,
    pub weight: f32,
}

impl<'a> EntityRef<'a> {
    /// An entity of ordinary weight.
    pub fn new(id: u32, name: &'a str) -> Self {
        Self {
            id,
            name,
            weight: 1.0,
        }
    }
}

/// Another report worth reading next, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedReport {
    /// Index of the related report in the slice the index was built from.
    pub doc: usize,
    /// Higher is more related; 1.0 is an identical copy on the same day.
    pub score: f32,
    /// Reasons a person can read, strongest first ("same story (78% text
    /// overlap)", "shares Witkoff, Kushner", "1 day apart").
    pub reasons: Vec<String>,
}

impl RelatedReport {
    /// The reasons as one line: "shares Witkoff, Kushner; 1 day apart".
    pub fn reason_line(&self) -> String {
        self.reasons.join("; ")
    }
}

/// Related reports and duplicate groups of one corpus.
#[derive(Debug, Default)]
pub struct RelatedIndex {
    vectors: Vectors,
    /// Every content-word key of the corpus with its term id, sorted by
    /// key: a report's sentences are turned into terms again when two
    /// versions of one report are compared for the reasons.
    terms: Vec<(u64, u32)>,
    /// Sorted hashes of the phrases too common to count as shared wording
    /// (see `dupes::drop_boilerplate`).
    boilerplate: Vec<u64>,
    entities: Entities,
    dates: Vec<Option<NaiveDate>>,
    groups: Groups,
}

/// Reports whose bodies are read and analysed together when the bodies are
/// read as the index is built: only one batch of text is held at a time.
const READ_BATCH: usize = 8192;

/// Reads the bodies of a range of reports, in order.
pub type ReadBodies<'r> = dyn Fn(Range<usize>) -> Vec<Cow<'r, str>> + Sync + 'r;

/// Reads one report's body. The index keeps no text: the few reports a
/// question compares word for word are read when it is asked.
pub type ReadBody<'r> = dyn Fn(usize) -> Cow<'r, str> + Sync + 'r;

impl RelatedIndex {
    /// Indexes `docs`; report indices in answers are positions in this slice.
    pub fn build(docs: &[RelatedDoc]) -> Self {
        Self::build_reading(docs, &|range: Range<usize>| {
            docs[range].iter().map(|d| Cow::Borrowed(d.body)).collect()
        })
    }

    /// `build` for docs whose bodies are not at hand (their `body` is not
    /// read): `bodies` reads them a batch at a time, and once more for the
    /// few pairs of possible identical copies.
    pub fn build_reading(docs: &[RelatedDoc], bodies: &ReadBodies<'_>) -> Self {
        Self::build_in_batches(docs, bodies, READ_BATCH)
    }

    fn build_in_batches(docs: &[RelatedDoc], bodies: &ReadBodies<'_>, batch: usize) -> Self {
        let mut analysed = Vec::with_capacity(docs.len());
        let mut spellings = rustc_hash::FxHashMap::default();
        for start in (0..docs.len()).step_by(batch.max(1)) {
            let range = start..(start + batch).min(docs.len());
            let read = bodies(range.clone());
            let texts: Vec<(&str, &str)> = docs[range]
                .iter()
                .zip(&read)
                .map(|(d, b)| (d.title, b.as_ref()))
                .collect();
            let (batch, spelt) = analyse::analyse_all(&texts);
            analysed.extend(batch);
            // The first spelling seen of a word, as over the whole corpus.
            for (k, w) in spelt {
                spellings.entry(k).or_insert(w);
            }
        }
        let body = |d: usize| bodies(d..d + 1).pop().unwrap_or_default();
        let (vectors, sentences, terms) = Vectors::build(&mut analysed, spellings);
        let entities = Entities::build(docs.iter().map(|d| d.entities.as_slice()));
        let hashes: Vec<Option<u64>> = analysed.iter().map(|a| a.body_hash).collect();
        let mut features: Vec<DupeFeatures> = analysed
            .into_par_iter()
            .zip(sentences.into_par_iter())
            .map(|(a, s)| DupeFeatures::new(a.shingles, a.figures, &s, &vectors.idf))
            .collect();
        // Word neighbours close enough to be another version: grouping
        // verifies them. A question finds one report's neighbours again.
        let neighbours: Vec<Vec<u32>> = (0..docs.len())
            .into_par_iter()
            .map(|d| {
                let found = vectors.candidates(d, WORD_CANDIDATES);
                let c = vectors.cosines(d, found.iter().map(|&(o, _)| o));
                c.into_iter()
                    .filter(|&(_, cos)| cos >= REWRITE_MIN_COSINE)
                    .map(|(o, _)| o)
                    .collect()
            })
            .collect();
        let (groups, boilerplate) = Groups::build(
            &hashes,
            &mut features,
            &vectors.idf,
            |a, b| normalise_whitespace(&body(a)) == normalise_whitespace(&body(b)),
            |d| neighbours[d].clone(),
            |a, b| match (docs[a].date, docs[b].date) {
                (Some(x), Some(y)) => (x - y).num_days().abs() <= REWRITE_MAX_DAYS,
                _ => true,
            },
        );
        Self {
            vectors,
            terms,
            boilerplate,
            entities,
            dates: docs.iter().map(|d| d.date).collect(),
            groups,
        }
    }

    /// The word vectors and their inverted index as numbered lists, to
    /// keep beside the record `encode` writes; nothing once they are kept.
    pub fn lists(&self) -> impl Iterator<Item = (u64, Vec<u8>)> + '_ {
        self.vectors.lists()
    }

    /// From now on, reads the word vectors and their inverted index from
    /// `source`, which holds what `lists` gave; frees them from memory.
    pub fn keep_lists_in(&mut self, source: Arc<dyn ListSource>) {
        self.vectors.keep_in(source);
    }

    /// Number of reports indexed.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// Up to `k` reports most related to `doc`, best first (ties by index),
    /// reading with `body` the few whose wording the reasons compare.
    /// Empty for an index out of range.
    pub fn related(&self, doc: usize, k: usize, body: &ReadBody<'_>) -> Vec<RelatedReport> {
        if doc >= self.len() || k == 0 {
            return Vec::new();
        }
        let words = self.vectors.candidates(doc, WORD_CANDIDATES.max(2 * k));
        let mut sharing = self.entities.candidates(doc);
        top_by_score(&mut sharing, ENTITY_CANDIDATES.max(2 * k));
        let mut pool: Vec<u32> = words.iter().chain(&sharing).map(|&(d, _)| d).collect();
        if let Some(g) = self.groups.of_doc[doc] {
            let members = &self.groups.groups[g as usize].members;
            pool.extend(members.iter().take(GROUP_CANDIDATES).map(|&m| m as u32));
        }
        pool.sort_unstable();
        pool.dedup();
        let uses_entities = self.entities.has_any(doc);
        // In the pool's order: ascending.
        let cosines = self
            .vectors
            .cosines(doc, pool.into_iter().filter(|&o| o as usize != doc));
        let mut scored: Vec<(u32, f32)> = cosines
            .iter()
            .map(|&(o, cos)| (o, self.score(doc, o as usize, cos, uses_entities)))
            .filter(|&(_, s)| s >= MIN_SCORE)
            .collect();
        top_by_score(&mut scored, k);
        // `doc`'s wording, compared with each of its versions listed.
        let features = std::cell::OnceCell::new();
        scored
            .into_iter()
            .map(|(o, score)| {
                let at = cosines.binary_search_by_key(&o, |&(d, _)| d);
                let cosine = at.map_or(0.0, |i| cosines[i].1);
                RelatedReport {
                    doc: o as usize,
                    score,
                    reasons: self.reasons(doc, o as usize, cosine, body, &features),
                }
            })
            .collect()
    }

    fn score(&self, a: usize, b: usize, cosine: f32, uses_entities: bool) -> f32 {
        let uses_entities = uses_entities || self.entities.has_any(b);
        let entity_sim = self.entities.score(a, b);
        let mut cosine = cosine;
        if self.groups.copy_of[a] == self.groups.copy_of[b] {
            // Same body: titles may differ, the report does not.
            cosine = 1.0;
        }
        rank::combine(
            cosine,
            entity_sim,
            uses_entities,
            rank::date_factor(self.dates[a], self.dates[b]),
        )
    }

    /// Why `b` is related to `a`, whose word cosine is `cosine`;
    /// `a_features` holds `a`'s wording once a version of it has needed it.
    fn reasons(
        &self,
        a: usize,
        b: usize,
        cosine: f32,
        body: &ReadBody<'_>,
        a_features: &std::cell::OnceCell<DupeFeatures>,
    ) -> Vec<String> {
        let same_group =
            self.groups.of_doc[a].is_some() && self.groups.of_doc[a] == self.groups.of_doc[b];
        let sameness = if self.groups.copy_of[a] == self.groups.copy_of[b] {
            Sameness::Identical
        } else if same_group {
            Sameness::Rewrite(rewrite_overlap(
                a_features.get_or_init(|| self.features(&body(a))),
                &self.features(&body(b)),
                &self.vectors.idf,
            ))
        } else {
            Sameness::Distinct
        };
        let (_, shared) = self.entities.similarity(a, b);
        let shared_words = if rank::words_worth_listing(&sameness, cosine, shared.is_empty()) {
            self.vectors.shared_terms(a, b, 3)
        } else {
            Vec::new()
        };
        rank::reasons(&Evidence {
            sameness,
            cosine,
            shared_entities: shared.iter().map(|&id| self.entities.name(id)).collect(),
            shared_words,
            dates: (self.dates[a], self.dates[b]),
        })
    }

    /// What a body offers for comparing wording, as the index was built
    /// from: its phrases less the corpus's boilerplate, its figures and its
    /// sentences in the corpus's terms.
    fn features(&self, body: &str) -> DupeFeatures {
        let a = analyse::analyse("", body, &mut rustc_hash::FxHashMap::default());
        let mut shingles = a.shingles;
        shingles.retain(|s| self.boilerplate.binary_search(s).is_err());
        let sentences: Vec<Vec<u32>> = a
            .sentences
            .iter()
            .map(|keys| {
                let mut ids: Vec<u32> = keys
                    .iter()
                    .filter_map(|k| {
                        let at = self.terms.binary_search_by_key(k, |&(key, _)| key).ok()?;
                        Some(self.terms[at].1)
                    })
                    .collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        DupeFeatures::new(shingles, a.figures, &sentences, &self.vectors.idf)
    }

    /// The duplicate group `doc` belongs to, and whether it is an identical
    /// copy there; `None` when it has no copy or rewrite in the corpus.
    pub fn duplicate_group(&self, doc: usize) -> Option<DuplicateGroup> {
        self.groups.of(doc)
    }

    /// Every duplicate group, ordered by id (smallest member).
    pub fn groups(&self) -> &[Group] {
        &self.groups.groups
    }
}
