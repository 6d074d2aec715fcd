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
/// and C1 but newline and tab, and the invisible bidirectional marks), and
/// turns every line end into `\n`: CRLF, CR, the Unicode line and paragraph
/// separators, and form feed and vertical tab, which separate pages and
/// lines in old text (`page one.\fThe` keeps its break).
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    let clean = |c: char| !is_unsafe(c) || c == '\n' || c == '\t';
    if s.chars().all(clean) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\r' | '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}' => Some('\n'),
                c if clean(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// Combining marks kept on one character: a flood of them stacks glyphs
/// that terminals draw over neighbouring cells.
const MAX_MARKS: usize = 2;

/// Zero-width characters that join or hide glyphs: terminals and width
/// tables disagree on what they make (a joined emoji is one glyph to a
/// terminal and several to a width table), which shifts pane borders.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Makes text from an article safe to draw on a terminal: control
/// characters (escape sequences start with one) and bidirectional marks
/// become visible substitutes, tabs become spaces, line breaks of every
/// kind become spaces (callers split lines first when they want them),
/// zero-width joiners and spaces are dropped, and at most `MAX_MARKS`
/// combining marks stay on one character, so what is drawn is as wide as
/// it is measured.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let mut marks = 0;
    let clean = s.chars().all(|c| {
        marks = if is_combining_mark(c) { marks + 1 } else { 0 };
        !is_unsafe(c) && !is_zero_width(c) && marks <= MAX_MARKS
    });
    if clean {
        return Cow::Borrowed(s);
    }
    let mut marks = 0;
    Cow::Owned(
        s.chars()
            .filter(|&c| {
                marks = if is_combining_mark(c) { marks + 1 } else { 0 };
                !is_zero_width(c) && marks <= MAX_MARKS
            })
            .map(|c| match c {
                c if is_break(c) => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Longest message line a person is shown about a file, in characters.
pub const MESSAGE_CHARS: usize = 300;

/// Longest value quoted inside a message, in characters.
pub const QUOTE_CHARS: usize = 40;

/// The one funnel for messages that can hold outside text (file names,
/// values, OS errors): sanitised like article text, on one line, and cut at
/// [`MESSAGE_CHARS`] so that one bad file cannot flood a terminal.
pub fn message_line(s: &str) -> String {
    cut(&sanitize(s), MESSAGE_CHARS)
}

/// A value from a file, quoted for a message: sanitised and cut at
/// [`QUOTE_CHARS`], so a whole bad field never lands in a warning.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", cut(&sanitize(s), QUOTE_CHARS))
}

/// Longest path shown in a message, in characters.
pub const PATH_CHARS: usize = 160;

/// A path for a message, sanitised, with its middle cut out when it is
/// longer than [`PATH_CHARS`]: the start says where, the end says which
/// file, and the reason after it stays on the line.
pub fn shown_path(s: &str) -> String {
    let s = sanitize(s);
    let n = s.chars().count();
    if n <= PATH_CHARS {
        return s.into_owned();
    }
    let head = PATH_CHARS / 3;
    let tail = PATH_CHARS - head - 1;
    let mut out: String = s.chars().take(head).collect();
    out.push('…');
    out.extend(s.chars().skip(n - tail));
    out
}

/// The first `max` characters of `s`, the last one an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some(_) => {
            let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
            out.push('…');
            out
        }
    }
}

/// Characters that break a line: sanitising turns them into spaces.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters that must never reach a terminal raw: C0 and C1 controls,
/// the line and paragraph separators, and every bidirectional control
/// (marks, embeddings, overrides, isolates), which can reorder or hide
/// what a terminal shows.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_text_is_as_wide_as_it_is_measured() {
        // A joined emoji sequence falls apart into its emoji.
        assert_eq!(
            sanitize("a\u{1F468}\u{200D}\u{1F469}b"),
            "a\u{1F468}\u{1F469}b"
        );
        // A flood of combining marks keeps two.
        let flood = format!("e{}x", "\u{0301}".repeat(40));
        assert_eq!(sanitize(&flood), "e\u{0301}\u{0301}x");
        assert_eq!(sanitize("caf\u{0065}\u{0301}"), "caf\u{0065}\u{0301}");
        assert_eq!(sanitize(&sanitize(&flood)), sanitize(&flood));
    }

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

    #[test]
    fn bidi_marks_and_separators_are_controls() {
        for mark in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{2067}', '\u{202B}'] {
            let s = format!("left{mark}right");
            assert_eq!(sanitize(&s), "left\u{FFFD}right");
            assert_eq!(strip_controls(&s), "leftright");
        }
        assert_eq!(sanitize("one\u{2028}two\u{2029}three"), "one two three");
        assert_eq!(strip_controls("one\u{2028}two"), "one\ntwo");
        // A joiner inside an emoji is no control, but it is dropped for
        // the screen (see `drawn_text_is_as_wide_as_it_is_measured`).
        assert_eq!(sanitize("👩\u{200D}🔬"), "👩🔬");
    }

    #[test]
    fn form_feed_and_vertical_tab_are_breaks() {
        assert_eq!(
            strip_controls("page one.\u{c}The next"),
            "page one.\nThe next"
        );
        assert_eq!(strip_controls("a\u{b}b\rc"), "a\nb\nc");
        assert_eq!(sanitize("page one.\u{c}The"), "page one. The");
    }

    #[test]
    fn messages_are_one_safe_line_of_bounded_length() {
        let long = format!("warning: \u{1b}]0;title\u{7}{}\nnext", "x".repeat(1000));
        let line = message_line(&long);
        assert_eq!(line.chars().count(), MESSAGE_CHARS);
        assert!(line.ends_with('…'));
        assert!(!line.chars().any(|c| c.is_control()));
        assert_eq!(message_line(&line), line, "the funnel is idempotent");
        assert_eq!(message_line("short"), "short");
        let q = quote(&"9".repeat(500));
        assert_eq!(q.chars().count(), QUOTE_CHARS + 2);
        assert_eq!(quote("a\u{1b}b"), "\"a\u{FFFD}b\"");
        let deep = format!("/data/{}story.txt", "folder/".repeat(100));
        let shown = shown_path(&deep);
        assert_eq!(shown.chars().count(), PATH_CHARS);
        assert!(shown.starts_with("/data/folder/") && shown.ends_with("folder/story.txt"));
        assert_eq!(shown_path("/a/b.txt"), "/a/b.txt");
    }
}
