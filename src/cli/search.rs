//! `salve search QUERY [--limit N] [--json] [PATH]...`: the library search from the command
//! line, ranked as in the search pane.
//!
//! Without paths it searches the user's library, with paths those folders and files: either way
//! through the index kept in `salve.db` (the one the reader keeps, so a folder opened before is
//! indexed already), brought up to date first by the same walk the reader runs in the
//! background (here, waited for), and scoped to that library. When `salve.db` cannot be
//! opened, the library is indexed in memory.

use super::{CliError, can_style, check_paths, report_problems};
use crate::config::Paths;
use crate::library;
use crate::sanitize::sanitize_line;
use crate::search::{self, Hit, Outcome};
use crate::store::{Scope, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Results shown when `--limit` is not given.
pub const DEFAULT_LIMIT: u16 = 10;

/// Runs a search and prints it; no hit is exit code 1 with the "did you mean" on stderr.
pub(super) fn run(
    paths: &Paths,
    query: &str,
    limit: usize,
    json: bool,
    roots: &[PathBuf],
) -> Result<(), CliError> {
    check_paths(roots)?;
    let (store, later) =
        if roots.is_empty() { (library_store(paths)?, None) } else { folder_store(paths, roots)? };
    let outcome = search::search(&store, query, limit).map_err(anyhow::Error::from)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let bold = !json && std::io::stdout().is_terminal() && can_style();
    print(&mut out, query, &outcome, json, bold).map_err(anyhow::Error::from)?;
    out.flush().map_err(anyhow::Error::from)?;
    drop(out);
    // Answered from the kept index; now the folders are walked, and what changed said.
    if let Some((db, roots, bundled)) = later {
        let changed = super::walk::run(&db, roots, bundled);
        super::walk::tell_changed(changed, "the index was made; indexed now: search again");
    }
    if !outcome.hits.is_empty() {
        // Never silent: the results stand in for a word nothing has.
        if let Some(note) = outcome.said() {
            eprintln!("salve: {note}");
        }
        return Ok(());
    }
    let query = sanitize_line(query);
    let message = match &outcome.suggestion {
        Some(near) => format!("no section matches '{query}'; did you mean '{near}'?"),
        None => format!("no section matches '{query}'; try fewer or other words"),
    };
    Err(CliError::Failed(anyhow::anyhow!(message)))
}

/// A store in memory holding the articles under `roots` (and the bundled ones when `bundled`).
fn memory_store(roots: &[PathBuf], bundled: bool) -> Result<Store, CliError> {
    let library = library::load(roots, bundled);
    report_problems(&library);
    let mut store = Store::open_in_memory().map_err(anyhow::Error::from)?;
    search::index_articles(&mut store, &library.articles).map_err(anyhow::Error::from)?;
    Ok(store)
}

/// `salve.db`, its index brought up to date with the folders and files `roots` and searches
/// scoped to them.
fn folder_store(paths: &Paths, roots: &[PathBuf]) -> Result<(Store, Option<Later>), CliError> {
    let roots: Vec<PathBuf> =
        roots.iter().map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone())).collect();
    let (files, folders): (Vec<PathBuf>, Vec<PathBuf>) =
        roots.iter().cloned().partition(|r| r.is_file());
    let scope = Scope { folders, files, bundled: false };
    // Indexed before (by the reader or an earlier search): answered from the kept index, the
    // walk after. Never indexed: walked first, as there is nothing to answer from.
    kept_store(paths, roots, scope, true)
}

/// A walk left until the answer is out: the database, the folders to walk and whether the
/// bundled articles are in.
type Later = (PathBuf, Vec<PathBuf>, bool);

/// The user's `salve.db`, its index brought up to date with the library (bundled articles, the
/// articles folder and the configured folders) before it answers.
fn library_store(paths: &Paths) -> Result<Store, CliError> {
    let config = super::load_config(paths);
    let (folders, failed) = super::user_folders(paths, &config);
    if let Some(e) = failed {
        return Err(anyhow::Error::from(e).into());
    }
    // The index holds every folder salve has opened: this search covers this library.
    let scope = Scope { folders: folders.clone(), files: Vec::new(), bundled: config.bundled };
    Ok(kept_store(paths, folders, scope, false)?.0)
}

/// `salve.db` with searches scoped to `scope`, its index brought up to date with `roots` now,
/// or after the answer (the walk returned as [`Later`]) when `answer_first` and the index
/// already holds some of the scope. When it cannot be written, the index is used as it is;
/// when it cannot be opened, the articles are indexed in memory.
fn kept_store(
    paths: &Paths,
    roots: Vec<PathBuf>,
    scope: Scope,
    answer_first: bool,
) -> Result<(Store, Option<Later>), CliError> {
    let opened = Store::open(&paths.data_dir);
    for warning in &opened.warnings {
        eprintln!("salve: {}", sanitize_line(warning));
    }
    let bundled = scope.bundled;
    let Some(store) = opened.store else { return Ok((memory_store(&roots, bundled)?, None)) };
    store.set_scope(Some(scope));
    let Some(db) = super::walk::writable(&store) else {
        return Ok((store, None));
    };
    if answer_first && store.scope_len().map_err(anyhow::Error::from)? > 0 {
        return Ok((store, Some((db, roots, bundled))));
    }
    super::walk::run(&db, roots, bundled);
    Ok((store, None))
}

/// One hit as JSON.
#[derive(serde::Serialize)]
struct Row<'a> {
    title: &'a str,
    article: &'a str,
    path: Option<String>,
    bundled: Option<&'a str>,
    heading: &'a str,
    section: u32,
    anchor: &'a str,
    offset: u32,
    score: f64,
    kind: &'static str,
    snippet: &'a str,
    /// How many copies of this section in other files were left out.
    also: usize,
    /// Where they are: each a file's path or a bundled article's name.
    copies: Vec<String>,
}

/// The query's results as JSON.
#[derive(serde::Serialize)]
struct Results<'a> {
    query: &'a str,
    hits: Vec<Row<'a>>,
    suggestion: Option<&'a str>,
    /// Words nothing has, each with the word the results stand in for.
    replaced: std::collections::BTreeMap<&'a str, &'a str>,
    /// When no section has every word: the words the first results hold.
    partial: Option<&'a [String]>,
}

/// Prints the hits: `title > heading: snippet`, one a line (matched words in bold when `bold`),
/// or one JSON object.
fn print(
    out: &mut impl Write,
    query: &str,
    outcome: &Outcome,
    json: bool,
    bold: bool,
) -> std::io::Result<()> {
    if json {
        let hits = outcome.hits.iter().map(row).collect();
        let replaced =
            outcome.replaced.iter().map(|(from, to)| (from.as_str(), to.as_str())).collect();
        let suggestion = outcome.suggestion.as_deref();
        let partial = outcome.partial.as_deref();
        let results = Results { query, hits, suggestion, replaced, partial };
        serde_json::to_writer_pretty(&mut *out, &results).map_err(super::json_io)?;
        return writeln!(out);
    }
    for hit in &outcome.hits {
        if hit.snippet.trim().is_empty() {
            writeln!(out, "{} > {}: {}", hit.title, hit.heading, crate::search::NO_TEXT)?;
        } else {
            writeln!(out, "{} > {}: {}", hit.title, hit.heading, marked(hit, bold))?;
        }
    }
    Ok(())
}

fn row(hit: &Hit) -> Row<'_> {
    Row {
        title: &hit.title,
        article: &hit.article_key,
        path: hit.path.as_ref().map(|p| sanitize_line(&p.display().to_string()).into_owned()),
        bundled: hit.bundled.as_deref(),
        heading: &hit.heading,
        section: hit.section,
        anchor: &hit.anchor,
        offset: hit.offset,
        score: hit.score,
        kind: hit.kind.name(),
        snippet: &hit.snippet,
        also: hit.copies.len(),
        copies: hit
            .copies
            .iter()
            .map(|c| match (&c.path, &c.bundled) {
                (Some(path), _) => sanitize_line(&path.display().to_string()).into_owned(),
                (None, bundled) => bundled.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The snippet, with its matched words in bold when `bold`.
fn marked(hit: &Hit, bold: bool) -> String {
    if !bold {
        return hit.snippet.clone();
    }
    let mut out = String::with_capacity(hit.snippet.len() + 8 * hit.marks.len());
    let mut at = 0;
    for mark in &hit.marks {
        if mark.start < at {
            continue;
        }
        out.push_str(&hit.snippet[at..mark.start]);
        out.push_str("\u{1b}[1m");
        out.push_str(&hit.snippet[mark.clone()]);
        out.push_str("\u{1b}[22m");
        at = mark.end;
    }
    out.push_str(&hit.snippet[at..]);
    out
}
