"""``ovnnotes fmt`` (canonical Markdown) and ``ovnnotes new`` (the template of the next meeting)."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..vocabulary.labels import SERIES_TITLE
from .app import cli, fail, usage
from .options import NotesInputs, notes_inputs


@cli.command("fmt")
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if a Markdown input is not in canonical form."
)
@click.option("-w", "--write", is_flag=True, help="Rewrite Markdown inputs in canonical form (atomically).")
@notes_inputs()
def fmt_command(check: bool, write: bool, notes: NotesInputs) -> None:
    """Print the notes as canonical Markdown (a text export is converted).

    With --check or --write, each Markdown (.md) input is formatted on its own and compared with
    (or replaces) the file. Formatting keeps the file's meeting order and is idempotent.

    Example: ovnnotes fmt --check notes.md
    """
    from .. import api
    from ..files import reading
    from ..files.writing import write_files
    from ..writers.markdown import format_markdown

    if check and write:
        usage("--check and --write go separately: --check only reports, --write rewrites")
    if not (check or write):
        click.echo(format_markdown(notes.document(facts=())), nl=False)
        return
    gathered = notes.gather()
    registry, _ = notes.registry(gathered)
    if not all(text.markdown for text in gathered.notes):
        fail(
            "--check and --write work on Markdown (.md) files; convert a text export with `ovnnotes fmt FILE > notes.md`"
        )
    if write and any(text.name == reading.STDIN for text in gathered.notes):
        usage("--write cannot rewrite standard input; use --check, or name the file")
    changed = []
    for text in gathered.notes:  # each file on its own, compared with the text read
        formatted = format_markdown(api.parse_gathered(replace(gathered, notes=[text]), registry, facts=()))
        if text.input.text == formatted:
            continue
        changed.append(text.path if text.name == reading.STDIN else text.name)
        if write:
            write_files(Path(text.name).parent, {Path(text.name).name: formatted.encode()})
    for name in changed:
        click.echo(f"{'reformatted' if write else 'would reformat'} {name}", err=check)
    if check and changed:
        sys.exit(1)


@cli.command("new")
@click.option(
    "--date", "date_", type=click.DateTime(["%Y-%m-%d"]), help="Date of the meeting (default: today)."
)
@click.option("--title", default=SERIES_TITLE, show_default=True, help="Title after the date in the heading.")
def new_command(date_: dt.datetime | None, title: str) -> None:
    """Print a Markdown template for the next meeting, to paste at the top of the notes.

    The template parses to an empty meeting with Agenda, Notes and Action items sections; its
    example bullets are comments.

    Example: ovnnotes new --date 2026-01-26
    """
    from ..writers.markdown import new_meeting_template

    click.echo(new_meeting_template((date_ or dt.datetime.now()).date(), title), nl=False)
