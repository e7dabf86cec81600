"""``ovnnotes check`` answered from the fingerprint of exports/, before click or the model is imported.

``main`` calls ``check_fast`` for ``check [PATHS]`` with no option. When the fingerprint matches
(``files.fingerprint``) and records a clean validation, it prints what the full check would print
on success and the command ends there (exit 0); otherwise nothing is printed and the full command
runs (``cli.check``), which says why with ``--verbose``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path


def exports_dir() -> Path:
    """`exports/` of the project the working directory is in, else `./exports/`, as shown in messages."""
    from ..files.locations import locate

    path = locate().exports
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def success_lines(files: int, formats: Sequence[str]) -> list[str]:
    """What ``check`` prints when everything is fine (the same words as ``validate --quiet`` and ``export --check``)."""
    return [
        f"no problems in {files} file{'' if files == 1 else 's'}",
        f"exports up to date ({', '.join(formats)})",
    ]


def check_fast(paths: Sequence[str], today: dt.date | None = None) -> bool:
    """Print the success of ``check PATHS`` and return True when the fingerprint says so; else False."""
    from .. import __version__
    from ..files import fingerprint

    try:
        found = fingerprint.match(exports_dir(), paths, __version__)
    except OSError:
        return False
    if found.verdict is None or not found.verdict.clean(today or dt.date.today()):
        return False
    sys.stdout.write("\n".join(success_lines(found.verdict.files, found.formats)) + "\n")
    return True
