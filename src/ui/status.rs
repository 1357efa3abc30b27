//! The bottom line: where you are (`Title › Section`, percent read, match count) and key hints
//! for the current pane, generated from the keymap. While a query is typed it is the query line.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Pane;
use crate::layout::str_width;
use crate::library::Library;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Cells the location text keeps before hints start being dropped.
const MIN_LOCATION: usize = 16;
/// Blank cells between items on the right.
const GAP: usize = 2;

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
        let search = &self.app.search;
        let mut right: Vec<(String, Style)> = Vec::new();
        if let Some(count) = self.match_count() {
            let no_match = search.matches.is_empty();
            right.push((count, if no_match { theme.warn } else { theme.key }));
        }
        if !search.editing
            && let Some(reader) = &self.app.reader
        {
            right.push((format!("{}%", reader.percent()), theme.status));
        }
        let notice = self.app.notice.as_ref().filter(|_| !search.editing);
        let left = match notice {
            _ if search.editing => format!("/{}", search.query),
            Some(notice) => notice.clone(),
            None => self.location(),
        };
        let width = usize::from(area.width);
        // A notice is said once, so it outranks the hints; a location only keeps a share.
        let keep_left = if notice.is_some() {
            str_width(&left) + 1
        } else {
            str_width(&left).min(width * 2 / 5).max(MIN_LOCATION).min(width / 2)
        };
        let hints = self.fitting_hints(&right, keep_left, width);
        // Drawn right to left: hints at the edge, then percent and match count, so the text
        // on the left keeps whatever room is left.
        let mut x = area.right().saturating_sub(1);
        for (key, label) in hints.iter().rev() {
            let key_w = str_width(key) as u16;
            x = x.saturating_sub(key_w + 1 + str_width(label) as u16);
            let after = buf.set_stringn(x, area.y, key, usize::from(key_w), theme.key).0;
            buf.set_stringn(after + 1, area.y, label, usize::from(area.width), theme.status);
            x = x.saturating_sub(GAP as u16);
        }
        for (text, style) in right.iter().rev() {
            x = x.saturating_sub(str_width(text) as u16);
            buf.set_stringn(x, area.y, text, usize::from(area.width), *style);
            x = x.saturating_sub(GAP as u16);
        }
        let room = usize::from(x.saturating_sub(area.x));
        if search.editing {
            // Keep the end of a long query visible: that is where the typing happens.
            let shown = tail(&left, room.saturating_sub(1));
            let end = buf.set_stringn(area.x, area.y, shown, room, theme.status).0;
            if end < x {
                buf.set_stringn(end, area.y, " ", 1, theme.toc_cursor);
            }
        } else {
            let style = if notice.is_some() { theme.warn } else { theme.status };
            buf.set_stringn(area.x + 1, area.y, fit(&left, room), room, style);
        }
    }
}

impl StatusView<'_> {
    /// The hints for the current pane that fit beside `right` and `keep_left` cells of the left
    /// text, most important first; as `(key, label)`.
    fn fitting_hints(
        &self,
        right: &[(String, Style)],
        keep_left: usize,
        width: usize,
    ) -> Vec<(String, &'static str)> {
        let app = self.app;
        let mut used: usize = right.iter().map(|(t, _)| str_width(t) + GAP).sum();
        let mut hints: Vec<(String, &'static str)> = Vec::new();
        for (key, label, action) in app.keymap.hints(app.pane()) {
            // Match keys only mean something once there is a query.
            let needs_query = matches!(action, Action::NextMatch | Action::ClearSearch);
            if needs_query && app.search.query.is_empty() && !app.search.editing {
                continue;
            }
            let label = if action == Action::Back && app.back_quits() { "quit" } else { label };
            if hints.iter().any(|h| h.1 == label) {
                continue;
            }
            let key = key.to_string();
            let wanted = str_width(&key) + 1 + str_width(label) + GAP;
            if used + wanted + keep_left > width {
                break;
            }
            used += wanted;
            hints.push((key, label));
        }
        hints
    }

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
            // The lead is the top of the article: the title alone says where that is.
            .filter(|s| s.level > 0)
            .map(crate::article::Section::display_title)
            // A `# Title` heading repeating the title (the card stands for it) is no breadcrumb.
            .filter(|t| !t.trim().eq_ignore_ascii_case(article.meta.title.trim()));
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
            (0, _) => "no match".to_string(),
            (_, Some(i)) => format!("{}/{total}", i + 1),
            (_, None) => format!("{total} matches"),
        })
    }
}

/// The start-up notice for a library with problems, if it has any: the problem itself when
/// there is one, else how many there are; `salve list` prints them all.
pub fn notice(library: &Library) -> Option<String> {
    let notes = library.all_notes();
    match notes.as_slice() {
        [] => None,
        [one] => Some(crate::sanitize::sanitize_line(one).into_owned()),
        _ => {
            let skipped = library.notes.len();
            let flawed = library.articles.iter().filter(|a| !a.notes.is_empty()).count();
            let mut parts = Vec::new();
            if skipped > 0 {
                parts.push(format!("{skipped} {} skipped", plural(skipped, "file", "files")));
            }
            if flawed > 0 {
                let what = plural(flawed, "article", "articles");
                parts.push(format!("{flawed} {what} read with problems"));
            }
            Some(format!("{} — see salve list", parts.join(", ")))
        }
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
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
