//! Reading state across runs, end to end: the real binary in a pseudo-terminal, quit or
//! killed, started again over the same data directory.
//!
//! - From the library, filter to an article, open it, jump to its fourth section, bookmark
//!   it, quit; start again: the article shows as partly read and selected, Enter resumes at
//!   that section, the bookmark list shows the bookmark and jumps to it.
//! - SIGTERM while reading, start again: the same place.
//! - Two salves at once on one data directory, reading different articles: both places and
//!   both bookmarks are on disk afterwards.

mod support;

use std::time::Duration;
use support::{Key, NO_ARGS, Pty, Sandbox, framed, run_salve, status};

const WAIT: Duration = Duration::from_secs(15);
const BRAIN: &str = "What Does Ketamine Do to Your Brain?";

/// The heading of the brain article's fourth section (counting the untitled lead as the
/// first, as `]` does from the top).
fn fourth_section() -> String {
    let library = salve::library::bundled();
    let article = library.articles.iter().find(|a| a.meta.title == BRAIN).expect("bundled");
    article.sections[3].display_title().to_string()
}

/// Waits for `what` in the status line, failing with the screen.
fn wait_status(app: &mut Pty, what: &str) -> anyhow::Result<()> {
    app.wait_for(|s| status(s).contains(what), WAIT).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nwaiting for {what:?} in the status line:\n{}",
            framed(&app.screen(), 120)
        )
    })
}

/// Waits for `what` on the text column's top line.
fn wait_top(app: &mut Pty, what: &str) -> anyhow::Result<()> {
    app.wait_for(|s| s.lines().next().is_some_and(|l| l.contains(what)), WAIT).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nwaiting for {what:?} on the top line:\n{}",
            framed(&app.screen(), 120)
        )
    })
}

/// Opens the brain article from the library through the filter.
fn open_brain(app: &mut Pty) -> anyhow::Result<()> {
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("/What Does Ketamine")?;
    app.wait_for_text("1 matching", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for(|s| !status(s).starts_with("filter:"), WAIT)?;
    app.send(Key::Enter)?;
    wait_status(app, BRAIN)
}

#[test]
fn the_place_and_a_bookmark_survive_quitting_and_starting_again() -> anyhow::Result<()> {
    let section = fourth_section();
    let mut app = Pty::builder(NO_ARGS).size(120, 40).spawn()?;
    open_brain(&mut app)?;
    app.send_keys("]]]")?;
    wait_top(&mut app, &section)?;
    app.send_keys("m")?;
    let start: String = section.chars().take(40).collect();
    wait_status(&mut app, &format!("bookmark: {start}"))?;
    app.send(Key::Enter)?;
    wait_status(&mut app, "bookmarked")?;
    app.send_keys("Q")?;
    app.wait_exit(WAIT)?.ensure_clean()?;

    let mut again = Pty::builder(NO_ARGS).size(120, 40).sandbox(app.into_sandbox()).spawn()?;
    again.wait_for_text("Library · 4 articles", WAIT)?;
    // Partly read, with one bookmark, and the row selected (the 4th of 4, in title order).
    let screen = again.screen();
    let row = screen.lines().find(|l| l.trim_start().starts_with(BRAIN)).unwrap_or_default();
    anyhow::ensure!(row.contains('%') && !row.contains("new") && row.contains("▌1"), "{row}");
    wait_status(&mut again, "4/4")?;
    again.send(Key::Enter)?;
    wait_top(&mut again, &section)?;
    // The status line names it (cut to fit beside the hints).
    let start: String = section.chars().take(24).collect();
    wait_status(&mut again, &format!("› {start}"))?;
    // The bookmark list, from the reader, jumps back to the bookmark from the start.
    again.send_keys("g")?;
    wait_top(&mut again, BRAIN)?;
    again.send_keys("'")?;
    again.wait_for_text(&format!("{BRAIN} › {section}"), WAIT)?;
    again.send(Key::Enter)?;
    wait_top(&mut again, &section)?;
    again.send_keys("Q")?;
    again.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn sigterm_while_reading_saves_the_place() -> anyhow::Result<()> {
    let section = fourth_section();
    let mut app = Pty::builder(NO_ARGS).size(120, 40).spawn()?;
    open_brain(&mut app)?;
    app.send_keys("]]]")?;
    wait_top(&mut app, &section)?;
    app.signal("TERM")?;
    app.wait_exit(WAIT)?.ensure_clean()?;

    let mut again = Pty::builder(NO_ARGS).size(120, 40).sandbox(app.into_sandbox()).spawn()?;
    again.wait_for_text("Library · 4 articles", WAIT)?;
    again.send(Key::Enter)?;
    wait_top(&mut again, &section)?;
    again.send_keys("Q")?;
    again.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn two_salves_at_once_keep_both_places_and_both_bookmarks() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let data = sandbox.data_dir().to_path_buf();
    let shared = || Sandbox::new().map(|s| s.with_data_dir(&data));
    let mut one = Pty::builder(NO_ARGS).size(120, 40).sandbox(shared()?).spawn()?;
    let mut two = Pty::builder(NO_ARGS).size(120, 40).sandbox(shared()?).spawn()?;
    for app in [&mut one, &mut two] {
        app.wait_for_text("Library · 4 articles", WAIT)?;
    }
    // One reads the first article in the list, the other the last; both bookmark a section.
    one.send(Key::Enter)?;
    two.send_keys("G")?;
    two.send(Key::Enter)?;
    wait_status(&mut two, BRAIN)?;
    for app in [&mut one, &mut two] {
        app.send_keys("]]")?;
        app.wait_for(|s| status(s).contains('›'), WAIT)?;
        app.send_keys("m")?;
        wait_status(app, "bookmark: ")?;
        app.send(Key::Enter)?;
        wait_status(app, "bookmarked")?;
    }
    for app in [&mut one, &mut two] {
        app.send_keys("Q")?;
    }
    for app in [&mut one, &mut two] {
        app.wait_exit(WAIT)?.ensure_clean()?;
    }

    let marks = run_salve(&["bookmarks", "--json"], &sandbox, WAIT)?;
    marks.ensure_success()?;
    let export: serde_json::Value = serde_json::from_str(&marks.stdout)?;
    let titles: Vec<&str> = export["bookmarks"]
        .as_array()
        .map(|a| a.iter().filter_map(|b| b["article_title"].as_str()).collect())
        .unwrap_or_default();
    anyhow::ensure!(titles.len() == 2 && titles.contains(&BRAIN), "{}", marks.stdout);
    let opened = salve::store::Store::open(&data);
    let progress = opened.store.map(|s| s.load_progress()).transpose()?.unwrap_or_default();
    anyhow::ensure!(progress.len() == 2, "both places saved: {progress:?}");
    anyhow::ensure!(progress.iter().all(|p| p.section == 2), "{progress:?}");
    Ok(())
}

#[test]
fn the_selected_articles_contents_show_beside_the_library_from_the_start() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?.join("health");
    std::fs::create_dir_all(&folder)?;
    let text = "Rest and fluids help most people recover within a week or two.";
    let asthma = format!("# Asthma basics\n\n## Triggers\n\n{text}\n");
    std::fs::write(folder.join("asthma.md"), asthma)?;
    let flu = format!("# Flu basics\n\n## Spread\n\n{text}\n\n## Vaccines\n\n{text}\n");
    std::fs::write(folder.join("flu.md"), flu)?;
    let config = format!("folders = [\"{}\"]\nbundled = false\n", folder.display());
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;
    // The first start reads the files into the cache; open the second in title order.
    let mut first = Pty::builder(NO_ARGS).size(120, 30).sandbox(sandbox).spawn()?;
    first.wait_for(|s| s.contains("Library · 2 articles") && !s.contains("checking"), WAIT)?;
    first.send_keys("j")?;
    first.wait_for(|s| status(s).contains("2/2"), WAIT)?;
    first.send(Key::Enter)?;
    first.wait_for(|s| status(s).contains("Flu basics"), WAIT)?;
    first.send_keys("Q")?;
    first.wait_exit(WAIT)?.ensure_clean()?;
    // The second lists them from the cache, which keeps summaries and contents aside until an
    // entry is selected: the last one read is, and its contents show without a key pressed.
    let mut again = Pty::builder(NO_ARGS).size(120, 30).sandbox(first.into_sandbox()).spawn()?;
    again.wait_for_text("Library · 2 articles", WAIT)?;
    again.wait_for(|s| s.contains("Contents") && s.contains("Vaccines"), WAIT).map_err(|e| {
        anyhow::anyhow!("{e}\nno contents beside the list:\n{}", framed(&again.screen(), 120))
    })?;
    anyhow::ensure!(status(&again.screen()).contains("2/2"), "{}", again.screen());
    again.send_keys("Q")?;
    again.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn a_restart_draws_the_article_read_last_in_a_long_list_from_its_first_frame() -> anyhow::Result<()>
{
    let sandbox = Sandbox::new()?;
    let folder = sandbox.scratch()?.join("topics");
    std::fs::create_dir_all(&folder)?;
    for i in 0..150 {
        let text = format!("# Topic {i:03}\n\nWhat is known about topic {i}.\n");
        std::fs::write(folder.join(format!("topic-{i:03}.md")), text)?;
    }
    let config = format!("folders = [\"{}\"]\nbundled = false\n", folder.display());
    std::fs::write(sandbox.data_dir().join("config.toml"), config)?;
    let mut first = Pty::builder(NO_ARGS).size(80, 24).sandbox(sandbox).spawn()?;
    first.wait_for(|s| s.contains("Library · 150 articles") && !s.contains("checking"), WAIT)?;
    first.send_keys(&format!("G{}", "k".repeat(29)))?;
    first.wait_for(|s| status(s).contains("121/150"), WAIT)?;
    first.send(Key::Enter)?;
    first.wait_for(|s| status(s).contains("Topic 120"), WAIT)?;
    first.send_keys("Q")?;
    first.wait_exit(WAIT)?.ensure_clean()?;
    // The run left its first screen for the next start.
    let sandbox = first.into_sandbox();
    let store = salve::store::Store::open(sandbox.data_dir()).store.expect("the database");
    let glimpse = store.glimpse()?.expect("a first screen remembered");
    anyhow::ensure!(glimpse.total == 150 && glimpse.selected == 120, "{glimpse:?}");
    drop(store);
    // Ten files far from the remembered rows leave the cache: a start that read the whole
    // cache before its first frame would count 140 articles there; one drawn from the
    // remembered rows counts the 150 it remembers (and the walk brings the ten back).
    let db = rusqlite::Connection::open(sandbox.data_dir().join("salve.db"))?;
    let forgotten = db.execute("DELETE FROM cache WHERE path LIKE '%/topic-00_.md'", [])?;
    anyhow::ensure!(forgotten == 10, "{forgotten} rows forgotten");
    drop(db);

    let mut again = Pty::builder(NO_ARGS).size(80, 24).sandbox(sandbox).spawn()?;
    again.wait_for_frame(WAIT)?;
    // The very first frame: the whole list's size, the article read last selected on the
    // list's top row.
    let frame = again.first_frame().unwrap_or_default();
    let rows: Vec<&str> = frame.lines().collect();
    anyhow::ensure!(
        rows.first().is_some_and(|r| r.contains("Library · 150 articles"))
            && rows.get(1).is_some_and(|r| r.contains("Topic 120"))
            && status(&frame).contains("121/150"),
        "first frame:\n{}",
        framed(&frame, 80)
    );
    again.send(Key::Enter)?;
    again.wait_for(|s| status(s).contains("Topic 120"), WAIT)?;
    again.send_keys("Q")?;
    again.wait_exit(WAIT)?.ensure_clean()
}

#[test]
fn quitting_at_once_stops_the_walk_and_folds_the_log_back_into_the_database() -> anyhow::Result<()>
{
    // Quit while the first run's walk may still be indexing the bundled articles: the walk
    // stops, both connections close, and SQLite folds its log back, so no `-wal` file is left
    // for the next start to replay.
    let mut app = Pty::builder(NO_ARGS).size(120, 40).spawn()?;
    app.wait_for_text("Library · 4 articles", WAIT)?;
    app.send_keys("q")?;
    let data = app.data_dir().to_path_buf();
    app.wait_exit(WAIT)?.ensure_clean()?;
    let db = data.join("salve.db");
    anyhow::ensure!(db.is_file(), "no database at {}", db.display());
    let wal = data.join("salve.db-wal");
    let left = std::fs::metadata(&wal).map_or(0, |m| m.len());
    anyhow::ensure!(left == 0, "{} bytes of log left in {}", left, wal.display());
    Ok(())
}
