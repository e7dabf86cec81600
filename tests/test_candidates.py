"""The candidate scan of ``facts`` never misses an item the exact tests would accept.

``facts.extract`` tests only the items its scan of the joined texts marks as candidates; the
scan may mark too many (that costs time), never too few (that would lose facts). These
properties check it on texts made of the words the date and promise rules look at.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.api import default_registry
from ovnnotes.facts.actions import implicit_actions
from ovnnotes.facts.candidates import Candidates
from ovnnotes.facts.milestones import find_milestones

REGISTRY = default_registry()
NAMES = sorted(REGISTRY.known_words)[:40] + [
    "Mark",
    "Dumitru",
    "Frode Nordahl",
    "@dceara",
    "dceara.",
    "Ales/Numan",
    "_x_",
]
WORDS = [
    "Jan",
    "January",
    "may",
    "May",
    "Sept",
    "dec",
    "summary",
    "23",
    "5th",
    "2026",
    "2026-01-23",
    "1-2",
    "of",
    "in",
    "~",
    "2",
    "two",
    "day",
    "days",
    "week",
    "weeks",
    "next",
    "tomorrow",
    "soft",
    "freeze",
    "branch",
    "release",
    "OVN",
    "26.03",
    "to",
    "will",
    "is",
    "going",
    "plans",
    "are",
    "review",
    "send",
    "the",
    "need",
    "(",
    ")",
    ",",
    ".",
    ";",
    "/",
    "?",
    "-",
    "é",
    "İ",
    "ß",
    "https://x.org/a",
    "www.ovn.org",
]
TEXT = st.lists(st.sampled_from(WORDS + NAMES), min_size=1, max_size=14).map(" ".join)
MEETING = dt.date(2025, 11, 3)


def _joined(texts: list[str]) -> Candidates:
    return Candidates(texts)


@settings(deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_every_item_with_a_milestone_is_a_date_candidate(texts: list[str]) -> None:
    candidates = _joined(texts).dates()
    for index, text in enumerate(texts):
        if find_milestones(text, MEETING, ["soft freeze for OVN 26.03"]):
            assert index in candidates, text


@settings(deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), st.booleans())
def test_every_item_with_a_promise_is_a_promise_candidate(texts: list[str], attributed: bool) -> None:
    candidates = _joined(texts).promises(REGISTRY.known_words)
    speakers = ["dumitru-ceara"] if attributed else []
    for index, text in enumerate(texts):
        if list(implicit_actions(text, speakers, REGISTRY)):
            assert index in candidates, text


def test_the_scan_skips_most_plain_items() -> None:
    texts = [
        "may be later",
        "we need to look at the summary",
        "Mark to review the patch",
        "Soft freeze on Jan 23",
    ]
    assert _joined(texts).dates() == {3}
    assert _joined(texts).promises(REGISTRY.known_words) == {2}
