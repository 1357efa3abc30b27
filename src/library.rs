//! The library: the bundled articles plus those found on disk, and the notes about files that
//! could not be read.

use crate::article::{self, Article, Format, Origin};

/// The articles embedded in the binary, as (file name, text).
pub const BUNDLED: &[(&str, &str)] = &[
    ("ketamine-and-the-brain.md", include_str!("../articles/ketamine-and-the-brain.md")),
    (
        "ketamine-for-depression-guide.md",
        include_str!("../articles/ketamine-for-depression-guide.md"),
    ),
    (
        "ketamine-depression-anxiety-ptsd.md",
        include_str!("../articles/ketamine-depression-anxiety-ptsd.md"),
    ),
    ("ketamine-side-effects.md", include_str!("../articles/ketamine-side-effects.md")),
];

/// A set of articles and what went wrong finding them.
#[derive(Debug, Default, Clone)]
pub struct Library {
    /// The articles, in listing order.
    pub articles: Vec<Article>,
    /// One message per file that was skipped or read with problems.
    pub notes: Vec<String>,
}

/// The bundled articles, parsed.
pub fn bundled() -> Library {
    let articles = BUNDLED
        .iter()
        .map(|(name, text)| {
            article::parse_str(name, Origin::Bundled(name), Format::for_name(name), text)
        })
        .collect();
    Library { articles, notes: Vec::new() }
}
