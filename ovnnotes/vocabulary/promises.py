"""How the notes say that somebody will do something, and that somebody spoke.

A **promise** is people, then one of ``PROMISE_VERBS`` and a verb (``Mark will check``,
``Vladislav/Alexandra to share``); the nesting rules (``read.tree``) and the action items
(``facts.actions``) read it with expressions built from these words, and every fast test before
them (``PROMISE_HINT_RE``, ``PROMISE_WORDS``, ``may_start_promise``) is built from the same words.
**Reported speech** is a person, then one of ``REPORTED_VERBS`` (``Han mentioned ...``).
"""

from __future__ import annotations

import re

PROMISE_VERBS = ("will", "to", "is going to", "are going to", "plans to")
"""What follows the owners of a promise (and a verb follows it)."""
PROMISE_VERBS_PATTERN = "|".join(re.escape(verb).replace(r"\ ", " ") for verb in PROMISE_VERBS)
PROMISE_HINTS = tuple(sorted({verb.rsplit(" ", 1)[-1] for verb in PROMISE_VERBS}))
"""The last word of every promise verb (``to``, ``will``): every promise has one, most items none."""
PROMISE_HINT_RE = re.compile(rf"\b(?:{'|'.join(PROMISE_HINTS)})\s")
"""The fast test before any promise expression: one of ``PROMISE_HINTS`` as a word, then white space."""
PROMISE_WORDS = tuple(re.compile(rf"{hint}\s") for hint in PROMISE_HINTS)
"""``PROMISE_HINT_RE`` without its leading ``\\b``, one expression per word (``facts.candidates``
checks the word boundary by hand: far faster on the joined texts of many items)."""
_PROMISE_KEYS = tuple(sorted({f" {verb.split(' ')[-2] if ' ' in verb else verb} " for verb in PROMISE_VERBS}))


def may_start_promise(text: str) -> bool:
    """False for most texts no promise expression matches: a promise verb's first distinctive word,
    between spaces (``will``, ``to``, ``going``, ``plans``). For clean text (single spaces)."""
    return any(key in text for key in _PROMISE_KEYS)


REPORTED_PHRASES = (
    "mentioned",
    "mentions",
    "said",
    "says",
    "asked",
    "asks",
    "suggested",
    "suggests",
    "proposed",
    "proposes",
    "pointed out",
    "points out",
    "noted",
    "notes that",
    "raised",
    "raises",
    "reported",
    "reports",
    "explained",
    "explains",
    "commented",
    "replied",
    "answered",
    "added",
    "thinks",
    "believes",
    "wants",
)
"""What follows a person the notes report speaking (``Han mentioned multi-NIC support``)."""
REPORTED_PATTERN = "|".join(re.escape(phrase).replace(r"\ ", " ") for phrase in REPORTED_PHRASES)
REPORTED_VERBS = frozenset(phrase.split(" ", 1)[0] for phrase in REPORTED_PHRASES)
"""The first words of ``REPORTED_PHRASES``, for a quick test of the word after a name."""


def may_report_speech(text: str) -> bool:
    """The fast test of a reported-speech expression on clean text (single spaces): the second
    word is one of ``REPORTED_VERBS``."""
    second = text.split(" ", 2)[1:2]
    return bool(second) and second[0] in REPORTED_VERBS
