//! A long article opens from a layout of its first screens; the rest is laid out before any
//! input is handled, so no key ever sees a partial layout.

use super::fixtures::{app_with, article, section, type_keys};
use crate::action::Action;
use crate::ui::{buffer_text, render_to_buffer};

fn long_article() -> crate::article::Article {
    let text = "A paragraph long enough to wrap over a few lines of the reading column. ".repeat(4);
    let sections = (0..300).map(|i| section(2, &format!("Part {i}"), &[&text, &text])).collect();
    article("Long read", sections)
}

#[test]
fn opening_draws_from_the_first_screens_and_finishing_changes_nothing_visible() {
    let mut app = app_with(long_article(), 100, 30);
    assert!(!app.layout_complete(), "a 300-section article opens from a partial layout");
    let first = buffer_text(&render_to_buffer(&app, 100, 30));
    app.update(Action::FinishLayout);
    assert!(app.layout_complete());
    assert_eq!(buffer_text(&render_to_buffer(&app, 100, 30)), first);
}

#[test]
fn the_first_key_sees_the_whole_article() {
    let mut app = app_with(long_article(), 100, 30);
    type_keys(&mut app, "G");
    assert!(app.layout_complete());
    let screen = buffer_text(&render_to_buffer(&app, 100, 30));
    assert!(screen.contains("Part 299"), "G reaches the real end:\n{screen}");
}

#[test]
fn a_short_article_is_laid_out_whole_at_once() {
    let short =
        article("Short", vec![section(2, "One", &["Brief."]), section(2, "Two", &["Done."])]);
    let app = app_with(short, 100, 30);
    assert!(app.layout_complete());
}
