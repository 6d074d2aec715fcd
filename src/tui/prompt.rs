//! The one-line prompt in the status bar: typing the word to find in the
//! article, the name to save the filter under, or the command to pipe the
//! article to. `Prompt` is its state
//! (text and cursor); `PromptBar` draws it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keys::{Action, Scope};
use super::theme::Theme;
use crate::text::sanitize;

/// What the typed text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Find,
    SaveSearch,
    /// A command to pipe the article to, as Markdown.
    Pipe,
}

impl PromptKind {
    fn label(self) -> &'static str {
        match self {
            PromptKind::Find => "find: ",
            PromptKind::SaveSearch => "save the filter as: ",
            PromptKind::Pipe => "pipe the article to: ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// A byte offset into `input`, on a char boundary.
    pub cursor: usize,
}

impl Prompt {
    pub fn new(kind: PromptKind, input: String) -> Prompt {
        Prompt {
            kind,
            cursor: input.len(),
            input,
        }
    }

    pub fn insert(&mut self, c: char) {
        if !c.is_control() {
            self.input.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        }
    }

    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.input[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.input.remove(self.cursor);
        }
    }

    pub fn delete_word(&mut self) {
        let before = self.input[..self.cursor].trim_end();
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.input.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.input.clear();
        self.cursor = 0;
    }

    pub fn move_cursor(&mut self, right: bool) {
        if right {
            if let Some(c) = self.input[self.cursor..].chars().next() {
                self.cursor += c.len_utf8();
            }
        } else if let Some(c) = self.input[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// The cursor's column from the start of the bar.
    pub fn cursor_column(&self) -> u16 {
        let before = sanitize(&self.input[..self.cursor]);
        (self.kind.label().width() + before.width()) as u16
    }
}

/// The prompt drawn over the status bar; `note` follows the text (the
/// count of matches, or the keys).
pub struct PromptBar<'a> {
    pub prompt: &'a Prompt,
    pub note: String,
    pub theme: &'a Theme,
}

impl PromptBar<'_> {
    /// Where the terminal's cursor goes, for a bar drawn at `area`.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let x = area.x + self.prompt.cursor_column();
        (area.height > 0 && x < area.right()).then_some(Position::new(x, area.y))
    }
}

impl Widget for PromptBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let line = Line::from(vec![
            Span::styled(self.prompt.kind.label(), t.key),
            Span::raw(sanitize(&self.prompt.input).into_owned()),
            Span::styled(format!("  {}", sanitize(&self.note)), t.dim),
        ]);
        // The status bar was drawn under it: clear the whole line first.
        Clear.render(area, buf);
        Paragraph::new(line).style(t.status).render(area, buf);
    }
}

impl App {
    /// The prompt bar, while a prompt is open: what it is for follows the
    /// text (the find's count, the filter to save, the keys).
    pub(super) fn prompt_bar(&self) -> Option<PromptBar<'_>> {
        let prompt = self.prompt.as_ref()?;
        let note = match prompt.kind {
            PromptKind::Find => self.find.note(),
            PromptKind::SaveSearch => format!("for {}", self.filter().text().trim()),
            PromptKind::Pipe => {
                let run = self.keys.key_or_unbound(Action::Accept, Scope::Prompt);
                let cancel = self.keys.key_or_unbound(Action::Cancel, Scope::Prompt);
                format!("{run} runs it (the article as Markdown on its input) · {cancel} cancels")
            }
        };
        Some(PromptBar {
            prompt,
            note,
            theme: &self.theme,
        })
    }
}
