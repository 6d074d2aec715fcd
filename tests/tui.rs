//! The terminal reader drawn on a `TestBackend`: snapshots of the panes, the
//! filter with highlights, the help popup and tiny sizes, and the event loop
//! driven by scripted events.

mod common;

use common::tui::{code, fixture_app, key, render, type_text};
use dossier::tui::app::{App, Focus};
use dossier::tui::keys::Action;
use dossier::tui::{self, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Modifier;

const FIXTURE: &str = r#"[
  {"id": "talks", "title": "Envoys resume talks in Geneva", "date": "2025-03-14", "author": "Ana Pereira", "source": "Example Wire",
   "body": "GENEVA - Envoys from both sides met on Friday for a second round of talks.\n\nThe mediator, Ilse Brandt, said progress was slow but real. A third round is planned for April.\n\nNeither delegation spoke to reporters after the meeting."},
  {"id": "storm", "title": "Storm closes ports along the coast", "date": "2025-03-12", "source": "Coastal Times",
   "body": "Harbour masters closed three ports as the storm approached.\n\nFerries were cancelled until further notice."},
  {"id": "budget", "title": "City budget passes after long debate", "author": "Tom Ng",
   "body": "The council approved the budget by nine votes to four after a debate about the talks with unions."},
  {"id": "escape", "title": "Headline with \u001b[31m escape", "body": "Text with a bell \u0007 and \u001b[2J clear-screen codes."}
]"#;

fn app() -> App {
    fixture_app(FIXTURE)
}

#[test]
fn three_panes() {
    let mut app = app();
    let t = render(&mut app, 120, 20);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn reading_an_article_scrolls_the_reading_view() {
    let mut app = app();
    tui::handle_event(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus(), Focus::Reader);
    tui::handle_event(&mut app, key('j'));
    let t = render(&mut app, 100, 12);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn filter_narrows_the_list_and_highlights_matches() {
    let mut app = app();
    tui::handle_event(&mut app, key('/'));
    type_text(&mut app, "talks");
    let t = render(&mut app, 120, 12);
    // Titles match first, then the article that has the word only in its body.
    let shown: Vec<&str> = app
        .list()
        .shown()
        .iter()
        .map(|&i| app.library().articles()[i].id.as_str())
        .collect();
    assert_eq!(shown, ["talks", "budget"]);
    // The matched letters of the first title are emphasised.
    let buf = t.backend().buffer();
    let row = (0..buf.area.height)
        .find(|&y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("Envoys resume")
        })
        .expect("the title is on screen");
    let line: String = (0..buf.area.width)
        .map(|x| buf[(x, row)].symbol())
        .collect();
    let start = line.find("talks").unwrap();
    let x = line[..start].chars().count() as u16;
    assert!(buf[(x, row)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x - 2, row)].modifier.contains(Modifier::UNDERLINED));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_bad_query_shows_an_error_and_keeps_the_list() {
    let mut app = app();
    tui::handle_event(&mut app, key('/'));
    tui::handle_event(&mut app, Event::Paste("storm colour:red".into()));
    let t = render(&mut app, 120, 8);
    assert!(app.filter().error().unwrap().contains("unknown field"));
    assert!(!app.list().shown().is_empty());
    insta::assert_snapshot!(t.backend());
}

#[test]
fn esc_clears_the_filter() {
    let mut app = app();
    tui::handle_event(&mut app, key('/'));
    type_text(&mut app, "storm");
    render(&mut app, 80, 10);
    assert_eq!(app.list().shown().len(), 1);
    tui::handle_event(&mut app, code(KeyCode::Esc));
    render(&mut app, 80, 10);
    assert_eq!(app.list().shown().len(), 4);
    assert!(app.filter().text().is_empty());
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn help_popup_lists_the_key_table() {
    let mut app = app();
    tui::handle_event(&mut app, key('?'));
    let t = render(&mut app, 100, 30);
    insta::assert_snapshot!(t.backend());
    tui::handle_event(&mut app, code(KeyCode::Esc));
    assert!(!app.help().is_open());
}

#[test]
fn any_size_draws_without_panicking() {
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 3),
        (3, 3),
        (10, 4),
        (30, 6),
        (59, 10),
        (60, 10),
        (99, 12),
        (100, 12),
    ] {
        let mut app = app();
        for focus_key in [None, Some(code(KeyCode::Tab)), Some(code(KeyCode::Tab))] {
            if let Some(k) = focus_key {
                tui::handle_event(&mut app, k);
            }
            render(&mut app, w, h);
        }
        app.update(Action::ToggleHelp);
        render(&mut app, w, h);
    }
}

#[test]
fn tiny_screens() {
    let mut app = app();
    let t = render(&mut app, 30, 6);
    insta::assert_snapshot!(t.backend());
    let t = render(&mut app, 1, 1);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn narrow_screens_show_the_focused_pane() {
    let mut app = app();
    tui::handle_event(&mut app, code(KeyCode::Enter));
    let t = render(&mut app, 50, 10);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn control_sequences_from_articles_never_reach_the_screen() {
    let mut app = app();
    tui::handle_event(&mut app, key('G'));
    let t = render(&mut app, 120, 15);
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| !c.symbol().chars().any(|ch| ch.is_control()))
    );
}

#[test]
fn the_event_loop_runs_a_scripted_session() {
    let mut app = app();
    let mut t = Terminal::new(TestBackend::new(100, 20)).expect("test terminal");
    let mut events = ScriptedEvents::new([
        key('j'),
        key('j'),
        key('k'),
        key('/'),
        key('s'),
        key('t'),
        key('o'),
        key('r'),
        key('m'),
        code(KeyCode::Enter),
        code(KeyCode::Enter),
        key('q'),
        // Never reached: q ends the loop.
        key('j'),
    ]);
    tui::run_loop(&mut t, &mut app, &mut events).expect("the loop runs");
    assert!(!app.is_running());
    assert_eq!(app.filter().text(), "storm");
    assert_eq!(app.list().shown().len(), 1);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(events.0.len(), 1, "q stops the loop before the last key");
}

#[test]
fn mouse_wheel_and_clicks_work_on_the_pane_under_the_pointer() {
    let mut app = app();
    render(&mut app, 120, 20);
    let list = app.areas().list;
    let click = |col, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Each article takes two lines: the third starts on the fifth line inside.
    tui::handle_event(&mut app, click(list.x + 2, list.y + 5));
    assert_eq!(app.list().selected(), 2);
    let reader = app.areas().reader;
    tui::handle_event(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: reader.x + 2,
            row: reader.y + 2,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(
        app.list().selected(),
        2,
        "the wheel over the reader does not move the list"
    );
    tui::handle_event(&mut app, click(reader.x + 2, reader.y + 2));
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn entity_terms_wait_for_the_names_instead_of_blocking_the_screen() {
    let mut app = app();
    tui::handle_event(&mut app, key('/'));
    tui::handle_event(&mut app, Event::Paste("person:brandt".into()));
    render(&mut app, 100, 12);
    assert!(app.library().entities_if_ready().is_none());
    assert_eq!(app.list().shown().len(), 4, "the list stays as it was");
    assert!(app.waits_for_names(), "the search runs again when they are");
    assert!(app.message().unwrap().contains("still being found"));
    app.library().entities();
    app.background_ready(dossier::library::Readiness::Names);
    render(&mut app, 100, 12);
    assert!(!app.waits_for_names());
    assert!(app.message().is_none());
    let shown: Vec<&str> = app
        .list()
        .shown()
        .iter()
        .map(|&i| app.library().articles()[i].id.as_str())
        .collect();
    assert_eq!(shown, ["talks"]);
}

#[test]
fn a_partial_list_shows_until_the_whole_list_comes() {
    let mut app = app();
    // The first frame settles the timeline's width (and asks for its list).
    render(&mut app, 120, 30);
    let (generation, request) = app.filter_request("a".into());
    let whole = app.library().list(&request).unwrap();
    assert!(whole.rows.len() > 1, "the test needs several rows");
    let mut part = whole.clone();
    part.rows.truncate(1);
    part.partial = true;
    app.apply_listing(generation, Ok(part));
    assert!(app.list_pending(), "the whole list is still awaited");
    let screen = common::tui::screen(&render(&mut app, 120, 30));
    assert!(screen.contains("Articles 1+/"), "{screen}");
    assert!(screen.contains("searching…"), "{screen}");
    app.apply_listing(generation, Ok(whole.clone()));
    assert!(!app.list_pending());
    let screen = common::tui::screen(&render(&mut app, 120, 30));
    let title = format!("Articles {}/", whole.rows.len());
    assert!(screen.contains(&title), "{screen}");
    assert!(!screen.contains("searching…"), "{screen}");
}

#[test]
fn the_whole_list_keeps_the_article_selected_before_a_partial_list() {
    let mut app = app();
    render(&mut app, 120, 30);
    let (generation, request) = app.filter_request("t".into());
    let whole = app.library().list(&request).unwrap();
    app.apply_listing(generation, Ok(whole.clone()));
    // Select the last row, then type on: the partial list lacks it.
    let last = *whole.rows.last().unwrap();
    while app.current() != Some(last) {
        app.update(Action::Down);
    }
    let (generation, request) = app.filter_request("th".into());
    let whole = app.library().list(&request).unwrap();
    assert!(
        whole.rows.contains(&last) && whole.rows[0] != last,
        "the test needs it"
    );
    let mut part = whole.clone();
    part.rows.retain(|&i| i != last);
    part.partial = true;
    app.apply_listing(generation, Ok(part));
    assert_ne!(app.current(), Some(last));
    app.apply_listing(generation, Ok(whole));
    assert_eq!(
        app.current(),
        Some(last),
        "the article read before stays selected"
    );
}
