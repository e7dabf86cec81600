"""Walking a folder for notes the way a user expects: their files, not their tools' or tests'.

Given a folder, ``files`` lists the files below it with one of the wanted suffixes, sorted, and
leaves out:

* hidden files and folders (a name starting with `.`: `.git`, `.venv`, `.tox`, ...);
* virtual environments, whatever their name (a folder with `pyvenv.cfg`, PEP 405, or a conda
  `conda-meta/`), and `node_modules/` and `__pycache__/`;
* what `.ovnnotesignore` files exclude (gitignore syntax), in the folder walked, its subfolders
  and its parents up to the project (or git work tree) root: the way to keep test fixtures or
  drafts out of `ovnnotes validate .`;
* when the folder is in a git work tree (a `.git` in it or a parent), what `.gitignore` files and
  `.git/info/exclude` exclude, with git's precedence (a deeper file wins, the last matching
  pattern of a file wins, `!` re-includes). Patterns are matched with ``pathspec``, so git need
  not be installed; a user's global `core.excludesFile` is not read, and a tracked file that
  matches a pattern is left out all the same.

The folder named is always walked: when a pattern of a parent folder excludes it (as
`tests/` in this repository's `.ovnnotesignore` excludes the test corpus from `validate .`),
only the ignore files inside it apply, so `ovnnotes validate tests/cases/x/` reads that case.
Symbolic links
to folders are not followed (no loops). Whether a file found is really notes (it has a meeting
heading) or an ovnnotes document is decided after reading it, in ``files.inputs``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .locations import find_root

IGNORE_FILE = ".ovnnotesignore"
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def is_virtualenv(folder: Path) -> bool:
    """A Python virtual environment (PEP 405 `pyvenv.cfg`) or a conda environment."""
    return (folder / "pyvenv.cfg").is_file() or (folder / "conda-meta").is_dir()


def git_root(folder: Path) -> Path | None:
    """The root of the git work tree ``folder`` is in (the nearest folder with `.git`), or None."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class _Rules:
    """The ignore patterns that apply in one folder: (base folder, spec) from the top down."""

    def __init__(self, specs: tuple[tuple[Path, object], ...] = ()) -> None:
        self.specs = specs

    def extend(self, folder: Path, git: bool) -> _Rules:
        names = (".gitignore", IGNORE_FILE) if git else (IGNORE_FILE,)
        added = tuple((folder, spec) for name in names if (spec := _load(folder / name)) is not None)
        return _Rules(self.specs + added) if added else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        decision: bool | None = None
        for base, spec in self.specs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(relative + ("/" if is_dir else ""))  # type: ignore[attr-defined]
            if result.include is not None:
                decision = result.include
        return bool(decision)


def _load(path: Path) -> object | None:
    """A gitignore-style spec from ``path``, None when there is no such (readable) file."""
    try:
        if not path.is_file():
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _initial_rules(folder: Path) -> tuple[_Rules, bool]:
    """Rules from the ignore files of ``folder``'s parents (git root or project root down), and whether it is in git."""
    git = git_root(folder)
    top = git or find_root(folder) or folder
    rules = _Rules()
    if git is not None:
        exclude = _load(git / ".git" / "info" / "exclude")
        if exclude is not None:
            rules = _Rules(((git, exclude),))
    chain = [folder, *folder.parents]
    ancestors = chain[1 : chain.index(top) + 1] if top in chain else []
    for parent in reversed(ancestors):
        if rules.ignored(parent, is_dir=True):  # named explicitly inside an excluded folder
            return _Rules(), git is not None
        rules = rules.extend(parent, git is not None)
    if rules.ignored(folder, is_dir=True):
        return _Rules(), git is not None
    return rules, git is not None


def skipped_folder(folder: Path) -> bool:
    """A folder the walk never enters (hidden, a virtual environment, `node_modules`, `__pycache__`)."""
    return folder.name.startswith(".") or folder.name in SKIPPED_FOLDERS or is_virtualenv(folder)


def files(folder: str | Path, suffixes: Sequence[str]) -> list[str]:
    """The files under ``folder`` with one of ``suffixes`` (any case), sorted, as paths under ``folder``."""
    return sorted(str(path) for path in _walk(Path(folder), tuple(s.lower() for s in suffixes)))


def _walk(top: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    absolute = top.resolve()
    base_rules, git = _initial_rules(absolute)
    rules_of: dict[str, _Rules] = {}
    for dirpath, dirnames, filenames in os.walk(absolute):
        here = Path(dirpath)
        parent_rules = rules_of.get(str(here.parent), base_rules) if here != absolute else base_rules
        rules = parent_rules.extend(here, git)
        rules_of[dirpath] = rules
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not skipped_folder(here / name) and not rules.ignored(here / name, is_dir=True)
        )
        shown = top / here.relative_to(
            absolute
        )  # as the user named it: `seeds/x.txt`, not `/abs/seeds/x.txt`
        for name in sorted(filenames):
            path = here / name
            if (
                name.startswith(".")
                or not name.lower().endswith(suffixes)
                or rules.ignored(path, is_dir=False)
            ):
                continue
            if path.is_file():
                yield shown / name
