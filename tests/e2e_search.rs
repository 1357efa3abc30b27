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

/// The first line of the screen.
fn header(screen: &str) -> String {
    screen.lines().next().unwrap_or_default().to_string()
}

#[test]
fn after_a_run_on_another_folder_the_bundled_library_still_finds_its_own_articles()
-> anyhow::Result<()> {
    // Another folder whose sections say "treatment" more, and more of them than the pane ever
    // asked the shared index for (640): before searches were scoped, they crowded the bundled
    // articles out and the pane said "0 results".
    let sandbox = support::Sandbox::new()?;
    let other = sandbox.scratch()?.join("other");
    std::fs::create_dir_all(&other)?;
    for i in 0..700 {
        let text = format!(
            "---\ntitle: Treatment {i}\ntags: [treatment]\naliases: [treatment]\n---\n\n\
             ## Treatment\n\nTreatment, treatment and treatment.\n"
        );
        std::fs::write(other.join(format!("t{i:03}.md")), text)?;
    }
    let mut first = Pty::builder(&[other.as_os_str()]).size(120, 40).sandbox(sandbox).spawn()?;
    first
        .wait_for(|s| header(s).contains("700 articles") && !header(s).contains("checking"), WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\nnot walked:\n{}", framed(&first.screen(), 120)))?;
    first.send_keys("Q")?;
    first.wait_exit(WAIT)?.ensure_clean()?;
    let sandbox = first.into_sandbox();

    let mut app = Pty::builder(NO_ARGS).size(120, 40).sandbox(sandbox).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("s")?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.starts_with("search: ")), WAIT)?;
    app.send_keys("treatment")?;
    // The bundled articles are indexed by this run's walk (the first run was on the folder
    // alone): asked again as the index grows, the count comes to more than none.
    let found = |s: &str| {
        header(s).contains("results for 'treatment'") && !header(s).contains(" 0 results")
    };
    app.wait_for(found, WAIT)
        .map_err(|e| anyhow::anyhow!("{e}\nnothing found:\n{}", framed(&app.screen(), 120)))?;
    let screen = app.screen();
    let first_result = screen.lines().nth(2).unwrap_or_default();
    anyhow::ensure!(first_result.contains("Ketamine"), "{}", framed(&screen, 120));
    anyhow::ensure!(
        !screen.contains("Treatment 1"),
        "the other folder's: {}",
        framed(&screen, 120)
    );
    app.send(Key::Esc)?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()?;

    // The command line searches the same library.
    let out = support::run_salve(&["search", "treatment", "--json"], &app.into_sandbox(), WAIT)?;
    let results: serde_json::Value = serde_json::from_str(&out.stdout)?;
    let hits = results["hits"].as_array().cloned().unwrap_or_default();
    anyhow::ensure!(!hits.is_empty(), "{}", out.stdout);
    anyhow::ensure!(
        hits.iter().all(|h| h["bundled"].is_string()),
        "only the bundled: {}",
        out.stdout
    );
    Ok(())
}

/// Types `query` into the search line, waits until the header says `said`, then deletes it.
fn says(app: &mut Pty, query: &str, said: &str) -> anyhow::Result<()> {
    app.send_keys(query)?;
    app.wait_for(|s| header(s).contains(said), WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\n'{said}' not said for '{query}':\n{}", framed(&app.screen(), 120))
    })?;
    for _ in 0..query.len() {
        app.send(Key::Backspace)?;
    }
    Ok(())
}

#[test]
fn a_misspelling_shown_as_another_word_is_said_and_a_word_nothing_has_finds_nothing()
-> anyhow::Result<()> {
    let mut app = Pty::builder(NO_ARGS).size(120, 40).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("s")?;
    app.wait_for(|s| s.lines().last().is_some_and(|l| l.starts_with("search: ")), WAIT)?;
    says(&mut app, "ketamne", "showing results for 'ketamine'; nothing has 'ketamne'")?;
    // A question whose words no section holds all of: the sections with most of them, said.
    says(&mut app, "is ketamine zzzq ", "no section has every word; showing sections with")?;
    app.send_keys("covid")?;
    app.wait_for_text("No section matches 'covid'.", WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\na word no article has:\n{}", framed(&app.screen(), 120))
    })?;
    anyhow::ensure!(header(&app.screen()).contains(" 0 results"), "{}", framed(&app.screen(), 120));
    app.send(Key::Esc)?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()
}
