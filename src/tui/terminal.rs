//! The terminal in reader mode: switching it on, and putting it back on every way out
//! (normal return, an error through the [`Session`] guard's `Drop`, a panic through the hook,
//! every signal that ends a process through a flag the loop checks), and Ctrl-z.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event;
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Sets every signal that would end the process (SIGTERM, SIGHUP, and SIGINT and SIGQUIT sent
/// from outside: in raw mode the keyboard sends neither) to raise `stop` instead of killing
/// the process with the terminal still in raw mode.
pub(super) fn register_signals(stop: &Arc<AtomicBool>) -> io::Result<()> {
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
pub(super) fn install_panic_hook() {
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
pub(super) type Tty = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Bytes buffered before a write: a full 300x100 frame with styles fits.
const FRAME_BUFFER: usize = 256 * 1024;

/// The terminal in reader mode; dropping it puts the terminal back.
pub(super) struct Session {
    /// The terminal, drawn through a frame buffer.
    pub(super) terminal: Tty,
    /// The links the last frame made clickable (see `super::hyperlinks`).
    pub(super) links: Vec<crate::ui::hyperlinks::Hyperlink>,
    /// The next frame is drawn whole on a cleared screen: the terminal was resized, and may
    /// have changed or dropped what it showed even when the size ends where it began (two
    /// resizes in quick succession reach salve as one).
    pub(super) repaint: bool,
}

impl Session {
    /// Switches the terminal to raw mode, the alternate screen and mouse capture.
    pub(super) fn start() -> io::Result<Self> {
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let started = (|| {
            let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
            let mut tty = Terminal::new(CrosstermBackend::new(out))?;
            enter(&mut tty)?;
            Ok(Self { terminal: tty, links: Vec::new(), repaint: false })
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
    pub(super) fn suspend(&mut self) -> io::Result<()> {
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

/// Asks the terminal for its background colour (OSC 11): `Some(true)` for a light
/// background, `None` when it does not say. The question is followed by a device-attributes
/// query that every terminal answers, so a terminal that ignores OSC 11 costs no timeout: its
/// answer to the second question ends the wait. `wait` bounds it for one that answers
/// nothing. Called in raw mode, before anything else reads input, so the answers are taken
/// here and never seen as keys.
pub(super) fn background_is_light(wait: std::time::Duration) -> Option<bool> {
    use std::io::Write;
    let mut out = io::stdout();
    out.write_all(b"\x1b]11;?\x1b\\\x1b[c").ok()?;
    out.flush().ok()?;
    let deadline = std::time::Instant::now() + wait;
    let mut answer = Vec::new();
    // Up to the end of the device attributes answer: ESC [ ? ... c. Read from the file
    // descriptor itself: the standard library's buffered stdin would take bytes that a
    // later wait then never sees.
    while !device_answer_ends(&answer) && answer.len() < 256 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() || !input_ready(left) {
            break;
        }
        match read_input(&mut answer) {
            Some(0) | None => break,
            Some(_) => {}
        }
    }
    crate::ui::palette::is_light(&String::from_utf8_lossy(&answer))
}

/// Whether `bytes` end with a device attributes answer (`ESC [ ? digits ; ... c`).
fn device_answer_ends(bytes: &[u8]) -> bool {
    if bytes.last() != Some(&b'c') {
        return false;
    }
    let start = bytes.windows(3).rposition(|w| w == b"\x1b[?");
    start.is_some_and(|i| {
        bytes[i + 3..bytes.len() - 1].iter().all(|b| b.is_ascii_digit() || *b == b';')
    })
}

/// Reads what the terminal has sent, unbuffered, onto `into`: how many bytes.
#[cfg(unix)]
fn read_input(into: &mut Vec<u8>) -> Option<usize> {
    let mut chunk = [0u8; 64];
    let n = rustix::io::read(io::stdin(), &mut chunk).ok()?;
    into.extend_from_slice(&chunk[..n]);
    Some(n)
}

#[cfg(not(unix))]
fn read_input(_into: &mut Vec<u8>) -> Option<usize> {
    None
}

/// Whether input arrives on the terminal within `wait`.
#[cfg(unix)]
fn input_ready(wait: std::time::Duration) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: i64::try_from(wait.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(wait.subsec_nanos()),
    };
    matches!(poll(&mut fds, Some(&timeout)), Ok(n) if n > 0)
}

#[cfg(not(unix))]
fn input_ready(_wait: std::time::Duration) -> bool {
    false
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
