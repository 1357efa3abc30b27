//! The interactive reader's entry point: terminal set-up and restore around the event loop.
//!
//! Every mode switched on here (raw mode, alternate screen, mouse capture, bracketed paste,
//! hidden cursor) is switched off by [`restore`], which runs on every way out: normal return,
//! an error (the [`Session`] guard's `Drop`), a panic (the hook restores before printing), and
//! every signal that ends a process (SIGTERM, SIGHUP, SIGINT, SIGQUIT: a flag checked between
//! events).

use crate::action::Action;
use crate::app::App;
use crate::config::Config;
use crate::keymap::mouse_action;
use crate::library::Library;
use crate::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop wakes without input, to check for a termination signal or a resize
/// that arrived while a frame was being drawn.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Which pane to open first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// The library pane (until it exists, the first article).
    Library,
    /// The article at this index, straight in the reader.
    Article(usize),
}

/// Runs the interactive reader until the user quits, with the user's `config` (the text
/// column's width).
pub fn run(library: Library, open: Open, config: &Config) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    register_signals(&stop)?;
    install_panic_hook();
    let mut session = Session::start()?;
    let mut app = App::new(library, open, Theme::from_env());
    app.max_width = config.max_width;
    // crossterm starts listening for SIGWINCH on its first poll (which reads nothing): do it
    // before asking the size, or a resize in between would be lost.
    event::poll(Duration::ZERO)?;
    let size = session.terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    event_loop(&mut session.terminal, &mut app, &stop)?;
    drop(session);
    Ok(())
}

/// Draws after every change, then waits for the next event (or a signal).
fn event_loop(terminal: &mut Tty, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            // Synchronized output: terminals that know mode 2026 show the frame whole, never
            // half drawn; others ignore it. The buffered backend writes the frame in one go.
            // Sent at once, not buffered: if drawing panics, nothing is left in the buffer to
            // reach the main screen after `restore` (which ends the update).
            execute!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
            terminal.draw(|frame| {
                ui::draw(frame, app);
                // Lets the end-to-end tests prove a panic mid-frame restores the terminal, in
                // any build profile (`cargo test --release` runs them too).
                assert!(
                    std::env::var_os("SALVE_TEST_PANIC").is_none(),
                    "panic requested by SALVE_TEST_PANIC"
                );
            })?;
            execute!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
            dirty = false;
        }
        // A long article's first frame came from its first screens: lay out the rest now,
        // before reading any input (keys typed meanwhile wait in the terminal).
        if !app.layout_complete() {
            app.update(Action::FinishLayout);
            dirty = true;
            continue;
        }
        if wait_for_input(SIGNAL_POLL)? == Input::HungUp {
            break;
        }
        // Only what is already there: never block inside crossterm (see `wait_for_input`).
        // Also after a timeout: a resize signalled while we were drawing is waiting there.
        while event::poll(Duration::ZERO)? {
            dirty |= handle(app, &event::read()?);
        }
    }
    Ok(())
}

/// Applies one terminal event; true when the screen needs drawing again.
fn handle(app: &mut App, event: &Event) -> bool {
    let action = match event {
        // Key releases come only with the kitty protocol; acting on them would double keys.
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.press(*key);
            return true;
        }
        Event::Mouse(mouse) => mouse_action(*mouse),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Paste(text) => {
            app.paste(text);
            return true;
        }
        _ => None,
    };
    action.map(|a| app.update(a)).is_some()
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
            execute!(
                tty.backend_mut(),
                terminal::EnterAlternateScreen,
                event::EnableMouseCapture,
                // Pasted text arrives as one event, never as keys that would run commands.
                event::EnableBracketedPaste,
                cursor::Hide,
                // Not `Terminal::clear`, which asks the terminal where its cursor is and fails
                // when no answer comes within two seconds (a slow link, a dumb pty).
                terminal::Clear(terminal::ClearType::All)
            )?;
            Ok(Self { terminal: tty })
        })();
        // No guard exists yet to undo raw mode if any later step failed, so undo it here.
        if started.is_err() {
            let _ = restore();
        }
        started
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = restore();
    }
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
