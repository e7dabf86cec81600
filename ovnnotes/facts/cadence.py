"""The release cadence: when a project releases, and so which release a date or "the next release" means.

OVN releases in March and September (``YY.03``, ``YY.09``) since 24.03, with the soft freeze about
two months before the release. ``OVN_CADENCE`` is that; ``facts.releases`` uses it to name the
releases the notes name without a number (see its docstring). Pure functions of dates and versions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model import MilestoneKind

__all__ = ["Cadence", "OVN_CADENCE", "RELEASE_REACH", "FREEZE_REACH"]


@dataclass(frozen=True)
class Cadence:
    """When a project releases: the release months, how long before them the soft freeze is, since when."""

    project: str = "OVN"
    months: tuple[int, ...] = (3, 9)
    freeze_months_before: int = 2
    freeze_day: int = 20
    """Day of the estimated soft freeze (the seed's fall between the 15th and the 25th)."""
    since: tuple[int, int] = (2024, 3)
    """The first release of this cadence: earlier numbers are not checked, and never inferred."""

    @staticmethod
    def parse(version: str) -> tuple[int, int] | None:
        """(year, month) of a ``YY.MM`` version, None for any other."""
        match = _YYMM.fullmatch(version)
        return (2000 + int(match[1]), int(match[2])) if match else None

    @staticmethod
    def version(year: int, month: int) -> str:
        return f"{year % 100:02d}.{month:02d}"

    def _months(self, year: int, month: int) -> Iterator[tuple[int, int]]:
        """The cadence's release months from (year, month) on, for a few years."""
        for y in range(year, min(year + 4, 2100)):
            for m in self.months:
                if (y, m) >= (year, month) and (y, m) >= self.since:
                    yield y, m

    def checked(self, version: str) -> bool:
        """Whether the cadence applies to this version (a ``YY.MM`` at or after ``since``)."""
        parsed = self.parse(version)
        return parsed is not None and parsed >= self.since

    def on_cadence(self, version: str) -> bool:
        parsed = self.parse(version)
        return parsed is None or parsed < self.since or parsed[1] in self.months

    def nearest(self, version: str) -> str | None:
        """The cadence release nearest an off-cadence version (the later one on a tie)."""
        parsed = self.parse(version)
        if parsed is None:
            return None
        index = parsed[0] * 12 + parsed[1] - 1
        candidates = [
            (abs(y * 12 + m - 1 - index), -(y * 12 + m), y, m)
            for y in (parsed[0] - 1, parsed[0], parsed[0] + 1)
            for m in self.months
        ]
        _, _, y, m = min(candidates)
        return self.version(y, m)

    def estimated_freeze(self, version: str) -> dt.date | None:
        parsed = self.parse(version)
        if parsed is None:
            return None
        index = parsed[0] * 12 + parsed[1] - 1 - self.freeze_months_before
        return dt.date(index // 12, index % 12 + 1, self.freeze_day)

    def soft_freeze(self, version: str, known: Mapping[str, dt.date]) -> dt.date | None:
        return known.get(version) or self.estimated_freeze(version)

    def next_release(self, on: dt.date, known: Mapping[str, dt.date] = {}) -> str | None:
        """The first release whose soft freeze (known, else estimated) is on or after ``on``."""
        if not 2000 <= on.year < 2096:
            return None
        for y, m in self._months(on.year - 1, 1):
            freeze = self.soft_freeze(self.version(y, m), known)
            if freeze is not None and freeze >= on:
                return self.version(y, m)
        return None

    def after(self, version: str) -> str | None:
        """The cadence release after ``version``."""
        parsed = self.parse(version)
        if parsed is None or parsed[0] >= 2096:
            return None
        return next((self.version(y, m) for y, m in self._months(*parsed) if (y, m) > parsed), None)

    def release_of(self, kind: MilestoneKind, date: dt.date) -> str | None:
        """The release a milestone of ``kind`` on ``date`` belongs to (see the module docstring)."""
        if not 2000 <= date.year < 2096:
            return None
        index = date.year * 12 + date.month - 1
        if kind is MilestoneKind.RELEASE:
            options = [(abs(y * 12 + m - 1 - index), y, m) for y, m in self._months(date.year - 1, 1)]
            if not options or min(options)[0] > RELEASE_REACH:
                return None
            _, y, m = min(options)
            return self.version(y, m)
        found = next(iter(self._months(date.year, date.month)), None)
        if found is None or found[0] * 12 + found[1] - 1 - index > FREEZE_REACH:
            return None
        return self.version(*found)


OVN_CADENCE = Cadence()
RELEASE_REACH = 3
"""A release milestone stated without a release belongs to a release month at most this many months away."""
FREEZE_REACH = 5
"""A soft freeze or branch stated without a release belongs to a release month at most this many months later."""
_YYMM = re.compile(r"(\d{2})\.(0[1-9]|1[0-2])")
