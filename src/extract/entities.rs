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

use super::names::{
    acronym_key, clean_name, is_acronym, is_legal_form, is_org_word, is_title_word, name_key,
};
use super::ner::strip_lost_possessive;

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
    pub articles: Vec<usize>,
    /// How many mentions in the whole corpus.
    pub mentions: usize,
}

/// A resolved mention: which entity, where in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    #[serde(skip)]
    pub entity: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Every entity of the corpus and every article's mentions of them.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    /// Most mentioned first.
    pub entities: Vec<Entity>,
    /// Per article, its mentions in text order.
    pub by_article: Vec<Vec<Mention>>,
}

impl EntityTable {
    /// An article's entities with their mentions there, most mentioned first.
    pub fn article_entities(&self, article: usize) -> Vec<(usize, Vec<&Mention>)> {
        let mut grouped: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
        for m in self.by_article.get(article).into_iter().flatten() {
            grouped.entry(m.entity).or_default().push(m);
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

fn prepare(f: &Found) -> Option<Prepared> {
    let name = clean_name(&f.text, f.kind == EntityKind::Person);
    let key = name_key(&name);
    if key.chars().count() < 2 || is_legal_form_only(&key) || is_contraction(&name) {
        return None;
    }
    // Narrow the span to the cleaned name when it is a plain substring.
    let (start, end) = match f.text.find(&name) {
        Some(at) => (f.start + at, f.start + at + name.len()),
        None => (f.start, f.end),
    };
    Some(Prepared {
        kind: f.kind,
        name,
        key,
        start,
        end,
        role: f.role.clone(),
        before_government: f.before_government,
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
        .map(|ms| ms.iter().filter_map(prepare).collect())
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

/// The most frequent surface form of every key, in one pass.
fn display_forms(prepared: &[Vec<Prepared>]) -> HashMap<&str, &str> {
    let mut forms: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for m in prepared.iter().flatten() {
        *forms
            .entry(m.key.as_str())
            .or_default()
            .entry(m.name.as_str())
            .or_default() += 1;
    }
    forms
        .into_iter()
        .filter_map(|(key, names)| {
            names
                .into_iter()
                .max_by_key(|(f, n)| (*n, f.len(), std::cmp::Reverse(*f)))
                .map(|(f, _)| (key, f))
        })
        .collect()
}

fn slug(kind: EntityKind, name: &str) -> String {
    let mut s = String::from(kind.as_str());
    s.push('/');
    let mut dash = false;
    for c in crate::text::fold(name).chars() {
        if c.is_alphanumeric() {
            s.push(c);
            dash = false;
        } else if !dash {
            s.push('-');
            dash = true;
        }
    }
    s.trim_end_matches('-').to_string()
}

fn build_table(
    prepared: &[Vec<Prepared>],
    resolved: &[Vec<String>],
    stats: &HashMap<String, KeyStats>,
) -> EntityTable {
    struct Acc {
        forms: HashMap<String, usize>,
        own_forms: HashMap<String, usize>,
        articles: Vec<usize>,
        mentions: usize,
    }
    let mut accs: HashMap<&str, Acc> = HashMap::new();
    for (article, (ms, keys)) in prepared.iter().zip(resolved).enumerate() {
        for (m, key) in ms.iter().zip(keys) {
            let acc = accs.entry(key.as_str()).or_insert_with(|| Acc {
                forms: HashMap::new(),
                own_forms: HashMap::new(),
                articles: Vec::new(),
                mentions: 0,
            });
            *acc.forms.entry(m.name.clone()).or_default() += 1;
            if m.key == *key {
                *acc.own_forms.entry(m.name.clone()).or_default() += 1;
            }
            if acc.articles.last() != Some(&article) {
                acc.articles.push(article);
            }
            acc.mentions += 1;
        }
    }
    let mut keys: Vec<&str> = accs.keys().copied().collect();
    keys.sort_by(|a, b| accs[b].mentions.cmp(&accs[a].mentions).then(a.cmp(b)));
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut entities = Vec::with_capacity(keys.len());
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    for key in keys {
        let acc = &accs[key];
        let pick = |forms: &HashMap<String, usize>| {
            forms
                .iter()
                .max_by_key(|(f, n)| (**n, f.len(), std::cmp::Reverse((*f).clone())))
                .map(|(f, _)| f.clone())
        };
        let name = pick(&acc.own_forms)
            .or_else(|| pick(&acc.forms))
            .unwrap_or_default();
        let mut aliases: Vec<String> = acc.forms.keys().filter(|f| **f != name).cloned().collect();
        aliases.sort();
        let mut kind = stats.get(key).map_or(EntityKind::Misc, KeyStats::kind);
        // A lone word of company names ("Electric", "Partners") is what is
        // left of an organisation's name, whatever the tagger said.
        // Nor is a name ending in a company's legal form ("Nomura
        // International Ltd") anybody's.
        let legal_end = key.contains(' ') && is_legal_form(last_word(key));
        let lone_org_word = !key.contains(' ') && is_org_word(key);
        if (kind == EntityKind::Person && (lone_org_word || legal_end))
            || (kind == EntityKind::Place && lone_org_word)
        {
            // Likewise a body's word is no place ("a Cabinet meeting").
            kind = EntityKind::Org;
        }
        let mut id = slug(kind, &name);
        let n = used_ids.entry(id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            id = format!("{id}-{n}");
        }
        index_of.insert(key, entities.len());
        entities.push(Entity {
            id,
            kind,
            name,
            aliases,
            articles: acc.articles.clone(),
            mentions: acc.mentions,
        });
    }
    let by_article = prepared
        .iter()
        .zip(resolved)
        .map(|(ms, keys)| {
            ms.iter()
                .zip(keys)
                .filter_map(|(m, key)| {
                    Some(Mention {
                        entity: *index_of.get(key.as_str())?,
                        start: m.start,
                        end: m.end,
                        text: m.name.clone(),
                    })
                })
                .collect()
        })
        .collect();
    EntityTable {
        entities,
        by_article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions of `names` in one article (offsets are not checked here).
    fn article(names: &[(&str, EntityKind)]) -> Vec<Found> {
        names
            .iter()
            .map(|(t, k)| Found {
                kind: *k,
                start: 0,
                end: t.len(),
                text: t.to_string(),
                role: None,
                before_government: false,
            })
            .collect()
    }

    use EntityKind::{Org, Person as P, Place};

    fn entity<'a>(t: &'a EntityTable, name: &str) -> &'a Entity {
        t.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", t.entities))
    }

    #[test]
    fn transliterations_and_surnames_merge_across_the_corpus() {
        let t = resolve_aliases(&[
            article(&[("Volodymyr Zelensky", P), ("Zelensky", P)]),
            article(&[("President Zelenskiy", P)]),
            article(&[("Zelenskyy’s", P), ("Volodymyr Zelenskyy", P)]),
        ]);
        let people: Vec<_> = t.entities.iter().filter(|e| e.kind == P).collect();
        assert_eq!(people.len(), 1, "{people:?}");
        let z = people[0];
        assert_eq!(z.articles, [0, 1, 2]);
        assert_eq!(z.mentions, 5);
        assert!(z.name.starts_with("Volodymyr Zelensk"), "{}", z.name);
        assert!(
            z.aliases.contains(&"Zelenskiy".to_string()),
            "{:?}",
            z.aliases
        );
    }

    #[test]
    fn lost_apostrophes_resolve_to_the_known_name() {
        let t = resolve_aliases(&[
            article(&[
                ("Donald Trump", P),
                ("Trumps", P),
                ("Trump", P),
                ("Moscows", Place),
            ]),
            article(&[("Trump", P), ("Moscow", Place), ("Moscow", Place)]),
        ]);
        let trump = entity(&t, "Donald Trump");
        assert_eq!(trump.mentions, 4);
        assert!(trump.aliases.contains(&"Trumps".to_string()));
        assert_eq!(entity(&t, "Moscow").mentions, 3);
        assert!(
            !t.entities
                .iter()
                .any(|e| e.name == "Trumps" || e.name == "Moscows")
        );
    }

    #[test]
    fn a_lost_possessive_of_a_place_joins_it_whatever_its_kind() {
        let t = resolve_aliases(&[
            article(&[("Ukraine", Place), ("Ukraines", Org), ("Europe", Place)]),
            article(&[("Ukraine", Place), ("Europes", Org), ("Europe", Place)]),
            // A person's name ending in "es" stays a person of its own, even
            // beside a place spelled like its stem.
            article(&[("Hughes", P), ("Hughe", Place), ("Hughe", Place)]),
        ]);
        assert_eq!(entity(&t, "Ukraine").mentions, 3);
        assert_eq!(entity(&t, "Europe").mentions, 3);
        assert!(
            !t.entities
                .iter()
                .any(|e| e.name == "Ukraines" || e.name == "Europes")
        );
        assert_eq!(entity(&t, "Hughes").kind, P);
    }

    #[test]
    fn a_lone_name_ending_in_s_is_left_alone() {
        let t = resolve_aliases(&[article(&[("Ross", P), ("James Ross", P), ("Reuters", Org)])]);
        assert!(t.entities.iter().any(|e| e.name == "Reuters"));
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let t = resolve_aliases(&[
            article(&[("United States", Place), ("U.S.", Place)]),
            article(&[("US", Place)]),
        ]);
        let us = entity(&t, "United States");
        assert_eq!(us.mentions, 3);
        assert_eq!(t.entities.iter().filter(|e| e.kind == Place).count(), 1);
    }

    #[test]
    fn an_acronym_no_article_spells_out_stays_apart() {
        let t = resolve_aliases(&[
            article(&[("VW", Org), ("VW", Org)]),
            article(&[("Vamond Wharf", Org)]),
        ]);
        assert_eq!(entity(&t, "VW").mentions, 2);
        assert_eq!(entity(&t, "Vamond Wharf").mentions, 1);
    }

    #[test]
    fn a_company_suffix_alone_is_no_entity() {
        let t = resolve_aliases(&[article(&[
            ("Co", Org),
            ("Inc.", Org),
            ("Co Inc", Org),
            ("Brenmoor Co", Org),
        ])]);
        let names: Vec<&str> = t.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Brenmoor Co"]);
    }

    #[test]
    fn a_word_of_company_names_is_nobody_s_surname() {
        let t = resolve_aliases(&[
            article(&[("Granite State Electric", P), ("Electric", P)]),
            article(&[("Harbour Electric", Org), ("Electric", P)]),
        ]);
        let granite = entity(&t, "Granite State Electric");
        assert!(granite.aliases.is_empty(), "{granite:?}");
        assert_eq!(granite.mentions, 1);
        assert_eq!(entity(&t, "Electric").kind, Org);
    }

    #[test]
    fn a_lone_name_heading_a_company_is_the_company_unless_a_surname() {
        let t = resolve_aliases(&[
            article(&[("Pennzoil Co", Org), ("Pennzoil", P), ("Pennzoil", P)]),
            article(&[("Baker Hughes Inc", Org), ("James Baker", P), ("Baker", P)]),
            article(&[("Baker", P)]),
        ]);
        assert_eq!(entity(&t, "Pennzoil").kind, Org);
        assert_eq!(entity(&t, "James Baker").mentions, 3);
        let t = resolve_aliases(&[article(&[("Brenmoor Holdings Ltd", P)])]);
        assert_eq!(t.entities[0].kind, Org);
        // A body's word alone is no place: "a Parliament debate".
        let t = resolve_aliases(&[article(&[("Parliament", Place)])]);
        assert_eq!(t.entities[0].kind, Org);
    }

    #[test]
    fn people_who_share_a_surname_stay_apart() {
        let t = resolve_aliases(&[
            article(&[("Donald Trump", P), ("Trump", P)]),
            article(&[("Melania Trump", P), ("Trump", P)]),
            article(&[("Donald Trump", P), ("Trump", P), ("Trump", P)]),
            article(&[("Trump", P)]),
        ]);
        let donald = entity(&t, "Donald Trump");
        let melania = entity(&t, "Melania Trump");
        assert_eq!(melania.articles, [1]);
        assert_eq!(melania.mentions, 2);
        // The article with a bare surname and no title to choose by names
        // neither: it does not go to the most mentioned.
        assert_eq!(donald.articles, [0, 2]);
        assert_eq!(entity(&t, "Trump").articles, [3]);
    }

    fn with_role(text: &str, kind: EntityKind, role: &str) -> Found {
        Found {
            kind,
            start: 0,
            end: text.len(),
            text: text.into(),
            role: Some(role.into()),
            before_government: false,
        }
    }

    #[test]
    fn a_lone_surname_joins_the_one_person_whose_title_fits() {
        let t = resolve_aliases(&[
            vec![with_role("Alma Varga", P, "president")],
            article(&[("Petra Varga", P), ("Varga", P)]),
            vec![with_role("Varga", P, "president")],
            article(&[("Varga", P)]),
            // One person of that surname: a lone surname joins her anywhere.
            article(&[("Ines Holm", P)]),
            article(&[("Holm", P)]),
        ]);
        assert_eq!(entity(&t, "Alma Varga").articles, [0, 2]);
        assert_eq!(entity(&t, "Petra Varga").articles, [1]);
        assert_eq!(entity(&t, "Varga").articles, [3]);
        assert_eq!(entity(&t, "Ines Holm").articles, [4, 5]);
    }

    #[test]
    fn a_name_before_administration_is_the_person_it_names() {
        let mut governing = article(&[("Korda", Place)]);
        governing[0].before_government = true;
        let t = resolve_aliases(&[article(&[("Ilse Korda", P)]), governing]);
        assert_eq!(entity(&t, "Ilse Korda").articles, [0, 1]);
        // Without a person of that name, a place stays a place.
        let mut governing = article(&[("Kenya", Place)]);
        governing[0].before_government = true;
        let t = resolve_aliases(&[governing]);
        assert_eq!(entity(&t, "Kenya").kind, Place);
        assert_eq!(
            role_before("a speech by President"),
            Some("president".into())
        );
        assert_eq!(role_before("a speech by"), None);
        assert!(heads_government("'s administration said"));
        assert!(heads_government(" Government bonds"));
        assert!(!heads_government(" governor"));
    }

    #[test]
    fn acronyms_joined_names_and_contractions() {
        let t = resolve_aliases(&[
            article(&[("United States", Place), ("US", Place)]),
            article(&[("United States", Place), ("US", Place)]),
            article(&[("United Steelworkers", Org), ("US", Place)]),
            article(&[("US", Place)]),
            article(&[("Blue Harbor", Org), ("BlueHarbor", P), ("BlueHarbor", P)]),
            article(&[("I'd", Org), ("ID", Org), ("O'Hara", P)]),
        ]);
        let us = entity(&t, "United States");
        assert_eq!(us.articles, [0, 1, 2, 3]);
        assert_eq!(entity(&t, "United Steelworkers").articles, [2]);
        let harbor = entity(&t, "Blue Harbor");
        assert_eq!((harbor.kind, harbor.mentions), (Org, 3));
        assert!(
            t.entities
                .iter()
                .all(|e| !e.aliases.contains(&"I'd".to_string()))
        );
        assert_eq!(entity(&t, "ID").mentions, 1);
        entity(&t, "O'Hara");
    }

    #[test]
    fn a_first_name_joins_its_full_name_only_in_the_same_article() {
        let t = resolve_aliases(&[
            article(&[("Vladimir Putin", P), ("Vladimir", P)]),
            article(&[("Vladimir", P)]),
        ]);
        assert_eq!(entity(&t, "Vladimir Putin").articles, [0]);
        assert_eq!(entity(&t, "Vladimir").articles, [1]);
    }

    #[test]
    fn roles_are_dropped_from_names_and_spans() {
        let body = "Secretary of State Marco Rubio spoke.";
        let t = resolve_aliases(&[vec![Found {
            kind: P,
            start: 0,
            end: 30,
            text: "Secretary of State Marco Rubio".into(),
            role: None,
            before_government: false,
        }]]);
        let m = &t.by_article[0][0];
        assert_eq!(&body[m.start..m.end], "Marco Rubio");
        assert_eq!(t.entities[0].name, "Marco Rubio");
        assert_eq!(t.entities[0].id, "person/marco-rubio");
    }

    #[test]
    fn a_surname_tagged_as_an_organisation_is_still_the_person() {
        let t = resolve_aliases(&[
            article(&[("Donald Trump", P), ("Trump", Org), ("Trump", Org)]),
            article(&[("Donald Trump", P), ("Trump", Org)]),
            article(&[("Trump", Org), ("Trump", P)]),
        ]);
        let trump = entity(&t, "Donald Trump");
        assert_eq!(trump.articles, [0, 1, 2]);
        assert_eq!(trump.mentions, 7);
        assert_eq!(t.entities.len(), 1, "{:?}", t.entities);
    }

    #[test]
    fn a_full_name_tagged_wrongly_joins_its_surname() {
        let mut governing = article(&[("Biden", EntityKind::Misc)]);
        governing[0].before_government = true;
        let t = resolve_aliases(&[
            article(&[("Ksenia Karelina", Org), ("Karelina", P), ("Karelina", P)]),
            article(&[("Joe Biden", P)]),
            governing,
            // A word never taken for a person is no surname.
            article(&[("Jolly Harvest", P)]),
            article(&[("Harvest", EntityKind::Misc)]),
        ]);
        assert_eq!(entity(&t, "Harvest").kind, EntityKind::Misc);
        let k = entity(&t, "Ksenia Karelina");
        assert_eq!(k.kind, P);
        assert_eq!(k.mentions, 3);
        assert_eq!(entity(&t, "Joe Biden").articles, [1, 2]);
        assert_eq!(entity(&t, "Joe Biden").mentions, 2);
    }

    #[test]
    fn nationalities_and_descriptions_do_not_become_people() {
        let t = resolve_aliases(&[
            article(&[("Philip French", P), ("French", EntityKind::Misc)]),
            article(&[("French", EntityKind::Misc), ("French", EntityKind::Misc)]),
            article(&[("MP for Kensington and Chelsea", Org), ("Chelsea", P)]),
            article(&[("Chelsea", Org), ("Chelsea", Org)]),
        ]);
        assert_eq!(entity(&t, "French").kind, EntityKind::Misc);
        assert_eq!(entity(&t, "Philip French").mentions, 1);
        assert_eq!(entity(&t, "Chelsea").mentions, 3);
        assert_eq!(entity(&t, "MP for Kensington and Chelsea").mentions, 1);
    }

    #[test]
    fn the_majority_decides_a_names_kind() {
        let t = resolve_aliases(&[
            article(&[("Kremlin", Org), ("Kremlin", Org)]),
            article(&[("Kremlin", Place)]),
        ]);
        assert_eq!(t.entities.len(), 1);
        assert_eq!(t.entities[0].kind, Org);
    }
}
