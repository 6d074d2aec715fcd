//! Splits text into words, digit runs and single punctuation marks with their
//! byte offsets, so the date patterns can look at neighbours cheaply. Knows
//! nothing about what a date is.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A blank line separates this token from the one before: expressions
    /// never run across paragraphs.
    pub new_paragraph: bool,
}

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut newlines = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            push(&mut out, start, i, Kind::Num, &mut newlines);
        } else if b.is_ascii_alphabetic() {
            let start = i;
            i = word_end(text, i);
            push(&mut out, start, i, Kind::Word, &mut newlines);
        } else if b.is_ascii_whitespace() {
            newlines += u32::from(b == b'\n');
            i += 1;
        } else if b < 0x80 {
            push(&mut out, i, i + 1, Kind::Punct, &mut newlines);
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            if c.is_alphabetic() {
                let start = i;
                i = word_end(text, i);
                push(&mut out, start, i, Kind::Word, &mut newlines);
            } else {
                if c == '\u{2029}' {
                    newlines += 2;
                } else if !c.is_whitespace() {
                    push(&mut out, i, i + len, Kind::Punct, &mut newlines);
                }
                i += len;
            }
        }
    }
    out
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: Kind, newlines: &mut u32) {
    out.push(Token {
        start,
        end,
        kind,
        new_paragraph: *newlines >= 2,
    });
    *newlines = 0;
}

/// End of the run of letters starting at `i` (which is a letter).
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b < 0x80 {
            break;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks_with_byte_offsets() {
        let text = "Sept. 2, 2025 — Zürich's 19%";
        let toks = tokenize(text);
        let parts: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            parts,
            [
                "Sept", ".", "2", ",", "2025", "—", "Zürich", "'", "s", "19", "%"
            ]
        );
        assert_eq!(toks[2].kind, Kind::Num);
        assert_eq!(toks[5].kind, Kind::Punct);
    }

    #[test]
    fn marks_paragraph_starts() {
        let toks = tokenize("March 1\n2025\n\n1945 GMT\r\n\r\nend");
        let starts: Vec<bool> = toks.iter().map(|t| t.new_paragraph).collect();
        assert_eq!(starts, [false, false, false, true, false, true]);
    }
}
