//! An article read in pieces: keys typed before its end is read are applied in order once it
//! is, `G` says it waits, the contents and search work on what is read so far, and the result
//! is the screen a fully read article gives.

use super::Msg;
use super::fixtures::{article, section, serve, type_keys};
use super::{App, WAITING};
use crate::app::Options;
use crate::article::stream::Finish;
use crate::article::{Article, Section};
use crate::library::Entry;
use crate::ui::{buffer_text, render_to_buffer};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZE: (u16, u16) = (100, 30);

fn long_article() -> Article {
    let text = "A paragraph long enough to wrap over a few lines of the reading column. ".repeat(4);
    let sections = (0..120).map(|i| section(2, &format!("Part {i}"), &[&text, &text])).collect();
    article("Long read", sections)
}

/// An app listing the first `head` sections of `whole` as a file still being read, under its
/// stand-in key, not yet opened; and that first part.
fn listed(whole: &Article, head: usize) -> (App, Article) {
    let mut first = whole.clone();
    first.sections.truncate(head);
    first.key = crate::article::Key::stand_in("long.md");
    let entries = vec![Entry::from_article(&first, &[])];
    let mut app = App::new(Options { standalone: true, ..Options::listing(entries) });
    app.update(crate::action::Action::Resize(SIZE.0, SIZE.1));
    (app, first)
}

/// An app showing the first `head` sections of `whole` as a file still being read.
fn reading(whole: &Article, head: usize) -> App {
    let (mut app, first) = listed(whole, head);
    let effects =
        app.update(Msg::Opened { entry: 0, article: Ok(Box::new(first)), size: Some(1_000_000) });
    serve(&mut app, effects);
    app
}

/// Sends the sections of `whole` after the first `from`, in batches of `batch`, then the end;
/// returns what the end asked for.
fn deliver(app: &mut App, whole: &Article, from: usize, batch: usize) -> Vec<super::Effect> {
    let rest: Vec<Section> = whole.sections[from..].to_vec();
    let mut read = 0;
    for chunk in rest.chunks(batch) {
        read += 1000;
        let effects = app.update(Msg::Sections { entry: 0, sections: chunk.to_vec(), read });
        serve(app, effects);
    }
    let finish = Finish {
        fixes: Vec::new(),
        meta: whole.meta.clone(),
        key: whole.key.clone(),
        problems: vec![],
    };
    let effects = app.update(Msg::Finished { entry: 0, finish: Box::new(finish) });
    serve(app, effects.clone());
    effects
}

/// An app with all of `whole` read at once.
fn read_at_once(whole: &Article) -> App {
    let entries = vec![Entry::from_article(whole, &[])];
    let mut app = App::new(Options { standalone: true, ..Options::listing(entries) });
    app.update(crate::action::Action::Resize(SIZE.0, SIZE.1));
    let effects =
        app.update(Msg::Opened { entry: 0, article: Ok(Box::new(whole.clone())), size: None });
    serve(&mut app, effects);
    app
}

fn screen(app: &App) -> String {
    buffer_text(&render_to_buffer(app, SIZE.0, SIZE.1))
}

#[test]
fn keys_typed_before_the_end_is_read_are_applied_in_order() {
    let whole = long_article();
    // G waits for the end; the keys after it wait behind it, though they could run now.
    for keys in ["jjGkk", "G[[j", "jj]]]]}k", "Gkkk/Part 11\n"] {
        let mut app = reading(&whole, 3);
        type_keys(&mut app, keys);
        deliver(&mut app, &whole, 3, 7);
        let mut want = read_at_once(&whole);
        type_keys(&mut want, keys);
        let (got, wanted) = (app.reader.as_ref().unwrap(), want.reader.as_ref().unwrap());
        assert_eq!(
            (got.pos, got.skip, got.top()),
            (wanted.pos, wanted.skip, wanted.top()),
            "{keys}"
        );
        assert_eq!(screen(&app), screen(&want), "the same screen after {keys:?}");
    }
}

#[test]
fn g_says_it_waits_and_the_status_line_says_how_much_is_read() {
    let whole = long_article();
    let mut app = reading(&whole, 3);
    let effects = app.update(Msg::Sections {
        entry: 0,
        sections: whole.sections[3..10].to_vec(),
        read: 250_000,
    });
    serve(&mut app, effects);
    type_keys(&mut app, "G");
    let shown = screen(&app);
    assert!(shown.contains(WAITING), "{shown}");
    assert!(shown.contains("loading 25%"), "{shown}");
    assert!(!shown.contains(" read · "), "the card has no reading time yet:\n{shown}");
    deliver(&mut app, &whole, 10, 50);
    let shown = screen(&app);
    assert!(shown.contains("Part 119") && shown.contains("100%"), "{shown}");
    assert!(!shown.contains(WAITING), "{shown}");
    type_keys(&mut app, "g");
    assert!(screen(&app).contains(" read · "), "the card is complete:\n{}", screen(&app));
}

#[test]
fn scrolling_within_what_is_read_does_not_wait() {
    let whole = long_article();
    let mut app = reading(&whole, 30);
    type_keys(&mut app, "jjj]");
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.section(), 1, "] went to the next section at once");
    assert!(app.notice.is_none());
}

#[test]
fn the_contents_and_search_work_on_what_is_read_so_far() {
    let whole = long_article();
    let mut app = reading(&whole, 5);
    type_keys(&mut app, "/Part 1");
    let shown = screen(&app);
    assert!(shown.contains("so far"), "the count says it covers only what is read:\n{shown}");
    app.update(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    let effects =
        app.update(Msg::Sections { entry: 0, sections: whole.sections[5..40].to_vec(), read: 1 });
    serve(&mut app, effects);
    assert_eq!(app.article().unwrap().sections.len(), 40, "the contents list what has come");
    deliver(&mut app, &whole, 40, 80);
    assert_eq!(app.article().unwrap().sections.len(), 120);
}

#[test]
fn the_identity_comes_at_the_end_and_nothing_is_saved_under_a_stand_in() {
    let whole = long_article();
    let mut app = reading(&whole, 3);
    type_keys(&mut app, "jj");
    assert!(app.progress.is_empty(), "{:?}", app.progress);
    deliver(&mut app, &whole, 3, 50);
    assert_eq!(app.entries[0].key, whole.key);
    assert!(app.progress.contains_key(whole.key.as_str()));
}

#[test]
fn quitting_does_not_wait_behind_g() {
    let whole = long_article();
    let mut app = reading(&whole, 3);
    type_keys(&mut app, "Gq");
    assert!(app.quit, "q quits at once, dropping the wait for G");
}

#[test]
fn a_large_article_keeps_only_its_layout_and_is_read_again_for_a_new_width() {
    let whole = long_article();
    let mut first = whole.clone();
    first.sections.truncate(3);
    first.key = crate::article::Key::stand_in("long.md");
    let mut app = App::new(Options::listing(vec![Entry::from_article(&first, &[])]));
    app.update(crate::action::Action::Resize(SIZE.0, SIZE.1));
    let effects = app.update(Msg::Opened {
        entry: 0,
        article: Ok(Box::new(first)),
        size: Some(super::loading::LIGHT_FROM),
    });
    serve(&mut app, effects);
    let rest = whole.sections[3..].to_vec();
    let effects = app.update(Msg::Sections { entry: 0, sections: rest, read: 1 });
    serve(&mut app, effects);
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.dropped, 120, "all laid out, all let go");
    assert!(reader.article.sections.iter().all(|s| s.blocks.is_empty()));
    type_keys(&mut app, "]]]");
    let mut want = read_at_once(&whole);
    type_keys(&mut want, "]]]");
    // The text, not the status line (which says the article is still being read).
    let text = |app: &App| {
        screen(app).lines().take(usize::from(SIZE.1) - 1).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(text(&app), text(&want), "what is drawn comes from the layout alone");
    // Links followed to this article: Backspace would go back along them.
    let place = super::Place { anchor: String::new(), section: 0, offset: 0 };
    app.trail.push(super::Stop { key: "elsewhere".into(), place, skip: 0 });
    let effects = app.update(crate::action::Action::Resize(70, SIZE.1));
    assert_eq!(effects, [super::Effect::Open(0)], "read again to lay it out at 70 columns");
    let effects = app.update(Msg::Opened { entry: 0, article: Ok(Box::new(whole)), size: None });
    serve(&mut app, effects);
    assert_eq!(app.trail.len(), 1, "read again, the article keeps the links that led to it");
}

#[test]
fn link_keys_wait_for_a_link_or_a_section_not_read_yet() {
    use crate::article::{Block, Inline, Span};
    use crate::layout::Position;
    let mut whole = long_article();
    let link = |text: &str, to: &str| Span::linked(text, Inline::LINK, to);
    whole.sections[0].blocks.insert(0, Block::Paragraph(vec![link("far on", "#part-100")]));
    whole.sections[110].blocks.push(Block::Paragraph(vec![link("back", "#part-5")]));
    let press = |app: &mut App, code: KeyCode| {
        let effects = app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        serve(app, effects);
    };
    // Enter on a link to a section not read yet; Tab past the last link read so far.
    for keys in [[KeyCode::Tab, KeyCode::Enter], [KeyCode::Tab, KeyCode::Tab]] {
        let mut app = reading(&whole, 3);
        for &k in &keys {
            press(&mut app, k);
        }
        assert!(app.notice.as_deref() == Some(WAITING), "{keys:?}: {:?}", app.notice);
        deliver(&mut app, &whole, 3, 20);
        let mut want = read_at_once(&whole);
        for &k in &keys {
            press(&mut want, k);
        }
        let state = |app: &App| {
            let reader = app.reader.as_ref().unwrap();
            (reader.pos, reader.top(), reader.link)
        };
        assert_eq!(state(&app), state(&want), "{keys:?}");
        assert_ne!(state(&app).0, Position::default(), "{keys:?}: it went somewhere");
    }
}

#[test]
fn a_place_left_under_the_stand_in_key_moves_to_the_real_one_once_read() {
    // An earlier salve moved a long article's saved place to the key it was listed under
    // while being read. That place is not taken as the article's at open (a stand-in is no
    // identity), and once the article is read whole it goes to the real key, in the store too.
    let whole = long_article();
    let (mut app, first) = listed(&whole, 3);
    let left = crate::store::Progress {
        article: first.key.to_string(),
        title_key: crate::article::title_key(&whole.meta.title),
        anchor: whole.sections[100].anchor.clone(),
        section: 100,
        offset: 0,
        percent: 80,
        read_at: 1_000,
    };
    app.update(Msg::Restored {
        progress: vec![left],
        bookmarks: Vec::new(),
        order: super::Order::Title,
    });
    let effects = app.update(Msg::Opened {
        entry: 0,
        article: Ok(Box::new(first.clone())),
        size: Some(1_000_000),
    });
    serve(&mut app, effects);
    assert_eq!(app.reader.as_ref().map(|r| r.pos.section), Some(0), "opened at the top");
    let effects = deliver(&mut app, &whole, 3, 200);
    let rekey = super::Effect::Rekey { from: first.key.to_string(), to: whole.key.to_string() };
    assert!(effects.contains(&rekey), "{effects:?}");
    assert!(!app.progress.contains_key(first.key.as_str()), "{:?}", app.progress.keys());
    assert_eq!(app.reader.as_ref().map(|r| r.pos.section), Some(100), "back at its place");
}
