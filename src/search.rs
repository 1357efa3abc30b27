//! Matching queries against article text: fuzzy, by word, with a floor so noise never matches.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Score per query character below which a word's match is noise (`nope` in "Depression").
const MIN_SCORE_PER_CHAR: i64 = 12;

/// A fuzzy matcher for titles and headings.
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Self { skim: SkimMatcherV2::default().ignore_case() }
    }
}

impl Matcher {
    /// How well `query` matches `text`, or `None` when it does not.
    ///
    /// Each word of the query must match on its own (so "ptsd trmnt" finds "PTSD treatment"),
    /// and strongly enough for its length; the score is the sum over words.
    pub fn score(&self, text: &str, query: &str) -> Option<i64> {
        let mut total = 0;
        let mut words = 0;
        for word in query.split_whitespace() {
            let score = self.skim.fuzzy_match(text, word)?;
            let chars = i64::try_from(word.chars().count()).unwrap_or(i64::MAX);
            if score < MIN_SCORE_PER_CHAR.saturating_mul(chars) {
                return None;
            }
            total += score;
            words += 1;
        }
        (words > 0).then_some(total)
    }

    /// The index of the best-matching text, the earliest on a tie.
    pub fn best<'a>(&self, texts: impl IntoIterator<Item = &'a str>, query: &str) -> Option<usize> {
        texts
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| self.score(t, query).map(|s| (s, std::cmp::Reverse(i))))
            .max()
            .map(|(_, std::cmp::Reverse(i))| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLES: [&str; 3] = [
        "What Does Ketamine Do to Your Brain?",
        "Ketamine as a Treatment for Depression, Anxiety, and PTSD",
        "Ketamine Side Effects: Risks, Long-Term Impact & Safe Use",
    ];

    #[test]
    fn words_match_separately_and_abbreviations_work() {
        let m = Matcher::default();
        assert_eq!(m.best(TITLES, "side effects"), Some(2));
        assert_eq!(m.best(TITLES, "ptsd trmnt"), Some(1));
        assert_eq!(m.best(TITLES, "PTSD"), Some(1));
        assert_eq!(m.best(TITLES, "brain"), Some(0));
    }

    #[test]
    fn scattered_letters_are_not_a_match() {
        let m = Matcher::default();
        assert_eq!(m.best(TITLES, "nope"), None);
        assert_eq!(m.best(TITLES, "   "), None);
    }
}
