"""JSON Lines export: one meeting per line, for streaming tools (``jq -c``, ``grep``, Spark...).

Each line is the compact JSON of one :class:`~ovnnotes.model.Meeting` (the same object as in
``meetings`` of the JSON export, items nested), in document order, each line ending in ``\\n``.
Only meetings are written: the document's other top-level data (``schema_version``,
``generator``, ``sources``, ``people``, ``diagnostics`` and the extracted facts such as
``milestones``) is in the JSON export. Like the JSON export the text is UTF-8 with U+0085,
U+2028 and U+2029 escaped, so that no line-splitting tool can break a record in two.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, as_json
from . import ExportOptions
from .json_ import dumps

FORMAT = "jsonl"
DEFAULT_PATH = "ovnnotes.jsonl"
FACTS = frozenset[str]()
"""The extracted facts this format writes."""


def parts(document: Document) -> Iterator[bytes]:
    """The lines, one meeting at a time, made as they are asked for."""
    for meeting in document.meetings:
        yield (dumps(as_json(meeting)) + "\n").encode("utf-8")


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """Every meeting as one line of compact JSON."""
    return {DEFAULT_PATH: b"".join(parts(document))}


def render_parts(document: Document, options: ExportOptions) -> dict[str, Iterator[bytes]]:
    """``render``'s file one line at a time (``parts``)."""
    return {DEFAULT_PATH: parts(document)}
