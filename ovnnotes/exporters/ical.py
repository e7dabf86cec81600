"""iCalendar export: the meetings (and, when present, milestones and action items) as one ``.ics``.

* One VEVENT per meeting, UID ``meeting-<meeting id>@ovnnotes``. All-day by default
  (``DTSTART;VALUE=DATE``, ``DTEND`` the next day, ``TRANSP:TRANSPARENT``). With
  ``options.start_time`` the events are timed: in ``options.timezone`` (a VTIMEZONE built from
  the system's zoneinfo data, never the network) or in UTC when no zone is given, lasting
  ``options.duration_minutes``. SUMMARY is the meeting title; DESCRIPTION lists the top-level
  items (under their section's name) with their speakers' names, then the attendees and links;
  URL is the first recording; ATTACH each recording and transcript; CATEGORIES
  ``OVN,community-meeting``.
* One all-day VEVENT per milestone, UID ``milestone-<id>@ovnnotes``, CATEGORIES
  ``<project>,milestone,<kind>``, RELATED-TO its meeting.
* One VTODO per action item, UID ``action-<id>@ovnnotes``: STATUS ``NEEDS-ACTION`` (open, and
  unknown, which DESCRIPTION notes) or ``COMPLETED``, the owners' names in DESCRIPTION.

Ids are made UID-safe by replacing every character outside ``A-Z a-z 0-9 . _ -`` with ``-``
(``2025-11-03/2.1#1`` -> ``2025-11-03-2.1-1``); should two ids ever collide after that, the later
one gets ``-2``, ``-3``... so no UID repeats. DTSTAMP is derived from the data, never the clock:
midnight UTC of the date of the meeting the component comes from. Control characters are
stripped from all text (newlines are kept in DESCRIPTION only; lone surrogates become U+FFFD).
The output is ``Calendar.to_ical()``: CRLF line ends, lines folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from icalendar import Calendar, Event, Todo

from .. import __version__
from ..io import OvnnotesError
from ..model import ActionItem, ActionStatus, Document, Item, Meeting, Milestone, MilestoneKind
from . import ExportOptions
from .json_ import SURROGATE

FORMAT = "ical"
DEFAULT_PATH = "ovn-community-meetings.ics"
FACTS = frozenset({"milestones", "action_items"})
"""The extracted facts this format writes."""

MEETING_CATEGORIES = ("OVN", "community-meeting")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SECTION_TITLES = {"agenda": "Agenda", "notes": "Notes", "action_items": "Action items"}
_MILESTONE_WORDS = {
    MilestoneKind.SOFT_FREEZE: "soft freeze", MilestoneKind.BRANCH: "branch", MilestoneKind.RELEASE: "release",
    MilestoneKind.CONFERENCE: "conference", MilestoneKind.OTHER: "milestone",
}


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Text without control characters; line breaks kept when ``multiline``, else made spaces.

    CR LF and CR count as line breaks, TAB becomes a space, a lone surrogate U+FFFD.
    """
    text = SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    return _CONTROL.sub("", text)


class _Uids:
    """Hands out UID-safe, never repeated UIDs."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, prefix: str, ident: str) -> str:
        base = f"{prefix}-{_UID_UNSAFE.sub('-', ident)}"
        uid, n = base, 1
        while uid in self._seen:
            n += 1
            uid = f"{base}-{n}"
        self._seen.add(uid)
        return f"{uid}@ovnnotes"


def _stamp(day: dt.date) -> dt.datetime:
    """DTSTAMP for a component: midnight UTC of the day it comes from (never the clock)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def _zone(options: ExportOptions) -> dt.tzinfo:
    if options.timezone is None:
        return dt.timezone.utc
    try:
        return zoneinfo.ZoneInfo(options.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise OvnnotesError(
            f"unknown time zone {options.timezone!r}; use an IANA name such as Europe/Brussels") from None


def _names(ids: Iterable[str], unresolved: Iterable[str], people: dict[str, str]) -> list[str]:
    """Display names for person ids (the id itself when unknown), then the unresolved names as written."""
    return [people.get(i, i) for i in ids] + list(unresolved)


def _description(meeting: Meeting, people: dict[str, str]) -> str:
    """The meeting's top-level items, under their section's name, with who raised them; then metadata."""
    lines: list[str] = []
    section: object = None
    for item in meeting.items:
        if item.section is not None and item.section != section:
            lines.append(f"{_SECTION_TITLES.get(item.section.value, item.section.value)}:")
        section = item.section
        if item.text or item.kind == "code" or item.speakers or item.unresolved_speakers:
            lines.append(_topic(item, people))
    attendees = _names(meeting.attendees, meeting.unresolved_attendees, people)
    if attendees:
        lines.append(f"Attendees: {', '.join(attendees)}")
    lines.extend(f"Recording: {url}" for url in meeting.recording_urls)
    lines.extend(f"Transcript: {url}" for url in meeting.transcript_urls)
    lines.append(f"Source: {meeting.source.path}, line {meeting.source.line}")
    return "\n".join(clean_text(line, multiline=True) for line in lines)


def _topic(item: Item, people: dict[str, str]) -> str:
    text = item.text if item.kind == "bullet" else "(code block)"
    speakers = _names(item.speakers, item.unresolved_speakers, people)
    return f"- {text}" + (f" ({', '.join(speakers)})" if speakers else "")


def _meeting_event(meeting: Meeting, options: ExportOptions, zone: dt.tzinfo, people: dict[str, str],
                   uid: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _stamp(meeting.date))
    if options.start_time is None:
        event.add("dtstart", meeting.date)
        _add_end(event, meeting.date, dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        start = dt.datetime.combine(meeting.date, options.start_time.replace(tzinfo=None), tzinfo=zone)
        event.add("dtstart", start)
        _add_end(event, start, dt.timedelta(minutes=options.duration_minutes))
    event.add("summary", clean_text(meeting.title) or "OVN Community Meeting")
    event.add("description", _description(meeting, people))
    if meeting.recording_urls:
        event.add("url", clean_text(meeting.recording_urls[0]))
    for url in [*meeting.recording_urls, *meeting.transcript_urls]:
        event.add("attach", clean_text(url))
    event.add("categories", list(MEETING_CATEGORIES))
    return event


def _add_end(component: Event, start: dt.date, length: dt.timedelta) -> None:
    """DTEND = start + length; DURATION instead where that is past year 9999 (a typo such as
    ``Dec 31, 9999`` must not crash the export; an all-day event without either lasts one day)."""
    try:
        component.add("dtend", start + length)
    except OverflowError:
        if not (isinstance(start, dt.date) and not isinstance(start, dt.datetime) and length == dt.timedelta(days=1)):
            component.add("duration", length)


def milestone_summary(milestone: Milestone) -> str:
    """E.g. ``OVN 26.03 soft freeze``; ``(approximate)`` is appended for relative dates."""
    words = [milestone.project, milestone.release, _MILESTONE_WORDS.get(milestone.kind, "milestone")]
    summary = " ".join(w for w in words if w)
    return summary + " (approximate)" if milestone.approximate else summary


def _milestone_event(milestone: Milestone, meetings: dict[str, Meeting], uid: str, related: str | None) -> Event:
    meeting = meetings.get(milestone.meeting_id)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _stamp(meeting.date if meeting else milestone.date))
    event.add("dtstart", milestone.date)
    _add_end(event, milestone.date, dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", clean_text(milestone_summary(milestone)))
    said = f"Stated in the community meeting of {meeting.date.isoformat()}" if meeting else "Stated"
    event.add("description", clean_text(
        f'"{milestone.text}"\n{said} (item {milestone.item_id}, line {milestone.line}; '
        f"confidence {milestone.confidence:g}).", multiline=True))
    event.add("categories", [c for c in (milestone.project, "milestone", milestone.kind.value) if c])
    if related:
        event.add("related-to", related)
    return event


def _action_todo(action: ActionItem, meetings: dict[str, Meeting], people: dict[str, str], uid: str,
                 related: str | None) -> Todo:
    meeting = meetings.get(action.meeting_id)
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", _stamp(meeting.date if meeting else dt.date(1970, 1, 1)))
    todo.add("summary", clean_text(action.text) or "(action item)")
    todo.add("status", "COMPLETED" if action.status == ActionStatus.DONE else "NEEDS-ACTION")
    owners = _names(action.owners, action.unresolved_owners, people)
    lines = [f"Owners: {', '.join(owners) if owners else 'unassigned'}"]
    if action.status == ActionStatus.UNKNOWN:
        lines.append("Status unknown in the notes; listed as NEEDS-ACTION.")
    where = f"the community meeting of {meeting.date.isoformat()}" if meeting else f"meeting {action.meeting_id}"
    lines.append(f"Recorded in {where} (item {action.item_id}, line {action.line}).")
    todo.add("description", clean_text("\n".join(lines), multiline=True))
    todo.add("categories", ["OVN", "action-item"])
    if related:
        todo.add("related-to", related)
    return todo


def _timezone_range(meetings: Sequence[Meeting]) -> tuple[dt.date, dt.date]:
    """First and last date the VTIMEZONE must cover: derived from the data, so the output is stable."""
    if not meetings:
        return dt.date(2000, 1, 1), dt.date(2000, 12, 31)
    year = dt.timedelta(days=366)  # dates within a year of the limits are clamped (icalendar adds offsets)
    first = min(max(meetings[0].date, dt.date.min + 2 * year), dt.date.max - 2 * year)
    last = min(max(meetings[-1].date, dt.date.min + 2 * year), dt.date.max - 2 * year)
    return first - year, last + year


def build_calendar(document: Document, options: ExportOptions) -> Calendar:
    """The calendar object (``render`` serialises it)."""
    zone = _zone(options) if options.start_time is not None else dt.timezone.utc
    people = {person.id: person.name for person in document.people}
    meetings = sorted(document.meetings, key=lambda m: (m.date, m.id))
    by_id = {meeting.id: meeting for meeting in meetings}
    uids = _Uids()
    meeting_uids = {meeting.id: uids("meeting", meeting.id) for meeting in meetings}

    calendar = Calendar()
    calendar.add("prodid", f"-//ovnnotes//ovnnotes {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", clean_text(options.calendar_name))
    calendar.add("x-wr-calname", clean_text(options.calendar_name))
    components: list[Any] = [
        _meeting_event(m, options, zone, people, meeting_uids[m.id]) for m in meetings
    ]
    components += [
        _milestone_event(x, by_id, uids("milestone", x.id), meeting_uids.get(x.meeting_id))
        for x in getattr(document, "milestones", [])
    ]
    components += [
        _action_todo(a, by_id, people, uids("action", a.id), meeting_uids.get(a.meeting_id))
        for a in getattr(document, "action_items", [])
    ]
    for component in components:
        calendar.add_component(component)
    if isinstance(zone, zoneinfo.ZoneInfo):
        calendar.add_missing_timezones(*_timezone_range(meetings))
    return calendar


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """The calendar as one ``.ics`` file."""
    return {DEFAULT_PATH: build_calendar(document, options).to_ical()}
