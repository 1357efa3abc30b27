//! Key-sequence tests of what reaches the reader from outside it: the configured width, the
//! start-up notice about library problems, and the sidebar's width.

use super::fixtures::{app, sample, type_keys};
use super::{App, Msg, Options};
use crate::action::Action;
use crate::library::scan::ScanEvent;
use crate::ui;

fn status_line(app: &App) -> String {
    let (width, height) = app.size;
    let text = ui::buffer_text(&ui::render_to_buffer(app, width, height));
    text.lines().last().unwrap_or_default().to_string()
}

fn app_with_problems(problems: &[&str], width: u16) -> App {
    let mut app = super::fixtures::app_with(sample(), width, 24);
    app.update_all([
        Msg::Walk(ScanEvent::Problems(problems.iter().map(|n| (*n).into()).collect())),
        Msg::Walk(ScanEvent::Done(None)),
    ]);
    app
}

#[test]
fn max_width_narrows_the_text_column_and_the_layout() {
    assert_eq!(app(120, 30).areas().text.width, 80, "by default");
    let mut app = super::fixtures::listed(vec![sample()], |o| Options { max_width: 50, ..o });
    app.update(Action::Resize(120, 30));
    super::fixtures::press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    assert_eq!(app.areas().text.width, 50);
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.layout.width, 50);
    assert!(reader.layout.lines.iter().all(|l| l.width() <= 50));
    // A terminal narrower than max_width still wins.
    app.update(Action::Resize(40, 30));
    assert_eq!(app.areas().text.width, 36);
}

#[test]
fn one_library_note_is_shown_until_the_next_key() {
    let mut app = app_with_problems(&["skipped 'x.md': binary file"], 100);
    assert!(status_line(&app).contains("skipped 'x.md': binary file"), "{}", status_line(&app));
    app.update(Action::Resize(90, 24));
    assert!(status_line(&app).contains("binary file"), "a resize is not a key");
    type_keys(&mut app, "j");
    assert_eq!(app.notice, None);
    assert!(status_line(&app).contains("What ketamine does"), "{}", status_line(&app));
    assert_eq!(app.reader.as_ref().map(super::ReaderState::top), Some(1), "the key still acts");
}

#[test]
fn several_library_problems_are_counted() {
    let app = app_with_problems(&["skipped 'a': binary file", "skipped 'b': no such file"], 100);
    assert_eq!(app.notice.as_deref(), Some("2 files skipped (! in the library lists them)"));
    let mut flawed = sample();
    flawed.problems.push("front matter ignored: bad".into());
    let mut app = super::fixtures::library_app(vec![flawed, sample()], 100, 24);
    app.update_all([
        Msg::Walk(ScanEvent::Problems(vec!["skipped".into()])),
        Msg::Walk(ScanEvent::Done(None)),
    ]);
    assert_eq!(
        app.notice.as_deref(),
        Some("1 file skipped, 1 article read with problems (! in the library lists them)")
    );
}

#[test]
fn a_clean_library_has_no_notice() {
    assert_eq!(app(80, 24).notice, None);
}

#[test]
fn the_sidebar_grows_on_wide_screens_and_leaves_the_text_room() {
    let toc_width = |width: u16| {
        let mut app = app(width, 30);
        type_keys(&mut app, "t");
        let areas = app.areas();
        (areas.toc.map_or(0, |t| t.width), areas.text.width)
    };
    assert_eq!(toc_width(80), (26, 50));
    assert_eq!(toc_width(100), (36, 60));
    assert_eq!(toc_width(120), (40, 76));
    assert_eq!(toc_width(200), (40, 80));
}

#[test]
fn the_breadcrumb_does_not_repeat_a_title_heading() {
    let mut article = sample();
    article.sections[0] = super::fixtures::section(1, "What ketamine does", &["Intro."]);
    let mut app = super::fixtures::app_with(article, 100, 24);
    assert!(status_line(&app).starts_with(" What ketamine does  "), "{}", status_line(&app));
    type_keys(&mut app, "]");
    assert!(status_line(&app).contains("What ketamine does › What it is"));
}

#[test]
fn top_level_jumps_skip_a_title_heading() {
    use super::fixtures::section;
    // The MedQuAD shape: `# Title`, then level-2 questions.
    let article = super::fixtures::article(
        "Buerger disease",
        vec![
            section(1, "Buerger disease", &[]),
            section(2, "What is it?", &["A disease of the arteries."; 8]),
            section(2, "What causes it?", &["Smoking."; 8]),
        ],
    );
    let mut app = super::fixtures::app_with(article, 80, 12);
    let reader = |app: &App| app.reader.clone().expect("open");
    type_keys(&mut app, "}");
    assert_eq!(reader(&app).section(), 1);
    type_keys(&mut app, "}");
    assert_eq!(reader(&app).section(), 2);
    type_keys(&mut app, "{{");
    assert_eq!(reader(&app).top(), 0);
}

#[test]
fn the_status_line_names_the_top_lines_section_however_it_was_reached() {
    // Issue 12: after `G` the status named one section, after `]` to the same screen another.
    use super::fixtures::{app_with, article, section};
    let long = "A long paragraph to fill the screen with text that wraps. ".repeat(30);
    let a = article(
        "Ends short",
        vec![
            section(2, "Long part", &[&long, &long]),
            section(2, "Tail one", &["Short."]),
            section(2, "Tail two", &["Short."]),
        ],
    );
    let mut by_end = app_with(a.clone(), 100, 30);
    type_keys(&mut by_end, "G");
    let mut by_section = app_with(a, 100, 30);
    type_keys(&mut by_section, "]]");
    let screen = |app: &App| ui::buffer_text(&ui::render_to_buffer(app, 100, 30));
    assert_eq!(screen(&by_end), screen(&by_section));
    assert!(status_line(&by_end).contains("Ends short › Long part"), "{}", status_line(&by_end));
}

#[test]
fn a_long_section_name_outranks_the_hints_at_100_columns() {
    use super::fixtures::{app_with, article, section};
    let name = "Treatment-resistant depression and suicidal thoughts";
    let body = "Words to read. ".repeat(200);
    let a = article("Ketamine in practice", vec![section(2, name, &[&body])]);
    let mut app = app_with(a, 100, 30);
    type_keys(&mut app, "j");
    let status = status_line(&app);
    assert!(status.contains(name), "{status}");
    assert!(status.contains("help"), "the first hints stay: {status}");
}

#[test]
fn one_article_read_with_a_problem_is_said_as_it_is() {
    let mut flawed = sample();
    flawed.problems.push("front matter ignored: bad".into());
    let mut app = super::fixtures::library_app(vec![flawed, sample()], 100, 24);
    app.update_all([Msg::Walk(ScanEvent::Problems(Vec::new())), Msg::Walk(ScanEvent::Done(None))]);
    assert_eq!(app.notice.as_deref(), Some("What ketamine does: front matter ignored: bad"));
}
