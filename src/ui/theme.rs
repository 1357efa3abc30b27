//! The theme: every colour and text attribute salve draws with, in one struct.
//!
//! Layout hands over semantic styles ([`Kind`] plus [`Inline`] flags); [`Theme::style`] turns
//! them into terminal styles, so switching themes never needs a relayout. The monochrome theme
//! (chosen when `NO_COLOR` is set) keeps structure visible with bold, italic, underline and
//! reverse alone.

use crate::article::Inline;
use crate::layout::{self, Kind};
use ratatui::style::{Color, Modifier, Style};

/// Styles for everything drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Headings by level 1..=6 (index 0 is level 1).
    pub headings: [Style; 6],
    /// Code block text; its background fills the whole column.
    pub code_block: Style,
    /// Inline code.
    pub code: Style,
    /// The bar left of quotes.
    pub quote_bar: Style,
    /// List bullets and numbers.
    pub list_marker: Style,
    /// Link text.
    pub link: Style,
    /// Link addresses after the text.
    pub url: Style,
    /// Image placeholders.
    pub image: Style,
    /// Footnote labels and references.
    pub note: Style,
    /// Horizontal rules and table borders.
    pub rule: Style,
    /// Table header cells.
    pub table_header: Style,
    /// The title on the header card.
    pub card_title: Style,
    /// Source, tags and reading time on the card.
    pub card_meta: Style,
    /// The "not medical advice" line.
    pub card_note: Style,
    /// The percent-read badge on the card.
    pub progress: Style,
    /// The marker for text cut at the column edge.
    pub cut: Style,
    /// A search match.
    pub matched: Style,
    /// The current search match.
    pub matched_current: Style,
    /// The status bar.
    pub status: Style,
    /// Keys in status hints and on the help screen.
    pub key: Style,
    /// Less important status text.
    pub dim: Style,
    /// Error-ish notices (no match, empty library).
    pub warn: Style,
    /// The section being read, in the contents.
    pub toc_current: Style,
    /// The contents cursor when the sidebar is focused.
    pub toc_cursor: Style,
    /// Borders of panels.
    pub border: Style,
    /// Headings on the help screen.
    pub help_heading: Style,
    /// Bookmark signs, and progress bars in the library.
    pub mark: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// Characters of a list row that matched the filter.
    pub hit: Style,
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Theme {
    /// Light text on a dark terminal (the default).
    pub fn dark() -> Self {
        let bold = Modifier::BOLD;
        Self {
            text: Style::new(),
            headings: [
                fg(Color::LightYellow).add_modifier(bold | Modifier::UNDERLINED),
                fg(Color::LightYellow).add_modifier(bold),
                fg(Color::LightCyan).add_modifier(bold),
                fg(Color::Cyan).add_modifier(bold),
                fg(Color::Cyan),
                fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            ],
            code_block: Style::new().fg(Color::Rgb(220, 220, 200)).bg(Color::Rgb(40, 44, 52)),
            code: fg(Color::LightGreen),
            quote_bar: fg(Color::Magenta),
            list_marker: fg(Color::Yellow),
            link: fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            url: fg(Color::DarkGray),
            image: fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            note: fg(Color::LightMagenta),
            rule: fg(Color::DarkGray),
            table_header: Style::new().add_modifier(bold),
            card_title: fg(Color::White).add_modifier(bold),
            card_meta: fg(Color::Gray),
            card_note: fg(Color::Yellow).add_modifier(Modifier::ITALIC),
            progress: fg(Color::LightGreen),
            cut: fg(Color::Red),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            matched_current: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(bold),
            status: Style::new().fg(Color::White).bg(Color::Rgb(48, 48, 64)),
            key: fg(Color::LightYellow).add_modifier(bold),
            dim: fg(Color::Gray),
            warn: fg(Color::LightRed),
            toc_current: fg(Color::LightYellow).add_modifier(bold),
            toc_cursor: Style::new().add_modifier(Modifier::REVERSED),
            border: fg(Color::DarkGray),
            help_heading: fg(Color::LightCyan).add_modifier(bold | Modifier::UNDERLINED),
            mark: fg(Color::LightMagenta),
            selected: Style::new().bg(Color::Rgb(50, 56, 72)).add_modifier(bold),
            hit: fg(Color::LightYellow).add_modifier(bold),
        }
    }

    /// Dark text on a light terminal.
    pub fn light() -> Self {
        let bold = Modifier::BOLD;
        Self {
            headings: [
                fg(Color::Blue).add_modifier(bold | Modifier::UNDERLINED),
                fg(Color::Blue).add_modifier(bold),
                fg(Color::Magenta).add_modifier(bold),
                fg(Color::Magenta),
                fg(Color::DarkGray).add_modifier(bold),
                fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            ],
            code_block: Style::new().fg(Color::Black).bg(Color::Rgb(235, 235, 225)),
            code: fg(Color::Rgb(0, 110, 0)),
            quote_bar: fg(Color::Magenta),
            list_marker: fg(Color::Rgb(150, 90, 0)),
            link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            url: fg(Color::Gray),
            note: fg(Color::Magenta),
            rule: fg(Color::Gray),
            card_title: fg(Color::Black).add_modifier(bold),
            card_meta: fg(Color::DarkGray),
            card_note: fg(Color::Rgb(150, 90, 0)).add_modifier(Modifier::ITALIC),
            progress: fg(Color::Rgb(0, 110, 0)),
            status: Style::new().fg(Color::Black).bg(Color::Rgb(215, 215, 230)),
            key: fg(Color::Blue).add_modifier(bold),
            dim: fg(Color::DarkGray),
            warn: fg(Color::Red),
            toc_current: fg(Color::Blue).add_modifier(bold),
            border: fg(Color::Gray),
            help_heading: fg(Color::Blue).add_modifier(bold | Modifier::UNDERLINED),
            mark: fg(Color::Magenta),
            selected: Style::new().bg(Color::Rgb(210, 220, 240)).add_modifier(bold),
            hit: fg(Color::Rgb(170, 60, 0)).add_modifier(bold),
            ..Self::dark()
        }
    }

    /// No colours at all: structure from attributes only.
    pub fn mono() -> Self {
        let m = |modifier| Style::new().add_modifier(modifier);
        let bold = Modifier::BOLD;
        Self {
            text: Style::new(),
            headings: [
                m(bold | Modifier::UNDERLINED),
                m(bold),
                m(bold | Modifier::ITALIC),
                m(Modifier::UNDERLINED),
                m(Modifier::ITALIC | Modifier::UNDERLINED),
                m(Modifier::ITALIC),
            ],
            code_block: Style::new(),
            code: m(bold),
            quote_bar: m(bold),
            list_marker: m(bold),
            link: m(Modifier::UNDERLINED),
            url: m(Modifier::DIM),
            image: m(Modifier::ITALIC),
            note: m(Modifier::ITALIC),
            rule: m(Modifier::DIM),
            table_header: m(bold),
            card_title: m(bold | Modifier::UNDERLINED),
            card_meta: m(Modifier::ITALIC),
            card_note: m(Modifier::ITALIC),
            progress: m(bold),
            cut: m(bold),
            matched: m(Modifier::REVERSED),
            matched_current: m(Modifier::REVERSED | bold | Modifier::UNDERLINED),
            status: m(Modifier::REVERSED),
            key: m(bold),
            dim: Style::new(),
            warn: m(bold),
            toc_current: m(bold),
            toc_cursor: m(Modifier::REVERSED),
            border: Style::new(),
            help_heading: m(bold | Modifier::UNDERLINED),
            mark: m(bold),
            selected: m(Modifier::REVERSED),
            hit: m(bold | Modifier::UNDERLINED),
        }
    }

    /// The style for a laid-out run: its kind's style with its inline flags on top.
    pub fn style(&self, style: layout::Style) -> Style {
        let base = match style.kind {
            Kind::Text => self.text,
            Kind::Heading(level) => self.headings[usize::from(level.clamp(1, 6)) - 1],
            Kind::CodeBlock => self.code_block,
            Kind::QuoteBar => self.quote_bar,
            Kind::ListMarker => self.list_marker,
            Kind::Url => self.url,
            Kind::Image => self.image,
            Kind::Note => self.note,
            Kind::Rule | Kind::TableBorder => self.rule,
            Kind::TableHeader => self.table_header,
            Kind::CardTitle => self.card_title,
            Kind::CardMeta => self.card_meta,
            Kind::CardNote => self.card_note,
            Kind::Progress => self.progress,
            Kind::Cut => self.cut,
        };
        self.inline(base, style.inline)
    }

    /// Adds the inline flags' styles to `base`.
    fn inline(&self, mut base: Style, inline: Inline) -> Style {
        let flags = [
            (Inline::EMPH, Style::new().add_modifier(Modifier::ITALIC)),
            (Inline::STRONG, Style::new().add_modifier(Modifier::BOLD)),
            (Inline::STRIKE, Style::new().add_modifier(Modifier::CROSSED_OUT)),
            (Inline::CODE, self.code),
            (Inline::LINK, self.link),
            (Inline::URL, self.url),
            (Inline::IMAGE, self.image),
            (Inline::NOTE_REF, self.note),
        ];
        for (flag, style) in flags {
            if inline.contains(flag) {
                base = base.patch(style);
            }
        }
        base
    }
}
