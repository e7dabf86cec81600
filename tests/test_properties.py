"""Properties of parsing and exporting, on realistic notes with random damage (``strategies``).

Profiles (registered in ``conftest.py``): with ``CI`` set the ``ci`` profile runs few examples
so the suite stays fast; locally the Hypothesis default (100) runs; for a thorough run use
``HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py`` (thousands of examples,
minutes). ``bench/fuzz.py`` runs the parser (and the ``fmt`` properties) over 100 000 generated inputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from pathlib import Path

import icalendar
import jsonschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import notes_documents
from test_parser import unaccounted, walk

from ovnnotes import parse
from ovnnotes.model import Document
from ovnnotes.read.lines import TextLines, iter_lines, reader_lines, split_lines
from ovnnotes.vocabulary.characters import normalise_line
from ovnnotes.writers.exporters import ExportOptions, csv_, ical, render
from ovnnotes.writers.markdown import format_markdown

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "ovnnotes.v2.schema.json"
CSV_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # TAB and LF are allowed (inside quoted fields)
ICAL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # checked after removing the CR LF line ends
# JSON must escape C0 controls (only the LF of pretty-printing stays raw); the exporters also escape
# the line breaks U+0085, U+2028 and U+2029. Other C1 controls are valid raw in JSON strings.
JSON_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x85\u2028\u2029]")
TIMED = ExportOptions(start_time=dt.time(15, 0), timezone="Europe/Brussels", duration_minutes=45)

PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def normalised(text: str) -> str:
    """The text with each line as the parser sees it (zero-width characters out, and so on), same line numbers.

    A line holding only invisible characters is blank: nothing on it can be lost.
    """
    return "\n".join(normalise_line(line)[0] for line in split_lines(text))


@PROPERTY
@given(notes_documents())
def test_parse_never_raises_and_accounts_for_every_line(text: str) -> None:
    document, diagnostics = parse(text)
    assert unaccounted(document, normalised(text)) == []
    assert diagnostics == document.diagnostics
    lines = split_lines(text)
    for meeting in document.meetings:
        assert 1 <= meeting.source.line <= meeting.end_line <= len(lines)
        for item in walk(meeting.items):
            assert meeting.source.line < item.line <= item.end_line <= len(lines)
    for d in document.diagnostics:
        assert 0 <= d.line <= len(lines) and "\n" not in d.message


def _check_json(document: Document, files: dict[str, bytes]) -> None:
    data = files["ovnnotes.json"]
    assert not JSON_CONTROL.search(data.decode("utf-8"))
    assert Document.model_validate_json(data) == document
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(json.loads(data))]
    assert errors == []


def _check_jsonl(document: Document, files: dict[str, bytes]) -> None:
    text = files["ovnnotes.jsonl"].decode("utf-8")
    assert not JSON_CONTROL.search(text)
    assert len(text.splitlines()) == len(document.meetings) == text.count("\n")
    assert [json.loads(line)["id"] for line in text.splitlines()] == [m.id for m in document.meetings]


def _check_csv(document: Document, files: dict[str, bytes]) -> None:
    for table in csv_.tables(document):
        text = files[table.path].decode("utf-8")
        assert not CSV_CONTROL.search(text), table.path
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        assert rows[0] == [column.name for column in table.columns]
        assert rows[1:] == [[csv_.format_cell(value) for value in row] for row in table.rows], table.path
    items = list(csv.DictReader(io.StringIO(files["items.csv"].decode("utf-8"), newline="")))
    expected = [item for meeting in document.meetings for item in walk(meeting.items)]
    assert [row["id"] for row in items] == [item.id for item in expected]
    assert [csv_.unneutralise(row["text"]) for row in items] == [
        csv_.clean_text(item.text) for item in expected
    ]


def _check_ical(document: Document, data: bytes) -> None:
    text = data.decode("utf-8")
    assert not ICAL_CONTROL.search(text.replace("\r\n", "")), "control character in the iCal file"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    people = {person.id: person.name for person in document.people}
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    uids = ical._Uids()
    for meeting in sorted(document.meetings, key=lambda m: (m.date, m.id)):
        event = events[uids("meeting", meeting.id)]
        assert str(event["summary"]) == (ical.clean_text(meeting.title) or "OVN Community Meeting")
        assert str(event["description"]) == ical._description(meeting, people)  # ; , \ and newlines survive
    todos = calendar.walk("VTODO")
    assert [str(t["summary"]) for t in todos] == [
        ical.clean_text(a.text) or "(action item)" for a in document.action_items
    ]
    assert len({str(c["uid"]) for c in calendar.walk() if "uid" in c}) == len(
        [c for c in calendar.walk() if "uid" in c]
    )


@PROPERTY
@given(notes_documents(), st.booleans())
def test_exports_round_trip_and_are_deterministic(text: str, timed: bool) -> None:
    document, _ = parse(text)
    again, _ = parse(text)
    options = TIMED if timed else ExportOptions()
    outputs = {name: render(document, name, options) for name in ("json", "jsonl", "csv", "ical")}
    for name, files in outputs.items():
        assert render(again, name, options) == files, f"{name} export is not deterministic"
    _check_json(document, outputs["json"])
    _check_jsonl(document, outputs["jsonl"])
    _check_csv(document, outputs["csv"])
    _check_ical(document, outputs["ical"]["ovn-community-meetings.ics"])


@PROPERTY
@given(notes_documents())
def test_json_round_trip_renders_the_same_bytes(text: str) -> None:
    document, _ = parse(text)
    data = render(document, "json")["ovnnotes.json"]
    assert render(Document.model_validate_json(data), "json")["ovnnotes.json"] == data


def code_texts(document: Document) -> list[str]:
    return [item.text for meeting in document.meetings for item in walk(meeting.items) if item.kind == "code"]


def fmt_problem(text: str, path: str) -> str | None:
    """What is wrong with ``fmt`` on ``text`` read as ``path``: not idempotent, or a code block changed (None: nothing).

    ``fmt`` of ``fmt``'s output must change nothing, and the Markdown it writes must give back
    every code block character for character (control and zero-width characters, curly quotes).
    Shared with ``bench/fuzz.py``.
    """
    document, _ = parse(text, path=path)
    first = format_markdown(document)
    again, _ = parse(first, path="notes.md")
    if format_markdown(again) != first:
        return "fmt is not idempotent"
    if code_texts(again) != code_texts(document):
        return "fmt changed a code block"
    return None


@PROPERTY
@given(notes_documents(), st.sampled_from(["notes.txt", "notes.md"]))
@example(
    "Jan 1, 2023 | OVN Community Meeting\nAction items\n- OVN 26.03 development\n[ ]\tmore **Notes**\n",
    "notes.md",
)  # a tab in kept Markdown
@example(
    "Jan 1, 2023 | OVN Community Meeting\nRecording: https://youtu.be/k\nRecording:https://https:// https://youtu.be/k\n",
    "notes.txt",
)  # schemes with no address: text kept as written (it lost its `//`, then read back as a URL)
@example(
    "Jan 1, 2023 | OVN Community Meeting\nRecording: nhttps://https://https://youtu.be/k a link\n",
    "notes.txt",
)  # the same beside a URL they were glued to (`https://https:` read back as the URL `https://https`)
@example(
    "Jan 1, 2023 | OVN Community Meeting\n- mail numans@ovn.org- or numan\u017f@ovn.org\n",
    "notes.txt",
)  # addresses CommonMark does not autolink stay bare (in `<...>` the brackets read back as text)
@example(
    "## Jan 1, 2023 | OVN Community Meeting\n\n> - item\n>   ```\n>   code  \n>   ```\n",
    "notes.md",
)  # a code line in a quote keeps its trailing spaces
def test_fmt_is_idempotent_and_keeps_every_character_of_code_blocks(text: str, path: str) -> None:
    assert fmt_problem(text, path) is None


@PROPERTY
@given(st.text(alphabet=st.sampled_from("ab \r\n\t\x0b\x0c\x1c\x85\u2028\ufeff"), max_size=40))
@example("")
@example("a\r\n\r\nb\r")
def test_text_lines_are_the_lines_the_readers_number(text: str) -> None:
    """``TextLines`` (the lines validate keeps for the baseline) and ``iter_lines`` have the readers'
    line count, and each line is the source line (BOM, U+2028 and the other characters ``str.splitlines`` breaks on kept)."""
    lines = TextLines(text)
    expected = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n") if text else []
    assert list(lines) == expected == [lines[i] for i in range(-len(lines), 0)]
    assert len(lines) == len(split_lines(text)) or text == "\ufeff"  # a lone BOM: no line to number
    assert lines[1:3] == expected[1:3]
    assert list(iter_lines(text)) == expected
    assert list(reader_lines(text)) == split_lines(text)  # the text reader's lines, one at a time
