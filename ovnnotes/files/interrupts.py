"""Signals (SIGINT, SIGTERM, SIGHUP) as exceptions, and sections of code they cannot cut in two.

The CLI turns the signals into ``Interrupted`` (``install``), which it reports with the exit code
``128 + signal number`` (130 for SIGINT, 143 for SIGTERM). ``writing.write_files`` uses a ``Guard``
so that a signal never leaves a mix of old and new files or temporary files behind: while files
are being written the signal stops the write (everything is put back as it was); while they are
being renamed into place or cleaned up it is held until that is done. Either way the signal is
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
    """A ``with`` block during which the signals stop the work (``_Stop``) or, in ``held()``, wait for it.

    On exit the previous handlers are back, and a signal received meanwhile is delivered to them
    (``signal.raise_signal``); the ``_Stop`` itself never leaves the block. Should the previous
    handler return instead of raising, ``Interrupted`` is raised: the guarded work did not finish.
    """

    def __init__(self) -> None:
        self.pending: int | None = None
        self.depth = 0
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
        if self.depth == 0:
            raise _Stop(signum)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Signals received inside wait until the block is done (then ``check`` or the exit delivers them)."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def check(self) -> None:
        """Stop now if a signal came during a ``held`` block."""
        if self.pending is not None and self.depth == 0:
            raise _Stop(self.pending)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        for signum, previous in self.saved.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        if self.pending is None:
            return
        signal.raise_signal(self.pending)  # the previous handler raises (or ends the process)
        if isinstance(error, _Stop):
            raise Interrupted(self.pending) from None  # it returned: still, the work was not done
