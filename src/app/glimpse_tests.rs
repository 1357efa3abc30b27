//! A start drawn from a remembered first screen must draw exactly what a start from the whole
//! library draws, and become that start once the rest is taken in.

use super::Msg;
use super::{App, Effect};
use crate::action::Action;
use crate::app::Options;
use crate::library::Entry;
use crate::library::Order;
use crate::store::{Bookmark, CachedRow, Glimpse, IndexOrigin, Progress};
use crate::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::PathBuf;
use std::sync::Arc;

const NOW: i64 = 1_900_000_000;

/// A `last` for a library where nothing was read yet.
const NOTHING_READ: &str = "";

/// 450 cached files in two folders, titles chosen so that orders interleave, some titles
/// shared (equal titles sort by their place) and one article copied into both folders (two
/// files, one key, which the whole list tells apart).
fn cached() -> Vec<Entry> {
    (0..450)
        .map(|i| {
            let folder = if i % 3 == 0 { "nih" } else { "cdc" };
            let title = match i {
                7 | 8 => "Influenza".to_string(),
                _ if i % 11 == 0 => format!("Shared title {}", i % 4),
                _ => format!("{} condition {i}", ["Acne", "Burns", "Colds", "Zoster"][i % 4]),
            };
            let key = if i == 7 || i == 8 { "t:influenza".into() } else { format!("k{i}") };
            let row = CachedRow {
                path: PathBuf::from(format!("/lib/{folder}/{i:03}.md")),
                size: 100,
                mtime_ns: 0,
                key,
                title,
                keywords: String::new(),
                words: 200 + u32::try_from(i).unwrap_or(0) * 7,
                sections: 3,
                problems: Vec::new(),
            };
            Entry::from_cached(row, Arc::from(folder))
        })
        .collect()
}

fn bundled() -> Vec<Entry> {
    crate::library::bundled().articles.iter().map(|a| Entry::from_article(a, &[])).collect()
}

/// Reading state: a few articles read at different times and to different depths, the one
/// read last being `last` (a key), and two bookmarks; nothing at all for `NOTHING_READ`.
fn state(last: &str) -> (Vec<Progress>, Vec<Bookmark>) {
    if last == NOTHING_READ {
        return (Vec::new(), Vec::new());
    }
    let read = |key: &str, at: i64, percent: u8| Progress {
        article: key.into(),
        title_key: String::new(),
        anchor: String::new(),
        section: 0,
        offset: 0,
        percent,
        read_at: at,
    };
    let mut progress = vec![
        read("k10", NOW - 86_400 * 3, 40),
        read("k200", NOW - 3600, 90),
        read("k301", NOW - 86_400 * 40, 5),
        read("t:influenza", NOW - 7200, 100),
    ];
    progress.push(read(last, NOW - 60, 55));
    let mark = |article: &str, id: &str| Bookmark {
        id: id.into(),
        article: article.into(),
        title_key: String::new(),
        article_title: String::new(),
        section_title: String::new(),
        anchor: String::new(),
        section: 0,
        offset: 0,
        label: "mark".into(),
        excerpt: String::new(),
        created_at: NOW - 10,
    };
    (progress, vec![mark("k200", "1"), mark(last, "2")])
}

/// A start from the whole library, as `salve` makes it when there is no glimpse.
fn whole(order: Order, last: &str, size: (u16, u16)) -> App {
    let entries: Vec<Entry> = bundled().into_iter().chain(cached()).collect();
    let options = Options { glimpse_scope: Some("scope".into()), now: NOW, ..Options::default() };
    let mut app = App::new(Options { entries, ..options });
    let (progress, bookmarks) = state(last);
    let _ = app.update(Msg::Restored { progress, bookmarks, order });
    let _ = app.update(Action::Resize(size.0, size.1));
    app
}

/// A start from `glimpse`: the bundled articles and the glimpse's rows only, the rest to come.
fn glimpsed(glimpse: &Glimpse, order: Order, last: &str, size: (u16, u16)) -> App {
    let all = cached();
    let found: Vec<Option<CachedRow>> = glimpse
        .rows
        .iter()
        .map(|row| match &row.place {
            IndexOrigin::Bundled(_) => None,
            IndexOrigin::File(path) => {
                let entry = all.iter().find(|e| e.path() == Some(path.as_path()))?;
                Some(CachedRow {
                    path: path.clone(),
                    size: 100,
                    mtime_ns: 0,
                    key: entry.key.to_string(),
                    title: entry.title.to_string(),
                    keywords: String::new(),
                    words: entry.words,
                    sections: entry.sections,
                    problems: Vec::new(),
                })
            }
        })
        .collect();
    let roots = [PathBuf::from("/lib")];
    let rows = crate::library::cached::glimpse_entries(glimpse, found, &roots).expect("rows");
    let base = bundled();
    let count = base.len();
    let entries = base.into_iter().chain(rows).collect();
    let options = Options { cached_from: Some(count), now: NOW, ..Options::default() };
    let mut app = App::new(Options { entries, ..options });
    let (progress, bookmarks) = state(last);
    let _ = app.update(Msg::Restored { progress, bookmarks, order });
    let effects = app.update(Msg::Glimpse(glimpse.clone()));
    assert!(!effects.contains(&Effect::ReadLibrary), "every row of the glimpse is listed");
    let _ = app.update(Action::Resize(size.0, size.1));
    app
}

fn render(app: &App, size: (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("test backend");
    terminal.draw(|frame| crate::ui::draw(frame, app, &Theme::dark())).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let cells: Vec<&str> = buffer.content.iter().map(ratatui::buffer::Cell::symbol).collect();
    cells.chunks(width).map(|row| row.concat().trim_end().to_string() + "\n").collect()
}

/// The keys of the rows listed, in order.
fn listed(app: &App) -> Vec<String> {
    app.shelf.rows.iter().map(|r| app.entries[r.entry].key.to_string()).collect()
}

#[test]
fn a_remembered_first_screen_draws_what_the_whole_library_draws() {
    // The article read last near the top of the title order, in the middle, at the very end;
    // one of two copies of an article; none read; and every order, at three sizes.
    let lasts = ["k4", "k222", "k447", "t:influenza@", "k449", NOTHING_READ];
    let orders = [Order::Title, Order::Recent, Order::Progress, Order::Folder];
    let sizes = [(120, 40), (80, 24), (60, 12)];
    for last in lasts {
        for order in orders {
            // The copy that got a key of its own in the whole list.
            let last = if last.ends_with('@') && !last.is_empty() {
                let full = whole(order, "k1", (80, 24));
                let copy = full.entries.iter().find(|e| e.key.starts_with(last)).expect("copy");
                copy.key.to_string()
            } else {
                last.to_string()
            };
            let glimpse = whole(order, &last, (100, 30)).glimpse().expect("a library run");
            assert!(glimpse.rows.len() <= 2 * super::GLIMPSE_ROWS);
            for size in sizes {
                let full = whole(order, &last, size);
                let mut quick = glimpsed(&glimpse, order, &last, size);
                let (want, got) = (render(&full, size), render(&quick, size));
                assert_eq!(
                    text(&got),
                    text(&want),
                    "{last} by {} at {size:?}: the glimpse's frame",
                    order.name()
                );
                assert_eq!(got, want, "{last} by {} at {size:?}: the same styles", order.name());
                // The rest taken in: the whole list, the same screen.
                let effects = quick.update(Msg::Library { entries: cached(), unread: None });
                assert!(quick.pending.is_none(), "the whole library is in");
                assert!(effects.iter().all(|e| matches!(e, Effect::LoadPreview(_))), "{effects:?}");
                assert_eq!(listed(&quick), listed(&full), "{last} by {}", order.name());
                assert_eq!(text(&render(&quick, size)), text(&want), "{last}: after the rest");
                assert_eq!(quick.shelf.position(), full.shelf.position());
            }
        }
    }
}

#[test]
fn keys_after_the_rest_is_taken_in_move_through_the_whole_list() {
    let size = (80, 24);
    let glimpse = whole(Order::Title, "k222", size).glimpse().expect("a library run");
    let mut quick = glimpsed(&glimpse, Order::Title, "k222", size);
    let mut full = whole(Order::Title, "k222", size);
    let _ = quick.update(Msg::Library { entries: cached(), unread: None });
    for app in [&mut quick, &mut full] {
        crate::app::fixtures::type_keys(app, "jjjGkk");
    }
    assert_eq!(quick.shelf.position(), full.shelf.position());
    assert_eq!(quick.shelf.position().0, 454 - 2, "G went to the end of the whole list");
    assert_eq!(text(&render(&quick, size)), text(&render(&full, size)));
}

#[test]
fn a_glimpse_is_kept_for_a_library_run_even_before_its_walk_has_finished() {
    let mut app = whole(Order::Title, "k10", (80, 24));
    app.update(Msg::Walk(crate::library::scan::ScanEvent::Progress { done: 3, total: 450 }));
    assert_eq!(app.scan_progress, Some((3, 450)), "the walk is under way");
    assert!(app.glimpse().is_some(), "a run quit at once leaves one for the next");
    assert!(app.update(Msg::Leave).iter().any(|e| matches!(e, Effect::SaveGlimpse(Some(_)))));
    // Started on one article: no glimpse of its own.
    let entries = || bundled().into_iter().chain(cached()).collect();
    let scope = Some("scope".to_string());
    let mut on_one =
        App::new(Options { standalone: true, glimpse_scope: scope, ..Options::listing(entries()) });
    on_one.update(Action::Resize(80, 24));
    assert_eq!(on_one.glimpse(), None);
    // Not a library run: no glimpse, and nothing said of one.
    let mut app = App::new(Options::listing(entries()));
    app.update(Action::Resize(80, 24));
    assert_eq!(app.glimpse(), None);
    assert!(
        !app.update(Msg::Leave).iter().any(|e| matches!(e, Effect::SaveGlimpse(_))),
        "nothing said about a glimpse outside a library run"
    );
}

#[test]
fn saved_state_is_not_moved_to_other_articles_while_the_library_is_partly_read() {
    // Progress of an edited article (saved under a key no entry has) goes to the one entry of
    // its title with no state of its own: not before the whole library is in, where the
    // article it belongs to may be.
    let mut entries = bundled();
    let base = entries.len();
    let mut lone = cached().swap_remove(20);
    lone.title_key = "influenza".into();
    entries.push(lone);
    let mut app = App::new(Options { cached_from: Some(base), ..Options::listing(entries) });
    let saved = Progress {
        article: "t:influenza".into(),
        title_key: "influenza".into(),
        anchor: String::new(),
        section: 0,
        offset: 0,
        percent: 30,
        read_at: NOW,
    };
    let effects = app.update(Msg::Restored {
        progress: vec![saved],
        bookmarks: Vec::new(),
        order: Order::Title,
    });
    assert!(!effects.iter().any(|e| matches!(e, Effect::Rekey { .. })), "{effects:?}");
    let effects = app.update(Msg::Library { entries: cached(), unread: None });
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Rekey { .. })),
        "the whole library holds the article itself: {effects:?}"
    );
    assert!(app.progress.contains_key("t:influenza"));
}

/// A library of `count` articles "Topic 000"... listed out of title order, each of `parts`
/// sections long enough to scroll, on an 80x24 terminal.
fn topics(count: usize, parts: usize, scope: Option<&str>) -> App {
    use crate::app::fixtures::{article, section};
    let text = "A paragraph long enough to scroll through at this width. ".repeat(12);
    let articles = (0..count)
        .map(|i| {
            let title = format!("Topic {:03}", (i * 37) % count);
            let sections = (0..parts).map(|s| section(2, &format!("Part {s}"), &[&text])).collect();
            article(&title, sections)
        })
        .collect();
    let mut app = crate::app::fixtures::listed(articles, |options| Options {
        glimpse_scope: scope.map(str::to_string),
        ..options
    });
    app.update(Action::Resize(80, 24));
    app
}

#[test]
fn the_glimpse_left_after_reading_and_filtering_is_the_next_starts_first_screen() {
    use crate::app::fixtures::{press, type_keys};
    use ratatui::crossterm::event::KeyCode;
    for order in [Order::Title, Order::Recent, Order::Progress, Order::Folder] {
        let mut app = topics(260, 6, Some("scope"));
        let _ = app.update(Msg::Restored { progress: Vec::new(), bookmarks: Vec::new(), order });
        app.update(Msg::Clock(NOW));
        // One article read part way and left for the library; a filter typed; another article
        // opened from it, read further, and the app quit from the reader.
        type_keys(&mut app, "jjj");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "jjjjjj");
        let now = app.now + 60;
        app.update(Msg::Clock(now));
        press(&mut app, KeyCode::Esc);
        type_keys(&mut app, "/Topic 2");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "jj");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "]]]]");
        let now = app.now + 60;
        app.update(Msg::Clock(now));
        let left = app.update(Msg::Leave).into_iter().find_map(|e| match e {
            Effect::SaveGlimpse(glimpse) => glimpse,
            _ => None,
        });
        // The next start: the same entries and saved state, the list made from nothing.
        let scope = Some("scope".into());
        let entries = app.entries.clone();
        let mut next = App::new(Options { glimpse_scope: scope, ..Options::listing(entries) });
        let _ = next.update(Msg::Restored {
            progress: app.progress.values().cloned().collect(),
            bookmarks: Vec::new(),
            order,
        });
        assert_eq!(app.progress.len(), 2, "two articles read");
        assert_eq!(left, next.glimpse(), "by {}", order.name());
    }
}

#[test]
fn the_list_kept_between_refreshes_is_the_list_sorted_again() {
    use crate::app::fixtures::{press, type_keys};
    use ratatui::crossterm::event::KeyCode;
    for order in [Order::Title, Order::Recent, Order::Progress, Order::Folder] {
        let mut app = topics(120, 4, None);
        let _ = app.update(Msg::Restored { progress: Vec::new(), bookmarks: Vec::new(), order });
        let sorted =
            |app: &App| super::shelf::whole_list(&app.entries, &app.progress, app.shelf.order);
        // Read three articles to different depths at different times, going back to the
        // library after each; then a filter typed and cleared.
        for (at, keys) in [(60, "jjjj"), (120, "]]]"), (180, "j")] {
            app.update(Msg::Clock(NOW + at));
            press(&mut app, KeyCode::Enter);
            type_keys(&mut app, keys);
            press(&mut app, KeyCode::Esc);
            assert_eq!(app.shelf.rows, sorted(&app), "by {} after reading", order.name());
            type_keys(&mut app, "jjjjj");
        }
        type_keys(&mut app, "/Topic 1");
        press(&mut app, KeyCode::Esc);
        assert!(app.shelf.query.is_empty());
        assert_eq!(app.shelf.rows, sorted(&app), "by {} after a filter", order.name());
    }
}

#[test]
fn a_file_found_gone_stays_in_the_next_starts_first_screen_until_its_walk_finds_it_gone() {
    use crate::library::scan::ScanEvent;
    let size = (80, 24);
    let next_start = whole(Order::Title, "k222", size).glimpse();
    let mut app = whole(Order::Title, "k222", size);
    // A file near the article read last, so it is among the rows kept.
    let gone = cached().into_iter().find(|e| e.key == "k226").expect("k226");
    let path = gone.path().expect("a file").to_path_buf();
    app.update(Msg::Walk(ScanEvent::Gone(vec![path])));
    assert!(!listed(&app).contains(&"k226".to_string()), "no longer listed");
    // Its cache row stays (30 days): the next start lists it until its own walk runs.
    assert_eq!(app.glimpse(), next_start);
    // Back again before the end of the run.
    app.update(Msg::Walk(ScanEvent::Found(vec![gone])));
    assert!(listed(&app).contains(&"k226".to_string()), "listed again");
    assert_eq!(app.gone, 0);
    assert_eq!(app.glimpse(), next_start);
}
