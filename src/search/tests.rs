//! Expansion and the search as a whole, over small indexes built here.

use super::expand::{self, Fit, Plan, near_words, query_words};
use super::*;
use crate::article::{Format, Origin, parse_str};
use std::ops::RangeInclusive;

/// An index of `articles` given as (name, Markdown).
fn index(articles: &[(&'static str, &str)]) -> Store {
    let parsed: Vec<_> = articles
        .iter()
        .map(|(name, text)| parse_str(name, Origin::Bundled(name), Format::Markdown, text))
        .collect();
    let mut store = Store::open_in_memory().unwrap();
    index_articles(&mut store, &parsed).unwrap();
    store
}

fn library() -> Store {
    index(&[
        (
            "a.md",
            "# Anxiety care\n\n## Treatment\n\nTreatment of anxiety and diabetes. Treatments vary. \
             The effect lasts.\n\n## Trauma\n\nPeople with post-traumatic stress disorder (PTSD) \
             relive it.\n",
        ),
        ("b.md", "# Tremor\n\n## Causes\n\nA tremendous tremor.\n"),
    ])
}

fn terms(store: &Store, query: &str) -> Vec<(String, Fit)> {
    let vocabulary = store.vocabulary().unwrap();
    let plan = Plan::new(store, &vocabulary, &query_words(query), true).unwrap();
    plan.groups[0].terms.clone()
}

fn has(terms: &[(String, Fit)], term: &str, fit: Fit) -> bool {
    terms.iter().any(|(t, f)| t == term && *f == fit)
}

#[test]
fn a_word_stands_for_itself_its_other_number_and_the_words_it_starts() {
    let store = library();
    let found = terms(&store, "effects");
    assert!(has(&found, "effects", Fit::Word) && has(&found, "effect", Fit::Word), "{found:?}");
    let found = terms(&store, "treatm");
    assert!(has(&found, "treatment", Fit::Prefix) && has(&found, "treatments", Fit::Prefix));
    assert!(!found.iter().any(|(_, f)| *f == Fit::Fuzzy), "a prefix of known words is no typo");
    assert_eq!(terms(&store, "tr").len(), 1, "two letters start nothing");
}

#[test]
fn only_a_word_still_being_typed_stands_for_the_words_it_starts() {
    let store = library();
    let vocabulary = store.vocabulary().unwrap();
    let typing = Plan::new(&store, &vocabulary, &query_words("anxiety treat"), true).unwrap();
    assert!(has(&typing.groups[1].terms, "treatment", Fit::Prefix), "{:?}", typing.groups[1]);
    let finished = Plan::new(&store, &vocabulary, &query_words("treat anxiety"), true).unwrap();
    let treat = &finished.groups[0].terms;
    assert!(has(treat, "treat", Fit::Word), "{treat:?}");
    assert!(!treat.iter().any(|(_, f)| *f == Fit::Prefix), "a finished word: {treat:?}");
    assert!(expand::still_typing("anxiety treat"));
    assert!(!expand::still_typing("anxiety treat ") && !expand::still_typing("ptsd?"));
}

#[test]
fn a_finished_word_that_only_starts_words_is_offered_a_whole_one() {
    let store = library();
    // "anx" finished, then "care": "anx" matches no word of its own; the sections with
    // "care" are shown as holding only some words, and the whole word is offered.
    let outcome = search(&store, "anx care", 10).unwrap();
    assert_eq!(outcome.partial.as_deref(), Some(&["care".to_string()][..]), "{outcome:?}");
    assert_eq!(outcome.suggestion.as_deref(), Some("anxiety care"));
    // Still being typed, it stands for the words it starts.
    assert!(!search(&store, "care anx", 10).unwrap().hits.is_empty());
}

#[test]
fn unknown_words_expand_to_near_words_of_the_vocabulary() {
    let store = library();
    let vocabulary = store.vocabulary().unwrap();
    assert_eq!(near_words(&vocabulary, "anxeity", 3)[0], "anxiety", "a transposition");
    assert_eq!(near_words(&vocabulary, "diabetis", 3)[0], "diabetes", "one letter wrong");
    assert!(
        near_words(&vocabulary, "trmnt", 3).contains(&"treatment".to_owned()),
        "dropped letters"
    );
    assert!(near_words(&vocabulary, "anx", 3).is_empty(), "too short to guess");
    let found = terms(&store, "anxeity");
    assert!(has(&found, "anxiety", Fit::Fuzzy), "{found:?}");
    assert!(!terms(&store, "anxiety").iter().any(|(_, f)| *f == Fit::Fuzzy), "known words stay");
}

#[test]
fn an_abbreviation_and_its_long_form_find_each_other() {
    let store = library();
    let vocabulary = store.vocabulary().unwrap();
    let plan = Plan::new(&store, &vocabulary, &query_words("PTSD"), true).unwrap();
    assert_eq!(plan.aliases[0].phrases, ["post traumatic stress disorder"]);
    let long = query_words("post-traumatic stress disorder");
    let plan = Plan::new(&store, &vocabulary, &long, true).unwrap();
    assert_eq!(
        (plan.aliases[0].words.clone(), plan.aliases[0].phrases.clone()),
        (0..=3, vec!["ptsd".to_owned()])
    );
    let hit = &search(&store, "ptsd", 1).unwrap().hits[0];
    assert_eq!(hit.heading, "Trauma");
}

#[test]
fn every_word_must_match_in_one_section_or_the_title() {
    let store = library();
    let headings = |q| -> Vec<String> {
        search(&store, q, 10).unwrap().hits.into_iter().map(|h| h.heading).collect()
    };
    assert_eq!(headings("diabetes effect"), ["Treatment"]);
    assert_eq!(headings("anxiety relive"), ["Trauma"], "the title's word counts for each section");
    // Words in two sections: neither holds every word, and the search says so.
    let outcome = search(&store, "diabetes relive", 10).unwrap();
    assert!(outcome.partial.as_ref().is_some_and(|held| held.len() == 1), "{outcome:?}");
}

#[test]
fn a_broad_query_keeps_to_sections_that_name_a_word_in_a_title_or_heading() {
    let store = index(&[
        ("a.md", "# Anxiety care\n\n## Treatment\n\nRest and talking help.\n"),
        ("b.md", "# Sleep\n\n## Habits\n\nA treatment for poor sleep is a routine.\n"),
    ]);
    let headings = |broad| -> Vec<String> {
        let hits = search_with(&store, "treatment", 10, broad).unwrap().hits;
        hits.into_iter().map(|h| h.heading).collect()
    };
    assert_eq!(headings(10_000), ["Treatment", "Habits"], "not broad: the text counts too");
    assert_eq!(headings(1), ["Treatment"], "broad: only sections that name it in a heading");
    let vocabulary = store.vocabulary().unwrap();
    let plan = Plan::new(&store, &vocabulary, &query_words("tremor anxiety"), true).unwrap();
    assert!(plan.fts_query(Some(1)).contains("{title heading aliases} : (\"anxiety\""));
}

#[test]
fn marks_and_offsets_point_at_the_matched_words() {
    let store = library();
    let hit = search(&store, "relive", 1).unwrap().hits.remove(0);
    let marked: Vec<&str> = hit.marks.iter().map(|m| &hit.snippet[m.clone()]).collect();
    assert_eq!(marked, ["relive"]);
    // Section text: "Trauma" then the paragraph.
    let text = format!("Trauma{}", "People with post-traumatic stress disorder (PTSD) relive it.");
    assert_eq!(&text[hit.offset as usize..][..6], "relive");
    assert_eq!(hit.kind, MatchKind::Text);
}

#[test]
fn marks_find_alias_phrases_whole_and_words_folded_as_the_index_folds_them() {
    let mut lookup = expand::Lookup::default();
    lookup.words.insert("disease".into(), vec![(0..=0, Fit::Word)]);
    lookup.words.insert("meniere".into(), vec![(0..=0, Fit::Prefix)]);
    lookup.phrases.insert("post traumatic stress".into(), 1..=1);
    let text = "Ménière DISEASE; post-traumatic stress, and post traumatic Disease";
    let (found, alias) = lookup.matches(text);
    let words: Vec<(&str, RangeInclusive<usize>, Fit)> =
        found.iter().map(|m| (&text[m.range.clone()], m.words.clone(), m.fit)).collect();
    // The phrase whole, each of its words standing for what the alias stands for.
    assert_eq!(
        words,
        [
            ("Ménière", 0..=0, Fit::Prefix),
            ("DISEASE", 0..=0, Fit::Word),
            ("post", 1..=1, Fit::Alias),
            ("traumatic", 1..=1, Fit::Alias),
            ("stress", 1..=1, Fit::Alias),
            ("Disease", 0..=0, Fit::Word),
        ]
    );
    assert!(alias, "a phrase of the aliases matched");
    let text = "disease, stress";
    let (found, alias) = lookup.matches(text);
    let runs: Vec<&str> = found.iter().map(|m| &text[m.range.clone()]).collect();
    assert_eq!(runs, ["disease"]);
    assert!(!alias);
}

#[test]
fn only_the_word_clearly_meant_replaces_a_misspelling() {
    // "diabetes" in many sections, "diabetic" and "cvid" in one.
    let common = "Diabetes care. ".repeat(3);
    let mut articles: Vec<(&'static str, String)> = (0..12)
        .map(|i| {
            let name: &'static str = Box::leak(format!("d{i}.md").into_boxed_str());
            (name, format!("# Diabetes {i}\n\n## Living with it\n\n{common}\n"))
        })
        .collect();
    articles.push(("x.md", "# Diabetic feet\n\nCVID is rare.\n".to_string()));
    let borrowed: Vec<(&'static str, &str)> =
        articles.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let store = index(&borrowed);
    let vocabulary = store.vocabulary().unwrap();
    let meant = |w: &str| expand::replacement(&vocabulary, w);
    assert_eq!(meant("diabetis").as_deref(), Some("diabetes"), "far ahead of 'diabetic'");
    assert_eq!(meant("covid"), None, "its only neighbour, 'cvid', is rare");
    assert_eq!(meant("diabetez").as_deref(), Some("diabetes"), "one edit");
    assert_eq!(meant("diabtz"), None, "two edits in a word under eight letters");
    assert_eq!(meant("dbts").as_deref(), Some("diabetes"), "written without vowels");
    assert_eq!(meant("dia"), None, "too short to guess");
    let outcome = search(&store, "diabetis care", 5).unwrap();
    assert!(!outcome.hits.is_empty());
    assert_eq!(outcome.replaced, [("diabetis".to_string(), "diabetes".to_string())]);
    assert!(search(&store, "diabetes care", 5).unwrap().replaced.is_empty(), "spelled right");
}

#[test]
fn when_no_section_has_every_word_the_ones_with_the_most_are_shown_and_said() {
    let store = library();
    let outcome = search(&store, "anxiety diabetes tremor", 5).unwrap();
    assert_eq!(outcome.hits[0].heading, "Treatment", "{:?}", outcome.hits);
    assert_eq!(
        outcome.partial.as_deref(),
        Some(&["anxiety".to_string(), "diabetes".to_string()][..])
    );
    assert_eq!(
        outcome.said().as_deref(),
        Some("no section has every word; showing sections with 'anxiety' and 'diabetes'")
    );
    // Questions: the words of the question need not match.
    let outcome = search(&store, "how is anxiety treated?", 5).unwrap();
    assert!(!outcome.hits.is_empty(), "{outcome:?}");
    // Every word in one section: plainly the query's results.
    let outcome = search(&store, "anxiety diabetes", 5).unwrap();
    assert_eq!((outcome.said(), outcome.partial), (None, None));
}

#[test]
fn a_known_word_stands_for_its_other_forms_and_a_misspelling_for_none() {
    assert_eq!(expand::stem("treated"), "treat");
    assert_eq!(expand::stem("treatment"), "treat");
    assert_eq!(expand::stem("diagnosis"), "diagnos");
    assert_eq!(expand::stem("diagnosed"), "diagnos");
    assert_eq!(expand::stem("addictive"), expand::stem("addiction"));
    assert_eq!(expand::stem("gout"), "gout", "too short to take an ending off");
    assert_ne!(expand::stem("general"), expand::stem("generation"), "-al is left alone");
    let store = index(&[
        ("a.md", "# Gout\n\n## Treatment\n\nTreatment is rest. The children were treated.\n"),
        ("b.md", "# Care\n\n## Child\n\nA child treats it.\n"),
    ]);
    let vocabulary = store.vocabulary().unwrap();
    let forms = expand::related_forms(&vocabulary, "treated");
    assert!(forms.contains(&"treatment".to_string()) && forms.contains(&"treats".to_string()));
    assert_eq!(expand::related_forms(&vocabulary, "children"), ["child"]);
    // A word of the index stands for its other forms: "treatment" is no completion of
    // "treated", so only the forms can bring it.
    let found = terms(&store, "treated");
    assert!(has(&found, "treatment", Fit::Stem), "{found:?}");
    // "treatmnet" is no word of the index: no forms, only the word clearly meant, said.
    let vocabulary_terms = terms(&store, "treatmnet");
    assert!(!vocabulary_terms.iter().any(|(_, f)| *f == Fit::Stem), "{vocabulary_terms:?}");
    let hits = search(&store, "child treated", 5).unwrap().hits;
    assert!(hits.iter().any(|h| h.heading == "Child"), "child/treats: {hits:?}");
    assert!(hits.iter().any(|h| h.heading == "Treatment"), "children/treated: {hits:?}");
}

#[test]
fn a_page_says_whether_more_match_and_a_counted_one_how_many() {
    // 25 articles, and one more in four identical copies: 26 results, however counted.
    let texts: Vec<String> = (0..25)
        .map(|i| format!("# Gout {i}\n\nGout note number {i}.\n"))
        .chain((0..4).map(|_| "# Gout copied\n\nGout note copied.\n".to_string()))
        .collect();
    let names: Vec<&'static str> =
        (0..29).map(|i| &*Box::leak(format!("g{i}.md").into_boxed_str())).collect();
    let articles: Vec<(&'static str, &str)> =
        names.iter().zip(&texts).map(|(n, t)| (*n, t.as_str())).collect();
    let store = index(&articles);
    // Fewer asked than match, though BM25's candidates held them all: more.
    let page = search(&store, "gout", 20).unwrap();
    assert_eq!((page.hits.len(), page.more, page.total), (20, true, None));
    let all = search(&store, "gout", 40).unwrap();
    assert_eq!((all.hits.len(), all.more), (26, false));
    assert_eq!(all.hits.iter().map(|h| h.copies.len()).max(), Some(3), "the copies shown once");
    // Counted, whether BM25 had more than the candidates taken (limit 5) or not (limit 40).
    assert_eq!(search_counted(&store, "gout", 5).unwrap().total, Some(26));
    assert_eq!(search_counted(&store, "gout", 40).unwrap().total, Some(26));
}

#[test]
fn an_alias_holding_a_shorter_one_or_the_words_typed_is_left_out() {
    let phrases = |list: &[&str]| list.iter().map(ToString::to_string).collect::<Vec<_>>();
    let kept = expand::shortest_forms(
        &phrases(&["heart attack", "heart attack copy 0", "acute heart attack", "mi", "heart"]),
        "myocardial infarction",
    );
    // "heart" is in the others as a whole word: they go, it stays.
    assert_eq!(kept, phrases(&["mi", "heart"]));
    let kept = expand::shortest_forms(
        &phrases(&["post traumatic stress disorder", "chronic ptsd", "ptsdx"]),
        "ptsd",
    );
    assert_eq!(kept, phrases(&["post traumatic stress disorder", "ptsdx"]), "whole words only");
}

#[test]
fn the_articles_a_query_names_are_looked_for_by_its_words_not_the_words_they_start() {
    use expand::{Group, Plan};
    let group = |word: &str, terms: &[(&str, Fit)]| Group {
        word: word.into(),
        terms: terms.iter().map(|(t, f)| ((*t).to_string(), *f)).collect(),
    };
    let typed = Plan {
        groups: vec![
            group("gout", &[("gout", Fit::Word), ("gouty", Fit::Stem)]),
            group("diab", &[("diabetes", Fit::Prefix), ("diabetic", Fit::Prefix)]),
        ],
        aliases: Vec::new(),
    };
    assert_eq!(typed.named(), None, "'diab' names nothing yet");
    let whole = Plan {
        groups: vec![group("dia", &[("dia", Fit::Word), ("diabetes", Fit::Prefix)])],
        aliases: Vec::new(),
    };
    let named = whole.named().expect("'dia' is a word of the index");
    assert_eq!(named.fts_query(None), r#"("dia")"#);
}
