//! End-to-end tests over untrusted input: an article full of terminal escape sequences, and a
//! library folder of files built to crash, hang or garble a reader.

mod support;

use std::time::Duration;

use support::hostile::{SEQUENCES, build_hostile_library, escape_article};
use support::{Pty, Sandbox, framed, run_salve};

const START: Duration = Duration::from_secs(10);
const EXIT: Duration = Duration::from_secs(5);
/// `salve list` must finish; a FIFO opened for reading would block it forever.
const LIST: Duration = Duration::from_secs(30);

#[test]
fn escape_sequences_in_an_article_are_shown_not_obeyed() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let file = sandbox.scratch()?.join("gauntlet.md");
    std::fs::write(&file, escape_article())?;
    let mut app = Pty::builder(&[&file]).sandbox(sandbox).spawn()?;

    // Every word visible at once also shows no sequence cleared the screen between them.
    app.wait_for_text("zulu", START)?;
    let screen = app.screen();
    let problems: Vec<String> = SEQUENCES
        .iter()
        .filter(|(_, shown, word)| {
            !screen.lines().any(|line| {
                let (alpha, omega) = (format!("alpha{word}"), format!("omega{word}"));
                line.contains(&alpha) && line.contains(shown) && line.contains(&omega)
            })
        })
        .map(|(_, shown, word)| format!("alpha{word} {shown} omega{word}"))
        .collect();
    let title_shown = screen.contains("Escape \u{241b}[31mGauntlet");
    anyhow::ensure!(
        problems.is_empty() && title_shown,
        "missing lines {problems:?} (title shown: {title_shown}); screen:\n{}",
        framed(&screen, 120)
    );

    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()?;

    let titles = app.window_titles();
    anyhow::ensure!(titles.iter().all(|t| !t.contains("pwned")), "window title set: {titles:?}");
    let clipboard = app.clipboard_writes();
    anyhow::ensure!(clipboard.is_empty(), "clipboard written: {clipboard:?}");
    let raw = app.raw_output();
    for forbidden in
        [&b"\x1b]0;pwned"[..], b"\x1b]52", b"\x1b]8;", "\u{9b}".as_bytes(), b"\x1b[31m"]
    {
        anyhow::ensure!(
            !raw.windows(forbidden.len()).any(|w| w == forbidden),
            "raw output contains {:?}",
            String::from_utf8_lossy(forbidden)
        );
    }
    Ok(())
}

#[test]
fn the_reader_opens_a_hostile_folder_without_blocking() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let dir = sandbox.scratch()?;
    let files = build_hostile_library(&dir)?;
    let mut app = Pty::builder(&[&dir]).sandbox(sandbox).spawn()?;

    // Every readable file is listed, and the skipped ones are said to be skipped.
    let header = format!("Library · {} articles", files.listed.len());
    let status = |s: &str| s.lines().last().unwrap_or_default().to_string();
    app.wait_for(|s| s.contains(&header) && status(s).contains("skipped"), START)
        .map_err(|e| anyhow::anyhow!("{e}\n{}", framed(&app.screen(), 120)))?;
    // `!` lists every skipped file by name.
    app.send_keys("!")?;
    app.wait_for(|s| files.skipped.iter().all(|name| s.contains(&format!("/{name}'"))), START)
        .map_err(|e| anyhow::anyhow!("{e}\n{}", framed(&app.screen(), 120)))?;
    app.send_keys("q")?;
    app.wait_for(|s| s.contains(&header), START)?;
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn list_reports_readable_files_and_names_skipped_ones() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let dir = sandbox.scratch()?;
    let files = build_hostile_library(&dir)?;

    let output = run_salve(&["list".as_ref(), dir.as_os_str()], &sandbox, LIST)?;
    output.ensure_success()?;

    let unlisted: Vec<_> = files
        .listed
        .iter()
        .filter(|f| !output.stdout.contains(f.title))
        .map(|f| format!("{} ({:?})", f.file, f.title))
        .collect();
    // Skipped files are named by path; the `/` keeps `loop` from matching inside other words.
    let unreported: Vec<_> = files
        .skipped
        .iter()
        .filter(|name| !output.stderr.lines().any(|line| line.contains(&format!("/{name}"))))
        .collect();
    anyhow::ensure!(
        unlisted.is_empty() && unreported.is_empty(),
        "not listed: {unlisted:?}\nnot reported as skipped: {unreported:?}\n{output}"
    );
    Ok(())
}
