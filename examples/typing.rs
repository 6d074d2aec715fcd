//! Times typing queries one character at a time through `Library::list_with`
//! (the list worker's call), without the background indexing: where a
//! keystroke's time goes on a large corpus.
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
            let rows = lib
                .list_with(&request, &mut cache, &|| false)
                .map(|l| l.rows.len());
            println!(
                "{:>8.2} ms wall {:>8.2} ms cpu {:>7}  {}",
                t.elapsed().as_secs_f64() * 1e3,
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
