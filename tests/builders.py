"""Small documents built directly from the model, for tests that need exact field values."""

from __future__ import annotations

import datetime as dt

from ovnnotes.model import Document, Generator, Item, Meeting, Nesting, SourceRef


def tiny_document(title: str, text: str) -> Document:
    """One meeting (2024-01-08) with one item: ``title`` and ``text`` go through unchanged."""
    item = Item(
        id="2024-01-08/1", section=None, text=text, raw=text, line=3, end_line=3, nesting=Nesting.EXPLICIT
    )
    meeting = Meeting(
        id="2024-01-08",
        date=dt.date(2024, 1, 8),
        title=title,
        source=SourceRef(path="<string>", line=1),
        end_line=3,
        items=[item],
    )
    return Document(generator=Generator(name="ovnnotes", version="0.0.0"), meetings=[meeting])
