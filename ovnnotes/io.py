"""File input and output: reading notes safely, writing exports atomically."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


class OvnnotesError(Exception):
    """A problem the user can fix (bad path, unreadable file); the CLI prints it without a traceback."""

    exit_code = 2


def safe_name(name: str) -> str:
    """A file name built from user text: no separators, no `..`, nothing hidden."""
    cleaned = SAFE_NAME_RE.sub("-", name).strip(".-")
    return cleaned or "unnamed"


def write_files(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file atomically (temp file + rename in the same folder).

    All files are written to temporary names first and renamed only when every write succeeded,
    so an error midway leaves the previous exports untouched. Names must be plain relative paths
    inside ``directory``.
    """
    directory = directory.resolve()
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in sorted(files.items()):
            target = (directory / name).resolve()
            if directory != target and directory not in target.parents:
                raise OvnnotesError(f"{name}: refusing to write outside {directory}")
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((Path(temp), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp, _FILE_MODE)  # mkstemp makes 0600 files; exports are ordinary files
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as error:
        raise OvnnotesError(f"{error.filename or directory}: cannot write: {error.strerror}") from error
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()
    return [target for _, target in staged]


def stale_files(directory: Path, files: dict[str, bytes], exclusive: bool = False) -> list[str]:
    """Names whose file in ``directory`` is missing or differs from the expected bytes.

    With ``exclusive`` (a folder only this export writes), files nobody writes any more count too.
    """
    stale = []
    for name, data in sorted(files.items()):
        path = directory / name
        if not path.is_file() or path.read_bytes() != data:
            stale.append(name)
    if exclusive and directory.is_dir():
        stale += sorted(p.name for p in directory.iterdir() if p.is_file() and p.name not in files and not p.name.startswith("."))
    return stale
