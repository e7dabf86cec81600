"""Independent consumers accept every export with their strictest default settings.

Python libraries are test dependencies (icalendar, vobject, jsonschema and check-jsonschema are
checked in their own test files too; DuckDB, pandas and frictionless in ``test_csv_loading.py``;
CommonMark renderers in ``test_fmt_content.py``). The others are system tools that skip with the
reason when missing (``.ci/run`` installs them): libical's restriction check through a tiny C
program compiled here, and Mozilla's ical.js, node-ical and ajv (strict mode) through node with
the modules of ``tests/node`` (``npm ci`` there).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
import vobject

from ovnnotes.model import Document
from ovnnotes.schema import SCHEMA_FILE
from ovnnotes.writers.exporters import ExportOptions, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NODE_DIR = HERE / "node"
TIMED = ExportOptions(start_time=dt.time(15, 0), timezone="Europe/Brussels")
OWNER = ExportOptions(
    owner="dceara",
    milestones=False,
    start_time=dt.time(9, 30),
    timezone="America/New_York",
    duration_minutes=45,
)


@pytest.fixture(scope="module")
def exports(seed_document: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for name, (fmt, options) in {
        "json": ("json", None),
        "jsonl": ("jsonl", None),
        "ical": ("ical", None),
        "timed": ("ical", TIMED),
        "owner": ("ical", OWNER),
    }.items():
        ((file_name, data),) = render(seed_document, fmt, options).items()
        paths[name] = folder / f"{name}-{file_name}"
        paths[name].write_bytes(data)
    return paths


CALENDARS = ("ical", "timed", "owner")


def _libical_checker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    pkg_config = shutil.which("pkg-config")
    if compiler is None or pkg_config is None:
        pytest.skip("needs a C compiler and pkg-config (apt-get install gcc pkg-config libical-dev)")
    flags = subprocess.run(
        [pkg_config, "--cflags", "--libs", "libical"], capture_output=True, text=True, check=False
    )
    if flags.returncode != 0:
        pytest.skip("libical is not installed (apt-get install libical-dev)")
    binary = tmp_path_factory.mktemp("libical") / "libical_check"
    built = subprocess.run(
        [compiler, str(HERE / "consumers" / "libical_check.c"), "-o", str(binary), *flags.stdout.split()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return binary


@pytest.mark.parametrize("name", CALENDARS)
def test_libical_restriction_check(
    name: str, exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    checker = _libical_checker(tmp_path_factory)
    result = subprocess.run([str(checker), str(exports[name])], capture_output=True, text=True, check=False)
    components = len(icalendar.Calendar.from_ical(exports[name].read_bytes()).subcomponents)
    assert (result.returncode, result.stdout) == (0, f"components={components} restrictions=ok errors=0\n")


def test_libical_check_finds_a_comment_in_a_vtimezone(
    exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """The check is real: the COMMENT icalendar puts in a VTIMEZONE (and the export removes) fails it."""
    checker = _libical_checker(tmp_path_factory)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(
        exports["timed"]
        .read_bytes()
        .replace(b"TZID:Europe/Brussels\r\n", b"TZID:Europe/Brussels\r\nCOMMENT:not here\r\n", 1)
    )
    result = subprocess.run([str(checker), str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Expected 0 instances of the property and got 1" in result.stdout


@pytest.mark.parametrize("name", CALENDARS)
def test_vobject_validates(name: str, exports: dict[str, Path]) -> None:
    calendar = vobject.readOne(exports[name].read_text(encoding="utf-8"))
    calendar.validate()
    assert len(getattr(calendar, "vevent_list", [])) + len(getattr(calendar, "vtodo_list", [])) == len(
        icalendar.Calendar.from_ical(exports[name].read_bytes()).walk("VEVENT")
        + icalendar.Calendar.from_ical(exports[name].read_bytes()).walk("VTODO")
    )


@pytest.fixture(scope="module")
def node_report(exports: dict[str, Path]) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs npm)")
    if not (NODE_DIR / "node_modules" / "ajv").is_dir():
        pytest.skip("the node modules are not installed: run `npm ci` in tests/node (.ci/run does)")
    calendars = [str(exports[name]) for name in CALENDARS]
    result = subprocess.run(
        [
            node,
            str(NODE_DIR / "consumers.mjs"),
            str(ROOT / "schema" / SCHEMA_FILE),
            str(exports["json"]),
            str(exports["jsonl"]),
            *calendars,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=NODE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_ajv_strict_accepts_the_schema_and_the_exports(node_report: dict, seed_document: Document) -> None:
    assert node_report["ajv"] == {
        "document": "valid",
        "jsonl": {"lines": len(seed_document.meetings), "invalid": 0},
        "minimal": "invalid",
    }


def _expected(path: Path) -> dict:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events, todos = calendar.walk("VEVENT"), calendar.walk("VTODO")
    return {"events": len(events), "todos": len(todos), "uids": [str(c["uid"]) for c in events + todos]}


@pytest.mark.parametrize("index", range(len(CALENDARS)), ids=CALENDARS)
def test_icaljs_reads_every_component(index: int, node_report: dict, exports: dict[str, Path]) -> None:
    found = node_report["icaljs"][index]
    expected = _expected(exports[CALENDARS[index]])
    assert {key: found[key] for key in expected} == expected
    assert found["refresh"] == "P1D"
    calendar = icalendar.Calendar.from_ical(exports[CALENDARS[index]].read_bytes())
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    utc = [
        None if not isinstance(s, dt.datetime) else s.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        for s in starts
    ]
    assert found["utcStarts"] == utc  # ical.js applies the VTIMEZONE the same way (summer and winter time)
    assert any(found["attendees"]) and all(
        cn and address.startswith(("mailto:", "urn:ovnnotes:person:"))
        for todo in found["attendees"]
        for cn, address in todo
    )


@pytest.mark.parametrize("index", range(len(CALENDARS)), ids=CALENDARS)
def test_node_ical_reads_every_component(index: int, node_report: dict, exports: dict[str, Path]) -> None:
    found = node_report["nodeical"][index]
    expected = _expected(exports[CALENDARS[index]])
    assert (found["events"], found["todos"], sorted(found["uids"])) == (
        expected["events"],
        expected["todos"],
        sorted(expected["uids"]),
    )
