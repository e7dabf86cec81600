"""One event per milestone: the mentions of the same release milestone in several meetings, merged.

The notes state a milestone each time it comes up ("soft freeze is scheduled for Jan 23" in one
meeting, "soft freeze is approaching (Jan 23rd)" two meetings later): ``facts`` records every
mention as its own ``Milestone``. Calendars (and releases) want the milestone itself, once, with
every mention. ``merge_milestones`` is that step; it is pure (milestones and meetings in, data and
diagnostics out).

Rules
-----
* **Identity.** A milestone with a release is identified by (project, release, kind): ``OVN 26.03
  soft freeze``. One without a release (``OVS soft freeze``, a conference) has nothing else that
  names it across meetings, so it is identified by (project, kind, date).
* **Merging.** Mentions with the same identity and the same date are one event. An approximate
  date ("in 2 weeks") of a release milestone joins the event of an exact date of the same milestone
  (the nearest one) when the notes give one: the exact date wins.
* **Milestones without a release.** An approximate date of one ("the conference is next week")
  joins an exact date of the same project and kind stated in the same meeting within
  ``NEAR_DAYS`` of it ("Dec 6-7"): both name the same event, the exact date wins.
* **A date moved.** When mentions of one release milestone give different exact dates, every date
  stays an event of its own (nothing is dropped), and the mention that changed the date gets an
  ``ONM610`` diagnostic. The *current* event is the date stated last (latest meeting, then latest
  in the notes); the others are ``current=False``.
* **Who said it**: the speakers of the item, else those of its nearest ancestor that has any
  (``(dceara) OVN 26.03 development`` / ``- Soft freeze scheduled for Jan 23``).
* **Names.** A release milestone is named by its parts (``OVN 26.03 soft freeze``); one without a
  release by the words the notes name it with (``OVS+OVN'25 conference``,
  ``milestones.milestone_name``), else by its project and kind (``OVS soft freeze``).
* **Keys** (``MilestoneEvent.key``) are built from the identity only, never from positions in the
  notes, so they are stable UIDs: ``ovn-26.03-soft_freeze`` (``-<date>`` added to a date that is
  not the current one), ``ovs-soft_freeze-2025-01-02``, ``conference-2025-11-17``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..checks.rules import diagnostic
from ..model import Diagnostic, Item, Meeting, Milestone, MilestoneKind
from .milestones import KIND_WORDS, milestone_name

__all__ = ["Mention", "MilestoneEvent", "MergedMilestones", "merge_milestones"]

_KEY_UNSAFE = re.compile(r"[^a-z0-9._-]+")
NEAR_DAYS = 7
"""How far an approximate date of a milestone without a release may be from an exact one of the same meeting to be the same event."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the notes that states a milestone."""

    milestone_id: str
    """The ``Milestone.id`` of this mention (``<item id>#<n>``)."""
    meeting_id: str
    item_id: str
    said_on: dt.date
    """Date of the meeting it was said in."""
    speakers: tuple[str, ...]
    """Person ids of who said it (the item's speakers, else its nearest attributed ancestor's)."""
    unresolved_speakers: tuple[str, ...]
    """Speaker names as written that the registry does not know."""
    date: dt.date
    """The date this mention gives."""
    approximate: bool
    phrase: str
    """The words the milestone was read from, e.g. ``Soft freeze scheduled for Jan 23``."""
    item_text: str
    """The clean text of the item that says it."""
    path: str
    """Notes file of the meeting."""
    line: int
    """Source line of the phrase."""


@dataclass(frozen=True, slots=True)
class MilestoneEvent:
    """A milestone as it goes in a calendar: one date, every mention of it."""

    key: str
    """Stable identity, from (project, release, kind) or (project, kind, date); see the module docstring."""
    kind: MilestoneKind
    project: str | None
    release: str | None
    date: dt.date
    approximate: bool
    """True when every mention gives a relative date."""
    name: str
    """``OVN 26.03 soft freeze``, ``OVS+OVN'25 conference``."""
    mentions: tuple[Mention, ...]
    """In the order they were said."""
    current: bool = True
    """False for a date of a release milestone that a later mention changed."""
    exact_dates: tuple[dt.date, ...] = ()
    """Every exact date the notes give for this release milestone, ascending: one tuple shared by
    all its events (a copy each would grow with the square of the dates)."""
    moved_to: dt.date | None = None
    """For a date that is not current: the current date."""

    @property
    def other_dates(self) -> tuple[dt.date, ...]:
        """The other exact dates the notes give for this release milestone, ascending."""
        return tuple(d for d in self.exact_dates if d != self.date)


@dataclass
class MergedMilestones:
    events: list[MilestoneEvent] = field(default_factory=list)
    """By date, then key."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """``ONM610`` for every mention that moved a date."""


def _items(meetings: Iterable[Meeting], wanted: set[str]) -> dict[str, tuple[Item, list[Item]]]:
    """The wanted items by id, each with its ancestors (nearest first)."""
    found: dict[str, tuple[Item, list[Item]]] = {}
    for meeting in meetings:
        for _, item, ancestors, _ in meeting.iter_items():
            if item.id in wanted:
                found[item.id] = (item, list(reversed(ancestors)))
    return found


def _mention(milestone: Milestone, meeting: Meeting | None, found: tuple[Item, list[Item]] | None) -> Mention:
    item, ancestors = found if found else (None, [])
    speakers: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    for candidate in ([item] if item else []) + ancestors:
        if candidate.speakers or candidate.unresolved_speakers:
            speakers, unresolved = tuple(candidate.speakers), tuple(candidate.unresolved_speakers)
            break
    return Mention(
        milestone_id=milestone.id,
        meeting_id=milestone.meeting_id,
        item_id=milestone.item_id,
        said_on=meeting.date if meeting else milestone.date,
        speakers=speakers,
        unresolved_speakers=unresolved,
        date=milestone.date,
        approximate=milestone.approximate,
        phrase=milestone.text,
        item_text=item.text if item else milestone.text,
        path=meeting.source.path if meeting else "",
        line=milestone.line,
    )


def _slug(*parts: object) -> str:
    return "-".join(_KEY_UNSAFE.sub("-", str(part).lower()).strip("-") for part in parts if part)


def _name(milestone: Milestone, found: tuple[Item, list[Item]] | None) -> str:
    if milestone.release:
        return " ".join(
            part for part in (milestone.project, milestone.release, KIND_WORDS[milestone.kind]) if part
        )
    if found:
        item, ancestors = found
        named = milestone_name(milestone.kind, item.text, [a.text for a in ancestors])
        if named:
            return named
    return " ".join(part for part in (milestone.project, KIND_WORDS[milestone.kind]) if part)


def merge_milestones(milestones: Sequence[Milestone], meetings: Sequence[Meeting]) -> MergedMilestones:
    """Merge the mentions of each milestone into one event per (identity, date); see the module docstring."""
    by_meeting = {meeting.id: meeting for meeting in meetings}
    found = _items(
        (by_meeting[i] for i in dict.fromkeys(m.meeting_id for m in milestones) if i in by_meeting),
        {m.item_id for m in milestones},
    )
    order = {milestone.id: index for index, milestone in enumerate(milestones)}
    mentions = {m.id: _mention(m, by_meeting.get(m.meeting_id), found.get(m.item_id)) for m in milestones}

    def said(milestone: Milestone) -> tuple[dt.date, int]:
        return mentions[milestone.id].said_on, order[milestone.id]

    anchored = _anchor_unreleased(milestones)
    groups: dict[tuple, list[Milestone]] = {}
    for milestone in milestones:
        identity = (
            (milestone.project, milestone.release, milestone.kind.value)
            if milestone.release
            else (milestone.project, None, milestone.kind.value, anchored[milestone.id])
        )
        groups.setdefault(identity, []).append(milestone)

    merged = MergedMilestones()
    for members in groups.values():
        members = sorted(members, key=said)
        exact = [m for m in members if not m.approximate]
        by_date: dict[dt.date, list[Milestone]] = {}
        for milestone in members:
            date = milestone.date
            if milestone.release and milestone.approximate and exact:
                date = min((m.date for m in exact), key=lambda d: (abs((d - milestone.date).days), d))
            elif not milestone.release:
                date = anchored[milestone.id]
            by_date.setdefault(date, []).append(milestone)
        current = exact[-1].date if exact else members[-1].date
        exact_dates = tuple(sorted({m.date for m in exact}))
        for date, group in by_date.items():
            latest = group[-1]
            is_current = date == current or not members[0].release
            key = (
                _slug(latest.project, latest.release, latest.kind.value)
                if latest.release
                else _slug(latest.project, latest.kind.value, date.isoformat())
            )
            if not is_current:
                key = f"{key}-{date.isoformat()}"
            named = next(
                (n for n in (_name(m, found.get(m.item_id)) for m in reversed(group)) if n),
                KIND_WORDS[latest.kind],
            )
            merged.events.append(
                MilestoneEvent(
                    key=key,
                    kind=latest.kind,
                    project=latest.project,
                    release=latest.release,
                    date=date,
                    approximate=all(m.approximate for m in group),
                    name=named,
                    mentions=tuple(mentions[m.id] for m in group),
                    current=is_current,
                    exact_dates=exact_dates if latest.release else (),
                    moved_to=None if is_current else current,
                )
            )
        if len(exact_dates) > 1:
            merged.diagnostics += _moves(exact, mentions)
    merged.events.sort(key=lambda event: (event.date, event.key))
    return merged


def _anchor_unreleased(milestones: Sequence[Milestone]) -> dict[str, dt.date]:
    """The date each milestone without a release is identified by: its own, or for an approximate
    one the nearest exact date of the same project and kind said in the same meeting within ``NEAR_DAYS``."""
    exact: dict[tuple, list[dt.date]] = {}
    for m in milestones:
        if not m.release and not m.approximate:
            exact.setdefault((m.meeting_id, m.project, m.kind), []).append(m.date)
    anchored = {}
    for m in milestones:
        near = (
            [
                d
                for d in exact.get((m.meeting_id, m.project, m.kind), [])
                if abs((d - m.date).days) <= NEAR_DAYS
            ]
            if m.approximate
            else []
        )
        anchored[m.id] = min(near, key=lambda d: (abs((d - m.date).days), d)) if near else m.date
    return anchored


def _moves(exact: list[Milestone], mentions: dict[str, Mention]) -> list[Diagnostic]:
    """``ONM610`` at every mention whose date differs from the one stated before it."""
    found = []
    for before, milestone in zip(exact, exact[1:]):
        if milestone.date == before.date:
            continue
        mention, earlier = mentions[milestone.id], mentions[before.id]
        name = " ".join(
            part for part in (milestone.project, milestone.release, KIND_WORDS[milestone.kind]) if part
        )
        found.append(
            diagnostic(
                "ONM610",
                mention.path,
                mention.line,
                1,
                f"{name} is given as {milestone.date.isoformat()} here, but as {before.date.isoformat()} "
                f"in the meeting of {earlier.said_on.isoformat()} (line {earlier.line}); the calendar keeps both dates",
            )
        )
    return found
