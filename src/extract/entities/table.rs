//! The entity table: each resolved key becomes one `Entity` with its most
//! used surface form as its name, the other forms as aliases, a stable id,
//! and its mentions article by article. Knows the resolved keys, not how
//! they were resolved.

use std::collections::HashMap;

use super::{
    Entity, EntityKind, EntityTable, KeyStats, Mention, Prepared, is_first_name, is_legal_form,
    is_org_word, last_word,
};

/// Last words that make a name of several words a company or an
/// institution and nothing else, whatever the tagger said: a legal form
/// ("Jardine Fleming Securities Co") or a body's noun ("California Public
/// Utilities Commission", "Smithsonian Institution"). Words that also end
/// places ("West Bank", "Mexico City", "Soviet Union") are not among them.
fn names_a_body(key: &str) -> bool {
    const BODIES: &[&str] = &[
        "commission",
        "committee",
        "council",
        "agency",
        "ministry",
        "department",
        "authority",
        "board",
        "bureau",
        "institute",
        "institution",
        "university",
        "association",
        "corporation",
        "company",
        "foundation",
        "federation",
        "organisation",
        "organization",
        "securities",
        "holdings",
        "group",
    ];
    let last = last_word(key);
    is_legal_form(last) || BODIES.contains(&last)
}

/// Last words of seas and lands that no surname shares ("Arabian Sea",
/// "Korean Peninsula"): such a name is a place, not a person.
fn names_a_sea_or_land(key: &str) -> bool {
    const FEATURES: &[&str] = &[
        "sea",
        "ocean",
        "strait",
        "straits",
        "gulf",
        "peninsula",
        "mountains",
        "desert",
        "islands",
        "archipelago",
        "plateau",
    ];
    key.contains(' ') && FEATURES.contains(&last_word(key))
}

/// The most frequent surface form of every key, in one pass.
pub(super) fn display_forms(prepared: &[Vec<Prepared>]) -> HashMap<&str, &str> {
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

pub(super) fn build_table(
    prepared: &[Vec<Prepared>],
    resolved: &[Vec<String>],
    stats: &HashMap<String, KeyStats>,
) -> EntityTable {
    struct Acc {
        forms: HashMap<String, usize>,
        own_forms: HashMap<String, usize>,
        articles: Vec<u32>,
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
            let article = article as u32;
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
        // Nor is a name of words that ends in a word of organisation names
        // and starts with no first name ("Policy Committee", "Copper
        // Commission"); "Margaret Court" keeps her first name.
        let org_end = key.contains(' ')
            && is_org_word(last_word(key))
            && !is_first_name(key.split(' ').next().unwrap_or(key));
        let lone_org_word = !key.contains(' ') && is_org_word(key);
        if (kind == EntityKind::Person && (lone_org_word || legal_end || org_end))
            || (kind == EntityKind::Place && lone_org_word)
            || (kind != EntityKind::Org && key.contains(' ') && names_a_body(key))
        {
            // Likewise a body's word is no place ("a Cabinet meeting").
            kind = EntityKind::Org;
        } else if kind == EntityKind::Person && names_a_sea_or_land(key) {
            kind = EntityKind::Place;
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
                        entity: u32::try_from(*index_of.get(key.as_str())?).ok()?,
                        start: u32::try_from(m.start).ok()?,
                        end: u32::try_from(m.end).ok()?,
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
