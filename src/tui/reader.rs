//! The reading view's content: the selected article's header and its body
//! wrapped to the pane's width, keeping each word's byte range in the body
//! so that entity mentions and filter words can be highlighted.

use unicode_width::UnicodeWidthStr;

use crate::corpus::{Article, TitleSource};
use crate::text::sanitize;

use super::wrap::wrap;

/// A word of the body on screen: its byte range in `Article::body`.
pub type WordSpan = (usize, usize);

/// One line of the reading view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLine {
    Title(String),
    Meta(String),
    Body(Vec<WordSpan>),
    Blank,
}

/// The selected article wrapped to the reading view's width.
#[derive(Debug, Clone)]
pub struct ReaderView {
    article: usize,
    width: usize,
    pub lines: Vec<ReaderLine>,
}

impl ReaderView {
    /// The article wrapped to `width`, its date written with the strftime
    /// `date_format`.
    pub fn new(a: &Article, article: usize, width: usize, date_format: &str) -> ReaderView {
        let w = width.max(1);
        let mut lines = Vec::new();
        // A title shortened from the first sentence would only repeat the
        // opening words of the text right below it.
        if a.title_source != TitleSource::Derived {
            let title = if a.title.is_empty() {
                "(untitled)"
            } else {
                &a.title
            };
            lines.extend(wrap(&sanitize(title), w).into_iter().map(ReaderLine::Title));
        }
        let mut meta: Vec<String> = Vec::new();
        if let Some(d) = a.date {
            meta.push(format!(
                "{} ({})",
                super::config::write_date(d, date_format),
                a.date_source.name()
            ));
        }
        if let Some(author) = &a.author {
            meta.push(format!("by {author}"));
        }
        if let Some(source) = &a.source {
            meta.push(source.clone());
        }
        if let Some(dateline) = &a.dateline {
            meta.push(dateline.clone());
        }
        if !meta.is_empty() {
            let joined = sanitize(&meta.join(" · ")).into_owned();
            lines.extend(wrap(&joined, w).into_iter().map(ReaderLine::Meta));
        }
        // The address `o` opens and `y` copies.
        if let Some(url) = a.url() {
            lines.extend(wrap(&sanitize(url), w).into_iter().map(ReaderLine::Meta));
        }
        for paragraph in a.paragraphs() {
            let base = paragraph.as_ptr() as usize - a.body.as_ptr() as usize;
            lines.push(ReaderLine::Blank);
            lines.extend(
                wrap_words(paragraph, base, w)
                    .into_iter()
                    .map(ReaderLine::Body),
            );
        }
        ReaderView {
            article,
            width,
            lines,
        }
    }

    pub fn is_for(&self, article: usize, width: usize) -> bool {
        self.article == article && self.width == width
    }

    /// The first body line showing byte `offset` or later.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        self.lines.iter().position(|l| match l {
            ReaderLine::Body(words) => words.last().is_some_and(|w| w.1 > offset),
            _ => false,
        })
    }
}

/// Wraps a paragraph into lines of words, each word a byte range of the
/// body (`base` is the paragraph's offset in it). Words wider than the line
/// are cut at char boundaries.
fn wrap_words(paragraph: &str, base: usize, width: usize) -> Vec<Vec<WordSpan>> {
    let mut lines: Vec<Vec<WordSpan>> = Vec::new();
    let mut line: Vec<WordSpan> = Vec::new();
    let mut used = 0;
    let mut pos = 0;
    for word in paragraph.split_whitespace() {
        let start = pos + paragraph[pos..].find(word).unwrap_or(0);
        pos = start + word.len();
        let shown = sanitize(word);
        let w = shown.width();
        let gap = usize::from(used > 0);
        if used + gap + w <= width {
            line.push((base + start, base + pos));
            used += gap + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push((base + start, base + pos));
            used = w;
            continue;
        }
        // A word wider than the line: cut it into line-sized pieces.
        let mut piece_start = start;
        let mut piece_width = 0;
        for (i, c) in word.char_indices() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
            if piece_width + cw > width && piece_width > 0 {
                lines.push(vec![(base + piece_start, base + start + i)]);
                piece_start = start + i;
                piece_width = 0;
            }
            piece_width += cw;
        }
        line.push((base + piece_start, base + pos));
        used = piece_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_offsets_in_the_body() {
        let body = "First para here.\n\nSecond   paragraph with words.";
        let second = body.find("Second").unwrap();
        let lines = wrap_words(&body[second..], second, 12);
        let text: Vec<String> = lines
            .iter()
            .map(|l| {
                l.iter()
                    .map(|&(s, e)| &body[s..e])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(text, ["Second", "paragraph", "with words."]);
        let lines = wrap_words("abcdefghij", 0, 4);
        assert_eq!(lines, [vec![(0, 4)], vec![(4, 8)], vec![(8, 10)]]);
    }

    #[test]
    fn a_headline_heads_the_view_but_a_derived_title_is_not_repeated() {
        let body = "Dock workers at Halvard walked out on Monday, halting traffic at the harbour.";
        let with_headline = crate::corpus::plain::parse_text(
            "a",
            "a.txt",
            &format!("Halvard dockers strike\n\n{body}"),
        );
        let view = ReaderView::new(&with_headline, 0, 40, "%Y-%m-%d");
        assert_eq!(
            view.lines[0],
            ReaderLine::Title("Halvard dockers strike".into())
        );
        let derived = crate::corpus::plain::parse_text("b", "b.txt", body);
        assert_eq!(derived.title_source, TitleSource::Derived);
        let view = ReaderView::new(&derived, 0, 40, "%Y-%m-%d");
        assert!(
            !view.lines.iter().any(|l| matches!(l, ReaderLine::Title(_))),
            "{:?}",
            view.lines
        );
        assert!(view.line_of(0).is_some());
    }
}
