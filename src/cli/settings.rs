//! `salve config`: where the config file is and every setting in force, as TOML a user can
//! copy into the file; `--default`, a commented file of the defaults.

use super::CliError;
use crate::config::{Config, DEFAULT_FILE, Hyperlinks, Paths};
use crate::keymap::Pane;
use std::fmt::Write as _;
use std::io::Write;

/// Prints the effective configuration, or the default file.
pub(super) fn print(paths: &Paths, default: bool) -> Result<(), CliError> {
    let text = if default {
        DEFAULT_FILE.to_string()
    } else {
        let exists = paths.config_file.exists();
        let config = super::load_config(paths);
        effective(&config, &paths.config_file.display().to_string(), exists)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(anyhow::Error::from)?;
    Ok(())
}

/// `config` as TOML, headed by where its file is.
pub fn effective(config: &Config, file: &str, exists: bool) -> String {
    let quote = toml_string;
    let mut out = String::new();
    let file = crate::sanitize::sanitize_line(file);
    let _ =
        writeln!(out, "# config file: {file}{}", if exists { "" } else { " (none yet: defaults)" });
    let _ = writeln!(out, "# every setting in force, the keys included\n");
    let folders: Vec<String> =
        config.folders.iter().map(|f| quote(&f.display().to_string())).collect();
    let _ = writeln!(out, "folders = [{}]", folders.join(", "));
    let _ = writeln!(out, "max_width = {}", config.max_width);
    match config.theme {
        Some(theme) => {
            let _ = writeln!(out, "theme = {}", quote(theme.name()));
        }
        None => out.push_str("# theme: not set (SALVE_THEME decides, else dark)\n"),
    }
    let _ = writeln!(out, "bundled = {}", config.bundled);
    let hyperlinks = match config.hyperlinks {
        Hyperlinks::On => "true".to_string(),
        Hyperlinks::Off => "false".to_string(),
        Hyperlinks::Auto => quote("auto"),
    };
    let _ = writeln!(out, "hyperlinks = {hyperlinks}");
    let _ = writeln!(out, "library_order = {}", quote(config.library_order.name()));
    let keymap = config.keymap();
    let defaults = crate::keymap::Keymap::default();
    for pane in Pane::ALL {
        let _ = writeln!(out, "\n[keys.{}]", pane.config_name());
        let bound: Vec<_> = keymap.bindings(pane).collect();
        for (key, action) in &bound {
            if let Some(name) = action.name() {
                let _ = writeln!(out, "{} = {}", quote(&key.config_name()), quote(name));
            }
        }
        // Default keys the config unbound, so the file reads back as this very keymap.
        for (key, _) in defaults.bindings(pane).filter(|(k, _)| bound.iter().all(|(b, _)| b != k)) {
            let _ = writeln!(out, "{} = \"none\"", quote(&key.config_name()));
        }
    }
    out
}

/// `s` as a TOML basic string: in quotes, with `\\`, `"` and control characters escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_effective_config_reads_back_as_itself() {
        let text = "max_width = 90\ntheme = \"light\"\n[keys.reader]\n\"ctrl-n\" = \"next_section\"\n\"]\" = \"none\"\n";
        let config = crate::config::parse_config(text, "c").config;
        let shown = effective(&config, "/home/ada/.config/salve/config.toml", true);
        assert!(shown.starts_with("# config file: /home/ada/.config/salve/config.toml\n"));
        assert!(shown.contains("\"ctrl-n\" = \"next_section\""), "{shown}");
        assert!(!shown.contains("\"]\" = \"next_section\""), "the unbound key is gone: {shown}");
        let again = crate::config::parse_config(&shown, "c");
        assert_eq!(again.problems, Vec::<String>::new());
        // Every binding of every pane, not only as many.
        let table = |config: &crate::config::Config| {
            let keymap = config.keymap();
            let mut all: Vec<String> = Pane::ALL
                .iter()
                .flat_map(|&pane| {
                    keymap.bindings(pane).map(move |(k, a)| format!("{pane:?} {k:?} {a:?}"))
                })
                .collect();
            all.sort();
            all
        };
        assert_eq!(table(&again.config), table(&config));
        assert_eq!((again.config.max_width, again.config.theme), (90, config.theme));
    }
}
