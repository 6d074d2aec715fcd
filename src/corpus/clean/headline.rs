//! Which line is the headline. A plain clipped text puts it first (perhaps
//! under a lone section label) with the story right after; a pasted web page
//! buries it among menus above the story, where it is scored against bylines,
//! dates and links and taken only when it stands out. Sees line shapes and
//! which lines are still body; knows no furniture patterns.

use super::head::{is_dated_head, looks_like_date, looks_like_headline, looks_like_section};
use super::lines::{Line, ends_like_sentence, is_all_caps, is_prose, sentence_count, word_count};

/// A headline at the top of a text, with the section label above it if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopHeadline {
    pub section: Option<usize>,
    pub headline: usize,
}

/// Whether a line opens the article's running text after a headline of `title_words`.
fn opens_body(line: &str, title_words: usize) -> bool {
    is_prose(line) && (word_count(line) >= (title_words + 4).max(12) || sentence_count(line) >= 2)
}

/// The headline of a plain clipped text: its first line when running prose
/// follows (at most one standfirst line between), or when it stands alone
/// above a blank line at the very top; a lone section label may sit above it.
pub fn top_headline(lines: &[Line<'_>], body: &[bool]) -> Option<TopHeadline> {
    let next: Vec<usize> = (0..lines.len()).filter(|&i| body[i]).take(4).collect();
    let text = |k: usize| next.get(k).map(|&i| lines[i].text);
    let headline_at = |k: usize| -> bool {
        let Some(h) = text(k) else { return false };
        if !looks_like_headline(h) {
            return false;
        }
        let words = word_count(h);
        let follows = |j: usize| text(j).is_some_and(|t| opens_body(t, words));
        let standfirst = text(k + 1).is_some_and(|t| !is_prose(t) && word_count(t) > words);
        let alone_on_top = next[k] == 0
            && !is_prose(h)
            && next
                .get(k + 1)
                .is_some_and(|&i| lines[i].blank_before && i == 1);
        // A headline written as a sentence is told from a one-sentence lead
        // by the page furniture (update time, reading time) under it.
        let full_stop = ends_like_sentence(h) && h.trim_end().ends_with(['.', '"', '”']);
        let furniture_under = next.get(k + 1).is_some_and(|&n| n > next[k] + 1);
        if full_stop && !furniture_under {
            return false;
        }
        follows(k + 1) || (standfirst && follows(k + 2)) || alone_on_top
    };
    if headline_at(0) {
        return Some(TopHeadline {
            section: None,
            headline: *next.first()?,
        });
    }
    let label = text(0)?;
    if looks_like_section(label) && headline_at(1) {
        return Some(TopHeadline {
            section: next.first().copied(),
            headline: *next.get(1)?,
        });
    }
    None
}

/// What a title-shaped line gains for sitting right over the story, with at
/// most its byline and date between: a short headline there beats a masthead
/// or a banner further up.
const OVER_STORY: f64 = 4.0;

/// How far above the story a pasted page's headline is looked for, in lines.
const WINDOW: usize = 25;

/// The headline of a pasted page, looked for above the story's first line
/// `start`: headline-shaped lines are scored by length and by being repeated
/// on the page (titles appear in share texts and breadcrumbs too), minus
/// their distance from the story; bylines, dates and links score nothing.
pub fn page_headline(lines: &[Line<'_>], body: &[bool], start: usize) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    let mut distance = 0.0;
    for i in (start.saturating_sub(WINDOW)..start).rev() {
        // The story's own date line is part of its head, no distance.
        if !body[i] || is_dated_head(lines[i].text) {
            continue;
        }
        distance += 1.0;
        let text = lines[i].text;
        if !plausible_page_title(text) {
            continue;
        }
        let repeated = lines
            .iter()
            .enumerate()
            .any(|(j, l)| j != i && l.text.len() > text.len() / 2 && l.text.contains(text));
        // Nothing but the story's head (byline, date) between it and the
        // story: where a page puts its headline.
        let over_story = if distance == 1.0 { OVER_STORY } else { 0.0 };
        let score = word_count(text).min(14) as f64 + if repeated { 6.0 } else { 0.0 } + over_story
            - 0.5 * distance;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.filter(|&(score, _)| score >= 6.0).map(|(_, i)| i)
}

/// Whether a line above a page's story could be its title rather than a
/// byline, a date, a link or a bit of interface.
fn plausible_page_title(text: &str) -> bool {
    let words = word_count(text);
    if !looks_like_headline(text) || is_prose(text) || !(4..=18).contains(&words) {
        return false;
    }
    let lower = text.to_lowercase();
    const NOT_TITLES: &[&str] = &[
        "share",
        "sharing",
        "skip to",
        "continue reading",
        "window",
        "terms of",
        "cookie",
        "log in",
        "sign in",
        "advert",
        "external link",
        "|",
        "@",
        "©",
        "http",
        "www.",
        "writer",
        "correspondent",
        "editor",
        "reporter",
        "staff",
        "copyright",
        "policy",
        "newsletter",
        "click",
        "subscribe",
        "sign up",
        "opens in",
        "in this section",
    ];
    if NOT_TITLES.iter().any(|w| lower.contains(w)) || lower.starts_with("by ") {
        return false;
    }
    if looks_like_date(text) || text.contains(':') && word_count(text) <= 5 {
        return false;
    }
    !looks_like_names(text)
}

/// "Meg Kinnard and Errin Haines, Associated Press", "VICTOR TANGERMANN,
/// FUTURISM": every word capitalised or a joiner, with a comma or "and".
fn looks_like_names(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = text.contains(',') || words.contains(&"and") || words.contains(&"&");
    let capitalised = words.iter().all(|w| {
        matches!(*w, "and" | "&" | "de" | "van" | "von")
            || w.chars().next().is_some_and(char::is_uppercase)
    });
    (joined && capitalised && words.len() <= 8)
        || (is_all_caps(text) && text.contains(','))
        || reporter_in_place(&words)
}

/// "Ana Ruiz in Madrid": two or three capitalised names, "in", and a place
/// of one or two.
fn reporter_in_place(words: &[&str]) -> bool {
    let Some(at) = words.iter().position(|w| *w == "in") else {
        return false;
    };
    let upper = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (2..=3).contains(&at)
        && (1..=2).contains(&(words.len() - at - 1))
        && words[..at].iter().all(upper)
        && words[at + 1..].iter().all(upper)
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn all_body(lines: &[Line<'_>]) -> Vec<bool> {
        vec![true; lines.len()]
    }

    #[test]
    fn first_line_above_prose() {
        let lines = split_lines(
            "Russia\nWitkoff meets Putin in Moscow\nThe envoy met the president in Moscow on Thursday for talks on the war.",
        );
        let top = top_headline(&lines, &all_body(&lines));
        assert_eq!(
            top,
            Some(TopHeadline {
                section: Some(0),
                headline: 1
            })
        );
    }

    #[test]
    fn a_one_sentence_lead_is_not_a_headline() {
        let text = "Coleco Industries Inc said it expects to return to profitability in 1987.\nThe company said its earnings were hurt in 1986 by write-offs on toy inventories and lower sales.";
        let lines = split_lines(text);
        assert_eq!(top_headline(&lines, &all_body(&lines)), None);
        let with_meta = split_lines(
            "Coleco returns to profit in 1987 after a hard year.\n- 4 min read\nThe company said its earnings were hurt in 1986 by write-offs on toy inventories and lower sales.",
        );
        let body = [true, false, true];
        assert_eq!(top_headline(&with_meta, &body).map(|t| t.headline), Some(0));
    }

    #[test]
    fn first_line_alone_above_a_blank_line() {
        let lines = split_lines("Brentford v Southampton\n\nGriffin Park\n\nTuesday, 1 March\n");
        let top = top_headline(&lines, &all_body(&lines));
        assert_eq!(top.map(|t| t.headline), Some(0));
    }

    #[test]
    fn standfirst_between_headline_and_story() {
        let lines = split_lines(
            "Screensaver tackles spam websites\n\nNet users get the chance to fight back against spam websites\n\nAn internet portal has made a screensaver that requests data from spam sites, hoping to raise their bills.",
        );
        assert_eq!(
            top_headline(&lines, &all_body(&lines)).map(|t| t.headline),
            Some(0)
        );
    }

    #[test]
    fn prose_first_has_no_top_headline() {
        let lines = split_lines(
            "Talks resume on Monday.\n\nThe envoy met the president in Moscow on Thursday for talks on the war.",
        );
        assert_eq!(top_headline(&lines, &all_body(&lines)), None);
    }

    #[test]
    fn page_headline_beats_bylines_and_dates() {
        let lines = split_lines(
            "Home\nWorld\nPrices soar as drought hits the wheat harvest\nMeg Kinnard and Errin Haines, Associated Press\nNov 20, 2019 5:50 PM\nShare this on Facebook\nFarmers across the plains said on Tuesday that the worst drought in decades had cut yields by half.",
        );
        assert_eq!(page_headline(&lines, &all_body(&lines), 6), Some(2));
    }

    #[test]
    fn page_without_a_title_line_gets_none() {
        let lines = split_lines(
            "Home\nWorld\nContact us\nFarmers across the plains said on Tuesday that the worst drought in decades had cut yields by half.",
        );
        assert_eq!(page_headline(&lines, &all_body(&lines), 3), None);
    }
}
