//! The table-of-contents sidebar: one entry per section, indented by level, the section being
//! read highlighted and, when focused, a cursor.

use super::status::fit;
use super::theme::Theme;
use crate::article::Article;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

/// Draws the contents sidebar.
#[derive(Debug)]
pub struct TocView<'a> {
    /// The article whose sections are listed.
    pub article: &'a Article,
    /// The section being read.
    pub reading: usize,
    /// The section under the cursor.
    pub cursor: usize,
    /// Whether the sidebar has the keyboard (the cursor is only shown then).
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
}

/// The rows entries are drawn in: below the title, left of the border.
fn entries_area(area: Rect) -> Rect {
    Rect::new(area.x, area.y + 1, area.width.saturating_sub(2), area.height.saturating_sub(1))
}

/// The first entry shown, so the cursor stays on screen.
fn first_shown(cursor: usize, rows: u16) -> usize {
    (cursor + 1).saturating_sub(usize::from(rows).max(1))
}

/// The section whose entry is at screen cell (`x`, `y`), if any.
pub fn entry_at(area: Rect, cursor: usize, sections: usize, x: u16, y: u16) -> Option<usize> {
    let rows = entries_area(area);
    if !rows.contains(Position { x, y }) {
        return None;
    }
    let index = first_shown(cursor, rows.height) + usize::from(y - rows.y);
    (index < sections).then_some(index)
}

impl Widget for &TocView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 3 || area.height < 2 {
            return;
        }
        let theme = self.theme;
        for y in area.top()..area.bottom() {
            buf.set_stringn(area.right() - 1, y, "│", 1, theme.border);
        }
        let width = usize::from(area.width - 2);
        buf.set_stringn(
            area.x + 1,
            area.y,
            "Contents",
            width.saturating_sub(1),
            theme.help_heading,
        );
        let rows = entries_area(area);
        // The same "top level" as `{` and `}` use.
        let top_level = crate::app::top_level(self.article);
        let first = first_shown(self.cursor, rows.height);
        let sections = self.article.sections.iter().enumerate().skip(first);
        for (y, (index, section)) in (rows.top()..rows.bottom()).zip(sections) {
            let depth = usize::from(section.level.saturating_sub(top_level));
            let title = section.display_title();
            let label = fit(&format!(" {}{title}", "  ".repeat(depth)), width);
            let mut style = if index == self.reading { theme.toc_current } else { theme.text };
            if self.focused && index == self.cursor {
                style = style.patch(theme.toc_cursor);
                buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.toc_cursor);
            }
            buf.set_stringn(rows.x, y, label, width, style);
        }
    }
}
