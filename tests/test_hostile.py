"""Hostile and broken input: no crash, no traceback, no partial files, nothing lost, linear time.

* The bad-input corpus (``cases/bad/``, format below) runs every case through the console entry
  point and checks the exit code, the one-line message, that no traceback leaks and that a
  failed command leaves no file behind.
* Atomic writes: an error midway (a failing rename, a file that cannot be written) leaves the
  previous exports untouched; names that would leave the export folder are refused.
* Linear parsing, proved by counting work (Python line events and calls) for inputs of size n,
  2n and 4n of each pathological kind, with a generous CPU-time bound as a second check for work
  done inside regular expressions, which the count cannot see.

Corpus case format: each folder under ``cases/bad/`` holds its input files and ``case.toml``:

* ``description``: what the case is about; ``args``: the command line after ``ovnnotes``;
* ``exit``: the expected exit code (0, 1 problems found, 2 usage or input error);
* ``stderr``, ``stdout``: lines that must each be a whole line of that stream (compared without
  surrounding spaces); ``{cwd}`` stands for the folder the case runs in, ``{any}`` for any text
  (an operating system's wording);
* ``stdin_file``: a file of the case fed to standard input;
* ``traceback``: true when a Python traceback is expected (``--debug``); otherwise none may appear;
* ``no_controls``: files or folders (or ``<stdout>``) that must hold no control character other
  than LF, TAB and the CR LF line ends of iCal;
* ``written``: files the command must create; a failing command may create no file at all;
* ``[generate]``: a big input made at run time (``path``; ``head`` + ``body`` x ``times`` + ``tail``),
  so that the corpus stays small in git.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes import api, parse
from ovnnotes.cli import main
from ovnnotes.errors import OvnnotesError
from ovnnotes.files import inputs
from ovnnotes.files.interrupts import SIGNALS
from ovnnotes.files.writing import safe_name, write_files
from ovnnotes.read.inline import clean
from ovnnotes.read.tree import MAX_DEPTH
from ovnnotes.writers.exporters import render

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases" / "bad"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HEADING = "Dec 15, 2025 | ☐ OVN Community Meeting\n\n"
LEFTOVER_RE = re.compile(r"^\..*\.(tmp|bak)$")


# -- the corpus ---------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    folder: Path
    description: str
    args: list[str]
    exit: int
    stderr: list[str] = field(default_factory=list)
    stdout: list[str] = field(default_factory=list)
    stdin_file: str | None = None
    traceback: bool = False
    no_controls: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    generate: dict | None = None

    @classmethod
    def load(cls, folder: Path) -> Case:
        return cls(
            name=folder.name,
            folder=folder,
            **tomllib.loads((folder / "case.toml").read_text(encoding="utf-8")),
        )

    def prepare(self, workdir: Path) -> None:
        """Copy the inputs (not ``case.toml``) into ``workdir`` and generate the big input."""
        shutil.copytree(self.folder, workdir, ignore=shutil.ignore_patterns("case.toml"), dirs_exist_ok=True)
        if self.generate:
            g = self.generate
            with open(workdir / g["path"], "w", encoding="utf-8", newline="") as stream:
                stream.write(g["head"] + g["body"] * g["times"] + g["tail"])


@dataclass
class Outcome:
    exit: int
    stdout: str
    stderr: str


def run_main(args: list[str], cwd: Path, stdin: bytes = b"") -> Outcome:
    """``ovnnotes ARGS`` through the console entry point (``cli.main``), in-process, in ``cwd``."""
    old_cwd, old_argv = Path.cwd(), sys.argv
    handlers = {signum: signal.getsignal(signum) for signum in SIGNALS}  # main() installs its own
    os.chdir(cwd)
    try:
        with CliRunner().isolation(input=stdin) as (out, err, _):
            sys.argv = ["ovnnotes", *args]
            try:
                main()
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr = out.getvalue(), err.getvalue()
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    return Outcome(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


def line_pattern(expected: str, cwd: Path) -> re.Pattern[str]:
    """An expected line as a regular expression: ``{cwd}`` and ``{any}`` expanded, the rest literal."""
    parts = re.split(r"(\{cwd\}|\{any\})", expected.strip())
    return re.compile(
        "".join(
            re.escape(str(cwd.resolve())) if part == "{cwd}" else ".*" if part == "{any}" else re.escape(part)
            for part in parts
        )
    )


def missing_lines(expected: list[str], text: str, cwd: Path) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [e for e in expected if not any(line_pattern(e, cwd).fullmatch(line) for line in lines)]


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def control_characters(text: str) -> list[str]:
    """Control characters other than LF, TAB and CR LF."""
    return sorted({repr(c) for c in CONTROL_RE.findall(text.replace("\r\n", "\n"))})


CORPUS = [Case.load(folder) for folder in sorted(CASES.iterdir()) if (folder / "case.toml").is_file()]


def test_corpus_is_big_and_well_formed() -> None:
    assert len(CORPUS) >= 30
    assert {case.exit for case in CORPUS} == {0, 1, 2}
    for case in CORPUS:
        assert case.description and case.args, case.name
        assert case.stderr or case.stdout or case.exit == 0, f"{case.name}: say what the user sees"


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_bad_input(case: Case, tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    case.prepare(workdir)
    before = files_under(workdir)
    stdin = (workdir / case.stdin_file).read_bytes() if case.stdin_file else b""
    outcome = run_main(case.args, workdir, stdin)
    shown = f"exit {outcome.exit}\n--- stdout\n{outcome.stdout[:3000]}\n--- stderr\n{outcome.stderr[:3000]}"

    assert outcome.exit == case.exit, shown
    assert missing_lines(case.stderr, outcome.stderr, workdir) == [], shown
    assert missing_lines(case.stdout, outcome.stdout, workdir) == [], shown
    assert "internal error" not in outcome.stderr, shown
    if case.traceback:
        assert "Traceback (most recent call last):" in outcome.stderr, shown
    else:
        assert "Traceback" not in outcome.stderr + outcome.stdout, shown
        if case.exit == 2:  # a user error: exactly one line says what is wrong, and it is the last
            errors = [
                line
                for line in outcome.stderr.splitlines()
                if line.startswith(("ovnnotes: error: ", "Error: "))
            ]
            assert len(errors) == 1 and outcome.stderr.rstrip("\n").splitlines()[-1] == errors[0], shown

    created = files_under(workdir) - before
    assert not [name for name in created if LEFTOVER_RE.match(Path(name).name)], created
    if outcome.exit != 0:
        assert created == set(), f"a failed command left files behind: {sorted(created)}"
    for name in case.written:
        assert (workdir / name).is_file(), (name, sorted(created))
    for name in case.no_controls:
        if name == "<stdout>":
            assert control_characters(outcome.stdout) == []
            continue
        path = workdir / name
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            assert control_characters(file.read_bytes().decode("utf-8")) == [], file


# -- messages and tracebacks ----------------------------------------------------------------------------


def test_message_stays_on_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    outcome = run_main(["parse", "two\nlines.txt"], tmp_path)
    assert (outcome.exit, outcome.stderr) == (2, "ovnnotes: error: two\\nlines.txt: no such file\n")


def test_unexpected_exception_is_one_line_and_debug_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(inputs, "gather", boom)
    outcome = run_main(["parse", "x.txt"], tmp_path)
    assert outcome.exit == 3 and "Traceback" not in outcome.stderr  # its own code: not "problems found" (1)
    assert outcome.stderr == (
        "ovnnotes: error: internal error: RuntimeError: boom\\nsecond line (rerun with --debug for details and report it)\n"
    )
    with pytest.raises(
        RuntimeError, match="boom"
    ):  # --debug: the exception (and so its traceback) goes through
        run_main(["--debug", "parse", "x.txt"], tmp_path)


def test_real_process_prints_no_traceback_unless_debug(tmp_path: Path) -> None:
    """Once as a real process: what a user's terminal shows."""
    command = [sys.executable, "-c", "from ovnnotes.cli import main; main()"]
    plain = subprocess.run(
        [*command, "parse", "missing.txt"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        2,
        "",
        "ovnnotes: error: missing.txt: no such file\n",
    )
    debug = subprocess.run(
        [*command, "--debug", "parse", "missing.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert debug.returncode == 2 and debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.endswith("ovnnotes: error: missing.txt: no such file\n")


# -- atomic writes and safe names ----------------------------------------------------------------------


def _old_exports(folder: Path) -> dict[str, bytes]:
    files = {"a.csv": b"old a\n", "b.csv": b"old b\n", "c.csv": b"old c\n"}
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_rename_failing_midway_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _old_exports(tmp_path)
    real_replace, calls = os.replace, []

    def flaky_replace(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the second export's rename fails; the first one already happened
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OvnnotesError, match=r"b\.csv: cannot write \(Permission denied\)"):
        write_files(
            tmp_path, {"a.csv": b"new a\n", "b.csv": b"new b\n", "c.csv": b"new c\n", "d.csv": b"new d\n"}
        )
    assert _contents(tmp_path) == old  # a.csv restored, d.csv never created, no temp or backup file left


def test_a_write_failing_midway_renames_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_exports(tmp_path)
    real_fdopen, opened = os.fdopen, []

    def failing_fdopen(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(fd)
        if len(opened) == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OvnnotesError, match=r"b\.csv: cannot write \(No space left on device\)"):
        write_files(tmp_path, {"a.csv": b"new a\n", "b.csv": b"new b\n", "c.csv": b"new c\n"})
    assert _contents(tmp_path) == old


def test_a_folder_in_the_way_is_refused_before_any_rename(tmp_path: Path) -> None:
    old = _old_exports(tmp_path)
    (tmp_path / "b.csv").unlink()
    (tmp_path / "b.csv").mkdir()
    del old["b.csv"]
    with pytest.raises(OvnnotesError, match=r"b\.csv: cannot write \(it is a folder\)"):
        write_files(tmp_path, {"a.csv": b"new a\n", "b.csv": b"new b\n"})
    assert _contents(tmp_path) == old


def test_export_all_formats_is_all_or_nothing(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(HEADING + "- (dceara) topic\n")
    assert run_main(["export", "--format", "all", "notes.txt"], tmp_path).exit == 0
    before = _contents(tmp_path / "exports")
    notes.write_text(HEADING + "- (dceara) another topic\n")
    shutil.rmtree(tmp_path / "exports" / "csv" / "items.csv", ignore_errors=True)
    (tmp_path / "exports" / "csv" / "items.csv").unlink(missing_ok=True)
    (tmp_path / "exports" / "csv" / "items.csv").mkdir()  # one file of one format cannot be written
    outcome = run_main(["export", "--format", "all", "notes.txt"], tmp_path)
    assert outcome.exit == 2 and "items.csv: cannot write (it is a folder)" in outcome.stderr
    after = _contents(tmp_path / "exports")
    del before["csv/items.csv"]
    assert after == before  # the JSON, JSONL and iCal exports were not updated either


@pytest.mark.parametrize(
    "name", ["../escape.json", "/tmp/ovnnotes-absolute.json", "a/../../escape.json", "sub/../../escape.json"]
)
def test_names_leaving_the_export_folder_are_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "exports"
    with pytest.raises(OvnnotesError, match="refusing to write outside"):
        write_files(folder, {"fine.json": b"{}", name: b"{}"})
    assert files_under(tmp_path) == set()  # not even the fine file


def test_a_symlink_out_of_the_export_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "exports" / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OvnnotesError, match="refusing to write outside"):
        write_files(tmp_path / "exports", {"link/x.json": b"{}"})
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        (".hidden", "hidden"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("a\\b:c*d", "a-b-c-d"),
        ("2025-12-15/notes/1.2#1", "2025-12-15-notes-1.2-1"),
        ("x\x00y\n", "x-y"),
        ("Réunion ☃", "R-union"),
    ],
)
def test_safe_name(text: str, expected: str) -> None:
    assert safe_name(text) == expected


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_names_from_user_text_stay_in_the_export_folder(text: str) -> None:
    name = safe_name(text)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", name) and name not in ("..", ".")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exports"
        (written,) = write_files(folder, {name: b"x"})
        assert written.parent == folder.resolve() and files_under(Path(tmp)) == {"exports", f"exports/{name}"}


def test_uids_and_file_names_from_ids_are_safe() -> None:
    document, _ = parse(HEADING + "- (dceara) a/../../b\n")
    ics = render(document, "ical")["ovn-community-meetings.ics"].decode()
    assert [line[4:] for line in ics.replace("\r\n ", "").splitlines() if line.startswith("UID:")] == [
        "meeting-2025-12-15@ovnnotes"
    ]
    assert all(
        re.fullmatch(r"[A-Za-z0-9._/-]+", name)
        for fmt in ("csv", "ical", "json", "jsonl")
        for name in render(document, fmt)
    )


# -- the fixes this issue needed ---------------------------------------------------------------------------


def test_deep_nesting_is_capped_instead_of_crashing() -> None:
    document, diagnostics = parse(HEADING + "Notes\n\n- top:\n" + " - ii. deeper:\n" * 700)
    depth, items = 0, document.meetings[0].items
    while items:
        depth, items = depth + 1, items[-1].children
    assert depth == MAX_DEPTH
    for name in ("json", "jsonl", "csv", "ical"):
        assert render(document, name)
    fifty, _ = parse(HEADING + "Notes\n\n- top:\n" + " - deeper:\n" * 49)
    depth, items = 0, fifty.meetings[0].items
    while items:
        depth, items = depth + 1, items[-1].children
    assert depth == 50  # real nesting is kept


def test_nested_underline_tags_give_the_inner_link() -> None:
    result = clean("see <u>a <u>b</u> c</u> and <u><u><u>")
    assert result.text == "see a b c and"
    assert [(link.kind.value, link.text) for link in result.links] == [("underlined", "b")]


def test_url_trailing_punctuation_and_parentheses() -> None:
    assert [link.url for link in clean("(https://example.org/a_(b))).").links] == [
        "https://example.org/a_(b)"
    ]
    assert [link.url for link in clean("https://a.org/x" + ")" * 5000 + "." * 5000).links] == [
        "https://a.org/x"
    ]


def test_links_are_in_text_order_even_when_repeated() -> None:
    result = clean("https://x.org/a a@b.cc https://x.org/a <u>w</u>")
    assert [(link.kind.value, link.text) for link in result.links] == [
        ("url", "https://x.org/a"),
        ("email", "a@b.cc"),
        ("url", "https://x.org/a"),
        ("underlined", "w"),
    ]


def test_repeated_problems_point_at_each_occurrence() -> None:
    _, diagnostics = parse(
        HEADING + "- https://a.org/xhttps://b.org/y and https://a.org/xhttps://b.org/y\n"
        "Recording: https://c.org/xhttps://d.org/y https://c.org/xhttps://d.org/y\n"
    )
    assert [(d.code, d.line, d.column) for d in diagnostics if d.code == "ONP106"] == [
        ("ONP106", 3, 3),
        ("ONP106", 3, 38),
        ("ONP106", 4, 12),
        ("ONP106", 4, 43),
    ]


def test_metadata_lines_are_listed_once_in_order() -> None:
    document, _ = parse(HEADING + "Recording: https://a.org/x Transcripts: https://b.org/y\n" * 3)
    assert document.meetings[0].metadata_lines == [3, 4, 5]
    assert document.meetings[0].transcript_urls == ["https://b.org/y"] * 3


# -- linear time -------------------------------------------------------------------------------------------

PACKAGE = str(Path(api.__file__).resolve().parent)


def count_work(function: Callable[[], object]) -> int:
    """Python line events inside ovnnotes plus calls anywhere while ``function`` runs: a deterministic cost."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return local

    def global_(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(global_)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


M = "Dec 15, 2025 | OVN Community Meeting\n\nNotes\n\n"
# name: (text for size n, n) -- n small enough for tracing, every kind a pathological shape
KINDS: dict[str, tuple[Callable[[int], str], int]] = {
    "run-of-parens": (lambda n: M + "- " + "(" * (100 * n) + "\n", 40),
    "run-of-brackets": (lambda n: M + "- [" * n + "x]\n", 40),
    "run-of-dashes": (lambda n: M + "-" * (100 * n) + "\n", 40),
    "run-of-underline-tags": (lambda n: M + "- " + "<u>" * (30 * n) + "x\n", 40),
    "run-of-pipes": (lambda n: M + "Dec 16, 2025 " + "|" * (100 * n) + " community meeting\n", 40),
    "run-of-spaces": (lambda n: M + "- a" + " " * (100 * n) + "b\n", 40),
    "unique-urls-on-one-line": (
        lambda n: M + "- " + "".join(f"https://a.org/{i} x{i}/y " for i in range(n)) + "\n",
        40,
    ),
    "glued-urls-on-one-line": (
        lambda n: M + "- " + "".join(f"https://a.org/{i}https://b.org/{i} " for i in range(n)) + "\n",
        40,
    ),
    "glued-urls-in-one-token": (lambda n: M + "Recording: " + "https://a.org/x" * n + "\n", 40),
    "emails-and-underlines": (
        lambda n: M + "- " + "".join(f"x{i}@a.bc <u>w{i}</u> " for i in range(n)) + "\n",
        40,
    ),
    "attendees": (
        lambda n: (
            "Dec 15, 2025 | OVN Community Meeting\nAttendees: " + "Zorglub Quux, numans@ovn.org " * n + "\n"
        ),
        40,
    ),
    "metadata-lines": (lambda n: M.replace("Notes\n\n", "") + "Recording: https://a.org/x\n" * n, 40),
    "continuation-lines": (lambda n: M + "- start\n" + "https://a.org/x y/z\n" * n, 40),
    "nested-colons": (lambda n: M + "- a:\n" + " - b:\n" * n, 100),
    "numbered-items": (lambda n: M + "- a\n" + " - ii. b\n - x\n" * n, 40),
    "page-break-debris": (lambda n: M + "- a\n - b\n - c\n" + "\n- d\n" * n, 40),
    "questions-and-replies": (lambda n: M + "- q?\n - (Ales) a\n - (Numan) b?\n" * n, 40),
    "fence": (lambda n: M + "- x\n```\n" + '"a": {"type": "string"},\n' * n + "```\n", 40),
    "meetings": (
        lambda n: "".join(
            f"Dec {1 + i % 28}, 2025 | OVN Community Meeting\n- (dceara) t\n" for i in range(n)
        ),
        40,
    ),
    "sections": (lambda n: M + "Agenda\n- a\nNotes\n- b\n" * n, 40),
    "checkboxes": (
        lambda n: M.replace("Notes", "Action items") + "[ ]\tMark to do it\n\\checkmark\tdone\n" * n,
        40,
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_parsing_is_linear(kind: str) -> None:
    make, n = KINDS[kind]
    parse(make(n))  # warm caches (registry, imports) so they are not counted
    counts = [count_work(lambda size=size: parse(make(size))) for size in (n, 2 * n, 4 * n)]
    first, second = counts[1] - counts[0], counts[2] - counts[1]
    # Linear work w = a + b*n gives increments b*n, then 2*b*n; quadratic work would give a ratio of 4.
    if first > 200:
        assert 1.6 <= second / first <= 2.4, (kind, counts)
    else:  # the Python-level work does not grow with n (the regular expressions do it all)
        assert second <= 400, (kind, counts)


# Seconds the smaller input of the timing check should take at least: a larger value makes the
# check sharper (a quadratic term in C code, e.g. a list copied per line, shows only on big
# inputs) and slower. CI uses the default; OVNNOTES_LINEAR_SECONDS=0.5 is a thorough local run.
LINEAR_SECONDS = float(os.environ.get("OVNNOTES_LINEAR_SECONDS", "0.01"))


@pytest.mark.skipif(
    not os.environ.get("OVNNOTES_TIMING_CHECKS"),
    reason="timing check for local runs (OVNNOTES_TIMING_CHECKS=1): CI measures speed with bench/run.py, not tests",
)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_parsing_time_is_not_quadratic(kind: str) -> None:
    """A sanity bound with a huge margin on CPU time, which also sees the regular expressions' work:
    4 times the input may cost at most 8 times the time (linear: 4, quadratic: 16)."""
    make, n = KINDS[kind]

    def cpu(text: str, runs: int = 1) -> float:
        times = []
        for _ in range(runs):
            start = time.process_time()
            parse(text)
            times.append(time.process_time() - start)
        return min(times)

    gc.collect()
    gc.disable()  # collections triggered by earlier allocations would add noise, not work
    try:
        while cpu(make(n)) < LINEAR_SECONDS and n < 10**6:
            n *= 2
        small, big = cpu(make(n), 2), cpu(make(4 * n), 2)
    finally:
        gc.enable()
    assert big <= 8 * small + 0.005, (kind, n, small, big)


@pytest.mark.parametrize("timezone", [None, "Europe/Brussels"])
@pytest.mark.parametrize("dates", [["Dec 31, 9999"], ["Jan 1, 0001"], ["Jan 1, 0001", "Dec 31, 9999"]])
def test_ical_export_of_dates_at_the_limits(dates: list[str], timezone: str | None) -> None:
    """A typo such as `Dec 31, 9999` made the iCal export overflow: an end past 9999 is left out (or a DURATION)."""
    import icalendar

    from ovnnotes.writers.exporters import ExportOptions

    document, _ = parse("".join(f"{date} | OVN Community Meeting\n- (dceara) topic\n" for date in dates))
    for options in (ExportOptions(), ExportOptions(start_time=dt.time(23, 30), timezone=timezone)):
        calendar = icalendar.Calendar.from_ical(
            render(document, "ical", options)["ovn-community-meetings.ics"]
        )
        events = calendar.walk("VEVENT")
        assert [e.decoded("dtstart").year for e in events] == [int(date[-4:]) for date in dates]
        last = events[-1]
        if dates[-1].endswith("9999"):
            assert "dtend" not in last and ("duration" in last) == (options.start_time is not None)
