"""Calendar identities survive unrelated edits of the notes (subscribers' calendars must not churn).

* Inserting, deleting or moving any item changes no UID of a meeting, milestone or action item
  that is itself unchanged (same meeting date; same project, release, kind and date; same
  meeting date, text and owners).
* A calendar made after an unrelated edit (a bullet added to one meeting) differs from the one
  made before only in that meeting's event: no other component changes a single byte.
"""

from __future__ import annotations

import icalendar
from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.api import build_document, default_registry
from ovnnotes.model import Document
from ovnnotes.read.text import parse_text
from ovnnotes.writers.exporters import ExportOptions, render
from ovnnotes.writers.exporters.ical import DEFAULT_PATH

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")
BULLETS = [index for index, line in enumerate(SEED_LINES) if line.startswith(("- ", " - "))]
TOP_LEVEL = [index for index in BULLETS if SEED_LINES[index].startswith("- ")]
UNRELATED = [
    "- (dceara) a remark about the weather",
    "- Recurring item: nothing new",
    " - (Ilya) agreed, looks good",
    "- side discussion on CI runners",
]
SETTINGS = settings(max_examples=25, deadline=None)


def document(text: str) -> Document:
    registry = default_registry()
    return build_document(
        [parse_text(text, "seeds/ovn-community-meetings.txt", registry)],
        registry,
        facts={"milestones", "action_items"},
    )


def components(document: Document) -> dict[str, bytes]:
    """UID -> the component's bytes."""
    calendar = icalendar.Calendar.from_ical(render(document, "ical", ExportOptions())[DEFAULT_PATH])
    return {str(c["uid"]): c.to_ical() for c in calendar.subcomponents if "uid" in c}


def identities(document: Document) -> dict[tuple, str]:
    """What each component is (its content) -> its UID."""
    calendar = icalendar.Calendar.from_ical(render(document, "ical", ExportOptions())[DEFAULT_PATH])
    found: dict[tuple, str] = {}
    for component in calendar.subcomponents:
        if "uid" not in component:
            continue
        categories = tuple(component["categories"].cats)
        what = (
            component.name,
            categories,
            str(component["summary"]),
            component.decoded("dtstart") if "dtstart" in component else None,
        )
        if component.name == "VTODO":
            what += (
                str(component["related-to"]),
                tuple(str(a) for a in component.get("attendee", []))
                if isinstance(component.get("attendee"), list)
                else str(component.get("attendee")),
            )
        found[what] = str(component["uid"])
    return found


BEFORE = identities(document(SEED_TEXT))
BEFORE_COMPONENTS = components(document(SEED_TEXT))


@st.composite
def edited(draw: st.DrawFn) -> str:
    """The seed with one item line inserted, deleted or moved somewhere else."""
    lines = list(SEED_LINES)
    operation = draw(st.sampled_from(["insert", "delete", "move"]))
    if operation == "insert":
        lines.insert(draw(st.sampled_from(BULLETS)), draw(st.sampled_from(UNRELATED)))
    elif operation == "delete":
        del lines[draw(st.sampled_from(BULLETS))]
    else:
        line = lines.pop(draw(st.sampled_from(BULLETS)))
        lines.insert(draw(st.sampled_from(BULLETS)), line)
    return "\n".join(lines)


@SETTINGS
@given(edited())
def test_unchanged_components_keep_their_uids(text: str) -> None:
    after = identities(document(text))
    kept = BEFORE.keys() & after.keys()
    assert len(kept) > len(BEFORE) / 2  # one edit leaves most components as they were
    assert {what: after[what] for what in kept} == {what: BEFORE[what] for what in kept}


def test_inserting_a_bullet_keeps_every_uid_of_the_seed() -> None:
    """The issue's case: one bullet inserted in the Sep 22, 2025 meeting changed four UIDs."""
    start = SEED_LINES.index("Sep 22, 2025 | ☐ OVN Community Meeting")
    at = next(index for index in TOP_LEVEL if index > start)
    lines = list(SEED_LINES)
    lines.insert(at, "- (dceara) one more agenda item")
    after = components(document("\n".join(lines)))
    assert after.keys() == BEFORE_COMPONENTS.keys()
    assert [uid for uid in after if after[uid] != BEFORE_COMPONENTS[uid]] == ["meeting-2025-09-22@ovnnotes"]


@SETTINGS
@given(st.sampled_from(TOP_LEVEL), st.sampled_from([text for text in UNRELATED if text.startswith("- ")]))
def test_an_unrelated_edit_changes_only_its_meetings_event(at: int, text: str) -> None:
    lines = list(SEED_LINES)
    lines[at:at] = [text, ""]  # a top-level item of its own (a blank line after it)
    edited_document = document("\n".join(lines))
    meeting = next(m for m in edited_document.meetings if m.source.line <= at + 1 <= m.end_line)
    after = components(edited_document)
    assert after.keys() == BEFORE_COMPONENTS.keys()
    changed = {uid for uid in after if after[uid] != BEFORE_COMPONENTS[uid]}
    assert changed <= {
        f"meeting-{meeting.id}@ovnnotes"
    }  # empty when the bullet went under an item the description omits
