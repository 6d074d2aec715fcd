//! What dossier keeps between runs, as a user meets it: the built binary
//! with its cache and reader state in folders of each test. Warm output is
//! cold output, marks survive renames, a damaged database is set aside, two
//! processes share the store, and a process killed while writing leaves a
//! store the next run opens and trusts correctly.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(args)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"));
    c
}

fn run(home: &Path, args: &[&str]) -> Output {
    command(home, args)
        .output()
        .expect("the dossier binary runs")
}

fn ok(home: &Path, args: &[&str]) -> Output {
    let out = run(home, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(home: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&ok(home, args).stdout).expect("JSON on stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Articles with names in them, written for these tests.
fn write_corpus(dir: &Path, n: usize) {
    let people = [
        "Lena Fischer",
        "Omar Haddad",
        "Priya Raman",
        "Jonas Weber",
        "Chen Wei",
    ];
    let places = ["Hamburg", "Amman", "Chennai", "Vienna", "Shanghai"];
    for i in 0..n {
        let p = people[i % people.len()];
        let q = people[(i + 2) % people.len()];
        let place = places[(i / 2) % places.len()];
        let text = format!(
            "Port strike enters day {i}\n\n\
             {p} told the Harbour Workers Union in {place} that {q} would join the talks. \
             The union said talks with the Atlantic Freight Corporation had stalled.\n\n\
             {q} arrived in {place} late on Wednesday, according to the Ministry of Transport.\n"
        );
        fs::write(dir.join(format!("strike-{i:03}.txt")), text).unwrap();
    }
}

fn dir_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn warm_output_is_cold_output() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 8);
    let d = dir_str(corpus.path());
    let fresh = ok(home.path(), &["entities", d, "--json", "--no-cache"]);
    let before = ok(home.path(), &["--no-cache", "entities", d, "--json"]);
    assert_eq!(before.stdout, fresh.stdout);
    assert!(
        !home.path().join("cache").exists(),
        "--no-cache keeps nothing"
    );
    let cold = ok(home.path(), &["entities", d, "--json"]);
    let warm = ok(home.path(), &["entities", d, "--json"]);
    assert_eq!(cold.stdout, fresh.stdout);
    assert_eq!(warm.stdout, cold.stdout);
    assert!(stderr(&warm).is_empty(), "{}", stderr(&warm));
    let v: Value = serde_json::from_slice(&warm.stdout).unwrap();
    assert!(v.as_array().unwrap().len() > 3);
    let status = json(home.path(), &["cache", "status", "--json"]);
    assert_eq!(status["cached_files"], 8);
    assert_eq!(status["cached_articles"], 8);
    let shown = ok(home.path(), &["cache", "status"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("8 articles"));
    ok(home.path(), &["cache", "clear"]);
    let status = json(home.path(), &["cache", "status", "--json"]);
    assert_eq!(status["cached_articles"], 0);
    let again = ok(home.path(), &["entities", d, "--json"]);
    assert_eq!(again.stdout, cold.stdout);
}

#[test]
fn marks_survive_a_rename_and_filter_the_list() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 4);
    let d = dir_str(corpus.path());
    ok(
        home.path(),
        &["mark", "strike-001", "strike-003", d, "--star"],
    );
    ok(home.path(), &["mark", "strike-001", d, "--read"]);
    fs::rename(
        corpus.path().join("strike-001.txt"),
        corpus.path().join("moved.txt"),
    )
    .unwrap();
    let ids = |v: Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let starred = json(home.path(), &["list", d, "--query", "is:starred", "--json"]);
    assert_eq!(ids(starred), ["moved", "strike-003"]);
    let unread = json(home.path(), &["list", d, "--query", "is:unread", "--json"]);
    assert_eq!(ids(unread), ["strike-000", "strike-002", "strike-003"]);
    ok(home.path(), &["mark", "moved", d, "--unstar"]);
    let starred = json(home.path(), &["list", d, "--query", "is:starred", "--json"]);
    assert_eq!(ids(starred), ["strike-003"]);

    let unknown = run(home.path(), &["mark", "nosuch", d, "--read"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no article with id"));
    let no_mark = run(home.path(), &["mark", "moved", d]);
    assert_eq!(no_mark.status.code(), Some(2));
    let bad = run(home.path(), &["list", d, "--query", "is:loved"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a mark"), "{}", stderr(&bad));
}

#[test]
fn a_damaged_database_is_set_aside_and_the_run_succeeds() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 3);
    let d = dir_str(corpus.path());
    let reference = ok(home.path(), &["entities", d, "--json", "--no-cache"]);
    let cache = home.path().join("cache/dossier");
    let state = home.path().join("data/dossier");
    fs::create_dir_all(&cache).unwrap();
    fs::create_dir_all(&state).unwrap();
    fs::write(
        cache.join("cache.sqlite3"),
        "this is not a database, just text ".repeat(200),
    )
    .unwrap();
    fs::write(state.join("state.sqlite3"), [0xffu8; 4096]).unwrap();
    let out = ok(home.path(), &["entities", d, "--json"]);
    assert_eq!(out.stdout, reference.stdout);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 2, "one line per database: {err}");
    assert!(
        err.lines()
            .all(|l| l.contains("damaged") && l.contains(".corrupt-")),
        "{err}"
    );
    for dir in [&cache, &state] {
        let aside = fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".corrupt-")
            })
            .count();
        assert_eq!(aside, 1);
    }
    let warm = ok(home.path(), &["entities", d, "--json"]);
    assert_eq!(warm.stdout, reference.stdout);
    assert!(stderr(&warm).is_empty(), "{}", stderr(&warm));
}

#[test]
fn two_processes_at_once_both_work() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 12);
    let d = dir_str(corpus.path());
    let reference = ok(home.path(), &["entities", d, "--json", "--no-cache"]);
    let spawn = |args: &[&str]| -> Child {
        command(home.path(), args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn(&["entities", d, "--json"]);
    let b = spawn(&["entities", d, "--json"]);
    let c = spawn(&["mark", "strike-004", d, "--star"]);
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(out.stdout, reference.stdout);
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
    let out = c.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let starred = json(home.path(), &["list", d, "--query", "is:starred", "--json"]);
    assert_eq!(starred.as_array().unwrap().len(), 1);
    let warm = ok(home.path(), &["entities", d, "--json"]);
    assert_eq!(warm.stdout, reference.stdout);
}

#[test]
fn a_process_killed_mid_run_leaves_a_store_the_next_run_trusts() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 40);
    let d = dir_str(corpus.path());
    let started = Instant::now();
    let reference = ok(home.path(), &["entities", d, "--json", "--no-cache"]);
    let whole = started.elapsed();
    // Kill runs at points spread over a cold run, each on the store the
    // last one left (its cache cleared first, so each one writes).
    for tenth in [2u32, 5, 8, 9, 10] {
        ok(home.path(), &["cache", "clear"]);
        let mut child = command(home.path(), &["entities", d, "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * tenth / 10);
        let _ = child.kill();
        let _ = child.wait();
        let out = ok(home.path(), &["entities", d, "--json"]);
        assert_eq!(out.stdout, reference.stdout, "after a kill at {tenth}/10");
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
        let status = json(home.path(), &["cache", "status", "--json"]);
        assert_eq!(status["cached_articles"], 40);
    }
    // Kill runs the moment their write to the cache begins: the write-ahead
    // log, emptied by `cache clear`, starts to grow.
    let wal = home.path().join("cache/dossier/cache.sqlite3-wal");
    for _ in 0..3 {
        ok(home.path(), &["cache", "clear"]);
        let mut child = command(home.path(), &["entities", d, "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + whole * 20;
        while fs::metadata(&wal).map_or(0, |m| m.len()) == 0
            && child.try_wait().unwrap().is_none()
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill();
        let _ = child.wait();
        let out = ok(home.path(), &["entities", d, "--json"]);
        assert_eq!(out.stdout, reference.stdout);
        let status = json(home.path(), &["cache", "status", "--json"]);
        assert_eq!(status["cached_articles"], 40);
    }
}
