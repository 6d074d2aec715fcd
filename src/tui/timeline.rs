//! The timeline strip above the list: a bar per period of the corpus's
//! dates, the filter's share lit, and a cursor that picks a period to
//! filter to. `TimelineState` holds the timeline the library made for the
//! strip's width (it comes with each listing), the shown articles' share
//! of each period and the cursor; `TimelineStrip` draws it.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
use super::keys::{Action, Scope};
use super::theme::Theme;
use super::wrap::truncate;
use crate::index::timeline::{Scale, Timeline};

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The strip's timeline, shares and cursor.
#[derive(Debug, Clone, Default)]
pub struct TimelineState {
    timeline: Option<Arc<Timeline>>,
    /// Per bucket, how many shown articles fall in it.
    share: Vec<u32>,
    /// The bucket under the cursor.
    pub(super) cursor: usize,
    /// The strip width the timeline was built for.
    pub(super) width: usize,
}

impl TimelineState {
    pub fn timeline(&self) -> Option<&Arc<Timeline>> {
        self.timeline.as_ref()
    }

    /// The bucket under the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn len(&self) -> usize {
        self.timeline.as_ref().map_or(0, |t| t.len())
    }

    /// Takes a listing's timeline and shares. A listing made without a
    /// timeline keeps the one there is, unless the strip has no width.
    pub(super) fn take(&mut self, timeline: Option<Arc<Timeline>>, share: Vec<u32>) {
        if timeline.is_some() || self.width == 0 {
            let fresh = match (&self.timeline, &timeline) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                (None, None) => false,
                _ => true,
            };
            if fresh {
                self.cursor = 0;
            }
            self.timeline = timeline;
        }
        self.share = share;
    }

    /// Forgets the timeline (a new corpus).
    pub(super) fn clear(&mut self) {
        self.timeline = None;
    }

    /// Moves the cursor by `delta` buckets, within the timeline.
    pub(super) fn move_by(&mut self, delta: isize) {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.len().saturating_sub(1));
    }

    /// The first bucket on a strip `width` columns wide: the window keeps
    /// the cursor in view.
    pub fn offset(&self, width: usize) -> usize {
        let len = self.len();
        if len <= width || width == 0 {
            0
        } else {
            self.cursor.saturating_sub(width - 1).min(len - width)
        }
    }

    /// Puts the cursor on the bucket `column` columns into a strip `width`
    /// wide, if there is one there.
    pub(super) fn click(&mut self, column: usize, width: usize) {
        let index = self.offset(width) + column;
        if index < self.len() {
            self.cursor = index;
        }
    }

    /// The filter value of the period under the cursor (`2025-03`).
    pub(super) fn value_at_cursor(&self) -> Option<String> {
        self.timeline
            .as_ref()
            .and_then(|t| t.query_value(self.cursor))
    }
}

/// Two lines: a bar per period (the filter's share lit), then the span
/// and scale, or the period under the cursor and the keys.
pub struct TimelineStrip<'a> {
    pub state: &'a TimelineState,
    /// Whether a filter hides some articles (the bars are then the shown
    /// articles' counts).
    pub filtered: bool,
    pub focused: bool,
    /// The keys that filter to the period and leave the strip.
    pub enter: String,
    pub leave: String,
    pub theme: &'a Theme,
}

impl Widget for TimelineStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let Some(timeline) = &state.timeline else {
            return;
        };
        if area.height < 2 || area.width < 10 || timeline.is_empty() {
            return;
        }
        let t = self.theme;
        let width = area.width as usize;
        let focused = self.focused;
        // A window of buckets that keeps the cursor in view.
        let offset = state.offset(width);
        // Under a filter the bars are the shown articles' counts; periods
        // that only hidden articles fall in keep a dim mark.
        let heights: &[u32] = if self.filtered {
            &state.share
        } else {
            &timeline.counts
        };
        let max = heights.iter().copied().max().unwrap_or(1).max(1);
        let mut bars: Vec<Span> = Vec::with_capacity(width);
        for b in offset..(offset + width).min(timeline.len()) {
            let count = timeline.counts[b];
            let share = state.share.get(b).copied().unwrap_or(0);
            let height = heights.get(b).copied().unwrap_or(0);
            let c = if height > 0 {
                BARS[((height as usize * 8).div_ceil(max as usize)).clamp(1, 8) - 1]
            } else if count > 0 {
                '·'
            } else {
                ' '
            };
            let mut style = if share > 0 { t.matched } else { t.dim };
            if focused && b == state.cursor {
                style = t.selected;
            }
            bars.push(Span::styled(c.to_string(), style));
        }
        let label = if focused {
            let value = timeline.query_value(state.cursor).unwrap_or_default();
            let count = timeline.counts.get(state.cursor).copied().unwrap_or(0);
            let share = state.share.get(state.cursor).copied().unwrap_or(0);
            let (enter, leave) = (&self.enter, &self.leave);
            let keys = format!("{enter} filters · {leave} leaves");
            // The keys always show: the counts give way first.
            [
                format!("{value}: {count} article(s), {share} shown · {keys}"),
                format!("{value} {share}/{count} · {keys}"),
                format!("{value} · {keys}"),
                format!("{value} {enter} filters, {leave} leaves"),
            ]
            .into_iter()
            .find(|l| l.width() <= width)
            .unwrap_or(keys)
        } else {
            let first = timeline
                .period(0)
                .map(|p| p.0.to_string())
                .unwrap_or_default();
            let last = timeline
                .period(timeline.len() - 1)
                .map(|p| p.1.to_string())
                .unwrap_or_default();
            let scale = match timeline.scale {
                Scale::Day => "day",
                Scale::Week => "week",
                Scale::Month => "month",
                Scale::Year => "year",
            };
            format!("{first} – {last} · by {scale}")
        };
        let lines = vec![
            Line::from(bars),
            Line::styled(truncate(&label, width), if focused { t.key } else { t.dim }),
        ];
        Paragraph::new(lines).render(area, buf);
    }
}

impl App {
    /// The timeline strip as it is drawn now.
    pub(super) fn timeline_strip(&self) -> TimelineStrip<'_> {
        TimelineStrip {
            state: &self.timeline,
            filtered: self.list.shown().len() < self.library.articles().len(),
            focused: self.focus == Focus::Timeline,
            enter: self.keys.key_or_unbound(Action::Open, Scope::Timeline),
            leave: self
                .keys
                .key_or_unbound(Action::LeaveTimeline, Scope::Timeline),
            theme: &self.theme,
        }
    }
}
