//! Which line is the headline. A plain clipped text puts it first (perhaps
//! under a lone section label) with the story right after; a pasted web page
//! buries it among menus above the story, where it is scored against bylines,
//! dates and links and taken only when it stands out. Sees line shapes and
//! which lines are still body; knows no furniture patterns.

use super::head::{
    dateline, is_dated_head, looks_like_headline, looks_like_section, opens_with_date,
};
use super::lines::{
    Line, ends_like_sentence, is_all_caps, is_prose, sentence_breaks, sentence_count,
    starts_capitalised, word_count,
};

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

/// How far above the story's first line its head (the byline or date line
/// nearest above it) is looked for, in lines: a video carousel or a stack of
/// share buttons may sit between.
const HEAD_WINDOW: usize = 40;

/// How many lines above its head a story's headline is looked for.
const OVER_HEAD: usize = 12;

/// How many lines that are neither the headline nor part of the byline (a
/// standfirst, a caption) may sit between the headline and the head.
const HEAD_GAP: usize = 3;

/// The headline over the head of the story starting at line `start`: the
/// first title-shaped line above the byline or date line nearest over the
/// story, past the byline's names, a standfirst and a caption. A title-shaped
/// line between the head and the story is a caption or another story's
/// teaser, so it is never taken here, unless the head is a date line alone
/// with the headline right under it. `heads[i]` says a line is a byline, a
/// date line or an update stamp, `bylines[i]` that it is a byline.
pub fn headline_over_head(
    lines: &[Line<'_>],
    body: &[bool],
    heads: &[bool],
    bylines: &[bool],
    start: usize,
) -> Option<usize> {
    let head = (start.saturating_sub(HEAD_WINDOW)..start)
        .rev()
        .find(|&i| heads[i])?;
    let above = headline_above(lines, body, heads, head);
    // Over a byline, a title is the story's; over a bare date line, one
    // under the date may be.
    let over_byline = above.is_some_and(|a| a.over_byline);
    if !bylines[head]
        && !over_byline
        && let Some(h) = headline_under(lines, body, heads, head, start)
    {
        return Some(h);
    }
    above.map(|a| a.line)
}

/// A headline set under its date line: the first line below the date,
/// past interface lines, when nothing but the byline separates it from the
/// story. (Under a byline, such a line is a caption or a video's title.)
fn headline_under(
    lines: &[Line<'_>],
    body: &[bool],
    heads: &[bool],
    head: usize,
    start: usize,
) -> Option<usize> {
    let mut found = None;
    for i in head + 1..start {
        let text = lines[i].text;
        if !body[i] || heads[i] || word_count(text) <= 2 {
            continue;
        }
        // The byline follows the headline; one before it heads something else.
        if is_byline_part(text) {
            found?;
            continue;
        }
        if is_interface(text) {
            continue;
        }
        if found.is_some() || word_count(text) < 4 || !title_over_head(text) {
            return None;
        }
        found = Some(i);
    }
    found
}

/// The headline of a text that opens with a few lines of banner or byline
/// before its head: a byline or date line among its first `TOP_HEAD` lines
/// with a headline over it.
pub fn headline_over_top_head(lines: &[Line<'_>], body: &[bool], heads: &[bool]) -> Option<usize> {
    let head = (0..lines.len().min(TOP_HEAD)).find(|&i| heads[i])?;
    headline_above(lines, body, heads, head).map(|a| a.line)
}

/// A title found over a head, and whether a byline or another stamp
/// stands between them.
#[derive(Debug, Clone, Copy)]
struct Above {
    line: usize,
    over_byline: bool,
}

/// How many lines at the top of a text its head is looked for in.
const TOP_HEAD: usize = 8;

fn headline_above(lines: &[Line<'_>], body: &[bool], heads: &[bool], head: usize) -> Option<Above> {
    let mut gap = 0;
    let mut over_byline = false;
    for i in (head.saturating_sub(OVER_HEAD)..head).rev() {
        let text = lines[i].text;
        if heads[i] || (body[i] && is_byline_part(text)) {
            over_byline = true;
            continue;
        }
        let label_above = i > 0 && is_label(lines[i - 1].text);
        if !body[i] || word_count(text) <= 2 || label_above || is_label(text) || is_interface(text)
        {
            continue;
        }
        if word_count(text) >= 4 && title_over_head(text) {
            // A headline's standfirst may be set like a headline, without a
            // full stop, under the headline and perhaps a comment count.
            let above = (i.saturating_sub(3)..i).rev().find(|&j| body[j]);
            let standfirst_of = above.filter(|&j| is_standfirst_under(lines, j, i));
            return Some(Above {
                line: standfirst_of.unwrap_or(i),
                over_byline,
            });
        }
        gap += 1;
        if gap > HEAD_GAP {
            return None;
        }
    }
    None
}

/// Whether line `i` reads as the standfirst under the title-shaped line `j`
/// above it: a sentence-case line of ten words or more under a title no
/// longer that is no name ("Follow Example Politics", "The Example Blog"),
/// no banner in capitals, and not the last of a list of other stories'
/// titles.
fn is_standfirst_under(lines: &[Line<'_>], j: usize, i: usize) -> bool {
    let (above, line) = (lines[j].text, lines[i].text);
    let words = word_count(line);
    let shouted = above
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && is_all_caps(w))
        .count();
    let in_list = j.checked_sub(1).is_some_and(|k| {
        let t = lines[k].text;
        t != above && word_count(t) >= 4 && title_over_head(t)
    });
    words >= 10
        && !is_title_case(line)
        && shouted * 3 <= word_count(above)
        && (3..=words).contains(&word_count(above))
        && !is_byline_part(above)
        && !in_list
        && title_over_head(above)
}

/// "Author:", "Publish date:": a label whose value is the next line.
fn is_label(text: &str) -> bool {
    word_count(text) <= 3 && text.ends_with(':')
}

/// A line of a byline block: "By" alone, a handle or address, a line of two
/// to four capitalised words (the author's name, the publication's), a list
/// of names.
fn is_byline_part(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = text.to_lowercase();
    if lower == "by" || lower.starts_with("by ") || text.contains('@') {
        return true;
    }
    let name_like = (2..=4).contains(&words.len())
        && !text.contains(['?', '!', ':'])
        && !text.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            matches!(*w, "and" | "&" | "de" | "van" | "von")
                || w.chars().next().is_some_and(char::is_uppercase)
        });
    name_like || looks_like_names(text)
}

/// Whether most of a line's longer words are capitalised, as in "Home Depot
/// Stock Is Falling After Its Earnings Release".
fn is_title_case(text: &str) -> bool {
    capitalised_share(text) >= 0.75
}

/// The share of a line's words of four letters or more that are
/// capitalised; none when it has fewer than two such words.
fn capitalised_share(text: &str) -> f64 {
    let long: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if long.len() < 2 {
        0.0
    } else {
        capitalised as f64 / long.len() as f64
    }
}

/// Whether a line over a story's head has a headline's shape. Looser than
/// `looks_like_headline`, as the place vouches for it: a quotation may lead
/// ("'We had some issues,' exec says"), a question may run long, and a title
/// in title case may hold two sentences; but a sentence-case line ending in
/// a full stop is a standfirst.
fn title_over_head(text: &str) -> bool {
    let words = word_count(text);
    if !(3..=25).contains(&words) || text.chars().count() > 220 || !starts_capitalised(text) {
        return false;
    }
    // A bracketed credit, a line ending as a lead-in, a table row.
    if text.starts_with(['(', '['])
        || text.ends_with([':', ',', ';', '—', '–', '-'])
        || text.contains('\t')
    {
        return false;
    }
    let lower = text.to_lowercase();
    const CREDITS: &[&str] = &[
        "credit...",
        "credit:",
        "photograph:",
        "photo:",
        "image:",
        "[file",
    ];
    if CREDITS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let title_case = is_title_case(text);
    let breaks = sentence_breaks(text);
    let kicker = breaks.first().is_some_and(|&b| word_count(&text[..b]) <= 3);
    if breaks.len() > 1 || (breaks.len() == 1 && !title_case && !kicker) {
        return false;
    }
    let full_stop = text
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('.')
        && !text.ends_with("...");
    if full_stop && !title_case {
        return false;
    }
    if is_dated_head(text) || opens_with_date(text) || is_interface(text) {
        return false;
    }
    !looks_like_names(text) && dateline(text, "").is_none()
}

/// What a title-shaped line gains for sitting right over the story, with at
/// most its byline and date between: a short headline there beats a masthead
/// or a banner further up.
const OVER_STORY: f64 = 4.0;

/// How far above the story a pasted page's headline is looked for, in lines.
const WINDOW: usize = 25;

/// The headline of a pasted page whose story has no recognised head over
/// it, looked for above the story's first line `start`: headline-shaped
/// lines are scored by length and by being repeated on the page (titles
/// appear in share texts and breadcrumbs too), minus their distance from the
/// story; bylines, dates and links score nothing.
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
/// byline, a date, a link, a bit of interface or a paragraph.
fn plausible_page_title(text: &str) -> bool {
    let words = word_count(text);
    (4..=18).contains(&words)
        && title_over_head(text)
        && (!is_prose(text) || text.trim_end().ends_with('?'))
}

/// Words of a page's interface and of its staff's titles, never in a
/// headline.
const NOT_TITLES: &[&str] = &[
    "share",
    "sharing",
    "skip to",
    "continue reading",
    "window",
    "terms of",
    "cookie",
    "cookies",
    "log in",
    "sign in",
    "advertisement",
    "advertising",
    "external link",
    "writer",
    "correspondent",
    "editor",
    "reporter",
    "staff",
    "copyright",
    "policy",
    "newsletter",
    "newsletters",
    "click",
    "subscribe",
    "sign up",
    "opens in",
    "in this section",
];

/// Whether a line is a bit of the page's interface or a staff title: one of
/// `NOT_TITLES` as a word (so "shares" and "editorial" do not count), or a
/// link, an address, a separator.
fn is_interface(text: &str) -> bool {
    const MARKS: &[&str] = &["|", "@", "©", "http", "www.", " > ", " » "];
    if MARKS.iter().any(|m| text.contains(m)) {
        return true;
    }
    let lower = text.to_lowercase();
    NOT_TITLES.iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphabetic)
        })
    })
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

    fn over_head(text: &str) -> Option<String> {
        let lines = split_lines(text);
        let heads: Vec<bool> = lines.iter().map(|l| is_dated_head(l.text)).collect();
        let bylines: Vec<bool> = lines.iter().map(|l| l.text.starts_with("By ")).collect();
        let heads: Vec<bool> = heads.iter().zip(&bylines).map(|(h, b)| h | b).collect();
        let body: Vec<bool> = bylines.iter().map(|b| !b).collect();
        let start = lines.iter().position(|l| word_count(l.text) > 20)?;
        headline_over_head(&lines, &body, &heads, &bylines, start)
            .map(|i| lines[i].text.to_string())
    }

    const STORY: &str = "The council voted on Tuesday night to close the old footbridge for three weeks while engineers replace its worn timber deck and railings.";

    #[test]
    fn the_title_over_the_byline_beats_teasers_under_it() {
        let text = format!(
            "Council shuts footbridge for repairs\nBy Nadia Okafor\n2 hours ago\nMost read\nTrain strike called off after late talks\nCity zoo welcomes twin red pandas\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Council shuts footbridge for repairs")
        );
    }

    #[test]
    fn names_and_handles_between_title_and_date_are_passed() {
        let text = format!(
            "Why the footbridge had to close this winter\nA standfirst that explains the closure in a single long sentence for readers.\nBy\nNadia Okafor\nThe Riverside Gazette\n@nadiaokafor\nNov. 19, 2019 8:03 am ET\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Why the footbridge had to close this winter")
        );
    }

    #[test]
    fn a_question_or_a_quotation_may_be_the_title() {
        let text = format!("Is the old footbridge safe to cross?\nBy Nadia Okafor\n{STORY}");
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Is the old footbridge safe to cross?")
        );
        let text =
            format!("‘It is falling apart,’ engineer says of footbridge\nBy Nadia Okafor\n{STORY}");
        assert_eq!(
            over_head(&text).as_deref(),
            Some("‘It is falling apart,’ engineer says of footbridge")
        );
        let text = format!(
            "Footbridge Is Closing for Repairs. Here Is How to Get Around.\nBy Nadia Okafor\n{STORY}"
        );
        assert!(over_head(&text).is_some_and(|t| t.starts_with("Footbridge Is Closing")));
    }

    #[test]
    fn a_standfirst_set_like_a_title_yields_to_the_title_over_it() {
        let text = format!(
            "Footbridge closes for repairs\nEngineers found the timber deck rotten in places after the wettest autumn on record\nBy Nadia Okafor\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Footbridge closes for repairs")
        );
        // The last of a list of other stories' titles is no title of this one.
        let text = format!(
            "Train strike called off after late talks\nCity zoo welcomes twin red pandas\nEngineers found the timber deck rotten in places after the wettest autumn\nBy Nadia Okafor\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Engineers found the timber deck rotten in places after the wettest autumn")
        );
    }

    #[test]
    fn a_title_under_a_bare_date_line() {
        let text = format!(
            "Weekend events in the park\nWednesday 20 November 2019 9:22 am\nFootbridge closes for three weeks of repairs\nNadia Okafor\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Footbridge closes for three weeks of repairs")
        );
        // Under a byline it is a caption or a video's title.
        let text = format!(
            "Footbridge closes for three weeks of repairs\nBy Nadia Okafor\nWatch: engineers inspect the rotten deck\n{STORY}"
        );
        assert_eq!(
            over_head(&text).as_deref(),
            Some("Footbridge closes for three weeks of repairs")
        );
    }

    #[test]
    fn a_banner_over_a_plain_text_headline() {
        let text = format!(
            "Welcome to our new look\nFootbridge closes for three weeks of repairs\nNadia Okafor and Tom Reyes\nPublished 7:07 PM EST Nov 19, 2019\n{STORY}"
        );
        let lines = split_lines(&text);
        let body = all_body(&lines);
        let heads: Vec<bool> = lines.iter().map(|l| is_dated_head(l.text)).collect();
        assert_eq!(headline_over_top_head(&lines, &body, &heads), Some(1));
    }

    #[test]
    fn interface_words_are_whole_words() {
        assert!(is_interface("Share this on Facebook"));
        assert!(is_interface("Click to print (Opens in new window)"));
        assert!(!is_interface("Retailer misses forecasts, shares plunge"));
        assert!(!is_interface("Editorial boards split over the budget"));
    }
}
