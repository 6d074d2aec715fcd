//! The BIO tag set the tagger predicts and the spans it encodes. Knows
//! nothing of features or text.

use std::ops::Range;

use super::EntityKind;

/// Number of tags: `O` plus `B-`/`I-` for each of the four kinds.
pub const TAG_COUNT: usize = 9;
pub const OUTSIDE: u8 = 0;

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Org,
    EntityKind::Misc,
];
const CONLL: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

pub fn kind_of(tag: u8) -> Option<EntityKind> {
    (tag != OUTSIDE).then(|| KINDS[(tag as usize - 1) / 2])
}

fn kind_index(kind: EntityKind) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

pub fn begin(kind: EntityKind) -> u8 {
    1 + 2 * kind_index(kind)
}

pub fn inside(kind: EntityKind) -> u8 {
    2 + 2 * kind_index(kind)
}

pub fn is_inside(tag: u8) -> bool {
    tag != OUTSIDE && tag.is_multiple_of(2)
}

/// `I-X` may only continue `B-X` or `I-X`.
pub fn allowed(prev: u8, tag: u8) -> bool {
    !is_inside(tag) || (prev != OUTSIDE && kind_of(prev) == kind_of(tag))
}

/// Parses a CoNLL tag (`O`, `B-PER`, `I-LOC`, ...).
pub fn parse(label: &str) -> Option<u8> {
    if label == "O" {
        return Some(OUTSIDE);
    }
    let (prefix, kind) = label.split_once('-')?;
    let k = CONLL.iter().position(|c| *c == kind)?;
    let kind = KINDS[k];
    match prefix {
        "B" => Some(begin(kind)),
        "I" => Some(inside(kind)),
        _ => None,
    }
}

#[cfg(test)]
pub fn name(tag: u8) -> String {
    match kind_of(tag) {
        None => "O".to_string(),
        Some(kind) => {
            let prefix = if is_inside(tag) { "I" } else { "B" };
            format!("{prefix}-{}", CONLL[kind_index(kind) as usize])
        }
    }
}

/// Token spans and kinds encoded by a tag sequence. A stray `I-X` (IOB1 or a
/// decoder slip) opens a new span rather than being lost.
pub fn spans(tags: &[u8]) -> Vec<(Range<usize>, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let kind = kind_of(tag);
        let continues = is_inside(tag) && open.is_some_and(|(_, k)| Some(k) == kind);
        if continues {
            continue;
        }
        if let Some((start, k)) = open.take() {
            out.push((start..i, k));
        }
        if let Some(k) = kind {
            open = Some((i, k));
        }
    }
    if let Some((start, k)) = open {
        out.push((start..tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_names_round_trip() {
        for tag in 0..TAG_COUNT as u8 {
            assert_eq!(parse(&name(tag)), Some(tag));
        }
        assert_eq!(parse("B-XYZ"), None);
        assert!(allowed(
            begin(EntityKind::Person),
            inside(EntityKind::Person)
        ));
        assert!(!allowed(begin(EntityKind::Org), inside(EntityKind::Person)));
        assert!(!allowed(OUTSIDE, inside(EntityKind::Place)));
    }

    #[test]
    fn decodes_spans_including_stray_inside_tags() {
        let p = begin(EntityKind::Person);
        let pi = inside(EntityKind::Person);
        let l = begin(EntityKind::Place);
        let li = inside(EntityKind::Place);
        let tags = [p, pi, OUTSIDE, li, li, l, p];
        assert_eq!(
            spans(&tags),
            vec![
                (0..2, EntityKind::Person),
                (3..5, EntityKind::Place),
                (5..6, EntityKind::Place),
                (6..7, EntityKind::Person)
            ]
        );
    }
}
