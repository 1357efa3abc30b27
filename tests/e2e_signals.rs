//! The terminal is put back however salve ends: a termination signal, a hang-up, a panic.

mod support;

use std::time::Duration;
use support::{NO_ARGS, Pty};

const START: Duration = Duration::from_secs(10);
const EXIT: Duration = Duration::from_secs(10);

/// What the library's first frame shows.
const LIBRARY: &str = "Library · 4 articles";

#[test]
fn every_ending_signal_restores_the_terminal_and_exits_cleanly() -> anyhow::Result<()> {
    // INT and QUIT from outside (`kill -INT`) left raw mode, the mouse and the alternate
    // screen on (issue 12); Ctrl-c typed in the reader is a key, not a signal.
    for signal in ["TERM", "HUP", "INT", "QUIT"] {
        let mut app = Pty::spawn(NO_ARGS, 100, 30)?;
        app.wait_for_text(LIBRARY, START)?;
        app.signal(signal)?;
        app.wait_exit(EXIT)?.ensure_clean()?;
    }
    Ok(())
}

#[test]
fn a_panic_restores_the_terminal_then_says_where_to_report_it() -> anyhow::Result<()> {
    let mut app = Pty::builder(NO_ARGS).size(100, 30).env("SALVE_TEST_PANIC", "1").spawn()?;
    let exit = app.wait_exit(EXIT)?;
    anyhow::ensure!(!exit.status.success(), "a panic must not exit 0: {exit:?}");
    exit.ensure_restored()?;
    anyhow::ensure!(
        exit.screen.contains("salve crashed: panic requested by SALVE_TEST_PANIC"),
        "the message must be on the restored screen:\n{}",
        exit.screen
    );
    anyhow::ensure!(exit.screen.contains("report"), "{}", exit.screen);
    // The panic came mid-frame, inside a synchronized update: it must be ended, or terminals
    // that support mode 2026 would hold back everything written after it.
    let raw = app.raw_output();
    let find = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let begun = find(b"\x1b[?2026h").expect("frames are synchronized updates");
    anyhow::ensure!(find(b"\x1b[?2026l").is_some_and(|end| end > begun), "update left open");
    Ok(())
}

/// What salve writes after every frame (the end of a synchronized update).
const END_OF_FRAME: &[u8] = b"\x1b[?2026l";

#[test]
fn closing_the_terminal_ends_salve_instead_of_spinning() -> anyhow::Result<()> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    use support::{BIN, Sandbox};

    // The harness keeps its own copy of the terminal open to read the screen, so this test
    // drives a pty by hand: read to the end of the first frame, then close every handle on
    // the terminal's side, as a closed window does.
    let sandbox = Sandbox::new()?;
    let mut command = CommandBuilder::new(BIN);
    for key in Sandbox::removed_vars() {
        command.env_remove(key);
    }
    for (key, value) in sandbox.vars() {
        command.env(key, value);
    }
    command.cwd(sandbox.home());
    let size = PtySize { rows: 12, cols: 40, pixel_width: 0, pixel_height: 0 };
    let pair = native_pty_system().openpty(size)?;
    let mut child = pair.slave.spawn_command(command)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let (frame_drawn, drawn) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut seen, mut buf) = (Vec::new(), [0u8; 4096]);
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
            if seen.ends_with(END_OF_FRAME) {
                let _ = frame_drawn.send(Ok(()));
                return; // drops this copy of the terminal
            }
        }
        let _ = frame_drawn.send(Err(String::from_utf8_lossy(&seen).into_owned()));
    });
    match drawn.recv_timeout(START) {
        Ok(Ok(())) => {}
        Ok(Err(output)) => anyhow::bail!("salve ended before drawing a frame: {output:?}"),
        Err(_) => anyhow::bail!("salve drew no frame in {START:?}"),
    }
    drop(pair.master);

    let deadline = std::time::Instant::now() + EXIT;
    while child.try_wait()?.is_none() {
        if std::time::Instant::now() > deadline {
            child.kill()?;
            anyhow::bail!("salve kept running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}
