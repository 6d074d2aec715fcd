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
        // Which occurrence is meant is the clause's question (`clause`).
        Some((
            i + 1,
            Expr::Weekday {
                day,
                dir: Dir::Past,
            },
        ))
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
            return Some((
                i + 2,
                Expr::RelUnit {
                    unit,
                    offset,
                    calendar: true,
                },
            ));
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
            return Some((
                i + 3,
                Expr::RelUnit {
                    unit,
                    offset: -n,
                    calendar: false,
                },
            ));
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

impl Scan<'_> {
    /// "over the next month", "in the past two weeks", "within the coming
    /// year": a stretch from the anchor. "The next month" alone follows some
    /// other event and is left to `the_unit`.
    pub(super) fn window(&self, i: usize) -> Match {
        if !is_any(self.word(i)?, &["over", "in", "within", "during", "for"])
            || !is(self.word(i + 1)?, "the")
        {
            return None;
        }
        let w = self.word(i + 2)?;
        let sign = if is_any(w, &["next", "coming"]) {
            1
        } else if is_any(w, &["past", "last"]) {
            -1
        } else {
            return None;
        };
        let mut j = i + 3;
        let count = match self.kind(j)? {
            Kind::Num => self.plain_number(j, 2).map(|(n, _)| i64::from(n)),
            Kind::Word => lx::number_word(self.text_of(j)),
            Kind::Punct => None,
        };
        if count.is_some() {
            j += 1;
        }
        let word = self.word(j)?;
        let unit = lx::unit(word)?;
        // "the next months" says no how many; "the next two month" is no English.
        let plural = word.ends_with(['s', 'S']);
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            || plural != count.is_some_and(|n| n != 1)
        {
            return None;
        }
        Some((
            j + 1,
            Expr::Window {
                unit,
                n: sign * count.unwrap_or(1),
            },
        ))
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{DateMention, find_dates};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn only(text: &str, anchor: NaiveDate) -> DateMention {
        let found = find_dates(text, Some(anchor));
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        found[0].clone()
    }

    fn span(text: &str, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
        let v = only(text, anchor)
            .value
            .unwrap_or_else(|| panic!("{text:?}"));
        (v.first, v.last)
    }

    #[test]
    fn last_week_at_the_weekend_is_the_week_just_ended() {
        let text = "The deal was signed last week in Brussels.";
        // Saturday 19 and Sunday 20 October 2024: the week of 14 October.
        for anchor in [ymd(2024, 10, 19), ymd(2024, 10, 20)] {
            assert_eq!(span(text, anchor), (ymd(2024, 10, 14), ymd(2024, 10, 20)));
        }
        // On a weekday it is the week before the anchor's own.
        assert_eq!(
            span(text, ymd(2024, 10, 16)),
            (ymd(2024, 10, 7), ymd(2024, 10, 13))
        );
        // "a week ago" counts back from the anchor whatever its weekday.
        assert_eq!(
            span("It was announced a week ago.", ymd(2024, 10, 19)),
            (ymd(2024, 10, 7), ymd(2024, 10, 13))
        );
        // "next week" at the weekend is the one starting on the coming Monday.
        assert_eq!(
            span("Talks resume next week.", ymd(2024, 10, 19)),
            (ymd(2024, 10, 21), ymd(2024, 10, 27))
        );
    }

    #[test]
    fn windows_from_the_anchor_get_values() {
        let anchor = ymd(2024, 10, 16);
        let m = only(
            "Prices could rise over the next month, traders said.",
            anchor,
        );
        assert_eq!(m.text, "over the next month");
        assert!(m.relative);
        let v = m.value.unwrap();
        assert_eq!((v.first, v.last), (anchor, ymd(2024, 11, 16)));
        assert_eq!(
            span("Sales doubled over the past two years.", anchor),
            (ymd(2022, 10, 16), anchor)
        );
        assert_eq!(
            span("The rules take effect within the next three weeks.", anchor),
            (anchor, ymd(2024, 11, 6))
        );
        assert_eq!(
            span("The board meets next month.", anchor),
            (ymd(2024, 11, 1), ymd(2024, 11, 30))
        );
        // Following another event, "the next month" has no value of its own.
        let m = only("He was arrested and the next month he fled.", anchor);
        assert_eq!(m.value, None);
        assert!(
            find_dates("in the next months", Some(anchor))
                .iter()
                .all(|m| m.value.is_none()),
            "no count, no span"
        );
    }
}
