"""Tests for ovnnotes.report: whole-output checks of every format, filtering and exit codes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from ovnnotes.checks import rules
from ovnnotes.checks.report import (
    REPORTERS,
    exit_code,
    filter_diagnostics,
    render_github,
    render_text,
    summary,
)
from ovnnotes.model import Diagnostic, Severity

# Deliberately out of order: every reporter sorts by path, line, column, code.
DIAGS = [
    rules.diagnostic(
        "ONL205",
        "notes.txt",
        586,
        0,
        "Meeting of Tue Mar 19, 2024 is on a Tuesday.",
        "Check the date: did you mean Mon Mar 18, 2024?",
    ),
    rules.diagnostic("ONJ501", "doc.json", 2, 7, "Invalid JSON: expecting value."),
    rules.diagnostic("ONP104", "notes.txt", 10, 3, "empty bullet '•' was dropped", hint=""),
    rules.diagnostic("ONI001", "empty.txt", 0, 0, "no meeting headings found in the input"),
]


def test_text():
    assert render_text(DIAGS, files=3) == (
        "doc.json:2:7: error ONJ501 Invalid JSON: expecting value.\n"
        "  hint: Fix the JSON syntax at the given position.\n"
        "empty.txt: warning ONI001 no meeting headings found in the input\n"
        "  hint: Add a meeting heading such as `Dec 15, 2025 | OVN Community Meeting`.\n"
        "notes.txt:10:3: info ONP104 empty bullet '•' was dropped\n"
        "notes.txt:586: warning ONL205 Meeting of Tue Mar 19, 2024 is on a Tuesday.\n"
        "  hint: Check the date: did you mean Mon Mar 18, 2024?\n"
        "1 error, 2 warnings, 1 info in 3 files\n"
    )


def test_text_counts_files_from_paths_by_default():
    assert render_text(DIAGS).endswith("1 error, 2 warnings, 1 info in 3 files\n")
    assert render_text(DIAGS[:1]).endswith("0 errors, 1 warning, 0 info in 1 file\n")


def test_text_without_problems():
    assert render_text([], files=2) == "no problems in 2 files\n"
    assert render_text([], files=1) == "no problems in 1 file\n"
    assert render_text([]) == "no problems in 0 files\n"


def test_text_color():
    out = render_text(DIAGS[1:2], color=True, files=1)
    assert out == (
        "\x1b[1mdoc.json:2:7:\x1b[0m \x1b[1;31merror\x1b[0m \x1b[1mONJ501\x1b[0m Invalid JSON: expecting value.\n"
        "  \x1b[2mhint: Fix the JSON syntax at the given position.\x1b[0m\n"
        "\x1b[1m1 error, 0 warnings, 0 info in 1 file\x1b[0m\n"
    )
    assert "\x1b[" not in render_text(DIAGS, files=1)


def test_json():
    out = REPORTERS["json"](DIAGS[:2], files=2)
    assert (
        out
        == """\
{
  "diagnostics": [
    {
      "code": "ONJ501",
      "severity": "error",
      "path": "doc.json",
      "line": 2,
      "column": 7,
      "message": "Invalid JSON: expecting value.",
      "hint": "Fix the JSON syntax at the given position."
    },
    {
      "code": "ONL205",
      "severity": "warning",
      "path": "notes.txt",
      "line": 586,
      "column": 0,
      "message": "Meeting of Tue Mar 19, 2024 is on a Tuesday.",
      "hint": "Check the date: did you mean Mon Mar 18, 2024?"
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 1,
    "info": 0,
    "files": 2
  }
}
"""
    )
    assert REPORTERS["json"]([], files=1) == (
        '{\n  "diagnostics": [],\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "info": 0,\n'
        '    "files": 1\n  }\n}\n'
    )


def test_json_round_trips_into_diagnostics():
    data = json.loads(REPORTERS["json"](DIAGS, color=True))
    assert TypeAdapter(list[Diagnostic]).validate_python(data["diagnostics"]) == sorted(
        DIAGS, key=lambda d: (d.path, d.line, d.column, d.code)
    )
    assert data["summary"] == {"errors": 1, "warnings": 2, "info": 1, "files": 3}


def test_github():
    assert REPORTERS["github"](DIAGS) == (
        "::error file=doc.json,line=2,col=7,title=ONJ501::Invalid JSON: expecting value.%0A"
        "Fix the JSON syntax at the given position.\n"
        "::warning file=empty.txt,title=ONI001::no meeting headings found in the input%0A"
        "Add a meeting heading such as `Dec 15, 2025 | OVN Community Meeting`.\n"
        "::notice file=notes.txt,line=10,col=3,title=ONP104::empty bullet '•' was dropped\n"
        "::warning file=notes.txt,line=586,title=ONL205::Meeting of Tue Mar 19, 2024 is on a Tuesday.%0A"
        "Check the date: did you mean Mon Mar 18, 2024?\n"
    )
    assert REPORTERS["github"]([]) == ""


def test_github_escaping():
    d = Diagnostic(
        code="ONP103",
        severity=Severity.WARNING,
        path="C:\\notes, 100%.txt",
        line=3,
        column=1,
        message="50% done,\r\nnext: line",
        hint="a:b, c%",
    )
    assert render_github([d]) == (
        "::warning file=C%3A\\notes%2C 100%25.txt,line=3,col=1,title=ONP103::"
        "50% done,%0D%0Anext: line%0Aa:b, c%25\n".replace("50% done", "50%25 done")
    )


def test_summary():
    assert summary(DIAGS) == {"errors": 1, "warnings": 2, "info": 1, "files": 3}
    assert summary([], 4) == {"errors": 0, "warnings": 0, "info": 0, "files": 4}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (set(), set(), ["ONL205", "ONJ501", "ONP104", "ONI001"]),
        ({"ONL"}, set(), ["ONL205"]),
        ({"onl2"}, set(), ["ONL205"]),
        ({"ONL205", "ONJ"}, set(), ["ONL205", "ONJ501"]),
        (set(), {"ONP", "ONI001"}, ["ONL205", "ONJ501"]),
        ({"ON"}, {"ONL"}, ["ONJ501", "ONP104", "ONI001"]),
        ({"ONL205"}, {"ONL"}, ["ONL205"]),  # the more specific selector wins
        ({"ONL"}, {"ONL205"}, []),
        ({"ONL205"}, {"ONL205"}, []),  # ignore wins a tie
        ({"ONX"}, set(), []),
        ({" ", ""}, {""}, ["ONL205", "ONJ501", "ONP104", "ONI001"]),  # blank selectors are dropped
    ],
)
def test_filter(select, ignore, expected):
    assert [d.code for d in filter_diagnostics(DIAGS, select, ignore)] == expected


def test_exit_code():
    errors, warnings, infos = DIAGS[1:2], DIAGS[0:1] + DIAGS[3:4], DIAGS[2:3]
    assert exit_code([]) == 0 and exit_code([], strict=True) == 0
    assert exit_code(errors) == 1 and exit_code(errors, strict=True) == 1
    assert exit_code(warnings) == 0 and exit_code(warnings, strict=True) == 1
    assert exit_code(infos) == 0 and exit_code(infos, strict=True) == 0


def test_registry():
    assert sorted(REPORTERS) == ["github", "json", "text"]


_DIAGNOSTIC = st.builds(
    Diagnostic,
    code=st.sampled_from(sorted(rules.RULES)),
    severity=st.sampled_from(list(Severity)),
    path=st.text(max_size=20),
    line=st.integers(0, 10_000),
    column=st.integers(0, 500),
    message=st.text(max_size=40),
    hint=st.text(max_size=40),
)


@settings(deadline=None)
@given(st.lists(_DIAGNOSTIC, max_size=6), st.booleans())
def test_every_reporter_is_deterministic_and_order_independent(diagnostics, color):
    for name, reporter in REPORTERS.items():
        out = reporter(diagnostics, color=color, files=7)
        assert out == reporter(list(reversed(diagnostics)), color=color, files=7)
        if name == "github":
            assert out.count("\n") == len(diagnostics)  # one command per line: newlines are escaped
            assert all(line.startswith("::") for line in out.split("\n")[:-1])
        if name == "json":
            assert json.loads(out)["summary"]["files"] == 7
