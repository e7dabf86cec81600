"""The ``ovnnotes`` command: a thin layer over the library API.

Each command (``export``, ``fmt``, ``checks``, ``listings``, ``site``) turns its options into
library calls and decides the exit code; the work is done in ``ovnnotes.api`` and the families
below it. ``app`` holds the group and the one error boundary, ``options`` the options every
command that reads notes takes (``@notes_inputs``). Heavy modules (pydantic, jsonschema,
icalendar, ovs) are imported inside the commands that need them, so ``--version`` and ``--help``
start fast. Exit codes: 0 success, 1 problems found (or stale exports), 2 usage or input errors,
3 an internal error (a bug to report), 128 + N when killed by signal N (130 SIGINT, 143 SIGTERM).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Run

__all__ = ["cli", "main"]


def __getattr__(name: str) -> Any:
    """``cli``, the command group with every command registered; imported on first use, so that
    ``main`` answers ``--version`` and a ``check`` whose fingerprint matches before click is imported.
    (``main`` itself imports only the module of the command it runs: ``app.COMMAND_MODULES``.)"""
    if name == "cli":
        from .app import cli, load_commands

        load_commands()
        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point: no Python traceback for user errors unless --debug."""
    # A command runs for a moment and keeps most of what it builds until it ends: the cyclic
    # garbage collector would only walk those objects (pydantic's schemas, the document) again and
    # again. Reference counting still frees everything else at once. (`site --serve`, the one long
    # run, turns it back on.)
    gc.disable()
    # ovnnotes uses no pydantic plugin; looking for them scans every installed package's entry points.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        if not _answered_fast(sys.argv[1:]):
            from .app import Run

            _run(Run())
    finally:
        # The process is about to end. Without this the interpreter's last garbage collection
        # walks every object the command made or imported (pydantic's schemas, the document),
        # about 40 ms for nothing: their memory goes back with the process anyway. Objects are
        # still released and files closed as usual; only that final walk is skipped.
        gc.freeze()


def _answered_fast(args: list[str]) -> bool:
    """``--version``, and ``check [PATHS]`` when the fingerprint of exports/ matches: answered with
    neither click nor the model imported (``fast``). False: run the command the usual way."""
    if args == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"ovnnotes, version {__version__}\n")  # click's version_option's words
        return True
    if args[:1] == ["check"] and not any(arg.startswith("-") for arg in args[1:]):
        from .fast import check_fast

        return check_fast(args[1:])
    return False


def _run(run: Run) -> None:
    from ..files.interrupts import SIGNALS, Interrupted, install
    from .app import cli, fail

    # SIGINT, SIGTERM, SIGHUP raise Interrupted (click would print "Aborted!" and exit 1) while the
    # command runs, and are ignored once it is over (a second signal must not cut the message short).
    install()
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate from a JSON escape prints as \udcxx
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        try:
            cli(standalone_mode=True, obj=run)
        finally:
            # The command is over (click has flushed what it printed): only the interpreter's
            # shutdown is left, during which Python puts the default handlers back. A signal then
            # would end the process by the signal's default action, with no message, after all the
            # work was done; ignored, the exit status says what the command did.
            _ignore(SIGNALS)
    except Interrupted as error:
        fail(f"interrupted by {error.name}; no file was left half-written", error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
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
        if run.debug:
            raise
        fail("the input is nested too deeply to be processed; flatten it (e.g. fewer nested lists or arrays)")
    except MemoryError:
        if run.debug:
            raise
        fail(
            "not enough memory to process the input; give smaller inputs (or lower --max-bytes to refuse them early)"
        )
    except Exception as error:  # the last resort: a bug, reported as one (exit 3)
        if run.debug:
            raise
        fail(
            f"internal error: {type(error).__name__}: {error} (rerun with --debug for details and report it)",
            3,
        )


def _ignore(signums: tuple[int, ...]) -> None:
    import signal

    for signum in signums:
        signal.signal(signum, signal.SIG_IGN)
