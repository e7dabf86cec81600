"""The nesting rules measured against a hand-checked expectation for three whole meetings.

Each file in ``golden/nesting/`` is an outline of one meeting as a person reading the notes would
nest it (indentation = depth, then the item's source line). The parser's tree is compared item by
item on the parent each item gets; the score may only go up (raise ``BASELINE`` when it does).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ovnnotes.model import Document, Item

NESTING = Path(__file__).resolve().parent / "golden" / "nesting"
OUTLINE_RE = re.compile(r"^( *)(\d+) ")
# Share of items whose parent matches the hand-checked outline, measured when the rules changed.
BASELINE = {"2023-11-27": 0.79, "2024-12-02": 0.89, "2025-09-22": 0.75}


def expected_parents(path: Path) -> dict[int, int | None]:
    parents: dict[int, int | None] = {}
    stack: list[int] = []
    for line in path.read_text().splitlines():
        match = OUTLINE_RE.match(line)
        if not match:
            continue
        depth = len(match.group(1)) // 2
        stack[depth:] = [int(match.group(2))]
        parents[int(match.group(2))] = stack[depth - 1] if depth else None
    return parents


def actual_parents(items: list[Item], parent: int | None = None) -> dict[int, int | None]:
    parents: dict[int, int | None] = {}
    for item in items:
        parents[item.line] = parent
        parents.update(actual_parents(item.children, item.line))
    return parents


@pytest.mark.parametrize("meeting_id", sorted(BASELINE))
def test_nesting_matches_hand_checked_outline(seed_document: Document, meeting_id: str) -> None:
    meeting = next(m for m in seed_document.meetings if m.id == meeting_id)
    expected = expected_parents(NESTING / f"{meeting_id}.txt")
    actual = actual_parents(meeting.items)
    assert sorted(actual) == sorted(expected), "every item of the meeting is in the outline, and only those"
    wrong = {line: (actual[line], want) for line, want in expected.items() if actual[line] != want}
    score = 1 - len(wrong) / len(expected)
    assert score >= BASELINE[meeting_id], f"{meeting_id}: {score:.2f} < {BASELINE[meeting_id]}; wrong (line: got, want): {wrong}"
