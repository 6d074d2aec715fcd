//! Driving the terminal reader in tests: a reader over a JSON fixture or
//! over files written to a folder (with its store there), keys as the
//! terminal sends them, frames drawn on a `TestBackend`, and the text on
//! screen.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use dossier::corpus::{Corpus, json::parse_json};
use dossier::library::{Library, OpenOptions, StoreChoice};
use dossier::store::StorePaths;
use dossier::tui::{self, app::App, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A library over the articles of a JSON `fixture`, without a store.
pub fn fixture_library(fixture: &str) -> Library {
    let parsed = parse_json("fixture", "fixture.json", fixture).expect("fixture parses");
    Library::new(Corpus {
        articles: parsed.articles.into_vec(),
        files: Vec::new(),
    })
}

/// A reader over `library`, drawn without colours so snapshots hold on
/// any terminal.
pub fn reader_for(library: Arc<Library>) -> App {
    let mut app = App::new(library);
    app.theme = Theme::plain();
    app
}

/// A reader over the articles of a JSON `fixture`.
pub fn fixture_app(fixture: &str) -> App {
    reader_for(Arc::new(fixture_library(fixture)))
}

/// Writes each `(title, body)` to `dir` as `0.txt`, `1.txt`, ….
pub fn write_corpus(dir: &Path, articles: &[(&str, &str)]) {
    for (i, (title, body)) in articles.iter().enumerate() {
        fs::write(dir.join(format!("{i}.txt")), format!("{title}\n\n{body}\n")).unwrap();
    }
}

/// Opens the files in `dir` with the store under `home`.
pub fn open_library(dir: &Path, home: &Path) -> Library {
    let options = OpenOptions {
        store: StoreChoice::At(StorePaths::under(home)),
        last_open: false,
    };
    Library::open_with(&[dir.to_path_buf()], &options).unwrap()
}

/// A key with no modifier.
pub fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// A character as a terminal reports it: capitals and `|` with Shift.
pub fn typed(c: char) -> Event {
    let mods = if c.is_ascii_uppercase() || c == '|' {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

pub fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `text` key by key, without drawing in between.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        tui::handle_event(app, key(c));
    }
}

/// Fits the reader to a `width` × `height` screen and draws one frame.
pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    tui::render(&mut t, app).expect("draws");
    t
}

/// Draws a frame of the usual size: brings the list and side panel up to
/// date as the event loop does between keys.
pub fn frame(app: &mut App) {
    render(app, 120, 30);
}

/// Sends events one at a time, drawing after each as the loop does.
pub fn press(app: &mut App, events: impl IntoIterator<Item = Event>) {
    for event in events {
        tui::handle_event(app, event);
        frame(app);
    }
}

/// Types `text`, drawing after each key as the loop does.
pub fn press_text(app: &mut App, text: &str) {
    press(app, text.chars().map(key));
}

/// Every row of the screen, each ending in a line break.
pub fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Row `y` of the screen.
pub fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// `library` with its names and related reports ready, as they are once
/// the background threads have built them.
pub fn ready(library: Library) -> Arc<Library> {
    library.related_index();
    Arc::new(library)
}

/// The ids of the articles the list shows, in order.
pub fn shown_ids(app: &App) -> Vec<&str> {
    app.list()
        .shown()
        .iter()
        .map(|&i| app.library().articles()[i].id.as_str())
        .collect()
}

/// A reader over the files in `dir`, with its store under `home`.
pub fn store_app(dir: &Path, home: &Path) -> App {
    reader_for(Arc::new(open_library(dir, home)))
}
