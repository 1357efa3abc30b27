//! Ranking: BM25 with column weights as the base, then the rules a reader expects.
//!
//! 1. A match in the article's title beats one in an alias, which beats one in the section's
//!    heading, which beats one in its text.
//! 2. Whole words beat aliases beat prefixes beat fuzzy expansions.
//! 3. Words close together beat words scattered over the section.
//! 4. Shorter sections win ties.
//! 5. One article does not crowd out the others: each further section of an article counts a
//!    little less ([`spread`]), so a title that matches every section of its article still
//!    leaves room for the sections of other articles that name the words themselves.
//!
//! Each rule is a factor on the BM25 score (or, for ties, the order), so a much better BM25
//! match can still win over a small advantage of another kind.

use super::expand::Fit;
use std::cmp::Ordering;

/// BM25 weights of the columns: title, heading, aliases, tags, body.
pub const WEIGHTS: [f64; 5] = [6.0, 4.0, 4.0, 0.5, 1.0];

/// Where and how one query word matched in a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[expect(clippy::struct_excessive_bools, reason = "one flag per place a word can match")]
pub struct Place {
    /// In the article's title.
    pub title: bool,
    /// In one of the article's aliases.
    pub alias: bool,
    /// In the section's heading.
    pub heading: bool,
    /// In the section's text.
    pub text: bool,
    /// In one of the article's tags (a weak hint: tags are often broad, "treatment").
    pub tag: bool,
    /// The best fit it matched with; `None` before it is seen.
    pub fit: Option<Fit>,
}

impl Place {
    /// How much the places count, added up: title 3, alias 2.5, heading 2, text 1.5, tag 0.5. Each
    /// alone ranks as rule 1 says; together, a section that names the words in its own heading
    /// and text (3.5) beats one that matches only through its article's title (3).
    fn weight(self) -> f64 {
        [
            (self.title, 3.0),
            (self.alias, 2.5),
            (self.heading, 2.0),
            (self.text, 1.5),
            (self.tag, 0.5),
        ]
        .iter()
        .filter(|(here, _)| *here)
        .map(|(_, weight)| weight)
        .sum()
    }
}

/// What ranking knows of one matched section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// BM25 with [`WEIGHTS`], higher is better.
    pub bm25: f64,
    /// One per query word.
    pub words: Vec<Place>,
    /// Bytes of the shortest stretch of the section's text holding every word found in it;
    /// `None` with fewer than two such words.
    pub span: Option<usize>,
    /// Bytes in the section's text.
    pub length: usize,
    /// How the query names the section's article as a topic (see [`topic_tier`]): higher
    /// tiers come first, whatever the scores.
    pub tier: u8,
}

/// Rule 0: the tier of a section of an article named `names` (its title and aliases, as
/// folded words) for a query of `words` (folded, stop words left out), whose section heading
/// holds the words `in_heading` marks: 3 for the article the whole query names, on its
/// overview (`overview`), or for the section whose heading holds the query's other words when
/// the query names the article and more ("migraine treatment"); 2 for the named article's
/// other sections when the whole query names it; 0 otherwise (an article named by only part
/// of the query, "diabetes" in "diabetes heart disease", earns nothing beyond its score).
pub fn topic_tier(
    names: &[Vec<String>],
    words: &[String],
    in_heading: &[bool],
    overview: bool,
) -> u8 {
    let whole = names.iter().any(|n| !n.is_empty() && n.as_slice() == words);
    if whole {
        return if overview { 3 } else { 2 };
    }
    let run = names.iter().filter(|n| !n.is_empty() && n.len() < words.len()).find_map(|n| {
        words.windows(n.len()).position(|w| w == n.as_slice()).map(|at| at..at + n.len())
    });
    match run {
        Some(run) => {
            let rest_in_heading = (0..words.len())
                .filter(|g| !run.contains(g))
                .all(|g| in_heading.get(g) == Some(&true));
            if rest_in_heading { 3 } else { 0 }
        }
        None => 0,
    }
}

/// How much a fit is worth, as a factor.
fn fit_factor(fit: Option<Fit>) -> f64 {
    match fit {
        Some(Fit::Word) | None => 1.0,
        Some(Fit::Alias) => 0.9,
        Some(Fit::Stem) => 0.8,
        Some(Fit::Prefix) => 0.6,
        Some(Fit::Fuzzy) => 0.35,
    }
}

/// The score of a section: BM25 times a factor for where the words matched (rule 1), for how
/// (rule 2) and for how close together (rule 3). Higher is better.
pub fn score(features: &Features) -> f64 {
    let n = features.words.len().max(1) as f64;
    // A factor per word, so where each word matched counts whatever the query's length.
    let place: f64 = features.words.iter().map(|p| 1.0 + 0.5 * p.weight()).product();
    let fit: f64 = features.words.iter().map(|p| fit_factor(p.fit)).product();
    let near = features.span.map_or(1.0, |span| {
        // Words side by side take about 12 bytes each; beyond that, closeness decays slowly.
        let ideal = 12.0 * (n - 1.0);
        let gap = (span as f64 - ideal).max(0.0);
        1.0 / (1.0 + gap / 100.0).sqrt()
    });
    // BM25 gives next to nothing for a word in every section (all of a small library may be
    // about ketamine): a floor lets the rules still order those.
    (features.bm25.max(0.0) + 1.0) * place * fit * near
}

/// The order of two scored sections: the higher score first, then the shorter (rule 4).
pub fn order(a: (&Features, f64), b: (&Features, f64)) -> Ordering {
    b.0.tier.cmp(&a.0.tier).then(b.1.total_cmp(&a.1)).then(a.0.length.cmp(&b.0.length))
}

/// When no section holds every word (`scored`, best first by the other rules): sorts the
/// sections holding the most of the words first, each word weighing its rarity (the log of how
/// many times rarer than the most common word it is, plus one), keeping the order within equal
/// weights. Returns the query words the first section holds, in query order.
pub fn held(
    plan: &super::expand::Plan,
    vocabulary: &crate::store::Vocabulary,
    scored: &mut [(Features, super::Hit)],
) -> Vec<usize> {
    let most = vocabulary.most_docs();
    let weights: Vec<f64> = plan
        .groups
        .iter()
        .map(|g| {
            let docs = g.terms.iter().filter_map(|(t, _)| vocabulary.get(t)).map(|t| t.docs).max();
            (f64::from(most) / f64::from(docs.unwrap_or(1).max(1))).ln() + 1.0
        })
        .collect();
    let weight = |f: &Features| -> f64 {
        f.words.iter().zip(&weights).filter(|(p, _)| p.fit.is_some()).map(|(_, w)| w).sum()
    };
    scored.sort_by(|a, b| weight(&b.0).total_cmp(&weight(&a.0)));
    scored.first().map_or_else(Vec::new, |(f, _)| {
        f.words.iter().enumerate().filter(|(_, p)| p.fit.is_some()).map(|(g, _)| g).collect()
    })
}

/// Rule 5: lowers the score of each article's second, third... section (in `scored`, best
/// first, each with its article) by 1 / (1 + 0.5 k), and sorts again.
pub fn spread<T>(
    scored: &mut [(T, f64, String)],
    length: impl Fn(&T) -> usize,
    tier: impl Fn(&T) -> u8,
) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (_, score, article) in scored.iter_mut() {
        let k = seen.entry(article.clone()).or_insert(0);
        *score /= 1.0 + 0.5 * f64::from(*k);
        *k += 1;
    }
    scored.sort_by(|a, b| {
        tier(&b.0).cmp(&tier(&a.0)).then(b.1.total_cmp(&a.1)).then(length(&a.0).cmp(&length(&b.0)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(title: bool, heading: bool, text: bool, fit: Fit) -> Place {
        Place { title, heading, text, fit: Some(fit), ..Place::default() }
    }

    fn one_word(place: Place) -> Features {
        Features { bm25: 5.0, words: vec![place], span: None, length: 500, tier: 0 }
    }

    #[test]
    fn a_title_match_beats_a_heading_match_beats_a_text_match() {
        let title = score(&one_word(at(true, false, false, Fit::Word)));
        let heading = score(&one_word(at(false, true, false, Fit::Word)));
        let text = score(&one_word(at(false, false, true, Fit::Word)));
        assert!(title > heading && heading > text, "{title} {heading} {text}");
        let alias = Place { alias: true, ..Place::default() };
        let alias = score(&one_word(Place { fit: Some(Fit::Word), ..alias }));
        assert!(title > alias && alias > heading, "{title} {alias} {heading}");
    }

    #[test]
    fn whole_words_beat_prefixes_beat_fuzzy_expansions() {
        let word = score(&one_word(at(false, false, true, Fit::Word)));
        let alias = score(&one_word(at(false, false, true, Fit::Alias)));
        let prefix = score(&one_word(at(false, false, true, Fit::Prefix)));
        let fuzzy = score(&one_word(at(false, false, true, Fit::Fuzzy)));
        assert!(word > alias && alias > prefix && prefix > fuzzy);
    }

    #[test]
    fn words_close_together_beat_words_scattered() {
        let two = |span| Features {
            bm25: 5.0,
            words: vec![at(false, false, true, Fit::Word); 2],
            span: Some(span),
            length: 3000,
            tier: 0,
        };
        let adjacent = score(&two(12));
        let same_sentence = score(&two(80));
        let scattered = score(&two(2000));
        assert!(adjacent > same_sentence && same_sentence > scattered);
        assert!((adjacent - score(&Features { span: None, ..two(0) })).abs() < 1e-9);
    }

    #[test]
    fn shorter_sections_win_ties() {
        let short = Features { length: 200, ..one_word(at(false, false, true, Fit::Word)) };
        let long = Features { length: 9000, ..short.clone() };
        let (s, l) = (score(&short), score(&long));
        assert_eq!(order((&short, s), (&long, l)), Ordering::Less, "short first");
        assert_eq!(order((&long, l), (&short, s)), Ordering::Greater);
    }

    #[test]
    fn further_sections_of_one_article_make_room_for_other_articles() {
        let mut scored = vec![
            ((), 10.0, "a".to_owned()),
            ((), 9.0, "a".to_owned()),
            ((), 8.0, "a".to_owned()),
            ((), 7.0, "b".to_owned()),
        ];
        spread(&mut scored, |()| 0, |()| 0);
        let order: Vec<&str> = scored.iter().map(|s| s.2.as_str()).collect();
        assert_eq!(order, ["a", "b", "a", "a"]);
    }

    #[test]
    fn bm25_is_the_base() {
        let weak = one_word(at(false, false, true, Fit::Word));
        let strong = Features { bm25: 9.0, ..weak.clone() };
        assert!(score(&strong) > score(&weak));
        // A far better BM25 match in the text still beats a faint one in a heading.
        let faint = Features { bm25: 0.5, ..one_word(at(false, true, false, Fit::Word)) };
        assert!(score(&strong) > score(&faint));
    }
}

#[cfg(test)]
mod topic_tests {
    use super::topic_tier;

    fn w(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_query_naming_an_article_puts_its_overview_then_its_matching_heading_first() {
        let diabetes = [w("diabetes"), w("diabetes mellitus")];
        assert_eq!(topic_tier(&diabetes, &w("diabetes"), &[false], true), 3, "the overview");
        assert_eq!(topic_tier(&diabetes, &w("diabetes"), &[false], false), 2, "another section");
        assert_eq!(
            topic_tier(&diabetes, &w("diabetes mellitus"), &[false, false], true),
            3,
            "alias"
        );
        let migraine = [w("migraine")];
        let query = w("migraine treatment");
        assert_eq!(
            topic_tier(&migraine, &query, &[true, true], false),
            3,
            "heading holds the rest"
        );
        assert_eq!(topic_tier(&migraine, &query, &[true, false], true), 0, "not that section");
        let familial = [w("familial hemiplegic migraine")];
        assert_eq!(topic_tier(&familial, &query, &[true, true], true), 0, "another condition");
        assert_eq!(topic_tier(&[Vec::new()], &w("migraine"), &[true], true), 0, "no name");
    }
}
