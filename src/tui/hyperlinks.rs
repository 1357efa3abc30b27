//! Links made clickable (OSC 8), after each frame: ratatui writes cells, not hyperlinks, so
//! the cells of the links on screen are written again, the same symbols in the same styles,
//! between an OSC 8 that opens the link and one that closes it. Cells that were a link in the
//! frame before and are not now are written again without, or a terminal would keep them
//! clickable where the text scrolled on. Addresses come from [`crate::ui::hyperlinks`], which
//! lets only plain web and mail addresses through.

use crate::ui::hyperlinks::Hyperlink;
use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, PrintStyledContent, ResetColor, SetAttribute, StyledContent,
};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Writes the links of a frame just drawn into `buffer`: `now` as hyperlinks, and the runs
/// of `before` that are gone as plain cells again.
pub fn write(
    out: &mut impl Write,
    buffer: &Buffer,
    now: &[Hyperlink],
    before: &[Hyperlink],
) -> io::Result<()> {
    if now.is_empty() && before.is_empty() {
        return Ok(());
    }
    for run in before.iter().filter(|r| !now.contains(r)) {
        cells(out, buffer, run, None)?;
    }
    for run in now {
        cells(out, buffer, run, Some(&run.address))?;
    }
    queue!(out, SetAttribute(Attribute::Reset), ResetColor)
}

/// Writes the cells of `run` as the frame has them, inside a hyperlink to `address` if any.
fn cells(
    out: &mut impl Write,
    buffer: &Buffer,
    run: &Hyperlink,
    address: Option<&str>,
) -> io::Result<()> {
    queue!(out, MoveTo(run.x, run.y))?;
    if let Some(address) = address {
        write!(out, "\x1b]8;;{address}\x1b\\")?;
    }
    // Cells of one style go out together.
    let mut pending: Option<(ratatui::style::Style, String)> = None;
    let mut x = run.x;
    while x < run.x.saturating_add(run.width) {
        let Some(cell) = buffer.cell((x, run.y)) else { break };
        let (style, symbol) = (cell.style(), cell.symbol());
        match pending.as_mut() {
            Some((current, text)) if *current == style => text.push_str(symbol),
            _ => {
                flush(out, pending.take())?;
                pending = Some((style, symbol.to_string()));
            }
        }
        // A wide character covers the cells after it, which hold nothing to write.
        x = x.saturating_add(u16::try_from(symbol.width().max(1)).unwrap_or(1));
    }
    flush(out, pending)?;
    if address.is_some() {
        write!(out, "\x1b]8;;\x1b\\")?;
    }
    Ok(())
}

/// Writes `text` in `style`, if there is any.
fn flush(out: &mut impl Write, styled: Option<(ratatui::style::Style, String)>) -> io::Result<()> {
    match styled {
        Some((style, text)) => {
            queue!(out, PrintStyledContent(StyledContent::new(style.into_crossterm(), text)))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    fn run(x: u16, width: u16, address: &str) -> Hyperlink {
        Hyperlink { x, y: 1, width, address: address.into() }
    }

    /// What a terminal would show of `out`: escape sequences (CSI and OSC) left out.
    fn visible(out: &str) -> String {
        let mut text = String::new();
        let mut rest = out;
        while let Some(at) = rest.find('\x1b') {
            text.push_str(&rest[..at]);
            let tail = &rest[at + 1..];
            rest = if let Some(osc) = tail.strip_prefix(']') {
                osc.find("\x1b\\").map_or("", |end| &osc[end + 2..])
            } else {
                let csi = tail.strip_prefix('[').unwrap_or(tail);
                csi.find(|c: char| c.is_ascii_alphabetic()).map_or("", |end| &csi[end + 1..])
            };
        }
        text.push_str(rest);
        text
    }

    #[test]
    fn link_cells_are_written_again_inside_the_hyperlink_in_their_style() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 3));
        let link = Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED);
        buffer.set_string(0, 1, "see ", Style::new());
        buffer.set_string(4, 1, "the NIH", link);
        let mut out = Vec::new();
        write(&mut out, &buffer, &[run(4, 7, "https://nih.gov")], &[]).unwrap();
        let out = String::from_utf8(out).unwrap();
        let open = out.find("\x1b]8;;https://nih.gov\x1b\\").expect("opens the link");
        let close = out.rfind("\x1b]8;;\x1b\\").expect("closes it");
        let inside = &out[open..close];
        // At the run's cell (row 2, column 5), underlined, every character, nothing more.
        assert!(out[..open].ends_with("\x1b[2;5H"), "{out:?}");
        assert!(inside.contains("\x1b[4m"), "{inside:?}");
        assert_eq!(visible(inside), "the NIH");
        assert_eq!(visible(&out), "the NIH");
    }

    #[test]
    fn a_run_gone_since_the_last_frame_is_written_plain_and_nothing_is_written_for_no_links() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 3));
        buffer.set_string(2, 1, "plain now", Style::new());
        let mut out = Vec::new();
        write(&mut out, &buffer, &[], &[run(2, 5, "https://old.org")]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("\x1b]8"), "{out:?}");
        assert!(out.starts_with("\x1b[2;3H") && visible(&out) == "plain", "{out:?}");
        let mut none = Vec::new();
        write(&mut none, &buffer, &[], &[]).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn a_wide_character_is_written_once() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 3));
        buffer.set_string(0, 1, "医療x", Style::new());
        let mut out = Vec::new();
        write(&mut out, &buffer, &[run(0, 5, "https://x.org")], &[]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(visible(&out), "医療x");
    }
}
