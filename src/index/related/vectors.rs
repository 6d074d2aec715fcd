//! TF-IDF word vectors for the whole corpus and the inverted index that finds
//! a report's candidate neighbours without comparing it to every other one.
//! Knows words, counts and weights; nothing of dates, entities or duplicates.

use rayon::prelude::*;

use super::analyse::Analysed;
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

/// Word vectors of every report, with what is needed to search them.
#[derive(Debug, Default)]
pub struct Vectors {
    pub vocab: Vec<String>,
    pub idf: Vec<f32>,
    /// Per report: (term, weight) sorted by term, unit length.
    pub docs: Vec<Vec<(u32, f32)>>,
    /// Per term: (report, weight); empty for terms too common to index.
    postings: Vec<Vec<(u32, f32)>>,
}

impl Vectors {
    /// Builds vocabulary, IDF and vectors; returns the term ids of each
    /// report's sentences alongside, since they share the vocabulary.
    pub fn build(
        analysed: &[Analysed],
        mut spellings: FastMap<u64, String>,
    ) -> (Self, Vec<Vec<Vec<u32>>>) {
        let mut ids: FastMap<u64, u32> = FastMap::default();
        let mut vocab: Vec<String> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        for a in analysed {
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
            .par_iter()
            .map(|a| {
                let mut v: Vec<(u32, f32)> = a
                    .terms
                    .iter()
                    .filter_map(|&(k, c)| {
                        let t = *ids.get(&k)?;
                        // Sublinear tf: the tenth "oil" says less than the first.
                        Some((t, (1.0 + (c as f32).ln()) * idf[t as usize]))
                    })
                    .collect();
                v.sort_unstable_by_key(|&(t, _)| t);
                normalise(&mut v);
                let sents = a
                    .sentences
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
        let cap = ((n * MAX_DF_SHARE) as usize).clamp(MIN_DF_CAP, MAX_DF_CAP);
        let mut postings: Vec<Vec<(u32, f32)>> = df
            .iter()
            .map(|&d| {
                if (d as usize) <= cap {
                    Vec::with_capacity(d as usize)
                } else {
                    Vec::new()
                }
            })
            .collect();
        for (doc, v) in docs.iter().enumerate() {
            for &(t, w) in v {
                if (df[t as usize] as usize) <= cap {
                    postings[t as usize].push((doc as u32, w));
                }
            }
        }
        (
            Self {
                vocab,
                idf,
                docs,
                postings,
            },
            sentences,
        )
    }

    /// Up to `max` reports sharing `doc`'s most telling words, with a partial
    /// dot product that orders them roughly; exact scores come later.
    pub fn candidates(&self, doc: usize, max: usize) -> Vec<(u32, f32)> {
        let Some(v) = self.docs.get(doc) else {
            return Vec::new();
        };
        let mut query: Vec<(u32, f32)> = v
            .iter()
            .copied()
            .filter(|&(t, _)| !self.postings[t as usize].is_empty())
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        query.truncate(QUERY_TERMS);
        let mut out = ACCUMULATOR.with_borrow_mut(|(acc, touched)| {
            if acc.len() < self.docs.len() {
                acc.resize(self.docs.len(), 0.0);
            }
            for (t, wq) in query {
                for &(d, wd) in &self.postings[t as usize] {
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
        let Some(v) = self.docs.get(doc) else {
            return others.map(|o| (o, 0.0)).collect();
        };
        DENSE.with_borrow_mut(|dense| {
            if dense.len() < self.vocab.len() {
                dense.resize(self.vocab.len(), 0.0);
            }
            for &(t, w) in v {
                dense[t as usize] = w;
            }
            let out = others
                .map(|o| {
                    let terms = self.docs.get(o as usize).map_or(&[][..], Vec::as_slice);
                    (o, terms.iter().map(|&(t, w)| w * dense[t as usize]).sum())
                })
                .collect();
            for &(t, _) in v {
                dense[t as usize] = 0.0;
            }
            out
        })
    }

    /// Exact cosine of two reports' vectors.
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        match (self.docs.get(a), self.docs.get(b)) {
            (Some(x), Some(y)) => dot(x, y),
            _ => 0.0,
        }
    }

    /// The shared terms contributing most to the cosine of two reports.
    pub fn shared_terms(&self, a: usize, b: usize, max: usize) -> Vec<&str> {
        let (Some(x), Some(y)) = (self.docs.get(a), self.docs.get(b)) else {
            return Vec::new();
        };
        let mut shared = Vec::new();
        merge(x, y, |t, p, q| shared.push((t, p * q)));
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

fn normalise(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

fn merge(x: &[(u32, f32)], y: &[(u32, f32)], mut on_shared: impl FnMut(u32, f32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                on_shared(x[i].0, x[i].1, y[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

fn dot(x: &[(u32, f32)], y: &[(u32, f32)]) -> f32 {
    let mut s = 0.0;
    merge(x, y, |_, p, q| s += p * q);
    s
}

#[cfg(test)]
mod tests {
    use super::super::analyse::analyse_all;
    use super::*;

    fn build(texts: &[&str]) -> Vectors {
        let pairs: Vec<(&str, &str)> = texts.iter().map(|t| ("", *t)).collect();
        let (a, spell) = analyse_all(&pairs);
        Vectors::build(&a, spell).0
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
