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
pub mod story;
pub mod theme;
pub mod ui;
pub mod wrap;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::library::{Library, OpenOptions, Readiness, StoreChoice};
use crate::worker::{ListAnswer, ListWorker};
use app::{App, Focus};
use keys::{Action, Scope, action_for};

/// What the loop is told: input from the terminal, or news from the
/// background.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The list worker's answer to a request.
    Listing(ListAnswer),
    /// Background indexing has made something ready.
    Ready(Readiness),
    /// A name's timeline, gathered off the UI thread.
    Timeline(usize, Vec<crate::library::TimelineRow>),
    /// A signal asked the reader to stop (SIGTERM, SIGHUP, SIGINT) or to
    /// suspend (SIGTSTP).
    Signal(i32),
    /// Time to redraw what changes by itself (names extraction's progress).
    Tick,
    /// There will be no more input.
    End,
}

/// Where the loop's events come from.
pub trait EventSource {
    /// Waits for the next input.
    fn next(&mut self) -> io::Result<Input>;
    /// Input that is already waiting, without blocking.
    fn try_next(&mut self) -> io::Result<Option<Input>>;
}

/// The real terminal's events, the list worker's answers, readiness and
/// signals, all through one channel: a thread reads the terminal, and the
/// others send from where they are.
pub struct TerminalEvents {
    rx: Receiver<Input>,
    tx: Sender<Input>,
}

impl TerminalEvents {
    pub fn start() -> TerminalEvents {
        let (tx, rx) = mpsc::channel();
        let input = tx.clone();
        std::thread::Builder::new()
            .name("dossier-input".into())
            .spawn(move || {
                loop {
                    let next = match event::read() {
                        Ok(e) => Input::Event(e),
                        Err(_) => Input::End,
                    };
                    let end = matches!(next, Input::End);
                    if input.send(next).is_err() || end {
                        break;
                    }
                }
            })
            .ok();
        TerminalEvents { rx, tx }
    }

    /// A sender for news from other threads.
    pub fn sender(&self) -> Sender<Input> {
        self.tx.clone()
    }
}

impl EventSource for TerminalEvents {
    fn next(&mut self) -> io::Result<Input> {
        Ok(self.rx.recv().unwrap_or(Input::End))
    }

    fn try_next(&mut self) -> io::Result<Option<Input>> {
        Ok(self.rx.try_recv().ok())
    }
}

/// A fixed list of inputs, for tests and scripted runs.
pub struct ScriptedEvents(pub VecDeque<Input>);

impl ScriptedEvents {
    /// Terminal events, in order.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        ScriptedEvents(events.into_iter().map(Input::Event).collect())
    }

    /// Any inputs, in order: terminal events, readiness, listings.
    pub fn inputs(inputs: impl IntoIterator<Item = Input>) -> Self {
        ScriptedEvents(inputs.into_iter().collect())
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self) -> io::Result<Input> {
        Ok(self.0.pop_front().unwrap_or(Input::End))
    }

    fn try_next(&mut self) -> io::Result<Option<Input>> {
        Ok(None)
    }
}

/// Opens `paths` (or the sample) and runs the reader until the person quits.
/// With `keep` the store keeps what was extracted and what the reader did
/// (read and starred articles, where the reader was). Gives the signal
/// that stopped the reader, if one did.
pub fn run(paths: &[PathBuf], keep: bool) -> anyhow::Result<Option<i32>> {
    let options = OpenOptions {
        store: if keep {
            StoreChoice::Environment
        } else {
            StoreChoice::None
        },
    };
    let library = Library::open_with(paths, &options)?;
    for line in library.store_warnings() {
        eprintln!("{}", crate::text::message_line(&line));
    }
    for problem in library
        .corpus
        .problems()
        .filter_map(|f| f.message())
        .take(5)
    {
        eprintln!("{}", crate::text::sanitize(&problem));
    }
    let library = Arc::new(library);
    let mut events = TerminalEvents::start();
    let ready = events.sender();
    library.prepare_in_background(move |what| {
        let _ = ready.send(Input::Ready(what));
    });
    tick_until_names_ready(Arc::clone(&library), events.sender());
    let mut app = App::new(Arc::clone(&library));
    let answers = events.sender();
    app.use_worker(ListWorker::spawn(Arc::clone(&library), move |answer| {
        let _ = answers.send(Input::Listing(answer));
    }));
    let timelines = events.sender();
    let from = Arc::clone(&library);
    app.timeline_jobs = Some(Arc::new(move |entity| {
        let (library, tx) = (Arc::clone(&from), timelines.clone());
        let _ = std::thread::Builder::new()
            .name("dossier-timeline".into())
            .spawn(move || {
                let rows = library.timeline(entity);
                let _ = tx.send(Input::Timeline(entity, rows));
            });
    }));
    if let Some(position) = library.last_position() {
        app.come_back(position);
    }
    watch_signals(events.sender())?;
    let mut terminal = ratatui::init();
    install_mouse_restoring_hook();
    let result = execute!(io::stdout(), EnableMouseCapture)
        .and_then(|()| run_loop(&mut terminal, &mut app, &mut events));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if library.has_store() {
        let _ = library.save_position(&app.position());
    }
    result?;
    Ok(app.stopped_by)
}

/// Sends a tick twice a second while the names are being found, so the
/// status bar's progress moves.
fn tick_until_names_ready(library: Arc<Library>, tx: Sender<Input>) {
    std::thread::Builder::new()
        .name("dossier-tick".into())
        .spawn(move || {
            while library.entities_if_ready().is_none() {
                std::thread::sleep(Duration::from_millis(500));
                if tx.send(Input::Tick).is_err() {
                    break;
                }
            }
        })
        .ok();
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

/// How long the loop has to act on a stop signal before the signal thread
/// restores the terminal and exits by itself.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// SIGTERM, SIGHUP or SIGINT from outside (in raw mode Ctrl-C is a key), and
/// SIGTSTP: the loop is told, so the terminal is restored on the UI thread,
/// never in the middle of a frame. Should the loop not stop in time (a
/// terminal that hung up can stall output), the signal thread restores the
/// terminal and exits.
fn watch_signals(tx: Sender<Input>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("dossier-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let _ = tx.send(Input::Signal(signal));
                if signal != SIGTSTP {
                    std::thread::sleep(SIGNAL_GRACE);
                    let _ = execute!(io::stdout(), DisableMouseCapture);
                    ratatui::restore();
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

/// Leaves the screen as the shell had it, stops the process as Ctrl-Z
/// would, and takes the screen back when the shell continues it.
fn suspend<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // Stops here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    // A full redraw without `Terminal::clear`, which asks the terminal where
    // its cursor is: the input thread would take the answer.
    let size = terminal.size().map_err(io::Error::other)?;
    terminal
        .resize(Rect::new(0, 0, size.width, size.height))
        .map_err(io::Error::other)
}

/// Applies one input; true when the loop must suspend.
fn apply(app: &mut App, input: Input) -> bool {
    match input {
        Input::Event(event) => {
            handle_event(app, event);
            return std::mem::take(&mut app.suspend);
        }
        Input::Listing((generation, answer)) => app.apply_listing(generation, answer),
        Input::Ready(what) => app.background_ready(what),
        Input::Timeline(entity, rows) => app.apply_timeline(entity, rows),
        Input::Tick => {}
        Input::Signal(SIGTSTP) => return true,
        Input::Signal(signal) => {
            app.stopped_by = Some(signal);
            app.running = false;
        }
        Input::End => app.running = false,
    }
    false
}

/// Draws, waits for input, applies it; until the app stops or the input
/// ends. Everything already waiting is applied before the next frame, so a
/// burst of keys costs one frame.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    render(terminal, app)?;
    while app.running {
        let mut input = Some(events.next()?);
        let mut stop = false;
        while let Some(next) = input.take() {
            if matches!(next, Input::End) {
                stop = true;
            }
            if apply(app, next) {
                suspend(terminal)?;
            }
            if !app.running || stop {
                break;
            }
            input = events.try_next()?;
        }
        if stop || !app.running {
            break;
        }
        render(terminal, app)?;
    }
    Ok(())
}

/// Fits the state to the terminal and draws one frame.
pub fn render<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    ui::fit(app, Rect::new(0, 0, size.width, size.height));
    draw(terminal, app)
}

/// Draws one frame of the state as it is.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
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
        Event::Paste(text) if app.focus == Focus::Filter => app.filter_paste(&text),
        _ => {}
    }
}

/// Finds the key in the table for where the keyboard is (a popup, the
/// filter bar, the timeline, else reading) and applies its action; an
/// unbound character is typed into the filter bar or the name browser.
fn handle_key(app: &mut App, key: KeyEvent) {
    // Alt-letter chords are not text.
    let text = match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    if app.browser.is_some() {
        let lib = Arc::clone(&app.library);
        let table = lib.entities_if_ready();
        match action_for(&key, Scope::Browser) {
            Some(Action::Open) => app.choose_from_browser(),
            Some(Action::ClearFilter) => app.browser = None,
            Some(Action::Down) => browser_move(app, 1),
            Some(Action::Up) => browser_move(app, -1),
            Some(Action::PageDown) => browser_move(app, 10),
            Some(Action::PageUp) => browser_move(app, -10),
            Some(Action::DeleteChar) => {
                if let (Some(b), Some(table)) = (app.browser.as_mut(), table) {
                    b.backspace(table);
                }
            }
            Some(action) => app.update(action),
            None => {
                if let (Some(b), Some(table), Some(c)) = (app.browser.as_mut(), table, text) {
                    b.type_char(c, table);
                }
            }
        }
        return;
    }
    if app.focus == Focus::Filter {
        match (action_for(&key, Scope::Filter), text) {
            (Some(action), _) => app.update(action),
            (None, Some(c)) => app.filter_insert(c),
            (None, None) => {}
        }
        return;
    }
    if app.story.is_some() {
        if let Some(action) = action_for(&key, Scope::Story) {
            app.story_action(action);
        }
        return;
    }
    if app.show_help {
        match action_for(&key, Scope::Help) {
            Some(Action::Down) => app.scroll_help(1),
            Some(Action::Up) => app.scroll_help(-1),
            Some(Action::PageDown) => app.scroll_help(10),
            Some(Action::PageUp) => app.scroll_help(-10),
            Some(Action::Top) => app.help_scroll = 0,
            Some(Action::Bottom) => app.help_scroll = usize::MAX,
            Some(Action::Quit) => app.update(Action::Quit),
            // Any other key just closes the help.
            _ => app.show_help = false,
        }
        return;
    }
    if app.focus == Focus::Timeline
        && let Some(action) = action_for(&key, Scope::Timeline)
    {
        return app.update(action);
    }
    if let Some(action) = action_for(&key, Scope::Browse) {
        app.update(action);
    }
}

fn browser_move(app: &mut App, delta: isize) {
    if let Some(b) = app.browser.as_mut() {
        b.move_by(delta);
    }
}
