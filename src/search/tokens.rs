//! Words as the index sees them: runs of letters and digits, lowercase, diacritics removed.
//!
//! This mirrors SQLite's `unicode61 remove_diacritics 2` tokenizer (the index's), so a query
//! word and a word found in a matched text can be compared: letters and digits are word
//! characters, everything else separates words ("post-traumatic" is "post" and "traumatic",
//! "Reye's" is "reye" and "s"). Diacritics are folded for the Latin letters health texts use;
//! a rarer letter that SQLite folds and this does not only loses its highlight, never a match.

use std::ops::Range;

/// The words of `text` with their byte ranges, unfolded.
pub fn spans(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start..end, &text[start..end]))
    })
}

/// The folded words of `text`, as the index stores them.
pub fn words(text: &str) -> Vec<String> {
    spans(text).map(|(_, w)| fold(w)).collect()
}

/// The folded words of `text` joined by single spaces: how phrases (aliases) are stored.
pub fn phrase(text: &str) -> String {
    words(text).join(" ")
}

/// One word lowercased with its diacritics removed.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars().flat_map(char::to_lowercase).map(base_letter).collect()
}

/// The letter under a Latin letter's diacritic (`é` is `e`); other characters as they are.
fn base_letter(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_the_index_and_fold_case_and_accents() {
        assert_eq!(words("Post-traumatic Stress (PTSD)"), ["post", "traumatic", "stress", "ptsd"]);
        assert_eq!(words("Ménière's disease"), ["meniere", "s", "disease"]);
        assert_eq!(words("COVID-19, 2nd wave"), ["covid", "19", "2nd", "wave"]);
        assert_eq!(phrase("  Heart   attack! "), "heart attack");
        assert!(words(" - ? ").is_empty());
    }

    #[test]
    fn spans_are_byte_ranges_of_the_text() {
        let text = "Ménière — vertigo";
        let found: Vec<_> = spans(text).map(|(r, w)| (text[r].to_owned(), w)).collect();
        assert_eq!(found[0].0, "Ménière");
        assert_eq!(found[1].1, "vertigo");
    }
}
