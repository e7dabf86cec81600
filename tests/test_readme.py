"""Every command the README shows is run, so that no example can rot (as sqlite-utils and check-jsonschema do).

What counts as an example, found by reading ``README.md`` (so new examples are run without
touching this file):

* each line of a ```` ```sh ```` block (one test per block, lines in order, so a line may use a
  file an earlier one wrote): in a chain (`a && b`) the `ovnnotes` commands are run and the
  install and test steps skipped (``test_wheel.py`` installs a wheel; CI runs the test command);
  `eval "$(COMMAND)"` runs COMMAND (the script is for the reader's own shell);
* the example column of the command table;
* `entry:` and `run:` lines of ```` ```yaml ```` blocks that run `ovnnotes`;
* ```` ```text ```` blocks whose first line is `$ ovnnotes ...`: the rest of the block must be
  exactly its output;
* ```` ```python ```` blocks, executed.

All of them run in one sandbox, a copy of the project's `seeds/`, `schema/` and `exports/` with
the few files the examples name (``FIXTURES``), as the user would in a checkout. A command with
shell syntax (pipes, redirections) runs in bash with the test environment's `ovnnotes` first on
`PATH`; the others run in-process through click's runner (fast). Each must exit 0, unless
``EXIT`` says otherwise; a line whose pipeline needs a tool that is missing is skipped with the
reason (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ovnnotes.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent

FIXTURES: dict[str, str | Path] = {
    "ovn-sb.ovsschema": ROOT
    / "tests"
    / "ovsdb"
    / "zoo.ovsschema",  # an upstream schema to compare proposals with
    "new.md": "## Jan 12, 2026 | OVN Community Meeting\n\nAttendees: Dumitru Ceara\n\n### Agenda\n\n- (dceara) soft freeze status\n",
    "home/.config/fish/completions/.keep": "",  # where fish users keep completions
}
EXIT = {"ovnnotes schemas --against ovn-sb.ovsschema": 1}
"""Examples documented to exit non-zero (`schemas` exits 1 when a proposal has errors)."""
SHELL_SYNTAX = re.compile(r"[|<>;&`$]")


@dataclass(frozen=True)
class Example:
    where: str
    lines: tuple[str, ...]
    kind: str = "sh"  # sh, output, python
    expected: str = ""


def _blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """(language, line number, lines) of each fenced block."""
    blocks, current, language, start = [], None, "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        fence = re.match(r"\s*```(\S*)\s*$", line)
        if fence and current is None:
            current, language, start = [], fence.group(1), number
        elif fence:
            blocks.append((language, start, current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _ovnnotes_commands(line: str) -> list[str]:
    """The `ovnnotes` commands of a shell line (`.venv/bin/ovnnotes` counts; install/test steps do not)."""
    if not re.search(r"(^|[\s/])ovnnotes(\s|\)|$)", line):
        return []
    if " && " not in line:
        return [line]
    parts = [part.strip() for part in line.split(" && ")]
    return [
        re.sub(r"^\S*/ovnnotes\b", "ovnnotes", part) for part in parts if re.match(r"(\S*/)?ovnnotes\s", part)
    ]


def examples() -> list[Example]:
    found: list[Example] = []
    for language, start, raw in _blocks(README):
        where = f"README.md:{start}"
        indent = min((len(line) - len(line.lstrip()) for line in raw if line.strip()), default=0)
        lines = (
            [line[indent:] for line in raw]
            if language in ("text", "python")
            else [line.strip() for line in raw]
        )
        if language in ("sh", "bash", "console", "shell"):
            commands = [
                c for line in lines if line and not line.startswith("#") for c in _ovnnotes_commands(line)
            ]
            if commands:
                found.append(Example(where, tuple(commands)))
        elif language == "yaml":
            commands = [
                m.group(1)
                for line in lines
                if (m := re.match(r"-?\s*(?:entry|run):\s*(ovnnotes\s.*)$", line))
            ]
            found += [Example(f"{where} {c}", (c,)) for c in commands]
        elif language == "text" and lines and lines[0].startswith("$ ovnnotes "):
            found.append(Example(where, (lines[0][2:],), "output", "\n".join(lines[1:]) + "\n"))
        elif language == "python":
            found.append(Example(where, tuple(lines), "python"))
    for row in re.findall(r"^\| `[a-z]+` \|.*\| `(ovnnotes [^`]+)` \|$", README, re.MULTILINE):
        found.append(Example(f"README.md table: {row}", (row,)))
    return found


EXAMPLES = examples()


def test_the_readme_has_examples_of_every_command() -> None:
    commands = " ".join(line for example in EXAMPLES for line in example.lines)
    assert all(f"ovnnotes {name}" in commands for name in cli.commands), sorted(cli.commands)
    assert len(EXAMPLES) >= 20


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    for folder in ("seeds", "schema", "exports"):
        shutil.copytree(ROOT / folder, root / folder)
    for name, content in FIXTURES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, root / name)
        else:
            (root / name).write_text(content, encoding="utf-8")
    return root


def _run(command: str, cwd: Path) -> tuple[int, str, str]:
    eval_ = re.fullmatch(r'eval "\$\((.*)\)"(?:\s+#.*)?', command)
    if eval_:  # the script is for the reader's shell: check that it is produced
        code, out, err = _run(eval_.group(1), cwd)
        return (code if out.strip() else 1), out, err
    if SHELL_SYNTAX.search(command.split(" #")[0]) or re.match(
        r"\w+=", command
    ):  # shell syntax, or VAR=value first
        tools = {
            word
            for part in re.split(r"[|&;]", command.split(" #")[0])
            if (words := part.split())
            for word in words[:1]
        }
        missing = sorted(
            tool
            for tool in tools
            if "=" not in tool and shutil.which(tool, path=f"{BIN}:{os.environ.get('PATH', '')}") is None
        )
        if missing:
            pytest.skip(f"{command!r} needs {', '.join(missing)}, not installed here (.ci/run installs it)")
        env = {
            **os.environ,
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "HOME": str(cwd / "home"),
            "CI": "true",
        }
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            check=False,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr
    args = shlex.split(command, comments=True)
    assert args[0] == "ovnnotes", command
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, args[1:])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.where)
def test_readme_example(example: Example, sandbox: Path) -> None:
    if example.kind == "python":
        old = Path.cwd()
        os.chdir(sandbox)
        try:
            exec(compile("\n".join(example.lines), example.where, "exec"), {})
        finally:
            os.chdir(old)
        return
    for command in example.lines:
        code, stdout, stderr = _run(command, sandbox)
        expected = EXIT.get(command.split(" #")[0].strip(), 0)
        assert code == expected, (
            f"{command}: exit {code}\n--- stdout\n{stdout[-2000:]}\n--- stderr\n{stderr[-2000:]}"
        )
        if example.kind == "output":
            assert stdout == example.expected, command
