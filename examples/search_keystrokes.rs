//! Times `search::search` for every keystroke of a set of queries over a kept library, as the
//! search pane asks (40 results), and prints p50, p95 and the slowest: for comparing two
//! builds side by side on one machine (run each in turn, several times, interleaved).
//!
//!     cargo run --release --example search_keystrokes -- DATA_DIR LIBRARY_FOLDER [ROUNDS]
//!
//! `LIMIT=N` asks for N results instead of the pane's 40. DATA_DIR is a salve data folder whose `salve.db` indexes LIBRARY_FOLDER (for instance the
//! 100,000-article one `benches/first_frame.py library --keep` leaves: `/tmp/sb/100k-warm`
//! and `/tmp/sb/big`).

use salve::store::{Scope, Store};
use std::path::PathBuf;
use std::time::Instant;

/// The queries, each typed a key at a time.
const QUERIES: &[&str] = &[
    "side effects",
    "myocardial infarction",
    "trmnt",
    "diabetes",
    "gout",
    "dia",
    "hea",
    "heart attack",
    "high blood pressure",
    "ptsd treatment",
    "breast cancer symptoms",
    "migraine",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(data), Some(folder)) = (args.next(), args.next()) else {
        return Err("usage: search_keystrokes DATA_DIR LIBRARY_FOLDER [ROUNDS]".into());
    };
    let rounds: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let limit: usize = std::env::var("LIMIT").map_or(Ok(salve::app::ASKED), |l| l.parse())?;
    let opened = Store::open(std::path::Path::new(&data));
    let store = opened.store.ok_or("no salve.db there")?;
    let folders = vec![PathBuf::from(folder)];
    store.set_scope(Some(Scope { folders, files: Vec::new(), bundled: true }));
    let typed: Vec<&str> = QUERIES
        .iter()
        .flat_map(|q| q.char_indices().skip(1).map(|(i, _)| &q[..i]).chain([*q]))
        .collect();
    let mut times = Vec::new();
    for _ in 0..rounds {
        for query in &typed {
            let start = Instant::now();
            salve::search::search(&store, query, limit)?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    let slowest = times.last().copied().unwrap_or_default();
    println!(
        "{} keystrokes: p50 {:.2} ms, p95 {:.2} ms, max {slowest:.2} ms",
        times.len(),
        at(50),
        at(95)
    );
    Ok(())
}
