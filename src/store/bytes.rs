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

/// `n` items made by `item`, in a vector of exactly that capacity (a
/// collected `Option<Vec<_>>` cannot know its length and starts at four
/// items, so a file's one article would take the room of four). `n` comes
/// from a `count`, so the bytes left vouch for it.
pub(super) fn exactly<T>(n: usize, mut item: impl FnMut() -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(item()?);
    }
    Some(out)
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

    /// A 32-byte key (a hash).
    pub(super) fn key(&mut self) -> Option<[u8; 32]> {
        let (key, rest) = self.0.split_first_chunk::<32>()?;
        self.0 = rest;
        Some(*key)
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

/// How many bytes of a streamed record are read at a time, at first.
const WINDOW: usize = 256 << 10;

/// A record read from a stream a window at a time, so its bytes never
/// need to be in memory all at once. Each item is decoded by a `Reader`
/// over the bytes at hand; one that runs past them is decoded again once
/// more are read (the window doubles for an item longer than half of it).
/// Damage still gives `None`: an item that cannot be decoded from every
/// byte left of the record.
pub(super) struct Stream<'s> {
    source: &'s mut dyn std::io::Read,
    /// Bytes of the record not read from the source yet.
    left: usize,
    buf: Vec<u8>,
    /// Where the bytes not decoded yet start in `buf`.
    at: usize,
    /// How many bytes a read asks for, at least.
    window: usize,
}

impl<'s> Stream<'s> {
    pub(super) fn new(source: &'s mut dyn std::io::Read, len: usize) -> Stream<'s> {
        Stream::with_window(source, len, WINDOW)
    }

    pub(super) fn with_window(
        source: &'s mut dyn std::io::Read,
        len: usize,
        window: usize,
    ) -> Stream<'s> {
        Stream {
            source,
            left: len,
            buf: Vec::new(),
            at: 0,
            window: window.max(1),
        }
    }

    /// Reads more of the record; `None` when all of it is read (or the
    /// source fails, which is damage too).
    fn fill(&mut self) -> Option<()> {
        if self.left == 0 {
            return None;
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let have = self.buf.len();
        let want = (if have >= self.window / 2 {
            have.max(1)
        } else {
            self.window - have
        })
        .min(self.left);
        self.buf.resize(have + want, 0);
        if self.source.read_exact(&mut self.buf[have..]).is_err() {
            self.left = 0;
            self.buf.truncate(have);
            return None;
        }
        self.left -= want;
        Some(())
    }

    /// The next item, as `f` decodes it.
    pub(super) fn item<T>(&mut self, mut f: impl FnMut(&mut Reader<'_>) -> Option<T>) -> Option<T> {
        loop {
            let mut r = Reader(&self.buf[self.at..]);
            if let Some(x) = f(&mut r) {
                self.at = self.buf.len() - r.0.len();
                return Some(x);
            }
            self.fill()?;
        }
    }

    /// A count of items each at least `min` bytes long, checked against
    /// what is left of the whole record.
    pub(super) fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.item(|r| r.n())?;
        let rest = self.left + self.buf.len() - self.at;
        (n <= rest / min.max(1)).then_some(n)
    }

    /// Whether every byte of the record has been decoded.
    pub(super) fn finished(&self) -> bool {
        self.left == 0 && self.at == self.buf.len()
    }
}
