//! Near-duplicate detection: identical copies by body fingerprint, candidate
//! rewrites by MinHash/LSH over word shingles and by the caller's similar
//! pairs, each candidate verified by shingle containment or sentence
//! alignment, then joined into groups. Knows nothing of ranking or dates.

use rayon::prelude::*;

use super::analyse::mix;
use super::for_each_shared;

/// MinHash signature length and its split into LSH bands: 16 bands of 4 rows
/// put the 50% detection point near a shingle Jaccard of 0.5.
const SIGNATURE: usize = 64;
const ROWS: usize = 4;
/// Fewer distinct shingles than this (about a sentence) is too little text to
/// call a copy of anything by shingles alone.
const MIN_SHINGLES: usize = 12;
/// Share of the shorter text's shingles found in the longer one above which
/// one is a light edit, a reordering or an excerpt of the other.
const CONTAINMENT: f32 = 0.5;
/// A short item (a notice, a one-paragraph brief) must match almost entirely:
/// templated briefs share half their phrases while saying different things.
const SHORT_SHINGLES: usize = 40;
const SHORT_CONTAINMENT: f32 = 0.8;
/// IDF-weighted Jaccard of content words above which two sentences say the
/// same thing in other words.
const SENTENCE_MATCH: f32 = 0.2;
/// Share of each report's sentences that must find a match in the other for
/// a reworded copy; different reports of one event stay below it.
const ALIGNED_SHARE: f32 = 0.4;
/// At least this many matched sentences: short templated items (a bond
/// issue, a central-bank operation) align line by line yet report different
/// things, so a reworded text must be long enough to show it is the same one.
const MIN_ALIGNED: usize = 4;
/// A reworded text keeps wording loosely, so its figures must agree closely.
const REWORDED_FIGURES_AGREE: f32 = 0.75;

/// Share of the figures of the report quoting fewer of them that the other
/// must quote too: a rewrite repeats the story's numbers, while a templated
/// item (a dividend notice, a daily balance) repeats the wording with new ones.
const FIGURES_AGREE: f32 = 0.5;
/// Reports quoting fewer figures than this give no evidence either way.
const MIN_FIGURES: usize = 2;

/// What one report offers for duplicate verification.
#[derive(Debug, Default)]
pub struct DupeFeatures {
    pub shingles: Vec<u64>,
    /// Sorted hashes of the figures quoted.
    pub figures: Vec<u64>,
    /// (term, sentence) pairs sorted by term.
    pub sentence_terms: Vec<(u32, u16)>,
    /// Sum of the IDF of each sentence's terms.
    pub sentence_weights: Vec<f32>,
}

impl DupeFeatures {
    pub fn new(shingles: Vec<u64>, figures: Vec<u64>, sentences: &[Vec<u32>], idf: &[f32]) -> Self {
        let sentences = &sentences[..sentences.len().min(usize::from(u16::MAX))];
        let mut sentence_terms: Vec<(u32, u16)> = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.iter().map(move |&t| (t, i as u16)))
            .collect();
        sentence_terms.sort_unstable();
        let sentence_weights = sentences
            .iter()
            .map(|s| {
                s.iter()
                    .map(|&t| idf.get(t as usize).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        Self {
            shingles,
            figures,
            sentence_terms,
            sentence_weights,
        }
    }
}

/// How much of two reports is the same text, when one is a copy or rewrite of
/// the other: shingle containment for copies and excerpts, else the share of
/// sentences that align. `None` when they are not the same report.
pub fn rewrite_overlap(a: &DupeFeatures, b: &DupeFeatures, idf: &[f32]) -> Option<f32> {
    let fewer = a.figures.len().min(b.figures.len());
    let figures_agree = if fewer >= MIN_FIGURES {
        sorted_intersection(&a.figures, &b.figures) as f32 / fewer as f32
    } else {
        1.0
    };
    if figures_agree < FIGURES_AGREE {
        return None;
    }
    let smaller = a.shingles.len().min(b.shingles.len());
    if smaller >= MIN_SHINGLES {
        let contained = sorted_intersection(&a.shingles, &b.shingles) as f32 / smaller as f32;
        let needed = if smaller < SHORT_SHINGLES {
            SHORT_CONTAINMENT
        } else {
            CONTAINMENT
        };
        if contained >= needed {
            return Some(contained);
        }
    }
    let (na, nb) = (a.sentence_weights.len(), b.sentence_weights.len());
    if na < MIN_ALIGNED || nb < MIN_ALIGNED || figures_agree < REWORDED_FIGURES_AGREE {
        return None;
    }
    let mut shared = vec![0f32; na * nb];
    let (x, y) = (&a.sentence_terms, &b.sentence_terms);
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (t, u) = (x[i].0, y[j].0);
        if t < u {
            i += 1;
        } else if t > u {
            j += 1;
        } else {
            let i_end = i + x[i..].iter().take_while(|p| p.0 == t).count();
            let j_end = j + y[j..].iter().take_while(|p| p.0 == t).count();
            let w = idf.get(t as usize).copied().unwrap_or(0.0);
            for &(_, sa) in &x[i..i_end] {
                for &(_, sb) in &y[j..j_end] {
                    shared[usize::from(sa) * nb + usize::from(sb)] += w;
                }
            }
            (i, j) = (i_end, j_end);
        }
    }
    let matches = |sa: usize, sb: usize| {
        let s = shared[sa * nb + sb];
        let union = a.sentence_weights[sa] + b.sentence_weights[sb] - s;
        union > 0.0 && s / union >= SENTENCE_MATCH
    };
    let aligned_a = (0..na)
        .filter(|&sa| (0..nb).any(|sb| matches(sa, sb)))
        .count();
    let aligned_b = (0..nb)
        .filter(|&sb| (0..na).any(|sa| matches(sa, sb)))
        .count();
    // Both ways: a rewrite of one report covers most of the other, while a
    // follow-up that reuses some background covers only part of either.
    let share = (aligned_a as f32 / na as f32).min(aligned_b as f32 / nb as f32);
    (aligned_a.min(aligned_b) >= MIN_ALIGNED && share >= ALIGNED_SHARE).then_some(share)
}

fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let mut n = 0;
    for_each_shared(a, b, |&v| v, |_, _| n += 1);
    n
}

/// A phrase found in more distinct reports than this is boilerplate: template
/// wording of a standing item, an agency sign-off, a legal notice. Sharing it
/// says nothing about being the same report.
const BOILERPLATE_REPORTS: usize = 10;

/// The corpus's phrases are counted a slice of the hash space at a time
/// (by their top bits), so the count never holds every phrase at once.
const BOILERPLATE_SLICES: u64 = 16;

/// Removes boilerplate phrases from every report's shingles, counting each
/// distinct text once (only `eligible` reports are counted); returns them,
/// sorted.
pub fn drop_boilerplate(features: &mut [DupeFeatures], eligible: &[bool]) -> Vec<u64> {
    let slice_of = |s: u64| s / (u64::MAX / BOILERPLATE_SLICES + 1);
    let mut common: Vec<u64> = Vec::new();
    for slice in 0..BOILERPLATE_SLICES {
        let mut all: Vec<u64> = features
            .iter()
            .zip(eligible)
            .filter(|(_, ok)| **ok)
            .flat_map(|(f, _)| f.shingles.iter().copied())
            .filter(|&s| slice_of(s) == slice)
            .collect();
        all.par_sort_unstable();
        common.extend(
            all.chunk_by(|a, b| a == b)
                .filter(|run| run.len() > BOILERPLATE_REPORTS)
                .map(|run| run[0]),
        );
    }
    if !common.is_empty() {
        features
            .par_iter_mut()
            .for_each(|f| f.shingles.retain(|s| common.binary_search(s).is_err()));
    }
    common
}

/// Pairs of reports whose shingle sets probably overlap heavily, found by
/// MinHash banding; only `eligible` reports take part.
pub fn lsh_pairs(features: &[DupeFeatures], eligible: &[bool]) -> Vec<(u32, u32)> {
    let signatures: Vec<Option<[u32; SIGNATURE]>> = features
        .par_iter()
        .zip(eligible.par_iter())
        .map(|(f, &ok)| (ok && f.shingles.len() >= MIN_SHINGLES).then(|| signature(&f.shingles)))
        .collect();
    (0..SIGNATURE / ROWS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut keys: Vec<(u64, u32)> = signatures
                .iter()
                .enumerate()
                .filter_map(|(doc, s)| {
                    let s = s.as_ref()?;
                    let key = s[band * ROWS..(band + 1) * ROWS]
                        .iter()
                        .fold(band as u64, |h, &v| mix(h ^ u64::from(v)));
                    Some((key, doc as u32))
                })
                .collect();
            keys.sort_unstable();
            let mut pairs = Vec::new();
            for run in keys.chunk_by(|a, b| a.0 == b.0) {
                // Star plus chain keeps a huge bucket linear yet connected.
                for w in run.windows(2) {
                    pairs.push((run[0].1, w[1].1));
                    if w[0].1 != run[0].1 {
                        pairs.push((w[0].1, w[1].1));
                    }
                }
            }
            pairs
        })
        .collect()
}

fn signature(shingles: &[u64]) -> [u32; SIGNATURE] {
    let mut sig = [u32::MAX; SIGNATURE];
    for &s in shingles {
        // Two halves of one hash make all the permutations (h1 + k·h2): one
        // mix per shingle instead of one per shingle and permutation.
        let h = mix(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
        let (h1, h2) = (h as u32, (h >> 32) as u32 | 1);
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = h1.wrapping_add(h2.wrapping_mul(k as u32));
            *slot = (*slot).min(v);
        }
    }
    sig
}

/// Disjoint sets over report indices; the root of a set is its smallest member.
pub struct UnionFind(Vec<u32>);

impl UnionFind {
    pub fn new(n: usize) -> Self {
        Self((0..n as u32).collect())
    }

    pub fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.0[root] as usize != root {
            root = self.0[root] as usize;
        }
        let mut cur = x;
        while self.0[cur] as usize != root {
            let next = self.0[cur] as usize;
            self.0[cur] = root as u32;
            cur = next;
        }
        root
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.0[hi] = lo as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(shingles: std::ops::Range<u64>) -> DupeFeatures {
        DupeFeatures::new(shingles.collect(), Vec::new(), &[], &[])
    }

    #[test]
    fn the_same_wording_with_other_figures_is_not_a_rewrite() {
        let with = |figures: Vec<u64>| DupeFeatures::new((0..100).collect(), figures, &[], &[]);
        assert!(rewrite_overlap(&with(vec![1, 2, 3]), &with(vec![1, 2, 9]), &[]).is_some());
        assert!(rewrite_overlap(&with(vec![1, 2, 3]), &with(vec![7, 8, 9]), &[]).is_none());
        // One figure is too little evidence to refuse a copy.
        assert!(rewrite_overlap(&with(vec![1]), &with(vec![7, 8, 9]), &[]).is_some());
    }

    #[test]
    fn containment_accepts_an_excerpt_and_rejects_little_overlap() {
        let idf = [];
        let full = features(0..100);
        assert_eq!(rewrite_overlap(&full, &features(10..40), &idf), Some(1.0));
        // Short texts must match almost entirely.
        assert_eq!(
            rewrite_overlap(&features(0..20), &features(6..26), &idf),
            None
        );
        assert_eq!(
            rewrite_overlap(&features(0..20), &features(2..22), &idf),
            Some(0.9)
        );
        assert_eq!(rewrite_overlap(&full, &features(80..180), &idf), None);
        // Too short to judge by shingles at all.
        assert_eq!(rewrite_overlap(&full, &features(0..5), &idf), None);
    }

    #[test]
    fn phrases_shared_by_many_reports_stop_counting() {
        let mut f: Vec<DupeFeatures> = (0..12).map(|i| features(i * 100..i * 100 + 20)).collect();
        for x in &mut f {
            x.shingles.extend(5000..5030);
        }
        let all = vec![true; 12];
        assert_eq!(
            drop_boilerplate(&mut f, &all),
            (5000..5030).collect::<Vec<u64>>()
        );
        assert!(f.iter().all(|x| x.shingles.len() == 20));
        assert_eq!(rewrite_overlap(&f[0], &f[1], &[]), None);
    }

    #[test]
    fn lsh_pairs_near_copies_but_not_strangers() {
        let f = vec![features(0..200), features(5..200), features(1000..1200)];
        let pairs = lsh_pairs(&f, &[true, true, true]);
        assert!(pairs.contains(&(0, 1)));
        assert!(!pairs.iter().any(|&(a, b)| a == 2 || b == 2));
        assert!(lsh_pairs(&f, &[true, false, true]).is_empty());
    }

    #[test]
    fn union_find_roots_at_the_smallest_member() {
        let mut u = UnionFind::new(5);
        u.union(4, 2);
        u.union(2, 3);
        assert_eq!(u.find(3), 2);
        u.union(1, 4);
        assert_eq!(u.find(4), 1);
        assert_eq!(u.find(0), 0);
    }
}
