//! The reader view: the visible slice of the laid-out article, styled by the theme, with search
//! matches and the selected link highlighted.

use super::theme::Theme;
use crate::app::{FindState, ReaderState};
use crate::article::Inline;
use crate::layout::{Kind, Line, Style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Matches before a line looked at for pieces a wrap carried onto it: a phrase that wraps
/// starts on one of the lines just above, and matches do not overlap.
const WRAPPED: usize = 4;

/// Draws the article text column.
#[derive(Debug)]
pub struct ReaderView<'a> {
    /// Where the reader is.
    pub reader: &'a ReaderState,
    /// Matches to highlight.
    pub find: &'a FindState,
    /// Styles.
    pub theme: &'a Theme,
    /// Where the article's bookmarks are: their lines get a sign in the left margin.
    pub marks: &'a [crate::layout::Position],
}

impl Widget for &ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let top = self.reader.top();
        if area.x >= crate::app::geometry::MARGIN {
            let x = area.x - crate::app::geometry::MARGIN;
            for pos in self.marks {
                let line = self.reader.layout.line_at(*pos);
                if let Some(y) = line.checked_sub(top).filter(|&dy| dy < usize::from(area.height)) {
                    buf.set_stringn(x, area.y + y as u16, super::toc::MARK, 1, self.theme.mark);
                }
            }
        }
        let progress = format!("{}% read", self.reader.percent());
        let lines = self.reader.layout.lines.iter().enumerate().skip(top);
        for (y, (index, line)) in (area.top()..area.bottom()).zip(lines) {
            let row = Rect::new(area.x, y, area.width, 1);
            let fill = line.fill.map(|kind| Style::new(kind, Inline::PLAIN));
            if let Some(bg) = fill.and_then(|style| self.theme.style(style).bg) {
                buf.set_style(row, ratatui::style::Style::new().bg(bg));
            }
            self.render_line(index, line, &progress, row, buf);
        }
    }
}

impl ReaderView<'_> {
    /// Draws one line's runs left to right, splitting runs where a search match starts or ends.
    fn render_line(&self, index: usize, line: &Line, progress: &str, row: Rect, buf: &mut Buffer) {
        let matches = &self.find.matches;
        // Matches starting here, and the few before that a wrap may have carried onto it.
        let first = matches.partition_point(|m| m.line < index).saturating_sub(WRAPPED);
        let here: Vec<(usize, &std::ops::Range<usize>)> = matches[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.line <= index)
            .flat_map(|(i, m)| {
                m.pieces().filter(|(line, _)| *line == index).map(move |(_, r)| (first + i, r))
            })
            .collect();
        let mut x = row.x;
        let mut at = 0;
        for seg in line.segs() {
            let mut style = self.theme.style(seg.style);
            let selected = self.reader.link.is_some_and(|l| {
                seg.style.link == l.number && line.pos.section == l.section && l.number > 0
            });
            if selected {
                style = style.add_modifier(ratatui::style::Modifier::REVERSED);
            }
            let text = if seg.style.kind == Kind::Progress { progress } else { seg.text };
            let start = at;
            at += seg.text.len();
            // Cut points: the run's ends plus every match edge inside it, as offsets in `text`.
            // The progress badge's text differs from the layout's, so matches never split it.
            let mut cuts = vec![0, text.len()];
            if seg.style.kind != Kind::Progress {
                for (_, r) in &here {
                    for edge in [r.start, r.end] {
                        if edge > start && edge < at && text.is_char_boundary(edge - start) {
                            cuts.push(edge - start);
                        }
                    }
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            for pair in cuts.windows(2) {
                let piece = &text[pair[0]..pair[1]];
                let abs = start + pair[0];
                let mut piece_style = style;
                if let Some((i, _)) = here.iter().find(|(_, r)| r.contains(&abs)) {
                    let current = self.find.current == Some(*i);
                    let hl = if current { self.theme.matched_current } else { self.theme.matched };
                    piece_style = piece_style.patch(hl);
                }
                let room = usize::from(row.right().saturating_sub(x));
                if room == 0 {
                    return;
                }
                x = buf.set_stringn(x, row.y, piece, room, piece_style).0;
            }
        }
    }
}
