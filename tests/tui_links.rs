//! Links out and piping from the reader: the address in the reading view's
//! header, `o` through `$BROWSER`, `y` and `Y` by OSC 52 (the bytes are
//! captured), and `|` piping the article as Markdown to a command.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::tui::{code, fixture_app, screen, typed as key};
use dossier::tui::app::App;
use dossier::tui::{self, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode};

const FIXTURE: &str = r#"[
  {"id": "talks", "title": "Envoys resume [talks] in Geneva", "date": "2025-03-14", "author": "Ana Pereira",
   "source": "Example Wire", "url": "https://example.com/world/envoys-resume-talks",
   "body": "GENEVA - Envoys from both sides met on Friday for a second round of talks.\n\nThe mediator said progress was slow but real."},
  {"id": "storm", "title": "Storm closes ports", "body": "Harbour masters closed three ports as the storm approached."},
  {"id": "hostile", "title": "Hostile address", "url": "https://example.com/\u001b]52;c;AAAA\u0007",
   "body": "An address with an escape sequence in it."}
]"#;

/// What the reader wrote to its terminal beside the frames.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

fn reader() -> (App, Captured) {
    let mut app = fixture_app(FIXTURE);
    let captured = Captured::default();
    app.outside.terminal = Box::new(captured.clone());
    app.outside.browser = None;
    (app, captured)
}

/// Runs the reader's own loop over `events` on a test screen.
fn run(app: &mut App, events: Vec<Event>) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(120, 24)).expect("test terminal");
    tui::run_loop(&mut terminal, app, &mut ScriptedEvents::new(events)).expect("runs");
    terminal
}

#[test]
fn the_address_shows_in_the_reading_view_header() {
    let (mut app, _) = reader();
    let t = run(&mut app, vec![code(KeyCode::Enter)]);
    assert!(
        screen(&t).contains("https://example.com/world/envoys-resume-talks"),
        "{}",
        screen(&t)
    );
}

#[test]
fn y_copies_the_address_by_osc52_and_capital_y_a_markdown_link() {
    let (mut app, captured) = reader();
    let t = run(&mut app, vec![key('y')]);
    // "https://example.com/world/envoys-resume-talks" in base64.
    assert_eq!(
        captured.text(),
        "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS93b3JsZC9lbnZveXMtcmVzdW1lLXRhbGtz\x07"
    );
    assert!(screen(&t).contains("copied link"), "{}", screen(&t));
    let (mut app, captured) = reader();
    let t = run(&mut app, vec![key('Y')]);
    let bytes = captured.text();
    let payload = bytes
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .expect("one OSC 52 sequence");
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(
        String::from_utf8(decoded).unwrap(),
        "[Envoys resume \\[talks\\] in Geneva](https://example.com/world/envoys-resume-talks)"
    );
    assert!(screen(&t).contains("copied Markdown link"));
}

#[test]
fn an_article_without_a_usable_address_says_so() {
    for down in [1, 2] {
        let (mut app, captured) = reader();
        let mut events = vec![key('j'); down];
        events.push(key('y'));
        events.push(key('o'));
        let t = run(&mut app, events);
        assert!(captured.text().is_empty(), "{:?}", captured.text());
        assert!(app.task().is_none());
        assert!(
            screen(&t).contains("no link in this article"),
            "{}",
            screen(&t)
        );
        assert!(!screen(&t).contains("52;c;"));
    }
}

#[test]
fn o_runs_browser_with_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("opened.txt");
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (mut app, _) = reader();
    app.outside.browser = Some(script.display().to_string());
    let t = run(&mut app, vec![key('o')]);
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "https://example.com/world/envoys-resume-talks\n"
    );
    assert!(
        screen(&t).contains("opened https://example.com/world/envoys-resume-talks"),
        "{}",
        screen(&t)
    );
    // A browser that fails is reported, not hidden.
    let (mut app, _) = reader();
    app.outside.browser = Some("false".into());
    let t = run(&mut app, vec![key('o')]);
    assert!(screen(&t).contains("could not open"), "{}", screen(&t));
}

#[test]
fn pipe_sends_the_article_as_markdown_and_shows_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("article.md");
    let (mut app, _) = reader();
    let mut events = vec![key('|')];
    events.extend(format!("cat > '{}'", out.display()).chars().map(key));
    events.push(code(KeyCode::Enter));
    let t = run(&mut app, events);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "# Envoys resume [talks] in Geneva\n\n\
         2025-03-14 · Example Wire · Ana Pereira · <https://example.com/world/envoys-resume-talks>\n\n\
         GENEVA - Envoys from both sides met on Friday for a second round of talks.\n\n\
         The mediator said progress was slow but real.\n"
    );
    assert!(screen(&t).contains("exit status 0"), "{}", screen(&t));
    assert!(app.prompt().is_none());

    let (mut app, _) = reader();
    let mut events = vec![key('|')];
    events.extend("exit 3".chars().map(key));
    events.push(code(KeyCode::Enter));
    let t = run(&mut app, events);
    assert!(
        screen(&t).contains("piped to exit 3: exit status 3"),
        "{}",
        screen(&t)
    );
}

#[test]
fn the_pipe_prompt_shows_what_is_typed_and_esc_cancels_it() {
    let (mut app, _) = reader();
    let mut events = vec![key('|')];
    events.extend("wc -w".chars().map(key));
    let t = run(&mut app, events);
    assert!(
        screen(&t).contains("pipe the article to: wc -w"),
        "{}",
        screen(&t)
    );
    // q is typed, not quitting; Esc cancels.
    let (mut app, _) = reader();
    tui::handle_event(&mut app, key('|'));
    tui::handle_event(&mut app, key('q'));
    assert!(app.is_running());
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("q"));
    tui::handle_event(&mut app, code(KeyCode::Backspace));
    tui::handle_event(&mut app, code(KeyCode::Esc));
    assert!(app.is_running());
    assert!(app.prompt().is_none());
    assert!(app.task().is_none());
}
