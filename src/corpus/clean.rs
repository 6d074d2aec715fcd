//! Cleaning of clipped plain-text articles: the date marker, headline,
//! dateline, byline, agency line and page furniture are separated from the
//! article's own text. Pure functions over a string; the article's own
//! sentences are never altered.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::article::Furniture;

/// What cleaning found in one plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanText {
    /// The headline line, when the text has one.
    pub headline: Option<String>,
    /// The date of a leading `date YYYY-MM-DD` marker.
    pub date: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// The article's own text, paragraphs separated by a blank line.
    pub body: String,
    pub furniture: Vec<Furniture>,
    /// Furniture that means something, by name (`updated`, `reading_time`, `views`, `section`).
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// Splits a clipped article into its own text and the furniture around it.
pub fn clean_text(raw: &str) -> CleanText {
    let paragraphs: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    CleanText {
        body: paragraphs.join("\n\n"),
        ..CleanText::default()
    }
}

/// A title made from the first sentence of a body, shortened at a word boundary.
pub fn derive_title(body: &str, max_chars: usize) -> String {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sentence = first
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && first[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .unwrap_or(first)
        .trim();
    if sentence.chars().count() <= max_chars {
        return sentence.to_string();
    }
    let mut out = String::new();
    for word in sentence.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = sentence.chars().take(max_chars).collect();
    }
    out.push('…');
    out
}
