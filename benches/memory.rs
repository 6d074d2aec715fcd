//! Peak memory by stage, read from the kernel (`VmHWM`, the resident high-water
//! mark, and `VmRSS`) after each step of opening the 100k-article corpus:
//! reading and cleaning the files, then dating and building the search
//! index. The whole-process figure comes from `/usr/bin/time -v` (see
//! `benches/process.sh`); this one says which stage sets it.
//!
//! cargo bench --bench memory

mod common;

use std::path::PathBuf;

use dossier::corpus::load_paths;
use dossier::library::Library;

fn main() {
    common::only_under_cargo_bench("memory");
    let corpus = std::env::var_os("DOSSIER_MEMORY_CORPUS")
        .map(PathBuf::from)
        .or_else(common::corpus100k);
    let Some(corpus) = corpus else {
        return;
    };
    println!("{}", corpus.display());
    stage("start");
    let loaded = load_paths(&[corpus]).expect("the benchmark corpus exists");
    let body: usize = loaded.articles.iter().map(|a| a.body.len()).sum();
    stage(&format!(
        "after load_paths ({} articles, {:.1} MB body)",
        loaded.articles.len(),
        body as f64 / 1e6
    ));
    let lib = Library::new(loaded);
    lib.search_index();
    stage("after Library::new (dates, search index)");
    let hits = lib.query("kushner").map(|r| r.len()).unwrap_or(0);
    stage(&format!("after query \"kushner\" ({hits} hits)"));
    if std::env::var_os("DOSSIER_MEMORY_ENTITIES").is_some() {
        let n = lib.entities().entities.len();
        stage(&format!("after entities() ({n} entities)"));
        let n = lib.related_index().len();
        stage(&format!("after related_index() ({n} reports)"));
    }
}

fn stage(label: &str) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| format!("{:.0} MB", kb as f64 / 1024.0))
            .unwrap_or_else(|| "?".into())
    };
    println!(
        "{label:<52} peak {:>8}  now {:>8}",
        field("VmHWM:"),
        field("VmRSS:")
    );
}
