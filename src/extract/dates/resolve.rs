//! Places a recognised date expression on the calendar, using the anchor (the
//! article's date) for anything the text left open. Knows nothing of text.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::expr::{Dir, Expr};
use super::lexicon::Unit;
use super::{DateValue, Part};
use crate::corpus::{ArticleDate, Granularity};

/// The expression's value (if it can be placed) and whether it is relative
/// to when it was written.
/// `ahead` says the clause looks ahead: a weekday, month or month and day
/// without a year is then the first on or after the anchor, else the last on
/// or before it.
pub(super) fn resolve(
    expr: &Expr,
    anchor: Option<NaiveDate>,
    ahead: bool,
) -> (Option<DateValue>, bool) {
    let relative = matches!(
        expr,
        Expr::Weekday { .. }
            | Expr::RelMonth { .. }
            | Expr::RelDay(_)
            | Expr::RelUnit { .. }
            | Expr::Window { .. }
            | Expr::EventRelative
    );
    (value(expr, anchor, ahead), relative)
}

fn value(expr: &Expr, anchor: Option<NaiveDate>, ahead: bool) -> Option<DateValue> {
    match *expr {
        Expr::Full { y, m, d } => day(NaiveDate::from_ymd_opt(y, m, d)?, false),
        Expr::MonthDay { m, d } => {
            let y = year_for(m, d, anchor?, ahead)?;
            day(NaiveDate::from_ymd_opt(y, m, d)?, true)
        }
        Expr::MonthYear { y, m } => whole(ArticleDate::month(y, m)?, None, false),
        Expr::Month { m } => whole(
            ArticleDate::month(year_for_month(m, anchor?, ahead), m)?,
            None,
            true,
        ),
        Expr::Year { y } => whole(ArticleDate::year(y)?, None, false),
        Expr::Part { part, m, y } => part_value(part, m, y, anchor, ahead),
        Expr::Weekday { day: wd, dir } => {
            let dir = match dir {
                Dir::Past if ahead => Dir::Future,
                other => other,
            };
            day(weekday(anchor?, wd, dir)?, false)
        }
        Expr::RelMonth { m, dir } => {
            let a = anchor?;
            let y = match dir {
                Dir::Last if m < a.month() => a.year(),
                Dir::Last => a.year() - 1,
                Dir::Next if m > a.month() => a.year(),
                Dir::Next => a.year() + 1,
                _ => a.year(),
            };
            whole(ArticleDate::month(y, m)?, None, true)
        }
        Expr::RelDay(n) => day(shift_days(anchor?, n)?, false),
        Expr::RelUnit {
            unit,
            offset,
            calendar,
        } => units(anchor?, unit, offset, calendar),
        Expr::Window { unit, n } => window(anchor?, unit, n),
        Expr::EventRelative => None,
    }
}

fn day(d: NaiveDate, year_from_anchor: bool) -> Option<DateValue> {
    Some(DateValue {
        date: ArticleDate::day(d),
        first: d,
        last: d,
        part: None,
        year_from_anchor,
    })
}

fn whole(date: ArticleDate, part: Option<Part>, year_from_anchor: bool) -> Option<DateValue> {
    let (first, last) = match part {
        None => (date.start, date.end()),
        Some(p) => part_span(&date, p)?,
    };
    Some(DateValue {
        date,
        first,
        last,
        part,
        year_from_anchor,
    })
}

/// Thirds of a month (days 1–10, 11–20, 21–end) or of a year (four months each).
fn part_span(date: &ArticleDate, part: Part) -> Option<(NaiveDate, NaiveDate)> {
    let s = date.start;
    let third = match part {
        Part::Early => 0,
        Part::Mid => 1,
        Part::Late => 2,
    };
    match date.granularity {
        Granularity::Month => {
            let first = s.with_day(1 + 10 * third)?;
            let last = if third == 2 {
                date.end()
            } else {
                s.with_day(10 + 10 * third)?
            };
            Some((first, last))
        }
        Granularity::Year => {
            let first = s.checked_add_months(Months::new(4 * third))?;
            let last = first.checked_add_months(Months::new(4))?.pred_opt()?;
            Some((first, last))
        }
        Granularity::Day => Some((s, s)),
    }
}

fn part_value(
    part: Part,
    m: Option<u32>,
    y: Option<i32>,
    anchor: Option<NaiveDate>,
    ahead: bool,
) -> Option<DateValue> {
    match (m, y) {
        (Some(m), Some(y)) => whole(ArticleDate::month(y, m)?, Some(part), false),
        (Some(m), None) => whole(
            ArticleDate::month(year_for_month(m, anchor?, ahead), m)?,
            Some(part),
            true,
        ),
        (None, Some(y)) => whole(ArticleDate::year(y)?, Some(part), false),
        (None, None) => None,
    }
}

/// The year of a month and day written without one: the anchor's year or,
/// when that puts the day on the wrong side of the anchor, the next year
/// (looking ahead) or the one before.
fn year_for(m: u32, d: u32, anchor: NaiveDate, ahead: bool) -> Option<i32> {
    let y = anchor.year();
    // 29 February in a common year stands for the end of the month.
    let this_year =
        NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, 28))?;
    Some(match (ahead, this_year < anchor, this_year > anchor) {
        (true, true, _) => y + 1,
        (false, _, true) => y - 1,
        _ => y,
    })
}

/// The year of a month written without one; the anchor's own month is
/// itself either way.
fn year_for_month(m: u32, anchor: NaiveDate, ahead: bool) -> i32 {
    let y = anchor.year();
    match m.cmp(&anchor.month()) {
        std::cmp::Ordering::Less if ahead => y + 1,
        std::cmp::Ordering::Greater if !ahead => y - 1,
        _ => y,
    }
}

fn weekday(anchor: NaiveDate, wd: Weekday, dir: Dir) -> Option<NaiveDate> {
    let a = i64::from(anchor.weekday().num_days_from_monday());
    let w = i64::from(wd.num_days_from_monday());
    let back = (a - w).rem_euclid(7);
    let ahead = (w - a).rem_euclid(7);
    let offset = match dir {
        Dir::Past => -back,
        Dir::Future => ahead,
        Dir::Last => -(if back == 0 { 7 } else { back }),
        Dir::Next => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Dir::This => w - a,
    };
    shift_days(anchor, offset)
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let step = Days::new(n.unsigned_abs());
    if n >= 0 {
        d.checked_add_days(step)
    } else {
        d.checked_sub_days(step)
    }
}

fn units(anchor: NaiveDate, unit: Unit, offset: i64, calendar: bool) -> Option<DateValue> {
    match unit {
        // Finer than a day or vaguer than a year: no honest calendar value.
        Unit::SubDay | Unit::Decade => None,
        Unit::Day => day(shift_days(anchor, offset)?, false),
        Unit::Week => {
            let monday = shift_days(anchor, -i64::from(anchor.weekday().num_days_from_monday()))?;
            // Written at the weekend, "last week" is the working week just
            // ended; "a week ago" still counts back from the anchor.
            let weekend = matches!(anchor.weekday(), Weekday::Sat | Weekday::Sun);
            let offset = if weekend && calendar && offset == -1 {
                0
            } else {
                offset
            };
            let first = shift_days(monday, 7 * offset)?;
            span(first, shift_days(first, 6)?)
        }
        Unit::Month => {
            let start = anchor.with_day(1)?;
            let shifted = if offset >= 0 {
                start.checked_add_months(Months::new(u32::try_from(offset).ok()?))?
            } else {
                start.checked_sub_months(Months::new(u32::try_from(-offset).ok()?))?
            };
            whole(
                ArticleDate::month(shifted.year(), shifted.month())?,
                None,
                false,
            )
        }
        Unit::Year => whole(
            ArticleDate::year(anchor.year() + i32::try_from(offset).ok()?)?,
            None,
            false,
        ),
    }
}

/// "over the next month": from the anchor to `n` units after it (or before
/// it, for a negative `n`).
fn window(anchor: NaiveDate, unit: Unit, n: i64) -> Option<DateValue> {
    let count = n.unsigned_abs();
    let step = |d: NaiveDate, forward: bool| -> Option<NaiveDate> {
        match unit {
            Unit::Day => shift_days(d, if forward { 1 } else { -1 } * i64::try_from(count).ok()?),
            Unit::Week => shift_days(d, if forward { 7 } else { -7 } * i64::try_from(count).ok()?),
            Unit::Month | Unit::Year => {
                let months = Months::new(
                    u32::try_from(count).ok()? * if unit == Unit::Year { 12 } else { 1 },
                );
                if forward {
                    d.checked_add_months(months)
                } else {
                    d.checked_sub_months(months)
                }
            }
            Unit::SubDay | Unit::Decade => None,
        }
    };
    let (first, last) = if n >= 0 {
        (anchor, step(anchor, true)?)
    } else {
        (step(anchor, false)?, anchor)
    };
    span(first, last)
}

/// A run of days filed under the finest month or year that holds it; a week
/// across New Year is filed under the year it starts in.
fn span(first: NaiveDate, last: NaiveDate) -> Option<DateValue> {
    let date = if first.year() == last.year() && first.month() == last.month() {
        ArticleDate::month(first.year(), first.month())?
    } else {
        ArticleDate::year(first.year())?
    };
    Some(DateValue {
        date,
        first,
        last,
        part: None,
        year_from_anchor: false,
    })
}
