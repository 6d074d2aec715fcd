//! Questions over the whole corpus: the query language, the filter engine,
//! related reports and duplicate groups. Knows nothing of screens.

pub mod diff;
pub mod entities;
pub mod fuzzy;
pub mod listing;
pub mod query;
pub(crate) mod record;
pub mod related;
pub mod search;
pub mod story;
pub mod timeline;
pub mod view;

pub use listing::{ListError, ListRequest, Listing, Sort};
pub use query::{Query, QueryError, parse_query};
pub use search::{Hit, SearchIndex, SearchResult, title_highlights};
