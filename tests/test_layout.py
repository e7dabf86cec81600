"""The layout the README's module map describes is the code's: every module listed, every import
allowed for its family, no module importing another's private names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ovnnotes"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(name: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    return README.split(start, 1)[1].split(end, 1)[0]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}
FAMILIES: dict[str, set[str] | None] = {}  # family prefix -> what it may import (None: anything)
for row in _section("layers").strip().splitlines()[2:]:
    family, _, allowed = (cell.strip() for cell in row.strip("|").split("|"))
    name = "ovnnotes" if family == "`ovnnotes`" else "ovnnotes." + family.strip("`")
    FAMILIES[name] = (
        None
        if allowed == "anything"
        else {
            "ovnnotes" if word == "ovnnotes" else f"ovnnotes.{word}"
            for word in re.findall(r"`([\w.]+)`", allowed)
        }
    )


def family_of(module: str) -> str:
    """The most specific family a module belongs to (``ovnnotes.checks.rules`` before ``ovnnotes.checks``)."""
    candidates = [name for name in FAMILIES if module == name or module.startswith(name + ".")]
    assert candidates, f"{module} belongs to no family of the README's module map"
    return max(candidates, key=len)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported from it, line) for every import of the package, function-level ones included."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "ovnnotes" or target.startswith("ovnnotes."):
                names = [alias.name for alias in node.names]
                submodules = [f"{target}.{name}" for name in names if f"{target}.{name}" in MODULES]
                plain = [name for name in names if f"{target}.{name}" not in MODULES]
                if (
                    plain or not submodules
                ):  # ``from .. import progress`` imports a module, not names of the package
                    found.append((target, plain, node.lineno))
                found += [(submodule, [], node.lineno) for submodule in submodules]
        elif isinstance(node, ast.Import):
            found += [
                (alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("ovnnotes")
            ]
    return found


def test_the_module_map_lists_every_module() -> None:
    listed = set(re.findall(r"^- `(ovnnotes/[\w/]+\.py)`:", _section("modules"), re.MULTILINE))
    actual = {path.relative_to(ROOT).as_posix() for path in MODULES.values()}
    assert sorted(actual - listed) == [], "modules missing from the README's module map"
    assert sorted(listed - actual) == [], "the README's module map lists modules that do not exist"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_module_map(module: str) -> None:
    family = family_of(module)
    allowed = FAMILIES[family]
    if allowed is None:
        return
    wrong = []
    for target, _, line in imports(MODULES[module]):
        if target == module or (target.startswith(family + ".") or target == family):
            continue  # within its own family
        if not any(
            target == name or (name != "ovnnotes" and target.startswith(name + ".")) for name in allowed
        ):
            wrong.append(f"line {line}: {target}")
    assert wrong == [], f"{module} ({family}) may import only {sorted(allowed)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_private_names(module: str) -> None:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"line {line}: {target}.{name}"
        for target, names, line in imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    aliases = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if f"{node.module}.{alias.name}" in MODULES or node.level
    }
    private += [
        f"line {node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in aliases
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert private == []


def test_the_model_imports_nothing_of_the_package() -> None:
    assert [target for target, _, _ in imports(MODULES["ovnnotes.model"])] == []


def test_readers_never_import_writers_files_or_the_site() -> None:
    for module, path in MODULES.items():
        if module.startswith("ovnnotes.read"):
            assert not [
                t
                for t, _, _ in imports(path)
                if t.startswith(
                    ("ovnnotes.writers", "ovnnotes.files", "ovnnotes.site", "ovnnotes.cli", "ovnnotes.api")
                )
            ]


def test_light_copies_of_constants_agree() -> None:
    """The CLI keeps a few constants of heavier modules, so that ``--help`` imports nothing heavy."""
    from ovnnotes.cli.export import FORMATS, UNCHECKED_FORMATS
    from ovnnotes.cli.options import DEFAULT_MAX_BYTES
    from ovnnotes.files.reading import DEFAULT_MAX_BYTES as READ_MAX_BYTES
    from ovnnotes.writers.exporters import FORMATS as EXPORTER_FORMATS

    assert sorted([*FORMATS, *UNCHECKED_FORMATS]) == EXPORTER_FORMATS
    assert DEFAULT_MAX_BYTES == READ_MAX_BYTES
