//! The little-endian byte form the cache's records share: counts and
//! lengths as four bytes, strings as a length and UTF-8, optional strings
//! behind a flag byte. Reading checks every length against the bytes left,
//! so a damaged record gives `None`, never a panic or a huge allocation.

pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn n(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    pub(super) fn s(&mut self, s: &str) {
        self.n(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    pub(super) fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.s(s);
            }
            None => self.0.push(0),
        }
    }
}

pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    pub(super) fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    pub(super) fn n(&mut self) -> Option<usize> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*head) as usize)
    }

    /// A count of items each at least `min` bytes long: more than the bytes
    /// left could hold is damage, not a reason to allocate.
    pub(super) fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.n()?;
        (n <= self.0.len() / min.max(1)).then_some(n)
    }

    pub(super) fn str(&mut self) -> Option<&'a str> {
        let len = self.n()?;
        if len > self.0.len() {
            return None;
        }
        let (text, rest) = self.0.split_at(len);
        self.0 = rest;
        std::str::from_utf8(text).ok()
    }

    pub(super) fn s(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub(super) fn opt(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.s()?)),
            _ => None,
        }
    }

    /// One of `all`, by its index in a byte.
    pub(super) fn pick<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.byte()? as usize).copied()
    }
}
