"""The JSON and JSON Lines exports: valid against the schema, lossless, stable bytes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from builders import tiny_document
from pydantic import TypeAdapter

from ovnnotes.model import Diagnostic, Document, Item, Meeting, Severity
from ovnnotes.writers.exporters import ExportOptions, render


@pytest.fixture(scope="module")
def json_bytes(seed_document: Document) -> bytes:
    return render(seed_document, "json")["ovnnotes.json"]


def test_json_is_one_file_with_the_default_name(seed_document: Document) -> None:
    assert list(render(seed_document, "json")) == ["ovnnotes.json"]


def test_json_validates_against_the_committed_schema(json_bytes: bytes) -> None:
    schema = json.loads(
        (Path(__file__).resolve().parent.parent / "schema" / "ovnnotes.v2.schema.json").read_text()
    )
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(json.loads(json_bytes))) == []


def test_json_round_trips(seed_document: Document, json_bytes: bytes) -> None:
    assert len(seed_document.meetings) == 21
    assert Document.model_validate_json(json_bytes) == seed_document


def test_json_layout(json_bytes: bytes) -> None:
    text = json_bytes.decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "schema_version": ')
    data = json.loads(text)
    assert list(data) == list(Document.model_fields)
    assert list(data["meetings"][0]) == list(Meeting.__pydantic_fields__)
    assert list(data["meetings"][0]["items"][0]) == list(Item.__pydantic_fields__)


def test_json_keeps_non_ascii_but_escapes_line_separators() -> None:
    data = render(tiny_document("Réunion ☃", "a\u2028b\x85c"), "json")["ovnnotes.json"]
    assert "Réunion ☃".encode() in data
    assert b"a\\u2028b\\u0085c" in data
    assert len(data.decode().splitlines()) == data.count(b"\n")
    assert json.loads(data)["meetings"][0]["items"][0]["text"] == "a\u2028b\x85c"


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_lone_surrogates_become_replacement_characters(name: str) -> None:
    (data,) = render(tiny_document("a\ud800b", "c"), name).values()
    assert "a\ufffdb".encode() in data


def test_each_list_of_the_document_is_written_as_pydantic_writes_the_whole(
    seed_document: Document, json_bytes: bytes
) -> None:
    """The export writes each list (meetings, diagnostics, releases...) one element at a time."""
    whole = type(seed_document).__pydantic_serializer__.to_json(seed_document, indent=2)
    assert json_bytes == whole + b"\n"


def test_a_lone_surrogate_in_a_list_element_is_replaced_there(seed_document: Document) -> None:
    odd = Diagnostic(
        code="ONP104", severity=Severity.INFO, path="notes.txt", line=3, column=1, message="x\ud800y"
    )
    document = seed_document.model_copy(update={"diagnostics": [*seed_document.diagnostics[:2], odd]})
    data = json.loads(render(document, "json")["ovnnotes.json"])
    assert data["diagnostics"][-1]["message"] == "x\ufffdy"
    assert (
        data["diagnostics"][:2]
        == json.loads(render(seed_document, "json")["ovnnotes.json"])["diagnostics"][:2]
    )


def test_jsonl_has_one_meeting_per_line(seed_document: Document) -> None:
    data = render(seed_document, "jsonl")["ovnnotes.jsonl"]
    assert data.endswith(b"\n")
    lines = data.decode("utf-8").split("\n")[:-1]
    assert len(lines) == len(seed_document.meetings) == 21
    for line, meeting in zip(lines, seed_document.meetings):
        assert TypeAdapter(Meeting).validate_json(line) == meeting
        assert ": " not in line[:20]  # compact


def test_jsonl_line_separators_cannot_split_a_record() -> None:
    data = render(tiny_document("a\u2028b\u2029c\nd", "x\r\ny"), "jsonl")["ovnnotes.jsonl"]
    assert len(data.decode().splitlines()) == 1
    assert TypeAdapter(Meeting).validate_json(data).title == "a\u2028b\u2029c\nd"


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_renders_are_byte_identical(seed_document: Document, name: str) -> None:
    first = render(seed_document, name)
    copy = Document.model_validate_json(seed_document.model_dump_json())
    assert render(copy, name, ExportOptions()) == first
    assert render(seed_document, name) == first
