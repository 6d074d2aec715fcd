//! The corpus on a time line: dated articles counted per day, week or month,
//! the scale chosen from the corpus's span so the strip stays short. Undated
//! articles are left out; an article dated to a month or year counts in the
//! bucket holding the start of its period.

use chrono::{Datelike, Duration, NaiveDate};

use crate::corpus::ArticleDate;

/// How wide one bucket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Day,
    Week,
    Month,
    Year,
}

/// Counts per bucket over the corpus's dated span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub scale: Scale,
    /// First day of each bucket, in order.
    pub starts: Vec<NaiveDate>,
    /// Articles per bucket.
    pub counts: Vec<u32>,
}

fn bucket_start(scale: Scale, d: NaiveDate) -> NaiveDate {
    match scale {
        Scale::Day => d,
        Scale::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        Scale::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d),
        Scale::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

fn next_start(scale: Scale, d: NaiveDate) -> NaiveDate {
    let next = match scale {
        Scale::Day => d.succ_opt(),
        Scale::Week => d.checked_add_signed(Duration::days(7)),
        Scale::Month => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)
        }
        Scale::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
    };
    next.unwrap_or(NaiveDate::MAX)
}

impl Timeline {
    /// Builds a timeline of at most about `max_buckets` buckets.
    pub fn build(dates: &[Option<ArticleDate>], max_buckets: usize) -> Option<Timeline> {
        let days: Vec<NaiveDate> = dates.iter().flatten().map(|d| d.start).collect();
        let first = *days.iter().min()?;
        let last = *days.iter().max()?;
        let (scale, starts) = Timeline::frame(first, last, max_buckets);
        let mut timeline = Timeline {
            scale,
            counts: vec![0; starts.len()],
            starts,
        };
        for d in days {
            if let Some(b) = timeline.bucket_of(d) {
                timeline.counts[b] += 1;
            }
        }
        Some(timeline)
    }

    /// The scale and the buckets' first days of a timeline of at most
    /// about `max_buckets` buckets from day `first` to day `last`: the
    /// finest scale whose buckets fit; years always do. What `build` gives
    /// depends on the dates only through these and the counts, so a strip
    /// of another width whose frame is the same shows the same timeline.
    pub fn frame(first: NaiveDate, last: NaiveDate, max_buckets: usize) -> (Scale, Vec<NaiveDate>) {
        let max = max_buckets.max(1);
        for scale in [Scale::Day, Scale::Week, Scale::Month, Scale::Year] {
            let mut starts = Vec::new();
            let mut at = bucket_start(scale, first);
            while at <= last && (starts.len() <= max || scale == Scale::Year) {
                starts.push(at);
                at = next_start(scale, at);
            }
            if starts.len() <= max || scale == Scale::Year {
                return (scale, starts);
            }
        }
        (Scale::Year, Vec::new())
    }

    /// The bucket holding `day`.
    pub fn bucket_of(&self, day: NaiveDate) -> Option<usize> {
        let at = self.starts.partition_point(|s| *s <= day);
        (at > 0 && day < next_start(self.scale, self.starts[at - 1])).then(|| at - 1)
    }

    /// Counts of the given dates in these buckets (for a filter's share).
    pub fn count(&self, dates: impl Iterator<Item = ArticleDate>) -> Vec<u32> {
        let mut counts = vec![0; self.starts.len()];
        for d in dates {
            if let Some(b) = self.bucket_of(d.start) {
                counts[b] += 1;
            }
        }
        counts
    }

    /// The first and last day of a bucket.
    pub fn period(&self, bucket: usize) -> Option<(NaiveDate, NaiveDate)> {
        let start = *self.starts.get(bucket)?;
        let end = next_start(self.scale, start).pred_opt().unwrap_or(start);
        Some((start, end))
    }

    /// A bucket written as the query language writes it: `2025-04-11`,
    /// `2025-04-07..2025-04-13`, `2025-04`, `2025`.
    pub fn query_value(&self, bucket: usize) -> Option<String> {
        let (start, end) = self.period(bucket)?;
        Some(match self.scale {
            Scale::Day => start.format("%Y-%m-%d").to_string(),
            Scale::Week => format!("{}..{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
            Scale::Month => start.format("%Y-%m").to_string(),
            Scale::Year => start.format("%Y").to_string(),
        })
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<ArticleDate> {
        Some(ArticleDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn short_spans_count_per_day() {
        let t = Timeline::build(
            &[day(2025, 4, 11), None, day(2025, 4, 13), day(2025, 4, 13)],
            60,
        )
        .unwrap();
        assert_eq!(t.scale, Scale::Day);
        assert_eq!(t.counts, [1, 0, 2]);
        assert_eq!(t.query_value(2).unwrap(), "2025-04-13");
    }

    #[test]
    fn the_scale_follows_the_span() {
        let t = Timeline::build(&[day(2025, 1, 1), day(2025, 6, 30)], 60).unwrap();
        assert_eq!(t.scale, Scale::Week);
        assert_eq!(t.starts[0].weekday(), chrono::Weekday::Mon);
        assert_eq!(t.counts.iter().sum::<u32>(), 2);
        let (s, e) = t.period(0).unwrap();
        assert_eq!((e - s).num_days(), 6);
        assert!(t.query_value(0).unwrap().contains(".."));

        let t = Timeline::build(
            &[
                day(2020, 1, 5),
                day(2025, 12, 4),
                ArticleDate::month(2023, 3),
            ],
            100,
        )
        .unwrap();
        assert_eq!(t.scale, Scale::Month);
        assert_eq!(t.len(), 72);
        assert_eq!(t.query_value(0).unwrap(), "2020-01");
        assert_eq!(t.counts.iter().sum::<u32>(), 3);

        let t = Timeline::build(&[day(1900, 1, 1), day(2025, 1, 1)], 40).unwrap();
        assert_eq!(t.scale, Scale::Year);
    }

    #[test]
    fn buckets_never_outnumber_the_room() {
        for (days, room) in [(60, 60), (61, 60), (420, 60), (70, 10), (3000, 12)] {
            let first = NaiveDate::from_ymd_opt(2024, 1, 3).unwrap();
            let dates = [
                Some(ArticleDate::day(first)),
                Some(ArticleDate::day(first + Duration::days(days))),
            ];
            let t = Timeline::build(&dates, room).unwrap();
            assert!(
                t.len() <= room || t.scale == Scale::Year,
                "{days} days in {room}: {}",
                t.len()
            );
        }
    }

    #[test]
    fn shares_are_counted_in_the_same_buckets() {
        let dates = [day(2025, 4, 11), day(2025, 4, 12), day(2025, 4, 12)];
        let t = Timeline::build(&dates, 10).unwrap();
        let share = t.count(dates[1..2].iter().flatten().copied());
        assert_eq!(share, [0, 1]);
        assert!(Timeline::build(&[None, None], 10).is_none());
    }
}
