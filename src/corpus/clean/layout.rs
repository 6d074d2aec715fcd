//! Where the article sits on the page: the trailing run of other stories'
//! teasers, the span of lines that carries the article's running prose, and
//! runs of short menu lines. Works on line shapes and on which lines are
//! already known to be furniture; knows no furniture patterns itself.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, is_prose, word_count};

/// Lines of the trailing teaser run: other stories' headlines, each next to
/// an age line ("9 seconds ago 2 min read WORLD"). `furniture[i]` says a line
/// is already known furniture, `age[i]` that it is an age line. A run needs
/// at least two age lines; a single one may be the article's own time.
pub fn teaser_run(lines: &[Line<'_>], furniture: &[bool], age: &[bool]) -> Vec<usize> {
    let n = lines.len();
    // Sites put the age line under the headline or over it; the page's last
    // line tells which, so a body paragraph is never paired with an age line.
    let Some(last) = (0..n).rev().find(|&i| age[i] || !furniture[i]) else {
        return Vec::new();
    };
    let age_below = age[last];
    let mut teasers = Vec::new();
    let mut ages = 0;
    let mut i = n;
    while i > 0 {
        i -= 1;
        if age[i] {
            ages += 1;
            continue;
        }
        if furniture[i] {
            continue;
        }
        let paired = if age_below {
            i + 1 < n && age[i + 1]
        } else {
            i > 0 && age[i - 1]
        };
        if paired && word_count(lines[i].text) <= 40 {
            teasers.push(i);
            continue;
        }
        break;
    }
    if ages < 2 {
        return Vec::new();
    }
    teasers.reverse();
    teasers
}

/// How much a line counts for or against being inside the article: running
/// prose counts its words, anything else costs a little, so long runs of
/// menus and link lists fall outside while a lone subheading does not.
pub fn weight(line: &str) -> f64 {
    let words = word_count(line) as f64;
    if is_prose(line) {
        words
    } else {
        -(2.0 + words / 3.0)
    }
}

/// What an end marker ("Most read", "More in World", "©") costs a span: a
/// story bridges one boxed aside with a few paragraphs, but not the stack of
/// such headings that closes a page.
const END_MARKER_COST: f64 = 50.0;

/// What a date line or a byline costs a span. The story's own sit above
/// it; one between paragraphs starts another item: a teaser with its date
/// and author, a reader's comment with its time stamp.
const STAMP_COST: f64 = 25.0;

/// How far below its best a run of lines may fall before it is taken to
/// have ended: two end markers, or a list of dated teasers.
const PARTING_COST: f64 = 75.0;

/// Fewest words of prose a run needs to be taken for the story because of
/// where it sits.
const STORY_MIN_WORDS: f64 = 30.0;

/// How many lines above a span its head (headline, byline, date) may sit,
/// with menus and link lists between but no prose.
const HEAD_REACH: usize = 30;

/// The share of its words a wedged paragraph counts for (see `weights`).
const WEDGED_SHARE: f64 = 0.3;

/// Line weights for `main_span`: `None` for furniture; an end marker costs
/// `END_MARKER_COST`, even when it is already known furniture (a "Sign up
/// for our newsletter" box still closes the story). (Lines a page repeats are
/// not marked down: list-shaped articles such as meal plans repeat their own
/// lines.)
/// `stamp[i]` says a line is a byline or a date line, which costs
/// `STAMP_COST` wherever it stands.
pub fn weights(lines: &[Line<'_>], candidate: &[bool], stamp: &[bool]) -> Vec<Option<f64>> {
    let short = |i: usize| candidate.get(i).is_some_and(|&c| c) && !is_prose(lines[i].text);
    (0..lines.len())
        .map(|i| {
            let text = lines[i].text;
            if is_end_marker(text) {
                return Some(-END_MARKER_COST);
            }
            if stamp.get(i).is_some_and(|&s| s) {
                return Some(-STAMP_COST);
            }
            candidate.get(i).is_some_and(|&c| c).then(|| {
                let w = weight(text);
                // One short paragraph wedged between title-like lines is the
                // shape of a teaser's summary in a list of other stories.
                let wedged = i > 0 && short(i - 1) && short(i + 1) && word_count(text) < 40;
                if w > 0.0 && wedged {
                    w * WEDGED_SHARE
                } else {
                    w
                }
            })
        })
        .collect()
}

static END_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:©|\(c\)\s|copyright\b|all rights reserved|(?:more|latest) (?:in|from|on)\b.{0,40}$|more \S+(?: \S+)?$|most (?:read|popular|viewed|shared|watched|emailed)\b|you (?:may|might) (?:also )?like|recommended (?:for you|stories|reading)|(?:what|stories) to read next|read next$|up next|next up\b|around the web|from the web|promoted (?:stories|content)|sponsored (?:stories|content|links)|more stories\b|related (?:stories|articles|posts|content|coverage|topics)$|about the author|leave a (?:reply|comment)|(?:\d+ )?comments?(?: \(\d+\))?$|share your thoughts|want more stories|explore more on these topics|trending (?:now|stories|news)|popular (?:now|stories|on)|join the (?:discussion|conversation)|sign up for (?:our|the)\b|subscribe to (?:our|the)\b.{0,30}newsletter|tags?:?$|topics:?$|filed under)",
    )
    .expect("the end-marker pattern is a valid regular expression")
});

/// Whether a line announces the end of the story: a copyright line, or the
/// heading of the lists, comments and footers that follow an article.
pub fn is_end_marker(text: &str) -> bool {
    word_count(text) <= 12 && END_MARKER.is_match(text)
}

/// The span `[start, end)` of candidate lines with the greatest total weight;
/// `None` entries (furniture) are neutral. `None` when no line weighs positive.
pub fn main_span(weights: &[Option<f64>]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = 0;
    for (i, w) in weights.iter().enumerate() {
        let Some(w) = *w else { continue };
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if w > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// The story's span. The heaviest span of prose (`main_span`) is the story
/// when a head sits over it: a headline, byline or date line (`head[i]`)
/// above its start with no prose between, or on its first lines. When none
/// does, a stretch of prose that starts under a head and has at least
/// `STORY_MIN_WORDS` is the story instead, the heaviest such, when it
/// overlaps the heaviest span (the story under its head, without the ticker
/// or sidebar run above it) or weighs `RESCUE_SHARE` of it: a short story
/// under its headline is not outweighed by a longer notice elsewhere.
pub fn story_span(weights: &[Option<f64>], head: &[bool]) -> Option<(usize, usize)> {
    let best = main_span(weights)?;
    if headed(weights, head, best.0) {
        return Some(best);
    }
    let mut rescue: Option<(f64, (usize, usize))> = None;
    let heads = (0..weights.len()).filter(|&i| head[i]).take(MAX_HEADS);
    for h in heads {
        let Some(start) = (h + 1..weights.len()).find(|&k| weights[k].is_some_and(|w| w > 0.0))
        else {
            continue;
        };
        if let Some((sum, end)) = best_run_from(weights, start)
            && sum >= STORY_MIN_WORDS
            && rescue.is_none_or(|(w, _)| sum > w)
        {
            rescue = Some((sum, (start, end)));
        }
    }
    // A run elsewhere on the page must weigh a fair share of the heaviest
    // span to replace it: the story's own head may have gone unrecognised.
    let heaviest: f64 = weights[best.0..best.1].iter().flatten().sum();
    let fits = |&(sum, (s, e)): &(f64, (usize, usize))| {
        (s < best.1 && e > best.0) || sum >= RESCUE_SHARE * heaviest
    };
    Some(rescue.filter(fits).map_or(best, |(_, span)| span))
}

/// The share of the heaviest span's weight a story elsewhere on the page
/// must have to be taken instead: a fifth, so a stray dated snippet never is.
const RESCUE_SHARE: f64 = 0.2;

/// Most heads tried as the top of a story, so a page of dated list items
/// stays linear.
const MAX_HEADS: usize = 12;

/// Whether a head sits over the span starting at `start`: on its first
/// lines, or above it with no prose between.
fn headed(weights: &[Option<f64>], head: &[bool], start: usize) -> bool {
    if (start..(start + 2).min(head.len())).any(|k| head[k]) {
        return true;
    }
    for k in (start.saturating_sub(HEAD_REACH)..start).rev() {
        if head[k] {
            return true;
        }
        if weights[k].is_some_and(|w| w > 0.0) {
            return false;
        }
    }
    false
}

/// The best sum of a run of lines from `start` and where it ends; the walk
/// stops once the run has fallen `PARTING_COST` below its best.
fn best_run_from(weights: &[Option<f64>], start: usize) -> Option<(f64, usize)> {
    let mut sum = 0.0;
    let mut best: Option<(f64, usize)> = None;
    for (k, w) in weights.iter().enumerate().skip(start) {
        let Some(w) = *w else { continue };
        sum += w;
        if best.is_none_or(|(b, _)| sum > b) {
            best = Some((sum, k + 1));
        }
        if best.is_some_and(|(b, _)| sum < b - PARTING_COST) {
            break;
        }
    }
    best
}

/// How a list item opens: with a date, a number or a bullet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemOpening {
    Date,
    Number,
    Bullet,
}

fn item_opening(line: &Line<'_>) -> Option<ItemOpening> {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word_count(line.text) > 24 || is_end_marker(line.text) {
        return None;
    }
    if line.bare.len() < line.text.len() {
        return Some(ItemOpening::Bullet);
    }
    let first = line.text.split_whitespace().next()?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(ItemOpening::Number);
    }
    let lower = first.to_lowercase();
    let month = MONTHS.iter().any(|m| lower.starts_with(m))
        && first.starts_with(char::is_uppercase)
        && line
            .text
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    month.then_some(ItemOpening::Date)
}

/// Fewest items a list after the story needs to be taken as the story's own.
const LIST_MIN_ITEMS: usize = 3;

/// Where the story ends once a list that closes it is counted in: tour
/// dates, results or steps right after its last paragraph, perhaps under a
/// one-line heading, every item opening the same way (a date, a number, a
/// bullet). `end` is the span's end; `candidate[i]` says a line may be body.
pub fn closing_list(lines: &[Line<'_>], candidate: &[bool], end: usize) -> usize {
    let mut first = end;
    if first < lines.len()
        && candidate[first]
        && item_opening(&lines[first]).is_none()
        && !is_prose(lines[first].text)
        && word_count(lines[first].text) <= 8
        && !is_end_marker(lines[first].text)
    {
        first += 1;
    }
    let Some(kind) = lines.get(first).and_then(item_opening) else {
        return end;
    };
    let mut k = first;
    while k < lines.len() && candidate[k] && item_opening(&lines[k]) == Some(kind) {
        k += 1;
    }
    if k - first >= LIST_MIN_ITEMS { k } else { end }
}

/// Runs of at least `min_run` consecutive short non-prose lines among the
/// candidates (`None` entries are skipped over): navigation and link lists.
pub fn menu_runs(lines: &[Line<'_>], candidate: &[bool], min_run: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Vec<usize>| {
        if run.len() >= min_run {
            out.append(run);
        }
        run.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if !candidate[i] {
            continue;
        }
        // A dated item ("July 3 – Vienna") belongs to a list, not a menu.
        let dated = item_opening(line) == Some(ItemOpening::Date);
        if !is_prose(line.text) && word_count(line.text) <= 6 && !dated {
            run.push(i);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    #[test]
    fn teasers_pair_with_age_lines() {
        let text = "Body sentence of the story.\nShare\nFirst teaser\n1 minute ago\nSecond teaser\n5 hours ago";
        let lines = split_lines(text);
        let furniture = [false, true, false, false, false, false];
        let age = [false, false, false, true, false, true];
        assert_eq!(teaser_run(&lines, &furniture, &age), vec![2, 4]);
    }

    #[test]
    fn age_lines_above_headlines_leave_the_last_paragraph_alone() {
        let text = "Short last line.\n2 hours ago\nFirst teaser\n5 hours ago\nSecond teaser";
        let lines = split_lines(text);
        let age = [false, true, false, true, false];
        assert_eq!(teaser_run(&lines, &[false; 5], &age), vec![2, 4]);
    }

    #[test]
    fn one_age_line_is_not_a_run() {
        let lines = split_lines("Body sentence of the story.\nOther story\n2 hours ago");
        assert!(teaser_run(&lines, &[false; 3], &[false, false, true]).is_empty());
    }

    #[test]
    fn span_skips_menus_but_bridges_subheadings() {
        let w = |s: &str| Some(weight(s));
        let para = "This is a long paragraph of running prose that goes on for a while.";
        let weights = vec![
            w("Home"),
            w("World"),
            w("Business"),
            w(para),
            w("A subheading"),
            w(para),
            None,
            w("Most Popular"),
            w("Some other story headline here"),
            w("Another other story headline here"),
        ];
        assert_eq!(main_span(&weights), Some((3, 6)));
        assert_eq!(main_span(&[w("Home"), None]), None);
    }

    #[test]
    fn end_markers_are_bridged_once_but_not_twice() {
        let para = |n: usize| {
            format!(
                "Paragraph {n} is running prose that goes on for quite a while longer than the others, as the story needs. It has a second sentence of some length too."
            )
        };
        let text = format!(
            "{}\n{}\nMore in World\n{}\n{}\nMost Read\n{}\nMore in Politics\n{}",
            para(1),
            para(2),
            para(3),
            para(4),
            para(5),
            para(6)
        );
        let lines = split_lines(&text);
        let w = weights(&lines, &[true; 9], &[false; 9]);
        assert_eq!(main_span(&w), Some((0, 5)));
        assert!(is_end_marker(
            "© 2019 CBS Interactive Inc. All Rights Reserved."
        ));
        assert!(is_end_marker("Leave a Reply"));
        assert!(!is_end_marker("More than 70 people were hurt."));
        assert!(!is_end_marker("Comments from the minister drew criticism."));
    }

    #[test]
    fn end_markers_known_as_furniture_still_close_the_story() {
        let para = "Paragraph of running prose that goes on for quite a while longer than a heading would, as the story needs it to.";
        let text = format!("{para}\n{para}\nSign up for our newsletter\n{para}");
        let lines = split_lines(&text);
        let w = weights(&lines, &[true, true, false, true], &[false; 4]);
        assert_eq!(w[2], Some(-END_MARKER_COST));
        assert_eq!(main_span(&w), Some((0, 2)));
    }

    #[test]
    fn teaser_summaries_between_titles_count_less() {
        let text = "Other story title here\nA one-line summary of another story that ran on the site this week.\nAnother story title";
        let lines = split_lines(text);
        let w = weights(&lines, &[true; 3], &[false; 3]);
        let alone = weight(lines[1].text);
        assert!(w[1].is_some_and(|w| w > 0.0 && w < alone));
    }

    #[test]
    fn menu_runs_need_length() {
        let lines =
            split_lines("Home\nWorld\nSport\nTech\nA real sentence of prose here.\nOne\nTwo");
        let all = vec![true; lines.len()];
        assert_eq!(menu_runs(&lines, &all, 4), vec![0, 1, 2, 3]);
    }
}
