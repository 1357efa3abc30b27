//! What the benchmarks share: a small vocabulary and a deterministic generator, so every run
//! builds the same articles, and the largest MedQuAD article when the corpus is there.

use salve::action::Action;
use salve::app::{App, Msg, Options};
use salve::article::Article;
use salve::library::Entry;
use std::path::{Path, PathBuf};

/// The terminal the benchmarks draw into; its text column is 80 wide.
#[allow(dead_code, reason = "only the benchmarks that open an article use it")]
pub const SCREEN: (u16, u16) = (120, 40);

/// An app reading `article`, sized to [`SCREEN`], so laid out once (`App::new` lays nothing
/// out; the first resize does).
#[allow(dead_code, reason = "only the benchmarks that open an article use it")]
pub fn open_app(article: Article) -> App {
    let entries = vec![Entry::from_article(&article, &[])];
    let mut app = App::new(Options { standalone: true, ..Options::listing(entries) });
    app.update(Action::Resize(SCREEN.0, SCREEN.1));
    app.update(Msg::Opened { entry: 0, article: Ok(Box::new(article)), size: None });
    app
}

/// Words the generated articles are made of: short and long, plain and punctuated, two with
/// non-ASCII letters and one entity.
pub const VOCABULARY: &[&str] = &[
    "ketamine",
    "dose",
    "the",
    "of",
    "and",
    "patients",
    "anaesthesia",
    "may",
    "cause",
    "in",
    "blood",
    "pressure",
    "is",
    "a",
    "treatment",
    "for",
    "depression",
    "with",
    "effects",
    "to",
    "doctor",
    "hospital",
    "children",
    "risk",
    "symptoms",
    "heart",
    "mg/kg",
    "(see",
    "below)",
    "medicine,",
    "used",
    "pain.",
    "日本語",
    "café",
    "long-term",
    "side",
    "effects.",
    "be",
    "&amp;",
];

/// A tiny deterministic generator (a linear congruential one).
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n`.
    pub fn next(&mut self, n: usize) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    /// A word of [`VOCABULARY`].
    pub fn word(&mut self) -> &'static str {
        VOCABULARY[self.next(VOCABULARY.len())]
    }

    /// `count` words separated by spaces, appended to `out`.
    pub fn words_into(&mut self, out: &mut String, count: usize) {
        for i in 0..count {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.word());
        }
    }
}

/// The largest Markdown file of the `MedQuAD` corpus, if the corpus is there.
pub fn largest_medquad() -> Option<(PathBuf, String)> {
    fn walk(dir: &Path, best: &mut Option<(u64, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, best);
            } else if path.extension().is_some_and(|e| e == "md")
                && let Ok(meta) = entry.metadata()
                && best.as_ref().is_none_or(|(size, _)| meta.len() > *size)
            {
                *best = Some((meta.len(), path));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/medquad");
    let mut best = None;
    walk(&root, &mut best);
    let (_, path) = best?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}
