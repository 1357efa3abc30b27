//! Opening an article of any size: its first screens read and parsed at once, the rest on a
//! thread of its own that hands back sections as it parses them (see
//! [`crate::article::stream`]), so the reader draws and takes keys from the start.

use super::{OpenError, Skipped, Why};
use crate::article::stream::{self, Finish, Stream};
use crate::article::{self, Article, Format, Origin, Section};
use std::fs::File;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel, sync_channel};

/// Bytes of whole sections read before the first frame: a few screens of any ordinary text.
pub const HEAD_BYTES: u64 = 24 * 1024;

/// Batches of sections sent but not yet taken in, at most: the reading waits for the reader
/// beyond that, so parsed text does not pile up in memory while the reader lays it out.
const IN_FLIGHT: usize = 1;

/// What the thread reading the rest of an article sends.
#[derive(Debug)]
pub enum Loaded {
    /// More sections, in order.
    Sections {
        /// The sections.
        sections: Vec<Section>,
        /// Bytes of the file read so far.
        read: u64,
        /// The first section a reference still unresolved was met in (see
        /// [`Stream::unsettled_from`]).
        unsettled: Option<usize>,
    },
    /// The whole file is read.
    Done(Box<Finish>),
    /// Reading failed part way (the file went away, a disk error).
    Failed(String),
}

/// An opened article: the part read so far, and the reading of the rest if there is more.
#[derive(Debug)]
pub struct Opened {
    /// The article as far as it is read (all of it when `rest` is `None`).
    pub article: Article,
    /// The rest, not yet read.
    pub rest: Option<Rest>,
}

/// The part of an article still to read.
#[derive(Debug)]
pub struct Rest {
    stream: Stream<File>,
    /// The file's size in bytes.
    pub size: u64,
}

impl Rest {
    /// The rest of `stream`, a file of `size` bytes.
    pub fn new(stream: Stream<File>, size: u64) -> Self {
        Self { stream, size }
    }

    /// Reads the rest on its own thread, calling `wake` after every report.
    pub fn spawn(self, wake: impl Fn() + Send + 'static) -> Receiver<Loaded> {
        let (tx, rx) = sync_channel(IN_FLIGHT);
        let Rest { mut stream, .. } = self;
        let spawned = std::thread::Builder::new().name("salve-load".into()).spawn(move || {
            let send = |loaded| {
                let sent = tx.send(loaded).is_ok();
                wake();
                sent
            };
            loop {
                match stream.next_sections() {
                    Ok(Some(sections)) => {
                        let read = stream.parsed_bytes();
                        let unsettled = stream.unsettled_from();
                        if !send(Loaded::Sections { sections, read, unsettled }) {
                            return;
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        send(Loaded::Failed(format!("reading stopped part way: {e}")));
                        return;
                    }
                }
            }
            match stream.finish() {
                Ok(finish) => send(Loaded::Done(Box::new(finish))),
                Err(e) => send(Loaded::Failed(format!("reading stopped part way: {e}"))),
            };
        });
        if spawned.is_err() {
            let (tx, rx) = channel();
            let _ = tx.send(Loaded::Failed("could not start reading the rest".into()));
            return rx;
        }
        rx
    }
}

/// Opens the article at `origin`: a bundled one whole, a file as far as `head` bytes of whole
/// sections (all of it if that is all there is). The error is a one-line note naming the file.
pub fn open(origin: &Origin, head: u64) -> Result<Opened, OpenError> {
    match origin {
        Origin::Bundled(_) => Ok(Opened { article: super::open(origin)?, rest: None }),
        Origin::File(path) => Ok(open_file(path, head)?),
    }
}

/// [`open`] for a file.
pub fn open_file(path: &Path, head: u64) -> Result<Opened, Skipped> {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if Format::for_name(&name) == Format::Html {
        // A page's article is found in the whole page: read it whole.
        return Ok(Opened { article: super::read_article(path)?, rest: None });
    }
    let (mut stream, size) = start(path)?;
    let mut sections = Vec::new();
    while stream.parsed_bytes() < head && !stream.read_through() {
        match stream.next_sections() {
            Ok(Some(mut more)) => sections.append(&mut more),
            Ok(None) => break,
            Err(e) => return Err(Skipped::new(path, Why::Io(e))),
        }
    }
    if !stream.read_through() {
        let article = stream.article(sections, false);
        return Ok(Opened { article, rest: Some(Rest { stream, size }) });
    }
    let mut article = stream.article(Vec::new(), true);
    let finish = stream.finish().map_err(|e| Skipped::new(path, Why::Io(e)))?;
    for fix in finish.fixes {
        stream::apply(&mut sections, fix);
    }
    article.sections = sections;
    article.key = finish.key;
    article.meta = finish.meta;
    article.problems = finish.problems;
    Ok(Opened { article, rest: None })
}

/// A stream over the file at `path` and its size; binary files (a NUL byte in the first
/// 64 KiB) and what is not a regular file are refused.
pub fn start(path: &Path) -> Result<(Stream<File>, u64), Skipped> {
    let fail = |why| Skipped::new(path, why);
    let meta = super::regular_file(path).map_err(fail)?;
    let mut file = File::open(path).map_err(|e| fail(Why::Io(e)))?;
    let mut first = Vec::with_capacity(64 * 1024);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, 64 * 1024), &mut first)
        .map_err(|e| fail(Why::Io(e)))?;
    if first.contains(&0) {
        return Err(fail(Why::Binary));
    }
    std::io::Seek::rewind(&mut file).map_err(|e| fail(Why::Io(e)))?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let format = Format::for_name(&name);
    let stream = Stream::new(file, &name, Origin::File(path.to_path_buf()), format)
        .loaded_on(article::Date::today());
    Ok((stream, meta.len()))
}

/// True when the file at `path` may define a reference or a footnote (a line starting, after
/// up to three spaces, with `[label]:`): only then can a section printed early change once the
/// whole file is read. A quick pass over the bytes, far faster than parsing them.
pub fn may_define_references(path: &Path) -> std::io::Result<bool> {
    let mut file = File::open(path)?;
    let mut buf = vec![0; 1 << 20];
    // The end of the previous block's last line, so a line cut by a block boundary is seen.
    let mut line = Vec::new();
    loop {
        let n = std::io::Read::read(&mut file, &mut buf)?;
        if n == 0 {
            return Ok(defines(&line));
        }
        let mut from = 0;
        for at in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i) {
            line.extend_from_slice(&buf[from..at]);
            if defines(&line) {
                return Ok(true);
            }
            line.clear();
            from = at + 1;
        }
        line.extend_from_slice(&buf[from..n]);
    }
}

/// True for a line that looks like a reference or footnote definition.
fn defines(line: &[u8]) -> bool {
    let indent = line.iter().take(4).take_while(|&&b| b == b' ').count();
    if indent > 3 || line.get(indent) != Some(&b'[') {
        return false;
    }
    line.windows(2).any(|w| w == b"]:")
}

/// Reads a whole article file in pieces (never holding all of its text); the error is a
/// one-line note naming the file.
pub fn read_whole(path: &Path) -> Result<Article, Skipped> {
    let (stream, _) = start(path)?;
    article::stream::read_whole(stream).map_err(|e| Skipped::new(path, Why::Io(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_article_reviewed_long_ago_is_marked_as_possibly_out_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.md");
        let text = "---\ntitle: Old advice\nreviewed: 2015-01-01\n---\n\nDrink water.\n";
        std::fs::write(&path, text).unwrap();
        let card = |article: &Article| {
            let laid = crate::layout::layout(article, 80);
            laid.lines[..laid.card].iter().map(crate::layout::Line::text).collect::<Vec<_>>()
        };
        let mark = crate::layout::card::stale_mark();
        // Opened in the reader (first screens, then the rest) and read whole (salve show).
        let opened = open_file(&path, HEAD_BYTES).unwrap();
        let shown = card(&opened.article);
        assert!(shown.iter().any(|l| l.contains(&mark)), "{shown:?}");
        let whole = card(&read_whole(&path).unwrap());
        assert!(whole.iter().any(|l| l.contains(&mark)), "{whole:?}");
    }

    #[test]
    fn a_long_file_opens_with_its_first_sections_and_the_rest_arrives_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.md");
        let mut body = String::new();
        for i in 0..2000 {
            let _ = std::fmt::Write::write_fmt(
                &mut body,
                format_args!("## Part {i}\n\nText of part {i}.\n\n"),
            );
        }
        std::fs::write(&path, format!("# Long\n\nSee [the end][end].\n\n{body}[end]: /end\n"))
            .unwrap();
        let opened = open_file(&path, 1024).unwrap();
        assert!(opened.article.key.is_stand_in());
        let head = opened.article.sections.len();
        assert!(head > 1 && head < 2001, "{head} sections read first");
        let reports = opened.rest.unwrap().spawn(|| {});
        let mut sections = opened.article.sections;
        let mut finish = None;
        for loaded in reports {
            match loaded {
                Loaded::Sections { sections: mut more, .. } => sections.append(&mut more),
                Loaded::Done(done) => finish = Some(done),
                Loaded::Failed(why) => panic!("{why}"),
            }
        }
        let finish = finish.unwrap();
        for fix in finish.fixes {
            stream::apply(&mut sections, fix);
        }
        let whole = read_whole(&path).unwrap();
        assert_eq!(sections, whole.sections);
        assert_eq!(finish.key, whole.key);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_where_an_article_was_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        let opening = path.clone();
        std::thread::spawn(move || {
            let _ = tx.send(open_file(&opening, HEAD_BYTES).map(|_| ()));
        });
        // Opening a FIFO blocks until a writer comes: a refusal arrives at once, a wait never.
        let refused = rx.recv_timeout(std::time::Duration::from_secs(10));
        let why = refused.expect("answered without waiting").expect_err("refused");
        assert!(matches!(why.why, Why::NotRegular("a FIFO")), "{why}");
        assert!(why.to_string().contains("not a regular file (a FIFO)"), "{why}");
    }

    #[test]
    fn a_file_that_defines_no_reference_is_told_apart_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "# A\n\nSee [1] and [x](/y): fine.\n    [code]: not a definition\n")
            .unwrap();
        assert!(!may_define_references(&path).unwrap());
        std::fs::write(&path, "# A\n\nSee [1].\n\n   [1]: https://example.org").unwrap();
        assert!(may_define_references(&path).unwrap());
        std::fs::write(&path, "# A\n\nA note[^n].\n\n[^n]: The note.\n").unwrap();
        assert!(may_define_references(&path).unwrap());
    }
}
