"""View models of the site: what each page shows, computed from a document, with no HTML in it.

Everything here is pure (a document and a date in, plain frozen dataclasses out), so the pages
can be tested without rendering and the templates stay free of logic.

**The release seam.** ``release_views`` is the one place that decides what a release is. Today
it groups the document's milestones by (project, release) after merging the mentions of each
milestone with the calendar's rule (``merged_milestones`` over ``milestone_events.merge_milestones``).
When the model gets ``Release`` records of its own, only ``release_views`` changes: the templates
read ``ReleaseView`` and ``MilestoneView`` and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..model import (
    ActionItem,
    ActionStatus,
    Document,
    Item,
    Meeting,
    Milestone,
    Person,
    Section,
)

UNASSIGNED = "(unassigned)"
"""The owner key of action items nobody could be resolved for."""
STATUS_ORDER = (ActionStatus.OPEN, ActionStatus.UNKNOWN, ActionStatus.DONE)
"""How action items are ordered and filtered: open first, done last."""


def kind_label(milestone_kind: object) -> str:
    """``soft_freeze`` -> ``soft freeze`` (the enum's value, for people)."""
    return str(getattr(milestone_kind, "value", milestone_kind)).replace("_", " ")


def walk(items: Sequence[Item], ancestors: tuple[Item, ...] = ()) -> Iterator[tuple[Item, tuple[Item, ...]]]:
    """Every item of a tree with its ancestors (outermost first), in source order, without recursion."""
    stack = [(item, ancestors) for item in reversed(items)]
    while stack:
        item, parents = stack.pop()
        yield item, parents
        if item.children:
            stack.extend((child, (*parents, item)) for child in reversed(item.children))


# --- milestones and releases ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneView:
    """One milestone (a kind of event of a release, on one date) with every mention of it."""

    kind: str
    """``soft freeze``, ``branch``, ``release``, ``conference``, ``other``."""
    project: str | None
    release: str | None
    date: dt.date
    approximate: bool
    """True when every mention gives a relative date ("in 2 weeks")."""
    mentions: tuple[Milestone, ...]
    """The extracted facts that state it, in the order they were said."""
    current: bool = True
    """False for a date that a later meeting replaced (the milestone moved)."""
    moved_to: dt.date | None = None
    """For a replaced date, the date that replaced it."""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.project, self.release, self.kind) if part)


@dataclass(frozen=True)
class ItemRef:
    """A place in the notes: an item of a meeting, for a link and a snippet."""

    meeting_id: str
    item_id: str
    text: str
    line: int


@dataclass(frozen=True)
class ReleaseView:
    """One release (``OVN 26.03``) or, with ``release`` None, the milestones no release is named for."""

    project: str | None
    release: str | None
    milestones: tuple[MilestoneView, ...]
    """By date; moved (non-current) dates included."""
    discussed: tuple[ItemRef, ...] = ()
    """Items that mention the release (outermost only), in meeting order."""

    @property
    def title(self) -> str:
        if self.release is None:
            return f"Other {self.project} milestones" if self.project else "Other milestones"
        return " ".join(part for part in (self.project, self.release) if part)

    @property
    def anchor(self) -> str:
        """The fragment id of the release's section, e.g. ``ovn-26.03``."""
        return re.sub(r"[^a-z0-9.]+", "-", self.title.lower()).strip("-")

    @property
    def meetings(self) -> tuple[str, ...]:
        """Ids of the meetings that discussed it or stated one of its milestones, oldest first."""
        ids = {ref.meeting_id for ref in self.discussed} | {m.meeting_id for v in self.milestones for m in v.mentions}
        return tuple(sorted(ids))


def merged_milestones(document: Document) -> list[MilestoneView]:
    """The milestones of a document, one per event of ``milestone_events.merge_milestones`` (the
    calendar's rule, so the site and the calendar never disagree), by date, then name; each event's
    mentions mapped back to the document's ``Milestone`` records."""
    from ..facts.milestone_events import merge_milestones

    by_id = {milestone.id: milestone for milestone in document.milestones}
    views = [
        MilestoneView(
            kind=kind_label(event.kind), project=event.project, release=event.release, date=event.date,
            approximate=event.approximate, mentions=tuple(by_id[m.milestone_id] for m in event.mentions),
            current=event.current, moved_to=event.moved_to,
        )
        for event in merge_milestones(document.milestones, document.meetings).events
    ]
    views.sort(key=lambda v: (v.date, v.name))
    return views


RELEASE_TEXT = r"(?<![\w.])v?{release}(?:\.\d+)?(?!\w|\.\d)"
"""How an item names a release series: ``26.03``, ``v26.03``, ``26.03.1``; not ``126.03`` nor ``26.031``."""


def release_views(document: Document) -> list[ReleaseView]:
    """The releases of the site: one per (project, release) of the merged milestones, newest first.

    This is the seam for a future ``Release`` record: see the module docstring. Milestones that
    name no release come last, in one group per project. ``discussed`` lists the items that name
    the release (``26.03`` as a word, or the items its milestones were read from), outermost
    only: an item under one that already counts is not listed again.
    """
    groups: dict[tuple[str | None, str | None], list[MilestoneView]] = {}
    for view in merged_milestones(document):
        groups.setdefault((view.project, view.release), []).append(view)
    stated = {m.item_id: (m.project, m.release) for m in document.milestones if m.release}
    patterns = {key: re.compile(RELEASE_TEXT.format(release=re.escape(key[1]))) for key in groups if key[1]}
    discussed: dict[tuple[str | None, str | None], list[ItemRef]] = {key: [] for key in patterns}
    for meeting in document.meetings:
        for key, pattern in patterns.items():
            inside: set[str] = set()
            for item, parents in walk(meeting.items):
                if any(parent.id in inside for parent in parents):
                    continue
                if stated.get(item.id) == key or (str(key[1]) in item.text and pattern.search(item.text)):
                    inside.add(item.id)
                    discussed[key].append(ItemRef(meeting.id, item.id, item.text, item.line))
    releases = [
        ReleaseView(project=key[0], release=key[1], milestones=tuple(views), discussed=tuple(discussed.get(key, ())))
        for key, views in groups.items()
    ]
    releases.sort(key=lambda r: (r.release is None, _release_order(r.release), r.project is None, r.project or ""))
    return releases


def _release_order(release: str | None) -> tuple[int, ...]:
    """Newest release first: ``26.03`` before ``25.09`` (numbers compared as numbers)."""
    if release is None:
        return ()
    return tuple(-int(part) if part.isdigit() else 0 for part in release.split("."))


def milestones_ahead(views: Sequence[MilestoneView], today: dt.date) -> list[MilestoneView]:
    """Current milestones on or after ``today``, soonest first."""
    return [view for view in views if view.current and view.date >= today]


# --- actions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    """An action item with what the pages show about it."""

    action: ActionItem
    date: dt.date
    """Date of the meeting it was recorded in."""
    age_days: int
    """Days from that meeting to the site's "today" (0 when the meeting is later)."""

    @property
    def status(self) -> str:
        return self.action.status.value


@dataclass(frozen=True)
class OwnerActions:
    """The action items of one owner (a person id, or ``UNASSIGNED``), ordered open first, oldest first."""

    owner: str
    person: Person | None
    actions: tuple[ActionView, ...]

    def count(self, status: str) -> int:
        return sum(1 for view in self.actions if view.status == status)


def action_views(document: Document, today: dt.date) -> list[ActionView]:
    """Every action item, ordered by status (open, unknown, done), then oldest first."""
    dates = {meeting.id: meeting.date for meeting in document.meetings}
    views = []
    for action in document.action_items:
        date = dates.get(action.meeting_id, today)
        views.append(ActionView(action, date, max(0, (today - date).days)))
    rank = {status: index for index, status in enumerate(STATUS_ORDER)}
    views.sort(key=lambda v: (rank[v.action.status], v.date, v.action.line, v.action.id))
    return views


def actions_by_owner(document: Document, today: dt.date, status: str | None = None) -> list[OwnerActions]:
    """Action items grouped by owner, optionally of one status.

    An item with several owners is listed under each. Owners with the oldest open item come
    first (then by name); owners with nothing open follow by name; unassigned items come last.
    """
    people = {person.id: person for person in document.people}
    groups: dict[str, list[ActionView]] = {}
    for view in action_views(document, today):
        if status is not None and view.status != status:
            continue
        for owner in view.action.owners or [UNASSIGNED]:
            groups.setdefault(owner, []).append(view)

    def order(owner: str) -> tuple[object, ...]:
        oldest_open = next((v.date for v in groups[owner] if v.action.status is ActionStatus.OPEN), dt.date.max)
        name = people[owner].name if owner in people else owner
        return (owner == UNASSIGNED, oldest_open, name.casefold(), owner)

    return [OwnerActions(owner, people.get(owner), tuple(groups[owner])) for owner in sorted(groups, key=order)]


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    """What a person's page shows."""

    person: Person
    attended: tuple[Meeting, ...]
    """Meetings they are listed as attending, oldest first."""
    topics: tuple[ItemRef, ...]
    """Top-level agenda items attributed to them (the topics they raised)."""
    said: tuple[ItemRef, ...]
    """Every item attributed to them, in meeting order."""
    actions: tuple[ActionView, ...]
    """Action items they own: open first, oldest first."""

    @property
    def open_actions(self) -> tuple[ActionView, ...]:
        return tuple(view for view in self.actions if view.action.status is ActionStatus.OPEN)


def person_views(document: Document, today: dt.date) -> list[PersonView]:
    """One view per person of the registry, by name."""
    attended: dict[str, list[Meeting]] = {}
    topics: dict[str, list[ItemRef]] = {}
    said: dict[str, list[ItemRef]] = {}
    for meeting in document.meetings:
        for person_id in dict.fromkeys(meeting.attendees):
            attended.setdefault(person_id, []).append(meeting)
        for item, parents in walk(meeting.items):
            if not item.speakers:
                continue
            ref = ItemRef(meeting.id, item.id, item.text, item.line)
            topic = not parents and item.section in (Section.AGENDA, None)
            for person_id in dict.fromkeys(item.speakers):
                said.setdefault(person_id, []).append(ref)
                if topic:
                    topics.setdefault(person_id, []).append(ref)
    owned: dict[str, list[ActionView]] = {}
    for view in action_views(document, today):
        for owner in dict.fromkeys(view.action.owners):
            owned.setdefault(owner, []).append(view)
    views = [
        PersonView(
            person=person, attended=tuple(attended.get(person.id, ())), topics=tuple(topics.get(person.id, ())),
            said=tuple(said.get(person.id, ())), actions=tuple(owned.get(person.id, ())),
        )
        for person in document.people
    ]
    views.sort(key=lambda v: (v.person.name.casefold(), v.person.id))
    return views


# --- meetings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFacts:
    """The facts extracted from one item, to highlight it where they were said."""

    milestones: tuple[Milestone, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    proposal: object | None = None
    """The ``SchemaProposal`` read from a code item, if any."""


@dataclass(frozen=True)
class MeetingView:
    """One meeting's page: the meeting, its neighbours and the facts of each of its items."""

    meeting: Meeting
    previous: Meeting | None
    next: Meeting | None
    facts: dict[str, ItemFacts] = field(default_factory=dict)
    """By item id; only items with facts."""

    @property
    def sections(self) -> list[tuple[str | None, list[Item]]]:
        """The top-level items per section, in source order of the sections' first items."""
        groups: dict[str | None, list[Item]] = {}
        for item in self.meeting.items:
            groups.setdefault(item.section.value if item.section else None, []).append(item)
        return list(groups.items())


def meeting_views(document: Document) -> list[MeetingView]:
    """One view per meeting, in the document's (ascending date) order."""
    milestones: dict[str, list[Milestone]] = {}
    for milestone in document.milestones:
        milestones.setdefault(milestone.item_id, []).append(milestone)
    actions: dict[str, list[ActionItem]] = {}
    for action in document.action_items:
        actions.setdefault(action.item_id, []).append(action)
    proposals = {proposal.item_id: proposal for proposal in document.schema_proposals}
    facts_by_meeting: dict[str, dict[str, ItemFacts]] = {}
    for item_id in set(milestones) | set(actions) | set(proposals):
        meeting_id = item_id.split("/", 1)[0]
        facts_by_meeting.setdefault(meeting_id, {})[item_id] = ItemFacts(
            tuple(milestones.get(item_id, ())), tuple(actions.get(item_id, ())), proposals.get(item_id)
        )
    meetings = document.meetings
    return [
        MeetingView(
            meeting=meeting,
            previous=meetings[index - 1] if index > 0 else None,
            next=meetings[index + 1] if index + 1 < len(meetings) else None,
            facts=facts_by_meeting.get(meeting.id, {}),
        )
        for index, meeting in enumerate(meetings)
    ]


def default_today(document: Document) -> dt.date:
    """The site's "today" when none is given: the newest meeting's date (so rebuilds are byte-identical)."""
    return max((meeting.date for meeting in document.meetings), default=dt.date(1970, 1, 1))
