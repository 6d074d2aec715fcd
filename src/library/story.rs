//! Following a story across the corpus: who said what in an article, and
//! one entity's own timeline. Both read the entity table (built on first
//! use) and touch only the articles asked about.

use rayon::prelude::*;

use super::Library;
use crate::extract::entities::EntityKind;
use crate::index::entities::entity_matches;
use crate::index::story::{QuoteRow, TimelineRow, entity_sentences, quote_rows};

impl Library {
    /// The quotes of one article with their speakers (building the entity
    /// table if needed).
    pub fn quotes(&self, article: usize) -> Vec<QuoteRow> {
        quote_rows(
            &self.corpus.articles[article],
            &self.body(article),
            self.entities(),
            article,
        )
    }

    /// Per entity, the articles that quote it (sorted): every article's
    /// quotes found once, in parallel, on the first `said:` term.
    pub fn speakers(&self) -> &Vec<Vec<u32>> {
        self.speakers.get_or_init(|| {
            let table = self.entities();
            let bodies = self.bodies();
            let quoted: Vec<Vec<usize>> = (0..self.corpus.articles.len())
                .into_par_iter()
                .map(|a| {
                    let article = &self.corpus.articles[a];
                    let mut who: Vec<usize> = quote_rows(article, &bodies[a], table, a)
                        .into_iter()
                        .filter_map(|q| q.entity)
                        .collect();
                    who.sort_unstable();
                    who.dedup();
                    who
                })
                .collect();
            let mut by_entity = vec![Vec::new(); table.entities.len()];
            for (article, who) in quoted.into_iter().enumerate() {
                for e in who {
                    by_entity[e].push(article as u32);
                }
            }
            by_entity
        })
    }

    /// The entity a name means: the most mentioned one it matches.
    pub fn find_entity(&self, name: &str, kind: Option<EntityKind>) -> Option<usize> {
        self.entities()
            .entities
            .iter()
            .position(|e| kind.is_none_or(|k| e.kind == k) && entity_matches(e, name))
    }

    /// Every sentence that mentions `entity`, placed by the dates it names
    /// (or, naming none, by its article's date), in date order. Sentences
    /// of undated articles that name no date are left out.
    pub fn timeline(&self, entity: usize) -> Vec<TimelineRow> {
        let table = self.entities();
        let mut rows: Vec<TimelineRow> = table.entities[entity]
            .articles
            .par_iter()
            .flat_map_iter(|&index| {
                let index = index as usize;
                let body = self.body(index);
                let dates = self.date_mentions_in(index, &body);
                let article = &self.corpus.articles[index];
                entity_sentences(article, &body, index, table, entity, &dates)
            })
            .collect();
        rows.sort_by(|x, y| {
            (x.first, x.last, x.index, &x.sentence).cmp(&(y.first, y.last, y.index, &y.sentence))
        });
        rows
    }
}
