//! Duplicate groups of the corpus: identical copies joined by fingerprint,
//! verified rewrites joined through them, and each report's place in its
//! group. Knows nothing of ranking; candidates come from the caller.

use rayon::prelude::*;
use serde::Serialize;

use super::dupes::{DupeFeatures, UnionFind, drop_boilerplate, lsh_pairs, rewrite_overlap};

/// Whether a report is a byte-for-byte copy or a rewrite of the same report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// Same body once whitespace is normalised.
    Identical,
    /// Reworded, reordered, excerpted or lightly edited.
    Rewrite,
}

/// A report's place among its near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DuplicateGroup {
    /// The group's id: its smallest member index, stable for a given corpus order.
    pub id: usize,
    /// `Identical` when this report has a byte-identical sibling in the
    /// group (whatever else the group holds); `Rewrite` when its text is its own.
    pub kind: DuplicateKind,
}

/// Reports that are copies or rewrites of one another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The smallest member index.
    pub id: usize,
    /// `Identical` when every member has the same body; `Rewrite` as soon as
    /// one member's text differs (its identical members say so themselves).
    pub kind: DuplicateKind,
    /// Member indices, ascending.
    pub members: Vec<usize>,
}

/// The groups and, per report, its group's position in them.
#[derive(Debug, Default)]
pub struct Groups {
    pub groups: Vec<Group>,
    pub of_doc: Vec<Option<u32>>,
    /// Per report: the smallest report with the same body (itself if none).
    pub copy_of: Vec<u32>,
}

impl Groups {
    /// Groups reports. `same_body(a, b)` confirms a fingerprint match;
    /// `similar(doc)` yields reports worth verifying as rewrites of `doc`;
    /// `close_in_time(a, b)` says whether they could be one report's versions.
    /// Returns the boilerplate phrases too (see `drop_boilerplate`), taken
    /// out of `features`.
    pub fn build(
        hashes: &[Option<u64>],
        features: &mut [DupeFeatures],
        idf: &[f32],
        same_body: impl Fn(usize, usize) -> bool + Sync,
        similar: impl Fn(usize) -> Vec<u32> + Sync,
        close_in_time: impl Fn(usize, usize) -> bool + Sync,
    ) -> (Self, Vec<u64>) {
        let n = hashes.len();
        let mut keyed: Vec<(u64, u32)> = hashes
            .iter()
            .enumerate()
            .filter_map(|(d, h)| Some(((*h)?, d as u32)))
            .collect();
        keyed.sort_unstable();
        let mut copy_of: Vec<u32> = (0..n as u32).collect();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            let first = run[0].1;
            for &(_, d) in &run[1..] {
                // A hash collision is astronomically rare but must not merge.
                if same_body(first as usize, d as usize) {
                    copy_of[d as usize] = first;
                }
            }
        }
        // One representative per body does the rewrite search for all copies.
        let eligible: Vec<bool> = (0..n)
            .map(|d| copy_of[d] as usize == d && hashes[d].is_some())
            .collect();
        let boilerplate = drop_boilerplate(features, &eligible);
        let features: &[DupeFeatures] = features;
        let mut pairs = lsh_pairs(features, &eligible);
        pairs.par_extend(
            (0..n)
                .into_par_iter()
                .filter(|&d| eligible[d])
                .flat_map_iter(|d| {
                    let eligible = &eligible;
                    similar(d)
                        .into_iter()
                        .filter(move |&o| eligible.get(o as usize).copied().unwrap_or(false))
                        .map(move |o| (o.min(d as u32), o.max(d as u32)))
                }),
        );
        pairs.retain(|(a, b)| a != b);
        pairs.par_sort_unstable();
        pairs.dedup();
        let verified: Vec<(u32, u32)> = pairs
            .into_par_iter()
            .filter(|&(a, b)| {
                close_in_time(a as usize, b as usize)
                    && rewrite_overlap(&features[a as usize], &features[b as usize], idf).is_some()
            })
            .collect();
        let mut sets = UnionFind::new(n);
        for (d, &c) in copy_of.iter().enumerate() {
            sets.union(d, c as usize);
        }
        for (a, b) in verified {
            sets.union(a as usize, b as usize);
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for d in 0..n {
            let root = sets.find(d);
            members[root].push(d);
        }
        let mut groups = Vec::new();
        let mut of_doc = vec![None; n];
        for (root, m) in members.into_iter().enumerate() {
            if m.len() < 2 {
                continue;
            }
            let kind = if m.iter().all(|&d| copy_of[d] == copy_of[root]) {
                DuplicateKind::Identical
            } else {
                DuplicateKind::Rewrite
            };
            for &d in &m {
                of_doc[d] = Some(groups.len() as u32);
            }
            groups.push(Group {
                id: root,
                kind,
                members: m,
            });
        }
        (
            Self {
                groups,
                of_doc,
                copy_of,
            },
            boilerplate,
        )
    }

    /// The groups from each report's smallest copy and the groups' members.
    pub fn from_parts(copy_of: Vec<u32>, groups: Vec<Group>) -> Self {
        let mut of_doc = vec![None; copy_of.len()];
        for (g, group) in groups.iter().enumerate() {
            for &d in &group.members {
                if let Some(slot) = of_doc.get_mut(d) {
                    *slot = Some(g as u32);
                }
            }
        }
        Self {
            groups,
            of_doc,
            copy_of,
        }
    }

    /// The group of `doc` and whether `doc` is an identical copy in it.
    pub fn of(&self, doc: usize) -> Option<DuplicateGroup> {
        let g = &self.groups[(*self.of_doc.get(doc)?)? as usize];
        let has_twin = g
            .members
            .iter()
            .any(|&o| o != doc && self.copy_of[o] == self.copy_of[doc]);
        Some(DuplicateGroup {
            id: g.id,
            kind: if has_twin {
                DuplicateKind::Identical
            } else {
                DuplicateKind::Rewrite
            },
        })
    }
}
