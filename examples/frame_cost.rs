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
//!
//! With `--frames` only the frames are timed. With `--dump FILE` nothing
//! is timed: a fixed walk through the reader (typing a filter, moving,
//! scrolling, finding a word, the side panel, names off and on, a narrow
//! screen) is drawn inline and every frame written to FILE cell by cell,
//! with its style, so two builds can be checked to draw the same.

use std::io::Write;
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

/// Every cell of the screen: its symbol and style, a row a line.
fn dump_frame(out: &mut impl Write, terminal: &Terminal<TestBackend>, step: &str) -> Result<()> {
    let buf = terminal.backend().buffer();
    writeln!(out, "== {step}")?;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            write!(out, "{}\x1f{:?}\x1f", c.symbol(), c.style())?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The fixed walk of `--dump`: the frames after each step, inline lists
/// and views so that every run draws the same.
fn dump(lib: &Arc<Library>, path: &str) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let mut app = App::new(Arc::clone(lib));
    let key = |code: KeyCode| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let ch = |c: char| key(KeyCode::Char(c));
    // A word of a title in the middle of the corpus, to filter by.
    let n = lib.articles().len();
    let word = lib.articles()[n / 2]
        .title
        .split_whitespace()
        .find(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic))
        .unwrap_or("the")
        .to_lowercase();
    // Keys, with `*` for a word of the article read to find, `<` for a
    // narrower screen.
    let mut walk: Vec<Event> = Vec::new();
    walk.extend("jjjjj/".chars().map(ch));
    walk.extend(word.chars().map(ch));
    walk.push(key(KeyCode::Enter));
    walk.extend("jjj".chars().map(ch));
    walk.push(key(KeyCode::Tab));
    walk.extend([key(KeyCode::PageDown), ch('m'), ch('m'), ch('f'), ch('*')]);
    walk.extend([key(KeyCode::Enter), ch(';'), ch(';'), key(KeyCode::Tab)]);
    walk.extend("jjjjjjG".chars().map(ch));
    walk.extend([
        key(KeyCode::Tab),
        key(KeyCode::Esc),
        ch('j'),
        ch('j'),
        ch('<'),
    ]);
    walk.extend([key(KeyCode::Tab), key(KeyCode::PageDown), ch('j'), ch('j')]);
    walk.extend([ch('f'), ch('*'), key(KeyCode::Enter), ch(';')]);
    walk.extend([
        key(KeyCode::Tab),
        ch('j'),
        key(KeyCode::Tab),
        ch('/'),
        ch('x'),
    ]);
    tui::render(&mut terminal, &mut app)?;
    dump_frame(&mut out, &terminal, "first")?;
    for (i, event) in walk.into_iter().enumerate() {
        match event {
            Event::Key(KeyEvent {
                code: KeyCode::Char('*'),
                ..
            }) => {
                // A word from the middle of the article read, typed.
                let body = app
                    .current()
                    .map_or("", |a| lib.articles()[a].body.as_str());
                let words: Vec<&str> = body
                    .split_whitespace()
                    .filter(|w| w.len() >= 4 && w.chars().all(char::is_alphabetic))
                    .collect();
                let word = words.get(words.len() / 2).copied().unwrap_or("the");
                for c in word.to_lowercase().chars() {
                    tui::handle_event(&mut app, ch(c));
                }
            }
            Event::Key(KeyEvent {
                code: KeyCode::Char('<'),
                ..
            }) => terminal.backend_mut().resize(120, 30),
            event => tui::handle_event(&mut app, event),
        }
        tui::render(&mut terminal, &mut app)?;
        dump_frame(&mut out, &terminal, &format!("{i}"))?;
    }
    for (w, h) in [(80, 24), (50, 20), (200, 60)] {
        terminal.backend_mut().resize(w, h);
        tui::render(&mut terminal, &mut app)?;
        dump_frame(&mut out, &terminal, &format!("resize {w}x{h}"))?;
    }
    out.flush()?;
    Ok(())
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let take_flag = |args: &mut Vec<String>, flag: &str| {
        let at = args.iter().position(|a| a == flag)?;
        args.remove(at);
        Some(at)
    };
    let frames_only = take_flag(&mut args, "--frames").is_some();
    let dump_to = take_flag(&mut args, "--dump").map(|at| args.remove(at));
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let options = OpenOptions {
        store: StoreChoice::Environment,
        last_open: false,
    };
    let lib = Arc::new(Library::open_with(&paths, &options)?);
    // Names and related reports, built (or read from the cache) now.
    lib.related_index();
    if let Some(path) = dump_to {
        return dump(&lib, &path);
    }
    let n = lib.articles().len();
    if frames_only {
        frames(&lib, true, n.saturating_sub(1).min(400))?;
        return Ok(());
    }
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
