//! What one version of a report says that another does not.
//!
//! Both bodies are cut into sentences and every sentence of the second is
//! paired with the sentence of the first that shares most of its content
//! words, weighted so that words the two versions use everywhere (the story's
//! protagonists) count little and words of one fact (figures, places,
//! uncommon verbs) count much. Pairing ignores order, so reordered paragraphs
//! stay shared, and a reworded sentence of the same fact pairs up as
//! changed; only what pairs with nothing is added or removed. Inside a
//! changed pair the words that differ come from a word-level diff.
//!
//! Two bodies of a few hundred sentences compare in well under a
//! millisecond: the work is quadratic in the sentences of the two articles,
//! never in the corpus.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Serialize, Serializer};
use similar::{ChangeTag, TextDiff};

use crate::index::related::text::{fold_words, is_stop_word, sentence_spans};

/// How alike two sentences must be (`Weights::similarity`) to count as the
/// same fact told twice wherever they stand.
const SAME_FACT: f32 = 0.3;

/// How alike a sentence must be to a neighbour of its neighbour's partner to
/// pair with it.
const NEAR: f32 = 0.15;

/// One sentence of a body: its text and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// Byte offsets into the body.
    pub range: Range<usize>,
}

impl Serialize for Sentence {
    /// In JSON a sentence is its text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// A sentence of the second version paired with a reworded one of the first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    pub a: Sentence,
    pub b: Sentence,
    /// Names and figures of `b` (runs of words with a capital inside the
    /// sentence or a digit) that the first version never uses.
    pub new_names: Vec<String>,
}

impl Changed {
    /// The words of the pair, in the second version's order with the first
    /// version's dropped words where they stood.
    pub fn words(&self) -> Vec<WordChange> {
        word_changes(&self.a.text, &self.b.text)
    }

    /// How much of the two sentences' words line up, 0 to 1: a light edit
    /// reads well as one sentence with its changes marked, a retelling
    /// better as two.
    pub fn closeness(&self) -> f32 {
        let a: Vec<&str> = self.a.text.split_whitespace().collect();
        let b: Vec<&str> = self.b.text.split_whitespace().collect();
        TextDiff::configure().diff_slices(&a, &b).ratio()
    }

    /// The words of `b` (split at whitespace), each with whether `a` lacks
    /// it (compared folded, so case and accents do not count).
    pub fn new_words(&self) -> Vec<(&str, bool)> {
        let had: FxHashSet<String> = fold_words(&self.a.text).into_iter().collect();
        self.b
            .text
            .split_whitespace()
            .map(|w| {
                let folded = fold_words(w);
                let new = !folded.is_empty()
                    && folded.iter().any(|f| !is_stop_word(f) && !had.contains(f));
                (w, new)
            })
            .collect()
    }
}

/// One word (with the space after it) of a changed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordChange {
    pub text: String,
    pub kind: WordKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// In both versions.
    Same,
    /// Only in the second.
    Added,
    /// Only in the first.
    Removed,
}

/// What the second version adds to the first, what it drops, and what it
/// rewords; `shared` counts its sentences that the first has word for word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Sentences of the second version with no counterpart in the first.
    pub added: Vec<Sentence>,
    /// Sentences of the first version with no counterpart in the second.
    pub removed: Vec<Sentence>,
    /// Sentences of the second version that reword one of the first.
    pub changed: Vec<Changed>,
    pub shared: usize,
    /// Every sentence of the second version in order, with what it is.
    #[serde(skip)]
    pub lines: Vec<DiffLine>,
}

/// One sentence of the second version, in order, for a reading view.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffLine {
    Shared(Sentence),
    Added(Sentence),
    /// Index into `Diff::changed`.
    Changed(usize),
}

/// Compares two bodies: `a` the version read before, `b` the other.
pub fn diff(a: &str, b: &str) -> Diff {
    let left = sentences(a);
    let right = sentences(b);
    let weights = Weights::new(&left, &right);
    let scores: Vec<Vec<f32>> = weights
        .right
        .iter()
        .map(|r| {
            weights
                .left
                .iter()
                .map(|l| weights.similarity(l, r))
                .collect()
        })
        .collect();
    let pairs = pair_up(&scores);

    // Every sentence of the first version paired, or close enough to one of
    // the second, counts as told: one sentence split in two, or two merged,
    // leaves nothing over.
    let mut covered = vec![false; left.len()];
    for (i, row) in scores.iter().enumerate() {
        for (j, &score) in row.iter().enumerate() {
            if score >= SAME_FACT || pairs[i] == Some(j) {
                covered[j] = true;
            }
        }
    }
    let told: FxHashSet<&str> = left
        .iter()
        .flat_map(|l| &l.stems)
        .map(String::as_str)
        .collect();
    let stemmer = Stemmer::create(Algorithm::English);

    let mut out = Diff {
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        shared: 0,
        lines: Vec::with_capacity(right.len()),
    };
    for (r, pair) in right.iter().zip(&pairs) {
        match *pair {
            Some(j) if left[j].words == r.words => {
                out.shared += 1;
                out.lines.push(DiffLine::Shared(r.sentence.clone()));
            }
            Some(j) => {
                out.lines.push(DiffLine::Changed(out.changed.len()));
                out.changed.push(Changed {
                    a: left[j].sentence.clone(),
                    b: r.sentence.clone(),
                    new_names: new_names(&r.sentence, &told, &stemmer),
                });
            }
            None => {
                out.added.push(r.sentence.clone());
                out.lines.push(DiffLine::Added(r.sentence.clone()));
            }
        }
    }
    out.removed = left
        .iter()
        .zip(&covered)
        .filter(|(_, c)| !**c)
        .map(|(l, _)| l.sentence.clone())
        .collect();
    out
}

/// For each sentence of the second version, the sentence of the first it
/// retells, if any. A pair is sure when they share `SAME_FACT` of their
/// weight; then a sentence next to a pair may pair with a neighbour of its
/// partner on less (`NEAR`), because rewrites keep the order of a passage
/// while they reword it, and repeat until nothing more pairs.
fn pair_up(scores: &[Vec<f32>]) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = scores
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, s)| **s >= SAME_FACT)
                .max_by(|x, y| x.1.total_cmp(y.1))
                .map(|(j, _)| j)
        })
        .collect();
    loop {
        let mut grew = false;
        for i in 0..pairs.len() {
            if pairs[i].is_some() {
                continue;
            }
            let before = i.checked_sub(1).and_then(|p| pairs[p]);
            let after = pairs.get(i + 1).copied().flatten();
            let candidates = before.into_iter().flat_map(|j| [j, j + 1]).chain(
                after
                    .into_iter()
                    .flat_map(|j| [j.checked_sub(1), Some(j)].into_iter().flatten()),
            );
            let best = candidates
                .filter(|&j| j < scores[i].len() && scores[i][j] >= NEAR)
                .max_by(|&x, &y| scores[i][x].total_cmp(&scores[i][y]));
            if let Some(j) = best {
                pairs[i] = Some(j);
                grew = true;
            }
        }
        if !grew {
            return pairs;
        }
    }
}

/// The runs of words in `sentence` whose stems the other version never
/// uses and that hold a name or a figure: a capitalised word after the
/// first, or a digit ("Kirill Dmitriev", "G8"). Reworded verbs and
/// adjectives are left to the word-level view.
fn new_names(sentence: &Sentence, told: &FxHashSet<&str>, stemmer: &Stemmer) -> Vec<String> {
    let mut phrases = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let text = &sentence.text;
    for (start, word) in word_spans(text) {
        let folded = fold_words(word);
        let new = start > 0
            && !folded.is_empty()
            && folded
                .iter()
                .all(|w| !is_stop_word(w) && !told.contains(stem(stemmer, w).as_str()));
        let end = start + word.len();
        match (new, run) {
            (true, Some((s, _))) => run = Some((s, end)),
            (true, None) => run = Some((start, end)),
            (false, Some((s, e))) => {
                phrases.push(trim_phrase(&text[s..e]));
                run = None;
            }
            (false, None) => {}
        }
    }
    if let Some((s, e)) = run {
        phrases.push(trim_phrase(&text[s..e]));
    }
    // Inside each run, the words that name or count: capitalised or with a
    // digit, kept together when adjacent.
    let mut names = Vec::new();
    for phrase in phrases {
        let mut current: Vec<&str> = Vec::new();
        for w in phrase.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let names_or_counts = w.chars().next().is_some_and(char::is_uppercase)
                || w.chars().any(|c| c.is_ascii_digit());
            if names_or_counts {
                current.push(w);
            } else if !current.is_empty() {
                names.push(current.join(" "));
                current.clear();
            }
        }
        if !current.is_empty() {
            names.push(current.join(" "));
        }
    }
    names
}

/// Whitespace-separated words of `text` with their byte offsets.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A phrase without the punctuation around it.
fn trim_phrase(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// The words of `a` and `b` aligned: same, added in `b`, removed from `a`.
pub fn word_changes(a: &str, b: &str) -> Vec<WordChange> {
    TextDiff::from_words(a, b)
        .iter_all_changes()
        .map(|c| WordChange {
            text: c.value().to_string(),
            kind: match c.tag() {
                ChangeTag::Equal => WordKind::Same,
                ChangeTag::Insert => WordKind::Added,
                ChangeTag::Delete => WordKind::Removed,
            },
        })
        .collect()
}

/// A sentence with its folded words (to tell identical ones) and its content
/// stems (to pair reworded ones).
struct Compared {
    sentence: Sentence,
    words: Vec<String>,
    stems: Vec<String>,
}

fn sentences(body: &str) -> Vec<Compared> {
    let stemmer = Stemmer::create(Algorithm::English);
    sentence_spans(body)
        .into_iter()
        .filter_map(|range| {
            let raw = &body[range.clone()];
            let text = raw.trim();
            if text.is_empty() {
                return None;
            }
            let lead = raw.len() - raw.trim_start().len();
            let start = range.start + lead;
            let words = fold_words(text);
            let mut stems: Vec<String> = words
                .iter()
                .filter(|w| !is_stop_word(w))
                .map(|w| stem(&stemmer, w))
                .collect();
            stems.sort_unstable();
            stems.dedup();
            Some(Compared {
                sentence: Sentence {
                    text: text.to_string(),
                    range: start..start + text.len(),
                },
                words,
                stems,
            })
        })
        .collect()
}

/// The word's English stem cut to six letters, so inflections and
/// derivations meet ("warned" and "warning", "military" and "militarily").
fn stem(stemmer: &Stemmer, word: &str) -> String {
    stemmer.stem(word).chars().take(6).collect()
}

/// A sentence's stems as numbers, sorted, with their summed weight.
struct Interned {
    ids: Vec<u32>,
    total: f32,
}

/// Inverse sentence frequency over both versions: a stem in every sentence
/// weighs almost nothing, one in a single sentence weighs most. Stems are
/// numbered once, so comparing two sentences is a merge of two short sorted
/// lists of numbers.
struct Weights {
    weight: Vec<f32>,
    left: Vec<Interned>,
    right: Vec<Interned>,
}

impl Weights {
    fn new<'a>(left: &'a [Compared], right: &'a [Compared]) -> Self {
        let mut numbers: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut number = |c: &'a [Compared]| -> Vec<Vec<u32>> {
            c.iter()
                .map(|s| {
                    let mut ids: Vec<u32> = s
                        .stems
                        .iter()
                        .map(|stem| {
                            let next = numbers.len() as u32;
                            let id = *numbers.entry(stem.as_str()).or_insert(next);
                            if id as usize == df.len() {
                                df.push(0);
                            }
                            df[id as usize] += 1;
                            id
                        })
                        .collect();
                    ids.sort_unstable();
                    ids
                })
                .collect()
        };
        let (l, r) = (number(left), number(right));
        let n = (left.len() + right.len()) as f32;
        let weight: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
        let intern = |ids: Vec<u32>| Interned {
            total: ids.iter().map(|&i| weight[i as usize]).sum(),
            ids,
        };
        Weights {
            left: l.into_iter().map(intern).collect(),
            right: r.into_iter().map(intern).collect(),
            weight,
        }
    }

    /// The mean of the weighted Dice coefficient (shared weight over the
    /// mean weight of both) and the weighted overlap (shared weight over the
    /// lighter one's): Dice alone misses a sentence retold inside a longer
    /// one, overlap alone lets a short line match anything.
    fn similarity(&self, a: &Interned, b: &Interned) -> f32 {
        let (wa, wb) = (a.total, b.total);
        if wa == 0.0 || wb == 0.0 {
            return 0.0;
        }
        let (a, b) = (&a.ids, &b.ids);
        let mut shared = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight[a[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        let dice = 2.0 * shared / (wa + wb);
        // A line of one or two words is contained in almost anything: the
        // lighter side counts at least a third of the heavier.
        let overlap = shared / wa.min(wb).max(wa.max(wb) / 3.0);
        (dice + overlap) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &[Sentence]) -> Vec<&str> {
        s.iter().map(|s| s.text.as_str()).collect()
    }

    const FIRST: &str = "The harbour authority closed the northern pier on Monday after storms \
        damaged its pilings. Repairs are expected to cost 2.4 million euros. \
        Ferry services to the islands will run from the southern terminal until March.\n\n\
        The mayor said the town would ask the regional government for help.";

    #[test]
    fn reordered_paragraphs_add_nothing() {
        let second = "The mayor said the town would ask the regional government for help.\n\n\
            Ferry services to the islands will run from the southern terminal until March. \
            The harbour authority closed the northern pier on Monday after storms \
            damaged its pilings. Repairs are expected to cost 2.4 million euros.";
        let d = diff(FIRST, second);
        assert!(d.added.is_empty(), "{:?}", d.added);
        assert!(d.removed.is_empty(), "{:?}", d.removed);
        assert!(d.changed.is_empty());
        assert_eq!(d.shared, 4);
    }

    #[test]
    fn a_new_sentence_is_added_and_a_dropped_one_removed() {
        let second = "The harbour authority closed the northern pier on Monday after storms \
            damaged its pilings. Repairs are expected to cost 2.4 million euros. \
            A fishing cooperative warned that its boats could lose half the season.\n\n\
            The mayor said the town would ask the regional government for help.";
        let d = diff(FIRST, second);
        assert_eq!(
            texts(&d.added),
            ["A fishing cooperative warned that its boats could lose half the season."]
        );
        assert_eq!(
            texts(&d.removed),
            ["Ferry services to the islands will run from the southern terminal until March."]
        );
        assert_eq!(d.shared, 3);
    }

    #[test]
    fn a_reworded_sentence_is_changed_not_added() {
        let second = "Storm damage to its pilings led the harbour authority to shut the northern \
            pier on Monday. Repairs are expected to cost 2.4 million euros. \
            Ferry services to the islands will run from the southern terminal until March.\n\n\
            The town will seek help from the regional government, the mayor said.";
        let d = diff(FIRST, second);
        assert!(d.added.is_empty(), "{:?}", d.added);
        assert!(d.removed.is_empty(), "{:?}", d.removed);
        assert_eq!(d.changed.len(), 2);
        assert!(
            d.changed[0]
                .a
                .text
                .starts_with("The harbour authority closed")
        );
        assert!(d.changed[0].b.text.starts_with("Storm damage"));
        assert_eq!(d.shared, 2);
    }

    #[test]
    fn a_split_sentence_leaves_nothing_removed() {
        let first = "The council approved the budget on Tuesday, and the opposition \
            promised to challenge the spending cuts in court.";
        let second = "The council approved the budget on Tuesday. The opposition promised \
            to challenge the spending cuts in court.";
        let d = diff(first, second);
        assert!(d.added.is_empty(), "{:?}", d.added);
        assert!(d.removed.is_empty(), "{:?}", d.removed);
    }

    #[test]
    fn sentence_ranges_point_into_the_body() {
        let d = diff("", FIRST);
        assert_eq!(d.added.len(), 4);
        for s in &d.added {
            assert_eq!(&FIRST[s.range.clone()], s.text);
        }
        assert_eq!(d.lines.len(), 4);
    }

    #[test]
    fn a_reworded_sentence_names_what_it_adds() {
        let first = "The minister met the union leaders on Friday to discuss the strike.";
        let second = "On Friday the minister met union leaders, including Maria Okafor of \
            the dockers, to discuss the strike by 4,000 workers.";
        let d = diff(first, second);
        assert_eq!(d.changed.len(), 1, "{d:?}");
        assert_eq!(d.changed[0].new_names, ["Maria Okafor", "4,000"]);
    }

    #[test]
    fn new_words_of_a_retelling() {
        let c = Changed {
            a: Sentence {
                text: "The talks lasted four hours.".into(),
                range: 0..0,
            },
            b: Sentence {
                text: "The discussions lasted four hours.".into(),
                range: 0..0,
            },
            new_names: Vec::new(),
        };
        let new: Vec<&str> = c
            .new_words()
            .into_iter()
            .filter(|w| w.1)
            .map(|w| w.0)
            .collect();
        assert_eq!(new, ["discussions"]);
        assert!(c.closeness() > 0.5);
    }

    #[test]
    fn changed_words_are_marked() {
        let words = word_changes("the pier closed on Monday", "the pier reopened on Monday");
        let added: Vec<&str> = words
            .iter()
            .filter(|w| w.kind == WordKind::Added)
            .map(|w| w.text.as_str())
            .collect();
        let removed: Vec<&str> = words
            .iter()
            .filter(|w| w.kind == WordKind::Removed)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(added, ["reopened"]);
        assert_eq!(removed, ["closed"]);
    }

    #[test]
    fn json_lists_sentences_as_text() {
        let d = diff(
            "The port reopened on Monday.",
            "The port reopened on Monday. Officials expect traffic to recover by June.",
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json["added"][0],
            "Officials expect traffic to recover by June."
        );
        assert_eq!(json["shared"], 1);
        assert!(json.get("lines").is_none());
    }
}
