//! Trains, evaluates and tries the entity recogniser.
//!
//! cargo run --release --example ner -- train TRAIN VALID [EPOCHS] [--out assets/ner/model.bin] [--min-weight W]
//! cargo run --release --example ner -- eval FILE [--model PATH] [--case upper|title]
//! cargo run --release --example ner -- tag FILE...       (prints mentions of text files)
//! cargo run --release --example ner -- bench FILE...     (tagging speed over text files)

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dossier::extract::ner::{self, Model, TaggedDocument, TaggedSentence};

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn positional(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a.starts_with("--") {
            skip = true;
        } else {
            out.push(a.clone());
        }
    }
    out
}

fn model(args: &[String]) -> Result<Model> {
    match option(args, "--model") {
        Some(p) => Ok(Model::load(Path::new(&p))?),
        None => {
            let started = Instant::now();
            let m = Model::embedded();
            eprintln!(
                "embedded model: {} features, loaded in {:?}",
                m.feature_count(),
                started.elapsed()
            );
            Ok(Model::from_bytes(&m.to_bytes())?)
        }
    }
}

fn recase(docs: Vec<TaggedDocument>, how: &str) -> Vec<TaggedDocument> {
    let f = |w: &str| {
        if how == "upper" {
            w.to_uppercase()
        } else {
            ner::title_case(w)
        }
    };
    docs.into_iter()
        .map(|d| TaggedDocument {
            sentences: d
                .sentences
                .into_iter()
                .map(|s| TaggedSentence {
                    words: s.words.iter().map(|w| f(w)).collect(),
                    tags: s.tags,
                })
                .collect(),
        })
        .collect()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pos = positional(&args);
    match pos.first().map(String::as_str) {
        Some("train") => {
            let (train, valid) = (
                pos.get(1).context("TRAIN path")?,
                pos.get(2).context("VALID path")?,
            );
            let epochs = pos.get(3).map(|e| e.parse()).transpose()?.unwrap_or(12);
            let min_weight = option(&args, "--min-weight")
                .map(|w| w.parse())
                .transpose()?
                .unwrap_or(ner::DEFAULT_MIN_WEIGHT);
            let (model, report) =
                ner::train_with(Path::new(train), Path::new(valid), epochs, min_weight)?;
            print!("{report}");
            let out = PathBuf::from(
                option(&args, "--out").unwrap_or_else(|| "assets/ner/model.bin".into()),
            );
            model.save(&out)?;
            println!("wrote {}", out.display());
        }
        Some("eval") => {
            let file = pos.get(1).context("FILE path")?;
            let model = model(&args)?;
            let mut docs = ner::read_conll(Path::new(file))?;
            if let Some(how) = option(&args, "--case") {
                docs = recase(docs, &how);
            }
            let report = ner::evaluate_documents(&model, &docs);
            if args.iter().any(|a| a == "--json") {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{report}");
            }
        }
        Some("tag") => {
            for file in &pos[1..] {
                let text = std::fs::read_to_string(file).with_context(|| file.clone())?;
                println!("== {file}");
                for m in ner::recognise(&text) {
                    println!("{:>6} {:<7} {}", m.start, m.kind.as_str(), m.text);
                }
            }
        }
        Some("bench") => {
            let mut texts = Vec::new();
            for file in &pos[1..] {
                if let Ok(t) = std::fs::read_to_string(file) {
                    texts.push(t);
                }
            }
            let bytes: usize = texts.iter().map(String::len).sum();
            let _ = ner::recognise("Warm up the model.");
            let started = Instant::now();
            let mentions: usize = texts.iter().map(|t| ner::recognise(t).len()).sum();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{} files, {:.2} MB, {} mentions in {:.2}s: {:.2} MB/s on one core",
                texts.len(),
                bytes as f64 / 1e6,
                mentions,
                secs,
                bytes as f64 / 1e6 / secs
            );
        }
        _ => {
            bail!("usage: ner train TRAIN VALID [EPOCHS] | eval FILE | tag FILE... | bench FILE...")
        }
    }
    Ok(())
}
