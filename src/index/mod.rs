//! Questions over the whole corpus: the query language, the filter engine,
//! related reports and duplicate groups. Knows nothing of screens.

pub mod entities;
pub mod query;
pub mod related;
pub mod search;
pub mod timeline;

pub use query::{Query, QueryError, parse_query};
pub use search::{Hit, SearchIndex, SearchResult, title_highlights};
