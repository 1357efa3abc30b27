//! Markdown to the article model through pulldown-cmark: sections split at top-level headings,
//! blocks built on an explicit stack of open containers capped at [`MAX_DEPTH`].
//!
//! The walk is one pass over the event stream with no recursion, so its stack use does not grow
//! with the input's nesting, and every string is sanitized as it enters the model (parsing can
//! create control characters: `&#27;` is ESC).

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd,
};

use super::inline::{Inlines, clean};
use super::{Align, Block, Body, Inline, ListItem, MAX_DEPTH, Section, Span, Table, html};
use crate::sanitize::{sanitize, sanitize_line};

/// The pulldown-cmark extensions salve reads.
pub(super) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_GFM);

/// Parses a Markdown document (with optional YAML front matter) into sections.
pub fn parse(text: &str) -> Body {
    let mut walker = Walker::new();
    for event in Parser::new_ext(text, OPTIONS) {
        walker.event(event);
    }
    walker.finish()
}

/// A container block still open while its content streams in.
#[derive(Debug)]
enum Container {
    /// A block quote.
    Quote(Vec<Block>),
    /// A list; its items arrive as [`Container::Item`]s.
    List { start: Option<u64>, items: Vec<ListItem> },
    /// One list item.
    Item(ListItem),
    /// A footnote definition.
    Footnote { label: String, blocks: Vec<Block> },
}

/// A leaf block whose text is taken verbatim rather than as inline events.
#[derive(Debug)]
enum Raw {
    /// A fenced or indented code block.
    Code { lang: String, text: String },
    /// An HTML block, stripped when it closes.
    Html(String),
    /// YAML front matter.
    Meta(String),
}

/// A table being filled row by row.
#[derive(Debug, Default)]
struct TableBuild {
    table: Table,
    row: Vec<Vec<Span>>,
    in_head: bool,
}

/// The state of one walk over the event stream (or, read in pieces, over the streams of
/// consecutive pieces: see [`super::stream`]); HTML (pages, and HTML blocks inside Markdown)
/// is mapped onto the same events by [`super::html`], so both build the model alike.
#[derive(Debug)]
pub(crate) struct Walker {
    front_matter: Option<String>,
    /// Finished sections not yet taken.
    pub(super) sections: Vec<Section>,
    /// Where each of `sections` starts, as set through `heading_at`.
    pub(super) starts: Vec<u64>,
    /// The section receiving blocks; starts as the untitled lead.
    current: Section,
    /// Where `current` starts.
    current_start: u64,
    /// Where the heading being read starts (the caller says, before its start event).
    pub(super) heading_at: u64,
    /// Labels of every footnote definition met, lowercased.
    pub(super) footnotes: Vec<String>,
    /// Open containers, outermost first; never longer than [`MAX_DEPTH`].
    stack: Vec<Container>,
    /// Containers opened beyond [`MAX_DEPTH`] and not yet closed: their content goes to the
    /// innermost container on `stack` instead.
    overflow: usize,
    inlines: Inlines,
    raw: Option<Raw>,
    /// Level of the heading being read, if any.
    heading: Option<u8>,
    table: Option<TableBuild>,
}

impl Walker {
    /// A walk at the start of a document.
    pub(crate) fn new() -> Self {
        Self {
            front_matter: None,
            sections: Vec::new(),
            starts: Vec::new(),
            current: untitled(),
            current_start: 0,
            heading_at: 0,
            footnotes: Vec::new(),
            stack: Vec::new(),
            overflow: 0,
            inlines: Inlines::default(),
            raw: None,
            heading: None,
            table: None,
        }
    }

    /// Takes the next event of the document.
    pub(crate) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.raw {
                Some(Raw::Code { text: buf, .. } | Raw::Html(buf) | Raw::Meta(buf)) => {
                    buf.push_str(&text);
                }
                None => self.inlines.text(&text),
            },
            Event::Html(html) | Event::InlineHtml(html) => match &mut self.raw {
                Some(Raw::Code { text: buf, .. } | Raw::Html(buf) | Raw::Meta(buf)) => {
                    buf.push_str(&html);
                }
                None => self.inlines.html(&html, self.heading.is_none()),
            },
            Event::Code(code) | Event::InlineMath(code) => self.inlines.code(&code),
            Event::DisplayMath(code) => {
                self.flush_paragraph();
                self.push_block(Block::Code {
                    lang: String::new(),
                    text: clean(code.into_string(), sanitize),
                });
            }
            Event::FootnoteReference(label) => self.inlines.note_ref(&label),
            Event::SoftBreak => self.inlines.line_break(false),
            Event::HardBreak => self.inlines.line_break(true),
            Event::Rule => {
                self.flush_paragraph();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => self.task_marker(done),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Emphasis => self.inlines.push_style(Inline::EMPH),
            Tag::Strong => self.inlines.push_style(Inline::STRONG),
            Tag::Strikethrough => self.inlines.push_style(Inline::STRIKE),
            Tag::Link { link_type, dest_url, .. } => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if link_type == LinkType::Email {
                    // `<me@a.org>` leads to a mail address, which is what the target says.
                    self.inlines.start_link(&format!("mailto:{dest_url}"), autolink);
                } else {
                    self.inlines.start_link(&dest_url, autolink);
                }
            }
            Tag::Image { .. } => self.inlines.start_image(),
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::Superscript | Tag::Subscript | Tag::TableRow | Tag::TableCell => {}
            Tag::Paragraph
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush_paragraph(),
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(kind) => {
                self.flush_paragraph();
                self.open(Container::Quote(Vec::new()));
                if let Some(kind) = kind {
                    let label = Span::styled(callout_label(kind), Inline::STRONG);
                    self.push_block(Block::Paragraph(vec![label]));
                }
            }
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(|w| sanitize_line(w).into_owned())
                    }
                    CodeBlockKind::Indented => None,
                };
                self.raw = Some(Raw::Code { lang: lang.unwrap_or_default(), text: String::new() });
            }
            Tag::HtmlBlock => {
                self.flush_paragraph();
                self.raw = Some(Raw::Html(String::new()));
            }
            Tag::MetadataBlock(_) => self.raw = Some(Raw::Meta(String::new())),
            Tag::List(start) => {
                self.flush_paragraph();
                self.open(Container::List { start, items: Vec::new() });
            }
            Tag::Item => {
                self.flush_paragraph();
                self.open(Container::Item(ListItem::default()));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_paragraph();
                self.footnotes.push(label.to_lowercase());
                let label = sanitize_line(&label).into_owned();
                self.open(Container::Footnote { label, blocks: Vec::new() });
            }
            Tag::Table(aligns) => {
                self.flush_paragraph();
                let aligns = aligns.into_iter().map(align).collect();
                let table = Table { aligns, ..Table::default() };
                self.table = Some(TableBuild { table, ..TableBuild::default() });
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.inlines.pop_style(),
            TagEnd::Link => self.inlines.end_link(self.heading.is_none()),
            TagEnd::Image => self.inlines.end_image(),
            TagEnd::Superscript | TagEnd::Subscript => {}
            TagEnd::Paragraph
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush_paragraph(),
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush_paragraph();
                self.close();
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => self.finish_raw(),
            TagEnd::TableCell => {
                let cell = self.inlines.take();
                if let Some(t) = &mut self.table {
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    if t.in_head {
                        t.table.head = row;
                    } else {
                        t.table.rows.push(row);
                    }
                    t.in_head = false;
                }
            }
            TagEnd::Table => self.finish_table(),
        }
    }

    /// Opens a container, or counts it as overflow when the stack is already at the cap.
    fn open(&mut self, container: Container) {
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
        } else {
            self.stack.push(container);
        }
    }

    /// Closes the innermost open container, moving it into its parent as a block.
    fn close(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let Some(container) = self.stack.pop() else { return };
        match container {
            Container::Quote(blocks) => self.push_block(Block::Quote(blocks)),
            Container::List { start, items } => self.push_block(Block::List { start, items }),
            Container::Footnote { label, blocks } => {
                self.push_block(Block::Footnote { label, blocks });
            }
            Container::Item(item) => match self.stack.last_mut() {
                Some(Container::List { items, .. }) => items.push(item),
                // An item outside a list cannot come from pulldown-cmark; keep its content.
                _ => item.blocks.into_iter().for_each(|b| self.push_block(b)),
            },
        }
    }

    /// Adds a finished block to the innermost open container, else to the current section.
    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(
                Container::Quote(blocks)
                | Container::Item(ListItem { blocks, .. })
                | Container::Footnote { blocks, .. },
            ) => blocks.push(block),
            // Only flattened content reaches a list directly: it joins the last item.
            Some(Container::List { items, .. }) => {
                if items.is_empty() {
                    items.push(ListItem::default());
                }
                if let Some(item) = items.last_mut() {
                    item.blocks.push(block);
                }
            }
            None => self.current.blocks.push(block),
        }
    }

    /// Ends the paragraph being collected (or the bare text of a tight list item).
    fn flush_paragraph(&mut self) {
        if self.heading.is_some() || self.table.is_some() || self.inlines.is_empty() {
            return;
        }
        let spans = self.inlines.take();
        if has_content(&spans) {
            self.push_block(Block::Paragraph(spans));
        }
    }

    /// A task marker sets the open item's checkbox; an item lost to flattening keeps it as text.
    fn task_marker(&mut self, done: bool) {
        match self.stack.last_mut() {
            Some(Container::Item(item)) if self.overflow == 0 => item.task = Some(done),
            _ => self.inlines.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    /// A top-level heading starts a section; one inside a container is a bold paragraph there,
    /// since a section cannot begin halfway through a quote or list.
    fn finish_heading(&mut self) {
        let Some(level) = self.heading.take() else { return };
        let mut spans = self.inlines.take();
        if !self.stack.is_empty() {
            for span in &mut spans {
                span.style |= Inline::STRONG;
            }
            if has_content(&spans) {
                self.push_block(Block::Paragraph(spans));
            }
            return;
        }
        let mut title = String::new();
        for span in spans.iter().filter(|s| !s.style.contains(Inline::NOTE_REF)) {
            title.push_str(&span.text);
        }
        let title = title.replace('\n', " ").trim().to_string();
        let next = Section { title, level, anchor: String::new(), blocks: Vec::new() };
        let done = std::mem::replace(&mut self.current, next);
        let start = std::mem::replace(&mut self.current_start, self.heading_at);
        if done.level > 0 || !done.blocks.is_empty() {
            self.sections.push(done);
            self.starts.push(start);
        }
    }

    /// The front matter text, once read.
    pub(super) fn front_matter(&self) -> Option<&str> {
        self.front_matter.as_deref()
    }

    /// Sections finished or taken so far, plus the one being read: the index of that one.
    pub(super) fn open_section(&self) -> usize {
        self.sections.len()
    }

    fn finish_raw(&mut self) {
        match self.raw.take() {
            Some(Raw::Code { lang, mut text }) => {
                if text.ends_with('\n') {
                    text.pop();
                }
                self.push_block(Block::Code { lang, text: clean(text, sanitize) });
            }
            // Parsed as HTML and mapped onto this walk: its lists are lists, its headings
            // headings, its scripts and styles gone.
            Some(Raw::Html(source)) => html::embedded(&source, self),
            // Only one metadata block can open a document; keep the first regardless.
            Some(Raw::Meta(yaml)) if self.front_matter.is_none() => self.front_matter = Some(yaml),
            Some(Raw::Meta(_)) | None => {}
        }
    }

    fn finish_table(&mut self) {
        if let Some(mut t) = self.table.take() {
            if !t.row.is_empty() {
                t.table.rows.push(std::mem::take(&mut t.row));
            }
            self.push_block(Block::Table(t.table));
        }
    }

    /// Closes whatever the event stream left open and hands back the sections.
    pub(crate) fn finish(mut self) -> Body {
        self.end_of_input();
        Body { front_matter: self.front_matter, sections: self.sections, ..Body::default() }
    }

    /// Closes whatever the event stream left open; the last section joins `sections`.
    pub(super) fn end_of_input(&mut self) {
        self.finish_raw();
        self.finish_heading();
        self.finish_table();
        self.flush_paragraph();
        while !self.stack.is_empty() || self.overflow > 0 {
            self.close();
        }
        let last = std::mem::replace(&mut self.current, untitled());
        if last.level > 0 || !last.blocks.is_empty() {
            self.sections.push(last);
            self.starts.push(self.current_start);
        }
    }
}

/// The untitled lead section, before any heading.
fn untitled() -> Section {
    Section { title: String::new(), level: 0, anchor: String::new(), blocks: Vec::new() }
}

/// True when the spans show something: non-blank text, an image or a footnote reference.
fn has_content(spans: &[Span]) -> bool {
    spans.iter().any(|s| {
        !s.text.trim().is_empty()
            || s.style.contains(Inline::IMAGE)
            || s.style.contains(Inline::NOTE_REF)
    })
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// The heading shown for a GitHub alert quote (`> [!WARNING]`).
fn callout_label(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

#[cfg(test)]
mod tests;
