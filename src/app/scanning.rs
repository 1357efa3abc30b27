//! Taking in what the background walk of the library folders finds: new and changed
//! articles, files gone, files that could not be read, and how far it has got. Entries are
//! never removed while salve runs (indices stay valid for the list, the reader and pending
//! jumps): a file that went away is marked gone and left out of the list.

use super::App;
use crate::library::Entry;
use crate::library::scan::ScanEvent;
use std::collections::HashMap;

impl App {
    /// Applies one report of the library walk.
    pub fn scanned(&mut self, event: ScanEvent) {
        match event {
            ScanEvent::Found(found) => {
                let index = self.path_index();
                for entry in found {
                    match entry.path().and_then(|p| index.get(p)) {
                        Some(&i) => self.entries[i] = entry,
                        None => self.entries.push(entry),
                    }
                }
                self.settle_entries();
            }
            ScanEvent::Gone(paths) => {
                let index = self.path_index();
                for i in paths.iter().filter_map(|p| index.get(p.as_path())) {
                    self.entries[*i].gone = true;
                }
                self.refresh_shelf();
            }
            ScanEvent::Notes(notes) => self.notes.extend(notes),
            ScanEvent::Progress { done, total } => self.scan_progress = Some((done, total)),
            ScanEvent::Indexed { .. } => {}
            ScanEvent::Done(warning) => {
                self.scan_progress = None;
                let notes = std::mem::take(&mut self.notes);
                self.set_notes(notes);
                if let Some(warning) = warning {
                    self.notice = Some(warning);
                }
            }
        }
    }

    /// Entries by file, for merging reports.
    fn path_index(&self) -> HashMap<std::path::PathBuf, usize> {
        let files = self.entries.iter().enumerate();
        files.filter_map(|(i, e)| e.path().map(|p| (p.to_path_buf(), i))).collect()
    }

    /// After entries changed: unique keys, saved state re-attached, the list redone.
    pub(super) fn settle_entries(&mut self) {
        dedupe_keys(&mut self.entries);
        self.attach_orphans();
        self.refresh_shelf();
    }
}

/// Copies of one article in two places (same title, same text) would share a key and so their
/// reading state: every copy but the first (bundled first, then by path) gets its path's
/// fingerprint added, which is the same at every start.
pub fn dedupe_keys(entries: &mut [Entry]) {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut clashes = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match first.get(&entry.key) {
            None => {
                first.insert(entry.key.clone(), i);
            }
            Some(&j) => {
                // Keep the key on the one that sorts first; the other is renamed.
                let (keep, rename) =
                    if entries[j].path() <= entry.path() { (j, i) } else { (i, j) };
                first.insert(entry.key.clone(), keep);
                clashes.push(rename);
            }
        }
    }
    for i in clashes {
        let entry = &mut entries[i];
        let place = entry.path().map_or_else(String::new, |p| p.display().to_string());
        let suffix = crate::article::fingerprint(place.as_bytes());
        entry.key = format!("{}@{suffix:016x}", entry.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::{article, section};
    use crate::article::Origin;
    use std::path::PathBuf;

    fn entry_at(path: &str) -> Entry {
        let mut a = article("Sleep", vec![section(2, "One", &["Text."])]);
        a.origin = Origin::File(PathBuf::from(path));
        Entry::from_article(&a, &[])
    }

    #[test]
    fn two_copies_of_one_article_get_their_own_keys_whatever_order_they_come_in() {
        let mut one = vec![entry_at("/b/sleep.md"), entry_at("/a/sleep.md")];
        let mut two = vec![entry_at("/a/sleep.md"), entry_at("/b/sleep.md")];
        dedupe_keys(&mut one);
        dedupe_keys(&mut two);
        assert_ne!(one[0].key, one[1].key);
        assert_eq!(one[1].key, "t:sleep", "the first path keeps the plain key");
        assert_eq!(one[0].key, two[1].key, "the same file gets the same key every time");
    }
}
