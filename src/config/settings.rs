//! The config file's settings, read one entry at a time: a wrong value or an unknown key is a
//! message (file, line, the value quoted, what is accepted) and the entry is skipped; the
//! rest applies. A TOML syntax error costs what the parser could not recover, nothing more.

use super::{Config, Loaded};
use crate::action::Action;
use crate::keymap::{Key, Pane};
use crate::library::Order;
use crate::sanitize::sanitize_line;
use std::path::PathBuf;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The colours asked for in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
    /// Ask the terminal what its background is (OSC 11), dark when it does not say.
    Auto,
}

impl ThemeName {
    /// The name as the config writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dark => "dark",
            Self::Light => "light",
            Self::Auto => "auto",
        }
    }
}

/// Whether links become terminal hyperlinks (OSC 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyperlinks {
    /// Always.
    On,
    /// Never.
    Off,
    /// Where the terminal is known to support them.
    Auto,
}

/// One change to the default key bindings: `key` in `pane` does `action`, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebind {
    /// The pane whose table changes.
    pub pane: Pane,
    /// The key.
    pub key: Key,
    /// The new action; `None` unbinds the key.
    pub action: Option<Action>,
}

/// The settings a config file may have, for the unknown-key message.
const KNOWN: &str =
    "folders, max_width, theme, bundled, hyperlinks, library_order and [keys.PANE] tables";

/// Reads config `text` from the file named `file` (for messages): every good entry applies.
pub fn parse_config(text: &str, file: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let (table, errors) = DeTable::parse_recoverable(text);
    let at = |span: std::ops::Range<usize>| format!("{file} line {}", line_of(text, span.start));
    // Lines the parser could not read: what it recovered there is not what was meant.
    let mut broken = std::collections::HashSet::new();
    for error in errors {
        broken.extend(error.span().map(|span| line_of(text, span.start)));
        let line = error.span().map_or_else(|| file.to_string(), &at);
        let message = error.message().lines().next().unwrap_or("not valid TOML").trim();
        loaded.problems.push(format!("{line}: {message} (the rest of the file still applies)"));
    }
    for (key, value) in table.get_ref() {
        let name = key.get_ref().as_ref();
        if broken.contains(&line_of(text, key.span().start)) {
            continue;
        }
        let place = at(key.span());
        if name == "keys" {
            keys(&mut loaded.config, value, text, file, &mut loaded.problems);
        } else if let Err(problem) = apply(&mut loaded.config, name, value) {
            loaded.problems.push(format!("{place}: {problem}"));
        }
    }
    loaded.problems.sort_by_key(|p| line_number(p, file));
    loaded
}

/// The line number of a message that starts `FILE line N:`, to list messages in file order
/// (read after the file's name, which may itself hold " line ").
fn line_number(message: &str, file: &str) -> usize {
    let after = message.strip_prefix(file).and_then(|m| m.strip_prefix(" line "));
    after.and_then(|m| m.split(':').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Applies one top-level setting; the error says what was wrong with it.
fn apply(config: &mut Config, name: &str, value: &Spanned<DeValue>) -> Result<(), String> {
    let shown = || quote(value.get_ref());
    match name {
        "folders" => {
            let DeValue::Array(items) = value.get_ref() else {
                return Err(format!(
                    "folders = {}: use a list of paths, like [\"~/health\"]",
                    shown()
                ));
            };
            let mut folders = Vec::new();
            for item in items {
                match item.get_ref().as_str() {
                    Some(path) => folders.push(PathBuf::from(path)),
                    None => {
                        return Err(format!(
                            "folders: {} is not a path in quotes",
                            quote(item.get_ref())
                        ));
                    }
                }
            }
            config.folders = folders;
        }
        "max_width" => match value.get_ref() {
            DeValue::Integer(n) => match n.as_str().parse::<u16>() {
                Ok(width) if width >= 20 => config.max_width = width,
                _ => {
                    return Err(format!(
                        "max_width = {}: use a number of cells, 20 or more",
                        shown()
                    ));
                }
            },
            _ => return Err(format!("max_width = {}: use a number of cells, 20 or more", shown())),
        },
        "theme" => {
            config.theme = Some(match value.get_ref().as_str() {
                Some("dark") => ThemeName::Dark,
                Some("light") => ThemeName::Light,
                Some("auto") => ThemeName::Auto,
                _ => {
                    return Err(format!(
                        "theme = {}: use \"dark\", \"light\" or \"auto\"",
                        shown()
                    ));
                }
            });
        }
        "bundled" => match value.get_ref().as_bool() {
            Some(on) => config.bundled = on,
            None => return Err(format!("bundled = {}: use true or false", shown())),
        },
        "hyperlinks" => {
            config.hyperlinks = match (value.get_ref().as_bool(), value.get_ref().as_str()) {
                (Some(true), _) => Hyperlinks::On,
                (Some(false), _) => Hyperlinks::Off,
                (_, Some("auto")) => Hyperlinks::Auto,
                _ => return Err(format!("hyperlinks = {}: use true, false or \"auto\"", shown())),
            };
        }
        "library_order" => {
            let order = value.get_ref().as_str().and_then(Order::from_name);
            match order {
                Some(order) => config.library_order = order,
                None => {
                    return Err(format!(
                        "library_order = {}: use \"title\", \"recently read\", \"progress\" or \"folder\"",
                        shown()
                    ));
                }
            }
        }
        _ => {
            // A name from the file, shown as text whatever it holds (a quoted key may hold
            // control characters).
            let name = sanitize_line(name);
            return Err(format!("unknown setting '{name}' (ignored); salve knows {KNOWN}"));
        }
    }
    Ok(())
}

/// The `[keys.PANE]` tables: each entry a key name and an action name, or "none".
fn keys(
    config: &mut Config,
    value: &Spanned<DeValue>,
    text: &str,
    file: &str,
    problems: &mut Vec<String>,
) {
    let at = |span: std::ops::Range<usize>| format!("{file} line {}", line_of(text, span.start));
    let DeValue::Table(panes) = value.get_ref() else {
        problems.push(format!("{}: keys: use tables such as [keys.reader]", at(value.span())));
        return;
    };
    let pane_names: Vec<&str> = Pane::ALL.iter().map(|p| p.config_name()).collect();
    for (pane_name, bindings) in panes {
        let Some(pane) = Pane::from_config_name(pane_name.get_ref()) else {
            problems.push(format!(
                "{}: unknown pane [keys.{}]; use one of {}",
                at(pane_name.span()),
                sanitize_line(pane_name.get_ref()),
                pane_names.join(", ")
            ));
            continue;
        };
        let DeValue::Table(bindings) = bindings.get_ref() else {
            problems.push(format!(
                "{}: [keys.{}] must be a table of \"key\" = \"action\"",
                at(pane_name.span()),
                sanitize_line(pane_name.get_ref())
            ));
            continue;
        };
        for (key_name, action_name) in bindings {
            let line = at(key_name.span());
            let Some(key) = Key::parse(key_name.get_ref()) else {
                problems.push(format!(
                    "{line}: \"{}\" is not a key; use a character, a name such as \"enter\", \"pagedown\" or \"f5\", or ctrl-/alt- before one",
                    sanitize_line(key_name.get_ref())
                ));
                continue;
            };
            let action = match action_name.get_ref().as_str() {
                Some("none") => None,
                Some(name) if Action::from_name(name).is_some() => Action::from_name(name),
                _ => {
                    problems.push(format!(
                        "{line}: \"{}\" = {} is not an action; use \"none\" or one of: {}",
                        sanitize_line(key_name.get_ref()),
                        quote(action_name.get_ref()),
                        crate::action::NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ));
                    continue;
                }
            };
            config.keys.push(Rebind { pane, key, action });
        }
    }
}

/// A value as the file wrote it, for messages: strings in quotes, others as TOML.
fn quote(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("\"{}\"", crate::sanitize::sanitize_line(s)),
        DeValue::Integer(n) => n.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "[...]".into(),
        DeValue::Table(_) => "{...}".into(),
    }
}

/// A config file with every setting at its default, each explained: what `salve config
/// --default` prints. Written back unchanged, it loads with no message.
pub const DEFAULT_FILE: &str = r#"# salve's configuration. Every setting is optional; these are the defaults.

# More folders to read articles from ("~/" is your home folder). Your own folder,
# <data directory>/articles, is always read.
folders = []

# The widest text column, in cells (20 or more).
max_width = 80

# Colours: "dark", "light", or "auto" (ask the terminal for its background, dark if it does
# not answer). NO_COLOR, when set, wins.
# theme = "auto"

# Whether the bundled articles are in the library.
bundled = true

# Links as terminal hyperlinks you can click: true, false, or "auto" (where the terminal is
# known to support them).
hyperlinks = "auto"

# The library's order until you press o: "title", "recently read", "progress" or "folder".
library_order = "title"

# Keys: a table per pane (library, filter, reader, contents, find, search, search_query,
# bookmarks, prompt, problems, help, global), each entry "key" = "action" or "none".
# Keys: a character, "ctrl-x", "alt-x", "enter", "esc", "tab", "backspace", "space", "up",
# "down", "left", "right", "pageup", "pagedown", "home", "end", "f1" to "f12".
# `salve config` lists every binding in force, with the action names.
#
# [keys.reader]
# "ctrl-n" = "next_section"
# "ctrl-p" = "previous_section"
# "]" = "none"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn every_setting_is_read() {
        let text = r#"
folders = ["/srv/health"]
max_width = 100
theme = "light"
bundled = false
hyperlinks = true
library_order = "recently read"

[keys.reader]
"ctrl-n" = "next_section"
"]" = "none"
"#;
        let loaded = parse_config(text, "config.toml");
        assert_eq!(loaded.problems, Vec::<String>::new());
        let c = loaded.config;
        assert_eq!(c.folders, [PathBuf::from("/srv/health")]);
        assert_eq!((c.max_width, c.theme, c.bundled), (100, Some(ThemeName::Light), false));
        assert_eq!((c.hyperlinks, c.library_order), (Hyperlinks::On, Order::Recent));
        let keymap = c.keymap();
        let press = |code, mods| {
            let layers = crate::keymap::Keymap::layers(&[Pane::Reader]);
            keymap.action(&layers, KeyEvent::new(code, mods)).map(|(_, a)| a)
        };
        assert_eq!(press(KeyCode::Char('n'), KeyModifiers::CONTROL), Some(Action::NextSection));
        assert_eq!(press(KeyCode::Char(']'), KeyModifiers::NONE), None, "unbound");
        assert_eq!(press(KeyCode::Char('['), KeyModifiers::NONE), Some(Action::PrevSection));
    }

    #[test]
    fn names_from_the_file_are_shown_as_text_and_messages_stay_in_file_order() {
        let text = "\"\\u001b]0;x\\u0007\" = 1\n[keys.\"\\u001b[2J\"]\n[keys.reader]\n\"\\u001b[31m\" = \"top\"\n";
        // A folder whose name holds " line " must not change the order.
        let file = "/home/a line 99/config.toml";
        let loaded = parse_config(text, file);
        assert_eq!(loaded.problems.len(), 3, "{:#?}", loaded.problems);
        for (n, problem) in loaded.problems.iter().enumerate() {
            assert!(!problem.contains('\u{1b}') && !problem.contains('\u{7}'), "{problem:?}");
            assert!(problem.starts_with(&format!("{file} line {}", [1, 2, 4][n])), "{problem}");
        }
    }

    #[test]
    fn each_bad_entry_is_one_message_with_the_line_the_value_and_what_works() {
        let text = "max_width = 100\ntheme = \"blue\"\ncolour = \"red\"\n\n[keys.reader]\n\"ctrl-n\" = \"fly\"\n";
        let loaded = parse_config(text, "config.toml");
        assert_eq!(loaded.problems.len(), 3, "{:#?}", loaded.problems);
        assert!(
            loaded.problems[0].starts_with("config.toml line 2: theme = \"blue\": use \"dark\"")
        );
        assert!(loaded.problems[1].starts_with("config.toml line 3: unknown setting 'colour'"));
        assert!(
            loaded.problems[2]
                .starts_with("config.toml line 6: \"ctrl-n\" = \"fly\" is not an action")
        );
        assert_eq!(loaded.config.max_width, 100, "the good entries still apply");
    }

    #[test]
    fn broken_toml_is_reported_and_what_parsed_applies() {
        let loaded = parse_config("max_width = 90\ntheme = \n", "c.toml");
        assert_eq!(loaded.config.max_width, 90);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert!(loaded.problems[0].starts_with("c.toml line 2:"), "{:?}", loaded.problems);
    }

    #[test]
    fn the_default_file_loads_without_a_message() {
        let loaded = parse_config(DEFAULT_FILE, "config.toml");
        assert_eq!(loaded.problems, Vec::<String>::new());
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn key_names_round_trip() {
        for name in ["ctrl-n", "alt-x", "]", "G", "enter", "pagedown", "f5", "space", "ctrl-alt-up"]
        {
            let key = Key::parse(name).expect(name);
            assert_eq!(Key::parse(&key.config_name()), Some(key), "{name}");
        }
        assert_eq!(Key::parse("hyper-x"), None);
        assert_eq!(Key::parse("f13"), None);
    }
}
