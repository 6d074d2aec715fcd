//! What the tagger sees of a token: word forms, shapes, affixes, neighbours,
//! capitalisation in context, list membership and document-level evidence,
//! each hashed to a 32-bit feature key. Never uses part-of-speech or chunk
//! information, which real articles do not come with. Knows nothing of
//! weights or training.

use rustc_hash::FxHashSet as HashSet;

use super::gazetteer::{Gazetteer, LIST_COUNT, List, Membership, begins, inside, normalise};

/// How a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
    Mixed,
    NoLetters,
}

/// Whether a sentence's capitals can be trusted: in an all-caps or
/// title-case headline, capitals say nothing about names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    AllCaps,
    TitleCase,
}

pub struct Word {
    pub lower: String,
    pub form: String,
    pub shape: String,
    pub short: String,
    pub case: Case,
    pub gaz: Membership,
}

pub struct Sentence {
    pub words: Vec<Word>,
    pub mode: Mode,
}

pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::NoLetters;
    };
    let rest: Vec<char> = letters.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    match (first.is_uppercase(), rest_lower, rest_upper) {
        (false, true, _) => Case::Lower,
        (true, _, true) if !rest.is_empty() => Case::Upper,
        (true, true, _) => Case::Title,
        _ => Case::Mixed,
    }
}

/// `Witkoff` → `Xxxxxxx`, long runs cut so rare lengths do not fragment.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut run = 0;
    let mut last = ' ';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if s == last { run + 1 } else { 1 };
        last = s;
        if run <= 4 {
            out.push(s);
        }
    }
    out
}

/// `Witkoff` → `Xx`: each run of one character class once.
pub fn short_shape(word: &str) -> String {
    let mut out = String::new();
    for c in shape(word).chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Digits folded to `0` so numbers share features.
fn lower_form(word: &str) -> String {
    normalise(word)
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

pub fn prepare(tokens: &[&str], gazetteer: &Gazetteer) -> Sentence {
    let lowered: Vec<String> = tokens.iter().map(|t| normalise(t)).collect();
    let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let gaz = gazetteer.memberships(&refs);
    let words: Vec<Word> = tokens
        .iter()
        .zip(gaz)
        .map(|(t, gaz)| Word {
            lower: lower_form(t),
            form: normalise_quotes(t),
            shape: shape(t),
            short: short_shape(t),
            case: case_of(t),
            gaz,
        })
        .collect();
    let lettered: Vec<Case> = words
        .iter()
        .map(|w| w.case)
        .filter(|c| *c != Case::NoLetters)
        .collect();
    let upper = lettered.iter().filter(|c| **c == Case::Upper).count();
    // Headline style leaves short function words lowercase ("Talks in the
    // Wilderness"), so they do not count against title case.
    let content: Vec<Case> = words
        .iter()
        .filter(|w| w.case != Case::NoLetters && !is_function_word(&w.lower))
        .map(|w| w.case)
        .collect();
    let capitalised = content.iter().filter(|c| **c != Case::Lower).count();
    let mode = if upper * 4 >= lettered.len() * 3 && upper >= 2 {
        Mode::AllCaps
    } else if (content.len() >= 4 && capitalised * 20 >= content.len() * 17)
        || (!content.is_empty() && capitalised == content.len() && !lettered.contains(&Case::Lower))
    {
        // Short lines with every word capitalised are headings, menus and
        // bylines: their capitals are style, not evidence.
        Mode::TitleCase
    } else {
        Mode::Normal
    };
    Sentence { words, mode }
}

fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "and"
            | "or"
            | "as"
            | "from"
            | "'s"
            | "is"
            | "vs"
            | "vs."
    )
}

fn normalise_quotes(word: &str) -> String {
    word.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Evidence from the whole document: which words appear capitalised in the
/// middle of ordinary sentences (likely names) and which appear lowercase
/// (likely common words). Lets a headline or sentence-initial token borrow
/// what the rest of the article says about it.
#[derive(Default)]
pub struct DocContext {
    capitalised_mid: HashSet<String>,
    /// Title case only: a word shouted in capitals mid-sentence is still a
    /// common word.
    title_mid: HashSet<String>,
    lowercase: HashSet<String>,
}

impl DocContext {
    pub fn new(sentences: &[Sentence]) -> Self {
        let mut doc = DocContext::default();
        for s in sentences.iter().filter(|s| s.mode == Mode::Normal) {
            for (i, w) in s.words.iter().enumerate() {
                match w.case {
                    Case::Lower => {
                        doc.lowercase.insert(w.lower.clone());
                    }
                    Case::Title | Case::Upper | Case::Mixed
                        if i > 0 && !opens(&s.words[i - 1].form) =>
                    {
                        doc.capitalised_mid.insert(w.lower.clone());
                        if w.case != Case::Upper {
                            doc.title_mid.insert(w.lower.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
        doc
    }

    /// Written lowercase somewhere in the document and never capitalised
    /// mid-sentence: a common word, whatever its capitals in one place.
    pub fn is_common(&self, lower: &str) -> bool {
        self.lowercase.contains(lower) && !self.title_mid.contains(lower)
    }

    pub fn is_capitalised_mid(&self, lower: &str) -> bool {
        self.capitalised_mid.contains(lower)
    }
}

/// Tokens after which a capital is as uninformative as at a sentence start.
fn opens(form: &str) -> bool {
    matches!(form, "\"" | "'" | "(" | ":" | "-" | "--")
}

/// Builds one hashed feature key: a template id then its parts.
struct Key(u64);

impl Key {
    fn new(template: u8) -> Self {
        Key(0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
    fn s(mut self, part: &str) -> Self {
        for b in part.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.b(0xff)
    }
    fn b(mut self, byte: u8) -> Self {
        self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        self
    }
    fn done(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
        (h >> 32) as u32
    }
}

fn case_byte(c: Case) -> u8 {
    c as u8
}

fn mode_byte(m: Mode) -> u8 {
    m as u8
}

const BEGIN: &str = "<s>";
const END: &str = "</s>";

fn lower_at(s: &Sentence, i: isize) -> &str {
    if i < 0 {
        BEGIN
    } else {
        s.words.get(i as usize).map_or(END, |w| w.lower.as_str())
    }
}

fn short_at(s: &Sentence, i: isize) -> &str {
    if i < 0 {
        BEGIN
    } else {
        s.words.get(i as usize).map_or(END, |w| w.short.as_str())
    }
}

/// A capitalised word of a name the organisation list knows. Its identity
/// and affixes are left out, so the list and the word's context decide: the
/// training text's few uses of a word (the 1996 reports on "Chelsea"
/// Clinton) would otherwise outvote both.
fn listed_organisation(w: &Word) -> bool {
    let listed = begins(List::Organisation) | inside(List::Organisation);
    w.gaz & listed != 0 && w.case != Case::Lower
}

/// Features that do not depend on predicted tags. With `unseen`, the word's
/// own identity is left out, as it is for any word training never saw.
pub fn static_features(s: &Sentence, i: usize, doc: &DocContext, unseen: bool, out: &mut Vec<u32>) {
    let w = &s.words[i];
    let at = i as isize;
    let mode = mode_byte(s.mode);
    let position = i.min(3) as u8;
    let after_opener = i > 0 && opens(&s.words[i - 1].form);
    out.push(Key::new(0).done());
    let listed = listed_organisation(w);
    if !unseen && !listed {
        out.push(Key::new(1).s(&w.lower).done());
        out.push(Key::new(2).s(&w.form).done());
        out.push(Key::new(14).s(lower_at(s, at - 1)).s(&w.lower).done());
        out.push(Key::new(15).s(&w.lower).s(lower_at(s, at + 1)).done());
        out.push(Key::new(18).b(mode).s(&w.lower).done());
    }
    out.push(Key::new(3).s(&w.shape).done());
    out.push(Key::new(4).s(&w.short).done());
    // Affixes of a listed name would learn its identity all the same.
    let chars: Vec<(usize, char)> = if listed {
        Vec::new()
    } else {
        w.lower.char_indices().collect()
    };
    for n in 1..=3.min(chars.len()) {
        let end = chars.get(n).map_or(w.lower.len(), |&(b, _)| b);
        out.push(Key::new(5).b(n as u8).s(&w.lower[..end]).done());
    }
    for n in 1..=4.min(chars.len()) {
        let start = chars[chars.len() - n].0;
        out.push(Key::new(6).b(n as u8).s(&w.lower[start..]).done());
    }
    for (t, off) in [(7u8, -1isize), (8, 1), (9, -2), (10, 2)] {
        out.push(Key::new(t).s(lower_at(s, at + off)).done());
    }
    out.push(Key::new(11).s(short_at(s, at - 1)).done());
    out.push(Key::new(12).s(short_at(s, at + 1)).done());
    out.push(
        Key::new(13)
            .s(short_at(s, at - 1))
            .s(&w.short)
            .s(short_at(s, at + 1))
            .done(),
    );
    // Capitalisation only means something relative to where it occurs.
    out.push(
        Key::new(16)
            .b(case_byte(w.case))
            .b(position)
            .b(mode)
            .b(after_opener as u8)
            .done(),
    );
    out.push(Key::new(17).b(position).done());
    for bit in 0..(2 * LIST_COUNT) as u8 {
        if w.gaz & (1 << bit) != 0 {
            out.push(Key::new(19).b(bit).done());
            out.push(Key::new(20).b(bit).b(case_byte(w.case)).b(mode).done());
        }
        if i > 0 && s.words[i - 1].gaz & (1 << bit) != 0 {
            out.push(Key::new(21).b(bit).done());
        }
        if s.words.get(i + 1).is_some_and(|n| n.gaz & (1 << bit) != 0) {
            out.push(Key::new(22).b(bit).done());
        }
    }
    let cap_mid = doc.capitalised_mid.contains(&w.lower);
    let lowercase = doc.lowercase.contains(&w.lower);
    out.push(
        Key::new(23)
            .b(cap_mid as u8)
            .b(lowercase as u8)
            .b(case_byte(w.case))
            .b(mode)
            .b((i == 0 || after_opener) as u8)
            .done(),
    );
    out.push(
        Key::new(24)
            .b(cap_mid as u8)
            .b(lowercase as u8)
            .s(&w.short)
            .done(),
    );
}

/// Features that pair the previous predicted tags with the token.
pub fn tag_features(s: &Sentence, i: usize, prev: u8, prev2: u8, out: &mut Vec<u32>) {
    let w = &s.words[i];
    out.push(Key::new(40).b(prev).done());
    out.push(Key::new(41).b(prev2).b(prev).done());
    if !listed_organisation(w) {
        out.push(Key::new(42).b(prev).s(&w.lower).done());
    }
    out.push(Key::new(43).b(prev).s(&w.short).done());
    out.push(
        Key::new(44)
            .b(prev)
            .b(case_byte(w.case))
            .b(mode_byte(s.mode))
            .done(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        let words: Vec<&str> = text.split(' ').collect();
        prepare(&words, Gazetteer::shipped())
    }

    #[test]
    fn shapes_and_cases() {
        assert_eq!(shape("Witkoff"), "Xxxxx");
        assert_eq!(short_shape("Witkoff"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(short_shape("1,000"), "d,d");
        assert_eq!(short_shape("McDonald"), "XxXx");
        assert_eq!(case_of("NATO"), Case::Upper);
        assert_eq!(case_of("Putin"), Case::Title);
        assert_eq!(case_of("iPhone"), Case::Mixed);
        assert_eq!(case_of("envoy"), Case::Lower);
        assert_eq!(case_of("1996"), Case::NoLetters);
        assert_eq!(lower_form("Route 66"), "route 00");
    }

    #[test]
    fn sentence_modes() {
        assert_eq!(
            sentence("PUTIN MEETS WITKOFF IN MOSCOW").mode,
            Mode::AllCaps
        );
        assert_eq!(
            sentence("Putin Meets Trump Envoy In Moscow").mode,
            Mode::TitleCase
        );
        assert_eq!(
            sentence("Putin met the envoy in Moscow .").mode,
            Mode::Normal
        );
    }

    #[test]
    fn prefixes_suffixes_and_context_differ_by_position() {
        let s = sentence("Witkoff met Putin");
        let doc = DocContext::new(std::slice::from_ref(&s));
        let mut first = Vec::new();
        let mut third = Vec::new();
        static_features(&s, 0, &doc, false, &mut first);
        static_features(&s, 2, &doc, false, &mut third);
        // Same template, different prefix: the "wit" prefix key is specific.
        let wit = Key::new(5).b(3).s("wit").done();
        let tin = Key::new(6).b(3).s("tin").done();
        assert!(first.contains(&wit) && !third.contains(&wit));
        assert!(third.contains(&tin) && !first.contains(&tin));
        // Title case at the start of a sentence and in its middle are
        // different evidence.
        let initial = Key::new(16).b(case_byte(Case::Title)).b(0).b(0).b(0).done();
        let middle = Key::new(16).b(case_byte(Case::Title)).b(2).b(0).b(0).done();
        assert!(first.contains(&initial) && !first.contains(&middle));
        assert!(third.contains(&middle));
    }

    #[test]
    fn a_listed_organisation_is_judged_by_the_list_and_its_context() {
        let identity = |s: &Sentence, i: usize| {
            let doc = DocContext::new(std::slice::from_ref(s));
            let mut keys = Vec::new();
            static_features(s, i, &doc, false, &mut keys);
            let word = Key::new(1).s(&s.words[i].lower).done();
            let prefix = Key::new(5).b(3).s(&s.words[i].lower[..3]).done();
            let mut tagged = Vec::new();
            tag_features(s, i, 0, 0, &mut tagged);
            let with_tag = Key::new(42).b(0).s(&s.words[i].lower).done();
            let all = [
                keys.contains(&word),
                keys.contains(&prefix),
                tagged.contains(&with_tag),
            ];
            assert!(all.iter().all(|x| *x == all[0]), "{all:?}");
            all[0]
        };
        // Listed, alone or as part of a longer listed name.
        assert!(!identity(
            &sentence("The striker joined Chelsea last year ."),
            3
        ));
        assert!(!identity(&sentence("Chelsea beat Arsenal"), 0));
        assert!(!identity(&sentence("fans of Manchester United cheered"), 3));
        // Not listed, or written in lowercase.
        assert!(identity(
            &sentence("The striker joined Robben last year ."),
            3
        ));
        assert!(identity(&sentence("He ate an apple ."), 3));
    }

    #[test]
    fn document_context_records_mid_sentence_capitals() {
        let a = sentence("Talks began .");
        let b = sentence("They met Witkoff and talks stalled .");
        let doc = DocContext::new(&[a, b]);
        assert!(doc.capitalised_mid.contains("witkoff"));
        assert!(!doc.capitalised_mid.contains("talks"));
        assert!(doc.lowercase.contains("talks"));
        assert!(!doc.lowercase.contains("witkoff"));
    }
}
