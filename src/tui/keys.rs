//! The one key table: every binding, the action it sends and what it does in
//! words. Key handling and the help popup both read it, so they cannot
//! drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a person can ask the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
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
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but while typing in the filter bar.
    Browse,
    /// While typing in the filter bar.
    Filter,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help popup.
    pub label: &'static str,
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)],
        label: "j ↓",
        action: Action::Down,
        scope: Scope::Browse,
        help: "next article / scroll down",
    },
    Binding {
        keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)],
        label: "k ↑",
        action: Action::Up,
        scope: Scope::Browse,
        help: "previous article / scroll up",
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char(' '), NONE)],
        label: "PgDn Space",
        action: Action::PageDown,
        scope: Scope::Browse,
        help: "one page down",
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE), (KeyCode::Char('b'), NONE)],
        label: "PgUp b",
        action: Action::PageUp,
        scope: Scope::Browse,
        help: "one page up",
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        action: Action::Top,
        scope: Scope::Browse,
        help: "first article / top",
    },
    Binding {
        keys: &[
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
            (KeyCode::End, NONE),
        ],
        label: "G End",
        action: Action::Bottom,
        scope: Scope::Browse,
        help: "last article / bottom",
    },
    Binding {
        keys: &[
            (KeyCode::Enter, NONE),
            (KeyCode::Char('l'), NONE),
            (KeyCode::Right, NONE),
        ],
        label: "Enter l →",
        action: Action::Open,
        scope: Scope::Browse,
        help: "read the selected article",
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        scope: Scope::Browse,
        help: "next pane",
    },
    Binding {
        keys: &[
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            (KeyCode::Char('h'), NONE),
            (KeyCode::Left, NONE),
        ],
        label: "S-Tab h ←",
        action: Action::FocusPrev,
        scope: Scope::Browse,
        help: "previous pane",
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::StartFilter,
        scope: Scope::Browse,
        help: "filter: words, \"phrases\", -exclude, title: author: source:, date: since: until:",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        scope: Scope::Browse,
        help: "clear the filter (closes help)",
    },
    Binding {
        keys: &[
            (KeyCode::Char('?'), NONE),
            (KeyCode::Char('?'), SHIFT),
            (KeyCode::F(1), NONE),
        ],
        label: "? F1",
        action: Action::ToggleHelp,
        scope: Scope::Browse,
        help: "this help",
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        label: "q Ctrl-C",
        action: Action::Quit,
        scope: Scope::Browse,
        help: "quit",
    },
    Binding {
        keys: &[
            (KeyCode::Enter, NONE),
            (KeyCode::Down, NONE),
            (KeyCode::Tab, NONE),
        ],
        label: "Enter ↓",
        action: Action::FocusNext,
        scope: Scope::Filter,
        help: "keep the filter and go to the list",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        scope: Scope::Filter,
        help: "clear the filter",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        label: "Ctrl-C",
        action: Action::Quit,
        scope: Scope::Filter,
        help: "quit",
    },
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
            action_for(&key(KeyCode::Char('c'), NONE), Scope::Browse),
            None
        );
    }

    #[test]
    fn every_action_has_help_text() {
        assert!(
            BINDINGS
                .iter()
                .all(|b| !b.help.is_empty() && !b.keys.is_empty())
        );
    }
}
