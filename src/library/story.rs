//! Following a story: who said what in an article, and one entity's own
//! timeline across the corpus. Both read the entity table (built on first
//! use) and the bodies; neither touches more than the articles asked about.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::Library;
use crate::extract::entities::EntityKind;
use crate::extract::quotes::{PersonMention, Quote, QuoteKind, find_quotes};
use crate::index::entities::entity_matches;
use crate::index::related::text::sentence_spans;

/// One quote as the CLI and the side panel give it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    /// The article's id.
    pub article: String,
    /// Who said it, as named or as inferred; null when no speaker was found.
    pub speaker: Option<String>,
    /// The speaker's entity id, when the speaker is a recognised person.
    pub speaker_id: Option<String>,
    pub text: String,
    pub kind: QuoteKind,
    pub cue: String,
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    /// The speaker was inferred from a pronoun or from the quote before.
    pub inferred: bool,
    /// The speaker's entity index.
    #[serde(skip)]
    pub entity: Option<usize>,
}

/// Where a timeline row's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineSource {
    /// A date written in the sentence that mentions the entity.
    Mention,
    /// The article's own date: the sentence names no date.
    Article,
}

/// One dated sentence about an entity.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// The days meant, at their own granularity (`2025-04-11`, `2025-W14`,
    /// `2025-04`).
    pub date: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The article's id.
    pub article: String,
    pub title: String,
    pub sentence: String,
    pub source: TimelineSource,
    /// The article's index.
    #[serde(skip)]
    pub index: usize,
}

impl Library {
    /// The quotes of one article with their speakers (building the entity
    /// table if needed).
    pub fn quotes(&self, article: usize) -> Vec<QuoteRow> {
        let table = self.entities();
        let a = &self.corpus.articles[article];
        let people: Vec<PersonMention> = table
            .by_article
            .get(article)
            .into_iter()
            .flatten()
            .filter(|m| table.entities[m.entity].kind == EntityKind::Person)
            .map(|m| PersonMention {
                start: m.start,
                end: m.end,
                entity: m.entity,
            })
            .collect();
        let name_of = |e: usize| table.entities[e].name.clone();
        find_quotes(&a.body, &people, &name_of)
            .into_iter()
            .map(|q: Quote| {
                let speaker = q.speaker.as_ref();
                QuoteRow {
                    article: a.id.clone(),
                    speaker: speaker.map(|s| s.name.clone()),
                    speaker_id: speaker
                        .and_then(|s| s.entity)
                        .map(|e| table.entities[e].id.clone()),
                    text: a.body[q.start..q.end].to_string(),
                    kind: q.kind,
                    cue: q.cue.clone(),
                    start: q.start,
                    end: q.end,
                    inferred: speaker.is_some_and(|s| s.inferred),
                    entity: speaker.and_then(|s| s.entity),
                }
            })
            .collect()
    }

    /// The person entity a name means: the most mentioned one it matches.
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
        let articles = &table.entities[entity].articles;
        let mut rows: Vec<TimelineRow> = articles
            .par_iter()
            .flat_map_iter(|&index| self.entity_sentences(entity, index))
            .collect();
        rows.sort_by(|x, y| {
            (x.first, x.last, x.index, &x.sentence).cmp(&(y.first, y.last, y.index, &y.sentence))
        });
        rows
    }

    fn entity_sentences(&self, entity: usize, index: usize) -> Vec<TimelineRow> {
        let table = self.entities();
        let a = &self.corpus.articles[index];
        let mentions: Vec<usize> = table.by_article[index]
            .iter()
            .filter(|m| m.entity == entity)
            .map(|m| m.start)
            .collect();
        if mentions.is_empty() {
            return Vec::new();
        }
        let dates = self.date_mentions(index);
        let mut rows = Vec::new();
        for span in sentence_spans(&a.body) {
            if !mentions.iter().any(|m| span.contains(m)) {
                continue;
            }
            let sentence = a.body[span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let row = |date: String, first, last, source| TimelineRow {
                date,
                first,
                last,
                article: a.id.clone(),
                title: a.title.clone(),
                sentence: sentence.clone(),
                source,
                index,
            };
            let mut dated = false;
            for d in dates.iter().filter(|d| span.contains(&d.start)) {
                if let Some(v) = &d.value {
                    rows.push(row(
                        v.span_name().0,
                        v.first,
                        v.last,
                        TimelineSource::Mention,
                    ));
                    dated = true;
                }
            }
            if let Some(date) = a.date.filter(|_| !dated) {
                rows.push(row(
                    date.to_string(),
                    date.start,
                    date.end(),
                    TimelineSource::Article,
                ));
            }
        }
        rows
    }
}
