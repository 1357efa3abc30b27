//! Key-sequence tests of the library screen and of saved reading positions: what is listed,
//! filtered and selected, what opening and leaving an article does, and which saves it asks
//! for. No terminal and no disk: effects are inspected, and `Open` is served by the fixtures.

use super::fixtures::{article, library_app, press, sample, section, serve, type_keys};
use super::{App, Effect, Msg, Place, Screen};
use crate::app::Options;
use crate::keymap::Pane;
use crate::library::Order;
use crate::library::scan::ScanEvent;
use crate::store::Progress;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Three short articles and the long sample, listed in title order: Anxiety notes, Sleep and
/// rest, Ulcer care, What ketamine does.
fn articles() -> Vec<crate::article::Article> {
    let short = |title: &str, tags: &[&str]| {
        let mut a = article(title, vec![section(2, "Overview", &["Some words to read."])]);
        a.meta.tags = tags.iter().map(|t| (*t).to_string()).collect();
        a
    };
    let articles = vec![
        short("Sleep and rest", &["sleep"]),
        sample(),
        short("Anxiety notes", &["mental health"]),
        short("Ulcer care", &["stomach"]),
    ];
    articles
}

fn shelf() -> App {
    library_app(articles(), 100, 30)
}

fn titles(app: &App) -> Vec<&str> {
    app.shelf.rows.iter().map(|r| app.entries[r.entry].title.as_ref()).collect()
}

fn selected_title(app: &App) -> &str {
    app.shelf.selected_entry().map_or("", |i| app.entries[i].title.as_ref())
}

fn progress(key: &str, title_key: &str, section: u32, read_at: i64) -> Progress {
    Progress {
        article: key.into(),
        title_key: title_key.into(),
        anchor: String::new(),
        section,
        offset: 0,
        percent: 40,
        read_at,
    }
}

#[test]
fn the_library_lists_every_article_by_title_and_enter_opens_the_selected_one() {
    let mut app = shelf();
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(
        titles(&app),
        ["Anxiety notes", "Sleep and rest", "Ulcer care", "What ketamine does"]
    );
    type_keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.article().map(|a| a.meta.title.as_str()), Some("What ketamine does"));
    // Back goes to the library with the same article selected; Esc there does not quit, and
    // says what does; q quits.
    type_keys(&mut app, "q");
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(selected_title(&app), "What ketamine does");
    assert!(!app.quit);
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit, "Esc never quits");
    assert_eq!(app.notice.as_deref(), Some(super::QUIT_HINT));
    type_keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn the_filter_narrows_as_you_type_highlights_hits_and_esc_clears_it() {
    let mut app = shelf();
    type_keys(&mut app, "/slp");
    assert_eq!(app.pane(), Pane::Filter);
    assert_eq!(titles(&app), ["Sleep and rest"]);
    let hits = super::filter::title_hits("Sleep and rest", &app.shelf.query);
    assert_eq!(hits, [0, 1, 4], "the S, l and p of Sleep");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.pane(), Pane::Library, "Enter keeps the filter and leaves typing");
    assert_eq!(titles(&app), ["Sleep and rest"]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(titles(&app).len(), 4, "Esc clears the filter");
    assert!(!app.quit);
}

#[test]
fn keys_typed_into_the_filter_in_one_batch_end_where_typing_them_one_by_one_does() {
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut app = shelf();
    type_keys(&mut app, "/");
    let mut one_by_one = shelf();
    type_keys(&mut one_by_one, "/slp");
    let effects = app.update_all("slp".chars().map(key));
    let [Effect::Filter(_)] = effects.as_slice() else { panic!("one filter asked: {effects:?}") };
    serve(&mut app, effects);
    assert_eq!(app.shelf.query, "slp");
    assert_eq!(titles(&app), ["Sleep and rest"]);
    assert_eq!(titles(&app), titles(&one_by_one));
    assert_eq!(selected_title(&app), selected_title(&one_by_one));
    // A key acting on the list in the same batch acts on the list as typed before it.
    let mut opened = shelf();
    type_keys(&mut opened, "/");
    let enter = || Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let effects = opened.update_all("slp".chars().map(key).chain([enter(), enter()]));
    serve(&mut opened, effects);
    assert_eq!(opened.article().map(|a| a.meta.title.as_str()), Some("Sleep and rest"));
    // Outside the filter the same keys are keys: s opens the search pane.
    let mut library = shelf();
    library.update_all("slp".chars().map(key));
    assert!(library.shelf.query.is_empty(), "typed into nothing outside the filter");
    assert_eq!(library.screen, Screen::Search);
}

#[test]
fn the_filter_scores_what_typing_reused_as_a_fresh_filter_does() {
    use super::filter::{FilterJob, Filterer, Texts, places};
    use std::sync::Arc;
    let app = shelf();
    let progress = std::collections::HashMap::new();
    let whole = super::shelf::whole_list(&app.entries, &progress, Order::Title);
    let texts = Arc::new(Texts::of(&app.entries));
    let places = places(&whole, app.entries.len());
    let job = |query: &str| FilterJob {
        generation: 1,
        query: query.to_string(),
        texts: Arc::clone(&texts),
        places: Arc::clone(&places),
    };
    let run = |filterer: &mut Filterer, query: &str| filterer.run(&job(query), &|| false);
    let mut kept = Filterer::default();
    let typed =
        ["s", "sl", "sle", "sle ", "sle a", "sle an", "sle a", "sle", "s r", "s re", "o", "ot "];
    for query in typed {
        let reused = run(&mut kept, query);
        let fresh = run(&mut Filterer::default(), query);
        assert!(reused.as_ref().is_some_and(|r| !r.is_empty()) || query.starts_with('o'));
        assert_eq!(reused, fresh, "{query:?}");
    }
    // Scores matter, not only which entries: "e" ranks the entries it matches best first.
    let mut kept = Filterer::default();
    run(&mut kept, "an");
    let reused = run(&mut kept, "an e");
    let fresh = run(&mut Filterer::default(), "an e");
    assert_eq!(reused, fresh);
    // A job no longer wanted stops, and says so.
    assert_eq!(Filterer::default().run(&job("s"), &|| true), None);
}

#[test]
fn the_filter_also_searches_tags_and_needs_every_word() {
    let mut app = shelf();
    type_keys(&mut app, "/mental");
    assert_eq!(titles(&app), ["Anxiety notes"], "found by its tag");
    type_keys(&mut app, " zzz");
    assert!(titles(&app).is_empty());
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("no article matches 'mental zzz'"), "{screen}");
}

#[test]
fn o_cycles_the_order_and_asks_to_remember_it() {
    let mut app = shelf();
    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE)));
    assert_eq!(app.shelf.order, Order::Recent);
    assert!(
        effects
            .contains(&Effect::SaveSetting { key: "library.order", value: "recently read".into() })
    );
    type_keys(&mut app, "ooo");
    assert_eq!(app.shelf.order, Order::Title);
}

#[test]
fn the_last_article_read_is_selected_at_start_and_opens_where_it_was_left() {
    let mut app = shelf();
    let sample_key = app.entries[1].key.clone();
    let title_key = app.entries[1].title_key.clone();
    let older = progress(&app.entries[0].key, &app.entries[0].title_key, 0, 100);
    let mut newer = progress(&sample_key, &title_key, 5, 200);
    newer.anchor = "depression".into();
    app.update(Msg::Restored {
        progress: vec![older, newer],
        bookmarks: Vec::new(),
        order: Order::Recent,
    });
    assert_eq!(selected_title(&app), "What ketamine does");
    assert_eq!(titles(&app)[..2], ["What ketamine does", "Sleep and rest"], "recently read first");
    press(&mut app, KeyCode::Enter);
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.section(), 5);
    assert_eq!(reader.layout.lines[reader.top()].text(), "Depression");
}

#[test]
fn a_saved_place_is_found_by_anchor_then_index_then_the_last_section() {
    let a = sample();
    let place = |anchor: &str, section| Place { anchor: anchor.into(), section, offset: 7 };
    let at = |p: &Place| super::resolve(&a, p);
    assert_eq!(at(&place("side-effects", 2)).section, 6, "the anchor wins over the index");
    assert_eq!(at(&place("gone", 2)).section, 2, "then the index");
    let past = at(&place("gone", 99));
    assert_eq!((past.section, past.offset), (7, 0), "then the start of the last section");
}

#[test]
fn reading_asks_to_save_lazily_and_leaving_saves_at_once() {
    let mut app = shelf();
    type_keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE)));
    let lazy = effects.iter().any(|e| matches!(e, Effect::SaveProgress { urgent: false, .. }));
    assert!(lazy, "{effects:?}");
    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)));
    let urgent = effects.iter().any(|e| matches!(e, Effect::SaveProgress { urgent: true, .. }));
    assert!(urgent, "leaving the article saves now: {effects:?}");
    let saved = &app.progress[app.entries[1].key.as_str()];
    assert_eq!((saved.section, saved.anchor.as_str()), (1, "what-it-is"));
}

#[test]
fn an_edited_article_gets_its_saved_place_back_by_title() {
    let mut app = shelf();
    let entry = &app.entries[3];
    let old = progress("t:ulcer care#0000", &entry.title_key, 0, 50);
    let other = progress("t:gone for good#1111", "gone for good", 0, 60);
    let new_key = entry.key.to_string();
    let effects = app.update(Msg::Restored {
        progress: vec![old, other],
        bookmarks: Vec::new(),
        order: Order::Title,
    });
    assert!(app.progress.contains_key(&new_key));
    assert!(app.progress.contains_key("t:gone for good#1111"), "no heir: kept as it was");
    assert_eq!(effects, [Effect::Rekey { from: "t:ulcer care#0000".into(), to: new_key }]);
}

#[test]
fn state_moved_onto_a_key_that_has_its_own_keeps_the_newer_place() {
    let mut app = shelf();
    let (old, new) = ("t:old#0000", app.entries[3].key.to_string());
    let title = app.entries[3].title_key.clone();
    app.progress.insert(old.into(), progress(old, &title, 5, 300));
    app.progress.insert(new.clone(), progress(&new, &title, 2, 200));
    app.rekey(old, &new);
    assert!(!app.progress.contains_key(old));
    assert_eq!((app.progress[&new].section, app.progress[&new].article.as_str()), (5, &*new));
    app.progress.insert(old.into(), progress(old, &title, 7, 100));
    app.rekey(old, &new);
    assert_eq!(app.progress[&new].section, 5, "the older place does not win");
    assert_eq!(app.progress.len(), 1);
}

#[test]
fn an_article_whose_identity_is_not_known_yet_inherits_no_saved_place() {
    // A long file named on the command line is listed under a pending key until it is read
    // whole; its saved place, under its real key, waits for that. Moving the place to the
    // pending key lost it: the next run's `complete_entry` looked under the real key.
    let mut app = shelf();
    let entry = &mut app.entries[3];
    entry.key = crate::article::Key::stand_in("big.md");
    let saved = progress("t:ulcer care#0000", &entry.title_key.clone(), 2, 50);
    let effects = app.update(Msg::Restored {
        progress: vec![saved],
        bookmarks: Vec::new(),
        order: Order::Title,
    });
    assert!(app.progress.contains_key("t:ulcer care#0000"), "{:?}", app.progress.keys());
    assert!(!effects.iter().any(|e| matches!(e, Effect::Rekey { .. })), "{effects:?}");
}

#[test]
fn only_the_article_opened_by_name_quits_on_q_never_on_esc() {
    let mut app = super::fixtures::reading_by_name(articles(), 0, 100, 30);
    assert_eq!(app.screen, Screen::Reader);
    // Esc clears a find, then does nothing but say that q quits, as less does.
    type_keys(&mut app, "/rest");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.find.query.is_empty() && !app.quit);
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit, "Esc never quits");
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.notice.as_deref(), Some(super::QUIT_HINT));
    let named = app.article().map(|a| a.meta.title.clone()).expect("reading");
    type_keys(&mut app, "L");
    assert_eq!(app.screen, Screen::Library);
    assert!(!app.quit);
    // Another article, opened from the library: q goes back, as in the library's reader.
    let other = app.shelf.rows.iter().position(|r| app.entries[r.entry].title.as_ref() != named);
    app.shelf.selected = other.expect("another article");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    type_keys(&mut app, "q");
    assert!(!app.quit, "q from another article goes back");
    assert_eq!(app.screen, Screen::Library);
    // The article named on the command line: q leaves, like less FILE.
    let at = app.shelf.rows.iter().position(|r| app.entries[r.entry].title.as_ref() == named);
    app.shelf.selected = at.expect("the named article");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "q");
    assert!(app.quit, "like less FILE, q leaves");
}

#[test]
fn bang_lists_the_files_that_could_not_be_read() {
    let mut app = shelf();
    app.update_all([
        Msg::Walk(ScanEvent::Problems(vec!["skipped 'a.md': binary file".into()])),
        Msg::Walk(ScanEvent::Done(None)),
    ]);
    type_keys(&mut app, "!");
    assert_eq!(app.pane(), Pane::Problems);
    let screen = crate::ui::buffer_text(&crate::ui::render_to_buffer(&app, 100, 30));
    assert!(screen.contains("skipped 'a.md': binary file"), "{screen}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.pane(), Pane::Library);
}

#[test]
fn identity_keeps_state_through_moves_and_edits_and_never_shares_it() {
    use crate::library;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(&path, text).expect("written");
    };
    // Two articles of one title in different folders, with different text.
    write("nhs/sleep.md", "# Sleep\n\n## Naps\n\nShort naps help.\n");
    write("cdc/sleep.md", "# Sleep\n\n## Naps\n\nAdults need seven hours.\n");
    let roots = [dir.path().to_path_buf()];
    let entries = |roots: &[std::path::PathBuf]| library::load(roots, false).entries(roots);
    let first = entries(&roots);
    assert_eq!(first.len(), 2);
    assert_ne!(first[0].key, first[1].key, "same title, different articles: separate state");

    // Reading one of them, then moving and renaming its file: the same state.
    let nhs =
        first.iter().find(|e| e.path().is_some_and(|p| p.starts_with(dir.path().join("nhs"))));
    let nhs_key = nhs.expect("listed").key.to_string();
    let saved = progress(&nhs_key, "sleep", 1, 100);
    std::fs::create_dir_all(dir.path().join("archive")).expect("folder");
    std::fs::rename(dir.path().join("nhs/sleep.md"), dir.path().join("archive/naps.md"))
        .expect("moved");
    let moved = entries(&roots);
    assert!(moved.iter().any(|e| e.key == nhs_key), "moved and renamed: the same key");

    // Editing it: a new key, and the saved state follows by title to the one article that
    // lost its state, not to the other article of that title (which has its own).
    write("archive/naps.md", "# Sleep\n\n## Naps\n\nShort naps help, edited.\n");
    let edited = entries(&roots);
    assert!(edited.iter().all(|e| e.key != nhs_key));
    let cdc_key = edited
        .iter()
        .find(|e| e.path().is_some_and(|p| p.starts_with(dir.path().join("cdc"))))
        .expect("listed")
        .key
        .to_string();
    let cdc_state = progress(&cdc_key, "sleep", 0, 50);
    let mut app = App::new(Options::listing(edited));
    let effects = app.update(Msg::Restored {
        progress: vec![saved, cdc_state],
        bookmarks: Vec::new(),
        order: Order::Title,
    });
    let archive = app
        .entries
        .iter()
        .find(|e| e.path().is_some_and(|p| p.starts_with(dir.path().join("archive"))))
        .expect("listed")
        .key
        .to_string();
    assert_eq!(effects, [Effect::Rekey { from: nhs_key, to: archive.clone() }]);
    assert_eq!(app.progress[&archive].section, 1);
    assert_eq!(app.progress[&cdc_key].section, 0, "the other article keeps its own");
}

#[test]
fn an_acronym_or_a_word_start_ranks_above_letters_scattered_through_a_title() {
    let short = |title: &str| article(title, vec![section(2, "Overview", &["Some words."])]);
    let titles = [
        "Protein S deficiency",
        "Post-Traumatic Stress Disorder",
        "Leukocyte adhesion deficiency",
        "Attention deficit hyperactivity disorder",
        "Gout",
        "Goodpasture syndrome",
    ];
    let mut app = library_app(titles.iter().map(|t| short(t)).collect(), 100, 30);
    type_keys(&mut app, "/ptsd");
    assert_eq!(titles_of(&app)[0], "Post-Traumatic Stress Disorder", "{:?}", titles_of(&app));
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, "/adhd");
    assert_eq!(titles_of(&app)[0], "Attention deficit hyperactivity disorder");
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, "/gou");
    assert_eq!(titles_of(&app)[0], "Gout", "a word start before scattered letters");
}

fn titles_of(app: &App) -> Vec<String> {
    app.shelf.rows.iter().map(|r| app.entries[r.entry].title.to_string()).collect()
}

#[test]
fn keys_after_a_filter_wait_for_its_rows_and_only_the_latest_filters_rows_are_taken() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = shelf();
    type_keys(&mut app, "/");
    let job = |effects: Vec<Effect>| match effects.as_slice() {
        [Effect::Filter(job)] => job.clone(),
        other => panic!("one filter asked: {other:?}"),
    };
    let first = job(app.update(key('s')));
    let before: Vec<String> = titles(&app).iter().map(ToString::to_string).collect();
    assert_eq!(before.len(), 4, "the list stays as it was until the rows come");
    // Typing goes on while the rows are asked for; Enter and j wait for them.
    let second = job(app.update(key('l')));
    assert!(app.update(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)).is_empty());
    assert!(app.update(key('j')).is_empty());
    assert_eq!(app.pane(), Pane::Filter, "Enter waits for the rows");
    // The rows of "s" come late: not taken, and the keys keep waiting.
    let mut filterer = super::Filterer::default();
    let rows = filterer.run(&first, &|| false).expect("ran");
    app.update(Msg::Filtered { generation: first.generation, rows });
    assert_eq!(titles(&app), before);
    assert_eq!(app.pane(), Pane::Filter);
    // Those of "sl" are taken, then Enter and j apply, in order.
    let rows = filterer.run(&second, &|| false).expect("ran");
    app.update(Msg::Filtered { generation: second.generation, rows });
    assert_eq!(titles(&app)[0], "Sleep and rest");
    assert_ne!(titles(&app), before, "the rows of \"sl\"");
    assert_eq!(app.pane(), Pane::Library, "Enter applied once the rows came");
    assert_eq!(selected_title(&app), titles(&app)[1], "then j");
}

#[test]
fn back_from_an_article_opened_from_a_filter_it_stays_selected() {
    let mut app = shelf();
    type_keys(&mut app, "/e");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "j");
    let chosen = selected_title(&app).to_string();
    assert_ne!(chosen, titles(&app)[0], "not the best match");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reader);
    type_keys(&mut app, "q");
    assert_eq!(app.shelf.query, "e", "the filter is kept");
    assert_eq!(selected_title(&app), chosen);
}
