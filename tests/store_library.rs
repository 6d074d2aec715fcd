//! The store as the library uses it, with the cache and the reader's state
//! in folders of each test: warm opens reuse what was recognised, an edited,
//! added or removed file is handled alone, marks follow an article's content
//! wherever its file goes, and a cache that cannot be written or read still
//! lets the corpus open.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::library::{Library, OpenOptions, Position, StoreChoice};
use dossier::store::{MarkChange, StorePaths};

/// A small folder of articles with people, places and organisations.
fn write_corpus(dir: &Path, n: usize) {
    let people = ["Maria Lopez", "Tomas Berg", "Aiko Tanaka", "Samuel Okafor"];
    let places = ["Lisbon", "Oslo", "Nairobi", "Osaka"];
    for i in 0..n {
        let p = people[i % people.len()];
        let q = people[(i + 1) % people.len()];
        let place = places[i % places.len()];
        let surname = p.split(' ').nth(1).unwrap_or(p);
        let text = format!(
            "Talks resume in {place} (report {i})\n\n\
             {p} met {q} in {place} on Tuesday to discuss the shipping agreement. \
             {surname} said the talks with the Northwind Trading Company had been useful.\n\n\
             Officials from the European Union joined them later in the day, and {q} \
             told reporters in {place} that a deal could follow within weeks.\n"
        );
        fs::write(dir.join(format!("report-{i:02}.txt")), text).unwrap();
    }
}

fn options(home: &Path) -> OpenOptions {
    OpenOptions {
        store: StoreChoice::At(StorePaths::under(home)),
        last_open: false,
    }
}

/// Every entity as a comparable line: kind, name, aliases, articles, count.
fn entity_lines(lib: &Library) -> Vec<String> {
    lib.entities()
        .entities
        .iter()
        .map(|e| {
            let ids: Vec<&str> = e
                .articles
                .iter()
                .map(|&i| lib.articles()[i as usize].id.as_str())
                .collect();
            format!(
                "{:?} {} {:?} {:?} {}",
                e.kind, e.name, e.aliases, ids, e.mentions
            )
        })
        .collect()
}

fn open(dir: &Path, home: &Path) -> Library {
    Library::open_with(&[dir.to_path_buf()], &options(home)).unwrap()
}

#[test]
fn a_warm_open_recognises_nothing_and_answers_the_same() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 6);
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    let expected = entity_lines(&fresh);
    assert!(!expected.is_empty());

    let cold = open(corpus.path(), home.path());
    assert_eq!(cold.extracted_count(), None, "nothing extracted before use");
    assert_eq!(cold.names_progress(), (0, 6));
    assert_eq!(entity_lines(&cold), expected);
    assert_eq!(cold.extracted_count(), Some(6));
    assert_eq!(cold.names_progress(), (6, 6));
    assert!(cold.store_warnings().is_empty());
    drop(cold);

    let warm = open(corpus.path(), home.path());
    assert_eq!(entity_lines(&warm), expected);
    assert_eq!(warm.extracted_count(), Some(0));
    assert_eq!(warm.names_progress(), (6, 6));
}

#[test]
fn only_an_edited_or_added_file_is_recognised_again() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 5);
    open(corpus.path(), home.path()).entities();

    fs::write(
        corpus.path().join("report-02.txt"),
        "A new headline\n\nHelena Varga arrived in Budapest on Monday for the summit.\n",
    )
    .unwrap();
    let edited = open(corpus.path(), home.path());
    let names = entity_lines(&edited);
    assert_eq!(edited.extracted_count(), Some(1));
    assert!(
        names.iter().any(|l| l.contains("Helena Varga")),
        "{names:?}"
    );
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    assert_eq!(names, entity_lines(&fresh));

    fs::write(
        corpus.path().join("added.txt"),
        "Another report\n\nKwame Mensah spoke in Accra.\n",
    )
    .unwrap();
    let added = open(corpus.path(), home.path());
    added.entities();
    assert_eq!(added.extracted_count(), Some(1));

    // Touching a file without changing it costs no recognition.
    let text = fs::read(corpus.path().join("report-00.txt")).unwrap();
    fs::write(corpus.path().join("report-00.txt"), text).unwrap();
    let touched = open(corpus.path(), home.path());
    touched.entities();
    assert_eq!(touched.extracted_count(), Some(0));
}

#[test]
fn a_removed_file_leaves_the_cache() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 4);
    open(corpus.path(), home.path()).entities();
    let paths = StorePaths::under(home.path());
    let store = dossier::store::SqliteStore::open(&paths);
    use dossier::store::Store;
    assert_eq!(store.status().unwrap().cached_files, 4);

    fs::remove_file(corpus.path().join("report-01.txt")).unwrap();
    let lib = open(corpus.path(), home.path());
    lib.entities();
    assert_eq!(lib.extracted_count(), Some(0));
    assert_eq!(store.status().unwrap().cached_files, 3);
    assert_eq!(store.status().unwrap().cached_articles, 3);
}

#[test]
fn a_star_follows_the_article_to_its_new_name() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 3);
    let lib = open(corpus.path(), home.path());
    let i = lib.find("report-01").unwrap();
    let j = lib.find("report-02").unwrap();
    assert!(!lib.is_starred(i) && !lib.is_read(i));
    lib.mark(&[i], MarkChange::Star).unwrap();
    lib.mark(&[i, j], MarkChange::Read).unwrap();
    lib.mark(&[j], MarkChange::Unread).unwrap();
    assert!(lib.is_starred(i) && lib.is_read(i) && !lib.is_read(j));
    drop(lib);

    fs::create_dir(corpus.path().join("kept")).unwrap();
    fs::rename(
        corpus.path().join("report-01.txt"),
        corpus.path().join("kept/renamed.txt"),
    )
    .unwrap();
    let lib = open(corpus.path(), home.path());
    let moved = lib.find("renamed").unwrap();
    assert!(lib.is_starred(moved));
    assert!(lib.is_read(moved));
    assert!(!lib.is_read(lib.find("report-02").unwrap()));
    let starred = lib.query("is:starred").unwrap();
    let ids: Vec<&str> = starred
        .iter()
        .map(|&i| lib.articles()[i].id.as_str())
        .collect();
    assert_eq!(ids, ["renamed"]);
    assert_eq!(lib.query("is:unread").unwrap().len(), 2);
    assert_eq!(lib.query("is:read").unwrap().len(), 1);

    lib.mark(&[moved], MarkChange::Unstar).unwrap();
    assert!(lib.query("is:starred").unwrap().is_empty());
}

#[test]
fn reader_terms_without_a_store_are_an_error() {
    let lib = Library::open(&[]).unwrap();
    let e = lib.query("is:unread").unwrap_err().to_string();
    assert!(e.contains("no reader state"), "{e}");
    assert!(!lib.is_read(0));
    assert!(lib.mark(&[0], MarkChange::Read).is_err());
}

#[test]
fn the_last_position_comes_back_for_the_same_folders() {
    let corpus = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 3);
    write_corpus(other.path(), 2);
    let lib = open(corpus.path(), home.path());
    assert_eq!(lib.last_position(), None);
    let at = lib.find("report-02").unwrap();
    let pos = Position {
        article: Some(at),
        scroll: 12,
        filter: "person:lopez".into(),
    };
    lib.save_position(&pos).unwrap();
    drop(lib);
    let lib = open(corpus.path(), home.path());
    assert_eq!(lib.last_position(), Some(pos));
    assert_eq!(open(other.path(), home.path()).last_position(), None);
}

#[test]
fn an_unwritable_cache_folder_is_one_warning_and_the_corpus_opens() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 2);
    // A file where the folders should be: nothing can be created there.
    let blocked = home.path().join("blocked");
    fs::write(&blocked, "not a folder").unwrap();
    let paths = StorePaths {
        cache_dir: blocked.join("cache"),
        data_dir: blocked.join("data"),
    };
    let lib = Library::open_with(
        &[corpus.path().to_path_buf()],
        &OpenOptions {
            store: StoreChoice::At(paths),
            last_open: false,
        },
    )
    .unwrap();
    let warnings = lib.store_warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|w| w.contains("runs without it")));
    assert!(!entity_lines(&lib).is_empty());
    assert_eq!(lib.extracted_count(), Some(2));
    assert!(lib.store_warnings().is_empty(), "each warning is said once");
    assert!(lib.mark(&[0], MarkChange::Star).is_err());
}

#[test]
fn a_damaged_cache_is_set_aside_and_rebuilt() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 2);
    let paths = StorePaths::under(home.path());
    fs::create_dir_all(&paths.cache_dir).unwrap();
    fs::write(paths.cache_file(), vec![0x5a; 8192]).unwrap();
    let lib = open(corpus.path(), home.path());
    let warnings = lib.store_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("damaged"), "{warnings:?}");
    lib.entities();
    assert_eq!(lib.extracted_count(), Some(2));
    let aside: Vec<PathBuf> = fs::read_dir(&paths.cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), vec![0x5a; 8192]);
    drop(lib);
    let warm = open(corpus.path(), home.path());
    warm.entities();
    assert_eq!(warm.extracted_count(), Some(0));
    assert!(warm.store_warnings().is_empty());
}

/// Every article as a comparable line, every field, with the body's text
/// as the library reads it (a body kept in the cache is read from there).
fn article_lines(lib: &Library) -> Vec<String> {
    lib.articles()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut a = a.clone();
            a.body = lib.body(i).into_owned().into();
            format!("{a:?}")
        })
        .collect()
}

fn problem_lines(lib: &Library) -> Vec<String> {
    lib.corpus.problems().filter_map(|f| f.message()).collect()
}

#[test]
fn a_warm_open_reads_no_file_and_loads_the_same_articles() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 5);
    fs::write(
        corpus.path().join("wire.json"),
        r#"[{"title": "Grain", "text": "LONDON, March 3 - Wheat rose.", "url": "https://example.com/g"},
            {"title": "Oil", "text": "Prices fell on Monday, 4 March 2024.", "topics": ["crude"]}]"#,
    )
    .unwrap();
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    let cold = open(corpus.path(), home.path());
    assert_eq!(cold.files_read(), 6);
    assert_eq!(article_lines(&cold), article_lines(&fresh));
    drop(cold);
    let warm = open(corpus.path(), home.path());
    assert_eq!(warm.files_read(), 0);
    assert_eq!(article_lines(&warm), article_lines(&fresh));
    assert_eq!(entity_lines(&warm), entity_lines(&fresh));
    assert!(warm.store_warnings().is_empty());
}

#[test]
fn only_an_edited_or_added_file_is_read_again() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 5);
    assert_eq!(open(corpus.path(), home.path()).files_read(), 5);

    // Same size, new words: the times tell.
    let path = corpus.path().join("report-03.txt");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Tuesday", "Fridayy")).unwrap();
    fs::write(
        corpus.path().join("added.txt"),
        "Another report\n\nKwame Mensah spoke in Accra.\n",
    )
    .unwrap();
    let edited = open(corpus.path(), home.path());
    assert_eq!(edited.files_read(), 2);
    assert_eq!(
        article_lines(&edited),
        article_lines(&Library::open(&[corpus.path().to_path_buf()]).unwrap())
    );
    assert!(
        edited
            .articles()
            .iter()
            .any(|a| a.body.read().contains("Fridayy"))
    );
    drop(edited);

    fs::remove_file(corpus.path().join("report-00.txt")).unwrap();
    let removed = open(corpus.path(), home.path());
    assert_eq!(removed.files_read(), 0);
    assert_eq!(removed.articles().len(), 5);
    assert!(removed.find("report-00").is_none());
}

#[test]
fn a_file_that_failed_still_warns_on_a_warm_open() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 2);
    fs::write(corpus.path().join("bad.json"), "{ not json").unwrap();
    fs::write(corpus.path().join("empty.txt"), "").unwrap();
    fs::write(
        corpus.path().join("latin.txt"),
        b"Prices\n\nCosts \xa3100 now.\n",
    )
    .unwrap();
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    let expected = problem_lines(&fresh);
    assert_eq!(expected.len(), 3, "{expected:?}");
    assert!(expected.iter().any(|m| m.contains("bad.json")));

    let cold = open(corpus.path(), home.path());
    assert_eq!(problem_lines(&cold), expected);
    drop(cold);
    let warm = open(corpus.path(), home.path());
    assert_eq!(warm.files_read(), 0);
    assert_eq!(problem_lines(&warm), expected);
    assert_eq!(warm.corpus.error_count(), 1);
    assert_eq!(article_lines(&warm), article_lines(&fresh));
}

#[test]
fn a_warm_open_leaves_bodies_in_the_cache_and_reads_them_when_asked() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 6);
    // A clipped page: its furniture is kept with its body.
    fs::write(
        corpus.path().join("clipped.txt"),
        "Harbour fees rise in Bergen\n\n4 min read\n\nThe port raised its fees on Monday, \
         the harbour office said.\n\nShare this article\n",
    )
    .unwrap();
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    let cold = open(corpus.path(), home.path());
    // Just read from their files, the bodies are in memory.
    assert!(cold.articles().iter().all(|a| a.body.text().is_some()));
    drop(cold);
    let warm = open(corpus.path(), home.path());
    assert!(warm.articles().iter().all(|a| a.body.text().is_none()));
    let texts: Vec<String> = fresh
        .articles()
        .iter()
        .map(|a| a.body.as_str().to_string())
        .collect();
    let read: Vec<String> = (0..warm.articles().len())
        .map(|i| warm.body(i).into_owned())
        .collect();
    assert_eq!(read, texts);
    let all: Vec<String> = warm.bodies().into_iter().map(|b| b.into_owned()).collect();
    assert_eq!(all, texts);
    // Words, phrases, the reading view's dates and the side panel's view
    // answer as they do over bodies in memory.
    for q in [
        "\"shipping agreement\"",
        "officials",
        "\"met tomas berg\"",
        "-useful",
    ] {
        assert_eq!(warm.query(q).unwrap(), fresh.query(q).unwrap(), "{q}");
    }
    for i in 0..texts.len() {
        assert_eq!(warm.date_mentions(i), fresh.date_mentions(i));
        let (w, f) = (warm.article_view(i), fresh.article_view(i));
        assert_eq!((w.body, w.words, w.title), (f.body, f.words, f.title));
        assert_eq!(w.furniture, f.furniture);
        assert_eq!(
            *warm.articles()[i].body.furniture(),
            *fresh.articles()[i].body.furniture()
        );
    }
    assert!(
        fresh
            .articles()
            .iter()
            .any(|a| a.body.furniture().len() >= 2),
        "the clipped page has furniture"
    );
    assert!(warm.store_warnings().is_empty());
}

#[test]
fn opening_never_writes_to_the_article_files() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 3);
    fs::write(corpus.path().join("bad.json"), "{ not json").unwrap();
    let snapshot = |dir: &Path| {
        let mut files: Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let meta = fs::metadata(&p).unwrap();
                (p.clone(), fs::read(&p).unwrap(), meta.modified().unwrap())
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(corpus.path());
    for _ in 0..2 {
        let lib = open(corpus.path(), home.path());
        lib.entities();
        lib.mark(&[0], MarkChange::Star).unwrap();
    }
    assert_eq!(snapshot(corpus.path()), before);
}

#[test]
fn the_same_folder_by_another_name_keeps_its_paths() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 2);
    open(corpus.path(), home.path());
    let other = corpus
        .path()
        .join("..")
        .join(corpus.path().file_name().unwrap());
    let lib = open(&other, home.path());
    assert_eq!(lib.files_read(), 0);
    assert!(
        lib.articles()
            .iter()
            .all(|a| a.path.starts_with(&other.display().to_string())),
        "{:?}",
        lib.articles()[0].path
    );
}

#[test]
fn a_warm_search_answers_as_a_fresh_one_and_follows_an_edit() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 6);
    // Files changed a moment ago cannot vouch for their content by their
    // times alone, and the whole set's index is kept only once they can.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let queries = [
        "lisbon",
        "tal",
        "-oslo",
        "\"shipping agreement\"",
        "title:report",
    ];
    let answers = |lib: &Library| -> Vec<Vec<usize>> {
        queries.iter().map(|q| lib.query(q).unwrap()).collect()
    };
    let fresh = answers(&Library::open(&[corpus.path().to_path_buf()]).unwrap());
    assert_eq!(answers(&open(corpus.path(), home.path())), fresh);
    assert_eq!(answers(&open(corpus.path(), home.path())), fresh);

    fs::write(
        corpus.path().join("report-04.txt"),
        "Harbour news\n\nA ferry left Lisbon for Madeira at dawn.\n",
    )
    .unwrap();
    let edited = open(corpus.path(), home.path());
    let madeira = edited.query("madeira").unwrap();
    assert_eq!(madeira, [edited.find("report-04").unwrap()]);
    assert_eq!(
        answers(&edited),
        answers(&Library::open(&[corpus.path().to_path_buf()]).unwrap())
    );
}

/// Every article's related reports and duplicate group, by id, as lines.
fn related_lines(lib: &Library) -> Vec<String> {
    let ids = |i: usize| lib.articles()[i].id.clone();
    (0..lib.articles().len())
        .map(|a| {
            let related: Vec<String> = lib
                .related(a, 5)
                .into_iter()
                .map(|r| format!("{} {:.4} {}", ids(r.doc), r.score, r.reason_line()))
                .collect();
            let group = lib
                .related_index()
                .duplicate_group(a)
                .map(|g| (ids(g.id), g.kind));
            format!("{}: {related:?} {group:?}", ids(a))
        })
        .collect()
}

#[test]
fn related_reports_are_worked_out_once_and_read_back_after() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_corpus(corpus.path(), 6);
    // A rewrite of one report and an identical copy of another, so the
    // reasons compare wording and the groups are not empty.
    let first = fs::read_to_string(corpus.path().join("report-01.txt")).unwrap();
    fs::write(corpus.path().join("copy.txt"), &first).unwrap();
    let third = fs::read_to_string(corpus.path().join("report-03.txt")).unwrap();
    fs::write(
        corpus.path().join("rewrite.txt"),
        third
            .replacen("Tuesday", "Wednesday", 1)
            .replacen("useful", "helpful", 1),
    )
    .unwrap();
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    let expected = related_lines(&fresh);
    assert!(!fresh.related_index().groups().is_empty());
    assert_eq!(fresh.related_built(), Some(true));

    let cold = open(corpus.path(), home.path());
    assert_eq!(cold.related_built(), None, "nothing worked out before use");
    assert_eq!(related_lines(&cold), expected);
    assert_eq!(cold.related_built(), Some(true));
    drop(cold);

    let warm = open(corpus.path(), home.path());
    assert_eq!(related_lines(&warm), expected);
    assert_eq!(warm.related_built(), Some(false));
    drop(warm);

    // Any change to the corpus works them out again.
    fs::remove_file(corpus.path().join("copy.txt")).unwrap();
    let changed = open(corpus.path(), home.path());
    let fresh = Library::open(&[corpus.path().to_path_buf()]).unwrap();
    assert_eq!(related_lines(&changed), related_lines(&fresh));
    assert_eq!(changed.related_built(), Some(true));
}

fn open_last(dir: &Path, home: &Path) -> Library {
    let options = OpenOptions {
        last_open: true,
        ..options(home)
    };
    Library::open_with(&[dir.to_path_buf()], &options).unwrap()
}

#[test]
fn the_last_open_comes_back_whole_without_a_file_read_and_knows_a_change() {
    let corpus = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let paths = [corpus.path().to_path_buf()];
    write_corpus(corpus.path(), 4);
    fs::write(
        corpus.path().join("wire.json"),
        r#"[{"title": "Grain", "text": "LONDON, March 3 - Wheat rose.", "url": "https://example.com/g"},
            {"title": "Oil", "text": "Prices fell on Monday, 4 March 2024.", "topics": ["crude"]}]"#,
    )
    .unwrap();
    fs::write(corpus.path().join("bad.json"), "{ not json").unwrap();
    fs::write(corpus.path().join("empty.txt"), "").unwrap();
    // Only files that can vouch for their content by their times make a
    // set whose last open is kept.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let fresh = Library::open(&paths).unwrap();

    // Nothing kept yet: the first open reads the files, keeps their
    // outcomes, and then itself as the last open; the next comes back
    // from it, its bodies read where the first open kept them.
    let cold = open_last(corpus.path(), home.path());
    assert!(!cold.opened_from_last());
    assert_eq!(cold.files_read(), 7);
    cold.keep_last_open();
    drop(cold);
    let last = open_last(corpus.path(), home.path());
    assert!(last.opened_from_last());
    assert_eq!(last.files_read(), 0);
    assert_eq!(article_lines(&last), article_lines(&fresh));
    assert_eq!(problem_lines(&last), problem_lines(&fresh));
    assert_eq!(entity_lines(&last), entity_lines(&fresh));
    assert_eq!(
        last.query("lisbon").unwrap(),
        fresh.query("lisbon").unwrap()
    );
    assert!(last.still_current(&paths));
    // An open that looked at the files is current by itself.
    assert!(open(corpus.path(), home.path()).still_current(&paths));

    // An edit, an added file and a removed one are each seen.
    let edited = corpus.path().join("report-02.txt");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("Tuesday", "Fridayy")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(!last.still_current(&paths));
    fs::write(&edited, text).unwrap();
    fs::write(corpus.path().join("added.txt"), "More\n\nA note.\n").unwrap();
    assert!(!last.still_current(&paths));
    fs::remove_file(corpus.path().join("added.txt")).unwrap();
    fs::remove_file(corpus.path().join("report-00.txt")).unwrap();
    assert!(!last.still_current(&paths));
    drop(last);

    // Opened again from the files, the change is kept for the next open.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let now = Library::open(&paths).unwrap();
    let reopened = open_last(corpus.path(), home.path());
    assert!(reopened.opened_from_last());
    assert!(!reopened.still_current(&paths));
    drop(reopened);
    let verified = open(corpus.path(), home.path());
    assert_eq!(verified.files_read(), 1);
    verified.keep_last_open();
    drop(verified);
    let last = open_last(corpus.path(), home.path());
    assert!(last.opened_from_last());
    assert!(last.still_current(&paths));
    assert_eq!(article_lines(&last), article_lines(&now));
    assert!(last.find("report-00").is_none());
}

#[test]
fn a_large_write_leaves_no_large_log_behind() {
    use dossier::store::Store;
    let home = tempfile::tempdir().unwrap();
    let paths = StorePaths::under(home.path());
    let store = dossier::store::SqliteStore::open(&paths);
    // Past the size from which the log is emptied, in lists as a record's
    // are written.
    let mut lists = (0..40u64).map(|i| (i, vec![i as u8; 1 << 20]));
    assert!(store.save_record(&[7; 32], b"head", &mut lists).unwrap());
    let mut wal = paths.cache_file().into_os_string();
    wal.push("-wal");
    let log = fs::metadata(&wal).map_or(0, |m| m.len());
    assert!(log < 1 << 20, "the log is {log} bytes");
    // What was written is all there.
    let mut read = 0;
    store
        .read_lists(&[7; 32], &(0..40).collect::<Vec<u64>>(), &mut |i, b| {
            assert_eq!(b.len(), 1 << 20);
            assert!(b.iter().all(|&x| x == i as u8));
            read += 1;
        })
        .unwrap();
    assert_eq!(read, 40);
}
