"""A signal at any line of a write leaves the old files or the new ones, and nothing else.

``test_faults.py`` sends real signals to real exports at a few moments; this test is exhaustive
instead: a write of a few files (in groups, one of them in parts, as ``export --format all`` writes)
is run once for each line the write runs in ``ovnnotes.files``, with SIGTERM raised at that line
(a trace function raises it; Python runs the handler there). CI once found a backup left behind
by a signal that came between the renames and the clean-up: no line may be such a gap.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import ovnnotes.files
from ovnnotes.files import interrupts
from ovnnotes.files.interrupts import Interrupted
from ovnnotes.files.writing import write_files, write_staged

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="POSIX signals")
PACKAGE = str(Path(ovnnotes.files.__file__).parent)
OLD = {"a.txt": b"old a\n", "c.txt": b"old c\n", "sub/b.txt": b"old b\n", "same.txt": b"same\n"}
NEW = {"a.txt": b"new a\n", "c.txt": b"new c\n", "sub/b.txt": b"new b\n", "same.txt": b"same\n"}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones (temporary files, backups) included."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def staged_groups() -> Iterator[Any]:
    """The new files as ``export --format all`` gives them: groups made when asked for, a file in parts."""
    yield {"a.txt": NEW["a.txt"], "same.txt": NEW["same.txt"]}
    yield iter([("sub/b.txt", iter([b"new ", b"b\n"]))])
    yield {"c.txt": NEW["c.txt"]}


WRITES = {
    "write_staged": lambda folder: write_staged(folder, staged_groups()),
    "write_files": lambda folder: write_files(folder, NEW),
}


class SignalAtLine:
    """A trace function that raises SIGTERM at the ``at``-th line run in ``ovnnotes.files`` (counts them all)."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.lines = 0

    def __call__(self, frame: FrameType, event: str, arg: object) -> Any:
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            self.lines += 1
            if self.lines == self.at:
                signal.raise_signal(signal.SIGTERM)
        return self


def run(write: Any, folder: Path, at: int | None) -> tuple[SignalAtLine, bool]:
    """(the tracer, whether the write was interrupted) for a write with SIGTERM at line ``at``."""
    tracer = SignalAtLine(at)
    interrupted = False
    sys.settrace(tracer)
    try:
        write(folder)
    except Interrupted:
        interrupted = True
    finally:
        sys.settrace(None)
    return tracer, interrupted


@pytest.fixture
def handlers() -> Iterator[None]:
    """The CLI's handlers (a signal raises ``Interrupted``), put back afterwards."""
    previous = interrupts.install()
    try:
        yield
    finally:
        interrupts.restore(previous)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_signal_at_any_line_of_a_write_leaves_the_old_files_or_the_new_ones(
    name: str, tmp_path: Path, handlers: None
) -> None:
    write = WRITES[name]
    counted, _ = run(write, tmp_path / "count", None)
    assert contents(tmp_path / "count") == NEW
    assert counted.lines > 50
    outcomes = set()
    for at in range(1, counted.lines + 1):
        folder = tmp_path / f"at-{at}"
        write_files(folder, OLD)
        tracer, interrupted = run(write, folder, at)
        after = contents(folder)
        state = "new" if after == NEW else "old" if after == OLD else "mixed"
        assert state != "mixed", f"SIGTERM at line {at} of {tracer.lines}: {sorted(after)}"
        assert interrupted, f"SIGTERM at line {at} was not reported"
        outcomes.add(state)
    assert outcomes == {"old", "new"}  # stopped while writing; waited for during the renames


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_signal_stops_the_wait_for_a_lock(
    name: str, tmp_path: Path, handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Waiting for another writer's lock is a moment a signal may stop: nothing is written yet."""
    import fcntl
    import os
    import threading
    import time

    folder = tmp_path / "exports"
    write_files(folder, OLD)
    monkeypatch.setenv("OVNNOTES_LOCK_TIMEOUT", "30")
    other = os.open(folder, os.O_RDONLY)
    fcntl.flock(other, fcntl.LOCK_EX)  # another writer holds the folder
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(Interrupted):
            WRITES[name](folder)
    finally:
        timer.cancel()
        os.close(other)
    assert time.monotonic() - start < 5
    assert contents(folder) == OLD
