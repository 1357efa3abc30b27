//! `salve completions` and `salve man` as a packager runs them: from the real binary, with no
//! usable data directory, into a file or a closed pipe.

use std::process::{Command, Output, Stdio};

/// Runs `salve` with a data directory that cannot be used (a file): commands that need one
/// fail, so these pass only if they never look at it.
fn salve(args: &[&str], stdout: Stdio) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "").expect("a file");
    let child = Command::new(env!("CARGO_BIN_EXE_salve"))
        .args(args)
        .env("SALVE_DATA_DIR", &file)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("salve runs");
    (child.wait_with_output().expect("salve ends"), dir)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_and_man_pages_need_no_data_directory() {
    let (list, _dir) = salve(&["list"], Stdio::piped());
    assert_eq!(list.status.code(), Some(2), "the data directory is unusable");
    for args in
        [&["completions", "bash"][..], &["completions", "zsh"], &["man"], &["man", "search"]]
    {
        let (out, dir) = salve(args, Stdio::piped());
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.len() > 500, "{args:?} printed a script or a page");
        assert_eq!(
            std::fs::read_dir(dir.path()).map(Iterator::count).ok(),
            Some(1),
            "nothing made"
        );
    }
}

#[test]
fn the_man_page_reads_as_a_man_page() {
    let (out, _dir) = salve(&["man"], Stdio::piped());
    let page = text(&out.stdout);
    for part in [".TH salve 1", ".SH NAME", "salve \\- ", ".SH SYNOPSIS", ".SH OPTIONS"] {
        assert!(page.contains(part), "no {part}:\n{page}");
    }
}

#[test]
fn a_wrong_shell_or_page_is_a_usage_error_naming_the_choices() {
    let (out, _dir) = salve(&["completions", "nushell"], Stdio::piped());
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out.stderr);
    assert!(
        message.contains("'nushell'") && message.contains("bash, elvish, fish, powershell, zsh"),
        "{message}"
    );
    let (out, _dir) = salve(&["man", "shw"], Stdio::piped());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give one of list, show"), "{}", text(&out.stderr));
}

/// clap_complete panics when its output cannot be written; `salve completions zsh | head`
/// must end quietly instead, as `salve list | head` does.
#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [&["completions", "zsh"][..], &["man"]] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let (out, _dir) = salve(args, Stdio::from(writer));
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
}
