"""The text parser: golden meetings from the real seed, one test per rule, and properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from ovnnotes import parse
from ovnnotes.model import Document, Item, LinkKind, Meeting, Nesting, Section

GOLDEN_MEETINGS = Path(__file__).resolve().parent / "golden" / "meetings"
SEED_DATES = [
    "2023-10-23",
    "2023-11-27",
    "2024-01-08",
    "2024-02-19",
    "2024-03-19",
    "2024-05-13",
    "2024-06-24",
    "2024-07-29",
    "2024-09-16",
    "2024-10-21",
    "2024-12-02",
    "2024-12-16",
    "2025-01-13",
    "2025-02-10",
    "2025-03-17",
    "2025-05-12",
    "2025-06-23",
    "2025-08-04",
    "2025-09-22",
    "2025-11-03",
    "2025-12-15",
]


def walk(items: list[Item]):
    for item in items:
        yield item
        yield from walk(item.children)


def meeting(document: Document, meeting_id: str):
    return next(m for m in document.meetings if m.id == meeting_id)


# -- the real seed ------------------------------------------------------------------------------


def test_seed_has_21_meetings_with_iso_dates(seed_document: Document) -> None:
    assert [m.id for m in seed_document.meetings] == SEED_DATES
    assert all(m.title == "OVN Community Meeting" for m in seed_document.meetings)


def test_seed_metadata(seed_document: Document) -> None:
    june = meeting(seed_document, "2024-06-24")
    assert june.attendees == [
        "dumitru-ceara",
        "numan-siddique",
        "frode-nordahl",
        "ilya-maximets",
        "ihar-hrachyshka",
        "daniel-alvarez-sanchez",
        "tim-rozet",
        "xavier-simonart",
        "ales-musil",
        "han-zhou",
    ]
    assert june.unresolved_attendees == []
    assert june.recording_urls == ["https://www.youtube.com/watch?v=bonLhUj2oGg"]
    assert june.transcript_urls == [
        "https://drive.google.com/file/d/1ioVXcHiuD-xr5RQTh5OSGbpmhUtlDiO_/view?usp=sharing"
    ]
    january = meeting(seed_document, "2024-01-08")  # two URLs glued by a label
    assert january.recording_urls == ["https://drive.google.com/file/d/1uB5mQapsqxMkG5BwtrGHmeUgN9K28XBI/"]
    assert january.transcript_urls == ["https://drive.google.com/file/d/1mNb84ffQ2cGhUcaRUUUzfF9DSxgcURIL"]
    assert "vladislav-odintsov" in january.attendees and "felix-huettner" in january.attendees
    march = meeting(seed_document, "2024-03-19")  # `Transcripts: Agenda:` on one line
    assert march.transcript_urls == [] and [s.section for s in march.sections] == [
        Section.AGENDA,
        Section.NOTES,
    ]
    assert all(not m.unresolved_attendees for m in seed_document.meetings)


def test_seed_item_text_is_clean(seed_document: Document) -> None:
    for m in seed_document.meetings:
        for item in walk(m.items):
            if item.kind == "code":
                continue
            for debris in ("<u>", "</u>", "\\checkmark", "$", "**", "■", "•"):
                assert debris not in item.text, (item.id, item.text)
            assert not item.text.startswith(("- ", "o ", "O ")), (item.id, item.text)


def test_seed_speakers_resolve_or_are_reported(seed_document: Document) -> None:
    unresolved = [
        (item.id, name)
        for m in seed_document.meetings
        for item in walk(m.items)
        for name in item.unresolved_speakers
    ]
    reported = [(d.line, d.code) for d in seed_document.diagnostics if d.code == "ONL201"]
    assert len(unresolved) == len(reported)
    assert unresolved == []


def test_seed_action_items(seed_document: Document) -> None:
    actions = [
        item for item in meeting(seed_document, "2023-11-27").items if item.section is Section.ACTION_ITEMS
    ]
    assert [(a.text, a.checked) for a in actions] == [
        ("Mark will check deprecation method in OVN in context of Service Extraction", False),
        ("Mark to attach link to slides (above)", False),
        ("Dumitru to attach video recording (above)", True),
        ("Dumitru will propose next meeting dates on ML", None),
    ]


def test_seed_code_block_is_a_child_item(seed_document: Document) -> None:
    items = list(walk(meeting(seed_document, "2024-12-02").items))
    code = next(item for item in items if item.kind == "code")
    assert code.text.startswith('"Route": {') and code.text.rstrip().endswith('"isRoot": true}')
    assert code.line == 351 and code.end_line == 368
    parent = next(item for item in items if code in item.children)
    assert parent.text == "Current DB Structure"


@pytest.mark.parametrize("meeting_id", ["2023-11-27", "2024-12-02", "2025-09-22"])
def test_golden_meeting(seed_document: Document, meeting_id: str, update_goldens: bool) -> None:
    """Whole meetings (tree, speakers, links) against goldens: `pytest --update-goldens` rewrites them."""
    actual = TypeAdapter(Meeting).dump_json(meeting(seed_document, meeting_id), indent=2).decode() + "\n"
    path = GOLDEN_MEETINGS / f"{meeting_id}.json"
    if update_goldens:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual)
    assert actual == path.read_text()


def test_every_nonblank_seed_line_is_accounted_for(seed_document: Document) -> None:
    text = (Path(__file__).resolve().parent.parent / "seeds" / "ovn-community-meetings.txt").read_text()
    assert unaccounted(seed_document, text) == []


def unaccounted(document: Document, text: str) -> list[int]:
    covered: set[int] = {d.line for d in document.diagnostics}
    for m in document.meetings:
        covered.add(m.source.line)
        covered.update(m.metadata_lines)
        covered.update(s.line for s in m.sections)
        for item in walk(m.items):
            covered.update(range(item.line, item.end_line + 1))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n")
    return [n for n, line in enumerate(lines, start=1) if line.strip() and n not in covered]


# -- one rule at a time -------------------------------------------------------------------------


def parse_one(body: str) -> tuple[Document, list]:
    return parse("Dec 15, 2025 | ☐ OVN Community Meeting\n\n" + body)


def tree(items: list[Item], depth: int = 0) -> list[str]:
    out = []
    for item in items:
        out.append("  " * depth + item.text)
        out += tree(item.children, depth + 1)
    return out


@pytest.mark.parametrize("glyph", ["☐ ", "□ ", "■ ", ""])
def test_heading_glyphs(glyph: str) -> None:
    document, _ = parse(f"Nov 3, 2025 | {glyph}OVN Community Meeting\n- item\n")
    assert [(m.id, m.title) for m in document.meetings] == [("2025-11-03", "OVN Community Meeting")]


def test_bad_heading_is_reported() -> None:
    document, diagnostics = parse("Foo 31, 2025 | OVN Community Meeting\n")
    assert document.meetings == []
    assert [(d.code, d.line) for d in diagnostics] == [
        ("ONP101", 1)
    ]  # no ONI001: a heading was found, damaged


def test_empty_input() -> None:
    document, diagnostics = parse("")
    assert document.meetings == [] and [d.code for d in diagnostics] == ["ONI001"]


def test_glyph_levels_and_colon_parent() -> None:
    document, _ = parse_one(
        "- (dceara) OVN 26.03 development\n - o Soft freeze\n - Ongoing features:\n - EVPN\n - LBs\n - O New features?\n"
    )
    assert tree(document.meetings[0].items) == [
        "OVN 26.03 development",
        "  Soft freeze",
        "  Ongoing features:",
        "    EVPN",
        "    LBs",
        "  New features?",
    ]
    first = document.meetings[0].items[0]
    assert [c.nesting for c in first.children] == [Nesting.EXPLICIT, Nesting.INFERRED, Nesting.EXPLICIT]


def test_speaker_only_parent_and_replies() -> None:
    document, _ = parse_one("- topic\n - o (Ales)\n - point one\n - is it?\n - (Numan) yes\n - (Mark) also\n")
    assert tree(document.meetings[0].items) == [
        "topic",
        "  ",
        "    point one",
        "    is it?",
        "      yes",
        "    also",
    ]


def test_numbered_lists() -> None:
    body = "- top\n - o streams:\n - i. one\n - ii. two\n - child of two\n - iii. three\n - after the list\n"
    document, _ = parse_one(body)
    assert tree(document.meetings[0].items) == [
        "top",
        "  streams:",
        "    one",
        "    two",
        "      child of two",
        "    three",
        "  after the list",
    ]


def test_page_break_debris_continues_the_deeper_list() -> None:
    body = "- (dceara) topic\n - known features:\n - a\n\n- b\n- c\n- (Mark) new topic\n"
    document, _ = parse_one(body)
    assert tree(document.meetings[0].items) == [
        "topic",
        "  known features:",
        "    a",
        "    b",
        "    c",
        "new topic",
    ]


def test_continuation_lines_and_fence() -> None:
    body = '- (Frode) a long line that\n wraps here\n - iii. Current DB Structure\n\n```\n{"a": 1}\n```\n'
    document, _ = parse_one(body)
    item = document.meetings[0].items[0]
    assert item.text == "a long line that wraps here" and item.end_line == 4
    code = item.children[0].children[0]
    assert code.kind == "code" and code.text == '{"a": 1}'


def test_unclosed_fence_is_an_error() -> None:
    _, diagnostics = parse_one("- x\n```\n{\n")
    assert [(d.code, d.line) for d in diagnostics] == [("ONP105", 4)]


def test_links_underline_email_bare_url() -> None:
    document, _ = parse_one("- (dceara) see <u>the doc</u> and https://example.org/a, mail numans@ovn.org\n")
    links = document.meetings[0].items[0].links
    assert [(link.kind, link.url, link.text) for link in links] == [
        (LinkKind.UNDERLINED, None, "the doc"),
        (LinkKind.URL, "https://example.org/a", "https://example.org/a"),
        (LinkKind.EMAIL, "mailto:numans@ovn.org", "numans@ovn.org"),
    ]
    assert document.meetings[0].items[0].text == "see the doc and https://example.org/a, mail numans@ovn.org"


@pytest.mark.parametrize(
    ("text", "label", "speakers", "unresolved", "rest"),
    [
        ("(dceara) hello", "(dceara)", ["dumitru-ceara"], [], "hello"),
        ("[felix.huettner] hello", "[felix.huettner]", ["felix-huettner"], [], "hello"),
        ("(Ilya/Numan) hello", "(Ilya/Numan)", ["ilya-maximets", "numan-siddique"], [], "hello"),
        ("(Martin/Frode): yes", "(Martin/Frode):", ["martin-kalcok", "frode-nordahl"], [], "yes"),
        ("Mark: sure", "Mark:", ["mark-michelson"], [], "sure"),
        ("OVN 24.09 planning: [dceara]", "[dceara]", ["dumitru-ceara"], [], "OVN 24.09 planning:"),
        ("(Ales in gcomments) ok", "(Ales in gcomments)", ["ales-musil"], [], "ok"),
        ("(Red Hat internal) tracking", None, [], [], "(Red Hat internal) tracking"),
        ("Distributed load balancers (Alexandra)", None, [], [], "Distributed load balancers (Alexandra)"),
        ("[ovs-dev] northd: fix", None, [], [], "[ovs-dev] northd: fix"),
        ("Context: things", None, [], [], "Context: things"),
        ("(zorglub) who?", "(zorglub)", [], ["zorglub"], "who?"),
    ],
)
def test_speakers(
    text: str, label: str | None, speakers: list[str], unresolved: list[str], rest: str
) -> None:
    document, diagnostics = parse_one(f"- {text}\n")
    item = document.meetings[0].items[0]
    assert (item.speaker_label, list(item.speakers), list(item.unresolved_speakers), item.text) == (
        label,
        speakers,
        unresolved,
        rest,
    )
    assert [d.code for d in diagnostics if d.code == "ONL201"] == (["ONL201"] if unresolved else [])


def test_unknown_attendee_is_reported_with_column() -> None:
    document, diagnostics = parse_one("Attendees: Dumitru Ceara Zorglub Quux\n- x\n")
    assert document.meetings[0].attendees == ["dumitru-ceara"]
    assert document.meetings[0].unresolved_attendees == ["Zorglub Quux"]
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("ONL202", 3, 26)]


def test_broken_and_glued_urls() -> None:
    _, diagnostics = parse_one(
        "Recording: https://x.org/file/d/1Uv XR6h1/view\n- see https://a.org/xhttps://b.org/y\n"
    )
    assert [(d.code, d.line) for d in diagnostics] == [("ONP107", 3), ("ONP106", 4)]


def test_crlf_bom_and_unicode_spaces() -> None:
    document, _ = parse("\ufeffDec 15, 2025 | OVN Community Meeting\r\n-\u00a0(dceara)\u200b hello\r\n")
    item = document.meetings[0].items[0]
    assert (item.speakers, item.text) == (("dumitru-ceara",), "hello")


# -- properties ---------------------------------------------------------------------------------

LINE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "- ",
            " - o ",
            " - ",
            "- (dceara) ",
            " - i. ",
            "```",
            "Agenda:",
            "Notes",
            "Attendees: ",
            "\t",
            "•",
            "Action items",
        ]
    ),
).flatmap(lambda prefix: st.text(max_size=30).map(lambda rest: prefix + rest))
NOTES = st.lists(
    st.one_of(
        LINE,
        st.sampled_from(
            [
                "Dec 15, 2025 | ☐ OVN Community Meeting",
                "Nov 3, 2025 | OVN Community Meeting",
                "Feb 30, 2025 | OVN Community Meeting",
            ]
        ),
    ),
    max_size=30,
).map("\n".join)


@settings(deadline=None)
@given(NOTES)
def test_parse_never_raises_and_loses_no_line(text: str) -> None:
    document, _ = parse(text)
    assert unaccounted(document, text.removeprefix("\ufeff")) == []
    json.loads(document.model_dump_json())


def test_page_break_debris_goes_on_with_a_discussion_by_first_names() -> None:
    # Mark answers Frode's turn (tree rule 7); after the page break Ales's question is another
    # answer to the prompt `Comments?` (rules 8 and 12), and the handle starts a new topic.
    body = "- topic\n - Comments?\n - (Frode) sounds good\n - Mark: thanks\n\n- (Ales) what about upgrades?\n - Mark: later\n- (dceara) new topic\n"
    document, _ = parse_one(body)
    assert tree(document.meetings[0].items) == [
        "topic",
        "  Comments?",
        "    sounds good",
        "      thanks",
        "    what about upgrades?",
        "      later",
        "new topic",
    ]


def test_a_trailing_doubt_mark_is_not_a_question() -> None:
    document, _ = parse_one("- topic\n - maybe conditional SNAT (?)\n - (Ales) another point\n")
    assert tree(document.meetings[0].items) == ["topic", "  maybe conditional SNAT (?)", "  another point"]


@pytest.mark.parametrize("suffix", ["", ".md"])
def test_labels_in_case_folded_letters(suffix: str) -> None:
    """``re.IGNORECASE`` reads ``ſ`` as ``s`` and ``İ`` as ``i``; so must the label lookup (it used to raise)."""
    heading = (
        "## Dec 15, 2025 | OVN Community Meeting\n\n" if suffix else "Dec 15, 2025 | OVN Community Meeting\n"
    )
    sep = "\n" if suffix else ""
    text = f"{heading}ATTENDEEſ: Mark Michelson\n{sep}NOTEſ\n{sep}- hello\n{sep}Action İtems\n{sep}- Mark to review\n"
    document, _ = parse(text, f"notes{suffix or '.txt'}")
    meeting = document.meetings[0]
    assert [mark.section for mark in meeting.sections] == [Section.NOTES, Section.ACTION_ITEMS]
    assert meeting.attendees == ["mark-michelson"]


@pytest.mark.parametrize(
    ("line", "state", "text"),
    [
        ("\t☐ Dumitru to update the release page", "open", "Dumitru to update the release page"),
        ("\t☑ Dumitru to update the release page", "done", "Dumitru to update the release page"),
        ("\t[x] Dumitru to update the release page", "done", "Dumitru to update the release page"),
        ("\\checkmark\tDumitru to update the release page", "done", "Dumitru to update the release page"),
        ("\t☐x marks the spot", "open", "☐x marks the spot"),  # no space after it: no box
    ],
)
def test_a_box_written_after_the_tab_is_the_action_items_box(line: str, state: str, text: str) -> None:
    notes = f"Jan 12, 2026 | OVN Community Meeting\n\nAction items\n\n{line}\n"
    document, diagnostics = parse(notes, path="notes.txt")
    [item] = document.meetings[0].items
    assert (item.checkbox, item.text) == (state, text)
    assert [d.code for d in diagnostics if d.code == "ONP108"] == []
    [action] = document.action_items
    assert action.owners == (["dumitru-ceara"] if text.startswith("Dumitru") else [])
