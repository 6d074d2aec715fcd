//! The query language shared by the filter bar and the CLI's `--query`.
//!
//! ```text
//! query  := term*                      terms are ANDed
//! term   := ["-"] (field ":" value | '"' phrase '"' | word)
//! field  := title | author | source | person | place | org | said | date | since | until | is
//! value  := word | '"' words '"'
//! date   := YYYY | YYYY-MM | YYYY-MM-DD | date ".." date   (either side may be empty)
//! is     := read | unread | starred
//! ```
//!
//! A free word fuzzy-matches the title, author or source, or is the prefix
//! of a word in the body; a quoted phrase must appear in the body as is
//! (ignoring case and accents); `-` excludes. Nothing here knows how terms
//! are evaluated.

use std::fmt;

use chrono::NaiveDate;
use thiserror::Error;

use crate::corpus::ArticleDate;

/// A field a term can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Author,
    Source,
    Person,
    Place,
    Org,
    /// A person quoted in the article (`said:peskov`).
    Said,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Author,
        Field::Source,
        Field::Person,
        Field::Place,
        Field::Org,
        Field::Said,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Author => "author",
            Field::Source => "source",
            Field::Person => "person",
            Field::Place => "place",
            Field::Org => "org",
            Field::Said => "said",
        }
    }

    fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// Whether any day of `date`'s period falls in the range.
    pub fn overlaps(&self, date: &ArticleDate) -> bool {
        self.from.is_none_or(|f| date.end() >= f) && self.to.is_none_or(|t| date.start <= t)
    }
}

/// What one term asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A free word.
    Text(String),
    /// A quoted phrase that must appear in the body.
    Phrase(String),
    /// `field:value`.
    Field(Field, String),
    /// `date:`, `since:`, `until:`.
    Date(DateRange),
    /// `is:read`, `is:unread`, `is:starred`: what the reader did.
    Is(ReaderMark),
}

/// A mark the reader leaves on an article, as a query asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReaderMark {
    Read,
    Unread,
    Starred,
}

impl ReaderMark {
    pub const ALL: [ReaderMark; 3] = [ReaderMark::Read, ReaderMark::Unread, ReaderMark::Starred];

    pub fn name(self) -> &'static str {
        match self {
            ReaderMark::Read => "read",
            ReaderMark::Unread => "unread",
            ReaderMark::Starred => "starred",
        }
    }

    fn parse(s: &str) -> Option<ReaderMark> {
        ReaderMark::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s))
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub negated: bool,
    pub condition: Condition,
    /// The term as typed, for messages and for removing it again.
    pub source: String,
}

/// A parsed query: every term must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The free words and phrases that are not excluded: what the list
    /// highlights in titles.
    pub fn highlight_words(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.condition {
                Condition::Text(w) => Some(w.as_str()),
                Condition::Field(Field::Title, w) => Some(w.as_str()),
                _ => None,
            })
    }

    /// Whether a term needs the entity table (`person:`, `place:`, `org:`).
    pub fn has_entity_terms(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t.condition,
                Condition::Field(Field::Person | Field::Place | Field::Org | Field::Said, _)
            )
        })
    }

    /// Whether a term asks what the reader did (`is:`).
    pub fn has_reader_terms(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.condition, Condition::Is(_)))
    }

    pub fn has_date_terms(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.condition, Condition::Date(_)))
    }
}

/// Why a query could not be parsed; `at` is a byte offset into the query.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct QueryError {
    pub message: String,
    pub at: usize,
}

fn err(at: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        message: message.into(),
        at,
    }
}

/// Parses a query typed by a person.
pub fn parse_query(input: &str) -> Result<Query, QueryError> {
    let mut terms = Vec::new();
    let mut pos = 0;
    while let Some(start) = next_non_space(input, pos) {
        let (term, end) = parse_term(input, start)?;
        terms.push(term);
        pos = end;
    }
    Ok(Query { terms })
}

fn next_non_space(s: &str, from: usize) -> Option<usize> {
    s[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| from + i)
}

/// Reads a quoted string starting at the opening quote; returns its content
/// and the offset after the closing quote.
fn read_quoted(s: &str, open: usize) -> Result<(String, usize), QueryError> {
    let body = &s[open + 1..];
    match body.find('"') {
        Some(close) => Ok((body[..close].to_string(), open + 1 + close + 1)),
        None => Err(err(open, "unclosed quote: add a closing \"")),
    }
}

fn word_end(s: &str, from: usize) -> usize {
    s[from..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(s.len(), |(i, _)| from + i)
}

fn parse_term(s: &str, start: usize) -> Result<(Term, usize), QueryError> {
    let mut at = start;
    let negated = s[at..].starts_with('-');
    if negated {
        at += 1;
        if s[at..].is_empty() || s[at..].starts_with(char::is_whitespace) {
            return Err(err(start, "'-' must be followed by a term to exclude"));
        }
    }
    if s[at..].starts_with('"') {
        let (phrase, end) = read_quoted(s, at)?;
        let phrase = phrase.trim().to_string();
        if phrase.is_empty() {
            return Err(err(at, "empty phrase \"\""));
        }
        let term = Term {
            negated,
            condition: Condition::Phrase(phrase),
            source: s[start..end].to_string(),
        };
        return Ok((term, end));
    }
    let end = word_end(s, at);
    let word = &s[at..end];
    let Some(colon) = word.find(':') else {
        let term = Term {
            negated,
            condition: Condition::Text(word.to_string()),
            source: s[start..end].to_string(),
        };
        return Ok((term, end));
    };
    let name = &word[..colon];
    // `10:30` or `http://…` are words, not fields.
    if name.is_empty()
        || !name.chars().all(|c| c.is_ascii_alphabetic())
        || word[colon + 1..].starts_with("//")
    {
        let term = Term {
            negated,
            condition: Condition::Text(word.to_string()),
            source: s[start..end].to_string(),
        };
        return Ok((term, end));
    }
    let value_at = at + colon + 1;
    let (value, end) = if s[value_at..].starts_with('"') {
        read_quoted(s, value_at)?
    } else {
        (s[value_at..end].to_string(), end)
    };
    let value = value.trim().to_string();
    let lower = name.to_ascii_lowercase();
    if value.is_empty() {
        return Err(err(at, format!("{lower}: needs a value")));
    }
    let condition = match lower.as_str() {
        "date" => Condition::Date(parse_date_range(&value).map_err(|m| err(value_at, m))?),
        "since" => {
            let d = parse_date(&value).map_err(|m| err(value_at, m))?;
            Condition::Date(DateRange {
                from: Some(d.start),
                to: None,
            })
        }
        "until" => {
            let d = parse_date(&value).map_err(|m| err(value_at, m))?;
            Condition::Date(DateRange {
                from: None,
                to: Some(d.end()),
            })
        }
        "is" => Condition::Is(ReaderMark::parse(&value).ok_or_else(|| {
            err(
                value_at,
                format!("is:{value} is not a mark (use is:read, is:unread or is:starred)"),
            )
        })?),
        other => match Field::parse(other) {
            Some(field) => Condition::Field(field, value),
            None => {
                return Err(err(
                    at,
                    format!(
                        "unknown field '{name}:' (known: title author source person place org said date since until)"
                    ),
                ));
            }
        },
    };
    let term = Term {
        negated,
        condition,
        source: s[start..end].to_string(),
    };
    Ok((term, end))
}

/// `2025`, `2025-04` or `2025-04-11`.
pub fn parse_date(s: &str) -> Result<ArticleDate, String> {
    let bad = || format!("'{s}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, String> {
        if p.len() == len && p.chars().all(|c| c.is_ascii_digit()) {
            p.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let year = num(parts[0], 4)? as i32;
    match parts.len() {
        1 => ArticleDate::year(year).ok_or_else(bad),
        2 => ArticleDate::month(year, num(parts[1], 2)?).ok_or_else(bad),
        3 => NaiveDate::from_ymd_opt(year, num(parts[1], 2)?, num(parts[2], 2)?)
            .map(ArticleDate::day)
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// `2025-04`, `2025-04..2025-06`, `2025-04..`, `..2025-06`.
pub fn parse_date_range(s: &str) -> Result<DateRange, String> {
    match s.split_once("..") {
        Some((a, b)) => {
            let from = (!a.is_empty()).then(|| parse_date(a)).transpose()?;
            let to = (!b.is_empty()).then(|| parse_date(b)).transpose()?;
            if from.is_none() && to.is_none() {
                return Err("a date range needs at least one end".into());
            }
            let range = DateRange {
                from: from.map(|d| d.start),
                to: to.map(|d| d.end()),
            };
            if let (Some(f), Some(t)) = (range.from, range.to)
                && f > t
            {
                return Err(format!("'{s}' ends before it starts"));
            }
            Ok(range)
        }
        None => {
            let d = parse_date(s)?;
            Ok(DateRange {
                from: Some(d.start),
                to: Some(d.end()),
            })
        }
    }
}

/// Quotes a value for a `field:value` term when it needs it.
pub fn field_term(field: Field, value: &str) -> String {
    if value.contains(char::is_whitespace) || value.contains(':') {
        format!("{}:\"{}\"", field.name(), value.replace('"', ""))
    } else {
        format!("{}:{}", field.name(), value)
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = self.terms.iter().map(|t| t.source.as_str()).collect();
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conds(q: &str) -> Vec<(bool, Condition)> {
        parse_query(q)
            .unwrap()
            .terms
            .into_iter()
            .map(|t| (t.negated, t.condition))
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn words_fields_phrases_and_exclusions() {
        assert_eq!(
            conds(
                r#"kushner -moscow title:talks person:"Marco Rubio" "red square" -"white house""#
            ),
            vec![
                (false, Condition::Text("kushner".into())),
                (true, Condition::Text("moscow".into())),
                (false, Condition::Field(Field::Title, "talks".into())),
                (false, Condition::Field(Field::Person, "Marco Rubio".into())),
                (false, Condition::Phrase("red square".into())),
                (true, Condition::Phrase("white house".into())),
            ]
        );
        assert!(parse_query("   ").unwrap().is_empty());
    }

    #[test]
    fn field_names_ignore_case_and_non_fields_are_words() {
        assert_eq!(
            conds("Author:Brooks 10:30 http://x"),
            vec![
                (false, Condition::Field(Field::Author, "Brooks".into())),
                (false, Condition::Text("10:30".into())),
                (false, Condition::Text("http://x".into())),
            ]
        );
    }

    #[test]
    fn dates_and_ranges() {
        let range = |q: &str| match &conds(q)[0].1 {
            Condition::Date(r) => *r,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            range("date:2025-04"),
            DateRange {
                from: day(2025, 4, 1),
                to: day(2025, 4, 30)
            }
        );
        assert_eq!(
            range("date:2025-04-11"),
            DateRange {
                from: day(2025, 4, 11),
                to: day(2025, 4, 11)
            }
        );
        assert_eq!(
            range("date:2025-04..2025-06"),
            DateRange {
                from: day(2025, 4, 1),
                to: day(2025, 6, 30)
            }
        );
        assert_eq!(
            range("since:2025-04-01"),
            DateRange {
                from: day(2025, 4, 1),
                to: None
            }
        );
        assert_eq!(
            range("until:2025"),
            DateRange {
                from: None,
                to: day(2025, 12, 31)
            }
        );
        let r = range("date:2025");
        assert!(r.contains(day(2025, 7, 4).unwrap()));
        assert!(!r.contains(day(2026, 1, 1).unwrap()));
        assert!(r.overlaps(&ArticleDate::month(2025, 12).unwrap()));
        assert!(!r.overlaps(&ArticleDate::month(2024, 12).unwrap()));
    }

    #[test]
    fn malformed_terms_are_errors_not_empty_lists() {
        let e = parse_query("putin colour:red").unwrap_err();
        assert!(
            e.message.contains("unknown field 'colour:'"),
            "{}",
            e.message
        );
        assert_eq!(e.at, 6);
        assert!(
            parse_query("title:")
                .unwrap_err()
                .message
                .contains("needs a value")
        );
        assert!(
            parse_query("\"open phrase")
                .unwrap_err()
                .message
                .contains("unclosed quote")
        );
        assert!(parse_query("person:\"Marco").is_err());
        assert!(parse_query("a - b").is_err());
        assert!(
            parse_query("date:2025-13")
                .unwrap_err()
                .message
                .contains("not a date")
        );
        assert!(parse_query("date:April").is_err());
        assert!(
            parse_query("date:2025-06..2025-04")
                .unwrap_err()
                .message
                .contains("ends before")
        );
        assert!(parse_query("date:..").is_err());
        assert!(parse_query("\"\"").is_err());
    }

    #[test]
    fn terms_remember_their_source_for_display() {
        let q = parse_query(r#"  person:"Marco Rubio"   -x  "#).unwrap();
        assert_eq!(q.to_string(), r#"person:"Marco Rubio" -x"#);
        assert_eq!(
            field_term(Field::Person, "Marco Rubio"),
            r#"person:"Marco Rubio""#
        );
        assert_eq!(field_term(Field::Org, "NATO"), "org:NATO");
    }

    #[test]
    fn reader_marks_are_terms_of_their_own() {
        assert_eq!(
            conds("is:unread -is:Starred opec"),
            vec![
                (false, Condition::Is(ReaderMark::Unread)),
                (true, Condition::Is(ReaderMark::Starred)),
                (false, Condition::Text("opec".into())),
            ]
        );
        let q = parse_query("IS:read").unwrap();
        assert!(q.has_reader_terms());
        assert!(!q.has_entity_terms());
        assert!(!parse_query("person:lima").unwrap().has_reader_terms());
        let e = parse_query("is:favourite").unwrap_err();
        assert!(e.message.contains("not a mark"), "{}", e.message);
        assert_eq!(e.at, 3);
    }
}
