"""Find dated release milestones ("Soft freeze scheduled for Jan 23") in the text of one item.

Pure functions: no I/O, no clock; `find_milestones` never raises. Every regular expression
uses bounded repetition only (``\\s{1,3}``, ``\\d{1,2}``), so the work is linear in the text.

Rules
-----
* **Keyword + date in one clause.** Clauses end at ``;``, a newline, or ``.``/``?``/``!``
  followed by white space or the end (not inside a date such as ``Jan. 23``). Keywords:
  ``soft freeze``/``freeze`` -> soft_freeze, ``hard freeze`` -> other,
  ``branch``/``branched``/``branching``/``branch created`` -> branch,
  ``release``/``released``/``GA`` -> release, ``conference``/``conf``/``ovscon`` -> conference.
  A date takes the nearest keyword before it in its clause, else the nearest one after it.
  A relative date only takes a keyword that ends at most 40 characters before it with no
  "meeting" in between ("Next meeting in ~6 weeks" is no milestone). Links are ignored.
* **Bare date items.** An item that is nothing but dates (and links), e.g. "Dec 6-7 <url>",
  takes the kind of the nearest ancestor (``context``) that has a keyword.
* **Dates.** "Jan 23", "January 23rd", "23 January", "Jan 23rd 2026", "Jan 23, 2026",
  "2026-01-23", ranges "Dec 6-7" / "6-7 Dec" (the start is used, the phrase keeps the range).
  A lowercase "may" is not a month. Relative dates ("in N days/weeks", "next week",
  "~next week", "tomorrow") count from the meeting date and are ``approximate``.
* **Year.** A written year is used as is. Otherwise the date is the first occurrence of that
  month/day on or after ``meeting_date - LOOKBACK`` (30 days: past freezes are discussed
  too), so it always falls in ``[meeting - 30 days, meeting + 336 days]``. A Feb 29 with no
  leap day in that window is dropped.
* **Project and release.** Looked up in the clause, then the whole text (the mention nearest
  the keyword, preferring one before it), then each ancestor, nearest first. "OVS+OVN" or
  "OVS/OVN" names both projects -> ``None``. ``YY.MM`` or ``YY.MM.P`` is an OVN release
  (``YY.MM``); "OVS 3.5" is an OVS release. A release is kept only when its project agrees
  with the project found; with no project named, a ``YY.MM`` release implies OVN.
* **Confidence.** 0.5 relative date; 0.6 keyword taken from an ancestor (bare date item);
  1.0 explicit date with the release in the item's text; 0.8 release from an ancestor;
  0.7 release unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model import MilestoneKind
from ..vocabulary.dates import MONTH_PREFIXES, month_number, month_pattern

LOOKBACK = dt.timedelta(days=30)
"""How far before the meeting a date written without a year may fall."""

_MON = f"(?P<mon>{month_pattern()})"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE = r"(?:\s?[-–]\s?\d{1,2}" + _ORD + r"\b)?"
_YEAR = r"(?:,?\s{1,3}(?P<year>\d{4})\b)?"
_DATES = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b" + _MON + r"\.?\s{1,3}(?P<day>\d{1,2})" + _ORD + r"\b" + _RANGE + _YEAR, re.I),
    re.compile(r"\b(?P<day>\d{1,2})" + _ORD + _RANGE + r"\s{1,3}(?:of\s{1,3})?" + _MON + r"\b" + _YEAR, re.I),
]
_RELATIVE = re.compile(
    r"(?:~\s?)?(?:\bin\s{1,3}~?\s?(?P<n>\d{1,2}|an?|one|two|three|four|five|six)\s{1,3}"
    r"(?P<unit>day|week)s?\b|\b(?P<next>next\s{1,3}week)\b|\b(?P<tomorrow>tomorrow)\b)",
    re.I,
)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_KEYWORD = re.compile(
    r"(?P<other>\bhard[\s-]{1,3}freez(?:e|es|ing)\b)"
    r"|(?P<soft_freeze>\b(?:soft[\s-]{1,3})?freez(?:e|es|ing)\b)"
    r"|(?P<branch>\bbranch(?:es|ed|ing)?\b(?:\s{1,3}created\b)?)"
    r"|(?P<release>\breleas(?:e|ed|es|ing)\b|(?-i:\bGA\b))"
    r"|(?P<conference>\bconf(?:erences?|s)?\b|\bovscon)",
    re.I,
)
_PROJECT = re.compile(r"\bov(?P<a>[ns])(?:\s?[+/&]\s?ov(?P<b>[ns]))?\b", re.I)
_RELEASE = re.compile(
    r"(?<![\w.])(?P<ovn>(?:1[6-9]|[2-9]\d)\.(?:0[1-9]|1[0-2]))(?:\.\d{1,2})?(?!\.?\d)"
    r"|\bovs\s?v?(?P<ovs>[1-9]\.\d{1,2})(?:\.\d{1,2})?(?!\.?\d)",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_BOUNDARY = re.compile(r"[;\n]|[.?!](?=\s|$)")
_RELATIVE_REACH = 40
_ISO_HINT = re.compile(r"\d-\d")
_Scan = tuple[list[int], list[str], list[int], list[tuple[str, str]]]
"""What `_scan` finds: (starts, projects, starts, (project, release))."""
_T = TypeVar("_T")


@dataclass(frozen=True)
class MilestoneMatch:
    """One dated milestone read from an item's text."""

    kind: MilestoneKind
    date: dt.date
    approximate: bool
    """True for relative dates ("in 2 weeks", "~next week")."""
    project: str | None
    """"OVN", "OVS" or None."""
    release: str | None
    """Release series such as "26.03" (OVN) or "3.5" (OVS), or None."""
    phrase: str
    """The exact span of `text` the milestone was read from."""
    column: int
    """1-based offset of `phrase` in `text` (its column when `text` is one line)."""
    confidence: float


def find_milestones(text: str, meeting_date: dt.date, context: Sequence[str] = ()) -> list[MilestoneMatch]:
    """Return the milestones stated in `text`, in text order; `context` is the ancestors' texts, nearest first."""
    return _find(text, meeting_date, list(context))


def _find(text: str, meeting: dt.date, context: list[str]) -> list[MilestoneMatch]:
    if isinstance(meeting, dt.datetime):
        meeting = meeting.date()
    forms = _date_forms(text)
    if not any(forms):
        return []  # most items: no date, no milestone (a cheap test first)
    clean = _URL.sub(lambda m: " " * len(m.group()), text) if "://" in text or "ww." in text.lower() else text
    dates = _find_dates(clean, meeting, forms)
    if not dates:
        return []  # most items: no date, no milestone (and no need to scan the ancestors)
    d_starts = [d[0] for d in dates]
    bounds = [m.start() for m in _BOUNDARY.finditer(clean) if not _inside(m.start(), dates, d_starts)]
    keys = [(m.start(), m.end(), MilestoneKind(m.lastgroup)) for m in _KEYWORD.finditer(clean)]
    k_starts = [k[0] for k in keys]
    inherited = None
    if dates and not keys:
        rest = list(clean)
        for s, e, *_ in dates:
            rest[s:e] = " " * (e - s)
        if not re.search(r"\w", "".join(rest)):
            inherited = next(
                (
                    MilestoneKind(m.lastgroup)
                    for c in context
                    for m in [_KEYWORD.search(_URL.sub(" ", c))]
                    if m
                ),
                None,
            )
    scopes = [_scan(clean)] + [_scan(_URL.sub(" ", c)) for c in context]
    out = []
    for s, e, date, relative in dates:
        clause = bisect_right(bounds, s)
        lo = bounds[clause - 1] + 1 if clause else 0
        hi = bounds[clause] if clause < len(bounds) else len(clean)
        if inherited is not None:
            kind, ps, pe, anchor = inherited, s, e, s
        else:
            i = bisect_left(k_starts, s) - 1
            key = keys[i] if i >= 0 and keys[i][0] >= lo else None
            if relative and key and (s - key[1] > _RELATIVE_REACH or "meeting" in clean[key[1] : s].lower()):
                key = None
            if key is None and not relative:
                j = bisect_left(k_starts, e)
                key = keys[j] if j < len(keys) and keys[j][0] < hi else None
            if key is None:
                continue
            kind, ps, pe, anchor = key[2], min(s, key[0]), max(e, key[1]), key[0]
        if (
            pe - ps < 200
            and clean[pe : pe + 1] == ")"
            and clean.count("(", ps, pe) > clean.count(")", ps, pe)
        ):
            pe += 1
        project, release, level = _scope(scopes, anchor, lo, hi)
        if relative:
            confidence = 0.5
        elif inherited is not None:
            confidence = 0.6
        else:
            confidence = 1.0 if release and level == 0 else 0.8 if release else 0.7
        out.append(MilestoneMatch(kind, date, relative, project, release, text[ps:pe], ps + 1, confidence))
    return out


def impossible_dates(text: str, meeting_date: dt.date) -> list[tuple[int, str]]:
    """See ``_impossible_dates``."""
    return _impossible_dates(text, meeting_date)


def _impossible_dates(text: str, meeting_date: dt.date) -> list[tuple[int, str]]:
    """(column, phrase) of each date-shaped phrase in a milestone clause that is no date at all.

    "Soft freeze on Feb 30", "release 2026-13-01", or a "Feb 29" with no leap day in the window a
    date without a year may fall in: ``find_milestones`` cannot record these, and the caller
    reports them (``ONM602``) rather than losing them silently. Only clauses with a milestone
    keyword count, so a stray "Apr 31" in a sentence about something else is not reported.
    """
    forms = _date_forms(text)
    if not (forms[0] or forms[1]):
        return []
    clean = _URL.sub(lambda m: " " * len(m.group()), text) if "://" in text or "ww." in text.lower() else text
    found = []
    for rx in _DATES:
        for m in rx.finditer(clean):
            g = m.groupdict()
            if g.get("mon") == "may":
                continue
            try:
                month = int(g["mnum"]) if g.get("mnum") else _month(g["mon"])
            except ValueError:  # a month name re.IGNORECASE folds to (`ſep`) that is no month
                continue
            if (
                not 1 <= month <= 12
                or _resolve(meeting_date, month, int(g["day"]), int(g["year"]) if g["year"] else None) is None
            ):
                found.append((m.start(), m.end()))
    out: list[tuple[int, str]] = []
    for start, end in sorted(found):
        lo = max((b.end() for b in _BOUNDARY.finditer(clean, 0, start)), default=0)
        boundary = _BOUNDARY.search(clean, end)
        hi = boundary.start() if boundary else len(clean)
        if _KEYWORD.search(clean, lo, hi) and not any(start < e and s < end for s, e in _spans(out)):
            out.append((start + 1, text[start:end]))
    return out


def _spans(found: list[tuple[int, str]]) -> list[tuple[int, int]]:
    return [(column - 1, column - 1 + len(phrase)) for column, phrase in found]


RELATIVE_WORDS = ("day", "week", "tomorrow")
"""What every relative date holds."""
_DIGIT = re.compile(r"\d")


def _date_forms(text: str) -> tuple[bool, bool, bool]:
    """Which date forms ``text`` may hold: (ISO ``yyyy-mm-dd``, month name and day, relative).

    Plain substring tests, far cheaper than the date expressions that most items would fail
    anyway: a named date needs a digit and a month name, a relative one ``day``, ``week`` or
    ``tomorrow``, an ISO one a digit, a dash and a digit.
    """
    lower = text.lower()
    relative = any(word in lower for word in RELATIVE_WORDS)
    if _DIGIT.search(text) is None:
        return False, False, relative
    iso = "-" in text and _ISO_HINT.search(text) is not None
    named = any(month in lower for month in MONTH_PREFIXES)
    return iso, named, relative


def _find_dates(
    clean: str, meeting: dt.date, forms: tuple[bool, bool, bool] = (True, True, True)
) -> list[tuple[int, int, dt.date, bool]]:
    """All dates in `clean` as non-overlapping (start, end, date, relative), sorted by start.

    ``forms`` (see ``_date_forms``) skips the expressions that cannot match.
    """
    iso, named, relative = forms
    found = []
    for rx in _DATES[: 1 if iso else 0] + _DATES[1:] if named else _DATES[: 1 if iso else 0]:
        for m in rx.finditer(clean):
            g = m.groupdict()
            if g.get("mon") == "may":
                continue
            month = int(g["mnum"]) if g.get("mnum") else _month(g["mon"])
            date = _resolve(meeting, month, int(g["day"]), int(g["year"]) if g["year"] else None)
            if date is not None:
                found.append((m.start(), m.end(), date, False))
    for m in _RELATIVE.finditer(clean) if relative else ():
        if m["tomorrow"]:
            days = 1
        elif m["next"]:
            days = 7
        else:
            n = m["n"].lower()
            days = (int(n) if n.isdigit() else _WORDS[n]) * (7 if m["unit"].lower() == "week" else 1)
        try:
            found.append((m.start(), m.end(), meeting + dt.timedelta(days=days), True))
        except OverflowError:
            pass
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, dt.date, bool]] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    return kept


def _month(name: str) -> int:
    """The month of a name ``_MON`` matched: its first three letters tell."""
    number = month_number(name[:3])
    assert number is not None  # every form of a month starts with its three letters
    return number


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _resolve(meeting: dt.date, month: int, day: int, year: int | None) -> dt.date | None:
    """The date for month/day: in `year` if written, else the first one on or after meeting - LOOKBACK."""
    if year is not None:
        return _make(year, month, day)
    try:
        start = meeting - LOOKBACK
    except OverflowError:
        start = dt.date.min
    for y in (start.year, start.year + 1):
        d = _make(y, month, day)
        if d is not None and 0 <= (d - start).days < 366:  # a Feb 29 a year away is no such date
            return d
    return None


def _inside(pos: int, spans: list, starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def _scan(s: str) -> _Scan:
    """Project mentions and release numbers of `s`: (starts, projects, starts, (project, release))."""
    projects = []
    for m in _PROJECT.finditer(s):
        a, b = m["a"].lower(), (m["b"] or m["a"]).lower()
        projects.append((m.start(), "both" if a != b else "OVN" if a == "n" else "OVS"))
    releases = [
        (m.start(), ("OVN", m["ovn"]) if m["ovn"] else ("OVS", m["ovs"])) for m in _RELEASE.finditer(s)
    ]
    return (
        [p[0] for p in projects],
        [p[1] for p in projects],
        [r[0] for r in releases],
        [r[1] for r in releases],
    )


def find_releases(text: str) -> list[tuple[int, int, str, str]]:
    """Release numbers named in ``text``, as (start, end, project, series), in text order.

    The same vocabulary as the milestones' releases: ``YY.MM`` or ``YY.MM.P`` is an OVN release
    (``26.03.0`` is series ``26.03``), ``OVS 3.5`` an OVS release (``3.5``).
    """
    return [
        (m.start(), m.end(), "OVN" if m["ovn"] else "OVS", m["ovn"] or m["ovs"])
        for m in _RELEASE.finditer(text)
    ]


def _nearest(starts: list[int], values: list[_T], anchor: int, lo: int, hi: int) -> _T | None:
    """The value nearest before `anchor` within [lo, hi), else the nearest after it, else None."""
    i = bisect_left(starts, anchor)
    if i > 0 and starts[i - 1] >= lo:
        return values[i - 1]
    if i < len(starts) and starts[i] < hi:
        return values[i]
    return None


def _scope(scopes: list[_Scan], anchor: int, lo: int, hi: int) -> tuple[str | None, str | None, int]:
    """(project, release, level the release came from: 0 the item's text, 1+ an ancestor)."""
    text_scope = scopes[0]
    levels = [(text_scope, anchor, lo, hi), (text_scope, anchor, 0, 1 << 62)]
    levels += [(sc, 0, 0, 1 << 62) for sc in scopes[1:]]
    project, release, level = None, None, -1
    for n, ((p_starts, projects, r_starts, releases), a, low, h) in enumerate(levels):
        if project is None:
            project = _nearest(p_starts, projects, a, low, h)
        found = _nearest(r_starts, releases, a, low, h) if release is None else None
        if found and project in (None, found[0]):
            project, release, level = found[0], found[1], max(0, n - 1)
    return (None if project == "both" else project), release, level


KIND_WORDS = {
    MilestoneKind.SOFT_FREEZE: "soft freeze",
    MilestoneKind.BRANCH: "branch",
    MilestoneKind.RELEASE: "release",
    MilestoneKind.CONFERENCE: "conference",
    MilestoneKind.OTHER: "milestone",
}
"""How each kind is named when the notes give no name of their own (``OVN 26.03 soft freeze``)."""
_NAME_STOP = frozenset(
    "a an the this that these our your their next last and or of for to in at on by is are was will with".split()
)
_NAME_TOKEN = re.compile(r"(?<![\w+/&'’.-])[\w+/&'’.-]*[A-Z0-9][\w+/&'’.-]*\Z")
_NAME_WORDS = 4


def milestone_name(kind: MilestoneKind, text: str, context: Sequence[str] = ()) -> str | None:
    """The name the notes give a milestone, e.g. ``OVS+OVN'25 conference`` or ``OVS soft freeze``.

    The first keyword of ``kind`` (``conference``, ``soft freeze``...) in ``text``, else in the
    nearest ancestor text of ``context`` that has one (a bare date item under ``OVS/OVN
    Conference``), with the words right before it that name it: up to four words that hold a
    capital letter or a digit (``OVS+OVN'25``, ``Linux Plumbers``), stopping at a lowercase word, an
    article or preposition, or a word ending a clause (``Announcement:``). ``None`` when no keyword
    of that kind is found or no word names it.
    """
    for source in (text, *context):
        clean = _URL.sub(" ", source)
        for match in _KEYWORD.finditer(clean):
            if match.lastgroup != kind.value:
                continue
            words = clean[: match.start()].split()
            named: list[str] = []
            for word in reversed(words[-_NAME_WORDS:]):
                if word.lower() in _NAME_STOP or word[-1] in ":;,.!?)]" or not _NAME_TOKEN.match(word):
                    break
                named.insert(0, word.strip("([\"'"))
            named = [word for word in named if word]
            if not named:
                return None
            return " ".join([*named, match.group(0)])
    return None
