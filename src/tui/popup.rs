//! The list popups: the files that loaded with a warning (and what was
//! wrong with the config), and the saved searches. Each is a state struct
//! (its rows, selection and scroll) and a widget drawing it; rows are made
//! when the popup opens, never while drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keys::{Action, Scope};
use super::prompt::{Prompt, PromptKind};
use super::theme::Theme;
use super::wrap::truncate;
use crate::corpus::FileStatus;
use crate::text::{message_line, sanitize, shown_path};

/// One saved search as the popup lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
    /// Predefined in the config's `[searches]` (cannot be forgotten here).
    pub from_config: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopupKind {
    /// Path (or config file) and reason, as `dossier check` says them.
    Warnings(Vec<(String, String)>),
    Searches(Vec<SavedSearch>),
}

/// An open list popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Popup {
    pub kind: PopupKind,
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

impl Popup {
    fn new(kind: PopupKind) -> Popup {
        Popup {
            kind,
            selected: 0,
            offset: 0,
        }
    }

    pub fn len(&self) -> usize {
        match &self.kind {
            PopupKind::Warnings(rows) => rows.len(),
            PopupKind::Searches(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.len().saturating_sub(1));
    }

    /// Keeps the selection among the `rows` on screen.
    pub fn fit(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }

    /// The area the popup takes on a screen of `area`.
    pub fn area(area: Rect) -> Rect {
        let width = (area.width * 4 / 5).max(30).min(area.width);
        let height = (area.height * 2 / 3).max(6).min(area.height);
        area.centered(Constraint::Length(width), Constraint::Length(height))
    }
}

/// Draws a popup; `close` is the key that closes it, for the title.
pub struct PopupView<'a> {
    pub popup: &'a Popup,
    pub theme: &'a Theme,
    pub close: String,
    pub pick: String,
    pub delete: String,
}

impl Widget for PopupView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let popup = Popup::area(area);
        Clear.render(popup, buf);
        let title = match &self.popup.kind {
            PopupKind::Warnings(rows) => {
                format!(" {} warning(s) · {} closes ", rows.len(), self.close)
            }
            PopupKind::Searches(rows) => format!(
                " Saved searches {} · {} filters · {} forgets · {} closes ",
                rows.len(),
                self.pick,
                self.delete,
                self.close
            ),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border_focused)
            .title(Span::styled(sanitize(&title).into_owned(), t.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = inner.width as usize;
        let rows = inner.height as usize;
        let mut lines: Vec<Line> = Vec::with_capacity(rows);
        let style_of = |i: usize| {
            if i == self.popup.selected {
                t.selected
            } else {
                Style::new()
            }
        };
        match &self.popup.kind {
            PopupKind::Warnings(items) if items.is_empty() => {
                lines.push(Line::styled("every file loaded without a warning", t.dim));
            }
            PopupKind::Searches(items) if items.is_empty() => {
                lines.push(Line::styled(
                    "no saved search yet: filter, then save it with the key for save_search",
                    t.dim,
                ));
            }
            PopupKind::Warnings(items) => {
                for (i, (path, reason)) in items.iter().enumerate().skip(self.popup.offset) {
                    if lines.len() + 2 > rows {
                        break;
                    }
                    let base = style_of(i);
                    let path = truncate(&shown_path(path), width);
                    let reason = truncate(&format!("  {}", message_line(reason)), width);
                    lines.push(pad_line(path, width, base));
                    lines.push(pad_line(
                        reason,
                        width,
                        if i == self.popup.selected {
                            base
                        } else {
                            t.dim
                        },
                    ));
                }
            }
            PopupKind::Searches(items) => {
                let names = items
                    .iter()
                    .map(|s| sanitize(&s.name).width())
                    .max()
                    .unwrap_or(0)
                    .min(width / 3);
                for (i, s) in items.iter().enumerate().skip(self.popup.offset).take(rows) {
                    let name = truncate(&sanitize(&s.name), names);
                    let pad = " ".repeat(names.saturating_sub(name.width()));
                    let from = if s.from_config { "  (config)" } else { "" };
                    let text = format!("{name}{pad}  {}{from}", sanitize(&s.query));
                    lines.push(pad_line(truncate(&text, width), width, style_of(i)));
                }
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

fn pad_line(text: String, width: usize, style: Style) -> Line<'static> {
    let pad = " ".repeat(width.saturating_sub(text.width()));
    Line::styled(format!("{text}{pad}"), style)
}

impl App {
    /// An action while a list popup is open.
    pub(super) fn popup_action(&mut self, action: Action) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        match action {
            Action::Down => popup.move_by(1),
            Action::Up => popup.move_by(-1),
            Action::PageDown => popup.move_by(10),
            Action::PageUp => popup.move_by(-10),
            Action::Top => popup.selected = 0,
            Action::Bottom => popup.move_by(isize::MAX),
            Action::Open => self.popup_open(),
            Action::DeleteSearch | Action::ClosePopup | Action::Quit => self.apply(action),
            _ => {}
        }
    }

    /// The list popup, while one is open.
    pub(super) fn popup_view(&self) -> Option<PopupView<'_>> {
        let key = |a| self.keys.key_or_unbound(a, Scope::Popup);
        self.popup.as_ref().map(|popup| PopupView {
            popup,
            theme: &self.theme,
            close: key(Action::ClosePopup),
            pick: key(Action::Open),
            delete: key(Action::DeleteSearch),
        })
    }

    /// The warnings popup: what was wrong with the config, then each file
    /// that loaded with a warning or an error, and why.
    pub(super) fn open_warnings(&mut self) {
        let mut rows: Vec<(String, String)> = self
            .config_warnings
            .iter()
            .map(|w| ("config".to_string(), w.clone()))
            .collect();
        rows.extend(self.library.corpus.problems().map(|f| {
            let (level, reason) = match &f.status {
                FileStatus::Error(r) => ("error", r.as_str()),
                FileStatus::Warning(r) => ("warning", r.as_str()),
                FileStatus::Ok => ("ok", ""),
            };
            (f.path.to_string(), format!("{level}: {reason}"))
        }));
        self.popup = Some(Popup::new(PopupKind::Warnings(rows)));
    }

    /// The saved searches popup: the config's, then the reader's.
    pub(super) fn open_searches(&mut self) {
        let mut rows: Vec<SavedSearch> = self
            .config_searches
            .iter()
            .map(|(name, query)| SavedSearch {
                name: name.clone(),
                query: query.clone(),
                from_config: true,
            })
            .collect();
        match self.library.saved_searches() {
            Ok(saved) => rows.extend(saved.into_iter().map(|(name, query)| SavedSearch {
                name,
                query,
                from_config: false,
            })),
            Err(e) => self.message = Some(format!("saved searches: {e}")),
        }
        self.popup = Some(Popup::new(PopupKind::Searches(rows)));
    }

    /// `S`: asks for a name to save the filter under.
    pub(super) fn start_save_search(&mut self) {
        if self.filter.text().trim().is_empty() {
            let key = self.keys.key_or_unbound(Action::StartFilter, Scope::Browse);
            self.message = Some(format!("no filter to save: {key} filters first"));
            return;
        }
        self.prompt = Some(Prompt::new(PromptKind::SaveSearch, String::new()));
    }

    /// Keeps the filter under `name`.
    pub(super) fn save_search(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.message = Some("a saved search needs a name".into());
            return;
        }
        let query = self.filter.text().trim().to_string();
        self.message = Some(match self.library.save_search(name, &query) {
            Ok(()) => {
                let key = self.keys.key_or_unbound(Action::Searches, Scope::Browse);
                format!("saved as {name:?} ({key} lists saved searches)")
            }
            Err(e) => format!("the search could not be kept: {e}"),
        });
    }

    /// Enter in the popup: a saved search becomes the filter.
    pub(super) fn popup_open(&mut self) {
        let Some(popup) = &self.popup else { return };
        if let PopupKind::Searches(rows) = &popup.kind
            && let Some(s) = rows.get(popup.selected)
        {
            let query = s.query.clone();
            self.popup = None;
            self.navigate_filter(query);
            self.focus = super::app::Focus::List;
        }
    }

    /// `d` in the saved searches popup: forgets the selected one.
    pub(super) fn popup_delete(&mut self) {
        let Some(popup) = &mut self.popup else { return };
        let PopupKind::Searches(rows) = &mut popup.kind else {
            return;
        };
        let Some(s) = rows.get(popup.selected) else {
            return;
        };
        if s.from_config {
            self.message =
                Some("searches from the config stay; edit the config to drop them".into());
            return;
        }
        let name = s.name.clone();
        match self.library.delete_search(&name) {
            Ok(()) => {
                rows.remove(popup.selected);
                popup.move_by(0);
                self.message = Some(format!("forgot {name:?}"));
            }
            Err(e) => self.message = Some(format!("could not forget {name:?}: {e}")),
        }
    }
}
