//! YAML front matter: `title`, `summary`, `tags`, `aliases`, `source`, `id`, `byline`, `site`,
//! `reviewed`, `date`.
//!
//! Front matter is untrusted input, so it is read with tight parsing budgets (an alias bomb
//! fails fast instead of expanding) and every problem becomes a one-line message for the
//! article's problems rather than an error that stops the article from loading.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// Most aliases (`*name`) front matter may use; real articles use none.
const MAX_ALIASES: usize = 64;

/// Most YAML nodes in front matter: a few fields and some tags need a few dozen.
const MAX_NODES: usize = 10_000;

/// Longest error message kept, in characters, so a note stays one readable line.
const MAX_MESSAGE: usize = 200;

/// The front matter fields salve reads; unknown fields are ignored.
#[derive(Debug, Default, Clone, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    /// Article title.
    pub title: Option<String>,
    /// One-paragraph summary.
    pub summary: Option<String>,
    /// Topic tags (`tags: [a, b]`, or `tags: a` for one).
    #[serde(deserialize_with = "tags")]
    pub tags: Vec<String>,
    /// Other names of the topic (`aliases: [PTSD]`), found by the library filter and search.
    #[serde(deserialize_with = "tags")]
    pub aliases: Vec<String>,
    /// Where the text came from.
    pub source: Option<String>,
    /// A stable identity chosen by the author: reading state follows it through any edit.
    pub id: Option<String>,
    /// Who wrote it.
    #[serde(deserialize_with = "scalar")]
    pub byline: Option<String>,
    /// The site it was published on.
    pub site: Option<String>,
    /// When a reviewer last checked it (`2019-03-04`).
    #[serde(deserialize_with = "scalar")]
    pub reviewed: Option<String>,
    /// When it was written or published.
    #[serde(deserialize_with = "scalar")]
    pub date: Option<String>,
}

/// Front matter that could not be read (not YAML, not a mapping, over a parse budget): the
/// parser's message on one short line, sanitized, for the article's problems.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FrontMatterError(String);

/// Parses front matter.
pub fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    let mut options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_nodes: MAX_NODES,
            max_events: MAX_NODES * 4,
            max_documents: 1,
        },
        with_snippet: false,
    };
    options.alias_limits.max_total_replayed_events = MAX_NODES;
    // An empty or comment-only block is a document with no value: no fields set.
    serde_saphyr::from_str_with_options::<Option<FrontMatter>>(yaml, options)
        .map(Option::unwrap_or_default)
        .map_err(|e| FrontMatterError(one_line(&e.to_string())))
}

/// Folds a possibly multi-line library message into one short line starting lowercase.
fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE));
    for word in message.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > MAX_MESSAGE {
        out = out.chars().take(MAX_MESSAGE).collect::<String>() + "…";
    }
    let mut chars = out.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    let lowered = first + chars.as_str();
    crate::sanitize::sanitize_line(&lowered).into_owned()
}

/// Reads a date or name as text whatever YAML made of it (`date: 2019` is a number).
fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

/// Accepts a string, a number or nothing, as text.
struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date or a name")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_string()))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(n.to_string()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(n.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
        inner.deserialize_any(self)
    }
}

/// Reads `tags` as a list of strings or a single string (one tag); null means none.
fn tags<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(TagsVisitor)
}

/// Accepts the shapes `tags` may take, rejecting anything else with a message that names it.
struct TagsVisitor;

impl<'de> Visitor<'de> for TagsVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a tag or a list of tags")
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<Self::Value, E> {
        Ok(vec![tag.to_string()])
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
        inner.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut tags = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(tag) = seq.next_element::<String>()? {
            tags.push(tag);
        }
        Ok(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// The message for front matter that must be rejected.
    fn error(yaml: &str) -> String {
        match parse(yaml) {
            Err(message) => message.to_string(),
            Ok(front) => panic!("accepted {yaml:?} as {front:?}"),
        }
    }

    #[test]
    fn valid_front_matter() {
        let yaml = "title: Ketamine\nsummary: What it does.\ntags: [drugs, anaesthesia]\n\
                    source: saved web copy\nauthor: ignored\naliases: [special K]\nid: k1\n";
        let front = parse(yaml);
        assert_eq!(
            front,
            Ok(FrontMatter {
                title: Some("Ketamine".into()),
                summary: Some("What it does.".into()),
                tags: vec!["drugs".into(), "anaesthesia".into()],
                aliases: vec!["special K".into()],
                source: Some("saved web copy".into()),
                id: Some("k1".into()),
                ..FrontMatter::default()
            })
        );
    }

    #[test]
    fn dates_and_bylines_are_read_as_text() {
        let front = parse("reviewed: 2019-03-04\ndate: 2017\nbyline: Dr. A. Doe\nsite: NHS\n");
        let front = front.unwrap_or_default();
        assert_eq!(front.reviewed.as_deref(), Some("2019-03-04"));
        assert_eq!(front.date.as_deref(), Some("2017"));
        assert_eq!(front.byline.as_deref(), Some("Dr. A. Doe"));
        assert_eq!(front.site.as_deref(), Some("NHS"));
        assert_eq!(parse("date:\n").map(|f| f.date), Ok(None));
    }

    #[test]
    fn missing_fields_default() {
        assert_eq!(
            parse("title: Only\n"),
            Ok(FrontMatter { title: Some("Only".into()), ..FrontMatter::default() })
        );
    }

    #[test]
    fn single_string_tag_is_one_tag() {
        assert_eq!(parse("tags: ketamine").map(|f| f.tags), Ok(vec!["ketamine".into()]));
        assert_eq!(parse("tags: a, b").map(|f| f.tags), Ok(vec!["a, b".into()]));
        assert_eq!(
            parse("tags:\n  - a\n  - b\n").map(|f| f.tags),
            Ok(vec!["a".into(), "b".into()])
        );
        assert_eq!(parse("tags:\n").map(|f| f.tags), Ok(vec![]));
    }

    #[test]
    fn wrong_type_is_a_one_line_message_quoting_it() {
        let message = error("title: T\ntags: 42\n");
        assert!(!message.contains('\n'), "{message}");
        assert!(message.contains("42"), "{message}");
        assert!(message.starts_with(|c: char| !c.is_uppercase()), "{message}");
        let message = error("title: [a, b]\n");
        assert!(message.contains("title") || message.contains("string"), "{message}");
    }

    #[test]
    fn broken_yaml_is_an_error() {
        let message = error("title: \"unclosed\ntags: [a\n");
        assert!(!message.is_empty() && !message.contains('\n'), "{message}");
        assert!(parse("- just\n- a list\n").is_err());
    }

    #[test]
    fn empty_front_matter_is_default() {
        assert_eq!(parse(""), Ok(FrontMatter::default()));
        assert_eq!(parse("  \n# only a comment\n"), Ok(FrontMatter::default()));
    }

    #[test]
    fn alias_bomb_is_rejected_quickly() {
        let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let prev = i - 1;
            let _ = writeln!(
                yaml,
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]"
            );
        }
        yaml.push_str("tags: *a9\n");
        // Expanded, this is 9 * 6^9 (90 million) strings; the parse budget refuses it.
        assert!(parse(&yaml).is_err());
    }
}
