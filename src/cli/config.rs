//! `dossier config default` and `dossier config check [FILE]`: the reader's
//! config file, printed whole with its comments, or checked line by line
//! with the warnings the reader itself would give.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::ExitCode;
use crate::text::message_line;
use crate::tui::config;

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Prints the whole default config, a comment on every setting
    /// (`dossier config default > ~/.config/dossier/config.toml`).
    Default,
    /// Checks a config file: each unknown key or bad value, with its line.
    /// Exit status 1 if there is any.
    Check {
        /// The config file (default: $XDG_CONFIG_HOME/dossier/config.toml).
        file: Option<PathBuf>,
    },
    /// Prints where the reader looks for its config file.
    Path,
}

pub fn run(
    action: ConfigAction,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match action {
        ConfigAction::Default => {
            out.write_all(config::default_text().as_bytes())?;
            Ok(0)
        }
        ConfigAction::Path => match config::config_path() {
            Some(p) => {
                writeln!(out, "{}", message_line(&p.display().to_string()))?;
                Ok(0)
            }
            None => {
                writeln!(err, "dossier: config: no home folder, so no config file")?;
                Ok(2)
            }
        },
        ConfigAction::Check { file } => {
            let Some(path) = file.or_else(config::config_path) else {
                writeln!(
                    err,
                    "dossier: config: no home folder; name the file to check"
                )?;
                return Ok(2);
            };
            if !path.exists() {
                writeln!(
                    err,
                    "{}",
                    message_line(&format!(
                        "dossier: config: {}: no such file (the defaults hold)",
                        path.display()
                    ))
                )?;
                return Ok(2);
            }
            let (_, warnings) = config::load(&path);
            for w in &warnings {
                writeln!(err, "{}", message_line(&format!("warning: {w}")))?;
            }
            if warnings.is_empty() {
                writeln!(out, "{}", message_line(&format!("ok: {}", path.display())))?;
                Ok(0)
            } else {
                Ok(1)
            }
        }
    }
}
