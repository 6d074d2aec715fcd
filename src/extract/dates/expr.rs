//! Recognises date expressions in a token stream and says what kind each is,
//! without placing it on the calendar (that needs an anchor; see `resolve`).
//! Patterns are tried left to right, longest first, so matches never overlap.

use chrono::{NaiveDate, Weekday};

use super::Part;
use super::lexicon::{self as lx, Unit, is, is_any};
use super::tokens::{Kind, Token};

/// Which occurrence of a weekday or month is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// The latest one on or before the anchor (past-tense news: "on Friday").
    Past,
    /// The first one on or after the anchor ("will meet on Friday").
    Future,
    /// Strictly before the anchor ("last Friday", "last January").
    Last,
    /// Strictly after the anchor ("next Friday").
    Next,
    /// In the anchor's own week or year ("this Friday", "this March").
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    /// Day, month and year all written.
    Full {
        y: i32,
        m: u32,
        d: u32,
    },
    /// Month and day, no year ("Sept. 2", "2 December").
    MonthDay {
        m: u32,
        d: u32,
    },
    MonthYear {
        y: i32,
        m: u32,
    },
    /// A month on its own ("in August").
    Month {
        m: u32,
    },
    Year {
        y: i32,
    },
    /// "early 2022", "mid-March", "late February 2023".
    Part {
        part: Part,
        m: Option<u32>,
        y: Option<i32>,
    },
    Weekday {
        day: Weekday,
        dir: Dir,
    },
    /// A month with a direction word ("last January").
    RelMonth {
        m: u32,
        dir: Dir,
    },
    /// Days from the anchor ("yesterday" is -1).
    RelDay(i64),
    /// Whole units from the anchor ("last week" is -1 week, "three years
    /// ago" is -3 years).
    RelUnit {
        unit: Unit,
        offset: i64,
        /// Named by the calendar ("last week") rather than counted back
        /// from the anchor ("a week ago").
        calendar: bool,
    },
    /// A stretch of whole units from the anchor, forward for a positive
    /// count ("over the next month", "in the coming two weeks") and back for
    /// a negative one ("over the past year").
    Window {
        unit: Unit,
        n: i64,
    },
    /// Relative to some other event ("a day after", "two weeks later").
    EventRelative,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    /// The clause looks ahead: a weekday or month without its year is the
    /// next one, not the last.
    pub ahead: bool,
}

pub(super) fn scan(text: &str, toks: &[Token]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut from = 0;
    for to in (1..=toks.len()).filter(|&k| k == toks.len() || toks[k].new_paragraph) {
        scan_paragraph(text, &toks[from..to], &mut out);
        from = to;
    }
    out
}

fn scan_paragraph(text: &str, toks: &[Token], out: &mut Vec<Found>) {
    let sc = Scan { text, toks };
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        match sc.match_at(i) {
            Some((end, expr)) => {
                let mut start = i;
                if start > floor && sc.takes_preposition(start - 1, &expr) {
                    start -= 1;
                }
                let ahead = needs_direction(&expr) && sc.looks_ahead(start);
                out.push(Found {
                    start: toks[start].start,
                    end: toks[end - 1].end,
                    expr,
                    ahead,
                });
                i = end;
                floor = end;
            }
            None => i += 1,
        }
    }
}

/// Whether the expression leaves open which occurrence is meant, so the
/// clause around it must say.
fn needs_direction(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Weekday { dir: Dir::Past, .. }
            | Expr::MonthDay { .. }
            | Expr::Month { .. }
            | Expr::Part { y: None, .. }
    )
}

pub(super) struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token],
}

/// A match: index one past its last token, and what it is.
pub(super) type Match = Option<(usize, Expr)>;

impl<'a> Scan<'a> {
    pub(super) fn text_of(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    pub(super) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub(super) fn word(&self, i: usize) -> Option<&'a str> {
        (self.kind(i) == Some(Kind::Word)).then(|| self.text_of(i))
    }

    pub(super) fn punct(&self, i: usize, marks: &[&str]) -> bool {
        self.kind(i) == Some(Kind::Punct) && marks.contains(&self.text_of(i))
    }

    /// Token `i` ends exactly where token `i + 1` starts.
    pub(super) fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }

    /// A digit run that stands alone: not part of `115,600`, `3.5`, `18:00`,
    /// `$2025`, `19%` or `10am`. An ordinal suffix is allowed and skipped;
    /// returns the value and the index after the number.
    pub(super) fn plain_number(&self, i: usize, max_len: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.end - t.start > max_len {
            return None;
        }
        if i > 0 && self.touches_next(i - 1) {
            let prev = self.text_of(i - 1);
            if ["$", "£", "€", "#", "/"].contains(&prev) {
                return None;
            }
            if [",", ".", ":", "-"].contains(&prev)
                && i > 1
                && self.touches_next(i - 2)
                && self.is_num(i - 2)
            {
                return None;
            }
        }
        let mut next = i + 1;
        if self.touches_next(i) {
            let after = self.text_of(i + 1);
            match self.kind(i + 1) {
                Some(Kind::Word) => {
                    if is_any(after, &["st", "nd", "rd", "th"]) && t.end - t.start <= 2 {
                        next = i + 2;
                    } else {
                        return None;
                    }
                }
                Some(Kind::Punct) => {
                    if after == "%" || after == "/" {
                        return None;
                    }
                    if [",", ".", ":"].contains(&after)
                        && self.touches_next(i + 1)
                        && self.is_num(i + 2)
                    {
                        return None;
                    }
                }
                _ => {}
            }
        }
        if self.word(next).is_some_and(|w| is_any(w, lx::MAGNITUDES)) {
            return None;
        }
        let value = self.text_of(i).parse().ok()?;
        Some((value, next))
    }

    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        self.plain_number(i, 2)
            .filter(|&(d, _)| (1..=31).contains(&d))
    }

    fn year_at(&self, i: usize, lo: i32, hi: i32) -> Option<(i32, usize)> {
        let (y, next) = self.plain_number(i, 4)?;
        let y = y as i32;
        // "1945 GMT" is a time of day.
        if self.word(next).is_some_and(|w| is_any(w, lx::TIME_WORDS)) {
            return None;
        }
        (self.toks[i].end - self.toks[i].start == 4 && next == i + 1 && (lo..=hi).contains(&y))
            .then_some((y, next))
    }

    /// A capitalised month name, with the full stop of an abbreviation.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, bool, usize)> {
        let (m, full) = lx::month_name(self.word(i)?)?;
        let next = if !full && self.touches_next(i) && self.punct(i + 1, &["."]) {
            i + 2
        } else {
            i + 1
        };
        Some((m, full, next))
    }

    /// "on Friday", "on 2 December", "in August", "in 2014": the preposition
    /// belongs to the mention; "in Sunday's paper" and "in this year's" do not.
    fn takes_preposition(&self, i: usize, expr: &Expr) -> bool {
        let Some(w) = self.word(i) else {
            return false;
        };
        match expr {
            Expr::Full { .. }
            | Expr::MonthDay { .. }
            | Expr::Weekday {
                dir: Dir::Past | Dir::Future,
                ..
            } => is(w, "on"),
            Expr::MonthYear { .. } | Expr::Month { .. } | Expr::Year { .. } | Expr::Part { .. } => {
                is(w, "in")
            }
            _ => false,
        }
    }

    fn match_at(&self, i: usize) -> Match {
        match self.kind(i)? {
            Kind::Num => self
                .iso(i)
                .or_else(|| self.numeric_date(i))
                .or_else(|| self.year_pair(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.count(i))
                .or_else(|| self.cued_year(i)),
            Kind::Word => {
                let w = self.text_of(i);
                if let Some(day) = lx::weekday_name(w) {
                    return self.weekday(i, day);
                }
                if lx::month_name(w).is_some() {
                    return self.month_first(i).or_else(|| self.cued_month(i));
                }
                if is_any(w, &["last", "next", "this"]) {
                    return self.modified(i);
                }
                if is_any(w, &["early", "mid", "late"]) {
                    return self.part(i);
                }
                if let Some(offset) = super::relative::relative_day(w) {
                    return Some((i + 1, Expr::RelDay(offset)));
                }
                if let Some(found) = self.window(i) {
                    return Some(found);
                }
                if is(w, "the") {
                    return self.the_unit(i);
                }
                self.count(i)
            }
            Kind::Punct => None,
        }
    }

    /// `2025-04-11` or `2025/04/11`.
    pub(super) fn iso(&self, i: usize) -> Match {
        if self.text_of(i).len() != 4
            || (i > 0 && self.touches_next(i - 1) && !self.punct(i - 1, &["(", "[", "\"", "'"]))
        {
            return None;
        }
        let sep = self.text_of(i + 1);
        if !(sep == "-" || sep == "/")
            || !(i..i + 4).all(|k| self.touches_next(k))
            || self.text_of(i + 3) != sep
        {
            return None;
        }
        let (m, d) = (self.text_of(i + 2), self.text_of(i + 4));
        if !self.is_num(i + 2) || !self.is_num(i + 4) || m.len() > 2 || d.len() > 2 {
            return None;
        }
        let y: i32 = self.text_of(i).parse().ok()?;
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(y, m, d)?;
        if self.touches_next(i + 4) && (self.is_num(i + 6) && self.punct(i + 5, &["-", "/", "."])) {
            return None;
        }
        Some((i + 5, Expr::Full { y, m, d }))
    }

    /// `2 December 2025`, `2nd of December`, `2 Dec`.
    pub(super) fn day_month(&self, i: usize) -> Match {
        let (d, mut j) = self.day_at(i)?;
        if self.word(j).is_some_and(|w| is(w, "of")) {
            j += 1;
        }
        let (m, _, k) = self.month_at(j)?;
        self.with_year(m, d, k)
    }

    /// `Sept. 2, 2025`, `Dec 2`, `February 2022`, `June of 1944`.
    pub(super) fn month_first(&self, i: usize) -> Match {
        let (m, _, j) = self.month_at(i)?;
        if let Some((d, k)) = self.day_at(j)
            && let Some(found) = self.with_year(m, d, k)
        {
            return Some(found);
        }
        let k = if self.word(j).is_some_and(|w| is(w, "of")) || self.punct(j, &[","]) {
            j + 1
        } else {
            j
        };
        let (y, end) = self.year_at(k, 1000, 2999)?;
        Some((end, Expr::MonthYear { y, m }))
    }

    /// After a month and day: an optional year; refuses days the month lacks.
    fn with_year(&self, m: u32, d: u32, k: usize) -> Match {
        let y_at = if self.punct(k, &[","]) { k + 1 } else { k };
        if let Some((y, end)) = self.year_at(y_at, 1000, 2999) {
            NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((end, Expr::Full { y, m, d }));
        }
        // A leap year admits every day any year could have.
        NaiveDate::from_ymd_opt(2024, m, d)?;
        Some((k, Expr::MonthDay { m, d }))
    }

    /// A month named on its own, only after a word that makes it a time.
    fn cued_month(&self, i: usize) -> Match {
        let w = self.word(i)?;
        let (m, full, _) = self.month_at(i)?;
        if !full || i == 0 {
            return None;
        }
        let cues = if lx::ambiguous_month(w) {
            lx::AMBIGUOUS_MONTH_CUES
        } else {
            lx::MONTH_CUES
        };
        let cued = self.word(i - 1).is_some_and(|p| is_any(p, cues))
            || (i >= 2
                && self.range_link(i - 1)
                && self.word(i - 2).and_then(lx::month_name).is_some());
        cued.then_some((i + 1, Expr::Month { m }))
    }

    /// A year on its own, only after a word that makes it a time ("in 2014").
    fn cued_year(&self, i: usize) -> Match {
        let (y, end) = self.year_at(i, 1900, 2100)?;
        if i == 0 {
            return None;
        }
        let cued = self.word(i - 1).is_some_and(|p| is_any(p, lx::YEAR_CUES))
            || (i >= 2 && self.range_link(i - 1) && self.year_mention_ends_at(i - 2));
        cued.then_some((end, Expr::Year { y }))
    }

    /// Whether token `i` is a year that is itself a date ("in 2014", "early
    /// 2014", "February 2014"), so that a year linked to it is one too.
    fn year_mention_ends_at(&self, mut i: usize) -> bool {
        // Walks back through a short chain ("in 2014, 2016 or 2018" is not
        // one, "from 2014 to 2016" is); bounded so long lists stay linear.
        for _ in 0..6 {
            if self.year_at(i, 1000, 2999).is_none() || i == 0 {
                return false;
            }
            let k = i - 1;
            if self.word(k).is_some_and(|w| {
                is_any(w, lx::YEAR_CUES)
                    || is_any(w, &["early", "mid", "late"])
                    || lx::month_name(w).is_some()
            }) {
                return true;
            }
            if k > 0
                && self.punct(k, &["-"])
                && self
                    .word(k - 1)
                    .is_some_and(|w| is_any(w, &["early", "mid", "late"]))
            {
                return true;
            }
            if k == 0 || !self.range_link(k) {
                return false;
            }
            i = k - 1;
        }
        false
    }

    fn range_link(&self, i: usize) -> bool {
        self.punct(i, &["-", "–", "—"])
            || self
                .word(i)
                .is_some_and(|w| is_any(w, &["to", "and", "or", "through", "until"]))
    }

    /// "early 2022", "mid-March", "late February 2023".
    fn part(&self, i: usize) -> Match {
        let w = self.text_of(i);
        let part = if is(w, "early") {
            Part::Early
        } else if is(w, "mid") {
            Part::Mid
        } else {
            Part::Late
        };
        let j = if self.touches_next(i) && self.punct(i + 1, &["-"]) {
            i + 2
        } else if is(w, "mid") {
            // "mid" only joins with a hyphen ("mid-March").
            return None;
        } else {
            i + 1
        };
        if let Some((m, _, k)) = self.month_at(j) {
            if let Some((y, end)) = self.year_at(k, 1000, 2999) {
                return Some((
                    end,
                    Expr::Part {
                        part,
                        m: Some(m),
                        y: Some(y),
                    },
                ));
            }
            return Some((
                k,
                Expr::Part {
                    part,
                    m: Some(m),
                    y: None,
                },
            ));
        }
        let (y, end) = self.year_at(j, 1900, 2100)?;
        Some((
            end,
            Expr::Part {
                part,
                m: None,
                y: Some(y),
            },
        ))
    }
}
