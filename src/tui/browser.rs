//! The corpus-wide entity browser: every entity by the number of articles
//! that mention it, narrowed as one types (names and aliases, forgiving case,
//! accents and transliteration), Enter filters the articles to it.

use crate::extract::entities::EntityTable;
use crate::index::entities::entity_matches;

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
            articles: (0..n).collect(),
            mentions: n,
        };
        EntityTable {
            entities: vec![e("Ana Lima", 1), e("Bo Chen", 3), e("Ana Souza", 2)],
            by_article: vec![],
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
