//! The command line: arguments, the subcommands that work without a terminal, and exit codes.
//!
//! Exit codes ([`EXIT_CODES`]): 0 success, 1 failure (with a message; also a title no article
//! matches), 2 a wrong argument (one line naming the value and what would work; a title or
//! section name that matches several is one too, and they are listed). Output to stdout is
//! plain and pipe-friendly; a closed pipe (`salve list | head`) ends the program quietly.

mod extras;
mod forget;
mod import;
mod list;
mod marks;
mod read;
mod search;
mod settings;
mod show;
mod walk;

use crate::config::Paths;
use crate::library::{self, Library};
use crate::sanitize::sanitize_line;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the exit codes mean, for `--help` (the README says the same).
pub const EXIT_CODES: &str = "Exit codes: 0 success; 1 failure, or no article matches the \
    title (or no section the search); 2 a wrong argument, or a title or section that matches \
    several (they are listed).";

/// salve: read offline health articles in the terminal.
#[derive(Debug, Parser)]
#[command(name = "salve", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// Where salve keeps your own articles (and its config) [env: SALVE_DATA_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do; without one, open the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// An article to open in the reader, or folders to open as the library.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles: id, title, sections, words, reading minutes, where each comes from.
    List {
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
        /// Files or folders to list instead of your library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print an article (or one section) as wrapped plain text.
    Show {
        /// Words of a title, an id from `salve list`, or a path to a file.
        article: std::ffi::OsString,
        /// Only this section: its heading (or words of it) or its number (headings count from
        /// 1; 0 is the introduction before the first heading, if there is one).
        #[arg(long, short, value_name = "NAME_OR_NUMBER")]
        section: Option<String>,
        /// Wrap at this many columns (20 to 1000; default: the terminal, at most 80).
        #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
        width: Option<u16>,
    },
    /// Show the config file's path and every setting in force (as TOML).
    Config {
        /// Print a commented file of the defaults instead.
        #[arg(long)]
        default: bool,
    },
    /// List your bookmarks, newest first: article, section, label, the first words there.
    Bookmarks {
        /// Print JSON (a stable export format, described in docs/guide.md).
        #[arg(long)]
        json: bool,
    },
    /// Search the library: matching sections, best first, as `title > section: snippet`.
    Search {
        /// The words to find (every one must match in the same section or its title).
        query: String,
        /// Show at most this many results.
        #[arg(long, short = 'n', value_name = "N", default_value_t = search::DEFAULT_LIMIT,
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        limit: u16,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
        /// Files or folders to search instead of your library (indexed in salve.db, as the
        /// reader keeps them).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Forget folders (or files) opened before: drop them from salve.db's library cache and
    /// search index. Reading positions and bookmarks are kept. (Files not seen for 30 days are
    /// forgotten anyway.)
    Forget {
        /// The folders or files, whether they still exist or not.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
    },
    /// Save web pages (.html) into your library as clean Markdown, and print where each went.
    Import {
        /// The saved pages.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the completion script for a shell on stdout.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout: `salve man > salve.1; man ./salve.1`.
    Man {
        /// A subcommand's own page (salve-show(1) for `show`) instead of salve(1).
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Option<String>,
    },
}

/// A failure, with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A wrong argument: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Anything else: exit code 1.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
    /// A title or section that names no single one: a message, then the choices, one a line.
    #[error("{message}")]
    Choices {
        /// 2 when several matched (the argument does not pick one), 1 when none did.
        code: i32,
        /// What went wrong and what to give instead.
        message: String,
        /// The matching (or closest) articles or sections, with the id or number to give.
        choices: Vec<String>,
    },
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Usage(_) => 2,
            Self::Failed(_) => 1,
            Self::Choices { code, .. } => *code,
        }
    }
}

/// Runs salve with the process arguments and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return report_parse_error(&e),
    };
    match run(cli) {
        Ok(()) => 0,
        Err(CliError::Failed(e)) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Messages quote paths and config text: nothing raw reaches the terminal.
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "salve: {}", sanitize_line(&one_line(&e)));
            if let CliError::Choices { choices, .. } = &e {
                for choice in choices {
                    let _ = writeln!(err, "  {}", sanitize_line(choice));
                }
            }
            e.exit_code()
        }
    }
}

/// Help and version go to stdout with exit 0; a wrong argument is one line on stderr, exit 2.
fn report_parse_error(e: &clap::Error) -> i32 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    let message = fold_clap_message(&e.render().to_string());
    // clap quotes the offending argument, which may be a hostile file name.
    eprintln!("salve: {}", sanitize_line(&message));
    2
}

/// clap's error on one line: the message with what it lists (the missing arguments) and its
/// tip (a similar argument), without the usage block; then where help is.
fn fold_clap_message(rendered: &str) -> String {
    let mut message = String::new();
    let mut listing = false;
    for line in rendered.lines().take_while(|l| !l.starts_with("Usage:")) {
        let text = line.trim();
        if text.is_empty() || text.starts_with("For more information") {
            continue;
        }
        let text = text.strip_prefix("error: ").unwrap_or(text);
        // Indented lines after a line ending in ':' are its list; anything else is a new part.
        let item = listing && line.starts_with(char::is_whitespace) && !text.starts_with("tip:");
        let separator = if message.is_empty() {
            ""
        } else if message.ends_with(':') {
            " "
        } else if item {
            ", "
        } else {
            "; "
        };
        message.push_str(separator);
        message.push_str(text);
        if text.ends_with(':') {
            listing = true;
        } else if !item {
            listing = false;
        }
    }
    if message.is_empty() {
        message.push_str("invalid arguments");
    }
    // The subcommand's own help, when the usage line names one.
    let usage = rendered.lines().find_map(|l| l.strip_prefix("Usage: salve "));
    let sub =
        usage.and_then(|u| u.split_whitespace().next()).filter(|w| !w.starts_with(['[', '<', '-']));
    match sub {
        Some(sub) => format!("{message}; see 'salve {sub} --help'"),
        None => format!("{message}; see 'salve --help'"),
    }
}

fn one_line(e: &CliError) -> String {
    match e {
        CliError::Usage(m) | CliError::Choices { message: m, .. } => m.clone(),
        CliError::Failed(e) => chain_line(e),
    }
}

/// The error and its causes on one line, each cause once: many errors already quote their
/// source in their own message (`cannot read ...: Not a directory`), and repeating it reads as
/// a stutter.
fn chain_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string().replace('\n', " ");
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// A JSON write's error as the I/O error it is, when it is one (a closed pipe must end quietly,
/// see [`is_broken_pipe`]), else as an I/O error of its own.
pub(crate) fn json_io(e: serde_json::Error) -> std::io::Error {
    match e.io_error_kind() {
        Some(kind) => std::io::Error::from(kind),
        None => std::io::Error::other(e),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs parsed arguments.
pub fn run(cli: Cli) -> Result<(), CliError> {
    // Made from the definitions alone: they must work with no home or data directory.
    match &cli.command {
        Some(Command::Completions { shell }) => return extras::print_completions(*shell),
        Some(Command::Man { subcommand }) => return extras::print_man(subcommand.as_deref()),
        _ => {}
    }
    let paths = Paths::resolve(cli.data_dir.as_deref()).map_err(anyhow::Error::from)?;
    check_data_dir(&paths.data_dir, cli.data_dir.is_some())?;
    match cli.command {
        Some(Command::List { json, paths: roots }) => list::run(&paths, json, &roots),
        Some(Command::Show { article, section, width }) => {
            // Read once: its problems are said once, and it gives the library and the width.
            let config = load_config(&paths);
            let path = PathBuf::from(&article);
            let page = crate::article::Format::for_name(&path.to_string_lossy())
                == crate::article::Format::Html;
            if path.is_file() && section.is_none() && !page {
                // Printed as it is read: `salve show big.md | head` needs only the start (a
                // saved page's article is found in the whole page, so it is read whole).
                return show::stream(&path, width, config.max_width);
            }
            if let Ok(meta) = std::fs::metadata(&path)
                && !meta.is_file()
                && !meta.is_dir()
            {
                // A pipe, socket or device named: say so rather than search the titles for it
                // (a folder's name may well be words of a title).
                let shown = sanitize_line(&path.display().to_string()).into_owned();
                let why = library::special_kind(&meta);
                return Err(CliError::Failed(anyhow::anyhow!("cannot show '{shown}': {why}")));
            }
            // A path names one file; else words of a title or an id pick one of the library.
            let (place, picked) = if path.is_file() {
                (crate::article::Origin::File(path.clone()), None)
            } else {
                let query = article.to_string_lossy().into_owned();
                let (place, spelling) = pick_in_library(&paths, &config, &query)?;
                (place, spelling.then_some(query))
            };
            // Shown, or why it cannot be read.
            let library = read_one(&place);
            let found = library.articles.first().ok_or_else(|| {
                let why = library.problems.first().cloned().unwrap_or_else(|| "unreadable".into());
                CliError::Failed(anyhow::anyhow!("cannot show it: {why}"))
            })?;
            if let Some(query) = picked {
                // Shown anyway, but a near spelling may be another condition: say so.
                eprintln!(
                    "salve: no title has '{}' as typed; showing '{}', the nearest spelling",
                    sanitize_line(&query),
                    found.meta.title
                );
            }
            // Only the shown article's problems, not the whole library's: show reads one article.
            report_article_problems(found);
            show::run(found, section.as_deref(), width, config.max_width)
        }
        Some(Command::Bookmarks { json }) => marks::print(&paths, json),
        Some(Command::Config { default }) => settings::print(&paths, default),
        Some(Command::Search { query, limit, json, paths: roots }) => {
            search::run(&paths, &query, usize::from(limit), json, &roots)
        }
        Some(Command::Import { files }) => import::run(&paths, &files),
        Some(Command::Forget { paths: roots }) => forget::run(&paths, &roots),
        // Done above, before the data directory is looked at.
        Some(Command::Completions { .. } | Command::Man { .. }) => Ok(()),
        None => read::open_reader(&paths, &cli.paths),
    }
}

/// The article of the user's library `query` names (see [`show::find_named`]), found in the
/// library as `salve list` lists it (from the cache); when none is, the files are checked for
/// changes and, if any, looked in again. Where it is, and whether only a slip matched.
fn pick_in_library(
    paths: &Paths,
    config: &crate::config::Config,
    query: &str,
) -> Result<(crate::article::Origin, bool), CliError> {
    let pick = |listing: &list::Listing| {
        let rows = &listing.rows;
        let names: Vec<show::Named> = rows
            .iter()
            .map(|r| show::Named { id: &r.id, title: &r.title, source: Some(&r.from) })
            .collect();
        show::find_named(&names, query).map(|(i, spelling)| (rows[i].place.clone(), spelling))
    };
    let mut listing = list::Listing::of(paths, config, &[], false)?;
    match pick(&listing) {
        Err(_) if listing.check() > 0 => pick(&list::Listing::of(paths, config, &[], false)?),
        picked => picked,
    }
}

/// The one article at `place`, read (with why not, when it cannot be).
fn read_one(place: &crate::article::Origin) -> Library {
    match place {
        crate::article::Origin::File(path) => library::load(std::slice::from_ref(path), false),
        crate::article::Origin::Bundled(_) => match library::open(place) {
            Ok(article) => Library { articles: vec![article], problems: Vec::new() },
            Err(why) => Library { articles: Vec::new(), problems: vec![why.to_string()] },
        },
    }
}

/// The user's own library folders, absolute, as the reader, `salve list`, `show` and `search`
/// open them: the articles folder (made on first run) and the configured ones; and why the
/// articles folder could not be made, if it could not (the others are still given).
pub(crate) fn user_folders(
    paths: &Paths,
    config: &crate::config::Config,
) -> (Vec<PathBuf>, Option<crate::config::ConfigError>) {
    let (mut folders, failed) = match paths.ensure_articles_dir() {
        Ok(dir) => (vec![dir], None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let configured = config.folders.iter();
    folders.extend(configured.map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone())));
    (folders, failed)
}

/// The user's config; its problems are said on stderr, once each.
pub(crate) fn load_config(paths: &Paths) -> crate::config::Config {
    let loaded = paths.load_config();
    let mut err = std::io::stderr().lock();
    for problem in &loaded.problems {
        let _ = writeln!(err, "salve: {}", sanitize_line(problem));
    }
    loaded.config
}

/// A usage error naming the first of `roots` that does not exist.
pub(crate) fn check_paths(roots: &[PathBuf]) -> Result<(), CliError> {
    if let Some(missing) = roots.iter().find(|r| std::fs::symlink_metadata(r).is_err()) {
        return Err(CliError::Usage(format!(
            "no such file or folder: '{}'; give an article file or a folder of articles",
            sanitize_line(&missing.display().to_string())
        )));
    }
    Ok(())
}

/// Tells the user, on stderr, about every file that was skipped or read with problems.
fn report_problems(library: &Library) {
    let mut err = std::io::stderr().lock();
    for note in library.all_problems() {
        let _ = writeln!(err, "salve: {note}");
    }
}

/// Tells the user, on stderr, about the problems found reading one article (as `list` does).
fn report_article_problems(article: &crate::article::Article) {
    let mut err = std::io::stderr().lock();
    for note in &article.problems {
        let _ = writeln!(err, "salve: {}: {note}", article.origin_label());
    }
}

/// Fails, saying what to do, when the data directory exists but is not a folder: creating
/// `articles/` in it would fail with a bare "Not a directory".
fn check_data_dir(dir: &Path, from_flag: bool) -> Result<(), CliError> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            let what = if meta.is_file() { "it is a file" } else { "it is not a folder" };
            let fix = if from_flag {
                "pass a folder to --data-dir"
            } else {
                "set SALVE_DATA_DIR to a folder"
            };
            Err(CliError::Usage(format!(
                "cannot use '{}' as the data directory: {what}; {fix}",
                sanitize_line(&dir.display().to_string())
            )))
        }
        _ => Ok(()),
    }
}

/// False when `TERM` says the terminal cannot take escape sequences (`TERM=dumb`, as in
/// Emacs shells and some CI logs): no colour, no reader.
pub fn can_style() -> bool {
    std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

#[cfg(test)]
mod tests {
    use super::chain_line;

    #[test]
    fn a_cause_the_message_already_quotes_is_not_repeated() {
        let source = std::io::Error::from_raw_os_error(20);
        let shown = source.to_string();
        let e = anyhow::Error::from(crate::config::ConfigError::CreateDir {
            path: "/f/articles".into(),
            source,
        });
        assert_eq!(chain_line(&e), format!("cannot create directory '/f/articles': {shown}"));
        // A cause the message does not quote still shows.
        let e = anyhow::Error::from(std::io::Error::from_raw_os_error(20)).context("opening");
        assert_eq!(chain_line(&e), format!("opening: {shown}"));
    }
}
