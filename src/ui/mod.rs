//! Drawing: one view per pane, all reading an [`App`] and none changing it.
//!
//! [`draw`] is the whole frame. [`Areas`] is the screen geometry, shared with the model so that
//! mouse clicks and the layout width agree with what was drawn.

#[cfg(test)]
mod content_tests;
pub mod help;
pub mod reader;
pub mod status;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod toc;

use crate::app::{App, Focus};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Narrowest terminal the reader draws in.
pub const MIN_WIDTH: u16 = 20;
/// Lowest terminal the reader draws in.
pub const MIN_HEIGHT: u16 = 5;
/// Blank cells kept each side of the text column.
pub const MARGIN: u16 = 2;
/// Widest the contents sidebar gets.
pub const TOC_MAX_WIDTH: u16 = 40;
/// Widest the sidebar gets when that squeezes the text column below [`TOC_MIN_TEXT`].
pub const TOC_NARROW_WIDTH: u16 = 32;
/// Text column the sidebar leaves, when the terminal has room for both.
pub const TOC_MIN_TEXT: u16 = 60;
/// What a too-small terminal shows instead of the reader.
pub const TOO_SMALL: &str = "enlarge the terminal (min 20x5)";

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Too small to draw anything but the enlarge message.
    pub too_small: bool,
    /// Everything above the status line.
    pub body: Rect,
    /// The bottom line.
    pub status: Rect,
    /// The contents sidebar, when open.
    pub toc: Option<Rect>,
    /// The article's text column.
    pub text: Rect,
}

impl Areas {
    /// The geometry for a `width` x `height` terminal, with or without the sidebar, for a text
    /// column at most `max_width` cells wide.
    pub fn new(width: u16, height: u16, toc_open: bool, max_width: u16) -> Self {
        let too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
        let body = Rect::new(0, 0, width, height.saturating_sub(1));
        let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
        let toc = toc_open.then(|| Rect::new(0, 0, toc_width(width), body.height));
        let left = toc.map_or(0, |t| t.width);
        let room = width - left;
        let column = room.saturating_sub(2 * MARGIN).clamp(1, max_width.max(1));
        let x = left + room.saturating_sub(column) / 2;
        let text = Rect::new(x, 0, column.min(room), body.height);
        Self { too_small, body, status, toc, text }
    }
}

/// The sidebar's width on a `width`-cell screen: a third of it up to [`TOC_NARROW_WIDTH`], and
/// more, up to [`TOC_MAX_WIDTH`], from whatever a [`TOC_MIN_TEXT`] text column leaves over,
/// so long headings fit on wide screens without starving the text.
fn toc_width(width: u16) -> u16 {
    let narrow = (width / 3).min(TOC_NARROW_WIDTH);
    let spare = width.saturating_sub(TOC_MIN_TEXT + 2 * MARGIN).min(TOC_MAX_WIDTH);
    narrow.max(spare)
}

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draws `app` into `buf` over `area` (what [`draw`] does, without a terminal).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = app.areas_at(area.width, area.height);
    if areas.too_small {
        draw_too_small(app, area, buf);
        return;
    }
    match (&app.reader, app.article()) {
        (Some(reader), Some(article)) => {
            let view = reader::ReaderView { reader, search: &app.search, theme: &app.theme };
            ratatui::widgets::Widget::render(&view, areas.text, buf);
            if let Some(toc_area) = areas.toc {
                let view = toc::TocView {
                    article,
                    reading: reader.section(),
                    cursor: app.toc.cursor,
                    focused: app.focus == Focus::Toc,
                    theme: &app.theme,
                };
                ratatui::widgets::Widget::render(&view, toc_area, buf);
            }
        }
        _ => draw_empty(app, areas.body, buf),
    }
    if let Some(scroll) = app.help {
        let view = help::HelpView { keymap: &app.keymap, scroll, theme: &app.theme };
        ratatui::widgets::Widget::render(&view, areas.body, buf);
    }
    let view = status::StatusView { app };
    ratatui::widgets::Widget::render(&view, areas.status, buf);
}

/// The enlarge message, wrapped at spaces so a narrow terminal still shows all of it.
fn draw_too_small(app: &App, area: Rect, buf: &mut Buffer) {
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
        buf.set_stringn(area.x, y, text, width, app.theme.warn);
    }
}

/// The empty-library message, centred.
fn draw_empty(app: &App, area: Rect, buf: &mut Buffer) {
    let lines: [(&str, Style); 3] = [
        ("No articles to read.", app.theme.warn),
        ("", app.theme.text),
        ("salve found no readable articles; see `salve --help`.", app.theme.dim),
    ];
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (row, (text, style)) in (top..area.bottom()).zip(lines) {
        let width = crate::layout::str_width(text) as u16;
        let x = area.x + area.width.saturating_sub(width) / 2;
        buf.set_stringn(x, row, text, usize::from(area.width), style);
    }
}

/// Renders `app` at `width` x `height` into a fresh buffer (for tests and benchmarks).
pub fn render_to_buffer(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render(app, area, &mut buf);
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
