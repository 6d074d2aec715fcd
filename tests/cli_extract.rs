//! What the headless commands say an article mentions: people and their
//! aliases, dates (of the article and in its text), related reports and
//! duplicate groups, and the recogniser's scores on tagged data. Run as a
//! user runs them: the built binary, on the bundled sample and on small
//! folders written by the tests.

use std::fs;

use serde_json::Value;

mod common;
use common::*;

fn sorted_ids(v: &Value) -> Vec<String> {
    let mut found: Vec<String> = ids(v).into_iter().map(str::to_string).collect();
    found.sort();
    found
}

/// The sample article's full id from its number.
fn sample_id(prefix: &str) -> String {
    let all = json(&["list", "--json"]);
    by_prefix(&all, prefix)["id"].as_str().unwrap().to_string()
}

/// Names of the entities of `kind` in a `show --json` article.
fn names_of_kind<'a>(article: &'a Value, kind: &str) -> Vec<&'a str> {
    rows(&article["entities"])
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| e["name"].as_str().unwrap())
        .collect()
}

/// Which of the ids start with each of the prefixes, in order.
fn prefixes(found: &[String]) -> Vec<&str> {
    found.iter().map(|id| &id[..4]).collect()
}

#[test]
fn person_query_finds_the_four_reports_naming_zelensky() {
    let found = sorted_ids(&json(&["list", "--query", "person:zelensky", "--json"]));
    assert_eq!(prefixes(&found), ["001_", "002_", "003_", "004_"]);
}

#[test]
fn trump_is_one_person_and_trumps_is_not_a_name() {
    let entities = json(&["entities", "--json"]);
    let trump = rows(&entities)
        .iter()
        .find(|e| e["name"] == "Donald Trump")
        .expect("an entity named Donald Trump");
    assert_eq!(trump["kind"], "person");
    assert!(
        rows(&trump["aliases"]).iter().any(|a| a == "Trumps"),
        "{trump}"
    );
    assert!(
        !rows(&entities).iter().any(|e| e["name"] == "Trumps"),
        "the possessive without its apostrophe is not a name of its own"
    );
    let in_001 = trump["articles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a.as_str().unwrap().starts_with("001_"));
    assert!(in_001, "{trump}");

    let a = json(&["show", &sample_id("001_"), "--json"]);
    assert!(
        names_of_kind(&a, "person").contains(&"Donald Trump"),
        "{:?}",
        names_of_kind(&a, "person")
    );
}

#[test]
fn the_moscow_meeting_names_its_people_and_not_the_teasers() {
    let a = json(&["show", &sample_id("001_"), "--json"]);
    let people = names_of_kind(&a, "person");
    for name in [
        "Vladimir Putin",
        "Steve Witkoff",
        "Jared Kushner",
        "Marco Rubio",
        "Yuri Ushakov",
    ] {
        assert!(people.contains(&name), "{name} missing from {people:?}");
    }
    let body = a["body"].as_str().unwrap();
    let furniture: String = a["furniture"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .map(|t| t.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!furniture.is_empty(), "001 has teasers taken off the page");
    // A person found only in the teaser headlines would have no word of
    // their name in the body.
    for name in &people {
        let in_body = name
            .split_whitespace()
            .filter(|w| w.chars().count() > 2)
            .any(|w| body.contains(w));
        assert!(in_body, "{name} is not in the body of 001");
    }
    // The teasers name people the report never mentions.
    for teased in ["Flavio Bolsonaro", "Ryker Webb", "Prince George"] {
        assert!(furniture.contains(teased.split(' ').next_back().unwrap()));
        assert!(
            !people
                .iter()
                .any(|p| p.contains(teased.split(' ').next_back().unwrap())),
            "{teased} in {people:?}"
        );
    }
    // Every mention is in the body, none in the furniture.
    for e in rows(&a["entities"]) {
        for m in rows(&e["mentions"]) {
            let text = m["text"].as_str().unwrap();
            assert!(body.contains(text), "{text:?} only in furniture");
        }
    }
}

#[test]
fn every_mention_is_the_body_text_at_its_byte_offsets() {
    let all = json(&["export", "--json"]);
    let mut checked = 0;
    for a in rows(&all) {
        let body = a["body"].as_str().unwrap();
        for e in rows(&a["entities"]) {
            for m in rows(&e["mentions"]) {
                let (start, end) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                let slice = body.get(start..end).unwrap_or_else(|| {
                    panic!("{}: {start}..{end} is not a slice of the body", a["id"])
                });
                assert_eq!(slice, m["text"].as_str().unwrap(), "{}", a["id"]);
                checked += 1;
            }
        }
        for d in rows(&a["dates"]) {
            let (start, end) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(body.get(start..end), d["text"].as_str(), "{}", a["id"]);
        }
    }
    assert!(checked > 50, "only {checked} mentions in the sample");
}

#[test]
fn date_queries_pick_the_month_of_each_report() {
    let april = sorted_ids(&json(&["list", "--query", "date:2025-04", "--json"]));
    assert_eq!(prefixes(&april), ["000_"]);
    let range = sorted_ids(&json(&[
        "list",
        "--query",
        "since:2025-04-01 until:2025-04-30",
        "--json",
    ]));
    assert_eq!(range, april);
    let december = sorted_ids(&json(&["list", "--query", "date:2025-12", "--json"]));
    assert_eq!(prefixes(&december), ["002_"]);
}

const DATED_FEED: &str = r#"[
  {"id": "rss", "title": "Harbour reopens", "pubDate": "Tue, 02 Dec 2025 18:00:00 GMT",
   "body": "The harbour reopened to ferries after the storm."},
  {"id": "wire", "title": "Cocoa talks", "date": "26-FEB-1987 15:14:36.41",
   "body": "Cocoa producers met in London to discuss prices."},
  {"id": "vague", "title": "Someday story", "date": "the day after tomorrow",
   "body": "Nobody knows when this was written."}
]"#;

const DATELINE_STORY: &str = "SANTIAGO 1996-12-05\n\n\
    Chile's central bank held its benchmark rate steady on Thursday, citing \
    slowing inflation and a stronger peso.\n";

#[test]
fn article_dates_come_from_fields_and_datelines() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("feed.json"), DATED_FEED).unwrap();
    fs::write(dir.path().join("santiago.txt"), DATELINE_STORY).unwrap();
    let path = dir.path().to_str().unwrap();

    let all = json(&["export", path, "--json"]);
    let rss = by_prefix(&all, "rss");
    assert_eq!(rss["date"], "2025-12-02");
    assert_eq!(rss["date_source"], "field");
    let wire = by_prefix(&all, "wire");
    assert_eq!(wire["date"], "1987-02-26");
    assert_eq!(wire["date_source"], "field");
    let vague = by_prefix(&all, "vague");
    assert_eq!(vague["date"], Value::Null, "{vague}");
    assert_eq!(vague["date_source"], "none");
    assert_eq!(vague["body"], "Nobody knows when this was written.");

    let santiago = by_prefix(&all, "santiago");
    assert_eq!(santiago["date"], "1996-12-05");
    assert_eq!(santiago["date_source"], "dateline");
    assert_eq!(santiago["dateline"], "SANTIAGO");
    let body = santiago["body"].as_str().unwrap();
    let title = santiago["title"].as_str().unwrap();
    assert!(body.starts_with("Chile's central bank"), "{body:?}");
    for text in [body, title] {
        assert!(
            !text.contains("1996-12-05") && !text.contains("SANTIAGO"),
            "{text:?}"
        );
    }

    let out = dossier(&["check", path]);
    assert_eq!(out.status.code(), Some(0), "a bad date is not an error");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("warning")
            && l.contains("feed.json")
            && l.contains("the day after tomorrow")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("ok") && l.contains("santiago.txt")),
        "{text}"
    );
}

#[test]
fn a_byline_with_a_date_is_furniture_that_dates_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let page = "Harbour workers end strike\n\
        Menu\n\
        Odile Brenner - Nov 19, 2019, 10:31 pm CST\n\
        Dock workers at Halvard returned to work on Tuesday after a week-long strike over crane automation, the union said.\n\
        The operator agreed to keep every job for three years, and talks on pay will resume next month.\n";
    fs::write(dir.path().join("strike.txt"), page).unwrap();
    let a = json(&["show", "strike", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(a["author"], "Odile Brenner", "{a}");
    assert_eq!(a["date"], "2019-11-19", "{a}");
    assert_eq!(a["date_source"], "inferred");
    assert!(!a["body"].as_str().unwrap().contains("Odile"), "{a}");
}

#[test]
fn show_resolves_relative_dates_against_the_header_date() {
    let dir = tempfile::tempdir().unwrap();
    // 2025-12-04 is a Thursday: "on Friday" in a report of that day is the
    // Friday before it.
    fs::write(
        dir.path().join("talks.txt"),
        "date 2025-12-04 Envoys met in Geneva on Friday and will meet again on 12 January 2026.\n",
    )
    .unwrap();
    let a = json(&["show", "talks", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(a["date"], "2025-12-04");
    assert_eq!(a["date_source"], "header");
    let dates = rows(&a["dates"]);
    let friday = dates
        .iter()
        .find(|d| d["text"].as_str().unwrap().contains("Friday"))
        .unwrap_or_else(|| panic!("no Friday in {dates:?}"));
    assert_eq!(friday["relative"], true);
    assert_eq!(friday["value"]["first"], "2025-11-28", "{friday}");
    assert_eq!(friday["value"]["last"], "2025-11-28");
    let january = dates
        .iter()
        .find(|d| d["text"].as_str().unwrap().contains("January"))
        .unwrap_or_else(|| panic!("no January in {dates:?}"));
    assert_eq!(january["relative"], false);
    assert_eq!(january["value"]["first"], "2026-01-12");
    assert_eq!(january["value"]["date"], "2026-01-12");
}

#[test]
fn the_moscow_meeting_and_its_rewrite_are_the_same_story() {
    let related = json(&["related", &sample_id("001_"), "--json"]);
    let first = &rows(&related)[0];
    assert!(
        first["id"].as_str().unwrap().starts_with("004_"),
        "{related}"
    );
    assert!(
        rows(&first["reasons"])
            .iter()
            .any(|r| r.as_str().unwrap().contains("same story")),
        "{first}"
    );

    let all = json(&["export", "--json"]);
    let (a001, a004) = (by_prefix(&all, "001_"), by_prefix(&all, "004_"));
    assert!(a001["duplicate_group"].is_string(), "{}", a001["id"]);
    assert_eq!(a001["duplicate_group"], a004["duplicate_group"]);
    assert_eq!(a001["duplicate_kind"], "rewrite");
    assert_eq!(a004["duplicate_kind"], "rewrite");
    for other in ["000_", "002_", "003_"] {
        assert_ne!(
            by_prefix(&all, other)["duplicate_group"],
            a001["duplicate_group"],
            "{other}"
        );
    }
}

#[test]
fn the_two_reports_of_the_april_visit_rank_each_other_first() {
    // 000 and 002 both report Witkoff's April visit to Russia (the prisoner
    // swap, the talks with Putin), though 002's header carries another date.
    for (from, to) in [("000_", "002_"), ("002_", "000_")] {
        let related = json(&["related", &sample_id(from), "--json"]);
        let first = rows(&related)[0]["id"].as_str().unwrap();
        assert!(first.starts_with(to), "{from}: {related}");
    }
}

#[test]
fn byte_identical_files_are_identical_copies() {
    let dir = tempfile::tempdir().unwrap();
    let story = "Harbour masters closed three ports along the northern coast on Monday as \
        a storm approached, and ferries to the islands were cancelled until further notice.\n\n\
        The coastguard said winds could reach 120 kilometres an hour overnight. Fishing boats \
        were told to stay in port, and the port authority opened its emergency centre.\n";
    fs::write(dir.path().join("storm.txt"), story).unwrap();
    fs::write(dir.path().join("storm-copy.txt"), story).unwrap();
    fs::write(
        dir.path().join("budget.txt"),
        "The city council approved its budget by nine votes to four after a long debate \
         about school repairs and bus fares.\n",
    )
    .unwrap();
    let all = json(&["export", dir.path().to_str().unwrap(), "--json"]);
    let (a, b) = (by_prefix(&all, "storm"), by_prefix(&all, "storm-copy"));
    assert!(a["duplicate_group"].is_string(), "{a}");
    assert_eq!(a["duplicate_group"], b["duplicate_group"]);
    assert_eq!(a["duplicate_kind"], "identical");
    assert_eq!(b["duplicate_kind"], "identical");
    assert_eq!(by_prefix(&all, "budget")["duplicate_group"], Value::Null);
}

const CONLL: &str = "-DOCSTART- -X- -X- O\n\n\
    Maria NNP B-NP B-PER\nGonzalez NNP I-NP I-PER\nflew VBD B-VP O\nto TO B-PP O\n\
    Madrid NNP B-NP B-LOC\non IN B-PP O\nMonday NNP B-NP O\n. . O O\n\n\
    Gonzalez NNP B-NP B-PER\nmet VBD B-VP O\nofficials NNS B-NP O\nfrom IN B-PP O\n\
    the DT B-NP O\nEuropean NNP I-NP B-ORG\nCommission NNP I-NP I-ORG\n. . O O\n\n\
    -DOCSTART- -X- -X- O\n\n\
    John NNP B-NP B-PER\nSmith NNP I-NP I-PER\nleft VBD B-VP O\nLondon NNP B-NP B-LOC\n\
    for IN B-PP O\nParis NNP B-NP B-LOC\n. . O O\n";

#[test]
fn eval_ner_scores_a_tagged_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.conll");
    fs::write(&file, CONLL).unwrap();
    let file = file.to_str().unwrap();

    let out = dossier(&["eval-ner", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("2 documents, 3 sentences, 23 tokens"),
        "{text}"
    );
    let person = text
        .lines()
        .find(|l| l.starts_with("person "))
        .unwrap_or_else(|| panic!("no person row in {text}"));
    // Three people in the gold tags.
    assert_eq!(person.split_whitespace().nth(1), Some("3"), "{person}");
    assert!(
        text.lines().any(|l| l.starts_with("all mentions")),
        "{text}"
    );

    let report = json(&["eval-ner", file, "--json"]);
    assert_eq!(report["documents"], 2);
    assert_eq!(report["sentences"], 3);
    assert_eq!(report["overall"]["gold"], 7);
    let kinds: Vec<&str> = rows(&report["by_kind"])
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"person"), "{kinds:?}");
    let f1 = report["overall"]["f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1), "{f1}");
}

#[test]
fn eval_ner_pipeline_scores_the_text_beside_the_tagger() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.conll");
    fs::write(&file, CONLL).unwrap();
    let file = file.to_str().unwrap();

    let report = json(&["eval-ner", file, "--pipeline", "--json"]);
    assert_eq!(report["documents"], 2);
    for side in ["tagger", "pipeline"] {
        // One surname a document: Gonzalez, then Smith.
        assert_eq!(report[side]["people_per_document"]["gold"], 2, "{side}");
        assert_eq!(report[side]["mentions"]["gold"], 7, "{side}");
        let f1 = report[side]["mentions"]["f1"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&f1), "{side}: {f1}");
    }
    let out = dossier(&["eval-ner", file, "--pipeline"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("people / document")),
        "{text}"
    );
}

#[test]
fn eval_ner_names_a_missing_file() {
    let out = dossier(&["eval-ner", "/no/such/file.conll"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/no/such/file.conll"), "{err}");
}
