"""A notes text as lines, and its hash: what both readers start from."""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from ..vocabulary.characters import one_line

_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR (never on the other characters ``str.splitlines`` breaks on).

    The line and paragraph separators U+2028 and U+2029 become spaces, code included: they are
    no line ends here, and a consumer splitting text with ``str.splitlines`` would see lines
    that are not there.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = one_line(text)
    return text.removesuffix("\n").split("\n") if text else []


def iter_lines(text: str, start: int = 0) -> Iterator[str]:
    """The lines of ``text`` (from offset ``start``) as ``TextLines`` has them (split on LF, CRLF
    or CR), one at a time: a caller that stops at the first line it looks for never splits the rest
    of a big text."""
    size = len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = text[start:end]
        if "\r" in line:
            yield from line.removesuffix("\r").split("\r")
        else:
            yield line
        start = end + 1


def reader_lines(text: str) -> Iterator[str]:
    """``split_lines(text)``, one line at a time.

    The text reader keeps only some lines (in its items); a list of all of them would hold a
    second copy of the notes, an object per line, for the whole parse.
    """
    lines = iter_lines(text, 1 if text.startswith("\ufeff") else 0)
    if "\u2028" in text or "\u2029" in text:
        return (one_line(line) for line in lines)
    return lines


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, encoded a slice at a time: no copy of the whole input in memory.

    Slicing never changes the bytes: UTF-8 encodes each code point on its own (lone surrogates
    too, with ``surrogatepass``).
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), 1 << 16):
        digest.update(text[start : start + (1 << 16)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class TextLines(Sequence[str]):
    """The lines of a text, numbered as the readers number them (split on LF, CRLF or CR, no line
    end kept, no empty last line), each made when asked for.

    A list of a big file's lines takes more memory than the file (an object per line); this keeps
    the text and where each line starts (8 bytes a line), for the few lines findings point at.
    """

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array[int] | None = None

    def _line_starts(self) -> array[int]:
        if self._starts is None:
            starts = array("q", [0] if self.text else [])
            starts.extend(match.end() for match in _LINE_END.finditer(self.text))
            if len(starts) > 1 and starts[-1] == len(self.text):
                starts.pop()  # the text ends with a line end: no empty line after it
            self._starts = starts
        return self._starts

    def __len__(self) -> int:
        return len(self._line_starts())

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        starts = self._line_starts()
        if index < 0:
            index += len(starts)
        if not 0 <= index < len(starts):
            raise IndexError("line index out of range")
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return self.text[starts[index] : end].rstrip("\r\n")  # a line holds no line end but its own

    def __iter__(self) -> Iterator[str]:
        return (self[index] for index in range(len(self)))
