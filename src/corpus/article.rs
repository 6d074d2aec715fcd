//! The `Article` record every other layer reads: clean body, title, date and the
//! page furniture that was taken out of the body. Nothing here knows how an
//! article was parsed or how it is shown.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

pub use super::body::Body;

/// Where an article's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleSource {
    /// A headline line of a text file.
    Headline,
    /// A title or headline field of a JSON record.
    Field,
    /// Shortened from the first sentence of the body.
    Derived,
    /// Nothing to derive it from (an empty article).
    None,
}

/// Where an article's date came from, in decreasing order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A `date YYYY-MM-DD` marker at the top of a text file.
    Header,
    /// A date field of a JSON record.
    Field,
    /// A wire dateline such as `SANTIAGO 1996-12-05`.
    Dateline,
    /// Inferred from explicit dates in the text.
    Inferred,
    /// No date.
    None,
}

impl DateSource {
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::Field => "field",
            DateSource::Dateline => "dateline",
            DateSource::Inferred => "inferred",
            DateSource::None => "none",
        }
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Year,
}

/// A calendar date at a granularity: `2025-04-11`, `2025-04` or `2025`.
/// `start` is the first day of the period it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleDate {
    pub start: NaiveDate,
    pub granularity: Granularity,
}

impl ArticleDate {
    pub fn day(date: NaiveDate) -> Self {
        Self {
            start: date,
            granularity: Granularity::Day,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|start| Self {
            start,
            granularity: Granularity::Month,
        })
    }

    pub fn year(year: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|start| Self {
            start,
            granularity: Granularity::Year,
        })
    }

    /// The last day of the period this date names.
    pub fn end(&self) -> NaiveDate {
        match self.granularity {
            Granularity::Day => self.start,
            Granularity::Month => {
                let (y, m) = if self.start.month() == 12 {
                    (self.start.year() + 1, 1)
                } else {
                    (self.start.year(), self.start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(self.start)
            }
            Granularity::Year => {
                NaiveDate::from_ymd_opt(self.start.year(), 12, 31).unwrap_or(self.start)
            }
        }
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Day => write!(f, "{}", self.start.format("%Y-%m-%d")),
            Granularity::Month => write!(f, "{}", self.start.format("%Y-%m")),
            Granularity::Year => write!(f, "{}", self.start.format("%Y")),
        }
    }
}

impl Serialize for ArticleDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A kind of page furniture removed from a clipped article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// "Last update: 2 days ago", "Updated 3 hours ago".
    Updated,
    /// "4 min read".
    ReadingTime,
    /// "718 Views", "12 comments".
    Counter,
    /// A lone section label ("WORLD", "Russia") above or below the story.
    Section,
    /// "Share", "Tweet", "Follow us" and other interface words.
    Interface,
    /// A trailing headline of another story.
    Teaser,
    /// A photo caption ("... – Reuters").
    Caption,
    /// "Author: Sophia Brooks", "By Jane Doe".
    Byline,
    /// A trailing agency line ("Reuters").
    Agency,
    /// A dateline ("MOSCOW:").
    Dateline,
    /// A `date YYYY-MM-DD` marker.
    DateMarker,
    /// Readers' comments under the story: the thread's heading, the posts
    /// with their names and time stamps, reply and report links.
    Comments,
    /// Anything else recognised as not being the article's own text.
    Other,
}

impl FurnitureKind {
    pub fn name(self) -> &'static str {
        match self {
            FurnitureKind::Updated => "updated",
            FurnitureKind::ReadingTime => "reading_time",
            FurnitureKind::Counter => "counter",
            FurnitureKind::Section => "section",
            FurnitureKind::Interface => "interface",
            FurnitureKind::Teaser => "teaser",
            FurnitureKind::Caption => "caption",
            FurnitureKind::Byline => "byline",
            FurnitureKind::Agency => "agency",
            FurnitureKind::Comments => "comments",
            FurnitureKind::Dateline => "dateline",
            FurnitureKind::DateMarker => "date_marker",
            FurnitureKind::Other => "other",
        }
    }
}

/// One piece of removed furniture, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Furniture {
    pub kind: FurnitureKind,
    pub text: String,
}

/// A parsed, cleaned article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Stable identifier: the file stem, a record's own id, or `stem#N`.
    pub id: String,
    /// The file the article came from (`sample/NAME` for the bundled
    /// corpus), shared with the file's report.
    pub path: Arc<str>,
    pub title: String,
    pub title_source: TitleSource,
    pub date: Option<ArticleDate>,
    pub date_source: DateSource,
    /// Evidence for an inferred date (the text it was read from).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub date_evidence: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub dateline: Option<String>,
    /// The article's own text, paragraphs separated by a blank line, and
    /// what was removed from it: in memory, or kept in the store (see
    /// `Body`).
    pub body: Body,
    /// Everything else the input said about the article (unknown JSON fields,
    /// URL, relative update times).
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Article {
    /// The title whole: a title derived from the first sentence is
    /// shortened with "…" for screens; this gives the sentence (reading
    /// the body when it is kept in the store).
    pub fn whole_title(&self) -> std::borrow::Cow<'_, str> {
        match self.title_source {
            TitleSource::Derived => {
                std::borrow::Cow::Owned(super::plain::whole_derived_title(&self.body.read()))
            }
            _ => std::borrow::Cow::Borrowed(&self.title),
        }
    }

    /// The article's web address, when it has one (see `links`).
    pub fn url(&self) -> Option<&str> {
        super::links::article_url(self)
    }
}

/// A body's paragraphs.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// Number of words in a body.
pub fn word_count(body: &str) -> usize {
    body.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_at_their_granularity() {
        let d = ArticleDate::day(NaiveDate::from_ymd_opt(2025, 4, 11).unwrap());
        assert_eq!(d.to_string(), "2025-04-11");
        assert_eq!(ArticleDate::month(2025, 4).unwrap().to_string(), "2025-04");
        assert_eq!(ArticleDate::year(2025).unwrap().to_string(), "2025");
    }

    #[test]
    fn names_match_the_json_schema() {
        for kind in [
            FurnitureKind::ReadingTime,
            FurnitureKind::DateMarker,
            FurnitureKind::Teaser,
            FurnitureKind::Comments,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
        for source in [DateSource::Header, DateSource::Inferred, DateSource::None] {
            assert_eq!(serde_json::to_value(source).unwrap(), source.name());
        }
    }

    #[test]
    fn period_ends() {
        assert_eq!(
            ArticleDate::month(2024, 2).unwrap().end(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            ArticleDate::month(2025, 12).unwrap().end(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
        assert_eq!(
            ArticleDate::year(2025).unwrap().end(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
    }
}
