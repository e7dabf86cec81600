"""View models of the site: what each page shows, computed from a document, with no HTML in it.

Everything here is pure (a document and a date in, plain frozen dataclasses out), so the pages
can be tested without rendering and the templates stay free of logic.

**The release seam.** ``release_views`` is the one place that decides what the site shows about
releases; the templates read ``ReleaseView``, ``MilestoneView`` and ``FeatureView`` and nothing
else. It reads the document's ``Release`` records (``document.releases``: milestones with their
date history, features with their status, meetings, items) and adds, in "other milestones"
sections, the milestones no release holds (conferences, an OVS soft freeze with no version): the
document's milestones that no release mentions, merged with the one merging rule
(``milestone_events.merge_milestones``, which also built the releases' milestones). So every
milestone of the document appears exactly once, and the home page ("milestones ahead"), the
meeting pages (the milestones highlighted under an item) and the releases page all read the same
views: ``milestones_ahead`` and ``milestone_facts`` are derived from ``release_views``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..facts.milestone_events import merge_milestones
from ..model import (
    ActionItem,
    ActionStatus,
    Document,
    Feature,
    FeatureMention,
    Item,
    Meeting,
    Milestone,
    Person,
    Release,
    Section,
)

UNASSIGNED = "(unassigned)"
"""The owner key of action items nobody could be resolved for."""
STATUS_ORDER = (ActionStatus.OPEN, ActionStatus.UNKNOWN, ActionStatus.DONE)
"""How action items are ordered and filtered: open first, done last."""
PROJECT_ORDER = ("OVN", "OVS")
"""How the releases page orders projects (a project it does not know comes after these)."""


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


def fragment(key: str, prefix: str = "") -> str:
    """A fragment id made of ``key`` (``ovn-26.03/network-function-insertion`` -> ``f-ovn-26.03-network-function-insertion``)."""
    return prefix + re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-")


# --- milestones and releases ------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRef:
    """A place in the notes: an item of a meeting, for a link and a snippet."""

    meeting_id: str
    item_id: str
    text: str
    line: int


@dataclass(frozen=True)
class MentionRef:
    """One place in the notes that states a milestone's date."""

    milestone_id: str
    """The document's ``Milestone`` this mention is."""
    meeting_id: str
    item_id: str
    said_on: dt.date
    """Date of the meeting it was said in."""
    text: str
    """The phrase the date was read from."""
    line: int
    date: dt.date
    """The date this mention gives (an approximate one may differ from the date it was merged into)."""


@dataclass(frozen=True)
class MilestoneView:
    """One date of a milestone (a kind of event of a release) with every mention that gives it."""

    key: str
    """Stable key of this date (``MilestoneDate.id``, or the merged event's key for a milestone without a release)."""
    kind: str
    """``soft freeze``, ``branch``, ``release``, ``conference``, ``other``."""
    project: str | None
    release: str | None
    name: str
    """``OVN 26.03 soft freeze``, ``OVS+OVN'25 conference``."""
    date: dt.date
    approximate: bool
    """True when every mention gives a relative date ("in 2 weeks")."""
    mentions: tuple[MentionRef, ...]
    """In the order they were said."""
    current: bool = True
    """False for a date that a later meeting replaced (the milestone moved)."""
    moved_to: dt.date | None = None
    """For a replaced date, the date that replaced it."""
    anchor: str = ""
    """The fragment id of the releases page's section it is shown in."""


@dataclass(frozen=True)
class FeatureRef:
    """An item that lists a feature for a release (``listed``) or says what became of it (``status``)."""

    meeting_id: str
    item_id: str
    said_on: dt.date
    text: str
    line: int
    role: str


@dataclass(frozen=True)
class FeatureView:
    """A feature planned for a release, with what became of it, who raised it and where."""

    id: str
    anchor: str
    """Its fragment id on the releases page (``f-`` and its id)."""
    name: str
    status: str
    """``planned``, ``merged``, ``slipped`` or ``dropped``."""
    slipped_to: str | None
    slipped_from: str | None
    slipped_to_anchor: str | None
    """The section of the release it slipped to, when the page has one."""
    slipped_from_anchor: str | None
    raised_by: tuple[str, ...]
    """Person ids."""
    unresolved_raised_by: tuple[str, ...]
    """Names as written."""
    credited: tuple[str, ...]
    """Person ids the notes name with it, other than those who raised it."""
    listed: tuple[FeatureRef, ...]
    """The items that list it, in meeting order."""
    status_refs: tuple[FeatureRef, ...]
    """The items that say its status."""
    parts: tuple[FeatureView, ...] = ()
    """The features listed as its parts (``part_of`` it), in the order listed."""

    @property
    def first_ref(self) -> FeatureRef | None:
        """Where it was first listed (else where its status was said)."""
        return next(iter(self.listed or self.status_refs), None)

    @property
    def status_text(self) -> str:
        """``planned``, ``merged``, ``slipped to 26.03``, ``dropped``."""
        return f"{self.status} to {self.slipped_to}" if self.status == "slipped" and self.slipped_to else self.status


@dataclass(frozen=True)
class ReleaseView:
    """One release (``OVN 26.03``) or, with ``release`` None, the milestones no release holds."""

    project: str | None
    release: str | None
    milestones: tuple[MilestoneView, ...]
    """A release's: by kind (soft freeze, branch, release, other), each moved date before the current one.
    The other milestones: by date."""
    features: tuple[FeatureView, ...] = ()
    """Top-level features in the order first listed; their parts are inside them."""
    discussed: tuple[ItemRef, ...] = ()
    """Items that name the release, state one of its milestones or list one of its features (outermost
    only: an item under one already listed is not listed again), in meeting order."""
    meetings: tuple[str, ...] = ()
    """Ids of the meetings that discussed it (or stated one of its milestones), oldest first."""
    id: str | None = None
    """The ``Release`` record's id (``ovn-26.03``); None for the other milestones."""

    @property
    def title(self) -> str:
        if self.release is None:
            return f"Other {self.project} milestones" if self.project else "Other milestones"
        return " ".join(part for part in (self.project, self.release) if part)

    @property
    def anchor(self) -> str:
        """The fragment id of the release's section: the release's id (``ovn-26.03``), ``other-ovs-milestones``."""
        return self.id if self.id else _anchor_of(self.title)

    @property
    def current(self) -> tuple[MilestoneView, ...]:
        """The current date of each milestone (moved dates left out)."""
        return tuple(view for view in self.milestones if view.current)

    @property
    def feature_count(self) -> int:
        """Features with their parts."""
        count, stack = 0, list(self.features)
        while stack:
            feature = stack.pop()
            count += 1
            stack.extend(feature.parts)
        return count


def _anchor_of(title: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", title.lower()).strip("-")


def _project_rank(project: str | None) -> tuple[int, str]:
    return (PROJECT_ORDER.index(project), "") if project in PROJECT_ORDER else (len(PROJECT_ORDER) + (project is None), project or "")


def _version_order(version: str | None) -> tuple[int, ...]:
    """Newest first: ``26.03`` before ``25.09`` (numbers compared as numbers)."""
    if version is None:
        return ()
    return tuple(-int(part) if part.isdigit() else 0 for part in version.split("."))


def _milestone_views(release: Release, anchor: str) -> list[MilestoneView]:
    views = []
    for milestone in release.milestones:
        for date in milestone.history:
            views.append(MilestoneView(
                key=date.id, kind=kind_label(milestone.kind), project=release.project, release=release.version, name=milestone.name,
                date=date.date, approximate=date.approximate,
                mentions=tuple(MentionRef(m.milestone_id, m.meeting_id, m.item_id, m.said_on, m.text, m.line, m.date) for m in date.mentions),
                current=date.current, moved_to=None if date.current else milestone.date, anchor=anchor,
            ))
    return views


def _feature_ref(mention: FeatureMention) -> FeatureRef:
    return FeatureRef(mention.meeting_id, mention.item_id, mention.said_on, mention.text, mention.line, mention.role)


def _feature_views(release: Release, anchors: Mapping[tuple[str, str], str], used: set[str]) -> tuple[FeatureView, ...]:
    """The release's features as a tree: a feature ``part_of`` another listed one goes inside it.

    Built without recursion; a ``part_of`` that names no feature of the release (or a cycle, which
    the notes cannot make but a hand-written document could) leaves the feature at the top, so none
    is lost.
    """
    features = release.features
    known = {feature.id for feature in features}
    children: dict[str, list[Feature]] = {}
    roots: list[Feature] = []
    for feature in features:
        if feature.part_of in known and feature.part_of != feature.id:
            children.setdefault(feature.part_of, []).append(feature)
        else:
            roots.append(feature)
    order: list[Feature] = []  # children before their parent
    seen: set[int] = set()

    def visit(root: Feature) -> None:
        stack: list[tuple[Feature, bool]] = [(root, False)]
        while stack:
            feature, finished = stack.pop()
            if finished:
                order.append(feature)
                continue
            if id(feature) in seen:
                continue
            seen.add(id(feature))
            stack.append((feature, True))
            stack.extend((child, False) for child in reversed(children.get(feature.id, ())))

    for root in roots:
        visit(root)
    for feature in features:
        if id(feature) not in seen:  # in a cycle of part_of
            roots.append(feature)
            visit(feature)
    built: dict[int, FeatureView] = {}
    for feature in order:
        anchor = fragment(feature.id, "f-")
        while anchor in used:
            anchor += "-"
        used.add(anchor)
        built[id(feature)] = FeatureView(
            id=feature.id, anchor=anchor, name=feature.name, status=feature.status.value,
            slipped_to=feature.slipped_to, slipped_from=feature.slipped_from,
            slipped_to_anchor=anchors.get((release.project, feature.slipped_to)) if feature.slipped_to else None,
            slipped_from_anchor=anchors.get((release.project, feature.slipped_from)) if feature.slipped_from else None,
            raised_by=tuple(feature.raised_by), unresolved_raised_by=tuple(feature.unresolved_raised_by),
            credited=tuple(p for p in feature.credited if p not in feature.raised_by),
            listed=tuple(_feature_ref(m) for m in feature.mentions if m.role == "listed"),
            status_refs=tuple(_feature_ref(m) for m in feature.mentions if m.role != "listed"),
            parts=tuple(built[id(child)] for child in children.get(feature.id, ()) if id(child) in built),
        )
    return tuple(built[id(root)] for root in roots)


def _discussed(meetings: Sequence[Meeting], wanted: dict[str, set[int]], count: int) -> list[list[ItemRef]]:
    """For each of ``count`` releases, the outermost items ``wanted`` gives it, in meeting and source order (one walk)."""
    found: list[list[ItemRef]] = [[] for _ in range(count)]
    nothing: frozenset[int] = frozenset()
    for meeting in meetings:
        stack: list[tuple[Item, frozenset[int]]] = [(item, nothing) for item in reversed(meeting.items)]
        while stack:
            item, covered = stack.pop()
            hits = wanted.get(item.id)
            if hits:
                new = hits - covered
                for index in sorted(new):
                    found[index].append(ItemRef(meeting.id, item.id, item.text or "code block", item.line))
                if new:
                    covered = covered | new
            if item.children:
                stack.extend((child, covered) for child in reversed(item.children))
    return found


def unreleased_milestones(document: Document) -> list[MilestoneView]:
    """The milestones no release holds (no ``Release`` mentions them), merged across meetings with
    ``merge_milestones``, by date, then name. ``anchor`` is left empty (``release_views`` sets it)."""
    held = {m.milestone_id for release in document.releases for ms in release.milestones for date in ms.history for m in date.mentions}
    rest = [milestone for milestone in document.milestones if milestone.id not in held]
    if not rest:
        return []
    by_id = {milestone.id: milestone for milestone in rest}
    views = []
    for event in merge_milestones(rest, document.meetings).events:
        mentions = tuple(
            MentionRef(m.milestone_id, m.meeting_id, m.item_id, m.said_on, by_id[m.milestone_id].text, m.line, m.date) for m in event.mentions
        )
        views.append(MilestoneView(
            key=event.key, kind=kind_label(event.kind), project=event.project, release=event.release, name=event.name, date=event.date,
            approximate=event.approximate, mentions=mentions, current=event.current, moved_to=event.moved_to,
        ))
    views.sort(key=lambda v: (v.date, v.name, v.key))
    return views


def release_views(document: Document) -> list[ReleaseView]:
    """The releases page: one view per ``Release`` of the document, then the other milestones.

    Releases come by project (OVN, then OVS) and newest version first; the milestones no release
    holds follow, in one group per project (``Other OVS milestones``, then ``Other milestones`` for
    those of no project). A feature that slipped links to the release it slipped to (or from)
    when the document has that release.
    """
    releases = sorted(document.releases, key=lambda r: (_project_rank(r.project), _version_order(r.version), r.id))
    anchors: dict[tuple[str, str], str] = {(r.project, r.version): r.id for r in releases}
    wanted: dict[str, set[int]] = {}
    for index, release in enumerate(releases):
        ids: Iterable[str] = (
            *release.items,
            *(m.item_id for ms in release.milestones for date in ms.history for m in date.mentions),
            *(m.item_id for feature in release.features for m in feature.mentions),
        )
        for item_id in ids:
            wanted.setdefault(item_id, set()).add(index)
    discussed = _discussed(document.meetings, wanted, len(releases))
    used: set[str] = set()
    views = [
        ReleaseView(
            project=release.project, release=release.version, id=release.id,
            milestones=tuple(_milestone_views(release, release.id)),
            features=_feature_views(release, anchors, used), discussed=tuple(refs),
            meetings=tuple(sorted({*release.meetings, *(ref.meeting_id for ref in refs)})),
        )
        for release, refs in zip(releases, discussed)
    ]
    groups: dict[str | None, list[MilestoneView]] = {}
    for view in unreleased_milestones(document):
        groups.setdefault(view.project, []).append(view)
    for project in sorted(groups, key=_project_rank):
        anchor = ReleaseView(project, None, ()).anchor
        milestones = tuple(replace(view, anchor=anchor) for view in groups[project])
        views.append(ReleaseView(
            project=project, release=None, milestones=milestones,
            meetings=tuple(sorted({m.meeting_id for view in milestones for m in view.mentions})),
        ))
    return views


def milestones_ahead(releases: Sequence[ReleaseView], today: dt.date) -> list[MilestoneView]:
    """The current date of every milestone on or after ``today``, soonest first (then by name)."""
    ahead = [view for release in releases for view in release.current if view.date >= today]
    ahead.sort(key=lambda v: (v.date, v.name, v.key))
    return ahead


@dataclass(frozen=True)
class MilestoneFact:
    """A milestone as a meeting page highlights it under the item that states it."""

    milestone: Milestone
    """The mention, as the document records it (its date, phrase and line)."""
    name: str
    """What the releases page calls it: ``OVN 26.03 soft freeze`` (a release inferred from the cadence included)."""
    anchor: str
    """The releases page's section it is shown in."""
    now: dt.date | None = None
    """The milestone's current date when it is not the date this mention gives (the date moved, or a
    relative date was made exact); None otherwise."""


def milestone_facts(document: Document, releases: Sequence[ReleaseView]) -> dict[str, MilestoneFact]:
    """Each of the document's milestones, by id, as the releases page shows it."""
    placed: dict[str, MilestoneView] = {}
    for release in releases:
        for view in release.milestones:
            for mention in view.mentions:
                placed[mention.milestone_id] = view
    facts = {}
    for milestone in document.milestones:
        found = placed.get(milestone.id)
        if found is None:  # not in the views given (a subset): named by its own parts
            name = " ".join(p for p in (milestone.project, milestone.release, kind_label(milestone.kind)) if p)
            facts[milestone.id] = MilestoneFact(milestone, name, "")
            continue
        current = found.moved_to or found.date
        facts[milestone.id] = MilestoneFact(milestone, found.name, found.anchor, None if current == milestone.date else current)
    return facts


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
class PersonFeature:
    """A feature on a person's page: the release it is planned for, and whether they raised it or are named with it."""

    release: str
    """The release's title (``OVN 26.03``)."""
    release_anchor: str
    feature: FeatureView
    role: str
    """``raised`` (they listed it) or ``credited`` (the notes name them with it)."""


def features_by_person(releases: Sequence[ReleaseView]) -> dict[str, list[PersonFeature]]:
    """Person id -> the features they raised (then those they are credited with), in the releases' order."""
    raised: dict[str, list[PersonFeature]] = {}
    credited: dict[str, list[PersonFeature]] = {}
    for release in releases:
        stack = list(reversed(release.features))
        while stack:
            feature = stack.pop()
            for person_id in dict.fromkeys(feature.raised_by):
                raised.setdefault(person_id, []).append(PersonFeature(release.title, release.anchor, feature, "raised"))
            for person_id in dict.fromkeys(feature.credited):
                credited.setdefault(person_id, []).append(PersonFeature(release.title, release.anchor, feature, "credited"))
            stack.extend(reversed(feature.parts))
    return {person_id: raised.get(person_id, []) + credited.get(person_id, []) for person_id in dict.fromkeys([*raised, *credited])}


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
    features: tuple[PersonFeature, ...] = ()
    """Features they raised, then those the notes name them with, newest release first."""

    @property
    def raised(self) -> tuple[PersonFeature, ...]:
        return tuple(entry for entry in self.features if entry.role == "raised")

    @property
    def credited(self) -> tuple[PersonFeature, ...]:
        return tuple(entry for entry in self.features if entry.role == "credited")

    @property
    def open_actions(self) -> tuple[ActionView, ...]:
        return tuple(view for view in self.actions if view.action.status is ActionStatus.OPEN)


def person_views(document: Document, today: dt.date, releases: Sequence[ReleaseView] | None = None) -> list[PersonView]:
    """One view per person of the registry, by name (``releases``: the ``release_views`` of the document, if already made)."""
    features = features_by_person(release_views(document) if releases is None else releases)
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
            features=tuple(features.get(person.id, ())),
        )
        for person in document.people
    ]
    views.sort(key=lambda v: (v.person.name.casefold(), v.person.id))
    return views


# --- meetings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFacts:
    """The facts extracted from one item, to highlight it where they were said."""

    milestones: tuple[MilestoneFact, ...] = ()
    """As the releases page shows them (``milestone_facts``)."""
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


def meeting_views(document: Document, releases: Sequence[ReleaseView] | None = None) -> list[MeetingView]:
    """One view per meeting, in the document's (ascending date) order (``releases`` as for ``person_views``)."""
    named = milestone_facts(document, release_views(document) if releases is None else releases)
    milestones: dict[str, list[MilestoneFact]] = {}
    for milestone in document.milestones:
        milestones.setdefault(milestone.item_id, []).append(named[milestone.id])
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
