//! Moving between reports like a browser: Enter on what is selected,
//! jumps to related reports and to the next article naming an entity,
//! filters set from an entity or a period, and back / forward history that
//! brings the filter, selection and scroll position back. `History` keeps
//! the places; the `App` methods here move between them.

use super::app::{App, Focus, Place};
use super::browser::EntityBrowser;
use super::side::SideRow;
use crate::extract::entities::EntityKind;
use crate::index::query::{Field, field_term};
use crate::library::Position;

/// History entries kept each way.
const HISTORY_LIMIT: usize = 100;

/// The places to go back and forward to, most recent last.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl History {
    pub fn back(&self) -> &[Place] {
        &self.back
    }

    pub fn forward(&self) -> &[Place] {
        &self.forward
    }

    /// Keeps `here` as the way back (once, however often it is left); a
    /// new step drops the way forward.
    fn remember(&mut self, here: Place) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
            if self.back.len() > HISTORY_LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The place to go back to; `here` becomes the way forward.
    fn go_back(&mut self, here: Place) -> Option<Place> {
        let place = self.back.pop()?;
        self.forward.push(here);
        Some(place)
    }

    /// The place to go forward to; `here` becomes the way back.
    fn go_forward(&mut self, here: Place) -> Option<Place> {
        let place = self.forward.pop()?;
        self.back.push(here);
        Some(place)
    }

    /// Forgets every place (they index a corpus no longer read).
    pub(super) fn clear(&mut self) {
        self.back.clear();
        self.forward.clear();
    }
}

impl App {
    /// Enter: read the selected article, or follow the selected row of the
    /// side panel or timeline.
    pub(super) fn open(&mut self) {
        match self.focus {
            Focus::Side => match self.side.selected_row().cloned() {
                Some(SideRow::Entity { entity, .. }) => self.filter_by_entity(entity),
                Some(SideRow::Related { article, .. }) => self.jump_to(article),
                _ => {}
            },
            Focus::Timeline => {
                if let Some(value) = self.timeline.value_at_cursor() {
                    self.navigate_filter(format!("date:{value}"));
                    self.focus = Focus::List;
                }
            }
            _ => {
                if let Some(article) = self.current() {
                    self.focus = Focus::Reader;
                    self.mark_read(article);
                }
            }
        }
    }

    fn place(&self) -> Place {
        Place {
            filter: self.filter.text().to_string(),
            article: self.current(),
            list_offset: self.list.offset(),
            reader_scroll: self.reader.scroll,
        }
    }

    pub(super) fn remember(&mut self) {
        let here = self.place();
        self.history.remember(here);
    }

    /// The back and forward history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Goes back to `place`: its filter first, then (once that list is
    /// shown) its article and scroll positions.
    fn restore(&mut self, place: Place) {
        if place.filter != self.filter.text() {
            let filter = place.filter.clone();
            self.lists.place = Some(place);
            self.set_filter(filter);
        } else {
            self.arrive(place);
        }
    }

    /// Selects `place`'s article in the list shown now and puts the scroll
    /// positions back.
    pub(super) fn arrive(&mut self, place: Place) {
        if let Some(row) = place.article.and_then(|a| self.list.row_of(a)) {
            self.select(row);
        }
        self.list.set_offset(place.list_offset);
        self.reader.scroll = place.reader_scroll;
        self.side.cursor = None;
    }

    pub(super) fn go_back(&mut self) {
        let here = self.place();
        match self.history.go_back(here) {
            Some(place) => self.restore(place),
            None => self.message = Some("nothing to go back to".into()),
        }
    }

    pub(super) fn go_forward(&mut self) {
        let here = self.place();
        match self.history.go_forward(here) {
            Some(place) => self.restore(place),
            None => self.message = Some("nothing to go forward to".into()),
        }
    }

    /// Shows `article` in the reading view, clearing the filter when it
    /// hides the article; the way back is kept.
    pub fn jump_to(&mut self, article: usize) {
        if article >= self.library.articles().len() {
            return;
        }
        self.remember();
        let place = Place {
            filter: String::new(),
            article: Some(article),
            list_offset: 0,
            reader_scroll: 0,
        };
        if self.list.row_of(article).is_some() {
            self.arrive(place);
        } else {
            // A folded copy is shown as its group's head: unfold so the
            // report itself is the one read.
            if self.collapse_groups {
                self.collapse_groups = false;
                self.message = Some("copies unfolded to show this report".into());
            }
            self.lists.place = Some(place);
            if self.filter.text().is_empty() {
                self.request_list();
            } else {
                self.set_filter(String::new());
            }
        }
        self.side.scroll = 0;
        self.focus = Focus::Reader;
        self.mark_read(article);
    }

    /// Replaces the filter as a step that history can undo.
    pub(super) fn navigate_filter(&mut self, input: String) {
        self.remember();
        self.set_filter(input);
    }

    /// Filters the list to every article that mentions `entity`.
    pub fn filter_by_entity(&mut self, entity: usize) {
        let Some(table) = self.library.entities_if_ready() else {
            return;
        };
        let Some(e) = table.entities.get(entity) else {
            return;
        };
        let field = match e.kind {
            EntityKind::Person => Field::Person,
            EntityKind::Place => Field::Place,
            EntityKind::Org => Field::Org,
            // Other names have no field of their own: their exact name in
            // the body finds them.
            EntityKind::Misc => {
                let phrase = format!("\"{}\"", e.name.replace('"', ""));
                self.navigate_filter(phrase);
                self.focus = Focus::List;
                return;
            }
        };
        let term = field_term(field, &e.name);
        self.navigate_filter(term);
        self.focus = Focus::List;
    }

    /// Goes to the next (or previous) article, in corpus order, that
    /// mentions the entity selected in the side panel.
    pub(super) fn step_mention(&mut self, forward: bool) {
        let Some(entity) = self.selected_entity().or(self.side.follow_entity) else {
            let key = self
                .keys
                .key_or_unbound(super::keys::Action::FocusNext, super::keys::Scope::Browse);
            self.message = Some(format!("select a name in the side panel first ({key})"));
            return;
        };
        let Some(table) = self.library.entities_if_ready() else {
            return;
        };
        let articles = &table.entities[entity].articles;
        let current = self.current().unwrap_or(0) as u32;
        let next = if forward {
            articles.iter().find(|&&a| a > current).or(articles.first())
        } else {
            articles
                .iter()
                .rev()
                .find(|&&a| a < current)
                .or(articles.last())
        };
        match next.copied() {
            Some(a) if a != current => {
                self.side.follow_entity = Some(entity);
                let focus = self.focus;
                self.jump_to(a as usize);
                self.focus = focus;
            }
            _ => {
                self.message = Some(format!(
                    "no other article mentions {}",
                    table.entities[entity].name
                ));
            }
        }
    }

    pub(super) fn open_browser(&mut self) {
        match self.library.entities_if_ready() {
            Some(table) => self.browser = Some(EntityBrowser::new(table)),
            None => {
                self.message = Some("names are still being found; try again in a moment".into())
            }
        }
    }

    /// Enter in the entity browser.
    pub fn choose_from_browser(&mut self) {
        if let Some(entity) = self.browser.as_ref().and_then(EntityBrowser::selected) {
            self.browser = None;
            self.filter_by_entity(entity);
        }
    }

    /// Where the reader is, for the store to bring back next time.
    pub fn position(&self) -> Position {
        Position {
            article: self.current(),
            scroll: self.reader.scroll as u64,
            filter: self.filter.text().to_string(),
        }
    }

    /// Comes back to where the reader was when it was last closed: the
    /// filter, the article and its scroll position.
    pub fn come_back(&mut self, position: Position) {
        let place = Place {
            filter: position.filter.clone(),
            article: position.article,
            list_offset: 0,
            reader_scroll: usize::try_from(position.scroll).unwrap_or(0),
        };
        if position.article.is_some() {
            self.focus = Focus::Reader;
        }
        self.lists.place = Some(place);
        self.set_filter(position.filter);
    }

    /// Titles of the articles history goes back to, most recent last: each
    /// title once (where it was last; copies share a title), and not the
    /// article being read.
    pub fn breadcrumb(&self) -> Vec<String> {
        let here = self.current();
        let mut titles: Vec<String> = Vec::new();
        for article in self.history.back.iter().rev().filter_map(|p| p.article) {
            let title = &self.library.articles()[article].title;
            if Some(article) != here && !titles.contains(title) {
                titles.push(title.clone());
            }
        }
        titles.reverse();
        titles
    }
}
