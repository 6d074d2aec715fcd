//! Whether the clause around a date looks ahead ("is to arrive on Sunday",
//! "will meet in March", "with effect from Friday") or back ("said on
//! Friday"). A weekday or a month written without its year is placed forward
//! from the anchor in a clause that looks ahead and backward otherwise; this
//! decides which. Part of the expression scanner; knows nothing of calendars.

use super::expr::Scan;
use super::lexicon::{is, is_any};

/// How far back, in tokens, a cue may stand from the date it governs: far
/// enough for "unlikely to change its key rate at its meeting on Thursday".
const CLAUSE_TOKENS: usize = 14;

/// Words that put what follows in the future on their own.
const AHEAD: &[&str] = &[
    "will",
    "shall",
    "ll",
    "due",
    "scheduled",
    "expected",
    "planned",
    "upcoming",
    "until",
    "deadline",
    "tomorrow",
];

/// Words that put what follows in the future when "to" follows them: "is to
/// arrive", "plans to vote", "unlikely to change". Nouns such as "plan" alone
/// ("the plan unveiled on Monday") say nothing of when.
const AHEAD_BEFORE_TO: &[&str] = &[
    "is",
    "are",
    "am",
    "likely",
    "unlikely",
    "set",
    "plan",
    "plans",
    "aims",
    "aim",
    "intends",
    "intend",
    "going",
    "poised",
    "hopes",
    "hope",
    "wants",
    "want",
    "seeks",
    "prepares",
    "preparing",
];

/// Words that put a clause in the past; the nearer cue of the two kinds wins
/// ("the firm, which will be sold, said on Friday" looks back).
const BACK: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "yesterday",
    "earlier",
    "last",
];

impl Scan<'_> {
    /// Whether the clause that token `i` sits in speaks of the future.
    pub(super) fn looks_ahead(&self, i: usize) -> bool {
        if i > 0 && self.word(i - 1).is_some_and(|w| is(w, "by")) {
            return true;
        }
        for k in (i.saturating_sub(CLAUSE_TOKENS)..i).rev() {
            if self.punct(k, &[".", "!", "?", ";"]) {
                return false;
            }
            let Some(w) = self.word(k) else {
                continue;
            };
            let before_to = self.word(k + 1).is_some_and(|n| is(n, "to"));
            if is_any(w, AHEAD) || (before_to && is_any(w, AHEAD_BEFORE_TO)) {
                return true;
            }
            // "with effect from Friday": a change that takes effect.
            if is(w, "effect") && self.word(k + 1).is_some_and(|n| is(n, "from")) {
                return true;
            }
            // A past participle or past tense ("approved", "signed") that
            // no cue above claimed.
            let past_form = w.len() > 4 && w.ends_with("ed") && w.starts_with(char::is_lowercase);
            if (is_any(w, BACK) || past_form) && !before_to {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::find_dates;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The first day of the last mention, against a Wednesday anchor.
    fn first_day(text: &str) -> NaiveDate {
        let found = find_dates(text, Some(ymd(2024, 10, 16)));
        let last = found.last().unwrap_or_else(|| panic!("{text:?}"));
        last.value.unwrap_or_else(|| panic!("{text:?}")).first
    }

    #[test]
    fn weekdays_in_clauses_that_look_ahead_are_the_next_one() {
        for text in [
            "The minister is to arrive on Sunday for two days of talks.",
            "A new tariff applies with effect from Friday, the ministry said.",
            "The bank is unlikely to change its key lending rate at its meeting on Thursday.",
            "The ferry service is due to resume on Thursday.",
            "Workers plan to walk out on Thursday over pay.",
            "Officials hope to sign the accord on Thursday in Geneva.",
        ] {
            assert!(first_day(text) > ymd(2024, 10, 16), "{text}");
        }
    }

    #[test]
    fn weekdays_elsewhere_are_the_last_one() {
        for text in [
            "The plan unveiled on Monday drew criticism from unions.",
            "Police said on Tuesday that two men had been arrested.",
            "The council, which will vote again next year, approved the budget on Monday.",
            "Shares fell 3% on Tuesday. Analysts expect a rebound.",
            "A plan for new homes was rejected on Monday by the council.",
        ] {
            assert!(first_day(text) <= ymd(2024, 10, 16), "{text}");
        }
        assert_eq!(
            first_day("The plan unveiled on Monday drew criticism."),
            ymd(2024, 10, 14)
        );
    }

    #[test]
    fn months_without_a_year_follow_the_clause() {
        assert_eq!(
            first_day("Elections will be held in March under the new law."),
            ymd(2025, 3, 1)
        );
        assert_eq!(
            first_day("The company cut 300 jobs in March, it said."),
            ymd(2024, 3, 1)
        );
        assert_eq!(
            first_day("The rules are to take effect on 5 January."),
            ymd(2025, 1, 5)
        );
        assert_eq!(
            first_day("Flooding on 20 December closed the road."),
            ymd(2023, 12, 20)
        );
    }
}
