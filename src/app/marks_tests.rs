//! Key-sequence tests of bookmarks: `m` with its label prompt, the list (`'`), jumping,
//! deleting with undo, renaming, and the marks drawn in the contents and the margin.

use super::Msg;
use super::fixtures::{library_app, press, sample, type_keys};
use super::{App, Effect, Screen};
use crate::keymap::Pane;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn reading() -> App {
    let mut app = library_app(vec![sample()], 100, 30);
    app.update(Msg::Clock(1_000));
    press(&mut app, KeyCode::Enter);
    app
}

fn key(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

#[test]
fn m_offers_the_section_heading_as_the_label_and_enter_saves_the_bookmark() {
    let mut app = reading();
    type_keys(&mut app, "]]]");
    type_keys(&mut app, "m");
    assert_eq!(app.pane(), Pane::Prompt);
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(
        screen.lines().last().is_some_and(|l| l.contains("bookmark: Uses in medicine")),
        "{screen}"
    );
    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let [Effect::AddBookmark(mark)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(mark.label, "Uses in medicine");
    assert_eq!((mark.section, mark.anchor.as_str()), (3, "uses-in-medicine"));
    assert!(mark.excerpt.starts_with("Uses in medicine Doses, settings"), "{}", mark.excerpt);
    assert_eq!(app.bookmarks.len(), 1);
    assert_eq!(app.pane(), Pane::Reader);
}

#[test]
fn a_bookmark_at_the_top_quotes_the_article_not_its_header_card() {
    let mut app = reading();
    type_keys(&mut app, "m");
    press(&mut app, KeyCode::Enter);
    // The sample article's lead, not its title and facts.
    let excerpt = &app.bookmarks[0].excerpt;
    assert!(excerpt.starts_with("Ketamine is a medicine first made"), "{excerpt}");
}

#[test]
fn esc_cancels_a_bookmark_and_typing_replaces_the_label() {
    let mut app = reading();
    type_keys(&mut app, "m");
    press(&mut app, KeyCode::Esc);
    assert!(app.bookmarks.is_empty());
    type_keys(&mut app, "m");
    // The heading offered shows selected: the first key typed replaces it.
    let buf = crate::ui::render_to_buffer(&app, 100, 30);
    let offered = (10..24).map(|x| buf[(x, 29)].modifier);
    assert!(offered.clone().all(|m| m.contains(ratatui::style::Modifier::UNDERLINED)), "{buf:?}");
    type_keys(&mut app, "start here q");
    assert!(!app.quit, "q is text in a prompt");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.bookmarks[0].label, "start here q");
    // Backspace takes the whole offer, then one character at a time.
    type_keys(&mut app, "jjm");
    press(&mut app, KeyCode::Backspace);
    type_keys(&mut app, "dose");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.bookmarks[0].label, "dos");
}

#[test]
fn the_list_jumps_deletes_undoes_and_renames() {
    let mut app = reading();
    type_keys(&mut app, "]]]m");
    press(&mut app, KeyCode::Enter);
    app.update(Msg::Clock(2_000));
    type_keys(&mut app, "gm");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "q'");
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(app.pane(), Pane::Bookmarks);
    let labels: Vec<&str> = app.bookmarks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["(introduction)", "Uses in medicine"], "newest first");
    // Jump to the older one: the reader opens at its place.
    type_keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.layout.lines[reader.top()].text(), "Uses in medicine");
    // Delete, undo, rename.
    type_keys(&mut app, "'");
    let effects = key(&mut app, 'd');
    assert!(matches!(effects.as_slice(), [Effect::DeleteBookmark(_)]), "{effects:?}");
    assert_eq!(app.bookmarks.len(), 1);
    let effects = key(&mut app, 'u');
    assert!(matches!(effects.as_slice(), [Effect::AddBookmark(_)]), "{effects:?}");
    assert_eq!(app.bookmarks.len(), 2);
    type_keys(&mut app, "r");
    assert_eq!(app.pane(), Pane::Prompt);
    type_keys(&mut app, "!");
    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    assert!(
        matches!(effects.as_slice(), [Effect::RenameBookmark { label, .. }] if label == "(introduction)!")
    );
    assert_eq!(app.bookmarks[0].label, "(introduction)!");
}

#[test]
fn bookmarked_sections_and_lines_are_marked() {
    let mut app = reading();
    type_keys(&mut app, "]]]m");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "t");
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    let sidebar = |l: &str| l.split('│').next().unwrap_or_default().to_string();
    let toc_row = screen.lines().map(sidebar).find(|l| l.contains("Uses in medicine"));
    assert!(toc_row.is_some_and(|r| r.starts_with(super::super::ui::toc::MARK)), "{screen}");
    let text_row = screen.lines().next().unwrap_or_default();
    assert!(
        text_row.contains(&format!("{} Uses in medicine", super::super::ui::toc::MARK)),
        "{screen}"
    );
}

#[test]
fn the_bookmark_list_and_the_prompt_take_their_own_keys_and_hand_the_rest_up() {
    use super::marks::{MarksAsked, PromptAsked};
    use super::{MarksState, PromptFor, PromptState};
    use crate::action::Action;
    let mut list = MarksState::default();
    assert_eq!(list.update(Action::Bottom, 3), MarksAsked::Done);
    assert_eq!(list.cursor, 2);
    assert_eq!(list.update(Action::LineDown, 3), MarksAsked::Done);
    assert_eq!(list.cursor, 2, "stays on the last");
    assert_eq!(list.update(Action::DeleteBookmark, 3), MarksAsked::Delete);
    assert_eq!(list.update(Action::DeleteBookmark, 0), MarksAsked::Done, "nothing to delete");
    assert_eq!(list.update(Action::UndoDelete, 3), MarksAsked::Done, "nothing deleted yet");
    assert_eq!(list.update(Action::Back, 3), MarksAsked::Close);
    let mut prompt = PromptState {
        label: "bookmark",
        text: "Dosage".into(),
        offered: true,
        purpose: PromptFor::Rename("1".into()),
    };
    assert_eq!(prompt.update(Action::Type('n')), PromptAsked::Done);
    assert_eq!(prompt.text, "n", "the offered label is replaced");
    assert_eq!(prompt.update(Action::Confirm), PromptAsked::Keep);
    assert_eq!(prompt.update(Action::NextMatch), PromptAsked::Ignored);
}
