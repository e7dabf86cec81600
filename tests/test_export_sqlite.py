"""The SQLite export: the CSV tables in one database, valid keys, indexes, views, full-text search, metadata.

Checks are made against the CSV export read back with Python's ``csv`` module (an independent
path from the model to the data), and with SQLite's own checks (``PRAGMA foreign_key_check``,
``integrity_check``).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from strategies import notes_documents

from ovnnotes import export, parse
from ovnnotes.cli import cli
from ovnnotes.model import Document
from ovnnotes.writers.exporters import ExportOptions, render
from ovnnotes.writers.exporters.csv_ import unneutralise
from ovnnotes.writers.exporters.sqlite_ import FTS_TABLE, QUERIES, SQL_TYPES, TEXTS, VIEWS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def csv_files(seed_document: Document) -> dict[str, bytes]:
    return render(seed_document, "csv")


@pytest.fixture(scope="module")
def package(csv_files: dict[str, bytes]) -> dict:
    return json.loads(csv_files["datapackage.json"])


@pytest.fixture(scope="module")
def sqlite_files(seed_document: Document) -> dict[str, bytes]:
    return render(seed_document, "sqlite")


@pytest.fixture(scope="module")
def db(
    sqlite_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("sqlite") / "ovnnotes.db"
    path.write_bytes(sqlite_files["ovnnotes.db"])
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _as_csv_cell(value: object, type_: str) -> str:
    """A database value written the way the CSV export writes it (before neutralisation)."""
    if value is None:
        return ""
    if type_ == "boolean":
        return {0: "false", 1: "true"}[value]  # type: ignore[index]
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _tables(package: dict) -> dict[str, dict]:
    return {resource["name"]: resource for resource in package["resources"]}


def test_files_are_the_database_and_its_metadata(sqlite_files: dict[str, bytes]) -> None:
    assert set(sqlite_files) == {"ovnnotes.db", "ovnnotes.metadata.json"}
    assert sqlite_files["ovnnotes.db"].startswith(b"SQLite format 3\x00")


def test_database_is_sound(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA freelist_count").fetchone() == (0,)


def test_same_tables_columns_types_and_keys_as_the_csv(db: sqlite3.Connection, package: dict) -> None:
    names = {
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'texts%'"
        )
    }
    assert names == set(_tables(package))
    for name, resource in _tables(package).items():
        schema = resource["schema"]
        info = db.execute(f'PRAGMA table_info("{name}")').fetchall()  # cid, name, type, notnull, default, pk
        assert [row[1] for row in info] == [f["name"] for f in schema["fields"]], name
        assert [row[2] for row in info] == [SQL_TYPES[f["type"]] for f in schema["fields"]], name
        assert [bool(row[3]) for row in info] == [f["constraints"]["required"] for f in schema["fields"]], (
            name
        )
        assert [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])] == schema[
            "primaryKey"
        ], name
        foreign: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for fk_id, _seq, table, column, to, *_ in db.execute(f'PRAGMA foreign_key_list("{name}")'):
            foreign[fk_id].append((table, column, to))
        found = sorted((rows[0][0], [r[1] for r in rows], [r[2] for r in rows]) for rows in foreign.values())
        declared = sorted(
            (fk["reference"]["resource"] or name, fk["fields"], fk["reference"]["fields"])
            for fk in schema.get("foreignKeys", [])
        )
        assert found == declared, name


def test_every_row_and_value_equals_the_csv(
    db: sqlite3.Connection, package: dict, csv_files: dict[str, bytes]
) -> None:
    for name, resource in _tables(package).items():
        fields = resource["schema"]["fields"]
        expected = [
            [unneutralise(row[f["name"]]) if f["type"] == "string" else row[f["name"]] for f in fields]
            for row in _csv_rows(csv_files[resource["path"]])
        ]
        got = [
            [_as_csv_cell(value, f["type"]) for value, f in zip(row, fields)]
            for row in db.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
        ]
        assert len(got) == len(expected), name
        assert got == expected, name


def test_values_are_typed(db: sqlite3.Connection) -> None:
    assert db.execute("SELECT DISTINCT typeof(checked) FROM items ORDER BY 1").fetchall() == [
        ("integer",),
        ("null",),
    ]
    assert db.execute("SELECT typeof(confidence), typeof(date) FROM milestones LIMIT 1").fetchone() == (
        "real",
        "text",
    )
    assert db.execute("SELECT count(*) FROM action_items WHERE explicit NOT IN (0, 1)").fetchone() == (0,)


def test_enumerations_and_required_columns_are_enforced(
    tmp_path: Path, sqlite_files: dict[str, bytes]
) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(sqlite_files["ovnnotes.db"])
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("UPDATE items SET section = 'minutes' WHERE rowid = 1")
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        connection.execute("UPDATE meetings SET date = NULL WHERE rowid = 1")
    connection.close()


def test_join_columns_are_indexed(db: sqlite3.Connection, package: dict) -> None:
    for name in [*_tables(package), TEXTS]:
        fks = db.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
        groups: dict[int, list[str]] = defaultdict(list)
        for fk_id, _seq, _table, column, *_ in fks:
            groups[fk_id].append(column)
        indexed = []
        for _, index, *_ in db.execute(f'PRAGMA index_list("{name}")'):
            indexed.append([row[2] for row in db.execute(f'PRAGMA index_info("{index}")')])
        for columns in groups.values():
            assert any(index[: len(columns)] == columns for index in indexed), (name, columns)


def test_the_query_planner_uses_the_indexes(db: sqlite3.Connection) -> None:
    plan = " ".join(
        row[-1]
        for row in db.execute("EXPLAIN QUERY PLAN SELECT * FROM speakers WHERE person_id = 'dumitru-ceara'")
    )
    assert "idx_speakers_person_id" in plan


# -- views: each equals the same question asked of the CSV files -------------------------------------


@pytest.fixture(scope="module")
def csv_tables(csv_files: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    return {
        name.removesuffix(".csv"): _csv_rows(data)
        for name, data in csv_files.items()
        if name.endswith(".csv")
    }


def _view(db: sqlite3.Connection, name: str) -> list[dict]:
    cursor = db.execute(f'SELECT * FROM "{name}"')
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def test_views_are_the_documented_ones(db: sqlite3.Connection) -> None:
    views = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")]
    assert views == ["attendance_by_person", "meetings_by_year", "milestones_by_release", "open_actions"]
    for view in VIEWS:
        assert [c[0] for c in db.execute(f'SELECT * FROM "{view.name}" LIMIT 0').description] == list(
            view.columns
        )


def test_open_actions_view(db: sqlite3.Connection, csv_tables: dict[str, list[dict[str, str]]]) -> None:
    meetings = {m["id"]: m for m in csv_tables["meetings"]}
    names = {p["id"]: p["name"] for p in csv_tables["people"]}
    owners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in csv_tables["action_owners"]:
        owners[row["action_id"]].append((int(row["position"]), row["person_id"]))
    expected = []
    for a in csv_tables["action_items"]:
        if a["status"] != "open":
            continue
        ids = [pid for _, pid in sorted(owners[a["id"]])]
        meeting = meetings[a["meeting_id"]]
        expected.append(
            {
                "id": a["id"],
                "meeting_id": a["meeting_id"],
                "date": meeting["date"],
                "text": unneutralise(a["text"]),
                "owners": "; ".join(names[i] for i in ids) or None,
                "owner_ids": "; ".join(ids) or None,
                "unresolved_owners": None,
                "explicit": int(a["explicit"] == "true"),
                "item_id": a["item_id"],
                "source_path": meeting["source_path"],
                "line": int(a["line"]),
            }
        )
    expected.sort(key=lambda r: (r["date"], r["meeting_id"], r["line"], r["id"]))
    assert _view(db, "open_actions") == expected
    assert len(expected) > 20


def test_attendance_by_person_view(
    db: sqlite3.Connection, csv_tables: dict[str, list[dict[str, str]]]
) -> None:
    dates = {m["id"]: m["date"] for m in csv_tables["meetings"]}
    attended: dict[str, set[str]] = defaultdict(set)
    for row in csv_tables["attendance"]:
        attended[row["person_id"]].add(row["meeting_id"])
    expected = []
    for p in csv_tables["people"]:
        days = sorted(dates[m] for m in attended[p["id"]])
        expected.append(
            {
                "person_id": p["id"],
                "name": p["name"],
                "affiliation": p["affiliation"] or None,
                "meetings": len(days),
                "first_meeting": days[0] if days else None,
                "last_meeting": days[-1] if days else None,
            }
        )
    expected.sort(key=lambda r: (-r["meetings"], r["name"], r["person_id"]))
    assert _view(db, "attendance_by_person") == expected


def test_meetings_by_year_view(db: sqlite3.Connection, csv_tables: dict[str, list[dict[str, str]]]) -> None:
    actions = Counter(a["meeting_id"] for a in csv_tables["action_items"])
    years: dict[int, list[dict[str, str]]] = defaultdict(list)
    for m in csv_tables["meetings"]:
        years[int(m["date"][:4])].append(m)
    expected = [
        {
            "year": year,
            "meetings": len(ms),
            "first_meeting": min(m["date"] for m in ms),
            "last_meeting": max(m["date"] for m in ms),
            "items": sum(int(m["item_count"]) for m in ms),
            "action_items": sum(actions[m["id"]] for m in ms),
            "average_attendees": round(sum(int(m["attendee_count"]) for m in ms) / len(ms), 1),
        }
        for year, ms in sorted(years.items())
    ]
    assert _view(db, "meetings_by_year") == expected


def test_milestones_by_release_view(
    db: sqlite3.Connection, csv_tables: dict[str, list[dict[str, str]]]
) -> None:
    meetings = {m["id"]: m for m in csv_tables["meetings"]}
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for s in csv_tables["milestones"]:
        groups[(s["project"], s["release"], s["kind"])].append(s)
    expected = []
    for (project, release, kind), rows in groups.items():
        latest = max(
            rows, key=lambda s: (meetings[s["meeting_id"]]["date"], s["meeting_id"], int(s["line"]), s["id"])
        )
        expected.append(
            {
                "project": project or None,
                "release": release or None,
                "kind": kind,
                "date": latest["date"],
                "approximate": int(latest["approximate"] == "true"),
                "stated_in": latest["meeting_id"],
                "first_stated_on": min(meetings[s["meeting_id"]]["date"] for s in rows),
                "mentions": len(rows),
                "dates_stated": len({s["date"] for s in rows}),
            }
        )
    expected.sort(
        key=lambda r: (
            r["release"] is None,
            r["release"] or "",
            r["project"] is None,
            r["project"] or "",
            r["date"],
            r["kind"],
        )
    )
    got = _view(db, "milestones_by_release")
    assert got == expected
    moved = next(r for r in got if r["release"] == "24.09" and r["kind"] == "soft_freeze")
    assert (moved["mentions"], moved["stated_in"], moved["date"]) == (2, "2024-06-24", "2024-07-15")


# -- full-text search ---------------------------------------------------------------------------------


def test_texts_cover_titles_items_and_actions(db: sqlite3.Connection, seed_document: Document) -> None:
    kinds = dict(db.execute(f"SELECT kind, count(*) FROM {TEXTS} GROUP BY kind").fetchall())
    items = db.execute("SELECT count(*) FROM items WHERE text <> ''").fetchone()[0]
    assert kinds == {
        "meeting": len(seed_document.meetings),
        "item": items,
        "action": len(seed_document.action_items),
    }
    assert db.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone() == (sum(kinds.values()),)


def test_fts_uses_porter_unicode61_and_bm25(db: sqlite3.Connection) -> None:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (FTS_TABLE,)).fetchone()[0]
    assert "fts5" in sql and "porter unicode61" in sql and f'content="{TEXTS}"' in sql
    assert "CREATE TRIGGER" not in " ".join(r[0] or "" for r in db.execute("SELECT sql FROM sqlite_master"))
    # stemming: "freezing" finds "freeze"
    stemmed = db.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH 'freezing'").fetchone()[0]
    plain = db.execute(f"SELECT count(*) FROM {TEXTS} WHERE text LIKE '%freeze%'").fetchone()[0]
    assert stemmed >= plain > 5
    ranked = db.execute(
        f"SELECT rank, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH 'evpn' ORDER BY rank"
    ).fetchall()
    assert (
        ranked and all(a == b for a, b in ranked) and [a for a, _ in ranked] == sorted(a for a, _ in ranked)
    )
    # the index agrees with its content table (FTS5's own consistency check)
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")


def test_texts_carry_parent_and_speakers(db: sqlite3.Connection) -> None:
    row = db.execute(
        f"SELECT p.text, t.speakers, t.section, t.date FROM {TEXTS} t JOIN items p ON p.id = t.parent_id "
        "WHERE t.text = 'Support to learn remote EVPN VTEPs'"
    ).fetchone()
    assert row[0] == "(Red Hat internal) tracking stories for this feature:"
    assert json.loads(row[1]) == ["dumitru-ceara"]
    assert row[3] == "2025-06-23"


# -- metadata ----------------------------------------------------------------------------------------


def test_metadata_describes_every_table_view_and_column(
    db: sqlite3.Connection, sqlite_files: dict[str, bytes]
) -> None:
    meta = json.loads(sqlite_files["ovnnotes.metadata.json"])
    assert {"title", "description", "license", "license_url", "source"} <= set(meta)
    database = meta["databases"]["ovnnotes"]
    described = database["tables"]
    objects = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'texts_fts%'"
        )
    ]
    assert set(objects) == set(described)
    for name in objects:
        columns = [c[0] for c in db.execute(f'SELECT * FROM "{name}" LIMIT 0').description]
        assert described[name]["description"], name
        assert list(described[name]["columns"]) == columns, name
        assert all(described[name]["columns"].values()), name
    assert (
        described["items"]["columns"]["text"]
        == "Clean text: no bullet glyphs, markup, speaker prefix or LaTeX debris."
    )


@pytest.mark.parametrize(
    "name, params",
    [
        ("everything_said_about", {"term": '"soft freeze"'}),
        ("open_actions_by_owner", {"owner": "mark-michelson"}),
        ("open_actions_by_owner", {"owner": ""}),
        ("release_timeline", {"release": "26.03"}),
    ],
)
def test_canned_queries_run(db: sqlite3.Connection, name: str, params: dict[str, str]) -> None:
    rows = db.execute(QUERIES[name]["sql"], params).fetchall()
    assert rows
    if name == "open_actions_by_owner" and params["owner"]:
        assert {row[0] for row in rows} == {"Mark Michelson"}


def test_database_name_follows_the_file_name(seed_document: Document) -> None:
    files = render(seed_document, "sqlite", ExportOptions(database_file="notes.sqlite"))
    assert set(files) == {"notes.sqlite", "notes.metadata.json"}
    assert list(json.loads(files["notes.metadata.json"])["databases"]) == ["notes"]


def test_renders_are_byte_identical(seed_document: Document, sqlite_files: dict[str, bytes]) -> None:
    assert render(seed_document, "sqlite") == sqlite_files


# -- CLI and API ---------------------------------------------------------------------------------------


def test_cli_writes_database_and_metadata(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--format", "sqlite", "-o", str(tmp_path / "notes.db"), str(SEEDS)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'notes.db'}\nwrote {tmp_path / 'notes.metadata.json'}\n"
    assert list(json.loads((tmp_path / "notes.metadata.json").read_text())["databases"]) == ["notes"]
    connection = sqlite3.connect(tmp_path / "notes.db")
    assert connection.execute("SELECT count(*) FROM meetings").fetchone() == (21,)
    connection.close()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_cli_default_is_under_exports_and_not_part_of_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--format", "sqlite", str(SEEDS)])
    assert result.output == "wrote exports/ovnnotes.db\nwrote exports/ovnnotes.metadata.json\n"
    result = runner.invoke(cli, ["export", "--format", "all", str(SEEDS)])
    assert (
        result.exit_code == 0
        and "ovnnotes.db" not in result.output
        and "ovnnotes.metadata.json" not in result.output
    )
    result = runner.invoke(cli, ["export", "--check", str(SEEDS)])
    assert result.exit_code == 0 and result.output == "exports up to date (csv, ical, json, jsonl)\n"


def test_check_refuses_the_sqlite_format() -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "sqlite", "--check", str(SEEDS)])
    assert result.exit_code == 2
    assert result.output == (
        "ovnnotes: error: --check does not check --format sqlite: its binary file differs across "
        "SQLite versions, so it is not committed; try 'ovnnotes export --help'\n"
    )


def test_databases_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "exports/*.db" in ignored and "exports/*.metadata.json" in ignored


def test_python_api_writes_into_a_folder(seed_document: Document, tmp_path: Path) -> None:
    files = export(seed_document, "sqlite", output=tmp_path)
    assert (tmp_path / "ovnnotes.db").read_bytes() == files["ovnnotes.db"]
    assert (tmp_path / "ovnnotes.metadata.json").is_file()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(notes_documents())
def test_any_notes_give_a_sound_database_with_the_csv_row_counts(text: str) -> None:
    document, _ = parse(text)
    data = render(document, "sqlite")["ovnnotes.db"]
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for name, csv_data in render(document, "csv").items():
            if name.endswith(".csv"):
                count = connection.execute(f'SELECT count(*) FROM "{name.removesuffix(".csv")}"').fetchone()[
                    0
                ]
                assert count == len(_csv_rows(csv_data)), name
        connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
    finally:
        connection.close()
