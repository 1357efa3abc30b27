//! Key-sequence tests of the search pane: opening it, a query per keystroke, results for
//! articles of this library only, moving, opening a result at its match, and going back.

use super::fixtures::{answer, library_app, press, sample, type_keys};
use super::{App, Effect, Msg, Options, Screen};
use crate::keymap::Pane;
use crate::search::{Hit, MatchKind, Outcome};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn hit(section: u32, heading: &str, bundled: &str, word: &str) -> Hit {
    let snippet = format!("the {word} receptor and more");
    Hit {
        article_key: String::new(),
        path: None,
        bundled: Some(bundled.into()),
        title: "What ketamine does".into(),
        section,
        anchor: heading.to_lowercase().replace(' ', "-"),
        heading: heading.into(),
        marks: std::iter::once(4..4 + word.len()).collect(),
        snippet,
        kind: MatchKind::Text,
        score: 1.0,
        offset: 0,
        words: vec![word.to_lowercase()],
        copies: Vec::new(),
    }
}

/// The sample article's library, with `s` pressed.
fn searching() -> App {
    let mut app = library_app(vec![sample()], 100, 30);
    type_keys(&mut app, "s");
    app
}

#[test]
fn s_opens_the_pane_and_each_key_asks_the_index() {
    let mut app = searching();
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.pane(), Pane::SearchQuery);
    let effects = app.update(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    assert_eq!(effects, [Effect::Search { query: "n".into(), asked: super::ASKED }]);
    let effects = app.update(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert_eq!(
        effects,
        [Effect::Search { query: "nq".into(), asked: super::ASKED }],
        "q is text in the query"
    );
    assert!(!app.quit);
}

#[test]
fn only_keys_that_edit_the_query_let_its_search_wait_for_the_next_keys() {
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let mut library = library_app(vec![sample()], 100, 30);
    assert!(!library.edits_search_query(key(KeyCode::Char('a'))), "a library key");
    let app = searching();
    assert!(app.edits_search_query(key(KeyCode::Char('a'))));
    assert!(app.edits_search_query(key(KeyCode::Char('q'))), "q is text in the query");
    assert!(app.edits_search_query(key(KeyCode::Backspace)));
    for acting in [KeyCode::Enter, KeyCode::Down, KeyCode::Esc] {
        assert!(!app.edits_search_query(key(acting)), "{acting:?} acts on the results");
    }
    type_keys(&mut library, "/");
    assert!(!library.edits_search_query(key(KeyCode::Char('a'))), "the library filter");
}

#[test]
fn the_last_query_comes_back_selected_and_the_first_key_typed_replaces_it() {
    let last_query = "ptsd".to_string();
    let mut app = super::fixtures::listed(vec![sample()], |o| Options { last_query, ..o });
    app.update(crate::action::Action::Resize(100, 30));
    type_keys(&mut app, "s");
    assert_eq!(app.lookup.query, "ptsd");
    let status_row = 29;
    let buf = crate::ui::render_to_buffer(&app, 100, 30);
    let line = crate::ui::buffer_text(&buf).lines().nth(status_row).unwrap_or_default().to_string();
    assert!(line.starts_with("search: ptsd"), "{line}");
    let selected = |buf: &ratatui::buffer::Buffer, x: u16| {
        buf[(x, status_row as u16)].modifier.contains(ratatui::style::Modifier::REVERSED)
    };
    assert!((8..12).all(|x| selected(&buf, x)), "the recalled query shows selected");
    assert!(!selected(&buf, 0), "its label does not");
    let underlined =
        buf[(8, status_row as u16)].modifier.contains(ratatui::style::Modifier::UNDERLINED);
    assert!(underlined, "also underlined: the monochrome status line is itself reversed");
    let effects = app.update(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    assert_eq!(
        effects,
        [Effect::Search { query: "a".into(), asked: super::ASKED }],
        "typing replaced it"
    );
    let buf = crate::ui::render_to_buffer(&app, 100, 30);
    assert!(!selected(&buf, 8), "typed text is not selected");
    type_keys(&mut app, "sthma");
    assert_eq!(app.lookup.query, "asthma", "then keys add to it");

    // Opened again, Backspace clears the query it comes back with; an empty paste keeps it.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    type_keys(&mut app, "s");
    assert_eq!(app.lookup.query, "asthma");
    assert!(app.update(Msg::Paste("\u{7}".into())).is_empty(), "nothing typed, nothing asked");
    assert_eq!(app.lookup.query, "asthma");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.lookup.query, "");
    // From the results, `s` goes back to the query as it is, to refine it.
    type_keys(&mut app, "ptsd");
    press(&mut app, KeyCode::Tab);
    assert_ne!(app.pane(), Pane::SearchQuery, "in the results");
    type_keys(&mut app, "s");
    assert_eq!(app.pane(), Pane::SearchQuery);
    type_keys(&mut app, " treatment");
    assert_eq!(app.lookup.query, "ptsd treatment");
    assert!(!app.quit);
}

#[test]
fn scrolling_to_the_end_of_a_full_page_asks_for_the_next_and_says_the_count() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let page = |n: usize| -> Vec<Hit> {
        (0..n)
            .map(|i| hit(u32::try_from(i).unwrap_or(0), "How it acts", "test.md", "NMDA"))
            .collect()
    };
    let header = |app: &App| {
        let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(app, 100, 30));
        screen.lines().next().unwrap_or_default().to_string()
    };
    let first = Outcome { hits: page(40), more: true, ..Outcome::default() };
    answer(&mut app, "nmda", Ok(first));
    assert!(header(&app).contains("· top 40 results for 'nmda'"), "{}", header(&app));
    press(&mut app, KeyCode::Tab);
    // The end of the page: the next is asked for, twice as long, and keys wait for it.
    let effects = app.update(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
    assert_eq!(effects, [Effect::Search { query: "nmda".into(), asked: 80 }]);
    assert_eq!(app.lookup.selected, 39);
    let second = Outcome { hits: page(80), more: true, total: Some(123), ..Outcome::default() };
    let effects = app.update(Msg::Found { query: "nmda".into(), asked: 80, outcome: Ok(second) });
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.lookup.results.len(), 80);
    assert_eq!(app.lookup.selected, 39, "the place kept");
    assert!(header(&app).contains("· 80 of 123 results for 'nmda'"), "{}", header(&app));
    // The last page: nothing more to ask.
    let last = Outcome { hits: page(5), ..Outcome::default() };
    answer(&mut app, "nmda", Ok(last));
    assert!(header(&app).contains("· 5 results for 'nmda'"), "{}", header(&app));
    assert!(app.update(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)).is_empty());
}

#[test]
fn the_wheel_down_to_the_end_of_a_full_page_asks_for_the_next_too() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let hits = (0..40).map(|i| hit(i, "How it acts", "test.md", "NMDA")).collect();
    answer(&mut app, "nmda", Ok(Outcome { hits, more: true, ..Outcome::default() }));
    press(&mut app, KeyCode::Tab);
    // Far from the end, the wheel only moves; near it, the next page is asked for.
    assert!(app.update(crate::action::Action::Wheel(3, 20, 10)).is_empty());
    let effects = app.update(crate::action::Action::Wheel(60, 20, 10));
    assert_eq!(effects, [Effect::Search { query: "nmda".into(), asked: 80 }]);
}

#[test]
fn results_of_other_libraries_are_left_out_and_stale_ones_ignored() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let outcome = Outcome {
        hits: vec![
            hit(2, "How it acts", "test.md", "NMDA"),
            hit(1, "Gone", "elsewhere.md", "NMDA"),
        ],
        suggestion: None,
        ..Outcome::default()
    };
    answer(&mut app, "nmd", Ok(outcome.clone()));
    assert!(app.lookup.results.is_empty(), "results of an older query are dropped");
    answer(&mut app, "nmda", Ok(outcome));
    assert_eq!(app.lookup.results.len(), 1, "an article this library does not list is left out");
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("What ketamine does › How it acts"), "{screen}");
    assert!(screen.contains("1 result for 'nmda'"), "{screen}");
}

#[test]
fn each_hit_lands_on_the_listed_entry_of_its_file() {
    use crate::article::Origin;
    use std::path::PathBuf;
    let file = |name: &str| {
        let mut a = sample();
        a.origin = Origin::File(PathBuf::from(format!("/lib/{name}")));
        a
    };
    let mut app = library_app(vec![file("a.md"), file("b.md"), file("a.md"), sample()], 100, 30);
    app.entries[0].gone = true;
    type_keys(&mut app, "s");
    type_keys(&mut app, "nmda");
    let at = |name: Option<&str>| {
        let mut h = hit(1, "How it acts", "test.md", "NMDA");
        h.path = name.map(|n| PathBuf::from(format!("/lib/{n}")));
        h.bundled = name.is_none().then(|| "test.md".to_string());
        h
    };
    let hits = vec![at(Some("b.md")), at(Some("a.md")), at(Some("gone.md")), at(None)];
    answer(&mut app, "nmda", Ok(Outcome { hits, suggestion: None, ..Outcome::default() }));
    let entries: Vec<usize> = app.lookup.results.iter().map(|f| f.entry).collect();
    // a.md's first entry is gone: its hit lands on the one still listed; gone.md is not listed.
    assert_eq!(entries, [1, 2, 3]);
}

#[test]
fn a_result_whose_section_has_no_text_says_so_rather_than_leaving_a_gap() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let mut empty = hit(3, "NMDA", "test.md", "NMDA");
    empty.snippet = String::new();
    empty.marks.clear();
    let outcome = Outcome { hits: vec![empty], suggestion: None, ..Outcome::default() };
    answer(&mut app, "nmda", Ok(outcome));
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("(no text under this heading)"), "{screen}");
}

#[test]
fn enter_opens_the_result_at_its_section_with_the_match_highlighted() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let outcome = Outcome {
        hits: vec![hit(5, "Depression", "test.md", "NMDA")],
        suggestion: None,
        ..Outcome::default()
    };
    answer(&mut app, "nmda", Ok(outcome));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.layout.lines[reader.top()].text(), "Depression");
    let current = app.find.current.and_then(|i| app.find.matches.get(i)).expect("highlighted");
    assert!((reader.top()..reader.top() + reader.height).contains(&current.line));
    assert_eq!(app.find.query, "nmda", "found whatever its case");
}

#[test]
fn nothing_found_says_so_with_the_nearest_word_and_esc_goes_back() {
    let mut app = library_app(vec![sample()], 100, 30);
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "s");
    type_keys(&mut app, "ketamne");
    answer(
        &mut app,
        "ketamne",
        Ok(Outcome { hits: Vec::new(), suggestion: Some("ketamine".into()), ..Outcome::default() }),
    );
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("No section matches 'ketamne'."), "{screen}");
    assert!(screen.contains("Did you mean 'ketamine'?"), "{screen}");
    let effects = app.update(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.screen, Screen::Reader, "back to the article the search began in");
    assert!(
        effects.contains(&Effect::SaveSetting { key: super::LAST_QUERY, value: "ketamne".into() })
    );
    type_keys(&mut app, "s");
    assert_eq!(app.lookup.query, "ketamne", "the last query is offered again");
}

#[test]
fn keys_in_the_results_reach_the_results_when_the_reader_had_its_contents_focused() {
    let mut app = library_app(vec![sample()], 100, 30);
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "t");
    assert!(app.overlays.contains(&super::Overlay::Contents), "the contents are focused");
    type_keys(&mut app, "snmda");
    let hits = (0..3).map(|s| hit(s, "How it acts", "test.md", "NMDA")).collect();
    answer(&mut app, "nmda", Ok(Outcome { hits, suggestion: None, ..Outcome::default() }));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.pane(), Pane::Search);
    type_keys(&mut app, "jj");
    assert_eq!(app.lookup.selected, 2, "j moved the results, not the hidden contents");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.pane(), Pane::Contents, "back in the reader, the contents are focused again");
}

#[test]
fn the_same_query_answered_again_keeps_the_selected_result() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let hits: Vec<Hit> = (0..3).map(|s| hit(s, "How it acts", "test.md", "NMDA")).collect();
    answer(
        &mut app,
        "nmda",
        Ok(Outcome { hits: hits.clone(), suggestion: None, ..Outcome::default() }),
    );
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "jj");
    assert_eq!(app.lookup.selected, 2);
    // The library walk indexed more: the query runs again, a new result ranks first.
    let mut more = vec![hit(7, "How it acts", "test.md", "NMDA")];
    more.extend(hits);
    answer(&mut app, "nmda", Ok(Outcome { hits: more, suggestion: None, ..Outcome::default() }));
    let selected = &app.lookup.results[app.lookup.selected].hit;
    assert_eq!(selected.section, 2, "still on the result the reader had chosen");
    // A new query starts at the top.
    type_keys(&mut app, "/");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.lookup.query, "nmd");
    let hits = (0..3).map(|s| hit(s, "How it acts", "test.md", "NMD")).collect();
    answer(&mut app, "nmd", Ok(Outcome { hits, suggestion: None, ..Outcome::default() }));
    assert_eq!(app.lookup.selected, 0);
}

#[test]
fn a_result_that_fails_to_open_leaves_nothing_to_the_next_article_opened() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let outcome = Outcome {
        hits: vec![hit(2, "How it acts", "test.md", "NMDA")],
        suggestion: None,
        ..Outcome::default()
    };
    answer(&mut app, "nmda", Ok(outcome));
    let effects = app.update(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(effects.contains(&Effect::Open(0)), "{effects:?}");
    let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
    let why = crate::library::Skipped::new("/lib/a.md", crate::library::Why::Io(gone));
    app.update(Msg::Opened { entry: 0, article: Err(why.into()), size: None });
    let said = "cannot open it: skipped '/lib/a.md': no such file or folder";
    assert_eq!(app.notice.as_deref(), Some(said));
    // Back to the library, and the same article opened from there, read this time.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.find.query, "", "the failed result's words are not highlighted here");
    assert_eq!(app.reader.as_ref().map(super::ReaderState::top), Some(0), "nor its place used");
}

#[test]
fn tab_moves_to_the_results_where_j_and_k_move() {
    let mut app = searching();
    type_keys(&mut app, "nmda");
    let hits = (0..3).map(|s| hit(s, "How it acts", "test.md", "NMDA")).collect();
    answer(&mut app, "nmda", Ok(Outcome { hits, suggestion: None, ..Outcome::default() }));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.pane(), Pane::Search);
    type_keys(&mut app, "jj");
    assert_eq!(app.lookup.selected, 2);
    type_keys(&mut app, "k/");
    assert_eq!(app.lookup.selected, 1);
    assert_eq!(app.pane(), Pane::SearchQuery, "/ goes back to the query");
}

#[test]
fn the_query_is_asked_again_as_the_index_grows_and_when_the_walk_ends() {
    use crate::library::scan::ScanEvent;
    let mut app = searching();
    type_keys(&mut app, "ptsd");
    // The bundled articles indexed, with no file of the library to index (and so no list
    // change): the results shown may be short of what is now searchable.
    let asked = [Effect::Search { query: "ptsd".into(), asked: super::ASKED }];
    assert_eq!(app.update(Msg::Walk(ScanEvent::Indexed { done: 4, total: 4 })), asked);
    answer(&mut app, "ptsd", Ok(Outcome::default()));
    assert_eq!(app.update_all([]), [], "asked once per report");
    // The walk's end refreshes the vocabulary fuzzy words expand to.
    assert_eq!(app.update(Msg::Walk(ScanEvent::Done(None))), asked);
    answer(&mut app, "ptsd", Ok(Outcome::default()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.update(Msg::Walk(ScanEvent::Done(None))), [], "no search pane, no search");
}

#[test]
fn a_query_typed_in_one_batch_is_asked_once_and_keys_after_it_wait_for_its_results() {
    let mut app = searching();
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let batch = [key(KeyCode::Char('n')), key(KeyCode::Char('m')), key(KeyCode::Enter)];
    let effects = app.update_all(batch);
    let asked = Effect::Search { query: "nm".into(), asked: super::ASKED };
    assert_eq!(effects, [asked], "one search, for the query as it ends up");
    assert_eq!(app.screen, Screen::Search, "Enter waits for the results");
    let hits = vec![hit(2, "How it acts", "test.md", "NMDA")];
    answer(&mut app, "nm", Ok(Outcome { hits, suggestion: None, ..Outcome::default() }));
    assert_eq!(app.screen, Screen::Reader, "Enter opened the result found for 'nm'");
    let reader = app.reader.as_ref().expect("reading");
    assert_eq!(&*app.entries[reader.entry].title, "What ketamine does");
}

#[test]
fn the_search_panes_state_takes_its_own_keys_and_hands_the_rest_up() {
    use super::lookup::{Asked, Found};
    use crate::action::Action;
    let mut state = super::LookupState { height: 3, ..super::LookupState::default() };
    assert_eq!(state.update(Action::Type('g'), true), Asked::Done);
    assert_eq!(state.query, "g");
    assert!(state.stale, "asked once the batch is in");
    assert_eq!(state.update(Action::Type('o'), false), Asked::Ignored, "the results take no text");
    assert_eq!(state.update(Action::DeleteChar, true), Asked::Done);
    assert!(state.query.is_empty() && !state.stale, "an empty query is not asked");
    assert_eq!(state.update(Action::OpenArticle, true), Asked::Open);
    assert_eq!(state.update(Action::Back, false), Asked::Leave);
    assert_eq!(state.update(Action::SearchLibrary, false), Asked::EditQuery);
    assert_eq!(state.update(Action::FocusResults, true), Asked::ShowResults);
    state.results = (0..5)
        .map(|_| Found { entry: 0, hit: hit(1, "Gout", "g.md", "gout"), copy: false })
        .collect();
    assert_eq!(state.update(Action::Bottom, false), Asked::Done);
    assert_eq!((state.selected, state.top), (4, 2), "the last result, on screen");
    assert_eq!(state.update(Action::Top, true), Asked::Ignored, "the query line does not jump");
}

#[test]
fn opening_a_result_highlights_every_word_it_matched_and_n_walks_them_all() {
    let mut app = searching();
    type_keys(&mut app, "nmda glutamate");
    let mut found = hit(2, "How it acts", "test.md", "NMDA");
    found.words = vec!["glutamate".into(), "nmda".into()];
    answer(&mut app, "nmda glutamate", Ok(Outcome { hits: vec![found], ..Outcome::default() }));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    let reader = app.reader.as_ref().expect("reading");
    let text = |m: &super::Match| {
        let line = &reader.layout.lines[m.line];
        line.text()[m.range.clone()].to_lowercase()
    };
    let words: std::collections::BTreeSet<String> = app.find.matches.iter().map(text).collect();
    assert_eq!(words.into_iter().collect::<Vec<_>>(), ["glutamate", "nmda"]);
    let lines: Vec<usize> = app.find.matches.iter().map(|m| m.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in reading order: {lines:?}");
    // Typed here, a query is found as typed again.
    type_keys(&mut app, "/glutamate");
    assert!(app.find.terms.is_empty());
}

#[test]
fn c_lists_every_file_holding_a_result_opens_the_one_chosen_and_c_again_hides_them() {
    use crate::app::fixtures::{article, section};
    use crate::article::Origin;
    use crate::search::CopyAt;
    // Each under its own key, so the test shelf tells them apart as paths do.
    let copy = |path: &str| crate::article::Article {
        origin: Origin::File(path.into()),
        key: path.into(),
        ..article("Gout", vec![section(2, "Treatment", &["Gout is treated with rest."])])
    };
    let files = ["/lib/a/gout.md", "/lib/b/gout.md", "/lib/c/gout.md"];
    let mut app = library_app(files.iter().map(|f| copy(f)).collect(), 100, 30);
    type_keys(&mut app, "sgout");
    let at = |path: &str| CopyAt { path: Some(path.into()), bundled: None };
    let found = Hit {
        path: Some(files[1].into()),
        bundled: None,
        title: "Gout".into(),
        // The third file, and one of a folder this library does not hold.
        copies: vec![at(files[2]), at("/elsewhere/gout.md")],
        ..hit(0, "Treatment", "", "gout")
    };
    answer(&mut app, "gout", Ok(Outcome { hits: vec![found], ..Outcome::default() }));
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "c");
    let rows: Vec<(bool, Option<&std::path::Path>)> =
        (app.lookup.results.iter()).map(|f| (f.copy, app.entries[f.entry].path())).collect();
    let file = |i: usize| Some(std::path::Path::new(files[i]));
    assert_eq!(rows, [(false, file(1)), (true, file(1)), (true, file(2))], "the library's files");
    assert_eq!(app.lookup.selected, 1, "the first file selected");
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("1 result for 'gout'"), "one result, however many files:\n{screen}");
    assert!(screen.contains("(in 3 files, below)"), "{screen}");
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains(" 1/1 "), "a file's row is its result's place: {status}");
    assert!(screen.contains("↳ a · gout.md") || screen.contains("↳ c · gout.md"), "{screen}");
    // c again hides them; then shown again, the second file opens.
    type_keys(&mut app, "c");
    assert_eq!(app.lookup.results.len(), 1);
    assert_eq!(app.lookup.selected, 0);
    type_keys(&mut app, "cj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    let reader = app.reader.as_ref().expect("reading");
    assert_eq!(app.entries[reader.entry].path(), file(2));
}
