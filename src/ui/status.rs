//! The bottom line: where you are (`Title › Section`, percent read, match count, or the
//! library's cursor) and key hints for the pane on top, generated from the keymap. While text
//! is typed (a search, a filter, a bookmark label) it is that text's line.

use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, Overlay, Screen};
use crate::keymap::Pane;
use crate::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

/// Cells the location text keeps before the first hints are dropped.
const MIN_LOCATION: usize = 16;
/// Hints (back, help) that outrank a long location.
const FIRST_HINTS: usize = 2;
/// Blank cells between items on the right.
const GAP: usize = 2;

/// Draws the status line (or the search query line).
#[derive(Debug)]
pub struct StatusView<'a> {
    /// The app to describe.
    pub app: &'a App,
    /// The colours to draw with.
    pub theme: &'a Theme,
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = self.theme;
        buf.set_style(area, theme.status);
        let typing = self.typing();
        let reading = app.screen == Screen::Reader;
        let mut right: Vec<(String, Style)> = Vec::new();
        if let Some(count) = self.match_count().filter(|_| reading) {
            let no_match = app.find.matches.is_empty();
            right.push((count, if no_match { theme.warn } else { theme.key }));
        }
        let screen_on_top = app.overlays.last().is_none_or(|o| !o.pane().modal());
        if typing.is_none() && screen_on_top {
            match &app.reader {
                _ if app.screen == Screen::Search && !app.lookup.results.is_empty() => {
                    let (results, at) = app.lookup.counted();
                    let at = format!("{at}/{results}");
                    right.push((at, theme.status));
                }
                _ if app.screen == Screen::Search => {}
                Some(reader) if reading => match reader.loading {
                    // The end is not known yet: how much is read says more than a percent
                    // of what is.
                    Some(loading) => {
                        right.push((format!("loading {}%", loading.percent()), theme.key));
                    }
                    None => right.push((format!("{}%", reader.percent()), theme.status)),
                },
                _ if !reading && !app.shelf.rows.is_empty() => {
                    let (at, of) = app.shelf.position();
                    let at = format!("{at}/{of}");
                    right.push((at, theme.status));
                }
                _ => {}
            }
        }
        // A notice too long for the line is drawn whole above it (see `long_notice`).
        let long = long_notice(app, area.width).is_some();
        let notice = app.notice.as_ref().filter(|_| typing.is_none() && !long);
        let left = match (&typing, notice) {
            (Some(text), _) => text.clone(),
            (None, Some(notice)) => notice.clone(),
            (None, None) => self.location(),
        };
        let width = usize::from(area.width);
        // A notice is said once, so it outranks the hints. Where you are outranks all but the
        // first hints (back and help): they keep room while the location still has
        // MIN_LOCATION cells, the rest only show when the whole location fits.
        let whole = str_width(&left) + 1;
        let keep_left =
            if notice.is_some() { (whole, whole) } else { (whole.min(MIN_LOCATION), whole) };
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
        if typing.is_some() {
            // Keep the end of a long text visible: that is where the typing happens.
            let shown = tail(&left, room.saturating_sub(1));
            let end = buf.set_stringn(area.x, area.y, shown, room, theme.status).0;
            // A recalled query or an offered label shows selected: typing replaces it.
            let selected = match app.overlays.last() {
                Some(Overlay::SearchQuery) if app.lookup.recalled => Some(&app.lookup.query),
                Some(Overlay::Prompt(prompt)) if prompt.offered => Some(&prompt.text),
                _ => None,
            };
            if let Some(text) = selected {
                let query = u16::try_from(str_width(text)).unwrap_or(u16::MAX);
                let query = query.min(end - area.x);
                // Underlined too: the monochrome theme's status line is itself reversed.
                let selected = theme.toc_cursor.add_modifier(Modifier::UNDERLINED);
                buf.set_style(Rect::new(end - query, area.y, query, 1), selected);
            }
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
        keep_left: (usize, usize),
        width: usize,
    ) -> Vec<(String, &'static str)> {
        let app = self.app;
        let mut used: usize = right.iter().map(|(t, _)| str_width(t) + GAP).sum();
        let mut hints: Vec<(String, &'static str)> = Vec::new();
        for (key, label, action, pane) in app.keymap.hints(&app.layers()) {
            // Match keys only mean something once there is a query.
            let needs_query = matches!(action, Action::NextMatch | Action::ClearSearch);
            if needs_query && app.find.query.is_empty() && !app.find.editing {
                continue;
            }
            let screen = matches!(pane, Pane::Library | Pane::Reader | Pane::Global);
            let quits = action == Action::Back && screen && app.back_quits();
            let label = if quits { "quit" } else { label };
            if hints.iter().any(|h| h.1 == label) {
                continue;
            }
            let key = key.to_string();
            let wanted = str_width(&key) + 1 + str_width(label) + GAP;
            let keep = if hints.len() < FIRST_HINTS { keep_left.0 } else { keep_left.1 };
            if used + wanted + keep > width {
                break;
            }
            used += wanted;
            hints.push((key, label));
        }
        hints
    }

    /// The text being typed, with what it is for, when the top pane takes text.
    fn typing(&self) -> Option<String> {
        let app = self.app;
        match app.overlays.last()? {
            Overlay::Find => Some(format!("/{}", app.find.query)),
            Overlay::Filter => Some(format!("filter: {}", app.shelf.query)),
            Overlay::SearchQuery => Some(format!("search: {}", app.lookup.query)),
            Overlay::Prompt(prompt) => Some(format!("{}: {}", prompt.label, prompt.text)),
            _ => None,
        }
    }

    /// `Title › Section` for the section of the top line (the same screen names the same
    /// section however it was reached), or the pane's name.
    fn location(&self) -> String {
        let app = self.app;
        if let Some(pane @ (Pane::Help | Pane::Bookmarks | Pane::Problems)) =
            app.overlays.last().map(Overlay::pane)
        {
            return pane.title().into();
        }
        let article = match app.article() {
            Some(article) if app.screen == Screen::Reader => article,
            _ if app.screen == Screen::Search => return "salve · Search".into(),
            _ => return "salve · Library".into(),
        };
        let section = self
            .app
            .reader
            .as_ref()
            .and_then(|r| article.sections.get(r.top_section()))
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
        let search = &self.app.find;
        if search.query.is_empty() {
            return None;
        }
        let total = search.matches.len();
        let counted = match (total, search.current) {
            (0, _) => "no match".to_string(),
            (_, Some(i)) => format!("{}/{total}", i + 1),
            (_, None) => format!("{total} matches"),
        };
        // Only what is read so far was searched.
        Some(if self.app.loading() { format!("{counted} so far") } else { counted })
    }
}

/// The notice, when it is too long for a status line `width` cells wide (a link's address)
/// and is drawn above the line instead; `None` when it fits (or text is being typed, which the
/// status line shows instead).
fn long_notice(app: &App, width: u16) -> Option<&str> {
    let notice = app.notice.as_deref()?;
    let typing = app.overlays.last().is_some_and(|o| o.pane().takes_text());
    (!typing && str_width(notice) > notice_room(width)).then_some(notice)
}

/// Cells a notice has in a status line `width` cells wide.
fn notice_room(width: u16) -> usize {
    usize::from(width).saturating_sub(2).max(1)
}

/// A long notice (see [`long_notice`]) wrapped into the rows it is drawn in above the status
/// line, so it can be read and copied: at most half the body's height.
pub fn notice_rows(app: &App, areas: &crate::app::Areas) -> Option<Vec<String>> {
    let notice = long_notice(app, areas.status.width)?;
    let room = notice_room(areas.status.width);
    let mut rows = vec![String::new()];
    let mut used = 0;
    // Cut at spaces where possible; an address has none, and is cut anywhere.
    for word in notice.split_inclusive(' ') {
        let w = str_width(word);
        if used > 0 && used + w.min(room) > room && w <= room {
            rows.push(String::new());
            used = 0;
        }
        for c in word.chars() {
            let cw = str_width(c.encode_utf8(&mut [0; 4]));
            if used + cw > room {
                rows.push(String::new());
                used = 0;
            }
            if let Some(row) = rows.last_mut() {
                row.push(c);
            }
            used += cw;
        }
    }
    rows.truncate(usize::from(areas.body.height / 2).max(1));
    Some(rows)
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
