"""File output: exports written atomically, all or nothing, one process at a time per folder."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import OvnnotesError
from . import interrupts

SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def safe_name(name: str) -> str:
    """A file name built from user text: no separators, no `..`, nothing hidden."""
    cleaned = SAFE_NAME_RE.sub("-", name).strip(".-")
    return cleaned or "unnamed"


STREAM_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}
"""Paths that name a stream the process already has open; written to its file descriptor as it is."""
LOCK_TIMEOUT = 10.0
"""Seconds an export waits for another one writing the same folder (``OVNNOTES_LOCK_TIMEOUT``)."""


def default_lock_timeout() -> float:
    """``OVNNOTES_LOCK_TIMEOUT`` when it is a number of seconds, else ``LOCK_TIMEOUT``."""
    try:
        return max(0.0, float(os.environ.get("OVNNOTES_LOCK_TIMEOUT", LOCK_TIMEOUT)))
    except ValueError:
        return LOCK_TIMEOUT


def stream_fd(path: Path) -> int | None:
    """The file descriptor ``path`` names when it is ``/dev/stdout``, ``/dev/stderr`` or ``/dev/fd/N``."""
    text = path.as_posix()
    if text in STREAM_NAMES:
        return STREAM_NAMES[text]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            return int(text[len(prefix) :])
    return None


def is_stream(path: Path) -> bool:
    """True when writing ``path`` streams into it (a standard stream, a character device, a named pipe)."""
    if stream_fd(path) is not None:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_files(directory: Path, files: dict[str, bytes], lock_timeout: float | None = None) -> list[Path]:
    """Write every file atomically (temp file + rename in the same folder), all or nothing.

    All files are written to temporary names first and renamed only when every write succeeded,
    so an error midway leaves the previous files untouched; should a rename fail, the files
    already renamed are put back as they were. SIGINT, SIGTERM and SIGHUP cannot cut this in two
    (``interrupts.Guard``): during the writes they stop it and everything is put back; during
    the renames they wait until all are done; no temporary file is left either way.

    Each folder written into is locked (``flock`` on the folder itself) for the whole write, so
    two processes writing the same folder take turns instead of mixing their files; a process
    waits up to ``lock_timeout`` seconds (default ``default_lock_timeout()``) for the lock, then fails.

    Names must be plain relative paths inside ``directory``: anything else (``..``, an absolute
    path, a symbolic link leading out of it) is refused before anything is written (build names
    from user text with ``safe_name``). Atomic replacement is for regular files: a name that is
    a character device or a named pipe (``/dev/null``, a FIFO) or a standard stream
    (``/dev/stdout``) is opened and written to, after the files; other special files are refused.
    """
    plan = _plan(Path(directory), files)
    regular = [(name, target) for name, target, stream in plan if not stream]
    timeout = default_lock_timeout() if lock_timeout is None else lock_timeout
    with interrupts.Guard() as guard:
        folders = _folders([target for _, target in regular])
        with _locked(folders, timeout, guard.sleep):
            _commit(guard, [(target, files[name]) for name, target in regular])
        for name, target, stream in plan:
            if stream:
                with guard.stoppable():  # a named pipe may wait for its reader
                    _stream(target, files[name])
    return [target for _, target, _ in plan]


def _plan(directory: Path, files: Iterable[str]) -> list[tuple[str, Path, bool]]:
    """(name, target, whether it is streamed) for every file, sorted by name; ``OvnnotesError`` for a name refused."""
    root = directory.resolve()
    plan = []
    for name in sorted(files):
        given = directory / name
        if stream_fd(given) is not None:
            plan.append((name, given, True))
            continue
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise OvnnotesError(
                f"{name}: refusing to write outside {root}; export file names must be plain relative paths"
            )
        target = (root / relative).resolve()
        if root != target and root not in target.parents:
            link = _link_on_the_way(root, relative)
            raise OvnnotesError(
                f"{link}: is a symbolic link to {target if link == root / relative else link.resolve()}; "
                f"refusing to write outside {root} through it (remove the link, or give the real path)"
            )
        plan.append((name, target, _streamed(target)))
    return plan


def _link_on_the_way(root: Path, relative: Path) -> Path:
    """The first component of ``root / relative`` that is a symbolic link."""
    path = root
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            return path
    return root / relative  # pragma: no cover - resolve() left the folder, so some part is a link


def _streamed(target: Path) -> bool:
    """Whether ``target`` is written by streaming (a device or a FIFO); refuses other special files."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False  # a new file (creating its folder says what is in the way)
    except OSError as error:
        raise _cannot_write(target, error) from None
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        raise OvnnotesError(
            f"{target}: cannot write (it is a folder); choose a file in a folder you can write to"
        )
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file"
    raise OvnnotesError(
        f"{target}: is {kind}; ovnnotes writes regular files, character devices (/dev/null) and named pipes only"
    )


def _folders(targets: list[Path]) -> list[Path]:
    """The folders the targets go into, created if need be, sorted (every process locks them in the same order)."""
    folders = sorted({target.parent for target in targets})
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_write(next(t for t in targets if t.parent == folder), error) from error
    return folders


@contextmanager
def _locked(
    folders: list[Path], timeout: float, pause: Callable[[float], None] = time.sleep
) -> Iterator[None]:
    """Hold an exclusive ``flock`` on each folder (the folder itself: no lock file to leave behind).

    Where the system cannot lock a folder (no ``fcntl``, a file system without locks), the write
    goes on unlocked.
    """
    handles: list[int] = []
    deadline = time.monotonic() + timeout
    try:
        for folder in folders:
            handle = _lock(folder, deadline, timeout, pause)
            if handle is not None:
                handles.append(handle)
        yield
    finally:
        for handle in handles:
            os.close(handle)  # releases the lock


def _lock(
    folder: Path, deadline: float, timeout: float, pause: Callable[[float], None] = time.sleep
) -> int | None:
    """The locked folder's descriptor (None where locks are not available); ``pause`` waits between tries."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        return None
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return handle
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OvnnotesError(
                        f"{folder}: another ovnnotes process is writing here (waited {timeout:g} s); "
                        "try again when it has finished, or set OVNNOTES_LOCK_TIMEOUT to wait longer"
                    ) from None
                pause(0.05)
            except OSError:  # no locks on this file system
                os.close(handle)
                return None
    except BaseException:  # timed out, or a signal stopped the wait
        os.close(handle)
        raise


Data = bytes | Iterable[bytes]
"""A file's bytes, whole or in parts made as they are asked for (``write_staged``)."""


def write_staged(
    directory: Path,
    groups: Iterable[Mapping[str, Data] | Iterable[tuple[str, Data]]],
    lock_timeout: float | None = None,
) -> list[Path]:
    """``write_files`` for files that come in groups (one export format's files each, rendered when
    the iteration asks for them): each group is staged to temporary files as it comes, so only one
    group's bytes are in memory at a time (a group may be an iterator of (name, bytes) pairs, made as
    they are asked for). All or nothing, locked and guarded as ``write_files``;
    each folder is locked when its first file comes (always in the same order for the same
    groups, so two such writes take turns). A file's bytes may come in parts (``Data``): they are written as
    they come, never held whole. Returns every target, each group's sorted."""
    directory = Path(directory)
    timeout = default_lock_timeout() if lock_timeout is None else lock_timeout
    written: list[Path] = []
    streams: list[tuple[Path, bytes]] = []

    def regular() -> Iterator[tuple[Path, Data]]:
        for group in groups:
            targets = []
            pairs = sorted(group.items()) if isinstance(group, Mapping) else group
            for name, data in pairs:
                ((_, target, stream),) = _plan(directory, [name])
                targets.append(target)
                if stream:
                    streams.append((target, data if isinstance(data, bytes) else b"".join(data)))
                else:
                    yield target, data
            written.extend(sorted(targets))

    with interrupts.Guard() as guard, _Locks(timeout, guard.sleep) as locks:
        _commit(guard, regular(), locks.lock)
        for target, data in streams:
            with guard.stoppable():  # a named pipe may wait for its reader
                _stream(target, data)
    return written


class _Locks:
    """Folders locked as they come (``_locked`` for a set known in advance); released on exit."""

    def __init__(self, timeout: float, pause: Callable[[float], None] = time.sleep) -> None:
        self.timeout = timeout
        self.pause = pause
        self.deadline = time.monotonic() + timeout
        self.handles: list[int] = []
        self.folders: set[Path] = set()
        self.created: list[Path] = []

    def __enter__(self) -> _Locks:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        for handle in self.handles:
            os.close(handle)
        if kind is not None:  # a failed write leaves no folder behind either
            for folder in reversed(self.created):
                try:
                    folder.rmdir()
                except OSError:  # not empty (someone else's files): it stays
                    pass

    def lock(self, target: Path) -> None:
        """Create and lock the folder ``target`` goes into, unless it already is."""
        folder = target.parent
        if folder in self.folders:
            return
        missing = [path for path in (folder, *folder.parents) if not path.exists()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_write(target, error) from error
        self.created += reversed(missing)
        self.folders.add(folder)
        handle = _lock(folder, self.deadline, self.timeout, self.pause)
        if handle is not None:
            self.handles.append(handle)


def _unchanged(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a regular file holding exactly ``data`` (read in blocks: no second copy)."""
    try:
        if not target.is_file() or target.stat().st_size != len(data):
            return False
        view = memoryview(data)
        with open(target, "rb") as stream:
            offset = 0
            while block := stream.read(1 << 20):
                if view[offset : offset + len(block)] != block:
                    return False
                offset += len(block)
        return offset == len(data)
    except OSError:
        return False


def _write_parts(stream: BinaryIO, parts: Iterable[bytes], old: BinaryIO | None) -> bool:
    """Write ``parts`` (a file's bytes in pieces, made as they are asked for) to ``stream``, comparing
    them with the target's current bytes (``old``, open for reading) on the way; True when they are the same bytes."""
    same = old is not None
    for part in parts:
        stream.write(part)
        if same and old is not None and old.read(len(part)) != part:
            same = False
    return same and old is not None and old.read(1) == b""


def _opened(files: contextlib.ExitStack, target: Path) -> BinaryIO | None:
    """``target`` open for reading until ``files`` closes, or None when it is not a readable regular file."""
    if not target.is_file():
        return None
    try:
        return files.enter_context(open(target, "rb"))
    except OSError:
        return None


def _commit(
    guard: interrupts.Guard,
    targets: Iterable[tuple[Path, Data]],
    lock: Callable[[Path], None] | None = None,
) -> None:
    """Stage every file (``lock`` first called with each target), then rename them all into place
    (see ``write_files``). A file that already holds its bytes is left as it is.

    A signal stops the work only while a file's bytes are made and written (the next one rendered,
    its parts written): everything else, the bookkeeping, the renames and the clean-up, runs with
    signals waiting (``interrupts.Guard``), so nothing is left half done or behind."""
    staged: list[tuple[Path, Path]] = []
    replaced: list[tuple[Path, Path | None]] = []  # (target, backup of its old content or None)
    target = Path()
    committed = False
    entries = iter(targets)
    try:
        while True:
            with guard.stoppable():  # the next file, rendered as it is asked for
                entry = next(entries, None)
            if entry is None:
                break
            target, data = entry
            if lock is not None:
                lock(target)
            if isinstance(data, bytes) and _unchanged(target, data):
                continue
            handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((Path(temp_name), target))
            with os.fdopen(handle, "wb") as stream, contextlib.ExitStack() as files:
                old = (
                    None if isinstance(data, bytes) else _opened(files, target)
                )  # opened and closed while signals wait
                with guard.stoppable():
                    if isinstance(data, bytes):
                        stream.write(data)
                        same = False  # compared before
                    else:
                        same = _write_parts(stream, data, old)
            if same:  # the parts made the file's bytes again: leave it as it is
                staged.pop()
                os.unlink(temp_name)
                continue
            os.chmod(temp_name, _FILE_MODE)  # mkstemp makes 0600 files; exports are ordinary files
        for temp, target in staged:  # all renamed, or (on an error) all put back
            backup = _backup(target)
            replaced.append((target, backup))
            os.replace(temp, target)
        committed = True
    except OSError as error:
        _restore(replaced)
        raise _cannot_write(target, error) from error
    except BaseException:
        if not committed:
            _restore(replaced)
        raise
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()
        for _, backup in replaced:
            if backup is not None and backup.exists():
                backup.unlink()


def _stream(target: Path, data: bytes) -> None:
    """Write into a stream: a standard stream's descriptor as it is, else the device or FIFO opened for writing."""
    fd = stream_fd(target)
    try:
        if fd is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            _write_all(fd, data)
            return
        handle = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))  # a FIFO waits for its reader
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        raise _cannot_write(target, error) from error


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _backup(target: Path) -> Path | None:
    """Another name for ``target``'s current content, to put back if a later rename fails.

    A hard link (nothing is copied) where the file system has them, else a copy.
    """
    if not target.is_file():
        return None
    for _ in range(100):
        backup = target.parent / f".{target.name}.{secrets.token_hex(4)}.bak"
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:
            break
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak")
    os.close(handle)
    try:
        shutil.copy2(target, name)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


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
            for p in directory.iterdir()
            if p.is_file() and p.name not in files and not p.name.startswith(".")
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
        stale += sorted(
            p.name
            for p in directory.iterdir()
            if p.is_file() and p.name not in files and not p.name.startswith(".")
        )
    return stale
