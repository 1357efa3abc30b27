//! The search pane: a header (how many results, for what, and whether the library is still
//! being indexed), then each result on two lines: article › section with where it matched,
//! and a snippet with the matched words highlighted. With nothing found, it says so and
//! offers the nearest word the index knows.

use super::status::fit;
use super::theme::Theme;
use crate::app::App;
use crate::app::geometry::{RESULT_ROWS, lookup_list};
use crate::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use std::fmt::Write as _;

/// Draws the search pane.
#[derive(Debug)]
pub struct LookupView<'a> {
    /// The app whose search is shown.
    pub app: &'a App,
    /// The colours to draw with.
    pub theme: &'a Theme,
}

impl Widget for &LookupView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = self.theme;
        let lookup = &app.lookup;
        let width = usize::from(area.width.saturating_sub(2));
        let mut header = String::from("Search every article");
        if !lookup.searched.is_empty() {
            // The rows naming the files of a result are not results of their own.
            let (n, _) = lookup.counted();
            let results = |n: u64| if n == 1 { "result" } else { "results" };
            let _ = match lookup.total.filter(|&t| t > n as u64) {
                Some(total) => {
                    write!(header, " · {n} of {total} {} for '{}'", results(total), lookup.searched)
                }
                None => write!(
                    header,
                    " · {}{n} {} for '{}'",
                    if lookup.more && n > 0 { "top " } else { "" },
                    results(n as u64),
                    lookup.searched
                ),
            };
        }
        if let Some(note) = lookup.said.as_ref().filter(|_| !lookup.results.is_empty()) {
            let _ = write!(header, " · {note}");
        }
        if let Some((done, total)) = app.index_progress {
            let _ = write!(header, " · indexing {done}/{total}");
        }
        buf.set_stringn(area.x + 1, area.y, fit(&header, width), width, theme.help_heading);
        let list = lookup_list(area);
        let say = |buf: &mut Buffer, row: u16, text: &str, style: Style| {
            if row < list.height {
                buf.set_stringn(list.x + 1, list.y + row, fit(text, width), width, style);
            }
        };
        if let Some(failure) = &lookup.failure {
            say(buf, 0, failure, theme.warn);
            return;
        }
        if lookup.query.trim().is_empty() {
            say(
                buf,
                0,
                "Type words of a topic: \"side effects\", \"PTSD\", \"ptsd treatment\".",
                theme.dim,
            );
            say(
                buf,
                1,
                "Or ask: \"how is gout treated\". Sections with every word come first; a slip is said.",
                theme.dim,
            );
            return;
        }
        if lookup.results.is_empty() && lookup.searched == lookup.query {
            say(buf, 0, &format!("No section matches '{}'.", lookup.searched), theme.warn);
            if let Some(word) = &lookup.suggestion {
                say(buf, 1, &format!("Did you mean '{word}'?"), theme.text);
            }
            return;
        }
        let shown = usize::from(list.height) / RESULT_ROWS;
        for (n, (i, found)) in
            lookup.results.iter().enumerate().skip(lookup.top).take(shown).enumerate()
        {
            let y = list.y + (n * RESULT_ROWS) as u16;
            let selected = i == lookup.selected;
            if selected {
                buf.set_style(Rect::new(list.x, y, list.width, RESULT_ROWS as u16), theme.selected);
            }
            let hit = &found.hit;
            if found.copy {
                draw_copy(buf, list, y, width, app, found.entry, selected, theme);
                continue;
            }
            let kind = hit.kind.name();
            let mut place = if hit.heading.is_empty() || hit.heading == hit.title {
                hit.title.clone()
            } else {
                format!("{} › {}", hit.title, hit.heading)
            };
            let also = hit.copies.len();
            let shown = lookup.results.get(i + 1).is_some_and(|f| f.copy);
            if also > 0 && shown {
                let _ = write!(place, " (in {} files, below)", also + 1);
            } else if also > 0 {
                let places = if also == 1 { "place" } else { "places" };
                let _ = write!(place, " (also in {also} {places}; c lists them)");
            }
            let room = width.saturating_sub(kind.len() + 2);
            let style = if selected { theme.selected } else { theme.card_title };
            buf.set_stringn(list.x + 1, y, fit(&place, room), room, style);
            let kind_x = list.x + 1 + (width - kind.len()) as u16;
            buf.set_stringn(kind_x, y, kind, kind.len(), theme.dim);
            if hit.snippet.trim().is_empty() {
                // A heading with no text of its own (its words matched in the heading).
                let style = if selected { theme.selected } else { theme.dim };
                let room = width.saturating_sub(2);
                buf.set_stringn(list.x + 3, y + 1, crate::search::NO_TEXT, room, style);
            } else {
                draw_snippet(
                    buf,
                    list.x + 3,
                    y + 1,
                    width.saturating_sub(2),
                    &hit.snippet,
                    &hit.marks,
                    theme,
                    selected,
                );
            }
        }
    }
}

/// A row naming one file that holds the result above it: its folder and file name, then its
/// whole path.
#[allow(clippy::too_many_arguments)]
fn draw_copy(
    buf: &mut Buffer,
    list: Rect,
    y: u16,
    width: usize,
    app: &App,
    entry: usize,
    selected: bool,
    theme: &Theme,
) {
    let Some(entry) = app.entries.get(entry) else { return };
    let whole = match entry.path() {
        Some(path) => crate::sanitize::sanitize_line(&path.display().to_string()).into_owned(),
        None => "bundled with salve".to_string(),
    };
    let name = entry.path().and_then(|p| p.file_name()).map_or_else(
        || entry.title.to_string(),
        |n| crate::sanitize::sanitize_line(&n.to_string_lossy()).into_owned(),
    );
    let line = format!("  ↳ {} · {name}", entry.folder);
    let style = if selected { theme.selected } else { theme.text };
    buf.set_stringn(list.x + 1, y, fit(&line, width), width, style);
    let style = if selected { theme.selected } else { theme.dim };
    let room = width.saturating_sub(4);
    buf.set_stringn(list.x + 5, y + 1, fit(&whole, room), room, style);
}

/// The snippet on one line, its matched words highlighted, cut to `width` cells.
#[allow(clippy::too_many_arguments)]
fn draw_snippet(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: usize,
    snippet: &str,
    marks: &[std::ops::Range<usize>],
    theme: &super::theme::Theme,
    selected: bool,
) {
    let base = if selected { theme.selected } else { theme.dim };
    let mut cuts = vec![0, snippet.len()];
    for m in marks {
        if m.end <= snippet.len()
            && snippet.is_char_boundary(m.start)
            && snippet.is_char_boundary(m.end)
        {
            cuts.extend([m.start, m.end]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut at = x;
    let end = x.saturating_add(width as u16);
    for pair in cuts.windows(2) {
        let piece = &snippet[pair[0]..pair[1]];
        let hit = marks.iter().any(|m| m.start <= pair[0] && pair[1] <= m.end);
        let style = if hit { base.patch(theme.hit) } else { base };
        let room = usize::from(end.saturating_sub(at));
        if room == 0 {
            break;
        }
        let text = if str_width(piece) > room { fit(piece, room) } else { piece.to_string() };
        at = buf.set_stringn(at, y, text, room, style).0;
    }
}
