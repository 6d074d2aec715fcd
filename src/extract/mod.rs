//! Finds what an article mentions: tokens, the entity tagger and its model,
//! alias resolution across the corpus, and date expressions. Pure functions
//! over text; no I/O beyond loading the embedded model.

pub mod dates;
pub mod entities;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod tokens;

use entities::Found;

/// The entity mentions the recogniser finds in a body of text, with the
/// words around them that alias resolution weighs.
pub fn recognise_entities(body: &str) -> Vec<Found> {
    ner::recognise(body)
        .into_iter()
        .map(|m| Found {
            kind: m.kind,
            start: m.start,
            end: m.end,
            role: entities::role_before(&body[..m.start]),
            before_government: entities::heads_government(&body[m.end..]),
            text: m.text,
        })
        .collect()
}
