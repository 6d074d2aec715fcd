//! dossier: a terminal reader for folders of clipped news articles.
//!
//! Data flows one way: `corpus` (read and clean files) → `extract` (what an
//! article mentions) → `index` (questions over the whole corpus) → the two
//! faces, `tui` and `cli`. `store` keeps what was extracted and what the
//! reader did between runs.

pub mod cli;
pub mod corpus;
pub mod extract;
pub mod flat;
pub mod index;
pub mod library;
pub mod store;
pub mod text;
pub mod tui;
pub mod worker;
