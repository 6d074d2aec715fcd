//! The reader's state: each pane's own state (the list, the reading view,
//! the side panel, the timeline, the filter bar, the help and what opens
//! over the panes), the back and forward history, the list requests, and
//! what is shared (the library, the focus, the keys, the theme). Input
//! arrives as `Action`s (from the key table), typed text and mouse events;
//! `App::update` applies actions, handing them to what has the keyboard.
//! Rendering reads the state and never changes it. Each pane's own changes
//! live beside its state (`list`, `side`, `filter`, …); jumps between
//! reports and history live in `navigate`, list requests in `lists`.

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::browser::EntityBrowser;
use super::config::{Config, ConfigWarning, DEFAULT_DATE_FORMAT, SideWidth};
use super::filter::FilterBar;
use super::find::Find;
use super::help::HelpState;
use super::keys::{Action, KeyTable, Scope};
use super::list::ListState;
use super::lists::ListRequests;
use super::navigate::History;
use super::outside::{Outside, Task};
use super::popup::Popup;
use super::prompt::{Prompt, PromptKind};
use super::reader::ReaderState;
use super::side::{SideState, SideViews};
use super::theme::Theme;
use super::timeline::TimelineState;
use crate::index::query::Query;
use crate::library::Library;
use crate::store::MarkChange;

pub use crate::index::listing::Sort;

pub use super::list::LIST_ROW_HEIGHT;

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Side,
    Filter,
    Timeline,
}

impl Focus {
    const CYCLE: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Side];
}

/// Where each pane was drawn last, for the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub list: Rect,
    pub reader: Rect,
    pub side: Rect,
    pub filter: Rect,
    pub timeline: Rect,
    pub status: Rect,
}

/// Where the reader was: what history brings back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub filter: String,
    pub article: Option<usize>,
    pub list_offset: usize,
    pub reader_scroll: usize,
}

/// The reader's whole state. Each pane's state is its own struct, drawn by
/// its widget; the rest is what the panes share.
pub struct App {
    // What is read.
    pub(super) library: Arc<Library>,
    /// The query the shown list answers (the last one that parsed).
    pub(super) query: Query,
    /// Files that loaded with a warning or an error.
    pub(super) problem_count: usize,
    /// Whether any article has a date (there is a timeline to draw).
    pub(super) has_dates: bool,

    // The panes.
    pub(super) filter: FilterBar,
    pub(super) list: ListState,
    pub(super) reader: ReaderState,
    pub(super) side: SideState,
    /// Where the side panel's views come from, and the last few made.
    pub(super) side_views: SideViews,
    pub(super) timeline: TimelineState,
    pub(super) focus: Focus,
    /// The screen the state was last fitted to.
    pub(super) screen: Rect,
    /// Where each pane was drawn last.
    pub(super) areas: Areas,
    /// A one-line message for the status bar, cleared by the next key.
    pub(super) message: Option<String>,

    // What opens over the panes.
    pub(super) help: HelpState,
    pub(super) browser: Option<EntityBrowser>,
    /// The warnings or saved searches popup, while one is open.
    pub(super) popup: Option<Popup>,
    /// The comparison or name timeline on screen.
    pub(super) story: Option<super::story::StoryView>,
    /// The one-line prompt, while one is open.
    pub(super) prompt: Option<Prompt>,

    // Where the reader has been and what the list is asked for.
    pub(super) history: History,
    /// Where lists come from and the requests out.
    pub(super) lists: ListRequests,
    pub(super) sort: Sort,
    /// Show one row per duplicate group.
    pub(super) collapse_groups: bool,
    /// The report picked with `D` to compare others with.
    pub(super) compare_with: Option<usize>,

    // Settings.
    pub theme: Theme,
    /// The key table in force (the config's remapping applied).
    pub(super) keys: KeyTable,
    pub(super) side_width: SideWidth,
    /// How dates are written (chrono strftime).
    pub(super) date_format: String,
    /// What was wrong with the config file, one line each.
    pub(super) config_warnings: Vec<String>,
    /// Searches predefined in the config: name and query.
    pub(super) config_searches: Vec<(String, String)>,

    // The loop and the world outside the screen.
    pub(super) running: bool,
    /// Ctrl-Z was pressed: the loop hands the terminal back and stops.
    pub(super) suspend: bool,
    /// The signal (SIGTERM, SIGHUP, SIGINT) that ended the reader.
    pub(super) stopped_by: Option<i32>,
    /// Work for the loop to do outside the screen (a browser, a pipe).
    pub(super) task: Option<Task>,
    /// Opens the folders again (the running reader has one; tests may not).
    pub reloader: Option<super::live::Reloader>,
    /// The terminal's clipboard, the browser and child processes.
    pub outside: Outside,
    /// Gathers a name's timeline off the UI thread (inline without it).
    pub(super) timeline_jobs: Option<super::story::TimelineJobs>,
}

impl App {
    /// A reader over `library` whose lists are made inline; `run` hands it
    /// a list worker (`use_worker`).
    pub fn new(library: Arc<Library>) -> App {
        App {
            query: Query::default(),
            problem_count: library.corpus.problems().count(),
            has_dates: library.articles().iter().any(|a| a.date.is_some()),
            filter: FilterBar::default(),
            list: ListState::all(library.articles().len()),
            library,
            reader: ReaderState::default(),
            side: SideState::default(),
            side_views: SideViews::default(),
            timeline: TimelineState::default(),
            focus: Focus::List,
            screen: Rect::default(),
            areas: Areas::default(),
            message: None,
            help: HelpState::default(),
            browser: None,
            popup: None,
            story: None,
            prompt: None,
            history: History::default(),
            lists: ListRequests::default(),
            sort: Sort::Relevance,
            collapse_groups: false,
            compare_with: None,
            theme: Theme::from_env(),
            keys: KeyTable::default(),
            side_width: SideWidth::Auto,
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            config_warnings: Vec::new(),
            config_searches: Vec::new(),
            running: true,
            suspend: false,
            stopped_by: None,
            task: None,
            reloader: None,
            outside: Outside::detached(),
            timeline_jobs: None,
        }
    }

    /// Takes the settings of a config file: keys, theme (unless
    /// `no_color`), widths, dates, the first sort; its warnings are said in
    /// the status bar and kept for the warnings popup.
    pub fn configure(&mut self, config: Config, warnings: &[ConfigWarning], no_color: bool) {
        self.theme = config.theme(no_color);
        self.keys = config.keys;
        self.side_width = config.side_width;
        self.date_format = config.date_format;
        self.config_searches = config.searches;
        if config.sort != self.sort {
            self.sort = config.sort;
            self.request_list();
        }
        self.config_warnings = warnings.iter().map(ToString::to_string).collect();
        if let Some(first) = warnings.first() {
            let more = match warnings.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            let key = self.keys.key_or_unbound(Action::Warnings, Scope::Browse);
            self.message = Some(format!("config: {first}{more} · {key} lists them"));
        }
    }

    /// A date as the config asks it to be written.
    pub fn format_date(&self, date: crate::corpus::ArticleDate) -> String {
        super::config::write_date(date, &self.date_format)
    }

    /// `u` and `*`: flips the selected article's read or star mark.
    fn toggle_mark(&mut self, read: bool) {
        let Some(article) = self.current() else {
            return;
        };
        if !self.library.has_store() {
            self.message = Some("marks are not kept for this corpus (--no-cache)".into());
            return;
        }
        let (was_read, was_starred) = self.library.marks_if_ready(article).unwrap_or_default();
        let change = match (read, was_read, was_starred) {
            (true, false, _) => MarkChange::Read,
            (true, true, _) => MarkChange::Unread,
            (false, _, false) => MarkChange::Star,
            (false, _, true) => MarkChange::Unstar,
        };
        match self.library.mark(&[article], change) {
            Ok(()) => {
                self.message = Some(
                    match change {
                        MarkChange::Read => "marked read",
                        MarkChange::Unread => "marked unread",
                        MarkChange::Star => "starred",
                        MarkChange::Unstar => "star taken off",
                    }
                    .into(),
                );
                // A list filtered by marks follows them.
                if self.query.has_reader_terms() {
                    self.request_list();
                }
            }
            Err(e) => self.message = Some(format!("the mark could not be kept: {e}")),
        }
    }

    /// Marks the article being read as read (when the store keeps marks).
    pub(super) fn mark_read(&mut self, article: usize) {
        if self.library.has_store()
            && self
                .library
                .marks_if_ready(article)
                .is_some_and(|(read, _)| !read)
        {
            let _ = self.library.mark(&[article], MarkChange::Read);
        }
    }

    /// Selects row `index` of the list; the reading view and side panel
    /// start at the top of the article.
    pub fn select(&mut self, index: usize) {
        if self.list.select(index) {
            self.reader.scroll = 0;
            self.side.back_to_top();
        }
    }

    fn page(&self) -> usize {
        let rows = |r: Rect| r.height.saturating_sub(2) as usize;
        let page = match self.focus {
            Focus::Reader => rows(self.areas.reader).saturating_sub(1),
            Focus::Side => rows(self.areas.side).saturating_sub(1),
            _ => rows(self.areas.list) / LIST_ROW_HEIGHT,
        };
        page.max(1)
    }

    /// Moves the focused pane's cursor or scroll position by `delta` rows.
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::List | Focus::Filter => {
                let target = self.list.selected().saturating_add_signed(delta);
                self.select(target);
            }
            Focus::Reader => self.reader.scroll_by(delta),
            Focus::Side => self.side.move_cursor(delta),
            Focus::Timeline => self.timeline.move_by(delta),
        }
    }

    /// What has the keyboard now, as the key table's scope for it: the
    /// topmost thing open over the panes, else the filter bar, the
    /// timeline or the panes.
    pub fn keyboard(&self) -> Scope {
        if self.prompt.is_some() {
            Scope::Prompt
        } else if self.popup.is_some() {
            Scope::Popup
        } else if self.browser.is_some() {
            Scope::Browser
        } else if self.focus == Focus::Filter {
            Scope::Filter
        } else if self.story.is_some() {
            Scope::Story
        } else if self.help.is_open() {
            Scope::Help
        } else if self.focus == Focus::Timeline {
            Scope::Timeline
        } else {
            Scope::Browse
        }
    }

    /// Applies one action: the open popup or browser, the story or the
    /// help takes it if one is open; else it is applied to the panes.
    pub fn update(&mut self, action: Action) {
        match self.keyboard() {
            Scope::Popup => self.popup_action(action),
            Scope::Browser => self.browser_action(action),
            Scope::Story => self.story_action(action),
            Scope::Help => self.help_action(action),
            Scope::Prompt | Scope::Filter | Scope::Timeline | Scope::Browse => self.apply(action),
        }
    }

    /// A key that is bound to nothing where the keyboard is: typed text
    /// goes to the prompt, the name browser or the filter bar; any such
    /// key closes the help.
    pub fn unbound_key(&mut self, text: Option<char>) {
        match (self.keyboard(), text) {
            (Scope::Prompt, Some(c)) => self.prompt_insert(c),
            (Scope::Browser, Some(c)) => self.browser_type(c),
            (Scope::Filter, Some(c)) => self.filter_insert(c),
            (Scope::Help, _) => self.help.close(),
            _ => {}
        }
    }

    /// Applies one action to the panes, the filter bar or the prompt.
    pub(super) fn apply(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.running = false,
            Action::Suspend => self.suspend = true,
            Action::CloseHelp => self.help.close(),
            Action::Compare => self.compare(),
            Action::PickCompare => self.pick_compare(),
            Action::EntityTimeline => self.open_entity_timeline(),
            Action::CloseStory => self.story = None,
            Action::LeaveTimeline => self.focus = Focus::List,
            Action::DeleteChar
            | Action::DeleteWord
            | Action::DeleteLine
            | Action::CursorLeft
            | Action::CursorRight
                if self.prompt.is_some() =>
            {
                self.prompt_edit(action)
            }
            Action::DeleteChar => self.filter_backspace(),
            Action::DeleteWord => self.filter_delete_word(),
            Action::DeleteLine => self.set_filter(String::new()),
            Action::CursorLeft => self.filter.move_cursor(false),
            Action::CursorRight => self.filter.move_cursor(true),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => match self.focus {
                Focus::Reader => self.reader.scroll = 0,
                Focus::Side => self.side.back_to_top(),
                Focus::Timeline => self.timeline.cursor = 0,
                _ => self.select(0),
            },
            Action::Bottom => match self.focus {
                Focus::Reader => self.reader.scroll = usize::MAX,
                Focus::Side => self.side.scroll = usize::MAX,
                Focus::Timeline => self.timeline.move_by(isize::MAX),
                _ => self.select(usize::MAX),
            },
            Action::Open => self.open(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::StartFilter => {
                self.help.close();
                self.focus = Focus::Filter;
                self.filter.cursor_to_end();
            }
            Action::ClearFilter => {
                if self.help.is_open() {
                    self.help.close();
                } else if self.focus == Focus::Timeline {
                    self.focus = Focus::List;
                } else if self.reader.find.is_active() && self.focus == Focus::Reader {
                    // Esc while reading clears the find before the filter.
                    self.stop_find();
                } else {
                    // Clearing a filter is a step back can undo.
                    if !self.filter.text().trim().is_empty() {
                        self.remember();
                    }
                    self.set_filter(String::new());
                    self.focus = Focus::List;
                }
            }
            Action::ToggleHelp => self.help.toggle(),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::ToggleMentions => {
                self.reader.highlight_mentions = !self.reader.highlight_mentions
            }
            Action::Entities => self.open_browser(),
            Action::NextMention => self.step_mention(true),
            Action::PrevMention => self.step_mention(false),
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.request_list();
                // The status bar names any order but relevance.
                if self.sort == Sort::Relevance {
                    self.message = Some("sorted by relevance".into());
                }
            }
            Action::ToggleRead => self.toggle_mark(true),
            Action::ToggleStar => self.toggle_mark(false),
            Action::ToggleGroups => {
                // Asked for before the groups are found, the fold happens
                // when they are (see `background_ready`); the status bar
                // says which.
                self.collapse_groups = !self.collapse_groups;
                self.request_list();
                if !self.collapse_groups {
                    self.message = Some("every copy and rewrite shown".into());
                }
            }
            Action::Find => self.start_find(),
            Action::FindNext => self.step_find(true),
            Action::FindPrev => self.step_find(false),
            Action::Warnings => self.open_warnings(),
            Action::SaveSearch => self.start_save_search(),
            Action::Searches => self.open_searches(),
            Action::Accept => self.prompt_accept(),
            Action::Cancel => self.prompt_cancel(),
            Action::DeleteSearch => self.popup_delete(),
            Action::ClosePopup => self.popup = None,
            Action::Reload => self.reload(true),
            Action::OpenLink | Action::CopyLink | Action::CopyMarkdownLink => self.link_out(action),
            Action::PipeArticle => {
                if self.current().is_some() {
                    self.prompt = Some(Prompt::new(PromptKind::Pipe, String::new()));
                } else {
                    self.message = Some("no article".into());
                }
            }
            Action::FocusTimeline => {
                if self.timeline.timeline().is_some() {
                    self.focus = Focus::Timeline;
                } else {
                    self.message = Some("no dated articles for a timeline".into());
                }
            }
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let at = Focus::CYCLE.iter().position(|f| *f == self.focus);
        self.focus = match at {
            Some(i) => Focus::CYCLE[(i as isize + step).rem_euclid(3) as usize],
            // Leaving the filter bar or the timeline goes to the list.
            None => Focus::List,
        };
    }

    /// Mouse wheel over a pane scrolls that pane.
    pub fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let p = Position::new(column, row);
        let delta: isize = if down { 3 } else { -3 };
        if self.areas.list.contains(p) {
            self.select(self.list.selected().saturating_add_signed(delta.signum()));
        } else if self.areas.reader.contains(p) {
            self.reader.scroll_by(delta);
        } else if self.areas.side.contains(p) {
            self.side.scroll_by(delta);
        }
    }

    /// A click selects the row under it, or focuses the pane.
    pub fn click(&mut self, column: u16, row: u16) {
        let p = Position::new(column, row);
        let a = self.areas;
        if a.list.contains(p) {
            self.focus = Focus::List;
            // Rows start below the pane's top border.
            if row > a.list.y
                && row < a.list.bottom().saturating_sub(1)
                && let Some(index) = self.list.row_at((row - a.list.y - 1) as usize)
            {
                self.select(index);
            }
        } else if a.reader.contains(p) {
            self.focus = Focus::Reader;
        } else if a.side.contains(p) {
            self.focus = Focus::Side;
            if row > a.side.y {
                self.side.click((row - a.side.y - 1) as usize);
            }
        } else if a.timeline.contains(p) {
            self.focus = Focus::Timeline;
            self.timeline
                .click((column - a.timeline.x) as usize, a.timeline.width as usize);
        } else if a.filter.contains(p) {
            self.apply(Action::StartFilter);
        } else if a.status.contains(p)
            && self
                .status_bar()
                .warnings_columns(a.status)
                .is_some_and(|(s, e)| column >= s && column < e)
        {
            self.open_warnings();
        }
    }
}

/// Reading the state: what other modules and tests may look at.
impl App {
    /// The library read.
    pub fn library(&self) -> &Arc<Library> {
        &self.library
    }

    /// The article under the list cursor.
    pub fn current(&self) -> Option<usize> {
        self.list.current()
    }

    /// The pane that has the keyboard.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The status bar's message, until the next key.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// False once the reader is to stop.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The signal (SIGTERM, SIGHUP, SIGINT) that ended the reader.
    pub fn stopped_by(&self) -> Option<i32> {
        self.stopped_by
    }

    /// The list's order.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Whether copies and rewrites are folded into one row.
    pub fn folds_copies(&self) -> bool {
        self.collapse_groups
    }

    /// Where each pane was drawn last.
    pub fn areas(&self) -> Areas {
        self.areas
    }

    /// What was wrong with the config file, one line each.
    pub fn config_warnings(&self) -> &[String] {
        &self.config_warnings
    }

    /// The article list's state.
    pub fn list(&self) -> &ListState {
        &self.list
    }

    /// The reading view's state.
    pub fn reader(&self) -> &ReaderState {
        &self.reader
    }

    /// The side panel's state.
    pub fn side(&self) -> &SideState {
        &self.side
    }

    /// The timeline strip's state.
    pub fn timeline(&self) -> &TimelineState {
        &self.timeline
    }

    /// The help popup's state.
    pub fn help(&self) -> &HelpState {
        &self.help
    }

    /// The word found in the article and its matches.
    pub fn find(&self) -> &Find {
        &self.reader.find
    }

    /// The one-line prompt, while one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The warnings or saved searches popup, while one is open.
    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    /// The entity browser, while it is open.
    pub fn browser(&self) -> Option<&EntityBrowser> {
        self.browser.as_ref()
    }

    /// The comparison or name timeline, while it is open.
    pub fn story(&self) -> Option<&super::story::StoryView> {
        self.story.as_ref()
    }

    /// Work left for the loop to do outside the screen.
    pub fn task(&self) -> Option<&Task> {
        self.task.as_ref()
    }

    /// The entity of the selected side panel row.
    pub fn selected_entity(&self) -> Option<usize> {
        self.side.selected_entity()
    }
}
