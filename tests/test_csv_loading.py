"""The README's code for loading the CSV tables with their declared types: current, and it works.

Both snippets are taken from the README as written and run on the committed ``exports/csv``,
with DuckDB and pandas, whose own guesses read ``milestones.release`` (``24.09``) as a number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from ovnnotes.writers.csv_loading import with_readme_section

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = json.loads((ROOT / "exports" / "csv" / "datapackage.json").read_text(encoding="utf-8"))
SECTION = README.split("<!-- csv-loading:start -->", 1)[1].split("<!-- csv-loading:end -->", 1)[0]


def _block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", SECTION, re.S)
    assert match, f"no {language} block in the README's csv-loading section"
    return match.group(1)


def _rows(name: str) -> list[dict[str, str]]:
    return list(
        csv.DictReader(
            io.StringIO((ROOT / "exports" / "csv" / f"{name}.csv").read_text(encoding="utf-8"), newline="")
        )
    )


def test_readme_snippets_are_generated_from_the_datapackage() -> None:
    assert README == with_readme_section(README, PACKAGE), "run: python -m ovnnotes.writers.csv_loading"


def test_guessing_readers_get_the_release_wrong() -> None:
    """Why the snippets exist: without the declared types the release is a number."""
    duckdb = pytest.importorskip("duckdb")
    pandas = pytest.importorskip("pandas")
    path = str(ROOT / "exports" / "csv" / "milestones.csv")
    assert str(pandas.read_csv(path)["release"].dtype) == "float64"  # a release 26.10 would read as 26.1
    assert (
        duckdb.connect().execute(f"SELECT typeof(release) FROM read_csv('{path}') LIMIT 1").fetchone()[0]
        == "DOUBLE"
    )


def test_duckdb_snippet_loads_every_table_with_its_types(monkeypatch: pytest.MonkeyPatch) -> None:
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(ROOT)
    connection = duckdb.connect()
    connection.execute(_block("sql"))
    expected_types = {
        "string": "VARCHAR",
        "integer": "BIGINT",
        "number": "DOUBLE",
        "boolean": "BOOLEAN",
        "date": "DATE",
    }
    for resource in PACKAGE["resources"]:
        name = resource["name"]
        columns = connection.execute(f"DESCRIBE {name}").fetchall()
        assert [(c[0], c[1]) for c in columns] == [
            (f["name"], expected_types[f["type"]]) for f in resource["schema"]["fields"]
        ]
        assert connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(_rows(name))
    releases = [
        r[0]
        for r in connection.execute(
            "SELECT release FROM milestones WHERE release IS NOT NULL ORDER BY id"
        ).fetchall()
    ]
    assert releases == [
        r["release"] for r in sorted(_rows("milestones"), key=lambda r: r["id"]) if r["release"]
    ]
    assert "24.09" in releases


def test_pandas_snippet_loads_every_table_with_its_types(monkeypatch: pytest.MonkeyPatch) -> None:
    pandas = pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(_block("python"), "README.md", "exec"), namespace)  # the README's code, as written
    load = namespace["load"]
    for resource in PACKAGE["resources"]:
        frame = load(resource["name"])
        rows = _rows(resource["name"])
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]] and len(frame) == len(
            rows
        )
        for field in resource["schema"]["fields"]:
            kind = {
                "string": "string",
                "integer": "Int64",
                "number": "Float64",
                "boolean": "boolean",
                "date": "datetime64",
            }[field["type"]]
            assert str(frame[field["name"]].dtype).startswith(kind), (
                resource["name"],
                field["name"],
                frame[field["name"]].dtype,
            )
    milestones = namespace["milestones"]
    assert "24.09" in set(milestones["release"].dropna())
    assert milestones["date"].min() == pandas.Timestamp("2023-12-04")
    diagnostics = load("diagnostics")  # `hint` is required text: an empty cell is the empty text, not missing
    assert diagnostics["hint"].isna().sum() == 0
