//! Entity terms of the query language (`person:`, `place:`, `org:`) over the
//! corpus's entity table: a value matches an entity when it matches its
//! canonical name or any alias, ignoring case, accents and transliteration
//! endings, word by word from the start of words ("rubio", "marco rub",
//! "zelenskiy"), or as a tight fuzzy match of the whole name for typos.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::Field;
use super::search::EntityFilter;
use crate::extract::entities::{Entity, EntityKind, EntityTable};
use crate::extract::names::skeleton_word;
use crate::text::fold;

fn kind_of(field: Field) -> Option<EntityKind> {
    match field {
        Field::Person => Some(EntityKind::Person),
        Field::Place => Some(EntityKind::Place),
        Field::Org => Some(EntityKind::Org),
        _ => None,
    }
}

/// Whether every word of `value` starts a word of `name`, in order.
fn words_match(value: &[String], name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(skeleton_word).collect();
    let mut at = 0;
    for v in value {
        match words[at..].iter().position(|w| w.starts_with(v.as_str())) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// Whether a query value names this entity.
pub fn entity_matches(entity: &Entity, value: &str) -> bool {
    let words: Vec<String> = value
        .split_whitespace()
        .map(skeleton_word)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let names = std::iter::once(&entity.name).chain(&entity.aliases);
    if names.clone().any(|n| words_match(&words, n)) {
        return true;
    }
    // A typo: a tight fuzzy match against the canonical name.
    let pattern = fold(value);
    let m = SkimMatcherV2::default().ignore_case();
    pattern.chars().count() >= 4
        && m.fuzzy_indices(&fold(&entity.name), &pattern)
            // At most two runs of matched letters: one slip.
            .is_some_and(|(_, idx)| idx.windows(2).filter(|w| w[1] != w[0] + 1).count() < 2)
}

impl EntityFilter for EntityTable {
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>> {
        let kind = kind_of(field)?;
        let mut out: Vec<usize> = self
            .entities
            .iter()
            .filter(|e| e.kind == kind && entity_matches(e, value))
            .flat_map(|e| e.articles.iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: String::new(),
            kind: EntityKind::Person,
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            articles: vec![],
            mentions: 1,
        }
    }

    #[test]
    fn values_match_names_and_aliases_by_word_prefix() {
        let z = entity("Volodymyr Zelensky", &["Zelenskiy", "Zelensky"]);
        assert!(entity_matches(&z, "zelensky"));
        assert!(entity_matches(&z, "Zelenskyy"));
        assert!(entity_matches(&z, "ZELENSKIY"));
        assert!(entity_matches(&z, "volodymyr zel"));
        assert!(entity_matches(&z, "zel"));
        assert!(!entity_matches(&z, "putin"));
        assert!(
            !entity_matches(&z, "vzky"),
            "scattered letters are not a name"
        );
        let r = entity("Marco Rubio", &[]);
        assert!(entity_matches(&r, "Marco Rubio"));
        assert!(entity_matches(&r, "rubi"));
        assert!(!entity_matches(&r, "rubio marco"));
        assert!(
            entity_matches(&r, "marcorubio"),
            "typo-tolerant for whole names"
        );
    }

    #[test]
    fn terms_select_articles_of_their_kind() {
        let mut table = EntityTable::default();
        let mut p = entity("Jordan Smith", &[]);
        p.articles = vec![0, 2];
        let mut place = entity("Jordan", &[]);
        place.kind = EntityKind::Place;
        place.articles = vec![1];
        table.entities = vec![p, place];
        assert_eq!(
            table.articles_matching(Field::Person, "jordan"),
            Some(vec![0, 2])
        );
        assert_eq!(
            table.articles_matching(Field::Place, "jordan"),
            Some(vec![1])
        );
        assert_eq!(table.articles_matching(Field::Org, "jordan"), Some(vec![]));
        assert_eq!(table.articles_matching(Field::Title, "jordan"), None);
    }
}
