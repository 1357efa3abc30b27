#!/usr/bin/env python3
"""Time to first frame in a real pseudo-terminal, and peak memory: the library start-up benchmark.

Starts `salve` (or any command) in a 120x40 pty, times process start to the end of its first
frame (salve ends every frame with ESC[?2026l, the end of a synchronized update), optionally
waits for a later screen (the library walk finishing), quits with `Q`, and reads the peak
resident set from wait4. Runs are interleaved across cases and the median and spread are
reported, because a 2-core machine drifts between runs.

    python3 benches/first_frame.py library [--runs 11] [--salve target/release/salve] [--keep]
        [--libraries bundled,medquad,100k] [--scratch DIR] [--big DIR]

`library` times the bundled library, MedQuAD (../shared/corpus/medquad, 5,483 files) and a
generated library of about 100,000 articles (MedQuAD copied 19 times with distinct titles, in
a temporary folder), each cold (no salve.db) and warm; warm runs also press `j` as soon as the
first frame is out and time its answer (the whole list is in by then). `--keep` leaves the
generated library and warm databases, `--scratch` uses them again. Standard library only.
"""

import argparse
import codecs
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

END_OF_FRAME = b"\x1b[?2026l"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MEDQUAD = os.path.join(ROOT, "..", "shared", "corpus", "medquad")


def run_once(argv, env, settle=None, timeout=120.0, key=None):
    """(ms to the first frame, ms until `settle` shows up or None, peak RSS in MiB, ms until
    `key`, pressed as soon as the first frame is out, is answered or None).

    `key` is (bytes to send, a function telling from all output so far whether the screen
    shows the answer)."""
    import fcntl
    import termios

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    seen = b""
    first = settled = answered = None
    deadline = start + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        seen += chunk
        now = time.perf_counter()
        if first is None and END_OF_FRAME in seen:
            first = (now - start) * 1000
            if key is not None:
                os.write(fd, key[0])
            if settle is None and key is None:
                break
        if first is not None and key is not None and answered is None and key[1](seen):
            answered = (now - start) * 1000
            if settle is None:
                break
        if first is not None and settle is not None and settled is None and settle(seen):
            settled = (now - start) * 1000
        if settled is not None and (key is None or answered is not None):
            break
    os.write(fd, b"Q")
    rss = 0.0
    for _ in range(200):
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            rss = usage.ru_maxrss / 1024
            break
        time.sleep(0.01)
    else:
        os.kill(pid, signal.SIGKILL)
        os.wait4(pid, 0)
    os.close(fd)
    return first, settled, rss, answered


class Screen:
    """The 120x40 screen, followed through the cursor moves and text salve writes (frames are
    diffs, so the bytes alone do not say what a row shows). Output comes in pieces that may
    cut a character or an escape sequence in two: both are finished with the next piece."""

    CSI = re.compile("\x1b\\[([0-9;?]*)([A-Za-z])")
    CUT_CSI = re.compile("\x1b(\\[[0-9;?]*)?")

    def __init__(self):
        self.cells = [[" "] * 120 for _ in range(40)]
        self.row = self.col = 0
        self.fed = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.tail = ""

    def feed(self, data):
        text = self.tail + self.decoder.decode(data[self.fed:])
        self.fed = len(data)
        self.tail = ""
        i = 0
        while i < len(text):
            if text[i] == "\x1b":
                m = self.CSI.match(text, i)
                if m:
                    params, final = m.group(1), m.group(2)
                    if final == "H":
                        parts = [int(p) if p.isdigit() else 1 for p in params.split(";")] + [1, 1]
                        self.row, self.col = parts[0] - 1, parts[1] - 1
                    i = m.end()
                    continue
                if self.CUT_CSI.fullmatch(text, i):
                    self.tail = text[i:]
                    break
                i += 1
                continue
            if text[i] >= " ":
                if 0 <= self.row < 40 and self.col < 120:
                    self.cells[self.row][self.col] = text[i]
                self.col += 1
            i += 1

    def text(self, row):
        return "".join(self.cells[row]).rstrip()


def key_answered_detector():
    """`j` pressed at the first frame, and a function telling from all output so far whether
    the library shows its answer: the second row selected ("2/" in the status line)."""
    screen = Screen()

    def answered(seen):
        screen.feed(seen)
        return " 2/" in screen.text(39)

    return b"j", answered


def walk_finished_detector():
    """A function telling, from all output so far, whether the walk of the library is over:
    the header has a count and no longer says 'checking files'."""
    screen = Screen()

    def finished(seen):
        screen.feed(seen)
        header = screen.text(0)
        return "Library" in header and "checking files" not in header

    return finished


def make_big_library(target, copies=19):
    """MedQuAD copied `copies` times, every title made distinct; returns the file count."""
    count = 0
    for n in range(copies):
        for folder, _, files in os.walk(MEDQUAD):
            rel = os.path.relpath(folder, MEDQUAD)
            out = os.path.join(target, f"copy{n:02}", rel)
            os.makedirs(out, exist_ok=True)
            for name in files:
                if not name.endswith(".md") or name.lower() == "readme.md":
                    continue
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                text = re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m.group(1)} (copy {n})"', text, count=1, flags=re.M)
                with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                    f.write(text)
                count += 1
    return count


def library_cases(salve, scratch, wanted=("bundled", "medquad", "100k"), big=None):
    """(name, argv, data dir, cold?) for the library start-ups, the warm data dirs ready (a
    warm data dir already in `scratch` is used as it is). `big`: a generated library made
    before, instead of making one in `scratch`."""
    cases = []
    def data_dir(name, folder):
        d = os.path.join(scratch, name)
        os.makedirs(d, exist_ok=True)
        if folder:
            with open(os.path.join(d, "config.toml"), "w") as f:
                f.write(f'folders = ["{folder}"]\n')
        return d
    if big is None:
        big = os.path.join(scratch, "big")
        if os.path.isdir(MEDQUAD) and "100k" in wanted and not os.path.isdir(big):
            n = make_big_library(big)
            print(f"generated library: {n} files in {big}", file=sys.stderr)
    for name, folder in [("bundled", None), ("medquad", os.path.abspath(MEDQUAD)), ("100k", big)]:
        if name not in wanted or (folder and not os.path.isdir(folder)):
            continue
        cold = data_dir(name + "-cold", folder)
        warm = data_dir(name + "-warm", folder)
        # The warm database: one walk from nothing to its end (cache and search index), timed.
        env = {"SALVE_DATA_DIR": warm, "HOME": scratch, "TERM": "xterm-256color"}
        made = os.path.exists(os.path.join(warm, "salve.db"))
        _, walked, *_ = run_once([salve], env, settle=walk_finished_detector(), timeout=3600.0)
        walked = f"{walked / 1000:.1f} s" if walked is not None else "not finished in an hour"
        if not made:
            print(f"{name}: the walk from nothing took {walked}", file=sys.stderr)
        cases.append((f"{name} cold", [salve], cold, True))
        cases.append((f"{name} warm", [salve], warm, False))
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["library"])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--salve", default=os.path.join(ROOT, "target", "release", "salve"))
    parser.add_argument("--libraries", default="bundled,medquad,100k",
                        help="which of bundled, medquad and 100k to time")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated libraries and data folders, and say where")
    parser.add_argument("--scratch", help="a folder --keep left: its library and warm "
                        "databases are used again (and kept)")
    parser.add_argument("--big", help="a generated 100,000-article library made before")
    args = parser.parse_args()
    scratch = args.scratch or tempfile.mkdtemp(prefix="salve-bench-")
    if args.scratch:
        args.keep = True
    try:
        cases = library_cases(os.path.abspath(args.salve), scratch, args.libraries.split(","),
                              args.big)
        results = {name: [] for name, *_ in cases}
        for _ in range(args.runs):
            for name, argv, data, cold in cases:
                db = os.path.join(data, "salve.db")
                if cold:
                    for suffix in ("", "-wal", "-shm"):
                        if os.path.exists(db + suffix):
                            os.remove(db + suffix)
                env = {"SALVE_DATA_DIR": data, "HOME": scratch, "TERM": "xterm-256color"}
                # Cold: the first frame only (the walk from nothing is timed once, above).
                # Warm: also `j` pressed at the first frame, timed until it is answered.
                settle = None if cold else walk_finished_detector()
                key = None if cold else key_answered_detector()
                results[name].append(run_once(argv, env, settle=settle, key=key))
        print(f"{'case':<14} {'first frame ms (median, min-max)':>34} {'j answered, from start':>22} "
              f"{'walk done ms':>13} {'peak RSS MiB':>13}")
        for name, runs in results.items():
            def median_spread(values):
                if not values:
                    return "-"
                return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"
            firsts = [r[0] for r in runs if r[0] is not None]
            settled = [r[1] for r in runs if r[1] is not None]
            rss = [r[2] for r in runs]
            answered = [r[3] for r in runs if r[3] is not None]
            walk = f"{statistics.median(settled):.0f}" if settled else "-"
            print(f"{name:<14} {median_spread(firsts):>34} {median_spread(answered):>22} "
                  f"{walk:>13} {max(rss):>13.0f}")
    finally:
        if args.keep:
            print(f"kept: {scratch} (the 100,000-article index: {scratch}/100k-warm)", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
