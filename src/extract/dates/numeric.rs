//! Dates written in figures only: day, month and year with slashes or dots
//! (`21/06/2014`, `6.21.2014`), read only when one reading is possible, and
//! year spans (`2009-2010`), which name both years. Part of the expression
//! scanner.

use chrono::NaiveDate;

use super::expr::{Expr, Match, Scan};

/// Years a four-digit number in a span may be.
const SPAN_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// The longest span of years read as two years ("2009-2010"); wider ones
/// ("1914-1918") still name both ends.
const SPAN_MAX: u32 = 100;

impl Scan<'_> {
    /// `21/06/2014` or `06/21/2014`: day and month told apart by a number
    /// above 12; `04/11/2025` could be either and is refused.
    pub(super) fn numeric_date(&self, i: usize) -> Match {
        let sep = self.text_of(i + 1);
        if !(sep == "/" || sep == ".")
            || self.text_of(i).len() > 2
            || !(i..i + 4).all(|k| self.touches_next(k))
            || self.text_of(i + 3) != sep
            || !self.is_num(i + 2)
            || self.text_of(i + 2).len() > 2
            || self.text_of(i + 4).len() != 4
            || !self.is_num(i + 4)
        {
            return None;
        }
        // Part of a longer figure (`1.21.06.2014`, a version number, an IP address).
        if (i > 0 && self.touches_next(i - 1) && !self.punct(i - 1, &["(", "[", "\"", "'"]))
            || (self.touches_next(i + 4) && self.is_num(i + 6))
        {
            return None;
        }
        let a: u32 = self.text_of(i).parse().ok()?;
        let b: u32 = self.text_of(i + 2).parse().ok()?;
        let y: i32 = self.text_of(i + 4).parse().ok()?;
        let (d, m) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ if a == b => (a, b),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(y, m, d)?;
        Some((i + 5, Expr::Full { y, m, d }))
    }

    /// Either year of a span `2009-2010`: both are years without any cue,
    /// the second later than the first.
    pub(super) fn year_pair(&self, i: usize) -> Match {
        let year = |k: usize| -> Option<u32> {
            let t = self.text_of(k);
            (self.is_num(k) && t.len() == 4)
                .then(|| t.parse().ok())
                .flatten()
                .filter(|y| SPAN_YEARS.contains(y))
        };
        let dash = |k: usize| self.punct(k, &["-", "–", "/"]);
        let y = year(i)?;
        let pair = |first: usize| -> bool {
            let (Some(a), Some(b)) = (year(first), year(first + 2)) else {
                return false;
            };
            let before =
                first > 0 && self.touches_next(first - 1) && !self.punct(first - 1, &["("]);
            let after = self.touches_next(first + 2) && self.is_num(first + 4);
            dash(first + 1)
                && self.touches_next(first)
                && self.touches_next(first + 1)
                && b > a
                && b - a <= SPAN_MAX
                && !before
                && !after
        };
        (pair(i) || (i >= 2 && pair(i - 2))).then_some((
            i + 1,
            Expr::Year {
                y: i32::try_from(y).ok()?,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::find_dates;
    use crate::corpus::ArticleDate;

    fn found(text: &str) -> Vec<(String, Option<ArticleDate>)> {
        find_dates(text, None)
            .into_iter()
            .map(|m| (m.text, m.value.map(|v| v.date)))
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> Option<ArticleDate> {
        NaiveDate::from_ymd_opt(y, m, d).map(ArticleDate::day)
    }

    #[test]
    fn numeric_dates_are_read_when_only_one_reading_exists() {
        assert_eq!(
            found("Posted 21/06/2014 by the editor")[0].1,
            day(2014, 6, 21)
        );
        assert_eq!(
            found("Posted 06/21/2014 by the editor")[0].1,
            day(2014, 6, 21)
        );
        assert_eq!(found("Filed 3.3.2021")[0].1, day(2021, 3, 3));
        assert!(
            found("Posted 04/11/2025 by the editor").is_empty(),
            "either way"
        );
        assert!(found("version 1.21.06.2014 and 31/31/2014").is_empty());
        assert!(found("a score of 14/15/2014 points").is_empty());
    }

    #[test]
    fn a_span_of_years_names_both() {
        let years = |text: &str| -> Vec<String> { found(text).into_iter().map(|f| f.0).collect() };
        assert_eq!(years("the 2009-2010 season"), ["2009", "2010"]);
        assert_eq!(years("in 2009–2010, sales fell"), ["in 2009", "2010"]);
        assert_eq!(found("the 2009-2010 season")[1].1, ArticleDate::year(2010));
        assert!(years("call 2010-2009 or 1999-3000 or 2001-2002-2003").is_empty());
    }
}
