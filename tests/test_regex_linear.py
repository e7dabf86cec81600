"""Every regular expression of the package runs in linear time, on adversarial input.

The expressions are collected programmatically: every compiled ``re.Pattern`` reachable from a
module of ``ovnnotes`` (module globals, class attributes, and containers of them) plus every
string literal passed to an ``re`` function in the source. Each one is run (``finditer`` over
the whole text, the most demanding use, and ``fullmatch``) on texts made by repeating a short
unit: single characters, the characters and literal strings the expression itself names, each
glued to a letter, a space or a digit (``a/a/a/...``, ``<u><u>...``, runs of spaces). Such runs
are what makes a backtracking expression re-read the rest of the text from every position.

For each expression its slowest unit at 10,000 characters is run again at 100,000: a linear
expression takes about 10 times as long, a quadratic one 100 times; the test fails above 50 in
each of ``ATTEMPTS`` measurements (generous: a linear expression whose backtracking stack
outgrows the processor's caches at 100,000 characters, ``(?:[ \\t]{0,3}>[ ]?)*`` on ``>>>...``,
takes 20 to 40 times as long on a busy machine, never 100). An expression so slow at 10,000 characters
that 100,000 would take seconds is measured at 1,000 and 10,000 instead.

Also through the CLI: the item that took minutes (``Mark will review a/a/a/...``).
"""

from __future__ import annotations

import ast
import functools
import gc
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import ovnnotes
from ovnnotes.cli import cli

try:  # Python 3.11+ names them privately; the parse tree is what we need
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
MAX_RATIO = 50.0
ATTEMPTS = 4
"""Measurements of an expression before its ratio counts as a failure."""
"""Time at 100k characters over time at 10k: linear gives about 10, quadratic 100."""
QUICK = 0.002
"""Seconds under which 100,000 characters count as linear whatever the ratio (timer noise dominates)."""
SLOW = 0.05
"""Seconds at 10,000 characters above which 100,000 would take too long: measure 1,000 and 10,000 instead."""


def _visit(name: str, value: object, found: dict[tuple[str, int], str], module: str, depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            found.setdefault((value.pattern, value.flags), name)
    elif depth < 2 and isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            _visit(f"{name}[{index}]", item, found, module, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for key, item in value.items():
            _visit(f"{name}[{key!r}]", item, found, module, depth + 1)
    elif depth == 0 and isinstance(value, type) and value.__module__ == module:
        for key, item in vars(value).items():
            _visit(f"{name}.{key}", item, found, module, depth + 1)


@functools.cache
def package_patterns() -> dict[str, re.Pattern[str]]:
    """Every expression of ``ovnnotes``, by where it is defined."""
    found: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages(ovnnotes.__path__, "ovnnotes."):
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            _visit(f"{info.name}.{key}", value, found, info.name)
        assert module.__file__
        seen = {pattern for pattern, _flags in found}
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                compiled = re.compile(node.args[0].value)
                if compiled.pattern not in seen:  # not the literal of a global already found (with its flags)
                    found.setdefault((compiled.pattern, compiled.flags), f"{info.name}:{node.lineno}")
    return {name: re.compile(pattern, flags) for (pattern, flags), name in found.items()}


def _literals(pattern: re.Pattern[str]) -> set[str]:
    """Characters and literal strings (two or more characters) the expression names."""
    out: set[str] = set()
    c = sre_constants

    def walk(tree: object) -> None:
        run = ""
        for op, arg in tree:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                out.add(chr(arg))
                run += chr(arg)
                continue
            if len(run) > 1:
                out.add(run)
            run = ""
            if op is c.NOT_LITERAL:
                out.add(chr(arg))
            elif op is c.IN:
                for kind, value in arg:
                    if kind is c.LITERAL:
                        out.add(chr(value))
                    elif kind is c.RANGE:
                        out.update((chr(value[0]), chr(value[1])))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                walk(arg[2])
            elif op is c.SUBPATTERN:
                walk(arg[-1])
            elif op is c.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(arg[1])
            elif op is getattr(c, "ATOMIC_GROUP", None):
                walk(arg)
        if len(run) > 1:
            out.add(run)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return out


BASE = ["a", "A", " ", "0", "\n", "\t", "é"]


def units(pattern: re.Pattern[str]) -> list[str]:
    out: set[str] = set()
    for piece in sorted(set(BASE) | _literals(pattern)):
        out |= {piece, piece + "a", "a" + piece, piece + " ", "A" + piece}
    return sorted(out)


def text_of(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ENOUGH = 0.05
"""Seconds of one run after which more runs are not needed: timer and scheduler noise is small beside it."""


def run_time(pattern: re.Pattern[str], text: str, runs: int = 1) -> float:
    """Best time of up to ``runs`` (fewer when one run takes ``ENOUGH``), with the garbage collector
    paused (the match objects of a pattern that matches everywhere would otherwise trigger
    collections: noise, not the expression's work)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            for _match in pattern.finditer(text):
                pass
            pattern.fullmatch(text)
            best = min(best, time.perf_counter() - start)
            if best >= ENOUGH:
                break
    finally:
        gc.enable()
    return best


def slowest_units(patterns: dict[str, re.Pattern[str]]) -> Iterator[tuple[str, str, float]]:
    """Each expression's slowest unit at 10,000 characters, among the three slowest at 2,000 (a
    quadratic unit is far ahead already there; ranking every unit at 10,000 took most of the test)."""
    for name, pattern in patterns.items():
        ranked = sorted(
            ((run_time(pattern, text_of(unit, 2_000)), unit) for unit in units(pattern)), reverse=True
        )
        seconds, unit = max((run_time(pattern, text_of(unit, 10_000)), unit) for _, unit in ranked[:3])
        yield name, unit, seconds


def test_the_collection_finds_the_expressions() -> None:
    patterns = package_patterns()
    assert len(patterns) > 80
    names = set(patterns)
    assert {
        "ovnnotes.facts.actions.PROMISE_RE",
        "ovnnotes.read.inline.URL_RE",
        "ovnnotes.read.headings.HEADING_RE",
    } <= names
    assert any(
        name.startswith("ovnnotes.facts.milestones.") and "[" in name for name in names
    )  # inside a list
    assert any(":" in name for name in names)  # literals given to re functions inside functions


def ratio(pattern: re.Pattern[str], unit: str, first: float) -> tuple[float, float, str]:
    """(time at the small size, at the big size, the sizes) for ``unit`` repeated."""
    if first > SLOW:
        return (
            run_time(pattern, text_of(unit, 1_000), 3),
            run_time(pattern, text_of(unit, 10_000), 2),
            "1k/10k",
        )
    return (
        run_time(pattern, text_of(unit, 10_000), 5),
        run_time(pattern, text_of(unit, 100_000), 3),
        "10k/100k",
    )


MODULES = sorted(info.name for info in pkgutil.walk_packages(ovnnotes.__path__, "ovnnotes."))


def module_of(name: str) -> str:
    """The module an expression's name (``ovnnotes.read.inline.URL_RE``, ``ovnnotes.api:12``) is from."""
    return max((m for m in MODULES if name.startswith((m + ".", m + ":"))), key=len)


@pytest.mark.parametrize("module", MODULES)
def test_every_expression_is_linear(module: str) -> None:
    """One module at a time (so parallel workers share the work). An expression over
    ``MAX_RATIO`` is measured again, up to ``ATTEMPTS`` times: a linear one that a busy machine
    slowed once passes the next time; a quadratic one stays about 100 every time."""
    patterns = {name: pattern for name, pattern in package_patterns().items() if module_of(name) == module}
    gc.collect()
    failures = []
    for name, unit, first in slowest_units(patterns):
        pattern = patterns[name]
        for _attempt in range(ATTEMPTS):
            small, big, sizes = ratio(pattern, unit, first)
            if big <= QUICK or big / max(small, 1e-6) <= MAX_RATIO:
                break
        else:
            failures.append(
                f"{name} on {unit!r} repeated: {sizes} took {small * 1000:.2f} ms / {big * 1000:.2f} ms"
            )
    assert failures == [], "\n".join(failures)


def test_a_long_slash_chain_in_a_promise_is_quick_through_the_cli(tmp_path: Path) -> None:
    """``Mark will review a/a/a/...``: 10k characters took seconds, 100k minutes (PROMISE_RE)."""

    def validate(size: int) -> float:
        notes = tmp_path / f"notes-{size}.txt"
        notes.write_text(
            "Dec 15, 2025 | OVN Community Meeting\n\nNotes\n\n- Mark will review " + "a/" * (size // 2) + "\n"
        )
        start = time.perf_counter()
        result = CliRunner().invoke(cli, ["validate", str(notes)])
        assert result.exit_code == 0, result.output
        return time.perf_counter() - start

    validate(1_000)  # warm up: imports, the registry
    small = min(validate(10_000) for _ in range(2))
    assert small < 0.5, f"10,000 characters took {small:.2f} s"  # quadratic: 100,000 would take minutes
    big = validate(100_000)
    assert big < 0.5 or big / small < MAX_RATIO, (small, big)


@pytest.mark.parametrize("unit", ["a/", "Mark/", "a / "])
def test_promise_owners_still_read_after_the_fix(unit: str) -> None:
    from ovnnotes.facts.actions import PROMISE_RE

    match = PROMISE_RE.search("Mark/Numan will review it")
    assert match and match.group("owners") == "Mark/Numan"
    assert PROMISE_RE.search(text_of(unit, 10_000)) is None
