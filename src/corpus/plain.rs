//! Plain-text articles (`.txt`, `.md`, no extension): cleaning the clipped
//! page into an `Article`.

use std::collections::BTreeMap;

use super::article::{Article, ArticleDate, DateSource, TitleSource};
use super::body::Body;
use super::clean::{clean_text, derive_title};
use crate::text::strip_controls;

/// Longest title made from a first sentence, in characters.
pub const DERIVED_TITLE_CHARS: usize = 90;

/// A title made from the body's first sentence, or none for an empty body.
pub fn derived_title(body: &str) -> (String, TitleSource) {
    if body.trim().is_empty() {
        (String::new(), TitleSource::None)
    } else {
        // A title is one line: tabs and breaks inside the first sentence
        // become single spaces.
        let title = derive_title(body, DERIVED_TITLE_CHARS);
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        (title, TitleSource::Derived)
    }
}

/// A derived title as the first sentence has it, not shortened: what JSON
/// gives, while screens show the shortened `Article::title`.
pub fn whole_derived_title(body: &str) -> String {
    derive_title(body, usize::MAX)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Turns a clipped plain-text page into an article.
pub fn parse_text(id: &str, path: &str, raw: &str) -> Article {
    let raw = strip_controls(raw);
    let clean = clean_text(&raw);
    let (title, title_source) = match clean.headline {
        Some(h) => (h, TitleSource::Headline),
        None => derived_title(&clean.body),
    };
    let (date, date_source) = match clean.date {
        Some(d) => (Some(ArticleDate::day(d)), DateSource::Header),
        None => (None, DateSource::None),
    };
    let mut metadata: BTreeMap<String, serde_json::Value> = clean.metadata;
    if let Some(url) = super::links::page_url(&raw, &title) {
        metadata.insert("url".into(), url.into());
    }
    Article {
        id: id.to_string(),
        path: path.into(),
        title,
        title_source,
        date,
        date_source,
        date_evidence: Vec::new(),
        author: clean.author,
        source: clean.source,
        dateline: clean.dateline,
        body: Body::new(clean.body, clean.furniture),
        metadata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles_are_one_line() {
        let (title, source) = derived_title("\u{feff}\tTalks\t resume in Geneva. More later.");
        assert_eq!(source, TitleSource::Derived);
        assert!(!title.contains(['\t', '\n']), "{title:?}");
        assert!(title.ends_with("Talks resume in Geneva."), "{title:?}");
    }
}
