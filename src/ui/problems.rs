//! The `!` overlay: every file that could not be read, and every article read with problems,
//! each with its reason.

use super::status::fit;
use super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Draws the problem list over the body area.
#[derive(Debug)]
pub struct ProblemsView<'a> {
    /// One message per problem.
    pub problems: &'a [String],
    /// Lines scrolled off the top.
    pub scroll: usize,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for &ProblemsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let width = usize::from(area.width.saturating_sub(2));
        let title = match self.problems.len() {
            // The config file's problems come first, then the library's: each line says
            // which file it is about.
            0 => "No problems: the config file and every article were read.".to_string(),
            1 => "1 problem".to_string(),
            n => format!("{n} problems"),
        };
        buf.set_stringn(area.x + 1, area.y, fit(&title, width), width, self.theme.help_heading);
        let body = Rect::new(area.x, area.y + 2, area.width, area.height.saturating_sub(2));
        for (y, note) in (body.top()..body.bottom()).zip(self.problems.iter().skip(self.scroll)) {
            buf.set_stringn(area.x + 1, y, fit(note, width), width, self.theme.text);
        }
    }
}
