//! Measures date extraction over folders of articles: `.txt` files are
//! bodies; `.json` files are arrays of records whose `body` is a body and
//! whose `date` is a date value. Prints throughput and parse counts.
//!
//! cargo run --release --example bench_dates -- ../shared/corpora/reuters21578 ../shared/corpora/bbc

use std::time::Instant;

use chrono::NaiveDate;
use dossier::extract::dates::{find_dates, infer_article_date, parse_date_value};

fn main() -> anyhow::Result<()> {
    let mut bodies = Vec::new();
    let mut values = Vec::new();
    let mut dated_bodies = Vec::new();
    for root in std::env::args().skip(1) {
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry?;
            let path = entry.path();
            match path.extension().and_then(|e| e.to_str()) {
                Some("txt") => {
                    bodies.push(String::from_utf8_lossy(&std::fs::read(path)?).into_owned())
                }
                Some("json") => {
                    let records: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?)?;
                    for r in records.as_array().into_iter().flatten() {
                        if let Some(b) = r.get("body").and_then(|b| b.as_str()) {
                            bodies.push(b.to_string());
                            let date = r
                                .get("date")
                                .and_then(|d| d.as_str())
                                .and_then(parse_date_value);
                            if let Some(d) = date {
                                dated_bodies.push((bodies.len() - 1, d));
                            }
                        }
                        if let Some(d) = r.get("date").and_then(|d| d.as_str()) {
                            values.push(d.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    let anchor = NaiveDate::from_ymd_opt(2025, 4, 11);
    for (label, anchor) in [("with anchor", anchor), ("without anchor", None)] {
        let t = Instant::now();
        let mentions: usize = bodies.iter().map(|b| find_dates(b, anchor).len()).sum();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "find_dates {label}: {} articles, {:.1} MB, {mentions} mentions, {secs:.3} s, {:.1} MB/s",
            bodies.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
    }
    let t = Instant::now();
    let inferred = bodies
        .iter()
        .filter(|b| infer_article_date(b).is_some())
        .count();
    println!(
        "infer_article_date: {inferred} of {} dated, {:.3} s",
        bodies.len(),
        t.elapsed().as_secs_f64()
    );
    // Against records that carry their own date: how often would the
    // inferred date (ignoring the field) have been within three days of it?
    let (mut near, mut far) = (0, Vec::new());
    for (i, truth) in &dated_bodies {
        if let Some((d, evidence)) = infer_article_date(&bodies[*i]) {
            if (d.start - truth.start).num_days().abs() <= 3 {
                near += 1;
            } else {
                far.push((truth.to_string(), d.to_string(), evidence));
            }
        }
    }
    if !dated_bodies.is_empty() {
        println!(
            "inferred vs date field: {near} within 3 days, {} not: {far:?}",
            far.len()
        );
    }
    let failed: Vec<&String> = values
        .iter()
        .filter(|v| parse_date_value(v).is_none())
        .collect();
    println!(
        "parse_date_value: {} of {} parse; failing: {failed:?}",
        values.len() - failed.len(),
        values.len()
    );
    Ok(())
}
