//! The entity recogniser: finds people, places, organisations and other
//! names in article text. A greedy averaged-perceptron tagger over BIO tags
//! (trained on CoNLL-2003, shipped as `assets/ner/model.bin`), plus rules for
//! news text on top. Owns its features, model format, training and
//! evaluation; knows nothing of articles, aliases or indexes.

mod conll;
mod consistency;
mod eval;
mod features;
mod gazetteer;
mod model;
mod noise;
mod pipeline;
mod rules;
mod tags;
mod train;

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Serialize;

pub use conll::{TaggedDocument, TaggedSentence, parse as parse_conll, read as read_conll};
pub use eval::{EvalReport, KindScore, Score, evaluate, evaluate_documents};
pub use model::Model;
pub use pipeline::{PipelineReport, SideScores, evaluate_pipeline, evaluate_pipeline_documents};
pub use rules::strip_lost_possessive;
pub use train::{DEFAULT_MIN_WEIGHT, EpochReport, TrainReport, title_case, train, train_with};

use crate::extract::tokens::{sentences, tokenize};
use features::{DocContext, Sentence, prepare};
use gazetteer::Gazetteer;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
    Misc,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
            EntityKind::Misc => "misc",
        }
    }
}

/// One name found in a text: `text[start..end]` in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Conll {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Format(String),
}

/// Finds the names in `text` with the shipped model. The whole text is one
/// document: a word capitalised mid-sentence anywhere lends evidence to the
/// same word in a headline.
pub fn recognise(text: &str) -> Vec<Mention> {
    recognise_with(Model::embedded(), text)
}

pub fn recognise_with(model: &Model, text: &str) -> Vec<Mention> {
    let gazetteer = Gazetteer::shipped();
    let tokens = tokenize(text);
    let ranges = sentences(text, &tokens);
    let words: Vec<Vec<&str>> = ranges
        .iter()
        .map(|r| tokens[r.clone()].iter().map(|t| t.text(text)).collect())
        .collect();
    let prepared: Vec<Sentence> = words.iter().map(|w| prepare(w, gazetteer)).collect();
    let context = DocContext::new(&prepared);
    let tagged = eval::tag_sentences(model, &prepared, &context);
    let mut mentions = Vec::new();
    for (index, ((range, sentence), tags)) in ranges.iter().zip(&prepared).zip(&tagged).enumerate()
    {
        let lowered: Vec<&str> = sentence.words.iter().map(|w| w.normalised()).collect();
        let after_headline = index == 1 && prepared[0].mode != features::Mode::Normal;
        for (span, kind) in tags::spans(tags) {
            let byline = after_headline
                && kind == EntityKind::Person
                && rules::is_byline(sentence, &span, &context);
            let trimmed = if byline {
                Some(span)
            } else {
                rules::trim_span(sentence, &lowered, span, kind, &context, gazetteer)
            };
            let Some(span) = trimmed else {
                continue;
            };
            if kind == EntityKind::Person && noise::is_greeting(&lowered, &span) {
                continue;
            }
            let kind = if noise::is_event(&lowered, &span) {
                EntityKind::Misc
            } else {
                kind
            };
            let start = tokens[range.start + span.start].start;
            let end = tokens[range.start + span.end - 1].end;
            mentions.push(Mention {
                start,
                end,
                kind,
                text: text[start..end].to_string(),
            });
        }
    }
    // A name the text gives a stock ticker, a company ending or a company's
    // staff is a company's throughout, whatever the tagger made of it
    // elsewhere ("Acme (ticker: ACM)", "Acme employees").
    let companies: HashSet<String> = mentions
        .iter()
        .filter(|m| m.kind != EntityKind::Place && noise::company_follows(&text[m.end..]))
        .map(|m| m.text.to_lowercase())
        .collect();
    if !companies.is_empty() {
        for m in &mut mentions {
            if m.kind == EntityKind::Person && companies.contains(&m.text.to_lowercase()) {
                m.kind = EntityKind::Org;
            }
        }
    }
    mentions
}

#[cfg(test)]
mod tests;
