//! An HTML tree walked into the Markdown walker's events, so HTML and Markdown build the
//! model the same way: `<h2>` starts a section as `##` does, `<ul>` is a list, `<table>` a
//! table, `<pre>` code, `<img alt>` alt text, `<a href>` a link.
//!
//! The walk is a loop over the tree with its own stack, not recursion, so a page nested
//! 100,000 deep cannot overflow ours; the walker caps the depth of what it builds. Whitespace is
//! collapsed as a browser collapses it. Elements that are never read (scripts, styles,
//! forms...) are skipped with everything inside them.

use dom_query::{NodeData, NodeRef};
use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd,
};

pub use super::elements::collapse;
use super::elements::{
    cells, code_language, heading_level, is_block_like, is_data_table, is_head_row, is_space, link,
    ordered_start, rows,
};
use crate::article::markdown::Walker;

/// What is being walked, which decides what is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A page's main content or its visible text: forms, menus and embedded objects are
    /// skipped too, images without alt text are decoration, and only absolute link addresses
    /// are shown after the link text (a relative one means nothing away from its site).
    Page,
    /// A page's visible text when no article was found in it: as [`Mode::Page`], but the
    /// `<noscript>` text is read, since salve runs no scripts (it is what an empty shell shows).
    Visible,
    /// An HTML block written into a Markdown article: only scripts and styles are skipped.
    Embedded,
}

/// Elements never read in any mode.
const NEVER: &[&str] = &["script", "style", "template", "head", "title", "meta", "link", "base"];

/// Elements that end the line of text before them and start a new one after.
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "body", "center", "dd", "details", "dir", "div", "dl",
    "fieldset", "figure", "footer", "header", "hgroup", "html", "legend", "main", "p", "section",
    "summary", "tbody", "tfoot", "thead",
];

/// What to do when the walk leaves an element it entered.
#[derive(Debug, Clone, Copy)]
enum Exit {
    /// Nothing: an inline element without effect.
    Nothing,
    /// End the line.
    Block,
    /// Emit the end event, then end the line when `block`.
    End { end: TagEnd, block: bool },
    /// Leave a heading.
    Heading(HeadingLevel),
    /// Leave a table cell.
    Cell,
    /// Leave a table.
    Table,
}

/// Walks the children of `root` into `walker`.
pub fn emit(root: &NodeRef<'_>, mode: Mode, walker: &mut Walker) {
    let mut emitter = Emitter {
        walker,
        mode,
        space: false,
        line_start: true,
        inline_only: 0,
        tables: 0,
        head_done: false,
    };
    emitter.walk(root);
    emitter.boundary();
}

/// The walk's state between nodes.
struct Emitter<'w> {
    walker: &'w mut Walker,
    mode: Mode,
    /// Whitespace seen and not yet written: written only if more text follows on the line.
    space: bool,
    /// Nothing written since the line began (leading whitespace is dropped).
    line_start: bool,
    /// Open headings and table cells: their blocks are only word breaks.
    inline_only: usize,
    /// Open data tables (one at most: a table in a cell is read as text).
    tables: usize,
    /// The open table has had its header row (only the first row can be one).
    head_done: bool,
}

impl Emitter<'_> {
    fn walk(&mut self, root: &NodeRef<'_>) {
        let mut stack: Vec<(NodeRef<'_>, Exit)> = Vec::new();
        let mut next = root.first_child();
        loop {
            if let Some(node) = next {
                match self.enter(&node) {
                    Some(exit) => {
                        next = node.first_child();
                        stack.push((node, exit));
                    }
                    None => next = node.next_sibling(),
                }
            } else {
                let Some((node, exit)) = stack.pop() else { break };
                self.exit(exit);
                next = node.next_sibling();
            }
        }
    }

    /// Handles a node on the way in; `Some` to walk its children and come back.
    fn enter(&mut self, node: &NodeRef<'_>) -> Option<Exit> {
        let text = node.query(|n| match &n.data {
            NodeData::Text { contents } => Some(contents.to_string()),
            _ => None,
        });
        if let Some(Some(text)) = text {
            let text: String = text;
            self.text(&text);
            return None;
        }
        let name = node.qual_name_ref()?.local.clone();
        let name = &*name;
        // A page's chrome (menus, forms, media, hidden parts) is gone before it is walked
        // (`chrome::remove`).
        if NEVER.contains(&name) || (self.mode == Mode::Page && name == "noscript") {
            return None;
        }
        let cell = self.inline_only > 0;
        Some(match name {
            "br" => {
                if cell {
                    self.space = true;
                } else {
                    self.send(Event::HardBreak);
                    self.line_start = true;
                    self.space = false;
                }
                return None;
            }
            "hr" if !cell => {
                self.boundary();
                self.send(Event::Rule);
                return None;
            }
            "img" => {
                self.image(node);
                return None;
            }
            "pre" => {
                self.code_block(node, cell);
                return None;
            }
            "code" | "kbd" | "samp" | "tt" => {
                let code = collapse(&node.text());
                if !code.is_empty() {
                    self.flush_space();
                    self.send(Event::Code(CowStr::from(code)));
                    self.line_start = false;
                }
                return None;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !cell => {
                let level = heading_level(name);
                self.boundary();
                self.send(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                self.inline_only += 1;
                Exit::Heading(level)
            }
            "ul" | "ol" | "menu" if !cell => {
                self.boundary();
                let start = (name == "ol").then(|| ordered_start(node));
                self.send(Event::Start(Tag::List(start)));
                Exit::End { end: TagEnd::List(start.is_some()), block: true }
            }
            "li" if !cell => {
                self.boundary();
                self.send(Event::Start(Tag::Item));
                Exit::End { end: TagEnd::Item, block: true }
            }
            "blockquote" if !cell => {
                self.boundary();
                self.send(Event::Start(Tag::BlockQuote(None)));
                Exit::End { end: TagEnd::BlockQuote(None), block: true }
            }
            "table" if !cell && self.tables == 0 && is_data_table(node) => {
                self.table(node);
                Exit::Table
            }
            "caption" if self.tables > 0 => return None,
            "tr" if self.tables > 0 && !cell => {
                let head = !self.head_done && is_head_row(node);
                self.head_done = true;
                self.send(Event::Start(if head { Tag::TableHead } else { Tag::TableRow }));
                Exit::End {
                    end: if head { TagEnd::TableHead } else { TagEnd::TableRow },
                    block: false,
                }
            }
            "td" | "th" if self.tables > 0 && !cell => {
                self.send(Event::Start(Tag::TableCell));
                self.line_start = true;
                self.space = false;
                self.inline_only += 1;
                Exit::Cell
            }
            "dt" | "figcaption" if !cell => {
                self.boundary();
                let (start, end) = if name == "dt" {
                    (Tag::Strong, TagEnd::Strong)
                } else {
                    (Tag::Emphasis, TagEnd::Emphasis)
                };
                self.send(Event::Start(start));
                Exit::End { end, block: true }
            }
            "a" => match link(node, self.mode) {
                Some(start) => {
                    self.flush_space();
                    self.send(Event::Start(start));
                    Exit::End { end: TagEnd::Link, block: false }
                }
                None => Exit::Nothing,
            },
            "strong" | "b" => self.style(Tag::Strong, TagEnd::Strong),
            "em" | "i" | "cite" | "var" | "dfn" => self.style(Tag::Emphasis, TagEnd::Emphasis),
            "s" | "del" | "strike" => self.style(Tag::Strikethrough, TagEnd::Strikethrough),
            _ if BLOCKS.contains(&name) || is_block_like(name) => {
                self.boundary();
                Exit::Block
            }
            _ => Exit::Nothing,
        })
    }

    /// Handles leaving an element entered with `exit`.
    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Block => self.boundary(),
            Exit::End { end, block } => {
                if block {
                    self.boundary();
                }
                self.send(Event::End(end));
                if block {
                    self.boundary();
                }
            }
            Exit::Heading(level) => {
                self.inline_only = self.inline_only.saturating_sub(1);
                self.send(Event::End(TagEnd::Heading(level)));
                self.line_start = true;
                self.space = false;
            }
            Exit::Cell => {
                self.inline_only = self.inline_only.saturating_sub(1);
                self.send(Event::End(TagEnd::TableCell));
                self.space = false;
            }
            Exit::Table => {
                self.tables -= 1;
                self.send(Event::End(TagEnd::Table));
                self.line_start = true;
                self.space = false;
            }
        }
    }

    fn send(&mut self, event: Event<'_>) {
        self.walker.event(event);
    }

    /// Opens an inline style run (`<strong>`, `<em>`, `<s>`).
    fn style(&mut self, start: Tag<'static>, end: TagEnd) -> Exit {
        self.flush_space();
        self.send(Event::Start(start));
        Exit::End { end, block: false }
    }

    /// Ends the line: inside a heading or cell only a word break.
    fn boundary(&mut self) {
        if self.inline_only > 0 {
            self.space = !self.line_start;
            return;
        }
        self.send(Event::End(TagEnd::Paragraph));
        self.line_start = true;
        self.space = false;
    }

    /// Writes a pending space before something that is not text (an image, code).
    fn flush_space(&mut self) {
        if self.space && !self.line_start {
            self.send(Event::Text(CowStr::Borrowed(" ")));
        }
        self.space = false;
    }

    /// Writes text with its whitespace collapsed as a browser would.
    fn text(&mut self, raw: &str) {
        let mut out = String::with_capacity(raw.len());
        let mut gap = self.space || raw.starts_with(is_space);
        let mut wrote = false;
        for word in raw.split(is_space).filter(|w| !w.is_empty()) {
            if gap && !self.line_start {
                out.push(' ');
            }
            out.push_str(word);
            self.line_start = false;
            gap = true;
            wrote = true;
        }
        self.space = if wrote { raw.ends_with(is_space) } else { gap && !self.line_start };
        if !out.is_empty() {
            self.send(Event::Text(CowStr::from(out)));
        }
    }

    /// An image as its alt text; in a page, one without alt text is decoration.
    fn image(&mut self, node: &NodeRef<'_>) {
        let alt = node.attr("alt").map(|a| collapse(a.as_ref())).unwrap_or_default();
        if alt.is_empty() && self.mode != Mode::Embedded {
            return;
        }
        self.flush_space();
        let image = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::Borrowed(""),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        };
        self.send(Event::Start(image));
        self.send(Event::Text(CowStr::from(alt)));
        self.send(Event::End(TagEnd::Image));
        self.line_start = false;
    }

    /// `<pre>`: a code block keeping its text as written (`<br>` is a line break); inside a
    /// cell or heading, inline code.
    fn code_block(&mut self, node: &NodeRef<'_>, cell: bool) {
        let mut text = String::new();
        for inner in node.descendants_it() {
            inner.query(|n| match &n.data {
                NodeData::Text { contents } => text.push_str(contents),
                NodeData::Element(e) if &*e.name.local == "br" => text.push('\n'),
                _ => {}
            });
        }
        if cell {
            let code = collapse(&text);
            if !code.is_empty() {
                self.flush_space();
                self.send(Event::Code(CowStr::from(code)));
            }
            return;
        }
        self.boundary();
        let lang = code_language(node);
        self.send(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(lang)))));
        self.send(Event::Text(CowStr::from(text)));
        self.send(Event::End(TagEnd::CodeBlock));
        self.boundary();
    }

    /// Opens a data table: its caption as a bold line above it, then the table.
    fn table(&mut self, node: &NodeRef<'_>) {
        self.boundary();
        let caption = node.children_it(false).find(|c| c.has_name("caption"));
        if let Some(caption) = caption.map(|c| collapse(&c.text())).filter(|c| !c.is_empty()) {
            self.send(Event::Start(Tag::Strong));
            self.send(Event::Text(CowStr::from(caption)));
            self.send(Event::End(TagEnd::Strong));
            self.boundary();
        }
        let columns = rows(node).map(|row| cells(&row).count()).max().unwrap_or(0);
        self.send(Event::Start(Tag::Table(vec![Alignment::None; columns])));
        self.tables += 1;
        self.head_done = false;
    }
}
