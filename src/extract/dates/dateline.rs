//! Wire datelines at the head of a story: `SANTIAGO 1996-12-05` on a line of
//! its own (CoNLL style) and `LONDON, Feb 26 -` / `WASHINGTON, March 3
//! (Reuters) -` (Reuters style, where the year must come from elsewhere).

use chrono::NaiveDate;

use super::expr::{self, Expr};
use super::tokens;
use crate::corpus::ArticleDate;

/// The place and date of a dateline opening `first_paragraph`. A month and
/// day without a year only count when `context_year` supplies one.
pub fn dateline_date(
    first_paragraph: &str,
    context_year: Option<i32>,
) -> Option<(String, ArticleDate)> {
    let text = first_paragraph.trim_start();
    let first_line = text.lines().next()?.trim();
    if let Some(found) = iso_line(first_line) {
        return Some(found);
    }
    wire(text, context_year)
}

/// `SANTIAGO 1996-12-05`: a short capitalised place, then an ISO date, alone.
fn iso_line(line: &str) -> Option<(String, ArticleDate)> {
    let (place, date) = line.rsplit_once(char::is_whitespace)?;
    let place = place.trim();
    if date.len() != 10 || !plausible_place(place) {
        return None;
    }
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some((place.to_string(), ArticleDate::day(d)))
}

/// `PLACE[, Region], Month Day[, Year] [(Agency)] -` (`AKRON, Ohio, March 26 -`).
fn wire(text: &str, context_year: Option<i32>) -> Option<(String, ArticleDate)> {
    let mut commas = text.match_indices(',').map(|(i, _)| i).take(3);
    let first = commas.next()?;
    let place = text[..first].trim();
    if !plausible_place(place) {
        return None;
    }
    std::iter::once(first)
        .chain(commas)
        .take_while(|&i| {
            text[first..i]
                .split(',')
                .all(|region| region.trim().is_empty() || plausible_place(region.trim()))
        })
        .find_map(|i| {
            let date = wire_date(&text[i + 1..], context_year)?;
            Some((text[..i].trim().to_string(), date))
        })
}

/// `Month Day[, Year] [(Agency)] -` at the start of `rest`.
fn wire_date(rest: &str, context_year: Option<i32>) -> Option<ArticleDate> {
    // The date sits right after the place; never read further into the story.
    let mut cut = rest.len().min(60);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &rest[..cut];
    let toks = tokens::tokenize(head);
    let found = *expr::scan(head, &toks).first()?;
    // The date must open the text after the place ("on March 3" is prose).
    if toks.first().map(|t| t.start) != Some(found.start) || !head[..found.start].trim().is_empty()
    {
        return None;
    }
    if head[found.start..].starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let after = head[found.end..].trim_start();
    // The agency, as `(Reuters)` or `, Reuter`.
    let after = if let Some(r) = after.strip_prefix('(') {
        r.split_once(')')?.1.trim_start()
    } else if let Some(r) = after.strip_prefix(',') {
        let r = r.trim_start();
        r.trim_start_matches(|c: char| c.is_alphabetic())
            .trim_start()
    } else {
        after
    };
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    let date = match found.expr {
        Expr::Full { y, m, d } => NaiveDate::from_ymd_opt(y, m, d)?,
        Expr::MonthDay { m, d } => NaiveDate::from_ymd_opt(context_year?, m, d)?,
        _ => return None,
    };
    Some(ArticleDate::day(date))
}

/// A dateline place: a few words, starting with a capital, mostly letters.
fn plausible_place(place: &str) -> bool {
    let words = place.split_whitespace().count();
    (1..=5).contains(&words)
        && place.len() <= 48
        && !place.contains('\n')
        && place.starts_with(|c: char| c.is_uppercase())
        && place
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-' | '’' | '/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> ArticleDate {
        ArticleDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn conll_style_line_gives_place_and_date() {
        assert_eq!(
            dateline_date("SANTIAGO 1996-12-05\nChile's copper output rose.", None),
            Some(("SANTIAGO".to_string(), day(1996, 12, 5)))
        );
        assert_eq!(
            dateline_date("SAN JOSE 1996-08-30", Some(2001)),
            Some(("SAN JOSE".to_string(), day(1996, 8, 30)))
        );
        assert_eq!(dateline_date("SANTIAGO 1996-13-05", None), None);
    }

    #[test]
    fn wire_dateline_takes_the_year_from_context() {
        let p = "LONDON, Feb 26 - Britain's trade gap narrowed in January.";
        assert_eq!(
            dateline_date(p, Some(1987)),
            Some(("LONDON".to_string(), day(1987, 2, 26)))
        );
        assert_eq!(
            dateline_date(p, None),
            None,
            "a day without a year is not a date"
        );
    }

    #[test]
    fn wire_dateline_variants() {
        assert_eq!(
            dateline_date(
                "WASHINGTON, March 3 (Reuters) - The Treasury said",
                Some(2025)
            ),
            Some(("WASHINGTON".to_string(), day(2025, 3, 3)))
        );
        assert_eq!(
            dateline_date("AKRON, Ohio, March 26 - Goodyear said", Some(1987)),
            Some(("AKRON, Ohio".to_string(), day(1987, 3, 26)))
        );
        assert_eq!(
            dateline_date("BRUSSELS, March 27, Reuter - EC ministers", Some(1987)),
            Some(("BRUSSELS".to_string(), day(1987, 3, 27)))
        );
        assert_eq!(
            dateline_date("NAIROBI, Dec 2, 2025 (AFP) — Kenya's", None),
            Some(("NAIROBI".to_string(), day(2025, 12, 2)))
        );
    }

    #[test]
    fn not_datelines() {
        assert_eq!(
            dateline_date("MOSCOW: US President Donald Trump on Friday", Some(2025)),
            None
        );
        assert_eq!(
            dateline_date("PARIS, Feb 29 - Shares fell", Some(1987)),
            None,
            "1987 had no Feb 29"
        );
        assert_eq!(
            dateline_date("The meeting, on March 3 - was short", Some(2025)),
            None
        );
        assert_eq!(
            dateline_date(
                "Officials said the talks, which began in 2014, stalled",
                Some(2025)
            ),
            None
        );
        assert_eq!(dateline_date("", Some(2025)), None);
    }
}
