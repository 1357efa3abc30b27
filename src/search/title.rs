//! Finding the title (or heading) a user means from the words they type.
//!
//! Matching is by word, never by scattered letters: every word of the query must match a word
//! of the title, as the same word, as its start ("hodg" for "Hodgkin", three letters or more),
//! or, only when nothing matches as typed, with one slip (a letter wrong, missing, extra, or two
//! swapped) in a word of five letters or more. A health reader that opens "color vision
//! deficiency" for "covid" is worse than one that says it found nothing, so [`find`] never
//! guesses between titles that match equally: it returns them all for the user to choose.

/// Shortest query word that may match the start of a longer word.
const MIN_PREFIX: usize = 3;

/// Shortest query word that may match a word with one slip.
const MIN_SPELLING: usize = 5;

/// At most this many close titles are offered when nothing matches.
const MAX_NEAR: usize = 5;

/// The words of `text` as the matcher sees them: lowercase, split at anything but letters and
/// digits, apostrophes dropped (so "Reye's" is "reyes").
pub fn words(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How a query word matched a word of a text; a better fit compares greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Within one slip of the word (only for words of [`MIN_SPELLING`] letters or more).
    Spelling,
    /// The start of the word.
    Prefix,
    /// The word itself.
    Word,
}

/// How `query` (one lowercase word) fits `word`, if at all.
fn fit(query: &str, word: &str) -> Option<Fit> {
    if query == word {
        return Some(Fit::Word);
    }
    let chars = query.chars().count();
    if chars >= MIN_PREFIX && word.starts_with(query) {
        return Some(Fit::Prefix);
    }
    (chars >= MIN_SPELLING && within(query, word, 1)).then_some(Fit::Spelling)
}

/// True when `a` and `b` are at most `slips` edits apart (a transposition is one edit).
fn within(a: &str, b: &str, slips: usize) -> bool {
    // The length difference alone rules most words out without the distance table.
    a.chars().count().abs_diff(b.chars().count()) <= slips && strsim::osa_distance(a, b) <= slips
}

/// Loosely close, for offering titles when nothing matches: any fit, or one slip in a word of
/// four letters or more, two from eight.
fn near(query: &str, word: &str) -> bool {
    let chars = query.chars().count();
    fit(query, word).is_some()
        || (chars >= 4 && within(query, word, 1))
        || (chars >= 8 && within(query, word, 2))
}

/// What a query found among a list of texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Exactly one text matches (or is the query, word for word).
    One {
        /// Its index in the list.
        index: usize,
        /// It matched only after allowing a slip in the spelling: worth telling the user.
        spelling: bool,
    },
    /// Several texts match as well as each other: their indices, the closest first.
    Several(Vec<usize>),
    /// No text matches; the indices of those that come close, the closest first (maybe none).
    None(Vec<usize>),
}

/// How one text fared against the query.
struct Candidate {
    index: usize,
    /// The text's words equal the query's.
    same: bool,
    /// The worst fit over the query words (`None` when some word did not match).
    worst: Option<Fit>,
    /// The sum of the fits' ranks, to put better matches first in a list.
    rank: usize,
    /// Query words loosely [`near`] a word of the text.
    near: usize,
    /// The text's word count: shorter texts, closer to what was typed, come first.
    len: usize,
}

/// Finds the text `query` names among `texts`: the one whose words are the query's, else the
/// one text every query word matches as typed, else the one that matches allowing a slip.
pub fn find<'a>(texts: impl IntoIterator<Item = &'a str>, query: &str) -> Found {
    let query = words(query);
    if query.is_empty() {
        return Found::None(Vec::new());
    }
    let mut all: Vec<Candidate> =
        texts.into_iter().enumerate().map(|(index, text)| judge(index, text, &query)).collect();
    // Better matches first, so every list below is in order.
    all.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.len.cmp(&b.len)).then(a.index.cmp(&b.index)));

    let same: Vec<usize> = all.iter().filter(|c| c.same).map(|c| c.index).collect();
    if !same.is_empty() {
        return one_or_several(same, false);
    }
    let as_typed: Vec<usize> =
        all.iter().filter(|c| c.worst > Some(Fit::Spelling)).map(|c| c.index).collect();
    if !as_typed.is_empty() {
        return one_or_several(as_typed, false);
    }
    let spelled: Vec<usize> = all.iter().filter(|c| c.worst.is_some()).map(|c| c.index).collect();
    if !spelled.is_empty() {
        return one_or_several(spelled, true);
    }
    // Close means near in at least half the query's words.
    let enough = query.len().div_ceil(2);
    all.retain(|c| c.near >= enough);
    all.sort_by(|a, b| b.near.cmp(&a.near).then(a.len.cmp(&b.len)).then(a.index.cmp(&b.index)));
    Found::None(all.iter().take(MAX_NEAR).map(|c| c.index).collect())
}

fn one_or_several(indices: Vec<usize>, spelling: bool) -> Found {
    match indices[..] {
        [index] => Found::One { index, spelling },
        _ => Found::Several(indices),
    }
}

fn judge(index: usize, text: &str, query: &[String]) -> Candidate {
    let text = words(text);
    let mut worst = Some(Fit::Word);
    let mut rank = 0;
    let mut near_words = 0;
    for q in query {
        let best = text.iter().filter_map(|w| fit(q, w)).max();
        worst = worst.min(best);
        rank += best.map_or(0, |f| f as usize + 1);
        near_words += usize::from(text.iter().any(|w| near(q, w)));
    }
    Candidate { index, same: text == query, worst, rank, near: near_words, len: text.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLED: [&str; 4] = [
        "What Does Ketamine Do to Your Brain?",
        "Uncovering the Potential of Ketamine as a Treatment for Depression: A Comprehensive Guide",
        "Ketamine as a Treatment for Depression, Anxiety, and PTSD",
        "Ketamine Side Effects: Risks, Long-Term Impact & Safe Use",
    ];

    /// Real MedQuAD titles, including the ones "aspirin" and "covid" used to open.
    const MEDQUAD: [&str; 24] = [
        "Parasites - Enterobiasis (also known as Pinworm Infection)",
        "Pinworms",
        "color vision deficiency",
        "Color Blindness",
        "Coronavirus Infections",
        "Common Cold",
        "Colon Cancer",
        "Colonoscopy",
        "Colonic Polyps",
        "Hodgkin lymphoma",
        "Adult Hodgkin Lymphoma",
        "Childhood Hodgkin Lymphoma",
        "Hodgkin Disease",
        "Hypotension",
        "Orthostatic Hypotension",
        "Pulmonary Hypertension",
        "Portal hypertension",
        "Insomnia",
        "Insomnia",
        "Reye's Syndrome",
        "Reye Syndrome",
        "Coronary Heart Disease",
        "Coronary Heart Disease Risk Factors",
        "Diabetic Heart Disease",
    ];

    fn index(titles: &[&str], title: &str) -> usize {
        titles.iter().position(|t| *t == title).unwrap()
    }

    fn one(titles: &[&str], title: &str) -> Found {
        Found::One { index: index(titles, title), spelling: false }
    }

    #[test]
    fn whole_words_and_prefixes_find_one_title() {
        assert_eq!(find(BUNDLED, "side effects"), one(&BUNDLED, BUNDLED[3]));
        assert_eq!(find(BUNDLED, "PTSD"), one(&BUNDLED, BUNDLED[2]));
        assert_eq!(find(BUNDLED, "brain"), one(&BUNDLED, BUNDLED[0]));
        assert_eq!(find(BUNDLED, "ketamine long-term"), one(&BUNDLED, BUNDLED[3]));
        assert_eq!(find(BUNDLED, "anx"), one(&BUNDLED, BUNDLED[2]));
        assert_eq!(find(MEDQUAD, "reyes"), one(&MEDQUAD, "Reye's Syndrome"));
    }

    #[test]
    fn scattered_letters_and_unrelated_words_find_nothing() {
        // Each of these opened an unrelated article before.
        assert_eq!(find(BUNDLED, "covid"), Found::None(Vec::new()));
        assert_eq!(find(BUNDLED, "inline"), Found::None(Vec::new()));
        assert_eq!(find(BUNDLED, "nope"), Found::None(Vec::new()));
        assert_eq!(find(MEDQUAD, "aspirin"), Found::None(Vec::new()));
        assert_eq!(find(MEDQUAD, "covid"), Found::None(Vec::new()));
        // Two letters are too few to stand for the start of a word.
        assert_eq!(find(BUNDLED, "ke"), Found::None(Vec::new()));
        assert_eq!(find(BUNDLED, "   "), Found::None(Vec::new()));
        assert_eq!(find(BUNDLED, "?!"), Found::None(Vec::new()));
    }

    #[test]
    fn equally_good_matches_are_all_returned_for_the_user_to_choose() {
        let Found::Several(found) = find(BUNDLED, "depression") else { panic!("one picked") };
        assert_eq!(found, [2, 1], "shorter title first");
        let Found::Several(found) = find(MEDQUAD, "pinworm") else { panic!("one picked") };
        assert_eq!(found, [0, index(&MEDQUAD, "Pinworms")], "the whole word first");
        // The same title twice (two sources) is two articles to choose from.
        let Found::Several(found) = find(MEDQUAD, "insomnia") else { panic!("one picked") };
        assert_eq!(found.len(), 2);
        let Found::Several(found) = find(MEDQUAD, "colon") else { panic!("one picked") };
        assert_eq!(found.len(), 3, "Colon Cancer, Colonoscopy, Colonic Polyps: {found:?}");
        assert_eq!(found[0], index(&MEDQUAD, "Colon Cancer"), "the whole word first");
        let Found::Several(found) = find(MEDQUAD, "coronary heart") else { panic!("one picked") };
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn the_whole_title_wins_over_longer_titles_that_contain_it() {
        assert_eq!(
            find(MEDQUAD, "coronary heart disease"),
            one(&MEDQUAD, "Coronary Heart Disease")
        );
        assert_eq!(find(MEDQUAD, "hodgkin lymphoma"), one(&MEDQUAD, "Hodgkin lymphoma"));
        assert_eq!(find(MEDQUAD, "Hypotension"), one(&MEDQUAD, "Hypotension"));
    }

    #[test]
    fn a_slip_in_a_long_word_is_forgiven_only_when_nothing_matches_as_typed() {
        let typo = |title| Found::One { index: index(&MEDQUAD, title), spelling: true };
        assert_eq!(find(MEDQUAD, "orthostatic hypotenison"), typo("Orthostatic Hypotension"));
        assert_eq!(find(BUNDLED, "ketamine brian"), Found::One { index: 0, spelling: true });
        // "pinworms" is a word of one title: the other title's "pinworm" is not a slip of it.
        assert_eq!(find(MEDQUAD, "pinworms"), one(&MEDQUAD, "Pinworms"));
        // Short words must be spelled right; and one slip never turns hypo- into hyper-.
        assert_eq!(find(BUNDLED, "brian"), Found::One { index: 0, spelling: true });
        assert_eq!(find(BUNDLED, "bran"), Found::None(vec![0]));
        let Found::Several(found) = find(MEDQUAD, "hypotenson") else { panic!("one picked") };
        let titles: Vec<_> = found.iter().map(|&i| MEDQUAD[i]).collect();
        assert_eq!(titles, ["Hypotension", "Orthostatic Hypotension"]);
    }

    #[test]
    fn close_titles_are_offered_when_nothing_matches() {
        // "tumour" matches nothing, but the rest of the query is close to one title.
        assert_eq!(find(BUNDLED, "ketamine brain tumour"), Found::None(vec![0]));
        assert_eq!(find(MEDQUAD, "coronavirus covid"), Found::None(vec![4]));
    }
}
