"""A section word glued to the end of a recording or transcript line, without its colon (issue #14).

The export writes the next line's ``Agenda`` heading at the end of the ``Transcripts:`` line;
``Agenda:`` was already read as the heading, the bare word gave a false "not a link" warning.
"""

from __future__ import annotations

import pytest

import ovnnotes
from ovnnotes.model import Section

URL = "https://drive.google.com/file/d/1Qw8rTz5YbN3mKx7LpVd2HcJfGs/view"


@pytest.mark.parametrize(
    ("line", "section"),
    [
        (f"Transcripts: {URL} Agenda", Section.AGENDA),
        (f"Transcripts: {URL} Agenda:", Section.AGENDA),
        (f"Recording: {URL} notes", Section.NOTES),
        (f"Transcripts: {URL}  Action Items ", Section.ACTION_ITEMS),
        ("Transcripts: Agenda", Section.AGENDA),
    ],
)
def test_trailing_section_word_opens_the_section(line: str, section: Section) -> None:
    for path, text in (
        ("notes.txt", f"Jan 12, 2026 | OVN Community Meeting\n\n{line}\n\n- (dceara) topic\n"),
        ("notes.md", f"## Jan 12, 2026 | OVN Community Meeting\n\n{line}\n\n- (dceara) topic\n"),
    ):
        document, diagnostics = ovnnotes.parse(text, path=path)
        meeting = document.meetings[0]
        assert [(mark.section, mark.line) for mark in meeting.sections] == [(section, 3)], path
        assert [item.section for item in meeting.items] == [section], path
        urls = meeting.recording_urls + meeting.transcript_urls
        assert list(urls) == ([URL] if URL in line else []), path
        assert [d.code for d in diagnostics if d.severity.value != "info"] == [], path


def test_a_word_that_is_no_section_is_still_reported() -> None:
    text = f"Jan 12, 2026 | OVN Community Meeting\n\nTranscripts: {URL} Agendas\n\n- (dceara) topic\n"
    _, diagnostics = ovnnotes.parse(text, path="notes.txt")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("ONP103", "text 'Agendas' in the transcript line is not a link; kept as a note")
    ]
