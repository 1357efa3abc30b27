//! From the words typed to an FTS5 query: each word stands for itself, its other number
//! ("effect" for "effects"), the index's words it starts ("treatm" for "treatment"), and, when
//! the index does not know it, near words of the index's vocabulary; runs of words that name
//! a learned alias also stand for its other forms.
//!
//! Every expansion is a whole word of the vocabulary, never an FTS prefix query: the cost of a
//! query stays bounded however short the word, and each word found in a matched text can be
//! told apart as a whole word, a prefix, an alias or a guess.

use super::tokens::fold;
use crate::store::{Result, Store, Term, Vocabulary};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::{Range, RangeInclusive};

/// Shortest word that also matches the longer words it starts.
pub const MIN_PREFIX: usize = 3;

/// Most completions a word stands for (the most frequent in the index).
const MAX_PREFIXES: usize = 8;

/// Shortest unknown word matched with typos (an edit distance of one or two).
pub const MIN_TYPO: usize = 5;

/// Shortest unknown word matched by its letters in order ("trmnt" for "treatment").
const MIN_LETTERS: usize = 4;

/// Longest run of query words looked up as an alias.
const MAX_ALIAS_WORDS: usize = 6;

/// Most other forms one alias stands for.
const MAX_ALIASES: usize = 6;

/// How a word of the index stands for a word of the query; a better fit compares greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fit {
    /// A near word, for a word the index does not know.
    Fuzzy,
    /// A longer word the query word starts.
    Prefix,
    /// Another form of the same word ("treatment", "treated" for "treat"; "child" for
    /// "children"): see [`related_forms`].
    Stem,
    /// Another name of the words (an abbreviation, an alias).
    Alias,
    /// The word itself, or its other number.
    Word,
}

/// One word of the query and the index's words that stand for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The word as typed, folded.
    pub word: String,
    /// Index words standing for it, each once, best fit first.
    pub terms: Vec<(String, Fit)>,
}

/// A run of query words (`words`, indices into the groups) that is also known by `phrases`.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasRun {
    /// The query words it covers.
    pub words: RangeInclusive<usize>,
    /// The other forms, normalized words one space apart.
    pub phrases: Vec<String>,
}

/// A query, expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// One per query word, in order.
    pub groups: Vec<Group>,
    /// Aliases of runs of query words; they never overlap.
    pub aliases: Vec<AliasRun>,
}

/// `phrases` without those that hold another of them, or the words typed, as a run of whole
/// words ("heart attack (copy 3)" beside "heart attack"): every section one of those matches,
/// the shorter one matches too, so they only cost (each phrase of an FTS5 query is matched
/// and scored over the whole index: "myocardial infarction" took 17 ms more at 100,000
/// articles with five such phrases).
pub(super) fn shortest_forms(phrases: &[String], typed: &str) -> Vec<String> {
    let padded = |p: &str| format!(" {p} ");
    let holds = |longer: &str, shorter: &str| {
        longer != shorter && padded(longer).contains(&padded(shorter))
    };
    phrases
        .iter()
        .filter(|p| !holds(p, typed) && !phrases.iter().any(|q| holds(p, q)))
        .cloned()
        .collect()
}

impl Plan {
    /// Expands `words` (folded query words) with the vocabulary and the learned aliases.
    /// With `typing`, the last word may be unfinished and also stands for the words it starts;
    /// the words before it were finished (a space or another word came after them), so they
    /// stand for themselves, their other number and, when the index does not know them, near
    /// words: "side effects" is not about sidewalks, and a query of finished words stays a
    /// handful of terms however large the library.
    pub fn new(
        store: &Store,
        vocabulary: &Vocabulary,
        words: &[String],
        typing: bool,
    ) -> Result<Plan> {
        let last = words.len().saturating_sub(1);
        let groups: Vec<Group> = words
            .iter()
            .enumerate()
            .map(|(i, w)| group(vocabulary, w, typing && i == last))
            .collect();
        let mut aliases: Vec<AliasRun> = Vec::new();
        // Longest runs first, so "post traumatic stress disorder" is one alias, not four.
        for len in (1..=MAX_ALIAS_WORDS.min(words.len())).rev() {
            for first in 0..=words.len() - len {
                let run = first..=first + len - 1;
                if aliases.iter().any(|a| overlaps(&a.words, &run)) {
                    continue;
                }
                let typed = words[run.clone()].join(" ");
                // More asked than kept: the longer forms of one alias then fold into it.
                let asked = store.aliases_of(&typed, MAX_ALIASES * 4)?;
                let mut phrases = shortest_forms(&asked, &typed);
                phrases.truncate(MAX_ALIASES);
                if !phrases.is_empty() {
                    aliases.push(AliasRun { words: run, phrases });
                }
            }
        }
        aliases.sort_by_key(|a| *a.words.start());
        Ok(Plan { groups, aliases })
    }

    /// The same plan without its aliases.
    #[must_use]
    pub fn without_aliases(&self) -> Plan {
        Plan { groups: self.groups.clone(), aliases: Vec::new() }
    }

    /// The plan for finding the articles a query names (see `search::search_in`): each word as
    /// itself, its other number, its other forms or the word clearly meant, but not the longer
    /// words it starts (a word being typed is not yet the name of anything); `None` when a
    /// word is only such a start ("hea"). At 100,000 articles the completions of "hea" or
    /// "dia" in titles cost 15-23 ms a key.
    #[must_use]
    pub fn named(&self) -> Option<Plan> {
        let groups: Vec<Group> = self
            .groups
            .iter()
            .map(|g| {
                let terms: Vec<(String, Fit)> =
                    g.terms.iter().filter(|(_, fit)| *fit != Fit::Prefix).cloned().collect();
                (!terms.is_empty()).then(|| Group { word: g.word.clone(), terms })
            })
            .collect::<Option<_>>()?;
        Some(Plan { groups, aliases: self.aliases.clone() })
    }

    /// Words the index does not know, each replaced by the word clearly meant (see
    /// [`replacement`]): (as typed, folded; the replacement). Said wherever results are shown.
    pub fn replaced(&self) -> Vec<(String, String)> {
        let replaced = |g: &Group| {
            let (term, fit) = g.terms.first()?;
            (*fit == Fit::Fuzzy).then(|| (g.word.clone(), term.clone()))
        };
        self.groups.iter().filter_map(replaced).collect()
    }

    /// The FTS5 query: every word (or an alias of its run) matches, in any column. With
    /// `narrow`, the word `narrow` names must match in a title, heading or alias.
    pub fn fts_query(&self, narrow: Option<usize>) -> String {
        let units = self.units();
        let narrowed = narrow.and_then(|g| units.iter().position(|(end, _)| *end > g));
        let parts: Vec<String> = units
            .into_iter()
            .enumerate()
            .map(|(k, (_, unit))| {
                if Some(k) == narrowed {
                    format!("{{title heading aliases}} : {unit}")
                } else {
                    unit
                }
            })
            .collect();
        parts.join(" AND ")
    }

    /// The FTS5 query any of whose words (or aliases of runs of them) match: for the sections
    /// holding the most of a query's words when none holds all of them.
    pub fn fts_query_any(&self) -> String {
        let units: Vec<String> = self.units().into_iter().map(|(_, unit)| unit).collect();
        units.join(" OR ")
    }

    /// The query's units, in order: each word as any of its terms, or a run of words with an
    /// alias as those words or the alias; each with the group after its last word.
    fn units(&self) -> Vec<(usize, String)> {
        let mut units = Vec::new();
        let mut i = 0;
        while i < self.groups.len() {
            let unit = if let Some(alias) = self.aliases.iter().find(|a| *a.words.start() == i) {
                let words: Vec<String> = alias.words.clone().map(|g| self.any_of(g)).collect();
                let mut unit = format!("(({})", words.join(" AND "));
                for phrase in &alias.phrases {
                    // Writing to a String cannot fail.
                    let _ = write!(unit, " OR \"{phrase}\"");
                }
                i = *alias.words.end() + 1;
                unit + ")"
            } else {
                i += 1;
                self.any_of(i - 1)
            };
            units.push((i, unit));
        }
        units
    }

    /// Group `g` as an FTS5 expression: any of its terms.
    fn any_of(&self, g: usize) -> String {
        let terms: Vec<String> =
            self.groups[g].terms.iter().map(|(t, _)| format!("\"{t}\"")).collect();
        format!("({})", terms.join(" OR "))
    }

    /// How each index word found in a matched text stands for the query: the query words it
    /// covers and how well. Alias phrases are looked up whole, with `phrases`.
    pub fn lookup(&self) -> Lookup {
        let mut words: HashMap<String, Vec<(RangeInclusive<usize>, Fit)>> = HashMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            for (term, fit) in &group.terms {
                words.entry(term.clone()).or_default().push((g..=g, *fit));
            }
        }
        let mut phrases = HashMap::new();
        for alias in &self.aliases {
            for phrase in &alias.phrases {
                if phrase.contains(' ') {
                    phrases.insert(phrase.clone(), alias.words.clone());
                } else {
                    words
                        .entry(phrase.clone())
                        .or_default()
                        .push((alias.words.clone(), Fit::Alias));
                }
            }
        }
        Lookup { words, phrases }
    }
}

/// Index words and phrases of a plan, to tell what a matched run of text stands for.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Single words: the query words each covers, and how.
    pub words: HashMap<String, Vec<(RangeInclusive<usize>, Fit)>>,
    /// Alias phrases of several words: the query words each covers.
    pub phrases: HashMap<String, RangeInclusive<usize>>,
}

/// One matched word of a column: its bytes, the query words it stands for, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// The word's bytes in the column's text.
    pub range: Range<usize>,
    /// The query words it stands for.
    pub words: RangeInclusive<usize>,
    /// How it matched them.
    pub fit: Fit,
}

impl Lookup {
    /// The words of `text` this plan's words and alias phrases match, in order (each word of
    /// an alias phrase found whole stands for the words the alias does, before any of them
    /// counts on its own; a word standing for two query words is there twice), and whether
    /// any is an alias. Words are told apart as the index tells them ([`super::tokens`]).
    pub fn matches(&self, text: &str) -> (Vec<WordMatch>, bool) {
        let spans: Vec<(Range<usize>, String)> =
            super::tokens::spans(text).map(|(range, word)| (range, fold(word))).collect();
        let longest = self.phrases.keys().map(|p| p.split(' ').count()).max().unwrap_or(0);
        let (mut found, mut alias) = (Vec::new(), false);
        let mut i = 0;
        while i < spans.len() {
            let phrase = (2..=longest.min(spans.len() - i)).rev().find_map(|len| {
                let words = spans[i..i + len].iter().map(|(_, w)| w.as_str());
                self.phrases.get(&words.collect::<Vec<_>>().join(" ")).map(|w| (len, w))
            });
            if let Some((len, words)) = phrase {
                found.extend(spans[i..i + len].iter().map(|(range, _)| WordMatch {
                    range: range.clone(),
                    words: words.clone(),
                    fit: Fit::Alias,
                }));
                alias = true;
                i += len;
                continue;
            }
            if let Some(known) = self.words.get(&spans[i].1) {
                found.extend(known.iter().map(|(words, fit)| WordMatch {
                    range: spans[i].0.clone(),
                    words: words.clone(),
                    fit: *fit,
                }));
                alias |= known.iter().any(|(_, fit)| *fit == Fit::Alias);
            }
            i += 1;
        }
        (found, alias)
    }
}

fn overlaps(a: &RangeInclusive<usize>, b: &RangeInclusive<usize>) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

/// The terms one query word stands for; with `unfinished`, also the words it starts.
fn group(vocabulary: &Vocabulary, word: &str, unfinished: bool) -> Group {
    let mut terms = vec![(word.to_owned(), Fit::Word)];
    let push = |terms: &mut Vec<(String, Fit)>, term: &str, fit| {
        if !terms.iter().any(|(t, _)| t == term) {
            terms.push((term.to_owned(), fit));
        }
    };
    for other in other_numbers(word) {
        if vocabulary.get(&other).is_some() {
            push(&mut terms, &other, Fit::Word);
        }
    }
    // Other forms of a word the index knows, also for the word still being typed: a question
    // is read as typed, its last word unfinished only as far as anyone can tell ("how is high
    // blood pressure diagnosed"). A word the index does not know gets none: it may be a
    // misspelling ("diabetis"), replaced only by the word clearly meant, and said.
    if vocabulary.get(word).is_some() {
        for form in related_forms(vocabulary, word) {
            push(&mut terms, &form, Fit::Stem);
        }
    }
    let mut completions = false;
    if unfinished && word.chars().count() >= MIN_PREFIX {
        let mut longer: Vec<_> =
            vocabulary.with_prefix(word).iter().filter(|t| t.text != word).collect();
        completions = !longer.is_empty();
        longer.sort_by(|a, b| b.docs.cmp(&a.docs).then(a.text.cmp(&b.text)));
        for term in longer.into_iter().take(MAX_PREFIXES) {
            push(&mut terms, &term.text, Fit::Prefix);
        }
    }
    if vocabulary.get(word).is_none()
        && !completions
        && terms.len() == 1
        && let Some(meant) = replacement(vocabulary, word)
    {
        // The word as typed matches nothing: the word clearly meant stands in for it, alone
        // (with its other number), and the search says so.
        terms.clear();
        push(&mut terms, &meant, Fit::Fuzzy);
        for other in other_numbers(&meant) {
            if vocabulary.get(&other).is_some() {
                push(&mut terms, &other, Fit::Fuzzy);
            }
        }
    }
    Group { word: word.to_owned(), terms }
}

/// Most other forms one word stands for.
const MAX_FORMS: usize = 4;

/// Endings that make other forms of one word, longest first: verbs (-ed, -ing, -s), nouns made
/// of them (-ment, -ion, -is) and adjectives (-ive, -ic). Endings that make other words more
/// often than other forms (-al: "general", "generation"; -er, -ly, -ness, -ity) are left out.
const ENDINGS: &[&str] = &[
    "ations", "ation", "ments", "ment", "ings", "ions", "ives", "ing", "ion", "ive", "ies", "ed",
    "es", "ic", "is", "e", "s", "y",
];

/// Shortest stem an ending is taken off to (so "gout", "cure" stay whole).
const MIN_STEM: usize = 4;

/// Forms English makes irregularly, both ways.
const IRREGULAR: &[(&str, &str)] = &[
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("mouse", "mice"),
    ("person", "people"),
];

/// What other forms of a word share: the word less its longest ending that leaves at least
/// [`MIN_STEM`] letters ("treated", "treatment", "treats" → "treat"; "diagnosed", "diagnosis"
/// → "diagnos"; "addictive", "addiction" → "addict").
pub fn stem(word: &str) -> &str {
    if !word.is_ascii() {
        return word;
    }
    ENDINGS
        .iter()
        .filter_map(|ending| word.strip_suffix(ending))
        .find(|stem| stem.len() >= MIN_STEM)
        .unwrap_or(word)
}

/// The index's other forms of `word` (see [`stem`], and [`IRREGULAR`]), the most frequent
/// first, at most [`MAX_FORMS`]; not the word itself.
pub fn related_forms(vocabulary: &Vocabulary, word: &str) -> Vec<String> {
    let mut forms: Vec<(u32, String)> = Vec::new();
    for (one, other) in IRREGULAR {
        let paired = if word == *one {
            Some(*other)
        } else if word == *other {
            Some(*one)
        } else {
            None
        };
        if let Some(term) = paired.and_then(|p| vocabulary.get(p)) {
            forms.push((term.docs, term.text.clone()));
        }
    }
    let root = stem(word);
    if root.len() < word.len()
        || ENDINGS.iter().any(|e| vocabulary.get(&format!("{word}{e}")).is_some())
    {
        for term in vocabulary.with_prefix(root) {
            if term.text != word && stem(&term.text) == root {
                forms.push((term.docs, term.text.clone()));
            }
        }
    }
    forms.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    forms.dedup_by(|a, b| a.1 == b.1);
    forms.into_iter().take(MAX_FORMS).map(|(_, form)| form).collect()
}

/// The word's other grammatical number, as English spells most: "effects" / "effect",
/// "therapies" / "therapy".
fn other_numbers(word: &str) -> Vec<String> {
    if word.chars().count() < 3 || !word.is_ascii() {
        return Vec::new();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return vec![format!("{stem}y")];
    }
    if let Some(stem) = word.strip_suffix('y') {
        return vec![format!("{stem}ies"), format!("{word}s")];
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return vec![format!("{word}es")];
    }
    if let Some(stem) = word.strip_suffix('s') {
        let mut forms = vec![stem.to_owned()];
        if let Some(es) = word.strip_suffix("es") {
            forms.push(es.to_owned());
        }
        return forms;
    }
    vec![format!("{word}s")]
}

/// Fewest sections (counted per column) a word must be in to stand in for a misspelling:
/// a word many articles use, not a rare neighbour ("cvid" for "covid").
const COMMON_AT_LEAST: u32 = 2;

/// A word stands in for a misspelling only when it is in this share of the sections the most
/// common word is in, or more (1/400: "gout" in MedQuAD, not "cvid").
const COMMON_SHARE: u32 = 400;

/// A stand-in must be in this many times as many sections as the next nearest word, or
/// which word was meant is not clear ("diabetes" 1,453 against "diabetic" 214 is clear).
const CLEAR_LEAD: u32 = 2;

/// The word clearly meant by `word`, which the index does not know, if there is one: a word
/// one edit away (two for words of eight letters or more), or, for a word written without
/// vowels ("trmnt"), one holding its letters in order from the same first letter; used by many
/// sections (see [`COMMON_AT_LEAST`], [`COMMON_SHARE`]); and well ahead of the next nearest
/// ([`CLEAR_LEAD`]). A word spelled right that the library lacks ("covid") has no such word:
/// nothing matches it, rather than another condition.
pub fn replacement(vocabulary: &Vocabulary, word: &str) -> Option<String> {
    let len = word.chars().count();
    if len < MIN_TYPO.min(MIN_LETTERS) {
        return None;
    }
    let common = COMMON_AT_LEAST.max(vocabulary.most_docs() / COMMON_SHARE);
    let allowed = if len >= 8 { 2 } else { 1 };
    let mut near: Vec<&Term> = Vec::new();
    if len >= MIN_TYPO {
        near.extend(within_edits(vocabulary, word, allowed).map(|(_, term)| term));
    }
    let vowels = |w: &str| w.chars().any(|c| "aeiouy".contains(c));
    if near.is_empty() && len >= MIN_LETTERS && !vowels(word) {
        near.extend(letters_in_order(vocabulary, word));
    }
    let mut near: Vec<(u32, &str)> = near.into_iter().map(|t| (t.docs, t.text.as_str())).collect();
    near.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let (docs, best) = *near.first()?;
    let next = near.get(1).map_or(0, |n| n.0);
    (docs >= common && docs >= next.saturating_mul(CLEAR_LEAD)).then(|| best.to_owned())
}

/// Up to `most` words of the vocabulary near `word`, which it does not know: words within one
/// or two edits (for words of [`MIN_TYPO`] letters or more; only the closest distance found,
/// then the most frequent), taken in turn with words holding its letters in order from the same
/// first letter (abbreviations and dropped letters, "trmnt" for "treatment"; the most frequent
/// first).
pub fn near_words(vocabulary: &Vocabulary, word: &str, most: usize) -> Vec<String> {
    let len = word.chars().count();
    let mut edits: Vec<(usize, u32, &str)> = Vec::new();
    if len >= MIN_TYPO {
        edits = within_edits(vocabulary, word, 2)
            .filter(|(distance, term)| *distance < 2 || term.text.chars().count() >= MIN_TYPO)
            .map(|(distance, term)| (distance, term.docs, term.text.as_str()))
            .collect();
        if let Some(best) = edits.iter().map(|f| f.0).min() {
            edits.retain(|f| f.0 == best);
        }
        edits.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(b.2)));
    }
    let mut letters_in_order: Vec<(u32, &str)> = Vec::new();
    if len >= MIN_LETTERS {
        letters_in_order =
            self::letters_in_order(vocabulary, word).map(|t| (t.docs, t.text.as_str())).collect();
        letters_in_order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    }
    let mut near: Vec<String> = Vec::new();
    let mut edits = edits.into_iter().map(|e| e.2);
    let mut in_order = letters_in_order.into_iter().map(|e| e.1);
    while near.len() < most {
        let next = [edits.next(), in_order.next()];
        if next.iter().all(Option::is_none) {
            break;
        }
        for term in next.into_iter().flatten() {
            if near.len() < most && !near.iter().any(|n| n == term) {
                near.push(term.to_owned());
            }
        }
    }
    near
}

/// The vocabulary's words within `most` edits of `word` (transpositions counting one), each
/// with its distance. A cheap sieve comes before the distance: lengths, and letters `most`
/// edits can change.
fn within_edits<'v>(
    vocabulary: &'v Vocabulary,
    word: &str,
    most: usize,
) -> impl Iterator<Item = (usize, &'v Term)> {
    let len = word.chars().count();
    let mask = letters(word);
    let word = word.to_owned();
    vocabulary.terms().iter().filter_map(move |term| {
        let n = term.text.chars().count();
        if n.abs_diff(len) > most || (mask ^ letters(&term.text)).count_ones() > 4 {
            return None;
        }
        let distance = strsim::osa_distance(&word, &term.text);
        (distance <= most).then_some((distance, term))
    })
}

/// The vocabulary's words longer than `word`, from its first letter, that hold its letters in
/// order (abbreviations and dropped letters, "trmnt" for "treatment").
fn letters_in_order<'v>(vocabulary: &'v Vocabulary, word: &str) -> impl Iterator<Item = &'v Term> {
    let matcher = SkimMatcherV2::default();
    let first = &word[..word.chars().next().map_or(0, char::len_utf8)];
    let word = word.to_owned();
    vocabulary.with_prefix(first).iter().filter(move |term| {
        term.text.len() > word.len() && matcher.fuzzy_match(&term.text, &word).is_some()
    })
}

/// The set of ASCII letters and digits in `word`, one bit each (others share a bit).
fn letters(word: &str) -> u64 {
    word.bytes().fold(0, |mask, b| {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => 63,
        };
        mask | 1 << bit
    })
}

/// "Did you mean": `words` with each word the index does not know replaced by its nearest
/// word, or `None` when every word is known (or none has a near word). With `typing`, the
/// last word may be unfinished and is known when it starts words of the index; a finished
/// word that only starts words is offered the most frequent of them, as it matched none.
pub fn suggestion(vocabulary: &Vocabulary, words: &[String], typing: bool) -> Option<String> {
    let last = words.len().saturating_sub(1);
    let mut changed = false;
    let fixed: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let started = vocabulary.with_prefix(w);
            if vocabulary.get(w).is_some() || (typing && i == last && !started.is_empty()) {
                return w.clone();
            }
            let completed = (w.chars().count() >= MIN_PREFIX)
                .then(|| started.iter().max_by_key(|t| t.docs).map(|t| t.text.clone()))
                .flatten();
            let near = completed
                .or_else(|| near_words(vocabulary, w, 1).pop())
                .or_else(|| one_slip(vocabulary, w));
            near.inspect(|_| changed = true).unwrap_or_else(|| w.clone())
        })
        .collect();
    changed.then(|| fixed.join(" "))
}

/// The most frequent word one edit from a short `word` (too short for [`near_words`]).
fn one_slip(vocabulary: &Vocabulary, word: &str) -> Option<String> {
    let len = word.chars().count();
    (len >= MIN_PREFIX)
        .then(|| {
            vocabulary
                .terms()
                .iter()
                .filter(|t| t.text.len().abs_diff(word.len()) <= 1)
                .filter(|t| strsim::osa_distance(word, &t.text) == 1)
                .max_by_key(|t| t.docs)
                .map(|t| t.text.clone())
        })
        .flatten()
}

/// The query's words, folded (see [`super::tokens`]).
pub fn query_words(query: &str) -> Vec<String> {
    super::tokens::spans(query).map(|(_, w)| fold(w)).collect()
}

/// Whether the query's last word may be unfinished: nothing but letters and digits after it.
pub fn still_typing(query: &str) -> bool {
    query.chars().last().is_some_and(char::is_alphanumeric)
}
