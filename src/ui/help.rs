//! The `?` screen: every key of every pane, generated from the keymap so it cannot drift from
//! what the keys really do.

use super::theme::Theme;
use crate::app::help::{HelpLine, lines};
use crate::keymap::{Keymap, Pane};
use crate::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Draws the help screen over the body area.
#[derive(Debug)]
pub struct HelpView<'a> {
    /// The bindings to list.
    pub keymap: &'a Keymap,
    /// Lines scrolled off the top.
    pub scroll: usize,
    /// The panes the help was opened over, top first: their keys come first.
    pub context: &'a [Pane],
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let lines = lines(self.keymap, self.context);
        let keys_w = lines
            .iter()
            .map(|l| if let HelpLine::Row(k, _) = l { str_width(k) } else { 0 })
            .max()
            .unwrap_or(0) as u16;
        let widest = lines
            .iter()
            .map(|l| if let HelpLine::Row(_, d) = l { str_width(d) } else { 0 })
            .max()
            .unwrap_or(0) as u16;
        let block_w = (keys_w + 2 + widest).min(area.width.saturating_sub(2));
        let x = area.x + area.width.saturating_sub(block_w) / 2;
        let width = usize::from(area.right().saturating_sub(x));
        let closing: Vec<String> = self
            .keymap
            .keys_for(Pane::Help, &crate::action::Action::Back)
            .iter()
            .map(ToString::to_string)
            .collect();
        let title = format!("Keys ({} closes)", closing.join(" "));
        buf.set_stringn(x, area.y, &title, width, self.theme.card_title);
        let body = Rect::new(area.x, area.y + 2, area.width, area.height.saturating_sub(2));
        let scroll = self.scroll.min(lines.len().saturating_sub(1));
        for (y, line) in (body.top()..body.bottom()).zip(&lines[scroll..]) {
            match line {
                HelpLine::Heading(h) => {
                    buf.set_stringn(x, y, h, width, self.theme.help_heading);
                }
                HelpLine::Row(keys, what) => {
                    buf.set_stringn(x, y, keys, width, self.theme.key);
                    let dx = (keys_w + 2).min(area.width);
                    let room = width.saturating_sub(usize::from(dx));
                    buf.set_stringn(x + dx, y, what, room, self.theme.text);
                }
                HelpLine::Blank => {}
            }
        }
    }
}
