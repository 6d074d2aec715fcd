//! Words the tagger takes for names that no name is made of, judged by how
//! English news writes them: calendar words ("Jan", "Tues"), number words
//! ("Nine"), abbreviated labels of results tables ("Shr 34 cts", "Revs 1.2
//! mln"), and words shouted in capitals ("STOP!"). Also the last word that
//! makes a name an event ("Maidan Revolution"). Knows nothing of the
//! model; works on a sentence's normalised words.

use std::ops::Range;

use super::EntityKind;
use super::features::{Case, DocContext, Sentence};
use crate::extract::dates::lexicon::{month_name_any_case, weekday_name_any_case};

/// Month and weekday abbreviations: a date's words, never a person or a
/// place alone ("Jan" in "Jan 4", "Wed"). Full month names stay, as
/// several are also names ("May", "August").
const CALENDAR_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "first",
    "second",
    "third",
];

/// Holidays: dates of the year, like the weekdays, never a person, a place
/// or a body on their own ("over Christmas", "before Easter").
const HOLIDAYS: &[&str] = &[
    "christmas",
    "xmas",
    "easter",
    "thanksgiving",
    "halloween",
    "hanukkah",
    "passover",
    "ramadan",
    "diwali",
    "eid",
    "whitsun",
    "michaelmas",
];

/// Last words that make a name an event, not a place or a body.
const EVENT_WORDS: &[&str] = &[
    "revolution",
    "uprising",
    "war",
    "crisis",
    "massacre",
    "summit",
    "olympics",
    "games",
    "championship",
    "championships",
    "festival",
    "cup",
];

fn bare(lowered: &str) -> &str {
    lowered.trim_end_matches('.')
}

/// Whether the one word at `i` is never a name on its own: an abbreviated
/// month or weekday, a weekday, a holiday (unless taken for an event), a
/// number in words or figures, or a
/// capitalised word without a vowel ("Shr", "Mths": abbreviations; acronyms are in capitals
/// and stay). An organisation keeps abbreviations that are also words
/// ("Sun", "Mar" as a newspaper or a company), unless a day follows.
pub fn is_never_a_name(sentence: &Sentence, lowered: &[&str], i: usize, kind: EntityKind) -> bool {
    let w = bare(lowered[i]);
    let before_figure = sentence
        .words
        .get(i + 1)
        .is_some_and(|n| sentence.form(n).starts_with(|c: char| c.is_ascii_digit()));
    let calendar =
        CALENDAR_ABBREVIATIONS.contains(&w) && (kind != EntityKind::Org || before_figure);
    let vowelless = sentence.words[i].case == Case::Title
        && w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && !w.chars().any(|c| "aeiouy".contains(c));
    let figure = w.chars().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || ",.-/".contains(c));
    let holiday = HOLIDAYS.contains(&w) && kind != EntityKind::Misc;
    calendar
        || figure
        || holiday
        || weekday_name_any_case(w).is_some()
        || NUMBER_WORDS.contains(&w)
        || vowelless
}

/// A short capitalised word that opens a line of figures ("Net 4.1 mln",
/// "Avg 12.5"), that the text never capitalises mid-sentence and no list
/// knows: the label of a table row.
pub fn is_table_label(sentence: &Sentence, span: &Range<usize>, doc: &DocContext) -> bool {
    let words = &sentence.words;
    let figure = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| sentence.form(w).starts_with(|c: char| c.is_ascii_digit()))
    };
    let w = &words[span.start];
    span.start == 0
        && span.len() == 1
        && figure(1)
        && w.case == Case::Title
        && w.lower.chars().count() <= 4
        && w.gaz == 0
        && !doc.is_capitalised_mid(&w.lower)
}

/// An all-capitals word cried out ("Vladimir, STOP!"): followed by an
/// exclamation mark, it is a word shouted, not an acronym.
pub fn is_shouted(sentence: &Sentence, span: &Range<usize>) -> bool {
    let words = &sentence.words;
    span.len() == 1
        && words[span.start].case == Case::Upper
        && words[span.start].lower.chars().count() >= 3
        && words
            .get(span.end)
            .is_some_and(|w| sentence.form(w).starts_with('!'))
}

/// How many words a month (and a day after it) or a weekday add at the end
/// of a name: "New York Dec" is "New York" and a date.
pub fn month_tail(lowered: &[&str], span: &Range<usize>) -> usize {
    if span.len() < 2 {
        return 0;
    }
    let last = lowered[span.end - 1];
    let before = lowered[span.end - 2];
    // "May" is a name as often as a month.
    let is_month = |w: &str| {
        let w = bare(w);
        w != "may" && month_name_any_case(w).is_some()
    };
    if is_month(last) || weekday_name_any_case(bare(last)).is_some() {
        1
    } else if span.len() > 2 && last.chars().all(|c| c.is_ascii_digit()) && is_month(before) {
        2
    } else {
        0
    }
}

/// Whether the word at `i` cannot end a name: a lowercase word (particles
/// such as "de" come before a name's last word, not after it) or a figure.
pub fn ends_no_name(sentence: &Sentence, i: usize) -> bool {
    let w = &sentence.words[i];
    let form = sentence.form(w);
    let figure = form.chars().any(|c| c.is_ascii_digit())
        && form
            .chars()
            .all(|c| c.is_ascii_digit() || ",.-/".contains(c));
    w.case == Case::Lower || figure
}

/// Words that open a greeting ("Merry Christmas", "Happy New Year"): a
/// wish, never a person's name.
const GREETING_WORDS: &[&str] = &["merry", "happy", "season's", "seasons"];

/// Whether a name of two or three words is a greeting.
pub fn is_greeting(lowered: &[&str], span: &Range<usize>) -> bool {
    (2..=3).contains(&span.len()) && GREETING_WORDS.contains(&lowered[span.start])
}

/// Nouns that, right after a name, make it a company's: "Acme stock",
/// "Acme employees", "Acme co-founder Ann Bell".
const COMPANY_NOUNS: &[&str] = &[
    "stock",
    "stocks",
    "shareholders",
    "stockholders",
    "employees",
    "co-founder",
    "subsidiary",
];

/// Company endings: "Acme Inc", "Acme Holdings".
const COMPANY_ENDINGS: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "holdings",
];

/// Whether the text right after a name marks it as a company's: a stock
/// ticker in brackets ("(ticker: ACM)", "(NYSE: ACM)"), a company ending, or
/// a noun only a company has before it.
pub fn company_follows(after: &str) -> bool {
    let rest = after.trim_start();
    if let Some(inside) = rest.strip_prefix('(') {
        let Some((label, symbol)) = inside.split_once(':') else {
            return false;
        };
        let symbol = symbol.trim_start();
        let ticker_len = symbol
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || *c == '.')
            .count();
        return label.len() <= 12
            && label.chars().all(|c| c.is_alphabetic() || c == ' ')
            && (1..=6).contains(&ticker_len)
            && symbol[ticker_len..].trim_start().starts_with(')');
    }
    let rest = rest.strip_prefix(',').map_or(rest, str::trim_start);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    COMPANY_NOUNS.contains(&word.as_str())
        || (COMPANY_ENDINGS.contains(&word.as_str())
            && rest[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric()))
}

/// Whether a name of several words ends in a word that makes it an event.
pub fn is_event(lowered: &[&str], span: &Range<usize>) -> bool {
    span.len() >= 2 && EVENT_WORDS.contains(&lowered[span.end - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::prepare;
    use crate::extract::ner::gazetteer::{Gazetteer, normalise};

    fn sentence(line: &str) -> (Sentence, Vec<String>) {
        let words: Vec<&str> = line.split(' ').collect();
        let lowered = words.iter().map(|w| normalise(w)).collect();
        (prepare(&words, Gazetteer::shipped()), lowered)
    }

    fn never(line: &str, i: usize, kind: EntityKind) -> bool {
        let (s, lowered) = sentence(line);
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        is_never_a_name(&s, &lowered, i, kind)
    }

    #[test]
    fn calendar_and_number_words_are_not_names() {
        let p = EntityKind::Person;
        assert!(never("Feb 4 was cold", 0, p));
        assert!(never("on Tues. it rained", 1, EntityKind::Place));
        assert!(never("Eleven said so", 0, p));
        assert!(never("Thursday was wet", 0, EntityKind::Misc));
        assert!(never("sales over Easter rose", 2, p));
        assert!(never("before Thanksgiving .", 1, EntityKind::Place));
        assert!(!never("before Thanksgiving .", 1, EntityKind::Misc));
        // Abbreviations without a vowel are a table's words.
        assert!(never("Dlrs 5 vs 4", 0, EntityKind::Org));
        assert!(never("in 1974 it", 1, EntityKind::Misc));
        // Names stay: a newspaper, acronyms, a month that is a surname.
        assert!(!never("the Sun said", 1, EntityKind::Org));
        assert!(never("on Sun 4 May", 1, EntityKind::Org));
        assert!(!never("the BBC said", 1, EntityKind::Org));
        assert!(!never("Ms May said", 1, p));
        assert!(!never("Glyn said", 0, p));
    }

    #[test]
    fn a_short_word_opening_a_row_of_figures_is_a_label() {
        let label = |line: &str, body: &str| {
            let (s, _) = sentence(line);
            let (b, _) = sentence(body);
            let doc = DocContext::new(&[sentence(line).0, b]);
            is_table_label(&s, &(0..1), &doc)
        };
        assert!(label("Oper 4.5 mln vs 3.1 mln", "profits rose"));
        // A name the text writes mid-sentence, a long word, no figure.
        assert!(!label("Kemp 4-37", "bowler Kemp took four"));
        assert!(!label("Hampshire 232 and 109-5", "rain fell"));
        assert!(!label("Oper said so", "rain fell"));
    }

    #[test]
    fn words_cried_out_are_not_acronyms() {
        let shouted = |line: &str, i: usize| is_shouted(&sentence(line).0, &(i..i + 1));
        assert!(shouted("Ivan , HALT !", 2));
        assert!(!shouted("they joined NATO .", 2));
        assert!(!shouted("the UN said", 1));
    }

    #[test]
    fn names_do_not_end_in_lowercase_words_or_figures() {
        let (s, _) = sentence("Grand Bank said 1,978 Rolls-Royce 3-1 pro-rata");
        let ends: Vec<bool> = (0..s.words.len()).map(|i| ends_no_name(&s, i)).collect();
        assert_eq!(ends, [false, false, true, true, false, true, true]);
    }

    #[test]
    fn greetings_are_no_names() {
        let w = ["wishing", "everyone", "a", "merry", "yuletide", "!"];
        assert!(is_greeting(&w, &(3..5)));
        assert!(!is_greeting(&w, &(4..5)));
        let w = ["happy", "new", "year", "from", "us"];
        assert!(is_greeting(&w, &(0..3)));
        let w = ["ann", "merry", "said"];
        assert!(!is_greeting(&w, &(0..2)));
    }

    #[test]
    fn company_cues_after_a_name() {
        assert!(company_follows(" (ticker: ACM) said on Monday"));
        assert!(company_follows(" (NYSE: BRK.B) rose"));
        assert!(company_follows(" employees were told"));
        assert!(company_follows(" stock fell 4%"));
        assert!(company_follows(", Inc. said"));
        assert!(company_follows(" Corp said"));
        assert!(!company_follows(" (pictured) said"));
        assert!(!company_follows(" (left: his wife) said"));
        assert!(!company_follows(" shares his view"));
        assert!(!company_follows(" Cooper said"));
        assert!(!company_follows(" said on Monday"));
    }

    #[test]
    fn months_after_names_and_event_words() {
        let lowered = |t: &str| t.split(' ').map(normalise).collect::<Vec<_>>();
        let w = lowered("in Cape Town Nov 12 rain");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(month_tail(&w, &(1..4)), 1);
        assert_eq!(month_tail(&w, &(1..5)), 2);
        assert_eq!(month_tail(&w, &(1..3)), 0);
        let w = lowered("at 10 GMT Friday");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(month_tail(&w, &(2..4)), 1);
        let w = lowered("the Saffron Uprising began");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert!(is_event(&w, &(1..3)));
        assert!(!is_event(&w, &(1..2)));
    }
}
