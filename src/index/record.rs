//! The byte form the indexes kept in the cache share: counts, lengths and
//! numbers as little-endian four-byte values, strings as a length and
//! UTF-8. A record is read as it is decoded, and every length is checked
//! against what is left before anything is allocated, so a damaged record
//! is refused, never trusted or allowed to ask for a huge allocation.

use std::io::Read;

pub(crate) fn put(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

pub(crate) fn put_all(out: &mut Vec<u8>, values: &[u32]) {
    put(out, values.len());
    out.reserve(values.len() * 4);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

pub(crate) fn put_f32s(out: &mut Vec<u8>, values: impl ExactSizeIterator<Item = f32>) {
    put(out, values.len());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

pub(crate) fn put_u64s(out: &mut Vec<u8>, values: &[u64]) {
    put(out, values.len());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// Reads a record of `left` bytes from `src` as it is decoded: arrays go
/// straight into their vectors, so the record's bytes are never held whole
/// beside what is decoded from them. Every length is checked against what
/// is left before anything is allocated.
pub(crate) struct Reader<'r> {
    src: std::io::BufReader<&'r mut dyn Read>,
    left: usize,
}

/// Bytes read at a time into an array.
const CHUNK: usize = 1 << 16;

impl<'r> Reader<'r> {
    /// A reader of the record of `len` bytes `src` gives.
    pub(crate) fn new(src: &'r mut dyn Read, len: usize) -> Self {
        Reader {
            src: std::io::BufReader::with_capacity(CHUNK, src),
            left: len,
        }
    }

    pub(crate) fn exact(&mut self, buf: &mut [u8]) -> Option<()> {
        if buf.len() > self.left {
            return None;
        }
        self.src.read_exact(buf).ok()?;
        self.left -= buf.len();
        Some(())
    }

    pub(crate) fn n(&mut self) -> Option<usize> {
        let mut b = [0; 4];
        self.exact(&mut b)?;
        Some(u32::from_le_bytes(b) as usize)
    }

    pub(crate) fn bytes(&mut self, len: usize) -> Option<Vec<u8>> {
        if len > self.left {
            return None;
        }
        let mut v = vec![0; len];
        self.exact(&mut v)?;
        Some(v)
    }

    pub(crate) fn str(&mut self) -> Option<Box<str>> {
        let len = self.n()?;
        String::from_utf8(self.bytes(len)?).ok().map(Box::from)
    }

    /// `n` items of `size` bytes each, made by `item`, read a chunk at a
    /// time.
    pub(crate) fn items<T>(&mut self, size: usize, item: impl Fn(&[u8]) -> T) -> Option<Vec<T>> {
        let n = self.n()?;
        if n.checked_mul(size)? > self.left {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        let mut buf = vec![0; CHUNK / size * size];
        while out.len() < n {
            let take = ((n - out.len()) * size).min(buf.len());
            self.exact(&mut buf[..take])?;
            out.extend(buf[..take].chunks_exact(size).map(&item));
        }
        Some(out)
    }

    pub(crate) fn all(&mut self) -> Option<Vec<u32>> {
        self.items(4, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    pub(crate) fn f32s(&mut self) -> Option<Vec<f32>> {
        self.items(4, |c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        self.items(8, |c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
    }

    /// The bytes of the record not read yet.
    pub(crate) fn left(&self) -> usize {
        self.left
    }
}
