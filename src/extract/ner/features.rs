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
    /// The [`normalise`]d token where it differs from `lower` (it has
    /// digits).
    normalised: Option<String>,
    /// Where the form (typographic quotes made plain), the shape and the
    /// short shape are in the sentence's `text`: `text[at[0]..at[1]]`,
    /// `text[at[1]..at[2]]` and `text[at[2]..at[3]]`.
    at: [usize; 4],
    pub case: Case,
    pub gaz: Membership,
}

impl Word {
    /// The token as the name lists compare it: [`normalise`]d.
    pub fn normalised(&self) -> &str {
        self.normalised.as_deref().unwrap_or(&self.lower)
    }
}

pub struct Sentence {
    pub words: Vec<Word>,
    pub mode: Mode,
    /// Every word's form, shape and short shape, one after the other.
    text: String,
}

impl Sentence {
    /// The word as written, typographic quotes made plain.
    pub fn form(&self, w: &Word) -> &str {
        &self.text[w.at[0]..w.at[1]]
    }

    fn shape(&self, w: &Word) -> &str {
        &self.text[w.at[1]..w.at[2]]
    }

    fn short(&self, w: &Word) -> &str {
        &self.text[w.at[2]..w.at[3]]
    }
}

pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::NoLetters;
    };
    let (mut more, mut rest_lower, mut rest_upper) = (false, true, true);
    for c in letters {
        more = true;
        rest_lower &= !c.is_uppercase();
        rest_upper &= !c.is_lowercase();
    }
    match (first.is_uppercase(), rest_lower, rest_upper) {
        (false, true, _) => Case::Lower,
        (true, _, true) if more => Case::Upper,
        (true, true, _) => Case::Title,
        _ => Case::Mixed,
    }
}

/// `Witkoff` → `Xxxxxxx`, long runs cut so rare lengths do not fragment.
#[cfg(test)]
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    push_shapes(word, &mut out, &mut String::new());
    out
}

/// Appends the shape of `word` to `shape` and its short shape (each run of
/// one character class once) to `short`.
fn push_shapes(word: &str, shape: &mut String, short: &mut String) {
    let mut run = 0;
    let mut last = ' ';
    let mut push = |s: char| {
        run = if s == last { run + 1 } else { 1 };
        // The first of a run is the short shape's; runs cut at four leave
        // the same runs, so the short shape of the shape is the same.
        if run == 1 || short.is_empty() {
            short.push(s);
        }
        last = s;
        if run <= 4 {
            shape.push(s);
        }
    };
    if word.is_ascii() {
        for b in word.bytes() {
            push(match b {
                b'A'..=b'Z' => 'X',
                b'a'..=b'z' => 'x',
                b'0'..=b'9' => 'd',
                _ => char::from(b),
            });
        }
    } else {
        for c in word.chars() {
            push(if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() || c.is_alphabetic() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            });
        }
    }
}

/// `Witkoff` → `Xx`: each run of one character class once.
#[cfg(test)]
pub fn short_shape(word: &str) -> String {
    let mut out = String::new();
    push_shapes(word, &mut String::new(), &mut out);
    out
}

/// Digits folded to `0` so numbers share features.
#[cfg(test)]
fn lower_form(word: &str) -> String {
    fold_digits(&normalise(word))
}

/// A normalised word with its digits folded to `0`.
fn fold_digits(normalised: &str) -> String {
    normalised
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

pub fn prepare(tokens: &[&str], gazetteer: &Gazetteer) -> Sentence {
    let mut text = String::with_capacity(tokens.iter().map(|t| t.len() * 3).sum());
    let mut short = String::new();
    let mut words: Vec<Word> = tokens
        .iter()
        .map(|t| {
            let normalised = normalise(t);
            let (lower, normalised) = if normalised.bytes().any(|b| b.is_ascii_digit()) {
                (fold_digits(&normalised), Some(normalised))
            } else {
                (normalised, None)
            };
            let start = text.len();
            push_normalised_quotes(t, &mut text);
            let form_end = text.len();
            short.clear();
            push_shapes(t, &mut text, &mut short);
            let shape_end = text.len();
            text.push_str(&short);
            Word {
                lower,
                normalised,
                at: [start, form_end, shape_end, text.len()],
                case: case_of(t),
                gaz: 0,
            }
        })
        .collect();
    let refs: Vec<&str> = words.iter().map(Word::normalised).collect();
    let gaz = gazetteer.memberships(&refs);
    for (w, gaz) in words.iter_mut().zip(gaz) {
        w.gaz = gaz;
    }
    let (mut lettered, mut upper, mut any_lower) = (0, 0, false);
    // Headline style leaves short function words lowercase ("Talks in the
    // Wilderness"), so they do not count against title case.
    let (mut content, mut capitalised) = (0, 0);
    for w in words.iter().filter(|w| w.case != Case::NoLetters) {
        lettered += 1;
        upper += usize::from(w.case == Case::Upper);
        any_lower |= w.case == Case::Lower;
        if !is_function_word(&w.lower) {
            content += 1;
            capitalised += usize::from(w.case != Case::Lower);
        }
    }
    let mode = if upper * 4 >= lettered * 3 && upper >= 2 {
        Mode::AllCaps
    } else if (content >= 4 && capitalised * 20 >= content * 17)
        || (content > 0 && capitalised == content && !any_lower)
    {
        // Short lines with every word capitalised are headings, menus and
        // bylines: their capitals are style, not evidence.
        Mode::TitleCase
    } else {
        Mode::Normal
    };
    Sentence { words, mode, text }
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

/// Appends `word` with typographic quotes made plain.
fn push_normalised_quotes(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    out.extend(word.chars().map(|c| match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        _ => c,
    }));
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
                    Case::Lower => insert(&mut doc.lowercase, &w.lower),
                    Case::Title | Case::Upper | Case::Mixed
                        if i > 0 && !opens(s.form(&s.words[i - 1])) =>
                    {
                        insert(&mut doc.capitalised_mid, &w.lower);
                        if w.case != Case::Upper {
                            insert(&mut doc.title_mid, &w.lower);
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

/// Adds `word` to `set`, copying it only when it is new.
fn insert(set: &mut HashSet<String>, word: &str) {
    if !set.contains(word) {
        set.insert(word.to_string());
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
        s.words.get(i as usize).map_or(END, |w| s.short(w))
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
    let after_opener = i > 0 && opens(s.form(&s.words[i - 1]));
    out.push(Key::new(0).done());
    let listed = listed_organisation(w);
    if !unseen && !listed {
        out.push(Key::new(1).s(&w.lower).done());
        out.push(Key::new(2).s(s.form(w)).done());
        out.push(Key::new(14).s(lower_at(s, at - 1)).s(&w.lower).done());
        out.push(Key::new(15).s(&w.lower).s(lower_at(s, at + 1)).done());
        out.push(Key::new(18).b(mode).s(&w.lower).done());
    }
    out.push(Key::new(3).s(s.shape(w)).done());
    out.push(Key::new(4).s(s.short(w)).done());
    // Affixes of a listed name would learn its identity all the same.
    let lower = w.lower.as_str();
    if !listed && !lower.is_empty() {
        // The ends of the first one, two and three characters.
        let ends = lower
            .char_indices()
            .skip(1)
            .map(|(b, _)| b)
            .chain(std::iter::once(lower.len()));
        for (n, end) in (1..=3u8).zip(ends) {
            out.push(Key::new(5).b(n).s(&lower[..end]).done());
        }
        // The starts of the last one to four characters.
        let starts = lower.char_indices().rev().map(|(b, _)| b);
        for (n, start) in (1..=4u8).zip(starts) {
            out.push(Key::new(6).b(n).s(&lower[start..]).done());
        }
    }
    for (t, off) in [(7u8, -1isize), (8, 1), (9, -2), (10, 2)] {
        out.push(Key::new(t).s(lower_at(s, at + off)).done());
    }
    out.push(Key::new(11).s(short_at(s, at - 1)).done());
    out.push(Key::new(12).s(short_at(s, at + 1)).done());
    out.push(
        Key::new(13)
            .s(short_at(s, at - 1))
            .s(s.short(w))
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
            .s(s.short(w))
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
    out.push(Key::new(43).b(prev).s(s.short(w)).done());
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
