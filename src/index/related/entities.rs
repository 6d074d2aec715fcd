//! Shared-entity evidence for related reports: which corpus-wide entity ids
//! each report mentions, how rare each entity is, and who shares them. Knows
//! nothing of how entities were recognised or of words and dates.

use rustc_hash::FxHashMap as HashMap;

use super::{EntityRef, for_each_shared};
use crate::flat::Flat;

/// Entities in more reports than this share are too common to find
/// candidates with (they still count in the score).
const MAX_DF_SHARE: f32 = 0.05;
const MIN_DF_CAP: usize = 64;

#[derive(Debug, Default)]
pub struct Entities {
    /// Per report: its entity ids, sorted and deduplicated.
    per_doc: Flat<u32>,
    /// Every entity's id, ascending, with its weight (rarity times its
    /// kind's weight).
    idf: Vec<(u32, f32)>,
    /// Per report: the summed weight of its entities.
    totals: Vec<f32>,
    /// Every entity's name, end to end, and where each one (by id,
    /// ascending) ends there.
    names: String,
    name_ends: Vec<(u32, u32)>,
    /// Per entity of `idf`, in its order: the reports mentioning it, or
    /// none when it is too common to find candidates with.
    postings: Flat<u32>,
}

impl Entities {
    pub fn build<'a>(docs: impl Iterator<Item = &'a [EntityRef<'a>]>) -> Self {
        let mut names: HashMap<u32, &str> = HashMap::default();
        let mut weights: HashMap<u32, f32> = HashMap::default();
        let mut reports: HashMap<u32, usize> = HashMap::default();
        let mut per_doc: Flat<u32> = Flat::default();
        for list in docs {
            let mut ids: Vec<u32> = list.iter().map(|e| e.id).collect();
            ids.sort_unstable();
            ids.dedup();
            for e in list {
                names.entry(e.id).or_insert(e.name);
                weights.entry(e.id).or_insert(e.weight);
            }
            for &id in &ids {
                *reports.entry(id).or_default() += 1;
            }
            per_doc.push(ids);
        }
        let n = per_doc.len() as f32;
        let mut idf: Vec<(u32, f32)> = reports
            .iter()
            .map(|(&id, &in_reports)| {
                let rarity = ((1.0 + n) / (1.0 + in_reports as f32)).ln() + 1.0;
                (id, rarity * weights.get(&id).copied().unwrap_or(1.0))
            })
            .collect();
        idf.sort_unstable_by_key(|&(id, _)| id);
        let mut names: Vec<(u32, &str)> = names.into_iter().collect();
        names.sort_unstable();
        // Ids from maps rise; only names past 4 GB in all would be refused.
        Self::from_parts(per_doc, idf, names).unwrap_or_default()
    }

    /// The index from each report's entity ids, each entity's weight (its
    /// rarity times its kind's weight) and name, both by id ascending, as
    /// `build` made them; `None` when the ids do not rise.
    pub fn from_parts<S: AsRef<str>>(
        per_doc: Flat<u32>,
        idf: Vec<(u32, f32)>,
        names: Vec<(u32, S)>,
    ) -> Option<Self> {
        if !idf.windows(2).all(|w| w[0].0 < w[1].0) || !names.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        let mut text = String::new();
        let mut name_ends = Vec::with_capacity(names.len());
        for (id, name) in &names {
            text.push_str(name.as_ref());
            name_ends.push((*id, u32::try_from(text.len()).ok()?));
        }
        let at = |id: u32| idf.binary_search_by_key(&id, |&(i, _)| i).ok();
        let mut df = vec![0usize; idf.len()];
        for &id in per_doc.items() {
            if let Some(k) = at(id) {
                df[k] += 1;
            }
        }
        let cap = MIN_DF_CAP.max((per_doc.len() as f32 * MAX_DF_SHARE) as usize);
        // An entity too common to find candidates with gets an empty list.
        let lengths: Vec<usize> = df.iter().map(|&d| if d <= cap { d } else { 0 }).collect();
        let postings = Flat::gather(
            &lengths,
            per_doc.iter().enumerate().flat_map(|(doc, ids)| {
                ids.iter()
                    .filter_map(move |&id| Some((at(id)?, doc as u32)))
            }),
        );
        let totals = per_doc
            .iter()
            .map(|ids| ids.iter().map(|&id| weight(&idf, id)).sum())
            .collect();
        Some(Self {
            per_doc,
            idf,
            totals,
            names: text,
            name_ends,
            postings,
        })
    }

    /// Each report's entity ids, sorted.
    pub fn per_doc(&self) -> &Flat<u32> {
        &self.per_doc
    }

    /// Each entity's weight (rarity times its kind's weight), by id.
    pub fn weights(&self) -> &[(u32, f32)] {
        &self.idf
    }

    /// Each entity's name, by id.
    pub fn names(&self) -> impl Iterator<Item = (u32, &str)> {
        let starts = std::iter::once(0).chain(self.name_ends.iter().map(|&(_, end)| end));
        self.name_ends
            .iter()
            .zip(starts)
            .map(|(&(id, end), start)| (id, &self.names[start as usize..end as usize]))
    }

    pub fn has_any(&self, doc: usize) -> bool {
        self.per_doc.get(doc).is_some_and(|e| !e.is_empty())
    }

    /// IDF-weighted Jaccard of two reports' entities: one merge of their
    /// sorted ids, asked for every candidate of a related-reports question.
    pub fn score(&self, a: usize, b: usize) -> f32 {
        let (Some(x), Some(y)) = (self.per_doc.get(a), self.per_doc.get(b)) else {
            return 0.0;
        };
        let mut inter = 0.0f32;
        for_each_shared(x, y, |&id| id, |&id, _| inter += weight(&self.idf, id));
        let union = self.totals[a] + self.totals[b] - inter;
        if union > 0.0 { inter / union } else { 0.0 }
    }

    /// `score`, and the entities the two reports share, rarest first.
    pub fn similarity(&self, a: usize, b: usize) -> (f32, Vec<u32>) {
        let (Some(x), Some(y)) = (self.per_doc.get(a), self.per_doc.get(b)) else {
            return (0.0, Vec::new());
        };
        let w = |&id: &u32| weight(&self.idf, id);
        let mut shared: Vec<u32> = Vec::new();
        for_each_shared(x, y, |&id| id, |&id, _| shared.push(id));
        shared.sort_by(|p, q| w(q).total_cmp(&w(p)).then(p.cmp(q)));
        (self.score(a, b), shared)
    }

    /// Reports sharing a not-too-common entity with `doc`, with the summed
    /// IDF of what they share.
    pub fn candidates(&self, doc: usize) -> Vec<(u32, f32)> {
        let mut acc: HashMap<u32, f32> = HashMap::default();
        for &id in self.per_doc.get(doc).into_iter().flatten() {
            let Ok(k) = self.idf.binary_search_by_key(&id, |&(i, _)| i) else {
                continue;
            };
            let w = self.idf[k].1;
            for &d in self.postings.get(k).into_iter().flatten() {
                if d as usize != doc {
                    *acc.entry(d).or_insert(0.0) += w;
                }
            }
        }
        acc.into_iter().collect()
    }

    pub fn name(&self, id: u32) -> &str {
        let Ok(k) = self.name_ends.binary_search_by_key(&id, |&(i, _)| i) else {
            return "";
        };
        let start = if k == 0 { 0 } else { self.name_ends[k - 1].1 };
        &self.names[start as usize..self.name_ends[k].1 as usize]
    }
}

/// An entity's weight; 0 for one not in `idf`.
fn weight(idf: &[(u32, f32)], id: u32) -> f32 {
    idf.binary_search_by_key(&id, |&(i, _)| i)
        .map_or(0.0, |k| idf[k].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_entities_weigh_more_than_common_ones() {
        let e = EntityRef::new;
        let lists: Vec<Vec<EntityRef>> = vec![
            vec![e(1, "Moscow"), e(2, "Ushakov")],
            vec![e(1, "Moscow"), e(2, "Ushakov")],
            vec![e(1, "Moscow"), e(3, "Lavrov")],
            vec![e(1, "Moscow")],
        ];
        let e = Entities::build(lists.iter().map(Vec::as_slice));
        let (rare, shared) = e.similarity(0, 1);
        let (common, _) = e.similarity(0, 2);
        assert!(rare > common, "{rare} vs {common}");
        assert_eq!(shared, vec![2, 1]);
        assert_eq!(e.name(2), "Ushakov");
        let mut c = e.candidates(0);
        c.sort_by_key(|&(d, _)| d);
        assert_eq!(c.iter().map(|&(d, _)| d).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert!(!Entities::build(std::iter::empty()).has_any(0));
    }

    #[test]
    fn a_weightier_entity_counts_for_more_at_equal_rarity() {
        let person = EntityRef {
            id: 1,
            name: "Mara Quist",
            weight: 1.5,
        };
        let place = EntityRef::new(2, "Halvard");
        let other = EntityRef::new(3, "Osterby");
        let lists: Vec<Vec<EntityRef>> =
            vec![vec![person, place, other], vec![person], vec![place]];
        let e = Entities::build(lists.iter().map(Vec::as_slice));
        let (by_person, _) = e.similarity(0, 1);
        let (by_place, _) = e.similarity(0, 2);
        assert!(by_person > by_place, "{by_person} vs {by_place}");
    }
}
