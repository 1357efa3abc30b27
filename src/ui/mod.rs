//! Drawing: one view per pane, all reading an [`App`] and none changing it.
//!
//! [`draw`] is the whole frame: the screen (library or reader), then the overlays bottom up,
//! then the status line (which also holds the text being typed). Geometry comes from
//! [`crate::app::geometry`], shared with the model so mouse clicks and layout widths agree with
//! what was drawn.

#[cfg(test)]
mod content_tests;
pub mod help;
pub mod hyperlinks;
pub mod library;
pub mod lookup;
pub mod marks;
pub mod palette;
pub mod problems;
pub mod reader;
pub mod status;
pub mod svg;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod toc;

use crate::app::geometry::TOO_SMALL;
use crate::app::{App, Overlay, Screen};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    render(app, theme, area, frame.buffer_mut());
}

/// Draws `app` into `buf` over `area` (what [`draw`] does, without a terminal).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let areas = app.areas_at(area.width, area.height);
    if areas.too_small {
        draw_too_small(theme, area, buf);
        return;
    }
    match (app.screen, &app.reader) {
        (Screen::Reader, Some(reader)) => {
            let marks: Vec<crate::layout::Position> = app
                .article_marks()
                .map(|b| {
                    let place = crate::app::Place {
                        anchor: b.anchor.clone(),
                        section: b.section,
                        offset: b.offset,
                    };
                    crate::app::resolve(&reader.article, &place)
                })
                .collect();
            let view = reader::ReaderView { reader, find: &app.find, theme, marks: &marks };
            view.render(areas.text, buf);
            if let Some(toc_area) = areas.toc {
                let marked: Vec<usize> = marks.iter().map(|p| p.section as usize).collect();
                let view = toc::TocView {
                    article: &reader.article,
                    reading: reader.section(),
                    cursor: app.toc.cursor,
                    focused: app.overlays.contains(&Overlay::Contents),
                    marked: &marked,
                    theme,
                };
                view.render(toc_area, buf);
            }
        }
        (Screen::Search, _) => lookup::LookupView { app, theme }.render(areas.body, buf),
        _ => library::ShelfView { app, theme }.render(areas.body, buf),
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help(scroll) => {
                let context = app.panes();
                let view = help::HelpView {
                    keymap: &app.keymap,
                    scroll: *scroll,
                    context: &context,
                    theme,
                };
                view.render(areas.body, buf);
            }
            Overlay::Bookmarks(state) => {
                marks::MarksView { app, state, theme }.render(areas.body, buf);
            }
            Overlay::Problems(scroll) => {
                problems::ProblemsView { problems: &app.all_problems(), scroll: *scroll, theme }
                    .render(areas.body, buf);
            }
            Overlay::Contents
            | Overlay::Find
            | Overlay::Filter
            | Overlay::Prompt(_)
            | Overlay::SearchQuery => {}
        }
    }
    status::StatusView { app, theme }.render(areas.status, buf);
    if let Some(rows) = status::notice_rows(app, &areas) {
        // Whole, in the rows just above the status line (at most half the screen).
        let top = areas.status.y.saturating_sub(rows.len() as u16);
        for (y, row) in (top..areas.status.y).zip(&rows) {
            let line = Rect::new(areas.status.x, y, areas.status.width, 1);
            buf.set_style(line, theme.status);
            for x in line.left()..line.right() {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(" ");
                }
            }
            buf.set_stringn(line.x + 1, y, row, usize::from(line.width), theme.warn);
        }
    }
}

/// The enlarge message, wrapped at spaces so a narrow terminal still shows all of it.
fn draw_too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in TOO_SMALL.split(' ') {
        if !row.is_empty() && row.len() + 1 + word.len() > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
    }
    rows.push(row);
    for (y, text) in (area.top()..area.bottom()).zip(rows) {
        buf.set_stringn(area.x, y, text, width, theme.warn);
    }
}

/// Renders `app` at `width` x `height` into a fresh buffer in the dark theme (for tests and
/// benchmarks).
pub fn render_to_buffer(app: &App, width: u16, height: u16) -> Buffer {
    render_themed(app, &Theme::dark(), width, height)
}

/// Renders `app` at `width` x `height` into a fresh buffer in `theme`.
pub fn render_themed(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render(app, theme, area, &mut buf);
    buf
}

/// The buffer's text, one line per row with trailing blanks trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell((x, y)) {
                row.push_str(cell.symbol());
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}
