//! The terminal face: a three-pane reader (article list, reading view, side
//! panel) with a filter bar, a timeline strip and a status bar, and what
//! opens over them (help, name browser, list popups, story, prompt).
//! Elm-style: `App` holds the state, keys become `Action`s through one
//! table (remapped by the config file, `config`), `App::update` applies
//! them, `ui::fit` fits the state to the screen, and `ui::draw` renders it.
//! The event loop is generic over the backend and takes its events from a
//! source that tests can script; a live folder (`live`) sends its reloads
//! through it.
//!
//! Each pane is a module with a state struct and a widget over it:
//!
//! | module     | state           | widget          |
//! |------------|-----------------|-----------------|
//! | `filter`   | `FilterBar`     | `FilterLine`    |
//! | `list`     | `ListState`     | `ListPane`      |
//! | `reader`   | `ReaderState`   | `ReadingPane`   |
//! | `side`     | `SideState`     | `SidePane`      |
//! | `timeline` | `TimelineState` | `TimelineStrip` |
//! | `status`   | (the message)   | `StatusBar`     |
//! | `browser`  | `EntityBrowser` | `BrowserPopup`  |
//! | `help`     | `HelpState`     | `HelpPopup`     |
//! | `popup`    | `Popup`         | `PopupView`     |
//! | `story`    | `StoryView`     | `StoryPopup`    |
//! | `prompt`   | `Prompt`        | `PromptBar`     |
//!
//! `App` holds these states, the back and forward `navigate::History`, and
//! the list requests (`lists`); `update` is the one place actions are
//! applied, and hands them to what has the keyboard (`App::keyboard`).
//!
//! To add a pane:
//! 1. A module of its own: the state struct (what it shows, its selection
//!    and scroll, a `fit` keeping them in range); a widget struct holding
//!    references to that state, the theme and the key labels it shows,
//!    implementing ratatui's `Widget`; and an `impl App` block with the
//!    method that builds the widget (`App::list_pane`) and, if it takes
//!    keys, the one that applies them (`App::help_action`).
//! 2. Its state as a field of `App`, with a read accessor if other modules
//!    need it.
//! 3. Its place: a pane beside the others gets a field in `app::Areas` and
//!    a place in `ui::layout`; one that opens over them draws over the
//!    screen area. Then one line in `ui::fit` and one in `ui::draw`.
//! 4. Its keys: a `keys::Scope` with its bindings in `keys/defaults.rs`
//!    (the help and the status bar's hints follow from the table), and,
//!    when it has the keyboard, its turn in `App::keyboard` and its arm in
//!    `App::update`.
//!
//! Work over the corpus happens in `update`, in `fit` or on a worker, never
//! in `draw` or a widget.

pub mod app;
pub mod browser;
pub mod config;
pub mod filter;
pub mod find;
pub mod help;
pub mod keys;
pub mod list;
pub mod lists;
pub mod live;
pub mod navigate;
pub mod outside;
pub mod popup;
pub mod prompt;
pub mod reader;
pub mod side;
pub(crate) mod spans;
pub mod status;
pub mod story;
pub mod theme;
pub mod timeline;
pub mod ui;
pub mod wrap;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
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
use crate::worker::{ListAnswer, ViewAnswer};
use app::{App, Focus};
use keys::Scope;

/// What the loop is told: input from the terminal, or news from the
/// background.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The list worker's answer to a request.
    Listing(ListAnswer),
    /// The view worker's answer: an article's view for the side panel.
    View(ViewAnswer),
    /// Background indexing has made something ready.
    Ready(Readiness),
    /// A name's timeline, gathered off the UI thread.
    Timeline(usize, Vec<crate::library::TimelineRow>),
    /// A signal asked the reader to stop (SIGTERM, SIGHUP, SIGINT) or to
    /// suspend (SIGTSTP).
    Signal(i32),
    /// Time to redraw what changes by itself (names extraction's progress).
    Tick,
    /// A file in the folders being read was added, changed or removed.
    FolderChanged,
    /// The folders were opened again (`R`, or after a change).
    Reloaded(live::Fresh),
    /// There will be no more input.
    End,
}

/// Where the loop's events come from.
pub trait EventSource {
    /// Waits for the next input.
    fn next(&mut self) -> io::Result<Input>;
    /// Input that is already waiting, without blocking.
    fn try_next(&mut self) -> io::Result<Option<Input>>;
    /// Stops (or resumes) reading the terminal, so that a child process
    /// given the terminal gets every key typed.
    fn pause(&mut self, _paused: bool) {}
}

/// The real terminal's events, the list worker's answers, readiness and
/// signals, all through one channel: a thread reads the terminal, and the
/// others send from where they are.
pub struct TerminalEvents {
    rx: Receiver<Input>,
    tx: Sender<Input>,
    /// True while a child process has the terminal; the input thread holds
    /// the lock while it waits for a key, so taking it means the thread is
    /// not reading.
    paused: Arc<Mutex<bool>>,
}

/// How long the input thread waits for a key before it looks whether it
/// is paused.
const INPUT_POLL: Duration = Duration::from_millis(100);

impl TerminalEvents {
    pub fn start() -> TerminalEvents {
        let (tx, rx) = mpsc::channel();
        let input = tx.clone();
        let paused = Arc::new(Mutex::new(false));
        let gate = Arc::clone(&paused);
        std::thread::Builder::new()
            .name("dossier-input".into())
            .spawn(move || {
                loop {
                    let next = {
                        let paused = gate.lock().unwrap_or_else(|e| e.into_inner());
                        if *paused {
                            None
                        } else {
                            match event::poll(INPUT_POLL) {
                                Ok(false) => None,
                                Ok(true) => Some(match event::read() {
                                    Ok(e) => Input::Event(e),
                                    Err(_) => Input::End,
                                }),
                                Err(_) => Some(Input::End),
                            }
                        }
                    };
                    let Some(next) = next else {
                        // Paused, or no key yet: the lock is free meanwhile.
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    let end = matches!(next, Input::End);
                    if input.send(next).is_err() || end {
                        break;
                    }
                }
            })
            .ok();
        TerminalEvents { rx, tx, paused }
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

    fn pause(&mut self, paused: bool) {
        *self.paused.lock().unwrap_or_else(|e| e.into_inner()) = paused;
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
        last_open: false,
    };
    // The first frame shows the last open when the cache holds it; the
    // folders are checked right after (see `live::check_last_open`).
    let library = Library::open_with(
        paths,
        &OpenOptions {
            last_open: true,
            ..options.clone()
        },
    )?;
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
    let mut reloader = live::Reloader::new(paths, options, events.sender());
    let (worker, views) = reloader.attach(&library);
    let mut app = App::new(Arc::clone(&library));
    let (config, warnings) = match config::config_path() {
        Some(path) => config::load(&path),
        None => (config::Config::default(), Vec::new()),
    };
    for w in &warnings {
        eprintln!("{}", crate::text::message_line(&format!("warning: {w}")));
    }
    app.configure(config, &warnings, theme::no_color());
    app.use_worker(worker);
    app.use_view_worker(views);
    if reloader.has_paths() {
        for line in reloader.watch() {
            eprintln!("{}", crate::text::message_line(&line));
        }
    }
    live::check_last_open(&library, paths, events.sender());
    app.reloader = Some(reloader);
    app.outside = outside::Outside::terminal();
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
    watch_signals(events.sender(), Arc::clone(&app.outside.child_has_terminal))?;
    let mut terminal = ratatui::init();
    install_mouse_restoring_hook();
    let result = execute!(io::stdout(), EnableMouseCapture)
        .and_then(|()| run_loop(&mut terminal, &mut app, &mut events));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if app.library.has_store() {
        // The library in use now: a reload may have replaced the first.
        let _ = app.library.save_position(&app.position());
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
///
/// While a child process has the terminal, Ctrl-C and Ctrl-Z typed there
/// are the child's: the reader lets them pass.
fn watch_signals(tx: Sender<Input>, child_has_terminal: Arc<AtomicBool>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("dossier-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if (signal == SIGINT || signal == SIGTSTP)
                    && child_has_terminal.load(Ordering::SeqCst)
                {
                    continue;
                }
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
    leave_screen();
    // Stops here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    take_screen_back(terminal)
}

/// Hands the terminal back as the shell had it.
fn leave_screen() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
}

/// Takes the terminal again after `leave_screen` and redraws everything.
fn take_screen_back<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
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

/// Does the work an action left for outside the screen: with a real
/// terminal, the screen is left and the input thread paused while a child
/// that may want the terminal runs, then both are taken back.
fn perform<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
    task: outside::Task,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let release = app.outside.owns_terminal && task.needs_screen(&app.outside);
    if release {
        events.pause(true);
        leave_screen();
        app.outside.child_has_terminal.store(true, Ordering::SeqCst);
    }
    let message = task.run(&app.outside);
    if release {
        app.outside
            .child_has_terminal
            .store(false, Ordering::SeqCst);
        let back = take_screen_back(terminal);
        events.pause(false);
        back?;
    }
    app.message = Some(message);
    Ok(())
}

/// Applies one input; true when the loop must suspend.
pub fn apply(app: &mut App, input: Input) -> bool {
    match input {
        Input::Event(event) => {
            handle_event(app, event);
            return std::mem::take(&mut app.suspend);
        }
        Input::Listing((generation, answer)) => app.apply_listing(generation, answer),
        Input::View((generation, article, view)) => app.apply_view(generation, article, &view),
        Input::Ready(what) => app.background_ready(what),
        Input::Timeline(entity, rows) => app.apply_timeline(entity, rows),
        Input::Tick => {}
        Input::FolderChanged => app.reload(false),
        Input::Reloaded(fresh) => app.replace_library(fresh),
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
            if let Some(task) = app.task.take() {
                perform(terminal, app, events, task)?;
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
        // A popup or a prompt has the keyboard; the panes under it wait.
        Event::Mouse(_) if app.popup.is_some() || app.prompt.is_some() || app.story.is_some() => {}
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.scroll_at(m.column, m.row, true),
            MouseEventKind::ScrollUp => app.scroll_at(m.column, m.row, false),
            MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row),
            _ => {}
        },
        Event::Paste(text) if app.prompt.is_some() => app.prompt_paste(&text),
        Event::Paste(text) if app.focus == Focus::Filter => app.filter_paste(&text),
        _ => {}
    }
}

/// Finds the key in the table for where the keyboard is (`App::keyboard`)
/// and has `App::update` apply its action; on the timeline, the reading
/// keys work too. A key bound to nothing there goes to
/// `App::unbound_key` (typed text).
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
    let scope = app.keyboard();
    let action = app.keys.action_for(&key, scope).or_else(|| {
        (scope == Scope::Timeline)
            .then(|| app.keys.action_for(&key, Scope::Browse))
            .flatten()
    });
    match action {
        Some(action) => app.update(action),
        None => app.unbound_key(text),
    }
}
