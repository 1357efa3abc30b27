//! End-to-end tests of the reader: the real binary in a pseudo-terminal, driven by keys and
//! resizes, checked on the parsed screen and on the terminal state it leaves behind.

mod support;

use std::time::Duration;

use support::{Key, NO_ARGS, Pty, framed};

/// Generous, because two cores may be busy compiling other tests; passing runs take well
/// under a second.
const START: Duration = Duration::from_secs(10);
const EXIT: Duration = Duration::from_secs(5);

/// What the library's first frame shows: `salve` alone opens the bundled library.
const LIBRARY: &str = "Library · 4 articles";

/// The article selected first: the library is in title order.
const FIRST: &str = "Ketamine as a Treatment for Depression, Anxiety, and PTSD";

#[test]
fn q_quits_cleanly_and_restores_the_terminal() -> anyhow::Result<()> {
    let mut app = Pty::spawn(NO_ARGS, 120, 40)?;
    app.wait_for_text(LIBRARY, START)?;
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() -> anyhow::Result<()> {
    let mut app = Pty::spawn(NO_ARGS, 120, 40)?;
    app.wait_for_text(LIBRARY, START)?;
    app.send(Key::Ctrl('c'))?;
    // Raw mode turns Ctrl-C into a key, so exiting at all shows the reader handles it; the
    // terminal must be put back either way.
    app.wait_exit(EXIT)?.ensure_restored()
}

/// Opens the first article at 120x40, shrinks the terminal to one cell and grows it back
/// (letting salve draw at 1x1 in between when `settle`), and checks the screen comes back as
/// it was.
fn resize_away_and_back(settle: bool) -> anyhow::Result<()> {
    let mut app = Pty::spawn(NO_ARGS, 120, 40)?;
    app.wait_for_text(LIBRARY, START)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.contains(FIRST)), START)?;
    // The title shows before the rest of the frame is parsed: compare whole frames only.
    app.wait_for_frame(START)?;
    let before = app.screen();

    let mark = app.output_len();
    app.resize(1, 1)?;
    if settle {
        app.wait_for_output_after(mark, START)?;
    }
    app.resize(120, 40)?;
    // Rows compared without trailing blanks: cells a diff overwrote with spaces and cells a
    // cleared screen never wrote look the same on a terminal.
    let trimmed = |screen: &str| screen.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    let want = trimmed(&before);
    app.wait_for(|screen| trimmed(screen) == want, START).map_err(|error| {
        anyhow::anyhow!(
            "{error}\nexpected the screen from before the resize:\n{}",
            framed(&before, 120)
        )
    })?;

    app.send_keys("Q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn resizing_to_one_cell_and_back_redraws_the_same_screen() -> anyhow::Result<()> {
    // The reader draws at 1x1 before growing again: two resizes, each handled.
    resize_away_and_back(true)
}

#[test]
fn shrinking_and_growing_back_at_once_redraws_the_whole_screen() -> anyhow::Result<()> {
    // Both resizes before salve can answer the first: it may see only one signal, for the size
    // it already had, while the terminal dropped everything it showed.
    resize_away_and_back(false)
}

#[test]
fn no_color_draws_without_a_single_colour() -> anyhow::Result<()> {
    let mut app = Pty::builder(NO_ARGS).size(100, 30).no_color().spawn()?;
    app.wait_for_text(LIBRARY, START)?;
    app.wait_for_frame(START)?;
    let raw = String::from_utf8_lossy(&app.raw_output()).into_owned();
    // crossterm writes colours as `38;5;N` / `48;5;N` or `38;2;R;G;B`; attributes stay.
    for colour in ["[38;", "[48;", ";38;", ";48;"] {
        anyhow::ensure!(!raw.contains(colour), "colour {colour:?} drawn under NO_COLOR");
    }
    anyhow::ensure!(raw.contains("\x1b[1m"), "structure still shows (bold)");
    app.send_keys("q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}

#[test]
fn a_bracketed_paste_types_into_the_query_and_runs_no_keys() -> anyhow::Result<()> {
    // Issue 12: pasting "ketamine dose⏎quite" ended the query at the newline and `q` quit.
    let mut app = Pty::spawn(NO_ARGS, 120, 40)?;
    app.wait_for_text(LIBRARY, START)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.contains(FIRST)), START)?;
    app.send_keys("/")?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.starts_with('/')), START)?;
    app.write(b"\x1b[200~ketamine dose\nquite\x1b[201~")?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.contains("/ketamine dose quite")), START)
        .map_err(|e| anyhow::anyhow!("{e}\n{}", framed(&app.screen(), 120)))?;
    app.send(Key::Esc)?;
    // Sent together, Esc and q would read as Alt-q: wait for the query line to close.
    app.wait_for(|s| s.lines().last().is_some_and(|l| !l.contains("/ketamine")), START)?;
    app.send_keys("Q")?;
    app.wait_exit(EXIT)?.ensure_clean()
}
