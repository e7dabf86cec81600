"""Who an item is attributed to.

Rules (in this order, on the item's clean text):

1. A leading group in parentheses or brackets, optionally followed by a colon:
   ``(dceara) ...``, ``[felix.huettner] ...``, ``(Ilya/Numan) ...``, ``(Martin/Frode): ...``.
2. A bracket group right after a leading label ending in a colon:
   ``OVN 24.09 planning: [dceara]``, ``Discussion: [Frode/Vladislav] explore ...``.
3. A leading ``Name:`` whose name is a person the registry knows: ``Mark: ...``, ``dceara: ...``.
   An unknown ``Word:`` is a label (``Context:``, ``Options:``), not a speaker.

A group holds one or more names separated by ``/``, ``,``, ``&`` or `` and ``; a trailing
qualifier such as ``in gcomments`` is dropped (``(Ales in gcomments)`` is Ales). The group counts
as an attribution only when every name is a known person or looks like a person's handle (one
token such as ``sragdhara``, or two or three capitalised words such as ``Tiago Pires``). So
``(Red Hat internal)`` or ``(?)`` stay text, and a credit at the end of a line
(``Distributed load balancers (Alexandra)``) is never an attribution. Bracket groups that are
mailing-list or patch tags (``[ovs-dev]``, ``[RFC ovn v3 4/4]``, ``[EXTERNAL]``, ``[DONE]``) are
not attributions either. A handle-like name the registry does not know is kept in
``unresolved_speakers`` and reported (``ONL201``), never guessed. A name the registry knows
only as a person's unique first name (``(Lorenzo)``, see ``people.Registry.lookup``) resolves and
is listed in ``first_names`` (the parser reports it as info, ``ONP120``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Person
from .people import NameMatch

LEADING_GROUP_RE = re.compile(r"^([(\[])([^()\[\]]{1,80})([)\]])\s*:?\s*")
LABEL_THEN_BRACKET_RE = re.compile(r"^([^:()\[\]]{1,60}:)\s*\[([^\[\]]{1,80})\]\s*")
NAME_COLON_RE = re.compile(r"^([A-Za-z][\w.\-]{0,40}):\s+")
SEPARATOR_RE = re.compile(r"/|,|&|\band\b")
"""Between the names of a group; the spaces around a name are stripped from each part (a ``\\s*`` on
each side would re-read a run of spaces from each of its positions: quadratic)."""
QUALIFIER_RE = re.compile(r"^(\S+) (?:in|via|on|from) \S+$")
HANDLE_RE = re.compile(r"^[A-Za-z][\w.\-]{0,39}$")
FULL_NAME_RE = re.compile(r"^[A-Z][\w'\-]*(?: [A-Z][\w'\-]*){1,2}$")
TAG_WORDS = {
    "ovs-dev",
    "ovn-dev",
    "ovs-discuss",
    "ovs-announce",
    "rfc",
    "patch",
    "external",
    "done",
    "wip",
    "todo",
    "tbd",
    "fyi",
}
VERSION_RE = re.compile(r"\d")
"""A tag's version or patch count (``v3``, ``4/4``, ``25.03``): every one has a digit, and a group
with a digit is no list of people."""


class Resolver(Protocol):
    def resolve(self, handle: str) -> Person | None: ...

    def lookup(self, handle: str) -> NameMatch:
        """How ``handle`` resolves, first names included (see ``people.Registry.lookup``)."""
        ...

    def lookup_key(self, handle: str) -> Person | None:
        """The person ``handle`` is a key of, not counting first names."""
        ...


@dataclass
class Attribution:
    """The speakers of one item and its text without the attribution."""

    text: str
    label: str | None = None
    speakers: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    first_names: list[str] = field(default_factory=list)
    """Names as written that resolved by first name only (``Lorenzo``)."""


def _names(group: str) -> list[str]:
    names = []
    for part in SEPARATOR_RE.split(group.strip()):
        part = part.strip().strip(" :@")
        qualified = QUALIFIER_RE.match(part)
        names.append(qualified.group(1) if qualified else part)
    return [name for name in names if name]


def _is_tag(group: str) -> bool:
    words = {word.lower() for word in re.split(r"[\s,]+", group) if word}
    return bool(words & TAG_WORDS) or bool(VERSION_RE.search(group))


def _looks_like_person(name: str) -> bool:
    if HANDLE_RE.match(name):
        # All-capital words of three letters or more are acronyms (WIP, TBD, OVN), not people.
        return not (name.isupper() and len(name) >= 3)
    return bool(FULL_NAME_RE.match(name))


def _resolve_group(group: str, registry: Resolver) -> tuple[list[str], list[str], list[str]] | None:
    """Speaker ids, unresolved names and first-name matches of a group, or None when it is not an attribution."""
    names = _names(group)
    if not names:
        return None
    resolved: list[str] = []
    unresolved: list[str] = []
    first_names: list[str] = []
    for name in names:
        match = registry.lookup(name)
        person = match.person
        if person is not None:
            if person.id not in resolved:
                resolved.append(person.id)
            if match.by_first_name:
                first_names.append(name)
        elif _looks_like_person(name):
            unresolved.append(name)
        else:
            return None
    return resolved, unresolved, first_names


def attribute(text: str, registry: Resolver) -> Attribution:
    """Split the attribution off an item's clean text and resolve its speakers."""
    first = text[:1]
    if first != "(" and first != "[" and ":" not in text:
        return Attribution(text)  # most items: no group to start with, no colon for a label
    match = LEADING_GROUP_RE.match(text) if first == "(" or first == "[" else None
    if match and not (match.group(1) == "[" and _is_tag(match.group(2))):
        group = _resolve_group(match.group(2), registry)
        if group is not None:
            label = text[: match.end()].strip()
            return Attribution(text[match.end() :].strip(), label, *group)

    match = LABEL_THEN_BRACKET_RE.match(text) if "[" in text else None
    if match and not _is_tag(match.group(2)):
        group = _resolve_group(match.group(2), registry)
        if group is not None:
            rest = text[match.end() :].strip()
            return Attribution(f"{match.group(1)} {rest}".strip(), f"[{match.group(2)}]", *group)

    match = NAME_COLON_RE.match(text)
    if match:
        found = registry.lookup(match.group(1))
        if found.person is not None:
            by_first = [match.group(1)] if found.by_first_name else []
            return Attribution(
                text[match.end() :].strip(), f"{match.group(1)}:", [found.person.id], [], by_first
            )

    return Attribution(text)


def looks_like_attribution(text: str) -> bool:
    """True when ``text`` starts with a group that reads as people, known or not (``(Ales)``)."""
    match = LEADING_GROUP_RE.match(text)
    if not match or (match.group(1) == "[" and _is_tag(match.group(2))):
        return False
    names = _names(match.group(2))
    return bool(names) and all(_looks_like_person(name) for name in names)
