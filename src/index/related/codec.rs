//! The byte form of a related-reports index, so reopening an unchanged
//! corpus reads the index instead of analysing every body again: the
//! vocabulary, the word keys, the boilerplate phrases, the reports'
//! entities, their dates and the duplicate groups. The word vectors and
//! their inverted index are lists kept beside the record (see
//! `Vectors::lists`), read a few at a time as questions need them.
//! Everything read back is checked (counts, ids in range, order), so a
//! damaged record is refused, and a damaged list is read as empty.

use std::io::Read;

use chrono::{Datelike, NaiveDate};

use super::RelatedIndex;
use super::entities::Entities;
use super::groups::{DuplicateKind, Group, Groups};
use std::sync::Arc;

use super::vectors::{ListSource, Vectors};
use crate::flat::Flat;
use crate::index::record::{Reader, put, put_all, put_f32s, put_str, put_u64s};

/// An undated report's date in the record (days from the common era's
/// start: no date chrono can hold is that far back).
const NO_DATE: u32 = i32::MIN as u32;

fn strictly_rising<T: PartialOrd>(v: &[T]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

/// Lists of the given lengths (a count each) over items read after them.
fn lengths(r: &mut Reader<'_>, lists: usize) -> Option<Vec<usize>> {
    let lengths: Vec<usize> = r.all()?.into_iter().map(|l| l as usize).collect();
    (lengths.len() == lists).then_some(lengths)
}

impl RelatedIndex {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let v = &self.vectors;
        put(&mut out, self.len());
        put(&mut out, v.vocab.len());
        for w in &v.vocab {
            put_str(&mut out, w);
        }
        put_f32s(&mut out, v.idf.iter().copied());
        put_u64s(&mut out, &v.indexed());
        let keys: Vec<u64> = self.terms.iter().map(|&(k, _)| k).collect();
        put_u64s(&mut out, &keys);
        let ids: Vec<u32> = self.terms.iter().map(|&(_, id)| id).collect();
        put_all(&mut out, &ids);
        put_u64s(&mut out, &self.boilerplate);

        let e = &self.entities;
        let (per_doc, weights, names) = (e.per_doc(), e.weights(), e.names());
        let lengths: Vec<u32> = per_doc.iter().map(|e| e.len() as u32).collect();
        put_all(&mut out, &lengths);
        put_all(&mut out, per_doc.items());
        put_all(
            &mut out,
            &weights.iter().map(|&(id, _)| id).collect::<Vec<_>>(),
        );
        put_f32s(&mut out, weights.iter().map(|&(_, w)| w));
        let named: Vec<(u32, &str)> = names.collect();
        put(&mut out, named.len());
        for (id, name) in named {
            put(&mut out, id as usize);
            put_str(&mut out, name);
        }

        let days: Vec<u32> = self
            .dates
            .iter()
            .map(|d| d.map_or(NO_DATE, |d| d.num_days_from_ce() as u32))
            .collect();
        put_all(&mut out, &days);
        put_all(&mut out, &self.groups.copy_of);
        put(&mut out, self.groups.groups.len());
        for g in &self.groups.groups {
            put(&mut out, g.id);
            put(&mut out, usize::from(g.kind == DuplicateKind::Rewrite));
            let members: Vec<u32> = g.members.iter().map(|&m| m as u32).collect();
            put_all(&mut out, &members);
        }
        out
    }

    /// Reads back what `encode` wrote, for an index of `n` reports whose
    /// lists `lists` keeps; `None` when the bytes are not such an index.
    #[cfg(test)]
    pub fn decode(bytes: &[u8], n: usize, lists: Arc<dyn ListSource>) -> Option<Self> {
        Self::decode_from(&mut &bytes[..], bytes.len(), n, lists)
    }

    /// `decode` of a record of `len` bytes read from `src` as it goes.
    pub fn decode_from(
        src: &mut dyn Read,
        len: usize,
        n: usize,
        lists: Arc<dyn ListSource>,
    ) -> Option<Self> {
        let mut r = Reader::new(src, len);
        if r.n()? != n {
            return None;
        }
        let words = r.n()?;
        if words > r.left() / 4 {
            return None;
        }
        let mut vocab = Vec::with_capacity(words);
        for _ in 0..words {
            vocab.push(String::from(r.str()?));
        }
        let idf = r.f32s()?;
        let indexed = r.u64s()?;
        let vectors = Vectors::kept(vocab, idf, n, indexed, lists)?;
        let keys = r.u64s()?;
        let ids = r.all()?;
        if keys.len() != ids.len()
            || !strictly_rising(&keys)
            || ids.iter().any(|&t| t as usize >= words)
        {
            return None;
        }
        let boilerplate = r.u64s()?;
        if !strictly_rising(&boilerplate) {
            return None;
        }

        let entity_lengths = lengths(&mut r, n)?;
        let flat = r.all()?;
        let per_doc = Flat::from_lengths(entity_lengths.into_iter(), flat)?;
        if !per_doc.iter().all(strictly_rising) {
            return None;
        }
        let weighed = r.all()?;
        let weights = r.f32s()?;
        if weighed.len() != weights.len() {
            return None;
        }
        let weights: Vec<(u32, f32)> = weighed.into_iter().zip(weights).collect();
        let named = r.n()?;
        if named > r.left() / 8 {
            return None;
        }
        let mut names = Vec::with_capacity(named);
        for _ in 0..named {
            let id = u32::try_from(r.n()?).ok()?;
            names.push((id, r.str()?));
        }

        let days = r.all()?;
        if days.len() != n {
            return None;
        }
        let dates = days
            .into_iter()
            .map(|d| match d {
                NO_DATE => Some(None),
                d => NaiveDate::from_num_days_from_ce_opt(d as i32).map(Some),
            })
            .collect::<Option<Vec<_>>>()?;
        let copy_of = r.all()?;
        if copy_of.len() != n || copy_of.iter().enumerate().any(|(d, &c)| c as usize > d) {
            return None;
        }
        let count = r.n()?;
        if count > r.left() / 12 {
            return None;
        }
        let mut groups = Vec::with_capacity(count);
        let mut grouped = vec![false; n];
        for _ in 0..count {
            let id = r.n()?;
            let kind = match r.n()? {
                0 => DuplicateKind::Identical,
                1 => DuplicateKind::Rewrite,
                _ => return None,
            };
            let members: Vec<usize> = r.all()?.into_iter().map(|m| m as usize).collect();
            if members.first() != Some(&id)
                || !strictly_rising(&members)
                || members.last().is_some_and(|&m| m >= n)
            {
                return None;
            }
            if members
                .iter()
                .any(|&m| std::mem::replace(&mut grouped[m], true))
            {
                return None;
            }
            groups.push(Group { id, kind, members });
        }
        if r.left() != 0 {
            return None;
        }
        Some(Self {
            vectors,
            terms: keys.into_iter().zip(ids).collect(),
            boilerplate,
            entities: Entities::from_parts(per_doc, weights, names)?,
            dates,
            groups: Groups::from_parts(copy_of, groups),
        })
    }
}
