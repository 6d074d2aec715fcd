//! The help popup: the key table in force by scope (generated from the
//! table, so it never drifts from the keys), the filter language and the
//! mouse. `HelpState` is whether it is open and how far it is scrolled;
//! `HelpPopup` draws it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::app::App;
use super::keys::{Action, KeyTable, Scope};
use super::theme::Theme;

/// Whether the help is open, and its first line on screen.
#[derive(Debug, Clone, Copy, Default)]
pub struct HelpState {
    open: bool,
    scroll: usize,
}

impl HelpState {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Opens it at the top, or closes it.
    pub(super) fn toggle(&mut self) {
        self.open = !self.open;
        self.scroll = 0;
    }

    pub(super) fn close(&mut self) {
        self.open = false;
    }

    /// Scrolls by `delta` lines (kept within the help by `fit`).
    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
    }

    pub(super) fn scroll_to_top(&mut self) {
        self.scroll = 0;
    }

    pub(super) fn scroll_to_bottom(&mut self) {
        self.scroll = usize::MAX;
    }

    /// Keeps the scroll within the help's lines on a screen of `area`.
    pub(super) fn fit(&mut self, area: Rect, keys: &KeyTable, theme: &Theme) {
        if self.open {
            let lines = help_lines(keys, theme).len();
            let inside = area.height.saturating_sub(2) as usize;
            self.scroll = self.scroll.min(lines.saturating_sub(inside));
        }
    }
}

/// The filter language, for the help popup.
const QUERY_HELP: &[(&str, &str)] = &[
    (
        "word",
        "fuzzy in title, author, source; a body word starting with it",
    ),
    ("\"a phrase\"", "the body contains the phrase"),
    (
        "-term",
        "the term does not hold (-word, -\"phrase\", -field:value)",
    ),
    ("title: author: source:", "that field fuzzy-matches"),
    (
        "person: place: org:",
        "names it, or an alias (person:\"Marco Rubio\")",
    ),
    ("said:", "quotes that person (said:peskov)"),
    ("date:2025-04", "its date falls in that day, month or year"),
    (
        "date:A..B",
        "in the range; since:A until:B; either end may be left out",
    ),
];

/// Every line of the help popup: the key table by scope, then the filter
/// language and the mouse.
pub fn help_lines(keys: &KeyTable, t: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    for scope in Scope::ALL {
        lines.push(Line::styled(scope.heading(keys), t.title));
        for (label, help) in keys.help_lines(scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<14}"), t.key),
                Span::raw(help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "The filter language (terms all hold)",
        t.title,
    ));
    for (term, help) in QUERY_HELP {
        lines.push(Line::from(vec![
            Span::styled(format!("  {term:<24}"), t.key),
            Span::raw(*help),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse", t.title));
    lines.push(Line::raw(
        "  wheel scrolls the pane under the pointer; a click selects",
    ));
    lines
}

/// The help over the middle of the screen.
pub struct HelpPopup<'a> {
    pub help: &'a HelpState,
    pub keys: &'a KeyTable,
    pub theme: &'a Theme,
}

impl Widget for HelpPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let lines = help_lines(self.keys, t);
        let width = lines
            .iter()
            .map(|l| l.width() as u16)
            .max()
            .unwrap_or(0)
            .saturating_add(4)
            .min(area.width);
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border_focused)
            .title(Span::styled(
                format!(
                    " Keys · {} closes ",
                    self.keys.key_or_unbound(Action::CloseHelp, Scope::Help)
                ),
                t.title,
            ));
        let inside = height.saturating_sub(2) as usize;
        let scroll = self.help.scroll.min(lines.len().saturating_sub(inside)) as u16;
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll, 0))
            .render(popup, buf);
    }
}

impl App {
    /// An action while the help is open: it scrolls, and anything else
    /// but quitting closes it.
    pub(super) fn help_action(&mut self, action: Action) {
        match action {
            Action::Down => self.help.scroll_by(1),
            Action::Up => self.help.scroll_by(-1),
            Action::PageDown => self.help.scroll_by(10),
            Action::PageUp => self.help.scroll_by(-10),
            Action::Top => self.help.scroll_to_top(),
            Action::Bottom => self.help.scroll_to_bottom(),
            Action::Quit => self.apply(Action::Quit),
            _ => self.help.close(),
        }
    }

    /// The help popup, while it is open.
    pub(super) fn help_popup(&self) -> Option<HelpPopup<'_>> {
        self.help.is_open().then_some(HelpPopup {
            help: &self.help,
            keys: &self.keys,
            theme: &self.theme,
        })
    }
}
