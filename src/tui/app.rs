//! The reader's state and the functions that change it. Input arrives as
//! `Action`s (from the key table) or as filter-bar edits and mouse events;
//! rendering reads the state and never changes it. Jumps between reports,
//! history and the entity browser live in `navigate`.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::browser::EntityBrowser;
use super::keys::Action;
use super::reader::ReaderView;
use super::side::SideRow;
use super::theme::Theme;
use crate::index::query::{Query, parse_query};
use crate::index::timeline::Timeline;
use crate::library::Library;
use crate::text::fold;

/// Screen lines per article in the list: the title, then date and source.
pub const LIST_ROW_HEIGHT: usize = 2;

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Side,
    Filter,
    Timeline,
}

impl Focus {
    const CYCLE: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Side];
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first while filtering; corpus order otherwise.
    Relevance,
    /// Newest first; undated last.
    Date,
    Title,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
            Sort::Title => "title",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Date,
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Relevance,
        }
    }
}

/// The filter bar.
#[derive(Debug, Clone, Default)]
pub struct FilterBar {
    pub input: String,
    /// Cursor position as a byte offset into `input`.
    pub cursor: usize,
    /// Why the query cannot be used, shown in place of results.
    pub error: Option<String>,
}

/// Where each pane was drawn last, for the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub list: Rect,
    pub reader: Rect,
    pub side: Rect,
    pub filter: Rect,
    pub timeline: Rect,
}

/// Where the reader was: what history brings back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub filter: String,
    pub article: Option<usize>,
    pub list_offset: usize,
    pub reader_scroll: usize,
}

/// The side panel built for one article, rebuilt when the article changes or
/// the background indexes become ready.
#[derive(Debug, Clone, Default)]
pub struct SideCache {
    pub key: Option<(usize, bool, bool)>,
    pub rows: Vec<SideRow>,
}

pub struct App {
    pub library: Arc<Library>,
    pub filter: FilterBar,
    /// The query the shown list answers (the last one that parsed).
    pub query: Query,
    /// Indices of the shown articles, in list order.
    pub shown: Vec<usize>,
    /// Matches of the query in relevance order, before sorting and grouping.
    pub matches: Vec<usize>,
    pub undated_hidden: usize,
    /// Index into `shown`.
    pub selected: usize,
    /// First row of `shown` on screen.
    pub list_offset: usize,
    pub reader_scroll: usize,
    pub side_scroll: usize,
    /// Index into `side.rows` of the selected row (a selectable one).
    pub side_cursor: Option<usize>,
    pub focus: Focus,
    pub show_help: bool,
    /// First line of the help popup on screen.
    pub help_scroll: usize,
    pub running: bool,
    /// The filter text changed; the list is recomputed before the next frame.
    pub search_pending: bool,
    pub areas: Areas,
    pub reader: Option<ReaderView>,
    pub side: SideCache,
    pub highlight_mentions: bool,
    pub sort: Sort,
    /// Show one row per duplicate group.
    pub collapse_groups: bool,
    /// For a collapsed group's row: how many reports it stands for.
    pub group_sizes: HashMap<usize, usize>,
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
    pub browser: Option<EntityBrowser>,
    pub timeline: Option<Timeline>,
    /// Per timeline bucket, how many shown articles fall in it.
    pub timeline_share: Vec<u32>,
    pub timeline_cursor: usize,
    /// The strip width the timeline was built for.
    pub timeline_width: usize,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// An entity whose row the side panel keeps selected across articles.
    pub follow_entity: Option<usize>,
    /// Whether any article has a date (there is a timeline to draw).
    pub has_dates: bool,
    pub theme: Theme,
}

impl App {
    pub fn new(library: Arc<Library>) -> App {
        let shown: Vec<usize> = (0..library.articles().len()).collect();
        App {
            has_dates: library.articles().iter().any(|a| a.date.is_some()),
            library,
            filter: FilterBar::default(),
            query: Query::default(),
            matches: shown.clone(),
            shown,
            undated_hidden: 0,
            selected: 0,
            list_offset: 0,
            reader_scroll: 0,
            side_scroll: 0,
            side_cursor: None,
            focus: Focus::List,
            show_help: false,
            help_scroll: 0,
            running: true,
            search_pending: false,
            areas: Areas::default(),
            reader: None,
            side: SideCache::default(),
            highlight_mentions: true,
            sort: Sort::Relevance,
            collapse_groups: false,
            group_sizes: HashMap::new(),
            back: Vec::new(),
            forward: Vec::new(),
            browser: None,
            timeline: None,
            timeline_share: Vec::new(),
            timeline_cursor: 0,
            timeline_width: 0,
            message: None,
            follow_entity: None,
            theme: Theme::from_env(),
        }
    }

    /// The article under the list cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    pub(super) fn select(&mut self, index: usize) {
        let index = index.min(self.shown.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.reader_scroll = 0;
            self.side_scroll = 0;
            self.side_cursor = None;
        }
    }

    fn page(&self) -> usize {
        let rows = |r: Rect| r.height.saturating_sub(2) as usize;
        let page = match self.focus {
            Focus::Reader => rows(self.areas.reader).saturating_sub(1),
            Focus::Side => rows(self.areas.side).saturating_sub(1),
            _ => rows(self.areas.list) / LIST_ROW_HEIGHT,
        };
        page.max(1)
    }

    /// Moves the focused pane's cursor or scroll position by `delta` rows.
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::List | Focus::Filter => {
                let target = self.selected.saturating_add_signed(delta);
                self.select(target);
            }
            Focus::Reader => self.reader_scroll = self.reader_scroll.saturating_add_signed(delta),
            Focus::Side => self.move_side_cursor(delta),
            Focus::Timeline => self.move_timeline(delta),
        }
    }

    /// Moves the side panel's selection to the next selectable row, or
    /// scrolls when there is none that way.
    fn move_side_cursor(&mut self, delta: isize) {
        let rows = &self.side.rows;
        let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
        let steps = delta.unsigned_abs();
        let mut at = self.side_cursor;
        for _ in 0..steps {
            let next = match at {
                None if delta > 0 => selectable.iter().find(|&&i| i >= self.side_scroll).copied(),
                None => selectable.last().copied(),
                Some(c) if delta > 0 => selectable.iter().find(|&&i| i > c).copied(),
                Some(c) => selectable.iter().rev().find(|&&i| i < c).copied(),
            };
            match next {
                Some(n) => at = Some(n),
                None => break,
            }
        }
        if at == self.side_cursor {
            self.side_scroll = self.side_scroll.saturating_add_signed(delta);
        }
        self.side_cursor = at;
        self.follow_entity = self.selected_entity();
    }

    fn move_timeline(&mut self, delta: isize) {
        let len = self.timeline.as_ref().map_or(0, Timeline::len);
        self.timeline_cursor = self
            .timeline_cursor
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// The first timeline bucket on a strip `width` columns wide: the
    /// window keeps the cursor in view.
    pub fn timeline_offset(&self, width: usize) -> usize {
        let len = self.timeline.as_ref().map_or(0, Timeline::len);
        if len <= width || width == 0 {
            0
        } else {
            self.timeline_cursor
                .saturating_sub(width - 1)
                .min(len - width)
        }
    }

    /// The entity of the selected side panel row.
    pub fn selected_entity(&self) -> Option<usize> {
        match self.side_cursor.and_then(|c| self.side.rows.get(c)) {
            Some(SideRow::Entity { entity, .. }) => Some(*entity),
            _ => None,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.running = false,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => match self.focus {
                Focus::Reader => self.reader_scroll = 0,
                Focus::Side => {
                    self.side_scroll = 0;
                    self.side_cursor = None;
                }
                Focus::Timeline => self.timeline_cursor = 0,
                _ => self.select(0),
            },
            Action::Bottom => match self.focus {
                Focus::Reader => self.reader_scroll = usize::MAX,
                Focus::Side => self.side_scroll = usize::MAX,
                Focus::Timeline => self.move_timeline(isize::MAX),
                _ => self.select(usize::MAX),
            },
            Action::Open => self.open(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::StartFilter => {
                self.show_help = false;
                self.focus = Focus::Filter;
                self.filter.cursor = self.filter.input.len();
            }
            Action::ClearFilter => {
                if self.show_help {
                    self.show_help = false;
                } else if self.focus == Focus::Timeline {
                    self.focus = Focus::List;
                } else {
                    // Clearing a filter is a step back can undo.
                    if !self.filter.input.trim().is_empty() {
                        self.remember();
                    }
                    self.set_filter(String::new());
                    self.focus = Focus::List;
                }
            }
            Action::ToggleHelp => {
                self.show_help = !self.show_help;
                self.help_scroll = 0;
            }
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::ToggleMentions => self.highlight_mentions = !self.highlight_mentions,
            Action::Entities => self.open_browser(),
            Action::NextMention => self.step_mention(true),
            Action::PrevMention => self.step_mention(false),
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.apply_order();
                // The status bar names any order but relevance.
                if self.sort == Sort::Relevance {
                    self.message = Some("sorted by relevance".into());
                }
            }
            Action::ToggleGroups => {
                // Asked for before the groups are found, the fold happens
                // when they are (see `background_ready`); the status bar
                // says which.
                self.collapse_groups = !self.collapse_groups;
                self.apply_order();
                if !self.collapse_groups {
                    self.message = Some("every copy and rewrite shown".into());
                }
            }
            Action::FocusTimeline => {
                if self.timeline.is_some() {
                    self.focus = Focus::Timeline;
                } else {
                    self.message = Some("no dated articles for a timeline".into());
                }
            }
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let at = Focus::CYCLE.iter().position(|f| *f == self.focus);
        self.focus = match at {
            Some(i) => Focus::CYCLE[(i as isize + step).rem_euclid(3) as usize],
            // Leaving the filter bar or the timeline goes to the list.
            None => Focus::List,
        };
    }

    /// Types a character at the filter cursor.
    pub fn filter_insert(&mut self, c: char) {
        self.filter.input.insert(self.filter.cursor, c);
        self.filter.cursor += c.len_utf8();
        self.search_pending = true;
    }

    pub fn filter_backspace(&mut self) {
        if let Some(c) = self.filter.input[..self.filter.cursor].chars().next_back() {
            self.filter.cursor -= c.len_utf8();
            self.filter.input.remove(self.filter.cursor);
            self.search_pending = true;
        }
    }

    pub fn filter_cursor(&mut self, right: bool) {
        let f = &mut self.filter;
        if right {
            if let Some(c) = f.input[f.cursor..].chars().next() {
                f.cursor += c.len_utf8();
            }
        } else if let Some(c) = f.input[..f.cursor].chars().next_back() {
            f.cursor -= c.len_utf8();
        }
    }

    /// Removes the last word of the filter (Ctrl-W).
    pub fn filter_delete_word(&mut self) {
        let before = self.filter.input[..self.filter.cursor].trim_end();
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.filter
            .input
            .replace_range(start..self.filter.cursor, "");
        self.filter.cursor = start;
        self.search_pending = true;
    }

    /// Replaces the whole filter text.
    pub fn set_filter(&mut self, input: String) {
        self.filter.cursor = input.len();
        self.filter.input = input;
        self.search_pending = true;
    }

    /// Recomputes the list for the current filter text. Keeps the selected
    /// article selected when it is still shown.
    pub fn refresh_search(&mut self) {
        self.search_pending = false;
        let input = self.filter.input.trim();
        let parsed = parse_query(input).map_err(|e| e.to_string());
        // Entity terms wait for the background indexing rather than block
        // the screen; the search runs again when the names are ready.
        if let Ok(q) = &parsed
            && q.has_entity_terms()
            && self.library.entities_if_ready().is_none()
        {
            self.filter.error = None;
            self.message = Some("names are still being found; the list follows when ready".into());
            self.search_pending = true;
            return;
        }
        let outcome = parsed.and_then(|q| self.library.run_query(&q).map(|r| (q, r)));
        match outcome {
            Ok((query, result)) => {
                self.filter.error = None;
                if query.has_entity_terms() {
                    self.message = None;
                }
                self.query = query;
                self.matches = result.hits.iter().map(|h| h.article).collect();
                self.undated_hidden = result.undated_hidden;
                self.apply_order();
            }
            // A bad query keeps the last good list on screen, with the reason.
            Err(e) => self.filter.error = Some(e),
        }
    }

    /// Brings the list up to date once background indexes are ready: a
    /// fold asked for earlier happens now.
    pub fn background_ready(&mut self) {
        if self.collapse_groups {
            self.apply_order();
        }
    }

    /// Orders (and, when asked, folds duplicate groups of) the matches into
    /// the shown list, keeping the selected article selected.
    pub fn apply_order(&mut self) {
        let before = self.current();
        let articles = self.library.articles();
        let mut shown = self.matches.clone();
        match self.sort {
            Sort::Relevance => {}
            Sort::Date => shown.sort_by(|&a, &b| {
                let key = |i: usize| articles[i].date.map(|d| d.start);
                key(b).cmp(&key(a))
            }),
            Sort::Title => shown.sort_by_cached_key(|&i| fold(&articles[i].title)),
        }
        self.group_sizes.clear();
        if self.collapse_groups
            && let Some(related) = self.library.related_if_ready()
        {
            let mut first_of: HashMap<usize, usize> = HashMap::new();
            shown.retain(|&i| match related.duplicate_group(i) {
                Some(g) => {
                    let first = *first_of.entry(g.id).or_insert(i);
                    *self.group_sizes.entry(first).or_default() += 1;
                    first == i
                }
                None => true,
            });
            self.group_sizes.retain(|_, n| *n > 1);
        }
        self.shown = shown;
        if let Some(t) = &self.timeline {
            self.timeline_share = t.count(self.shown.iter().filter_map(|&i| articles[i].date));
        }
        let keep = before.and_then(|b| self.shown.iter().position(|&i| i == b));
        match keep {
            Some(i) => self.selected = i,
            None => {
                self.selected = 0;
                self.reader_scroll = 0;
                self.side_scroll = 0;
                self.side_cursor = None;
            }
        }
        self.list_offset = self.list_offset.min(self.selected);
    }

    /// Mouse wheel over a pane scrolls that pane.
    pub fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let p = Position::new(column, row);
        let delta: isize = if down { 3 } else { -3 };
        if self.areas.list.contains(p) {
            self.select(self.selected.saturating_add_signed(delta.signum()));
        } else if self.areas.reader.contains(p) {
            self.reader_scroll = self.reader_scroll.saturating_add_signed(delta);
        } else if self.areas.side.contains(p) {
            self.side_scroll = self.side_scroll.saturating_add_signed(delta);
        }
    }

    /// A click selects the row under it, or focuses the pane.
    pub fn click(&mut self, column: u16, row: u16) {
        let p = Position::new(column, row);
        let a = self.areas;
        if a.list.contains(p) {
            self.focus = Focus::List;
            // Rows start below the pane's top border.
            if row > a.list.y && row < a.list.bottom().saturating_sub(1) {
                let index = self.list_offset + (row - a.list.y - 1) as usize / LIST_ROW_HEIGHT;
                if index < self.shown.len() {
                    self.select(index);
                }
            }
        } else if a.reader.contains(p) {
            self.focus = Focus::Reader;
        } else if a.side.contains(p) {
            self.focus = Focus::Side;
            if row > a.side.y {
                let index = self.side_scroll + (row - a.side.y - 1) as usize;
                if self.side.rows.get(index).is_some_and(SideRow::selectable) {
                    self.side_cursor = Some(index);
                }
            }
        } else if a.timeline.contains(p) {
            self.focus = Focus::Timeline;
            let index =
                self.timeline_offset(a.timeline.width as usize) + (column - a.timeline.x) as usize;
            if index < self.timeline.as_ref().map_or(0, Timeline::len) {
                self.timeline_cursor = index;
            }
        } else if a.filter.contains(p) {
            self.update(Action::StartFilter);
        }
    }
}
