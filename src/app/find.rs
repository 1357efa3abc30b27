//! In-article search: the query, its matches over the laid-out lines, and the current match.
//!
//! Matches are (line index, byte range in the line's text), so they are recomputed whenever the
//! article is laid out again; the current match is also remembered as a [`Position`] so a resize
//! lands on the same one.

use super::joined::Joined;
use crate::layout::{Layout, Line, Position};
use std::ops::Range;

/// One match: the laid-out line it starts on and the byte range of the match in that line's
/// text, and the pieces on the next lines when the terminal's width wrapped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the line in the layout.
    pub line: usize,
    /// Byte range in [`Line::text`].
    pub range: Range<usize>,
    /// The rest of a match that wraps: (line, byte range), in order.
    pub more: Vec<(usize, Range<usize>)>,
}

impl Match {
    /// Every (line, byte range) the match covers.
    pub fn pieces(&self) -> impl Iterator<Item = (usize, &Range<usize>)> {
        std::iter::once((self.line, &self.range)).chain(self.more.iter().map(|(l, r)| (*l, r)))
    }
}

/// The search query line and its results.
#[derive(Debug, Clone, Default)]
pub struct FindState {
    /// The query as typed (or, for a search result, its words as shown).
    pub query: String,
    /// A search result's matched words, each found on its own (its query shows them): empty
    /// for a query typed here, which is found as typed.
    pub terms: Vec<String>,
    /// True while the query line is open for typing.
    pub editing: bool,
    /// Every match, in reading order.
    pub matches: Vec<Match>,
    /// Index into `matches` of the current one.
    pub current: Option<usize>,
    /// Where the current match is, to find it again after a relayout.
    pub anchor: Option<Position>,
    /// The reading position (and skip) when `/` was pressed, restored if the search is cancelled.
    pub origin: Option<(Position, usize)>,
    /// The joined text of the layout with this id, kept from keystroke to keystroke.
    joined: Option<(u64, Joined)>,
}

impl FindState {
    /// Recomputes the matches in `layout` and re-finds the current one from its anchor.
    pub fn refresh(&mut self, layout: &Layout) {
        let lines = &layout.lines;
        if self.joined.as_ref().is_none_or(|(id, _)| *id != layout.id) {
            self.joined = Some((layout.id, Joined::build(lines)));
        }
        self.matches = match &self.joined {
            Some((_, joined)) if !self.terms.is_empty() => {
                let mut all: Vec<Match> =
                    self.terms.iter().flat_map(|t| find_in(lines, joined, t)).collect();
                // In reading order; where words overlap ("attack", "attacks"), the first.
                all.sort_by_key(|m| (m.line, m.range.start, std::cmp::Reverse(m.range.end)));
                all.dedup_by(|b, a| a.line == b.line && b.range.start < a.range.end);
                all
            }
            Some((_, joined)) => find_in(lines, joined, &self.query),
            None => Vec::new(),
        };
        self.current = self.anchor.and_then(|anchor| {
            self.matches.iter().position(|m| match_position(lines, m) >= anchor)
        });
        if self.current.is_none() && !self.matches.is_empty() && self.anchor.is_some() {
            self.current = Some(0);
        }
    }

    /// Makes match `index` current and remembers where it is.
    pub fn select(&mut self, lines: &[Line], index: usize) {
        self.current = self.matches.get(index).map(|_| index);
        self.anchor = self.matches.get(index).map(|m| match_position(lines, m));
    }

    /// The first match on or after line `top`, wrapping to the first match.
    pub fn first_from(&self, top: usize) -> Option<usize> {
        let at = self.matches.partition_point(|m| m.line < top);
        if self.matches.is_empty() { None } else { Some(at % self.matches.len()) }
    }

    /// Forgets the query and its matches (the joined text stays for the next query).
    pub fn clear(&mut self) {
        let joined = self.joined.take();
        *self = Self { joined, ..Self::default() };
    }
}

/// The position of a match: its line's position moved on by the bytes of text (decorations
/// left out) before the match.
fn match_position(lines: &[Line], m: &Match) -> Position {
    let Some(line) = lines.get(m.line) else { return Position::default() };
    let before = searchable(line).as_bytes()[..m.range.start].iter().filter(|&&b| b != 0).count();
    Position { section: line.pos.section, offset: line.pos.offset.saturating_add(before as u32) }
}

/// The line's text with decorations masked by NUL bytes (which no query holds), so byte
/// ranges into it are byte ranges into the drawn line.
fn searchable(line: &Line) -> String {
    let mut text = String::new();
    mask_into(line, &mut text);
    text
}

/// [`searchable`] into a buffer the caller reuses from line to line.
fn mask_into(line: &Line, text: &mut String) {
    text.clear();
    for seg in line.segs() {
        if seg.style.kind.is_decoration() {
            text.extend(std::iter::repeat_n('\0', seg.text.len()));
        } else {
            text.push_str(seg.text);
        }
    }
}

/// True when the query should ignore case: it has no uppercase letter (smart case).
pub fn ignores_case(query: &str) -> bool {
    !query.chars().any(char::is_uppercase)
}

/// Finds every non-overlapping occurrence of `query` in the article's text, across the
/// lines a wrap split it over (see [`super::joined`]): the same matches at every width.
#[cfg(test)]
pub fn find(lines: &[Line], query: &str) -> Vec<Match> {
    find_in(lines, &Joined::build(lines), query)
}

/// Every match of `query` (white space as one space) in the lines' joined text.
fn find_in(lines: &[Line], joined: &Joined, query: &str) -> Vec<Match> {
    let query = query.split_whitespace().collect::<Vec<_>>().join(" ");
    if query.is_empty() {
        return Vec::new();
    }
    let fold = ignores_case(&query);
    let mut ranges = Vec::new();
    let found = |range| ranges.push(range);
    if query.is_ascii() {
        // The common case, byte by byte: a 5 MB article is searched within a frame.
        find_ascii(joined.text.as_bytes(), query.as_bytes(), fold, found);
    } else {
        let needle: Vec<char> = query.chars().collect();
        find_chars(&joined.text, &needle, fold, found);
    }
    ranges
        .iter()
        .filter_map(|range| {
            let mut pieces = joined.locate(lines, range).into_iter();
            let (line, range) = pieces.next()?;
            Some(Match { line, range, more: pieces.collect() })
        })
        .collect()
}

/// Every non-overlapping occurrence of `needle` in `hay`, character by character.
fn find_chars(hay: &str, needle: &[char], fold: bool, mut found: impl FnMut(Range<usize>)) {
    let mut from = 0;
    while from < hay.len() {
        match match_len(&hay[from..], needle, fold) {
            Some(len) => {
                found(from..from + len);
                from += len;
            }
            None => from += hay[from..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

/// Every non-overlapping occurrence of an ASCII `needle` in `hay`. An ASCII byte never occurs
/// inside a multi-byte character, so every range found lies on character boundaries; masked
/// decorations (NUL bytes) never match, since a query holds no NUL.
fn find_ascii(hay: &[u8], needle: &[u8], fold: bool, mut found: impl FnMut(Range<usize>)) {
    if needle.contains(&0) {
        return;
    }
    let same = |a: u8, b: u8| if fold { a.to_ascii_lowercase() == b } else { a == b };
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()].iter().zip(needle).all(|(&a, &b)| same(a, b)) {
            found(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
}

/// The byte length of `needle` matched at the start of `hay`, comparing char by char so byte
/// ranges stay exact even where lowercasing would change a character's length.
fn match_len(hay: &str, needle: &[char], fold: bool) -> Option<usize> {
    let mut len = 0;
    let mut chars = hay.chars();
    for &want in needle {
        let got = chars.next()?;
        let same = if fold { got.to_lowercase().eq(want.to_lowercase()) } else { got == want };
        if !same {
            return None;
        }
        len += got.len_utf8();
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Kind, Seg, Style};

    fn line(text: &str) -> Line {
        Line::new(&[Seg { text: text.into(), style: Style::default() }], Position::default(), None)
    }

    #[test]
    fn decorations_and_the_progress_placeholder_are_not_matched() {
        let seg =
            |text: &str, kind| Seg { text: text.into(), style: Style { kind, ..Style::default() } };
        let lines = [
            Line::new(&[seg("0% read", Kind::Progress)], Position::default(), None),
            Line::new(
                &[seg("│ ", Kind::QuoteBar), seg("read on", Kind::Text)],
                Position::default(),
                None,
            ),
        ];
        let found = find(&lines, "read");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 1);
        assert_eq!(&lines[1].text()[found[0].range.clone()], "read");
        assert!(find(&lines, "│").is_empty());
    }

    #[test]
    fn the_ascii_path_finds_what_the_character_path_finds() {
        let hays = ["Café NMDA – nmda 日本 NmDa", "nnmda\0nmda", "ünï nmdanmda", "", "nmd"];
        for hay in hays {
            for (query, fold) in [("nmda", true), ("NmDa", false), ("a", true)] {
                let (mut bytes, mut chars) = (Vec::new(), Vec::new());
                if query.is_ascii() {
                    find_ascii(hay.as_bytes(), query.as_bytes(), fold, |r| bytes.push(r));
                    let needle: Vec<char> = query.chars().collect();
                    find_chars(hay, &needle, fold, |r| chars.push(r));
                    assert_eq!(bytes, chars, "{query:?} in {hay:?}");
                }
            }
        }
    }

    #[test]
    fn smart_case() {
        let lines = [line("NMDA receptors; nmda and Nmda")];
        assert_eq!(find(&lines, "nmda").len(), 3);
        assert_eq!(find(&lines, "Nmda").len(), 1);
        assert_eq!(find(&lines, "Nmda")[0].range, 25..29);
    }

    #[test]
    fn byte_ranges_survive_non_ascii() {
        let lines = [line("Ünïcode ünïcode")];
        let found = find(&lines, "ünï");
        assert_eq!(found.len(), 2);
        assert_eq!(&lines[0].text()[found[1].range.clone()], "ünï");
    }
}

#[cfg(test)]
mod width_tests {
    use super::find;
    use crate::layout::{Line, layout};

    /// The text a match covers, its pieces joined with a space where it wrapped.
    fn covered(lines: &[Line], m: &super::Match) -> String {
        let texts: Vec<String> =
            m.pieces().map(|(l, r)| lines[l].text()[r.clone()].to_string()).collect();
        texts.join(" ")
    }

    #[test]
    fn a_phrase_a_wrap_breaks_is_found_at_every_width_and_covers_its_words() {
        let article = crate::app::fixtures::sample();
        let mut wrapped_somewhere = false;
        for width in 20..=120 {
            let lines = layout(&article, width).lines;
            let found = find(&lines, "emergency care");
            // LEAD holds the phrase once, and the sample has LEAD in four sections.
            assert_eq!(found.len(), 4, "at width {width}");
            for m in &found {
                assert_eq!(covered(&lines, m).to_lowercase(), "emergency care", "at width {width}");
                wrapped_somewhere |= !m.more.is_empty();
            }
        }
        assert!(wrapped_somewhere, "some width splits the phrase over two lines");
    }

    #[test]
    fn match_counts_do_not_change_with_the_width() {
        let library = crate::library::bundled();
        for article in &library.articles {
            for query in
                ["ketamine", "side effects", "nmda receptor", "depression, anxiety", "the brain"]
            {
                let counts: Vec<usize> = [30, 57, 80, 120]
                    .iter()
                    .map(|&w| find(&layout(article, w).lines, query).len())
                    .collect();
                assert!(
                    counts.windows(2).all(|p| p[0] == p[1]),
                    "{query:?} in {}: {counts:?}",
                    article.meta.title
                );
            }
        }
    }

    #[test]
    fn the_current_match_sits_on_its_words_after_a_resize() {
        use crate::action::Action;
        use crate::app::fixtures::{app, press, type_keys};
        let mut app = app(80, 24);
        type_keys(&mut app, "/emergency care");
        press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
        type_keys(&mut app, "n");
        for (width, height) in [(33, 24), (120, 40), (47, 10), (80, 24)] {
            app.update(Action::Resize(width, height));
            let reader = app.reader.as_ref().expect("open");
            let current = app.find.current.and_then(|i| app.find.matches.get(i)).expect("a match");
            assert_eq!(app.find.current, Some(1), "the same match at {width}");
            let text = covered(&reader.layout.lines, current).to_lowercase();
            assert_eq!(text, "emergency care", "at {width}x{height}");
        }
    }
}
