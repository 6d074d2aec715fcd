//! A date for an article that came without one, read only from solid
//! evidence in its text.
//!
//! Policy: the article's date is taken only from a date stamp, a short line
//! that is a full date with its year and at most a few label words around it
//! ("Published 2 December 2025", "Nov. 18, 2019 | 6:00 PM", "By Jane Doe,
//! Monday, Nov. 18, 2019"); the first such line wins, at day granularity.
//! Dates in the story's sentences are not its date: a story mentions the
//! past it looks back on ("the invasion in February 2022") far more often
//! than its own day, and on the BBC News set (stories from 2004–05) taking
//! the latest dated mention put 98 of 208 stories in the wrong year.
//!
//! `latest_mentioned_date` gives that latest mention for what it is worth, a
//! lower bound: only dates written with their year count, full dates
//! ("2 December 2025", "2025-12-02") and months with a year ("February
//! 2022"); bare years, "early 2022", relative expressions and month-days
//! without a year do not, nor do dates in a clause that speaks of the future
//! ("talks will resume on 5 January 2026"). The latest full date wins at day
//! granularity unless a month-year falls in a later month, which then gives
//! that month. When any mention with a written year, even a bare one
//! ("advances in 2025"), lies in a later year, there is no bound worth
//! giving. Years outside 1900–2100 are ignored.

use chrono::Datelike;

use super::lexicon::is_any;
use super::tokens;
use super::{DateMention, find_dates};
use crate::corpus::{ArticleDate, Granularity};

/// The date of an undated article, from its first date stamp line, and that
/// line as evidence.
pub fn infer_article_date(body: &str) -> Option<(ArticleDate, Vec<String>)> {
    // A stamp is a short line with a digit in it: only such lines are
    // scanned, which keeps this cheap on long bodies.
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().len() > STAMP_MAX_LEN || !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let mentions = find_dates(line, None);
        let spans: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (start + m.start, start + m.end))
            .collect();
        let found = mentions.iter().find_map(|m| {
            let v = m.value?;
            if m.relative || v.year_from_anchor || v.date.granularity != Granularity::Day {
                return None;
            }
            let stamp = stamp_line(body, start + m.start, start + m.end, &spans)?;
            Some((v.date, vec![stamp.to_string()]))
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Longest line, in bytes, that can be a date stamp.
const STAMP_MAX_LEN: usize = 100;

/// Most label words a date stamp line may carry besides its dates and times.
const STAMP_MAX_WORDS: usize = 6;

/// Most capitalised words after a date that opens its line: a page's date
/// line often goes on with the author and the post's categories
/// ("21/06/2014 Jane Roe News, Reviews").
const STAMP_MAX_WORDS_AFTER: usize = 10;

/// Lowercase words a date stamp may carry.
const STAMP_WORDS: &[&str] = &[
    "on",
    "at",
    "by",
    "am",
    "pm",
    "a.m",
    "p.m",
    "updated",
    "published",
    "posted",
    "modified",
    "last",
    "first",
    "date",
    "dated",
    "and",
    "of",
    "the",
    "et",
    "gmt",
    "utc",
    "edt",
    "est",
];

/// The line holding `start..end` when it reads as a date stamp. `dates` are
/// all the date mentions of the line ("Mon 18 Nov 2019 18.54 GMT Last
/// modified on Mon 18 Nov 2019 18.56 GMT"): none of them counts as a label word.
fn stamp_line<'a>(
    body: &'a str,
    start: usize,
    end: usize,
    dates: &[(usize, usize)],
) -> Option<&'a str> {
    let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[end..].find('\n').map_or(body.len(), |i| end + i);
    let line = body[line_start..line_end].trim();
    // An embedded post's signature ("— Name (@handle) November 18, 2019")
    // dates the post, not the story.
    if line.len() > STAMP_MAX_LEN || line.contains("(@") {
        return None;
    }
    // A cell of a text table ("Pay  Aug  14, 2025") dates an item, not the story.
    if line.contains("  ") || line.contains('\t') {
        return None;
    }
    // The tail of a sentence ("... acquired Sept. 1, 1986.") or of a wrapped line.
    let lower = line.to_ascii_lowercase();
    if line.ends_with([',', ';'])
        || (line.ends_with('.') && !lower.ends_with("a.m.") && !lower.ends_with("p.m."))
    {
        return None;
    }
    if continues_previous_line(body, line_start) {
        return None;
    }
    let mut rest: Vec<&str> = Vec::new();
    let mut at = line_start;
    for &(s, e) in dates
        .iter()
        .filter(|&&(s, e)| s >= line_start && e <= line_end)
    {
        rest.push(&body[at..s.max(at)]);
        at = at.max(e);
    }
    rest.push(&body[at..line_end]);
    // "Tue 4 Mar 2025": a weekday before the date still opens the line.
    let opens_line = body[line_start..start]
        .split(|c: char| !c.is_alphabetic())
        .all(|w| w.is_empty() || is_weekday(w));
    let words: Vec<&str> = rest
        .iter()
        .flat_map(|part| part.split(|c: char| !c.is_alphabetic() && c != '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| w.chars().count() > 1 && !is_weekday(w))
        .collect();
    // Labels and names are capitalised; a lowercase word other than a label
    // makes the line a piece of a sentence ("completed by ...", "Year to ...").
    let prose = words
        .iter()
        .any(|w| w.starts_with(char::is_lowercase) && !is_any(w, STAMP_WORDS));
    let most = if opens_line {
        STAMP_MAX_WORDS_AFTER
    } else {
        STAMP_MAX_WORDS
    };
    (words.len() <= most && !prose).then_some(line)
}

/// A weekday's name or its abbreviation ("Tue", "Thurs").
fn is_weekday(w: &str) -> bool {
    super::lexicon::weekday_name_any_case(w).is_some()
        || is_any(
            w,
            &[
                "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            ],
        )
}

/// Whether the line starting at `line_start` continues a hard-wrapped
/// sentence: the line before is long and does not end a sentence.
fn continues_previous_line(body: &str, line_start: usize) -> bool {
    let Some(before) = body[..line_start].strip_suffix('\n') else {
        return false;
    };
    let prev = before.rsplit('\n').next().unwrap_or(before).trim_end();
    prev.chars().count() >= 40 && !prev.ends_with(['.', '!', '?', ':', '"', '”', '|'])
}

/// The latest date the text writes out with its year: a lower bound on when
/// it was written, not its date (see the module notes), with the mentions
/// naming it.
pub fn latest_mentioned_date(body: &str) -> Option<(ArticleDate, Vec<String>)> {
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
        .any(|t| is_any(&clause[t.start..t.end], super::lexicon::FUTURE_CUES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> ArticleDate {
        ArticleDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn date_stamp_lines_date_the_article() {
        for (body, stamp) in [
            (
                "Tuesday, December 2, 2025\n\nThe council voted.",
                "Tuesday, December 2, 2025",
            ),
            (
                "Published: 2 December 2025 at 10:00 GMT\nThe council voted.",
                "Published: 2 December 2025 at 10:00 GMT",
            ),
            (
                "By Jane Doe | Dec. 2, 2025 | 6:00 PM ET\nThe council voted.",
                "By Jane Doe | Dec. 2, 2025 | 6:00 PM ET",
            ),
            (
                "Headline here\nUpdated 2025-12-02 18:00\nThe council voted.",
                "Updated 2025-12-02 18:00",
            ),
        ] {
            let (date, evidence) = infer_article_date(body).unwrap_or_else(|| panic!("{body:?}"));
            assert_eq!(date, day(2025, 12, 2), "{body:?}");
            assert_eq!(evidence, [stamp]);
        }
    }

    #[test]
    fn a_page_date_line_dates_the_article() {
        for (body, date) in [
            (
                "Tue 4 Mar 2025 09.12 GMT Last modified on Tue 4 Mar 2025 10.40 GMT\nThe council voted.",
                day(2025, 3, 4),
            ),
            (
                "17/03/2016 Jane Roe Travel, Food, Features\nThe council voted.",
                day(2016, 3, 17),
            ),
            ("Posted on 03/17/2016\nThe council voted.", day(2016, 3, 17)),
        ] {
            let (found, evidence) = infer_article_date(body).unwrap_or_else(|| panic!("{body:?}"));
            assert_eq!(found, date, "{body:?}");
            assert_eq!(evidence, [body.lines().next().unwrap()]);
        }
        // A date that opens a sentence is no date line.
        assert_eq!(
            infer_article_date("17/03/2016 was the day the council finally voted"),
            None
        );
    }

    #[test]
    fn the_first_stamp_wins() {
        let body = "Nov 18, 2019\nThe story.\n\nRelated\nOther story\nNovember 12, 2018";
        assert_eq!(
            infer_article_date(body).map(|(d, _)| d),
            Some(day(2019, 11, 18))
        );
    }

    #[test]
    fn dates_in_sentences_are_not_stamps() {
        for body in [
            "The deal was signed on 2 December 2025.",
            "Russia's invasion began in February 2022 and the talks on 3 March 2022 failed.",
            "On 2 December 2025 the council voted to close the plant after years of losses.",
            "Tuesday, 1 March\n\n1945 GMT",
            "Friday\nlast week",
            "— A. Reporter (@areporter) December 2, 2025",
            "The company said the sale would be completed by\nSeptember 1, 2025",
            "The company said the unit, which it bought in a deal that closed\nSept. 1, 2025\n",
            "It was acquired\nSept. 1, 2025.",
            "Year to December 31, 2025",
            "Qtly div 10 cts vs 10 cts prior\nPay  Aug  14, 2025",
            "",
        ] {
            assert_eq!(infer_article_date(body), None, "{body:?}");
        }
    }

    #[test]
    fn latest_full_date_at_day_granularity() {
        let body = "The deal was first drafted on 5 November 2025. It was signed on Dec. 2, 2025, \
                    two years after talks opened in March 2023.";
        let (date, evidence) = latest_mentioned_date(body).unwrap();
        assert_eq!(date, day(2025, 12, 2));
        assert_eq!(evidence, ["on Dec. 2, 2025"]);
    }

    #[test]
    fn month_year_mentions_give_month_granularity() {
        let body = "Prices peaked in February 2022 and again in March 2023, traders said.";
        let (date, evidence) = latest_mentioned_date(body).unwrap();
        assert_eq!(date, ArticleDate::month(2023, 3).unwrap());
        assert_eq!(evidence, ["in March 2023"]);
    }

    #[test]
    fn a_later_month_beats_an_earlier_day() {
        let body = "Filed on 3 March 2024. By June 2024 the plant had closed.";
        assert_eq!(
            latest_mentioned_date(body).map(|(d, _)| d),
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
            assert_eq!(latest_mentioned_date(body), None, "{body}");
            assert_eq!(infer_article_date(body), None, "{body}");
        }
    }

    #[test]
    fn announced_dates_are_not_evidence() {
        let body =
            "The ceasefire was agreed on 2 December 2025. Talks will resume on 5 January 2026.";
        assert_eq!(
            latest_mentioned_date(body).map(|(d, _)| d),
            Some(day(2025, 12, 2))
        );
    }

    #[test]
    fn a_later_year_makes_the_latest_date_history() {
        let body =
            "Russia's invasion in February 2022 was the start. Advances in 2025 were the fastest.";
        assert_eq!(latest_mentioned_date(body), None);
    }

    #[test]
    fn repeated_evidence_is_all_returned() {
        let body = "Markets fell on 4 April 2025. By the close of 4 April 2025 losses had doubled.";
        let (date, evidence) = latest_mentioned_date(body).unwrap();
        assert_eq!(date, day(2025, 4, 4));
        assert_eq!(evidence.len(), 2);
    }
}
