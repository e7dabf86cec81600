"""The published JSON Schema, generated from the pydantic model (never edited by hand).

``schema/ovnnotes.v<major>.schema.json`` is what ``generate()`` returns, written with
``render()``; a test fails when the committed file is stale (regenerate it with
``ovnnotes schema -o schema/ovnnotes.v2.schema.json``). Files of older majors stay in
``schema/`` unchanged, for readers that have not moved yet; ``schema_files()`` finds them all.

The schema uses standard keywords only, so that strict validators (ajv's default strict mode,
check-jsonschema, jsonschema) accept it: the version is in ``$id`` (the major), in ``$comment``
and in the ``pattern`` of ``schema_version`` (any minor of this major). Every property of every
object is ``required`` (but the few a later minor version adds, ``ADDED_IN_MINOR``): the
exporters always write every field (a default is written, not left out), so a document that
lacks one was not written by ovnnotes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .model import SCHEMA_VERSION, Document

MAJOR = SCHEMA_VERSION.split(".")[0]
SCHEMA_FILE = f"ovnnotes.v{MAJOR}.schema.json"
SCHEMA_ID = f"urn:ovnnotes:schema:v{MAJOR}"
_FILE_RE = re.compile(r"ovnnotes\.v(\d+)\.schema\.json\Z")


ADDED_IN_MINOR: dict[str, tuple[str, ...]] = {
    "Document": ("releases",),
    "Item": ("checkbox",),
    "Meeting": ("metadata_labels",),
}
"""Fields added by a minor version of this major, by definition (``Document`` for the root):
documents of the older minors lack them, so they are the only ones not ``required``. Empty at
``x.0.0``; a new major requires them all again."""


def _require_everything(schema: dict[str, Any]) -> None:
    """Make every property of the document and of each definition required (in place), but ``ADDED_IN_MINOR``."""
    for name, definition in [("Document", schema), *schema.get("$defs", {}).items()]:
        properties = definition.get("properties")
        if properties:
            definition["required"] = [
                field for field in properties if field not in ADDED_IN_MINOR.get(name, ())
            ]


def generate() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a document of the current major version."""
    body = Document.model_json_schema(mode="validation")
    _require_everything(body)
    body["properties"]["schema_version"]["pattern"] = rf"^{MAJOR}\.\d+\.\d+$"
    header = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "$comment": f"ovnnotes JSON contract, schema version {SCHEMA_VERSION} (see schema/README.md).",
        "title": "ovnnotes document",
    }
    schema = {**header, **{key: value for key, value in body.items() if key != "title"}}
    schema["description"] = (
        f"OVN community meeting notes parsed by ovnnotes (schema {SCHEMA_VERSION}). "
        + body.get("description", "")
    ).strip()
    return schema


def render() -> str:
    """The schema as committed: sorted keys, two-space indent, trailing newline."""
    return json.dumps(generate(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files(folder: Path) -> dict[int, Path]:
    """The committed schema file of each major version in ``folder``: major -> path."""
    found = {
        int(match[1]): path
        for path in folder.glob("ovnnotes.v*.schema.json")
        if (match := _FILE_RE.search(path.name))
    }
    return dict(sorted(found.items()))
