//! Date values and date expressions: parsing the date formats real exports
//! use, wire datelines, and dates mentioned in article text.

use chrono::NaiveDate;

use crate::corpus::ArticleDate;

/// Parses a date field: ISO 8601 `YYYY-MM-DD`, optionally followed by a time.
pub fn parse_date_value(s: &str) -> Option<ArticleDate> {
    let head = s.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(ArticleDate::day)
}
