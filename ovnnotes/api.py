"""The library API the CLI is built on: parse notes, build documents.

``parse`` is pure (text in, data out). ``parse_paths`` reads files: it is the only place that
does I/O for parsing, and it turns unreadable files into diagnostics instead of exceptions.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import OvnnotesError
from .facts.extract import KINDS, extract
from .files import reading
from .files.inputs import Gathered, gather
from .files.locations import MARKDOWN_SUFFIXES, SEEDS, find_root, people_path
from .memory import paused_gc
from .model import Diagnostic, Document, Generator, Meeting, Severity
from .read.people import DEFAULT_PATH, Registry, parse_registry
from .read.text import ParseResult, parse_text

if TYPE_CHECKING:
    from .views.search import SearchResult
    from .writers.exporters import ExportOptions


def _meeting_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Meetings ascending by date; a second meeting on the same date gets an id suffix."""
    ordered = sorted(meetings, key=lambda m: (m.date, m.source.path, m.source.line))
    seen: dict[str, int] = {}
    for meeting in ordered:
        base = meeting.date.isoformat()
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            _rename(meeting, f"{base}-{seen[base]}")
    return ordered


def _rename(meeting: Meeting, new_id: str) -> None:
    old = meeting.id
    for visit in meeting.iter_items():
        visit.item.id = new_id + visit.item.id[len(old) :]
    meeting.id = new_id


def build_document(
    results: Sequence[ParseResult],
    registry: Registry,
    extra: Sequence[Diagnostic] = (),
    facts: Collection[str] = KINDS,
) -> Document:
    """Combine the parse results of one or more inputs into one document.

    ``facts`` names the facts to extract (``milestones``, ``action_items``, ``schema_proposals``,
    ``releases``; default all); the others are left empty, with none of their diagnostics.
    """
    with paused_gc():
        return _build_document(results, registry, extra, facts)


def _build_document(
    results: Sequence[ParseResult], registry: Registry, extra: Sequence[Diagnostic], kinds: Collection[str]
) -> Document:
    meetings = _meeting_order(m for result in results for m in result.meetings)
    facts = extract(meetings, registry, kinds)
    diagnostics = [d for result in results for d in result.diagnostics] + facts.diagnostics + list(extra)
    return Document(
        generator=Generator(name="ovnnotes", version=__version__),
        sources=[result.source for result in results],
        people=list(registry.people),
        meetings=meetings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.column, d.code)),
        milestones=facts.milestones,
        action_items=facts.action_items,
        schema_proposals=facts.schema_proposals,
        releases=facts.releases,
    )


def parse_notes(
    text: str, path: str, registry: Registry, sha256: str | None = None, markdown: bool | None = None
) -> ParseResult:
    """Parse one notes file: Markdown or the text export, by ``markdown`` or else by its name
    (``.md``, ``.markdown``).

    Both parsers give the same model for the same content. ``markdown-it`` is imported only when a
    Markdown file is read.
    """
    if markdown is None:
        markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    if markdown:
        from .read.markdown import parse_markdown

        return parse_markdown(text, path, registry, sha256=sha256)
    return parse_text(text, path, registry, sha256=sha256)


def parse(
    text: str, path: str = "<string>", registry: Registry | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Parse one notes text (Markdown when ``path`` ends in ``.md``) into a document. Pure: no I/O (beyond the bundled registry), never raises."""
    registry = registry or default_registry()
    document = build_document([parse_notes(text, path, registry)], registry)
    return document, document.diagnostics


REGISTRY_NAME = "people.toml"


def registry_path(notes: Sequence[str]) -> Path | None:
    """Where the people registry of some notes files is, None for the bundled one.

    ``people.toml`` beside the first file (standard input has no folder), else ``seeds/people.toml``
    of the project the working directory is in (``files.locations.find_root``), else the bundled
    registry.
    """
    for name in notes:
        if name == reading.STDIN:
            continue
        candidate = Path(name).parent / REGISTRY_NAME
        if candidate.is_file():
            return candidate
        break
    root = find_root()
    if root is not None and (root / SEEDS / REGISTRY_NAME).is_file():
        return root / SEEDS / REGISTRY_NAME
    return None


@dataclass(frozen=True)
class RegistryChoice:
    """The people registry a command uses, where it came from and what is wrong with it."""

    registry: Registry
    diagnostics: list[Diagnostic]
    """Its problems (``ONR4xx``), for the document or the findings."""
    path: str | None
    """The file read (as given, or as found); None for the registry bundled with ovnnotes."""
    source: reading.Input | None = None
    """The file's text, when a file was read."""


@functools.cache
def default_registry() -> Registry:
    """The bundled registry (``seeds/people.toml``), read once; whatever could be read if it has errors."""
    try:
        text = people_path().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Registry()
    return parse_registry(text, DEFAULT_PATH)[0]


def choose_registry(
    notes: Sequence[str],
    people: str | None = None,
    *,
    refuse_errors: bool = False,
    max_bytes: int = reading.DEFAULT_MAX_BYTES,
) -> RegistryChoice:
    """The people registry for some notes files: ``people`` (``--people``) when given, else the one
    ``registry_path`` finds, else the bundled one. The one home of this rule for every command.

    ``refuse_errors``: a ``people`` file with an error is an ``OvnnotesError`` (naming the first)
    rather than diagnostics; a registry found beside the notes never is (its problems are reported
    with the notes'). Raises ``InputError`` when the file cannot be read.
    """
    path = people if people else registry_path(notes)
    if path is None:
        return RegistryChoice(default_registry(), [], None)
    source = reading.read(str(path), max_bytes=max_bytes)
    registry, problems = parse_registry(source.text, source.path)
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if people and refuse_errors and errors:
        raise OvnnotesError(f"{errors[0].path}:{errors[0].line}: {errors[0].message}")
    return RegistryChoice(registry, problems, str(path), source)


def parse_gathered(
    gathered: Gathered, registry: Registry, extra: Sequence[Diagnostic] = (), facts: Collection[str] = KINDS
) -> Document:
    """Parse the notes ``inputs.gather`` read into one document (its problems are the caller's to handle)."""
    results = [
        parse_notes(n.input.text, n.path, registry, sha256=n.input.sha256, markdown=n.markdown)
        for n in gathered.notes
    ]
    return build_document(results, registry, extra, facts)


def parse_paths(
    inputs: Sequence[str] = (),
    registry: Registry | None = None,
    encoding_errors: reading.EncodingErrors = "strict",
    facts: Collection[str] = KINDS,
    stdin_filename: str | None = None,
    max_bytes: int = reading.DEFAULT_MAX_BYTES,
) -> Document:
    """Read and parse notes files (folders are searched; no inputs: the project's notes, see
    ``ovnnotes.files.inputs``).

    Raises ``InputError`` for the first file that cannot be read at all (or is larger than
    ``max_bytes``); everything else about the content is reported as diagnostics in the document.
    ``facts`` is as in ``build_document``; ``stdin_filename`` names standard input and picks its
    reader by suffix.
    """
    gathered = gather(
        inputs, encoding_errors=encoding_errors, stdin_filename=stdin_filename, max_bytes=max_bytes
    )
    if gathered.errors:
        raise gathered.errors[0]
    registry_diagnostics: list[Diagnostic] = []
    if registry is None:
        choice = choose_registry(input_names(gathered, stdin_filename), max_bytes=max_bytes)
        registry, registry_diagnostics = choice.registry, choice.diagnostics
    return parse_gathered(gathered, registry, registry_diagnostics, facts)


def input_names(gathered: Gathered, stdin_filename: str | None = None) -> list[str]:
    """The notes files read, standard input under ``stdin_filename`` when given (for finding the registry)."""
    return [
        stdin_filename if notes.name == reading.STDIN and stdin_filename else notes.name
        for notes in gathered.notes
    ]


def export(
    document: Document,
    format: str,
    output: str | Path | None = None,
    options: ExportOptions | None = None,
) -> dict[str, bytes]:
    """Render ``document`` in ``format`` (``json``, ``jsonl``, ``csv``, ``ical``, ``sqlite``): file name -> bytes.

    With ``output`` (a folder), the files are also written there atomically. ``sqlite`` gives the
    database (``options.database_file``, default ``ovnnotes.db``) and its Datasette metadata.
    """
    from .files.writing import write_files
    from .writers.exporters import render

    files = render(document, format, options)
    if output is not None:
        write_files(Path(output), files)
    return files


def search(document: Document, query: str, **options: Any) -> SearchResult:
    """Full-text search of the meeting titles, items and action items (SQLite FTS5, in memory).

    ``options`` are those of ``ovnnotes.views.search.search``: ``since``, ``until`` (dates),
    ``speaker`` (an id, name or alias), ``section``, ``limit`` (default 20; 0 or None: all) and
    ``order`` (``rank`` or ``date``). Raises ``fulltext.QueryError`` for a query FTS5 cannot read.
    """
    from .views.search import search as run

    return run(document, query, **options)
