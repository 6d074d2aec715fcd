//! The `dossier` binary: parses arguments, then hands over to the terminal
//! reader or to a headless command.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Args};

fn main() -> ExitCode {
    let args = Args::parse();
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
        None => dossier::tui::run(&args.paths).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: {e:#}");
            ExitCode::from(2)
        }
    }
}
