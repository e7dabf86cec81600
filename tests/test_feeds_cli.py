"""The README's calendar feed and template commands, through the CLI (whole outputs)."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from ovnnotes.cli import cli


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_meetings_only_feed(tmp_path: Path) -> None:
    target = tmp_path / "meetings.ics"
    assert invoke("export", "--no-milestones", "--no-todos", "-o", str(target)) == (0, f"wrote {target}\n")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert (len(calendar.walk("VEVENT")), len(calendar.walk("VTODO"))) == (21, 0)


def test_per_owner_feed(tmp_path: Path) -> None:
    target = tmp_path / "dceara.ics"
    assert invoke("export", "--owner", "dceara", "-o", str(target)) == (0, f"wrote {target}\n")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["x-wr-calname"]) == "OVN Community Meetings (Dumitru Ceara)"
    todos = calendar.walk("VTODO")
    assert todos and all("Dumitru Ceara" in str(todo["description"]).split("\n")[0] for todo in todos)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export", "--owner", "nobody"),
            "--owner 'nobody': nobody by that id, name or alias in the people registry",
        ),
        (
            ("export", "--format", "csv", "--no-todos"),
            "--no-milestones, --no-todos and --owner are iCal options; they go with --format ical; try 'ovnnotes export --help'",
        ),
    ],
)
def test_feed_usage_errors(args: tuple[str, ...], message: str) -> None:
    assert invoke(*args) == (2, f"ovnnotes: error: {message}\n")


def test_new_template_passes_fmt_check(tmp_path: Path) -> None:
    status, template = invoke("new", "--date", "2026-01-12")
    assert status == 0
    (tmp_path / "next.md").write_text(template)
    assert invoke("fmt", "--check", str(tmp_path / "next.md")) == (0, "")


def test_new_template_is_canonical_through_stdin() -> None:
    """`ovnnotes new | ovnnotes fmt --check --stdin-filename x.md -` passes."""
    status, template = invoke("new", "--date", "2026-01-12")
    result = CliRunner().invoke(cli, ["fmt", "--check", "--stdin-filename", "x.md", "-"], input=template)
    assert (status, result.exit_code, result.output) == (0, 0, "")


def test_fmt_write_refuses_standard_input() -> None:
    result = CliRunner().invoke(
        cli,
        ["fmt", "--write", "--stdin-filename", "x.md", "-"],
        input="## Dec 1, 2025 | OVN Community Meeting\n",
    )
    assert (result.exit_code, result.output) == (
        2,
        "ovnnotes: error: --write cannot rewrite standard input; use --check, or name the file; try 'ovnnotes fmt --help'\n",
    )
