//! The filter bar on the top row: the query being typed, its cursor, and
//! why it cannot be used. `FilterBar` is its state and the edits on it;
//! `FilterLine` draws it. Asking for the list a new query calls for is the
//! app's (`App::request_list`), not the bar's.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
use super::keys::{Action, Scope};
use super::theme::Theme;
use crate::text::sanitize;

/// The text typed into the filter bar.
#[derive(Debug, Clone, Default)]
pub struct FilterBar {
    input: String,
    /// Cursor position as a byte offset into `input`, on a char boundary.
    cursor: usize,
    /// Why the query cannot be used, shown in place of results.
    error: Option<String>,
}

impl FilterBar {
    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.input
    }

    /// Why the query cannot be used, if it cannot.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub(super) fn set_error(&mut self, error: Option<String>) {
        self.error = error;
    }

    /// Replaces the whole text, the cursor at its end.
    pub fn set(&mut self, input: String) {
        self.cursor = input.len();
        self.input = input;
    }

    /// Puts the cursor at the end of the text.
    pub(super) fn cursor_to_end(&mut self) {
        self.cursor = self.input.len();
    }

    /// Types a character at the cursor.
    pub(super) fn insert(&mut self, c: char) {
        self.input.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text at the cursor, controls and line breaks dropped.
    pub(super) fn paste(&mut self, text: &str) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        self.input.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Deletes the character before the cursor; false when there is none.
    pub(super) fn backspace(&mut self) -> bool {
        match self.input[..self.cursor].chars().next_back() {
            Some(c) => {
                self.cursor -= c.len_utf8();
                self.input.remove(self.cursor);
                true
            }
            None => false,
        }
    }

    pub(super) fn move_cursor(&mut self, right: bool) {
        if right {
            if let Some(c) = self.input[self.cursor..].chars().next() {
                self.cursor += c.len_utf8();
            }
        } else if let Some(c) = self.input[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// Removes the word before the cursor (Ctrl-W).
    pub(super) fn delete_word(&mut self) {
        let before = self.input[..self.cursor].trim_end();
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.input.replace_range(start..self.cursor, "");
        self.cursor = start;
    }
}

/// The filter bar drawn on one row: `/ ` and the query (or a hint when
/// there is none), then the query's error.
pub struct FilterLine<'a> {
    pub bar: &'a FilterBar,
    /// The bar has the keyboard (its cursor shows).
    pub editing: bool,
    /// Shown when the bar is empty and idle.
    pub hint: String,
    pub theme: &'a Theme,
}

impl FilterLine<'_> {
    /// Where the terminal's cursor goes while the bar is edited.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        if !self.editing || area.height == 0 {
            return None;
        }
        let before = &self.bar.input[..self.bar.cursor];
        let x = area.x + 2 + before.width() as u16;
        (x < area.right()).then_some(Position::new(x, area.y))
    }
}

impl Widget for FilterLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let t = self.theme;
        let mut spans = vec![Span::styled("/ ", t.key)];
        if self.bar.input.is_empty() && !self.editing {
            spans.push(Span::styled(self.hint, t.dim));
        } else {
            spans.push(Span::raw(sanitize(&self.bar.input).into_owned()));
        }
        if let Some(e) = &self.bar.error {
            spans.push(Span::styled(format!("  ✗ {}", sanitize(e)), t.error));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

impl App {
    /// The filter bar as it is drawn now.
    pub(super) fn filter_line(&self) -> FilterLine<'_> {
        let filter = self.keys.key_or_unbound(Action::StartFilter, Scope::Browse);
        let help = self.keys.key_or_unbound(Action::ToggleHelp, Scope::Browse);
        FilterLine {
            bar: &self.filter,
            editing: self.focus == Focus::Filter,
            hint: format!("press {filter} to filter ({help} for help)"),
            theme: &self.theme,
        }
    }
}

impl App {
    /// Types a character at the filter cursor.
    pub fn filter_insert(&mut self, c: char) {
        self.filter.insert(c);
        self.request_list();
    }

    /// Inserts pasted text at the filter cursor (controls and line breaks
    /// dropped), asking for one list.
    pub fn filter_paste(&mut self, text: &str) {
        self.filter.paste(text);
        self.request_list();
    }

    pub(super) fn filter_backspace(&mut self) {
        if self.filter.backspace() {
            self.request_list();
        }
    }

    /// Removes the last word of the filter (Ctrl-W).
    pub(super) fn filter_delete_word(&mut self) {
        self.filter.delete_word();
        self.request_list();
    }

    /// Replaces the whole filter text.
    pub fn set_filter(&mut self, input: String) {
        self.filter.set(input);
        self.request_list();
    }

    /// The filter bar's state.
    pub fn filter(&self) -> &FilterBar {
        &self.filter
    }
}
