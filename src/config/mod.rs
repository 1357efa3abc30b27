//! Where salve keeps its files, and the optional user config over built-in defaults.
//!
//! The data directory holds the user's own articles (`articles/`) and `salve.db`. It is
//! `--data-dir`, else `$SALVE_DATA_DIR`, else the platform data directory. The config file is
//! `config.toml` in the data directory when the data directory was overridden (so tests never
//! read the real one), else in the platform config directory.
//!
//! A bad config never stops salve: every entry is checked on its own ([`settings`]), each bad
//! one becomes a message naming the file, the line, the value and what is accepted, unknown
//! keys included, and everything else applies.

mod settings;

pub use settings::{DEFAULT_FILE, Hyperlinks, Rebind, ThemeName, parse_config};

use crate::library::Order;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SALVE_DATA_DIR";

/// A problem with the data directory.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No home directory could be found to put the data directory in.
    #[error(
        "cannot find a home directory for salve's data; pass --data-dir DIR or set {DATA_DIR_ENV}"
    )]
    NoHome,
    /// A directory salve needs could not be created.
    #[error("cannot create directory '{path}': {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The user's settings; every one is optional in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Extra folders to search for articles (a leading `~/` means the home directory).
    pub folders: Vec<PathBuf>,
    /// The widest text column, in cells.
    pub max_width: u16,
    /// The colours: `None` leaves it to `SALVE_THEME`, then dark.
    pub theme: Option<ThemeName>,
    /// Whether the bundled articles are in the library.
    pub bundled: bool,
    /// Whether links are drawn as terminal hyperlinks (OSC 8).
    pub hyperlinks: Hyperlinks,
    /// The library's order until `o` picks another.
    pub library_order: Order,
    /// Changes to the default key bindings, in the file's order.
    pub keys: Vec<Rebind>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            folders: Vec::new(),
            max_width: crate::layout::DEFAULT_MAX_WIDTH,
            theme: None,
            bundled: true,
            hyperlinks: Hyperlinks::Auto,
            library_order: Order::Title,
            keys: Vec::new(),
        }
    }
}

impl Config {
    /// The default keymap with this config's changes applied.
    pub fn keymap(&self) -> crate::keymap::Keymap {
        let mut keymap = crate::keymap::Keymap::default();
        for rebind in &self.keys {
            match rebind.action {
                Some(action) => keymap.bind(rebind.pane, rebind.key, action),
                None => keymap.unbind(rebind.pane, rebind.key),
            }
        }
        keymap
    }
}

/// A config and what was wrong with its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The settings that applied.
    pub config: Config,
    /// One message per bad entry.
    pub problems: Vec<String>,
}

/// Resolved locations of salve's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The data directory.
    pub data_dir: PathBuf,
    /// The config file (it need not exist).
    pub config_file: PathBuf,
}

impl Paths {
    /// Resolves the locations from an explicit `--data-dir`, the environment, or the platform.
    pub fn resolve(data_dir: Option<&Path>) -> Result<Self, ConfigError> {
        let explicit = data_dir.map(Path::to_path_buf).or_else(|| {
            std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from)
        });
        if let Some(dir) = explicit {
            return Ok(Self { config_file: dir.join("config.toml"), data_dir: dir });
        }
        let dirs = directories::ProjectDirs::from("", "", "salve").ok_or(ConfigError::NoHome)?;
        Ok(Self {
            data_dir: dirs.data_dir().to_path_buf(),
            config_file: dirs.config_dir().join("config.toml"),
        })
    }

    /// The user's own article folder, `<data dir>/articles`.
    pub fn articles_dir(&self) -> PathBuf {
        self.data_dir.join("articles")
    }

    /// Creates the user's article folder if it does not exist yet.
    pub fn ensure_articles_dir(&self) -> Result<PathBuf, ConfigError> {
        let dir = self.articles_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|source| ConfigError::CreateDir { path: dir.clone(), source })?;
        Ok(dir)
    }

    /// Loads the config file, or the defaults when there is none. Never fails: a file that
    /// cannot be read, or entries that are wrong, are problems to tell the user.
    pub fn load_config(&self) -> Loaded {
        let path = &self.config_file;
        let shown = crate::sanitize::sanitize_line(&path.display().to_string()).into_owned();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
            Err(e) => {
                let problem = format!("cannot read config file '{shown}': {e}; using the defaults");
                return Loaded { config: Config::default(), problems: vec![problem] };
            }
        };
        let mut loaded = parse_config(&text, &shown);
        loaded.config.folders = loaded.config.folders.iter().map(|f| expand_home(f)).collect();
        loaded
    }
}

/// Replaces a leading `~/` with the home directory.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_data_dir_wins_and_holds_the_config() {
        let p = Paths::resolve(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(p.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(p.config_file, PathBuf::from("/tmp/x/config.toml"));
        assert_eq!(p.articles_dir(), PathBuf::from("/tmp/x/articles"));
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_an_unreadable_one_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::resolve(Some(dir.path())).unwrap();
        assert_eq!(paths.load_config(), Loaded::default());
        std::fs::create_dir(dir.path().join("config.toml")).unwrap();
        let loaded = paths.load_config();
        assert_eq!(loaded.config, Config::default());
        assert!(loaded.problems[0].starts_with("cannot read config file"), "{:?}", loaded.problems);
    }
}
