//! The story popup: what one report adds to another (`d`), and a name's own
//! timeline across the corpus (`T`). Each is a widget over its own state;
//! `fit` lays the lines out for the popup's width once, and `draw` only
//! renders them.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::app::App;
use super::theme::Theme;
use super::wrap::{truncate, wrap};
use crate::index::diff::{Diff, DiffLine, WordKind};
use crate::library::TimelineRow;
use crate::text::sanitize;

/// From this closeness (`Changed::closeness`) up, a reworded sentence is
/// shown as one with its changes marked; below, as two.
const CLOSE_EDIT: f32 = 0.7;

/// Asks for an entity's timeline off the UI thread; the answer comes back
/// through `App::apply_timeline`.
pub type TimelineJobs = Arc<dyn Fn(usize) + Send + Sync>;

/// What the popup shows.
pub enum StoryView {
    Diff(DiffView),
    Timeline(TimelineView),
}

/// `d`: the current report against another version.
pub struct DiffView {
    /// The report read (the second version).
    pub title: String,
    /// The report it is compared with.
    pub against: String,
    pub diff: Diff,
    pub scroll: usize,
    /// Lines laid out for `width`.
    pub lines: Vec<Line<'static>>,
    pub width: usize,
}

/// `T`: every dated sentence about one name.
pub struct TimelineView {
    pub entity: usize,
    pub name: String,
    /// `None` while it is being gathered.
    pub rows: Option<Vec<TimelineRow>>,
    pub selected: usize,
    pub scroll: usize,
}

impl StoryView {
    /// The popup's area inside the screen.
    pub fn area(screen: Rect) -> Rect {
        screen.centered(Constraint::Percentage(92), Constraint::Percentage(90))
    }

    /// Lines inside the popup's frame.
    pub fn inner_height(screen: Rect) -> usize {
        Self::area(screen).height.saturating_sub(2) as usize
    }

    /// Moves the selection (timeline) or scrolls (diff) by `delta`.
    pub fn move_by(&mut self, delta: isize) {
        match self {
            StoryView::Diff(d) => d.scroll = d.scroll.saturating_add_signed(delta),
            StoryView::Timeline(t) => {
                let len = t.rows.as_ref().map_or(0, Vec::len);
                t.selected = t
                    .selected
                    .saturating_add_signed(delta)
                    .min(len.saturating_sub(1));
            }
        }
    }

    /// Lays the content out for the screen and keeps the scroll in range.
    pub fn fit(&mut self, screen: Rect, theme: &Theme) {
        let area = Self::area(screen);
        let width = area.width.saturating_sub(2) as usize;
        let height = area.height.saturating_sub(2) as usize;
        match self {
            StoryView::Diff(d) => {
                if d.width != width {
                    d.lines = diff_lines(d, width, theme);
                    d.width = width;
                }
                d.scroll = d.scroll.min(d.lines.len().saturating_sub(height));
            }
            StoryView::Timeline(t) => {
                // Two lines a row; the selected one shows its whole sentence.
                let rows = height / 2;
                if t.selected < t.scroll {
                    t.scroll = t.selected;
                } else if rows > 0 && t.selected >= t.scroll + rows.saturating_sub(3) {
                    t.scroll = (t.selected + 3).saturating_sub(rows).min(t.selected);
                }
            }
        }
    }
}

/// The popup as a widget.
pub struct StoryPopup<'a> {
    pub view: &'a StoryView,
    pub theme: &'a Theme,
}

impl Widget for StoryPopup<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let area = StoryView::area(screen);
        Clear.render(area, buf);
        let t = self.theme;
        let (title, lines, scroll) = match self.view {
            StoryView::Diff(d) => (
                format!(" What this report adds to “{}” · Esc closes ", d.against),
                d.lines.clone(),
                d.scroll,
            ),
            StoryView::Timeline(v) => {
                let width = area.width.saturating_sub(2) as usize;
                (
                    format!(" {} over time · Enter reads · Esc closes ", v.name),
                    timeline_lines(v, width, t),
                    0,
                )
            }
        };
        let title = truncate(&sanitize(&title), area.width.saturating_sub(2) as usize);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border_focused)
            .title(Span::styled(title, t.title));
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .render(area, buf);
    }
}

/// Words with styles, wrapped to `width` columns.
fn wrap_words(words: &[(String, Style)], width: usize, indent: &str) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(indent.width() + 8);
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (word, style) in words {
        for piece in wrap(word, width - indent.width()) {
            let w = piece.width();
            if used > 0 && used + 1 + w > width {
                lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            if used == 0 {
                spans.push(Span::raw(indent.to_string()));
                used = indent.width();
                if lines.is_empty() {
                    // The first line's indent holds the marker instead.
                    spans.pop();
                    used = 0;
                }
            } else {
                spans.push(Span::raw(" "));
                used += 1;
            }
            used += w;
            spans.push(Span::styled(piece, *style));
        }
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

fn words_of(text: &str, style: Style) -> Vec<(String, Style)> {
    sanitize(text)
        .split_whitespace()
        .map(|w| (w.to_string(), style))
        .collect()
}

/// The second version in its order: `+` before a sentence the other lacks,
/// `~` before a reworded one with its changed words marked, the shared ones
/// plain; then what only the other has.
fn diff_lines(d: &DiffView, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let added = t.matched;
    let removed = t.dim.add_modifier(Modifier::CROSSED_OUT);
    let mut out = vec![
        Line::from(vec![
            Span::styled("+ ", added),
            Span::raw("only here  "),
            Span::styled("~ ", t.key),
            Span::raw("reworded (new words lit, dropped ones struck)  "),
            Span::styled("− ", t.dim),
            Span::raw("only in the other"),
        ]),
        Line::from(Span::styled(
            format!(
                "{} added · {} reworded · {} shared · {} only in the other",
                d.diff.added.len(),
                d.diff.changed.len(),
                d.diff.shared,
                d.diff.removed.len()
            ),
            t.dim,
        )),
        Line::default(),
    ];
    for line in &d.diff.lines {
        let (marker, words) = match line {
            DiffLine::Shared(s) => (Span::raw("  "), words_of(&s.text, Style::new())),
            DiffLine::Added(s) => (Span::styled("+ ", added), words_of(&s.text, added)),
            DiffLine::Changed(i) => {
                let c = &d.diff.changed[*i];
                if c.closeness() >= CLOSE_EDIT {
                    // A light edit: one sentence, changes marked in place.
                    let words = c
                        .words()
                        .into_iter()
                        .filter(|w| !w.text.trim().is_empty())
                        .flat_map(|w| {
                            let style = match w.kind {
                                WordKind::Same => Style::new(),
                                WordKind::Added => added,
                                WordKind::Removed => removed,
                            };
                            words_of(&w.text, style)
                        })
                        .collect();
                    (Span::styled("~ ", t.key), words)
                } else {
                    // A retelling: this version's sentence with the words
                    // the other's lacks lit, then the other's, dimmed.
                    let words: Vec<(String, Style)> = c
                        .new_words()
                        .into_iter()
                        .map(|(w, new)| {
                            (
                                sanitize(w).into_owned(),
                                if new { added } else { Style::new() },
                            )
                        })
                        .collect();
                    let mut wrapped = wrap_words(&words, width.saturating_sub(2), "  ");
                    if let Some(first) = wrapped.first_mut() {
                        first.spans.insert(0, Span::styled("~ ", t.key));
                    }
                    out.extend(wrapped);
                    let mut was = vec![("was:".to_string(), t.dim)];
                    was.extend(words_of(&c.a.text, t.dim));
                    let mut wrapped = wrap_words(&was, width.saturating_sub(4), "    ");
                    if let Some(first) = wrapped.first_mut() {
                        first.spans.insert(0, Span::raw("  "));
                    }
                    out.extend(wrapped);
                    continue;
                }
            }
        };
        let mut wrapped = wrap_words(&words, width.saturating_sub(2), "  ");
        if let Some(first) = wrapped.first_mut() {
            first.spans.insert(0, marker);
        }
        out.extend(wrapped);
    }
    if !d.diff.removed.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            format!("Only in “{}”", sanitize(&d.against)),
            t.title,
        )));
        for s in &d.diff.removed {
            let mut wrapped = wrap_words(&words_of(&s.text, t.dim), width.saturating_sub(2), "  ");
            if let Some(first) = wrapped.first_mut() {
                first.spans.insert(0, Span::styled("− ", t.dim));
            }
            out.extend(wrapped);
        }
    }
    out
}

/// `date  title` then the sentence: cut to one line, but the selected
/// row's whole sentence.
fn timeline_lines(v: &TimelineView, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let Some(rows) = &v.rows else {
        return vec![Line::from(Span::styled(
            "gathering dated sentences…",
            t.dim,
        ))];
    };
    if rows.is_empty() {
        return vec![Line::from(Span::styled(
            "no dated sentence names it (its articles have no dates)",
            t.dim,
        ))];
    }
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(v.scroll) {
        let selected = i == v.selected;
        let mark = if r.source == crate::library::TimelineSource::Article {
            "*"
        } else {
            " "
        };
        let head = format!("{:<11}{mark} {}", r.date, sanitize(&r.title));
        let head_style = if selected { t.selected } else { t.title };
        out.push(Line::from(Span::styled(truncate(&head, width), head_style)));
        let sentence = sanitize(&r.sentence).into_owned();
        if selected {
            for l in wrap(&sentence, width.saturating_sub(4)) {
                out.push(Line::from(format!("    {l}")));
            }
        } else {
            out.push(Line::from(Span::styled(
                truncate(&format!("    {sentence}"), width),
                t.dim,
            )));
        }
    }
    out
}

impl App {
    /// The story popup, while it is open.
    pub(super) fn story_popup(&self) -> Option<StoryPopup<'_>> {
        self.story.as_ref().map(|view| StoryPopup {
            view,
            theme: &self.theme,
        })
    }

    /// `d`: what the current report adds to the one picked with `D`, or
    /// else to another report of its group of copies and rewrites.
    pub(super) fn compare(&mut self) {
        let Some(b) = self.current() else {
            return;
        };
        let picked = self.compare_with.filter(|&a| a != b);
        let Some(a) = picked.or_else(|| self.copy_of(b)) else {
            self.message = Some(
                "no copy of this report to compare with: pick one with D, then d on another".into(),
            );
            return;
        };
        let articles = self.library.articles();
        let view = DiffView {
            title: articles[b].title.clone(),
            against: articles[a].title.clone(),
            diff: self.library.diff(a, b),
            scroll: 0,
            lines: Vec::new(),
            width: 0,
        };
        self.story = Some(StoryView::Diff(view));
    }

    /// Another report of `article`'s group of copies and rewrites: the
    /// group's first, or, for the first itself, the next member.
    fn copy_of(&self, article: usize) -> Option<usize> {
        let related = self.library.related_if_ready()?;
        let group = related.duplicate_group(article)?;
        if group.id != article {
            return Some(group.id);
        }
        related
            .groups()
            .binary_search_by_key(&group.id, |g| g.id)
            .ok()
            .and_then(|i| {
                related.groups()[i]
                    .members
                    .iter()
                    .copied()
                    .find(|&m| m != article)
            })
    }

    /// `D`: remembers the current report to compare others with.
    pub(super) fn pick_compare(&mut self) {
        if let Some(a) = self.current() {
            self.compare_with = Some(a);
            let title = sanitize(&self.library.articles()[a].title).into_owned();
            self.message = Some(format!(
                "picked “{}”: d on another report shows what it adds",
                truncate(&title, 40)
            ));
        }
    }

    /// `T`: the timeline of the name selected in the side panel or the
    /// name browser, gathered off the UI thread.
    pub(super) fn open_entity_timeline(&mut self) {
        let Some(table) = self.library.entities_if_ready() else {
            self.message = Some("names are still being found".into());
            return;
        };
        let Some(entity) = self.selected_entity().or(self.side.follow_entity) else {
            self.message = Some("select a name in the side panel first (Tab to it)".into());
            return;
        };
        let name = sanitize(&table.entities[entity].name).into_owned();
        self.story = Some(StoryView::Timeline(TimelineView {
            entity,
            name,
            rows: None,
            selected: 0,
            scroll: 0,
        }));
        match &self.timeline_jobs {
            Some(jobs) => jobs(entity),
            None => {
                let rows = self.library.timeline(entity);
                self.apply_timeline(entity, rows);
            }
        }
    }

    /// A name's timeline has been gathered.
    pub fn apply_timeline(&mut self, entity: usize, rows: Vec<TimelineRow>) {
        if let Some(StoryView::Timeline(t)) = self.story.as_mut()
            && t.entity == entity
        {
            t.rows = Some(rows);
        }
    }

    /// A key while the story popup is open.
    pub(super) fn story_action(&mut self, action: super::keys::Action) {
        use super::keys::Action as A;
        let page = StoryView::inner_height(self.screen).max(2) as isize;
        let Some(story) = self.story.as_mut() else {
            return;
        };
        match action {
            A::Down => story.move_by(1),
            A::Up => story.move_by(-1),
            A::PageDown => story.move_by(page / 2),
            A::PageUp => story.move_by(-page / 2),
            A::Top => story.move_by(isize::MIN / 2),
            A::Bottom => story.move_by(isize::MAX / 2),
            A::Open => {
                if let StoryView::Timeline(t) = story
                    && let Some(row) = t.rows.as_ref().and_then(|r| r.get(t.selected))
                {
                    let article = row.index;
                    self.story = None;
                    self.jump_to(article);
                }
            }
            A::Quit => self.apply(A::Quit),
            _ => self.story = None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_words_keep_their_styles_and_width() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let words: Vec<(String, Style)> = "one two three four five six seven"
            .split(' ')
            .enumerate()
            .map(|(i, w)| (w.to_string(), if i == 2 { bold } else { Style::new() }))
            .collect();
        let lines = wrap_words(&words, 12, "  ");
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width() <= 12, "{l:?}");
        }
        let lit: Vec<&str> = lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.style == bold)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(lit, ["three"]);
    }
}
