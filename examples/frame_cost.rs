//! The reader's frame when the selection moves, with the names and related
//! reports ready (as they are a minute after opening a large corpus): the
//! CPU time of the side panel's view (`Library::article_view` and its rows)
//! and of the reading view's wrap for articles spread over the corpus, then
//! of a full 200×60 frame after each `j`, with the view made inline in the
//! frame and with the view worker, whose answer is applied and drawn as the
//! reader's loop does. Times are the main thread's CPU time, so other work
//! on the machine does not count.
//!
//! ```text
//! cargo run --release --example frame_cost -- /tmp/corpus100k
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use dossier::library::{Library, OpenOptions, StoreChoice};
use dossier::tui::reader::ReaderView;
use dossier::tui::side::side_rows;
use dossier::tui::{self, Input, app::App};
use dossier::worker::{ListWorker, view_channel_worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Milliseconds of CPU this thread has used.
fn cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

fn report(what: &str, times: &mut [f64]) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what:<40} p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  ({} times)",
        at(0.5),
        at(0.99),
        at(1.0),
        times.len()
    );
}

/// `moves` frames after `j`; with `worker`, each view answer is applied
/// and drawn in a frame of its own.
fn frames(lib: &Arc<Library>, worker: bool, moves: usize) -> Result<()> {
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let mut app = App::new(Arc::clone(lib));
    app.use_worker(ListWorker::spawn(Arc::clone(lib), |_| {}));
    let answers = worker.then(|| {
        let (views, answers) = view_channel_worker(Arc::clone(lib));
        app.use_view_worker(views);
        answers
    });
    tui::render(&mut terminal, &mut app)?;
    let (mut moved, mut answered) = (Vec::new(), Vec::new());
    let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    for _ in 0..moves {
        tui::handle_event(&mut app, j.clone());
        let t = cpu_ms();
        tui::render(&mut terminal, &mut app)?;
        moved.push(cpu_ms() - t);
        if let Some(answers) = &answers {
            let answer = answers.recv()?;
            let t = cpu_ms();
            tui::apply(&mut app, Input::View(answer));
            tui::render(&mut terminal, &mut app)?;
            answered.push(cpu_ms() - t);
        }
    }
    let how = if worker { "view worker" } else { "view inline" };
    report(&format!("frame after j ({how})"), &mut moved);
    if worker {
        report("view answer applied and drawn", &mut answered);
    }
    Ok(())
}

fn main() -> Result<()> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let options = OpenOptions {
        store: StoreChoice::Environment,
    };
    let lib = Arc::new(Library::open_with(&paths, &options)?);
    // Names and related reports, built (or read from the cache) now.
    lib.related_index();
    let n = lib.articles().len();
    let (mut views, mut wraps) = (Vec::new(), Vec::new());
    for i in (0..n).step_by((n / 2000).max(1)) {
        let t = cpu_ms();
        std::hint::black_box(side_rows(&lib.article_view(i)));
        views.push(cpu_ms() - t);
        let t = cpu_ms();
        let body = lib.body(i);
        std::hint::black_box(ReaderView::new(
            &lib.articles()[i],
            &body,
            i,
            78,
            "%Y-%m-%d",
        ));
        wraps.push(cpu_ms() - t);
    }
    report("side panel view (article_view + rows)", &mut views);
    report("reading view wrap of one article", &mut wraps);
    let moves = n.saturating_sub(1).min(400);
    frames(&lib, false, moves)?;
    frames(&lib, true, moves)?;
    Ok(())
}
