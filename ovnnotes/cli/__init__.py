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
import sys
import traceback
from collections.abc import Collection
from pathlib import Path
from typing import Any, NoReturn

import click

from .. import __version__
from ..vocabulary.characters import shown_on_one_line
from ..vocabulary.labels import SERIES_TITLE

FORMATS = ("csv", "ical", "json", "jsonl")  # ovnnotes.exporters.EXPORTER_MODULES, kept light here
UNCHECKED_FORMATS = ("sqlite",)  # binary, differs across SQLite versions: not in `all`, not committed, not checked
REPORT_FORMATS = ("github", "json", "text")
EXPORTS_DIR = Path("exports")


class _State:
    debug = False
    verbose = False
    progress = True
    stdin_filename: str | None = None
    max_bytes = 256 * 1024 * 1024

    @classmethod
    def reset(cls, debug: bool) -> None:
        cls.debug, cls.verbose, cls.progress, cls.stdin_filename = debug, False, True, None


def _say(message: str) -> None:
    """A ``--verbose`` line on standard error."""
    if _State.verbose:
        click.echo(f"ovnnotes: {message}", err=True)


def _usage(message: str) -> NoReturn:
    """A usage error, shown on one line with the command's --help (see ``_Group``)."""
    raise click.UsageError(message, click.get_current_context(silent=True))


class _OneLineUsageError(click.UsageError):
    """A usage error in the project's style: `ovnnotes: error: what; try 'ovnnotes CMD --help'`."""

    def show(self, file: Any = None) -> None:
        message = self.format_message().strip().replace(". Did you mean", "; did you mean").rstrip(".?")
        if message[:1].isupper() and message[1:2].islower():
            message = message[0].lower() + message[1:]
        names = []
        context = self.ctx
        while context is not None and context.parent is not None:
            names.append(context.info_name or "")
            context = context.parent
        command = " ".join(["ovnnotes", *reversed(names)])
        click.echo(f"ovnnotes: error: {shown_on_one_line(message)}; try '{command} --help'", err=True)


def _one_line(error: click.UsageError) -> click.UsageError:
    if isinstance(error, _OneLineUsageError):
        return error
    return _OneLineUsageError(error.format_message(), error.ctx)


class _Group(click.Group):
    """Every usage error, click's own included, is shown as one line (exit 2)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line(error) from error

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _one_line(error) from error


def _fail(message: str, code: int = 2) -> NoReturn:
    # One line, whatever the message quotes (a file name or a value may hold a newline).
    click.echo(f"ovnnotes: error: {shown_on_one_line(message)}", err=True)
    sys.exit(code)


def _input_error(error: Exception) -> NoReturn:
    if _State.debug:
        traceback.print_exc()
    _fail(str(error), getattr(error, "exit_code", 2))


def _document(inputs: tuple[str, ...], encoding_errors: str, people: str | None, facts: Collection[str] | None = None) -> Any:
    """Parse the inputs; ``facts`` (default all) limits the facts extracted to what the command shows."""
    from .. import api
    from ..errors import OvnnotesError

    try:
        with _progress():
            gathered = _gather(inputs, encoding_errors)
            registry, registry_diagnostics = _registry_of(gathered, people)
            kinds = api.KINDS if facts is None else facts
            return api.parse_gathered(gathered, registry, registry_diagnostics, kinds)
    except OvnnotesError as error:
        _input_error(error)


def _gather(inputs: tuple[str, ...], encoding_errors: str) -> Any:
    """Read the inputs (``inputs.gather``); the first unreadable one is raised."""
    from ..files.inputs import gather

    gathered = gather(list(inputs), encoding_errors=encoding_errors, stdin_filename=_State.stdin_filename, max_bytes=_State.max_bytes)  # type: ignore[arg-type]
    _report_gathered(gathered)
    if gathered.errors:
        raise gathered.errors[0]
    return gathered


def _registry_of(gathered: Any, people: str | None) -> tuple[Any, list[Any]]:
    """The people registry for what was read: ``--people``, else beside the notes or the project's."""
    from .. import api

    if people:
        _say(f"people: {people}")
    choice = api.choose_registry(api.input_names(gathered, _State.stdin_filename), people, refuse_errors=True, max_bytes=_State.max_bytes)
    if not people:
        _say(f"people: {choice.path if choice.path else 'the registry bundled with ovnnotes'}")
    return choice.registry, [] if people else choice.diagnostics


def _report_gathered(gathered: Any) -> None:
    """``--verbose``: where the notes came from, how standard input was read, what was skipped."""
    if gathered.project is not None:
        _say(f"notes: {gathered.project.describe()}")
    for line in gathered.readers:
        _say(line)
    for skipped in gathered.skipped:
        _say(f"skipped {skipped.path}: {skipped.message}")
    _say(f"read {len(gathered.notes) + len(gathered.documents)} files")


def _progress() -> Any:
    """Progress on standard error for this command, when it is wanted (``ovnnotes.progress``)."""
    import contextlib

    from .. import progress

    if progress.active() is not None:  # already shown for the whole command
        return contextlib.nullcontext()
    stream = sys.stderr
    return progress.reporting(progress.Progress(stream) if progress.should_show(stream, _State.progress) else None)


inputs_argument = click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
encoding_option = click.option(
    "--encoding-errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="What to do with bytes that are not UTF-8: refuse the file, or replace them with U+FFFD.",
)
people_option = click.option(
    "--people",
    type=click.Path(dir_okay=False),
    help="People registry (TOML). Default: people.toml beside the notes, else seeds/people.toml of the project, else the bundled one.",
)


def _set_state(name: str) -> Any:
    def callback(context: click.Context, parameter: click.Parameter, value: Any) -> Any:
        setattr(_State, name, value)
        return value

    return callback


def common_options(function: Any) -> Any:
    """--stdin-filename, --verbose and --no-progress, for the commands that read notes."""
    function = click.option(
        "--no-progress", "progress", flag_value=False, default=True, expose_value=False, callback=_set_state("progress"),
        help="Never show progress (shown on a terminal when the work takes more than a second).",
    )(function)
    function = click.option(
        "-v", "--verbose", is_flag=True, expose_value=False, callback=_set_state("verbose"),
        help="Say on standard error which notes, registry, baseline and exports folder are used.",
    )(function)
    return click.option(
        "--stdin-filename", metavar="NAME", expose_value=False, callback=_set_state("stdin_filename"),
        help="Name standard input (`-`) in messages, pick its reader by this suffix (.md: Markdown) and find people.toml beside it.",
    )(function)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ovnnotes")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
def cli(debug: bool) -> None:
    """Turn the OVN community meeting notes into structured, validated, exportable data.

    With no INPUTS, commands use seeds/ of the project you are in: the nearest folder, from the
    current one up through its parents, that has a seeds/ folder. Its people.toml and
    validate-baseline.toml are used too, and exports go to its exports/. Outside any project,
    the notes bundled with ovnnotes are used. --verbose says which.
    """
    _State.reset(debug)


@cli.command("parse")
@inputs_argument
@encoding_option
@people_option
@common_options
def parse_command(inputs: tuple[str, ...], encoding_errors: str, people: str | None) -> None:
    """Print the parsed document as JSON.

    INPUTS are notes files or folders; `-` reads standard input; none, the project's seeds/.

    Example: ovnnotes parse seeds/ovn-community-meetings.txt
    """
    document = _document(inputs, encoding_errors, people)
    from ..writers.exporters import render

    sys.stdout.buffer.write(render(document, "json")["ovnnotes.json"])


@cli.command("export")
@inputs_argument
@click.option("--format", "format_", type=click.Choice([*FORMATS, *UNCHECKED_FORMATS, "all"]), default="ical", show_default=True, help="Output format; `all` writes every format but sqlite under exports/.")
@click.option("-o", "--output", help="File (or folder for csv) to write; `-` for standard output. Default: under exports/.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the files under exports/ are not up to date (all formats unless --format is given).")
@click.option("--start-time", help="iCal: make timed events starting at HH:MM (default: all-day events).")
@click.option("--timezone", help="iCal: IANA time zone of --start-time, e.g. Europe/Brussels (default: UTC).")
@click.option("--duration", type=click.IntRange(1, 24 * 60), default=60, show_default=True, help="iCal: event length in minutes.")
@click.option("--no-milestones", is_flag=True, help="iCal: leave the release milestones out.")
@click.option("--no-todos", is_flag=True, help="iCal: leave the action items (to-dos) out.")
@click.option("--owner", metavar="ID", help="iCal: only this person's to-dos (a person id, name or alias): a per-person feed.")
@encoding_option
@people_option
@common_options
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
    no_milestones: bool,
    no_todos: bool,
    owner: str | None,
    encoding_errors: str,
    people: str | None,
) -> None:
    """Export the notes as JSON, JSON Lines, CSV (with a Frictionless datapackage), iCal or SQLite.

    Files go under exports/ unless -o is given; every file is written atomically, so a failed
    export leaves the previous files as they were. SQLite writes a database with full-text search
    and its Datasette metadata (NAME.metadata.json beside it); being binary and different across
    SQLite versions, it is not part of `all` nor of --check.

    Example: ovnnotes export --format ical
    """
    from ..writers.exporters import ExportOptions, facts_for, render
    from ..errors import OvnnotesError
    from ..files.writing import export_status, write_files

    format_given = context.get_parameter_source("format_") is not click.core.ParameterSource.DEFAULT
    _check_export_options(context, format_ if format_given else None, check, start_time)
    if (no_milestones or no_todos or owner) and format_ != "ical":
        _usage("--no-milestones, --no-todos and --owner are iCal options; they go with --format ical")
    options = ExportOptions(
        start_time=_parse_time(start_time), timezone=_check_timezone(timezone), duration_minutes=duration,
        milestones=not no_milestones, todos=not no_todos, owner=owner,
    )
    if check and format_ in UNCHECKED_FORMATS:
        _usage(f"--check does not check --format {format_}: its binary file differs across SQLite versions, so it is not committed")
    if format_ in UNCHECKED_FORMATS and output not in (None, "-") and not Path(output).is_dir():
        from dataclasses import replace

        options = replace(options, database_file=Path(output).name)  # NAME.db and NAME.metadata.json
    formats = list(FORMATS) if format_ == "all" or (check and not format_given) else [format_]
    if output is not None and len(formats) > 1:
        _fail("-o goes with one format; --format all writes under exports/")
    from .. import progress

    with _progress():  # one progress line for reading, parsing and rendering
        document = _document(inputs, encoding_errors, people, facts_for(formats))  # only what the formats write
        exports_dir = _exports_dir()
        _say(f"exports: {exports_dir.resolve() if output is None else output}")
        progress.total("formats", len(formats))
        planned = {}
        for name in formats:
            try:
                planned[name] = _targets(name, output, render(document, name, options), exports_dir)
            except OvnnotesError as error:  # e.g. an --owner the registry does not know
                _input_error(error)
            progress.advance("formats")
    if check:
        problems = [
            (_relative(folder / file), status)
            for name, (folder, files) in planned.items()
            for file, status in export_status(folder, files, exclusive=len(files) > 1)
        ]
        if problems:
            click.echo("exports not up to date (run `ovnnotes export --format all` to update them):", err=True)
            for shown, status in problems:
                click.echo(f"  {shown}: {status}", err=True)
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
            merged = {(folder.relative_to(exports_dir) / name).as_posix(): data for folder, files in planned.values() for name, data in files.items()}
            written = write_files(exports_dir, merged)
        else:
            (folder, files), = planned.values()
            written = write_files(folder, files)
    except OvnnotesError as error:
        _input_error(error)
    from ..files.writing import is_stream

    for path in written:
        if not is_stream(path):  # `-o /dev/stdout`: the export itself is the output
            click.echo(f"wrote {_relative(path)}")


ICAL_OPTIONS = ("start_time", "timezone", "duration")


def _check_export_options(context: click.Context, format_: str | None, check: bool, start_time: str | None) -> None:
    """Options that mean nothing together are usage errors, not silently ignored."""
    given = [name for name in ICAL_OPTIONS if context.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT]
    flags = {name: "--" + name.replace("_", "-") for name in ICAL_OPTIONS}
    if given and format_ not in (None, "ical", "all"):
        _usage(f"{flags[given[0]]} is an iCal option; it does nothing with --format {format_}")
    if start_time is None and given:
        _usage(f"{flags[given[0]]} needs --start-time (without it the iCal events are all-day)")
    del check


def _exports_dir() -> Path:
    """`exports/` of the project the working directory is in, else `./exports/` (``ovnnotes.project``)."""
    from ..files.locations import locate

    folder = locate().exports
    return Path(_relative(folder))


def _targets(name: str, output: str | None, files: dict[str, bytes], exports_dir: Path = EXPORTS_DIR) -> tuple[Path, dict[str, bytes]]:
    """The folder to write a format's files into, and the files under their final names."""
    from ..writers.exporters import exporter

    default_path: str = exporter(name).DEFAULT_PATH
    if default_path.endswith("/"):
        return (Path(output) if output else exports_dir / default_path.rstrip("/")), files
    target = Path(output) if output and output != "-" else exports_dir / default_path
    if output and target.is_dir():  # -o FOLDER; a folder in the way of the default file is an error
        target = target / default_path
    if len(files) > 1:  # a file and its companions (sqlite: NAME.metadata.json), named after the target already
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
@common_options
def fmt_command(inputs: tuple[str, ...], check: bool, write: bool, encoding_errors: str, people: str | None) -> None:
    """Print the notes as canonical Markdown (a text export is converted).

    With --check or --write, each Markdown (.md) input is formatted on its own and compared with
    (or replaces) the file. Formatting keeps the file's meeting order and is idempotent.

    Example: ovnnotes fmt --check notes.md
    """
    from ..files import reading
    from ..writers.markdown import format_markdown
    from ..errors import OvnnotesError
    from ..files.writing import write_files

    if check and write:
        _usage("--check and --write go separately: --check only reports, --write rewrites")
    if not (check or write):
        click.echo(format_markdown(_document(inputs, encoding_errors, people, facts=())), nl=False)
        return
    from dataclasses import replace

    from .. import api

    try:
        gathered = _gather(inputs, encoding_errors)
        registry, _ = _registry_of(gathered, people)
    except OvnnotesError as error:
        _input_error(error)
    if not all(notes.markdown for notes in gathered.notes):
        _fail("--check and --write work on Markdown (.md) files; convert a text export with `ovnnotes fmt FILE > notes.md`")
    if write and any(notes.name == reading.STDIN for notes in gathered.notes):
        _usage("--write cannot rewrite standard input; use --check, or name the file")
    changed = []
    for notes in gathered.notes:  # each file on its own, compared with the text read
        formatted = format_markdown(api.parse_gathered(replace(gathered, notes=[notes]), registry, facts=()))
        if notes.input.text == formatted:
            continue
        changed.append(notes.path if notes.name == reading.STDIN else notes.name)
        if write:
            try:
                write_files(Path(notes.name).parent, {Path(notes.name).name: formatted.encode()})
            except OvnnotesError as error:
                _input_error(error)
    for name in changed:
        click.echo(f"{'reformatted' if write else 'would reformat'} {name}", err=check)
    if check and changed:
        sys.exit(1)


@cli.command("new")
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]), help="Date of the meeting (default: today).")
@click.option("--title", default=SERIES_TITLE, show_default=True, help="Title after the date in the heading.")
def new_command(date_: dt.datetime | None, title: str) -> None:
    """Print a Markdown template for the next meeting, to paste at the top of the notes.

    The template parses to an empty meeting with Agenda, Notes and Action items sections; its
    example bullets are comments.

    Example: ovnnotes new --date 2026-01-26
    """
    from ..writers.markdown import new_meeting_template

    click.echo(new_meeting_template((date_ or dt.datetime.now()).date(), title), nl=False)


@cli.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File to write (default: standard output).")
def schema_command(output: str) -> None:
    """Print the JSON Schema of ovnnotes documents (Draft 2020-12).

    Example: ovnnotes schema -o schema/ovnnotes.v2.schema.json
    """
    from ..schema import render

    text = render()
    if output == "-":
        click.echo(text, nl=False)
        return
    from ..errors import OvnnotesError
    from ..files.writing import write_files

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
@click.option("--baseline", type=click.Path(dir_okay=False), help="Accepted findings (TOML). Default: validate-baseline.toml beside the notes, else in seeds/ of the project.")
@click.option("--no-baseline", is_flag=True, help="Report every finding, accepted ones included.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write the current findings as a baseline file to review (reasons of entries that still match are kept), and exit 0.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to check future meetings against (default: today).")
@click.option("--severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True, help="Report only findings of this severity or worse.")
@click.option("-q", "--quiet", is_flag=True, help="Errors and warnings only, plus the summary (same as --severity warning, and no notes).")
@encoding_option
@people_option
@common_options
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
    severity: str,
    quiet: bool,
    encoding_errors: str,
    people: str | None,
) -> None:
    """Check notes files (.txt, .md) and JSON documents (.json); folders are searched.

    Every problem is reported in one run, as `path:line:col: severity CODE message` and a hint;
    a file that cannot be read is one of them (ONI002, ONI003), and the others are still checked.
    In folders, hidden folders, virtual environments and ignored files are skipped, and only
    files with a meeting heading (or ovnnotes JSON documents) are read. Exit 0 when clean, 1 on
    errors (or warnings with --strict), 2 for usage errors.

    Example: ovnnotes validate --strict seeds/
    """
    from ..model import Severity
    from ..checks.rules import prefixes, unknown_selectors
    from ..checks.validate import ValidateOptions, baseline_to_write, run_validation

    for option, values in (("--select", select), ("--ignore", ignore)):
        unknown = unknown_selectors(values)
        if unknown:
            _usage(f"{option} {unknown[0]}: no rule has this code or prefix; use a code such as ONL205 or a prefix of one ({', '.join(prefixes())}); `ovnnotes rules` lists them")
    if quiet and severity == "info":
        severity = "warning"
    options = ValidateOptions(
        select=select,
        ignore=ignore,
        baseline=None if no_baseline else baseline,
        use_baseline=not no_baseline,
        today=(today.date() if today else dt.date.today()),
        encoding_errors=encoding_errors,  # type: ignore[arg-type]
        people=people,
        severity=Severity(severity),
        stdin_filename=_State.stdin_filename,
        max_bytes=_State.max_bytes,
    )
    from ..errors import OvnnotesError

    try:
        with _progress():
            outcome = run_validation(list(paths), options)
    except OvnnotesError as error:
        _input_error(error)
    if outcome.gathered is not None:
        _report_gathered(outcome.gathered)
    _say(f"people: {outcome.registry_path or 'the registry bundled with ovnnotes'}")
    _say(f"baseline: {outcome.baseline_path or 'none'}")
    if write_baseline:
        from ..files.writing import write_files

        target = Path(write_baseline)
        try:
            written = baseline_to_write(outcome, target)
            write_files(target.parent, {target.name: written.text.encode()})
        except OvnnotesError as error:
            _input_error(error)
        kept = f"; {written.untouched} entries about other codes or files kept as they were" if written.untouched else ""
        click.echo(f"wrote {written.entries} entries to {write_baseline} ({written.reasons_kept} with their reason kept, "
                   f"{written.new} new: give each `TODO` a reason before committing it{kept})")
        return
    from ..checks.report import REPORTERS, exit_code

    click.echo(REPORTERS[format_](outcome.diagnostics, files=outcome.file_count, not_shown=outcome.not_shown), nl=False)
    if format_ == "text" and not quiet:
        if outcome.accepted:
            click.echo(f"{len(outcome.accepted)} accepted findings not shown (see {outcome.baseline_path}; --no-baseline shows them)")
        if outcome.below_severity:
            click.echo(f"{len(outcome.below_severity)} findings below {severity} not shown")
    if outcome.registry_hidden and format_ == "text":
        click.echo(f"{len(outcome.registry_hidden)} findings about speakers, attendees and owners not shown: "
                   "the people registry cannot be read (fix the ONR401 error first)")
    for entry in outcome.unused:
        click.echo(f"note: baseline entry {entry.code} for {entry.text[:60]!r} matches nothing any more; remove it", err=True)
    sys.exit(exit_code(outcome.diagnostics, strict))


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """Explain a rule: its name, what it means, an example and how to fix it; all rules without CODE.

    Example: ovnnotes rules ONP107
    """
    from ..checks.rules import RULES, explain

    if code is None:
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.name}: {rule.summary}")
        return
    if code.upper() not in RULES:
        close = [known for known in RULES if known.startswith(code.upper()[:4])]
        suggestion = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        _usage(f"no rule {code}{suggestion}; `ovnnotes rules` lists them all")
    click.echo(explain(code.upper()), nl=False)


@cli.command("actions")
@inputs_argument
@click.option("--owner", metavar="ID", help="Only this person's action items (a person id, name or alias).")
@click.option("--open", "only_open", is_flag=True, help="Only open action items.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
@common_options
def actions_command(inputs: tuple[str, ...], owner: str | None, only_open: bool, as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List action items (explicit and implicit) per owner.

    Example: ovnnotes actions --owner dceara --open
    """
    document = _document(inputs, encoding_errors, people, facts={"action_items"})
    from ..views.listings import actions_by_owner, render_actions

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
@common_options
def milestones_command(inputs: tuple[str, ...], as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List the release milestones stated in the notes, by date.

    Example: ovnnotes milestones
    """
    document = _document(inputs, encoding_errors, people, facts={"milestones"})
    from ..views.listings import render_milestones

    click.echo(render_milestones(document, as_json=as_json), nl=False)


@cli.command("search")
@click.argument("query")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="Only meetings on or after this date (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="Only meetings on or before this date (YYYY-MM-DD).")
@click.option("--speaker", metavar="ID", help="Only what this person said (a person id, name or alias).")
@click.option("--section", type=click.Choice(["agenda", "notes", "action_items"]), help="Only items of this section.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Most hits to show; 0 shows all.")
@click.option("--sort", type=click.Choice(["rank", "date"]), default="rank", show_default=True, help="Best match first, or oldest first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
@common_options
def search_command(
    query: str, inputs: tuple[str, ...], since: dt.datetime | None, until: dt.datetime | None, speaker: str | None,
    section: str | None, limit: int, sort: str, as_json: bool, encoding_errors: str, people: str | None,
) -> None:
    """Search what was said: meeting titles, items and action items matching QUERY.

    QUERY is SQLite FTS5 syntax: words (all must match), "a phrase", prefix*, AND, OR, NOT,
    parentheses; case, accents and word endings are ignored (freeze finds freezing). Each hit
    shows the meeting date, path:line, section, speakers, the texts of its parent items and the
    matched words. Exit 0 with hits, 1 with none, 2 for an invalid query.

    Example: ovnnotes search 'evpn*' --since 2025-01-01
    """
    document = _document(inputs, encoding_errors, people, facts={"action_items"})
    from ..errors import QueryError
    from ..views.search import render_json, render_text, search

    try:
        result = search(document, query, since=since.date() if since else None, until=until.date() if until else None,
                        speaker=speaker, section=section, limit=limit, order=sort)
    except (QueryError, LookupError) as error:
        _usage(str(error))
    if as_json:
        click.echo(render_json(result), nl=False)
    else:
        click.echo(render_text(document, result, bold=lambda text: click.style(text, bold=True)), nl=False)
        if result.total > len(result.hits):
            click.echo(f"{len(result.hits)} of {result.total} hits shown; --limit 0 shows all", err=True)
    if not result.total:
        if not as_json:
            click.echo(f"no hits for {query!r}", err=True)
        sys.exit(1)


@cli.command("releases")
@click.argument("args", nargs=-1, metavar="[VERSION] [INPUTS]...", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
@common_options
def releases_command(args: tuple[str, ...], as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List each release with its dates (a moved date shows both), its features with their status and
    who raised them, and the meetings that discussed it.

    VERSION (26.03, 26.03.0, OVN 26.03, ovn-26.03) shows one release; a first argument that is a
    release number and no existing path is taken as VERSION, the rest as INPUTS.

    Example: ovnnotes releases 26.03
    """
    from ..facts.releases import looks_like_version

    version = args[0] if args and looks_like_version(args[0]) and not Path(args[0]).exists() else None
    document = _document(args[1:] if version else args, encoding_errors, people, facts={"releases"})
    from ..facts.releases import find_release, render_releases

    releases = document.releases
    if version is not None:
        releases = find_release(releases, version)
        if not releases:
            known = ", ".join(f"{r.project} {r.version}" for r in document.releases) or "none"
            _fail(f"no release {version} in the notes; the notes have {known}")
    people_names = {person.id: person.name for person in document.people}
    paths = {meeting.id: meeting.source.path for meeting in document.meetings}
    click.echo(render_releases(releases, people_names, paths, as_json=as_json), nl=False)


@cli.command("schemas")
@inputs_argument
@click.option("--against", type=click.Path(dir_okay=False), help="An upstream .ovsschema file to compare each proposed table with.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@encoding_option
@people_option
@common_options
def schemas_command(inputs: tuple[str, ...], against: str | None, as_json: bool, encoding_errors: str, people: str | None) -> None:
    """List the OVSDB schemas proposed in the notes, with their problems.

    With --against, show for each proposed table the closest upstream tables and a
    column-by-column diff. Exit 1 when a proposal has errors.

    Example: ovnnotes schemas --against ovn-sb.ovsschema
    """
    document = _document(inputs, encoding_errors, people, facts={"schema_proposals"})
    from ..views.listings import load_upstream, recheck_against, render_schemas

    upstream = None
    if against:
        from ..errors import OvnnotesError

        try:
            upstream = load_upstream(against, _State.max_bytes)
        except OvnnotesError as error:
            _input_error(error)
        document = recheck_against(document, upstream)
    click.echo(render_schemas(document, upstream, as_json=as_json), nl=False)
    sys.exit(0 if all(proposal.valid for proposal in document.schema_proposals) else 1)


@cli.command("site")
@inputs_argument
@click.option("-o", "--output", default="site", show_default=True, type=click.Path(file_okay=False), help="Folder to write the site into.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date that 'ahead' and ages are relative to (default: the newest meeting's date).")
@click.option("--base-url", metavar="URL", help="Public address of the site (e.g. https://ORG.github.io/REPO/), to show the calendar's URL.")
@click.option("--serve", is_flag=True, help="After building, serve the site on 127.0.0.1 until Ctrl-C.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port for --serve (0: any free port).")
@encoding_option
@people_option
def site_command(inputs: tuple[str, ...], output: str, today: dt.datetime | None, base_url: str | None, serve: bool, port: int, encoding_errors: str, people: str | None) -> None:
    """Build a static website of the notes: meetings, people, releases, actions, proposals, search.

    Written atomically under site/ (or -o), with the calendar and the JSON export; the same notes
    give byte-identical files. Search needs the Pagefind binary (pip install 'pagefind[bin]').

    Example: ovnnotes site -o site --serve
    """
    from ..errors import OvnnotesError
    from ..site import SiteOptions, build_site, check_folder, write_site
    from ..site.serve import make_server

    try:
        check_folder(Path(output))  # before the work: a refused folder or a busy port fails fast
        server = make_server(Path(output), port) if serve else None
    except OvnnotesError as error:
        _input_error(error)
    except OSError as error:
        _fail(f"--port {port}: cannot serve on 127.0.0.1 ({error.strerror}); choose another port")
    document = _document(inputs, encoding_errors, people)
    try:
        build = build_site(document, SiteOptions(today=today.date() if today else None, base_url=base_url))
        write_site(Path(output), build)
    except OvnnotesError as error:
        _input_error(error)
    for note in build.notes:
        click.echo(f"ovnnotes: warning: {note}", err=True)
    pages = sum(1 for name in build.files if name.endswith(".html"))
    click.echo(f"wrote {output}/: {pages} pages, {len(build.files)} files; search {'included' if build.search else 'unavailable'}")
    if server is not None:
        click.echo(f"serving {output}/ at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


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
    from ..files.interrupts import SIGNALS, Interrupted, install

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
        from ..files.reading import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _set_max_bytes(context: click.Context, parameter: click.Parameter, value: int | None) -> None:
    from ..files import reading

    _State.max_bytes = reading.DEFAULT_MAX_BYTES if value is None else value


# Every command that reads inputs takes --max-bytes (added here, so no command has to pass it on).
MAX_BYTES_OPTION = click.Option(
    ["--max-bytes"], type=_Size(), expose_value=False, callback=_set_max_bytes, is_eager=True, metavar="SIZE",
    help="Refuse an input larger than SIZE (bytes, or with K, M, G: 1M, 256M). Default: 256M.",
)
for _command in cli.commands.values():
    if any(isinstance(param, click.Argument) and param.nargs == -1 for param in _command.params):
        _command.params.append(MAX_BYTES_OPTION)
