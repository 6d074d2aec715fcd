//! A live folder: `R` and file changes open the folders again, the reader
//! keeps its article, and the status bar says what changed. The loop's
//! channel is read here as the running reader reads it; waits are bounded
//! so a broken watcher fails rather than hangs.

mod common;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::tui::reader_for;
use dossier::library::{Library, OpenOptions, StoreChoice};
use dossier::store::StorePaths;
use dossier::tui::app::App;
use dossier::tui::live::Reloader;
use dossier::tui::{self, Input};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn write(dir: &Path, name: &str, title: &str, body: &str) {
    fs::write(dir.join(name), format!("{title}\n\n{body}\n")).unwrap();
}

fn open(dir: &Path, home: &Path) -> (App, Receiver<Input>) {
    let options = OpenOptions {
        store: StoreChoice::At(StorePaths::under(home)),
        last_open: false,
    };
    let paths = [dir.to_path_buf()];
    let lib = Arc::new(Library::open_with(&paths, &options).unwrap());
    let (tx, rx) = mpsc::channel();
    let reloader = Reloader::new(&paths, options, tx);
    let mut app = reader_for(lib);
    app.reloader = Some(reloader);
    (app, rx)
}

/// Applies what arrives on the channel until `done` holds (at most a
/// minute: a slow machine is fine, a lost event fails the test).
fn pump(app: &mut App, rx: &Receiver<Input>, done: impl Fn(&App) -> bool) {
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    while !done(app) {
        let left = until.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "gave up waiting; message {:?}",
            app.message()
        );
        if let Ok(input) = rx.recv_timeout(left) {
            tui::apply(app, input);
            tui::render(&mut t, app).unwrap();
        }
    }
}

#[test]
fn r_reloads_and_the_reader_stays_on_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Alpha report", "One.");
    write(dir.path(), "b.txt", "Beta report", "Two.");
    let (mut app, rx) = open(dir.path(), home.path());
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    tui::render(&mut t, &mut app).unwrap();
    let beta = app
        .list()
        .shown()
        .iter()
        .position(|&i| app.library().articles()[i].title == "Beta report")
        .unwrap();
    app.select(beta);
    write(dir.path(), "c.txt", "Gamma report", "Three.");
    write(dir.path(), "d.txt", "Delta report", "Four.");
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    tui::handle_event(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT)),
    );
    assert_eq!(app.message(), Some("reloading…"));
    pump(&mut app, &rx, |a| {
        a.list().shown().len() == 3 && !a.list_pending()
    });
    assert_eq!(app.message(), Some("+2 new · 1 gone"));
    let here = app.current().unwrap();
    assert_eq!(app.library().articles()[here].title, "Beta report");
}

#[test]
fn a_new_file_in_a_watched_folder_appears() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Alpha report", "One.");
    let (mut app, rx) = open(dir.path(), home.path());
    let warnings = app.reloader.as_mut().unwrap().watch();
    assert!(warnings.is_empty(), "{warnings:?}");
    write(dir.path(), "b.txt", "Beta report", "Two.");
    pump(&mut app, &rx, |a| {
        a.list().shown().len() == 2 && !a.list_pending()
    });
    assert!(
        app.message().is_some_and(|m| m.contains("+1 new")),
        "{:?}",
        app.message()
    );
}

#[test]
fn a_reader_shown_the_last_open_catches_up_with_a_change_since() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Alpha report", "One.");
    write(dir.path(), "b.txt", "Beta report", "Two.");
    // Settled files, opened and kept as the last open.
    std::thread::sleep(Duration::from_millis(2100));
    let options = OpenOptions {
        store: StoreChoice::At(StorePaths::under(home.path())),
        last_open: false,
    };
    let paths = [dir.path().to_path_buf()];
    Library::open_with(&paths, &options)
        .unwrap()
        .keep_last_open();
    // Changed while no reader was open.
    write(dir.path(), "c.txt", "Gamma report", "Three.");
    let last = OpenOptions {
        last_open: true,
        ..options.clone()
    };
    let lib = Arc::new(Library::open_with(&paths, &last).unwrap());
    assert!(lib.opened_from_last());
    assert_eq!(lib.articles().len(), 2);
    let (tx, rx) = mpsc::channel();
    let mut app = reader_for(Arc::clone(&lib));
    app.reloader = Some(Reloader::new(&paths, options, tx.clone()));
    dossier::tui::live::check_last_open(&lib, &paths, tx);
    pump(&mut app, &rx, |a| {
        a.list().shown().len() == 3 && !a.list_pending()
    });
    assert_eq!(app.message(), Some("+1 new"));
    assert!(!app.library().opened_from_last());
}
