//! `salve [PATH]...`: the interactive app. Checks the terminal, opens the store, builds the
//! library from the metadata cache (no file is parsed before the first frame but the first
//! screens of a file named on the command line), restores saved state, and starts the walk
//! that brings the cache up to date in the background.

use super::{CliError, can_style, check_paths};
use crate::app::{App, Effect, Msg, Options};
use crate::config::Hyperlinks;
use crate::config::Paths;
use crate::library::Order;
use crate::library::scan::Job;
use crate::library::{self, Entry};
use crate::store::Store;
use crate::ui::palette::{Depth, Pick};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Runs the app on `roots` (none: the user's library; one file: that article, with the
/// library one key away; folders: a library of those).
pub(super) fn open_reader(paths: &Paths, roots: &[PathBuf]) -> Result<(), CliError> {
    check_paths(roots)?;
    let loaded = paths.load_config();
    let config = loaded.config;
    // Before the terminal checks: a wrong setting is worth knowing whatever happens next.
    let (pick, warning) = Pick::from_env(config.theme);
    if let Some(warning) = warning {
        eprintln!("salve: {warning}");
    }
    check_terminal()?;
    let roots: Vec<PathBuf> =
        roots.iter().map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone())).collect();
    let file = (roots.len() == 1 && roots[0].is_file()).then(|| roots[0].clone());
    let mut warnings = Vec::new();
    let folders = library_folders(paths, &config, &roots, file.is_some(), &mut warnings);
    // Opened while the article's first screens (or the bundled articles) are read.
    let opening = Store::open_aside(&paths.data_dir);

    let mut entries = Vec::new();
    let mut opened = None;
    if let Some(path) = &file {
        // Only the first screens are read now, whatever the file's size; the reader reads
        // the rest while it shows them.
        let head = library::load::open_file(path, library::load::HEAD_BYTES)
            .map_err(|why| failed(&format!("cannot open: {why}")))?;
        let parent: Vec<PathBuf> = path.parent().map(Path::to_path_buf).into_iter().collect();
        entries.push(Entry::from_article(&head.article, &parent));
        opened = Some((0, head));
    }
    let bundled = (roots.is_empty() || file.is_some()) && config.bundled;
    // A library's first frame lists the bundled articles (parsed while the store opens); an
    // article's does not, so they are listed after it with the cache (`Later`), or now when
    // there is no cache to read.
    let bundled_entries = || library::bundled().entries(&[]);
    if bundled && file.is_none() {
        entries.extend(bundled_entries());
    }
    let store_opened = opening.wait();
    warnings.extend(store_opened.warnings);
    let mut store = store_opened.store;
    let later_bundled = bundled && file.is_some() && store.is_some();
    if bundled && file.is_some() && store.is_none() {
        entries.extend(bundled_entries());
    }
    // A library run remembers its first screen for the next (see `App::glimpse`).
    let scope = file.is_none().then(|| glimpse_scope(&folders, bundled));
    let order = store.as_ref().map_or(config.library_order, |s| saved_order(s, &config));
    let base = entries.len();
    let first = FirstScreen { folders: &folders, file: file.as_deref(), scope: scope.as_deref() };
    let (library, glimpse) = match store.as_ref() {
        Some(store) => first.rows(store, order, later_bundled, &mut entries, &mut warnings),
        None => (None, None),
    };

    let saved = store.as_mut().map(|store| read_saved(store, &mut warnings));
    let depth = Depth::from_env();
    let mut app = App::new(Options {
        entries,
        cached_from: library.is_some().then_some(base),
        keymap: config.keymap(),
        max_width: config.max_width,
        hyperlinks: hyperlinks(config.hyperlinks),
        articles_dir: Some(paths.articles_dir()),
        glimpse_scope: scope,
        last_query: saved.as_ref().map(|s| s.last_query.clone()).unwrap_or_default(),
        standalone: opened.is_some(),
        walking: true,
        now: now(),
        instance: std::process::id(),
        config_problems: loaded.problems,
        config_file: paths.config_file.clone(),
        warnings,
    });
    let mut pending = Vec::new();
    if let (Some(saved), Some(store)) = (saved, store.as_mut()) {
        let Saved { progress, bookmarks, .. } = saved;
        let effects = app.update(Msg::Restored { progress, bookmarks, order });
        pending.extend(rekey(&mut app, store, effects));
    }
    if let Some(glimpse) = glimpse {
        // Shown unless one of its rows is missing; then the effects read the whole list
        // before the first frame.
        pending.extend(app.update(Msg::Glimpse(glimpse)));
    }
    let scope = crate::store::Scope {
        folders: folders.clone(),
        files: file.iter().cloned().collect(),
        bundled,
    };
    let scan = Job {
        roots: folders,
        known: HashMap::new(),
        db: store.as_ref().filter(|s| !s.read_only()).and_then(|s| s.path().map(Path::to_path_buf)),
        bundled,
        now: now(),
    };
    let auto = (pick == Pick::Auto).then_some(depth);
    let launch = crate::tui::Launch {
        app,
        theme: pick.theme(None, depth),
        open: opened,
        store,
        library,
        scan: Some(scan),
        scope: Some(scope),
        auto_theme: auto,
        effects: pending,
    };
    crate::tui::run(launch).map_err(|e| CliError::Failed(e.into()))
}

/// Refuses to start the reader without a terminal that can draw, saying what to use instead.
fn check_terminal() -> Result<(), CliError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(failed(
            "the reader needs a terminal; use 'salve list' or 'salve show ARTICLE' in scripts",
        ));
    }
    if !can_style() {
        return Err(failed(
            "the reader needs a terminal that can draw, and TERM is 'dumb'; use 'salve show \
             ARTICLE' to read an article as plain text",
        ));
    }
    Ok(())
}

/// The library's folders: the user's article folder (a data folder that cannot be written
/// must not stop reading: a warning) and the configured ones, when no folder is named or one
/// `file` is; else the folders named.
fn library_folders(
    paths: &Paths,
    config: &crate::config::Config,
    roots: &[PathBuf],
    file: bool,
    warnings: &mut Vec<String>,
) -> Vec<PathBuf> {
    if !roots.is_empty() && !file {
        return roots.to_vec();
    }
    let (folders, failed) = super::user_folders(paths, config);
    warnings.extend(failed.map(|e| e.to_string()));
    folders
}

/// What the first frame lists of the cache.
struct FirstScreen<'a> {
    /// The library's folders.
    folders: &'a [PathBuf],
    /// The article named on the command line, if one is.
    file: Option<&'a Path>,
    /// The library this run is on, when it is a library run.
    scope: Option<&'a str>,
}

impl FirstScreen<'_> {
    /// Adds to `entries` what the first frame needs of the cache: a remembered first screen's
    /// rows, none when it shows an article, else the whole cache. Returns the cache to read
    /// after the first frame (with the bundled articles when `later_bundled`) and the
    /// remembered first screen, when those are used.
    fn rows(
        &self,
        store: &Store,
        order: Order,
        later_bundled: bool,
        entries: &mut Vec<Entry>,
        warnings: &mut Vec<String>,
    ) -> (Option<library::cached::Later>, Option<crate::store::Glimpse>) {
        let window = self.scope.and_then(|scope| {
            let height = ratatui::crossterm::terminal::size().map_or(u16::MAX, |(_, rows)| rows);
            glimpse_window(store, self.folders, scope, order, height)
        });
        if window.is_none() && self.file.is_none() {
            match library::cached::load(store, self.folders, self.file) {
                Ok(mut cached) => entries.append(&mut cached),
                Err(e) => warnings.push(library::cached::unread(&e.to_string())),
            }
            return (None, None);
        }
        let later = library::cached::Later {
            folders: self.folders.to_vec(),
            file: self.file.map(Path::to_path_buf),
            bundled: later_bundled,
        };
        let glimpse = window.map(|(kept, mut rows)| {
            entries.append(&mut rows);
            kept
        });
        (Some(later), glimpse)
    }
}

/// Saved state read at start, before the app is made.
struct Saved {
    progress: Vec<crate::store::Progress>,
    bookmarks: Vec<crate::store::Bookmark>,
    last_query: String,
}

/// Reads saved positions, bookmarks and the last query; what cannot be read is a warning.
fn read_saved(store: &Store, warnings: &mut Vec<String>) -> Saved {
    let mut read = |what: &str, e: crate::store::StoreError| {
        warnings.push(format!("saved {what} could not be read ({e})"));
    };
    let progress = store.load_progress().unwrap_or_else(|e| {
        read("positions", e);
        Vec::new()
    });
    let bookmarks = store.bookmarks().unwrap_or_else(|e| {
        read("bookmarks", e);
        Vec::new()
    });
    let last_query = store.setting(crate::app::LAST_QUERY).ok().flatten().unwrap_or_default();
    Saved { progress, bookmarks, last_query }
}

/// Moves state the app re-attached to edited articles in the store now; returns the other
/// effects (the selected article's preview), for the loop to run.
fn rekey(app: &mut App, store: &mut Store, effects: Vec<Effect>) -> Vec<Effect> {
    let mut pending = Vec::new();
    for effect in effects {
        match effect {
            Effect::Rekey { from, to } => {
                if let Err(e) = store.rekey(&from, &to) {
                    let why = format!("saved state could not be moved to an edited article ({e})");
                    pending.extend(app.update(Msg::SaveFailed(why)));
                }
            }
            other => pending.push(other),
        }
    }
    pending
}

/// The library order chosen last (with `o`), else the configured one.
fn saved_order(store: &Store, config: &crate::config::Config) -> Order {
    let saved = store.setting("library.order").ok().flatten();
    saved.and_then(|o| Order::from_name(&o)).unwrap_or(config.library_order)
}

/// What a library is made of, for telling whether a remembered first screen is this one's.
fn glimpse_scope(folders: &[PathBuf], bundled: bool) -> String {
    let mut scope = if bundled { "bundled" } else { "files" }.to_string();
    for folder in folders {
        scope.push('\n');
        scope.push_str(&folder.to_string_lossy());
    }
    scope
}

/// The remembered first screen of this library and the entries of its cached rows, when there
/// is one for this library and order, a terminal `height` rows tall is not too tall for it, and
/// its files are all still cached, unchanged in identity.
fn glimpse_window(
    store: &Store,
    folders: &[PathBuf],
    scope: &str,
    order: Order,
    height: u16,
) -> Option<(crate::store::Glimpse, Vec<Entry>)> {
    let glimpse = store.glimpse().ok().flatten()?;
    if glimpse.scope != scope
        || glimpse.order != order.name()
        || usize::from(height) > crate::app::GLIMPSE_ROWS
    {
        return None;
    }
    let found = store.glimpse_rows(&glimpse).ok().flatten()?;
    let entries = library::cached::glimpse_entries(&glimpse, found, folders)?;
    Some((glimpse, entries))
}

/// Whether to draw links as terminal hyperlinks: as configured, or for `auto` where the
/// terminal is one known to support them (and not inside tmux or screen, which may not pass
/// them on).
fn hyperlinks(setting: Hyperlinks) -> bool {
    match setting {
        Hyperlinks::On => true,
        Hyperlinks::Off => false,
        Hyperlinks::Auto => {
            let var = |name: &str| std::env::var(name).unwrap_or_default();
            let multiplexed = !var("TMUX").is_empty() || var("TERM").starts_with("screen");
            let program = var("TERM_PROGRAM");
            let known = ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(&program.as_str())
                || !var("KITTY_WINDOW_ID").is_empty()
                || !var("WT_SESSION").is_empty()
                || var("VTE_VERSION").parse::<u32>().is_ok_and(|v| v >= 5000)
                || ["xterm-kitty", "alacritty", "foot", "xterm-ghostty"]
                    .contains(&var("TERM").as_str());
            known && !multiplexed
        }
    }
}

fn failed(message: &str) -> CliError {
    CliError::Failed(anyhow::anyhow!("{message}"))
}

/// Seconds since the unix epoch.
fn now() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::glimpse_window;
    use crate::library::Order;
    use crate::store::{Glimpse, GlimpseRow, IndexOrigin, Store};

    #[test]
    fn a_remembered_first_screen_is_used_only_for_the_same_library_order_and_a_screen_it_fills() {
        let data = tempfile::tempdir().expect("a temp dir");
        let mut store = Store::open(data.path()).store.expect("a database");
        assert!(glimpse_window(&store, &[], "scope", Order::Title, 40).is_none(), "none kept");
        let row = GlimpseRow { place: IndexOrigin::Bundled("x.md".into()), key: "t:x".into() };
        let glimpse = Glimpse {
            scope: "scope".into(),
            order: Order::Title.name().into(),
            total: 1,
            first: 0,
            selected: 0,
            rows: vec![row],
        };
        store.save_glimpse(Some(&glimpse)).expect("saved");
        let used = glimpse_window(&store, &[], "scope", Order::Title, 40);
        assert_eq!(used.map(|(g, _)| g), Some(glimpse));
        assert!(glimpse_window(&store, &[], "other folders", Order::Title, 40).is_none());
        assert!(glimpse_window(&store, &[], "scope", Order::Recent, 40).is_none());
        let taller = u16::try_from(crate::app::GLIMPSE_ROWS + 1).unwrap_or(u16::MAX);
        assert!(glimpse_window(&store, &[], "scope", Order::Title, taller).is_none());
    }
}
