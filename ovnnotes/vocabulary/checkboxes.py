"""Checkboxes: the glyphs the text export leaves before an action item, Markdown's task boxes.

A checkbox is ``open``, ``done`` or ``unknown`` (a glyph or box the notes use whose state cannot
be told); the values are those of ``model.Checkbox``. ``HEADING_GLYPHS`` are the boxes a meeting
heading may carry before its title (``Dec 15, 2025 | ☐ OVN Community Meeting``), which mean nothing.
"""

from __future__ import annotations

import re

OPEN, DONE, UNKNOWN = "open", "done", "unknown"
EXPORT_BOXES = {
    "": OPEN,
    "[ ]": OPEN,
    "☐": OPEN,
    "□": OPEN,
    "\\checkmark": DONE,
    "[x]": DONE,
    "[X]": DONE,
    "☑": DONE,
    "✓": DONE,
    "✔": DONE,
    "☒": DONE,
}
"""What the text export leaves before the tab of an action item's line (stripped): its state.
Anything else there is a box of unknown state (``ONP108``)."""
TASK_BOXES = {" ": OPEN, "x": DONE, "X": DONE, "?": UNKNOWN}
"""Markdown task boxes (``- [ ]``, ``- [x]``, ``- [?]``): the character inside -> the state."""
TASK_RE = re.compile("^\\[([" + re.escape("".join(TASK_BOXES)) + "])\\](?=[ \\t\\n]|$)")
"""A task box at the start of a list item's text."""
WRITTEN_BOXES = {OPEN: "[ ]", DONE: "[x]", UNKNOWN: "[?]"}
"""How ``ovnnotes fmt`` writes each state."""
HEADING_GLYPHS = "☐□■▢◻"


def export_box(box: str) -> str:
    """The state of the text export's box (stripped): ``open``, ``done``, else ``unknown``."""
    return EXPORT_BOXES.get(box, UNKNOWN)


_LEADING_BOX_RE = re.compile(
    "^("
    + "|".join(re.escape(box) for box in sorted(EXPORT_BOXES, key=len, reverse=True) if box)
    + ")[ \t]+(?=\\S)"
)


def split_leading_box(text: str) -> tuple[str, str] | None:
    """(box, rest) when ``text`` starts with a box of ``EXPORT_BOXES`` and a space (``☐ Dumitru to ...``:
    the box written after the tab, by hand, rather than before it as the export does), else None."""
    match = _LEADING_BOX_RE.match(text)
    return (match.group(1), text[match.end() :]) if match else None
