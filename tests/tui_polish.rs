//! What a daily reader notices on screen: the side panel's width, the
//! history breadcrumb, the help popup's keys, the timeline's hint and bars,
//! and the status bar's warning count leading to the warnings.

mod common;

use std::sync::Arc;

use common::tui::{code, fixture_app, fixture_library, key, reader_for, render, row};
use dossier::tui::app::{App, Focus};
use dossier::tui::config::{self, SideWidth};
use dossier::tui::{self, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const FIXTURE: &str = r#"[
  {"id": "talks", "title": "Envoys resume talks in Geneva", "date": "2025-03-14", "body": "Envoys met in Geneva on Friday for talks."},
  {"id": "copy", "title": "Envoys resume talks in Geneva", "date": "2025-03-14", "body": "Envoys met in Geneva on Friday for talks, a copy."},
  {"id": "storm", "title": "Storm closes ports along the coast", "date": "2025-03-02", "body": "Harbour masters closed three ports."},
  {"id": "budget", "title": "City budget passes", "date": "2025-03-20", "body": "The council approved the budget."}
]"#;

fn app() -> App {
    fixture_app(FIXTURE)
}

#[test]
fn the_side_panel_takes_a_share_that_fits_its_content() {
    assert_eq!(ui::side_width(SideWidth::Auto, 120, 10), 28);
    assert_eq!(ui::side_width(SideWidth::Auto, 120, 36), 38);
    assert_eq!(ui::side_width(SideWidth::Auto, 120, 90), 42);
    assert_eq!(ui::side_width(SideWidth::Auto, 200, 90), 70);
    assert_eq!(ui::side_width(SideWidth::Percent(30), 200, 0), 60);
    assert_eq!(ui::side_width(SideWidth::Columns(44), 120, 0), 44);
    let mut configured = app();
    let (c, w) = config::parse("side_panel = \"40%\"\n", "c.toml");
    assert!(w.is_empty());
    configured.configure(c, &w, true);
    render(&mut configured, 120, 20);
    assert_eq!(configured.areas().side.width, 48);
    // Without a config, wider than the 24 columns of before.
    let mut plain = app();
    render(&mut plain, 120, 20);
    assert!(plain.areas().side.width >= 28, "{:?}", plain.areas().side);
}

#[test]
fn the_breadcrumb_names_each_title_once() {
    let mut app = app();
    render(&mut app, 120, 20);
    let talks = app.list().shown().iter().position(|&i| i == 0).unwrap();
    app.select(talks);
    // To the copy, back and to the copy again: both share a title.
    app.jump_to(1);
    render(&mut app, 120, 20);
    app.jump_to(0);
    render(&mut app, 120, 20);
    app.jump_to(2);
    render(&mut app, 120, 20);
    assert_eq!(app.breadcrumb(), ["Envoys resume talks in Geneva"]);
    let t = render(&mut app, 120, 20);
    let status = row(&t, 19);
    assert!(status.contains("back: Envoys resume talks in"), "{status}");
    assert!(!status.contains("› Envoys"), "{status}");
}

#[test]
fn capital_g_goes_to_the_bottom_of_the_help_and_keeps_it_open() {
    let mut app = app();
    render(&mut app, 100, 20);
    tui::handle_event(&mut app, key('?'));
    tui::handle_event(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
    );
    assert!(app.help().is_open());
    render(&mut app, 100, 20);
    assert!(app.help().scroll() > 0);
    tui::handle_event(&mut app, key('g'));
    assert!(app.help().is_open());
    assert_eq!(app.help().scroll(), 0);
}

#[test]
fn the_timeline_hint_shows_at_120_columns_and_the_bars_follow_the_filter() {
    let mut app = app();
    render(&mut app, 120, 24);
    tui::handle_event(&mut app, key('t'));
    assert_eq!(app.focus(), Focus::Timeline);
    let t = render(&mut app, 120, 24);
    let strip = app.areas().timeline;
    let label = row(&t, strip.y + 1);
    assert!(label.contains("Enter filters · Esc leaves"), "{label:?}");
    let bars = |t: &Terminal<TestBackend>| -> String {
        row(t, strip.y).chars().take(strip.width as usize).collect()
    };
    let bars_before = bars(&t);
    tui::handle_event(&mut app, code(KeyCode::Esc));
    tui::handle_event(&mut app, key('/'));
    for c in "storm".chars() {
        tui::handle_event(&mut app, key(c));
    }
    let t = render(&mut app, 120, 24);
    let bars_after = bars(&t);
    assert_ne!(bars_before, bars_after);
    // Periods holding only hidden articles keep a dim dot.
    assert!(bars_after.contains('·'), "{bars_after:?}");
}

#[test]
fn a_click_on_the_warning_count_lists_the_warnings() {
    let mut app = app();
    let (c, w) = config::parse("colour = 1\n", "c.toml");
    app.configure(c, &w, true);
    let t = render(&mut app, 120, 20);
    let status = row(&t, 19);
    let at = status.find("1 config warning(s) (w)").expect("counted") as u16;
    // The status bar is ASCII up to the count, so bytes are columns.
    tui::handle_event(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: at + 2,
            row: 19,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert!(app.popup().is_some());
}

#[test]
fn the_saved_searches_popup_and_a_find_on_screen() {
    let mut lib = fixture_library(FIXTURE);
    let home = tempfile::tempdir().unwrap();
    let file = dossier::store::SearchFile::in_folder(home.path());
    file.save("harbours", "ports -budget").unwrap();
    lib.keep_searches_in(file);
    let mut app = reader_for(Arc::new(lib));
    let (c, w) = config::parse(
        "[searches]\nkremlin = \"person:putin since:2025-01\"\n",
        "c.toml",
    );
    app.configure(c, &w, true);
    tui::handle_event(&mut app, key('\''));
    let t = render(&mut app, 100, 16);
    insta::assert_snapshot!(t.backend());
    tui::handle_event(&mut app, code(KeyCode::Esc));
    tui::handle_event(&mut app, code(KeyCode::Enter));
    tui::handle_event(&mut app, key('f'));
    for c in "geneva".chars() {
        tui::handle_event(&mut app, key(c));
    }
    let t = render(&mut app, 100, 16);
    insta::assert_snapshot!(t.backend());
}
