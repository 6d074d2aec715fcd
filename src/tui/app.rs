//! The reader's state and the one function that changes it. Input arrives
//! as `Action`s (from the key table) or as filter-bar edits and mouse
//! events; rendering reads the state and never changes it.

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::keys::Action;
use super::reader::ReaderView;
use super::theme::Theme;
use crate::index::query::{Query, parse_query};
use crate::library::Library;

/// Screen lines per article in the list: the title, then date and source.
pub const LIST_ROW_HEIGHT: usize = 2;

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Side,
    Filter,
}

impl Focus {
    const CYCLE: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Side];
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
}

pub struct App {
    pub library: Arc<Library>,
    pub filter: FilterBar,
    /// The query the shown list answers (the last one that parsed).
    pub query: Query,
    /// Indices of the shown articles, best first.
    pub shown: Vec<usize>,
    pub undated_hidden: usize,
    /// Index into `shown`.
    pub selected: usize,
    /// First row of `shown` on screen.
    pub list_offset: usize,
    pub reader_scroll: usize,
    pub side_scroll: usize,
    pub focus: Focus,
    pub show_help: bool,
    pub running: bool,
    /// The filter text changed; the list is recomputed before the next frame.
    pub search_pending: bool,
    pub areas: Areas,
    /// The selected article wrapped for the reading view (rebuilt when the
    /// article or the width changes).
    pub reader: Option<ReaderView>,
    pub theme: Theme,
}

impl App {
    pub fn new(library: Arc<Library>) -> App {
        let shown = (0..library.articles().len()).collect();
        App {
            library,
            filter: FilterBar::default(),
            query: Query::default(),
            shown,
            undated_hidden: 0,
            selected: 0,
            list_offset: 0,
            reader_scroll: 0,
            side_scroll: 0,
            focus: Focus::List,
            show_help: false,
            running: true,
            search_pending: false,
            areas: Areas::default(),
            reader: None,
            theme: Theme::from_env(),
        }
    }

    /// The article under the list cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    fn select(&mut self, index: usize) {
        let index = index.min(self.shown.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.reader_scroll = 0;
            self.side_scroll = 0;
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
            Focus::Side => self.side_scroll = self.side_scroll.saturating_add_signed(delta),
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.running = false,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => match self.focus {
                Focus::Reader => self.reader_scroll = 0,
                Focus::Side => self.side_scroll = 0,
                _ => self.select(0),
            },
            Action::Bottom => match self.focus {
                Focus::Reader => self.reader_scroll = usize::MAX,
                Focus::Side => self.side_scroll = usize::MAX,
                _ => self.select(usize::MAX),
            },
            Action::Open => {
                if self.current().is_some() {
                    self.focus = Focus::Reader;
                }
            }
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
                } else {
                    self.set_filter(String::new());
                    self.focus = Focus::List;
                }
            }
            Action::ToggleHelp => self.show_help = !self.show_help,
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let at = Focus::CYCLE.iter().position(|f| *f == self.focus);
        self.focus = match at {
            Some(i) => Focus::CYCLE[(i as isize + step).rem_euclid(3) as usize],
            // Leaving the filter bar goes to the list.
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
        let before = self.current();
        let input = self.filter.input.trim();
        let outcome = parse_query(input).map_err(|e| e.to_string()).and_then(|q| {
            self.library
                .search
                .search(self.library.articles(), &q, None)
                .map(|r| (q, r))
                .map_err(|e| e.to_string())
        });
        match outcome {
            Ok((query, result)) => {
                self.filter.error = None;
                self.query = query;
                self.shown = result.hits.iter().map(|h| h.article).collect();
                self.undated_hidden = result.undated_hidden;
            }
            // A bad query keeps the last good list on screen, with the reason.
            Err(e) => {
                self.filter.error = Some(e);
                return;
            }
        }
        let keep = before.and_then(|b| self.shown.iter().position(|&i| i == b));
        match keep {
            Some(i) => self.selected = i,
            None => {
                self.selected = 0;
                self.reader_scroll = 0;
                self.side_scroll = 0;
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
        } else if a.filter.contains(p) {
            self.update(Action::StartFilter);
        }
    }
}
