//! Everything about one article, assembled once: its details, the names it
//! mentions (with counts here and elsewhere), the dates it mentions, related
//! reports with their reasons, its group of copies and the furniture taken
//! off the page. The reader's side panel draws it and `dossier show --json`
//! serialises it, so both say the same thing in the same words.

use std::collections::BTreeMap;

use serde::Serialize;

use super::related::{DuplicateKind, ReadBody, RelatedIndex};
use crate::corpus::{Article, ArticleDate, DateSource, FurnitureKind, TitleSource};
use crate::extract::dates::DateMention;
use crate::extract::entities::{EntityKind, EntityTable};

/// Related reports an article view lists.
pub const RELATED_LISTED: usize = 10;

/// One article, as a screen or a script shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    pub path: String,
    pub title: String,
    pub title_source: TitleSource,
    pub date: Option<ArticleDate>,
    pub date_source: DateSource,
    /// For an inferred date, the text it was read from.
    pub date_evidence: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// The article's web address (a record's `url`, or one the page gives).
    pub url: Option<String>,
    pub dateline: Option<String>,
    pub words: usize,
    pub body: String,
    /// Removed furniture, by kind.
    pub furniture: BTreeMap<FurnitureKind, Vec<String>>,
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Most mentioned here first; `None` (serialised as `[]`) while the names
    /// are still being found.
    #[serde(serialize_with = "entities_or_empty")]
    pub entities: Option<Vec<EntityView>>,
    /// Dates the body mentions, in text order.
    pub dates: Vec<DateMention>,
    /// Best first; `None` (serialised as `[]`) while the index is built.
    #[serde(serialize_with = "related_or_empty")]
    pub related: Option<Vec<RelatedView>>,
    /// Direct quotes and reported speech with their speakers; `None`
    /// (serialised as `[]`) while the names are still being found.
    #[serde(serialize_with = "quotes_or_empty")]
    pub quotes: Option<Vec<super::story::QuoteRow>>,
    /// The id of the first article of this one's group of copies and rewrites.
    pub duplicate_group: Option<String>,
    pub duplicate_kind: Option<DuplicateKind>,
    /// How many reports the group holds.
    #[serde(skip)]
    pub duplicate_members: usize,
}

fn entities_or_empty<S: serde::Serializer>(
    v: &Option<Vec<EntityView>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    v.as_deref().unwrap_or_default().serialize(s)
}

fn quotes_or_empty<S: serde::Serializer>(
    v: &Option<Vec<super::story::QuoteRow>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    v.as_deref().unwrap_or_default().serialize(s)
}

fn related_or_empty<S: serde::Serializer>(
    v: &Option<Vec<RelatedView>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    v.as_deref().unwrap_or_default().serialize(s)
}

/// A name the article mentions.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// Index into the entity table.
    #[serde(skip)]
    pub entity: usize,
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionView>,
    /// Other articles that mention it.
    #[serde(skip)]
    pub others: usize,
}

/// A mention's place in the clean body.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A related report.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    pub path: String,
    pub title: String,
    pub score: f32,
    pub reasons: Vec<String>,
}

impl RelatedView {
    /// The reasons as one line.
    pub fn reason_line(&self) -> String {
        self.reasons.join("; ")
    }
}

/// One line of a date list: the same expression for the same date once,
/// with how many times it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRow {
    /// `2025-04-11`, `2025-04`, `2025-04-07…` or `?`.
    pub value: String,
    pub text: String,
    pub times: usize,
}

impl ArticleView {
    /// Builds the view of `articles[index]`; names and related reports are
    /// left out (`None`) when their tables are not ready.
    pub fn build(
        articles: &[Article],
        index: usize,
        body: &str,
        dates: Vec<DateMention>,
        entities: Option<&EntityTable>,
        related: Option<&RelatedIndex>,
        body_of: &ReadBody<'_>,
    ) -> ArticleView {
        let a = &articles[index];
        let mut furniture: BTreeMap<FurnitureKind, Vec<String>> = BTreeMap::new();
        for f in a.body.furniture().iter() {
            furniture.entry(f.kind).or_default().push(f.text.clone());
        }
        let entities = entities.map(|table| {
            table
                .article_entities(index)
                .into_iter()
                .map(|(e, mentions)| {
                    let entity = &table.entities[e];
                    EntityView {
                        entity: e,
                        id: entity.id.clone(),
                        kind: entity.kind,
                        name: entity.name.clone(),
                        aliases: entity.aliases.clone(),
                        mentions: mentions
                            .into_iter()
                            .map(|m| MentionView {
                                start: m.span().start,
                                end: m.span().end,
                                // The body's own text at the offsets.
                                text: body.get(m.span()).unwrap_or_default().to_string(),
                            })
                            .collect(),
                        others: entity.articles.len().saturating_sub(1),
                    }
                })
                .collect()
        });
        let group = related.and_then(|r| r.duplicate_group(index));
        let duplicate_members = match (related, group) {
            (Some(r), Some(g)) => r
                .groups()
                .iter()
                .find(|x| x.id == g.id)
                .map_or(1, |x| x.members.len()),
            _ => 0,
        };
        let related_views = related.map(|r| {
            r.related(index, RELATED_LISTED, body_of)
                .into_iter()
                .map(|rr| {
                    let other = &articles[rr.doc];
                    RelatedView {
                        index: rr.doc,
                        id: other.id.clone(),
                        path: other.path.to_string(),
                        title: other.whole_title().into_owned(),
                        score: (rr.score * 1000.0).round() / 1000.0,
                        reasons: rr.reasons,
                    }
                })
                .collect()
        });
        ArticleView {
            index,
            id: a.id.clone(),
            path: a.path.to_string(),
            title: match a.title_source {
                TitleSource::Derived => crate::corpus::plain::whole_derived_title(body),
                _ => a.title.clone(),
            },
            title_source: a.title_source,
            date: a.date,
            date_source: a.date_source,
            date_evidence: a.date_evidence.clone(),
            author: a.author.clone(),
            source: a.source.clone(),
            url: a.url().map(str::to_string),
            dateline: a.dateline.clone(),
            words: crate::corpus::word_count(body),
            body: body.to_string(),
            furniture,
            metadata: a.metadata.clone(),
            entities,
            dates,
            related: related_views,
            quotes: None,
            duplicate_group: group.map(|g| articles[g.id].id.clone()),
            duplicate_kind: group.map(|g| g.kind),
            duplicate_members,
        }
    }

    /// "one of 3 identical copies of a story", when it has a group.
    pub fn duplicate_line(&self) -> Option<String> {
        let kind = self.duplicate_kind?;
        let kind = match kind {
            DuplicateKind::Identical => "identical copies",
            DuplicateKind::Rewrite => "rewrites",
        };
        Some(format!(
            "one of {} {kind} of a story",
            self.duplicate_members.max(2)
        ))
    }

    /// The dates the body mentions in date order (those without a value
    /// last, in text order), the same expression for the same date once.
    pub fn date_rows(&self) -> Vec<DateRow> {
        let mut dates: Vec<&DateMention> = self.dates.iter().collect();
        dates.sort_by_key(|d| (d.value.is_none(), d.value.map(|v| v.first), d.start));
        let mut rows: Vec<DateRow> = Vec::new();
        for d in dates {
            let value = match d.value {
                Some(v) if v.first == v.last => v.first.format("%Y-%m-%d").to_string(),
                Some(v) if v.part.is_some() => v.date.to_string(),
                // A whole month or year.
                Some(v) if v.first == v.date.start && v.last == v.date.end() => v.date.to_string(),
                Some(v) => format!("{}…", v.first.format("%Y-%m-%d")),
                None => "?".to_string(),
            };
            match rows
                .iter_mut()
                .find(|r| r.value == value && r.text.eq_ignore_ascii_case(&d.text))
            {
                Some(row) => row.times += 1,
                None => rows.push(DateRow {
                    value,
                    text: d.text.clone(),
                    times: 1,
                }),
            }
        }
        rows
    }
}
