"""Which project a command works on: the notes, registry, baseline and exports it uses by default.

A **project** is the nearest folder, from the working directory up through its parents (the way
git and ruff find theirs), that has a ``seeds/`` subfolder. Its ``seeds/`` holds the notes, the
people registry (``people.toml``) and the accepted findings (``validate-baseline.toml``), and its
``exports/`` the exports. Outside any project, commands use the copy of ``seeds/`` bundled with
ovnnotes (read-only) and write exports under ``./exports/``.

So after ``pip install .`` a contributor's edits to ``./seeds/`` are what ``ovnnotes export`` and
``ovnnotes validate`` read, from the project root or any folder below it; the bundled copy is
only the fallback for a user with no project at all. ``locate`` never raises and does no more than
a few ``stat`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import resources

SEEDS = "seeds"
EXPORTS = "exports"
PEOPLE = "people.toml"


@dataclass(frozen=True)
class Project:
    """Where the defaults come from; ``root`` is None outside any project."""

    root: Path | None
    seeds: Path
    """The project's ``seeds/``, or the bundled copy outside any project."""

    @property
    def bundled(self) -> bool:
        return self.root is None

    @property
    def exports(self) -> Path:
        """Folder the exports go to: the project's ``exports/``, else ``./exports/``."""
        return self.root / EXPORTS if self.root is not None else Path(EXPORTS)

    def describe(self) -> str:
        """One line for ``--verbose``: which notes folder was chosen and why."""
        if self.root is None:
            return f"{self.seeds} (the copy bundled with ovnnotes: no seeds/ folder here or in a parent folder)"
        return f"{self.seeds} (the project at {self.root})"


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder from ``start`` (default: the working directory) upwards with a ``seeds/`` folder."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was removed
        return None
    for folder in (here, *here.parents):
        try:
            if (folder / SEEDS).is_dir():
                return folder
        except OSError:
            continue
    return None


def locate(start: Path | None = None) -> Project:
    """The project the working directory (or ``start``) is in, or the bundled data outside any."""
    root = find_root(start)
    if root is None:
        return Project(root=None, seeds=resources.seeds_dir())
    return Project(root=root, seeds=root / SEEDS)
