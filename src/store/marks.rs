//! Answers a query's entity terms (`said:` through the quotes' speakers)
//! and its reader terms (`is:read`,
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
    /// Per entity, the articles that quote it (sorted), for `said:`.
    pub speakers: Option<&'a [Vec<u32>]>,
}

impl EntityFilter for MarkFilter<'_> {
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>> {
        let table = self.entities?;
        if field != Field::Said {
            return table.articles_matching(field, value);
        }
        let speakers = self.speakers?;
        let mut out: Vec<usize> = table
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == crate::extract::entities::EntityKind::Person
                    && crate::index::entities::entity_matches(e, value)
            })
            .flat_map(|(i, _)| speakers.get(i).into_iter().flatten().map(|&a| a as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    fn articles_marked(&self, mark: ReaderMark) -> Option<Vec<usize>> {
        let (session, articles) = self.session?;
        Some(session.marked(articles, mark))
    }
}
