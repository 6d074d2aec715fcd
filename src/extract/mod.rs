//! Finds what an article mentions: tokens, the entity tagger and its model,
//! alias resolution across the corpus, and date expressions. Pure functions
//! over text; no I/O beyond loading the embedded model.

pub mod dates;
pub mod ner;
pub mod tokens;
