//! The interactive app's entry point: the terminal set up around the event loop, effects run
//! against the store, and the library walk's reports taken in as they come.
//!
//! Every mode switched on (raw mode, alternate screen, mouse capture, bracketed paste, hidden
//! cursor) is switched off by [`restore`] on every way out; see [`terminal`].

mod effects;
mod filter;
mod hyperlinks;
mod terminal;
mod wait;

pub use terminal::restore;

use crate::action::Action;
use crate::app::{App, Effect, Msg};
use crate::keymap::mouse_action;
use crate::library::scan::{self, ScanEvent};
use crate::store::Store;
use crate::ui;
use crate::ui::theme::Theme;
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
    /// The colours to draw with (for the `auto` theme, until the terminal says its
    /// background).
    pub theme: Theme,
    /// An entry to show straight away (`salve FILE`), already opened (its first part read).
    pub open: Option<(usize, crate::library::load::Opened)>,
    /// Where reading state is saved, if anywhere.
    pub store: Option<Store>,
    /// The library's cache, read after the first frame when that can be drawn without it
    /// (see [`Msg::Library`]).
    pub library: Option<crate::library::cached::Later>,
    /// The walk of the library folders to run in the background, if any.
    pub scan: Option<scan::Job>,
    /// The library searches cover (the index holds every folder salve has opened).
    pub scope: Option<crate::store::Scope>,
    /// For the `auto` theme: the terminal's colour depth, to choose dark or light by its
    /// background once it answers.
    pub auto_theme: Option<crate::ui::palette::Depth>,
    /// Effects start-up left for the loop (the selected article's preview).
    pub effects: Vec<Effect>,
}

/// Runs the interactive app until the user quits.
pub fn run(launch: Launch) -> io::Result<()> {
    let Launch {
        mut app,
        mut theme,
        open,
        store,
        library,
        scan,
        scope,
        auto_theme,
        effects: pending,
    } = launch;
    if let Some(store) = &store {
        store.set_scope(scope);
    }
    let stop = Arc::new(AtomicBool::new(false));
    terminal::register_signals(&stop)?;
    terminal::install_panic_hook();
    // Lets the end-to-end tests prove a panic mid-frame restores the terminal, in any build
    // profile (`cargo test --release` runs them too). Read once, here.
    let panic = std::env::var_os("SALVE_TEST_PANIC").is_some();
    let mut session = Session::start()?;
    if let Some(depth) = auto_theme {
        // Asked before anything reads the terminal's input, so the answer is not taken for keys.
        let light = terminal::background_is_light(BACKGROUND_WAIT);
        theme = crate::ui::palette::Pick::Auto.theme(light, depth);
    }
    let mut runner = Runner::new(store, library);
    let bell = Bell::new();
    if let Some(bell) = &bell {
        runner.set_wake(Wake(std::sync::Arc::new(bell.ringer())));
    }
    // crossterm starts listening for SIGWINCH on its first poll (which reads nothing): do it
    // before asking the size, or a resize in between would be lost.
    event::poll(Duration::ZERO)?;
    let size = session.terminal.size()?;
    let effects = app.update(Action::Resize(size.width, size.height));
    runner.run(&mut app, effects, &mut session)?;
    runner.run(&mut app, pending, &mut session)?;
    if let Some((index, opened)) = open {
        let effects = app.update(runner.opened(index, Ok(opened)));
        runner.run(&mut app, effects, &mut session)?;
    }
    // The walk and the reading of the rest of an article start once the first frame is out:
    // they must not compete with drawing it.
    let looks = Looks { theme, panic };
    draw(&mut session, &app, &looks)?;
    runner.read_rest();
    // The cache is read after the first frame, not beside it: the threads reading 100,000
    // rows would slow drawing it several times over. Before any key is read: keys typed
    // meanwhile act on the whole list.
    if let Some(library) = runner.read_library() {
        let effects = app.update(library);
        runner.run(&mut app, effects, &mut session)?;
    }
    let walk = scan.map(|job| match &bell {
        Some(bell) => scan::spawn(job, bell.ringer()),
        None => scan::spawn(job, || {}),
    });
    let reports = walk.as_ref().map(|w| &w.reports);
    let mut looping = Loop {
        session: &mut session,
        app: &mut app,
        looks: &looks,
        runner: &mut runner,
        bell,
        reports,
    };
    let result = looping.run(&stop);
    // However the loop ended (a key, a signal, an error), save where the reader is first.
    let effects = app.update(Msg::Leave);
    let saved = runner.run(&mut app, effects, &mut session);
    if let Some(failed) = runner.flush() {
        app.update(failed);
    }
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

/// How frames are drawn: the colours, and whether drawing panics (for the tests of the panic
/// hook).
struct Looks {
    theme: Theme,
    panic: bool,
}

/// The event loop's parts.
struct Loop<'a> {
    session: &'a mut Session,
    app: &'a mut App,
    looks: &'a Looks,
    runner: &'a mut Runner,
    bell: Option<Bell>,
    reports: Option<&'a Receiver<ScanEvent>>,
}

impl Loop<'_> {
    /// Draws after every change, then waits for input (or a signal, or a report) and sends
    /// everything already waiting to the app as one batch.
    fn run(&mut self, stop: &AtomicBool) -> io::Result<()> {
        let mut dirty = true;
        while !self.app.quit && !stop.load(Ordering::Relaxed) {
            let reports = self.take_reports();
            if !reports.is_empty() {
                dirty = true;
                self.send(reports)?;
            }
            if dirty {
                draw(self.session, self.app, self.looks)?;
                dirty = false;
            }
            self.runner.read_rest();
            // A long article's first frame came from its first screens: lay out the rest now,
            // before reading any input (keys typed meanwhile wait in the terminal).
            if !self.app.layout_complete() {
                self.send(vec![Msg::Act(Action::FinishLayout)])?;
                dirty = true;
                continue;
            }
            if let Some(failed) = self.runner.tick() {
                dirty = true;
                self.send(vec![failed])?;
            }
            if wait_for_input(SIGNAL_POLL, self.bell.as_ref())? == Input::HungUp {
                break;
            }
            // Only what is already there: never block inside crossterm (see `wait_for_input`).
            // Also after a timeout: a resize signalled while we were drawing is waiting there.
            let mut batch = vec![Msg::Clock(unix_now())];
            while event::poll(Duration::ZERO)? {
                let event = event::read()?;
                self.session.repaint |= matches!(event, Event::Resize(..));
                batch.extend(message(event));
            }
            if batch.len() > 1 {
                dirty = true;
                self.send(batch)?;
            }
        }
        Ok(())
    }

    /// Sends a batch of messages, then runs the effects they ask for.
    fn send(&mut self, batch: Vec<Msg>) -> io::Result<()> {
        let effects = self.app.update_all(batch);
        self.runner.run(self.app, effects, self.session)
    }

    /// Every report the library walk has sent, and some of the reading of an article.
    fn take_reports(&mut self) -> Vec<Msg> {
        let mut msgs = self.runner.take_filtered();
        let loaded = self.runner.take_loaded();
        let more = !loaded.is_empty();
        msgs.extend(loaded);
        if more
            && self.runner.more_loaded()
            && let Some(bell) = &self.bell
        {
            // Reports may be left: come back for them once keys typed meanwhile are read.
            bell.ringer()();
        }
        let Some(reports) = self.reports else { return msgs };
        loop {
            match reports.try_recv() {
                Ok(event) => msgs.push(Msg::Walk(event)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.reports = None;
                    break;
                }
            }
        }
        msgs
    }
}

/// Seconds since the unix epoch.
fn unix_now() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Draws one frame as a synchronized update, its links made clickable where that is on.
fn draw(session: &mut Session, app: &App, looks: &Looks) -> io::Result<()> {
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
        ui::draw(frame, app, &looks.theme);
        assert!(!looks.panic, "panic requested by SALVE_TEST_PANIC");
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

/// The message a terminal event is, if any.
fn message(event: Event) -> Option<Msg> {
    match event {
        // Key releases come only with the kitty protocol; acting on them would double keys.
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Event::Mouse(mouse) => mouse_action(mouse).map(Msg::Act),
        Event::Resize(width, height) => Some(Msg::Act(Action::Resize(width, height))),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}
