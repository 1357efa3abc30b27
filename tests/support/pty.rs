//! The real binary in a pseudo-terminal, its output parsed into a `vt100` screen.
//!
//! A reader thread drains the pty into the emulated terminal as output arrives, so the child
//! never blocks on a full pty buffer, and sends back the terminal's answers to queries. Tests
//! synchronise only by polling the parsed screen for a condition, never by sleeping.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

use super::terminal::Term;
use super::{BIN, Key, Sandbox, framed};

/// What salve writes after every frame: the end of a synchronized update (DEC mode 2026).
const END_SYNCHRONIZED_UPDATE: &[u8] = b"\x1b[?2026l";

/// How often waits look at the screen.
const POLL: Duration = Duration::from_millis(10);

/// How long to let the reader catch up with output written just before the child exited.
const DRAIN: Duration = Duration::from_secs(3);

/// State shared with the reader thread.
struct Shared {
    term: Mutex<Term>,
    /// Set when the pty reports end of output (the child and its descendants are gone).
    eof: AtomicBool,
}

/// How the application ended and whether it put the terminal back.
#[derive(Debug)]
pub struct Exit {
    /// The exit status.
    pub status: ExitStatus,
    /// The main screen is showing again (the alternate screen was left, or never entered).
    pub left_alternate_screen: bool,
    /// The cursor is visible.
    pub cursor_visible: bool,
    /// Mouse reporting is off.
    pub mouse_off: bool,
    /// The terminal's line discipline is back to cooked mode (`icanon` and `echo`), as `stty`
    /// reports it; `None` where `stty` cannot tell.
    pub cooked: Option<bool>,
    /// The screen at exit, for messages.
    pub screen: String,
}

impl Exit {
    /// Fails unless the exit code is 0 and the terminal was restored.
    pub fn ensure_clean(&self) -> anyhow::Result<()> {
        if self.status.exit_code() != 0 || self.status.signal().is_some() {
            bail!("expected exit code 0, got {:?}; screen:\n{}", self.status, self.screen);
        }
        self.ensure_restored()
    }

    /// Fails unless the alternate screen was left, the cursor shown again, mouse reporting
    /// turned off and the terminal out of raw mode.
    pub fn ensure_restored(&self) -> anyhow::Result<()> {
        if !self.left_alternate_screen
            || !self.cursor_visible
            || !self.mouse_off
            || self.cooked == Some(false)
        {
            bail!(
                "terminal not restored (alternate screen left: {}, cursor visible: {}, mouse off: \
                 {}, cooked mode: {:?}); screen:\n{}",
                self.left_alternate_screen,
                self.cursor_visible,
                self.mouse_off,
                self.cooked,
                self.screen
            );
        }
        Ok(())
    }
}

/// Options for starting the binary in a pty.
pub struct PtyBuilder {
    command: CommandBuilder,
    cols: u16,
    rows: u16,
    sandbox: Option<Sandbox>,
    no_color: bool,
    /// Set last, so they win over the sandbox's own (`TERM`, say).
    envs: Vec<(OsString, OsString)>,
}

impl PtyBuilder {
    /// The terminal size, in columns and rows.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// Runs in this sandbox (to reuse a data directory) instead of a fresh one.
    pub fn sandbox(mut self, sandbox: Sandbox) -> Self {
        self.sandbox = Some(sandbox);
        self
    }

    /// Sets `NO_COLOR=1`, which the sandbox otherwise removes.
    pub fn no_color(mut self) -> Self {
        self.no_color = true;
        self
    }

    /// Sets one more environment variable, over the sandbox's value if it sets one.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Starts the binary.
    pub fn spawn(self) -> anyhow::Result<Pty> {
        let Self { mut command, cols, rows, sandbox, no_color, envs } = self;
        let sandbox = match sandbox {
            Some(sandbox) => sandbox,
            None => Sandbox::new()?,
        };
        for key in Sandbox::removed_vars() {
            command.env_remove(key);
        }
        for (key, value) in sandbox.vars() {
            command.env(key, value);
        }
        if no_color {
            command.env("NO_COLOR", "1");
        }
        for (key, value) in envs {
            command.env(key, value);
        }
        command.cwd(sandbox.home());

        let pair = portable_pty::native_pty_system()
            .openpty(pty_size(cols, rows))
            .context("opening a pty")?;
        let child = pair.slave.spawn_command(command).context("starting salve in the pty")?;
        // Our copy of the slave side must close, or the reader never sees the end of output.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader()?;
        let writer = Arc::new(Mutex::new(pair.master.take_writer()?));

        let shared = Arc::new(Shared {
            term: Mutex::new(Term::new(cols, rows)),
            eof: AtomicBool::new(false),
        });
        let thread_shared = Arc::clone(&shared);
        let thread_writer = Arc::clone(&writer);
        std::thread::Builder::new().name("pty-reader".into()).spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            // Linux reports EIO rather than end of file once the slave side is closed.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let answers = lock(&thread_shared.term).feed(&buf[..n]);
                if !answers.is_empty() {
                    let mut w = lock(&thread_writer);
                    let _ = w.write_all(&answers).and_then(|()| w.flush());
                }
            }
            thread_shared.eof.store(true, Ordering::SeqCst);
        })?;

        Ok(Pty {
            child,
            master: pair.master,
            writer,
            shared,
            sandbox: Some(sandbox),
            cols,
            rows,
            status: None,
        })
    }
}

/// The binary running in a pseudo-terminal. Killed on drop if still running.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<Shared>,
    /// Always `Some` until [`Pty::into_sandbox`] takes it.
    sandbox: Option<Sandbox>,
    cols: u16,
    rows: u16,
    status: Option<ExitStatus>,
}

impl Pty {
    /// Options for starting `salve ARGS...` (default size 120x40).
    pub fn builder<S: AsRef<OsStr>>(args: &[S]) -> PtyBuilder {
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        PtyBuilder {
            command,
            cols: 120,
            rows: 40,
            sandbox: None,
            no_color: false,
            envs: Vec::new(),
        }
    }

    /// Starts `salve ARGS...` in a `cols` x `rows` terminal with a fresh sandbox.
    pub fn spawn<S: AsRef<OsStr>>(args: &[S], cols: u16, rows: u16) -> anyhow::Result<Self> {
        Self::builder(args).size(cols, rows).spawn()
    }

    /// The data directory the application was given.
    pub fn data_dir(&self) -> &Path {
        self.sandbox().data_dir()
    }

    /// The sandbox's `HOME`.
    pub fn home(&self) -> PathBuf {
        self.sandbox().home()
    }

    fn sandbox(&self) -> &Sandbox {
        self.sandbox.as_ref().expect("the sandbox is only taken by into_sandbox, which consumes")
    }

    /// Gives up the sandbox (killing the child if still running) to start another run over
    /// the same home and data.
    pub fn into_sandbox(mut self) -> Sandbox {
        self.kill();
        self.sandbox.take().expect("the sandbox is only taken here")
    }

    /// Types text: each character as its key.
    pub fn send_keys(&mut self, text: &str) -> anyhow::Result<()> {
        self.write(text.as_bytes())
    }

    /// Sends one key.
    pub fn send(&mut self, key: Key) -> anyhow::Result<()> {
        self.write(&key.bytes())
    }

    /// Sends raw bytes.
    pub fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let mut w = lock(&self.writer);
        w.write_all(bytes)?;
        w.flush()?;
        Ok(())
    }

    /// Resizes the terminal; the kernel sends the application SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) -> anyhow::Result<()> {
        // The parser first, so output drawn for the new size is parsed at the new size.
        lock(&self.shared.term).resize(cols, rows);
        self.master.resize(pty_size(cols, rows))?;
        self.cols = cols;
        self.rows = rows;
        Ok(())
    }

    /// The screen's rows, trailing blanks trimmed, joined by `\n`.
    pub fn screen(&self) -> String {
        lock(&self.shared.term).screen_text()
    }

    /// Runs `f` on the parsed screen, for checks on cells, colours or modes. Cells show U+FFFD
    /// as [`REPLACEMENT_STAND_IN`].
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(lock(&self.shared.term).parser.screen())
    }

    /// The screen as the first complete frame left it (what was written up to the end of the
    /// first synchronized update), however many frames came after: what a start shows first.
    pub fn first_frame(&self) -> Option<String> {
        let raw = self.raw_output();
        let end = raw
            .windows(END_SYNCHRONIZED_UPDATE.len())
            .position(|w| w == END_SYNCHRONIZED_UPDATE)?
            + END_SYNCHRONIZED_UPDATE.len();
        let mut term = Term::new(self.cols, self.rows);
        term.feed(&raw[..end]);
        Some(term.screen_text())
    }

    /// Every byte the application has written so far.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared.term).raw.clone()
    }

    /// How many bytes the application has written so far: a mark for [`Self::wait_for_output_after`].
    pub fn output_len(&self) -> usize {
        lock(&self.shared.term).raw.len()
    }

    /// Window titles (and icon names) the application has set.
    pub fn window_titles(&self) -> Vec<String> {
        lock(&self.shared.term).parser.callbacks().titles.clone()
    }

    /// Clipboard writes (OSC 52) the application has made, base64 as sent.
    pub fn clipboard_writes(&self) -> Vec<String> {
        lock(&self.shared.term).parser.callbacks().clipboard.clone()
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&mut self, text: &str, timeout: Duration) -> anyhow::Result<()> {
        self.wait_for_described(&format!("text {text:?}"), |s| s.contains(text), timeout)
    }

    /// Waits until `condition` holds for the screen text.
    pub fn wait_for(
        &mut self,
        condition: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        self.wait_for_described("a screen condition", condition, timeout)
    }

    /// Waits until the application writes anything after `mark` (from [`Self::output_len`]):
    /// a sign it reacted to input or a resize.
    pub fn wait_for_output_after(&mut self, mark: usize, timeout: Duration) -> anyhow::Result<()> {
        let shared = Arc::clone(&self.shared);
        self.wait_for_described("new output", move |_| lock(&shared.term).raw.len() > mark, timeout)
    }

    /// Waits until the application has finished writing a frame: its output ends with the
    /// end of a synchronized update (`ESC[?2026l`), which salve writes after every frame. A
    /// screen read right after this is a whole frame, never one half parsed.
    pub fn wait_for_frame(&mut self, timeout: Duration) -> anyhow::Result<()> {
        let shared = Arc::clone(&self.shared);
        self.wait_for_described(
            "a complete frame",
            move |_| lock(&shared.term).raw.ends_with(END_SYNCHRONIZED_UPDATE),
            timeout,
        )
    }

    /// Waits for a condition; fails at once, with the screen, if the application exits first.
    fn wait_for_described(
        &mut self,
        what: &str,
        mut condition: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if condition(&screen) {
                return Ok(());
            }
            if let Some(status) = self.poll_exit()? {
                // Output written just before exit may still be in flight: look once more.
                self.drain();
                let screen = self.screen();
                if condition(&screen) {
                    return Ok(());
                }
                bail!(
                    "salve exited ({status:?}) while waiting for {what}; screen ({}x{}):\n{}",
                    self.cols,
                    self.rows,
                    framed(&screen, self.cols)
                );
            }
            if start.elapsed() >= timeout {
                bail!(
                    "timed out after {timeout:?} waiting for {what}; screen ({}x{}):\n{}",
                    self.cols,
                    self.rows,
                    framed(&screen, self.cols)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the application to exit, then reports how it left the terminal.
    pub fn wait_exit(&mut self, timeout: Duration) -> anyhow::Result<Exit> {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.poll_exit()? {
                break status;
            }
            if start.elapsed() >= timeout {
                let screen = framed(&self.screen(), self.cols);
                self.kill();
                bail!("salve did not exit within {timeout:?}; screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        };
        self.drain();
        let (left_alternate_screen, cursor_visible, mouse_off) = self.with_screen(|s| {
            let mouse_off = s.mouse_protocol_mode() == vt100::MouseProtocolMode::None;
            (!s.alternate_screen(), !s.hide_cursor(), mouse_off)
        });
        Ok(Exit {
            status,
            left_alternate_screen,
            cursor_visible,
            mouse_off,
            cooked: self.cooked(),
            screen: framed(&self.screen(), self.cols),
        })
    }

    /// Sends a signal (`"TERM"`, `"HUP"`...) to the application, as a window manager or a
    /// closing terminal would, with the system's `kill` command.
    pub fn signal(&mut self, name: &str) -> anyhow::Result<()> {
        let pid = self.child.process_id().context("salve has no process id")?;
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .context("running kill")?;
        ensure!(status.success(), "kill -{name} {pid} failed: {status}");
        Ok(())
    }

    /// Whether the terminal is in cooked mode (`icanon` and `echo` on), asking `stty` about
    /// the pty's device; `None` when that cannot be asked.
    fn cooked(&self) -> Option<bool> {
        let tty = self.master.tty_name()?;
        let out = std::process::Command::new("stty").arg("-a").arg("-F").arg(tty).output().ok()?;
        if !out.status.success() {
            return None;
        }
        let settings = String::from_utf8_lossy(&out.stdout);
        let flags: Vec<&str> = settings.split([' ', ';', '\n']).collect();
        Some(flags.contains(&"icanon") && flags.contains(&"echo"))
    }

    fn poll_exit(&mut self) -> anyhow::Result<Option<ExitStatus>> {
        if self.status.is_none() {
            self.status = self.child.try_wait()?;
        }
        Ok(self.status.clone())
    }

    /// Waits (briefly) for the reader to reach the end of the output.
    fn drain(&self) {
        let start = Instant::now();
        while !self.shared.eof.load(Ordering::SeqCst) && start.elapsed() < DRAIN {
            std::thread::sleep(POLL);
        }
    }

    fn kill(&mut self) {
        if self.status.is_none() {
            let _ = self.child.kill();
            self.status = self.child.wait().ok();
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.kill();
    }
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

/// Locks, ignoring poisoning: a panic elsewhere in a test must not hide the screen.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
