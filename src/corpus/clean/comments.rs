//! Readers' comment threads under a pasted page's story: a heading ("12
//! Comments", "Leave a reply", "Add your comment"), then posts, each with its
//! author's name and a time stamp ("Jane Roe says: March 3, 2021 at 9:14 am",
//! "jroe 3 hours ago") and links to reply or report. A thread is taken only
//! when its shape is plain: a heading that posts or links follow, or several
//! reply and report links among signed posts; a live blog's signed, timed
//! entries have neither. Works on line shapes; knows no site.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, is_prose, word_count};

/// The heading of a comment thread.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies|reactions)(?:\s*\(\d+\))?:?
          | (?:leave|post|add|write|submit)\s+(?:a|your|the\s+first)\s+(?:reply|comment|response)\b.{0,20}
          | join\s+the\s+(?:discussion|conversation|debate)\b.{0,20}
          | \d+\s+thoughts?\s+on\b.*
          | (?:show|view|see|read)\s+(?:all\s+)?(?:\d+\s+)?comments?\b.{0,10}
          | (?:what\s+do\s+you\s+think|have\s+your\s+say)\s*[?!.]?
          )$",
    )
    .expect("the comment heading pattern is a valid regular expression")
});

/// A post's links: reply, report, votes.
static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:reply|report|report\s+(?:abuse|comment|this)|flag|like|upvote|downvote|permalink|quote|log\s+in\s+to\s+reply|reply\s+to\s+(?:this\s+)?comment|(?:\d+\s+)?(?:likes?|replies|points?|upvotes?)|reply\s*[↓↵]|show\s+\d+\s+(?:more\s+)?replies)$",
    )
    .expect("the comment action pattern is a valid regular expression")
});

/// A time stamp in a post's signature: "3 hours ago", "9:14 am", "March 3,
/// 2021", "03/03/2021".
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|years?)\s+ago\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)",
    )
    .expect("the comment stamp pattern is a valid regular expression")
});

/// Whether a line signs a post: a name of one to four words (or a handle),
/// perhaps "says:", then a time stamp; or a name and "says:" alone.
pub fn is_post_signature(text: &str) -> bool {
    if word_count(text) > 14 || text.ends_with(['.', '!', '?']) {
        return false;
    }
    let (name, stamped) = match STAMP.find(text) {
        Some(m) => (&text[..m.start()], true),
        None => (text, false),
    };
    let name = name.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '•' | '·' | ',')
    });
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let says = words.last().is_some_and(|w| {
        matches!(
            w.to_lowercase().trim_end_matches(':'),
            "says" | "said" | "wrote"
        )
    });
    if says {
        words.pop();
    }
    for filler in ["on", "at"] {
        if words.last().is_some_and(|w| w.eq_ignore_ascii_case(filler)) {
            words.pop();
        }
    }
    let named = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c == '@')
                || w.len() > 2 && w.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
    named && (stamped || says)
}

/// Lines a thread may run between two of its signs (a long post).
const GAP: usize = 15;

/// Lines after its heading within which a thread must show a post or link.
const CONFIRM: usize = 10;

/// Longest run of a last post's text taken after its last sign.
const TAIL: usize = 6;

/// The lines of comment threads; `known[i]` says a line is already known
/// furniture of another kind that a thread does not take.
pub fn comment_lines(lines: &[Line<'_>]) -> Vec<usize> {
    let n = lines.len();
    let heading: Vec<bool> = lines
        .iter()
        .map(|l| word_count(l.bare) <= 8 && HEADING.is_match(l.bare))
        .collect();
    let action: Vec<bool> = lines.iter().map(|l| ACTION.is_match(l.bare)).collect();
    let signed: Vec<bool> = lines.iter().map(|l| is_post_signature(l.bare)).collect();
    let sign = |i: usize| action[i] || signed[i];
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let start = if heading[i] && (i + 1..n.min(i + 1 + CONFIRM)).any(sign) {
            Some(i)
        } else if signed[i] {
            // Without a heading, reply or report links must show it is a thread.
            let links = (i + 1..n.min(i + 1 + 2 * GAP))
                .filter(|&k| action[k])
                .count();
            (links >= 2).then_some(i)
        } else {
            None
        };
        let Some(start) = start else {
            i += 1;
            continue;
        };
        let mut last = start;
        let mut k = start + 1;
        while k < n && k <= last + GAP {
            if sign(k) || heading[k] {
                last = k;
            }
            k += 1;
        }
        let mut end = last + 1;
        while end < n && end < last + 1 + TAIL && is_prose(lines[end].text) {
            end += 1;
        }
        out.extend(start..end);
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    #[test]
    fn signatures() {
        for s in [
            "Dana Whitfield says: March 3, 2021 at 9:14 am",
            "Dana Whitfield March 3, 2021 - 9:14 pm",
            "tom_b 3 hours ago",
            "Priya K. | 12/03/2021",
            "Marcus says:",
        ] {
            assert!(is_post_signature(s), "{s}");
        }
        for s in [
            "The minister said on March 3 that talks would resume.",
            "Updated March 3, 2021 at 9:14 am ET and then again later that evening in full",
            "Prices rose 3% by 9:30 am in early trading on Tuesday",
        ] {
            assert!(!is_post_signature(s), "{s}");
        }
    }

    #[test]
    fn a_thread_under_its_heading_is_taken_whole() {
        let text = "The council voted on Tuesday to close the library, ending a two-year fight over its future.\n\
            Residents said they would appeal the decision.\n\
            3 Comments\n\
            Dana Whitfield says: March 3, 2021 at 9:14 am\n\
            This is a disgrace. The library was the heart of the town and everyone knew it.\n\
            Reply\n\
            Marcus Hale March 3, 2021 at 11:02 am\n\
            I agree with Dana, but the budget has to come from somewhere.\n\
            Reply\n\
            Report\n\
            Leave a Reply\n\
            Your email address will not be published.";
        let lines = split_lines(text);
        // The form under the thread goes with it.
        assert_eq!(comment_lines(&lines), (2..12).collect::<Vec<_>>());
    }

    #[test]
    fn signed_entries_without_links_or_heading_are_no_thread() {
        // A live blog: each entry has a name and a time, but nobody replies.
        let text = "Live: the vote\n\
            Sam Ortiz 9:14 am\n\
            Polls have opened across the region and turnout is said to be high.\n\
            Sam Ortiz 10:02 am\n\
            The first results are expected after midnight, officials said.";
        assert!(comment_lines(&split_lines(text)).is_empty());
        // A heading-like word with nothing after it.
        let text = "Comments\nThe council voted on Tuesday to close the library.";
        assert!(comment_lines(&split_lines(text)).is_empty());
    }

    #[test]
    fn a_thread_without_heading_shows_itself_by_its_links() {
        let text = "The story ends here with its last full sentence.\n\
            lena_r 2 hours ago\n\
            Great piece, thanks for writing it.\n\
            Reply\n\
            Report\n\
            Omar 1 hour ago\n\
            Not convinced at all by the numbers in it.\n\
            Reply";
        assert_eq!(
            comment_lines(&split_lines(text)),
            (1..8).collect::<Vec<_>>()
        );
    }
}
