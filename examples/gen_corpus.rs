//! Writes a synthetic corpus for benchmarks: `N` articles made by
//! recombining the titles and paragraphs of the Reuters-21578 JSON files, the
//! BBC text files and the sample seeds, as `.txt` files (`date` marker, title
//! line, blank line, paragraphs) spread over subfolders of 1,000 files, and
//! optionally as one JSON Lines file. The same seed gives the same corpus.
//!
//! cargo run --release --example gen_corpus -- --n 100000 --out /tmp/corpus100k [--jsonl /tmp/corpus100k.jsonl] [--seed 1] [--shared ../shared]
//!
//! Also writes `<out>-titles.txt` (one title a line) beside the folder, the
//! input for whole-process comparisons with line filters such as fzf.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{Duration, NaiveDate};

/// A small, fast, seedable generator (SplitMix64): enough for picking
/// paragraphs, and no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Where a paragraph came from, which decides its article's date range.
#[derive(Clone, Copy)]
enum Origin {
    Reuters,
    Bbc,
    Seed,
}

struct Pool {
    titles: Vec<(Origin, String)>,
    paragraphs: Vec<String>,
    bbc_paragraphs: Vec<String>,
    seed_paragraphs: Vec<String>,
    /// Reuters story dates, so generated wire stories keep 1987's calendar.
    reuters_dates: Vec<NaiveDate>,
}

struct Options {
    n: usize,
    out: PathBuf,
    jsonl: Option<PathBuf>,
    seed: u64,
    shared: PathBuf,
}

fn parse_args() -> anyhow::Result<Options> {
    let mut opts = Options {
        n: 100_000,
        out: PathBuf::from("/tmp/corpus100k"),
        jsonl: None,
        seed: 1,
        shared: PathBuf::from("../shared"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--n" => opts.n = value.parse().context("--n must be a number")?,
            "--out" => opts.out = value.into(),
            "--jsonl" => opts.jsonl = Some(value.into()),
            "--seed" => opts.seed = value.parse().context("--seed must be a number")?,
            "--shared" => opts.shared = value.into(),
            _ => bail!("unknown option {flag}"),
        }
    }
    Ok(opts)
}

fn main() -> anyhow::Result<()> {
    let opts = parse_args()?;
    let pool = read_pool(&opts.shared)?;
    eprintln!(
        "pool: {} titles, {} paragraphs ({} BBC, {} seed)",
        pool.titles.len(),
        pool.paragraphs.len(),
        pool.bbc_paragraphs.len(),
        pool.seed_paragraphs.len()
    );
    fs::create_dir_all(&opts.out)?;
    let mut rng = Rng(opts.seed);
    let mut titles = BufWriter::new(fs::File::create(titles_path(&opts.out))?);
    let mut jsonl = match &opts.jsonl {
        Some(p) => Some(BufWriter::new(fs::File::create(p)?)),
        None => None,
    };
    let mut bytes = 0usize;
    for i in 0..opts.n {
        let article = compose(&pool, &mut rng);
        let dir = opts.out.join(format!("part-{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir)?;
        }
        let mut text = String::new();
        if let Some(d) = article.date {
            text.push_str(&format!("date {d}\n"));
        }
        text.push_str(&article.title);
        text.push_str("\n\n");
        text.push_str(&article.paragraphs.join("\n\n"));
        text.push('\n');
        bytes += text.len();
        fs::write(dir.join(format!("{i:06}.txt")), &text)?;
        writeln!(titles, "{}", article.title)?;
        if let Some(out) = jsonl.as_mut() {
            let record = serde_json::json!({
                "id": format!("gen-{i:06}"),
                "title": article.title,
                "date": article.date.map(|d| d.to_string()),
                "body": article.paragraphs.join("\n\n"),
            });
            writeln!(out, "{record}")?;
        }
    }
    titles.flush()?;
    if let Some(mut out) = jsonl {
        out.flush()?;
    }
    eprintln!(
        "wrote {} articles, {:.1} MB of text, to {}",
        opts.n,
        bytes as f64 / 1e6,
        opts.out.display()
    );
    Ok(())
}

struct Composed {
    date: Option<NaiveDate>,
    title: String,
    paragraphs: Vec<String>,
}

/// One article: a title, two to six paragraphs mostly from the title's own
/// source, now and then a paragraph from the seeds (so names of today's news
/// occur, but rarely), and a date from the title's era; one in ten undated.
fn compose(pool: &Pool, rng: &mut Rng) -> Composed {
    let (origin, title) = rng.pick(&pool.titles).clone();
    let count = 2 + rng.below(5);
    let mut paragraphs = Vec::with_capacity(count);
    for _ in 0..count {
        let source = match (origin, rng.below(100)) {
            (_, 0) => &pool.seed_paragraphs,
            (Origin::Bbc, _) => &pool.bbc_paragraphs,
            _ => &pool.paragraphs,
        };
        paragraphs.push(rng.pick(source).clone());
    }
    let date = (rng.below(10) != 0).then(|| match origin {
        Origin::Reuters => *rng.pick(&pool.reuters_dates),
        Origin::Bbc => day_in(rng, NaiveDate::from_ymd_opt(2004, 1, 1), 730),
        Origin::Seed => day_in(rng, NaiveDate::from_ymd_opt(2025, 1, 1), 365),
    });
    Composed {
        date,
        title,
        paragraphs,
    }
}

fn titles_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push("-titles.txt");
    PathBuf::from(name)
}

fn day_in(rng: &mut Rng, start: Option<NaiveDate>, days: usize) -> NaiveDate {
    let start = start.expect("the literal start dates are valid");
    start + Duration::days(rng.below(days) as i64)
}

fn read_pool(shared: &Path) -> anyhow::Result<Pool> {
    let corpora = shared.join("corpora");
    let mut pool = Pool {
        titles: Vec::new(),
        paragraphs: Vec::new(),
        bbc_paragraphs: Vec::new(),
        seed_paragraphs: Vec::new(),
        reuters_dates: Vec::new(),
    };
    let mut reuters: Vec<PathBuf> = fs::read_dir(corpora.join("reuters21578"))
        .with_context(|| format!("{}: cannot read", corpora.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    reuters.sort();
    for path in reuters {
        let records: serde_json::Value = serde_json::from_slice(&fs::read(&path)?)
            .with_context(|| format!("{}: invalid JSON", path.display()))?;
        for r in records.as_array().into_iter().flatten() {
            let field = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("");
            let title = wire_title(&unescape(field("title")));
            if title.split_whitespace().count() >= 3 {
                pool.titles.push((Origin::Reuters, title));
            }
            for para in unescape(field("body")).split("\n    ") {
                let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
                let para = para.trim_end_matches("Reuter").trim_end();
                if para.split_whitespace().count() >= 12 {
                    pool.paragraphs.push(para.to_string());
                }
            }
            if let Some(d) = field("date")
                .split_whitespace()
                .next()
                .and_then(|d| NaiveDate::parse_from_str(d, "%d-%b-%Y").ok())
            {
                pool.reuters_dates.push(d);
            }
        }
    }
    let mut bbc: Vec<PathBuf> = walkdir::WalkDir::new(corpora.join("bbc"))
        .into_iter()
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| !p.ends_with("README.TXT"))
        .collect();
    bbc.sort();
    for path in bbc {
        let text = String::from_utf8_lossy(&fs::read(&path)?).into_owned();
        let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
        if let Some(title) = blocks.next() {
            pool.titles.push((Origin::Bbc, title.to_string()));
        }
        pool.bbc_paragraphs.extend(blocks.map(str::to_string));
    }
    let mut seeds: Vec<PathBuf> = fs::read_dir(shared.join("seeds"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    seeds.sort();
    for path in seeds {
        let text = fs::read_to_string(&path)?;
        // A seed that opens with a headline lends it to a few articles.
        if let Some(first) = text.lines().next().map(str::trim)
            && (4..=16).contains(&first.split_whitespace().count())
            && !first.starts_with("date ")
        {
            pool.titles.push((Origin::Seed, first.to_string()));
        }
        // Only sentences of the story: furniture lines are short.
        pool.seed_paragraphs.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| l.split_whitespace().count() >= 20 && !l.starts_with("date "))
                .map(str::to_string),
        );
    }
    if pool.titles.is_empty() || pool.paragraphs.is_empty() || pool.seed_paragraphs.is_empty() {
        bail!("{}: no articles to recombine", shared.display());
    }
    Ok(pool)
}

/// Reuters JSON keeps HTML entities and `&#N;` control markers.
fn unescape(s: &str) -> String {
    let s = s
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        match rest[at..].find(';') {
            Some(end) if end <= 6 => rest = &rest[at + end + 1..],
            _ => {
                out.push_str("&#");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// Wire titles are in capitals; a reader's folder has them in title case.
fn wire_title(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
