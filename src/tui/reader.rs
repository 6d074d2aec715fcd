//! The reading view pane. `ReaderView` is its content: the selected
//! article's header and its body wrapped to the pane's width, keeping each
//! word's byte range in the body so that entity mentions, filter words and
//! found words can be lit. `ReaderState` is the pane's state (the wrapped
//! article, the scroll, whether names are lit, the word found in it);
//! `ReadingPane` draws the lines on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::corpus::{Article, TitleSource};
use crate::extract::entities::Mention;
use crate::index::query::{Condition, Query};
use crate::text::{fold, sanitize};

use super::app::{App, Focus};
use super::find::Find;
use super::keys::{Action, Scope};
use super::spans::{Runs, clean, paint};
use super::theme::Theme;
use super::wrap::wrap;

/// A word of the body on screen: its byte range in the body.
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
    /// The article's body, which the lines' word ranges are in.
    pub body: String,
    pub lines: Vec<ReaderLine>,
}

impl ReaderView {
    /// The article wrapped to `width` (`body` is its text), its date
    /// written with the strftime `date_format`.
    pub fn new(
        a: &Article,
        body: &str,
        article: usize,
        width: usize,
        date_format: &str,
    ) -> ReaderView {
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
        for paragraph in crate::corpus::paragraphs(body) {
            let base = paragraph.as_ptr() as usize - body.as_ptr() as usize;
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
            body: body.to_string(),
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

/// The reading view's state.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// The selected article wrapped to the pane (made by `fit`).
    pub(super) view: Option<ReaderView>,
    /// The first line on screen.
    pub(super) scroll: usize,
    /// Whether the names the article mentions are lit.
    pub(super) highlight_mentions: bool,
    /// The word found in the article and its matches.
    pub(super) find: Find,
}

impl Default for ReaderState {
    fn default() -> ReaderState {
        ReaderState {
            view: None,
            scroll: 0,
            highlight_mentions: true,
            find: Find::default(),
        }
    }
}

impl ReaderState {
    /// The article as wrapped for the pane.
    pub fn view(&self) -> Option<&ReaderView> {
        self.view.as_ref()
    }

    /// The first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn highlights_mentions(&self) -> bool {
        self.highlight_mentions
    }

    /// The word found in the article and its matches.
    pub fn find(&self) -> &Find {
        &self.find
    }

    /// Scrolls by `delta` lines (kept within the article by `fit`).
    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
    }

    /// Wraps `article` (its index and text) to `width` columns unless it
    /// already is; no article, no view. The body of a newly shown article
    /// is read here, outside the frame (from the store when it is kept
    /// there: one article's text).
    pub(super) fn wrap(
        &mut self,
        article: Option<(usize, &Article)>,
        library: &crate::library::Library,
        width: usize,
        date_format: &str,
    ) {
        match article {
            Some((index, a)) => {
                if self.view.as_ref().is_none_or(|r| !r.is_for(index, width)) {
                    let body = match &self.view {
                        Some(v) if v.article == index => {
                            std::borrow::Cow::Borrowed(v.body.as_str())
                        }
                        _ => library.body(index),
                    };
                    let view = ReaderView::new(a, &body, index, width, date_format);
                    self.view = Some(view);
                }
            }
            None => self.view = None,
        }
    }

    /// Keeps the scroll within the article for `visible` lines on screen.
    pub(super) fn clamp(&mut self, visible: usize) {
        let total = self.view.as_ref().map_or(0, |r| r.lines.len());
        self.scroll = self.scroll.min(total.saturating_sub(visible));
    }
}

/// The reading view pane: a title with the position (and the find's
/// count), then the lines on screen with names, filter words and found
/// words lit.
pub struct ReadingPane<'a> {
    pub reader: &'a ReaderState,
    /// The article read, with its index.
    pub article: Option<(usize, &'a Article)>,
    /// The article's name mentions, when names are lit and found.
    pub mentions: &'a [Mention],
    /// The filter the list answers: its free words are lit in the body.
    pub query: &'a Query,
    /// The key that switches names on and off, for the title.
    pub names_key: Option<String>,
    pub focused: bool,
    pub theme: &'a Theme,
}

impl ReadingPane<'_> {
    /// Body words that the filter's free words start.
    fn searched_words(&self) -> Vec<String> {
        self.query
            .terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.condition {
                Condition::Text(w) => Some(fold(w)),
                _ => None,
            })
            .filter(|w| w.chars().count() >= 2)
            .collect()
    }
}

impl Widget for ReadingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 3 || area.height < 3 {
            return;
        }
        let t = self.theme;
        let (Some(view), Some((article, _))) = (&self.reader.view, self.article) else {
            let block = t.pane(" Reading ".into(), self.focused);
            let inner = block.inner(area);
            block.render(area, buf);
            Paragraph::new(Line::styled("nothing selected", t.dim)).render(inner, buf);
            return;
        };
        let body = &view.body;
        let scroll = self.reader.scroll;
        let visible = area.height.saturating_sub(2) as usize;
        let total = view.lines.len();
        let position = if total <= visible {
            "all".to_string()
        } else {
            let last = (scroll + visible).min(total);
            format!("{}-{}/{} {}%", scroll + 1, last, total, last * 100 / total)
        };
        let names = match &self.names_key {
            Some(k) if self.reader.highlight_mentions => format!(" · names lit ({k})"),
            _ => String::new(),
        };
        // The find's count comes first: a narrow pane cuts the title's end.
        let found = if self.reader.find.is_active() {
            format!("find {} · ", self.reader.find.note())
        } else {
            String::new()
        };
        let block = t.pane(
            format!(" Reading · {found}{position}{names} "),
            self.focused,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let words = self.searched_words();
        let find = &self.reader.find;
        let window = view.lines.iter().skip(scroll).take(visible);
        // The mentions on screen, found once rather than for every word.
        let (first, last) = window
            .clone()
            .filter_map(|l| match l {
                ReaderLine::Body(w) => Some((w.first()?.0, w.last()?.1)),
                _ => None,
            })
            .fold((usize::MAX, 0), |(a, b), (s, e)| (a.min(s), b.max(e)));
        let on_screen: Vec<(usize, usize)> = self
            .mentions
            .iter()
            .map(|m| (m.span().start, m.span().end))
            .filter(|&(s, e)| s < last && first < e)
            .collect();
        let lines: Vec<Line> = window
            .map(|l| match l {
                ReaderLine::Title(s) => Line::styled(s.as_str(), t.title),
                ReaderLine::Meta(s) => Line::styled(s.as_str(), t.dim),
                ReaderLine::Blank => Line::raw(""),
                ReaderLine::Body(spans) => {
                    let mut out = Runs::with_capacity(4);
                    let finds = !find.matches.is_empty() && find.article == Some(article);
                    for (i, &(s, e)) in spans.iter().enumerate() {
                        if i > 0 {
                            out.push_piece(Style::new(), " ");
                        }
                        let text = &body[s..e];
                        let mentioned = on_screen.iter().any(|&(ms, me)| ms < e && s < me);
                        let searched = !words.is_empty() && starts_a_word(text, &words);
                        let style = if searched {
                            t.matched
                        } else if mentioned {
                            t.mention
                        } else {
                            Style::new()
                        };
                        if !finds {
                            out.push_piece(style, &clean(text));
                            continue;
                        }
                        for (ps, pe, found) in find.pieces(s, e) {
                            let piece = match found {
                                Some(true) => style.patch(t.found_current),
                                Some(false) => style.patch(t.found),
                                None => style,
                            };
                            out.push_piece(piece, &clean(&body[ps..pe]));
                        }
                    }
                    Line::from(out.into_spans())
                }
            })
            .collect();
        paint(&lines, inner, buf);
    }
}

impl App {
    /// The reading view pane as it is drawn now.
    pub(super) fn reading_pane(&self) -> ReadingPane<'_> {
        let article = self.current().map(|i| (i, &self.library.articles()[i]));
        let mentions = match article {
            Some((i, _)) if self.reader.highlight_mentions => self
                .library
                .entities_if_ready()
                .and_then(|table| table.by_article.get(i))
                .unwrap_or_default(),
            _ => &[],
        };
        ReadingPane {
            reader: &self.reader,
            article,
            mentions,
            query: &self.query,
            names_key: self.keys.first_key(Action::ToggleMentions, Scope::Browse),
            focused: self.focus == Focus::Reader,
            theme: &self.theme,
        }
    }
}

/// Whether one of the words in `text` (as `fold` and `words` split it)
/// starts with one of the folded `searched` words; ASCII text is compared
/// without folding a copy.
fn starts_a_word(text: &str, searched: &[String]) -> bool {
    if !text.is_ascii() {
        let folded = fold(text);
        return searched
            .iter()
            .any(|w| crate::text::words(&folded).any(|bw| bw.starts_with(w.as_str())));
    }
    searched.iter().any(|w| {
        text.split(|c: char| !c.is_ascii_alphanumeric()).any(|bw| {
            bw.len() >= w.len() && bw.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        })
    })
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

    fn body_of(a: &Article) -> &str {
        a.body.as_str()
    }

    #[test]
    fn a_headline_heads_the_view_but_a_derived_title_is_not_repeated() {
        let body = "Dock workers at Halvard walked out on Monday, halting traffic at the harbour.";
        let with_headline = crate::corpus::plain::parse_text(
            "a",
            "a.txt",
            &format!("Halvard dockers strike\n\n{body}"),
        );
        let view = ReaderView::new(&with_headline, body_of(&with_headline), 0, 40, "%Y-%m-%d");
        assert_eq!(
            view.lines[0],
            ReaderLine::Title("Halvard dockers strike".into())
        );
        let derived = crate::corpus::plain::parse_text("b", "b.txt", body);
        assert_eq!(derived.title_source, TitleSource::Derived);
        let view = ReaderView::new(&derived, body_of(&derived), 0, 40, "%Y-%m-%d");
        assert!(
            !view.lines.iter().any(|l| matches!(l, ReaderLine::Title(_))),
            "{:?}",
            view.lines
        );
        assert!(view.line_of(0).is_some());
    }
}
