"""The CLI through click's runner: whole outputs, exit codes, help for every command.

Expected outputs live in ``golden/cli/``; ``pytest --update-goldens`` rewrites them (read the diff).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes import __version__
from ovnnotes.cli import cli

HERE = Path(__file__).resolve().parent
SMALL = "tests/cases/cli/small.txt"
GOLDEN = HERE / "golden" / "cli"
ROOT = HERE.parent


@pytest.fixture(autouse=True)
def in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


GOLDEN_RUNS = {
    "validate-small": (["validate", SMALL], 0),
    "validate-seeds": (["validate", "--strict", "seeds/"], 0),
    "validate-seeds-json": (["validate", "--format", "json", "--select", "ONL", "seeds/"], 0),
    "actions-small": (["actions", SMALL], 0),
    "actions-owner-open": (["actions", "--owner", "mmichels", "--open", SMALL], 0),
    "milestones-seeds": (["milestones"], 0),
    "schemas-seeds": (["schemas"], 1),
    "ical-small": (["export", "--format", "ical", "-o", "-", SMALL], 0),
    "csv-to-stdout": (["export", "--format", "csv", "-o", "-", SMALL], 2),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_RUNS))
def test_whole_output(name: str, update_goldens: bool) -> None:
    args, expected_status = GOLDEN_RUNS[name]
    status, stdout, stderr = invoke(*args)
    actual = stdout + (f"--- stderr\n{stderr}" if stderr else "")
    path = GOLDEN / f"{name}.out"
    if update_goldens:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual)
    assert (status, actual) == (expected_status, path.read_text())


def test_version() -> None:
    assert invoke("--version") == (0, f"ovnnotes, version {__version__}\n", "")


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        status, stdout, _ = invoke(name, "--help")
        assert status == 0 and command.help and "Example:" in command.help, name
        assert stdout.startswith(f"Usage: cli {name}") or stdout.startswith(f"Usage: ovnnotes {name}")  # noqa: PIE810


def test_parse_prints_the_json_document() -> None:
    status, stdout, _ = invoke("parse", SMALL)
    document = json.loads(stdout)
    assert status == 0 and [m["id"] for m in document["meetings"]] == ["2025-12-15"]
    assert document["meetings"][0]["attendees"] == ["dumitru-ceara", "mark-michelson"]


def test_parse_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["parse", "-"], input=(ROOT / SMALL).read_text())
    assert result.exit_code == 0 and json.loads(result.stdout)["sources"][0]["path"] == "<stdin>"


def test_schema_prints_the_committed_schema() -> None:
    status, stdout, _ = invoke("schema")
    assert status == 0 and stdout == (ROOT / "schema" / "ovnnotes.v2.schema.json").read_text()


def test_export_writes_under_exports_and_check_detects_staleness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text((ROOT / SMALL).read_text())
    monkeypatch.chdir(tmp_path)
    assert invoke("export", "--format", "ical", "notes.txt") == (
        0,
        "wrote exports/ovn-community-meetings.ics\n",
        "",
    )
    first = (tmp_path / "exports" / "ovn-community-meetings.ics").read_bytes()
    invoke("export", "--format", "ical", "notes.txt")
    assert (tmp_path / "exports" / "ovn-community-meetings.ics").read_bytes() == first
    assert invoke("export", "--check", "--format", "ical", "notes.txt") == (
        0,
        "exports up to date (ical)\n",
        "",
    )
    notes.write_text(notes.read_text().replace("Jan 23", "Jan 30"))
    assert invoke("export", "--check", "--format", "ical", "notes.txt") == (
        1,
        "",
        "exports not up to date (run `ovnnotes export --format all` to update them):\n  exports/ovn-community-meetings.ics: out of date\n",
    )


def test_export_all_then_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text((ROOT / SMALL).read_text())
    monkeypatch.chdir(tmp_path)
    status, stdout, _ = invoke("export", "--format", "all", "notes.txt")
    assert status == 0 and "wrote exports/csv/datapackage.json" in stdout.splitlines()
    assert invoke("export", "--check", "notes.txt") == (
        0,
        "exports up to date (csv, ical, json, jsonl)\n",
        "",
    )


def test_committed_exports_are_up_to_date() -> None:
    assert invoke("export", "--check") == (0, "exports up to date (csv, ical, json, jsonl)\n", "")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["parse", "nope.txt"], 2, "ovnnotes: error: nope.txt: no such file\n"),
        (
            ["export", "--start-time", "25:99", SMALL],
            2,
            "ovnnotes: error: --start-time '25:99': give a time as HH:MM, e.g. 15:00\n",
        ),
        (
            ["export", "--start-time", "15:00", "--timezone", "Mars/Olympus", SMALL],
            2,
            "ovnnotes: error: --timezone 'Mars/Olympus': not a known IANA time zone (e.g. Europe/Brussels, America/New_York, UTC)\n",
        ),
        (
            ["actions", "--owner", "zorglub", SMALL],
            2,
            "ovnnotes: error: --owner 'zorglub': nobody by that id, name or alias in the people registry\n",
        ),
    ],
)
def test_user_errors(args: list[str], status: int, message: str) -> None:
    assert invoke(*args) == (status, "", message)
