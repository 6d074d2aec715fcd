//! Who said what: direct quotes and reported speech, each with its speaker.
//!
//! A body is read a paragraph at a time. Quote marks pair up in order
//! (straight or curly, whichever way a typist turned them), and each quote
//! looks for its attribution in its own sentence: after it ("…,” Peskov
//! said), before it (Peskov was quoted as saying: “…”), or, for a quote that
//! stands alone, in the quote before it (a quote split by its attribution,
//! or a paragraph that goes on quoting). A sentence without quote marks is
//! reported speech when a speech verb has a person for its subject ("X said
//! that …", "…, X said", "according to X").
//!
//! The speaker is the person mention nearest the cue, with appositions
//! ("Witkoff, a long-time Trump ally, said") skipped and possessives
//! ("Trump's post") never taken. A pronoun goes to the last speaker in the
//! paragraph or the one before, else the nearest person mentioned before
//! it, and is flagged as inferred. Pure text work over the body and the
//! article's person mentions: linear in the body.

use serde::Serialize;

/// A person mention the quotes may be attributed to: where it is and which
/// entity it resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonMention {
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quote marks.
    Direct,
    /// "X said that …", "according to X".
    Reported,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The resolved person, when the speaker is a recognised mention.
    pub entity: Option<usize>,
    /// The speaker as written, or the name a pronoun was taken to mean.
    pub name: String,
    /// True when the text said "he" or "she" or nothing (a quote that
    /// continues the one before) and the person was inferred.
    pub inferred: bool,
}

/// One quote of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte offsets into the body of what was said (inside the marks for a
    /// direct quote).
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// The speech verb or phrase that attributes it ("said", "according
    /// to"); empty for a quote that continues the one before.
    pub cue: String,
    pub speaker: Option<Speaker>,
}

/// Verbs that attribute speech or writing.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "adds",
    "adding",
    "replied",
    "asked",
    "stated",
    "warned",
    "warns",
    "wrote",
    "writes",
    "noted",
    "explained",
    "insisted",
    "argued",
    "claimed",
    "declared",
    "remarked",
    "emphasised",
    "emphasized",
    "stressed",
    "announced",
    "indicated",
    "posted",
    "tweeted",
    "urged",
    "acknowledged",
    "admitted",
    "recalled",
    "responded",
    "continued",
    "according",
];

/// The cues that report speech without quote marks.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "warned",
    "warns",
    "stated",
    "insisted",
    "argued",
    "claimed",
    "declared",
    "stressed",
    "emphasised",
    "emphasized",
    "announced",
    "noted",
    "indicated",
    "remarked",
    "explained",
    "acknowledged",
    "admitted",
    "according",
];

/// Words that open a new clause after a quote.
const CLAUSE_OPENERS: &[&str] = &[
    "while", "whereas", "and", "but", "although", "though", "because", "as", "when", "after",
    "before", "since", "if", "which", "who", "where",
];

/// Words before a cue that make it passive ("is said to").
const PASSIVE: &[&str] = &["is", "was", "are", "were", "be", "been", "being"];

/// Direct quotes shorter than this many words are quoted terms ("a
/// “shadow fleet”") unless a speaker is found for them.
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// Every quote of `body`, in text order. `people` are the body's person
/// mentions in text order; `name_of` gives an entity's name.
pub fn find_quotes(
    body: &str,
    people: &[PersonMention],
    name_of: &dyn Fn(usize) -> String,
) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut last_speaker: Option<(Speaker, usize)> = None;
    // Which paragraph (not counting blank lines) gave the last speaker: a
    // speaker is remembered through one paragraph break only.
    let mut last_para = 0;
    let mut para_index = 0;
    let mut offset = 0;
    let ctx = Context {
        body,
        people,
        name_of,
    };
    for line in body.split_inclusive('\n') {
        let para = Paragraph::new(offset, line.trim_end_matches(['\n', '\r']));
        offset += line.len();
        if para.text.trim().is_empty() {
            continue;
        }
        para_index += 1;
        if para_index > last_para + 1 {
            last_speaker = None;
        }
        let before = last_speaker.as_ref().map(|(_, at)| *at);
        quotes.extend(para.direct_quotes(&ctx, &mut last_speaker));
        quotes.extend(para.reported(&ctx, &mut last_speaker));
        if last_speaker.as_ref().map(|(_, at)| *at) != before {
            last_para = para_index;
        }
    }
    quotes.sort_by_key(|q| q.start);
    quotes
}

struct Context<'a> {
    body: &'a str,
    people: &'a [PersonMention],
    name_of: &'a dyn Fn(usize) -> String,
}

/// A line of the body with its quote marks paired and its sentence ends
/// outside quotes.
struct Paragraph<'a> {
    text: &'a str,
    /// Byte offset of `text` in the body.
    start: usize,
    /// Pairs of quote mark offsets (in the body): open, close (the close
    /// mark's start).
    marks: Vec<(usize, usize)>,
    /// Offsets (in the body) just after each sentence end outside quotes.
    ends: Vec<usize>,
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

impl<'a> Paragraph<'a> {
    fn new(start: usize, text: &'a str) -> Self {
        let mut marks = Vec::new();
        let mut ends = Vec::new();
        let mut open: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_quote_mark(c) {
                match open.take() {
                    Some(o) => marks.push((start + o, start + i)),
                    None => open = Some(i),
                }
            } else if open.is_none() && matches!(c, '.' | '!' | '?') {
                let next = chars.peek().map(|&(_, n)| n);
                if next.is_none_or(char::is_whitespace) && !(c == '.' && ends_initials(&text[..i]))
                {
                    ends.push(start + i + c.len_utf8());
                }
            }
        }
        Paragraph {
            text,
            start,
            marks,
            ends,
        }
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The start of the sentence holding `at`: after the last sentence end
    /// before it.
    fn sentence_start(&self, at: usize) -> usize {
        self.ends
            .iter()
            .rev()
            .find(|&&e| e <= at)
            .copied()
            .unwrap_or(self.start)
    }

    /// The end of the sentence holding `at`.
    fn sentence_end(&self, at: usize) -> usize {
        self.ends
            .iter()
            .find(|&&e| e > at)
            .copied()
            .unwrap_or(self.end())
    }

    fn direct_quotes(&self, ctx: &Context, last: &mut Option<(Speaker, usize)>) -> Vec<Quote> {
        let body = ctx.body;
        let mut out: Vec<Quote> = Vec::new();
        // The sentence of the quote before and what attributed it.
        let mut previous: Option<(usize, String, Speaker)> = None;
        for (k, &(open, close)) in self.marks.iter().enumerate() {
            let inner_start = open + mark_len(body, open);
            let (start, end) = trim_span(body, inner_start, close);
            if start >= end {
                continue;
            }
            let words = body[start..end].split_whitespace().count();
            let after_end = close + mark_len(body, close);
            // The attribution after the quote runs to the sentence's end or
            // the next quote; before it, from the sentence's start or the
            // previous quote.
            let next_open = self.marks.get(k + 1).map(|m| m.0).unwrap_or(usize::MAX);
            let after = after_end..self.sentence_end(after_end).min(next_open);
            let prev_close = k
                .checked_sub(1)
                .map(|p| self.marks[p].1 + mark_len(body, self.marks[p].1))
                .unwrap_or(0);
            let before = self.sentence_start(open).max(prev_close)..open;

            let sentence = self.sentence_start(open);
            // A second quote in a sentence whose first is attributed has the
            // same speaker: "was “senseless” and “should never have
            // happened”".
            let same_sentence = previous
                .as_ref()
                .filter(|(s, _, _)| *s == sentence)
                .map(|(_, cue, speaker)| (cue.clone(), Some(speaker.clone())));
            // A quote that ends its sentence with a full stop, followed by a
            // capital, is followed by a new sentence, not by its attribution
            // ("“… to me.” He said he had …").
            let closed = body[start..end].ends_with('.')
                && body[after.clone()]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            let found = (!closed)
                .then(|| attribution_after(ctx, after.clone(), last))
                .flatten()
                .filter(|(_, s)| s.is_some() || same_sentence.is_none())
                // A speaker named between the two quotes of a sentence wins
                // over the first quote's.
                .or_else(|| {
                    attribution_before(ctx, before.clone(), last)
                        .filter(|(_, s)| s.is_some() || same_sentence.is_none())
                })
                .or(same_sentence);
            let quote = match found {
                Some((cue, speaker)) => Quote {
                    start,
                    end,
                    kind: QuoteKind::Direct,
                    cue,
                    speaker,
                },
                None => {
                    // A quote that opens its sentence and has no attribution
                    // goes on from the quote before it: the second half of a
                    // split quote, or a paragraph that keeps quoting.
                    let opens_sentence = body[before.clone()].trim().is_empty();
                    if let Some((s, _)) = last.as_ref().filter(|_| opens_sentence && words >= 2) {
                        let speaker = Speaker {
                            inferred: true,
                            ..s.clone()
                        };
                        out.push(Quote {
                            start,
                            end,
                            kind: QuoteKind::Direct,
                            cue: String::new(),
                            speaker: Some(speaker),
                        });
                        continue;
                    }
                    if words < MIN_UNATTRIBUTED_WORDS || !opens_sentence {
                        continue;
                    }
                    Quote {
                        start,
                        end,
                        kind: QuoteKind::Direct,
                        cue: String::new(),
                        speaker: None,
                    }
                }
            };
            if quote.speaker.is_none() && words < MIN_UNATTRIBUTED_WORDS {
                continue;
            }
            if let Some(s) = &quote.speaker {
                *last = Some((s.clone(), quote.end));
                previous = Some((sentence, quote.cue.clone(), s.clone()));
            }
            out.push(quote);
        }
        out
    }

    /// Reported speech in the sentences that hold no quote marks.
    fn reported(&self, ctx: &Context, last: &mut Option<(Speaker, usize)>) -> Vec<Quote> {
        let body = ctx.body;
        let mut out = Vec::new();
        let mut from = self.start;
        let mut bounds: Vec<usize> = self.ends.clone();
        if bounds.last() != Some(&self.end()) {
            bounds.push(self.end());
        }
        for to in bounds {
            let sentence = from..to;
            from = to;
            let quoted = self
                .marks
                .iter()
                .any(|&(o, c)| sentence.contains(&o) || sentence.contains(&c));
            if quoted || body[sentence.clone()].trim().is_empty() {
                continue;
            }
            if let Some(q) = reported_in(ctx, sentence, last) {
                if let Some(s) = &q.speaker {
                    *last = Some((s.clone(), q.end));
                }
                out.push(q);
            }
        }
        out
    }
}

/// Whether the word before a full stop is an initial or dotted initials
/// ("J", "U.S"), after which a sentence rarely ends.
fn ends_initials(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
        })
}

fn mark_len(body: &str, at: usize) -> usize {
    body[at..].chars().next().map_or(1, char::len_utf8)
}

/// `start..end` without surrounding whitespace and trailing commas.
fn trim_span(body: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let s = &body[start..end];
    start += s.len() - s.trim_start().len();
    let s = &body[start..end];
    end -= s.len() - s.trim_end_matches([' ', ',', '\t']).len();
    (start, end.max(start))
}

/// Words of `body[range]` with their offsets in the body.
fn words_in(body: &str, range: std::ops::Range<usize>) -> Vec<(usize, &str)> {
    let text = &body[range.clone()];
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '—' | '–'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            (
                range.start + (w.as_ptr() as usize - text.as_ptr() as usize),
                w,
            )
        })
        .collect()
}

fn is_cue(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    CUES.contains(&w.as_str())
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word.trim_matches(|c: char| !c.is_alphanumeric()),
        "he" | "she" | "He" | "She"
    )
}

/// The attribution right after a quote: a cue within its first words with
/// the speaker before it ("…,” Kremlin spokesman Dmitry Peskov said) or
/// after it ("…,” said Peskov).
fn attribution_after(
    ctx: &Context,
    window: std::ops::Range<usize>,
    last: &Option<(Speaker, usize)>,
) -> Option<(String, Option<Speaker>)> {
    let words = words_in(ctx.body, window.clone());
    // "…”, while X warned …" opens another clause: its verb is not this
    // quote's attribution.
    if words
        .first()
        .is_some_and(|(_, w)| CLAUSE_OPENERS.contains(&clean_cue(w).as_str()))
    {
        return None;
    }
    let (ci, &(cue_at, cue)) = words
        .iter()
        .enumerate()
        .take(8)
        .find(|(_, (_, w))| is_cue(w))?;
    let cue_word = clean_cue(cue);
    // Before the cue: a mention, a pronoun or a capitalised name.
    let lead = window.start..cue_at;
    if let Some(s) = speaker_in(ctx, lead.clone(), last, true) {
        return Some((cue_word, Some(s)));
    }
    // After it: "said Peskov", "said the Kremlin's spokesman Dmitry Peskov".
    let tail_end = words
        .get(ci + 6)
        .map_or(window.end, |&(at, _)| at)
        .min(window.end);
    let tail = cue_at + cue.len()..tail_end;
    let s = speaker_in(ctx, tail, last, false);
    Some((cue_word, s))
}

/// The attribution before a quote in its sentence: a cue with its subject
/// before it (Peskov was quoted as saying: “…”; Putin warned that … “…”).
fn attribution_before(
    ctx: &Context,
    window: std::ops::Range<usize>,
    last: &Option<(Speaker, usize)>,
) -> Option<(String, Option<Speaker>)> {
    let words = words_in(ctx.body, window.clone());
    // The cue nearest the quote: "When asked …, Peskov was quoted as
    // saying: “…”".
    let &(cue_at, cue) = words.iter().rev().find(|(_, w)| is_cue(w))?;
    let cue_word = clean_cue(cue);
    if cue_word == "according" {
        let tail = cue_at + cue.len()..window.end;
        return Some(("according to".into(), speaker_in(ctx, tail, last, false)));
    }
    let clause = window.start..cue_at;
    let speaker = subject_before(ctx, clause.clone(), last).or_else(|| named_subject(ctx, clause));
    Some((cue_word, speaker))
}

fn clean_cue(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Reported speech in one sentence without quote marks.
fn reported_in(
    ctx: &Context,
    sentence: std::ops::Range<usize>,
    last: &Option<(Speaker, usize)>,
) -> Option<Quote> {
    let body = ctx.body;
    let words = words_in(body, sentence.clone());
    // A verb of saying in the active voice: "is said to be" reports no one,
    // and "wrote the story" or "asked for more" need not report speech.
    let (ci, &(cue_at, cue)) = words.iter().enumerate().find(|&(i, (_, w))| {
        is_cue(w)
            && REPORTING.contains(&clean_cue(w).as_str())
            && !i
                .checked_sub(1)
                .is_some_and(|p| PASSIVE.contains(&clean_cue(words[p].1).as_str()))
    })?;
    let cue_word = clean_cue(cue);
    let cue_end = cue_at + cue.len();
    let (start, end, speaker, cue_word) = if cue_word == "according" {
        // "…, according to X." or "According to X, …".
        let to_end = words.get(ci + 1).filter(|(_, w)| *w == "to")?.0 + 2;
        let name_end = body[to_end..sentence.end]
            .find([',', '.'])
            .map_or(sentence.end, |i| to_end + i);
        let speaker = speaker_in(ctx, to_end..name_end, last, false)?;
        let (s, e) = if cue_at <= sentence.start + 1 + leading_space(body, sentence.clone()) {
            (name_end + 1, sentence.end)
        } else {
            (sentence.start, cue_at)
        };
        (s, e, speaker, "according to".to_string())
    } else if let Some(speaker) = end_attribution(ctx, &sentence, cue_at, last) {
        // "…, X said." — the clause before the comma is what was said.
        let comma = body[sentence.start..cue_at].rfind(',')? + sentence.start;
        (sentence.start, comma, speaker, cue_word)
    } else {
        let speaker = subject_before(ctx, sentence.start..cue_at, last)?;
        // Skip an addressee and "that": "told reporters that …".
        let mut s = cue_end;
        let rest = &body[cue_end..sentence.end];
        if let Some(i) = rest.find(" that ").filter(|&i| i < 40) {
            s = cue_end + i + " that ".len();
        }
        (s, sentence.end, speaker, cue_word)
    };
    let (start, end) = trim_span(body, start, end);
    let (start, end) = trim_end_stop(body, start, end);
    (body[start..end].split_whitespace().count() >= 3).then_some(Quote {
        start,
        end,
        kind: QuoteKind::Reported,
        cue: cue_word,
        speaker: Some(speaker),
    })
}

fn leading_space(body: &str, r: std::ops::Range<usize>) -> usize {
    let s = &body[r];
    s.len() - s.trim_start().len()
}

/// Without the sentence's final full stop.
fn trim_end_stop(body: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &body[start..end];
    (start, start + s.trim_end_matches(['.', ' ']).len())
}

/// "…, Kremlin spokesman Dmitry Peskov said." — a cue near the sentence's
/// end with its speaker between a comma and it.
fn end_attribution(
    ctx: &Context,
    sentence: &std::ops::Range<usize>,
    cue_at: usize,
    last: &Option<(Speaker, usize)>,
) -> Option<Speaker> {
    let body = ctx.body;
    let after = body[cue_at..sentence.end].split_whitespace().count();
    if after > 3 {
        return None;
    }
    let comma = body[sentence.start..cue_at].rfind(',')? + sentence.start;
    if body[comma..cue_at].split_whitespace().count() > 6 {
        return None;
    }
    speaker_in(ctx, comma + 1..cue_at, last, true)
}

/// The subject of a cue: the person mention nearest before it whose gap to
/// the cue is a few words ("Peskov was quoted as saying") or an apposition
/// between commas ("Witkoff, a long-time Trump ally, said"); a pronoun
/// right before it; never a possessive.
fn subject_before(
    ctx: &Context,
    clause: std::ops::Range<usize>,
    last: &Option<(Speaker, usize)>,
) -> Option<Speaker> {
    let body = ctx.body;
    let gap_words = |from: usize| body[from..clause.end].split_whitespace().count();
    // A pronoun just before the cue ("he said", "she has said").
    let words = words_in(body, clause.clone());
    for &(at, w) in words.iter().rev().take(3) {
        if is_pronoun(w) {
            return resolve_pronoun(ctx, at, last);
        }
    }
    let mentions = ctx
        .people
        .iter()
        .filter(|m| m.start >= clause.start && m.end <= clause.end)
        .filter(|m| !is_possessive(body, m.end));
    for m in mentions.collect::<Vec<_>>().into_iter().rev() {
        let gap = &body[m.end..clause.end];
        let close = !gap.contains(',') && gap_words(m.end) <= 4;
        // "Lena Holm criticised the plan and posted: …": a second verb of
        // the same subject.
        let coordinated =
            gap.trim_end().ends_with(" and") && !gap.contains(['.', ';']) && gap_words(m.end) <= 25;
        let apposition = gap.trim_start().starts_with(',') && gap.trim_end().ends_with(',');
        if close || apposition || coordinated {
            return Some(named(ctx, m));
        }
    }
    // "Marco Rubio has also weighed in, saying …": the person who opens the
    // clause (after at most a title) is its subject.
    ctx.people
        .iter()
        .find(|m| m.start >= clause.start && m.end <= clause.end)
        .filter(|m| !is_possessive(body, m.end))
        .filter(|m| body[clause.start..m.start].split_whitespace().count() <= 4)
        .map(|m| named(ctx, m))
}

/// The subject right before a cue when it is no recognised person: a short
/// noun phrase opening the clause, as written ("The US leader told …",
/// "Beijing warned …"). Only direct quotes take it: the quote marks say
/// someone spoke.
fn named_subject(ctx: &Context, clause: std::ops::Range<usize>) -> Option<Speaker> {
    // The last part of the clause that is not an aside ("however").
    let text = ctx.body[clause]
        .rsplit([',', ';', ':', '.'])
        .map(str::trim)
        .find(|part| {
            let mut words = part.split_whitespace();
            let first = words.next();
            first.is_some()
                && (words.next().is_some()
                    || first.is_some_and(|w| !w.chars().all(char::is_lowercase)))
        })?;
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // "…, while Beijing warned": the subject follows the clause's opener.
    if words
        .first()
        .is_some_and(|w| CLAUSE_OPENERS.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let fits = (1..=4).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || "-'’.".contains(c)));
    fits.then(|| Speaker {
        entity: None,
        name: words.join(" "),
        inferred: false,
    })
}

/// A speaker inside `range`: the mention nearest the cue (its end when
/// `before_cue`, its start otherwise), else a pronoun, else capitalised
/// words that read as a name.
fn speaker_in(
    ctx: &Context,
    range: std::ops::Range<usize>,
    last: &Option<(Speaker, usize)>,
    before_cue: bool,
) -> Option<Speaker> {
    let body = ctx.body;
    let mut inside = ctx
        .people
        .iter()
        .filter(|m| m.start >= range.start && m.end <= range.end)
        .filter(|m| !is_possessive(body, m.end));
    let nearest = if before_cue {
        inside.next_back()
    } else {
        inside.next()
    };
    if let Some(m) = nearest {
        return Some(named(ctx, m));
    }
    let words = words_in(body, range);
    if let Some(&(at, _)) = words.iter().find(|(_, w)| is_pronoun(w)) {
        return resolve_pronoun(ctx, at, last);
    }
    // An unrecognised name: one to three capitalised words, alone.
    let names: Vec<&str> = words
        .iter()
        .map(|(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = !names.is_empty()
        && names.len() <= 3
        && names
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    capitalised.then(|| Speaker {
        entity: None,
        name: names.join(" "),
        inferred: false,
    })
}

fn named(ctx: &Context, m: &PersonMention) -> Speaker {
    Speaker {
        entity: Some(m.entity),
        name: (ctx.name_of)(m.entity),
        inferred: false,
    }
}

fn is_possessive(body: &str, end: usize) -> bool {
    let rest = &body[end..];
    rest.starts_with("'s")
        || rest.starts_with("’s")
        || rest.starts_with('\'')
        || rest.starts_with('’')
}

/// "he" or "she" at `at`: the subject (first person named, not in a
/// possessive) of the nearest sentence before it that names one, in this
/// paragraph or the one before; else the last speaker.
fn resolve_pronoun(ctx: &Context, at: usize, last: &Option<(Speaker, usize)>) -> Option<Speaker> {
    let body = ctx.body;
    let from = paragraph_before_start(body, at);
    let mut ends: Vec<usize> = vec![from];
    let mut chars = body[from..at].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if matches!(c, '.' | '!' | '?' | '\n') && next.is_none_or(char::is_whitespace) {
            ends.push(from + i + c.len_utf8());
        }
    }
    ends.push(at);
    for w in ends.windows(2).rev() {
        let subject = ctx
            .people
            .iter()
            .filter(|m| m.start >= w[0] && m.end <= w[1])
            .find(|m| !is_possessive(body, m.end));
        // A sentence whose subject is itself "he" or "she" ("He told …
        // if Reagan sought …") speaks of the same person: look further back.
        let pronoun_first = words_in(body, w[0]..subject.map_or(w[1], |m| m.start))
            .iter()
            .any(|(_, word)| is_pronoun(word));
        if pronoun_first {
            continue;
        }
        if let Some(m) = subject {
            return Some(Speaker {
                inferred: true,
                ..named(ctx, m)
            });
        }
    }
    last.as_ref().map(|(s, _)| Speaker {
        inferred: true,
        ..s.clone()
    })
}

/// The start of the paragraph before the one holding `at`, blank lines
/// skipped.
fn paragraph_before_start(body: &str, at: usize) -> usize {
    let here = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = body[..here].trim_end();
    before.rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Person mentions of `names` wherever they occur in `body`, each name
    /// its own entity.
    fn people(body: &str, names: &[&str]) -> Vec<PersonMention> {
        let mut out = Vec::new();
        for (entity, name) in names.iter().enumerate() {
            for (start, _) in body.match_indices(name) {
                out.push(PersonMention {
                    start,
                    end: start + name.len(),
                    entity,
                });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    fn rows(body: &str, names: &[&str]) -> Vec<(String, String, bool, QuoteKind)> {
        let people = people(body, names);
        let owned: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let name_of = move |e: usize| owned[e].clone();
        find_quotes(body, &people, &name_of)
            .into_iter()
            .map(|q| {
                let (who, inferred) = q
                    .speaker
                    .map_or(("?".to_string(), false), |s| (s.name, s.inferred));
                (body[q.start..q.end].to_string(), who, inferred, q.kind)
            })
            .collect()
    }

    #[test]
    fn attribution_after_the_quote() {
        let body = "“The bridge will reopen in spring,” city engineer Ana Kovac said.";
        let got = rows(body, &["Ana Kovac"]);
        assert_eq!(
            got,
            [(
                "The bridge will reopen in spring".into(),
                "Ana Kovac".into(),
                false,
                QuoteKind::Direct
            )]
        );
    }

    #[test]
    fn speaker_after_the_cue_and_straight_quotes() {
        let body = "\"We have no money left for the roads,\" said Tomas Berg, the treasurer.";
        let got = rows(body, &["Tomas Berg"]);
        assert_eq!(got[0].1, "Tomas Berg");
    }

    #[test]
    fn a_split_quote_keeps_its_speaker() {
        let body = "The mayor Lena Holm spoke on Monday.\n\
            “There is no quick fix,” she said. “What we need is patience and money.”";
        let got = rows(body, &["Lena Holm"]);
        let quotes: Vec<_> = got.iter().filter(|r| r.3 == QuoteKind::Direct).collect();
        assert_eq!(quotes.len(), 2, "{got:?}");
        assert!(quotes.iter().all(|r| r.1 == "Lena Holm" && r.2), "{got:?}");
    }

    #[test]
    fn a_pronoun_skips_possessives() {
        let body = "Ahead of the vote, Ruth Adler criticised Omar Said's budget plan.\n\
            “They are wasting a whole year,” he said.";
        let got = rows(body, &["Ruth Adler", "Omar Said"]);
        let q = got.iter().find(|r| r.3 == QuoteKind::Direct).unwrap();
        assert_eq!((q.1.as_str(), q.2), ("Ruth Adler", true), "{got:?}");
    }

    #[test]
    fn a_paragraph_that_keeps_quoting() {
        let body = "“The next days are decisive,” Joan Park told reporters.\n\
            “I think we are getting very close to a deal.”";
        let got = rows(body, &["Joan Park"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1, "Joan Park");
        assert!(got[1].2);
    }

    #[test]
    fn an_apposition_is_skipped_for_the_subject() {
        let body = "Witold Nowak, a long-time ally of Eva Lind from the shipyard years, \
            said the union was a “force for good in the region”.";
        let got = rows(body, &["Witold Nowak", "Eva Lind"]);
        let q = got.iter().find(|r| r.3 == QuoteKind::Direct).unwrap();
        assert_eq!(q.1, "Witold Nowak");
    }

    #[test]
    fn a_pronoun_is_the_subject_of_the_sentence_before() {
        let body = "Nina Sato said the tax would stay. Before the vote, Paul Grant \
            accused rivals of blocking Ada Cole's reform. He warned that the coalition \
            could fall within a month.";
        let got = rows(body, &["Nina Sato", "Paul Grant", "Ada Cole"]);
        let q = got
            .iter()
            .find(|r| r.0.starts_with("the coalition"))
            .unwrap();
        assert_eq!((q.1.as_str(), q.2), ("Paul Grant", true), "{got:?}");
    }

    #[test]
    fn a_participle_cue_takes_the_clause_subject() {
        let body = "Deputy Mayor Ines Vidal has also weighed in on the plan, saying, \
            \"We will know within weeks whether it works.\"";
        let got = rows(body, &["Ines Vidal"]);
        assert_eq!(got[0].1, "Ines Vidal", "{got:?}");
    }

    #[test]
    fn initials_do_not_end_a_sentence() {
        let body = "Leo Brandt said the outcome would depend on U.S. support for the plan.";
        let got = rows(body, &["Leo Brandt"]);
        assert_eq!(
            got[0].0,
            "the outcome would depend on U.S. support for the plan"
        );
    }

    #[test]
    fn a_quote_paragraph_after_a_blank_line_keeps_the_speaker() {
        let body = "“We are close,” Joan Park told reporters.\n\n\
            “I think we are getting very close to a deal.”";
        let got = rows(body, &["Joan Park"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1, "Joan Park");
    }

    #[test]
    fn a_second_quote_in_the_sentence_has_the_same_speaker() {
        let body = "“We must act now,” Rosa Lind wrote, calling the delay “senseless” and \
            “a failure of leadership”.";
        let got = rows(body, &["Rosa Lind"]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|r| r.1 == "Rosa Lind"), "{got:?}");
    }

    #[test]
    fn the_cue_nearest_the_quote_attributes_it() {
        let body = "When asked about a summit between Ada Cole and Paul Grant, \
            Nina Sato was quoted as saying: “Maybe”.";
        let got = rows(body, &["Ada Cole", "Paul Grant", "Nina Sato"]);
        assert_eq!(got[0].0, "Maybe");
        assert_eq!(got[0].1, "Nina Sato");
    }

    #[test]
    fn a_coordinated_verb_keeps_its_subject() {
        let body = "A day later Omar Said criticised the strike on the port, and posted \
            on social media: \"Stop now!\"";
        let got = rows(body, &["Omar Said"]);
        assert_eq!(got[0].1, "Omar Said", "{got:?}");
    }

    #[test]
    fn a_sentence_after_a_closed_quote_is_not_its_attribution() {
        let body = "“We are leaving,” Joan Park told reporters. “I have offers open to me.” \
            He said Omar Said had called him twice.";
        let got = rows(body, &["Joan Park", "Omar Said"]);
        let q = got
            .iter()
            .find(|r| r.0.starts_with("I have offers"))
            .unwrap();
        assert_eq!(q.1, "Joan Park", "{got:?}");
    }

    #[test]
    fn passive_and_writing_verbs_report_no_speech() {
        let body = "Lena Holm is said to be interested in the role. \
            Lena Holm also wrote the original story for the series.";
        assert!(rows(body, &["Lena Holm"]).is_empty());
    }

    #[test]
    fn a_subject_that_is_no_recognised_person_is_kept_as_written() {
        let body = "The city's mayor said last month that she was “deeply worried” by the plan.";
        let got = rows(body, &[]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "The city's mayor");
        let body = "Harbour officials, however, said the ferry was “safe to sail”.";
        assert_eq!(rows(body, &[])[0].1, "Harbour officials");
        let body = "The council denied it, while Lisbon warned against “hasty steps”.";
        assert_eq!(rows(body, &[])[0].1, "Lisbon");
    }

    #[test]
    fn a_second_speaker_in_the_sentence_takes_the_second_quote() {
        let body = "The mayor told reporters she was “very angry”, while harbour chief \
            Ines Vidal warned that the port would not accept “endless delays”.";
        let got = rows(body, &["Ines Vidal"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, "The mayor");
        assert_eq!(got[1].1, "Ines Vidal");
    }

    #[test]
    fn a_chain_of_pronouns_goes_back_to_the_named_subject() {
        let body = "Committee chair Ada Cole said she would back the bill.\n\n\
            She told a luncheon the vote could slip if Paul Grant asked for changes.\n\n\
            However, she said she would prefer to keep the rates unchanged.";
        let got = rows(body, &["Ada Cole", "Paul Grant"]);
        let q = got
            .iter()
            .find(|r| r.0.starts_with("she would prefer"))
            .unwrap();
        assert_eq!(q.1, "Ada Cole", "{got:?}");
    }

    #[test]
    fn a_quoted_term_is_not_a_quote() {
        let body = "Tankers of the so-called “shadow fleet” were stopped at sea.";
        assert!(rows(body, &[]).is_empty());
    }

    #[test]
    fn reported_speech_with_that_and_at_the_end() {
        let body = "Finance Minister Karl Weber said that the deficit would shrink next year. \
            Prices will keep rising through the winter, Mia Ross told reporters.";
        let got = rows(body, &["Karl Weber", "Mia Ross"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "the deficit would shrink next year");
        assert_eq!(got[0].1, "Karl Weber");
        assert_eq!(got[0].3, QuoteKind::Reported);
        assert_eq!(got[1].0, "Prices will keep rising through the winter");
        assert_eq!(got[1].1, "Mia Ross");
    }

    #[test]
    fn according_to() {
        let body = "The plant will close in May, according to Ivo Petrov.";
        let got = rows(body, &["Ivo Petrov"]);
        assert_eq!(got[0].0, "The plant will close in May");
        assert_eq!(got[0].1, "Ivo Petrov");
    }

    #[test]
    fn a_sentence_without_a_person_subject_is_not_reported_speech() {
        let body = "Officials said the road would reopen on Friday.";
        assert!(rows(body, &[]).is_empty());
    }

    #[test]
    fn an_unrecognised_name_is_still_the_speaker() {
        let body = "\"No third country has the right to a veto,\" Tykhon said.";
        let got = rows(body, &[]);
        assert_eq!(got[0].1, "Tykhon");
    }

    #[test]
    fn quote_marks_typed_the_wrong_way_still_pair() {
        let body = "“Russia has to get moving,“ Lars Eck wrote on his platform.";
        let got = rows(body, &["Lars Eck"]);
        assert_eq!(got[0].0, "Russia has to get moving");
        assert_eq!(got[0].1, "Lars Eck");
    }
}
