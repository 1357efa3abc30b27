//! The library filter's matching: every word of the query fuzzily (fuzzy-matcher's skim
//! algorithm, as fzf users know it) over each article's title, tags, aliases and folder, word
//! starts and acronyms scored above scattered letters, best first, ties in the list's order.
//!
//! Over a large library this is too slow for the event loop (75 ms a letter at 100,000
//! articles), so the app asks for it as a [`FilterJob`] and the loop runs it on a thread
//! (`tui`), the latest query winning: a job no longer wanted stops part way. What a job needs
//! is made on the loop once per change of the library or of the list's order, not per key:
//! a copy of each entry's text to match ([`Texts`]) and its place in the whole list
//! ([`Places`]).
//! A [`Filterer`] keeps, between jobs, the entries each recent query matched, so typing one
//! more letter only looks at those (a longer query never matches more).

use super::shelf::Row;
use crate::library::Entry;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

/// What the filter matches of each entry, copied from the entries on the loop (a few
/// milliseconds at 100,000 entries): the thread makes its [`Haystacks`] from it (75 ms there).
#[derive(Debug, Default)]
pub struct Texts {
    /// Each entry's title.
    titles: Vec<Arc<str>>,
    /// Each entry's tags and aliases.
    keywords: Vec<String>,
    /// Each entry's folder.
    folders: Vec<Arc<str>>,
}

impl Texts {
    /// The texts of `entries`.
    pub fn of(entries: &[Entry]) -> Self {
        let mut texts = Self {
            titles: Vec::with_capacity(entries.len()),
            keywords: Vec::with_capacity(entries.len()),
            folders: Vec::with_capacity(entries.len()),
        };
        // One pass over the entries: at 100,000 they do not fit in the cache.
        for entry in entries {
            texts.titles.push(Arc::clone(&entry.title));
            texts.keywords.push(entry.keywords.clone());
            texts.folders.push(Arc::clone(&entry.folder));
        }
        texts
    }

    /// Entries described.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }
}

/// What the filter matches of each entry, made once for a library on the filter's thread.
#[derive(Debug, Default)]
struct Haystacks {
    /// Title, keywords and folder of each entry.
    text: Vec<String>,
    /// Each entry's title in lowercase words, and their initials ("post traumatic stress
    /// disorder", "ptsd"): what word starts and acronyms are scored against.
    titles: Vec<(String, String)>,
}

impl Haystacks {
    /// The text to match of each entry of `texts`.
    fn of(texts: &Texts) -> Self {
        let Texts { titles, keywords, folders } = texts;
        let text = titles.iter().zip(keywords).zip(folders);
        Self {
            text: text.map(|((t, k), f)| format!("{t}  {k}{f}")).collect(),
            titles: titles.iter().map(|t| title_words(t)).collect(),
        }
    }
}

/// Each entry's place in the whole list in the order chosen now; [`UNLISTED`] for one the
/// list leaves out (its file is gone). A filter's matches with equal scores keep this order.
pub type Places = Arc<[u32]>;

/// The place of an entry the list leaves out.
pub const UNLISTED: u32 = u32::MAX;

/// The places of the entries `rows` lists, in that order, among `entries` entries.
pub fn places(rows: &[Row], entries: usize) -> Places {
    let mut places = vec![UNLISTED; entries];
    for (place, row) in rows.iter().enumerate() {
        if let Some(slot) = places.get_mut(row.entry) {
            *slot = u32::try_from(place).unwrap_or(UNLISTED - 1);
        }
    }
    places.into()
}

/// One filter to run, for the rows it gives to come back as `Msg::Filtered`.
#[derive(Clone)]
pub struct FilterJob {
    /// Which asking this is: only the answer to the latest is taken.
    pub generation: u64,
    /// The filter as typed.
    pub query: String,
    /// What each entry's text to match is.
    pub texts: Arc<Texts>,
    /// Each entry's place in the whole list.
    pub places: Places,
}

impl PartialEq for FilterJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.query == other.query
            && Arc::ptr_eq(&self.texts, &other.texts)
            && Arc::ptr_eq(&self.places, &other.places)
    }
}

impl Eq for FilterJob {}

impl std::fmt::Debug for FilterJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilterJob")
            .field("generation", &self.generation)
            .field("query", &self.query)
            .field("entries", &self.texts.len())
            .finish_non_exhaustive()
    }
}

/// Runs filter jobs, remembering the entries recent queries matched.
#[derive(Debug, Default)]
pub struct Filterer {
    /// The library the haystacks and the remembered matches are of.
    texts: Option<Arc<Texts>>,
    /// What is matched of each entry of `texts`.
    haystacks: Haystacks,
    /// Recent queries and the entries each matched, with their scores.
    narrowed: Vec<Narrowed>,
}

/// The entries one query matched: each with its score, and the score of the query's last
/// word alone, so a query that only extends that word, or adds one, scores one word anew.
#[derive(Debug, Clone)]
struct Narrowed {
    query: String,
    found: Vec<(usize, i64, i64)>,
}

/// Queries remembered for narrowing.
const MEMO_QUERIES: usize = 32;

/// Entries scored between two looks at whether the job is still wanted.
const CHECK_EVERY: usize = 512;

impl Filterer {
    /// The rows `job` asks for: the entries every word of its query matches, best first,
    /// ties in the list's order. `None` when `cancelled` said, part way, that it is no
    /// longer wanted.
    pub fn run(&mut self, job: &FilterJob, cancelled: &dyn Fn() -> bool) -> Option<Vec<Row>> {
        if !self.texts.as_ref().is_some_and(|t| Arc::ptr_eq(t, &job.texts)) {
            self.texts = Some(Arc::clone(&job.texts));
            self.haystacks = Haystacks::of(&job.texts);
            self.narrowed.clear();
        }
        let mut found = self.matches(job, cancelled)?;
        let places = &job.places;
        let place = |i: usize| places.get(i).copied().unwrap_or(UNLISTED);
        found.sort_unstable_by(|&(a, sa), &(b, sb)| sb.cmp(&sa).then(place(a).cmp(&place(b))));
        Some(found.into_iter().map(|(entry, _)| Row { entry }).collect())
    }

    /// The entries every word of the query matches, with their scores; from the entries a
    /// shorter query already narrowed down when there is one, scoring only the word that
    /// changed when the others are the same.
    fn matches(
        &mut self,
        job: &FilterJob,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<(usize, i64)>> {
        let query = job.query.as_str();
        let matcher = SkimMatcherV2::default().ignore_case();
        let words: Vec<&str> = query.split_whitespace().collect();
        let Some((&last, others)) = words.split_last() else { return Some(Vec::new()) };
        let Haystacks { text, titles } = &self.haystacks;
        let listed = |i: usize| job.places.get(i).is_some_and(|&p| p != UNLISTED);
        let word = |i: usize, w: &str| {
            matcher.fuzzy_match(&text[i], w).map(|score| score + start_bonus(&titles[i], w))
        };
        // (total, last word's) for entry i, all words scored.
        let whole = |i: usize| -> Option<(i64, i64)> {
            if !listed(i) {
                return None;
            }
            let rest: i64 = others.iter().map(|w| word(i, w)).sum::<Option<i64>>()?;
            let last = word(i, last)?;
            Some((rest + last, last))
        };
        let narrower = self
            .narrowed
            .iter()
            .filter(|n| query.starts_with(n.query.as_str()))
            .max_by_key(|n| n.query.len());
        let mut found: Vec<(usize, i64, i64)> = Vec::new();
        match narrower {
            Some(n) => {
                let before: Vec<&str> = n.query.split_whitespace().collect();
                let keep = |(i, total, last_score): (usize, i64, i64)| {
                    if !listed(i) {
                        return None;
                    }
                    match before.split_last() {
                        // The same words (a space typed): the same scores.
                        _ if before == words => Some((i, total, last_score)),
                        // The last word grew: it alone is scored again.
                        Some((_, kept)) if kept == others && before.len() == words.len() => {
                            let now = word(i, last)?;
                            Some((i, total - last_score + now, now))
                        }
                        // A word was added after the same words.
                        _ if before.as_slice() == others => {
                            let now = word(i, last)?;
                            Some((i, total + now, now))
                        }
                        _ => whole(i).map(|(total, last)| (i, total, last)),
                    }
                };
                for chunk in n.found.chunks(CHECK_EVERY) {
                    if cancelled() {
                        return None;
                    }
                    found.extend(chunk.iter().copied().filter_map(keep));
                }
            }
            None => {
                for start in (0..text.len()).step_by(CHECK_EVERY) {
                    if cancelled() {
                        return None;
                    }
                    let chunk = start..(start + CHECK_EVERY).min(text.len());
                    found.extend(chunk.filter_map(|i| whole(i).map(|(t, l)| (i, t, l))));
                }
            }
        }
        if self.narrowed.len() == MEMO_QUERIES {
            self.narrowed.remove(0);
        }
        let scored = found.iter().map(|&(i, total, _)| (i, total)).collect();
        self.narrowed.push(Narrowed { query: query.to_string(), found });
        Some(scored)
    }
}

/// A title as lowercase words of letters and digits one space apart, and their initials.
fn title_words(title: &str) -> (String, String) {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let initials = words.iter().filter_map(|w| w.chars().next()).collect();
    (words.join(" "), initials)
}

/// What matching at word starts earns beyond the fuzzy score, as fzf's and nucleo's scoring
/// favour them: a query word that is the title's initials, or runs of them ("ptsd" for
/// "Post-Traumatic Stress Disorder", "adhd"), most; one that starts a word of the title, less;
/// letters scattered through the title ("protein S deficiency" for "ptsd"), nothing.
fn start_bonus((words, initials): &(String, String), typed: &str) -> i64 {
    let typed = typed.to_lowercase();
    if typed.chars().count() >= 2 && initials.contains(&typed) {
        ACRONYM_BONUS
    } else if words.split(' ').any(|w| w.starts_with(&typed)) {
        WORD_START_BONUS
    } else {
        0
    }
}

/// What a query word that is a run of the title's initials earns (see [`start_bonus`]).
const ACRONYM_BONUS: i64 = 300;

/// What a query word that starts a word of the title earns (see [`start_bonus`]).
const WORD_START_BONUS: i64 = 150;

/// The characters of `title` to highlight for `query`: those each word of it matches in the
/// title (a word that matched only a tag or the folder marks nothing).
pub fn title_hits(title: &str, query: &str) -> Vec<usize> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut hits: Vec<usize> = query
        .split_whitespace()
        .filter_map(|word| matcher.fuzzy_indices(title, word).map(|(_, indices)| indices))
        .flatten()
        .collect();
    hits.sort_unstable();
    hits.dedup();
    hits
}
