"""A section word glued to the end of a recording or transcript line, without its colon (issue #14).

The export writes the next line's ``Agenda`` heading at the end of the ``Transcripts:`` line;
``Agenda:`` was already read as the heading, the bare word gave a false "not a link" warning.
"""

from __future__ import annotations

import pytest

import ovnnotes
from ovnnotes.model import Section
from ovnnotes.writers.markdown import format_markdown

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


@pytest.mark.parametrize("heading", ["Notes", "  Notes", "  **Notes**", "\t**Agenda**:"])
def test_an_indented_section_heading_after_an_empty_label_is_the_heading(heading: str) -> None:
    """``Transcripts:`` alone leaves its value open for the next line, but not for a section heading,
    indented or bold as the export may write it (found by ``bench/fuzz.py``: the heading was kept as
    the transcripts' text, and ``fmt`` wrote ``Transcripts: Notes``, which reads back as a heading)."""
    text = f"Jan 12, 2026 | OVN Community Meeting\n\nTranscripts:\n{heading}\n- (dceara) topic\n"
    document, _ = ovnnotes.parse(text, path="notes.txt")
    meeting = document.meetings[0]
    section = Section.AGENDA if "Agenda" in heading else Section.NOTES
    assert [(mark.section, mark.line) for mark in meeting.sections] == [(section, 4)]
    assert [(note.label, note.text) for note in meeting.metadata_notes] == [("transcripts", "")]
    markdown = format_markdown(document)
    assert format_markdown(ovnnotes.parse(markdown, path="notes.md")[0]) == markdown


def test_every_section_word_ending_a_line_is_a_heading() -> None:
    """Two glued headings (found by ``bench/fuzz.py``: the first was kept as a note, which ``fmt``
    wrote back at the end of the line, where it read as a heading)."""
    for path, heading in (("notes.txt", ""), ("notes.md", "## ")):
        text = f"{heading}Jan 12, 2026 | OVN Community Meeting\n\nTranscripts: {URL} Agenda Notes\n- (dceara) topic\n"
        document, diagnostics = ovnnotes.parse(text, path=path)
        meeting = document.meetings[0]
        assert [mark.section for mark in meeting.sections] == [Section.AGENDA, Section.NOTES], path
        assert (meeting.transcript_urls, meeting.metadata_notes) == ([URL], []), path
        assert [d.code for d in diagnostics] == [], path
        markdown = format_markdown(document)
        assert format_markdown(ovnnotes.parse(markdown, path="notes.md")[0]) == markdown, path


@pytest.mark.parametrize(
    ("lines", "recording", "transcripts", "notes"),
    [
        (f"Recording: {URL}/Transcrip<u></u>ts: {URL}", [f"{URL}/"], [URL], []),
        ("Transcripts:\nTr<u></u>anscripts:", [], [], [("transcripts", "")]),
        ("Recording: x <u>Notes</u>\n- (dceara) topic", [], [], [("recording", "x")]),
    ],
)
def test_a_label_that_only_cleaning_shows_is_a_label(
    lines: str, recording: list[str], transcripts: list[str], notes: list[tuple[str, str]]
) -> None:
    """Markup inside a label word: the cleaned value is read again, so no note holds a label (found by
    ``bench/fuzz.py``: ``fmt`` wrote the note ``Transcripts:`` back, and it read as the label)."""
    document, _ = ovnnotes.parse(f"Jan 12, 2026 | OVN Community Meeting\n\n{lines}\n", path="notes.txt")
    meeting = document.meetings[0]
    assert (meeting.recording_urls, meeting.transcript_urls) == (recording, transcripts)
    assert [(note.label, note.text) for note in meeting.metadata_notes] == notes
    markdown = format_markdown(document)
    assert format_markdown(ovnnotes.parse(markdown, path="notes.md")[0]) == markdown
