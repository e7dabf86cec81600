"""``ovnnotes check`` and the fingerprint of exports/ (``files.fingerprint``).

A copy of the project (its ``seeds/``) is exported in a temporary folder; then each kind of change
the fingerprint must see is made, and ``check`` must neither answer from the fingerprint nor pass.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes import __version__, api
from ovnnotes.checks.validate import ParsedNotes, ValidateOptions, run_validation
from ovnnotes.cli import cli
from ovnnotes.files import fingerprint
from ovnnotes.files.inputs import gather
from ovnnotes.model import Diagnostic, Severity

ROOT = Path(__file__).resolve().parent.parent
MAIN = "import sys, ovnnotes; ovnnotes.__version__ = sys.argv.pop(1); from ovnnotes.cli import main; main()"
SUCCESS = "no problems in 1 file\nexports up to date (csv, ical, json, jsonl)\n"


def _ovnnotes(project: Path, *args: str, version: str = __version__) -> subprocess.CompletedProcess[str]:
    """The console entry point (``main``: its fast path included) run in ``project``."""
    return subprocess.run(
        [sys.executable, "-c", MAIN, version, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("exported")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    done = _ovnnotes(project, "export", "--format", "all")
    assert done.returncode == 0, done.stderr
    return project


SMALL_NOTES = (
    "Dec 15, 2025 | OVN Community Meeting\n\nAttendees: Dumitru Ceara, Nobody Known\n\n"
    "- (dceara) 26.03 soft freeze is Jan 23, 2026\n - Mark will review the EVPN series\n"
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project as small as can show every change the fingerprint must see: one notes file, the
    registry, a baseline accepting its one warning (an unknown attendee), and its exports. (The
    project's own notes are the subject of ``test_fingerprint_matches_the_committed_one``; here
    each check runs in full at least once, and small notes keep that quick.)"""
    project = tmp_path_factory.mktemp("small")
    seeds = project / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "people.toml", seeds / "people.toml")
    (seeds / "ovn-community-meetings.txt").write_text(SMALL_NOTES, encoding="utf-8")
    baseline = _ovnnotes(project, "validate", "--write-baseline", "seeds/validate-baseline.toml")
    assert "ONL202" in (seeds / "validate-baseline.toml").read_text(encoding="utf-8"), baseline.stderr
    done = _ovnnotes(project, "export", "--format", "all")
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture
def project(small: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(small, copy)
    return copy


def _check(project: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check", "-v", *args])
    return result.exit_code, result.stdout, result.stderr


def test_fingerprint_matches_the_committed_one(exported: Path) -> None:
    """Same notes, same ovnnotes: the same bytes, wherever the project is (no timestamps, relative paths)."""
    written = (exported / "exports" / fingerprint.NAME).read_bytes()
    assert written == (ROOT / "exports" / fingerprint.NAME).read_bytes()
    assert _ovnnotes(exported, "export", "--format", "all").returncode == 0
    assert (exported / "exports" / fingerprint.NAME).read_bytes() == written


def test_unchanged_answers_from_the_fingerprint(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _check(project, monkeypatch=monkeypatch)
    assert (code, out) == (0, SUCCESS)
    assert "fingerprint: matches" in err
    fast = _ovnnotes(project, "check")
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, SUCCESS, "")
    assert (_ovnnotes(project, "check", "seeds/").stdout, _ovnnotes(project / "seeds", "check").stdout) == (
        SUCCESS,
        SUCCESS,
    )


def test_full_gives_the_same_answer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _check(project, "--full", monkeypatch=monkeypatch)
    assert (code, out) == (0, SUCCESS)
    assert "fingerprint: not read (--full)" in err


def _edit_export(name: str):
    def edit(project: Path) -> None:
        path = project / "exports" / name
        path.write_bytes(path.read_bytes().replace(b"OVN", b"OVS", 1))

    return edit


def _append(relative: str, text: str):
    def edit(project: Path) -> None:
        with open(project / relative, "a", encoding="utf-8") as stream:
            stream.write(text)

    return edit


def _new_notes(project: Path) -> None:
    (project / "seeds" / "new.md").write_text(
        "## Dec 22, 2025 | OVN Community Meeting\n\n- (dceara) a new meeting\n", encoding="utf-8"
    )


def _extra_csv(project: Path) -> None:
    (project / "exports" / "csv" / "old_table.csv").write_text("id\n1\n", encoding="utf-8")


def _drop_baseline_entry(project: Path) -> None:
    """Remove the baseline's entries: the findings they accepted (warnings among them) come back."""
    (project / "seeds" / "validate-baseline.toml").write_text("", encoding="utf-8")


CHANGES = {
    "ics edited": _edit_export("ovn-community-meetings.ics"),
    "json edited": _edit_export("ovnnotes.json"),
    "jsonl edited": _edit_export("ovnnotes.jsonl"),
    "csv edited": _edit_export("csv/meetings.csv"),
    "datapackage edited": _edit_export("csv/datapackage.json"),
    "csv added": _extra_csv,
    "notes edited": _append("seeds/ovn-community-meetings.txt", "- (dceara) one more line\n"),
    "notes added": _new_notes,
    "registry edited": _append("seeds/people.toml", '\n[[person]]\nid = "new-person"\nname = "New Person"\n'),
    "baseline edited": _drop_baseline_entry,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_makes_the_check_run_in_full_and_fail(
    project: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    CHANGES[change](project)
    code, out, err = _check(project, monkeypatch=monkeypatch)
    assert "fingerprint: matches" not in err
    assert "running the full checks" in err
    assert code == 1, (out, err)
    fast = _ovnnotes(project, "check")
    assert fast.returncode == 1 and fast.stdout != SUCCESS


def test_another_ovnnotes_version_runs_in_full(project: Path) -> None:
    done = _ovnnotes(project, "check", "-v", version="99.0.0")
    assert f"fingerprint: written by ovnnotes {__version__}, this is 99.0.0" in done.stderr
    assert done.returncode == 1  # the JSON export names the generator's version: stale
    assert "exports/ovnnotes.json: out of date" in done.stderr


def test_deleted_fingerprint_runs_in_full_and_passes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "exports" / fingerprint.NAME).unlink()
    code, out, err = _check(project, monkeypatch=monkeypatch)
    assert (code, out) == (0, SUCCESS)
    assert "fingerprint: no ovnnotes.fingerprint in exports; running the full checks" in err
    assert "ovnnotes: exports/ovnnotes.fingerprint is missing, so `ovnnotes check` runs in full" in err


def test_hand_edited_fingerprint_cannot_make_stale_exports_pass(project: Path) -> None:
    """A fingerprint edited to match an edited export: the verdict still needs every other file as recorded."""
    _edit_export("ovnnotes.jsonl")(project)
    path = project / "exports" / fingerprint.NAME
    path.write_text(path.read_text(encoding="utf-8").replace("version ", "version x", 1), encoding="utf-8")
    assert _ovnnotes(project, "check").returncode == 1


def test_future_meeting_is_checked_against_today(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint keeps no date of its own: a meeting after --today is ONL206, a warning, in full."""
    code, out, err = _check(project, "--today", "2025-12-01", monkeypatch=monkeypatch)
    assert code == 1
    assert "warning ONL206" in out
    assert "fingerprint: matches, but the notes have findings to show" in err


def test_export_with_options_writes_no_fingerprint_over_the_default(project: Path) -> None:
    before = (project / "exports" / fingerprint.NAME).read_bytes()
    done = _ovnnotes(project, "export", "--format", "ical", "--start-time", "15:00")
    assert done.returncode == 0
    assert (project / "exports" / fingerprint.NAME).read_bytes() == before
    assert _ovnnotes(project, "check").returncode == 1  # the calendar is no longer the default one


def test_unchanged_files_are_not_rewritten(project: Path) -> None:
    exports = project / "exports"
    before = {path: path.stat().st_mtime_ns for path in exports.rglob("*") if path.is_file()}
    assert _ovnnotes(project, "export", "--format", "all").returncode == 0
    assert {path: path.stat().st_mtime_ns for path in exports.rglob("*") if path.is_file()} == before


AS_VALIDATE = {"encoding_errors": "strict", "facts": api.KINDS, "registry_problems": True}
"""How ``validate`` parses: a document parsed otherwise is not reused."""


def test_the_fingerprint_validates_the_exported_document_only_if_it_is_of_the_notes_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export --format all` hands its document to the fingerprint's validation (no second parse):
    used only when that validation reads the very notes and registry the document was parsed from."""
    monkeypatch.chdir(project)
    options = ValidateOptions(today=None)
    gathered = gather([])
    choice = api.choose_registry(api.input_names(gathered, None))
    document = api.parse_gathered(gathered, choice.registry, choice.diagnostics)
    fresh = run_validation([], options)
    assert fresh.accepted  # the unknown attendee, in the baseline
    reused = run_validation([], options, ParsedNotes.of(document, gathered, choice, **AS_VALIDATE))
    assert (reused.diagnostics, reused.accepted) == (fresh.diagnostics, fresh.accepted)

    path = gathered.notes[0].path
    marker = Diagnostic(
        code="ONP104", severity=Severity.WARNING, path=path, line=1, column=1, message="marker"
    )
    marked = document.model_copy(update={"diagnostics": [*document.diagnostics, marker]})
    assert (
        marker
        in run_validation([], options, ParsedNotes.of(marked, gathered, choice, **AS_VALIDATE)).diagnostics
    )
    for other in ({"facts": {"milestones"}}, {"registry_problems": False}, {"encoding_errors": "replace"}):
        parsed_otherwise = ParsedNotes.of(marked, gathered, choice, **{**AS_VALIDATE, **other})  # type: ignore[arg-type]
        assert run_validation([], options, parsed_otherwise).diagnostics == fresh.diagnostics, other

    _append("seeds/ovn-community-meetings.txt", "- (nobodyknown) a new point\n")(project)
    edited = run_validation([], options)
    assert edited.diagnostics != fresh.diagnostics
    assert (
        run_validation([], options, ParsedNotes.of(marked, gathered, choice, **AS_VALIDATE)).diagnostics
        == edited.diagnostics
    )
