//! Waiting for the next thing to do: terminal input, a signal, or a report from the library
//! walk (which rings a [`Bell`] so the loop wakes at once instead of at its next timeout).

use std::io;
use std::time::Duration;

/// What waiting found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Input {
    /// Input (or a signal such as a resize, or the bell) may be ready.
    Ready,
    /// Nothing arrived in time.
    Timeout,
    /// The terminal is gone (its window was closed).
    HungUp,
}

/// A pipe a background thread writes a byte into to wake the event loop.
#[derive(Debug)]
pub(super) struct Bell {
    #[cfg(unix)]
    read: std::os::fd::OwnedFd,
    #[cfg(unix)]
    write: std::sync::Arc<std::os::fd::OwnedFd>,
}

impl Bell {
    /// A new bell; `None` when the system has no pipe to give (the loop then wakes on its
    /// timeout, a tenth of a second later at worst).
    pub(super) fn new() -> Option<Self> {
        #[cfg(unix)]
        {
            use rustix::pipe::{PipeFlags, pipe_with};
            let (read, write) = pipe_with(PipeFlags::CLOEXEC | PipeFlags::NONBLOCK).ok()?;
            Some(Self { read, write: std::sync::Arc::new(write) })
        }
        #[cfg(not(unix))]
        None
    }

    /// A function that rings the bell, for another thread.
    pub(super) fn ringer(&self) -> impl Fn() + Send + Sync + 'static {
        #[cfg(unix)]
        {
            let write = std::sync::Arc::clone(&self.write);
            // A full pipe already means "wake up": a failed write loses nothing.
            move || {
                let _ = rustix::io::write(&*write, &[1]);
            }
        }
        #[cfg(not(unix))]
        || {}
    }

    /// Empties the pipe after a wake.
    fn drain(&self) {
        #[cfg(unix)]
        {
            let mut buf = [0u8; 64];
            while matches!(rustix::io::read(&self.read, &mut buf), Ok(n) if n > 0) {}
        }
    }
}

/// Waits up to `timeout` for terminal input or the `bell`.
///
/// A terminal that hangs up stays readable with nothing to read, and crossterm's reader
/// then loops on the empty reads forever (100% CPU, signals never seen). Waiting here first
/// sees the hang-up and ends the session instead. Linux only: macOS's poll(2) does not
/// support terminals at all (it answers POLLNVAL).
#[cfg(target_os = "linux")]
pub(super) fn wait_for_input(timeout: Duration, bell: Option<&Bell>) -> io::Result<Input> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let timeout = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    let mut fds = vec![PollFd::new(&stdin, PollFlags::IN)];
    if let Some(bell) = bell {
        fds.push(PollFd::new(&bell.read, PollFlags::IN));
    }
    let result = poll(&mut fds, Some(&timeout));
    if let Some(bell) = bell
        && fds.get(1).is_some_and(|fd| !fd.revents().is_empty())
    {
        bell.drain();
    }
    let hung_up = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
    match result {
        Ok(0) => Ok(Input::Timeout),
        Ok(_) if fds[0].revents().intersects(hung_up) => Ok(Input::HungUp),
        // A signal (SIGWINCH for a resize) interrupts the wait: crossterm turns it into an event.
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(Input::Ready),
        Err(e) => Err(e.into()),
    }
}

/// Waits up to `timeout` for terminal input; reports from the walk are seen at the timeout.
#[cfg(not(target_os = "linux"))]
pub(super) fn wait_for_input(timeout: Duration, bell: Option<&Bell>) -> io::Result<Input> {
    if let Some(bell) = bell {
        bell.drain();
    }
    let ready = ratatui::crossterm::event::poll(timeout)?;
    Ok(if ready { Input::Ready } else { Input::Timeout })
}
