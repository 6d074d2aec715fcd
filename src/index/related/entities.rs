//! Shared-entity evidence for related reports: which corpus-wide entity ids
//! each report mentions, how rare each entity is, and who shares them. Knows
//! nothing of how entities were recognised or of words and dates.

use rustc_hash::FxHashMap as HashMap;

use super::vectors::Flat;
use super::{EntityRef, for_each_shared};

/// Entities in more reports than this share are too common to find
/// candidates with (they still count in the score).
const MAX_DF_SHARE: f32 = 0.05;
const MIN_DF_CAP: usize = 64;

#[derive(Debug, Default)]
pub struct Entities {
    /// Per report: its entity ids, sorted and deduplicated.
    per_doc: Flat<u32>,
    idf: HashMap<u32, f32>,
    /// Per report: the summed weight of its entities.
    totals: Vec<f32>,
    names: HashMap<u32, String>,
    postings: HashMap<u32, Vec<u32>>,
}

impl Entities {
    pub fn build<'a>(docs: impl Iterator<Item = &'a [EntityRef<'a>]>) -> Self {
        let mut names: HashMap<u32, String> = HashMap::default();
        let mut weights: HashMap<u32, f32> = HashMap::default();
        let mut reports: HashMap<u32, usize> = HashMap::default();
        let mut per_doc: Vec<Vec<u32>> = Vec::new();
        for list in docs {
            let mut ids: Vec<u32> = list.iter().map(|e| e.id).collect();
            ids.sort_unstable();
            ids.dedup();
            for e in list {
                names.entry(e.id).or_insert_with(|| e.name.to_string());
                weights.entry(e.id).or_insert(e.weight);
            }
            for &id in &ids {
                *reports.entry(id).or_default() += 1;
            }
            per_doc.push(ids);
        }
        let n = per_doc.len() as f32;
        let idf = reports
            .iter()
            .map(|(&id, &in_reports)| {
                let rarity = ((1.0 + n) / (1.0 + in_reports as f32)).ln() + 1.0;
                (id, rarity * weights.get(&id).copied().unwrap_or(1.0))
            })
            .collect();
        Self::from_parts(per_doc.into_iter().collect(), idf, names)
    }

    /// The index from each report's entity ids, each entity's weight (its
    /// rarity times its kind's weight) and name, as `build` made them.
    pub fn from_parts(
        per_doc: Flat<u32>,
        idf: HashMap<u32, f32>,
        names: HashMap<u32, String>,
    ) -> Self {
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
        for (doc, ids) in per_doc.iter().enumerate() {
            for &id in ids {
                postings.entry(id).or_default().push(doc as u32);
            }
        }
        let cap = MIN_DF_CAP.max((per_doc.len() as f32 * MAX_DF_SHARE) as usize);
        postings.retain(|_, p| p.len() <= cap);
        let totals = per_doc
            .iter()
            .map(|ids| ids.iter().map(|id| weight(&idf, id)).sum())
            .collect();
        Self {
            per_doc,
            idf,
            totals,
            names,
            postings,
        }
    }

    /// Each report's entity ids, sorted.
    pub fn per_doc(&self) -> &Flat<u32> {
        &self.per_doc
    }

    /// Each entity's weight (rarity times its kind's weight), by id.
    pub fn weights(&self) -> &HashMap<u32, f32> {
        &self.idf
    }

    /// Each entity's name, by id.
    pub fn names(&self) -> &HashMap<u32, String> {
        &self.names
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
        for_each_shared(x, y, |&id| id, |id, _| inter += weight(&self.idf, id));
        let union = self.totals[a] + self.totals[b] - inter;
        if union > 0.0 { inter / union } else { 0.0 }
    }

    /// `score`, and the entities the two reports share, rarest first.
    pub fn similarity(&self, a: usize, b: usize) -> (f32, Vec<u32>) {
        let (Some(x), Some(y)) = (self.per_doc.get(a), self.per_doc.get(b)) else {
            return (0.0, Vec::new());
        };
        let w = |id: &u32| weight(&self.idf, id);
        let mut shared: Vec<u32> = Vec::new();
        for_each_shared(x, y, |&id| id, |&id, _| shared.push(id));
        shared.sort_by(|p, q| w(q).total_cmp(&w(p)).then(p.cmp(q)));
        (self.score(a, b), shared)
    }

    /// Reports sharing a not-too-common entity with `doc`, with the summed
    /// IDF of what they share.
    pub fn candidates(&self, doc: usize) -> Vec<(u32, f32)> {
        let mut acc: HashMap<u32, f32> = HashMap::default();
        for id in self.per_doc.get(doc).into_iter().flatten() {
            let w = self.idf.get(id).copied().unwrap_or(0.0);
            for &d in self.postings.get(id).into_iter().flatten() {
                if d as usize != doc {
                    *acc.entry(d).or_insert(0.0) += w;
                }
            }
        }
        acc.into_iter().collect()
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(&id).map_or("", String::as_str)
    }
}

fn weight(idf: &HashMap<u32, f32>, id: &u32) -> f32 {
    idf.get(id).copied().unwrap_or(0.0)
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
