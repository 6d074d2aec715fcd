//! The byte form of a search index, so reopening an unchanged corpus reads
//! the index instead of folding every body again: the format's number, the
//! vocabulary, the folded fields, each article's letter masks, each word's
//! articles (as kept in memory, see [`Postings`]) and the date and title
//! orders, little-endian.
//! Dates come from the articles. Everything read back is checked against
//! the articles it is for (counts, bounds, character boundaries, order), so
//! a damaged record is refused, never trusted.

use std::io::Read;

use super::{CharMask, Docs, Postings, SearchIndex};
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
    /// The number of the record's format, which it starts with and which
    /// the cache's key for it holds: a record of another format is never
    /// read as this one. 2: each word's articles as gaps of a few bytes.
    pub const FORMAT: u32 = 2;

    pub fn encode(&self) -> Vec<u8> {
        let d = &self.docs;
        let p = &self.postings;
        let vocab: usize = self.vocab.iter().map(|w| w.len() + 4).sum();
        let mut out = Vec::with_capacity(
            vocab
                + d.fields.len()
                + d.masks.len() * 32
                + p.bytes.len()
                + (p.starts.len() + d.field_starts.len() * 5) * 4
                + 64,
        );
        put(&mut out, Self::FORMAT as usize);
        put(&mut out, self.vocab.len());
        for w in &self.vocab {
            put_str(&mut out, w);
        }
        put(&mut out, d.fields.len());
        out.extend_from_slice(d.fields.as_bytes());
        let starts: Vec<u32> = d.field_starts.iter().flatten().copied().collect();
        put_all(&mut out, &starts);
        put_masks(&mut out, &d.masks);
        put(&mut out, p.bytes.len());
        out.extend_from_slice(&p.bytes);
        put_all(&mut out, &p.starts);
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
        if r.n()? != Self::FORMAT as usize {
            return None;
        }
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
        let postings_len = r.n()?;
        let postings = r.bytes(postings_len)?;
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
        if !fields_ok || !is_permutation(&by_date, n) || !is_permutation(&by_title, n) {
            return None;
        }
        // Each word's articles: whole, in range, ascending, one run per word.
        let postings = Postings::checked(postings, posting_starts, n)?;
        let docs = Docs {
            fields,
            field_starts: starts.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect(),
            dates: articles.iter().map(|a| a.date).collect(),
            masks,
            pairs: Vec::new(),
        };
        Some(SearchIndex::from_parts(
            vocab, postings, docs, by_date, by_title,
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
        for q in [
            "oil",
            "bör",
            "-rain",
            "title:rain",
            "m",
            "r",
            "ha",
            "-o",
            "\"the harvest\"",
            "\"crude oil\" -vienna",
        ] {
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
        // Another format's record.
        let mut other = bytes.clone();
        other[..4].copy_from_slice(&1u32.to_le_bytes());
        assert!(SearchIndex::decode(&other, &a).is_none());
    }

    #[test]
    fn a_damaged_list_of_articles_is_refused() {
        let mut a = articles();
        for k in 0..6 {
            let body = ["oil and grain", "grain", "the oil price"][k % 3];
            a.push(article(&format!("More {k}"), body, None));
        }
        let index = SearchIndex::build(&a);
        let bytes = index.encode();
        // The postings' bytes end where the words' starts (a count and
        // one more than the words) and the two orders (a count and an
        // entry per article each) begin.
        let tail = 4 * (index.vocab.len() + 2) + 2 * 4 * (a.len() + 1);
        let end = bytes.len() - tail;
        let len = index.postings.bytes.len();
        assert_eq!(bytes[end - len..end], index.postings.bytes[..]);
        // The last word's last article not ended.
        let mut cut = bytes.clone();
        cut[end - 1] |= 0x80;
        assert!(SearchIndex::decode(&cut, &a).is_none());
        // An article past the last.
        let mut past = bytes.clone();
        past[end - 1] = 0x7f;
        assert!(SearchIndex::decode(&past, &a).is_none());
        // A word's next article the same as the one before: a gap of 0
        // (each gap takes one byte here).
        let words_using_two = (0..index.vocab.len() as u32)
            .filter(|&w| index.postings.count(w..w + 1) > 1)
            .count();
        assert!(words_using_two > 0);
        for at in (end - len..end).filter(|&k| k > end - len && bytes[k] != 0) {
            let mut repeat = bytes.clone();
            repeat[at] = 0;
            let back = SearchIndex::decode(&repeat, &a);
            // Unless the byte begins a word's list (where 0 is the first
            // article), the list no longer ascends.
            let begins = index.postings.starts.contains(&((at - (end - len)) as u32));
            assert_eq!(back.is_some(), begins, "{at}");
        }
    }

    #[test]
    fn no_damage_to_a_record_makes_reading_it_fail_other_than_by_refusing() {
        let a = articles();
        let bytes = SearchIndex::build(&a).encode();
        for at in 0..bytes.len() {
            for change in [0x01, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[at] ^= change;
                if let Some(back) = SearchIndex::decode(&bad, &a) {
                    // What is read is sound enough to search.
                    for q in ["o", "oil", "\"the harvest\""] {
                        let q = parse_query(q).unwrap();
                        back.search(&a, &q, None).unwrap();
                    }
                }
            }
        }
    }
}
