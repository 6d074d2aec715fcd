//! Words and sentences as the related-reports index sees them: accent- and
//! case-folded word tokens, an English stop list, and sentence boundaries.
//! Knows nothing of weights, documents or the corpus.

use unicode_normalization::UnicodeNormalization;

use rustc_hash::FxHashSet as FastSet;
use unicode_normalization::char::is_combining_mark;

/// Words too common in news prose to say what a story is about.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Whether a folded word carries no topic. Single letters never do: they are
/// initials, possessive and contraction tails ("s", "t") or list markers.
pub fn is_stop_word(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() {
        return true;
    }
    static SET: std::sync::OnceLock<FastSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

/// Lower-cased, accent-stripped words of `text`, in order. A word is a run of
/// letters and digits; an apostrophe followed by `s` at the end of a word (the
/// possessive) is dropped so "Putin's" and "Putin’s" both fold to "putin".
pub fn fold_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            push_folded(&mut current, c);
            continue;
        }
        // "4.151", "115,600": a figure is one word, so reports quoting
        // different figures in the same template do not look alike.
        if matches!(c, '.' | ',')
            && current.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            current.push(c);
            continue;
        }
        if matches!(c, '\'' | '’') && !current.is_empty() {
            let mut ahead = chars.clone();
            if matches!(ahead.next(), Some('s' | 'S'))
                && !ahead.peek().is_some_and(|n| n.is_alphanumeric())
            {
                chars.next();
            }
            // "isn't", "don't": the tail is a separate single letter and is
            // dropped as a stop word, which is what we want.
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for d in c.nfkd().filter(|d| !is_combining_mark(*d)) {
        out.extend(d.to_lowercase());
    }
}

/// Sentence spans of `text` as byte ranges: a sentence ends at `.`, `!` or `?`
/// followed by whitespace (closing quotes and brackets stay with it) or at a
/// blank line. Abbreviations split sentences too; alignment tolerates that.
pub fn sentence_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            // A blank line ends a paragraph; a single line break may be a
            // hard wrap inside a sentence (wire copy is wrapped at 70 columns).
            '\n' if text[i + 1..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n') =>
            {
                Some(i)
            }
            '.' if ends_abbreviation(&text[..i]) => None,
            '.' | '!' | '?' => {
                let mut j = i + c.len_utf8();
                while let Some(&(k, q)) = chars.peek() {
                    if matches!(q, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                        chars.next();
                        j = k + q.len_utf8();
                    } else {
                        break;
                    }
                }
                chars
                    .peek()
                    .is_none_or(|&(_, n)| n.is_whitespace())
                    .then_some(j)
            }
            _ => None,
        };
        if let Some(end) = end {
            if !text[start..end].trim().is_empty() {
                spans.push(start..end);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        spans.push(start..text.len());
    }
    spans
}

/// Whether the word before a full stop is an initial or a dotted abbreviation
/// ("J", "U.S"), after which a sentence rarely ends.
fn ends_abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
        })
}

/// The body with every run of whitespace made one space and the ends trimmed:
/// the form in which two copies count as identical.
pub fn normalise_whitespace(body: &str) -> String {
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folding_drops_case_accents_and_possessives() {
        assert_eq!(
            fold_words("Zelenskiy’s ÉLAN, Putin's café; isn't 115,600 km, 4.151 dlrs."),
            vec![
                "zelenskiy",
                "elan",
                "putin",
                "cafe",
                "isn",
                "t",
                "115,600",
                "km",
                "4.151",
                "dlrs"
            ]
        );
        assert!(is_stop_word("t"));
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("kremlin"));
        assert!(!is_stop_word("7"));
    }

    #[test]
    fn sentences_end_at_punctuation_and_blank_lines() {
        let text = "He said \"no.\" Then left!\n\nA paragraph without stop\n  \nU.S. talks\nwrapped at 3.5 pct.";
        let got: Vec<&str> = sentence_spans(text)
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(
            got,
            vec![
                "He said \"no.\"",
                "Then left!",
                "A paragraph without stop",
                "U.S. talks\nwrapped at 3.5 pct."
            ]
        );
    }

    #[test]
    fn whitespace_runs_collapse() {
        assert_eq!(normalise_whitespace("  a \n\n b\tc "), "a b c");
    }
}
