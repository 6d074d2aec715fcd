//! A hostile folder, built at run time: broken and looping links, a folder
//! without permission, a FIFO, a socket, a link to a device, a name longer
//! than the system allows, a file name full of escape sequences, empty,
//! UTF-16, sparse-huge and broken JSON files. The built binary must load the
//! rest, name each problem on one line, and let nothing raw reach standard
//! output or standard error.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A name that tries to set the window title, clear the screen, reorder
/// text and break a line.
const EVIL_NAME: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}evil\u{200f}\u{2028}name\u{9b}1m.txt";

struct Hostile {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// Whether permissions bite (they do not for root).
    locked_bites: bool,
}

fn write(root: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    fs::write(root.join(name), bytes).unwrap();
}

fn build() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    fs::create_dir(&root).unwrap();
    write(
        &root,
        "good.txt",
        "Ministers meet in Geneva\n\nThe talks resumed on Monday after a week of delays.",
    );
    write(
        &root,
        "controls.txt",
        "Screen \u{1b}[2J test\n\nA body with \u{1b}]0;title\u{7} escapes, a mark \u{200e} and \u{2028} a separator.\u{c}Next page.",
    );
    // Latin-1 content gives a warning, so the evil name is printed.
    write(&root, EVIL_NAME, b"Prices \xa3100 higher in the capital.");
    write(&root, "empty.txt", "");
    write(&root, "blank.txt", "  \n\t \n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Wide report\n\nA body written out in UTF-16 by an old exporter."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write(&root, "wide.txt", utf16);
    write(
        &root,
        "feed.json",
        "[{\"title\": \"Kept one\", \"body\": \"First.\"},\n\
          {\"title\": \"Lost\", \"body\": \"x\", \"score\": 1e400},\n\
          {\"title\": \"Kept two\", \"body\": \"Third.\"}]",
    );
    write(
        &root,
        "times.json",
        "[{\"title\": \"Negative time\", \"body\": \"a\", \"date\": -2025},\n\
          {\"title\": \"Tiny time\", \"body\": \"b\", \"date\": \"5\"}]",
    );
    let huge = fs::File::create(root.join("huge.txt")).unwrap();
    huge.set_len(3 << 30).unwrap();
    symlink(root.join("nowhere.txt"), root.join("dangling.txt")).unwrap();
    symlink(root.join("gone.txt"), root.join(".#notes.txt")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink(&root, root.join("sub/loop")).unwrap();
    let status = Command::new("mkfifo")
        .arg(root.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    let socket = std::os::unix::net::UnixListener::bind(root.join("socket.txt")).unwrap();
    drop(socket);
    symlink("/dev/null", root.join("device.txt")).unwrap();
    // Deeper than PATH_MAX: two chains, each short enough to make, one
    // moved to the end of the other.
    let step = "d".repeat(200);
    let upper: PathBuf = std::iter::repeat_n(step.as_str(), 15).collect();
    let lower: PathBuf = std::iter::repeat_n(step.as_str(), 10).collect();
    fs::create_dir_all(root.join("deep").join(&upper)).unwrap();
    fs::create_dir_all(dir.path().join("lower").join(&lower)).unwrap();
    write(
        &dir.path().join("lower").join(&lower),
        "buried.txt",
        "Buried text.",
    );
    fs::rename(
        dir.path().join("lower"),
        root.join("deep").join(&upper).join("lower"),
    )
    .unwrap();
    let locked = root.join("locked");
    fs::create_dir(&locked).unwrap();
    write(&locked, "secret.txt", "An article nobody may read.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let locked_bites = fs::read_dir(&locked).is_err();
    Hostile {
        _dir: dir,
        root,
        locked_bites,
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        // So the temporary folder can be removed.
        let _ = fs::set_permissions(self.root.join("locked"), fs::Permissions::from_mode(0o755));
    }
}

/// `check` on the folder run as the unprivileged user, when the system has
/// `setpriv` to switch to it (None otherwise).
fn check_as_nobody(h: &Hostile) -> Option<String> {
    let mut dir = h.root.clone();
    while let Some(parent) = dir.parent() {
        if parent == std::env::temp_dir() || parent == Path::new("/") {
            break;
        }
        dir = parent.to_path_buf();
    }
    // The temporary folder is private to its owner; open it to others.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).ok()?;
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", h.root.to_str()?, "--max-file-size", "1M"])
        .output()
        .ok()?;
    assert_clean("check as nobody", &out.stderr);
    matches!(out.status.code(), Some(0 | 1))
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn run(args: &[&str]) -> Output {
    dossier()
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

/// The `dossier` binary, keeping its cache and state under the build's own
/// temporary folder, never the real home.
fn dossier() -> Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dossier-home");
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    c
}

/// Nothing a terminal would act on: no C0 but newline, no C1, no
/// bidirectional controls, no line separators.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("output is UTF-8");
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
            )
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what}: raw {c:?} at byte {i}: {text:?}");
    }
}

#[test]
fn a_hostile_folder_loads_the_rest_and_nothing_raw_escapes() {
    let h = build();
    let root = h.root.to_str().unwrap();

    let out = run(&["check", root, "/dev/zero", "--max-file-size", "1M"]);
    assert_clean("check stdout", &out.stdout);
    assert_clean("check stderr", &out.stderr);
    let check = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "/dev/zero is an error: {check}");
    let line_for = |needle: &str, level: &str| {
        let lines: Vec<&str> = check.lines().filter(|l| l.contains(needle)).collect();
        assert_eq!(lines.len(), 1, "one line for {needle}: {check}");
        assert!(
            lines[0].starts_with(level),
            "{level} for {needle}: {}",
            lines[0]
        );
        assert!(lines[0].chars().count() <= 300, "{}", lines[0]);
        lines[0].to_string()
    };
    assert!(line_for("dangling.txt", "warning").contains("broken symbolic link"));
    assert!(line_for("sub/loop", "warning").contains("loop"));
    assert!(line_for("pipe.txt", "warning").contains("FIFO"));
    assert!(line_for("socket.txt", "warning").contains("a socket"));
    assert!(line_for("device.txt", "warning").contains("a character device"));
    assert!(line_for("empty.txt", "warning").contains("empty file"));
    assert!(line_for("blank.txt", "warning").contains("whitespace"));
    assert!(line_for("huge.txt", "warning").contains("3 GB is over the 1 MB limit"));
    assert!(line_for("feed.json", "warning").contains("record 2 (line 2)"));
    let times = line_for("times.json", "warning");
    assert!(
        times.contains("\"-2025\" is not a date") && times.contains("\"5\""),
        "{times}"
    );
    assert!(line_for("/deep/", "warning").contains("File name too long"));
    assert!(line_for("/dev/zero", "error").contains("character device"));
    assert!(line_for("evil", "warning").contains("not valid UTF-8"));
    assert!(line_for("wide.txt", "ok").contains("1 article"));
    assert!(line_for("controls.txt", "ok").contains("1 article"));
    assert!(!check.contains(".#notes"), "hidden entries are never read");
    if h.locked_bites {
        assert!(line_for("locked", "warning").contains("ermission denied"));
    } else if let Some(check) = check_as_nobody(&h) {
        // As root permissions do not bite; as nobody they do.
        let locked: Vec<&str> = check.lines().filter(|l| l.contains("locked")).collect();
        assert_eq!(locked.len(), 1, "{check}");
        assert!(locked[0].starts_with("warning") && locked[0].contains("ermission denied"));
        assert!(
            check
                .lines()
                .any(|l| l.contains("good.txt") && l.starts_with("ok"))
        );
    }

    let out = run(&["list", root, "/dev/zero", "--max-file-size", "1M", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_clean("list stderr", &out.stderr);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut titles: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    titles.sort();
    if !h.locked_bites {
        titles.retain(|t| *t != "An article nobody may read.");
    }
    assert_eq!(
        titles,
        [
            "Kept one",
            "Kept two",
            "Ministers meet in Geneva",
            "Negative time",
            "Prices £100 higher in the capital.",
            "Screen [2J test",
            "Tiny time",
            "Wide report",
        ]
    );
    let undated = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["title"].as_str().unwrap().contains("time"));
    assert!(undated.clone().count() == 2 && undated.into_iter().all(|r| r["date"].is_null()));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.lines().all(|l| l.chars().count() <= 300), "{stderr}");
    assert!(
        stderr.lines().count() <= 11,
        "problems, then a count: {stderr}"
    );

    // Text output, and the article with the evil name.
    for args in [vec!["list", root], vec!["export", root]] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_clean("text stdout", &out.stdout);
        assert_clean("text stderr", &out.stderr);
    }
    let out = run(&["export", root, "--json"]);
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let controls = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Screen [2J test")
        .unwrap();
    let body = controls["body"].as_str().unwrap();
    assert!(
        body.contains("separator.\n"),
        "a form feed is a break: {body:?}"
    );
}

#[test]
fn devices_paths_and_empty_loads_fail_with_one_line() {
    for args in [
        vec!["list", "/dev/zero"],
        vec!["list", "/dev/urandom"],
        vec!["list", "/no/such/\u{1b}[2Jplace"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert_clean("stderr", &out.stderr);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(args[1].trim_start_matches("/no/such/\u{1b}")),
            "{err}"
        );
    }
    for args in [
        vec!["list", "--max-file-size", "\u{1b}]0;owned\u{7}\u{202e}"],
        vec!["list", "--\u{1b}[2J\u{9b}"],
        vec!["show"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_clean("argument error", &out.stderr);
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["list", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no articles found")
    );
    write(dir.path(), "empty.txt", "");
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a check that loaded nothing fails"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("empty.txt: empty file") && text.contains("0 article(s) loaded"),
        "{text}"
    );
}

#[test]
fn the_reader_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "An article.");
    let out = dossier()
        .arg(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "dossier: the reader needs a terminal; try `dossier list`\n"
    );
}
