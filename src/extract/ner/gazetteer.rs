//! The shipped name lists (countries, cities, first names, organisation words,
//! known organisations, nationalities, roles, common words) and their matching against a
//! sentence. Lists are public knowledge written into `assets/ner/`; matching
//! is case-insensitive and longest-first, so the tagger decides what a match
//! means in context. Knows nothing of the model.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::extract::tokens::tokenize;

/// Which list an entry comes from. The discriminant is a bit position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Country = 0,
    City = 1,
    FirstName = 2,
    OrgWord = 3,
    Organisation = 4,
    Nationality = 5,
    Role = 6,
    Common = 7,
}

pub const LIST_COUNT: usize = 8;

const SOURCES: [(List, &str); LIST_COUNT] = [
    (
        List::Country,
        include_str!("../../../assets/ner/countries.txt"),
    ),
    (List::City, include_str!("../../../assets/ner/cities.txt")),
    (
        List::FirstName,
        include_str!("../../../assets/ner/first_names.txt"),
    ),
    (
        List::OrgWord,
        include_str!("../../../assets/ner/org_words.txt"),
    ),
    (
        List::Organisation,
        include_str!("../../../assets/ner/organisations.txt"),
    ),
    (
        List::Nationality,
        include_str!("../../../assets/ner/nationalities.txt"),
    ),
    (List::Role, include_str!("../../../assets/ner/roles.txt")),
    (
        List::Common,
        include_str!("../../../assets/ner/common_words.txt"),
    ),
];

/// Per-token membership: bit `2 * list` when a match starts at the token,
/// bit `2 * list + 1` when the token continues one.
pub type Membership = u16;

pub fn begins(list: List) -> Membership {
    1 << (2 * list as u16)
}

pub fn inside(list: List) -> Membership {
    1 << (2 * list as u16 + 1)
}

/// All lists, indexed by the lowercased first token of each entry.
pub struct Gazetteer {
    by_first: HashMap<String, Vec<(List, Vec<String>)>>,
}

impl Gazetteer {
    pub fn from_lists(lists: &[(List, &str)]) -> Self {
        let mut by_first: HashMap<String, Vec<(List, Vec<String>)>> = HashMap::default();
        for &(list, text) in lists {
            for line in text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let words: Vec<String> = tokenize(line)
                    .iter()
                    .map(|t| normalise(t.text(line)))
                    .collect();
                if let Some(first) = words.first() {
                    by_first
                        .entry(first.clone())
                        .or_default()
                        .push((list, words));
                }
            }
        }
        for entries in by_first.values_mut() {
            entries.sort_by_key(|(_, words)| std::cmp::Reverse(words.len()));
        }
        Self { by_first }
    }

    /// The lists shipped in `assets/ner/`.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED.get_or_init(|| Gazetteer::from_lists(&SOURCES))
    }

    /// Membership bits for each of `lowered` (already passed through
    /// [`normalise`]). Every list's longest match at a position counts.
    pub fn memberships(&self, lowered: &[&str]) -> Vec<Membership> {
        let mut out = vec![0; lowered.len()];
        for i in 0..lowered.len() {
            // "Kenyans", "Israelis": plural demonyms of listed nationalities.
            if let Some(stem) = lowered[i].strip_suffix('s')
                && self.match_at(&[stem], 0, List::Nationality) == Some(1)
            {
                out[i] |= begins(List::Nationality);
            }
            let Some(entries) = self.by_first.get(lowered[i]) else {
                continue;
            };
            let mut seen: Membership = 0;
            for (list, words) in entries {
                let bit = begins(*list);
                if seen & bit != 0 || i + words.len() > lowered.len() {
                    continue;
                }
                if words.iter().zip(&lowered[i..]).all(|(a, b)| a == b) {
                    seen |= bit;
                    out[i] |= bit;
                    for slot in &mut out[i + 1..i + words.len()] {
                        *slot |= inside(*list);
                    }
                }
            }
        }
        out
    }

    /// Whether `lowered` (normalised words) starting at `at` begin an entry of
    /// `list`; returns the entry's length in tokens.
    pub fn match_at(&self, lowered: &[&str], at: usize, list: List) -> Option<usize> {
        let entries = self.by_first.get(*lowered.get(at)?)?;
        entries
            .iter()
            .filter(|(l, _)| *l == list)
            .find(|(_, words)| {
                at + words.len() <= lowered.len()
                    && words.iter().zip(&lowered[at..]).all(|(a, b)| a == b)
            })
            .map(|(_, words)| words.len())
    }
}

/// The form a token is compared in: lowercase, typographic quotes made plain.
pub fn normalise(token: &str) -> String {
    if token.is_ascii() {
        let mut out = String::with_capacity(token.len());
        out.extend(token.bytes().map(|b| match b {
            b'`' => '\'',
            _ => char::from(b.to_ascii_lowercase()),
        }));
        return out;
    }
    token
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_longest_entries_case_insensitively() {
        let g = Gazetteer::from_lists(&[
            (List::Country, "# c\nKorea\nSouth Korea\n"),
            (List::City, "Seoul"),
        ]);
        let words = ["in", "south", "korea", "and", "seoul"];
        let m = g.memberships(&words);
        assert_eq!(m[0], 0);
        assert_eq!(m[1], begins(List::Country));
        assert_ne!(m[2] & inside(List::Country), 0);
        assert_eq!(m[4], begins(List::City));
        assert_eq!(g.match_at(&words, 1, List::Country), Some(2));
        assert_eq!(g.match_at(&words, 1, List::City), None);
    }

    #[test]
    fn shipped_lists_know_common_names() {
        let g = Gazetteer::shipped();
        let words = [
            "vladimir", "putin", "visited", "ukraine", "and", "nato", "kenyans",
        ];
        let m = g.memberships(&words);
        assert_ne!(m[6] & begins(List::Nationality), 0);
        assert_ne!(m[0] & begins(List::FirstName), 0);
        assert_ne!(m[3] & begins(List::Country), 0);
        assert_ne!(m[5] & begins(List::Organisation), 0);
        assert_eq!(normalise("Trump\u{2019}S"), "trump's");
    }
}
