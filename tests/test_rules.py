"""`ovnnotes rules [CODE]`: every rule explained, with an example that really triggers it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes.checks.rules import EXAMPLES, RULES, explain, prefixes, unknown_selectors
from ovnnotes.cli import cli


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_an_example_that_triggers_it(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = EXAMPLES[code]
    (tmp_path / example.file).write_bytes(example.content())
    for name, text in example.also:
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    target = (
        "." if example.also else example.file
    )  # with files beside it, the folder (walked); else the file named
    result = CliRunner().invoke(
        cli, ["validate", "--no-baseline", "--format", "json", "--today", "2026-01-01", *example.args, target]
    )
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert code in codes, (code, codes)


def test_rules_code_prints_name_meaning_example_and_fix() -> None:
    result = CliRunner().invoke(cli, ["rules", "onp107"])
    assert (result.exit_code, result.stdout) == (
        0,
        (
            "ONP107 broken-url (warning)\n"
            "\n"
            "A URL seems to be broken by a space; it was kept up to the space.\n"
            "\n"
            "Example (notes.txt):\n"
            "    Dec 15, 2025 | OVN Community Meeting\n"
            "    Recording: https://drive.example/file/d/1UvW9 XR6h1/view\n"
            "    - (dceara) topic\n"
            "\n"
            "How to fix: Remove the space from the URL (exports often turn `_` into a space).\n"
        ),
    )
    assert result.stdout == explain("ONP107")


def test_rules_without_code_lists_every_rule() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and [line.split()[0] for line in lines] == list(RULES)
    assert lines[0] == "ONI001  warning  empty-input: The input has no meetings at all."


def test_unknown_rule_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["rules", "ONP199"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        (
            "ovnnotes: error: no rule ONP199 (did you mean ONP101, ONP102, ONP103, ONP104, ONP105?); "
            "`ovnnotes rules` lists them all; try 'ovnnotes rules --help'\n"
        ),
    )


def test_selectors() -> None:
    assert prefixes() == ["ONI", "ONP", "ONL", "ONR", "ONS", "ONJ", "ONM"]
    assert unknown_selectors(["ONL", "onl205", "ON", "O", " ", "XYZ", "ONL299", "ONL2050"]) == [
        "XYZ",
        "ONL299",
        "ONL2050",
    ]
