//! Finding a word in the article being read: every match (ignoring case)
//! as a byte range of the clean body, which one the reader is on, and the
//! reading view scrolled to it. The matches are found when the word or the
//! article changes (in `update` or `fit`), never while drawing.

use super::app::{App, Focus};
use super::keys::{Action, Scope};
use super::prompt::{Prompt, PromptKind};

/// At most this many matches are kept for one article.
const MATCHES_KEPT: usize = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub word: String,
    /// The article the matches are for.
    pub article: Option<usize>,
    /// Byte ranges in the article's body, in order, on char boundaries.
    pub matches: Vec<(usize, usize)>,
    /// Index into `matches` of the match the reader is on.
    pub current: usize,
    /// The reading view should scroll to the current match once it is
    /// wrapped (`fit` does it).
    pub jump: bool,
}

impl Find {
    pub fn is_active(&self) -> bool {
        !self.word.is_empty()
    }

    /// What the find prompt and the reading view's title say of the
    /// matches: "3/12" or "no match".
    pub fn note(&self) -> String {
        match self.matches.len() {
            _ if !self.is_active() => String::new(),
            0 => "no match".into(),
            n => format!("{}/{n}", self.current + 1),
        }
    }

    /// Whether the byte range `start..end` holds part of a match, and
    /// whether that match is the current one; the pieces of the range, in
    /// order, each with `None` (no match), `Some(false)` or `Some(true)`.
    pub fn pieces(&self, start: usize, end: usize) -> Vec<(usize, usize, Option<bool>)> {
        let mut out = Vec::new();
        let first = self.matches.partition_point(|m| m.1 <= start);
        let mut at = start;
        for (i, &(ms, me)) in self.matches.iter().enumerate().skip(first) {
            if ms >= end {
                break;
            }
            let (ms, me) = (ms.max(start), me.min(end));
            if ms > at {
                out.push((at, ms, None));
            }
            out.push((ms, me, Some(i == self.current)));
            at = me;
        }
        if at < end {
            out.push((at, end, None));
        }
        out
    }
}

/// Every match of `word` in `body`, ignoring case: byte ranges of `body`
/// on char boundaries, in order, not overlapping.
pub fn find_matches(body: &str, word: &str) -> Vec<(usize, usize)> {
    let needle = word.to_lowercase();
    if needle.trim().is_empty() {
        return Vec::new();
    }
    // The lowercased body, with the body offset of each of its bytes.
    let mut folded = String::with_capacity(body.len());
    let mut origin: Vec<usize> = Vec::with_capacity(body.len());
    for (i, c) in body.char_indices() {
        for l in c.to_lowercase() {
            let before = folded.len();
            folded.push(l);
            origin.resize(origin.len() + folded.len() - before, i);
        }
    }
    folded
        .match_indices(&needle)
        .take(MATCHES_KEPT)
        .filter_map(|(at, m)| {
            let start = origin[at];
            let last = origin[at + m.len() - 1];
            let end = last + body[last..].chars().next()?.len_utf8();
            Some((start, end))
        })
        .collect()
}

impl App {
    /// `f`: the find prompt, holding the word found last.
    pub(super) fn start_find(&mut self) {
        if self.current().is_none() {
            self.message = Some("no article to find in".into());
            return;
        }
        self.prompt = Some(Prompt::new(PromptKind::Find, self.reader.find.word.clone()));
    }

    /// The find prompt's text changed: find it in the article and go to
    /// the first match from where the reading view is.
    pub(super) fn find_typed(&mut self, word: String) {
        self.reader.find.word = word;
        self.reader.find.article = None;
        self.refresh_find();
        self.reader.find.current = self.first_match_in_view();
        self.reader.find.jump = !self.reader.find.matches.is_empty();
    }

    /// Finds the word again when the article changed.
    pub(super) fn refresh_find(&mut self) {
        let article = self.current();
        if self.reader.find.article == article {
            return;
        }
        self.reader.find.article = article;
        self.reader.find.current = 0;
        self.reader.find.matches = match article {
            Some(a) if self.reader.find.is_active() => {
                find_matches(&self.library.body(a), &self.reader.find.word)
            }
            _ => Vec::new(),
        };
    }

    /// The first match at or after the top of the reading view.
    fn first_match_in_view(&self) -> usize {
        let Some(view) = &self.reader.view else {
            return 0;
        };
        let top = view
            .lines
            .iter()
            .skip(self.reader.scroll)
            .find_map(|l| match l {
                super::reader::ReaderLine::Body(words) => words.first().map(|w| w.0),
                _ => None,
            })
            .unwrap_or(0);
        self.reader
            .find
            .matches
            .iter()
            .position(|m| m.0 >= top)
            .unwrap_or(0)
    }

    pub(super) fn stop_find(&mut self) {
        self.reader.find = Find::default();
    }

    /// `;` and `,`: the next or previous match, round the article.
    pub(super) fn step_find(&mut self, forward: bool) {
        if !self.reader.find.is_active() {
            let key = self.keys.key_or_unbound(Action::Find, Scope::Browse);
            self.message = Some(format!("no word to find: {key} finds one"));
            return;
        }
        self.refresh_find();
        let n = self.reader.find.matches.len();
        if n == 0 {
            self.message = Some(format!(
                "{:?} is not in this article",
                self.reader.find.word
            ));
            return;
        }
        let c = self.reader.find.current;
        let (next, wrapped) = if forward {
            ((c + 1) % n, c + 1 == n)
        } else {
            ((c + n - 1) % n, c == 0)
        };
        self.reader.find.current = next;
        self.reader.find.jump = true;
        self.focus = Focus::Reader;
        self.message = Some(if wrapped && n > 1 {
            format!(
                "match {}/{n}, from the {}",
                next + 1,
                if forward { "top" } else { "bottom" }
            )
        } else {
            format!("match {}/{n}", next + 1)
        });
    }

    /// The reading view's scroll for the current match (called by `fit`
    /// once the article is wrapped): the match a third of the way down,
    /// unless it is already on screen.
    pub(super) fn scroll_to_match(&mut self, visible: usize) {
        if !std::mem::take(&mut self.reader.find.jump) {
            return;
        }
        let (Some(view), Some(&(start, _))) = (
            &self.reader.view,
            self.reader.find.matches.get(self.reader.find.current),
        ) else {
            return;
        };
        let Some(line) = view.line_of(start) else {
            return;
        };
        if line < self.reader.scroll || line >= self.reader.scroll + visible {
            self.reader.scroll = line.saturating_sub(visible / 3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ignore_case_and_keep_body_offsets() {
        let body = "Talks in Geneva. GENEVA talks; İstanbul and geneva.";
        let m = find_matches(body, "geneva");
        assert_eq!(m.len(), 3);
        for &(s, e) in &m {
            assert!(body[s..e].eq_ignore_ascii_case("geneva"));
        }
        // A capital whose lowercase is longer keeps the ranges on the body.
        let m = find_matches(body, "and");
        assert_eq!(&body[m[0].0..m[0].1], "and");
        assert!(find_matches(body, "  ").is_empty());
        assert_eq!(find_matches("aaaa", "aa"), vec![(0, 2), (2, 4)]);
    }

    #[test]
    fn a_word_is_cut_into_pieces_at_the_matches() {
        let find = Find {
            word: "ne".into(),
            article: Some(0),
            matches: vec![(2, 4), (8, 10)],
            current: 1,
            jump: false,
        };
        assert_eq!(
            find.pieces(0, 6),
            vec![(0, 2, None), (2, 4, Some(false)), (4, 6, None)]
        );
        assert_eq!(
            find.pieces(9, 12),
            vec![(9, 10, Some(true)), (10, 12, None)]
        );
        assert_eq!(find.pieces(4, 8), vec![(4, 8, None)]);
    }
}
