"""Reading inputs: paths and folders to notes texts, with errors a user can act on.

This is the I/O shell around the pure parser. Problems with a file as a whole (missing, a
folder, binary, not UTF-8) raise ``InputError`` with a one-line message naming the path.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .io import OvnnotesError
from .resources import NOTES_SUFFIXES, display_path

EncodingErrors = Literal["strict", "replace"]
STDIN = "-"


class InputError(OvnnotesError):
    """An input file that cannot be used at all (exit code 2).

    ``code`` is the rule ``validate`` reports it as: ``ONI002`` for text that is not UTF-8,
    ``ONI003`` (the default) for anything else.
    """

    code = "ONI003"


class EncodingError(InputError):
    """Text that is not valid UTF-8."""

    code = "ONI002"


@dataclass(frozen=True)
class Input:
    """One notes text, read and decoded."""

    path: str
    text: str
    sha256: str


def expand(inputs: Sequence[str], suffixes: Sequence[str] = NOTES_SUFFIXES) -> list[str]:
    """File names to read: folders walked (``ovnnotes.walk``); no inputs, the project's notes.

    With no inputs, the notes are those of ``seeds/`` of the project the working directory is
    in, or the bundled ones outside any project (``ovnnotes.project``). Which of the files found
    are really notes is decided after reading them (``ovnnotes.inputs.gather``).
    """
    from . import walk
    from .project import locate

    if not inputs:
        inputs = [str(locate().seeds)]
    paths: list[str] = []
    for name in inputs:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found = walk.files(path, suffixes)
            if not found:
                raise InputError(f"{name}: no notes files ({', '.join(suffixes)}) in this folder")
            paths.extend(found)
        else:
            paths.append(name)
    return paths


def decode(data: bytes, path: str, errors: EncodingErrors = "strict") -> str:
    """UTF-8 (a BOM is dropped) or an ``InputError`` naming the byte offset and line."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (it contains NUL bytes); give a notes text file")
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise EncodingError(
            f"{path}:{line}: invalid UTF-8 at byte offset {error.start}; re-save the file as UTF-8 "
            "or pass --encoding-errors replace"
        ) from None


def read(name: str, errors: EncodingErrors = "strict") -> Input:
    """Read one input (``-`` is standard input)."""
    if name == STDIN:
        data = sys.stdin.buffer.read()
        shown = "<stdin>"
    else:
        path = Path(name)
        shown = display_path(path)
        if path.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except OSError as error:
            raise InputError(f"{name}: cannot read: {error.strerror}") from None
    return Input(path=shown, text=decode(data, shown, errors), sha256=hashlib.sha256(data).hexdigest())

