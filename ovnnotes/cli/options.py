"""The options every command that reads notes takes, gathered once into ``NotesInputs``.

``@notes_inputs()`` adds INPUTS and ``--encoding-errors``, ``--people``, ``--stdin-filename``,
``-v``/``--verbose``, ``--no-progress`` and ``--max-bytes`` to a command, and passes it one
``NotesInputs`` (``notes=``) that resolves them: the files read (``gather``), the people registry
(``registry``, the one rule of ``api.choose_registry``), the parsed document (``document``), with
the ``--verbose`` lines and the progress line on standard error. A command is then wiring.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..api import RegistryChoice
    from ..files.inputs import Gathered
    from ..model import Diagnostic, Document
    from ..read.people import Registry

DEFAULT_MAX_BYTES = (
    256 * 1024 * 1024
)  # files.reading.DEFAULT_MAX_BYTES, kept light here (a test checks they agree)


@dataclass(frozen=True)
class NotesInputs:
    """The notes a command reads and how, from its options."""

    names: tuple[str, ...]
    """INPUTS as given (none: the project's notes)."""
    encoding_errors: str = "strict"
    people: str | None = None
    stdin_filename: str | None = None
    verbose: bool = False
    progress: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES

    def with_names(self, names: Sequence[str]) -> NotesInputs:
        return replace(self, names=tuple(names))

    def say(self, message: str) -> None:
        """A ``--verbose`` line on standard error."""
        if self.verbose:
            click.echo(f"ovnnotes: {message}", err=True)

    def progress_line(self) -> Any:
        """Progress on standard error for this command, when it is wanted (``ovnnotes.progress``)."""
        from .. import progress

        if progress.active() is not None:  # already shown for the whole command
            return contextlib.nullcontext()
        stream = sys.stderr
        return progress.reporting(
            progress.Progress(stream) if progress.should_show(stream, self.progress) else None
        )

    def report_gathered(self, gathered: Gathered) -> None:
        """``--verbose``: where the notes came from, how standard input was read, what was skipped."""
        if gathered.project is not None:
            self.say(f"notes: {gathered.project.describe()}")
        for line in gathered.readers:
            self.say(line)
        for skipped in gathered.skipped:
            self.say(f"skipped {skipped.path}: {skipped.message}")
        self.say(f"read {len(gathered.notes) + len(gathered.documents)} files")

    def gather(self) -> Gathered:
        """Read the inputs (``files.inputs.gather``); the first unreadable one is raised."""
        from ..files.inputs import gather

        gathered = gather(
            list(self.names),
            encoding_errors=self.encoding_errors,  # type: ignore[arg-type]
            stdin_filename=self.stdin_filename,
            max_bytes=self.max_bytes,
        )
        self.report_gathered(gathered)
        if gathered.errors:
            raise gathered.errors[0]
        return gathered

    def registry(self, gathered: Gathered) -> tuple[Registry, list[Diagnostic]]:
        """The people registry for what was read, and its problems (``registry_choice``)."""
        choice = self.registry_choice(gathered)
        return choice.registry, self.registry_problems(choice)

    def registry_problems(self, choice: RegistryChoice) -> list[Diagnostic]:
        """The registry's problems that go into the document: none for ``--people``, whose errors are refused."""
        return [] if self.people else choice.diagnostics

    def registry_choice(self, gathered: Gathered) -> RegistryChoice:
        """The people registry for what was read: ``--people`` (refused with an error), else beside the notes or the project's."""
        from .. import api

        if self.people:
            self.say(f"people: {self.people}")
        choice = api.choose_registry(
            api.input_names(gathered, self.stdin_filename),
            self.people,
            refuse_errors=True,
            max_bytes=self.max_bytes,
        )
        if not self.people:
            self.say(f"people: {choice.path if choice.path else 'the registry bundled with ovnnotes'}")
        return choice

    def document(self, facts: Collection[str] | None = None) -> Document:
        """Parse the inputs; ``facts`` (default all) limits the facts extracted to what the command shows."""
        return self.parsed(facts).document

    def parsed(self, facts: Collection[str] | None = None) -> Parsed:
        """Read and parse the inputs (``document``), keeping what was read and the registry chosen."""
        from .. import api

        with self.progress_line():
            gathered = self.gather()
            choice = self.registry_choice(gathered)
            problems = self.registry_problems(choice)
            document = api.parse_gathered(
                gathered, choice.registry, problems, api.KINDS if facts is None else facts
            )
            return Parsed(gathered, choice, document, problems == choice.diagnostics)


@dataclass(frozen=True)
class Parsed:
    """The inputs as read (``gathered``), the people registry chosen for them, and their document."""

    gathered: Gathered
    choice: RegistryChoice
    document: Document
    registry_problems: bool
    """Whether the document holds every problem of the registry (not with ``--people``)."""


class Size(click.ParamType):
    """A number of bytes: ``1048576``, ``512K``, ``256M``, ``1G``."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from ..files.reading import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def notes_inputs(
    argument: str = "inputs", metavar: str | None = None, common: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add INPUTS (``argument``, shown as ``metavar``) and the options that say how to read them to a
    command, which gets them as ``notes: NotesInputs``. ``common``: also ``--stdin-filename``,
    ``--verbose`` and ``--no-progress``. Put it right above the function: its options are listed
    after the command's own."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(
            *args: Any,
            encoding_errors: str,
            people: str | None,
            max_bytes: int | None,
            stdin_filename: str | None = None,
            verbose: bool = False,
            progress: bool = True,
            **kwargs: Any,
        ) -> Any:
            names = kwargs.pop(argument)
            notes = NotesInputs(
                tuple(names),
                encoding_errors,
                people,
                stdin_filename,
                verbose,
                progress,
                DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
            )
            return function(*args, notes=notes, **kwargs)

        decorators = [
            click.argument(
                argument, nargs=-1, type=click.Path(dir_okay=True, allow_dash=True), metavar=metavar
            ),
            click.option(
                "--encoding-errors",
                type=click.Choice(["strict", "replace"]),
                default="strict",
                show_default=True,
                help="What to do with bytes that are not UTF-8: refuse the file, or replace them with U+FFFD.",
            ),
            click.option(
                "--people",
                type=click.Path(dir_okay=False),
                help="People registry (TOML). Default: people.toml beside the notes, else seeds/people.toml of the project, else the bundled one.",
            ),
        ]
        if common:
            decorators += [
                click.option(
                    "--stdin-filename",
                    metavar="NAME",
                    help="Name standard input (`-`) in messages, pick its reader by this suffix (.md: Markdown) and find people.toml beside it.",
                ),
                click.option(
                    "-v",
                    "--verbose",
                    is_flag=True,
                    help="Say on standard error which notes, registry, baseline and exports folder are used.",
                ),
                click.option(
                    "--no-progress",
                    "progress",
                    flag_value=False,
                    default=True,
                    help="Never show progress (shown on a terminal when the work takes more than a second).",
                ),
            ]
        decorators.append(
            click.option(
                "--max-bytes",
                type=Size(),
                is_eager=True,
                metavar="SIZE",
                help="Refuse an input larger than SIZE (bytes, or with K, M, G: 1M, 256M). Default: 256M.",
            )
        )
        for decorator in reversed(decorators):
            wrapper = decorator(wrapper)
        return wrapper

    return decorate
