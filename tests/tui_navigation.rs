//! Moving through the reader by what articles mention: the side panel's
//! names, dates and related reports, the entity browser, back and forward
//! history, stepping to the next article naming someone, sorting, folding
//! duplicate groups, the timeline strip and mention highlights. Drawn on a
//! `TestBackend` from a small corpus written here, and from the sample.

mod common;

use std::sync::Arc;

use common::tui::{
    code, fixture_library, frame, key, press, press_text, reader_for, ready, render, shown_ids,
};
use dossier::library::Library;
use dossier::tui::app::{App, Focus, Sort};
use dossier::tui::side::SideRow;
use dossier::tui::{self, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// Two identical reports of a Paris meeting, a farm protest that names one
/// of its people, a storm report sharing another name with the protest, and
/// an undated council report that names nobody.
const FIXTURE: &str = r#"[
  {"id": "summit", "title": "Scholz and Macron meet in Paris", "date": "2025-03-14", "source": "Example Wire",
   "body": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Friday to discuss support for farmers and the European budget.\n\nScholz said the talks were frank and useful. Macron told reporters that both governments wanted an agreement before the summer.\n\nThe two leaders will meet again in Berlin in April, officials said."},
  {"id": "summit-copy", "title": "Leaders meet in Paris", "date": "2025-03-14", "source": "Other Wire",
   "body": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Friday to discuss support for farmers and the European budget.\n\nScholz said the talks were frank and useful. Macron told reporters that both governments wanted an agreement before the summer.\n\nThe two leaders will meet again in Berlin in April, officials said."},
  {"id": "storm", "title": "Storm closes ports along the coast", "date": "2025-01-20", "source": "Coastal Times",
   "body": "Harbour masters closed three ports in Brittany as the storm approached on Monday.\n\nFerries were cancelled until further notice, said regional prefect Claire Dubois."},
  {"id": "farm", "title": "Farmers block roads near Lyon", "date": "2025-02-10",
   "body": "Farmers blocked roads near Lyon on Monday to protest against cheap imports.\n\nPresident Emmanuel Macron promised to meet their unions, and Claire Dubois said the protest was peaceful."},
  {"id": "budget", "title": "City budget passes after long debate", "author": "Tom Ng",
   "body": "The council approved the budget by nine votes to four after a long debate about school repairs."}
]"#;

/// The fixture's articles, in corpus order.
const SUMMIT: usize = 0;
const SUMMIT_COPY: usize = 1;
const STORM: usize = 2;
const FARM: usize = 3;
const BUDGET: usize = 4;

fn app() -> App {
    reader_for(ready(fixture_library(FIXTURE)))
}

fn sample_app() -> App {
    reader_for(ready(Library::open(&[]).expect("the sample loads")))
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

fn selected_row(app: &App) -> Option<&SideRow> {
    app.side().selected_row()
}

/// Focuses the side panel and moves down until `wanted` holds for the
/// selected row.
fn select_side_row(app: &mut App, wanted: impl Fn(&SideRow) -> bool) {
    press(app, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    assert_eq!(app.focus(), Focus::Side);
    for _ in 0..app.side().rows().len() {
        press(app, [key('j')]);
        if selected_row(app).is_some_and(&wanted) {
            return;
        }
    }
    panic!("no such row in the side panel: {:?}", app.side().rows());
}

fn is_name(row: &SideRow) -> bool {
    matches!(row, SideRow::Entity { .. })
}

fn is_related(row: &SideRow) -> bool {
    matches!(row, SideRow::Related { .. })
}

/// The text of `area`'s rows in `buf`, one line each, trailing blanks cut.
fn area_text(buf: &Buffer, area: Rect) -> String {
    (area.y..area.bottom())
        .map(|y| {
            let line: String = (area.x..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `needle` first starts inside `area`, as a cell position.
fn find_in(buf: &Buffer, area: Rect, needle: &str) -> Option<(u16, u16)> {
    (area.y..area.bottom()).find_map(|y| {
        let line: String = (area.x..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let at = line.find(needle)?;
        Some((area.x + line[..at].chars().count() as u16, y))
    })
}

#[test]
fn a_person_in_the_side_panel_filters_the_list_and_history_undoes_it() {
    let mut app = app();
    frame(&mut app);
    select_side_row(&mut app, is_name);
    // People come first in the panel; Macron is named most in the summit.
    assert_eq!(
        selected_row(&app),
        Some(&SideRow::Entity {
            entity: app.selected_entity().unwrap(),
            name: "Emmanuel Macron".into(),
            here: 2,
            others: 2,
        })
    );
    press(&mut app, [code(KeyCode::Enter)]);
    assert_eq!(app.filter().text(), "person:\"Emmanuel Macron\"");
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(
        sorted(app.list().shown().to_vec()),
        [SUMMIT, SUMMIT_COPY, FARM]
    );

    // Back brings the unfiltered list, forward the filter again.
    press(&mut app, [code(KeyCode::Backspace)]);
    assert_eq!(app.filter().text(), "");
    assert_eq!(app.list().shown().len(), 5);
    assert_eq!(app.current(), Some(SUMMIT));
    press(&mut app, [key(']')]);
    assert_eq!(app.filter().text(), "person:\"Emmanuel Macron\"");
    assert_eq!(app.list().shown().len(), 3);

    press(&mut app, [code(KeyCode::Esc)]);
    assert_eq!(app.filter().text(), "");
    assert_eq!(app.list().shown().len(), 5);
}

#[test]
fn back_after_esc_restores_the_cleared_filter() {
    let mut app = app();
    frame(&mut app);
    select_side_row(&mut app, is_name);
    press(&mut app, [code(KeyCode::Enter)]);
    assert_eq!(app.filter().text(), "person:\"Emmanuel Macron\"");
    press(&mut app, [code(KeyCode::Esc)]);
    assert_eq!(app.filter().text(), "");
    press(&mut app, [code(KeyCode::Backspace)]);
    assert_eq!(app.filter().text(), "person:\"Emmanuel Macron\"");
    assert_eq!(app.list().shown().len(), 3);
}

#[test]
fn a_related_report_opens_and_back_and_forward_move_between_them() {
    let mut app = app();
    frame(&mut app);
    assert_eq!(app.current(), Some(SUMMIT));
    select_side_row(&mut app, is_related);
    // The identical copy is the most related report.
    assert!(
        matches!(selected_row(&app), Some(SideRow::Related { article, reason, .. })
            if *article == SUMMIT_COPY && reason.starts_with("identical copy")),
        "{:?}",
        selected_row(&app)
    );
    // The status bar says why the selected report is related.
    let t = render(&mut app, 120, 30);
    let buffer = t.backend().buffer();
    let status: String = (0..buffer.area.width)
        .map(|x| buffer[(x, buffer.area.height - 1)].symbol())
        .collect();
    assert!(status.contains("related: identical copy"), "{status}");
    press(&mut app, [code(KeyCode::Enter)]);
    assert_eq!(app.current(), Some(SUMMIT_COPY));
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.breadcrumb(), ["Scholz and Macron meet in Paris"]);

    press(&mut app, [code(KeyCode::Backspace)]);
    assert_eq!(app.current(), Some(SUMMIT));
    press(&mut app, [key(']')]);
    assert_eq!(app.current(), Some(SUMMIT_COPY));
    press(&mut app, [key('[')]);
    assert_eq!(app.current(), Some(SUMMIT));
}

#[test]
fn a_related_report_hidden_by_the_filter_is_still_reached() {
    let mut app = app();
    press(&mut app, [key('/')]);
    press_text(&mut app, "storm");
    press(&mut app, [code(KeyCode::Enter)]);
    assert_eq!(app.current(), Some(STORM));
    select_side_row(&mut app, is_related);
    press(&mut app, [code(KeyCode::Enter)]);
    assert_eq!(app.current(), Some(FARM));
    assert_eq!(app.filter().text(), "", "the filter that hid it is cleared");
    press(&mut app, [code(KeyCode::Backspace)]);
    assert_eq!(app.filter().text(), "storm");
    assert_eq!(app.current(), Some(STORM));
}

#[test]
fn in_the_sample_the_moscow_meeting_leads_to_its_rewrite() {
    let mut app = sample_app();
    frame(&mut app);
    press(&mut app, [key('j')]);
    let id = |app: &App| app.library().articles()[app.current().unwrap()].id.clone();
    assert!(id(&app).starts_with("001_"));
    select_side_row(&mut app, is_related);
    press(&mut app, [code(KeyCode::Enter)]);
    assert!(id(&app).starts_with("004_"), "{}", id(&app));
    press(&mut app, [code(KeyCode::Backspace)]);
    assert!(id(&app).starts_with("001_"));
}

#[test]
fn the_entity_browser_narrows_as_one_types_and_filters_on_enter() {
    let mut app = app();
    frame(&mut app);
    press(&mut app, [key('e')]);
    let all = app.library().entities().entities.len();
    assert_eq!(app.browser().unwrap().matches.len(), all);
    press_text(&mut app, "dubo");
    let names: Vec<&str> = app
        .browser()
        .unwrap()
        .matches
        .iter()
        .map(|&e| app.library().entities().entities[e].name.as_str())
        .collect();
    assert_eq!(names, ["Claire Dubois"]);
    // Keys that mean something elsewhere are text here.
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, [code(KeyCode::Enter)]);
    assert!(app.browser().is_none());
    assert_eq!(app.filter().text(), "person:\"Claire Dubois\"");
    assert_eq!(sorted(app.list().shown().to_vec()), [STORM, FARM]);

    press(&mut app, [key('e')]);
    press_text(&mut app, "xyz");
    assert!(app.browser().unwrap().matches.is_empty());
    press(&mut app, [code(KeyCode::Esc)]);
    assert!(app.browser().is_none());
    assert_eq!(
        app.filter().text(),
        "person:\"Claire Dubois\"",
        "Esc closes the browser and keeps the filter"
    );
}

#[test]
fn n_steps_to_the_next_article_naming_the_selected_person() {
    let mut app = app();
    frame(&mut app);
    select_side_row(&mut app, is_name);
    let macron = app.selected_entity().unwrap();
    press(&mut app, [key('n')]);
    assert_eq!(app.current(), Some(SUMMIT_COPY));
    assert_eq!(app.focus(), Focus::Side, "stepping keeps the panel focused");
    assert_eq!(
        app.selected_entity(),
        Some(macron),
        "the name stays selected"
    );
    press(&mut app, [key('n')]);
    assert_eq!(
        app.current(),
        Some(FARM),
        "the storm report does not name him"
    );
    press(&mut app, [key('n')]);
    assert_eq!(
        app.current(),
        Some(SUMMIT),
        "after the last comes the first"
    );
    press(&mut app, [key('N')]);
    assert_eq!(app.current(), Some(FARM));
}

#[test]
fn n_without_a_selected_name_says_what_to_do() {
    let mut app = app();
    frame(&mut app);
    press(&mut app, [key('n')]);
    assert_eq!(app.current(), Some(SUMMIT));
    assert!(app.message().unwrap().contains("select a name"));
}

#[test]
fn s_cycles_the_order_and_dates_put_newest_first_and_undated_last() {
    let mut app = app();
    frame(&mut app);
    assert_eq!(app.sort(), Sort::Relevance);
    press(&mut app, [key('s')]);
    assert_eq!(app.sort(), Sort::Date);
    assert_eq!(
        shown_ids(&app),
        ["summit", "summit-copy", "farm", "storm", "budget"]
    );
    assert_eq!(app.current(), Some(SUMMIT), "the selection stays put");
    press(&mut app, [key('s')]);
    assert_eq!(app.sort(), Sort::Title);
    assert_eq!(
        shown_ids(&app),
        ["budget", "farm", "summit-copy", "summit", "storm"]
    );
    press(&mut app, [key('s')]);
    assert_eq!(app.sort(), Sort::Relevance);
    assert_eq!(
        shown_ids(&app),
        ["summit", "summit-copy", "storm", "farm", "budget"]
    );
}

#[test]
fn c_folds_a_duplicate_group_into_one_row() {
    let mut app = app();
    frame(&mut app);
    press(&mut app, [key('c')]);
    assert!(app.folds_copies());
    assert_eq!(shown_ids(&app), ["summit", "storm", "farm", "budget"]);
    assert_eq!(app.list().group_size(SUMMIT), Some(2));
    // Folding works on a sorted list too, and a filter keeps it folded.
    press(&mut app, [key('s')]);
    assert_eq!(shown_ids(&app), ["summit", "farm", "storm", "budget"]);
    press(&mut app, [key('/')]);
    press_text(&mut app, "paris");
    assert_eq!(app.list().shown().len(), 1, "{:?}", shown_ids(&app));
    assert!([SUMMIT, SUMMIT_COPY].contains(&app.list().shown()[0]));
    press(&mut app, [code(KeyCode::Esc), key('c')]);
    assert!(!app.folds_copies());
    assert_eq!(app.list().shown().len(), 5);
}

#[test]
fn a_fold_asked_for_before_the_groups_are_found_happens_when_they_are() {
    let lib = Arc::new(fixture_library(FIXTURE));
    let mut app = reader_for(Arc::clone(&lib));
    frame(&mut app);
    press(&mut app, [key('c')]);
    assert!(app.folds_copies());
    assert_eq!(app.list().shown().len(), 5, "nothing to fold with yet");
    lib.related_index();
    app.background_ready(dossier::library::Readiness::Related);
    assert_eq!(shown_ids(&app), ["summit", "storm", "farm", "budget"]);
}

#[test]
fn the_timeline_filters_to_the_picked_period() {
    let mut app = app();
    frame(&mut app);
    let timeline = app
        .timeline()
        .timeline()
        .cloned()
        .expect("a timeline for dated articles");
    press(&mut app, [key('t')]);
    assert_eq!(app.focus(), Focus::Timeline);
    assert_eq!(app.timeline().cursor(), 0);
    // The earliest period holds the storm report.
    press(&mut app, [code(KeyCode::Enter)]);
    let value = timeline.query_value(0).unwrap();
    assert_eq!(app.filter().text(), format!("date:{value}"));
    assert_eq!(app.focus(), Focus::List);
    let (first, last) = timeline.period(0).unwrap();
    assert!(app.list().shown().contains(&STORM), "{:?}", shown_ids(&app));
    for &i in app.list().shown() {
        let d = app.library().articles()[i]
            .date
            .expect("only dated articles");
        assert!(first <= d.start && d.start <= last, "{i}: {d}");
    }
    assert!(!app.list().shown().contains(&BUDGET));

    // Right along the strip to the last period: the summit reports.
    press(
        &mut app,
        [key('t'), code(KeyCode::End), code(KeyCode::Enter)],
    );
    assert_eq!(
        app.filter().text(),
        format!("date:{}", timeline.query_value(timeline.len() - 1).unwrap())
    );
    assert_eq!(sorted(app.list().shown().to_vec()), [SUMMIT, SUMMIT_COPY]);
    // Back returns to the earlier period.
    press(&mut app, [code(KeyCode::Backspace)]);
    assert_eq!(app.filter().text(), format!("date:{value}"));
    // Esc leaves the strip without touching the filter.
    press(&mut app, [key('t'), code(KeyCode::Esc)]);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.filter().text(), format!("date:{value}"));
}

#[test]
fn m_switches_mention_highlights_in_the_reading_view() {
    let mut app = app();
    let t = render(&mut app, 120, 30);
    let buf = t.backend().buffer();
    let reader = app.areas().reader;
    let (x, y) = find_in(buf, reader, "Olaf Scholz").expect("the body is on screen");
    let (cx, cy) = find_in(buf, reader, "Chancellor").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(buf[(x + 5, y)].modifier.contains(Modifier::BOLD), "Scholz");
    assert!(
        !buf[(cx, cy)].modifier.contains(Modifier::BOLD),
        "not a name"
    );
    assert!(area_text(buf, reader).contains("names lit"));

    tui::handle_event(&mut app, key('m'));
    assert!(!app.reader().highlights_mentions());
    let t = render(&mut app, 120, 30);
    let buf = t.backend().buffer();
    assert!(!buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(x + 5, y)].modifier.contains(Modifier::BOLD));
    assert!(!area_text(buf, reader).contains("names lit"));

    tui::handle_event(&mut app, key('m'));
    let t = render(&mut app, 120, 30);
    assert!(
        t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn side_panel_lists_names_dates_and_related_reports() {
    let mut app = app();
    // Between 60 and 100 columns the focused side panel takes the right.
    render(&mut app, 90, 34);
    press(&mut app, [code(KeyCode::Tab), code(KeyCode::Tab), key('j')]);
    let t = render(&mut app, 90, 34);
    let side = app.areas().side;
    let text = area_text(t.backend().buffer(), side);
    for expected in [
        "People (2)",
        "Emmanuel Macron",
        "Olaf Scholz",
        "Places (2)",
        "Dates (2)",
        "in April",
        "Related (2)",
        "Leaders meet in Paris",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // The selected name is drawn reversed.
    let (x, y) = find_in(t.backend().buffer(), side, "Emmanuel Macron").unwrap();
    assert!(
        t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    insta::assert_snapshot!(text);
}

#[test]
fn a_date_expression_repeated_for_one_date_is_listed_once_with_a_count() {
    let json = r#"[{"id": "prices", "title": "Prices", "date": "2025-03-14",
        "body": "Crude prices rose today. Traders said today was calm.\n\nMinisters will meet on Monday and again on 2 April."}]"#;
    let lib = ready(fixture_library(json));
    let dates: Vec<(String, String)> = dossier::tui::side::side_rows(&lib.article_view(0))
        .into_iter()
        .filter_map(|r| match r {
            SideRow::Date { value, text } => Some((value, text)),
            _ => None,
        })
        .collect();
    assert_eq!(
        dates,
        [
            ("2025-03-14".to_string(), "today (2×)".to_string()),
            ("2025-03-17".to_string(), "on Monday".to_string()),
            ("2025-04-02".to_string(), "on 2 April".to_string()),
        ]
    );
}

#[test]
fn entity_browser_popup() {
    let mut app = app();
    frame(&mut app);
    press(&mut app, [key('e')]);
    let t = render(&mut app, 80, 20);
    insta::assert_snapshot!(t.backend());
    press_text(&mut app, "mac");
    let t = render(&mut app, 80, 20);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_scripted_session_goes_from_a_name_to_a_report_and_back() {
    let mut app = app();
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let mut events = ScriptedEvents::new([
        key('e'),
        key('s'),
        key('c'),
        key('h'),
        key('o'),
        code(KeyCode::Enter),
        key('j'),
        code(KeyCode::Enter),
        code(KeyCode::Backspace),
        key('q'),
    ]);
    tui::run_loop(&mut t, &mut app, &mut events).expect("the loop runs");
    assert!(!app.is_running());
    // "scho" finds Olaf Scholz; his filter shows the two summit reports,
    // j moves to the second, Enter reads it, Backspace goes back to before
    // the filter.
    assert_eq!(app.filter().text(), "");
    assert_eq!(app.list().shown().len(), 5);
    assert_eq!(app.current(), Some(SUMMIT));
    assert_eq!(
        app.history().forward().len(),
        1,
        "forward leads to the Scholz filter"
    );
    assert_eq!(app.history().forward()[0].filter, "person:\"Olaf Scholz\"");
}

#[test]
fn a_folded_copy_opened_as_a_related_report_is_the_one_shown() {
    let mut app = app();
    press(&mut app, [key('c')]);
    assert!(
        !app.list().shown().contains(&SUMMIT_COPY),
        "the copy is folded away"
    );
    app.jump_to(SUMMIT_COPY);
    frame(&mut app);
    assert_eq!(app.current(), Some(SUMMIT_COPY));
    assert!(!app.folds_copies());
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn the_list_window_follows_a_resize() {
    let mut app = app();
    render(&mut app, 40, 8);
    press(&mut app, [key('G')]);
    render(&mut app, 40, 8);
    assert!(
        app.list().offset() > 0,
        "a tiny screen scrolls to the last row"
    );
    let t = render(&mut app, 120, 36);
    assert_eq!(app.list().offset(), 0, "a tall screen shows every row");
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("Scholz and Macron meet in Paris"));
    assert!(screen.contains("City budget passes"));
}
