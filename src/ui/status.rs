//! The bottom line: where you are (`Title › Section`, percent read, match count) and key hints
//! for the current pane, generated from the keymap. While a query is typed it is the query line.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Pane;
use crate::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Cells the location text keeps before hints start being dropped.
const MIN_LOCATION: usize = 16;

/// Draws the status line (or the search query line).
#[derive(Debug)]
pub struct StatusView<'a> {
    /// The app to describe.
    pub app: &'a App,
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.app.theme;
        buf.set_style(area, theme.status);
        if self.app.search.editing {
            self.render_query(area, buf);
            return;
        }
        let width = usize::from(area.width);
        let mut right: Vec<(String, Style)> = Vec::new();
        if let Some(count) = self.match_count() {
            right.push((count, theme.key));
        }
        if let Some(reader) = &self.app.reader {
            right.push((format!("{}%", reader.percent()), theme.status));
        }
        let gap = 2;
        let mut used: usize = right.iter().map(|(t, _)| str_width(t) + gap).sum();
        let mut hints: Vec<(String, &str)> = Vec::new();
        let has_query = !self.app.search.query.is_empty();
        let min_location = str_width(&self.location()).min(width * 2 / 5).max(MIN_LOCATION);
        for (key, label, action) in self.app.keymap.hints(self.app.pane()) {
            // Match keys only mean something once there is a query.
            if !has_query && matches!(action, Action::NextMatch | Action::ClearSearch) {
                continue;
            }
            let label =
                if action == Action::Back && self.app.back_quits() { "quit" } else { label };
            if hints.iter().any(|h| h.1 == label) {
                continue;
            }
            let key = key.to_string();
            let wanted = str_width(&key) + 1 + str_width(label) + gap;
            if used + wanted + min_location.min(width / 2) > width {
                break;
            }
            used += wanted;
            hints.push((key, label));
        }
        // Drawn right to left: hints at the edge, then percent and match count, so the
        // location on the left keeps whatever room is left.
        let mut x = area.right().saturating_sub(1);
        for (key, label) in hints.iter().rev() {
            let key_w = str_width(key) as u16;
            x = x.saturating_sub(key_w + 1 + str_width(label) as u16);
            buf.set_stringn(x, area.y, key, usize::from(key_w), theme.key);
            buf.set_stringn(x + key_w + 1, area.y, label, width, theme.status);
            x = x.saturating_sub(2);
        }
        for (text, style) in right.iter().rev() {
            x = x.saturating_sub(str_width(text) as u16);
            buf.set_stringn(x, area.y, text, width, *style);
            x = x.saturating_sub(2);
        }
        let room = usize::from(x.saturating_sub(area.x));
        let location = fit(&self.location(), room);
        buf.set_stringn(area.x + 1, area.y, location, room, theme.status);
    }
}

impl StatusView<'_> {
    /// `Title › Section`, or a pane name when no article is open.
    fn location(&self) -> String {
        let Some(article) = self.app.article() else {
            return if self.app.pane() == Pane::Help { "Help".into() } else { "salve".into() };
        };
        let section = self
            .app
            .reader
            .as_ref()
            .and_then(|r| article.sections.get(r.section()))
            .map(|s| s.title.as_str())
            .filter(|t| !t.is_empty());
        match section {
            Some(section) => format!("{} › {section}", article.meta.title),
            None => article.meta.title.clone(),
        }
    }

    /// "3/17" for the current match, "17 matches" before one is chosen, "no match".
    fn match_count(&self) -> Option<String> {
        let search = &self.app.search;
        if search.query.is_empty() {
            return None;
        }
        let total = search.matches.len();
        Some(match (total, search.current) {
            (0, _) => format!("no match for \"{}\"", search.query),
            (_, Some(i)) => format!("{}/{total}", i + 1),
            (_, None) => format!("{total} matches"),
        })
    }

    /// The query line: `/query` with a block cursor, and the match count on the right.
    fn render_query(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.app.theme;
        let count = self.match_count().unwrap_or_default();
        let count_w = str_width(&count) as u16;
        let right = area.right().saturating_sub(count_w + 1);
        let style = if self.app.search.matches.is_empty() && !self.app.search.query.is_empty() {
            theme.warn
        } else {
            theme.key
        };
        buf.set_stringn(right, area.y, &count, usize::from(count_w), style);
        let room = usize::from(right.saturating_sub(area.x + 2));
        // Keep the end of a long query visible: that is where the typing happens.
        let query = format!("/{}", self.app.search.query);
        let shown = tail(&query, room.saturating_sub(1));
        let end = buf.set_stringn(area.x, area.y, shown, room, theme.status).0;
        if end < right {
            buf.set_stringn(end, area.y, " ", 1, theme.toc_cursor);
        }
    }
}

/// `text` cut to `width` cells, with `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = str_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The last `width` cells of `text`.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices().rev() {
        used += str_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            return &text[i + c.len_utf8()..];
        }
    }
    text
}
