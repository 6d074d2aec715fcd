//! Recognition with the shipped model on sentences written for these tests,
//! in the styles news text comes in: wire copy, headlines, quotes, typographic
//! apostrophes.

use super::*;

fn found(text: &str) -> Vec<(EntityKind, String)> {
    recognise(text)
        .into_iter()
        .map(|m| (m.kind, m.text))
        .collect()
}

fn has(text: &str, kind: EntityKind, name: &str) -> bool {
    found(text).iter().any(|(k, n)| *k == kind && n == name)
}

#[test]
fn the_embedded_model_loads() {
    assert!(Model::embedded().feature_count() > 10_000);
}

#[test]
fn finds_people_places_and_organisations_in_wire_copy() {
    let text = "Foreign Minister Anna Kowalski met Brazilian President Luiz Barbosa in Geneva on Tuesday, \
                a spokesman for the United Nations said.";
    let got = found(text);
    assert!(
        got.contains(&(EntityKind::Person, "Anna Kowalski".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(EntityKind::Person, "Luiz Barbosa".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(EntityKind::Place, "Geneva".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(EntityKind::Org, "United Nations".into())),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(_, n)| n.contains("President") || n.contains("Minister")),
        "{got:?}"
    );
}

#[test]
fn possessives_leave_the_name_alone() {
    for text in [
        "Officials said Ostrowski's proposal was rejected by Parliament.",
        "Officials said Ostrowski\u{2019}s proposal was rejected by Parliament.",
    ] {
        let mentions = recognise(text);
        let person = mentions.iter().find(|m| m.kind == EntityKind::Person);
        let person = person.unwrap_or_else(|| panic!("no person in {text:?}: {mentions:?}"));
        assert_eq!(person.text, "Ostrowski");
        assert_eq!(&text[person.start..person.end], "Ostrowski");
    }
}

#[test]
fn offsets_point_into_the_text() {
    let text =
        "\u{201c}We will not retreat,\u{201d} said Olena Marchenko, an aide to the mayor of Lviv.";
    let mentions = recognise(text);
    assert!(!mentions.is_empty());
    for m in &mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
    }
    assert!(
        has(text, EntityKind::Person, "Olena Marchenko"),
        "{mentions:?}"
    );
    assert!(has(text, EntityKind::Place, "Lviv"), "{mentions:?}");
}

#[test]
fn unseen_surnames_follow_the_full_name() {
    let text = "Envoy Gregor Vashchenko arrived in Paris on Monday. Vashchenko met officials, \
                and aides said Vashchenko would stay.";
    let people: Vec<String> = recognise(text)
        .into_iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.text)
        .collect();
    assert_eq!(people, ["Gregor Vashchenko", "Vashchenko", "Vashchenko"]);
}

#[test]
fn headline_capitals_alone_are_not_names() {
    let text = "TALKS STALL AS WINTER ARRIVES\nThe talks stalled this week as winter arrived early in the region.";
    let got = found(text);
    assert!(
        got.iter()
            .all(|(_, n)| !["TALKS", "WINTER", "ARRIVES", "STALL"].contains(&n.as_str())),
        "{got:?}"
    );
    let text = "However, the plan failed. Meanwhile prices rose.";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn headlines_still_name_what_the_article_names() {
    let text = "PRIME MINISTER VISITS NAIROBI\nThe prime minister arrived in Nairobi on Friday.";
    assert!(has(text, EntityKind::Place, "NAIROBI"), "{:?}", found(text));
}

#[test]
fn odd_text_never_breaks_offsets() {
    assert!(recognise("").is_empty());
    assert!(recognise("  \n\n ... --- !!").is_empty());
    let text = "Caf\u{e9} owner Zo\u{eb} Lef\u{e8}vre \u{1f44d}\u{1f3fd} met Bj\u{f6}rn in \u{c5}lborg\u{200b}.\r\nA\u{301}\u{301} \u{201c}x\u{201d}";
    for m in recognise(text) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
    }
}

#[test]
fn mentions_serialise_with_lowercase_kinds() {
    let m = Mention {
        start: 0,
        end: 5,
        kind: EntityKind::Place,
        text: "Paris".into(),
    };
    let json = serde_json::to_value(&m).expect("serialises");
    assert_eq!(json["kind"], "place");
    assert_eq!(json["end"], 5);
}

#[test]
fn listed_clubs_and_companies_are_organisations() {
    let text = "Chelsea beat Arsenal 2-1 on Saturday. Sony and Nintendo reported higher sales, \
                and shares in Yukos fell.";
    for name in ["Chelsea", "Arsenal", "Sony", "Nintendo", "Yukos"] {
        assert!(
            has(text, EntityKind::Org, name),
            "{name}: {:?}",
            found(text)
        );
    }
}

#[test]
fn greetings_are_not_people() {
    let text =
        "The band closed the show with Merry Yuletide Everyone, and Tom Kale thanked the crowd.";
    let got = found(text);
    assert!(
        !got.iter()
            .any(|(k, n)| *k == EntityKind::Person && n.starts_with("Merry")),
        "{got:?}"
    );
}

#[test]
fn a_name_with_a_ticker_is_a_company_throughout() {
    let text = "Shares of Harlan Brewer fell on Tuesday. Harlan Brewer (ticker: HBW) cut its forecast, \
                and Harlan Brewer employees were told of job cuts, said Ann Bell.";
    let got = found(text);
    assert!(
        !got.contains(&(EntityKind::Person, "Harlan Brewer".into())),
        "{got:?}"
    );
}
