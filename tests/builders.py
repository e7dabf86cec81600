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


def round_trip_rows(meetings: list[Meeting]) -> list[tuple]:
    """Everything a round trip between the readers must keep: each meeting's metadata and
    sections, then each item in tree order (depth, id, section, kind, text, speakers, links, box)."""
    rows: list[tuple] = []
    for meeting in meetings:
        rows.append(
            (
                meeting.id,
                meeting.date,
                meeting.title,
                meeting.attendees,
                meeting.unresolved_attendees,
                meeting.recording_urls,
                meeting.transcript_urls,
                [mark.section for mark in meeting.sections],
            )
        )
        for visit in meeting.iter_items():
            item = visit.item
            rows.append(
                (
                    len(visit.ancestors) + 1,
                    item.id,
                    item.section,
                    item.kind,
                    item.text,
                    item.speaker_label,
                    item.speakers,
                    item.unresolved_speakers,
                    [(link.url, link.text, link.kind) for link in item.links],
                    item.checked,
                )
            )
    return rows
