//! The `?` screen: every key of every pane, generated from the keymap so it cannot drift from
//! what the keys really do.

use super::theme::Theme;
use crate::keymap::{Keymap, Pane};
use crate::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Panes in the order the help screen lists them.
const PANES: [Pane; 5] = [Pane::Global, Pane::Reader, Pane::Toc, Pane::Search, Pane::Help];

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A pane's heading.
    Heading(&'static str),
    /// Keys and what they do.
    Row(String, &'static str),
    /// Space between panes.
    Blank,
}

/// The help text for `keymap`.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for pane in PANES {
        let rows = keymap.help_rows(pane);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(pane.title()));
        out.extend(rows.into_iter().map(|(keys, what)| HelpLine::Row(keys, what)));
        if pane == Pane::Search {
            // Typing is not a binding: any key the table leaves free goes into the query.
            let typing = crate::action::Action::SearchInput(' ').describe();
            out.push(HelpLine::Row("other keys".into(), typing));
        }
    }
    out
}

/// How many lines the help text has, to bound scrolling.
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap).len()
}

/// Draws the help screen over the body area.
#[derive(Debug)]
pub struct HelpView<'a> {
    /// The bindings to list.
    pub keymap: &'a Keymap,
    /// Lines scrolled off the top.
    pub scroll: usize,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let lines = lines(self.keymap);
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
        let title = "Keys (Esc closes)";
        buf.set_stringn(x, area.y, title, width, self.theme.card_title);
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
