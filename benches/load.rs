//! Load and index: `Library::open` (read, decode, clean, date undated
//! articles, build the search index) on the BBC corpus and on the generated
//! 100k-article corpus, as folders of `.txt` and as one JSON Lines file.
//!
//! cargo bench --bench load

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier::library::Library;

fn main() {
    common::only_under_cargo_bench("load");
    if let Some(shared) = common::shared() {
        let bbc = shared.join("corpora/bbc");
        common::measure_own("open BBC (2,225 .txt)", 7, || open(&bbc));
        let reuters = shared.join("corpora/reuters21578");
        common::measure_own("open Reuters (22 .json, 21,578)", 5, || open(&reuters));
    }
    if let Some(big) = common::corpus100k() {
        common::measure_own("open corpus100k (100,000 .txt)", 3, || open(&big));
        let jsonl = big.with_extension("jsonl");
        if jsonl.is_file() {
            // One file of ~90 MB: past the default limit a user's folder
            // has, which is there for stray files, not for this one.
            dossier::corpus::set_max_file_size(u64::MAX);
            common::measure_own("open corpus100k.jsonl (one file)", 3, || open(&jsonl));
        }
    }
}

/// Opens the corpus; the time to free it is left out of the measure and
/// reported beside it, since a process that exits never pays it.
fn open(path: &std::path::Path) -> (Duration, String) {
    let t = Instant::now();
    let lib = Library::open(&[PathBuf::from(path)]).expect("the benchmark corpus exists");
    lib.search_index();
    let opened = t.elapsed();
    let bytes: usize = lib.articles().iter().map(|a| a.body.len()).sum();
    let note = format!(
        "{} articles, {:.1} MB body",
        lib.articles().len(),
        bytes as f64 / 1e6
    );
    let t = Instant::now();
    drop(lib);
    let freed = t.elapsed();
    (opened, format!("{note}; last drop {}", common::show(freed)))
}
