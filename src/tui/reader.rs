//! What the reading view and the side panel show for one article, as plain
//! lines: the wrapped article with its header, and the metadata panel.
//! Everything from the article is sanitised here.

use crate::corpus::Article;
use crate::text::sanitize;

use super::wrap::wrap;

/// One line of the reading view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLine {
    Title(String),
    Meta(String),
    Body(String),
    Blank,
}

/// The selected article wrapped to the reading view's width.
#[derive(Debug, Clone)]
pub struct ReaderView {
    article: usize,
    width: usize,
    pub lines: Vec<ReaderLine>,
}

impl ReaderView {
    pub fn new(a: &Article, article: usize, width: usize) -> ReaderView {
        let w = width.max(1);
        let mut lines = Vec::new();
        let title = if a.title.is_empty() {
            "(untitled)"
        } else {
            &a.title
        };
        lines.extend(wrap(&sanitize(title), w).into_iter().map(ReaderLine::Title));
        let mut meta: Vec<String> = Vec::new();
        if let Some(d) = a.date {
            meta.push(d.to_string());
        }
        if let Some(author) = &a.author {
            meta.push(format!("by {author}"));
        }
        if let Some(source) = &a.source {
            meta.push(source.clone());
        }
        if let Some(dateline) = &a.dateline {
            meta.push(dateline.clone());
        }
        if !meta.is_empty() {
            let joined = sanitize(&meta.join(" · ")).into_owned();
            lines.extend(wrap(&joined, w).into_iter().map(ReaderLine::Meta));
        }
        for paragraph in a.paragraphs() {
            lines.push(ReaderLine::Blank);
            lines.extend(
                wrap(&sanitize(paragraph), w)
                    .into_iter()
                    .map(ReaderLine::Body),
            );
        }
        ReaderView {
            article,
            width,
            lines,
        }
    }

    pub fn is_for(&self, article: usize, width: usize) -> bool {
        self.article == article && self.width == width
    }
}

/// The side panel's rows: `(label, value)`; a label alone is a heading, a
/// value alone is an item.
pub fn side_lines(a: &Article) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    fn push(rows: &mut Vec<(String, String)>, label: &str, value: String) {
        rows.push((label.to_string(), sanitize(&value).into_owned()));
    }
    match a.date {
        Some(d) => push(&mut rows, "Date", format!("{d} ({})", a.date_source.name())),
        None => push(&mut rows, "Date", "undated".into()),
    }
    for evidence in &a.date_evidence {
        push(&mut rows, "", format!("  from “{evidence}”"));
    }
    if let Some(v) = &a.dateline {
        push(&mut rows, "Dateline", v.clone());
    }
    if let Some(v) = &a.author {
        push(&mut rows, "Author", v.clone());
    }
    if let Some(v) = &a.source {
        push(&mut rows, "Source", v.clone());
    }
    push(&mut rows, "Words", a.word_count().to_string());
    push(&mut rows, "Path", a.path.clone());
    if !a.furniture.is_empty() {
        push(&mut rows, "", String::new());
        push(&mut rows, "Removed from the page", String::new());
        for f in &a.furniture {
            rows.push((
                String::new(),
                format!("[{}] {}", f.kind.name(), sanitize(&f.text)),
            ));
        }
    }
    rows
}
