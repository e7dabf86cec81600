"""A real install: build the wheel, install it (not editable) into a fresh venv, run its console script.

This is what a contributor does on a fresh clone (`pip install .`, edit `seeds/`, export), and the
one place where the installed package's bundled copy of `seeds/` could shadow the project's.
Offline and fast: the wheel is built with the test environment's hatchling (no build isolation,
no index), and the new venv has no pip of its own and borrows the test environment's
dependencies through a `.pth` file (which adds the folder, not the editable install it holds).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL = (ROOT / "tests" / "cases" / "cli" / "small.txt").read_text(encoding="utf-8")


def run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))
    }
    result = subprocess.run(
        command, check=False, cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `ovnnotes` console script of a wheel installed in a fresh venv."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip(
            "hatchling (the build backend, in the `test` extra) is not installed: cannot build the wheel offline"
        )
    base = tmp_path_factory.mktemp("wheel")
    build = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(base / "dist"),
            str(ROOT),
        ],
        cwd=base,
        check=False,
    )
    if build.returncode != 0:
        pytest.skip(f"the wheel cannot be built offline here: {build.stderr.strip()[-300:]}")
    (wheel,) = (base / "dist").glob("ovnnotes-*.whl")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=base)
    python = venv / "bin" / "python"
    purelib = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base
        ).stdout.strip()
    )
    (purelib / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        cwd=base,
    )
    where = run([str(python), "-c", "import ovnnotes; print(ovnnotes.__file__)"], cwd=base).stdout.strip()
    assert Path(where).is_relative_to(venv), f"the test imported {where}, not the wheel"
    return venv / "bin" / "ovnnotes"


def test_an_installed_ovnnotes_reads_the_projects_seeds(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds", ignore=shutil.ignore_patterns("*.txt", "*.md"))
    notes = project / "seeds" / "notes.txt"
    notes.write_text(SMALL, encoding="utf-8")
    (project / "docs").mkdir()

    exported = run([str(installed), "export", "--format", "all", "--verbose"], cwd=project)
    assert (
        f"ovnnotes: notes: {(project / 'seeds').resolve()} (the project at {project.resolve()})"
        in exported.stderr
    )
    document = json.loads((project / "exports" / "ovnnotes.json").read_text())
    assert [s["path"] for s in document["sources"]] == ["seeds/notes.txt"]
    assert [m["date"] for m in document["milestones"]] == ["2026-01-23"]

    notes.write_text(SMALL.replace("Jan 23", "Jan 30"), encoding="utf-8")  # edit a meeting
    for cwd, args in (
        (project, []),
        (project, ["seeds/"]),
        (project / "docs", []),
    ):  # both agree, from any folder
        assert run([str(installed), "export", "--check", *args], cwd=cwd, check=False).returncode == 1
    run([str(installed), "export", "--format", "all"], cwd=project / "docs")
    assert [
        m["date"] for m in json.loads((project / "exports" / "ovnnotes.json").read_text())["milestones"]
    ] == ["2026-01-30"]
    for args in ([], ["seeds/"]):
        checked = run([str(installed), "export", "--check", *args], cwd=project)
        assert checked.stdout == "exports up to date (csv, ical, json, jsonl)\n"


def test_outside_any_project_the_installed_bundled_notes_are_used(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed), "validate", "--quiet", "--verbose"], cwd=tmp_path)
    assert result.stdout == "no problems in 1 file\n"
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"ovnnotes: notes: {installed.parent.parent}") and first.endswith(
        "ovnnotes/_seeds (the copy bundled with ovnnotes: no seeds/ folder here or in a parent folder)"
    )
