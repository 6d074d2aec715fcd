//! The status bar on the bottom row: how many articles are shown, warning
//! counts, the order and fold, what is still being prepared in the
//! background, then the last message (or the selected related report's
//! reason, or the way back), and the focused pane's keys on the right.
//! `App::status_bar` gathers what it says (readiness flags and counts,
//! nothing proportional to the corpus); `StatusBar` lays it out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, Sort};
use super::keys::{Action, Scope};
use super::lists::Lister;
use super::side::SideRow;
use super::theme::Theme;
use super::wrap::truncate;
use crate::text::sanitize;

/// What the status bar says.
pub struct StatusBar<'a> {
    pub shown: usize,
    pub total: usize,
    /// " · 2 file warning(s) (w)", or empty.
    pub warnings: String,
    pub undated_hidden: usize,
    pub sort: Sort,
    /// Whether copies are folded into one row: `Some(true)` once the groups
    /// are found, `Some(false)` while the fold waits for them.
    pub folded: Option<bool>,
    /// What the background is still preparing.
    pub progress: Option<String>,
    /// The message, the selected related report's reason, or the way back.
    pub note: Option<String>,
    /// The keys of the pane in focus.
    pub hints: String,
    pub theme: &'a Theme,
}

impl StatusBar<'_> {
    fn counts(&self) -> String {
        format!(" {}/{} articles", self.shown, self.total)
    }

    /// The columns where the bar counts warnings (a click there lists
    /// them), if it does, for a bar drawn at `area`.
    pub fn warnings_columns(&self, area: Rect) -> Option<(u16, u16)> {
        if self.warnings.is_empty() {
            return None;
        }
        let start = area.x as usize + self.counts().width();
        let end = start + self.warnings.width();
        Some((start as u16, end.min(u16::MAX as usize) as u16))
    }
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let mut left = self.counts();
        left.push_str(&self.warnings);
        if self.undated_hidden > 0 {
            left.push_str(&format!(" · {} undated hidden", self.undated_hidden));
        }
        if self.sort != Sort::Relevance {
            left.push_str(&format!(" · by {}", self.sort.name()));
        }
        match self.folded {
            Some(true) => left.push_str(" · copies folded"),
            Some(false) => left.push_str(" · copies fold when groups are found…"),
            None => {}
        }
        if let Some(progress) = &self.progress {
            left.push_str(progress);
        }
        if let Some(note) = &self.note {
            left.push_str(note);
        }
        let hints = self.hints.as_str();
        let width = area.width as usize;
        let used = left.width();
        let line = if used + hints.len() < width {
            format!("{left}{}{hints}", " ".repeat(width - used - hints.len()))
        } else {
            truncate(&left, width)
        };
        Paragraph::new(line)
            .style(self.theme.status)
            .render(area, buf);
    }
}

impl App {
    /// The status bar as it reads now.
    pub fn status_bar(&self) -> StatusBar<'_> {
        let library = &self.library;
        // Inline lists (tests, scripts) build the index when first asked.
        let words_pending =
            matches!(self.lists.lister, Lister::Worker(_)) && library.search_if_ready().is_none();
        let progress = if words_pending {
            Some(if self.lists.pending {
                " · indexing words… the list follows".to_string()
            } else {
                " · indexing words…".to_string()
            })
        } else if self.list.is_partial() {
            Some(" · searching…".to_string())
        } else if library.entities_if_ready().is_none() {
            let (done, total) = library.names_progress();
            Some(if total > 0 && done < total {
                format!(" · names {done}/{total}")
            } else if total > 0 {
                " · merging names…".to_string()
            } else {
                " · finding names…".to_string()
            })
        } else if library.related_if_ready().is_none() {
            Some(" · relating reports…".to_string())
        } else {
            None
        };
        StatusBar {
            shown: self.list.shown().len(),
            total: library.articles().len(),
            warnings: self.warning_counts(),
            undated_hidden: self.list.undated_hidden(),
            sort: self.sort,
            folded: self
                .collapse_groups
                .then(|| library.related_if_ready().is_some()),
            progress,
            note: self.status_note(),
            hints: self.keys.hints(match self.focus {
                Focus::Filter => Scope::Filter,
                Focus::Timeline => Scope::Timeline,
                _ => Scope::Browse,
            }),
            theme: &self.theme,
        }
    }

    /// The message, else the reason of the related report selected in
    /// the side panel, else the titles history goes back to.
    fn status_note(&self) -> Option<String> {
        let selected_reason = match self.side.selected_row() {
            Some(SideRow::Related { reason, .. }) if self.focus == Focus::Side => Some(reason),
            _ => None,
        };
        if let Some(m) = &self.message {
            return Some(format!(" · {}", sanitize(m)));
        }
        if let Some(reason) = selected_reason.filter(|r| !r.is_empty()) {
            return Some(format!(" · related: {}", sanitize(reason)));
        }
        let crumbs = self.breadcrumb();
        if crumbs.is_empty() {
            return None;
        }
        let tail: Vec<String> = crumbs
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(|c| truncate(&sanitize(c), 24))
            .collect();
        let more = if crumbs.len() > 2 { "… › " } else { "" };
        Some(format!(" · back: {more}{}", tail.join(" › ")))
    }

    /// The status bar's warning counts: " · 2 file warning(s) (w)".
    fn warning_counts(&self) -> String {
        let warnings_key = self.keys.first_key(Action::Warnings, Scope::Browse);
        let lists = warnings_key.map_or(String::new(), |k| format!(" ({k})"));
        let mut out = String::new();
        if self.problem_count > 0 {
            out.push_str(&format!(" · {} file warning(s){lists}", self.problem_count));
        }
        if !self.config_warnings.is_empty() {
            let n = self.config_warnings.len();
            out.push_str(&format!(" · {n} config warning(s){lists}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_columns_are_where_the_count_is_drawn() {
        let bar = StatusBar {
            shown: 12,
            total: 40,
            warnings: " · 2 file warning(s) (w)".into(),
            undated_hidden: 0,
            sort: Sort::Relevance,
            folded: None,
            progress: None,
            note: Some(" · saved".into()),
            hints: "q quit".into(),
            theme: &Theme::plain(),
        };
        let area = Rect::new(3, 0, 60, 1);
        let (start, end) = bar.warnings_columns(area).expect("a count to click");
        let mut buf = Buffer::empty(Rect::new(0, 0, 63, 1));
        bar.render(area, &mut buf);
        let drawn: String = (start..end).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(drawn, " · 2 file warning(s) (w)");
        let line: String = (0..63).map(|x| buf[(x, 0)].symbol()).collect();
        assert!(line.trim_end().ends_with("q quit"), "{line}");
    }
}
