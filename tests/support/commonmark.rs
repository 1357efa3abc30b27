//! The CommonMark 0.31.2 examples (`tests/fixtures/commonmark/`) and what a browser would show
//! of their reference HTML, for the tests that run every example through salve.

/// Examples whose visible reference text legitimately does not reach the model, with why.
pub const EXCLUDED: &[(u64, &str)] = &[
    // `---` on the first line opens YAML front matter, which salve enables: `Foo` is metadata.
    (96, "front matter"),
];

/// One example of the specification.
#[derive(serde::Deserialize)]
pub struct Example {
    /// The example's number in the specification.
    #[serde(rename = "example")]
    pub number: u64,
    /// The Markdown source.
    pub markdown: String,
    /// What the reference renderer makes of it.
    pub html: String,
}

/// All 655 examples of the specification, in order.
pub fn examples() -> Vec<Example> {
    let json = include_str!("../fixtures/commonmark/spec-0.31.2.json");
    match serde_json::from_str(json) {
        Ok(examples) => examples,
        Err(e) => panic!("fixture does not parse: {e}"),
    }
}

/// The text a browser would show for the reference HTML: tags, comments and `<script>`/
/// `<style>` bodies removed, the entities the reference renderer writes decoded.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let entity = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"')]
                .into_iter()
                .find(|(name, _)| rest.starts_with(name));
            if let Some((name, c)) = entity {
                out.push(c);
                rest = &rest[name.len()..];
            } else {
                out.push('&');
                rest = &rest[1..];
            }
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if rest.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("<script"))
            || rest.get(..6).is_some_and(|s| s.eq_ignore_ascii_case("<style"))
        {
            let lower = rest.to_ascii_lowercase();
            let end = ["</script>", "</style>"]
                .into_iter()
                .filter_map(|close| lower.find(close).map(|i| i + close.len()))
                .min();
            rest = end.map_or("", |end| &rest[end..]);
        } else if let Some(instruction) = rest.strip_prefix("<?") {
            rest = instruction.find("?>").map_or("", |end| &instruction[end + 2..]);
        } else {
            let end = tag_end(rest);
            // A `<` that opens no tag (`a < b` inside raw HTML) is text.
            if rest[1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
            {
                rest = &rest[end..];
            } else {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte length of the tag at the start of `s`, quoted `>` skipped.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}
