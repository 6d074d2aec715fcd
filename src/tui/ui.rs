//! Layout and drawing. `fit` fits the state to the screen size (pane areas,
//! list window, scroll limits, the wrapped article, the side panel, title
//! highlights for the rows on screen) after input and before each frame,
//! by each pane's own `fit`; it does nothing proportional to the corpus.
//! `draw` then takes `&App`, lays out the areas and renders each pane's
//! widget: no search, sort or extraction. The list builds rows only for the
//! window on screen, so a frame costs the same for five articles or
//! 100,000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Areas, Focus, LIST_ROW_HEIGHT};
use super::config::SideWidth;
use super::popup::{Popup, PopupKind};

/// The side panel's share of a screen `width` columns wide when there is
/// room for three panes: as the config says, or (auto) as wide as its
/// widest row needs, between a quarter and about a third of the screen.
pub fn side_width(setting: SideWidth, width: u16, content: usize) -> u16 {
    let share = |p: u16| (u32::from(width) * u32::from(p) / 100) as u16;
    match setting {
        SideWidth::Auto => {
            let needed = u16::try_from(content + 2).unwrap_or(u16::MAX);
            needed.clamp(share(24), share(35))
        }
        SideWidth::Percent(p) => share(p),
        SideWidth::Columns(c) => c.min(width / 2),
    }
}

/// Splits the screen. Narrow screens drop the side panel, then show only
/// the focused pane. `side` is the side panel's width when all three show.
pub fn layout(area: Rect, focus: Focus, timeline: bool, side: u16) -> Areas {
    let [filter, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut areas = Areas {
        filter,
        status,
        ..Areas::default()
    };
    if main.width >= 100 {
        // The list and the reading view share what the side panel leaves.
        let [list, reader, side] = Layout::horizontal([
            Constraint::Fill(34),
            Constraint::Fill(44),
            Constraint::Length(side),
        ])
        .areas(main);
        (areas.list, areas.reader, areas.side) = (list, reader, side);
    } else if main.width >= 60 {
        let [list, right] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(main);
        areas.list = list;
        if focus == Focus::Side {
            areas.side = right;
        } else {
            areas.reader = right;
        }
    } else {
        match focus {
            Focus::Reader => areas.reader = main,
            Focus::Side => areas.side = main,
            _ => areas.list = main,
        }
    }
    // The timeline strip sits above the list when there is room for both.
    if timeline && areas.list.height >= 12 && areas.list.width >= 20 {
        let [strip, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(areas.list);
        areas.timeline = strip;
        areas.list = list;
    }
    areas
}

fn status_area(area: Rect) -> Rect {
    Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    }
}

/// Rows of the list pane's inside.
pub(super) fn inner_height(r: Rect) -> usize {
    r.height.saturating_sub(2) as usize
}

/// Fits the state to a screen of `area`: pane areas, the list window, the
/// wrapped article and its scroll limits, the side panel of the selected
/// article, and the highlights of the rows on screen. A new timeline width
/// asks for a new list (the timeline comes with it).
pub fn fit(app: &mut App, area: Rect) {
    app.screen = area;
    app.list.clamp_selection();
    app.request_view();
    let side = side_width(app.side_width, area.width, app.side.content_width());
    app.areas = layout(area, app.focus, app.has_dates, side);
    if app.focus == Focus::Timeline && app.areas.timeline.height == 0 {
        app.focus = Focus::List;
    }
    let strip = app.areas.timeline.width as usize;
    if strip > 0 && app.timeline.width != strip {
        app.timeline.width = strip;
        app.request_list();
    }

    let rows = (inner_height(app.areas.list) / LIST_ROW_HEIGHT).max(1);
    app.list.fit(rows, &app.library, &app.query);

    let width = app.areas.reader.width.saturating_sub(2) as usize;
    let article = app.current().map(|i| (i, &app.library.articles()[i]));
    app.reader
        .wrap(article, &app.library, width, &app.date_format);
    let visible = inner_height(app.areas.reader);
    app.refresh_find();
    app.scroll_to_match(visible);
    app.reader.clamp(visible);

    app.side.fit(inner_height(app.areas.side));
    let side = app.areas.side;
    if side.width >= 3 && side.height >= 3 && app.current().is_some() {
        let focused = app.focus == Focus::Side;
        let inside = app.theme.pane(String::new(), focused).inner(side);
        app.side.prepare_lines(inside, focused, &app.theme);
    }

    app.help.fit(area, &app.keys, &app.theme);

    if let Some(b) = app.browser.as_mut() {
        b.scroll_to_selection((area.height * 3 / 4).saturating_sub(3) as usize);
    }
    if let Some(p) = app.popup.as_mut() {
        let inside = Popup::area(area).height.saturating_sub(2) as usize;
        let per_row = if matches!(p.kind, PopupKind::Warnings(_)) {
            2
        } else {
            1
        };
        p.fit(inside / per_row);
    }
    if let Some(story) = app.story.as_mut() {
        story.fit(area, &app.theme);
    }
}

/// Draws the state: lays out the areas `fit` chose and renders each pane's
/// widget in its area, then what is open over them. Nothing here changes
/// the state or looks through the corpus.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let a = app.areas;
    let filter = app.filter_line();
    let mut cursor = filter.cursor(a.filter);
    frame.render_widget(filter, a.filter);
    frame.render_widget(app.list_pane(), a.list);
    frame.render_widget(app.reading_pane(), a.reader);
    frame.render_widget(app.side_pane(), a.side);
    frame.render_widget(app.timeline_strip(), a.timeline);
    let status = status_area(area);
    // On a one-row screen the filter bar takes the row.
    if status.y != a.filter.y {
        frame.render_widget(app.status_bar(), status);
    }
    if let Some(browser) = app.browser_popup() {
        cursor = browser.cursor(area).or(cursor);
        frame.render_widget(browser, area);
    }
    if let Some(popup) = app.popup_view() {
        frame.render_widget(popup, area);
    }
    if let Some(story) = app.story_popup() {
        frame.render_widget(story, area);
    }
    if let Some(help) = app.help_popup() {
        frame.render_widget(help, area);
    }
    if let Some(prompt) = app.prompt_bar()
        && status.height > 0
    {
        cursor = prompt.cursor(status).or(cursor);
        frame.render_widget(prompt, status);
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}
