//! Search quality: queries a reader would type, over the bundled articles, a sample of MedQuAD
//! (`tests/fixtures/medquad`, attributed in its README) and the search fixtures, each with the
//! sections a reader would accept as an answer.
//!
//! It prints, and holds to a floor, the share of queries whose first acceptable section is in
//! the top three (at least 0.9) and the mean reciprocal rank over the top ten (at least 0.8).
//! BENCHMARKS.md ("Search") records the scores of the tokenizers and rules tried.

use salve::article::Origin;
use salve::search::{self, Hit, MatchKind};
use salve::store::Store;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Any section of the article.
const ANY: &str = "*";

/// (query, acceptable (article file, section heading) pairs).
type Case = (&'static str, &'static [(&'static str, &'static str)]);

const BRAIN: &str = "ketamine-and-the-brain.md";
const GUIDE: &str = "ketamine-for-depression-guide.md";
const PTSD: &str = "ketamine-depression-anxiety-ptsd.md";
const SIDE: &str = "ketamine-side-effects.md";

const CASES: &[Case] = &[
    // The issue's own examples.
    (
        "side effects",
        &[
            (BRAIN, "Common Short-Term Side Effects of Ketamine"),
            (BRAIN, "The Risks and Side Effects Associated with Ketamine Use"),
            (GUIDE, "Potential Risks and Considerations in Ketamine Treatment for Depression"),
        ],
    ),
    (
        "PTSD",
        &[
            (PTSD, "Addressing PTSD with Ketamine"),
            ("mplus-post-traumatic-stress-disorder.md", ANY),
        ],
    ),
    (
        "ptsd treatment",
        &[
            (PTSD, "Addressing PTSD with Ketamine"),
            ("mplus-post-traumatic-stress-disorder.md", ANY),
        ],
    ),
    // Misspellings.
    (
        "ptsd treatmnt",
        &[
            (PTSD, "Addressing PTSD with Ketamine"),
            ("mplus-post-traumatic-stress-disorder.md", ANY),
        ],
    ),
    ("anxeity", &[("mplus-anxiety.md", ANY), ("seniorhealth-anxiety-disorders.md", ANY)]),
    (
        "diabetis",
        &[
            ("gard-diabetes-mellitus-type-1.md", ANY),
            ("niddk-diabetes-heart-disease-and-stroke.md", ANY),
        ],
    ),
    ("glaucomma", &[("mplus-glaucoma.md", ANY), ("seniorhealth-glaucoma.md", ANY)]),
    (
        "ketamine addicton",
        &[(SIDE, "Addiction"), (BRAIN, "The Dangers of Ketamine Abuse and Addiction")],
    ),
    // Dropped letters.
    ("asthma trmnt", &[("nhlbi-asthma.md", "What are the treatments for Asthma?")]),
    // An abbreviation both ways: "generalized anxiety disorder (GAD)" is learned from the text.
    ("GAD", &[("seniorhealth-anxiety-disorders.md", ANY)]),
    ("generalized anxiety disorder", &[("seniorhealth-anxiety-disorders.md", ANY)]),
    (
        "post-traumatic stress disorder",
        &[("mplus-post-traumatic-stress-disorder.md", ANY), (PTSD, ANY)],
    ),
    (
        "post traumatic stress ketamine",
        &[
            (PTSD, "Addressing PTSD with Ketamine"),
            (PTSD, "(introduction)"),
            (BRAIN, "The Role of Ketamine in Treating Other Mental Health Conditions"),
        ],
    ),
    // The first section names the treatment too ("Treatment may include enzyme replacement
    // therapy (ERT)").
    (
        "enzyme replacement therapy",
        &[
            ("gard-fabry-disease.md", "What are the treatments for Fabry disease?"),
            ("gard-fabry-disease.md", "What is (are) Fabry disease?"),
        ],
    ),
    ("ERT", &[("gard-fabry-disease.md", "What are the treatments for Fabry disease?")]),
    // An alias both ways: MedQuAD's "Heart Attack" has the alias "Myocardial infarction"; the
    // Killip fixture says only "myocardial infarction".
    (
        "myocardial infarction",
        &[
            ("mplus-heart-attack.md", ANY),
            ("nhlbi-heart-attack.md", ANY),
            ("killip-classification.md", ANY),
        ],
    ),
    ("heart attack killip", &[("killip-classification.md", "What it grades")]),
    ("killip-kimball", &[("killip-classification.md", ANY)]),
    ("brain attack", &[("mplus-stroke.md", ANY)]),
    ("enterobiasis", &[("mplus-pinworms.md", ANY)]),
    ("borreliosis", &[("gard-lyme-disease.md", ANY)]),
    // Two words in different sentences of one section.
    ("crackles shock", &[("killip-classification.md", "What it grades")]),
    ("stethoscope survive", &[("killip-classification.md", "Why it matters")]),
    // Body text whose words are in no heading.
    (
        "contact lenses",
        &[(
            "cdc-acanthamoeba-granulomatous-amebic-encephalitis-gae-keratitis.md",
            "Who is at risk for Acanthamoeba - Granulomatous Amebic Encephalitis (GAE); Keratitis??",
        )],
    ),
    ("gluten", &[("niddk-celiac-disease.md", ANY)]),
    (
        "nmda receptors",
        &[
            (BRAIN, "How Ketamine Interacts with Brain Receptors and Neurotransmitters"),
            (GUIDE, "The Science Behind Ketamine's Antidepressant Properties"),
            (PTSD, "The Mechanisms Behind Ketamine's Effectiveness"),
        ],
    ),
    ("polysomnogram", &[("nhlbi-insomnia.md", "How to diagnose Insomnia?")]),
    // Topics by title and heading.
    (
        "ketamine depression",
        &[(GUIDE, ANY), (PTSD, "Ketamine's Role in Treating Depression and Anxiety")],
    ),
    ("addiction", &[(SIDE, "Addiction"), (BRAIN, "The Dangers of Ketamine Abuse and Addiction")]),
    ("pinworm", &[("mplus-pinworms.md", ANY)]),
    ("hodgkin", &[("gard-hodgkin-lymphoma.md", ANY)]),
    (
        "parkinson treatments",
        &[("ghr-parkinson-disease.md", "What are the treatments for Parkinson disease?")],
    ),
    ("migraine treatment", &[("ninds-migraine.md", "What are the treatments for Migraine?")]),
    ("shingles outlook", &[("ninds-shingles.md", "What is the outlook for Shingles?")]),
    (
        "stroke research",
        &[("ninds-stroke.md", "what research (or clinical trials) is being done for Stroke?")],
    ),
    ("insomnia causes", &[("nhlbi-insomnia.md", "What causes Insomnia?")]),
    ("anemia symptoms", &[("nhlbi-anemia.md", "What are the symptoms of Anemia?")]),
    ("asthma in children", &[("mplus-asthma-in-children.md", ANY)]),
    ("gout", &[("mplus-gout.md", ANY)]),
    // Distractors: four copies of "Causes of Diabetes" say "diabetes" far more often than the
    // article titled "Diabetes"; rare familial migraines say "migraine treatment" too.
    ("diabetes", &[("mplus-diabetes.md", ANY)]),
    ("what is diabetes", &[("mplus-diabetes.md", ANY)]),
    ("migraine", &[("ninds-migraine.md", ANY)]),
    ("psoriasis", &[("mplus-psoriasis.md", ANY)]),
    ("type 1 diabetes", &[("gard-diabetes-mellitus-type-1.md", ANY)]),
    (
        "prevent high blood pressure",
        &[("nhlbi-high-blood-pressure.md", "How to prevent High Blood Pressure?")],
    ),
    (
        "chest pain heart attack",
        &[
            ("nhlbi-heart-attack.md", "What are the symptoms of Heart Attack?"),
            ("mplus-heart-attack.md", ANY),
        ],
    ),
    ("diabetes heart disease", &[("niddk-diabetes-heart-disease-and-stroke.md", ANY)]),
    ("celiac disease diet", &[("niddk-celiac-disease.md", "What to do for Celiac Disease?")]),
    ("glaucoma eye pressure", &[("seniorhealth-glaucoma.md", ANY), ("mplus-glaucoma.md", ANY)]),
    (
        "hypertension",
        &[("mplus-high-blood-pressure.md", ANY), ("nhlbi-high-blood-pressure.md", ANY)],
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled articles plus the fixtures, indexed in memory.
fn library() -> Store {
    let folders = [root().join("tests/fixtures/medquad"), root().join("tests/fixtures/search")];
    let library = salve::library::load(&folders, true);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut store = Store::open_in_memory().expect("a store in memory");
    search::index_articles(&mut store, &library.articles).expect("indexed");
    store
}

/// The article file a hit is in: its bundled name or its file name.
fn file_of(hit: &Hit) -> String {
    match (&hit.bundled, &hit.path) {
        (Some(name), _) => name.clone(),
        (None, Some(path)) => path.file_name().expect("a file").to_string_lossy().into_owned(),
        (None, None) => String::new(),
    }
}

fn acceptable(hit: &Hit, answers: &[(&str, &str)]) -> bool {
    let file = file_of(hit);
    answers.iter().any(|(f, h)| *f == file && (*h == ANY || *h == hit.heading))
}

#[test]
fn queries_find_an_acceptable_section_near_the_top() {
    assert!(CASES.len() >= 40, "{} queries", CASES.len());
    let store = library();
    let mut top3 = 0;
    let mut reciprocal = 0.0;
    let mut report = String::new();
    for (query, answers) in CASES {
        let hits = search::search(&store, query, 10).unwrap().hits;
        let rank = hits.iter().position(|h| acceptable(h, answers));
        if rank.is_some_and(|r| r < 3) {
            top3 += 1;
        }
        reciprocal += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        if rank != Some(0) {
            writeln!(report, "{query:?}: first acceptable at {rank:?}; got").unwrap();
            for hit in hits.iter().take(3) {
                let (file, heading, kind) = (file_of(hit), &hit.heading, hit.kind);
                writeln!(report, "    {file} > {heading} ({kind:?})").unwrap();
            }
        }
    }
    let n = CASES.len() as f64;
    let (share, mrr) = (f64::from(top3) / n, reciprocal / n);
    println!("{report}search quality over {n} queries: top-3 share {share:.3}, MRR {mrr:.3}");
    assert!(share >= 0.9 && mrr >= 0.8, "{report}top-3 share {share:.3}, MRR {mrr:.3}");
}

#[test]
fn ptsd_in_the_bundled_library_lands_on_the_section_about_it() {
    let library = salve::library::bundled();
    let mut store = Store::open_in_memory().unwrap();
    search::index_articles(&mut store, &library.articles).unwrap();
    let hits = search::search(&store, "PTSD", 5).unwrap().hits;
    assert_eq!(hits[0].heading, "Addressing PTSD with Ketamine", "{hits:#?}");
    assert!(hits[0].snippet.contains("PTSD"));
}

#[test]
fn what_each_kind_of_match_is_called() {
    let store = library();
    let first = |q: &str| search::search(&store, q, 1).unwrap().hits.remove(0);
    assert_eq!(first("diabetis").kind, MatchKind::Fuzzy);
    assert_eq!(first("heart attack killip").kind, MatchKind::Alias);
    assert_eq!(first("pinworms").kind, MatchKind::Title);
    assert_eq!(first("crackles shock").kind, MatchKind::Text);
    let hit = first("Addressing PTSD");
    assert_eq!(hit.kind, MatchKind::Heading);
    assert_eq!(hit.offset, 0, "the heading starts the section's text");
}

#[test]
fn a_misspelling_is_replaced_only_by_the_word_clearly_meant_and_says_so() {
    let store = library();
    let outcome = search::search(&store, "glaucomx", 5).unwrap();
    assert!(!outcome.hits.is_empty());
    assert_eq!(outcome.replaced, [("glaucomx".to_string(), "glaucoma".to_string())]);
    assert_eq!(
        outcome.replaced_note().as_deref(),
        Some("showing results for 'glaucoma'; nothing has 'glaucomx'")
    );
    // "diabetis" is one letter from "diabetes" and from "diabetic": the far more common one.
    let outcome = search::search(&store, "diabetis", 5).unwrap();
    assert_eq!(outcome.replaced, [("diabetis".to_string(), "diabetes".to_string())]);
    // Spelled right, and no article has it: nothing, rather than another condition.
    for absent in ["covid", "xyzzy", "qqqqqqqq"] {
        let outcome = search::search(&store, absent, 5).unwrap();
        assert!(outcome.hits.is_empty() && outcome.replaced.is_empty(), "{absent}: {outcome:?}");
        if let Some(near) = &outcome.suggestion {
            let offered = search::search(&store, near, 5).unwrap();
            assert!(!offered.hits.is_empty(), "{absent}: 'did you mean {near}' finds nothing");
        }
    }
    // "Did you mean" offers only a query that has results.
    // No section has all three words: the sections with most of them, said so, and no offer,
    // since "ketamine glaucoma hodgkin" has no section with every word either.
    let outcome = search::search(&store, "ketamine glaucomx hodgkin", 5).unwrap();
    assert!(outcome.partial.is_some(), "{outcome:?}");
    assert_eq!(outcome.suggestion, None);
}

#[test]
fn hits_point_into_the_text_the_reader_shows() {
    let store = library();
    for query in ["contact lenses", "PTSD", "crackles shock", "myocardial infarction"] {
        for hit in search::search(&store, query, 10).unwrap().hits {
            let article = match (&hit.bundled, &hit.path) {
                (Some(name), _) => salve::library::open(&Origin::Bundled(bundled_name(name))),
                (None, Some(path)) => salve::library::read_article(path).map_err(Into::into),
                _ => unreachable!(),
            }
            .unwrap();
            let section = &article.sections[hit.section as usize];
            assert_eq!(section.anchor, hit.anchor);
            let mut text = section.title.clone();
            salve::article::for_each_text(&section.blocks, &mut |t| text.push_str(t));
            let at = hit.offset as usize;
            // The offset starts a matched word (in the heading or a word marked in the
            // snippet), or is 0 when only the article's title matched.
            let marked: Vec<String> =
                hit.marks.iter().map(|m| hit.snippet[m.clone()].to_lowercase()).collect();
            let word: String = text[at..].chars().take_while(|c| c.is_alphanumeric()).collect();
            let word = word.to_lowercase();
            let in_heading = at < section.title.len();
            assert!(
                marked.contains(&word) || in_heading || (at == 0 && hit.kind == MatchKind::Title),
                "{query:?}: offset {at} starts '{word}', marks {marked:?}"
            );
        }
    }
}

/// The `&'static str` name of a bundled article.
fn bundled_name(name: &str) -> &'static str {
    salve::library::BUNDLED.iter().map(|(n, _)| *n).find(|n| *n == name).expect("bundled")
}

/// Questions as patients type them, written before any tuning for them (issue: "search a
/// patient can trust"), with the sections that answer them.
const QUESTIONS: &[Case] = &[
    ("how is asthma treated", &[("nhlbi-asthma.md", "What are the treatments for Asthma?")]),
    ("can asthma be prevented", &[("nhlbi-asthma.md", "How to prevent Asthma?")]),
    (
        "what causes high blood pressure",
        &[("nhlbi-high-blood-pressure.md", "What causes High Blood Pressure?")],
    ),
    ("how do doctors diagnose insomnia", &[("nhlbi-insomnia.md", "How to diagnose Insomnia?")]),
    (
        "what are the signs of a heart attack",
        &[
            ("nhlbi-heart-attack.md", "What are the symptoms of Heart Attack?"),
            ("mplus-heart-attack.md", ANY),
        ],
    ),
    ("who gets anemia", &[("nhlbi-anemia.md", "Who is at risk for Anemia??")]),
    ("is fabry disease inherited", &[("gard-fabry-disease.md", "Is Fabry disease inherited?")]),
    ("is parkinson disease passed down in families", &[("ghr-parkinson-disease.md", ANY)]),
    ("how is migraine treated", &[("ninds-migraine.md", "What are the treatments for Migraine?")]),
    (
        "what is the outlook for someone with shingles",
        &[("ninds-shingles.md", "What is the outlook for Shingles?")],
    ),
    (
        "how do i know if i have glaucoma",
        &[("seniorhealth-glaucoma.md", ANY), ("mplus-glaucoma.md", ANY)],
    ),
    ("what should i eat with celiac disease", &[("niddk-celiac-disease.md", ANY)]),
    (
        "what are the symptoms of lyme disease",
        &[("gard-lyme-disease.md", "What are the symptoms of Lyme disease?")],
    ),
    (
        "how many people have celiac disease",
        &[("niddk-celiac-disease.md", "How many people are affected by Celiac Disease?")],
    ),
    ("what is copd", &[("mplus-copd.md", ANY)]),
    ("my child has asthma", &[("mplus-asthma-in-children.md", ANY)]),
    (
        "what are the treatments for a stroke",
        &[("ninds-stroke.md", "What are the treatments for Stroke?")],
    ),
    ("how to prevent anemia", &[("nhlbi-anemia.md", "How to prevent Anemia?")]),
    ("why can't i sleep", &[("nhlbi-insomnia.md", ANY), ("mplus-insomnia.md", ANY)]),
    ("can i drink alcohol on ketamine", &[(SIDE, ANY), (BRAIN, ANY)]),
    ("does ketamine help with ptsd", &[(PTSD, "Addressing PTSD with Ketamine")]),
    (
        "what are the side effects of ketamine",
        &[(SIDE, ANY), (BRAIN, "Common Short-Term Side Effects of Ketamine")],
    ),
    (
        "is ketamine addictive",
        &[(SIDE, "Addiction"), (BRAIN, "The Dangers of Ketamine Abuse and Addiction")],
    ),
    (
        "who is at risk for high blood pressure",
        &[("nhlbi-high-blood-pressure.md", "Who is at risk for High Blood Pressure??")],
    ),
    ("what is psoriasis", &[("mplus-psoriasis.md", ANY)]),
    (
        "what are the symptoms of hodgkin lymphoma",
        &[("gard-hodgkin-lymphoma.md", "What are the symptoms of Hodgkin lymphoma?")],
    ),
    (
        "is type 1 diabetes inherited",
        &[("gard-diabetes-mellitus-type-1.md", "Is Diabetes mellitus type 1 inherited?")],
    ),
    (
        "how is high blood pressure diagnosed",
        &[("nhlbi-high-blood-pressure.md", "How to diagnose High Blood Pressure?")],
    ),
];

/// The thresholds for the questions. When written (2026-12-07) salve had 0.821 / 0.738
/// and plain FTS5 0.893 / 0.781; with other forms of words (`expand::related_forms`) and stop
/// words, 0.929 / 0.891.
const FLOOR: (f64, f64) = (0.9, 0.8);

/// Words no article of the fixtures has.
const ABSENT: &[&str] = &["covid", "ebola", "zika", "xyzzy", "chikungunya"];

/// Top-3 share and mean reciprocal rank of `rank` (the first acceptable hit's place) over
/// `cases`, and a report of the misses.
fn measure(
    cases: &[Case],
    rank: impl Fn(&str, &[(&str, &str)]) -> Option<usize>,
) -> (f64, f64, String) {
    let (mut top3, mut reciprocal, mut report) = (0, 0.0, String::new());
    for (query, answers) in cases {
        let at = rank(query, answers);
        top3 += u32::from(at.is_some_and(|r| r < 3));
        reciprocal += at.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        if at.is_none_or(|r| r >= 3) {
            writeln!(report, "    {query:?}: first acceptable at {at:?}").expect("to a String");
        }
    }
    let n = cases.len() as f64;
    (f64::from(top3) / n, reciprocal / n, report)
}

/// A plain SQLite FTS5 table over the same sections (Porter stemming, BM25, the query's words
/// ORed): the baseline salve's search must beat.
fn plain_fts5(query: &str, answers: &[(&str, &str)]) -> Option<usize> {
    thread_local! {
        static BASELINE: (rusqlite::Connection, Vec<(String, String)>) = {
            let folders = [root().join("tests/fixtures/medquad"), root().join("tests/fixtures/search")];
            let library = salve::library::load(&folders, true);
            let db = rusqlite::Connection::open_in_memory().expect("in memory");
            db.execute_batch(
                "CREATE VIRTUAL TABLE s USING fts5(title, heading, body, tokenize='porter unicode61')",
            )
            .expect("the table");
            let mut rows = Vec::new();
            for article in &library.articles {
                let file = match &article.origin {
                    Origin::Bundled(name) => (*name).to_string(),
                    Origin::File(path) => path.file_name().expect("a file").to_string_lossy().into_owned(),
                };
                for section in &article.sections {
                    let mut body = String::new();
                    salve::article::for_each_text(&section.blocks, &mut |t| body.push_str(t));
                    let heading = section.display_title().to_string();
                    db.execute(
                        "INSERT INTO s (rowid, title, heading, body) VALUES (?1, ?2, ?3, ?4)",
                        rusqlite::params![i64::try_from(rows.len()).unwrap_or(i64::MAX), article.meta.title, heading, body],
                    )
                    .expect("a row");
                    rows.push((file.clone(), heading));
                }
            }
            (db, rows)
        };
    }
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    BASELINE.with(|(db, rows)| {
        let mut stmt = db
            .prepare("SELECT rowid FROM s WHERE s MATCH ?1 ORDER BY bm25(s) LIMIT 10")
            .expect("the query");
        let found: Vec<i64> = stmt
            .query_map([words.join(" OR ")], |r| r.get(0))
            .expect("matched")
            .map(|r| r.expect("a row"))
            .collect();
        found.iter().position(|&row| {
            let (file, heading) =
                &rows[usize::try_from(row).unwrap_or(usize::MAX).min(rows.len() - 1)];
            answers.iter().any(|(f, h)| f == file && (*h == ANY || h == heading))
        })
    })
}

#[test]
fn plain_questions_find_an_answer_and_absent_words_find_nothing_unsaid() {
    assert!(QUESTIONS.len() >= 25, "{} questions", QUESTIONS.len());
    let store = library();
    let salve_rank = |query: &str, answers: &[(&str, &str)]| {
        let hits = search::search(&store, query, 10).unwrap().hits;
        hits.iter().position(|h| acceptable(h, answers))
    };
    let (share, mrr, report) = measure(QUESTIONS, salve_rank);
    let (plain_share, plain_mrr, _) = measure(QUESTIONS, plain_fts5);
    println!(
        "{report}plain questions ({}): salve top-3 {share:.3}, MRR {mrr:.3}; plain FTS5 (porter, \
         bm25, OR) top-3 {plain_share:.3}, MRR {plain_mrr:.3}",
        QUESTIONS.len()
    );
    // Ahead of the plain FTS5 table, and at the thresholds.
    assert!(share >= plain_share && mrr >= plain_mrr, "{report}behind plain FTS5");
    assert!(share >= FLOOR.0 && mrr >= FLOOR.1, "{report}top-3 {share:.3}, MRR {mrr:.3}");
    for absent in ABSENT {
        let outcome = search::search(&store, absent, 10).unwrap();
        assert!(
            outcome.hits.is_empty() || outcome.said().is_some(),
            "{absent}: results for a word nothing has, unsaid: {:?}",
            outcome.hits.first()
        );
    }
}

#[test]
fn copies_of_one_text_in_several_files_are_shown_once_and_counted() {
    let store = library();
    let hits = search::search(&store, "what to do for causes of diabetes", 10).unwrap().hits;
    let keys: Vec<(&str, &str, &str)> =
        hits.iter().map(|h| (h.title.as_str(), h.heading.as_str(), h.snippet.as_str())).collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "a text twice: {keys:#?}");
    let first = &hits[0];
    assert_eq!(first.title, "Causes of Diabetes");
    assert_eq!(first.copies.len(), 3, "the other three files, counted: {first:#?}");
}
