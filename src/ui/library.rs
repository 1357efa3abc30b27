//! The library screen: a header (how many articles, in what order, the filter), every article
//! in a list (title with filter hits highlighted, folder, reading time, a progress bar, when it
//! was last read, bookmarks), and on wide terminals a preview of the selected article.

use super::status::fit;
use super::theme::Theme;
use crate::app::App;
use crate::app::geometry::shelf_areas;
use crate::layout::str_width;
use crate::library::Entry;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget, Widget};
use std::fmt::Write as _;

/// Cells of the progress bar.
const BAR: usize = 8;

/// Draws the library screen.
#[derive(Debug)]
pub struct ShelfView<'a> {
    /// The app to show.
    pub app: &'a App,
    /// The colours to draw with.
    pub theme: &'a Theme,
}

impl Widget for &ShelfView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = self.theme;
        let areas = shelf_areas(area);
        let state = &app.shelf;
        // While a remembered first screen shows, the whole list is not read yet.
        let total = state.window.map_or(app.entries.len(), |w| w.total);
        let mut header =
            format!(" Library · {total} {}", if total == 1 { "article" } else { "articles" });
        match app.scan_progress {
            Some((_, 0)) => header.push_str(" · checking files…"),
            Some((done, total)) => {
                let _ = write!(header, " · checking files {done}/{total}");
            }
            None => {}
        }
        if state.query.is_empty() {
            let _ = write!(header, " · by {}", state.order.name());
        } else {
            let _ = write!(header, " · {} matching '{}'", state.rows.len(), state.query);
        }
        buf.set_stringn(
            areas.header.x,
            areas.header.y,
            fit(&header, usize::from(area.width)),
            usize::from(area.width),
            theme.help_heading,
        );
        if app.entries.is_empty() {
            draw_empty(app, self.theme, areas.list, buf);
        } else if state.rows.is_empty() {
            let text = format!("no article matches '{}' (Esc clears the filter)", state.query);
            buf.set_stringn(
                areas.list.x + 1,
                areas.list.y + 1,
                fit(&text, usize::from(areas.list.width)),
                usize::from(areas.list.width),
                theme.warn,
            );
        } else {
            draw_list(app, self.theme, areas.list, buf);
        }
        if let Some(preview) = areas.preview
            && let Some(entry) = state.selected_entry().and_then(|i| app.entries.get(i))
        {
            draw_preview(entry, theme, preview, buf);
        }
    }
}

/// The visible rows, as a ratatui list.
fn draw_list(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let shelf = &app.shelf;
    let visible: Vec<&crate::app::Row> =
        shelf.rows.iter().skip(shelf.top).take(usize::from(area.height)).collect();
    let cells: Vec<[String; 6]> =
        visible.iter().map(|row| cells(app, &app.entries[row.entry])).collect();
    let titles = visible.iter().map(|r| str_width(&app.entries[r.entry].title)).max().unwrap_or(0);
    let widths = column_widths(&cells, titles, usize::from(area.width));
    let items: Vec<ListItem> = visible
        .iter()
        .zip(&cells)
        .map(|(row, cells)| {
            let entry = &app.entries[row.entry];
            let hits = if shelf.query.is_empty() {
                Vec::new()
            } else {
                crate::app::title_hits(&entry.title, &shelf.query)
            };
            ListItem::new(row_line(entry, &hits, cells, &widths, usize::from(area.width), theme))
        })
        .collect();
    let mut state = ListState::default().with_selected(shelf.selected.checked_sub(shelf.top));
    StatefulWidget::render(List::new(items).highlight_style(theme.selected), area, buf, &mut state);
}

/// The columns right of the title, least important first: folder, last read, bookmarks,
/// reading time, progress bar, percent read.
fn cells(app: &App, entry: &Entry) -> [String; 6] {
    let progress = app.progress.get(entry.key.as_str());
    let marks = app.mark_count(&entry.key);
    let percent = progress.map(|p| usize::from(p.percent.min(100)));
    let bar = percent.map_or_else(String::new, |p| {
        let full = (p * BAR).div_ceil(100).min(BAR);
        format!("{}{}", "█".repeat(full), "░".repeat(BAR - full))
    });
    [
        fit(&entry.folder, FOLDER),
        progress.map(|p| ago(app.now, p.read_at)).unwrap_or_default(),
        if marks > 0 { format!("{}{marks}", super::toc::MARK) } else { String::new() },
        crate::article::reading_time(entry.minutes()),
        bar,
        percent.map_or_else(|| "new".to_string(), |p| format!("{p}%")),
    ]
}

/// Widest a folder name is shown.
const FOLDER: usize = 18;
/// How wide each column is drawn (0: left out): as wide as its widest visible cell, and
/// dropped, least important first, while the titles would get less than the room they need
/// or half the width, whichever is less.
fn column_widths(cells: &[[String; 6]], titles: usize, width: usize) -> [usize; 6] {
    let mut widths = [0; 6];
    for row in cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(str_width(cell));
        }
    }
    let title_min = titles.min(width / 2);
    let used = |ws: &[usize; 6]| ws.iter().filter(|&&w| w > 0).map(|w| w + 2).sum::<usize>();
    for i in 0..widths.len() {
        if used(&widths) + title_min + 2 <= width {
            break;
        }
        widths[i] = 0;
    }
    widths
}

/// One article's line: title (hits highlighted) on the left, the columns right-aligned.
fn row_line<'a>(
    entry: &'a Entry,
    hits: &[usize],
    cells: &[String; 6],
    widths: &[usize; 6],
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let styles = [theme.dim, theme.dim, theme.mark, theme.dim, theme.mark, theme.text];
    let used: usize = widths.iter().filter(|&&w| w > 0).map(|w| w + 2).sum();
    let room = width.saturating_sub(used + 2);
    let title = fit(&entry.title, room);
    let mut spans = vec![Span::raw(" ")];
    let mut plain = String::new();
    for (i, c) in title.chars().enumerate() {
        if hits.contains(&i) {
            if !plain.is_empty() {
                spans.push(Span::raw(std::mem::take(&mut plain)));
            }
            spans.push(Span::styled(c.to_string(), theme.hit));
        } else {
            plain.push(c);
        }
    }
    spans.push(Span::raw(plain));
    spans.push(Span::raw(" ".repeat(room.saturating_sub(str_width(&title)) + 1)));
    for ((cell, &w), style) in cells.iter().zip(widths).zip(styles) {
        if w > 0 {
            let pad = w.saturating_sub(str_width(cell));
            spans.push(Span::raw(" ".repeat(pad + 2)));
            spans.push(Span::styled(cell.clone(), style));
        }
    }
    Line::from(spans)
}

/// "just now", "5 min ago", "3 days ago"...
pub fn ago(now: i64, then: i64) -> String {
    let secs = now.saturating_sub(then).max(0);
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3_600 => (secs / 60, "min"),
        3_600..86_400 => (secs / 3_600, "hour"),
        86_400..172_800 => return "yesterday".into(),
        172_800..1_209_600 => (secs / 86_400, "day"),
        1_209_600..5_184_000 => (secs / 604_800, "week"),
        5_184_000..31_536_000 => (secs / 2_592_000, "month"),
        _ => (secs / 31_536_000, "year"),
    };
    let unit = if n == 1 || unit == "min" { unit.to_string() } else { format!("{unit}s") };
    format!("{n} {unit} ago")
}

/// An empty library: how to add articles, with the real folder.
fn draw_empty(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let folder = app.articles_dir.as_ref().map_or_else(
        || "your data folder's articles/".to_string(),
        |d| crate::sanitize::sanitize_line(&d.display().to_string()).into_owned(),
    );
    let lines: Vec<(String, Style)> = vec![
        ("No articles yet.".into(), theme.warn),
        (String::new(), theme.text),
        ("Put Markdown (.md) or text (.txt) files in".into(), theme.text),
        (folder, theme.key),
        ("or open a folder: salve ~/health".into(), theme.text),
    ];
    let width = usize::from(area.width);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (row, (text, style)) in (top..area.bottom()).zip(lines) {
        let text = fit(&text, width);
        let x = area.x + area.width.saturating_sub(str_width(&text) as u16) / 2;
        buf.set_stringn(x, row, text, width, style);
    }
}

/// The preview column: title, where and how long, summary, outline.
fn draw_preview(entry: &Entry, theme: &Theme, area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        buf.set_stringn(area.x, y, "│", 1, theme.border);
    }
    let inner = Rect::new(area.x + 2, area.y, area.width.saturating_sub(3), area.height);
    let width = usize::from(inner.width);
    let mut lines: Vec<(String, Style)> = Vec::new();
    lines.extend(wrap(&entry.title, width).into_iter().map(|l| (l, theme.card_title)));
    let sections = if entry.sections == 1 { "section" } else { "sections" };
    let time = crate::article::reading_time(entry.minutes());
    let meta = format!("{} · {time} · {} {sections}", entry.folder, entry.sections);
    lines.push((fit(&meta, width), theme.card_meta));
    if let Some(tags) = entry.preview.as_ref().map(|p| &p.tags).filter(|t| !t.is_empty()) {
        lines.push((fit(&tags.join(", "), width), theme.dim));
    }
    lines.push((String::new(), theme.text));
    match &entry.preview {
        None => lines.push(("…".into(), theme.dim)),
        Some(preview) => {
            if let Some(summary) = &preview.summary {
                lines.extend(wrap(summary, width).into_iter().map(|l| (l, theme.text)));
                lines.push((String::new(), theme.text));
            }
            if !preview.outline.is_empty() {
                lines.push(("Contents".into(), theme.help_heading));
                let top = preview.outline.iter().map(|(l, _)| *l).min().unwrap_or(1);
                for (level, title) in &preview.outline {
                    let indent = "  ".repeat(usize::from(level.saturating_sub(top)));
                    lines.push((fit(&format!("{indent}{title}"), width), theme.text));
                }
            }
        }
    }
    for (y, (text, style)) in (inner.top()..inner.bottom()).zip(lines) {
        buf.set_stringn(inner.x, y, text, width, style);
    }
}

/// `text` broken at spaces into lines of at most `width` cells (longer words are cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && str_width(&line) + 1 + str_width(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn times_read_are_said_the_way_people_say_them() {
        assert_eq!(ago(1000, 990), "just now");
        assert_eq!(ago(10_000, 10_000 - 5 * 60), "5 min ago");
        assert_eq!(ago(100_000, 100_000 - 3_600), "1 hour ago");
        assert_eq!(ago(1_000_000, 1_000_000 - 90_000), "yesterday");
        assert_eq!(ago(1_000_000, 1_000_000 - 3 * 86_400), "3 days ago");
        assert_eq!(ago(100_000_000, 100_000_000 - 3 * 604_800), "3 weeks ago");
        assert_eq!(ago(100_000_000, 100_000_000 - 400 * 86_400), "1 year ago");
    }
}
