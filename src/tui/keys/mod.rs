//! The one key table: every binding in every scope (reading, the filter
//! bar, the timeline strip, the name browser, the help popup, the one-line
//! prompts and the list popups), the action it sends and what it does in
//! words. `BINDINGS` is the default; a `KeyTable` is the live table, the
//! default with the user's config applied (see `config`). Key handling, the
//! help popup and the status bar's hints all read the live table, and the
//! keys' labels are made from the bound keys themselves, so none of them can
//! drift apart.

mod defaults;
mod names;

pub use defaults::BINDINGS;
#[cfg(test)]
use defaults::{ch, ctrl};

pub use names::{config_label, parse_key};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a person can ask the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    FocusNext,
    FocusPrev,
    StartFilter,
    ClearFilter,
    ToggleHelp,
    CloseHelp,
    Back,
    Forward,
    ToggleMentions,
    Entities,
    NextMention,
    PrevMention,
    CycleSort,
    ToggleGroups,
    ToggleRead,
    ToggleStar,
    FocusTimeline,
    LeaveTimeline,
    /// Filter bar and name browser editing.
    DeleteChar,
    DeleteWord,
    DeleteLine,
    CursorLeft,
    CursorRight,
    /// Find a word in the article being read.
    Find,
    FindNext,
    FindPrev,
    /// The files that loaded with a warning.
    Warnings,
    SaveSearch,
    Searches,
    /// In a prompt: keep what was typed / give up.
    Accept,
    Cancel,
    /// In the saved searches popup.
    DeleteSearch,
    ClosePopup,
    /// Open the folders again.
    Reload,
    /// Links out and piping.
    OpenLink,
    CopyLink,
    CopyMarkdownLink,
    PipeArticle,
    /// What this report adds to its copy, or to the one picked with
    /// `PickCompare`.
    Compare,
    PickCompare,
    /// The selected name's own timeline.
    EntityTimeline,
    CloseStory,
}

impl Action {
    /// Every action, in the order `dossier config default` lists them.
    pub const ALL: [Action; 51] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::FocusNext,
        Action::FocusPrev,
        Action::StartFilter,
        Action::ClearFilter,
        Action::Back,
        Action::Forward,
        Action::NextMention,
        Action::PrevMention,
        Action::Entities,
        Action::ToggleMentions,
        Action::FocusTimeline,
        Action::CycleSort,
        Action::ToggleRead,
        Action::ToggleStar,
        Action::ToggleGroups,
        Action::Find,
        Action::FindNext,
        Action::FindPrev,
        Action::Warnings,
        Action::SaveSearch,
        Action::Searches,
        Action::Reload,
        Action::OpenLink,
        Action::CopyLink,
        Action::CopyMarkdownLink,
        Action::PipeArticle,
        Action::Compare,
        Action::PickCompare,
        Action::EntityTimeline,
        Action::ToggleHelp,
        Action::Suspend,
        Action::Quit,
        Action::CloseHelp,
        Action::LeaveTimeline,
        Action::DeleteChar,
        Action::DeleteWord,
        Action::DeleteLine,
        Action::CursorLeft,
        Action::CursorRight,
        Action::Accept,
        Action::Cancel,
        Action::DeleteSearch,
        Action::ClosePopup,
        Action::CloseStory,
    ];

    /// The action's name in the config file: snake_case.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::StartFilter => "start_filter",
            Action::ClearFilter => "clear_filter",
            Action::ToggleHelp => "toggle_help",
            Action::CloseHelp => "close_help",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::ToggleMentions => "toggle_mentions",
            Action::Entities => "entities",
            Action::NextMention => "next_mention",
            Action::PrevMention => "prev_mention",
            Action::CycleSort => "cycle_sort",
            Action::ToggleGroups => "toggle_groups",
            Action::ToggleRead => "toggle_read",
            Action::ToggleStar => "toggle_star",
            Action::FocusTimeline => "focus_timeline",
            Action::LeaveTimeline => "leave_timeline",
            Action::DeleteChar => "delete_char",
            Action::DeleteWord => "delete_word",
            Action::DeleteLine => "delete_line",
            Action::CursorLeft => "cursor_left",
            Action::CursorRight => "cursor_right",
            Action::Find => "find",
            Action::FindNext => "find_next",
            Action::FindPrev => "find_prev",
            Action::Warnings => "warnings",
            Action::SaveSearch => "save_search",
            Action::Searches => "searches",
            Action::Accept => "accept",
            Action::Cancel => "cancel",
            Action::DeleteSearch => "delete_search",
            Action::ClosePopup => "close_popup",
            Action::Reload => "reload",
            Action::OpenLink => "open_link",
            Action::CopyLink => "copy_link",
            Action::CopyMarkdownLink => "copy_markdown_link",
            Action::PipeArticle => "pipe_article",
            Action::Compare => "compare",
            Action::PickCompare => "pick_compare",
            Action::EntityTimeline => "entity_timeline",
            Action::CloseStory => "close_story",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but while typing in the filter bar or in a popup.
    Browse,
    /// While typing in the filter bar (other characters are typed).
    Filter,
    /// On the timeline strip; keys not bound here act as in `Browse`.
    Timeline,
    /// In the name browser (other characters narrow it).
    Browser,
    /// While the help popup is open; other keys close it.
    Help,
    /// In a one-line prompt: finding a word, naming a saved search (other
    /// characters are typed).
    Prompt,
    /// In the warnings and saved searches popups.
    Popup,
    /// In the story popup: a comparison of two reports, or a name's
    /// timeline.
    Story,
}

impl Scope {
    /// The help popup's heading for the scope, naming the key that gets
    /// there in `table`.
    pub fn heading(self, table: &KeyTable) -> String {
        let key = |a| table.key_or_unbound(a, Scope::Browse);
        match self {
            Scope::Timeline => return format!("On the timeline ({})", key(Action::FocusTimeline)),
            Scope::Browser => {
                return format!(
                    "In the name browser ({}; type to narrow)",
                    key(Action::Entities)
                );
            }
            _ => {}
        }
        match self {
            Scope::Browse => "Reading",
            Scope::Filter => "In the filter bar (type to filter)",
            Scope::Timeline | Scope::Browser => "",
            Scope::Help => "In this help",
            Scope::Prompt => "In a prompt (find, save search, pipe; type the text)",
            Scope::Popup => "In the warnings and saved searches lists",
            Scope::Story => "Comparing reports, or a name over time",
        }
        .to_string()
    }

    /// The scope's table in the config file: `[keys.reader]` and so on.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Browse => "reader",
            Scope::Filter => "filter",
            Scope::Timeline => "timeline",
            Scope::Browser => "names",
            Scope::Help => "help",
            Scope::Prompt => "prompt",
            Scope::Popup => "popup",
            Scope::Story => "story",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Scopes where an unbound character is typed as text.
    pub fn types_text(self) -> bool {
        matches!(self, Scope::Filter | Scope::Browser | Scope::Prompt)
    }

    pub const ALL: [Scope; 8] = [
        Scope::Browse,
        Scope::Filter,
        Scope::Timeline,
        Scope::Browser,
        Scope::Help,
        Scope::Prompt,
        Scope::Popup,
        Scope::Story,
    ];
}

pub type Key = (KeyCode, KeyModifiers);

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    /// What it does, for the help popup; empty for a binding the help folds
    /// into its neighbour.
    pub help: &'static str,
}

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;

/// One binding of the live table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBinding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

/// The key table in force: the defaults with the user's remapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    bindings: Vec<LiveBinding>,
}

impl Default for KeyTable {
    fn default() -> Self {
        KeyTable {
            bindings: BINDINGS
                .iter()
                .map(|b| LiveBinding {
                    // `G` with and without Shift is one key to the table.
                    keys: b.keys.iter().fold(Vec::new(), |mut keys, &(code, mods)| {
                        // Shift is part of a character, as `parse_key` reads it.
                        let k = match code {
                            KeyCode::Char(_) => (code, mods.difference(SHIFT)),
                            _ => (code, mods),
                        };
                        if !keys.iter().any(|o| same_key(o, &k)) {
                            keys.push(k);
                        }
                        keys
                    }),
                    action: b.action,
                    scope: b.scope,
                    help: b.help,
                })
                .collect(),
        }
    }
}

/// Whether two keys are the same to the table: Shift is part of a
/// character.
pub(super) fn same_key(a: &Key, b: &Key) -> bool {
    a.0 == b.0 && a.1.difference(KeyModifiers::SHIFT) == b.1.difference(KeyModifiers::SHIFT)
}

impl KeyTable {
    pub fn bindings(&self) -> &[LiveBinding] {
        &self.bindings
    }

    /// The action bound to `key` in `scope`, if any.
    pub fn action_for(&self, key: &KeyEvent, scope: Scope) -> Option<Action> {
        let pressed = (key.code, key.modifiers);
        self.bindings
            .iter()
            .filter(|b| b.scope == scope)
            .find(|b| b.keys.iter().any(|k| same_key(k, &pressed)))
            .map(|b| b.action)
    }

    /// Whether `action` can be bound in `scope`: any action while reading,
    /// elsewhere those the scope has by default.
    pub fn allows(scope: Scope, action: Action) -> bool {
        scope == Scope::Browse
            || BINDINGS
                .iter()
                .any(|b| b.scope == scope && b.action == action)
    }

    /// Binds `action` in `scope` to exactly `keys`. A key that another
    /// action of the scope had is taken from it; each such conflict is
    /// given back as `(key label, the other action)`.
    pub fn rebind(
        &mut self,
        scope: Scope,
        action: Action,
        keys: Vec<Key>,
    ) -> Vec<(String, Action)> {
        let mut conflicts = Vec::new();
        for b in self
            .bindings
            .iter_mut()
            .filter(|b| b.scope == scope && b.action != action)
        {
            b.keys.retain(|k| {
                let clash = keys.iter().any(|n| same_key(n, k));
                if clash {
                    conflicts.push((key_label(k), b.action));
                }
                !clash
            });
        }
        match self
            .bindings
            .iter_mut()
            .find(|b| b.scope == scope && b.action == action)
        {
            Some(b) => b.keys = keys,
            None => {
                let help = BINDINGS
                    .iter()
                    .find(|b| b.action == action && !b.help.is_empty())
                    .map_or("", |b| b.help);
                // A binding with no words of its own would join the line
                // before it in the help; name the action instead.
                let help = if help.is_empty() { action.name() } else { help };
                // Insert after the scope's last binding, so the help keeps
                // the scope together.
                let at = self
                    .bindings
                    .iter()
                    .rposition(|b| b.scope == scope)
                    .map_or(self.bindings.len(), |i| i + 1);
                self.bindings.insert(
                    at,
                    LiveBinding {
                        keys,
                        action,
                        scope,
                        help,
                    },
                );
            }
        }
        conflicts
    }

    /// The first key bound to `action` in `scope`, as written.
    pub fn first_key(&self, action: Action, scope: Scope) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.action == action)
            .and_then(|b| b.keys.first())
            .map(key_label)
    }

    /// The first key for `action` in `scope`, or a word saying it is unbound.
    pub fn key_or_unbound(&self, action: Action, scope: Scope) -> String {
        self.first_key(action, scope)
            .unwrap_or_else(|| format!("({} unbound)", action.name()))
    }

    /// Lines of the help popup for a scope: the keys and what they do; a
    /// binding with no help of its own joins the line before it. Unbound
    /// actions are left out.
    pub fn help_lines(&self, scope: Scope) -> Vec<(String, &'static str)> {
        let mut lines: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.scope == scope) {
            let label = binding_label(&b.keys);
            match lines.last_mut() {
                Some(last) if b.help.is_empty() => {
                    if !label.is_empty() {
                        last.0.push(' ');
                        last.0.push_str(&label);
                    }
                }
                _ if label.is_empty() => {}
                _ => lines.push((label, b.help)),
            }
        }
        lines
    }

    /// The status bar's hints for a scope: "/ filter  Tab pane  ? help  q quit".
    pub fn hints(&self, scope: Scope) -> String {
        let wanted: &[(Action, &str)] = match scope {
            Scope::Filter => &[(Action::FocusNext, "list"), (Action::ClearFilter, "clear")],
            Scope::Timeline => &[(Action::Open, "filters"), (Action::LeaveTimeline, "leaves")],
            Scope::Prompt => &[(Action::Accept, "keeps"), (Action::Cancel, "cancels")],
            _ => &[
                (Action::StartFilter, "filter"),
                (Action::FocusNext, "pane"),
                (Action::ToggleHelp, "help"),
                (Action::Quit, "quit"),
            ],
        };
        let mut out = String::new();
        for (action, word) in wanted {
            if let Some(k) = self.first_key(*action, scope) {
                out.push_str(&format!("{k} {word}  "));
            }
        }
        out.trim_end().to_string() + " "
    }
}

/// How one key is written: `j`, `Space`, `↓`, `Ctrl-W`, `Alt-←`, `S-Tab`.
pub fn key_label(&(code, mods): &Key) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        // A key from the config is outside text: it reaches the screen
        // through the same funnel as article text.
        KeyCode::Char(c) => crate::text::sanitize(&c.to_string()).into_owned(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{name}")
    } else if mods.contains(ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// The labels of a binding's keys, each once ("G" is bound with and
/// without Shift).
pub fn binding_label(keys: &[Key]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for k in keys {
        let l = key_label(k);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn action_for(key: &KeyEvent, scope: Scope) -> Option<Action> {
        KeyTable::default().action_for(key, scope)
    }

    #[test]
    fn bindings_resolve_by_scope() {
        assert_eq!(
            action_for(&key(KeyCode::Char('j'), NONE), Scope::Browse),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('j'), NONE), Scope::Filter),
            None
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('G'), SHIFT), Scope::Browse),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(&key(KeyCode::BackTab, SHIFT), Scope::Browse),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('c'), CTRL), Scope::Filter),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('x'), NONE), Scope::Browse),
            None
        );
        assert_eq!(
            action_for(&key(KeyCode::Enter, NONE), Scope::Browser),
            Some(Action::Open)
        );
    }

    #[test]
    fn every_binding_has_keys_and_every_scope_starts_with_help() {
        assert!(BINDINGS.iter().all(|b| !b.keys.is_empty()));
        for scope in Scope::ALL {
            let first = BINDINGS.iter().find(|b| b.scope == scope).unwrap();
            assert!(!first.help.is_empty(), "{scope:?}");
        }
    }

    #[test]
    fn labels_come_from_the_keys() {
        let bottom = BINDINGS
            .iter()
            .find(|b| b.action == Action::Bottom && b.scope == Scope::Browse)
            .unwrap();
        assert_eq!(binding_label(bottom.keys), "G End");
        assert_eq!(key_label(&ctrl('w')), "Ctrl-W");
        assert_eq!(key_label(&(KeyCode::Left, ALT)), "Alt-←");
        let table = KeyTable::default();
        assert_eq!(
            table.hints(Scope::Browse),
            "/ filter  Tab pane  ? help  q quit "
        );
        let help = table.help_lines(Scope::Browser);
        assert_eq!(help[0].0, "↓ Ctrl-N ↑ Ctrl-P");
    }

    #[test]
    fn rebinding_takes_the_key_from_another_action() {
        let mut table = KeyTable::default();
        let conflicts = table.rebind(Scope::Browse, Action::Quit, vec![ch('x'), ch('s')]);
        assert_eq!(conflicts, vec![("s".to_string(), Action::CycleSort)]);
        let x = KeyEvent::new(KeyCode::Char('x'), NONE);
        assert_eq!(table.action_for(&x, Scope::Browse), Some(Action::Quit));
        let q = KeyEvent::new(KeyCode::Char('q'), NONE);
        assert_eq!(table.action_for(&q, Scope::Browse), None);
        assert_eq!(
            table.hints(Scope::Browse),
            "/ filter  Tab pane  ? help  x quit "
        );
        assert!(names_are_unique());
    }

    fn names_are_unique() -> bool {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.windows(2).all(|w| w[0] != w[1])
            && Action::from_name("page_down") == Some(Action::PageDown)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{k:?}: {:?} and {:?}",
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }
}
