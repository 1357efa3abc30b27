//! End-to-end tests of articles far larger than a screen, read while they are shown: the real
//! binary in a pseudo-terminal on a 60 MB article made here (no size cap, `G` reaches the last
//! line once it is read, a resize reads it again and comes back to the end, `q` quits
//! cleanly), keys typed before the end is read are applied in
//! order, and a reference defined at the very end links once the whole file is read.
//!
//! Nothing here is timed: waits are on screen text, with generous limits for a debug build on
//! a busy machine.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{Pty, status};

/// The first frame comes from the first screens, so even a debug build draws it quickly.
const START: Duration = Duration::from_secs(20);
/// Reading 60 MB in a debug build, with other tests running.
const READ_ALL: Duration = Duration::from_secs(240);
const EXIT: Duration = Duration::from_secs(10);

/// Writes an article of about `bytes` bytes of plain sections: "Part N" headings over
/// paragraphs, the last section "Part LAST" of 60 lines ending on the line "THE END.".
/// Returns the file (in `dir`).
fn big_article(dir: &Path, bytes: usize, ending: &str) -> anyhow::Result<PathBuf> {
    let paragraph = "Plain text of a long article that goes on and on, as saved pages of \
                     guidelines do, wrapped by the reader at its column width. "
        .repeat(6);
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str("# A very long article\n\nThe first screen, drawn before the rest is read.\n\n");
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        let _ = write!(text, "## Part {n}\n\n{paragraph}\n\n{paragraph}\n\n");
    }
    text.push_str("## Part LAST\n\n");
    for i in 0..60 {
        let _ = writeln!(text, "Closing line {i}.\n");
    }
    text.push_str("THE END.\n\n");
    text.push_str(ending);
    let path = dir.join("big.md");
    std::fs::write(&path, text)?;
    Ok(path)
}

#[test]
fn a_60_mb_article_opens_at_once_g_reaches_its_last_line_and_q_quits() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = big_article(dir.path(), 60 * 1024 * 1024, "")?;
    let mut app = Pty::spawn(&[&path], 120, 40)?;
    app.wait_for_text("The first screen, drawn before the rest is read.", START)?;
    // Drawn from the first screens: the rest is still being read.
    app.wait_for(|s| status(s).contains("loading"), START)?;
    app.send_keys("G")?;
    app.wait_for(|s| s.contains("THE END.") && status(s).contains("100%"), READ_ALL)?;
    // An article this large keeps only its layout: a new width reads it again, and the
    // reader comes back to the same place.
    app.resize(60, 40)?;
    app.wait_for(|s| status(s).contains("loading"), START)?;
    app.wait_for(|s| s.contains("THE END.") && status(s).contains("100%"), READ_ALL)?;
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn keys_typed_before_the_end_is_read_are_applied_in_order() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = big_article(dir.path(), 8 * 1024 * 1024, "")?;
    let mut app = Pty::spawn(&[&path], 120, 40)?;
    app.wait_for_text("The first screen", START)?;
    app.wait_for(|s| status(s).contains("loading"), START)?;
    // `G` waits for the end, and `[` after it waits behind it: to the start of the last
    // section. Applied the other way round, `[` would do nothing at the top and `G` would
    // show the end.
    app.send_keys("G[")?;
    app.wait_for(|s| s.lines().next().is_some_and(|l| l.contains("Part LAST")), READ_ALL)?;
    let screen = app.screen();
    anyhow::ensure!(
        !screen.contains("THE END."),
        "the last section's start, not the end:\n{screen}"
    );
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn a_reference_defined_at_the_end_links_once_the_file_is_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let ending = "[trial]: https://example.org/the-trial\n";
    // Over 1 MiB: a large article, which keeps only its layout (the section read again is
    // laid out again in place).
    let path = big_article(dir.path(), 4 * 1024 * 1024, ending)?;
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)?.replacen(
            "The first screen, drawn",
            "See [the trial][trial]. The first screen, drawn",
            1,
        ),
    )?;
    let mut app = Pty::spawn(&[&path], 120, 40)?;
    app.wait_for_text("The first screen", START)?;
    app.wait_for(|s| s.contains("See the trial (https://example.org/the-trial)."), READ_ALL)?;
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn a_long_article_opened_again_goes_back_to_where_it_was_left() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    // Long enough to be read in pieces: its identity, and so its saved place, is known only
    // once it is read whole.
    let path = big_article(dir.path(), 2 * 1024 * 1024, "")?;
    let mut app = Pty::builder(&[&path]).size(120, 40).spawn()?;
    app.wait_for_text("The first screen", START)?;
    app.send_keys("G")?;
    app.wait_for(|s| s.contains("THE END.") && status(s).contains("100%"), READ_ALL)?;
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()?;
    let mut again = Pty::builder(&[&path]).size(120, 40).sandbox(app.into_sandbox()).spawn()?;
    again.wait_for(|s| !status(s).contains("loading"), READ_ALL)?;
    again
        .wait_for(|s| s.contains("THE END.") && status(s).contains("100%"), START)
        .map_err(|e| anyhow::anyhow!("{e}\nnot back at the end:\n{}", again.screen()))?;
    again.send_keys("q")?;
    again.wait_exit(EXIT)?.ensure_clean()
}
