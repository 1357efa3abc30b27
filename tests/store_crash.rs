//! Killing salve mid-save never damages its database or loses what it acknowledged.
//!
//! The child is this test binary itself, running the ignored [`crash_child`] test: it saves in
//! a loop and prints each counter once committed. The parent kills it with SIGKILL at
//! pseudo-random moments (including while it opens or creates the file), then opens the
//! database as salve would and checks it is sound and holds the last acknowledged state or the
//! one after it.
#![cfg(unix)]

use salve::store::{Bookmark, Progress, Store};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Set to the data directory when this binary runs as the child.
const CHILD_ENV: &str = "SALVE_CRASH_CHILD";

/// How many times the child is killed.
const KILLS: usize = 200;

/// The article whose progress counts.
const ARTICLE: &str = "counter";

fn progress(i: u32) -> Progress {
    Progress {
        article: ARTICLE.to_owned(),
        title_key: "counter".to_owned(),
        anchor: "top".to_owned(),
        section: 0,
        offset: i,
        percent: 50,
        read_at: i64::from(i),
    }
}

fn bookmark(i: u32) -> Bookmark {
    Bookmark {
        id: format!("{i:010}"),
        article: ARTICLE.to_owned(),
        title_key: "counter".to_owned(),
        article_title: "Counter".to_owned(),
        section_title: "Top".to_owned(),
        anchor: "top".to_owned(),
        section: 0,
        offset: i,
        label: format!("mark {i}"),
        excerpt: "the first words".to_owned(),
        created_at: i64::from(i),
    }
}

/// What the database holds: the progress counter and the bookmarks' counters, newest first.
fn state(store: &Store) -> (u32, Vec<u32>) {
    let counter = store
        .load_progress()
        .expect("progress loads")
        .iter()
        .find(|p| p.article == ARTICLE)
        .map_or(0, |p| p.offset);
    (counter, store.bookmarks().expect("bookmarks load").iter().map(|b| b.offset).collect())
}

/// The child: for i = 1, 2, ... it saves progress i, adds bookmark i, deletes bookmark i - 1
/// (three transactions) and prints `ack i`. It stops when the parent is gone (stdout closed).
///
/// Deleting keeps the table small, so checking it after each kill stays cheap.
#[test]
#[ignore = "the child of store_survives_being_killed_mid_save; runs only with SALVE_CRASH_CHILD"]
fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else { return };
    let opened = Store::open(Path::new(&dir));
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let mut store = opened.store.unwrap();
    // Redo the step the progress counter names: a kill may have cut it after any of its
    // three writes, and each write is safe to repeat. (Resuming from the newest bookmark
    // instead could skip ahead of the last acknowledged step by two.)
    let (counter, _) = state(&store);
    let mut i = counter.saturating_sub(1);
    let mut out = std::io::stdout().lock();
    loop {
        i += 1;
        store.save_progress(&progress(i)).unwrap();
        store.add_bookmark(&bookmark(i)).unwrap();
        store.delete_bookmark(&bookmark(i - 1).id).unwrap();
        if writeln!(out, "ack {i}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// Reads `ack N` from a line of the child's output into `acked`; returns whether there was one.
/// The first ack shares its line with the test harness's `test crash_child ... `.
fn read_ack(line: &str, acked: &mut u32) -> bool {
    let Some((_, n)) = line.split_once("ack ") else { return false };
    *acked = (*acked).max(n.parse().expect("the child prints numbers"));
    true
}

/// A small deterministic generator (xorshift), for kill delays without a crate.
struct Delays(u64);

impl Delays {
    /// The next delay, 0 to 29 ms.
    fn next(&mut self) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % 30)
    }
}

#[test]
fn store_survives_being_killed_mid_save() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut delays = Delays(0x5eed_cafe_f00d_d00d);
    let mut acked = 0_u32;
    let mut killed_while_saving = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--ignored", "--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Three kills in four come after the first save, timed from it; the others are timed
        // from the start, so they also land while the child starts, opens or creates the file.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let before = acked;
        if round % 4 != 0 {
            for line in lines.by_ref() {
                if read_ack(&line.unwrap(), &mut acked) {
                    break;
                }
            }
        }
        std::thread::sleep(delays.next());
        child.kill().unwrap();
        child.wait().unwrap();
        // The pipe keeps what the child wrote before it died: everything it acknowledged.
        for line in lines {
            read_ack(&line.unwrap(), &mut acked);
        }
        if acked > before {
            killed_while_saving += 1;
        }

        let opened = Store::open(dir.path());
        assert!(opened.warnings.is_empty(), "round {round}: {:?}", opened.warnings);
        let store = opened.store.unwrap();
        store.check().unwrap_or_else(|e| panic!("round {round}: {e}"));
        let (counter, marks) = state(&store);
        // `ack i` is printed after all three writes of i, so progress is at i or one ahead, and
        // the bookmarks are i (or, mid-way, i and the next, or the next alone).
        assert!(
            counter == acked || counter == acked + 1,
            "round {round}: progress {counter}, last acknowledged {acked}"
        );
        if counter > 0 {
            let ok = [vec![counter], vec![counter, counter - 1], vec![counter - 1]];
            assert!(ok.contains(&marks), "round {round}: bookmarks {marks:?}, progress {counter}");
        }
    }
    eprintln!("{killed_while_saving} of {KILLS} kills came mid-save; {acked} saves acknowledged");
    assert!(killed_while_saving > KILLS / 2, "only {killed_while_saving} kills came mid-save");
}
