"""``ovnnotes releases [VERSION]``: whole outputs through click's runner.

``golden/cli/releases-seeds.out`` is the text of every release of the bundled notes;
``pytest --update-goldens`` rewrites it (read the diff: ``tests/test_releases_golden.py`` holds the
hand-checked expectations it must agree with).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes.cli import cli
from ovnnotes.model import Document, as_json

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "golden" / "cli" / "releases-seeds.out"


@pytest.fixture(autouse=True)
def in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_release_of_the_bundled_notes(update_goldens: bool) -> None:
    status, stdout, stderr = invoke("releases")
    if update_goldens:
        GOLDEN.write_text(stdout)
    assert (status, stdout, stderr) == (0, GOLDEN.read_text(), "")


def test_one_release_a_moved_date_and_statuses(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("""Dec 15, 2025 | OVN Community Meeting
- (dceara) OVN 26.03 soft freeze moved to Jan 30
- (numans) OVN 26.03 development
 - Network Function Insertion (slipped from 25.09.0)
 - Distributed load balancers (Alexandra)

Dec 1, 2025 | OVN Community Meeting
- (numans) OVN 26.03 soft freeze is scheduled for Jan 23
""")
    assert invoke("releases", "26.03", str(notes)) == (
        0,
        (
            "OVN 26.03\n"
            "  soft freeze  2026-01-30 (moved from 2026-01-23)  said 2025-12-01, 2025-12-15\n"
            "  features (2):\n"
            f"    [planned] Network Function Insertion (slipped from 25.09)  raised by Numan Siddique  {notes}:4\n"
            f"    [planned] Distributed load balancers  raised by Numan Siddique, with Alexandra  {notes}:5\n"
            "  discussed: 2025-12-01, 2025-12-15\n"
        ),
        "",
    )
    assert invoke("releases", "25.09.0", str(notes)) == (
        0,
        (
            "OVN 25.09\n"
            "  features (1):\n"
            f"    [slipped to 26.03] Network Function Insertion  raised by Numan Siddique  {notes}:4\n"
            "  discussed: 2025-12-15\n"
        ),
        "",
    )


def test_json_is_the_documents_releases(seed_document: Document) -> None:
    status, stdout, _ = invoke("releases", "--json")
    assert status == 0 and json.loads(stdout) == as_json(seed_document.releases)
    status, stdout, _ = invoke("releases", "ovn-26.03", "--json")
    assert status == 0 and [r["id"] for r in json.loads(stdout)] == ["ovn-26.03"]


def test_a_path_first_is_an_input_not_a_version() -> None:
    assert invoke("releases", "seeds/")[1] == GOLDEN.read_text()
    status, stdout, _ = invoke("releases", "OVN 26.03", "seeds/ovn-community-meetings.txt")
    assert status == 0 and stdout.startswith(
        "OVN 26.03\n  soft freeze  2026-01-23  said 2025-09-22, 2025-11-03\n"
    )


def test_an_unknown_release_is_an_error() -> None:
    assert invoke("releases", "27.03") == (
        2,
        "",
        (
            "ovnnotes: error: no release 27.03 in the notes; the notes have OVN 24.03, OVN 24.06, OVN 24.09, OVN 25.03, OVN 25.09, OVN 26.03\n"
        ),
    )


def test_notes_without_releases(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Dec 15, 2025 | OVN Community Meeting\n- (dceara) Patchwork slowness\n")
    assert invoke("releases", str(notes)) == (0, "no releases\n", "")
    assert invoke("releases", "--json", str(notes)) == (0, "[]\n", "")
