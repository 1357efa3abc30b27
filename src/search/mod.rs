//! Search: finding the sections of the library a query names, ranked, with what matched.
//!
//! Every word of the query must match in the same section or in its article's title (or its
//! aliases and tags), in any order. A word matches as itself (or its other number), as the
//! start of longer words, through a learned alias of a run of query words ("ptsd" for "post
//! traumatic stress disorder", "heart attack" for "myocardial infarction"), or, when the index
//! does not know it, through near words of the index's vocabulary ([`expand`]). The index does
//! the matching and the BM25 base score; [`rank`] orders the best candidates by where and how
//! they matched. [`title`] is the word-based title matcher `salve show` uses.
//!
//! The index itself (one row per section, see [`indexed`]) lives in the store.

mod document;
pub mod expand;
pub mod rank;
mod snippet;
pub mod stopwords;
pub mod title;
pub mod tokens;

pub use document::{PIECE_BREAK, index_articles, indexed};
pub use title::{Found, find, words};

use crate::store::{FoundSection, Result, Store, Vocabulary};
use expand::{Fit, Plan, WordMatch};
use rank::{Features, Place};
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

/// What a result whose section has no text of its own shows in place of a snippet.
pub const NO_TEXT: &str = "(no text under this heading)";

/// Words of a query past this many are ignored.
pub const MAX_WORDS: usize = 16;

/// When every word of a query is in more sections than this, one word must match in a title,
/// heading or alias: ranking all of, say, 100,000 sections holding "treatment" costs more than a
/// keystroke may, and the sections that name the topic are the ones worth showing.
pub const BROAD_ROWS: u64 = 20_000;

/// Where a hit matched, as the results say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Every word is in the article's title.
    Title,
    /// Every word is in the title or the section's heading.
    Heading,
    /// Some word is only in the section's text.
    Text,
    /// Some word matched only through another name (an alias or abbreviation).
    Alias,
    /// Some word matched only as a guess at what was meant (a near word).
    Fuzzy,
}

impl MatchKind {
    /// The kind as a lowercase word ("title", "fuzzy").
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Heading => "heading",
            Self::Text => "text",
            Self::Alias => "alias",
            Self::Fuzzy => "fuzzy",
        }
    }
}

/// One matched section.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article's key (as indexed; two copies of one article share it: tell them apart by
    /// `path`).
    pub article_key: String,
    /// The article's file, for an article read from disk.
    pub path: Option<PathBuf>,
    /// The bundled article's name, for a bundled article.
    pub bundled: Option<String>,
    /// The article's title.
    pub title: String,
    /// The section's index in the article.
    pub section: u32,
    /// The section's anchor.
    pub anchor: String,
    /// The section's heading as shown ([`crate::article::Section::display_title`]).
    pub heading: String,
    /// A line of the section's text around the match.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub marks: Vec<Range<usize>>,
    /// Where it matched.
    pub kind: MatchKind,
    /// The ranking score; higher is better.
    pub score: f64,
    /// Byte offset of the first match in the section's text, as [`crate::layout::Position`]
    /// counts it (heading, then the body's text); 0 when only the title matched.
    pub offset: u32,
    /// The words the query matched in the section's heading and text, as written there
    /// (lowercased, each once): what the reader highlights, every one of them.
    pub words: Vec<String>,
    /// Where the other sections with the same title, heading and text are (copies of one
    /// article in several files), left out of the results: said as "also in N places".
    pub copies: Vec<CopyAt>,
}

/// Where a copy of a result's section is: a file, or a bundled article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyAt {
    /// The copy's file, for an article read from disk.
    pub path: Option<PathBuf>,
    /// The bundled article's name, for a bundled article.
    pub bundled: Option<String>,
}

/// What a query found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The matched sections, best first.
    pub hits: Vec<Hit>,
    /// When nothing matched: the query with its unknown words replaced by the nearest words
    /// the index knows ("did you mean"), offered only when it has results itself.
    pub suggestion: Option<String>,
    /// Words the index does not know that the results stand in for (as typed, folded; the
    /// word clearly meant): said wherever the results are shown, never silent.
    pub replaced: Vec<(String, String)>,
    /// When no section holds every word: the words the best results hold (the results are the
    /// sections holding the most of them, rarer words counting more).
    pub partial: Option<Vec<String>>,
    /// The index had more matching sections than were taken: the results are the best of more.
    pub more: bool,
    /// How many sections match in all, when it was asked for ([`search_counted`]).
    pub total: Option<u64>,
}

impl Outcome {
    /// What the results stand in for, in words: "showing results for 'diabetes'; nothing has
    /// 'diabetis'", or `None` when every word was found as typed.
    pub fn replaced_note(&self) -> Option<String> {
        if self.replaced.is_empty() {
            return None;
        }
        let list = |words: Vec<&str>| {
            words
                .iter()
                .map(|w| format!("'{}'", crate::sanitize::sanitize_line(w)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let meant = list(self.replaced.iter().map(|(_, to)| to.as_str()).collect());
        let typed = list(self.replaced.iter().map(|(from, _)| from.as_str()).collect());
        Some(format!("showing results for {meant}; nothing has {typed}"))
    }

    /// Everything to say about what the results stand for (a word replaced, the results
    /// holding only some words), joined, or `None` when they are plainly the query's.
    pub fn said(&self) -> Option<String> {
        let offer = self
            .partial
            .as_ref()
            .and(self.suggestion.as_ref())
            .map(|near| format!("did you mean '{}'?", crate::sanitize::sanitize_line(near)));
        let notes: Vec<String> =
            [self.replaced_note(), self.partial_note(), offer].into_iter().flatten().collect();
        (!notes.is_empty()).then(|| notes.join("; "))
    }

    /// What partial results are, in words: "no section has every word; showing sections with
    /// 'alcohol' and 'ketamine'", or `None` when the results hold every word.
    pub fn partial_note(&self) -> Option<String> {
        let held = self.partial.as_ref().filter(|_| !self.hits.is_empty())?;
        let quoted: Vec<String> =
            held.iter().map(|w| format!("'{}'", crate::sanitize::sanitize_line(w))).collect();
        let with = match quoted.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        Some(format!("no section has every word; showing sections with {with}"))
    }
}

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index could not be read.
    #[error("the search index could not be read ({0})")]
    Index(#[from] crate::store::StoreError),
    /// There is no index: the database could not be opened.
    #[error("search needs salve.db, which could not be opened")]
    NoStore,
}

/// Articles whose titles or aliases hold the query's words looked at for the one it names.
const TOPIC_SCAN: usize = 2000;

/// Of those, the articles whose sections are taken as candidates beside BM25's best: the one
/// whose title is the query's words first, then the shortest titles.
const TOPIC_ARTICLES: usize = 4;

/// Sections taken of each: the first ones, where an article says what it is about.
const TOPIC_SECTIONS: u32 = 5;

/// Most words of a query looked for as a topic's name among titles and aliases.
const TOPIC_WORDS: usize = 2;

/// Candidates taken when no section holds every word, to find the ones holding the most.
const PARTIAL_ROWS: usize = 400;

/// Searches the index for `query`; at most `limit` hits, best first.
pub fn search(store: &Store, query: &str, limit: usize) -> Result<Outcome> {
    search_with(store, query, limit, BROAD_ROWS)
}

/// [`search`], also counting every section that matches ([`Outcome::total`]): for a page past
/// the first, when the reader is browsing rather than typing (the count costs a second match).
pub fn search_counted(store: &Store, query: &str, limit: usize) -> Result<Outcome> {
    store.refresh_scope()?;
    store.snapshot(|| search_in(store, query, limit, BROAD_ROWS, true))
}

/// [`search`], with the number of sections past which a query counts as broad.
///
/// Its reads see one state of the index: the walk may re-index an article meanwhile, and a
/// section read after the match must be the one that matched.
pub fn search_with(store: &Store, query: &str, limit: usize, broad: u64) -> Result<Outcome> {
    // The library's articles, brought up to date with the index before the snapshot (whose
    // end undoes its writes).
    store.refresh_scope()?;
    store.snapshot(|| search_in(store, query, limit, broad, false))
}

/// [`search_with`] within one snapshot; with `count`, [`Outcome::total`] too (of the sections
/// the query's own match holds every word in).
fn search_in(store: &Store, query: &str, limit: usize, broad: u64, count: bool) -> Result<Outcome> {
    // The words of a question ("how", "is", "can", "i") need not match.
    let typed = expand::query_words(query);
    let mut words = stopwords::content(typed.clone());
    // Past the limit, the last word kept was followed by others: finished. So is a word a
    // stop word followed ("gout in").
    let last_kept = typed.last() == words.last();
    let typing = last_kept && words.len() <= MAX_WORDS && expand::still_typing(query);
    words.truncate(MAX_WORDS);
    if words.is_empty() || limit == 0 {
        return Ok(Outcome::default());
    }
    let vocabulary = store.vocabulary()?;
    let plan = Plan::new(store, &vocabulary, &words, typing)?;
    let narrow = broad_word(&plan, &vocabulary, broad);
    let fts = plan.fts_query(narrow);
    // A few more candidates than asked for, so the rules can reorder BM25's best.
    let candidates = (limit + limit / 2).max(20);
    let mut rows = store.match_sections(&fts, &rank::WEIGHTS, candidates)?;
    // BM25 had more than the candidates taken: more match than are looked at.
    let unseen = rows.len() >= candidates;
    // No section holds every word: the sections holding the most of them, said so. Not for a
    // last word still too short to stand for the words it starts ("heart attack sy"): the
    // next key makes it one, and the fallback's wide match would cost a frame on every key.
    let unfinished = typing && words.last().is_some_and(|w| w.chars().count() < expand::MIN_PREFIX);
    let partial = rows.is_empty() && plan.groups.len() >= 2 && !unfinished;
    if partial {
        rows = store.match_sections(&plan.fts_query_any(), &rank::WEIGHTS, PARTIAL_ROWS)?;
    } else if !rows.is_empty()
        && plan.groups.len() <= TOPIC_WORDS
        && words.iter().all(|w| w.chars().count() >= expand::MIN_PREFIX)
    {
        // The sections of articles whose titles or aliases hold the words, whatever BM25
        // thinks of their text: an article the query names may say its name less often than
        // articles about something else ("Causes of Diabetes" against "Diabetes"). Only for
        // short queries of whole-looking words: topics are named in a word or two, and this
        // second match costs as much as the first.
        if let Some(named) = plan.named() {
            let named = format!("{{title aliases}} : ({})", named.fts_query(None));
            let mut articles = store.matching_articles(&named, TOPIC_SCAN)?;
            let is_named = |title: &str| stopwords::content(expand::query_words(title)) == words;
            articles.sort_by_cached_key(|(id, title)| (!is_named(title), title.len(), *id));
            for (id, _) in articles.into_iter().take(TOPIC_ARTICLES) {
                for section in 0..TOPIC_SECTIONS {
                    let row = crate::store::section_row(id, section);
                    if !rows.iter().any(|r| r.row == row) {
                        rows.push(crate::store::MatchedRow { row, bm25: 0.0 });
                    }
                }
            }
        }
    }
    if rows.is_empty() {
        let suggestion = offer(store, &vocabulary, &words, typing, broad);
        return Ok(Outcome { hits: Vec::new(), suggestion, ..Outcome::default() });
    }
    let lookup = plan.lookup();
    let ids: Vec<i64> = rows.iter().map(|r| r.row).collect();
    let found = store.sections(&ids)?;
    // The words each column matched, found once per candidate; and the sections where an
    // alias matched: the only ones whose BM25 may count a word twice.
    let mut aliased = Vec::new();
    let mut matched = Vec::with_capacity(found.len());
    for section in &found {
        let mut alias = false;
        let columns =
            [&section.title, &section.aliases, &section.heading, &section.tags, &section.body];
        matched.push(columns.map(|text| {
            let (words, by_alias) = lookup.matches(text);
            alias |= by_alias;
            words
        }));
        if alias {
            aliased.push(section.row);
        }
    }
    let mut base: HashMap<i64, f64> = rows.iter().map(|r| (r.row, r.bm25)).collect();
    // An alias found beside the words it stands for would count twice in BM25: sections that
    // match the words as typed are scored by them alone.
    if !plan.aliases.is_empty() && !aliased.is_empty() {
        // Narrowed as the search was, so these scores count what the others' counted.
        let direct = plan.without_aliases().fts_query(narrow);
        base.extend(store.bm25_of(&direct, &rank::WEIGHTS, &aliased)?);
    }
    let mut scored = Vec::with_capacity(found.len());
    for (found, matched) in found.into_iter().zip(matched) {
        let bm25 = base.get(&found.row).copied().unwrap_or(0.0);
        scored.push(judge(&plan, &words, found, &matched, bm25));
    }
    scored.sort_by(|a, b| rank::order((&a.0, a.1.score), (&b.0, b.1.score)));
    if partial {
        let held = rank::held(&plan, &vocabulary, &mut scored);
        let mut hits = once_each(scored.into_iter().map(|(_, hit)| hit));
        let more = unseen || hits.len() > limit;
        hits.truncate(limit);
        let held = held.into_iter().map(|g| plan.groups[g].word.clone()).collect();
        // A near query may hold every word: offered beside the partial results.
        let suggestion = offer(store, &vocabulary, &words, typing, broad);
        let replaced = plan.replaced();
        return Ok(Outcome { hits, suggestion, replaced, partial: Some(held), more, total: None });
    }
    let mut spread: Vec<((Features, Hit), f64, String)> = scored
        .into_iter()
        .map(|(features, hit)| {
            let article = hit_article(&hit);
            let first = hit.score;
            ((features, hit), first, article)
        })
        .collect();
    rank::spread(&mut spread, |(features, _)| features.length, |(features, _)| features.tier);
    let mut hits = once_each(spread.into_iter().map(|((_, mut hit), score, _)| {
        hit.score = score;
        hit
    }));
    // Every text found, once each, when BM25 had no more to give: the count is theirs.
    let found = hits.len() as u64;
    let more = unseen || hits.len() > limit;
    hits.truncate(limit);
    let total = match (count, unseen) {
        (false, _) => None,
        (true, true) => Some(store.count_sections(&fts)?),
        (true, false) => Some(found),
    };
    Ok(Outcome { hits, suggestion: None, replaced: plan.replaced(), partial: None, more, total })
}

/// `hits` (best first), each text once: a section with the same title, heading and snippet as
/// one before it (a copy of the article in another file) is left out and named in that one's
/// [`Hit::copies`].
fn once_each(hits: impl Iterator<Item = Hit>) -> Vec<Hit> {
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        let same = |k: &&mut Hit| {
            k.title == hit.title && k.heading == hit.heading && k.snippet == hit.snippet
        };
        if let Some(first) = kept.iter_mut().find(same) {
            first.copies.push(CopyAt { path: hit.path, bundled: hit.bundled });
        } else {
            kept.push(hit);
        }
    }
    kept
}

/// "Did you mean": the query with its unknown words replaced by the nearest known ones, only
/// when some section holds every word of it.
fn offer(
    store: &Store,
    vocabulary: &crate::store::Vocabulary,
    words: &[String],
    typing: bool,
    broad: u64,
) -> Option<String> {
    expand::suggestion(vocabulary, words, typing).filter(|near| {
        let words = stopwords::content(expand::query_words(near));
        Plan::new(store, vocabulary, &words, false).is_ok_and(|plan| {
            let fts = plan.fts_query(broad_word(&plan, vocabulary, broad));
            store.match_sections(&fts, &rank::WEIGHTS, 1).is_ok_and(|r| !r.is_empty())
        })
    })
}

/// What tells a hit's article apart from others: its file or bundled name.
fn hit_article(hit: &Hit) -> String {
    match (&hit.path, &hit.bundled) {
        (Some(path), _) => path.display().to_string(),
        (None, bundled) => bundled.clone().unwrap_or_default(),
    }
}

/// The word to narrow a broad query by: the one most often in titles, headings and aliases
/// least, when every word is in more than `broad` sections; `None` otherwise.
fn broad_word(plan: &Plan, vocabulary: &Vocabulary, broad: u64) -> Option<usize> {
    let count = |terms: &[(String, Fit)], heads: bool| -> u64 {
        let counts = terms.iter().filter_map(|(t, _)| vocabulary.get(t));
        counts.map(|t| u64::from(if heads { t.heads } else { t.docs })).sum()
    };
    let fewest = plan.groups.iter().map(|g| count(&g.terms, false)).min()?;
    (fewest > broad)
        .then(|| (0..plan.groups.len()).min_by_key(|&g| count(&plan.groups[g].terms, true)))
        .flatten()
}

/// Scores one candidate and makes its hit, from the words `matched` in each of its columns
/// (title, aliases, heading, tags, text).
fn judge(
    plan: &Plan,
    words: &[String],
    found: FoundSection,
    matched: &[Vec<WordMatch>; 5],
    bm25: f64,
) -> (Features, Hit) {
    let mut places = vec![Place::default(); plan.groups.len()];
    for (column, words) in matched.iter().enumerate() {
        for m in words {
            for g in m.words.clone() {
                let place = &mut places[g];
                match column {
                    0 => place.title = true,
                    1 => place.alias = true,
                    2 => place.heading = true,
                    3 => place.tag = true,
                    _ => place.text = true,
                }
                place.fit = place.fit.max(Some(m.fit));
            }
        }
    }
    let body = &matched[4];
    // Closeness counts for the words found in the text.
    let in_text: u64 = (0..places.len()).fold(0, |mask, g| mask | 1 << g);
    let in_text = body.iter().flat_map(|m| m.words.clone()).fold(0, |b, g| b | 1 << g) & in_text;
    let (span, first) = shortest_span(body, in_text);
    let names: Vec<Vec<String>> = std::iter::once(found.title.as_str())
        .chain(found.aliases.lines())
        .map(|name| stopwords::content(expand::query_words(name)))
        .collect();
    let in_heading: Vec<bool> = places.iter().map(|p| p.heading).collect();
    let folded_heading = tokens::fold(&found.heading);
    let overview = found.heading == crate::article::INTRODUCTION
        || found.heading == crate::article::UNTITLED
        || folded_heading.starts_with("what is")
        || folded_heading == tokens::fold(&found.title);
    let features = Features {
        bm25,
        span: (in_text.count_ones() >= 2).then_some(span).flatten(),
        length: found.body.len(),
        words: places.clone(),
        tier: rank::topic_tier(&names, words, &in_heading, overview),
    };
    let score = rank::score(&features);
    // A word standing for two query words is one mark.
    let mut marks: Vec<Range<usize>> = body.iter().map(|m| m.range.clone()).collect();
    marks.dedup();
    let first = marks.partition_point(|m| m.start < body.get(first).map_or(0, |m| m.range.start));
    let (snippet, marks) = snippet::snippet(&found.body, &marks, first);
    let heading = found.heading;
    let placeholder =
        heading == crate::article::INTRODUCTION || heading == crate::article::UNTITLED;
    let offset = match (matched[2].first(), body.first()) {
        (Some(m), _) if !placeholder => m.range.start,
        (_, Some(m)) => snippet::section_offset(
            &found.body,
            m.range.start,
            if placeholder { 0 } else { heading.len() },
        ),
        _ => 0,
    };
    let mut words: Vec<String> = matched[2]
        .iter()
        .filter_map(|m| heading.get(m.range.clone()))
        .chain(body.iter().filter_map(|m| found.body.get(m.range.clone())))
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    let hit = Hit {
        article_key: found.key,
        path: found.path,
        bundled: found.bundled,
        title: found.title,
        section: found.section,
        anchor: found.anchor,
        heading,
        snippet,
        marks,
        kind: kind(&places),
        score,
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
        words,
        copies: Vec::new(),
    };
    (features, hit)
}

/// Where the query matched, from where each word did.
fn kind(places: &[Place]) -> MatchKind {
    if places.iter().any(|p| p.fit == Some(Fit::Fuzzy)) {
        MatchKind::Fuzzy
    } else if places
        .iter()
        .any(|p| p.fit == Some(Fit::Alias) || (p.alias && !p.title && !p.heading && !p.text))
    {
        MatchKind::Alias
    } else if places.iter().any(|p| !p.title && !p.heading && !p.text) {
        // Found only through the article's tags.
        MatchKind::Text
    } else if places.iter().all(|p| p.title) {
        MatchKind::Title
    } else if places.iter().all(|p| p.title || p.heading) {
        MatchKind::Heading
    } else {
        MatchKind::Text
    }
}

/// The shortest stretch of `body` holding a match of every query word in `need` (a bit per
/// word): its length in bytes and the index of its first match. With no such stretch, `None`
/// and the first match.
fn shortest_span(body: &[WordMatch], need: u64) -> (Option<usize>, usize) {
    let bits: Vec<u64> =
        body.iter().map(|m| m.words.clone().fold(0, |b, g| b | 1 << g) & need).collect();
    let mut best: Option<(usize, usize)> = None;
    if need != 0 {
        for start in 0..body.len() {
            if bits[start] == 0 {
                continue;
            }
            let mut have = 0;
            for end in start..body.len() {
                have |= bits[end];
                let len = body[end].range.end.saturating_sub(body[start].range.start);
                if best.is_some_and(|(b, _)| len >= b) {
                    break;
                }
                if have == need {
                    best = Some((len, start));
                    break;
                }
            }
        }
    }
    match best {
        Some((len, start)) => (Some(len), start),
        None => (None, 0),
    }
}

#[cfg(test)]
mod tests;
