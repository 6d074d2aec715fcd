//! The corpus-wide entity browser: every entity by the number of articles
//! that mention it, narrowed as one types (names and aliases, forgiving case,
//! accents and transliteration), Enter filters the articles to it.
//! `EntityBrowser` is its state; `BrowserPopup` draws it over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keys::{Action, Scope};
use super::theme::Theme;
use super::wrap::truncate;
use crate::extract::entities::EntityTable;
use crate::index::entities::entity_matches;
use crate::text::sanitize;

#[derive(Debug, Clone, Default)]
pub struct EntityBrowser {
    pub input: String,
    /// Entity indices shown, most widely mentioned first.
    pub matches: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// All entities in browsing order.
    order: Vec<usize>,
}

impl EntityBrowser {
    pub fn new(table: &EntityTable) -> EntityBrowser {
        let mut order: Vec<usize> = (0..table.entities.len()).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&table.entities[a], &table.entities[b]);
            eb.articles
                .len()
                .cmp(&ea.articles.len())
                .then(eb.mentions.cmp(&ea.mentions))
                .then(ea.name.cmp(&eb.name))
        });
        EntityBrowser {
            matches: order.clone(),
            order,
            ..EntityBrowser::default()
        }
    }

    pub fn selected(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.matches.len().saturating_sub(1));
    }

    pub fn type_char(&mut self, c: char, table: &EntityTable) {
        self.input.push(c);
        self.refilter(table);
    }

    pub fn backspace(&mut self, table: &EntityTable) {
        self.input.pop();
        self.refilter(table);
    }

    fn refilter(&mut self, table: &EntityTable) {
        let value = self.input.trim();
        self.matches = if value.is_empty() {
            self.order.clone()
        } else {
            self.order
                .iter()
                .copied()
                .filter(|&e| entity_matches(&table.entities[e], value))
                .collect()
        };
        self.selected = 0;
        self.offset = 0;
    }

    /// Keeps the selection within `rows` visible rows.
    pub fn scroll_to_selection(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

/// The browser over the middle of the screen: the typed text, then a
/// row per matching name with its kind, reach and aliases.
pub struct BrowserPopup<'a> {
    pub browser: &'a EntityBrowser,
    pub table: &'a EntityTable,
    /// The keys that filter to the selected name and close the browser.
    pub pick: String,
    pub close: String,
    pub theme: &'a Theme,
}

impl BrowserPopup<'_> {
    /// The popup's frame on a screen of `area`.
    fn frame(&self, area: Rect) -> (Rect, Block<'static>) {
        let width = (area.width * 3 / 4).max(20).min(area.width);
        let height = (area.height * 3 / 4).max(5).min(area.height);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let title = format!(
            " Names {}/{} · {} filters · {} closes ",
            self.browser.matches.len(),
            self.table.entities.len(),
            self.pick,
            self.close
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(Span::styled(title, self.theme.title));
        (popup, block)
    }

    /// Where the terminal's cursor goes: after the typed text.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let (popup, block) = self.frame(area);
        let inner = block.inner(popup);
        let x = inner.x + 2 + self.browser.input.width() as u16;
        (inner.height > 0 && x < inner.right()).then_some(Position::new(x, inner.y))
    }
}

impl Widget for BrowserPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let browser = self.browser;
        let (popup, block) = self.frame(area);
        Clear.render(popup, buf);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        let w = inner.width as usize;
        let mut lines = vec![Line::from(vec![
            Span::styled("> ", t.key),
            Span::raw(sanitize(&browser.input).into_owned()),
        ])];
        let rows = inner.height.saturating_sub(1) as usize;
        let offset = if browser.selected >= browser.offset + rows {
            browser.selected + 1 - rows
        } else {
            browser.offset.min(browser.selected)
        };
        for (row, &e) in browser.matches.iter().enumerate().skip(offset).take(rows) {
            let entity = &self.table.entities[e];
            let style = if row == browser.selected {
                t.selected
            } else {
                Style::new()
            };
            let aliases = if entity.aliases.is_empty() {
                String::new()
            } else {
                format!("  also {}", entity.aliases.join(", "))
            };
            let text = format!(
                "{:<6} {:>5} art. {}{}",
                entity.kind.as_str(),
                entity.articles.len(),
                entity.name,
                aliases
            );
            let text = truncate(&sanitize(&text), w);
            let pad = w.saturating_sub(text.width());
            lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

impl App {
    /// An action while the entity browser is open.
    pub(super) fn browser_action(&mut self, action: Action) {
        let library = std::sync::Arc::clone(&self.library);
        match action {
            Action::Open => self.choose_from_browser(),
            Action::ClearFilter => self.browser = None,
            Action::Down => self.browser_move(1),
            Action::Up => self.browser_move(-1),
            Action::PageDown => self.browser_move(10),
            Action::PageUp => self.browser_move(-10),
            Action::DeleteChar => {
                if let (Some(b), Some(table)) = (self.browser.as_mut(), library.entities_if_ready())
                {
                    b.backspace(table);
                }
            }
            action => self.apply(action),
        }
    }

    fn browser_move(&mut self, delta: isize) {
        if let Some(b) = self.browser.as_mut() {
            b.move_by(delta);
        }
    }

    /// Types `c` into the entity browser.
    pub(super) fn browser_type(&mut self, c: char) {
        let library = std::sync::Arc::clone(&self.library);
        if let (Some(b), Some(table)) = (self.browser.as_mut(), library.entities_if_ready()) {
            b.type_char(c, table);
        }
    }

    /// The entity browser, while it is open and the names are found.
    pub(super) fn browser_popup(&self) -> Option<BrowserPopup<'_>> {
        let browser = self.browser.as_ref()?;
        let table = self.library.entities_if_ready()?;
        Some(BrowserPopup {
            browser,
            table,
            pick: self.keys.key_or_unbound(Action::Open, Scope::Browser),
            close: self
                .keys
                .key_or_unbound(Action::ClearFilter, Scope::Browser),
            theme: &self.theme,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::{Entity, EntityKind};

    fn table() -> EntityTable {
        let e = |name: &str, n: usize| Entity {
            id: name.into(),
            kind: EntityKind::Person,
            name: name.into(),
            aliases: vec![],
            articles: (0..n as u32).collect(),
            mentions: n,
        };
        EntityTable {
            entities: vec![e("Ana Lima", 1), e("Bo Chen", 3), e("Ana Souza", 2)],
            by_article: Default::default(),
        }
    }

    #[test]
    fn entities_are_listed_by_reach_and_narrowed_by_typing() {
        let t = table();
        let mut b = EntityBrowser::new(&t);
        assert_eq!(b.matches, [1, 2, 0]);
        b.type_char('a', &t);
        b.type_char('n', &t);
        assert_eq!(b.matches, [2, 0]);
        b.move_by(5);
        assert_eq!(b.selected(), Some(0));
        b.backspace(&t);
        b.backspace(&t);
        assert_eq!(b.matches.len(), 3);
        assert_eq!(b.selected, 0);
    }
}
