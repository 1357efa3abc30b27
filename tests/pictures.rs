//! The README's pictures (`assets/*.svg`) are drawn by the real drawing code: each scene here
//! builds an app from the bundled articles with fixed state and a fixed clock, draws it as the
//! terminal would, and writes the screen as SVG. The test fails when a committed picture
//! differs from what the code draws now; `SALVE_UPDATE_PICTURES=1 cargo test --test pictures`
//! redraws them (this file is both the check and the command, so they cannot disagree).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use salve::action::Action;
use salve::app::Options;
use salve::app::{App, Effect, Msg, Screen};
use salve::library::Entry;
use salve::library::Order;
use salve::store::{Bookmark, Progress, Store};
use std::path::PathBuf;

/// The command that redraws the pictures, as the README and failure messages give it.
const UPDATE: &str = "SALVE_UPDATE_PICTURES=1 cargo test --test pictures";

/// The clock of every scene (2026-03-02 12:00 UTC): "2 days ago" stays two days ago.
const NOW: i64 = 1_772_452_800;
const DAY: i64 = 86_400;

/// Terminal size of every picture: wide enough for the library's preview column and the
/// reader's contents sidebar, short enough to read on a web page.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 32;

/// The bundled library, as salve's event loop runs it: effects are carried out against the
/// real article loader and a real (in-memory) search index of the same articles.
struct Scene {
    app: App,
    store: Store,
}

impl Scene {
    /// The library screen, dark theme, nothing read yet.
    fn new() -> Self {
        let articles = salve::library::bundled().articles;
        let mut store = Store::open_in_memory().expect("an in-memory store");
        salve::search::index_articles(&mut store, &articles)
            .expect("indexing the bundled articles");
        let entries = articles.iter().map(|a| Entry::from_article(a, &[])).collect();
        let mut app = App::new(Options { now: NOW, ..Options::listing(entries) });
        app.update(Action::Resize(WIDTH, HEIGHT));
        Self { app, store }
    }

    /// The entry of the bundled article whose title starts with `title`.
    fn entry(&self, title: &str) -> usize {
        self.app.entries.iter().position(|e| e.title.starts_with(title)).expect("a bundled title")
    }

    /// Presses each character of `keys`, then carries out what the app asks for.
    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    fn press(&mut self, code: KeyCode) {
        let effects = self.app.update(KeyEvent::new(code, KeyModifiers::NONE));
        self.run(effects);
    }

    /// Opening articles and searching, as `tui` does; saving has nowhere to go in a picture.
    fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let more = match effect {
                Effect::Open(index) => {
                    let article =
                        salve::library::open(&self.app.entries[index].origin).map(Box::new);
                    self.app.update(Msg::Opened { entry: index, article, size: None })
                }
                Effect::Search { query, asked } => {
                    let outcome =
                        salve::search::search(&self.store, &query, asked).map_err(Into::into);
                    self.app.update(Msg::Found { query, asked, outcome })
                }
                _ => Vec::new(),
            };
            self.run(more);
        }
    }

    /// Saved state from earlier sessions: one article partly read two days ago with a
    /// bookmark, one finished last week; the one read last is selected, as at start-up.
    fn with_history(mut self) -> Self {
        let side_effects = self.entry("Ketamine Side Effects");
        let brain = self.entry("What Does Ketamine Do");
        let read = |entry: &Entry, section, percent, days_ago| Progress {
            article: entry.key.to_string(),
            title_key: entry.title_key.clone(),
            anchor: String::new(),
            section,
            offset: 0,
            percent,
            read_at: NOW - days_ago * DAY,
        };
        let entry = &self.app.entries[side_effects];
        let progress = vec![read(entry, 3, 40, 2), read(&self.app.entries[brain], 9, 70, 8)];
        let mark = Bookmark {
            id: "1".into(),
            article: entry.key.to_string(),
            title_key: entry.title_key.clone(),
            article_title: entry.title.to_string(),
            section_title: "Physical side effects".into(),
            anchor: String::new(),
            section: 3,
            offset: 0,
            label: "nausea".into(),
            excerpt: "Nausea and vomiting are common".into(),
            created_at: NOW - 2 * DAY,
        };
        let restored = Msg::Restored { progress, bookmarks: vec![mark], order: Order::Recent };
        let effects = self.app.update(restored);
        self.run(effects);
        self
    }
}

/// The library with reading history, the selected article's summary and outline beside it.
fn library() -> App {
    Scene::new().with_history().app
}

/// The article read last week (two levels of headings), reopened where it was left, with the
/// contents sidebar open.
fn reader() -> App {
    let mut scene = Scene::new().with_history();
    let brain = scene.entry("What Does Ketamine Do");
    scene.press(KeyCode::Home);
    for _ in 0..scene.app.entries.len() {
        if scene.app.shelf.selected_entry() == Some(brain) {
            break;
        }
        scene.press(KeyCode::Down);
    }
    scene.press(KeyCode::Enter);
    scene.keys("t");
    scene.app
}

/// The search pane with the results for "PTSD" from the real index.
fn search() -> App {
    let mut scene = Scene::new().with_history();
    scene.keys("sPTSD");
    scene.app
}

/// Draws `app` and compares the picture with `assets/<name>.svg` (or rewrites it).
fn check(name: &str, title: &str, app: &App) {
    let svg =
        salve::ui::svg::buffer_to_svg(&salve::ui::render_to_buffer(app, WIDTH, HEIGHT), title);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets").join(format!("{name}.svg"));
    if std::env::var_os("SALVE_UPDATE_PICTURES").is_some_and(|v| !v.is_empty()) {
        // In CI the pictures are checked, never redrawn: a stale one must fail there.
        assert!(std::env::var_os("CI").is_none(), "SALVE_UPDATE_PICTURES is set in CI");
        std::fs::write(&path, &svg).expect("writing the picture");
        return;
    }
    // A checkout that turned line ends into CRLF still holds the same picture.
    let committed = std::fs::read_to_string(&path).map(|s| s.replace("\r\n", "\n"));
    let Ok(committed) = committed else {
        panic!("{} is missing; draw it with `{UPDATE}`", path.display());
    };
    if committed != svg {
        let line = committed.lines().zip(svg.lines()).position(|(a, b)| a != b);
        let line = line.map_or_else(|| "its length".into(), |n| format!("line {}", n + 1));
        panic!(
            "{} is not what the code draws now (first difference: {line}); redraw the \
             pictures with `{UPDATE}`, look at them, and commit them",
            path.display()
        );
    }
}

#[test]
fn library_picture_is_current() {
    check("library", "salve's library: four articles, reading progress, and a preview", &library());
}

#[test]
fn reader_picture_is_current() {
    check("reader", "salve reading an article, with its contents sidebar open", &reader());
}

#[test]
fn search_picture_is_current() {
    check("search", "salve's search pane: results for PTSD", &search());
}

/// The scenes show what their names promise, so a change of keys or state cannot quietly
/// turn a picture into something else.
#[test]
fn the_scenes_show_what_the_readme_says() {
    let text = |app: &App| salve::ui::buffer_text(&salve::ui::render_to_buffer(app, WIDTH, HEIGHT));
    let shelf = text(&library());
    assert!(shelf.contains("Library · 4 articles") && shelf.contains("2 days ago"), "{shelf}");
    assert!(shelf.contains("Contents"), "the preview column: {shelf}");
    let reading = reader();
    assert!(reading.screen == Screen::Reader && reading.toc.open, "the contents sidebar");
    let found = text(&search());
    assert!(found.contains("for 'PTSD'") && !found.contains(" 0 results"), "{found}");
    assert!(found.contains("Addressing PTSD with Ketamine"), "the best section listed: {found}");
}
