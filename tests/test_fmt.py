"""The canonical Markdown writer: lossless round trips, idempotence, escaping, the `new` template."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from builders import round_trip_rows
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ovnnotes.api import build_document, default_registry
from ovnnotes.cli import cli
from ovnnotes.model import (
    Checkbox,
    Document,
    Item,
    Link,
    LinkKind,
    Meeting,
    Nesting,
    Section,
    SectionMark,
    SourceRef,
)
from ovnnotes.read import inline
from ovnnotes.read.markdown import parse_markdown
from ovnnotes.read.text import parse_text
from ovnnotes.vocabulary.dates import heading_date as markdown_date
from ovnnotes.writers.markdown import format_markdown, new_meeting_template

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def walk(items: list[Item], depth: int = 1) -> Iterator[tuple[Item, int]]:
    for item in items:
        yield item, depth
        yield from walk(item.children, depth + 1)


def reparse(markdown: str, path: str = "notes.md") -> Document:
    registry = default_registry()
    return build_document([parse_markdown(markdown, path, registry)], registry)


def assert_round_trip(document: Document) -> str:
    """format -> parse gives the same model, and formatting again gives the same text."""
    written = format_markdown(document)
    again = reparse(written)
    assert round_trip_rows(again.meetings) == round_trip_rows(document.meetings)
    assert format_markdown(again) == written
    return written


# -- the seed -------------------------------------------------------------------------------------


def test_seed_round_trip_is_lossless(seed_document: Document) -> None:
    written = assert_round_trip(seed_document)
    again = reparse(written)
    assert len(again.meetings) == len(seed_document.meetings) == written.count("\n## ") + 1
    items = [item for meeting in again.meetings for item, _ in walk(meeting.items)]
    assert {item.nesting for item in items} == {Nesting.EXPLICIT}
    # the URLs broken in the seed itself: an item's, and the recording whose tail fmt keeps beside it
    assert [d.code for d in again.diagnostics if d.code.startswith("ONP1")] == ["ONP107", "ONP107"]


def test_seed_keeps_the_file_order(seed_document: Document) -> None:
    headings = [line for line in format_markdown(seed_document).splitlines() if line.startswith("## ")]
    assert headings[0] == "## Dec 15, 2025 | OVN Community Meeting"
    assert headings[-1] == "## Oct 23, 2023 | OVN Community Meeting"


DEC_2_2024 = """## Dec 2, 2024 | OVN Community Meeting

- (Frode) BGP update and division of work
  - (Tiago Pires) I'm testing Felix's work (A/A patches and BGP separately). My use case will need OVN-IC to learn the external routes that were learned via BGP. We have a inhouse patch for it that in some moment we can submit.
  - (Frode) multiple streams of work going on:
    - BGP unnumbered (Martin/MJ)
    - Patches for OVS
      - export routing table library
      - namespaces support
    - Patches for OVN -
      - northd infrastructure
      - ovn-controller infrastructure
  - (Frode) Should we split up work?
    - Felix agreed
    - Frode can pick up the work on OVS patches (routing table)
      - OVS soft freeze is January 2nd patches must be (at least in some capacity) reviewed
    - Felix can add namespace support on top
  - (Ilya) the namespace support might be a bit controversial
  - Eelco is going to review the OVS changes
- (Felix) If we agree on SB schema we can work on northd / ovn-controller changes in parallel
  - (Frode) most of the information to expose/learn is probably per chassis (VIP, NAT, default gw, etc).
  - (Frode) Is there a risk of affecting scale due to DB size explosion?
  - Current DB Structure
    ```
    "Route": {
            "columns": {
               "datapath":
                 {"type": {"key": {"type": "uuid",
                              "refTable": "Datapath_Binding"}}},
               "logical_port": {"type": "string"},
               "ip prefix": {"type": "string"},
               "nexthop": {"type": "string"},
               "tracked_port": {"type": "string"},
               "type": {"type": {"key": {"type": "string",
                                 "enum": ["set", ["advertise",
                                             "receive"]]},
                             "min": 1, "max": 1}}},
            "indexes": [["datapath", "logical_port", "ip_prefix",
    "nexthop", "type"]],
            "isRoot": true}
    ```
- (numans) Did removal of the configuration option for centralize_routing break unit/system tests?
  - (Felix) not in my github test runs
- (dceara) Can we/should we change the OVN contribution guidelines to make it easier for new contributors to join the community?
  - should we stick with the "patch on mailing list" approach?
  - should we improve our docs?
  - should we start accepting different ways of contributing code (officially)?
    - (Felix) corporate email addresses/email clients can hardly be made work with this.
"""


def test_dec_2_2024_meeting(seed_document: Document) -> None:
    meeting = next(m for m in seed_document.meetings if m.id == "2024-12-02")
    assert format_markdown(seed_document.model_copy(update={"meetings": [meeting]})) == DEC_2_2024


def test_meeting_with_metadata_and_sections(seed_document: Document) -> None:
    meeting = next(m for m in seed_document.meetings if m.id == "2023-11-27")
    written = format_markdown(seed_document.model_copy(update={"meetings": [meeting]}))
    assert written.startswith(
        "## Nov 27, 2023 | OVN Community Meeting\n\n"
        "Attendees: Ihar Hrachyshka, Ilya Maximets, Mark Michelson, Lorenzo Bianconi, Martin Kalcok, Ales Musil, Han Zhou, Dumitru Ceara, Numan Siddique, Frode Nordahl\n\n"
        "Recording: <https://drive.google.com/file/d/1sK3-KVT726FXc0kLrKcS83jwh5qPYAuc/view>\n\n"
        "- Recurring item: anyone opposing this instance of the meeting being recorded?\n"
    )
    assert "  - Numan's [patches](#link-lost) for I-P for Logical Flows\n" in written
    assert written.endswith(
        "### Action items\n\n"
        "- [ ] Mark will check deprecation method in OVN in context of Service Extraction\n"
        "- [ ] Mark to attach link to slides (above)\n"
        "- [x] Dumitru to attach video recording (above)\n"
        "- [?] Dumitru will propose next meeting dates on ML\n"
    )


# -- hand-built documents: escaping and links ----------------------------------------------------


def document(*items: Item, sections: list[SectionMark] | None = None, **meeting: object) -> Document:
    registry = default_registry()
    fields: dict = dict(
        id="2025-12-15",
        date=dt.date(2025, 12, 15),
        title="OVN Community Meeting",
        source=SourceRef(path="notes.md", line=1),
        end_line=1,
    )
    fields.update(meeting)
    return Document(
        generator={"name": "ovnnotes", "version": "0"},
        people=list(registry.people),
        meetings=[Meeting(**fields, sections=sections or [], items=list(items))],
    )


def item(
    text: str,
    *links: Link,
    label: str | None = None,
    speakers: tuple[str, ...] = (),
    checked: bool | None = None,
    n: int = 1,
    section: Section | None = None,
    children: tuple[Item, ...] = (),
    kind: str = "bullet",
) -> Item:
    prefix = f"2025-12-15/{section.value}/" if section else "2025-12-15/"
    return Item(
        id=f"{prefix}{n}",
        section=section,
        kind=kind,
        text=text,
        raw=text,
        line=1,
        end_line=1,
        speaker_label=label,
        speakers=list(speakers),
        links=list(links),
        checked=checked,
        nesting=Nesting.EXPLICIT,
        children=list(children),
    )


TRICKY = [
    "# not a heading",
    "###### six",
    "> not a quote",
    "1. not numbered",
    "2) not numbered",
    "- not a bullet",
    "+ not a bullet",
    "* not a bullet",
    "*emphasis* and **bold** stay",
    "[ ] not a box",
    "[?] not a box either",
    "literal <u>tag</u> text",
    "snake_case and _under_ and __init__",
    "`code` and ``double``",
    "&amp; and &#42; and & alone",
    "back\\slash \\checkmark \\\\ \\*",
    "see [not](a link) and [ref][x]",
    "[ref 1]: http://x",
    "~~~ not a fence",
    "```not a fence",
    "--- not a rule",
    "--- a rule?",
    "<!-- not a comment -->",
    "a <b>tag</b> and <br>",
    "$\\overline{A}$ math-looking",
    "trailing backslash \\",
    "| pipe | table |",
    "ends with #",
    "C# and F# ##",
    "100% = 1/1 !!!",
    "-> an arrow",
    "Dec 2, 2024 | OVN Community Meeting",
    "Attendees: not metadata",
    "Notes",
    "(not a speaker?) text",
    "== x",
    "https://x.org/a_b_*",
    "<https://x.org/a> and <b@c.org>",
]
"""Texts Markdown would read as markup. Not here: texts the parsers cannot give (an attribution
with no speaker label such as ``[x] not a box``, text with no letter or digit, tabs)."""


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips(text: str) -> None:
    links = [link for link in inline.clean(text).links if link.kind in (LinkKind.URL, LinkKind.EMAIL)]
    assert_round_trip(document(item(text, *links)))


def test_escaping_is_minimal() -> None:
    written = format_markdown(
        document(item("snake_case, 50% of the C# code; see (maybe) e.g. ovn-nbctl's --help"))
    )
    assert "- snake_case, 50% of the C# code; see (maybe) e.g. ovn-nbctl's --help\n" in written


def test_links_speakers_and_checkboxes_round_trip() -> None:
    agenda = Section.AGENDA  # items before the first heading of a meeting with headings are its agenda
    reply = dataclasses.replace(item("a reply", n=1, section=agenda), id="2025-12-15/agenda/4.1")
    items = [
        item(
            "see the docs and the slides",
            Link(url="https://example.org/a_(b)", text="the docs", kind=LinkKind.URL),
            Link(url=None, text="slides", kind=LinkKind.UNDERLINED),
            label="(dceara)",
            speakers=("dumitru-ceara",),
            n=1,
            section=agenda,
        ),
        item(
            "mail Frode at frode@example.org",
            Link(url="mailto:frode@canonical.com", text="Frode", kind=LinkKind.EMAIL),
            Link(url="mailto:frode@example.org", text="frode@example.org", kind=LinkKind.EMAIL),
            n=2,
            section=agenda,
        ),
        item(
            "bare https://github.com/ovn-org/ovn/pull/1 stays bare",
            Link(
                url="https://github.com/ovn-org/ovn/pull/1",
                text="https://github.com/ovn-org/ovn/pull/1",
                kind=LinkKind.URL,
            ),
            n=3,
            section=agenda,
        ),
        item("", label="(Felix)", speakers=("felix-huettner",), n=4, section=agenda, children=(reply,)),
        item(
            "odd [brackets] and a [link with ] bracket",
            Link(url="https://x.org/a b", text="link with ] bracket", kind=LinkKind.URL),
            n=5,
            section=agenda,
        ),
    ]
    actions = [
        item("send the mail", checked=False, n=1, section=Section.ACTION_ITEMS),
        item("done", checked=True, n=2, section=Section.ACTION_ITEMS),
        dataclasses.replace(
            item("who knows", n=3, section=Section.ACTION_ITEMS),
            raw="\\ding{114}\twho knows",
            checkbox=Checkbox.UNKNOWN,
        ),
        item("a plain bullet", n=4, section=Section.ACTION_ITEMS),
    ]
    written = assert_round_trip(
        document(*items, *actions, sections=[SectionMark(section=Section.ACTION_ITEMS, line=2)])
    )
    assert (
        "- (dceara) see [the docs](https://example.org/a_\\(b\\)) and the [slides](#link-lost)\n" in written
    )
    assert "- mail [Frode](mailto:frode@canonical.com) at <frode@example.org>\n" in written
    assert (
        "- bare <https://github.com/ovn-org/ovn/pull/1> stays bare\n" in written
    )  # an autolink: clickable, and bare once read
    assert "- (Felix)\n  - a reply\n" in written
    assert "- [ ] send the mail\n- [x] done\n- [?] who knows\n- a plain bullet\n" in written
    assert (
        reparse(written).meetings[0].items[-2].raw == "- [?] who knows"
    )  # still a checkbox of unknown state


def test_code_items_are_fenced_under_their_parent() -> None:
    code = "```\nsome ``` fence\n\n\ttabbed  \n  trailing spaces   "
    first = item("leading code", kind="code", n=1, section=Section.NOTES)  # first of its section: top level
    block = dataclasses.replace(item(code, kind="code", section=Section.AGENDA), id="2025-12-15/agenda/1.1")
    parent = item("schema:", n=1, section=Section.AGENDA, children=(block,))
    marks = [SectionMark(section=Section.NOTES, line=1), SectionMark(section=Section.AGENDA, line=5)]
    written = assert_round_trip(document(first, parent, sections=marks))
    assert written.endswith(
        "### Notes\n\n```\nleading code\n```\n\n### Agenda\n\n"
        "- schema:\n  ````\n  ```\n  some ``` fence\n\n  \ttabbed  \n    trailing spaces   \n  ````\n"
    )


def test_items_before_the_first_heading_stay_there(seed_document: Document) -> None:
    meeting = next(m for m in seed_document.meetings if m.id == "2023-10-23")  # implicit agenda, then Notes
    written = assert_round_trip(seed_document.model_copy(update={"meetings": [meeting]}))
    assert "### Agenda" not in written and written.index("- Recurring item") < written.index("### Notes")


def test_duplicate_sections_keep_their_items() -> None:
    marks = [
        SectionMark(section=Section.NOTES, line=2),
        SectionMark(section=Section.AGENDA, line=4),
        SectionMark(section=Section.NOTES, line=6),
    ]
    items = [
        dataclasses.replace(item("first note", n=1, section=Section.NOTES), line=3),
        dataclasses.replace(item("agenda", n=1, section=Section.AGENDA), line=5),
        dataclasses.replace(item("second note", n=2, section=Section.NOTES), line=7),
    ]
    written = assert_round_trip(document(*items, sections=marks))
    assert written.split("### ")[1:] == [
        "Notes\n\n- first note\n\n",
        "Agenda\n\n- agenda\n\n",
        "Notes\n\n- second note\n",
    ]


def test_attendees_use_registry_names_then_unresolved_names() -> None:
    written = assert_round_trip(
        document(
            attendees=["dumitru-ceara", "frode-nordahl"], unresolved_attendees=["Jane Unknown", "x@y.org"]
        )
    )
    assert "Attendees: Dumitru Ceara, Frode Nordahl, Jane Unknown, x@y.org\n" in written


def test_empty_document() -> None:
    assert format_markdown(Document(generator={"name": "ovnnotes", "version": "0"})) == ""


# -- the template ---------------------------------------------------------------------------------


def test_template_is_canonical_and_parses_to_an_empty_meeting(tmp_path) -> None:
    template = new_meeting_template(dt.date(2026, 1, 26))
    assert template.startswith(
        "## Jan 26, 2026 | OVN Community Meeting\n\nAttendees:\n\nRecording:\n\nTranscripts:\n\n### Agenda\n\n<!--\n"
    )
    result = parse_markdown(template, "new.md", default_registry())
    assert result.diagnostics == []
    (meeting,) = result.meetings
    assert (meeting.id, meeting.title, meeting.attendees, meeting.recording_urls) == (
        "2026-01-26",
        "OVN Community Meeting",
        [],
        [],
    )
    assert [mark.section for mark in meeting.sections] == [
        Section.AGENDA,
        Section.NOTES,
        Section.ACTION_ITEMS,
    ]
    assert [(item.section, item.kind) for item in meeting.items] == [
        (s, "html") for s in (Section.AGENDA, Section.NOTES, Section.ACTION_ITEMS)
    ]  # the guidance
    assert (
        format_markdown(reparse(template)) == template
    )  # `ovnnotes new | ovnnotes fmt --check`: nothing to change
    (tmp_path / "x.md").write_text(template)
    result_cli = CliRunner().invoke(cli, ["fmt", "--check", str(tmp_path / "x.md")])
    assert (result_cli.exit_code, result_cli.output) == (0, "")


@given(
    st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        ["OVN Community Meeting", "OVN Technical Meeting #2", "BGP *deep dive*", "Meeting: 1. [draft]"]
    ),
)
def test_template_heading_reads_back(date: dt.date, title: str) -> None:
    (meeting,) = parse_markdown(new_meeting_template(date, title), "new.md", default_registry()).meetings
    assert (meeting.date, meeting.title) == (date, title)
    assert markdown_date(date) in new_meeting_template(date, title)


# -- generated documents --------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "patch",
        "review",
        "OVN",
        "26.03",
        "northd",
        "soft",
        "freeze",
        "is",
        "the",
        "BGP",
        "a_b",
        "x*y",
        "#1",
        "C#",
        "50%",
        "->",
        "(maybe)",
        "[RFC]",
        "e.g.",
        "&",
        "&amp;",
        "<br>",
        "`ovn-nbctl`",
        "don't",
        "~~",
        "|",
        "!",
        "1.",
        "v2:",
        "Notes",
        "[x]",
        "\\n",
        "*",
        "_x_",
        "<",
        ">",
        "?",
        "Dec",
    ]
)
"""Words of generated text exports. Not ``**``: ``inline.clean`` strips a bold pair formed across an
underline (``** <u>** doc</u>``) from the text but not from the link's text, which then is nowhere
in the item and cannot be written back."""
SPEAKERS = st.sampled_from(
    [
        "(dceara) ",
        "(Ales) ",
        "[Frode/Vladislav] ",
        "Mark: ",
        "(ghostwriter) ",
        "(Red Hat internal) ",
        "",
        "",
        "",
    ]
)
URLS = st.sampled_from(
    [
        "https://github.com/ovn-org/ovn/pull/1",
        "https://patchwork.ozlabs.org/project/ovn/list/?series=1&state=*",
        "http://example.org/a_b_/c",
        "someone@example.org",
    ]
)


@st.composite
def export_text(draw: st.DrawFn) -> str:
    """Item text as the text export writes it: speaker, words, URLs, emails, underlined words."""
    words = draw(
        st.lists(
            st.one_of(WORDS, WORDS, URLS, WORDS.map(lambda w: f"<u>{w} doc</u>")), min_size=1, max_size=8
        )
    )
    return draw(SPEAKERS) + " ".join(words)


@st.composite
def export_meeting(draw: st.DrawFn) -> str:
    date = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    lines = [f"{markdown_date(date)} | ☐ OVN Community Meeting", ""]
    if draw(st.booleans()):
        lines += [
            f"Attendees: {' '.join(draw(st.lists(st.sampled_from(['Dumitru Ceara', 'Ales Musil', 'frode.nordahl@canonical.com', 'Jane Doe', 'Ilya']), max_size=4)))}",
            "",
        ]
    if draw(st.booleans()):
        lines += [f"Recording: {draw(URLS)}", ""]
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(
                ["top", "top", "sub", "sub", "o", "square", "section", "code", "checkbox", "paragraph"]
            )
        )
        text = draw(export_text())
        if kind == "top":
            lines.append(f"- {text}")
        elif kind == "sub":
            lines.append(f" - {text}")
        elif kind in ("o", "square"):
            lines.append(f" - {'o' if kind == 'o' else '■'} {text}")
        elif kind == "section":
            lines += ["", draw(st.sampled_from(["Agenda", "Notes", "Action items"])), ""]
        elif kind == "code":
            lines += [
                "```",
                *draw(
                    st.lists(
                        st.sampled_from(['"Route": {', '    "columns": {}', "", "\tx  ", "}"]), max_size=4
                    )
                ),
                "```",
            ]
        elif kind == "checkbox":
            box = draw(st.sampled_from(["", "\\checkmark", "[ ]"]))
            lines.append(f"{box}\t{text}")
        else:
            lines += ["", text, ""]
    return "\n".join(lines)


@SETTINGS
@given(st.lists(export_meeting(), min_size=1, max_size=3).map("\n\n".join))
def test_text_exports_round_trip_through_markdown(text: str) -> None:
    registry = default_registry()
    assert_round_trip(build_document([parse_text(text, "notes.txt", registry)], registry))


INLINE = st.sampled_from(
    [
        "word",
        "OVN",
        "[the docs](https://example.org/docs)",
        "<u>slides</u>",
        "**bold**",
        "*em*",
        "`code`",
        "\\*",
        "\\#",
        "\\<u>x\\</u>",
        "https://a.org/x_y",
        "a@b.org",
        "&amp;",
        "[x]",
        "_",
        "(maybe)",
        "[mail](mailto:x@y.org)",
        "<https://auto.org/p>",
        "\\\\",
        "`a*b`",
        "[spaced](<https://a.org/a b>)",
        "\\[",
        "<b>",
        "&#42;",
        "![img](i.png)",
        "https://a.org/x*",
        "(Ales)",
        "[https://a.org](https://a.org)",
        "[a.org](https://a.org)",
        "\\checkmark",
        "#",
    ]
)


@st.composite
def markdown_items(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines = []
    bullet = draw(st.sampled_from("-*+"))
    for _ in range(draw(st.integers(1 if depth == 1 else 0, 3))):
        box = draw(st.sampled_from(["", "", "[ ] ", "[x] ", "[?] "]))
        text = draw(SPEAKERS) + " ".join(draw(st.lists(INLINE, min_size=1, max_size=5)))
        lines.append(f"{' ' * indent}{bullet} {box}{text}")
        child = indent + draw(st.sampled_from([2, 3, 4]))
        if depth < 5 and draw(st.booleans()):
            lines += draw(markdown_items(child, depth + 1))
        if draw(st.integers(0, 5)) == 0:
            body = draw(st.lists(st.sampled_from(['{"a": 1}', "  x", "", "~~~", "\ty"]), max_size=3))
            lines += [
                f"{' ' * (indent + 2)}```",
                *(f"{' ' * (indent + 2)}{line}" if line else "" for line in body),
                f"{' ' * (indent + 2)}```",
            ]
    return lines


@st.composite
def markdown_meeting(draw: st.DrawFn) -> str:
    date = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    lines = [
        draw(
            st.sampled_from(
                [
                    f"## {markdown_date(date)} | OVN Community Meeting",
                    f"# {date.isoformat()} OVN Community Meeting",
                ]
            )
        ),
        "",
    ]
    if draw(st.booleans()):
        lines += [
            "**Attendees:** "
            + ", ".join(
                draw(
                    st.lists(
                        st.sampled_from(["Dumitru Ceara", "@Ales Musil", "Jane Doe", "numans"]), max_size=3
                    )
                )
            ),
            "",
        ]
    for section in draw(
        st.lists(st.sampled_from(["### Agenda", "**Notes**", "### Action items", ""]), max_size=3)
    ):
        if section:
            lines += [section, ""]
        lines += draw(markdown_items(0, 1)) + [""]
    return "\n".join(lines)


@SETTINGS
@given(st.lists(markdown_meeting(), min_size=1, max_size=3).map("\n".join))
@example(
    "## Jan 1, 2020 | OVN Community Meeting\n\n- # &amp;\n\n```\n```\n"
)  # a heading in a list item that is a stray `&`
def test_markdown_round_trips_and_formats_idempotently(text: str) -> None:
    first = reparse(text)
    assert_round_trip(first)
