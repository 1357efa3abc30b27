//! Pictures of the screen: a drawn [`Buffer`] written as an SVG image, cell by cell, with its
//! colours and text attributes, so the README can show the real drawing code's output without
//! a terminal or a screenshot tool.
//!
//! The picture is a monospace grid of [`CELL_WIDTH`] x [`CELL_HEIGHT`] pixels a cell. Colours
//! the theme leaves to the terminal (`Color::Reset`) become a dark terminal's default
//! foreground and background, and named and indexed colours that terminal's palette. Runs of
//! cells that look alike share one `<text>` whose `textLength` pins it to its cells, so the
//! columns line up whatever monospace font the viewer has. Block and line characters (`█`,
//! `░`, `│`, `─`...) are drawn as rectangles, as terminals draw them, so bars and borders join
//! from row to row. The output depends on the buffer alone: the same screen gives the same
//! bytes.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Width of one cell, in pixels.
pub const CELL_WIDTH: u32 = 9;
/// Height of one cell (a line), in pixels.
pub const CELL_HEIGHT: u32 = 18;
/// Font size, in pixels: monospace fonts advance about 0.6 em, one cell.
const FONT_SIZE: u32 = 15;
/// From a cell's top to the text's baseline.
const BASELINE: u32 = 14;
/// Blank margin around the grid, like a terminal window's.
const PADDING: u32 = 12;

/// The terminal's own text colour, for `Color::Reset` foregrounds.
pub const DEFAULT_FG: &str = "#d4d4d4";
/// The terminal's own background, for `Color::Reset` backgrounds.
pub const DEFAULT_BG: &str = "#16181d";

/// The 16 named colours of the dark terminal the pictures show (black, red, green, yellow,
/// blue, magenta, cyan, gray, then their bright forms), as ANSI numbers them.
const PALETTE: [&str; 16] = [
    "#000000", "#cc3e3e", "#4eb85a", "#c9a53c", "#3f7fd0", "#b05cc8", "#3aa8b8", "#b0b0b0",
    "#707070", "#f06c6c", "#8cd98c", "#f0d070", "#72a8f0", "#e08ae8", "#6fd5e0", "#f4f4f4",
];

/// Fonts to try, in order: what macOS, Windows and Linux have, then any monospace.
const FONTS: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', \
    'Liberation Mono', monospace";

/// The SVG image of `buf`; `title` is its accessible name (what a screen reader says).
pub fn buffer_to_svg(buf: &Buffer, title: &str) -> String {
    let area = buf.area;
    let width = u32::from(area.width) * CELL_WIDTH + 2 * PADDING;
    let height = u32::from(area.height) * CELL_HEIGHT + 2 * PADDING;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" xml:space=\"preserve\" \
         fill=\"{DEFAULT_FG}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    // No colour in the style sheet: a CSS rule would win over each text's own `fill`.
    let _ = writeln!(
        out,
        "<style>text{{font-family:{FONTS};font-size:{FONT_SIZE}px;\
         white-space:pre}}.b{{font-weight:bold}}.i{{font-style:italic}}\
         .u{{text-decoration:underline}}.s{{text-decoration:line-through}}\
         .u.s{{text-decoration:underline line-through}}.d{{opacity:0.6}}</style>"
    );
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" rx=\"6\" fill=\"{DEFAULT_BG}\"/>"
    );
    for y in area.top()..area.bottom() {
        let row = row_cells(buf, y);
        let top = PADDING + u32::from(y - area.top()) * CELL_HEIGHT;
        write_backgrounds(&mut out, &row, top);
        write_text(&mut out, &row, top);
    }
    out.push_str("</svg>\n");
    out
}

/// One cell as it will be painted: its text and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Painted {
    /// Column, counted from the buffer's left edge.
    x: u32,
    /// Cells it covers (2 for a wide character).
    width: u32,
    text: String,
    look: Look,
    bg: Option<String>,
}

/// How text is drawn: colour and attributes (the background is drawn separately).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Look {
    /// `None` is the terminal's own colour.
    fg: Option<String>,
    /// CSS classes for bold, italic, underline, strike-through and dim.
    classes: String,
    hidden: bool,
}

/// The cells of row `y`, with the ones a wide character covers left out.
fn row_cells(buf: &Buffer, y: u16) -> Vec<Painted> {
    let area = buf.area;
    let mut cells = Vec::new();
    let mut x = area.left();
    while x < area.right() {
        let Some(cell) = buf.cell((x, y)) else { break };
        let text = cell.symbol();
        let width = text.width().clamp(1, usize::from(area.right() - x)) as u16;
        let (mut fg, mut bg) = (hex(cell.fg), hex(cell.bg));
        if cell.modifier.contains(Modifier::REVERSED) {
            // A terminal swaps the colours, its default ones included.
            (fg, bg) = (
                Some(bg.unwrap_or_else(|| DEFAULT_BG.into())),
                Some(fg.unwrap_or_else(|| DEFAULT_FG.into())),
            );
        }
        cells.push(Painted {
            x: u32::from(x - area.left()),
            width: u32::from(width),
            text: if text.is_empty() { " ".into() } else { text.to_string() },
            look: Look {
                fg,
                classes: classes(cell.modifier),
                hidden: cell.modifier.contains(Modifier::HIDDEN),
            },
            bg,
        });
        x += width;
    }
    cells
}

/// The CSS classes for a cell's attributes (the `<style>` in [`buffer_to_svg`] defines them),
/// always in the same order so equal looks compare equal.
fn classes(modifier: Modifier) -> String {
    let names = [
        (Modifier::BOLD, "b"),
        (Modifier::ITALIC, "i"),
        (Modifier::UNDERLINED, "u"),
        (Modifier::CROSSED_OUT, "s"),
        (Modifier::DIM, "d"),
    ];
    let on: Vec<&str> =
        names.iter().filter(|(m, _)| modifier.contains(*m)).map(|(_, name)| *name).collect();
    on.join(" ")
}

/// Background rectangles for the runs of cells of one colour other than the terminal's.
fn write_backgrounds(out: &mut String, row: &[Painted], top: u32) {
    let mut i = 0;
    while i < row.len() {
        let Some(bg) = &row[i].bg else {
            i += 1;
            continue;
        };
        let start = row[i].x;
        let mut end = i;
        while end < row.len() && row[end].bg.as_ref() == Some(bg) {
            end += 1;
        }
        let cells = row[end - 1].x + row[end - 1].width - start;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"{bg}\"/>",
            PADDING + start * CELL_WIDTH,
            cells * CELL_WIDTH
        );
        i = end;
    }
}

/// The row's text: block and line characters as shapes, the rest in runs of one look.
fn write_text(out: &mut String, row: &[Painted], top: u32) {
    let mut run: Vec<&Painted> = Vec::new();
    for cell in row {
        if cell.look.hidden {
            flush(out, &mut run, top);
            continue;
        }
        if let Some(shape) = shape(&cell.text) {
            flush(out, &mut run, top);
            write_shape(out, shape, cell, top);
            continue;
        }
        if run.last().is_some_and(|last| last.look != cell.look) {
            flush(out, &mut run, top);
        }
        run.push(cell);
    }
    flush(out, &mut run, top);
}

/// Writes a run of cells as one `<text>`, without the blanks at its ends (unless they are
/// underlined or struck through, which shows), and empties it.
fn flush(out: &mut String, run: &mut Vec<&Painted>, top: u32) {
    let cells = std::mem::take(run);
    let Some(first) = cells.first() else { return };
    let marks_blanks = first.look.classes.split(' ').any(|c| c == "u" || c == "s");
    let blank = |c: &&&Painted| c.text.trim().is_empty() && !marks_blanks;
    let Some(start) = cells.iter().position(|c| !blank(&c)) else { return };
    let end = cells.iter().rposition(|c| !blank(&c)).map_or(start, |e| e + 1);
    let kept = &cells[start..end];
    let x = kept[0].x;
    let span: u32 = kept.iter().map(|c| c.width).sum();
    let text: String = kept.iter().map(|c| escape(&c.text)).collect();
    let mut attributes = String::new();
    if !first.look.classes.is_empty() {
        let _ = write!(attributes, " class=\"{}\"", first.look.classes);
    }
    if let Some(fg) = &first.look.fg {
        let _ = write!(attributes, " fill=\"{fg}\"");
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacing\"{attributes}>{text}</text>",
        PADDING + x * CELL_WIDTH,
        top + BASELINE,
        span * CELL_WIDTH
    );
}

/// A character terminals draw as a shape rather than a glyph: its rectangle within the cell
/// as fractions (left, top, width, height) and how opaque it is.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    rect: (f32, f32, f32, f32),
    opacity: f32,
}

fn shape(text: &str) -> Option<Shape> {
    let full = |opacity| Shape { rect: (0.0, 0.0, 1.0, 1.0), opacity };
    // Thin lines are a ninth of a cell wide and a ninth of a line high: 1 and 2 pixels.
    let line = 1.0 / 9.0;
    Some(match text {
        "█" => full(1.0),
        "▓" => full(0.75),
        "▒" => full(0.5),
        "░" => full(0.25),
        "▌" => Shape { rect: (0.0, 0.0, 0.5, 1.0), opacity: 1.0 },
        "▐" => Shape { rect: (0.5, 0.0, 0.5, 1.0), opacity: 1.0 },
        "▀" => Shape { rect: (0.0, 0.0, 1.0, 0.5), opacity: 1.0 },
        "▄" => Shape { rect: (0.0, 0.5, 1.0, 0.5), opacity: 1.0 },
        "│" => Shape { rect: (4.0 * line, 0.0, line, 1.0), opacity: 1.0 },
        "─" => Shape { rect: (0.0, 4.0 * line, 1.0, line), opacity: 1.0 },
        _ => return None,
    })
}

fn write_shape(out: &mut String, shape: Shape, cell: &Painted, top: u32) {
    let (left, up, wide, high) = shape.rect;
    let cell_w = (cell.width * CELL_WIDTH) as f32;
    let cell_h = CELL_HEIGHT as f32;
    let x = (PADDING + cell.x * CELL_WIDTH) as f32 + left * cell_w;
    let y = top as f32 + up * cell_h;
    let fill = cell.look.fg.as_deref().unwrap_or(DEFAULT_FG);
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"",
        x.round(),
        y.round(),
        (wide * cell_w).round().max(1.0),
        (high * cell_h).round().max(1.0)
    );
    if shape.opacity < 1.0 {
        let _ = write!(out, " fill-opacity=\"{}\"", shape.opacity);
    }
    out.push_str("/>\n");
}

/// A colour as `#rrggbb`, or `None` for the terminal's own (`Color::Reset`).
fn hex(color: Color) -> Option<String> {
    let named = |i: usize| Some(PALETTE[i].to_string());
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) => Some(indexed(i)),
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
    }
}

/// Colour `i` of the 256-colour palette: the 16 named ones, a 6x6x6 cube, then 24 greys
/// (xterm's values, which most terminals share).
fn indexed(i: u8) -> String {
    match i {
        0..16 => PALETTE[usize::from(i)].to_string(),
        16..232 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = i - 16;
            format!("#{:02x}{:02x}{:02x}", level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        232.. => {
            let grey = 8 + 10 * (i - 232);
            format!("#{grey:02x}{grey:02x}{grey:02x}")
        }
    }
}

/// `text` safe inside an XML element or attribute: markup escaped, and characters XML does
/// not allow (control characters) replaced, so a stray one cannot make the file unreadable.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "svg_tests.rs"]
mod tests;
