//! The terminal is put back however salve ends: a termination signal, a hang-up, a panic.

mod support;

use std::time::Duration;
use support::{NO_ARGS, Pty};

const START: Duration = Duration::from_secs(10);
const EXIT: Duration = Duration::from_secs(10);

fn first_title() -> String {
    salve::library::bundled().articles[0].meta.title.clone()
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_cleanly() -> anyhow::Result<()> {
    for signal in ["TERM", "HUP"] {
        let mut app = Pty::spawn(NO_ARGS, 100, 30)?;
        app.wait_for_text(&first_title(), START)?;
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
    Ok(())
}
