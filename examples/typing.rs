//! Times typing queries one character at a time through `Library::list_early`
//! (the list worker's call), without the background indexing: where a
//! keystroke's time goes on a large corpus, to the first answer (what a long
//! search has found so far) and to the whole list.
//!
//! `cargo run --release --example typing -- PATH [QUERY...]`

use std::path::PathBuf;
use std::time::Instant;

use dossier::index::listing::{ListCache, ListRequest};
use dossier::library::Library;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/tmp/corpus100k.jsonl".into()),
    );
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = ["kushner", "oil prices", "-oil", "trade", "title:bank"]
            .map(String::from)
            .to_vec();
    }
    // One JSON Lines file of a large corpus is past the default size limit.
    dossier::corpus::set_max_file_size(u64::MAX);
    let t = Instant::now();
    let lib = Library::open(&[path])?;
    eprintln!(
        "open {:.0} ms, {} articles",
        t.elapsed().as_secs_f64() * 1e3,
        lib.articles().len()
    );
    let mut cache = ListCache::default();
    for q in &queries {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let request = ListRequest {
                query: q[..end].to_string(),
                timeline_width: 40,
                ..ListRequest::default()
            };
            let t = Instant::now();
            let cpu = cpu_ms();
            let mut first: Option<f64> = None;
            let mut early = |_: dossier::index::listing::Listing| {
                first = Some(t.elapsed().as_secs_f64() * 1e3);
            };
            let rows = lib
                .list_early(
                    &request,
                    &mut cache,
                    &|| false,
                    Some((dossier::index::search::EARLY, &mut early)),
                )
                .map(|l| l.rows.len());
            let whole = t.elapsed().as_secs_f64() * 1e3;
            println!(
                "{:>8.2} ms first {:>8.2} ms wall {:>8.2} ms cpu {:>7}  {}",
                first.unwrap_or(whole),
                whole,
                cpu_ms() - cpu,
                rows.unwrap_or(0),
                &q[..end]
            );
        }
    }
    Ok(())
}

/// CPU time of the whole process (all threads), in milliseconds: steadier
/// than wall time on a busy machine.
fn cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}
