//! Word wrapping by display width (never by byte length), so wide and
//! combining characters line up.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` (one paragraph) into lines at most `width` columns wide,
/// breaking at spaces, and inside a word only when the word alone is too wide.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        let space = usize::from(line_width > 0);
        if line_width + space + w <= width {
            if space == 1 {
                line.push(' ');
            }
            line.push_str(word);
            line_width += space + w;
            continue;
        }
        if line_width > 0 {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if w <= width {
            line.push_str(word);
            line_width = w;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if line_width + cw > width && line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += cw;
        }
    }
    if line_width > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    truncated(text, width).into_owned()
}

/// `truncate`, borrowing `text` when it fits.
pub fn truncated(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_width() {
        let lines = wrap("the quick brown fox jumps over", 10);
        assert_eq!(lines, ["the quick", "brown fox", "jumps over"]);
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn long_words_break_and_wide_chars_count_double() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        let lines = wrap("東京都 東京都", 4);
        assert!(lines.iter().all(|l| l.width() <= 4), "{lines:?}");
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("x", 0), ["x"]);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Kremlin talks", 8), "Kremlin…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("東京都", 4), "東…");
        assert_eq!(truncate("abc", 0), "");
    }
}
