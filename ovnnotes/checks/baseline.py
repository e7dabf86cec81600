"""Accepted findings: a reviewed list of diagnostics that ``validate`` does not fail on.

Old notes carry damage nobody can repair without the original document (a URL whose ``_`` the
export turned into a space) and history that should stay as it was (a schema proposal with the
mistake that was discussed). A baseline file lists such findings, each with the reason it is
accepted, so that CI fails on anything *new* while the old findings stay visible in the file.

The file is TOML, ``validate-baseline.toml`` beside the notes (found like ``people.toml``)::

    [[accepted]]
    code = "ONP107"
    path = "seeds/ovn-community-meetings.txt"
    text = "Recording: https://drive.google.com/file/d/1UvW9czlg2kh4iMWlvEfQt1vDz8 XR6h1/view"
    why = "The export turned a character of the Drive id into a space; the original is lost."

An entry matches a diagnostic with the same code and path whose source line, stripped, equals
``text``: entries survive lines moving up or down, and stop matching when the line is edited.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import BaselineError
from ..model import Diagnostic

BASELINE_NAME = "validate-baseline.toml"


@dataclass(frozen=True)
class Accepted:
    code: str
    path: str
    text: str
    why: str


def parse_baseline(text: str, path: str) -> list[Accepted]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BaselineError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise BaselineError(f"{path}: invalid TOML: arrays or tables nested too deeply to read") from None
    entries = data.get("accepted", [])
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: `accepted` must be an array of tables ([[accepted]])")
    accepted = []
    for number, entry in enumerate(entries, start=1):
        fields = {
            key: entry.get(key) if isinstance(entry, dict) else None
            for key in ("code", "path", "text", "why")
        }
        missing = [key for key, value in fields.items() if not isinstance(value, str) or not value.strip()]
        if missing:
            raise BaselineError(f"{path}: entry {number} needs {', '.join(missing)} (non-empty strings)")
        accepted.append(Accepted(**{key: str(value).strip() for key, value in fields.items()}))
    return accepted


def split_accepted(
    diagnostics: Sequence[Diagnostic], accepted: Sequence[Accepted], lines: Mapping[str, Sequence[str]]
) -> tuple[list[Diagnostic], list[Diagnostic], list[Accepted]]:
    """(findings still reported, findings accepted, baseline entries that matched nothing)."""
    keys = {(entry.code, entry.path, entry.text): entry for entry in accepted}
    used: set[tuple[str, str, str]] = set()
    kept: list[Diagnostic] = []
    suppressed: list[Diagnostic] = []
    for diagnostic in diagnostics:
        source = lines.get(diagnostic.path, ())
        text = source[diagnostic.line - 1].strip() if 0 < diagnostic.line <= len(source) else ""
        key = (diagnostic.code, diagnostic.path, text)
        if key in keys:
            used.add(key)
            suppressed.append(diagnostic)
        else:
            kept.append(diagnostic)
    unused = [entry for key, entry in keys.items() if key not in used]
    return kept, suppressed, unused


def header(text: str) -> list[str]:
    """The comment lines a baseline file starts with (kept when the file is rewritten)."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


DEFAULT_HEADER = [
    "# Findings `ovnnotes validate` accepts in these notes; see ovnnotes/checks/baseline.py.",
    "# Keep a reason for every entry: an entry without a good one is a problem to fix instead.",
]
TODO = "TODO: say why this is accepted"


@dataclass(frozen=True)
class Written:
    """A baseline file to write and what is in it."""

    text: str
    entries: int
    """Entries written (each distinct code, file and line text once)."""
    reasons_kept: int
    """Entries for current findings whose reason came from the previous baseline."""
    new: int
    """Entries for current findings with no reason yet (`TODO`)."""
    untouched: int
    """Previous entries outside this run (other codes or files), copied unchanged."""


def render_baseline(
    diagnostics: Sequence[Diagnostic],
    lines: Mapping[str, Sequence[str]],
    previous: Sequence[Accepted] = (),
    untouched: Sequence[Accepted] = (),
    head: Sequence[str] = (),
) -> Written:
    """A baseline accepting ``diagnostics``, for ``validate --write-baseline``.

    A finding that a ``previous`` entry matches keeps that entry's reason; the others get `TODO`.
    ``untouched`` entries (about codes or files this run did not check) are copied as they are, so
    rewriting a baseline with ``--select`` or on some files loses nothing. ``head`` is the comment
    block to start with (the previous file's, else a default one).
    """
    reasons = {(entry.code, entry.path, entry.text): entry.why for entry in previous}
    out = list(head or DEFAULT_HEADER)
    seen: set[tuple[str, str, str]] = set()
    kept = new = 0
    for diagnostic in diagnostics:
        source = lines.get(diagnostic.path, ())
        if not 0 < diagnostic.line <= len(source):
            continue
        text = source[diagnostic.line - 1].strip()
        key = (diagnostic.code, diagnostic.path, text)
        if key in seen:
            continue
        seen.add(key)
        why = reasons.get(key)
        kept, new = (kept + 1, new) if why and why != TODO else (kept, new + 1)
        out += [
            "",
            "[[accepted]]",
            f"code = {_toml(diagnostic.code)}",
            f"path = {_toml(diagnostic.path)}",
            f"text = {_toml(text)}",
            f"# {diagnostic.message}",
            f"why = {_toml(why or TODO)}",
        ]
    copied = 0
    for entry in untouched:
        key = (entry.code, entry.path, entry.text)
        if key in seen:
            continue
        seen.add(key)
        copied += 1
        out += [
            "",
            "[[accepted]]",
            f"code = {_toml(entry.code)}",
            f"path = {_toml(entry.path)}",
            f"text = {_toml(entry.text)}",
            f"why = {_toml(entry.why)}",
        ]
    return Written(
        text="\n".join(out) + "\n", entries=len(seen), reasons_kept=kept, new=new, untouched=copied
    )


def _toml(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'
