//! Alias resolution on mentions written for these tests.

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
    let m = &t.by_article.get(0).unwrap()[0];
    assert_eq!(&body[m.span()], "Marco Rubio");
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

#[test]
fn a_title_after_a_body_names_the_person_after_it() {
    let t = resolve_aliases(&[
        article(&[
            ("Central Bank Board Chairman Paul Vance", Org),
            ("Vance", P),
        ]),
        article(&[("Paul Vance", P)]),
    ]);
    let vance = entity(&t, "Paul Vance");
    assert_eq!(vance.kind, P);
    assert_eq!(vance.articles, [0, 1]);
    assert_eq!(vance.mentions, 3);
    assert!(
        t.entities.iter().all(|e| !e.name.contains("Chairman")),
        "{:?}",
        t.entities
    );
}

#[test]
fn roles_and_bodies_are_not_people() {
    let t = resolve_aliases(&[article(&[
        ("Vice Chairman", P),
        ("Aid Commissioner", P),
        ("Policy Committee", P),
        ("Margaret Court", P),
    ])]);
    let names: Vec<(&str, EntityKind)> = t
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind))
        .collect();
    assert!(
        !names
            .iter()
            .any(|(n, _)| *n == "Vice Chairman" || *n == "Aid Commissioner"),
        "{names:?}"
    );
    assert!(names.contains(&("Policy Committee", Org)), "{names:?}");
    assert!(names.contains(&("Margaret Court", P)), "{names:?}");
}

#[test]
fn a_body_or_a_company_by_its_last_word_whatever_the_tagger_said() {
    let t = resolve_aliases(&[article(&[
        ("Harwick Fleming Securities Co", Place),
        ("Nevada Public Utilities Commission", Place),
        ("Carlton Institution", EntityKind::Misc),
        ("Arabian Sea", P),
        ("West Bank", Place),
        ("Soviet Union", Place),
        ("MP Lembit Vaino", P),
    ])]);
    let kind = |name: &str| entity(&t, name).kind;
    assert_eq!(kind("Harwick Fleming Securities Co"), Org);
    assert_eq!(kind("Nevada Public Utilities Commission"), Org);
    assert_eq!(kind("Carlton Institution"), Org);
    assert_eq!(kind("Arabian Sea"), Place);
    assert_eq!(kind("West Bank"), Place);
    assert_eq!(kind("Soviet Union"), Place);
    assert_eq!(kind("Lembit Vaino"), P);
}

#[test]
fn a_title_or_a_government_inside_the_name_counts_as_outside_it() {
    let t = resolve_aliases(&[
        article(&[("President Alma Varga", P)]),
        article(&[("Petra Varga", P)]),
        vec![with_role("Varga", P, "president")],
        article(&[("Ilse Korda", P)]),
        article(&[("Korda Administration", Org)]),
        article(&[
            ("Small Business Administration", Org),
            ("French Government", EntityKind::Misc),
        ]),
    ]);
    entity(&t, "Small Business Administration");
    assert_eq!(entity(&t, "French Government").kind, EntityKind::Misc);
    assert_eq!(entity(&t, "Alma Varga").articles, [0, 2]);
    assert_eq!(entity(&t, "Petra Varga").articles, [1]);
    assert_eq!(entity(&t, "Ilse Korda").articles, [3, 4]);
    assert!(
        !t.entities.iter().any(|e| e.name == "Korda Administration"),
        "{:?}",
        t.entities
    );
}

#[test]
fn names_the_tagger_joined_are_split() {
    let found = |text: &str, kind| Found {
        kind,
        start: 10,
        end: 10 + text.len(),
        text: text.into(),
        role: None,
        before_government: false,
    };
    let parts = |text: &str, kind| -> Vec<(String, usize)> {
        match split_joined(&found(text, kind)) {
            Some(parts) => parts.into_iter().map(|f| (f.text, f.start)).collect(),
            None => vec![(text.to_string(), 10)],
        }
    };
    assert_eq!(
        parts("Moreau and Tanaka", P),
        [("Moreau".to_string(), 10), ("Tanaka".to_string(), 21)]
    );
    assert_eq!(
        parts("Sato / Keller", P),
        [("Sato".to_string(), 10), ("Keller".to_string(), 17)]
    );
    assert_eq!(
        parts("Harbour Foods Corp and Eastline Equipment Co", Org).len(),
        2
    );
    assert_eq!(parts("Harbour Gas and Electric Co", Org).len(), 1);
    assert_eq!(parts("Eastline Savings and Loan Association", Org).len(), 1);
    assert_eq!(parts("Harbour Brothers and Co Ltd", Org).len(), 1);
    assert_eq!(parts("Harbour Exploration Norge A/S", P).len(), 1);
    // A company named for two people, and names with a lowercase word.
    assert_eq!(parts("Procter and Gamble", Org).len(), 1);
    assert_eq!(parts("Marks & Spencer", Org).len(), 1);
    assert_eq!(parts("Duke of York and Albany", P).len(), 1);
    assert_eq!(parts("Ann and", P).len(), 1);
}
