//! Scoring the tagger against CoNLL-annotated text: exact-span mention
//! precision, recall and F1 per kind and overall, and document-level person
//! F1 (the set of distinct person names a document mentions). Knows nothing
//! of how the model was trained.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::conll::{self, TaggedDocument};
use super::consistency::harmonise;
use super::features::{DocContext, Sentence, prepare};
use super::gazetteer::Gazetteer;
use super::model::Model;
use super::tags::spans;
use super::{EntityKind, NerError};

/// Counts and ratios for one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    pub fn from_counts(gold: usize, predicted: usize, correct: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            gold,
            predicted,
            correct,
            precision,
            recall,
            f1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindScore {
    pub kind: EntityKind,
    #[serde(flatten)]
    pub score: Score,
}

/// The outcome of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub documents: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub by_kind: Vec<KindScore>,
    /// Micro-averaged over all mentions: exact span and kind must match.
    pub overall: Score,
    /// Distinct person names per document, summed over documents.
    pub person_documents: Score,
}

pub fn evaluate(model: &Model, conll_path: &Path) -> Result<EvalReport, NerError> {
    Ok(evaluate_documents(model, &conll::read(conll_path)?))
}

/// Prepares a document's sentences and its document-level context.
pub fn prepare_document(doc: &TaggedDocument) -> (Vec<Sentence>, DocContext) {
    let gazetteer = Gazetteer::shipped();
    let sentences: Vec<Sentence> = doc
        .sentences
        .iter()
        .map(|s| {
            prepare(
                &s.words.iter().map(String::as_str).collect::<Vec<_>>(),
                gazetteer,
            )
        })
        .collect();
    let context = DocContext::new(&sentences);
    (sentences, context)
}

pub fn tag_document(model: &Model, doc: &TaggedDocument) -> Vec<Vec<u8>> {
    let (sentences, context) = prepare_document(doc);
    tag_sentences(model, &sentences, &context)
}

/// Tags a document's sentences and makes equal names agree across them.
pub fn tag_sentences(model: &Model, sentences: &[Sentence], context: &DocContext) -> Vec<Vec<u8>> {
    let (mut tags, margins): (Vec<Vec<u8>>, Vec<Vec<f32>>) = sentences
        .iter()
        .map(|s| model.tag_with_margins(s, context))
        .unzip();
    harmonise(sentences, &mut tags, &margins);
    tags
}

pub fn evaluate_documents(model: &Model, docs: &[TaggedDocument]) -> EvalReport {
    let predicted: Vec<Vec<Vec<u8>>> = docs.iter().map(|d| tag_document(model, d)).collect();
    score_documents(docs, &predicted)
}

/// Compares predicted tags (per document, per sentence) with the gold tags.
pub fn score_documents(docs: &[TaggedDocument], predicted: &[Vec<Vec<u8>>]) -> EvalReport {
    let kinds = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Org,
        EntityKind::Misc,
    ];
    let mut counts = [(0usize, 0usize, 0usize); 4];
    let (mut person_gold, mut person_pred, mut person_ok) = (0, 0, 0);
    let (mut sentences, mut tokens) = (0, 0);
    for (doc, tags) in docs.iter().zip(predicted) {
        let mut gold_people = BTreeSet::new();
        let mut pred_people = BTreeSet::new();
        for (s, pred) in doc.sentences.iter().zip(tags) {
            sentences += 1;
            tokens += s.words.len();
            let gold_spans = spans(&s.tags);
            let pred_spans = spans(pred);
            let gold_set: HashSet<_> = gold_spans.iter().cloned().collect();
            for (k, kind) in kinds.iter().enumerate() {
                counts[k].0 += gold_spans.iter().filter(|(_, g)| g == kind).count();
                counts[k].1 += pred_spans.iter().filter(|(_, p)| p == kind).count();
                counts[k].2 += pred_spans
                    .iter()
                    .filter(|sp| sp.1 == *kind && gold_set.contains(sp))
                    .count();
            }
            let name = |r: &std::ops::Range<usize>| s.words[r.clone()].join(" ");
            gold_people.extend(
                gold_spans
                    .iter()
                    .filter(|(_, k)| *k == EntityKind::Person)
                    .map(|(r, _)| name(r)),
            );
            pred_people.extend(
                pred_spans
                    .iter()
                    .filter(|(_, k)| *k == EntityKind::Person)
                    .map(|(r, _)| name(r)),
            );
        }
        person_gold += gold_people.len();
        person_pred += pred_people.len();
        person_ok += gold_people.intersection(&pred_people).count();
    }
    let (by_kind, total) = kind_scores(&kinds, &counts);
    EvalReport {
        documents: docs.len(),
        sentences,
        tokens,
        by_kind,
        overall: Score::from_counts(total.0, total.1, total.2),
        person_documents: Score::from_counts(person_gold, person_pred, person_ok),
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} sentences, {} tokens",
            self.documents, self.sentences, self.tokens
        )?;
        writeln!(
            f,
            "{:<18} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
            "", "gold", "found", "right", "precision", "recall", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, s: &Score| {
            writeln!(
                f,
                "{:<18} {:>6} {:>6} {:>6} {:>9.4} {:>7.4} {:>6.4}",
                label, s.gold, s.predicted, s.correct, s.precision, s.recall, s.f1
            )
        };
        for k in &self.by_kind {
            row(f, k.kind.as_str(), &k.score)?;
        }
        row(f, "all mentions", &self.overall)?;
        row(f, "people / document", &self.person_documents)
    }
}

/// Per kind, the score of its (gold, predicted, correct) counts, and the
/// counts of all kinds together.
pub(super) fn kind_scores(
    kinds: &[EntityKind],
    counts: &[(usize, usize, usize)],
) -> (Vec<KindScore>, (usize, usize, usize)) {
    let by_kind = kinds
        .iter()
        .zip(counts)
        .map(|(kind, &(g, p, c))| KindScore {
            kind: *kind,
            score: Score::from_counts(g, p, c),
        })
        .collect();
    let total = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    (by_kind, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::tags;

    const FIXTURE: &str = "-DOCSTART- -X- -X- O\n\n\
        Mary B-PER\nJones I-PER\nvisited O\nParis B-LOC\n.\tO\n\n\
        Jones B-PER\nmet O\nAcme B-ORG\nstaff O\n\n\
        -DOCSTART- -X- -X- O\n\n\
        Kofi B-PER\nspoke O\nin O\nNew B-LOC\nYork I-LOC\n";

    fn parse(text: &str) -> Vec<TaggedDocument> {
        conll::parse(text).expect("fixture parses")
    }

    #[test]
    fn perfect_predictions_score_one() {
        let docs = parse(FIXTURE);
        let gold: Vec<Vec<Vec<u8>>> = docs
            .iter()
            .map(|d| d.sentences.iter().map(|s| s.tags.clone()).collect())
            .collect();
        let r = score_documents(&docs, &gold);
        assert_eq!((r.documents, r.sentences, r.tokens), (2, 3, 14));
        assert_eq!(r.overall, Score::from_counts(6, 6, 6));
        assert_eq!(r.overall.f1, 1.0);
        assert_eq!(r.person_documents.gold, 3);
    }

    #[test]
    fn counts_partial_spans_and_wrong_kinds_as_errors() {
        let docs = parse(FIXTURE);
        let p = |l: &str| tags::parse(l).expect("tag");
        let predicted = vec![
            vec![
                // "Mary" only: wrong span; Paris right.
                vec![p("B-PER"), p("O"), p("O"), p("B-LOC"), p("O")],
                // Jones right, Acme tagged as a place.
                vec![p("B-PER"), p("O"), p("B-LOC"), p("O")],
            ],
            vec![vec![p("B-PER"), p("O"), p("O"), p("B-LOC"), p("I-LOC")]],
        ];
        let r = score_documents(&docs, &predicted);
        // Gold: 3 people, 2 places, 1 org. Found: 3 people, 3 places.
        assert_eq!(r.overall, Score::from_counts(6, 6, 4));
        assert!((r.overall.f1 - 4.0 / 6.0).abs() < 1e-9);
        let person = r.by_kind[0].score;
        assert_eq!((person.gold, person.predicted, person.correct), (3, 3, 2));
        let place = r.by_kind[1].score;
        assert_eq!((place.gold, place.predicted, place.correct), (2, 3, 2));
        assert_eq!(r.by_kind[2].score.f1, 0.0);
        // Documents: {Mary Jones, Jones} vs {Mary, Jones}; {Kofi} vs {Kofi}.
        assert_eq!(r.person_documents, Score::from_counts(3, 3, 2));
        let table = r.to_string();
        assert!(table.contains("person") && table.contains("0.6667"));
        let json = serde_json::to_value(&r).expect("serialises");
        assert_eq!(json["overall"]["correct"], 4);
        assert_eq!(json["by_kind"][0]["kind"], "person");
    }
}
