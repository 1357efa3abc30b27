//! What the app tells the user about problems: files that could not be read, articles read
//! with problems, and a config file's bad entries; said once in the status line, listed by
//! `!`.

use super::{App, plural};
use crate::library::Entry;

impl App {
    /// Takes the library's problems (files that could not be read) and, when there are any
    /// (theirs or its articles'), says so once in the status line.
    pub(super) fn set_problems(&mut self, problems: Vec<String>) {
        self.problems = problems;
        let skipped = self.problems.len();
        let flawed: Vec<&Entry> = self.entries.iter().filter(|e| !e.problems.is_empty()).collect();
        let problems = skipped + flawed.iter().map(|e| e.problems.len()).sum::<usize>();
        // With nothing wrong in the library, whatever the status line says stays; one problem
        // is said as it is; more are counted (and only then written out, by `!`).
        self.notice = match problems {
            0 => self.notice.take(),
            1 => self
                .problems
                .first()
                .cloned()
                .or_else(|| flawed.first().and_then(|e| entry_problems(e).next())),
            _ => {
                let flawed = flawed.len();
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
    pub(super) fn config_problems(&mut self, problems: Vec<String>, file: &std::path::Path) {
        self.notice = match problems.as_slice() {
            [] => self.notice.take(),
            [one] => Some(one.clone()),
            many => {
                let file = crate::sanitize::sanitize_line(&file.display().to_string()).into_owned();
                Some(format!("{} problems in {file} (! in the library lists them)", many.len()))
            }
        };
        self.config_problems = problems;
    }

    /// Every problem worth telling the user: unreadable files, then articles read with
    /// problems.
    pub fn all_problems(&self) -> Vec<String> {
        let mut problems = self.config_problems.clone();
        problems.extend(self.problems.iter().cloned());
        for e in self.entries.iter().filter(|e| !e.problems.is_empty()) {
            problems.extend(entry_problems(e));
        }
        problems
    }
}

/// The problems an article was read with, each after the file (or title) it is about.
fn entry_problems(e: &Entry) -> impl Iterator<Item = String> + '_ {
    let at = match e.path() {
        Some(path) => crate::sanitize::sanitize_line(&path.display().to_string()).into_owned(),
        None => e.title.to_string(),
    };
    e.problems.iter().map(move |n| format!("{at}: {n}"))
}
