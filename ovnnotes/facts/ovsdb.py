"""Check OVSDB schemas pasted into meeting notes (rules ONS301-ONS308) and compare them with upstream.

A pasted block may be a whole database schema (``{"name": ..., "tables": {...}}``), a ``tables``
object, table members such as ``"Route": {...}, "Other": {...}`` (read as if wrapped in braces), or
a bare table body (``{"columns": ...}``, reported as a table named ``""``). A small JSON parser
records where every key and value starts, so every diagnostic points at the offending key.

Checks, per table, reporting every problem: names (ONS302), index columns (ONS303), duplicate
keys (ONS304), enums (ONS305; ``["set", [...]]`` or a single atom), ``refTable`` targets (ONS306, a
warning, or an error inside a complete database schema), column types (ONS308), and then the
``ovs`` library (ONS307). To avoid reporting a problem twice, ``ovs`` only sees what our own checks
passed: ``ColumnSchema.from_json`` runs on each column whose name and type we accepted, and
``TableSchema.from_json`` on a copy of the table without the columns (and index entries) already
reported; ``DbSchema.from_json`` checks a full schema's top-level members with an empty ``tables``.

Row schema mapping (JSON Schema Draft 2020-12, one object per row, ``additionalProperties: false``):
``string`` -> string (``minLength``/``maxLength``), ``integer`` -> integer and ``real`` -> number
(``minimum``/``maximum``), ``boolean`` -> boolean, ``uuid`` -> string with ``format: uuid`` (the
``refTable`` goes into ``description``), ``enum`` -> ``enum``. A scalar column (min = max = 1, no
value) is its atom; any other set is an array of unique atoms with ``minItems``/``maxItems``; a map
with string keys is an object (keys in ``propertyNames``, values in ``additionalProperties``,
``minProperties``/``maxProperties``), any other map an array of ``[key, value]`` pairs. Columns
whose min is at least 1 are ``required``; a column with a malformed type accepts anything (``{}``).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import sys
from collections.abc import Collection
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal, NoReturn

from ..checks import rules
from ..model import Diagnostic, Document, ProposedColumn, ProposedTable, Severity

__all__ = [
    "Node",
    "ColumnDiff",
    "TableComparison",
    "looks_like_ovsdb",
    "parse_json",
    "check_schema_block",
    "compare_tables",
    "normalise_type",
]

MAX_DEPTH = 64
"""Deepest JSON nesting accepted (real schemas need about 7 levels)."""
ATOMIC_TYPES = ("integer", "real", "boolean", "string", "uuid")
_CONSTRAINTS = {
    "integer": ("minInteger", "maxInteger"),
    "real": ("minReal", "maxReal"),
    "string": ("minLength", "maxLength"),
    "uuid": ("refTable", "refType"),
    "boolean": (),
}
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_LOOKS = re.compile(r'"(?:columns|tables)"\s*:')
_JSON_MESSAGES = {
    "Invalid control character at": "a line break or control character inside a string",
    "Unterminated string starting at": "a string is never closed",
}


def looks_like_ovsdb(code: str) -> bool:
    """True when a code block looks like an OVSDB schema or table fragment (a `"columns"` or `"tables"` key)."""
    return isinstance(code, str) and _LOOKS.search(code) is not None


# --- position-tracking JSON parser ---------------------------------------------------------------


@dataclass(eq=False)
class Node:
    """A JSON value with the 1-based line and column where it starts."""

    value: Any
    """The plain Python value (dicts keep the last of duplicate keys, like `json.loads`)."""
    line: int
    column: int
    members: dict[str, tuple[int, int, Node]] = field(default_factory=dict)
    """For objects: key -> (key line, key column, value node)."""
    items: list[Node] = field(default_factory=list)
    """For arrays: the element nodes."""


_EMPTY = Node(None, 0, 0)


class _Stop(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _Parser:
    def __init__(self, text: str, path: str, line_offset: int) -> None:
        self.text, self.path, self.offset = text, path, line_offset
        self.pos, self.line, self.line_start = 0, 1, 0
        self.problems: list[Diagnostic] = []

    def where(self, pos: int | None = None) -> tuple[int, int]:
        return self.line + self.offset, (self.pos if pos is None else pos) - self.line_start + 1

    def fail(self, message: str, pos: int | None = None) -> NoReturn:
        raise _Stop(*self.where(pos), message)

    def skip_ws(self) -> str:
        """Skip whitespace and return the next character ('' at the end)."""
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \t\r\n":
            if text[pos] == "\n":
                self.line, self.line_start = self.line + 1, pos + 1
            pos += 1
        self.pos = pos
        return text[pos] if pos < len(text) else ""

    def string(self) -> str:
        try:
            value, self.pos = json.decoder.scanstring(self.text, self.pos + 1, True)  # type: ignore[attr-defined]  # not in typeshed
        except json.JSONDecodeError as exc:
            self.fail(_JSON_MESSAGES.get(exc.msg, exc.msg.lower()), exc.pos)
        return value

    def value(self, depth: int) -> Node:
        c = self.skip_ws()
        line, column = self.where()
        if depth > MAX_DEPTH:
            self.fail(f"the JSON is nested more than {MAX_DEPTH} levels deep")
        if c == "{":
            self.pos += 1
            members = self.members(depth, "}")
            return Node({k: m[2].value for k, m in members.items()}, line, column, members=members)
        if c == "[":
            self.pos += 1
            items: list[Node] = []
            if self.skip_ws() == "]":
                self.pos += 1
                return Node([], line, column, items=items)
            while True:
                items.append(self.value(depth + 1))
                c = self.skip_ws()
                self.pos += 1
                if c == "]":
                    return Node([n.value for n in items], line, column, items=items)
                if c != ",":
                    self.fail("expected `,` or `]` in the array", self.pos - 1)
        if c == '"':
            return Node(self.string(), line, column)
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            try:
                return Node(float(match[0]) if match[1] or match[2] else int(match[0]), line, column)
            except ValueError:
                self.fail("the number is too long", match.start())
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return Node(literal, line, column)
        self.fail("expected a JSON value" if c else "the text ends where a JSON value was expected")

    def members(self, depth: int, close: str) -> dict[str, tuple[int, int, Node]]:
        """Parse `"key": value` pairs up to `close` ('' = end of text, trailing comma allowed)."""
        members: dict[str, tuple[int, int, Node]] = {}
        if close and self.skip_ws() == close:
            self.pos += 1
            return members
        while True:
            c = self.skip_ws()
            if not close and not c and members:
                return members
            line, column = self.where()
            if c != '"':
                self.fail("expected a quoted key" if c else "the text ends where a key was expected")
            key = self.string()
            if self.skip_ws() != ":":
                self.fail("expected `:` after the key")
            self.pos += 1
            node = self.value(depth + 1)
            if key in members:
                first = members.pop(key)
                self.problems.append(
                    rules.diagnostic(
                        "ONS304",
                        self.path,
                        line,
                        column,
                        f"Key {_q(key)} is repeated in the same object (first at line {first[0]}); the last one wins.",
                    )
                )
            members[key] = (line, column, node)
            c = self.skip_ws()
            self.pos += 1
            if c == ",":
                continue
            if c == close:
                return members
            self.fail(
                f"expected `,` or `{close}` after the member" if close else "expected `,` after the member",
                self.pos - 1,
            )


def parse_json(
    code: str, path: str = "<string>", line_offset: int = 0
) -> tuple[Node | None, list[Diagnostic]]:
    """Parse a JSON value, or object members such as `"A": {...}, "B": {...}` (read as one object).

    Lines are 1-based within `code` plus `line_offset`. Returns the root (None after a syntax
    error) and the problems found: ONS304 for each repeated key, ONS301 for the syntax error.
    """
    parser = _Parser(code, path, line_offset)
    try:
        c = parser.skip_ws()
        if not c:
            parser.fail("the block is empty")
        fragment = False
        if c == '"':
            saved = parser.pos, parser.line, parser.line_start
            parser.string()
            fragment = parser.skip_ws() == ":"
            parser.pos, parser.line, parser.line_start = saved
        if fragment:
            line, column = parser.where()
            members = parser.members(0, "")
            root = Node({k: m[2].value for k, m in members.items()}, line, column, members=members)
        else:
            root = parser.value(0)
            if parser.skip_ws():
                parser.fail("unexpected text after the JSON value")
    except _Stop as stop:
        parser.problems.append(
            rules.diagnostic("ONS301", path, stop.line, stop.column, f"Invalid JSON: {stop.message}.")
        )
        return None, parser.problems
    return root, parser.problems


# --- schema checks ---------------------------------------------------------------------------------


def _q(text: object) -> str:
    """`text` for a message: back-quoted, shortened, with unprintable characters escaped."""
    text = str(text)
    text = text if len(text) <= 60 else text[:57] + "..."
    return "`" + text.encode("utf-8", "backslashreplace").decode("utf-8") + "`"


def _int(value: Any) -> int | None:
    """An integer JSON value (1.0 counts, as in `ovs`), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else None


def _atom_ok(atype: str, value: Any) -> bool:
    if atype == "integer":
        return _int(value) is not None
    if atype == "real":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if atype == "uuid":
        return (
            isinstance(value, list) and len(value) == 2 and value[0] == "uuid" and isinstance(value[1], str)
        )
    return isinstance(value, {"boolean": bool, "string": str}[atype])


def _name_hint(name: str) -> str | None:
    fixed = re.sub(r"[ \-.]+", "_", name.strip())
    if fixed != name and _ID.match(fixed) and not fixed.startswith("_"):
        spaces = " (the export probably turned `_` into a space)" if " " in name else ""
        return f"Write {_q(fixed)}{spaces}."
    return None


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.refs: list[tuple[str, int, int]] = []
        self.searches = 0

    def report(
        self,
        code: str,
        line: int,
        column: int,
        message: str,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.problems.append(rules.diagnostic(code, self.path, line, column, message, hint, severity))

    def suggest(self, name: str, choices: Collection[str]) -> list[str]:
        """The choice closest to `name` (same after `_` for spaces, else by difflib), or []; at most
        20 searches per block, over at most 200 choices each, to keep the check linear."""
        self.searches += 1
        if self.searches > 20:
            return []
        choices = [c for _, c in zip(range(200), choices)]
        return [c for c in choices if re.sub(r"[ \-.]+", "_", c) == name][:1] or difflib.get_close_matches(
            name, choices, 1
        )

    def name(self, what: str, name: str, line: int, column: int) -> bool:
        if _ID.match(name) and not name.startswith("_"):
            return True
        why = (
            "names starting with `_` are reserved" if _ID.match(name) else "use letters, digits and `_` only"
        )
        self.report(
            "ONS302",
            line,
            column,
            f"{what} name {_q(name)} is not a valid OVSDB identifier: {why}.",
            _name_hint(name),
        )
        return False

    def ovs(self, where: Node, message: str, pos: tuple[int, int], scope: str) -> None:
        """Report an `ovs` error at the key the message names (a member of `where`, or a column), else at `pos`."""
        detail = message.split(" failed: ", 1)[-1]
        columns = where.members.get("columns", (0, 0, _EMPTY))[2].members
        candidates = [(where.members, n) for n in re.findall(r"'([^']*)'", detail)]
        candidates += [(columns, n) for n in re.findall(r"such as (\w+)", detail)]
        candidates += [(where.members, "indexes")] if "index" in detail or "column names" in detail else []
        candidates += [(where.members, n) for n in re.findall(r"[A-Za-z_]\w*", detail)]
        for members, name in candidates:
            if name in members:
                pos = members[name][:2]
                break
        self.report("ONS307", *pos, f"{scope}: the ovs library says: {message}")

    def base(self, node: Node, line: int, column: int) -> bool:
        """Check a key or value type; return True when it is well formed."""
        v = node.value
        if isinstance(v, str) or "type" not in node.members:
            if not isinstance(v, str):
                self.report(
                    "ONS308",
                    line,
                    column,
                    "A key or value type must be an atomic type name or an object with `type`.",
                )
                return False
            atype_node = node
        else:
            atype_node = node.members["type"][2]
        atype = atype_node.value
        if atype not in ATOMIC_TYPES:
            close = difflib.get_close_matches(str(atype), ATOMIC_TYPES, 1)
            self.report(
                "ONS308",
                atype_node.line,
                atype_node.column,
                f"{_q(atype)} is not an OVSDB atomic type.",
                f"Did you mean {_q(close[0])}?" if close else None,
            )
            return False
        if isinstance(v, str):
            return True
        ok = True
        m = node.members
        allowed = ("type", "enum") if "enum" in m else ("type",) + _CONSTRAINTS[atype]
        for key, (kl, kc, _) in m.items():
            if key not in allowed:
                extra = " together with `enum`" if "enum" in m else ""
                self.report("ONS308", kl, kc, f"{_q(key)} is not allowed in a {_q(atype)} type{extra}.")
                ok = False
        if "enum" in m:
            return self.enum(atype, *m["enum"]) and ok
        lo_key, hi_key = _CONSTRAINTS[atype] or (None, None)
        if atype == "uuid":
            if "refTable" in m:
                kl, kc, ref = m["refTable"]
                if isinstance(ref.value, str) and _ID.match(ref.value):
                    self.refs.append((ref.value, kl, kc))
                else:
                    self.report("ONS308", kl, kc, "`refTable` must be a table name.")
                    ok = False
            if "refType" in m and m["refType"][2].value not in ("strong", "weak"):
                self.report("ONS308", *m["refType"][:2], '`refType` must be "strong" or "weak".')
                ok = False
            elif "refType" in m and "refTable" not in m:
                self.report("ONS308", *m["refType"][:2], "`refType` needs a `refTable`.")
                ok = False
        elif lo_key and hi_key:
            bounds: list[float | None] = []
            for key in (lo_key, hi_key):
                if key in m:
                    kl, kc, n = m[key]
                    good = _atom_ok("real" if atype == "real" else "integer", n.value)
                    if atype == "string" and good and not 0 <= n.value <= 2**32 - 1:
                        good = False
                    if not good:
                        self.report(
                            "ONS308",
                            kl,
                            kc,
                            f"{_q(key)} must be {'a number' if atype == 'real' else 'an integer'}"
                            f"{' from 0 to 4294967295' if atype == 'string' else ''}.",
                        )
                        ok = False
                    bounds.append(n.value if good else None)
            if len(bounds) == 2 and bounds[0] is not None and bounds[1] is not None and bounds[0] > bounds[1]:
                self.report("ONS308", *m[hi_key][:2], f"{_q(lo_key)} exceeds {_q(hi_key)}.")
                ok = False
        return ok

    def enum(self, atype: str, line: int, column: int, node: Node) -> bool:
        v = node.value
        if isinstance(v, list) and len(v) == 2 and v[0] == "set" and isinstance(v[1], list):
            atoms = node.items[1].items
            if not atoms:
                self.report("ONS305", line, column, "The `enum` set is empty.")
                return False
        elif _atom_ok(atype, v):
            atoms = [node]
        else:
            hint = (
                f'Write `["set", {json.dumps(v)}]`.'
                if isinstance(v, list) and len(json.dumps(v)) < 80
                else None
            )
            self.report(
                "ONS305",
                line,
                column,
                'The `enum` is not written as `["set", [...]]` (or a single value).',
                hint,
            )
            return False
        ok, seen = True, set()
        for atom in atoms:
            key = json.dumps(atom.value)
            if not _atom_ok(atype, atom.value) or key in seen:
                bad = "appears twice" if key in seen else f"is not a {_q(atype)}"
                self.report("ONS305", atom.line, atom.column, f"The `enum` value {_q(key)} {bad}.")
                ok = False
            seen.add(key)
        return ok

    def type(self, node: Node, line: int, column: int) -> bool:
        """Check a column's `type`; return True when it is well formed."""
        if isinstance(node.value, str):
            return self.base(node, line, column)
        if not isinstance(node.value, dict):
            self.report(
                "ONS308", line, column, "A column type must be an atomic type name or an object with `key`."
            )
            return False
        ok, m = True, node.members
        for key, (kl, kc, _) in m.items():
            if key not in ("key", "value", "min", "max"):
                self.report(
                    "ONS308", kl, kc, f"{_q(key)} is not allowed in a column type (use key, value, min, max)."
                )
                ok = False
        if "key" not in m:
            self.report("ONS308", line, column, "The column type has no `key`.")
            ok = False
        for key in ("key", "value"):
            if key in m:
                ok = self.base(m[key][2], *m[key][:2]) and ok
        if "min" in m and _int(m["min"][2].value) not in (0, 1):
            self.report("ONS308", *m["min"][:2], "`min` must be 0 or 1.")
            ok = False
        if "max" in m:
            hi = m["max"][2].value
            count = _int(hi)
            if hi != "unlimited" and not (count is not None and 1 <= count <= 2**63 - 1):
                self.report("ONS308", *m["max"][:2], '`max` must be a positive integer or "unlimited".')
                ok = False
        return ok

    def table(self, name: str, line: int, column: int, node: Node) -> ProposedTable:
        """Check one table (every problem is reported) and return what it proposes."""
        scope = f"table {_q(name)}" if name else "table"
        if name:
            self.name("Table", name, line, column)
        columns: list[ProposedColumn] = []
        good: dict[str, Any] = {}  # columns ovs may see: valid name and type
        typed: dict[str, Any] = {}  # columns with a valid type (for the row schema)
        col_members = node.members.get("columns", (0, 0, _EMPTY))[2].members
        for cname, (cl, cc, cnode) in col_members.items():
            tnode = cnode.members.get("type")
            columns.append(
                ProposedColumn(name=cname, type=None if tnode is None else tnode[2].value, line=cl)
            )
            named = self.name("Column", cname, cl, cc)
            if tnode is None:
                what = "has no `type`" if isinstance(cnode.value, dict) else "must be an object with a `type`"
                self.report("ONS308", cl, cc, f"Column {_q(cname)} {what}.")
            if tnode is not None and self.type(tnode[2], *tnode[:2]):
                try:
                    _ovs_schema().ColumnSchema.from_json(cnode.value, cname)
                    typed[cname] = cnode.value
                    if named:
                        good[cname] = cnode.value
                except Exception as exc:  # noqa: BLE001 - ovs may raise more than its Error on odd input
                    self.ovs(
                        cnode, getattr(exc, "msg", repr(exc)), (cl, cc), f"column {_q(cname)} of {scope}"
                    )
        indexes: list[list[str]] = []
        clean_indexes: list[Any] = []
        index_node = node.members.get("indexes", (0, 0, _EMPTY))[2]
        for inode in index_node.items:
            if not isinstance(inode.value, list):
                clean_indexes.append(inode.value)
                continue
            indexes.append([v for v in inode.value if isinstance(v, str)])
            for entry in inode.items:
                if isinstance(entry.value, str) and entry.value in col_members:
                    continue
                if not isinstance(entry.value, str):
                    self.report("ONS303", entry.line, entry.column, "An index entry must be a column name.")
                    continue
                near = self.suggest(entry.value, col_members)
                self.report(
                    "ONS303",
                    entry.line,
                    entry.column,
                    f"The index names column {_q(entry.value)}, which {scope} does not have"
                    + (f"; did you mean {_q(near[0])}?" if near else "."),
                    (
                        f"Use {_q(near[0])}."
                        if _ID.match(near[0])
                        else f"Rename column {_q(near[0])} to {_q(entry.value)}."
                    )
                    if near
                    else None,
                )
            kept = [v for v in inode.value if isinstance(v, str) and v in good]
            if len(kept) == len(inode.value) or kept:
                clean_indexes.append(kept)
        is_root = node.members.get("isRoot", (0, 0, _EMPTY))[2].value
        table = ProposedTable(
            name=name,
            line=line,
            columns=columns,
            indexes=indexes,
            is_root=is_root if isinstance(is_root, bool) else None,
            row_schema=_row_schema(name, col_members, typed),
        )
        copy = dict(node.value) if isinstance(node.value, dict) else node.value
        if isinstance(copy, dict) and isinstance(copy.get("columns"), dict):
            copy["columns"] = good
            if isinstance(copy.get("indexes"), list) and index_node.items:
                copy["indexes"] = clean_indexes
        try:
            _ovs_schema().TableSchema.from_json(copy, name or "table")
        except Exception as exc:  # noqa: BLE001 - ovs may raise more than its Error on odd input
            message = getattr(exc, "msg", repr(exc))
            if not (col_members and "at least one column" in message):  # every column was already reported
                self.ovs(node, message, (line, column), scope)
        return table


def _atom_schema(base: Any) -> dict[str, Any]:
    base = {"type": base} if isinstance(base, str) else base
    atype = base["type"]
    schema: dict[str, Any] = {
        "integer": {"type": "integer"},
        "real": {"type": "number"},
        "boolean": {"type": "boolean"},
        "string": {"type": "string"},
        "uuid": {"type": "string", "format": "uuid"},
    }[atype]
    if "enum" in base:
        enum = base["enum"]
        values = enum[1] if isinstance(enum, list) and enum[:1] == ["set"] else [enum]
        schema["enum"] = [v[1] if atype == "uuid" else v for v in values]
    for ovsdb, jsonschema in (
        ("minInteger", "minimum"),
        ("maxInteger", "maximum"),
        ("minReal", "minimum"),
        ("maxReal", "maximum"),
        ("minLength", "minLength"),
        ("maxLength", "maxLength"),
    ):
        if ovsdb in base:
            schema[jsonschema] = _int(base[ovsdb]) if _int(base[ovsdb]) is not None else base[ovsdb]
    if "refTable" in base:
        schema["description"] = (
            f"UUID of a row of table {base['refTable']} ({base.get('refType', 'strong')} reference)"
        )
    return schema


def _column_schema(ctype: Any) -> tuple[dict[str, Any], int]:
    """JSON Schema of a (well-formed) column type, and the column's minimum number of elements."""
    if isinstance(ctype, str):
        return _atom_schema(ctype), 1
    lo, hi = _int(ctype.get("min", 1)), ctype.get("max", 1)
    hi = None if hi == "unlimited" else _int(hi)
    key = _atom_schema(ctype["key"])
    if "value" not in ctype and lo == hi == 1:
        return key, 1
    schema: dict[str, Any]
    if "value" in ctype and key["type"] == "string" and "format" not in key:
        schema = {
            "type": "object",
            "propertyNames": key,
            "additionalProperties": _atom_schema(ctype["value"]),
        }
        names = ("minProperties", "maxProperties")
    elif "value" in ctype:
        pair = {
            "type": "array",
            "prefixItems": [key, _atom_schema(ctype["value"])],
            "minItems": 2,
            "maxItems": 2,
        }
        schema, names = {"type": "array", "items": pair, "uniqueItems": True}, ("minItems", "maxItems")
    else:
        schema, names = {"type": "array", "items": key, "uniqueItems": True}, ("minItems", "maxItems")
    if lo:
        schema[names[0]] = lo
    if hi is not None:
        schema[names[1]] = hi
    return schema, lo or 0


def _row_schema(name: str, columns: dict[str, Any], typed: dict[str, Any]) -> dict[str, object]:
    properties: dict[str, Any] = {}
    required = []
    for cname in columns:
        properties[cname], least = _column_schema(typed[cname]["type"]) if cname in typed else ({}, 0)
        if least >= 1:
            required.append(cname)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{name or 'table'} row",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def check_schema_block(
    code: str,
    path: str,
    first_line: int,
    *,
    known_tables: Collection[str] = (),
    item_context: str | None = None,
) -> tuple[list[ProposedTable], list[Diagnostic]]:
    """Check an OVSDB schema (or fragment) pasted in a code block that starts at `first_line` of `path`.

    `known_tables` are tables a `refTable` may name besides those in the block (e.g. the upstream
    schema's). `item_context` (e.g. the item id), when given, is appended to every message.
    Returns the tables found and every problem, sorted by position. Never raises.
    """
    try:
        root, problems = parse_json(code if isinstance(code, str) else "", path, max(first_line, 1) - 1)
        tables: list[ProposedTable] = []
        if root is not None:
            tables, problems = _check_root(root, path, known_tables, problems)
    except Exception as exc:  # noqa: BLE001 - a checker bug must not stop the parse of the notes
        tables = []
        problems = [
            rules.diagnostic(
                "ONS307", path, max(first_line, 1), 0, f"Internal error while checking the schema: {exc!r}."
            )
        ]
    if item_context:
        problems = [dataclasses.replace(p, message=f"{p.message} (in {item_context})") for p in problems]
    return tables, sorted(problems, key=lambda p: (p.line, p.column))


def _check_root(
    root: Node, path: str, known_tables: Collection[str], problems: list[Diagnostic]
) -> tuple[list[ProposedTable], list[Diagnostic]]:
    checker = _Checker(path)
    checker.problems = problems
    if not isinstance(root.value, dict):
        checker.report(
            "ONS307",
            root.line,
            root.column,
            "Expected an OVSDB schema, a `tables` object or table definitions.",
        )
        return [], checker.problems
    m = root.members
    database = "tables" in m and ("name" in m or isinstance(m["tables"][2].value, dict))
    if database:
        if "name" in m:
            tables_value = m["tables"][2].value
            try:
                _ovs_schema().DbSchema.from_json(
                    {**root.value, "tables": {} if isinstance(tables_value, dict) else tables_value}
                )
            except Exception as exc:  # noqa: BLE001 - reported (ONS307): ovs may raise more than its Error on odd input
                checker.ovs(root, getattr(exc, "msg", repr(exc)), (root.line, root.column), "database schema")
        table_members = m["tables"][2].members
    else:
        table_members = {"": (root.line, root.column, root)} if "columns" in m else m
    tables = [checker.table(name, line, column, node) for name, (line, column, node) in table_members.items()]
    defined = set(table_members) | set(known_tables)
    complete = database and "name" in m
    for ref, line, column in checker.refs:
        if ref not in defined:
            close = checker.suggest(ref, defined)
            checker.report(
                "ONS306",
                line,
                column,
                f"`refTable` names table {_q(ref)}, which is not "
                + ("defined in the schema." if complete else "defined here nor known."),
                f"Did you mean {_q(close[0])}?" if close else None,
                Severity.ERROR if complete else None,
            )
    return tables, checker.problems


# --- comparison with an upstream schema -------------------------------------------------------------


@dataclass(frozen=True)
class ColumnDiff:
    """One column of a proposed table compared with an upstream table."""

    name: str
    """The proposal's spelling, or upstream's for a removed column."""
    status: Literal["added", "removed", "type_changed", "same"]
    proposed: object = None
    """Normalised proposed type (None when removed)."""
    upstream: object = None
    """Normalised upstream type (None when added)."""


@dataclass(frozen=True)
class TableComparison:
    """A proposed table against one upstream table."""

    upstream_table: str
    score: float
    """0..1: 0.75 x Jaccard similarity of the column names + 0.25 x similarity of the table names."""
    columns: list[ColumnDiff]

    def names(self, status: str) -> list[str]:
        """Names of the columns with `status` (added, removed, type_changed, same)."""
        return [c.name for c in self.columns if c.status == status]


RPC_MODULES = ("ovs.jsonrpc", "ovs.poller", "ovs.socket_util")
"""What ``ovs.db.data`` imports for the OVSDB protocol (sockets, SSL, logging, the event loop) but
never uses to read or check a schema: about half the time of importing ``ovs.db.schema``."""


class _Deferred(ModuleType):
    """A stand-in for a module of ``RPC_MODULES``: the real module is imported on first use."""

    def __getattr__(self, attribute: str) -> Any:
        import importlib

        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)  # also binds it on its package, replacing this one
        return getattr(real, attribute)


def _without_rpc() -> None:
    """Put stand-ins (``_Deferred``) for the modules of ``RPC_MODULES`` not yet imported, so that
    importing ``ovs.db.schema`` does not run them; anything that uses one gets the real module."""
    package = sys.modules["ovs"]
    for name in RPC_MODULES:
        if name not in sys.modules:
            stand_in = _Deferred(name)
            sys.modules[name] = stand_in
            setattr(package, name.rsplit(".", 1)[1], stand_in)


def _ovs_schema() -> ModuleType:
    """``ovs.db.schema``, imported on first use: only notes with a pasted schema need it (the CLI
    starts faster without), and without running ``ovs``' RPC layer (``_without_rpc``)."""
    if "ovs.db.schema" not in sys.modules:
        import ovs

        _without_rpc()
    import ovs.db.schema

    return ovs.db.schema


def _ovs_types() -> ModuleType:
    """``ovs.db.types``, imported on first use (see ``_ovs_schema``)."""
    _ovs_schema()
    import ovs.db.types

    return ovs.db.types


def _norm(name: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).lower()).strip("_")


def normalise_type(ctype: Any) -> Any:
    """An OVSDB column type in canonical form (so `{"key": "string"}` equals `"string"`); as given if invalid."""
    import ovs.db.error

    try:
        return _ovs_types().Type.from_json(ctype).to_json()
    except (
        ovs.db.error.Error,
        AttributeError,
        KeyError,
        TypeError,
        ValueError,
    ):  # invalid: ``ovs`` says so in several ways
        return ctype


def compare_tables(table: ProposedTable, upstream_schema: dict, limit: int = 3) -> list[TableComparison]:
    """The `limit` upstream tables most like `table`, best first, each with a column-by-column diff.

    `upstream_schema` is a parsed `.ovsschema` (or its `tables` object). Column names are matched
    after normalising case and separators (`ip prefix` matches `ip_prefix`). The score is
    0.75 x |shared columns| / |all columns| + 0.25 x difflib ratio of the normalised table names;
    ties are broken by upstream table name.
    """
    upstream = upstream_schema.get("tables", upstream_schema) if isinstance(upstream_schema, dict) else {}
    mine = {_norm(c.name): c for c in table.columns}
    results = []
    for uname, utable in upstream.items() if isinstance(upstream, dict) else ():
        ucols = utable.get("columns", {}) if isinstance(utable, dict) else {}
        ucols = (
            {_norm(k): (k, v.get("type") if isinstance(v, dict) else None) for k, v in ucols.items()}
            if isinstance(ucols, dict)
            else {}
        )
        diffs = []
        for key, col in mine.items():
            if key not in ucols:
                diffs.append(ColumnDiff(col.name, "added", normalise_type(col.type)))
                continue
            proposed, theirs = normalise_type(col.type), normalise_type(ucols[key][1])
            diffs.append(
                ColumnDiff(col.name, "same" if proposed == theirs else "type_changed", proposed, theirs)
            )
        diffs += [
            ColumnDiff(n, "removed", None, normalise_type(t)) for k, (n, t) in ucols.items() if k not in mine
        ]
        union = len(set(mine) | set(ucols)) or 1
        shared = len(set(mine) & set(ucols))
        score = (
            0.75 * shared / union
            + 0.25 * difflib.SequenceMatcher(None, _norm(table.name), _norm(uname)).ratio()
        )
        results.append(TableComparison(str(uname), round(score, 4), diffs))
    results.sort(key=lambda r: (-r.score, r.upstream_table))
    return results[: max(limit, 0)]


def recheck(document: Document, known_tables: Collection[str]) -> Document:
    """The document with each schema proposal checked again, knowing more tables (an upstream
    schema's, for ``refTable``): ``ovnnotes schemas --against``."""
    code = {visit.item.id: visit.item.text for visit in document.iter_items() if visit.item.kind == "code"}
    proposals = []
    for proposal in document.schema_proposals:
        path = (
            proposal.problems[0].path
            if proposal.problems
            else next(m.source.path for m in document.meetings if m.id == proposal.meeting_id)
        )
        tables, problems = check_schema_block(
            code[proposal.item_id], path, proposal.line, known_tables=tuple(known_tables)
        )
        valid = not any(problem.severity is Severity.ERROR for problem in problems)
        proposals.append(proposal.model_copy(update={"tables": tables, "problems": problems, "valid": valid}))
    return document.model_copy(update={"schema_proposals": proposals})
