//! JSON and JSON Lines articles: one object, an array of objects, an object
//! wrapping such an array (`{"articles": [...]}`), or one object a line.
//! Fields are mapped the way real exports name them; unknown fields are kept
//! as metadata.

use super::problem::FileError;
use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::article::{Article, DateSource, TitleSource};
use super::load::Parsed;
use super::plain::derived_title;
use crate::extract::dates::parse_date_value;
use crate::text::{quote, strip_controls};

const TITLE: &[&str] = &["title", "headline", "heading"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "articleBody",
    "article_body",
    "full_text",
    "story",
    "article",
];
/// Used only when none of `BODY` is present: a summary is better than nothing.
const SUMMARY: &[&str] = &["description", "summary", "abstract", "lead"];
const DATE: &[&str] = &[
    "date",
    "published",
    "pubDate",
    "pub_date",
    "published_at",
    "publishedAt",
    "datePublished",
    "date_published",
    "publication_date",
    "created_at",
    "timestamp",
];
const AUTHOR: &[&str] = &["author", "byline", "authors", "creator", "by"];
const SOURCE: &[&str] = &["source", "publisher", "site_name", "outlet", "agency"];
const URL: &[&str] = &["url", "link", "href", "web_url"];
const ID: &[&str] = &["id", "_id", "uuid", "guid", "doc_id"];
const DATELINE: &[&str] = &["dateline"];
/// Keys under which exports wrap their list of articles.
const WRAPPERS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "docs",
    "documents",
    "records",
];

/// Parses a `.json` file.
pub fn parse_json(stem: &str, path: &str, text: &str) -> Result<Parsed, FileError> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return match records_one_by_one(text) {
                Some(records) => Ok(records_to_articles(stem, path, records.into_iter())),
                None => Err(FileError::InvalidJson(e.to_string())),
            };
        }
    };
    let records: Vec<Value> = match value {
        Value::Array(items) => items,
        Value::Object(mut obj) => {
            let wrapped = WRAPPERS
                .iter()
                .find(|k| !has_any(&obj, BODY) && matches!(obj.get(**k), Some(Value::Array(_))));
            match wrapped.and_then(|k| obj.remove(*k)) {
                Some(Value::Array(items)) => items,
                _ => vec![Value::Object(obj)],
            }
        }
        _ => return Err(FileError::NotArticles),
    };
    Ok(records_to_articles(
        stem,
        path,
        records.into_iter().enumerate().map(|(i, v)| (i + 1, Ok(v))),
    ))
}

/// Parses a `.jsonl` / `.ndjson` file: one object a line; blank lines skipped.
pub fn parse_json_lines(stem: &str, path: &str, text: &str) -> Result<Parsed, FileError> {
    let records = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let value = serde_json::from_str::<Value>(l)
                .map_err(|e| format!("line {}: invalid JSON: {e}", n + 1));
            (n + 1, value)
        });
    let parsed = records_to_articles(stem, path, records);
    // Nothing loaded: the first reason says what kind of file this is,
    // and a count stands for the rest.
    if let [first, rest @ ..] = parsed.warnings.as_slice()
        && parsed.articles.is_empty()
    {
        return Err(FileError::NoRecords {
            first: first.clone(),
            more: rest.len(),
        });
    }
    Ok(parsed)
}

/// A file whose structure is sound but where a value cannot be read (a
/// number out of range such as `1e400`, a lone surrogate such as `\ud800`)
/// is read record by record, so that the bad value costs its record only.
/// None when the structure itself is broken, or the bad value is not inside
/// a record of a list.
fn records_one_by_one(text: &str) -> Option<Vec<(usize, Result<Value, String>)>> {
    let items: Vec<&RawValue> = match serde_json::from_str::<Vec<&RawValue>>(text) {
        Ok(items) => items,
        Err(_) => {
            let obj: BTreeMap<String, &RawValue> = serde_json::from_str(text).ok()?;
            if BODY.iter().any(|k| obj.contains_key(*k)) {
                return None;
            }
            let list = WRAPPERS.iter().find_map(|k| obj.get(*k))?;
            serde_json::from_str(list.get()).ok()?
        }
    };
    let records = items
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let value = serde_json::from_str::<Value>(raw.get()).map_err(|e| {
                let line = line_of(text, raw.get());
                format!(
                    "record {} (line {line}): {}; skipped",
                    i + 1,
                    without_position(&e)
                )
            });
            (i + 1, value)
        })
        .collect();
    Some(records)
}

/// The line of `text` where `part`, a slice of it, starts.
fn line_of(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// serde_json's message without its position, which would count from the
/// start of the record rather than the file.
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

fn has_any(obj: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter().any(|k| obj.contains_key(*k))
}

fn records_to_articles(
    stem: &str,
    path: &str,
    records: impl Iterator<Item = (usize, Result<Value, String>)>,
) -> Parsed {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    let mut empty = 0usize;
    for (n, record) in records {
        let obj = match record {
            Ok(Value::Object(obj)) => obj,
            Ok(_) => {
                warnings.push(format!("record {n} is not an object"));
                continue;
            }
            Err(e) => {
                warnings.push(e);
                continue;
            }
        };
        match record_to_article(stem, path, n, obj, &mut warnings) {
            Some(a) => articles.push(a),
            None => empty += 1,
        }
    }
    if empty > 0 {
        warnings.push(format!(
            "{empty} record(s) with neither title nor text skipped"
        ));
    }
    Parsed {
        articles: articles.into(),
        warnings,
    }
}

/// A field's value as text: strings as they are, numbers printed, arrays of
/// strings joined, objects by their `name`.
fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(as_text)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) => o.get("name").and_then(as_text)?,
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn take(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<(String, Value)> {
    for k in keys {
        if let Some(v) = obj.remove(*k) {
            if as_text(&v).is_some() {
                return Some((k.to_string(), v));
            }
            // An empty field is not a value, but it is still part of the record.
            obj.insert(k.to_string(), v);
        }
    }
    None
}

fn take_text(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    take(obj, keys).and_then(|(_, v)| as_text(&v))
}

fn record_to_article(
    stem: &str,
    path: &str,
    n: usize,
    mut obj: Map<String, Value>,
    warnings: &mut Vec<String>,
) -> Option<Article> {
    let title = take_text(&mut obj, TITLE).map(|t| one_line(&decode_text(&t)));
    let body = take_text(&mut obj, BODY)
        .or_else(|| take_text(&mut obj, SUMMARY))
        .map(|b| reflow(&decode_text(&b)))
        .unwrap_or_default();
    if title.is_none() && body.is_empty() {
        return None;
    }
    let id = take_text(&mut obj, ID).unwrap_or_else(|| format!("{stem}#{n}"));
    let (date, date_source) = match take(&mut obj, DATE) {
        Some((key, v)) => {
            let raw = as_text(&v).unwrap_or_default();
            match parse_date_value(&raw) {
                Some(d) => (Some(d), DateSource::Field),
                None => {
                    warnings.push(format!(
                        "record {n} ({}): {key} {} is not a date",
                        quote(&id),
                        quote(&raw)
                    ));
                    obj.insert(key, v);
                    (None, DateSource::None)
                }
            }
        }
        None => (None, DateSource::None),
    };
    let author = take_text(&mut obj, AUTHOR).map(|s| one_line(&decode_text(&s)));
    let source = take_text(&mut obj, SOURCE).map(|s| one_line(&decode_text(&s)));
    let dateline = take_text(&mut obj, DATELINE).map(|s| one_line(&decode_text(&s)));
    let mut metadata: BTreeMap<String, Value> = BTreeMap::new();
    if let Some((_, url)) = take(&mut obj, URL) {
        metadata.insert("url".into(), url);
    }
    metadata.extend(obj);
    let (title, title_source) = match title {
        Some(t) => (t, TitleSource::Field),
        None => derived_title(&body),
    };
    Some(Article {
        id,
        path: path.into(),
        title,
        title_source,
        date,
        date_source,
        date_evidence: Vec::new(),
        author,
        source,
        dateline: dateline.filter(|d| !d.is_empty()),
        body: body.into(),
        metadata,
    })
}

/// A field shown on one line (title, author, source, dateline): every run
/// of whitespace, line breaks and tabs included, becomes one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Exports often keep HTML entities (`&lt;`, `&#5;`); decode them, then drop
/// the control characters some of them name.
fn decode_text(s: &str) -> String {
    let numeric = decode_numeric_entities(s);
    let decoded = html_escape::decode_html_entities(&numeric);
    strip_controls(&decoded).into_owned()
}

/// `&#5;` and `&#x41;` → the character they name (control characters
/// included, so that they can be stripped afterwards).
fn decode_numeric_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let (digits, radix) = match tail.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (tail, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let decoded = (len > 0 && digits[len..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..len], radix).ok())
            .flatten()
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &digits[len + 1..];
            }
            None => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rebuilds paragraphs from hard-wrapped text: blank lines separate
/// paragraphs when there are any; otherwise an indented line starts one;
/// otherwise every line is a paragraph. Lines inside a paragraph are joined
/// with a space, so wrapped sentences read as one.
pub fn reflow(text: &str) -> String {
    let text = text.trim_end().trim_start_matches('\n');
    let lines: Vec<&str> = text.lines().collect();
    let has_blank = lines.iter().any(|l| l.trim().is_empty());
    let indented = lines
        .iter()
        .skip(1)
        .any(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty());
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in &lines {
        let starts_new = if has_blank {
            line.trim().is_empty()
        } else if indented {
            line.starts_with([' ', '\t'])
        } else {
            true
        };
        if starts_new && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        let t = line.trim();
        if !t.is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_the_way_exports_name_them() {
        let text = r#"[
          {"headline": "Talks resume", "content": "Envoys met again.", "pubDate": "2025-04-11",
           "byline": "Jane Doe", "publisher": {"name": "Example Wire"}, "link": "https://example.com/a",
           "section": "world"},
          {"title": "Second", "text": "More text.", "id": 77}
        ]"#;
        let parsed = parse_json("feed", "feed.json", text).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let a = &parsed.articles[0];
        assert_eq!(a.id, "feed#1");
        assert_eq!(a.title, "Talks resume");
        assert_eq!(a.title_source, TitleSource::Field);
        assert_eq!(a.body, "Envoys met again.");
        assert_eq!(a.date.unwrap().to_string(), "2025-04-11");
        assert_eq!(a.date_source, DateSource::Field);
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.metadata["url"], "https://example.com/a");
        assert_eq!(a.metadata["section"], "world");
        assert_eq!(parsed.articles[1].id, "77");
    }

    #[test]
    fn wrapped_lists_and_single_objects_load() {
        let wrapped = r#"{"status": "ok", "articles": [{"title": "A", "body": "x"}, {"title": "B", "body": "y"}]}"#;
        assert_eq!(
            parse_json("w", "w.json", wrapped).unwrap().articles.len(),
            2
        );
        let single = r#"{"title": "Only", "body": "z", "articles": 3}"#;
        let parsed = parse_json("s", "s.json", single).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].id, "s#1");
    }

    #[test]
    fn json_lines_skip_bad_lines_with_a_warning() {
        let text = "{\"title\": \"A\", \"body\": \"one\"}\n\nnot json\n{\"title\": \"B\", \"body\": \"two\"}\n";
        let parsed = parse_json_lines("l", "l.jsonl", text).unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].id, "l#4");
        assert!(parsed.warnings[0].starts_with("line 3: invalid JSON"));
        assert!(parse_json_lines("l", "l.jsonl", "garbage\n").is_err());
        let Err(err) = parse_json_lines("l", "l.jsonl", &"<p>page</p>\n".repeat(500)) else {
            panic!("an HTML page is not JSON Lines");
        };
        let line = err.to_string();
        assert!(
            matches!(err, FileError::NoRecords { more: 499, .. })
                && line.starts_with("line 1: invalid JSON")
                && line.ends_with("; and 499 more"),
            "{line}"
        );
    }

    #[test]
    fn entities_and_controls_are_decoded_and_wrapped_text_reflowed() {
        let text = r#"[{"title": "AT&amp;T &lt;T&gt; UP", "body": "Shares rose\nsharply on Monday.\n    A second\nparagraph.\n Reuter\n&#3;"}]"#;
        let a = &parse_json("r", "r.json", text).unwrap().articles[0];
        assert_eq!(a.title, "AT&T <T> UP");
        assert_eq!(
            a.body,
            "Shares rose sharply on Monday.\n\nA second paragraph.\n\nReuter"
        );
    }

    #[test]
    fn records_without_text_or_with_bad_dates_warn() {
        let text = r#"[{"date": "2025-01-01"}, {"title": "T", "body": "b", "date": "someday"}, 5]"#;
        let parsed = parse_json("x", "x.json", text).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert!(parsed.articles[0].date.is_none());
        assert_eq!(parsed.articles[0].metadata["date"], "someday");
        let all = parsed.warnings.join("|");
        assert!(all.contains("\"someday\" is not a date"), "{all}");
        assert!(all.contains("record 3 is not an object"), "{all}");
        assert!(
            all.contains("1 record(s) with neither title nor text"),
            "{all}"
        );
    }

    #[test]
    fn one_bad_value_costs_its_record_only() {
        let text = "[{\"title\": \"A\", \"body\": \"one\"},\n {\"title\": \"B\", \"body\": \"two\", \"score\": 1e400},\n {\"title\": \"C\\ud800\", \"body\": \"three\"},\n {\"title\": \"D\", \"body\": \"four\"}]";
        let parsed = parse_json("f", "f.json", text).unwrap();
        let titles: Vec<_> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["A", "D"]);
        assert_eq!(parsed.articles[1].id, "f#4", "records keep their numbers");
        assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
        assert!(parsed.warnings[0].starts_with("record 2 (line 2): number out of range"));
        assert!(parsed.warnings[1].starts_with("record 3 (line 3):"));
        let wrapped = "{\"items\": [{\"title\": \"A\", \"n\": -1e999}, {\"title\": \"B\"}]}";
        let parsed = parse_json("w", "w.json", wrapped).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].title, "B");
        // Broken structure is still an error for the whole file.
        assert!(parse_json("b", "b.json", "[{\"title\": 1e400").is_err());
        assert!(parse_json("s", "s.json", "{\"title\": \"x\", \"n\": 1e400}").is_err());
    }

    #[test]
    fn one_line_fields_lose_tabs_and_breaks() {
        let text = "[{\"title\": \"Talks\\tresume\\r\\n in  Geneva\", \"author\": \"Jane\\u000bDoe\", \"body\": \"b\"}]";
        let a = &parse_json("t", "t.json", text).unwrap().articles[0];
        assert_eq!(a.title, "Talks resume in Geneva");
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn bad_dates_are_quoted_short_and_safe() {
        let long = format!("\\u001b]0;{}", "z".repeat(300));
        let text = format!("[{{\"title\": \"T\", \"date\": \"{long}\"}}]");
        let parsed = parse_json("q", "q.json", &text).unwrap();
        let w = &parsed.warnings[0];
        assert!(w.len() < 120 && !w.contains('\u{1b}'), "{w}");
    }

    #[test]
    fn reflow_keeps_blank_line_paragraphs() {
        assert_eq!(reflow("One\nline.\n\nTwo."), "One line.\n\nTwo.");
        assert_eq!(
            reflow("First para.\nSecond para."),
            "First para.\n\nSecond para."
        );
    }

    #[test]
    fn derived_title_when_record_has_none() {
        let text = r#"{"body": "Markets fell on Monday as investors worried. More later."}"#;
        let a = &parse_json("d", "d.json", text).unwrap().articles[0];
        assert_eq!(a.title_source, TitleSource::Derived);
        assert_eq!(a.title, "Markets fell on Monday as investors worried.");
    }
}
