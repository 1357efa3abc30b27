//! Styled spans built from pulldown-cmark's inline events (and the HTML mapped onto them):
//! style nesting, link targets and addresses, image alt text, footnote references and inline
//! HTML.
//!
//! Text is gathered into one pending run per style and sanitized once when the run closes, so
//! a paragraph of any length costs linear time however many events it arrives in.

use std::borrow::Cow;

use super::html::tags::{InlineTags, Piece};
use super::{Inline, Link, Span};
use crate::sanitize::{sanitize, sanitize_line};

/// Collects the spans of one paragraph, heading or table cell.
#[derive(Debug, Default)]
pub struct Inlines {
    /// Finished spans.
    spans: Vec<Span>,
    /// Raw (not yet sanitized) text of the run being built.
    pending: String,
    /// Style of `pending`.
    pending_style: Inline,
    /// Cumulative style of each open emphasis/strong/strike/link, innermost last.
    styles: Vec<Inline>,
    /// Open links, innermost last.
    links: Vec<OpenLink>,
    /// Open images; inside one everything is alt text in a single span.
    image_depth: usize,
    /// Inline HTML tags, whose effect spans events (`<script>` then text then `</script>`).
    html: InlineTags,
}

/// A link whose text is being collected.
#[derive(Debug)]
struct OpenLink {
    /// The destination, sanitized.
    dest: String,
    /// The same, shared by the link's spans; `None` for an empty destination.
    target: Option<Link>,
    /// Index of the link's first span in `spans`.
    first_span: usize,
    /// False for autolinks and in-document anchors, whose address says nothing new.
    show_dest: bool,
}

impl Inlines {
    /// The style new text gets.
    fn style(&self) -> Inline {
        let base = self.styles.last().copied().unwrap_or_default();
        if self.image_depth > 0 { base | Inline::IMAGE } else { base }
    }

    /// True when nothing has been collected since the last [`Self::take`].
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.pending.is_empty()
    }

    /// Adds text in the current style (dropped inside an inline `<script>`).
    pub fn text(&mut self, text: &str) {
        self.text_styled(text, self.style());
    }

    /// Adds inline code (code inside image alt text is just alt text).
    pub fn code(&mut self, text: &str) {
        let style = if self.image_depth > 0 { self.style() } else { self.style() | Inline::CODE };
        self.text_styled(text, style);
    }

    /// Adds a line break: a space for a soft one, `\n` for a hard one (not in alt text).
    pub fn line_break(&mut self, hard: bool) {
        self.text(if hard && self.image_depth == 0 { "\n" } else { " " });
    }

    /// Adds inline HTML: `<a href>` opens a link, `<br>` breaks the line, a `<script>` or
    /// `<style>` body is dropped, other tags are left out. `with_url` as for [`Self::end_link`].
    pub fn html(&mut self, html: &str, with_url: bool) {
        for piece in self.html.read(html) {
            match piece {
                Piece::Text(text) => self.text(&text),
                Piece::LinkStart(dest) => self.start_link(&dest, false),
                Piece::LinkEnd => self.end_link(with_url),
                Piece::Break => self.line_break(true),
            }
        }
    }

    /// Adds a footnote reference such as `[^1]`.
    pub fn note_ref(&mut self, label: &str) {
        if self.image_depth > 0 {
            self.text(label);
            return;
        }
        if self.html.is_skipping() {
            return;
        }
        self.flush();
        self.spans.push(Span::styled(sanitize_line(label).into_owned(), Inline::NOTE_REF));
    }

    /// Opens an emphasis, strong or strikethrough run.
    pub fn push_style(&mut self, flag: Inline) {
        if self.image_depth == 0 {
            self.styles.push(self.style() | flag);
        }
    }

    /// Closes the innermost style run.
    pub fn pop_style(&mut self) {
        if self.image_depth == 0 {
            self.styles.pop();
        }
    }

    /// Opens a link to `dest`; `autolink` is true for `<https://...>` and bare addresses.
    pub fn start_link(&mut self, dest: &str, autolink: bool) {
        if self.image_depth > 0 {
            return;
        }
        self.flush();
        let dest = sanitize_line(dest.trim()).into_owned();
        let show_dest = !autolink && !dest.is_empty() && !dest.starts_with('#');
        let target = (!dest.is_empty()).then(|| Link::from(dest.as_str()));
        self.links.push(OpenLink { dest, target, first_span: self.spans.len(), show_dest });
        self.push_style(Inline::LINK);
    }

    /// Closes the innermost link, adding its address as a [`Inline::URL`] span when
    /// `with_url` and the address is not just the link text again.
    pub fn end_link(&mut self, with_url: bool) {
        if self.image_depth > 0 {
            return;
        }
        self.pop_style();
        self.flush();
        let Some(link) = self.links.pop() else { return };
        if !with_url || !link.show_dest {
            return;
        }
        let shown = self.spans.get(link.first_span..).unwrap_or_default();
        let mut rest = link.dest.as_str();
        let repeats_text = shown.iter().all(|s| match rest.strip_prefix(s.text.as_str()) {
            Some(after) => {
                rest = after;
                true
            }
            None => false,
        }) && rest.is_empty();
        if !repeats_text {
            self.spans.push(Span::styled(link.dest, Inline::URL));
        }
    }

    /// Opens an image; its alt text becomes one [`Inline::IMAGE`] span.
    pub fn start_image(&mut self) {
        if self.image_depth == 0 {
            self.flush();
        }
        self.image_depth += 1;
    }

    /// Closes an image, emitting its span even when the alt text is empty.
    pub fn end_image(&mut self) {
        if self.image_depth == 1 {
            let style = self.style();
            let text = sanitize(&self.pending).into_owned();
            self.pending.clear();
            let link = self.link_for(style);
            self.spans.push(Span { text, style, link });
        }
        self.image_depth = self.image_depth.saturating_sub(1);
    }

    /// Hands over the collected spans and resets for the next block.
    pub fn take(&mut self) -> Vec<Span> {
        self.flush();
        self.styles.clear();
        self.links.clear();
        self.image_depth = 0;
        self.html.reset();
        std::mem::take(&mut self.spans)
    }

    /// Appends `text` with `style`, closing the pending run first if its style differs.
    fn text_styled(&mut self, text: &str, style: Inline) {
        // Between inline `<script>` and `</script>` nothing is for reading.
        if self.html.is_skipping() {
            return;
        }
        if style != self.pending_style {
            self.flush();
            self.pending_style = style;
        }
        self.pending.push_str(text);
    }

    /// Turns the pending run into a span, unless it is empty.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // Copied out at its final size; `pending` keeps its capacity for the next run, so a
        // run does not regrow a buffer from nothing by doubling, event by event.
        let text = sanitize(&self.pending).into_owned();
        self.pending.clear();
        let link = self.link_for(self.pending_style);
        self.spans.push(Span { text, style: self.pending_style, link });
    }

    /// The target of text in `style`: the innermost open link's, for link text. Every link
    /// boundary flushes the pending run, so that link is the one the run belongs to.
    fn link_for(&self, style: Inline) -> Option<Link> {
        if !style.contains(Inline::LINK) {
            return None;
        }
        self.links.last().and_then(|l| l.target.clone())
    }
}

/// Runs a sanitizer over an owned string, reusing it when nothing needed replacing.
pub fn clean(text: String, sanitizer: fn(&str) -> Cow<'_, str>) -> String {
    let replaced = match sanitizer(&text) {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    };
    replaced.unwrap_or(text)
}
