//! Screen geometry: where the text column, the contents sidebar, lists and the status line
//! go for a terminal size. The model uses it for mouse clicks and the layout width, the views
//! for drawing, so the two always agree.

use ratatui::layout::{Position, Rect};

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

/// The rows entries are drawn in: below the title, left of the border.
pub fn toc_rows(area: Rect) -> Rect {
    Rect::new(area.x, area.y + 1, area.width.saturating_sub(2), area.height.saturating_sub(1))
}

/// The first entry shown, so the cursor stays on screen.
pub fn toc_first_shown(cursor: usize, rows: u16) -> usize {
    (cursor + 1).saturating_sub(usize::from(rows).max(1))
}

/// The section whose contents entry is at screen cell (`x`, `y`), if any.
pub fn toc_entry_at(area: Rect, cursor: usize, sections: usize, x: u16, y: u16) -> Option<usize> {
    let rows = toc_rows(area);
    if !rows.contains(Position { x, y }) {
        return None;
    }
    let index = toc_first_shown(cursor, rows.height) + usize::from(y - rows.y);
    (index < sections).then_some(index)
}

/// Screen rows each search result takes: article › section, then the snippet.
pub const RESULT_ROWS: usize = 2;

/// Where the search results go: below the header line.
pub fn lookup_list(body: Rect) -> Rect {
    Rect::new(body.x, body.y + 2, body.width, body.height.saturating_sub(2))
}

/// Terminals at least this wide show the selected article's preview beside the library list.
pub const PREVIEW_MIN_WIDTH: u16 = 100;

/// The library pane's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShelfAreas {
    /// The line above the list: the library's name, size and order, or the filter.
    pub header: Rect,
    /// The article list.
    pub list: Rect,
    /// The preview column, on wide terminals.
    pub preview: Option<Rect>,
}

/// Where the library pane's parts go in `body`.
pub fn shelf_areas(body: Rect) -> ShelfAreas {
    let header = Rect::new(body.x, body.y, body.width, body.height.min(1));
    let below = Rect::new(body.x, body.y + 1, body.width, body.height.saturating_sub(1));
    if body.width < PREVIEW_MIN_WIDTH {
        return ShelfAreas { header, list: below, preview: None };
    }
    let preview_width = (body.width / 3).clamp(34, 60);
    let list = Rect { width: below.width - preview_width, ..below };
    let preview = Rect { x: list.right(), width: preview_width, ..below };
    ShelfAreas { header, list, preview: Some(preview) }
}
