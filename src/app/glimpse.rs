//! Starting before the whole library is read: the first screen drawn from a few remembered
//! rows (a [`Glimpse`] the last run left) or, for `salve FILE`, from the article alone, while
//! the metadata cache is read on other threads; the whole list is then taken in before any key
//! is (so keys typed meanwhile wait in the terminal and act on the whole list).
//!
//! Reading the cache of a 100,000-article library takes far longer than a frame; the glimpse
//! makes the first frame cost the same at any library size. It is worked out when a run ends,
//! as the next start will order the list: every entry (a file gone since stays cached, and
//! listed, until the walk finds it gone), the article read last selected.

use super::shelf::{Row, Window, in_order, with_moved};
use super::{App, Effect};
use crate::article::Origin;
use crate::library::Entry;
use crate::store::{Glimpse, GlimpseRow, IndexOrigin};

/// Rows kept on each side of the selected one: enough for a terminal this many rows tall.
pub const GLIMPSE_ROWS: usize = 100;

impl App {
    /// Says that entries from `base` on are only part of the library (or none of it) until
    /// [`App::take_library`] brings the rest: saved state is not re-attached to edited
    /// articles before then (the article it belongs to may simply not be read yet).
    pub(super) fn await_library(&mut self, base: usize) {
        self.pending = Some(base.min(self.entries.len()));
    }

    /// Shows the remembered first screen `glimpse`, whose rows must be among the entries
    /// (call after [`App::restore`]); false, changing nothing, when one of them is not.
    pub(super) fn show_glimpse(&mut self, glimpse: &Glimpse) -> bool {
        let found: Option<Vec<Row>> = glimpse
            .rows
            .iter()
            .map(|row| {
                self.entries.iter().position(|e| is_at(e, &row.place)).map(|entry| Row { entry })
            })
            .collect();
        let Some(rows) = found else { return false };
        self.shelf.rows = rows;
        self.shelf.unfiltered = None;
        self.shelf.window = Some(Window { first: glimpse.first, total: glimpse.total });
        self.shelf.selected = glimpse.selected - glimpse.first;
        // Where a whole list puts it at start: the article read last on the top row.
        self.shelf.top = self.shelf.selected;
        self.shelf.scroll_into_view();
        self.after_selection();
        true
    }

    /// Takes in the library's cached entries (read after the first frame, before any key): the
    /// entries from the base [`App::await_library`] named are replaced by them, saved state
    /// is re-attached, and the list is made whole, with the article read last selected as at
    /// any start. Returns the effects that asks for (state moved to edited articles, a
    /// preview).
    pub(super) fn take_library(&mut self, cached: Vec<Entry>) -> Vec<Effect> {
        let Some(base) = self.pending.take() else { return Vec::new() };
        self.entries.truncate(base);
        self.entries.extend(cached);
        self.shelf.unfiltered = None;
        self.by_path.clear();
        self.shelf.entries_changed();
        self.shelf.window = None;
        // The rows and selection name entries of the partial list, whose places are gone.
        self.shelf.rows.clear();
        self.shelf.selected = 0;
        super::scanning::dedupe_keys(&mut self.entries);
        self.attach_orphans();
        self.refresh_shelf();
        self.select_last_read();
        self.after_selection();
        self.take_effects()
    }

    /// The first screen the next start will show, for [`App::glimpse_scope`]'s library; `None`
    /// when this run is not on that library.
    ///
    /// Also when the walk of the folders has not finished: a run quit at once must leave
    /// one for the next. The cache may then hold files this run was not told about yet; if
    /// so, the next start's first frame shows the list without them, and the whole list,
    /// taken in before any key, is drawn a moment later.
    pub fn glimpse(&self) -> Option<Glimpse> {
        let scope = self.glimpse_scope.clone()?;
        if self.standalone || self.pending.is_some() {
            return None;
        }
        let order = self.shelf.order;
        let rows = match self.shelf.unfiltered_rows() {
            // The list as last made, the articles read since put in place: no sort of the
            // whole list while quitting (70 ms at 100,000 articles).
            Some(rows) if self.gone == 0 => {
                with_moved(&self.entries, &self.progress, order, rows, &self.shelf.moved)
            }
            // A filter was typed while the walk changed the list, or files went away (the
            // list leaves them out, the next start lists them until its walk finds them gone).
            _ => {
                let all = (0..self.entries.len()).map(|entry| Row { entry }).collect();
                in_order(&self.entries, &self.progress, order, all)
            }
        };
        let selected =
            self.latest.and_then(|e| rows.iter().position(|r| r.entry == e)).unwrap_or(0);
        let first = selected.saturating_sub(GLIMPSE_ROWS);
        let end = selected.saturating_add(GLIMPSE_ROWS).min(rows.len());
        let kept = rows.get(first..end).unwrap_or_default();
        Some(Glimpse {
            scope,
            order: self.shelf.order.name().to_string(),
            total: rows.len(),
            first,
            selected,
            rows: kept
                .iter()
                .map(|r| {
                    let entry = &self.entries[r.entry];
                    GlimpseRow { place: place_of(entry), key: entry.key.to_string() }
                })
                .collect(),
        })
    }
}

/// Whether `entry` comes from `place`.
fn is_at(entry: &Entry, place: &IndexOrigin) -> bool {
    match (&entry.origin, place) {
        (Origin::Bundled(name), IndexOrigin::Bundled(kept)) => name == kept,
        (Origin::File(path), IndexOrigin::File(kept)) => path == kept,
        _ => false,
    }
}

/// Where `entry` comes from, as a glimpse names it.
fn place_of(entry: &Entry) -> IndexOrigin {
    IndexOrigin::from(&entry.origin)
}
