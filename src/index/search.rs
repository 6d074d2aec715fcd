//! The filter engine: evaluates a parsed `Query` over the whole corpus and
//! ranks what matches. A plain library call over shared, immutable data, so
//! it can run on any thread; it allocates only the result.
//!
//! Body words are kept once in a sorted vocabulary and every article holds
//! the sorted ids of its words, so a prefix is one contiguous id range and an
//! article's test is a binary search: memory grows with the text, not with
//! a copy of it.

use rustc_hash::{FxHashMap, FxHashSet};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::query::{Condition, Field, Query, ReaderMark};
use crate::corpus::Article;
use crate::text::{fold, fold_aligned, words};

/// Per-article searchable text.
struct DocText {
    title: String,
    author: String,
    source: String,
    /// Sorted, unique ids into `SearchIndex::vocab`.
    words: Box<[u32]>,
}

/// Everything the filter needs that does not change while the corpus is open.
pub struct SearchIndex {
    vocab: Vec<Box<str>>,
    docs: Vec<DocText>,
}

/// One article that matched, with its rank score (higher first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    /// Sum of the fuzzy title scores of the query's words; 0 when only the
    /// body, author or source matched.
    pub title_score: i64,
}

/// What a search returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// Best first: title matches by score, then the rest in corpus order.
    pub hits: Vec<Hit>,
    /// Articles dropped by a date term because they have no date.
    pub undated_hidden: usize,
}

/// Answers the entity terms (`person:`, `place:`, `org:`) of a query.
pub trait EntityFilter: Sync {
    /// Articles mentioning an entity of `field`'s kind whose name or alias
    /// matches `value`, as a sorted list of article indices; `None` when the
    /// corpus has no entity information.
    fn articles_matching(&self, field: Field, value: &str) -> Option<Vec<usize>>;

    /// Articles carrying a reader's mark (`is:` terms), sorted; `None` when
    /// no reader state is kept.
    fn articles_marked(&self, _mark: ReaderMark) -> Option<Vec<usize>> {
        None
    }
}

/// Why a valid query could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SearchError(pub String);

fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// A fuzzy match must be tight to count: scattered letters across a long
/// title match almost any short pattern, which would make the filter useless
/// on a large corpus. Up to five typed characters must match as one run; each
/// three more allow one more run (a skipped or mistyped letter). The score
/// puts the pattern found whole, and whole at the start of a word, first.
fn fuzzy(m: &SkimMatcherV2, text: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
    if pattern.is_empty() || text.is_empty() {
        return None;
    }
    m.fuzzy_match(text, pattern)?;
    let (score, idx) = m.fuzzy_indices(text, pattern)?;
    let runs = 1 + idx.windows(2).filter(|w| w[1] != w[0] + 1).count();
    let allowed = 1 + pattern.chars().count().saturating_sub(3) / 3;
    if runs > allowed {
        return None;
    }
    let mut bonus = 0;
    if runs == 1 {
        bonus += 1000;
        let starts_word = idx.first().is_some_and(|&first| {
            first == 0
                || text
                    .chars()
                    .nth(first - 1)
                    .is_some_and(|c| !c.is_alphanumeric())
        });
        if starts_word {
            bonus += 500;
        }
    }
    Some((score + bonus, idx))
}

impl SearchIndex {
    /// Builds the index in two passes over the text: the first collects the
    /// distinct words (a set per thread, merged), the second turns each
    /// article's words into sorted ids. No per-article word lists are kept
    /// as strings, so memory stays near the size of the vocabulary plus
    /// four bytes per distinct word of each article.
    pub fn build(articles: &[Article]) -> Self {
        let distinct: FxHashSet<Box<str>> = articles
            .par_iter()
            .fold(FxHashSet::default, |mut set: FxHashSet<Box<str>>, a| {
                let folded = fold(&a.body);
                for w in words(&folded) {
                    if !set.contains(w) {
                        set.insert(w.into());
                    }
                }
                set
            })
            .reduce(FxHashSet::default, |mut a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                big.extend(small);
                a = big;
                a
            });
        let mut vocab: Vec<Box<str>> = distinct.into_iter().collect();
        vocab.par_sort_unstable();
        let ids: FxHashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (&**w, i as u32))
            .collect();
        let docs = articles
            .par_iter()
            .map(|a| {
                let folded = fold(&a.body);
                let mut word_ids: Vec<u32> =
                    words(&folded).filter_map(|w| ids.get(w).copied()).collect();
                word_ids.sort_unstable();
                word_ids.dedup();
                DocText {
                    title: fold_aligned(&a.title),
                    author: a.author.as_deref().map(fold_aligned).unwrap_or_default(),
                    source: a.source.as_deref().map(fold_aligned).unwrap_or_default(),
                    words: word_ids.into_boxed_slice(),
                }
            })
            .collect();
        SearchIndex { vocab, docs }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The id range of vocabulary words starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let lo = self.vocab.partition_point(|w| &**w < prefix);
        let hi = lo + self.vocab[lo..].partition_point(|w| w.starts_with(prefix));
        lo as u32..hi as u32
    }

    fn exact_id(&self, word: &str) -> Option<u32> {
        self.vocab
            .binary_search_by(|w| (**w).cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    /// Runs `query` over the corpus. `articles` must be the slice the index
    /// was built from.
    pub fn search(
        &self,
        articles: &[Article],
        query: &Query,
        entities: Option<&dyn EntityFilter>,
    ) -> Result<SearchResult, SearchError> {
        let plan = Plan::new(self, query, entities)?;
        let outcomes: Vec<Outcome> = (0..self.docs.len())
            .into_par_iter()
            .map(|i| plan.evaluate(self, articles, i))
            .filter(|o| !matches!(o, Outcome::Miss))
            .collect();
        let undated_hidden = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Undated))
            .count();
        let mut hits: Vec<Hit> = outcomes
            .into_iter()
            .filter_map(|o| match o {
                Outcome::Hit(h) => Some(h),
                _ => None,
            })
            .collect();
        // Stable: equal scores keep corpus order.
        hits.sort_by_key(|h| std::cmp::Reverse(h.title_score));
        Ok(SearchResult {
            hits,
            undated_hidden,
        })
    }
}

/// A term prepared for evaluation against every article.
enum Prepared {
    /// A free word: fuzzy on title/author/source, or a body-word prefix.
    Text {
        pattern: String,
        range: std::ops::Range<u32>,
    },
    /// Fuzzy on one field.
    Fuzzy {
        field: Field,
        pattern: String,
    },
    /// Every word of the phrase must be in the body, then the folded phrase
    /// is looked for in the folded body.
    Phrase {
        ids: Option<Vec<u32>>,
        folded: String,
    },
    /// Articles (sorted) that an entity term selects.
    Articles(Vec<usize>),
    Date(super::query::DateRange),
}

struct Plan {
    terms: Vec<(bool, Prepared)>,
    /// One matcher for the whole search: building one per article costs
    /// more than most matches.
    matcher: SkimMatcherV2,
}

/// How one article fared against a plan.
enum Outcome {
    Hit(Hit),
    /// Every term held but a date term, for want of a date.
    Undated,
    Miss,
}

impl Prepared {
    /// Rough cost of testing one article, so cheap terms rule articles out
    /// before fuzzy matching and phrase scans run.
    fn cost(&self) -> u8 {
        match self {
            Prepared::Date(_) | Prepared::Articles(_) => 0,
            Prepared::Fuzzy { .. } | Prepared::Text { .. } => 1,
            Prepared::Phrase { .. } => 2,
        }
    }
}

impl Plan {
    fn new(
        index: &SearchIndex,
        query: &Query,
        entities: Option<&dyn EntityFilter>,
    ) -> Result<Plan, SearchError> {
        let mut terms = Vec::new();
        for term in &query.terms {
            let prepared = match &term.condition {
                Condition::Text(w) => {
                    let pattern = fold(w);
                    let first = words(&pattern).next().unwrap_or("").to_string();
                    Prepared::Text {
                        range: if first.is_empty() {
                            0..0
                        } else {
                            index.prefix_range(&first)
                        },
                        pattern,
                    }
                }
                Condition::Field(field @ (Field::Title | Field::Author | Field::Source), v) => {
                    let pattern = fold(v);
                    Prepared::Fuzzy {
                        field: *field,
                        pattern,
                    }
                }
                Condition::Field(field, v) => {
                    let found = entities.and_then(|e| e.articles_matching(*field, v));
                    match found {
                        Some(list) => Prepared::Articles(list),
                        None => {
                            return Err(SearchError(format!(
                                "{}: this corpus has no entity information",
                                field.name()
                            )));
                        }
                    }
                }
                Condition::Phrase(p) => {
                    let folded = fold(p);
                    let ids: Option<Vec<u32>> = words(&folded).map(|w| index.exact_id(w)).collect();
                    Prepared::Phrase { ids, folded }
                }
                Condition::Date(r) => Prepared::Date(*r),
                Condition::Is(mark) => match entities.and_then(|e| e.articles_marked(*mark)) {
                    Some(list) => Prepared::Articles(list),
                    None => {
                        return Err(SearchError(format!(
                            "is:{}: no reader state is kept for this corpus",
                            mark.name()
                        )));
                    }
                },
            };
            terms.push((term.negated, prepared));
        }
        terms.sort_by_key(|(_, p)| p.cost());
        Ok(Plan {
            terms,
            matcher: matcher(),
        })
    }

    fn evaluate(&self, index: &SearchIndex, articles: &[Article], i: usize) -> Outcome {
        let doc = &index.docs[i];
        let mut title_score = 0;
        // Set when an undated article fails a date term: it is counted as
        // hidden for want of a date if every other term holds.
        let mut undated = false;
        for (negated, term) in &self.terms {
            let (matched, score) = match term {
                Prepared::Text { pattern, range } => {
                    let m = &self.matcher;
                    if let Some((s, _)) = fuzzy(m, &doc.title, pattern) {
                        (true, s)
                    } else if fuzzy(m, &doc.author, pattern).is_some()
                        || fuzzy(m, &doc.source, pattern).is_some()
                    {
                        (true, 0)
                    } else {
                        (has_word_in(&doc.words, range), 0)
                    }
                }
                Prepared::Fuzzy { field, pattern } => {
                    let text = match field {
                        Field::Title => &doc.title,
                        Field::Author => &doc.author,
                        _ => &doc.source,
                    };
                    match fuzzy(&self.matcher, text, pattern) {
                        Some((s, _)) if *field == Field::Title => (true, s),
                        Some(_) => (true, 0),
                        None => (false, 0),
                    }
                }
                Prepared::Phrase { ids, folded } => {
                    let candidate = ids.as_ref().is_some_and(|ids| {
                        ids.iter().all(|id| doc.words.binary_search(id).is_ok())
                    });
                    (
                        candidate && fold(&articles[i].body).contains(folded.as_str()),
                        0,
                    )
                }
                Prepared::Articles(list) => (list.binary_search(&i).is_ok(), 0),
                Prepared::Date(range) => (
                    articles[i].date.as_ref().is_some_and(|d| range.overlaps(d)),
                    0,
                ),
            };
            if matched == *negated {
                if matches!(term, Prepared::Date(_)) && articles[i].date.is_none() {
                    undated = true;
                    continue;
                }
                return Outcome::Miss;
            }
            if !negated {
                title_score += score;
            }
        }
        if undated {
            return Outcome::Undated;
        }
        Outcome::Hit(Hit {
            article: i,
            title_score,
        })
    }
}

fn has_word_in(words: &[u32], range: &std::ops::Range<u32>) -> bool {
    if range.is_empty() {
        return false;
    }
    let at = words.partition_point(|&w| w < range.start);
    words.get(at).is_some_and(|&w| w < range.end)
}

/// Char indices of `title` that the query's words match, for highlighting.
pub fn title_highlights(query: &Query, title: &str) -> Vec<usize> {
    let folded = fold_aligned(title);
    let m = matcher();
    let mut out: Vec<usize> = Vec::new();
    for word in query.highlight_words() {
        let pattern = fold(word);
        if let Some((_, idx)) = fuzzy(&m, &folded, &pattern) {
            out.extend(idx);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleDate, DateSource, TitleSource};
    use crate::index::query::parse_query;
    use chrono::NaiveDate;

    fn article(title: &str, body: &str, date: Option<&str>) -> Article {
        Article {
            id: title.to_string(),
            path: String::new(),
            title: title.to_string(),
            title_source: TitleSource::Headline,
            date: date.map(|d| ArticleDate::day(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())),
            date_source: DateSource::Header,
            date_evidence: Vec::new(),
            author: None,
            source: Some("Wire".into()),
            dateline: None,
            body: body.to_string(),
            furniture: Vec::new(),
            metadata: Default::default(),
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            article(
                "Markets rally",
                "Stocks rose as Kushner spoke in Zürich.",
                Some("2025-04-11"),
            ),
            article(
                "Kushner visits Moscow",
                "The envoy arrived on Tuesday.",
                Some("2025-12-02"),
            ),
            article("Weather report", "Rain over the Red Square today.", None),
            article("Budget talks", "Nothing about anyone.", Some("2024-01-05")),
        ]
    }

    fn ids(articles: &[Article], q: &str) -> Vec<String> {
        let index = SearchIndex::build(articles);
        let query = parse_query(q).unwrap();
        index
            .search(articles, &query, None)
            .unwrap()
            .hits
            .iter()
            .map(|h| articles[h.article].id.clone())
            .collect()
    }

    #[test]
    fn title_matches_rank_before_body_matches() {
        let a = corpus();
        assert_eq!(
            ids(&a, "kushner"),
            ["Kushner visits Moscow", "Markets rally"]
        );
    }

    #[test]
    fn body_words_match_by_prefix_ignoring_case_and_accents() {
        let a = corpus();
        assert_eq!(ids(&a, "zurich"), ["Markets rally"]);
        assert_eq!(ids(&a, "ZÜR"), ["Markets rally"]);
        assert_eq!(ids(&a, "arriv"), ["Kushner visits Moscow"]);
        assert!(
            ids(&a, "rrived").is_empty(),
            "a body word must start with the term"
        );
    }

    #[test]
    fn terms_are_anded_and_exclusions_apply() {
        let a = corpus();
        assert_eq!(ids(&a, "kushner tuesday"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "kushner -moscow"), ["Markets rally"]);
        assert_eq!(ids(&a, "-kushner -rain").len(), 1);
    }

    #[test]
    fn phrases_match_the_body_exactly() {
        let a = corpus();
        assert_eq!(ids(&a, "\"red square\""), ["Weather report"]);
        assert!(ids(&a, "\"square red\"").is_empty());
        assert_eq!(ids(&a, "-\"red square\"").len(), 3);
    }

    #[test]
    fn fields_restrict_where_a_word_matches() {
        let a = corpus();
        assert_eq!(ids(&a, "title:kushner"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "source:wire").len(), 4);
        assert!(ids(&a, "author:wire").is_empty());
    }

    #[test]
    fn whole_words_rank_above_loose_matches() {
        let a = vec![
            article("Kyushu Electric issues bond", "", None),
            article("Envoy meets Kushner", "", None),
        ];
        assert_eq!(ids(&a, "kush"), ["Envoy meets Kushner"]);
        // A letter left out of the pattern still finds the title, after
        // the title that has the pattern whole.
        let a = vec![
            article("Envoy meets Kushner", "", None),
            article("The Kushnr typo", "", None),
        ];
        assert_eq!(
            ids(&a, "kushnr"),
            ["The Kushnr typo", "Envoy meets Kushner"]
        );
    }

    #[test]
    fn scattered_letters_do_not_count_as_a_fuzzy_match() {
        let a = vec![article("Knights usher in a new era", "", None)];
        assert!(ids(&a, "kushner").is_empty());
        let a = vec![article("Kushnr visit", "", None)];
        assert_eq!(ids(&a, "kushnr").len(), 1);
    }

    #[test]
    fn only_undated_articles_that_otherwise_match_count_as_hidden() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("date:2025 rain").unwrap();
        let r = index.search(&a, &q, None).unwrap();
        assert!(r.hits.is_empty());
        assert_eq!(
            r.undated_hidden, 1,
            "the undated weather report matches rain"
        );
        let q = parse_query("date:2025 kushner").unwrap();
        assert_eq!(index.search(&a, &q, None).unwrap().undated_hidden, 0);
    }

    #[test]
    fn dates_filter_and_count_undated_articles() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("date:2025").unwrap();
        let r = index.search(&a, &q, None).unwrap();
        assert_eq!(r.hits.len(), 2);
        assert_eq!(r.undated_hidden, 1);
        assert_eq!(ids(&a, "since:2025-06-01"), ["Kushner visits Moscow"]);
        assert_eq!(ids(&a, "until:2024"), ["Budget talks"]);
    }

    #[test]
    fn entity_terms_without_entity_information_are_an_error() {
        let a = corpus();
        let index = SearchIndex::build(&a);
        let q = parse_query("person:rubio").unwrap();
        let e = index.search(&a, &q, None).unwrap_err();
        assert!(e.0.contains("person:"));
    }

    #[test]
    fn highlights_point_at_title_chars() {
        let q = parse_query("kush").unwrap();
        assert_eq!(title_highlights(&q, "Visit by Kushner"), [9, 10, 11, 12]);
        assert!(title_highlights(&q, "Nothing here").is_empty());
    }
}
