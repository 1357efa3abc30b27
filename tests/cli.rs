//! The command line as a script would use it: no terminal, stdout captured, exit codes checked;
//! and, for what depends on the terminal (`TERM=dumb`), the binary in a pseudo-terminal.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use support::{NO_ARGS, Pty};

/// How long a run in a pty may take before it counts as hung (debug build, busy machine).
const DEADLINE: Duration = Duration::from_secs(30);

/// The bundled article "side effects" must find, and the words of no other title.
const SIDE_EFFECTS: &str = "Ketamine Side Effects: Risks, Long-Term Impact & Safe Use";

/// Runs `salve` with a fresh data directory (never the user's real one).
/// Runs `salve` with `data` as its data directory, in a sandbox (its own home, none of the
/// developer's `SALVE_*`, XDG or colour settings), killed if it runs past [`DEADLINE`] so a
/// hang fails the test.
fn salve(args: &[&str], data: &Path) -> Output {
    let sandbox = support::Sandbox::new().expect("a sandbox").with_data_dir(data);
    let out = support::run_salve(args, &sandbox, DEADLINE).expect("salve finishes");
    Output { status: out.status, stdout: out.stdout_bytes, stderr: out.stderr_bytes }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_shows_the_bundled_library_one_line_each() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["list"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for line in &lines {
        let fields: Vec<_> = line.split('\t').collect();
        assert_eq!(fields.len(), 6, "id, title, sections, words, minutes, origin: {line}");
        assert!(fields[5].starts_with("bundled:"), "{line}");
    }
    // The first run creates the user's article folder.
    assert!(data.path().join("articles").is_dir());
}

#[test]
fn list_json_is_an_array_of_articles() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["list", "--json"], data.path());
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["title"].is_string() && r["words"].is_u64()));
}

#[test]
fn list_reads_the_user_folder_and_reports_skipped_files() {
    let data = tempfile::tempdir().unwrap();
    let articles = data.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("mine.md"), "# My Notes\n\nSleep matters.\n").unwrap();
    std::fs::write(articles.join("blob.md"), b"\0\0\0").unwrap();
    let out = salve(&["list"], data.path());
    assert!(out.status.success());
    assert!(stdout(&out).contains("My Notes\t"), "{}", stdout(&out));
    assert!(stderr(&out).contains("blob.md': binary file"), "{}", stderr(&out));
}

#[test]
fn list_of_a_path_lists_only_that_path() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# Alpha\n\n## One\n\ntext here\n").unwrap();
    let out = salve(&["list", dir.path().to_str().unwrap()], data.path());
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("a\tAlpha\t2 sections\t"), "{text}");
}

#[test]
fn list_prints_the_id_that_show_takes() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["list"], data.path());
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains(SIDE_EFFECTS)).expect("listed");
    let id = line.split('\t').next().unwrap();
    assert_eq!(id, "ketamine-side-effects", "{line}");
    let out = salve(&["show", id], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some(SIDE_EFFECTS));
}

#[test]
fn list_counts_one_section_and_one_word_in_the_singular() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.md"), "# Hello\n").unwrap();
    let out = salve(&["list", dir.path().to_str().unwrap()], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\t1 section\t1 word\t"), "{}", stdout(&out));
}

#[test]
fn show_prints_wrapped_text_without_colour_to_a_pipe() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sleep.md");
    let body = "word ".repeat(60);
    std::fs::write(&file, format!("# Sleep\n\n## Why\n\n{body}\n\n## How\n\nDark room.\n"))
        .unwrap();
    let out = salve(&["show", file.to_str().unwrap(), "--width", "30"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no escape sequences into a pipe");
    assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
    assert!(text.contains("Dark room."));

    let out = salve(&["show", file.to_str().unwrap(), "--section", "how"], data.path());
    let text = stdout(&out);
    assert!(text.contains("Dark room.") && !text.contains("word word"), "{text}");
    let out = salve(&["show", file.to_str().unwrap(), "--section", "2"], data.path());
    assert!(stdout(&out).contains("word word"));
}

#[test]
fn show_finds_a_bundled_article_by_words_of_its_title() {
    let data = tempfile::tempdir().unwrap();
    // Three bundled articles mention side effects in their text or tags: the title decides.
    for query in ["side effects", "Ketamine side effects", SIDE_EFFECTS, "ketamine-side-effects"] {
        let out = salve(&["show", query], data.path());
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        assert_eq!(stdout(&out).lines().next(), Some(SIDE_EFFECTS), "{query}");
        assert!(out.stderr.is_empty(), "{query}: {}", stderr(&out));
    }
}

#[test]
fn show_of_a_title_no_article_matches_says_so_and_exits_1() {
    let data = tempfile::tempdir().unwrap();
    // Both used to print the ketamine-for-depression guide and exit 0.
    for query in ["covid", "inline", "zzzzqqqq-no-such-article"] {
        let out = salve(&["show", query], data.path());
        assert_eq!(out.status.code(), Some(1), "{query}: {}", stdout(&out));
        assert!(out.stdout.is_empty(), "{query}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.starts_with(&format!("salve: no article matches '{query}'")), "{err}");
        assert_eq!(err.lines().count(), 1, "no close titles to offer: {err}");
    }
    // A near miss offers the close title, with the id that opens it.
    let out = salve(&["show", "ketamine brain tumour"], data.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("\n  ketamine-and-the-brain  What Does Ketamine Do"), "{err}");
}

#[test]
fn show_of_a_title_several_articles_match_lists_them_with_ids_and_exits_2() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["show", "depression"], data.path());
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(out.stdout.is_empty(), "nothing picked: {}", stdout(&out));
    let err = stderr(&out);
    let lines: Vec<_> = err.lines().collect();
    assert!(lines[0].contains("'depression' matches 2 articles"), "{err}");
    assert!(lines[1..].iter().any(|l| l.starts_with("  ketamine-for-depression-guide  ")), "{err}");
    assert!(
        lines[1..].iter().any(|l| l.starts_with("  ketamine-depression-anxiety-ptsd  ")),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "{err}");
}

#[test]
fn show_of_a_misspelt_title_says_which_article_it_shows() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["show", "ketamine brian"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some("What Does Ketamine Do to Your Brain?"));
    assert!(stderr(&out).contains("nearest spelling"), "{}", stderr(&out));
}

/// The MedQuAD collection next to the repository, when it is there (`../shared`).
fn medquad() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/medquad");
    dir.is_dir().then_some(dir)
}

#[test]
fn show_over_medquad_never_opens_an_unrelated_condition() {
    let Some(corpus) = medquad() else {
        eprintln!("skipped: no MedQuAD corpus at ../shared/corpus/medquad");
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let config = format!("folders = [{:?}]\n", corpus.display().to_string());
    std::fs::write(data.path().join("config.toml"), config).unwrap();
    // "aspirin" opened the pinworm article, "covid" color vision deficiency.
    for query in ["aspirin", "covid"] {
        let out = salve(&["show", query], data.path());
        assert_eq!(
            out.status.code(),
            Some(1),
            "{query}: {}",
            stdout(&out).lines().next().unwrap_or("")
        );
        assert!(
            stderr(&out).contains(&format!("no article matches '{query}'")),
            "{}",
            stderr(&out)
        );
    }
    let out = salve(&["show", "pinworm"], data.path());
    assert_eq!(out.status.code(), Some(2), "two pinworm articles: {}", stderr(&out));
    assert!(stderr(&out).contains("  0000714-pinworms  Pinworms"), "{}", stderr(&out));
    let out = salve(&["show", "pinworms"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some("Pinworms"));
}

#[test]
fn wrong_arguments_are_one_line_with_exit_code_2() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["show", ""][..],
        &["show", "side effects", "--width", "5"],
        &["show", "side effects", "--section", "999"],
        &["--frobnicate"],
        &["/no/such/folder"],
        &["list", "/no/such/folder"],
    ] {
        let out = salve(args, data.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("salve: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn show_section_numbers_agree_with_list_and_leave_the_introduction_as_0() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lead.md");
    std::fs::write(&file, "Lead text.\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n").unwrap();
    let path = file.to_str().unwrap();
    let out = salve(&["list", path], data.path());
    assert!(stdout(&out).contains("\t2 sections\t"), "{}", stdout(&out));
    let section = |n: &str| salve(&["show", path, "--section", n], data.path());
    assert_eq!(stdout(&section("1")).trim(), "First\n─────\n\nOne.", "headings count from 1");
    assert!(stdout(&section("2")).contains("Two."));
    assert_eq!(stdout(&section("0")).trim(), "Lead text.", "the introduction is 0");
    let out = section("3");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 1 to 2 (0 is the introduction)"), "{}", stderr(&out));
}

#[test]
fn show_section_rejects_an_empty_name_and_lists_a_name_two_headings_match() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("effects.md");
    let text = "# Sun\n\n## Short-term effects\n\nSoon.\n\n## Long-term effects\n\nLater.\n";
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();

    let out = salve(&["show", path, "--section", ""], data.path());
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("--section is empty; give a number from 1 to 3"),
        "{}",
        stderr(&out)
    );

    let out = salve(&["show", path, "--section", "effects"], data.path());
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(out.stdout.is_empty(), "nothing picked: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("\n    2  Short-term effects\n    3  Long-term effects\n"), "{err}");

    let out = salve(&["show", path, "--section", "long"], data.path());
    assert!(stdout(&out).contains("Later.") && !stdout(&out).contains("Soon."));
}

#[test]
fn show_reports_problems_reading_the_article_it_shows() {
    let data = tempfile::tempdir().unwrap();
    let articles = data.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("latin.md"), b"# Caf\xe9 notes\n\nCoffee.\n").unwrap();
    std::fs::write(articles.join("front.md"), "---\ntitle: [oops\n---\n# Tea notes\n\nTea.\n")
        .unwrap();
    for (query, note) in [("latin", "invalid UTF-8"), ("tea notes", "front matter")] {
        let out = salve(&["show", query], data.path());
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        assert!(stderr(&out).contains(note), "{query}: {}", stderr(&out));
        // Only the shown article's problems, not the whole library's.
        assert_eq!(stderr(&out).lines().count(), 1, "{query}: {}", stderr(&out));
    }
    let out = salve(&["show", articles.join("latin.md").to_str().unwrap()], data.path());
    assert!(stderr(&out).contains("latin.md: invalid UTF-8"), "{}", stderr(&out));
}

#[test]
fn argument_errors_name_the_argument_and_keep_clap_tips() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["show"], data.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("not provided: <ARTICLE>"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let out = salve(&["list", "--jsn"], data.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("'--jsn'") && err.contains("a similar argument exists: '--json'"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_file_as_the_data_directory_is_named_once_with_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    let out = salve(&["--data-dir", file.to_str().unwrap(), "list"], data.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not-a-folder' as the data directory: it is a file; pass a folder"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn an_unknown_salve_theme_is_reported_before_the_reader_starts() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_salve"))
        .env("SALVE_DATA_DIR", data.path())
        .env("SALVE_THEME", "bogus")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("SALVE_THEME='bogus'; set it to 'dark', 'light' or 'auto'"), "{err}");
}

#[test]
fn show_reports_each_config_problem_once() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("config.toml"), "zoom = 3\n").unwrap();
    // By id (the library is read, then the article laid out) and by path (streamed).
    let file = data.path().join("note.md");
    std::fs::write(&file, "# Note\n\nDrink water.\n").unwrap();
    for article in ["ketamine-and-the-brain", file.to_str().unwrap()] {
        let out = salve(&["show", article], data.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("unknown setting 'zoom'").count(), 1, "{article}: {err}");
    }
}

#[test]
fn the_reader_on_a_dumb_terminal_points_to_show() -> anyhow::Result<()> {
    let mut app = Pty::builder(NO_ARGS).env("TERM", "dumb").spawn()?;
    let exit = app.wait_exit(DEADLINE)?;
    assert_eq!(exit.status.exit_code(), 1, "{}", exit.screen);
    assert!(
        exit.screen.contains("TERM is 'dumb'") && exit.screen.contains("salve show"),
        "{}",
        exit.screen
    );
    let raw = app.raw_output();
    assert!(!raw.contains(&0x1b), "no escape sequences: {:?}", String::from_utf8_lossy(&raw));
    Ok(())
}

#[test]
fn show_on_a_dumb_terminal_prints_no_escape_codes() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("sleep.md");
    std::fs::write(&file, "# Sleep\n\n## Why\n\nRest **well**.\n")?;
    let mut app = Pty::builder(&["show", file.to_str().unwrap()]).env("TERM", "dumb").spawn()?;
    let exit = app.wait_exit(DEADLINE)?;
    assert_eq!(exit.status.exit_code(), 0, "{}", exit.screen);
    assert!(exit.screen.contains("Rest well."), "{}", exit.screen);
    let raw = app.raw_output();
    assert!(!raw.contains(&0x1b), "no escape sequences: {:?}", String::from_utf8_lossy(&raw));
    Ok(())
}

#[test]
fn reader_without_a_terminal_fails_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&[], data.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("needs a terminal"), "{}", stderr(&out));
}

#[test]
fn a_bad_config_entry_is_reported_with_its_line_and_the_rest_still_runs() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("config.toml"), "max_width = 60\nfolders = 3\n").unwrap();
    let out = salve(&["list"], data.path());
    assert_eq!(out.status.code(), Some(0), "a bad config never stops salve");
    let err = stderr(&out);
    assert!(err.contains("config.toml line 2: folders = 3: use a list of paths"), "{err}");
    assert!(stdout(&out).contains("Ketamine"), "the library is listed all the same");
}

#[test]
fn version_and_help_go_to_stdout() {
    let data = tempfile::tempdir().unwrap();
    let out = salve(&["--version"], data.path());
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("salve "));
    let out = salve(&["--help"], data.path());
    assert!(out.status.success());
    assert!(stdout(&out).contains("list") && stdout(&out).contains("show"));
    assert!(stdout(&out).contains("Exit codes: 0 success; 1 failure"), "{}", stdout(&out));
}

#[test]
fn show_of_an_unreadable_file_says_why() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scan.md");
    std::fs::write(&file, b"PK\x03\x04\0\0binary").unwrap();
    let out = salve(&["show", file.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("scan.md': binary file"), "{err}");
}

#[test]
fn a_file_name_with_a_line_break_stays_on_one_row() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a\nFake title\t9 sections.md"), "# Real\n\ntext\n").unwrap();
    let out = salve(&["list", dir.path().to_str().unwrap()], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
}

#[test]
fn config_errors_are_one_line_without_the_excerpt() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("config.toml"), "colour = \"red\"\n").unwrap();
    let out = salve(&["list"], data.path());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("colour") && !err.contains("1 |"), "{err}");
}

#[test]
fn data_dir_flag_and_config_folders_feed_the_library() {
    let data = tempfile::tempdir().unwrap();
    let shelf = tempfile::tempdir().unwrap();
    std::fs::write(shelf.path().join("sleep.md"), "# Sleep and recovery\n\nRest.\n").unwrap();
    let config = format!("folders = [{:?}]\n", shelf.path().display().to_string());
    std::fs::write(data.path().join("config.toml"), config).unwrap();
    // The flag, not the environment: a different (empty) directory in the environment.
    let other = tempfile::tempdir().unwrap();
    let out = salve(&["--data-dir", data.path().to_str().unwrap(), "list"], other.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 5, "bundled four plus the configured folder's one:\n{text}");
    assert!(text.contains("Sleep and recovery\t"), "{text}");
    assert!(data.path().join("articles").is_dir(), "the flag's directory is the data directory");
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.md");
    // Far more output than a pipe holds, so salve is still writing when the reader goes away.
    std::fs::write(&file, "# Long\n\n".to_string() + &"Words to print. ".repeat(200_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_salve"))
        .args(["show", file.to_str().unwrap()])
        .env("SALVE_DATA_DIR", data.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then dropped: `| head -c 64`
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?} {}", out.status, stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn show_of_a_pipe_says_what_it_is_and_never_waits_for_it() {
    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("notes.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = salve(&["show", fifo.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("notes.md': a FIFO"), "{err}");
    assert!(!err.contains("no article matches"), "{err}");
}

#[test]
fn config_prints_the_settings_in_force_and_its_problems_on_stderr() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("config.toml");
    let out = salve(&["config"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, format!("# config file: {} (none yet: defaults)", file.display()));

    std::fs::write(&file, "max_width = 90\nzoom = 3\n").unwrap();
    let out = salve(&["config"], data.path());
    assert!(out.status.success(), "a bad entry is said, not fatal: {}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains("\nmax_width = 90\n"), "{printed}");
    assert!(!printed.contains("none yet") && !printed.contains("zoom"), "{printed}");
    assert!(
        stderr(&out).contains("config.toml line 2: unknown setting 'zoom'"),
        "{}",
        stderr(&out)
    );
    // What it prints is a config file that reads back without a problem.
    std::fs::write(&file, &printed).unwrap();
    let again = salve(&["config"], data.path());
    assert!(again.status.success() && again.stderr.is_empty(), "{}", stderr(&again));
    // The same settings (the keys may come in another order once they are the file's).
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().skip(1).map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&stdout(&again)), sorted(&printed));

    // The defaults, as a file to start from: commented, and read back without a problem.
    let out = salve(&["config", "--default"], data.path());
    assert!(out.status.success());
    std::fs::write(&file, &out.stdout).unwrap();
    let back = salve(&["config"], data.path());
    assert!(back.stderr.is_empty(), "{}", stderr(&back));
    assert!(stdout(&back).contains("\nmax_width = "), "{}", stdout(&back));
}

#[test]
fn list_answers_from_the_cache_then_says_what_changed_since() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_str().unwrap();
    let write = |name: &str, title: &str| {
        std::fs::write(folder.path().join(name), format!("# {title}\n\nSome text.\n")).unwrap();
    };
    write("gout.md", "Gout");
    write("asthma.md", "Asthma");
    // Never opened: walked first, then listed, in the order of the files' names.
    let first = salve(&["list", dir], data.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let titles = |o: &Output| -> Vec<String> {
        stdout(o).lines().map(|l| l.split('\t').nth(1).unwrap_or("").to_string()).collect()
    };
    assert_eq!(titles(&first), ["Asthma", "Gout"]);
    assert!(stdout(&first).lines().all(|l| l.contains(dir)), "{}", stdout(&first));
    // Edited since: the kept list answers at once, and says so.
    write("gout.md", "Gout, revised");
    let second = salve(&["list", dir], data.path());
    assert_eq!(titles(&second), ["Asthma", "Gout"]);
    assert!(
        stderr(&second).contains("1 file has changed since the list was made; list again"),
        "{}",
        stderr(&second)
    );
    let third = salve(&["list", dir], data.path());
    assert_eq!(titles(&third), ["Asthma", "Gout, revised"]);
    assert!(!stderr(&third).contains("changed since"), "{}", stderr(&third));
}

#[test]
fn show_finds_an_article_added_since_the_library_was_cached() {
    let data = tempfile::tempdir().unwrap();
    let articles = data.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("tea.md"), "# Tea notes\n\nTea.\n").unwrap();
    assert!(salve(&["list"], data.path()).status.success());
    // Not in the cache yet: the files are checked, and it is found.
    std::fs::write(articles.join("coffee.md"), "# Coffee notes\n\nCoffee.\n").unwrap();
    let out = salve(&["show", "coffee notes"], data.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Coffee."), "{}", stdout(&out));
    // And by the id `salve list` gives it.
    let out = salve(&["show", "coffee"], data.path());
    assert!(stdout(&out).contains("Coffee."), "{}", stdout(&out));
    let listed = stdout(&salve(&["list"], data.path()));
    assert!(listed.lines().any(|l| l.starts_with("coffee\tCoffee notes")), "{listed}");
}

#[test]
fn list_json_carries_each_articles_reading_state() {
    use salve::store::{Bookmark, Progress, Store};
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_str().unwrap();
    std::fs::write(folder.path().join("gout.md"), "# Gout\n\n## Diet\n\nLess red meat.\n").unwrap();
    std::fs::write(folder.path().join("tea.md"), "# Tea\n\nA cup.\n").unwrap();
    let listed = |data: &Path| -> Vec<serde_json::Value> {
        let out = salve(&["list", "--json", dir], data);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
    };
    let before = listed(data.path());
    let gout = before.iter().find(|r| r["title"] == "Gout").expect("listed");
    assert!(gout["progress"].is_null() && gout["last_read"].is_null(), "{gout}");
    assert_eq!(gout["bookmarks"], 0);
    let key = gout["article"].as_str().expect("an identity").to_string();
    // Read to 48% and bookmarked twice, as the reader would save it.
    let mut store = Store::open(data.path()).store.expect("salve.db");
    let at = |percent| Progress {
        article: key.clone(),
        title_key: "gout".into(),
        anchor: "diet".into(),
        section: 1,
        offset: 0,
        percent,
        read_at: 1_750_000_000,
    };
    store.save_progress(&at(48)).unwrap();
    for id in ["b1", "b2"] {
        let mark = Bookmark {
            id: id.into(),
            article: key.clone(),
            title_key: "gout".into(),
            article_title: "Gout".into(),
            section_title: "Diet".into(),
            anchor: "diet".into(),
            section: 1,
            offset: 0,
            label: "Diet".into(),
            excerpt: "Less red meat.".into(),
            created_at: 1_750_000_000,
        };
        store.add_bookmark(&mark).unwrap();
    }
    drop(store);
    let after = listed(data.path());
    let gout = after.iter().find(|r| r["title"] == "Gout").expect("listed");
    assert_eq!(
        (gout["progress"].as_u64(), gout["last_read"].as_i64()),
        (Some(48), Some(1_750_000_000))
    );
    assert_eq!(gout["bookmarks"], 2);
    let tea = after.iter().find(|r| r["title"] == "Tea").expect("listed");
    assert!(tea["progress"].is_null() && tea["bookmarks"] == 0, "another file's state: {tea}");
}
