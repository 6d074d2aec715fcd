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

mod clause;
mod dateline;
mod expr;
mod infer;
pub(crate) mod lexicon;
mod numeric;
mod relative;
mod resolve;
mod tokens;
mod value;

use chrono::{Datelike, NaiveDate, Weekday};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl DateValue {
    /// The ISO 8601 name of exactly the days meant and how fine it is: a day
    /// (`2025-04-11`), an ISO week (`2025-W14`), a month, a year, or else an
    /// interval (`2025-04-11/2025-05-11`). `date` files the mention under a
    /// calendar period that may be wider ("last week" across two months
    /// falls in a year); this says what the text meant.
    pub fn span_name(&self) -> (String, &'static str) {
        if self.first == self.last {
            return (self.first.to_string(), "day");
        }
        let g = match self.date.granularity {
            crate::corpus::Granularity::Day => "day",
            crate::corpus::Granularity::Month => "month",
            crate::corpus::Granularity::Year => "year",
        };
        // "mid-March": the month, with `part` saying which third.
        if self.part.is_some() || (self.first, self.last) == (self.date.start, self.date.end()) {
            return (self.date.to_string(), g);
        }
        if self.first.weekday() == Weekday::Mon && (self.last - self.first).num_days() == 6 {
            let week = self.first.iso_week();
            return (format!("{}-W{:02}", week.year(), week.week()), "week");
        }
        (format!("{}/{}", self.first, self.last), "range")
    }
}

/// In JSON, `date` names the days meant at their own granularity
/// (`span_name`) and `granularity` says which.
impl Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (name, granularity) = self.span_name();
        let mut st = s.serialize_struct("DateValue", 6)?;
        st.serialize_field("date", &name)?;
        st.serialize_field("granularity", granularity)?;
        st.serialize_field("first", &self.first)?;
        st.serialize_field("last", &self.last)?;
        st.serialize_field("part", &self.part)?;
        st.serialize_field("year_from_anchor", &self.year_from_anchor)?;
        st.end()
    }
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
            let (value, relative) = resolve::resolve(&found.expr, anchor, found.ahead);
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

#[cfg(test)]
mod json_tests {
    use chrono::NaiveDate;

    use super::find_dates;

    /// `date` and `granularity` of the only mention's value in JSON.
    fn json(text: &str, anchor: (i32, u32, u32)) -> (String, String) {
        let anchor = NaiveDate::from_ymd_opt(anchor.0, anchor.1, anchor.2);
        let found = find_dates(text, anchor);
        assert_eq!(found.len(), 1, "{text:?}");
        let v = serde_json::to_value(found[0].value).unwrap();
        (
            v["date"].as_str().unwrap_or_default().to_string(),
            v["granularity"].as_str().unwrap_or_default().to_string(),
        )
    }

    #[test]
    fn json_names_the_days_meant_at_their_granularity() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // A week across two months is a week, not a year.
        assert_eq!(
            json("met last week", (2025, 4, 2)),
            pair("2025-W13", "week")
        );
        assert_eq!(
            json("met last week", (2025, 4, 16)),
            pair("2025-W15", "week")
        );
        assert_eq!(
            json("due next month", (2025, 4, 16)),
            pair("2025-05", "month")
        );
        assert_eq!(json("sold last year", (2025, 4, 16)), pair("2024", "year"));
        assert_eq!(
            json("met on Monday", (2025, 4, 16)),
            pair("2025-04-14", "day")
        );
        assert_eq!(
            json("over the next month", (2025, 4, 16)),
            pair("2025-04-16/2025-05-16", "range")
        );
        assert_eq!(json("by mid-May", (2025, 4, 16)), pair("2025-05", "month"));
    }
}
