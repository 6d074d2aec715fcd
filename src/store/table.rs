//! The byte form of a whole corpus's entity table, kept so that reopening
//! the very same corpus skips alias resolution too. A table is keyed by the
//! extraction version and every article's identity in order, so any change
//! to the corpus (an edit, a new or removed file, another order) asks for a
//! table that is not there, and resolution runs again from the stored
//! per-article mentions.

use crate::corpus::Article;
use crate::extract::entities::{Entity, EntityTable, KINDS, Mention};
use crate::flat::Flat;

use super::bytes::{Reader, Stream, Writer, exactly};
use super::{ArticleKey, PieceHasher, extraction_version};

/// The key of the table for these articles, in this order.
pub fn corpus_key(keys: impl ExactSizeIterator<Item = ArticleKey>) -> [u8; 32] {
    let mut h = PieceHasher::new();
    h.update(&extraction_version());
    h.update(&(keys.len() as u64).to_le_bytes());
    for k in keys {
        h.update(&k.0);
    }
    h.finalize()
}

pub fn encode(table: &EntityTable) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.n(table.entities.len());
    for e in &table.entities {
        w.s(&e.id);
        w.0.push(KINDS.iter().position(|k| *k == e.kind).unwrap_or(0) as u8);
        w.s(&e.name);
        w.n(e.aliases.len());
        for a in &e.aliases {
            w.s(a);
        }
        w.n(e.articles.len());
        for &a in &e.articles {
            w.n(a as usize);
        }
        w.n(e.mentions);
    }
    w.n(table.by_article.len());
    for mentions in table.by_article.iter() {
        w.n(mentions.len());
        for m in mentions {
            w.n(m.entity());
            w.n(m.span().start);
            w.n(m.span().end);
        }
    }
    w.0
}

/// Reads back what `encode` wrote, checking that every index it holds
/// points inside the table and every span inside its article's body;
/// `None` when it does not.
#[cfg(test)]
pub fn decode(bytes: &[u8], articles: &[Article]) -> Option<EntityTable> {
    decode_from(&mut &bytes[..], bytes.len(), articles)
}

/// `decode` of the `len` bytes `source` gives, read a window at a time
/// (a table is tens of megabytes for a large corpus: its bytes are never
/// all in memory next to the table they become).
pub fn decode_from(
    source: &mut dyn std::io::Read,
    len: usize,
    articles: &[Article],
) -> Option<EntityTable> {
    read(Stream::new(source, len), articles)
}

fn read(mut r: Stream<'_>, articles: &[Article]) -> Option<EntityTable> {
    let n = r.count(17)?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        entities.push(r.item(|r| entity(r, articles.len()))?);
    }
    let per_article = r.count(4)?;
    if per_article != articles.len() {
        return None;
    }
    let mut by_article = Flat::default();
    for article in articles {
        by_article.push(r.item(|r| mentions(r, article, entities.len()))?);
    }
    by_article.shrink_to_fit();
    r.finished().then_some(EntityTable {
        entities,
        by_article,
    })
}

fn entity(r: &mut Reader<'_>, articles: usize) -> Option<Entity> {
    let id = r.s()?;
    let kind = *KINDS.get(r.byte()? as usize)?;
    let name = r.s()?;
    let aliases = r.count(4)?;
    let aliases = exactly(aliases, || r.s())?;
    let list = r.count(4)?;
    let list = exactly(list, || r.n().and_then(|a| u32::try_from(a).ok()))?;
    if list.iter().any(|&a| a as usize >= articles) {
        return None;
    }
    let mentions = r.n()?;
    Some(Entity {
        id,
        kind,
        name,
        aliases,
        articles: list,
        mentions,
    })
}

/// One article's mentions, each pointing at one of `entities` and inside
/// the article's body.
fn mentions(r: &mut Reader<'_>, article: &Article, entities: usize) -> Option<Vec<Mention>> {
    // Three counts each.
    let count = r.count(12)?;
    let mut mentions = Vec::with_capacity(count);
    for _ in 0..count {
        let entity = r.n()?;
        let start = r.n()?;
        let end = r.n()?;
        // A body kept in the store is not read to check the span's
        // character boundaries; its length still bounds it.
        let fits = match article.body.text() {
            Some(text) => text.get(start..end).is_some(),
            None => start <= end && end <= article.body.len(),
        };
        if entity >= entities || !fits {
            return None;
        }
        mentions.push(Mention {
            entity: u32::try_from(entity).ok()?,
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        });
    }
    Some(mentions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, load_paths};
    use crate::extract::entities::resolve_aliases;
    use crate::extract::recognise_entities;

    fn corpus() -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Rain in Bergen\n\nIngrid Solberg of the Norwegian Fisheries Council said in Bergen that Solberg would stay.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Quotas\n\nThe Norwegian Fisheries Council met in Tromsø with Ingrid Solberg.\n",
        )
        .unwrap();
        let c = load_paths(&[dir.path().to_path_buf()]).unwrap();
        (dir, c)
    }

    /// The entity table of `c`'s articles.
    fn table_of(c: &Corpus) -> EntityTable {
        let found: Vec<_> = c
            .articles
            .iter()
            .map(|a| recognise_entities(a.body.as_str()))
            .collect();
        resolve_aliases(&found)
    }

    #[test]
    fn a_table_comes_back_as_it_went_in() {
        let (_dir, c) = corpus();
        let table = table_of(&c);
        assert!(!table.entities.is_empty());
        let back = decode(&encode(&table), &c.articles).unwrap();
        assert_eq!(format!("{:?}", back), format!("{:?}", table));
    }

    #[test]
    fn a_table_read_a_few_bytes_at_a_time_is_the_same() {
        let (_dir, c) = corpus();
        let table = table_of(&c);
        let bytes = encode(&table);
        for window in [1, 2, 7, 16, 64, bytes.len()] {
            let mut source = &bytes[..];
            let back = read(
                Stream::with_window(&mut source, bytes.len(), window),
                &c.articles,
            );
            assert_eq!(
                format!("{back:?}"),
                format!("{:?}", Some(&table)),
                "window {window}"
            );
            let cut = bytes.len() - 3;
            let mut source = &bytes[..cut];
            assert!(read(Stream::with_window(&mut source, cut, window), &c.articles).is_none());
            // A source that gives fewer bytes than it was said to hold.
            let mut source = &bytes[..cut];
            assert!(
                read(
                    Stream::with_window(&mut source, bytes.len(), window),
                    &c.articles
                )
                .is_none()
            );
        }
    }

    #[test]
    fn a_table_that_does_not_fit_the_corpus_is_refused() {
        let (_dir, c) = corpus();
        let bytes = encode(&table_of(&c));
        assert!(decode(&bytes, &c.articles[..1]).is_none());
        assert!(decode(&bytes[..bytes.len() - 3], &c.articles).is_none());
        assert!(decode(&[], &c.articles).is_none());
    }

    #[test]
    fn the_key_follows_content_and_order() {
        let (_dir, c) = corpus();
        let keys: Vec<ArticleKey> = c.articles.iter().map(ArticleKey::of).collect();
        let reversed: Vec<ArticleKey> = keys.iter().rev().copied().collect();
        let key = |k: &[ArticleKey]| corpus_key(k.iter().copied());
        assert_eq!(key(&keys), key(&keys.clone()));
        assert_ne!(key(&keys), key(&reversed));
        assert_ne!(key(&keys), key(&keys[..1]));
    }
}
