//! Document-level agreement: a name means the same thing throughout an
//! article. Mentions of the same words vote for a kind with the tagger's
//! confidence, a person's full name lends its surname to later bare
//! surnames, and capitalised occurrences the tagger missed of a name it
//! found elsewhere are tagged too. Works on tags; knows nothing of text
//! offsets or the model's weights.

use std::collections::HashMap;
use std::ops::Range;

use super::EntityKind;
use super::features::{Case, Mode, Sentence};
use super::gazetteer::{List, begins, inside};
use super::rules::strip_lost_possessive;
use super::tags::{self, OUTSIDE};

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Org,
    EntityKind::Misc,
];

fn kind_slot(kind: EntityKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

struct Found {
    sentence: usize,
    span: Range<usize>,
    kind: EntityKind,
    key: String,
}

/// The words a mention is known by. A possessive ends the name before it:
/// in "Trump's post" the tagger may run on, but the name is "Trump".
fn key_of(s: &Sentence, span: &Range<usize>) -> String {
    let words = &s.words[span.clone()];
    let end = words
        .iter()
        .skip(1)
        .position(|w| matches!(w.lower.as_str(), "'s" | "'"))
        .map_or(words.len(), |p| p + 1);
    words[..end]
        .iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key of the name a lost-possessive key ("donald trumps") stands for.
fn stem_key(key: &str) -> Option<String> {
    let (head, last) = key.rsplit_once(' ').map_or(("", key), |(h, l)| (h, l));
    let mut chars = last.chars();
    let capitalised: String = chars.next()?.to_uppercase().chain(chars).collect();
    let stem = strip_lost_possessive(&capitalised)?.to_lowercase();
    Some(if head.is_empty() {
        stem
    } else {
        format!("{head} {stem}")
    })
}

fn is_role(w: &super::features::Word) -> bool {
    w.gaz & (begins(List::Role) | inside(List::Role)) != 0
}

/// Rewrites `tags` (one vector per sentence) so that equal names agree.
pub fn harmonise(sentences: &[Sentence], tags: &mut [Vec<u8>], margins: &[Vec<f32>]) {
    let mut found = Vec::new();
    let mut votes: HashMap<String, [f32; 4]> = HashMap::new();
    // Capitals in a headline are weak evidence: its mentions only decide a
    // name the body never tags.
    let mut headline_votes: HashMap<String, [f32; 4]> = HashMap::new();
    for (si, (s, t)) in sentences.iter().zip(tags.iter()).enumerate() {
        for (span, kind) in tags::spans(t) {
            let confidence = margins[si][span.clone()].iter().sum::<f32>() / span.len() as f32;
            let confidence = confidence.max(0.0);
            let key = key_of(s, &span);
            let slot = kind_slot(kind);
            if s.mode != Mode::Normal {
                headline_votes.entry(key.clone()).or_default()[slot] += confidence;
                found.push(Found {
                    sentence: si,
                    span,
                    kind,
                    key,
                });
                continue;
            }
            let v = votes.entry(key.clone()).or_default();
            v[slot] += confidence;
            // A title or role just before a name marks a person.
            if span.start > 0 && is_role(&s.words[span.start - 1]) {
                v[kind_slot(EntityKind::Person)] += confidence.max(1.0);
            }
            if kind == EntityKind::Person && span.len() > 1 {
                let surname = &s.words[span.end - 1];
                if surname.gaz & begins(List::FirstName) == 0 {
                    votes.entry(surname.lower.clone()).or_default()[slot] += confidence;
                }
            }
            found.push(Found {
                sentence: si,
                span,
                kind,
                key,
            });
        }
    }
    // "Ksenia Karelina" is a person when "Karelina" alone mostly is.
    for f in found
        .iter()
        .filter(|f| f.span.len() > 1 && sentences[f.sentence].mode == Mode::Normal)
    {
        let last = &sentences[f.sentence].words[f.span.end - 1];
        let person = kind_slot(EntityKind::Person);
        let lent = votes.get(&last.lower).filter(|v| {
            v.iter()
                .enumerate()
                .all(|(i, x)| i == person || *x < v[person])
        });
        if let Some(v) = lent.copied() {
            votes.entry(f.key.clone()).or_default()[person] += v[person];
        }
    }
    // A headline span the body does not know may hold one it does:
    // "VISITS NAIROBI" → "NAIROBI".
    for f in found
        .iter_mut()
        .filter(|f| sentences[f.sentence].mode != Mode::Normal)
    {
        if votes.contains_key(&f.key) {
            continue;
        }
        let s = &sentences[f.sentence];
        let (a, b) = (f.span.start, f.span.end);
        let inner = (1..b - a)
            .rev()
            .flat_map(|len| (a..=b - len).map(move |i| i..i + len));
        let known = inner
            .map(|r| (key_of(s, &r), r))
            .find(|(k, _)| votes.contains_key(k));
        if let Some((key, range)) = known {
            for t in &mut tags[f.sentence][f.span.clone()] {
                *t = OUTSIDE;
            }
            retag(&mut tags[f.sentence], range.clone(), f.kind);
            f.span = range;
            f.key = key;
        }
    }
    for (key, v) in headline_votes {
        votes.entry(key).or_insert(v);
    }
    // "Putins" (a possessive that lost its apostrophe) and "Putin" are one
    // name: their votes are pooled under the stem.
    let stems: HashMap<String, String> = votes
        .keys()
        .filter_map(|k| {
            stem_key(k)
                .filter(|stem| votes.contains_key(stem))
                .map(|stem| (k.clone(), stem))
        })
        .collect();
    for (key, stem) in &stems {
        if let Some(v) = votes.get(key).copied() {
            let pooled = votes.entry(stem.clone()).or_default();
            for (p, x) in pooled.iter_mut().zip(v) {
                *p += x;
            }
        }
    }
    let winner = |key: &str| {
        let key = stems.get(key).map_or(key, String::as_str);
        let v = votes.get(key)?;
        let (slot, best) =
            v.iter().enumerate().fold(
                (0, f32::MIN),
                |a, (i, x)| if *x > a.1 { (i, *x) } else { a },
            );
        (best > 0.0).then_some(KINDS[slot])
    };
    for f in &found {
        if let Some(kind) = winner(&f.key).filter(|k| *k != f.kind) {
            retag(&mut tags[f.sentence], f.span.clone(), kind);
        }
    }
    // Single capitalised words the tagger left out although the document
    // names them elsewhere.
    for (si, s) in sentences.iter().enumerate() {
        if s.mode != Mode::Normal {
            continue;
        }
        for i in 1..s.words.len() {
            let w = &s.words[i];
            let free =
                tags[si][i] == OUTSIDE && tags[si].get(i + 1).is_none_or(|t| !tags::is_inside(*t));
            if !free || !matches!(w.case, Case::Title | Case::Upper) {
                continue;
            }
            let confident = votes
                .get(&w.lower)
                .is_some_and(|v| v.iter().sum::<f32>() > 0.0);
            if let Some(kind) = winner(&w.lower).filter(|_| confident) {
                tags[si][i] = tags::begin(kind);
            }
        }
    }
}

fn retag(t: &mut [u8], span: Range<usize>, kind: EntityKind) {
    for i in span.clone() {
        t[i] = if i == span.start {
            tags::begin(kind)
        } else {
            tags::inside(kind)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::prepare;

    #[test]
    fn lost_possessives_pool_their_votes_with_the_name() {
        assert_eq!(stem_key("donald trumps").as_deref(), Some("donald trump"));
        assert_eq!(stem_key("paris"), None);
        let s = sentences(&[
            "President Donald Trumps envoy",
            "then Trump said",
            "ask Trumps aide",
        ]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let mut t = vec![
            vec![OUTSIDE, per, tags::inside(EntityKind::Person), OUTSIDE],
            vec![OUTSIDE, org, OUTSIDE],
            vec![OUTSIDE, org, OUTSIDE],
        ];
        let margins = vec![vec![3.0; 4], vec![1.0; 3], vec![1.0; 3]];
        harmonise(&s, &mut t, &margins);
        assert_eq!((t[1][1], t[2][1]), (per, per));
    }

    #[test]
    fn a_full_name_follows_its_surname() {
        let s = sentences(&[
            "freed dancer Ksenia Karelina .",
            "Karelina said .",
            "then Karelina left .",
        ]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let mut t = vec![
            vec![
                OUTSIDE,
                OUTSIDE,
                org,
                tags::inside(EntityKind::Org),
                OUTSIDE,
            ],
            vec![per, OUTSIDE, OUTSIDE],
            vec![OUTSIDE, per, OUTSIDE, OUTSIDE],
        ];
        let margins = vec![vec![1.0; 5], vec![2.0; 3], vec![2.0; 4]];
        harmonise(&s, &mut t, &margins);
        assert_eq!(t[0][2..4], [per, tags::inside(EntityKind::Person)]);
    }

    #[test]
    fn names_run_on_past_a_possessive_agree_with_the_name() {
        let s = sentences(&["after Trump 's post", "Then Trump said"]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let inside = tags::inside(EntityKind::Org);
        let mut t = vec![
            vec![OUTSIDE, org, inside, inside],
            vec![OUTSIDE, per, OUTSIDE],
        ];
        harmonise(&s, &mut t, &[vec![1.0; 4], vec![3.0; 3]]);
        assert_eq!(
            t[0],
            [
                OUTSIDE,
                per,
                tags::inside(EntityKind::Person),
                tags::inside(EntityKind::Person)
            ]
        );
    }

    #[test]
    fn headlines_follow_the_body() {
        let s = sentences(&["LOPEZ VISITS NAIROBI", "Lopez arrived in Nairobi ."]);
        let per = tags::begin(EntityKind::Person);
        let loc = tags::begin(EntityKind::Place);
        let mut t = vec![
            vec![per, OUTSIDE, per],
            vec![per, OUTSIDE, OUTSIDE, loc, OUTSIDE],
        ];
        let margins = vec![vec![9.0; 3], vec![1.0; 5]];
        harmonise(&s, &mut t, &margins);
        assert_eq!(t[0], [per, OUTSIDE, loc]);
    }
    use crate::extract::ner::gazetteer::Gazetteer;

    fn sentences(lines: &[&str]) -> Vec<Sentence> {
        lines
            .iter()
            .map(|l| prepare(&l.split(' ').collect::<Vec<_>>(), Gazetteer::shipped()))
            .collect()
    }

    #[test]
    fn confident_and_full_name_mentions_win_the_vote() {
        let s = sentences(&[
            "Steve Witkoff arrived .",
            "Then Witkoff left .",
            "They said Witkoff stayed .",
        ]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let mut t = vec![
            vec![per, tags::inside(EntityKind::Person), OUTSIDE, OUTSIDE],
            vec![OUTSIDE, org, OUTSIDE, OUTSIDE],
            vec![OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE],
        ];
        let margins = vec![
            vec![5.0, 5.0, 1.0, 1.0],
            vec![1.0, 1.0, 1.0, 1.0],
            vec![1.0; 5],
        ];
        harmonise(&s, &mut t, &margins);
        assert_eq!(t[1][1], per, "bare surname follows the full name");
        assert_eq!(t[2][2], per, "missed capitalised occurrence is tagged");
        assert_eq!(t[0][2], OUTSIDE);
    }

    #[test]
    fn a_name_that_lost_its_apostrophe_pools_with_the_name() {
        let s = sentences(&["Then Putin spoke .", "Then Putins aide left ."]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let mut t = vec![
            vec![OUTSIDE, per, OUTSIDE, OUTSIDE],
            vec![OUTSIDE, org, OUTSIDE, OUTSIDE, OUTSIDE],
        ];
        let margins = vec![vec![4.0; 4], vec![3.0; 5]];
        harmonise(&s, &mut t, &margins);
        assert_eq!(t[1][1], per);
    }

    #[test]
    fn a_role_before_a_name_votes_person() {
        let s = sentences(&["President Lopez spoke .", "Lopez said no .", "Lopez left ."]);
        let per = tags::begin(EntityKind::Person);
        let org = tags::begin(EntityKind::Org);
        let mut t = vec![
            vec![OUTSIDE, per, OUTSIDE, OUTSIDE],
            vec![org, OUTSIDE, OUTSIDE, OUTSIDE],
            vec![org, 0, 0],
        ];
        let margins = vec![vec![1.0; 4], vec![1.5; 4], vec![0.2; 3]];
        harmonise(&s, &mut t, &margins);
        assert_eq!(t[1][0], per);
        assert_eq!(t[2][0], per);
    }
}
