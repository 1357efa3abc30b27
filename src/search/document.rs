//! What the index keeps of an article: one row per section with the model's own text (so what
//! is found is what is shown), and the aliases the article teaches: each front matter alias
//! with the title, and every "long form (ABBR)" its text defines.

use super::tokens::{phrase, spans, words};
use crate::article::{Article, for_each_text};
use crate::store::{IndexOrigin, IndexedArticle, IndexedSection, Result, Store};

/// Joins the pieces of a section's text in the index: a control character (never in the
/// model's sanitized text) that separates words, and is one byte, so an offset in the stored
/// text minus the breaks before it is an offset in the section's text.
pub const PIECE_BREAK: char = '\u{1f}';

/// Longest abbreviation learned, in characters.
const MAX_SHORT: usize = 10;

/// Longest alias or title paired as an alias, in words: longer names are descriptions.
const MAX_ALIAS_WORDS: usize = 8;

/// What the index stores for `article`, read from a file of `size` bytes modified at
/// `mtime_ns` (both 0 for a bundled article).
pub fn indexed(article: &Article, size: u64, mtime_ns: i64) -> IndexedArticle {
    let origin = IndexOrigin::from(&article.origin);
    let mut learned = Vec::new();
    let title = phrase(&article.meta.title);
    for alias in &article.meta.aliases {
        let alias = phrase(alias);
        if !alias.is_empty() && alias != title && title.split(' ').count() <= MAX_ALIAS_WORDS {
            learned.push((alias, title.clone()));
        }
    }
    // The untitled first section a card title stands for holds nothing to land on.
    let skip = crate::layout::card::title_section(article);
    let mut sections = Vec::with_capacity(article.sections.len());
    for (i, section) in article.sections.iter().enumerate() {
        let mut body = String::new();
        for_each_text(&section.blocks, &mut |piece| {
            if !body.is_empty() {
                body.push(PIECE_BREAK);
            }
            body.push_str(piece);
        });
        learn_abbreviations(&body, &mut learned);
        if skip == Some(i) && body.trim().is_empty() {
            continue;
        }
        sections.push(IndexedSection {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            anchor: section.anchor.clone(),
            heading: section.display_title().to_owned(),
            body,
        });
    }
    learned.sort();
    learned.dedup();
    IndexedArticle {
        key: article.key.to_string(),
        origin,
        size,
        mtime_ns,
        title: article.meta.title.clone(),
        aliases: article.meta.aliases.join("\n"),
        tags: article.meta.tags.join("\n"),
        sections,
        learned,
    }
}

/// Indexes parsed `articles` into `store` (as read now: no file sizes or times, so the library
/// walk would index them again) and refreshes the vocabulary: for indexes built in one go, such
/// as `salve search PATH` and the tests.
pub fn index_articles(store: &mut Store, articles: &[Article]) -> Result<()> {
    for chunk in articles.chunks(256) {
        let docs: Vec<IndexedArticle> = chunk.iter().map(|a| indexed(a, 0, 0)).collect();
        store.index_articles(&docs)?;
    }
    store.refresh_vocabulary()
}

/// Adds (short, long) for every "long form (ABBR)" in `text`.
pub fn learn_abbreviations(text: &str, learned: &mut Vec<(String, String)>) {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        from = open + 1;
        let Some(close) = text[from..].find(')').map(|i| from + i) else { break };
        let inside = text[from..close].trim();
        if !is_abbreviation(inside) {
            continue;
        }
        if let Some(long) = long_form(inside, &text[..open]) {
            learned.push((phrase(inside), long));
        }
    }
}

/// Two to [`MAX_SHORT`] characters of letters, digits and hyphens, starting with a letter,
/// with at least two capitals and no lowercase run longer than one letter ("PTSD", "MI",
/// "COVID-19", "HbA1c"): what writers put in parentheses after a long form.
fn is_abbreviation(text: &str) -> bool {
    let n = text.chars().count();
    let capitals = text.chars().filter(char::is_ascii_uppercase).count();
    (2..=MAX_SHORT).contains(&n)
        && text.starts_with(|c: char| c.is_alphabetic())
        && text.chars().all(|c| c.is_alphanumeric() || c == '-')
        && capitals >= 2
        && !text.as_bytes().windows(2).any(|w| w.iter().all(u8::is_ascii_lowercase))
}

/// The long form `short` abbreviates at the end of `before`, found as Schwartz and Hearst
/// describe (2003): each letter of the abbreviation, last to first, is found going back through
/// the text, the first one at the start of a word; the long form has at most
/// `min(letters + 5, letters * 2)` words.
fn long_form(short: &str, before: &str) -> Option<String> {
    let letters: Vec<char> =
        short.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let most = (letters.len() + 5).min(letters.len() * 2);
    // The candidate: the last `most` words before the parenthesis, within the sentence.
    let sentence_start =
        before.rfind(['.', ';', ':', '!', '?', '(', ')', '\u{1f}']).map_or(0, |i| i + 1);
    let sentence = &before[sentence_start..];
    let starts: Vec<usize> = spans(sentence).map(|(r, _)| r.start).collect();
    let first_word = starts.len().checked_sub(most).map_or(0, |skip| starts[skip]);
    let candidate = &sentence[first_word..];
    let chars: Vec<(usize, char)> =
        candidate.char_indices().map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c))).collect();
    let mut at = chars.len();
    for (k, &letter) in letters.iter().enumerate().rev() {
        loop {
            at = at.checked_sub(1)?;
            let (_, c) = chars[at];
            let word_start = at == 0 || !chars[at - 1].1.is_alphanumeric();
            if c == letter && (k > 0 || word_start) {
                break;
            }
        }
    }
    let long = phrase(&candidate[chars[at].0..]);
    let short = phrase(short);
    (words(&long).len() >= 2 && long != short).then_some(long)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Origin, parse_str};

    fn learned(text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        learn_abbreviations(text, &mut found);
        found
    }

    fn pair(short: &str, long: &str) -> (String, String) {
        (short.to_owned(), long.to_owned())
    }

    #[test]
    fn a_long_form_with_its_abbreviation_in_parentheses_is_learned() {
        assert_eq!(
            learned("People with post-traumatic stress disorder (PTSD) relive it."),
            [pair("ptsd", "post traumatic stress disorder")]
        );
        assert_eq!(
            learned("Rare forms. Granulomatous Amebic Encephalitis (GAE) and more"),
            [pair("gae", "granulomatous amebic encephalitis")]
        );
        assert_eq!(
            learned("a heart attack, or myocardial infarction (MI), happens when"),
            [pair("mi", "myocardial infarction")]
        );
        // Letters from inside words count, the first starts a word.
        assert_eq!(learned("deoxyribonucleic acid (DNA)"), [pair("dna", "deoxyribonucleic acid")]);
    }

    #[test]
    fn parentheses_that_define_nothing_teach_nothing() {
        assert!(learned("the brain (the organ) and the eye (Acanthamoeba keratitis)").is_empty());
        assert!(learned("in the United States (US)").len() == 1);
        assert!(learned("some text (XYZ) that does not spell it").is_empty());
        assert!(learned("(PTSD) at the start").is_empty());
        assert!(learned("unclosed (PTSD").is_empty());
    }

    #[test]
    fn sections_keep_the_model_text_and_aliases_pair_with_the_title() {
        let text = "---\ntitle: Heart Attack\naliases: [MI, Myocardial infarction]\n---\n\
                    # Heart Attack\n\n## Symptoms\n\n- Chest pain\n- Nausea\n";
        let article = parse_str("h.md", Origin::Bundled("h.md"), Format::Markdown, text);
        let doc = indexed(&article, 0, 0);
        assert_eq!(doc.sections.len(), 1, "the empty title section is left out");
        assert_eq!(doc.sections[0].heading, "Symptoms");
        assert_eq!(doc.sections[0].body, "Chest pain\u{1f}Nausea");
        assert_eq!(
            doc.learned,
            [pair("mi", "heart attack"), pair("myocardial infarction", "heart attack")]
        );
        assert_eq!(doc.origin, IndexOrigin::Bundled("h.md".into()));
    }
}
