"""A notes text as lines, and its hash: what both readers start from."""

from __future__ import annotations

import hashlib

from ..vocabulary.characters import one_line


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR (never on the other characters ``str.splitlines`` breaks on).

    The line and paragraph separators U+2028 and U+2029 become spaces, code included: they are
    no line ends here, and a consumer splitting text with ``str.splitlines`` would see lines
    that are not there.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = one_line(text)
    return text.removesuffix("\n").split("\n") if text else []


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, encoded a slice at a time: no copy of the whole input in memory.

    Slicing never changes the bytes: UTF-8 encodes each code point on its own (lone surrogates
    too, with ``surrogatepass``).
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), 1 << 16):
        digest.update(text[start : start + (1 << 16)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
