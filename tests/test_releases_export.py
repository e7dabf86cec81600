"""Releases in the exports: the CSV tables (columns, keys, counts), JSON, and the calendar's milestone events."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ovnnotes.model import Document
from ovnnotes.writers.exporters import render

COLUMNS = {
    "releases.csv": "id,project,version,soft_freeze,branch,release,feature_count,meeting_count",
    "release_meetings.csv": "release_id,position,meeting_id",
    "release_items.csv": "release_id,position,item_id",
    "release_milestones.csv": "id,release_id,milestone_id,kind,name,date,approximate,current,position,mention_count",
    "release_milestone_mentions.csv": "release_milestone_id,position,milestone_id,said_on",
    "release_features.csv": "id,release_id,position,name,status,slipped_to,slipped_from,status_item_id,part_of,mention_count",
    "release_feature_mentions.csv": "feature_id,position,meeting_id,item_id,said_on,role,line",
    "release_feature_people.csv": "feature_id,role,position,person_id,name",
}


@pytest.fixture(scope="module")
def files(seed_document: Document) -> dict[str, bytes]:
    return render(seed_document, "csv")


def _rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))


def test_release_tables_and_their_columns(files: dict[str, bytes]) -> None:
    for name, header in COLUMNS.items():
        assert files[name].decode().splitlines()[0] == header, name
    package = json.loads(files["datapackage.json"])
    names = [resource["name"] for resource in package["resources"]]
    assert names[-len(COLUMNS) :] == [name.removesuffix(".csv") for name in COLUMNS]


def test_rows_match_the_model(seed_document: Document, files: dict[str, bytes]) -> None:
    releases = seed_document.releases
    assert [
        (r["id"], r["soft_freeze"], r["branch"], r["release"], r["feature_count"])
        for r in _rows(files, "releases.csv")
    ][-1] == ("ovn-26.03", "2026-01-23", "2026-02-20", "2026-03-20", "9")
    assert len(_rows(files, "release_features.csv")) == sum(len(r.features) for r in releases)
    assert len(_rows(files, "release_feature_mentions.csv")) == sum(
        len(f.mentions) for r in releases for f in r.features
    )
    assert len(_rows(files, "release_milestones.csv")) == sum(
        len(m.history) for r in releases for m in r.milestones
    )
    assert len(_rows(files, "release_meetings.csv")) == sum(len(r.meetings) for r in releases)
    slipped = {
        row["id"]: (row["status"], row["slipped_to"], row["slipped_from"])
        for row in _rows(files, "release_features.csv")
    }
    assert slipped["ovn-25.09/network-function-insertion"] == ("slipped", "26.03", "")
    assert slipped["ovn-26.03/network-function-insertion"] == ("planned", "", "25.09")
    people = [
        (r["feature_id"], r["role"], r["person_id"])
        for r in _rows(files, "release_feature_people.csv")
        if "load-balancers" in r["feature_id"]
    ]
    assert people == [
        ("ovn-26.03/distributed-load-balancers", "raised", "dumitru-ceara"),
        ("ovn-26.03/distributed-load-balancers", "credited", "alexandra"),
    ]


def test_release_keys_hold(files: dict[str, bytes]) -> None:
    items = {row["id"] for row in _rows(files, "items.csv")}
    milestones = {row["id"] for row in _rows(files, "milestones.csv")}
    features = {row["id"] for row in _rows(files, "release_features.csv")}
    dates = {row["id"] for row in _rows(files, "release_milestones.csv")}
    assert {row["item_id"] for row in _rows(files, "release_feature_mentions.csv")} <= items
    assert {row["item_id"] for row in _rows(files, "release_items.csv")} <= items
    assert {row["milestone_id"] for row in _rows(files, "release_milestone_mentions.csv")} <= milestones
    assert {row["release_milestone_id"] for row in _rows(files, "release_milestone_mentions.csv")} == dates
    assert {row["part_of"] for row in _rows(files, "release_features.csv") if row["part_of"]} <= features


def test_the_calendar_has_one_event_per_release_milestone_date(seed_document: Document) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(render(seed_document, "ical")["ovn-community-meetings.ics"])
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT") if "milestone" in event["categories"].cats}
    dates = {
        f"milestone-{date.id}@ovnnotes"
        for r in seed_document.releases
        for m in r.milestones
        for date in m.history
    }
    assert dates <= uids
    assert sorted(uids - dates) == [  # the milestones that belong to no release
        "milestone-conference-2023-12-06@ovnnotes",
        "milestone-conference-2025-11-17@ovnnotes",
        "milestone-ovs-soft_freeze-2025-01-02@ovnnotes",
        "milestone-ovs-soft_freeze-2025-06-30@ovnnotes",
    ]


def test_json_export_holds_the_releases(seed_document: Document) -> None:
    data = json.loads(render(seed_document, "json")["ovnnotes.json"])
    assert data["schema_version"] == "2.2.0"
    assert [r["id"] for r in data["releases"]] == [
        "ovn-24.03",
        "ovn-24.06",
        "ovn-24.09",
        "ovn-25.03",
        "ovn-25.09",
        "ovn-26.03",
    ]


def test_a_2_0_document_without_releases_still_reads(tmp_path: Path) -> None:
    """The frozen 2.0.0 example lacks `releases`: the model reads it with none."""
    frozen = Path(__file__).resolve().parent / "golden" / "frozen" / "document-2.0.0.json"
    document = Document.model_validate_json(frozen.read_text())
    assert document.releases == [] and document.milestones
