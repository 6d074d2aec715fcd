//! Entity terms of the query language (`person:`, `place:`, `org:`) over the
//! corpus's entity table: a value matches an entity when it matches its
//! canonical name or any alias, ignoring case, accents and transliteration
//! endings, word by word from the start of words ("rubio", "marco rub",
//! "zelenskiy"), or as a tight fuzzy match of the whole name for typos.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::fuzzy;
use super::query::{Field, ReaderMark};
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

    /// Whether the value is long enough to be taken for a typo of a name.
    fn typo_possible(&self) -> bool {
        self.pattern.chars().nth(3).is_some()
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
        if !self.typo_possible() {
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
fn sorted_union(lists: &[&[u32]]) -> Vec<usize> {
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let end = lists
        .iter()
        .flat_map(|l| l.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    if total < 4096 || total < end / 64 {
        let mut out: Vec<usize> = lists
            .iter()
            .flat_map(|l| l.iter().map(|&a| a as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        return out;
    }
    let mut bits = vec![0u64; end.div_ceil(64)];
    for i in lists.iter().flat_map(|l| l.iter().map(|&a| a as usize)) {
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
        let lists: Vec<&[u32]> = self
            .entities
            .par_iter()
            .filter(|e| e.kind == kind && query.matches(e))
            .map(|e| e.articles.as_slice())
            .collect();
        Some(sorted_union(&lists))
    }
}

/// The names of one kind of entity, indexed two ways: every word's
/// skeleton, and every pair of neighbouring chars of the canonical name.
#[derive(Default)]
struct KindIndex {
    /// The distinct skeletons of the words of every name and alias, sorted.
    words: Vec<Box<str>>,
    /// Per word, where its entities start in `word_entities`; one more
    /// entry closes the last.
    word_starts: Vec<u32>,
    /// Per word in turn, the entities with a name using it, ascending.
    word_entities: Vec<u32>,
    /// The distinct pairs of neighbouring chars of the canonical names,
    /// folded and with ASCII letters lowercased (see [`pair_key`]), sorted.
    pairs: Vec<u64>,
    pair_starts: Vec<u32>,
    pair_entities: Vec<u32>,
}

/// The key of a pair of neighbouring chars: the skim scorer compares chars
/// ignoring ASCII case only, and so do the keys.
fn pair_key(a: char, b: char) -> u64 {
    ((a.to_ascii_lowercase() as u64) << 32) | b.to_ascii_lowercase() as u64
}

/// Sorted keys and, per key in turn, its ascending entities, from a map.
fn grouped<K: Ord + Clone>(map: FxHashMap<K, Vec<u32>>) -> (Vec<K>, Vec<u32>, Vec<u32>) {
    let mut entries: Vec<(K, Vec<u32>)> = map.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut keys = Vec::with_capacity(entries.len());
    let mut starts = Vec::with_capacity(entries.len() + 1);
    let mut all = Vec::new();
    starts.push(0);
    for (k, list) in entries {
        keys.push(k);
        all.extend(list);
        starts.push(all.len() as u32);
    }
    (keys, starts, all)
}

/// Pushes `e` onto `list` unless it is already its last entry (entities
/// are added in ascending order, so each is kept once).
fn push_once(list: &mut Vec<u32>, e: u32) {
    if list.last() != Some(&e) {
        list.push(e);
    }
}

impl KindIndex {
    fn build<'a>(entities: impl Iterator<Item = (u32, &'a Entity)>) -> KindIndex {
        let mut words: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut pairs: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut skeleton = String::new();
        for (e, entity) in entities {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                for w in name.split_whitespace() {
                    skeleton_word_into(w, &mut skeleton);
                    match words.get_mut(skeleton.as_str()) {
                        Some(list) => push_once(list, e),
                        None => {
                            words.insert(skeleton.as_str().into(), vec![e]);
                        }
                    }
                }
            }
            let folded: Vec<char> = fold(&entity.name).chars().collect();
            for w in folded.windows(2) {
                push_once(pairs.entry(pair_key(w[0], w[1])).or_default(), e);
            }
        }
        let (words, word_starts, word_entities) = grouped(words);
        let (pairs, pair_starts, pair_entities) = grouped(pairs);
        KindIndex {
            words,
            word_starts,
            word_entities,
            pairs,
            pair_starts,
            pair_entities,
        }
    }

    /// The entities with a name or alias one of whose words' skeletons
    /// starts with `prefix`, in runs each ascending.
    fn starting(&self, prefix: &str, out: &mut Vec<u32>) {
        let lo = self.words.partition_point(|w| &**w < prefix);
        let hi = lo + self.words[lo..].partition_point(|w| w.starts_with(prefix));
        let (from, to) = (self.word_starts[lo], self.word_starts[hi]);
        out.extend_from_slice(&self.word_entities[from as usize..to as usize]);
    }

    /// The entities whose canonical name holds the pair `key`, ascending.
    fn holding(&self, key: u64) -> &[u32] {
        match self.pairs.binary_search(&key) {
            Ok(k) => {
                let (from, to) = (self.pair_starts[k], self.pair_starts[k + 1]);
                &self.pair_entities[from as usize..to as usize]
            }
            Err(_) => &[],
        }
    }

    /// Every entity `query` can name, and more: those a word of the value
    /// can start a name's word of, and, for a value long enough to be
    /// taken for a typo of a name, those holding one of two of its pairs.
    fn candidates(&self, query: &NameQuery) -> Vec<u32> {
        let Some(first) = query.words.first() else {
            return Vec::new();
        };
        // Matched word by word, the value's first word starts a word of a
        // name: the entities it starts a word of hold every such match.
        let mut out = Vec::new();
        self.starting(first, &mut out);
        // A typo matches the canonical name in at most two runs of chars:
        // every pair of neighbouring chars of the value but one (where the
        // runs meet) is in the name. Of any two pairs, one is there; the
        // two held by the fewest names are taken.
        if query.typo_possible() {
            let chars: Vec<char> = query.pattern.chars().collect();
            let mut lists: Vec<&[u32]> = chars
                .windows(2)
                .map(|w| self.holding(pair_key(w[0], w[1])))
                .collect();
            lists.sort_by_key(|l| l.len());
            for list in lists.iter().take(2) {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The entity table's names indexed for `person:`, `place:` and `org:`
/// values: a value is matched only against the entities it can name (the
/// ones a word of one of their names starts as the value does, or that
/// share its letters closely enough for a typo), never against the whole
/// table, and gives the same articles as matching every entity.
#[derive(Default)]
pub struct NameIndex {
    /// Per kind, in the order of [`KINDS`].
    kinds: [KindIndex; 3],
}

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

impl NameIndex {
    pub fn build(table: &EntityTable) -> NameIndex {
        let kinds = KINDS.map(|kind| {
            KindIndex::build(
                table
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.kind == kind)
                    .map(|(i, e)| (i as u32, e)),
            )
        });
        NameIndex { kinds }
    }

    /// The indices (in `table`) of the entities of `kind` that `value`
    /// names, ascending: those `entity_matches` says yes to. `table` must
    /// be the table the index was built from.
    pub fn matching(&self, table: &EntityTable, kind: EntityKind, value: &str) -> Vec<usize> {
        let Some(k) = KINDS.iter().position(|&x| x == kind) else {
            return Vec::new();
        };
        let query = NameQuery::new(value);
        let candidates = self.kinds[k].candidates(&query);
        let matches = |&e: &u32| query.matches(&table.entities[e as usize]);
        let chosen: Vec<u32> = if candidates.len() > 2048 {
            candidates.into_par_iter().filter(matches).collect()
        } else {
            candidates.into_iter().filter(matches).collect()
        };
        chosen.into_iter().map(|e| e as usize).collect()
    }

    /// The articles mentioning an entity of `field`'s kind that `value`
    /// names, ascending: what `EntityTable::articles_matching` gives.
    pub fn articles_matching(
        &self,
        table: &EntityTable,
        field: Field,
        value: &str,
    ) -> Option<Vec<usize>> {
        let kind = kind_of(field)?;
        let chosen = self.matching(table, kind, value);
        let lists: Vec<&[u32]> = chosen
            .iter()
            .map(|&e| table.entities[e].articles.as_slice())
            .collect();
        Some(sorted_union(&lists))
    }
}

/// An entity filter answering `person:`, `place:` and `org:` from a
/// [`NameIndex`], `said:` from it and the articles quoting each entity
/// (`speakers`, when they are found), and `is:` as `rest` does.
pub struct IndexedNames<'a> {
    pub table: &'a EntityTable,
    pub index: &'a NameIndex,
    /// Per entity, the articles that quote it, sorted.
    pub speakers: Option<&'a [Vec<u32>]>,
    pub rest: &'a dyn EntityFilter,
}

impl EntityFilter for IndexedNames<'_> {
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>> {
        match (field, kind_of(field)) {
            (_, Some(_)) => self.index.articles_matching(self.table, field, value),
            (Field::Said, None) => {
                let speakers = self.speakers?;
                let people = self.index.matching(self.table, EntityKind::Person, value);
                let lists: Vec<&[u32]> = people
                    .iter()
                    .filter_map(|&e| speakers.get(e).map(Vec::as_slice))
                    .collect();
                Some(sorted_union(&lists))
            }
            (_, None) => self.rest.articles_matching(field, value),
        }
    }

    fn articles_marked(&self, mark: ReaderMark) -> Option<Vec<usize>> {
        self.rest.articles_marked(mark)
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
        let few: Vec<u32> = vec![9, 3, 3, 700];
        let many: Vec<u32> = (0..10_000).rev().map(|i| i * 3 % 7919).collect();
        let more: Vec<u32> = (0..5_000).map(|i| i * 2).collect();
        for lists in [
            vec![few.as_slice()],
            vec![many.as_slice(), more.as_slice()],
            vec![few.as_slice(), many.as_slice()],
            vec![],
        ] {
            let mut expected: Vec<usize> = lists
                .iter()
                .flat_map(|l| l.iter().map(|&a| a as usize))
                .collect();
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
    fn the_name_index_gives_what_matching_every_entity_gives() {
        let people: [(&str, &[&str]); 12] = [
            ("Ronald Reagan", &["Reagan", "President Reagan"]),
            ("Nancy Reagan", &[]),
            ("Volodymyr Zelensky", &["Zelenskiy", "Zelenskyy"]),
            ("Recep Tayyip Erdoğan", &["Erdogan"]),
            ("Ólafur Ragnar Grímsson", &[]),
            ("Jean-Claude Juncker", &["Juncker"]),
            ("Sean O'Brien", &["(Sean) O'Brien"]),
            ("Marco Rubio", &[]),
            ("Zoë Ruiz-Ñúñez", &["Ñúñez"]),
            ("Lech Wałęsa", &["Walesa"]),
            ("Mao", &[]),
            ("Дмитрий Песков", &["Peskov"]),
        ];
        let places: [(&str, &[&str]); 4] = [
            ("Zürich", &["Zurich"]),
            ("Reagan National Airport", &[]),
            ("Moscow", &["Moskva"]),
            ("U.S.", &["United States", "US"]),
        ];
        let orgs: [(&str, &[&str]); 3] = [
            ("Rutgers University", &[]),
            ("U.S. Steel", &["US Steel"]),
            ("Ruhrgas AG", &[]),
        ];
        let mut table = EntityTable::default();
        for (kind, list) in [
            (EntityKind::Person, &people[..]),
            (EntityKind::Place, &places[..]),
            (EntityKind::Org, &orgs[..]),
        ] {
            for (name, aliases) in list {
                let mut e = entity(name, aliases);
                e.kind = kind;
                let k = table.entities.len();
                e.articles = (0..40u32)
                    .filter(|&a| (a as usize * 7 + k) % 5 < 2)
                    .collect();
                table.entities.push(e);
            }
        }
        let index = NameIndex::build(&table);
        // Every prefix of every name's and alias's words, of the whole
        // names, and each with a letter left out or two swapped.
        let mut values: Vec<String> = vec![
            "r".into(),
            "x".into(),
            "reagan ronald".into(),
            "ronald  rea".into(),
            "marcorubio".into(),
            "zelenskiy".into(),
            "ZELENSKYI".into(),
            "o'b".into(),
            "obri".into(),
            "u.s".into(),
            "us st".into(),
            "dmitrii".into(),
            "пес".into(),
            "ñu".into(),
            "nun".into(),
            "-".into(),
            ".".into(),
        ];
        let names = table
            .entities
            .iter()
            .flat_map(|e| std::iter::once(e.name.clone()).chain(e.aliases.clone()));
        for name in names {
            let chars: Vec<char> = name.chars().collect();
            for end in 1..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                values.push(prefix.to_uppercase());
                values.push(prefix);
                values.extend(crate::index::search::tests::typos(&chars[..end]));
            }
        }
        let mut answered = 0;
        for v in &values {
            for field in [Field::Person, Field::Place, Field::Org] {
                let kind = kind_of(field).unwrap();
                let every: Vec<usize> = (0..table.entities.len())
                    .filter(|&e| {
                        table.entities[e].kind == kind && entity_matches(&table.entities[e], v)
                    })
                    .collect();
                assert_eq!(index.matching(&table, kind, v), every, "{field:?} {v:?}");
                assert_eq!(
                    index.articles_matching(&table, field, v),
                    table.articles_matching(field, v),
                    "{field:?} {v:?}"
                );
                answered += usize::from(!every.is_empty());
            }
        }
        assert!(answered > values.len() / 2, "most values name someone");
        assert_eq!(index.articles_matching(&table, Field::Title, "r"), None);
        // `said:` as the store's filter answers it, matching every person.
        let speakers: Vec<Vec<u32>> = (0..table.entities.len())
            .map(|e| {
                (0..30u32)
                    .filter(|&a| (a as usize + e).is_multiple_of(4))
                    .collect()
            })
            .collect();
        let marks = crate::store::MarkFilter {
            entities: Some(&table),
            session: None,
            speakers: Some(&speakers),
        };
        let indexed = IndexedNames {
            table: &table,
            index: &index,
            speakers: Some(&speakers),
            rest: &marks,
        };
        for v in values.iter().step_by(3) {
            assert_eq!(
                indexed.articles_matching(Field::Said, v),
                marks.articles_matching(Field::Said, v),
                "said:{v}"
            );
        }
        let unquoted = IndexedNames {
            speakers: None,
            ..indexed
        };
        assert_eq!(unquoted.articles_matching(Field::Said, "reagan"), None);
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
