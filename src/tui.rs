//! The interactive reader's entry point: terminal set-up and restore around the event loop.
//!
//! Every mode switched on here (raw mode, alternate screen, mouse capture, bracketed paste,
//! hidden cursor) is switched off by [`restore`], which runs on every way out: normal return,
//! an error (the [`Session`] guard's `Drop`), a panic (the hook restores before printing), and
//! every signal that ends a process (SIGTERM, SIGHUP, SIGINT, SIGQUIT: a flag checked between
//! events).

use crate::action::Action;
use crate::app::{App, Effect};
use crate::keymap::mouse_action;
use crate::ui;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the loop wakes without input, to check for a termination signal or a resize
/// that arrived while a frame was being drawn.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs the interactive app until the user quits. `app` is ready but for the terminal's size;
/// `open` names an entry to show straight away (`salve FILE`).
pub fn run(mut app: App, open: Option<usize>) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    register_signals(&stop)?;
    install_panic_hook();
    let mut session = Session::start()?;
    let mut runner = Runner::default();
    app.now = unix_now();
    app.instance = std::process::id();
    // crossterm starts listening for SIGWINCH on its first poll (which reads nothing): do it
    // before asking the size, or a resize in between would be lost.
    event::poll(Duration::ZERO)?;
    let size = session.terminal.size()?;
    let effects = app.update(Action::Resize(size.width, size.height));
    runner.run(&mut app, effects, &mut session)?;
    if let Some(index) = open {
        app.start_reading(index);
        let effects = app.update(Action::FinishLayout);
        runner.run(&mut app, effects, &mut session)?;
    }
    let result = event_loop(&mut session, &mut app, &mut runner, &stop);
    // However the loop ended (a key, a signal, an error), save where the reader is first.
    let effects = app.shutdown();
    let saved = runner.run(&mut app, effects, &mut session).and_then(|()| runner.flush());
    drop(session);
    result?;
    saved
}

/// Carries out the effects updates return: reading articles, saving state, suspending.
#[derive(Default)]
struct Runner {
    /// The latest position not yet saved.
    pending: Option<crate::store::Progress>,
    /// When the last position save went out.
    last_save: Option<Instant>,
}

/// Positions are saved at most this often while reading (and always on leaving).
const SAVE_EVERY: Duration = Duration::from_secs(2);

impl Runner {
    /// Runs `effects`, and the effects they lead to, in order.
    fn run(
        &mut self,
        app: &mut App,
        effects: Vec<Effect>,
        session: &mut Session,
    ) -> anyhow::Result<()> {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Open(index) => {
                    let Some(entry) = app.entries.get(index) else { continue };
                    let article = crate::library::open(&entry.origin);
                    queue.extend(app.opened(index, article));
                }
                Effect::LoadPreview(_) => {}
                Effect::SaveProgress { progress, urgent } => {
                    self.pending = Some(progress);
                    if urgent {
                        self.flush()?;
                    }
                }
                Effect::Rekey { .. }
                | Effect::AddBookmark(_)
                | Effect::DeleteBookmark(_)
                | Effect::RenameBookmark { .. }
                | Effect::SaveSetting { .. } => {}
                Effect::Suspend => session.suspend()?,
            }
        }
        Ok(())
    }

    /// Saves a pending position when the last save is old enough.
    fn tick(&mut self) -> anyhow::Result<()> {
        if self.pending.is_some() && self.last_save.is_none_or(|t| t.elapsed() >= SAVE_EVERY) {
            self.flush()?;
        }
        Ok(())
    }

    /// Saves the pending position now.
    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.take().is_some() {
            self.last_save = Some(Instant::now());
        }
        Ok(())
    }
}

/// Seconds since the unix epoch.
fn unix_now() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Draws after every change, then waits for the next event (or a signal).
fn event_loop(
    session: &mut Session,
    app: &mut App,
    runner: &mut Runner,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            draw(&mut session.terminal, app)?;
            dirty = false;
        }
        // A long article's first frame came from its first screens: lay out the rest now,
        // before reading any input (keys typed meanwhile wait in the terminal).
        if !app.layout_complete() {
            let effects = app.update(Action::FinishLayout);
            runner.run(app, effects, session)?;
            dirty = true;
            continue;
        }
        runner.tick()?;
        if wait_for_input(SIGNAL_POLL)? == Input::HungUp {
            break;
        }
        // Only what is already there: never block inside crossterm (see `wait_for_input`).
        // Also after a timeout: a resize signalled while we were drawing is waiting there.
        while !app.quit && event::poll(Duration::ZERO)? {
            app.now = unix_now();
            let (effects, changed) = handle(app, &event::read()?);
            dirty |= changed;
            runner.run(app, effects, session)?;
        }
    }
    Ok(())
}

/// Draws one frame as a synchronized update.
fn draw(terminal: &mut Tty, app: &App) -> io::Result<()> {
    // Synchronized output: terminals that know mode 2026 show the frame whole, never half
    // drawn; others ignore it. The buffered backend writes the frame in one go. Sent at once,
    // not buffered: if drawing panics, nothing is left in the buffer to reach the main screen
    // after `restore` (which ends the update).
    execute!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    terminal.draw(|frame| {
        ui::draw(frame, app);
        // Lets the end-to-end tests prove a panic mid-frame restores the terminal, in any
        // build profile (`cargo test --release` runs them too).
        assert!(
            std::env::var_os("SALVE_TEST_PANIC").is_none(),
            "panic requested by SALVE_TEST_PANIC"
        );
    })?;
    execute!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)
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

/// What waiting on the terminal found.
#[derive(Debug, PartialEq, Eq)]
enum Input {
    /// Input (or a signal such as a resize) may be ready to read.
    Ready,
    /// Nothing arrived in time.
    Timeout,
    /// The terminal is gone (its window was closed).
    HungUp,
}

/// Waits up to `timeout` for terminal input.
///
/// A terminal that hangs up stays readable with nothing to read, and crossterm's reader
/// then loops on the empty reads forever (100% CPU, signals never seen). Waiting here first
/// sees the hang-up and ends the session instead. Linux only: macOS's poll(2) does not
/// support terminals at all (it answers POLLNVAL).
#[cfg(target_os = "linux")]
fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) => Ok(Input::Timeout),
        Ok(_) if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) => {
            Ok(Input::HungUp)
        }
        // A signal (SIGWINCH for a resize) interrupts the wait: crossterm turns it into an event.
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(Input::Ready),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    Ok(if event::poll(timeout)? { Input::Ready } else { Input::Timeout })
}

/// Sets every signal that would end the process (SIGTERM, SIGHUP, and SIGINT and SIGQUIT sent
/// from outside: in raw mode the keyboard sends neither) to raise `stop` instead of killing
/// the process with the terminal still in raw mode.
fn register_signals(stop: &Arc<AtomicBool>) -> io::Result<()> {
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        // A second signal while the first is still pending (say, during a long layout)
        // ends the process at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(stop))?;
        signal_hook::flag::register(signal, Arc::clone(stop))?;
    }
    #[cfg(not(unix))]
    let _ = stop;
    Ok(())
}

/// Makes a panic restore the terminal first, so the message is readable and the shell usable.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = restore();
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown error");
        let at =
            info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        // The message may quote article text (an index, a file name): sanitize it too.
        let message = crate::sanitize::sanitize_line(message);
        eprintln!(
            "salve crashed: {message}{at}\nplease report it (see \"Reporting problems\" in salve's README)"
        );
    }));
}

/// The terminal, drawn through a buffer large enough for a whole frame.
type Tty = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Bytes buffered before a write: a full 300x100 frame with styles fits.
const FRAME_BUFFER: usize = 256 * 1024;

/// The terminal in reader mode; dropping it puts the terminal back.
struct Session {
    terminal: Tty,
}

impl Session {
    /// Switches the terminal to raw mode, the alternate screen and mouse capture.
    fn start() -> io::Result<Self> {
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let started = (|| {
            let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
            let mut tty = Terminal::new(CrosstermBackend::new(out))?;
            enter(&mut tty)?;
            Ok(Self { terminal: tty })
        })();
        // No guard exists yet to undo raw mode if any later step failed, so undo it here.
        if started.is_err() {
            let _ = restore();
        }
        started
    }
}

impl Session {
    /// Ctrl-z: puts the terminal back, stops the process as the shell expects, and takes the
    /// terminal again when the shell resumes it (`fg`).
    fn suspend(&mut self) -> io::Result<()> {
        restore()?;
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Running again: the same modes as at the start, and a full redraw.
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        enter(&mut self.terminal)?;
        self.terminal.clear()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Switches on the alternate screen, the mouse, bracketed paste, and hides the cursor.
fn enter(tty: &mut Tty) -> io::Result<()> {
    execute!(
        tty.backend_mut(),
        terminal::EnterAlternateScreen,
        event::EnableMouseCapture,
        // Pasted text arrives as one event, never as keys that would run commands.
        event::EnableBracketedPaste,
        cursor::Hide,
        // Not `Terminal::clear`, which asks the terminal where its cursor is and fails when
        // no answer comes within two seconds (a slow link, a dumb pty).
        terminal::Clear(terminal::ClearType::All)
    )
}

/// Whether the terminal is in reader mode, so [`restore`] undoes it once: leaving the
/// alternate screen twice would move the cursor back over a crash message.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Undoes everything [`Session::start`] did. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    // Try every step even if one fails, so one error does not leave the rest switched on.
    let raw = terminal::disable_raw_mode();
    let screen = execute!(
        io::stdout(),
        terminal::EndSynchronizedUpdate,
        event::DisableMouseCapture,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    raw.and(screen)
}
