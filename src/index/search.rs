//! The filter engine: evaluates a parsed `Query` over the whole corpus and
//! ranks what matches. A plain library call over shared, immutable data, so
//! it can run on any thread; it allocates only the result.
//!
//! Body words are kept once in a sorted vocabulary, and for each word the
//! articles that use it, in one buffer in word order: a prefix is one
//! contiguous id range, so the articles using a word with that prefix are
//! one contiguous run of that buffer, gathered into a bit set once a search
//! and then tested per article with one bit. Memory grows with the text,
//! not with a copy of it.

mod codec;
mod postings;
mod varint;

use std::borrow::Borrow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::fuzzy;
use super::query::{Condition, Field, Query, ReaderMark};
use crate::corpus::{Article, ArticleDate};
use crate::text::{fold, fold_aligned, words};
use postings::{Place, Postings};

/// One article's searchable text, borrowed from the index. The fields, the
/// date and the pair mask are looked up only when asked for, so an article
/// its letter mask rules out costs one load.
struct DocText<'a> {
    docs: &'a Docs,
    i: usize,
    mask: CharMask,
}

impl<'a> DocText<'a> {
    fn title(&self) -> &'a str {
        let [t, a, _] = self.docs.field_starts[self.i];
        &self.docs.fields[t as usize..a as usize]
    }

    fn author(&self) -> &'a str {
        let [_, a, s] = self.docs.field_starts[self.i];
        &self.docs.fields[a as usize..s as usize]
    }

    fn source(&self) -> &'a str {
        let s = self.docs.field_starts[self.i][2];
        let end = self
            .docs
            .field_starts
            .get(self.i + 1)
            .map_or(self.docs.fields.len() as u32, |n| n[0]);
        &self.docs.fields[s as usize..end as usize]
    }

    fn date(&self) -> Option<ArticleDate> {
        self.docs.dates[self.i]
    }

    fn pairs(&self) -> PairMask {
        self.docs
            .pairs
            .get(self.i)
            .copied()
            .unwrap_or(PairMask::ALL)
    }
}

/// Every article's folded title, author and source, and its word ids, each
/// kind in one buffer in corpus order: a scan over the corpus reads memory
/// in order instead of chasing an allocation per article.
#[derive(Default)]
struct Docs {
    /// Title, author and source of each article, one after the other.
    fields: String,
    /// Per article, where its title, author and source start in `fields`;
    /// one more entry closes the last.
    field_starts: Vec<[u32; 3]>,
    dates: Vec<Option<ArticleDate>>,
    /// Per article, which bytes its fields hold (see [`CharMask`]).
    masks: Vec<CharMask>,
    /// Per article, which pairs of neighbouring bytes its title holds (see
    /// [`PairMask`]); derived from the titles, so not kept in the cache.
    pairs: Vec<PairMask>,
}

/// Which bytes an article's folded fields hold, one bit a byte class (see
/// [`byte_bit`]): 32 bytes an article. A word whose bytes are not all in a
/// field cannot match it, so most articles are ruled out by a mask test
/// before any text is searched; and a one-letter word (the first key of
/// every word typed) is answered from the masks alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CharMask {
    /// Every byte of the title.
    title: u64,
    /// The first byte of every char of the title that starts a word.
    title_starts: u64,
    /// Every byte of the author and the source.
    meta: u64,
    /// The first byte of every body word.
    body_starts: u64,
}

impl CharMask {
    /// A mask that rules nothing out.
    const ALL: CharMask = CharMask {
        title: u64::MAX,
        title_starts: u64::MAX,
        meta: u64::MAX,
        body_starts: u64::MAX,
    };
}

/// Which pairs of neighbouring bytes a folded title holds, hashed to one of
/// 256 bits: 32 bytes an article. A word split in `runs` runs keeps all but
/// `runs - 1` of its byte pairs whole, so a title holding too few of them
/// cannot match it, and a two- or three-letter word (which the letter masks
/// rarely rule out) is answered for most titles without searching the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PairMask([u64; 4]);

impl PairMask {
    /// A mask that rules nothing out.
    const ALL: PairMask = PairMask([u64::MAX; 4]);

    fn of(text: &str) -> PairMask {
        let mut m = PairMask::default();
        for w in text.as_bytes().windows(2) {
            let bit = pair_bit(w[0], w[1]);
            m.0[bit as usize >> 6] |= 1 << (bit & 63);
        }
        m
    }

    fn has(&self, bit: u8) -> bool {
        self.0[bit as usize >> 6] & (1 << (bit & 63)) != 0
    }
}

/// The bit of the byte pair `a b` in a [`PairMask`].
fn pair_bit(a: u8, b: u8) -> u8 {
    ((((a as u32) << 8) | b as u32).wrapping_mul(0x9E37_79B1) >> 24) as u8
}

/// A typed word's byte pairs, and how many of them a title must hold to be
/// matched now or by the word typed further.
#[derive(Debug, Clone, Default)]
struct Pairs {
    bits: Vec<u8>,
    /// Pairs a tight match keeps whole: all but one per extra run.
    tight: usize,
    /// The same for the word typed [`ahead`] characters further.
    could: usize,
}

impl Pairs {
    fn of(folded: &str) -> Pairs {
        let chars = folded.chars().count();
        let need = |runs: usize| folded.len().saturating_sub(runs);
        Pairs {
            bits: folded
                .as_bytes()
                .windows(2)
                .map(|w| pair_bit(w[0], w[1]))
                .collect(),
            tight: need(fuzzy::allowed_runs(chars)),
            could: need(fuzzy::allowed_runs(chars + ahead(chars))),
        }
    }

    /// How many of the word's pairs `mask` may hold (counted per place in
    /// the word, so at least as many as the text holds).
    fn held(&self, mask: &PairMask) -> usize {
        self.bits.iter().filter(|&&b| mask.has(b)).count()
    }
}

/// The mask bit of one byte of folded text: one each for `a`–`z` and
/// `0`–`9`, one for any other ASCII byte, and 27 shared by the bytes of
/// other chars. Only the 36 letters and digits have a bit of their own, so
/// only for them does a bit say that the byte is there.
pub(crate) fn byte_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        0..=127 => 1 << 36,
        _ => 1 << (37 + b % 27),
    }
}

/// The bits of every byte of `text`.
pub(crate) fn bytes_mask(text: &str) -> u64 {
    text.bytes().fold(0, |m, b| m | byte_bit(b))
}

/// The bits of the chars of `text` that start a word (see
/// [`fuzzy::starts_word`]).
fn word_starts_mask(text: &str) -> u64 {
    let mut mask = 0;
    let mut prev_alnum = false;
    for (at, c) in text.char_indices() {
        if !prev_alnum {
            mask |= byte_bit(text.as_bytes()[at]);
        }
        prev_alnum = c.is_alphanumeric();
    }
    mask
}

/// The single letter or digit a folded word consists of, if it is one.
fn single_alnum(word: &str) -> Option<u8> {
    match word.as_bytes() {
        [b] if b.is_ascii_alphanumeric() => Some(*b),
        _ => None,
    }
}

impl Docs {
    fn len(&self) -> usize {
        self.dates.len()
    }

    fn get(&self, i: usize) -> DocText<'_> {
        DocText {
            docs: self,
            i,
            mask: self.masks[i],
        }
    }
}

/// Everything the filter needs that does not change while the corpus is open.
pub struct SearchIndex {
    vocab: Vec<Box<str>>,
    /// For each vocabulary word in turn, the articles whose body uses it,
    /// ascending: about a byte or two per distinct word of each article.
    postings: Postings,
    docs: Docs,
    /// Article indices newest first, undated last (corpus order within a day).
    by_date: Vec<u32>,
    /// Article indices by folded title.
    by_title: Vec<u32>,
    /// Each article's position in `by_date` and in `by_title`.
    date_rank: Vec<u32>,
    title_rank: Vec<u32>,
}

/// One article that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    /// How well the title matched, summed over the query's words: 0 when
    /// only the body, author or source matched; higher ranks first.
    pub tier: u32,
}

/// What a search returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// In corpus order.
    pub hits: Vec<Hit>,
    /// Articles dropped by a date term because they have no date.
    pub undated_hidden: usize,
    /// Every article that a query narrowing this one (see [`narrows`]) can
    /// match, in corpus order: the next keystroke searches only these.
    pub base: Vec<u32>,
    /// The articles a date term hid, in corpus order.
    pub undated: Vec<u32>,
    /// When the query ends in an exclusion: the articles that every other
    /// term lets through and that the excluded word, typed further, could
    /// still match, in corpus order. Typing the exclusion further can only
    /// let more articles through, and only these change (see [`widens`]).
    pub widen: Vec<u32>,
    /// For a partial result given out early: the last candidate the scan
    /// has looked at (the ones before it are all decided).
    pub last_looked_at: Option<u32>,
}

/// Answers the entity terms (`person:`, `place:`, `org:`) of a query.
pub trait EntityFilter: Sync {
    /// Articles mentioning an entity of `field`'s kind whose name or alias
    /// matches `value`, as a sorted list of article indices; `None` when the
    /// corpus has no entity information.
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>>;

    /// Articles carrying a reader's mark (`is:` terms), sorted; `None` when
    /// no reader state is kept.
    fn articles_marked(&self, _mark: ReaderMark) -> Option<Vec<usize>> {
        None
    }
}

/// Why a valid query could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("{0}: this corpus has no entity information")]
    NoEntities(&'static str),
    #[error("is:{0}: no reader state is kept for this corpus")]
    NoReaderState(&'static str),
    #[error("a newer search replaced this one")]
    Cancelled,
}

fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Articles tested between two looks at the cancel flag.
const CHUNK: usize = 4096;

/// Articles tested between two looks at the clock (see [`Early`]).
const ROUND: usize = 2 * CHUNK;

/// A scan still running after this long gives out what it has found so
/// far (see [`Early`]) and goes on: on a large corpus the list shows the
/// best page found so far while the rest is searched, as the first key of a
/// word matches most of the corpus.
pub const EARLY: std::time::Duration = std::time::Duration::from_millis(2);

/// Who is told, once, what a scan running longer than `after` has found
/// so far (a result whose `last_looked_at` says how far it got; a widening
/// tells only its hits and undated count up to that article, what a list
/// shows).
pub type Early<'a> = Option<(std::time::Duration, &'a mut dyn FnMut(&SearchResult))>;

/// Titles the skim scorer orders per search at most. Matches rank by how
/// tightly the title holds each word first (whole, at a word start); within
/// one such tier the fuzzy score orders them, unless the tier holds more
/// titles than this, when they keep corpus order: thousands of equally tight
/// matches differ in score only by where the word sits.
pub const SCORE_BUDGET: usize = 4000;

impl SearchIndex {
    /// Builds the index in two passes over the text: the first collects the
    /// distinct words (a set per thread, merged), the second turns each
    /// article's words into sorted ids. No per-article word lists are kept
    /// as strings, so memory stays near the size of the vocabulary plus
    /// four bytes per distinct word of each article.
    pub fn build(articles: &[Article]) -> Self {
        let bodies: Vec<&str> = articles.iter().map(|a| a.body.as_str()).collect();
        Self::build_with(articles, &bodies)
    }

    /// `build` with the articles' bodies given (those kept in the store
    /// read beforehand, see `Library::bodies`).
    pub fn build_with<B: AsRef<str> + Sync>(articles: &[Article], bodies: &[B]) -> Self {
        let distinct: FxHashSet<Box<str>> = bodies
            .par_iter()
            .fold(FxHashSet::default, |mut set: FxHashSet<Box<str>>, body| {
                let folded = fold(body.as_ref());
                for w in words(&folded) {
                    if !set.contains(w) {
                        set.insert(w.into());
                    }
                }
                set
            })
            .reduce(FxHashSet::default, |mut a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                big.extend(small);
                a = big;
                a
            });
        let mut vocab: Vec<Box<str>> = distinct.into_iter().collect();
        vocab.par_sort_unstable();
        let ids: FxHashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (&**w, i as u32))
            .collect();
        let mut word_ids_all: Vec<u32> = Vec::new();
        let mut word_starts: Vec<u32> = vec![0];
        let mut docs = Docs {
            dates: articles.iter().map(|a| a.date).collect(),
            ..Docs::default()
        };
        // A chunk at a time, so the articles' word lists never exist twice
        // over (once alone and once in the index's buffer).
        for (chunk, bodies) in articles.chunks(8192).zip(bodies.chunks(8192)) {
            let per_article: Vec<([String; 3], Vec<u32>, CharMask)> = chunk
                .par_iter()
                .zip(bodies.par_iter())
                .map(|(a, body)| {
                    let folded = fold(body.as_ref());
                    let mut body_starts = 0;
                    let mut word_ids: Vec<u32> = words(&folded)
                        .filter_map(|w| {
                            body_starts |= byte_bit(w.as_bytes()[0]);
                            ids.get(w).copied()
                        })
                        .collect();
                    word_ids.sort_unstable();
                    word_ids.dedup();
                    let fields = [
                        fold_aligned(&a.title),
                        a.author.as_deref().map(fold_aligned).unwrap_or_default(),
                        a.source.as_deref().map(fold_aligned).unwrap_or_default(),
                    ];
                    let mask = CharMask {
                        title: bytes_mask(&fields[0]),
                        title_starts: word_starts_mask(&fields[0]),
                        meta: bytes_mask(&fields[1]) | bytes_mask(&fields[2]),
                        body_starts,
                    };
                    (fields, word_ids, mask)
                })
                .collect();
            for (fields, word_ids, mask) in per_article {
                docs.masks.push(mask);
                let mut starts = [0u32; 3];
                for (k, f) in fields.iter().enumerate() {
                    starts[k] = docs.fields.len() as u32;
                    docs.fields.push_str(f);
                }
                docs.field_starts.push(starts);
                word_ids_all.extend_from_slice(&word_ids);
                word_starts.push(word_ids_all.len() as u32);
            }
        }
        docs.fields.shrink_to_fit();
        let postings = Postings::invert(&word_ids_all, &word_starts, vocab.len());
        drop(word_ids_all);
        let mut by_date: Vec<u32> = (0..articles.len() as u32).collect();
        by_date.par_sort_by_key(|&i| std::cmp::Reverse(articles[i as usize].date.map(|d| d.start)));
        let mut by_title: Vec<u32> = (0..articles.len() as u32).collect();
        by_title.par_sort_by(|&a, &b| {
            docs.get(a as usize)
                .title()
                .cmp(docs.get(b as usize).title())
        });
        SearchIndex::from_parts(vocab, postings, docs, by_date, by_title)
    }

    /// An index from its parts (built, or read back from the cache); the
    /// rank arrays follow from the orders.
    fn from_parts(
        vocab: Vec<Box<str>>,
        postings: Postings,
        docs: Docs,
        by_date: Vec<u32>,
        by_title: Vec<u32>,
    ) -> SearchIndex {
        let mut docs = docs;
        docs.pairs = (0..docs.len())
            .into_par_iter()
            .map(|i| PairMask::of(docs.get(i).title()))
            .collect();
        let rank = |order: &[u32]| {
            let mut rank = vec![0u32; order.len()];
            for (pos, &i) in order.iter().enumerate() {
                rank[i as usize] = pos as u32;
            }
            rank
        };
        SearchIndex {
            vocab,
            postings,
            date_rank: rank(&by_date),
            title_rank: rank(&by_title),
            by_date,
            by_title,
            docs,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// An article's date, from the index's compact copy.
    pub fn date(&self, article: usize) -> Option<ArticleDate> {
        self.docs.dates[article]
    }

    pub fn is_empty(&self) -> bool {
        self.docs.len() == 0
    }

    /// The id range of vocabulary words starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let lo = self.vocab.partition_point(|w| &**w < prefix);
        let hi = lo + self.vocab[lo..].partition_point(|w| w.starts_with(prefix));
        lo as u32..hi as u32
    }

    fn exact_id(&self, word: &str) -> Option<u32> {
        self.vocab
            .binary_search_by(|w| (**w).cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    /// Runs `query` over the corpus. `articles` must be the slice the index
    /// was built from.
    pub fn search(
        &self,
        articles: &[Article],
        query: &Query,
        entities: Option<&dyn EntityFilter>,
    ) -> Result<SearchResult, SearchError> {
        self.search_within(articles, query, entities, None, &|| false, None)
    }

    /// Runs `query` over `within` (sorted article indices; all when `None`),
    /// looking at `cancel` every few thousand articles and giving up with
    /// [`SearchError::Cancelled`] when it says so; `early`, if given, is
    /// told what a long scan has found so far.
    pub fn search_within(
        &self,
        articles: &[Article],
        query: &Query,
        entities: Option<&dyn EntityFilter>,
        within: Option<&[u32]>,
        cancel: &(dyn Fn() -> bool + Sync),
        early: Early,
    ) -> Result<SearchResult, SearchError> {
        let plan = Plan::new(self, query, entities)?;
        self.scan(&plan, articles, within, cancel, early)
    }

    /// Runs `query`, which types further the exclusion `prev`'s query ends
    /// in (see [`widens`]): only the articles in `prev.widen` are searched
    /// again; every other article fares as it did.
    pub fn search_widening(
        &self,
        articles: &[Article],
        query: &Query,
        entities: Option<&dyn EntityFilter>,
        prev: &SearchResult,
        cancel: &(dyn Fn() -> bool + Sync),
        early: Early,
    ) -> Result<SearchResult, SearchError> {
        let plan = Plan::new(self, query, entities)?;
        self.widen_with(&plan, articles, prev, cancel, early)
    }

    /// `search_widening` with a prepared plan.
    fn widen_with(
        &self,
        plan: &Plan,
        articles: &[Article],
        prev: &SearchResult,
        cancel: &(dyn Fn() -> bool + Sync),
        early: Early,
    ) -> Result<SearchResult, SearchError> {
        let again = match early {
            // What is decided so far: the articles up to the last one
            // searched again, each as it fares now or, when not searched
            // again, as it did. The rest of the corpus is left for the whole
            // list, so the first answer costs as much as the part searched.
            Some((after, give)) => {
                let mut partial = |part: &SearchResult| {
                    if let Some(last) = part.last_looked_at {
                        give(&widened_so_far(prev, last, part));
                    }
                };
                let early: Early = Some((after, &mut partial));
                self.scan(plan, articles, Some(&prev.widen), cancel, early)?
            }
            None => self.scan(plan, articles, Some(&prev.widen), cancel, None)?,
        };
        Ok(widened(prev, &prev.widen, again))
    }

    fn scan(
        &self,
        plan: &Plan,
        articles: &[Article],
        within: Option<&[u32]>,
        cancel: &(dyn Fn() -> bool + Sync),
        mut early: Early,
    ) -> Result<SearchResult, SearchError> {
        let started = std::time::Instant::now();
        // An article outside the set a name or a mark selects misses at
        // once: only the set's articles need looking at.
        let sets: Vec<&ArticleSet> = plan
            .terms
            .iter()
            .filter_map(|(negated, term)| match term {
                Prepared::Articles(set) if !negated => Some(set),
                _ => None,
            })
            .collect();
        let chosen: Vec<u32>;
        // `None`: every article, a round's worth at a time.
        let candidates: Option<&[u32]> = match (within, sets.split_first()) {
            (within, None) => within,
            (Some(within), Some(_)) => {
                chosen = within
                    .iter()
                    .copied()
                    .filter(|&i| sets.iter().all(|s| s.contains(i as usize)))
                    .collect();
                Some(&chosen)
            }
            (None, Some((first, rest))) => {
                chosen = first
                    .iter()
                    .filter(|&i| i < self.docs.len() && rest.iter().all(|s| s.contains(i)))
                    .map(|i| i as u32)
                    .collect();
                Some(&chosen)
            }
        };
        let total = candidates.map_or(self.docs.len(), <[u32]>::len);
        let mut parts: Vec<SearchResult> = Vec::new();
        let mut looked = 0;
        let mut every: Vec<u32> = Vec::new();
        while looked < total {
            let end = (looked + ROUND).min(total);
            let round = match candidates {
                Some(list) => &list[looked..end],
                None => {
                    every.clear();
                    every.extend(looked as u32..end as u32);
                    &every[..]
                }
            };
            plan.gather_to(self, round[round.len() - 1] as usize);
            let chunks: Vec<Option<SearchResult>> = round
                .par_chunks(CHUNK)
                .map(|chunk| {
                    if cancel() {
                        return None;
                    }
                    let mut part = SearchResult::default();
                    for &i in chunk {
                        let (o, widen) = plan.evaluate(self, articles, i as usize);
                        part.add(i, o, widen);
                    }
                    Some(part)
                })
                .collect();
            for chunk in chunks {
                parts.push(chunk.ok_or(SearchError::Cancelled)?);
            }
            looked = end;
            if looked < total
                && early
                    .as_ref()
                    .is_some_and(|(after, _)| started.elapsed() >= *after)
                && let Some((_, give)) = early.take()
            {
                let mut so_far = gather(&parts);
                so_far.last_looked_at = Some(round[round.len() - 1]);
                give(&so_far);
            }
        }
        Ok(gather(&parts))
    }

    /// Puts `hits` in relevance order: tighter title matches first, then by
    /// the skim score within a tier (see [`SCORE_BUDGET`]), else corpus
    /// order.
    pub fn rank(&self, query: &Query, hits: &[Hit]) -> Vec<usize> {
        self.rank_with(query, hits, SCORE_BUDGET)
    }

    /// `rank`, scoring at most `budget` titles.
    pub fn rank_with(&self, query: &Query, hits: &[Hit], budget: usize) -> Vec<usize> {
        // One tier (no title word): corpus order, as it is.
        if hits.windows(2).all(|w| w[0].tier == w[1].tier) {
            let words = query.highlight_words().next().is_some();
            if !words
                || hits
                    .first()
                    .is_none_or(|h| h.tier == 0 || hits.len() > budget)
            {
                return hits.iter().map(|h| h.article).collect();
            }
        }
        let (mut sorted, runs) = by_tier(hits);
        let patterns: Vec<fuzzy::Pattern> = query
            .highlight_words()
            .map(|w| fuzzy::Pattern::new(&fold(w)))
            .collect();
        if patterns.is_empty() {
            return sorted;
        }
        let m = matcher();
        let mut budget = budget;
        for (tier, run) in runs {
            let len = run.len();
            if tier == 0 || len > budget {
                break;
            }
            budget -= len;
            let slice = &mut sorted[run];
            // Copies of a story share their title, and so its score: each
            // distinct title is scored once.
            let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
            let mut distinct: Vec<&str> = Vec::new();
            let which: Vec<usize> = slice
                .iter()
                .map(|&article| {
                    let title = self.docs.get(article).title();
                    *slot.entry(title).or_insert_with(|| {
                        distinct.push(title);
                        distinct.len() - 1
                    })
                })
                .collect();
            let distinct_scores: Vec<i64> = distinct
                .par_iter()
                .map(|title| {
                    patterns
                        .iter()
                        .filter(|p| p.tight_match(title).is_some())
                        .filter_map(|p| m.fuzzy_match(title, p.as_str()))
                        .sum()
                })
                .collect();
            let scores: Vec<i64> = which.iter().map(|&k| distinct_scores[k]).collect();
            let mut order: Vec<usize> = (0..len).collect();
            order.sort_by_key(|&k| std::cmp::Reverse(scores[k]));
            let reordered: Vec<usize> = order.iter().map(|&k| slice[k]).collect();
            slice.copy_from_slice(&reordered);
        }
        sorted
    }

    /// `hits` newest first (undated last), or by title.
    pub fn order_by(&self, hits: &[Hit], by_title: bool) -> Vec<usize> {
        let (order, rank) = if by_title {
            (&self.by_title, &self.title_rank)
        } else {
            (&self.by_date, &self.date_rank)
        };
        // Few hits: sort them by their precomputed rank; many: walk the
        // whole order once and keep the hits.
        if hits.len() * 16 < order.len() {
            let mut v: Vec<usize> = hits.iter().map(|h| h.article).collect();
            v.sort_unstable_by_key(|&i| rank[i]);
            return v;
        }
        let mut member = vec![false; order.len()];
        for h in hits {
            member[h.article] = true;
        }
        order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| member[i])
            .collect()
    }
}

/// How many characters further a word may be typed and still be searched
/// within the last search's base: the base keeps what a word that much
/// longer could match.
pub const NARROW_AHEAD: usize = 3;

/// How far ahead the base of a word of `chars` characters looks: at least
/// [`NARROW_AHEAD`] characters, and far enough that the longer word may be
/// split in two runs. A one- or two-letter word's base then keeps the
/// articles holding its letters in order rather than side by side: a little
/// more to search at the next keys, but typing on up to eight characters
/// never has to search the whole corpus again.
pub fn ahead(chars: usize) -> usize {
    let two_runs = (1..).find(|&n| fuzzy::allowed_runs(n) >= 2).unwrap_or(0);
    NARROW_AHEAD.max(two_runs.saturating_sub(chars))
}

/// How long a word searched at `chars` characters may grow while its
/// search's base still holds every article it can match: the base keeps the
/// articles the word fits in `allowed_runs(chars + ahead(chars))` runs, so
/// it holds the matches of every longer word allowed no more runs.
pub fn reach(chars: usize) -> usize {
    let runs = fuzzy::allowed_runs(chars + ahead(chars));
    let mut longest = chars + ahead(chars);
    while fuzzy::allowed_runs(longest + 1) <= runs {
        longest += 1;
    }
    longest
}

/// The word a term lets one type further: a free word or a `title:`,
/// `author:` or `source:` value, not excluded.
fn typed_word(term: &super::query::Term) -> Option<(Option<Field>, &str)> {
    if term.negated {
        return None;
    }
    match &term.condition {
        Condition::Text(x) => Some((None, x)),
        Condition::Field(f @ (Field::Title | Field::Author | Field::Source), x) => {
            Some((Some(*f), x))
        }
        _ => None,
    }
}

/// The word of a term that may be typed further, excluded or not.
fn typed_any(term: &super::query::Term) -> Option<(Option<Field>, &str)> {
    match &term.condition {
        Condition::Text(x) => Some((None, x)),
        Condition::Field(f @ (Field::Title | Field::Author | Field::Source), x) => {
            Some((Some(*f), x))
        }
        _ => None,
    }
}

fn chars(word: &str) -> usize {
    fold(word).chars().count()
}

/// For each term of `query` searched afresh, how long it may be typed and
/// still be searched within the search's base (see [`reach`]); terms that
/// cannot be typed further reach nowhere past themselves.
pub fn reach_of(query: &Query) -> Vec<usize> {
    query
        .terms
        .iter()
        .map(|t| typed_any(t).map_or(usize::MAX, |(_, w)| reach(chars(w))))
        .collect()
}

/// Whether every article `next` can match is in the `base` of `prev`'s
/// search, whose terms reach as far as `reached` says (see [`reach_of`]):
/// `next` keeps `prev`'s terms, in order, each the same or a free word (or a
/// `title:` / `author:` / `source:` value) typed further within its reach,
/// and may add terms. Exclusions, phrases, names and dates must stay as they
/// were. Gives how far `next`'s terms reach when searched within that base:
/// no further than the base allows, however far the longer word would.
pub fn narrows(prev: &Query, reached: &[usize], next: &Query) -> Option<Vec<usize>> {
    if next.terms.len() < prev.terms.len() || reached.len() != prev.terms.len() {
        return None;
    }
    let fresh = reach_of(next);
    let mut out = Vec::with_capacity(next.terms.len());
    for (k, b) in next.terms.iter().enumerate() {
        let Some(a) = prev.terms.get(k) else {
            out.push(fresh[k]);
            continue;
        };
        match (typed_word(a), typed_word(b)) {
            (Some((f, x)), Some((g, y))) => {
                let (x, y) = (fold(x), fold(y));
                let n = y.chars().count();
                if f != g || !y.starts_with(&x) || n > reached[k] {
                    return None;
                }
                out.push(reached[k].min(fresh[k]));
            }
            _ if a.negated == b.negated && a.condition == b.condition => out.push(reached[k]),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether `next` only types further the exclusion `prev` ends in, within
/// its reach (see [`reach_of`]), every other term kept as it was: then an
/// article `next` excludes was excluded by `prev` or is in the `widen` set of
/// `prev`'s search. Gives how far `next`'s terms reach.
pub fn widens(prev: &Query, reached: &[usize], next: &Query) -> Option<Vec<usize>> {
    let n = prev.terms.len();
    if n == 0 || next.terms.len() != n || reached.len() != n {
        return None;
    }
    let same = |a: &super::query::Term, b: &super::query::Term| {
        a.negated == b.negated && a.condition == b.condition
    };
    if !prev.terms[..n - 1]
        .iter()
        .zip(&next.terms)
        .all(|(a, b)| same(a, b))
    {
        return None;
    }
    let (a, b) = (&prev.terms[n - 1], &next.terms[n - 1]);
    let (Some((f, x)), Some((g, y))) = (typed_any(a), typed_any(b)) else {
        return None;
    };
    let (x, y) = (fold(x), fold(y));
    let typed = y.chars().count();
    if !(a.negated && b.negated) || f != g || !y.starts_with(&x) || typed > reached[n - 1] {
        return None;
    }
    let mut out = reached.to_vec();
    out[n - 1] = reached[n - 1].min(reach(typed));
    Some(out)
}

/// Whether `body`, folded, holds the folded phrase `folded`. An ASCII body
/// folds to its lowercase, so it is searched as it is, ignoring case,
/// instead of being copied folded.
fn body_holds(body: &str, folded: &str) -> bool {
    if !body.is_ascii() {
        return fold(body).contains(folded);
    }
    let (text, phrase) = (body.as_bytes(), folded.as_bytes());
    let Some(&first) = phrase.first() else {
        return true;
    };
    if !folded.is_ascii() {
        return false;
    }
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), text).any(|at| {
        text.get(at..at + phrase.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(phrase))
    })
}

/// A term prepared for evaluation against every article.
enum Prepared {
    /// A free word: fuzzy on title/author/source, or a body-word prefix.
    Text {
        pattern: fuzzy::Pattern,
        /// The articles with a body word that starts with the word's first
        /// word; empty for a one-letter word, which the masks answer.
        body: BodySet,
        /// The mask bits of the word's bytes.
        bytes: u64,
        /// The mask bit of the first byte of the word's first word, which
        /// every body word in `range` starts with (0 when `range` is empty).
        first_byte: u64,
        /// The word, when it is one letter or digit.
        single: Option<u8>,
        /// The word's byte pairs, tested against the title's.
        pairs: Pairs,
    },
    /// Fuzzy on one field.
    Fuzzy {
        field: Field,
        pattern: fuzzy::Pattern,
        bytes: u64,
        pairs: Pairs,
    },
    /// Every word of the phrase must be in the body (the articles using
    /// each, rarest first; `None` when one is in no article), then the
    /// folded phrase is looked for in the folded body.
    Phrase {
        using: Option<Vec<BodySet>>,
        folded: String,
    },
    /// Articles that an entity term or a reader's mark selects.
    Articles(ArticleSet),
    Date(super::query::DateRange),
}

struct Plan {
    terms: Vec<(bool, Prepared)>,
    /// Whether the articles' masks may answer or rule out a term; off only
    /// to check that they change nothing.
    masks: bool,
    /// Where in `terms` the exclusion the query ends in is, when it is a
    /// word that may be typed further.
    tracked: Option<usize>,
}

/// How one article fared against a plan.
#[derive(Clone, Copy)]
enum Outcome {
    /// Every term held; the title tier.
    Hit(u32),
    /// Every term held but a date term, for want of a date.
    Undated,
    /// Not a match, but a query narrowing this one may match it.
    Base,
    Miss,
}

impl Prepared {
    /// Rough cost of testing one article, so cheap terms rule articles out
    /// before fuzzy matching and phrase scans run.
    fn cost(&self) -> u8 {
        match self {
            Prepared::Date(_) | Prepared::Articles(_) => 0,
            Prepared::Fuzzy { .. } | Prepared::Text { .. } => 1,
            Prepared::Phrase { .. } => 2,
        }
    }
}

/// One term's verdict on one article.
struct Verdict {
    matched: bool,
    /// A query that types this term further may still match.
    could: bool,
    tier: u32,
}

impl Verdict {
    fn exact(matched: bool) -> Verdict {
        Verdict {
            matched,
            could: matched,
            tier: 0,
        }
    }
}

fn tier(t: fuzzy::Tightness) -> u32 {
    1 + t as u32
}

impl Plan {
    fn new(
        index: &SearchIndex,
        query: &Query,
        entities: Option<&dyn EntityFilter>,
    ) -> Result<Plan, SearchError> {
        Plan::prepare(index, query, entities, true, Gather::DEFAULT)
    }

    /// `masks`: whether the articles' masks may answer or rule out a term;
    /// `gather`: how the articles using body words are gathered.
    fn prepare(
        index: &SearchIndex,
        query: &Query,
        entities: Option<&dyn EntityFilter>,
        masks: bool,
        gather: Gather,
    ) -> Result<Plan, SearchError> {
        let mut terms = Vec::new();
        for term in &query.terms {
            let prepared = match &term.condition {
                Condition::Text(w) => {
                    let pattern = fold(w);
                    let first = words(&pattern).next().unwrap_or("").to_string();
                    let range = if first.is_empty() {
                        0..0
                    } else {
                        index.prefix_range(&first)
                    };
                    let single = single_alnum(&pattern);
                    Prepared::Text {
                        first_byte: match first.as_bytes().first() {
                            Some(&b) if !range.is_empty() => byte_bit(b),
                            _ => 0,
                        },
                        body: if single.is_some() && masks {
                            BodySet::empty()
                        } else {
                            BodySet::new(index, range, gather)
                        },
                        bytes: bytes_mask(&pattern),
                        single,
                        pairs: Pairs::of(&pattern),
                        pattern: fuzzy::Pattern::new(&pattern),
                    }
                }
                Condition::Field(field @ (Field::Title | Field::Author | Field::Source), v) => {
                    let folded = fold(v);
                    Prepared::Fuzzy {
                        field: *field,
                        bytes: bytes_mask(&folded),
                        pairs: Pairs::of(&folded),
                        pattern: fuzzy::Pattern::new(&folded),
                    }
                }
                Condition::Field(field, v) => {
                    match entities.and_then(|e| e.articles_matching(*field, v)) {
                        Some(list) => Prepared::Articles(ArticleSet::of_sorted(&list, index.len())),
                        None => return Err(SearchError::NoEntities(field.name())),
                    }
                }
                Condition::Phrase(p) => {
                    let folded = fold(p);
                    let ids: Option<Vec<u32>> = words(&folded).map(|w| index.exact_id(w)).collect();
                    let using = ids.map(|mut ids| {
                        let uses = |id: u32| index.postings.count(id..id + 1);
                        ids.sort_unstable_by_key(|&id| (uses(id), id));
                        ids.dedup();
                        ids.iter()
                            .map(|&id| BodySet::new(index, id..id + 1, gather))
                            .collect()
                    });
                    Prepared::Phrase { using, folded }
                }
                Condition::Date(r) => Prepared::Date(*r),
                Condition::Is(mark) => match entities.and_then(|e| e.articles_marked(*mark)) {
                    Some(list) => Prepared::Articles(ArticleSet::of_sorted(&list, index.len())),
                    None => return Err(SearchError::NoReaderState(mark.name())),
                },
            };
            terms.push((term.negated, prepared));
        }
        // The exclusion the query ends in, which the next key may type
        // further.
        let last = query.terms.len().checked_sub(1);
        let tracked = last.filter(|&k| {
            let t = &query.terms[k];
            t.negated && typed_any(t).is_some()
        });
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_key(|&k| terms[k].1.cost());
        let tracked = tracked.and_then(|k| order.iter().position(|&o| o == k));
        let mut slots: Vec<Option<(bool, Prepared)>> = terms.into_iter().map(Some).collect();
        let terms = order
            .iter()
            .map(|&k| slots[k].take().expect("each term is placed once"))
            .collect();
        Ok(Plan {
            terms,
            masks,
            tracked,
        })
    }

    /// Gathers the body sets' articles up to article `last` (see
    /// [`BodySet`]): every article up to it may then be evaluated.
    fn gather_to(&self, index: &SearchIndex, last: usize) {
        for (_, term) in &self.terms {
            match term {
                Prepared::Text { body, .. } => body.gather_to(index, last),
                Prepared::Phrase {
                    using: Some(sets), ..
                } => sets.iter().for_each(|set| set.gather_to(index, last)),
                _ => {}
            }
        }
    }

    fn verdict(&self, term: &Prepared, doc: &DocText, articles: &[Article], i: usize) -> Verdict {
        match term {
            Prepared::Text {
                pattern,
                body,
                bytes,
                first_byte,
                single,
                pairs,
            } => {
                let m = if self.masks { doc.mask } else { CharMask::ALL };
                if let Some(b) = single.filter(|_| self.masks) {
                    // One letter or digit: the masks know the answer.
                    let bit = byte_bit(b);
                    let tier = if m.title_starts & bit != 0 {
                        tier(fuzzy::Tightness::WordStart)
                    } else if m.title & bit != 0 {
                        tier(fuzzy::Tightness::Whole)
                    } else {
                        0
                    };
                    let matched = tier != 0 || (m.meta | m.body_starts) & bit != 0;
                    return Verdict {
                        matched,
                        // A word typed further needs this letter in a
                        // field, or a body word starting with it.
                        could: matched,
                        tier,
                    };
                }
                // Pairs of the title the word holds; counted only when
                // its letters are all there.
                let held = if bytes & !m.title == 0 {
                    let p = if self.masks {
                        doc.pairs()
                    } else {
                        PairMask::ALL
                    };
                    pairs.held(&p)
                } else {
                    0
                };
                let in_title = bytes & !m.title == 0 && held >= pairs.tight;
                let may_title = bytes & !m.title == 0 && held >= pairs.could;
                let in_meta = bytes & !m.meta == 0;
                if in_title && let Some(t) = pattern.tight_match(doc.title()) {
                    return Verdict {
                        matched: true,
                        could: true,
                        tier: tier(t),
                    };
                }
                let matched = (m.body_starts & first_byte != 0 && body.contains(i))
                    || (in_meta
                        && (pattern.tight_match(doc.author()).is_some()
                            || pattern.tight_match(doc.source()).is_some()));
                let could = matched
                    || (may_title && pattern.could_match(doc.title(), ahead(pattern.chars())))
                    || (in_meta
                        && (pattern.could_match(doc.author(), ahead(pattern.chars()))
                            || pattern.could_match(doc.source(), ahead(pattern.chars()))));
                Verdict {
                    matched,
                    could,
                    tier: 0,
                }
            }
            Prepared::Fuzzy {
                field,
                pattern,
                bytes,
                pairs,
            } => {
                let m = if self.masks { doc.mask } else { CharMask::ALL };
                let (text, holds) = match field {
                    Field::Title => (doc.title(), m.title),
                    Field::Author => (doc.author(), m.meta),
                    _ => (doc.source(), m.meta),
                };
                if bytes & !holds != 0 {
                    return Verdict::exact(false);
                }
                if *field == Field::Title && self.masks {
                    let held = pairs.held(&doc.pairs());
                    if held < pairs.could {
                        return Verdict::exact(false);
                    }
                    if held < pairs.tight {
                        return Verdict {
                            matched: false,
                            could: pattern.could_match(text, ahead(pattern.chars())),
                            tier: 0,
                        };
                    }
                }
                match pattern.tight_match(text) {
                    Some(t) => Verdict {
                        matched: true,
                        could: true,
                        tier: if *field == Field::Title { tier(t) } else { 0 },
                    },
                    None => Verdict {
                        matched: false,
                        could: pattern.could_match(text, ahead(pattern.chars())),
                        tier: 0,
                    },
                }
            }
            Prepared::Phrase { using, folded } => {
                let candidate = using
                    .as_ref()
                    .is_some_and(|sets| sets.iter().all(|set| set.contains(i)));
                Verdict::exact(candidate && body_holds(&articles[i].body.read(), folded))
            }
            Prepared::Articles(set) => Verdict::exact(set.contains(i)),
            Prepared::Date(range) => {
                Verdict::exact(doc.date().as_ref().is_some_and(|d| range.overlaps(d)))
            }
        }
    }

    /// How article `i` fares, and whether it belongs in the result's
    /// `widen` set.
    fn evaluate(&self, index: &SearchIndex, articles: &[Article], i: usize) -> (Outcome, bool) {
        let doc = &index.docs.get(i);
        // The tracked exclusion matched / could match once typed further.
        let mut excluded = false;
        let mut could = false;
        let mut tier = 0;
        // Set when an undated article fails a date term: it is counted as
        // hidden for want of a date if every other term holds.
        let mut undated = false;
        // Some term failed that typing further could still satisfy.
        let mut short = false;
        for (at, (negated, term)) in self.terms.iter().enumerate() {
            let v = self.verdict(term, doc, articles, i);
            if *negated {
                if self.tracked == Some(at) {
                    excluded = v.matched;
                    could = v.matched || v.could;
                } else if v.matched {
                    return (Outcome::Miss, false);
                }
                continue;
            }
            if !v.matched {
                if matches!(term, Prepared::Date(_)) && doc.date().is_none() {
                    undated = true;
                    continue;
                }
                if !v.could {
                    return (Outcome::Miss, false);
                }
                short = true;
                continue;
            }
            tier += v.tier;
        }
        let outcome = if excluded {
            Outcome::Miss
        } else if short {
            Outcome::Base
        } else if undated {
            Outcome::Undated
        } else {
            Outcome::Hit(tier)
        };
        (outcome, could)
    }
}

impl SearchResult {
    /// Adds article `i`, after every article already in, as `outcome`
    /// says; `widen`: whether it belongs in the `widen` set.
    fn add(&mut self, i: u32, outcome: Outcome, widen: bool) {
        if widen {
            self.widen.push(i);
        }
        match outcome {
            Outcome::Hit(tier) => {
                self.hits.push(Hit {
                    article: i as usize,
                    tier,
                });
                self.base.push(i);
            }
            Outcome::Undated => {
                self.undated_hidden += 1;
                self.undated.push(i);
                self.base.push(i);
            }
            Outcome::Base => self.base.push(i),
            Outcome::Miss => {}
        }
    }
}

/// A scan's result from the results of its chunks, in corpus order: each
/// list is copied once, a chunk's whole run at a time.
fn gather(parts: &[SearchResult]) -> SearchResult {
    fn joined<T: Copy>(parts: &[SearchResult], list: impl Fn(&SearchResult) -> &[T]) -> Vec<T> {
        let mut out = Vec::with_capacity(parts.iter().map(|p| list(p).len()).sum());
        for p in parts {
            out.extend_from_slice(list(p));
        }
        out
    }
    SearchResult {
        hits: joined(parts, |p| &p.hits),
        undated_hidden: parts.iter().map(|p| p.undated_hidden).sum(),
        base: joined(parts, |p| &p.base),
        undated: joined(parts, |p| &p.undated),
        widen: joined(parts, |p| &p.widen),
        last_looked_at: None,
    }
}

/// `prev` with the articles of `again` (sorted) searched again: each of
/// them fares as `again` says, every other as it did in `prev`.
fn widened(prev: &SearchResult, again_over: &[u32], again: SearchResult) -> SearchResult {
    let ids = |&i: &u32| i as usize;
    let undated = replaced(&prev.undated, again_over, &again.undated, ids);
    SearchResult {
        hits: replaced(&prev.hits, again_over, &again.hits, |h| h.article),
        undated_hidden: undated.len(),
        base: replaced(&prev.base, again_over, &again.base, ids),
        undated,
        widen: again.widen,
        last_looked_at: None,
    }
}

/// What a list shows of a widening of `prev` that has searched again its
/// `widen` articles up to article `last`, finding `again`: the hits up to
/// `last` and how many undated articles up to it are hidden. Costs as much
/// as the articles up to `last`, not the corpus.
fn widened_so_far(prev: &SearchResult, last: u32, again: &SearchResult) -> SearchResult {
    let upto = |list: &[u32]| list.partition_point(|&i| i <= last);
    let over = &prev.widen[..upto(&prev.widen)];
    let hits = &prev.hits[..prev.hits.partition_point(|h| h.article <= last as usize)];
    let undated = &prev.undated[..upto(&prev.undated)];
    let mut drop = over.iter().peekable();
    let kept_undated = undated
        .iter()
        .filter(|&&i| {
            while drop.next_if(|&&x| x < i).is_some() {}
            drop.peek().is_none_or(|&&x| x != i)
        })
        .count();
    SearchResult {
        hits: replaced(hits, over, &again.hits, |h| h.article),
        undated_hidden: kept_undated + again.undated.len(),
        last_looked_at: Some(last),
        ..SearchResult::default()
    }
}

/// `prev` (ascending by `key`) with the items whose key is in `over`
/// replaced by those of `again`, in one pass: `over` is ascending, and
/// `again` ascending by `key` with every key in `over`. The runs of `prev`
/// between two keys of `over` are copied whole.
fn replaced<T: Copy>(prev: &[T], over: &[u32], again: &[T], key: impl Fn(&T) -> usize) -> Vec<T> {
    let mut out = Vec::with_capacity(prev.len() + again.len());
    let (mut p, mut a) = (0, 0);
    for &x in over {
        let x = x as usize;
        let mut run = p;
        while run < prev.len() && key(&prev[run]) < x {
            run += 1;
        }
        out.extend_from_slice(&prev[p..run]);
        p = run;
        if p < prev.len() && key(&prev[p]) == x {
            p += 1;
        }
        if a < again.len() && key(&again[a]) == x {
            out.push(again[a]);
            a += 1;
        }
    }
    out.extend_from_slice(&prev[p..]);
    debug_assert_eq!(a, again.len(), "every key of `again` is in `over`");
    out
}

/// The articles of `hits` with the highest tier first, in their order
/// within a tier (a counting sort, as tiers are few: three a query word at
/// most), and where each tier's run is, highest first, empty ones left out.
fn by_tier(hits: &[Hit]) -> (Vec<usize>, Vec<(u32, std::ops::Range<usize>)>) {
    let top = hits.iter().map(|h| h.tier).max().unwrap_or(0) as usize;
    let mut counts = vec![0usize; top + 1];
    for h in hits {
        counts[h.tier as usize] += 1;
    }
    // Where each tier's run starts, highest tier first.
    let mut next = vec![0usize; top + 1];
    let mut runs = Vec::new();
    let mut at = 0;
    for tier in (0..=top).rev() {
        next[tier] = at;
        if counts[tier] > 0 {
            runs.push((tier as u32, at..at + counts[tier]));
        }
        at += counts[tier];
    }
    let mut sorted = vec![0usize; hits.len()];
    for h in hits {
        let at = &mut next[h.tier as usize];
        sorted[*at] = h.article;
        *at += 1;
    }
    (sorted, runs)
}

/// A set of articles, one bit each.
#[derive(Debug, Clone, Default)]
struct ArticleSet {
    bits: Vec<u64>,
}

impl ArticleSet {
    /// The set of `articles` (indices below `n`, in any order).
    fn of(articles: impl IntoIterator<Item = impl Borrow<u32>>, n: usize) -> ArticleSet {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for i in articles {
            let i = *i.borrow();
            bits[i as usize / 64] |= 1 << (i % 64);
        }
        ArticleSet { bits }
    }

    /// The set of `articles`, those below `n`.
    fn of_sorted(articles: &[usize], n: usize) -> ArticleSet {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for &i in articles.iter().take_while(|&&i| i < n) {
            bits[i / 64] |= 1 << (i % 64);
        }
        ArticleSet { bits }
    }

    fn contains(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The articles in the set, ascending.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(k, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    k * 64 + bit
                })
            })
        })
    }
}

/// How a plan gathers the articles using its body words (see [`BodySet`]).
#[derive(Debug, Clone, Copy)]
struct Gather {
    /// Sets with at most this many postings are gathered at once.
    at_once: usize,
    /// Articles gathered at a time otherwise.
    block: usize,
    /// Words used by at most this many articles are gathered at once even
    /// then: a rare word would cost a look in each block it is used in,
    /// and most words of a prefix are rare.
    rare: usize,
}

impl Gather {
    /// A set of up to 65,536 postings is a moment's work, whatever the
    /// corpus; a block is a round of a scan over the whole corpus (a
    /// multiple of 64, so blocks never share a word of bits).
    const DEFAULT: Gather = Gather {
        at_once: 1 << 16,
        block: ROUND,
        rare: 16,
    };
}

/// The articles whose body uses a word of a range of ids. A range with few
/// postings is gathered at once. A larger one (a two-letter prefix's, some
/// millions of postings on a large corpus) is gathered a block of articles
/// at a time, as a scan reaches the block: a long scan's first answer waits
/// only for its first blocks, and a scan stopped early never gathers the
/// rest. Each posting is still gathered once.
struct BodySet {
    /// One bit an article; an article's bit is set once its block is
    /// gathered.
    bits: Vec<AtomicU64>,
    /// Articles below this are gathered.
    ready: AtomicUsize,
    /// What is left to gather; `None` once everything is.
    pending: Mutex<Option<Pending>>,
}

/// The postings a [`BodySet`] has yet to gather.
struct Pending {
    /// The range's first word id.
    first: u32,
    /// Articles a block.
    block: usize,
    /// Per word of the range (counted from `first`), where the reading of
    /// its articles stands: at its first posting not gathered yet.
    next: Vec<Place>,
    /// Per block, the words (counted from `first`) whose next posting falls
    /// in it; a word waits in one block at a time.
    waiting: Vec<Vec<u32>>,
}

impl BodySet {
    /// A set no article is in.
    fn empty() -> BodySet {
        BodySet {
            bits: Vec::new(),
            ready: AtomicUsize::new(usize::MAX),
            pending: Mutex::new(None),
        }
    }

    /// The set of the articles using a word of `range`, gathered a block
    /// at a time (see [`BodySet::gather_to`]) when it has many postings.
    fn new(index: &SearchIndex, range: std::ops::Range<u32>, gather: Gather) -> BodySet {
        let n = index.docs.len();
        let postings = &index.postings;
        let block = gather.block.max(1);
        if postings.count(range.clone()) <= gather.at_once {
            let set = ArticleSet::of(postings.of_range(range), n);
            return BodySet {
                bits: set.bits.into_iter().map(AtomicU64::new).collect(),
                ready: AtomicUsize::new(usize::MAX),
                pending: Mutex::new(None),
            };
        }
        let mut waiting: Vec<Vec<u32>> = vec![Vec::new(); n.div_ceil(block)];
        let mut next: Vec<Place> = Vec::with_capacity(range.len());
        let mut bits = vec![0u64; n.div_ceil(64)];
        for (k, w) in range.clone().enumerate() {
            let mut list = postings.list(w);
            next.push(list.at());
            if postings.count(w..w + 1) <= gather.rare {
                for a in list.by_ref() {
                    bits[a as usize / 64] |= 1 << (a % 64);
                }
                next[k] = list.at();
            } else if let Some(a) = list.next() {
                waiting[a as usize / block].push(k as u32);
            }
        }
        BodySet {
            bits: bits.into_iter().map(AtomicU64::new).collect(),
            ready: AtomicUsize::new(0),
            pending: Mutex::new(Some(Pending {
                first: range.start,
                block,
                next,
                waiting,
            })),
        }
    }

    /// Gathers every block up to the one holding article `last`, so that
    /// `contains` answers for every article up to it.
    fn gather_to(&self, index: &SearchIndex, last: usize) {
        if self.ready.load(Ordering::Acquire) > last {
            return;
        }
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let Some(p) = pending.as_mut() else {
            return;
        };
        let n = index.docs.len();
        let mut ready = self.ready.load(Ordering::Acquire);
        while ready <= last && ready < n {
            let b = ready / p.block;
            let end = ((b + 1) * p.block).min(n);
            for k in std::mem::take(&mut p.waiting[b]) {
                let mut list = index.postings.resume(p.first + k, p.next[k as usize]);
                let mut at = list.at();
                // Only the gatherer, holding the lock, writes bits, and
                // only the articles below `ready` are read meanwhile: a
                // plain load and store (no locked instruction) each.
                while let Some(a) = list.next() {
                    let a = a as usize;
                    if a >= end {
                        p.waiting[a / p.block].push(k);
                        break;
                    }
                    let word = &self.bits[a / 64];
                    word.store(
                        word.load(Ordering::Relaxed) | 1 << (a % 64),
                        Ordering::Relaxed,
                    );
                    at = list.at();
                }
                // At the first article not gathered (read again when its
                // block is).
                p.next[k as usize] = at;
            }
            ready = end;
            self.ready.store(ready, Ordering::Release);
        }
        if ready >= n {
            self.ready.store(usize::MAX, Ordering::Release);
            *pending = None;
        }
    }

    /// Whether article `i` is in the set; its block must be gathered.
    fn contains(&self, i: usize) -> bool {
        debug_assert!(
            i < self.ready.load(Ordering::Relaxed),
            "article {i} asked before its block was gathered"
        );
        self.bits
            .get(i / 64)
            .is_some_and(|w| w.load(Ordering::Relaxed) & (1 << (i % 64)) != 0)
    }
}

/// Char indices of `title` that the query's words match, for highlighting:
/// the word where it stands whole (at a word start if it does), else the
/// letters the skim scorer picked.
pub fn title_highlights(query: &Query, title: &str) -> Vec<usize> {
    let folded = fold_aligned(title);
    let m = matcher();
    let mut out: Vec<usize> = Vec::new();
    for word in query.highlight_words() {
        let pattern = fold(word);
        if fuzzy::tight_match(&folded, &pattern).is_none() {
            continue;
        }
        let at = folded
            .match_indices(pattern.as_str())
            .map(|(at, _)| at)
            .find(|&at| fuzzy::starts_word(&folded, at))
            .or_else(|| folded.find(pattern.as_str()));
        match at {
            Some(at) => {
                let first = folded[..at].chars().count();
                out.extend(first..first + pattern.chars().count());
            }
            None => {
                if let Some((_, idx)) = m.fuzzy_indices(&folded, &pattern) {
                    out.extend(idx);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
pub(crate) mod tests {
    /// `word` with one letter left out, and with two neighbours swapped,
    /// each way it can be.
    pub(crate) fn typos(word: &[char]) -> Vec<String> {
        let mut out = Vec::new();
        for k in 0..word.len() {
            let mut typo = word.to_vec();
            typo.remove(k);
            out.push(typo.iter().collect());
            if k + 1 < word.len() {
                let mut swapped = word.to_vec();
                swapped.swap(k, k + 1);
                out.push(swapped.iter().collect());
            }
        }
        out
    }

    use super::*;
    use crate::corpus::{ArticleDate, DateSource, TitleSource};
    use crate::index::query::parse_query;
    use chrono::NaiveDate;

    pub(crate) fn article(title: &str, body: &str, date: Option<&str>) -> Article {
        Article {
            id: title.to_string(),
            path: "".into(),
            title: title.to_string(),
            title_source: TitleSource::Headline,
            date: date.map(|d| ArticleDate::day(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())),
            date_source: DateSource::Header,
            date_evidence: Vec::new(),
            author: None,
            source: Some("Wire".into()),
            dateline: None,
            body: body.into(),
            metadata: Default::default(),
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            article(
                "Markets rally",
                "Stocks rose as Kushner spoke in Zürich.",
                Some("2025-04-11"),
            ),
            article(
                "Kushner visits Moscow",
                "The envoy arrived on Tuesday.",
                Some("2025-12-02"),
            ),
            article("Weather report", "Rain over the Red Square today.", None),
            article("Budget talks", "Nothing about anyone.", Some("2024-01-05")),
        ]
    }

    fn ids(articles: &[Article], q: &str) -> Vec<String> {
        let index = SearchIndex::build(articles);
        let query = parse_query(q).unwrap();
        let result = index.search(articles, &query, None).unwrap();
        index
            .rank(&query, &result.hits)
            .into_iter()
            .map(|i| articles[i].id.clone())
            .collect()
    }

    #[test]
    fn title_matches_rank_before_body_matches() {
        let a = corpus();
        assert_eq!(
            ids(&a, "kushner"),
            ["Kushner visits Moscow", "Markets rally"]
        );
    }

    #[test]
    fn body_words_match_by_prefix_ignoring_case_and_accents() {
        let a = corpus();
        assert_eq!(ids(&a, "zurich"), ["Markets rally"]);
        assert_eq!(ids(&a, "ZÜR"), ["Markets rally"]);
        assert_eq!(ids(&a, "arriv"), ["Kushner visits Moscow"]);
        assert!(
            ids(&a, "rrived").is_empty(),
            "a body word must start with the term"
        );
    }

    #[test]
    fn terms_are_anded_and_exclusions_apply() {
        let a = corpus();
        assert_eq!(ids(&a, "kushner tuesday"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "kushner -moscow"), ["Markets rally"]);
        assert_eq!(ids(&a, "-kushner -rain").len(), 1);
    }

    #[test]
    fn phrases_match_the_body_exactly() {
        let a = corpus();
        assert_eq!(ids(&a, "\"red square\""), ["Weather report"]);
        assert!(ids(&a, "\"square red\"").is_empty());
        assert_eq!(ids(&a, "-\"red square\"").len(), 3);
    }

    #[test]
    fn a_phrase_is_found_in_a_body_as_folding_would_find_it() {
        let bodies = [
            "The Red Square was quiet.",
            "RED SQUARE",
            "red  square",
            "Zürich: Red Square",
            "red squares and RED Squares",
            "redsquare",
            "",
        ];
        for body in bodies {
            for phrase in ["red square", "squares", "d s", "zurich", "é", "", "quiet."] {
                let folded = fold(phrase);
                assert_eq!(
                    body_holds(body, &folded),
                    fold(body).contains(folded.as_str()),
                    "{body:?} {phrase:?}"
                );
            }
        }
    }

    #[test]
    fn fields_restrict_where_a_word_matches() {
        let a = corpus();
        assert_eq!(ids(&a, "title:kushner"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "source:wire").len(), 4);
        assert!(ids(&a, "author:wire").is_empty());
    }

    #[test]
    fn whole_words_rank_above_loose_matches() {
        let a = vec![
            article("Kyushu Electric issues bond", "", None),
            article("Envoy meets Kushner", "", None),
        ];
        assert_eq!(ids(&a, "kush"), ["Envoy meets Kushner"]);
        // A letter left out of the pattern still finds the title, after
        // the title that has the pattern whole.
        let a = vec![
            article("Envoy meets Kushner", "", None),
            article("The Kushnr typo", "", None),
        ];
        assert_eq!(
            ids(&a, "kushnr"),
            ["The Kushnr typo", "Envoy meets Kushner"]
        );
    }

    #[test]
    fn scattered_letters_do_not_count_as_a_fuzzy_match() {
        let a = vec![article("Knights usher in a new era", "", None)];
        assert!(ids(&a, "kushner").is_empty());
        let a = vec![article("Kushnr visit", "", None)];
        assert_eq!(ids(&a, "kushnr").len(), 1);
    }

    #[test]
    fn only_undated_articles_that_otherwise_match_count_as_hidden() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("date:2025 rain").unwrap();
        let r = index.search(&a, &q, None).unwrap();
        assert!(r.hits.is_empty());
        assert_eq!(
            r.undated_hidden, 1,
            "the undated weather report matches rain"
        );
        let q = parse_query("date:2025 kushner").unwrap();
        assert_eq!(index.search(&a, &q, None).unwrap().undated_hidden, 0);
    }

    #[test]
    fn dates_filter_and_count_undated_articles() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("date:2025").unwrap();
        let r = index.search(&a, &q, None).unwrap();
        assert_eq!(r.hits.len(), 2);
        assert_eq!(r.undated_hidden, 1);
        assert_eq!(ids(&a, "since:2025-06-01"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "until:2024"), ["Budget talks"]);
    }

    #[test]
    fn entity_terms_without_entity_information_are_an_error() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("person:rubio").unwrap();
        let e = index.search(&a, &q, None).unwrap_err();
        assert!(e.to_string().contains("person:"));
    }

    /// `query` searched with and without the articles' masks.
    fn masked_and_not(index: &SearchIndex, a: &[Article], q: &str) -> (SearchResult, SearchResult) {
        let query = parse_query(q).unwrap();
        let plan = Plan::new(index, &query, None).unwrap();
        let masked = index.scan(&plan, a, None, &|| false, None).unwrap();
        let plan = Plan::prepare(index, &query, None, false, Gather::DEFAULT).unwrap();
        let plain = index.scan(&plan, a, None, &|| false, None).unwrap();
        (masked, plain)
    }

    #[test]
    fn the_masks_change_no_answer() {
        let a = vec![
            article(
                "Kushner visits Moscow",
                "The envoy arrived on Tuesday.",
                None,
            ),
            article(
                "Zürich: 3 banks",
                "Crédit talks über alles, 42 deals.",
                None,
            ),
            article("x-ray of the Über deal", "Tutti frutti; trade-offs.", None),
            article("Trade  war", "oil", Some("2024-01-05")),
            article("", "", None),
            Article {
                author: Some("Ólafur Tr.".into()),
                source: Some("A.P. 9".into()),
                ..article("Tremors", "Quiet night", None)
            },
        ];
        let index = SearchIndex::build(&a);
        let queries = [
            "t",
            "tr",
            "tra",
            "trade",
            "k",
            "z",
            "zu",
            "zü",
            "3",
            "42",
            "x",
            "x-",
            "-x",
            "-t",
            "-tr",
            "-tra",
            "o",
            "ol",
            "ó",
            "9",
            "a.p",
            "q",
            "e",
            "title:t",
            "title:tr",
            "author:o",
            "author:ol",
            "source:9",
            "source:a.",
            "-oil",
            "kus",
            "kushnr",
            "trade war",
            "t -o",
            "u",
            "ub",
            "ube",
            "über",
            "zürich",
            "zurich",
            "zrich",
            "kushne",
            "kusner",
            "kushnerr",
            "trem",
            "tremo",
            "tremrs",
            "title:kushn",
            "title:kshner",
            "title:zür",
            "-title:trad",
            "-kushn",
        ];
        for q in queries {
            let (masked, plain) = masked_and_not(&index, &a, q);
            assert_eq!(masked, plain, "{q}");
        }
    }

    #[test]
    fn the_pair_masks_change_no_answer_for_any_prefix_or_typo() {
        let titles = [
            "Kushner visits Moscow",
            "Knights usher in a new era",
            "K ushnr files",
            "Raise the stakes; raises ahead",
            "r a i s e s",
            "Zürich über die Zürcher",
            "Trade-offs: tariffs, trades, traders",
            "Oil prices rise as OPEC meets",
            "Bank of Japan raises rates",
            "Share prices fall",
        ];
        let a: Vec<Article> = titles.iter().map(|t| article(t, "", None)).collect();
        let index = SearchIndex::build(&a);
        let words = [
            "kushner", "raises", "zürcher", "traders", "tariffs", "prices", "japan", "shares",
        ];
        let mut queries: Vec<String> = Vec::new();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            for end in 1..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                queries.push(prefix.clone());
                queries.push(format!("title:{prefix}"));
                queries.extend(typos(&chars[..end]));
            }
        }
        for q in queries.iter().filter(|q| !q.is_empty()) {
            let (masked, plain) = masked_and_not(&index, &a, q);
            assert_eq!(masked, plain, "{q}");
        }
    }

    #[test]
    fn a_prefix_gathers_the_articles_whose_body_uses_it() {
        let a = vec![
            article("a", "Trade talks, trading floors.", None),
            article("b", "Nothing traded here; tram.", None),
            article("c", "Zürich trams", None),
            article("d", "", None),
            article("e", "Tea", None),
        ];
        let index = SearchIndex::build(&a);
        for prefix in [
            "t", "tr", "tra", "trad", "tram", "zu", "zür", "te", "x", "nothing",
        ] {
            let set = BodySet::new(&index, index.prefix_range(prefix), Gather::DEFAULT);
            let expected: Vec<usize> = (0..a.len())
                .filter(|&i| words(&fold(a[i].body.as_str())).any(|w| w.starts_with(prefix)))
                .collect();
            let got: Vec<usize> = (0..a.len()).filter(|&i| set.contains(i)).collect();
            assert_eq!(got, expected, "{prefix}");
        }
        // Past one piece of gathering, the pieces are merged.
        let many: Vec<u32> = (0..200_000).map(|i| (i * 7) % 100_003).collect();
        let set = ArticleSet::of(&many, 100_003);
        assert!((0..100_003).all(|i| set.contains(i)));
    }

    /// Articles whose bodies use words of a few shared prefixes, each word
    /// in a scattering of articles, and some bodies empty.
    fn scattered(n: usize) -> Vec<Article> {
        const WORDS: [&str; 12] = [
            "trade", "traders", "tram", "trust", "oil", "oilseed", "olive", "gold", "grain",
            "zürich", "the", "report",
        ];
        (0..n)
            .map(|i| {
                let body: Vec<&str> = (0..WORDS.len())
                    .filter(|&k| (i * (k + 3) + i / (k + 2)) % (k + 4) == 0)
                    .map(|k| WORDS[k])
                    .collect();
                article(&format!("{} {i}", WORDS[i % 5]), &body.join(" "), None)
            })
            .collect()
    }

    #[test]
    fn a_set_gathered_block_by_block_holds_what_one_gathered_at_once_holds() {
        let a = scattered(700);
        let index = SearchIndex::build(&a);
        let whole =
            |set: &BodySet| -> Vec<usize> { (0..a.len()).filter(|&i| set.contains(i)).collect() };
        for prefix in ["t", "tr", "tra", "o", "oil", "g", "z", "zü", "the", "x"] {
            let range = index.prefix_range(prefix);
            let expected = whole(&BodySet::new(&index, range.clone(), Gather::DEFAULT));
            let direct: Vec<usize> = (0..a.len())
                .filter(|&i| words(&fold(a[i].body.as_str())).any(|w| w.starts_with(prefix)))
                .collect();
            assert_eq!(expected, direct, "{prefix}");
            for block in [1, 7, 64, 100, 1000] {
                let lazy = Gather {
                    at_once: 0,
                    block,
                    // Some words gathered at once, some block by block.
                    rare: if block % 2 == 1 { 150 } else { 0 },
                };
                // Asked for article by article, in uneven steps.
                let set = BodySet::new(&index, range.clone(), lazy);
                let mut got = Vec::new();
                let mut i = 0;
                let mut step = 1;
                while i < a.len() {
                    let last = (i + step - 1).min(a.len() - 1);
                    set.gather_to(&index, last);
                    got.extend((i..=last).filter(|&k| set.contains(k)));
                    i = last + 1;
                    step = step % 5 + 1;
                }
                assert_eq!(got, expected, "{prefix} in blocks of {block}");
                // Asked for the last article at once.
                let set = BodySet::new(&index, range.clone(), lazy);
                set.gather_to(&index, a.len() - 1);
                assert_eq!(whole(&set), expected, "{prefix} in blocks of {block}");
            }
        }
    }

    #[test]
    fn searches_gathering_block_by_block_answer_as_searches_gathering_at_once() {
        let a = scattered(ROUND + 300);
        let index = SearchIndex::build(&a);
        let lazy = [
            Gather {
                at_once: 0,
                block: 64,
                rare: 0,
            },
            Gather {
                at_once: 0,
                block: 1000,
                rare: 1000,
            },
        ];
        let queries = [
            "tr",
            "tra",
            "o",
            "oi",
            "ol",
            "gr",
            "zu",
            "trade oil",
            "-tr",
            "-oil",
            "tr -gr",
            "\"the oil\"",
            "\"oil the\"",
            "-\"gold grain\"",
            "report \"trust\"",
        ];
        let plan =
            |q: &Query, gather: Gather| Plan::prepare(&index, q, None, true, gather).unwrap();
        for q in queries {
            let query = parse_query(q).unwrap();
            let eager = index
                .scan(&plan(&query, Gather::DEFAULT), &a, None, &|| false, None)
                .unwrap();
            for gather in lazy {
                let got = index
                    .scan(&plan(&query, gather), &a, None, &|| false, None)
                    .unwrap();
                assert_eq!(got, eager, "{q} {gather:?}");
                // Within a narrower base, as the next key searches.
                let within: Vec<u32> = eager.base.iter().copied().step_by(3).collect();
                let eager_within = index
                    .scan(
                        &plan(&query, Gather::DEFAULT),
                        &a,
                        Some(&within),
                        &|| false,
                        None,
                    )
                    .unwrap();
                let got = index
                    .scan(&plan(&query, gather), &a, Some(&within), &|| false, None)
                    .unwrap();
                assert_eq!(got, eager_within, "{q} within {gather:?}");
                // What a long scan gives out first.
                let mut partial: Vec<SearchResult> = Vec::new();
                let mut give = |r: &SearchResult| partial.push(r.clone());
                let whole = index
                    .scan(
                        &plan(&query, gather),
                        &a,
                        None,
                        &|| false,
                        Some((std::time::Duration::ZERO, &mut give)),
                    )
                    .unwrap();
                assert_eq!(whole, eager, "{q} {gather:?}");
                let part = &partial[0];
                let last = part.last_looked_at.unwrap() as usize;
                let before: Vec<Hit> = eager
                    .hits
                    .iter()
                    .filter(|h| h.article <= last)
                    .copied()
                    .collect();
                assert_eq!(part.hits, before, "{q} {gather:?}");
            }
        }
        // An exclusion typed further, searched again over its widen set.
        for (prev_q, next_q) in [("-t", "-tr"), ("-o", "-oil"), ("gold -tr", "gold -tra")] {
            let (prev_q, next_q) = (parse_query(prev_q).unwrap(), parse_query(next_q).unwrap());
            let prev = index.search(&a, &prev_q, None).unwrap();
            let fresh = index.search(&a, &next_q, None).unwrap();
            for gather in lazy {
                let got = index
                    .widen_with(&plan(&next_q, gather), &a, &prev, &|| false, None)
                    .unwrap();
                assert_eq!(got.hits, fresh.hits, "{next_q} {gather:?}");
                assert_eq!(got.base, fresh.base, "{next_q} {gather:?}");
            }
        }
    }

    /// Names every article in its list, whatever the value.
    struct Listed(Vec<usize>);

    impl EntityFilter for Listed {
        fn articles_matching(&self, _: Field, _: &str) -> Option<Vec<usize>> {
            Some(self.0.clone())
        }
    }

    #[test]
    fn a_name_term_keeps_the_articles_it_selects_and_nothing_else_changes() {
        let a = scattered(ROUND + 300);
        let index = SearchIndex::build(&a);
        let listed = Listed((0..a.len()).filter(|i| i % 3 != 1 && i % 7 != 0).collect());
        let other = Listed((0..a.len()).filter(|i| i % 2 == 0).collect());
        let kept = |hits: &[Hit], lists: &[&Listed]| -> Vec<Hit> {
            hits.iter()
                .filter(|h| lists.iter().all(|l| l.0.contains(&h.article)))
                .copied()
                .collect()
        };
        for q in ["tr", "oil", "-gr", "o", "\"the oil\""] {
            let plain = index.search(&a, &parse_query(q).unwrap(), None).unwrap();
            let named = parse_query(&format!("person:x {q}")).unwrap();
            let got = index.search(&a, &named, Some(&listed)).unwrap();
            assert_eq!(got.hits, kept(&plain.hits, &[&listed]), "{q}");
            let twice = parse_query(&format!("person:x {q} org:y")).unwrap();
            // Two sets: the articles both select.
            struct Both<'a>(&'a Listed, &'a Listed);
            impl EntityFilter for Both<'_> {
                fn articles_matching(&self, field: Field, v: &str) -> Option<Vec<usize>> {
                    match field {
                        Field::Person => self.0.articles_matching(field, v),
                        _ => self.1.articles_matching(field, v),
                    }
                }
            }
            let got = index
                .search(&a, &twice, Some(&Both(&listed, &other)))
                .unwrap();
            assert_eq!(got.hits, kept(&plain.hits, &[&listed, &other]), "{q}");
            // Within a base.
            let within: Vec<u32> = (0..a.len() as u32).filter(|i| i % 5 != 2).collect();
            let got = index
                .search_within(&a, &named, Some(&listed), Some(&within), &|| false, None)
                .unwrap();
            let plain_within = index
                .search_within(
                    &a,
                    &parse_query(q).unwrap(),
                    None,
                    Some(&within),
                    &|| false,
                    None,
                )
                .unwrap();
            assert_eq!(got.hits, kept(&plain_within.hits, &[&listed]), "{q}");
        }
    }

    #[test]
    fn a_base_reaches_as_far_as_its_runs_allow() {
        // Up to five characters match in one run, up to eight in two; a
        // base looks at least as far as two runs.
        assert_eq!(reach(1), 8);
        assert_eq!(reach(2), 8);
        assert_eq!(reach(3), 8);
        assert_eq!(reach(5), 8);
        assert_eq!(reach(6), 11);
        let q = |s: &str| parse_query(s).unwrap();
        let r = reach_of(&q("k"));
        assert_eq!(narrows(&q("k"), &r, &q("kushn")), Some(vec![8]));
        assert_eq!(narrows(&q("k"), &r, &q("kushnerx")), Some(vec![8]));
        assert_eq!(narrows(&q("k"), &r, &q("kushnerxy")), None);
        // A search within a base reaches no further than the base.
        assert_eq!(narrows(&q("kus"), &[5], &q("kush")), Some(vec![5]));
        assert_eq!(
            narrows(&q("-oil"), &reach_of(&q("-oil")), &q("-oil k")),
            Some(vec![8, 8])
        );
        assert_eq!(narrows(&q("-oi"), &reach_of(&q("-oi")), &q("-oil")), None);
    }

    #[test]
    fn widening_an_exclusion_gives_what_a_fresh_search_gives() {
        let mut a = corpus();
        a.extend([
            article("Oil prices", "Crude fell.", None),
            article("O i l", "Oilseed.", Some("2025-02-01")),
            article("Coil springs", "Oily rags.", None),
        ]);
        let index = SearchIndex::build(&a);
        for typed in [
            &["-o", "-oi", "-oil", "-oils", "-oilse"][..],
            &[
                "date:2025 -r",
                "date:2025 -ra",
                "date:2025 -rai",
                "date:2025 -rain",
            ],
            &["kushner -m", "kushner -mo", "kushner -mos"],
            &["-title:k", "-title:ku", "-title:kus"],
        ] {
            let mut prev_q = parse_query(typed[0]).unwrap();
            let mut prev = index.search(&a, &prev_q, None).unwrap();
            let mut reached = reach_of(&prev_q);
            for q in &typed[1..] {
                let next = parse_query(q).unwrap();
                reached = widens(&prev_q, &reached, &next).expect("an exclusion typed further");
                let widened = index
                    .search_widening(&a, &next, None, &prev, &|| false, None)
                    .unwrap();
                let fresh = index.search(&a, &next, None).unwrap();
                assert_eq!(widened.hits, fresh.hits, "{q}");
                assert_eq!(widened.base, fresh.base, "{q}");
                assert_eq!(widened.undated, fresh.undated, "{q}");
                assert_eq!(widened.undated_hidden, fresh.undated_hidden, "{q}");
                (prev_q, prev) = (next, widened);
            }
        }
        // Only the exclusion at the end, typed further, widens.
        let q = |s: &str| parse_query(s).unwrap();
        assert!(widens(&q("-oi k"), &reach_of(&q("-oi k")), &q("-oil k")).is_none());
        assert!(widens(&q("oi"), &reach_of(&q("oi")), &q("oil")).is_none());
        assert!(widens(&q("-oi"), &reach_of(&q("-oi")), &q("-title:oil")).is_none());
    }

    /// More articles than one round of a scan, with varied words.
    fn many() -> Vec<Article> {
        const WORDS: [&str; 6] = ["oil", "oilseed", "grain", "gold", "ore", "olive"];
        (0..ROUND + ROUND / 2)
            .map(|i| {
                let w = WORDS[i % WORDS.len()];
                let v = WORDS[(i / 7) % WORDS.len()];
                article(&format!("{v} report {i}"), &format!("The {w} trade."), None)
            })
            .collect()
    }

    #[test]
    fn a_long_scan_first_gives_what_it_has_found_so_far() {
        let a = many();
        let index = SearchIndex::build(&a);
        let q = parse_query("o").unwrap();
        let mut partial: Vec<SearchResult> = Vec::new();
        let mut give = |r: &SearchResult| partial.push(r.clone());
        let whole = index
            .search_within(
                &a,
                &q,
                None,
                None,
                &|| false,
                Some((std::time::Duration::ZERO, &mut give)),
            )
            .unwrap();
        assert_eq!(partial.len(), 1, "told once");
        let part = &partial[0];
        let last = part.last_looked_at.expect("says how far it got") as usize;
        assert!(last + 1 < a.len(), "given before the end");
        let before = hits_up_to(&whole, last);
        assert_eq!(part.hits, before);
        assert!(!part.hits.is_empty());
        assert_eq!(whole, index.search(&a, &q, None).unwrap());
        // Never told when the scan ends within one round.
        let few = &a[..100];
        let small = SearchIndex::build(few);
        let mut told = false;
        let mut give = |_: &SearchResult| told = true;
        small
            .search_within(
                few,
                &q,
                None,
                None,
                &|| false,
                Some((std::time::Duration::ZERO, &mut give)),
            )
            .unwrap();
        assert!(!told);
    }

    #[test]
    fn a_long_widening_first_gives_what_it_has_decided_so_far() {
        let plain = many();
        // Every other article dated, for a date term to hide the rest.
        let dated: Vec<Article> = many()
            .into_iter()
            .enumerate()
            .map(|(i, a)| Article {
                date: (i % 2 == 0)
                    .then(|| ArticleDate::day(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())),
                ..a
            })
            .collect();
        for (a, prev_q, next) in [
            (&plain, "-o", "-oil"),
            (&dated, "date:2025 -o", "date:2025 -oil"),
        ] {
            let index = SearchIndex::build(a);
            let prev_q = parse_query(prev_q).unwrap();
            let prev = index.search(a, &prev_q, None).unwrap();
            let next = parse_query(next).unwrap();
            assert!(widens(&prev_q, &reach_of(&prev_q), &next).is_some());
            assert!(prev.widen.len() > ROUND, "the test needs a long widening");
            let mut partial: Vec<SearchResult> = Vec::new();
            let mut give = |r: &SearchResult| partial.push(r.clone());
            let whole = index
                .search_widening(
                    a,
                    &next,
                    None,
                    &prev,
                    &|| false,
                    Some((std::time::Duration::ZERO, &mut give)),
                )
                .unwrap();
            assert_eq!(whole, index.search(a, &next, None).unwrap());
            assert_eq!(partial.len(), 1);
            let part = &partial[0];
            let last = part.last_looked_at.expect("says how far it got") as usize;
            assert!(last + 1 < a.len(), "given before the end");
            let before = hits_up_to(&whole, last);
            assert!(!before.is_empty());
            assert_eq!(part.hits, before, "{next}");
            let undated = whole
                .undated
                .iter()
                .filter(|&&i| i as usize <= last)
                .count();
            assert_eq!(part.undated_hidden, undated, "{next}");
        }
        assert!(!index_undated(&dated).is_empty());
    }

    /// The hits of `whole` up to article `last`: what a first answer that
    /// got that far must hold.
    fn hits_up_to(whole: &SearchResult, last: usize) -> Vec<Hit> {
        whole
            .hits
            .iter()
            .filter(|h| h.article <= last)
            .copied()
            .collect()
    }

    /// The plain way to replace the articles searched again, first part:
    /// `list` without the articles in `drop` (both ascending).
    fn without(list: &[u32], drop: &[u32]) -> Vec<u32> {
        let mut d = drop.iter().peekable();
        list.iter()
            .copied()
            .filter(|&i| {
                while d.next_if(|&&x| x < i).is_some() {}
                d.peek().is_none_or(|&&x| x != i)
            })
            .collect()
    }

    /// The plain way, second part: two lists ascending by `key`, with no
    /// key in both, as one.
    fn merge_by<T: Copy>(a: &[T], b: &[T], key: impl Fn(&T) -> usize) -> Vec<T> {
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if key(&a[i]) <= key(&b[j]) {
                out.push(a[i]);
                i += 1;
            } else {
                out.push(b[j]);
                j += 1;
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        out
    }

    #[test]
    fn replacing_the_articles_searched_again_is_dropping_them_and_merging() {
        // A small generator, so the lists differ from case to case.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for case in 0..300 {
            let n = 1 + next(200) as u32;
            let prev: Vec<u32> = (0..n).filter(|_| next(3) != 0).collect();
            let over: Vec<u32> = (0..n).filter(|_| next(4) == 0).collect();
            let again: Vec<u32> = over.iter().copied().filter(|_| next(2) == 0).collect();
            let plain = merge_by(&without(&prev, &over), &again, |&i| i as usize);
            assert_eq!(
                replaced(&prev, &over, &again, |&i| i as usize),
                plain,
                "case {case}"
            );
        }
    }

    /// The articles `date:2025` hides for want of a date.
    fn index_undated(a: &[Article]) -> Vec<u32> {
        let index = SearchIndex::build(a);
        index
            .search(a, &parse_query("date:2025").unwrap(), None)
            .unwrap()
            .undated
    }

    #[test]
    fn highlights_point_at_title_chars() {
        let q = parse_query("kush").unwrap();
        assert_eq!(title_highlights(&q, "Visit by Kushner"), [9, 10, 11, 12]);
        assert!(title_highlights(&q, "Nothing here").is_empty());
    }
}
