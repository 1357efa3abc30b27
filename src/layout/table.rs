//! Tables fitted to the column: a bordered grid whose columns share the width by content, or,
//! when the columns' longest words cannot all fit, the rows as `header: value` lines.
//!
//! Widths: each column's natural width (its widest cell on one line) and minimum width (its
//! longest word, capped at [`MAX_MIN`], at least 3 cells when every column can have 3) are
//! measured. Natural widths are used when they fit; else minimums, with the spare cells shared
//! in proportion to how much each column still wants; else minimums shrink the same way down to
//! one cell. Cells wrap inside their column, breaking words when they must.

use super::blocks::Builder;
use super::words::{Measure, Tokens, feed_spans};
use super::wrap::{Filler, Prefix, Sink, push_seg};
use super::{Kind, Line, Position, Style};
use crate::article::count_words;
use crate::article::{Align, Inline, Link, Span, Table};

/// Cap on a column's minimum width, so one long word (an address) does not starve the others.
const MAX_MIN: usize = 14;

/// Width every column gets before any is made wider, when the column allows it.
const COMFORT: usize = 3;

/// Lays out a table at the builder's position.
pub fn table<'a>(b: &mut Builder<'a>, t: &'a Table) {
    let cols = t.head.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut total = 0;
    for span in t.head.iter().chain(t.rows.iter().flatten()).flatten() {
        total += span.text.len();
        b.words += count_words(&span.text);
    }
    if cols == 0 {
        return;
    }
    let (first, rest) = b.prefixes();
    let avail = b.width.saturating_sub(first.width.max(rest.width));
    // Borders: `│ ` before each cell, ` │` after the last, ` │ ` between: 3 per column plus 1.
    let overhead = 3 * cols + 1;
    let mut natural = vec![0; cols];
    let mut longest = vec![0; cols];
    for row in std::iter::once(&t.head).chain(&t.rows) {
        for (c, cell) in row.iter().enumerate() {
            let mut m = Measure::default();
            feed_spans(cell, Kind::Text, None, None, &mut m);
            m.hard_break();
            natural[c] = natural[c].max(m.natural);
            longest[c] = longest[c].max(m.longest_word);
        }
    }
    // Words cut across lines inside cells ("Depressio" / "n") read worse than the pairs, so
    // the grid needs room for every column's longest word (up to the cap for addresses).
    let words: usize =
        longest.iter().zip(&natural).map(|(&l, &n)| l.clamp(1, MAX_MIN).min(n.max(1))).sum();
    if avail < overhead + words {
        pairs(b, t, &rest);
    } else {
        let widths = fit(&natural, &longest, avail - overhead);
        grid(b, t, &widths, &first, &rest);
    }
    b.offset += total;
}

/// Column widths summing to at most `room` (which is at least one cell per column).
fn fit(natural: &[usize], longest: &[usize], room: usize) -> Vec<usize> {
    let natural: Vec<usize> = natural.iter().map(|&n| n.max(1)).collect();
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let floor = if room >= COMFORT * natural.len() { COMFORT } else { 1 };
    let min: Vec<usize> = longest
        .iter()
        .zip(&natural)
        .map(|(&l, &n)| l.clamp(floor, MAX_MIN.max(floor)).min(n))
        .collect();
    if min.iter().sum::<usize>() <= room {
        share(min, &natural, room)
    } else {
        share(natural.iter().map(|&n| n.min(floor)).collect(), &min, room)
    }
}

/// Grows `widths` toward `target`, sharing the spare cells of `room` in proportion to what each
/// column still wants; rounding leftovers go one cell at a time, left to right.
fn share(mut widths: Vec<usize>, target: &[usize], room: usize) -> Vec<usize> {
    let spare = room.saturating_sub(widths.iter().sum());
    let want: usize = widths.iter().zip(target).map(|(w, t)| t.saturating_sub(*w)).sum();
    if want == 0 || spare == 0 {
        return widths;
    }
    for (w, t) in widths.iter_mut().zip(target) {
        let short = t.saturating_sub(*w) as u128;
        *w += (short * spare as u128 / want as u128) as usize;
    }
    let mut left = room.saturating_sub(widths.iter().sum());
    for (w, t) in widths.iter_mut().zip(target) {
        if left > 0 && *w < *t {
            *w += 1;
            left -= 1;
        }
    }
    widths
}

/// Wraps one cell to `width` cells.
fn wrap_cell(
    cell: &[Span],
    kind: Kind,
    width: usize,
    section: u32,
    links: &mut Vec<Link>,
) -> Vec<Line> {
    let mut sink = Sink::default();
    let mut filler = Filler::new(&mut sink, section, width, Prefix::default(), Prefix::default());
    feed_spans(cell, kind, None, Some(links), &mut filler);
    filler.finish();
    sink.lines
}

/// The bordered grid.
fn grid<'a>(b: &mut Builder<'a>, t: &'a Table, widths: &[usize], first: &Prefix, rest: &Prefix) {
    let border = Style::new(Kind::TableBorder, Inline::PLAIN);
    let rule = |prefix: &Prefix, [left, mid, right]: [&str; 3]| {
        let mut segs = prefix.segs.clone();
        push_seg(&mut segs, left, border);
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                push_seg(&mut segs, mid, border);
            }
            push_seg(&mut segs, &"─".repeat(w + 2), border);
        }
        push_seg(&mut segs, right, border);
        segs
    };
    b.sink.push(&rule(first, ["┌", "┬", "┐"]), None, None);
    let mut offset = b.offset;
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    for (r, row) in std::iter::once(&t.head).chain(&t.rows).enumerate() {
        let kind = if r == 0 { Kind::TableHeader } else { Kind::Text };
        let cells: Vec<Vec<Line>> = (0..widths.len())
            .map(|c| {
                row.get(c).map_or_else(Vec::new, |cell| {
                    wrap_cell(cell, kind, widths[c], b.section, &mut b.links)
                })
            })
            .collect();
        let pos = Position { section: b.section, offset: super::wrap::offset32(offset) };
        offset += row.iter().flatten().map(|s| s.text.len()).sum::<usize>();
        rows.push((cells, pos));
    }
    // Separators between body rows only when some row wraps, where rows would otherwise blur.
    let ruled = rows.iter().skip(1).any(|(cells, _)| cells.iter().any(|c| c.len() > 1));
    let has_head = !t.head.is_empty();
    for (r, (cells, pos)) in rows.iter().enumerate() {
        if r == 0 && !has_head {
            continue;
        }
        if r == 1 && has_head || r > 1 && ruled {
            b.sink.push(&rule(rest, ["├", "┼", "┤"]), None, None);
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut segs = rest.segs.clone();
            push_seg(&mut segs, "│ ", border);
            for (c, cell) in cells.iter().enumerate() {
                if c > 0 {
                    push_seg(&mut segs, " │ ", border);
                }
                let line = cell.get(k);
                let used = line.map_or(0, Line::width);
                let gap = widths[c].saturating_sub(used);
                let before = match t.aligns.get(c) {
                    Some(Align::Right) => gap,
                    Some(Align::Center) => gap / 2,
                    _ => 0,
                };
                push_seg(&mut segs, &" ".repeat(before), Style::default());
                for seg in line.iter().flat_map(|l| l.segs()) {
                    push_seg(&mut segs, seg.text, seg.style);
                }
                push_seg(&mut segs, &" ".repeat(gap - before), Style::default());
            }
            push_seg(&mut segs, " │", border);
            b.sink.push(&segs, (k == 0).then_some(*pos), None);
        }
    }
    b.sink.push(&rule(rest, ["└", "┴", "┘"]), None, None);
}

/// The narrow fallback: each row as `header: value` lines, a blank line between rows. A table
/// with no body rows lists its header cells.
fn pairs<'a>(b: &mut Builder<'a>, t: &'a Table, rest: &Prefix) {
    let head_style = Style::new(Kind::TableHeader, Inline::PLAIN);
    let mut hang = rest.clone();
    hang.push("  ", Kind::Text);
    let hang = hang.fit(b.width);
    let head_len: usize = t.head.iter().flatten().map(|s| s.text.len()).sum();
    let (rows, labelled, mut offset) = if t.rows.is_empty() {
        (std::slice::from_ref(&t.head), false, b.offset)
    } else {
        (&t.rows[..], true, b.offset + head_len)
    };
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            b.blank();
        }
        for (c, cell) in row.iter().enumerate() {
            let (first, _) = b.prefixes();
            let mut filler = Filler::new(&mut b.sink, b.section, b.width, first, hang.clone());
            let label = t.head.get(c).filter(|h| labelled && !h.is_empty());
            if let Some(label) = label {
                // The header repeats on every row: decoration, so it carries no position.
                feed_spans(label, Kind::TableHeader, None, None, &mut filler);
                filler.piece(":", head_style, None);
                filler.space(Style::default());
            }
            let kind = if labelled { Kind::Text } else { Kind::TableHeader };
            offset = feed_spans(cell, kind, Some(offset), Some(&mut b.links), &mut filler)
                .offset
                .unwrap_or(offset);
            filler.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_widths_are_kept_when_they_fit() {
        assert_eq!(fit(&[4, 10], &[4, 5], 20), [4, 10]);
    }

    #[test]
    fn spare_cells_go_to_the_columns_that_want_them() {
        // Minimums 4 + 5, 6 spare cells shared 0 : 6 by what each still wants.
        assert_eq!(fit(&[4, 30], &[4, 5], 15), [4, 11]);
    }

    #[test]
    fn columns_keep_three_cells_when_there_is_room() {
        let widths = fit(&[40, 40, 40], &[20, 20, 20], 10);
        assert!(widths.iter().all(|&w| w >= 3), "{widths:?}");
        assert!(widths.iter().sum::<usize>() <= 10);
    }

    #[test]
    fn no_column_collapses_below_one_cell() {
        for room in 4..12 {
            let widths = fit(&[40, 1, 40, 2], &[20, 1, 20, 2], room);
            assert!(widths.iter().all(|&w| w >= 1), "{room}: {widths:?}");
            assert!(widths.iter().sum::<usize>() <= room, "{room}: {widths:?}");
        }
    }
}
