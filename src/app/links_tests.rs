//! Key-sequence tests of links in the reader: `Tab`/`Shift-Tab` select, `Enter` follows (an
//! anchor, another library article, an outside address), `Backspace` comes back to the place.

use super::fixtures::{article, library_app, press, section, serve};
use super::{App, LinkAt, Options, Screen};
use crate::article::{Article, Block, Inline, Origin, Span};
use crate::layout::Position;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

const FILLER: &str = "Plain words to fill the screen so that sections start further down and \
    the reader has to scroll to reach them, as a real article would make it.";

fn linked(text: &str, to: &str) -> Span {
    Span::linked(text, Inline::LINK, to)
}

/// A paragraph of `spans` added to a section.
fn with(mut s: crate::article::Section, spans: Vec<Span>) -> crate::article::Section {
    s.blocks.push(Block::Paragraph(spans));
    s
}

/// "Flu" (care/flu.md): two links at the top, one to another article, one far down.
fn flu() -> Article {
    let top = with(
        section(0, "", &[]),
        vec![
            Span::plain("Read about "),
            linked("the dosage", "#dosage"),
            Span::plain(" and "),
            linked("colds", "colds.md#symptoms"),
            Span::plain(" or "),
            linked("the NIH page on influenza", "https://www.nih.gov/flu?ref=salve-reader-test"),
            Span::plain("."),
        ],
    );
    let filler = [FILLER; 6];
    let far = with(section(2, "Far down", &filler), vec![linked("back up", "#")]);
    let mut a = article(
        "Flu",
        vec![
            top,
            section(2, "Middle", &filler),
            section(2, "Dosage", &filler),
            far,
            section(2, "Elsewhere", &[FILLER]),
        ],
    );
    a.origin = Origin::Bundled("care/flu.md");
    a
}

/// "Colds" (care/colds.md), with a Symptoms section down the page.
fn colds() -> Article {
    let mut a = article(
        "Colds",
        vec![
            section(0, "", &[FILLER, FILLER]),
            section(2, "Causes", &[FILLER, FILLER, FILLER]),
            section(2, "Symptoms", &[FILLER]),
            section(2, "Treatment", &[FILLER, FILLER, FILLER]),
        ],
    );
    a.origin = Origin::Bundled("care/colds.md");
    a
}

/// Reading "Flu" on a 60 x 12 terminal, "Colds" also in the library.
fn reading() -> App {
    let mut app = library_app(vec![flu(), colds()], 60, 12);
    let flu = app.entries.iter().position(|e| &*e.title == "Flu");
    super::fixtures::select(&mut app, flu);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"));
    app
}

fn selected(app: &App) -> Option<LinkAt> {
    app.reader.as_ref().and_then(|r| r.link)
}

fn pos(app: &App) -> (Position, usize) {
    app.reader.as_ref().map(|r| (r.pos, r.skip)).unwrap_or_default()
}

fn screen(app: &App) -> String {
    crate::ui::buffer_text(&crate::ui::render_to_buffer(app, app.size.0, app.size.1))
}

/// The text drawn reversed (the selected link), row by row.
fn reversed(app: &App) -> String {
    let buf = crate::ui::render_to_buffer(app, app.size.0, app.size.1);
    let mut out = String::new();
    for y in 0..buf.area.height.saturating_sub(1) {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

#[test]
fn tab_and_shift_tab_move_through_the_links_on_screen_highlighted() {
    let mut app = reading();
    assert_eq!(reversed(&app), "", "nothing is selected at first");
    press(&mut app, KeyCode::Tab);
    assert_eq!(selected(&app), Some(LinkAt { section: 0, number: 1 }));
    assert_eq!(reversed(&app), "the dosage");
    assert_eq!(app.notice.as_deref(), Some("→ #dosage"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(reversed(&app), "colds");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(reversed(&app), "the dosage");
    // Shift-Tab before the first link on the first screen: nothing above.
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.notice.as_deref(), Some("no more links above"));
    // Esc lets go of the selection before it would leave the article.
    press(&mut app, KeyCode::Esc);
    assert_eq!((selected(&app), app.screen), (None, Screen::Reader));
}

#[test]
fn tab_past_the_last_link_on_screen_scrolls_to_the_next_one() {
    let mut app = reading();
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    let top = pos(&app);
    press(&mut app, KeyCode::Tab);
    assert_eq!(selected(&app), Some(LinkAt { section: 3, number: 1 }));
    assert_ne!(pos(&app), top, "scrolled down to it");
    assert_eq!(reversed(&app), "back up");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.notice.as_deref(), Some("no more links below"));
    // And back up the same way.
    press(&mut app, KeyCode::BackTab);
    assert!(reversed(&app).contains("NIH"), "{}", screen(&app));
}

#[test]
fn an_anchor_jumps_within_the_article_and_backspace_returns_to_the_same_line() {
    let mut app = reading();
    press(&mut app, KeyCode::Down);
    let before = (pos(&app), screen(&app));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let reader = app.reader.as_ref().expect("reading");
    assert_eq!(reader.top_section(), 2, "at Dosage");
    assert!(screen(&app).starts_with("  Dosage") || screen(&app).contains("Dosage\n"));
    assert_eq!(selected(&app), None);
    press(&mut app, KeyCode::Backspace);
    assert_eq!((pos(&app), screen(&app)), before);
    press(&mut app, KeyCode::Backspace);
    assert!(app.notice.as_deref().is_some_and(|n| n.starts_with("nothing to go back to")));
}

#[test]
fn a_relative_link_opens_the_other_article_at_its_anchor_and_backspace_comes_back() {
    let mut app = reading();
    press(&mut app, KeyCode::Down);
    let before = (pos(&app), screen(&app));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Colds"));
    assert_eq!(app.reader.as_ref().map(super::ReaderState::top_section), Some(2), "at Symptoms");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"));
    // As the event loop does after the first frame of an article.
    app.update(crate::action::Action::FinishLayout);
    assert_eq!((pos(&app), screen(&app)), before);
}

#[test]
fn an_outside_address_is_shown_whole_even_when_longer_than_the_line() {
    let mut app = reading();
    app.update(crate::action::Action::Resize(30, 12));
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(reversed(&app).split_whitespace().next(), Some("the"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"), "salve stays");
    let shown = screen(&app);
    let joined: String = shown.lines().map(str::trim).collect();
    assert!(joined.contains("https://www.nih.gov/flu?ref=salve-reader-test"), "{shown}");
    // Gone with the next key, the article under it again.
    press(&mut app, KeyCode::Down);
    assert!(!screen(&app).contains("nih.gov"));
}

#[test]
fn the_selection_survives_a_resize() {
    let mut app = reading();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    app.update(crate::action::Action::Resize(44, 14));
    assert_eq!(reversed(&app), "colds");
    app.update(crate::action::Action::Resize(90, 14));
    assert_eq!(reversed(&app), "colds");
}

#[test]
fn enter_without_a_selection_says_how_and_a_missing_article_is_named() {
    let mut app = reading();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.notice.as_deref(), Some("Tab selects a link on screen, then Enter follows it"));
    // Without Colds in the library, its link leads nowhere salve knows.
    let mut app = library_app(vec![flu()], 60, 12);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.notice.as_deref(), Some("not in the library: colds.md"));
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"));
}

#[test]
fn opening_an_article_from_the_library_starts_a_new_path() {
    let mut app = reading();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.trail.len(), 1);
    let effects = app.update(crate::action::Action::ShowLibrary);
    serve(&mut app, effects);
    let flu = app.entries.iter().position(|e| &*e.title == "Flu");
    super::fixtures::select(&mut app, flu);
    press(&mut app, KeyCode::Enter);
    assert!(app.trail.is_empty());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"));
}

#[test]
fn opening_the_article_already_open_from_the_library_also_starts_a_new_path() {
    let mut app = reading();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.trail.len(), 1, "a link followed");
    let followed = app.article().map(|a| a.meta.title.clone());
    let effects = app.update(crate::action::Action::ShowLibrary);
    serve(&mut app, effects);
    // The article the link led to, still open, chosen again in the library.
    let open = app.reader.as_ref().map(|r| r.entry);
    super::fixtures::select(&mut app, open);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.clone()), followed);
    assert!(app.trail.is_empty(), "Backspace must not lead back along the old links");
}

#[test]
fn the_link_messages_name_the_keys_the_user_bound() {
    use crate::action::Action;
    use crate::keymap::{Key, Pane};
    let key = |name: &str| Key::parse(name).expect("a key");
    let mut keymap = crate::keymap::Keymap::default();
    keymap.unbind(Pane::Reader, key("enter"));
    keymap.bind(Pane::Reader, key("o"), Action::FollowLink);
    keymap.unbind(Pane::Reader, key("backspace"));
    keymap.bind(Pane::Reader, key("b"), Action::LinkBack);
    let mut app = crate::app::fixtures::listed(vec![flu(), colds()], |o| Options { keymap, ..o });
    app.update(Action::Resize(60, 12));
    let flu = app.entries.iter().position(|e| &*e.title == "Flu");
    super::fixtures::select(&mut app, flu);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Flu"));
    crate::app::fixtures::type_keys(&mut app, "o");
    assert_eq!(app.notice.as_deref(), Some("Tab selects a link on screen, then o follows it"));
    crate::app::fixtures::type_keys(&mut app, "b");
    assert_eq!(
        app.notice.as_deref(),
        Some("nothing to go back to: b returns along the links followed")
    );
}

#[test]
fn a_link_into_another_article_finds_its_section_as_a_link_within_one_does() {
    // "#Symptoms" is not the anchor salve made ("symptoms"), but names the same heading: within
    // an article it is found by its slug, and so it must be in another.
    let top = with(section(0, "", &[]), vec![linked("colds", "colds.md#Symptoms")]);
    let mut problems = article("Notes", vec![top, section(2, "More", &[FILLER])]);
    problems.origin = Origin::Bundled("care/notes.md");
    let mut app = library_app(vec![problems, colds()], 60, 12);
    let at = app.entries.iter().position(|e| &*e.title == "Notes");
    super::fixtures::select(&mut app, at);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Colds"));
    assert_eq!(app.reader.as_ref().map(super::ReaderState::top_section), Some(2), "at Symptoms");
}

#[test]
fn a_relative_link_to_a_file_outside_the_library_opens_it_and_backspace_comes_back() {
    // `salve notes/first.md`, "second.md" beside it on disk but in no library.
    let mut first =
        article("First", vec![with(section(0, "", &[]), vec![linked("dose", "second.md#dosage")])]);
    first.origin = Origin::File("/notes/first.md".into());
    let mut second = article(
        "Second",
        vec![section(0, "", &[FILLER, FILLER]), section(2, "Dosage", &[FILLER; 5])],
    );
    second.origin = Origin::File("/notes/second.md".into());
    super::fixtures::put_on_disk(second);
    let mut app = super::fixtures::reading_by_name(vec![first], 0, 60, 12);
    assert_eq!(app.entries.len(), 1, "second.md is not in the library");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Second"));
    assert_eq!(app.reader.as_ref().map(super::ReaderState::top_section), Some(1), "at Dosage");
    assert_eq!(app.entries.len(), 2, "listed now, as salve FILE lists the file it opens");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("First"));
    // A link to a file that is not there says so, and salve stays.
    let mut gone =
        article("Gone", vec![with(section(0, "", &[]), vec![linked("x", "missing.md")])]);
    gone.origin = Origin::File("/notes/gone.md".into());
    let mut app = super::fixtures::reading_by_name(vec![gone], 0, 60, 12);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.notice.as_deref(), Some("cannot open /notes/missing.md: no such file"));
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("Gone"));
}
