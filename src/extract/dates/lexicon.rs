//! The words date expressions are made of: month and weekday names, number
//! words, units and the cue words around them. English only.

use chrono::Weekday;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: [(&str, u32); 13] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("febr", 2),
];

/// A month name in text: its number and whether it was spelled out in full.
/// Only capitalised words count ("march" and "may" are verbs).
pub(super) fn month_name(word: &str) -> Option<(u32, bool)> {
    if !(3..=9).contains(&word.len()) || !word.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    month_name_any_case(word)
}

/// A month name regardless of case, for structured values (`26-FEB-1987`).
pub(crate) fn month_name_any_case(word: &str) -> Option<(u32, bool)> {
    if let Some(i) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
        return Some((i as u32 + 1, true));
    }
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word))
        .map(|&(_, m)| (m, false))
}

/// Month names that are also common words or names, which need a stronger
/// cue before they count on their own.
pub(super) fn ambiguous_month(word: &str) -> bool {
    ["may", "march", "august"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(word))
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// A capitalised, spelled-out weekday name.
pub(super) fn weekday_name(word: &str) -> Option<Weekday> {
    if !(6..=9).contains(&word.len()) || !word.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    weekday_name_any_case(word)
}

pub(crate) fn weekday_name_any_case(word: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, d)| d)
}

/// A spelled-out count ("three years ago", "a month ago").
pub(super) fn number_word(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
        return Some(1);
    }
    WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
        .map(|i| i as i64 + 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// Seconds, minutes and hours: finer than a calendar day.
    SubDay,
    Day,
    Week,
    Month,
    Year,
    Decade,
}

pub(super) fn unit(word: &str) -> Option<Unit> {
    const UNITS: [(&str, Unit); 7] = [
        ("second", Unit::SubDay),
        ("minute", Unit::SubDay),
        ("hour", Unit::SubDay),
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("month", Unit::Month),
        ("year", Unit::Year),
    ];
    let singular = word
        .strip_suffix(['s', 'S'])
        .filter(|s| s.len() >= 3)
        .unwrap_or(word);
    if is(singular, "decade") {
        return Some(Unit::Decade);
    }
    UNITS
        .iter()
        .find(|(name, _)| is(singular, name))
        .map(|&(_, u)| u)
}

pub(super) fn is(word: &str, lower: &str) -> bool {
    word.eq_ignore_ascii_case(lower)
}

pub(super) fn is_any(word: &str, lowers: &[&str]) -> bool {
    lowers.iter().any(|l| word.eq_ignore_ascii_case(l))
}

/// Words after which a bare month name is a month ("in August").
pub(super) const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "during",
    "through",
    "throughout",
    "before",
    "after",
    "by",
    "from",
    "of",
    "between",
    "last",
    "next",
    "this",
];

/// The narrower set for months that are also words ("by May" may be a person).
pub(super) const AMBIGUOUS_MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "during",
    "through",
    "throughout",
];

/// Words after which a four-digit number is a year ("in 2014", "since 2022").
pub(super) const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "during",
    "through",
    "throughout",
    "before",
    "after",
    "by",
    "from",
    "of",
    "between",
    "around",
    "circa",
];

/// Words that put a bare weekday in the future ("will meet on Friday").
pub(super) const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "ll",
    "due",
    "scheduled",
    "expected",
    "planned",
    "plans",
    "upcoming",
    "until",
    "deadline",
];

/// Words after a count that make it a magnitude, not a day ("May 5 million").
pub(super) const MAGNITUDES: &[&str] = &[
    "million", "billion", "trillion", "percent", "per", "thousand", "hundred",
];

/// Words after a four-digit number that make it a time of day ("1945 GMT").
pub(super) const TIME_WORDS: &[&str] = &[
    "gmt", "utc", "bst", "cet", "cest", "est", "edt", "et", "hrs", "hours", "h", "local", "z",
];
