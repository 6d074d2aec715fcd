//! Drawing the reading view, the side panel, the timeline strip and the
//! entity browser. Pure functions of the state; text from articles was
//! sanitised when the rows were built, and body words are sanitised here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
use super::keys::{Action, Scope};
use super::wrap::truncate;
use crate::text::sanitize;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Two lines: a bar per period (the filter's share lit), then labels.
pub fn draw_timeline(frame: &mut Frame, app: &App, area: Rect) {
    let Some(timeline) = &app.timeline else {
        return;
    };
    if area.height < 2 || area.width < 10 || timeline.is_empty() {
        return;
    }
    let t = &app.theme;
    let width = area.width as usize;
    let focused = app.focus == Focus::Timeline;
    // A window of buckets that keeps the cursor in view.
    let offset = app.timeline_offset(width);
    // Under a filter the bars are the shown articles' counts; periods that
    // only hidden articles fall in keep a dim mark.
    let filtered = app.list.shown().len() < app.library.articles().len();
    let heights: &[u32] = if filtered {
        &app.timeline_share
    } else {
        &timeline.counts
    };
    let max = heights.iter().copied().max().unwrap_or(1).max(1);
    let mut bars: Vec<Span> = Vec::with_capacity(width);
    for b in offset..(offset + width).min(timeline.len()) {
        let count = timeline.counts[b];
        let share = app.timeline_share.get(b).copied().unwrap_or(0);
        let height = heights.get(b).copied().unwrap_or(0);
        let c = if height > 0 {
            BARS[((height as usize * 8).div_ceil(max as usize)).clamp(1, 8) - 1]
        } else if count > 0 {
            '·'
        } else {
            ' '
        };
        let mut style = if share > 0 { t.matched } else { t.dim };
        if focused && b == app.timeline_cursor {
            style = t.selected;
        }
        bars.push(Span::styled(c.to_string(), style));
    }
    let label = if focused {
        let value = timeline
            .query_value(app.timeline_cursor)
            .unwrap_or_default();
        let count = timeline
            .counts
            .get(app.timeline_cursor)
            .copied()
            .unwrap_or(0);
        let share = app
            .timeline_share
            .get(app.timeline_cursor)
            .copied()
            .unwrap_or(0);
        let enter = app.keys.key_or_unbound(Action::Open, Scope::Timeline);
        let leave = app
            .keys
            .key_or_unbound(Action::LeaveTimeline, Scope::Timeline);
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
            crate::index::timeline::Scale::Day => "day",
            crate::index::timeline::Scale::Week => "week",
            crate::index::timeline::Scale::Month => "month",
            crate::index::timeline::Scale::Year => "year",
        };
        format!("{first} – {last} · by {scale}")
    };
    let lines = vec![
        Line::from(bars),
        Line::styled(truncate(&label, width), if focused { t.key } else { t.dim }),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The entity browser, over the middle of the screen.
pub fn draw_browser(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let (Some(browser), Some(table)) = (&app.browser, app.library.entities_if_ready()) else {
        return None;
    };
    let t = &app.theme;
    let width = (area.width * 3 / 4).max(20).min(area.width);
    let height = (area.height * 3 / 4).max(5).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, popup);
    let title = format!(
        " Names {}/{} · {} filters · {} closes ",
        browser.matches.len(),
        table.entities.len(),
        app.keys.key_or_unbound(Action::Open, Scope::Browser),
        app.keys.key_or_unbound(Action::ClearFilter, Scope::Browser)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focused)
        .title(Span::styled(title, t.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return None;
    }
    let w = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", t.key),
        Span::raw(sanitize(&browser.input).into_owned()),
    ])];
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = if browser.selected >= browser.offset + rows {
        browser.selected + 1 - rows
    } else {
        browser.offset.min(browser.selected)
    };
    for (row, &e) in browser.matches.iter().enumerate().skip(offset).take(rows) {
        let entity = &table.entities[e];
        let style = if row == browser.selected {
            t.selected
        } else {
            Style::new()
        };
        let aliases = if entity.aliases.is_empty() {
            String::new()
        } else {
            format!("  also {}", entity.aliases.join(", "))
        };
        let text = format!(
            "{:<6} {:>5} art. {}{}",
            entity.kind.as_str(),
            entity.articles.len(),
            entity.name,
            aliases
        );
        let text = truncate(&sanitize(&text), w);
        let pad = w.saturating_sub(text.width());
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 2 + browser.input.width() as u16;
    (x < inner.right()).then_some(Position::new(x, inner.y))
}
