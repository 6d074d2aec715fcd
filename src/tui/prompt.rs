//! The one-line prompt in the status bar: typing the word to find in the
//! article, the name to save the filter under, or the command to pipe the
//! article to. `Prompt` is its state
//! (text and cursor); `PromptBar` draws it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
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
            PromptKind::Find => self.reader.find.note(),
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

impl App {
    /// Types a character into the open prompt.
    pub fn prompt_insert(&mut self, c: char) {
        if let Some(p) = self.prompt.as_mut() {
            p.insert(c);
        }
        self.prompt_changed();
    }

    pub fn prompt_paste(&mut self, text: &str) {
        if let Some(p) = self.prompt.as_mut() {
            p.paste(text);
        }
        self.prompt_changed();
    }

    pub(super) fn prompt_edit(&mut self, action: Action) {
        if let Some(p) = self.prompt.as_mut() {
            match action {
                Action::DeleteChar => p.backspace(),
                Action::DeleteWord => p.delete_word(),
                Action::DeleteLine => p.clear(),
                Action::CursorLeft => p.move_cursor(false),
                Action::CursorRight => p.move_cursor(true),
                _ => {}
            }
        }
        self.prompt_changed();
    }

    /// A find follows the text as it is typed.
    fn prompt_changed(&mut self) {
        if let Some(p) = &self.prompt
            && p.kind == PromptKind::Find
            && p.input != self.reader.find.word
        {
            let word = p.input.clone();
            self.find_typed(word);
            self.focus = Focus::Reader;
        }
    }

    pub(super) fn prompt_accept(&mut self) {
        let Some(p) = self.prompt.take() else { return };
        match p.kind {
            PromptKind::Find => {
                if p.input.is_empty() {
                    self.stop_find();
                } else {
                    self.message = Some(match self.reader.find.matches.len() {
                        0 => format!("{:?} is not in this article", p.input),
                        n => {
                            let next = self.keys.key_or_unbound(Action::FindNext, Scope::Browse);
                            let prev = self.keys.key_or_unbound(Action::FindPrev, Scope::Browse);
                            format!(
                                "match {}/{n} · {next} next · {prev} previous",
                                self.reader.find.current + 1
                            )
                        }
                    });
                }
            }
            PromptKind::SaveSearch => self.save_search(&p.input),
            PromptKind::Pipe => self.run_pipe(&p.input),
        }
    }

    pub(super) fn prompt_cancel(&mut self) {
        if let Some(p) = self.prompt.take()
            && p.kind == PromptKind::Find
        {
            self.stop_find();
        }
    }
}
