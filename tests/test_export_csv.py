"""The CSV export: parseable tables that match the model, valid keys, a valid data package, safe cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.files.writing import write_files
from ovnnotes.model import ActionItem, Document, Generator, Item, Meeting, Nesting, SourceRef, describe
from ovnnotes.writers.exporters import render
from ovnnotes.writers.exporters.csv_ import FORMULA_START, clean_text, csv_text, unneutralise

DANGEROUS = tuple(c for c in FORMULA_START if c != "'")
QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*"')
COLUMNS = {
    "meetings.csv": "id,date,title,source_path,source_line,end_line,attendee_count,item_count",
    "meeting_urls.csv": "meeting_id,kind,position,url",
    "metadata_notes.csv": "meeting_id,position,label,text,line",
    "items.csv": "id,meeting_id,parent_id,depth,position,section,kind,text,speaker_label,line,end_line,nesting,checked,markdown,number,quoted,heading",
    "people.csv": "id,name,aliases,emails,affiliation",
    "attendance.csv": "meeting_id,person_id,position",
    "unresolved_attendees.csv": "meeting_id,name,position",
    "speakers.csv": "item_id,person_id,position",
    "unresolved_speakers.csv": "item_id,handle,position",
    "links.csv": "item_id,position,url,text,kind",
    "diagnostics.csv": "position,code,severity,path,line,column,message,hint",
    "milestones.csv": "id,meeting_id,item_id,kind,project,release,date,approximate,text,line,confidence",
    "action_items.csv": "id,meeting_id,item_id,text,explicit,status,line",
    "action_owners.csv": "action_id,person_id,position",
    "schema_proposals.csv": "id,meeting_id,item_id,line,valid,table_count,problem_count",
}


def _walk(items: list[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _tiny(title: str, text: str) -> Document:
    item = Item(
        id="2024-01-08/1",
        section=None,
        text=text,
        raw=text,
        line=3,
        end_line=3,
        nesting=Nesting.EXPLICIT,
        speaker_label=text,
    )
    meeting = Meeting(
        id="2024-01-08",
        date=dt.date(2024, 1, 8),
        title=title,
        source=SourceRef(path="<string>", line=1),
        end_line=3,
        items=[item],
    )
    return Document(generator=Generator(name="ovnnotes", version="0.0.0"), meetings=[meeting])


@pytest.fixture(scope="module")
def files(seed_document: Document) -> dict[str, bytes]:
    return render(seed_document, "csv")


@pytest.fixture(scope="module")
def package(files: dict[str, bytes]) -> dict:
    return json.loads(files["datapackage.json"])


def test_file_layout_and_columns(files: dict[str, bytes], package: dict) -> None:
    csv_files = sorted(name for name in files if name.endswith(".csv"))
    assert sorted(r["path"] for r in package["resources"]) == csv_files
    assert set(files) == {*csv_files, "datapackage.json"}
    for name, header in COLUMNS.items():
        assert files[name].split(b"\n", 1)[0].decode() == header
    for resource in package["resources"]:
        header = files[resource["path"]].split(b"\n", 1)[0].decode().split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_every_file_parses_and_counts_match(seed_document: Document, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            assert rows and all(len(row) == len(rows[0]) for row in rows), name
            assert b"\r" not in data and data.endswith(b"\n")
    doc = seed_document
    items = [item for m in doc.meetings for item in _walk(m.items)]
    counts = {
        "meetings.csv": 21,
        "items.csv": len(items),
        "people.csv": len(doc.people),
        "attendance.csv": sum(len(m.attendees) for m in doc.meetings),
        "meeting_urls.csv": sum(len(m.recording_urls) + len(m.transcript_urls) for m in doc.meetings),
        "speakers.csv": sum(len(i.speakers) for i in items),
        "links.csv": sum(len(i.links) for i in items),
        "diagnostics.csv": len(doc.diagnostics),
        "milestones.csv": len(doc.milestones),
        "action_items.csv": len(doc.action_items),
        "action_owners.csv": sum(len(a.owners) for a in doc.action_items),
        "schema_proposals.csv": len(doc.schema_proposals),
    }
    assert {name: len(_read(files[name])) for name in counts} == counts
    meetings = _read(files["meetings.csv"])
    assert [row["id"] for row in meetings] == [m.id for m in doc.meetings]
    assert sum(int(row["item_count"]) for row in meetings) == len(items)


def test_item_rows_match_the_trees(seed_document: Document, files: dict[str, bytes]) -> None:
    rows = {row["id"]: row for row in _read(files["items.csv"])}
    for meeting in seed_document.meetings:
        for item in _walk(meeting.items):
            row = rows[item.id]
            assert row["meeting_id"] == meeting.id
            assert unneutralise(row["text"]) == clean_text(item.text)
            assert int(row["line"]) == item.line and row["nesting"] == item.nesting.value
            assert row["checked"] == {None: "", True: "true", False: "false"}[item.checked]
            for position, child in enumerate(item.children, 1):
                assert rows[child.id]["parent_id"] == item.id
                assert int(rows[child.id]["position"]) == position
                assert int(rows[child.id]["depth"]) == int(row["depth"]) + 1


def _check_keys(files: dict[str, bytes], package: dict) -> None:
    """Primary keys are unique and every foreign key resolves, as declared in datapackage.json."""
    tables = {r["name"]: _read(files[r["path"]]) for r in package["resources"]}
    for resource in package["resources"]:
        schema, rows = resource["schema"], tables[resource["name"]]
        keys = [tuple(row[f] for f in schema["primaryKey"]) for row in rows]
        assert len(keys) == len(set(keys)), resource["name"]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or resource["name"]
            known = {tuple(row[f] for f in fk["reference"]["fields"]) for row in tables[target]}
            values = {tuple(row[f] for f in fk["fields"]) for row in rows}
            dangling = {v for v in values if any(v)} - known
            assert not dangling, (resource["name"], fk["fields"], sorted(dangling)[:3])


def test_keys_hold(files: dict[str, bytes], package: dict) -> None:
    declared = {
        (r["name"], tuple(fk["fields"]), fk["reference"]["resource"])
        for r in package["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert {
        ("items", ("meeting_id",), "meetings"),
        ("items", ("parent_id",), ""),
        ("attendance", ("person_id",), "people"),
        ("speakers", ("item_id",), "items"),
        ("speakers", ("person_id",), "people"),
        ("milestones", ("item_id",), "items"),
        ("action_owners", ("action_id",), "action_items"),
    } <= declared
    _check_keys(files, package)


def test_datapackage_describes_every_column(package: dict) -> None:
    for resource in package["resources"]:
        assert resource["profile"] == "tabular-data-resource" and resource["encoding"] == "utf-8"
        for spec in resource["schema"]["fields"]:
            assert spec["description"] and spec["type"] in {"string", "integer", "number", "boolean", "date"}
            assert isinstance(spec["constraints"]["required"], bool)
    meetings = next(r for r in package["resources"] if r["name"] == "meetings")
    date = next(f for f in meetings["schema"]["fields"] if f["name"] == "date")
    assert date == {
        "name": "date",
        "type": "date",
        "description": describe(Meeting, "date"),
        "constraints": {"required": True},
    }


def test_frictionless_validates_the_package(files: dict[str, bytes], tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    write_files(tmp_path, files)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_empty_fact_tables_still_validate(seed_document: Document) -> None:
    files = render(
        seed_document.model_copy(
            update={"milestones": [], "action_items": [], "schema_proposals": [], "releases": []}
        ),
        "csv",
    )
    assert files["milestones.csv"].decode().splitlines() == [COLUMNS["milestones.csv"]]
    _check_keys(files, json.loads(files["datapackage.json"]))


def test_action_statuses_and_unresolved_owners(seed_document: Document) -> None:
    action = ActionItem(
        id="x#1",
        meeting_id=seed_document.meetings[0].id,
        item_id=seed_document.meetings[0].items[0].id,
        text="=cmd|' /C calc'!A0",
        owners=[seed_document.people[0].id],
        unresolved_owners=["Nobody; Else"],
        explicit=True,
        status="unknown",
        line=1,
    )
    files = render(seed_document.model_copy(update={"action_items": [action]}), "csv")
    (row,) = _read(files["action_items.csv"])
    assert row["text"] == "'=cmd|' /C calc'!A0" and row["status"] == "unknown"
    unresolved = _read(files["unresolved_action_owners.csv"])
    assert unresolved == [{"action_id": "x#1", "name": "Nobody; Else", "position": "1"}]
    _check_keys(files, json.loads(files["datapackage.json"]))


def test_renders_are_byte_identical(seed_document: Document, files: dict[str, bytes]) -> None:
    copy = Document.model_validate_json(seed_document.model_dump_json())
    assert render(copy, "csv") == files


def test_only_text_cells_are_neutralised() -> None:
    assert csv_text(["n", "t"], [(-1, "-1"), (True, "+x")]) == "n,t\n-1,'-1\ntrue,'+x\n"


def _assert_safe(data: str) -> None:
    """No dangerous cell start; control characters only as record ends or inside quoted fields."""
    rows = list(csv.reader(io.StringIO(data, newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS), cell
    outside = QUOTED_FIELD.sub("", data)
    assert outside.count("\n") == len(rows) and "\t" not in outside
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", data)


TRICKY = [*FORMULA_START, '"', ",", "\x0b", "\x00", "\x85", "\u2028", "\ud800", " ", "a"]
TEXT = st.text(st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=30)


@settings(deadline=None)
@given(TEXT, TEXT)
def test_cells_are_neutralised_and_round_trip(first: str, second: str) -> None:
    data = csv_text(["a", "b", "n"], [(first, second, 1.5), (second, None, 2)])
    _assert_safe(data)
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert [unneutralise(c) for c in rows[1][:2]] == [clean_text(first), clean_text(second)]
    assert rows[1][2] == "1.5"
    assert [unneutralise(c) for c in rows[2]] == [clean_text(second), "", "2"]


@settings(max_examples=50, deadline=None)
@given(TEXT, TEXT)
def test_document_text_is_neutralised_and_round_trips(title: str, text: str) -> None:
    files = render(_tiny(title, text), "csv")
    for name, data in files.items():
        if name.endswith(".csv"):
            _assert_safe(data.decode("utf-8"))
    (meeting,) = _read(files["meetings.csv"])
    (item,) = _read(files["items.csv"])
    assert unneutralise(meeting["title"]) == clean_text(title)
    assert unneutralise(item["text"]) == unneutralise(item["speaker_label"]) == clean_text(text)
