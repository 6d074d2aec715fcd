//! Name normalisation for alias resolution: titles and roles that are not
//! part of a name, possessives,
//! abbreviations with dots, and transliteration variants of name endings.
//! Pure string functions; they know nothing of articles.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::fold;

/// Titles and roles ("President", "Secretary of State", "Kremlin aide"):
/// the list the recogniser uses as a feature, shared here so that both agree.
static ROLES: &str = include_str!("../../assets/ner/roles.txt");

/// Words that qualify a role without being one ("former", "acting", "White
/// House" in "White House spokesman").
const QUALIFIERS: &[&str] = &[
    "former", "late", "ex", "acting", "top", "senior", "the", "of", "white", "house", "officer",
    "dictator",
];

/// Words that end or head organisation names ("Electric", "Securities",
/// "Bank"): the recogniser's list, shared here.
static ORG_WORDS: &str = include_str!("../../assets/ner/org_words.txt");

/// Whether a word is one that names organisations, not people, ignoring case
/// and a final dot.
pub fn is_org_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    in_word_set(&WORDS, || list_entries(ORG_WORDS), word)
}

/// Titles that stand before names in news but are not in the recogniser's
/// role list ("EU Trade Commissioner Peter Mandelson"). They count only when
/// names are cleaned, so the recogniser's features stay as trained.
const MORE_TITLES: &[&str] = &[
    "commissioner",
    "treasurer",
    "economist",
    "analyst",
    "inspector",
    "superintendent",
    "detective",
    "chairperson",
    "vice-chairman",
    "vice-president",
    "president-elect",
    "undersecretary",
    "under-secretary",
    "registrar",
    "comptroller",
    "mp",
    "mep",
    "msp",
];

/// Titles that are no one's surname: a name ending in one is a role
/// ("Aid Commissioner", "Bronx Borough President"), never a person. Titles
/// that are also surnames ("Major", "King", "Bishop", "Judge") are not
/// among them.
const ONLY_TITLES: &[&str] = &[
    "president",
    "vice-president",
    "chairman",
    "chairwoman",
    "chairperson",
    "secretary",
    "minister",
    "governor",
    "director",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "senator",
    "mayor",
    "treasurer",
    "adviser",
    "advisor",
    "aide",
    "envoy",
    "congressman",
    "congresswoman",
    "prosecutor",
    "lawmaker",
    "official",
    "diplomat",
    "undersecretary",
    "comptroller",
    "mp",
    "mep",
    "msp",
];

/// Whether a word belongs to a title or role, ignoring case and a final dot
/// ("Gen." and "Gen").
fn is_role_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    in_word_set(
        &WORDS,
        || {
            list_entries(ROLES)
                .flat_map(str::split_whitespace)
                .chain(QUALIFIERS.iter().copied())
                .chain(MORE_TITLES.iter().copied())
        },
        word,
    )
}

/// Whether a word is a title that no surname shares ("Minister",
/// "Commissioner"), ignoring case and a final dot.
fn is_only_title(word: &str) -> bool {
    ONLY_TITLES.contains(&fold(word).trim_end_matches('.'))
}

/// First names from many languages ("James", "Olena"), as the recogniser's
/// list has them.
static FIRST_NAMES: &str = include_str!("../../assets/ner/first_names.txt");

/// Whether a word is a listed first name, ignoring case.
pub fn is_first_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    in_word_set(&WORDS, || list_entries(FIRST_NAMES), word)
}

/// Whether a person's cleaned name is a role rather than anybody's name:
/// it ends in a title no surname shares ("Minister", "Vice Chairman", "Aid
/// Commissioner", "Bronx Borough President"). A lone title that is also a
/// surname ("King" for Mervyn King) stays a name.
pub fn is_role_not_name(name: &str) -> bool {
    name.split_whitespace().last().is_some_and(is_only_title)
}

/// The person in a name the tagger took for an organisation because a body
/// stands before the title: "Federal Reserve Board Chairman Paul Volcker" →
/// "Paul Volcker", "Bank of England Governor Mervyn King" → "Mervyn King".
/// The title must be one no surname shares, the words before it a
/// capitalised body's name, and the one to three words after it a name's:
/// capitalised, with no word of organisation names ("Chairman Mao" alone
/// is left to the tagger).
pub fn person_after_title(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let at = words.iter().rposition(|w| is_only_title(w))?;
    let tail = &words[at + 1..];
    let body_before = names_a_body(&words[..at]);
    let name_after = (1..=3).contains(&tail.len())
        && tail
            .iter()
            .all(|w| starts_upper(w) && !is_org_word(w) && !is_role_word(w));
    if !(body_before && name_after) {
        return None;
    }
    let first = tail[0];
    let at = first.as_ptr() as usize - name.as_ptr() as usize;
    Some(&name[at..])
}

/// Whether `words` could name a body or a place before a title: they open
/// with a capital, and every word is capitalised or one of the small words
/// of such names ("Bank of England", "Trade and Industry").
fn names_a_body(words: &[&str]) -> bool {
    words.first().is_some_and(|w| starts_upper(w))
        && words
            .iter()
            .all(|w| starts_upper(w) || matches!(*w, "of" | "for" | "and" | "the" | "on"))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word`, folded and without a final dot, is among `entries`
/// (folded the same way once, into `set`).
fn in_word_set<'a, I: Iterator<Item = &'a str>>(
    set: &OnceLock<HashSet<String>>,
    entries: impl FnOnce() -> I,
    word: &str,
) -> bool {
    let words = set.get_or_init(|| {
        entries()
            .map(|w| fold(w).trim_end_matches('.').to_string())
            .collect()
    });
    words.contains(fold(word).trim_end_matches('.'))
}

/// Words that only say what kind of company a name is ("Co", "Inc", "Ltd").
const LEGAL_FORMS: &[&str] = &[
    "co", "cos", "inc", "corp", "corps", "ltd", "plc", "llc", "llp", "lp", "ag", "sa", "nv", "bv",
    "gmbh", "spa", "bhd", "pty", "kk", "ab", "oy", "asa", "as",
];

/// Whether a word of a name key (folded) is a company's legal form.
pub fn is_legal_form(key_word: &str) -> bool {
    LEGAL_FORMS.contains(&key_word)
}

/// Nationality and demonym adjectives ("French", "Kenyan"): the list the
/// recogniser uses as a feature.
static NATIONALITIES: &str = include_str!("../../assets/ner/nationalities.txt");

/// Whether a word is a nationality or demonym ("French", "Kenyans").
pub fn is_nationality(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| list_entries(NATIONALITIES).map(fold).collect());
    let w = fold(word);
    words.contains(&w)
        || w.strip_suffix('s')
            .is_some_and(|singular| words.contains(singular))
}

/// The entries of a shipped name list: one a line, `#` starts a comment.
fn list_entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Strips a trailing possessive: `Trump's`, `Trump’s`, `Reuters'`.
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(base) = name.strip_suffix(suffix) {
            return base;
        }
    }
    if let Some(base) = name.strip_suffix(['\'', '’']) {
        return base;
    }
    name
}

/// Removes leading role words from a person's name: "President Donald
/// Trump" → "Donald Trump", "Secretary of State Marco Rubio" → "Marco
/// Rubio". A name of nothing but role words is returned whole.
pub fn strip_roles(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some((first, tail)) = rest.split_once(char::is_whitespace) {
        if !is_role_word(first) {
            return strip_inner_role(rest);
        }
        rest = tail.trim_start();
    }
    if is_role_word(rest) {
        name.trim()
    } else {
        rest
    }
}

/// "Agriculture Secretary Richard Lyng" → "Richard Lyng": a role named after
/// its department or country, with the name after it.
fn strip_inner_role(name: &str) -> &str {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(role) = words
        .iter()
        .rposition(|w| is_title_word(w))
        .filter(|&at| at >= 1 && at + 1 < words.len())
    else {
        return name;
    };
    let leading_capitalised = names_a_body(&words[..role]);
    if !leading_capitalised {
        return name;
    }
    let next = words[role + 1];
    let at = next.as_ptr() as usize - name.as_ptr() as usize;
    &name[at..]
}

/// Whether a word is a role on its own in the role list ("Secretary",
/// "Minister"): not a qualifier such as "former", nor a word of a longer
/// role ("State" of "Secretary of State").
pub fn is_title_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    in_word_set(
        &WORDS,
        || {
            list_entries(ROLES)
                .filter(|r| !r.contains(char::is_whitespace))
                .filter(|w| !QUALIFIERS.contains(&fold(w).trim_end_matches('.')))
                .chain(MORE_TITLES.iter().copied())
        },
        word,
    )
}

/// A mention's name cleaned for display: possessive removed, roles removed
/// from people's names, whitespace collapsed.
pub fn clean_name(text: &str, is_person: bool) -> String {
    let base = strip_possessive(text.trim());
    let base = if is_person { strip_roles(base) } else { base };
    base.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `U.S.` → `US`, `U.K.` → `UK`: dotted initials lose their dots.
fn undot(word: &str) -> String {
    let letters: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
    if letters.len() >= 2 && letters.iter().all(|p| p.chars().count() == 1) {
        letters.concat()
    } else {
        word.trim_end_matches('.').to_string()
    }
}

/// A word's transliteration skeleton: folded, and the y/iy/yy/ij endings
/// that vary between romanisations reduced to `y` (Zelensky, Zelenskiy,
/// Zelenskyy → zelensky).
pub fn skeleton_word(word: &str) -> String {
    let mut w = String::new();
    skeleton_word_into(word, &mut w);
    w
}

/// `skeleton_word` into `out` (cleared first): an ASCII word allocates
/// nothing when `out` has room.
pub fn skeleton_word_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // `undot` and `fold` of an ASCII word: its letters lowercased, the
        // dots of an initialism ("U.S.") or at its end dropped.
        let parts = word.split('.').filter(|p| !p.is_empty());
        let initials = parts.clone().count() >= 2 && parts.clone().all(|p| p.len() == 1);
        let kept = if initials {
            word
        } else {
            word.trim_end_matches('.')
        };
        out.extend(
            kept.bytes()
                .filter(|&b| !initials || b != b'.')
                .map(|b| b.to_ascii_lowercase() as char),
        );
    } else {
        out.push_str(&fold(&undot(word)));
    }
    for ending in ["iy", "yy", "ij", "yi", "ii"] {
        if out.len() > ending.len() + 2 && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
            out.push('y');
            break;
        }
    }
    out.retain(|c| c.is_alphanumeric() || c == '-');
}

/// A name's key: the skeletons of its words, joined by spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(skeleton_word)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The initials of a multi-word name's capitalised words ("United States"
/// → "us", "United States of America" → "usa"), for matching acronyms.
pub fn acronym_key(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let initials: String = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    (initials.chars().count() >= 2).then(|| fold(&initials))
}

/// Whether a single-word name looks like an acronym: `US`, `U.S.`, `NATO`.
pub fn is_acronym(name: &str) -> bool {
    let plain = undot(name);
    !name.contains(' ')
        && plain.chars().count() >= 2
        && plain
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_skeleton_made_in_place_is_the_one_folding_makes() {
        let old = |word: &str| {
            let mut w = fold(&undot(word));
            for ending in ["iy", "yy", "ij", "yi", "ii"] {
                if w.len() > ending.len() + 2 && w.ends_with(ending) {
                    w.truncate(w.len() - ending.len());
                    w.push('y');
                    break;
                }
            }
            w.retain(|c| c.is_alphanumeric() || c == '-');
            w
        };
        for word in [
            "Zelenskiy",
            "ZELENSKYY",
            "U.S.",
            "U.S",
            "u.s.a.",
            "Jr.",
            "St.Louis",
            "A.",
            "O'Brien",
            "Jean-Marie",
            "Dmitrij",
            "Sergii",
            "Ab.",
            "a.bc.",
            "...",
            ".",
            "",
            "3M",
            "(Sean)",
            "Zürich",
            "Ærø",
            "Łódź",
            "Yi",
            "Li",
            "Kii",
            "Gorbachyi",
        ] {
            let mut into = String::from("left over");
            skeleton_word_into(word, &mut into);
            assert_eq!(into, old(word), "{word:?}");
            assert_eq!(skeleton_word(word), old(word), "{word:?}");
        }
    }

    use super::*;

    #[test]
    fn roles_and_possessives_are_not_part_of_names() {
        assert_eq!(clean_name("President Donald Trump's", true), "Donald Trump");
        assert_eq!(
            clean_name("Secretary of State Marco Rubio", true),
            "Marco Rubio"
        );
        assert_eq!(
            clean_name("Kremlin aide Yuri Ushakov", true),
            "Yuri Ushakov"
        );
        assert_eq!(
            clean_name("Agriculture Secretary Richard Lyng", true),
            "Richard Lyng"
        );
        assert_eq!(
            clean_name("U.S. Trade Representative Clayton Yeutter", true),
            "Clayton Yeutter"
        );
        // A role word last is no title of a name after it.
        assert_eq!(clean_name("Julie Bishop", true), "Julie Bishop");
        assert_eq!(clean_name("Putin’s", true), "Putin");
        assert_eq!(clean_name("Prime Minister", true), "Prime Minister");
        assert_eq!(clean_name("  Jared   Kushner ", true), "Jared Kushner");
        assert_eq!(clean_name("Reuters'", false), "Reuters");
        assert_eq!(clean_name("The White House", false), "The White House");
    }

    #[test]
    fn titles_after_a_body_are_not_part_of_names() {
        assert_eq!(
            clean_name("EU Trade Commissioner Anna Lindqvist", true),
            "Anna Lindqvist"
        );
        assert_eq!(
            clean_name("Bank of Ruritania Governor Otto Brandt", true),
            "Otto Brandt"
        );
        assert_eq!(
            person_after_title("Central Bank Board Chairman Paul Vance"),
            Some("Paul Vance")
        );
        assert_eq!(
            person_after_title("Ministry of Mines Director Kofi Mensah"),
            Some("Kofi Mensah")
        );
        // No body before the title, a body after it, or no name after it.
        assert_eq!(person_after_title("Chairman Mao"), None);
        assert_eq!(person_after_title("Secretary General Holdings"), None);
        assert_eq!(person_after_title("Borough President"), None);
        assert_eq!(person_after_title("Governor Hotels Group"), None);
        assert_eq!(person_after_title("the Commissioner Bureau"), None);
    }

    #[test]
    fn roles_alone_are_no_names() {
        assert!(is_role_not_name("Vice Chairman"));
        assert!(is_role_not_name("Aid Commissioner"));
        assert!(is_role_not_name("Bronx Borough President"));
        assert!(is_role_not_name("Prime Minister"));
        assert!(is_role_not_name("Minister"));
        assert!(!is_role_not_name("White"));
        assert!(!is_role_not_name("King"));
        // Surnames that are also titles, and names that merely hold one.
        assert!(!is_role_not_name("John Major"));
        assert!(!is_role_not_name("Martin King"));
        assert!(!is_role_not_name("Julie Bishop"));
        assert!(!is_role_not_name("Mario Secretario"));
        assert!(is_first_name("james") && !is_first_name("Policy"));
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        let k = name_key("Volodymyr Zelensky");
        assert_eq!(name_key("Volodymyr Zelenskiy"), k);
        assert_eq!(name_key("Volodymyr Zelenskyy"), k);
        assert_eq!(name_key("VOLODYMYR ZELENSKÝ"), k);
        assert_ne!(name_key("Volodymyr Zelensk"), k);
        assert_eq!(skeleton_word("Dmitrii"), skeleton_word("Dmitriy"));
        assert_eq!(name_key("U.S."), name_key("US"));
    }

    #[test]
    fn acronyms_match_initials() {
        assert_eq!(acronym_key("United States").as_deref(), Some("us"));
        assert_eq!(
            acronym_key("United States of America").as_deref(),
            Some("usa")
        );
        assert_eq!(acronym_key("Moscow"), None);
        assert!(is_acronym("U.S.") && is_acronym("NATO") && is_acronym("G8"));
        assert!(!is_acronym("Nato") && !is_acronym("A"));
    }

    #[test]
    fn nationalities_are_known() {
        assert!(is_nationality("French") && is_nationality("kenyans"));
        assert!(!is_nationality("Biden"));
    }
}
