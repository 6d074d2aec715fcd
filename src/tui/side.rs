//! The side panel's content for one article: its details, the people,
//! places and organisations it mentions (with mentions here and the number
//! of other articles that mention them), the dates it mentions in date
//! order, related reports, and the furniture removed from the page. Rows
//! that lead somewhere (an entity, a related report) can be selected.

use crate::corpus::Article;
use crate::extract::entities::{EntityKind, KINDS};
use crate::library::Library;
use crate::text::sanitize;

/// Related reports listed in the panel.
pub const RELATED_SHOWN: usize = 8;

/// One row of the side panel.
#[derive(Debug, Clone, PartialEq)]
pub enum SideRow {
    Heading(String),
    Field {
        label: &'static str,
        value: String,
    },
    /// An entity of the article: `here` mentions in it, `others` other articles.
    Entity {
        entity: usize,
        name: String,
        here: usize,
        others: usize,
    },
    Date {
        value: String,
        text: String,
    },
    Related {
        article: usize,
        title: String,
        reason: String,
    },
    Note(String),
    Blank,
}

impl SideRow {
    pub fn selectable(&self) -> bool {
        matches!(self, SideRow::Entity { .. } | SideRow::Related { .. })
    }
}

fn heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Place => "Places",
        EntityKind::Org => "Organisations",
        EntityKind::Misc => "Other names",
    }
}

/// The panel for `article`. Entities and related reports appear once the
/// library has built them (they may still be building in the background).
pub fn side_rows(lib: &Library, article: usize) -> Vec<SideRow> {
    let a = &lib.articles()[article];
    let mut rows = details(a);
    match lib.entities_if_ready() {
        Some(table) => {
            let grouped = table.article_entities(article);
            for kind in KINDS {
                let of_kind: Vec<_> = grouped
                    .iter()
                    .filter(|(e, _)| table.entities[*e].kind == kind)
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                rows.push(SideRow::Blank);
                rows.push(SideRow::Heading(format!(
                    "{} ({})",
                    heading(kind),
                    of_kind.len()
                )));
                for (e, mentions) in of_kind {
                    let entity = &table.entities[*e];
                    rows.push(SideRow::Entity {
                        entity: *e,
                        name: sanitize(&entity.name).into_owned(),
                        here: mentions.len(),
                        others: entity.articles.len().saturating_sub(1),
                    });
                }
            }
        }
        None => {
            rows.push(SideRow::Blank);
            rows.push(SideRow::Note("finding names…".into()));
        }
    }

    let mut dates: Vec<_> = lib.date_mentions(article);
    if !dates.is_empty() {
        // Date order; expressions without a value last, in text order.
        dates.sort_by_key(|d| (d.value.is_none(), d.value.map(|v| v.first), d.start));
        // The same expression for the same date ("today" five times) is one
        // row with a count.
        let mut shown: Vec<(String, String, usize)> = Vec::new();
        for d in &dates {
            let value = match d.value {
                Some(v) if v.first == v.last => v.first.format("%Y-%m-%d").to_string(),
                Some(v) if v.part.is_some() => v.date.to_string(),
                // A whole month or year.
                Some(v) if v.first == v.date.start && v.last == v.date.end() => v.date.to_string(),
                Some(v) => format!("{}…", v.first.format("%Y-%m-%d")),
                None => "?".to_string(),
            };
            let text = sanitize(&d.text).into_owned();
            match shown
                .iter_mut()
                .find(|(v, t, _)| *v == value && t.eq_ignore_ascii_case(&text))
            {
                Some(row) => row.2 += 1,
                None => shown.push((value, text, 1)),
            }
        }
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Dates ({})", dates.len())));
        for (value, text, times) in shown {
            let text = if times > 1 {
                format!("{text} ({times}×)")
            } else {
                text
            };
            rows.push(SideRow::Date { value, text });
        }
    }

    if let Some(related) = lib.related_if_ready() {
        let list = related.related(article, RELATED_SHOWN);
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Related ({})", list.len())));
        if let Some(group) = related.duplicate_group(article) {
            let members = related
                .groups()
                .iter()
                .find(|g| g.id == group.id)
                .map_or(1, |g| g.members.len());
            let kind = match group.kind {
                crate::index::related::DuplicateKind::Identical => "identical copies",
                crate::index::related::DuplicateKind::Rewrite => "rewrites",
            };
            rows.push(SideRow::Note(format!("one of {members} {kind} of a story")));
        }
        for r in list {
            let reason = sanitize(&r.reason_line()).into_owned();
            rows.push(SideRow::Related {
                article: r.doc,
                title: sanitize(&lib.articles()[r.doc].title).into_owned(),
                reason: reason.clone(),
            });
            // Why it is related, under the title; the status bar shows the
            // whole line when the report is selected.
            if !reason.is_empty() {
                rows.push(SideRow::Note(format!("   {reason}")));
            }
        }
    }

    if !a.furniture.is_empty() {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading("Removed from the page".into()));
        for f in &a.furniture {
            rows.push(SideRow::Note(format!(
                "[{}] {}",
                f.kind.name(),
                sanitize(&f.text)
            )));
        }
    }
    rows
}

fn details(a: &Article) -> Vec<SideRow> {
    let mut rows = vec![SideRow::Heading("Details".into())];
    let mut field = |label: &'static str, value: &str| {
        rows.push(SideRow::Field {
            label,
            value: sanitize(value).into_owned(),
        })
    };
    match a.date {
        Some(d) => field("Date", &format!("{d} ({})", a.date_source.name())),
        None => field("Date", "undated"),
    }
    for evidence in &a.date_evidence {
        field("  from", evidence);
    }
    if let Some(v) = &a.dateline {
        field("Dateline", v);
    }
    if let Some(v) = &a.author {
        field("Author", v);
    }
    if let Some(v) = &a.source {
        field("Source", v);
    }
    field("Words", &a.word_count().to_string());
    field("Path", &a.path);
    rows
}
