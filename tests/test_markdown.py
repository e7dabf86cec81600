"""The Markdown reader: explicit structure, the text export's model, problems at the right lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import round_trip_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ovnnotes.api import default_registry
from ovnnotes.model import Item, Meeting, Nesting, Section
from ovnnotes.read.assembler import ParseResult
from ovnnotes.read.markdown import parse_markdown
from ovnnotes.read.text import parse_text

HANDWRITTEN = Path(__file__).resolve().parent / "markdown" / "handwritten.md"


def parse(text: str, path: str = "notes.md") -> ParseResult:
    return parse_markdown(text, path, default_registry())


def walk(items: list[Item], depth: int = 1) -> Iterator[tuple[Item, int]]:
    for item in items:
        yield item, depth
        yield from walk(item.children, depth + 1)


def outline(meeting: Meeting) -> list[str]:
    """One row per item: indentation = depth, then id, speaker label and text."""
    rows = []
    for item, depth in walk(meeting.items):
        label = f"{item.speaker_label} " if item.speaker_label else ""
        text = item.text if item.kind == "bullet" else f"<code {item.text.splitlines()[0]}>"
        rows.append(f"{'  ' * (depth - 1)}{item.id} {label}{text}")
    return rows


def line_of(text: str, fragment: str) -> int:
    """The 1-based line holding ``fragment`` (which must occur once)."""
    found = [number for number, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def codes(result: ParseResult) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in result.diagnostics]


# -- the hand-written file ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def handwritten() -> tuple[str, ParseResult]:
    text = HANDWRITTEN.read_text(encoding="utf-8")
    return text, parse(text, "tests/markdown/handwritten.md")


def test_handwritten_meetings_and_metadata(handwritten: tuple[str, ParseResult]) -> None:
    text, result = handwritten
    january, december = result.meetings
    assert (january.id, january.title, january.source.line) == (
        "2026-01-12",
        "OVN Community Meeting",
        line_of(text, "## Jan 12, 2026"),
    )
    assert (december.id, december.title, december.source.line) == (
        "2025-12-15",
        "OVN Community Meeting",
        line_of(text, "## 2025-12-15"),
    )
    assert january.attendees == ["dumitru-ceara", "ales-musil", "frode-nordahl"]
    assert january.unresolved_attendees == ["Jane Unknown"]
    assert january.recording_urls == ["https://youtu.be/abc123"]
    assert january.transcript_urls == ["https://drive.google.com/file/d/1abc_def/view"]
    assert [(mark.section, mark.line) for mark in january.sections] == [
        (Section.AGENDA, line_of(text, "**Agenda**")),
        (Section.NOTES, line_of(text, "### Notes")),
        (Section.ACTION_ITEMS, line_of(text, "### Action items")),
    ]
    assert december.sections == [] and december.attendees == []


def test_handwritten_structure_is_explicit(handwritten: tuple[str, ParseResult]) -> None:
    _, result = handwritten
    january, december = result.meetings
    assert outline(january) == [
        "2026-01-12/agenda/1 (dceara) OVN 26.03 release status, see the release plan",
        "  2026-01-12/agenda/1.1 Soft freeze scheduled for Jan 23",
        "    2026-01-12/agenda/1.1.1 features still under review:",
        "      2026-01-12/agenda/1.1.1.1 (amusil) distributed load balancers",
        "        2026-01-12/agenda/1.1.1.1.1 (Frode) needs another round of review",
        "      2026-01-12/agenda/1.1.1.2 (Felix) EVPN follow-ups",
        "2026-01-12/agenda/2 (Frode) Proposal: a new `Route` table in the SB schema",
        "  2026-01-12/agenda/2.1 (Frode) Current draft:",
        '    2026-01-12/agenda/2.1.1 <code "Route": {>',
        "  2026-01-12/agenda/2.2 (ghostwriter) who will review it?",
        "2026-01-12/agenda/3 a sibling written with three spaces",
        "2026-01-12/notes/1 (numans) Patchwork is slow again",
        "  2026-01-12/notes/1.1 https://patchwork.ozlabs.org/project/ovn/list/ is the instance",
        "  2026-01-12/notes/1.2 options:",
        "    2026-01-12/notes/1.2.1 GitHub PRs",
        "    2026-01-12/notes/1.2.2 a different patchwork instance",
        "      2026-01-12/notes/1.2.2.1 (Ilya) mail threads are easier to follow than GitHub conversations - this line is indented too far to be a sub-item",
        "2026-01-12/action_items/1 (dceara) send the 26.03 schedule to ovs-dev",
        "2026-01-12/action_items/2 (Frode) post the Route table RFC",
        "2026-01-12/action_items/3 (Ales) check CI capacity",
    ]
    assert outline(december) == [
        '2025-12-15/1 (naveen.yerramneni) "Network Function Insertion" enhancements',
        "  2025-12-15/1.1 Fallback support",
        "  2025-12-15/1.2 VTAP mode insertion",
    ]
    items = [item for meeting in result.meetings for item, _ in walk(meeting.items)]
    assert {item.nesting for item in items} == {Nesting.EXPLICIT}


def test_handwritten_items(handwritten: tuple[str, ParseResult]) -> None:
    text, result = handwritten
    items = {item.id: item for item, _ in walk(result.meetings[0].items)}
    first = items["2026-01-12/agenda/1"]
    assert first.speakers == ("dumitru-ceara",) and first.line == line_of(text, "OVN 26.03 release status")
    assert [(link.url, link.text, link.kind.value) for link in first.links] == [
        ("https://example.org/ovn/26.03", "release plan", "url")
    ]
    underlined = items["2026-01-12/agenda/1.1.1.1"]
    assert [(link.url, link.text, link.kind.value) for link in underlined.links] == [
        (None, "distributed load balancers", "underlined")
    ]
    assert underlined.speakers == ("ales-musil",)
    code = items["2026-01-12/agenda/2.1.1"]
    assert code.kind == "code" and code.line == line_of(text, "```json")
    assert code.text.splitlines()[0] == '"Route": {' and code.text.splitlines()[-1] == "}"
    assert '    "columns": {' in code.text.splitlines()  # indentation inside the block is kept
    assert code.end_line == code.line + 8
    assert items["2026-01-12/agenda/2.2"].unresolved_speakers == ("ghostwriter",)
    wrapped = items["2026-01-12/notes/1.2.2.1"]
    assert (wrapped.line, wrapped.end_line) == (
        line_of(text, "mail threads"),
        line_of(text, "indented too far"),
    )
    assert [items[f"2026-01-12/action_items/{n}"].checked for n in (1, 2, 3)] == [False, True, None]
    assert items["2026-01-12/notes/1.1"].links[0].url == "https://patchwork.ozlabs.org/project/ovn/list/"


def test_handwritten_problems_have_their_lines(handwritten: tuple[str, ParseResult]) -> None:
    text, result = handwritten
    assert codes(result) == [
        ("ONP102", 1),
        ("ONL202", line_of(text, "Jane Unknown")),
        ("ONL201", line_of(text, "ghostwriter")),
        ("ONP111", line_of(text, "a sibling written with three spaces")),
        ("ONP111", line_of(text, "indented too far")),
    ]
    by_code = {d.code: d for d in result.diagnostics}
    assert by_code["ONL201"].column == text.split("\n")[by_code["ONL201"].line - 1].index("ghostwriter") + 1
    assert by_code["ONL202"].column == text.split("\n")[by_code["ONL202"].line - 1].index("Jane Unknown") + 1
    assert all(d.path == "tests/markdown/handwritten.md" for d in result.diagnostics)


# -- the same model as the text export ------------------------------------------------------------

TEXT_EXPORT = """Nov 27, 2023 | ☐ OVN Community Meeting

Attendees: Dumitru Ceara Ales Musil Somebody Else

Recording: https://youtu.be/k448ada9aFQ

Agenda

- (dceara) 24.03 release: see <u>the plan</u> and https://example.org/plan
 - (Ales) Why not localnets? mail amusil@redhat.com
- Mark: it's a lot of work
 - Registration link above

Action items

\tMark will check the deprecation method
\\checkmark\tDumitru to attach video recording
"""

MARKDOWN = """## Nov 27, 2023 | OVN Community Meeting

Attendees: Dumitru Ceara, Ales Musil, Somebody Else

Recording: <https://youtu.be/k448ada9aFQ>

### Agenda

* (dceara) 24.03 release: see <u>the plan</u> and https://example.org/plan
  * (Ales) Why not localnets? mail <amusil@redhat.com>
* Mark: it’s a lot of work
  * Registration link above

### Action items

- [ ] Mark will check the deprecation method
- [x] Dumitru to attach video recording
"""


def test_same_content_gives_the_same_model_as_the_text_export() -> None:
    from_text = parse_text(TEXT_EXPORT, "notes.txt", default_registry())
    from_markdown = parse(MARKDOWN)
    assert round_trip_rows(from_markdown.meetings) == round_trip_rows(from_text.meetings)
    assert (
        [d.code for d in from_markdown.diagnostics] == [d.code for d in from_text.diagnostics] == ["ONL202"]
    )


# -- problems -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## Dec 45, 2025 | OVN Community Meeting\n\n- item\n  - sub\n",
            [("ONP101", 1), ("ONP110", 3), ("ONP110", 4)],
            id="unreadable-heading",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n\n## Dec 45, 2025 | OVN Community Meeting\n\nlost text\n\n## Dec 8, 2025 | OVN Community Meeting\n",
            [("ONP101", 5), ("ONP110", 7)],
            id="lines-of-an-unreadable-meeting",
        ),
        pytest.param(
            "intro text\n\n- a bullet\n\n## Dec 1, 2025 | OVN Community Meeting\n",
            [("ONP102", 1), ("ONP102", 3)],
            id="text-before-meeting",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n  - b\n\n        - deep after a blank line\n",
            [("ONP111", 6)],
            id="indented-code-by-accident",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n - b\n", [("ONP111", 4)], id="misaligned-sibling"
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n        - b\n",
            [("ONP111", 4)],
            id="too-deep-becomes-text",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n  ```\n  code\n",
            [("ONP105", 4)],
            id="unclosed-fence",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- \n- •\n",
            [("ONP104", 3), ("ONP104", 4)],
            id="empty-bullets",
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- a\x07b\n", [("ONI004", 3)], id="control-character"
        ),
        pytest.param(
            "## Dec 1, 2025 | OVN Community Meeting\n\n- (nobodyknown) hi\n",
            [("ONL201", 3)],
            id="unknown-speaker",
        ),
        pytest.param("", [("ONI001", 0)], id="empty"),
    ],
)
def test_problems_are_reported_at_their_line(text: str, expected: list[tuple[str, int]]) -> None:
    assert codes(parse(text)) == expected


def test_indented_code_by_accident_keeps_the_text() -> None:
    result = parse(
        "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n  - b\n\n        - deep after a blank line\n"
    )
    (item,) = result.meetings[0].items
    code = item.children[0].children[0]
    assert (code.kind, code.text, code.line) == ("code", "- deep after a blank line", 6)


def test_margin_code_block_is_a_child_of_the_item_before() -> None:
    result = parse(
        "## Dec 1, 2025 | OVN Community Meeting\n\n- a\n  - b\n\n```\n{}\n```\n\n### Notes\n\n```\nfirst\n```\n"
    )
    agenda, notes = result.meetings[0].items
    code = agenda.children[0].children[0]
    assert (code.id, code.kind, code.nesting) == ("2025-12-01/agenda/1.1.1", "code", Nesting.INFERRED)
    assert (notes.id, notes.kind, notes.text, notes.nesting) == (
        "2025-12-01/notes/1",
        "code",
        "first",
        Nesting.EXPLICIT,
    )


def test_attendees_as_a_list_and_bold_labels() -> None:
    result = parse(
        "# 2025-12-01 OVN Community Meeting\n\n**Attendees:**\n\n- Dumitru Ceara\n- @Ales Musil\n\n**Notes:**\n\n+ (Frode) hello\n"
    )
    meeting = result.meetings[0]
    assert meeting.attendees == ["dumitru-ceara", "ales-musil"]
    assert [mark.section for mark in meeting.sections] == [Section.NOTES]
    assert [(item.id, item.speakers) for item in meeting.items] == [
        ("2025-12-01/notes/1", ("frode-nordahl",))
    ]


def test_escaped_markup_is_literal_text() -> None:
    result = parse(
        "## Dec 1, 2025 | OVN Community Meeting\n\n- \\[ ] not a box, \\<u>not underlined\\</u>, \\*\\*not bold\\*\\*, \\\\checkmark\n"
    )
    (item,) = result.meetings[0].items
    assert (item.text, item.links, item.checked) == (
        "[ ] not a box, <u>not underlined</u>, **not bold**, \\checkmark",
        (),
        None,
    )


def test_deep_nesting_beyond_the_limit_is_reported_not_dropped_silently() -> None:
    lines = ["## Dec 1, 2025 | OVN Community Meeting", ""] + [
        f"{'  ' * depth}- level {depth + 1}" for depth in range(40)
    ]
    result = parse("\n".join(lines))
    depth = max(d for _, d in walk(result.meetings[0].items))
    unread = [d.line for d in result.diagnostics if d.code == "ONP103"]
    assert depth + len(unread) == 40 and unread == list(range(3 + depth, 43))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("-*+>#`~[]()<>!&\\_ x1.\t\n|:")
            + [
                "## Dec 1, 2025 | OVN Community Meeting\n",
                "    ",
                "(dceara) ",
                "https://a.org/x ",
                "<u>",
                "</u>",
                "\x00",
                "\u00a0",
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_never_raises_and_lines_are_in_range(text: str) -> None:
    result = parse(text)
    assert all(0 <= d.line <= result.source.line_count for d in result.diagnostics)
    for meeting in result.meetings:
        for item, _ in walk(meeting.items):
            assert 1 <= item.line <= item.end_line <= result.source.line_count


@pytest.mark.parametrize(
    "text",
    [
        "[" * 20000,
        "*a " * 20000,
        "`" * 20000,
        ">" * 3000 + " x",
        "- " * 3000 + "x",
        "\n".join("  " * depth + "- x" for depth in range(2000)),
        "## Dec 1, 2025 | OVN Community Meeting\n" + "- (dceara) https://a.org/x_y <u>z</u> [t](u)\n" * 5000,
    ],
    ids=["brackets", "emphasis", "backticks", "quotes", "bullets", "staircase", "many-items"],
)
def test_pathological_inputs_parse(text: str) -> None:
    """Runs of Markdown syntax parse without error (speed is the benchmark's job: bench/run.py)."""
    result = parse(text)
    assert result.source.line_count >= 1


def test_a_heading_that_only_cleaning_makes_a_meeting_heading_is_one() -> None:
    """Else it is a heading item whose text reads as a meeting heading, and ``fmt`` writes it as one
    (found by ``bench/fuzz.py``: ``## Jan. <u><u>32 1999 OVN community meeting`` became the damaged
    heading ``## Jan. 32 1999 ...`` and the meeting's items were lost on the next read)."""
    result = parse(
        "## Dec 15, 2025 | OVN Community Meeting\n\n- a\n\n"
        "## Dec 2 <u>2024</u> OVN Community Meeting\n\n- b\n\n"
        "## Jan. <u></u>32 1999 OVN community meeting\n\n- c\n"
    )
    assert [(str(m.date), [item.text for item in m.items]) for m in result.meetings] == [
        ("2025-12-15", ["a"]),
        ("2024-12-02", ["b"]),
    ]
    assert codes(result) == [("ONP101", 9), ("ONP110", 11)]
