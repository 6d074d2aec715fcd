//! The terminal face: a three-pane reader (article list, reading view, side
//! panel) with a filter bar. Elm-style: `App` holds the state, keys become
//! `Action`s through one table, `App::update` applies them, and `ui::draw`
//! renders the state. The event loop is generic over the backend and takes
//! its events from a source that tests can script.

pub mod app;
pub mod browser;
pub mod keys;
mod navigate;
mod panes;
pub mod reader;
pub mod side;
pub mod theme;
pub mod ui;
pub mod wrap;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::library::Library;
use app::{App, Focus};
use keys::{Action, Scope, action_for};

/// What waiting for input gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    /// Nothing happened for a while: time to look at background work.
    Tick,
    /// There will be no more input.
    End,
}

/// Where the loop's events come from.
pub trait EventSource {
    /// Waits for the next event, or a tick after a short while.
    fn next(&mut self) -> io::Result<Input>;
    /// An event that is already waiting, without blocking.
    fn try_next(&mut self) -> io::Result<Option<Event>>;
}

/// The real terminal's events.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self) -> io::Result<Input> {
        if event::poll(Duration::from_millis(200))? {
            return event::read().map(Input::Event);
        }
        Ok(Input::Tick)
    }

    fn try_next(&mut self) -> io::Result<Option<Event>> {
        if event::poll(Duration::ZERO)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// A fixed list of events, for tests and scripted runs.
pub struct ScriptedEvents(pub VecDeque<Event>);

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        ScriptedEvents(events.into_iter().collect())
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self) -> io::Result<Input> {
        Ok(self.0.pop_front().map_or(Input::End, Input::Event))
    }

    fn try_next(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }
}

/// Opens `paths` (or the sample) and runs the reader until the person quits.
pub fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let library = Library::open(paths)?;
    for problem in library
        .corpus
        .problems()
        .filter_map(|f| f.message())
        .take(5)
    {
        eprintln!("{}", crate::text::sanitize(&problem));
    }
    let library = Arc::new(library);
    library.prepare_in_background();
    let mut app = App::new(library);
    let mut terminal = ratatui::init();
    install_mouse_restoring_hook();
    exit_cleanly_on_signals()?;
    let result = execute!(io::stdout(), EnableMouseCapture)
        .and_then(|()| run_loop(&mut terminal, &mut app, &mut TerminalEvents));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result.map_err(Into::into)
}

/// `ratatui::init` restores the screen on panic; mouse capture must be
/// switched off too, before that hook runs, or the shell receives mouse
/// escape codes.
fn install_mouse_restoring_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// SIGTERM, SIGHUP or SIGINT from outside (in raw mode Ctrl-C is a key):
/// restore the terminal and exit. This runs on its own thread because a
/// terminal that hung up can keep the input reader from ever returning.
fn exit_cleanly_on_signals() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("dossier-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = execute!(io::stdout(), DisableMouseCapture);
                ratatui::restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Draws, waits for input, applies it; until the app stops or the events end.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut ready = background_state(app);
    draw(terminal, app)?;
    while app.running {
        match events.next()? {
            Input::End => break,
            Input::Tick => {
                // Redraw when background indexes have become ready.
                if background_state(app) == ready {
                    continue;
                }
                ready = background_state(app);
                app.background_ready();
            }
            Input::Event(event) => handle_event(app, event),
        }
        // Apply everything already typed before searching and drawing again,
        // so fast typing on a large corpus runs one search, not one per key.
        while app.running {
            match events.try_next()? {
                Some(event) => handle_event(app, event),
                None => break,
            }
        }
        if app.running {
            draw(terminal, app)?;
        }
    }
    Ok(())
}

fn background_state(app: &App) -> (bool, bool) {
    (
        app.library.entities_if_ready().is_some(),
        app.library.related_if_ready().is_some(),
    )
}

/// Brings the list up to date and draws one frame.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    if app.search_pending {
        app.refresh_search();
    }
    let size = terminal.size().map_err(io::Error::other)?;
    ui::sync(app, Rect::new(0, 0, size.width, size.height));
    terminal
        .draw(|f| ui::draw(f, app))
        .map_err(io::Error::other)?;
    Ok(())
}

/// Applies one terminal event to the state.
pub fn handle_event(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => handle_key(app, key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.scroll_at(m.column, m.row, true),
            MouseEventKind::ScrollUp => app.scroll_at(m.column, m.row, false),
            MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row),
            _ => {}
        },
        Event::Paste(text) if app.focus == Focus::Filter => {
            for c in text.chars().filter(|c| !c.is_control()) {
                app.filter_insert(c);
            }
        }
        _ => {}
    }
}

fn handle_key(app: &mut App, key: KeyEvent) {
    // Alt-letter chords are not text.
    let ctrl = key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if app.browser.is_some() {
        match action_for(&key, Scope::Browser) {
            Some(Action::Open) => app.choose_from_browser(),
            Some(Action::ClearFilter) => app.browser = None,
            Some(Action::Down) => browser_move(app, 1),
            Some(Action::Up) => browser_move(app, -1),
            Some(action) => app.update(action),
            None => {
                let lib = Arc::clone(&app.library);
                if let (Some(b), Some(table)) = (app.browser.as_mut(), lib.entities_if_ready()) {
                    match key.code {
                        KeyCode::Char(c) if !ctrl => b.type_char(c, table),
                        KeyCode::Backspace => b.backspace(table),
                        KeyCode::PageDown => b.move_by(10),
                        KeyCode::PageUp => b.move_by(-10),
                        _ => {}
                    }
                }
            }
        }
        return;
    }
    if app.focus == Focus::Filter {
        if let Some(action) = action_for(&key, Scope::Filter) {
            app.update(action);
            return;
        }
        match key.code {
            KeyCode::Char('w') if ctrl => app.filter_delete_word(),
            KeyCode::Char('u') if ctrl => app.set_filter(String::new()),
            KeyCode::Char(c) if !ctrl => app.filter_insert(c),
            KeyCode::Backspace => app.filter_backspace(),
            KeyCode::Left => app.filter_cursor(false),
            KeyCode::Right => app.filter_cursor(true),
            KeyCode::Up => app.update(Action::Up),
            _ => {}
        }
        return;
    }
    if app.focus == Focus::Timeline && !app.show_help {
        // Across the strip, left and right move; up leaves it.
        match key.code {
            KeyCode::Left | KeyCode::Char('h') => return app.update(Action::Up),
            KeyCode::Right | KeyCode::Char('l') => return app.update(Action::Down),
            KeyCode::Up | KeyCode::Down | KeyCode::Char('j') | KeyCode::Char('k') => {
                app.focus = Focus::List;
                return;
            }
            _ => {}
        }
    }
    let Some(action) = action_for(&key, Scope::Browse) else {
        return;
    };
    if app.show_help {
        match action {
            Action::Quit | Action::ToggleHelp | Action::ClearFilter => {}
            // The help scrolls on a small screen.
            Action::Down | Action::PageDown => {
                app.help_scroll = app.help_scroll.saturating_add(1);
                return;
            }
            Action::Up | Action::PageUp => {
                app.help_scroll = app.help_scroll.saturating_sub(1);
                return;
            }
            // Any other key just closes the help.
            _ => {
                app.show_help = false;
                return;
            }
        }
    }
    app.update(action);
}

fn browser_move(app: &mut App, delta: isize) {
    if let Some(b) = app.browser.as_mut() {
        b.move_by(delta);
    }
}
