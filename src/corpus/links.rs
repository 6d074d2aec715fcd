//! An article's own web address: the `url` of a JSON record, or the one a
//! clipped page gives for itself. A page carries many links (share buttons,
//! related stories, reporters' profiles, tracking pixels), so only a line
//! that is nothing but an address (or one labelled as the page's address,
//! or a citation's "retrieved … from"), on a host that is no social network
//! or link shortener, counts; with several, the one whose path spells the
//! title's words wins, and none when nothing tells them apart. Addresses are
//! kept to printable characters, so one can never carry an escape sequence.

use super::Article;

/// Hosts whose links are never a story's own address: social networks,
/// link shorteners and sharing endpoints.
const NOT_ARTICLE_HOSTS: &[&str] = &[
    "t.co",
    "bit.ly",
    "buff.ly",
    "ow.ly",
    "tinyurl.com",
    "goo.gl",
    "twitter.com",
    "x.com",
    "facebook.com",
    "fb.me",
    "instagram.com",
    "linkedin.com",
    "pinterest.com",
    "reddit.com",
    "whatsapp.com",
    "wa.me",
    "t.me",
    "telegram.me",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "plus.google.com",
    "news.google.com",
];

/// File endings of things a page embeds rather than links to.
const EMBEDDED: &[&str] = &[
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".css", ".js", ".ico", ".mp3", ".mp4",
];

/// Labels a page's own address is introduced by, lower case, before a colon.
const LABELS: &[&str] = &[
    "url",
    "link",
    "source",
    "permalink",
    "canonical",
    "canonical url",
    "original",
    "original article",
    "original url",
    "read online",
    "web",
];

/// The article's address: a JSON record's `url` (or `link`) field, or one
/// found in the clipped page. Only `http` and `https` addresses of
/// printable characters are given.
pub fn article_url(a: &Article) -> Option<&str> {
    let url = a.metadata.get("url")?.as_str()?.trim();
    is_web_address(url).then_some(url)
}

/// Whether `s` is a whole `http(s)://` address with nothing a terminal
/// could take for a control sequence.
pub fn is_web_address(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !host(s).is_empty()
        && s.len() <= 2048
        && s.chars().all(is_url_char)
}

fn is_url_char(c: char) -> bool {
    !c.is_control() && !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`' | '\\')
}

/// The address a clipped page gives for itself, judged against its title.
pub fn page_url(text: &str, title: &str) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(url) = own_address(line.trim())
            && !found.contains(&url)
        {
            found.push(url);
        }
    }
    match found.len() {
        0 => None,
        1 => found.pop(),
        // Several: the one whose path spells the title; none when no path
        // does, rather than a guess that opens another story.
        _ => {
            let scored = found.into_iter().map(|u| (title_overlap(&u, title), u));
            let (score, url) = scored.max_by_key(|(s, _)| *s)?;
            (score >= 2).then_some(url)
        }
    }
}

/// The address a line gives as the page's own: the whole line, a labelled
/// one ("URL: …") or a citation's "retrieved … from …" at the line's end.
fn own_address(line: &str) -> Option<String> {
    let candidate = if let Some(at) = find_scheme(line) {
        let before = line[..at].trim();
        let label = before.trim_end_matches(':').trim().to_lowercase();
        let labelled = before.ends_with(':') && LABELS.contains(&label.as_str());
        let cited = before.to_lowercase().contains("retrieved") && label.ends_with(" from");
        if !(before.is_empty() || labelled || cited) {
            return None;
        }
        let rest = &line[at..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        // Nothing but closing punctuation may follow the address.
        if !rest[end..].trim().is_empty() {
            return None;
        }
        rest[..end].trim_end_matches(['.', ',', ';', ')', ']', '}', '!', '?', '\''])
    } else {
        return None;
    };
    (is_web_address(candidate) && is_story_link(candidate)).then(|| candidate.to_string())
}

/// The byte offset of the first `http://` or `https://` in `line`.
fn find_scheme(line: &str) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    let a = lower.find("http://");
    let b = lower.find("https://");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The address's host, lower case, without a `www.`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    host.strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(host)
}

/// Not a social network, a shortener or an embedded file, and a path to
/// something rather than a site's front page.
fn is_story_link(url: &str) -> bool {
    let host = host(url);
    if host.is_empty()
        || NOT_ARTICLE_HOSTS
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    {
        return false;
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    path.trim_matches('/').len() > 1 && !EMBEDDED.iter().any(|e| lower.ends_with(e))
}

/// How many of the title's words (three letters or more) the address's
/// path spells.
fn title_overlap(url: &str, title: &str) -> usize {
    let path = url.split_once("://").map_or(url, |(_, r)| r).to_lowercase();
    let path_words: Vec<&str> = path.split(|c: char| !c.is_alphanumeric()).collect();
    let mut seen: Vec<String> = Vec::new();
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if word.chars().count() >= 3 && !seen.contains(&word) && path_words.contains(&word.as_str())
        {
            seen.push(word);
        }
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_is_only_an_address_is_the_page_s_own() {
        let page = "Menu\nSections\nhttps://www.example.com/news/harbour-strike-ends-1234.php\n\n\
                    Harbour strike ends\n\nDock workers returned on Monday.";
        assert_eq!(
            page_url(page, "Harbour strike ends").as_deref(),
            Some("https://www.example.com/news/harbour-strike-ends-1234.php")
        );
    }

    #[test]
    fn links_inside_sentences_and_social_links_are_not() {
        let page = "Reach the reporter at http://twitter.com/someone\n\
                    Follow our coverage at https://news.example.com/brexit\n\
                    https://t.co/XPxUJuyIAC\n\
                    <img src=\"http://pixel.example.com/p?c=1\">\n\
                    https://cdn.example.com/photo.jpg\n\
                    https://www.example.com/";
        assert_eq!(page_url(page, "Anything"), None);
    }

    #[test]
    fn of_several_addresses_the_one_spelling_the_title_wins() {
        let page = "Burks scores 29 as Warriors win\n\
                    https://www.example.com/sport/burks-scores-29-as-warriors-win-111.php\n\n\
                    https://www.example.com/news/7-key-questions-heading-into-the-debate-222.php\n\n\
                    7 key questions heading into the debate";
        assert_eq!(
            page_url(page, "7 key questions heading into the debate").as_deref(),
            Some("https://www.example.com/news/7-key-questions-heading-into-the-debate-222.php")
        );
        // Two addresses and a title neither spells: no guess.
        let page = "https://a.example.com/x/123\nhttps://b.example.com/y/456\n";
        assert_eq!(page_url(page, "Harbour strike ends"), None);
    }

    #[test]
    fn labelled_and_cited_addresses_count() {
        assert_eq!(
            page_url("URL: https://example.com/a/story.", "x").as_deref(),
            Some("https://example.com/a/story")
        );
        let cite = "Citation: Astronauts would sleep (2019, November 18) retrieved 20 November \
                    2019 from https://phys.example.org/news/2019-11-astronauts.html";
        assert_eq!(
            page_url(cite, "x").as_deref(),
            Some("https://phys.example.org/news/2019-11-astronauts.html")
        );
        assert_eq!(
            page_url("See https://example.com/a/story for more", "x"),
            None
        );
    }

    #[test]
    fn addresses_with_control_characters_or_other_schemes_are_refused() {
        assert!(is_web_address("https://example.com/a"));
        assert!(!is_web_address("https://example.com/\u{1b}]52;c;AAAA\u{7}"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("file:///etc/passwd"));
        assert!(!is_web_address("https://"));
    }
}
