//! Entity extraction throughput (MB/s of clean body, on all cores as the
//! library runs it), alias resolution, and the related-report index build,
//! on Reuters-21578 and BBC.
//!
//! cargo bench --bench extract

mod common;

use dossier::extract::entities::resolve_aliases;
use dossier::extract::recognise_entities;
use dossier::index::related::RelatedIndex;
use dossier::library::Library;
use rayon::prelude::*;

fn main() {
    common::only_under_cargo_bench("extract");
    let Some(shared) = common::shared() else {
        return;
    };
    println!("rayon threads: {}", rayon::current_num_threads());
    for (name, folder) in [("BBC", "corpora/bbc"), ("Reuters", "corpora/reuters21578")] {
        let lib = Library::open(&[shared.join(folder)]).expect("the corpus exists");
        bench_corpus(name, &lib);
    }
}

fn bench_corpus(name: &str, lib: &Library) {
    let bodies: Vec<&str> = lib.articles().iter().map(|a| a.body.as_str()).collect();
    let mb = bodies.iter().map(|b| b.len()).sum::<usize>() as f64 / 1e6;
    println!("{name}: {} articles, {mb:.1} MB body", bodies.len());
    let mut found = Vec::new();
    let s = common::measure(&format!("{name}: recognise entities"), 3, || {
        found = bodies.par_iter().map(|b| recognise_entities(b)).collect();
        format!("{} mentions", found.iter().map(Vec::len).sum::<usize>())
    });
    println!(
        "{name}: recognition throughput {:.2} MB/s (median), {:.2} MB/s (best)",
        mb / s.median.as_secs_f64(),
        mb / s.min.as_secs_f64()
    );
    let sample: Vec<&str> = bodies.iter().copied().take(2000).collect();
    let sample_mb = sample.iter().map(|b| b.len()).sum::<usize>() as f64 / 1e6;
    let s = common::measure(&format!("{name}: recognise, one thread, 2k"), 3, || {
        sample
            .iter()
            .map(|b| recognise_entities(b).len())
            .sum::<usize>()
    });
    println!(
        "{name}: one-thread throughput {:.2} MB/s (median)",
        sample_mb / s.median.as_secs_f64()
    );
    common::measure(&format!("{name}: resolve aliases"), 3, || {
        format!("{} entities", resolve_aliases(&found).entities.len())
    });
    let all = lib.bodies();
    let docs = lib.related_docs(&all);
    common::measure(&format!("{name}: build related index"), 3, || {
        let index = RelatedIndex::build(&docs);
        format!("{} reports, {} groups", index.len(), index.groups().len())
    });
    let index = RelatedIndex::build(&docs);
    common::measure(
        &format!("{name}: related(i, 10) for 200 articles"),
        3,
        || {
            (0..200.min(docs.len()))
                .map(|i| {
                    index
                        .related(i * docs.len() / 200, 10, &|d| lib.body(d))
                        .len()
                })
                .sum::<usize>()
        },
    );
}
