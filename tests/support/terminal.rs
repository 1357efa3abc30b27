//! The emulated terminal the pty's output goes into: a `vt100` screen, every raw byte, the
//! requests that leave no mark on the screen (window title, clipboard), and answers to the
//! queries a real terminal answers, so crossterm does not sit out its timeouts.

use std::num::NonZeroU16;

/// Queries the application may send and the answers a terminal gives; the cursor report is
/// filled in from the parsed screen.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const DEVICE_QUERIES: [&[u8]; 2] = [b"\x1b[c", b"\x1b[0c"];
const DEVICE_ANSWER: &[u8] = b"\x1b[?62;22c";
/// The background colour query (OSC 11), answered as a white background.
const BACKGROUND_QUERY: &[u8] = b"\x1b]11;?\x1b\\";
const BACKGROUND_ANSWER: &[u8] = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\";

/// vt100 draws nothing for U+FFFD, taking it for a decoding error, but salve prints it on
/// purpose (it stands in for C1 controls). The parser is fed this private-use character
/// instead, and [`super::Pty::screen`] turns it back, so tests see what a real terminal shows.
pub const REPLACEMENT_STAND_IN: char = '\u{e000}';
const REPLACEMENT_UTF8: &[u8] = "\u{fffd}".as_bytes();

/// Things the application asked the terminal to do that leave no mark on the screen.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    pub(super) titles: Vec<String>,
    pub(super) clipboard: Vec<String>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(String::from_utf8_lossy(title).into_owned());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(String::from_utf8_lossy(data).into_owned());
    }
}

/// The terminal as the reader thread leaves it: parsed screen plus every raw byte.
pub(super) struct Term {
    pub(super) parser: vt100::Parser<Recorder>,
    pub(super) raw: Vec<u8>,
    /// How much of `raw` the parser has seen.
    parsed: usize,
    /// The end of the last query answered.
    answered: usize,
}

impl Term {
    /// An empty screen of `cols` x `rows`.
    pub(super) fn new(cols: u16, rows: u16) -> Self {
        Self {
            parser: vt100::Parser::new_with_callbacks(
                nonzero(rows),
                nonzero(cols),
                0,
                Recorder::default(),
            ),
            raw: Vec::new(),
            parsed: 0,
            answered: 0,
        }
    }

    /// Resizes the screen.
    pub(super) fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// Adds output, parsing it up to each query so the cursor report is the position at the time
    /// of the query. Returns the answers to send back.
    pub(super) fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        // Look back as far as a query is long, less a byte: a query may be split across two
        // reads. Never before the end of the last one answered: each is answered once.
        let longest =
            [CURSOR_QUERY, BACKGROUND_QUERY].into_iter().chain(DEVICE_QUERIES).map(<[u8]>::len);
        let back = longest.max().unwrap_or(1) - 1;
        let from = self.raw.len().saturating_sub(back).max(self.answered);
        self.raw.extend_from_slice(chunk);
        let mut answers = Vec::new();
        let mut at = from;
        while let Some((end, query)) = next_query(&self.raw, at) {
            self.parse_to(end);
            if query == CURSOR_QUERY {
                let (row, col) = self.parser.screen().cursor_position();
                answers.extend(format!("\x1b[{};{}R", row + 1, col + 1).bytes());
            } else if query == BACKGROUND_QUERY {
                answers.extend_from_slice(BACKGROUND_ANSWER);
            } else {
                answers.extend_from_slice(DEVICE_ANSWER);
            }
            at = end;
            self.answered = end;
        }
        self.parse_to(self.raw.len());
        answers
    }

    /// Feeds the parser the raw output up to `end`, with U+FFFD swapped for its stand-in. The
    /// start of a U+FFFD cut off by the end of a read waits for the next read.
    fn parse_to(&mut self, end: usize) {
        if end <= self.parsed {
            return;
        }
        let mut bytes = &self.raw[self.parsed..end];
        let partial = (1..REPLACEMENT_UTF8.len())
            .rev()
            .find(|&n| bytes.ends_with(&REPLACEMENT_UTF8[..n]))
            .unwrap_or(0);
        bytes = &bytes[..bytes.len() - partial];
        let mut stand_in = [0; 4];
        let stand_in = REPLACEMENT_STAND_IN.encode_utf8(&mut stand_in).as_bytes();
        while let Some(i) = find(bytes, REPLACEMENT_UTF8) {
            self.parser.process(&bytes[..i]);
            self.parser.process(stand_in);
            bytes = &bytes[i + REPLACEMENT_UTF8.len()..];
        }
        self.parser.process(bytes);
        self.parsed = end - partial;
    }

    pub(super) fn screen_text(&self) -> String {
        let screen = self.parser.screen();
        let (_, cols) = screen.size();
        let text = screen.rows(0, cols.get()).collect::<Vec<_>>().join("\n");
        text.replace(REPLACEMENT_STAND_IN, "\u{fffd}")
    }
}

/// The first query ending after `from`: its end offset and which one.
fn next_query(raw: &[u8], from: usize) -> Option<(usize, &'static [u8])> {
    std::iter::once(CURSOR_QUERY)
        .chain([BACKGROUND_QUERY])
        .chain(DEVICE_QUERIES)
        .filter_map(|q| find(&raw[from..], q).map(|i| (from + i + q.len(), q)))
        .min_by_key(|(end, _)| *end)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}
