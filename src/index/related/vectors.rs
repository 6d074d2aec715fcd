//! TF-IDF word vectors for the whole corpus and the inverted index that finds
//! a report's candidate neighbours without comparing it to every other one.
//! Knows words, counts and weights; nothing of dates, entities or duplicates.
//!
//! The vectors and the inverted index are built in memory. Once kept (see
//! [`ListSource`]) they are read from where they are kept a few at a time,
//! as a question needs them: at 100,000 reports they are some 80 MB that a
//! question touches a few hundred lists of.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyse::Analysed;
use super::for_each_shared;
use crate::flat::Flat;
use rustc_hash::FxHashMap as FastMap;

/// Terms of a report used to look for candidates: its highest-weight ones
/// carry almost all of any large cosine.
const QUERY_TERMS: usize = 24;
/// Terms in more than this share of reports are left out of the inverted
/// index: they name no story and their postings dominate the cost.
const MAX_DF_SHARE: f32 = 0.02;
/// Below this many reports every term is indexed: shares mean nothing yet.
const MIN_DF_CAP: usize = 64;
/// Above this, a term's postings are never walked, whatever the corpus size:
/// the walk's cost per query must not grow with the corpus.
const MAX_DF_CAP: usize = 400;

thread_local! {
    /// Dense per-thread score accumulator and the slots it touched: a hash
    /// map per query costs several times more on a large corpus.
    static ACCUMULATOR: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    /// One report's weights spread over the vocabulary, so its cosine with
    /// each candidate is a lookup per candidate term instead of a merge.
    static DENSE: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The term ids of each of a report's sentences, sorted.
pub type SentenceTerms = Vec<Vec<u32>>;

/// Where the lists of a kept index are read from: each report's vector
/// (numbered by the report) and each indexed term's postings (numbered
/// [`POSTINGS`] on from the term).
pub trait ListSource: Send + Sync {
    /// Hands `each` the bytes of every list of `ids` (ascending) that is
    /// kept; one not kept is left out.
    fn read(&self, ids: &[u64], each: &mut dyn FnMut(u64, &[u8]));
}

/// The number of term 0's postings among the lists.
pub const POSTINGS: u64 = 1 << 32;

/// A report's vector or a term's postings: (term or report, weight) pairs,
/// sorted by the first.
type Pairs = [(u32, f32)];

/// Where the vectors and the inverted index are.
enum Lists {
    Memory {
        /// Per report: (term, weight) sorted by term, unit length.
        docs: Flat<(u32, f32)>,
        /// Per term: (report, weight); empty for terms too common to index.
        postings: Flat<(u32, f32)>,
    },
    Kept {
        source: Arc<dyn ListSource>,
        docs: usize,
        /// One bit a term: whether it has postings.
        indexed: Vec<u64>,
    },
}

impl Default for Lists {
    fn default() -> Self {
        Lists::Memory {
            docs: Flat::default(),
            postings: Flat::default(),
        }
    }
}

impl std::fmt::Debug for Lists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lists::Memory { docs, .. } => write!(f, "{} vectors in memory", docs.len()),
            Lists::Kept { docs, .. } => write!(f, "{docs} vectors kept"),
        }
    }
}

/// Word vectors of every report, with what is needed to search them.
#[derive(Debug, Default)]
pub struct Vectors {
    pub vocab: Vec<String>,
    pub idf: Vec<f32>,
    lists: Lists,
}

impl Vectors {
    /// Builds vocabulary, IDF and vectors; returns the term ids of each
    /// report's sentences alongside, since they share the vocabulary, and
    /// every word key with its term id, sorted by key. Each analysis's
    /// words and sentences are taken (freed) as they become vectors.
    pub fn build(
        analysed: &mut [Analysed],
        mut spellings: FastMap<u64, String>,
    ) -> (Self, Vec<SentenceTerms>, Vec<(u64, u32)>) {
        let mut ids: FastMap<u64, u32> = FastMap::default();
        let mut vocab: Vec<String> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        for a in analysed.iter() {
            for &(k, _) in &a.terms {
                let id = *ids.entry(k).or_insert_with(|| {
                    vocab.push(spellings.remove(&k).unwrap_or_default());
                    df.push(0);
                    (vocab.len() - 1) as u32
                });
                df[id as usize] += 1;
            }
        }
        let n = analysed.len() as f32;
        // Smoothed IDF: a word in every report still weighs something, so a
        // tiny corpus (where every word is "common") still ranks sensibly.
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let (docs, sentences): (Vec<_>, Vec<_>) = analysed
            .par_iter_mut()
            .map(|a| {
                let mut v: Vec<(u32, f32)> = std::mem::take(&mut a.terms)
                    .iter()
                    .filter_map(|&(k, c)| {
                        let t = *ids.get(&k)?;
                        // Sublinear tf: the tenth "oil" says less than the first.
                        Some((t, (1.0 + (c as f32).ln()) * idf[t as usize]))
                    })
                    .collect();
                v.sort_unstable_by_key(|&(t, _)| t);
                normalise(&mut v);
                let sents = std::mem::take(&mut a.sentences)
                    .iter()
                    .map(|s| {
                        let mut t: Vec<u32> =
                            s.iter().filter_map(|k| ids.get(k).copied()).collect();
                        t.sort_unstable();
                        t
                    })
                    .collect();
                (v, sents)
            })
            .unzip();
        let mut terms: Vec<(u64, u32)> = ids.into_iter().collect();
        terms.sort_unstable();
        (
            Self::from_parts(vocab, idf, docs.into_iter().collect()),
            sentences,
            terms,
        )
    }

    /// The vectors from their vocabulary, IDF and reports' weights, with
    /// the inverted index made from them.
    /// Every term id in `docs` must be below the vocabulary's length.
    pub fn from_parts(vocab: Vec<String>, idf: Vec<f32>, docs: Flat<(u32, f32)>) -> Self {
        let mut df = vec![0usize; vocab.len()];
        for &(t, _) in docs.items() {
            df[t as usize] += 1;
        }
        let n = docs.len() as f32;
        let cap = ((n * MAX_DF_SHARE) as usize).clamp(MIN_DF_CAP, MAX_DF_CAP);
        // A term too common to index gets an empty list.
        let lengths: Vec<usize> = df.iter().map(|&d| if d <= cap { d } else { 0 }).collect();
        let postings = Flat::gather(
            &lengths,
            docs.iter()
                .enumerate()
                .flat_map(|(doc, v)| v.iter().map(move |&(t, w)| (t as usize, (doc as u32, w)))),
        );
        Self {
            vocab,
            idf,
            lists: Lists::Memory { docs, postings },
        }
    }

    /// Vectors whose lists are kept in `source`: `docs` reports, and the
    /// terms with postings as the bits of `indexed` say (see
    /// [`Vectors::indexed`]). `None` when `indexed` does not fit the
    /// vocabulary.
    pub fn kept(
        vocab: Vec<String>,
        idf: Vec<f32>,
        docs: usize,
        indexed: Vec<u64>,
        source: Arc<dyn ListSource>,
    ) -> Option<Self> {
        (indexed.len() == vocab.len().div_ceil(64) && idf.len() == vocab.len()).then_some(Self {
            vocab,
            idf,
            lists: Lists::Kept {
                source,
                docs,
                indexed,
            },
        })
    }

    /// Number of reports.
    pub fn len(&self) -> usize {
        match &self.lists {
            Lists::Memory { docs, .. } => docs.len(),
            Lists::Kept { docs, .. } => *docs,
        }
    }

    /// One bit a term, set when the term has postings.
    pub fn indexed(&self) -> Vec<u64> {
        let mut bits = vec![0u64; self.vocab.len().div_ceil(64)];
        for (t, bit) in bits.iter_mut().enumerate() {
            for b in 0..64 {
                if self.is_indexed((t * 64 + b) as u32) {
                    *bit |= 1 << b;
                }
            }
        }
        bits
    }

    fn is_indexed(&self, t: u32) -> bool {
        match &self.lists {
            Lists::Memory { postings, .. } => {
                postings.get(t as usize).is_some_and(|p| !p.is_empty())
            }
            Lists::Kept { indexed, .. } => indexed
                .get(t as usize / 64)
                .is_some_and(|w| w & (1 << (t % 64)) != 0),
        }
    }

    /// Every list held in memory, numbered as a [`ListSource`] numbers
    /// them and in that order, as bytes: nothing once they are kept.
    pub fn lists(&self) -> impl Iterator<Item = (u64, Vec<u8>)> + '_ {
        let (docs, postings) = match &self.lists {
            Lists::Memory { docs, postings } => (Some(docs), Some(postings)),
            Lists::Kept { .. } => (None, None),
        };
        let docs = docs.into_iter().flat_map(|d| d.iter().enumerate());
        let postings = postings
            .into_iter()
            .flat_map(|p| p.iter().enumerate())
            .filter(|(_, p)| !p.is_empty())
            .map(|(t, p)| (t as u64 + POSTINGS, p));
        docs.map(|(d, v)| (d as u64, v))
            .chain(postings)
            .map(|(id, pairs)| (id, pairs_to_bytes(pairs)))
    }

    /// From now on, reads the lists from `source` (which holds what
    /// [`Vectors::lists`] gave), freeing the ones in memory.
    pub fn keep_in(&mut self, source: Arc<dyn ListSource>) {
        let indexed = self.indexed();
        self.lists = Lists::Kept {
            source,
            docs: self.len(),
            indexed,
        };
    }

    /// The vectors of `ids`, in that order; an empty one for a report
    /// without one (or whose kept list is damaged).
    fn docs_of(&self, ids: &[u32]) -> Vec<Cow<'_, Pairs>> {
        match &self.lists {
            Lists::Memory { docs, .. } => ids
                .iter()
                .map(|&d| Cow::Borrowed(docs.get(d as usize).unwrap_or_default()))
                .collect(),
            Lists::Kept { source, .. } => {
                let terms = self.vocab.len();
                read_kept(source.as_ref(), ids.iter().map(|&d| d as u64), terms)
            }
        }
    }

    /// The postings of `terms`, in that order.
    fn postings_of(&self, terms: &[u32]) -> Vec<Cow<'_, Pairs>> {
        match &self.lists {
            Lists::Memory { postings, .. } => terms
                .iter()
                .map(|&t| Cow::Borrowed(postings.get(t as usize).unwrap_or_default()))
                .collect(),
            Lists::Kept { source, docs, .. } => read_kept(
                source.as_ref(),
                terms.iter().map(|&t| t as u64 + POSTINGS),
                *docs,
            ),
        }
    }

    /// Up to `max` reports sharing `doc`'s most telling words, with a partial
    /// dot product that orders them roughly; exact scores come later.
    pub fn candidates(&self, doc: usize, max: usize) -> Vec<(u32, f32)> {
        if doc >= self.len() {
            return Vec::new();
        }
        let [v] = &self.docs_of(&[doc as u32])[..] else {
            return Vec::new();
        };
        let mut query: Vec<(u32, f32)> = v
            .iter()
            .copied()
            .filter(|&(t, _)| self.is_indexed(t))
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        query.truncate(QUERY_TERMS);
        let terms: Vec<u32> = query.iter().map(|&(t, _)| t).collect();
        let postings = self.postings_of(&terms);
        let n = self.len();
        let mut out = ACCUMULATOR.with_borrow_mut(|(acc, touched)| {
            if acc.len() < n {
                acc.resize(n, 0.0);
            }
            for (&(_, wq), p) in query.iter().zip(&postings) {
                for &(d, wd) in p.iter() {
                    let slot = &mut acc[d as usize];
                    if *slot == 0.0 {
                        touched.push(d);
                    }
                    *slot += wq * wd;
                }
            }
            let out: Vec<(u32, f32)> = touched
                .drain(..)
                .filter(|&d| d as usize != doc)
                .map(|d| (d, std::mem::take(&mut acc[d as usize])))
                .collect();
            acc[doc] = 0.0;
            out
        });
        top_by_score(&mut out, max);
        out
    }

    /// Exact cosines of `doc` with each of `others`.
    pub fn cosines(&self, doc: usize, others: impl Iterator<Item = u32>) -> Vec<(u32, f32)> {
        let others: Vec<u32> = others.collect();
        if doc >= self.len() {
            return others.into_iter().map(|o| (o, 0.0)).collect();
        }
        let mut ids = Vec::with_capacity(others.len() + 1);
        ids.push(doc as u32);
        ids.extend(others.iter().map(|&o| {
            if (o as usize) < self.len() {
                o
            } else {
                u32::MAX
            }
        }));
        let vectors = self.docs_of(&ids);
        let v = &vectors[0];
        DENSE.with_borrow_mut(|dense| {
            if dense.len() < self.vocab.len() {
                dense.resize(self.vocab.len(), 0.0);
            }
            for &(t, w) in v.iter() {
                dense[t as usize] = w;
            }
            let out = others
                .iter()
                .zip(&vectors[1..])
                .map(|(&o, terms)| (o, terms.iter().map(|&(t, w)| w * dense[t as usize]).sum()))
                .collect();
            for &(t, _) in v.iter() {
                dense[t as usize] = 0.0;
            }
            out
        })
    }

    /// The vectors of two reports, when both are indexed.
    fn pair(&self, a: usize, b: usize) -> Option<[Cow<'_, Pairs>; 2]> {
        let n = self.len();
        if a >= n || b >= n {
            return None;
        }
        self.docs_of(&[a as u32, b as u32]).try_into().ok()
    }

    /// Exact cosine of two reports' vectors (a question takes its
    /// candidates' from `cosines`, which sums the same products in the
    /// same order).
    #[cfg(test)]
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        self.pair(a, b).map_or(0.0, |[x, y]| dot(&x, &y))
    }

    /// The shared terms contributing most to the cosine of two reports.
    pub fn shared_terms(&self, a: usize, b: usize, max: usize) -> Vec<&str> {
        let Some([x, y]) = self.pair(a, b) else {
            return Vec::new();
        };
        let (x, y) = (x.as_ref(), y.as_ref());
        let mut shared = Vec::new();
        for_each_shared(x, y, |e| e.0, |&(t, p), &(_, q)| shared.push((t, p * q)));
        shared.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared
            .into_iter()
            .take(max)
            .map(|(t, _)| self.vocab[t as usize].as_str())
            .collect()
    }
}

/// Keeps the `max` highest scores, best first, ties by lower index.
pub fn top_by_score(v: &mut Vec<(u32, f32)>, max: usize) {
    let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if v.len() > max && max > 0 {
        v.select_nth_unstable_by(max - 1, order);
    }
    v.truncate(max);
    v.sort_unstable_by(order);
}

/// A list as bytes: each pair's first value and weight, little-endian.
fn pairs_to_bytes(pairs: &Pairs) -> Vec<u8> {
    let mut out = Vec::with_capacity(pairs.len() * 8);
    for &(id, w) in pairs {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// A kept list read back: `None` unless its first values rise strictly
/// and stay below `limit`, and its weights are finite.
fn pairs_from_bytes(bytes: &[u8], limit: usize) -> Option<Vec<(u32, f32)>> {
    if !bytes.len().is_multiple_of(8) {
        return None;
    }
    let pairs: Vec<(u32, f32)> = bytes
        .chunks_exact(8)
        .map(|c| {
            (
                u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                f32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            )
        })
        .collect();
    let fine = pairs.windows(2).all(|w| w[0].0 < w[1].0)
        && pairs
            .iter()
            .all(|&(id, w)| (id as usize) < limit && w.is_finite());
    fine.then_some(pairs)
}

/// The lists `ids` read from `source`, in that order; an empty one for a
/// list not kept or damaged (its values must stay below `limit`).
fn read_kept<'a>(
    source: &dyn ListSource,
    ids: impl Iterator<Item = u64>,
    limit: usize,
) -> Vec<Cow<'a, Pairs>> {
    let ids: Vec<u64> = ids.collect();
    let mut asked = ids.clone();
    asked.sort_unstable();
    asked.dedup();
    let mut found: FastMap<u64, Vec<(u32, f32)>> = FastMap::default();
    source.read(&asked, &mut |id, bytes| {
        if let Some(pairs) = pairs_from_bytes(bytes, limit) {
            found.insert(id, pairs);
        }
    });
    ids.iter()
        .map(|id| Cow::Owned(found.get(id).cloned().unwrap_or_default()))
        .collect()
}

fn normalise(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

#[cfg(test)]
fn dot(x: &[(u32, f32)], y: &[(u32, f32)]) -> f32 {
    let mut s = 0.0;
    for_each_shared(x, y, |e| e.0, |&(_, p), &(_, q)| s += p * q);
    s
}

#[cfg(test)]
mod tests {
    use super::super::analyse::analyse_all;
    use super::*;

    fn build(texts: &[&str]) -> Vectors {
        let pairs: Vec<(&str, &str)> = texts.iter().map(|t| ("", *t)).collect();
        let (mut a, spell) = analyse_all(&pairs);
        Vectors::build(&mut a, spell).0
    }

    #[test]
    fn cosine_is_one_for_same_words_and_zero_for_none_shared() {
        let v = build(&[
            "Copper miners strike in Chile.",
            "In Chile, copper miners strike!",
            "Tulip growers expect record harvest.",
        ]);
        assert!((v.cosine(0, 1) - 1.0).abs() < 1e-5);
        assert_eq!(v.cosine(0, 2), 0.0);
        let batch = v.cosines(0, [1, 2].into_iter());
        assert!((batch[0].1 - v.cosine(0, 1)).abs() < 1e-6 && batch[1] == (2, 0.0));
    }

    #[test]
    fn candidates_find_reports_sharing_rare_words_and_skip_self() {
        let v = build(&[
            "Copper miners strike in Chile over wages.",
            "Chile copper strike enters second week.",
            "Tulip growers expect record harvest.",
        ]);
        let c = v.candidates(0, 10);
        assert_eq!(c.iter().map(|&(d, _)| d).collect::<Vec<_>>(), vec![1]);
        assert_eq!(v.shared_terms(0, 1, 5).len(), 3);
    }
}
