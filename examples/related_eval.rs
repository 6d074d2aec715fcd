//! Scores related-report ranking against labels the corpus already carries:
//! the share of each report's top related reports that share a Reuters topic
//! (`metadata.topics`) or sit in the same folder (BBC's five sections).
//! Labels are coarser than "the same event", so the figures compare rankings
//! with each other rather than measure them absolutely.
//!
//! ```text
//! cargo run --release --example related_eval -- topics ../shared/corpora/reuters21578
//! cargo run --release --example related_eval -- folder ../shared/corpora/bbc
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use dossier::library::Library;
use rayon::prelude::*;

const K: usize = 5;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, dir] = args.as_slice() else {
        bail!("usage: related_eval topics|folder DIR");
    };
    let lib = Library::open(&[PathBuf::from(dir)])?;
    let articles = &lib.corpus.articles;
    let labels: Vec<BTreeSet<String>> = articles
        .iter()
        .map(|a| match mode.as_str() {
            "topics" => a
                .metadata
                .get("topics")
                .and_then(|t| t.as_array())
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            _ => Path::new(&*a.path)
                .parent()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().into_owned())
                .into_iter()
                .collect(),
        })
        .collect();
    let index = lib.related_index();
    // (hits in the top K, pairs judged, hits at rank 1, reports judged)
    let (hits, pairs, first_hits, judged) = (0..articles.len())
        .into_par_iter()
        .filter(|&a| !labels[a].is_empty())
        .map(|a| {
            let top: Vec<bool> = index
                .related(a, 3 * K, &|d| lib.body(d))
                .iter()
                .filter(|r| !labels[r.doc].is_empty())
                .take(K)
                .map(|r| !labels[a].is_disjoint(&labels[r.doc]))
                .collect();
            let hits = top.iter().filter(|&&h| h).count();
            let first = top.first().copied();
            (
                hits,
                top.len(),
                usize::from(first == Some(true)),
                usize::from(first.is_some()),
            )
        })
        .reduce(
            || (0, 0, 0, 0),
            |x, y| (x.0 + y.0, x.1 + y.1, x.2 + y.2, x.3 + y.3),
        );
    println!(
        "{} reports with labels; top-{K} share a label: {:.4} ({pairs} pairs); top-1: {:.4} ({judged} reports)",
        labels.iter().filter(|l| !l.is_empty()).count(),
        hits as f64 / pairs.max(1) as f64,
        first_hits as f64 / judged.max(1) as f64,
    );
    Ok(())
}
