"""Signals (SIGINT, SIGTERM, SIGHUP) as exceptions, and sections of code they cannot cut in two.

The CLI turns the signals into ``Interrupted`` (``install``), which it reports with the exit code
``128 + signal number`` (130 for SIGINT, 143 for SIGTERM). ``writing.write_files`` uses a ``Guard``
so that a signal never leaves a mix of old and new files or temporary files behind: while files
are being made and written (and while waiting for a lock) the signal stops the write and
everything is put back as it was; at any other moment (renaming the files into place, cleaning
up) it waits until that is done. Either way the signal is
then delivered to the handler that was in place before, so a program using the library keeps
its own behaviour (the default action, Python's ``KeyboardInterrupt``, or the CLI's
``Interrupted``). Only the main thread can handle signals; elsewhere a ``Guard`` does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(BaseException):
    """The process received one of ``SIGNALS``; the CLI exits with ``exit_code``.

    A ``BaseException`` like ``KeyboardInterrupt``, so ``except Exception`` does not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def install() -> dict[int, Any]:
    """Turn ``SIGNALS`` into ``Interrupted`` (for the CLI), except those the process ignores (``nohup``).

    Returns the handlers replaced, for ``restore``.
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for signum in SIGNALS:
        handler = signal.getsignal(signum)
        if handler is not signal.SIG_IGN and handler is not None:
            previous[signum] = signal.signal(signum, raise_interrupted)
    return previous


def restore(previous: dict[int, Any]) -> None:
    """Put back the handlers ``install`` replaced."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)


class _Stop(BaseException):
    """Raised by a ``Guard``'s handler to stop the guarded work; the guard delivers the signal on exit."""


class Guard:
    """A ``with`` block that signals cannot cut in two, except in its ``stoppable()`` sections.

    Inside the block a signal waits (it is remembered); inside a ``stoppable()`` section it stops
    the work at once (``_Stop``), and the code around the section, its ``except`` and ``finally``
    clauses included, runs with signals waiting again, so it can always put things back. Waiting
    is the default because Python may run a handler between any two bytecodes: a clean-up that
    has to open a "held" section first could be cut before it opens.

    On exit the previous handlers are back, and a signal received meanwhile is delivered to them
    (``signal.raise_signal``); the ``_Stop`` itself never leaves the block. Should the previous
    handler return instead of raising, ``Interrupted`` is raised: the guarded work did not finish.
    """

    def __init__(self) -> None:
        self.pending: int | None = None
        self.open = False
        """Whether a ``stoppable()`` section is running (a signal stops it)."""
        self.saved: dict[int, object] = {}

    def __enter__(self) -> Guard:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                previous = signal.getsignal(signum)
                if previous is not signal.SIG_IGN and previous is not None:
                    self.saved[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.pending is None:
            self.pending = signum
        if self.open:
            self.open = False  # what runs after the stop (its clean-up) is not stopped again
            raise _Stop(signum)

    @contextmanager
    def stoppable(self) -> Iterator[None]:
        """A section a signal may stop (``_Stop``); one that came before it stops it at its start."""
        assert not self.open, "stoppable sections do not nest"
        if self.pending is not None:
            raise _Stop(self.pending)
        self.open = True
        try:
            yield
        finally:
            self.open = False

    def sleep(self, seconds: float) -> None:
        """``time.sleep`` that a signal stops (for waiting, e.g. on a lock)."""
        import time

        with self.stoppable():
            time.sleep(seconds)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.open = False
        for signum, previous in self.saved.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        if self.pending is None:
            return
        signal.raise_signal(self.pending)  # the previous handler raises (or ends the process)
        if isinstance(error, _Stop):
            raise Interrupted(self.pending) from None  # it returned: still, the work was not done
