//! Links end to end: the real binary in a pseudo-terminal on a library folder of two articles,
//! one linking to a section of the other. Tab selects the link, Enter opens the other article
//! at that section, Backspace comes back to the very line the reader was on.

mod support;

use std::time::Duration;
use support::{Key, NO_ARGS, Pty, Sandbox, framed, status, top};

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn follow_a_relative_link_then_backspace_returns_to_the_same_line() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?.join("health");
    std::fs::create_dir_all(folder.join("care"))?;
    let words = "Rest and fluids help most people recover within a week or two. ".repeat(12);
    // The link sits a few screens down, so coming back has a line to come back to.
    let parts: String =
        ["Spread", "Vaccines", "Recovery"].map(|part| format!("## {part}\n\n{words}\n\n")).concat();
    let flu = format!(
        "# Flu basics\n\n{parts}Colds are milder: see [their symptoms](care/colds.md#symptoms) to tell.\n\n## Later\n\n{words}\n\n{words}\n"
    );
    std::fs::write(folder.join("flu.md"), flu)?;
    let colds = format!(
        "# Common colds\n\n## Causes\n\n{words}\n\n## Symptoms\n\nA sore throat comes first.\n\n{words}\n\n## Care\n\n{words}\n\n{words}\n"
    );
    std::fs::write(folder.join("care/colds.md"), colds)?;
    let config = format!("folders = [\"{}\"]\nbundled = false\n", folder.display());
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;

    let mut app = Pty::builder(NO_ARGS).size(80, 24).sandbox(sandbox).spawn()?;
    app.wait_for_text("Library · 2 articles", WAIT)?;
    app.send_keys("/flu")?;
    app.wait_for_text("1 matching", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| !status(s).starts_with("filter:"), WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| status(s).contains("Flu basics"), WAIT)?;
    // Down to Recovery, then a few lines more: the link is on screen, not on the top line.
    app.send_keys("]]]")?;
    app.wait_for(|s| status(s).contains("› Recovery"), WAIT)?;
    app.send_keys("jjj")?;
    app.wait_for(|s| !top(s).contains("Recovery"), WAIT)?;
    // The top row comes first in a frame: the whole frame before it is compared with later.
    app.wait_for_frame(WAIT)?;
    let before = app.screen();
    anyhow::ensure!(before.contains("their symptoms"), "the link is on screen:\n{before}");

    app.send(Key::Tab)?;
    app.wait_for(|s| status(s).contains("→ care/colds.md#symptoms"), WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\nTab did not select the link:\n{}", framed(&app.screen(), 80))
    })?;
    app.send(Key::Enter)?;
    app.wait_for(|s| status(s).contains("Common colds › Symptoms"), WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\nEnter did not open colds:\n{}", framed(&app.screen(), 80))
    })?;
    anyhow::ensure!(top(&app.screen()).contains("Symptoms"), "{}", framed(&app.screen(), 80));

    app.send(Key::Backspace)?;
    app.wait_for(|s| status(s).contains("Flu basics"), WAIT)?;
    // The same lines as before following it: the same place, to the line.
    let text = |s: &str| s.lines().take(23).map(|l| l.trim_end().to_string()).collect::<Vec<_>>();
    let same_text = |s: &str| text(s) == text(&before);
    app.wait_for(same_text, WAIT).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nBackspace came back elsewhere:\n{}\nwas:\n{}",
            framed(&app.screen(), 80),
            framed(&before, 80)
        )
    })?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

/// Runs salve on one article with a web link, a relative link and a hostile `javascript:`
/// link, with `hyperlinks` set to `setting`; the raw output once the article is drawn.
fn output_with_hyperlinks(setting: &str) -> anyhow::Result<String> {
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?.join("health");
    std::fs::create_dir_all(&folder)?;
    let article = "# Links\n\nSee [the NIH](https://www.nih.gov/health), [colds](colds.md) \
        and [this](javascript:alert(1)).\n";
    std::fs::write(folder.join("links.md"), article)?;
    let config =
        format!("folders = [\"{}\"]\nbundled = false\nhyperlinks = {setting}\n", folder.display());
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;
    let mut app = Pty::builder(NO_ARGS).size(80, 24).sandbox(sandbox).spawn()?;
    app.wait_for_text("Library · 1 article ", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| status(s).starts_with(" Links"), WAIT)?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()?;
    Ok(String::from_utf8_lossy(&app.raw_output()).into_owned())
}

#[test]
fn web_links_are_terminal_hyperlinks_when_set_and_nothing_else_is() -> anyhow::Result<()> {
    let out = output_with_hyperlinks("true")?;
    let open = "\x1b]8;;https://www.nih.gov/health\x1b\\";
    let at = out.find(open).ok_or_else(|| anyhow::anyhow!("no hyperlink in {out:?}"))?;
    let after = &out[at + open.len()..];
    let close = after.find("\x1b]8;;\x1b\\").ok_or_else(|| anyhow::anyhow!("never closed"))?;
    anyhow::ensure!(
        after[..close].contains("NIH"),
        "the link text is inside: {:?}",
        &after[..close]
    );
    // The relative and the javascript: links are never handed to the terminal.
    let opened: Vec<&str> = out.match_indices("\x1b]8;;").map(|(i, _)| &out[i + 5..]).collect();
    anyhow::ensure!(
        opened
            .iter()
            .all(|rest| rest.starts_with("https://www.nih.gov/health\x1b\\")
                || rest.starts_with('\x1b')),
        "only the web link: {opened:?}"
    );
    let off = output_with_hyperlinks("false")?;
    anyhow::ensure!(!off.contains("\x1b]8;"), "hyperlinks = false writes none");
    Ok(())
}
