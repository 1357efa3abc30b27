//! The reader's state: which article, its layout for the current column width, and where the
//! reader is in it.
//!
//! The reading position is a [`Position`] (section, byte offset), never a screen line, so a
//! resize re-finds the same text. Several lines can start at the same position (a heading and
//! the blank line under it), so `skip` counts lines into that run; it is zero almost always.

use crate::article::Article;
use crate::layout::{self, Layout, Position};

/// How many screens of lines a first, partial layout holds.
const FIRST_SCREENS: usize = 2;

/// Where the reader is in one article, and the article's layout for the current width.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Index of the article's entry in the library.
    pub entry: usize,
    /// The article, parsed.
    pub article: Article,
    /// The article laid out for the current column width (width 0 until the first resize).
    pub layout: Layout,
    /// The reading position of the top line.
    pub pos: Position,
    /// Lines to skip past the first line at `pos` (runs of lines sharing one position).
    pub skip: usize,
    /// Lines of text the view shows.
    pub height: usize,
    /// A section jumped to whose heading could not reach the top (it starts inside the last
    /// screenful): the one being read while the view stays at the end.
    pub pinned: Option<usize>,
    /// While the rest of the article is still being read: how far.
    pub loading: Option<Loading>,
    /// True for an article large enough to keep only its layout: the blocks of its sections
    /// are let go once laid out, and laying it out again means reading it again.
    pub light: bool,
    /// Sections from the start whose blocks were let go.
    pub dropped: usize,
    /// A large article read again (for a new width) goes back to this place once it is read.
    pub seek: Option<super::Place>,
    /// The selected link, if any (drawn highlighted while on screen).
    pub link: Option<super::LinkAt>,
}

/// How far the reading of an article's rest has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    /// Bytes of the file read and parsed.
    pub read: u64,
    /// The file's size in bytes.
    pub size: u64,
}

impl Loading {
    /// Percent read, 0..=99 (100 is for done, which is no longer loading).
    pub fn percent(self) -> u64 {
        (self.read.saturating_mul(100) / self.size.max(1)).min(99)
    }
}

impl ReaderState {
    /// Moves through the article for a movement key (a page is the text column's height);
    /// false for any other key.
    pub(super) fn update(&mut self, action: crate::action::Action) -> bool {
        use crate::action::Action;
        let page = self.height.max(1).cast_signed();
        match action {
            Action::LineDown => self.scroll(1),
            Action::LineUp => self.scroll(-1),
            Action::HalfPageDown => self.scroll((page / 2).max(1)),
            Action::HalfPageUp => self.scroll(-(page / 2).max(1)),
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::ScrollBy(n) => self.scroll(n as isize),
            Action::Top => self.set_top(0),
            Action::Bottom => self.set_top(usize::MAX),
            Action::NextSection => self.next_section(|_| true),
            Action::PrevSection => self.prev_section(|_| true),
            Action::NextTopSection | Action::PrevTopSection => {
                let top = super::top_level(&self.article);
                let levels: Vec<u8> = self.article.sections.iter().map(|s| s.level).collect();
                let wanted = |s: usize| levels.get(s) == Some(&top);
                if action == Action::NextTopSection {
                    self.next_section(wanted);
                } else {
                    self.prev_section(wanted);
                }
            }
            _ => return false,
        }
        true
    }

    /// A reader at the start of `article` (library entry `entry`), not yet laid out.
    pub fn new(entry: usize, article: Article) -> Self {
        Self {
            entry,
            article,
            layout: Layout::default(),
            pos: Position::default(),
            skip: 0,
            height: 1,
            pinned: None,
            loading: None,
            light: false,
            dropped: 0,
            seek: None,
            link: None,
        }
    }

    /// Lays the article out again if the column width changed (the position is kept), or
    /// lays out the sections not yet laid out.
    pub fn relayout(&mut self, width: u16) -> bool {
        if self.layout.width == width && self.layout.complete {
            return false;
        }
        if self.layout.width == width && !self.layout.lines.is_empty() {
            layout::extend(&mut self.layout, &self.article);
            return true;
        }
        self.layout = if self.layout.lines.is_empty() {
            // Opening: lay out a few screens now so the first frame comes at once; the rest
            // follows before any input is handled (`App::update`, `Action::FinishLayout`).
            layout::layout_head(&self.article, width, FIRST_SCREENS * self.height.max(1))
        } else {
            layout::layout(&self.article, width)
        };
        if self.loading.is_some() {
            layout::recard(&mut self.layout, &self.article, None);
        }
        true
    }

    /// The furthest the top line may go: the last screenful ends on the last line.
    pub fn max_top(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.height.max(1))
    }

    /// Index of the line shown at the top.
    pub fn top(&self) -> usize {
        (self.layout.line_at(self.pos) + self.skip).min(self.max_top())
    }

    /// Puts line `line` (clamped) at the top and records it as a position.
    pub fn set_top(&mut self, line: usize) {
        self.pinned = None;
        let line = line.min(self.max_top());
        self.pos = self.layout.position_of(line);
        self.skip = line.saturating_sub(self.layout.line_at(self.pos));
    }

    /// Scrolls by `delta` lines (negative is up).
    pub fn scroll(&mut self, delta: isize) {
        self.set_top(self.top().saturating_add_signed(delta));
    }

    /// The section being read: the one the top line belongs to, or at the end of the article
    /// the last one jumped to.
    pub fn section(&self) -> usize {
        match self.pinned {
            Some(section) if self.top() == self.max_top() => section,
            _ => self.layout.section_of(self.top()),
        }
    }

    /// The section the top line belongs to, whatever `]` was last pressed for: what the status
    /// line names, so identical screens name the same section.
    pub fn top_section(&self) -> usize {
        self.layout.section_of(self.top())
    }

    /// How much has been read, 0..=100: the top line's share of the scrollable range.
    pub fn percent(&self) -> usize {
        (self.top() * 100).checked_div(self.max_top()).unwrap_or(100)
    }

    /// Moves to the first line of the next section after the one being read, if any. `wanted`
    /// says which sections count (all of them, or the top-level ones). The header card counts
    /// as part of the first section, so from the top `]` goes to the second section.
    pub fn next_section(&mut self, wanted: impl Fn(usize) -> bool) {
        let current = self.section();
        let starts = &self.layout.section_lines;
        if let Some(s) = (current + 1..starts.len()).find(|&s| wanted(s)) {
            self.go_to_section(s);
        }
    }

    /// Moves to the start of the section being read if the top line is inside it, else to the
    /// start of the previous one.
    pub fn prev_section(&mut self, wanted: impl Fn(usize) -> bool) {
        let top = self.top();
        let starts = &self.layout.section_lines;
        let found = match self.pinned.filter(|_| top == self.max_top()) {
            // At the end, stepping back through sections that start on the last screen.
            Some(pinned) => (0..pinned).rev().find(|&s| wanted(s)),
            None => (0..starts.len()).rev().find(|&s| starts[s] < top && wanted(s)),
        };
        match found {
            Some(s) => self.go_to_section(s),
            None => self.set_top(0),
        }
    }

    /// Puts section `index`'s first line at the top, or as near as the end allows; a section
    /// that starts on the last screen is then the one being read.
    pub fn go_to_section(&mut self, index: usize) {
        if let Some(&line) = self.layout.section_lines.get(index) {
            self.set_top(line);
            if line > self.max_top() {
                self.pinned = Some(index);
            }
        }
    }
}
