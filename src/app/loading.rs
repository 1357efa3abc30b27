//! An article that is still being read: its sections arrive in batches and join the reader's
//! article and layout, the card and the identity are completed at the end, and keys whose
//! outcome depends on text not yet read wait, in order, until it is there.
//!
//! A key waits when what it does would change once more text arrives: `G` (the end is not
//! known), scrolling or `]` that would run into the end of what is laid out so far, and the
//! top-level section keys (which level is top-level depends on every heading). Every key
//! after a waiting one waits too, so keys are applied in the order they were typed. Quitting,
//! going back and suspending never wait: they drop the keys waiting.

use super::{App, Effect, Screen};
use crate::action::Action;
use crate::article::stream::{self, Finish};
use crate::article::{Article, Section};
use crate::keymap::Pane;
use crate::layout::{self, Position};
use ratatui::crossterm::event::KeyEvent;

pub use super::reader::Loading;

/// Articles from this size on (1 MiB) keep only their layout once laid out (see
/// [`super::ReaderState::light`]): their parsed text would cost more than the layout.
pub const LIGHT_FROM: u64 = 1024 * 1024;

/// What the status line says while a large article, read again for a new width, has not yet
/// reached the place being read.
pub const SEEKING: &str = "laying out again for the new width; back to your place once there";

/// What the status line says while keys wait for the rest of the article.
pub const WAITING: &str = "waiting for the rest of the article (keys are kept in order)";

/// Input kept until the text it needs has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// A key press.
    Key(KeyEvent),
    /// Pasted text.
    Paste(String),
}

impl App {
    /// The first part of entry `index`'s article has been read; the rest (of a `size`-byte
    /// file) follows through [`Self::more_sections`] and [`Self::finished`].
    pub(super) fn opened_in_part(
        &mut self,
        index: usize,
        article: Article,
        size: u64,
    ) -> Vec<Effect> {
        let loading = Some(Loading { read: 0, size });
        let mut effects = self.open_article(index, Ok(article), loading);
        if self.reader.as_ref().is_some_and(|r| r.entry == index && r.seek.is_some()) {
            self.notice = Some(SEEKING.into());
        }
        effects.append(&mut self.take_effects());
        effects
    }

    /// More sections of entry `index`'s article, `read` bytes of it read so far.
    pub(super) fn more_sections(
        &mut self,
        index: usize,
        sections: Vec<Section>,
        read: u64,
    ) -> Vec<Effect> {
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == index) else {
            return Vec::new();
        };
        reader.article.sections.extend(sections);
        if let Some(loading) = reader.loading.as_mut() {
            loading.read = read;
        }
        if reader.layout.width > 0 && reader.layout.complete {
            layout::extend(&mut reader.layout, &reader.article);
        }
        let_go(reader);
        self.seek();
        self.replay();
        self.take_effects()
    }

    /// A reader read again for a new width goes back to its place once that place is read.
    fn seek(&mut self) {
        let Some(reader) = self.reader.as_mut() else { return };
        let Some(place) = reader.seek.as_ref() else { return };
        let read = reader.article.sections.len();
        let found = reader.article.sections.iter().any(|s| s.anchor == place.anchor);
        if (place.section as usize) < read || found || reader.loading.is_none() {
            reader.pos = super::resolve(&reader.article, place);
            reader.skip = 0;
            reader.seek = None;
            if self.notice.as_deref() == Some(SEEKING) {
                self.notice = None;
            }
        }
    }

    /// Entry `index`'s article has been read to its end: sections whose references pointed
    /// ahead are replaced, the card and the identity completed, and waiting keys applied.
    pub(super) fn finished(&mut self, index: usize, finish: Finish) -> Vec<Effect> {
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == index) else {
            return Vec::new();
        };
        reader.loading = None;
        let laid = reader.layout.width > 0;
        for fix in finish.fixes {
            let range = fix.at..fix.at + fix.sections.len();
            stream::apply(&mut reader.article.sections, fix);
            // Laid out again in place: the sections around them may have let go of their text.
            if laid {
                layout::replace(&mut reader.layout, &reader.article, range);
            }
        }
        let article = &mut reader.article;
        article.meta = finish.meta;
        article.key = finish.key;
        article.problems = finish.problems;
        if laid {
            layout::extend(&mut reader.layout, &reader.article);
            let words = reader.layout.words;
            layout::recard(&mut reader.layout, &reader.article, Some(words));
        }
        let_go(reader);
        self.seek();
        self.complete_entry(index);
        self.end_of_loading();
        self.take_effects()
    }

    /// Reading entry `index`'s article stopped part way: what was read stays.
    pub(super) fn load_failed(&mut self, index: usize, why: &str) -> Vec<Effect> {
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == index) else {
            return Vec::new();
        };
        reader.loading = None;
        if reader.layout.width > 0 {
            let words = reader.layout.words;
            layout::recard(&mut reader.layout, &reader.article, Some(words));
        }
        self.end_of_loading();
        self.notice = Some(format!("could not read all of it: {why}"));
        self.take_effects()
    }

    /// True while the open article is still being read.
    pub fn loading(&self) -> bool {
        self.reader.as_ref().is_some_and(|r| r.loading.is_some())
    }

    /// Keeps `input` for later when it must wait; true if it was kept. Input waits, in order
    /// after any input already waiting, for text of the article not read yet (see the module
    /// docs), and for the answer to a search asked or to be asked, unless it only types into
    /// that search's query. Quitting and suspending never wait, nor does going back from an
    /// article still being read: they drop the input waiting.
    pub(super) fn keep_waiting(&mut self, input: &Waiting) -> bool {
        let (loading, searching) = (self.loading(), self.searching() || self.filtering());
        if !loading && !searching {
            return false;
        }
        let action = match input {
            Waiting::Key(event) => self.action_for(*event),
            Waiting::Paste(_) => None,
        };
        let leaves = matches!(action, Some(Action::Quit | Action::Suspend))
            || (loading && action == Some(Action::Back));
        if leaves {
            self.waiting.clear();
            return false;
        }
        let for_text = loading
            && (self.reader.as_ref().is_some_and(|r| r.seek.is_some())
                || (matches!(input, Waiting::Key(_)) && self.needs_more(action)));
        let edits_query = match input {
            Waiting::Key(event) => self.edits_search_query(*event) || self.edits_filter(*event),
            Waiting::Paste(_) => matches!(self.pane(), Pane::SearchQuery | Pane::Filter),
        };
        let wait = !self.waiting.is_empty() || for_text || (searching && !edits_query);
        if wait {
            self.waiting.push_back(input.clone());
            if loading {
                self.notice = Some(WAITING.into());
            }
        }
        wait
    }

    /// The action `event` stands for now, after the layout is finished.
    fn action_for(&mut self, event: KeyEvent) -> Option<Action> {
        self.finish_layout();
        self.keymap.action(&self.layers(), event).map(|(_, action)| action)
    }

    /// True when what a key standing for `action` does depends on text not yet read.
    fn needs_more(&self, action: Option<Action>) -> bool {
        let pane = self.pane();
        let Some(reader) = self.reader.as_ref().filter(|r| r.loading.is_some()) else {
            return false;
        };
        if reader.seek.is_some() {
            return true;
        }
        if self.screen != Screen::Reader {
            return false;
        }
        let top = reader.top();
        let screen = reader.height.max(1);
        let past = |delta: usize| top + delta > reader.max_top();
        let beyond = |section: Option<usize>| {
            section
                .and_then(|s| reader.layout.section_lines.get(s))
                .is_none_or(|&l| l > reader.max_top())
        };
        match (pane, action) {
            (
                Pane::Reader,
                Some(Action::Bottom | Action::NextTopSection | Action::PrevTopSection),
            ) => true,
            (Pane::Reader, Some(Action::LineDown)) => past(1),
            (Pane::Reader, Some(Action::HalfPageDown)) => past((screen / 2).max(1)),
            (Pane::Reader, Some(Action::PageDown)) => past(screen),
            (Pane::Reader, Some(Action::ScrollBy(n))) if n > 0 => past(n.unsigned_abs() as usize),
            (Pane::Reader, Some(Action::NextSection)) => {
                let next = reader.section() + 1;
                beyond((next < reader.layout.section_lines.len()).then_some(next))
            }
            (Pane::Contents, Some(Action::TocJump)) => beyond(Some(self.toc.cursor)),
            // A link below what is read, or a section a link names that is not read yet.
            (Pane::Reader, Some(Action::NextLink)) => {
                super::links::link_step(reader, true).is_none()
            }
            (Pane::Reader, Some(Action::FollowLink)) => {
                super::links::unfound_anchor(reader).is_some()
            }
            _ => false,
        }
    }

    /// Applies the waiting input that no longer needs to wait, in order.
    pub(super) fn replay(&mut self) {
        while let Some(next) = self.waiting.front().cloned() {
            if self.searching() || self.filtering() {
                break; // a key typed into a query: the rest wait for its answer
            }
            if let Waiting::Key(event) = next
                && self.loading()
            {
                let action = self.action_for(event);
                if self.needs_more(action) {
                    break;
                }
            }
            self.waiting.pop_front();
            let mut effects = match next {
                Waiting::Key(event) => self.press_now(event),
                Waiting::Paste(text) => self.paste_now(&text),
            };
            self.effects.append(&mut effects);
        }
        if self.waiting.is_empty() && self.notice.as_deref() == Some(WAITING) {
            self.notice = None;
        }
    }

    /// After the last report: matches found again in the whole text, waiting keys applied.
    fn end_of_loading(&mut self) {
        if let Some(reader) = self.reader.as_ref()
            && !self.find.query.is_empty()
        {
            self.find.refresh(&reader.layout);
        }
        self.replay();
        self.save_progress(false);
    }

    /// The entry of a fully read article takes its identity, title and counts; a reader not
    /// moved yet goes to the place saved under that identity.
    fn complete_entry(&mut self, index: usize) {
        let Some(reader) = self.reader.as_mut() else { return };
        let Some(entry) = self.entries.get_mut(index) else { return };
        let pending = entry.stand_in();
        let article = &reader.article;
        let stand_in = std::mem::replace(&mut entry.key, article.key.clone());
        entry.title_key = crate::article::title_key(&article.meta.title);
        let retitled = *entry.title != *article.meta.title;
        if retitled {
            entry.title = article.meta.title.as_str().into();
        }
        entry.words = u32::try_from(reader.layout.words).unwrap_or(u32::MAX);
        let headed = article.sections.iter().filter(|s| s.level > 0).count();
        entry.sections = u32::try_from(headed).unwrap_or(u32::MAX);
        let unmoved = reader.pos == Position::default() && reader.skip == 0;
        let key = entry.key.clone();
        if retitled {
            // The filter matches titles as they are now.
            self.shelf.entries_changed();
        }
        if pending && stand_in != key {
            // An earlier salve moved the saved state of a long article to its stand-in key:
            // it goes back to the real one.
            self.rekey(&stand_in, &key);
        }
        if pending
            && unmoved
            && self.waiting.is_empty()
            && let Some(saved) = self.progress.get(key.as_str())
            && let Some(reader) = self.reader.as_mut()
        {
            let place = super::Place {
                anchor: saved.anchor.clone(),
                section: saved.section,
                offset: saved.offset,
            };
            reader.pos = super::resolve(&reader.article, &place);
        }
    }

    /// True when the open article's identity is not known yet, so nothing is saved under it,
    /// or the reader is not yet back at its place.
    pub(super) fn identity_pending(&self) -> bool {
        let seeking = self.reader.as_ref().is_some_and(|r| r.seek.is_some());
        let entry = self.reader.as_ref().and_then(|r| self.entries.get(r.entry));
        seeking || entry.is_some_and(crate::library::Entry::stand_in)
    }

    /// Reads the open (light) article again, to lay it out for a new width, coming back to
    /// where the reader is.
    pub(super) fn read_again(&mut self) {
        let Some(reader) = self.reader.as_ref() else { return };
        let section = reader.pos.section;
        let anchor = reader
            .article
            .sections
            .get(section as usize)
            .map(|s| s.anchor.clone())
            .unwrap_or_default();
        let place = super::Place { anchor, section, offset: reader.pos.offset };
        // The same article read again: the trail of links stays.
        let opening =
            super::reading::Opening { keep_trail: true, ..super::reading::Opening::at(place) };
        self.opening = Some((reader.entry, opening));
        self.effects.push(Effect::Open(reader.entry));
    }
}

/// A light reader lets go of the blocks of the sections laid out: its layout is all it draws
/// from, and laying out again reads the article again.
fn let_go(reader: &mut super::ReaderState) {
    if !reader.light {
        return;
    }
    let laid = reader.layout.section_lines.len().min(reader.article.sections.len());
    for section in reader.article.sections.iter_mut().take(laid).skip(reader.dropped) {
        section.blocks = Vec::new();
    }
    reader.dropped = reader.dropped.max(laid);
}
