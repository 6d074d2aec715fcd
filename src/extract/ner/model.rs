//! The tagger's weights: scoring hashed features, greedy left-to-right
//! decoding with BIO constraints, and the compact binary form shipped as
//! `assets/ner/model.bin` (sorted delta-coded keys, per-row tag masks,
//! 16-bit quantised weights). Knows nothing of how weights were learned.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::OnceLock;

use super::NerError;
use super::features::{DocContext, Sentence, static_features, tag_features};
use super::tags::{OUTSIDE, TAG_COUNT, allowed};

const MAGIC: &[u8; 4] = b"DNER";
/// Bumped whenever feature templates change, so a stale model is refused.
pub const FEATURE_VERSION: u8 = 3;

/// Feature keys are already well-mixed hashes; hashing them again is waste.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// A trained tagger: an open-addressing table from feature key to row, and
/// one row of weights per feature. A lookup that misses reads one slot of
/// eight bytes, which keeps the table small enough to stay in cache.
#[derive(Default)]
pub struct Model {
    rows: KeyTable,
    weights: Vec<Scores>,
}

pub type Scores = [f32; TAG_COUNT];

/// A slot of [`KeyTable`]: a feature key and its row, or `EMPTY` as row.
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    row: u32,
}

const EMPTY: u32 = u32::MAX;

/// Feature key to row, linear probing in a power-of-two table at most half
/// full. Keys are well-mixed hashes already; a multiply spreads the test
/// keys that are not.
struct KeyTable {
    slots: Vec<Slot>,
    shift: u32,
    len: usize,
}

impl Default for KeyTable {
    fn default() -> Self {
        KeyTable::with_capacity(0)
    }
}

impl KeyTable {
    fn with_capacity(n: usize) -> Self {
        let size = (n.max(4) * 2).next_power_of_two();
        KeyTable {
            slots: vec![Slot { key: 0, row: EMPTY }; size],
            shift: 32 - size.trailing_zeros(),
            len: 0,
        }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u32) -> Option<u32> {
        self.find(key, self.home(key))
    }

    /// Probes for `key` from slot `i` on.
    #[inline]
    fn find(&self, key: u32, mut i: usize) -> Option<u32> {
        let mask = self.slots.len() - 1;
        loop {
            let slot = self.slots[i & mask];
            if slot.row == EMPTY {
                return None;
            }
            if slot.key == key {
                return Some(slot.row);
            }
            i = (i & mask) + 1;
        }
    }

    /// The row of `key`, inserting `row` when the key is new.
    fn get_or_insert(&mut self, key: u32, row: u32) -> u32 {
        if (self.len + 1) * 2 > self.slots.len() {
            let mut bigger = KeyTable::with_capacity(self.len + 1);
            for slot in self.slots.iter().filter(|s| s.row != EMPTY) {
                bigger.get_or_insert(slot.key, slot.row);
            }
            *self = bigger;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key) & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.row == EMPTY {
                *slot = Slot { key, row };
                self.len += 1;
                return row;
            }
            if slot.key == key {
                return slot.row;
            }
            i = (i + 1) & mask;
        }
    }

    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.row != EMPTY)
            .map(|s| (s.key, s.row))
    }
}

impl Model {
    /// Builds a model from `(feature key, weight per tag)` rows.
    pub fn from_rows(rows: impl IntoIterator<Item = (u32, Scores)>) -> Self {
        let mut table = KeyTable::default();
        let mut weights: Vec<Scores> = Vec::new();
        for (key, w) in rows {
            let next = weights.len() as u32;
            let row = table.get_or_insert(key, next) as usize;
            if row == next as usize {
                weights.push(w);
            } else {
                for (acc, x) in weights[row].iter_mut().zip(w) {
                    *acc += x;
                }
            }
        }
        Model {
            rows: table,
            weights,
        }
    }

    /// The model shipped with dossier. An unreadable embedded model would be
    /// a build defect; it degrades to a model that finds nothing.
    pub fn embedded() -> &'static Model {
        static EMBEDDED: OnceLock<Model> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Model::from_bytes(include_bytes!("../../../assets/ner/model.bin")).unwrap_or_default()
        })
    }

    pub fn feature_count(&self) -> usize {
        self.rows.len
    }

    pub fn row(&self, key: u32) -> Option<Scores> {
        self.weights.get(self.rows.get(key)? as usize).copied()
    }

    /// Adds the weights of those of `keys` the model has, in order.
    #[inline]
    fn add(&self, keys: &[u32], scores: &mut Scores) {
        for &k in keys {
            if let Some(row) = self.rows.get(k).and_then(|r| self.weights.get(r as usize)) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Tags one sentence.
    pub fn tag(&self, sentence: &Sentence, doc: &DocContext) -> Vec<u8> {
        self.tag_with_margins(sentence, doc).0
    }

    /// Tags one sentence and says, per token, by how much the chosen tag beat
    /// the best other tag it could have had.
    pub fn tag_with_margins(&self, sentence: &Sentence, doc: &DocContext) -> (Vec<u8>, Vec<f32>) {
        let mut fixed = Vec::with_capacity(64);
        let mut dynamic = Vec::with_capacity(8);
        let mut margins = Vec::with_capacity(sentence.words.len());
        let tags = greedy(sentence.words.len(), |i, prev, prev2| {
            fixed.clear();
            dynamic.clear();
            static_features(sentence, i, doc, false, &mut fixed);
            tag_features(sentence, i, prev, prev2, &mut dynamic);
            let mut scores = [0.0; TAG_COUNT];
            self.add(&fixed, &mut scores);
            self.add(&dynamic, &mut scores);
            margins.push(margin(&scores, prev));
            scores
        });
        (tags, margins)
    }

    /// The binary form: weights quantised to 16 bits, zero weights omitted.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .iter()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut keys: Vec<(u32, u32)> = self.rows.iter().collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(keys.len() * 10 + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[1, FEATURE_VERSION, TAG_COUNT as u8, 0]);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for (key, row) in keys {
            put_varint(&mut out, key - last);
            last = key;
            let w = &self.weights[row as usize];
            let q: Vec<i16> = w.iter().map(|x| (x / scale).round() as i16).collect();
            let mask = q
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .fold(0u16, |m, (i, _)| m | (1 << i));
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let bad = |what: &str| NerError::Format(what.to_string());
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(bad("not a dossier entity model"));
        }
        let header = r.take(4)?;
        if header[0] != 1 || header[1] != FEATURE_VERSION || header[2] as usize != TAG_COUNT {
            return Err(bad("entity model made for another version of dossier"));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let n = u32::from_le_bytes(r.array()?) as usize;
        let mut table = KeyTable::with_capacity(n.min(1 << 24));
        let mut weights: Vec<Scores> = Vec::with_capacity(n.min(1 << 24));
        let mut key = 0u32;
        for row in 0..n {
            key = key
                .checked_add(r.varint()?)
                .ok_or_else(|| bad("feature keys out of order"))?;
            let mask = u16::from_le_bytes(r.array()?);
            let mut w = [0.0; TAG_COUNT];
            for (t, w) in w.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = f32::from(i16::from_le_bytes(r.array()?)) * scale;
                }
            }
            // A repeated key (a zero delta) takes the later weights; its
            // row stays, unused, so rows keep their numbers.
            let at = table.get_or_insert(key, row as u32);
            if at != row as u32 {
                weights[at as usize] = w;
                w = [0.0; TAG_COUNT];
            }
            weights.push(w);
        }
        if r.at != bytes.len() {
            return Err(bad("trailing bytes after entity model"));
        }
        Ok(Model {
            rows: table,
            weights,
        })
    }

    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| NerError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn load(path: &Path) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Model::from_bytes(&bytes)
    }
}

/// Greedy left-to-right decoding: each token takes its best tag allowed after
/// the previous one, given scores that may depend on the two previous tags.
pub fn greedy(len: usize, mut score: impl FnMut(usize, u8, u8) -> Scores) -> Vec<u8> {
    let mut tags = Vec::with_capacity(len);
    let (mut prev, mut prev2) = (OUTSIDE, OUTSIDE);
    for i in 0..len {
        let scores = score(i, prev, prev2);
        let best = best_allowed(&scores, prev);
        tags.push(best);
        prev2 = prev;
        prev = best;
    }
    tags
}

pub fn best_allowed(scores: &Scores, prev: u8) -> u8 {
    let mut best = OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if s > best_score && allowed(prev, t as u8) {
            best = t as u8;
            best_score = s;
        }
    }
    best
}

fn margin(scores: &Scores, prev: u8) -> f32 {
    let best = best_allowed(scores, prev);
    let runner_up = (0..TAG_COUNT as u8)
        .filter(|t| *t != best && allowed(prev, *t))
        .map(|t| scores[t as usize])
        .fold(f32::NEG_INFINITY, f32::max);
    scores[best as usize] - runner_up
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| NerError::Format("entity model is truncated".to_string()))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn varint(&mut self) -> Result<u32, NerError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(NerError::Format("bad number in entity model".to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_and_load_round_trip() {
        let mut a = [0.0; TAG_COUNT];
        a[0] = 1.5;
        a[3] = -0.25;
        let mut b = [0.0; TAG_COUNT];
        b[8] = 0.75;
        let model = Model::from_rows([(7, a), (u32::MAX, b), (300_000, [0.0; TAG_COUNT])]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("m.bin");
        model.save(&path).expect("save");
        let back = Model::load(&path).expect("load");
        assert_eq!(back.feature_count(), 3);
        let close = |x: &[f32], y: &[f32]| x.iter().zip(y).all(|(p, q)| (p - q).abs() < 1e-3);
        assert!(close(&back.row(7).expect("row 7"), &a));
        assert!(close(&back.row(u32::MAX).expect("last row"), &b));
        assert!(back.row(8).is_none());
    }

    #[test]
    fn refuses_damaged_bytes() {
        let model = Model::from_rows([(42, [1.0; TAG_COUNT])]);
        let bytes = model.to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"NOPE").is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Model::from_bytes(&longer).is_err());
    }

    #[test]
    fn the_key_table_grows_and_sums_repeated_keys() {
        let weight = |k: u32| {
            let mut w = [0.0; TAG_COUNT];
            w[k as usize % TAG_COUNT] = (k % 1000) as f32 + 1.0;
            w
        };
        // Consecutive keys crowd the table's neighbourhoods; the repeat of
        // key 3 adds to its row.
        let keys: Vec<u32> = (0..5000).chain([u32::MAX, 3]).collect();
        let model = Model::from_rows(keys.iter().map(|&k| (k, weight(k))));
        assert_eq!(model.feature_count(), 5001);
        for k in (0..5000).chain([u32::MAX]) {
            let mut want = weight(k);
            if k == 3 {
                want[3] *= 2.0;
            }
            assert_eq!(model.row(k), Some(want), "key {k}");
        }
        assert_eq!(model.row(5000), None);
        assert_eq!(model.row(u32::MAX - 1), None);
        let back = Model::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(back.feature_count(), 5001);
        assert!(
            back.row(998)
                .is_some_and(|w| (w[998 % TAG_COUNT] - 999.0).abs() < 0.1)
        );
        assert_eq!(back.row(5000), None);
    }

    #[test]
    fn greedy_decoding_respects_bio() {
        // Scores prefer I-PER everywhere, but I-PER cannot start a span.
        let tags = greedy(2, |_, _, _| {
            let mut s = [0.0; TAG_COUNT];
            s[2] = 2.0;
            s[1] = 1.0;
            s
        });
        assert_eq!(tags, vec![1, 2]);
    }
}
