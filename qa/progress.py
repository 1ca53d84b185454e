"""The progress line a long run shows on stderr: which pass, files done of the total, and an
estimate of the time left, redrawn in place at most a few times a second."""

from __future__ import annotations

import sys
import time

PASS_1 = "pass 1 of 2, counting what recurs"
PASS_2 = "pass 2 of 2, checking"
SINGLE = "checking"


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    """Called as progress(done, total, stage): (0, total, stage) when a pass starts, then after
    each file. Runs of fewer than min_files files stay silent; they end before anyone waits."""

    def __init__(self, stream=None, min_files: int = 100, every: float = 0.2, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.min_files, self.every, self.clock = min_files, every, clock
        self.stage, self.started, self.drawn = None, 0.0, float("-inf")

    def __call__(self, done: int, total: int, stage: str = SINGLE) -> None:
        if total < self.min_files:
            return
        now = self.clock()
        if stage != self.stage:
            self.stage, self.started, self.drawn = stage, now, float("-inf")
        if 0 < done < total and now - self.drawn < self.every:
            return
        self.drawn = now
        elapsed = now - self.started
        line = f"qa: {stage}: {done}/{total} files"
        if done == total:
            line += f" in {duration(elapsed)}"
        elif done:
            line += f", about {duration(elapsed / done * (total - done))} left"
        # Back to the line's start, the new text, then clear what a longer line left behind.
        self.stream.write("\r" + line + "\x1b[K" + ("\n" if done == total else ""))
        self.stream.flush()


# A one-line notice before slow one-off work (building the word list on first use). The CLI points
# this at stderr; used as a library, tadqiq stays silent.
notice = None


def announce(message: str) -> None:
    if notice is not None:
        notice(message)
