"""Action items: who promised what.

* **Explicit** actions are the items of an ``Action items`` section. Their status comes from the
  checkbox the export left: ``\\checkmark`` is done, a bare tab is open, anything else unknown.
* **Implicit** actions are promises stated in other items: a person followed by ``will``,
  ``to``, ``is going to`` or ``plans to`` and a verb (``Mark will check ...``,
  ``Vladislav/Alexandra to share this info on-list``, ``v4 is on-list, dceara will review / merge
  it``), or an attributed item that starts with ``will`` (``(Felix) will followup ...``).
  Only names the people registry knows start an implicit action, so ``Canonical to complete
  roadmap planning`` is not one; implicit actions are ``open``.

Owners resolve to people ids; a name that resolves to nobody stays in ``unresolved_owners``
(the action is then unassigned, reported as ``ONM603``), never guessed. A name the registry
knows only as one person's first name (``Lorenzo to send v2``) is that person (``first_names``
lists it; reported as info, ``ONM604``); a first name two people share is theirs to settle: the
promise is kept with the name unresolved and ``candidates`` lists the people (named in the hint).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..model import Person
from ..read.people import NameMatch, key_word
from ..read.speakers import Resolver
from ..vocabulary.promises import PROMISE_HINT_RE, PROMISE_VERBS_PATTERN

NAME = r"[A-Z@a-z][\w.\-]*(?: [A-Z][\w\-]+)?"
MAX_OWNERS = 8
"""Names a promise's ``a/b/c`` chain may hold. Bounded so the expression stays linear: an unbounded
chain is read again from each of its names when no verb follows (``a/a/a/...``: quadratic)."""
PROMISE_RE = re.compile(
    rf"(?<![\w.@-])(?P<owners>{NAME}(?:\s*/\s*{NAME}){{0,{MAX_OWNERS - 1}}})\s+(?P<verb>{PROMISE_VERBS_PATTERN})\s+(?=[a-z])"
)
"""A promise: its owners, a promise verb (``vocabulary.promises``) and a verb; tried only on texts
``PROMISE_HINT_RE`` finds a hint in."""
WORD_RE = re.compile(r"[\w.\-@]+")
WILL_RE = re.compile(r"^(?:will|to|is going to|plans to)\s+[a-z]")
"""An attributed item that starts with a promise's verb (``(Felix) will followup``)."""
CLAUSE_END_RE = re.compile(r"(?<=[.;!?])\s|\s-\s")
NOT_A_VERB = {"be", "the", "a", "an", "some", "this", "that", "have", "do"}


@dataclass
class ActionMatch:
    """One action found in an item's text."""

    text: str
    owners: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    first_names: list[tuple[str, str]] = field(default_factory=list)
    """(name as written, person id) for each owner matched by first name alone."""
    candidates: dict[str, tuple[Person, ...]] = field(default_factory=dict)
    """For each unresolved owner that is a first name several people share: those people."""


@dataclass
class _Owners:
    owners: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    first_names: list[tuple[str, str]] = field(default_factory=list)
    candidates: dict[str, tuple[Person, ...]] = field(default_factory=dict)

    def match(self, text: str) -> ActionMatch:
        return ActionMatch(text, self.owners, self.unresolved, self.first_names, self.candidates)


def _owners(names: str, registry: Resolver) -> _Owners:
    found = _Owners()
    for name in (part.strip() for part in names.split("/")):
        match = registry.lookup(name)
        shown = name
        if match.person is None and not match.candidates and " " in name:
            # Two words of which one is a name: "things Dumitru will", "Frode Nordahl will". The
            # first word counts only as a key: a first name before a capitalised word is the start
            # of a full name the registry does not know ("Mark Gray will").
            first, last = name.split(" ", 1)
            match = registry.lookup(last)
            shown = last
            if match.person is None:
                match, shown = NameMatch(registry.lookup_key(first)), first
        if match.person is None:
            found.unresolved.append(shown if match.candidates else name)
            if match.candidates:
                found.candidates[shown] = match.candidates
        elif match.person.id not in found.owners:
            found.owners.append(match.person.id)
            if match.by_first_name:
                found.first_names.append((shown, match.person.id))
    return found


def _owner_start(match: re.Match[str], registry: Resolver) -> int:
    """Where the promise starts: at the owner's name, not at a word glued before it ("things Dumitru")."""
    names = match.group("owners")
    last = names.rsplit(" ", 1)[-1]
    if (
        " " in names
        and "/" not in names
        and registry.resolve(names) is None
        and (registry.resolve(last) is not None or registry.lookup(last).candidates)
    ):
        return match.end("owners") - len(last)
    return match.start("owners")


def _clause(text: str, start: int, stop: int | None = None) -> str:
    """The promise's words: from its owner to the end of the sentence (or the next promise)."""
    stop = len(text) if stop is None else stop
    end = CLAUSE_END_RE.search(text, start, stop)
    return text[start : end.start() if end else stop].strip().rstrip(".").strip()


def explicit_action(text: str, speakers: Sequence[str], registry: Resolver) -> ActionMatch:
    """An ``Action items`` entry: owners from its attribution, else from the name it starts with."""
    if speakers:
        return ActionMatch(text=text, owners=list(speakers))
    match = PROMISE_RE.match(text)
    if match:
        found = _owners(match.group("owners"), registry)
        if found.owners or found.unresolved:
            if found.owners:
                found.unresolved, found.candidates = [], {}
            return found.match(text)
    first = text.split(" ", 1)[0]
    found = _owners(first, registry) if first else _Owners()
    if found.owners or found.candidates:
        return found.match(text)
    return ActionMatch(text=text, unresolved=[first] if first[:1].isupper() else [])


def _may_name_somebody(text: str, registry: Resolver) -> bool:
    """False when no word of ``text`` is a word of a registry key, so no owner can resolve.

    A cheap test before ``PROMISE_RE``, which matches "need to do" as readily as "Mark to
    review". Owners are single words (or two) of the text, and a name resolves only if its
    normalised form is a registry key. Non-ASCII texts skip the test (case folding can change them).
    """
    known: frozenset[str] | None = getattr(registry, "known_words", None)
    if not known or not text.isascii():
        return True
    return any(key_word(word) in known for word in WORD_RE.findall(text.lower()))


def implicit_actions(text: str, speakers: Sequence[str], registry: Resolver) -> Iterator[ActionMatch]:
    """Promises stated in an ordinary item."""
    if text.endswith("?") or not PROMISE_HINT_RE.search(text):
        return
    if speakers and WILL_RE.match(text):
        yield ActionMatch(text=_clause(text, 0), owners=list(speakers))
        return
    if not _may_name_somebody(text, registry):
        return
    found: list[tuple[int, _Owners]] = []
    for match in PROMISE_RE.finditer(text):
        next_word = text[match.end() :].split(" ", 1)[0].lower()
        if next_word in NOT_A_VERB:
            continue
        owners = _owners(match.group("owners"), registry)
        # Every name must be a person, or it is no promise we can attribute; a first name two
        # people share is a person too (the action then stays unassigned, naming both).
        if (owners.owners or owners.candidates) and len(owners.candidates) == len(owners.unresolved):
            found.append((_owner_start(match, registry), owners))
    for index, (start, owners) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else None
        yield owners.match(_clause(text, start, stop))
