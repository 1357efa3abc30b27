//! An article read in pieces: sections handed out as the text is read and parsed, so the first
//! screens of a file of any size can be drawn while the rest is still being read.
//!
//! Markdown is read in windows of a few hundred KiB. Each window is parsed by pulldown-cmark,
//! and only its complete top-level blocks are taken: the last block may go on past the window,
//! so the next window starts where it starts. At a top-level block's start every container and
//! leaf block before it is closed, so parsing from there gives the blocks parsing the whole
//! file would; one walker goes on across windows, so a section may span many.
//!
//! What looks ahead across windows is put right at the end ([`Stream::finish`]): a reference
//! link whose definition comes in a later window, and a footnote reference whose definition
//! does, are read again with every definition known, and handed back as [`Fix`]es of whole
//! sections. Plain text is parsed whole (its rules look at the whole text).

use super::markdown::Walker;
use super::{Anchors, Article, Fingerprint, Format, Meta, Origin, Section, slugify};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;

mod fix;
mod window;

use window::{normalize, source_len, window};

/// The first window: small, so the first screens need only their own text.
const FIRST_WINDOW: usize = 32 * 1024;

/// The windows after it.
const WINDOW: usize = 64 * 1024;

/// Sections that were replaced after the whole text was read (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// Index of the first section replaced; as many follow as there are in `sections`.
    pub at: usize,
    /// The sections as the whole text reads them.
    pub sections: Vec<Section>,
}

/// What is known once the whole text is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Finish {
    /// Sections read again (see [`Fix`]), in order.
    pub fixes: Vec<Fix>,
    /// The metadata, title included (a first `# Title` may come late).
    pub meta: Meta,
    /// The article's identity.
    pub key: super::Key,
    /// Problems found reading it.
    pub problems: Vec<String>,
}

/// A window whose reference links or footnote references were not all found in it.
#[derive(Debug)]
struct Suspect {
    /// The sections it touched.
    sections: Range<usize>,
    /// Labels of references no definition was known for, normalized.
    links: Vec<String>,
    /// Footnote labels written as `[^label]` that were not read as references, lowercased.
    problems: Vec<String>,
}

/// An article being read from `R`.
#[derive(Debug)]
pub struct Stream<R> {
    source: R,
    name: String,
    origin: Origin,
    format: Format,
    /// Bytes read but not yet parsed; `buf[0]` is at byte `at` of the source.
    buf: Vec<u8>,
    at: u64,
    eof: bool,
    window: usize,
    rest_window: usize,
    walker: Walker,
    /// Sections handed out so far.
    taken: usize,
    /// Where each section handed out starts in the source.
    starts: Vec<u64>,
    /// Reference definitions met so far: normalized label to (destination, title).
    links: HashMap<String, (String, String)>,
    /// Footnote labels defined so far, lowercased.
    footnotes: HashSet<String>,
    suspects: Vec<Suspect>,
    /// Byte offsets are those of the source (false once invalid UTF-8 was replaced).
    exact: bool,
    hash: Fingerprint,
    anchors: Anchors,
    first_h1: Option<String>,
    problems: Vec<String>,
    done: bool,
    /// The day the source was read, for the card to judge a dated article's age by.
    loaded_on: Option<super::Date>,
}

impl<R: Read + Seek> Stream<R> {
    /// A stream over `source`, the text of the file `name`.
    pub fn new(source: R, name: &str, origin: Origin, format: Format) -> Self {
        Self {
            source,
            name: name.to_string(),
            origin,
            format,
            buf: Vec::new(),
            at: 0,
            eof: false,
            window: FIRST_WINDOW,
            rest_window: WINDOW,
            walker: Walker::new(),
            taken: 0,
            starts: Vec::new(),
            links: HashMap::new(),
            footnotes: HashSet::new(),
            suspects: Vec::new(),
            exact: true,
            hash: Fingerprint::default(),
            anchors: Anchors::default(),
            first_h1: None,
            problems: Vec::new(),
            done: false,
            loaded_on: None,
        }
    }

    /// Says the source is read on `day` (the loader's clock; the article model reads none),
    /// so every meta it gives carries it.
    #[must_use]
    pub fn loaded_on(mut self, day: super::Date) -> Self {
        self.loaded_on = Some(day);
        self
    }

    /// Window sizes other than the defaults (tests use tiny ones to cut the text often).
    #[must_use]
    pub fn windows(mut self, first: usize, rest: usize) -> Self {
        self.window = first.max(1);
        self.rest_window = rest.max(1);
        self
    }

    /// The first section a reference or footnote not yet defined was met in: that section and
    /// those after it may change once the whole text is read (see [`Fix`]).
    pub fn unsettled_from(&self) -> Option<usize> {
        self.suspects.first().map(|s| s.sections.start)
    }

    /// True once the whole text is read (the last sections may not be taken yet).
    pub fn read_through(&self) -> bool {
        self.done
    }

    /// Bytes of the source read and parsed so far.
    pub fn parsed_bytes(&self) -> u64 {
        self.at
    }

    /// The sections completed by reading on (at least one), with their anchors; `None` once
    /// every section has been handed out.
    pub fn next_sections(&mut self) -> io::Result<Option<Vec<Section>>> {
        while !self.done {
            self.fill()?;
            if self.format == Format::PlainText {
                self.plain_text()?;
            } else {
                self.markdown_window();
            }
            if !self.walker.sections.is_empty() {
                let mut sections = std::mem::take(&mut self.walker.sections);
                self.starts.append(&mut self.walker.starts);
                self.anchors.assign(&mut sections);
                if self.first_h1.is_none() {
                    self.first_h1 = sections.iter().find(|s| s.level == 1).map(|s| s.title.clone());
                }
                self.taken += sections.len();
                return Ok(Some(sections));
            }
        }
        Ok(None)
    }

    /// The metadata as far as it is known: front matter and the first `# Title` so far.
    pub fn meta(&self) -> Meta {
        let mut problems = Vec::new();
        let front = super::front_matter(self.walker.front_matter(), &mut problems);
        self.meta_of(&front, &mut problems)
    }

    /// The metadata `front` and the first `# Title` give, dated with the day it was read.
    fn meta_of(&self, front: &super::frontmatter::FrontMatter, problems: &mut Vec<String>) -> Meta {
        let mut meta = super::meta_of(front, self.first_h1.as_deref(), &self.name, None, problems);
        meta.loaded_on = self.loaded_on;
        meta
    }

    /// The article read so far, holding `sections`: its key is a stand-in
    /// ([`super::Key::stand_in`]) unless the front matter gives one or `complete`.
    pub fn article(&self, sections: Vec<Section>, complete: bool) -> Article {
        let mut problems = self.problems.clone();
        let front = super::front_matter(self.walker.front_matter(), &mut problems);
        let meta = self.meta_of(&front, &mut problems);
        let has_id = front.id.as_deref().is_some_and(|id| !id.trim().is_empty());
        let key = if complete || has_id {
            super::Key::new(super::identity_of(front.id.as_deref(), &meta.title, || {
                self.hash.value()
            }))
        } else {
            super::Key::stand_in(&self.name)
        };
        let id = slugify(super::file_stem(&self.name));
        Article { id, key, meta, origin: self.origin.clone(), sections, problems }
    }

    /// Puts right what needed the whole text (see [`Fix`]), once every section has been taken
    /// ([`Self::next_sections`] said `None`, or [`Self::read_through`]); sections not yet taken
    /// are read and left out.
    pub fn finish(mut self) -> io::Result<Finish> {
        while self.next_sections()?.is_some() {}
        let fixes = if self.exact { fix::fixes(&mut self)? } else { Vec::new() };
        let mut problems = self.problems.clone();
        let front = super::front_matter(self.walker.front_matter(), &mut problems);
        let meta = self.meta_of(&front, &mut problems);
        let key = super::Key::new(super::identity_of(front.id.as_deref(), &meta.title, || {
            self.hash.value()
        }));
        Ok(Finish { fixes, meta, key, problems })
    }

    /// Reads until the buffer holds a window, or the source ends.
    fn fill(&mut self) -> io::Result<()> {
        if self.eof || self.buf.len() >= self.window {
            return Ok(());
        }
        let want = (self.window - self.buf.len()) as u64;
        // Room made first, so the read is one system call rather than a series of growing ones.
        self.buf.reserve(usize::try_from(want).unwrap_or(0).min(1 << 30));
        let read = (&mut self.source).take(want).read_to_end(&mut self.buf)?;
        if (read as u64) < want {
            self.eof = true;
        }
        Ok(())
    }

    /// The buffer's first `len` bytes as text, a BOM at the very start left out (as
    /// [`super::parse_str`] does): (text, bytes skipped).
    fn text(&mut self, len: usize) -> (Cow<'_, str>, usize) {
        let bom = usize::from(self.at == 0 && self.buf.starts_with("\u{feff}".as_bytes())) * 3;
        let bytes = &self.buf[bom..len];
        let text = if let Ok(text) = std::str::from_utf8(bytes) {
            Cow::Borrowed(text)
        } else {
            if self.exact {
                self.problems.insert(0, "invalid UTF-8 replaced with \u{fffd}".into());
            }
            self.exact = false;
            String::from_utf8_lossy(bytes)
        };
        (text, bom)
    }

    /// Plain text: all of it, parsed whole.
    fn plain_text(&mut self) -> io::Result<()> {
        self.window = usize::MAX;
        self.fill()?;
        let (text, _) = self.text(self.buf.len());
        let text = text.into_owned();
        self.hash.update(text.as_bytes());
        let body = super::plaintext::parse(&text);
        self.walker.starts = vec![0; body.sections.len()];
        self.walker.sections = body.sections;
        self.at += self.buf.len() as u64;
        self.buf = Vec::new();
        self.done = true;
        Ok(())
    }

    /// Parses one window of Markdown and takes its complete top-level blocks; with none
    /// complete, the next window is twice as large.
    fn markdown_window(&mut self) {
        let last = self.eof;
        let cut = if last {
            self.buf.len()
        } else if let Some(i) = self.buf.iter().rposition(|&b| b == b'\n') {
            i + 1
        } else {
            self.window = self.window.saturating_mul(2);
            return;
        };
        let at = self.at;
        let first_section = self.taken + self.walker.open_section();
        let mut links = Vec::new();
        let mut problems = Vec::new();
        let (text, bom) = {
            let (text, bom) = self.text(cut);
            (text.into_owned(), bom)
        };
        let Self { walker, links: known, .. } = self;
        let taken = window(walker, known, &text, at + bom as u64, last, &mut links, &mut problems);
        let Some(taken) = taken else {
            self.window = self.window.saturating_mul(2);
            return;
        };
        self.footnotes.extend(self.walker.footnotes.drain(..));
        if !links.is_empty() || !problems.is_empty() {
            let last_section = self.taken + self.walker.open_section();
            self.suspects.push(Suspect {
                sections: first_section..last_section + 1,
                links,
                problems,
            });
        }
        self.hash.update(&text.as_bytes()[..taken]);
        let consumed =
            if last { self.buf.len() } else { bom + source_len(&self.buf[bom..cut], &text, taken) };
        self.buf.drain(..consumed);
        self.at += consumed as u64;
        self.window = self.rest_window;
        if last {
            self.walker.end_of_input();
            self.done = true;
        }
    }
}

/// Reads a whole article from `source` in pieces, fixes applied: what [`super::parse_str`]
/// gives for the same text, without ever holding the whole text.
pub fn read_whole<R: Read + Seek>(mut stream: Stream<R>) -> io::Result<Article> {
    let mut sections = Vec::new();
    while let Some(mut more) = stream.next_sections()? {
        sections.append(&mut more);
    }
    let origin = stream.origin.clone();
    let id = slugify(super::file_stem(&stream.name));
    let finish = stream.finish()?;
    for fix in finish.fixes {
        apply(&mut sections, fix);
    }
    Ok(Article {
        id,
        key: finish.key,
        meta: finish.meta,
        origin,
        sections,
        problems: finish.problems,
    })
}

/// Replaces the sections a fix covers, keeping their anchors (a place saved under one stays).
pub fn apply(sections: &mut [Section], fix: Fix) {
    for (i, mut section) in fix.sections.into_iter().enumerate() {
        if let Some(old) = sections.get_mut(fix.at + i) {
            section.anchor = std::mem::take(&mut old.anchor);
            *old = section;
        }
    }
}

/// Seeks `source` to `range` and reads it.
fn read_range<R: Read + Seek>(source: &mut R, range: Range<u64>) -> io::Result<Vec<u8>> {
    source.seek(SeekFrom::Start(range.start))?;
    let mut bytes = Vec::new();
    source.take(range.end - range.start).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests;
