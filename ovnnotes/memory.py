"""Memory: pausing the cyclic garbage collector while a document is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building a document.

    Parsing makes many small objects that all live until the end; the collector would walk them
    again and again for nothing (the more there are, the longer each walk: super-linear on big
    inputs). Nothing here makes reference cycles that need collecting. The previous state is
    restored, so callers that disabled the collector themselves keep it disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
