//! What every benchmark shares: finding the corpora, skipping gracefully
//! where they are absent, and timing a closure over several runs with
//! `Instant`, reported as median, min and max.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Exits quietly unless run by `cargo bench`: `cargo test --benches` runs
/// bench targets too, and these take minutes.
pub fn only_under_cargo_bench(name: &str) {
    if !std::env::args().any(|a| a == "--bench") {
        println!("{name}: benchmarks run only under `cargo bench`; skipped");
        std::process::exit(0);
    }
}

/// The shared corpora folder: `$DOSSIER_SHARED`, else `../shared` beside the
/// project, else `/work/shared`. `None` (after a note) when there is none.
pub fn shared() -> Option<PathBuf> {
    let candidates = std::env::var_os("DOSSIER_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            PathBuf::from("/work/shared"),
        ]);
    for c in candidates {
        if c.join("corpora").is_dir() {
            return Some(c);
        }
    }
    println!("note: no shared corpora (../shared or $DOSSIER_SHARED); skipped");
    None
}

/// The generated large corpus: `$DOSSIER_CORPUS100K`, else `/tmp/corpus100k`.
pub fn corpus100k() -> Option<PathBuf> {
    let path = std::env::var_os("DOSSIER_CORPUS100K")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/corpus100k"));
    if path.is_dir() {
        Some(path)
    } else {
        println!(
            "note: {} absent; generate it with \
             `cargo run --release --example gen_corpus -- --n 100000 --out {}`; skipped",
            path.display(),
            path.display()
        );
        None
    }
}

/// Median, fastest and slowest of several runs.
pub struct Stats {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
}

/// Runs `f` `runs` times and prints `label: median (min .. max), n runs`
/// with whatever `f` last returned as a note. Returns the statistics.
pub fn measure<T: std::fmt::Display>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> Stats {
    let mut times = Vec::with_capacity(runs);
    let mut note = String::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        note = out.to_string();
    }
    report(label, times, &note)
}

/// As `measure`, for a closure that times the part worth timing itself and
/// returns that duration with its note.
pub fn measure_own(label: &str, runs: usize, mut f: impl FnMut() -> (Duration, String)) -> Stats {
    let mut times = Vec::with_capacity(runs);
    let mut note = String::new();
    for _ in 0..runs.max(1) {
        let (took, out) = f();
        times.push(took);
        note = out;
    }
    report(label, times, &note)
}

fn report(label: &str, mut times: Vec<Duration>, note: &str) -> Stats {
    times.sort();
    let stats = Stats {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
    };
    println!(
        "{label:<44} median {:>10} min {:>10} max {:>10} ({} runs) {note}",
        show(stats.median),
        show(stats.min),
        show(stats.max),
        times.len()
    );
    stats
}

/// A duration in the unit that reads best.
pub fn show(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}
