"""The listing commands: ``actions``, ``milestones``, ``search``, ``releases``, ``schemas``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..vocabulary.labels import SECTION_TITLES
from .app import cli, fail, usage
from .options import NotesInputs, notes_inputs

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@cli.command("actions")
@click.option("--owner", metavar="ID", help="Only this person's action items (a person id, name or alias).")
@click.option("--open", "only_open", is_flag=True, help="Only open action items.")
@json_option
@notes_inputs()
def actions_command(owner: str | None, only_open: bool, as_json: bool, notes: NotesInputs) -> None:
    """List action items (explicit and implicit) per owner.

    Example: ovnnotes actions --owner dceara --open
    """
    document = notes.document(facts={"action_items"})
    from ..views.actions import actions_by_owner, render_actions

    click.echo(
        render_actions(
            document, actions_by_owner(document, owner=owner, only_open=only_open), as_json=as_json
        ),
        nl=False,
    )


@cli.command("milestones")
@json_option
@notes_inputs()
def milestones_command(as_json: bool, notes: NotesInputs) -> None:
    """List the release milestones stated in the notes, by date.

    Example: ovnnotes milestones
    """
    document = notes.document(facts={"milestones"})
    from ..views.milestones import render_milestones

    click.echo(render_milestones(document, as_json=as_json), nl=False)


@cli.command("search")
@click.argument("query")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Only meetings on or after this date (YYYY-MM-DD).",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Only meetings on or before this date (YYYY-MM-DD).",
)
@click.option("--speaker", metavar="ID", help="Only what this person said (a person id, name or alias).")
@click.option("--section", type=click.Choice(list(SECTION_TITLES)), help="Only items of this section.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Most hits to show; 0 shows all.",
)
@click.option(
    "--sort",
    type=click.Choice(["rank", "date"]),
    default="rank",
    show_default=True,
    help="Best match first, or oldest first.",
)
@json_option
@notes_inputs()
def search_command(
    query: str,
    since: dt.datetime | None,
    until: dt.datetime | None,
    speaker: str | None,
    section: str | None,
    limit: int,
    sort: str,
    as_json: bool,
    notes: NotesInputs,
) -> None:
    """Search what was said: meeting titles, items and action items matching QUERY.

    QUERY is SQLite FTS5 syntax: words (all must match), "a phrase", prefix*, AND, OR, NOT,
    parentheses; case, accents and word endings are ignored (freeze finds freezing). Each hit
    shows the meeting date, path:line, section, speakers, the texts of its parent items and the
    matched words. Exit 0 with hits, 1 with none, 2 for an invalid query.

    Example: ovnnotes search 'evpn*' --since 2025-01-01
    """
    document = notes.document(facts={"action_items"})
    from ..errors import UnknownPerson
    from ..views.search import render_json, render_text, search

    try:
        result = search(
            document,
            query,
            since=since.date() if since else None,
            until=until.date() if until else None,
            speaker=speaker,
            section=section,
            limit=limit,
            order=sort,
        )
    except UnknownPerson as error:  # a --speaker nobody is: a usage error here (a query error is one already)
        usage(str(error))
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
@json_option
@notes_inputs("args", metavar="[VERSION] [INPUTS]...")
def releases_command(as_json: bool, notes: NotesInputs) -> None:
    """List each release with its dates (a moved date shows both), its features with their status and
    who raised them, and the meetings that discussed it.

    VERSION (26.03, 26.03.0, OVN 26.03, ovn-26.03) shows one release; a first argument that is a
    release number and no existing path is taken as VERSION, the rest as INPUTS.

    Example: ovnnotes releases 26.03
    """
    from ..views.releases import find_release, looks_like_version, render_releases

    args = notes.names
    version = args[0] if args and looks_like_version(args[0]) and not Path(args[0]).exists() else None
    document = notes.with_names(args[1:] if version else args).document(facts={"releases"})
    releases = document.releases
    if version is not None:
        releases = find_release(releases, version)
        if not releases:
            known = ", ".join(f"{r.project} {r.version}" for r in document.releases) or "none"
            fail(f"no release {version} in the notes; the notes have {known}")
    people_names = {person.id: person.name for person in document.people}
    paths = {meeting.id: meeting.source.path for meeting in document.meetings}
    click.echo(render_releases(releases, people_names, paths, as_json=as_json), nl=False)


@cli.command("schemas")
@click.option(
    "--against",
    type=click.Path(dir_okay=False),
    help="An upstream .ovsschema file to compare each proposed table with.",
)
@json_option
@notes_inputs()
def schemas_command(against: str | None, as_json: bool, notes: NotesInputs) -> None:
    """List the OVSDB schemas proposed in the notes, with their problems.

    With --against, show for each proposed table the closest upstream tables and a
    column-by-column diff. Exit 1 when a proposal has errors.

    Example: ovnnotes schemas --against ovn-sb.ovsschema
    """
    document = notes.document(facts={"schema_proposals"})
    from ..views.schemas import render_schemas

    upstream = None
    if against:
        from ..facts.ovsdb import recheck
        from ..files.reading import read_ovsdb_schema

        upstream = read_ovsdb_schema(against, notes.max_bytes)
        document = recheck(document, tuple(upstream["tables"]))  # type: ignore[arg-type]
    click.echo(render_schemas(document, upstream, as_json=as_json), nl=False)
    sys.exit(0 if all(proposal.valid for proposal in document.schema_proposals) else 1)
