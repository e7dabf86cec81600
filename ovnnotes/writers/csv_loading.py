"""How to load each CSV table with its declared types, generated from ``datapackage.json``.

CSV carries no types, and readers guess: DuckDB and pandas read ``milestones.release``
(``24.09``) as a number, ``items.text`` that looks like a date as a date, and so on. The data
package declares every column's type; this module turns it into the loading code for DuckDB
(``read_csv(..., types = {...})``) and pandas (``dtype=``, ``parse_dates=``), which the README
shows between the ``csv-loading`` markers (``python -m ovnnotes.writers.csv_loading`` rewrites it; a test
keeps it in sync and runs both snippets).

Mapping: ``string`` -> VARCHAR / ``"string"``, ``integer`` -> BIGINT / ``"Int64"``, ``number`` ->
DOUBLE / ``"Float64"``, ``boolean`` -> BOOLEAN / ``"boolean"``, ``date`` -> DATE / parsed as a
date. An empty cell is NULL (pandas: ``<NA>``) except in required text columns, where it is the
empty text; text that reads as ``NA`` or ``null`` stays text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
README_START, README_END = "<!-- csv-loading:start -->", "<!-- csv-loading:end -->"


def _fields(resource: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(resource["schema"]["fields"])


def duckdb_sql(package: Mapping[str, Any], folder: str = "exports/csv") -> str:
    """One ``CREATE TABLE`` per resource, every column with its declared type."""
    statements = []
    for resource in package["resources"]:
        types = ", ".join(
            f"'{field['name']}': '{DUCKDB_TYPES[field['type']]}'" for field in _fields(resource)
        )
        statements.append(
            f"CREATE TABLE {resource['name']} AS SELECT * FROM read_csv('{folder}/{resource['path']}',\n"
            f"    header = true, delim = ',', quote = '\"', escape = '\"', types = {{{types}}});"
        )
    return "\n".join(statements) + "\n"


def pandas_specs(package: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per table: ``dtype`` (non-date columns), ``dates`` and ``nullable`` (columns whose empty cell is missing)."""
    specs = {}
    for resource in package["resources"]:
        fields = _fields(resource)
        specs[resource["name"]] = {
            "dtype": {f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] != "date"},
            "dates": [f["name"] for f in fields if f["type"] == "date"],
            "nullable": [
                f["name"]
                for f in fields
                if not (f["type"] == "string" and f.get("constraints", {}).get("required"))
            ],
        }
    return specs


def pandas_code(package: Mapping[str, Any], folder: str = "exports/csv") -> str:
    """A ``load(table)`` function for pandas with every table's types."""
    lines = ["import pandas as pd", "", "TABLES = {"]
    for name, spec in pandas_specs(package).items():
        lines.append(f"    {name!r}: {json.dumps(spec, ensure_ascii=False)},")
    lines += [
        "}",
        "",
        "",
        f"def load(table, folder={folder!r}):",
        "    spec = TABLES[table]",
        "    return pd.read_csv(",
        '        f"{folder}/{table}.csv", dtype=spec["dtype"], parse_dates=spec["dates"], date_format="%Y-%m-%d",',
        '        keep_default_na=False, na_values={column: [""] for column in spec["nullable"]},',
        "    )",
        "",
        "",
        'milestones = load("milestones")  # release is text: 24.09, not 24.9',
    ]
    return "\n".join(lines) + "\n"


def readme_section(package: Mapping[str, Any]) -> str:
    return (
        "DuckDB:\n\n```sql\n" + duckdb_sql(package) + "```\n\n"
        "pandas:\n\n```python\n" + pandas_code(package) + "```"
    )


def with_readme_section(readme: str, package: Mapping[str, Any]) -> str:
    """The README text with the loading snippets regenerated between the markers."""
    head, rest = readme.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{readme_section(package)}\n{README_END}{tail}"


if (
    __name__ == "__main__"
):  # pragma: no cover - `python -m ovnnotes.writers.csv_loading` rewrites README.md's snippets
    from pathlib import Path

    readme = Path("README.md")
    package = json.loads(Path("exports/csv/datapackage.json").read_text(encoding="utf-8"))
    readme.write_text(with_readme_section(readme.read_text(encoding="utf-8"), package), encoding="utf-8")
