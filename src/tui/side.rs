//! The side panel's content for one article: its details, the people,
//! places and organisations it mentions (with mentions here and the number
//! of other articles that mention them), the dates it mentions in date
//! order, related reports, and the furniture removed from the page. Rows
//! that lead somewhere (an entity, a related report) can be selected.

use crate::extract::entities::{EntityKind, KINDS};
use crate::index::view::ArticleView;
use crate::text::sanitize;

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

    /// The columns the row needs to show whole (as the side panel draws it).
    pub fn width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        match self {
            SideRow::Heading(h) | SideRow::Note(h) => h.width(),
            SideRow::Field { label, value } => label.width() + 2 + value.width(),
            SideRow::Entity {
                name, here, others, ..
            } => {
                let counts = if *others > 0 {
                    format!(" {here}× +{others}")
                } else {
                    format!(" {here}×")
                };
                2 + name.width() + counts.width()
            }
            SideRow::Date { text, .. } => 12 + text.width(),
            SideRow::Related { title, .. } => 1 + title.width(),
            SideRow::Blank => 0,
        }
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

/// The panel for one article's view. Names and related reports appear once
/// the library has built them (they may still be building in the
/// background).
pub fn side_rows(view: &ArticleView) -> Vec<SideRow> {
    let mut rows = details(view);
    match &view.entities {
        Some(entities) => {
            for kind in KINDS {
                let of_kind: Vec<_> = entities.iter().filter(|e| e.kind == kind).collect();
                if of_kind.is_empty() {
                    continue;
                }
                rows.push(SideRow::Blank);
                rows.push(SideRow::Heading(format!(
                    "{} ({})",
                    heading(kind),
                    of_kind.len()
                )));
                for e in of_kind {
                    rows.push(SideRow::Entity {
                        entity: e.entity,
                        name: sanitize(&e.name).into_owned(),
                        here: e.mentions.len(),
                        others: e.others,
                    });
                }
            }
        }
        None => {
            rows.push(SideRow::Blank);
            rows.push(SideRow::Note("finding names…".into()));
        }
    }

    if !view.dates.is_empty() {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Dates ({})", view.dates.len())));
        for d in view.date_rows() {
            let text = sanitize(&d.text);
            let text = if d.times > 1 {
                format!("{text} ({}×)", d.times)
            } else {
                text.into_owned()
            };
            rows.push(SideRow::Date {
                value: d.value,
                text,
            });
        }
    }

    if let Some(related) = &view.related {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Related ({})", related.len())));
        if let Some(line) = view.duplicate_line() {
            rows.push(SideRow::Note(line));
        }
        for r in related {
            let reason = sanitize(&r.reason_line()).into_owned();
            rows.push(SideRow::Related {
                article: r.index,
                title: sanitize(&r.title).into_owned(),
                reason: reason.clone(),
            });
            // Why it is related, under the title; the status bar shows the
            // whole line when the report is selected.
            if !reason.is_empty() {
                rows.push(SideRow::Note(format!("   {reason}")));
            }
        }
    }

    if let Some(quotes) = view.quotes.as_ref().filter(|q| !q.is_empty()) {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading(format!("Quotes ({})", quotes.len())));
        for q in quotes {
            rows.push(SideRow::Note(quote_line(q)));
        }
    }

    if !view.furniture.is_empty() {
        rows.push(SideRow::Blank);
        rows.push(SideRow::Heading("Removed from the page".into()));
        for (kind, texts) in &view.furniture {
            for text in texts {
                rows.push(SideRow::Note(format!(
                    "[{}] {}",
                    kind.name(),
                    sanitize(text)
                )));
            }
        }
    }
    rows
}

/// `Speaker: “what was said”`, with `~` before a speaker inferred from a
/// pronoun and reported speech without quote marks.
fn quote_line(q: &crate::index::story::QuoteRow) -> String {
    let who = q.speaker.as_deref().unwrap_or("?");
    let mark = if q.inferred { "~" } else { "" };
    let text = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = match q.kind {
        crate::extract::quotes::QuoteKind::Direct => format!("“{text}”"),
        crate::extract::quotes::QuoteKind::Reported => text,
    };
    sanitize(&format!("{mark}{who}: {text}")).into_owned()
}

fn details(a: &ArticleView) -> Vec<SideRow> {
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
    field("Words", &a.words.to_string());
    field("Path", &a.path);
    rows
}
