//! Entities across the corpus: the recogniser's mentions, article by
//! article, become one `Entity` per real-world referent with a canonical
//! name and its aliases.
//!
//! The rules, in order:
//! 1. a mention's name loses its possessive and, for people, its titles and
//!    roles ("President", "Secretary of State"); its key folds case, accents,
//!    dots in initials and the y/iy/yy endings of transliterations, so
//!    Zelensky, Zelenskiy and ZELENSKYY share a key;
//! 2. a name with an `s` that lost its apostrophe ("Trumps", "Moscows") joins
//!    the name without it, when that name is known in the corpus and is
//!    mentioned at least as often;
//! 3. an acronym ("US", "U.S.") joins the multi-word place or organisation
//!    whose initials it spells ("United States") that the articles using it
//!    name most often; a name written joined ("TimeWarner") joins the name
//!    written apart ("Time Warner"); a contraction ("I'd") is no name;
//! 4. a surname alone joins the full name it abbreviates in the same
//!    article, else the one full name with that surname in the corpus, else
//!    the one of them given the same title ("President"), else it stays an
//!    entry of its own; a first name alone joins a full name only within its
//!    article. Two people who share a surname stay apart: each article's
//!    bare surname goes to the full name that article uses. A surname before
//!    "administration" or "government" is the person's ("the Biden
//!    administration").
//!
//! One mention of a key decides nothing by itself: a key's kind is the kind
//! most of its mentions were given.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::flat::Flat;
use crate::text::fold;

use super::names::{
    acronym_key, clean_name, is_acronym, is_first_name, is_legal_form, is_nationality, is_org_word,
    is_role_not_name, is_title_word, name_key, person_after_title, strip_possessive,
};
use super::ner::strip_lost_possessive;
use table::{build_table, display_forms};

pub use super::ner::EntityKind;

/// Every kind, in the order the side panel lists them.
pub const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Org,
    EntityKind::Misc,
];

/// A recognised mention in one article's body, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: EntityKind,
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The title right before the name, folded ("president" for
    /// "President Obama"), which the recogniser leaves out of the name.
    pub role: Option<String>,
    /// The name is followed by "administration" or "government" ("the
    /// Biden administration").
    pub before_government: bool,
}

/// The title word that ends `before`, folded: "president" for "... said
/// President".
pub fn role_before(before: &str) -> Option<String> {
    let word = before.trim_end().rsplit(char::is_whitespace).next()?;
    let word = word.trim_end_matches('.');
    (word.chars().next().is_some_and(char::is_uppercase) && is_title_word(word))
        .then(|| crate::text::fold(word))
}

/// Whether `after` a name comes "administration" or "government",
/// possibly after a possessive: the name is then a leader's.
pub fn heads_government(after: &str) -> bool {
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("\u{2019}s"))
        .unwrap_or(after);
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    matches!(
        word.to_lowercase().as_str(),
        "administration" | "government"
    )
}

/// One referent across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// Stable across runs on the same corpus: kind and canonical name.
    pub id: String,
    pub kind: EntityKind,
    /// The fullest common form.
    pub name: String,
    /// Every other form the corpus uses for it.
    pub aliases: Vec<String>,
    /// Indices of the articles that mention it, sorted.
    #[serde(skip)]
    pub articles: Vec<u32>,
    /// How many mentions in the whole corpus.
    pub mentions: usize,
}

/// A resolved mention: which entity, where in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    #[serde(skip)]
    pub entity: u32,
    pub start: u32,
    pub end: u32,
}

impl Mention {
    /// Its entity's place in the table.
    pub fn entity(&self) -> usize {
        self.entity as usize
    }

    /// Its bytes in the body.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Every entity of the corpus and every article's mentions of them.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    /// Most mentioned first.
    pub entities: Vec<Entity>,
    /// Per article, its mentions in text order.
    pub by_article: Flat<Mention>,
}

impl EntityTable {
    /// An article's entities with their mentions there, most mentioned first.
    pub fn article_entities(&self, article: usize) -> Vec<(usize, Vec<&Mention>)> {
        let mut grouped: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
        for m in self.by_article.get(article).into_iter().flatten() {
            grouped.entry(m.entity()).or_default().push(m);
        }
        let mut out: Vec<(usize, Vec<&Mention>)> = grouped.into_iter().collect();
        out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        out
    }
}

/// A mention after rule 1.
struct Prepared {
    kind: EntityKind,
    name: String,
    key: String,
    start: usize,
    end: usize,
    role: Option<String>,
    before_government: bool,
}

/// Two names the tagger joined into one span: people on either side of
/// "and", "&" or a slash ("Chirac and Reagan", "Nakasone/Reagan"), or two
/// companies each ending in a legal form ("Bellofram Corp and Railway
/// Equipment Co"). A company named for two people or trades ("Procter and
/// Gamble", "Baltimore Gas and Electric Co", "Savings and Loan
/// Association") is one organisation and stays whole.
fn split_joined(f: &Found) -> Option<[Found; 2]> {
    let text = f.text.as_str();
    let parts: Vec<(usize, &str)> = match f.kind {
        EntityKind::Person => split_at_joiners(text, &[" and ", "/"]),
        EntityKind::Org => split_at_joiners(text, &[" and ", " & "]),
        _ => Vec::new(),
    };
    let capitalised = |p: &str| {
        p.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    // Each side a word of two letters at least at both ends ("A/S" is a
    // company's legal form, not two names).
    let whole_words = |p: &str| {
        let long = |w: Option<&str>| {
            w.is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        };
        long(p.split_whitespace().next()) && long(p.split_whitespace().last())
    };
    let split = parts.len() == 2
        && parts.iter().all(|(_, p)| capitalised(p) && whole_words(p))
        && match f.kind {
            EntityKind::Person => true,
            _ => parts.iter().all(|(_, p)| {
                let words: Vec<String> = p.split_whitespace().map(name_key).collect();
                words.len() >= 2
                    && words.last().is_some_and(|w| is_legal_form(w))
                    && !is_legal_form(&words[0])
            }),
        };
    if !split {
        return None;
    }
    let part = |(at, text): (usize, &str), first: bool| Found {
        kind: f.kind,
        start: f.start + at,
        end: f.start + at + text.len(),
        text: text.to_string(),
        role: if first { f.role.clone() } else { None },
        before_government: !first && f.before_government,
    };
    Some([part(parts[0], true), part(parts[1], false)])
}

/// `text` cut at the first of `joiners` it holds, as (offset, part) pairs
/// without the joiner; empty when it holds none.
fn split_at_joiners<'a>(text: &'a str, joiners: &[&str]) -> Vec<(usize, &'a str)> {
    for joiner in joiners {
        if let Some(at) = text.find(joiner) {
            let (head, tail) = (&text[..at], &text[at + joiner.len()..]);
            if head.trim().is_empty() || tail.trim().is_empty() || tail.contains(joiner) {
                return Vec::new();
            }
            let gap = tail.len() - tail.trim_start().len();
            return vec![
                (0, head.trim_end()),
                (at + joiner.len() + gap, tail.trim_start()),
            ];
        }
    }
    Vec::new()
}

fn prepare(f: &Found) -> Option<Prepared> {
    // A body's title and a name after it ("Federal Reserve Board Chairman
    // Paul Volcker") name that person, whatever the tagger made of it.
    let (kind, text) = match f.kind {
        EntityKind::Org | EntityKind::Misc => match person_after_title(&f.text) {
            Some(person) => (EntityKind::Person, person),
            None => (f.kind, f.text.as_str()),
        },
        _ => (f.kind, f.text.as_str()),
    };
    // "Reagan Administration", "the Thatcher Government" taken whole: the
    // leader's name before it, as when the word is left outside. A body's
    // name ("Small Business Administration", "British Government") stays.
    let (text, before_government) = match text.rsplit_once(char::is_whitespace) {
        Some((head, last))
            if kind != EntityKind::Place
                && !head.trim().contains(char::is_whitespace)
                && head.chars().next().is_some_and(char::is_uppercase)
                && !is_nationality(head)
                && !is_org_word(head)
                && matches!(
                    fold(strip_possessive(last)).as_str(),
                    "administration" | "administrations" | "government" | "governments"
                ) =>
        {
            (head.trim_end(), true)
        }
        _ => (text, f.before_government),
    };
    let name = clean_name(text, kind == EntityKind::Person);
    let key = name_key(&name);
    if key.chars().count() < 2 || is_legal_form_only(&key) || is_contraction(&name) {
        return None;
    }
    if kind == EntityKind::Person && is_role_not_name(&name) {
        return None;
    }
    // Narrow the span to the cleaned name when it is a plain substring.
    let found_at = f.text.find(&name);
    let (start, end) = match found_at {
        Some(at) => (f.start + at, f.start + at + name.len()),
        None => (f.start, f.end),
    };
    // A title the name was cleaned of ("President" of "President Ronald
    // Reagan") is its role, as one the recogniser left outside would be.
    let role = f.role.clone().or_else(|| match found_at {
        Some(at) if at > 0 && kind == EntityKind::Person => role_before(&f.text[..at]),
        _ => None,
    });
    Some(Prepared {
        kind,
        name,
        key,
        start,
        end,
        role,
        before_government,
    })
}

/// "I'd", "We're", "You'll": a pronoun and a verb, never a name (whose
/// apostrophes come before a capital: "O'Neill", "D'Arcy").
fn is_contraction(name: &str) -> bool {
    let Some((head, tail)) = name.split_once(['\'', '\u{2019}']) else {
        return false;
    };
    !head.is_empty()
        && !head.contains(' ')
        && matches!(tail.to_lowercase().as_str(), "d" | "m" | "ll" | "re" | "ve")
}

/// A name made of nothing but company suffixes ("Co", "Co Inc") is a
/// fragment of a longer one.
fn is_legal_form_only(key: &str) -> bool {
    key.split(' ').all(is_legal_form)
}

#[derive(Default)]
struct KeyStats {
    count: usize,
    kinds: [usize; 4],
}

impl KeyStats {
    fn kind(&self) -> EntityKind {
        let best = (0..4).max_by_key(|&i| (self.kinds[i], 4 - i)).unwrap_or(0);
        KINDS[best]
    }
}

fn kind_index(k: EntityKind) -> usize {
    KINDS.iter().position(|x| *x == k).unwrap_or(3)
}

fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// Two to four words, each starting with a capital (particles such as
/// "de", "van" or "bin" aside): the shape of a person's full name. A name
/// ending in a word of organisation names ("Granite State Electric") is
/// not one.
fn looks_like_full_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "di", "du", "van", "von", "der", "den", "bin", "al", "la", "le",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
        && !words.last().is_some_and(|w| is_org_word(w))
}

fn last_word(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// "Ukraines", "Europes": a lost possessive of a name ending in a vowel,
/// which `strip_lost_possessive` leaves alone because personal names end so
/// ("Jones", "Hughes"), and organisations by their plural ("Golden
/// Globes", "The Libertines"). Only taken when the base is a known place in
/// the corpus and the name itself is not taken for a person.
fn lost_possessive_of_place(name: &str) -> Option<&str> {
    let stem = name.strip_suffix('s')?;
    let last = stem.rsplit(' ').next().unwrap_or(stem);
    let mut chars = last.chars();
    let starts_upper = chars.next().is_some_and(char::is_uppercase);
    let ends_lower = last.chars().last().is_some_and(char::is_lowercase);
    (starts_upper && ends_lower && last.chars().count() >= 3).then_some(stem)
}

/// Resolves every article's mentions into corpus-wide entities.
pub fn resolve_aliases(found: &[Vec<Found>]) -> EntityTable {
    let prepared: Vec<Vec<Prepared>> = found
        .iter()
        .map(|ms| {
            let mut out = Vec::with_capacity(ms.len());
            for f in ms {
                match split_joined(f) {
                    Some(parts) => out.extend(parts.iter().filter_map(prepare)),
                    None => out.extend(prepare(f)),
                }
            }
            out
        })
        .collect();

    let mut stats: HashMap<String, KeyStats> = HashMap::new();
    for m in prepared.iter().flatten() {
        let s = stats.entry(m.key.clone()).or_default();
        s.count += 1;
        s.kinds[kind_index(m.kind)] += 1;
    }

    // Rules 2 and 3: whole-key redirects.
    let display = display_forms(&prepared);
    let mut redirect: HashMap<String, String> = HashMap::new();
    for (key, s) in &stats {
        let Some(d) = display.get(key.as_str()) else {
            continue;
        };
        if let Some(base) = strip_lost_possessive(d).map(name_key)
            && let Some(b) = stats.get(&base)
            && b.count >= s.count
        {
            redirect.insert(key.clone(), base);
        } else if let Some(base) = lost_possessive_of_place(d).map(name_key)
            && let Some(b) = stats.get(&base)
            && b.count >= s.count
            && b.kind() == EntityKind::Place
            && s.kind() != EntityKind::Person
        {
            redirect.insert(key.clone(), base);
        }
    }
    let mut by_acronym: HashMap<String, Vec<&String>> = HashMap::new();
    for (key, s) in &stats {
        if matches!(s.kind(), EntityKind::Place | EntityKind::Org)
            && let Some(a) = display.get(key.as_str()).and_then(|d| acronym_key(d))
        {
            by_acronym.entry(a).or_default().push(key);
        }
    }
    // An acronym joins the name whose initials it spells that the articles
    // using it name most often ("US" beside "United States" more than
    // beside "United Steelworkers"): initials alone match unrelated names
    // ("VW" and an obscure "Vamand Wave") as often as the right one.
    let mut together: HashMap<(&str, &str), usize> = HashMap::new();
    for article in &prepared {
        let keys: HashSet<&str> = article.iter().map(|m| m.key.as_str()).collect();
        for m in article {
            if !is_acronym(&m.name) || redirect.contains_key(&m.key) {
                continue;
            }
            for t in by_acronym.get(&m.key).into_iter().flatten() {
                if keys.contains(t.as_str()) {
                    *together.entry((m.key.as_str(), t.as_str())).or_default() += 1;
                }
            }
        }
    }
    for (acronym, target) in acronym_targets(&together) {
        redirect.insert(acronym.to_string(), target.to_string());
    }
    // A name written joined ("TimeWarner") is the name written apart.
    let mut apart: HashMap<String, &String> = HashMap::new();
    for key in stats.keys().filter(|k| k.contains(' ')) {
        apart.insert(key.replace(' ', ""), key);
    }
    let mut joined: HashMap<String, EntityKind> = HashMap::new();
    for key in stats.keys() {
        if !key.contains(' ')
            && !redirect.contains_key(key)
            && let Some(target) = apart.get(key)
        {
            redirect.insert(key.clone(), (*target).clone());
            joined.insert(key.clone(), stats[*target].kind());
        }
    }
    let resolve = |key: &str| -> String {
        let mut k = key.to_string();
        for _ in 0..4 {
            match redirect.get(&k) {
                Some(next) => k = next.clone(),
                None => break,
            }
        }
        k
    };

    // Kinds after the redirects. A bare surname in an article that names
    // the full person counts as evidence that it is that person: taggers
    // often take a lone surname for an organisation ("Trump said").
    let mut merged: HashMap<String, KeyStats> = HashMap::new();
    // Keys written as a personal name somewhere: two to four capitalised
    // words ("Ksenia Karelina", not "MP for Kensington and Chelsea").
    let mut name_like: HashSet<String> = HashSet::new();
    for m in prepared.iter().flatten() {
        let key = resolve(&m.key);
        if looks_like_full_name(&m.name) {
            name_like.insert(key.clone());
        }
        let kind = joined.get(&m.key).copied().unwrap_or(m.kind);
        let s = merged.entry(key).or_default();
        s.count += 1;
        s.kinds[kind_index(kind)] += 1;
    }
    let full_name = |k: &str| k.contains(' ') && name_like.contains(k);
    // A lone name the tagger could not place ("misc") that is the surname of
    // a person named in full elsewhere in the corpus, and that the tagger
    // sometimes took for a person, is that person; a nationality ("French"
    // beside "Philip French") rarely is.
    let full_surnames: HashSet<String> = merged
        .iter()
        .filter(|(k, s)| full_name(k) && s.kind() == EntityKind::Person)
        .map(|(k, _)| last_word(k).to_string())
        .collect();
    // A person's surname before "administration" or "government" is that
    // person, whatever the tagger said ("the Biden administration").
    let mut governing: HashMap<&str, usize> = HashMap::new();
    for m in prepared.iter().flatten().filter(|m| m.before_government) {
        *governing.entry(m.key.as_str()).or_default() += 1;
    }
    for (k, n) in governing {
        if !k.contains(' ')
            && full_surnames.contains(k)
            && let Some(s) = merged.get_mut(k)
        {
            s.kinds[kind_index(EntityKind::Person)] += n * 2;
        }
    }
    for (k, s) in merged.iter_mut() {
        // The tagger must have called it a person now and then: a word
        // the corpus uses on its own for something else ("Christmas"
        // beside a song's "Merry Christmas") is not a surname.
        let person_share = s.kinds[kind_index(EntityKind::Person)] * 4 >= s.count;
        if !k.contains(' ')
            && s.kind() == EntityKind::Misc
            && person_share
            && full_surnames.contains(k.as_str())
        {
            s.kinds[kind_index(EntityKind::Person)] += s.count;
        }
    }
    for mentions in &prepared {
        let keys: Vec<String> = mentions.iter().map(|m| resolve(&m.key)).collect();
        let surnames: HashSet<&str> = keys
            .iter()
            .filter(|k| {
                full_name(k)
                    && merged
                        .get(*k)
                        .is_some_and(|s| s.kind() == EntityKind::Person)
            })
            .map(|k| last_word(k))
            .collect();
        // A bare name the tagger took for a nationality or the like is no
        // evidence ("French" beside "Philip French").
        let evidence: Vec<String> = keys
            .iter()
            .zip(mentions)
            .filter(|(k, m)| {
                !k.contains(' ') && m.kind != EntityKind::Misc && surnames.contains(k.as_str())
            })
            .map(|(k, _)| k.clone())
            .collect();
        // And the other way: a full name the tagger missed as a person
        // ("Ksenia Karelina" as an organisation) whose surname the article
        // also uses alone as a person.
        let lone_people: HashSet<&str> = keys
            .iter()
            .filter(|k| {
                !k.contains(' ')
                    && merged
                        .get(*k)
                        .is_some_and(|s| s.kind() == EntityKind::Person)
            })
            .map(String::as_str)
            .collect();
        let full_evidence: Vec<String> = keys
            .iter()
            .filter(|k| full_name(k) && lone_people.contains(last_word(k)))
            .cloned()
            .collect();
        for k in evidence.into_iter().chain(full_evidence) {
            if let Some(s) = merged.get_mut(&k) {
                s.kinds[kind_index(EntityKind::Person)] += 1;
            }
        }
    }
    // A lone name the tagger took for a person that heads a company's name
    // elsewhere ("Pennzoil" beside "Pennzoil Co", "Dome" beside "Dome
    // Petroleum") is that company, unless it is also a person's surname
    // ("Baker" beside "James Baker" and "Baker Hughes").
    let company_heads: HashSet<&str> = merged
        .iter()
        .filter(|(k, s)| {
            k.contains(' ')
                && s.kind() == EntityKind::Org
                && is_org_word(last_word(k))
                && !full_name(k)
        })
        .map(|(k, _)| first_word(k))
        .collect();
    let companies: Vec<String> = merged
        .iter()
        .filter(|(k, s)| {
            !k.contains(' ')
                && s.kind() == EntityKind::Person
                && company_heads.contains(k.as_str())
                && !full_surnames.contains(k.as_str())
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in companies {
        if let Some(s) = merged.get_mut(&k) {
            let person = std::mem::take(&mut s.kinds[kind_index(EntityKind::Person)]);
            s.kinds[kind_index(EntityKind::Org)] += person;
        }
    }
    let stats = merged;

    // Rule 4: surnames and first names alone.
    let person = |key: &str| {
        stats
            .get(key)
            .is_some_and(|s| s.kind() == EntityKind::Person)
    };
    let mut full_by_surname: HashMap<&str, Vec<&str>> = HashMap::new();
    for key in stats.keys() {
        if full_name(key) && person(key) && !redirect.contains_key(key) {
            full_by_surname.entry(last_word(key)).or_default().push(key);
        }
    }
    let count = |key: &str| stats.get(key).map_or(0, |s| s.count);
    // The titles each full name is given ("President" before "Barack
    // Obama"), to tell apart people who share a surname.
    let mut roles_of: HashMap<String, HashSet<&str>> = HashMap::new();
    for m in prepared.iter().flatten() {
        if let Some(role) = &m.role {
            let key = resolve(&m.key);
            if full_name(&key) {
                roles_of.entry(key).or_default().insert(role);
            }
        }
    }

    // Each mention's final key.
    let mut resolved: Vec<Vec<String>> = Vec::with_capacity(prepared.len());
    for mentions in &prepared {
        let keys: Vec<String> = mentions.iter().map(|m| resolve(&m.key)).collect();
        let mut local_full: HashMap<&str, usize> = HashMap::new();
        for k in &keys {
            if full_name(k) && person(k) {
                *local_full.entry(k.as_str()).or_default() += 1;
            }
        }
        let most_local = |pred: &dyn Fn(&str) -> bool| -> Option<String> {
            local_full
                .iter()
                .filter(|(k, _)| pred(k))
                .max_by_key(|(k, n)| (**n, count(k), std::cmp::Reverse(**k)))
                .map(|(k, _)| k.to_string())
        };
        let mut out = Vec::with_capacity(keys.len());
        for (k, m) in keys.iter().zip(mentions) {
            if k.contains(' ') || !person(k) {
                out.push(k.clone());
                continue;
            }
            let by_surname = most_local(&|full| last_word(full) == k).or_else(|| {
                let fulls = full_by_surname.get(k.as_str())?;
                one_person(fulls, m.role.as_deref(), &roles_of).map(str::to_string)
            });
            let chosen = by_surname.or_else(|| {
                let firsts: Vec<&&str> = local_full
                    .keys()
                    .filter(|full| first_word(full) == k)
                    .collect();
                (firsts.len() == 1).then(|| firsts[0].to_string())
            });
            out.push(chosen.unwrap_or_else(|| k.clone()));
        }
        resolved.push(out);
    }

    build_table(&prepared, &resolved, &stats)
}

/// The person a lone surname is, among the full names that end in it: the
/// only one, or the only one given the title it has ("President Obama"
/// when only Barack Obama is called President). Several and no title to
/// choose by: nobody, and the surname stays an entry of its own rather
/// than joining whoever is mentioned most.
fn one_person<'a>(
    fulls: &[&'a str],
    role: Option<&str>,
    roles_of: &HashMap<String, HashSet<&str>>,
) -> Option<&'a str> {
    if let [only] = fulls {
        return Some(only);
    }
    let role = role?;
    let fitting: Vec<&&str> = fulls
        .iter()
        .filter(|f| roles_of.get(**f).is_some_and(|r| r.contains(role)))
        .collect();
    (fitting.len() == 1).then(|| *fitting[0])
}

/// For each acronym, the name it most often shares an article with, when
/// that name does so at least twice as often as the next (and the
/// acronym's spelling is the only hint, ties decide nothing).
fn acronym_targets<'a>(together: &HashMap<(&'a str, &'a str), usize>) -> Vec<(&'a str, &'a str)> {
    let mut best: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for ((acronym, target), n) in together {
        best.entry(acronym).or_default().push((*n, target));
    }
    let mut out: Vec<(&str, &str)> = best
        .into_iter()
        .filter_map(|(acronym, mut targets)| {
            targets.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            let runner_up = targets.get(1).map_or(0, |t| t.0);
            (targets[0].0 >= 2 * runner_up.max(1) || targets.len() == 1)
                .then_some((acronym, targets[0].1))
        })
        .collect();
    out.sort();
    out
}

mod table;
#[cfg(test)]
mod tests;
