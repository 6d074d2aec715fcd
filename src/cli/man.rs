//! `dossier man`: the manual page, made from the clap definitions like
//! `--help`, so the two never disagree. clap_mangen writes the page; its
//! list of subcommands (which would point at pages dossier does not ship)
//! gives way to a COMMANDS section describing each command and its
//! arguments in full.

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::Args;

/// Writes the whole page in roff.
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    let command = Args::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    let commands = commands_section(&command);
    match page.find(".SH SUBCOMMANDS") {
        Some(start) => {
            let rest = &page[start + 1..];
            let end = rest
                .find("\n.SH ")
                .map_or(page.len(), |i| start + 1 + i + 1);
            out.write_all(page[..start].as_bytes())?;
            out.write_all(commands.as_bytes())?;
            out.write_all(page[end..].as_bytes())
        }
        None => {
            out.write_all(page.as_bytes())?;
            out.write_all(commands.as_bytes())
        }
    }
}

/// `.SH COMMANDS`: per command its synopsis, what it does and each
/// argument with its description, default and possible values.
fn commands_section(command: &clap::Command) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands() {
        describe(&mut roff, sub, "dossier");
    }
    let text = roff.render();
    // The page has defined its apostrophe string already.
    let body = text
        .split_once("\n.el")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .map_or(text.as_str(), |(_, rest)| rest);
    body.to_string()
}

fn describe(roff: &mut Roff, command: &clap::Command, parent: &str) {
    let name = format!("{parent} {}", command.get_name());
    let mut synopsis = vec![bold(name.clone())];
    for arg in command.get_positionals() {
        synopsis.push(roman(" "));
        if arg.is_required_set() {
            synopsis.push(italic(arg_label(arg)));
        } else {
            synopsis.push(roman("["));
            synopsis.push(italic(arg_label(arg)));
            synopsis.push(roman("]"));
        }
    }
    if command.get_opts().next().is_some() {
        synopsis.push(roman(" [options]"));
    }
    roff.control("SS", [name.as_str()]);
    roff.text(synopsis);
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        roff.control("PP", []);
        roff.text([roman(about.to_string())]);
    }
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" || arg.is_hide_set() {
            continue;
        }
        roff.control("TP", []);
        roff.text([bold(arg_label(arg))]);
        let mut text = arg
            .get_long_help()
            .or(arg.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && arg.get_action().takes_values() {
            text.push_str(&format!(" (one of: {})", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && arg.get_action().takes_values() {
            text.push_str(&format!(" [default: {}]", defaults.join(", ")));
        }
        roff.text([roman(text)]);
    }
    for sub in command.get_subcommands() {
        if sub.get_name() != "help" {
            describe(roff, sub, &name);
        }
    }
}

/// `--format <FORMAT>`, `-n, --limit <LIMIT>` or `<PATHS>...`.
fn arg_label(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string());
    let many = matches!(arg.get_num_args(), Some(r) if r.max_values() > 1);
    let dots = if many { "..." } else { "" };
    match (arg.get_short(), arg.get_long()) {
        (None, None) => format!("<{value}>{dots}"),
        (short, Some(long)) => {
            let short = short.map(|s| format!("-{s}, ")).unwrap_or_default();
            if arg.get_action().takes_values() {
                format!("{short}--{long} <{value}>")
            } else {
                format!("{short}--{long}")
            }
        }
        (Some(short), None) => format!("-{short}"),
    }
}
