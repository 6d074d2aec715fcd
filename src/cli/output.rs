//! The CLI's output shapes: the JSON schema of `list`, `show` and `export`
//! (documented in the README) and their human-readable text. Text from
//! articles is sanitised before it is written, so no control sequence from a
//! file reaches the terminal; JSON escapes it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::{
    Article, ArticleDate, Corpus, DateSource, FileStatus, FurnitureKind, TitleSource,
};
use crate::text::sanitize;

/// One row of `dossier list`.
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub title: &'a str,
    pub title_source: TitleSource,
    pub date: Option<ArticleDate>,
    pub date_source: DateSource,
    pub author: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl<'a> ListRow<'a> {
    pub fn new(a: &'a Article) -> Self {
        ListRow {
            id: &a.id,
            path: &a.path,
            title: &a.title,
            title_source: a.title_source,
            date: a.date,
            date_source: a.date_source,
            author: a.author.as_deref(),
            source: a.source.as_deref(),
        }
    }
}

/// One article as `dossier show` and `dossier export` give it.
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    #[serde(flatten)]
    pub row: ListRow<'a>,
    pub date_evidence: &'a [String],
    pub dateline: Option<&'a str>,
    pub words: usize,
    pub body: &'a str,
    /// Removed furniture, by kind.
    pub furniture: BTreeMap<FurnitureKind, Vec<&'a str>>,
    pub metadata: &'a BTreeMap<String, serde_json::Value>,
}

impl<'a> ArticleJson<'a> {
    pub fn new(a: &'a Article) -> Self {
        let mut furniture: BTreeMap<FurnitureKind, Vec<&str>> = BTreeMap::new();
        for f in &a.furniture {
            furniture.entry(f.kind).or_default().push(&f.text);
        }
        ArticleJson {
            row: ListRow::new(a),
            date_evidence: &a.date_evidence,
            dateline: a.dateline.as_deref(),
            words: a.word_count(),
            body: &a.body,
            furniture,
            metadata: &a.metadata,
        }
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// `ID  DATE  SOURCE  TITLE`, aligned.
pub fn write_list(out: &mut dyn Write, rows: &[ListRow]) -> io::Result<()> {
    let id_width = rows
        .iter()
        .map(|r| r.id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 32);
    let source_width = rows
        .iter()
        .map(|r| r.source.map_or(1, |s| s.width()))
        .max()
        .unwrap_or(6)
        .clamp(6, 20);
    writeln!(
        out,
        "{}  {}  {}  TITLE",
        pad("ID", id_width),
        pad("DATE", 10),
        pad("SOURCE", source_width)
    )?;
    for r in rows {
        let date = r.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let source: String = sanitize(r.source.unwrap_or("-"))
            .chars()
            .take(source_width)
            .collect();
        writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&sanitize(r.id), id_width),
            pad(&date, 10),
            pad(&source, source_width),
            sanitize(r.title)
        )?;
    }
    writeln!(out, "{} article(s)", rows.len())
}

/// A header of metadata, then the body.
pub fn write_article(out: &mut dyn Write, a: &ArticleJson) -> io::Result<()> {
    let r = &a.row;
    writeln!(out, "{}", sanitize(r.title))?;
    writeln!(out, "{}", "-".repeat(r.title.width().clamp(3, 72)))?;
    let date = match r.date {
        Some(d) => format!("{d} ({})", r.date_source.name()),
        None => "undated".into(),
    };
    let fields = [
        ("id", Some(r.id.to_string())),
        ("path", Some(r.path.to_string())),
        ("date", Some(date)),
        ("author", r.author.map(str::to_string)),
        ("source", r.source.map(str::to_string)),
        ("dateline", a.dateline.map(str::to_string)),
        ("words", Some(a.words.to_string())),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            writeln!(out, "{name:>9}: {}", sanitize(&v))?;
        }
    }
    writeln!(out)?;
    for paragraph in a.body.split("\n\n") {
        writeln!(out, "{}\n", sanitize(paragraph))?;
    }
    if !a.furniture.is_empty() {
        writeln!(out, "Removed from the page:")?;
        for (kind, texts) in &a.furniture {
            for t in texts {
                writeln!(out, "  [{}] {}", kind.name(), sanitize(t))?;
            }
        }
    }
    Ok(())
}

/// `ok|warning|error  PATH  (N articles | reason)`, then a summary line.
pub fn write_check(out: &mut dyn Write, corpus: &Corpus) -> io::Result<()> {
    let (mut ok, mut warn, mut error) = (0, 0, 0);
    for f in &corpus.files {
        let path = sanitize(&f.path);
        match &f.status {
            FileStatus::Ok => {
                ok += 1;
                writeln!(out, "ok       {path} ({} article(s))", f.articles)?;
            }
            FileStatus::Warning(r) => {
                warn += 1;
                writeln!(out, "warning  {path}: {}", sanitize(r))?;
            }
            FileStatus::Error(r) => {
                error += 1;
                writeln!(out, "error    {path}: {}", sanitize(r))?;
            }
        }
    }
    writeln!(
        out,
        "{} file(s): {ok} ok, {warn} warning(s), {error} error(s); {} article(s) loaded",
        corpus.files.len(),
        corpus.articles.len()
    )
}
