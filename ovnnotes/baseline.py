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

from .model import Diagnostic

BASELINE_NAME = "validate-baseline.toml"


@dataclass(frozen=True)
class Accepted:
    code: str
    path: str
    text: str
    why: str


class BaselineError(ValueError):
    """The baseline file cannot be used (bad TOML or a malformed entry)."""


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
        fields = {key: entry.get(key) if isinstance(entry, dict) else None for key in ("code", "path", "text", "why")}
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


def render_entries(diagnostics: Sequence[Diagnostic], lines: Mapping[str, Sequence[str]], why: str = "TODO: say why this is accepted") -> str:
    """A baseline file accepting ``diagnostics`` (for ``validate --write-baseline``)."""
    out = [
        "# Findings `ovnnotes validate` accepts in these notes; see ovnnotes/baseline.py.",
        "# Keep a reason for every entry: an entry without a good one is a problem to fix instead.",
    ]
    seen = set()
    for diagnostic in diagnostics:
        source = lines.get(diagnostic.path, ())
        if not 0 < diagnostic.line <= len(source):
            continue
        text = source[diagnostic.line - 1].strip()
        if (diagnostic.code, diagnostic.path, text) in seen:
            continue
        seen.add((diagnostic.code, diagnostic.path, text))
        out += ["", "[[accepted]]", f"code = {_toml(diagnostic.code)}", f"path = {_toml(diagnostic.path)}", f"text = {_toml(text)}",
                f"# {diagnostic.message}", f"why = {_toml(why)}"]
    return "\n".join(out) + "\n"


def _toml(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'
