//! Filter-bar latency: the queries a person types, keystroke by keystroke,
//! run through `Library::query` on the generated 100k-article corpus. Entity
//! terms need the entity table: its first build is timed on its own, then
//! the queries run warm.
//!
//! cargo bench --bench query

mod common;

use std::time::Instant;

use dossier::library::Library;

const SEQUENCES: &[&[&str]] = &[
    &["k", "ku", "kus", "kush", "kushn", "kushne", "kushner"],
    &["date:1987-03"],
    &["-oil", "-oil \"interest rates\""],
    &["oil", "oil price", "oil prices opec"],
    &["title:bank"],
];

fn main() {
    common::only_under_cargo_bench("query");
    let Some(big) = common::corpus100k() else {
        return;
    };
    let t = Instant::now();
    let lib = Library::open(&[big]).expect("the benchmark corpus exists");
    println!(
        "opened {} articles in {}",
        lib.articles().len(),
        common::show(t.elapsed())
    );
    run_sequences(&lib);
    // The entity table of 100k articles takes minutes; profiling the text
    // queries alone is quicker without it.
    if std::env::var_os("DOSSIER_BENCH_SKIP_ENTITIES").is_some() {
        return;
    }
    let t = Instant::now();
    let table = lib.entities();
    println!(
        "entity table (first person: query pays it): {} entities in {}",
        table.entities.len(),
        common::show(t.elapsed())
    );
    for q in ["p", "person:putin", "place:moscow", "person:putin -oil"] {
        time_query(&lib, q);
    }
    if std::env::var_os("DOSSIER_BENCH_QUERY_BBC").is_some()
        && let Some(shared) = common::shared()
    {
        let bbc = Library::open(&[shared.join("corpora/bbc")]).expect("the BBC corpus exists");
        run_sequences(&bbc);
    }
}

fn run_sequences(lib: &Library) {
    for seq in SEQUENCES {
        for q in *seq {
            time_query(lib, q);
        }
    }
}

fn time_query(lib: &Library, q: &str) {
    common::measure(&format!("query {q:?}"), 9, || match lib.query(q) {
        Ok(r) => format!("{} hits", r.len()),
        Err(e) => format!("error: {e}"),
    });
}
