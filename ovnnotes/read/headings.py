"""Meeting headings: ``Dec 15, 2025 | ☐ OVN Community Meeting`` (or ``## 2025-12-15 ...``).

Both readers and the Markdown writer (to check what it writes) read headings here. A line is a
heading when it starts with a date (``Mon D, YYYY`` with any written form of the month, or an
ISO date) and has a ``|`` or names the series; a line that names the series and has a ``|`` but
whose date cannot be read is a damaged heading (``ONP101``: its meeting's lines are skipped).
"""

from __future__ import annotations

import datetime as dt
import re

from ..vocabulary.characters import normalise_line
from ..vocabulary.checkboxes import HEADING_GLYPHS
from ..vocabulary.dates import is_month_name, month_number
from ..vocabulary.labels import METADATA_RE, SERIES_HINT_RE, SERIES_TITLE
from .lines import iter_lines

HEADING_RE = re.compile(
    r"^#{0,6}\s*(?P<date>(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))"
    rf"\s*(?:\|\s*)?(?P<glyph>[{HEADING_GLYPHS}]\s*)?(?P<title>.*)$"
)
HEADING_DEBRIS = f" \t|{HEADING_GLYPHS}"
"""Characters stripped from the start of a meeting title: the export's pipes and checkbox glyphs."""
BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<bullet>[-•*●])(?:[ \t]+|$)(?P<rest>.*)$")
"""A bullet line of the text export (``-``, ``•``, ``*`` or ``●``, then white space or nothing)."""


def parse_date(month: str, day: str, year: str) -> dt.date | None:
    """The date of a heading's month name, day and year; None when it is no date."""
    number = month_number(month)
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def may_be_heading(line: str) -> bool:
    """False for lines ``meeting_heading`` would reject anyway (most lines): a heading starts with
    ``#``, a letter or a digit; a damaged one has a ``|``."""
    first = line.lstrip()[:1]
    return first.isalnum() or first == "#" or "|" in line


def meeting_heading(line: str) -> tuple[dt.date | None, str] | None:
    """(date, title) for a meeting heading, (None, line) for a damaged one, None otherwise."""
    match = HEADING_RE.match(line)
    if match:
        # Pipes and checkbox glyphs around the title are debris, however many (``2026||| | □ OVN ...``).
        title = match.group("title").lstrip(HEADING_DEBRIS).rstrip(" \t|") or SERIES_TITLE
        if match.group("iso"):
            try:
                return dt.date.fromisoformat(match.group("iso")), title
            except ValueError:
                return None, line
        if "|" in line or SERIES_HINT_RE.search(title) or not title:
            date = parse_date(match.group("month"), match.group("day"), match.group("year"))
            if date is None and not (is_month_name(match.group("month")) or SERIES_HINT_RE.search(line)):
                return None
            return date, title
    if (
        SERIES_HINT_RE.search(line)
        and "|" in line
        and not BULLET_RE.match(line)
        and not METADATA_RE.match(line)
    ):
        return None, line  # damaged: it names the series and has a pipe (an `Attendees:` line is no heading)
    return None


def has_meeting_heading(text: str, markdown: bool = False) -> bool:
    """Whether ``text`` has a line, outside code blocks, that starts like a meeting heading.

    Readable headings count and so do damaged ones that ``ONP101`` would report (a date that is
    not a date), but not a line that merely mentions a heading (a README quoting one in a table
    or a fenced example). ``markdown`` also skips `~~~` fences and lines indented 4 spaces.
    Used to tell notes from other text files found in a folder.
    """
    fence = ""
    for raw in iter_lines(text):
        line = raw if raw.isascii() else normalise_line(raw, strip=False)[0]
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith("```") or (markdown and stripped.startswith("~~~")):
            fence = stripped[:3]
            continue
        if markdown and len(line) - len(line.lstrip(" ")) >= 4:
            continue
        if stripped[:1].isalnum() or stripped[:1] == "#":
            if HEADING_RE.match(stripped) and meeting_heading(stripped) is not None:
                return True
    return False
