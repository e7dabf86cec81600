"""Validate an ovnnotes JSON document against the JSON Schema (rules ONJ501-ONJ503).

``validate_json_document`` is pure (text in, diagnostics out) and never raises:

* ONJ501 when the text is not JSON (strict JSON: `NaN` and `Infinity` are refused), at the
  position of the syntax error; nothing else is checked then.
* ONJ503 when `schema_version` is a string whose major version differs from the schema's (the
  `vN` ending the schema's `$id`, or the `x-schema-version` of v1 schemas), or that is not a
  version at all. The schema does not describe such a document, so it is not checked against it
  (no ONJ502 then). A missing or non-string `schema_version` is left to the schema. Given the
  schemas of several majors (``validate`` passes every file in ``schema/``), a document is
  checked against the one of its own major (the newest when its version cannot be read).
* ONJ502 for every schema violation (Draft 2020-12, `format` checked), sorted by JSON path, with
  the path (`$.meetings[3].date`) in the message and the line and column of the offending value
  (of the unexpected key for `additionalProperties`). Positions come from the position-tracking
  parser in ``ovnnotes.ovsdb``; where it cannot follow the document (nesting deeper than it
  accepts) the line and column are 0.

``jsonschema`` and ``ovnnotes.ovsdb`` are imported on first use to keep this module cheap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

from ..model import Diagnostic
from . import rules

__all__ = ["validate_json_document", "json_path", "schema_major"]

MAX_MESSAGE = 200
"""Longest schema error message kept (jsonschema quotes whole instances, which can be huge)."""
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAJOR = re.compile(r"(\d+)(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?\Z")
_SCHEMA_HINT = "Check the schema file: use the one shipped with ovnnotes (`schema/`)."
_ID_MAJOR = re.compile(r"[.:/]v(\d+)(?:\.\d+)*(?:\.schema\.json)?\Z")


class _Constant(ValueError):
    """`NaN`, `Infinity` or `-Infinity`, which Python's json accepts but JSON does not."""


SHAPE_ERRORS = (AttributeError, IndexError, KeyError, TypeError, ValueError, RecursionError)
"""What reading a parse tree of another shape than expected raises: positions are a nicety, never an error."""


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def json_path(parts: Iterable[object]) -> str:
    """`$.meetings[3].date` for the path ``["meetings", 3, "date"]``; odd keys as `$["a b"]`."""
    text = "$"
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        elif isinstance(part, str) and _IDENTIFIER.match(part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return text


def schema_major(schema: object) -> int | None:
    """Major version the schema describes: `x-schema-version` (v1 schemas), else `$id` (`urn:ovnnotes:schema:v2`, `....v2.schema.json`)."""
    if not isinstance(schema, dict):
        return None
    version = schema.get("x-schema-version")
    if isinstance(version, str) and (match := _MAJOR.match(version.strip())) and len(match[1]) <= 9:
        return int(match[1])
    ident = schema.get("$id")
    if isinstance(ident, str) and (match := _ID_MAJOR.search(ident)) and len(match[1]) <= 9:
        return int(match[1])
    return None


def _shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _locate(root: Any, parts: Iterable[object]) -> tuple[Any, tuple[int, int]]:
    """The node at a JSON path (or the deepest one found) and its (line, column); (0, 0) unknown."""
    node = root
    try:
        for part in parts:
            if node is None:
                break
            if isinstance(part, str) and part in node.members:
                node = node.members[part][2]
            elif isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(node.items):
                node = node.items[part]
            else:
                break
        return node, ((int(node.line), int(node.column)) if node is not None else (0, 0))
    except SHAPE_ERRORS:  # a tree of another shape: positions are a nicety
        return None, (0, 0)


def _extra_key(node: Any, schema: Mapping[str, Any]) -> tuple[int, int] | None:
    """Position of the first key `additionalProperties` refused, when it can be told."""
    try:
        known = schema.get("properties") or {}
        patterns = schema.get("patternProperties") or {}
        for key, (line, column, _value) in node.members.items():
            if key not in known and not any(re.search(p, key) for p in patterns):
                return int(line), int(column)
    except (*SHAPE_ERRORS, re.error):
        return None  # a pattern `re` cannot read, members of another shape: no position
    return None


class _Positions:
    """The ovsdb parser's tree of the text (nodes with line and column), parsed on first use only."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def root(self) -> Any:
        """The root node, or None when the parser cannot read the text."""
        try:
            from ..facts.ovsdb import parse_json

            root, _problems = parse_json(self.text, "<json>")
            return root
        except SHAPE_ERRORS:  # positions are a nicety: never let them break validation
            return None


def _syntax_error(text: str, path: str, exc: Exception) -> Diagnostic:
    if isinstance(exc, json.JSONDecodeError):
        return rules.diagnostic("ONJ501", path, exc.lineno, exc.colno, f"Invalid JSON: {exc.msg.lower()}.")
    if isinstance(exc, _Constant):
        message = f"`{exc}` is not a JSON value."
    elif isinstance(exc, RecursionError):
        message = "the JSON is nested too deeply to read."
    elif "digits" in str(exc):
        message = "a number has more digits than can be read."
    else:
        message = f"{str(exc).rstrip('.') or type(exc).__name__}."
    line = column = 0
    try:
        from ..facts.ovsdb import parse_json

        _root, problems = parse_json(text, path)
        located = [p for p in problems if p.code == "ONS301"]
        if located:
            line, column = located[0].line, located[0].column
    except SHAPE_ERRORS:  # the position is a nicety: the finding stands without it
        line = column = 0
    return rules.diagnostic("ONJ501", path, line, column, f"Invalid JSON: {message[0].lower()}{message[1:]}")


def _path_key(parts: Iterable[object]) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (0, p, "") if isinstance(p, int) and not isinstance(p, bool) else (1, 0, str(p)) for p in parts
    )


def _pick(data: Any, schemas: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The schema of the document's major version; the newest when there is none or it cannot be read."""
    newest = max(schemas, key=lambda schema: schema_major(schema) or 0)
    version = data.get("schema_version") if isinstance(data, dict) else None
    match = _MAJOR.match(version.strip()) if isinstance(version, str) else None
    if match:  # compared as text: a major of 5,000 digits is no int to Python
        digits = match[1].lstrip("0") or "0"
        return next((schema for schema in schemas if str(schema_major(schema)) == digits), newest)
    return newest


def _version_problem(
    data: Any, positions: _Positions, path: str, schema: object, known: Sequence[int]
) -> Diagnostic | None:
    major = schema_major(schema)
    if major is None or not isinstance(data, dict) or not isinstance(data.get("schema_version"), str):
        return None
    version = data["schema_version"]
    match = _MAJOR.match(version.strip())
    digits = (match[1].lstrip("0") or "0") if match else ""
    if match and digits == str(major):  # compared as text: a major of 5,000 digits is no int to Python
        return None
    line, column = _locate(positions.root, ["schema_version"])[1]
    shown = json.dumps(_shorten(version, 60), ensure_ascii=False)
    reads = f"major version {known[0]}" if len(known) == 1 else f"major versions {', '.join(map(str, known))}"
    if match:
        message = f"The document's schema_version {shown} has major version {_shorten(digits, 20)}; this ovnnotes reads {reads}."
    else:
        message = (
            f"The document's schema_version {shown} is not a version number; this ovnnotes reads {major}.x.y."
        )
    return rules.diagnostic("ONJ503", path, line, column, message)


def _schema_errors(data: Any, positions: _Positions, path: str, schema: dict) -> list[Diagnostic]:
    from jsonschema import Draft202012Validator

    found: list[tuple[tuple, str, Diagnostic]] = []
    try:
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = list(validator.iter_errors(data))
    except Exception as exc:  # noqa: BLE001 - reported (ONJ502): a broken schema (an unresolvable $ref), a too deep document
        message = _shorten(
            f"The document cannot be checked against the schema ({type(exc).__name__}: {exc})."
        )
        return [rules.diagnostic("ONJ502", path, 0, 0, message, hint=_SCHEMA_HINT)]
    for error in errors:
        parts = list(error.absolute_path)
        node, (line, column) = _locate(positions.root, parts)
        where = json_path(parts)
        if error.validator == "additionalProperties" and node is not None:
            line, column = _extra_key(node, error.schema) or (line, column)
        message = f"{where}: {_shorten(error.message)}"
        found.append((_path_key(parts), message, rules.diagnostic("ONJ502", path, line, column, message)))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [entry[2] for entry in found]


def validate_json_document(
    text: str, path: str, schema: Mapping[str, Any] | Sequence[Mapping[str, Any]]
) -> list[Diagnostic]:
    """Check one JSON document: ONJ501 syntax, then ONJ503 version, then ONJ502 for every schema error.

    ``schema`` is one schema, or the schemas of several major versions (the document's own is used).
    """
    if not isinstance(text, str):
        return [rules.diagnostic("ONJ501", path, 0, 0, "Invalid JSON: the input is not text.")]
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (
        ValueError,
        RecursionError,
    ) as exc:  # JSONDecodeError, NaN, too many digits, too deep: all are ONJ501
        return [_syntax_error(text, path, exc)]
    positions = _Positions(text)
    schemas = [schema] if isinstance(schema, Mapping) else list(schema)
    chosen = _pick(data, schemas)
    known = sorted(major for major in map(schema_major, schemas) if major is not None)
    problem = _version_problem(data, positions, path, chosen, known)
    if problem is not None:
        return [problem]
    try:
        return _schema_errors(data, positions, path, dict(chosen))
    except Exception as exc:  # noqa: BLE001 - reported (ONJ502): jsonschema on exotic input
        message = _shorten(f"The document cannot be checked ({type(exc).__name__}: {exc}).")
        return [rules.diagnostic("ONJ502", path, 0, 0, message, hint=_SCHEMA_HINT)]
