"""Exports written in parts (``exporters.render_parts``) are ``render``'s bytes exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

import ovnnotes
from ovnnotes.files.writing import write_staged
from ovnnotes.writers.exporters import FORMATS, render, render_parts

TEXTS = {
    "seed": None,
    "empty": "",
    "line breaks": "Dec 15, 2025 | OVN Community Meeting\nNotes\n- (dceara) a\u2028b \x85 c\u2029d\n",
}


def _document(name: str):
    text = TEXTS[name]
    if text is None:
        return ovnnotes.parse_paths([str(Path(__file__).resolve().parent.parent / "seeds")])
    return ovnnotes.parse(text, "notes.txt")[0]


@pytest.mark.parametrize("text", sorted(TEXTS))
@pytest.mark.parametrize("name", [f for f in FORMATS if f != "sqlite"])
def test_parts_join_to_the_rendered_bytes(name: str, text: str) -> None:
    document = _document(text)
    whole = render(document, name)
    parts = {
        file: data if isinstance(data, bytes) else b"".join(data)
        for file, data in render_parts(document, name)
    }
    assert parts == whole


def test_write_staged_writes_parts_and_leaves_unchanged_files(tmp_path: Path) -> None:
    write_staged(tmp_path, [iter([("a.txt", iter([b"one ", b"two"]))]), {"b.txt": b"three"}])
    assert (tmp_path / "a.txt").read_bytes() == b"one two"
    before = (tmp_path / "a.txt").stat().st_ino
    written = write_staged(tmp_path, [iter([("a.txt", iter([b"one", b" two"]))])])
    assert written == [tmp_path / "a.txt"]
    assert (tmp_path / "a.txt").stat().st_ino == before  # same bytes: not replaced
    write_staged(tmp_path, [iter([("a.txt", iter([b"one two", b"!"]))])])
    assert (tmp_path / "a.txt").read_bytes() == b"one two!"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
