"""What a parse makes is freed by reference counting: nothing is left for the cyclic collector.

The CLI turns the cyclic garbage collector off (``ovnnotes.cli.main``): a command keeps most of
what it builds until it ends, and the collector would only walk it again and again. Then an object
in a reference cycle is never freed. Once a node of the release walk referred to itself, the text
reader and its meeting drafts referred to each other, and markdown-it's tree linked every node to
its parent: a parse of 1 MB of Markdown left about a million objects behind, and an export of
every format holds two parses in turn. These tests count what the collector would have to free
after parsing, validating and exporting, for notes of two sizes: the count must not grow with
the notes (a few objects of the libraries' own caches are made once).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ovnnotes import api
from ovnnotes.checks.validate import ValidateOptions, run_validation
from ovnnotes.files import reading
from ovnnotes.writers import exporters
from ovnnotes.writers.markdown import format_markdown

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ovn-community-meetings.txt"


@contextmanager
def cyclic_garbage() -> Iterator[list[object]]:
    """The objects the collector finds unreachable (only in cycles) among those made in the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found: list[object] = []
    try:
        yield found
        gc.collect()
        found.extend(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def leftovers(work: Callable[[], object]) -> int:
    work()  # once before: what the libraries make once (caches, compiled templates) is not counted
    with cyclic_garbage() as found:
        work()
    return len(found)


def _seed_text(copies: int) -> str:
    text = SEED.read_text(encoding="utf-8")
    return text + "\n".join([text.split("\n", 1)[1]] * (copies - 1))


def _markdown(copies: int) -> str:
    document, _ = api.parse(_seed_text(copies), "notes.txt")
    return format_markdown(document)


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_a_parse_leaves_nothing_for_the_cyclic_collector(kind: str) -> None:
    name = "notes.txt" if kind == "text" else "notes.md"
    make = _seed_text if kind == "text" else _markdown
    small, big = make(1), make(3)
    counts = [leftovers(lambda text=text: api.parse(text, name)) for text in (small, big)]  # type: ignore[misc]
    assert counts[1] <= counts[0] <= 50, counts


def test_validating_and_exporting_leave_nothing_for_the_cyclic_collector(tmp_path: Path) -> None:
    counts = []
    for copies in (1, 3):
        notes = tmp_path / f"notes-{copies}.txt"
        notes.write_text(_seed_text(copies), encoding="utf-8")

        def work(notes: Path = notes) -> None:
            run_validation([str(notes)], ValidateOptions(today=None))
            document = api.parse_paths([str(notes)])
            for name in ("json", "jsonl", "csv", "ical"):
                exporters.render(document, name)

        counts.append(leftovers(work))
    assert counts[1] <= counts[0] <= 100, counts


def test_a_file_read_before_is_not_decoded_again_while_its_bytes_are_the_same(tmp_path: Path) -> None:
    """``export --format all`` validates the notes it has just parsed: the validation reads the files
    again (they may have changed) but keeps the texts already decoded when the bytes are the same."""
    notes = tmp_path / "notes.txt"
    notes.write_text("Dec 15, 2025 | OVN Community Meeting\n\n- first\n", encoding="utf-8")
    first = reading.read(str(notes))
    assert reading.read(str(notes), known=first) is first
    other = tmp_path / "other.txt"
    other.write_bytes(notes.read_bytes())
    assert reading.read(str(other), known=first) is not first  # the same bytes, another file
    notes.write_text("Dec 15, 2025 | OVN Community Meeting\n\n- second\n", encoding="utf-8")
    again = reading.read(str(notes), known=first)
    assert again is not first and "second" in again.text and again.sha256 != first.sha256
