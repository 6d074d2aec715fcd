//! Following a story in the reader: `d` shows what a rewrite adds, the side
//! panel lists who said what, and `T` shows a name's own timeline. Drawn on
//! a `TestBackend` from a small corpus written here.

mod common;

use common::tui::{code, fixture_library, frame, key, press, reader_for, ready, render};
use dossier::tui::app::{App, Focus};
use dossier::tui::side::SideRow;
use dossier::tui::story::StoryView;
use ratatui::crossterm::event::KeyCode;

/// A port report and its rewrite, which adds a sentence and a named union
/// leader; and a later report quoting the same mayor.
const FIXTURE: &str = r#"[
  {"id": "port", "title": "Storm shuts the northern pier", "date": "2025-03-10", "source": "Coast Wire",
   "body": "The harbour authority closed the northern pier on Monday after storms damaged its pilings. Repairs are expected to cost 2.4 million euros.\n\nFerry services to the islands will run from the southern terminal until the end of March, the authority said.\n\n“We will not reopen the pier until it is safe,” Mayor Ines Vidal said. “Safety comes before the timetable.”\n\nFishing boats were moved to the marina on Sunday night as the wind rose."},
  {"id": "port-rewrite", "title": "Northern pier closed after storm", "date": "2025-03-10", "source": "Harbour Daily",
   "body": "The harbour authority closed the northern pier on Monday after storms damaged its pilings. Repairs are expected to cost 2.4 million euros.\n\nFerry services to the islands will run from the southern terminal until the end of March, the authority said.\n\n“We will not reopen the pier until it is safe,” Mayor Ines Vidal said. “Safety comes before the timetable.”\n\nDockers' leader Tomas Berg warned that the closure could cost the port half its spring trade.\n\nFishing boats were moved to the marina on Sunday night as the wind rose."},
  {"id": "reopen", "title": "Pier to reopen in May", "date": "2025-04-02", "source": "Coast Wire",
   "body": "Mayor Ines Vidal said on Wednesday that the northern pier will reopen on May 5 after repairs to its pilings.\n\n“The work went faster than we feared,” she told reporters."}
]"#;

const PORT: usize = 0;
const REWRITE: usize = 1;
const REOPEN: usize = 2;

fn app() -> App {
    reader_for(ready(fixture_library(FIXTURE)))
}

fn select(app: &mut App, article: usize) {
    let row = app
        .list()
        .shown()
        .iter()
        .position(|&i| i == article)
        .unwrap();
    press(app, [key('g')]);
    for _ in 0..row {
        press(app, [key('j')]);
    }
    assert_eq!(app.current(), Some(article));
}

#[test]
fn d_shows_what_a_rewrite_adds_to_its_copy() {
    let mut app = app();
    frame(&mut app);
    select(&mut app, REWRITE);
    press(&mut app, [key('d')]);
    let Some(StoryView::Diff(d)) = app.story() else {
        panic!("no comparison: {:?}", app.message());
    };
    assert_eq!(d.diff.added.len(), 1, "{:?}", d.diff);
    assert!(
        d.diff.added[0]
            .text
            .starts_with("Dockers' leader Tomas Berg")
    );
    assert!(d.diff.removed.is_empty());
    let t = render(&mut app, 100, 30);
    insta::assert_snapshot!(t.backend());
    press(&mut app, [code(KeyCode::Esc)]);
    assert!(app.story().is_none());
}

#[test]
fn d_compares_with_the_report_picked_by_shift_d() {
    let mut app = app();
    frame(&mut app);
    select(&mut app, REOPEN);
    press(&mut app, [key('D')]);
    assert!(app.message().unwrap_or("").contains("picked"));
    select(&mut app, PORT);
    press(&mut app, [key('d')]);
    let Some(StoryView::Diff(d)) = app.story() else {
        panic!("no comparison");
    };
    assert_eq!(d.against, "Pier to reopen in May");
}

#[test]
fn d_without_a_copy_or_a_pick_says_what_to_do() {
    let mut app = app();
    frame(&mut app);
    select(&mut app, REOPEN);
    press(&mut app, [key('d')]);
    assert!(app.story().is_none());
    assert!(app.message().unwrap_or("").contains("pick one with D"));
}

#[test]
fn the_side_panel_lists_quotes_with_their_speakers() {
    let mut app = app();
    frame(&mut app);
    select(&mut app, REOPEN);
    let notes: Vec<&str> = app
        .side()
        .rows()
        .iter()
        .filter_map(|r| match r {
            SideRow::Note(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        app.side()
            .rows()
            .iter()
            .any(|r| matches!(r, SideRow::Heading(h) if h.starts_with("Quotes"))),
        "{:?}",
        app.side().rows()
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("~Ines Vidal: “The work went faster")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Ines Vidal: the northern pier will reopen")),
        "{notes:?}"
    );
    // The side panel as a reader sees it, with the focus on it.
    press(&mut app, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    let t = render(&mut app, 110, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn shift_t_shows_a_name_over_time_and_enter_reads_it() {
    let mut app = app();
    frame(&mut app);
    select(&mut app, PORT);
    press(&mut app, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    assert_eq!(app.focus(), Focus::Side);
    for _ in 0..app.side().rows().len() {
        if matches!(app.side().selected_row(),
            Some(SideRow::Entity { name, .. }) if name == "Ines Vidal")
        {
            break;
        }
        press(&mut app, [key('j')]);
    }
    press(&mut app, [key('T')]);
    let Some(StoryView::Timeline(t)) = app.story() else {
        panic!("no timeline: {:?}", app.message());
    };
    let rows = t.rows.as_ref().expect("gathered inline in tests");
    let dates: Vec<&str> = rows.iter().map(|r| r.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.contains(&"2025-05-05"), "{dates:?}");
    let t = render(&mut app, 100, 24);
    insta::assert_snapshot!(t.backend());
    press(&mut app, [key('G'), code(KeyCode::Enter)]);
    assert!(app.story().is_none());
    assert_eq!(app.current(), Some(REOPEN));
}
