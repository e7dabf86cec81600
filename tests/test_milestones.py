"""Tests for ovnnotes.milestones: real items, negatives, date resolution and robustness."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ovnnotes.facts.milestones import LOOKBACK, MilestoneMatch, _find, find_milestones
from ovnnotes.model import MilestoneKind as K

D = dt.date
CONF23 = "Register for OVS+OVN Conf'23: https://mail.openvswitch.org/pipermail/ovs-announce/2023-November/000332.html !!!"
SF2509 = "(dceara) Soft freeze for 25.09.0 is approaching (scheduled for Jul 25) what other new features is the community planning on adding?"

# (meeting, text, context, [(kind, date, project, release, approximate), ...])
CASES = [
    (
        D(2025, 11, 3),
        "o Soft freeze scheduled for Jan 23",
        ["(dceara) OVN 26.03 development"],
        [(K.SOFT_FREEZE, D(2026, 1, 23), "OVN", "26.03", False)],
    ),
    (
        D(2025, 9, 22),
        "soft freeze: Jan 23rd 2026 (patches must be posted and have received a reasonable amount "
        "of review on-list by then)",
        ["(dceara) 26.03 release / dev cycle"],
        [(K.SOFT_FREEZE, D(2026, 1, 23), "OVN", "26.03", False)],
    ),
    (
        D(2025, 9, 22),
        "o branch created: Feb 20th; release Mar 20th",
        ["(dceara) 26.03 release / dev cycle"],
        [
            (K.BRANCH, D(2026, 2, 20), "OVN", "26.03", False),
            (K.RELEASE, D(2026, 3, 20), "OVN", "26.03", False),
        ],
    ),
    (
        D(2024, 1, 8),
        "[mmichelson] OVN 24.03 soft freeze is scheduled for 19 January.",
        [],
        [(K.SOFT_FREEZE, D(2024, 1, 19), "OVN", "24.03", False)],
    ),
    (
        D(2024, 12, 2),
        "OVS soft freeze is January 2nd patches must be (at least in some capacity) reviewed",
        ["ii. Frode can pick up the work on OVS patches (routing table)", "(Frode) Should we split up work?"],
        [(K.SOFT_FREEZE, D(2025, 1, 2), "OVS", None, False)],
    ),
    (
        D(2024, 3, 19),
        "[dceara] OVN 24.09 planning (soft freeze July 15th 2024):",
        [],
        [(K.SOFT_FREEZE, D(2024, 7, 15), "OVN", "24.09", False)],
    ),
    (
        D(2024, 6, 24),
        "soft freeze is approaching (July 15th), what new features are being worked on for the "
        "24.09.0 release?",
        ["OVN 24.09 planning: [dceara]"],
        [(K.SOFT_FREEZE, D(2024, 7, 15), "OVN", "24.09", False)],
    ),
    (
        D(2025, 1, 13),
        "(dceara) Soft freeze for 25.03 approaching (Jan 24th). Current list of features or "
        "user-visible behavior changing patches posted for review (approx sorted based on current FIFO order in "
        "patchwork):",
        [],
        [(K.SOFT_FREEZE, D(2025, 1, 24), "OVN", "25.03", False)],
    ),
    (D(2025, 6, 23), SF2509, [], [(K.SOFT_FREEZE, D(2025, 7, 25), "OVN", "25.09", False)]),
    (
        D(2025, 6, 23),
        "(Ilya) if ovn features require OVS features then OVS soft freeze is ~next week",
        [SF2509],
        [(K.SOFT_FREEZE, D(2025, 6, 30), "OVS", None, True)],
    ),
    (
        D(2025, 11, 3),
        "(dceara) Announcement: OVS+OVN'25 conference in 2 weeks hybrid attendance",
        [],
        [(K.CONFERENCE, D(2025, 11, 17), None, None, True)],
    ),
    (D(2023, 11, 27), CONF23, [], []),
    (
        D(2023, 11, 27),
        "Dec 6-7 http://www.openvswitch.org/support/ovscon2023/",
        [CONF23],
        [(K.CONFERENCE, D(2023, 12, 6), None, None, False)],
    ),
    (
        D(2025, 1, 1),
        "release date: 2025-03-14",
        ["OVN 25.03"],
        [(K.RELEASE, D(2025, 3, 14), "OVN", "25.03", False)],
    ),
    (
        D(2024, 11, 4),
        "OVN 24.09.1 released Jan 13, 2025",
        [],
        [(K.RELEASE, D(2025, 1, 13), "OVN", "24.09", False)],
    ),
]


@pytest.mark.parametrize("meeting,text,context,expected", CASES)
def test_real_items(meeting, text, context, expected):
    found = find_milestones(text, meeting, context)
    assert [(m.kind, m.date, m.project, m.release, m.approximate) for m in found] == expected
    for m in found:
        assert text[m.column - 1 :].startswith(m.phrase)
        assert 0 <= m.confidence <= 1


def test_phrase_column_and_confidence():
    (m,) = find_milestones("OVN 24.03 soft freeze is scheduled for 19 January.", D(2024, 1, 8))
    assert (m.phrase, m.column, m.confidence) == ("soft freeze is scheduled for 19 January", 11, 1.0)
    (m,) = find_milestones("Soft freeze scheduled for Jan 23", D(2025, 11, 3), ["OVN 26.03 development"])
    assert m.confidence == 0.8
    (m,) = find_milestones("soft freeze is approaching (July 15th), see 24.09.0", D(2024, 6, 24))
    assert m.phrase == "soft freeze is approaching (July 15th)"
    (m,) = find_milestones(
        "Dec 6-7 http://www.openvswitch.org/support/ovscon2023/", D(2023, 11, 27), [CONF23]
    )
    assert (m.phrase, m.confidence) == ("Dec 6-7", 0.6)
    (m,) = find_milestones("OVS soft freeze is ~next week", D(2025, 6, 23))
    assert m.confidence == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "v4 of the patch is out, release soon",
        "32K flows per release",
        "RFC 4193 addresses, branch",
        "tier 0 freeze",
        "a /64 prefix for the branch",
        "23.04 is LTS",
        "24.03.0 release:",
        "Next meeting in ~6 weeks",
        "soft freeze discussed; next meeting in 2 weeks",
        "release notes: https://example.org/2025-01-23/jan-23",
        "Jan 13, 2025",
        "The patch was sent out for review in February + rebase since",
        "we may 3 times release",
        "proposal1: soft freeze + 4 weeks (reviews and merges) + 4 weeks (testing and bug fixing) before release",
        "(numan) it's LTS. Do we need a longer freeze?",
        "Jan 23. Then the release happened",
        "10.12.0.1 release",
    ],
)
def test_negatives(text):
    assert find_milestones(text, D(2025, 1, 6), ["OVN 25.03 planning"]) == []


def test_bare_date_needs_keyword_ancestor_and_no_other_words():
    assert find_milestones("Dec 6-7", D(2023, 11, 27), ["Next meeting?"]) == []
    assert find_milestones("Dec 6-7 talk with Mark", D(2023, 11, 27), [CONF23]) == []


def test_release_from_context_must_match_project():
    (m,) = find_milestones("OVS soft freeze is Jan 2", D(2024, 12, 2), ["OVN 25.03 planning"])
    assert (m.project, m.release) == ("OVS", None)
    (m,) = find_milestones("OVS 3.5 soft freeze is Jan 2", D(2024, 12, 2))
    assert (m.project, m.release) == ("OVS", "3.5")


MONTHS = list(calendar.month_name)[1:]  # the standard library's names (C locale): not the package's own table


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@st.composite
def phrased_dates(draw):
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]))
    name = MONTHS[month - 1]
    style = draw(st.sampled_from(["Mon D", "Month Dth", "D Month"]))
    phrase = {
        "Mon D": f"{name[:3]} {day}",
        "Month Dth": f"{name} {day}{_ordinal(day)}",
        "D Month": f"{day} {name}",
    }[style]
    year = draw(st.none() | st.integers(2000, 2101))
    if year is not None:
        phrase += draw(st.sampled_from([f" {year}", f", {year}"]))
    return month, day, year, phrase


@given(st.dates(D(2000, 1, 1), D(2100, 12, 31)), phrased_dates())
def test_year_resolution(meeting, phrased):
    month, day, year, phrase = phrased
    found = find_milestones(f"OVN 25.03 soft freeze is {phrase}.", meeting)
    valid = (
        year is None or month != 2 or day != 29 or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    )
    if not valid:
        assert found == []
        return
    if year is None and not found:  # Feb 29 with no leap day in the window is dropped
        assert (month, day) == (2, 29)
        return
    (m,) = found
    assert (m.date.month, m.date.day) == (month, day)
    if year is None:
        start = meeting - LOOKBACK
        assert start <= m.date < start + dt.timedelta(days=366)
    else:
        assert m.date.year == year


@given(st.text(), st.dates(), st.lists(st.text(), max_size=3))
def test_never_raises(text, meeting, context):
    assert all(isinstance(m, MilestoneMatch) for m in _find(text, meeting, context))


@given(
    st.lists(
        st.sampled_from(
            [
                "soft freeze",
                " in 2 weeks",
                "Jan 23",
                "23 Jan",
                "(",
                ")",
                "-",
                " ",
                ";",
                ". ",
                "OVN",
                "OVS+OVN",
                "25.03",
                "release",
                "2026",
                "~",
                "next week",
                "https://x/1",
            ]
        ),
        max_size=40,
    ),
    st.dates(),
)
def test_never_raises_on_near_misses(parts, meeting):
    for m in _find("".join(parts), meeting, ["OVN 26.03", "".join(reversed(parts))]):
        assert 0 <= m.confidence <= 1 and m.column >= 1


@pytest.mark.parametrize("chunk", ["(", "-", " ", "( - ", "Jan ", "1 ", "soft ", "in ", "~", "25.", "ovs+"])
def test_long_pathological_line_finishes(chunk):
    text = chunk * (200_000 // len(chunk))
    assert find_milestones(text, D(2025, 1, 1), [text]) == []
