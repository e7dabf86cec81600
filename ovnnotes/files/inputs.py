"""From command-line INPUTS to the texts to parse: which files, which reader, what went wrong.

``gather`` is the one place that turns INPUTS into read files, for every command:

* no INPUTS: the notes of the project the working directory is in (``files.locations``), or the
  bundled ones outside any project (``Gathered.project`` says which, for ``--verbose``);
* a folder is walked (``files.walk``: no hidden folders, virtual environments or ignored
  files). A `.txt`/`.md` file found there is read as notes only when it has a meeting heading
  (``read.headings.has_meeting_heading``), a `.json` file is validated only when it is an ovnnotes
  document; the others are skipped and reported at info level (``ONI010``, ``ONI011``);
* a file named explicitly is always read, with the reader its suffix says (`.md`/`.markdown`
  Markdown, `.json` an ovnnotes document when the command validates documents, anything else
  the text export), except the formats ovnnotes only writes (`.jsonl`, `.csv`, `.ics`), which
  are refused (``ONI003``);
* standard input (`-`) is read with the reader ``--stdin-filename``'s suffix says, and is named
  so in diagnostics; without it, Markdown is recognised by an ATX heading (`# `..`###### `)
  before the first bullet, else it is a text export (``Gathered.readers`` says which was used).

A file that cannot be read (missing, a folder, binary, not UTF-8) does not stop the others: it
becomes an ``ONI002`` (encoding) or ``ONI003`` diagnostic in ``Gathered.problems``, with the
``InputError`` kept in ``Gathered.errors`` for commands that must stop (an export must not
silently leave a file out; ``validate`` reports it and goes on).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import progress
from ..checks.rules import diagnostic
from ..errors import InputError
from ..model import Diagnostic
from ..read.headings import has_meeting_heading
from . import reading, walk
from .locations import MARKDOWN_SUFFIXES, NOTES_SUFFIXES, Project, display_path, locate

DOCUMENT_SUFFIXES = (".json",)
EXPORT_ONLY_SUFFIXES = {".jsonl": "JSON Lines", ".csv": "CSV", ".ics": "iCal"}
"""Formats ovnnotes writes but never reads: refused as inputs rather than read as notes."""
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r" {0,3}(?:[-*+•●]|\d{1,9}[.)])(?:[ \t]|$)")
_LOCATION = re.compile(r"(?<!\d)(?P<line>\d+):\s*")


@dataclass(frozen=True)
class Notes:
    """One notes text to parse and how: ``markdown`` picks the reader."""

    input: reading.Input
    markdown: bool
    name: str = reading.STDIN
    """The file name it was read from (`-` for standard input), to write it back."""

    @property
    def path(self) -> str:
        return self.input.path


@dataclass
class Gathered:
    """What ``gather`` found: texts to parse, problems, and what ``--verbose`` reports."""

    notes: list[Notes] = field(default_factory=list)
    documents: list[reading.Input] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    """``ONI002``/``ONI003``: inputs that could not be read."""
    errors: list[InputError] = field(default_factory=list)
    """The same problems as exceptions, in order, for commands that stop at the first."""
    skipped: list[Diagnostic] = field(default_factory=list)
    """``ONI010``/``ONI011``: files found in folders and not read."""
    project: Project | None = None
    """Where the notes came from when no INPUTS were given."""
    readers: list[str] = field(default_factory=list)
    """How standard input was read, for ``--verbose``."""
    names: list[str] = field(default_factory=list)
    """Every file name read or tried, in order (`-` for standard input)."""

    @property
    def file_count(self) -> int:
        return len(self.notes) + len(self.documents) + len(self.problems)


def is_markdown_name(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def looks_like_markdown(text: str) -> bool:
    """An ATX heading (`## Dec 15, 2025 | ...`) comes before the first bullet line.

    The text export has no `#` headings (its meeting headings are plain lines), while Markdown
    notes start each meeting with one; a bullet before any heading means a text export.
    """
    for line in text.splitlines():
        if _ATX_HEADING.match(line):
            return True
        if _BULLET.match(line):
            return False
    return False


def is_document(text: str) -> bool:
    """An ovnnotes JSON document: an object with `schema_version` and `generator`.

    Text that is not JSON counts when its start names `schema_version` (a damaged export is
    better reported than skipped).
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return '"schema_version"' in text[:4096]
    return isinstance(data, dict) and "schema_version" in data and "generator" in data


def _problem(error: InputError, name: str, shown: str) -> Diagnostic:
    """``error`` as a diagnostic: its message is `PATH[:LINE]: what is wrong; what to do`."""
    text = str(error)
    line = 0
    for prefix in (shown, name):
        if text.startswith(prefix + ":"):
            rest = text[len(prefix) + 1 :]
            location = _LOCATION.match(rest)
            if location:
                line, rest = int(location.group("line")), rest[location.end() :]
            text = rest.strip()
            break
    message, _, hint = text.partition("; ")
    if hint:
        hint = hint[0].upper() + hint[1:] + ("" if hint.endswith((".", "?", "!")) else ".")
    return diagnostic(error.code, shown, line, 0, message, hint or None)


def _folder_problem(name: str, suffixes: Sequence[str], skipped: int) -> InputError:
    what = ", ".join(suffixes)
    extra = f" ({skipped} without a meeting heading or not ovnnotes documents, skipped)" if skipped else ""
    return InputError(
        f"{name}: no notes files ({what}) in this folder{extra}; name the files to read, or check the path"
    )


def gather(
    inputs: Sequence[str],
    *,
    documents: bool = False,
    encoding_errors: reading.EncodingErrors = "strict",
    stdin_filename: str | None = None,
    max_bytes: int = reading.DEFAULT_MAX_BYTES,
    known: Mapping[str, reading.Input] | None = None,
) -> Gathered:
    """Read ``inputs`` (see the module docstring); never raises for a bad input.

    ``known``: files read before with the same ``encoding_errors`` (by name, as ``Notes.name``): one
    whose bytes are unchanged is not decoded again (``reading.read``)."""
    gathered = Gathered()
    suffixes = (*NOTES_SUFFIXES, *DOCUMENT_SUFFIXES) if documents else NOTES_SUFFIXES
    if not inputs:
        gathered.project = locate()
        inputs = [str(gathered.project.seeds)]
    for name in inputs:
        if name != reading.STDIN and Path(name).is_dir():
            skipped, problems = len(gathered.skipped), len(gathered.problems)
            found = walk.files(name, suffixes)
            read = [
                path
                for path in found
                if _read(
                    gathered,
                    path,
                    explicit=False,
                    documents=documents,
                    errors=encoding_errors,
                    max_bytes=max_bytes,
                    known=known,
                )
            ]
            if not read and len(gathered.problems) == problems:  # nothing to read there at all
                error = _folder_problem(name, suffixes, len(gathered.skipped) - skipped)
                gathered.errors.append(error)
                gathered.problems.append(_problem(error, name, name))
        elif name == reading.STDIN:
            _read_stdin(gathered, encoding_errors, stdin_filename, max_bytes)
        else:
            _read(
                gathered,
                name,
                explicit=True,
                documents=documents,
                errors=encoding_errors,
                max_bytes=max_bytes,
                known=known,
            )
    return gathered


def _read(
    gathered: Gathered,
    name: str,
    *,
    explicit: bool,
    documents: bool,
    errors: reading.EncodingErrors,
    max_bytes: int,
    known: Mapping[str, reading.Input] | None,
) -> bool:
    """Read one file into ``gathered``; False when it was skipped or could not be read."""
    gathered.names.append(name)
    progress.advance("files")
    shown = display_path(Path(name))
    suffix = Path(name).suffix.lower()
    if explicit and suffix in EXPORT_ONLY_SUFFIXES:
        error = InputError(
            f"{name}: is a {EXPORT_ONLY_SUFFIXES[suffix]} export, which ovnnotes writes but does not read; "
            "give the notes (.txt, .md) or the JSON export (.json)"
        )
        gathered.errors.append(error)
        gathered.problems.append(_problem(error, name, shown))
        return False
    try:
        text = reading.read(name, errors, max_bytes, known.get(name) if known else None)
    except InputError as error:
        gathered.errors.append(error)
        gathered.problems.append(_problem(error, name, shown))
        return False
    if documents and suffix in DOCUMENT_SUFFIXES:
        if not explicit and not is_document(text.text):
            gathered.skipped.append(
                diagnostic(
                    "ONI011",
                    text.path,
                    0,
                    0,
                    "not an ovnnotes document (no `schema_version` and `generator`); not validated",
                )
            )
            return False
        gathered.documents.append(text)
        return True
    markdown = is_markdown_name(name)
    if not explicit and not has_meeting_heading(text.text, markdown=markdown):
        gathered.skipped.append(
            diagnostic(
                "ONI010",
                text.path,
                0,
                0,
                "no meeting heading in this file found in a folder; not read as notes",
            )
        )
        return False
    gathered.notes.append(Notes(text, markdown, name))
    return True


def _read_stdin(
    gathered: Gathered, errors: reading.EncodingErrors, stdin_filename: str | None, max_bytes: int
) -> None:
    gathered.names.append(reading.STDIN)
    progress.advance("files")
    shown = stdin_filename or "<stdin>"
    try:
        text = reading.read(reading.STDIN, errors, max_bytes)
    except InputError as error:
        if stdin_filename and str(error).startswith("<stdin>"):
            error = type(error)(stdin_filename + str(error)[len("<stdin>") :])
        gathered.errors.append(error)
        gathered.problems.append(_problem(error, "<stdin>", shown))
        return
    if stdin_filename:
        text = replace(text, path=stdin_filename)
        markdown = is_markdown_name(stdin_filename)
        why = f"by the suffix of --stdin-filename {stdin_filename}"
    else:
        markdown = looks_like_markdown(text.text)
        why = (
            "detected: a `#` heading comes before the first bullet"
            if markdown
            else "detected: no `#` heading before the first bullet"
        )
    gathered.readers.append(f"standard input read as {'Markdown' if markdown else 'a text export'} ({why})")
    gathered.notes.append(Notes(text, markdown))
