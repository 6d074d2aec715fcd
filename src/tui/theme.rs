//! Colours and emphasis. The built-in dark and light themes are written as
//! the config file writes styles ("bold yellow", "white on blue"), so the
//! defaults `dossier config default` prints are the very ones in force. With
//! `NO_COLOR` set, only bold, underline and reverse video are used, whatever
//! the config says, so every cue still shows on a monochrome screen.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selected: Style,
    pub matched: Style,
    pub mention: Style,
    /// A match of the word found in the article, and the current one.
    pub found: Style,
    pub found_current: Style,
    pub dim: Style,
    pub error: Style,
    pub key: Style,
    pub status: Style,
}

/// Each style's name in `[theme]`, what it colours, and its value in the
/// dark and light themes.
pub const STYLES: &[(&str, &str, &str, &str)] = &[
    ("border", "pane borders", "dark-gray", "gray"),
    (
        "border_focused",
        "the focused pane's border",
        "cyan",
        "blue",
    ),
    ("title", "pane titles and headings", "bold", "bold"),
    (
        "selected",
        "the selected row",
        "white on blue",
        "black on light-blue",
    ),
    (
        "matched",
        "what the filter matched",
        "bold yellow",
        "bold magenta",
    ),
    ("mention", "names in the text", "light-cyan", "blue"),
    (
        "found",
        "matches of the word found in the article",
        "black on yellow",
        "black on light-yellow",
    ),
    (
        "found_current",
        "the match the find is on",
        "bold black on light-red",
        "bold white on red",
    ),
    ("dim", "secondary text", "dark-gray", "dark-gray"),
    ("error", "errors", "bold red", "bold red"),
    (
        "key",
        "keys in the help and hints",
        "bold cyan",
        "bold blue",
    ),
    (
        "status",
        "the status bar",
        "gray on black",
        "black on white",
    ),
];

/// Reads a style as the config writes it: modifiers (bold, dim, italic,
/// underlined, reversed, crossed-out), a foreground colour, and `on` a
/// background colour. Colours are named (`light-red`), 256-colour indices
/// (`208`) or hex (`#ffaa00`); `default` is the terminal's own.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut background = false;
    let mut foreground_set = false;
    for word in text.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            "crossed-out" | "strikethrough" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
            continue;
        }
        if lower == "on" {
            if background {
                return Err(format!("{text:?}: `on` twice"));
            }
            background = true;
            continue;
        }
        let colour = match lower.as_str() {
            "default" | "none" => Color::Reset,
            _ => word
                .parse::<Color>()
                .map_err(|_| format!("{word:?} is not a colour (a name, 0-255 or #rrggbb)"))?,
        };
        if background {
            style = style.bg(colour);
        } else if foreground_set {
            return Err(format!("{text:?}: two colours; write `FG on BG`"));
        } else {
            style = style.fg(colour);
            foreground_set = true;
        }
    }
    Ok(style)
}

/// A built-in theme to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    #[default]
    Dark,
    Light,
}

impl Theme {
    /// A pane's frame: its border lit when it has the keyboard, `title`
    /// on the top edge.
    pub fn pane<'a>(&self, title: String, focused: bool) -> Block<'a> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(if focused {
                self.border_focused
            } else {
                self.border
            })
            .title(Span::styled(title, self.title))
    }

    /// The theme for this environment: plain when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        if no_color() {
            Theme::plain()
        } else {
            Theme::colour()
        }
    }

    /// The built-in dark theme.
    pub fn colour() -> Theme {
        Theme::built_in(Base::Dark)
    }

    pub fn built_in(base: Base) -> Theme {
        let mut theme = Theme::plain();
        for (name, _, dark, light) in STYLES {
            let text = if base == Base::Dark { dark } else { light };
            // The built-in values are written to parse.
            if let Ok(style) = parse_style(text) {
                theme.set(name, style);
            }
        }
        theme
    }

    /// Sets the style named as in `[theme]`; false for no such style.
    pub fn set(&mut self, name: &str, style: Style) -> bool {
        let slot = match name {
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "title" => &mut self.title,
            "selected" => &mut self.selected,
            "matched" => &mut self.matched,
            "mention" => &mut self.mention,
            "found" => &mut self.found,
            "found_current" => &mut self.found_current,
            "dim" => &mut self.dim,
            "error" => &mut self.error,
            "key" => &mut self.key,
            "status" => &mut self.status,
            _ => return false,
        };
        *slot = style;
        true
    }

    pub fn plain() -> Theme {
        Theme {
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            mention: Style::new().add_modifier(Modifier::BOLD),
            found: Style::new().add_modifier(Modifier::UNDERLINED),
            found_current: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            dim: Style::new(),
            error: Style::new().add_modifier(Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_read_as_written() {
        assert_eq!(
            parse_style("bold yellow"),
            Ok(Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD))
        );
        assert_eq!(
            parse_style("#ff8000 on 236"),
            Ok(Style::new()
                .fg(Color::Rgb(255, 128, 0))
                .bg(Color::Indexed(236)))
        );
        assert_eq!(
            parse_style("on light-blue"),
            Ok(Style::new().bg(Color::LightBlue))
        );
        assert!(parse_style("bold chartreuse").is_err());
        assert!(parse_style("red blue").is_err());
        for (_, _, dark, light) in STYLES {
            assert!(parse_style(dark).is_ok() && parse_style(light).is_ok());
        }
    }

    #[test]
    fn the_dark_theme_is_the_colour_theme_of_before() {
        let t = Theme::colour();
        assert_eq!(t.selected, Style::new().bg(Color::Blue).fg(Color::White));
        assert_eq!(t.status, Style::new().bg(Color::Black).fg(Color::Gray));
        assert_ne!(Theme::built_in(Base::Light), t);
    }
}
