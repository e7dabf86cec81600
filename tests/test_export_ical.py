"""The iCalendar export: parseable by two libraries, one event per meeting, stable and well formed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from builders import tiny_document
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ovnnotes.errors import OvnnotesError
from ovnnotes.model import ActionItem, Document, Milestone
from ovnnotes.writers.exporters import ExportOptions, render
from ovnnotes.writers.exporters.ical import DEFAULT_PATH, action_key, clean_text

TIMED = ExportOptions(start_time=dt.time(15, 0), timezone="Europe/Brussels")


def _ics(document: Document, options: ExportOptions | None = None) -> bytes:
    files = render(document, "ical", options)
    assert list(files) == [DEFAULT_PATH]
    return files[DEFAULT_PATH]


def _parse(data: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(data)
    assert [(c.name, c.errors) for c in calendar.walk() if c.errors] == []
    return calendar


def _meeting_events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return [e for e in calendar.walk("VEVENT") if "community-meeting" in str(e.get("categories").to_ical())]


@pytest.fixture(scope="module")
def ics(seed_document: Document) -> bytes:
    return _ics(seed_document)


@pytest.fixture(scope="module")
def timed_ics(seed_document: Document) -> bytes:
    return _ics(seed_document, TIMED)


def test_calendar_properties(ics: bytes) -> None:
    calendar = _parse(ics)
    from ovnnotes import __version__

    assert calendar["prodid"] == f"-//ovnnotes//ovnnotes {__version__}//EN"
    assert calendar["version"] == "2.0" and calendar["calscale"] == "GREGORIAN"
    assert calendar["name"] == calendar["x-wr-calname"] == "OVN Community Meetings"


def test_one_all_day_event_per_meeting(seed_document: Document, ics: bytes) -> None:
    events = _meeting_events(_parse(ics))
    assert len(events) == len(seed_document.meetings) == 21
    for event, meeting in zip(events, seed_document.meetings):
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start == meeting.date
        assert event.decoded("dtend") == meeting.date + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == dt.datetime.combine(meeting.date, dt.time(0), tzinfo=dt.UTC)
        assert event["uid"] == f"meeting-{meeting.id}@ovnnotes"
        assert event["summary"] == meeting.title
        urls = [*meeting.recording_urls, *meeting.transcript_urls]
        attach = event.get("attach", [])
        assert [str(a) for a in (attach if isinstance(attach, list) else [attach])] == urls
        assert event.get("url") == (meeting.recording_urls[0] if meeting.recording_urls else None)
    assert b"DTSTART;VALUE=DATE:20251215\r\n" in ics


def test_description_lists_topics_and_speakers(seed_document: Document, ics: bytes) -> None:
    names = {p.id: p.name for p in seed_document.people}
    for event, meeting in zip(_meeting_events(_parse(ics)), seed_document.meetings):
        description = str(event["description"])
        for item in meeting.items:
            if item.text and item.kind == "bullet":
                assert f"- {clean_text(item.text)}" in description
            for speaker in item.speakers:
                assert names[speaker] in description


def test_vobject_parses_and_validates(ics: bytes, timed_ics: bytes) -> None:
    for data in (ics, timed_ics):
        calendar = vobject.readOne(data.decode("utf-8"))
        calendar.validate()
        assert len(calendar.vevent_list) == len(_parse(data).walk("VEVENT"))


def test_lines_are_crlf_and_folded(ics: bytes, timed_ics: bytes) -> None:
    for data in (ics, timed_ics):
        assert data.endswith(b"END:VCALENDAR\r\n")
        lines = data.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines)
        assert max(len(line) for line in lines) <= 75
        data.decode("utf-8")  # folding never splits a character


def test_uids_are_unique(ics: bytes) -> None:
    uids = Counter(str(c["uid"]) for c in _parse(ics).subcomponents if "uid" in c)
    assert uids and max(uids.values()) == 1


def test_calendar_asks_subscribers_to_refresh_daily(ics: bytes) -> None:
    head = ics.split(b"BEGIN:VEVENT", 1)[0]
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in head and b"X-PUBLISHED-TTL:P1D\r\n" in head


def test_one_event_per_milestone(seed_document: Document, ics: bytes) -> None:
    """The 14 mentions of the seed are 11 milestones: 24.09 and 26.03 soft freeze were each said twice, and the
    OVS+OVN conference of 2023 was "next week" and "Dec 6-7" in one meeting."""
    events = [e for e in _parse(ics).walk("VEVENT") if "milestone" in e["categories"].cats]
    assert [(str(e["summary"]), e.decoded("dtstart").isoformat(), str(e["uid"])) for e in events] == [
        ("OVS/OVN Conference", "2023-12-06", "milestone-conference-2023-12-06@ovnnotes"),
        ("OVN 24.03 soft freeze", "2024-01-19", "milestone-ovn-24.03-soft_freeze@ovnnotes"),
        ("OVN 24.09 soft freeze", "2024-07-15", "milestone-ovn-24.09-soft_freeze@ovnnotes"),
        ("OVS soft freeze", "2025-01-02", "milestone-ovs-soft_freeze-2025-01-02@ovnnotes"),
        ("OVN 25.03 soft freeze", "2025-01-24", "milestone-ovn-25.03-soft_freeze@ovnnotes"),
        ("OVS soft freeze", "2025-06-30", "milestone-ovs-soft_freeze-2025-06-30@ovnnotes"),
        ("OVN 25.09 soft freeze", "2025-07-25", "milestone-ovn-25.09-soft_freeze@ovnnotes"),
        ("OVS+OVN'25 conference", "2025-11-17", "milestone-conference-2025-11-17@ovnnotes"),
        ("OVN 26.03 soft freeze", "2026-01-23", "milestone-ovn-26.03-soft_freeze@ovnnotes"),
        ("OVN 26.03 branch", "2026-02-20", "milestone-ovn-26.03-branch@ovnnotes"),
        ("OVN 26.03 release", "2026-03-20", "milestone-ovn-26.03-release@ovnnotes"),
    ]
    freeze = events[8]
    assert freeze["description"] == (
        "OVN 26.03 soft freeze: 2026-01-23\n"
        "Mentioned in the community meetings:\n"
        '- 2025-09-22, Dumitru Ceara: "soft freeze: Jan 23rd 2026 (patches must be posted and have received a reasonable amount of review on-list by then)"\n'
        '- 2025-11-03, Dumitru Ceara: "Soft freeze scheduled for Jan 23"\n'
        "Source: seeds/ovn-community-meetings.txt"
    )
    assert [str(r) for r in freeze["related-to"]] == [
        "meeting-2025-09-22@ovnnotes",
        "meeting-2025-11-03@ovnnotes",
    ]
    assert freeze.decoded("dtstamp") == dt.datetime(2025, 11, 3, tzinfo=dt.UTC)
    conference = events[7]
    assert conference["description"].startswith("OVS+OVN'25 conference: 2025-11-17 (approximate)\n")
    assert '(a relative date: "conference in 2 weeks")' in conference["description"]
    for event in events:
        assert event.decoded("dtend") == event.decoded("dtstart") + dt.timedelta(days=1)


def _milestone(meeting: object, item: object, n: int, date: dt.date, **fields: object) -> Milestone:
    values = dict(
        kind="soft_freeze",
        project="OVN",
        release="26.03",
        approximate=False,
        text=f"Soft freeze {date}",
        confidence=1.0,
    )
    values.update(fields)
    return Milestone(
        id=f"{item.id}#{n}", meeting_id=meeting.id, item_id=item.id, date=date, line=item.line, **values
    )  # type: ignore[attr-defined, arg-type]


def test_a_moved_date_keeps_both_events(seed_document: Document) -> None:
    first, last = seed_document.meetings[-3], seed_document.meetings[-1]
    milestones = [
        _milestone(first, first.items[0], 1, dt.date(2026, 1, 23)),
        _milestone(last, last.items[0], 1, dt.date(2026, 1, 30)),
        _milestone(last, last.items[0], 2, dt.date(2026, 1, 20), approximate=True),
    ]
    calendar = _parse(_ics(seed_document.model_copy(update={"milestones": milestones, "action_items": []})))
    events = [e for e in calendar.walk("VEVENT") if "milestone" in e["categories"].cats]
    assert [(str(e["summary"]), e.decoded("dtstart"), str(e["uid"])) for e in events] == [
        (
            "OVN 26.03 soft freeze (moved to 2026-01-30)",
            dt.date(2026, 1, 23),
            "milestone-ovn-26.03-soft_freeze-2026-01-23@ovnnotes",
        ),
        ("OVN 26.03 soft freeze", dt.date(2026, 1, 30), "milestone-ovn-26.03-soft_freeze@ovnnotes"),
    ]
    assert "Other dates the notes gave: 2026-01-23." in events[1]["description"]
    assert "A later meeting gives 2026-01-30 instead." in events[0]["description"]
    assert [e["description"].count("\n- ") for e in events] == [
        2,
        1,
    ]  # the approximate date joined the exact date nearest to it


def test_todos_name_their_owners_status_and_meeting(seed_document: Document) -> None:
    meeting = seed_document.meetings[-1]
    item = meeting.items[0]
    dumitru = next(p for p in seed_document.people if p.id == "dumitru-ceara")
    mailed = dumitru.model_copy(update={"emails": ["dceara@example.org"]})
    people = [mailed if p.id == dumitru.id else p for p in seed_document.people]
    actions = [
        ActionItem(
            id=f"{item.id}#{n}",
            meeting_id=meeting.id,
            item_id=item.id,
            text=f"do {status}",
            owners=["dumitru-ceara", "ales-musil"],
            unresolved_owners=["Somebody"],
            explicit=n != 3,
            status=status,
            line=item.line,
        )
        for n, status in enumerate(["open", "done", "unknown"], 1)
    ]
    document = seed_document.model_copy(update={"people": people, "action_items": actions})
    todos = _parse(_ics(document)).walk("VTODO")
    assert [str(t["status"]) for t in todos] == ["NEEDS-ACTION", "COMPLETED", "NEEDS-ACTION"]
    assert [t["categories"].cats for t in todos] == [
        ["OVN", "action-item", s] for s in ("open", "done", "unknown")
    ]
    for todo in todos:
        attendees = todo["attendee"]
        assert [(str(a), a.params["CN"]) for a in attendees] == [
            ("mailto:dceara@example.org", "Dumitru Ceara"),
            ("urn:ovnnotes:person:ales-musil", "Ales Musil"),
        ]
        assert "organizer" not in todo
        assert todo["related-to"] == f"meeting-{meeting.id}@ovnnotes"
        assert todo["description"].startswith("Owners: Dumitru Ceara, Ales Musil, Somebody\n")
    assert ["unknown" in t["description"] for t in todos] == [False, False, True]
    assert ["a promise" in t["description"] for t in todos] == [False, False, True]
    assert [str(t["uid"]) for t in todos] == [
        f"action-{meeting.date}-{action_key(a, meeting.date)[11:]}@ovnnotes" for a in actions
    ]


def test_action_uids_come_from_date_text_and_owners() -> None:
    base = ActionItem(
        id="2025-12-15/1#1",
        meeting_id="2025-12-15",
        item_id="2025-12-15/1",
        text="Mark will  check it",
        owners=["mark-michelson"],
        explicit=False,
        status="open",
        line=3,
    )
    day = dt.date(2025, 12, 15)
    moved = ActionItem(
        **{
            **dataclasses.asdict(base),
            "id": "2025-12-15/notes/7.2#3",
            "item_id": "2025-12-15/notes/7.2",
            "line": 90,
            "text": "mark will check it",
        }
    )
    assert action_key(base, day) == action_key(moved, day)  # position, case and spaces do not matter
    other_owner = ActionItem(**{**dataclasses.asdict(base), "owners": ["numan-siddique"]})
    other_text = ActionItem(**{**dataclasses.asdict(base), "text": "Mark will check that"})
    assert (
        len(
            {action_key(a, day) for a in (base, other_owner, other_text)}
            | {action_key(base, dt.date(2025, 12, 22))}
        )
        == 4
    )


def test_feeds_without_todos_or_milestones_and_per_owner(seed_document: Document) -> None:
    counts = {}
    for name, options in {
        "all": ExportOptions(),
        "meetings": ExportOptions(milestones=False, todos=False),
        "dceara": ExportOptions(owner="dceara"),
    }.items():
        calendar = _parse(_ics(seed_document, options))
        counts[name] = (
            len(calendar.walk("VEVENT")),
            len(calendar.walk("VTODO")),
            str(calendar["x-wr-calname"]),
        )
    dumitru = sum("dumitru-ceara" in a.owners for a in seed_document.action_items)
    assert counts == {
        "all": (21 + 11, len(seed_document.action_items), "OVN Community Meetings"),
        "meetings": (21, 0, "OVN Community Meetings"),
        "dceara": (21 + 11, dumitru, "OVN Community Meetings (Dumitru Ceara)"),
    }
    assert 0 < dumitru < len(seed_document.action_items)
    with pytest.raises(OvnnotesError, match="nobody by that id"):
        _ics(seed_document, ExportOptions(owner="nobody-at-all"))


def test_timed_events_have_a_vtimezone(seed_document: Document, timed_ics: bytes) -> None:
    calendar = _parse(timed_ics)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert [tz.get("comment") for tz in calendar.walk("VTIMEZONE")] == [None]  # RFC 5545 allows none there
    assert b"DTSTART;TZID=Europe/Brussels:20251215T150000\r\n" in timed_ics
    assert b"DTEND;TZID=Europe/Brussels:20251215T160000\r\n" in timed_ics
    brussels = ZoneInfo("Europe/Brussels")
    for event, meeting in zip(_meeting_events(calendar), seed_document.meetings):
        start = event.decoded("dtstart")
        assert start == dt.datetime.combine(meeting.date, dt.time(15), tzinfo=brussels)
        assert start.utcoffset() == brussels.utcoffset(start.replace(tzinfo=None))


def test_timed_events_without_a_zone_are_utc(seed_document: Document) -> None:
    data = _ics(seed_document, ExportOptions(start_time=dt.time(9, 30), duration_minutes=90))
    assert b"VTIMEZONE" not in data
    assert b"DTSTART:20251215T093000Z\r\n" in data and b"DTEND:20251215T110000Z\r\n" in data


def test_unknown_timezone_is_a_user_error(seed_document: Document) -> None:
    with pytest.raises(OvnnotesError, match="Mars/Olympus"):
        _ics(seed_document, ExportOptions(start_time=dt.time(15), timezone="Mars/Olympus"))


def test_lone_surrogates_become_replacement_characters() -> None:
    event = _parse(_ics(tiny_document("a\ud800b", "c\udfffd"))).walk("VEVENT")[0]
    assert event["summary"] == "a\ufffdb" and "- c\ufffdd" in event["description"]


def test_control_characters_are_stripped() -> None:
    data = _ics(tiny_document("A\x00B\x1b[31m\x7fC\x85", "x\x07y\r\nz"))
    assert not any(c in data for c in b"\x00\x07\x1b\x7f") and "\x85".encode() not in data
    event = _parse(data).walk("VEVENT")[0]
    assert event["summary"] == "AB[31mC" and "- xy\nz" in event["description"]


@pytest.mark.parametrize("options", [ExportOptions(), TIMED])
def test_renders_are_byte_identical(seed_document: Document, options: ExportOptions) -> None:
    copy = Document.model_validate_json(seed_document.model_dump_json())
    assert _ics(copy, options) == _ics(seed_document, options)


TRICKY = [",", ";", "\\", "\n", "\r", ":", '"', "é", "☃", "😀", " ", "\u2028", "\ud800"]
TEXT = st.text(st.one_of(st.sampled_from(TRICKY), st.characters()), min_size=1, max_size=40)


@settings(deadline=None)
@given(TEXT, TEXT)
@example("\ufeff", "x")  # icalendar drops a leading BOM when reading
@example("\\N", "C:\\next \\, \\;")  # a written backslash-N is text, not a line break
def test_text_round_trips(title: str, text: str) -> None:
    """Text reads back unchanged: structure by icalendar, TEXT values by vobject.

    icalendar's reader unescapes in chained passes, so an escaped backslash before ``n``
    reads back as a line break; vobject unescapes left to right, as RFC 5545 section 3.3.11 says.
    """
    summary = clean_text(title)
    body = clean_text(text, multiline=True)
    data = _ics(tiny_document(title, text))
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert len(_parse(data).walk("VEVENT")) == 1
    event = vobject.readOne(data.decode("utf-8")).vevent
    assert event.summary.value == (summary or "OVN Community Meeting")
    if body:
        assert f"- {body}\n" in event.description.value
