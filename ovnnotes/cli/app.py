"""The ``ovnnotes`` group, its error boundary and the state a run keeps (``ctx.obj``).

Every command is a ``Command``: an ``OvnnotesError`` raised anywhere below it becomes one line,
``ovnnotes: error: MESSAGE`` and its exit code (a usage error for the ones that are,
``OvnnotesError.usage``), with the traceback only under ``--debug``. Usage errors, click's own
included, are one line too (``_Group``). Nothing here imports pydantic or the heavy libraries:
``--version`` and ``--help`` start fast.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import click

from .. import __version__
from ..errors import OvnnotesError
from ..vocabulary.characters import shown_on_one_line


@dataclass
class Run:
    """What the whole run knows (``ctx.obj``): the group's options."""

    debug: bool = False


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on standard error, whatever the message quotes (a file name may hold a newline), and exit."""
    click.echo(f"ovnnotes: error: {shown_on_one_line(message)}", err=True)
    sys.exit(code)


def usage(message: str) -> NoReturn:
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


class Command(click.Command):
    """A command whose ``OvnnotesError`` is shown as the project's one-line error: the one boundary."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OvnnotesError as error:
            if error.usage:
                raise click.UsageError(str(error), ctx) from error
            run = ctx.find_object(Run)
            if run is not None and run.debug:
                traceback.print_exc()
            fail(str(error), error.exit_code)


COMMAND_MODULES = {
    "actions": "listings",
    "check": "check",
    "export": "export",
    "fmt": "fmt",
    "milestones": "listings",
    "new": "fmt",
    "parse": "export",
    "releases": "listings",
    "rules": "checks",
    "schema": "checks",
    "schemas": "listings",
    "search": "listings",
    "site": "site",
    "validate": "checks",
}
"""Each command and the module of ``ovnnotes.cli`` that defines it: a run imports only its command's."""


class _Group(click.Group):
    """Every usage error, click's own included, is shown as one line (exit 2). A command's module
    is imported when the command is first asked for (``COMMAND_MODULES``)."""

    command_class = Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # A command's module registers it; for a name that is no command, every module, so that
            # click's "did you mean" chooses among all the commands.
            load_commands([cmd_name] if cmd_name in COMMAND_MODULES else COMMAND_MODULES)
        return super().get_command(ctx, cmd_name)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line(error) from error

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _one_line(error) from error


def load_commands(names: Iterable[str] = COMMAND_MODULES) -> None:
    """Import the modules that define the commands ``names`` (default every one): each registers its own."""
    import importlib

    for module in sorted({COMMAND_MODULES[name] for name in names}):
        importlib.import_module(f"{__package__}.{module}")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ovnnotes")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn the OVN community meeting notes into structured, validated, exportable data.

    With no INPUTS, commands use seeds/ of the project you are in: the nearest folder, from the
    current one up through its parents, that has a seeds/ folder. Its people.toml and
    validate-baseline.toml are used too, and exports go to its exports/. Outside any project,
    the notes bundled with ovnnotes are used. --verbose says which.
    """
    ctx.ensure_object(Run).debug = debug
