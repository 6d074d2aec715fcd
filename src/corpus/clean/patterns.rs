//! Recognisers for single lines of page furniture: update times, reading
//! times, counters, interface words, bylines, agency and credit lines, photo
//! captions. Each looks at one line alone; where a line sits in the page is
//! for the caller to weigh.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::word_count;
use super::notices;
use crate::corpus::article::FurnitureKind;

/// What a furniture line says, beyond its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    Nothing,
    /// A relative or absolute update time, as written ("2 days ago").
    Updated(String),
    /// A bare age line ("9 seconds ago 2 min read WORLD"), which marks teasers.
    Age,
    ReadingMinutes(u64),
    Views(u64),
    Author(String),
    /// An agency or credit line; the agency's name when one is named.
    Source(Option<String>),
}

/// A line recognised as furniture.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    pub kind: FurnitureKind,
    pub meaning: Meaning,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("furniture patterns are valid regular expressions")
}

const AGE: &str = r"(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)\s+ago";

static AGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:{AGE}|just now|yesterday)(?:\s*[·•|,-]?\s*\d+\s*min(?:ute)?s?\.?\s+read)?(?:\s*[·•|,-]?\s*\p{{Lu}}[\p{{Lu}}&\s]{{0,24}})?$"
    ))
});

static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:last\s+)?(?:updated?|modified|published|posted)(?:\s+on|\s+at)?\s*:?\s*(?P<when>{AGE}|\S.{{0,60}}\d.{{0,20}})$"
    ))
});

static READING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:reading time:?\s*)?(?P<n>\d+)\s*(?:-|\s)?min(?:ute)?s?\.?(?:\s+read)?$")
});

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:\p{L}+,\s*)?(?P<n>[\d][\d,.]*\s*[km]?)\s+(?P<what>views?|comments?|shares?|likes?|reads?|reactions?|responses?|replies)|(?P<what2>views?|comments?|shares?|likes?)\s*:\s*(?P<n2>[\d][\d,.]*\s*[km]?))$",
    )
});

/// The words a byline starts with.
const LEAD: &str = r"(?i:author|written by|words by|posted by|reported by|medically reviewed by|reviewed by|fact[- ]checked by|by)";

/// A capitalised word of a name ("Roe", "O'Neill", "J.").
const NAME_WORD: &str = r"\p{Lu}[\p{L}.'’-]*";

/// The small words inside names ("de", "van", "bin").
const PARTICLES: &str = "and|&|de|da|van|von|der|al|bin|le|la|del";

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^{LEAD}\s*:?\s+(?P<name>{NAME_WORD}(?:\s+(?:{NAME_WORD}|{PARTICLES}|,))*)\s*(?:[,|–—-]\s*(?P<org>[\p{{L}}\s.&,()]{{2,40}}))?$"
    ))
});

/// How a byline starts, for a quick look before the full patterns.
static BYLINE_LEAD: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{LEAD}\b")));

/// The longest byline with a date after it: twelve words of byline and a
/// date with its time and zone.
const BYLINE_TAIL_WORDS: usize = 24;

/// A calendar date as pages print it, with an optional time of day:
/// "November 19, 2019, 07:47 PM EST", "Monday, Nov. 18th, 2019 at 11:08 a.m.",
/// "14 March 2024", "2019-11-18T23:30:00Z".
const DATE: &str = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?";

/// A byline's trailing date, time or comment count ("by Jane Roe on
/// November 19, 2019", "by Jane Roe 0 Comments"), with perhaps a section
/// name after it.
static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<head>.+?)(?:\s*[,|·•–—-]\s*|\s+on\s+|\s+)(?:{DATE}|\d{{1,3}}(?:\s+comments?)?)(?:\s+\p{{Lu}}\p{{Ll}}+)?$"
    ))
});

/// "Jane Roe @janeroe / 2 days", "Jane Roe (@janeroe)": a name with its
/// social handle, perhaps with the story's age or date.
/// "Chris Davies - Nov 19, 2019, 10:31 pm CST": a name alone, then the
/// date of the story.
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<name>\p{{Lu}}[\p{{L}}.'’-]+(?:\s+\p{{Lu}}[\p{{L}}.'’-]+){{1,3}})\s*[-|·•–—]\s*(?i:{DATE})$"
    ))
});

static SOCIAL_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<name>{NAME_WORD}(?:\s+(?:{NAME_WORD}|{PARTICLES})){{0,5}})\s+\(?@[A-Za-z0-9_]{{2,30}}\)?(?:\s*[/|·•,–—-]\s*(?i:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)(?:\s+ago)?|just now|yesterday|today|{DATE}))?$"
    ))
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|research|contributing|graphics|fact-checking)\s+(?:by|from)\s",
    )
});

const AGENCIES: &str = r"Reuters|AP|The Associated Press|Associated Press|AFP|Agence France-Presse|Bloomberg|PA|PA Media|Press Association|dpa|DPA|Xinhua|TASS|Tass|Interfax|ANI|PTI|IANS|EFE|ANSA|Kyodo|Yonhap|UPI|CNN Wire|AAP|CP|The Canadian Press|Anadolu|RIA Novosti|WAM|SPA|APA|NTB|TT|Belga|ABC News|BBC";

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^[(—–-]?\s*(?P<name>(?:{AGENCIES})(?:\s*(?:/|,|and|&)\s*(?:{AGENCIES}))*)\s*\)?\.?$"
    ))
});

const PHOTO_AGENCIES: &str = r"Reuters|AP|AFP|Getty Images|Getty|EPA|EPA-EFE|Shutterstock|Alamy|PA|PA Wire|AAP|Bloomberg|Xinhua|TASS|Sputnik|Anadolu|NurPhoto|SOPA Images|Rex|Rex Features|Handout|File|Supplied|iStock|Courtesy";

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:\s[–—-]\s*(?:\p{{Lu}}[\p{{L}}.\s]{{0,40}}/)?(?:{PHOTO_AGENCIES})\.?|[(\[](?i:photo|photograph|picture|image|credit|photo credit|source|illustration|file photo)s?:\s*[^()\[\]]{{1,80}}[)\]]|[(\[](?:{PHOTO_AGENCIES})[)\]]|\b(?:Photograph|Photo|Photos|Picture|Illustration|Image|Photo credit|Credit)\s*:\s*[^.!?]{{1,80}}|\S/(?:{PHOTO_AGENCIES}))\.?$"
    ))
});

static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:Photograph|Photo|Photos|Picture|Illustration|Image|Photo credit|Credit|Caption)\s*:\s")
});

/// Interface phrases that make up a line on their own.
const INTERFACE_PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "ad",
    "read more",
    "read more:",
    "continue reading",
    "read next",
    "read also",
    "see also",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related posts",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "view comments",
    "show comments",
    "skip to content",
    "skip to main content",
    "back to top",
    "loading",
    "like this",
    "like",
    "follow us",
    "follow",
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "subscribe",
    "subscribe now",
    "newsletter",
    "menu",
    "search",
    "close",
    "show more",
    "show more sharing options",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share article",
    "share story",
    "copy link",
    "link copied",
    "print this page",
    "listen to this article",
    "listen",
    "click here",
    "watch",
    "watch video",
    "video",
    "image",
    "caption",
    "expand",
    "enlarge",
    "next",
    "previous",
    "prev",
    "home",
    "top stories",
    "latest news",
    "comments",
    "advert",
    "continue reading below",
    "sharing is caring!",
    "sharing is caring",
    "post navigation",
    "previous post",
    "next post",
    "reply",
    "learn more",
    "view all",
    "see all",
    "don't miss",
    "don’t miss",
    "back to gallery",
    "related news",
    "related links",
    "explore further",
    "featured video",
    "editors' picks",
    "editor's picks",
    "recent posts",
    "recent blog posts",
    "give feedback",
];

/// Words that make an interface line when a short line has nothing else.
const INTERFACE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "email",
    "e-mail",
    "mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "pocket",
    "flipboard",
    "telegram",
    "messenger",
    "sms",
    "copy",
    "link",
    "url",
    "comment",
    "comments",
    "save",
    "saved",
    "bookmark",
    "follow",
    "us",
    "on",
    "via",
    "with",
    "to",
    "this",
    "article",
    "story",
    "post",
    "page",
    "instagram",
    "youtube",
    "tiktok",
    "rss",
    "feed",
    "tumblr",
    "vk",
    "gift",
    "options",
    "sharing",
    "all",
];

/// Interface words that may stand alone on a line.
const LONE_INTERFACE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "pocket",
    "flipboard",
    "telegram",
    "messenger",
    "instagram",
    "youtube",
    "tiktok",
    "rss",
    "comment",
    "save",
    "bookmark",
];

fn interface(bare: &str) -> bool {
    let norm: String = without_count(bare)
        .trim_end_matches([':', '.', '…', '›', '»', '→', '>', '|', ' '])
        .trim_start_matches(['‹', '«', '←', '<', '|', ' '])
        .to_lowercase();
    if INTERFACE_PHRASES.contains(&norm.as_str()) {
        return true;
    }
    let words: Vec<&str> = norm
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => false,
        [one] => LONE_INTERFACE_WORDS.contains(one),
        many => {
            many.len() <= 8
                && many.iter().all(|w| INTERFACE_WORDS.contains(w))
                && many.iter().any(|w| LONE_INTERFACE_WORDS.contains(w))
        }
    }
}

/// The line without a trailing count in brackets ("View all (23)").
fn without_count(text: &str) -> &str {
    text.strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .filter(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or(text, |(head, _)| head.trim_end())
}

fn number(text: &str) -> Option<u64> {
    let t = text.trim().to_lowercase();
    let (digits, scale) = if let Some(d) = t.strip_suffix('k') {
        (d.trim(), 1_000.0)
    } else if let Some(d) = t.strip_suffix('m') {
        (d.trim(), 1_000_000.0)
    } else {
        (t.as_str(), 1.0)
    };
    if scale > 1.0 {
        let v: f64 = digits.parse().ok()?;
        return Some((v * scale).round() as u64);
    }
    digits.replace([',', '.'], "").parse().ok()
}

/// Recognises a line that is furniture wherever it stands.
pub fn recognise(bare: &str) -> Option<Recognised> {
    let found = |kind, meaning| Some(Recognised { kind, meaning });
    if AGE_LINE.is_match(bare) {
        return found(FurnitureKind::Updated, Meaning::Age);
    }
    if let Some(c) = UPDATED.captures(bare) {
        let when = c.name("when").map_or("", |m| m.as_str()).trim().to_string();
        return found(FurnitureKind::Updated, Meaning::Updated(when));
    }
    if let Some(c) = READING.captures(bare)
        && let Some(n) = c.name("n").and_then(|m| m.as_str().parse().ok())
    {
        return found(FurnitureKind::ReadingTime, Meaning::ReadingMinutes(n));
    }
    if let Some(c) = COUNTER.captures(bare) {
        let what = c
            .name("what")
            .or(c.name("what2"))
            .map_or("", |m| m.as_str());
        let n = c
            .name("n")
            .or(c.name("n2"))
            .and_then(|m| number(m.as_str()));
        let meaning = match n {
            Some(n) if what.to_lowercase().starts_with("view") => Meaning::Views(n),
            _ => Meaning::Nothing,
        };
        return found(FurnitureKind::Counter, meaning);
    }
    if interface(bare) {
        return found(FurnitureKind::Interface, Meaning::Nothing);
    }
    if let Some(c) = AGENCY.captures(bare) {
        let name = c.name("name").map(|m| m.as_str().to_string());
        return found(FurnitureKind::Agency, Meaning::Source(name));
    }
    if CREDIT.is_match(bare) && bare.split_whitespace().count() <= 40 {
        let name = AGENCY_IN_TEXT.find(bare).map(|m| m.as_str().to_string());
        return found(FurnitureKind::Agency, Meaning::Source(name));
    }
    if let Some(name) = byline_author(bare) {
        return found(FurnitureKind::Byline, Meaning::Author(name));
    }
    if CAPTION.is_match(bare) || CAPTION_START.is_match(bare) {
        return found(FurnitureKind::Caption, Meaning::Nothing);
    }
    notices::recognise(bare).map(|kind| Recognised {
        kind,
        meaning: Meaning::Nothing,
    })
}

/// The author a byline names: "By Jane Roe", "By Jane Roe November 19,
/// 2019, 07:47 PM EST", "Jane Roe @janeroe / 2 days".
fn byline_author(bare: &str) -> Option<String> {
    let named = |line: &str| {
        let c = BYLINE.captures(line)?;
        let name = c.name("name")?.as_str();
        (line.split_whitespace().count() <= 12)
            .then(|| name.trim_end_matches([',', ' ']).to_string())
    };
    if let Some(name) = named(bare) {
        return Some(name);
    }
    // The costlier shapes only where they can match: a byline word first
    // and a short line, or a handle.
    if BYLINE_LEAD.is_match(bare)
        && word_count(bare) <= BYLINE_TAIL_WORDS
        && let Some(head) = BYLINE_TAIL.captures(bare).and_then(|c| c.name("head"))
        && let Some(name) = named(head.as_str())
    {
        return Some(name);
    }
    if word_count(bare) <= BYLINE_TAIL_WORDS
        && bare.bytes().any(|b| b.is_ascii_digit())
        && let Some(name) = NAME_DATE.captures(bare).and_then(|c| c.name("name"))
    {
        return Some(name.as_str().to_string());
    }
    if !bare.contains('@') {
        return None;
    }
    let c = SOCIAL_BYLINE.captures(bare)?;
    Some(c.name("name")?.as_str().to_string())
}

static AGENCY_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b(?:{AGENCIES})\b")));

#[cfg(test)]
mod tests {
    use super::*;
    use FurnitureKind as K;

    fn kind(line: &str) -> Option<FurnitureKind> {
        recognise(line).map(|r| r.kind)
    }

    fn meaning(line: &str) -> Option<Meaning> {
        recognise(line).map(|r| r.meaning)
    }

    #[test]
    fn update_and_age_lines() {
        assert_eq!(
            meaning("Last update: 2 days ago"),
            Some(Meaning::Updated("2 days ago".into()))
        );
        assert_eq!(
            meaning("Updated: 14 March 2024, 10:32 GMT"),
            Some(Meaning::Updated("14 March 2024, 10:32 GMT".into()))
        );
        assert_eq!(
            meaning("9 seconds ago 2 min read WORLD"),
            Some(Meaning::Age)
        );
        assert_eq!(meaning("3 hours ago"), Some(Meaning::Age));
        assert_eq!(kind("He was updated on the talks two days ago."), None);
    }

    #[test]
    fn reading_times_and_counters() {
        assert_eq!(meaning("4 min read"), Some(Meaning::ReadingMinutes(4)));
        assert_eq!(
            meaning("Reading time: 7 minutes"),
            Some(Meaning::ReadingMinutes(7))
        );
        assert_eq!(meaning("718 Views"), Some(Meaning::Views(718)));
        assert_eq!(meaning("1.2K views"), Some(Meaning::Views(1200)));
        assert_eq!(kind("12 comments"), Some(K::Counter));
        assert_eq!(kind("Hot, 40 comments"), Some(K::Counter));
        assert_eq!(kind("718 people were killed"), None);
    }

    #[test]
    fn interface_words() {
        for line in [
            "Share",
            "Tweet",
            "Follow us",
            "Advertisement",
            "Read more",
            "Share this:",
            "Share on Facebook",
            "Facebook Twitter Email",
            "Share | Tweet | Email",
            "Copy link",
        ] {
            assert_eq!(kind(line), Some(K::Interface), "{line}");
        }
        for line in [
            "Advert",
            "Continue Reading Below",
            "Sharing is caring!",
            "Previous Post",
            "View all (23)",
            "DON'T MISS",
            "Back to Gallery",
        ] {
            assert_eq!(kind(line), Some(K::Interface), "{line}");
        }
        assert_eq!(kind("Viewers (23)"), None);
        assert_eq!(kind("Learn more about the plan here."), None);
        assert_eq!(kind("Share prices fell."), None);
        assert_eq!(kind("Follow the money"), None);
        assert_eq!(kind("Us"), None);
    }

    #[test]
    fn bylines_name_the_author() {
        assert_eq!(
            meaning("Author: Sophia Brooks"),
            Some(Meaning::Author("Sophia Brooks".into()))
        );
        assert_eq!(
            meaning("By Jane Doe"),
            Some(Meaning::Author("Jane Doe".into()))
        );
        assert_eq!(
            meaning("By Tom Smith and Ana de la Cruz, Reuters"),
            Some(Meaning::Author("Tom Smith and Ana de la Cruz".into()))
        );
        assert_eq!(kind("By the end of the month, prices rose."), None);
        assert_eq!(kind("By contrast"), None);
    }

    #[test]
    fn bylines_with_a_date_or_a_handle() {
        for (line, name) in [
            ("Ines Varga @inesvarga / 2 days", "Ines Varga"),
            ("Ines Varga @inesvarga", "Ines Varga"),
            ("Ines Varga (@inesvarga) · 3 hours ago", "Ines Varga"),
            (
                "By Ines Varga November 19, 2019, 07:47 PM EST",
                "Ines Varga",
            ),
            (
                "By Ines Varga , Tom Bell on Monday, November 18th, 2019 at 11:08 a.m.",
                "Ines Varga , Tom Bell",
            ),
            (
                "By Ines Varga - Staff Writer 2019-11-18T23:30:00Z Health",
                "Ines Varga",
            ),
            (
                "Written by Ines Varga, MS, RD on November 14, 2019",
                "Ines Varga",
            ),
            ("Medically reviewed by Ines Varga, RD, LD", "Ines Varga"),
            ("by Ines Varga 0 Comments", "Ines Varga"),
        ] {
            assert_eq!(meaning(line), Some(Meaning::Author(name.into())), "{line}");
        }
        assert_eq!(kind("By November 19, 2019, the fund had doubled."), None);
        assert_eq!(kind("By Christmas 2019"), None);
        assert_eq!(
            meaning("Ines Varga - Nov 19, 2019, 10:31 pm CST"),
            Some(Meaning::Author("Ines Varga".into()))
        );
        assert_eq!(
            meaning("Ines Varga | 14 March 2024"),
            Some(Meaning::Author("Ines Varga".into()))
        );
        // A name and a bare number, or a sentence ending in a date, is no byline.
        assert_eq!(kind("Windows Phone - 8"), None);
        assert_eq!(kind("The summit ended - Nov 19, 2019"), None);
        assert_eq!(kind("Thanks to @inesvarga for the tip"), None);
        assert_eq!(
            kind("Ines Varga @ the town hall, 2 days before the vote"),
            None
        );
    }

    #[test]
    fn agency_and_credit_lines() {
        assert_eq!(
            meaning("Reuters"),
            Some(Meaning::Source(Some("Reuters".into())))
        );
        assert_eq!(meaning("(AFP)"), Some(Meaning::Source(Some("AFP".into()))));
        assert_eq!(
            meaning("(Reporting by Jane Doe; Editing by John Roe) Reuters"),
            Some(Meaning::Source(Some("Reuters".into())))
        );
        assert_eq!(
            meaning("Additional reporting by Ali Khan"),
            Some(Meaning::Source(None))
        );
        assert_eq!(kind("Reuters reported the deal on Monday."), None);
    }

    #[test]
    fn photo_captions() {
        for line in [
            "Members of the delegations attend a meeting in Moscow. – Reuters",
            "The minister arrives in Brussels (Photo: Getty Images)",
            "Crowds gather outside parliament. Photograph: Stefan Rousseau/PA",
            "Smoke over the city. Jane Roe/AFP",
            "Photo: Damian Dovarganes, AP",
            "Protesters in Hong Kong (Reuters)",
        ] {
            assert_eq!(kind(line), Some(K::Caption), "{line}");
        }
        assert_eq!(
            kind("The talks went on - AP sources said they were tense."),
            None
        );
        assert_eq!(kind("He told Reuters the plan was dead."), None);
    }
}
