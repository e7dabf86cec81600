"""The fingerprint of ``exports/``: what lets ``ovnnotes check`` say "nothing changed" without parsing.

``ovnnotes export --format all`` writes ``exports/ovnnotes.fingerprint`` with the exports. It
records what a full check would look at, each file by its sha256:

* the ovnnotes version that wrote it;
* the INPUTS (normalised: any spelling of the project's ``seeds/`` is ``seeds/``; other inputs as
  given, with the working directory they were given in) and every file the folder walk finds in
  them (``walk.files``, notes and JSON documents alike, whether or not they turn out to be notes);
* the files that decide the people registry and the baseline: each place the one rule looks, in
  order, up to the file it uses (``absent`` for a place with no file), and the committed JSON
  Schemas when JSON documents are validated;
* the outcome of validating those inputs (errors, warnings, unused baseline entries, findings hidden
  by an unreadable registry, the number of files, the latest meeting date); the clock is left out
  (ONL206, a meeting in the future, is checked against the latest meeting date when reading);
* every file of the export, and the folders only the export writes (``csv/``, whose listing must
  not grow).

Reading it (``match``) takes a folder walk and a hash of every file named, a few milliseconds, and
imports nothing heavy (no pydantic, no click): when anything differs, or the file is missing or not
one of these, the answer is "no match" with the reason, and the caller runs the full check. The text
is deterministic (sorted, no timestamps, paths relative to the project): the same notes and the
same ovnnotes version give the same bytes. It cannot see a change of ovnnotes' code that keeps the
version number (working on ovnnotes itself): ``--full`` checks everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import walk
from .locations import NOTES_SUFFIXES, find_root, people_path, schema_dir

NAME = "ovnnotes.fingerprint"
"""The fingerprint's file name in ``exports/``."""
SCANNED_SUFFIXES = (*NOTES_SUFFIXES, ".json")
"""What a check's folder walk looks at: notes and JSON documents (``files.inputs``)."""
PEOPLE_NAME = "people.toml"
BASELINE_NAME = "validate-baseline.toml"
BUNDLED_PEOPLE = "(bundled)/people.toml"
ABSENT = "absent"
STDIN = "-"
_HEADER = (
    "# The fingerprint of exports/, written by `ovnnotes export --format all` (do not edit: regenerate it).\n"
    "# `ovnnotes check` reads it: when ovnnotes is this version and every file below still has its sha256,\n"
    "# the notes were validated and the exports are up to date; any difference runs the full check.\n"
)


@dataclass(frozen=True)
class Verdict:
    """What validating the inputs found, as far as ``check`` (``validate --strict``) cares."""

    files: int
    errors: int = 0
    warnings: int = 0
    unused: int = 0
    """Baseline entries that matched nothing (``validate`` notes each)."""
    hidden: int = 0
    """Findings set aside because the people registry cannot be read."""
    latest: dt.date | None = None
    """The latest meeting date: a meeting after today is a warning (ONL206)."""

    def clean(self, today: dt.date) -> bool:
        """Whether ``validate --strict`` passes on ``today`` with nothing to say beyond the summary."""
        return not (self.errors or self.warnings or self.unused or self.hidden) and (
            self.latest is None or self.latest <= today
        )

    def line(self) -> str:
        latest = self.latest.isoformat() if self.latest else "none"
        return (
            f"validated files={self.files} errors={self.errors} warnings={self.warnings} "
            f"unused={self.unused} hidden={self.hidden} latest={latest}"
        )

    @classmethod
    def parse(cls, line: str) -> Verdict:
        values = dict(word.split("=", 1) for word in line.split()[1:])
        latest = values.get("latest", "none")
        return cls(
            files=int(values["files"]),
            errors=int(values["errors"]),
            warnings=int(values["warnings"]),
            unused=int(values["unused"]),
            hidden=int(values["hidden"]),
            latest=None if latest == "none" else dt.date.fromisoformat(latest),
        )


@dataclass
class Match:
    """The answer of ``match``: the recorded verdict when every file is as recorded, else why not."""

    verdict: Verdict | None = None
    reason: str = ""
    formats: list[str] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hash_file(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    except OSError:
        return "unreadable"


class _Keys:
    """How paths are named in the fingerprint: relative to the project root (posix), else absolute."""

    def __init__(self) -> None:
        self.root = find_root()
        self.resolved_root = self.root.resolve() if self.root is not None else None

    def key(self, path: Path) -> str:
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path.absolute()
        if self.resolved_root is not None:
            try:
                return resolved.relative_to(self.resolved_root).as_posix() or "."
            except ValueError:
                pass
        return resolved.as_posix()

    def path(self, key: str) -> Path:
        if key == BUNDLED_PEOPLE:
            return people_path()
        given = Path(key)
        if given.is_absolute() or self.root is None:
            return given
        return self.root / given

    def seeds(self) -> Path | None:
        return self.root / "seeds" if self.root is not None else None


def _inputs(names: Sequence[str], keys: _Keys) -> tuple[list[str], list[str]] | None:
    """The fingerprint's ``inputs`` and ``cwd`` lines for INPUTS, None when they cannot be fingerprinted (stdin)."""
    seeds = keys.seeds()
    if seeds is None:
        return None  # outside any project: no exports/ of a project to keep a fingerprint in
    if not names:
        names = [str(seeds)]
    normalised: list[str] = []
    outside = False
    for name in names:
        if name == STDIN:
            return None
        path = Path(name)
        key = keys.key(path) + ("/" if path.is_dir() else "")
        normalised.append(key)
        if seeds is None or not (key == "seeds/" or key.startswith("seeds/")):
            outside = True  # shown in documents as given: the working directory matters
    cwd = [f"cwd {keys.key(Path.cwd())}"] if outside else []
    return [f"inputs {' '.join(_quote(k) for k in normalised)}"], cwd


def _quote(key: str) -> str:
    return key.replace("\\", "\\\\").replace(" ", "\\s").replace("\n", "\\n")


def _scan(names: Sequence[str], keys: _Keys) -> list[tuple[str, str]]:
    """(key, sha256) of every file a check of INPUTS looks at, in the walk's order."""
    if not names:
        seeds = keys.seeds()
        names = [str(seeds)] if seeds is not None else []
    found: list[tuple[str, str]] = []
    for name in names:
        path = Path(name)
        listed = walk.files(path, SCANNED_SUFFIXES) if path.is_dir() else [name]
        found += [(keys.key(Path(file)), _hash_file(Path(file))) for file in listed]
    return found


def _lines(kind: str, entries: Iterable[tuple[str, str]]) -> list[str]:
    return [f"{kind} {digest}  {_quote(key)}" for key, digest in entries]


def contexts(first_notes: str | None, documents: bool, keys: _Keys | None = None) -> list[tuple[str, str]]:
    """(key, sha256 or ``absent``) of every place the registry and baseline rules look, up to the file used.

    The rules (``api.registry_path``, ``checks.validate``): the file beside the first notes file,
    else the one in the project's ``seeds/``, else (the registry) the bundled one.
    """
    keys = keys or _Keys()
    places: list[Path] = []
    if first_notes is not None and first_notes != STDIN:
        places.append(Path(first_notes).parent)
    seeds = keys.seeds()
    if seeds is not None:
        places.append(seeds)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, bundled in ((PEOPLE_NAME, True), (BASELINE_NAME, False)):
        for place in places:
            key = keys.key(place / name)
            if key in seen:
                continue
            seen.add(key)
            digest = _hash_file(place / name)
            found.append((key, digest))
            if digest != ABSENT:
                break
        else:
            if bundled:
                found.append((BUNDLED_PEOPLE, _hash_file(people_path())))
    if documents:
        found += [(keys.key(path), _hash_file(path)) for path in sorted(schema_dir().glob("*.json"))]
    return found


def render(
    version: str,
    names: Sequence[str],
    verdict: Verdict,
    first_notes: str | None,
    documents: bool,
    outputs: Mapping[str, str],
    exclusive: Sequence[str] = (),
) -> bytes | None:
    """The fingerprint for an export of ``outputs`` (path relative to ``exports/`` -> sha256) from INPUTS ``names``.

    None when there can be none: standard input, outside any project (the bundled notes, or notes
    with no ``seeds/`` folder around), or an input inside ``exports/`` itself (its bytes are what is
    being written).
    """
    keys = _Keys()
    head = _inputs(names, keys)
    if head is None:
        return None
    inputs, cwd = head
    scanned = _scan(names, keys)
    if any(key == "exports" or key.startswith("exports/") for key, _ in scanned):
        return None
    lines = [
        f"version {version}",
        *inputs,
        *cwd,
        verdict.line(),
        *_lines("input", scanned),
        *_lines("context", contexts(first_notes, documents, keys)),
        *_lines("output", sorted(outputs.items())),
        *(f"exclusive {_quote(folder.rstrip('/'))}/" for folder in sorted(exclusive)),
    ]
    return (_HEADER + "\n".join(lines) + "\n").encode("utf-8")


def match(exports_dir: Path, names: Sequence[str], version: str) -> Match:
    """Whether ``exports_dir``'s fingerprint still holds for INPUTS ``names`` and this ``version``."""
    try:
        text = (exports_dir / NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Match(reason=f"no {NAME} in {exports_dir}")
    except (OSError, UnicodeDecodeError) as error:
        return Match(reason=f"{exports_dir / NAME}: cannot be read ({error})")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    keys = _Keys()
    head = _inputs(names, keys)
    if head is None:
        return Match(reason="standard input, or notes outside any project, have no fingerprint")
    inputs, cwd = head
    try:
        recorded = _Recorded(lines)
    except (ValueError, KeyError, IndexError):
        return Match(reason=f"{exports_dir / NAME}: not a fingerprint ovnnotes can read")
    if recorded.version != version:
        return Match(reason=f"written by ovnnotes {recorded.version}, this is {version}")
    if recorded.inputs != inputs + cwd:
        return Match(reason="exported from other INPUTS (or another working directory)")
    if recorded.entries["input"] != _scan(names, keys):
        return Match(reason="a notes file (or a file beside them) changed, appeared or went away")
    for key, digest in recorded.entries["context"]:
        if _hash_file(keys.path(key)) != digest:
            return Match(reason=f"{key} changed")
    for name, digest in recorded.entries["output"]:
        if _hash_file(exports_dir / name) != digest:
            return Match(reason=f"{name} in {exports_dir} changed")
    outputs = {name for name, _ in recorded.entries["output"]}
    for folder in recorded.exclusive:
        try:
            listed = {
                f"{folder}{entry.name}"
                for entry in os.scandir(exports_dir / folder)
                if entry.is_file() and not entry.name.startswith(".")
            }
        except OSError:
            listed = set()
        if listed - outputs:
            return Match(reason=f"{folder} in {exports_dir} has files no export writes")
    formats = sorted({_format_of(name) for name in outputs})
    return Match(verdict=recorded.verdict, formats=formats)


def _format_of(name: str) -> str:
    """The format an export file belongs to, by its name (``csv/x.csv`` -> csv, ``a.ics`` -> ical)."""
    if "/" in name:
        return name.split("/", 1)[0]
    suffix = name.rsplit(".", 1)[-1]
    return {"ics": "ical"}.get(suffix, suffix)


class _Recorded:
    """A fingerprint's lines, parsed (``ValueError``/``KeyError`` for anything else)."""

    def __init__(self, lines: list[str]) -> None:
        self.version = ""
        self.inputs: list[str] = []
        self.exclusive: list[str] = []
        self.entries: dict[str, list[tuple[str, str]]] = {"input": [], "context": [], "output": []}
        verdict: Verdict | None = None
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "version":
                self.version = rest
            elif kind in ("inputs", "cwd"):
                self.inputs.append(line)
            elif kind == "validated":
                verdict = Verdict.parse(line)
            elif kind in self.entries:
                digest, key = rest.split("  ", 1)
                self.entries[kind].append((_unquote(key), digest))
            elif kind == "exclusive":
                self.exclusive.append(_unquote(rest))
            else:
                raise ValueError(line)
        if verdict is None or not self.version:
            raise ValueError("incomplete")
        self.verdict = verdict


def _unquote(key: str) -> str:
    out, escaped = [], False
    for char in key:
        if escaped:
            out.append({"s": " ", "n": "\n"}.get(char, char))
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    return "".join(out)
