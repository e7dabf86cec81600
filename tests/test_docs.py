"""Generated parts of the docs stay in sync with the code."""

from __future__ import annotations

from pathlib import Path

from ovnnotes.checks.rules import RULES, with_readme_table

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == with_readme_table(readme), "run: python -m ovnnotes.checks.rules"


def test_every_rule_is_documented_with_a_hint() -> None:
    assert all(rule.hint and rule.summary for rule in RULES.values())


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"```sh\n{command}\n```" in readme
