//! Leaving at once, however much memory the process holds.
//!
//! By the time salve leaves, the terminal is back and everything is saved; what is left is the
//! kernel freeing the process's memory, which it does before the shell hears of the exit:
//! about 0.1 ms a resident MiB here, 108 ms after reading a 500 MB article. On Linux a helper
//! process that shares the address space (`clone` with `CLONE_VM`) keeps it alive while salve
//! exits, so salve's exit only drops a reference to it and the shell has its prompt back at
//! once. The helper closes its copies of the files (the terminal, the database), then waits to
//! be killed as salve ends (its parent-death signal); the kernel frees the memory then, in the
//! helper's exit, which no one waits for.
//!
//! This is the crate's one use of `unsafe`: the helper runs on memory it shares with salve and
//! so must not touch anything of it, only make system calls.

/// Starts the helper that frees salve's memory after salve has exited. Call it last, with the
/// terminal restored and everything saved: the process must exit soon after. Does nothing
/// where it cannot (another system, no memory for its stack, `clone` refused).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
#[allow(unsafe_code)]
pub(super) fn hand_over_memory() {
    use std::ffi::{c_int, c_void};

    /// The helper's stack: a page or two of system calls.
    const STACK: usize = 64 * 1024;

    /// The helper: runs on salve's memory, so it uses nothing but system calls (no allocation,
    /// no locks, no standard streams).
    extern "C" fn hold(parent: *mut c_void) -> c_int {
        let parent = parent as usize;
        // SAFETY: plain system calls on the helper's own descriptor table and signal state;
        // they read and write no memory of salve's.
        unsafe {
            // Its copies of the terminal and the database, so that nothing waiting for the
            // terminal to close (a pty's reader, `script`) waits for the helper.
            if libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32) != 0 {
                for fd in 0..1024 {
                    libc::close(fd);
                }
            }
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            // salve may have ended before the line above: then no signal will come.
            if usize::try_from(libc::getppid()).ok() != Some(parent) {
                return 0;
            }
            loop {
                libc::pause();
            }
        }
    }

    let mut stack = Vec::<u8>::new();
    if stack.try_reserve_exact(STACK).is_err() {
        return;
    }
    // Never freed: the process ends next, and the helper runs on it until then.
    let stack = stack.leak();
    // The top of the stack (it grows down), aligned as the ABI asks.
    let top = (stack.as_mut_ptr() as usize + STACK) & !15;
    let parent = std::process::id() as usize;
    // SAFETY: `hold` runs on its own stack, which is leaked so it outlives the helper, and
    // touches no memory of salve's (see above). Without CLONE_THREAD or CLONE_FILES the helper
    // is a process of its own with a copy of the descriptor table, sharing only the memory;
    // SIGCHLD makes it an ordinary child for whoever reaps it. On failure nothing was started
    // and salve frees its memory as it exits, as any process does.
    unsafe {
        libc::clone(
            hold,
            top as *mut c_void,
            libc::CLONE_VM | libc::SIGCHLD,
            parent as *mut c_void,
        );
    }
}

/// Elsewhere the process frees its memory as it exits.
#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
pub(super) fn hand_over_memory() {}
