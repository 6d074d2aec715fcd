//! Following a story on the bundled sample: what a rewrite adds, who said
//! what, and one person's timeline, through the headless commands.

use serde_json::Value;

mod common;
use common::*;

const FIRST: &str = "001_1831ea2d1c6214bc";
const REWRITE: &str = "004_e22469ffeb4bddb2";

fn texts(v: &Value) -> Vec<&str> {
    rows(v).iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn a_rewrite_adds_few_sentences_and_none_the_first_has() {
    let d = json(&["diff", FIRST, REWRITE, "--json"]);
    let first = json(&["show", FIRST, "--json"]);
    let body = first["body"].as_str().unwrap();
    let added = texts(&d["added"]);
    assert!(
        added.contains(&"“There will be no simple answer,” he said."),
        "{added:?}"
    );
    for s in &added {
        assert!(!body.contains(s), "added but in the first version: {s}");
    }
    // The two are one wire story retold: most sentences pair up.
    let changed = rows(&d["changed"]);
    assert!(changed.len() > 3 * added.len(), "{d}");
    for c in changed {
        assert!(c["a"].is_string() && c["b"].is_string());
    }
    let all_new: Vec<&str> = changed
        .iter()
        .flat_map(|c| rows(&c["new_names"]))
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(all_new.contains(&"Kirill Dmitriev"), "{all_new:?}");
    assert!(all_new.contains(&"Maidan Revolution"), "{all_new:?}");
}

#[test]
fn an_article_against_itself_is_all_shared() {
    let d = json(&["diff", REWRITE, REWRITE, "--json"]);
    assert!(rows(&d["added"]).is_empty());
    assert!(rows(&d["removed"]).is_empty());
    assert!(rows(&d["changed"]).is_empty());
    assert!(d["shared"].as_u64().unwrap() > 20);
}

#[test]
fn diff_names_a_missing_article() {
    let out = dossier(&["diff", FIRST, "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch"));
}

#[test]
fn quotes_have_speakers_split_and_pronoun_ones_inferred() {
    let q = json(&["quotes", "--article", REWRITE, "--json"]);
    let find = |start: &str| {
        rows(&q)
            .iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start}: {q}"))
    };
    let magnificent = find("It is a magnificent city");
    assert_eq!(magnificent["speaker"], "Steve Witkoff");
    assert_eq!(magnificent["kind"], "direct");
    assert_eq!(magnificent["inferred"], false);
    // “…,” he said. “…” — a pronoun, then the second half of the quote.
    for start in ["There will be no simple answer", "What matters is"] {
        let r = find(start);
        assert!(r["speaker"].as_str().unwrap().contains("Zelensk"), "{r}");
        assert_eq!(r["inferred"], true);
    }
    let reported = find("Witkoff’s mission");
    assert_eq!(reported["speaker"], "Marco Rubio");
    assert_eq!(reported["kind"], "reported");
    let body = json(&["show", REWRITE, "--json"])["body"]
        .as_str()
        .unwrap()
        .to_string();
    for r in rows(&q) {
        let (s, e) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        assert_eq!(&body[s as usize..e as usize], r["text"].as_str().unwrap());
    }
}

#[test]
fn quotes_of_one_person() {
    let q = json(&["quotes", "--person", "peskov", "--json"]);
    assert!(rows(&q).len() >= 2, "{q}");
    assert!(rows(&q).iter().all(|r| r["speaker"] == "Dmitry Peskov"));
    assert!(rows(&q).iter().any(|r| r["text"] == "Maybe"), "{q}");
}

#[test]
fn a_timeline_is_in_date_order_with_its_sentences() {
    let t = json(&["timeline", "--entity", "Steve Witkoff", "--json"]);
    let rows = rows(&t);
    assert!(rows.len() >= 5, "{t}");
    let firsts: Vec<&str> = rows.iter().map(|r| r["first"].as_str().unwrap()).collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
    for r in rows {
        assert!(r["sentence"].as_str().unwrap().contains("Witkoff"), "{r}");
        assert!(["mention", "article"].contains(&r["source"].as_str().unwrap()));
    }
    // His meetings run from April to December 2025.
    assert!(firsts.iter().any(|d| d.starts_with("2025-04")));
    assert!(firsts.iter().any(|d| d.starts_with("2025-12")));
}

#[test]
fn said_keeps_the_articles_that_quote_a_person() {
    let quoted = json(&["list", "--query", "said:peskov", "--json"]);
    assert_eq!(ids(&quoted), ["002_3447d6dcba84ac08"], "{quoted}");
    // Mentioned in more articles than he is quoted in.
    let mentioned = json(&["list", "--query", "person:putin", "--json"]);
    let quoting = json(&["list", "--query", "said:putin", "--json"]);
    assert!(ids(&quoting).len() < ids(&mentioned).len(), "{quoting}");
    assert!(!ids(&quoting).is_empty());
}
