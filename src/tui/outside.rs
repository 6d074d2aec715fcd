//! What the reader does beyond its own screen: opening an article's address
//! in a browser (`$BROWSER`, else the system's opener), copying to the
//! clipboard by OSC 52 (which reaches the clipboard of the terminal a person
//! sits at, over SSH too), and piping an article to a shell command as
//! newsboat's pipe-to does. The loop leaves the screen around a child
//! process and takes it back after; nothing from an article reaches the
//! terminal raw: addresses are printable by construction and the clipboard's
//! payload is base64.

use std::io::{self, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use base64::Engine;

use super::app::App;
use super::keys::Action;
use crate::corpus::markdown::{article_markdown, markdown_link};

/// Where the reader's dealings with the world go: the terminal that takes
/// escape sequences of its own (the real one, or a buffer in tests), the
/// browser command, and whether there is a real screen to leave and take
/// back around a child process.
pub struct Outside {
    pub terminal: Box<dyn Write + Send>,
    /// `$BROWSER`: commands separated by `:`, `%s` standing for the address
    /// (else it is the last argument).
    pub browser: Option<String>,
    pub owns_terminal: bool,
    /// Set while a child process has the terminal: the signals typed there
    /// (Ctrl-C, Ctrl-Z) are its own, not the reader's.
    pub child_has_terminal: Arc<AtomicBool>,
}

impl Outside {
    /// Nothing reaches a terminal and no screen is left: tests and
    /// scripted runs. `$BROWSER` is read as the reader reads it.
    pub fn detached() -> Outside {
        Outside {
            terminal: Box::new(io::sink()),
            browser: std::env::var("BROWSER")
                .ok()
                .filter(|b| !b.trim().is_empty()),
            owns_terminal: false,
            child_has_terminal: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The real terminal on standard output.
    pub fn terminal() -> Outside {
        Outside {
            terminal: Box::new(io::stdout()),
            owns_terminal: true,
            ..Outside::detached()
        }
    }

    /// Puts `text` on the clipboard of the terminal the reader runs in.
    pub fn copy(&mut self, text: &str) -> io::Result<()> {
        self.terminal.write_all(osc52(text).as_bytes())?;
        self.terminal.flush()
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{payload}\x07")
}

/// Work the loop does with the screen handed back to the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Open the address in the browser.
    Open(String),
    /// Run `command` with the shell, the article's Markdown on its input.
    Pipe { command: String, input: String },
}

impl Task {
    /// Whether the task needs the screen left first: a browser from
    /// `$BROWSER` may be a terminal one, and a piped command may page or
    /// print. The system opener hands off and returns at once.
    pub fn needs_screen(&self, outside: &Outside) -> bool {
        match self {
            Task::Open(_) => outside.browser.is_some(),
            Task::Pipe { .. } => true,
        }
    }

    /// Runs the task; the status bar's message on how it went.
    pub fn run(&self, outside: &Outside) -> String {
        match self {
            Task::Open(url) => match open_url(url, outside.browser.as_deref()) {
                Ok(how) => format!("opened {url}{how}"),
                Err(e) => format!("could not open {url}: {e}"),
            },
            Task::Pipe { command, input } => match pipe(command, input) {
                Ok(status) if status.success() => format!("piped to {command}: exit status 0"),
                Ok(status) => match status.code() {
                    Some(code) => format!("piped to {command}: exit status {code}"),
                    None => {
                        use std::os::unix::process::ExitStatusExt;
                        let signal = status.signal().unwrap_or_default();
                        format!("piped to {command}: ended by signal {signal}")
                    }
                },
                Err(e) => format!("could not run {command}: {e}"),
            },
        }
    }
}

/// Opens `url` with the first `$BROWSER` command that starts, waiting for
/// it as a terminal browser must be waited for, or with the system opener.
fn open_url(url: &str, browser: Option<&str>) -> io::Result<&'static str> {
    let Some(browser) = browser else {
        open::that_detached(url)?;
        return Ok("");
    };
    let mut last = io::Error::new(io::ErrorKind::NotFound, "$BROWSER names no command");
    for (program, args) in browser_commands(browser, url) {
        match Command::new(&program).args(&args).status() {
            Ok(status) if status.success() => return Ok(""),
            Ok(status) => {
                last = io::Error::other(format!("{program} ended with {status}"));
            }
            Err(e) => last = io::Error::new(e.kind(), format!("{program}: {e}")),
        }
    }
    Err(last)
}

/// The commands `$BROWSER` names, split into words (no shell: the address
/// is one argument whatever it holds), `%s` replaced by the address or the
/// address appended.
pub fn browser_commands(browser: &str, url: &str) -> Vec<(String, Vec<String>)> {
    browser
        .split(':')
        .filter_map(|command| {
            let mut words = command.split_whitespace().map(str::to_string);
            let program = words.next()?;
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url);
                }
            } else {
                args.push(url.to_string());
            }
            Some((program, args))
        })
        .collect()
}

/// Runs `command` with `sh -c`, `input` on its standard input, its output
/// on the terminal.
fn pipe(command: &str, input: &str) -> io::Result<ExitStatus> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that reads nothing closes the pipe early: not an error.
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait()
}

impl App {
    /// `o`, `y` and `Y`: the article's address opened, or copied bare or
    /// as a Markdown link.
    pub(super) fn link_out(&mut self, action: Action) {
        let Some(article) = self.current() else {
            self.message = Some("no article".into());
            return;
        };
        let a = &self.library.articles()[article];
        let Some(url) = a.url() else {
            self.message = Some("no link in this article".into());
            return;
        };
        let copied = match action {
            Action::OpenLink => {
                self.task = Some(Task::Open(url.to_string()));
                return;
            }
            Action::CopyMarkdownLink => self
                .outside
                .copy(&markdown_link(&a.whole_title(), url))
                .map(|()| "copied Markdown link"),
            _ => self.outside.copy(url).map(|()| "copied link"),
        };
        self.message = Some(match copied {
            Ok(what) => what.to_string(),
            Err(e) => format!("could not copy: {e}"),
        });
    }

    /// Enter in the `|` prompt: the article goes to the command as
    /// Markdown.
    pub(super) fn run_pipe(&mut self, command: &str) {
        let command = command.trim().to_string();
        match self.current() {
            _ if command.is_empty() => {}
            None => self.message = Some("no article".into()),
            Some(article) => {
                let input = article_markdown(&self.library.articles()[article]);
                self.task = Some(Task::Pipe { command, input });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(
            osc52("https://example.com/a"),
            "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS9h\x07"
        );
        // Whatever the text holds, the sequence holds only base64.
        let hostile = osc52("x\x1b]0;title\x07\u{9b}");
        let payload = &hostile["\x1b]52;c;".len()..hostile.len() - 1];
        assert!(
            payload
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
        );
    }

    #[test]
    fn browser_commands_take_the_address_as_one_argument() {
        let url = "https://example.com/a b;rm -rf";
        assert_eq!(
            browser_commands("w3m:firefox --new-tab %s", url),
            [
                ("w3m".to_string(), vec![url.to_string()]),
                (
                    "firefox".to_string(),
                    vec!["--new-tab".to_string(), url.to_string()]
                ),
            ]
        );
        assert!(browser_commands(" : ", url).is_empty());
    }
}
