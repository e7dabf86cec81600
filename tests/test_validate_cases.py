"""`ovnnotes validate` on a corpus of broken notes and documents: one case per rule.

Each folder under ``cases/validate/`` holds the input (notes, a people registry, a JSON document)
and ``expected.toml`` with the rule ``code`` and ``line`` the case must produce (and ``args``, and
``inputs``: files of the case to name instead of the folder, when walking it would skip them).
Every case is checked in all three output formats, and the exit code follows the rule's severity.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes.checks.rules import RULES
from ovnnotes.cli import cli

CASES = Path(__file__).resolve().parent / "cases" / "validate"
CASE_DIRS = sorted(path for path in CASES.iterdir() if path.is_dir())


def run(case: Path, *extra: str) -> tuple[int, str]:
    expected = tomllib.loads((case / "expected.toml").read_text())
    inputs = [str(case / name) for name in expected.get("inputs", [])] or [str(case)]
    result = CliRunner().invoke(
        cli, ["validate", "--no-baseline", *expected.get("args", []), *extra, *inputs]
    )
    return result.exit_code, result.output


def test_corpus_covers_every_rule_family() -> None:
    codes = {tomllib.loads((case / "expected.toml").read_text())["code"] for case in CASE_DIRS}
    assert len(CASE_DIRS) >= 15
    assert {code[:3] for code in codes} == {"ONI", "ONP", "ONL", "ONR", "ONS", "ONJ", "ONM"}


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda path: path.name)
def test_case_in_every_format(case: Path) -> None:
    expected = tomllib.loads((case / "expected.toml").read_text())
    code, line = expected["code"], expected["line"]

    status, output = run(case, "--format", "json")
    report = json.loads(output)
    found = [d for d in report["diagnostics"] if d["code"] == code and d["line"] == line]
    assert found, f"{code} at line {line} not in {[(d['code'], d['line']) for d in report['diagnostics']]}"
    assert found[0]["path"].startswith(str(case))
    assert status == (1 if report["summary"]["errors"] else 0)

    _, text = run(case)
    location = f":{line}:" if line else f"{found[0]['path']}: "
    assert any(code in row and location in row for row in text.splitlines()), text

    _, github = run(case, "--format", "github")
    kind = {"error": "error", "warning": "warning", "info": "notice"}[found[0]["severity"]]
    assert any(
        row.startswith(f"::{kind} ") and f"title={code}" in row and (f"line={line}," in row or not line)
        for row in github.splitlines()
    ), github

    strict_status, _ = run(case, "--strict")
    severity = RULES[code].severity.value
    if severity in ("error", "warning"):
        assert strict_status == 1
    if severity == "error":
        assert status == 1


def test_every_rule_is_emitted_by_a_committed_case() -> None:
    """Every published rule has a case here (``test_case_in_every_format`` proves each is emitted).

    A new rule needs a new folder under ``cases/validate/``; nothing else in this file changes.
    """
    covered = {tomllib.loads((case / "expected.toml").read_text())["code"] for case in CASE_DIRS}
    assert sorted(set(RULES) - covered) == [], "add a case folder for each of these rules"
