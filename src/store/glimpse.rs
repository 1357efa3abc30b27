//! The library's first screen as the last run left it for the next one (see [`Glimpse`]):
//! kept as one setting, and its rows read back from the cache by path.
//!
//! The setting is text, one field per line; paths, names and keys are written as hex, so no
//! byte of them (a newline in a file name, a path that is not UTF-8) can break the lines.

use super::cache::{COLUMNS, path_from_sql, path_to_sql, row_from_sql};
use super::{CachedRow, IndexOrigin, Result, Store};
use rusqlite::OptionalExtension;
use std::fmt::Write as _;

/// The setting the glimpse is kept in.
const SETTING: &str = "library.glimpse";

/// The first line of a glimpse in this format.
const MAGIC: &str = "salve-glimpse 1";

/// What the library's first screen shows at the next start, worked out when the last run
/// ended: which rows of the whole list, in order, around the article read last. A warm start
/// draws its first frame from these rows (a few point reads of the cache) while the whole
/// cache is read, instead of waiting for all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glimpse {
    /// What the list was made of (the library folders and whether the bundled articles are
    /// in it): a glimpse is only used for the same library.
    pub scope: String,
    /// The list's order, by name.
    pub order: String,
    /// Rows in the whole list.
    pub total: usize,
    /// The place in the whole list of the first row kept.
    pub first: usize,
    /// The place in the whole list of the selected row (the article read last).
    pub selected: usize,
    /// The rows kept, in order, from `first`.
    pub rows: Vec<GlimpseRow>,
}

/// One row of a [`Glimpse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlimpseRow {
    /// Where the article comes from.
    pub place: IndexOrigin,
    /// The article's key in the whole list (where two copies of an article are told apart).
    pub key: String,
}

impl Glimpse {
    /// The glimpse as the setting keeps it.
    fn encode(&self) -> String {
        let mut out = format!(
            "{MAGIC}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            hex(self.scope.as_bytes()),
            hex(self.order.as_bytes()),
            self.total,
            self.first,
            self.selected,
            self.rows.len()
        );
        for row in &self.rows {
            let (kind, bytes) = match &row.place {
                IndexOrigin::Bundled(name) => ('b', name.as_bytes().to_vec()),
                IndexOrigin::File(path) => ('f', path_to_sql(path).to_vec()),
            };
            let _ = writeln!(out, "{kind} {} {}", hex(&bytes), hex(row.key.as_bytes()));
        }
        out
    }

    /// The glimpse `text` holds, or `None` when it is not one (another format, damage).
    fn decode(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = || lines.next();
        let scope = String::from_utf8(unhex(field()?)?).ok()?;
        let order = String::from_utf8(unhex(field()?)?).ok()?;
        let total = field()?.parse().ok()?;
        let first: usize = field()?.parse().ok()?;
        let selected = field()?.parse().ok()?;
        let count: usize = field()?.parse().ok()?;
        let rows = lines
            .map(|line| {
                let mut parts = line.split(' ');
                let (kind, place, key) = (parts.next()?, parts.next()?, parts.next()?);
                let place = unhex(place)?;
                let place = match kind {
                    "b" => IndexOrigin::Bundled(String::from_utf8(place).ok()?),
                    "f" => IndexOrigin::File(path_from_sql(&place)),
                    _ => return None,
                };
                Some(GlimpseRow { place, key: String::from_utf8(unhex(key)?).ok()? })
            })
            .collect::<Option<Vec<_>>>()?;
        // Numbers read from the database: added without overflowing, whatever they are.
        let end = first.checked_add(rows.len())?;
        let fits = rows.len() == count
            && first <= selected
            && selected < end.max(first.saturating_add(1))
            && end <= total;
        fits.then_some(Self { scope, order, total, first, selected, rows })
    }
}

impl Store {
    /// The glimpse the last run left, if it left one that reads back whole.
    pub fn glimpse(&self) -> Result<Option<Glimpse>> {
        Ok(self.setting(SETTING)?.as_deref().and_then(Glimpse::decode))
    }

    /// Keeps `glimpse` for the next start; `None` forgets the one kept (the library it showed
    /// may have changed in ways this run did not follow to the end).
    pub fn save_glimpse(&mut self, glimpse: Option<&Glimpse>) -> Result<()> {
        match glimpse {
            Some(glimpse) => self.set_setting(SETTING, &glimpse.encode()),
            None => self
                .write(|tx| tx.execute("DELETE FROM settings WHERE key = ?1", [SETTING]).map(drop)),
        }
    }

    /// The cached rows of the files of `glimpse`, in its order (`None` for a bundled article):
    /// `None` as a whole when one of its files is no longer cached.
    pub fn glimpse_rows(&self, glimpse: &Glimpse) -> Result<Option<Vec<Option<CachedRow>>>> {
        let read = || -> rusqlite::Result<Option<Vec<Option<CachedRow>>>> {
            let mut stmt = self.conn.prepare_cached(&format!("{COLUMNS} WHERE path = ?1"))?;
            let mut rows = Vec::with_capacity(glimpse.rows.len());
            for row in &glimpse.rows {
                match &row.place {
                    IndexOrigin::Bundled(_) => rows.push(None),
                    IndexOrigin::File(path) => {
                        let Some(found) =
                            stmt.query_row([path_to_sql(path)], row_from_sql).optional()?
                        else {
                            return Ok(None);
                        };
                        rows.push(Some(found));
                    }
                }
            }
            Ok(Some(rows))
        };
        read().map_err(|e| self.error(e))
    }
}

/// `bytes` as lower-case hex.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The bytes hex `text` spells, or `None` when it is not hex.
fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sample() -> Glimpse {
        #[cfg(unix)]
        let odd = PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(
            b"/lib/caf\xe9\nnew line.md",
        ));
        #[cfg(not(unix))]
        let odd = PathBuf::from("/lib/cafe.md");
        Glimpse {
            scope: "bundled /lib".into(),
            order: "recently read".into(),
            total: 10,
            first: 3,
            selected: 4,
            rows: vec![
                GlimpseRow {
                    place: IndexOrigin::Bundled("ketamine-side-effects.md".into()),
                    key: "t:ketamine side effects".into(),
                },
                GlimpseRow { place: IndexOrigin::File(odd), key: "id:a b\nc@0f".into() },
            ],
        }
    }

    #[test]
    fn a_glimpse_reads_back_as_written_whatever_its_paths_and_keys_hold() {
        let glimpse = sample();
        assert_eq!(Glimpse::decode(&glimpse.encode()), Some(glimpse));
    }

    #[test]
    fn a_damaged_or_inconsistent_glimpse_is_not_used() {
        let text = sample().encode();
        assert_eq!(Glimpse::decode(""), None);
        assert_eq!(Glimpse::decode(&text.replacen("salve-glimpse 1", "salve-glimpse 9", 1)), None);
        assert_eq!(Glimpse::decode(&text[..text.len() - 2]), None, "a row cut short");
        let cut = text.trim_end().rsplit_once('\n').map(|(kept, _)| kept).unwrap_or_default();
        assert_eq!(Glimpse::decode(cut), None, "a row missing");
        assert_eq!(Glimpse::decode(&text.replacen("\nf ", "\nx ", 1)), None, "an unknown row");
        let huge = text.replacen("\n3\n", &format!("\n{}\n", usize::MAX), 1);
        assert_eq!(Glimpse::decode(&huge), None, "a first row past any list");
        let mut outside = sample();
        outside.selected = 9;
        assert_eq!(Glimpse::decode(&outside.encode()), None, "selection outside the rows kept");
        let mut past = sample();
        past.total = 4;
        assert_eq!(Glimpse::decode(&past.encode()), None, "rows past the end of the list");
    }
}
