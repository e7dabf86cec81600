"""JSON export: the whole document, exactly as the data model (and its JSON Schema) describes it.

The output is UTF-8 with non-ASCII characters written as themselves, indented by two spaces,
keys in the order the model declares its fields, and a trailing newline. The only characters
escaped beyond what JSON requires are U+0085, U+2028 and U+2029: they are line breaks for some
line-based tools (e.g. Python's ``str.splitlines``), so they are written as ``\\uXXXX``; the
parsed value is unchanged. A lone surrogate (possible in a Python ``str``, impossible in UTF-8)
is written as U+FFFD, the replacement character, so rendering never fails.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...model import Document
from . import ExportOptions

FORMAT = "json"
DEFAULT_PATH = "ovnnotes.json"
FACTS = frozenset({"milestones", "action_items", "schema_proposals", "releases"})
"""The extracted facts this format writes."""

_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
SURROGATE = re.compile("[\ud800-\udfff]")
"""Lone surrogates: they cannot be encoded as UTF-8, so every exporter writes U+FFFD instead."""


def dumps(value: Any, *, indent: int | None = None) -> str:
    """Deterministic JSON text for a JSON-compatible value (shared with the JSONL exporter).

    Outside strings JSON text is pure ASCII, so escaping the three line-break characters with a
    plain replace only ever touches string contents.
    """
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return SURROGATE.sub("\ufffd", text)


_LINE_BREAK_BYTES = {char.encode("utf-8"): escape.encode("ascii") for char, escape in _LINE_BREAKS.items()}


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """The document as one pretty-printed JSON file.

    pydantic's own serializer (in Rust) writes the same bytes as ``dumps`` several times faster,
    straight to UTF-8 (no Python string of the whole document: a third of the memory); it refuses
    lone surrogates, for which ``dumps`` takes over. The line breaks are escaped in the bytes:
    UTF-8 never encodes part of one character as another, so only those characters match.
    """
    try:
        data = document.__pydantic_serializer__.to_json(document, indent=2)
    except ValueError:
        return {DEFAULT_PATH: (dumps(document.model_dump(mode="json"), indent=2) + "\n").encode("utf-8")}
    for char, escape in _LINE_BREAK_BYTES.items():
        if char in data:
            data = data.replace(char, escape)
    return {DEFAULT_PATH: data + b"\n"}
