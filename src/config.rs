//! Where salve keeps its files, and the optional user config over built-in defaults.
//!
//! The data directory holds the user's own articles (`articles/`) and, later, reading state. It
//! is `--data-dir`, else `$SALVE_DATA_DIR`, else the platform data directory. The config file is
//! `config.toml` in the data directory when the data directory was overridden (so tests never
//! read the real one), else in the platform config directory.

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SALVE_DATA_DIR";

/// A problem with the data directory or the config file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No home directory could be found to put the data directory in.
    #[error(
        "cannot find a home directory for salve's data; pass --data-dir DIR or set {DATA_DIR_ENV}"
    )]
    NoHome,
    /// The config file exists but could not be read.
    #[error("cannot read config file '{path}': {source}")]
    Read {
        /// The config file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The config file is not valid TOML of the expected shape.
    #[error("config file '{path}' is invalid: {message}; fix or remove it")]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// What is wrong, as the TOML parser says it.
        message: String,
    },
    /// A directory salve needs could not be created.
    #[error("cannot create directory '{path}': {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The user's settings; every field is optional in the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Extra folders to search for articles (a leading `~/` means the home directory).
    pub folders: Vec<PathBuf>,
    /// The widest text column, in cells.
    pub max_width: u16,
}

impl Default for Config {
    fn default() -> Self {
        Self { folders: Vec::new(), max_width: crate::layout::DEFAULT_MAX_WIDTH }
    }
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

    /// Loads the config file, or the defaults when there is none.
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        let path = &self.config_file;
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => return Err(ConfigError::Read { path: path.clone(), source }),
        };
        let mut config = parse_config(&text)
            .map_err(|message| ConfigError::Invalid { path: path.clone(), message })?;
        config.folders = config.folders.iter().map(|f| expand_home(f)).collect();
        Ok(config)
    }
}

/// Parses config text; the error is the parser's message folded onto one line.
pub fn parse_config(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| one_line(&e.to_string()))?;
    if config.max_width < 20 {
        return Err(format!("max_width = {} is too small; use 20 or more", config.max_width));
    }
    Ok(config)
}

/// Folds a multi-line message (like TOML's, with a source excerpt) onto one line.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        // Drop the source excerpt: `|` rules and numbered `3 | text` lines.
        .filter(|l| {
            let excerpt = l.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
            !l.is_empty() && !excerpt.starts_with('|')
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    fn empty_config_is_default() {
        assert_eq!(parse_config(""), Ok(Config::default()));
    }

    #[test]
    fn folders_and_width_are_read() {
        let c = parse_config("folders = [\"/srv/health\"]\nmax_width = 100\n").unwrap();
        assert_eq!(c.folders, [PathBuf::from("/srv/health")]);
        assert_eq!(c.max_width, 100);
    }

    #[test]
    fn unknown_key_is_named() {
        let e = parse_config("colour = \"red\"\n").unwrap_err();
        assert!(e.contains("colour"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn tiny_width_is_rejected() {
        assert!(parse_config("max_width = 3").unwrap_err().contains("max_width = 3"));
    }

    #[test]
    fn explicit_data_dir_wins_and_holds_the_config() {
        let p = Paths::resolve(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(p.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(p.config_file, PathBuf::from("/tmp/x/config.toml"));
        assert_eq!(p.articles_dir(), PathBuf::from("/tmp/x/articles"));
    }
}
