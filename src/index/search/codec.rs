//! The byte form of a search index, so reopening an unchanged corpus reads
//! the index instead of folding every body again: the vocabulary, the
//! folded fields, each article's letter masks, each word's articles and the
//! date and title orders, little-endian.
//! Dates come from the articles. Everything read back is checked against
//! the articles it is for (counts, bounds, character boundaries, order), so
//! a damaged record is refused, never trusted.

use std::io::Read;

use super::{CharMask, Docs, SearchIndex};
use crate::corpus::Article;
use crate::index::record::{Reader, put, put_all, put_str};

fn put_masks(out: &mut Vec<u8>, masks: &[CharMask]) {
    put(out, masks.len());
    out.reserve(masks.len() * 32);
    for m in masks {
        for part in [m.title, m.title_starts, m.meta, m.body_starts] {
            out.extend_from_slice(&part.to_le_bytes());
        }
    }
}

fn masks(r: &mut Reader<'_>) -> Option<Vec<CharMask>> {
    r.items(32, |c| {
        let part = |k: usize| u64::from_le_bytes(c[k * 8..k * 8 + 8].try_into().expect("8 bytes"));
        CharMask {
            title: part(0),
            title_starts: part(1),
            meta: part(2),
            body_starts: part(3),
        }
    })
}

/// Whether `order` holds each of `0..n` once.
fn is_permutation(order: &[u32], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n
        && order.iter().all(|&i| {
            seen.get_mut(i as usize)
                .is_some_and(|s| !std::mem::replace(s, true))
        })
}

impl SearchIndex {
    pub fn encode(&self) -> Vec<u8> {
        let d = &self.docs;
        let vocab: usize = self.vocab.iter().map(|w| w.len() + 4).sum();
        let mut out = Vec::with_capacity(
            vocab
                + d.fields.len()
                + d.masks.len() * 32
                + (self.postings.len() + self.posting_starts.len() + d.field_starts.len() * 5) * 4
                + 64,
        );
        put(&mut out, self.vocab.len());
        for w in &self.vocab {
            put_str(&mut out, w);
        }
        put(&mut out, d.fields.len());
        out.extend_from_slice(d.fields.as_bytes());
        let starts: Vec<u32> = d.field_starts.iter().flatten().copied().collect();
        put_all(&mut out, &starts);
        put_masks(&mut out, &d.masks);
        put_all(&mut out, &self.postings);
        put_all(&mut out, &self.posting_starts);
        put_all(&mut out, &self.by_date);
        put_all(&mut out, &self.by_title);
        out
    }

    /// Reads back what `encode` wrote for `articles`; `None` when the
    /// bytes are not an index of that many articles.
    pub fn decode(bytes: &[u8], articles: &[Article]) -> Option<SearchIndex> {
        Self::decode_from(&mut &bytes[..], bytes.len(), articles)
    }

    /// `decode` of a record of `len` bytes read from `src` as it goes.
    pub fn decode_from(
        src: &mut dyn Read,
        len: usize,
        articles: &[Article],
    ) -> Option<SearchIndex> {
        let n = articles.len();
        let mut r = Reader::new(src, len);
        let words_in_vocab = r.n()?;
        if words_in_vocab > r.left() / 4 {
            return None;
        }
        let vocab = (0..words_in_vocab)
            .map(|_| r.str())
            .collect::<Option<Vec<Box<str>>>>()?;
        if !vocab.windows(2).all(|w| w[0] < w[1]) {
            return None;
        }
        let fields_len = r.n()?;
        let fields = String::from_utf8(r.bytes(fields_len)?).ok()?;
        let starts = r.all()?;
        let masks = masks(&mut r)?;
        let postings = r.all()?;
        let posting_starts = r.all()?;
        let by_date = r.all()?;
        let by_title = r.all()?;
        if r.left() != 0
            || starts.len() != n * 3
            || masks.len() != n
            || posting_starts.len() != vocab.len() + 1
        {
            return None;
        }
        let fields_ok = starts.windows(2).all(|w| w[0] <= w[1])
            && starts.last().is_none_or(|&s| s as usize <= fields.len())
            && starts.iter().all(|&s| fields.is_char_boundary(s as usize));
        // Each word's articles: in range, ascending, one run per word.
        let postings_ok = posting_starts.first() == Some(&0)
            && posting_starts.windows(2).all(|w| w[0] <= w[1])
            && posting_starts.last() == Some(&(postings.len() as u32))
            && posting_starts.windows(2).all(|w| {
                let run = &postings[w[0] as usize..w[1] as usize];
                run.windows(2).all(|p| p[0] < p[1]) && run.iter().all(|&a| (a as usize) < n)
            });
        if !fields_ok
            || !postings_ok
            || !is_permutation(&by_date, n)
            || !is_permutation(&by_title, n)
        {
            return None;
        }
        let docs = Docs {
            fields,
            field_starts: starts.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect(),
            dates: articles.iter().map(|a| a.date).collect(),
            masks,
            pairs: Vec::new(),
        };
        Some(SearchIndex::from_parts(
            vocab,
            postings,
            posting_starts,
            docs,
            by_date,
            by_title,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::parse_query;
    use crate::index::search::tests::article;

    fn articles() -> Vec<Article> {
        vec![
            article(
                "Oil prices rise",
                "Crude oil rose on Monday in Vienna.",
                Some("2024-03-01"),
            ),
            article("Überraschung in München", "Die Börse schloss höher.", None),
            article("Rain", "It rained; the harvest waits.", Some("2023-01-02")),
        ]
    }

    #[test]
    fn an_index_comes_back_answering_the_same() {
        let a = articles();
        let index = SearchIndex::build(&a);
        let back = SearchIndex::decode(&index.encode(), &a).unwrap();
        for q in ["oil", "bör", "-rain", "title:rain", "m"] {
            let q = parse_query(q).unwrap();
            assert_eq!(
                index.search(&a, &q, None).unwrap(),
                back.search(&a, &q, None).unwrap()
            );
        }
        assert_eq!(back.encode(), index.encode());
    }

    /// Hands out at most `step` bytes a read, as a blob read in pieces.
    struct Dribble<'a>(&'a [u8], usize);

    impl Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn an_index_read_a_few_bytes_at_a_time_comes_back_whole() {
        let a = articles();
        let bytes = SearchIndex::build(&a).encode();
        for step in [1, 3, 7, 64] {
            let back =
                SearchIndex::decode_from(&mut Dribble(&bytes, step), bytes.len(), &a).unwrap();
            assert_eq!(back.encode(), bytes, "{step}");
            // A record said to be longer than it is was cut short.
            let longer = bytes.len() + 1;
            assert!(SearchIndex::decode_from(&mut Dribble(&bytes, step), longer, &a).is_none());
        }
    }

    #[test]
    fn a_damaged_index_is_refused() {
        let a = articles();
        let bytes = SearchIndex::build(&a).encode();
        assert!(SearchIndex::decode(&bytes, &a[..2]).is_none());
        for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(SearchIndex::decode(&bytes[..cut], &a).is_none());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(SearchIndex::decode(&longer, &a).is_none());
        // The last u32 is an entry of the title order: out of range.
        let mut bad = bytes.clone();
        let at = bad.len() - 4;
        bad[at..].copy_from_slice(&99u32.to_le_bytes());
        assert!(SearchIndex::decode(&bad, &a).is_none());
    }
}
