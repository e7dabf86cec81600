"""Each fast path beside the exact check it shadows: they agree (a fast "no" is never wrong).

The fast tests (``vocabulary``) and the expressions they shadow are built from the same words;
these properties check that building them so keeps them in agreement, for any text, including
the characters a case-blind expression folds that ``str.lower`` keeps (``ſ``, the Kelvin sign).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ovnnotes.facts.actions import PROMISE_RE
from ovnnotes.facts.milestones import find_milestones
from ovnnotes.read.tree import DANGLING_RE, MARKER_FIRST, MARKER_RE, PROMISE_START_RE, REPORTED_RE, may_dangle
from ovnnotes.vocabulary.characters import is_plain, normalise_line, normalised
from ovnnotes.vocabulary.dates import MONTH_NAMES, MONTH_PREFIXES, month_number, month_pattern
from ovnnotes.vocabulary.labels import (
    METADATA_FORMS,
    METADATA_RE,
    SECTION_BY_WORDS,
    SECTION_RE,
    label_name,
    may_hold_metadata,
    may_name_section,
)
from ovnnotes.vocabulary.lists import LIST_HINT_RE, LIST_NOUNS, names_list
from ovnnotes.vocabulary.promises import PROMISE_HINT_RE, PROMISE_WORDS, may_report_speech, may_start_promise

FOLDED = "ſKkKıİsS"  # characters re.IGNORECASE folds differently from str.lower (U+017F, U+212A ...)
LABELS = [form for forms in METADATA_FORMS.values() for form in forms] + list(SECTION_BY_WORDS)


def clean(text: str) -> str:
    """Text as the rules see it: white space folded to single spaces (``inline.clean``)."""
    return " ".join(text.split())


def cased(word: str) -> st.SearchStrategy[str]:
    """``word`` with each letter in either case."""
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda flags: "".join(ch.upper() if flag else ch for ch, flag in zip(word, flags))
    )


def around(words: list[str]) -> st.SearchStrategy[str]:
    """Text holding one of ``words`` (any case), with odd characters around it."""
    noise = st.text(
        alphabet=st.sampled_from(list(" \t:*-•|/,;()[]`" + FOLDED) + ["a", "é", "\u00a0"]), max_size=6
    )
    return st.builds(
        lambda a, w, b: a + w + b, noise, st.sampled_from(words).flatmap(cased), noise
    ) | st.text(max_size=30)


@given(st.text(max_size=60))
def test_normalise_fast_path_changes_nothing_the_exact_rule_would(line: str) -> None:
    if is_plain(line):
        assert normalised(line) == (line, False)
    assert normalise_line(line, strip=False) == normalised(line)


@given(around(LABELS))
def test_metadata_first_letters_cover_every_metadata_line(line: str) -> None:
    if METADATA_RE.match(line):
        assert may_hold_metadata(line)


@given(around(LABELS))
def test_section_words_cover_every_section_heading(line: str) -> None:
    if SECTION_RE.match(line.strip()):
        assert may_name_section(line)


@given(around(LABELS))
def test_every_label_an_expression_matches_has_a_name(line: str) -> None:
    match = METADATA_RE.match(line) or SECTION_RE.match(line.strip())
    if match:
        assert label_name(match.group(1)) in {*METADATA_FORMS, *SECTION_BY_WORDS}


@given(around([name.lower() for name in MONTH_NAMES] + ["sept", "jan", "dec", "ſept", "aprİl"]))
def test_month_prefixes_cover_every_month_name(text: str) -> None:
    for match in re.finditer(month_pattern(), text, re.IGNORECASE):
        assert any(prefix in text.lower() for prefix in MONTH_PREFIXES)
        assert month_number(match.group()[:3]) is not None


@given(
    around(["jan 23", "23 january", "sept. 4", "dec 6-7", "in 2 weeks", "tomorrow", "2026-01-23"]).map(
        lambda t: "soft freeze " + t
    )
)
def test_date_fast_path_drops_no_milestone(text: str) -> None:
    import datetime as dt

    found = find_milestones(text, dt.date(2025, 11, 3))  # its own fast path runs first
    if found:
        lower = text.lower()
        assert (
            any(p in lower for p in MONTH_PREFIXES)
            or any(w in lower for w in ("day", "week", "tomorrow"))
            or re.search(r"\d-\d", text)
        )


@given(
    around(
        ["Mark will check", "dceara to send", "Ales is going to look", "Numan plans to merge", "x to", "will"]
    )
)
def test_promise_hints_cover_every_promise(text: str) -> None:
    if PROMISE_RE.search(text):
        assert PROMISE_HINT_RE.search(text)
    hinted = bool(PROMISE_HINT_RE.search(text))
    by_words = any(
        m.start() == 0 or not re.match(r"\w", text[m.start() - 1])
        for p in PROMISE_WORDS
        for m in p.finditer(text)
    )
    assert hinted == by_words


@given(
    around(["Mark will check", "Lorenzo to send", "Ales is going to look", "Numan plans to merge"]).map(clean)
)
def test_promise_start_keys_cover_every_promise_start(text: str) -> None:
    if PROMISE_START_RE.match(text):
        assert may_start_promise(text)


@given(around(["Han mentioned", "Mark pointed out", "Ilya notes that", "Ales said"]).map(clean))
def test_reported_verbs_cover_every_reported_speech(text: str) -> None:
    if REPORTED_RE.match(text):
        assert may_report_speech(text)


@given(around(["o", "O", "0", "○", "◦", "■", "**■**", "▪", "●", "•", "ii.", "iv.", "x.", "12."]))
def test_marker_first_characters_cover_every_marker(text: str) -> None:
    if MARKER_RE.match(text):
        assert text[:1] in MARKER_FIRST or text[:1].isdigit()


@given(around(["but", "and", "or", "because", "such as", "like", "including", "e.g.", "i.e."]).map(clean))
def test_dangling_last_words_cover_every_dangling_end(text: str) -> None:
    if DANGLING_RE.search(text[-12:]) and text[-1:].isalpha():
        assert may_dangle(text)


@given(around(sorted(LIST_NOUNS)).map(clean))
def test_list_hint_covers_every_list_name(text: str) -> None:
    if names_list(text):
        assert LIST_HINT_RE.search(text.lower()) is not None  # the fast path looks at the lowercased text
