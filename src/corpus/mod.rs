//! Turns paths into `Article`s: walking folders, reading text, JSON and JSON
//! Lines, cleaning clipped web text, and the embedded sample corpus. Knows
//! nothing of entities, indexes or screens.

pub mod article;
pub mod body;
pub mod clean;
pub mod json;
pub mod links;
pub mod load;
pub mod markdown;
pub mod plain;
pub mod problem;
pub mod read;
mod sample;
pub mod walk;

pub use article::{
    Article, ArticleDate, Body, DateSource, Furniture, FurnitureKind, Granularity, TitleSource,
    paragraphs, word_count,
};
pub use load::{
    Corpus, FileReport, FileStatus, LoadError, Outcome, Parsed, Reuse, content_hash, load_paths,
    load_paths_reusing, load_paths_with, load_sample,
};
pub use problem::FileError;
pub use walk::{LoadOptions, set_max_file_size};
