"""``ovnnotes validate``: every check in one run, over notes files and JSON documents.

Notes are parsed (parser diagnostics, OVSDB proposal checks, action items without owners), then
linted (``lint``); the people registry used is checked too; JSON documents are validated against
the committed schema of their major version. Inputs come from ``inputs.gather``: a file that cannot be read is a finding
(``ONI002``/``ONI003``) and the others are still checked. Findings are filtered by
``--select``/``--ignore``, then by the baseline of accepted findings (``baseline``; only entries
about the codes selected and the files checked take part), then, when the people registry cannot
be read, the findings that depend on it are set aside (``rules.REGISTRY_DEPENDENT``), and last
those below ``--severity``; ``Outcome.not_shown`` counts each. Rendering and the exit code are the
CLI's job.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..api import KINDS, RegistryChoice, choose_registry, input_names, parse_gathered
from ..files import reading
from ..files.inputs import Gathered, gather
from ..files.locations import find_root, schema_dir
from ..memory import paused_gc
from ..model import Diagnostic, Document, Severity
from ..read.lines import TextLines
from .baseline import (
    BASELINE_NAME,
    Accepted,
    Written,
    header,
    parse_baseline,
    render_baseline,
    split_accepted,
)
from .lint import lint
from .report import at_least, filter_diagnostics, is_selected, sort_diagnostics
from .rules import REGISTRY_DEPENDENT


@dataclass(frozen=True)
class ValidateOptions:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    baseline: str | None = None
    """Explicit baseline file; None looks for ``validate-baseline.toml`` beside the notes."""
    use_baseline: bool = True
    today: dt.date | None = None
    encoding_errors: reading.EncodingErrors = "strict"
    people: str | None = None
    severity: Severity = Severity.INFO
    """Findings below this severity are not reported (counted in ``Outcome.not_shown``)."""
    stdin_filename: str | None = None
    max_bytes: int = reading.DEFAULT_MAX_BYTES
    """The most bytes read from any one file (``--max-bytes``)."""


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    """Findings to report, sorted."""
    accepted: list[Diagnostic] = field(default_factory=list)
    unused: list[Accepted] = field(default_factory=list)
    """Baseline entries in this run's scope (selected codes, files checked) that matched nothing."""
    out_of_scope: list[Accepted] = field(default_factory=list)
    """Baseline entries about codes or files this run did not check (neither used nor stale)."""
    file_count: int = 0
    lines: dict[str, Sequence[str]] = field(default_factory=dict)
    """Each input's lines (numbered as the readers number them), for the baseline's line texts."""
    baseline_path: str | None = None
    registry_hidden: list[Diagnostic] = field(default_factory=list)
    """Findings not shown because the people registry could not be read (``rules.REGISTRY_DEPENDENT``)."""
    below_severity: list[Diagnostic] = field(default_factory=list)
    registry_path: str | None = None
    """The people registry used; None for the bundled one."""
    gathered: Gathered | None = None
    checked: set[str] = field(default_factory=set)
    """Paths of the files checked (as in diagnostics)."""
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    max_bytes: int = reading.DEFAULT_MAX_BYTES

    def covers(self, entry: Accepted) -> bool:
        """Whether a baseline entry is about a file this run checked and a code it selected."""
        return entry.path in self.checked and is_selected(entry.code, self.select, self.ignore)

    @property
    def not_shown(self) -> dict[str, int]:
        """Findings left out of the report, by reason (for the summary)."""
        return {
            "accepted": len(self.accepted),
            "registry": len(self.registry_hidden),
            "below_severity": len(self.below_severity),
        }

    @property
    def in_scope(self) -> list[Diagnostic]:
        """Every finding of the selected codes, accepted ones included (what ``--write-baseline`` writes)."""
        return sort_diagnostics(
            [*self.diagnostics, *self.accepted, *self.registry_hidden, *self.below_severity]
        )


def _schemas() -> list[dict]:
    """The committed schema of every major version (a document is checked against its own major's)."""
    from ..schema import MAJOR, generate, schema_files

    files = schema_files(schema_dir())
    schemas = [
        json.loads(path.read_text(encoding="utf-8")) for major, path in files.items() if str(major) != MAJOR
    ]
    current = files.get(int(MAJOR))
    return [*schemas, json.loads(current.read_text(encoding="utf-8")) if current else generate()]


@dataclass(frozen=True)
class ParsedNotes:
    """A document already parsed, and how: from which notes (each file's path and the sha256 of its
    bytes, in order) and people registry file (None: the bundled one; and its sha256), read with
    which ``encoding_errors``, with which facts extracted, and whether the registry's problems went
    into the document. ``run_validation`` uses it instead of parsing the notes again only when it
    would parse exactly so (``parsed_as``), and keeps the texts read instead of decoding the files
    again."""

    document: Document
    notes: tuple[tuple[str, str], ...]
    registry: tuple[str, str] | None
    inputs: Mapping[str, reading.Input]
    encoding_errors: reading.EncodingErrors
    facts: frozenset[str]
    registry_problems: bool

    @classmethod
    def of(
        cls,
        document: Document,
        gathered: Gathered,
        choice: RegistryChoice,
        *,
        encoding_errors: reading.EncodingErrors,
        facts: Collection[str],
        registry_problems: bool,
    ) -> ParsedNotes:
        inputs = {n.name: n.input for n in gathered.notes}
        return cls(
            document,
            _notes_read(gathered),
            _registry_read(choice),
            inputs,
            encoding_errors,
            frozenset(facts),
            registry_problems,
        )

    def parsed_as(self, gathered: Gathered, choice: RegistryChoice, options: ValidateOptions) -> bool:
        """Whether a validation with ``options`` that read ``gathered`` and chose ``choice`` parses
        the notes as this document was parsed (every fact, the registry's problems included)."""
        return (
            self.facts == KINDS
            and self.registry_problems
            and self.encoding_errors == options.encoding_errors
            and self.notes == _notes_read(gathered)
            and self.registry == _registry_read(choice)
        )


def _notes_read(gathered: Gathered) -> tuple[tuple[str, str], ...]:
    return tuple((n.path, n.input.sha256) for n in gathered.notes)


def _registry_read(choice: RegistryChoice) -> tuple[str, str] | None:
    return (choice.source.path, choice.source.sha256) if choice.source is not None else None


def run_validation(
    paths: Sequence[str], options: ValidateOptions, reuse: ParsedNotes | None = None
) -> Outcome:
    """Validate notes and JSON documents; raises ``OvnnotesError`` only for an unusable ``--people``
    or baseline file. An input that cannot be read is a finding (``ONI002``, ``ONI003``).

    ``reuse``: a document parsed before (``export --format all`` validates what it exported); it is
    used when this validation reads the very notes and registry it was parsed from, else the notes
    are parsed here.

    The garbage collector is paused throughout, as in the parse: the findings, their sorted copies
    and the lines live on, with no cycles to collect; with it running, sorting the findings of 10 MB
    of notes set off a collection that walked the whole document (40 times the time per MB of 1 MB).
    """
    with paused_gc():
        return _validation(paths, options, reuse)


def _validation(paths: Sequence[str], options: ValidateOptions, reuse: ParsedNotes | None) -> Outcome:
    gathered = gather(
        paths,
        documents=True,
        encoding_errors=options.encoding_errors,
        stdin_filename=options.stdin_filename,
        max_bytes=options.max_bytes,
        known=reuse.inputs
        if reuse is not None and reuse.encoding_errors == options.encoding_errors
        else None,
    )
    notes_names = input_names(gathered, options.stdin_filename)
    lines: dict[str, Sequence[str]] = {}
    diagnostics: list[Diagnostic] = [*gathered.problems, *gathered.skipped]

    choice = choose_registry(
        notes_names, options.people, max_bytes=options.max_bytes
    )  # its problems are findings
    registry, registry_problems, registry_file = choice.registry, choice.diagnostics, choice.path
    if options.people and choice.source is not None:
        lines[choice.source.path] = TextLines(choice.source.text)
    if gathered.notes:
        if reuse is not None and reuse.parsed_as(gathered, choice, options):
            document = reuse.document
        else:
            document = parse_gathered(gathered, registry, registry_problems)
        texts = {n.path: n.input.text for n in gathered.notes}
        diagnostics += document.diagnostics + lint(document, today=options.today, texts=texts)
        lines.update({path: TextLines(text) for path, text in texts.items()})
    else:
        diagnostics += registry_problems
    if gathered.documents:
        from .documents import validate_json_document

        schema = _schemas()
        for data in gathered.documents:
            diagnostics += validate_json_document(data.text, data.path, schema)
            lines[data.path] = TextLines(data.text)

    diagnostics = filter_diagnostics(diagnostics, options.select, options.ignore)
    outcome = Outcome(
        diagnostics=sort_diagnostics(diagnostics),
        file_count=gathered.file_count,
        lines=lines,
        registry_path=registry_file,
        gathered=gathered,
        checked=set(lines) | {d.path for d in gathered.problems},
        select=options.select,
        ignore=options.ignore,
        max_bytes=options.max_bytes,
    )
    baseline = _baseline_path(options, notes_names)
    if baseline is not None:
        _, entries = _read_baseline(baseline, options.max_bytes)
        outcome.out_of_scope = [e for e in entries if not outcome.covers(e)]
        in_scope = [e for e in entries if outcome.covers(e)]
        outcome.diagnostics, outcome.accepted, outcome.unused = split_accepted(
            outcome.diagnostics, in_scope, lines
        )
        outcome.baseline_path = str(baseline)
    if any(d.code == "ONR401" for d in registry_problems):
        outcome.registry_hidden = [d for d in outcome.diagnostics if d.code in REGISTRY_DEPENDENT]
        outcome.diagnostics = [d for d in outcome.diagnostics if d.code not in REGISTRY_DEPENDENT]
    shown = at_least(outcome.diagnostics, options.severity)
    kept = {id(d) for d in shown}  # by identity: `d not in shown` compared every pair (quadratic)
    outcome.below_severity = [d for d in outcome.diagnostics if id(d) not in kept]
    outcome.diagnostics = shown
    return outcome


def baseline_to_write(outcome: Outcome, target: Path) -> Written:
    """The baseline ``validate --write-baseline TARGET`` writes: this run's findings (accepted ones
    included), each keeping the reason an existing entry gives it (from TARGET or the baseline in
    use), and TARGET's entries about codes or files this run did not check, unchanged."""
    previous: list[Accepted] = []
    untouched: list[Accepted] = []
    head: list[str] = []
    if outcome.baseline_path is not None and Path(outcome.baseline_path).resolve() != target.resolve():
        current, entries = _read_baseline(Path(outcome.baseline_path), outcome.max_bytes)
        previous += entries
        head = header(current.text)
    if target.is_file():
        existing, entries = _read_baseline(target, outcome.max_bytes)
        previous += entries
        untouched = [entry for entry in entries if not outcome.covers(entry)]
        head = header(existing.text)
    findings = sort_diagnostics([*outcome.diagnostics, *outcome.accepted, *outcome.below_severity])
    return render_baseline(findings, outcome.lines, previous, untouched, head)


def _baseline_path(options: ValidateOptions, notes: Sequence[str]) -> Path | None:
    """``--baseline``; else ``validate-baseline.toml`` beside the first notes file; else the one in
    ``seeds/`` of the project the working directory is in; else none."""
    if not options.use_baseline:
        return None
    if options.baseline:
        return Path(options.baseline)
    first = next((name for name in notes if name != reading.STDIN), None)
    if first is not None:
        candidate = Path(first).parent / BASELINE_NAME
        if candidate.is_file():
            return candidate
    root = find_root()
    if root is not None and (root / "seeds" / BASELINE_NAME).is_file():
        return _shorter(root / "seeds" / BASELINE_NAME)
    return None


def _shorter(path: Path) -> Path:
    """``path`` relative to the working directory when it is below it (for messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _read_baseline(path: Path, max_bytes: int) -> tuple[reading.Input, list[Accepted]]:
    """The baseline file and its entries (``BaselineError`` when it cannot be used)."""
    baseline = reading.read(str(path), max_bytes=max_bytes)
    return baseline, parse_baseline(baseline.text, baseline.path)
