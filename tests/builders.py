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


def round_trip_rows(meetings: list[Meeting], markdown: bool = False) -> list[tuple]:
    """Everything a round trip between the readers must keep: each meeting's metadata and
    sections, then each item in tree order (depth, id, section, kind, text, speakers, links, box);
    with ``markdown``, also what only Markdown holds (metadata notes, the items' markup, numbers,
    quotes, heading levels), for a round trip through ``fmt``."""
    rows: list[tuple] = []
    for meeting in meetings:
        extra: tuple = ([(n.label, n.text) for n in meeting.metadata_notes],) if markdown else ()
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
                *extra,
            )
        )
        for visit in meeting.iter_items():
            item = visit.item
            markup: tuple = (item.markdown, item.number, item.quoted, item.heading) if markdown else ()
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
                    *markup,
                )
            )
    return rows
