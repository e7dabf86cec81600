"""The published JSON Schema, generated from the pydantic model (never edited by hand).

``schema/ovnnotes.v<major>.schema.json`` is what ``generate()`` returns, written with
``render()``; a test fails when the committed file is stale (regenerate it with
``ovnnotes schema -o schema/ovnnotes.v1.schema.json``).
"""

from __future__ import annotations

import json
from typing import Any

from .model import SCHEMA_VERSION, Document

MAJOR = SCHEMA_VERSION.split(".")[0]
SCHEMA_FILE = f"ovnnotes.v{MAJOR}.schema.json"
SCHEMA_ID = f"urn:ovnnotes:schema:v{MAJOR}"


def generate() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a document of the current major version."""
    body = Document.model_json_schema(mode="validation")
    header = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ovnnotes document",
        "x-schema-version": SCHEMA_VERSION,
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
