//! `salve show` and `salve list` over untrusted input: nothing from an article, a file name or
//! an argument reaches the output as a control sequence.
//!
//! Into a pipe, output must hold no ESC, no BEL, no C1 control (as a character or as a stray
//! byte) and no bidi override, on stdout and stderr alike. On a terminal `show` colours its
//! output, so there the only escape sequences allowed are its own SGR colour codes.

mod support;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, ensure};
use support::hostile::{build_hostile_library, escape_article};
use support::{CliOutput, Pty, Sandbox, run_salve};

/// Generous: `list` over the hostile library reads a 3 MB line and 30,000 headings in debug.
const DEADLINE: Duration = Duration::from_secs(30);

/// A file name carrying ESC, BEL, a C1 control and a bidi override (all valid UTF-8).
const EVIL_NAME: &str = "evil\x1b[31m\x07\u{9b}\u{202e}dm.md";

/// Front matter whose title, summary and tags decode to controls: YAML double-quoted escapes
/// (`\e` is ESC, `\a` BEL) turn into the characters themselves.
const EVIL_ARTICLE: &str = "---\n\
    title: \"Evil \\e[2J\\a\\x9b\\u202E Title\"\n\
    summary: \"\\e]52;c;ZXZpbA==\\a clipboard\"\n\
    tags: [\"\\e]0;pwned\\a\", \"\\u202Eright\\u202C\", \"\\x9b2J\"]\n\
    ---\n\n\
    ## Body \u{202e} heading \x1b[2J\n\n\
    Plain body text.\n";

/// A file name that is not UTF-8 (a lone 0x9B byte, CSI in 8-bit terminals) next to ESC, with
/// raw controls in its front matter, which YAML rejects: the error note must be clean too.
const RAW_NAME: &[u8] = b"raw\x9b\x1b[2Jname.md";
const RAW_ARTICLE: &str = "---\ntitle: Raw \x1b[2J\x07 title\ntags: [\u{9b}x]\n---\n\nRaw body.\n";

/// Characters that must not reach a terminal from untrusted text.
fn is_forbidden(c: char) -> bool {
    matches!(c, '\x1b' | '\x07' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Fails when `bytes` is not UTF-8 (a stray byte could be a C1 control) or holds a forbidden
/// character, quoting the place.
fn ensure_clean(what: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let text = std::str::from_utf8(bytes)
        .with_context(|| format!("{what} is not UTF-8: {:?}", String::from_utf8_lossy(bytes)))?;
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_forbidden(c)) {
        let from = text[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
        anyhow::bail!("{what} holds {c:?} after {:?}", &text[from..at]);
    }
    Ok(())
}

/// Runs salve with `args` into pipes and checks both streams.
fn run_clean(args: &[&OsStr], sandbox: &Sandbox) -> anyhow::Result<CliOutput> {
    let output = run_salve(args, sandbox, DEADLINE)?;
    let label = args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ");
    ensure_clean(&format!("stdout of `salve {label:?}`"), &output.stdout_bytes)
        .with_context(|| output.to_string())?;
    ensure_clean(&format!("stderr of `salve {label:?}`"), &output.stderr_bytes)
        .with_context(|| output.to_string())?;
    Ok(output)
}

/// The folder of hostile-named articles; returns it with the three article paths.
fn write_articles(sandbox: &Sandbox) -> anyhow::Result<(PathBuf, [PathBuf; 3])> {
    let dir = sandbox.scratch()?;
    let gauntlet = dir.join("gauntlet.md");
    std::fs::write(&gauntlet, escape_article())?;
    let evil = dir.join(EVIL_NAME);
    std::fs::write(&evil, EVIL_ARTICLE)?;
    let raw = dir.join(OsStr::from_bytes(RAW_NAME));
    std::fs::write(&raw, RAW_ARTICLE)?;
    Ok((dir, [gauntlet, evil, raw]))
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn show_prints_no_control_sequences_to_a_pipe() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let (_, [gauntlet, evil, raw]) = write_articles(&sandbox)?;

    let out = run_clean(&[os("show"), gauntlet.as_os_str()], &sandbox)?;
    out.ensure_success()?;
    ensure!(out.stdout.contains("alphaclear") && out.stdout.contains("zulu"), "{out}");

    let out = run_clean(&[os("show"), evil.as_os_str()], &sandbox)?;
    out.ensure_success()?;
    ensure!(out.stdout.contains("Title") && out.stdout.contains("Plain body text."), "{out}");

    // A path that is not UTF-8 is still a path: shown, with clean output.
    let out = run_clean(&[os("show"), raw.as_os_str(), os("--width"), os("20")], &sandbox)?;
    out.ensure_success()?;
    ensure!(out.stdout.contains("Raw body."), "{out}");

    // Arguments are untrusted too (pasted text): errors that quote them must be clean.
    let out =
        run_clean(&[os("show"), evil.as_os_str(), os("--section"), os("\x1b]0;x\x07")], &sandbox)?;
    ensure!(out.status.code() == Some(2), "{out}");
    let out = run_clean(&[os("show"), os("no such \x1b[2J\u{9b}\u{202e} article")], &sandbox)?;
    ensure!(out.status.code() == Some(1), "no article matches: {out}");
    Ok(())
}

#[test]
fn list_prints_no_control_sequences_to_a_pipe() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let (dir, [gauntlet, evil, raw]) = write_articles(&sandbox)?;

    let out = run_clean(&[os("list"), dir.as_os_str()], &sandbox)?;
    out.ensure_success()?;
    ensure!(out.stdout.lines().count() == 3, "one line per article:\n{out}");
    ensure!(out.stdout.contains("Gauntlet") && out.stdout.contains("Title"), "{out}");

    for file in [&gauntlet, &evil, &raw] {
        run_clean(&[os("list"), file.as_os_str()], &sandbox)?.ensure_success()?;
    }

    let out = run_clean(&[os("list"), os("--json"), dir.as_os_str()], &sandbox)?;
    out.ensure_success()?;
    let json: serde_json::Value = serde_json::from_str(&out.stdout).context("list --json")?;
    // JSON escapes controls, so the decoded strings must be clean too: a script may print them.
    let mut strings = Vec::new();
    collect_strings(&json, &mut strings);
    for s in &strings {
        ensure_clean("a decoded JSON string", s.as_bytes())?;
    }
    ensure!(json.as_array().is_some_and(|rows| rows.len() == 3), "{out}");

    let out = run_clean(&[os("list"), os("/no/such/\x1b[2J\u{202e}")], &sandbox)?;
    ensure!(out.status.code() == Some(2), "{out}");
    Ok(())
}

fn collect_strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                out.push(key);
                collect_strings(v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn list_json_over_the_hostile_library_is_valid() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let dir = sandbox.scratch()?;
    let files = build_hostile_library(&dir)?;

    let out = run_clean(&[os("list"), os("--json"), dir.as_os_str()], &sandbox)?;
    out.ensure_success()?;
    let json: serde_json::Value = serde_json::from_str(&out.stdout).context("list --json")?;
    let rows = json.as_array().context("an array")?;
    let titles: Vec<&str> = rows.iter().filter_map(|r| r["title"].as_str()).collect();
    let unlisted: Vec<_> =
        files.listed.iter().filter(|f| !titles.iter().any(|t| t.contains(f.title))).collect();
    ensure!(unlisted.is_empty(), "not listed: {unlisted:?}\n{titles:?}");
    ensure!(rows.len() == files.listed.len(), "{} rows for {:?}", rows.len(), files.listed);
    Ok(())
}

/// On a terminal `show` colours its output: every escape sequence must be one of its own SGR
/// codes (`ESC [ digits ; ... m`), and nothing else may be a control.
#[test]
fn show_on_a_terminal_writes_only_its_own_colour_codes() -> anyhow::Result<()> {
    let sandbox = Sandbox::new()?;
    let (_, [gauntlet, evil, _]) = write_articles(&sandbox)?;
    for path in [gauntlet, evil] {
        let sandbox = Sandbox::new()?;
        let mut app = Pty::builder(&[os("show"), path.as_os_str()]).sandbox(sandbox).spawn()?;
        app.wait_exit(DEADLINE)?.ensure_clean()?;
        let raw = app.raw_output();
        let text = std::str::from_utf8(&raw).context("show output is not UTF-8")?;
        ensure!(text.contains("\x1b[1;36m"), "no colour on a terminal: {text:?}");
        // With its SGR codes gone, only line ends may be controls (the pty adds `\r`).
        let bare = strip_sgr(text)?;
        if let Some(c) =
            bare.chars().find(|&c| is_forbidden(c) || (c.is_control() && c != '\n' && c != '\r'))
        {
            anyhow::bail!("{c:?} in terminal output of {}", path.display());
        }
    }
    Ok(())
}

/// `text` without its SGR sequences (`ESC [ digits ; ... m`); any other escape is an error.
fn strip_sgr(text: &str) -> anyhow::Result<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        let sequence = &rest[at + 1..];
        let params = sequence.strip_prefix('[').map(|s| {
            s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';').len()
        });
        match params {
            Some(n) if sequence[1 + n..].starts_with('m') => rest = &sequence[2 + n..],
            _ => {
                let shown: String = sequence.chars().take(20).collect();
                anyhow::bail!("escape sequence other than SGR: ESC {shown:?}");
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}
