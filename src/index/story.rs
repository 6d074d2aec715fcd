//! Following a story through one article: who said what in it, and the
//! dated sentences that mention an entity. Pure functions over an article,
//! its resolved mentions and its dates.

use chrono::NaiveDate;
use serde::Serialize;

use crate::corpus::Article;
use crate::extract::dates::DateMention;
use crate::extract::entities::{EntityKind, EntityTable};
use crate::extract::quotes::{PersonMention, QuoteKind, find_quotes};
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

/// The quotes of `articles[index]` with their speakers resolved through
/// the entity table.
pub fn quote_rows(
    article: &Article,
    body: &str,
    table: &EntityTable,
    index: usize,
) -> Vec<QuoteRow> {
    let people: Vec<PersonMention> = table
        .by_article
        .get(index)
        .into_iter()
        .flatten()
        .filter(|m| table.entities[m.entity()].kind == EntityKind::Person)
        .map(|m| PersonMention {
            start: m.span().start,
            end: m.span().end,
            entity: m.entity(),
        })
        .collect();
    let name_of = |e: usize| table.entities[e].name.clone();
    find_quotes(body, &people, &name_of)
        .into_iter()
        .map(|q| {
            let speaker = q.speaker.as_ref();
            QuoteRow {
                article: article.id.clone(),
                speaker: speaker.map(|s| s.name.clone()),
                speaker_id: speaker
                    .and_then(|s| s.entity)
                    .map(|e| table.entities[e].id.clone()),
                text: body[q.start..q.end].to_string(),
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

/// The sentences of `article` that mention `entity`, each placed by the
/// dates it names (one row a date) or else by the article's own date.
pub fn entity_sentences(
    article: &Article,
    body: &str,
    index: usize,
    table: &EntityTable,
    entity: usize,
    dates: &[DateMention],
) -> Vec<TimelineRow> {
    let mentions: Vec<usize> = table
        .by_article
        .get(index)
        .unwrap_or_default()
        .iter()
        .filter(|m| m.entity() == entity)
        .map(|m| m.span().start)
        .collect();
    let mut rows = Vec::new();
    if mentions.is_empty() {
        return rows;
    }
    for span in sentence_spans(body) {
        if !mentions.iter().any(|m| span.contains(m)) {
            continue;
        }
        let sentence = body[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let row = |date: String, first, last, source| TimelineRow {
            date,
            first,
            last,
            article: article.id.clone(),
            title: article.title.clone(),
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
        if let Some(date) = article.date.filter(|_| !dated) {
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
