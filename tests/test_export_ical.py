"""The iCalendar export: parseable by two libraries, one event per meeting, stable and well formed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.exporters import ExportOptions, render
from ovnnotes.exporters.ical import DEFAULT_PATH, clean_text
from ovnnotes.io import OvnnotesError
from ovnnotes.model import ActionItem, Document, Milestone

from builders import tiny_document

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
        assert event.decoded("dtstamp") == dt.datetime.combine(meeting.date, dt.time(0), tzinfo=dt.timezone.utc)
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


def test_milestones_are_all_day_events(seed_document: Document, ics: bytes) -> None:
    events = {str(e["uid"]): e for e in _parse(ics).walk("VEVENT")}
    for milestone in seed_document.milestones:
        uid = "milestone-" + milestone.id.replace("/", "-").replace("#", "-") + "@ovnnotes"
        event = events[uid]
        assert event.decoded("dtstart") == milestone.date
        assert "milestone" in event["categories"].cats
        assert event["related-to"] == f"meeting-{milestone.meeting_id}@ovnnotes"


def test_milestone_summary_and_todo_status(seed_document: Document) -> None:
    meeting = seed_document.meetings[-1]
    item = meeting.items[0]
    milestone = Milestone(id=f"{item.id}#1", meeting_id=meeting.id, item_id=item.id, kind="soft_freeze", project="OVN",
                          release="26.03", date=dt.date(2026, 1, 23), approximate=False, text="Soft freeze Jan 23",
                          line=item.line, confidence=1.0)
    actions = [ActionItem(id=f"{item.id}#{n}", meeting_id=meeting.id, item_id=item.id, text=f"do {status}",
                          owners=[seed_document.people[0].id], unresolved_owners=["Somebody"], explicit=True,
                          status=status, line=item.line)
               for n, status in enumerate(["open", "done", "unknown"], 1)]
    document = seed_document.model_copy(update={"milestones": [milestone, milestone], "action_items": actions})
    calendar = _parse(_ics(document))
    summaries = [e for e in calendar.walk("VEVENT") if e["summary"] == "OVN 26.03 soft freeze"]
    assert [str(e["uid"]) for e in summaries] == [f"milestone-{meeting.id}-agenda-1-1@ovnnotes",
                                                  f"milestone-{meeting.id}-agenda-1-1-2@ovnnotes"]
    todos = calendar.walk("VTODO")
    assert [str(t["status"]) for t in todos] == ["NEEDS-ACTION", "COMPLETED", "NEEDS-ACTION"]
    assert all(f"Owners: {seed_document.people[0].name}, Somebody" in t["description"] for t in todos)
    assert ["unknown" in t["description"] for t in todos] == [False, False, True]


def test_timed_events_have_a_vtimezone(seed_document: Document, timed_ics: bytes) -> None:
    calendar = _parse(timed_ics)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
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


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_text_round_trips_through_icalendar(title: str, text: str) -> None:
    summary = clean_text(title)
    body = clean_text(text, multiline=True)
    data = _ics(tiny_document(title, text))
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    event = _parse(data).walk("VEVENT")[0]
    assert event["summary"] == (summary or "OVN Community Meeting")
    if body:
        assert f"- {body}\n" in event["description"]
