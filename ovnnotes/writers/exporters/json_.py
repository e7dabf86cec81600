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
from collections.abc import Iterator
from typing import Any

from ...model import Document, as_json
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


def _to_json(value: Any) -> bytes:
    """A model (or lean dataclass) as pretty-printed JSON bytes: pydantic's serializer (in Rust,
    straight to UTF-8), or ``dumps`` for a lone surrogate, which it refuses; the line breaks escaped
    either way (in the bytes: UTF-8 never encodes part of one character as another, so only those
    characters match)."""
    try:
        data = type(value).__pydantic_serializer__.to_json(value, indent=2)
    except ValueError:
        return dumps(as_json(value), indent=2).encode("utf-8")
    for char, escape in _LINE_BREAK_BYTES.items():
        if char in data:
            data = data.replace(char, escape)
    return data


def _streamed(document: Document) -> list[str]:
    """The document's fields written one element at a time: its non-empty lists of models."""
    return [
        name
        for name, value in document
        if isinstance(value, list) and value and all(hasattr(v, "__pydantic_serializer__") for v in value)
    ]


def parts(document: Document) -> Iterator[bytes]:
    """The JSON export in parts, made as they are asked for: the document with its lists (meetings,
    milestones, releases, diagnostics...) left empty, split where each goes, and the elements of
    each list one at a time (indented as in the whole), so that a writer never holds the text of the
    whole document or of a whole list (``exporters.render_parts``). Joined, the parts are exactly
    ``render``'s bytes.

    An empty list's key is on a line of its own, two spaces in, as ``"name": []``: JSON strings
    hold no raw line break, so that text can only be the top-level key.
    """
    streamed = _streamed(document)
    rest = _to_json(document.model_copy(update={name: [] for name in streamed}))
    for name in streamed:
        key = b'\n  "' + name.encode("ascii") + b'": ['
        head, rest = rest.split(key + b"]", 1)
        yield head
        for index, element in enumerate(getattr(document, name)):
            yield (key + b"\n    " if index == 0 else b",\n    ") + _to_json(element).replace(
                b"\n", b"\n    "
            )
        yield b"\n  ]"
    yield rest
    yield b"\n"


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """The document as one pretty-printed JSON file (keys in the model's order, two-space indent)."""
    return {DEFAULT_PATH: b"".join(parts(document))}


def render_parts(document: Document, options: ExportOptions) -> dict[str, Iterator[bytes]]:
    """``render``'s file in parts (``parts``)."""
    return {DEFAULT_PATH: parts(document)}
