//! An article's clean text, and the page furniture cleaning took out of
//! it. A body read from its file is held in memory; a body taken from the
//! store's cache stays there and is only a place to read it from
//! (`Library::body` reads it), so a warm open of a large folder keeps no
//! article text in memory.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::article::Furniture;

/// Where kept bodies are read from (the store's cache).
pub trait BodySource: Send + Sync {
    /// The text at `at`; `None` when the source no longer holds it.
    fn body(&self, at: &KeptBody) -> Option<String>;
    /// The furniture kept after the text at `at`; `None` when the source
    /// no longer holds it.
    fn furniture(&self, at: &KeptBody) -> Option<Vec<Furniture>>;
}

/// Where a body kept in the store is: the record of its file's bodies
/// (`source`), the part of it the body is in, its bytes there (the text,
/// then `furniture` bytes of its furniture), and the article's identity
/// (which hashes the body, so it is kept with it rather than worked out
/// again).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeptBody {
    pub source: [u8; 32],
    pub part: u32,
    pub offset: u32,
    pub len: u32,
    pub furniture: u32,
    pub key: [u8; 32],
}

#[derive(Clone)]
enum Repr {
    Text(String, Vec<Furniture>),
    Kept(KeptBody, Arc<dyn BodySource>),
}

/// An article's clean text, paragraphs separated by a blank line, and the
/// furniture removed from it in the order it was found.
#[derive(Clone)]
pub struct Body(Repr);

impl Body {
    /// A body held in memory: its text and what was removed from it.
    pub fn new(text: String, furniture: Vec<Furniture>) -> Body {
        Body(Repr::Text(text, furniture))
    }

    /// A body kept at `at` in `source`.
    pub fn kept(at: KeptBody, source: Arc<dyn BodySource>) -> Body {
        Body(Repr::Kept(at, source))
    }

    /// The furniture removed from the text: borrowed when in memory, else
    /// read from where it is kept (none when it can no longer be read
    /// there). Only one article's view or output reads it.
    pub fn furniture(&self) -> Cow<'_, [Furniture]> {
        match &self.0 {
            Repr::Text(_, f) => Cow::Borrowed(f),
            Repr::Kept(at, _) if at.furniture == 0 => Cow::Borrowed(&[]),
            Repr::Kept(at, source) => Cow::Owned(source.furniture(at).unwrap_or_default()),
        }
    }

    /// The text: borrowed when in memory, else read from where it is kept
    /// (empty when it can no longer be read there). The reading view reads
    /// its article's body when it wraps it, never while drawing.
    pub fn read(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Text(t, _) => Cow::Borrowed(t),
            Repr::Kept(at, source) => Cow::Owned(source.body(at).unwrap_or_default()),
        }
    }

    /// The text, when it is in memory (every body read from its file).
    pub fn text(&self) -> Option<&str> {
        match &self.0 {
            Repr::Text(t, _) => Some(t),
            Repr::Kept(..) => None,
        }
    }

    /// The text when it is in memory, or nothing for a body kept in the
    /// store: for code that works on articles just read from their files
    /// (cleaning, extraction). Everything else reads bodies through
    /// `Library::body`.
    pub fn as_str(&self) -> &str {
        self.text().unwrap_or("")
    }

    /// Where the body is kept, when it is not in memory.
    pub fn place(&self) -> Option<&KeptBody> {
        match &self.0 {
            Repr::Text(..) => None,
            Repr::Kept(k, _) => Some(k),
        }
    }

    /// Its length in bytes, known either way.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Text(t, _) => t.len(),
            Repr::Kept(k, _) => k.len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for Body {
    fn default() -> Self {
        Body(Repr::Text(String::new(), Vec::new()))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body(Repr::Text(text, Vec::new()))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Body {
        Body(Repr::Text(text.to_string(), Vec::new()))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Text(t, furniture) if furniture.is_empty() => fmt::Debug::fmt(t, f),
            Repr::Text(t, furniture) => f.debug_tuple("Body").field(t).field(furniture).finish(),
            Repr::Kept(k, _) => write!(f, "<{} bytes kept>", k.len),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        match (&self.0, &other.0) {
            (Repr::Text(a, fa), Repr::Text(b, fb)) => a == b && fa == fb,
            (Repr::Kept(a, _), Repr::Kept(b, _)) => a == b,
            // A kept body against one in memory: their texts.
            _ => self.read() == other.read(),
        }
    }
}

impl Eq for Body {}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.read() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.read() == *other
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.read())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FurnitureKind;

    struct Letters;

    impl BodySource for Letters {
        fn body(&self, at: &KeptBody) -> Option<String> {
            let all = "abcdefghijklmnopqrstuvwxyz";
            all.get(at.offset as usize..(at.offset + at.len) as usize)
                .map(str::to_string)
        }

        fn furniture(&self, at: &KeptBody) -> Option<Vec<Furniture>> {
            let text = self.body(&KeptBody {
                offset: at.offset + at.len,
                len: at.furniture,
                ..*at
            })?;
            Some(vec![Furniture {
                kind: FurnitureKind::Other,
                text,
            }])
        }
    }

    #[test]
    fn a_kept_body_has_its_length_and_is_read_from_its_source() {
        let at = KeptBody {
            source: [1; 32],
            part: 0,
            offset: 2,
            len: 3,
            furniture: 0,
            key: [2; 32],
        };
        let kept = Body::kept(at, Arc::new(Letters));
        assert_eq!(kept.len(), 3);
        assert_eq!(kept.text(), None);
        assert_eq!(kept.as_str(), "");
        assert_eq!(kept.read(), "cde");
        assert_eq!(kept, Body::from("cde"));
        let gone = Body::kept(KeptBody { offset: 30, ..at }, Arc::new(Letters));
        assert_eq!(gone.read(), "");
        let text = Body::from("Two words");
        assert_eq!(text.text(), Some("Two words"));
        assert_eq!(text.len(), 9);
        assert!(text.place().is_none());
        assert!(text.furniture().is_empty());
        assert!(kept.furniture().is_empty());
        let with = Body::kept(KeptBody { furniture: 2, ..at }, Arc::new(Letters));
        assert_eq!(with.read(), "cde");
        assert_eq!(with.furniture()[0].text, "fg");
        let removed = vec![Furniture {
            kind: FurnitureKind::Teaser,
            text: "More".into(),
        }];
        let held = Body::new("Words".into(), removed.clone());
        assert_eq!(*held.furniture(), removed[..]);
        assert_ne!(held, Body::from("Words"));
    }

    #[test]
    fn a_body_is_no_larger_for_its_furniture() {
        assert!(std::mem::size_of::<Body>() <= 96);
    }
}
