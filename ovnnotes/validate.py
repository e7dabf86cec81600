"""``ovnnotes validate``: every check in one run, over notes files and JSON documents.

Notes are parsed (parser diagnostics, OVSDB proposal checks, action items without owners), then
linted (``lint``); the people registry used is checked too; JSON documents are validated against
the committed schema of their major version. Findings are filtered by ``--select``/``--ignore`` and by the baseline of
accepted findings (``baseline``). Rendering and the exit code are the CLI's job.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import load
from .api import build_document, parse_notes, registry_for
from .baseline import BASELINE_NAME, Accepted, parse_baseline, split_accepted
from .io import OvnnotesError
from .lint import lint
from .model import Diagnostic
from .people import parse_registry
from .report import filter_diagnostics, sort_diagnostics
from .resources import schema_dir

DOCUMENT_SUFFIXES = (".json",)


@dataclass(frozen=True)
class ValidateOptions:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    baseline: str | None = None
    """Explicit baseline file; None looks for ``validate-baseline.toml`` beside the notes."""
    use_baseline: bool = True
    today: dt.date | None = None
    encoding_errors: load.EncodingErrors = "strict"
    people: str | None = None


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    """Findings to report, sorted."""
    accepted: list[Diagnostic] = field(default_factory=list)
    unused: list[Accepted] = field(default_factory=list)
    file_count: int = 0
    lines: dict[str, list[str]] = field(default_factory=dict)
    baseline_path: str | None = None


def _schemas() -> list[dict]:
    """The committed schema of every major version (a document is checked against its own major's)."""
    from .schema import MAJOR, generate, schema_files

    files = schema_files(schema_dir())
    schemas = [json.loads(path.read_text(encoding="utf-8")) for major, path in files.items() if str(major) != MAJOR]
    current = files.get(int(MAJOR))
    return [*schemas, json.loads(current.read_text(encoding="utf-8")) if current else generate()]


def run_validation(paths: Sequence[str], options: ValidateOptions) -> Outcome:
    """Validate notes and JSON documents; raises ``OvnnotesError`` only for unusable files."""
    names = load.expand(paths, suffixes=(*load.NOTES_SUFFIXES, *DOCUMENT_SUFFIXES))
    notes = [name for name in names if not name.endswith(DOCUMENT_SUFFIXES)]
    documents = [name for name in names if name.endswith(DOCUMENT_SUFFIXES)]
    lines: dict[str, list[str]] = {}
    diagnostics: list[Diagnostic] = []

    if options.people:
        people = load.read(options.people)
        registry, registry_problems = parse_registry(people.text, people.path)
        lines[people.path] = people.text.splitlines()
    else:
        registry, registry_problems = registry_for(notes)
    if notes:
        inputs = [load.read(name, options.encoding_errors) for name in notes]
        results = [parse_notes(i.text, i.path, registry, sha256=i.sha256) for i in inputs]
        document = build_document(results, registry, registry_problems)
        texts = {i.path: i.text for i in inputs}
        diagnostics += document.diagnostics + lint(document, today=options.today, texts=texts)
        lines.update({path: text.splitlines() for path, text in texts.items()})
    else:
        diagnostics += registry_problems
    if documents:
        from .jsondoc import validate_json_document

        schema = _schemas()
        for name in documents:
            data = load.read(name, options.encoding_errors)
            diagnostics += validate_json_document(data.text, data.path, schema)
            lines[data.path] = data.text.splitlines()

    diagnostics = filter_diagnostics(diagnostics, options.select, options.ignore)
    outcome = Outcome(diagnostics=sort_diagnostics(diagnostics), file_count=len(names), lines=lines)
    baseline = _baseline_path(options, notes)
    if baseline is not None:
        accepted_entries = _read_baseline(baseline)
        outcome.diagnostics, outcome.accepted, outcome.unused = split_accepted(outcome.diagnostics, accepted_entries, lines)
        outcome.baseline_path = str(baseline)
    return outcome


def _baseline_path(options: ValidateOptions, notes: Sequence[str]) -> Path | None:
    if not options.use_baseline:
        return None
    if options.baseline:
        return Path(options.baseline)
    if not notes or notes[0] == load.STDIN:
        return None  # accepted findings are about notes files; JSON documents and stdin have none
    folder = Path(notes[0]).parent
    candidate = folder / BASELINE_NAME
    return candidate if candidate.is_file() else None


def _read_baseline(path: Path) -> list[Accepted]:
    baseline = load.read(str(path))
    try:
        return parse_baseline(baseline.text, baseline.path)
    except ValueError as error:
        raise OvnnotesError(str(error)) from None
