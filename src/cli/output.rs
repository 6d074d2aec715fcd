//! The CLI's output shapes: the JSON schema of `list`, `show` and `export`
//! (documented in the README) and their human-readable text. Text from
//! articles is sanitised before it is written, so no control sequence from a
//! file reaches the terminal; JSON escapes it.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::{
    Article, ArticleDate, Corpus, DateSource, FileReport, FileStatus, TitleSource,
};
use crate::extract::entities::{Entity, EntityKind};
use crate::index::related::RelatedReport;
use crate::index::view::ArticleView;
use crate::library::Library;
use crate::text::{message_line, sanitize, shown_path};

/// One row of `dossier list`.
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    pub id: &'a str,
    pub path: &'a str,
    /// Whole, even when derived from the first sentence (the text list
    /// shortens it).
    pub title: Cow<'a, str>,
    #[serde(skip)]
    pub short_title: &'a str,
    pub title_source: TitleSource,
    pub date: Option<ArticleDate>,
    pub date_source: DateSource,
    /// For an inferred date, the text it was read from.
    pub date_evidence: &'a [String],
    pub author: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> ListRow<'a> {
    pub fn new(a: &'a Article) -> Self {
        ListRow {
            id: &a.id,
            path: &a.path,
            title: a.whole_title(),
            short_title: &a.title,
            title_source: a.title_source,
            date: a.date,
            date_source: a.date_source,
            date_evidence: &a.date_evidence,
            author: a.author.as_deref(),
            source: a.source.as_deref(),
            url: a.url(),
        }
    }
}

/// One row of `dossier entities`.
#[derive(Debug, Serialize)]
pub struct EntityRow<'a> {
    pub id: &'a str,
    pub kind: EntityKind,
    pub name: &'a str,
    pub aliases: &'a [String],
    /// Ids of the articles that mention it.
    pub articles: Vec<&'a str>,
    pub mentions: usize,
}

impl<'a> EntityRow<'a> {
    pub fn new(lib: &'a Library, e: &'a Entity) -> Self {
        EntityRow {
            id: &e.id,
            kind: e.kind,
            name: &e.name,
            aliases: &e.aliases,
            articles: e
                .articles
                .iter()
                .map(|&i| lib.articles()[i as usize].id.as_str())
                .collect(),
            mentions: e.mentions,
        }
    }
}

/// `KIND  ARTICLES  MENTIONS  NAME (aliases)`.
pub fn write_entities(out: &mut dyn Write, rows: &[EntityRow]) -> io::Result<()> {
    writeln!(out, "KIND    ARTICLES  MENTIONS  NAME")?;
    for r in rows {
        let aliases = if r.aliases.is_empty() {
            String::new()
        } else {
            format!("  (also {})", r.aliases.join(", "))
        };
        writeln!(
            out,
            "{:<6}  {:>8}  {:>8}  {}{}",
            r.kind.as_str(),
            r.articles.len(),
            r.mentions,
            sanitize(r.name),
            sanitize(&aliases)
        )?;
    }
    writeln!(out, "{} entities", rows.len())
}

/// `SCORE  ID  TITLE — reasons`.
pub fn write_related(out: &mut dyn Write, rows: &[RelatedJson]) -> io::Result<()> {
    for r in rows {
        writeln!(
            out,
            "{:.3}  {}  {}",
            r.score,
            sanitize(r.id),
            sanitize(&r.title)
        )?;
        writeln!(out, "       {}", sanitize(&r.reasons.join("; ")))?;
    }
    writeln!(out, "{} related report(s)", rows.len())
}

/// A related report.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub title: Cow<'a, str>,
    pub score: f32,
    pub reasons: Vec<String>,
}

impl<'a> RelatedJson<'a> {
    pub fn new(lib: &'a Library, r: RelatedReport) -> Self {
        let a = &lib.articles()[r.doc];
        RelatedJson {
            id: &a.id,
            path: &a.path,
            title: a.whole_title(),
            score: (r.score * 1000.0).round() / 1000.0,
            reasons: r.reasons,
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
            sanitize(r.short_title)
        )?;
    }
    writeln!(out, "{} article(s)", rows.len())
}

/// A header of metadata, then the body, then what the side panel lists.
pub fn write_article(out: &mut dyn Write, a: &ArticleView) -> io::Result<()> {
    writeln!(out, "{}", sanitize(&a.title))?;
    writeln!(out, "{}", "-".repeat(a.title.width().clamp(3, 72)))?;
    let date = match a.date {
        Some(d) => format!("{d} ({})", a.date_source.name()),
        None => "undated".into(),
    };
    let fields = [
        ("id", Some(a.id.clone())),
        ("path", Some(a.path.clone())),
        ("date", Some(date)),
        ("author", a.author.clone()),
        ("source", a.source.clone()),
        ("dateline", a.dateline.clone()),
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
    let entities = a.entities.as_deref().unwrap_or_default();
    if !entities.is_empty() {
        writeln!(out, "Mentions:")?;
        for e in entities {
            writeln!(
                out,
                "  {:<6} {} ({}×)",
                e.kind.as_str(),
                sanitize(&e.name),
                e.mentions.len()
            )?;
        }
        writeln!(out)?;
    }
    let dates = a.date_rows();
    if !dates.is_empty() {
        writeln!(out, "Dates mentioned:")?;
        for d in dates {
            let times = if d.times > 1 {
                format!(" ({}×)", d.times)
            } else {
                String::new()
            };
            writeln!(out, "  {:<10} {}{times}", d.value, sanitize(&d.text))?;
        }
        writeln!(out)?;
    }
    let related = a.related.as_deref().unwrap_or_default();
    if !related.is_empty() {
        writeln!(out, "Related reports:")?;
        for r in related {
            writeln!(
                out,
                "  {}  {} — {}",
                sanitize(&r.id),
                sanitize(&r.title),
                sanitize(&r.reason_line())
            )?;
        }
        writeln!(out)?;
    }
    if let (Some(g), Some(line)) = (&a.duplicate_group, a.duplicate_line()) {
        writeln!(out, "Copies: {line} (group {})\n", sanitize(g))?;
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

/// A row of the CSV forms of `list` and `export`: strings from outside are
/// sanitised (a CSV on a terminal is still a terminal), the body keeps its
/// paragraph breaks.
#[derive(Serialize)]
struct CsvRow<'a> {
    id: String,
    path: String,
    title: String,
    title_source: TitleSource,
    date: String,
    date_source: DateSource,
    author: String,
    source: String,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
}

fn csv_text(s: Option<&str>) -> String {
    s.map(|s| sanitize(s).into_owned()).unwrap_or_default()
}

/// `dossier list --format csv`: a header row, then a row per article.
pub fn write_list_csv(out: &mut dyn Write, rows: &[ListRow]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for r in rows {
        w.serialize(CsvRow {
            id: csv_text(Some(r.id)),
            path: csv_text(Some(r.path)),
            title: csv_text(Some(&r.title)),
            title_source: r.title_source,
            date: r.date.map(|d| d.to_string()).unwrap_or_default(),
            date_source: r.date_source,
            author: csv_text(r.author),
            source: csv_text(r.source),
            url: r.url.unwrap_or_default(),
            words: None,
            body: None,
        })?;
    }
    if rows.is_empty() {
        w.write_record(LIST_CSV_HEADER)?;
    }
    w.flush()?;
    Ok(())
}

/// The header `list --format csv` writes even with no rows.
const LIST_CSV_HEADER: [&str; 9] = [
    "id",
    "path",
    "title",
    "title_source",
    "date",
    "date_source",
    "author",
    "source",
    "url",
];

/// `dossier export --format csv`: the list's columns, the word count and
/// the clean body.
pub fn write_export_csv(out: &mut dyn Write, articles: &[Article]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for a in articles {
        let body = a.body.read();
        w.serialize(CsvRow {
            id: csv_text(Some(&a.id)),
            path: csv_text(Some(&a.path)),
            title: csv_text(Some(&a.whole_title())),
            title_source: a.title_source,
            date: a.date.map(|d| d.to_string()).unwrap_or_default(),
            date_source: a.date_source,
            author: csv_text(a.author.as_deref()),
            source: csv_text(a.source.as_deref()),
            url: a.url().unwrap_or_default(),
            words: Some(crate::corpus::word_count(&body)),
            body: Some(body.replace('\t', " ")),
        })?;
    }
    w.flush()?;
    Ok(())
}

/// One row of `dossier check --json`: every row has a reason, `ok` for a
/// file that loaded cleanly.
#[derive(Debug, Serialize)]
pub struct CheckRow<'a> {
    pub path: &'a str,
    pub status: &'static str,
    pub reason: &'a str,
    pub articles: usize,
}

impl<'a> CheckRow<'a> {
    pub fn new(f: &'a FileReport) -> Self {
        let (status, reason) = match &f.status {
            FileStatus::Ok => ("ok", "ok"),
            FileStatus::Warning(r) => ("warning", r.as_str()),
            FileStatus::Error(r) => ("error", r.as_str()),
        };
        CheckRow {
            path: &f.path,
            status,
            reason,
            articles: f.articles,
        }
    }
}

/// `ok|warning|error  PATH  (N articles | reason)`, then a summary line.
pub fn write_check(out: &mut dyn Write, corpus: &Corpus) -> io::Result<()> {
    let (mut ok, mut warn, mut error) = (0, 0, 0);
    for f in &corpus.files {
        // Path and reason come from outside: one funnelled line each.
        let path = shown_path(&f.path);
        let line = match &f.status {
            FileStatus::Ok => {
                ok += 1;
                format!("ok       {path} ({} article(s))", f.articles)
            }
            FileStatus::Warning(r) => {
                warn += 1;
                format!("warning  {path}: {r}")
            }
            FileStatus::Error(r) => {
                error += 1;
                format!("error    {path}: {r}")
            }
        };
        writeln!(out, "{}", message_line(&line))?;
    }
    writeln!(
        out,
        "{} file(s): {ok} ok, {warn} warning(s), {error} error(s); {} article(s) loaded",
        corpus.files.len(),
        corpus.articles.len()
    )
}

/// The second version in its order: `+` before a sentence the first lacks,
/// `~` before a reworded one (with the first version's sentence and the
/// words it never uses), then `-` before each sentence only the first has,
/// and the counts. Shared sentences are counted, not repeated.
pub fn write_diff(out: &mut dyn Write, d: &crate::index::diff::Diff) -> io::Result<()> {
    use crate::index::diff::DiffLine;
    for line in &d.lines {
        match line {
            DiffLine::Shared(_) => {}
            DiffLine::Added(s) => writeln!(out, "+ {}", sanitize(&s.text))?,
            DiffLine::Changed(i) => {
                let c = &d.changed[*i];
                writeln!(out, "~ {}", sanitize(&c.b.text))?;
                writeln!(out, "    was: {}", sanitize(&c.a.text))?;
                if !c.new_names.is_empty() {
                    writeln!(out, "    new: {}", sanitize(&c.new_names.join(" · ")))?;
                }
            }
        }
    }
    for s in &d.removed {
        writeln!(out, "- {}", sanitize(&s.text))?;
    }
    let plural = if d.shared == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} added, {} removed, {} reworded, {} sentence{plural} shared",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.shared
    )
}

/// `SPEAKER (cue): text`, one quote a line; an inferred speaker is marked
/// with `~`, a direct quote is in quote marks.
pub fn write_quotes(out: &mut dyn Write, rows: &[crate::library::QuoteRow]) -> io::Result<()> {
    use crate::extract::quotes::QuoteKind;
    for q in rows {
        let who = q.speaker.as_deref().unwrap_or("(unknown)");
        let mark = if q.inferred { "~" } else { "" };
        let text = match q.kind {
            QuoteKind::Direct => format!("“{}”", q.text),
            QuoteKind::Reported => q.text.clone(),
        };
        let line = format!("{}  {mark}{who} ({}): {text}", q.article, q.cue);
        writeln!(
            out,
            "{}",
            sanitize(&line.split_whitespace().collect::<Vec<_>>().join(" "))
        )?;
    }
    Ok(())
}

/// `DATE  ARTICLE  sentence`, in date order; `*` marks a row placed by its
/// article's date.
pub fn write_timeline(out: &mut dyn Write, rows: &[crate::library::TimelineRow]) -> io::Result<()> {
    use crate::library::TimelineSource;
    for r in rows {
        let mark = if r.source == TimelineSource::Article {
            "*"
        } else {
            " "
        };
        writeln!(
            out,
            "{:<10}{mark} {}  {}",
            r.date,
            r.article,
            sanitize(&r.sentence)
        )?;
    }
    Ok(())
}
