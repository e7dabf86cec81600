"""Tests for ovnnotes.lint: one group per rule, the seed, and robustness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.api import parse
from ovnnotes.checks.lint import lint
from ovnnotes.model import Severity
from ovnnotes.vocabulary.dates import format_date

D = dt.date
SEED = "seeds/ovn-community-meetings.txt"


def meeting(date: D, body: str = "- an item") -> str:
    return f"{format_date(date)} | OVN Community Meeting\n\nAgenda\n\n{body}\n\n"


def notes(*dates: D) -> str:
    return "".join(meeting(d) for d in dates)


def run(text: str, path: str = "notes.txt", **kwargs) -> list:
    document, _ = parse(text, path)
    return lint(document, **kwargs)


def codes(found: list) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in found]


def heading_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if "| OVN Community Meeting" in line]


MONDAYS = [D(2024, 3, 4), D(2024, 3, 11), D(2024, 3, 18), D(2024, 3, 25), D(2024, 4, 1)]


def test_format_date_is_english_and_locale_free():
    assert format_date(D(2024, 3, 18)) == "Mar 18, 2024"
    assert format_date(D(2024, 3, 18), weekday=True) == "Mon Mar 18, 2024"


def test_clean_series_has_no_findings():
    assert run(notes(*reversed(MONDAYS))) == []
    assert run(notes(*MONDAYS)) == []
    assert run("") == []


# --- ONL203 -----------------------------------------------------------------------------------


def test_out_of_order_newest_first_reports_the_misplaced_meeting():
    dates = [MONDAYS[4], MONDAYS[3], MONDAYS[0], MONDAYS[2], MONDAYS[1]]  # Mar 4 is misplaced
    text = notes(*dates)
    found = run(text)
    lines = heading_lines(text)
    assert codes(found) == [("ONL203", lines[2])]
    d = found[0]
    assert d.severity is Severity.WARNING and d.column == 0 and d.path == "notes.txt"
    assert d.message == (
        "Meeting of Mar 4, 2024 is out of order: the file lists meetings newest first, "
        f"but it comes after the meeting of Mar 25, 2024 (line {lines[1]})."
    )
    assert d.hint == (
        "The file lists meetings newest first: move this meeting after the meeting of "
        f"Mar 11, 2024 (line {lines[4]}), or correct its date."
    )


def test_out_of_order_oldest_first_majority_and_hint_target():
    dates = [MONDAYS[0], MONDAYS[1], MONDAYS[4], MONDAYS[2], MONDAYS[3]]  # Apr 1 is too early
    text = notes(*dates)
    found = run(text)
    lines = heading_lines(text)
    assert codes(found) == [("ONL203", lines[2])]
    assert "oldest first" in found[0].message
    assert found[0].hint.startswith(
        "The file lists meetings oldest first: move this meeting after the meeting "
        f"of Mar 25, 2024 (line {lines[4]})"
    )


def test_out_of_order_hint_points_before_a_meeting():
    dates = [MONDAYS[4], MONDAYS[1], MONDAYS[3], MONDAYS[0]]  # newest first, Mar 11 moved up
    text = notes(*dates)
    found = run(text)
    lines = heading_lines(text)
    assert [d.code for d in found] == ["ONL203"]
    # The longest newest-first run is Apr 1, Mar 25, Mar 4 (or Apr 1, Mar 11, Mar 4): one finding either way.
    assert found[0].line in (lines[1], lines[2])
    assert "move this meeting before the meeting of" in found[0].hint


def test_out_of_order_is_per_file():
    first, _ = parse(notes(MONDAYS[0], MONDAYS[1]), "a.txt")
    second, _ = parse(notes(MONDAYS[4], MONDAYS[3]), "b.txt")
    merged = first.model_copy(
        update={"meetings": sorted(first.meetings + second.meetings, key=lambda m: m.date)}
    )
    assert lint(merged) == []  # a.txt is oldest first, b.txt newest first: each is consistent


def test_equal_dates_do_not_break_the_order():
    found = run(notes(MONDAYS[2], MONDAYS[1], MONDAYS[1], MONDAYS[0]))
    assert [d.code for d in found] == ["ONL204"]


# --- ONL204 -----------------------------------------------------------------------------------


def test_duplicate_meeting_reports_the_second_with_the_first_location():
    text = notes(MONDAYS[2], MONDAYS[1], MONDAYS[1], MONDAYS[0])
    document, _ = parse(text, "notes.txt")
    found = lint(document)
    lines = heading_lines(text)
    assert codes(found) == [("ONL204", lines[2])]
    assert found[0].message == (
        f"Meeting 2024-03-11-2 has the same date (Mar 11, 2024) as the meeting at notes.txt:{lines[1]}."
    )
    assert {m.id for m in document.meetings} >= {"2024-03-11", "2024-03-11-2"}


def test_triple_meeting_reports_two():
    text = notes(MONDAYS[0], MONDAYS[0], MONDAYS[0])
    lines = heading_lines(text)
    assert codes(run(text)) == [("ONL204", lines[1]), ("ONL204", lines[2])]


# --- ONL205 -----------------------------------------------------------------------------------


def test_unusual_weekday_three_mondays_and_a_tuesday():
    text = notes(D(2024, 4, 1), D(2024, 3, 25), D(2024, 3, 19), D(2024, 3, 11))
    found = run(text)
    lines = heading_lines(text)
    assert codes(found) == [("ONL205", lines[2])]
    d = found[0]
    assert d.message == "Meeting of Tue Mar 19, 2024 is on a Tuesday, but 3 of 4 meetings are on a Monday."
    assert (
        d.hint
        == "Check the date: did you mean Mon Mar 18, 2024? The other nearest Monday is Mon Mar 25, 2024."
    )


def test_unusual_weekday_suggests_the_later_day_when_nearer():
    text = notes(D(2024, 4, 1), D(2024, 3, 24), D(2024, 3, 18), D(2024, 3, 11))  # Sunday Mar 24
    (d,) = run(text)
    assert d.code == "ONL205"
    assert "did you mean Mon Mar 25, 2024?" in d.hint and "Mon Mar 18, 2024" in d.hint


def test_unusual_weekday_needs_three_meetings_and_a_clear_majority():
    assert run(notes(D(2024, 3, 18), D(2024, 3, 12))) == []  # only two meetings
    # Two Mondays, two Tuesdays: no usual day.
    assert run(notes(D(2024, 3, 25), D(2024, 3, 19), D(2024, 3, 18), D(2024, 3, 12))) == []
    # Three Mondays of five: less than two thirds.
    assert run(notes(D(2024, 4, 1), D(2024, 3, 26), D(2024, 3, 25), D(2024, 3, 19), D(2024, 3, 18))) == []


# --- ONL206 -----------------------------------------------------------------------------------


def test_future_date_only_with_today():
    text = notes(MONDAYS[4], MONDAYS[3], MONDAYS[2])
    assert run(text) == []
    found = run(text, today=D(2024, 3, 25))
    assert codes(found) == [("ONL206", 1)]
    assert found[0].message == "Meeting of Apr 1, 2024 is in the future (today is Mar 25, 2024)."
    assert run(text, today=D(2024, 4, 1)) == []  # today itself is not the future


# --- ONL207 -----------------------------------------------------------------------------------


def test_empty_meeting():
    text = (
        meeting(MONDAYS[2]) + f"{format_date(MONDAYS[1])} | OVN Community Meeting\n\n" + meeting(MONDAYS[0])
    )
    found = run(text)
    lines = heading_lines(text)
    assert codes(found) == [("ONL207", lines[1])]
    assert found[0].message == "Meeting of Mar 11, 2024 has no items, attendees, recording or transcript."


def test_meeting_with_only_a_recording_is_not_empty():
    text = (
        meeting(MONDAYS[2]) + f"{format_date(MONDAYS[1])} | OVN Community Meeting\n\n"
        "Recording: https://youtu.be/abc\n\n" + meeting(MONDAYS[0])
    )
    assert run(text) == []


# --- ONL208 -----------------------------------------------------------------------------------


def test_empty_attendees_line_needs_the_text():
    body = "Attendees:\n\nRecording: https://youtu.be/abc\n\nAgenda\n\n- item"
    text = (
        f"{format_date(MONDAYS[2])} | OVN Community Meeting\n\n{body}\n\n"
        + meeting(MONDAYS[1])
        + meeting(MONDAYS[0])
    )
    assert run(text) == []
    found = run(text, texts={"notes.txt": text})
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("ONL208", 3, 1, Severity.INFO)]
    assert run(text, texts={"other.txt": text}) == []


def test_attendees_on_the_next_line_are_not_missing():
    body = "Attendees:\n\nDumitru Ceara\n\nAgenda\n\n- item"
    text = f"{format_date(MONDAYS[2])} | OVN Community Meeting\n\n{body}\n\n" + meeting(MONDAYS[1])
    document, _ = parse(text, "notes.txt")
    assert document.meetings[-1].attendees or document.meetings[-1].unresolved_attendees
    assert lint(document, texts={"notes.txt": text}) == []


# --- the seed -----------------------------------------------------------------------------------


def test_seed_findings():
    text = (Path(__file__).parent.parent / SEED).read_text(encoding="utf-8")
    document, _ = parse(text, SEED)
    found = lint(document, today=D(2026, 1, 1))
    assert [(d.code, d.line) for d in found] == [("ONL205", 586)]
    assert (
        found[0].message
        == "Meeting of Tue Mar 19, 2024 is on a Tuesday, but 20 of 21 meetings are on a Monday."
    )
    assert "did you mean Mon Mar 18, 2024?" in found[0].hint
    with_text = lint(document, today=D(2026, 1, 1), texts={SEED: text})
    assert [(d.code, d.line) for d in with_text] == [("ONL208", 451), ("ONL208", 510), ("ONL205", 586)]
    # The first meeting (Dec 15, 2025) is in the future for a day before it.
    assert [(d.code, d.line) for d in lint(document, today=D(2025, 12, 14))] == [
        ("ONL206", 1),
        ("ONL205", 586),
    ]


# --- robustness -----------------------------------------------------------------------------------


def test_output_is_sorted():
    text = notes(D(2024, 3, 19), D(2024, 3, 4), D(2024, 3, 11), D(2024, 3, 11), D(2024, 3, 25))
    found = lint(parse(text, "n.txt")[0], today=D(2024, 3, 1))
    assert found == sorted(found, key=lambda d: (d.path, d.line, d.column, d.code, d.message))
    assert {d.code for d in found} >= {"ONL203", "ONL204", "ONL205", "ONL206"}


@settings(deadline=None)
@given(
    st.lists(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)), max_size=12),
    st.lists(st.booleans(), max_size=12),
    st.dates(),
)
def test_never_raises_and_reports_only_known_lines(dates, empties, today):
    text = "".join(
        f"{format_date(d)} | OVN Community Meeting\n\n" if i < len(empties) and empties[i] else meeting(d)
        for i, d in enumerate(dates)
    )
    document, _ = parse(text, "n.txt")
    found = lint(document, today=today, texts={"n.txt": text})
    headings = {m.source.line for m in document.meetings}
    assert all(d.code.startswith("ONL") and d.line in headings for d in found)
    ordered = [m.date for m in sorted(document.meetings, key=lambda m: m.source.line)]
    if ordered == sorted(ordered) or ordered == sorted(ordered, reverse=True):
        assert not any(d.code == "ONL203" for d in found)


@settings(deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Mar 19, 2024|OVN Community Meeting\n-Attendees: Recording:x\t")),
        max_size=300,
    )
)
def test_never_raises_on_any_text(text):
    lint(parse(text, "n.txt")[0], today=D(2024, 1, 1), texts={"n.txt": text})
