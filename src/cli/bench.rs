//! `dossier bench`: how fast the reader is on a person's own corpus. Opens
//! it, draws the first frame, waits for the search index, then types queries one character at a time
//! through the same list worker the reader uses (words from the corpus's own
//! titles and bodies, a negation, a phrase, a date range and, once the names
//! are found, a `person:` term), drawing a full frame (list, reading view,
//! side panel) on a 200×60 test screen after each answer. The side panel's
//! view of a newly selected article comes from the view worker, as in the
//! reader; the bench waits for it before drawing, and reports its time.
//! With the names it also waits for the related reports, so the peak memory
//! is that of a reader with everything ready.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Serialize;

use crate::extract::entities::EntityKind;
use crate::index::query::{Field, field_term};
use crate::library::{Library, OpenOptions, Readiness};
use crate::text::{fold, words};
use crate::tui::{self, app::App};
use crate::worker::{ListWorker, channel_worker, view_channel_worker};

/// The figures, in milliseconds and bytes.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub text_bytes: usize,
    pub open_ms: f64,
    pub first_frame_ms: f64,
    /// The first frame showed the last open of the folders, as the reader
    /// does when the cache holds it (the folders are checked after).
    pub from_last_open: bool,
    /// When the check of the folders against the last open ended (0 when
    /// the open looked at them itself), and whether they were unchanged.
    pub checked_ms: f64,
    pub still_current: bool,
    /// When the search index was ready (typing starts then).
    pub words_ready_ms: f64,
    /// 0 when the bench did not wait for the names.
    pub names_ready_ms: f64,
    /// When related reports and duplicate groups were ready (the bench
    /// waits for them after typing, with the names); 0 when it did not.
    pub related_ready_ms: f64,
    pub queries: Vec<String>,
    pub keystrokes: usize,
    pub keystroke_p50_ms: f64,
    pub keystroke_p99_ms: f64,
    pub keystroke_max_ms: f64,
    /// The slowest keystrokes, slowest first: the query as typed so far
    /// and its milliseconds.
    pub slowest_keys: Vec<(String, f64)>,
    /// Keys whose search ran long enough to show what it had found so far
    /// first (a keystroke is timed to its first answer).
    pub partial_answers: usize,
    /// From a key to its whole list.
    pub whole_list_p50_ms: f64,
    pub whole_list_p99_ms: f64,
    pub render_p50_ms: f64,
    pub render_p99_ms: f64,
    /// From asking the view worker for a newly selected article's side
    /// panel view to its answer.
    pub view_p99_ms: f64,
    pub peak_rss_bytes: u64,
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// The value at quantile `q` of `values` (sorted here).
fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let at = ((values.len() - 1) as f64 * q).round() as usize;
    values[at]
}

/// Peak resident memory of this process, where the system tells it.
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Words a person might type: the longer words of titles and bodies spread
/// over the corpus, most frequent first, deterministic for a given corpus.
fn corpus_words(lib: &Library, from_titles: bool, n: usize) -> Vec<String> {
    let articles = lib.articles();
    let step = (articles.len() / 2000).max(1);
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for a in articles.iter().step_by(step) {
        let text = if from_titles {
            fold(&a.title)
        } else {
            fold(
                crate::corpus::paragraphs(&a.body.read())
                    .next()
                    .unwrap_or(""),
            )
        };
        for w in words(&text).filter(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic)) {
            *counts.entry(w.to_string()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Skip the most common words (every corpus's "said"), take a spread.
    ranked
        .into_iter()
        .skip(3)
        .step_by(7)
        .take(n)
        .map(|(w, _)| w)
        .collect()
}

/// Two neighbouring words of a body, as a phrase.
fn corpus_phrase(lib: &Library) -> Option<String> {
    let articles = lib.articles();
    let a = articles.get(articles.len() / 3)?;
    let body = a.body.read();
    let folded = fold(crate::corpus::paragraphs(&body).next()?);
    let ws: Vec<&str> = words(&folded).filter(|w| w.len() >= 4).collect();
    let i = ws.len() / 2;
    Some(format!("\"{} {}\"", ws.get(i)?, ws.get(i + 1)?))
        .filter(|_| folded.contains(&format!("{} {}", ws[i], ws[i + 1])))
}

/// A month range around the corpus's middle date.
fn corpus_dates(lib: &Library) -> Option<String> {
    let mut dates: Vec<_> = lib
        .articles()
        .iter()
        .filter_map(|a| a.date.map(|d| d.start))
        .collect();
    if dates.is_empty() {
        return None;
    }
    let mid = dates.len() / 2;
    let (_, d, _) = dates.select_nth_unstable(mid);
    let from = d.format("%Y-%m");
    let to = (*d + chrono::Duration::days(62)).format("%Y-%m");
    Some(format!("date:{from}..{to}"))
}

/// Runs the benchmark on `paths` (the sample when empty), with the store
/// as `options` say: a first run is cold, the next warm. With `names`
/// false it neither waits for the names nor types a `person:` term (for
/// corpora whose first extraction takes many minutes).
pub fn run(paths: &[PathBuf], options: &OpenOptions, names: bool) -> anyhow::Result<BenchReport> {
    let started = Instant::now();
    let lib = Arc::new(Library::open_with(paths, options)?);
    let open = started.elapsed();

    let (ready_tx, ready_rx) = mpsc::channel();
    lib.prepare_in_background(move |what| {
        let _ = ready_tx.send((what, started.elapsed()));
    });

    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let mut app = App::new(Arc::clone(&lib));
    // As in the reader, lists the first frame asks for (the timeline's)
    // go to a worker; the frame never waits for them.
    app.use_worker(ListWorker::spawn(Arc::clone(&lib), |_| {}));
    let (views, view_answers) = view_channel_worker(Arc::clone(&lib));
    app.use_view_worker(views);
    tui::render(&mut terminal, &mut app)?;
    let first_frame = started.elapsed();
    // As in the reader, the folders are checked against the last open in
    // the background.
    let from_last_open = lib.opened_from_last();
    let (checked_tx, checked_rx) = mpsc::channel();
    lib.check_in_background(paths, move |current| {
        let _ = checked_tx.send((current, started.elapsed()));
    });
    app.update(tui::keys::Action::StartFilter);

    // Keystrokes are timed in a reader whose words are indexed; a key
    // typed before that waits for the index on the list worker.
    let mut arrived: Vec<(Readiness, Duration)> = Vec::new();
    let mut wait_for = |what: Readiness| -> Option<Duration> {
        loop {
            if let Some(&(_, at)) = arrived.iter().find(|(w, _)| *w == what) {
                return Some(at);
            }
            arrived.push(ready_rx.recv().ok()?);
        }
    };
    let words_ready = wait_for(Readiness::Words);

    let (worker, answers) = channel_worker(Arc::clone(&lib));
    // In the reader one worker answers the first frame's list and then the
    // keys; here the keys have a worker of their own, which answers that
    // first list too before typing starts (building its timeline).
    let (generation, request) = app.filter_request(String::new());
    worker.request(generation, request);
    while answers.recv()?.1.as_ref().is_ok_and(|l| l.partial) {}
    let mut keystrokes: Vec<f64> = Vec::new();
    let mut typed: Vec<String> = Vec::new();
    let mut renders: Vec<f64> = Vec::new();
    let mut whole: Vec<f64> = Vec::new();
    let mut partials = 0;
    let mut view_times: Vec<f64> = Vec::new();
    let mut type_query = |query: &str, app: &mut App| -> anyhow::Result<()> {
        for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let (generation, request) = app.filter_request(query[..end].to_string());
            let sent = Instant::now();
            worker.request(generation, request);
            // The first answer is what the key shows: the whole list, or
            // what a long search has found so far, the whole list after.
            let (mut g, mut answer) = answers.recv()?;
            keystrokes.push(ms(sent.elapsed()));
            typed.push(query[..end].to_string());
            loop {
                let partial = matches!(&answer, Ok(l) if l.partial);
                if !partial {
                    whole.push(ms(sent.elapsed()));
                }
                partials += usize::from(partial);
                app.apply_listing(g, answer);
                // The view of a newly selected article, as the frame shows
                // it once the worker answers.
                let asked = Instant::now();
                if let Some(generation) = app.request_view() {
                    loop {
                        let (vg, article, view) = view_answers.recv()?;
                        if vg == generation {
                            view_times.push(ms(asked.elapsed()));
                            app.apply_view(vg, article, &view);
                            break;
                        }
                    }
                }
                let drawn = Instant::now();
                tui::render(&mut terminal, app)?;
                renders.push(ms(drawn.elapsed()));
                if !partial {
                    break;
                }
                (g, answer) = answers.recv()?;
            }
        }
        Ok(())
    };

    let mut queries: Vec<String> = Vec::new();
    queries.extend(corpus_words(&lib, true, 4));
    queries.extend(corpus_words(&lib, false, 3));
    if let Some(w) = corpus_words(&lib, false, 5).last() {
        queries.push(format!("-{w}"));
    }
    if let Some(p) = corpus_phrase(&lib) {
        queries.push(p);
    }
    if let Some(d) = corpus_dates(&lib) {
        queries.push(d);
    }
    for q in &queries {
        type_query(q, &mut app)?;
    }

    // The names: wait for them, then type a person's name.
    let names_ready = if names {
        wait_for(Readiness::Names)
    } else {
        None
    };
    let person = names
        .then(|| lib.entities())
        .into_iter()
        .flat_map(|table| &table.entities)
        .find(|e| e.kind == EntityKind::Person)
        .map(|e| {
            field_term(
                Field::Person,
                e.name.split_whitespace().last().unwrap_or(&e.name),
            )
        });
    if let Some(p) = person {
        type_query(&p, &mut app)?;
        queries.push(p);
    }

    // Related reports come last; the peak memory counts them.
    let related_ready = if names {
        wait_for(Readiness::Related)
    } else {
        None
    };

    let (still_current, checked) = match checked_rx.recv() {
        Ok((current, at)) => (current, Some(at)),
        Err(_) => (true, None),
    };
    // The reader keeps an open of the folders for the next in the
    // background: waited for here (it is done by now, or under way), so
    // the next run opens from it. When the folders changed, the reader
    // would open them again and keep that.
    if still_current {
        lib.keep_last_open();
    } else {
        let options = OpenOptions {
            last_open: false,
            ..options.clone()
        };
        Library::open_with(paths, &options)?.keep_last_open();
    }

    let count = keystrokes.len();
    let mut slowest: Vec<(String, f64)> = typed.into_iter().zip(keystrokes.clone()).collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    slowest.truncate(5);
    Ok(BenchReport {
        articles: lib.articles().len(),
        text_bytes: lib.articles().iter().map(|a| a.body.len()).sum(),
        open_ms: ms(open),
        first_frame_ms: ms(first_frame),
        from_last_open,
        checked_ms: checked.map_or(0.0, ms),
        still_current,
        words_ready_ms: words_ready.map_or(0.0, ms),
        names_ready_ms: names_ready.map_or(0.0, ms),
        related_ready_ms: related_ready.map_or(0.0, ms),
        queries,
        keystrokes: count,
        keystroke_p50_ms: quantile(&mut keystrokes, 0.5),
        keystroke_p99_ms: quantile(&mut keystrokes, 0.99),
        keystroke_max_ms: quantile(&mut keystrokes, 1.0),
        slowest_keys: slowest,
        partial_answers: partials,
        whole_list_p50_ms: quantile(&mut whole, 0.5),
        whole_list_p99_ms: quantile(&mut whole, 0.99),
        render_p50_ms: quantile(&mut renders, 0.5),
        render_p99_ms: quantile(&mut renders, 0.99),
        view_p99_ms: quantile(&mut view_times, 0.99),
        peak_rss_bytes: peak_rss(),
    })
}

/// The report as text.
pub fn write_report(out: &mut dyn Write, r: &BenchReport) -> io::Result<()> {
    writeln!(
        out,
        "{} articles, {:.1} MB of text",
        r.articles,
        r.text_bytes as f64 / 1e6
    )?;
    writeln!(out, "open           {:>9.1} ms", r.open_ms)?;
    writeln!(
        out,
        "first frame    {:>9.1} ms{}",
        r.first_frame_ms,
        if r.from_last_open {
            " (the last open)"
        } else {
            ""
        }
    )?;
    if r.from_last_open {
        writeln!(
            out,
            "folders checked{:>9.1} ms ({})",
            r.checked_ms,
            if r.still_current {
                "unchanged"
            } else {
                "changed: opened again"
            }
        )?;
    }
    writeln!(out, "words indexed  {:>9.1} ms", r.words_ready_ms)?;
    writeln!(out, "names ready    {:>9.1} ms", r.names_ready_ms)?;
    writeln!(out, "related ready  {:>9.1} ms", r.related_ready_ms)?;
    writeln!(
        out,
        "keystroke      {:>9.2} ms p50, {:.2} ms p99, {:.2} ms max ({} keys)",
        r.keystroke_p50_ms, r.keystroke_p99_ms, r.keystroke_max_ms, r.keystrokes
    )?;
    let slowest: Vec<String> = r
        .slowest_keys
        .iter()
        .map(|(q, t)| format!("{} {t:.1} ms", crate::text::sanitize(q)))
        .collect();
    writeln!(out, "slowest keys   {}", slowest.join(" | "))?;
    writeln!(
        out,
        "whole list     {:>9.2} ms p50, {:.2} ms p99 ({} keys showed a partial list first)",
        r.whole_list_p50_ms, r.whole_list_p99_ms, r.partial_answers
    )?;
    writeln!(
        out,
        "render         {:>9.2} ms p50, {:.2} ms p99",
        r.render_p50_ms, r.render_p99_ms
    )?;
    writeln!(out, "side view      {:>9.2} ms p99", r.view_p99_ms)?;
    writeln!(
        out,
        "peak memory    {:>9.1} MB",
        r.peak_rss_bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "queries typed: {}",
        crate::text::sanitize(&r.queries.join(" | "))
    )
}
