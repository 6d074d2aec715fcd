//! The side panel: for the selected article, its details, the people,
//! places and organisations it mentions (with mentions here and the number
//! of other articles that mention them), the dates it mentions in date
//! order, related reports, quotes, and the furniture removed from the page.
//! Rows that lead somewhere (an entity, a related report) can be selected.
//! `side_rows` makes the rows from the library's `ArticleView`;
//! `SideState` keeps them with the selection and scroll; `SidePane` draws
//! the rows on screen.
//!
//! The view is made off the UI thread: in the running reader `fit` only
//! asks the view worker for it (`SideViews`) and the rows shown stay until
//! the answer for the selected article arrives (`App::apply_view`). The
//! last few views' rows are kept, so going back and forth is instant.
//! Without a worker (tests, scripts) the view is made at once.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use std::collections::VecDeque;

use super::app::{App, Focus};
use super::spans::paint;
use super::theme::Theme;
use super::wrap::truncated;
use crate::extract::entities::{EntityKind, KINDS};
use crate::index::view::ArticleView;
use crate::library::Library;
use crate::text::sanitize;
use crate::worker::ViewWorker;

/// One row of the side panel.
#[derive(Debug, Clone, PartialEq)]
pub enum SideRow {
    Heading(String),
    Field {
        label: &'static str,
        value: String,
    },
    /// An entity of the article: `here` mentions in it, `others` other articles.
    Entity {
        entity: usize,
        name: String,
        here: usize,
        others: usize,
    },
    Date {
        value: String,
        text: String,
    },
    Related {
        article: usize,
        title: String,
        reason: String,
    },
    Note(String),
    Blank,
}

impl SideRow {
    pub fn selectable(&self) -> bool {
        matches!(self, SideRow::Entity { .. } | SideRow::Related { .. })
    }

    /// The columns the row needs to show whole (as the side panel draws it).
    pub fn width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        match self {
            SideRow::Heading(h) | SideRow::Note(h) => h.width(),
            SideRow::Field { label, value } => label.width() + 2 + value.width(),
            SideRow::Entity {
                name, here, others, ..
            } => 2 + name.width() + counts_label(*here, *others).width(),
            SideRow::Date { text, .. } => 12 + text.width(),
            SideRow::Related { title, .. } => 1 + title.width(),
            SideRow::Blank => 0,
        }
    }
}

/// An article and the readiness of the names and related reports: what a
/// view depends on.
pub type ViewKey = (usize, bool, bool);

/// The side panel's row while the first view is being made.
pub const WAITING: &str = "…";

/// How many views' rows are kept.
const KEPT_VIEWS: usize = 8;

/// Where the side panel's views come from: the view worker (none: made at
/// once), the request out, and the rows of the last few views.
#[derive(Default)]
pub struct SideViews {
    pub(super) worker: Option<ViewWorker>,
    /// The generation of the newest request; older answers are dropped.
    generation: u64,
    /// The request out: its generation and what it asks for.
    pending: Option<(u64, ViewKey)>,
    /// The rows of the last views made, the newest last.
    kept: VecDeque<(ViewKey, Vec<SideRow>)>,
}

impl SideViews {
    /// The rows kept for `key`, if any.
    fn kept(&mut self, key: ViewKey) -> Option<Vec<SideRow>> {
        let at = self.kept.iter().position(|(k, _)| *k == key)?;
        let entry = self.kept.remove(at)?;
        let rows = entry.1.clone();
        self.kept.push_back(entry);
        Some(rows)
    }

    /// Keeps `rows` for `key`, forgetting the oldest beyond a few.
    fn keep(&mut self, key: ViewKey, rows: Vec<SideRow>) {
        self.kept.retain(|(k, _)| *k != key);
        self.kept.push_back((key, rows));
        while self.kept.len() > KEPT_VIEWS {
            self.kept.pop_front();
        }
    }

    /// Forgets the views kept and the request out (another library); the
    /// generations go on, so an answer still on its way is dropped.
    pub(super) fn forget(&mut self) {
        self.kept.clear();
        self.pending = None;
    }

    /// The request out, as its generation and article.
    pub fn pending(&self) -> Option<(u64, usize)> {
        self.pending.map(|(g, key)| (g, key.0))
    }

    /// Takes the answer to a request: the view's rows if it answers the
    /// request out, with the key they were made for (the readiness the
    /// view saw); `None` for an answer that a newer request replaced.
    fn answer(
        &mut self,
        generation: u64,
        article: usize,
        view: &ArticleView,
    ) -> Option<(ViewKey, Vec<SideRow>)> {
        let (asked, key) = self.pending?;
        if asked != generation || key.0 != article {
            return None;
        }
        self.pending = None;
        let key = (article, view.entities.is_some(), view.related.is_some());
        let rows = side_rows(view);
        self.keep(key, rows.clone());
        Some((key, rows))
    }
}

/// The side panel's rows for one article, with the selection and scroll.
/// The rows are rebuilt when the article changes or the background indexes
/// become ready.
#[derive(Debug, Clone, Default)]
pub struct SideState {
    /// The article and readiness (names, related) the rows were made for.
    key: Option<ViewKey>,
    /// The rows must be made again though the key is the same.
    outdated: bool,
    rows: Vec<SideRow>,
    /// The columns the widest row needs.
    content_width: usize,
    /// The first row on screen.
    pub(super) scroll: usize,
    /// Index into `rows` of the selected row (a selectable one).
    pub(super) cursor: Option<usize>,
    /// An entity whose row stays selected from article to article.
    pub(super) follow_entity: Option<usize>,
    /// Counts the times `rows` were replaced, for `lines`.
    rows_version: u64,
    /// The lines on screen as last made (by `fit`), with what they were
    /// made from; the pane draws them while that has not changed.
    lines: Option<(LinesKey, Vec<Line<'static>>)>,
}

/// What the side panel's lines on screen are made from, besides the rows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LinesKey {
    rows_version: u64,
    scroll: usize,
    cursor: Option<usize>,
    /// The pane's inside.
    width: usize,
    height: usize,
    focused: bool,
    theme: Theme,
}

impl SideState {
    pub fn rows(&self) -> &[SideRow] {
        &self.rows
    }

    /// The first row on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The selected row's index, if a row is selected.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    pub fn selected_row(&self) -> Option<&SideRow> {
        self.cursor.and_then(|c| self.rows.get(c))
    }

    /// The entity of the selected row.
    pub fn selected_entity(&self) -> Option<usize> {
        match self.selected_row() {
            Some(SideRow::Entity { entity, .. }) => Some(*entity),
            _ => None,
        }
    }

    /// The columns the widest row needs.
    pub fn content_width(&self) -> usize {
        self.content_width
    }

    /// Back to the top, nothing selected.
    pub(super) fn back_to_top(&mut self) {
        self.scroll = 0;
        self.cursor = None;
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
    }

    /// The rows must be made again (the background indexes changed).
    pub(super) fn outdate(&mut self) {
        self.outdated = true;
    }

    /// The article and readiness the rows shown were made for.
    pub fn key(&self) -> Option<ViewKey> {
        self.key
    }

    /// Brings the rows up to date for `article` when it or the library's
    /// readiness changed: from the views kept, made at once without a
    /// worker, or asked of the worker (the rows shown stay until its
    /// answer comes). Gives the generation of a request sent.
    pub(super) fn build(
        &mut self,
        library: &Library,
        article: Option<usize>,
        views: &mut SideViews,
    ) -> Option<u64> {
        let key = article.map(|i| {
            (
                i,
                library.entities_if_ready().is_some(),
                library.related_if_ready().is_some(),
            )
        });
        if self.key == key && !self.outdated {
            return None;
        }
        let Some(key) = key else {
            self.show(None, Vec::new());
            return None;
        };
        if let Some(rows) = views.kept(key) {
            self.show(Some(key), rows);
            return None;
        }
        match &views.worker {
            Some(worker) => {
                if self.rows.is_empty() {
                    // Nothing shown yet: say the view is coming.
                    self.rows = vec![SideRow::Note(WAITING.into())];
                    self.rows_version += 1;
                }
                if views.pending.is_some_and(|(_, asked)| asked == key) {
                    return None;
                }
                views.generation += 1;
                views.pending = Some((views.generation, key));
                worker.request(views.generation, key.0);
                Some(views.generation)
            }
            None => {
                let rows = side_rows(&library.article_view(key.0));
                views.keep(key, rows.clone());
                self.show(Some(key), rows);
                None
            }
        }
    }

    /// Shows `rows`, made for `key`, keeping the followed entity selected.
    /// A row selected in another article's rows (shown while this one's
    /// were being made) is let go.
    pub(super) fn show(&mut self, key: Option<ViewKey>, rows: Vec<SideRow>) {
        let same_article = self.key.map(|k| k.0) == key.map(|k| k.0);
        self.rows = rows;
        self.rows_version += 1;
        self.content_width = self.rows.iter().map(SideRow::width).max().unwrap_or(0);
        self.key = key;
        self.outdated = false;
        if let Some(entity) = self.follow_entity {
            self.cursor = self
                .rows
                .iter()
                .position(|r| matches!(r, SideRow::Entity { entity: e, .. } if *e == entity));
        } else if !same_article {
            self.cursor = None;
        }
        if self
            .cursor
            .is_some_and(|c| !self.rows.get(c).is_some_and(SideRow::selectable))
        {
            self.cursor = None;
        }
    }

    /// Keeps the selection on a row and in view of `visible` rows.
    pub(super) fn fit(&mut self, visible: usize) {
        if self.cursor.is_some_and(|c| c >= self.rows.len()) {
            self.cursor = None;
        }
        let visible = visible.max(1);
        if let Some(c) = self.cursor {
            if c < self.scroll {
                self.scroll = c;
            } else if c >= self.scroll + visible {
                self.scroll = c + 1 - visible;
            }
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(visible));
    }

    /// Moves the selection to the next selectable row `delta` times, or
    /// scrolls when there is none that way; the entity selected is
    /// followed.
    pub(super) fn move_cursor(&mut self, delta: isize) {
        let rows = &self.rows;
        let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
        let steps = delta.unsigned_abs();
        let mut at = self.cursor;
        for _ in 0..steps {
            let next = match at {
                None if delta > 0 => selectable.iter().find(|&&i| i >= self.scroll).copied(),
                None => selectable.last().copied(),
                Some(c) if delta > 0 => selectable.iter().find(|&&i| i > c).copied(),
                Some(c) => selectable.iter().rev().find(|&&i| i < c).copied(),
            };
            match next {
                Some(n) => at = Some(n),
                None => break,
            }
        }
        if at == self.cursor {
            self.scroll_by(delta);
        }
        self.cursor = at;
        self.follow_entity = self.selected_entity();
    }

    fn lines_key(&self, inside: Rect, focused: bool, theme: &Theme) -> LinesKey {
        LinesKey {
            rows_version: self.rows_version,
            scroll: self.scroll,
            cursor: self.cursor,
            width: inside.width as usize,
            height: inside.height as usize,
            focused,
            theme: *theme,
        }
    }

    /// Makes the lines on screen for a pane whose inside is `inside`,
    /// unless they are made already: they are made again only when the
    /// rows, the scroll, the selection, the size, the focus or the theme
    /// changed.
    pub(super) fn prepare_lines(&mut self, inside: Rect, focused: bool, theme: &Theme) {
        let key = self.lines_key(inside, focused, theme);
        if self.lines.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let lines = side_lines(self, key.width, key.height, focused, theme)
            .into_iter()
            .map(owned)
            .collect();
        self.lines = Some((key, lines));
    }

    /// Selects the row `line` lines below the top of the pane's inside,
    /// if it can be selected.
    pub(super) fn click(&mut self, line: usize) {
        let index = self.scroll + line;
        if self.rows.get(index).is_some_and(SideRow::selectable) {
            self.cursor = Some(index);
        }
    }
}

/// The side panel pane: the rows on screen, the selected one lit while the
/// pane has the keyboard.
pub struct SidePane<'a> {
    pub side: &'a SideState,
    /// Whether an article is selected (the rows are its).
    pub has_article: bool,
    pub focused: bool,
    pub theme: &'a Theme,
}

impl Widget for SidePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 3 || area.height < 3 {
            return;
        }
        let t = self.theme;
        let block = t.pane(" Details · names · related ".into(), self.focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if !self.has_article {
            return;
        }
        let key = self.side.lines_key(inner, self.focused, t);
        match &self.side.lines {
            Some((made, lines)) if *made == key => paint(lines, inner, buf),
            _ => {
                let lines = side_lines(self.side, key.width, key.height, self.focused, t);
                paint(&lines, inner, buf);
            }
        }
    }
}

/// The side panel's lines on screen, for an inside `width` columns wide
/// and `height` rows high: the selected row lit while the pane has the
/// keyboard.
fn side_lines<'a>(
    side: &'a SideState,
    width: usize,
    height: usize,
    focused: bool,
    t: &Theme,
) -> Vec<Line<'a>> {
    side.rows
        .iter()
        .enumerate()
        .skip(side.scroll)
        .take(height)
        .map(|(i, row)| {
            let selected = side.cursor == Some(i) && focused;
            let base = if selected { t.selected } else { Style::new() };
            match row {
                SideRow::Heading(h) => Line::styled(truncated(h, width), t.title),
                SideRow::Field { label, value } => {
                    let label = format!("{label}: ");
                    let rest = width.saturating_sub(label.width());
                    Line::from(vec![
                        Span::styled(label, t.dim),
                        Span::raw(truncated(value, rest)),
                    ])
                }
                SideRow::Entity {
                    name, here, others, ..
                } => {
                    let counts = counts_label(*here, *others);
                    let name_width = width.saturating_sub(counts.width() + 1);
                    let name = truncated(name, name_width);
                    let pad = width.saturating_sub(name.width() + 1 + counts.width());
                    Line::from(vec![
                        Span::styled(format!(" {name}{:pad$}", ""), base),
                        Span::styled(counts, if selected { base } else { t.dim }),
                    ])
                }
                SideRow::Date { value, text } => Line::from(vec![
                    Span::styled(format!(" {value:<10} "), t.dim),
                    Span::raw(truncated(text, width.saturating_sub(12))),
                ]),
                SideRow::Related { title, .. } => {
                    let title = truncated(title, width.saturating_sub(1));
                    let pad = width.saturating_sub(title.width() + 1);
                    Line::styled(format!(" {title}{:pad$}", ""), base)
                }
                SideRow::Note(n) => Line::styled(truncated(n, width), t.dim),
                SideRow::Blank => Line::raw(""),
            }
        })
        .collect()
}

/// A line that owns its text.
fn owned(line: Line<'_>) -> Line<'static> {
    let mut out: Line<'static> = line
        .spans
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect::<Vec<_>>()
        .into();
    out.style = line.style;
    out.alignment = line.alignment;
    out
}

impl App {
    /// Makes the side panel's view of `worker`'s from now on.
    pub fn use_view_worker(&mut self, worker: ViewWorker) {
        self.side_views.worker = Some(worker);
    }

    /// The view request out, as its generation and article.
    pub fn view_pending(&self) -> Option<(u64, usize)> {
        self.side_views.pending()
    }

    /// Brings the side panel up to date for the selected article (as `fit`
    /// does); with a view worker, gives the generation of the request it
    /// sent, if it had to send one.
    pub fn request_view(&mut self) -> Option<u64> {
        let article = self.list.current();
        self.side
            .build(&self.library, article, &mut self.side_views)
    }

    /// Takes the view worker's answer: the selected article's rows are
    /// shown, and kept for when it is selected again; an answer to a
    /// request that a newer one replaced is dropped.
    pub fn apply_view(&mut self, generation: u64, article: usize, view: &ArticleView) {
        let Some((key, rows)) = self.side_views.answer(generation, article, view) else {
            return;
        };
        if self.current() == Some(article) {
            self.side.show(Some(key), rows);
        }
    }

    /// The side panel pane as it is drawn now.
    pub(super) fn side_pane(&self) -> SidePane<'_> {
        SidePane {
            side: &self.side,
            has_article: self.current().is_some(),
            focused: self.focus == Focus::Side,
            theme: &self.theme,
        }
    }
}

fn heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Place => "Places",
        EntityKind::Org => "Organisations",
        EntityKind::Misc => "Other names",
    }
}

/// The panel for one article's view. Names and related reports appear once
/// the library has built them (they may still be building in the
/// background).
pub fn side_rows(view: &ArticleView) -> Vec<SideRow> {
    let mut rows = details(view);
    match &view.entities {
        Some(entities) => {
            for kind in KINDS {
                let of_kind: Vec<_> = entities.iter().filter(|e| e.kind == kind).collect();
                if of_kind.is_empty() {
                    continue;
                }
                rows.push(SideRow::Blank);
                rows.push(SideRow::Heading(format!(
                    "{} ({})",
                    heading(kind),
                    of_kind.len()
                )));
                for e in of_kind {
                    rows.push(SideRow::Entity {
                        entity: e.entity,
                        name: sanitize(&e.name).into_owned(),
                        here: e.mentions.len(),
                        others: e.others,
                    });
                }
            }
        }
        None => {
            rows.push(SideRow::Blank);
            rows.push(SideRow::Note("finding names…".into()));
        }
    }

    if !view.dates.is_empty() {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Dates ({})", view.dates.len())));
        for d in view.date_rows() {
            let text = sanitize(&d.text);
            let text = if d.times > 1 {
                format!("{text} ({}×)", d.times)
            } else {
                text.into_owned()
            };
            rows.push(SideRow::Date {
                value: d.value,
                text,
            });
        }
    }

    if let Some(related) = &view.related {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Related ({})", related.len())));
        if let Some(line) = view.duplicate_line() {
            rows.push(SideRow::Note(line));
        }
        for r in related {
            let reason = sanitize(&r.reason_line()).into_owned();
            rows.push(SideRow::Related {
                article: r.index,
                title: sanitize(&r.title).into_owned(),
                reason: reason.clone(),
            });
            // Why it is related, under the title; the status bar shows the
            // whole line when the report is selected.
            if !reason.is_empty() {
                rows.push(SideRow::Note(format!("   {reason}")));
            }
        }
    }

    if let Some(quotes) = view.quotes.as_ref().filter(|q| !q.is_empty()) {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Quotes ({})", quotes.len())));
        for q in quotes {
            rows.push(SideRow::Note(quote_line(q)));
        }
    }

    if !view.furniture.is_empty() {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading("Removed from the page".into()));
        for (kind, texts) in &view.furniture {
            for text in texts {
                rows.push(SideRow::Note(format!(
                    "[{}] {}",
                    kind.name(),
                    sanitize(text)
                )));
            }
        }
    }
    rows
}

/// `Speaker: “what was said”`, with `~` before a speaker inferred from a
/// pronoun and reported speech without quote marks.
fn quote_line(q: &crate::index::story::QuoteRow) -> String {
    let who = q.speaker.as_deref().unwrap_or("?");
    let mark = if q.inferred { "~" } else { "" };
    let text = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = match q.kind {
        crate::extract::quotes::QuoteKind::Direct => format!("“{text}”"),
        crate::extract::quotes::QuoteKind::Reported => text,
    };
    sanitize(&format!("{mark}{who}: {text}")).into_owned()
}

fn details(a: &ArticleView) -> Vec<SideRow> {
    let mut rows = vec![SideRow::Heading("Details".into())];
    let mut field = |label: &'static str, value: &str| {
        rows.push(SideRow::Field {
            label,
            value: sanitize(value).into_owned(),
        })
    };
    match a.date {
        Some(d) => field("Date", &format!("{d} ({})", a.date_source.name())),
        None => field("Date", "undated"),
    }
    for evidence in &a.date_evidence {
        field("  from", evidence);
    }
    if let Some(v) = &a.dateline {
        field("Dateline", v);
    }
    if let Some(v) = &a.author {
        field("Author", v);
    }
    if let Some(v) = &a.source {
        field("Source", v);
    }
    field("Words", &a.words.to_string());
    field("Path", &a.path);
    rows
}

/// A name's counts as the side panel shows them: mentions here, and the
/// other articles naming it when there are any (" 3× +12").
fn counts_label(here: usize, others: usize) -> String {
    if others > 0 {
        format!(" {here}× +{others}")
    } else {
        format!(" {here}×")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<SideRow> {
        let entity = |entity: usize, name: &str| SideRow::Entity {
            entity,
            name: name.into(),
            here: 2,
            others: entity,
        };
        vec![
            SideRow::Heading("Details".into()),
            SideRow::Field {
                label: "Source",
                value: "Example Wire".into(),
            },
            SideRow::Blank,
            SideRow::Heading("People (3)".into()),
            entity(1, "Ilse Brandt"),
            entity(2, "Ana Pereira"),
            entity(3, "Tomás Ng"),
            SideRow::Note("a note long enough to be cut in a narrow pane".into()),
        ]
    }

    /// Every cell and style of the pane drawn at `area`.
    fn drawn(side: &SideState, area: Rect, focused: bool, theme: &Theme) -> Vec<(String, Style)> {
        let mut buf = Buffer::empty(area);
        SidePane {
            side,
            has_article: true,
            focused,
            theme,
        }
        .render(area, &mut buf);
        buf.content()
            .iter()
            .map(|c| (c.symbol().to_string(), c.style()))
            .collect()
    }

    /// The pane as drawn without lines made beforehand.
    fn fresh(side: &SideState, area: Rect, focused: bool, theme: &Theme) -> Vec<(String, Style)> {
        let mut side = side.clone();
        side.lines = None;
        drawn(&side, area, focused, theme)
    }

    /// A change to the pane: its state, area, focus or theme.
    type Change = Box<dyn Fn(&mut SideState, &mut Rect, &mut bool, &mut Theme)>;

    #[test]
    fn the_lines_made_beforehand_are_drawn_only_while_what_they_show_stays() {
        let color = Theme::colour();
        let plain = Theme::plain();
        assert_ne!(color, plain);
        let mut side = SideState::default();
        side.show(Some((0, true, true)), rows());
        let inside = |a: Rect| Rect::new(a.x + 1, a.y + 1, a.width - 2, a.height - 2);
        let mut area = Rect::new(0, 0, 30, 8);
        let mut focused = true;
        let mut theme = color;
        side.prepare_lines(inside(area), focused, &theme);
        assert_eq!(
            drawn(&side, area, focused, &theme),
            fresh(&side, area, focused, &theme)
        );
        // Each change, with the lines made before it still kept: what is
        // drawn is what the state shows now.
        let changes: Vec<Change> = vec![
            Box::new(|s, _, _, _| s.cursor = Some(4)),
            Box::new(|s, _, _, _| s.cursor = Some(5)),
            Box::new(|s, _, _, _| s.scroll = 2),
            Box::new(|_, a, _, _| *a = Rect::new(0, 0, 18, 8)),
            Box::new(|_, a, _, _| *a = Rect::new(0, 0, 18, 5)),
            Box::new(|_, _, f, _| *f = false),
            Box::new(|_, _, f, _| *f = true),
            Box::new(move |_, _, _, t| *t = plain),
            Box::new(|s, _, _, _| {
                let mut other = rows();
                other[4] = SideRow::Heading("Places (1)".into());
                s.show(Some((1, true, true)), other);
            }),
        ];
        for (i, change) in changes.iter().enumerate() {
            let before = drawn(&side, area, focused, &theme);
            change(&mut side, &mut area, &mut focused, &mut theme);
            let now = fresh(&side, area, focused, &theme);
            assert_ne!(before, now, "change {i} shows something else");
            assert_eq!(drawn(&side, area, focused, &theme), now, "change {i}");
            side.prepare_lines(inside(area), focused, &theme);
            assert_eq!(
                drawn(&side, area, focused, &theme),
                now,
                "change {i}, made again"
            );
        }
    }
}
