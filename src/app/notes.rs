//! What the app tells the user about problems: files that could not be read, articles read
//! with problems, and a config file's bad entries; said once in the status line, listed by
//! `!`.

use super::{App, plural};

impl App {
    /// Takes the library's problems (files that could not be read) and, when there are any
    /// (theirs or its articles'), says so once in the status line.
    pub fn set_notes(&mut self, notes: Vec<String>) {
        self.notes = notes;
        let skipped = self.notes.len();
        let flawed = self.entries.iter().filter(|e| !e.notes.is_empty()).count();
        let mut files = self.all_notes();
        files.drain(..self.config_notes.len());
        // With nothing wrong in the library, whatever the status line says stays.
        self.notice = match files.as_slice() {
            [] => self.notice.take(),
            [one] => Some(one.clone()),
            _ => {
                let mut parts = Vec::new();
                if skipped > 0 {
                    parts.push(format!("{skipped} {} skipped", plural(skipped, "file", "files")));
                }
                if flawed > 0 {
                    let what = plural(flawed, "article", "articles");
                    parts.push(format!("{flawed} {what} read with problems"));
                }
                Some(format!("{} (! in the library lists them)", parts.join(", ")))
            }
        };
    }

    /// Takes the config file's problems: listed with `!`, and said once in the status line
    /// (the problem itself when there is one).
    pub fn config_problems(&mut self, problems: Vec<String>, file: &std::path::Path) {
        self.notice = match problems.as_slice() {
            [] => self.notice.take(),
            [one] => Some(one.clone()),
            many => {
                let file = crate::sanitize::sanitize_line(&file.display().to_string()).into_owned();
                Some(format!("{} problems in {file} (! in the library lists them)", many.len()))
            }
        };
        self.config_notes = problems;
    }

    /// Every problem worth telling the user: unreadable files, then articles read with
    /// problems.
    pub fn all_notes(&self) -> Vec<String> {
        let mut notes = self.config_notes.clone();
        notes.extend(self.notes.iter().cloned());
        for e in self.entries.iter().filter(|e| !e.notes.is_empty()) {
            let at = match e.path() {
                Some(path) => {
                    crate::sanitize::sanitize_line(&path.display().to_string()).into_owned()
                }
                None => e.title.clone(),
            };
            notes.extend(e.notes.iter().map(|n| format!("{at}: {n}")));
        }
        notes
    }
}
