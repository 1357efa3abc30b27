//! `salve show FILE` as the file is read: each batch of sections laid out and written before
//! the next is parsed.

use super::{column, write_lines};
use crate::cli::CliError;
use crate::layout;
use crate::library::load::{Loaded, Rest};
use std::io::Write;

/// Bytes read before `show` writes anything: an article this short is read whole first.
const READ_AHEAD: u64 = 256 * 1024;

/// Prints the article in the file at `path` as it is read: each batch of sections is laid out
/// and written before the next is parsed, so the first lines come at once whatever the size.
/// Sections that may change once the whole text is read (a reference defined further on) are
/// held back until it is, when the file defines any reference or footnote at all. A long
/// article's card has no reading time (that needs every word). The parsing runs on a thread
/// of its own, beside the layout and the writing.
pub fn stream(path: &std::path::Path, width: Option<u16>, max_width: u16) -> Result<(), CliError> {
    let (width, colour) = column(width, max_width);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let shown = stream_to(&mut out, path, width, colour)?;
    // Everything is written: leave without freeing the article and its layout, which for a
    // large article takes a tenth of all the work (the process ends next).
    std::mem::forget(shown);
    Ok(())
}

/// [`stream`] to `out`.
fn stream_to(
    out: &mut impl Write,
    path: &std::path::Path,
    width: u16,
    colour: bool,
) -> Result<(crate::article::Article, layout::Layout), CliError> {
    let (mut stream, size) = crate::library::load::start(path)
        .map_err(|why| CliError::Failed(anyhow::anyhow!("cannot show it: {why}")))?;
    let io = |e: std::io::Error| CliError::Failed(anyhow::Error::from(e));
    // Without a definition anywhere, nothing read later can change what is printed early; the
    // file is looked through on the side, and waited for only when something is unsettled.
    let scan = path.to_path_buf();
    let defines = Lazy::Running(std::thread::spawn(move || {
        crate::library::load::may_define_references(&scan).unwrap_or(true)
    }));
    // A short article is read whole first, so its card has the reading time.
    let mut article = stream.article(Vec::new(), false);
    while !stream.read_through() && stream.parsed_bytes() < READ_AHEAD {
        match stream.next_sections().map_err(io)? {
            Some(mut more) => article.sections.append(&mut more),
            None => break,
        }
    }
    article.meta = stream.meta();
    let mut laid = layout::Layout { width, complete: true, ..layout::Layout::default() };
    let whole = stream.read_through().then(|| article.words());
    layout::recard(&mut laid, &article, whole);
    let mut printer = Printer { out, colour, written: 0, defines };
    printer.print(&mut laid, &article, stream.unsettled_from())?;
    // The rest is parsed on its own thread while this one lays out and writes.
    let mut finish = None;
    for loaded in Rest::new(stream, size).spawn(|| {}) {
        match loaded {
            Loaded::Sections { sections: mut more, unsettled, .. } => {
                article.sections.append(&mut more);
                printer.print(&mut laid, &article, unsettled)?;
            }
            Loaded::Done(done) => finish = Some(done),
            Loaded::Failed(why) => return Err(CliError::Failed(anyhow::anyhow!("{why}"))),
        }
    }
    let Some(finish) = finish else {
        return Err(CliError::Failed(anyhow::anyhow!("the reading stopped part way")));
    };
    let mut err = std::io::stderr().lock();
    for note in &finish.problems {
        let _ = writeln!(err, "salve: {}: {note}", article.origin_label());
    }
    let written = printer.written;
    let mut from = written;
    if !finish.fixes.is_empty() {
        for fix in finish.fixes {
            crate::article::stream::apply(&mut article.sections, fix);
        }
        let card = laid.card;
        laid = layout::layout(&article, width);
        // What was written stays; the rest comes from the article read whole.
        from = if written >= card { written - card + laid.card } else { written };
    }
    let end = laid.lines.iter().rposition(|l| !l.text().trim().is_empty()).map_or(0, |i| i + 1);
    let out = printer.out;
    write_lines(out, &laid.lines[from.min(end)..end], colour).map_err(io)?;
    out.flush().map_err(io)?;
    Ok((article, laid))
}

/// Writes the lines of a growing layout as they become final.
struct Printer<'o, W> {
    out: &'o mut W,
    colour: bool,
    /// Lines written so far.
    written: usize,
    /// Whether the file defines any reference or footnote.
    defines: Lazy,
}

impl<W: Write> Printer<'_, W> {
    /// Lays out what `article` gained and writes it, up to the last text line (blank lines wait
    /// for more text, so none trails) and short of the sections from `unsettled` on, which a
    /// definition further on may change.
    fn print(
        &mut self,
        laid: &mut layout::Layout,
        article: &crate::article::Article,
        unsettled: Option<usize>,
    ) -> Result<(), CliError> {
        let io = |e: std::io::Error| CliError::Failed(anyhow::Error::from(e));
        layout::extend(laid, article);
        let unsettled = unsettled.filter(|_| self.defines.get());
        let settled = unsettled.and_then(|s| laid.section_lines.get(s).copied());
        let upto = settled.unwrap_or(laid.lines.len()).min(laid.lines.len());
        let from = self.written.min(upto);
        let text = laid.lines[from..upto].iter().rposition(|l| !l.str().trim().is_empty());
        if let Some(end) = text.map(|i| from + i + 1) {
            write_lines(self.out, &laid.lines[self.written..end], self.colour).map_err(io)?;
            self.out.flush().map_err(io)?;
            self.written = end;
        }
        Ok(())
    }
}

/// A yes or no worked out on another thread, waited for when first asked.
enum Lazy {
    /// Still being worked out.
    Running(std::thread::JoinHandle<bool>),
    /// The answer.
    Known(bool),
}

impl Lazy {
    /// The answer, waiting for it the first time (a failed thread answers yes: hold back).
    fn get(&mut self) -> bool {
        if let Self::Running(_) = self {
            let Self::Running(handle) = std::mem::replace(self, Self::Known(true)) else {
                return true;
            };
            *self = Self::Known(handle.join().unwrap_or(true));
        }
        matches!(self, Self::Known(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::show::write_lines;
    use crate::layout;

    /// `show` of `text` as printed whole (before it streamed) and as streamed.
    fn both(text: &str) -> (String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.md");
        std::fs::write(&path, text).unwrap();
        let whole = crate::library::read_article(&path).unwrap();
        let laid = layout::layout(&whole, 60);
        let mut want = Vec::new();
        let last =
            laid.lines.iter().rposition(|l| !l.text().trim().is_empty()).map_or(0, |i| i + 1);
        write_lines(&mut want, &laid.lines[..last], false).unwrap();
        let mut got = Vec::new();
        stream_to(&mut got, &path, 60, false).unwrap();
        (String::from_utf8(want).unwrap(), String::from_utf8(got).unwrap())
    }

    #[test]
    fn a_long_article_streams_the_lines_it_prints_whole_but_the_reading_time() {
        let part = "Some text of a part, long enough to be wrapped at sixty columns or so.\n\n";
        let mut text = String::from("# Long\n\n");
        for i in 0..20_000 {
            text.push_str(if i % 3 == 0 { "## A part\n\n- one\n- two\n\n" } else { part });
        }
        let (want, got) = both(&text);
        let facts = |s: &str| s.lines().nth(1).map(str::to_string);
        assert!(facts(&want).is_some_and(|f| f.contains(" read · ")), "{want:.300}");
        assert!(facts(&got).is_some_and(|f| !f.contains(" read · ")), "{got:.300}");
        let rest = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
        assert_eq!(rest(&got), rest(&want));
    }

    #[test]
    fn a_reference_defined_at_the_end_is_held_back_and_printed_right() {
        let mut text = String::from("# Long\n\nSee [the trial][t].\n\n");
        for _ in 0..40_000 {
            text.push_str("## Part\n\nMore text here.\n\n");
        }
        text.push_str("[t]: https://example.org/t\n");
        let (want, got) = both(&text);
        assert!(got.contains("See the trial (https://example.org/t)."), "{got:.400}");
        let rest = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
        assert_eq!(rest(&got), rest(&want));
    }
}
