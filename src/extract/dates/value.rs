//! Date values as export formats write them: ISO 8601 at any precision, RFC
//! 2822, the Reuters `26-FEB-1987 15:14:36.41` form, written-out dates
//! (`Dec 2, 2025`, `2 December 2025`, `December 2025`), Unix seconds, and the
//! strict forms of the query language. A value that is malformed anywhere in
//! its date or time gives None, never a date read from part of it.

use chrono::{DateTime, NaiveDate};

use super::expr::{self, Expr};
use super::lexicon;
use super::tokens;
use crate::corpus::ArticleDate;

/// Parses a date field of an exported record. The date is the calendar date
/// as written, in the zone it was written in (`2025-04-11T23:30:00-05:00` is
/// the 11th), because that is the date the publisher gave the story.
pub fn parse_date_value(s: &str) -> Option<ArticleDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = numeric(s) {
        return d;
    }
    if let Some(d) = iso(s) {
        return d;
    }
    if let Some(d) = day_mon_year(s) {
        return d;
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(ArticleDate::day(dt.date_naive()));
    }
    if let Some(d) = numeric_dmy(s) {
        return d;
    }
    written(s)
}

/// The UTC calendar day of a Unix time in seconds.
pub fn date_from_unix(secs: i64) -> Option<ArticleDate> {
    DateTime::from_timestamp(secs, 0).map(|dt| ArticleDate::day(dt.date_naive()))
}

/// The dates of the query language: `2025-04-11`, `2025-04` or `2025`.
pub fn parse_query_date(s: &str) -> Option<ArticleDate> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let year_part = parts.first()?;
    if year_part.len() != 4
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let y: i32 = year_part.parse().ok()?;
    match parts[1..] {
        [] => ArticleDate::year(y),
        [m] if m.len() <= 2 => ArticleDate::month(y, m.parse().ok()?),
        [m, d] if m.len() <= 2 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?).map(ArticleDate::day)
        }
        _ => None,
    }
}

/// All digits: a year, a compact `YYYYMMDD`, or a Unix time (seconds, or
/// milliseconds when it has 13 digits). `Some(None)` means "this form, but invalid".
fn numeric(s: &str) -> Option<Option<ArticleDate>> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = int.strip_prefix('-').unwrap_or(int);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // A negative number is no publication date ("-2025" is not 1969).
    if digits.len() != int.len() {
        return Some(None);
    }
    Some(match (digits.len(), frac.is_empty()) {
        (4, true) => ArticleDate::year(digits.parse().ok()?),
        (8, true) => compact_ymd(digits).or_else(|| unix(int)),
        (13, _) => int
            .parse::<i64>()
            .ok()
            .and_then(|ms| plausible_unix(ms.div_euclid(1000))),
        _ => unix(int),
    })
}

/// Unix times a news export can hold: from 1973 (nine digits) to 2100.
/// Smaller numbers are counts or ids, not times, and would read as 1970.
const PLAUSIBLE_UNIX: std::ops::RangeInclusive<i64> = 100_000_000..=4_102_444_800;

fn plausible_unix(secs: i64) -> Option<ArticleDate> {
    PLAUSIBLE_UNIX
        .contains(&secs)
        .then(|| date_from_unix(secs))
        .flatten()
}

fn compact_ymd(d: &str) -> Option<ArticleDate> {
    let y: i32 = d[..4].parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, d[4..6].parse().ok()?, d[6..].parse().ok()?).map(ArticleDate::day)
}

fn unix(int: &str) -> Option<ArticleDate> {
    plausible_unix(int.parse().ok()?)
}

/// `2025-04-11` with an optional time and zone, `2025-04`, `2025/04/11`.
fn iso(s: &str) -> Option<Option<ArticleDate>> {
    let b = s.as_bytes();
    if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !(b[4] == b'-' || b[4] == b'/') {
        return None;
    }
    let sep = b[4] as char;
    let y: i32 = s[..4].parse().ok()?;
    let rest = &s[5..];
    let month_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&month_len) {
        return None;
    }
    let m: u32 = rest[..month_len].parse().ok()?;
    let rest = &rest[month_len..];
    if rest.is_empty() {
        return Some(if sep == '-' {
            ArticleDate::month(y, m)
        } else {
            None
        });
    }
    let Some(rest) = rest.strip_prefix(sep) else {
        return Some(None);
    };
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&day_len) {
        return Some(None);
    }
    let date = NaiveDate::from_ymd_opt(y, m, rest[..day_len].parse().ok()?);
    Some(
        date.filter(|_| time_tail(&rest[day_len..]))
            .map(ArticleDate::day),
    )
}

/// `26-FEB-1987 15:14:36.41`, as Reuters stamps its stories, with whatever
/// trails a valid time (control-character entities, notes).
fn day_mon_year(s: &str) -> Option<Option<ArticleDate>> {
    let (date, rest) = s.split_once(|c: char| c.is_whitespace()).unwrap_or((s, ""));
    let mut parts = date.split('-');
    let (d, mon, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !(1..=2).contains(&d.len()) || y.len() != 4 {
        return None;
    }
    let (m, _) = lexicon::month_name_any_case(mon)?;
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?);
    Some(date.filter(|_| time_tail(rest)).map(ArticleDate::day))
}

/// `31/12/2025`, `12/31/2025`, `31.12.2025`: slashes and hyphens only when the
/// order is evident (a part above 12, or both equal); dots are day-first.
fn numeric_dmy(s: &str) -> Option<Option<ArticleDate>> {
    let end = s
        .find(|c: char| c.is_whitespace() || c == 'T')
        .unwrap_or(s.len());
    let (date, rest) = s.split_at(end);
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    if !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) || y.len() != 4 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (d, m) = if sep == '.' || a > 12 || a == b {
        (a, b)
    } else if b > 12 {
        (b, a)
    } else {
        return Some(None);
    };
    Some(
        NaiveDate::from_ymd_opt(y, m, d)
            .filter(|_| time_tail(rest))
            .map(ArticleDate::day),
    )
}

/// `Dec 2, 2025`, `2 December 2025`, `Tuesday, December 2, 2025 6:00 PM`,
/// `December 2025`: one written date with a year, then at most a time.
fn written(s: &str) -> Option<ArticleDate> {
    let toks = tokens::tokenize(s);
    let found = expr::scan(s, &toks);
    let first = found.first()?;
    if first.start != 0 || !time_tail(&s[first.end..]) {
        return None;
    }
    match first.expr {
        Expr::Full { y, m, d } => NaiveDate::from_ymd_opt(y, m, d).map(ArticleDate::day),
        Expr::MonthYear { y, m } => ArticleDate::month(y, m),
        _ => None,
    }
}

/// What may follow a date in a value: nothing, or a valid time
/// (`T10:00:00Z`, ` 10:00:00+02:00`, `, 6:00 PM EST`, `15:14:36.41`) and then,
/// after a break, anything (trailing notes and markup).
fn time_tail(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', ',', '\t']);
    if rest.is_empty() {
        return true;
    }
    let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest);
    let rest = rest.strip_prefix("at ").unwrap_or(rest);
    let Some(rest) = clock(rest) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = strip_word(rest, &["am", "pm", "a.m.", "p.m."])
        .unwrap_or(rest)
        .trim_start();
    let rest = zone(rest).unwrap_or(rest);
    rest.is_empty()
        || !rest.starts_with(|c: char| c.is_alphanumeric() || matches!(c, ':' | '.' | '+' | '-'))
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` with valid fields; the text after it.
fn clock(s: &str) -> Option<&str> {
    let mut rest = s;
    let mut fields = Vec::with_capacity(3);
    for i in 0..3 {
        if i > 0 {
            match rest.strip_prefix(':') {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
                _ => break,
            }
        }
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&n) || (i > 0 && n != 2) {
            return None;
        }
        fields.push(rest[..n].parse::<u32>().ok()?);
        rest = &rest[n..];
    }
    let ok = fields.len() >= 2
        && fields[0] < 24
        && fields[1] < 60
        && fields.get(2).is_none_or(|s| *s <= 60);
    if !ok {
        return None;
    }
    if fields.len() == 3
        && let Some(r) = rest.strip_prefix(['.', ','])
    {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &r[n..];
    }
    Some(rest)
}

fn zone(s: &str) -> Option<&str> {
    if let Some(r) = s.strip_prefix(['Z', 'z'])
        && !r.starts_with(|c: char| c.is_alphanumeric())
    {
        return Some(r);
    }
    if let Some(r) = s.strip_prefix(['+', '-']) {
        let n = r
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b':')
            .count();
        let digits = r[..n].bytes().filter(u8::is_ascii_digit).count();
        return (digits == 2 || digits == 4).then_some(&r[n..]);
    }
    let r = strip_word(
        s,
        &[
            "utc", "gmt", "ut", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct",
            "pt", "bst", "cet", "cest", "eet", "eest",
        ],
    )?;
    Some(zone(r.trim_start()).unwrap_or(r))
}

/// Strips one of `words` (any case) when it is followed by a non-letter.
fn strip_word<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| {
        let head = s.get(..w.len())?;
        let rest = &s[w.len()..];
        (head.eq_ignore_ascii_case(w) && !rest.starts_with(|c: char| c.is_alphabetic()))
            .then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Granularity;

    fn day(y: i32, m: u32, d: u32) -> Option<ArticleDate> {
        NaiveDate::from_ymd_opt(y, m, d).map(ArticleDate::day)
    }

    #[test]
    fn iso_dates_with_and_without_time_and_zone() {
        assert_eq!(parse_date_value("2025-04-11"), day(2025, 4, 11));
        assert_eq!(parse_date_value("2025-04-11T10:00:00Z"), day(2025, 4, 11));
        assert_eq!(
            parse_date_value(" 2025-04-11 10:00:00+02:00 "),
            day(2025, 4, 11)
        );
        assert_eq!(parse_date_value("2025-04-11T10:00"), day(2025, 4, 11));
        assert_eq!(
            parse_date_value("2025-04-11T23:30:00.123-0500"),
            day(2025, 4, 11),
            "the date as written, not UTC"
        );
        assert_eq!(parse_date_value("2025/04/11"), day(2025, 4, 11));
    }

    #[test]
    fn iso_keeps_its_granularity() {
        assert_eq!(parse_date_value("2025-04"), ArticleDate::month(2025, 4));
        assert_eq!(parse_date_value("2025"), ArticleDate::year(2025));
        assert_eq!(
            parse_date_value("2025").map(|d| d.granularity),
            Some(Granularity::Year)
        );
    }

    #[test]
    fn malformed_iso_gives_nothing() {
        assert_eq!(parse_date_value("2025-04-31"), None);
        assert_eq!(parse_date_value("2025-13"), None);
        assert_eq!(parse_date_value("2025-04-11T25:00:00Z"), None);
        assert_eq!(parse_date_value("2025-04-11T10:61"), None);
        assert_eq!(parse_date_value("2025-04-11 tomorrow"), None);
    }

    #[test]
    fn rfc_2822() {
        assert_eq!(
            parse_date_value("Tue, 02 Dec 2025 18:00:00 GMT"),
            day(2025, 12, 2)
        );
        assert_eq!(
            parse_date_value("02 Dec 2025 23:59:59 -0800"),
            day(2025, 12, 2)
        );
    }

    #[test]
    fn reuters_stamps() {
        assert_eq!(
            parse_date_value("26-FEB-1987 15:14:36.41"),
            day(1987, 2, 26)
        );
        assert_eq!(parse_date_value("3-MAR-1987  09:15:05.40"), day(1987, 3, 3));
        assert_eq!(
            parse_date_value("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM"),
            day(1987, 3, 27)
        );
        assert_eq!(parse_date_value("7-APR-1987 16:22:00.0"), day(1987, 4, 7));
        assert_eq!(
            parse_date_value("9-APR-1987 00:00:00.00    # a note"),
            day(1987, 4, 9)
        );
        assert_eq!(parse_date_value("26-Feb-1987"), day(1987, 2, 26));
    }

    #[test]
    fn broken_reuters_stamps_give_nothing() {
        assert_eq!(
            parse_date_value("31-MAR-1987 605:12:19.12"),
            None,
            "hour 605"
        );
        assert_eq!(parse_date_value("30-FEB-1987 10:00:00.00"), None);
        assert_eq!(parse_date_value("26-FOO-1987 10:00:00.00"), None);
    }

    #[test]
    fn written_dates() {
        assert_eq!(parse_date_value("Dec 2, 2025"), day(2025, 12, 2));
        assert_eq!(parse_date_value("Dec. 2, 2025"), day(2025, 12, 2));
        assert_eq!(parse_date_value("December 2 2025"), day(2025, 12, 2));
        assert_eq!(parse_date_value("2 December 2025"), day(2025, 12, 2));
        assert_eq!(parse_date_value("2nd December, 2025"), day(2025, 12, 2));
        assert_eq!(
            parse_date_value("Tuesday, December 2, 2025 6:00 PM EST"),
            day(2025, 12, 2)
        );
        assert_eq!(
            parse_date_value("December 2025"),
            ArticleDate::month(2025, 12)
        );
        assert_eq!(parse_date_value("Sept 2025"), ArticleDate::month(2025, 9));
    }

    #[test]
    fn written_dates_without_a_year_or_with_extra_words_are_refused() {
        assert_eq!(parse_date_value("Dec 2"), None);
        assert_eq!(parse_date_value("December 2, 2025 and later"), None);
        assert_eq!(parse_date_value("last week"), None);
        assert_eq!(parse_date_value("not a date"), None);
        assert_eq!(parse_date_value(""), None);
    }

    #[test]
    fn numeric_day_month_orders_only_when_evident() {
        assert_eq!(parse_date_value("31/12/2025"), day(2025, 12, 31));
        assert_eq!(parse_date_value("12/31/2025"), day(2025, 12, 31));
        assert_eq!(parse_date_value("11.04.2025"), day(2025, 4, 11));
        assert_eq!(
            parse_date_value("04/11/2025"),
            None,
            "April 11 or 4 November"
        );
    }

    #[test]
    fn unix_times_and_compact_dates() {
        assert_eq!(parse_date_value("1764892800"), day(2025, 12, 5));
        assert_eq!(parse_date_value("1764892800.5"), day(2025, 12, 5));
        assert_eq!(
            parse_date_value("1764892800000"),
            day(2025, 12, 5),
            "milliseconds"
        );
        assert_eq!(parse_date_value("20251202"), day(2025, 12, 2));
        assert_eq!(date_from_unix(0), day(1970, 1, 1));
        assert_eq!(date_from_unix(-1), day(1969, 12, 31));
        assert_eq!(date_from_unix(1_744_329_600), day(2025, 4, 11));
        assert_eq!(date_from_unix(i64::MAX), None);
    }

    #[test]
    fn negative_and_implausible_unix_times_are_no_dates() {
        for s in [
            "-2025",
            "-1",
            "-1764892800",
            "0",
            "5",
            "86400",
            "99999999",
            "9999999999",
        ] {
            assert_eq!(parse_date_value(s), None, "{s}");
        }
        assert_eq!(parse_date_value("-1764892800000"), None);
        assert_eq!(parse_date_value("0000000000000"), None);
        assert_eq!(parse_date_value("100000000"), day(1973, 3, 3));
    }

    #[test]
    fn query_dates() {
        assert_eq!(parse_query_date("2025-04-11"), day(2025, 4, 11));
        assert_eq!(parse_query_date("2025-04"), ArticleDate::month(2025, 4));
        assert_eq!(parse_query_date("2025-4"), ArticleDate::month(2025, 4));
        assert_eq!(parse_query_date("2025"), ArticleDate::year(2025));
        assert_eq!(parse_query_date("2025-04-31"), None);
        assert_eq!(parse_query_date("2025-13"), None);
        assert_eq!(parse_query_date("25-04"), None);
        assert_eq!(parse_query_date("April 2025"), None);
        assert_eq!(parse_query_date("2025-04-11-01"), None);
        assert_eq!(parse_query_date(""), None);
    }
}
