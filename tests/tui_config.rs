//! The reader's config, find in the article, the warnings popup and saved
//! searches, driven by scripted keys on a `TestBackend`. Every store and
//! file goes to a temporary folder, never the real home.

mod common;

use std::fs;
use std::path::Path;
use std::sync::Arc;

use common::tui::{code, key, render, screen, store_app, type_text, write_corpus as write_files};
use dossier::library::Library;
use dossier::store::SearchFile;
use dossier::tui::app::{App, Focus};
use dossier::tui::config;
use dossier::tui::{self, Input, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

fn write_corpus(dir: &Path) {
    write_files(
        dir,
        &[
            (
                "Envoys resume talks in Geneva",
                "Envoys met in Geneva on Friday.\n\nThe talks in GENEVA were slow, said the mediator. Geneva hosts a third round in April.",
            ),
            (
                "Storm closes ports",
                "Ferries were cancelled as the storm approached the coast.",
            ),
        ],
    );
    // A file that loads with a warning.
    fs::write(dir.join("broken.json"), "{ not json").unwrap();
}

#[test]
fn a_remapped_key_quits_and_the_hints_follow() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let cfg = home.path().join("config.toml");
    fs::write(&cfg, "[keys]\nquit = [\"x\"]\n").unwrap();
    let (c, warnings) = config::load(&cfg);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut app = store_app(dir.path(), home.path());
    app.configure(c, &warnings, true);
    let t = render(&mut app, 120, 20);
    assert!(screen(&t).contains("x quit"), "{}", screen(&t));
    // q no longer quits; x does, through the very loop the reader runs.
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    let mut events = ScriptedEvents::inputs([Input::Event(key('q')), Input::Event(key('x'))]);
    tui::run_loop(&mut t, &mut app, &mut events).unwrap();
    assert!(!app.is_running());
    let mut app = store_app(dir.path(), home.path());
    let mut events = ScriptedEvents::inputs([Input::Event(key('q'))]);
    let (c, w) = config::load(&cfg);
    app.configure(c, &w, true);
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    tui::run_loop(&mut t, &mut app, &mut events).unwrap();
    // The events ran out without a quit key: the loop ends at their end.
    assert_eq!(app.stopped_by(), None);
    let mut help = store_app(dir.path(), home.path());
    let (c, w) = config::load(&cfg);
    help.configure(c, &w, true);
    tui::handle_event(&mut help, key('?'));
    let t = render(&mut help, 100, 60);
    assert!(
        screen(&t).contains("  x             quit"),
        "{}",
        screen(&t)
    );
}

#[test]
fn a_broken_config_starts_with_a_warning_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let cfg = home.path().join("config.toml");
    fs::write(
        &cfg,
        "sort = \"date\"\nsidepanel = 30\n[keys]\nquit = [\"x\"]\n",
    )
    .unwrap();
    let (c, warnings) = config::load(&cfg);
    assert_eq!(warnings.len(), 1);
    let mut app = store_app(dir.path(), home.path());
    app.configure(c, &warnings, true);
    let t = render(&mut app, 160, 20);
    let shown = screen(&t);
    let expected = format!("config: {}:2: sidepanel: unknown setting", cfg.display());
    assert!(
        shown.contains(&expected[..40.min(expected.len())]),
        "{shown}"
    );
    assert_eq!(app.config_warnings().len(), 1);
    assert!(app.config_warnings()[0].contains(":2: sidepanel"));
    // The rest of the file holds.
    assert_eq!(app.sort(), dossier::tui::app::Sort::Date);
}

#[test]
fn find_lights_the_matches_and_steps_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = store_app(dir.path(), home.path());
    render(&mut app, 120, 20);
    let geneva = app
        .list()
        .shown()
        .iter()
        .position(|&i| app.library().articles()[i].title.contains("Geneva"))
        .unwrap();
    app.select(geneva);
    tui::handle_event(&mut app, key('f'));
    type_text(&mut app, "geneva");
    assert_eq!(app.focus(), Focus::Reader);
    // One in the first paragraph, two in the second (any case).
    assert_eq!(app.find().matches.len(), 3, "{:?}", app.find().matches);
    let t = render(&mut app, 120, 20);
    let shown = screen(&t);
    assert!(shown.contains("find: geneva"), "{shown}");
    tui::handle_event(&mut app, code(KeyCode::Enter));
    assert!(app.prompt().is_none());
    assert_eq!(app.find().current, 0);
    tui::handle_event(&mut app, key(';'));
    assert_eq!(app.find().current, 1);
    tui::handle_event(&mut app, key(','));
    tui::handle_event(&mut app, key(','));
    assert_eq!(app.find().current, 2, "round the article");
    let t = render(&mut app, 120, 20);
    let shown = screen(&t);
    assert!(shown.contains("Reading · find 3/3"), "{shown}");
    // The current match is drawn reversed, the others underlined.
    let buf = t.backend().buffer();
    let reversed = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| {
            buf[p].modifier.contains(Modifier::REVERSED)
                && buf[p].modifier.contains(Modifier::UNDERLINED)
        })
        .count();
    assert_eq!(reversed, "Geneva".len());
    // Esc clears the find.
    tui::handle_event(&mut app, code(KeyCode::Esc));
    assert!(!app.find().is_active());
}

#[test]
fn the_warnings_popup_lists_each_file_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = store_app(dir.path(), home.path());
    let t = render(&mut app, 120, 20);
    assert!(screen(&t).contains("1 file warning(s)"));
    tui::handle_event(&mut app, key('w'));
    let t = render(&mut app, 120, 20);
    let shown = screen(&t);
    assert!(shown.contains("1 warning(s)"), "{shown}");
    assert!(shown.contains("broken.json"), "{shown}");
    assert!(shown.contains("error: "), "{shown}");
    tui::handle_event(&mut app, code(KeyCode::Esc));
    assert!(app.popup().is_none());
}

fn save_and_pick(app: &mut App) {
    tui::handle_event(app, key('/'));
    type_text(app, "storm");
    tui::handle_event(app, code(KeyCode::Enter));
    tui::handle_event(app, key('S'));
    type_text(app, "weather");
    tui::handle_event(app, code(KeyCode::Enter));
    assert!(
        app.message().unwrap_or("").contains("saved as"),
        "{:?}",
        app.message()
    );
    tui::handle_event(app, code(KeyCode::Esc));
    assert_eq!(app.filter().text(), "");
}

#[test]
fn a_saved_search_round_trips_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = store_app(dir.path(), home.path());
    save_and_pick(&mut app);
    // A new reader on the same store lists it, with the config's.
    let mut app = store_app(dir.path(), home.path());
    let (c, w) = config::parse("[searches]\nports = \"ports\"\n", "c.toml");
    app.configure(c, &w, true);
    tui::handle_event(&mut app, key('\''));
    let t = render(&mut app, 120, 20);
    let shown = screen(&t);
    assert!(shown.contains("weather  storm"), "{shown}");
    assert!(shown.contains("(config)"), "{shown}");
    tui::handle_event(&mut app, key('j'));
    tui::handle_event(&mut app, code(KeyCode::Enter));
    assert_eq!(app.filter().text(), "storm");
    assert!(app.popup().is_none());
    // Forgetting it.
    tui::handle_event(&mut app, key('\''));
    tui::handle_event(&mut app, key('j'));
    tui::handle_event(&mut app, key('d'));
    assert_eq!(app.library().saved_searches().unwrap(), vec![]);
}

#[test]
fn without_a_store_saved_searches_go_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut lib = Library::open(&[dir.path().to_path_buf()]).unwrap();
    let file = SearchFile::in_folder(&home.path().join("data/dossier"));
    lib.keep_searches_in(file.clone());
    let mut app = App::new(Arc::new(lib));
    save_and_pick(&mut app);
    assert_eq!(
        file.searches().unwrap(),
        vec![("weather".to_string(), "storm".to_string())]
    );
}
