//! The side panel's view made off the UI thread: a frame only asks the view
//! worker, the rows shown are the worker's answer for the selected article,
//! answers to replaced requests are dropped, views seen lately come back at
//! once, and without a worker the rows are the same, made inline.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::tui::{code, frame, key, press, reader_for, ready, render, screen};
use dossier::library::Library;
use dossier::tui::app::{App, Focus};
use dossier::tui::side::{SideRow, WAITING, side_rows};
use dossier::tui::{self, Input, ScriptedEvents};
use dossier::worker::{ViewWorker, view_channel_worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn sample() -> Arc<Library> {
    ready(Library::open(&[]).expect("the sample loads"))
}

/// The rows the panel shows for `article` when made inline.
fn inline_rows(library: &Arc<Library>, article: usize) -> Vec<SideRow> {
    side_rows(&library.article_view(article))
}

fn waiting() -> Vec<SideRow> {
    vec![SideRow::Note(WAITING.into())]
}

/// A reader whose view worker's answers are thrown away: the test hands
/// the answers in itself.
fn app_with_silent_worker(library: &Arc<Library>) -> App {
    let mut app = reader_for(Arc::clone(library));
    app.use_view_worker(ViewWorker::spawn(Arc::clone(library), |_| {}));
    app
}

#[test]
fn the_rows_shown_are_the_workers_answer() {
    let library = sample();
    let mut inline = reader_for(Arc::clone(&library));
    let inline_screen = screen(&render(&mut inline, 120, 30));

    let mut app = reader_for(Arc::clone(&library));
    let (worker, answers) = view_channel_worker(Arc::clone(&library));
    app.use_view_worker(worker);
    frame(&mut app);
    let first = app.current().expect("the sample has articles");
    // The frame only asked; nothing is shown until the answer comes.
    assert_eq!(app.side().rows(), waiting().as_slice());
    let (generation, article) = app.view_pending().expect("a view was asked for");
    assert_eq!(article, first);

    let answer = answers
        .recv_timeout(Duration::from_secs(30))
        .expect("the worker answers");
    assert_eq!((answer.0, answer.1), (generation, first));
    tui::apply(&mut app, Input::View(answer));
    assert_eq!(app.side().rows(), inline_rows(&library, first).as_slice());
    assert_eq!(app.view_pending(), None);
    assert_eq!(screen(&render(&mut app, 120, 30)), inline_screen);

    // The next article: the first one's rows stay until its answer comes.
    press(&mut app, [key('j')]);
    let second = app.current().unwrap();
    assert_ne!(second, first);
    assert_eq!(app.side().rows(), inline_rows(&library, first).as_slice());
    assert_eq!(app.view_pending().map(|(_, a)| a), Some(second));
    let answer = answers
        .recv_timeout(Duration::from_secs(30))
        .expect("the worker answers");
    tui::apply(&mut app, Input::View(answer));
    assert_eq!(app.side().rows(), inline_rows(&library, second).as_slice());

    // Back to the first: its rows were kept, nothing is asked.
    press(&mut app, [key('k')]);
    assert_eq!(app.current(), Some(first));
    assert_eq!(app.view_pending(), None);
    assert_eq!(app.side().rows(), inline_rows(&library, first).as_slice());
}

#[test]
fn answers_to_replaced_requests_or_other_articles_are_dropped() {
    let library = sample();
    let mut app = app_with_silent_worker(&library);
    frame(&mut app);
    let (old, first) = app.view_pending().expect("a view was asked for");
    press(&mut app, [key('j')]);
    let (newest, second) = app.view_pending().expect("another view was asked for");
    assert!(newest > old);
    assert_ne!(first, second);

    // The answer to the replaced request: dropped.
    app.apply_view(old, first, &library.article_view(first));
    assert_eq!(app.side().rows(), waiting().as_slice());
    // The newest generation with another article: dropped.
    app.apply_view(newest, first, &library.article_view(first));
    assert_eq!(app.side().rows(), waiting().as_slice());
    assert_eq!(app.view_pending(), Some((newest, second)));

    app.apply_view(newest, second, &library.article_view(second));
    assert_eq!(app.side().rows(), inline_rows(&library, second).as_slice());
    assert_eq!(app.view_pending(), None);

    // A dropped answer is not kept either: the first article is asked
    // for again, and the second's rows stay meanwhile.
    press(&mut app, [key('k')]);
    assert_eq!(app.current(), Some(first));
    let (again, article) = app.view_pending().expect("asked again");
    assert!(again > newest);
    assert_eq!(article, first);
    assert_eq!(app.side().rows(), inline_rows(&library, second).as_slice());
}

#[test]
fn the_loop_applies_view_answers_as_events() {
    let library = sample();
    let mut app = app_with_silent_worker(&library);
    let first = app.current().expect("the sample has articles");
    // The loop's first frame sends the first request, generation 1.
    let mut events = ScriptedEvents::inputs([
        Input::View((1, first, Box::new(library.article_view(first)))),
        Input::Event(key('q')),
    ]);
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    tui::run_loop(&mut terminal, &mut app, &mut events).unwrap();
    assert_eq!(app.side().rows(), inline_rows(&library, first).as_slice());
}

#[test]
fn without_a_worker_the_rows_are_made_inline() {
    let library = sample();
    let mut app = reader_for(Arc::clone(&library));
    frame(&mut app);
    let count = library.articles().len().min(12);
    assert!(count > 2, "the sample has a few articles");
    let mut seen = Vec::new();
    for step in 0..count {
        let article = app.current().unwrap();
        assert_eq!(app.view_pending(), None);
        assert_eq!(app.side().rows(), inline_rows(&library, article).as_slice());
        seen.push(article);
        if step + 1 < count {
            press(&mut app, [key('j')]);
        }
    }
    // Back to the first, past more articles than are kept: the same rows.
    for &article in seen.iter().rev().skip(1) {
        press(&mut app, [key('k')]);
        assert_eq!(app.current(), Some(article));
        assert_eq!(app.side().rows(), inline_rows(&library, article).as_slice());
    }
}

#[test]
fn a_row_selected_in_the_rows_shown_meanwhile_is_let_go() {
    let library = sample();
    let has_related = |article: usize| {
        inline_rows(&library, article)
            .iter()
            .any(|r| matches!(r, SideRow::Related { .. }))
    };
    let mut app = app_with_silent_worker(&library);
    frame(&mut app);
    let shown = app.list().shown().to_vec();
    let row = (0..shown.len() - 1)
        .find(|&r| has_related(shown[r]))
        .expect("an article of the sample has related reports");
    app.select(row);
    frame(&mut app);
    let (generation, article) = app.view_pending().expect("a view was asked for");
    app.apply_view(generation, article, &library.article_view(article));

    // The next article; its view is on its way.
    app.select(row + 1);
    frame(&mut app);
    let (generation, next) = app.view_pending().expect("a view was asked for");
    assert_eq!(next, shown[row + 1]);
    // In the side panel, the last selectable row of the rows still shown:
    // a related report of the article before.
    press(&mut app, [code(KeyCode::Tab), code(KeyCode::Tab), key('k')]);
    assert_eq!(app.focus(), Focus::Side);
    assert!(matches!(
        app.side().selected_row(),
        Some(SideRow::Related { .. })
    ));

    app.apply_view(generation, next, &library.article_view(next));
    assert_eq!(app.side().rows(), inline_rows(&library, next).as_slice());
    assert_eq!(app.side().cursor(), None);
}
