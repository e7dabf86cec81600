"""Merging the mentions of a milestone into one event (``milestone_events.merge_milestones``)."""

from __future__ import annotations

import datetime as dt

from ovnnotes import parse
from ovnnotes.facts.milestone_events import Mention, merge_milestones
from ovnnotes.facts.milestones import milestone_name
from ovnnotes.model import Document, MilestoneKind

NOTES = """Dec 15, 2025 | ☐ OVN Community Meeting
- (dceara) OVN 26.03 development
 - o Soft freeze moved to Jan 30
 - OVS soft freeze is Jan 9
- (Ilya) the OVS+OVN'26 conference in 2 weeks

Dec 1, 2025 | ☐ OVN Community Meeting
- (numans) OVN 26.03 soft freeze is scheduled for Jan 23
- OVN 26.03 branching in 4 weeks
- OVN 26.03 branch on Feb 20
"""


def document() -> Document:
    return parse(NOTES, "notes.txt")[0]


def test_mentions_merge_by_milestone_and_a_moved_date_is_reported() -> None:
    doc = document()
    merged = merge_milestones(doc.milestones, doc.meetings)
    summary = [
        (
            e.key,
            e.name,
            e.date.isoformat(),
            e.current,
            e.approximate,
            [m.said_on.isoformat() for m in e.mentions],
        )
        for e in merged.events
    ]
    assert summary == [
        ("conference-2025-12-29", "OVS+OVN'26 conference", "2025-12-29", True, True, ["2025-12-15"]),
        ("ovs-soft_freeze-2026-01-09", "OVS soft freeze", "2026-01-09", True, False, ["2025-12-15"]),
        (
            "ovn-26.03-soft_freeze-2026-01-23",
            "OVN 26.03 soft freeze",
            "2026-01-23",
            False,
            False,
            ["2025-12-01"],
        ),
        ("ovn-26.03-soft_freeze", "OVN 26.03 soft freeze", "2026-01-30", True, False, ["2025-12-15"]),
        # "branching in 4 weeks" (Dec 29) joins the exact date given for the same milestone
        ("ovn-26.03-branch", "OVN 26.03 branch", "2026-02-20", True, False, ["2025-12-01", "2025-12-01"]),
    ]
    moved = merged.events[2]
    assert (moved.moved_to, moved.other_dates) == (dt.date(2026, 1, 30), (dt.date(2026, 1, 30),))
    current = merged.events[3]
    assert current.other_dates == (dt.date(2026, 1, 23),)
    assert current.exact_dates is moved.exact_dates  # shared: one tuple per milestone, not one per date
    assert [(d.code, d.path, d.line, d.message) for d in merged.diagnostics] == [
        (
            "ONM610",
            "notes.txt",
            3,
            "OVN 26.03 soft freeze is given as 2026-01-30 here, but as 2026-01-23 in the meeting of 2025-12-01 (line 8); the calendar keeps both dates",
        )
    ]
    assert [
        d for d in doc.diagnostics if d.code == "ONM610"
    ] == merged.diagnostics  # reported by validate too


def test_a_mention_names_meeting_item_date_speaker_and_line() -> None:
    doc = document()
    event = next(
        e for e in merge_milestones(doc.milestones, doc.meetings).events if e.key == "ovn-26.03-soft_freeze"
    )
    (mention,) = event.mentions
    assert mention == Mention(
        milestone_id="2025-12-15/1.1#1",
        meeting_id="2025-12-15",
        item_id="2025-12-15/1.1",
        said_on=dt.date(2025, 12, 15),
        speakers=("dumitru-ceara",),
        unresolved_speakers=(),
        date=dt.date(2026, 1, 30),
        approximate=False,
        phrase="Soft freeze moved to Jan 30",
        item_text="Soft freeze moved to Jan 30",
        path="notes.txt",
        line=3,
    )  # the speaker is the parent's: the item itself names nobody


def test_keys_do_not_depend_on_positions() -> None:
    doc = document()
    before = {e.key for e in merge_milestones(doc.milestones, doc.meetings).events}
    edited = parse(
        NOTES.replace(
            "- (dceara) OVN 26.03 development", "- a new first item\n- (dceara) OVN 26.03 development"
        ),
        "notes.txt",
    )[0]
    assert {m.id for m in edited.milestones} != {m.id for m in doc.milestones}
    assert {e.key for e in merge_milestones(edited.milestones, edited.meetings).events} == before


def test_milestone_names() -> None:
    conference = MilestoneKind.CONFERENCE
    assert (
        milestone_name(conference, "Announcement: OVS+OVN'25 conference in 2 weeks hybrid attendance")
        == "OVS+OVN'25 conference"
    )
    assert (
        milestone_name(conference, "Next week", ["Registration", "OVS/OVN Conference"])
        == "OVS/OVN Conference"
    )
    assert (
        milestone_name(conference, "the Linux Plumbers Conference is on Dec 3") == "Linux Plumbers Conference"
    )
    assert (
        milestone_name(
            MilestoneKind.SOFT_FREEZE, "if ovn features need it then OVS soft freeze is ~next week"
        )
        == "OVS soft freeze"
    )
    assert milestone_name(MilestoneKind.SOFT_FREEZE, "Soft freeze is next week") is None
    assert milestone_name(MilestoneKind.BRANCH, "OVS soft freeze is next week") is None


def test_an_approximate_date_without_a_release_joins_an_exact_one_of_the_same_meeting() -> None:
    notes = """Nov 27, 2023 | OVN Community Meeting
- OVS/OVN Conference next week
- Register for OVS+OVN Conf'23
 - Dec 6-7
- OVS soft freeze in 6 weeks
"""
    doc = parse(notes, "notes.txt")[0]
    merged = merge_milestones(doc.milestones, doc.meetings)
    assert [(e.key, e.date.isoformat(), e.approximate, len(e.mentions)) for e in merged.events] == [
        ("conference-2023-12-06", "2023-12-06", False, 2),  # "next week" is Dec 4: the same event as Dec 6-7
        ("ovs-soft_freeze-2024-01-08", "2024-01-08", True, 1),  # no exact date near it: its own event
    ]
