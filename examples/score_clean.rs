//! Measures the plain-text cleaner against the shared corpora (`../shared` by
//! default, or the folder given as the first argument):
//!
//! - `corpora/clipped`: precision and recall of 4-word shingles of the cleaned
//!   body against the hand-checked `body` in `gold.json`, beside the same
//!   figures for the uncleaned text;
//! - `corpora/bbc`: how often the headline found is the file's first line;
//! - `corpora/reuters21578`: how much of plain wire copy survives cleaning;
//! - `seeds`: what was found in each sample article.
//!
//! Run: `cargo run --release --example score_clean -- [SHARED] [--verbose] [--titles] [--dump DIR] [--lines ID]`
//! (`--titles` lists every clipped page's headline beside its url slug,
//! marking those that share too few words with it, or that have none, for a
//! judgement by hand, and scores the clipped pages only;
//! `--dump` writes each page's cleaned body to DIR for a closer look;
//! `--lines` prints each line of the clipped page whose id starts with ID
//! with what the cleaner made of it and whether the gold text has it).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use dossier::corpus::clean::clean_text;

fn shingles(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(4).map(|w| w.join(" ")).collect()
}

#[derive(Default)]
struct Score {
    hit: usize,
    got: usize,
    want: usize,
    precision: Vec<f64>,
    recall: Vec<f64>,
}

impl Score {
    fn add(&mut self, got: &HashSet<String>, want: &HashSet<String>) -> (f64, f64) {
        let hit = got.intersection(want).count();
        self.hit += hit;
        self.got += got.len();
        self.want += want.len();
        let p = if got.is_empty() {
            1.0
        } else {
            hit as f64 / got.len() as f64
        };
        let r = if want.is_empty() {
            1.0
        } else {
            hit as f64 / want.len() as f64
        };
        self.precision.push(p);
        self.recall.push(r);
        (p, r)
    }

    fn report(&self, name: &str) {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let p = self.hit as f64 / self.got.max(1) as f64;
        let r = self.hit as f64 / self.want.max(1) as f64;
        println!(
            "{name:>8}: micro P {p:.3} R {r:.3} F1 {:.3} | macro P {:.3} R {:.3} | docs with R<0.9: {}",
            2.0 * p * r / (p + r).max(f64::EPSILON),
            mean(&self.precision),
            mean(&self.recall),
            self.recall.iter().filter(|&&r| r < 0.9).count()
        );
    }
}

fn clipped(shared: &Path, verbose: bool, titles: bool, dump: Option<&Path>) -> Result<()> {
    let dir = shared.join("corpora/clipped");
    let gold: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.join("gold.json")).context("reading gold.json")?,
    )?;
    let gold = gold.as_object().context("gold.json is an object")?;
    let (mut raw_score, mut clean_score) = (Score::default(), Score::default());
    let mut bytes = 0;
    let (mut titled, mut titled_right) = (0, 0);
    let mut elapsed = std::time::Duration::ZERO;
    for (id, entry) in gold {
        let path = dir.join("docs").join(format!("{id}.txt"));
        let raw = fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let want = shingles(entry["body"].as_str().unwrap_or(""));
        bytes += raw.len();
        let t = Instant::now();
        let cleaned = clean_text(&raw);
        elapsed += t.elapsed();
        if let Some(dir) = dump {
            fs::write(dir.join(format!("{id}.txt")), &cleaned.body)?;
        }
        raw_score.add(&shingles(&raw), &want);
        let url = entry["url"].as_str().unwrap_or("").to_lowercase();
        if let Some(h) = &cleaned.headline {
            titled += 1;
            let agrees = slug_agrees(h, &url);
            if agrees {
                titled_right += 1;
            } else if verbose {
                println!("headline off the url: {h:?} {url}");
            }
            if titles {
                let mark = if agrees { "ok " } else { "OFF" };
                println!("{mark} {} {h:?} <{}>", &id[..8], slug(&url));
            }
        } else if titles {
            println!("NONE {} <{}>", &id[..8], slug(&url));
        }
        let (p, r) = clean_score.add(&shingles(&cleaned.body), &want);
        if verbose {
            println!(
                "{:.3} {:.3} {} {}",
                p,
                r,
                &id[..8],
                entry["url"].as_str().unwrap_or("")
            );
        }
    }
    println!(
        "clipped ({} pages, 4-word shingles vs gold body):",
        gold.len()
    );
    raw_score.report("raw");
    clean_score.report("cleaned");
    println!(
        "    headline found in {titled}/{} pages; agrees with the url slug in {titled_right}",
        gold.len()
    );
    println!(
        "    speed: {:.1} MB/s ({} bytes in {:.2?})",
        bytes as f64 / elapsed.as_secs_f64().max(1e-9) / 1e6,
        bytes,
        elapsed
    );
    Ok(())
}

/// Whether most of a headline's words appear in the page address (a proxy
/// for a right headline, as the gold has none).
fn slug_agrees(headline: &str, url: &str) -> bool {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(str::to_lowercase)
        .collect();
    let found = words.iter().filter(|w| url.contains(w.as_str())).count();
    !words.is_empty() && found * 2 >= words.len()
}

/// The longest segment of a page address: where its slug is.
fn slug(url: &str) -> &str {
    let path = url.split('?').next().unwrap_or(url);
    path.split('/').max_by_key(|s| s.len()).unwrap_or("")
}

fn bbc(shared: &Path, verbose: bool) -> Result<()> {
    let (mut total, mut right, mut none) = (0, 0, 0);
    for topic in fs::read_dir(shared.join("corpora/bbc"))? {
        let topic = topic?.path();
        if !topic.is_dir() {
            continue;
        }
        for file in fs::read_dir(&topic)? {
            let path = file?.path();
            let bytes = fs::read(&path)?;
            let raw = String::from_utf8_lossy(&bytes);
            let first = raw.lines().next().unwrap_or("").trim();
            let cleaned = clean_text(&raw);
            total += 1;
            match cleaned.headline.as_deref() {
                Some(h) if h == first => right += 1,
                None => {
                    none += 1;
                    if verbose {
                        println!("no headline: {} {first:?}", path.display());
                    }
                }
                Some(h) => {
                    if verbose {
                        println!(
                            "wrong headline: {} {h:?} (first line {first:?})",
                            path.display()
                        );
                    }
                }
            }
        }
    }
    println!("bbc: headline = first line in {right}/{total} files, none in {none}");
    Ok(())
}

/// Wire stories are plain article text (wrapped, no furniture): cleaning
/// should keep nearly every word of them.
fn reuters(shared: &Path, verbose: bool) -> Result<()> {
    let dir = shared.join("corpora/reuters21578");
    let (mut stories, mut kept, mut total, mut whole) = (0, 0, 0, 0);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    for path in paths.iter().take(3) {
        let records: Vec<serde_json::Value> = serde_json::from_str(&fs::read_to_string(path)?)?;
        for record in records {
            let Some(body) = record["body"].as_str().filter(|b| !b.trim().is_empty()) else {
                continue;
            };
            let want = shingles(body);
            let cleaned = clean_text(body);
            if verbose && cleaned.body.len() < body.trim().len() * 9 / 10 {
                println!("wire body cut: headline {:?}", cleaned.headline);
            }
            let got = shingles(&cleaned.body);
            stories += 1;
            total += want.len();
            let hit = got.intersection(&want).count();
            kept += hit;
            if hit == want.len() {
                whole += 1;
            }
        }
    }
    println!(
        "reuters: {stories} wire bodies, {:.3} of their 4-word shingles kept, {whole} kept whole",
        kept as f64 / total.max(1) as f64
    );
    Ok(())
}

fn seeds(shared: &Path) -> Result<()> {
    let mut paths: Vec<PathBuf> = fs::read_dir(shared.join("seeds"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let raw = fs::read_to_string(&path)?;
        let c = clean_text(&raw);
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into());
        println!("== {name}");
        println!("   headline {:?}", c.headline);
        println!(
            "   date {:?} dateline {:?} author {:?} source {:?}",
            c.date, c.dateline, c.author, c.source
        );
        println!("   metadata {}", serde_json::to_string(&c.metadata)?);
        let kinds: Vec<String> = c
            .furniture
            .iter()
            .map(|f| {
                format!(
                    "{:?}:{}",
                    f.kind,
                    f.text.chars().take(40).collect::<String>()
                )
            })
            .collect();
        println!("   furniture {kinds:#?}");
        let altered = c.body.split("\n\n").filter(|p| !raw.contains(p)).count();
        println!("   paragraphs not verbatim in the source: {altered}");
        let short: Vec<&str> = c
            .body
            .split("\n\n")
            .filter(|p| p.split_whitespace().count() <= 10)
            .collect();
        println!("   short paragraphs kept (subheadings, quotes): {short:?}");
        let bad: Vec<&str> = ["Views", "Share", " ago", "min read", "Author:"]
            .into_iter()
            .filter(|w| c.body.contains(w))
            .collect();
        println!(
            "   body: {} paragraphs, {} words, starts {:?}; furniture words in body: {bad:?}",
            c.body.split("\n\n").count(),
            c.body.split_whitespace().count(),
            c.body.chars().take(60).collect::<String>()
        );
    }
    Ok(())
}

/// Each line of one clipped page: `B` kept in the body, `H` the headline, or
/// the furniture kind; `G` when most of its shingles are in the gold text.
fn lines(shared: &Path, prefix: &str) -> Result<()> {
    let dir = shared.join("corpora/clipped");
    let gold: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("gold.json"))?)?;
    let gold = gold.as_object().context("gold.json is an object")?;
    let (id, entry) = gold
        .iter()
        .find(|(id, _)| id.starts_with(prefix))
        .context("no page with that id")?;
    let raw = fs::read_to_string(dir.join("docs").join(format!("{id}.txt")))?;
    let want = shingles(entry["body"].as_str().unwrap_or(""));
    let c = clean_text(&raw);
    println!("{id} {}\nheadline {:?}", entry["url"], c.headline);
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let role = if c.headline.as_deref() == Some(line) {
            "H".to_string()
        } else if let Some(f) = c.furniture.iter().find(|f| f.text.trim() == line) {
            format!("{:?}", f.kind)
        } else if c.body.contains(line) {
            "B".to_string()
        } else {
            "?".to_string()
        };
        let mine = shingles(line);
        let in_gold = if mine.is_empty() {
            entry["body"].as_str().unwrap_or("").contains(line)
        } else {
            mine.intersection(&want).count() * 2 >= mine.len()
        };
        let shown: String = line.chars().take(110).collect();
        println!("{role:>10} {} {shown}", if in_gold { 'G' } else { '.' });
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(id) = args
        .iter()
        .position(|a| a == "--lines")
        .and_then(|i| args.get(i + 1))
    {
        let shared = args
            .first()
            .filter(|a| !a.starts_with("--"))
            .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
        return lines(&shared, id);
    }
    let verbose = args.iter().any(|a| a == "--verbose");
    let titles = args.iter().any(|a| a == "--titles");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let shared = args
        .iter()
        .enumerate()
        .find(|&(i, a)| !a.starts_with("--") && (i == 0 || args[i - 1] != "--dump"))
        .map_or_else(|| PathBuf::from("../shared"), |(_, a)| PathBuf::from(a));
    if let Some(dir) = &dump {
        fs::create_dir_all(dir)?;
    }
    if !titles {
        seeds(&shared)?;
        bbc(&shared, verbose)?;
        reuters(&shared, verbose)?;
    }
    clipped(&shared, verbose, titles, dump.as_deref())?;
    Ok(())
}
