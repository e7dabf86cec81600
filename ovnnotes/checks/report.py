"""Render diagnostics for people (``text``), programs (``json``) and GitHub Actions (``github``).

Every reporter is ``(diagnostics, *, color=False, files=None) -> str``, pure and deterministic:
diagnostics are sorted by (path, line, column, code, message) whatever order they come in.
``files`` is the number of files checked (for the summary); when not given, the number of
distinct paths among the diagnostics. ``REPORTERS`` maps format names to reporters.

Positions: line 0 means the whole file and column 0 the whole line, so the text format writes
`path:line:col:` and leaves out a zero part (`path:` or `path:line:`), and the github format
leaves out the `line`/`col` properties likewise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from ..model import Diagnostic, Severity, as_json

__all__ = [
    "REPORTERS",
    "Reporter",
    "render_text",
    "render_json",
    "render_github",
    "summary",
    "sort_diagnostics",
    "filter_diagnostics",
    "is_selected",
    "at_least",
    "exit_code",
]


class Reporter(Protocol):
    def __call__(
        self,
        diagnostics: Sequence[Diagnostic],
        *,
        color: bool = False,
        files: int | None = None,
        not_shown: Mapping[str, int] | None = None,
    ) -> str: ...


_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in report order: path, line, column, code, message (then severity and hint)."""
    return sorted(
        diagnostics,
        key=lambda d: (d.path, d.line, d.column, d.code, d.message, Severity(d.severity).value, d.hint),
    )


def summary(diagnostics: Sequence[Diagnostic], files: int | None = None) -> dict[str, int]:
    """`{"errors": n, "warnings": n, "info": n, "files": n}`."""
    count = dict.fromkeys(Severity, 0)
    for d in diagnostics:
        count[Severity(d.severity)] += 1
    return {
        "errors": count[Severity.ERROR],
        "warnings": count[Severity.WARNING],
        "info": count[Severity.INFO],
        "files": len({d.path for d in diagnostics}) if files is None else files,
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _location(d: Diagnostic) -> str:
    if d.line <= 0:
        return d.path
    if d.column <= 0:
        return f"{d.path}:{d.line}"
    return f"{d.path}:{d.line}:{d.column}"


def render_text(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool = False,
    files: int | None = None,
    not_shown: Mapping[str, int] | None = None,
) -> str:
    """`path:line:col: severity CODE message`, an indented `hint:` line, and a summary line."""
    out: list[str] = []
    for d in sort_diagnostics(diagnostics):
        severity = Severity(d.severity)
        if color:
            out.append(
                f"{_BOLD}{_location(d)}:{_RESET} {_COLORS[severity]}{severity.value}{_RESET} "
                f"{_BOLD}{d.code}{_RESET} {d.message}"
            )
            if d.hint:
                out.append(f"  {_DIM}hint: {d.hint}{_RESET}")
        else:
            out.append(f"{_location(d)}: {severity.value} {d.code} {d.message}")
            if d.hint:
                out.append(f"  hint: {d.hint}")
    counts = summary(diagnostics, files)
    where = _plural(counts["files"], "file")
    if diagnostics:
        line = (
            f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}, "
            f"{counts['info']} info in {where}"
        )
    else:
        line = f"no problems in {where}"
    out.append(f"{_BOLD}{line}{_RESET}" if color else line)
    return "\n".join(out) + "\n"


def render_json(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool = False,
    files: int | None = None,
    not_shown: Mapping[str, int] | None = None,
) -> str:
    """`{"diagnostics": [...], "summary": {...}}`, indented by 2, with a trailing newline (``color`` is ignored).

    ``not_shown`` (findings left out of the report, by reason: `accepted`, `registry`,
    `below_severity`) is added to the summary as `not_shown` when any count is non-zero.
    """
    counts: dict[str, object] = dict(summary(diagnostics, files))
    hidden = {reason: count for reason, count in (not_shown or {}).items() if count}
    if hidden:
        counts["not_shown"] = hidden
    payload = {
        "diagnostics": as_json(sort_diagnostics(diagnostics)),
        "summary": counts,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool = False,
    files: int | None = None,
    not_shown: Mapping[str, int] | None = None,
) -> str:
    """GitHub Actions workflow commands, one per line: `::error file=F,line=L,col=C,title=CODE::message%0Ahint`.

    Severities map to `error`, `warning` and `notice`; ``color``, ``files`` and ``not_shown`` are ignored.
    """
    out: list[str] = []
    for d in sort_diagnostics(diagnostics):
        properties = [f"file={_escape_property(d.path)}"]
        if d.line > 0:
            properties.append(f"line={d.line}")
            if d.column > 0:
                properties.append(f"col={d.column}")
        properties.append(f"title={_escape_property(d.code)}")
        message = d.message + ("\n" + d.hint if d.hint else "")
        out.append(f"::{_GITHUB[Severity(d.severity)]} {','.join(properties)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)


REPORTERS: dict[str, Reporter] = {"text": render_text, "json": render_json, "github": render_github}
"""Output formats by name (the CLI's `--format` choices)."""


def _normalise(selectors: Iterable[str]) -> list[str]:
    return [s.strip().upper() for s in selectors if isinstance(s, str) and s.strip()]


def _match(code: str, selectors: list[str]) -> int:
    """Length of the longest selector that is a prefix of ``code`` (-1 when none is)."""
    return max((len(s) for s in selectors if code.upper().startswith(s)), default=-1)


def filter_diagnostics(
    diagnostics: Iterable[Diagnostic], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """Keep the diagnostics whose code is selected and not ignored; codes or prefixes (`ONL2`, `ONL`).

    An empty ``select`` selects everything. When a code matches both, the longer (more specific)
    selector wins, and ``ignore`` wins a tie: `select={"ONL205"}, ignore={"ONL"}` keeps ONL205.
    Case does not matter, blank selectors are dropped, order is kept.
    """
    return [d for d in diagnostics if is_selected(d.code, select, ignore)]


def is_selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Whether ``filter_diagnostics`` keeps a diagnostic with this code."""
    selected, ignored = _normalise(select), _normalise(ignore)
    chosen = _match(code, selected) if selected else 0
    return chosen >= 0 and _match(code, ignored) < chosen


def at_least(diagnostics: Iterable[Diagnostic], severity: Severity | str) -> list[Diagnostic]:
    """The diagnostics of ``severity`` or worse (`info` < `warning` < `error`)."""
    floor = SEVERITY_ORDER.index(Severity(severity))
    return [d for d in diagnostics if SEVERITY_ORDER.index(Severity(d.severity)) >= floor]


SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)


def exit_code(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    """1 when there is an error (or, with ``strict``, a warning), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(Severity(d.severity) in failing for d in diagnostics) else 0
