//! Cleaning of clipped plain-text articles: the date marker, headline,
//! dateline, byline, agency line and page furniture are separated from the
//! article's own text. Pure functions over a string; the article's own
//! sentences are never altered, only whole lines, a leading dateline and the
//! date marker are taken out. Knows nothing of files, formats or entities.
//!
//! The work is split by question: `lines` (line shapes), `patterns` (what a
//! single furniture line says), `notices` (the site's own notices: calls to
//! subscribe or follow, cookie, affiliate and copyright lines, credits),
//! `authors` (author bios), `comments` (readers' comment threads), `head` (date marker, headline, dateline) and `layout` (teaser runs, where
//! the article's prose sits on the page).

mod authors;
mod comments;
mod head;
mod headline;
mod layout;
mod lines;
mod notices;
mod patterns;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_pages;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::article::{Furniture, FurnitureKind};
use lines::{Line, sentence_breaks, split_lines};
use patterns::{Meaning, Recognised};

/// What cleaning found in one plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanText {
    /// The headline line, when the text has one.
    pub headline: Option<String>,
    /// The date of a leading `date YYYY-MM-DD` marker.
    pub date: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// The article's own text, paragraphs separated by a blank line.
    pub body: String,
    pub furniture: Vec<Furniture>,
    /// Furniture that means something, by name (`updated`, `reading_time`, `views`, `section`).
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// What one line turned out to be.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Body,
    Headline,
    Furniture(FurnitureKind, Meaning),
}

/// Splits a clipped article into its own text and the furniture around it.
pub fn clean_text(raw: &str) -> CleanText {
    let mut out = CleanText::default();
    let mut text = raw;
    if let Some((date, marker, end)) = head::date_marker(raw) {
        out.date = Some(date);
        out.furniture.push(Furniture {
            kind: FurnitureKind::DateMarker,
            text: marker,
        });
        text = &raw[end..];
    }
    let text = lines::unwrap_paragraphs(text);
    let lines = split_lines(&text);
    let roles = assign_roles(&lines);
    collect(&lines, &roles, &text, &mut out);
    out
}

fn furniture(kind: FurnitureKind) -> Role {
    Role::Furniture(kind, Meaning::Nothing)
}

fn assign_roles(lines: &[Line<'_>]) -> Vec<Role> {
    let mut roles: Vec<Role> = lines.iter().map(line_role).collect();
    mark_author_bios(lines, &mut roles);
    mark_teasers(lines, &mut roles);
    // A commenter's signature is no byline of the story's.
    for i in comments::comment_lines(lines) {
        roles[i] = furniture(FurnitureKind::Comments);
    }
    let body: Vec<bool> = roles.iter().map(|r| *r == Role::Body).collect();
    let page = looks_like_page(lines, &roles);
    let mut top = headline::top_headline(lines, &body);
    if top.is_none() && !page {
        // A banner or a kicker may stand over a plain text's headline; its
        // byline or publication stamp under it still tells where it is. (A
        // bare date is no such sign: wire tables have "Record March 15".)
        let heads: Vec<bool> = roles
            .iter()
            .map(|r| {
                matches!(
                    r,
                    Role::Furniture(FurnitureKind::Byline | FurnitureKind::Updated, _)
                )
            })
            .collect();
        top = headline::headline_over_top_head(lines, &body, &heads).map(|headline| {
            headline::TopHeadline {
                section: None,
                headline,
            }
        });
    }
    if let Some(top) = top {
        if let Some(section) = top.section {
            roles[section] = furniture(FurnitureKind::Section);
        }
        roles[top.headline] = Role::Headline;
    }
    // Only a pasted page has menus and link lists to cut away; in plain
    // article text (wire copy, a saved story) short lines are the story's own
    // tables and lists.
    if page {
        mark_outside_span(lines, &mut roles, top.map(|t| t.headline));
        let candidate: Vec<bool> = roles.iter().map(|r| *r == Role::Body).collect();
        for i in layout::menu_runs(lines, &candidate, 4) {
            roles[i] = furniture(FurnitureKind::Other);
        }
    }
    roles
}

/// How many one-to-three-word lines (menu items, link labels, buttons) make
/// a text a pasted web page rather than an article's plain text.
const PAGE_SHORT_LINES: usize = 18;

/// Whether the text carries a web page's chrome: many very short lines
/// without figures, or several interface lines.
fn looks_like_page(lines: &[Line<'_>], roles: &[Role]) -> bool {
    let short = lines
        .iter()
        .filter(|l| lines::word_count(l.text) <= 3 && !l.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    let interface = roles
        .iter()
        .filter(|r| matches!(r, Role::Furniture(FurnitureKind::Interface, _)))
        .count();
    short >= PAGE_SHORT_LINES || interface >= 3
}

/// The role a line has on its own: a recognised furniture pattern, a lone
/// capitalised label in a bulleted metadata list, or (until shown otherwise) body.
fn line_role(line: &Line<'_>) -> Role {
    if let Some(Recognised { kind, meaning }) = patterns::recognise(line.bare) {
        return Role::Furniture(kind, meaning);
    }
    if line.bare.len() < line.text.len()
        && lines::is_all_caps(line.bare)
        && head::looks_like_section(line.bare)
    {
        return furniture(FurnitureKind::Section);
    }
    Role::Body
}

fn is_age(role: &Role) -> bool {
    matches!(role, Role::Furniture(_, Meaning::Age))
}

/// Marks the author's bio and the lone lines naming its subject as byline
/// furniture, the author being known from the page's bylines or from the
/// name standing alone.
fn mark_author_bios(lines: &[Line<'_>], roles: &mut [Role]) {
    let authors: Vec<String> = roles
        .iter()
        .filter_map(|r| match r {
            Role::Furniture(FurnitureKind::Byline, Meaning::Author(name)) => Some(name),
            _ => None,
        })
        .flat_map(|name| name.split([',', '&']).flat_map(|n| n.split(" and ")))
        .map(|n| n.trim().to_string())
        .filter(|n| n.contains(' '))
        .collect();
    let body: Vec<bool> = roles.iter().map(|r| *r == Role::Body).collect();
    for i in authors::author_bios(lines, &body, &authors) {
        roles[i] = furniture(FurnitureKind::Byline);
    }
}

fn mark_teasers(lines: &[Line<'_>], roles: &mut [Role]) {
    let known: Vec<bool> = roles.iter().map(|r| *r != Role::Body).collect();
    let age: Vec<bool> = roles.iter().map(is_age).collect();
    for i in layout::teaser_run(lines, &known, &age) {
        roles[i] = furniture(FurnitureKind::Teaser);
    }
}

/// Bylines and date lines.
fn stamps(lines: &[Line<'_>], roles: &[Role]) -> Vec<bool> {
    lines
        .iter()
        .zip(roles)
        .map(|(l, r)| {
            matches!(r, Role::Furniture(FurnitureKind::Byline, _)) || head::is_date_line(l.text)
        })
        .collect()
}

/// The lines that head a story: bylines, date lines, lines opening with a
/// date, update stamps and reading times.
fn head_stamps(lines: &[Line<'_>], roles: &[Role]) -> Vec<bool> {
    stamps(lines, roles)
        .into_iter()
        .zip(roles)
        .zip(lines)
        .map(|((s, r), l)| {
            s || head::is_dated_head(l.text)
                || matches!(
                    r,
                    Role::Furniture(FurnitureKind::Updated | FurnitureKind::ReadingTime, _)
                )
        })
        .collect()
}

/// Marks lines outside the span of running prose as furniture: menus, link
/// lists and footers of a pasted page. When the top of the text gave no
/// headline, one is looked for among the lines above the span.
fn mark_outside_span(lines: &[Line<'_>], roles: &mut [Role], top: Option<usize>) {
    let body: Vec<bool> = roles.iter().map(|r| *r == Role::Body).collect();
    let stamp = stamps(lines, roles);
    let weights = layout::weights(lines, &body, &stamp);
    let heads: Vec<bool> = head_stamps(lines, roles)
        .into_iter()
        .zip(roles.iter())
        .map(|(h, r)| h || *r == Role::Headline)
        .collect();
    let Some(span) = layout::story_span(&weights, &heads) else {
        return;
    };
    let (mut start, end) = span;
    let end = layout::closing_list(lines, &body, end);
    let mut headline = top;
    match top {
        // Under a headline at the top of a plain text, whatever precedes the
        // prose (a standfirst, a venue line) is the article's own.
        Some(h) if h < start => start = h + 1,
        Some(_) => {}
        None => {
            let bylines: Vec<bool> = roles
                .iter()
                .map(|r| matches!(r, Role::Furniture(FurnitureKind::Byline, _)))
                .collect();
            headline = headline::headline_over_head(lines, &body, &heads, &bylines, start)
                .or_else(|| headline::page_headline(lines, &body, start));
            if let Some(h) = headline {
                roles[h] = Role::Headline;
            }
        }
    }
    for i in (0..start).chain(end..lines.len()) {
        if roles[i] != Role::Body {
            continue;
        }
        let next_to_headline = headline.is_some_and(|h| i + 1 == h || i == h + 1);
        roles[i] = if next_to_headline && head::looks_like_section(lines[i].text) {
            furniture(FurnitureKind::Section)
        } else {
            furniture(FurnitureKind::Other)
        };
    }
}

/// Gathers roles into the cleaned record, taking the dateline off the first
/// body paragraph.
fn collect(lines: &[Line<'_>], roles: &[Role], text: &str, out: &mut CleanText) {
    let mut paragraphs: Vec<&str> = Vec::new();
    for (line, role) in lines.iter().zip(roles) {
        match role {
            Role::Body => {
                let mut para = line.text;
                if paragraphs.is_empty()
                    && let Some((dateline, end)) = head::dateline(para, text)
                {
                    out.furniture.push(Furniture {
                        kind: FurnitureKind::Dateline,
                        text: para[..end].trim().to_string(),
                    });
                    if out.source.is_none() {
                        out.source = agency_in_dateline(&dateline);
                    }
                    out.dateline = Some(dateline);
                    para = &para[end..];
                    if para.trim().is_empty() {
                        continue;
                    }
                }
                paragraphs.push(para);
            }
            Role::Headline => {
                if out.headline.is_none() {
                    out.headline = Some(line.text.to_string());
                } else {
                    paragraphs.push(line.text);
                }
            }
            Role::Furniture(kind, meaning) => {
                record_meaning(*kind, meaning, line, out);
                out.furniture.push(Furniture {
                    kind: *kind,
                    text: line.text.to_string(),
                });
            }
        }
    }
    out.body = paragraphs.join("\n\n");
}

fn record_meaning(kind: FurnitureKind, meaning: &Meaning, line: &Line<'_>, out: &mut CleanText) {
    let meta = &mut out.metadata;
    match meaning {
        Meaning::Updated(when) => {
            meta.entry("updated".into())
                .or_insert_with(|| when.clone().into());
        }
        Meaning::ReadingMinutes(n) => {
            meta.entry("reading_time".into())
                .or_insert_with(|| (*n).into());
        }
        Meaning::Views(n) => {
            meta.entry("views".into()).or_insert_with(|| (*n).into());
        }
        Meaning::Author(name) => {
            out.author.get_or_insert_with(|| name.clone());
        }
        Meaning::Source(Some(name)) => out.source = Some(name.clone()),
        Meaning::Source(None) | Meaning::Age | Meaning::Nothing => {}
    }
    if kind == FurnitureKind::Section {
        meta.entry("section".into())
            .or_insert_with(|| line.bare.to_string().into());
    }
}

/// "LONDON (Reuters)" → "Reuters".
fn agency_in_dateline(dateline: &str) -> Option<String> {
    let open = dateline.find('(')?;
    let close = dateline[open..].find(')')? + open;
    let inside = dateline[open + 1..close].trim();
    match patterns::recognise(inside) {
        Some(Recognised {
            meaning: Meaning::Source(Some(name)),
            ..
        }) => Some(name),
        _ => None,
    }
}

/// A title made from the first sentence of a body, shortened at a word boundary.
pub fn derive_title(body: &str, max_chars: usize) -> String {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sentence = sentence_breaks(first)
        .first()
        .map_or(first, |&end| &first[..end])
        .trim();
    if sentence.chars().count() <= max_chars {
        return sentence.to_string();
    }
    let mut out = String::new();
    for word in sentence.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = sentence.chars().take(max_chars).collect();
    }
    out.push('…');
    out
}
