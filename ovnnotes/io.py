"""File input and output: reading notes safely, writing exports atomically."""

from __future__ import annotations

import errno
import os
import re
import shutil
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
    so an error midway leaves the previous exports untouched; should a rename fail, the files
    already renamed are put back as they were. Names must be plain relative paths inside
    ``directory``: anything else (``..``, an absolute path) is refused before anything is written
    (build names from user text with ``safe_name``).
    """
    directory = directory.resolve()
    staged: list[tuple[Path, Path]] = []
    replaced: list[tuple[Path, Path | None]] = []  # (target, backup of its old content or None)
    target = directory
    for name in files:
        resolved = (directory / name).resolve()
        if directory != resolved and directory not in resolved.parents:
            raise OvnnotesError(f"{name}: refusing to write outside {directory}; export file names must be plain relative paths")
    try:
        for name, data in sorted(files.items()):
            target = (directory / name).resolve()
            if target.is_dir():
                raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((Path(temp_name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp_name, _FILE_MODE)  # mkstemp makes 0600 files; exports are ordinary files
        for temp, target in staged:
            backup = _backup(target)
            replaced.append((target, backup))
            os.replace(temp, target)
    except OSError as error:
        _restore(replaced)
        raise _cannot_write(target, error) from error
    except BaseException:
        _restore(replaced)
        raise
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()
        for _, backup in replaced:
            if backup is not None and backup.exists():
                backup.unlink()
    return [target for _, target in staged]


def _backup(target: Path) -> Path | None:
    """A copy of ``target``'s current content, to put back if a later rename fails."""
    if not target.is_file():
        return None
    handle, backup = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak")
    os.close(handle)
    try:
        shutil.copy2(target, backup)
    except BaseException:
        os.unlink(backup)
        raise
    return Path(backup)


def _restore(replaced: list[tuple[Path, Path | None]]) -> None:
    """Undo renames already done: old contents back, new files removed (best effort)."""
    for target, backup in reversed(replaced):
        try:
            if backup is not None:
                os.replace(backup, target)
            elif target.exists():
                target.unlink()
        except OSError:  # pragma: no cover - nothing better to do; the error being raised says what failed
            pass


def _cannot_write(target: Path, error: OSError) -> OvnnotesError:
    """A one-line message naming the file that could not be written, why, and what to do."""
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        why = f"{error.filename or 'a folder on the way'} is a file, not a folder"
    elif isinstance(error, IsADirectoryError):
        why = "it is a folder"
    else:
        why = error.strerror or type(error).__name__
    return OvnnotesError(f"{target}: cannot write ({why}); choose a file in a folder you can write to")


def export_status(directory: Path, files: dict[str, bytes], exclusive: bool = False) -> list[tuple[str, str]]:
    """(name, what is wrong) for each file of an export that is not up to date, sorted by name.

    `missing` (never written), `out of date` (differs from what the notes give) and, with
    ``exclusive`` (a folder only this export writes), `no longer written (delete it)`.
    """
    found = []
    for name, data in sorted(files.items()):
        path = directory / name
        if not path.is_file():
            found.append((name, "missing"))
        elif path.read_bytes() != data:
            found.append((name, "out of date"))
    if exclusive and directory.is_dir():
        found += sorted(
            (p.name, "no longer written (delete it)")
            for p in directory.iterdir() if p.is_file() and p.name not in files and not p.name.startswith(".")
        )
    return found


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
