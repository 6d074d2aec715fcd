//! The `dossier` binary: parses arguments, then hands over to the terminal
//! reader or to a headless command. Every message it prints itself passes
//! the same sanitiser as article text, since errors quote file names.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use dossier::cli::{self, Args};

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        // Help and version are dossier's own text.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // An argument error quotes what was given, which can be a file
            // name holding escape sequences: each line passes the funnel.
            let text = e.render().to_string();
            for line in text.lines() {
                eprintln!("{}", dossier::text::sanitize(line));
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    dossier::corpus::set_max_file_size(args.max_file_size);
    let result = match args.command {
        Some(command) => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let mut err = io::stderr();
            let settings = cli::Settings {
                no_cache: args.no_cache,
            };
            let code = cli::run_with(command, settings, &mut out, &mut err);
            match out.flush() {
                // A closed pipe (`dossier list | head`) is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
                Err(e) => Err(e.into()),
                Ok(()) => code,
            }
        }
        // Without a terminal the screen cannot be drawn; say so rather than
        // fail half-way with escape codes on a pipe.
        // `dossier -` reads articles from a pipe, and keys from the
        // terminal itself.
        None if !(reads_stdin(&args.paths) || io::stdin().is_terminal())
            || !io::stdout().is_terminal() =>
        {
            eprintln!("dossier: the reader needs a terminal; try `dossier list`");
            return ExitCode::from(2);
        }
        // Stopped by a signal: the shell's convention, 128 + its number.
        None => dossier::tui::run(&args.paths, !args.no_cache)
            .map(|signal| signal.map_or(0, |s| u8::try_from(128 + s).unwrap_or(255))),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let message = format!("dossier: {e:#}");
            eprintln!("{}", dossier::text::message_line(&message));
            ExitCode::from(2)
        }
    }
}

/// Whether `-` (the standard input) is among the paths.
fn reads_stdin(paths: &[std::path::PathBuf]) -> bool {
    paths
        .iter()
        .any(|p| p.as_os_str() == dossier::corpus::load::STDIN_PATH)
}
