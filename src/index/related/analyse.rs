//! One article turned into what the related-reports index compares: word
//! counts, per-sentence word sets, word 3-shingles and a body fingerprint.
//! Works on one article at a time (so it runs in parallel) and knows nothing
//! of the rest of the corpus; term ids are assigned by `vectors`.

use rayon::prelude::*;

use super::text::{fold_words, is_stop_word, normalise_whitespace, sentence_spans};
use rustc_hash::FxHashMap as FastMap;

/// Sentences with fewer content words than this say too little to align.
pub const MIN_SENTENCE_WORDS: usize = 4;

/// What one article contributes before the corpus is known. Words are kept
/// as 64-bit keys (hashes of their folded form) so a large corpus does not
/// hold a string per word per article; spellings are kept once per batch.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Content-word keys of title and body with their counts (the lead's
    /// words weighted up), sorted by key.
    pub terms: Vec<(u64, u32)>,
    /// Content-word keys of each body sentence (sorted, deduplicated; only
    /// sentences with at least `MIN_SENTENCE_WORDS` of them).
    pub sentences: Vec<Vec<u64>>,
    /// Sorted, deduplicated hashes of every run of three folded body words
    /// (stop words included: shared phrasing is what they measure).
    pub shingles: Vec<u64>,
    /// Sorted, deduplicated hashes of the figures in the body ("25,000",
    /// "4.151", "1987"; lone digits say too little to count).
    pub figures: Vec<u64>,
    /// Hash of the whitespace-normalised body; `None` for an empty body,
    /// which is a copy of nothing.
    pub body_hash: Option<u64>,
}

/// A news report states its event in its first sentences (who, what, where)
/// and spends the rest on background that other stories share; words there
/// count as if written this many times.
const LEAD_SENTENCES: usize = 3;
const LEAD_COUNT: u32 = 3;

/// Articles analysed per batch: one spelling map serves a whole batch.
const BATCH: usize = 256;

/// Analyses every (title, body) in parallel; returns the analyses in order
/// and the spelling of every content-word key.
pub fn analyse_all<'a>(texts: &[(&'a str, &'a str)]) -> (Vec<Analysed>, FastMap<u64, String>) {
    let batches: Vec<(Vec<Analysed>, FastMap<u64, String>)> = texts
        .par_chunks(BATCH)
        .map(|batch| {
            let mut spell = FastMap::default();
            let analysed = batch
                .iter()
                .map(|&(t, b)| analyse(t, b, &mut spell))
                .collect();
            (analysed, spell)
        })
        .collect();
    let mut all = Vec::with_capacity(texts.len());
    let mut spellings: FastMap<u64, String> = FastMap::default();
    for (analysed, spell) in batches {
        all.extend(analysed);
        for (k, w) in spell {
            spellings.entry(k).or_insert(w);
        }
    }
    (all, spellings)
}

/// Analyses one article, recording the spelling of each new word key.
pub fn analyse(title: &str, body: &str, spell: &mut FastMap<u64, String>) -> Analysed {
    let mut key_of = |w: &str| {
        let k = hash_bytes(w.as_bytes());
        spell.entry(k).or_insert_with(|| w.to_string());
        k
    };
    let mut counts: FastMap<u64, u32> = FastMap::default();
    for w in fold_words(title) {
        if !is_stop_word(&w) {
            *counts.entry(key_of(&w)).or_insert(0) += 1;
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut sentences = Vec::new();
    // Sentence spans tile the body, so folding each span once yields both
    // the sentences and the body's whole word sequence.
    for (si, span) in sentence_spans(body).into_iter().enumerate() {
        let mut keys: Vec<u64> = Vec::new();
        for w in fold_words(&body[span]) {
            if !is_stop_word(&w) {
                let k = key_of(&w);
                *counts.entry(k).or_insert(0) += if si < LEAD_SENTENCES { LEAD_COUNT } else { 1 };
                keys.push(k);
            }
            words.push(w);
        }
        keys.sort_unstable();
        keys.dedup();
        if keys.len() >= MIN_SENTENCE_WORDS {
            sentences.push(keys);
        }
    }
    let mut terms: Vec<(u64, u32)> = counts.into_iter().collect();
    terms.sort_unstable();
    let mut figures: Vec<u64> = words
        .iter()
        .filter(|w| {
            (w.len() > 1 && w.starts_with(|c: char| c.is_ascii_digit())) || is_number_word(w)
        })
        .map(|w| hash_bytes(w.as_bytes()))
        .collect();
    figures.sort_unstable();
    figures.dedup();
    let mut shingles: Vec<u64> = if words.len() < 3 {
        (!words.is_empty())
            .then(|| hash_words(&words))
            .into_iter()
            .collect()
    } else {
        words.windows(3).map(hash_words).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    let normalised = normalise_whitespace(body);
    let body_hash = (!normalised.is_empty()).then(|| hash_bytes(normalised.as_bytes()));
    Analysed {
        terms,
        sentences,
        shingles,
        figures,
        body_hash,
    }
}

/// Spelled-out quantities: wire style writes small numbers as words, and
/// they are the slots a templated brief fills in ("seven ships loading").
fn is_number_word(w: &str) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "eight",
        "eighteen",
        "eighty",
        "eleven",
        "fifteen",
        "fifty",
        "five",
        "forty",
        "four",
        "fourteen",
        "nine",
        "nineteen",
        "ninety",
        "seven",
        "seventeen",
        "seventy",
        "six",
        "sixteen",
        "sixty",
        "ten",
        "thirteen",
        "thirty",
        "three",
        "twelve",
        "twenty",
        "two",
    ];
    NUMBER_WORDS.binary_search(&w).is_ok()
}

fn hash_words(words: &[String]) -> u64 {
    let mut h = FNV_OFFSET;
    for w in words {
        h = fnv(h, w.as_bytes());
        h = fnv(h, &[0xff]);
    }
    mix(h)
}

/// A fixed 64-bit hash: results must not change between runs, so std's
/// randomly seeded hasher is out.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    mix(fnv(FNV_OFFSET, bytes))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: spreads FNV's weak low bits over the whole word.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn an(title: &str, body: &str) -> Analysed {
        analyse(title, body, &mut FastMap::default())
    }

    #[test]
    fn counts_skip_stop_words_and_include_the_title() {
        let mut spell = FastMap::default();
        let a = analyse(
            "Harbour strike",
            "The dockers said the strike at the harbour goes on. Talks resume today. \
             Unions meet later. Pay is the issue. The strike is in its third week.",
            &mut spell,
        );
        let count = |w: &str| {
            let k = hash_bytes(w.as_bytes());
            a.terms.iter().find(|t| t.0 == k).map(|t| t.1)
        };
        // The lead's words count LEAD_COUNT times, later ones once, the
        // title's once.
        assert_eq!(count("harbour"), Some(1 + LEAD_COUNT));
        assert_eq!(count("strike"), Some(1 + LEAD_COUNT + 1));
        assert_eq!(count("pay"), Some(1));
        assert_eq!(count("the"), None);
        let dockers = spell.get(&hash_bytes(b"dockers"));
        assert_eq!(dockers.map(String::as_str), Some("dockers"));
        assert_eq!(
            a.sentences.len(),
            1,
            "only one sentence has four content words"
        );
        let f = an(
            "",
            "Sales rose 4 pct to 1,250 tonnes in 1987, from 1,250 in 1986.",
        );
        assert_eq!(f.figures.len(), 3);
        assert_eq!(an("", "Seven ships loaded, six waited.").figures.len(), 2);
    }

    #[test]
    fn whitespace_does_not_change_the_fingerprint_but_words_do() {
        let a = an("", "Rain fell.\n\nRivers rose.");
        let b = an("", "  Rain   fell. Rivers\trose. ");
        let c = an("", "Rain fell. Rivers rose!");
        assert_eq!(a.body_hash, b.body_hash);
        assert_ne!(a.body_hash, c.body_hash);
        assert_eq!(an("t", "  \n").body_hash, None);
    }

    #[test]
    fn shingles_cover_every_three_word_run() {
        let a = an("", "one two three four");
        assert_eq!(a.shingles.len(), 2);
        assert_eq!(an("", "one two").shingles.len(), 1);
    }
}
