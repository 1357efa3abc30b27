//! Taking in what the background walk of the library folders finds: new and changed
//! articles, files gone, files that could not be read, and how far it has got. Entries are
//! never removed while salve runs (indices stay valid for the list, the reader and pending
//! jumps): a file that went away is marked gone and left out of the list.

use super::App;
use crate::library::Entry;
use crate::library::scan::ScanEvent;

impl App {
    /// Applies one report of the library walk.
    pub(super) fn scanned(&mut self, event: ScanEvent) {
        if matches!(event, ScanEvent::Found(_) | ScanEvent::Gone(_)) {
            self.shelf.entries_changed();
        }
        match event {
            ScanEvent::Found(found) => {
                self.index_paths();
                for entry in found {
                    if let Some(&i) = entry.path().and_then(|p| self.by_path.get(p)) {
                        if self.entries[i].gone {
                            self.gone -= 1;
                        }
                        self.entries[i] = entry;
                    } else {
                        if let Some(path) = entry.path() {
                            self.by_path.insert(path.to_path_buf(), self.entries.len());
                        }
                        self.entries.push(entry);
                    }
                }
                self.unsettled = true;
            }
            ScanEvent::Gone(paths) => {
                self.index_paths();
                for p in &paths {
                    if let Some(&i) = self.by_path.get(p.as_path())
                        && !self.entries[i].gone
                    {
                        self.entries[i].gone = true;
                        self.gone += 1;
                    }
                }
                self.unsettled = true;
            }
            ScanEvent::Problems(problems) => self.problems.extend(problems),
            ScanEvent::Progress { done, total } => self.scan_progress = Some((done, total)),
            ScanEvent::Indexed { done, total } => {
                self.index_progress = (done < total).then_some((done, total));
                // More of the library is searchable: the results shown may change.
                self.index_grew = true;
            }
            ScanEvent::Done(warning) => {
                self.scan_progress = None;
                // The walk's last act refreshed the vocabulary fuzzy words expand to.
                self.index_grew = true;
                let problems = std::mem::take(&mut self.problems);
                self.set_problems(problems);
                if let Some(warning) = warning {
                    self.notice = Some(warning);
                }
            }
        }
    }

    /// Indexes the entries by file, once (reports then keep it up to date).
    pub(super) fn index_paths(&mut self) {
        if self.by_path.is_empty() {
            let files = self.entries.iter().enumerate();
            self.by_path =
                files.filter_map(|(i, e)| e.path().map(|p| (p.to_path_buf(), i))).collect();
        }
    }

    /// The end of a batch of messages: after reports changed the entries, unique keys, saved
    /// state re-attached and the list redone, once for however many reports came in together (a
    /// 100,000-file library sends hundreds); the filter typed applied, and the search asked,
    /// once for however many keys typed into them.
    pub(super) fn settle(&mut self) -> Vec<super::Effect> {
        let unsettled = std::mem::take(&mut self.unsettled);
        if unsettled {
            // The whole list is made again below only when no filter is typed.
            self.shelf.unfiltered = None;
            dedupe_keys(&mut self.entries);
            self.attach_orphans();
            self.refresh_shelf();
        }
        if (std::mem::take(&mut self.index_grew) || unsettled)
            && self.screen == super::Screen::Search
        {
            self.lookup.ask();
        }
        self.apply_filter_typed();
        self.ask_stale();
        if !self.searching() && !self.filtering() && !self.waiting.is_empty() {
            // Keys that waited for a search no longer asked (the query emptied, the pane left).
            self.replay();
            self.ask_stale();
        }
        self.next_page_if_near_the_end();
        self.take_effects()
    }
}

/// Copies of one article in two places (same title, same text) would share a key and so their
/// reading state: every copy but the first (bundled first, then by path) gets its path's
/// fingerprint added, which is the same at every start (see [`crate::library::copy_keys`]).
pub fn dedupe_keys(entries: &mut [Entry]) {
    let renamed = crate::library::copy_keys(entries.iter().map(|e| (&e.key, e.path())));
    for (i, key) in renamed {
        entries[i].key = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Msg;
    use crate::app::fixtures::{article, section};
    use crate::article::Origin;
    use std::path::PathBuf;

    fn entry_at(path: &str) -> Entry {
        let mut a = article("Sleep", vec![section(2, "One", &["Text."])]);
        a.origin = Origin::File(PathBuf::from(path));
        Entry::from_article(&a, &[])
    }

    #[test]
    fn reports_of_the_walk_add_replace_and_hide_entries_and_say_what_was_skipped() {
        let mut app = crate::app::fixtures::library_app(vec![], 100, 30);
        app.scan_progress = Some((0, 0));
        app.update(Msg::Walk(ScanEvent::Found(vec![entry_at("/lib/a.md")])));
        app.update(Msg::Walk(ScanEvent::Progress { done: 1, total: 3 }));
        assert_eq!(app.shelf.rows.len(), 1);
        let mut changed = entry_at("/lib/a.md");
        changed.title = "Sleep, revised".into();
        app.update(Msg::Walk(ScanEvent::Found(vec![changed, entry_at("/lib/b.md")])));
        assert_eq!(app.entries.len(), 2, "a changed file replaces its entry");
        assert_eq!(&*app.entries[0].title, "Sleep, revised");
        app.update(Msg::Walk(ScanEvent::Gone(vec![PathBuf::from("/lib/a.md")])));
        app.update(Msg::Walk(ScanEvent::Problems(vec!["skipped '/lib/c.md': binary file".into()])));
        app.update(Msg::Walk(ScanEvent::Done(None)));
        let listed: Vec<usize> = app.shelf.rows.iter().map(|r| r.entry).collect();
        assert_eq!(listed, [1], "a file gone is no longer listed");
        assert_eq!(app.scan_progress, None);
        assert_eq!(app.notice.as_deref(), Some("skipped '/lib/c.md': binary file"));
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
