//! Building a line's spans without a string per character: text is
//! appended to the last span while the style stays the same, so a line is
//! as many spans as it has changes of style. `paint` draws lines as a
//! `Paragraph` does, with a short way for printable ASCII.

use std::borrow::Cow;

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::sanitize;

/// `sanitize`, without looking up every character when the text is
/// printable ASCII (which it never changes).
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Cow::Borrowed(s)
    } else {
        sanitize(s)
    }
}

/// The spans of one line, neighbours of one style joined.
#[derive(Debug, Default)]
pub struct Runs {
    spans: Vec<Span<'static>>,
}

impl Runs {
    pub fn with_capacity(n: usize) -> Runs {
        Runs {
            spans: Vec::with_capacity(n),
        }
    }

    /// Appends `text` in `style`, to the last span when it has that style.
    pub fn push(&mut self, style: Style, text: &str) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_string(), style)),
        }
    }

    /// Appends `text` in `style` as `push` does, but keeps it a span of its
    /// own where joining could change how the characters at the seam group
    /// into graphemes (anything but ASCII on either side), so the line
    /// draws exactly as one span a piece would.
    pub fn push_piece(&mut self, style: Style, text: &str) {
        let joins = match self.spans.last() {
            Some(last) => {
                last.style == style
                    && last.content.as_bytes().last().is_some_and(u8::is_ascii)
                    && text.as_bytes().first().is_some_and(u8::is_ascii)
            }
            None => false,
        };
        if joins && let Some(last) = self.spans.last_mut() {
            last.content.to_mut().push_str(text);
        } else {
            self.spans.push(Span::styled(text.to_string(), style));
        }
    }

    pub fn into_spans(self) -> Vec<Span<'static>> {
        self.spans
    }
}

/// Draws `lines` in `area`, one a row from the top, each cut at the
/// area's width: cell for cell what `Paragraph::new(lines)` draws there
/// when it neither wraps nor aligns but to the left (its graphemes, their
/// widths and styles, the same cut), without gathering each line's
/// graphemes first. Printable ASCII is written a byte a cell.
pub fn paint(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let width = area.width;
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        if !matches!(line.alignment, None | Some(Alignment::Left)) {
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            Paragraph::new(line.clone()).render(row, buf);
            continue;
        }
        let line_style = Style::new().patch(line.style);
        let mut x: u16 = 0;
        'spans: for span in &line.spans {
            let style = line_style.patch(span.style);
            let text = span.content.as_ref();
            if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                for i in 0..text.len() {
                    if x >= width {
                        break 'spans;
                    }
                    buf[(area.x + x, y)]
                        .set_symbol(&text[i..=i])
                        .set_style(style);
                    x += 1;
                }
                continue;
            }
            for g in text.graphemes(true) {
                if g.contains(char::is_control) {
                    continue;
                }
                let w = g.cell_width();
                if w > width {
                    continue;
                }
                if x + w > width {
                    break 'spans;
                }
                if w == 0 {
                    continue;
                }
                buf[(area.x + x, y)].set_symbol(g).set_style(style);
                x += w;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    #[test]
    fn neighbours_of_one_style_join() {
        let red = Style::new().fg(Color::Red);
        let mut runs = Runs::default();
        runs.push(Style::new(), "ab");
        runs.push(Style::new(), "c");
        runs.push(red, "d");
        runs.push(Style::new(), "e");
        let spans = runs.into_spans();
        let parts: Vec<(&str, Style)> = spans.iter().map(|s| (&*s.content, s.style)).collect();
        assert_eq!(
            parts,
            [("abc", Style::new()), ("d", red), ("e", Style::new())]
        );
    }

    #[test]
    fn pieces_join_only_at_an_ascii_seam() {
        let mut runs = Runs::default();
        runs.push_piece(Style::new(), "word");
        runs.push_piece(Style::new(), " ");
        // A combining mark after a space must stay apart from it.
        runs.push_piece(Style::new(), "\u{301}x");
        runs.push_piece(Style::new(), "é");
        let spans = runs.into_spans();
        let parts: Vec<&str> = spans.iter().map(|s| &*s.content).collect();
        assert_eq!(parts, ["word ", "\u{301}x", "é"]);
    }

    /// Every cell's symbol and style.
    fn cells(buf: &Buffer) -> Vec<(String, Style)> {
        buf.content()
            .iter()
            .map(|c| (c.symbol().to_string(), c.style()))
            .collect()
    }

    #[test]
    fn painted_lines_are_what_a_paragraph_draws() {
        let red = Style::new().fg(Color::Red);
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = vec![
            Line::from(vec![
                Span::styled("plain ", red),
                Span::raw("and more words"),
            ]),
            Line::styled("a styled line longer than the area is wide", bold),
            Line::raw(""),
            Line::from(vec![Span::raw("東京 wide"), Span::styled("é\u{301}x", red)]),
            Line::raw("tab\tand\u{7}bell"),
            Line::from(vec![Span::raw("ab"), Span::styled("\u{301}cd", red)]),
            Line::from(vec![
                Span::raw("\u{200b}zero\u{200d}"),
                Span::raw("·×…"),
                Span::raw("ｶﾞ"),
            ]),
            Line::from(vec![
                Span::raw("a東"),
                Span::styled("京b", bold),
                Span::raw("\r\nx"),
            ]),
            Line::raw("right").alignment(Alignment::Right),
            Line::raw("one row too many"),
        ];
        for width in [1, 2, 3, 5, 6, 12, 40] {
            let area = Rect::new(2, 1, width, 9);
            let mut painted = Buffer::empty(Rect::new(0, 0, 44, 11));
            let mut drawn = painted.clone();
            // What was there before shows where nothing is drawn.
            for buf in [&mut painted, &mut drawn] {
                for y in 0..11 {
                    buf.set_string(0, y, "x".repeat(44), Style::new().bg(Color::Blue));
                }
            }
            paint(&lines, area, &mut painted);
            Paragraph::new(lines.clone()).render(area, &mut drawn);
            assert_eq!(cells(&painted), cells(&drawn), "width {width}");
        }
    }

    #[test]
    fn clean_text_is_left_as_it_is_and_the_rest_sanitized() {
        assert!(matches!(clean("Plain words."), Cow::Borrowed(_)));
        assert_eq!(clean("bell\u{7}"), sanitize("bell\u{7}"));
        assert_eq!(clean("tab\there"), sanitize("tab\there"));
        assert_eq!(clean("café"), sanitize("café"));
    }
}
