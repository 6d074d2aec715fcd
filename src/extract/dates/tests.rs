//! Date expressions in running text: what is found, where, and what it means.

use chrono::NaiveDate;

use super::*;
use crate::corpus::Granularity;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A Friday.
fn anchor() -> Option<NaiveDate> {
    Some(ymd(2025, 4, 11))
}

fn texts(text: &str) -> Vec<String> {
    find_dates(text, anchor())
        .into_iter()
        .map(|m| m.text)
        .collect()
}

/// The only mention in `text`, which must be exactly `expected`.
fn only(text: &str, expected: &str, anchor: Option<NaiveDate>) -> DateMention {
    let found = find_dates(text, anchor);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    assert_eq!(found[0].text, expected);
    found[0].clone()
}

fn value(text: &str, expected: &str) -> DateValue {
    only(text, expected, anchor())
        .value
        .unwrap_or_else(|| panic!("{text:?} has no value"))
}

#[test]
fn month_and_year() {
    let v = value(
        "Russia's invasion in February 2022 marked",
        "in February 2022",
    );
    assert_eq!(v.date, ArticleDate::month(2022, 2).unwrap());
    assert_eq!((v.first, v.last), (ymd(2022, 2, 1), ymd(2022, 2, 28)));
    assert!(!v.year_from_anchor);
    assert_eq!(
        value("signed in Sept. 2019 by", "in Sept. 2019").date,
        ArticleDate::month(2019, 9).unwrap()
    );
}

#[test]
fn full_dates_in_three_orders() {
    for (text, expected) in [
        ("The strike on Dec 2, 2025 killed", "on Dec 2, 2025"),
        (
            "It ended 2 December 2025, officials said",
            "2 December 2025",
        ),
        ("Filed December 2nd, 2025 at noon", "December 2nd, 2025"),
        ("as of 2025-12-02 the index", "2025-12-02"),
        ("Published Tuesday, Dec. 2, 2025.", "Tuesday, Dec. 2, 2025"),
    ] {
        let m = only(text, expected, None);
        assert!(!m.relative);
        assert_eq!(
            m.value.map(|v| v.date),
            Some(ArticleDate::day(ymd(2025, 12, 2))),
            "{text}"
        );
    }
}

#[test]
fn month_and_day_take_the_anchor_year() {
    let v = value("Survivors of the strike on Sept. 2 were", "on Sept. 2");
    assert_eq!(
        v.date,
        ArticleDate::day(ymd(2024, 9, 2)),
        "no look ahead: the last 2 September"
    );
    assert!(v.year_from_anchor, "a guessed year must say so");
    assert_eq!(
        value("The museum will reopen on Sept. 2 after", "on Sept. 2").date,
        ArticleDate::day(ymd(2025, 9, 2))
    );
    assert_eq!(
        value("Voters are to go to the polls on 3 April", "on 3 April").date,
        ArticleDate::day(ymd(2026, 4, 3)),
        "looking ahead: the next 3 April"
    );
    assert_eq!(
        value("the vote on 28 December", "on 28 December").date,
        ArticleDate::day(ymd(2024, 12, 28)),
        "far future means last year"
    );
    assert_eq!(
        value("Since Dec 2 prices", "Dec 2").date,
        ArticleDate::day(ymd(2024, 12, 2))
    );
}

#[test]
fn month_and_day_without_anchor_are_listed_without_value() {
    let m = only(
        "Survivors of the strike on Sept. 2 were",
        "on Sept. 2",
        None,
    );
    assert_eq!(m.value, None);
    assert!(!m.relative);
}

#[test]
fn bare_month_needs_a_cue_and_gets_the_anchor_year() {
    let v = value("a summit will be held in Alaska in August", "in August");
    assert_eq!(v.date, ArticleDate::month(2025, 8).unwrap());
    assert!(v.year_from_anchor);
    assert_eq!(
        value("a summit held in Alaska in August", "in August").date,
        ArticleDate::month(2024, 8).unwrap()
    );
    assert_eq!(
        value("prices have been falling since April", "April").date,
        ArticleDate::month(2025, 4).unwrap(),
        "the anchor's own month"
    );
    assert_eq!(
        value("he returned in January", "in January").date,
        ArticleDate::month(2025, 1).unwrap()
    );
    assert!(texts("August Wilson's plays and April Ryan's questions").is_empty());
    assert_eq!(
        texts("prices from January to March rose"),
        ["January", "March"]
    );
}

#[test]
fn may_and_march_as_words_are_not_months() {
    assert!(texts("You may want to march. May I ask? They March on.").is_empty());
    assert!(
        texts("a speech by May and a vote for May").is_empty(),
        "Theresa May"
    );
    assert_eq!(
        texts("elections in May and the rally on May 5"),
        ["in May", "on May 5"]
    );
    assert_eq!(
        texts("March 3 was cold; May 2024 was warm"),
        ["March 3", "May 2024"]
    );
    assert!(texts("Mar 2,000 people").is_empty());
}

#[test]
fn parts_of_years_and_months() {
    let v = value(
        "Russia's full-scale invasion of Ukraine in early 2022.",
        "in early 2022",
    );
    assert_eq!(v.date, ArticleDate::year(2022).unwrap());
    assert_eq!(
        (v.first, v.last, v.part),
        (ymd(2022, 1, 1), ymd(2022, 4, 30), Some(Part::Early))
    );
    let v = value("cut by mid-March, officials said", "mid-March");
    assert_eq!(v.date, ArticleDate::month(2026, 3).unwrap(), "by: ahead");
    assert_eq!(
        (v.first, v.last, v.part),
        (ymd(2026, 3, 11), ymd(2026, 3, 20), Some(Part::Mid))
    );
    assert!(v.year_from_anchor);
    let v = value("rates rose in late February 2024", "in late February 2024");
    assert_eq!((v.first, v.last), (ymd(2024, 2, 21), ymd(2024, 2, 29)));
    let v = value("a deal late 2021", "late 2021");
    assert_eq!((v.first, v.last), (ymd(2021, 9, 1), ymd(2021, 12, 31)));
    assert!(texts("the late President and an early start").is_empty());
}

#[test]
fn bare_years_only_in_year_context() {
    let v = value("The conflict began in 2014 after", "in 2014");
    assert_eq!(v.date.granularity, Granularity::Year);
    assert_eq!(texts("their fastest progress since 2022."), ["2022"]);
    assert_eq!(texts("between 2014 and 2016, or 2018"), ["2014", "2016"]);
    assert_eq!(
        texts("in 2014, 2016 and 2018"),
        ["in 2014"],
        "a comma is no range"
    );
    assert_eq!(texts("from mid-2014 to 2016"), ["mid-2014", "2016"]);
    assert!(texts("2014 and 2016 people").is_empty());
    assert!(
        texts("about 115,600 square km, 19% of it, 2025 people at 18:00, $2025 and the 1990s")
            .is_empty()
    );
    assert!(
        texts("won in 1850 and in 2250").is_empty(),
        "outside 1900-2100"
    );
    assert!(texts("Flight 2014 landed; in 2014.5 units").is_empty());
}

#[test]
fn weekdays_follow_the_news_convention() {
    // The anchor is a Friday.
    assert_eq!(
        value("a Cabinet meeting on Thursday, he said", "on Thursday").date,
        ArticleDate::day(ymd(2025, 4, 10))
    );
    assert_eq!(
        value("Trump on Friday told Moscow", "on Friday").date,
        ArticleDate::day(ymd(2025, 4, 11))
    );
    assert_eq!(
        value("talks held Saturday", "Saturday").date,
        ArticleDate::day(ymd(2025, 4, 5))
    );
    assert_eq!(
        value("the envoy will meet Putin on Monday", "on Monday").date,
        ArticleDate::day(ymd(2025, 4, 14))
    );
    assert_eq!(
        value("it happened last Friday", "last Friday").date,
        ArticleDate::day(ymd(2025, 4, 4))
    );
    assert_eq!(
        value("a vote next Tuesday", "next Tuesday").date,
        ArticleDate::day(ymd(2025, 4, 15))
    );
    let m = only("On Thursday, Russia freed", "On Thursday", anchor());
    assert!(m.relative);
}

#[test]
fn relative_expressions_resolve_against_the_anchor() {
    let cases: [(&str, &str, NaiveDate, NaiveDate); 10] = [
        (
            "hosted him last week.",
            "last week",
            ymd(2025, 3, 31),
            ymd(2025, 4, 6),
        ),
        (
            "talks this week began",
            "this week",
            ymd(2025, 4, 7),
            ymd(2025, 4, 13),
        ),
        (
            "He said last month that",
            "last month",
            ymd(2025, 3, 1),
            ymd(2025, 3, 31),
        ),
        (
            "due next month",
            "next month",
            ymd(2025, 5, 1),
            ymd(2025, 5, 31),
        ),
        (
            "it rose yesterday",
            "yesterday",
            ymd(2025, 4, 10),
            ymd(2025, 4, 10),
        ),
        (
            "Today the court",
            "Today",
            ymd(2025, 4, 11),
            ymd(2025, 4, 11),
        ),
        (
            "sales fell last year",
            "last year",
            ymd(2024, 1, 1),
            ymd(2024, 12, 31),
        ),
        (
            "began more than three years ago when",
            "three years ago",
            ymd(2022, 1, 1),
            ymd(2022, 12, 31),
        ),
        (
            "approved a month ago",
            "a month ago",
            ymd(2025, 3, 1),
            ymd(2025, 3, 31),
        ),
        (
            "Last update: 2 days ago",
            "2 days ago",
            ymd(2025, 4, 9),
            ymd(2025, 4, 9),
        ),
    ];
    for (text, expected, first, last) in cases {
        let m = only(text, expected, anchor());
        assert!(m.relative, "{text}");
        let v = m.value.unwrap();
        assert_eq!((v.first, v.last), (first, last), "{text}");
        assert!(
            v.date.start <= first && v.date.end() >= last,
            "{text}: {v:?}"
        );
    }
    assert_eq!(
        value("talks this week began", "this week").date,
        ArticleDate::month(2025, 4).unwrap()
    );
    assert_eq!(
        value("hosted him last week.", "last week").date,
        ArticleDate::year(2025).unwrap(),
        "straddles March and April"
    );
    assert_eq!(
        value("freed last January", "last January").date,
        ArticleDate::month(2025, 1).unwrap()
    );
    assert_eq!(
        value("a vote next March", "next March").date,
        ArticleDate::month(2026, 3).unwrap()
    );
}

#[test]
fn relative_expressions_without_anchor_are_listed_unresolved() {
    let text = "On Friday, a day after the vote and three years ago, last week, yesterday.";
    let found = find_dates(text, None);
    let names: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        names,
        [
            "On Friday",
            "a day after",
            "three years ago",
            "last week",
            "yesterday"
        ]
    );
    assert!(found.iter().all(|m| m.relative && m.value.is_none()));
}

#[test]
fn event_relative_and_sub_day_expressions_have_no_value() {
    for (text, expected) in [
        ("a day after the meeting", "a day after"),
        ("two weeks later he left", "two weeks later"),
        ("the day before the vote", "the day before"),
        ("5 minutes ago", "5 minutes ago"),
    ] {
        let m = only(text, expected, anchor());
        assert!(m.relative && m.value.is_none(), "{text}: {m:?}");
    }
}

#[test]
fn mentions_are_sorted_disjoint_and_slice_the_text() {
    let text = "MOSCOW — “On Friday, Dec. 5, 2025,” Zelensky said; in Zürich last week talks (held in 2014 and in early 2022) continued. Thursday’s vote on 3 März failed; 2 days ago…";
    let found = find_dates(text, anchor());
    assert!(found.len() >= 5, "{found:?}");
    for pair in found.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{pair:?}");
    }
    for m in &found {
        assert_eq!(&text[m.start..m.end], m.text);
    }
    assert_eq!(found[0].text, "On Friday, Dec. 5, 2025");
    assert_eq!(
        found[0].value.map(|v| v.date),
        Some(ArticleDate::day(ymd(2025, 12, 5)))
    );
    assert!(!found[0].relative);
}

#[test]
fn impossible_days_are_not_dates() {
    assert!(texts("due Feb 30, 2025 or 31 April").is_empty());
    assert!(texts("Feb 29, 2023").is_empty());
    assert_eq!(
        value("on Feb 29, 2024", "on Feb 29, 2024").date,
        ArticleDate::day(ymd(2024, 2, 29))
    );
}

#[test]
fn numbers_next_to_months_that_are_quantities() {
    assert!(
        texts("sold 5 million in March. 3.5 May")
            .iter()
            .all(|t| t == "in March")
    );
    assert!(texts("Dec 10% higher, Jan 5:30 pm").is_empty());
}

#[test]
fn any_slice_of_awkward_text_is_handled_without_panic() {
    let text = "“Dec. 2,\n\n2025” — 31-MAR-1987 605:12 · Zürich, März 3 (AFP) – 1996-12-05T25:00 \
                on 29 Feb 2023, in 2014–2016, mid-, early, last, 3 days, a day, the, May., 9999 ago";
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for &a in &bounds {
        for &b in bounds.iter().filter(|&&b| b >= a).step_by(7) {
            let s = &text[a..b];
            for m in find_dates(s, anchor()) {
                assert_eq!(&s[m.start..m.end], m.text);
            }
            let _ = parse_date_value(s);
            let _ = dateline_date(s, Some(2025));
            let _ = infer_article_date(s);
            let _ = latest_mentioned_date(s);
        }
    }
    // Paragraph breaks cut expressions: "Dec. 2," and "2025" are apart.
    let found = find_dates(text, None);
    assert_eq!(found[0].text, "Dec. 2");
    assert_eq!(found[0].value, None);
}

#[test]
fn long_runs_of_linked_years_stay_bounded() {
    let text = format!("in 1999{}", " and 1999".repeat(20_000));
    let found = find_dates(&text, None);
    assert!(found.len() > 1 && found.len() < 20, "{}", found.len());
    assert_eq!(found[0].text, "in 1999");
}
