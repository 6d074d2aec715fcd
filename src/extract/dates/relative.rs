//! The relative date patterns: weekdays, "last week", "three years ago",
//! "a day after", and whether a weekday's clause looks ahead. Part of the
//! expression scanner; placing them on the calendar is `resolve`'s work.

use chrono::Weekday;

use super::expr::{Dir, Expr, Match, Scan};
use super::lexicon::{self as lx, Unit, is, is_any};
use super::tokens::Kind;

impl Scan<'_> {
    /// A weekday, or a full date it introduces ("Friday, Dec. 5, 2025").
    pub(super) fn weekday(&self, i: usize, day: Weekday) -> Match {
        let j = if self.punct(i + 1, &[","]) {
            i + 2
        } else {
            i + 1
        };
        if let Some(found) = self
            .iso(j)
            .or_else(|| self.day_month(j))
            .or_else(|| self.month_first(j))
            && matches!(found.1, Expr::Full { .. } | Expr::MonthDay { .. })
        {
            return Some(found);
        }
        let dir = if self.future_context(i) {
            Dir::Future
        } else {
            Dir::Past
        };
        Some((i + 1, Expr::Weekday { day, dir }))
    }

    /// Whether the clause before token `i` speaks of the future.
    fn future_context(&self, i: usize) -> bool {
        if i > 0 && self.word(i - 1).is_some_and(|w| is(w, "by")) {
            return true;
        }
        for k in (i.saturating_sub(8)..i).rev() {
            if self.punct(k, &[".", "!", "?", ";"]) {
                return false;
            }
            if self.word(k).is_some_and(|w| is_any(w, lx::FUTURE_CUES)) {
                return true;
            }
        }
        false
    }

    /// "last week", "next month", "this year", "last Friday", "last January".
    pub(super) fn modified(&self, i: usize) -> Match {
        let w = self.text_of(i);
        let (dir, offset) = if is(w, "last") {
            (Dir::Last, -1)
        } else if is(w, "next") {
            (Dir::Next, 1)
        } else {
            (Dir::This, 0)
        };
        let next = self.word(i + 1)?;
        if let Some(day) = lx::weekday_name(next) {
            return Some((i + 2, Expr::Weekday { day, dir }));
        }
        if let Some((m, true, _)) = self.month_at(i + 1) {
            return Some((i + 2, Expr::RelMonth { m, dir }));
        }
        if let Some(unit @ (Unit::Week | Unit::Month | Unit::Year)) = lx::unit(next)
            && !next.ends_with(['s', 'S'])
        {
            return Some((i + 2, Expr::RelUnit { unit, offset }));
        }
        None
    }

    /// "three years ago", "2 days ago", "a day after", "two weeks later".
    pub(super) fn count(&self, i: usize) -> Match {
        let n = match self.kind(i)? {
            Kind::Num => i64::from(self.plain_number(i, 3)?.0),
            Kind::Word => lx::number_word(self.text_of(i))?,
            Kind::Punct => return None,
        };
        let unit = lx::unit(self.word(i + 1)?)?;
        let after = self.word(i + 2)?;
        if is(after, "ago") {
            return Some((i + 3, Expr::RelUnit { unit, offset: -n }));
        }
        is_any(after, &["after", "later", "before", "earlier"])
            .then_some((i + 3, Expr::EventRelative))
    }

    /// "the day before", "the week after", "the following day", "the next month".
    pub(super) fn the_unit(&self, i: usize) -> Match {
        let w1 = self.word(i + 1)?;
        if is_any(w1, &["following", "next", "previous"]) {
            lx::unit(self.word(i + 2)?).filter(|u| *u != Unit::SubDay)?;
            return Some((i + 3, Expr::EventRelative));
        }
        lx::unit(w1).filter(|u| *u != Unit::SubDay)?;
        let w2 = self.word(i + 2)?;
        is_any(w2, &["before", "after"]).then_some((i + 3, Expr::EventRelative))
    }
}

pub(super) fn relative_day(w: &str) -> Option<i64> {
    if is(w, "yesterday") {
        Some(-1)
    } else if is(w, "today") || is(w, "tonight") {
        Some(0)
    } else if is(w, "tomorrow") {
        Some(1)
    } else {
        None
    }
}
