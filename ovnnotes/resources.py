"""Where the bundled data lives: the notes and people registry in `seeds/`, the schema in `schema/`.

In a source checkout (or an editable install) these are the project's top-level folders; in an
installed wheel they are copied into the package as `_seeds/` and `_schema/`. Paths reported in
documents are always the project-relative ones (`seeds/...`), so exports do not depend on where
ovnnotes is installed.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
NOTES_SUFFIXES = (".txt", ".md")
MARKDOWN_SUFFIXES = (".md", ".markdown")
"""Notes files read with ``markdown.parse_markdown``; the others are text exports."""


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
    the working directory is in (``ovnnotes.project``) and for the bundled ones, wherever the
    command runs from; other paths as given."""
    from .project import find_root

    resolved = path.resolve()
    root = find_root()
    for seeds in ([root / "seeds"] if root is not None else []) + [seeds_dir()]:
        try:
            return "seeds/" + resolved.relative_to(seeds.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)
