"""``ovnnotes site``: a static website of the notes, for people to browse.

``build_site(document, options)`` renders every file of the site in memory (HTML pages from the
Jinja2 templates, the stylesheet, SVG charts, the calendar and the JSON export from the
exporters, the Pagefind search index) and returns them with notes on the build;
``write_site(folder, build)`` writes them atomically as one set (``ovnnotes.io.write_files``)
and removes the files an earlier build wrote that this one no longer has. The same document and
options give byte-identical files.

Modules: ``views`` (what each page shows, pure), ``safety`` (what text may become), ``charts``
(matplotlib SVG), ``pages`` (Jinja2 rendering), ``search`` (Pagefind), ``serve`` (a local server).
Jinja2 and matplotlib come with the ``site`` extra (``pip install 'ovnnotes[site]'``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import OvnnotesError
from ..model import Document

__all__ = ["MANIFEST", "SiteBuild", "SiteOptions", "build_site", "check_folder", "write_site"]

MANIFEST = ".ovnnotes-site.json"
"""Written into the site folder: the files of the build, so the next build can remove the ones it drops."""
STATIC = ("style.css", "search.js", "icon.svg")


@dataclass(frozen=True)
class SiteOptions:
    """How to build the site; the defaults give a byte-identical rebuild of the same notes."""

    today: dt.date | None = None
    """What "ahead" and "open for" are relative to; None: the newest meeting's date."""
    base_url: str | None = None
    """The site's public address (``https://ORG.github.io/REPO/``), to show the calendar's subscription URL."""
    search: bool = True
    """Build the Pagefind index (when the binary is there)."""
    pagefind: str | None = None
    """The Pagefind binary; None: found as ``search.find_pagefind`` says."""


@dataclass
class SiteBuild:
    """The files of a site and what the build has to report."""

    files: dict[str, bytes]
    search: bool
    """True when the search index was built."""
    notes: list[str] = field(default_factory=list)
    """Warnings for the user (e.g. why search is unavailable)."""


def _require() -> None:
    missing = []
    for module in ("jinja2", "matplotlib"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise OvnnotesError(f"the site needs {' and '.join(missing)}, which is not installed; install them with pip install 'ovnnotes[site]'")


def build_site(document: Document, options: SiteOptions | None = None) -> SiteBuild:
    """Every file of the site, in memory (name relative to the site's folder -> bytes)."""
    _require()
    from ..writers.exporters import render
    from . import charts, pages, search, views

    options = options or SiteOptions()
    today = options.today or views.default_today(document)
    files: dict[str, bytes] = {}
    files.update(render(document, "ical"))
    files.update(render(document, "json"))
    calendar = next(name for name in files if name.endswith(".ics"))
    base = options.base_url.rstrip("/") + "/" if options.base_url else None
    context = pages.Context(document, today, calendar, f"{base}{calendar}" if base else None, options.search)

    drawn: dict[str, charts.Chart] = {}

    def add(chart: charts.Chart) -> None:
        drawn[chart.name] = chart

    person_list = views.person_views(document, today, ())  # for the people chart: attendance only, no features needed
    attendance = charts.attendance_chart(document.meetings)
    people = charts.people_chart(sorted(((v.person.name, len(v.attended)) for v in person_list), key=lambda r: (-r[1], r[0].casefold())))
    add(attendance)
    add(people)
    html, search_page = pages.render_pages(context, {"attendance": attendance, "people": people}, add)
    files.update(html)
    notes = []
    available = False
    reason = "search was turned off for this build"
    if options.search:
        try:
            files.update(search.build_index(pages.meeting_pages(html), search.find_pagefind(options.pagefind)))
            available = True
        except search.SearchUnavailable as error:
            reason = str(error)
            notes.append(f"search is unavailable on this site: {reason}")
    files["search/index.html"] = search_page(available, reason)
    for chart in drawn.values():
        files[f"charts/{chart.name}"] = chart.svg
    static = resources.files(__package__).joinpath("static")
    for name in STATIC:
        files[f"assets/{name}"] = static.joinpath(name).read_bytes()
    files[".nojekyll"] = b""  # GitHub Pages: serve the files as they are
    files[MANIFEST] = (json.dumps({"generator": "ovnnotes site", "files": sorted([*files, MANIFEST])}, indent=1) + "\n").encode()
    return SiteBuild(files=files, search=available, notes=notes)


def _previous_files(directory: Path) -> list[str] | None:
    """The files the last build wrote into ``directory`` (None: no ovnnotes site there)."""
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        names = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise OvnnotesError(f"{manifest}: not a site manifest ovnnotes can read; delete the folder and build again") from None
    return [name for name in names if isinstance(name, str)]


def check_folder(directory: str | Path) -> list[str]:
    """The files an earlier build left in ``directory``; ``OvnnotesError`` if the site may not go there.

    A folder that holds files but no site written by ovnnotes is refused: the site would mix with
    unrelated files, and the next build could not tell them apart. (The CLI checks before building.)
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OvnnotesError(f"{directory}: is a file, not a folder; choose a folder with -o")
    previous = _previous_files(directory) if directory.is_dir() else []
    if previous is None:
        if any(directory.iterdir()):
            raise OvnnotesError(f"{directory}: the folder is not empty and holds no site built by ovnnotes; choose a new or empty folder with -o")
        previous = []
    return previous


def write_site(directory: str | Path, build: SiteBuild) -> list[Path]:
    """Write the site's files atomically as one set, then remove what the previous build had and this one has not.

    The folder must pass ``check_folder``.
    """
    from ..files.writing import write_files

    directory = Path(directory)
    previous = check_folder(directory)
    written = write_files(directory, build.files)
    root = directory.resolve()
    folders: set[Path] = set()
    for name in sorted(set(previous) - set(build.files)):
        path = (root / name).resolve()
        if root not in path.parents or not path.is_file():
            continue
        path.unlink()
        folders.update(parent for parent in path.parents if root in parent.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return written
