//! End-to-end navigation in the real binary: section jumps that survive resizes, the contents
//! sidebar showing where the reader is, and the in-article search count.

mod support;

use std::fmt::Write as _;
use std::time::Duration;

use support::{Key, Pty, Sandbox, framed};

/// Generous, because two cores may be busy compiling other tests.
const WAIT: Duration = Duration::from_secs(10);

/// A Markdown article with four sections, each several screens long even at 100x30, so a
/// section heading can always be scrolled to the top line.
fn article() -> String {
    let mut text = String::from("---\ntitle: \"Navigation drill\"\n---\n\nA short lead.\n");
    for name in ["Alpha", "Beta", "Gamma", "Delta"] {
        let _ = write!(text, "\n## {name} section\n");
        for n in 1..=12 {
            let _ = write!(
                text,
                "\nParagraph {n} of {name}: steady words that wrap over a couple of lines at \
                 every width the test uses, so the layout changes when the terminal does.\n"
            );
        }
    }
    text
}

/// The text column's top line: the first row, right of the sidebar's border when it is open.
fn top_row(screen: &str) -> &str {
    let row = screen.lines().next().unwrap_or_default();
    row.rsplit('│').next().unwrap_or_default().trim()
}

/// Waits until the heading is the top line, failing with the framed screen.
fn wait_top(app: &mut Pty, heading: &str, cols: u16) -> anyhow::Result<()> {
    app.wait_for(|s| top_row(s) == heading, WAIT).map_err(|error| {
        anyhow::anyhow!(
            "{error}\nexpected {heading:?} on the top line:\n{}",
            framed(&app.screen(), cols)
        )
    })
}

#[test]
fn section_jumps_survive_resizes_and_show_in_contents_and_search() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let file = sandbox.scratch()?.join("drill.md");
    std::fs::write(&file, article())?;
    let mut app = Pty::builder(&[&file]).size(120, 40).sandbox(sandbox).spawn()?;
    app.wait_for_text("Navigation drill", WAIT)?;

    // From the top, the lead counts as the first section: `]]` lands on the second heading.
    app.send_keys("]")?;
    wait_top(&mut app, "Alpha section", 120)?;
    app.send_keys("]")?;
    wait_top(&mut app, "Beta section", 120)?;

    for (cols, rows) in [(60, 20), (100, 30)] {
        let mark = app.output_len();
        app.resize(cols, rows)?;
        app.wait_for_output_after(mark, WAIT)?;
        wait_top(&mut app, "Beta section", cols)?;
    }

    // The sidebar lists the sections and marks the one being read (bold, plus the cursor).
    app.send_keys("t")?;
    // The status line is drawn last, so once it shows the sidebar's keys the frame is complete.
    app.wait_for(
        |s| s.contains("Contents") && s.lines().last().is_some_and(|l| l.contains("Enter read")),
        WAIT,
    )?;
    let row = app.screen().lines().position(|l| l.trim_start().starts_with("Beta section"));
    let row =
        row.ok_or_else(|| anyhow::anyhow!("no Beta entry:\n{}", framed(&app.screen(), 100)))?;
    let marked = app.with_screen(|screen| {
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        screen.cell(row, 2).is_some_and(|cell| cell.bold() && cell.inverse())
    });
    assert!(marked, "Beta is not highlighted in the contents:\n{}", framed(&app.screen(), 100));
    wait_top(&mut app, "Beta section", 100)?;

    // Esc closes the sidebar; wait for the redraw so the next key is not read as Alt+key.
    let mark = app.output_len();
    app.send(Key::Esc)?;
    app.wait_for_output_after(mark, WAIT)?;
    app.wait_for(|s| !s.contains("Contents"), WAIT)?;

    app.send_keys("/gamma")?;
    app.wait_for(
        |s| s.lines().last().is_some_and(|l| l.starts_with("/gamma") && l.contains("1/")),
        WAIT,
    )?;
    app.send(Key::Enter)?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| !l.starts_with("/gamma")), WAIT)?;

    app.send_keys("q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn config_width_and_library_problems_reach_the_reader() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    std::fs::write(sandbox.data_dir().join("config.toml"), "max_width = 40\n")?;
    let folder = sandbox.scratch()?;
    std::fs::write(folder.join("drill.md"), article())?;
    std::fs::write(folder.join("broken.md"), b"\x00\x01binary\x00")?;
    let mut app = Pty::builder(&[&folder]).size(120, 30).sandbox(sandbox).spawn()?;
    let status = |s: &str| s.lines().last().unwrap_or_default().to_string();
    app.wait_for(|s| status(s).contains("skipped") && status(s).contains("broken.md"), WAIT)?;
    // The notice goes with the next key, which still does its job: Enter opens the article.
    app.send(Key::Enter)?;
    app.wait_for(
        |s| status(s).contains("Navigation drill") && !status(s).contains("broken"),
        WAIT,
    )?;
    let screen = app.screen();
    let body: Vec<&str> = screen.lines().take(29).map(str::trim).collect();
    assert!(
        body.iter().all(|l| l.chars().count() <= 40),
        "wider than max_width:\n{}",
        framed(&screen, 120)
    );
    assert!(body.iter().any(|l| l.chars().count() > 30), "{}", framed(&screen, 120));

    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn an_article_named_on_the_command_line_has_the_library_one_key_away() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?;
    let file = folder.join("drill.md");
    std::fs::write(&file, article())?;
    let mut app = Pty::builder(&[&file]).size(120, 30).sandbox(sandbox).spawn()?;
    app.wait_for_text("Navigation drill", WAIT)?;
    // The library lists the file and the four bundled articles (listed after the first frame).
    app.send_keys("L")?;
    app.wait_for_text("Library · 5 articles", WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\n{}", framed(&app.screen(), 120)))?;
    let screen = app.screen();
    for title in ["Navigation drill", "What Does Ketamine Do to Your Brain?"] {
        assert!(screen.contains(title), "{title} not listed:\n{}", framed(&screen, 120));
    }
    app.send_keys("q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}
