//! `salve show` prints what the article holds: every character of a code line wider than the
//! page, and sections found by the names the contents and the status line give them.

mod support;

use std::ffi::OsStr;
use std::time::Duration;

use support::{CliOutput, Sandbox, run_salve};
use unicode_width::UnicodeWidthStr;

/// Long enough for a hang to fail the test, not a measure of speed.
const DEADLINE: Duration = Duration::from_secs(60);

/// The line from issue 12, one 4-space-indented (code) line in Markdown.
const DOSE: &str = "Adults: take 1 tablet every 6 hours as needed; do not take more than 4 \
                    tablets in 24 hours or use for more than 10 days.";

/// Runs `salve show FILE ARGS...` over `text` saved as `name`.
fn show(name: &str, text: &str, args: &[&str]) -> anyhow::Result<CliOutput> {
    let sandbox = Sandbox::new()?;
    let file = sandbox.scratch()?.join(name);
    std::fs::write(&file, text)?;
    let mut all: Vec<&OsStr> = vec![OsStr::new("show"), file.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    run_salve(&all, &sandbox, DEADLINE)
}

#[test]
fn show_prints_all_of_a_long_indented_line() -> anyhow::Result<()> {
    for width in [None, Some("20"), Some("200")] {
        let args: Vec<&str> = width.map(|w| vec!["--width", w]).unwrap_or_default();
        let out = show("dose.md", &format!("    {DOSE}\n"), &args)?;
        out.ensure_success()?;
        let limit = width.map_or(80, |w| w.parse().unwrap_or(80));
        assert!(out.stdout.lines().all(|l| l.width() <= limit), "{out}");
        // Continuation lines start with a mark; without it the words read as in the file.
        let words: Vec<&str> =
            out.stdout.split_whitespace().map(|w| w.trim_start_matches('↪')).collect();
        assert!(words.join(" ").contains(DOSE), "width {width:?}:\n{out}");
    }
    Ok(())
}

/// An introduction, an empty heading (`##` alone) and a titled section.
const UNTITLED: &str = "---
title: Notes after an infusion
---

What the nurse said before we left.

##

Drink water and rest for the day.

## Driving

Not until the next day.
";

#[test]
fn show_section_takes_the_names_the_contents_give() -> anyhow::Result<()> {
    for (name, wanted, not) in [
        ("(untitled section)", "Drink water", "nurse"),
        ("(introduction)", "What the nurse said", "Drink water"),
        ("(Untitled Section)", "Drink water", "Not until"),
    ] {
        let out = show("notes.md", UNTITLED, &["--section", name])?;
        out.ensure_success()?;
        assert!(out.stdout.contains(wanted) && !out.stdout.contains(not), "{name}:\n{out}");
    }
    let out = show("notes.md", UNTITLED, &["--section", "(untitled section)"])?;
    assert!(out.stdout.starts_with("(untitled section)\n"), "{out}");
    Ok(())
}
