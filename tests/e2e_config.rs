//! The config file end to end: the real binary in a pseudo-terminal with a config that sets a
//! library folder, the light theme and two rebound keys; and one with three bad entries,
//! which salve reports and still runs with.

mod support;

use salve::ui::palette::{Depth, Pick};
use std::time::Duration;
use support::{Key, NO_ARGS, Pty, Sandbox, framed, status};

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn a_library_folder_the_light_theme_and_two_rebound_keys_take_effect() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?.join("health");
    std::fs::create_dir_all(&folder)?;
    // Sections longer than the screen, so a section's heading can reach the top line.
    let body = "Sleep restores the body and the mind, night after night. ".repeat(40);
    let article =
        format!("# Sleep and rest\n\n{body}\n\n## Naps\n\n{body}\n\n## Nights\n\n{body}\n");
    std::fs::write(folder.join("sleep.md"), article)?;
    let config = format!(
        "folders = [\"{}\"]\nbundled = false\ntheme = \"light\"\n\n[keys.library]\n\"x\" = \"open\"\n\n[keys.reader]\n\"ctrl-n\" = \"next_section\"\n",
        folder.display()
    );
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;
    let mut app = Pty::builder(NO_ARGS).size(100, 30).sandbox(sandbox).spawn()?;
    // The folder: its one article is the whole library.
    app.wait_for_text("Library · 1 article ", WAIT)?;
    app.wait_for_text("Sleep and rest", WAIT)?;
    // The status line is written last: read once the frame is whole.
    app.wait_for_frame(WAIT)?;
    let want = light_status_background()?;
    let got = app.with_screen(|s| s.cell(29, 50).map(vt100::Cell::bgcolor));
    anyhow::ensure!(got == Some(vt100::Color::Idx(want)), "status background {got:?}, want {want}");
    // The two keys: x opens the selected article, Ctrl-n goes to the next section.
    app.send_keys("x")?;
    app.wait_for(|s| status(s).contains("Sleep and rest"), WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\nx did not open:\n{}", framed(&app.screen(), 100)))?;
    app.send(Key::Ctrl('n'))?;
    app.wait_for(|s| status(s).contains("› Naps"), WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\nctrl-n did not move:\n{}", framed(&app.screen(), 100))
    })?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn three_bad_entries_are_three_messages_and_salve_still_runs() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let config = "theme = \"blue\"\nmax_width = 5\nshow_pictures = true\n";
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;
    let mut app = Pty::builder(NO_ARGS).size(120, 30).sandbox(sandbox).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.wait_for(|s| status(s).contains("3 problems in"), WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\n{}", framed(&app.screen(), 120)))?;
    app.send_keys("!")?;
    let listed = |s: &str| {
        s.contains("config.toml line 1: theme = \"blue\": use \"dark\", \"light\" or \"auto\"")
            && s.contains("config.toml line 2: max_width = 5: use a number of cells, 20 or more")
            && s.contains("config.toml line 3: unknown setting 'show_pictures'")
    };
    app.wait_for(listed, WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\nthe three messages:\n{}", framed(&app.screen(), 120)))?;
    app.send(Key::Esc)?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn the_auto_theme_asks_the_terminal_and_a_white_background_gets_the_light_theme()
-> anyhow::Result<()> {
    // The test terminal answers the background query (OSC 11) with white.
    let sandbox = Sandbox::new()?;
    std::fs::write(sandbox.data_dir().join("config.toml"), "theme = \"auto\"\n")?;
    let mut app = Pty::builder(NO_ARGS).size(100, 30).sandbox(sandbox).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.wait_for_frame(WAIT)?;
    let want = light_status_background()?;
    let got = app.with_screen(|s| s.cell(29, 50).map(vt100::Cell::bgcolor));
    anyhow::ensure!(got == Some(vt100::Color::Idx(want)), "status background {got:?}, want {want}");
    let raw = app.raw_output();
    anyhow::ensure!(raw.windows(7).any(|w| w == b"\x1b]11;?\x1b"), "the background was asked for");
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}

/// The light theme's status line background, fitted to the pty's 256 colours; one the dark
/// theme does not use there, so finding it on screen says the light theme is drawn.
fn light_status_background() -> anyhow::Result<u8> {
    let depth = Depth::detect(None, Some("xterm-256color"));
    let (light, dark) = (Pick::Light.theme(None, depth), Pick::Dark.theme(None, depth));
    let Some(ratatui::style::Color::Indexed(want)) = light.status.bg else {
        anyhow::bail!("the light status line has an indexed background at 256 colours");
    };
    anyhow::ensure!(dark.status.bg != light.status.bg, "the two themes' status lines differ");
    Ok(want)
}
