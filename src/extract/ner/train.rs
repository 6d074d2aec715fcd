//! Learning the tagger's weights: an averaged perceptron over greedy
//! left-to-right decoding, trained on CoNLL data with case-varied copies of
//! sentences (all caps, title case) so capitals alone never decide, and
//! tuned by keeping the epoch that scores best on the validation file.
//! Deterministic: the same files and epochs give the same model.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use super::NerError;
use super::conll::{self, TaggedDocument, TaggedSentence};
use super::eval::{evaluate_documents, prepare_document};
use super::features::{static_features, tag_features};
use super::model::{KeyMap, Model, Scores, best_allowed};
use super::tags::{OUTSIDE, TAG_COUNT};

/// Weights smaller than this are dropped from the shipped model: they
/// barely move a decision and most of the file would be them.
pub const DEFAULT_MIN_WEIGHT: f32 = 0.02;

/// Share of training tokens shown without their word identity, so the
/// weights also learn to name words from their shape and context: news names
/// people the 1990s training text never saw.
const UNSEEN_PERCENT: u64 = 10;

#[derive(Debug, Clone, Serialize)]
pub struct EpochReport {
    pub epoch: usize,
    /// Share of training tokens mis-tagged during the epoch.
    pub train_error: f64,
    pub valid_f1: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    pub train_tokens: usize,
    pub epochs: Vec<EpochReport>,
    pub best_epoch: usize,
    pub features: usize,
    pub model_bytes: usize,
    pub seconds: f64,
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.epochs {
            writeln!(
                f,
                "epoch {:>2}: train error {:.4}, valid F1 {:.4}",
                e.epoch, e.train_error, e.valid_f1
            )?;
        }
        writeln!(
            f,
            "best epoch {}: {} features, {} bytes; {} training tokens in {:.1}s",
            self.best_epoch, self.features, self.model_bytes, self.train_tokens, self.seconds
        )
    }
}

/// Trains on `train_path` for up to `epochs` passes and returns the model of
/// the epoch with the best mention F1 on `valid_path`, pruned and quantised
/// exactly as it is saved.
pub fn train(
    train_path: &Path,
    valid_path: &Path,
    epochs: usize,
) -> Result<(Model, TrainReport), NerError> {
    train_with(train_path, valid_path, epochs, DEFAULT_MIN_WEIGHT)
}

pub fn train_with(
    train_path: &Path,
    valid_path: &Path,
    epochs: usize,
    min_weight: f32,
) -> Result<(Model, TrainReport), NerError> {
    let started = Instant::now();
    let train_docs: Vec<TaggedDocument> = conll::read(train_path)?
        .iter()
        .map(with_case_variants)
        .collect();
    let valid_docs = conll::read(valid_path)?;
    let mut data = Instances::default();
    let mut learner = Perceptron::default();
    for doc in &train_docs {
        data.add_document(doc, &mut learner);
    }
    if data.tokens == 0 {
        return Err(NerError::Format(format!(
            "{}: no tagged tokens to learn from",
            train_path.display()
        )));
    }
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut order: Vec<usize> = (0..data.sentences.len()).collect();
    let mut reports = Vec::new();
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 1..=epochs.max(1) {
        shuffle(&mut order, &mut rng);
        let mut errors = 0;
        for &s in &order {
            errors += learner.learn_sentence(&data, s);
        }
        let model = learner.averaged(min_weight);
        let model = Model::from_bytes(&model.to_bytes())?;
        let valid_f1 = evaluate_documents(&model, &valid_docs).overall.f1;
        reports.push(EpochReport {
            epoch,
            train_error: errors as f64 / data.tokens as f64,
            valid_f1,
        });
        if best.as_ref().is_none_or(|(f1, _, _)| valid_f1 > *f1) {
            best = Some((valid_f1, epoch, model));
        }
    }
    let (_, best_epoch, model) =
        best.ok_or_else(|| NerError::Format("no training epoch ran".to_string()))?;
    let report = TrainReport {
        train_tokens: data.tokens,
        epochs: reports,
        best_epoch,
        features: model.feature_count(),
        model_bytes: model.to_bytes().len(),
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok((model, report))
}

/// Every sentence, plus an all-caps copy of every fourth and a title-case copy
/// of every seventh: headlines in real articles come in both styles.
fn with_case_variants(doc: &TaggedDocument) -> TaggedDocument {
    let mut out = doc.clone();
    for (i, s) in doc.sentences.iter().enumerate() {
        if i % 4 == 1 {
            out.sentences.push(recase(s, |w| w.to_uppercase()));
        }
        if i % 7 == 3 {
            out.sentences.push(recase(s, title_case));
        }
    }
    out
}

fn recase(s: &TaggedSentence, f: impl Fn(&str) -> String) -> TaggedSentence {
    TaggedSentence {
        words: s.words.iter().map(|w| f(w)).collect(),
        tags: s.tags.clone(),
    }
}

pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// Training sentences with their tag-independent features resolved to
/// weight rows once, so epochs only hash the few tag-dependent ones.
#[derive(Default)]
struct Instances {
    sentences: Vec<InstanceSentence>,
    rows: Vec<u32>,
    tokens: usize,
    seen: u64,
}

struct InstanceSentence {
    /// Per token: range into `rows`.
    offsets: Vec<(usize, usize)>,
    gold: Vec<u8>,
    features: super::features::Sentence,
}

impl Instances {
    fn add_document(&mut self, doc: &TaggedDocument, learner: &mut Perceptron) {
        let (sentences, context) = prepare_document(doc);
        let mut keys = Vec::new();
        for (prepared, tagged) in sentences.into_iter().zip(&doc.sentences) {
            let mut offsets = Vec::with_capacity(tagged.words.len());
            for i in 0..tagged.words.len() {
                keys.clear();
                self.seen += 1;
                let unseen = self.seen.wrapping_mul(0x9e37_79b9) % 100 < UNSEEN_PERCENT;
                static_features(&prepared, i, &context, unseen, &mut keys);
                let start = self.rows.len();
                self.rows.extend(keys.iter().map(|k| learner.row_for(*k)));
                offsets.push((start, self.rows.len()));
            }
            self.tokens += tagged.words.len();
            self.sentences.push(InstanceSentence {
                offsets,
                gold: tagged.tags.clone(),
                features: prepared,
            });
        }
    }
}

/// Averaged perceptron with lazy averaging: each weight remembers when it
/// last changed, so an update costs O(features) rather than O(model).
#[derive(Default)]
struct Perceptron {
    keys: KeyMap<u32>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    now: u32,
}

impl Perceptron {
    fn row_for(&mut self, key: u32) -> u32 {
        let next = self.keys.len() as u32;
        let row = *self.keys.entry(key).or_insert(next);
        if row == next {
            self.weights.extend([0.0; TAG_COUNT]);
            self.totals.extend([0.0; TAG_COUNT]);
            self.stamps.extend([0; TAG_COUNT]);
        }
        row
    }

    fn add(&self, rows: &[u32], scores: &mut Scores) {
        for &r in rows {
            let w = &self.weights[r as usize * TAG_COUNT..(r as usize + 1) * TAG_COUNT];
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }

    fn update(&mut self, row: u32, tag: u8, delta: f32) {
        let i = row as usize * TAG_COUNT + tag as usize;
        self.totals[i] += f64::from(self.now - self.stamps[i]) * f64::from(self.weights[i]);
        self.stamps[i] = self.now;
        self.weights[i] += delta;
    }

    /// Decodes one sentence with the current weights and corrects every
    /// mistake; returns the number of mis-tagged tokens.
    fn learn_sentence(&mut self, data: &Instances, index: usize) -> usize {
        let s = &data.sentences[index];
        let (mut prev, mut prev2) = (OUTSIDE, OUTSIDE);
        let mut keys = Vec::with_capacity(8);
        let mut dynamic = Vec::with_capacity(8);
        let mut errors = 0;
        for (i, &(a, b)) in s.offsets.iter().enumerate() {
            self.now += 1;
            keys.clear();
            tag_features(&s.features, i, prev, prev2, &mut keys);
            dynamic.clear();
            dynamic.extend(keys.iter().map(|k| self.row_for(*k)));
            let mut scores = [0.0; TAG_COUNT];
            self.add(&data.rows[a..b], &mut scores);
            self.add(&dynamic, &mut scores);
            let guess = best_allowed(&scores, prev);
            let gold = s.gold[i];
            if guess != gold {
                errors += 1;
                for &r in data.rows[a..b].iter().chain(&dynamic) {
                    self.update(r, gold, 1.0);
                    self.update(r, guess, -1.0);
                }
            }
            prev2 = prev;
            prev = guess;
        }
        errors
    }

    fn averaged(&self, min_weight: f32) -> Model {
        let now = f64::from(self.now.max(1));
        Model::from_rows(self.keys.iter().filter_map(|(&key, &row)| {
            let mut w = [0.0f32; TAG_COUNT];
            for (t, slot) in w.iter_mut().enumerate() {
                let i = row as usize * TAG_COUNT + t;
                let total = self.totals[i]
                    + f64::from(self.now - self.stamps[i]) * f64::from(self.weights[i]);
                let avg = (total / now) as f32;
                *slot = if avg.abs() >= min_weight { avg } else { 0.0 };
            }
            w.iter().any(|x| *x != 0.0).then_some((key, w))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_variants_keep_tags_and_change_case() {
        let doc =
            conll::parse("a B-PER\n\nb O\n\nnew B-LOC\nyork I-LOC\n\nc O\n").expect("fixture");
        let varied = with_case_variants(&doc[0]);
        assert_eq!(varied.sentences.len(), 4 + 1 + 1);
        assert_eq!(varied.sentences[4].words, ["B"]);
        assert_eq!(varied.sentences[5].words, ["C"]);
        assert_eq!(title_case("mOSCOW"), "Moscow");
    }

    #[test]
    fn learns_a_tiny_pattern() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut text = String::new();
        for (first, last, place) in [
            ("Anna", "Berg", "Oslo"),
            ("Piet", "Smit", "Lima"),
            ("Sven", "Olsen", "Rome"),
        ] {
            text.push_str(&format!(
                "-DOCSTART- O\n\n{first} B-PER\n{last} I-PER\nflew O\nto O\n{place} B-LOC\n. O\n\n\
                 the O\nplan O\nfailed O\n. O\n\n"
            ));
        }
        let path = dir.path().join("tiny.txt");
        std::fs::write(&path, &text).expect("write fixture");
        let (model, report) = train_with(&path, &path, 5, 0.0).expect("trains");
        assert!(
            report.epochs.iter().any(|e| e.valid_f1 == 1.0),
            "{report:?}"
        );
        assert!(report.features > 0 && report.model_bytes > 0);
        let again = train_with(&path, &path, 5, 0.0).expect("trains again");
        assert_eq!(
            model.to_bytes(),
            again.0.to_bytes(),
            "training is deterministic"
        );
    }
}
