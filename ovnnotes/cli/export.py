"""``ovnnotes parse`` and ``ovnnotes export``: the document as JSON, and the exports."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from .app import cli, fail, usage
from .options import NotesInputs, notes_inputs

FORMATS = (
    "csv",
    "ical",
    "json",
    "jsonl",
)  # ovnnotes.writers.exporters.EXPORTER_MODULES, kept light here (a test checks they agree)
UNCHECKED_FORMATS = (
    "sqlite",
)  # binary, differs across SQLite versions: not in `all`, not committed, not checked
EXPORTS_DIR = Path("exports")
ICAL_OPTIONS = ("start_time", "timezone", "duration")


@cli.command("parse")
@notes_inputs()
def parse_command(notes: NotesInputs) -> None:
    """Print the parsed document as JSON.

    INPUTS are notes files or folders; `-` reads standard input; none, the project's seeds/.

    Example: ovnnotes parse seeds/ovn-community-meetings.txt
    """
    document = notes.document()
    from ..writers.exporters import render

    sys.stdout.buffer.write(render(document, "json")["ovnnotes.json"])


@dataclass(frozen=True)
class CalendarOptions:
    """The iCal options of ``export``, as given."""

    start_time: str | None
    timezone: str | None
    duration: int
    no_milestones: bool
    no_todos: bool
    owner: str | None
    given: tuple[str, ...]
    """The ones of ``ICAL_OPTIONS`` given on the command line."""

    def export_options(self) -> Any:
        from ..writers.exporters import ExportOptions

        return ExportOptions(
            start_time=_parse_time(self.start_time),
            timezone=_check_timezone(self.timezone),
            duration_minutes=self.duration,
            milestones=not self.no_milestones,
            todos=not self.no_todos,
            owner=self.owner,
        )


def calendar_options(function: Any) -> Any:
    """``--start-time``, ``--timezone``, ``--duration``, ``--no-milestones``, ``--no-todos``, ``--owner``, as ``calendar: CalendarOptions``."""
    import functools

    @functools.wraps(function)
    def wrapper(
        *args: Any,
        start_time: str | None,
        timezone: str | None,
        duration: int,
        no_milestones: bool,
        no_todos: bool,
        owner: str | None,
        **kwargs: Any,
    ) -> Any:
        context = click.get_current_context()
        given = tuple(
            name
            for name in ICAL_OPTIONS
            if context.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
        )
        return function(
            *args,
            calendar=CalendarOptions(start_time, timezone, duration, no_milestones, no_todos, owner, given),
            **kwargs,
        )

    for decorator in reversed(
        [
            click.option(
                "--start-time", help="iCal: make timed events starting at HH:MM (default: all-day events)."
            ),
            click.option(
                "--timezone",
                help="iCal: IANA time zone of --start-time, e.g. Europe/Brussels (default: UTC).",
            ),
            click.option(
                "--duration",
                type=click.IntRange(1, 24 * 60),
                default=60,
                show_default=True,
                help="iCal: event length in minutes.",
            ),
            click.option("--no-milestones", is_flag=True, help="iCal: leave the release milestones out."),
            click.option("--no-todos", is_flag=True, help="iCal: leave the action items (to-dos) out."),
            click.option(
                "--owner",
                metavar="ID",
                help="iCal: only this person's to-dos (a person id, name or alias): a per-person feed.",
            ),
        ]
    ):
        wrapper = decorator(wrapper)
    return wrapper


@cli.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice([*FORMATS, *UNCHECKED_FORMATS, "all"]),
    default="ical",
    show_default=True,
    help="Output format; `all` writes every format but sqlite under exports/.",
)
@click.option(
    "-o",
    "--output",
    help="File (or folder for csv) to write; `-` for standard output. Default: under exports/.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if the files under exports/ are not up to date (all formats unless --format is given).",
)
@calendar_options
@notes_inputs()
@click.pass_context
def export_command(
    context: click.Context,
    format_: str,
    output: str | None,
    check: bool,
    calendar: CalendarOptions,
    notes: NotesInputs,
) -> None:
    """Export the notes as JSON, JSON Lines, CSV (with a Frictionless datapackage), iCal or SQLite.

    Files go under exports/ unless -o is given; every file is written atomically, so a failed
    export leaves the previous files as they were. SQLite writes a database with full-text search
    and its Datasette metadata (NAME.metadata.json beside it); being binary and different across
    SQLite versions, it is not part of `all` nor of --check.

    Example: ovnnotes export --format ical
    """
    run_export(context, format_, output, check, calendar, notes)


def run_export(
    context: click.Context,
    format_: str,
    output: str | None,
    check: bool,
    calendar: CalendarOptions,
    notes: NotesInputs,
) -> None:
    """What ``export`` does with its options (also ``check``'s second half, with ``--format all --check``)."""
    from .. import __version__, progress
    from ..files.fingerprint import NAME as FINGERPRINT
    from ..files.writing import export_status, is_stream, write_staged
    from ..writers.exporters import exporter, facts_for, render, render_parts

    format_given = context.get_parameter_source("format_") is not click.core.ParameterSource.DEFAULT
    _check_calendar_options(format_ if format_given else None, calendar)
    if (calendar.no_milestones or calendar.no_todos or calendar.owner) and format_ != "ical":
        usage("--no-milestones, --no-todos and --owner are iCal options; they go with --format ical")
    options = calendar.export_options()
    if check and format_ in UNCHECKED_FORMATS:
        usage(
            f"--check does not check --format {format_}: its binary file differs across SQLite versions, so it is not committed"
        )
    if format_ in UNCHECKED_FORMATS and output not in (None, "-") and not Path(output).is_dir():
        options = replace(options, database_file=Path(output).name)  # NAME.db and NAME.metadata.json
    formats = list(FORMATS) if format_ == "all" or (check and not format_given) else [format_]
    if output is not None and len(formats) > 1:
        fail("-o goes with one format; --format all writes under exports/")
    fingerprinted = formats == list(FORMATS) and output is None and _default_run(calendar, notes)
    exports_dir = _exports_dir()
    with notes.progress_line():  # one progress line for reading, parsing and rendering
        facts = facts_for(formats)  # only what the formats write
        parsed = notes.parsed(facts)
        document = parsed.document
        latest = document.meetings[-1].date if document.meetings else None
        validated = None
        if fingerprinted:  # the fingerprint's validation, now: of this document, with the texts read
            from ..checks.fingerprints import validate
            from ..checks.validate import ParsedNotes

            reuse = ParsedNotes.of(
                document,
                parsed.gathered,
                parsed.choice,
                encoding_errors=notes.encoding_errors,  # type: ignore[arg-type]
                facts=facts,
                registry_problems=parsed.registry_problems,
            )
            validated = validate(notes.names, latest, reuse)
            del reuse
        del parsed  # the notes' texts: only the document is kept while rendering
        notes.say(f"exports: {exports_dir.resolve() if output is None else output}")
        progress.total("formats", len(formats))
        hashes: dict[str, str] = {}
        exclusive: list[str] = []

        in_parts = not check and output != "-"  # written: never a whole JSON text in memory

        def rendered() -> Iterator[tuple[str, Path, dict[str, Any]]]:
            """Each format's files in turn, rendered when asked for: one format in memory at a time
            (and the JSON ones one meeting at a time, when written: ``exporters.render_parts``)."""
            for name in formats:
                several = exporter(name).DEFAULT_PATH.endswith("/")  # a folder of files
                made: Any
                if in_parts:  # a folder's files stay an iterator: made one at a time
                    made = render_parts(document, name, options)
                    if not several:  # one file: its parts are written as they come
                        made = dict(made)
                    elif (
                        len(formats) == 1
                    ):  # the files of one folder, whole (messages name the first by name)
                        made = {
                            name: data if isinstance(data, bytes) else b"".join(data) for name, data in made
                        }
                else:
                    made = render(document, name, options)
                folder, files_made = _targets(name, output, made, exports_dir)
                files: Any = files_made
                if fingerprinted:
                    relative = folder.relative_to(exports_dir).as_posix()
                    prefix = "" if relative == "." else relative + "/"
                    if several:
                        exclusive.append(prefix)
                    pairs = files.items() if isinstance(files, dict) else files
                    files = ((file, _hashed(data, hashes, prefix + file)) for file, data in pairs)
                    files = files if in_parts and several and len(formats) > 1 else dict(files)
                yield name, folder, files
                progress.advance("formats")

        def with_fingerprint() -> Iterator[tuple[str, Path, dict[str, Any]]]:
            yield from rendered()
            if fingerprinted:
                data = build_fingerprint(__version__, notes.names, latest, hashes, exclusive, validated)
                if data is not None:
                    yield "fingerprint", exports_dir, {FINGERPRINT: data}

        if check:
            found = [
                (name, _relative(folder / file), status)
                for name, folder, files in with_fingerprint()
                for file, status in export_status(folder, files, exclusive=len(files) > 1)
            ]
            problems = [(shown, status) for name, shown, status in found if name != "fingerprint"]
            for _, shown, status in (entry for entry in found if entry[0] == "fingerprint"):
                # a cache, not an export: stale, it only makes `ovnnotes check` do the full check
                notes.say(
                    f"{shown} is {status}, so `ovnnotes check` runs in full; `ovnnotes export --format all` writes it"
                )
        elif output == "-":
            ((_, _, files),) = list(rendered())
            if len(files) != 1:
                fail(f"--format {format_} writes {len(files)} files; give -o FOLDER instead of -o -")
            sys.stdout.buffer.write(next(iter(files.values())))
            return
        else:  # one write for all formats: all of them are updated or none is
            top = exports_dir if len(formats) > 1 else None
            groups = (
                _under(top, folder, files) if top is not None else (folder, files)
                for _, folder, files in with_fingerprint()
            )
            if top is not None:
                written = write_staged(top, (files for _, files in groups))
            else:
                ((folder, files),) = list(groups)
                written = write_staged(folder, [files])
    if check:
        if problems:
            click.echo(
                "exports not up to date (run `ovnnotes export --format all` to update them):", err=True
            )
            for shown, status in problems:
                click.echo(f"  {shown}: {status}", err=True)
            sys.exit(1)
        click.echo(f"exports up to date ({', '.join(formats)})")
        return
    for path in written:
        if not is_stream(path):  # `-o /dev/stdout`: the export itself is the output
            click.echo(f"wrote {_relative(path)}")


def _hashed(data: Any, hashes: dict[str, str], key: str) -> Any:
    """``data`` (bytes, or an iterator of parts), its sha256 put in ``hashes[key]`` (for parts: once
    the writer has taken the last one)."""
    import hashlib

    if isinstance(data, bytes):
        hashes[key] = hashlib.sha256(data).hexdigest()
        return data

    def parts() -> Iterator[bytes]:
        digest = hashlib.sha256()
        for part in data:
            digest.update(part)
            yield part
        hashes[key] = digest.hexdigest()

    return parts()


def _under(top: Path, folder: Path, files: Any) -> tuple[Path, Any]:
    """A format's files (a dict, or an iterator of pairs) named relative to ``top`` (exports/), for one write of every format."""
    prefix = folder.relative_to(top)
    pairs = files.items() if isinstance(files, dict) else files
    return top, (((prefix / name).as_posix(), data) for name, data in pairs)


def _default_run(calendar: CalendarOptions, notes: NotesInputs) -> bool:
    """Whether an export of every format is the one ``check`` compares with: default options, files
    named (not standard input); only then is the fingerprint written (``files.fingerprint``)."""
    return (
        not calendar.given
        and not (calendar.no_milestones or calendar.no_todos or calendar.owner)
        and notes.people is None
        and notes.encoding_errors == "strict"
        and notes.stdin_filename is None
        and "-" not in notes.names
    )


def build_fingerprint(
    version: str,
    names: Sequence[str],
    latest: dt.date | None,
    hashes: dict[str, str],
    exclusive: Sequence[str],
    validated: Any = None,
) -> bytes | None:
    """The fingerprint for an export of every format (``checks.fingerprints.build``)."""
    from ..checks.fingerprints import build

    return build(version, names, latest, hashes, exclusive, validated)


def _check_calendar_options(format_: str | None, calendar: CalendarOptions) -> None:
    """Options that mean nothing together are usage errors, not silently ignored."""
    flags = {name: "--" + name.replace("_", "-") for name in ICAL_OPTIONS}
    if calendar.given and format_ not in (None, "ical", "all"):
        usage(f"{flags[calendar.given[0]]} is an iCal option; it does nothing with --format {format_}")
    if calendar.start_time is None and calendar.given:
        usage(f"{flags[calendar.given[0]]} needs --start-time (without it the iCal events are all-day)")


def _exports_dir() -> Path:
    """`exports/` of the project the working directory is in, else `./exports/` (``files.locations``)."""
    from ..files.locations import locate

    return Path(_relative(locate().exports))


def _targets(
    name: str, output: str | None, files: dict[str, Any], exports_dir: Path = EXPORTS_DIR
) -> tuple[Path, dict[str, Any]]:
    """The folder to write a format's files into, and the files under their final names."""
    from ..writers.exporters import exporter

    default_path: str = exporter(name).DEFAULT_PATH
    if default_path.endswith("/"):
        return (Path(output) if output else exports_dir / default_path.rstrip("/")), files
    target = Path(output) if output and output != "-" else exports_dir / default_path
    if output and target.is_dir():  # -o FOLDER; a folder in the way of the default file is an error
        target = target / default_path
    if (
        len(files) > 1
    ):  # a file and its companions (sqlite: NAME.metadata.json), named after the target already
        return target.parent, files
    return target.parent, {target.name: next(iter(files.values()))}


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse_time(value: str | None) -> dt.time | None:
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        fail(f"--start-time {value!r}: give a time as HH:MM, e.g. 15:00")


def _check_timezone(value: str | None) -> str | None:
    if value is None:
        return None
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail(
            f"--timezone {value!r}: not a known IANA time zone (e.g. Europe/Brussels, America/New_York, UTC)"
        )
    return value
