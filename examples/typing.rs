//! Times typing queries one character at a time through `Library::list_early`
//! (the list worker's call), without the background indexing: where a
//! keystroke's time goes on a large corpus, to the first answer (what a long
//! search has found so far) and to the whole list.
//!
//! `cargo run --release --example typing -- [--store] [--names] [--rounds N] PATH [QUERY...]`
//!
//! Per key: the first answer's wall and CPU time (of the whole process,
//! all threads: steadier on a busy machine), the whole list's, and the
//! rows.
//!
//! `--store` opens the corpus through the cache (the XDG folders), as the
//! reader does: a folder of a million articles opens warm in seconds.
//! `--names` finds (or reads back) the names before typing, so `person:`,
//! `place:` and `org:` values can be typed; each such key also prints how
//! long the entity table alone takes to answer the value. `--rounds N`
//! types every query N times and prints, per key, the slowest first answer.

use std::path::PathBuf;
use std::time::Instant;

use dossier::index::listing::{ListCache, ListRequest};
use dossier::index::query::{Condition, parse_query};
use dossier::index::search::EntityFilter;
use dossier::library::{Library, OpenOptions, StoreChoice};

fn main() -> anyhow::Result<()> {
    let mut store = false;
    let mut names = false;
    let mut rounds = 1usize;
    let mut rest: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--store" => store = true,
            "--names" => names = true,
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("--rounds needs a number"))?
            }
            _ => rest.push(a),
        }
    }
    let mut rest = rest.into_iter();
    let path = PathBuf::from(
        rest.next()
            .unwrap_or_else(|| "/tmp/corpus100k.jsonl".into()),
    );
    let mut queries: Vec<String> = rest.collect();
    if queries.is_empty() {
        queries = ["kushner", "oil prices", "-oil", "trade", "title:bank"]
            .map(String::from)
            .to_vec();
    }
    // One JSON Lines file of a large corpus is past the default size limit.
    dossier::corpus::set_max_file_size(u64::MAX);
    let t = Instant::now();
    let lib = if store {
        let options = OpenOptions {
            store: StoreChoice::Environment,
            last_open: false,
        };
        Library::open_with(&[path], &options)?
    } else {
        Library::open(&[path])?
    };
    eprintln!(
        "open {:.0} ms, {} articles",
        t.elapsed().as_secs_f64() * 1e3,
        lib.articles().len()
    );
    let t = Instant::now();
    lib.search_index();
    eprintln!("words {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    if names {
        let t = Instant::now();
        let table = lib.entities();
        eprintln!(
            "names {:.0} ms, {} entities",
            t.elapsed().as_secs_f64() * 1e3,
            table.entities.len()
        );
        // As the reader does once the names are found, in the background.
        let t = Instant::now();
        lib.name_index();
        eprintln!("names indexed {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    // Per key typed: the slowest first answer over the rounds.
    let mut slowest: Vec<(String, f64)> = Vec::new();
    for round in 0..rounds {
        let mut cache = ListCache::default();
        // As the reader does before the first key: the whole corpus is
        // listed, which builds the timeline.
        let all = ListRequest {
            timeline_width: 40,
            ..ListRequest::default()
        };
        lib.list_early(&all, &mut cache, &|| false, None)?;
        let mut k = 0;
        for q in &queries {
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let typed = &q[..end];
                let request = ListRequest {
                    query: typed.to_string(),
                    timeline_width: 40,
                    ..ListRequest::default()
                };
                let t = Instant::now();
                let cpu = cpu_ms();
                let mut first: Option<(f64, f64)> = None;
                let mut early = |_: dossier::index::listing::Listing| {
                    first = Some((t.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu));
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
                let cpu = cpu_ms() - cpu;
                let (first, first_cpu) = first.unwrap_or((whole, cpu));
                let table = names.then(|| entity_ms(&lib, typed)).flatten();
                if rounds == 1 {
                    println!(
                        "{first:>8.2} ms first ({first_cpu:>7.2} cpu) {whole:>8.2} ms wall {cpu:>8.2} ms cpu {:>7}{}  {typed}",
                        rows.unwrap_or(0),
                        table.map_or(String::new(), |(indexed, every)| format!(
                            " names {indexed:>6.2} ms indexed, {every:>6.2} ms every entity"
                        ))
                    );
                }
                if round == 0 {
                    slowest.push((typed.to_string(), first));
                } else {
                    slowest[k].1 = slowest[k].1.max(first);
                }
                k += 1;
            }
        }
    }
    if rounds > 1 {
        for (typed, ms) in &slowest {
            println!("{ms:>8.2} ms first (slowest of {rounds})  {typed}");
        }
    }
    Ok(())
}

/// How long the names' index alone takes to answer the query's entity
/// terms (all of them), when it has any, and how long matching every entity
/// of the table takes.
fn entity_ms(lib: &Library, typed: &str) -> Option<(f64, f64)> {
    let query = parse_query(typed).ok()?;
    let table = lib.entities();
    let index = lib.name_index()?;
    let values: Vec<_> = query
        .terms
        .iter()
        .filter_map(|term| match &term.condition {
            Condition::Field(field, value) => Some((*field, value.as_str())),
            _ => None,
        })
        .collect();
    let t = Instant::now();
    let mut any = false;
    for &(field, value) in &values {
        if let Some(list) = index.articles_matching(table, field, value) {
            any = true;
            std::hint::black_box(list);
        }
    }
    let indexed = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    for &(field, value) in &values {
        std::hint::black_box(table.articles_matching(field, value));
    }
    any.then(|| (indexed, t.elapsed().as_secs_f64() * 1e3))
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
