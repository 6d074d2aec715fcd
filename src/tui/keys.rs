//! The one key table: every binding in every scope (reading, the filter
//! bar, the timeline strip, the name browser, the help popup), the action it
//! sends and what it does in words. Key handling, the help popup and the
//! status bar's hints all read it, and the keys' labels are made from the
//! bound keys themselves, so none of them can drift apart.

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
    /// What this report adds to its copy, or to the one picked with `D`.
    Compare,
    PickCompare,
    /// The selected name's own timeline.
    EntityTimeline,
    CloseStory,
    /// Filter bar and name browser editing.
    DeleteChar,
    DeleteWord,
    DeleteLine,
    CursorLeft,
    CursorRight,
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
    /// In the story popup (a comparison or a name's timeline).
    Story,
}

impl Scope {
    /// The help popup's heading for the scope.
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Browse => "Reading",
            Scope::Filter => "In the filter bar (type to filter)",
            Scope::Timeline => "On the timeline (t)",
            Scope::Browser => "In the name browser (e; type to narrow)",
            Scope::Help => "In this help",
            Scope::Story => "Comparing reports (d) or a name over time (T)",
        }
    }

    pub const ALL: [Scope; 6] = [
        Scope::Browse,
        Scope::Filter,
        Scope::Timeline,
        Scope::Browser,
        Scope::Story,
        Scope::Help,
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

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

const fn ctrl(c: char) -> Key {
    (KeyCode::Char(c), CTRL)
}

const fn key(code: KeyCode) -> Key {
    (code, NONE)
}

const fn bind(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        scope,
        help,
    }
}

use Action as A;
use KeyCode as K;
use Scope as S;

pub const BINDINGS: &[Binding] = &[
    bind(
        S::Browse,
        &[ch('j'), key(K::Down)],
        A::Down,
        "next article / scroll down",
    ),
    bind(
        S::Browse,
        &[ch('k'), key(K::Up)],
        A::Up,
        "previous article / scroll up",
    ),
    bind(
        S::Browse,
        &[key(K::PageDown), ch(' ')],
        A::PageDown,
        "one page down",
    ),
    bind(
        S::Browse,
        &[key(K::PageUp), ch('b')],
        A::PageUp,
        "one page up",
    ),
    bind(
        S::Browse,
        &[ch('g'), key(K::Home)],
        A::Top,
        "first article / top",
    ),
    bind(
        S::Browse,
        &[(K::Char('G'), SHIFT), ch('G'), key(K::End)],
        A::Bottom,
        "last article / bottom",
    ),
    bind(
        S::Browse,
        &[key(K::Enter), ch('l'), key(K::Right)],
        A::Open,
        "read the article; in the side panel: filter by the name / open the report",
    ),
    bind(S::Browse, &[key(K::Tab)], A::FocusNext, "next pane"),
    bind(
        S::Browse,
        &[(K::BackTab, SHIFT), key(K::BackTab), ch('h'), key(K::Left)],
        A::FocusPrev,
        "previous pane",
    ),
    bind(
        S::Browse,
        &[ch('/')],
        A::StartFilter,
        "filter the list (the language is below)",
    ),
    bind(
        S::Browse,
        &[key(K::Esc)],
        A::ClearFilter,
        "clear the filter",
    ),
    bind(
        S::Browse,
        &[key(K::Backspace), ch('['), (K::Left, ALT)],
        A::Back,
        "back to where you were (filter, article, scroll)",
    ),
    bind(
        S::Browse,
        &[ch(']'), (K::Right, ALT)],
        A::Forward,
        "forward again",
    ),
    bind(
        S::Browse,
        &[ch('n')],
        A::NextMention,
        "next article naming the selected name",
    ),
    bind(
        S::Browse,
        &[(K::Char('N'), SHIFT), ch('N')],
        A::PrevMention,
        "previous article naming the selected name",
    ),
    bind(
        S::Browse,
        &[ch('e')],
        A::Entities,
        "browse every name in the corpus",
    ),
    bind(
        S::Browse,
        &[ch('m')],
        A::ToggleMentions,
        "highlight names in the text on / off",
    ),
    bind(
        S::Browse,
        &[ch('t')],
        A::FocusTimeline,
        "the timeline: pick a day, week or month",
    ),
    bind(
        S::Browse,
        &[ch('s')],
        A::CycleSort,
        "sort by relevance / date / title",
    ),
    bind(
        S::Browse,
        &[ch('u')],
        A::ToggleRead,
        "mark the article read / unread",
    ),
    bind(
        S::Browse,
        &[ch('*'), (K::Char('*'), SHIFT)],
        A::ToggleStar,
        "star / unstar the article (is:starred finds them)",
    ),
    bind(
        S::Browse,
        &[ch('c')],
        A::ToggleGroups,
        "fold copies and rewrites of a story into one row",
    ),
    bind(
        S::Browse,
        &[ch('d')],
        A::Compare,
        "what this report adds to its copy, or to the report picked with D",
    ),
    bind(
        S::Browse,
        &[(K::Char('D'), SHIFT), ch('D')],
        A::PickCompare,
        "pick this report to compare others with",
    ),
    bind(
        S::Browse,
        &[(K::Char('T'), SHIFT), ch('T')],
        A::EntityTimeline,
        "the selected name's own timeline across the corpus",
    ),
    bind(
        S::Browse,
        &[ch('?'), (K::Char('?'), SHIFT), key(K::F(1))],
        A::ToggleHelp,
        "this help",
    ),
    bind(
        S::Browse,
        &[ctrl('z')],
        A::Suspend,
        "suspend to the shell (fg returns)",
    ),
    bind(S::Browse, &[ch('q'), ctrl('c')], A::Quit, "quit"),
    // The filter bar.
    bind(
        S::Filter,
        &[key(K::Enter), key(K::Down), key(K::Tab)],
        A::FocusNext,
        "keep the filter and go to the list",
    ),
    bind(
        S::Filter,
        &[key(K::Up)],
        A::Up,
        "move the list selection up",
    ),
    bind(
        S::Filter,
        &[key(K::Esc)],
        A::ClearFilter,
        "clear the filter",
    ),
    bind(
        S::Filter,
        &[key(K::Backspace)],
        A::DeleteChar,
        "delete a character",
    ),
    bind(S::Filter, &[ctrl('w')], A::DeleteWord, "delete a word"),
    bind(S::Filter, &[ctrl('u')], A::DeleteLine, "delete the line"),
    bind(S::Filter, &[key(K::Left)], A::CursorLeft, "move the cursor"),
    bind(S::Filter, &[key(K::Right)], A::CursorRight, ""),
    bind(S::Filter, &[ctrl('z')], A::Suspend, "suspend to the shell"),
    bind(S::Filter, &[ctrl('c')], A::Quit, "quit"),
    // The timeline strip.
    bind(
        S::Timeline,
        &[key(K::Left), ch('h')],
        A::Up,
        "earlier period",
    ),
    bind(
        S::Timeline,
        &[key(K::Right), ch('l')],
        A::Down,
        "later period",
    ),
    bind(
        S::Timeline,
        &[key(K::Enter)],
        A::Open,
        "filter to the period",
    ),
    bind(
        S::Timeline,
        &[key(K::Esc), key(K::Up), key(K::Down), ch('j'), ch('k')],
        A::LeaveTimeline,
        "back to the list",
    ),
    // The name browser.
    bind(
        S::Browser,
        &[key(K::Down), ctrl('n')],
        A::Down,
        "move through the names",
    ),
    bind(S::Browser, &[key(K::Up), ctrl('p')], A::Up, ""),
    bind(
        S::Browser,
        &[key(K::PageDown)],
        A::PageDown,
        "a page of names down / up",
    ),
    bind(S::Browser, &[key(K::PageUp)], A::PageUp, ""),
    bind(
        S::Browser,
        &[key(K::Enter)],
        A::Open,
        "show the articles that mention it",
    ),
    bind(
        S::Browser,
        &[key(K::Backspace)],
        A::DeleteChar,
        "delete a character",
    ),
    bind(
        S::Browser,
        &[key(K::Esc)],
        A::ClearFilter,
        "close the name browser",
    ),
    bind(S::Browser, &[ctrl('c')], A::Quit, "quit"),
    // The story popup.
    bind(
        S::Story,
        &[ch('j'), key(K::Down)],
        A::Down,
        "next sentence / scroll",
    ),
    bind(S::Story, &[ch('k'), key(K::Up)], A::Up, ""),
    bind(
        S::Story,
        &[key(K::PageDown), ch(' ')],
        A::PageDown,
        "a page down / up",
    ),
    bind(S::Story, &[key(K::PageUp), ch('b')], A::PageUp, ""),
    bind(S::Story, &[ch('g'), key(K::Home)], A::Top, "top / bottom"),
    bind(
        S::Story,
        &[(K::Char('G'), SHIFT), ch('G'), key(K::End)],
        A::Bottom,
        "",
    ),
    bind(
        S::Story,
        &[key(K::Enter)],
        A::Open,
        "read the article of the selected sentence",
    ),
    bind(
        S::Story,
        &[
            key(K::Esc),
            ch('q'),
            ch('d'),
            (K::Char('T'), SHIFT),
            ch('T'),
        ],
        A::CloseStory,
        "close",
    ),
    bind(S::Story, &[ctrl('c')], A::Quit, "quit"),
    // The help popup.
    bind(S::Help, &[ch('j'), key(K::Down)], A::Down, "scroll"),
    bind(S::Help, &[ch('k'), key(K::Up)], A::Up, ""),
    bind(
        S::Help,
        &[key(K::PageDown), ch(' ')],
        A::PageDown,
        "a page down / up",
    ),
    bind(S::Help, &[key(K::PageUp), ch('b')], A::PageUp, ""),
    bind(S::Help, &[ch('g'), key(K::Home)], A::Top, "top / bottom"),
    bind(
        S::Help,
        &[(K::Char('G'), SHIFT), ch('G'), key(K::End)],
        A::Bottom,
        "",
    ),
    bind(
        S::Help,
        &[key(K::Esc), ch('?'), (K::Char('?'), SHIFT), key(K::F(1))],
        A::CloseHelp,
        "close the help (any other key too)",
    ),
    bind(S::Help, &[ch('q'), ctrl('c')], A::Quit, "quit"),
];

/// The action bound to `key` in `scope`, if any.
pub fn action_for(key: &KeyEvent, scope: Scope) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| {
            b.keys.iter().any(|(code, mods)| {
                *code == key.code
                    && key.modifiers.difference(KeyModifiers::SHIFT)
                        == mods.difference(KeyModifiers::SHIFT)
            })
        })
        .map(|b| b.action)
}

/// How one key is written: `j`, `Space`, `↓`, `Ctrl-W`, `Alt-←`, `S-Tab`.
pub fn key_label(&(code, mods): &Key) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
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
pub fn binding_label(b: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for k in b.keys {
        let l = key_label(k);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join(" ")
}

/// The first key bound to `action` in `scope`, as written.
pub fn first_key(action: Action, scope: Scope) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .and_then(|b| b.keys.first())
        .map(key_label)
}

/// One line of the help popup: the keys and what they do; a binding with no
/// help of its own joins the line before it.
pub fn help_lines(scope: Scope) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.scope == scope) {
        let label = binding_label(b);
        match lines.last_mut() {
            Some(last) if b.help.is_empty() => {
                last.0.push(' ');
                last.0.push_str(&label);
            }
            _ => lines.push((label, b.help)),
        }
    }
    lines
}

/// The status bar's hints for a scope: "/ filter  Tab pane  ? help  q quit".
pub fn hints(scope: Scope) -> String {
    let wanted: &[(Action, &str)] = match scope {
        Scope::Filter => &[(Action::FocusNext, "list"), (Action::ClearFilter, "clear")],
        Scope::Timeline => &[(Action::Open, "filters"), (Action::LeaveTimeline, "leaves")],
        _ => &[
            (Action::StartFilter, "filter"),
            (Action::FocusNext, "pane"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
    };
    let mut out = String::new();
    for (action, word) in wanted {
        if let Some(k) = first_key(*action, scope) {
            out.push_str(&format!("{k} {word}  "));
        }
    }
    out.trim_end().to_string() + " "
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
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
        assert_eq!(binding_label(bottom), "G End");
        assert_eq!(key_label(&ctrl('w')), "Ctrl-W");
        assert_eq!(key_label(&(KeyCode::Left, ALT)), "Alt-←");
        assert_eq!(hints(Scope::Browse), "/ filter  Tab pane  ? help  q quit ");
        let help = help_lines(Scope::Browser);
        assert_eq!(help[0].0, "↓ Ctrl-N ↑ Ctrl-P");
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
