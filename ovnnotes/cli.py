"""The ``ovnnotes`` command: a thin layer over the library API.

Each command turns its options into library calls and decides the exit code; the work is done
in ``ovnnotes.api``, the exporters and the validators. Heavy modules (pydantic, jsonschema,
icalendar, ovs) are imported inside the commands that need them, so ``--version`` and ``--help``
start fast. Exit codes: 0 success, 1 problems found (or stale exports), 2 usage or input errors,
3 an internal error (a bug to report), 128 + N when killed by signal N (130 SIGINT, 143 SIGTERM).
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import sys
import traceback
from collections.abc import Collection
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__

FORMATS = ("csv", "ical", "json", "jsonl")  # ovnnotes.exporters.EXPORTER_MODULES, kept light here
REPORT_FORMATS = ("github", "json", "text")
EXPORTS_DIR = Path("exports")


class _State:
    debug = False


def _fail(message: str, code: int = 2) -> NoReturn:
    # One line, whatever the message quotes (a file name or a value may hold a newline).
    message = re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], message)
    click.echo(f"ovnnotes: error: {message}", err=True)
    sys.exit(code)


def _input_error(error: Exception) -> NoReturn:
    if _State.debug:
        traceback.print_exc()
    _fail(str(error), getattr(error, "exit_code", 2))


def _document(inputs: tuple[str, ...], encoding_errors: str, people: str | None, facts: Collection[str] | None = None) -> Any:
    """Parse the inputs; ``facts`` (default all) limits the facts extracted to what the command shows."""
    from . import api
    from .io import OvnnotesError

    try:
        registry = None
        if people:
            registry = _registry(people)
        kinds = api.KINDS if facts is None else facts
        return api.parse_paths(list(inputs), registry=registry, encoding_errors=encoding_errors, facts=kinds)  # type: ignore[arg-type]
    except OvnnotesError as error:
        _input_error(error)


def _registry(path: str) -> Any:
    from . import load
    from .people import parse_registry

    people = load.read(path)
    registry, problems = parse_registry(people.text, people.path)
    if any(d.severity.value == "error" for d in problems):
        first = next(d for d in problems if d.severity.value == "error")
        _fail(f"{first.path}:{first.line}: {first.message}")
    return registry


inputs_argument = click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
encoding_option = click.option(
    "--encoding-errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="What to do with bytes that are not UTF-8: refuse the file, or replace them with U+FFFD.",
)
people_option = click.option(
    "--people", type=click.Path(dir_okay=False), help="People registry (TOML). Default: people.toml beside the notes, else the bundled one."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ovnnotes")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
def cli(debug: bool) -> None:
    """Turn the OVN community meeting notes into structured, validated, exportable data.

    With no INPUTS, commands use the notes bundled in seeds/.
    """
    _State.debug = debug


@cli.command("parse")
@inputs_argument
@encoding_option
@people_option
def parse_command(inputs: tuple[str, ...], encoding_errors: str, people: str | None) -> None:
    """Print the parsed document as JSON.

    INPUTS are notes files or folders; `-` reads standard input.

    Example: ovnnotes parse seeds/ovn-community-meetings.txt
    """
    document = _document(inputs, encoding_errors, people)
    from .exporters import render

    sys.stdout.buffer.write(render(document, "json")["ovnnotes.json"])


@cli.command("export")
@inputs_argument
@click.option("--format", "format_", type=click.Choice([*FORMATS, "all"]), default="ical", show_default=True, help="Output format; `all` writes every format under exports/.")
@click.option("-o", "--output", help="File (or folder for csv) to write; `-` for standard output. Default: under exports/.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the files under exports/ are not up to date (all formats unless --format is given).")
@click.option("--start-time", help="iCal: make timed events starting at HH:MM (default: all-day events).")
@click.option("--timezone", help="iCal: IANA time zone of --start-time, e.g. Europe/Brussels (default: UTC).")
@click.option("--duration", type=click.IntRange(1, 24 * 60), default=60, show_default=True, help="iCal: event length in minutes.")
@encoding_option
@people_option
@click.pass_context
def export_command(
    context: click.Context,
    inputs: tuple[str, ...],
    format_: str,
    output: str | None,
    check: bool,
    start_time: str | None,
    timezone: str | None,
    duration: int,
    encoding_errors: str,
    people: str | None,
) -> None:
    """Export the notes as JSON, JSON Lines, CSV (with a Frictionless datapackage) or iCal.

    Files go under exports/ unless -o is given; every file is written atomically, so a failed
    export leaves the previous files as they were.

    Example: ovnnotes export --format ical
    """
    from .exporters import ExportOptions, facts_for, render
    from .io import OvnnotesError, stale_files, write_files

    options = ExportOptions(start_time=_parse_time(start_time), timezone=_check_timezone(timezone), duration_minutes=duration)
    format_given = context.get_parameter_source("format_") is not click.core.ParameterSource.DEFAULT
    formats = list(FORMATS) if format_ == "all" or (check and not format_given) else [format_]
    if output is not None and len(formats) > 1:
        _fail("-o goes with one format; --format all writes under exports/")
    document = _document(inputs, encoding_errors, people, facts_for(formats))  # only what the formats write
    planned = {name: _targets(name, output, render(document, name, options)) for name in formats}
    if check:
        stale = [
            str(folder / file)
            for name, (folder, files) in planned.items()
            for file in stale_files(folder, files, exclusive=len(files) > 1)
        ]
        if stale:
            click.echo("stale exports (run `ovnnotes export --format all` to update them):", err=True)
            for stale_path in stale:
                click.echo(f"  {stale_path}", err=True)
            sys.exit(1)
        click.echo(f"exports up to date ({', '.join(formats)})")
        return
    if output == "-":
        (folder, files), = planned.values()
        if len(files) != 1:
            _fail(f"--format {format_} writes {len(files)} files; give -o FOLDER instead of -o -")
        sys.stdout.buffer.write(next(iter(files.values())))
        return
    try:
        if len(planned) > 1:  # one write for all formats: all of them are updated or none is
            merged = {(folder.relative_to(EXPORTS_DIR) / name).as_posix(): data for folder, files in planned.values() for name, data in files.items()}
            written = write_files(EXPORTS_DIR, merged)
        else:
            (folder, files), = planned.values()
            written = write_files(folder, files)
    except OvnnotesError as error:
        _input_error(error)
    from .io import is_stream

    for path in written:
        if not is_stream(path):  # `-o /dev/stdout`: the export itself is the output
            click.echo(f"wrote {_relative(path)}")


def _targets(name: str, output: str | None, files: dict[str, bytes]) -> tuple[Path, dict[str, bytes]]:
    """The folder to write a format's files into, and the files under their final names."""
    from .exporters import exporter

    default_path: str = exporter(name).DEFAULT_PATH
    if default_path.endswith("/"):
        return (Path(output) if output else EXPORTS_DIR / default_path.rstrip("/")), files
    target = Path(output) if output and output != "-" else EXPORTS_DIR / default_path
    if output and target.is_dir():  # -o FOLDER; a folder in the way of the default file is an error
        target = target / default_path
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
        _fail(f"--start-time {value!r}: give a time as HH:MM, e.g. 15:00")


def _check_timezone(value: str | None) -> str | None:
    if value is None:
        return None
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        _fail(f"--timezone {value!r}: not a known IANA time zone (e.g. Europe/Brussels, America/New_York, UTC)")
    return value


@cli.command("fmt")
@inputs_argument
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a Markdown input is not in canonical form.")
@click.option("-w", "--write", is_flag=True, help="Rewrite Markdown inputs in canonical form (atomically).")
@encoding_option
@people_option
def fmt_command(inputs: tuple[str, ...], check: bool, write: bool, encoding_errors: str, people: str | None) -> None:
    """Print the notes as canonical Markdown (a text export is converted).

    With --check or --write, each Markdown (.md) input is formatted on its own and compared with
    (or replaces) the file. Formatting keeps the file's meeting order and is idempotent.

    Example: ovnnotes fmt --check notes.md
    """
    from . import load
    from .fmt import format_markdown
    from .io import OvnnotesError, write_files
    from .resources import MARKDOWN_SUFFIXES

    if not (check or write):
        click.echo(format_markdown(_document(inputs, encoding_errors, people, facts=())), nl=False)
        return
    try:
        names = load.expand(list(inputs))
    except OvnnotesError as error:
        _input_error(error)
    if any(name == load.STDIN or not name.lower().endswith(MARKDOWN_SUFFIXES) for name in names):
        _fail("--check and --write work on Markdown (.md) files; convert a text export with `ovnnotes fmt FILE > notes.md`")
    changed = []
    for name in names:
        formatted = format_markdown(_document((name,), encoding_errors, people, facts=()))
        try:
            if load.read(name, encoding_errors).text == formatted:  # type: ignore[arg-type]
                continue
            changed.append(name)
            if write:
                write_files(Path(name).parent, {Path(name).name: formatted.encode()})
        except OvnnotesError as error:
            _input_error(error)
    for name in changed:
        click.echo(f"{'reformatted' if write else 'would reformat'} {name}", err=check)
    if check and changed:
        sys.exit(1)


@cli.command("new")
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]), help="Date of the meeting (default: today).")
@click.option("--title", default="OVN Community Meeting", show_default=True, help="Title after the date in the heading.")
def new_command(date_: dt.datetime | None, title: str) -> None:
    """Print a Markdown template for the next meeting, to paste at the top of the notes.

    The template parses to an empty meeting with Agenda, Notes and Action items sections; its
    example bullets are comments.

    Example: ovnnotes new --date 2026-01-26
    """
    from .fmt import new_meeting_template

    click.echo(new_meeting_template((date_ or dt.datetime.now()).date(), title), nl=False)


@cli.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File to write (default: standard output).")
def schema_command(output: str) -> None:
    """Print the JSON Schema of ovnnotes documents (Draft 2020-12).

    Example: ovnnotes schema -o schema/ovnnotes.v1.schema.json
    """
    from .schema import render

    text = render()
    if output == "-":
        click.echo(text, nl=False)
        return
    from .io import OvnnotesError, write_files

    try:
        write_files(Path(output).parent, {Path(output).name: text.encode()})
    except OvnnotesError as error:
        _input_error(error)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "format_", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="How to print the findings.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--select", multiple=True, metavar="CODE", help="Report only these codes or prefixes (e.g. ONL, ONL205); repeatable.")
@click.option("--ignore", multiple=True, metavar="CODE", help="Do not report these codes or prefixes; repeatable.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Accepted findings (TOML). Default: validate-baseline.toml beside the notes.")
@click.option("--no-baseline", is_flag=True, help="Report every finding, accepted ones included.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write the current findings as a baseline file to review, and exit 0.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to check future meetings against (default: today).")
@encoding_option
@people_option
def validate_command(
    paths: tuple[str, ...],
    format_: str,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: str | None,
    no_baseline: bool,
    write_baseline: str | None,
    today: dt.datetime | None,
    encoding_errors: str,
    people: str | None,
) -> None:
    """Check notes files (.txt, .md) and JSON documents (.json); folders are searched.

    Every problem is reported in one run, as `path:line:col: severity CODE message` and a hint.
    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 for usage or unreadable files.

    Example: ovnnotes validate --strict seeds/
    """
    from .validate import ValidateOptions, run_validation

    options = ValidateOptions(
        select=select,
        ignore=ignore,
        baseline=None if no_baseline else baseline,
        use_baseline=not no_baseline,
        today=(today.date() if today else dt.date.today()),
        encoding_errors=encoding_errors,  # type: ignore[arg-type]
        people=people,
    )
    from .io import OvnnotesError

    try:
        outcome = run_validation(list(paths), options)
    except OvnnotesError as error:
        _input_error(error)
    if write_baseline:
        from .baseline import render_entries
        from .io import write_files

        target = Path(write_baseline)
        try:
            write_files(target.parent, {target.name: render_entries(outcome.diagnostics, outcome.lines).encode()})
        except OvnnotesError as error:
            _input_error(error)
        click.echo(f"wrote {len(outcome.diagnostics)} findings to {write_baseline}; give each a reason before committing it")
        return
    from .report import REPORTERS, exit_code

    click.echo(REPORTERS[format_](outcome.diagnostics, files=outcome.file_count), nl=False)
    if outcome.accepted and format_ == "text":
        click.echo(f"{len(outcome.accepted)} accepted findings not shown (see {outcome.baseline_path}; --no-baseline shows them)")
    for entry in outcome.unused:
        click.echo(f"note: baseline entry {entry.code} for {entry.text[:60]!r} matches nothing any more; remove it", err=True)
    sys.exit(exit_code(outcome.diagnostics, strict))


@cli.command("actions")
@inputs_argument
@click.option("--owner", metavar="ID", help="Only this person's action items (a person id, name or alias).")
@click.option("--open", "only_open", is_flag=True, help="Only open action items.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
def actions_command(inputs: tuple[str, ...], owner: str | None, only_open: bool, as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List action items (explicit and implicit) per owner.

    Example: ovnnotes actions --owner dceara --open
    """
    document = _document(inputs, encoding_errors, people, facts={"action_items"})
    from .views import actions_by_owner, render_actions

    try:
        groups = actions_by_owner(document, owner=owner, only_open=only_open)
    except LookupError as error:
        _fail(str(error))
    click.echo(render_actions(document, groups, as_json=as_json), nl=False)


@cli.command("milestones")
@inputs_argument
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
def milestones_command(inputs: tuple[str, ...], as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List the release milestones stated in the notes, by date.

    Example: ovnnotes milestones
    """
    document = _document(inputs, encoding_errors, people, facts={"milestones"})
    from .views import render_milestones

    click.echo(render_milestones(document, as_json=as_json), nl=False)


@cli.command("schemas")
@inputs_argument
@click.option("--against", type=click.Path(dir_okay=False), help="An upstream .ovsschema file to compare each proposed table with.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
def schemas_command(inputs: tuple[str, ...], against: str | None, as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List the OVSDB schemas proposed in the notes, with their problems.

    With --against, show for each proposed table the closest upstream tables and a
    column-by-column diff. Exit 1 when a proposal has errors.

    Example: ovnnotes schemas --against ovn-sb.ovsschema
    """
    document = _document(inputs, encoding_errors, people, facts={"schema_proposals"})
    from .views import load_upstream, recheck_against, render_schemas

    upstream = None
    if against:
        from .io import OvnnotesError

        try:
            upstream = load_upstream(against)
        except OvnnotesError as error:
            _input_error(error)
        document = recheck_against(document, upstream)
    click.echo(render_schemas(document, upstream, as_json=as_json), nl=False)
    sys.exit(0 if all(proposal.valid for proposal in document.schema_proposals) else 1)


def main() -> None:
    """Console entry point: no Python traceback for user errors unless --debug."""
    try:
        _run()
    finally:
        # The process is about to end. Without this the interpreter's last garbage collection
        # walks every object the command made or imported (pydantic's schemas, the document),
        # about 40 ms for nothing: their memory goes back with the process anyway. Objects are
        # still released and files closed as usual; only that final walk is skipped.
        gc.freeze()


def _run() -> None:
    from .interrupts import SIGNALS, Interrupted, install

    # SIGINT, SIGTERM, SIGHUP raise Interrupted (click would print "Aborted!" and exit 1). Not
    # undone at the end: a signal while the process exits is still reported as 128 + N.
    install()
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate from a JSON escape prints as \udcxx
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli(standalone_mode=True)
    except Interrupted as error:
        import signal

        for signum in SIGNALS:
            signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the message short
        _fail(f"interrupted by {error.name}; no file was left half-written", error.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        import os

        try:  # the reader is gone: say nothing more, not even when Python flushes at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):  # pragma: no cover - no real stdout
            pass
        sys.exit(141)
    except SystemExit:
        raise
    except RecursionError:
        if _State.debug:
            raise
        _fail("the input is nested too deeply to be processed; flatten it (e.g. fewer nested lists or arrays)")
    except MemoryError:
        if _State.debug:
            raise
        _fail("not enough memory to process the input; give smaller inputs (or lower --max-bytes to refuse them early)")
    except Exception as error:  # last resort: a bug
        if _State.debug:
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (rerun with --debug for details and report it)", 3)


class _Size(click.ParamType):
    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from .load import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _set_max_bytes(context: click.Context, parameter: click.Parameter, value: int | None) -> None:
    from . import load

    load.set_max_bytes(load.DEFAULT_MAX_BYTES if value is None else value)


# Every command that reads inputs takes --max-bytes (added here, so no command has to pass it on).
MAX_BYTES_OPTION = click.Option(
    ["--max-bytes"], type=_Size(), expose_value=False, callback=_set_max_bytes, is_eager=True, metavar="SIZE",
    help="Refuse an input larger than SIZE (bytes, or with K, M, G: 1M, 256M). Default: 256M.",
)
for _command in cli.commands.values():
    if any(isinstance(param, click.Argument) and param.nargs == -1 for param in _command.params):
        _command.params.append(MAX_BYTES_OPTION)
