#!/usr/bin/env python3
"""Opening one article as a pager would, in a real pseudo-terminal: salve beside less (and
mdcat --paginate when installed), timed in the same run, interleaved.

For generated Markdown documents of 20 KB, 5 MB, 50 MB and 500 MB (the sizes are options), each
run starts the program in a 120x40 pty and times:

- first frame: process start to the end of the first frame (salve ends every frame with
  ESC[?2026l; less's prompt is set to a marker it draws after each screen);
- end: `G` pressed as soon as the first frame is out, to the frame showing the end (salve: the
  status line says 100%, which it says only once the whole article is read; less: its next
  prompt);
- G: `g` then `G` once the end is known, to the frame showing the end again;
- quit: `q` to the terminal put back (the alternate screen left: less and salve both leave it
  when quitting), and `q` to the process's exit (which includes the kernel's freeing of the
  process's memory);
- peak RSS of the program, read from /proc/PID/status (VmHWM) before quitting: wait4's
  ru_maxrss would also count the forked Python's pages from before the exec, about 12 MiB;
  and the machine's swap use before and after.

    python3 benches/article_open.py [--runs 5] [--sizes 20k,5m,50m,500m] [--salve PATH]
        [--before PATH]

--before times another salve build too (as "before"), to compare two builds in one run.

Documents are generated once into --dir (default /tmp/salve-article-bench) and kept. Standard
library only. The generator follows benches/open.rs (sections of paragraphs with inline
markup, lists, quotes, code and tables); larger documents repeat the 5 MB one.
"""

import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
END_OF_FRAME = b"\x1b[?2026l"
LESS_MARK = b"@@FRAME@@"
LEAVE_ALTERNATE = b"\x1b[?1049l"
BEFORE = [None]
ROWS, COLS = 40, 120
SIZES = {"20k": 20 * 1024, "5m": 5 * 1024 * 1024, "50m": 50 * 1024 * 1024, "500m": 500 * 1024 * 1024}

WORDS = ["ketamine", "dose", "the", "of", "and", "patients", "anaesthesia", "may", "cause",
         "in", "blood", "pressure", "is", "a", "treatment", "for", "depression", "with",
         "effects", "to", "doctor", "hospital", "children", "risk", "symptoms", "heart", "mg/kg",
         "(see", "below)", "medicine,", "used", "pain.", "日本語", "café", "long-term", "side",
         "effects.", "be", "&amp;"]


class Rng:
    """The generator of benches/support: a linear congruential one."""

    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n

    def word(self):
        return WORDS[self.next(len(WORDS))]

    def words(self, count):
        return " ".join(self.word() for _ in range(count))


def paragraph(rng, out, count):
    column = 0
    parts = []
    for i in range(count):
        if i > 0:
            if column > 72:
                parts.append("\n")
                column = 0
            else:
                parts.append(" ")
                column += 1
        word = rng.word()
        kind = rng.next(40)
        text = {0: f"*{word}*", 1: f"**{word}**", 2: f"`{word}`",
                3: f"[{word}](https://example.org/health/{word})"}.get(kind, word)
        parts.append(text)
        column += len(text.encode())
    out.append("".join(parts) + "\n\n")


def generated(size):
    """About `size` bytes of Markdown, as benches/open.rs builds it."""
    rng = Rng(42)
    out = ['---\ntitle: "Generated article"\ntags: [bench, generated]\n---\n\n']
    length = len(out[0])
    n = 0
    while length < size:
        n += 1
        start = len(out)
        out.append(("### " if n % 5 == 0 else "## ") + rng.words(4) + "\n\n")
        for p in range(4):
            paragraph(rng, out, 60 + rng.next(40))
            if p == 1:
                for i in range(4):
                    out.append((f"{i + 1}. " if n % 2 == 0 else "- ") + rng.words(12) + "\n")
                out.append("\n")
        if n % 7 == 0:
            out.append("> " + rng.words(30) + "\n\n")
        if n % 10 == 0:
            out.append("```text\n" + "".join(rng.words(10) + "\n" for _ in range(8)) + "```\n\n")
        if n % 25 == 0:
            for row in range(7):
                out.append("".join("| " + rng.words(3) + " " for _ in range(4)) + "|\n")
                if row == 0:
                    out.append("|---|---|---|---|\n")
            out.append("\n")
        length += sum(len(s.encode()) for s in out[start:])
    return "".join(out)


def document(folder, name, size):
    """The path of the generated document of `size` bytes, made if missing."""
    path = os.path.join(folder, f"article-{name}.md")
    if os.path.exists(path) and os.path.getsize(path) >= size * 0.95:
        return path
    os.makedirs(folder, exist_ok=True)
    unit = generated(min(size, SIZES["5m"]))
    body = unit.split("---\n\n", 1)[1]
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(unit)
        written = len(unit.encode())
        copy = 1
        while written < size:
            copy += 1
            part = re.sub(r"^(#{2,3} .*)$", lambda m: f"{m.group(1)} ({copy})", body, flags=re.M)
            f.write(part)
            written += len(part.encode())
    os.replace(path + ".tmp", path)
    return path


class Screen:
    """The rows the program draws, followed through cursor moves (frames are diffs)."""

    CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")

    def __init__(self):
        self.rows = [[" "] * COLS for _ in range(ROWS)]
        self.row = self.col = 0

    def feed(self, data):
        text = data.decode("utf-8", "replace")
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b":
                m = self.CSI.match(text, i)
                if m:
                    params, final = m.group(1), m.group(2)
                    if final == "H":
                        parts = [int(p) if p.isdigit() else 1 for p in params.split(";")] + [1, 1]
                        self.row, self.col = parts[0] - 1, parts[1] - 1
                    elif final == "J" and params in ("", "2"):
                        self.rows = [[" "] * COLS for _ in range(ROWS)]
                    i = m.end()
                    continue
                i += 2 if i + 1 < len(text) and text[i + 1] in "()78=>" else 1
                continue
            if c == "\r":
                self.col = 0
            elif c == "\n":
                self.row = min(self.row + 1, ROWS - 1)
            elif c >= " ":
                if 0 <= self.row < ROWS and 0 <= self.col < COLS:
                    self.rows[self.row][self.col] = c
                self.col += 1
            i += 1

    def last_row(self):
        return "".join(self.rows[ROWS - 1]).rstrip()


class Session:
    """One program in a pty: output read as it comes, waits on conditions over it."""

    def __init__(self, argv, env):
        import fcntl
        import termios

        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            # Sized before the program starts, so its first frame is drawn at 120x40.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.environ.update(env)
            os.execvp(argv[0], argv)
        self.out = b""
        self.screen = Screen()
        self.gone = False

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            self.gone = True
            return False
        self.out += chunk
        self.screen.feed(chunk)
        return True

    def wait(self, done, timeout=600.0):
        """Seconds from now until done(self) holds after some output, or None."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout and not self.gone:
            if self.read(0.05) and done(self):
                return time.perf_counter() - t0
        return None

    def send(self, keys):
        self.mark = len(self.out)
        os.write(self.fd, keys)

    def exit(self, timeout=60.0):
        """Seconds until the process exits, and its peak RSS in MiB."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            done, status, usage = os.wait4(self.pid, os.WNOHANG)
            if done:
                elapsed = time.perf_counter() - t0
                try:
                    while self.read(0):
                        pass
                except OSError:
                    pass
                os.close(self.fd)
                return elapsed, usage.ru_maxrss / 1024
            self.read(0.0005)
        os.kill(self.pid, signal.SIGKILL)
        os.wait4(self.pid, 0)
        os.close(self.fd)
        return None, 0.0


def ends_with_frame(out, marker, since=0):
    """True when the output ends with `marker` (then only escape sequences) found after `since`."""
    at = out.rfind(marker)
    if at < since:
        return False
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", out[at + len(marker):]).strip() == b""


def frame_after(marker):
    return lambda s: ends_with_frame(s.out, marker, getattr(s, "mark", 0))


def salve_at_end(s):
    row = s.screen.last_row()
    return s.out.endswith(END_OF_FRAME) and " 100% " in row + " " and "loading" not in row


def run_once(tool, path, salve, scratch):
    """Times for one tool on one document: (first, end, G, quit) in ms, peak RSS in MiB."""
    env = {"HOME": scratch, "TERM": "xterm-256color", "SALVE_DATA_DIR": os.path.join(scratch, "data")}
    if tool in ("salve", "before"):
        argv, marker, at_end = [salve if tool == "salve" else BEFORE[0], path], END_OF_FRAME, salve_at_end
    elif tool == "less":
        env["LESS"] = "-Ps" + LESS_MARK.decode() + "$"
        argv, marker, at_end = ["less", path], LESS_MARK, None
    else:
        argv, marker, at_end = ["mdcat", "--paginate", path], None, None
        env["PAGER"] = "less -Ps" + LESS_MARK.decode() + "$"
        marker = LESS_MARK
    # The last run's process may still be handing its memory back (salve leaves that to a
    # helper after it exits, less is freed by the kernel as it exits): each start gets a
    # quiet machine, so the times are the tool's own and not how it shares two cores with
    # the one before.
    time.sleep(0.2)
    s = Session(argv, env)
    first = s.wait(lambda s: marker in s.out)
    first = None if first is None else (time.perf_counter() - s.start) * 1000
    s.send(b"G")
    end = s.wait(at_end or frame_after(marker), 300)
    s.send(b"g")
    s.wait(frame_after(marker), 60)
    s.send(b"G")
    g = s.wait(at_end or frame_after(marker), 60)
    hwm = peak_rss(s.pid)
    s.send(b"q")
    t0 = time.perf_counter()
    restored = s.wait(lambda s: LEAVE_ALTERNATE in s.out[s.mark:], 60)
    quit_s, rss = s.exit()
    ms = lambda v: None if v is None else v * 1000
    exit_ms = None if quit_s is None else (time.perf_counter() - t0) * 1000
    return first, ms(end), ms(g), ms(restored), exit_ms, rss if hwm is None else hwm


def peak_rss(pid):
    """The peak resident size in MiB of the program now running as pid (since its exec)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def swap_used():
    with open("/proc/meminfo") as f:
        info = dict(line.split(":", 1) for line in f)
    kb = lambda k: int(info[k].split()[0])
    return (kb("SwapTotal") - kb("SwapFree")) / 1024


def summary(values):
    got = [v for v in values if v is not None]
    if not got:
        return "-"
    return f"{statistics.median(got):.1f} ({min(got):.1f}-{max(got):.1f})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="20k,5m,50m,500m")
    parser.add_argument("--salve", default=os.path.join(ROOT, "target", "release", "salve"))
    parser.add_argument("--dir", default="/tmp/salve-article-bench")
    parser.add_argument("--before", help="another salve build to time beside this one")
    args = parser.parse_args()
    tools = ["salve"] + [t for t in ("less", "mdcat") if shutil.which(t)]
    if args.before:
        BEFORE[0] = os.path.abspath(args.before)
        tools.insert(1, "before")
    if not shutil.which("mdcat"):
        print("mdcat is not installed: timed without it", file=sys.stderr)
    scratch = tempfile.mkdtemp(prefix="salve-article-")
    swap_before = swap_used()
    try:
        for name in args.sizes.split(","):
            path = document(args.dir, name, SIZES[name])
            size = os.path.getsize(path) / (1 << 20)
            results = {t: [] for t in tools}
            for run in range(args.runs):
                # Each tool goes first in turn: one that starts while the last one's memory is
                # still being freed, or right after another tool, is not always the same.
                for tool in tools[run % len(tools):] + tools[:run % len(tools)]:
                    results[tool].append(run_once(tool, path, os.path.abspath(args.salve), scratch))
            print(f"\n{name}: {path} ({size:.1f} MiB), {args.runs} runs, median (min-max), ms")
            print(f"{'tool':<7} {'first frame':>22} {'end after G':>26} {'G, end known':>20} "
                  f"{'q: terminal back':>20} {'q: exited':>20} {'RSS MiB':>8} {'RSS/size':>8}")
            less_first = None
            for tool, runs in results.items():
                cols = [summary([r[i] for r in runs]) for i in range(5)]
                rss = max(r[5] for r in runs)
                print(f"{tool:<7} {cols[0]:>22} {cols[1]:>26} {cols[2]:>20} {cols[3]:>20} "
                      f"{cols[4]:>20} {rss:>8.0f} {rss / max(size, 1e-9):>8.2f}")
                if tool == "less":
                    less_first = statistics.median([r[0] for r in runs if r[0] is not None] or [0])
            if less_first:
                salve_first = statistics.median([r[0] for r in results["salve"] if r[0] is not None] or [0])
                print(f"first frame, salve / less: {salve_first / less_first:.2f}")
        print(f"\nswap used: {swap_before:.0f} MiB before, {swap_used():.0f} MiB after")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
