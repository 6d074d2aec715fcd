use super::*;
use crate::tui::keys::parse_key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_default_text_reads_back_as_the_defaults() {
    let (config, warnings) = parse(&default_text(), "default.toml");
    assert_eq!(warnings, vec![]);
    assert_eq!(config.keys, KeyTable::default());
    assert_eq!(config.theme(false), Theme::colour());
    assert_eq!(config.side_width, SideWidth::Auto);
    assert_eq!(config.date_format, DEFAULT_DATE_FORMAT);
}

#[test]
fn every_setting_has_a_comment() {
    let text = default_text();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains(" = ") && !line.starts_with('#') {
            assert!(
                i > 0 && lines[i - 1].starts_with('#'),
                "no comment above {line:?}"
            );
        }
    }
}

#[test]
fn a_remapped_key_does_the_action() {
    let text = "[keys]\nquit = [\"x\"]\n[keys.help]\nquit = \"Q\"\n";
    let (config, warnings) = parse(text, "c.toml");
    assert_eq!(warnings, vec![]);
    assert_eq!(
        config.keys.action_for(&press('x'), Scope::Browse),
        Some(Action::Quit)
    );
    assert_eq!(config.keys.action_for(&press('q'), Scope::Browse), None);
    assert_eq!(
        config.keys.action_for(&press('Q'), Scope::Help),
        Some(Action::Quit)
    );
    assert!(config.keys.hints(Scope::Browse).contains("x quit"));
}

#[test]
fn bad_settings_warn_with_file_line_and_key_and_keep_the_rest() {
    let text = "sort = \"date\"\nsidebar = 3\n\n[keys]\nquit = [\"x\"]\nfly = [\"y\"]\ndown = [\"hyper-j\"]\n[theme]\nselected = \"chartreuse\"\nmatched = \"bold #ff0000\"\n";
    let (config, warnings) = parse(text, "/tmp/c.toml");
    let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 4, "{shown:#?}");
    assert!(shown[0].starts_with("/tmp/c.toml:2: sidebar: unknown setting"));
    assert!(shown[1].starts_with("/tmp/c.toml:6: keys.fly: no such action"));
    assert!(shown[2].starts_with("/tmp/c.toml:7: keys.down:"));
    assert!(shown[3].starts_with("/tmp/c.toml:9: theme.selected:"));
    assert!(shown.iter().all(|s| s.ends_with("the default is used")));
    // The rest of the file applies.
    assert_eq!(config.sort, Sort::Date);
    assert_eq!(
        config.keys.action_for(&press('x'), Scope::Browse),
        Some(Action::Quit)
    );
    assert_eq!(
        config.keys.action_for(&press('j'), Scope::Browse),
        Some(Action::Down)
    );
    let (_, w) = parse("[theme]\nselected = \"chartreuse\"\n", "t.toml");
    assert_eq!(w[0].line, 2);
    assert_eq!(w[0].key, "theme.selected");
}

#[test]
fn broken_toml_is_a_warning_not_a_failure() {
    let (config, warnings) = parse("sort = \"date\"\n[keys\nquit = 1\n", "b.toml");
    assert!(!warnings.is_empty());
    assert_eq!(warnings[0].file, "b.toml");
    assert_eq!(warnings[0].line, 2, "{:?}", warnings);
    assert_eq!(config.keys, KeyTable::default());
}

#[test]
fn conflicts_are_reported() {
    let text = "[keys]\nquit = [\"s\"]\ntoggle_read = [\"x\"]\nfind = [\"x\"]\n";
    let (config, warnings) = parse(text, "c.toml");
    let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|s| s.contains("s was bound to cycle_sort"))
    );
    assert!(
        shown
            .iter()
            .any(|s| s.contains("x is also bound to toggle_read"))
    );
    assert_eq!(
        config.keys.action_for(&press('s'), Scope::Browse),
        Some(Action::Quit)
    );
    assert_eq!(
        config.keys.action_for(&press('x'), Scope::Browse),
        Some(Action::ToggleRead)
    );
}

#[test]
fn settings_are_read() {
    let text = "side_panel = \"30%\"\ndate_format = \"%d %b %Y\"\n[theme]\nbase = \"light\"\n[searches]\nkremlin = \"person:putin since:2025-01\"\nbad = \"date:..\"\n";
    let (config, warnings) = parse(text, "c.toml");
    assert_eq!(config.side_width, SideWidth::Percent(30));
    assert_eq!(config.date_format, "%d %b %Y");
    assert_eq!(config.base, Base::Light);
    assert_eq!(config.theme(true), Theme::plain());
    assert_eq!(
        config.searches,
        vec![(
            "kremlin".to_string(),
            "person:putin since:2025-01".to_string()
        )]
    );
    assert!(warnings.len() <= 1, "{warnings:?}");
    let (c, w) = parse("side_panel = 44\ndate_format = \"%Q\"\n", "c.toml");
    assert_eq!(c.side_width, SideWidth::Columns(44));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].key, "date_format");
    assert!(parse_key("ctrl-x").is_ok());
}

#[test]
fn a_character_bound_where_text_is_typed_is_reported() {
    let (config, warnings) = parse("[keys.filter]\nclear_filter = [\"esc\", \"q\"]\n", "c.toml");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].problem.contains("q is typed as text"));
    assert_eq!(
        config.keys.action_for(&press('q'), Scope::Filter),
        Some(Action::ClearFilter)
    );
}
