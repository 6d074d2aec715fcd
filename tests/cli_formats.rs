//! Output formats and the commands around them: `export` and `list` as
//! Markdown, JSON Lines and CSV, `show --format md`, shell completions and
//! the manual page, articles read from standard input and `check --json`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;
use common::*;

fn stdout(args: &[&str]) -> String {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `dossier` with `input` on its standard input.
fn with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dossier-home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dossier binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn export_as_markdown_gives_each_sample_article_a_title_details_and_body() {
    let md = stdout(&["export", "--format", "md"]);
    let list = json(&["list", "--json"]);
    let articles: Vec<&str> = md.split("\n---\n").collect();
    assert_eq!(articles.len(), 5, "{md}");
    for (text, row) in articles.iter().zip(rows(&list)) {
        let text = text.trim_start_matches('\n');
        let title = row["title"].as_str().unwrap();
        assert!(text.starts_with(&format!("# {title}\n")), "{text:.200}");
        assert!(!text.contains('…'), "a whole title: {text:.200}");
    }
    // 001 has a headline, an author and no date; its body is the clean one.
    let a001 = articles[1];
    let lines: Vec<&str> = a001.trim_start().lines().collect();
    assert_eq!(
        lines[0],
        "# Putin holds over 4-hour meeting with Witkoff and Kushner."
    );
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "Sophia Brooks");
    assert_eq!(lines[3], "");
    assert!(lines[4].starts_with("Russian President Vladimir Putin hosted"));
    assert!(!a001.contains("min read") && !a001.contains("Views"));
    // 000 is dated by its header.
    assert!(
        articles[0].contains("\n\n2025-04-11\n\n"),
        "{:.300}",
        articles[0]
    );
}

#[test]
fn list_as_csv_has_a_header_and_a_row_per_sample_article() {
    let text = stdout(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "path",
            "title",
            "title_source",
            "date",
            "date_source",
            "author",
            "source",
            "url"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let list = json(&["list", "--json"]);
    assert_eq!(records.len(), 5);
    for (record, row) in records.iter().zip(rows(&list)) {
        assert_eq!(&record[0], row["id"].as_str().unwrap());
        assert_eq!(&record[2], row["title"].as_str().unwrap());
        assert_eq!(&record[4], row["date"].as_str().unwrap_or(""));
        assert_eq!(&record[6], row["author"].as_str().unwrap_or(""));
    }
    assert_eq!(&records[1][6], "Sophia Brooks");
    assert_eq!(&records[0][4], "2025-04-11");
}

#[test]
fn json_is_a_shorthand_for_format_json_and_the_two_conflict() {
    assert_eq!(
        json(&["list", "--json"]),
        json(&["list", "--format", "json"])
    );
    assert!(
        !dossier(&["list", "--json", "--format", "csv"])
            .status
            .success()
    );
    assert!(!dossier(&["list", "--format", "md"]).status.success());
}

#[test]
fn show_as_markdown_and_export_as_json_lines_and_csv() {
    let list = json(&["list", "--json"]);
    let id = by_prefix(&list, "003_")["id"].as_str().unwrap();
    let md = stdout(&["show", id, "--format", "md"]);
    assert!(
        md.starts_with("# Witkoff meets Putin in Moscow\n"),
        "{md:.200}"
    );
    let jsonl = stdout(&["export", "--format", "jsonl"]);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[3]["id"], id);
    assert!(lines[3]["body"].as_str().unwrap().len() > 100);
    let csv_text = stdout(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("body"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    assert_eq!(&records[3][2], "Witkoff meets Putin in Moscow");
    assert!(records[3][10].contains("\n\n"), "paragraphs kept");
}

#[test]
fn completions_and_the_manual_page_are_generated_from_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains("dossier"), "{shell}");
        for command in ["export", "list", "completions"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("--format"));
    // The script parses, where there is a bash to ask.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("dossier.bash");
    std::fs::write(&script, &bash).unwrap();
    if let Ok(check) = Command::new("bash").arg("-n").arg(&script).output() {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    assert!(bash.contains("jsonl"), "format values complete");
    let man = stdout(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH dossier"),
        "{man:.200}"
    );
    assert!(man.contains(".TH dossier"));
    // One page: every command in full, no pointers to pages not shipped.
    for command in [
        "list",
        "show",
        "export",
        "completions",
        "man",
        "cache status",
    ] {
        assert!(
            man.contains(&format!(".SS \"dossier {command}\"")),
            "{command}"
        );
    }
    assert!(man.contains("jsonl"), "possible values are listed");
    assert!(!man.contains("dossier\\-list(1)"), "{man}");
    assert!(!dossier(&["completions", "tcsh"]).status.success());
}

#[test]
fn a_dash_reads_json_lines_or_text_from_standard_input() {
    let lines = "{\"id\": \"a\", \"title\": \"Harbour strike ends\", \"url\": \"https://example.com/news/harbour\", \"body\": \"Dock workers returned on Monday.\"}\n\
                 {\"id\": \"b\", \"title\": \"Ferries sail again\", \"body\": \"The first ferry left at six.\"}\n";
    let out = with_stdin(&["list", "-", "--json"], lines);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&rows), ["a", "b"]);
    assert_eq!(rows[0]["url"], "https://example.com/news/harbour");
    let out = with_stdin(
        &["show", "stdin", "-", "--format", "md"],
        "Harbour strike ends\n\nDock workers returned to the harbour on Monday after a week.\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Harbour strike ends\n"), "{md}");
    let out = with_stdin(&["list", "-"], "");
    assert!(!out.status.success());
}

#[test]
fn check_gives_a_reason_on_every_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "Harbour strike ends\n\nDock workers returned.",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = dossier(&["check", dir.path().to_str().unwrap(), "--json"]);
    let files: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows(&files).len(), 2);
    for row in rows(&files) {
        assert!(row["reason"].is_string(), "{row}");
        assert!(row["status"].is_string(), "{row}");
    }
    let good = rows(&files)
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("good.txt"))
        .unwrap();
    assert_eq!(good["status"], "ok");
    assert_eq!(good["reason"], "ok");
}

#[test]
fn json_titles_are_whole_while_the_text_list_shortens_them() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Dock workers at the harbour of Halvard walked out on Monday morning, halting \
                    all container traffic for the first time in more than twenty years.";
    std::fs::write(
        dir.path().join("long.txt"),
        format!("{sentence} Talks follow."),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let rows = json(&["list", path, "--json"]);
    assert_eq!(rows[0]["title_source"], "derived");
    assert_eq!(rows[0]["title"], sentence);
    let shown = json(&["show", "long", path, "--json"]);
    assert_eq!(shown["title"], sentence);
    let text = stdout(&["list", path]);
    assert!(text.contains('…'), "{text}");
}

#[test]
fn train_ner_has_no_relative_default_output() {
    let help = stdout(&["train-ner", "--help"]);
    assert!(!help.contains("assets/ner"), "{help}");
    assert!(help.contains("XDG_DATA_HOME"), "{help}");
}

#[test]
fn every_argument_of_every_command_is_described() {
    use clap::CommandFactory;
    fn check(command: &clap::Command, trail: &str) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            assert!(
                arg.get_help()
                    .is_some_and(|h| !h.to_string().trim().is_empty()),
                "{trail} {id} has no description"
            );
        }
        for sub in command.get_subcommands() {
            check(sub, &format!("{trail} {}", sub.get_name()));
        }
    }
    check(&dossier::cli::Args::command(), "dossier");
}
