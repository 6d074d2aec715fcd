//! The reader's marks on screen, with the store in folders of the test:
//! reading an article marks it read, `u` and `*` flip read and star marks,
//! unread rows are bold and starred rows marked, `is:starred` filters, and
//! the next reader comes back to the article and filter the last one left.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::tui::{code, key, open_library, reader_for, render, write_corpus as write_files};
use dossier::library::Library;
use dossier::tui::{self, app::App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::style::Modifier;

fn write_corpus(dir: &Path) {
    write_files(
        dir,
        &[
            (
                "Harbour strike ends",
                "Dock workers returned to work on Monday after a week.",
            ),
            (
                "Budget passes",
                "The council approved the budget after a long debate.",
            ),
            (
                "Storm closes ports",
                "Ferries were cancelled as the storm approached the coast.",
            ),
        ],
    );
}

/// A reader over `dir` whose marks are already read from the store.
fn open(dir: &Path, home: &Path) -> App {
    let lib = open_library(dir, home);
    lib.warm_marks();
    reader_for(Arc::new(lib))
}

/// Whether the list row of `title` is drawn bold.
fn bold(t: &Terminal<TestBackend>, title: &str) -> bool {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(at) = line.find(title) {
            let x = line[..at].chars().count() as u16;
            return buf[(x, y)].modifier.contains(Modifier::BOLD);
        }
    }
    panic!("{title} is not on screen");
}

#[test]
fn marks_are_made_shown_filtered_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = open(dir.path(), home.path());
    let t = render(&mut app, 120, 20);
    assert!(bold(&t, "Harbour strike ends"), "unread rows are bold");

    // Enter reads the first article: it is read now.
    tui::handle_event(&mut app, code(KeyCode::Enter));
    let first = app.current().unwrap();
    assert_eq!(app.library().marks_if_ready(first), Some((true, false)));
    let t = render(&mut app, 120, 20);
    assert!(!bold(&t, "Harbour strike ends"));
    assert!(bold(&t, "Budget passes"));

    // u flips it back, * stars it.
    tui::handle_event(&mut app, key('u'));
    assert_eq!(app.library().marks_if_ready(first), Some((false, false)));
    tui::handle_event(&mut app, key('*'));
    assert_eq!(app.library().marks_if_ready(first), Some((false, true)));
    let t = render(&mut app, 120, 20);
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains('★'), "a starred row is marked");

    // is:starred keeps it alone.
    tui::handle_event(&mut app, key('/'));
    tui::handle_event(&mut app, Event::Paste("is:starred".into()));
    render(&mut app, 120, 20);
    assert_eq!(app.list().shown(), [first]);

    // The next reader comes back to this filter and article.
    let position = app.position();
    app.library().save_position(&position).unwrap();
    drop(app);
    let mut again = open(dir.path(), home.path());
    let back = again
        .library()
        .last_position()
        .expect("a position was kept");
    again.come_back(back);
    render(&mut again, 120, 20);
    assert_eq!(again.filter().text(), "is:starred");
    assert_eq!(again.current(), Some(first));
    assert_eq!(again.library().marks_if_ready(first), Some((false, true)));
}

#[test]
fn without_a_store_marks_say_why_they_are_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let lib = Arc::new(Library::open(&[dir.path().to_path_buf()]).unwrap());
    let mut app = App::new(lib);
    render(&mut app, 120, 20);
    tui::handle_event(&mut app, key('*'));
    assert!(app.message().unwrap().contains("not kept"));
}
