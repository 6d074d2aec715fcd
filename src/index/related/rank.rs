//! How evidence becomes one score and readable reasons: word similarity,
//! shared entities and date proximity combined; phrases such as "same story
//! (78% text overlap)" or "shares Witkoff, Kushner; 1 day apart". Knows
//! nothing of how the evidence was found.

use chrono::NaiveDate;

/// Weight of shared entities against word similarity, when either report has
/// entities at all; without them the words decide alone.
const ENTITY_WEIGHT: f32 = 0.3;
/// How much more a same-day pair scores than one whose dates are far apart
/// or unknown. Closeness in time is evidence of one event; distance is not
/// evidence against it, because a clipped page's date is often the day it was
/// saved, or a day and month read the wrong way round, and a story followed
/// over months is still one story.
const CLOSE_BONUS: f32 = 0.5;
/// Days over which closeness in time fades: a week-old follow-up still
/// counts most of the way, one from last season hardly at all.
const DATE_SCALE_DAYS: f32 = 10.0;
/// Cosine from which wording is worth calling similar.
const SIMILAR_WORDING: f32 = 0.2;
/// How many names or words a reason lists before "and N more".
const LISTED: usize = 3;

/// 1 for the same day, falling towards `1 / (1 + CLOSE_BONUS)` as dates
/// part; that floor too when either date is unknown.
pub fn date_factor(a: Option<NaiveDate>, b: Option<NaiveDate>) -> f32 {
    let closeness = match (a, b) {
        (Some(a), Some(b)) => {
            let days = (a - b).num_days().unsigned_abs() as f32;
            (-days / DATE_SCALE_DAYS).exp()
        }
        _ => 0.0,
    };
    (1.0 + CLOSE_BONUS * closeness) / (1.0 + CLOSE_BONUS)
}

/// The combined score of a pair.
pub fn combine(cosine: f32, entity_similarity: f32, uses_entities: bool, date_factor: f32) -> f32 {
    let content = if uses_entities {
        (1.0 - ENTITY_WEIGHT) * cosine + ENTITY_WEIGHT * entity_similarity
    } else {
        cosine
    };
    content * date_factor
}

/// How two reports relate as duplicates, for the first reason.
pub enum Sameness {
    Identical,
    /// Same rewrite group, with the measured overlap when the pair was
    /// compared directly (a group can join two reports through a third).
    Rewrite(Option<f32>),
    Distinct,
}

/// Everything a reason is made from.
pub struct Evidence<'a> {
    pub sameness: Sameness,
    pub cosine: f32,
    pub shared_entities: Vec<&'a str>,
    pub shared_words: Vec<&'a str>,
    pub dates: (Option<NaiveDate>, Option<NaiveDate>),
}

/// Whether the reasons will list shared words (so they are worth finding):
/// only when nothing stronger explains the link.
pub fn words_worth_listing(sameness: &Sameness, cosine: f32, no_entities: bool) -> bool {
    matches!(sameness, Sameness::Distinct) && cosine < SIMILAR_WORDING && no_entities
}

/// Readable reasons, strongest first.
pub fn reasons(e: &Evidence) -> Vec<String> {
    let mut out = Vec::new();
    match e.sameness {
        Sameness::Identical => out.push("identical copy".to_string()),
        Sameness::Rewrite(Some(overlap)) => {
            out.push(format!("same story ({} text overlap)", percent(overlap)))
        }
        Sameness::Rewrite(None) => out.push("same story (rewrite of a copy)".to_string()),
        Sameness::Distinct if e.cosine >= SIMILAR_WORDING => {
            out.push(format!("similar wording ({})", percent(e.cosine)));
        }
        Sameness::Distinct if e.shared_entities.is_empty() && !e.shared_words.is_empty() => {
            out.push(format!("shares words {}", list(&e.shared_words)));
        }
        Sameness::Distinct => {}
    }
    if !e.shared_entities.is_empty() {
        out.push(format!("shares {}", list(&e.shared_entities)));
    }
    if let (Some(a), Some(b)) = e.dates {
        out.push(apart((a - b).num_days().unsigned_abs()));
    }
    out
}

fn percent(x: f32) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

fn list(items: &[&str]) -> String {
    let shown = items[..items.len().min(LISTED)].join(", ");
    match items.len().saturating_sub(LISTED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn apart(days: u64) -> String {
    match days {
        0 => "same day".to_string(),
        1 => "1 day apart".to_string(),
        2..=13 => format!("{days} days apart"),
        14..=59 => format!("{} weeks apart", days / 7),
        60..=729 => format!("{} months apart", days / 30),
        _ => format!("{} years apart", days / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2025, 4, d)
    }

    #[test]
    fn closer_dates_score_higher_and_distance_counts_as_unknown() {
        let same = date_factor(day(10), day(10));
        let near = date_factor(day(10), day(12));
        let far = date_factor(day(1), NaiveDate::from_ymd_opt(2025, 12, 1));
        let unknown = date_factor(day(1), None);
        assert!((same - 1.0).abs() < 1e-6);
        assert!(same > near && near > far);
        assert!((far - unknown).abs() < 1e-3, "{far} vs {unknown}");
        assert!(unknown > 0.5);
    }

    #[test]
    fn entities_count_only_when_present() {
        assert_eq!(combine(0.5, 0.0, false, 1.0), 0.5);
        assert!(combine(0.5, 1.0, true, 1.0) > combine(0.5, 0.0, true, 1.0));
    }

    #[test]
    fn reasons_read_like_a_person_wrote_them() {
        let e = Evidence {
            sameness: Sameness::Distinct,
            cosine: 0.05,
            shared_entities: vec!["Witkoff", "Kushner", "Ushakov", "Dmitriev"],
            shared_words: vec!["kremlin"],
            dates: (day(2), day(3)),
        };
        assert_eq!(
            reasons(&e),
            vec!["shares Witkoff, Kushner, Ushakov and 1 more", "1 day apart"]
        );
        let e = Evidence {
            sameness: Sameness::Rewrite(Some(0.784)),
            cosine: 0.6,
            shared_entities: vec![],
            shared_words: vec![],
            dates: (day(1), day(29)),
        };
        assert_eq!(
            reasons(&e),
            vec!["same story (78% text overlap)", "4 weeks apart"]
        );
        let e = Evidence {
            sameness: Sameness::Distinct,
            cosine: 0.08,
            shared_entities: vec![],
            shared_words: vec!["karelina", "ceasefire"],
            dates: (None, day(1)),
        };
        assert_eq!(reasons(&e), vec!["shares words karelina, ceasefire"]);
    }
}
