//! Hand-built articles and key helpers for tests, so model and snapshot tests need neither the
//! Markdown parser nor a terminal.

use super::{App, Effect, Msg, Options};
use crate::action::Action;
use crate::article::{Article, Block, Meta, Origin, Section, Span};
use crate::library::Entry;
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
        key: format!("t:{}", title.to_lowercase()).into(),
        meta: Meta { title: title.into(), ..Meta::default() },
        origin: Origin::Bundled("test.md"),
        sections,
        problems: Vec::new(),
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

thread_local! {
    /// The articles the fixtures' "disk" holds, by key: what an `Open` effect reads.
    static SHELF: std::cell::RefCell<Vec<Article>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The library filter's runner, as the event loop keeps one between jobs.
    static FILTERER: std::cell::RefCell<crate::app::Filterer> =
        std::cell::RefCell::new(crate::app::Filterer::default());
}

/// Puts `article` on the fixtures' "disk" without listing it: a file a link may lead to.
pub fn put_on_disk(article: Article) {
    SHELF.with(|shelf| shelf.borrow_mut().push(article));
}

/// An app listing `articles` (none open) on a `width` x `height` terminal, dark theme; its
/// `Open` effects are served from `articles` by the key helpers below.
pub fn library_app(articles: Vec<Article>, width: u16, height: u16) -> App {
    let mut app = listed(articles, |options| options);
    app.update(Action::Resize(width, height));
    app
}

/// An app listing `articles` (none open), made from the options `with` makes of the default
/// ones; not sized yet. Its `Open` effects are served from `articles`.
pub fn listed(articles: Vec<Article>, with: impl FnOnce(Options) -> Options) -> App {
    let entries = articles.iter().map(|a| Entry::from_article(a, &[])).collect();
    SHELF.with(|shelf| shelf.borrow_mut().extend(articles));
    App::new(with(Options::listing(entries)))
}

/// An app started on entry `index` of `articles` (`salve FILE`), as start-up makes it: leaving
/// the reader quits.
pub fn reading_by_name(articles: Vec<Article>, index: usize, width: u16, height: u16) -> App {
    let entries: Vec<Entry> = articles.iter().map(|a| Entry::from_article(a, &[])).collect();
    let key = entries.get(index).map(|e| e.key.clone());
    SHELF.with(|shelf| shelf.borrow_mut().extend(articles));
    let mut app = App::new(Options { standalone: true, ..Options::listing(entries) });
    app.update(Action::Resize(width, height));
    let article =
        SHELF.with(|shelf| shelf.borrow().iter().find(|a| Some(&a.key) == key.as_ref()).cloned());
    let article = article.map(Box::new).ok_or_else(|| not_on_the_shelf(key.as_deref()));
    let effects = app.update(Msg::Opened { entry: index, article, size: None });
    serve(&mut app, effects);
    app
}

/// An app reading `article` on a `width` x `height` terminal, dark theme.
pub fn app_with(article: Article, width: u16, height: u16) -> App {
    let mut app = library_app(vec![article], width, height);
    press(&mut app, KeyCode::Enter);
    app
}

/// The sample article at `width` x `height`.
pub fn app(width: u16, height: u16) -> App {
    app_with(sample(), width, height)
}

/// Runs effects as the event loop would, reading articles from the fixtures' shelf.
pub fn serve(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Search { query, asked } = effect {
            // An index that knows no article: tests that look at results answer again.
            let outcome = Ok(crate::search::Outcome::default());
            let more = app.update(Msg::Found { query, asked, outcome });
            serve(app, more);
        } else if let Effect::Filter(job) = effect {
            let rows = FILTERER.with(|f| f.borrow_mut().run(&job, &|| false));
            let rows = rows.expect("a job nothing cancels ends");
            let more = app.update(Msg::Filtered { generation: job.generation, rows });
            serve(app, more);
        } else if let Effect::OpenFile { path, anchor } = effect {
            // The shelf's articles stand for the files on disk, by their paths.
            let on_disk = SHELF.with(|shelf| {
                let shelf = shelf.borrow();
                let file =
                    shelf.iter().find(|a| a.origin == crate::article::Origin::File(path.clone()));
                file.map(|a| Box::new(Entry::from_article(a, &[])))
            });
            let entry = on_disk.ok_or_else(|| "no such file".to_string());
            let more = app.update(Msg::Linked { path, anchor, entry });
            serve(app, more);
        } else if let Effect::Open(index) = effect {
            let key = app.entries[index].key.clone();
            let article = SHELF.with(|shelf| shelf.borrow().iter().find(|a| a.key == key).cloned());
            let article = article.map(Box::new).ok_or_else(|| not_on_the_shelf(Some(&key)));
            let more = app.update(Msg::Opened { entry: index, article, size: None });
            serve(app, more);
        }
    }
}

/// What opening an article the fixtures' shelf does not hold meets.
pub fn not_on_the_shelf(key: Option<&str>) -> crate::library::OpenError {
    crate::library::OpenError::NoBundled(format!("{} (not on the test shelf)", key.unwrap_or("")))
}

/// Presses each character of `keys` as a key (no modifiers).
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let effects = app.update(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        serve(app, effects);
    }
}

/// Presses a named key.
pub fn press(app: &mut App, code: KeyCode) {
    let effects = app.update(KeyEvent::new(code, KeyModifiers::NONE));
    serve(app, effects);
}

/// Presses a character with Ctrl held.
pub fn ctrl(app: &mut App, c: char) {
    let effects = app.update(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    serve(app, effects);
}

/// Answers the search for `query` with `outcome`, as the index would, and runs what that
/// asks for.
pub fn answer(
    app: &mut App,
    query: &str,
    outcome: Result<crate::search::Outcome, crate::search::SearchError>,
) {
    let asked = super::ASKED;
    let effects = app.update(Msg::Found { query: query.into(), asked, outcome });
    serve(app, effects);
}

/// The help overlay's scroll, when the help is open.
pub fn help_scroll(app: &App) -> Option<usize> {
    app.overlays.iter().find_map(|o| if let super::Overlay::Help(s) = o { Some(*s) } else { None })
}

/// An app reading the bundled article titled `title`, with the rest of the bundled library
/// listed.
pub fn bundled_app(title: &str, width: u16, height: u16) -> App {
    let articles = crate::library::bundled().articles;
    let index = articles.iter().position(|a| a.meta.title == title).expect("a bundled title");
    bundled_index(index, width, height)
}

/// Selects entry `entry` of the library list with the keys a reader would press: the top of
/// the list, then down until it is selected.
pub fn select(app: &mut App, entry: Option<usize>) {
    press(app, KeyCode::Home);
    for _ in 0..app.shelf.rows.len() {
        if app.shelf.selected_entry() == entry {
            return;
        }
        press(app, KeyCode::Down);
    }
    assert_eq!(app.shelf.selected_entry(), entry, "listed");
}

/// An app reading bundled article `index`.
pub fn bundled_index(index: usize, width: u16, height: u16) -> App {
    let mut app = library_app(crate::library::bundled().articles, width, height);
    select(&mut app, Some(index));
    press(&mut app, KeyCode::Enter);
    app
}
