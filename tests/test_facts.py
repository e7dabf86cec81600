"""Facts read from the notes: milestones, action items, proposed OVSDB schemas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ovnnotes import parse
from ovnnotes.model import ActionStatus, Document

# The full expected list for the seed: (date, kind, project, release, approximate, meeting).
SEED_MILESTONES = [
    ("2023-12-04", "conference", None, None, True, "2023-11-27"),
    (
        "2023-12-06",
        "conference",
        None,
        None,
        False,
        "2023-11-27",
    ),  # "Dec 6-7" under "Register for OVS+OVN Conf'23"
    ("2024-01-19", "soft_freeze", "OVN", "24.03", False, "2024-01-08"),
    ("2024-07-15", "soft_freeze", "OVN", "24.09", False, "2024-03-19"),
    ("2024-07-15", "soft_freeze", "OVN", "24.09", False, "2024-06-24"),
    ("2025-01-02", "soft_freeze", "OVS", None, False, "2024-12-02"),
    ("2025-01-24", "soft_freeze", "OVN", "25.03", False, "2025-01-13"),
    ("2025-06-30", "soft_freeze", "OVS", None, True, "2025-06-23"),
    ("2025-07-25", "soft_freeze", "OVN", "25.09", False, "2025-06-23"),
    ("2025-11-17", "conference", None, None, True, "2025-11-03"),
    ("2026-01-23", "soft_freeze", "OVN", "26.03", False, "2025-09-22"),
    ("2026-01-23", "soft_freeze", "OVN", "26.03", False, "2025-11-03"),
    ("2026-02-20", "branch", "OVN", "26.03", False, "2025-09-22"),
    ("2026-03-20", "release", "OVN", "26.03", False, "2025-09-22"),
]


def test_seed_milestones(seed_document: Document) -> None:
    found = sorted(
        (m.date.isoformat(), m.kind.value, m.project, m.release, m.approximate, m.meeting_id)
        for m in seed_document.milestones
    )
    assert found == SEED_MILESTONES
    for milestone in seed_document.milestones:  # no wrong year: within a year after the meeting
        meeting_date = dt.date.fromisoformat(milestone.meeting_id)
        assert dt.timedelta(days=-60) <= milestone.date - meeting_date <= dt.timedelta(days=366)


def test_seed_explicit_actions_of_nov_27_2023(seed_document: Document) -> None:
    actions = [a for a in seed_document.action_items if a.meeting_id == "2023-11-27" and a.explicit]
    assert [(a.owners, a.status) for a in actions] == [
        (["mark-michelson"], ActionStatus.OPEN),
        (["mark-michelson"], ActionStatus.OPEN),
        (["dumitru-ceara"], ActionStatus.DONE),
        (["dumitru-ceara"], ActionStatus.UNKNOWN),
    ]


def test_seed_implicit_actions(seed_document: Document) -> None:
    implicit = {(a.meeting_id, tuple(a.owners), a.text) for a in seed_document.action_items if not a.explicit}
    assert (
        "2025-03-17",
        ("vladislav-odintsov", "alexandra"),
        "Vladislav/Alexandra to share this info on-list",
    ) in implicit
    assert ("2025-08-04", ("felix-huettner",), "will followup with the libovsdb team") in implicit
    assert ("2025-08-04", ("dumitru-ceara",), "dceara will review / merge it") in implicit
    assert ("2023-11-27", ("mark-michelson",), "Mark will check it") in implicit
    assert ("2024-12-16", ("dumitru-ceara",), "Dumitru will try to look at that part too") in implicit
    assert all(a.owners for a in seed_document.action_items if not a.explicit)
    # the implicit promise repeated in the Action items section is listed once
    assert [
        a.explicit
        for a in seed_document.action_items
        if a.text == "Dumitru will schedule the next in a month"
    ] == [True]


def test_unassigned_action_goes_to_the_unassigned_bucket() -> None:
    document, diagnostics = parse(
        "Dec 15, 2025 | OVN Community Meeting\nAction items\n\tZorglub to write docs\n\tsomeone should fix CI\n"
    )
    assert [(a.owners, a.unresolved_owners) for a in document.action_items] == [([], ["Zorglub"]), ([], [])]
    assert [d.code for d in diagnostics] == ["ONM603", "ONM603"]


def test_seed_route_proposal(seed_document: Document) -> None:
    (proposal,) = seed_document.schema_proposals
    assert proposal.meeting_id == "2024-12-02" and not proposal.valid
    assert [t.name for t in proposal.tables] == ["Route"]
    assert [(p.code, p.line) for p in proposal.problems] == [
        ("ONS306", 356),
        ("ONS302", 358),
        ("ONS303", 365),
    ]
    route = proposal.tables[0]
    assert [c.name for c in route.columns] == [
        "datapath",
        "logical_port",
        "ip prefix",
        "nexthop",
        "tracked_port",
        "type",
    ]
    assert route.row_schema["type"] == "object"


def test_seed_route_proposal_after_the_fix_is_valid(seed_document: Document) -> None:
    text = (Path(__file__).resolve().parent.parent / "seeds" / "ovn-community-meetings.txt").read_text()
    fixed, _ = parse(text.replace('"ip prefix"', '"ip_prefix"'))
    (proposal,) = fixed.schema_proposals
    assert [p.code for p in proposal.problems] == ["ONS306"]  # only the reference outside the fragment
    assert proposal.valid


def test_a_whole_schema_pasted_into_notes_is_accepted() -> None:
    schema = (Path(__file__).resolve().parent / "ovsdb" / "zoo.ovsschema").read_text()
    document, diagnostics = parse(
        f"Dec 15, 2025 | OVN Community Meeting\n- (dceara) the full schema:\n\n```\n{schema}```\n"
    )
    (proposal,) = document.schema_proposals
    assert proposal.valid and proposal.problems == [] and len(proposal.tables) >= 2
    assert [d for d in diagnostics if d.code.startswith("ONS")] == []


def test_only_the_facts_asked_for(seed_document: Document) -> None:
    from ovnnotes.api import parse_paths

    document = parse_paths([], facts={"milestones"})
    assert document.milestones == seed_document.milestones
    assert document.action_items == [] and document.schema_proposals == []
    assert not [d for d in document.diagnostics if d.code.startswith("ONS") or d.code == "ONM603"]
    assert document.meetings == seed_document.meetings


def test_unknown_facts_are_refused() -> None:
    import pytest

    from ovnnotes.api import parse_paths

    with pytest.raises(ValueError, match="unknown facts"):
        parse_paths([], facts={"milestones", "todos"})
