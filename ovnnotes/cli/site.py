"""``ovnnotes site``: the static website of the notes (the ``site`` extra)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .app import cli, fail
from .options import NotesInputs, notes_inputs


@cli.command("site")
@click.option(
    "-o",
    "--output",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder to write the site into.",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date that 'ahead' and ages are relative to (default: the newest meeting's date).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Public address of the site (e.g. https://ORG.github.io/REPO/), to show the calendar's URL.",
)
@click.option("--serve", is_flag=True, help="After building, serve the site on 127.0.0.1 until Ctrl-C.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port for --serve (0: any free port).",
)
@notes_inputs(common=False)
def site_command(
    output: str, today: dt.datetime | None, base_url: str | None, serve: bool, port: int, notes: NotesInputs
) -> None:
    """Build a static website of the notes: meetings, people, releases, actions, proposals, search.

    Written atomically under site/ (or -o), with the calendar and the JSON export; the same notes
    give byte-identical files. Search needs the Pagefind binary (pip install 'pagefind[bin]').

    Example: ovnnotes site -o site --serve
    """
    from ..site import SiteOptions, build_site, check_folder, write_site
    from ..site.serve import make_server

    check_folder(Path(output))  # before the work: a refused folder or a busy port fails fast
    try:
        server = make_server(Path(output), port) if serve else None
    except OSError as error:
        fail(f"--port {port}: cannot serve on 127.0.0.1 ({error.strerror}); choose another port")
    document = notes.document()
    build = build_site(document, SiteOptions(today=today.date() if today else None, base_url=base_url))
    write_site(Path(output), build)
    for note in build.notes:
        click.echo(f"ovnnotes: warning: {note}", err=True)
    pages = sum(1 for name in build.files if name.endswith(".html"))
    click.echo(
        f"wrote {output}/: {pages} pages, {len(build.files)} files; search {'included' if build.search else 'unavailable'}"
    )
    if server is not None:
        click.echo(f"serving {output}/ at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        import gc

        gc.enable()  # `main` turns the collector off for a command's moment; a server runs for long
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
