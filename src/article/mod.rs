//! Articles: the model, and turning Markdown, plain text or a saved web page (HTML) into it,
//! parsed once.
//!
//! No drawing types live here. [`parse_str`] never fails: problems with one article (bad front
//! matter, say) become [`Article::problems`] and the body still reads.

pub mod date;
pub mod frontmatter;
pub mod html;
mod inline;
pub mod key;
pub mod markdown;
mod model;
pub mod plaintext;
pub mod stream;
pub mod write;

pub use date::{Date, DateKind, Dated};
pub use key::Key;
pub use model::*;

use crate::sanitize::sanitize_line;

/// How an article's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables, strikethrough, task lists, footnotes and YAML front matter.
    Markdown,
    /// Plain text saved from the web: headings are recognised by shape.
    PlainText,
    /// A web page as a browser saves it: the article is found in it.
    Html,
}

impl Format {
    /// The format for a file name by its extension: `.txt` is plain text, `.html` and `.htm`
    /// a web page, anything else Markdown.
    pub fn for_name(name: &str) -> Self {
        let ext = std::path::Path::new(name).extension().map(std::ffi::OsStr::to_ascii_lowercase);
        match ext.as_ref().and_then(|e| e.to_str()) {
            Some("txt") => Self::PlainText,
            Some("html" | "htm") => Self::Html,
            _ => Self::Markdown,
        }
    }
}

/// What a body parser hands back: sections without anchors, plus raw front matter if any.
#[derive(Debug, Default)]
pub struct Body {
    /// The YAML front matter text, without its `---` fences.
    pub front_matter: Option<String>,
    /// Sections in order; anchors are filled in by [`parse_str`].
    pub sections: Vec<Section>,
    /// A web page's metadata.
    pub page: Option<html::PageMeta>,
    /// Problems the body parser found (no article in a page...).
    pub problems: Vec<String>,
}

/// Parses one article from text. `file_name` gives the id and the last-resort title.
pub fn parse_str(file_name: &str, origin: Origin, format: Format, text: &str) -> Article {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = match format {
        Format::Markdown => markdown::parse(text),
        Format::PlainText => plaintext::parse(text),
        Format::Html => html::parse(text),
    };
    let mut problems = body.problems;
    let front = front_matter(body.front_matter.as_deref(), &mut problems);
    let mut sections = body.sections;
    assign_anchors(&mut sections);
    let first_h1 = sections.iter().find(|s| s.level == 1).map(|s| s.title.as_str());
    let meta = meta_of(&front, first_h1, file_name, body.page, &mut problems);
    let key = Key::new(identity(front.id.as_deref(), &meta.title, text.as_bytes()));
    Article { id: slugify(file_stem(file_name)), key, meta, origin, sections, problems }
}

/// The front matter read from its YAML, or none with a note saying why.
pub(crate) fn front_matter(
    yaml: Option<&str>,
    problems: &mut Vec<String>,
) -> frontmatter::FrontMatter {
    match yaml.map(frontmatter::parse) {
        Some(Ok(front)) => front,
        Some(Err(message)) => {
            problems.push(format!("front matter ignored: {message}"));
            frontmatter::FrontMatter::default()
        }
        None => frontmatter::FrontMatter::default(),
    }
}

/// The metadata: front matter first, then a web page's own; the title falls back to the
/// first level-1 heading, then to the file name. A front matter date that is not one is a
/// note.
pub(crate) fn meta_of(
    front: &frontmatter::FrontMatter,
    first_h1: Option<&str>,
    file_name: &str,
    page: Option<html::PageMeta>,
    problems: &mut Vec<String>,
) -> Meta {
    let page = page.unwrap_or_default();
    let date = front_date(front, problems).or(page.date);
    let title = front
        .title
        .clone()
        .or(page.title)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| first_h1.map(str::to_string))
        .unwrap_or_else(|| file_stem(file_name).to_string());
    let line = |s: Option<String>| {
        s.map(|s| sanitize_line(s.trim()).into_owned()).filter(|s| !s.is_empty())
    };
    Meta {
        title: sanitize_line(title.trim()).into_owned(),
        summary: line(front.summary.clone()),
        tags: front.tags.iter().map(|t| sanitize_line(t.trim()).into_owned()).collect(),
        aliases: front.aliases.iter().map(|t| sanitize_line(t.trim()).into_owned()).collect(),
        source: line(front.source.clone()),
        byline: line(front.byline.clone().or(page.byline)),
        site: line(front.site.clone().or(page.site)),
        date,
        address: line(page.address),
        loaded_on: None,
    }
}

/// Front matter `reviewed`, else `date`; one that is not a date is a note.
fn front_date(front: &frontmatter::FrontMatter, problems: &mut Vec<String>) -> Option<Dated> {
    let given =
        [(&front.reviewed, DateKind::Reviewed, "reviewed"), (&front.date, DateKind::Dated, "date")];
    for (text, kind, field) in given {
        let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        match Date::parse(text) {
            Some(date) => return Some(Dated { date, kind }),
            None => problems.push(format!(
                "front matter {field} '{}' is not a date: write it as 2024-05-31",
                sanitize_line(text)
            )),
        }
    }
    None
}

/// The identity reading state is saved under.
///
/// Front matter `id` when the author gave one (`id:...`). Otherwise the normalized title and a
/// fingerprint of the whole text (`t:title words#fingerprint`): moving or renaming the file
/// keeps it, two articles with the same title in different folders differ by their text, and
/// an edit changes it, after which the library re-attaches the saved state by title (see
/// [`title_key`]) when exactly one article of that title lost its state.
pub fn identity(front_id: Option<&str>, title: &str, text: &[u8]) -> String {
    identity_of(front_id, title, || fingerprint(text))
}

/// [`identity`] with the fingerprint of the text worked out by `fingerprint` (when needed).
pub fn identity_of(
    front_id: Option<&str>,
    title: &str,
    fingerprint: impl FnOnce() -> u64,
) -> String {
    match front_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => format!("id:{}", sanitize_line(id)),
        None => format!("t:{}#{:016x}", title_key(title), fingerprint()),
    }
}

/// A title folded for comparison: lowercase words of letters and digits, one space apart.
pub fn title_key(title: &str) -> String {
    if title.is_ascii() {
        // The common case, byte by byte (start-up folds 100,000 titles).
        let mut key = Vec::with_capacity(title.len());
        for &b in title.as_bytes() {
            if b.is_ascii_alphanumeric() {
                key.push(b.to_ascii_lowercase());
            } else if key.last().is_some_and(|&l| l != b' ') {
                key.push(b' ');
            }
        }
        if key.last() == Some(&b' ') {
            key.pop();
        }
        return String::from_utf8(key).unwrap_or_default();
    }
    let mut key = String::with_capacity(title.len());
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A 64-bit FNV-1a hash of `bytes`: stable across platforms and Rust versions (the standard
/// library's hasher is not), which saved identities need.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash = Fingerprint::default();
    hash.update(bytes);
    hash.value()
}

/// [`fingerprint`] fed piece by piece, for text read in pieces.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    /// Adds the next bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The hash of everything added so far.
    pub fn value(self) -> u64 {
        self.0
    }
}

/// The file name without directories and extension.
pub(crate) fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    }
}

/// Gives every section an anchor unique within the article: a slug of its title, with `-2`,
/// `-3`... appended to repeats. The untitled lead section is `top`.
pub fn assign_anchors(sections: &mut [Section]) {
    Anchors::default().assign(sections);
}

/// The anchors given so far, so sections arriving in batches get the anchors the whole
/// article would.
#[derive(Debug, Default)]
pub struct Anchors {
    seen: std::collections::HashSet<String>,
    /// The next suffix to try per base, so 30,000 equal headings stay linear.
    next: std::collections::HashMap<String, u32>,
}

impl Anchors {
    /// Gives `sections`, which come after every section given anchors so far, theirs.
    pub fn assign(&mut self, sections: &mut [Section]) {
        for section in sections {
            let base = if section.level == 0 { "top".to_string() } else { slugify(&section.title) };
            let base = if base.is_empty() { "section".to_string() } else { base };
            let mut anchor = base.clone();
            let n = self.next.entry(base.clone()).or_insert(2u32);
            while !self.seen.insert(anchor.clone()) {
                anchor = format!("{base}-{n}");
                *n += 1;
            }
            section.anchor = anchor;
        }
    }
}

/// Lowercase letters and digits, other runs of characters folded to one `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str) -> Section {
        Section { title: title.into(), level: 2, anchor: String::new(), blocks: vec![] }
    }

    #[test]
    fn a_front_matter_date_that_is_not_one_is_a_note_naming_its_field() {
        let text = "---\ntitle: T\nreviewed: 2019-13\ndate: someday\n---\n\nText.\n";
        let article = parse_str("t.md", Origin::Bundled("t.md"), Format::Markdown, text);
        assert_eq!(
            article.problems,
            [
                "front matter reviewed '2019-13' is not a date: write it as 2024-05-31",
                "front matter date 'someday' is not a date: write it as 2024-05-31",
            ]
        );
        assert_eq!(article.meta.date, None);
    }

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let mut s = vec![
            section("Effects of Ketamine"),
            section("Effects of Ketamine"),
            section("Effects of Ketamine"),
        ];
        assign_anchors(&mut s);
        let anchors: Vec<_> = s.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["effects-of-ketamine", "effects-of-ketamine-2", "effects-of-ketamine-3"]
        );
    }

    #[test]
    fn anchors_stay_unique_when_a_title_looks_like_a_suffix() {
        let mut s = vec![section("Dose"), section("Dose 2"), section("Dose"), section("Dose")];
        assign_anchors(&mut s);
        let anchors: Vec<_> = s.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["dose", "dose-2", "dose-3", "dose-4"]);
    }

    #[test]
    fn many_equal_headings_are_quick() {
        let mut s = vec![section("Dose"); 30_000];
        assign_anchors(&mut s);
        assert_eq!(s[29_999].anchor, "dose-30000");
    }

    #[test]
    fn identity_follows_the_text_not_the_file_and_an_id_wins() {
        let a = parse_str("a.md", Origin::Bundled("a.md"), Format::Markdown, "# Sleep\n\nRest.");
        let moved =
            parse_str("b/c.md", Origin::Bundled("c.md"), Format::Markdown, "# Sleep\n\nRest.");
        let edited =
            parse_str("a.md", Origin::Bundled("a.md"), Format::Markdown, "# Sleep\n\nRest!");
        assert_eq!(a.key, moved.key, "renaming or moving keeps the identity");
        assert_ne!(a.key, edited.key, "an edit changes the fingerprint");
        assert!(a.key.starts_with("t:sleep#"), "{}", a.key);
        let pinned = "---\nid: sleep-guide\n---\n# Sleep\n";
        let with_id = parse_str("x.md", Origin::Bundled("x.md"), Format::Markdown, pinned);
        assert_eq!(with_id.key, "id:sleep-guide");
        assert_eq!(title_key("  Ketamine: Side-Effects & Risks "), "ketamine side effects risks");
    }

    #[test]
    fn slug_folds_punctuation() {
        assert_eq!(slugify("What Is Ketamine & How?"), "what-is-ketamine-how");
        assert_eq!(file_stem("dir/003_abc.txt"), "003_abc");
    }
}
