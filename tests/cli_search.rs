//! `salve search` as a script would use it: ranked lines or JSON on stdout, exit 0 with
//! results, 1 with none (and the nearest word on stderr), 2 for a wrong argument; the user's
//! index in `salve.db` brought up to date first, or paths indexed in memory.

mod support;

use std::time::Duration;
use support::{CliOutput, Sandbox, run_salve};

/// Long enough for a debug build to index the bundled articles on a busy machine.
const WAIT: Duration = Duration::from_secs(60);

/// Runs `salve` in `sandbox` (its data directory, never the user's real one).
fn salve(args: &[&str], sandbox: &Sandbox) -> CliOutput {
    run_salve(args, sandbox, WAIT).expect("salve runs")
}

#[test]
fn results_are_lines_of_title_section_and_snippet_best_first() {
    let data = Sandbox::new().unwrap();
    let out = salve(&["search", "PTSD"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    let text = out.stdout;
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(
            "Ketamine as a Treatment for Depression, Anxiety, and PTSD > Addressing PTSD with \
             Ketamine: "
        ),
        "{text}"
    );
    assert!(first.contains("PTSD"), "the snippet shows the match: {first}");
    assert!(text.lines().count() <= 10, "ten at most by default");
    assert!(!text.contains('\u{1b}'), "no escape codes into a pipe");
    // The index was saved, to be brought up to date next time.
    assert!(data.data_dir().join("salve.db").is_file());
}

#[test]
fn json_names_the_article_the_section_and_where_the_match_is() {
    let data = Sandbox::new().unwrap();
    let out = salve(&["search", "--json", "--limit", "2", "side effects"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["query"], "side effects");
    assert!(json["suggestion"].is_null());
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let keys = [
        "title", "article", "path", "bundled", "heading", "section", "anchor", "offset", "score",
        "kind", "snippet", "also", "copies",
    ];
    for hit in hits {
        let object = hit.as_object().unwrap();
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        found.sort_unstable();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected);
        assert!(hit["bundled"].as_str().unwrap().starts_with("ketamine-"));
        assert!(
            ["title", "heading", "text", "alias", "fuzzy"].contains(&hit["kind"].as_str().unwrap())
        );
        assert!(hit["score"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn no_result_is_exit_1_with_the_nearest_word() {
    let data = Sandbox::new().unwrap();
    // Two slips in a short word: not replaced, offered, as the offer has results.
    let out = salve(&["search", "brxxn"], &data);
    assert_eq!(out.status.code(), Some(1), "{}", out.stdout);
    assert!(out.stdout.is_empty());
    assert_eq!(out.stderr.trim_end(), "salve: no section matches 'brxxn'; did you mean 'brain'?");
    // Beside a word that is found: the sections with it, said so, and the offer.
    let out = salve(&["search", "ketamine brxxn"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(
        out.stderr.trim_end(),
        "salve: no section has every word; showing sections with 'ketamine'; did you mean \
         'ketamine brain'?"
    );
    // Some words held by no section: the sections with the most of them, said so.
    let out = salve(&["search", "--json", "ketamine zzzzqqqq"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["partial"], serde_json::json!(["ketamine"]), "{}", out.stdout);
    assert_eq!(
        out.stderr.trim_end(),
        "salve: no section has every word; showing sections with 'ketamine'"
    );
    let out = salve(&["search", "--json", "zzzzqqqq"], &data);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn a_misspelling_nothing_else_matches_is_found_and_said_to_be_a_guess() {
    let data = Sandbox::new().unwrap();
    let out = salve(&["search", "--json", "anxeity"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["hits"][0]["kind"], "fuzzy");
    assert_eq!(json["replaced"]["anxeity"], "anxiety", "{}", out.stdout);
    assert_eq!(
        out.stderr.trim_end(),
        "salve: showing results for 'anxiety'; nothing has 'anxeity'"
    );
}

#[test]
fn paths_are_searched_through_the_kept_index_and_a_new_file_in_the_library_is_found() {
    let data = Sandbox::new().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("gout.md"),
        "# Gout\n\n## Diet\n\nEat less red meat; purines raise uric acid.\n",
    )
    .unwrap();
    let out = salve(&["search", "purines", folder.path().to_str().unwrap()], &data);
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        "Gout > Diet: Eat less red meat; purines raise uric acid."
    );
    assert!(data.data_dir().join("salve.db").exists(), "kept, as the reader keeps it");
    // Kept: searched again, and an edit is found.
    std::fs::write(
        folder.path().join("gout.md"),
        "# Gout\n\n## Diet\n\nEat less red meat; purines raise urate.\n",
    )
    .unwrap();
    // Answered from the kept index at once; the walk after it finds the edit and says so.
    let out = salve(&["search", "urate", folder.path().to_str().unwrap()], &data);
    assert!(!out.stdout.contains("raise urate"), "{}", out.stdout);
    assert!(out.stderr.contains("1 file has changed since the index was made"), "{}", out.stderr);
    let out = salve(&["search", "urate", folder.path().to_str().unwrap()], &data);
    assert!(out.stdout.contains("raise urate"), "{}", out.stderr);
    assert!(!out.stderr.contains("changed since"), "nothing changed since: {}", out.stderr);
    // Only that folder: the user's library is another.
    let out = salve(&["search", "purines"], &data);
    assert_eq!(out.status.code(), Some(1), "{}", out.stdout);

    // The user's library: the articles folder is indexed before searching.
    let articles = data.data_dir().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::copy(folder.path().join("gout.md"), articles.join("gout.md")).unwrap();
    let out = salve(&["search", "purines"], &data);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.starts_with("Gout > Diet: "), "{}", out.stdout);
    std::fs::remove_file(articles.join("gout.md")).unwrap();
    let out = salve(&["search", "purines"], &data);
    assert_eq!(out.status.code(), Some(1), "a removed file is no longer found");
}

#[test]
fn a_missing_path_or_a_bad_limit_is_a_usage_error() {
    let data = Sandbox::new().unwrap();
    let out = salve(&["search", "sleep", "/no/such/folder"], &data);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.contains("no such file or folder: '/no/such/folder'"), "{}", out.stderr);
    let out = salve(&["search", "--limit", "0", "sleep"], &data);
    assert_eq!(out.status.code(), Some(2));
    let out = salve(&["search"], &data);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_heading_with_no_text_of_its_own_says_so_rather_than_ending_in_nothing() {
    let data = Sandbox::new().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let text = "# Gout\n\n## Flares\n\n## Diet\n\nEat less red meat; purines raise uric acid.\n";
    std::fs::write(folder.path().join("gout.md"), text).unwrap();
    let out = salve(&["search", "flares", folder.path().to_str().unwrap()], &data);
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(out.stdout.lines().next(), Some("Gout > Flares: (no text under this heading)"));
}

#[test]
fn a_forgotten_folder_leaves_the_index_and_forgetting_it_again_says_nothing_is_kept() {
    let data = Sandbox::new().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_str().unwrap().to_string();
    let dir = dir.as_str();
    let gout = folder.path().join("gout.md");
    std::fs::write(&gout, "# Gout\n\n## Diet\n\nPurines raise uric acid.\n").unwrap();
    assert!(salve(&["search", "purines", dir], &data).status.success());
    let out = salve(&["forget", dir], &data);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.starts_with("forgot 1 file under '"), "{}", out.stdout);
    // Gone from the index: edited since, the folder is indexed from nothing before the
    // answer, rather than answered from what was kept.
    std::fs::write(&gout, "# Gout\n\n## Diet\n\nPurines raise urate.\n").unwrap();
    let out = salve(&["search", "urate", dir], &data);
    assert!(out.stdout.contains("raise urate"), "{}\n{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("changed since"), "{}", out.stderr);
    // A folder deleted since can be forgotten; then nothing is kept under it: exit 1.
    drop(folder);
    assert!(salve(&["forget", dir], &data).status.success());
    let out = salve(&["forget", dir], &data);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.contains("nothing kept under"), "{}", out.stderr);
}
