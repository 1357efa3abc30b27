//! The interactive app's entry point: the terminal set up around the event loop, effects run
//! against the store, and the library walk's reports taken in as they come.
//!
//! Every mode switched on (raw mode, alternate screen, mouse capture, bracketed paste, hidden
//! cursor) is switched off by [`restore`] on every way out; see [`terminal`].

mod effects;
mod hyperlinks;
mod terminal;
mod wait;

pub use terminal::restore;

use crate::action::Action;
use crate::app::{App, Effect};
use crate::keymap::mouse_action;
use crate::library::scan::{self, ScanEvent};
use crate::store::Store;
use crate::ui;
use effects::{Runner, Wake};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{execute, terminal as term};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, mpsc::TryRecvError};
use std::time::Duration;
use terminal::Session;
use wait::{Bell, Input, wait_for_input};

/// The longest the `auto` theme waits for a terminal that answers no question at all (any
/// other answers at once, see `background_is_light`).
const BACKGROUND_WAIT: Duration = Duration::from_millis(500);

/// How often the loop wakes without input, to check for a termination signal or a resize
/// that arrived while a frame was being drawn.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// The longest quitting waits for the library walk to stop (it checks between files; a
/// batch of large articles being indexed may take this long to finish).
const WALK_STOP_WAIT: Duration = Duration::from_millis(500);

/// What the interactive app starts with.
#[derive(Debug)]
pub struct Launch {
    /// The model, ready but for the terminal's size.
    pub app: App,
    /// An entry to show straight away (`salve FILE`), already opened (its first part read).
    pub open: Option<(usize, crate::library::load::Opened)>,
    /// Where reading state is saved, if anywhere.
    pub store: Option<Store>,
    /// The library's cache, read after the first frame when that can be drawn without it
    /// (see [`App::await_library`]).
    pub library: Option<crate::library::cached::Later>,
    /// The walk of the library folders to run in the background, if any.
    pub scan: Option<scan::Job>,
    /// For the `auto` theme: the terminal's colour depth, to choose dark or light by its
    /// background once it answers.
    pub auto_theme: Option<crate::ui::palette::Depth>,
    /// Effects start-up left for the loop (the selected article's preview).
    pub effects: Vec<Effect>,
}

/// Runs the interactive app until the user quits.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let Launch { mut app, open, store, library, scan, auto_theme, effects: pending } = launch;
    if scan.is_some() {
        // Said from the first frame: the list may still change.
        app.scan_progress = Some((0, 0));
    }
    let stop = Arc::new(AtomicBool::new(false));
    terminal::register_signals(&stop)?;
    terminal::install_panic_hook();
    let mut session = Session::start()?;
    if let Some(depth) = auto_theme {
        // Asked before anything reads the terminal's input, so the answer is not taken for keys.
        let light = terminal::background_is_light(BACKGROUND_WAIT);
        app.theme = crate::ui::palette::Pick::Auto.theme(light, depth);
    }
    let mut runner = Runner::new(store);
    let bell = Bell::new();
    if let Some(bell) = &bell {
        runner.set_wake(Wake(std::sync::Arc::new(bell.ringer())));
    }
    app.now = unix_now();
    app.instance = std::process::id();
    // crossterm starts listening for SIGWINCH on its first poll (which reads nothing): do it
    // before asking the size, or a resize in between would be lost.
    event::poll(Duration::ZERO)?;
    let size = session.terminal.size()?;
    let effects = app.update(Action::Resize(size.width, size.height));
    runner.run(&mut app, effects, &mut session)?;
    runner.run(&mut app, pending, &mut session)?;
    if let Some((index, opened)) = open {
        app.standalone = true;
        let effects = runner.opened(&mut app, index, Ok(opened));
        runner.run(&mut app, effects, &mut session)?;
    }
    // The walk and the reading of the rest of an article start once the first frame is out:
    // they must not compete with drawing it.
    draw(&mut session, &app)?;
    runner.read_rest();
    if let Some(library) = library {
        // Read after the first frame, not beside it: the threads reading 100,000 rows would
        // slow drawing it several times over. Before any key is read: keys typed meanwhile
        // act on the whole list.
        let (entries, unread) = runner.store().map_or((Vec::new(), None), |s| library.read(s));
        if unread.is_some() {
            app.notice = unread;
        }
        let effects = app.take_library(entries);
        runner.run(&mut app, effects, &mut session)?;
    }
    let walk = scan.map(|job| match &bell {
        Some(bell) => scan::spawn(job, bell.ringer()),
        None => scan::spawn(job, || {}),
    });
    let reports = walk.as_ref().map(|w| &w.reports);
    let mut looping =
        Loop { session: &mut session, app: &mut app, runner: &mut runner, bell, reports };
    let result = looping.run(&stop);
    // However the loop ended (a key, a signal, an error), save where the reader is first.
    let effects = app.shutdown();
    let saved = runner.run(&mut app, effects, &mut session);
    runner.flush(&mut app);
    drop(session);
    if let Some(failure) = runner.failure() {
        eprintln!("salve: {failure}");
    }
    // The terminal is back and everything saved. The walk stops at its next report and closes
    // its connection, then the store closes ours, the last: SQLite folds its log back into the
    // database then, so the next start reads one file.
    if let Some(walk) = walk {
        walk.stop(WALK_STOP_WAIT);
    }
    drop(runner);
    // The process ends next (`main` exits): freeing the article, which for a large one takes
    // longer than all the rest of quitting, would only delay it.
    std::mem::forget(app);
    result.and(saved)
}

/// The search a key typed into the search pane asked for, held while more keys typed into
/// the query wait to be read: a burst of keys (typing faster than a search over a large
/// library takes, or keys that piled up during one) runs one search, for the query as it ends
/// up, instead of one per key. Any other input runs it first, so a key acting on the results
/// (`Enter`, `j`) finds them for the query typed before it.
#[derive(Debug, Default)]
struct Held(Option<Effect>);

impl Held {
    /// Takes the search out of `effects` (a query key's), replacing the one held: its query
    /// has changed since. A key that asked for none keeps the one held.
    fn hold(&mut self, effects: &mut Vec<Effect>) {
        if let Some(at) = effects.iter().rposition(|e| matches!(e, Effect::Search(_))) {
            self.0 = Some(effects.remove(at));
            effects.retain(|e| !matches!(e, Effect::Search(_)));
        }
    }

    /// The search held, if any.
    fn take(&mut self) -> Option<Effect> {
        self.0.take()
    }
}

/// The event loop's parts.
struct Loop<'a> {
    session: &'a mut Session,
    app: &'a mut App,
    runner: &'a mut Runner,
    bell: Option<Bell>,
    reports: Option<&'a Receiver<ScanEvent>>,
}

impl Loop<'_> {
    /// Draws after every change, then waits for the next event (or a signal, or a report).
    fn run(&mut self, stop: &AtomicBool) -> anyhow::Result<()> {
        let mut dirty = true;
        while !self.app.quit && !stop.load(Ordering::Relaxed) {
            dirty |= self.take_reports()?;
            if dirty {
                draw(self.session, self.app)?;
                dirty = false;
            }
            self.runner.read_rest();
            // A long article's first frame came from its first screens: lay out the rest now,
            // before reading any input (keys typed meanwhile wait in the terminal).
            if !self.app.layout_complete() {
                let effects = self.app.update(Action::FinishLayout);
                self.runner.run(self.app, effects, self.session)?;
                dirty = true;
                continue;
            }
            self.runner.tick(self.app);
            if wait_for_input(SIGNAL_POLL, self.bell.as_ref())? == Input::HungUp {
                break;
            }
            // Only what is already there: never block inside crossterm (see `wait_for_input`).
            // Also after a timeout: a resize signalled while we were drawing is waiting there.
            let mut held = Held::default();
            let mut next: Option<Event> = None;
            while !self.app.quit {
                let event = match next.take() {
                    Some(event) => event,
                    None if event::poll(Duration::ZERO)? => event::read()?,
                    None => break,
                };
                self.app.now = unix_now();
                if let Some(text) = self.filter_run(&event, &mut next)? {
                    if let Some(search) = held.take() {
                        self.runner.run(self.app, vec![search], self.session)?;
                    }
                    let effects = self.app.type_into_filter(&text);
                    dirty = true;
                    self.runner.run(self.app, effects, self.session)?;
                    continue;
                }
                let typing = matches!(&event, Event::Key(key)
                    if key.kind != KeyEventKind::Release && self.app.edits_search_query(*key));
                if !typing && let Some(search) = held.take() {
                    self.runner.run(self.app, vec![search], self.session)?;
                }
                self.session.repaint |= matches!(event, Event::Resize(..));
                let (mut effects, changed) = handle(self.app, &event);
                dirty |= changed;
                if typing {
                    held.hold(&mut effects);
                }
                self.runner.run(self.app, effects, self.session)?;
            }
            if let Some(search) = held.take() {
                self.runner.run(self.app, vec![search], self.session)?;
            }
        }
        Ok(())
    }

    /// When `event` types into the library filter: its character and those of the keys after
    /// it already waiting that type into the filter too, read as one text; the first other
    /// event read goes to `next`.
    fn filter_run(
        &mut self,
        event: &Event,
        next: &mut Option<Event>,
    ) -> io::Result<Option<String>> {
        let typed = |app: &App, event: &Event| match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.filter_char(*key),
            _ => None,
        };
        let Some(first) = typed(self.app, event) else { return Ok(None) };
        let mut text = String::from(first);
        while event::poll(Duration::ZERO)? {
            let event = event::read()?;
            match typed(self.app, &event) {
                Some(c) => text.push(c),
                None if matches!(&event, Event::Key(k) if k.kind == KeyEventKind::Release) => {}
                None => {
                    *next = Some(event);
                    break;
                }
            }
        }
        Ok(Some(text))
    }

    /// Takes in every report the library walk has sent, and some of the reading of an
    /// article; true when there were any.
    fn take_reports(&mut self) -> anyhow::Result<bool> {
        let (loaded, effects) = self.runner.take_loaded(self.app);
        self.runner.run(self.app, effects, self.session)?;
        if loaded
            && self.runner.more_loaded()
            && let Some(bell) = &self.bell
        {
            // Reports may be left: come back for them once keys typed meanwhile are read.
            bell.ringer()();
        }
        let Some(reports) = &self.reports else { return Ok(loaded) };
        let mut any = loaded;
        loop {
            match reports.try_recv() {
                Ok(event) => {
                    any = true;
                    self.app.scanned(event);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.reports = None;
                    break;
                }
            }
        }
        let effects = self.app.settle();
        self.runner.run(self.app, effects, self.session)?;
        Ok(any)
    }
}

/// Seconds since the unix epoch.
fn unix_now() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Draws one frame as a synchronized update, its links made clickable where that is on.
fn draw(session: &mut Session, app: &App) -> io::Result<()> {
    let terminal = &mut session.terminal;
    // Synchronized output: terminals that know mode 2026 show the frame whole, never half
    // drawn; others ignore it. The buffered backend writes the frame in one go. Sent at once,
    // not buffered: if drawing panics, nothing is left in the buffer to reach the main screen
    // after `restore` (which ends the update).
    execute!(terminal.backend_mut(), term::BeginSynchronizedUpdate)?;
    if std::mem::take(&mut session.repaint) {
        // Cleared, and the whole frame written: what the terminal shows is not what the last
        // frame left.
        //
        // `Terminal::clear` asks the terminal where its cursor is, and that round trip is
        // load-bearing: crossterm 0.29's reader, when one poll reports a resize signal and
        // terminal input together, returns the resize and drops the input's (edge-triggered)
        // readiness, so keys already typed are not read until more input comes. The answer to
        // the cursor query is that input. Clearing without it (tried) left a key typed during
        // a resize unread for good: `shrinking_and_growing_back_at_once_redraws_the_whole_screen`
        // hung 4 runs in 12. The cost is a two-second stall on a terminal that never answers,
        // or whose answer that same bug leaves unread (1 resize race in 40): then the screen is
        // cleared without asking, and salve goes on rather than ending on the error.
        if terminal.clear().is_err() {
            ratatui::crossterm::queue!(terminal.backend_mut(), term::Clear(term::ClearType::All))?;
            terminal.swap_buffers();
        }
        session.links.clear();
    }
    let drawn = terminal.draw(|frame| {
        ui::draw(frame, app);
        // Lets the end-to-end tests prove a panic mid-frame restores the terminal, in any
        // build profile (`cargo test --release` runs them too).
        assert!(
            std::env::var_os("SALVE_TEST_PANIC").is_none(),
            "panic requested by SALVE_TEST_PANIC"
        );
    })?;
    let links = if app.hyperlinks { ui::hyperlinks::on_screen(app) } else { Vec::new() };
    if !links.is_empty() || !session.links.is_empty() {
        // The link cells written again from the frame as drawn, into bytes first: the frame
        // is the terminal's (kept to compare the next one with) until they are sent.
        let mut bytes = Vec::new();
        hyperlinks::write(&mut bytes, drawn.buffer, &links, &session.links)?;
        io::Write::write_all(terminal.backend_mut(), &bytes)?;
    }
    session.links = links;
    execute!(terminal.backend_mut(), term::EndSynchronizedUpdate)
}

/// Applies one terminal event: the effects to run, and whether the screen needs drawing.
fn handle(app: &mut App, event: &Event) -> (Vec<Effect>, bool) {
    let action = match event {
        // Key releases come only with the kitty protocol; acting on them would double keys.
        Event::Key(key) if key.kind != KeyEventKind::Release => return (app.press(*key), true),
        Event::Mouse(mouse) => mouse_action(*mouse),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Paste(text) => return (app.paste(text), true),
        _ => None,
    };
    match action {
        Some(action) => (app.update(action), true),
        None => (Vec::new(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::Held;
    use crate::app::Effect;

    #[test]
    fn a_burst_of_query_keys_runs_the_last_search_once_and_keeps_the_other_effects() {
        let mut held = Held::default();
        let mut effects = vec![Effect::Search("p".into())];
        held.hold(&mut effects);
        assert!(effects.is_empty());
        let mut effects = vec![Effect::Search("pt".into()), Effect::Open(3)];
        held.hold(&mut effects);
        assert_eq!(effects, [Effect::Open(3)], "other effects run at once");
        // A key that asked for no search (the query did not change) keeps the one held.
        held.hold(&mut Vec::new());
        assert_eq!(held.take(), Some(Effect::Search("pt".into())));
        assert_eq!(held.take(), None, "run once");
    }
}
