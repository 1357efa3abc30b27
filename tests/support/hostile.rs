//! A library folder built to break readers: binary and mis-encoded files, pathological nesting
//! and sizes, odd line endings, and file-system traps (a FIFO that blocks whoever opens it, a
//! symlink loop, a dangling link, a directory named like an article), and an article full of
//! terminal escape sequences.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, ensure};

/// Each sequence, the placeholder text the reader must show instead, and the word pair
/// around it. Raw sequences are sanitized to Control Pictures (`␛`, `␇`), C1 controls to `�`;
/// entity-encoded ones are decoded by the Markdown parser first and must end up the same.
pub const SEQUENCES: [(&str, &str, &str); 7] = [
    ("\x1b[2J", "\u{241b}[2J", "clear"),
    ("\x1b]0;pwned\x07", "\u{241b}]0;pwned\u{2407}", "title"),
    ("\x1b]52;c;ZXZpbA==\x07", "\u{241b}]52;c;ZXZpbA==\u{2407}", "clipboard"),
    (
        "\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07",
        "\u{241b}]8;;https://evil.example/",
        "hyperlink",
    ),
    ("\u{9b}2J", "\u{fffd}2J", "cone"),
    ("&#27;[2J", "\u{241b}[2J", "entity"),
    ("&#x9b;", "\u{fffd}", "hexentity"),
];

/// An article with each of [`SEQUENCES`] between its marker words, and one in the title.
pub fn escape_article() -> String {
    let mut text = String::from("# Escape \x1b[31mGauntlet\n\n");
    for (sequence, _, word) in SEQUENCES {
        let _ = write!(text, "alpha{word} {sequence} omega{word}\n\n");
    }
    text.push_str("The zulu line ends the article.\n");
    text
}

/// A readable file and text its `salve list` line must contain (its title).
#[derive(Debug, Clone, Copy)]
pub struct Listed {
    /// The file name inside the folder.
    pub file: &'static str,
    /// Text that must appear in the listing, usually the title.
    pub title: &'static str,
}

/// What the folder holds, by how a reader must treat each file.
#[derive(Debug, Clone)]
pub struct HostileFiles {
    /// Files that must be listed, normal or hostile-but-readable.
    pub listed: Vec<Listed>,
    /// File names that must be reported as skipped (named on stderr).
    pub skipped: Vec<&'static str>,
    /// Names that are neither articles nor errors (the directory `y.md`).
    pub ignored: Vec<&'static str>,
}

/// The normal articles: ordinary Markdown a reader must show correctly whatever else is around.
pub const NORMAL: [Listed; 3] = [
    Listed { file: "sleep-basics.md", title: "Sleep and Recovery Basics" },
    Listed { file: "hydration.md", title: "Hydration Notes for Hikers" },
    Listed { file: "stretching.md", title: "Gentle Stretching Routine" },
];

/// Writes the hostile library into `dir` (which must exist) and says what to expect of it.
pub fn build_hostile_library(dir: &Path) -> anyhow::Result<HostileFiles> {
    let mut listed = NORMAL.to_vec();
    write_normal_articles(dir)?;

    let mut add = |file: &'static str, title: &'static str, bytes: &[u8]| {
        listed.push(Listed { file, title });
        std::fs::write(dir.join(file), bytes).with_context(|| format!("writing {file}"))
    };
    // Invalid UTF-8: "é" as the single Latin-1 byte 0xE9.
    add("latin1.md", "Latin One", b"# Caf\xe9 Latin One\n\nNa\xefve r\xe9sum\xe9 text.\n")?;
    add("long-line.md", "long-line", &long_line(3 * 1024 * 1024))?;
    add("deep-quotes.md", "Deep Quotes Stress", deep_quotes(20_000).as_bytes())?;
    add("deep-lists.md", "Deep Lists Stress", deep_lists(3_000).as_bytes())?;
    add("many-headings.md", "Thirty Thousand Headings", many_headings(30_000).as_bytes())?;
    add("wide-table.md", "Wide Table Stress", wide_table(30, 12).as_bytes())?;
    add("empty-file.md", "empty-file", b"")?;
    add("whitespace-only.md", "whitespace-only", b"  \n\t\n   \r\n\n \t \n")?;
    add("front-matter-only.md", "Front Matter Only", b"---\ntitle: Front Matter Only\n---\n")?;
    add(
        "broken-front-matter.md",
        "Broken Front Matter Body",
        b"---\ntitle: [unclosed\n---\n\n# Broken Front Matter Body\n\nThe body still reads.\n",
    )?;
    add(
        "crlf-lines.md",
        "CRLF Line Endings",
        b"---\r\ntitle: CRLF Line Endings\r\n---\r\n\r\n## First\r\n\r\nWindows text.\r\n\r\n\
          ```\r\ncode line\r\n```\r\n",
    )?;
    add(
        "bom.md",
        "Byte Order Mark Article",
        "\u{feff}---\ntitle: Byte Order Mark Article\n---\n\nStarts with a BOM.\n".as_bytes(),
    )?;

    // A PNG-like header and NUL bytes: not text, whatever the extension says.
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..4096u32).map(|i| (i % 251) as u8));
    std::fs::write(dir.join("binary.md"), binary)?;
    std::os::unix::fs::symlink(".", dir.join("loop"))?;
    std::os::unix::fs::symlink("nowhere.md", dir.join("dangling.md"))?;
    let status = Command::new("mkfifo").arg(dir.join("x.md")).status().context("running mkfifo")?;
    ensure!(status.success(), "mkfifo failed: {status}");
    std::fs::create_dir(dir.join("y.md"))?;

    Ok(HostileFiles {
        listed,
        skipped: vec!["binary.md", "x.md", "loop", "dangling.md"],
        ignored: vec!["y.md"],
    })
}

fn write_normal_articles(dir: &Path) -> anyhow::Result<()> {
    std::fs::write(
        dir.join(NORMAL[0].file),
        "---\ntitle: Sleep and Recovery Basics\nsummary: Why rest matters.\ntags: [sleep]\n---\n\n\
         Rest is when the body repairs itself.\n\n## Habits\n\n- Keep a regular bedtime.\n\
         - Avoid screens late.\n\n## When to Ask for Help\n\nTalk to a clinician if sleep \
         problems last for weeks.\n",
    )?;
    std::fs::write(
        dir.join(NORMAL[1].file),
        "# Hydration Notes for Hikers\n\nDrink before you are thirsty.\n\n## On the Trail\n\n\
         1. Carry more water than you expect to need.\n2. Add salts on hot days.\n\n\
         > Thirst lags behind need.\n",
    )?;
    std::fs::write(
        dir.join(NORMAL[2].file),
        "---\ntitle: Gentle Stretching Routine\n---\n\n## Warm Up\n\nMove slowly.\n\n\
         ## Hold\n\n| Stretch | Seconds |\n| --- | --- |\n| Calf | 30 |\n| Hamstring | 30 |\n",
    )?;
    Ok(())
}

/// One line of words, no line break at all, about `bytes` long.
fn long_line(bytes: usize) -> Vec<u8> {
    let words = ["health ", "water ", "sleep ", "movement ", "breath "];
    let mut out = Vec::with_capacity(bytes + 16);
    for word in words.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.write_all(word.as_bytes()).expect("writing to a Vec cannot fail");
    }
    out
}

/// `depth` quote markers at the start of one line.
fn deep_quotes(depth: usize) -> String {
    format!("# Deep Quotes Stress\n\n{} the bottom of the well\n", ">".repeat(depth))
}

/// Lists nested `depth` deep: every `- ` opens a list inside the previous item, on one line,
/// then a second line nested by indentation for good measure.
fn deep_lists(depth: usize) -> String {
    let mut out = String::from("# Deep Lists Stress\n\n");
    out.push_str(&"- ".repeat(depth));
    out.push_str("innermost item\n\n");
    for level in 0..depth.min(200) {
        let _ = writeln!(out, "{}1. level {level}", "   ".repeat(level));
    }
    out
}

fn many_headings(count: usize) -> String {
    let mut out = String::from("# Thirty Thousand Headings\n\n");
    for i in 0..count {
        let _ = writeln!(out, "## Heading {i}\n\nLine under heading {i}.\n");
    }
    out
}

fn wide_table(columns: usize, rows: usize) -> String {
    let mut out = String::from("# Wide Table Stress\n\n");
    let row = |cell: &dyn Fn(usize) -> String| {
        let cells: Vec<String> = (0..columns).map(cell).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&|c| format!("Column {c}")));
    out.push_str(&row(&|_| "---".to_string()));
    for r in 0..rows {
        out.push_str(&row(&|c| format!("r{r}c{c} value")));
    }
    out
}
