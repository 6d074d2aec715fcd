//! The byte form of one file's load outcome in the cache: either why
//! nothing loaded, or the file's warnings and its articles as read, cleaned
//! and dated (ids as the file gave them, before they are made unique across
//! the corpus; the path is not kept, it is the file's). Little-endian
//! counts and lengths, one byte per enum; metadata as its JSON text. A
//! record that does not decode is a miss: the file is read again.

use chrono::NaiveDate;

use super::bytes::{Reader, Writer};

use crate::corpus::{
    Article, ArticleDate, DateSource, Furniture, FurnitureKind, Granularity, Outcome, Parsed,
    TitleSource,
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
    fn article(&mut self, a: &Article) {
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
        self.s(&a.body);
        self.n(a.furniture.len());
        for f in &a.furniture {
            self.0.push(index_of(&FURNITURE, &f.kind));
            self.s(&f.text);
        }
        if a.metadata.is_empty() {
            self.s("");
        } else {
            self.s(&serde_json::to_string(&a.metadata).unwrap_or_default());
        }
    }
}

pub fn encode(outcome: &Outcome) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    match outcome {
        Err(reason) => {
            w.0.push(1);
            w.s(reason);
        }
        Ok(parsed) => {
            let text: usize = parsed.articles.iter().map(|a| a.body.len() + 64).sum();
            w.0.reserve(text);
            w.0.push(0);
            w.n(parsed.warnings.len());
            for x in &parsed.warnings {
                w.s(x);
            }
            w.n(parsed.articles.len());
            for a in &parsed.articles {
                w.article(a);
            }
        }
    }
    w.0
}

impl Reader<'_> {
    fn article(&mut self) -> Option<Article> {
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
        let date_evidence = (0..self.count(4)?)
            .map(|_| self.s())
            .collect::<Option<Vec<_>>>()?;
        let author = self.opt()?;
        let source = self.opt()?;
        let dateline = self.opt()?;
        let body = self.s()?;
        let furniture = (0..self.count(5)?)
            .map(|_| {
                Some(Furniture {
                    kind: self.pick(&FURNITURE)?,
                    text: self.s()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let metadata = match self.str()? {
            "" => Default::default(),
            json => serde_json::from_str(json).ok()?,
        };
        Some(Article {
            id,
            path: String::new(),
            title,
            title_source,
            date,
            date_source,
            date_evidence,
            author,
            source,
            dateline,
            body,
            furniture,
            metadata,
        })
    }
}

/// Reads back what `encode` wrote; `None` when the bytes are not such a
/// record.
pub fn decode(bytes: &[u8]) -> Option<Outcome> {
    let mut r = Reader(bytes);
    let outcome = match r.byte()? {
        1 => Err(r.s()?),
        0 => {
            let warnings = (0..r.count(4)?)
                .map(|_| r.s())
                .collect::<Option<Vec<_>>>()?;
            let articles = (0..r.count(20)?)
                .map(|_| r.article())
                .collect::<Option<Vec<_>>>()?;
            Ok(Parsed { articles, warnings })
        }
        _ => return None,
    };
    r.0.is_empty().then_some(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load_paths;

    fn outcome_of(dir: &std::path::Path) -> Outcome {
        let corpus = load_paths(&[dir.to_path_buf()]).unwrap();
        Ok(Parsed {
            articles: corpus.articles,
            warnings: vec!["record 2: no text".into()],
        })
    }

    fn same(a: &Outcome, b: &Outcome) -> bool {
        let strip = |o: &Outcome| {
            let mut o = o.clone().map(|p| (p.articles, p.warnings));
            if let Ok((articles, _)) = &mut o {
                for a in articles {
                    a.path.clear();
                }
            }
            format!("{o:?}")
        };
        strip(a) == strip(b)
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
        let back = decode(&encode(&outcome)).unwrap();
        assert!(same(&outcome, &back), "{back:?}");
        let failed: Outcome = Err("not JSON: expected value at line 1".into());
        assert!(same(&failed, &decode(&encode(&failed)).unwrap()));
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Title\n\nSome body text.\n").unwrap();
        let bytes = encode(&outcome_of(dir.path()));
        for cut in [1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        assert!(decode(&[7]).is_none());
        assert!(decode(&[]).is_none());
        assert!(decode(&[0, 0xff, 0xff, 0xff, 0xff]).is_none());
    }
}
