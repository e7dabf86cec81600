"""Faults around the files ovnnotes reads and writes, with real processes, signals and special files.

* Exports to a character device, a named pipe or ``/dev/stdout`` stream into it; the device is
  never replaced by a regular file; other special files are refused.
* SIGTERM, SIGINT and SIGHUP at several moments of a large ``export --format all``: the exports
  are all old or all new, nothing temporary is left, the exit code is 128 + the signal (or the
  command's own, for a signal that comes once it is over).
* Two exports at once take turns (a lock on each output folder); one that waits too long fails.
* Inputs: only regular files, named pipes and standard input are read, and at most --max-bytes.
* Messages: a symbolic link out of the export folder, a registry named with --people.

Every process is bounded in time (``timeout``); the tests poll for what they wait for.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ovnnotes.files import reading

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "ovn-community-meetings.txt"
SMALL = Path(__file__).resolve().parent / "cases" / "cli" / "small.txt"
OVNNOTES = [sys.executable, "-c", "from ovnnotes.cli import main; main()"]
TIMEOUT = 60
pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals, FIFOs and devices as on POSIX systems")


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*OVNNOTES, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
        **kwargs,
    )  # type: ignore[call-overload]


def default_signals() -> None:
    """In the child: SIGINT handled as in a terminal. A pytest-xdist worker ignores SIGINT, and an
    ignored signal stays ignored across exec (Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*OVNNOTES, *args],
        cwd=cwd,
        preexec_fn=default_signals,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too: a temporary file left behind shows here)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


# -- exports into special files ----------------------------------------------------------------


def _char_device(tmp_path: Path) -> Path:
    """A null device to write to: our own (mknod) as root, where a bug would replace it, else /dev/null."""
    if os.geteuid() != 0:
        return Path("/dev/null")  # not root: a rename over /dev/null would fail, not replace it
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:  # pragma: no cover - a container without CAP_MKNOD
        pytest.skip("cannot make a character device here, and /dev/null is too precious to risk as root")
    return device


def test_export_to_a_character_device_streams_into_it(tmp_path: Path) -> None:
    device = _char_device(tmp_path)
    result = run(["export", "-o", str(device), str(SMALL)], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert stat.S_ISCHR(device.stat().st_mode)  # still the device, not a 34 KB regular file
    assert not (tmp_path / "exports").exists() and hidden(device.parent) == []


def test_export_to_a_named_pipe_streams_into_it(tmp_path: Path) -> None:
    pipe = tmp_path / "calendar.ics"
    os.mkfifo(pipe)
    export = start(["export", "-o", str(pipe), str(SMALL)], tmp_path)
    with open(pipe, "rb") as reader:  # the export waits for its reader, as `cat > fifo` would
        received = reader.read()
    stdout, stderr = export.communicate(timeout=TIMEOUT)
    assert (export.returncode, stdout, stderr) == (0, "", "")
    assert received.startswith(b"BEGIN:VCALENDAR\r\n") and received.endswith(b"END:VCALENDAR\r\n")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and hidden(tmp_path) == []


def test_export_to_dev_stdout_writes_the_process_stdout(tmp_path: Path) -> None:
    expected = run(["export", "--format", "json", "-o", "-", str(SMALL)], tmp_path).stdout
    piped = run(["export", "--format", "json", "-o", "/dev/stdout", str(SMALL)], tmp_path)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, expected, "")  # no "wrote ..." mixed in
    redirected = tmp_path / "out.json"
    with open(redirected, "w") as stdout:  # `ovnnotes export -o /dev/stdout > out.json`
        result = subprocess.run(
            [*OVNNOTES, "export", "--format", "json", "-o", "/dev/stdout", str(SMALL)],
            cwd=tmp_path,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
        )
    assert (result.returncode, result.stderr) == (0, "")
    assert redirected.read_text() == expected and hidden(tmp_path) == []


def test_other_special_files_are_refused(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "socket.ics"))
        result = run(["export", "-o", "socket.ics", str(SMALL)], tmp_path)
    finally:
        sock.close()
    assert result.returncode == 2
    assert result.stderr == (
        f"ovnnotes: error: {tmp_path / 'socket.ics'}: is a socket; ovnnotes writes regular files, "
        "character devices (/dev/null) and named pipes only\n"
    )
    assert stat.S_ISSOCK((tmp_path / "socket.ics").stat().st_mode)


# -- signals during a large export -------------------------------------------------------------

COPIES = 4
"""Copies of the seed in the large notes: about 0.2 MB of notes, 3.5 MB of exports (each moment lasts tens of ms)."""


def _notes(copies: int, title: str) -> str:
    return SEED.read_text(encoding="utf-8").replace("OVN Community Meeting", title) * copies


@pytest.fixture(scope="module")
def large_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """(folder with the large notes, the old exports (of other notes), the exports of the large notes)."""
    folder = tmp_path_factory.mktemp("large")
    (folder / "old.txt").write_text(_notes(1, "Old Meeting"), encoding="utf-8")
    (folder / "notes.txt").write_text(_notes(COPIES, "New Meeting"), encoding="utf-8")
    for name, target in (("old.txt", "old"), ("notes.txt", "new")):
        result = run(["export", "--format", "all", name], folder)
        assert result.returncode == 0, result.stderr
        shutil.move(folder / "exports", folder / target)
    old, new = contents(folder / "old"), contents(folder / "new")
    assert set(old) == set(new) and old["ovnnotes.json"] != new["ovnnotes.json"]
    return folder, old, new


def _temporary(exports: Path) -> int:
    count = 0
    for folder in (exports, exports / "csv"):
        try:
            count += sum(1 for entry in os.scandir(folder) if entry.name.endswith(".tmp"))
        except FileNotFoundError:
            pass
    return count


def _moment(name: str, exports: Path, process: subprocess.Popen[str], inode: int) -> bool:
    """Whether the moment to send the signal has come."""
    if name == "starting":
        return True
    if name == "writing the first file":
        return _temporary(exports) >= 1
    if name == "writing the last files":
        return _temporary(exports) >= 12
    return (exports / "ovnnotes.json").stat().st_ino != inode  # "renaming": the first file is in place


MOMENTS = [
    ("starting", signal.SIGTERM),
    ("writing the first file", signal.SIGTERM),
    ("writing the last files", signal.SIGTERM),
    ("renaming", signal.SIGTERM),
    ("writing the first file", signal.SIGINT),
    ("writing the last files", signal.SIGHUP),
]


@pytest.mark.parametrize(("moment", "signum"), MOMENTS, ids=[f"{m}-{s.name}" for m, s in MOMENTS])
def test_a_signal_leaves_the_old_exports_or_the_new_ones(
    large_export: tuple[Path, dict[str, bytes], dict[str, bytes]],
    tmp_path: Path,
    moment: str,
    signum: signal.Signals,
) -> None:
    folder, old, new = large_export
    shutil.copytree(folder / "old", tmp_path / "exports")
    shutil.copy(folder / "notes.txt", tmp_path / "notes.txt")
    exports = tmp_path / "exports"
    inode = (exports / "ovnnotes.json").stat().st_ino
    process = start(["export", "--format", "all", "notes.txt"], tmp_path)
    deadline = time.monotonic() + TIMEOUT
    if moment == "starting":
        time.sleep(0.4)  # Python is up; the notes are being read and parsed
    while process.poll() is None and not _moment(moment, exports, process, inode):
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.001)  # each moment lasts far longer; polling flat out took a core from the export
    sent = process.poll() is None
    assert sent or moment == "starting", (
        f"the export ended before {moment} was seen: give it larger notes (COPIES)"
    )
    if sent:
        process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=TIMEOUT)
    after = contents(exports)
    seen = f"{signum.name} while {moment}: exit {process.returncode}, {'new' if after == new else 'old' if after == old else 'mixed'} files, {stderr!r}"
    assert after in (old, new), seen
    assert hidden(exports) == []
    if sent and process.returncode != 0:
        if moment == "starting" and process.returncode == -signum:
            return  # killed before Python installed its handlers: nothing was written yet either
        assert process.returncode == 128 + signum, seen
        assert stderr == f"ovnnotes: error: interrupted by {signum.name}; no file was left half-written\n"
    if moment.startswith("writing") and after == new:
        assert process.returncode in (0, 128 + signum), (
            seen
        )  # the writes were done: the renames were not cut short
    if moment == "renaming":
        assert after == new, seen  # once renaming has started, it finishes


def test_a_signal_after_the_command_does_not_change_its_exit_status(tmp_path: Path) -> None:
    """CI saw exit -15 with every new file in place: SIGTERM came while the interpreter was ending,
    when Python has put the default handlers back. Once the command is over the signals are ignored."""
    code = (
        "import signal, sys\n"
        "from ovnnotes.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    status = exit.code\n"
        "print(status, [signal.getsignal(s) is signal.SIG_IGN for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)])\n"
    )
    shutil.copy(SMALL, tmp_path / "notes.txt")
    done = subprocess.run(
        [sys.executable, "-c", code, "validate", "notes.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=default_signals,
    )
    assert (done.stdout, done.stderr) == ("no problems in 1 file\n0 [True, True, True]\n", "")


def test_sigint_is_not_clicks_aborted(tmp_path: Path) -> None:
    """Ctrl-C printed click's `Aborted!` and exited 1 ("problems found")."""
    process = subprocess.Popen(
        [*OVNNOTES, "validate", "-"],
        cwd=tmp_path,
        preexec_fn=default_signals,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write("Dec 15, 2025 | OVN Community Meeting\n")
    process.stdin.flush()
    time.sleep(0.5)  # reading standard input, which never ends
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, stdout, stderr) == (
        130,
        "",
        "ovnnotes: error: interrupted by SIGINT; no file was left half-written\n",
    )


# -- two exports at once -----------------------------------------------------------------------


def _hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the export folder's lock for ``seconds``."""
    code = (
        "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX); "
        "print('locked', flush=True); time.sleep(float(sys.argv[2]))"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_an_export_waits_for_the_lock_then_fails_clearly(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    holder = _hold_lock(tmp_path / "exports", 30)
    try:
        started = time.monotonic()
        result = run(["export", str(SMALL)], tmp_path, env={"OVNNOTES_LOCK_TIMEOUT": "0.5"})
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.communicate(timeout=TIMEOUT)
    assert result.returncode == 2 and waited >= 0.5
    assert result.stderr == (
        f"ovnnotes: error: {tmp_path / 'exports'}: another ovnnotes process is writing here (waited 0.5 s); "
        "try again when it has finished, or set OVNNOTES_LOCK_TIMEOUT to wait longer\n"
    )
    assert contents(tmp_path / "exports") == {}


def test_an_export_waits_while_another_one_writes(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    holder = _hold_lock(tmp_path / "exports", 0.5)
    try:
        result = run(["export", str(SMALL)], tmp_path)  # the default wait (10 s) is long enough
    finally:
        holder.communicate(timeout=TIMEOUT)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "wrote exports/ovn-community-meetings.ics\n"


def test_two_exports_at_once_do_not_mix_their_files(tmp_path: Path) -> None:
    """Forced overlap without the lock mixed the files in 3 of 3 runs."""
    notes = {name: _notes(2, f"{name} Meeting") for name in ("First", "Second")}
    expected = {}
    for name, text in notes.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        assert run(["export", "--format", "all", f"{name}.txt"], tmp_path).returncode == 0
        expected[name] = contents(tmp_path / "exports")
        shutil.rmtree(tmp_path / "exports")
    for _ in range(2):
        processes = [start(["export", "--format", "all", f"{name}.txt"], tmp_path) for name in notes]
        for process in processes:
            _stdout, stderr = process.communicate(timeout=TIMEOUT)
            assert process.returncode == 0, stderr
        assert contents(tmp_path / "exports") in expected.values()


# -- inputs ------------------------------------------------------------------------------------


def test_an_endless_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    producer = subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('- more notes\\n' * 1000)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        result = subprocess.run(
            [*OVNNOTES, "parse", "--max-bytes", "4M", "-"],
            stdin=producer.stdout,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    finally:
        producer.kill()
        producer.communicate(timeout=TIMEOUT)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "ovnnotes: error: <stdin>: larger than 4 MB, the most ovnnotes reads from one input; "
        "check that this is the notes file, or raise the limit with --max-bytes\n"
    )


def test_dev_zero_stops_at_once(tmp_path: Path) -> None:
    for args, status, stdout, stderr in (
        (
            ["validate", "/dev/zero"],
            1,  # validate reports an unreadable file as a finding and goes on
            "/dev/zero: error ONI003 is a character device, not a file\n  hint: Give a notes file (or `-` to read standard input).\n"
            "1 error, 0 warnings, 0 info in 1 file\n",
            "",
        ),
        (
            ["parse", "/dev/zero"],
            2,
            "",
            "ovnnotes: error: /dev/zero: is a character device, not a file; give a notes file (or `-` to read standard input)\n",
        ),
        (
            ["parse", "-"],
            2,
            "",
            "ovnnotes: error: <stdin>: looks like a binary file (it contains NUL bytes); give a notes text file\n",
        ),
    ):
        with open("/dev/zero", "rb") as zero:
            started = time.monotonic()
            result = subprocess.run(
                [*OVNNOTES, *args], stdin=zero, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT
            )
        assert (result.returncode, result.stdout, result.stderr) == (status, stdout, stderr)
        assert time.monotonic() - started < 10


def test_notes_from_a_named_pipe_are_read(tmp_path: Path) -> None:
    pipe = tmp_path / "notes.txt"
    os.mkfifo(pipe)
    process = start(["validate", "--today", "2026-01-01", str(pipe)], tmp_path)
    with open(pipe, "wb") as writer:
        writer.write(SMALL.read_bytes())
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, stdout, stderr) == (0, "no problems in 1 file\n", "")


def test_the_default_limit_is_far_above_real_notes() -> None:
    assert reading.DEFAULT_MAX_BYTES == 256 * 1024 * 1024 > 1000 * SEED.stat().st_size
    with pytest.raises(reading.InputError, match="larger than 10 bytes"):
        reading.read(str(SEED), max_bytes=10)
    assert reading.read(str(SEED)).text  # the limit is back to the default


# -- messages ----------------------------------------------------------------------------------


def test_a_symlink_out_of_the_exports_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "ovn-community-meetings.ics").symlink_to(tmp_path / "elsewhere.ics")
    result = run(["export", str(SMALL)], tmp_path)
    link = tmp_path / "exports" / "ovn-community-meetings.ics"
    assert result.returncode == 2
    assert result.stderr == (
        f"ovnnotes: error: {link}: is a symbolic link to {tmp_path / 'elsewhere.ics'}; refusing to write "
        f"outside {tmp_path / 'exports'} through it (remove the link, or give the real path)\n"
    )
    assert not (tmp_path / "elsewhere.ics").exists()


def test_hints_name_the_registry_given_with_people(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ovnnotes.cli import cli

    (tmp_path / "team.toml").write_text(
        '[[person]]\nid = "ada-lovelace"\nname = "Ada Lovelace"\naliases = ["ada"]\nemails = []\n'
    )
    (tmp_path / "notes.txt").write_text(
        "Dec 15, 2025 | OVN Community Meeting\n\nAttendees: Charles Babbage\n\nNotes\n\n- (adaa) topic\n"
    )
    result = CliRunner().invoke(
        cli,
        [
            "validate",
            "--today",
            "2026-01-01",
            "--people",
            str(tmp_path / "team.toml"),
            str(tmp_path / "notes.txt"),
        ],
    )
    notes = tmp_path / "notes.txt"
    assert result.output == (
        f"{notes}:3:12: warning ONL202 attendee 'Charles Babbage' is not in the people registry\n"
        f"  hint: Add the person to `{tmp_path / 'team.toml'}`, or fix the spelling.\n"
        f"{notes}:7:4: warning ONL201 speaker 'adaa' is not in the people registry\n"
        f"  hint: Did you mean ada (Ada Lovelace)? Otherwise: add the person or the alias to `{tmp_path / 'team.toml'}`, or fix the spelling.\n"
        "0 errors, 2 warnings, 0 info in 1 file\n"
    )


def test_the_readme_examples_of_limits_and_guarantees(tmp_path: Path) -> None:
    """The commands of the README's "Limits and guarantees" section, run as written (as root, /dev/null is our own device)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits and guarantees", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]
    assert len(commands) == 3
    (tmp_path / "seeds").mkdir()
    shutil.copy(SMALL, tmp_path / "seeds" / "small.txt")
    device = str(_char_device(tmp_path))
    for words in commands:
        env = {}
        while "=" in words[0]:  # VARIABLE=value before the command
            name, value = words.pop(0).split("=", 1)
            env[name] = value
        args = [device if word == "/dev/null" else word for word in words]
        assert args[0] == "ovnnotes"
        result = run(args[1:] + ([] if "seeds/" in args else ["seeds/"]), tmp_path, env=env)
        assert (result.returncode, result.stderr) == (0, ""), (words, result.stderr)
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [
        "csv",
        "ovn-community-meetings.ics",
        "ovnnotes.fingerprint",
        "ovnnotes.json",
        "ovnnotes.jsonl",
    ]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            RecursionError("maximum recursion depth exceeded"),
            "the input is nested too deeply to be processed; flatten it (e.g. fewer nested lists or arrays)",
        ),
        (
            MemoryError(),
            "not enough memory to process the input; give smaller inputs (or lower --max-bytes to refuse them early)",
        ),
    ],
)
def test_resource_errors_are_input_errors_not_internal_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, message: str
) -> None:
    """Deep nesting or too little memory (`ulimit -v`) gave `internal error: MemoryError` with exit 1."""
    from test_hostile import run_main

    from ovnnotes import api

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(api, "parse_gathered", fail)
    outcome = run_main(["parse", str(SMALL)], tmp_path)
    assert (outcome.exit, outcome.stdout, outcome.stderr) == (2, "", f"ovnnotes: error: {message}\n")


def test_an_internal_error_has_its_own_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_hostile import run_main

    from ovnnotes import api

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(api, "parse_gathered", fail)
    outcome = run_main(["parse", str(SMALL)], tmp_path)
    assert outcome.exit == 3  # not 1: CI must not read a bug as "problems found"
    assert (
        outcome.stderr
        == "ovnnotes: error: internal error: KeyError: 'bug' (rerun with --debug for details and report it)\n"
    )
