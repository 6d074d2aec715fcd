//! The whole default config, written from the same tables the reader uses
//! (settings, the theme's styles, the key table), with a comment on every
//! setting. `dossier config default` prints it; it reads back as exactly
//! the defaults.

use std::fmt::Write;

use super::super::keys::{KeyTable, Scope, config_label};
use super::super::theme::STYLES;
use super::DEFAULT_DATE_FORMAT;

pub fn default_text() -> String {
    let mut out = String::new();
    out.push_str(
        "# dossier's config: $XDG_CONFIG_HOME/dossier/config.toml (~/.config/dossier/config.toml).\n\
         # Every setting is optional; this file holds the defaults. A setting that cannot be\n\
         # used is one warning naming its line, and keeps its default.\n\n",
    );
    out.push_str(
        "# The side panel's width beside the list and the reading view: \"auto\" (as wide as\n\
         # the article's names and related titles need, a quarter to two fifths of the\n\
         # screen), a share (\"30%\") or columns (40).\n\
         side_panel = \"auto\"\n\n",
    );
    let _ = writeln!(
        out,
        "# How dates are written in the list and the reading view (chrono strftime: %Y-%m-%d,\n\
         # %d %b %Y, %a %e %B...).\ndate_format = \"{DEFAULT_DATE_FORMAT}\"\n"
    );
    out.push_str(
        "# The list's order when the reader starts: \"relevance\", \"date\" or \"title\" (s cycles).\n\
         sort = \"relevance\"\n\n",
    );
    out.push_str(
        "# Colours: \"dark\" or \"light\" to start from, then any style below. A style is\n\
         # modifiers (bold dim italic underlined reversed crossed-out), a colour, and \"on\" a\n\
         # background colour; colours are named (light-red), 256-colour (208) or hex (#ffaa00).\n\
         # NO_COLOR in the environment wins over all of it.\n\
         [theme]\n\
         # the theme to start from: \"dark\" or \"light\"\n\
         base = \"dark\"\n",
    );
    for (name, what, dark, _) in STYLES {
        let _ = writeln!(out, "# {what}\n{name} = \"{dark}\"");
    }
    out.push_str(
        "\n# Saved searches, picked with ' in the reader: a name and a filter in the filter\n\
         # bar's language. Searches saved in the reader (S) are kept apart from this file.\n\
         [searches]\n\
         # kremlin = \"person:putin since:2025-01\"\n\n",
    );
    out.push_str(
        "# Keys: an action and the list of keys that do it. [keys] is for reading; the tables\n\
         # after it are for the other places the keyboard can be. A key is a character (x, X),\n\
         # a name (enter esc tab shift-tab space backspace delete up down left right home end\n\
         # pageup pagedown f1..f24), or either after ctrl- or alt-. Setting an action replaces\n\
         # all its keys; [] leaves it unbound; a key taken from another action is reported.\n",
    );
    let table = KeyTable::default();
    for scope in Scope::ALL {
        if scope == Scope::Browse {
            out.push_str("[keys]\n");
        } else {
            let _ = writeln!(
                out,
                "\n# {}\n[keys.{}]",
                scope.heading(&table),
                scope.name()
            );
        }
        let mut last_help = "";
        for b in table.bindings().iter().filter(|b| b.scope == scope) {
            let help = if b.help.is_empty() { last_help } else { b.help };
            last_help = help;
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", config_label(k)))
                .fold(Vec::new(), |mut v, k| {
                    if !v.contains(&k) {
                        v.push(k);
                    }
                    v
                });
            let _ = writeln!(out, "# {help}\n{} = [{}]", b.action.name(), keys.join(", "));
        }
    }
    out
}
