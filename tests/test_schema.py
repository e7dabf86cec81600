"""The committed JSON Schema: generated from the model, valid, and compatible with old documents."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ovnnotes.model import SCHEMA_VERSION, Document
from ovnnotes.schema import ADDED_IN_MINOR, SCHEMA_FILE, generate, render, schema_files

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / SCHEMA_FILE
FROZEN = Path(__file__).resolve().parent / "golden" / "frozen"
STANDARD_KEYWORDS = {
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "$comment",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "enum",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "anyOf",
    "default",
    "maxItems",
    "minItems",
}
"""The JSON Schema keywords the schema may use (no ``x-`` annotations: ajv's strict mode refuses them)."""


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text() == render(), f"run: ovnnotes schema -o schema/{SCHEMA_FILE}"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(COMMITTED.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:ovnnotes:schema:v{SCHEMA_VERSION.split('.')[0]}"
    assert SCHEMA_VERSION in schema["$comment"]
    assert jsonschema.Draft202012Validator(schema["properties"]["schema_version"]).is_valid(SCHEMA_VERSION)


def _keywords(node: object, inside_properties: bool = False) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_properties:
                found.add(key)
            if key in ("properties", "$defs"):
                for child in value.values():
                    found |= _keywords(child)
            elif key not in ("default", "enum", "const", "required"):
                found |= _keywords(value)
    elif isinstance(node, list):
        for value in node:
            found |= _keywords(value)
    return found


def test_schema_uses_standard_keywords_only() -> None:
    assert _keywords(generate()) <= STANDARD_KEYWORDS


def test_every_written_field_is_required() -> None:
    """A field the exporter always writes is required, in every object (a bare generator is no document)."""
    schema = generate()
    for name, definition in [("Document", schema), *schema["$defs"].items()]:
        if "properties" in definition:
            assert definition["required"] == [
                f for f in definition["properties"] if f not in ADDED_IN_MINOR.get(name, ())
            ], name
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"generator": {"name": "x", "version": "1"}})


def test_every_major_has_its_file() -> None:
    files = schema_files(ROOT / "schema")
    assert list(files) == list(range(1, int(SCHEMA_VERSION.split(".")[0]) + 1))
    for major, path in files.items():
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:ovnnotes:schema:v{major}"


def test_every_definition_and_field_is_described() -> None:
    schema = generate()
    missing = [name for name, definition in schema["$defs"].items() if not definition.get("description")]
    for name, definition in [("Document", schema), *schema["$defs"].items()]:
        missing += [
            f"{name}.{field}"
            for field, spec in definition.get("properties", {}).items()
            if not spec.get("description")
        ]
    assert missing == []


def test_seed_document_validates(seed_document: Document) -> None:
    schema = json.loads(COMMITTED.read_text())
    instance = json.loads(seed_document.model_dump_json())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    assert errors == []


@pytest.mark.parametrize("frozen", sorted(FROZEN.glob("document-*.json")), ids=lambda p: p.stem)
def test_released_versions_stay_valid(frozen: Path) -> None:
    """A document of every released version still validates against the schema file of its major."""
    version = frozen.stem.removeprefix("document-")
    major = int(version.split(".")[0])
    schema = json.loads(schema_files(ROOT / "schema")[major].read_text())
    instance = json.loads(frozen.read_text())
    assert instance["schema_version"] == version
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(instance)) == []
    if str(major) == SCHEMA_VERSION.split(".")[0]:
        Document.model_validate(instance)
    else:  # the breaking change was real: an old major's document is not a valid document of this one
        assert not jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text())).is_valid(instance)


def test_current_version_has_a_frozen_example_and_changelog_entry() -> None:
    assert (FROZEN / f"document-{SCHEMA_VERSION}.json").is_file()
    assert f"## {SCHEMA_VERSION}" in (ROOT / "schema" / "CHANGELOG.md").read_text()


def test_export_validates_with_an_independent_validator(tmp_path: Path, seed_document: Document) -> None:
    """check-jsonschema (its own loader and format checks) accepts the JSON export."""
    import shutil
    import subprocess
    import sys

    executable = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    document = tmp_path / "ovnnotes.json"
    document.write_text(seed_document.model_dump_json(indent=2))
    result = subprocess.run(
        [executable, "--schemafile", str(COMMITTED), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), result.stderr
