"""Characters that fool readers: line separators that are no line ends, and bidirectional controls.

Shared by the notes readers (``parser``, ``markdown``) and the people registry (``people``).
"""

from __future__ import annotations

import re
import unicodedata

LINE_SEPARATORS = dict.fromkeys(map(ord, "\u2028\u2029"), " ")
"""U+2028 and U+2029 to spaces (for ``str.translate``): no line end to ovnnotes, one to ``str.splitlines``."""
BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional controls: kept (right-to-left text may need them) but reported (ONI005), as they can disguise text."""


def one_line(text: str) -> str:
    """``text`` with U+2028 and U+2029 as spaces."""
    return text.translate(LINE_SEPARATORS) if "\u2028" in text or "\u2029" in text else text


def bidi_control(line: str) -> tuple[int, str] | None:
    """(1-based column, ``U+202E RIGHT-TO-LEFT OVERRIDE``) of the first bidirectional control in ``line``, if any."""
    if line.isascii():
        return None
    match = BIDI_RE.search(line)
    if match is None:
        return None
    return match.start() + 1, f"U+{ord(match.group()):04X} {unicodedata.name(match.group(), 'BIDI CONTROL')}"
