//! Recognisers for the notices a site puts around every story, whatever the
//! story says: calls to subscribe or follow, cookie and affiliate notices,
//! comment forms, copyright lines, labelled links to other stories, photo
//! credits and gallery counters. Each looks at one line alone and asks for a
//! reader-facing shape (an imperative, "our site", "your inbox"), so a
//! sentence that only talks about newsletters or cookies stays in the story.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::lines::word_count;
use crate::corpus::article::FurnitureKind;

/// Compiles a notice pattern with ASCII word boundaries: the words matched
/// are English, and a Unicode `\b` keeps the regex engine off its fast path
/// on any line with a non-ASCII letter.
fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
        .expect("notice patterns are valid regular expressions")
}

/// The longest line a call to subscribe, follow or sign up may be.
const CALL_WORDS: usize = 30;

/// The longest line a site notice (cookies, copyright, affiliate links) may be.
const NOTICE_WORDS: usize = 120;

/// Calls to subscribe or sign up: the imperative starts the line, or the line
/// speaks to the reader about a newsletter or an inbox.
static SUBSCRIBE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        ^subscribe\s+(?:to|for|now|today|here)\b
        | ^sign[\s-]?up\s+(?:for|to|now|today|here)\b.*\b(?:newsletters?|alerts|inbox)\b
        | ^sign[\s-]?up(?:\s+(?:now|today|here))?[.!]?$
        | (?:^|[.?!]\s+)(?:join|get|receive)\s+(?:our|the)\b[^.?!]*\b(?:newsletters?|mailing\s+list|email\s+alerts)\b
        | \b(?:subscribe|sign(?:ing)?[\s-]?up|register)\s+(?:to|for)\s+(?:our|the)\b[^.?!]*\bnewsletters?\b
        | \b(?:sign\s+up|subscribe|join)\b.*\bnewsletters?\b.*\byour\s+inbox\b
        | ^(?:thanks|thank\s+you)\s+for\s+(?:signing\s+up|subscribing|registering)\b
        | ^(?:keep\s+an\s+eye\s+on|check)\s+your\s+(?:inbox|e-?mail)\b
        | \byou\s+can\s+unsubscribe\s+at\s+any\s+time\b
        | ^no\s+spam\b
        ")
});

/// "Follow us on", "Follow Newsbeat on Instagram, Facebook and YouTube",
/// "Like us on Facebook": a name followed by a social network or by nothing.
static FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:follow|like|find|join)\s+(?:(?i:us|me)|@\w+|\p{Lu}[\p{L}.&'’-]*(?:\s+\p{Lu}[\p{L}.&'’-]*){0,3})\s+(?i:on|at|via)(?:\s*:?\s*$|\s.*\b(?i:twitter|facebook|instagram|youtube|linkedin|tiktok|snapchat|flipboard|google\s+news|rss|social\s+media)\b)",
    )
});

static COOKIES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        \bcookies?\b.*\b(?:this\s+(?:web)?site|our\s+(?:web)?site|browsing\s+experience|cookie\s+(?:settings|policy|preferences)|(?:accept|allow)\s+(?:all\s+)?cookies)\b
        | \b(?:this\s+(?:web)?site|our\s+(?:web)?site|we)\s+uses?\s+cookies\b
        ")
});

/// A disclosure that the site is paid when the reader buys through a link.
static AFFILIATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        \b(?:may|might|could|will)\s+(?:earn|receive|get|make)\s+(?:a|an)\s+(?:small\s+)?(?:affiliate\s+)?(?:commission|share\s+of\s+(?:the\s+)?(?:sale|revenue))\b
        | \baffiliate\s+commission\b
        ")
});

static READER_PURCHASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:if|when)\s+you\s+(?:buy|purchase|click|shop)\b|\bthrough\s+(?:links|affiliate\s+links)\s+(?:on|in)\s+(?:our|this)\b|\brecommended\s+links\b",
    )
});

/// The boilerplate of a comment form and a comment section.
static COMMENT_FORM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        ^save\s+my\s+name,\s+e-?mail
        | ^your\s+e-?mail\s+address\s+will\s+not\s+be\s+published
        | ^required\s+fields\s+are\s+marked
        | ^notify\s+me\s+(?:of|via|by|when)\b
        | ^this\s+site\s+uses\s+akismet\b
        | ^comments\s+are\s+closed\b
        | ^you\s+must\s+be\s+logged\s+in\s+to\s+(?:post\s+a\s+)?comment
        | ^by\s+submitting\s+this\s+form\b
        | ^(?:please\s+)?(?:be\s+mindful\s+of|read|follow|respect)\s+our\s+(?:community|commenting)\s+(?:standards|guidelines|rules|policy)\b
        | ^blog\s+comments\s+powered\s+by\b
        ")
});

static DISQUS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bcomments\s+powered\s+by\s+disqus\b"));

/// Words without one of which no unanchored notice pattern (subscribe,
/// cookies, affiliate, copyright, Disqus) can match: one pass over the line
/// spares most story paragraphs the regular expressions.
static TRIGGERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "subscri",
            "sign up",
            "sign-up",
            "signup",
            "signing up",
            "registering",
            "newsletter",
            "mailing list",
            "email",
            "e-mail",
            "inbox",
            "spam",
            "cookie",
            "commission",
            "©",
            "share of",
            "(c) ",
            "copyright",
            "rights reserved",
            "may not be",
            "this copy is",
            "disqus",
        ])
        .expect("notice trigger words build an automaton")
});

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        ^(?:all\s+contents\s+)?(?:©|\(c\)\s|copyright\s+©|copyright\s+\d{4})
        | ©\s*\d{4}
        | \ball\s+rights\s+reserved\b
        | \bmay\s+not\s+be\s+(?:published|reproduced|republished),\s+broadcast\b
        | ^this\s+(?:document|article|content|material)\s+is\s+(?:subject\s+to|protected\s+by)\s+copyright\b
        | ^this\s+copy\s+is\s+for\s+your\s+personal\b
        ")
});

/// A labelled link to another story: "Related: …", "READ MORE: …",
/// "[Related: …]", "On Example.com: …", "Also on example.com …".
static RELATED_LINK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?xi)
        ^\[?\s*(?:related(?:\s+(?:posts?|articles?|stories|story|links?|news|content|coverage|reading|video))?
              |read\s+(?:more|also|next)|also\s+read|see\s+(?:more|also)
              |on\s+[\w-]+\.(?:com|co\.uk|org|net|ca|com\.au)
            )\s*[:|]\s*\S
        | ^also\s+on\s+[\w-]+\.(?:com|co\.uk|org|net|ca|com\.au)\b
        | ^more\s+(?:articles|stories|posts)\s+(?:from|by)\s+\p{Lu}
        ")
});

/// A teaser line that ends in a bracketed label: "… [VIDEO]", "… [INSIGHT]|".
static LABELLED_TEASER: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s\[\p{Lu}{3,}(?:\s\p{Lu}{2,})?\]\s*\|?$"));

/// The start of a photo credit or a caption led by one.
static CREDIT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        ^(?i:image|photo|picture|video)\s+(?i:copyright|caption|credit|via|courtesy)\b
        | ^(?i:file\s+photo)\s*[:-]
        | ^©\s*\p{Lu}\p{L}+\s+\p{Lu}\p{L}+
        | ^\d+\s?of\s?\d+\p{Lu}
        ")
});

/// The credit that closes a caption: "(AP Photo/Jane Roe)", "REUTERS/Jane
/// Roe", "© Reuters / Jane Roe", "(NASA/JPL)". Matched against the line's
/// last `CREDIT_TAIL` bytes only.
static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        \((?:[\p{L}.]+\s)?(?i:photo|photograph|image|pictures?)s?\s*/\s*[^()]+\)\.?$
        | \b(?:REUTERS|AFP|AP|EPA|XINHUA|ANADOLU)\s*/\s*\p{Lu}\p{L}*(?:[\s-]+\p{Lu}\p{L}*){0,3}\.?$
        | \s©\s*\p{Lu}[\p{L}\s/.&-]+$
        | [.!?]\s+\((?:\p{Lu}[\p{L}-]*/)+\p{Lu}[\p{L}-]*\)$
        ")
});

/// How much of a line's end a closing credit can take up.
const CREDIT_TAIL: usize = 120;

/// "Photo by Jane Roe", "Photo illustration by Example. Photo by Jane Roe.":
/// every sentence of the line is a credit.
static CREDIT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:photo|photograph|picture|illustration|photo\s+illustration|video|graphic)s?\s+(?i:by|courtesy\s+of)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|/|,))*\.?$",
    )
});

/// "Write to Jane Roe at jane.roe@example.com": how to reach the author.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:write to|contact|email|e-mail|reach)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s+(?i:at)\s+\S+@\S+\.\w+\.?$",
    )
});

/// Words of a footer's legal links ("Terms of Service Privacy Notice").
const LEGAL_WORDS: &[&str] = &[
    "terms",
    "of",
    "service",
    "use",
    "privacy",
    "policy",
    "notice",
    "cookie",
    "cookies",
    "conditions",
    "and",
    "&",
    "|",
    "legal",
    "accessibility",
    "sitemap",
    "statement",
];

fn is_legal_links(bare: &str) -> bool {
    let legal = |w: &str| LEGAL_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w));
    let mut words = 0;
    let mut named = false;
    for w in bare.split_whitespace() {
        if !legal(w) {
            return false;
        }
        words += 1;
        named |= w.eq_ignore_ascii_case("privacy") || w.eq_ignore_ascii_case("terms");
    }
    words >= 2 && named
}

/// Whether the line ends in a bracket, as a labelled teaser does ("… [VIDEO]").
fn ends_in_label(bare: &str) -> bool {
    bare.trim_end()
        .trim_end_matches('|')
        .trim_end()
        .ends_with(']')
}

/// "Image 1 of 23", "Image 1 of / 23", "1 / 23": a gallery's counter.
static GALLERY_COUNTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(?:image|photo|slide|picture)\s+)?\d+\s*(?:of|/)\s*/?\s*\d+$"));

fn is_credit(bare: &str) -> bool {
    let mut tail = bare.len().saturating_sub(CREDIT_TAIL);
    while !bare.is_char_boundary(tail) {
        tail += 1;
    }
    if CREDIT_START.is_match(bare) || CREDIT_END.is_match(&bare[tail..]) {
        return true;
    }
    const CREDIT_WORDS: &[&str] = &["photo", "picture", "illustration", "video", "graphic"];
    let first = bare.split_whitespace().next().unwrap_or("").to_lowercase();
    if !CREDIT_WORDS.iter().any(|w| first.starts_with(w)) {
        return false;
    }
    let sentences: Vec<&str> = bare
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    !sentences.is_empty() && sentences.iter().all(|s| CREDIT_SENTENCE.is_match(s))
}

/// Recognises a site notice, giving the kind of furniture it is.
pub fn recognise(bare: &str) -> Option<FurnitureKind> {
    let words = word_count(bare);
    if GALLERY_COUNTER.is_match(bare) || is_legal_links(bare) || CONTACT.is_match(bare) {
        return Some(FurnitureKind::Interface);
    }
    let triggered = words <= NOTICE_WORDS && TRIGGERS.is_match(bare);
    if words <= CALL_WORDS && ((triggered && SUBSCRIBE.is_match(bare)) || FOLLOW.is_match(bare)) {
        return Some(FurnitureKind::Interface);
    }
    if words <= CALL_WORDS && (COMMENT_FORM.is_match(bare) || (triggered && DISQUS.is_match(bare)))
    {
        return Some(FurnitureKind::Interface);
    }
    if words <= CALL_WORDS && RELATED_LINK.is_match(bare) {
        return Some(FurnitureKind::Teaser);
    }
    if words <= CALL_WORDS && ends_in_label(bare) && LABELLED_TEASER.is_match(bare) {
        return Some(FurnitureKind::Teaser);
    }
    if triggered
        && (COOKIES.is_match(bare)
            || COPYRIGHT.is_match(bare)
            || (AFFILIATE.is_match(bare) && READER_PURCHASE.is_match(bare)))
    {
        return Some(FurnitureKind::Other);
    }
    if words <= NOTICE_WORDS && is_credit(bare) {
        return Some(FurnitureKind::Caption);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use FurnitureKind as K;

    fn all(kind: FurnitureKind, lines: &[&str]) {
        for line in lines {
            assert_eq!(recognise(line), Some(kind), "{line}");
        }
    }

    fn none(lines: &[&str]) {
        for line in lines {
            assert_eq!(recognise(line), None, "{line}");
        }
    }

    #[test]
    fn calls_to_subscribe() {
        all(
            K::Interface,
            &[
                "Subscribe to The Morning Ledger and never miss a story.",
                "Sign up for our daily briefing newsletter",
                "Sign Up for e-mail newsletters",
                "Get our weekly Harbour Business newsletter",
                "Want more recipes? Join the Kitchen Table newsletter.",
                "Plenty more where that came from. Sign up for The Daily Crumb to get the newsletter delivered to your inbox.",
                "Please fill the form to subscribe to our newsletter",
                "Thanks for signing up!",
                "Keep an eye on your inbox for the latest match reports.",
                "No spam, we promise. You can unsubscribe at any time.",
            ],
        );
        none(&[
            "Subscribers to the service pay $10 a month, the company said.",
            "Sign up for the vaccine trial opened on Monday in three cities.",
            "The company urged customers to subscribe to its newsletter for updates.",
            "Readers who sign up get the newsletter twice a week, Harlow said.",
        ]);
    }

    #[test]
    fn calls_to_follow() {
        all(
            K::Interface,
            &[
                "Follow Riverside Radio on Instagram, Facebook, Twitter and YouTube.",
                "Follow The Gazette on",
                "Like us on Facebook",
                "Follow @harbourdesk on Twitter for live updates",
            ],
        );
        none(&[
            "Follow the money",
            "Follow Marta Oyelaran on her journey across the Sahel.",
            "Find us on the corner of Main Street and Fifth.",
        ]);
    }

    #[test]
    fn cookie_affiliate_and_copyright_notices() {
        all(
            K::Other,
            &[
                "This website uses cookies to improve your experience while you navigate through the website.",
                "We use cookies to give you the best browsing experience.",
                "Some links are to online shops. If you click on one and make a purchase we may receive a small commission.",
                "Quillford may earn an affiliate commission if you purchase something through recommended links in this article.",
                "© 2021 Northgate Media Ltd. All rights reserved.",
                "All contents © 2020 The Lantern Group LLC. All rights reserved.",
                "This material may not be published, broadcast, rewritten, or redistributed.",
                "This document is subject to copyright. Apart from any fair dealing no part may be reproduced.",
            ],
        );
        none(&[
            "Bake the cookies for 12 minutes, then let the cookies cool on a rack.",
            "Regulators said the site set cookies without asking, breaking the law.",
            "The broker will earn a commission on each sale, the filing shows.",
            "The label said it reserved the rights to the band's early albums.",
        ]);
    }

    #[test]
    fn comment_forms() {
        all(
            K::Interface,
            &[
                "Save my name, email, and website in this browser for the next time I comment.",
                "Your email address will not be published. Required fields are marked *",
                "Notify me via e-mail if anyone answers my comment.",
                "Comments are closed.",
                "Please be mindful of our community standards.",
            ],
        );
        none(&["Comments from the minister drew criticism on Monday."]);
    }

    #[test]
    fn labelled_links_to_other_stories() {
        all(
            K::Teaser,
            &[
                "Related: Five signs your kettle needs descaling",
                "[Related: Inside the new harbour tunnel]",
                "READ MORE: Storm closes coastal roads",
                "Related post: Pickled beetroot recipe",
                "On Examplecity.com: Bus fares rise again",
                "Also on example.com Council approves new budget",
                "More articles from Tomas Ferreira",
                "Ferry strike ends after three days [PICTURES]",
                "Minister quits over expenses [LATEST]|",
            ],
        );
        none(&[
            "Related to the case, police said, were two earlier thefts.",
            "Read more slowly, the teacher told the class.",
            "She told reporters the file was marked [REDACTED] throughout.",
        ]);
    }

    #[test]
    fn photo_credits_and_gallery_counters() {
        all(
            K::Caption,
            &[
                "Image copyright Getty Images",
                "Image caption The singer has managed three tours this year",
                "Photo by Leona Brandt",
                "Photo illustration by The Ledger. Photo by Leona Brandt.",
                "FILE PHOTO: Traders on the floor of the exchange, November 18, 2019.",
                "A woman waits at a bus stop in Lima, Peru. (AP Photo/Jane Roe, File)",
                "Workers repair the bridge in Oslo. REUTERS/Kari Lund",
                "A cyclist rides past the plant. © Reuters / Ana Ruiz",
                "The first map of the moon's crust. (NASA/JPL-Caltech/ASU)",
                "2of4A shopper looks at extension cords in a hardware store.",
            ],
        );
        all(
            K::Interface,
            &["Image 1 of 23", "Image 1 of / 23", "1 / 23"],
        );
        none(&[
            "Photos from the scene showed flooded streets.",
            "Photo by photo, the exhibition tells the story of the strike.",
            "The vote was 1 of 3 held this year.",
            "Deliveries were 24.38 mln tonnes in 1985/86 (August/July).",
        ]);
    }

    #[test]
    fn legal_links_and_contact_lines() {
        all(
            K::Interface,
            &[
                "Terms of Service Privacy Notice",
                "Privacy Policy | Terms & Conditions",
                "Write to Ines Varga at ines.varga@example.com",
            ],
        );
        none(&[
            "Terms of the deal were not disclosed.",
            "Privacy",
            "Write to your MP at once, the campaign urged.",
        ]);
    }
}
