//! Dates: parsing the date values real exports carry (`parse_date_value`),
//! wire datelines (`dateline_date`), date expressions mentioned in article text
//! (`find_dates`), a date for undated articles from a date stamp line
//! (`infer_article_date`) or, as a lower bound, from the latest dated mention
//! (`latest_mentioned_date`), and the dates of the query language
//! (`parse_query_date`). Pure functions over strings; nothing here knows files,
//! JSON records, indexes or screens.
//!
//! The rule throughout: a date that is guessed says so and a date that would be
//! wrong is not given. A month and day without a year, a weekday or "last
//! week" only get a value against an anchor (the article's own date); without
//! one they are listed with no value. Ambiguous numeric forms (`04/11/2025`)
//! are refused rather than read one way.

mod dateline;
mod expr;
mod infer;
mod lexicon;
mod relative;
mod resolve;
mod tokens;
mod value;

use chrono::NaiveDate;
use serde::Serialize;

use crate::corpus::ArticleDate;

pub use dateline::dateline_date;
pub use infer::{infer_article_date, latest_mentioned_date};
pub use value::{date_from_unix, parse_date_value, parse_query_date};

/// Which part of a month or year a qualified expression names
/// ("early 2022", "mid-March", "late February 2023").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// First third: days 1–10 of a month, January–April of a year.
    Early,
    /// Middle third: days 11–20, May–August.
    Mid,
    /// Last third: day 21 to the end, September–December.
    Late,
}

/// What a date mention means on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateValue {
    /// The calendar period to file the mention under: the finest day, month or
    /// year that holds the whole span (`mid-March 2024` → `2024-03`,
    /// `last week` → the month, or the year when the week straddles months).
    pub date: ArticleDate,
    /// First day actually meant.
    pub first: NaiveDate,
    /// Last day actually meant (equal to `first` for a single day).
    pub last: NaiveDate,
    /// Set for "early / mid / late" expressions.
    pub part: Option<Part>,
    /// True when the text gave no year and it was taken from the anchor
    /// ("Sept. 2", "in August"): a guess, though a well-founded one.
    pub year_from_anchor: bool,
}

/// A date expression found in text. `start..end` are byte offsets into the
/// text (on char boundaries) and `text` is that slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// None when the expression cannot be placed: relative ones without an
    /// anchor, a month and day without a year or anchor, and expressions
    /// relative to another event ("a day after").
    pub value: Option<DateValue>,
    /// True for expressions whose meaning depends on when they were written
    /// ("on Friday", "last week", "three years ago", "a day after").
    pub relative: bool,
}

/// Finds the date expressions in `text`, sorted by start and never
/// overlapping. Relative expressions are resolved against `anchor` (the
/// article's date) when there is one and listed without a value otherwise.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let toks = tokens::tokenize(text);
    expr::scan(text, &toks)
        .into_iter()
        .map(|found| {
            let (value, relative) = resolve::resolve(&found.expr, anchor);
            DateMention {
                start: found.start,
                end: found.end,
                text: text[found.start..found.end].to_string(),
                value,
                relative,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
