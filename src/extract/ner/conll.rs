//! Reading CoNLL-2003 style files: one token a line with the entity tag in the
//! last column, blank lines between sentences, `-DOCSTART-` between
//! documents. Only the word and the tag are kept; other columns are ignored.

use std::path::Path;

use super::NerError;
use super::tags::{self, OUTSIDE};

/// One sentence: words and their BIO tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<u8>,
}

/// One document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaggedDocument {
    pub sentences: Vec<TaggedSentence>,
}

pub fn read(path: &Path) -> Result<Vec<TaggedDocument>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text).map_err(|(line, message)| NerError::Conll {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// Parses CoNLL text; errors carry a 1-based line number.
pub fn parse(text: &str) -> Result<Vec<TaggedDocument>, (usize, String)> {
    let mut docs = vec![TaggedDocument::default()];
    let mut sentence = TaggedSentence::default();
    let flush = |docs: &mut Vec<TaggedDocument>, sentence: &mut TaggedSentence| {
        if !sentence.words.is_empty() {
            repair_iob1(&mut sentence.tags);
            if let Some(doc) = docs.last_mut() {
                doc.sentences.push(std::mem::take(sentence));
            }
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut docs, &mut sentence);
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            flush(&mut docs, &mut sentence);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(TaggedDocument::default());
            }
            continue;
        }
        let label = cols
            .last()
            .ok_or((n + 1, format!("no entity tag after {word:?}")))?;
        let tag = tags::parse(label).ok_or((n + 1, format!("unknown entity tag {label:?}")))?;
        sentence.words.push(word.to_string());
        sentence.tags.push(tag);
    }
    flush(&mut docs, &mut sentence);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// IOB1 files start spans with `I-`; make every span start with `B-`.
fn repair_iob1(t: &mut [u8]) {
    let mut prev = OUTSIDE;
    for tag in t.iter_mut() {
        if tags::is_inside(*tag) && !tags::allowed(prev, *tag) {
            *tag -= 1;
        }
        prev = *tag;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_sentences_and_tags() {
        let text = "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nSmith NNP I-NP I-PER\nleft VBD B-VP O\n\n\
                    Oslo NNP B-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nIBM NNP B-NP I-ORG\n";
        let docs = parse(text).expect("valid fixture");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["Anna", "Smith", "left"]);
        assert_eq!(
            docs[0].sentences[0]
                .tags
                .iter()
                .map(|t| tags::name(*t))
                .collect::<Vec<_>>(),
            ["B-PER", "I-PER", "O"]
        );
        // IOB1 span start repaired to B-.
        assert_eq!(tags::name(docs[1].sentences[0].tags[0]), "B-ORG");
    }

    #[test]
    fn reports_bad_lines() {
        assert_eq!(parse("Anna B-PER\nSmith X-PER\n").map_err(|e| e.0), Err(2));
    }
}
