//! Files made from the command-line definitions themselves: shell completion scripts
//! (`salve completions SHELL`, clap_complete) and man pages (`salve man [SUBCOMMAND]`,
//! clap_mangen). Both read [`super::Cli`], so they cannot drift from the real arguments, and
//! neither looks at the data directory: a package build, with no home directory, can run them.

use super::{Cli, CliError};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

/// Prints the completion script for `shell` on stdout.
pub fn print_completions(shell: Shell) -> Result<(), CliError> {
    Ok(completions(shell, &mut std::io::stdout().lock()).map_err(anyhow::Error::from)?)
}

/// Prints a man page on stdout (see [`man`]).
pub fn print_man(subcommand: Option<&str>) -> Result<(), CliError> {
    man(subcommand, &mut std::io::stdout().lock())
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    // clap_complete panics when a write fails: write it whole to memory first, so a closed
    // pipe (`salve completions bash | head`) is an error the caller ends quietly on.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    out.write_all(&script)?;
    out.flush()
}

/// Writes a man page (roff) to `out`: salve(1), or with `subcommand` its own page, such as
/// salve-show(1), which salve(1) refers to.
pub fn man(subcommand: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let mut command = Cli::command();
    // Built first, so a subcommand knows its full name ("salve show") for its synopsis, and
    // carries the global options (--data-dir).
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let Some(found) = command.find_subcommand(name) else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .filter(|n| *n != "help")
                    .collect();
                return Err(CliError::Usage(format!(
                    "no subcommand '{}'; give one of {}",
                    crate::sanitize::sanitize_line(name),
                    names.join(", ")
                )));
            };
            // Building named it "salve-show", the name salve(1) gives its page.
            found.clone()
        }
    };
    // "salve 0.1.0" in the footer of every page (a subcommand has no version of its own).
    let source = format!("salve {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(page).source(source).render(out).map_err(anyhow::Error::from)?;
    out.flush().map_err(anyhow::Error::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{completions, man};
    use clap_complete::Shell;

    fn script(shell: Shell) -> String {
        let mut out = Vec::new();
        completions(shell, &mut out).expect("generated");
        String::from_utf8(out).expect("utf-8")
    }

    fn page(subcommand: Option<&str>) -> String {
        let mut out = Vec::new();
        man(subcommand, &mut out).expect("generated");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn every_shell_completes_every_subcommand_and_the_global_option() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let text = script(shell);
            for word in ["list", "show", "bookmarks", "search", "completions", "man", "data-dir"] {
                assert!(text.contains(word), "{shell} completion lacks {word}");
            }
        }
        // A subcommand's own options, and the shells a user can pick.
        let bash = script(Shell::Bash);
        assert!(bash.contains("--section") && bash.contains("--width"), "salve show's options");
        assert!(bash.contains("powershell"), "salve completions' own values");
    }

    #[test]
    fn the_man_page_has_a_name_a_synopsis_the_options_and_the_subcommands() {
        let text = page(None);
        for part in [".TH salve 1", ".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
            assert!(text.contains(part), "no {part}:\n{text}");
        }
        assert!(text.contains("offline health articles"), "the description");
        assert!(text.contains("data\\-dir"), "the global option:\n{text}");
        assert!(text.contains("salve\\-show(1)"), "a subcommand's page is named:\n{text}");
        assert!(text.contains("Exit codes"), "what the exit codes mean");
    }

    #[test]
    fn a_subcommand_has_its_own_page_with_its_options() {
        let text = page(Some("show"));
        assert!(text.contains(".TH salve-show 1  \"salve 0.1.0\""), "{text}");
        assert!(text.contains("\\fBsalve show\\fR"), "the synopsis names the command:\n{text}");
        assert!(text.contains("section") && text.contains("width"), "{text}");
        assert!(text.contains("data\\-dir"), "the global option is there too:\n{text}");
    }

    #[test]
    fn an_unknown_subcommand_page_lists_the_ones_there_are() {
        let mut out = Vec::new();
        let err = man(Some("shw"), &mut out).expect_err("no such page");
        assert_eq!(err.exit_code(), 2);
        let message = err.to_string();
        assert!(message.contains("'shw'") && message.contains("show, "), "{message}");
        assert!(message.contains("bookmarks, search"), "{message}");
    }
}
