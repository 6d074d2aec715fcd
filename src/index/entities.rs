//! Entity terms of the query language (`person:`, `place:`, `org:`) over the
//! corpus's entity table: a value matches an entity when it matches its
//! canonical name or any alias, ignoring case, accents and transliteration
//! endings, word by word from the start of words ("rubio", "marco rub",
//! "zelenskiy"), or as a tight fuzzy match of the whole name for typos.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::fuzzy;
use super::query::Field;
use super::search::EntityFilter;
use crate::extract::entities::{Entity, EntityKind, EntityTable};
use crate::extract::names::{skeleton_word, skeleton_word_into};
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
    // An ASCII name's skeletons hold only its own letters, lowercased, and
    // the `y` an ending may become: a value word with any other letter
    // starts none of them, and no skeleton need be made.
    if name.is_ascii() {
        let held = name
            .bytes()
            .fold(0u128, |m, b| m | 1 << b.to_ascii_lowercase());
        let lacks = |b: u8| b != b'y' && (!b.is_ascii() || held & 1 << b == 0);
        if value.iter().flat_map(|v| v.bytes()).any(lacks) {
            return false;
        }
    }
    // An ASCII word's skeleton starts with its first letter, digit or dash,
    // lowercased: a name none of whose words starts as the value's first
    // word does needs no skeletons either.
    if name.is_ascii()
        && let Some(first) = value.first().and_then(|v| v.bytes().next())
        && !name.split_whitespace().any(|w| {
            w.bytes()
                .find(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .is_some_and(|b| b.to_ascii_lowercase() == first)
        })
    {
        return false;
    }
    thread_local! {
        static SKELETON: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SKELETON.with_borrow_mut(|skeleton| {
        let mut words = name.split_whitespace();
        value.iter().all(|v| {
            words.any(|w| {
                skeleton_word_into(w, skeleton);
                skeleton.starts_with(v.as_str())
            })
        })
    })
}

/// Whether `pattern` (folded) occurs in order in the ASCII `name`,
/// ignoring case.
fn ascii_subsequence(name: &str, pattern: &str) -> bool {
    let mut rest = name.bytes().map(|b| b.to_ascii_lowercase());
    pattern.bytes().all(|p| rest.any(|b| b == p))
}

/// Whether a query value names this entity.
pub fn entity_matches(entity: &Entity, value: &str) -> bool {
    NameQuery::new(value).matches(entity)
}

/// A query value prepared once for testing every entity of a table.
pub struct NameQuery {
    words: Vec<String>,
    /// The folded value, for the typo test.
    pattern: String,
    matcher: SkimMatcherV2,
}

impl NameQuery {
    pub fn new(value: &str) -> NameQuery {
        NameQuery {
            words: value
                .split_whitespace()
                .map(skeleton_word)
                .filter(|w| !w.is_empty())
                .collect(),
            pattern: fold(value),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Whether the value names `entity`: word by word, or as a typo of
    /// its canonical name.
    pub fn matches(&self, entity: &Entity) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let names = std::iter::once(&entity.name).chain(&entity.aliases);
        if names.clone().any(|n| words_match(&self.words, n)) {
            return true;
        }
        // A typo: a tight fuzzy match against the canonical name. The
        // letters in order, in at most two runs, come first: the scorer
        // runs only for names that pass.
        if self.pattern.chars().count() < 4 {
            return false;
        }
        // Folding an ASCII name only lowercases it: most names are ruled
        // out before one is made.
        if entity.name.is_ascii() && !ascii_subsequence(&entity.name, &self.pattern) {
            return false;
        }
        let name = fold(&entity.name);
        fuzzy::is_subsequence(&name, &self.pattern)
            && fuzzy::fits_in_runs(name.as_bytes(), &self.pattern, 2)
            && self
                .matcher
                .fuzzy_indices(&name, &self.pattern)
                // At most two runs of matched letters: one slip.
                .is_some_and(|(_, idx)| idx.windows(2).filter(|w| w[1] != w[0] + 1).count() < 2)
    }
}

/// The articles of all `lists`, ascending, each once. A short letter
/// (`person:r`) names thousands of entities: their articles are gathered
/// as bits rather than sorted.
fn sorted_union(lists: &[&[usize]]) -> Vec<usize> {
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let end = lists
        .iter()
        .flat_map(|l| l.iter())
        .max()
        .map_or(0, |&m| m + 1);
    if total < 4096 || total < end / 64 {
        let mut out: Vec<usize> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        out.sort_unstable();
        out.dedup();
        return out;
    }
    let mut bits = vec![0u64; end.div_ceil(64)];
    for &i in lists.iter().flat_map(|l| l.iter()) {
        bits[i / 64] |= 1 << (i % 64);
    }
    let mut out = Vec::with_capacity(total.min(end));
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            out.push(w * 64 + word.trailing_zeros() as usize);
            word &= word - 1;
        }
    }
    out
}

impl EntityFilter for EntityTable {
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>> {
        let kind = kind_of(field)?;
        let query = NameQuery::new(value);
        let lists: Vec<&[usize]> = self
            .entities
            .par_iter()
            .filter(|e| e.kind == kind && query.matches(e))
            .map(|e| e.articles.as_slice())
            .collect();
        Some(sorted_union(&lists))
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
    fn a_union_of_article_lists_is_sorted_and_each_once_however_it_is_made() {
        let few: Vec<usize> = vec![9, 3, 3, 700];
        let many: Vec<usize> = (0..10_000).rev().map(|i| i * 3 % 7919).collect();
        let more: Vec<usize> = (0..5_000).map(|i| i * 2).collect();
        for lists in [
            vec![few.as_slice()],
            vec![many.as_slice(), more.as_slice()],
            vec![few.as_slice(), many.as_slice()],
            vec![],
        ] {
            let mut expected: Vec<usize> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(sorted_union(&lists), expected);
        }
    }

    #[test]
    fn the_first_letter_check_changes_no_answer() {
        let names = [
            "Sean O'Brien",
            "Jean-Marie Le Pen",
            "U.S. Steel",
            "-Dash Start",
            "(Reuters) Desk",
            "Volodymyr Zelenskiy",
            "Al-Assad",
            "3M Company",
            "Mary-Kate Olsen",
            "D'Arcy",
        ];
        let slow = |value: &[String], name: &str| {
            let mut words = name.split_whitespace().map(skeleton_word);
            value
                .iter()
                .all(|v| words.any(|w| w.starts_with(v.as_str())))
        };
        for name in names {
            let mut values: Vec<String> = Vec::new();
            for word in name
                .split_whitespace()
                .chain(["x", "o", "d", "-", "3", "us"])
            {
                let skeleton = skeleton_word(word);
                for end in 1..=skeleton.len() {
                    values.push(skeleton[..end].to_string());
                }
            }
            for v in &values {
                let value = vec![v.clone()];
                assert_eq!(
                    words_match(&value, name),
                    slow(&value, name),
                    "{v} in {name}"
                );
            }
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
        let o = entity("Sean O'Brien", &["(Sean) O'Brien"]);
        assert!(entity_matches(&o, "obri"));
        assert!(entity_matches(&o, "sean o'b"));
        let m = entity("Jean-Marie Le Pen", &[]);
        assert!(entity_matches(&m, "jean-m"));
        assert!(entity_matches(&m, "le pen"));
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
    fn names_are_matched_word_by_word_as_their_skeletons_say() {
        // Word matching as it reads without the letter test first.
        fn by_skeletons(value: &[String], name: &str) -> bool {
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
        let names = [
            "Volodymyr Zelenskij",
            "Marco Rubio",
            "Ronald Reagan",
            "U.S. Trade Representative",
            "Jean-Claude Juncker",
            "Recep Tayyip Erdoğan",
            "O'Brien",
        ];
        let values = [
            "zelensky",
            "zel",
            "marco rub",
            "rubio marco",
            "reag",
            "us trade",
            "u.s.",
            "jean-cl",
            "juncker",
            "erdogan",
            "obrien",
            "o",
            "y",
            "vz",
            "ronald x",
        ];
        for name in names {
            for v in values {
                let words: Vec<String> = v
                    .split_whitespace()
                    .map(skeleton_word)
                    .filter(|w| !w.is_empty())
                    .collect();
                assert_eq!(
                    words_match(&words, name),
                    by_skeletons(&words, name),
                    "{name} {v}"
                );
            }
        }
    }

    #[test]
    fn the_typo_test_runs_the_scorer_only_where_it_can_pass() {
        // The typo test as it reads without the cheap tests first.
        fn scored_alone(entity: &Entity, value: &str) -> bool {
            let pattern = fold(value);
            pattern.chars().count() >= 4
                && SkimMatcherV2::default()
                    .ignore_case()
                    .fuzzy_indices(&fold(&entity.name), &pattern)
                    .is_some_and(|(_, idx)| idx.windows(2).filter(|w| w[1] != w[0] + 1).count() < 2)
        }
        let names = [
            "Volodymyr Zelensky",
            "Marco Rubio",
            "Ronald Reagan",
            "Jean-Claude Juncker",
            "Recep Tayyip Erdoğan",
            "Ólafur Ragnar",
        ];
        let values = [
            "marcorubio",
            "reagn",
            "ronaldreagan",
            "rnld",
            "zelnsky",
            "junker",
            "jeanclaude",
            "erdogan",
            "erdgan",
            "olafur",
            "olfr",
            "raganr",
            "vzky",
        ];
        for name in names {
            let e = entity(name, &[]);
            for v in values {
                let q = NameQuery::new(v);
                let by_words = words_match(&q.words, name);
                assert_eq!(q.matches(&e), by_words || scored_alone(&e, v), "{name} {v}");
            }
        }
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
