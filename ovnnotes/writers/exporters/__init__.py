"""Exporters: one module per format behind one small interface.

Each exporter module defines ``FORMAT`` (its name), ``DEFAULT_PATH`` (where it writes under
``exports/``; a file name, or a folder name ending in ``/`` for several files), ``FACTS`` (the
extracted facts it writes, so that the CLI extracts no others) and
``render(document, options) -> dict[str, bytes]`` mapping file names (relative to
``DEFAULT_PATH``'s folder) to their bytes. Rendering is pure and deterministic: the same
document gives the same bytes. Writing (atomically) is ``files.writing``'s job.
Modules are imported only when used, so the CLI starts fast.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ...vocabulary.labels import SERIES_TITLE

if TYPE_CHECKING:  # the model (pydantic) is only needed once a document is rendered
    from ...model import Document

EXPORTER_MODULES: dict[str, str] = {
    "csv": "ovnnotes.writers.exporters.csv_",
    "ical": "ovnnotes.writers.exporters.ical",
    "json": "ovnnotes.writers.exporters.json_",
    "jsonl": "ovnnotes.writers.exporters.jsonl",
    "sqlite": "ovnnotes.writers.exporters.sqlite_",
}
FORMATS = sorted(EXPORTER_MODULES)


@dataclass(frozen=True)
class ExportOptions:
    """Knobs some formats take; the defaults give the committed exports."""

    start_time: dt.time | None = None
    """iCal: time of day of the meetings; None makes all-day events."""
    timezone: str | None = None
    """iCal: IANA time zone of ``start_time`` (e.g. ``Europe/Brussels``); None means UTC."""
    duration_minutes: int = 60
    """iCal: length of timed events."""
    calendar_name: str = f"{SERIES_TITLE}s"
    """iCal: the calendar's display name."""
    milestones: bool = True
    """iCal: write an event per release milestone."""
    todos: bool = True
    """iCal: write a to-do per action item."""
    owner: str | None = None
    """iCal: only the to-dos of this person (an id, name or alias of the people registry)."""
    refresh_interval: dt.timedelta = dt.timedelta(days=1)
    """iCal: how often subscribers should fetch the calendar again (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""
    database_file: str = "ovnnotes.db"
    """SQLite: the database's file name; the Datasette metadata beside it is ``NAME.metadata.json``,
    keyed by ``NAME`` (the file name without its extension), as Datasette names the database."""


def exporter(name: str) -> ModuleType:
    """The exporter module for a format name (``json``, ``jsonl``, ``csv``, ``ical``, ``sqlite``)."""
    try:
        return importlib.import_module(EXPORTER_MODULES[name])
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}") from None


def facts_for(names: Iterable[str]) -> set[str]:
    """The facts (``facts.KINDS``) the exporters of these formats write."""
    return {fact for name in names for fact in exporter(name).FACTS}


def render(document: Document, name: str, options: ExportOptions | None = None) -> dict[str, bytes]:
    """Render a document in one format: file name -> bytes."""
    return exporter(name).render(document, options or ExportOptions())


def render_parts(
    document: Document, name: str, options: ExportOptions | None = None
) -> Iterator[tuple[str, bytes | Iterator[bytes]]]:
    """``render``'s files one at a time, as they are asked for, where the exporter can
    (``render_parts``: the CSV export one table group at a time, the JSON and JSON Lines exports
    one meeting at a time, each file in parts), for a writer that never holds a whole export
    (``files.writing.write_staged``). Joined, the parts are ``render``'s bytes."""
    module = exporter(name)
    made = getattr(module, "render_parts", module.render)(document, options or ExportOptions())
    return iter(made.items()) if isinstance(made, Mapping) else iter(made)
