//! The table-of-contents sidebar: one entry per section, indented by level, the section being
//! read highlighted and, when focused, a cursor.

use super::status::fit;
use super::theme::Theme;
use crate::app::geometry::{toc_first_shown, toc_rows};
use crate::article::Article;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The sign of a bookmark, in the contents and the reader's margin.
pub const MARK: &str = "▌";

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
    /// Sections holding a bookmark (marked in the list).
    pub marked: &'a [usize],
    /// Styles.
    pub theme: &'a Theme,
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
        let rows = toc_rows(area);
        // The same "top level" as `{` and `}` use.
        let top_level = crate::app::top_level(self.article);
        let first = toc_first_shown(self.cursor, rows.height);
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
            if self.marked.contains(&index) {
                buf.set_stringn(rows.x, y, MARK, 1, theme.mark);
            }
        }
    }
}
