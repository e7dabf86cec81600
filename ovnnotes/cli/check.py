"""``ovnnotes check``: ``validate --strict`` and ``export --check`` in one run, the pre-commit hook.

When nothing changed since ``ovnnotes export --format all`` wrote exports/ (its fingerprint,
``files.fingerprint``, still matches) the answer needs no parse at all; ``main`` usually gives it
before this module is even imported (``fast``). Otherwise, or with ``--full``, both checks run in
full: the findings as ``validate --strict --quiet`` shows them, then the exports as
``export --check`` does; exit 1 when either fails.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from .app import cli
from .checks import say_what_is_not_shown
from .export import CalendarOptions, run_export
from .fast import check_fast, exports_dir
from .options import NotesInputs, notes_inputs


@cli.command("check")
@click.option(
    "--full",
    is_flag=True,
    help="Check everything, whatever the fingerprint of exports/ says (CI does; so should a change to ovnnotes itself).",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date to check future meetings against (default: today).",
)
@notes_inputs("paths")
@click.pass_context
def check_command(context: click.Context, full: bool, today: dt.datetime | None, notes: NotesInputs) -> None:
    """Check the notes strictly and that exports/ is up to date, in one run (for pre-commit).

    The same checks as `ovnnotes validate --strict --quiet PATHS` and `ovnnotes export --check
    PATHS`. When the fingerprint that `ovnnotes export --format all` writes (exports/ovnnotes.fingerprint)
    shows that no notes file, people registry, baseline or export changed since, and that ovnnotes
    is the same version, the answer comes without parsing anything; any difference runs the full
    checks. Exit 0 when both pass, 1 when either fails.

    Example: ovnnotes check
    """
    from ..files import fingerprint

    day = today.date() if today else dt.date.today()
    if full:
        notes.say("fingerprint: not read (--full)")
    elif notes.people or notes.encoding_errors != "strict" or notes.stdin_filename or "-" in notes.names:
        notes.say(
            "fingerprint: not used with --people, --encoding-errors, --stdin-filename or standard input"
        )
    else:
        from .. import __version__

        found = fingerprint.match(exports_dir(), notes.names, __version__)
        if found.verdict is not None and not found.verdict.clean(day):
            notes.say("fingerprint: matches, but the notes have findings to show; running the full checks")
        elif found.verdict is None:
            notes.say(f"fingerprint: {found.reason}; running the full checks")
        if check_fast(notes.names, day):
            notes.say("fingerprint: matches; nothing changed since the last `ovnnotes export --format all`")
            return
    failed = _validate(notes, day)
    try:
        run_export(
            context,
            format_="all",
            output=None,
            check=True,
            calendar=CalendarOptions(None, None, 60, False, False, None, ()),
            notes=notes,
        )
    except SystemExit as exit:
        failed = failed or exit.code not in (0, None)
    sys.exit(1 if failed else 0)


def _validate(notes: NotesInputs, today: dt.date) -> bool:
    """``validate --strict --quiet``: print the findings; True when it fails."""
    from ..checks.report import exit_code, render_text
    from ..checks.validate import ValidateOptions, run_validation
    from ..model import Severity

    options = ValidateOptions(
        today=today,
        encoding_errors=notes.encoding_errors,  # type: ignore[arg-type]
        people=notes.people,
        severity=Severity.WARNING,
        stdin_filename=notes.stdin_filename,
        max_bytes=notes.max_bytes,
    )
    with notes.progress_line():
        outcome = run_validation(list(notes.names), options)
    if outcome.gathered is not None:
        notes.report_gathered(outcome.gathered)
    click.echo(render_text(outcome.diagnostics, files=outcome.file_count), nl=False)
    say_what_is_not_shown(outcome)
    return exit_code(outcome.diagnostics, strict=True) != 0
