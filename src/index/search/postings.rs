//! For each vocabulary word, the articles whose body uses it, ascending,
//! kept small: each article as its distance from the one before (the first
//! as itself) in one to five bytes (see [`varint`]). A word used by many
//! articles has small gaps and takes about a byte an article instead of
//! four; the lists are read in order only, so nothing is lost by it.

use super::varint;

/// Every word's articles, word after word.
#[derive(Default)]
pub(super) struct Postings {
    /// Each word's gaps, one list after the other.
    pub(super) bytes: Vec<u8>,
    /// Where each word's list starts in `bytes`; one more entry closes the
    /// last.
    pub(super) starts: Vec<u32>,
    /// How many articles the words before each use, summed; one more entry
    /// holds the total. A range of words' postings are counted with two
    /// loads.
    counts: Vec<u32>,
}

/// Where a reading of a word's list stands: what [`Cursor::at`] gives and
/// [`Postings::resume`] takes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Place {
    /// The next article's bytes, as an offset in the whole stream.
    byte: u32,
    /// The article read last (0 before the first: the first is written as
    /// itself).
    last: u32,
}

/// Reads one word's articles in order.
pub(super) struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    end: usize,
    last: u32,
}

impl Cursor<'_> {
    /// Where the reading stands, to resume it later.
    pub(super) fn at(&self) -> Place {
        Place {
            byte: self.at as u32,
            last: self.last,
        }
    }
}

impl Iterator for Cursor<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.at >= self.end {
            return None;
        }
        let gap = varint::get(self.bytes, &mut self.at)?;
        self.last += gap;
        Some(self.last)
    }
}

impl Postings {
    /// Turns each article's sorted word ids (`ids`, article `i`'s from
    /// `starts[i]` to `starts[i + 1]`) into each word's ascending
    /// articles. Two passes over `ids`: the first sizes each word's list,
    /// the second writes it in place.
    pub(super) fn invert(ids: &[u32], starts: &[u32], words: usize) -> Postings {
        let mut counts = vec![0u32; words + 1];
        let mut sizes = vec![0u32; words + 1];
        let mut last = vec![0u32; words];
        for (article, span) in starts.windows(2).enumerate() {
            for &w in &ids[span[0] as usize..span[1] as usize] {
                let w = w as usize;
                sizes[w + 1] += varint::len(article as u32 - last[w]) as u32;
                counts[w + 1] += 1;
                last[w] = article as u32;
            }
        }
        for k in 1..=words {
            sizes[k] += sizes[k - 1];
            counts[k] += counts[k - 1];
        }
        let byte_starts = sizes;
        // Where each word's next article goes, and the article before it.
        let mut next = byte_starts.clone();
        last.fill(0);
        let mut bytes = vec![0u8; byte_starts[words] as usize];
        let mut buf = Vec::with_capacity(5);
        for (article, span) in starts.windows(2).enumerate() {
            for &w in &ids[span[0] as usize..span[1] as usize] {
                let w = w as usize;
                buf.clear();
                varint::put(&mut buf, article as u32 - last[w]);
                let at = next[w] as usize;
                bytes[at..at + buf.len()].copy_from_slice(&buf);
                next[w] += buf.len() as u32;
                last[w] = article as u32;
            }
        }
        Postings {
            bytes,
            starts: byte_starts,
            counts,
        }
    }

    /// The postings read back from the cache for `n` articles: `None`
    /// unless every word's list is whole and ascending, each article below
    /// `n`, and the lists' starts ascend from 0 to the end of `bytes`.
    pub(super) fn checked(bytes: Vec<u8>, starts: Vec<u32>, n: usize) -> Option<Postings> {
        if starts.first() != Some(&0)
            || starts.last() != Some(&(bytes.len() as u32))
            || bytes.len() > u32::MAX as usize
            || !starts.windows(2).all(|w| w[0] <= w[1])
        {
            return None;
        }
        let mut counts = Vec::with_capacity(starts.len());
        counts.push(0u32);
        let mut total = 0u32;
        for w in starts.windows(2) {
            let (mut at, end) = (w[0] as usize, w[1] as usize);
            let list = &bytes[..end];
            let mut next_least = 0u64;
            let mut last = 0u64;
            while at < end {
                last += varint::get(list, &mut at)? as u64;
                if last < next_least || last >= n as u64 {
                    return None;
                }
                next_least = last + 1;
                total += 1;
            }
            counts.push(total);
        }
        Some(Postings {
            bytes,
            starts,
            counts,
        })
    }

    /// How many articles the words of `range` use, summed (an article
    /// using two of them counted twice).
    pub(super) fn count(&self, range: std::ops::Range<u32>) -> usize {
        (self.counts[range.end as usize] - self.counts[range.start as usize]) as usize
    }

    /// Word `w`'s articles, ascending.
    pub(super) fn list(&self, w: u32) -> Cursor<'_> {
        self.resume(
            w,
            Place {
                byte: self.starts[w as usize],
                last: 0,
            },
        )
    }

    /// The rest of word `w`'s articles from `place`, where a reading of
    /// its list stood.
    pub(super) fn resume(&self, w: u32, place: Place) -> Cursor<'_> {
        let end = self.starts[w as usize + 1] as usize;
        Cursor {
            bytes: &self.bytes[..end],
            at: place.byte as usize,
            end,
            last: place.last,
        }
    }

    /// Every article each word of `range` uses, word after word (so not
    /// in order, and an article as often as it uses words of the range).
    pub(super) fn of_range(&self, range: std::ops::Range<u32>) -> impl Iterator<Item = u32> + '_ {
        range.flat_map(|w| self.list(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postings of `lists` (each word's articles) over `n` articles.
    fn of_lists(lists: &[Vec<u32>], n: usize) -> Postings {
        let mut per_article: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (w, list) in lists.iter().enumerate() {
            for &a in list {
                per_article[a as usize].push(w as u32);
            }
        }
        let mut ids = Vec::new();
        let mut starts = vec![0];
        for words in per_article {
            ids.extend(words);
            starts.push(ids.len() as u32);
        }
        Postings::invert(&ids, &starts, lists.len())
    }

    fn lists() -> Vec<Vec<u32>> {
        vec![
            vec![0, 1, 2, 3],
            vec![],
            vec![5],
            vec![0, 127, 128, 255, 256, 16_511, 16_512, 40_000],
            vec![40_000],
            (0..40_001).step_by(129).collect(),
        ]
    }

    #[test]
    fn each_word_gives_back_its_articles_and_their_count() {
        let lists = lists();
        let p = of_lists(&lists, 40_001);
        for (w, list) in lists.iter().enumerate() {
            let w = w as u32;
            assert_eq!(p.list(w).collect::<Vec<u32>>(), *list, "{w}");
            assert_eq!(p.count(w..w + 1), list.len());
        }
        assert_eq!(p.count(0..6), lists.iter().map(Vec::len).sum::<usize>());
        assert_eq!(p.count(1..3), 1);
        let all: Vec<u32> = p.of_range(2..4).collect();
        assert_eq!(all, [&lists[2][..], &lists[3][..]].concat());
        // A byte an article where they lie close, two where 129 apart.
        assert_eq!(p.starts[1], 4);
        assert_eq!(
            p.starts[6] - p.starts[5],
            1 + 2 * (lists[5].len() as u32 - 1)
        );
    }

    #[test]
    fn a_reading_resumed_where_it_stood_goes_on_from_there() {
        let lists = lists();
        let p = of_lists(&lists, 40_001);
        for (w, list) in lists.iter().enumerate() {
            for stop in 0..=list.len() {
                let mut cur = p.list(w as u32);
                let first: Vec<u32> = cur.by_ref().take(stop).collect();
                let rest: Vec<u32> = p.resume(w as u32, cur.at()).collect();
                assert_eq!([first, rest].concat(), *list, "{w} {stop}");
            }
        }
    }

    #[test]
    fn postings_read_back_are_checked() {
        let lists = lists();
        let p = of_lists(&lists, 40_001);
        let back = Postings::checked(p.bytes.clone(), p.starts.clone(), 40_001).unwrap();
        assert_eq!(back.counts, p.counts);
        // An article past the corpus.
        assert!(Postings::checked(p.bytes.clone(), p.starts.clone(), 40_000).is_none());
        // The last article of a list cut short.
        let mut cut = p.bytes.clone();
        let at = p.starts[4] as usize - 1;
        cut[at] |= 0x80;
        assert!(Postings::checked(cut, p.starts.clone(), 40_001).is_none());
        // Word 0's articles 0 1 2 3 made 0 1 1 2: not ascending.
        let mut flat = p.bytes.clone();
        flat[2] = 0;
        assert!(Postings::checked(flat, p.starts.clone(), 40_001).is_none());
        // Starts that do not ascend, or do not end with the bytes.
        let mut starts = p.starts.clone();
        starts.swap(2, 3);
        assert!(Postings::checked(p.bytes.clone(), starts, 40_001).is_none());
        let mut starts = p.starts.clone();
        *starts.last_mut().unwrap() -= 1;
        assert!(Postings::checked(p.bytes.clone(), starts, 40_001).is_none());
        // A start inside an article's bytes: its list reads wrong.
        let mut starts = p.starts.clone();
        starts[4] += 1;
        assert!(Postings::checked(p.bytes.clone(), starts, 40_001).is_none());
    }
}
