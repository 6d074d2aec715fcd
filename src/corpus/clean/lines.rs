//! Line-level text features the cleaning rules share: splitting a raw text
//! into trimmed lines with their byte spans, list-bullet stripping, word
//! counts and sentence shape, joining hard-wrapped paragraphs. Knows nothing
//! of what any line means.

use std::borrow::Cow;

/// Joins the lines of hard-wrapped paragraphs (text wrapped at a fixed width,
/// as wire copy and e-mail are) with a space, so each paragraph is one line.
/// A block between blank lines counts as wrapped when its lines are no wider
/// than a terminal and many of them break mid-sentence;
/// a block whose lines are whole paragraphs or a list of titles is left alone.
/// Inside a wrapped block an indented line starts a new paragraph.
pub fn unwrap_paragraphs(text: &str) -> Cow<'_, str> {
    let all: Vec<&str> = text.split('\n').collect();
    let blocks: Vec<&[&str]> = all
        .split(|l| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .collect();
    if !blocks.iter().any(|b| is_wrapped(b)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for block in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if is_wrapped(block) {
            for (i, line) in block.iter().enumerate() {
                // Wire copy marks a new paragraph by indenting its first line.
                if i > 0 {
                    // A single line break keeps the paragraphs apart without
                    // inventing the blank lines the text did not have.
                    out.push_str(if is_indented(line) { "\n" } else { " " });
                }
                out.push_str(line.trim());
            }
        } else {
            out.push_str(&block.join("\n"));
        }
    }
    Cow::Owned(out)
}

fn is_indented(line: &str) -> bool {
    line.starts_with("  ") || line.starts_with('\t')
}

fn is_wrapped(block: &[&str]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let widest = block
        .iter()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    if !(40..=100).contains(&widest) {
        return false;
    }
    // Only lines that run on into the next (not a paragraph's last line, nor
    // a line before an indented one) show the wrapping width.
    let inner: Vec<(&str, &str)> = block
        .windows(2)
        .filter(|pair| !is_indented(pair[1]))
        .map(|pair| (pair[0], pair[1]))
        .collect();
    if inner.is_empty() {
        return false;
    }
    let full = inner
        .iter()
        .filter(|(l, _)| l.trim().chars().count() * 4 >= widest * 3)
        .count();
    let continuing = inner
        .iter()
        .filter(|(l, next)| breaks_mid_sentence(l, next))
        .count();
    continuing * 5 >= inner.len() * 2 && full * 5 >= inner.len() * 3
}

/// Whether a line break falls inside a sentence: the next line starts in
/// lower case, or the line ends on a comma or a word that cannot end a title
/// or a sentence ("the", "of", "said").
fn breaks_mid_sentence(line: &str, next: &str) -> bool {
    const OPEN_ENDED: &[&str] = &[
        "the", "a", "an", "of", "to", "in", "for", "with", "and", "or", "but", "by", "on", "at",
        "from", "as", "said", "its", "their", "his", "her", "that", "which", "is", "was", "were",
        "be", "has", "have", "had", "will", "would", "than", "into", "about", "after", "before",
    ];
    let line = line.trim_end();
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    next.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
        || line.ends_with(',')
        || OPEN_ENDED.contains(&last.to_lowercase().as_str())
}

/// One non-blank line of the raw text.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line without surrounding whitespace.
    pub text: &'a str,
    /// The line without a leading list bullet (`- `, `• `, `* `, `· `).
    pub bare: &'a str,
    /// Whether a blank line (or the start of the text) precedes it.
    pub blank_before: bool,
}

/// Splits a text into its non-blank lines, remembering paragraph breaks.
pub fn split_lines(raw: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank = true;
    for line in raw.lines() {
        let text = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if text.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line {
            text,
            bare: strip_bullet(text),
            blank_before: blank,
        });
        blank = false;
    }
    out
}

/// The line without a leading list bullet.
pub fn strip_bullet(text: &str) -> &str {
    for bullet in ["- ", "– ", "— ", "• ", "* ", "· ", "▪ ", "► "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    text
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '['];

/// Whether the text ends like a sentence: `.`, `!`, `?` or `…`, possibly
/// inside closing quotes or brackets.
pub fn ends_like_sentence(text: &str) -> bool {
    let core = text.trim_end().trim_end_matches(CLOSERS);
    core.ends_with(['.', '!', '?', '…'])
}

/// Whether the text ends with a closing quotation mark.
pub fn ends_with_quote(text: &str) -> bool {
    text.trim_end().ends_with(['"', '”', '’', '»'])
}

/// Whether the text starts with an opening quotation mark.
pub fn starts_with_quote(text: &str) -> bool {
    text.trim_start().starts_with(['"', '“', '‘', '«', '\''])
}

/// Byte offsets just past each sentence-ending mark that is followed by a
/// space and a capital letter, digit or opening quote, skipping the marks of
/// abbreviations and initials ("U.S.", "Mr.", "J. Smith").
pub fn sentence_breaks(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        let rest = &text[end..];
        let closers = rest.len() - rest.trim_start_matches(CLOSERS).len();
        end += closers;
        let after = &text[end..];
        let Some(stripped) = after.strip_prefix(' ') else {
            continue;
        };
        let next = stripped.trim_start_matches(OPENERS).chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit()) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[..i]) {
            continue;
        }
        out.push(end);
    }
    out
}

/// Whether the word just before a full stop is an abbreviation or initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.contains('.') || (letters == 1 && word.chars().count() == 1) {
        return true;
    }
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Lt", "Col", "Sgt", "Capt",
        "Gov", "Sen", "Rep", "Rev", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
        "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Corp", "Ltd", "Co", "Mt", "Ft",
    ];
    TITLES.contains(&word)
}

/// Number of sentences in a one-line text.
pub fn sentence_count(text: &str) -> usize {
    if text.trim().is_empty() {
        0
    } else {
        sentence_breaks(text).len() + 1
    }
}

/// Whether the text's letters are all capitals (and it has some).
pub fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Whether the text starts with a capital letter or digit, after any opening quote.
/// A word with a capital inside ("iTunes", "eBay") counts as capitalised.
pub fn starts_capitalised(text: &str) -> bool {
    let first_word = text.trim_start_matches(OPENERS).split_whitespace().next();
    let Some(word) = first_word else {
        return false;
    };
    let mut chars = word.chars();
    chars.next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '¥')
    }) || (chars.next().is_some_and(char::is_lowercase) && word.chars().any(char::is_uppercase))
}

/// Whether the line reads as running prose: a long line, or a sentence-shaped
/// line with mostly lower-case words.
pub fn is_prose(text: &str) -> bool {
    let words = word_count(text);
    if words >= 20 {
        return true;
    }
    if !ends_like_sentence(text) || words < 3 {
        return false;
    }
    let lower = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    words >= 8 || lower * 2 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_remember_blank_lines_and_bullets() {
        let lines = split_lines("  Title\n\n- 4 min read\nBody text here.\n");
        assert_eq!(lines.len(), 3);
        assert!(lines[0].blank_before);
        assert!(lines[1].blank_before);
        assert_eq!(lines[1].bare, "4 min read");
        assert!(!lines[2].blank_before);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Headline of the story\n\nThe central bank raised its key rate by half a point on\nTuesday, its third increase this year, and signalled that\nmore rises may follow if inflation does not ease soon.\n\nNext paragraph.";
        assert_eq!(
            unwrap_paragraphs(text),
            "Headline of the story\n\nThe central bank raised its key rate by half a point on Tuesday, its third increase this year, and signalled that more rises may follow if inflation does not ease soon.\n\nNext paragraph."
        );
    }

    #[test]
    fn indented_lines_start_paragraphs_in_wire_copy() {
        let text = "Showers continued throughout the week in\nthe cocoa zone, easing the drought since early\nJanuary, the company said in its weekly review.\n    The dry period means the harvest will be late.\n    Arrivals for the week were 155,221 bags\nof 60 kilos, a total of 5.93 mln for the season.";
        let out = unwrap_paragraphs(text);
        let paragraphs: Vec<&str> = out.split('\n').collect();
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(
            paragraphs[1],
            "The dry period means the harvest will be late."
        );
        assert_eq!(
            paragraphs[2],
            "Arrivals for the week were 155,221 bags of 60 kilos, a total of 5.93 mln for the season."
        );
    }

    #[test]
    fn paragraph_lines_and_title_lists_stay_apart() {
        let lists = [
            "Prices rose sharply in March across the region.\nThe central bank is expected to act.\nOfficials declined to comment on Friday.",
            "Farmers block roads in protest over fuel prices\nStorm leaves thousands without power overnight\nMinisters agree budget after all-night talks",
        ];
        for text in lists {
            assert!(
                matches!(unwrap_paragraphs(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn sentence_breaks_skip_abbreviations() {
        assert_eq!(sentence_count("U.S. President Joe Biden met Mr. Smith."), 1);
        assert_eq!(
            sentence_count("He left. She stayed! Why? “Because.” Fine."),
            5
        );
        assert_eq!(sentence_count("It cost $1.5 billion."), 1);
    }

    #[test]
    fn sentence_endings_see_through_quotes() {
        assert!(ends_like_sentence("He said “no.”"));
        assert!(ends_like_sentence("Really?"));
        assert!(!ends_like_sentence(
            "Putin says proposals could form “basis for agreements”"
        ));
        assert!(ends_with_quote("form “basis for agreements”"));
    }

    #[test]
    fn prose_is_long_or_sentence_shaped() {
        assert!(is_prose("He declined to comment."));
        assert!(!is_prose("Most Popular"));
        assert!(!is_prose("Prince George Visits Wales."));
        assert!(is_prose(&"word ".repeat(25)));
    }
}
