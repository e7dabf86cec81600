"""Content rules over a parsed document (ONL203-ONL208).

``lint`` is pure: the document (and, for ONL208, optionally the source texts) in, diagnostics out;
no files, no clock (pass ``today`` for ONL206). Every diagnostic points at a meeting's heading
line (column 0, the whole line), except ONL208 which points at the `Attendees:` label.

* ONL203 meetings out of order: per source file, in source order, the direction (newest first or
  oldest first) is the one most adjacent pairs follow (a tie goes to the direction that keeps more
  meetings in place, then to newest first). The meetings reported are those outside a longest
  run that follows the direction, so one misplaced meeting gives one finding.
* ONL204 duplicate meeting: a meeting with the same date as an earlier one (document order, the
  one whose id got the `-2` suffix), across all files.
* ONL205 unusual weekday: with at least 3 meetings, when one weekday holds at least two thirds of
  them, every meeting on another day (the hint names the nearest dates on the usual day).
* ONL206 future date: the meeting date is after ``today`` (only when ``today`` is given).
* ONL207 empty meeting: no items, no attendees (resolved or not), no recording or transcript URL.
* ONL208 empty `Attendees:` line: a meeting with no attendees (resolved or not) whose notes have
  an `Attendees:` label (``Meeting.metadata_labels``), at the first one. It checks the files whose
  text is given (``texts={path: text}``, as ``validate`` gives every file it reads): a document
  alone, such as a JSON export read back, says nothing about how its notes were written.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Diagnostic, Document, Meeting
from ..vocabulary.dates import WEEKDAY_NAMES, format_date
from . import rules

__all__ = ["lint"]


def _where(meeting: Meeting) -> str:
    return f"{meeting.source.path}:{meeting.source.line}"


def _heading(code: str, meeting: Meeting, message: str, hint: str | None = None) -> Diagnostic:
    return rules.diagnostic(code, meeting.source.path, meeting.source.line, 0, message, hint)


# --- ONL203 -----------------------------------------------------------------------------------


def _longest_run(dates: Sequence[dt.date], newest_first: bool) -> set[int]:
    """Indexes of a longest subsequence that is non-increasing (newest first) or non-decreasing.

    Patience sorting, O(n log n); among equally long runs the one found is deterministic.
    """
    keys = [-d.toordinal() if newest_first else d.toordinal() for d in dates]
    tails: list[int] = []  # smallest key ending a run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(keys)
    for i, key in enumerate(keys):
        position = bisect_right(tails, key)  # non-strict: equal dates may follow each other
        if position == len(tails):
            tails.append(key)
            tail_index.append(i)
        else:
            tails[position] = key
            tail_index[position] = i
        previous[i] = tail_index[position - 1] if position else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = previous[i]
    return kept


def _out_of_order(meetings: list[Meeting]) -> list[Diagnostic]:
    """ONL203 for one source file's meetings, given in source order."""
    dates = [m.date for m in meetings]
    pairs = list(zip(dates, dates[1:]))
    down = sum(a > b for a, b in pairs)
    up = sum(a < b for a, b in pairs)
    if not down or not up:
        return []  # already monotone (or too short)
    if down != up:
        newest_first = down > up
        kept = _longest_run(dates, newest_first)
    else:
        kept_down, kept_up = _longest_run(dates, True), _longest_run(dates, False)
        newest_first = len(kept_down) >= len(kept_up)
        kept = kept_down if newest_first else kept_up
    order = "newest first" if newest_first else "oldest first"
    anchors = [meetings[i] for i in sorted(kept)]
    found: list[Diagnostic] = []
    for i, meeting in enumerate(meetings):
        if i in kept:
            continue
        before = meetings[i - 1] if i else None
        after_text = (
            f", but it comes after the meeting of {format_date(before.date)} (line {before.source.line})"
            if before is not None
            else ", but it comes first"
        )
        # Where it belongs: before the first anchor that should come after it.
        target = next(
            (a for a in anchors if (a.date < meeting.date if newest_first else a.date > meeting.date)), None
        )
        if target is not None:
            hint = (
                f"The file lists meetings {order}: move this meeting before the meeting of "
                f"{format_date(target.date)} (line {target.source.line}), or correct its date."
            )
        else:
            last = anchors[-1]
            hint = (
                f"The file lists meetings {order}: move this meeting after the meeting of "
                f"{format_date(last.date)} (line {last.source.line}), or correct its date."
            )
        found.append(
            _heading(
                "ONL203",
                meeting,
                f"Meeting of {format_date(meeting.date)} is out of order: the file lists meetings {order}{after_text}.",
                hint,
            )
        )
    return found


# --- ONL204 -----------------------------------------------------------------------------------


def _duplicates(meetings: Sequence[Meeting]) -> list[Diagnostic]:
    first: dict[dt.date, Meeting] = {}
    found: list[Diagnostic] = []
    for meeting in sorted(meetings, key=lambda m: (m.date, m.source.path, m.source.line)):
        earlier = first.setdefault(meeting.date, meeting)
        if earlier is not meeting:
            found.append(
                _heading(
                    "ONL204",
                    meeting,
                    f"Meeting {meeting.id} has the same date ({format_date(meeting.date)}) as the meeting at "
                    f"{_where(earlier)}.",
                )
            )
    return found


# --- ONL205 -----------------------------------------------------------------------------------


def _weekdays(meetings: Sequence[Meeting]) -> list[Diagnostic]:
    if len(meetings) < 3:
        return []
    counts = Counter(m.date.weekday() for m in meetings)
    usual, count = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if count * 3 < len(meetings) * 2:
        return []  # no clear majority: at least two thirds on one day
    day = WEEKDAY_NAMES[usual]
    found: list[Diagnostic] = []
    for meeting in meetings:
        weekday = meeting.date.weekday()
        if weekday == usual:
            continue
        forward = (usual - weekday) % 7
        candidates = [
            meeting.date - dt.timedelta(days=7 - forward),
            meeting.date + dt.timedelta(days=forward),
        ]
        candidates.sort(key=lambda d: (abs((d - meeting.date).days), d))
        nearest, other = (format_date(d, weekday=True) for d in candidates)
        found.append(
            _heading(
                "ONL205",
                meeting,
                f"Meeting of {format_date(meeting.date, weekday=True)} is on a {WEEKDAY_NAMES[weekday]}, but {count} of "
                f"{len(meetings)} meetings are on a {day}.",
                f"Check the date: did you mean {nearest}? The other nearest {day} is {other}.",
            )
        )
    return found


# --- ONL206, ONL207, ONL208 ----------------------------------------------------------------------


def _future(meetings: Sequence[Meeting], today: dt.date) -> list[Diagnostic]:
    return [
        _heading(
            "ONL206", m, f"Meeting of {format_date(m.date)} is in the future (today is {format_date(today)})."
        )
        for m in meetings
        if m.date > today
    ]


def _empty(meetings: Sequence[Meeting]) -> list[Diagnostic]:
    return [
        _heading(
            "ONL207", m, f"Meeting of {format_date(m.date)} has no items, attendees, recording or transcript."
        )
        for m in meetings
        if not (m.items or m.attendees or m.unresolved_attendees or m.recording_urls or m.transcript_urls)
    ]


def _missing_attendees(meetings: Sequence[Meeting], texts: Mapping[str, str]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for meeting in meetings:
        if meeting.source.path not in texts or meeting.attendees or meeting.unresolved_attendees:
            continue
        label = next((label for label in meeting.metadata_labels if label.label == "attendees"), None)
        if label is not None:
            found.append(
                rules.diagnostic(
                    "ONL208",
                    meeting.source.path,
                    label.line,
                    label.column,
                    f"The `Attendees:` line of the meeting of {format_date(meeting.date)} lists nobody.",
                )
            )
    return found


# --- entry point --------------------------------------------------------------------------------


def lint(
    document: Document, *, today: dt.date | None = None, texts: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Content findings for a parsed document, sorted by (path, line, column, code).

    ``today`` enables ONL206 (future dates); ``texts`` maps source paths to the notes text they were
    parsed from and enables ONL208 (empty `Attendees:` lines). Pure; never raises on a valid document.
    """
    meetings = list(document.meetings)
    by_path: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        by_path.setdefault(meeting.source.path, []).append(meeting)
    found: list[Diagnostic] = []
    for path_meetings in by_path.values():
        found += _out_of_order(sorted(path_meetings, key=lambda m: m.source.line))
    found += _duplicates(meetings)
    found += _weekdays(meetings)
    if today is not None:
        found += _future(meetings, today)
    found += _empty(meetings)
    if texts:
        found += _missing_attendees(meetings, texts)
    return sorted(found, key=lambda d: (d.path, d.line, d.column, d.code, d.message))
