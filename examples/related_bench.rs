//! Measures related reports and duplicate groups on real corpora.
//!
//! ```text
//! cargo run --release --example related_bench -- reuters ../shared/corpora/reuters21578
//! cargo run --release --example related_bench -- text ../shared/seeds        # lists top related
//! cargo run --release --example related_bench -- bbc ../shared/corpora/bbc
//! cargo run --release --example related_bench -- synth ../shared/corpora/reuters21578 100000
//! ```
//!
//! Run under `/usr/bin/time -v` for peak memory; `LOAD_ONLY=1` gives the
//! loading baseline to subtract. `SHOW=N` lists the first N reports' related
//! reports, `SHOW_GROUPS=N` the first N rewrite groups.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use dossier::index::related::{DuplicateKind, RelatedDoc, RelatedIndex};
use rayon::prelude::*;

struct Owned {
    name: String,
    title: String,
    body: String,
    date: Option<NaiveDate>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, dir) = match args.as_slice() {
        [mode, dir, ..] => (mode.as_str(), PathBuf::from(dir)),
        _ => bail!("usage: related_bench reuters|text|bbc|synth DIR [N]"),
    };
    let t = Instant::now();
    let docs = match mode {
        "reuters" => load_reuters(&dir)?,
        "text" => load_text(&dir, false)?,
        "bbc" => load_text(&dir, true)?,
        "synth" => {
            let n = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            synthesise(&load_reuters(&dir)?, n)
        }
        _ => bail!("unknown mode {mode}"),
    };
    println!(
        "loaded {} docs ({} dated) in {:.2?}",
        docs.len(),
        docs.iter().filter(|d| d.date.is_some()).count(),
        t.elapsed()
    );
    if std::env::var_os("LOAD_ONLY").is_some() {
        // Baseline for peak-memory comparisons: loading alone.
        return Ok(());
    }
    let view: Vec<RelatedDoc> = docs
        .iter()
        .map(|d| RelatedDoc {
            body: &d.body,
            title: &d.title,
            date: d.date,
            entities: Vec::new(),
        })
        .collect();
    let start = Instant::now();
    let index = RelatedIndex::build(&view);
    let built = start.elapsed();
    let t = Instant::now();
    let related: Vec<_> = (0..index.len())
        .into_par_iter()
        .map(|d| index.related(d, 10, &|o| std::borrow::Cow::Borrowed(view[o].body)))
        .collect();
    let ranked = t.elapsed();
    let groups = index.groups();
    let rewrites = groups
        .iter()
        .filter(|g| g.kind == DuplicateKind::Rewrite)
        .count();
    let in_groups: usize = groups.iter().map(|g| g.members.len()).sum();
    let identical_members = (0..index.len())
        .filter(|&d| {
            index
                .duplicate_group(d)
                .is_some_and(|g| g.kind == DuplicateKind::Identical)
        })
        .count();
    println!(
        "build (incl. groups) {built:.2?}; top-10 related for all {ranked:.2?}; total {:.2?}",
        start.elapsed()
    );
    println!(
        "groups {} ({} identical, {rewrites} rewrite), {in_groups} docs in groups, {identical_members} flagged identical",
        groups.len(),
        groups.len() - rewrites
    );
    let with_related = related.iter().filter(|r| !r.is_empty()).count();
    println!("docs with at least one related report: {with_related}");
    if mode == "text" || std::env::var_os("SHOW").is_some() {
        let limit: usize = std::env::var("SHOW")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        for (d, list) in related.iter().enumerate().take(limit) {
            println!("\n[{d}] {} {:?}", docs[d].name, index.duplicate_group(d));
            for r in list.iter().take(5) {
                println!(
                    "    {:.3} [{}] {} — {}",
                    r.score,
                    r.doc,
                    docs[r.doc].name,
                    r.reason_line()
                );
            }
        }
    }
    if let Ok(n) = std::env::var("SHOW_GROUPS").map(|s| s.parse().unwrap_or(10)) {
        for g in groups
            .iter()
            .filter(|g| g.kind == DuplicateKind::Rewrite)
            .take(n)
        {
            println!("\ngroup {} ({:?}): {:?}", g.id, g.kind, g.members);
            for &m in g.members.iter().take(3) {
                let body: String = docs[m].body.chars().take(160).collect();
                println!("   [{m}] {} | {}", docs[m].title, body.replace('\n', " "));
            }
        }
    }
    Ok(())
}

fn load_reuters(dir: &Path) -> Result<Vec<Owned>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).with_context(|| f.display().to_string())?;
        let records: Vec<serde_json::Value> =
            serde_json::from_str(&text).with_context(|| f.display().to_string())?;
        for (i, r) in records.iter().enumerate() {
            let s = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let date = s("date");
            out.push(Owned {
                name: format!(
                    "{}#{i}",
                    f.file_stem()
                        .map(|s| s.to_string_lossy())
                        .unwrap_or_default()
                ),
                title: s("title"),
                body: s("body"),
                date: date
                    .split_whitespace()
                    .next()
                    .and_then(|d| NaiveDate::parse_from_str(&format!("{d:0>11}"), "%d-%b-%Y").ok()),
            });
        }
    }
    Ok(out)
}

/// Plain-text articles; with `title_line` the first line is the headline. A
/// leading `date YYYY-MM-DD` marker gives the date.
fn load_text(dir: &Path, title_line: bool) -> Result<Vec<Owned>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files
        .into_iter()
        .filter_map(|p| {
            let raw = String::from_utf8_lossy(&std::fs::read(&p).ok()?).into_owned();
            let (title, rest) = if title_line {
                raw.split_once('\n').unwrap_or((raw.as_str(), ""))
            } else {
                ("", raw.as_str())
            };
            let trimmed = rest.trim_start();
            let (date, body) = match trimmed
                .strip_prefix("date ")
                .and_then(|r| Some((r.get(..10)?, r.get(10..)?)))
            {
                Some((d, b)) => (NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(), b),
                None => (None, rest),
            };
            Some(Owned {
                name: p.strip_prefix(dir).unwrap_or(&p).display().to_string(),
                title: title.trim().to_string(),
                body: body.trim().to_string(),
                date,
            })
        })
        .collect())
}

/// `n` new stories each made of 2–7 paragraphs drawn from different Reuters
/// stories, dated like their first paragraph's source.
fn synthesise(source: &[Owned], n: usize) -> Vec<Owned> {
    let paragraphs: Vec<(&str, Option<NaiveDate>)> = source
        .iter()
        .flat_map(|d| d.body.split("\n    ").map(move |p| (p, d.date)))
        .filter(|(p, _)| p.split_whitespace().count() >= 8)
        .collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|i| {
            let count = 2 + (next() % 6) as usize;
            let picked: Vec<(&str, Option<NaiveDate>)> = (0..count)
                .map(|_| paragraphs[(next() % paragraphs.len() as u64) as usize])
                .collect();
            Owned {
                name: format!("synth#{i}"),
                title: String::new(),
                body: picked.iter().map(|p| p.0).collect::<Vec<_>>().join("\n\n"),
                date: picked[0].1,
            }
        })
        .collect()
}
