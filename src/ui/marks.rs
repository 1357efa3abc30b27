//! The bookmark list, drawn over the screen: every bookmark, newest first, as
//! article › section › label with the first words at that place.

use super::status::fit;
use super::theme::Theme;
use crate::app::{App, MarksState};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Draws the bookmark list over the body area.
#[derive(Debug)]
pub struct MarksView<'a> {
    /// The app whose bookmarks are listed.
    pub app: &'a App,
    /// The list's cursor.
    pub state: &'a MarksState,
    /// The colours to draw with.
    pub theme: &'a Theme,
}

impl Widget for &MarksView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let theme = self.theme;
        let marks = &self.app.bookmarks;
        let width = usize::from(area.width.saturating_sub(2));
        let title = format!("Bookmarks · {}", marks.len());
        buf.set_stringn(area.x + 1, area.y, fit(&title, width), width, theme.help_heading);
        if marks.is_empty() {
            let hint = "No bookmarks yet: press m while reading to add one.";
            buf.set_stringn(area.x + 1, area.y + 2, fit(hint, width), width, theme.dim);
            return;
        }
        // Two lines a bookmark, under the title and a blank line.
        let rows = usize::from(area.height.saturating_sub(2)) / 2;
        let first = (self.state.cursor + 1).saturating_sub(rows.max(1));
        let mut y = area.y + 2;
        for (i, mark) in marks.iter().enumerate().skip(first).take(rows) {
            let selected = i == self.state.cursor;
            let style = if selected { theme.selected } else { theme.text };
            if selected {
                buf.set_style(Rect::new(area.x, y, area.width, 2), theme.selected);
            }
            let head = if mark.label == mark.section_title {
                format!("{} › {}", mark.article_title, mark.section_title)
            } else {
                format!("{} › {} › {}", mark.article_title, mark.section_title, mark.label)
            };
            buf.set_stringn(area.x + 1, y, fit(&head, width), width, style);
            let when = super::library::ago(self.app.now, mark.created_at);
            let excerpt = format!("  “{}…”  {when}", mark.excerpt);
            buf.set_stringn(
                area.x + 1,
                y + 1,
                fit(&excerpt, width),
                width,
                theme.dim.patch(if selected {
                    theme.selected
                } else {
                    ratatui::style::Style::new()
                }),
            );
            y += 2;
        }
    }
}
