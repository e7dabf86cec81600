"""The committed JSON Schema: generated from the model, valid, and compatible with old documents."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ovnnotes.model import SCHEMA_VERSION, Document
from ovnnotes.schema import SCHEMA_FILE, generate, render

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / SCHEMA_FILE
FROZEN = Path(__file__).resolve().parent / "golden" / "frozen"


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text() == render(), "run: ovnnotes schema -o schema/ovnnotes.v1.schema.json"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(COMMITTED.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["x-schema-version"] == SCHEMA_VERSION
    assert schema["$id"] == f"urn:ovnnotes:schema:v{SCHEMA_VERSION.split('.')[0]}"


def test_every_definition_and_field_is_described() -> None:
    schema = generate()
    missing = [name for name, definition in schema["$defs"].items() if not definition.get("description")]
    for name, definition in [("Document", schema), *schema["$defs"].items()]:
        missing += [f"{name}.{field}" for field, spec in definition.get("properties", {}).items() if not spec.get("description")]
    assert missing == []


def test_seed_document_validates(seed_document: Document) -> None:
    schema = json.loads(COMMITTED.read_text())
    instance = json.loads(seed_document.model_dump_json())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    assert errors == []


@pytest.mark.parametrize("frozen", sorted(FROZEN.glob("document-*.json")), ids=lambda p: p.stem)
def test_released_versions_stay_valid(frozen: Path) -> None:
    """A document of every released version of this major still validates (or a major bump was made)."""
    version = frozen.stem.removeprefix("document-")
    schema = json.loads(COMMITTED.read_text())
    instance = json.loads(frozen.read_text())
    assert instance["schema_version"] == version
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        pytest.skip(f"{version} belongs to an older major version with its own schema file")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(instance)) == []
    Document.model_validate(instance)


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
    result = subprocess.run([executable, "--schemafile", str(COMMITTED), str(document)], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), result.stderr
