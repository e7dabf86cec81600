"""The contributor's loop without silent traps (issue #12), one section per point, through click's runner.

The installed console script (a wheel in a fresh venv) is exercised in ``test_wheel.py``.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes import progress
from ovnnotes.checks.baseline import parse_baseline
from ovnnotes.cli import cli
from ovnnotes.files.inputs import gather, looks_like_markdown
from ovnnotes.files.locations import locate, seeds_dir

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SMALL = (HERE / "cases" / "cli" / "small.txt").read_text(encoding="utf-8")
HEAD = "Dec 15, 2025 | OVN Community Meeting\n"
MARKDOWN = "## Dec 15, 2025 | OVN Community Meeting\n\nAttendees: Dumitru Ceara\n\n### Agenda\n\n- (dceara) topic\n  - (numans) detail\n"


def invoke(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of one's own: `seeds/` with notes and a registry, the working directory a subfolder of it."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "notes.txt").write_text(SMALL, encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "people.toml", root / "seeds" / "people.toml")
    (root / "docs").mkdir()
    monkeypatch.chdir(root / "docs")
    return root


# -- 1. the project's own notes, registry, baseline and exports -------------------------------------


def test_no_inputs_uses_the_seeds_of_the_project_from_any_subfolder(project: Path) -> None:
    assert locate().root == project.resolve()
    status, stdout, stderr = invoke("export", "--format", "json", "--verbose")
    exports = project / "exports" / "ovnnotes.json"
    assert status == 0 and stdout == f"wrote {exports.resolve()}\n"
    assert (
        stderr.splitlines()[0]
        == f"ovnnotes: notes: {(project / 'seeds').resolve()} (the project at {project.resolve()})"
    )
    assert f"ovnnotes: people: {(project / 'seeds' / 'people.toml').resolve()}" in stderr.splitlines()
    document = json.loads(exports.read_text())
    assert [s["path"] for s in document["sources"]] == [
        "seeds/notes.txt"
    ]  # named from the project root, wherever run from

    (project / "seeds" / "notes.txt").write_text(SMALL.replace("Jan 23", "Jan 30"), encoding="utf-8")
    assert invoke("export", "--check", "--format", "json")[0] == 1
    assert invoke("export", "--format", "json")[0] == 0
    assert "2026-01-30" in exports.read_text()  # the edit, not the bundled copy
    assert invoke("export", "--check", "--format", "json") == (0, "exports up to date (json)\n", "")
    assert invoke("export", "--check", "--format", "json", str(project / "seeds")) == (
        0,
        "exports up to date (json)\n",
        "",
    )


def test_the_project_registry_and_baseline_are_used(project: Path) -> None:
    (project / "seeds" / "people.toml").write_text(
        '[[person]]\nid = "dumitru-ceara"\nname = "Dumitru Ceara"\naliases = ["dceara"]\n'
    )
    status, stdout, _ = invoke("validate", "--select", "ONL202", "--today", "2026-01-01")
    assert (status, stdout.splitlines()[0]) == (
        0,
        "seeds/notes.txt:3:26: warning ONL202 attendee 'Mark Michelson' is not in the people registry",
    )
    (project / "seeds" / "validate-baseline.toml").write_text(
        '[[accepted]]\ncode = "ONL202"\npath = "seeds/notes.txt"\ntext = "Attendees: Dumitru Ceara Mark Michelson"\nwhy = "A guest."\n'
    )
    status, stdout, stderr = invoke("validate", "--select", "ONL202", "--today", "2026-01-01", "--verbose")
    baseline = (project / "seeds" / "validate-baseline.toml").resolve()
    assert (status, stdout) == (
        0,
        f"no problems in 1 file\n1 accepted findings not shown (see {baseline}; --no-baseline shows them)\n",
    )
    assert stderr.splitlines()[-1] == f"ovnnotes: baseline: {baseline}"


def test_outside_any_project_the_bundled_notes_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert locate().root is None and locate().exports == Path("exports")
    status, stdout, stderr = invoke("milestones", "--verbose")
    assert status == 0 and stdout
    assert stderr.splitlines()[0] == (
        f"ovnnotes: notes: {seeds_dir()} (the copy bundled with ovnnotes: no seeds/ folder here or in a parent folder)"
    )


# -- 2. every file reported ------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "good.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes((HEAD + "- caf\xe9\n").encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_unreadable_files_are_findings_and_the_others_are_checked(mixed: Path) -> None:
    status, stdout, _ = invoke(
        "validate", "--today", "2026-01-01", "good.md", "image.txt", "missing.md", "latin1.txt"
    )
    assert (status, stdout) == (
        1,
        (
            "image.txt: error ONI003 looks like a binary file (it contains NUL bytes)\n"
            "  hint: Give a notes text file.\n"
            "latin1.txt:2: error ONI002 invalid UTF-8 at byte offset 42\n"
            "  hint: Re-save the file as UTF-8 or pass --encoding-errors replace.\n"
            "missing.md: error ONI003 no such file\n"
            "  hint: Check the path; only notes text (.txt, .md) and JSON documents (.json) are read.\n"
            "3 errors, 0 warnings, 0 info in 4 files\n"
        ),
    )


def test_unreadable_files_in_json_and_github_formats(mixed: Path) -> None:
    status, stdout, _ = invoke(
        "validate", "--format", "json", "--today", "2026-01-01", "good.md", "image.txt", "latin1.txt"
    )
    report = json.loads(stdout)
    assert status == 1 and report["summary"] == {"errors": 2, "warnings": 0, "info": 0, "files": 3}
    assert [(d["code"], d["path"], d["line"]) for d in report["diagnostics"]] == [
        ("ONI003", "image.txt", 0),
        ("ONI002", "latin1.txt", 2),
    ]
    status, stdout, _ = invoke(
        "validate", "--format", "github", "--today", "2026-01-01", "good.md", "image.txt", "latin1.txt"
    )
    assert (status, stdout) == (
        1,
        (
            "::error file=image.txt,title=ONI003::looks like a binary file (it contains NUL bytes)%0AGive a notes text file.\n"
            "::error file=latin1.txt,line=2,title=ONI002::invalid UTF-8 at byte offset 42%0ARe-save the file as UTF-8 or pass --encoding-errors replace.\n"
        ),
    )


def test_other_commands_still_stop_at_an_unreadable_file(mixed: Path) -> None:
    """An export that silently left a file out would lose data: the first bad file is an input error."""
    assert invoke("export", "--format", "json", "-o", "-", "good.md", "image.txt") == (
        2,
        "",
        "ovnnotes: error: image.txt: looks like a binary file (it contains NUL bytes); give a notes text file\n",
    )


# -- 3. folder walking -------------------------------------------------------------------------------


def test_validate_dot_at_the_repository_root_reads_exactly_the_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    gathered = gather(["."], documents=True)
    notes = sorted(n.path for n in gathered.notes)
    assert notes == sorted(
        f"seeds/{p.name}" for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".md")
    )
    assert [d.path for d in gathered.documents] == [
        "exports/ovnnotes.json"
    ]  # an ovnnotes document, checked against the schema
    assert not [n for n in gathered.names if n.startswith(("tests/", ".venv/"))]
    assert "README.md" in {d.path for d in gathered.skipped}
    status, stdout, _ = invoke("validate", "--quiet", ".")
    assert (status, stdout) == (0, "no problems in 2 files\n")


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_walking_skips_hidden_folders_venvs_ignored_files_and_non_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = HEAD + "- (dceara) topic\n"
    _tree(
        tmp_path,
        {
            "notes/2025.txt": notes,
            "notes/2026.md": "## Jan 5, 2026 | OVN Community Meeting\n\n- (dceara) topic\n",
            "notes/README.md": "# Notes\n\nA heading only in an example:\n\n```\n## Dec 15, 2025 | OVN Community Meeting\n```\n",
            "notes/LICENSE.txt": "Apache License\n",
            "notes/.hidden/x.txt": notes,
            "notes/.venv/lib/LICENSE.txt": notes,
            "notes/env/pyvenv.cfg": "home = /usr/bin\n",
            "notes/env/lib/notes.txt": notes,
            "notes/node_modules/x/notes.txt": notes,
            "notes/build/notes.txt": notes,
            "notes/drafts/wip.txt": notes,
            "notes/drafts/keep.txt": notes,
            "notes/fixtures/case.txt": notes,
            "notes/exports/datapackage.json": '{"name": "ovnnotes"}\n',
            "notes/exports/ovnnotes.jsonl": '{"id": "2025-12-15"}\n',
            ".gitignore": "build/\nnotes/drafts/*\n!notes/drafts/keep.txt\n",
            "notes/.ovnnotesignore": "fixtures/\n",
        },
    )
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    gathered = gather(["notes"], documents=True)
    assert [n.path for n in gathered.notes] == ["notes/2025.txt", "notes/2026.md", "notes/drafts/keep.txt"]
    assert [(d.code, d.path) for d in gathered.skipped] == [
        ("ONI010", "notes/LICENSE.txt"),
        ("ONI010", "notes/README.md"),
        ("ONI011", "notes/exports/datapackage.json"),
    ]
    assert gathered.problems == []
    (
        tmp_path / ".git"
    ).rmdir()  # no longer a git work tree: .gitignore means nothing, .ovnnotesignore still applies
    assert [n.path for n in gather(["notes"]).notes] == [
        "notes/2025.txt",
        "notes/2026.md",
        "notes/build/notes.txt",
        "notes/drafts/keep.txt",
        "notes/drafts/wip.txt",
    ]
    # files named are always read; a folder named is walked even when a parent's pattern excludes it
    assert [n.path for n in gather(["notes/LICENSE.txt", "notes/fixtures"]).notes] == [
        "notes/LICENSE.txt",
        "notes/fixtures/case.txt",
    ]


def test_export_only_formats_are_refused_when_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ovnnotes.jsonl").write_text('{"id": "2025-12-15"}\n')
    monkeypatch.chdir(tmp_path)
    status, stdout, _ = invoke("validate", "ovnnotes.jsonl")
    assert (status, stdout.splitlines()[0]) == (
        1,
        "ovnnotes.jsonl: error ONI003 is a JSON Lines export, which ovnnotes writes but does not read",
    )


def test_a_folder_with_nothing_to_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, {"docs/README.md": "# Docs\n"})
    monkeypatch.chdir(tmp_path)
    status, stdout, _ = invoke("validate", "docs")
    assert (status, stdout) == (
        1,
        (
            "docs: error ONI003 no notes files (.txt, .md, .json) in this folder (1 without a meeting heading or not ovnnotes documents, skipped)\n"
            "  hint: Name the files to read, or check the path.\n"
            "docs/README.md: info ONI010 no meeting heading in this file found in a folder; not read as notes\n"
            "  hint: Nothing to do if it is not notes; name the file on the command line to read it anyway, or add its meeting headings.\n"
            "1 error, 0 warnings, 1 info in 1 file\n"
        ),
    )


# -- 4. standard input --------------------------------------------------------------------------------


def test_stdin_markdown_is_detected_and_said_with_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, stdout, stderr = invoke("parse", "--verbose", "-", input=MARKDOWN)
    document = json.loads(stdout)
    assert status == 0 and document["sources"][0]["path"] == "<stdin>"
    assert [item["speakers"] for item in document["meetings"][0]["items"]] == [["dumitru-ceara"]]
    assert (
        document["meetings"][0]["items"][0]["children"][0]["nesting"] == "explicit"
    )  # read by the Markdown reader
    assert (
        "ovnnotes: standard input read as Markdown (detected: a `#` heading comes before the first bullet)"
        in stderr.splitlines()
    )
    status, _, stderr = invoke("parse", "--verbose", "-", input=SMALL)
    assert (
        "ovnnotes: standard input read as a text export (detected: no `#` heading before the first bullet)"
        in stderr.splitlines()
    )


def test_stdin_filename_picks_the_reader_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fmt_md = invoke("fmt", "--stdin-filename", "notes.md", "-", input=MARKDOWN)
    assert fmt_md == (0, invoke("fmt", "-", input=MARKDOWN)[1], "")
    assert fmt_md[1].startswith("## Dec 15, 2025 | OVN Community Meeting\n")
    status, stdout, _ = invoke(
        "validate",
        "--stdin-filename",
        "seeds/new.md",
        "--today",
        "2026-01-01",
        "-",
        input=MARKDOWN + "- (zorglub) x\n",
    )
    assert (status, stdout.splitlines()[0]) == (
        0,
        "seeds/new.md:9:4: warning ONL201 speaker 'zorglub' is not in the people registry",
    )
    # text read as a text export despite a `#` line, because the name says so
    status, stdout, _ = invoke("parse", "--stdin-filename", "notes.txt", "-", input=MARKDOWN)
    assert json.loads(stdout)["sources"][0]["path"] == "notes.txt"
    status, _, stderr = invoke("parse", "--stdin-filename", "notes.md", "-", input=b"## Dec 15, 2025\n\xff\n")
    assert (status, stderr) == (
        2,
        "ovnnotes: error: notes.md:2: invalid UTF-8 at byte offset 16; re-save the file as UTF-8 or pass --encoding-errors replace\n",
    )


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        (MARKDOWN, True),
        (SMALL, False),
        ("", False),
        ("- a bullet first\n## then a heading\n", False),
        ("#hashtag is not a heading\n- x\n", False),
        ("   ### Dec 1, 2025\n", True),
        ("    ## indented code\n- x\n", False),
    ],
)
def test_markdown_detection(text: str, markdown: bool) -> None:
    assert looks_like_markdown(text) is markdown


# -- 5. --select / --ignore and the baseline --------------------------------------------------------


def test_select_does_not_make_baseline_entries_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status, stdout, stderr = invoke("validate", "--select", "ONL", "seeds/")
    assert (status, stderr) == (0, "")
    assert (
        stdout.splitlines()[-1]
        == "1 accepted findings not shown (see seeds/validate-baseline.toml; --no-baseline shows them)"
    )


def test_a_baseline_entry_in_scope_that_matches_nothing_is_still_reported(project: Path) -> None:
    (project / "seeds" / "validate-baseline.toml").write_text(
        '[[accepted]]\ncode = "ONL205"\npath = "seeds/notes.txt"\ntext = "gone"\nwhy = "x"\n'
        '[[accepted]]\ncode = "ONL205"\npath = "seeds/other.txt"\ntext = "not checked in this run"\nwhy = "x"\n'
    )
    status, _, stderr = invoke("validate", "--today", "2026-01-01")
    assert (status, stderr) == (
        0,
        "note: baseline entry ONL205 for 'gone' matches nothing any more; remove it\n",
    )
    assert invoke("validate", "--today", "2026-01-01", "--select", "ONP")[2] == ""


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_code_or_prefix_is_a_usage_error(option: str) -> None:
    assert invoke("validate", option, "ONL", option, "XYZ", "seeds/") == (
        2,
        "",
        (
            f"ovnnotes: error: {option} XYZ: no rule has this code or prefix; use a code such as ONL205 or a prefix of one "
            "(ONI, ONP, ONL, ONR, ONS, ONJ, ONM); `ovnnotes rules` lists them; try 'ovnnotes validate --help'\n"
        ),
    )


# -- 6. --write-baseline ------------------------------------------------------------------------------


def test_write_baseline_keeps_reasons_and_counts_what_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "seeds" / "validate-baseline.toml"
    before = baseline.read_text()
    status, stdout, _ = invoke("validate", "--write-baseline", "seeds/validate-baseline.toml")
    # 21 findings: 7 accepted (their reasons kept) and 14 info, two pairs of which share a line text (one entry each)
    assert (status, stdout) == (
        0,
        (
            "wrote 19 entries to seeds/validate-baseline.toml (7 with their reason kept, 12 new: "
            "give each `TODO` a reason before committing it)\n"
        ),
    )
    after = baseline.read_text()
    assert after.count("[[accepted]]") == 19 and after.count('why = "TODO: say why this is accepted"') == 12
    assert before.split("\n\n")[0] == after.split("\n\n")[0]  # the file's own header comment is kept
    for reason in [line for line in before.splitlines() if line.startswith("why = ")]:
        assert reason in after
    # rewriting with --select only touches the selected codes; the other entries stay as they were
    status, stdout, _ = invoke(
        "validate", "--select", "ONL", "--write-baseline", "seeds/validate-baseline.toml"
    )
    assert stdout == (
        "wrote 19 entries to seeds/validate-baseline.toml (1 with their reason kept, 1 new: give each `TODO` "
        "a reason before committing it; 17 entries about other codes or files kept as they were)\n"
    )
    assert set(parse_baseline(baseline.read_text(), "b")) == set(
        parse_baseline(after, "b")
    )  # same entries, same reasons


# -- 7. a broken people registry ----------------------------------------------------------------------


def test_a_broken_registry_is_reported_once_without_the_cascade(project: Path) -> None:
    (project / "seeds" / "people.toml").write_text('[[person]]\nid = "a\nname = 1\n')
    status, stdout, _ = invoke("validate", "--today", "2026-01-01")
    assert (status, stdout) == (
        1,
        (
            "seeds/people.toml:2:8: error ONR401 The people registry is not valid TOML: Illegal character '\\n' (at line 2, column 8).\n"
            "  hint: Fix the TOML syntax; each person is a `[[person]]` table with `id` and `name`.\n"
            "1 error, 0 warnings, 0 info in 1 file\n"
            "5 findings about speakers, attendees and owners not shown: the people registry cannot be read (fix the ONR401 error first)\n"
        ),
    )
    status, stdout, _ = invoke("validate", "--today", "2026-01-01", "--format", "json")
    assert json.loads(stdout)["summary"]["not_shown"] == {"registry": 5}


# -- 8. quiet runs and rules explained -----------------------------------------------------------------


def test_quiet_and_severity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert invoke("validate", "--quiet", "seeds/") == (0, "no problems in 1 file\n", "")
    status, stdout, _ = invoke("validate", "--severity", "warning", "seeds/")
    assert (status, stdout) == (
        0,
        (
            "no problems in 1 file\n7 accepted findings not shown (see seeds/validate-baseline.toml; "
            "--no-baseline shows them)\n14 findings below warning not shown\n"
        ),
    )
    status, stdout, _ = invoke(
        "validate", "--severity", "error", "--no-baseline", "--format", "json", "seeds/"
    )
    report = json.loads(stdout)
    assert (status, report["summary"]) == (
        1,
        {"errors": 2, "warnings": 0, "info": 0, "files": 1, "not_shown": {"below_severity": 19}},
    )
    assert [d["code"] for d in report["diagnostics"]] == [
        "ONS302",
        "ONS303",
    ]  # the accepted Route proposal errors


# -- 9. progress ------------------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_only_on_a_terminal_outside_ci() -> None:
    terminal = FakeTerminal()
    assert progress.should_show(terminal, environ={})
    assert not progress.should_show(terminal, enabled=False, environ={})  # --no-progress
    assert not progress.should_show(terminal, environ={"CI": "true"})
    assert not progress.should_show(terminal, environ={"TERM": "dumb"})
    assert not progress.should_show(io.StringIO(), environ={})  # a pipe or a file


def test_progress_waits_a_second_then_draws_one_line_and_clears_it() -> None:
    now = [0.0]
    terminal = FakeTerminal()
    shown = progress.Progress(terminal, clock=lambda: now[0])
    with progress.reporting(shown):
        progress.total("formats", 4)
        for _ in range(3):
            progress.advance("files")
        assert terminal.getvalue() == ""  # quick work prints nothing
        now[0] = 1.5
        progress.advance("meetings")
        assert terminal.getvalue() == "\rovnnotes: 3 files read, 1 meetings parsed, 0/4 formats written (2 s)"
        now[0] = 1.52
        progress.advance("meetings")  # too soon to redraw
        assert terminal.getvalue().count("\r") == 1
    assert terminal.getvalue().endswith("\r" + " " * 68 + "\r")  # cleared before the command's output


def test_no_progress_in_the_runner_or_with_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert invoke("validate", "--quiet", "--no-progress", "seeds/") == (0, "no problems in 1 file\n", "")


def test_parsing_reports_meetings_to_progress() -> None:
    from ovnnotes import parse

    now = [10.0]
    terminal = FakeTerminal()
    with progress.reporting(
        progress.Progress(terminal, clock=lambda: now[0], delay=0.0, interval=0.0)
    ) as shown:
        parse(SMALL + "\nDec 8, 2025 | OVN Community Meeting\n- x\n")
        parse(MARKDOWN, path="notes.md")
        assert shown is not None and shown.counts == {"meetings": 3}


# -- 10. option mistakes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--timezone", "UTC"],
            "--timezone needs --start-time (without it the iCal events are all-day); try 'ovnnotes export --help'",
        ),
        (
            ["export", "--duration", "30"],
            "--duration needs --start-time (without it the iCal events are all-day); try 'ovnnotes export --help'",
        ),
        (
            ["export", "--format", "json", "--start-time", "15:00"],
            "--start-time is an iCal option; it does nothing with --format json; try 'ovnnotes export --help'",
        ),
        (
            ["fmt", "--check", "--write", "notes.md"],
            "--check and --write go separately: --check only reports, --write rewrites; try 'ovnnotes fmt --help'",
        ),
        (
            ["export", "--format", "xml"],
            "invalid value for '--format': 'xml' is not one of 'csv', 'ical', 'json', 'jsonl', 'sqlite', 'all'; try 'ovnnotes export --help'",
        ),
        (
            ["export", "--bogus"],
            "no such option '--bogus'; did you mean '--verbose'; try 'ovnnotes export --help'",
        ),
        (["nosuch"], "no such command 'nosuch'; try 'ovnnotes --help'"),
        (
            ["validate", "--today", "soon"],
            "invalid value for '--today': 'soon' does not match the format '%Y-%m-%d'; try 'ovnnotes validate --help'",
        ),
    ],
)
def test_option_mistakes_are_one_line_usage_errors(args: list[str], message: str) -> None:
    assert invoke(*args) == (2, "", f"ovnnotes: error: {message}\n")


def test_ical_options_with_every_format_or_check_are_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.txt").write_text(SMALL)
    monkeypatch.chdir(tmp_path)
    assert (
        invoke("export", "--format", "all", "--start-time", "15:00", "--duration", "30", "notes.txt")[0] == 0
    )
    assert invoke("export", "--check", "--start-time", "15:00", "--duration", "30", "notes.txt") == (
        0,
        "exports up to date (csv, ical, json, jsonl)\n",
        "",
    )


def test_a_missing_export_is_reported_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text(SMALL)
    monkeypatch.chdir(tmp_path)
    invoke("export", "--format", "json", "notes.txt")
    (tmp_path / "exports" / "ovnnotes.json").write_text("{}")
    (tmp_path / "exports" / "csv").mkdir()
    (tmp_path / "exports" / "csv" / "old.csv").write_text("x\n")
    status, stdout, stderr = invoke("export", "--check", "notes.txt")
    lines = stderr.splitlines()
    assert (status, stdout, lines[0]) == (
        1,
        "",
        "exports not up to date (run `ovnnotes export --format all` to update them):",
    )
    assert (
        "  exports/csv/items.csv: missing" in lines
        and "  exports/csv/old.csv: no longer written (delete it)" in lines
    )
    assert (
        "  exports/ovnnotes.json: out of date" in lines
        and "  exports/ovn-community-meetings.ics: missing" in lines
    )


# -- 11. shell completion -------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts(shell: str) -> None:
    result = CliRunner().invoke(cli, [], prog_name="ovnnotes", env={"_OVNNOTES_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and "_OVNNOTES_COMPLETE" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OVN 26.03 soft freeze on Feb 30", [(26, "Feb 30")]),
        ("release 2026-13-01", [(9, "2026-13-01")]),
        (
            "soft freeze Feb 29; we met Apr 31",
            [(13, "Feb 29")],
        ),  # no leap day near Dec 2025; no milestone word near Apr 31
        ("Soft freeze Jan 23", []),
        ("soft freeze ſep 31", []),
        ("", []),
    ],
)
def test_impossible_milestone_dates_are_found(text: str, expected: list[tuple[int, str]]) -> None:
    """ONM602: a milestone date that is no date is reported, not silently dropped."""
    import datetime as dt

    from ovnnotes.facts.milestones import impossible_dates

    assert impossible_dates(text, dt.date(2025, 12, 15)) == expected
