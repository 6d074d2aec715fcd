//! The article list pane: which articles are shown and in what order (the
//! library's answer to the filter), the selected row, and the window of
//! rows on screen with their title highlights and read and star marks.
//! `ListState` is that state (not ratatui's list state: rows are built only
//! for the window, whatever the corpus size); `ListPane` draws it.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
use super::spans::{Runs, clean, paint};
use super::theme::Theme;
use super::wrap::{truncate, truncated};
use crate::corpus::{Article, DateSource};
use crate::index::query::Query;
use crate::index::title_highlights;
use crate::library::Library;
use crate::text::sanitize;

/// Screen lines per article in the list: the title, then date and source.
pub const LIST_ROW_HEIGHT: usize = 2;

/// The list's rows, selection and window.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Indices of the shown articles, in list order.
    shown: Vec<usize>,
    /// Index into `shown`.
    selected: usize,
    /// First row of `shown` on screen.
    offset: usize,
    /// Dated-only orders leave undated articles out; how many.
    undated_hidden: usize,
    /// For a folded group's row: how many reports it stands for.
    group_sizes: HashMap<usize, usize>,
    /// Title highlights (char indices) of the rows on screen, kept from
    /// frame to frame while the query and the library stay the same.
    title_marks: HashMap<usize, Vec<usize>>,
    /// The query and the library (its address) `title_marks` were found
    /// for.
    marks_for: Option<(Query, usize)>,
    /// Read and star marks of the rows on screen (kept by the store).
    row_marks: HashMap<usize, (bool, bool)>,
    /// The rows are what a search still running has found so far.
    partial: bool,
}

impl ListState {
    /// Every one of `count` articles, in corpus order.
    pub(super) fn all(count: usize) -> ListState {
        ListState {
            shown: (0..count).collect(),
            ..ListState::default()
        }
    }

    /// Indices of the shown articles, in list order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Whether the rows are what a search still running has found so far.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The article under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    pub fn undated_hidden(&self) -> usize {
        self.undated_hidden
    }

    /// How many reports `article`'s row stands for, when it is a folded
    /// group's.
    pub fn group_size(&self, article: usize) -> Option<usize> {
        self.group_sizes.get(&article).copied()
    }

    /// The row of `article`, if it is shown.
    pub fn row_of(&self, article: usize) -> Option<usize> {
        self.shown.iter().position(|&i| i == article)
    }

    /// Selects row `index` (kept within the list); true when the
    /// selection moved.
    pub(super) fn select(&mut self, index: usize) -> bool {
        let index = index.min(self.shown.len().saturating_sub(1));
        let moved = index != self.selected;
        self.selected = index;
        moved
    }

    pub(super) fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Shows every one of `count` articles from the first row, the rest
    /// kept until the next listing.
    pub(super) fn show_all(&mut self, count: usize) {
        self.shown = (0..count).collect();
        self.selected = 0;
        // Another library may have come: its titles are others.
        self.forget_marks();
    }

    /// Forgets the title highlights found.
    pub(super) fn forget_marks(&mut self) {
        self.title_marks.clear();
        self.marks_for = None;
    }

    /// Takes a listing's rows.
    pub(super) fn take(
        &mut self,
        rows: Vec<usize>,
        undated_hidden: usize,
        group_sizes: HashMap<usize, usize>,
        partial: bool,
    ) {
        self.partial = partial;
        self.shown = rows;
        self.undated_hidden = undated_hidden;
        self.group_sizes = group_sizes;
    }

    /// Keeps `before` selected when it is still shown; else selects the
    /// first row and says so (false).
    pub(super) fn keep(&mut self, before: Option<usize>) -> bool {
        let kept = before.and_then(|b| self.row_of(b));
        self.selected = kept.unwrap_or(0);
        self.offset = self.offset.min(self.selected);
        kept.is_some()
    }

    /// Keeps the selection on a shown row.
    pub(super) fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The row shown `line` lines below the top of the pane's inside.
    pub(super) fn row_at(&self, line: usize) -> Option<usize> {
        let index = self.offset + line / LIST_ROW_HEIGHT;
        (index < self.shown.len()).then_some(index)
    }

    /// Fits the window to `rows` rows on screen around the selection, and
    /// finds the marks of the rows in it: the query's matches in their
    /// titles, and their read and star marks.
    pub(super) fn fit(&mut self, rows: usize, library: &Library, query: &Query) {
        self.clamp_selection();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        // A taller screen shows more rows: no empty space below the last one.
        self.offset = self
            .offset
            .min(self.shown.len().saturating_sub(rows))
            .min(self.shown.len().saturating_sub(1));
        self.row_marks.clear();
        for &index in self.shown.iter().skip(self.offset).take(rows) {
            if let Some(marks) = library.marks_if_ready(index) {
                self.row_marks.insert(index, marks);
            }
        }
        if query.is_empty() {
            self.forget_marks();
            return;
        }
        // The highlights of a row stay while the query and library do.
        let at = library as *const Library as usize;
        if self
            .marks_for
            .as_ref()
            .is_none_or(|(q, lib)| q != query || *lib != at)
        {
            self.title_marks.clear();
            self.marks_for = Some((query.clone(), at));
        }
        let window = &self.shown[self.offset.min(self.shown.len())..];
        let window = &window[..rows.min(window.len())];
        self.title_marks.retain(|index, _| window.contains(index));
        for &index in window {
            if self.title_marks.contains_key(&index) {
                continue;
            }
            let title = sanitize(&library.articles()[index].title);
            self.title_marks
                .insert(index, title_highlights(query, &title));
        }
    }

    /// The title highlights of the rows on screen (char indices).
    pub fn title_marks(&self, article: usize) -> &[usize] {
        self.title_marks.get(&article).map_or(&[], Vec::as_slice)
    }
}

/// The list pane: two lines an article (the title, then its date, copies,
/// source and author), only for the rows on screen.
pub struct ListPane<'a> {
    pub list: &'a ListState,
    pub articles: &'a [Article],
    pub focused: bool,
    /// How dates are written (chrono strftime).
    pub date_format: &'a str,
    pub theme: &'a Theme,
}

impl Widget for ListPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 3 || area.height < 3 {
            return;
        }
        let t = self.theme;
        let list = self.list;
        let so_far = if list.partial { "+" } else { "" };
        let title = format!(
            " Articles {}{so_far}/{} ",
            list.shown.len(),
            self.articles.len()
        );
        let block = t.pane(title, self.focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        // Only the rows on screen are built.
        let rows = (inner.height as usize).div_ceil(LIST_ROW_HEIGHT);
        let window = list.shown.iter().enumerate().skip(list.offset).take(rows);
        let mut lines = Vec::with_capacity(rows * LIST_ROW_HEIGHT);
        for (row, &index) in window {
            let article = &self.articles[index];
            let selected = row == list.selected;
            let (read, starred) = list.row_marks.get(&index).copied().unwrap_or((true, false));
            let mut base = if selected { t.selected } else { Style::new() };
            // Unread articles stand out, as in a mail reader.
            if !read {
                base = base.add_modifier(Modifier::BOLD);
            }
            let title = clean(&article.title);
            let title = if title.is_empty() {
                "(untitled)".into()
            } else {
                title
            };
            let shown = truncated(&title, width);
            let marks: &[usize] = list.title_marks.get(&index).map_or(&[], Vec::as_slice);
            let mut runs = Runs::with_capacity(2 + 2 * marks.len());
            if marks.is_empty() {
                runs.push(base, &shown);
            } else {
                let lit = base.patch(t.matched);
                let mut char_buf = [0u8; 4];
                for (ci, c) in shown.chars().enumerate() {
                    let matched = c != '…' && marks.binary_search(&ci).is_ok();
                    runs.push(
                        if matched { lit } else { base },
                        c.encode_utf8(&mut char_buf),
                    );
                }
            }
            runs.push(base, &" ".repeat(width.saturating_sub(shown.width())));
            lines.push(Line::from(runs.into_spans()));

            let mut meta = vec![];
            if starred {
                meta.push("★".to_string());
            }
            let date = |d| super::config::write_date(d, self.date_format);
            meta.push(match article.date {
                Some(d) if article.date_source == DateSource::Inferred => {
                    format!("~{} (inferred)", clean(&date(d)))
                }
                Some(d) => clean(&date(d)).into_owned(),
                None => "undated".to_string(),
            });
            if let Some(n) = list.group_sizes.get(&index) {
                meta.push(format!("×{n} copies/rewrites"));
            }
            if let Some(source) = &article.source {
                meta.push(clean(source).into_owned());
            }
            if let Some(author) = &article.author {
                meta.push(clean(author).into_owned());
            }
            let meta = truncate(&format!("  {}", meta.join(" · ")), width);
            let pad = " ".repeat(width.saturating_sub(meta.width()));
            let meta_style = if selected { base } else { t.dim };
            lines.push(Line::from(vec![
                Span::styled(meta, meta_style),
                Span::styled(pad, base),
            ]));
        }
        if list.shown.is_empty() {
            lines.push(Line::styled("no article matches", t.dim));
        }
        paint(&lines, inner, buf);
    }
}

impl App {
    /// The list pane as it is drawn now.
    pub(super) fn list_pane(&self) -> ListPane<'_> {
        ListPane {
            list: &self.list,
            articles: self.library.articles(),
            focused: matches!(self.focus, Focus::List | Focus::Filter),
            date_format: &self.date_format,
            theme: &self.theme,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::plain::parse_text;

    fn text(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn the_pane_draws_only_the_rows_of_its_window() {
        let articles: Vec<Article> = (0..6)
            .map(|i| {
                parse_text(
                    &format!("a{i}"),
                    "a.txt",
                    &format!("Title {i}\n\nBody {i}."),
                )
            })
            .collect();
        let mut list = ListState::all(articles.len());
        list.select(4);
        // A pane seven lines high has five inside: two rows whole, then a
        // third's title; the window starts at row 3.
        list.offset = 3;
        let area = Rect::new(0, 0, 30, 7);
        let mut buf = Buffer::empty(area);
        ListPane {
            list: &list,
            articles: &articles,
            focused: true,
            date_format: "%Y-%m-%d",
            theme: &Theme::plain(),
        }
        .render(area, &mut buf);
        let lines = text(&buf);
        assert!(lines[0].contains("Articles 6/6"), "{lines:?}");
        let titles: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.find("Title ").map(|at| &l[at..at + 7]))
            .collect();
        assert_eq!(titles, ["Title 3", "Title 4", "Title 5"]);
    }

    fn library(titles: &[&str]) -> Library {
        let articles = titles
            .iter()
            .enumerate()
            .map(|(i, t)| parse_text(&format!("a{i}"), "a.txt", &format!("{t}\n\nBody {i}.")))
            .collect();
        Library::new(crate::corpus::Corpus {
            articles,
            files: Vec::new(),
        })
    }

    /// The title characters lit in row `article`.
    fn lit(list: &ListState, lib: &Library, article: usize) -> String {
        let marks = list.title_marks(article);
        lib.articles()[article]
            .title
            .chars()
            .enumerate()
            .filter(|(i, _)| marks.contains(i))
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn title_highlights_follow_the_query_the_library_and_the_window() {
        let query = |q: &str| crate::index::parse_query(q).unwrap();
        let first = library(&["Harbour strike", "Harbour talks", "Budget vote"]);
        let mut list = ListState::all(3);
        list.fit(2, &first, &query("strike"));
        assert_eq!(lit(&list, &first, 0), "strike");
        // Another query lights other words in the rows kept.
        list.fit(2, &first, &query("harbour"));
        assert_eq!(lit(&list, &first, 0), "Harbour");
        assert_eq!(lit(&list, &first, 1), "Harbour");
        // A row scrolled into the window is lit; one scrolled out is let go.
        list.select(2);
        list.fit(2, &first, &query("harbour"));
        assert_eq!(list.offset(), 1);
        assert!(list.title_marks(0).is_empty());
        assert_eq!(lit(&list, &first, 1), "Harbour");
        // Another library with the same rows: its own titles are lit.
        let second = library(&["Strike ends", "Harbour reopens", "Harbour vote"]);
        list.fit(2, &second, &query("harbour"));
        assert_eq!(lit(&list, &second, 2), "Harbour");
        // No query, nothing lit.
        list.fit(2, &second, &query(""));
        assert!(list.title_marks(1).is_empty() && list.title_marks(2).is_empty());
    }
}
