//! Corrections applied to tagged spans in news text: titles and roles
//! ("President", "Foreign Minister", "Kremlin aide") are not part of a
//! person's name, possessive endings and stray quotes are not part of any
//! name, and a lone capitalised word whose only evidence is its capital (a
//! sentence start, a headline) is dropped when the document otherwise uses
//! it as a common word. Knows nothing of the model's weights.

use std::ops::Range;

use super::EntityKind;
use super::features::{Case, Mode, Sentence};
use super::gazetteer::{Gazetteer, List};

/// Narrows a tagged span of `sentence` to the name it holds, or drops it.
/// `lowered` are the sentence's normalised words.
pub fn trim_span(
    sentence: &Sentence,
    lowered: &[&str],
    span: Range<usize>,
    kind: EntityKind,
    common_words: &dyn Fn(&str) -> bool,
    gazetteer: &Gazetteer,
) -> Option<Range<usize>> {
    let (mut start, mut end) = (span.start, span.end);
    let not_name = |w: &str| w.chars().all(|c| !c.is_alphanumeric()) || is_possessive(w);
    while start < end && not_name(lowered[start]) {
        start += 1;
    }
    while end > start && not_name(lowered[end - 1]) {
        end -= 1;
    }
    if kind == EntityKind::Person {
        // Roles can stack: "Kremlin aide", "former Foreign Minister".
        while start < end {
            let role = gazetteer.match_at(&lowered[..end], start, List::Role);
            match role {
                Some(n) => start += n,
                _ if matches!(
                    lowered[start],
                    "former" | "late" | "then" | "acting" | "of" | "the"
                ) =>
                {
                    start += 1
                }
                _ => break,
            }
        }
    }
    if start >= end {
        return None;
    }
    if end - start == 1
        && capital_is_only_evidence(sentence, start, lowered[start], common_words, gazetteer)
    {
        return None;
    }
    Some(start..end)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "'")
}

/// A single word at the start of a sentence or in a headline, that the rest
/// of the document writes in lowercase and no list knows, is a common word
/// that happens to be capitalised.
fn capital_is_only_evidence(
    sentence: &Sentence,
    i: usize,
    lowered: &str,
    common_words: &dyn Fn(&str) -> bool,
    gazetteer: &Gazetteer,
) -> bool {
    let word = &sentence.words[i];
    let capital_uninformative = sentence.mode != Mode::Normal || i == 0;
    capital_uninformative
        && matches!(word.case, Case::Title | Case::Upper)
        && word.gaz == 0
        && gazetteer.match_at(&[lowered], 0, List::Country).is_none()
        && common_words(&word.lower)
}

/// `Trumps` → `Trump`, `Donald Trumps` → `Donald Trump`: the candidate name
/// when a possessive lost its apostrophe. `None` for endings that usually
/// belong to the name (`Paris`, `Jones`, `Ross`); a candidate is only a
/// guess (`Brussels` gives `Brussel`), to be kept when the stem is a name
/// seen elsewhere.
pub fn strip_lost_possessive(name: &str) -> Option<&str> {
    let last_word = name.rsplit(' ').next().unwrap_or(name);
    let mut rev = last_word.chars().rev();
    let s = rev.next()?;
    let before = rev.next()?;
    let first = last_word.chars().next()?;
    let stem_letters = last_word.chars().count() - 1;
    let matching_case = (s == 's' && before.is_lowercase()) || (s == 'S' && before.is_uppercase());
    let name_ending = matches!(
        before.to_ascii_lowercase(),
        's' | 'u' | 'i' | 'e' | 'y' | '\'' | '\u{2019}'
    );
    if !first.is_uppercase() || !matching_case || name_ending || stem_letters < 3 {
        return None;
    }
    Some(&name[..name.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::prepare;
    use crate::extract::ner::gazetteer::normalise;

    fn trim(words: &str, span: Range<usize>, kind: EntityKind, common: &[&str]) -> Option<String> {
        let words: Vec<&str> = words.split(' ').collect();
        let lowered: Vec<String> = words.iter().map(|w| normalise(w)).collect();
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let gazetteer = Gazetteer::shipped();
        let sentence = prepare(&words, gazetteer);
        let is_common = |w: &str| common.contains(&w);
        trim_span(&sentence, &lowered, span, kind, &is_common, gazetteer)
            .map(|r| words[r].join(" "))
    }

    #[test]
    fn roles_are_not_part_of_a_person() {
        let p = EntityKind::Person;
        assert_eq!(
            trim("met President Vladimir Putin", 1..4, p, &[]),
            Some("Vladimir Putin".into())
        );
        assert_eq!(
            trim("met Secretary of State Marco Rubio", 1..6, p, &[]),
            Some("Marco Rubio".into())
        );
        assert_eq!(
            trim("said Kremlin aide Yuri Ushakov", 1..5, p, &[]),
            Some("Yuri Ushakov".into())
        );
        assert_eq!(
            trim("by former Foreign Minister Ann Linde", 1..6, p, &[]),
            Some("Ann Linde".into())
        );
        // A role alone is no person; places keep their words.
        assert_eq!(trim("the President said", 1..2, p, &[]), None);
        assert_eq!(
            trim("in General Santos", 1..3, EntityKind::Place, &[]),
            Some("General Santos".into())
        );
    }

    #[test]
    fn possessives_and_quotes_fall_outside_names() {
        let p = EntityKind::Person;
        assert_eq!(
            trim("met Trump 's envoy", 1..3, p, &[]),
            Some("Trump".into())
        );
        assert_eq!(
            trim("met Trump \u{2019}s envoy", 1..3, p, &[]),
            Some("Trump".into())
        );
        assert_eq!(
            trim("\" Witkoff said", 0..2, p, &[]),
            Some("Witkoff".into())
        );
    }

    #[test]
    fn a_lone_capital_at_a_sentence_start_needs_more_evidence() {
        let o = EntityKind::Org;
        assert_eq!(trim("Despite the talks", 0..1, o, &["despite"]), None);
        assert_eq!(
            trim("Witkoff arrived", 0..1, EntityKind::Person, &["arrived"]),
            Some("Witkoff".into())
        );
        assert_eq!(trim("TALKS STALL IN MOSCOW", 0..1, o, &["talks"]), None);
        assert_eq!(
            trim("TALKS STALL IN MOSCOW", 3..4, EntityKind::Place, &["talks"]),
            Some("MOSCOW".into())
        );
        // Mid-sentence capitals are evidence on their own.
        assert_eq!(
            trim("they met Despite", 2..3, o, &["despite"]),
            Some("Despite".into())
        );
    }

    #[test]
    fn lost_possessives() {
        assert_eq!(strip_lost_possessive("Trumps"), Some("Trump"));
        assert_eq!(strip_lost_possessive("Moscows"), Some("Moscow"));
        assert_eq!(strip_lost_possessive("Donald Trumps"), Some("Donald Trump"));
        assert_eq!(strip_lost_possessive("KREMLINS"), Some("KREMLIN"));
        for kept in [
            "Paris", "Jones", "Ross", "Mays", "Gus", "Trump", "trumps", "Als",
        ] {
            assert_eq!(strip_lost_possessive(kept), None, "{kept}");
        }
    }
}
