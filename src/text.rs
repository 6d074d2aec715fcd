//! Small text helpers every layer shares: folding for case- and
//! accent-insensitive matching, removal of control characters from input, and
//! sanitising anything from an article before it reaches a terminal.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercases and strips diacritics, so that "Zelenskiy", "ZELENSKIY" and
/// "Zelenskíy" fold to the same string. Typographic apostrophes fold to `'`.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            other => other,
        })
        .collect()
}

/// Folds like [`fold`] but maps every char of `s` to exactly one char, so
/// char positions in the result are char positions in `s` (for highlighting
/// what matched).
pub fn fold_aligned(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut buf = [0u8; 4];
            fold(c.encode_utf8(&mut buf)).chars().next().unwrap_or(c)
        })
        .collect()
}

/// Splits folded text into words: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Removes control characters that are never article text (everything in C0
/// and C1 but newline and tab), and turns CRLF / CR line ends into `\n`.
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    let clean = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if s.chars().all(clean) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(s.chars().filter(|&c| clean(c)).collect())
}

/// Makes text from an article safe to draw on a terminal: control
/// characters (escape sequences start with one) become visible substitutes,
/// tabs become spaces, and line breaks become spaces (callers split lines
/// first when they want them).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides can reorder what a terminal shows.
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Zelenskíy"), "zelenskiy");
        assert_eq!(fold("ÉMILE"), "emile");
        assert_eq!(fold("Trump’s"), "trump's");
        assert_eq!(fold("plain"), "plain");
    }

    #[test]
    fn aligned_folding_keeps_char_positions() {
        let s = "Zelenskíy İstanbul";
        let f = fold_aligned(s);
        assert_eq!(f.chars().count(), s.chars().count());
        assert_eq!(f, "zelenskiy istanbul");
        let w: Vec<_> = words("trump's u.s. 2025-04").collect();
        assert_eq!(w, ["trump", "s", "u", "s", "2025", "04"]);
    }

    #[test]
    fn controls_are_stripped_but_lines_kept() {
        assert_eq!(strip_controls("a\u{5}b\r\nc\rd"), "ab\nc\nd");
        assert!(matches!(strip_controls("clean\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_never_pass_raw() {
        let s = sanitize("red \u{1b}[31mtext\u{7} \u{9b}2J");
        assert!(!s.chars().any(|c| c.is_control()));
        assert!(s.contains("[31mtext"));
        assert_eq!(sanitize("tab\there"), "tab here");
        assert!(!sanitize("a\u{202E}b").contains('\u{202E}'));
    }
}
