//! Keys as the config file writes them (`ctrl-w`, `shift-tab`, `pagedown`)
//! and back: `parse_key` reads what a person wrote, `config_label` writes
//! what `dossier config default` prints, and the two agree on every key of
//! the default table.

use ratatui::crossterm::event::KeyCode;

use super::{ALT, CTRL, Key, NONE, SHIFT, key_label};

/// Reads a key as the config writes it: `x`, `X`, `ctrl-w`, `alt-left`,
/// `shift-tab`, `enter`, `esc`, `space`, `pgdn`, `f1`, or a label as the
/// help shows it (`Ctrl-W`, `↓`, `S-Tab`).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "c-", "alt-", "m-", "shift-", "s-"]
            .iter()
            .find(|p| lower.starts_with(**p) && rest.len() > p.len());
        match prefix {
            Some(p) => {
                mods |= match *p {
                    "ctrl-" | "c-" => CTRL,
                    "alt-" | "m-" => ALT,
                    _ => SHIFT,
                };
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_control() => return Err(format!("{:?} is not a key", text)),
        (Some(c), None) if mods.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        (Some(c), None) if mods.contains(SHIFT) => KeyCode::Char(c.to_ascii_uppercase()),
        (Some(c), None) => match c {
            '↓' => KeyCode::Down,
            '↑' => KeyCode::Up,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            c => KeyCode::Char(c),
        },
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" | "bksp" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => return Err(format!("{:?} is not a key", text)),
        },
    };
    // Shift is part of the character; only Ctrl and Alt stay as modifiers.
    let mods = if matches!(code, KeyCode::Char(_)) {
        mods.difference(SHIFT)
    } else {
        mods
    };
    Ok((code, mods))
}

/// How a key is written in the config file: `j`, `space`, `down`, `ctrl-w`.
pub fn config_label(&(code, mods): &Key) -> String {
    let name = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => key_label(&(other, NONE)).to_lowercase(),
    };
    let name = match name.as_str() {
        "↓" => "down".into(),
        "↑" => "up".into(),
        "←" => "left".into(),
        "→" => "right".into(),
        "bksp" => "backspace".into(),
        "pgdn" => "pagedown".into(),
        "pgup" => "pageup".into(),
        "del" => "delete".into(),
        "ins" => "insert".into(),
        _ => name,
    };
    if mods.contains(CTRL) {
        format!("ctrl-{name}")
    } else if mods.contains(ALT) {
        format!("alt-{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BINDINGS, ch, ctrl, same_key};
    use super::*;

    #[test]
    fn keys_are_read_as_the_config_writes_them() {
        assert_eq!(parse_key("x"), Ok(ch('x')));
        assert_eq!(parse_key("X"), Ok(ch('X')));
        assert_eq!(parse_key("ctrl-w"), Ok(ctrl('w')));
        assert_eq!(parse_key("Ctrl-W"), Ok(ctrl('w')));
        assert_eq!(parse_key("alt-left"), Ok((KeyCode::Left, ALT)));
        assert_eq!(parse_key("shift-tab"), Ok((KeyCode::BackTab, SHIFT)));
        assert_eq!(parse_key("space"), Ok(ch(' ')));
        assert_eq!(parse_key("F1"), Ok((KeyCode::F(1), NONE)));
        assert_eq!(parse_key("↓"), Ok((KeyCode::Down, NONE)));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-x").is_err());
        assert!(parse_key("\u{1b}").is_err());
        for b in BINDINGS {
            for k in b.keys {
                let back = parse_key(&config_label(k)).unwrap();
                assert!(same_key(&back, k), "{k:?} → {}", config_label(k));
            }
        }
    }
}
