"""Where things are: the bundled data, the project a command works on, how paths are shown.

**Bundled data**: the notes and people registry in `seeds/`, the schema in `schema/`. In a source
checkout (or an editable install) these are the project's top-level folders; in an installed
wheel they are copied into the package as `_seeds/` and `_schema/`. Paths reported in documents
are always the project-relative ones (`seeds/...`), so exports do not depend on where ovnnotes is
installed.

**The project**: the nearest folder, from the working directory up through its parents (the way
git and ruff find theirs), that has a ``seeds/`` subfolder. Its ``seeds/`` holds the notes, the
people registry (``people.toml``) and the accepted findings (``validate-baseline.toml``), and its
``exports/`` the exports. Outside any project, commands use the copy of ``seeds/`` bundled with
ovnnotes (read-only) and write exports under ``./exports/``. So after ``pip install .`` a
contributor's edits to ``./seeds/`` are what ``ovnnotes export`` and ``ovnnotes validate`` read,
from the project root or any folder below it; the bundled copy is only the fallback for a user
with no project at all. ``locate`` never raises and does no more than a few ``stat`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
NOTES_SUFFIXES = (".txt", ".md")
MARKDOWN_SUFFIXES = (".md", ".markdown")
"""Notes files read with the Markdown reader; the others are text exports."""


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / f"_{name}"
    return installed if installed.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    """Folder holding the bundled notes and `people.toml`."""
    return _data_dir("seeds")


def schema_dir() -> Path:
    """Folder holding the published JSON Schema files."""
    return _data_dir("schema")


def people_path() -> Path:
    """The bundled people registry."""
    return seeds_dir() / "people.toml"


def bundled_notes() -> list[Path]:
    """The bundled notes files, sorted by name."""
    return sorted(p for p in seeds_dir().iterdir() if p.suffix in NOTES_SUFFIXES and p.is_file())


def display_path(path: Path) -> str:
    """How a file is named in documents and messages: `seeds/NAME` for the notes of the project
    the working directory is in (``find_root``) and for the bundled ones, wherever the
    command runs from; other paths as given."""
    from .locations import find_root

    resolved = path.resolve()
    root = find_root()
    for seeds in ([root / "seeds"] if root is not None else []) + [seeds_dir()]:
        try:
            return "seeds/" + resolved.relative_to(seeds.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


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
            return (
                f"{self.seeds} (the copy bundled with ovnnotes: no seeds/ folder here or in a parent folder)"
            )
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
        return Project(root=None, seeds=seeds_dir())
    return Project(root=root, seeds=root / SEEDS)
