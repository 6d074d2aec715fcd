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
    Back,
    Forward,
    ToggleMentions,
    Entities,
    NextMention,
    PrevMention,
    CycleSort,
    ToggleGroups,
    FocusTimeline,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but while typing in the filter bar.
    Browse,
    /// While typing in the filter bar.
    Filter,
    /// In the entity browser (typing narrows it).
    Browser,
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
const ALT: KeyModifiers = KeyModifiers::ALT;

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
        help: "read the article; in the side panel: filter by the name / open the report",
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
            (KeyCode::Backspace, NONE),
            (KeyCode::Char('['), NONE),
            (KeyCode::Left, ALT),
        ],
        label: "Bksp [",
        action: Action::Back,
        scope: Scope::Browse,
        help: "back to where you were (filter, article, scroll)",
    },
    Binding {
        keys: &[(KeyCode::Char(']'), NONE), (KeyCode::Right, ALT)],
        label: "]",
        action: Action::Forward,
        scope: Scope::Browse,
        help: "forward again",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        label: "n",
        action: Action::NextMention,
        scope: Scope::Browse,
        help: "next article naming the selected name",
    },
    Binding {
        keys: &[(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)],
        label: "N",
        action: Action::PrevMention,
        scope: Scope::Browse,
        help: "previous article naming the selected name",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::Entities,
        scope: Scope::Browse,
        help: "browse every name in the corpus",
    },
    Binding {
        keys: &[(KeyCode::Char('m'), NONE)],
        label: "m",
        action: Action::ToggleMentions,
        scope: Scope::Browse,
        help: "highlight names in the text on / off",
    },
    Binding {
        keys: &[(KeyCode::Char('t'), NONE)],
        label: "t",
        action: Action::FocusTimeline,
        scope: Scope::Browse,
        help: "timeline: ←/→ pick a period, Enter filters to it",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        action: Action::CycleSort,
        scope: Scope::Browse,
        help: "sort by relevance / date / title",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: Action::ToggleGroups,
        scope: Scope::Browse,
        help: "fold copies and rewrites of a story into one row",
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
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL)],
        label: "↓ ↑",
        action: Action::Down,
        scope: Scope::Browser,
        help: "move through the names",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL)],
        label: "",
        action: Action::Up,
        scope: Scope::Browser,
        help: "",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::Open,
        scope: Scope::Browser,
        help: "show the articles that mention it",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        scope: Scope::Browser,
        help: "close the name browser",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        label: "Ctrl-C",
        action: Action::Quit,
        scope: Scope::Browser,
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
            action_for(&key(KeyCode::Char('x'), NONE), Scope::Browse),
            None
        );
        assert_eq!(
            action_for(&key(KeyCode::Enter, NONE), Scope::Browser),
            Some(Action::Open)
        );
    }

    #[test]
    fn every_binding_has_keys_and_shown_ones_have_help() {
        assert!(BINDINGS.iter().all(|b| !b.keys.is_empty()));
        assert!(
            BINDINGS
                .iter()
                .filter(|b| !b.label.is_empty())
                .all(|b| !b.help.is_empty())
        );
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
