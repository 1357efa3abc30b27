//! The header card above the article: title, a line of facts (source, tags, reading time,
//! words), the progress placeholder the reader fills in, and the not-medical-advice note.
//!
//! Card lines sit at position (0, 0): they are not article text.

use super::words::feed_text;
use super::wrap::{Filler, Prefix, Sink};
use super::{Kind, Seg, Style};
use crate::article::{Article, Inline};

/// Cells the progress placeholder takes: room for the widest value, `100% read`.
pub const PROGRESS_WIDTH: usize = 9;

/// The placeholder text for the progress segment, before the reader fills it in.
pub const PROGRESS_PLACEHOLDER: &str = "0% read";

/// The one-line note on every card.
pub const NOTE: &str = "Health information, not medical advice.";

/// Lays out the card, ending with a blank line. `words` is the article's word count (the body
/// layout counts it on the way, which saves a pass over the whole text).
pub fn card(sink: &mut Sink, article: &Article, words: usize, width: usize) {
    let meta = &article.meta;
    wrapped(sink, &meta.title, Kind::CardTitle, width);
    let mut facts: Vec<String> = Vec::with_capacity(4);
    facts.extend(meta.source.iter().filter(|s| !s.is_empty()).cloned());
    if !meta.tags.is_empty() {
        facts.push(meta.tags.join(", "));
    }
    facts.push(format!("{} min read", crate::article::minutes_for(words)));
    facts.push(format!("{} {}", grouped(words), if words == 1 { "word" } else { "words" }));
    wrapped(sink, &facts.join(" · "), Kind::CardMeta, width);
    let progress: String =
        format!("{PROGRESS_PLACEHOLDER:<PROGRESS_WIDTH$}").chars().take(width).collect();
    let style = Style { kind: Kind::Progress, inline: Inline::PLAIN };
    sink.push(vec![Seg { text: progress, style }], None, None);
    wrapped(sink, NOTE, Kind::CardNote, width);
    sink.push(Vec::new(), None, None);
}

/// The section whose heading the card title stands for: a first section that is a level-1
/// heading repeating the article title (as every `# Title` under front matter does). The
/// layout does not draw that heading, and the status line does not repeat it.
pub fn title_section(article: &Article) -> Option<usize> {
    let first = article.sections.first()?;
    let same = first.title.trim().eq_ignore_ascii_case(article.meta.title.trim());
    (first.level == 1 && same).then_some(0)
}

/// Wraps one card field in `kind`.
fn wrapped(sink: &mut Sink, text: &str, kind: Kind, width: usize) {
    let mut filler = Filler::new(sink, 0, width, Prefix::default(), Prefix::default());
    feed_text(text, Style { kind, inline: Inline::PLAIN }, None, &mut filler);
    filler.finish();
}

/// A count with thousands separators (`12,345`).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
