"""Fast CLI start: commands import only the heavy modules they need.

Each case runs one command in a fresh interpreter (``cli([...], standalone_mode=False)``, the
same code the ``ovnnotes`` console script runs) and lists the top-level packages left in
``sys.modules``. Timings are measured by ``bench/run.py``, not here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_PROBE = """
import json, sys
from ovnnotes.cli import cli
code = 0
try:
    cli(json.loads(sys.argv[1]), standalone_mode=False)
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
print("\\n@@MODULES@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(args: list[str], cwd: Path = ROOT, packages: bool = True) -> set[str]:
    """Top-level packages (every module, without ``packages``) imported by running ``ovnnotes ARGS``
    in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    marker = done.stdout.rindex("@@MODULES@@")
    result = json.loads(done.stdout[marker + len("@@MODULES@@") :])
    assert result["code"] in (0, 1, None), (result, done.stderr)  # 1: findings, not a crash
    return {name.split(".")[0] for name in result["modules"]} if packages else set(result["modules"])


def _console_script() -> Path | None:
    bindir = Path(sys.executable).parent
    for name in ("ovnnotes", "ovnnotes.exe"):
        if (bindir / name).is_file():
            return bindir / name
    return None


def test_version_console_script() -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the ovnnotes console script is not installed beside this interpreter")
    done = subprocess.run(
        [str(script), "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    from ovnnotes import __version__

    assert __version__ in done.stdout


@pytest.fixture(scope="module")
def version_modules() -> set[str]:
    return _modules_after(["--version"])


@pytest.mark.parametrize("heavy", ["pydantic", "jsonschema", "icalendar", "ovs", "markdown_it"])
def test_version_does_not_import(version_modules: set[str], heavy: str) -> None:
    assert heavy not in version_modules


@pytest.fixture(scope="module")
def validate_modules() -> set[str]:
    return _modules_after(["validate", str(SEEDS)])


@pytest.mark.parametrize("heavy", ["icalendar", "markdown_it", "jsonschema"])
def test_validate_seeds_does_not_import(validate_modules: set[str], heavy: str) -> None:
    # seeds/ holds no .md files (markdown_it) and no .json documents (jsonschema)
    assert not list(SEEDS.rglob("*.md")) and not list(SEEDS.rglob("*.json"))
    assert heavy not in validate_modules


def test_validate_plain_text_folder_does_not_import_json_or_markdown_tools(tmp_path: Path) -> None:
    """A folder with only a .txt notes file: no jsonschema, no markdown parser, no iCal."""
    shutil.copyfile(SEEDS / "ovn-community-meetings.txt", tmp_path / "notes.txt")
    modules = _modules_after(["validate", "--no-baseline", str(tmp_path)], cwd=tmp_path)
    assert not modules & {"jsonschema", "markdown_it", "icalendar"}


def test_probe_sees_lazy_imports(tmp_path: Path) -> None:
    """Control: the probe does see a module a command imports lazily (iCal export needs icalendar)."""
    modules = _modules_after(["export", "--format", "ical", "-o", str(tmp_path / "out.ics")])
    assert "icalendar" in modules and "pydantic" in modules


def test_ical_export_does_not_check_schema_proposals(tmp_path: Path) -> None:
    """The iCal export writes no schema proposals, so it extracts none and never loads ``ovs``."""
    modules = _modules_after(["export", "--format", "ical", "-o", str(tmp_path / "out.ics")])
    assert not modules & {"ovs", "jsonschema", "markdown_it"}


def test_ical_export_does_not_load_the_feature_vocabularies(tmp_path: Path) -> None:
    """The calendar needs the release milestones, not the features: ``facts.releases`` (and the
    vocabularies it reads features with) is not imported."""
    modules = _modules_after(["export", "--format", "ical", "-o", str(tmp_path / "out.ics")], packages=False)
    assert "ovnnotes.facts.release_milestones" in modules
    assert not modules & {"ovnnotes.facts.releases", "ovnnotes.facts.release_words"}


def test_json_export_checks_schema_proposals(tmp_path: Path) -> None:
    """Control: the JSON export holds the seed's Route proposal, checked with ``ovs``."""
    modules = _modules_after(["export", "--format", "json", "-o", str(tmp_path)])
    assert "ovs" in modules


def test_notes_without_a_schema_do_not_import_ovs(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Dec 15, 2025 | OVN Community Meeting\n- (dceara) nothing pasted here\n")
    modules = _modules_after(["validate", "--no-baseline", str(notes)], cwd=tmp_path)
    assert "ovs" not in modules


def test_search_imports_no_export_or_schema_tools() -> None:
    """`search` needs the parser, the action items and SQLite: no iCal, no OVSDB checks, no JSON Schema."""
    modules = _modules_after(["search", "soft freeze", str(SEEDS)])
    assert "sqlite3" in modules
    assert not modules & {"icalendar", "ovs", "jsonschema", "markdown_it", "datasette"}


def test_sqlite_export_does_not_import_datasette(tmp_path: Path) -> None:
    modules = _modules_after(["export", "--format", "sqlite", "-o", str(tmp_path)])
    assert "sqlite3" in modules and not modules & {"datasette", "icalendar"}


_MAIN_PROBE = """
import json, sys
sys.argv = ["ovnnotes", *json.loads(sys.argv[1])]
from ovnnotes.cli import main
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
print("\\n@@MODULES@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
FAST_PATH_HEAVY = ["pydantic", "click", "ovs", "markdown_it", "jsonschema", "icalendar"]


def _main_modules(args: list[str], cwd: Path = ROOT, packages: bool = True) -> tuple[str, set[str]]:
    """(standard output, top-level packages imported (every module, without ``packages``)) of the
    console entry point ``main`` run with ARGS."""
    done = subprocess.run(
        [sys.executable, "-c", _MAIN_PROBE, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    output, _, tail = done.stdout.rpartition("@@MODULES@@")
    result = json.loads(tail)
    assert result["code"] in (0, 1, None), (result, done.stderr)  # 1: findings, not a crash
    modules = set(result["modules"])
    return output, {name.split(".")[0] for name in modules} if packages else modules


@pytest.mark.parametrize("heavy", FAST_PATH_HEAVY)
def test_version_answered_before_click(heavy: str) -> None:
    output, modules = _main_modules(["--version"])
    assert output.strip() == "ovnnotes, version " + __import__("ovnnotes").__version__
    assert heavy not in modules


@pytest.fixture(scope="module")
def fast_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, set[str]]:
    project = tmp_path_factory.mktemp("fast-check")
    shutil.copytree(SEEDS, project / "seeds")
    _main_modules(["export", "--format", "all"], cwd=project)
    return _main_modules(["check"], cwd=project)


@pytest.mark.parametrize("heavy", FAST_PATH_HEAVY)
def test_check_with_a_matching_fingerprint_imports_nothing_heavy(
    fast_check: tuple[str, set[str]], heavy: str
) -> None:
    output, modules = fast_check
    assert output == "no problems in 1 file\nexports up to date (csv, ical, json, jsonl)\n\n"
    assert heavy not in modules


def test_version_matches_clicks_wording() -> None:
    """The early answer is word for word what click's version option prints."""
    from click.testing import CliRunner

    from ovnnotes.cli import cli

    assert (
        _main_modules(["--version"])[0].rstrip("\n") + "\n" == CliRunner().invoke(cli, ["--version"]).output
    )


def test_validate_seeds_checks_the_schema_without_ovs_rpc_layer() -> None:
    """The seed's pasted schema is checked with ``ovs.db.schema``, but not ``ovs``' sockets, SSL, logging."""
    modules = _modules_after(["validate", str(SEEDS)])
    assert "ovs" in modules and "ssl" not in modules


def test_ovs_stand_ins_become_the_real_modules_on_use() -> None:
    code = (
        "import sys\n"
        "from ovnnotes.facts import ovsdb\n"
        "ovsdb._ovs_schema()\n"
        "assert 'ovs.vlog' not in sys.modules and 'ovs.stream' not in sys.modules\n"
        "import ovs.poller\n"
        "assert ovs.poller.Poller.__name__ == 'Poller'\n"
        "assert type(sys.modules['ovs.poller']).__name__ == 'module'\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr


def test_every_command_is_in_the_lazy_map_with_its_module() -> None:
    """``main`` imports only the module of the command it runs (``app.COMMAND_MODULES``): the map
    names every command, each with the module that defines it."""
    from ovnnotes.cli import cli
    from ovnnotes.cli.app import COMMAND_MODULES

    assert sorted(cli.commands) == sorted(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"ovnnotes.cli.{COMMAND_MODULES[name]}", name


def test_a_command_imports_only_its_own_command_module() -> None:
    _, modules = _main_modules(["validate", "seeds/"], packages=False)
    commands = {name for name in modules if name.startswith("ovnnotes.cli.")}
    assert "ovnnotes.cli.checks" in commands
    assert not commands & {
        "ovnnotes.cli.export",
        "ovnnotes.cli.fmt",
        "ovnnotes.cli.listings",
        "ovnnotes.cli.site",
    }


def test_a_mistyped_command_is_suggested_the_right_one() -> None:
    """With the commands loaded on demand, a name that is none still gets click's "did you mean"."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['ovnnotes', 'valdate']; from ovnnotes.cli import main; main()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr
        == "ovnnotes: error: no such command 'valdate'; did you mean 'validate'; try 'ovnnotes --help'\n"
    )
