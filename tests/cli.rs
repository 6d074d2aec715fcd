//! The headless commands, run as a user runs them: the built binary, on the
//! bundled sample and on small folders written by the tests.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::*;

#[test]
fn list_shows_the_sample_with_titles_and_header_dates() {
    let rows = json(&["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 5);
    for row in rows.as_array().unwrap() {
        for key in [
            "id",
            "path",
            "title",
            "title_source",
            "date",
            "date_source",
            "author",
            "source",
        ] {
            assert!(row.get(key).is_some(), "list row lacks {key}: {row}");
        }
    }
    let a001 = by_prefix(&rows, "001_");
    assert_eq!(
        a001["title"],
        "Putin holds over 4-hour meeting with Witkoff and Kushner."
    );
    assert_eq!(a001["title_source"], "headline");
    let a003 = by_prefix(&rows, "003_");
    assert_eq!(a003["title"], "Witkoff meets Putin in Moscow");
    let a000 = by_prefix(&rows, "000_");
    assert_eq!(a000["date"], "2025-04-11");
    assert_eq!(a000["date_source"], "header");
    assert_eq!(a000["title_source"], "derived");
    assert!(!a000["title"].as_str().unwrap().contains("date 2025"));
    let a002 = by_prefix(&rows, "002_");
    assert_eq!(a002["date"], "2025-12-04");
    assert_eq!(a002["date_source"], "header");
}

#[test]
fn the_query_kushner_finds_exactly_the_two_reports_that_mention_him() {
    let rows = json(&["list", "--query", "kushner", "--json"]);
    let mut found = ids(&rows);
    found.sort();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("001_") && found[1].starts_with("004_"),
        "{found:?}"
    );
}

#[test]
fn show_gives_a_clean_body_and_the_removed_furniture() {
    let all = json(&["list", "--json"]);
    let id = by_prefix(&all, "001_")["id"].as_str().unwrap().to_string();
    let a = json(&["show", &id, "--json"]);
    let body = a["body"].as_str().unwrap();
    assert!(
        body.starts_with("Russian President Vladimir Putin hosted"),
        "{}",
        &body[..80]
    );
    for junk in [
        "Views",
        "min read",
        "Share",
        "seconds ago",
        "Author:",
        "Last update",
    ] {
        assert!(!body.contains(junk), "body still has {junk:?}");
    }
    assert_eq!(a["author"], "Sophia Brooks");
    assert_eq!(a["dateline"], "MOSCOW");
    assert!(
        a["furniture"]["teaser"]
            .as_array()
            .is_some_and(|t| t.len() >= 5)
    );
    assert!(a["words"].as_u64().unwrap() > 500);
}

#[test]
fn no_sample_body_keeps_page_furniture() {
    let all = json(&["export", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 5);
    for a in all.as_array().unwrap() {
        let body = a["body"].as_str().unwrap();
        for junk in ["Views", "Share", "min read", "minutes ago"] {
            assert!(!body.contains(junk), "{}: body has {junk:?}", a["id"]);
        }
        assert!(!body.starts_with("date "), "{}", a["id"]);
    }
    let a004 = by_prefix(&all, "004_");
    assert_eq!(a004["source"], "Reuters");
    assert!(
        !a004["body"]
            .as_str()
            .unwrap()
            .trim_end()
            .ends_with("Reuters")
    );
}

#[test]
fn text_output_is_readable_and_has_no_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("evil.txt"),
        "Headline with \u{1b}[31mred\u{1b}[0m\n\nBody that tries \u{1b}]0;pwned\u{7} to set the title and clear \u{1b}[2J the screen.",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["list", path],
        vec!["show", "evil", path],
        vec!["export", path],
    ] {
        let out = dossier(&args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn check_reports_every_file_and_fails_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "A perfectly ordinary article.").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Price \xa3100 rises.").unwrap();
    fs::write(dir.path().join("broken.json"), "[{\"title\": ").unwrap();
    let out = dossier(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("ok") && l.contains("good.txt")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("warning") && l.contains("latin1.txt") && l.contains("UTF-8")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("error")
            && l.contains("broken.json")
            && l.contains("invalid JSON")),
        "{text}"
    );

    fs::remove_file(dir.path().join("broken.json")).unwrap();
    let out = dossier(&["check", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let files: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(files.as_array().unwrap().len(), 2);
}

#[test]
fn bad_paths_ids_and_queries_get_one_line_messages() {
    let out = dossier(&["list", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim(),
        "dossier: /no/such/folder: no such file or folder"
    );

    let out = dossier(&["show", "no-such-id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no article with id")
    );

    let out = dossier(&["list", "--query", "colour:red"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown field 'colour:'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
}

#[test]
fn json_and_jsonl_folders_load_with_stable_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("feed.json"),
        r#"[{"headline": "Ministers meet", "body": "They met.", "published": "2025-04-11T09:00:00Z"},
            {"id": "x-1", "title": "Second", "content": "More."}]"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("wire.jsonl"),
        "{\"title\": \"One\", \"text\": \"First.\"}\n{\"title\": \"Two\", \"text\": \"Second.\"}\n",
    )
    .unwrap();
    let rows = json(&["list", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(ids(&rows), ["feed#1", "x-1", "wire#1", "wire#2"]);
    assert_eq!(rows[0]["date"], "2025-04-11");
    assert_eq!(rows[0]["date_source"], "field");
    assert!(Path::new(rows[2]["path"].as_str().unwrap()).ends_with("wire.jsonl"));
}

/// The reader's list for a sort and fold, as the screen shows it.
fn reader_rows(query: &str, sort: dossier::index::Sort, fold: bool) -> Vec<String> {
    use dossier::library::{Library, Readiness};
    use dossier::tui::app::App;
    let lib = std::sync::Arc::new(Library::open(&[]).expect("the sample opens"));
    lib.related_index();
    let mut app = App::new(std::sync::Arc::clone(&lib));
    app.background_ready(Readiness::Related);
    app.set_filter(query.to_string());
    while app.sort() != sort {
        app.update(dossier::tui::keys::Action::CycleSort);
    }
    if fold {
        app.update(dossier::tui::keys::Action::ToggleGroups);
    }
    app.list()
        .shown()
        .iter()
        .map(|&i| lib.articles()[i].id.clone())
        .collect()
}

#[test]
fn list_sorts_and_folds_copies_as_the_reader_does() {
    use dossier::index::Sort;
    for (query, sort, fold) in [
        ("", Sort::Date, true),
        ("", Sort::Title, false),
        ("putin", Sort::Relevance, true),
        ("-kushner", Sort::Date, false),
    ] {
        let query_arg = format!("--query={query}");
        let mut args = vec!["list", "--json", "--sort", sort.name(), &query_arg];
        if fold {
            args.push("--fold-copies");
        }
        let cli = json(&args);
        let cli: Vec<&str> = ids(&cli);
        let reader = reader_rows(query, sort, fold);
        assert_eq!(cli, reader, "{query:?} {sort:?} fold {fold}");
        if fold {
            // The sample's two reports of the long Kremlin meeting are one row.
            assert_eq!(cli.len(), if query.is_empty() { 4 } else { cli.len() });
        }
    }
    let dated = json(&["list", "--json", "--sort", "date"]);
    let dates: Vec<&str> = rows(&dated)
        .iter()
        .filter_map(|r| r["date"].as_str())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "newest first");
}

#[test]
fn config_default_is_a_config_that_checks_clean() {
    let out = dossier(&["config", "default"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[keys]\n") && text.contains("[theme]\n"));
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("config.toml");
    std::fs::write(&good, &text).unwrap();
    let out = dossier(&["config", "check", good.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[keys]\nquit = [\"x\"]\nleap = [\"y\"]\n").unwrap();
    let out = dossier(&["config", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:3: keys.leap: no such action"),
        "{err}"
    );
}
