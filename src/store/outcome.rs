//! The byte form of one file's load outcome in the cache: either why
//! nothing loaded, or the file's warnings and its articles as read, cleaned
//! and dated (ids as the file gave them, before they are made unique across
//! the corpus; the path is not kept, it is the file's). Little-endian
//! counts and lengths, one byte per enum; metadata as its JSON text. A
//! record that does not decode is a miss: the file is read again.
//!
//! The bodies are not in the record but beside it, one after another in
//! parts of about 64 KiB (a longer body is a part of its own), each
//! followed by the furniture removed from it, so one body is read without
//! going through a long file's others: the record keeps the lengths of
//! each body and its furniture and the article's identity, so a warm open
//! reads everything but the text and the furniture, and those are read
//! when the article is shown (see `Body`). Which part a body is in follows
//! from the lengths before it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::bytes::{Reader, Writer, exactly};

use std::sync::Arc;

use super::ArticleKey;
use crate::corpus::body::{BodySource, KeptBody};
use crate::corpus::{
    Article, ArticleDate, Body, DateSource, FileError, Furniture, FurnitureKind, Granularity,
    Outcome, Parsed, TitleSource,
};

const TITLE_SOURCES: [TitleSource; 4] = [
    TitleSource::Headline,
    TitleSource::Field,
    TitleSource::Derived,
    TitleSource::None,
];
const DATE_SOURCES: [DateSource; 5] = [
    DateSource::Header,
    DateSource::Field,
    DateSource::Dateline,
    DateSource::Inferred,
    DateSource::None,
];
const GRANULARITIES: [Granularity; 3] = [Granularity::Day, Granularity::Month, Granularity::Year];
const FURNITURE: [FurnitureKind; 13] = [
    FurnitureKind::Updated,
    FurnitureKind::ReadingTime,
    FurnitureKind::Counter,
    FurnitureKind::Section,
    FurnitureKind::Interface,
    FurnitureKind::Teaser,
    FurnitureKind::Caption,
    FurnitureKind::Byline,
    FurnitureKind::Agency,
    FurnitureKind::Dateline,
    FurnitureKind::DateMarker,
    FurnitureKind::Comments,
    FurnitureKind::Other,
];

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u8 {
    all.iter().position(|y| y == x).unwrap_or(0) as u8
}

impl Writer {
    /// What an article's record holds before its body: everything it says
    /// about the article but its path, body and metadata.
    pub(super) fn fields(&mut self, a: &Article) {
        self.s(&a.id);
        self.s(&a.title);
        self.0.push(index_of(&TITLE_SOURCES, &a.title_source));
        match a.date {
            Some(d) => {
                self.0.push(1 + index_of(&GRANULARITIES, &d.granularity));
                self.0
                    .extend_from_slice(&chrono::Datelike::num_days_from_ce(&d.start).to_le_bytes());
            }
            None => self.0.push(0),
        }
        self.0.push(index_of(&DATE_SOURCES, &a.date_source));
        self.n(a.date_evidence.len());
        for e in &a.date_evidence {
            self.s(e);
        }
        self.opt(&a.author);
        self.opt(&a.source);
        self.opt(&a.dateline);
    }

    /// An article's metadata, after its body: its JSON text, empty for none.
    pub(super) fn metadata(&mut self, a: &Article) {
        if a.metadata.is_empty() {
            self.s("");
        } else {
            self.s(&serde_json::to_string(&a.metadata).unwrap_or_default());
        }
    }

    fn article(&mut self, a: &Article, parts: &mut Parts) {
        self.fields(a);
        self.n(a.body.len());
        self.0.extend_from_slice(&ArticleKey::of(a).0);
        let furniture = furniture_bytes(&a.body.furniture());
        self.n(furniture.len());
        parts.add(a.body.as_str(), &furniture);
        self.metadata(a);
    }
}

/// Bytes of bodies a part holds before the next body starts another.
pub const PART_BYTES: usize = 1 << 16;

/// Where bodies go, one after another: a body that would take its part
/// past `PART_BYTES` starts the next one.
#[derive(Default)]
struct Packer {
    part: u32,
    offset: u32,
}

impl Packer {
    /// The part and offset of the next body, `len` bytes long.
    fn place(&mut self, len: u32) -> Option<(u32, u32)> {
        if self.offset > 0 && self.offset as usize + len as usize > PART_BYTES {
            self.part += 1;
            self.offset = 0;
        }
        let at = (self.part, self.offset);
        self.offset = self.offset.checked_add(len)?;
        Some(at)
    }
}

/// The parts of a file's bodies as they are written.
#[derive(Default)]
struct Parts {
    packer: Packer,
    parts: Vec<Vec<u8>>,
}

impl Parts {
    /// A body's text and then its furniture's bytes.
    fn add(&mut self, body: &str, furniture: &[u8]) {
        let len = u32::try_from(body.len() + furniture.len()).unwrap_or(u32::MAX);
        let part = self.packer.place(len).map_or(0, |(p, _)| p as usize);
        if self.parts.len() <= part {
            self.parts.resize_with(part + 1, Vec::new);
        }
        self.parts[part].extend_from_slice(body.as_bytes());
        self.parts[part].extend_from_slice(furniture);
    }
}

/// The bytes a body's furniture is kept as, after its text: nothing when
/// there is none, else the count and each piece's kind and text.
pub fn furniture_bytes(furniture: &[Furniture]) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    if !furniture.is_empty() {
        w.n(furniture.len());
        for f in furniture {
            w.0.push(index_of(&FURNITURE, &f.kind));
            w.s(&f.text);
        }
    }
    w.0
}

/// Reads back what `furniture_bytes` wrote; `None` when the bytes are not
/// such a list.
pub fn furniture_from(bytes: &[u8]) -> Option<Vec<Furniture>> {
    if bytes.is_empty() {
        return Some(Vec::new());
    }
    let mut r = Reader(bytes);
    let pieces = r.count(5)?;
    let furniture = exactly(pieces, || {
        Some(Furniture {
            kind: r.pick(&FURNITURE)?,
            text: r.s()?,
        })
    })?;
    r.0.is_empty().then_some(furniture)
}

/// Where `encode` puts the bodies of a file's `articles` (read afresh,
/// their bodies in memory) in the bodies record `source`: as a decoded
/// record of them would say.
pub fn kept_places(source: &[u8; 32], articles: &[Article]) -> Option<Vec<KeptBody>> {
    let mut packer = Packer::default();
    articles
        .iter()
        .map(|a| {
            let len = u32::try_from(a.body.len()).ok()?;
            let furniture = u32::try_from(furniture_bytes(&a.body.furniture()).len()).ok()?;
            let (part, offset) = packer.place(len.checked_add(furniture)?)?;
            Some(KeptBody {
                source: *source,
                part,
                offset,
                len,
                furniture,
                key: ArticleKey::of(a).0,
            })
        })
        .collect()
}

/// The record of `outcome` and the parts of its bodies. The articles'
/// bodies must be in memory (an outcome just read from its file).
pub fn encode(outcome: &Outcome) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut w = Writer(Vec::new());
    let mut bodies = Parts::default();
    match outcome {
        Err(error) => {
            w.0.push(1);
            put_error(&mut w, error);
        }
        Ok(parsed) => {
            w.0.push(0);
            w.n(parsed.warnings.len());
            for x in &parsed.warnings {
                w.s(x);
            }
            w.n(parsed.articles.len());
            for a in &parsed.articles {
                w.article(a, &mut bodies);
            }
        }
    }
    (w.0, bodies.parts)
}

/// An article's metadata.
pub(super) type Metadata = BTreeMap<String, serde_json::Value>;

/// What `Writer::fields` wrote: an article but for its path, body and
/// metadata.
pub(super) struct Fields {
    id: String,
    title: String,
    title_source: TitleSource,
    date: Option<ArticleDate>,
    date_source: DateSource,
    date_evidence: Vec<String>,
    author: Option<String>,
    source: Option<String>,
    dateline: Option<String>,
}

impl Fields {
    /// The article these fields are of, with its path, body and metadata.
    pub(super) fn article(self, path: Arc<str>, body: Body, metadata: Metadata) -> Article {
        Article {
            id: self.id,
            path,
            title: self.title,
            title_source: self.title_source,
            date: self.date,
            date_source: self.date_source,
            date_evidence: self.date_evidence,
            author: self.author,
            source: self.source,
            dateline: self.dateline,
            body,
            metadata,
        }
    }
}

impl Reader<'_> {
    pub(super) fn fields(&mut self) -> Option<Fields> {
        let id = self.s()?;
        let title = self.s()?;
        let title_source = self.pick(&TITLE_SOURCES)?;
        let date = match self.byte()? {
            0 => None,
            g => {
                let granularity = *GRANULARITIES.get(g as usize - 1)?;
                let (days, rest) = self.0.split_first_chunk::<4>()?;
                self.0 = rest;
                let start = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(*days))?;
                Some(ArticleDate { start, granularity })
            }
        };
        let date_source = self.pick(&DATE_SOURCES)?;
        let evidence = self.count(4)?;
        let date_evidence = exactly(evidence, || self.s())?;
        Some(Fields {
            id,
            title,
            title_source,
            date,
            date_source,
            date_evidence,
            author: self.opt()?,
            source: self.opt()?,
            dateline: self.opt()?,
        })
    }

    pub(super) fn metadata(&mut self) -> Option<Metadata> {
        match self.str()? {
            "" => Some(Default::default()),
            json => serde_json::from_str(json).ok(),
        }
    }

    /// An article whose body is the next `len` bytes from `*offset` in the
    /// bodies record `source`.
    fn article(&mut self, kept: &Kept, packer: &mut Packer) -> Option<Article> {
        let fields = self.fields()?;
        let len = u32::try_from(self.n()?).ok()?;
        let key = self.key()?;
        let furniture = u32::try_from(self.n()?).ok()?;
        let (part, offset) = packer.place(len.checked_add(furniture)?)?;
        let body = Body::kept(
            KeptBody {
                source: kept.0,
                part,
                offset,
                len,
                furniture,
                key,
            },
            Arc::clone(&kept.1),
        );
        let metadata = self.metadata()?;
        Some(fields.article(no_path(), body, metadata))
    }
}

/// The path of a decoded article until it is given its file's (the record
/// does not keep it): one shared empty name, not one allocated an article.
pub(super) fn no_path() -> Arc<str> {
    static EMPTY: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| "".into());
    Arc::clone(&EMPTY)
}

/// Where decoded articles' bodies are: the key of their bodies record, and
/// what reads it.
pub type Kept = ([u8; 32], Arc<dyn BodySource>);

/// A file's problem: which one, and what it says beyond its kind.
fn put_error(w: &mut Writer, error: &FileError) {
    let (tag, text, n): (u8, std::borrow::Cow<'_, str>, usize) = match error {
        FileError::Missing => (0, "".into(), 0),
        FileError::BrokenLink => (1, "".into(), 0),
        FileError::Unreadable(why) => (2, why.into(), 0),
        FileError::NotArticleFile(kind) => (3, kind.into(), 0),
        FileError::NotRegular => (4, "".into(), 0),
        FileError::Binary => (5, "".into(), 0),
        FileError::InvalidJson(why) => (6, why.into(), 0),
        FileError::NotArticles => (7, "".into(), 0),
        FileError::NoRecords { first, more } => (8, first.into(), *more),
        FileError::LinkLoop(to) => (9, to.to_string_lossy(), 0),
    };
    w.0.push(tag);
    w.s(&text);
    w.n(n);
}

impl Reader<'_> {
    fn error(&mut self) -> Option<FileError> {
        let tag = self.byte()?;
        let text = self.s()?;
        let n = self.n()?;
        Some(match tag {
            0 => FileError::Missing,
            1 => FileError::BrokenLink,
            2 => FileError::Unreadable(text),
            3 => FileError::NotArticleFile(text),
            4 => FileError::NotRegular,
            5 => FileError::Binary,
            6 => FileError::InvalidJson(text),
            7 => FileError::NotArticles,
            8 => FileError::NoRecords {
                first: text,
                more: n,
            },
            9 => FileError::LinkLoop(text.into()),
            _ => return None,
        })
    }
}

/// Reads back what `encode` wrote, with bodies left in the bodies record
/// `kept` says; `None` when the bytes are not such a record.
pub fn decode(bytes: &[u8], kept: &Kept) -> Option<Outcome> {
    let mut packer = Packer::default();
    let mut r = Reader(bytes);
    let outcome = match r.byte()? {
        1 => Err(r.error()?),
        0 => {
            let warnings = r.count(4)?;
            let warnings = exactly(warnings, || r.s())?;
            let count = r.count(20)?;
            let mut articles = crate::corpus::load::Articles::with_capacity(count);
            for _ in 0..count {
                articles.push(r.article(kept, &mut packer)?);
            }
            Ok(Parsed { articles, warnings })
        }
        _ => return None,
    };
    r.0.is_empty().then_some(outcome)
}

/// The text of the body at `at` in the part of its file's bodies it is in.
pub fn body_in<'a>(part: &'a [u8], at: &KeptBody) -> Option<&'a str> {
    let start = at.offset as usize;
    let bytes = part.get(start..start.checked_add(at.len as usize)?)?;
    std::str::from_utf8(bytes).ok()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus::load_paths;

    fn outcome_of(dir: &std::path::Path) -> Outcome {
        let corpus = load_paths(&[dir.to_path_buf()]).unwrap();
        Ok(Parsed {
            articles: corpus.articles.into(),
            warnings: vec!["record 2: no text".into()],
        })
    }

    /// A source that holds no body.
    pub(in crate::store) struct Nowhere;

    impl BodySource for Nowhere {
        fn body(&self, _: &KeptBody) -> Option<String> {
            None
        }

        fn furniture(&self, _: &KeptBody) -> Option<Vec<Furniture>> {
            None
        }
    }

    /// The furniture of the body at `at` in the part it is in.
    fn furniture_in(part: &[u8], at: &KeptBody) -> Option<Vec<Furniture>> {
        let start = (at.offset as usize).checked_add(at.len as usize)?;
        furniture_from(part.get(start..start.checked_add(at.furniture as usize)?)?)
    }

    fn nowhere(key: [u8; 32]) -> Kept {
        (key, Arc::new(Nowhere))
    }

    /// `outcome` with its kept bodies read from `parts`.
    fn with_text(outcome: Outcome, parts: &[Vec<u8>]) -> Outcome {
        outcome.map(|mut p| {
            for a in &mut p.articles {
                let at = *a.body.place().unwrap();
                let part = &parts[at.part as usize];
                a.body = Body::new(
                    body_in(part, &at).unwrap().into(),
                    furniture_in(part, &at).unwrap(),
                );
            }
            p
        })
    }

    fn same(a: &Outcome, b: &Outcome) -> bool {
        let strip = |o: &Outcome| {
            let mut o = o.clone().map(|p| (p.articles, p.warnings));
            if let Ok((articles, _)) = &mut o {
                for a in articles {
                    a.path = "".into();
                }
            }
            format!("{o:?}")
        };
        strip(a) == strip(b)
    }

    #[test]
    fn places_worked_out_from_articles_are_those_their_record_gives() {
        let dir = tempfile::tempdir().unwrap();
        let long = "A long paragraph about the harbour. ".repeat(1000);
        std::fs::write(
            dir.path().join("b.json"),
            format!(
                r#"[{{"title": "One", "text": "{long}"}}, {{"title": "Two", "text": "Short."}},
                    {{"title": "Three", "text": "{long}"}}]"#
            ),
        )
        .unwrap();
        let outcome = outcome_of(dir.path());
        let (head, _) = encode(&outcome);
        let back = decode(&head, &nowhere([3; 32])).unwrap().unwrap();
        let articles = outcome.unwrap().articles;
        let places = kept_places(&[3; 32], &articles).unwrap();
        let decoded: Vec<KeptBody> = back
            .articles
            .iter()
            .map(|a| *a.body.place().unwrap())
            .collect();
        assert_eq!(places, decoded);
        assert!(places.iter().any(|p| p.part > 0));
    }

    #[test]
    fn articles_come_back_as_they_went_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "date 2025-04-11\nRain in Bergen\n\nBy Ingrid Solberg\n\nIt rained in Bergen — again.\n\nShare this\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.json"),
            r#"[{"title": "Quotas", "text": "The council met.", "url": "https://example.com/q", "date": "2024-03"}]"#,
        )
        .unwrap();
        let outcome = outcome_of(dir.path());
        let (head, bodies) = encode(&outcome);
        let back = decode(&head, &nowhere([3; 32])).unwrap();
        // The bodies stay in their record; each article knows its place.
        let Ok(parsed) = &back else { panic!() };
        assert!(parsed.articles.iter().all(|a| a.body.text().is_none()));
        let Ok(original) = &outcome else { panic!() };
        for (a, b) in original.articles.iter().zip(&parsed.articles) {
            assert_eq!(b.body.len(), a.body.len());
            assert_eq!(b.body.place().unwrap().source, [3; 32]);
            assert_eq!(
                crate::store::ArticleKey::of(b),
                crate::store::ArticleKey::of(a)
            );
        }
        let back = with_text(back, &bodies);
        assert!(same(&outcome, &back), "{back:?}");
        let problems = [
            FileError::Missing,
            FileError::BrokenLink,
            FileError::Unreadable("permission denied".into()),
            FileError::NotArticleFile("a socket".into()),
            FileError::NotRegular,
            FileError::Binary,
            FileError::InvalidJson("expected value at line 1".into()),
            FileError::NotArticles,
            FileError::NoRecords {
                first: "line 1: invalid JSON".into(),
                more: 7,
            },
            FileError::LinkLoop("/corpus/a".into()),
        ];
        for problem in problems {
            let failed: Outcome = Err(problem);
            let (head, bodies) = encode(&failed);
            assert!(bodies.is_empty());
            assert!(same(&failed, &decode(&head, &nowhere([0; 32])).unwrap()));
        }
    }

    #[test]
    fn a_long_file_keeps_its_bodies_in_parts_each_read_alone() {
        let dir = tempfile::tempdir().unwrap();
        // Records of 10 to 39 KB: a few to a part, and one over a part's size.
        let mut lines: Vec<String> = (0..12)
            .map(|i| {
                let text = format!("Paragraph {i} of the report. ").repeat(400 + 100 * (i % 4));
                format!(r#"{{"title": "Report {i}", "text": "{text}"}}"#)
            })
            .collect();
        lines.insert(
            5,
            format!(
                r#"{{"title": "Long", "text": "{}"}}"#,
                "word ".repeat(20_000)
            ),
        );
        std::fs::write(dir.path().join("feed.jsonl"), lines.join("\n")).unwrap();
        let outcome = outcome_of(dir.path());
        let (head, parts) = encode(&outcome);
        assert!(parts.len() > 3, "{}", parts.len());
        let Ok(back) = decode(&head, &nowhere([1; 32])).unwrap() else {
            panic!()
        };
        for (i, a) in back.articles.iter().enumerate() {
            let at = a.body.place().unwrap();
            let part = &parts[at.part as usize];
            // A part holds whole bodies and is only over its size when one
            // body alone is.
            assert!(
                part.len() <= PART_BYTES || part.len() == at.len as usize,
                "{i}"
            );
            assert!(body_in(part, at).is_some());
        }
        assert!(same(&outcome, &with_text(Ok(back), &parts)));
    }

    #[test]
    fn furniture_comes_back_and_damaged_furniture_is_refused() {
        let furniture = vec![
            Furniture {
                kind: FurnitureKind::ReadingTime,
                text: "4 min read".into(),
            },
            Furniture {
                kind: FurnitureKind::Teaser,
                text: "Ports brace for a busy summer".into(),
            },
        ];
        let bytes = furniture_bytes(&furniture);
        assert_eq!(furniture_from(&bytes), Some(furniture));
        assert!(furniture_bytes(&[]).is_empty());
        assert_eq!(furniture_from(&[]), Some(Vec::new()));
        for cut in 1..bytes.len() {
            assert!(furniture_from(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(furniture_from(&longer).is_none());
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Title\n\nSome body text.\n").unwrap();
        let (bytes, _) = encode(&outcome_of(dir.path()));
        let source = nowhere([0; 32]);
        for cut in [1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &source).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, &source).is_none());
        assert!(decode(&[7], &source).is_none());
        assert!(decode(&[], &source).is_none());
        assert!(decode(&[0, 0xff, 0xff, 0xff, 0xff], &source).is_none());
    }
}
