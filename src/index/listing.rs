//! The article list as a screen or a script asks for it: one request (the
//! query text, the order, whether copies fold, how wide a timeline strip)
//! answered by one call with everything shown around the list: the rows, the
//! undated articles a date term hid, the folded groups' sizes and the
//! timeline's counts for the shown articles.
//!
//! A `ListCache` carried from one request to the next makes typing cheap: a
//! query that only types further what the last one had searches the last
//! one's candidates instead of the whole corpus (see `search::narrows`); one
//! that types an exclusion further searches again only the articles the
//! longer word could still exclude (see `search::widens`); the same query
//! asked again (for a strip of another width, or with copies folded) is not
//! searched again; and the timeline's buckets are kept, across strip widths
//! too when they give the same buckets.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::query::{Query, QueryError, parse_query};
use super::related::RelatedIndex;
use super::search::{
    Early, EntityFilter, SCORE_BUDGET, SearchError, SearchIndex, SearchResult, narrows, reach_of,
    widens,
};
use super::timeline::Timeline;
use crate::corpus::Article;

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first while filtering; corpus order otherwise.
    #[default]
    Relevance,
    /// Newest first; undated last.
    Date,
    Title,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
            Sort::Title => "title",
        }
    }

    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Date, Sort::Title];

    pub fn next(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Date,
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Relevance,
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        Sort::ALL
            .into_iter()
            .find(|o| o.name() == s)
            .ok_or_else(|| format!("unknown order {s:?} (relevance, date, title)"))
    }
}

/// What the list should show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRequest {
    /// The filter bar's text (the query language).
    pub query: String,
    pub sort: Sort,
    /// One row per group of copies and rewrites (once the groups are found).
    pub fold_copies: bool,
    /// Buckets of the timeline strip; 0 for no timeline.
    pub timeline_width: usize,
}

/// The list for one request.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub query: Query,
    /// Article indices in list order.
    pub rows: Vec<usize>,
    /// Articles a date term hid for want of a date.
    pub undated_hidden: usize,
    /// Whether copies were folded (asked for, and the groups are found).
    pub folded: bool,
    /// For a folded group's row: how many reports it stands for.
    pub group_sizes: HashMap<usize, usize>,
    /// The corpus on a time line, with how many shown articles fall in
    /// each bucket.
    pub timeline: Option<Arc<Timeline>>,
    pub timeline_shown: Vec<u32>,
    /// What a long search has found so far; the whole list follows.
    pub partial: bool,
}

/// Why a list could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("names are still being found; the list follows when ready")]
    NamesNotReady,
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl ListError {
    /// A newer request replaced this one before it finished.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, ListError::Search(SearchError::Cancelled))
    }
}

/// What one request leaves for the next.
#[derive(Default)]
pub struct ListCache {
    last: Option<LastSearch>,
    timeline: Option<KeptTimeline>,
}

/// The timeline for a strip width, and each article's bucket in it
/// (`u32::MAX` for none), so counting the shown articles is a lookup.
struct KeptTimeline {
    width: usize,
    /// The first and last day of the dated articles; `None` when none is
    /// dated. A strip of another width whose frame (see
    /// `Timeline::frame`) is the same keeps the timeline and the buckets.
    span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    timeline: Option<Arc<Timeline>>,
    buckets: Vec<u32>,
}

/// The last search: its query, the marks it was made under, what it found
/// and how far each of its terms may be typed and still be searched within
/// its base, or, for the exclusion it ends in, widened from its `widen` set
/// (see `search::narrows` and `search::widens`).
struct LastSearch {
    query: Query,
    marks: u64,
    result: Arc<SearchResult>,
    reach: Vec<usize>,
}

/// The parts of an opened corpus a list is made from.
pub struct ListSource<'a> {
    pub articles: &'a [Article],
    pub index: &'a SearchIndex,
    /// `None` while the names are still being found.
    pub entities: Option<&'a dyn EntityFilter>,
    /// `None` while the duplicate groups are still being found.
    pub related: Option<&'a RelatedIndex>,
    /// Changes when a reader's mark changes: a search made under other
    /// marks is not narrowed.
    pub marks_version: u64,
}

/// Answers `request`; `cancel` is looked at while the corpus is scanned.
pub fn list(
    source: &ListSource,
    request: &ListRequest,
    cache: &mut ListCache,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Result<Listing, ListError> {
    list_early(source, request, cache, cancel, None)
}

/// `list`, telling `early` (when given) the list of what a scan running
/// longer than its duration has found so far (`Listing::partial`), before
/// the whole answer.
pub fn list_early(
    source: &ListSource,
    request: &ListRequest,
    cache: &mut ListCache,
    cancel: &(dyn Fn() -> bool + Sync),
    early: Option<(Duration, &mut dyn FnMut(Listing))>,
) -> Result<Listing, ListError> {
    let query = parse_query(request.query.trim())?;
    if query.has_entity_terms() && source.entities.is_none() {
        return Err(ListError::NamesNotReady);
    }
    let timeline = timeline_for(source.articles, source.index, request.timeline_width, cache);
    let buckets = cache.timeline.as_ref().map(|kept| kept.buckets.as_slice());
    let shaped = |result: &SearchResult, partial: bool| {
        shape(source, request, &query, result, &timeline, buckets, partial)
    };
    let after = early.as_ref().map(|(after, _)| *after);
    let mut give = early.map(|(_, give)| move |part: &SearchResult| give(shaped(part, true)));
    let early: Early = after.zip(give.as_mut().map(|g| g as &mut dyn FnMut(&SearchResult)));
    let last = cache
        .last
        .as_ref()
        .filter(|last| last.marks == source.marks_version);
    // The same query again (for a strip of another width, or copies
    // folded): what it found stands.
    let same = last.filter(|last| last.query == query);
    let widened = last.and_then(|last| Some((last, widens(&last.query, &last.reach, &query)?)));
    let narrowed = last.and_then(|last| Some((last, narrows(&last.query, &last.reach, &query)?)));
    if let Some(last) = same {
        let result = Arc::clone(&last.result);
        return Ok(shaped(&result, false));
    }
    let (result, reach) = if let Some((last, reach)) = widened {
        let result = source.index.search_widening(
            source.articles,
            &query,
            source.entities,
            &last.result,
            cancel,
            early,
        )?;
        (result, reach)
    } else {
        let (within, reach) = match narrowed {
            Some((last, reach)) => (Some(Arc::clone(&last.result)), reach),
            None => (None, reach_of(&query)),
        };
        let result = source.index.search_within(
            source.articles,
            &query,
            source.entities,
            within.as_ref().map(|r| r.base.as_slice()),
            cancel,
            early,
        )?;
        (result, reach)
    };
    let result = Arc::new(result);
    cache.last = Some(LastSearch {
        query: query.clone(),
        marks: source.marks_version,
        result: Arc::clone(&result),
        reach,
    });
    // A newer request has come meanwhile: it may search within this
    // search, but this list would only be dropped.
    if cancel() {
        return Err(SearchError::Cancelled.into());
    }
    Ok(shaped(&result, false))
}

/// The list `result` gives: its rows in the order asked for, copies folded
/// when asked for, and the timeline's counts for the rows.
fn shape(
    source: &ListSource,
    request: &ListRequest,
    query: &Query,
    result: &SearchResult,
    timeline: &Option<Arc<Timeline>>,
    buckets: Option<&[u32]>,
    partial: bool,
) -> Listing {
    let mut rows = match request.sort {
        // What a partial list shows is replaced in a moment: fewer titles
        // are scored to order it.
        Sort::Relevance if partial => source
            .index
            .rank_with(query, &result.hits, SCORE_BUDGET / 8),
        Sort::Relevance => source.index.rank(query, &result.hits),
        Sort::Date => source.index.order_by(&result.hits, false),
        Sort::Title => source.index.order_by(&result.hits, true),
    };
    let mut group_sizes = HashMap::new();
    let folded = request.fold_copies && source.related.is_some();
    if let Some(related) = source.related.filter(|_| request.fold_copies) {
        let mut first_of: HashMap<usize, usize> = HashMap::new();
        rows.retain(|&i| match related.duplicate_group(i) {
            Some(g) => {
                let first = *first_of.entry(g.id).or_insert(i);
                *group_sizes.entry(first).or_default() += 1;
                first == i
            }
            None => true,
        });
        group_sizes.retain(|_, n| *n > 1);
    }
    let timeline_shown = match (timeline, buckets) {
        (Some(t), Some(buckets)) => {
            let mut counts = vec![0u32; t.len()];
            for &i in &rows {
                if let Some(c) = counts.get_mut(buckets[i] as usize) {
                    *c += 1;
                }
            }
            counts
        }
        _ => Vec::new(),
    };
    Listing {
        query: query.clone(),
        rows,
        undated_hidden: result.undated_hidden,
        folded,
        group_sizes,
        timeline: timeline.clone(),
        timeline_shown,
        partial,
    }
}

/// The corpus's timeline for a strip `width` buckets wide, built once per
/// width, and only once for widths whose buckets are the same: the side
/// panel's width follows the selected article, and the strip's with it.
fn timeline_for(
    articles: &[Article],
    index: &SearchIndex,
    width: usize,
    cache: &mut ListCache,
) -> Option<Arc<Timeline>> {
    if width == 0 {
        return None;
    }
    if let Some(kept) = &mut cache.timeline {
        if kept.width == width {
            return kept.timeline.clone();
        }
        let same = match (kept.span, &kept.timeline) {
            (None, None) => true,
            (Some((first, last)), Some(t)) => {
                let (scale, starts) = Timeline::frame(first, last, width);
                t.scale == scale && t.starts == starts
            }
            _ => false,
        };
        if same {
            kept.width = width;
            return kept.timeline.clone();
        }
    }
    let dates: Vec<_> = (0..articles.len()).map(|i| index.date(i)).collect();
    let built = Timeline::build(&dates, width).map(Arc::new);
    let days = dates.iter().flatten().map(|d| d.start);
    let span = days.clone().min().zip(days.max());
    let buckets = dates
        .iter()
        .map(|d| {
            d.and_then(|d| built.as_ref()?.bucket_of(d.start))
                .map_or(u32::MAX, |b| b as u32)
        })
        .collect();
    cache.timeline = Some(KeptTimeline {
        width,
        span,
        timeline: built.clone(),
        buckets,
    });
    built
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::search::tests::article;

    /// What a list is made from, with no names or groups found yet.
    fn source<'a>(articles: &'a [Article], index: &'a SearchIndex) -> ListSource<'a> {
        ListSource {
            articles,
            index,
            entities: None,
            related: None,
            marks_version: 0,
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            article(
                "Harbour strike ends",
                "Dock workers return.",
                Some("2025-01-02"),
            ),
            article("Budget vote", "The harbour fund grows.", None),
            article("Harbor pilots", "Pilots on strike.", Some("2025-03-01")),
            article("Weather", "Rain.", Some("2024-12-31")),
        ]
    }

    fn rows(articles: &[Article], request: &ListRequest, cache: &mut ListCache) -> Vec<String> {
        let index = SearchIndex::build(articles);
        let source = source(articles, &index);
        list(&source, request, cache, &|| false)
            .unwrap()
            .rows
            .iter()
            .map(|&i| articles[i].id.clone())
            .collect()
    }

    /// The whole list for `request`, and every list given before it by a
    /// search told to answer early at once.
    fn listed_early(
        source: &ListSource,
        request: &ListRequest,
        cache: &mut ListCache,
    ) -> (Listing, Vec<Listing>) {
        let mut early: Vec<Listing> = Vec::new();
        let mut give = |l: Listing| early.push(l);
        let whole = list_early(
            source,
            request,
            cache,
            &|| false,
            Some((Duration::ZERO, &mut give)),
        )
        .unwrap();
        (whole, early)
    }

    #[test]
    fn a_long_search_lists_what_it_has_found_so_far_first() {
        let articles: Vec<Article> = (0..24_000)
            .map(|i| {
                let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
                let word = ["harbour", "harbor", "hardware", "budget"][i % 4];
                article(&format!("{word} news {i}"), "Rain.", Some(&date))
            })
            .collect();
        let index = SearchIndex::build(&articles);
        let source = source(&articles, &index);
        for sort in Sort::ALL {
            let request = ListRequest {
                query: "har".into(),
                sort,
                fold_copies: false,
                timeline_width: 12,
            };
            let (whole, early) = listed_early(&source, &request, &mut ListCache::default());
            assert!(!whole.partial);
            let plain = list(&source, &request, &mut ListCache::default(), &|| false).unwrap();
            assert_eq!(whole.rows, plain.rows, "{sort:?}");
            assert_eq!(whole.timeline_shown, plain.timeline_shown);
            assert_eq!(early.len(), 1, "{sort:?}");
            let part = &early[0];
            assert!(part.partial);
            assert!(!part.rows.is_empty() && part.rows.len() < whole.rows.len());
            let listed: std::collections::HashSet<usize> = whole.rows.iter().copied().collect();
            assert!(part.rows.iter().all(|i| listed.contains(i)));
            let counted: u32 = part.timeline_shown.iter().sum();
            assert_eq!(
                counted as usize,
                part.rows.len(),
                "timeline counts the rows shown"
            );
        }
    }

    #[test]
    fn an_exclusion_typed_further_first_lists_what_it_has_decided() {
        let articles: Vec<Article> = (0..24_000)
            .map(|i| {
                let word = ["harbour", "harbor", "hardware", "budget"][i % 4];
                let body = ["Rain.", "Harsh winds.", "Hail."][i % 3];
                article(&format!("{word} news {i}"), body, None)
            })
            .collect();
        let index = SearchIndex::build(&articles);
        let source = source(&articles, &index);
        for sort in Sort::ALL {
            let mut cache = ListCache::default();
            for q in ["-h", "-ha", "-har", "-harb", "-harbo"] {
                let request = ListRequest {
                    query: q.into(),
                    sort,
                    fold_copies: false,
                    timeline_width: 0,
                };
                let (whole, early) = listed_early(&source, &request, &mut cache);
                let plain = list(&source, &request, &mut ListCache::default(), &|| false).unwrap();
                assert_eq!(whole.rows, plain.rows, "{q} {sort:?}");
                let listed: std::collections::HashSet<usize> = whole.rows.iter().copied().collect();
                assert_eq!(early.len(), 1, "a long scan answers early: {q} {sort:?}");
                for part in &early {
                    assert!(part.partial);
                    assert!(part.rows.len() < whole.rows.len(), "{q} {sort:?}");
                    assert!(part.rows.iter().all(|i| listed.contains(i)), "{q} {sort:?}");
                }
            }
        }
    }

    fn request(query: &str, sort: Sort) -> ListRequest {
        ListRequest {
            query: query.into(),
            sort,
            ..ListRequest::default()
        }
    }

    #[test]
    fn sorts_by_relevance_date_and_title() {
        let a = corpus();
        let mut cache = ListCache::default();
        assert_eq!(
            rows(&a, &request("harbo", Sort::Relevance), &mut cache),
            ["Harbour strike ends", "Harbor pilots", "Budget vote"]
        );
        assert_eq!(
            rows(&a, &request("", Sort::Date), &mut cache),
            [
                "Harbor pilots",
                "Harbour strike ends",
                "Weather",
                "Budget vote"
            ]
        );
        assert_eq!(
            rows(&a, &request("", Sort::Title), &mut cache),
            [
                "Budget vote",
                "Harbor pilots",
                "Harbour strike ends",
                "Weather"
            ]
        );
    }

    #[test]
    fn typing_further_gives_what_a_fresh_search_gives() {
        let a = corpus();
        let mut typed = ListCache::default();
        for q in [
            "h",
            "ha",
            "har",
            "harb",
            "harbo",
            "harbou",
            "harbour",
            "harbour s",
        ] {
            let narrowed = rows(&a, &request(q, Sort::Relevance), &mut typed);
            let fresh = rows(&a, &request(q, Sort::Relevance), &mut ListCache::default());
            assert_eq!(narrowed, fresh, "{q}");
        }
        // Going back to a shorter query searches everything again.
        assert_eq!(
            rows(&a, &request("h", Sort::Relevance), &mut typed),
            rows(
                &a,
                &request("h", Sort::Relevance),
                &mut ListCache::default()
            )
        );
    }

    #[test]
    fn a_match_split_in_two_runs_is_found_when_typed_letter_by_letter() {
        // "kushnr" may match in two runs ("k" + "ushnr"), but "ku" must
        // match as one: the title cannot be dropped while "ku" is typed.
        let a = vec![
            article("K ushnr files", "", None),
            article("Kushnr visit", "", None),
        ];
        let mut typed = ListCache::default();
        for q in ["k", "ku", "kus", "kush", "kushn", "kushnr"] {
            let narrowed = rows(&a, &request(q, Sort::Relevance), &mut typed);
            let fresh = rows(&a, &request(q, Sort::Relevance), &mut ListCache::default());
            assert_eq!(narrowed, fresh, "{q}");
        }
    }

    #[test]
    fn a_long_word_typed_letter_by_letter_gives_what_a_fresh_search_gives() {
        // Titles that a longer word matches in two or three runs only, and
        // bodies it matches by prefix: each must be found at every key,
        // however far the word is typed past the last full search.
        let a = vec![
            article("R aises ahead", "", None),
            article("Ra ises and falls", "", None),
            article("Rais es", "", None),
            article("Bank raises rates", "", None),
            article("Prices", "They raised rates.", None),
            article("Rxaxixsxexs", "", None),
            article("Fed raisesrates quietly", "", None),
            article("Rai ses rat es", "", None),
            article("Weather", "Rain.", None),
        ];
        for word in ["raisesrates", "raisessrates", "rainy", "kushner"] {
            for form in ["", "title:", "-", "weather -"] {
                let mut typed = ListCache::default();
                let chars: Vec<char> = word.chars().collect();
                for end in 1..=chars.len() {
                    let q = format!("{form}{}", chars[..end].iter().collect::<String>());
                    let narrowed = rows(&a, &request(&q, Sort::Relevance), &mut typed);
                    let fresh = rows(&a, &request(&q, Sort::Relevance), &mut ListCache::default());
                    assert_eq!(narrowed, fresh, "{q}");
                }
            }
        }
    }

    #[test]
    fn typing_an_exclusion_further_gives_what_a_fresh_search_gives() {
        let a = vec![
            article("Oil prices", "Crude fell.", None),
            article("Oilseed crop", "Rapeseed.", Some("2025-01-02")),
            article("O i l", "Nothing.", None),
            article("Coil springs", "Oily rags.", None),
            article("Harbour strike", "oi oi", Some("2025-03-01")),
            article("K ushnr files", "", None),
            article("Kushnr visit", "", None),
            article("Weather", "Rain.", None),
        ];
        for typed in [
            &[
                "-o", "-oi", "-oil", "-oils", "-oilse", "-oilsee", "-oilseed",
            ][..],
            &["harbour -o", "harbour -oi", "harbour -oil"],
            &[
                "date:2025 -o",
                "date:2025 -oi",
                "date:2025 -oil",
                "date:2025 -oils",
            ],
            &["-k", "-ku", "-kus", "-kush", "-kushn", "-kushnr"],
            &["-title:o", "-title:oi", "-title:oil"],
        ] {
            let mut cache = ListCache::default();
            for q in typed {
                let widened = rows(&a, &request(q, Sort::Relevance), &mut cache);
                let fresh = rows(&a, &request(q, Sort::Relevance), &mut ListCache::default());
                assert_eq!(widened, fresh, "{q}");
            }
        }
    }

    #[test]
    fn strips_of_any_width_in_turn_count_as_a_fresh_list_does() {
        // Dates over some years, so that the scale changes with the width.
        let a: Vec<Article> = (0..300)
            .map(|i| {
                let date = format!("{}-{:02}-{:02}", 2019 + i % 6, 1 + i % 12, 1 + i % 28);
                let word = ["harbour", "budget", "weather"][i % 3];
                article(&format!("{word} {i}"), "Rain.", Some(&date))
            })
            .collect();
        let index = SearchIndex::build(&a);
        let source = source(&a, &index);
        let mut cache = ListCache::default();
        for width in [40, 38, 40, 90, 3, 12, 13, 400, 2000, 60, 61, 40, 0, 7] {
            for query in ["", "harbour"] {
                let mut req = request(query, Sort::Date);
                req.timeline_width = width;
                let kept = list(&source, &req, &mut cache, &|| false).unwrap();
                let fresh = list(&source, &req, &mut ListCache::default(), &|| false).unwrap();
                assert_eq!(kept.timeline, fresh.timeline, "{width} {query:?}");
                assert_eq!(
                    kept.timeline_shown, fresh.timeline_shown,
                    "{width} {query:?}"
                );
                assert_eq!(kept.rows, fresh.rows);
            }
        }
        // No dated article: no timeline at any width.
        let undated: Vec<Article> = corpus()
            .into_iter()
            .map(|x| Article { date: None, ..x })
            .collect();
        let index = SearchIndex::build(&undated);
        let source = self::source(&undated, &index);
        let mut cache = ListCache::default();
        for width in [40, 12, 40] {
            let mut req = request("", Sort::Relevance);
            req.timeline_width = width;
            let l = list(&source, &req, &mut cache, &|| false).unwrap();
            assert!(l.timeline.is_none() && l.timeline_shown.is_empty());
        }
    }

    #[test]
    fn the_same_query_again_is_answered_without_searching() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let source = source(&a, &index);
        let mut cache = ListCache::default();
        let mut req = request("harbo -pilots", Sort::Relevance);
        list(&source, &req, &mut cache, &|| false).unwrap();
        for sort in Sort::ALL {
            req.sort = sort;
            req.timeline_width = 12;
            // A scan would see the cancel and give up; none is made.
            let again = list(&source, &req, &mut cache, &|| true).unwrap();
            let fresh = list(&source, &req, &mut ListCache::default(), &|| false).unwrap();
            assert_eq!(again.rows, fresh.rows, "{sort:?}");
            assert_eq!(again.timeline_shown, fresh.timeline_shown);
        }
        // Another query is searched.
        req.query = "harbo".into();
        assert!(list(&source, &req, &mut cache, &|| true).is_err());
    }

    #[test]
    fn a_cancelled_scan_says_so() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let source = source(&a, &index);
        let err = list(
            &source,
            &request("harbour", Sort::Relevance),
            &mut ListCache::default(),
            &|| true,
        )
        .unwrap_err();
        assert!(err.is_cancelled());
    }

    #[test]
    fn entity_terms_wait_for_the_names() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let source = source(&a, &index);
        let err = list(
            &source,
            &request("person:rubio", Sort::Relevance),
            &mut ListCache::default(),
            &|| false,
        )
        .unwrap_err();
        assert_eq!(err, ListError::NamesNotReady);
    }

    #[test]
    fn the_timeline_counts_the_shown_articles() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let source = source(&a, &index);
        let mut req = request("strike", Sort::Relevance);
        req.timeline_width = 40;
        let l = list(&source, &req, &mut ListCache::default(), &|| false).unwrap();
        let t = l.timeline.expect("dated articles make a timeline");
        assert_eq!(t.counts.iter().sum::<u32>(), 3);
        assert_eq!(l.timeline_shown.iter().sum::<u32>(), 2);
    }
}
