"""What the notes decide, read from the parsed meetings: milestones, action items, schema proposals, releases.

Pure: takes meetings and the people registry, returns model objects and diagnostics. Each fact
keeps its ``meeting_id`` and ``item_id`` and a stable id ``<item id>#<n>``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..checks.rules import diagnostic
from ..model import (
    ActionItem,
    ActionStatus,
    Diagnostic,
    Item,
    ItemVisit,
    Meeting,
    Milestone,
    Release,
    SchemaProposal,
    Section,
    Severity,
)
from ..read.people import ambiguous_hint, first_name_hint
from ..read.speakers import Resolver
from .actions import ActionMatch, explicit_action, implicit_actions
from .candidates import Candidates
from .milestone_events import merge_milestones
from .milestones import find_milestones, impossible_dates
from .ovsdb import check_schema_block, looks_like_ovsdb


@dataclass
class Facts:
    milestones: list[Milestone] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    schema_proposals: list[SchemaProposal] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _line_of(item: Item, phrase: str) -> int:
    """The source line of an item that holds the start of ``phrase`` (the item's first line if unsure)."""
    words = phrase.split()
    if words:
        for offset, line in enumerate(item.raw.split("\n")):
            if words[0] in line:
                return item.line + offset
    return item.line


KINDS = frozenset({"milestones", "action_items", "schema_proposals", "releases"})
"""The facts ``extract`` can find (document fields of the same names). ``releases`` are built from
the milestones, so asking for them extracts the milestones too."""


def extract(meetings: Sequence[Meeting], registry: Resolver, kinds: Collection[str] = KINDS) -> Facts:
    """Milestones, action items, schema proposals and releases of the meetings, in meeting and item order.

    ``kinds`` limits the work to some of them (the others stay empty): the iCal export needs no
    schema proposals, whose checks import ``ovs``.
    """
    facts = Facts()
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"unknown facts {sorted(unknown)}; choose among {sorted(KINDS)}")
    if "releases" in kinds:
        kinds = {*kinds, "milestones"}
    batch: list[Meeting] = []
    flat: list[ItemVisit] = []
    bounds: list[tuple[int, int]] = []  # each meeting's items are flat[start:end]
    for meeting in meetings:
        start = len(flat)
        flat += meeting.iter_items()
        bounds.append((start, len(flat)))
        batch.append(meeting)
        if len(flat) >= _BATCH_ITEMS:
            _extract_batch(facts, batch, flat, bounds, registry, kinds)
            batch, flat, bounds = [], [], []
    if batch:
        _extract_batch(facts, batch, flat, bounds, registry, kinds)
    if "releases" in kinds:
        from .releases import build_releases

        releases = build_releases(meetings, facts.milestones, registry)
        facts.releases = releases.releases
        facts.diagnostics += releases.diagnostics  # ONM610 (a date moved), ONM620, ONM621
    elif facts.milestones:
        facts.diagnostics += merge_milestones(facts.milestones, meetings).diagnostics  # ONM610: a date moved
    return facts


_BATCH_ITEMS = 2048
"""Items per batch of meetings: enough for the scans to run at full speed, few enough that the
joined texts stay small next to the document."""


def _extract_batch(
    facts: Facts,
    meetings: list[Meeting],
    flat: list[ItemVisit],
    bounds: list[tuple[int, int]],
    registry: Resolver,
    kinds: Collection[str],
) -> None:
    milestones, actions, proposals = (
        ("milestones" in kinds),
        ("action_items" in kinds),
        ("schema_proposals" in kinds),
    )
    candidates = Candidates([visit.item.text if visit.item.kind == "bullet" else "" for visit in flat])
    dated = candidates.dates() if milestones else set()
    special = {
        index
        for index, (_, item, _, _) in enumerate(flat)
        if (proposals and item.kind == "code")
        or (actions and item.kind == "bullet" and item.section is Section.ACTION_ITEMS)
    }
    events = sorted(dated | special)
    promising = sorted(candidates.promises(getattr(registry, "known_words", None))) if actions else []
    for meeting, (start, end) in zip(meetings, bounds):
        path = meeting.source.path
        explicit_texts: set[tuple[str, tuple[str, ...]]] = set()
        for index in events[bisect_left(events, start) : bisect_left(events, end)]:
            item = flat[index].item
            if item.kind == "code":
                _proposal(facts, meeting, item)
                continue
            if index in dated:
                _milestones(
                    facts,
                    meeting,
                    item,
                    [ancestor.text for ancestor in reversed(flat[index].ancestors)],
                    path,
                )
            if actions and item.section is Section.ACTION_ITEMS:
                match = explicit_action(item.text, item.speakers, registry)
                state = item.checkbox_state()
                status = (
                    ActionStatus(state.value) if state is not None else ActionStatus.OPEN
                )  # no checkbox: open
                _action(facts, meeting, item, 1, match, True, status, path, registry)
                explicit_texts.add((match.text.lower(), tuple(match.owners)))
        for index in promising[bisect_left(promising, start) : bisect_left(promising, end)]:
            item = flat[index].item
            if item.kind == "code" or item.section is Section.ACTION_ITEMS:
                continue
            position = 0
            for match in implicit_actions(item.text, item.speakers, registry):
                if (match.text.lower(), tuple(match.owners)) in explicit_texts:
                    continue  # the same promise is listed in the Action items section
                position += 1
                _action(facts, meeting, item, position, match, False, ActionStatus.OPEN, path, registry)


def _milestones(facts: Facts, meeting: Meeting, item: Item, context: list[str], path: str) -> None:
    for position, found in enumerate(find_milestones(item.text, meeting.date, context), start=1):
        line = _line_of(item, found.phrase)
        milestone = Milestone(
            id=f"{item.id}#{position}",
            meeting_id=meeting.id,
            item_id=item.id,
            kind=found.kind,
            project=found.project if found.project in ("OVN", "OVS") else None,  # type: ignore[arg-type]
            release=found.release,
            date=found.date,
            approximate=found.approximate,
            text=found.phrase,
            line=line,
            confidence=found.confidence,
        )
        facts.milestones.append(milestone)
        if found.approximate:
            facts.diagnostics.append(
                diagnostic(
                    "ONM601",
                    path,
                    line,
                    1,
                    f"milestone {found.phrase!r} is relative; resolved to {found.date.isoformat()} (approximate)",
                )
            )
    for _column, phrase in impossible_dates(item.text, meeting.date):
        facts.diagnostics.append(
            diagnostic(
                "ONM602",
                path,
                _line_of(item, phrase),
                1,
                f"milestone date {phrase!r} is not a date, so no milestone was recorded",
            )
        )


def _action(
    facts: Facts,
    meeting: Meeting,
    item: Item,
    position: int,
    match: ActionMatch,
    explicit: bool,
    status: ActionStatus,
    path: str,
    registry: Resolver,
) -> None:
    text, owners, unresolved = match.text, match.owners, match.unresolved
    facts.action_items.append(
        ActionItem(
            id=f"{item.id}#{position}",
            meeting_id=meeting.id,
            item_id=item.id,
            text=text,
            owners=owners,
            unresolved_owners=unresolved,
            explicit=explicit,
            status=status,
            line=item.line,
        )
    )
    line = _line_of(item, text)
    for name, person_id in match.first_names:
        person = registry.lookup_key(person_id)
        shown = f"{person.name} ({person.id})" if person is not None else person_id
        hint = first_name_hint(name, person) if person is not None else None
        facts.diagnostics.append(
            diagnostic(
                "ONM604",
                path,
                line,
                1,
                f"action owner {name!r} of {text[:60]!r} was matched by first name to {shown}",
                hint,
            )
        )
    if not owners:
        shared = [name for name in unresolved if name in match.candidates]
        unknown = [name for name in unresolved if name not in match.candidates]
        who = []
        if shared:
            who.append(f"{', '.join(shared)} is the first name of more than one person")
        if unknown:
            who.append(f"{', '.join(unknown)} is not in the people registry")
        reason = f" ({'; '.join(who)})" if who else ""
        hint = " ".join(ambiguous_hint(name, match.candidates[name]) for name in shared) or None
        facts.diagnostics.append(
            diagnostic("ONM603", path, item.line, 1, f"action item {text[:60]!r} has no owner{reason}", hint)
        )


def _proposal(facts: Facts, meeting: Meeting, item: Item) -> None:
    if not looks_like_ovsdb(item.text):
        return
    first_line = item.line + 1  # the line after the opening fence
    tables, problems = check_schema_block(item.text, meeting.source.path, first_line)
    facts.schema_proposals.append(
        SchemaProposal(
            id=item.id,
            meeting_id=meeting.id,
            item_id=item.id,
            line=first_line,
            tables=tables,
            valid=not any(problem.severity is Severity.ERROR for problem in problems),
            problems=problems,
        )
    )
    facts.diagnostics.extend(problems)
