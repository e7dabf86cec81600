"""Reading inputs: paths and folders to notes texts, with errors a user can act on.

This is the I/O shell around the pure parser. Problems with a file as a whole (missing, a
folder, a device, binary or UTF-16, not UTF-8, larger than the size limit) raise ``InputError``
with a one-line message naming the path. Only regular files, named pipes and standard input are
read, and at most ``max_bytes`` (default ``DEFAULT_MAX_BYTES``) of each: the limit is an argument,
never process state.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import EncodingError, InputError
from .locations import display_path

EncodingErrors = Literal["strict", "replace"]
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One notes text, read and decoded."""

    path: str
    text: str
    sha256: str


DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""The most bytes read from one input unless told otherwise: far above any real notes (the whole
history of the meetings is under 100 KB), low enough that an endless stream or a wrong file
stops with an error instead of taking the machine's memory."""
_CHUNK = 1 << 20
_SIZE_RE = re.compile(r"(\d{1,15}) ?([kmgt]?)(?:i?b)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from ``1048576``, ``512K``, ``256M``, ``1G`` (powers of 1024; ``MB``/``MiB`` alike)."""
    match = _SIZE_RE.fullmatch(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(
            f"{text!r} is not a size: give a number of bytes, optionally with K, M or G (e.g. 256M)"
        )
    return int(match.group(1)) * 1024 ** " kmgt".index(match.group(2).lower() or " ")


def show_size(size: int) -> str:
    """``256 MB`` for 268435456, ``1500 bytes`` for 1500."""
    for power, unit in ((3, "GB"), (2, "MB"), (1, "KB")):
        if size >= 1024**power and size % 1024**power == 0:
            return f"{size // 1024**power} {unit}"
    return f"{size} bytes"


def _too_large(shown: str, limit: int) -> InputError:
    return InputError(
        f"{shown}: larger than {show_size(limit)}, the most ovnnotes reads from one input; "
        "check that this is the notes file, or raise the limit with --max-bytes"
    )


def _binary_problem(head: bytes, path: str) -> InputError | None:
    """What to say about a file whose first bytes hold NUL bytes: UTF-16 (an encoding to re-save as UTF-8) or binary."""
    if b"\x00" not in head:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _alternating_nuls(head):
        return EncodingError(
            f"{path}: looks like UTF-16 text, which ovnnotes does not read; re-save it as UTF-8 "
            f"(e.g. `iconv -f UTF-16 -t UTF-8 {path} > notes-utf8.txt`)"
        )
    return InputError(f"{path}: looks like a binary file (it contains NUL bytes); give a notes text file")


def _alternating_nuls(head: bytes) -> bool:
    """Most of the even or odd bytes are NUL and nearly none of the others: UTF-16 without a BOM."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return False
    zeros = (even.count(0) / len(even), odd.count(0) / max(len(odd), 1))
    return max(zeros) > 0.4 and min(zeros) < 0.05


def decode(data: bytes, path: str, errors: EncodingErrors = "strict") -> str:
    """UTF-8 (a BOM is dropped) or an ``InputError`` naming the byte offset and line."""
    problem = _binary_problem(data[:8192], path)
    if problem:
        raise problem
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise EncodingError(
            f"{path}:{line}: invalid UTF-8 at byte offset {error.start}; re-save the file as UTF-8 "
            "or pass --encoding-errors replace"
        ) from None


def _kind(mode: int) -> str | None:
    """What a special file is, or None for those ``read`` takes (regular files and named pipes)."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"  # pragma: no cover


def _read_stream(stream: BinaryIO, shown: str, limit: int, size: int = 0) -> bytes:
    """All of ``stream``, or an ``InputError`` as soon as it has more than ``limit`` bytes (or starts binary)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        # A file's size at once, not one byte more: a short read would copy it all to shrink it.
        chunk = stream.read(min(max(size, _CHUNK) if not chunks else _CHUNK, limit + 1 - total))
        if not chunk:
            break
        if not chunks:
            problem = _binary_problem(chunk[:8192], shown)
            if problem and len(chunk) >= 8192:  # e.g. `< /dev/zero`: no need to read more to tell
                raise problem
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(shown, limit)
    return b"".join(chunks)


def read(
    name: str,
    errors: EncodingErrors = "strict",
    max_bytes: int = DEFAULT_MAX_BYTES,
    known: Input | None = None,
) -> Input:
    """Read one input (``-`` is standard input): a regular file, a named pipe or standard input.

    At most ``max_bytes`` bytes are read;
    a larger input, a device (``/dev/zero``), a folder or a socket is an ``InputError``.
    ``known``: this input as read before with the same ``errors``; when its bytes are still the same
    (sha256), it is returned instead of decoding them again (a second copy of a big text).
    """
    limit = max_bytes
    if name == STDIN:
        shown = "<stdin>"
        data = _read_stream(sys.stdin.buffer, shown, limit)
    else:
        path = Path(name)
        shown = display_path(path)
        try:
            info = os.stat(name)
            kind = _kind(info.st_mode)
            if kind == "a folder":
                raise InputError(f"{name}: is a folder, not a file")
            if kind is not None:
                raise InputError(
                    f"{name}: is {kind}, not a file; give a notes file (or `-` to read standard input)"
                )
            if info.st_size > limit:
                raise _too_large(name, limit)
            with open(name, "rb", buffering=0) as stream:  # a named pipe waits here for its writer
                if (
                    _kind(os.fstat(stream.fileno()).st_mode) is not None
                ):  # pragma: no cover - replaced meanwhile
                    raise InputError(f"{name}: is no longer a regular file")
                data = _read_stream(stream, name, limit, info.st_size)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a folder, not a file") from None
        except OSError as error:
            raise InputError(f"{name}: cannot read: {error.strerror}") from None
    sha256 = hashlib.sha256(data).hexdigest()
    if known is not None and (known.path, known.sha256) == (shown, sha256):
        return known
    return Input(path=shown, text=decode(data, shown, errors), sha256=sha256)


def read_ovsdb_schema(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, object]:
    """An OVSDB schema file (``.ovsschema``) as JSON; an ``InputError`` when it is not one."""
    data = read(path, max_bytes=max_bytes)
    try:
        schema = json.loads(data.text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), dict):
        raise InputError(f'{path}: not an OVSDB schema (no "tables" object)')
    return schema
