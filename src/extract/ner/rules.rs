//! Corrections applied to tagged spans in news text: titles and roles
//! ("President", "Foreign Minister", "Kremlin aide") are not part of a
//! person's name, possessive endings and stray quotes are not part of any
//! name, and a lone capitalised word whose only evidence is its capital (a
//! sentence start, a headline) is dropped when the document otherwise uses
//! it as a common word. Knows nothing of the model's weights.

use std::ops::Range;

use super::EntityKind;
use super::features::{Case, DocContext, Mode, Sentence};
use super::gazetteer::{Gazetteer, List, begins};
use super::noise;

/// Narrows a tagged span of `sentence` to the name it holds, or drops it.
/// `lowered` are the sentence's normalised words.
pub fn trim_span(
    sentence: &Sentence,
    lowered: &[&str],
    span: Range<usize>,
    kind: EntityKind,
    doc: &DocContext,
    gazetteer: &Gazetteer,
) -> Option<Range<usize>> {
    let (mut start, mut end) = (span.start, span.end);
    if capitals_are_style(sentence) {
        // In a headline every word is capitalised: keep only the words the
        // article capitalises elsewhere or a list knows.
        let evidence = |i: usize| {
            let w = &sentence.words[i];
            let after_first_name =
                i > 0 && sentence.words[i - 1].gaz & begins(List::FirstName) != 0;
            doc.is_capitalised_mid(&w.lower)
                || w.gaz & !(begins(List::Common) | begins(List::Role)) != 0
                || after_first_name
        };
        while start < end && !evidence(start) {
            start += 1;
        }
        while end > start && !evidence(end - 1) {
            end -= 1;
        }
    }
    let not_name = |w: &str| w.chars().all(|c| !c.is_alphanumeric()) || is_possessive(w);
    while start < end && not_name(lowered[start]) {
        start += 1;
    }
    // A possessive ends the name it follows: "Webb's Life" is "Webb".
    if let Some(p) = lowered[start..end].iter().position(|w| is_possessive(w)) {
        end = start + p;
    }
    while end > start && not_name(lowered[end - 1]) {
        end -= 1;
    }
    // A title that starts inside a span and runs past it ("Ukraine's
    // Foreign | Minister") is not part of the name.
    if let Some(p) = (start + 1..end).find(|&p| {
        gazetteer
            .match_at(lowered, p, List::Role)
            .is_some_and(|n| p + n > end)
    }) {
        end = p;
    }
    if kind == EntityKind::Person {
        // Roles can stack: "Kremlin aide", "former Foreign Minister".
        while start < end {
            let role = gazetteer.match_at(&lowered[..end], start, List::Role);
            match role {
                Some(n) => start += n,
                _ if matches!(
                    lowered[start],
                    "former" | "late" | "then" | "acting" | "of" | "the"
                ) =>
                {
                    start += 1
                }
                _ => break,
            }
        }
    }
    // A name does not run across a comma: "Tod Greer, Ansel Moyo" are two.
    if let Some(p) = lowered[start..end].iter().position(|w| *w == ",") {
        end = start + p;
    }
    // A month or a weekday after a name belongs to a date: "New York Dec
    // 2", "EST Friday".
    end -= noise::month_tail(lowered, &(start..end));
    // Nor does a name end in a lowercase word or a bare figure ("Bank
    // foreign", "End Stocks 978"): those are the sentence's, not the name's.
    while end > start + 1 && noise::ends_no_name(sentence, end - 1) {
        end -= 1;
    }
    if start >= end {
        return None;
    }
    let single = end - start == 1;
    if single
        && (capital_is_only_evidence(sentence, start, lowered[start], doc, gazetteer)
            || noise::is_never_a_name(sentence, lowered, start, kind)
            || noise::is_table_label(sentence, &(start..end), doc)
            || noise::is_shouted(sentence, &(start..end)))
    {
        return None;
    }
    Some(start..end)
}

/// Whether a line's capitals are its style rather than evidence of names:
/// a headline, a heading or a menu item. A line written in capitals that
/// has the shape of a list or a table (results, scores, standings, squads)
/// is not one: there each capitalised word is a name or a label, and the
/// tagger's reading is kept.
fn capitals_are_style(sentence: &Sentence) -> bool {
    sentence.mode != Mode::Normal && !is_list_or_table(sentence)
}

/// The shape of a list or table line, from punctuation and figures alone:
/// brackets ("Sussex 363 (W. Athey 111)"), commas between several items
/// ("Ann Bell, Tom Kale, Rob Stone"), semicolons, and figures. One comma or
/// one figure is common in headlines ("Putin, Trump Meet", "Talks Last 5
/// Hours"), so it takes two such marks. A line that ends in a figure other
/// than a year ("Ann Bell 442,201", "Tom Kale 4-37") ends in a table cell,
/// which counts twice.
fn is_list_or_table(sentence: &Sentence) -> bool {
    let is_figure = |f: &str| f.chars().any(|c| c.is_ascii_digit());
    let last = sentence
        .words
        .iter()
        .rev()
        .map(|w| sentence.form(w))
        .find(|f| f.chars().any(char::is_alphanumeric));
    let mut marks = match last {
        Some(f) if is_figure(f) && !is_year(f) => 1,
        _ => 0,
    };
    let mut opened = false;
    for w in &sentence.words {
        match sentence.form(w) {
            "(" | "[" => opened = true,
            ")" | "]" if opened => marks += 2,
            ";" => marks += 2,
            "," => marks += 1,
            f if is_figure(f) => marks += 1,
            _ => {}
        }
    }
    marks >= 2
}

/// A line right under a headline that is nothing but a name of two or
/// three capitalised words, none of them a listed common word or role nor
/// written in lowercase elsewhere in the text: a byline ("Jane Roe"). Its
/// capitals are the name's, not the headline style's.
pub fn is_byline(sentence: &Sentence, span: &Range<usize>, doc: &DocContext) -> bool {
    let common = begins(List::Common) | begins(List::Role);
    let words = &sentence.words;
    span.start == 0
        && span.end == words.len()
        && (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.case == Case::Title && w.gaz & common == 0 && !doc.is_common(&w.lower))
}

fn is_year(f: &str) -> bool {
    f.len() == 4 && f.chars().all(|c| c.is_ascii_digit())
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "'")
}

/// A single word at the start of a sentence or in a headline, that the rest
/// of the document writes in lowercase and no list knows, is a common word
/// that happens to be capitalised.
fn capital_is_only_evidence(
    sentence: &Sentence,
    i: usize,
    lowered: &str,
    doc: &DocContext,
    gazetteer: &Gazetteer,
) -> bool {
    let word = &sentence.words[i];
    let common_list = begins(List::Common);
    let shouted = word.case == Case::Upper && word.lower.chars().count() > 3;
    let capital_uninformative = capitals_are_style(sentence) || i == 0 || shouted;
    capital_uninformative
        && matches!(word.case, Case::Title | Case::Upper)
        && word.gaz & !common_list == 0
        && gazetteer.match_at(&[lowered], 0, List::Country).is_none()
        && (doc.is_common(&word.lower) || word.gaz & common_list != 0)
}

/// `Trumps` → `Trump`, `Donald Trumps` → `Donald Trump`: the candidate name
/// when a possessive lost its apostrophe. `None` for endings that usually
/// belong to the name (`Paris`, `Jones`, `Ross`); a candidate is only a
/// guess (`Brussels` gives `Brussel`), to be kept when the stem is a name
/// seen elsewhere.
pub fn strip_lost_possessive(name: &str) -> Option<&str> {
    let last_word = name.rsplit(' ').next().unwrap_or(name);
    let mut rev = last_word.chars().rev();
    let s = rev.next()?;
    let before = rev.next()?;
    let first = last_word.chars().next()?;
    let stem_letters = last_word.chars().count() - 1;
    let matching_case = (s == 's' && before.is_lowercase()) || (s == 'S' && before.is_uppercase());
    let name_ending = matches!(
        before.to_ascii_lowercase(),
        's' | 'u' | 'i' | 'e' | 'y' | '\'' | '\u{2019}'
    );
    if !first.is_uppercase() || !matching_case || name_ending || stem_letters < 3 {
        return None;
    }
    Some(&name[..name.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::prepare;
    use crate::extract::ner::gazetteer::normalise;

    /// Trims `span` of `words`, in a document that also holds `body`.
    fn trim(words: &str, span: Range<usize>, kind: EntityKind, body: &str) -> Option<String> {
        let words: Vec<&str> = words.split(' ').collect();
        let lowered: Vec<String> = words.iter().map(|w| normalise(w)).collect();
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let gazetteer = Gazetteer::shipped();
        let sentence = prepare(&words, gazetteer);
        let body = prepare(&body.split(' ').collect::<Vec<_>>(), gazetteer);
        let doc = DocContext::new(&[prepare(&words, gazetteer), body]);
        trim_span(&sentence, &lowered, span, kind, &doc, gazetteer).map(|r| words[r].join(" "))
    }

    #[test]
    fn roles_are_not_part_of_a_person() {
        let p = EntityKind::Person;
        assert_eq!(
            trim("met President Vladimir Putin", 1..4, p, ""),
            Some("Vladimir Putin".into())
        );
        assert_eq!(
            trim("met Secretary of State Marco Rubio", 1..6, p, ""),
            Some("Marco Rubio".into())
        );
        assert_eq!(
            trim("said Kremlin aide Yuri Ushakov", 1..5, p, ""),
            Some("Yuri Ushakov".into())
        );
        assert_eq!(
            trim("by former Foreign Minister Ann Linde", 1..6, p, ""),
            Some("Ann Linde".into())
        );
        assert_eq!(
            trim(
                "Ukraines Foreign Minister Andrii Sybiha said on the radio",
                0..2,
                EntityKind::Org,
                ""
            ),
            Some("Ukraines".into())
        );
        // A role alone is no person; places keep their words.
        assert_eq!(trim("the President said", 1..2, p, ""), None);
        assert_eq!(
            trim("in General Santos", 1..3, EntityKind::Place, ""),
            Some("General Santos".into())
        );
    }

    #[test]
    fn possessives_and_quotes_fall_outside_names() {
        let p = EntityKind::Person;
        assert_eq!(
            trim("met Trump 's envoy", 1..3, p, ""),
            Some("Trump".into())
        );
        assert_eq!(
            trim("met Trump \u{2019}s envoy", 1..3, p, ""),
            Some("Trump".into())
        );
        assert_eq!(trim("\" Witkoff said", 0..2, p, ""), Some("Witkoff".into()));
        assert_eq!(
            trim("Ryker Webb 's Life After", 0..5, p, "we met Ryker Webb"),
            Some("Ryker Webb".into())
        );
    }

    #[test]
    fn a_lone_capital_at_a_sentence_start_needs_more_evidence() {
        let o = EntityKind::Org;
        assert_eq!(trim("Despite the talks", 0..1, o, "we saw despite"), None);
        assert_eq!(
            trim(
                "Witkoff arrived",
                0..1,
                EntityKind::Person,
                "we saw arrived"
            ),
            Some("Witkoff".into())
        );
        assert_eq!(trim("TALKS STALL IN MOSCOW", 0..1, o, "we saw talks"), None);
        assert_eq!(
            trim(
                "TALKS STALL IN MOSCOW",
                3..4,
                EntityKind::Place,
                "we saw talks"
            ),
            Some("MOSCOW".into())
        );
        assert_eq!(
            trim(
                "PUTIN MEETS ENVOY",
                0..3,
                EntityKind::Person,
                "then Putin spoke"
            ),
            Some("PUTIN".into())
        );
        assert_eq!(
            trim("VISITS NAIROBI", 0..2, EntityKind::Person, "the visits"),
            Some("NAIROBI".into())
        );
        assert_eq!(
            trim("Sophia Brooks", 0..2, EntityKind::Person, "by"),
            Some("Sophia Brooks".into())
        );
        assert_eq!(trim("Cloth Diaper Reviews", 0..3, o, "we shop"), None);
        // Shouting a common word does not make it a name; acronyms stay.
        assert_eq!(
            trim("Vladimir , STOP !", 2..3, EntityKind::Person, "we saw stop"),
            None
        );
        assert_eq!(
            trim("they joined NATO", 2..3, o, "we saw joined"),
            Some("NATO".into())
        );
        // Listed common words need no help from the document.
        assert_eq!(
            trim("However , it fell", 0..1, EntityKind::Person, ""),
            None
        );
        // Mid-sentence capitals are evidence on their own.
        assert_eq!(
            trim("they met Despite", 2..3, o, "we saw despite"),
            Some("Despite".into())
        );
    }

    #[test]
    fn names_in_list_and_table_lines_keep_their_capitals() {
        let p = EntityKind::Person;
        let body = "we met";
        // A scorecard: figures and brackets.
        let card = "Leeds : Yorkshire 241 ( J. Barrow 88 , K. Mott 41 ; P. Lund 5-30 )";
        assert_eq!(trim(card, 5..7, p, body), Some("J. Barrow".into()));
        // A results line: ranks in brackets, names between commas.
        let results = "Denmark - Ole Vang ( 12th ) , Per Lind ( 80th )";
        assert_eq!(trim(results, 2..4, p, body), Some("Ole Vang".into()));
        // A standings row ends in a figure.
        assert_eq!(
            trim("Colm Brady 442,201", 0..2, p, body),
            Some("Colm Brady".into())
        );
        // A squad list: several names between commas.
        let squad = "Tod Greer , Ansel Moyo , Rafe Quint";
        assert_eq!(trim(squad, 3..5, p, body), Some("Ansel Moyo".into()));
        // A span the tagger ran across a comma is the first name only.
        assert_eq!(trim(squad, 0..5, p, body), Some("Tod Greer".into()));
    }

    #[test]
    fn headlines_headings_and_menus_still_need_evidence() {
        let p = EntityKind::Person;
        let body = "we met";
        // One figure or one comma is a headline's.
        assert_eq!(trim("Talks Last 5 Hours In Geneva", 0..2, p, body), None);
        assert_eq!(trim("Ferry Strike , Port Closed", 0..2, p, body), None);
        // A greeting with its year, a menu, a credit, a section heading.
        assert_eq!(trim("Happy Holidays 2019", 0..2, p, body), None);
        assert_eq!(trim("Home | Garden Centre | Sales", 2..4, p, body), None);
        assert_eq!(trim("Photo : Lumen Vale", 2..4, p, body), None);
        assert_eq!(trim("Weekend Essays", 0..2, p, body), None);
    }

    #[test]
    fn a_lone_name_under_the_headline_is_a_byline() {
        let gazetteer = Gazetteer::shipped();
        let byline = |line: &str, body: &str| {
            let words: Vec<&str> = line.split(' ').collect();
            let sentence = prepare(&words, gazetteer);
            let body = prepare(&body.split(' ').collect::<Vec<_>>(), gazetteer);
            let doc = DocContext::new(&[prepare(&words, gazetteer), body]);
            is_byline(&sentence, &(0..words.len()), &doc)
        };
        assert!(byline("Oren Kasdaly", "prices rose"));
        assert!(!byline("Mira de Vos", "prices rose"));
        // Words the text writes in lowercase, or a listed common word or
        // role, are a heading's.
        assert!(!byline("Garden Centre", "the garden centre opened"));
        assert!(!byline("Breaking News", "prices rose"));
        assert!(!byline("Kasdaly", "prices rose"));
    }

    #[test]
    fn lost_possessives() {
        assert_eq!(strip_lost_possessive("Trumps"), Some("Trump"));
        assert_eq!(strip_lost_possessive("Moscows"), Some("Moscow"));
        assert_eq!(strip_lost_possessive("Donald Trumps"), Some("Donald Trump"));
        assert_eq!(strip_lost_possessive("KREMLINS"), Some("KREMLIN"));
        for kept in [
            "Paris", "Jones", "Ross", "Mays", "Gus", "Trump", "trumps", "Als",
        ] {
            assert_eq!(strip_lost_possessive(kept), None, "{kept}");
        }
    }
}
