//! Ranking and grouping over short stories written for these tests.

use std::sync::atomic::Ordering;

use chrono::NaiveDate;

use super::*;

const WIRE: &str = "Dock workers at the port of Halvard walked out on Monday, halting container traffic at the country's busiest harbour.
The union said the strike would last until the operator Brenmoor Logistics withdrew plans to automate three cranes.
Brenmoor said the automation would save 40 million crowns a year and that no jobs would be cut.
Shipping lines diverted at least twelve vessels to the smaller terminal at Osterby, according to harbour officials.
Union leader Mara Quist told reporters the workers feared the cranes were only the first step.
Talks between the two sides collapsed last Friday after six hours without agreement.";

const REWRITE: &str = "Container traffic at Halvard, the busiest harbour in the country, ground to a halt on Monday as dock workers walked out.
Brenmoor Logistics, which operates the port, insists that automating three cranes will save 40 million crowns annually without cutting any jobs.
According to harbour officials, shipping lines have diverted at least twelve vessels to the smaller Osterby terminal.
The workers' union vowed to keep the strike going until Brenmoor drops its crane automation plans.
Mara Quist, who leads the union, said workers feared the three cranes were merely a first step.
Six hours of talks between the sides ended without agreement on Friday.";

const UNRELATED: &str =
    "A family bakery in Lindqvist won the national sourdough championship on Saturday.
The judges praised the crust of the rye loaf, which is proved for two days in a cold cellar.
The owners said they would spend the prize money on a second wood-fired oven.
Bakeries from eleven regions entered this year's contest, a record number.";

const FOLLOW_UP: &str = "Ships queued outside Halvard harbour for a third day on Wednesday as the dock strike against Brenmoor Logistics continued.
The government offered to mediate, but union leader Mara Quist said mediation was pointless while the crane plans stood.
Exporters of timber warned that delays were costing them money every day.";

fn reordered(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    lines.join("\n\n")
}

fn doc<'a>(title: &'a str, body: &'a str) -> RelatedDoc<'a> {
    RelatedDoc {
        body,
        title,
        ..RelatedDoc::default()
    }
}

/// Reads a body as the library does, from the docs the index was built on.
fn body_of<'a>(docs: &'a [RelatedDoc<'a>]) -> impl Fn(usize) -> Cow<'a, str> + Sync + 'a {
    move |d| Cow::Borrowed(docs[d].body)
}

/// Asserts that two indexes of `docs` give every doc the same `k` related
/// reports and the same duplicate group.
fn same_answers(a: &RelatedIndex, b: &RelatedIndex, docs: &[RelatedDoc], k: usize) {
    for d in 0..docs.len() {
        assert_eq!(
            a.related(d, k, &body_of(docs)),
            b.related(d, k, &body_of(docs)),
            "doc {d}"
        );
        assert_eq!(a.duplicate_group(d), b.duplicate_group(d), "doc {d}");
    }
}

fn date(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 3, d)
}

#[test]
fn a_rewrite_groups_with_its_wire_story_and_ranks_first() {
    let docs = vec![
        doc("Halvard dockers strike", WIRE),
        doc("Bakery wins sourdough title", UNRELATED),
        doc("Port of Halvard paralysed", REWRITE),
        doc("Halvard strike enters third day", FOLLOW_UP),
    ];
    let index = RelatedIndex::build(&docs);
    let g = index.duplicate_group(2).expect("the rewrite is grouped");
    assert_eq!(
        g,
        DuplicateGroup {
            id: 0,
            kind: DuplicateKind::Rewrite
        }
    );
    assert_eq!(index.duplicate_group(0), Some(g));
    // A different report on the same strike is related, not a duplicate.
    assert_eq!(index.duplicate_group(3), None);
    assert_eq!(index.duplicate_group(1), None);
    assert_eq!(index.groups().len(), 1);
    assert_eq!(index.groups()[0].members, vec![0, 2]);

    let related = index.related(0, 10, &body_of(&docs));
    assert_eq!(related[0].doc, 2);
    assert!(
        related[0].reasons[0].starts_with("same story ("),
        "{:?}",
        related[0].reasons
    );
    assert_eq!(related[1].doc, 3);
    assert!(
        related.iter().all(|r| r.doc != 1),
        "the bakery story is unrelated: {related:?}"
    );
    assert_eq!(index.related(2, 1, &body_of(&docs))[0].doc, 0);
}

#[test]
fn reordered_and_identical_copies_are_told_apart() {
    let reflowed = WIRE.replace('\n', "\n\n   ");
    let shuffled = reordered(WIRE);
    let docs = vec![
        doc("Bakery wins", UNRELATED),
        doc("Dockers strike", WIRE),
        doc("Strike at Halvard (updated headline)", &reflowed),
        doc("Halvard port strike", &shuffled),
        doc("Bakery wins sourdough title", UNRELATED),
    ];
    let index = RelatedIndex::build(&docs);
    let kinds: Vec<Option<DuplicateKind>> = (0..5)
        .map(|d| index.duplicate_group(d).map(|g| g.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            Some(DuplicateKind::Identical),
            Some(DuplicateKind::Identical),
            Some(DuplicateKind::Identical),
            Some(DuplicateKind::Rewrite),
            Some(DuplicateKind::Identical),
        ]
    );
    let groups = index.groups();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        (groups[0].id, groups[0].kind, groups[0].members.clone()),
        (0, DuplicateKind::Identical, vec![0, 4])
    );
    assert_eq!(
        (groups[1].id, groups[1].kind, groups[1].members.clone()),
        (1, DuplicateKind::Rewrite, vec![1, 2, 3])
    );
    assert_eq!(index.duplicate_group(3).map(|g| g.id), Some(1));

    let related = index.related(1, 3, &body_of(&docs));
    assert_eq!(related[0].doc, 2);
    assert_eq!(related[0].reasons, vec!["identical copy"]);
    assert_eq!(related[1].doc, 3);
    // Paragraph seams break a few shingles; most of the text still matches.
    let reason = &related[1].reasons[0];
    let pct: u32 = reason
        .trim_start_matches("same story (")
        .trim_end_matches("% text overlap)")
        .parse()
        .unwrap_or(0);
    assert!((80..=100).contains(&pct), "{reason}");
}

#[test]
fn an_excerpt_is_a_rewrite_of_its_source() {
    let excerpt: String = WIRE.lines().take(3).collect::<Vec<_>>().join(" ");
    let docs = vec![doc("a", WIRE), doc("b", UNRELATED), doc("c", &excerpt)];
    let index = RelatedIndex::build(&docs);
    assert_eq!(
        index.duplicate_group(2),
        Some(DuplicateGroup {
            id: 0,
            kind: DuplicateKind::Rewrite
        })
    );
}

#[test]
fn empty_bodies_are_not_copies_of_each_other() {
    let docs = vec![doc("one", ""), doc("two", "  \n"), doc("three", UNRELATED)];
    let index = RelatedIndex::build(&docs);
    assert!(index.groups().is_empty());
    assert!(index.related(0, 5, &body_of(&docs)).is_empty());
    assert!(index.related(9, 5, &body_of(&docs)).is_empty());
}

#[test]
fn closer_dates_break_ties_and_are_given_as_a_reason() {
    let mut docs = vec![
        doc("Bakery", UNRELATED),
        doc("Strike", WIRE),
        doc("Follow-up", FOLLOW_UP),
        doc("Follow-up", FOLLOW_UP),
    ];
    docs[1].date = date(4);
    docs[2].date = date(28);
    docs[3].date = date(6);
    let index = RelatedIndex::build(&docs);
    let related = index.related(1, 2, &body_of(&docs));
    assert_eq!(
        related.iter().map(|r| r.doc).collect::<Vec<_>>(),
        vec![3, 2]
    );
    assert!(related[0].score > related[1].score);
    assert_eq!(
        related[0].reasons.last().map(String::as_str),
        Some("2 days apart")
    );
    assert_eq!(
        related[1].reasons.last().map(String::as_str),
        Some("3 weeks apart")
    );
}

#[test]
fn shared_rare_entities_lift_a_report_and_are_named() {
    let quist = EntityRef::new(7, "Mara Quist");
    let brenmoor = EntityRef::new(8, "Brenmoor Logistics");
    let halvard = EntityRef::new(9, "Halvard");
    let other = "Timber exporters met in the capital on Tuesday to discuss freight costs.
Several firms said rising fuel prices had squeezed their margins this spring.
A spokesman for the ministry promised a review of harbour fees.";
    let mut docs = vec![
        doc("Strike", WIRE),
        doc("Timber exporters meet", other),
        doc("Timber exporters meet again", other),
        doc("Bakery", UNRELATED),
    ];
    docs[0].entities = vec![quist, brenmoor, halvard];
    docs[2].entities = vec![quist, brenmoor];
    docs[3].entities = vec![halvard];
    let index = RelatedIndex::build(&docs);
    let related = index.related(0, 3, &body_of(&docs));
    assert_eq!(related[0].doc, 2, "{related:?}");
    assert!(
        related[0]
            .reasons
            .contains(&"shares Mara Quist, Brenmoor Logistics".to_string()),
        "{:?}",
        related[0].reasons
    );
    assert_eq!(related[0].reason_line(), related[0].reasons.join("; "));
    // Sharing only an entity is enough to be found at all.
    assert!(
        related
            .iter()
            .any(|r| r.doc == 3 && r.reasons == vec!["shares Halvard"]),
        "{related:?}"
    );
}

#[test]
fn duplicate_kinds_serialise_lowercase() {
    let g = DuplicateGroup {
        id: 3,
        kind: DuplicateKind::Rewrite,
    };
    assert_eq!(
        serde_json::to_string(&g).ok().as_deref(),
        Some(r#"{"id":3,"kind":"rewrite"}"#)
    );
    assert_eq!(
        serde_json::to_string(&DuplicateKind::Identical)
            .ok()
            .as_deref(),
        Some(r#""identical""#)
    );
}

#[test]
fn the_lead_decides_more_than_the_background() {
    // Each report shares as many words with the first as the other does:
    // one shares its lead (the event), the other its closing background.
    let first = "Dock workers at Halvard walked out on Monday over crane automation.
The strike halted container traffic at the busiest harbour in the country.
Union leader Mara Quist said the stoppage would continue indefinitely.
Timber exporters have long complained about freight costs in the region.
Sawmills reported falling orders from overseas buyers this winter.
Forestry officials predicted a weak season for pine exports.";
    let same_event = "Container traffic stopped at Halvard on Monday as dock workers walked out over crane automation.
Mara Quist, the union leader, said the strike at the harbour would continue indefinitely.
The operator declined to comment.
A bakery in Lindqvist won the national sourdough championship.
Judges praised the crust of its rye loaf.
The owners plan a second oven.";
    let same_background = "Timber exporters complained again about freight costs in the region.
Sawmills said orders from overseas buyers fell this winter, and forestry officials predicted a weak season for pine exports.
Prices at the spring auction were the lowest in a decade.
A bakery in Lindqvist won the national sourdough championship.
Judges praised the crust of its rye loaf.
The owners plan a second oven.";
    let docs = vec![
        doc("", first),
        doc("", same_background),
        doc("", same_event),
    ];
    let index = RelatedIndex::build(&docs);
    let related = index.related(0, 2, &body_of(&docs));
    assert_eq!(related[0].doc, 2, "{related:?}");
    // The background match ranks far lower, if it is found at all.
    assert!(
        related[1..]
            .iter()
            .all(|r| r.score < related[0].score / 2.0),
        "{related:?}"
    );
}

#[test]
fn bodies_read_a_batch_at_a_time_give_the_same_index() {
    let reflowed = WIRE.replace('\n', "\n\n   ");
    let texts = [
        UNRELATED, WIRE, REWRITE, &reflowed, FOLLOW_UP, UNRELATED, WIRE,
    ];
    let titles = ["a", "b", "c", "d", "e", "f", "g"];
    let docs: Vec<RelatedDoc> = texts
        .iter()
        .zip(titles)
        .enumerate()
        .map(|(i, (t, title))| RelatedDoc {
            date: date(1 + i as u32),
            ..doc(title, t)
        })
        .collect();
    let whole = RelatedIndex::build(&docs);
    // The index's own docs carry no text: every body comes from the reader.
    let bare: Vec<RelatedDoc> = docs
        .iter()
        .map(|d| RelatedDoc {
            body: "",
            ..d.clone()
        })
        .collect();
    let read = |range: Range<usize>| -> Vec<Cow<'_, str>> {
        texts[range].iter().map(|t| Cow::Borrowed(*t)).collect()
    };
    for batch in [1, 2, 3, 7] {
        let batched = RelatedIndex::build_in_batches(&bare, &read, batch);
        same_answers(&batched, &whole, &docs, 4);
    }
    assert!(whole.duplicate_group(1).is_some());
}

#[test]
fn an_index_read_back_answers_the_same_and_a_damaged_one_is_refused() {
    let reflowed = WIRE.replace('\n', "\n\n   ");
    let e = EntityRef::new;
    let docs: Vec<RelatedDoc> = [WIRE, UNRELATED, REWRITE, &reflowed, FOLLOW_UP, ""]
        .iter()
        .enumerate()
        .map(|(i, body)| RelatedDoc {
            date: (i != 1).then(|| date(1 + i as u32)).flatten(),
            entities: if i == 1 {
                Vec::new()
            } else {
                vec![e(7, "Mara Quist"), e(i as u32, "Halvard")]
            },
            ..doc("Halvard", body)
        })
        .collect();
    let index = RelatedIndex::build(&docs);
    assert!(!index.groups().is_empty());
    let bytes = index.encode();
    let lists = MapLists::of(&index);
    let back = RelatedIndex::decode(&bytes, docs.len(), lists.clone()).expect("read back");
    assert_eq!(back.groups(), index.groups());
    same_answers(&back, &index, &docs, 5);
    assert!(
        lists.read.load(Ordering::Relaxed) > 0,
        "answered from the lists"
    );
    assert_eq!(back.encode(), bytes);
    assert_eq!(back.lists().count(), 0, "nothing held in memory");
    // Another corpus size, cut short, or one byte more: refused.
    assert!(RelatedIndex::decode(&bytes, docs.len() + 1, lists.clone()).is_none());
    for cut in [1, 4, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            RelatedIndex::decode(&bytes[..cut], docs.len(), lists.clone()).is_none(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(RelatedIndex::decode(&longer, docs.len(), lists).is_none());
}

/// Lists kept in a map, as the store keeps them, counting the lists read.
#[derive(Default)]
struct MapLists {
    lists: std::collections::BTreeMap<u64, Vec<u8>>,
    read: std::sync::atomic::AtomicUsize,
}

impl MapLists {
    fn of(index: &RelatedIndex) -> Arc<MapLists> {
        Arc::new(MapLists {
            lists: index.lists().collect(),
            ..MapLists::default()
        })
    }
}

impl ListSource for MapLists {
    fn read(&self, ids: &[u64], each: &mut dyn FnMut(u64, &[u8])) {
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "asked in order");
        for id in ids {
            if let Some(bytes) = self.lists.get(id) {
                self.read.fetch_add(1, Ordering::Relaxed);
                each(*id, bytes);
            }
        }
    }
}

#[test]
fn an_index_whose_lists_are_kept_answers_as_before_and_survives_damaged_ones() {
    let docs: Vec<RelatedDoc> = [WIRE, UNRELATED, REWRITE, FOLLOW_UP]
        .iter()
        .map(|body| doc("Halvard", body))
        .collect();
    let fresh = RelatedIndex::build(&docs);
    let mut kept = RelatedIndex::build(&docs);
    let lists = MapLists::of(&kept);
    // Every report's vector, and some terms' postings.
    assert!((0..docs.len() as u64).all(|d| lists.lists.contains_key(&d)));
    assert!(lists.lists.keys().any(|&id| id >= POSTINGS));
    kept.keep_lists_in(lists.clone());
    same_answers(&kept, &fresh, &docs, 3);
    assert!(lists.read.load(Ordering::Relaxed) > 0);

    // A damaged or missing list reads as an empty one: the report shares
    // no words, and nothing fails.
    let related_to_wire = |lists: MapLists| {
        let mut index = RelatedIndex::build(&docs);
        index.keep_lists_in(Arc::new(lists));
        index.related(0, 3, &body_of(&docs))
    };
    let before = fresh.related(0, 3, &body_of(&docs));
    assert!(before.iter().any(|r| r.doc == 2), "{before:?}");
    for damage in [
        |v: &mut Vec<u8>| v.truncate(v.len() - 3),
        |v: &mut Vec<u8>| v.reverse(),
        |v: &mut Vec<u8>| v.clear(),
    ] {
        let mut damaged = MapLists {
            lists: fresh.lists().collect(),
            ..MapLists::default()
        };
        damage(damaged.lists.get_mut(&2).expect("the rewrite's vector"));
        if damaged.lists[&2].is_empty() {
            damaged.lists.remove(&2);
        }
        let after = related_to_wire(damaged);
        assert!(
            after
                .iter()
                .all(|r| r.doc != 2 || r.score < before[0].score),
            "{after:?}"
        );
    }
}
