"""What the notes decide, read from the parsed meetings: milestones, action items, schema proposals.

Pure: takes meetings and the people registry, returns model objects and diagnostics. Each fact
keeps its ``meeting_id`` and ``item_id`` and a stable id ``<item id>#<n>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .actions import explicit_action, implicit_actions
from .milestones import find_milestones
from .model import ActionItem, ActionStatus, Diagnostic, Item, Meeting, Milestone, SchemaProposal, Section, Severity
from .ovsdb import check_schema_block, looks_like_ovsdb
from .rules import diagnostic
from .speakers import Resolver

UNKNOWN_BOX_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[\?\](?=[ \t]|$)")
"""A Markdown checkbox whose state is unknown (``- [?] ...``): like an unrecognised glyph in the text export."""


@dataclass
class Facts:
    milestones: list[Milestone] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    schema_proposals: list[SchemaProposal] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _walk(items: Sequence[Item], ancestors: tuple[Item, ...] = ()) -> Iterator[tuple[Item, tuple[Item, ...]]]:
    for item in items:
        yield item, ancestors
        yield from _walk(item.children, (item, *ancestors))


def _line_of(item: Item, phrase: str) -> int:
    """The source line of an item that holds the start of ``phrase`` (the item's first line if unsure)."""
    words = phrase.split()
    if words:
        for offset, line in enumerate(item.raw.split("\n")):
            if words[0] in line:
                return item.line + offset
    return item.line


def extract(meetings: Sequence[Meeting], registry: Resolver) -> Facts:
    """Milestones, action items and schema proposals of the meetings, in meeting and item order."""
    facts = Facts()
    for meeting in meetings:
        path = meeting.source.path
        explicit_texts: set[tuple[str, tuple[str, ...]]] = set()
        for item, ancestors in _walk(meeting.items):
            if item.kind == "code":
                _proposal(facts, meeting, item)
                continue
            _milestones(facts, meeting, item, ancestors, path)
            if item.section is Section.ACTION_ITEMS:
                match = explicit_action(item.text, item.speakers, registry)
                status = {True: ActionStatus.DONE, False: ActionStatus.OPEN, None: ActionStatus.UNKNOWN}[item.checked]
                first = item.raw.split("\n", 1)[0]
                if item.checked is None and "\t" not in first and not UNKNOWN_BOX_RE.match(first):
                    status = ActionStatus.OPEN  # a bullet or paragraph in the section: no checkbox, so open
                _action(facts, meeting, item, 1, match.text, match.owners, match.unresolved, True, status, path)
                explicit_texts.add((match.text.lower(), tuple(match.owners)))
        for item, _ in _walk(meeting.items):
            if item.kind == "code" or item.section is Section.ACTION_ITEMS:
                continue
            position = 0
            for match in implicit_actions(item.text, item.speakers, registry):
                if (match.text.lower(), tuple(match.owners)) in explicit_texts:
                    continue  # the same promise is listed in the Action items section
                position += 1
                _action(facts, meeting, item, position, match.text, match.owners, [], False, ActionStatus.OPEN, path)
    return facts


def _milestones(facts: Facts, meeting: Meeting, item: Item, ancestors: tuple[Item, ...], path: str) -> None:
    context = [ancestor.text for ancestor in ancestors]
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
                diagnostic("ONM601", path, line, 1, f"milestone {found.phrase!r} is relative; resolved to {found.date.isoformat()} (approximate)")
            )


def _action(
    facts: Facts,
    meeting: Meeting,
    item: Item,
    position: int,
    text: str,
    owners: list[str],
    unresolved: list[str],
    explicit: bool,
    status: ActionStatus,
    path: str,
) -> None:
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
    if not owners:
        who = f" ({', '.join(unresolved)} is not in the people registry)" if unresolved else ""
        facts.diagnostics.append(diagnostic("ONM603", path, item.line, 1, f"action item {text[:60]!r} has no owner{who}"))


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
