//! Word tokens and sentences of article text, as byte ranges into the text.
//! Splits the way newswire treebanks do (`'s`, `n't`, `%`, `$` and quotes are
//! tokens of their own; `U.S.`, `Mr.`, `pro-Western`, `1,000.5` stay whole) so a
//! tagger trained on such data sees familiar tokens. Knows nothing of entities.

use std::ops::Range;

/// One token: `text[start..end]`, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Abbreviations whose final period belongs to the word, so it does not end
/// a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "maj", "adm", "rev", "hon", "pres", "inc", "corp", "co", "ltd", "plc", "bros",
    "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "fig", "mt", "ft", "dept", "univ", "approx", "est",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A single letter followed by a period is an initial ("J.") or starts an
/// initialism ("U.S.", "e.g."); a lone lowercase letter only in the latter.
fn dotted_initialism(
    letter: Option<char>,
    after: Option<char>,
    after2: Option<char>,
    single: bool,
) -> bool {
    let Some(letter) = letter else { return false };
    if !single || !letter.is_alphabetic() {
        return false;
    }
    letter.is_uppercase() || (after.is_some_and(char::is_alphabetic) && after2 == Some('.'))
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            // Possessive and contraction endings that start with an apostrophe.
            if is_apostrophe(c)
                && matches!(ch(i + 1), Some('s' | 'S'))
                && !ch(i + 2).is_some_and(is_word_char)
            {
                tokens.push(Token {
                    start: byte_at(i),
                    end: byte_at(i + 2),
                });
                i += 2;
                continue;
            }
            // Runs of the same punctuation ("...", "--") stay one token.
            let mut j = i + 1;
            while ch(j) == Some(c) && matches!(c, '.' | '-' | '!' | '?') {
                j += 1;
            }
            tokens.push(Token {
                start: byte_at(i),
                end: byte_at(j),
            });
            i = j;
            continue;
        }
        if matches!(c, 'n' | 'N')
            && ch(i + 1).is_some_and(is_apostrophe)
            && matches!(ch(i + 2), Some('t' | 'T'))
            && !ch(i + 3).is_some_and(is_word_char)
        {
            tokens.push(Token {
                start: byte_at(i),
                end: byte_at(i + 3),
            });
            i += 3;
            continue;
        }
        let start = i;
        let mut j = i;
        loop {
            while ch(j).is_some_and(is_word_char) {
                j += 1;
            }
            let next = ch(j);
            let after = ch(j + 1);
            match next {
                // Hyphenated compounds and O'Brien-style names stay whole,
                // but possessive 's and n't split off.
                Some('-') if after.is_some_and(is_word_char) => j += 1,
                Some(a) if is_apostrophe(a) && after.is_some_and(is_word_char) => {
                    let tail_s =
                        matches!(after, Some('s' | 'S')) && !ch(j + 2).is_some_and(is_word_char);
                    let tail_t = matches!(after, Some('t' | 'T'))
                        && !ch(j + 2).is_some_and(is_word_char)
                        && j > start
                        && matches!(ch(j - 1), Some('n' | 'N'));
                    if tail_s {
                        break;
                    }
                    if tail_t {
                        j -= 1;
                        break;
                    }
                    j += 1;
                }
                // Decimal and thousands separators inside numbers.
                Some('.' | ',')
                    if ch(j - 1).is_some_and(|p| p.is_ascii_digit())
                        && after.is_some_and(|a| a.is_ascii_digit()) =>
                {
                    j += 1
                }
                // Dotted initialisms: U.S., U.K., e.g.
                Some('.')
                    if dotted_initialism(ch(j - 1), ch(j + 1), ch(j + 2), j - start == 1)
                        || (j >= 2 && ch(j - 2) == Some('.')) =>
                {
                    j += 1;
                    if ch(j).is_some_and(|a| a.is_alphabetic()) && ch(j + 1) == Some('.') {
                        continue;
                    }
                    break;
                }
                Some('.') => {
                    let word = text[byte_at(start)..byte_at(j)].to_lowercase();
                    if ABBREVIATIONS.contains(&word.as_str()) {
                        j += 1;
                    }
                    break;
                }
                _ => break,
            }
        }
        if j == start {
            j = start + 1;
        }
        tokens.push(Token {
            start: byte_at(start),
            end: byte_at(j),
        });
        i = j;
    }
    tokens
}

/// Groups tokens into sentences: index ranges into `tokens`. A sentence ends
/// at `.`, `!` or `?` (optionally followed by closing quotes or brackets) when
/// the next token does not start lowercase, and at every line break, because
/// clipped text puts headlines and paragraphs on lines of their own.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let line_break = next.is_some_and(|n| text[tokens[i].end..n.start].contains('\n'));
        let tok = tokens[i].text(text);
        let terminal = tok.starts_with(['.', '!', '?']);
        let closing = matches!(tok, "\"" | "\u{201d}" | "'" | "\u{2019}" | ")" | "]")
            && i > 0
            && tokens[i - 1].text(text).starts_with(['.', '!', '?']);
        let mut end_here = line_break || next.is_none();
        if (terminal || closing)
            && !end_here
            && let Some(n) = next
        {
            let nt = n.text(text);
            let continues_quote = matches!(nt, "\"" | "\u{201d}" | "'" | "\u{2019}" | ")" | "]");
            let lower_next = nt.chars().next().is_some_and(|c| c.is_lowercase());
            end_here = !continues_quote && !lower_next;
        }
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_possessives_and_contractions() {
        assert_eq!(words("Trump's envoy"), ["Trump", "'s", "envoy"]);
        assert_eq!(
            words("Trump\u{2019}s envoy"),
            ["Trump", "\u{2019}s", "envoy"]
        );
        assert_eq!(words("it isn't"), ["it", "is", "n't"]);
        assert_eq!(words("O'Brien's"), ["O'Brien", "'s"]);
        assert_eq!(
            words("the leaders' talks"),
            ["the", "leaders", "'", "talks"]
        );
    }

    #[test]
    fn keeps_abbreviations_hyphens_and_numbers() {
        assert_eq!(
            words("the U.S. and Mr. Smith"),
            ["the", "U.S.", "and", "Mr.", "Smith"]
        );
        assert_eq!(
            words("pro-Western 1,000.5 rise"),
            ["pro-Western", "1,000.5", "rise"]
        );
        assert_eq!(
            words("up 19% to $50."),
            ["up", "19", "%", "to", "$", "50", "."]
        );
        assert_eq!(
            words("\u{201c}No,\u{201d} he said"),
            ["\u{201c}", "No", ",", "\u{201d}", "he", "said"]
        );
    }

    #[test]
    fn offsets_are_char_boundaries_into_the_text() {
        let text = "Zelensky\u{2019}s “peace” plan — 5€ in Kyiv.";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
            assert!(!t.text(text).trim().is_empty());
        }
        let toks = tokenize(text);
        assert_eq!(
            toks[0],
            Token {
                start: 0,
                end: "Zelensky".len()
            }
        );
        assert_eq!(toks.last().map(|t| t.text(text)), Some("."));
    }

    #[test]
    fn sentences_end_at_terminals_and_line_breaks() {
        let text = "Mr. Putin spoke. He left!\nHEADLINE HERE\nThe U.S. said \"no.\" Then it ended";
        let toks = tokenize(text);
        let sents: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| {
                toks[r]
                    .iter()
                    .map(|t| t.text(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            sents,
            [
                "Mr. Putin spoke .",
                "He left !",
                "HEADLINE HERE",
                "The U.S. said \" no . \"",
                "Then it ended"
            ]
        );
    }
}
