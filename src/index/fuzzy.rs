//! Whether a short field (a title, an author, a source) matches a typed
//! word, decided without scoring. A match must be tight: the word's letters
//! in order, in few contiguous runs. Up to five typed characters must match
//! as one run; each three more allow one more run (a skipped or mistyped
//! letter). Scattered letters across a long title would match almost any
//! short word and make the filter useless on a large corpus.
//!
//! Deciding a match is a substring search (`memchr::memmem`) or, for longer
//! words, a search for the fewest runs; the skim scorer of `fuzzy-matcher`
//! runs only to order the matches a list can show (see `search`). Text and
//! pattern are folded (`text::fold`), so case and accents are already gone.

use memchr::memmem;

/// How well a field matched: the tiers rank before any fuzzy score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tightness {
    /// The letters in order, in a few runs.
    Loose,
    /// The word whole, inside another word.
    Whole,
    /// The word whole, at the start of a word.
    WordStart,
}

/// Runs a pattern of `chars` characters may be split into.
pub fn allowed_runs(chars: usize) -> usize {
    1 + chars.saturating_sub(3) / 3
}

/// Whether `pattern`'s characters occur in `text` in order (the loosest
/// match; every tight match is one, and a longer pattern's matches are a
/// subset of a shorter prefix's). Both folded.
pub fn is_subsequence(text: &str, pattern: &str) -> bool {
    let mut rest = text.as_bytes();
    for &b in pattern.as_bytes() {
        match memchr::memchr(b, rest) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// Whether byte `at` of `text` starts a word.
pub fn starts_word(text: &str, at: usize) -> bool {
    at == 0
        || text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphanumeric())
}

/// A typed word prepared for testing many fields.
pub struct Pattern {
    text: String,
    finder: memmem::Finder<'static>,
    chars: usize,
    runs: usize,
}

impl Pattern {
    /// `folded` is the word as `text::fold` gives it.
    pub fn new(folded: &str) -> Pattern {
        let chars = folded.chars().count();
        Pattern {
            text: folded.to_string(),
            finder: memmem::Finder::new(folded.as_bytes()).into_owned(),
            chars,
            runs: allowed_runs(chars),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The word's length in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// How tightly the word matches `text` (folded), or `None`.
    pub fn tight_match(&self, text: &str) -> Option<Tightness> {
        tight_match_with(text, &self.text, &self.finder, self.runs)
    }

    /// Whether a word that types this one further, by up to `extra`
    /// characters, could match `text`: the runs such a word may use bound
    /// the runs this one needs.
    pub fn could_match(&self, text: &str, extra: usize) -> bool {
        let runs = allowed_runs(self.chars + extra);
        if runs == 1 {
            return self.finder.find(text.as_bytes()).is_some();
        }
        is_subsequence(text, &self.text) && fits_in_runs(text.as_bytes(), &self.text, runs)
    }
}

/// How tightly `pattern` matches `text`, or `None`. Both folded.
pub fn tight_match(text: &str, pattern: &str) -> Option<Tightness> {
    let finder = memmem::Finder::new(pattern.as_bytes());
    tight_match_with(
        text,
        pattern,
        &finder,
        allowed_runs(pattern.chars().count()),
    )
}

fn tight_match_with(
    text: &str,
    pattern: &str,
    finder: &memmem::Finder,
    allowed: usize,
) -> Option<Tightness> {
    if pattern.is_empty() || text.len() < pattern.len() {
        return None;
    }
    // One letter (the first key of every word typed): a plain byte search
    // costs less than setting up a substring search per title.
    if let [byte] = pattern.as_bytes() {
        let mut whole = false;
        for at in memchr::memchr_iter(*byte, text.as_bytes()) {
            if starts_word(text, at) {
                return Some(Tightness::WordStart);
            }
            whole = true;
        }
        return whole.then_some(Tightness::Whole);
    }
    let mut whole = false;
    for at in finder.find_iter(text.as_bytes()) {
        if starts_word(text, at) {
            return Some(Tightness::WordStart);
        }
        whole = true;
    }
    if whole {
        return Some(Tightness::Whole);
    }
    if allowed < 2 || !is_subsequence(text, pattern) {
        return None;
    }
    fits_in_runs(text.as_bytes(), pattern, allowed).then_some(Tightness::Loose)
}

/// Whether `pattern` splits into at most `runs` pieces (at char
/// boundaries) that occur in `text` in order without overlapping. The
/// earliest occurrence of a piece always leaves the most room for the rest,
/// so only the split points are searched, longest first piece first.
pub fn fits_in_runs(text: &[u8], pattern: &str, runs: usize) -> bool {
    let chars = pattern.chars().count();
    if (2..chars).contains(&runs) && !enough_pairs(text, pattern, chars - runs) {
        return false;
    }
    fits_split(text, pattern, runs)
}

/// Whether at least `needed` of the pairs of neighbouring chars of
/// `pattern` stand side by side in `text`. A split into `runs` pieces keeps
/// all but `runs - 1` of the pairs whole, so a pattern that fits needs
/// `chars - runs` of them: a cheap test that rules out most texts holding
/// the letters only scattered, before the splits are searched.
fn enough_pairs(text: &[u8], pattern: &str, needed: usize) -> bool {
    let mut left = pattern.chars().count().saturating_sub(1);
    let mut found = 0;
    let mut bounds = pattern
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(pattern.len()));
    let (Some(mut from), Some(mut mid)) = (bounds.next(), bounds.next()) else {
        return needed == 0;
    };
    for to in bounds {
        if find_short(text, &pattern.as_bytes()[from..to]).is_some() {
            found += 1;
        }
        left -= 1;
        if found >= needed {
            return true;
        }
        if found + left < needed {
            return false;
        }
        (from, mid) = (mid, to);
    }
    found >= needed
}

/// `fits_in_runs` without the pair test.
fn fits_split(text: &[u8], pattern: &str, runs: usize) -> bool {
    if pattern.is_empty() {
        return true;
    }
    if runs == 0 {
        return false;
    }
    if runs == 1 {
        return find_short(text, pattern.as_bytes()).is_some();
    }
    // Longest first piece first; no list, as this runs for many titles.
    let cuts = std::iter::once(pattern.len()).chain(
        pattern
            .char_indices()
            .rev()
            .map(|(i, _)| i)
            .filter(|&i| i > 0),
    );
    for cut in cuts {
        let (piece, rest) = pattern.split_at(cut);
        if let Some(at) = find_short(text, piece.as_bytes())
            && fits_split(&text[at + piece.len()..], rest, runs - 1)
        {
            return true;
        }
    }
    false
}

/// Where `needle` first occurs in `text`: a byte search for its first byte
/// and a comparison, which on a title costs less than setting up a
/// substring searcher for each piece tried.
fn find_short(text: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [] => Some(0),
        [b] => memchr::memchr(*b, text),
        [b, rest @ ..] => {
            memchr::memchr_iter(*b, text).find(|&at| text[at + 1..].starts_with(rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_must_match_whole() {
        assert_eq!(
            tight_match("envoy meets kushner", "kush"),
            Some(Tightness::WordStart)
        );
        assert_eq!(
            tight_match("the bushes burn", "ush"),
            Some(Tightness::Whole)
        );
        assert_eq!(tight_match("kyushu electric", "kush"), None);
        assert_eq!(tight_match("knights usher in", "kushner"), None);
    }

    #[test]
    fn longer_words_may_skip_a_letter() {
        // Six characters allow two runs: "kushnr" in "kushner".
        assert_eq!(
            tight_match("envoy meets kushner", "kushnr"),
            Some(Tightness::Loose)
        );
        assert_eq!(tight_match("k u s h n r", "kushnr"), None);
        assert!(fits_in_runs(b"abxcd", "abcd", 2));
        assert!(!fits_in_runs(b"axbxcd", "abcd", 2));
    }

    #[test]
    fn runs_split_at_char_boundaries() {
        assert_eq!(
            tight_match("zürich talks", "zür"),
            Some(Tightness::WordStart)
        );
        assert_eq!(
            tight_match("über die zürcher", "zürcer"),
            Some(Tightness::Loose)
        );
        assert!(!fits_in_runs("aé".as_bytes(), "éa", 2));
    }

    #[test]
    fn a_word_typed_further_can_only_match_what_it_could() {
        let p = Pattern::new("kus");
        // "kushnr" (six characters) may be split in two runs.
        assert!(p.could_match("ku shner", 3));
        assert!(!p.could_match("ku shner", 2));
        assert!(!p.could_match("k u s", 3));
        assert_eq!(p.tight_match("ku shner"), None);
        assert_eq!(tight_match("ku shnr", "kushnr"), Some(Tightness::Loose));
    }

    #[test]
    fn the_pair_test_changes_no_answer() {
        let texts = [
            "raise the stakes",
            "r a i s e s",
            "rai ses",
            "ra is es",
            "arise",
            "zürich über zürcher",
            "knights usher in a new era",
            "kushner",
        ];
        let patterns = [
            "raises", "raise", "rs", "zürcer", "kushner", "kushnr", "aa", "é",
        ];
        for t in texts {
            for p in patterns {
                for runs in 0..=p.chars().count() + 1 {
                    assert_eq!(
                        fits_in_runs(t.as_bytes(), p, runs),
                        fits_split(t.as_bytes(), p, runs),
                        "{t} {p} {runs}"
                    );
                }
            }
        }
    }

    #[test]
    fn short_search_finds_the_first_occurrence() {
        assert_eq!(find_short(b"abcabc", b"ca"), Some(2));
        assert_eq!(find_short(b"abcabc", b"c"), Some(2));
        assert_eq!(find_short(b"abc", b""), Some(0));
        assert_eq!(find_short(b"abc", b"abcd"), None);
        assert_eq!(find_short(b"aab", b"ab"), Some(1));
    }

    #[test]
    fn subsequence_is_the_loosest_test() {
        assert!(is_subsequence("knights usher in a new era", "kushner"));
        assert!(!is_subsequence("kushner", "kushnerr"));
        assert!(is_subsequence("anything", ""));
    }

    #[test]
    fn allowed_runs_grow_every_three_characters() {
        assert_eq!(allowed_runs(1), 1);
        assert_eq!(allowed_runs(5), 1);
        assert_eq!(allowed_runs(6), 2);
        assert_eq!(allowed_runs(9), 3);
    }
}
