//! The author's bio that many pages put under a story ("Jane Roe is a
//! reporter at …"), told apart from a story's own sentences about a
//! journalist by the page around it: the bio's subject is the page's author,
//! named in a byline or standing alone on a line of the page. Works on line
//! shapes and the authors bylines named; knows no other furniture.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, is_prose, sentence_breaks, word_count};

/// Words a bio uses to say what its subject does for a living.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:reporter|writer|editor|correspondent|contributor|columnist|journalist|blogger|author|curator|critic|producer|photographer|anchor|presenter|host|educator|freelancer|reporting|writing|covering)\b",
    )
    .expect("the role pattern is a valid regular expression")
});

/// What follows a bio's subject: a handle perhaps, then a verb of being or
/// of work.
static BIO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+\(@\w+\))?\s+(?:is|was|has been|joined|writes|covers|reports)\b")
        .expect("the bio verb pattern is a valid regular expression")
});

/// How far into a bio's first sentence its subject may be named
/// ("Award-winning journalist Jane Roe writes …").
const SUBJECT_WORDS: usize = 8;

/// The longest line read as a bio.
const BIO_WORDS: usize = 120;

/// Whether a line is a name standing alone: two to four capitalised words.
fn is_lone_name(text: &str) -> bool {
    // Short lines only: most lines are paragraphs, ruled out at the fifth
    // word without looking further.
    let words = text.split_whitespace().take(5).count();
    (2..=4).contains(&words)
        && !is_prose(text)
        && text.split_whitespace().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().any(char::is_lowercase)
                && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// Whether `sentence` names `name` near its start, followed by a bio verb.
fn names_subject(sentence: &str, name: &str) -> bool {
    sentence.match_indices(name).any(|(at, _)| {
        let before = &sentence[..at];
        let starts_word = before.is_empty() || before.ends_with(char::is_whitespace);
        starts_word
            && word_count(before) < SUBJECT_WORDS
            && BIO_VERB.is_match(&sentence[at + name.len()..])
    })
}

/// Lines of author bios, and the lone lines naming their subjects, among the
/// candidate lines. `authors` are the names the page's bylines gave.
pub fn author_bios(lines: &[Line<'_>], candidate: &[bool], authors: &[String]) -> Vec<usize> {
    let lone: Vec<usize> = (0..lines.len())
        .filter(|&i| candidate[i] && is_lone_name(lines[i].text))
        .collect();
    let mut names: Vec<&str> = authors.iter().map(String::as_str).collect();
    names.extend(lone.iter().map(|&i| lines[i].text));
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    let mut subjects: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text;
        if !candidate[i] || word_count(text) > BIO_WORDS || !is_prose(text) || !ROLE.is_match(text)
        {
            continue;
        }
        let first = sentence_breaks(text)
            .first()
            .map_or(text, |&end| &text[..end]);
        // A bio may give only the first name when the full name stands
        // alone on the line above it.
        let above = i
            .checked_sub(1)
            .filter(|&j| lone.contains(&j))
            .map(|j| lines[j].text);
        let first_name = above.and_then(|n| n.split_whitespace().next());
        let subject = names
            .iter()
            .copied()
            .find(|n| names_subject(first, n))
            .or_else(|| above.filter(|_| first_name.is_some_and(|f| names_subject(first, f))));
        if let Some(subject) = subject {
            out.push(i);
            subjects.push(subject);
        }
    }
    out.extend(lone.iter().filter(|&&i| subjects.contains(&lines[i].text)));
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn bios(text: &str, authors: &[&str]) -> Vec<usize> {
        let lines = split_lines(text);
        let authors: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
        author_bios(&lines, &vec![true; lines.len()], &authors)
    }

    const STORY: &str =
        "The council approved the budget on Tuesday after a long debate about the harbour.";

    #[test]
    fn bio_of_the_byline_author() {
        let text = format!(
            "{STORY}\nOdile Brenner is a housing reporter for the Harbour Gazette, covering rents and planning. She joined in 2015."
        );
        assert_eq!(bios(&text, &["Odile Brenner"]), vec![1]);
    }

    #[test]
    fn bio_under_the_authors_name_standing_alone() {
        let text = format!(
            "{STORY}\nOdile Brenner\nOdile joined the Gazette in March 2017. She has been reporting on housing since 2009.\nMore from the Gazette"
        );
        assert_eq!(bios(&text, &[]), vec![1, 2]);
        let text = format!(
            "{STORY}\nOdile Brenner\nFollow Us\nAward-winning journalist Odile Brenner writes a weekly column on housing."
        );
        assert_eq!(bios(&text, &[]), vec![1, 3]);
        let text = format!(
            "{STORY}\nOdile Brenner (@obrenner) is a contributor at the Gazette and the host of a radio show."
        );
        assert_eq!(bios(&text, &["Odile Brenner"]), vec![1]);
    }

    #[test]
    fn story_sentences_about_journalists_stay() {
        // Nobody of that name wrote the page.
        let text = format!(
            "{STORY}\nOdile Brenner is a reporter at the Harbour Gazette who was detained on Monday."
        );
        assert!(bios(&text, &["Tomas Weir"]).is_empty());
        // A name as a subheading, but the line under it says nothing of work.
        let text = "Candidates\nOdile Brenner\nOdile Brenner is a nurse from Leeds who wants to fix the hospital car park.";
        assert!(bios(text, &[]).is_empty());
        // The name comes too late in the sentence to be its subject.
        let text = format!(
            "{STORY}\nThe mayor said on Tuesday that the new rules would hurt people like Odile Brenner, who is a writer."
        );
        assert!(bios(&text, &["Odile Brenner"]).is_empty());
    }
}
