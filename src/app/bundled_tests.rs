//! The reader's key sequences on a real bundled article, "What Does Ketamine Do to Your
//! Brain?", with no terminal: what the reader issue names as done.

use super::App;
use super::fixtures::{press, type_keys};
use crate::action::Action;
use ratatui::crossterm::event::KeyCode;

fn brain(width: u16, height: u16) -> App {
    super::fixtures::bundled_app("What Does Ketamine Do to Your Brain?", width, height)
}

fn reader(app: &App) -> &super::ReaderState {
    app.reader.as_ref().expect("an article is open")
}

/// The text of the line at the top of the reading area.
fn top_text(app: &App) -> String {
    let r = reader(app);
    r.layout.lines[r.top()].text().trim().to_string()
}

#[test]
fn five_section_jumps_land_on_the_sixth_section_heading() {
    let mut app = brain(120, 40);
    type_keys(&mut app, "]]]]]");
    let sixth = &app.article().expect("open").sections[5];
    assert_eq!(reader(&app).section(), 5);
    assert_eq!(top_text(&app), sixth.title, "the heading is the top line");
}

#[test]
fn end_then_start_returns_to_the_top() {
    let mut app = brain(120, 40);
    type_keys(&mut app, "G");
    assert_eq!(reader(&app).top(), reader(&app).max_top());
    assert!(reader(&app).top() > 0);
    type_keys(&mut app, "g");
    assert_eq!(reader(&app).top(), 0);
}

#[test]
fn searching_nmda_then_n_moves_to_the_second_match() {
    let mut app = brain(120, 40);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    assert!(app.find.matches.len() >= 2, "{:?}", app.find.matches);
    assert_eq!(app.find.current, Some(0));
    type_keys(&mut app, "n");
    assert_eq!(app.find.current, Some(1));
    let line = app.find.matches[1].line;
    let r = reader(&app);
    assert!((r.top()..r.top() + 39).contains(&line), "the second match is on screen");
    assert!(r.layout.lines[line].text().to_lowercase().contains("nmda"));
}

#[test]
fn narrowing_from_120_to_40_columns_keeps_the_section_and_text_at_the_top() {
    let mut app = brain(120, 40);
    type_keys(&mut app, "]]]jjj");
    let section = reader(&app).section();
    let before = top_text(&app);
    app.update(Action::Resize(40, 40));
    assert_eq!(reader(&app).section(), section);
    let after = top_text(&app);
    let first_word = before.split_whitespace().next().expect("text at the top");
    assert!(after.starts_with(first_word), "{before:?} -> {after:?}");
    // The narrow top line holds the start of the wide one.
    assert!(before.starts_with(&after), "{before:?} -> {after:?}");
}
