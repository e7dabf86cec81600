"""Characters that editors and exports leave in text, and characters that fool readers.

One table each: spaces that are not U+0020, invisible (zero-width) characters, curly quotes,
control characters (C0 and C1), the line separators U+2028 and U+2029 (no line ends here, one to
``str.splitlines``) and the bidirectional controls. Every expression over them is built here;
``normalise_line`` has a fast path (``is_plain``) beside the exact rule it shadows.
"""

from __future__ import annotations

import re
import unicodedata

SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"),
    " ",
)
"""Unicode spaces -> a space (for ``str.translate``)."""
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
"""Zero-width characters -> nothing (for ``str.translate``)."""
INVISIBLE_CHARACTERS = frozenset(map(chr, INVISIBLE))
QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
"""Curly quotes -> straight ones (for ``str.translate``)."""
LINE_SEPARATORS = "\u2028\u2029"
"""U+2028 and U+2029: no line end to ovnnotes, one to ``str.splitlines``."""
_LINE_SEPARATOR_SPACES = dict.fromkeys(map(ord, LINE_SEPARATORS), " ")
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional controls: kept (right-to-left text may need them) but reported (ONI005), as they can disguise text."""
BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
C0_CONTROLS = "".join(map(chr, range(0x20)))
"""The C0 control characters (what a browser strips from around a URL, with the space)."""
CONTROLS = C0_CONTROLS + "".join(map(chr, range(0x7F, 0xA0)))
"""The C0 and C1 control characters (and DEL)."""


def controls_re(keep: str = "", extra: str = "") -> re.Pattern[str]:
    """An expression for one control character (``CONTROLS``) but those in ``keep``, or one of ``extra``."""
    return re.compile("[" + "".join(re.escape(ch) for ch in CONTROLS + extra if ch not in keep) + "]")


CONTROL_RE = controls_re(keep="\t\n")
"""What the readers remove from a line: every control character but tab (the text export's
checkbox separator) and line feed."""
NON_WHITESPACE_CONTROL_RE = controls_re(keep="\t\n\r")
"""Control characters that are not white space (tab, line feed, carriage return): what no table
cell or URL may hold."""
UNPRINTABLE_IN_A_LINE_RE = controls_re(extra=LINE_SEPARATORS)
"""What a one-line message must not print as it is: every control character and line separator."""


def is_plain(line: str) -> bool:
    """The common case, ``normalise_line``'s fast path: printable ASCII has nothing to normalise."""
    return line.isascii() and line.isprintable()


def normalised(line: str) -> tuple[str, bool]:
    """The exact rule: Unicode spaces to spaces, zero-width characters out, curly quotes straight,
    control characters but tab and line feed out. Returns the line and whether a control was removed."""
    line = line.translate(SPACE_LIKE).translate(INVISIBLE).translate(QUOTES)
    cleaned = CONTROL_RE.sub("", line)
    return cleaned, cleaned != line


def normalise_line(line: str, strip: bool = True) -> tuple[str, bool]:
    """``normalised``, and the right end stripped (``strip``); tabs are kept (they separate
    checkboxes from action items). Returns the line and whether a control character was removed."""
    if is_plain(line):  # nothing to normalise
        return line.rstrip() if strip else line, False
    cleaned, removed = normalised(line)
    return cleaned.rstrip() if strip else cleaned, removed


def one_line(text: str) -> str:
    """``text`` with U+2028 and U+2029 as spaces."""
    return text.translate(_LINE_SEPARATOR_SPACES) if "\u2028" in text or "\u2029" in text else text


def bidi_control(line: str) -> tuple[int, str] | None:
    """(1-based column, ``U+202E RIGHT-TO-LEFT OVERRIDE``) of the first bidirectional control in ``line``, if any."""
    if line.isascii():
        return None
    match = BIDI_RE.search(line)
    if match is None:
        return None
    return match.start() + 1, f"U+{ord(match.group()):04X} {unicodedata.name(match.group(), 'BIDI CONTROL')}"


def shown_on_one_line(text: str) -> str:
    """``text`` with every control character and line separator written as its escape (``\\n``)."""
    return UNPRINTABLE_IN_A_LINE_RE.sub(lambda match: repr(match.group())[1:-1], text)
