//! The top of a clipped article: the `date YYYY-MM-DD` marker, what a
//! headline line looks like, and the wire dateline (`MOSCOW:`, `LONDON
//! (Reuters) -`) that leads the first paragraph. Works on strings; which line
//! is tried is the caller's choice.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::{
    ends_like_sentence, ends_with_quote, is_all_caps, sentence_count, starts_capitalised,
    starts_with_quote, word_count,
};

static DATE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*date\s*:?\s*(?P<d>\d{4}-\d{2}-\d{2})\b[ \t]*")
        .expect("the date marker pattern is a valid regular expression")
});

/// A leading `date YYYY-MM-DD` marker: its date, its text, and the byte
/// offset where the rest of the text starts.
pub fn date_marker(raw: &str) -> Option<(NaiveDate, String, usize)> {
    let c = DATE_MARKER.captures(raw)?;
    let whole = c.get(0)?;
    let date = NaiveDate::parse_from_str(c.name("d")?.as_str(), "%Y-%m-%d").ok()?;
    Some((date, whole.as_str().trim().to_string(), whole.end()))
}

/// Whether a line has the shape of a headline: short, one sentence at most,
/// capitalised, not a quotation, not a lead-in to something else.
pub fn looks_like_headline(text: &str) -> bool {
    let words = word_count(text);
    if !(3..=25).contains(&words) || text.chars().count() > 200 {
        return false;
    }
    if !starts_capitalised(text) || sentence_count(text) > 1 {
        return false;
    }
    if text.ends_with([':', ',', ';', '—', '–', '-']) {
        return false;
    }
    // A line wholly in quotes, or a quotation with its attribution, is
    // someone's words, not a headline.
    if starts_with_quote(text) && (ends_with_quote(text) || QUOTE_CLOSED.is_match(text)) {
        return false;
    }
    if looks_like_date(text) || OPENS_WITH_DATE.is_match(text) {
        return false;
    }
    // A photo caption's credit, a breadcrumb trail or a skip link is no
    // headline, wherever it stands.
    let lower = text.to_lowercase();
    const NEVER: &[&str] = &[
        "credit...",
        "credit:",
        "[file",
        "photograph:",
        "photo:",
        "image:",
        " > ",
        " » ",
        "skip to ",
    ];
    if NEVER.iter().any(|w| lower.contains(w)) {
        return false;
    }
    // A headline written as a sentence is still headline-length; a very short
    // sentence on top is more likely a one-line opening paragraph.
    let full_stop = text
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('.')
        && !text.ends_with("...");
    if full_stop && !(6..=16).contains(&words) {
        return false;
    }
    if ends_like_sentence(text) && words > 16 {
        return false;
    }
    dateline(text, "").is_none()
}

static QUOTE_CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[,.?!]["”’']\s"#).expect("the quotation pattern is a valid regular expression")
});

static DATE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:\d{4}|\d{1,2}[:.]\d{2}\s*(?:am|pm|[A-Z]{2,4}\b)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)")
        .expect("the date-line pattern is a valid regular expression")
});

/// A line that opens with a full date ("21/06/2014 Jane Roe News", "Mon 18
/// Nov 2019 18.54 GMT Last modified ..."): a page's date line, never a
/// headline, whatever follows it.
static OPENS_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|(?:\p{Lu}\p{Ll}{1,8},?\s+)?(?:\d{1,2}\s+\p{Lu}\p{Ll}{2,8}\.?,?\s+\d{4}|\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}))\b")
        .expect("the opening-date pattern is a valid regular expression")
});

/// Whether a line opens with a full date ("21/06/2014 ...", "Mon 18 Nov 2019 ...").
pub fn opens_with_date(text: &str) -> bool {
    OPENS_WITH_DATE.is_match(text)
}

/// Whether a short line is mostly a date or time ("Tue 8 Aug 2023 14.02 BST",
/// "November 20, 2019 5:50 PM"): page furniture, never a headline.
pub fn looks_like_date(text: &str) -> bool {
    if !DATE_LIKE.is_match(text) {
        return false;
    }
    const CALENDAR: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "sept",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "updated",
        "published",
        "posted",
    ];
    let wordy = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .filter(|w| w.chars().count() > 3 && !CALENDAR.contains(&w.as_str()))
        .count();
    wordy <= 1
}

/// Whether a line is a date line of its own: short, with a figure, mostly a
/// date or time.
pub fn is_date_line(text: &str) -> bool {
    // Cheap tests first: most lines are long paragraphs. A link's figures
    // are no date.
    word_count(text) <= 12
        && text.bytes().any(|b| b.is_ascii_digit())
        && !text.contains("://")
        && looks_like_date(text)
}

/// Whether a line heads a story with its date: a date line, or a short line
/// that opens with a date or names an author beside one ("October 9, 2018 |
/// by Jane Roe", "21/06/2014 Jane Roe News, Reviews").
pub fn is_dated_head(text: &str) -> bool {
    if is_date_line(text) {
        return true;
    }
    if word_count(text) > 12 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(m) = DATE_LIKE.find(text) else {
        return false;
    };
    let lower = text.to_lowercase();
    m.start() <= 12 || lower.starts_with("by ") || lower.contains(" by ")
}

/// Whether a line is a lone section label: one to three words, no sentence
/// punctuation ("WORLD", "Russia", "Middle East").
pub fn looks_like_section(text: &str) -> bool {
    let words = word_count(text);
    (1..=3).contains(&words)
        && text.chars().count() <= 30
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '&' || c == '-' || c == '\'')
        && (is_all_caps(text) || starts_capitalised(text))
}

static SEPARATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<line>(?P<place>\p{Lu}[\p{Lu}.'’-]+(?:[ ,]{1,2}\p{Lu}[\p{Lu}.'’-]*){0,3})(?:,\s*(?:[\p{L}.]+\s?){1,3}\d{0,2}(?:,\s*\d{4})?)?(?:\s*\([\p{L}\s.]{2,30}\))?)(?:\s*[:—–]|\s+-{1,2}\s|--|\s\d{4}-\d{2}-\d{2}\b\s*[:—–-]?)\s*",
    )
    .expect("the dateline pattern is a valid regular expression")
});

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{4}-\d{2}-\d{2}\b")
        .expect("the ISO date pattern is a valid regular expression")
});

static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}{3,}(?:[ -]\p{Lu}{2,}){0,2})\s+\p{Lu}\p{Ll}")
        .expect("the bare dateline pattern is a valid regular expression")
});

/// A wire dateline leading a paragraph: the dateline as written and the byte
/// offset where the paragraph's own text resumes. A place in capitals with no
/// separator counts only when `context` names it in ordinary case elsewhere,
/// which tells a city ("MOSCOW", "Moscow") from an acronym ("NATO").
pub fn dateline(paragraph: &str, context: &str) -> Option<(String, usize)> {
    if let Some(c) = SEPARATED.captures(paragraph) {
        let place = c.name("place")?.as_str();
        let line = c.name("line")?.as_str().trim();
        let end = c.get(0)?.end();
        let rest = &paragraph[end..];
        let letters = place.chars().filter(|ch| ch.is_alphabetic()).count();
        // A wire dateline with its date may stand on a line of its own
        // ("SANTIAGO 1996-12-05", CoNLL style).
        let alone_with_date = rest.trim().is_empty() && ISO_DATE.is_match(&paragraph[..end]);
        let leads_text = word_count(rest) >= 3 && starts_capitalised(rest);
        if letters >= 2 && is_all_caps(place) && (leads_text || alone_with_date) {
            let date = paragraph[..end].trim_end_matches([' ', ':', '—', '–', '-']);
            let written = if date.len() > line.len() { date } else { line };
            return Some((written.trim().to_string(), end));
        }
    }
    let c = BARE.captures(paragraph)?;
    let place = c.name("place")?.as_str();
    let end = place.len();
    let rest = paragraph[end..].trim_start();
    if word_count(rest) < 3 || context.is_empty() {
        return None;
    }
    let ordinary = title_case(place);
    let named_elsewhere = context.match_indices(&ordinary).any(|(i, m)| {
        let before = context[..i].chars().next_back();
        let after = context[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    });
    named_elsewhere.then(|| (place.to_string(), paragraph.len() - rest.len()))
}

/// "NEW YORK" → "New York".
fn title_case(caps: &str) -> String {
    let mut out = String::with_capacity(caps.len());
    let mut start = true;
    for c in caps.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_is_read_and_measured() {
        let raw = " date 2025-04-11 Steve arrived.";
        let (date, text, end) = date_marker(raw).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2025, 4, 11).unwrap());
        assert_eq!(text, "date 2025-04-11");
        assert_eq!(&raw[end..], "Steve arrived.");
        assert!(date_marker("date 2025-13-40 x").is_none());
        assert!(date_marker("The date 2025-04-11 was set.").is_none());
    }

    #[test]
    fn headline_shapes() {
        assert!(looks_like_headline("Witkoff meets Putin in Moscow"));
        assert!(looks_like_headline(
            "Putin holds over 4-hour meeting with Witkoff and Kushner."
        ));
        assert!(looks_like_headline(
            "U.S. stocks slide as Fed signals more hikes"
        ));
        assert!(!looks_like_headline("Russia"));
        assert!(looks_like_headline("Have hackers recruited your PC?"));
        assert!(!looks_like_headline("Talks resume on Monday."));
        assert!(!looks_like_headline("He left. Then he came back."));
        assert!(!looks_like_headline(
            "“We will win this war,” he said to reporters"
        ));
        assert!(!looks_like_headline("Here is what we know:"));
        assert!(!looks_like_headline("Tue 8 Aug 2023 14.02 BST"));
        assert!(is_date_line("Tue 8 Aug 2023 14.02 BST"));
        assert!(!is_date_line("https://example.com/news/story-50470672"));
        assert!(!looks_like_headline("November 20, 2019 5:50 PM"));
        assert!(looks_like_headline(
            "Markets rally in 2024 as inflation cools"
        ));
        assert!(!looks_like_headline(
            "MOSCOW: Talks began on Friday in the Kremlin"
        ));
    }

    #[test]
    fn separated_datelines() {
        let cases = [
            (
                "MOSCOW: US President Donald Trump spoke.",
                "MOSCOW",
                "US President",
            ),
            (
                "LONDON (Reuters) - Britain's economy grew.",
                "LONDON (Reuters)",
                "Britain's",
            ),
            (
                "WASHINGTON, Feb 26 - The Senate voted today.",
                "WASHINGTON, Feb 26",
                "The Senate",
            ),
            (
                "NEW YORK — Stocks rose sharply on Monday.",
                "NEW YORK",
                "Stocks",
            ),
            (
                "ST. PETERSBURG, Fla. -- A storm hit the coast.",
                "ST. PETERSBURG, Fla.",
                "A storm",
            ),
            (
                "SANTIAGO 1996-12-05 Chile's central bank said.",
                "SANTIAGO 1996-12-05",
                "Chile's",
            ),
        ];
        let (found, end) = dateline("SANTIAGO 1996-12-05", "").expect("a dateline alone");
        assert_eq!(found, "SANTIAGO 1996-12-05");
        assert_eq!(end, "SANTIAGO 1996-12-05".len());
        assert!(dateline("NATO", "").is_none());
        for (text, line, rest) in cases {
            let (found, end) = dateline(text, "").unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found, line);
            assert!(text[end..].starts_with(rest), "{text} → {}", &text[end..]);
        }
    }

    #[test]
    fn bare_datelines_need_the_place_elsewhere() {
        let text = "MOSCOW Russian President Vladimir Putin hosted talks.";
        let (found, end) = dateline(text, "Talks in Moscow ran late.").unwrap();
        assert_eq!(found, "MOSCOW");
        assert_eq!(
            &text[end..],
            "Russian President Vladimir Putin hosted talks."
        );
        assert!(dateline("NATO Secretary General Mark Rutte said so.", "NATO met.").is_none());
        assert!(dateline("US President Joe Biden spoke.", "the US and Us").is_none());
        assert!(dateline("Moscow: a city of many faces", "").is_none());
        assert!(dateline("BREAKING: Ok", "").is_none());
        assert!(dateline("EU-US seeking deal on air dispute", "").is_none());
    }
}
