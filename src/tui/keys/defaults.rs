//! The default key table: every binding in every scope, with what it does
//! in words for the help popup.

use ratatui::crossterm::event::KeyCode;

use super::{ALT, Action, Binding, CTRL, Key, NONE, SHIFT, Scope};

pub(super) const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

pub(super) const fn ctrl(c: char) -> Key {
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
        &[ch('f')],
        A::Find,
        "find a word in the article (then ; and , step through it)",
    ),
    bind(
        S::Browse,
        &[ch(';')],
        A::FindNext,
        "next match of the word found",
    ),
    bind(
        S::Browse,
        &[ch(',')],
        A::FindPrev,
        "previous match of the word found",
    ),
    bind(
        S::Browse,
        &[(K::Char('S'), SHIFT), ch('S')],
        A::SaveSearch,
        "save the filter under a name",
    ),
    bind(
        S::Browse,
        &[ch('\''), (K::Char('\''), SHIFT)],
        A::Searches,
        "saved searches: pick one to filter by it",
    ),
    bind(
        S::Browse,
        &[ch('w')],
        A::Warnings,
        "list the files that loaded with warnings, and config warnings",
    ),
    bind(
        S::Browse,
        &[(K::Char('R'), SHIFT), ch('R')],
        A::Reload,
        "open the folders again (changes to their files show by themselves)",
    ),
    bind(
        S::Browse,
        &[ch('o')],
        A::OpenLink,
        "open the article's address ($BROWSER, else the system's)",
    ),
    bind(
        S::Browse,
        &[ch('y')],
        A::CopyLink,
        "copy the address (to the terminal's clipboard, over SSH too)",
    ),
    bind(
        S::Browse,
        &[(K::Char('Y'), SHIFT), ch('Y')],
        A::CopyMarkdownLink,
        "copy [title](address) as a Markdown link",
    ),
    bind(
        S::Browse,
        &[ch('|'), (K::Char('|'), SHIFT)],
        A::PipeArticle,
        "pipe the article as Markdown to a command",
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
    // One-line prompts.
    bind(
        S::Prompt,
        &[key(K::Enter)],
        A::Accept,
        "keep what was typed",
    ),
    bind(
        S::Prompt,
        &[key(K::Esc)],
        A::Cancel,
        "give up (a find is cleared)",
    ),
    bind(
        S::Prompt,
        &[key(K::Backspace)],
        A::DeleteChar,
        "delete a character",
    ),
    bind(S::Prompt, &[ctrl('w')], A::DeleteWord, "delete a word"),
    bind(S::Prompt, &[ctrl('u')], A::DeleteLine, "delete the line"),
    bind(S::Prompt, &[key(K::Left)], A::CursorLeft, "move the cursor"),
    bind(S::Prompt, &[key(K::Right)], A::CursorRight, ""),
    bind(S::Prompt, &[ctrl('c')], A::Quit, "quit"),
    // The warnings and saved searches popups.
    bind(S::Popup, &[ch('j'), key(K::Down)], A::Down, "move"),
    bind(S::Popup, &[ch('k'), key(K::Up)], A::Up, ""),
    bind(
        S::Popup,
        &[key(K::PageDown), ch(' ')],
        A::PageDown,
        "a page down / up",
    ),
    bind(S::Popup, &[key(K::PageUp), ch('b')], A::PageUp, ""),
    bind(S::Popup, &[ch('g'), key(K::Home)], A::Top, "top / bottom"),
    bind(
        S::Popup,
        &[(K::Char('G'), SHIFT), ch('G'), key(K::End)],
        A::Bottom,
        "",
    ),
    bind(
        S::Popup,
        &[key(K::Enter)],
        A::Open,
        "filter by the saved search",
    ),
    bind(
        S::Popup,
        &[ch('d'), key(K::Delete)],
        A::DeleteSearch,
        "forget a saved search (those from the config stay)",
    ),
    bind(S::Popup, &[key(K::Esc)], A::ClosePopup, "close the popup"),
    bind(S::Popup, &[ch('q'), ctrl('c')], A::Quit, "quit"),
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
];
