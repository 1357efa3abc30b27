//! Key-sequence tests: keys in, model state out, no terminal.

use super::App;
use super::Msg;
use super::fixtures::{app, ctrl, help_scroll, press, type_keys};
use crate::action::Action;
use crate::app::Options;
use crate::keymap::Pane;
use crate::ui;
use ratatui::crossterm::event::KeyCode;

fn top_text(app: &App) -> String {
    let reader = app.reader.as_ref().expect("an article is open");
    reader.layout.lines[reader.top()].text()
}

fn top(app: &App) -> usize {
    app.reader.as_ref().map_or(0, super::ReaderState::top)
}

#[test]
fn five_section_jumps_land_on_the_sixth_heading() {
    let mut app = app(80, 24);
    type_keys(&mut app, "]]]]]");
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.section(), 5);
    assert_eq!(top_text(&app), "Depression");
    assert_eq!(reader.top(), reader.layout.section_lines[5]);
}

#[test]
fn previous_section_goes_to_the_start_of_the_current_one_first() {
    let mut app = app(80, 24);
    type_keys(&mut app, "]]]jj[");
    assert_eq!(top_text(&app), "Uses in medicine");
    type_keys(&mut app, "[");
    assert_eq!(top_text(&app), "How it acts");
}

#[test]
fn top_level_jumps_skip_subsections() {
    let mut app = app(80, 24);
    type_keys(&mut app, "}");
    assert_eq!(top_text(&app), "What it is");
    type_keys(&mut app, "}");
    assert_eq!(top_text(&app), "Uses in medicine");
    type_keys(&mut app, "]]{");
    assert_eq!(top_text(&app), "Uses in medicine");
}

#[test]
fn bottom_then_top_returns_to_the_start() {
    let mut app = app(80, 24);
    type_keys(&mut app, "G");
    let reader = app.reader.as_ref().expect("open");
    assert!(reader.top() > 0);
    assert_eq!(reader.top(), reader.max_top());
    assert_eq!(reader.percent(), 100);
    type_keys(&mut app, "g");
    assert_eq!(top(&app), 0);
    assert_eq!(app.reader.as_ref().map(super::ReaderState::percent), Some(0));
}

#[test]
fn scrolling_keys_move_by_lines_and_pages() {
    let mut app = app(80, 24);
    type_keys(&mut app, "jjj");
    assert_eq!(top(&app), 3);
    type_keys(&mut app, "k");
    assert_eq!(top(&app), 2);
    ctrl(&mut app, 'd');
    assert_eq!(top(&app), 2 + 23 / 2);
    ctrl(&mut app, 'u');
    assert_eq!(top(&app), 2);
    type_keys(&mut app, " ");
    assert_eq!(top(&app), 25);
    type_keys(&mut app, "b");
    assert_eq!(top(&app), 2);
    app.update(Action::ScrollBy(crate::keymap::WHEEL_LINES));
    assert_eq!(top(&app), 5);
}

#[test]
fn search_then_n_moves_to_the_second_match() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    assert_eq!(app.pane(), Pane::Find);
    assert!(app.find.matches.len() >= 4, "smart case finds NMDA and nmda");
    assert_eq!(app.find.current, Some(0));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.pane(), Pane::Reader);
    assert_eq!(app.find.query, "nmda");
    type_keys(&mut app, "n");
    assert_eq!(app.find.current, Some(1));
    let line = app.find.matches[1].line;
    let reader = app.reader.as_ref().expect("open");
    assert!((reader.top()..reader.top() + reader.height).contains(&line), "match on screen");
}

#[test]
fn n_and_shift_n_go_from_where_the_reader_scrolled_to() {
    // Issue 12: `/nmda` Enter, then `]` a few times, then `n` went back to match 2.
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    // From the first match (in "How it acts") to "Anaesthesia", past four matches.
    type_keys(&mut app, "]]");
    let from = top(&app);
    let after: Vec<usize> =
        (0..app.find.matches.len()).filter(|&i| app.find.matches[i].line >= from).collect();
    assert!(after.len() >= 2 && after[0] > 1, "{after:?} {from} {:?}", app.find.matches);
    type_keys(&mut app, "n");
    assert_eq!(app.find.current, Some(after[0]), "the first match at or below the top line");
    type_keys(&mut app, "G");
    let last_top = top(&app);
    type_keys(&mut app, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
    let view = top(&app);
    let before = app.find.matches.iter().rposition(|m| m.line < view);
    assert!(view < last_top);
    type_keys(&mut app, "N");
    assert_eq!(app.find.current, before.or(Some(app.find.matches.len() - 1)));
}

#[test]
fn a_paste_goes_into_the_query_and_never_runs_as_keys() {
    let mut app = app(80, 24);
    app.update(Msg::Paste("q".into()));
    assert!(!app.quit && app.find.query.is_empty(), "a paste in the reader is ignored");
    type_keys(&mut app, "/");
    app.update(Msg::Paste("nmda re\nquit\x1b[31m".into()));
    assert!(!app.quit);
    assert_eq!(app.pane(), Pane::Find, "the newline did not submit the query");
    assert_eq!(app.find.query, "nmda re quit[31m");
}

#[test]
fn matches_wrap_around_both_ways() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    let total = app.find.matches.len();
    type_keys(&mut app, "N");
    assert_eq!(app.find.current, Some(total - 1));
    type_keys(&mut app, "n");
    assert_eq!(app.find.current, Some(0));
}

#[test]
fn uppercase_in_the_query_makes_it_case_sensitive() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    let folded = app.find.matches.len();
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, "/NMDA");
    assert!(app.find.matches.len() < folded);
    assert!(!app.find.matches.is_empty());
}

#[test]
fn escape_while_typing_clears_and_goes_back() {
    let mut app = app(80, 24);
    type_keys(&mut app, "jj/side eff");
    assert!(top(&app) > 2, "jumped to the match");
    type_keys(&mut app, "Q");
    assert!(!app.quit, "Q is text in the query");
    press(&mut app, KeyCode::Esc);
    assert_eq!(top(&app), 2);
    assert!(app.find.query.is_empty());
    assert_eq!(app.pane(), Pane::Reader);
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut app = app(120, 40);
    type_keys(&mut app, "]]]jjjj");
    let before = app.reader.as_ref().expect("open");
    let (section, pos) = (before.section(), before.pos);
    let first_word = top_text(&app).split_whitespace().next().unwrap_or_default().to_string();
    app.update(Action::Resize(40, 40));
    let after = app.reader.as_ref().expect("open");
    assert_eq!(after.layout.width, 36);
    assert_eq!(after.section(), section);
    let t = after.top();
    assert!(after.layout.lines[t].pos <= pos && after.layout.lines[t + 1].pos > pos);
    assert!(top_text(&app).contains(&first_word), "{first_word:?} in {:?}", top_text(&app));
    app.update(Action::Resize(120, 40));
    assert_eq!(app.reader.as_ref().map(|r| r.pos), Some(pos));
}

#[test]
fn current_match_survives_a_resize() {
    fn current_at(app: &App) -> (crate::layout::Position, usize) {
        let m = &app.find.matches[app.find.current.expect("a current match")];
        let pos = app.reader.as_ref().expect("open").layout.lines[m.line].pos;
        (pos, m.range.start)
    }
    let mut app = app(120, 40);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "nn");
    let (line_pos, start) = current_at(&app);
    app.update(Action::Resize(50, 30));
    let (new_pos, new_start) = current_at(&app);
    // The same text: the line may start elsewhere, but line start + offset in line is kept.
    assert_eq!(line_pos.section, new_pos.section);
    assert_eq!(line_pos.offset as usize + start, new_pos.offset as usize + new_start);
}

#[test]
fn tiny_terminals_never_panic_and_growing_back_restores_the_view() {
    let mut app = app(80, 24);
    type_keys(&mut app, "]]");
    let pos = app.reader.as_ref().map(|r| r.pos);
    for width in 1..=25 {
        for height in 1..=6 {
            app.update(Action::Resize(width, height));
            type_keys(&mut app, "jkt");
            press(&mut app, KeyCode::Esc);
            let _ = ui::render_to_buffer(&app, width, height);
        }
    }
    app.update(Action::Resize(80, 24));
    assert_eq!(app.reader.as_ref().map(|r| r.pos), pos);
    let shown = ui::buffer_text(&ui::render_to_buffer(&app, 10, 3));
    assert!(shown.starts_with("enlarge\nthe\nterminal"), "{shown}");
}

#[test]
fn contents_cursor_jumps_and_closes() {
    let mut app = app(100, 30);
    type_keys(&mut app, "]]t");
    assert!(app.toc.open);
    assert_eq!(app.pane(), Pane::Contents);
    assert_eq!(app.toc.cursor, 2);
    type_keys(&mut app, "jjk");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.pane(), Pane::Reader);
    assert_eq!(top_text(&app), "Uses in medicine");
    assert!(app.toc.open, "stays open to show where you are");
    type_keys(&mut app, "t");
    assert!(!app.toc.open);
    type_keys(&mut app, "t");
    press(&mut app, KeyCode::Esc);
    assert!(!app.toc.open);
    assert!(!app.quit);
}

#[test]
fn clicking_a_contents_entry_jumps_there() {
    let mut app = app(100, 30);
    type_keys(&mut app, "t");
    // Row 0 is the sidebar's title; entries start on row 1 with section 0.
    app.update(Action::Click(3, 1 + 6));
    assert_eq!(top_text(&app), "Side effects");
    app.update(Action::Click(90, 3));
    assert_eq!(top_text(&app), "Side effects", "a click in the text does nothing");
}

#[test]
fn help_opens_and_closes_without_quitting() {
    let mut app = app(80, 24);
    type_keys(&mut app, "?");
    assert_eq!(help_scroll(&app), Some(0));
    type_keys(&mut app, "jjG");
    assert_eq!(help_scroll(&app), Some(2));
    assert_eq!(top(&app), 0, "help keys do not scroll the article");
    type_keys(&mut app, "q");
    assert_eq!(help_scroll(&app), None);
    assert!(!app.quit);
    type_keys(&mut app, "?");
    press(&mut app, KeyCode::Esc);
    assert_eq!(help_scroll(&app), None);
}

#[test]
fn q_goes_back_to_the_library_then_quits_and_ctrl_c_quits_from_anywhere() {
    let mut reading = app(80, 24);
    type_keys(&mut reading, "q");
    assert!(!reading.quit);
    assert_eq!(reading.screen, super::Screen::Library);
    type_keys(&mut reading, "q");
    assert!(reading.quit);
    let mut in_help = app(80, 24);
    type_keys(&mut in_help, "?t/");
    ctrl(&mut in_help, 'c');
    assert!(in_help.quit);
    let mut in_toc = app(80, 24);
    type_keys(&mut in_toc, "tQ");
    assert!(in_toc.quit);
}

#[test]
fn an_empty_library_shows_a_message_and_q_quits() {
    let mut app = App::new(Options::listing(Vec::new()));
    app.update(Action::Resize(60, 10));
    let shown = ui::buffer_text(&ui::render_to_buffer(&app, 60, 10));
    assert!(shown.contains("No articles yet."), "{shown}");
    type_keys(&mut app, "jG]t");
    assert!(!app.quit);
    type_keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn opening_an_index_past_the_end_changes_nothing() {
    let app = super::fixtures::reading_by_name(vec![super::fixtures::sample()], 3, 80, 24);
    assert!(app.reader.is_none());
    assert_eq!(app.screen, super::Screen::Library);
}

#[test]
fn clicking_the_text_gives_the_keys_back_to_the_reader() {
    let mut app = app(100, 30);
    type_keys(&mut app, "t");
    assert_eq!(app.pane(), Pane::Contents);
    app.update(Action::Click(60, 5));
    assert_eq!(app.pane(), Pane::Reader);
    type_keys(&mut app, "?");
    app.update(Action::Click(3, 7));
    assert_eq!(top(&app), 0, "clicks under the help screen do nothing");
}

#[test]
fn clicking_the_contents_while_typing_a_query_keeps_the_query_and_reads_on() {
    let mut app = app(100, 30);
    type_keys(&mut app, "t");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "/nmda");
    assert_eq!(app.pane(), Pane::Find);
    app.update(Action::Click(3, 1 + 6));
    assert_eq!(top_text(&app), "Side effects");
    assert_eq!(app.pane(), Pane::Reader);
    assert!(!app.find.editing, "the query line is closed");
    assert_eq!(app.find.query, "nmda", "and the query kept, as Enter would");
}

#[test]
fn short_sections_on_the_last_screen_can_still_be_reached() {
    use super::fixtures::{article, section};
    let long = "A long paragraph to fill the screen with text that wraps. ".repeat(30);
    let a = article(
        "Ends short",
        vec![
            section(2, "Long", &[&long, &long]),
            section(2, "Tail one", &["Short."]),
            section(2, "Tail two", &["Short."]),
            section(2, "Tail three", &["Short."]),
        ],
    );
    let mut app = super::fixtures::app_with(a, 80, 30);
    let reader = |app: &App| app.reader.as_ref().map(|r| (r.section(), r.top())).unwrap();
    type_keys(&mut app, "]");
    let (section, end) = reader(&app);
    assert_eq!(section, 1, "the first tail section is the one being read");
    type_keys(&mut app, "]]");
    assert_eq!(reader(&app), (3, end), "] steps through the last screen's sections");
    type_keys(&mut app, "[");
    assert_eq!(reader(&app).0, 2);
    // The contents follow, and a jump from them lands on the right entry.
    type_keys(&mut app, "t");
    assert_eq!(app.toc.cursor, 2);
    type_keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert_eq!(reader(&app).0, 3);
    assert_eq!(app.toc.cursor, 3);
    // Scrolling up leaves the end: the top line's section is read again.
    type_keys(&mut app, "k");
    assert_eq!(reader(&app).0, 0);
}

#[test]
fn the_wheel_scrolls_while_a_query_is_typed() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nm");
    let before = top(&app);
    app.update(Action::Wheel(3, 40, 10));
    assert_eq!(top(&app), before + 3);
    assert_eq!(app.pane(), Pane::Find, "still typing");
}

#[test]
fn the_wheel_over_the_contents_moves_the_contents_not_the_article() {
    // Issue 12: the wheel over the sidebar scrolled the article.
    let mut app = app(100, 30);
    type_keys(&mut app, "t");
    let (before, cursor) = (top(&app), app.toc.cursor);
    app.update(Action::Wheel(3, 2, 5));
    assert_eq!(top(&app), before);
    assert_eq!(app.toc.cursor, cursor + 3);
    app.update(Action::Wheel(3, 70, 5));
    assert_eq!(top(&app), before + 3, "over the text it scrolls the text");
}

#[test]
fn keys_do_nothing_behind_the_enlarge_message_but_quit_and_help() {
    // Issue 12: `G` behind the "enlarge the terminal" screen moved the article.
    let mut app = app(80, 24);
    app.update(Action::Resize(10, 3));
    type_keys(&mut app, "Gj]/");
    app.update(Action::Resize(80, 24));
    assert_eq!(top(&app), 0);
    assert_eq!(app.pane(), Pane::Reader);
    app.update(Action::Resize(10, 3));
    type_keys(&mut app, "Q");
    assert!(app.quit);
}

#[test]
fn help_scrolls_only_until_its_last_line_shows() {
    let mut app = app(80, 24);
    type_keys(&mut app, "?");
    type_keys(&mut app, &"j".repeat(200));
    let rows = super::help::line_count(&app.keymap);
    // 24 rows: 23 above the status line, of which the title and a blank line take 2.
    assert_eq!(help_scroll(&app), Some(rows - 21));
}
