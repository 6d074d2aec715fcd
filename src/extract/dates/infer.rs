//! A date for an article that came without one, read only from solid
//! evidence in its text.
//!
//! Policy: only dates the text writes out with their year count: full dates
//! ("2 December 2025", "Dec. 2, 2025", "2025-12-02") and months with a year
//! ("February 2022"). Bare years ("in 2014"), qualified periods ("early
//! 2022"), relative expressions ("last week") and month-days without a year
//! are not evidence, and neither are dates in a clause that speaks of the
//! future ("talks will resume on 5 January 2026"), since a story is written
//! after the events it reports but before those it announces. Of what remains
//! the latest wins, as a story is usually dated by the most recent thing it
//! reports: the latest full date at day granularity, unless a month-year
//! mention falls in a later month, which then gives that month. Years outside
//! 1900–2100 are ignored. When any mention with a written year, even a bare
//! one ("advances in 2025"), lies in a later year than the chosen date, that
//! date is history the story looks back on and no date is inferred.

use chrono::Datelike;

use super::tokens;
use super::{DateMention, find_dates};
use crate::corpus::{ArticleDate, Granularity};

/// The inferred date and the text it was read from (the deciding mention
/// first, then others naming the same period).
pub fn infer_article_date(body: &str) -> Option<(ArticleDate, Vec<String>)> {
    let mentions = find_dates(body, None);
    let evidence: Vec<(ArticleDate, &DateMention)> = mentions
        .iter()
        .filter_map(|m| {
            let v = m.value?;
            let solid = !m.relative
                && !v.year_from_anchor
                && v.part.is_none()
                && matches!(v.date.granularity, Granularity::Day | Granularity::Month)
                && (1900..=2100).contains(&v.date.start.year())
                && !future_clause(body, m.start);
            solid.then_some((v.date, m))
        })
        .collect();
    let latest_day = evidence
        .iter()
        .filter(|(d, _)| d.granularity == Granularity::Day)
        .map(|(d, _)| *d)
        .max_by_key(|d| d.start);
    let latest_month = evidence
        .iter()
        .filter(|(d, _)| d.granularity == Granularity::Month)
        .map(|(d, _)| *d)
        .max_by_key(|d| d.start);
    let chosen = match (latest_day, latest_month) {
        (Some(day), Some(month)) if month.start > day.end() => month,
        (Some(day), _) => day,
        (None, Some(month)) => month,
        (None, None) => return None,
    };
    // A later year named anywhere ("advances in 2025") shows the story is
    // newer than its latest full date, which is then history, not its date.
    let later_year = mentions.iter().any(|m| {
        m.value.is_some_and(|v| {
            !v.year_from_anchor
                && v.date.start.year() > chosen.start.year()
                && v.date.start.year() <= 2100
        }) && !future_clause(body, m.start)
    });
    if later_year {
        return None;
    }
    let mut texts: Vec<String> = evidence
        .iter()
        .filter(|(d, _)| *d == chosen)
        .map(|(_, m)| m.text.clone())
        .collect();
    texts.dedup();
    Some((chosen, texts))
}

fn future_clause(body: &str, at: usize) -> bool {
    let start = body[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let clause = &body[start..at];
    tokens::tokenize(clause)
        .iter()
        .rev()
        .take(10)
        .any(|t| super::lexicon::is_any(&clause[t.start..t.end], super::lexicon::FUTURE_CUES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> ArticleDate {
        ArticleDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn latest_full_date_at_day_granularity() {
        let body = "The deal was first drafted on 5 November 2025. It was signed on Dec. 2, 2025, \
                    two years after talks opened in March 2023.";
        let (date, evidence) = infer_article_date(body).unwrap();
        assert_eq!(date, day(2025, 12, 2));
        assert_eq!(evidence, ["on Dec. 2, 2025"]);
    }

    #[test]
    fn month_year_mentions_give_month_granularity() {
        let body = "Prices peaked in February 2022 and again in March 2023, traders said.";
        let (date, evidence) = infer_article_date(body).unwrap();
        assert_eq!(date, ArticleDate::month(2023, 3).unwrap());
        assert_eq!(evidence, ["in March 2023"]);
    }

    #[test]
    fn a_later_month_beats_an_earlier_day() {
        let body = "Filed on 3 March 2024. By June 2024 the plant had closed.";
        assert_eq!(
            infer_article_date(body).map(|(d, _)| d),
            ArticleDate::month(2024, 6)
        );
    }

    #[test]
    fn vague_cues_bare_years_and_relative_dates_are_not_evidence() {
        for body in [
            "Despite nearly four years of war, talks resumed last week.",
            "The conflict began in 2014 and escalated in 2022.",
            "On Friday officials met; the strike on Sept. 2 was discussed.",
            "Fighting intensified in early 2022.",
            "",
        ] {
            assert_eq!(infer_article_date(body), None, "{body}");
        }
    }

    #[test]
    fn announced_dates_are_not_evidence() {
        let body =
            "The ceasefire was agreed on 2 December 2025. Talks will resume on 5 January 2026.";
        assert_eq!(
            infer_article_date(body).map(|(d, _)| d),
            Some(day(2025, 12, 2))
        );
    }

    #[test]
    fn a_later_year_makes_the_latest_date_history() {
        let body =
            "Russia's invasion in February 2022 was the start. Advances in 2025 were the fastest.";
        assert_eq!(infer_article_date(body), None);
    }

    #[test]
    fn repeated_evidence_is_all_returned() {
        let body = "Markets fell on 4 April 2025. By the close of 4 April 2025 losses had doubled.";
        let (date, evidence) = infer_article_date(body).unwrap();
        assert_eq!(date, day(2025, 4, 4));
        assert_eq!(evidence.len(), 2);
    }
}
