//! Mutation fuzzing of dossier's parsers against the shared corpora:
//!
//! ```sh
//! cargo run --release --example fuzz -- --target text --minutes 5
//! ```
//!
//! Seeds are real articles (the sample seeds, BBC, clipped pages, Reuters
//! records as JSON); each round mutates one (byte flips, truncation,
//! splicing two seeds, control characters and escape sequences, odd Unicode,
//! repeated chunks, JSON hazards such as `1e400` and `\ud800`) and feeds it
//! to the target. A panic, a broken invariant (a position off a char
//! boundary, unsafe output from the sanitiser) or an input that takes over
//! two seconds is reported with a reproducer saved to a temporary folder.
//!
//! Targets: decode, text, clean, json, jsonl, dates, date-value, query,
//! entities, library. `--replay FILE` runs one saved reproducer, panic and
//! all; `--seed N` repeats a session.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dossier::corpus::clean::clean_text;
use dossier::corpus::json::{parse_json, parse_json_lines};
use dossier::corpus::plain::parse_text;
use dossier::corpus::read::decode;
use dossier::corpus::{Article, Corpus};
use dossier::extract::dates::{find_dates, infer_article_date, parse_date_value};
use dossier::extract::recognise_entities;
use dossier::index::parse_query;
use dossier::library::Library;
use dossier::text::{message_line, sanitize, strip_controls};

const TARGETS: &[&str] = &[
    "decode",
    "text",
    "clean",
    "json",
    "jsonl",
    "dates",
    "date-value",
    "query",
    "entities",
    "library",
];

/// Largest input fed to a target, so each round stays quick.
const MAX_INPUT: usize = 64 * 1024;

/// Slower than this is reported as a finding too.
const SLOW: Duration = Duration::from_secs(2);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that have broken text tools before.
const HAZARDS: &[&str] = &[
    "\u{0}",
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{9b}31m",
    "\u{7f}",
    "\r",
    "\r\n",
    "\u{c}",
    "\u{b}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{200e}",
    "\u{200f}",
    "\u{61c}",
    "\u{202e}",
    "\u{2067}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{fffd}",
    "e\u{301}\u{302}\u{303}\u{304}",
    "👩\u{200d}👩\u{200d}👧",
    "🇺🇦",
    "İ",
    "ẞ",
    "ǅ",
    "東京",
    "\u{10ffff}",
    "\\ud800",
    "\\udc00",
    "1e400",
    "-1e400",
    "-2025",
    "0",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "&#0;",
    "&#x1b;",
    "&#1114112;",
    "&amp;",
    "date:",
    "person:\"",
    "..",
    "-",
    "--",
    "date 2025-02-30",
    "29 February 2023",
    "Sept. 31",
    "MOSCOW, Dec 32 (Reuters) -",
    "By ",
    "Updated ",
    "4 min read",
    "99999999999999999999",
    "\t",
    "    ",
    "\n\n\n",
];

/// Seeds for `target`, from the shared corpora.
fn seeds(shared: &Path, target: &str) -> Vec<Vec<u8>> {
    let mut texts: Vec<Vec<u8>> = Vec::new();
    let mut add_folder = |dir: PathBuf, every: usize| {
        let mut files: Vec<PathBuf> = walk(&dir);
        files.sort();
        for f in files.into_iter().step_by(every) {
            if let Ok(bytes) = std::fs::read(&f) {
                texts.push(bytes);
            }
        }
    };
    add_folder(shared.join("seeds"), 1);
    add_folder(shared.join("corpora/clipped/docs"), 1);
    add_folder(shared.join("corpora/bbc"), 10);
    let mut records: Vec<serde_json::Value> = Vec::new();
    if let Ok(text) = std::fs::read_to_string(shared.join("corpora/reuters21578/reut2-000.json"))
        && let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&text)
    {
        records = items.into_iter().take(400).collect();
    }
    match target {
        "json" => records
            .chunks(3)
            .map(|c| serde_json::to_vec_pretty(c).unwrap_or_default())
            .collect(),
        "jsonl" => records
            .chunks(3)
            .map(|c| {
                c.iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            })
            .collect(),
        "date-value" => records
            .iter()
            .filter_map(|r| r.get("date").and_then(|d| d.as_str()))
            .map(|d| d.as_bytes().to_vec())
            .chain(
                [
                    "2025-04-11T09:00:00Z",
                    "Tue, 02 Dec 2025 18:00:00 GMT",
                    "Dec 2, 2025",
                    "1764892800",
                ]
                .map(|s| s.as_bytes().to_vec()),
            )
            .collect(),
        "query" => texts
            .iter()
            .flat_map(|t| {
                let s = String::from_utf8_lossy(t);
                let words: Vec<String> = s.split_whitespace().take(8).map(str::to_string).collect();
                [
                    words.join(" "),
                    format!(
                        "person:{} -\"{}\"",
                        words.first().cloned().unwrap_or_default(),
                        words.join(" ")
                    ),
                    format!(
                        "date:2025-04..2025-06 title:{}",
                        words.last().cloned().unwrap_or_default()
                    ),
                ]
            })
            .map(String::into_bytes)
            .collect(),
        _ => texts,
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out
}

/// One mutation of `input`, sometimes spliced with `other`.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(8) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.truncate(at),
            2 => {
                let from = rng.below(other.len() + 1);
                v.truncate(at);
                v.extend_from_slice(&other[from..]);
            }
            3 | 4 => {
                let h = HAZARDS[rng.below(HAZARDS.len())].as_bytes();
                v.splice(at..at, h.iter().copied());
            }
            5 if !v.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                let start = at.min(end);
                let chunk = v[start..end].to_vec();
                for _ in 0..1 + rng.below(50) {
                    v.splice(start..start, chunk.iter().copied());
                }
            }
            6 if !v.is_empty() => {
                let end = (at + rng.below(32)).min(v.len());
                v.drain(at.min(end)..end);
            }
            _ => {
                let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}');
                let mut buf = [0u8; 4];
                v.splice(at..at, c.encode_utf8(&mut buf).bytes());
            }
        }
    }
    v.truncate(MAX_INPUT);
    v
}

fn check_mentions(body: &str, spans: impl Iterator<Item = (usize, usize)>) {
    for (s, e) in spans {
        assert!(
            s <= e && e <= body.len(),
            "span {s}..{e} outside {}",
            body.len()
        );
        assert!(
            body.is_char_boundary(s) && body.is_char_boundary(e),
            "span {s}..{e} off a char boundary"
        );
    }
}

fn check_article(a: &Article) {
    for field in [&a.title, &a.id] {
        let s = sanitize(field);
        assert_eq!(sanitize(&s), s, "sanitising is idempotent");
    }
    assert!(message_line(&a.title).chars().count() <= 300);
}

/// Feeds one input to the target; panics on a broken invariant.
fn run(target: &str, bytes: &[u8]) {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    let anchor = NaiveDate::from_ymd_opt(2025, 4, 11);
    match target {
        "decode" => {
            let _ = decode(bytes);
        }
        "text" => {
            if let Ok((t, _)) = decode(bytes) {
                check_article(&parse_text("f", "f.txt", &t));
            }
        }
        "clean" => {
            let raw = text();
            let clean = clean_text(&strip_controls(&raw));
            let _ = infer_article_date(&clean.body);
        }
        "json" => {
            if let Ok(p) = parse_json("f", "f.json", &text()) {
                p.articles.iter().for_each(check_article);
            }
        }
        "jsonl" => {
            if let Ok(p) = parse_json_lines("f", "f.jsonl", &text()) {
                p.articles.iter().for_each(check_article);
            }
        }
        "dates" => {
            let a = parse_text("f", "f.txt", &text());
            let found = find_dates(a.body.as_str(), anchor);
            check_mentions(a.body.as_str(), found.iter().map(|m| (m.start, m.end)));
        }
        "date-value" => {
            if let Some(d) = parse_date_value(&text()) {
                assert!(d.start <= d.end(), "{d:?}");
            }
        }
        "query" => {
            let q = text();
            if let Err(e) = parse_query(&q) {
                assert!(
                    q.is_char_boundary(e.at.min(q.len())) && e.at <= q.len(),
                    "error at {}",
                    e.at
                );
            }
        }
        "entities" => {
            let a = parse_text("f", "f.txt", &text());
            let found = recognise_entities(a.body.as_str());
            check_mentions(a.body.as_str(), found.iter().map(|m| (m.start, m.end)));
        }
        "library" => {
            let t = text();
            let articles: Vec<Article> = t
                .split("\n\n\n")
                .take(8)
                .enumerate()
                .map(|(i, part)| parse_text(&format!("a{i}"), "f.txt", part))
                .collect();
            let lib = Arc::new(Library::new(Corpus {
                articles,
                files: Vec::new(),
            }));
            for w in t.split_whitespace().take(3) {
                let _ = lib.query(w);
            }
            for i in 0..lib.articles().len() {
                let _ = lib.related(i, 5);
            }
        }
        other => panic!("unknown target {other}"),
    }
}

struct Args {
    target: String,
    minutes: f64,
    seed: u64,
    shared: PathBuf,
    /// A saved reproducer to run once, panics and all.
    replay: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        target: String::new(),
        minutes: 1.0,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64 | 1)
            .unwrap_or(0x9e37_79b9),
        shared: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        replay: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--target" => a.target = value,
            "--minutes" => a.minutes = value.parse().map_err(|_| "bad --minutes")?,
            "--seed" => a.seed = value.parse().map_err(|_| "bad --seed")?,
            "--shared" => a.shared = PathBuf::from(value),
            "--replay" => a.replay = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !TARGETS.contains(&a.target.as_str()) {
        return Err(format!("--target must be one of {}", TARGETS.join(", ")));
    }
    Ok(a)
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fuzz: {e}");
            std::process::exit(2);
        }
    };
    if let Some(path) = &args.replay {
        let input = std::fs::read(path).unwrap_or_else(|e| {
            eprintln!("fuzz: {}: {e}", path.display());
            std::process::exit(2);
        });
        run(&args.target, &input);
        println!("fuzz: {} ran cleanly", path.display());
        return;
    }
    let seeds = seeds(&args.shared, &args.target);
    if seeds.is_empty() {
        eprintln!("fuzz: no seeds under {}", args.shared.display());
        std::process::exit(2);
    }
    let out_dir = std::env::temp_dir().join(format!("dossier-fuzz-{}-{}", args.target, args.seed));
    let last_panic: Arc<Mutex<String>> = Arc::default();
    let hook_panic = Arc::clone(&last_panic);
    panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut p) = hook_panic.lock() {
            *p = format!("{at}: {msg}");
        }
    }));
    let mut rng = Rng(args.seed);
    let deadline = Instant::now() + Duration::from_secs_f64(args.minutes * 60.0);
    let (mut runs, mut findings) = (0u64, Vec::<String>::new());
    println!(
        "fuzz: target {}, {} seeds, seed {}, {} min",
        args.target,
        seeds.len(),
        args.seed,
        args.minutes
    );
    while Instant::now() < deadline {
        let a = &seeds[rng.below(seeds.len())];
        let b = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, a, b);
        let started = Instant::now();
        let result = panic::catch_unwind(AssertUnwindSafe(|| run(&args.target, &input)));
        let took = started.elapsed();
        runs += 1;
        let finding = match result {
            Err(_) => Some(
                last_panic
                    .lock()
                    .map(|p| format!("panic at {p}"))
                    .unwrap_or_default(),
            ),
            Ok(()) if took > SLOW => Some(format!("slow: {took:?} on {} bytes", input.len())),
            Ok(()) => None,
        };
        if let Some(what) = finding {
            let key = what.split(": ").take(2).collect::<Vec<_>>().join(": ");
            if findings.iter().any(|f| f.starts_with(&key)) {
                continue;
            }
            let _ = std::fs::create_dir_all(&out_dir);
            let file = out_dir.join(format!("finding-{}.bin", findings.len() + 1));
            let _ = std::fs::write(&file, &input);
            println!(
                "finding: {} (reproducer {})",
                message_line(&what),
                file.display()
            );
            findings.push(what);
        }
    }
    println!(
        "fuzz: target {}: {runs} inputs, {} distinct finding(s)",
        args.target,
        findings.len()
    );
    if !findings.is_empty() {
        std::process::exit(1);
    }
}
