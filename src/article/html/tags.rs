//! Inline HTML inside Markdown, read by html5ever's tokenizer.
//!
//! pulldown-cmark hands inline HTML over one tag at a time (`<a href="x">`, then the link
//! text as Markdown, then `</a>`), so no tree can be built from it: the tokenizer reads each
//! piece, and [`InlineTags`] keeps what must last across pieces (inside a `<script>`, links
//! opened by HTML). Attribute values come back with every character reference decoded.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// What one piece of inline HTML asks of the paragraph being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text (rare inside inline HTML: a tag's neighbours arrive as Markdown text).
    Text(String),
    /// `<a href>`: a link to the address opens.
    LinkStart(String),
    /// `</a>`.
    LinkEnd,
    /// `<br>`.
    Break,
}

/// State that outlives one piece of inline HTML: reset with the paragraph.
#[derive(Debug, Default)]
pub struct InlineTags {
    /// The element (`script`, `style`) whose body is being dropped, until its end tag.
    skipping: Option<&'static str>,
    /// Links opened by `<a href>` and not yet closed, so a stray `</a>` cannot close a
    /// Markdown link.
    open_links: usize,
}

/// Elements whose content is never text for a reader.
const SKIPPED: [&str; 2] = ["script", "style"];

impl InlineTags {
    /// True inside a `<script>` or `<style>` body: everything until its end tag is dropped.
    pub fn is_skipping(&self) -> bool {
        self.skipping.is_some()
    }

    /// Forgets unclosed elements, so one stray `<script>` drops at most the rest of its block.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Reads one piece of inline HTML into what it asks for, in order.
    pub fn read(&mut self, html: &str) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for token in tokens(html) {
            let Token::TagToken(tag) = token else {
                if let Token::CharacterTokens(text) = token
                    && self.skipping.is_none()
                {
                    pieces.push(Piece::Text(text.to_string()));
                }
                continue;
            };
            let name = &*tag.name;
            if let Some(skipped) = self.skipping {
                if tag.kind == TagKind::EndTag && name == skipped {
                    self.skipping = None;
                }
                continue;
            }
            match (tag.kind, name) {
                (TagKind::StartTag, _) if !tag.self_closing && SKIPPED.contains(&name) => {
                    self.skipping = SKIPPED.into_iter().find(|s| *s == name);
                }
                (TagKind::StartTag, "br") => pieces.push(Piece::Break),
                (TagKind::StartTag, "a") => {
                    let href = tag.attrs.iter().find(|a| &*a.name.local == "href");
                    if let Some(href) = href.and_then(|a| super::elements::kept_href(&a.value)) {
                        self.open_links += 1;
                        pieces.push(Piece::LinkStart(href.to_string()));
                    }
                }
                (TagKind::EndTag, "a") if self.open_links > 0 => {
                    self.open_links -= 1;
                    pieces.push(Piece::LinkEnd);
                }
                _ => {}
            }
        }
        pieces
    }
}

/// Collects the tokenizer's tokens; a `<script>` or `<style>` start switches the tokenizer to
/// raw text, as the tree builder would, so `<script>a<b>c</script>` in one piece is one body.
#[derive(Default)]
struct Collect(RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let raw = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag && !tag.self_closing => {
                match &*tag.name {
                    "script" => Some(RawKind::ScriptData),
                    "style" => Some(RawKind::Rawtext),
                    _ => None,
                }
            }
            _ => None,
        };
        self.0.borrow_mut().push(token);
        raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
    }
}

/// The tokens of a piece of HTML.
pub(super) fn tokens(html: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    // The sink never asks the tokenizer to pause, so one feed reads everything.
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_breaks_and_scripts_across_pieces() {
        let mut tags = InlineTags::default();
        assert_eq!(tags.read("<a href=\"a&amp;b&eacute;\">"), [Piece::LinkStart("a&bé".into())]);
        assert_eq!(tags.read("</a><br/>"), [Piece::LinkEnd, Piece::Break]);
        assert_eq!(tags.read("</a>"), [], "a stray end tag closes nothing");
        assert_eq!(tags.read("<script>"), []);
        assert!(tags.is_skipping());
        assert_eq!(tags.read("<a href=x></script>"), []);
        assert!(!tags.is_skipping());
        assert_eq!(tags.read("<script>a<b>c</script>d"), [Piece::Text("d".into())]);
        assert_eq!(tags.read("<a name=x><!-- c -->"), [], "an anchor without href is no link");
    }
}
