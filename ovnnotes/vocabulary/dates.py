"""Dates as the notes write them: month and weekday names, how a month is read, how a date is written.

English whatever the locale. A month is read from its name or any longer start of it (``Dec``,
``Decem``, ``December``) and from ``Sept``; every expression that matches a month name
(``month_pattern``) and every fast test for one (``MONTH_PREFIXES``) is built from these tables.
"""

from __future__ import annotations

import datetime as dt

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
"""``Jan`` ... ``Dec``: how dates are written (``Dec 2, 2024``)."""
MONTH_ALIASES = {"sept": 9}
"""Other written forms of a month (lowercase)."""
MONTH_PREFIXES = tuple(abbreviation.lower() for abbreviation in MONTH_ABBREVIATIONS)
"""What every written month name holds (its first three letters, lowercase): a fast test before
the expressions that read dates (a text without one of these holds no named date)."""
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_BY_PREFIX = {prefix: number for number, prefix in enumerate(MONTH_PREFIXES, start=1)}


def is_month_name(word: str) -> bool:
    """Whether ``word`` (a trailing ``.`` ignored) starts the name of a month, or is an alias (``Sept``)."""
    word = word.lower().rstrip(".")
    return any(name.lower().startswith(word) for name in MONTH_NAMES) or word in MONTH_ALIASES


def month_number(word: str) -> int | None:
    """The month ``word`` names: its first three letters (``dec``), or a longer start of its name
    (``Decem``, ``December``), or an alias (``Sept``); None for anything else (``Decx``, ``Mayday``)."""
    number = _NUMBER_BY_PREFIX.get(word[:3].lower())
    if number is None or (len(word) > 3 and not is_month_name(word)):
        return None
    return number


def month_pattern() -> str:
    """A regular expression (no capturing group; compile it with ``re.IGNORECASE``) for any written
    form of a month name: the full name, its abbreviation, its aliases, longest first. ASCII only,
    as ``MONTH_PREFIXES`` tests (``str.lower``): the case-blind expression does not fold ``ſ`` to ``s``."""
    forms: list[str] = []
    for number, name in enumerate(MONTH_NAMES, start=1):
        written = {
            name.lower(),
            name[:3].lower(),
            *(alias for alias, month in MONTH_ALIASES.items() if month == number),
        }
        forms += sorted(written, key=lambda form: (-len(form), form))
    return "(?a:" + "|".join(forms) + ")"


def format_date(date: dt.date, weekday: bool = False) -> str:
    """``Mar 18, 2024``, or ``Mon Mar 18, 2024`` with ``weekday``: how messages name a date."""
    text = f"{MONTH_ABBREVIATIONS[date.month - 1]} {date.day}, {date.year}"
    return f"{WEEKDAY_NAMES[date.weekday()][:3]} {text}" if weekday else text


def heading_date(date: dt.date) -> str:
    """``Dec 2, 2024``: a meeting heading's date as both readers read it (four-digit year)."""
    return f"{MONTH_ABBREVIATIONS[date.month - 1]} {date.day}, {date.year:04d}"
