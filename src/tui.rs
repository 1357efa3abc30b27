//! The interactive reader's entry point: terminal set-up and restore around the event loop.
//!
//! Every mode switched on here (raw mode, alternate screen, mouse capture, hidden cursor) is
//! switched off by [`restore`], which runs on every way out: normal return, an error (the
//! [`Session`] guard's `Drop`), a panic (the hook restores before printing), and SIGTERM/SIGHUP
//! (a flag checked between events).

use crate::action::Action;
use crate::app::App;
use crate::config::Config;
use crate::keymap::mouse_action;
use crate::library::Library;
use crate::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{cursor, execute, queue, terminal};
use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop wakes without input to check for a termination signal.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

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
    let size = session.terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    // Lets the end-to-end tests prove a panic restores the terminal; debug builds only.
    #[cfg(debug_assertions)]
    if std::env::var_os("SALVE_TEST_PANIC").is_some() {
        session.terminal.draw(|frame| ui::draw(frame, &app))?;
        panic!("panic requested by SALVE_TEST_PANIC");
    }
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
            queue!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
            terminal.draw(|frame| ui::draw(frame, app))?;
            execute!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
            dirty = false;
        }
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        match event::read()? {
            // Key releases come only with the kitty protocol; acting on them would double keys.
            Event::Key(key) if key.kind != KeyEventKind::Release => app.press(key),
            Event::Mouse(mouse) => match mouse_action(mouse) {
                Some(action) => app.update(action),
                None => continue,
            },
            Event::Resize(width, height) => app.update(Action::Resize(width, height)),
            _ => continue,
        }
        dirty = true;
    }
    Ok(())
}

/// Sets SIGTERM and SIGHUP to raise `stop` instead of killing the process with the terminal
/// still in raw mode.
fn register_signals(stop: &Arc<AtomicBool>) -> io::Result<()> {
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
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
        let started = (|| {
            let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
            let mut tty = Terminal::new(CrosstermBackend::new(out))?;
            execute!(
                tty.backend_mut(),
                terminal::EnterAlternateScreen,
                event::EnableMouseCapture,
                cursor::Hide
            )?;
            tty.clear()?;
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

/// Undoes everything [`Session::start`] did. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    // Try every step even if one fails, so one error does not leave the rest switched on.
    let raw = terminal::disable_raw_mode();
    let screen = execute!(
        io::stdout(),
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    raw.and(screen)
}
