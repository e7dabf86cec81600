"""iCalendar export: the meetings (and, when present, milestones and action items) as one ``.ics``.

The calendar is meant to be subscribed to, so what matters most is that a component keeps its
UID for as long as the thing it names stays the same, and that an edit of the notes changes only
the components it is about (``tests/test_calendar_stability.py`` proves both).

* The calendar: NAME and X-WR-CALNAME, REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL
  (``options.refresh_interval``, one day by default: RFC 7986 and the older Outlook form).
* One VEVENT per meeting, UID ``meeting-<meeting id>@ovnnotes`` (the meeting's date). All-day
  by default (``DTSTART;VALUE=DATE``, ``DTEND`` the next day, ``TRANSP:TRANSPARENT``). With
  ``options.start_time`` the events are timed: in ``options.timezone`` (a VTIMEZONE built from
  the system's zoneinfo data, never the network, without the ``COMMENT`` icalendar puts in it,
  which RFC 5545 does not allow there, and with one date per RDATE, which ical.js needs) or in UTC when no zone is given, lasting
  ``options.duration_minutes``. SUMMARY is the meeting title; DESCRIPTION lists the top-level
  items (under their section's name) with their speakers' names, then the attendees and links;
  URL is the first recording; ATTACH each recording and transcript; CATEGORIES
  ``OVN,community-meeting``.
* One all-day VEVENT per milestone, merged from its mentions by
  ``milestone_events.merge_milestones``: the milestones of each release are its release milestones
  (``release_milestones.milestone_events``, the records ``Release.milestones`` holds: one event per date of
  each), the others (a conference, ``OVS soft freeze``) come straight from the merge. UID
  ``milestone-<key>@ovnnotes`` where the key comes
  from (project, release, kind) (``milestone-ovn-26.03-soft_freeze``), or (project, kind, date)
  for a milestone without a release; SUMMARY its name (``OVS+OVN'25 conference``), with
  ``(moved to <date>)`` for a date a later mention changed; DESCRIPTION every mention (date said,
  by whom, what was said); CATEGORIES ``<project>,milestone,<kind>``; RELATED-TO the meetings
  that mention it. ``options.milestones=False`` leaves them out.
* One VTODO per action item, UID ``action-<meeting date>-<hash>@ovnnotes``, the hash (12 hex
  digits of SHA-256) of the normalised action text (case folded, white space collapsed) and its
  owners: STATUS ``NEEDS-ACTION`` (open, and unknown, which DESCRIPTION notes) or
  ``COMPLETED``; an ``ATTENDEE;CN=<name>`` per owner (``mailto:`` the registry's first email, else
  ``urn:ovnnotes:person:<id>``; owners the registry does not know are named in DESCRIPTION only);
  no ORGANIZER; RELATED-TO the meeting's UID; CATEGORIES ``OVN,action-item,<status>``.
  ``options.todos=False`` leaves them out; ``options.owner`` keeps only that person's.

Nothing positional goes into a component: no item ids or line numbers (they move whenever a
line is added above), so a component changes only when its own content does. Should two UIDs
ever collide (two identical action items on one day), the later one gets ``-2``, ``-3``...
UIDs keep only ``A-Z a-z 0-9 . _ -`` (anything else becomes ``-``). DTSTAMP is derived from the
data, never the clock: midnight UTC of the date of the (latest) meeting the component comes
from. Control characters are stripped from all text (newlines are kept in DESCRIPTION only;
lone surrogates become U+FFFD). The output is ``Calendar.to_ical()``: CRLF line ends, lines
folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from icalendar import Calendar, Event, Todo, vCalAddress, vDuration, vText

from ... import __version__
from ...errors import OvnnotesError
from ...facts.milestone_events import MilestoneEvent
from ...model import ActionItem, ActionStatus, Document, Item, Meeting, Person
from ...vocabulary.characters import CONTROL_RE
from ...vocabulary.labels import SECTION_TITLES, SERIES_TITLE
from . import ExportOptions
from .json_ import SURROGATE

FORMAT = "ical"
DEFAULT_PATH = "ovn-community-meetings.ics"
FACTS = frozenset({"milestones", "action_items"})
"""The extracted facts this format writes."""

MEETING_CATEGORIES = ("OVN", "community-meeting")
PERSON_URN = "urn:ovnnotes:person:"
"""An owner with no email in the registry is an ATTENDEE by this URN and their registry id."""
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SPACES = re.compile(r"\s+")
_QUOTE_LIMIT = 300


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Text without control characters; line breaks kept when ``multiline``, else made spaces.

    CR LF and CR count as line breaks, TAB becomes a space, a lone surrogate U+FFFD; a byte order
    mark (U+FEFF) is dropped, as icalendar drops it when reading a value that starts with one.
    """
    text = SURROGATE.sub("\ufffd", text).replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    return CONTROL_RE.sub("", text)


class Text(vText):
    """A TEXT value escaped by RFC 5545 section 3.3.11 alone.

    icalendar's ``vText`` first turns a written backslash-N into a line break, so a note that
    quotes ``\\N`` (a C string, a regex) would read back changed; here every backslash is escaped.
    """

    def to_ical(self) -> bytes:
        escaped = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return escaped.replace("\n", "\\n").encode("utf-8")


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


def action_key(action: ActionItem, date: dt.date) -> str:
    """The identity of an action item in a calendar: its meeting's date and a hash of what and who.

    The text is case folded with its white space collapsed; owners are the registry ids (sorted),
    or, for an unassigned action, the names as written. Positions never enter it, so inserting,
    moving or deleting other items changes no action's UID.
    """
    text = _SPACES.sub(" ", action.text).strip().casefold()
    owners = sorted(action.owners) or sorted(name.casefold() for name in action.unresolved_owners)
    digest = hashlib.sha256("\x1f".join([text, *owners]).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{date.isoformat()}-{digest[:12]}"


def _stamp(day: dt.date) -> dt.datetime:
    """DTSTAMP for a component: midnight UTC of the day it comes from (never the clock)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def _zone(options: ExportOptions) -> dt.tzinfo:
    if options.timezone is None:
        return dt.UTC
    try:
        return zoneinfo.ZoneInfo(options.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise OvnnotesError(
            f"unknown time zone {options.timezone!r}; use an IANA name such as Europe/Brussels"
        ) from None


def _names(ids: Iterable[str], unresolved: Iterable[str], people: dict[str, str]) -> list[str]:
    """Display names for person ids (the id itself when unknown), then the unresolved names as written."""
    return [people.get(i, i) for i in ids] + list(unresolved)


def _quote(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1].rstrip() + "…"


def _description(meeting: Meeting, people: dict[str, str]) -> str:
    """The meeting's top-level items, under their section's name, with who raised them; then metadata."""
    lines: list[str] = []
    section: object = None
    for item in meeting.items:
        if item.section is not None and item.section != section:
            lines.append(f"{SECTION_TITLES.get(item.section.value, item.section.value)}:")
        section = item.section
        if item.text or item.kind == "code" or item.speakers or item.unresolved_speakers:
            lines.append(_topic(item, people))
    attendees = _names(meeting.attendees, meeting.unresolved_attendees, people)
    if attendees:
        lines.append(f"Attendees: {', '.join(attendees)}")
    lines.extend(f"Recording: {url}" for url in meeting.recording_urls)
    lines.extend(f"Transcript: {url}" for url in meeting.transcript_urls)
    lines.append(f"Source: {meeting.source.path}")
    return "\n".join(clean_text(line, multiline=True) for line in lines)


def _topic(item: Item, people: dict[str, str]) -> str:
    text = item.text if item.kind == "bullet" else "(code block)"
    speakers = _names(item.speakers, item.unresolved_speakers, people)
    return f"- {text}" + (f" ({', '.join(speakers)})" if speakers else "")


def _meeting_event(
    meeting: Meeting, options: ExportOptions, zone: dt.tzinfo, people: dict[str, str], uid: str
) -> Event:
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
    event.add("summary", Text(clean_text(meeting.title) or SERIES_TITLE))
    event.add("description", Text(_description(meeting, people)))
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
        if not (
            isinstance(start, dt.date)
            and not isinstance(start, dt.datetime)
            and length == dt.timedelta(days=1)
        ):
            component.add("duration", length)


def milestone_summary(event: MilestoneEvent) -> str:
    """E.g. ``OVN 26.03 soft freeze``, ``OVS+OVN'25 conference``; ``(moved to <date>)`` for a date a later mention changed."""
    return event.name if event.moved_to is None else f"{event.name} (moved to {event.moved_to.isoformat()})"


def _milestone_description(event: MilestoneEvent, people: dict[str, str]) -> str:
    lines = [f"{event.name}: {event.date.isoformat()}" + (" (approximate)" if event.approximate else "")]
    if event.moved_to is not None:
        lines.append(f"A later meeting gives {event.moved_to.isoformat()} instead.")
    elif event.other_dates:
        lines.append(f"Other dates the notes gave: {', '.join(d.isoformat() for d in event.other_dates)}.")
    lines.append("Mentioned in the community meetings:")
    for mention in event.mentions:
        who = ", ".join(_names(mention.speakers, mention.unresolved_speakers, people))
        said = mention.said_on.isoformat() + (f", {who}" if who else "")
        relative = f' (a relative date: "{mention.phrase}")' if mention.approximate else ""
        lines.append(f'- {said}: "{_quote(mention.item_text)}"{relative}')
    lines.append(f"Source: {', '.join(dict.fromkeys(m.path for m in event.mentions))}")
    return clean_text("\n".join(lines), multiline=True)


def _milestone_event(event: MilestoneEvent, people: dict[str, str], uid: str, related: list[str]) -> Event:
    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", _stamp(max(m.said_on for m in event.mentions)))
    component.add("dtstart", event.date)
    _add_end(component, event.date, dt.timedelta(days=1))
    component.add("transp", "TRANSPARENT")
    component.add("summary", Text(clean_text(milestone_summary(event))))
    component.add("description", Text(_milestone_description(event, people)))
    component.add("categories", [c for c in (event.project, "milestone", event.kind.value) if c])
    for meeting_uid in related:
        component.add("related-to", meeting_uid)
    return component


def _attendee(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.emails[0]}" if person.emails else f"{PERSON_URN}{person.id}")
    address.params["CN"] = clean_text(person.name)
    return address


def _action_todo(
    action: ActionItem, meeting: Meeting | None, people: dict[str, Person], uid: str, related: str | None
) -> Todo:
    names = {person_id: person.name for person_id, person in people.items()}
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", _stamp(meeting.date if meeting else dt.date(1970, 1, 1)))
    todo.add("summary", Text(clean_text(action.text) or "(action item)"))
    todo.add("status", "COMPLETED" if action.status == ActionStatus.DONE else "NEEDS-ACTION")
    for owner in action.owners:
        if owner in people:
            todo.add("attendee", _attendee(people[owner]))
    owners = _names(action.owners, action.unresolved_owners, names)
    lines = [f"Owners: {', '.join(owners) if owners else 'unassigned'}"]
    if action.status == ActionStatus.UNKNOWN:
        lines.append("Status unknown in the notes; listed as NEEDS-ACTION.")
    kind = "an action item" if action.explicit else "a promise made in the discussion"
    where = (
        f"the community meeting of {meeting.date.isoformat()}" if meeting else f"meeting {action.meeting_id}"
    )
    lines.append(f"Recorded as {kind} in {where}.")
    if meeting:
        lines.append(f"Source: {meeting.source.path}")
    todo.add("description", Text(clean_text("\n".join(lines), multiline=True)))
    todo.add("categories", ["OVN", "action-item", action.status.value])
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


def _owner(document: Document, who: str) -> Person:
    from ...read.people import Registry

    person = Registry(people=tuple(document.people)).resolve(who) if document.people else None
    if person is None:
        raise OvnnotesError(f"--owner {who!r}: nobody by that id, name or alias in the people registry")
    return person


def build_calendar(document: Document, options: ExportOptions) -> Calendar:
    """The calendar object (``render`` serialises it)."""
    calendar, components = _calendar_and_components(document, options)
    for component in components:
        calendar.add_component(component)
    zone = _zone(options) if options.start_time is not None else dt.UTC
    if isinstance(zone, zoneinfo.ZoneInfo):
        calendar.add_missing_timezones(
            *_timezone_range(sorted(document.meetings, key=lambda m: (m.date, m.id)))
        )
        for timezone in calendar.walk("VTIMEZONE"):
            timezone.pop(
                "COMMENT", None
            )  # icalendar notes the covered range there; RFC 5545 allows no COMMENT in VTIMEZONE
            for rule in timezone.subcomponents:
                _one_rdate_per_line(rule)
    return calendar


def _calendar_and_components(document: Document, options: ExportOptions) -> tuple[Calendar, Iterator[Any]]:
    """The calendar without its components, and the components (events, to-dos), each built when asked for."""
    zone = _zone(options) if options.start_time is not None else dt.UTC
    people = {person.id: person for person in document.people}
    names = {person.id: person.name for person in document.people}
    owner = _owner(document, options.owner) if options.owner else None
    meetings = sorted(document.meetings, key=lambda m: (m.date, m.id))
    by_id = {meeting.id: meeting for meeting in meetings}
    uids = _Uids()
    meeting_uids = {meeting.id: uids("meeting", meeting.id) for meeting in meetings}

    calendar = Calendar()
    name = clean_text(options.calendar_name + (f" ({owner.name})" if owner else ""))
    calendar.add("prodid", f"-//ovnnotes//ovnnotes {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", Text(name))
    calendar.add("x-wr-calname", Text(name))
    calendar.add("refresh-interval", vDuration(options.refresh_interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(options.refresh_interval))

    def components() -> Iterator[Any]:
        for m in meetings:
            yield _meeting_event(m, options, zone, names, meeting_uids[m.id])
        if options.milestones:
            from ...facts.release_milestones import milestone_events

            for event in milestone_events(document):
                related = [
                    meeting_uids[i]
                    for i in dict.fromkeys(m.meeting_id for m in event.mentions)
                    if i in meeting_uids
                ]
                yield _milestone_event(event, names, uids("milestone", event.key), related)
        if options.todos:
            for action in document.action_items:
                if owner is not None and owner.id not in action.owners:
                    continue
                meeting = by_id.get(action.meeting_id)
                key = action_key(action, meeting.date if meeting else dt.date(1970, 1, 1))
                yield _action_todo(
                    action, meeting, people, uids("action", key), meeting_uids.get(action.meeting_id)
                )

    return calendar, components()


def _one_rdate_per_line(rule: Any) -> None:
    """Write each RDATE of a STANDARD/DAYLIGHT rule as a property of its own.

    RFC 5545 allows a list of dates in one RDATE, but Mozilla's ical.js reads only the first of
    them: every change of offset after it was lost (winter meetings shown an hour off).
    """
    found = rule.pop("RDATE", None)
    if found is None:
        return
    dates = [entry.dt for value in (found if isinstance(found, list) else [found]) for entry in value.dts]
    for date in sorted(dates):
        rule.add("rdate", date)


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """The calendar as one ``.ics`` file."""
    return {DEFAULT_PATH: build_calendar(document, options).to_ical()}


_END = b"END:VCALENDAR\r\n"


def render_parts(document: Document, options: ExportOptions) -> dict[str, Iterator[bytes]]:
    """``render``'s file in parts, one event or to-do at a time (each built when asked for, so the
    calendar is never held whole); with a time zone (``--start-time``), whose VTIMEZONE icalendar
    derives from every event, in one part. Joined, the parts are ``render``'s bytes: a calendar's
    text is its own lines with each component's text where its components go."""
    if options.start_time is not None:
        return {DEFAULT_PATH: iter([build_calendar(document, options).to_ical()])}
    return {DEFAULT_PATH: _parts(document, options)}


def _parts(document: Document, options: ExportOptions) -> Iterator[bytes]:
    calendar, components = _calendar_and_components(document, options)
    outline = calendar.to_ical()
    yield outline[: -len(_END)]
    for component in components:
        yield component.to_ical()
    yield _END
