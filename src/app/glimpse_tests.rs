//! A start drawn from a remembered first screen must draw exactly what a start from the whole
//! library draws, and become that start once the rest is taken in.

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
    let mut app = App::new(Options::listing(entries));
    let (progress, bookmarks) = state(last);
    let _ = app.restore(progress, bookmarks, order);
    app.glimpse_scope = Some("scope".into());
    app.now = NOW;
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
                    key: entry.key.clone(),
                    title: entry.title.clone(),
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
    let mut app = App::new(Options::listing(base.into_iter().chain(rows).collect()));
    app.await_library(count);
    let (progress, bookmarks) = state(last);
    let _ = app.restore(progress, bookmarks, order);
    assert!(app.show_glimpse(glimpse), "every row of the glimpse is listed");
    app.now = NOW;
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
    app.shelf.rows.iter().map(|r| app.entries[r.entry].key.clone()).collect()
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
                copy.key.clone()
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
                let effects = quick.take_library(cached());
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
    let _ = quick.take_library(cached());
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
    app.scan_progress = Some((3, 450));
    assert!(app.glimpse().is_some(), "a run quit at once leaves one for the next");
    app.standalone = true;
    assert_eq!(app.glimpse(), None);
    app.standalone = false;
    app.glimpse_scope = None;
    assert_eq!(app.glimpse(), None);
    assert!(
        !app.shutdown().iter().any(|e| matches!(e, Effect::SaveGlimpse(_))),
        "nothing said about a glimpse outside a library run"
    );
    app.glimpse_scope = Some("scope".into());
    assert!(app.shutdown().iter().any(|e| matches!(e, Effect::SaveGlimpse(Some(_)))));
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
    let mut app = App::new(Options::listing(entries));
    app.await_library(base);
    let saved = Progress {
        article: "t:influenza".into(),
        title_key: "influenza".into(),
        anchor: String::new(),
        section: 0,
        offset: 0,
        percent: 30,
        read_at: NOW,
    };
    let effects = app.restore(vec![saved], Vec::new(), Order::Title);
    assert!(!effects.iter().any(|e| matches!(e, Effect::Rekey { .. })), "{effects:?}");
    let effects = app.take_library(cached());
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Rekey { .. })),
        "the whole library holds the article itself: {effects:?}"
    );
    assert!(app.progress.contains_key("t:influenza"));
}

/// A library of `count` articles "Topic 000"... listed out of title order, each of `parts`
/// sections long enough to scroll, on an 80x24 terminal.
fn topics(count: usize, parts: usize) -> App {
    use crate::app::fixtures::{article, library_app, section};
    let text = "A paragraph long enough to scroll through at this width. ".repeat(12);
    let articles = (0..count)
        .map(|i| {
            let title = format!("Topic {:03}", (i * 37) % count);
            let sections = (0..parts).map(|s| section(2, &format!("Part {s}"), &[&text])).collect();
            article(&title, sections)
        })
        .collect();
    library_app(articles, 80, 24)
}

#[test]
fn the_glimpse_left_after_reading_and_filtering_is_the_next_starts_first_screen() {
    use crate::app::fixtures::{press, type_keys};
    use ratatui::crossterm::event::KeyCode;
    for order in [Order::Title, Order::Recent, Order::Progress, Order::Folder] {
        let mut app = topics(260, 6);
        app.glimpse_scope = Some("scope".into());
        let _ = app.restore(Vec::new(), Vec::new(), order);
        app.now = NOW;
        // One article read part way and left for the library; a filter typed; another article
        // opened from it, read further, and the app quit from the reader.
        type_keys(&mut app, "jjj");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "jjjjjj");
        app.now += 60;
        press(&mut app, KeyCode::Esc);
        type_keys(&mut app, "/Topic 2");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "jj");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "]]]]");
        app.now += 60;
        let left = app.shutdown().into_iter().find_map(|e| match e {
            Effect::SaveGlimpse(glimpse) => glimpse,
            _ => None,
        });
        // The next start: the same entries and saved state, the list made from nothing.
        let mut next = App::new(Options::listing(app.entries.clone()));
        let _ = next.restore(app.progress.values().cloned().collect(), Vec::new(), order);
        next.glimpse_scope = Some("scope".into());
        assert_eq!(app.progress.len(), 2, "two articles read");
        assert_eq!(left, next.glimpse(), "by {}", order.name());
    }
}

#[test]
fn the_list_kept_between_refreshes_is_the_list_sorted_again() {
    use crate::app::fixtures::{press, type_keys};
    use ratatui::crossterm::event::KeyCode;
    for order in [Order::Title, Order::Recent, Order::Progress, Order::Folder] {
        let mut app = topics(120, 4);
        let _ = app.restore(Vec::new(), Vec::new(), order);
        let sorted = |app: &App| {
            let mut memo = crate::app::FilterMemo::default();
            super::shelf::rows(&app.entries, &app.progress, "", app.shelf.order, &mut memo)
        };
        // Read three articles to different depths at different times, going back to the
        // library after each; then a filter typed and cleared.
        for (at, keys) in [(60, "jjjj"), (120, "]]]"), (180, "j")] {
            app.now = NOW + at;
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
    app.scanned(ScanEvent::Gone(vec![path]));
    let _ = app.settle();
    assert!(!listed(&app).contains(&"k226".to_string()), "no longer listed");
    // Its cache row stays (30 days): the next start lists it until its own walk runs.
    assert_eq!(app.glimpse(), next_start);
    // Back again before the end of the run.
    app.scanned(ScanEvent::Found(vec![gone]));
    let _ = app.settle();
    assert!(listed(&app).contains(&"k226".to_string()), "listed again");
    assert_eq!(app.gone, 0);
    assert_eq!(app.glimpse(), next_start);
}
