//! Questions over the whole corpus: the query language, the filter engine,
//! related reports and duplicate groups. Knows nothing of screens.

pub mod related;
