"""Tests for ovnnotes.jsondoc: validating JSON documents against the schema (ONJ501-ONJ503)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.api import parse
from ovnnotes.checks.documents import json_path, schema_major, validate_json_document
from ovnnotes.model import Document, Severity
from ovnnotes.schema import generate

NOTES = """\
Mar 18, 2024 | OVN Community Meeting

Attendees: Dumitru Ceara

Agenda

- (dceara) first item
 - a sub-item
- second item

Mar 11, 2024 | OVN Community Meeting

Agenda

- another item
"""


@pytest.fixture(scope="module")
def schema() -> dict:
    return generate()


@pytest.fixture(scope="module")
def exported() -> str:
    return parse(NOTES, "notes.txt")[0].model_dump_json(indent=2)


def line_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of needle."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def summary(found: list) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.message) for d in found]


def test_valid_export_passes(schema, exported):
    assert validate_json_document(exported, "doc.json", schema) == []
    assert validate_json_document(json.dumps(json.loads(exported)), "doc.json", schema) == []  # one line


def test_valid_seed_export_passes(schema):
    from pathlib import Path

    path = "seeds/ovn-community-meetings.txt"
    text = (Path(__file__).parent.parent / path).read_text(encoding="utf-8")
    assert validate_json_document(parse(text, path)[0].model_dump_json(), "seed.json", schema) == []


def test_bad_date(schema, exported):
    text = exported.replace('"date": "2024-03-18"', '"date": "Mar 18, 2024"')
    line, column = line_of(text, '"Mar 18, 2024"')
    found = validate_json_document(text, "doc.json", schema)
    assert summary(found) == [("ONJ502", line, column, "$.meetings[1].date: 'Mar 18, 2024' is not a 'date'")]
    assert found[0].severity is Severity.ERROR and found[0].path == "doc.json"


def test_impossible_date_is_caught_by_the_format_checker(schema, exported):
    text = exported.replace('"date": "2024-03-18"', '"date": "2024-02-30"')
    assert [(d.code, d.message) for d in validate_json_document(text, "doc.json", schema)] == [
        ("ONJ502", "$.meetings[1].date: '2024-02-30' is not a 'date'")
    ]


def test_missing_field_points_at_the_object(schema, exported):
    data = json.loads(exported)
    del data["meetings"][0]["title"]
    text = json.dumps(data, indent=2)
    meeting_line = line_of(text, '"id": "2024-03-11"')[0] - 1  # the `{` opening the first meeting
    found = validate_json_document(text, "doc.json", schema)
    assert summary(found) == [("ONJ502", meeting_line, 5, "$.meetings[0]: 'title' is a required property")]


def test_wrong_type(schema, exported):
    data = json.loads(exported)
    data["meetings"][1]["source"]["line"] = "one"
    text = json.dumps(data, indent=2)
    line, column = line_of(text, '"one"')
    assert summary(validate_json_document(text, "doc.json", schema)) == [
        ("ONJ502", line, column, "$.meetings[1].source.line: 'one' is not of type 'integer'")
    ]


def test_every_error_is_reported_sorted_by_path(schema, exported):
    data = json.loads(exported)
    data["meetings"][1]["date"] = "tomorrow"
    data["meetings"][0]["items"][0]["line"] = 0
    data["generator"] = {"name": "ovnnotes"}
    data["surprise"] = True
    text = json.dumps(data, indent=2)
    found = validate_json_document(text, "doc.json", schema)
    assert [d.message for d in found] == [
        "$: Additional properties are not allowed ('surprise' was unexpected)",
        "$.generator: 'version' is a required property",
        "$.meetings[0].items[0].line: 0 is less than the minimum of 1",
        "$.meetings[1].date: 'tomorrow' is not a 'date'",
    ]
    assert (found[0].line, found[0].column) == line_of(text, '"surprise"')  # the unexpected key itself
    assert (found[1].line, found[1].column) == (line_of(text, '"generator"')[0], 16)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('{"schema_version": "1.0.0",\n  "meetings": [1, 2,]\n}', 2, 21, "Invalid JSON: expecting value."),
        ("", 1, 1, "Invalid JSON: expecting value."),
        ('{"a": 1} x', 1, 10, "Invalid JSON: extra data."),
        ('{\n  "a": NaN\n}', 2, 8, "Invalid JSON: `NaN` is not a JSON value."),
        ("[" * 50000 + "]" * 50000, 1, 66, "Invalid JSON: the JSON is nested too deeply to read."),
        ("1" * 5000, 1, 1, "Invalid JSON: a number has more digits than can be read."),
    ],
)
def test_invalid_json(schema, text, line, column, message):
    assert summary(validate_json_document(text, "doc.json", schema)) == [("ONJ501", line, column, message)]


def test_byte_order_mark_is_accepted(schema, exported):
    assert validate_json_document("\ufeff" + exported, "doc.json", schema) == []


def test_major_version_3_is_unsupported_and_not_schema_checked(schema, exported):
    data = json.loads(exported)
    data["schema_version"] = "3.0.0"
    data["meetings"][0]["date"] = "not a date"  # not reported: the v2 schema does not apply
    text = json.dumps(data, indent=2)
    line, column = line_of(text, '"3.0.0"')
    assert summary(validate_json_document(text, "doc.json", schema)) == [
        (
            "ONJ503",
            line,
            column,
            'The document\'s schema_version "3.0.0" has major version 3; this ovnnotes reads major version 2.',
        )
    ]


def test_minor_versions_are_accepted(schema, exported):
    data = json.loads(exported)
    data["schema_version"] = "2.7.3"
    assert validate_json_document(json.dumps(data), "doc.json", schema) == []


def test_unreadable_version(schema, exported):
    data = json.loads(exported)
    data["schema_version"] = "latest"
    found = validate_json_document(json.dumps(data), "doc.json", schema)
    assert [(d.code, d.message) for d in found] == [
        (
            "ONJ503",
            'The document\'s schema_version "latest" is not a version number; this ovnnotes reads 2.x.y.',
        )
    ]


def test_non_string_version_is_a_schema_error(schema, exported):
    data = json.loads(exported)
    data["schema_version"] = 1
    found = validate_json_document(json.dumps(data), "doc.json", schema)
    assert [(d.code, d.message) for d in found] == [("ONJ502", "$.schema_version: 1 is not of type 'string'")]


def test_schema_major():
    assert schema_major({"x-schema-version": "1.2.0"}) == 1
    assert schema_major({"$id": "https://ovnnotes.example/schema/ovnnotes.v3.schema.json"}) == 3
    assert schema_major({"x-schema-version": "2.0.0", "$id": "https://x/ovnnotes.v1.schema.json"}) == 2
    assert schema_major({"$id": "urn:ovnnotes:schema:v1"}) == 1
    assert schema_major({"$id": "https://example.org/schemas/other.json"}) is None
    assert schema_major({}) is None
    assert schema_major([]) is None


def test_without_a_schema_version_no_version_check(exported):
    data = json.loads(exported)
    data["schema_version"] = "9.0.0"
    assert validate_json_document(json.dumps(data), "doc.json", Document.model_json_schema()) == []


def test_broken_schema_is_reported_not_raised(exported):
    found = validate_json_document(exported, "doc.json", {"$ref": "#/nowhere"})
    assert [(d.code, d.line) for d in found] == [("ONJ502", 0)]
    assert "cannot be checked" in found[0].message


def test_json_path():
    assert json_path([]) == "$"
    assert json_path(["meetings", 3, "date"]) == "$.meetings[3].date"
    assert json_path(["a b", 0, "x-y"]) == '$["a b"][0]["x-y"]'


def test_long_instances_are_shortened(schema, exported):
    data = json.loads(exported)
    data["meetings"] = {"x" * 500: 1}
    (d,) = validate_json_document(json.dumps(data), "doc.json", schema)
    assert d.message.startswith("$.meetings: {'xxx") and len(d.message) <= 220 and d.message.endswith("...")


@settings(deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(schema, text):
    found = validate_json_document(text, "doc.json", schema)
    assert all(d.code in {"ONJ501", "ONJ502", "ONJ503"} for d in found)


@settings(max_examples=50, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_never_raises_on_any_json(schema, value):
    text = json.dumps({"generator": value, "meetings": [value]})
    assert all(d.code == "ONJ502" and d.line > 0 for d in validate_json_document(text, "doc.json", schema))


def test_frozen_example_against_the_committed_schema():
    from pathlib import Path

    root = Path(__file__).resolve().parent
    committed = root.parent / "schema" / "ovnnotes.v1.schema.json"
    frozen = root / "golden" / "frozen" / "document-1.0.0.json"
    if not committed.is_file() or not frozen.is_file():
        pytest.skip("no committed schema or frozen example")
    schema = json.loads(committed.read_text(encoding="utf-8"))
    text = frozen.read_text(encoding="utf-8")
    assert validate_json_document(text, "frozen.json", schema) == []
    bumped = text.replace('"schema_version": "1.0.0"', '"schema_version": "2.0.0"', 1)
    assert [d.code for d in validate_json_document(bumped, "frozen.json", schema)] == ["ONJ503"]


def test_documents_of_each_major_are_checked_against_their_own_schema(exported):
    """``validate`` passes every committed schema: a v1 document is checked with v1's, a v2 one with v2's."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    schemas = [
        json.loads((root / "schema" / f"ovnnotes.v{major}.schema.json").read_text(encoding="utf-8"))
        for major in (1, 2)
    ]
    v1 = (root / "tests" / "golden" / "frozen" / "document-1.1.0.json").read_text(encoding="utf-8")
    assert validate_json_document(v1, "v1.json", schemas) == []
    assert validate_json_document(exported, "v2.json", schemas) == []
    assert [d.code for d in validate_json_document(v1, "v1.json", schemas[1])] == ["ONJ503"]
    old_shape = json.loads(exported)
    del old_shape["meetings"][0]["items"][0]["quoted"]  # optional in v1, required in v2
    assert [d.message for d in validate_json_document(json.dumps(old_shape), "v2.json", schemas)] == [
        "$.meetings[0].items[0]: 'quoted' is a required property"
    ]

    def to_v1(items: list) -> None:
        for item in items:
            for new in ("markdown", "number", "heading", "quoted", "checkbox"):  # checkbox: added in 2.2.0
                item.pop(new, None)
            to_v1(item["children"])

    for meeting in old_shape["meetings"]:
        del meeting["metadata_notes"]
        del meeting["metadata_labels"]  # added in 2.2.0
        to_v1(meeting["items"])
    old_shape.pop("releases")  # added in 2.1.0
    old_shape["schema_version"] = "1.1.0"
    assert (
        validate_json_document(json.dumps(old_shape), "v1.json", schemas) == []
    )  # a 1.1.0 document, checked as one
    data = json.loads(exported)
    data["schema_version"] = "7.0.0"
    assert [d.message for d in validate_json_document(json.dumps(data), "v7.json", schemas)] == [
        'The document\'s schema_version "7.0.0" has major version 7; this ovnnotes reads major versions 1, 2.'
    ]
