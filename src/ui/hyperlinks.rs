//! Where the reader's links are on screen, for terminals that make them clickable (OSC 8
//! hyperlinks, the `hyperlinks` setting).
//!
//! A frame is drawn cell by cell; a hyperlink is an attribute the terminal gives the cells
//! written while it is open. [`on_screen`] lists the runs of link text drawn in the text
//! column, with their addresses; the terminal loop writes those cells again inside the
//! hyperlink (see `crate::tui`). Only addresses [`hyperlink_target`] accepts are listed: web
//! and mail addresses of plain printable ASCII, so article text still cannot drive the
//! terminal.

use crate::app::{App, Overlay, Screen};
use crate::layout::{Kind, str_width};
use crate::sanitize::hyperlink_target;

/// A run of link text on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    /// Its first cell's column.
    pub x: u16,
    /// Its row.
    pub y: u16,
    /// Cells it covers.
    pub width: u16,
    /// Where it leads.
    pub address: String,
}

/// The runs of link text in the reader's text column, as the last frame drew them; none when
/// the text is covered (help, lists) or nothing is being read.
pub fn on_screen(app: &App) -> Vec<Hyperlink> {
    let areas = app.areas();
    let covered = app
        .overlays
        .iter()
        .any(|o| matches!(o, Overlay::Help(_) | Overlay::Bookmarks(_) | Overlay::Problems(_)));
    let Some(reader) = app.reader.as_ref() else { return Vec::new() };
    if areas.too_small || covered || app.screen != Screen::Reader || reader.layout.links.is_empty()
    {
        return Vec::new();
    }
    // Rows a long notice covers, above the status line.
    let notice = super::status::notice_rows(app, &areas).map_or(0, |rows| rows.len()) as u16;
    let bottom = areas.text.bottom().min(areas.status.y.saturating_sub(notice));
    let mut runs = Vec::new();
    let lines = reader.layout.lines.iter().skip(reader.top());
    for (y, line) in (areas.text.top()..bottom).zip(lines) {
        let mut x = areas.text.x;
        for seg in line.segs() {
            // The progress badge is drawn with other text than the layout's; it is no link.
            let width = if seg.style.kind == Kind::Progress { 0 } else { str_width(seg.text) };
            let right = areas.text.right();
            let shown = (width as u16).min(right.saturating_sub(x));
            let address = reader.layout.link(line.pos.section, seg.style.link);
            let address = address.and_then(|a| hyperlink_target(a));
            if let (Some(address), true) = (address, seg.style.link > 0 && shown > 0) {
                runs.push(Hyperlink { x, y, width: shown, address: address.to_string() });
            }
            x = x.saturating_add(shown);
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::{article, library_app, press, section};
    use crate::article::{Block, Inline, Span};
    use ratatui::crossterm::event::KeyCode;

    fn app_reading(spans: Vec<Span>) -> App {
        let mut lead = section(0, "", &[]);
        lead.blocks.push(Block::Paragraph(spans));
        let mut app = library_app(vec![article("Links", vec![lead])], 60, 12);
        press(&mut app, KeyCode::Enter);
        app
    }

    #[test]
    fn web_links_are_listed_where_they_are_drawn_and_others_are_not() {
        let app = app_reading(vec![
            Span::plain("See "),
            Span::linked("the NIH", Inline::LINK, "https://nih.gov"),
            Span::plain(", "),
            Span::linked("a section", Inline::LINK, "#dosage"),
            Span::plain(", "),
            Span::linked("a trap", Inline::LINK, "javascript:alert(1)"),
            Span::plain(" or "),
            Span::linked("write", Inline::LINK, "mailto:me@x.org"),
        ]);
        let runs = on_screen(&app);
        let buf = crate::ui::render_to_buffer(&app, 60, 12);
        let drawn = |r: &Hyperlink| -> String {
            (r.x..r.x + r.width).map(|x| buf[(x, r.y)].symbol().to_string()).collect()
        };
        let found: Vec<(String, &str)> =
            runs.iter().map(|r| (drawn(r), r.address.as_str())).collect();
        assert_eq!(
            found,
            [("the NIH".into(), "https://nih.gov"), ("write".into(), "mailto:me@x.org")]
        );
    }

    #[test]
    fn none_while_the_help_covers_the_text() {
        let mut app = app_reading(vec![Span::linked("the NIH", Inline::LINK, "https://nih.gov")]);
        assert_eq!(on_screen(&app).len(), 1);
        press(&mut app, KeyCode::Char('?'));
        assert!(on_screen(&app).is_empty());
    }
}
