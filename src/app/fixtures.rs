//! Hand-built articles and key helpers for tests, so model and snapshot tests need neither the
//! Markdown parser nor a terminal.

use super::App;
use crate::action::Action;
use crate::article::{Article, Block, Meta, Origin, Section, Span};
use crate::library::Library;
use crate::tui::Open;
use crate::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A section of plain paragraphs.
pub fn section(level: u8, title: &str, paragraphs: &[&str]) -> Section {
    Section {
        title: title.into(),
        level,
        anchor: title.to_lowercase().replace(' ', "-"),
        blocks: paragraphs.iter().map(|p| Block::Paragraph(vec![Span::plain(*p)])).collect(),
    }
}

/// An article with the given title and sections.
pub fn article(title: &str, sections: Vec<Section>) -> Article {
    Article {
        id: title.to_lowercase().replace(' ', "-"),
        meta: Meta { title: title.into(), ..Meta::default() },
        origin: Origin::Bundled("test.md"),
        sections,
        notes: Vec::new(),
    }
}

const LEAD: &str = "Ketamine is a medicine first made in the 1960s as an anaesthetic. It is \
    still used in operating rooms and emergency care, and more recently in clinics that treat \
    depression that has not responded to other treatment.";
const NMDA: &str = "Ketamine blocks the NMDA receptor, a gate for the signalling chemical \
    glutamate. Blocking nmda receptors on some neurons briefly raises glutamate release \
    elsewhere, which is thought to start the rapid effects on mood.";
const PLAIN: &str = "Doses, settings and monitoring differ between uses, so what is true of \
    one use does not carry over to another. Talk to a clinician about your own situation \
    before drawing conclusions from general information like this.";

/// An eight-section article (untitled lead, levels 2 and 3) long enough to scroll, with
/// "NMDA" in several places.
pub fn sample() -> Article {
    article(
        "What ketamine does",
        vec![
            section(0, "", &[LEAD, PLAIN]),
            section(2, "What it is", &[PLAIN, LEAD]),
            section(3, "How it acts", &[NMDA, PLAIN, PLAIN]),
            section(2, "Uses in medicine", &[PLAIN, NMDA]),
            section(3, "Anaesthesia", &[PLAIN, PLAIN, LEAD]),
            section(3, "Depression", &[NMDA, PLAIN, PLAIN]),
            section(2, "Side effects", &[PLAIN, PLAIN, PLAIN]),
            section(2, "Sources", &[LEAD, PLAIN, PLAIN, PLAIN]),
        ],
    )
}

/// An app reading `article` on a `width` x `height` terminal, dark theme.
pub fn app_with(article: Article, width: u16, height: u16) -> App {
    let library = Library { articles: vec![article], notes: Vec::new() };
    let mut app = App::new(library, Open::Article(0), Theme::dark());
    app.update(Action::Resize(width, height));
    app
}

/// The sample article at `width` x `height`.
pub fn app(width: u16, height: u16) -> App {
    app_with(sample(), width, height)
}

/// Presses each character of `keys` as a key (no modifiers).
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Presses a named key.
pub fn press(app: &mut App, code: KeyCode) {
    app.press(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Presses a character with Ctrl held.
pub fn ctrl(app: &mut App, c: char) {
    app.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}
