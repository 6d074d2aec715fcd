//! Times `dossier diff` and quote finding on a real corpus: every pair of
//! neighbouring articles (in corpus order) is compared, and every article's
//! quotes are found with its names.
//!
//! ```text
//! cargo run --release --example story_speed -- ../shared/corpora/bbc
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use dossier::library::Library;

fn main() -> Result<()> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let lib = Library::open(&paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let n = lib.articles().len();
    let mut times = Vec::with_capacity(n);
    for i in 1..n {
        let t = Instant::now();
        let d = lib.diff(i - 1, i);
        std::hint::black_box(d);
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("diff of two articles", &mut times);

    lib.entities();
    let mut times = Vec::with_capacity(n);
    let mut quotes = 0;
    for i in 0..n {
        let t = Instant::now();
        quotes += lib.quotes(i).len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("quotes of one article", &mut times);
    println!("{quotes} quotes in {n} articles");
    Ok(())
}

fn report(what: &str, times: &mut [f64]) {
    if times.is_empty() {
        return;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{what}: {} runs, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
