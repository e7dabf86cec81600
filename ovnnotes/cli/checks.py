"""``ovnnotes validate``, ``ovnnotes rules`` and ``ovnnotes schema``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import cli, usage
from .options import NotesInputs, notes_inputs

if TYPE_CHECKING:
    from ..checks.validate import Outcome

REPORT_FORMATS = ("github", "json", "text")


@cli.command("validate")
@click.option(
    "--format",
    "format_",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Report only these codes or prefixes (e.g. ONL, ONL205); repeatable.",
)
@click.option(
    "--ignore", multiple=True, metavar="CODE", help="Do not report these codes or prefixes; repeatable."
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Accepted findings (TOML). Default: validate-baseline.toml beside the notes, else in seeds/ of the project.",
)
@click.option("--no-baseline", is_flag=True, help="Report every finding, accepted ones included.")
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Write the current findings as a baseline file to review (reasons of entries that still match are kept), and exit 0.",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date to check future meetings against (default: today).",
)
@click.option(
    "--severity",
    type=click.Choice(["info", "warning", "error"]),
    default="info",
    show_default=True,
    help="Report only findings of this severity or worse.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Errors and warnings only, plus the summary (same as --severity warning, and no notes).",
)
@notes_inputs("paths")
def validate_command(
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
    notes: NotesInputs,
) -> None:
    """Check notes files (.txt, .md) and JSON documents (.json); folders are searched.

    Every problem is reported in one run, as `path:line:col: severity CODE message` and a hint;
    a file that cannot be read is one of them (ONI002, ONI003), and the others are still checked.
    In folders, hidden folders, virtual environments and ignored files are skipped, and only
    files with a meeting heading (or ovnnotes JSON documents) are read. Exit 0 when clean, 1 on
    errors (or warnings with --strict), 2 for usage errors.

    Example: ovnnotes validate --strict seeds/
    """
    from ..checks.report import REPORTERS, exit_code
    from ..checks.rules import prefixes, unknown_selectors
    from ..checks.validate import ValidateOptions, baseline_to_write, run_validation
    from ..files.writing import write_files
    from ..model import Severity

    for option, values in (("--select", select), ("--ignore", ignore)):
        unknown = unknown_selectors(values)
        if unknown:
            usage(
                f"{option} {unknown[0]}: no rule has this code or prefix; use a code such as ONL205 or a prefix of one ({', '.join(prefixes())}); "
                f"`ovnnotes rules` lists them"
            )
    if quiet and severity == "info":
        severity = "warning"
    options = ValidateOptions(
        select=select,
        ignore=ignore,
        baseline=None if no_baseline else baseline,
        use_baseline=not no_baseline,
        today=(today.date() if today else dt.date.today()),
        encoding_errors=notes.encoding_errors,  # type: ignore[arg-type]
        people=notes.people,
        severity=Severity(severity),
        stdin_filename=notes.stdin_filename,
        max_bytes=notes.max_bytes,
    )
    with notes.progress_line():
        outcome = run_validation(list(notes.names), options)
    if outcome.gathered is not None:
        notes.report_gathered(outcome.gathered)
    notes.say(f"people: {outcome.registry_path or 'the registry bundled with ovnnotes'}")
    notes.say(f"baseline: {outcome.baseline_path or 'none'}")
    if write_baseline:
        target = Path(write_baseline)
        written = baseline_to_write(outcome, target)
        write_files(target.parent, {target.name: written.text.encode()})
        kept = (
            f"; {written.untouched} entries about other codes or files kept as they were"
            if written.untouched
            else ""
        )
        click.echo(
            f"wrote {written.entries} entries to {write_baseline} ({written.reasons_kept} with their reason kept, "
            f"{written.new} new: give each `TODO` a reason before committing it{kept})"
        )
        return
    click.echo(
        REPORTERS[format_](outcome.diagnostics, files=outcome.file_count, not_shown=outcome.not_shown),
        nl=False,
    )
    if format_ == "text" and not quiet:
        if outcome.accepted:
            click.echo(
                f"{len(outcome.accepted)} accepted findings not shown (see {outcome.baseline_path}; --no-baseline shows them)"
            )
        if outcome.below_severity:
            click.echo(f"{len(outcome.below_severity)} findings below {severity} not shown")
    say_what_is_not_shown(outcome, text=format_ == "text")
    sys.exit(exit_code(outcome.diagnostics, strict))


def say_what_is_not_shown(outcome: Outcome, text: bool = True) -> None:
    """After a validation's findings: the ones a broken people registry hides (in text output),
    and the baseline entries that match nothing any more (on standard error). Also ``check``'s."""
    if outcome.registry_hidden and text:
        click.echo(
            f"{len(outcome.registry_hidden)} findings about speakers, attendees and owners not shown: "
            "the people registry cannot be read (fix the ONR401 error first)"
        )
    for entry in outcome.unused:
        click.echo(
            f"note: baseline entry {entry.code} for {entry.text[:60]!r} matches nothing any more; remove it",
            err=True,
        )


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
        usage(f"no rule {code}{suggestion}; `ovnnotes rules` lists them all")
    click.echo(explain(code.upper()), nl=False)


@cli.command("schema")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="File to write (default: standard output).",
)
def schema_command(output: str) -> None:
    """Print the JSON Schema of ovnnotes documents (Draft 2020-12).

    Example: ovnnotes schema -o schema/ovnnotes.v2.schema.json
    """
    from ..schema import render

    text = render()
    if output == "-":
        click.echo(text, nl=False)
        return
    from ..files.writing import write_files

    write_files(Path(output).parent, {Path(output).name: text.encode()})
