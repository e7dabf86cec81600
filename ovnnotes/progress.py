"""Progress on standard error for long runs: files read, meetings parsed, formats written.

The library reports what it does through ``advance(counter)`` (a no-op unless a command is
``reporting``), so the parsers stay free of I/O; the CLI decides whether anything is shown:

* only when the stream is a terminal (never in a pipe, a file or a CI log: ``CI`` set, or
  ``TERM=dumb``), and not with ``--no-progress``: ``should_show``;
* only once the work has taken ``DELAY`` seconds (1 s), so quick runs print nothing; then at most
  every ``INTERVAL`` seconds, on one line that is rewritten (``\\r``) and cleared at the end, so
  the command's real output is never mixed with it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO

DELAY = 1.0
INTERVAL = 0.1
LABELS = {"files": "files read", "meetings": "meetings parsed", "formats": "formats written"}
"""Counters and how they are shown, in display order."""


def should_show(stream: IO[str], enabled: bool = True, environ: Mapping[str, str] | None = None) -> bool:
    """Whether progress goes to ``stream``: enabled, a terminal, and not a CI log or a dumb terminal."""
    env = os.environ if environ is None else environ
    if not enabled or env.get("CI") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed stream
        return False


class Progress:
    """Counts and, past ``delay`` seconds, draws them on ``stream``."""

    def __init__(
        self,
        stream: IO[str],
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY,
        interval: float = INTERVAL,
    ) -> None:
        self.stream, self.clock, self.delay, self.interval = stream, clock, delay, interval
        self.start = clock()
        self.counts: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.drawn_at: float | None = None
        self.width = 0

    def total(self, counter: str, total: int) -> None:
        self.totals[counter] = total

    def advance(self, counter: str, step: int = 1) -> None:
        self.counts[counter] = self.counts.get(counter, 0) + step
        now = self.clock()
        if now - self.start < self.delay or (
            self.drawn_at is not None and now - self.drawn_at < self.interval
        ):
            return
        self.drawn_at = now
        self.draw()

    def line(self) -> str:
        parts = []
        for counter, label in LABELS.items():
            if counter in self.counts or counter in self.totals:
                done, total = self.counts.get(counter, 0), self.totals.get(counter)
                parts.append(f"{done}/{total} {label}" if total is not None else f"{done} {label}")
        return "ovnnotes: " + ", ".join(parts) + f" ({self.clock() - self.start:.0f} s)"

    def draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.drawn_at = None


_current: ContextVar[Progress | None] = ContextVar("ovnnotes_progress", default=None)


def active() -> Progress | None:
    """The progress being reported to, if any (a command's inner steps then share it)."""
    return _current.get()


def advance(counter: str, step: int = 1) -> None:
    """Count ``step`` more of ``counter`` (`files`, `meetings`, `formats`) for the progress shown, if any."""
    progress = _current.get()
    if progress is not None:
        progress.advance(counter, step)


def total(counter: str, count: int) -> None:
    """Say how many of ``counter`` there will be (shown as `done/total`)."""
    progress = _current.get()
    if progress is not None:
        progress.total(counter, count)


@contextmanager
def reporting(progress: Progress | None) -> Iterator[Progress | None]:
    """Send ``advance`` calls to ``progress`` (None: nowhere) while the block runs; clear it at the end."""
    token = _current.set(progress)
    try:
        yield progress
    finally:
        _current.reset(token)
        if progress is not None:
            progress.clear()
