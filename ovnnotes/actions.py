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
(the action is then unassigned, reported as ``ONM603``), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .people import key_word
from .speakers import Resolver

NAME = r"[A-Z@a-z][\w.\-]*(?: [A-Z][\w\-]+)?"
MAX_OWNERS = 8
"""Names a promise's ``a/b/c`` chain may hold. Bounded so the expression stays linear: an unbounded
chain is read again from each of its names when no verb follows (``a/a/a/...``: quadratic)."""
PROMISE_RE = re.compile(
    rf"(?<![\w.@-])(?P<owners>{NAME}(?:\s*/\s*{NAME}){{0,{MAX_OWNERS - 1}}})\s+(?P<verb>will|to|is going to|are going to|plans to)\s+(?=[a-z])"
)
PROMISE_HINT_RE = re.compile(r"\b(?:will|to)\s")
"""Every promise has one of these words; most items have neither, and are skipped quickly."""
WORD_RE = re.compile(r"[\w.\-@]+")
WILL_RE = re.compile(r"^(?:will|to|is going to|plans to)\s+[a-z]")
CLAUSE_END_RE = re.compile(r"(?<=[.;!?])\s|\s-\s")
NOT_A_VERB = {"be", "the", "a", "an", "some", "this", "that", "have", "do"}


@dataclass
class ActionMatch:
    """One action found in an item's text."""

    text: str
    owners: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def _owners(names: str, registry: Resolver) -> tuple[list[str], list[str]] | None:
    owners: list[str] = []
    unresolved: list[str] = []
    for name in (part.strip() for part in names.split("/")):
        person = registry.resolve(name)
        if person is None and " " in name:
            # Two words of which one is a name: "things Dumitru will", "Frode Nordahl will".
            first, last = name.split(" ", 1)
            person = registry.resolve(last) or registry.resolve(first)
        if person is None:
            unresolved.append(name)
        elif person.id not in owners:
            owners.append(person.id)
    return owners, unresolved


def _owner_start(match: re.Match[str], registry: Resolver) -> int:
    """Where the promise starts: at the owner's name, not at a word glued before it ("things Dumitru")."""
    names = match.group("owners")
    last = names.rsplit(" ", 1)[-1]
    if " " in names and "/" not in names and registry.resolve(names) is None and registry.resolve(last) is not None:
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
        owners, unresolved = _owners(match.group("owners"), registry) or ([], [])
        if owners or unresolved:
            return ActionMatch(text=text, owners=owners, unresolved=unresolved if not owners else [])
    first = text.split(" ", 1)[0]
    person = registry.resolve(first)
    if person is not None:
        return ActionMatch(text=text, owners=[person.id])
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
    found: list[tuple[int, list[str]]] = []
    for match in PROMISE_RE.finditer(text):
        next_word = text[match.end() :].split(" ", 1)[0].lower()
        if next_word in NOT_A_VERB:
            continue
        owners, unresolved = _owners(match.group("owners"), registry) or ([], [])
        if owners and not unresolved:  # every name must be a person, or it is no promise we can attribute
            found.append((_owner_start(match, registry), owners))
    for index, (start, owners) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else None
        yield ActionMatch(text=_clause(text, start, stop), owners=owners)
