//! `salve forget PATH...`: drops folders (or files) salve has opened from `salve.db`'s library
//! cache and search index, so the database does not keep every folder ever opened. Files not
//! seen for 30 days are dropped anyway by the library walk (`library::scan::FORGET_AFTER`);
//! this is for now, and for a folder moved or deleted. Reading positions and bookmarks stay.

use super::CliError;
use crate::config::Paths;
use crate::sanitize::sanitize_line;
use crate::store::Store;
use std::path::PathBuf;

/// Forgets each of `roots`, saying on stdout what was dropped; exit 1 when nothing was kept
/// under any of them.
pub(super) fn run(paths: &Paths, roots: &[PathBuf]) -> Result<(), CliError> {
    let opened = Store::open(&paths.data_dir);
    for warning in &opened.warnings {
        eprintln!("salve: {}", sanitize_line(warning));
    }
    let Some(mut store) = opened.store else {
        return Err(CliError::Failed(anyhow::anyhow!("no salve.db to forget anything from")));
    };
    if store.read_only() {
        return Err(CliError::Failed(anyhow::anyhow!(
            "salve.db cannot be written here: nothing forgotten"
        )));
    }
    let mut any = false;
    let mut missed = Vec::new();
    for root in roots {
        // As the library stores it (made absolute, not resolved), and resolved, when it still
        // exists and that differs: the same folder may have been opened by either name.
        let mut names = vec![std::path::absolute(root).unwrap_or_else(|_| root.clone())];
        if let Ok(real) = std::fs::canonicalize(root)
            && !names.contains(&real)
        {
            names.push(real);
        }
        let (mut cached, mut indexed) = (0, 0);
        for name in &names {
            let (c, i) = store.forget_folder(name).map_err(anyhow::Error::from)?;
            cached += c;
            indexed += i;
        }
        let shown = sanitize_line(&names[0].display().to_string()).into_owned();
        if cached + indexed == 0 {
            missed.push(shown);
            continue;
        }
        any = true;
        let files = super::list::counted(cached.max(indexed), "file");
        println!("forgot {files} under '{shown}' (positions and bookmarks are kept)");
    }
    let nothing = |shown: &str| format!("nothing kept under '{shown}'");
    if any {
        for shown in &missed {
            eprintln!("salve: {}", nothing(shown));
        }
        return Ok(());
    }
    let said: Vec<String> = missed.iter().map(|s| nothing(s)).collect();
    Err(CliError::Failed(anyhow::anyhow!("{}", said.join("; "))))
}
