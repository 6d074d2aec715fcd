//! Answers a query's entity terms and its reader terms (`is:read`,
//! `is:unread`, `is:starred`) for the search: both become sorted lists of
//! article indices, so the search treats them alike.

use super::Session;
use crate::corpus::Article;
use crate::extract::entities::EntityTable;
use crate::index::query::{Field, ReaderMark};
use crate::index::search::EntityFilter;

pub struct MarkFilter<'a> {
    pub entities: Option<&'a EntityTable>,
    pub session: Option<(&'a Session, &'a [Article])>,
}

impl EntityFilter for MarkFilter<'_> {
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>> {
        self.entities?.articles_matching(field, value)
    }

    fn articles_marked(&self, mark: ReaderMark) -> Option<Vec<usize>> {
        let (session, articles) = self.session?;
        Some(session.marked(articles, mark))
    }
}
