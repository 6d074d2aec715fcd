//! Scoring the whole way an article goes, not the tagger alone: each
//! CoNLL document is rebuilt as the plain text a reader would clip (words
//! joined as prose, one line per sentence), cleaned like any plain-text
//! article, recognised with every rule, and resolved across the set with
//! alias merging. People are compared per document by surname, so "Jones"
//! found for gold "Mary Jones" counts (and the other way round); mentions
//! are compared per document as (kind, text) pairs, since cleaning moves
//! offsets. The same scores are computed for the tagger alone on the
//! original tokens, so the two can be read side by side. This is the one
//! part of the recogniser that knows articles and aliases, because it has
//! to run them.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::conll::{self, TaggedDocument};
use super::eval::{KindScore, Score, tag_document};
use super::model::Model;
use super::tags::spans;
use super::{EntityKind, NerError};
use crate::corpus::plain::parse_text;
use crate::extract::entities::{KINDS, resolve_aliases};
use crate::extract::names::name_key;
use crate::extract::recognise_entities;

/// Tagger-only and whole-pipeline scores for one CoNLL file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineReport {
    pub documents: usize,
    pub tagger: SideScores,
    pub pipeline: SideScores,
}

/// People per document (by surname) and mentions per document, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideScores {
    pub people_per_document: Score,
    pub by_kind: Vec<KindScore>,
    pub mentions: Score,
}

/// What one document yields: (kind, name) per mention, in any order.
type Names = Vec<(EntityKind, String)>;

/// A document's mentions, and the names of the people it mentions.
struct Yield {
    mentions: Names,
    people: Vec<String>,
}

impl Yield {
    /// People are the names of the person mentions.
    fn from_mentions(mentions: Names) -> Self {
        let people = mentions
            .iter()
            .filter(|(k, _)| *k == EntityKind::Person)
            .map(|(_, n)| n.clone())
            .collect();
        Yield { mentions, people }
    }
}

pub fn evaluate_pipeline(model: &Model, conll_path: &Path) -> Result<PipelineReport, NerError> {
    Ok(evaluate_pipeline_documents(
        model,
        &conll::read(conll_path)?,
    ))
}

pub fn evaluate_pipeline_documents(model: &Model, docs: &[TaggedDocument]) -> PipelineReport {
    let gold: Vec<Yield> = docs
        .iter()
        .map(|d| Yield::from_mentions(gold_names(d)))
        .collect();
    let tagger: Vec<Yield> = docs
        .iter()
        .map(|d| {
            let tags = tag_document(model, d);
            let names = d
                .sentences
                .iter()
                .zip(&tags)
                .flat_map(|(s, t)| {
                    spans(t)
                        .into_iter()
                        .map(|(r, k)| (k, detokenise(&s.words[r])))
                })
                .collect();
            Yield::from_mentions(names)
        })
        .collect();
    PipelineReport {
        documents: docs.len(),
        tagger: score_side(&gold, &tagger),
        pipeline: score_side(&gold, &run_pipeline(docs)),
    }
}

/// Runs each document through the cleaner, the recogniser and alias
/// resolution across the set; a mention takes its entity's kind, and the
/// people are the person entities' canonical names (so a bare surname
/// reads as the full name it was merged with).
fn run_pipeline(docs: &[TaggedDocument]) -> Vec<Yield> {
    let bodies: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            parse_text(&i.to_string(), "conll", &document_text(d))
                .body
                .as_str()
                .to_string()
        })
        .collect();
    let found: Vec<_> = bodies.iter().map(|b| recognise_entities(b)).collect();
    let table = resolve_aliases(&found);
    (0..docs.len())
        .map(|i| {
            let mentions = table
                .by_article
                .get(i)
                .unwrap_or_default()
                .iter()
                .map(|m| {
                    let text = bodies[i].get(m.span()).unwrap_or_default();
                    (table.entities[m.entity()].kind, text.to_string())
                })
                .collect();
            let people = table
                .article_entities(i)
                .into_iter()
                .map(|(e, _)| &table.entities[e])
                .filter(|e| e.kind == EntityKind::Person)
                .map(|e| e.name.clone())
                .collect();
            Yield { mentions, people }
        })
        .collect()
}

fn gold_names(doc: &TaggedDocument) -> Names {
    doc.sentences
        .iter()
        .flat_map(|s| {
            spans(&s.tags)
                .into_iter()
                .map(|(r, k)| (k, detokenise(&s.words[r])))
        })
        .collect()
}

/// A document as plain text: one line per sentence, words joined as prose.
pub fn document_text(doc: &TaggedDocument) -> String {
    let mut out = String::new();
    for s in &doc.sentences {
        out.push_str(&detokenise(&s.words));
        out.push('\n');
    }
    out
}

/// Joins tokens as they would be written: no space before closing
/// punctuation and clitics, none after an opening bracket, and straight
/// double quotes alternate between opening and closing.
pub fn detokenise<S: AsRef<str>>(words: &[S]) -> String {
    let mut out = String::new();
    let mut open_quote = false;
    let mut glue_next = true;
    for w in words {
        let w = w.as_ref();
        let lower = w.to_lowercase();
        let closing = matches!(w, "," | "." | ";" | ":" | ")" | "]" | "}" | "!" | "?" | "%")
            || (w == "\"" && open_quote)
            || lower.starts_with('\'') && w.len() > 1
            || lower == "n't";
        if !glue_next && !closing {
            out.push(' ');
        }
        out.push_str(w);
        glue_next = matches!(w, "(" | "[" | "{" | "$") || (w == "\"" && !open_quote);
        if w == "\"" {
            open_quote = !open_quote;
        }
    }
    out
}

/// The surname key of a person's name: its last word, folded.
fn surname(name: &str) -> Option<String> {
    name_key(name).rsplit(' ').next().map(str::to_string)
}

fn score_side(gold: &[Yield], found: &[Yield]) -> SideScores {
    let (mut pg, mut pf, mut pr_ok, mut pp_ok) = (0, 0, 0, 0);
    let mut counts = [(0usize, 0usize, 0usize); 4];
    for (g, f) in gold.iter().zip(found) {
        let people = |y: &Yield| -> BTreeSet<String> {
            y.people
                .iter()
                .filter_map(|n| surname(n).filter(|s| !s.is_empty()))
                .collect()
        };
        let (gp, fp) = (people(g), people(f));
        let (g, f) = (&g.mentions, &f.mentions);
        pg += gp.len();
        pf += fp.len();
        // Both directions: a gold person found, a found person in the gold.
        pr_ok += gp.intersection(&fp).count();
        pp_ok += fp.intersection(&gp).count();
        for (k, kind) in KINDS.iter().enumerate() {
            let bag = |names: &Names| -> HashMap<String, usize> {
                let mut bag = HashMap::new();
                for (_, n) in names.iter().filter(|(nk, _)| nk == kind) {
                    *bag.entry(n.clone()).or_insert(0) += 1;
                }
                bag
            };
            let (gb, fb) = (bag(g), bag(f));
            counts[k].0 += gb.values().sum::<usize>();
            counts[k].1 += fb.values().sum::<usize>();
            counts[k].2 += fb
                .iter()
                .map(|(n, c)| (*c).min(gb.get(n).copied().unwrap_or(0)))
                .sum::<usize>();
        }
    }
    let (by_kind, t) = super::eval::kind_scores(&KINDS, &counts);
    debug_assert_eq!(pr_ok, pp_ok, "surname sets match symmetrically");
    SideScores {
        people_per_document: Score::from_counts(pg, pf, pr_ok),
        by_kind,
        mentions: Score::from_counts(t.0, t.1, t.2),
    }
}

impl fmt::Display for PipelineReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents; tagger alone on tokens vs the whole pipeline on text",
            self.documents
        )?;
        writeln!(
            f,
            "{:<20} {:>6} {:>6} {:>6} {:>7} {:>6}   {:>6} {:>6} {:>6} {:>7} {:>6}",
            "", "gold", "found", "right", "P", "F1", "gold", "found", "right", "P", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, a: &Score, b: &Score| {
            writeln!(
                f,
                "{:<20} {:>6} {:>6} {:>6} {:>7.4} {:>6.4}   {:>6} {:>6} {:>6} {:>7.4} {:>6.4}",
                label,
                a.gold,
                a.predicted,
                a.correct,
                a.precision,
                a.f1,
                b.gold,
                b.predicted,
                b.correct,
                b.precision,
                b.f1
            )
        };
        for (a, b) in self.tagger.by_kind.iter().zip(&self.pipeline.by_kind) {
            row(f, a.kind.as_str(), &a.score, &b.score)?;
        }
        row(
            f,
            "all mentions",
            &self.tagger.mentions,
            &self.pipeline.mentions,
        )?;
        row(
            f,
            "people / document",
            &self.tagger.people_per_document,
            &self.pipeline.people_per_document,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_joined_as_prose() {
        let words = [
            "Ms", "Roe", "(", "left", ")", "said", "\"", "no", "\"", ",", "it", "'s", "5", "%",
            "up", ";", "they", "do", "n't", ".",
        ];
        assert_eq!(
            detokenise(&words),
            "Ms Roe (left) said \"no\", it's 5% up; they don't."
        );
    }

    #[test]
    fn people_are_compared_by_surname_both_ways() {
        let p = |n: &str| (EntityKind::Person, n.to_string());
        let gold = vec![Yield::from_mentions(vec![
            p("Mary Jones"),
            p("Jones"),
            p("Tom Kale"),
        ])];
        let found = vec![Yield::from_mentions(vec![p("Jones"), p("Ann Bell")])];
        let s = score_side(&gold, &found).people_per_document;
        // Gold surnames {jones, kale}; found {jones, bell}.
        assert_eq!((s.gold, s.predicted, s.correct), (2, 2, 1));
    }

    #[test]
    fn mentions_are_compared_as_kind_and_text() {
        let m = |k, n: &str| (k, n.to_string());
        let gold = vec![Yield::from_mentions(vec![
            m(EntityKind::Place, "Paris"),
            m(EntityKind::Place, "Paris"),
            m(EntityKind::Org, "Acme"),
        ])];
        let found = vec![Yield::from_mentions(vec![
            m(EntityKind::Place, "Paris"),
            m(EntityKind::Person, "Acme"),
        ])];
        let s = score_side(&gold, &found).mentions;
        assert_eq!((s.gold, s.predicted, s.correct), (3, 2, 1));
    }

    #[test]
    fn the_pipeline_runs_on_rebuilt_text() {
        let text = "-DOCSTART- -X- -X- O\n\n\
            Police O\nsaid O\nMary B-PER\nJones I-PER\nleft O\nParis B-LOC\non O\nMonday O\n. O\n\n\
            Jones B-PER\nlater O\nreturned O\nto O\nthe O\ncity O\nof O\nLyon B-LOC\n. O\n";
        let docs = conll::parse(text).expect("fixture parses");
        assert!(
            document_text(&docs[0]).starts_with("Police said Mary Jones left Paris on Monday.\n")
        );
        let r = evaluate_pipeline_documents(Model::embedded(), &docs);
        assert_eq!(r.documents, 1);
        assert_eq!(r.pipeline.people_per_document.gold, 1);
        assert!(r.tagger.mentions.gold == 4 && r.pipeline.mentions.gold == 4);
    }
}
