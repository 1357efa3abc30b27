//! The library filter's thread: jobs go in as the app asks for them, the latest winning (a
//! job still waiting when a newer one comes is skipped, one being run stops at its next look),
//! and rows come back as [`Msg::Filtered`], waking the loop. Without a thread (one could not
//! be started) the jobs run on the loop, as they did before.

use super::effects::Wake;
use crate::app::{FilterJob, Filterer, Msg, Row};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

/// The filter's thread, or the loop's own filterer when there is none.
#[derive(Debug, Default)]
pub(super) enum Filtering {
    /// Not started yet: the first job starts it.
    #[default]
    Idle,
    /// Running on a thread.
    Thread(Worker),
    /// Run on the loop.
    Inline(Box<Filterer>),
}

/// The thread's ends.
#[derive(Debug)]
pub(super) struct Worker {
    jobs: Sender<FilterJob>,
    answers: Receiver<(u64, Vec<Row>)>,
    /// The newest job's generation: a job whose generation is older stops.
    latest: Arc<AtomicU64>,
    /// The newest job, run on the loop should the thread stop before answering it.
    last: Option<FilterJob>,
}

impl Filtering {
    /// Hands `job` to the thread (started on the first job); the answer, when the filter runs
    /// on the loop.
    pub(super) fn ask(&mut self, job: FilterJob, wake: Option<&Wake>) -> Option<Msg> {
        if matches!(self, Self::Idle) {
            *self = match Worker::start(wake.cloned()) {
                Ok(worker) => Self::Thread(worker),
                Err(_) => Self::Inline(Box::default()),
            };
        }
        match self {
            Self::Thread(worker) => {
                worker.latest.store(job.generation, Ordering::Relaxed);
                worker.last = Some(job.clone());
                if let Err(mpsc::SendError(job)) = worker.jobs.send(job) {
                    // The thread is gone: the loop runs this and the next jobs.
                    let mut inline = Box::<Filterer>::default();
                    let answer = run_inline(&mut inline, &job);
                    *self = Self::Inline(inline);
                    return answer;
                }
                None
            }
            Self::Inline(filterer) => run_inline(filterer, &job),
            Self::Idle => None,
        }
    }

    /// The rows the thread has sent back since last asked. Should the thread have stopped,
    /// the loop runs the last job itself, and the next ones.
    pub(super) fn answers(&mut self) -> Vec<Msg> {
        let Self::Thread(worker) = self else { return Vec::new() };
        let mut msgs = Vec::new();
        loop {
            match worker.answers.try_recv() {
                Ok((generation, rows)) => msgs.push(Msg::Filtered { generation, rows }),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    let last = worker.last.take();
                    let mut inline = Box::<Filterer>::default();
                    msgs.extend(last.and_then(|job| run_inline(&mut inline, &job)));
                    *self = Self::Inline(inline);
                    break;
                }
            }
        }
        msgs
    }
}

/// Runs `job` on the loop.
fn run_inline(filterer: &mut Filterer, job: &FilterJob) -> Option<Msg> {
    let rows = filterer.run(job, &|| false)?;
    Some(Msg::Filtered { generation: job.generation, rows })
}

impl Worker {
    /// Starts the thread; it ends when the loop drops its end of the jobs.
    fn start(wake: Option<Wake>) -> std::io::Result<Self> {
        let (jobs, inbox) = mpsc::channel::<FilterJob>();
        let (outbox, answers) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new().name("salve-filter".into()).spawn(move || {
            let mut filterer = Filterer::default();
            while let Ok(mut job) = inbox.recv() {
                // Only the newest of the jobs waiting is wanted.
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let generation = job.generation;
                let cancelled = || newest.load(Ordering::Relaxed) != generation;
                let Some(rows) = filterer.run(&job, &cancelled) else { continue };
                if outbox.send((generation, rows)).is_err() {
                    break;
                }
                if let Some(Wake(wake)) = &wake {
                    wake();
                }
            }
        })?;
        Ok(Self { jobs, answers, latest, last: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::filter::{Texts, places};
    use crate::library::Entry;
    use std::time::{Duration, Instant};

    fn entries() -> Vec<Entry> {
        ["Gout", "Goodpasture syndrome", "Asthma", "Post-Traumatic Stress Disorder"]
            .iter()
            .map(|title| {
                let article = crate::app::fixtures::article(title, Vec::new());
                Entry::from_article(&article, &[])
            })
            .collect()
    }

    #[test]
    fn the_thread_answers_the_latest_job_with_the_rows_the_loop_would_make() {
        let entries = entries();
        let rows: Vec<Row> = (0..entries.len()).map(|entry| Row { entry }).collect();
        let texts = Arc::new(Texts::of(&entries));
        let places = places(&rows, entries.len());
        let job = |generation, query: &str| FilterJob {
            generation,
            query: query.into(),
            texts: Arc::clone(&texts),
            places: Arc::clone(&places),
        };
        let mut filtering = Filtering::default();
        assert!(filtering.ask(job(1, "g"), None).is_none(), "run on the thread");
        assert!(filtering.ask(job(2, "go"), None).is_none());
        let expected = Filterer::default().run(&job(2, "go"), &|| false).expect("ran");
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut answered = Vec::new();
        while !answered.iter().any(|(g, _)| *g == 2) {
            assert!(Instant::now() < deadline, "no answer to the latest job");
            for msg in filtering.answers() {
                let Msg::Filtered { generation, rows } = msg else { panic!("{msg:?}") };
                answered.push((generation, rows));
            }
            std::thread::yield_now();
        }
        let (_, rows) = answered.pop().expect("the latest");
        assert_eq!(rows, expected);
        assert!(answered.iter().all(|(g, _)| *g == 1), "older answers come first, if at all");
    }
}
