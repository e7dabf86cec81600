"""The project's exceptions: problems a user can fix, each a one-line message naming the path.

Everything about the content of the notes is a diagnostic (data, never an exception); these are
for what stops a command: an input that cannot be used at all, a query or a baseline that cannot
be read. The CLI turns each into one line, ``ovnnotes: error: MESSAGE``, and its exit code,
without a traceback (``--debug`` shows one).
"""

from __future__ import annotations


class OvnnotesError(Exception):
    """A problem the user can fix (bad path, unreadable file); the CLI prints it without a traceback."""

    exit_code = 2
    usage = False
    """True when the CLI shows it as a usage error (with the command's ``--help`` to try)."""


class InputError(OvnnotesError):
    """An input file that cannot be used at all (exit code 2).

    ``code`` is the rule ``validate`` reports it as: ``ONI002`` for text that is not UTF-8,
    ``ONI003`` (the default) for anything else.
    """

    code = "ONI003"


class EncodingError(InputError):
    """Text that is not valid UTF-8."""

    code = "ONI002"


class BaselineError(OvnnotesError, ValueError):
    """The baseline file of accepted findings cannot be used (bad TOML or a malformed entry)."""


class QueryError(OvnnotesError, ValueError):
    """A search query FTS5 cannot read (the message says why, in one line): a usage error."""

    usage = True


class UnknownPerson(OvnnotesError, LookupError):
    """A person asked for (``--owner``, ``--speaker``) whom the people registry does not know."""
