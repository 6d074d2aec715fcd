//! One article turned into what the related-reports index compares: word
//! counts, per-sentence word sets, word 3-shingles and a body fingerprint.
//! Works on one article at a time (so it runs in parallel) and knows nothing
//! of the rest of the corpus; term ids are assigned by `vectors`.

use super::fasthash::FastMap;
use super::text::{fold_words, is_stop_word, normalise_whitespace, sentence_spans};

/// Sentences with fewer content words than this say too little to align.
pub const MIN_SENTENCE_WORDS: usize = 4;

/// What one article contributes before the corpus is known.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Content words of title and body with their counts.
    pub counts: FastMap<String, u32>,
    /// Content words of each body sentence (deduplicated, only sentences with
    /// at least `MIN_SENTENCE_WORDS` of them).
    pub sentences: Vec<Vec<String>>,
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

/// Analyses one article.
pub fn analyse(title: &str, body: &str) -> Analysed {
    let mut counts: FastMap<String, u32> = FastMap::default();
    for word in fold_words(title).into_iter().chain(fold_words(body)) {
        if !is_stop_word(&word) {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    let sentences = sentence_spans(body)
        .into_iter()
        .filter_map(|span| {
            let mut words: Vec<String> = fold_words(&body[span])
                .into_iter()
                .filter(|w| !is_stop_word(w))
                .collect();
            words.sort_unstable();
            words.dedup();
            (words.len() >= MIN_SENTENCE_WORDS).then_some(words)
        })
        .collect();
    let words = fold_words(body);
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
        counts,
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

    #[test]
    fn counts_skip_stop_words_and_include_the_title() {
        let a = analyse(
            "Harbour strike",
            "The dockers said the strike at the harbour goes on.",
        );
        assert_eq!(a.counts.get("strike"), Some(&2));
        assert_eq!(a.counts.get("harbour"), Some(&2));
        assert!(!a.counts.contains_key("the"));
        assert_eq!(a.sentences.len(), 1);
        let f = analyse(
            "",
            "Sales rose 4 pct to 1,250 tonnes in 1987, from 1,250 in 1986.",
        );
        assert_eq!(f.figures.len(), 3);
        assert_eq!(
            analyse("", "Seven ships loaded, six waited.").figures.len(),
            2
        );
    }

    #[test]
    fn whitespace_does_not_change_the_fingerprint_but_words_do() {
        let a = analyse("", "Rain fell.\n\nRivers rose.");
        let b = analyse("", "  Rain   fell. Rivers\trose. ");
        let c = analyse("", "Rain fell. Rivers rose!");
        assert_eq!(a.body_hash, b.body_hash);
        assert_ne!(a.body_hash, c.body_hash);
        assert_eq!(analyse("t", "  \n").body_hash, None);
    }

    #[test]
    fn shingles_cover_every_three_word_run() {
        let a = analyse("", "one two three four");
        assert_eq!(a.shingles.len(), 2);
        assert_eq!(analyse("", "one two").shingles.len(), 1);
    }
}
