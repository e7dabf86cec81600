"""Tests for ovnnotes.ovsdb: pasted OVSDB schemas (rules ONS301-ONS308) and upstream comparison."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import ovs.db.schema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.facts.ovsdb import (
    ColumnDiff,
    check_schema_block,
    compare_tables,
    looks_like_ovsdb,
    normalise_type,
    parse_json,
)

FIXTURES = Path(__file__).parent / "ovsdb"
ZOO = (FIXTURES / "zoo.ovsschema").read_text()
ZOO_TABLES = ["Enclosure", "Animal", "Keeper"]

# Verbatim from seeds/ovn-community-meetings.txt (Dec 2, 2024): a text export wrapped the index
# line and turned `ip_prefix` into `ip prefix`.
ROUTE = """\
"Route": {
        "columns": {
           "datapath":
             {"type": {"key": {"type": "uuid",
                          "refTable": "Datapath_Binding"}}},
           "logical_port": {"type": "string"},
           "ip prefix": {"type": "string"},
           "nexthop": {"type": "string"},
           "tracked_port": {"type": "string"},
           "type": {"type": {"key": {"type": "string",
                             "enum": ["set", ["advertise",
                                         "receive"]]},
                         "min": 1, "max": 1}}},
        "indexes": [["datapath", "logical_port", "ip_prefix",
"nexthop", "type"]],
        "isRoot": true}
"""


def check(code: str, first_line: int = 1, **kwargs):
    return check_schema_block(code, "notes.txt", first_line, **kwargs)


def codes(diagnostics) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics]


def table(body: str, name: str = "T") -> str:
    """A one-table fragment: `"T": {"columns": {<body>}}`."""
    return f'"{name}": {{"columns": {{{body}}}}}'


# --- detection and the JSON parser ---------------------------------------------------------------


def test_looks_like_ovsdb():
    assert looks_like_ovsdb(ROUTE)
    assert looks_like_ovsdb(ZOO)
    assert looks_like_ovsdb('{"tables": {}}')
    assert not looks_like_ovsdb("ovn-nbctl lr-route-add lr0 0.0.0.0/0 10.0.0.1")
    assert not looks_like_ovsdb('{"name": "columns"}')


def test_parse_records_positions_of_keys_and_values():
    root, problems = parse_json('{\n  "a": [1,\n    "x"],\n "b": {"c": null}}')
    assert problems == []
    assert root.value == {"a": [1, "x"], "b": {"c": None}}
    line, column, a = root.members["a"]
    assert (line, column, a.line, a.column) == (2, 3, 2, 8)
    assert [(n.line, n.column) for n in a.items] == [(2, 9), (3, 5)]
    assert root.members["b"][2].members["c"][:2] == (4, 8)


def test_parse_wraps_member_fragments_and_offsets_lines():
    root, problems = parse_json('"A": {"x": 1},\n"B": {"y": 2},\n', line_offset=10)
    assert problems == []
    assert root.value == {"A": {"x": 1}, "B": {"y": 2}}
    assert root.members["B"][:2] == (12, 1)


def test_parse_duplicate_key_reported_at_second_key():
    root, problems = parse_json('{"a": 1,\n  "b": 2,\n  "a": 3}')
    assert codes(problems) == [("ONS304", 3, 3)]
    assert "first at line 1" in problems[0].message
    assert root.value == {"b": 2, "a": 3}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"a": 1\n "b": 2}', 2, 2),  # missing comma
        ('{"a": "wrapped\nstring"}', 1, 15),  # an export wrapped a line inside a string
        ('{"a": tru}', 1, 7),
        ('{"a": 1}}', 1, 9),  # text after the value
        ('"A": {"x": 1}}', 1, 14),  # fragment with a stray brace
        ('{"a": [1, 2}', 1, 12),
        ('{"a": "x', 1, 7),  # unterminated string
        ("  \n ", 2, 2),  # empty block
        ('{"a":\n', 2, 1),  # ends early
        ("[" * 500, 1, 66),  # too deep, reported instead of overflowing the stack
        ('{"a": ' + "9" * 5000 + "}", 1, 7),
    ],
)
def test_parse_syntax_error_position(text, line, column):
    root, problems = parse_json(text)
    assert root is None
    assert codes(problems) == [("ONS301", line, column)]


# --- the seed's Route proposal ---------------------------------------------------------------------


def test_seed_route_reports_name_and_index_at_exact_positions():
    tables, problems = check(ROUTE, first_line=352)
    errors = [p for p in problems if p.severity.value == "error"]
    assert codes(errors) == [("ONS302", 358, 12), ("ONS303", 365, 50)]
    assert "turned `_` into a space" in errors[0].hint and "`ip_prefix`" in errors[0].hint
    assert "did you mean `ip prefix`" in errors[1].message
    # Datapath_Binding is not in the fragment: a warning only.
    assert [(p.code, p.severity.value, p.line) for p in problems if p.code == "ONS306"] == [
        ("ONS306", "warning", 356)
    ]
    [route] = tables
    assert (route.name, route.line, route.is_root) == ("Route", 352, True)
    assert [c.name for c in route.columns] == [
        "datapath",
        "logical_port",
        "ip prefix",
        "nexthop",
        "tracked_port",
        "type",
    ]
    assert route.indexes == [["datapath", "logical_port", "ip_prefix", "nexthop", "type"]]
    assert route.columns[2].line == 358


def test_seed_route_fixed_passes_and_ovs_accepts_it():
    fixed = ROUTE.replace('"ip prefix"', '"ip_prefix"')
    tables, problems = check(fixed, known_tables=["Datapath_Binding"])
    assert problems == []
    ovs.db.schema.TableSchema.from_json(json.loads("{" + fixed + "}")["Route"], "Route")
    row = tables[0].row_schema
    jsonschema.Draft202012Validator.check_schema(row)
    assert row["properties"]["type"] == {"type": "string", "enum": ["advertise", "receive"]}
    assert row["properties"]["datapath"]["format"] == "uuid"
    assert set(row["required"]) == {
        "datapath",
        "logical_port",
        "ip_prefix",
        "nexthop",
        "tracked_port",
        "type",
    }


# --- a valid schema of our own ----------------------------------------------------------------------


def test_fixture_is_a_valid_ovsdb_schema():
    ovs.db.schema.DbSchema.from_json(json.loads(ZOO))


def test_whole_valid_schema_has_no_diagnostics():
    tables, problems = check(ZOO)
    assert problems == []
    assert [t.name for t in tables] == ZOO_TABLES
    assert [(t.name, t.line) for t in tables] == [("Enclosure", 5), ("Animal", 23), ("Keeper", 45)]
    assert tables[2].indexes == [["name"], ["badge"]]


@pytest.mark.parametrize("name", ZOO_TABLES)
def test_every_fixture_table_as_fragment_has_no_diagnostics(name):
    fragment = f'"{name}": ' + json.dumps(json.loads(ZOO)["tables"][name], indent=2)
    tables, problems = check(fragment, known_tables=ZOO_TABLES)
    assert problems == []
    assert tables[0].name == name


def test_tables_object_and_table_body_are_accepted():
    tables_only = json.dumps({"tables": json.loads(ZOO)["tables"]})
    assert [t.name for t in check(tables_only)[0]] == ZOO_TABLES
    tables, problems = check('{"columns": {"a": {"type": "string"}}}')
    assert problems == [] and tables[0].name == ""


def test_row_schema_mapping():
    tables, _ = check(ZOO)
    rows = {t.name: t.row_schema for t in tables}
    for row in rows.values():
        jsonschema.Draft202012Validator.check_schema(row)
        assert row["additionalProperties"] is False
    enclosure, animal = rows["Enclosure"]["properties"], rows["Animal"]["properties"]
    assert enclosure["name"] == {"type": "string", "minLength": 1, "maxLength": 64}
    assert enclosure["area"] == {"type": "number", "minimum": 0.5}
    assert enclosure["animals"]["type"] == "array" and "maxItems" not in enclosure["animals"]
    assert enclosure["external_ids"] == {
        "type": "object",
        "propertyNames": {"type": "string"},
        "additionalProperties": {"type": "string"},
    }
    assert animal["keeper"]["maxItems"] == 1 and animal["keeper"]["items"]["format"] == "uuid"
    assert animal["kind"] == {"type": "string", "enum": ["mammal"]}
    assert animal["feeding_times"]["items"]["prefixItems"][0] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 23,
    }
    assert rows["Animal"]["required"] == ["species", "legs", "sleeping", "kind", "heartbeat"]
    good = {
        "species": "lynx",
        "legs": 4,
        "sleeping": False,
        "kind": "mammal",
        "heartbeat": 1,
        "keeper": ["5f3c6a2e-1d1b-4f0e-9a51-0c2f7d6a8e11"],
        "tags": ["cat"],
        "feeding_times": [[8, "5f3c6a2e-1d1b-4f0e-9a51-0c2f7d6a8e11"]],
    }
    validator = jsonschema.Draft202012Validator(rows["Animal"])
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "legs": -1, "colour": "red"}))


# --- one test per rule --------------------------------------------------------------------------------


def test_ons302_invalid_names():
    code = '"Bad-Table": {"columns": {\n  "ok": {"type": "string"},\n  "_hidden": {"type": "string"},\n  "9lives": {"type": "string"}}}'
    _, problems = check(code)
    assert codes(problems) == [("ONS302", 1, 1), ("ONS302", 3, 3), ("ONS302", 4, 3)]
    assert "`Bad_Table`" in problems[0].hint
    assert "reserved" in problems[1].message
    assert not any(p.code == "ONS307" for p in problems)  # not reported again by ovs


def test_ons303_unknown_index_columns():
    code = '"T": {"columns": {"name": {"type": "string"}},\n "indexes": [["nmae", 7]]}'
    _, problems = check(code)
    assert codes(problems) == [("ONS303", 2, 15), ("ONS303", 2, 23)]
    assert "did you mean `name`" in problems[0].message
    assert "must be a column name" in problems[1].message


def test_ons305_enum_forms():
    single = table('"a": {"type": {"key": {"type": "string", "enum": "x"}}}')
    assert check(single)[1] == []
    not_a_set = table('"a": {"type": {"key": {"type": "string",\n "enum": ["x", "y"]}}}')
    [problem] = check(not_a_set)[1]
    assert (problem.code, problem.line, problem.column) == ("ONS305", 2, 2)
    assert problem.hint == 'Write `["set", ["x", "y"]]`.'
    wrong = table('"a": {"type": {"key": {"type": "integer", "enum": ["set", [1, "two", 1]]}}}')
    assert [p.code for p in check(wrong)[1]] == ["ONS305", "ONS305"]
    empty = table('"a": {"type": {"key": {"type": "string", "enum": ["set", []]}}}')
    assert [p.code for p in check(empty)[1]] == ["ONS305"]


def test_ons306_unknown_ref_table():
    code = table('"a": {"type": {"key": {"type": "uuid", "refTable": "Nowhere"}}}')
    [problem] = check(code)[1]
    assert (problem.code, problem.severity.value, problem.column) == (
        "ONS306",
        "warning",
        code.index('"refTable"') + 1,
    )
    assert check(code, known_tables=["Nowhere"])[1] == []
    both = code + ',\n"Nowhere": {"columns": {"b": {"type": "string"}}}'
    assert check(both)[1] == []
    schema = '{"name": "db", "tables": {' + code + "}}"
    [problem] = check(schema)[1]
    assert (problem.code, problem.severity.value) == ("ONS306", "error")  # ovsdb-server would refuse it


def test_ons307_ovs_errors_point_at_the_key():
    extra = table('"a": {"type": "string",\n "mutable": "yes"}')
    [problem] = check(extra)[1]
    assert (problem.code, problem.line, problem.column) == ("ONS307", 2, 2)
    assert "mutable" in problem.message
    rows = '"T": {"columns": {"a": {"type": "string"}},\n  "maxRows": 0}'
    assert codes(check(rows)[1]) == [("ONS307", 2, 3)]
    member = '"T": {"columns": {"a": {"type": "string"}},\n  "isroot": true}'
    assert codes(check(member)[1]) == [("ONS307", 2, 3)]
    ephemeral = '"T": {"columns": {\n "a": {"type": "string", "ephemeral": true}},\n "indexes": [["a"]]}'
    assert codes(check(ephemeral)[1]) == [("ONS307", 2, 2)]
    version = '{"name": "db",\n "version": "1.0", "tables": {}}'
    assert codes(check(version)[1]) == [("ONS307", 2, 2)]
    assert codes(check("[1, 2]")[1]) == [("ONS307", 1, 1)]


@pytest.mark.parametrize(
    ("body", "at"),  # `at`: the text the diagnostic must point at (its first occurrence in the body)
    [
        ('"a": {"type": "strin"}', '"strin"'),
        ('"a": {"type": {"key": "string", "min": 2}}', '"min"'),
        ('"a": {"type": {"key": "string", "max": 0}}', '"max"'),
        ('"a": {"type": {"value": "string"}}', '"type"'),
        ('"a": {"type": {"key": {"type": "integer", "minInteger": 5, "maxInteger": 1}}}', '"maxInteger"'),
        ('"a": {"type": {"key": {"type": "string", "minInteger": 1}}}', '"minInteger"'),
        ('"a": {"type": {"key": {"type": "uuid", "refTable": "T", "refType": "soft"}}}', '"refType"'),
        ('"a": {"type": {"key": "string", "size": 3}}', '"size"'),
        ('"a": {"type": 7}', '"type"'),
        ('"a": {"ephemeral": true}', '"a"'),
        ('"a": "string"', '"a"'),
    ],
)
def test_ons308_malformed_types(body, at):
    code = table(body)
    tables, problems = check(code)
    assert codes(problems) == [("ONS308", 1, code.index(at) + 1)]
    assert tables[0].row_schema["properties"]["a"] == {}  # a malformed column accepts anything


def test_ons308_hint_suggests_atomic_type():
    [problem] = check(table('"a": {"type": "strin"}'))[1]
    assert problem.hint == "Did you mean `string`?"


def test_every_problem_of_a_table_is_reported():
    code = """\
"Bad Table": {
  "columns": {
    "good": {"type": "string"},
    "bad name": {"type": "string"},
    "kind": {"type": {"key": {"type": "string", "enum": ["a", "b"]}}},
    "ref": {"type": {"key": {"type": "uuid", "refTable": "Missing"}}},
    "count": {"type": "int"},
    "good": {"type": "integer"}},
  "indexes": [["good", "missing"]],
  "maxRows": 0}
"""
    _, problems = check(code, first_line=100)
    assert codes(problems) == [
        ("ONS302", 100, 1),
        ("ONS302", 103, 5),
        ("ONS305", 104, 49),
        ("ONS306", 105, 46),
        ("ONS308", 106, 23),
        ("ONS304", 107, 5),
        ("ONS303", 108, 24),
        ("ONS307", 109, 3),
    ]


def test_item_context_is_appended():
    _, problems = check(ROUTE, item_context="2024-12-02/notes/1.3")
    assert all(p.message.endswith("(in 2024-12-02/notes/1.3)") for p in problems)


# --- comparison with an upstream schema ---------------------------------------------------------------


def test_normalise_type():
    assert normalise_type({"key": "string"}) == normalise_type("string") == "string"
    assert normalise_type({"key": {"type": "uuid", "refTable": "T", "refType": "strong"}}) == {
        "key": {"type": "uuid", "refTable": "T"}
    }
    assert normalise_type({"bogus": 1}) == {"bogus": 1}


def test_compare_tables_ranks_and_diffs():
    proposal = """"Pet": {"columns": {
        "species": {"type": {"key": "string"}},
        "legs": {"type": "integer"},
        "sleeping": {"type": "string"},
        "colour": {"type": "string"}}}"""
    tables, _ = check(proposal)
    results = compare_tables(tables[0], json.loads(ZOO), limit=2)
    assert [r.upstream_table for r in results] == ["Animal", "Keeper"]
    best = results[0]
    assert best.names("same") == ["species"]  # "string" and {"key": "string"} are the same type
    assert best.names("type_changed") == ["legs", "sleeping"]
    assert best.names("added") == ["colour"]
    assert best.names("removed") == ["keeper", "tags", "kind", "feeding_times", "heartbeat"]
    assert (
        ColumnDiff(
            "legs",
            "type_changed",
            "integer",
            {"key": {"type": "integer", "minInteger": 0, "maxInteger": 1000}},
        )
        in best.columns
    )
    assert 0 < results[1].score < best.score <= 1
    assert len(compare_tables(tables[0], json.loads(ZOO)["tables"])) == 3  # a bare tables object works too


def test_compare_tables_matches_names_across_separators():
    tables, _ = check(ROUTE)
    upstream = {"tables": {"Route": {"columns": {"ip_prefix": {"type": "string"}}}}}
    [result] = compare_tables(tables[0], upstream)
    assert result.names("same") == ["ip prefix"]


# --- never raises -------------------------------------------------------------------------------------

_TOKENS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    '"',
    '"columns"',
    '"tables"',
    '"name"',
    '"type"',
    '"key"',
    '"value"',
    '"min"',
    '"max"',
    '"unlimited"',
    '"enum"',
    '"set"',
    '"refTable"',
    '"refType"',
    '"weak"',
    '"indexes"',
    '"isRoot"',
    '"maxRows"',
    '"string"',
    '"integer"',
    '"real"',
    '"uuid"',
    '"boolean"',
    '"minInteger"',
    '"maxLength"',
    '"minReal"',
    '"a"',
    '"T"',
    '"a b"',
    '"_x"',
    "true",
    "null",
    "0",
    "1",
    "-1",
    "2.5",
    "1e999",
    '"\\u00e9"',
    '"\\ud800"',
    "...",
    '"ephemeral"',
    '"mutable"',
    '"version"',
]


def _assert_sane(code: str, first_line: int = 5) -> None:
    tables, problems = check_schema_block(code, "p", first_line, known_tables=["T"], item_context="ctx")
    end = first_line + code.count("\n")
    for p in problems:
        assert not p.message.startswith("Internal error"), p.message
        assert first_line <= p.line <= end
    for t in tables:
        assert first_line <= t.line <= end


@settings(deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(code):
    _assert_sane(code)


@settings(deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join))
def test_never_raises_on_json_ish_fragments(code):
    _assert_sane(code)


_atoms = st.one_of(
    st.sampled_from(["string", "integer", "real", "boolean", "uuid", "set", "unlimited", "T", "a b"]),
    st.integers(-3, 3),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
_keys = st.sampled_from(
    [
        "columns",
        "type",
        "key",
        "value",
        "min",
        "max",
        "enum",
        "refTable",
        "refType",
        "indexes",
        "isRoot",
        "maxRows",
        "minInteger",
        "maxInteger",
        "minLength",
        "ephemeral",
        "a",
        "T",
        "tables",
    ]
)
_json = st.recursive(
    _atoms,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=5),
    max_leaves=30,
)


@settings(deadline=None)
@given(st.dictionaries(_keys, _json, max_size=4), st.booleans())
def test_never_raises_on_random_schema_shaped_json(value, fragment):
    text = json.dumps(value, indent=1)
    _assert_sane(text.strip()[1:-1] if fragment else text)
