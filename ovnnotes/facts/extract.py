"""What the notes decide, read from the parsed meetings: milestones, action items, schema proposals, releases.

Pure: takes meetings and the people registry, returns model objects and diagnostics. Each fact
keeps its ``meeting_id`` and ``item_id`` and a stable id ``<item id>#<n>``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from .actions import ActionMatch, explicit_action, implicit_actions
from .milestone_events import merge_milestones
from .milestones import MONTH_WORDS, RELATIVE_WORDS, find_milestones, impossible_dates
from ..model import ActionItem, ActionStatus, Diagnostic, Item, Meeting, Milestone, Release, SchemaProposal, Section, Severity
from .ovsdb import check_schema_block, looks_like_ovsdb
from ..read.people import ambiguous_hint, first_name_hint, key_word
from ..checks.rules import diagnostic
from ..read.speakers import Resolver

UNKNOWN_BOX_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[\?\](?=[ \t]|$)")
"""A Markdown checkbox whose state is unknown (``- [?] ...``): like an unrecognised glyph in the text export."""


@dataclass
class Facts:
    milestones: list[Milestone] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    schema_proposals: list[SchemaProposal] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _flatten(items: Sequence[Item]) -> list[tuple[Item, int]]:
    """Every item in walk order (depth first, parents before children), with its parent's index (-1: none)."""
    flat: list[tuple[Item, int]] = []
    stack = [(item, -1) for item in reversed(items)]
    while stack:
        item, parent = stack.pop()
        flat.append((item, parent))
        if item.children:
            index = len(flat) - 1
            stack.extend((child, index) for child in reversed(item.children))
    return flat


def _ancestors(flat: list[tuple[Item, int]], index: int) -> list[Item]:
    """The item's ancestors, nearest first."""
    found = []
    parent = flat[index][1]
    while parent >= 0:
        found.append(flat[parent][0])
        parent = flat[parent][1]
    return found


class _Candidates:
    """Which items of a batch of meetings may hold a milestone or a promise, found by scanning all their texts at once.

    Most items hold neither, and a regular expression that has to be tried at every position
    of every text costs more than all the rest of the work. So the texts are joined (one per
    line) and searched with ``str.find`` and expressions that start with a literal (which ``re``
    skips to quickly); an item is a candidate when a match starts in its text. Each candidate
    then gets the full, exact test (``find_milestones``, ``implicit_actions``): a candidate that
    holds nothing costs time, never a wrong result, because every form those look for needs one
    of the words searched here.
    """

    PROMISE_WORDS = (re.compile(r"to\s"), re.compile(r"will\s"))
    """What ``actions.PROMISE_HINT_RE`` looks for, without its leading ``\\b`` (checked by hand: far faster)."""

    def __init__(self, texts: list[str]) -> None:
        self.starts = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.joined = "\n".join(texts)

    def _items(self, offsets: Iterable[int]) -> set[int]:
        return {bisect_right(self.starts, offset) - 1 for offset in offsets}

    @staticmethod
    def _finds(text: str, word: str) -> Iterable[int]:
        found = text.find(word)
        while found >= 0:
            yield found
            found = text.find(word, found + 1)

    def dates(self) -> set[int]:
        """Items that may hold a date (see ``milestones._date_forms``): a month name with a digit
        near it, ``day``, ``week``, ``tomorrow``, or a digit-dash-digit.

        A named date puts its day at most 20 characters before the month's first letters
        (``23rd-24th of January``) or 15 after (``January. 23``): a month name with no digit in
        that window (``summary``, ``may``) cannot start one.
        """
        joined = self.joined
        lower = joined.lower()
        if len(lower) != len(joined):  # lower() changed some lengths: offsets would be off; test every item
            return set(range(len(self.starts)))
        offsets = [
            offset
            for word in MONTH_WORDS
            for offset in self._finds(lower, word)
            if _DIGIT_RE.search(joined, max(0, offset - 20), offset + 15)
        ]
        offsets += [offset for word in RELATIVE_WORDS for offset in self._finds(lower, word)]
        offsets += [dash for dash in self._finds(joined, "-") if joined[dash - 1 : dash].isdigit() and joined[dash + 1 : dash + 2].isdigit()]
        return self._items(offsets)

    def promises(self, known: frozenset[str] | None) -> set[int]:
        """Items with ``will`` or ``to`` as a word followed by white space (``actions.PROMISE_HINT_RE``)
        and, when the registry's ``known`` words are given, one of them among the four words before
        it (the owners' names end right before ``will``, ``to``, ``is going to`` or ``plans to``),
        or at the start of the item (``will followup``, for an attributed item).
        """
        joined = self.joined
        offsets = []
        for pattern in self.PROMISE_WORDS:
            for match in pattern.finditer(joined):
                start = match.start()
                if start and _WORD_CHAR_RE.match(joined, start - 1):
                    continue
                if known is None or start == 0 or joined[start - 1] == "\n" or self._names_before(start, known):
                    offsets.append(start)
        return self._items(offsets)

    def _names_before(self, start: int, known: frozenset[str]) -> bool:
        joined = self.joined
        end = start - 1  # the separator before the verb
        if joined[end] == " ":  # fast path: the word right before, with a single space
            word_start = max(joined.rfind(" ", 0, end), joined.rfind("\n", 0, end)) + 1
            word = joined[word_start:end]
            if word and word.isascii() and (word.isalnum() or not _NAME_SPLIT_RE.search(word)):
                if key_word(word.lower()) in known:
                    return True
                if word[0].islower() and word not in ("going", "plans"):
                    # The owners' last name ends right before the verb and is either a registry
                    # word or the capitalised second word of a two-word name; ``is going to`` and
                    # ``plans to`` put the owners two words further back. A lowercase word that is
                    # none of these ("need to", "how to") ends no promise.
                    return False
        before = joined[max(0, start - 120) : start]
        line_start = before.rfind("\n") + 1
        before = before[line_start:]
        if before in ("is going ", "plans ") and (line_start or start <= 120):
            return True  # ``is going to ...`` opening an item: an attributed promise (``actions.WILL_RE``)
        if not before.isascii():
            return True  # case folding may change the words: let the exact test decide
        for token in before.lower().split()[-5:]:
            for word in _NAME_SPLIT_RE.split(token) if _NAME_SPLIT_RE.search(token) else (token,):
                if key_word(word) in known:
                    return True
        return False


_WORD_CHAR_RE = re.compile(r"\w")
_DIGIT_RE = re.compile(r"\d")
_NAME_SPLIT_RE = re.compile(r"[^\w.\-@]+")
"""What separates names: anything a name (``actions.NAME``) cannot hold."""


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
    flat: list[tuple[Item, int]] = []
    bounds: list[tuple[int, int]] = []  # each meeting's items are flat[start:end]
    for meeting in meetings:
        start = len(flat)
        flat += [(item, parent + start if parent >= 0 else -1) for item, parent in _flatten(meeting.items)]
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
    facts: Facts, meetings: list[Meeting], flat: list[tuple[Item, int]], bounds: list[tuple[int, int]], registry: Resolver, kinds: Collection[str]
) -> None:
    milestones, actions, proposals = ("milestones" in kinds), ("action_items" in kinds), ("schema_proposals" in kinds)
    candidates = _Candidates([item.text if item.kind == "bullet" else "" for item, _ in flat])
    dated = candidates.dates() if milestones else set()
    special = {
        index
        for index, (item, _) in enumerate(flat)
        if (proposals and item.kind == "code") or (actions and item.kind == "bullet" and item.section is Section.ACTION_ITEMS)
    }
    events = sorted(dated | special)
    promising = sorted(candidates.promises(getattr(registry, "known_words", None))) if actions else []
    for meeting, (start, end) in zip(meetings, bounds):
        path = meeting.source.path
        explicit_texts: set[tuple[str, tuple[str, ...]]] = set()
        for index in events[bisect_left(events, start) : bisect_left(events, end)]:
            item = flat[index][0]
            if item.kind == "code":
                _proposal(facts, meeting, item)
                continue
            if index in dated:
                _milestones(facts, meeting, item, [a.text for a in _ancestors(flat, index)], path)
            if actions and item.section is Section.ACTION_ITEMS:
                match = explicit_action(item.text, item.speakers, registry)
                status = {True: ActionStatus.DONE, False: ActionStatus.OPEN, None: ActionStatus.UNKNOWN}[item.checked]
                first = item.raw.split("\n", 1)[0]
                if item.checked is None and "\t" not in first and not UNKNOWN_BOX_RE.match(first):
                    status = ActionStatus.OPEN  # a bullet or paragraph in the section: no checkbox, so open
                _action(facts, meeting, item, 1, match, True, status, path, registry)
                explicit_texts.add((match.text.lower(), tuple(match.owners)))
        for index in promising[bisect_left(promising, start) : bisect_left(promising, end)]:
            item = flat[index][0]
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
                diagnostic("ONM601", path, line, 1, f"milestone {found.phrase!r} is relative; resolved to {found.date.isoformat()} (approximate)")
            )
    for column, phrase in impossible_dates(item.text, meeting.date):
        facts.diagnostics.append(
            diagnostic("ONM602", path, _line_of(item, phrase), 1, f"milestone date {phrase!r} is not a date, so no milestone was recorded")
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
        facts.diagnostics.append(diagnostic("ONM604", path, line, 1, f"action owner {name!r} of {text[:60]!r} was matched by first name to {shown}", hint))
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
        facts.diagnostics.append(diagnostic("ONM603", path, item.line, 1, f"action item {text[:60]!r} has no owner{reason}", hint))


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
