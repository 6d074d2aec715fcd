//! A small, fixed, non-cryptographic hasher for the index's word maps: std's
//! SipHash is built to resist adversarial keys, which costs more than the
//! rest of tokenising here, and a corpus is not an adversary of its reader.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The rustc "Fx" hash: rotate, xor, multiply, one machine word at a time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_string_keys() {
        let mut m: FastMap<String, u32> = FastMap::default();
        *m.entry("kremlin".into()).or_insert(0) += 2;
        *m.entry("kremlin".into()).or_insert(0) += 1;
        m.insert("a longer key than eight bytes".into(), 7);
        assert_eq!(m.get("kremlin"), Some(&3));
        assert_eq!(m.get("a longer key than eight bytes"), Some(&7));
        assert_eq!(m.len(), 2);
    }
}
