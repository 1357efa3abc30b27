//! Words a question is made of ("how is gout treated", "can I drink alcohol on ketamine") that
//! never have to match: the list is data (`stopwords.txt`), folded as the index folds words.
//! Negations and meaningful single letters are kept off it (see the file's head).

/// The list, one word a line; `#` starts a comment line.
const LIST: &str = include_str!("stopwords.txt");

/// The list's words, read from [`LIST`] once; in byte order (the file is sorted, see the test).
fn words() -> &'static [&'static str] {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| LIST.lines().filter(|l| !l.starts_with('#')).collect())
}

/// True when `word` (folded) is a stop word.
pub fn is_stop(word: &str) -> bool {
    words().binary_search(&word).is_ok()
}

/// The words of a query that have to match: all but the stop words, or every word when all
/// of them are stop words (a search for "the and" is for those words).
pub fn content(words: Vec<String>) -> Vec<String> {
    if words.iter().all(|w| is_stop(w)) {
        return words;
    }
    words.into_iter().filter(|w| !is_stop(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::{content, is_stop};

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_question_keeps_its_topic_words_negations_and_letters_that_name_things() {
        assert_eq!(content(words("how is gout treated")), ["gout", "treated"]);
        assert_eq!(
            content(words("can i drink alcohol on ketamine")),
            ["drink", "alcohol", "ketamine"]
        );
        assert_eq!(content(words("what is hepatitis a")), ["hepatitis", "a"]);
        assert_eq!(content(words("asthma without inhaler")), ["asthma", "without", "inhaler"]);
        assert_eq!(content(words("why not")), ["not"]);
        assert_eq!(content(words("the who")), ["who"], "who asks who is at risk");
        assert_eq!(content(words("the and")), ["the", "and"], "all stop words: all kept");
    }

    #[test]
    fn the_list_is_sorted_folded_and_keeps_negations_and_letters_off() {
        let listed = super::words().to_vec();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(listed, sorted, "sorted, each once");
        assert!(listed.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())), "folded");
        for kept in ["no", "not", "nor", "without", "never", "a", "d", "t", "b", "who"] {
            assert!(!is_stop(kept), "{kept} must match");
        }
    }
}
