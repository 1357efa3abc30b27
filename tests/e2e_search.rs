//! The search pane end to end: the real binary in a pseudo-terminal, on the bundled library
//! (indexed by the first run's walk of the library).

mod support;

use std::time::Duration;
use support::{Key, NO_ARGS, Pty, framed};

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn s_then_ptsd_finds_the_ptsd_section_and_enter_opens_it_there() -> anyhow::Result<()> {
    let mut app = Pty::builder(NO_ARGS).size(120, 40).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("s")?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.starts_with("search: ")), WAIT)?;
    app.send_keys("PTSD")?;
    // The first result (row 3, under the header and a blank line) is the PTSD section.
    let first = |s: &str| s.lines().nth(2).unwrap_or_default().to_string();
    app.wait_for(|s| first(s).contains("› Addressing PTSD with Ketamine"), WAIT).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nthe first result is not the PTSD section:\n{}",
            framed(&app.screen(), 120)
        )
    })?;
    app.send(Key::Enter)?;
    app.wait_for(
        |s| s.lines().next().is_some_and(|l| l.trim() == "Addressing PTSD with Ketamine"),
        WAIT,
    )
    .map_err(|e| {
        anyhow::anyhow!("{e}\nthe reader is not at the heading:\n{}", framed(&app.screen(), 120))
    })?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}
