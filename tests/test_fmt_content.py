"""``ovnnotes fmt`` keeps every piece of content, and what Markdown can say stays Markdown.

Emphasis, inline HTML and comments, numbered lists with their numbers, tables, block quotes,
deeper headings, HTML blocks and the tail of a URL broken by a space all come back from fmt;
what the model cannot hold is a diagnostic (``ONP130``). Links render clickable in CommonMark:
bare URLs as autolinks, lost links as ``[text](#link-lost)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import commonmark
from builders import round_trip_rows
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ovnnotes.api import build_document, default_registry
from ovnnotes.model import Document, Item
from ovnnotes.read.markdown import parse_markdown
from ovnnotes.vocabulary.dates import heading_date as markdown_date
from ovnnotes.writers.markdown import format_markdown

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WORD_RE = re.compile(r"[A-Za-z0-9]+")


def parse(markdown: str) -> Document:
    registry = default_registry()
    return build_document([parse_markdown(markdown, "notes.md", registry)], registry)


def walk(items: list[Item], depth: int = 1) -> Iterator[tuple[Item, int]]:
    for item in items:
        yield item, depth
        yield from walk(list(item.children), depth + 1)


def model(document: Document) -> list[tuple]:
    """What a round trip must keep, the Markdown-only fields included."""
    return round_trip_rows(document.meetings, markdown=True)


def assert_kept(source: str) -> str:
    """fmt keeps every word, reads back as the same model, and is idempotent."""
    written = format_markdown(parse(source))
    missing = set(WORD_RE.findall(source)) - set(WORD_RE.findall(written))
    assert not missing, f"fmt lost {sorted(missing)}:\n{written}"
    again = parse(written)
    assert model(again) == model(parse(source))
    assert format_markdown(again) == written
    return written


EVERYTHING = """## Dec 15, 2025 | OVN Community Meeting

Attendees: Dumitru Ceara

Recording: https://drive.google.com/file/d/1UvW9czlg2kh4iMWlvEfQt1vDz8 XR6h1/view

<!-- guidance for the agenda
  - stays as written -->

### Agenda

- (dceara) **OVN 26.03** soft freeze, *please* review <!-- inline note -->
- see [the slides](https://example.org/s) and ![a chart](https://example.org/c.png)
- numbered steps:
  1. first
  2. second
  7. seventh
     - detail of seventh

> - (Ilya) a quoted remark
>   - a reply in the quote

#### Release schedule

| milestone | date |
|---|---|
| soft freeze | Jan 23 |

```json
{"a": 1}
```

### Notes

3. starts at three
4. four

<details><summary>raw HTML</summary>kept</details>
"""


def test_everything_markdown_says_comes_back() -> None:
    written = assert_kept(EVERYTHING)
    assert (
        written
        == """## Dec 15, 2025 | OVN Community Meeting

Attendees: Dumitru Ceara

Recording: <https://drive.google.com/file/d/1UvW9czlg2kh4iMWlvEfQt1vDz8> XR6h1/view

<!-- guidance for the agenda
  - stays as written -->

### Agenda

- (dceara) **OVN 26.03** soft freeze, *please* review <!-- inline note -->
- see [the slides](https://example.org/s) and ![a chart](https://example.org/c.png)
- numbered steps:
  1. first
  2. second
  7. seventh
     - detail of seventh

> - (Ilya) a quoted remark
>   - a reply in the quote

#### Release schedule

| milestone | date |
|---|---|
| soft freeze | Jan 23 |

```json
{"a": 1}
```

### Notes

3. starts at three
4. four

<details><summary>raw HTML</summary>kept</details>
"""
    )
    document = parse(EVERYTHING)
    assert [d.code for d in document.diagnostics if d.code.startswith("ONP")] == [
        "ONP107"
    ]  # the broken URL, nothing else lost
    items = [item for item, _ in walk(document.meetings[0].items)]
    assert [(i.kind, i.heading) for i in items if i.kind != "bullet" or i.heading] == [
        ("html", None),
        ("bullet", 4),
        ("table", None),
        ("code", None),
        ("html", None),
    ]
    assert items[1].text == "OVN 26.03 soft freeze, please review" and items[1].markdown.startswith(
        "(dceara) **OVN 26.03**"
    )
    assert [i.number for i in items if i.number] == [1, 2, 7, 3, 4]
    assert [i.text for i in items if i.quoted] == ["a quoted remark", "a reply in the quote"]


def test_what_the_model_cannot_hold_is_reported() -> None:
    source = "<!-- a file header -->\n\n## Dec 15, 2025 | OVN Community Meeting\n\n- see [the docs][d]\n\n> > a quote in a quote\n\n[d]: https://example.org/d\n"
    document = parse(source)
    assert [(d.code, d.line) for d in document.diagnostics] == [("ONP130", 1), ("ONP130", 7), ("ONP130", 9)]
    written = format_markdown(document)
    assert "- see [the docs](https://example.org/d)\n" in written and "> - a quote in a quote\n" in written


def test_lost_links_and_bare_urls_render_as_links_in_commonmark(seed_document: Document) -> None:
    written = format_markdown(seed_document)
    urls = {
        link.url
        for meeting in seed_document.meetings
        for item, _ in walk(meeting.items)
        for link in item.links
        if link.url and link.kind.value == "url"
    }
    urls |= {
        url for meeting in seed_document.meetings for url in meeting.recording_urls + meeting.transcript_urls
    }
    lost = sum(
        1
        for meeting in seed_document.meetings
        for item, _ in walk(meeting.items)
        for link in item.links
        if link.kind.value == "underlined"
    )
    assert urls and lost
    for render in (MarkdownIt("commonmark").render, commonmark.commonmark):
        html = render(written)
        hrefs = re.findall(r'<a href="([^"]*)"', html)
        rendered = {re.sub("&amp;", "&", href) for href in hrefs}
        assert {u for u in urls if " " not in u} <= {
            re.sub("%[0-9A-F]{2}", lambda m: bytes.fromhex(m.group()[1:]).decode("latin-1"), href)
            for href in rendered
        } | rendered
        assert hrefs.count("#link-lost") == lost


def test_lost_links_read_back_as_underlined() -> None:
    document = parse(
        "## Dec 15, 2025 | OVN Community Meeting\n\n- Numan's [patches](#link-lost) and <u>slides</u>\n"
    )
    (item,) = document.meetings[0].items
    assert (item.text, [(link.url, link.text, link.kind.value) for link in item.links]) == (
        "Numan's patches and slides",
        [(None, "patches", "underlined"), (None, "slides", "underlined")],
    )
    assert format_markdown(document).endswith("- Numan's [patches](#link-lost) and [slides](#link-lost)\n")


# -- generated Markdown ---------------------------------------------------------------------------

WORD = st.sampled_from(
    [
        "patch",
        "review",
        "OVN",
        "northd",
        "soft",
        "freeze",
        "BGP",
        "EVPN",
        "deadline",
        "mirror",
        "ovsdb",
        "v2",
        "release",
        "Ales",
        "2026",
    ]
)


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(WORD)
        form = draw(
            st.sampled_from(
                [
                    "plain",
                    "plain",
                    "plain",
                    "em",
                    "strong",
                    "under",
                    "comment",
                    "link",
                    "bare",
                    "lost",
                    "image",
                    "code",
                ]
            )
        )
        parts.append(
            {
                "plain": word,
                "em": f"*{word}*",
                "strong": f"**{word}**",
                "under": f"_{word}_",
                "comment": f"<!-- {word} note -->",
                "link": f"[{word}](https://example.org/{word})",
                "bare": f"https://example.org/{word}/x",
                "lost": f"[{word}](#link-lost)",
                "image": f"![{word}](https://example.org/{word}.png)",
                "code": f"`{word}`",
            }[form]
        )
    return " ".join(parts)


@st.composite
def list_block(draw: st.DrawFn, indent: str = "", depth: int = 0) -> list[str]:
    numbered = draw(st.booleans())
    start = draw(st.integers(1, 12))
    lines = []
    for position in range(draw(st.integers(1, 3))):
        marker = f"{start + position}." if numbered else "-"
        lines.append(f"{indent}{marker} {draw(inline_text())}")
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            lines += draw(list_block(indent + " " * (len(marker) + 1), depth + 1))
    return lines


@st.composite
def markdown_notes(draw: st.DrawFn) -> str:
    date = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    blocks = [f"## {markdown_date(date)} | OVN Community Meeting"]
    if draw(st.booleans()):
        blocks.append(f"Recording: https://youtu.be/{draw(WORD)} {draw(WORD)}/view")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["list", "list", "section", "quote", "heading", "table", "comment"]))
        if kind == "list":
            blocks.append("\n".join(draw(list_block())))
        elif kind == "section":
            blocks.append(f"### {draw(st.sampled_from(['Agenda', 'Notes', 'Action items']))}")
        elif kind == "quote":
            blocks.append("\n".join(f"> {line}" for line in draw(list_block())))
        elif kind == "heading":
            blocks.append(f"{'#' * draw(st.integers(4, 6))} {draw(inline_text())}")
        elif kind == "table":
            cells = [draw(WORD) for _ in range(4)]
            blocks.append(f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |")
        else:
            blocks.append(f"<!-- {draw(WORD)} {draw(WORD)}\n{draw(WORD)} -->")
    return "\n\n".join(blocks) + "\n"


@SETTINGS
@given(markdown_notes())
@example(
    "## Jan 1, 2020 | OVN Community Meeting\n\n#### <!-- patch note -->\n"
)  # a heading of only a comment
def test_fmt_keeps_every_word_of_generated_markdown(source: str) -> None:
    assert_kept(source)


def test_commonmark_renderers_show_every_word_of_every_item() -> None:
    document = parse(EVERYTHING)
    written = format_markdown(document)
    expected = {
        word
        for meeting in document.meetings
        for item, _ in walk(meeting.items)
        if item.kind != "html"
        for word in WORD_RE.findall(item.text)
    }
    for html in (MarkdownIt("commonmark").enable("table").render(written), commonmark.commonmark(written)):
        visible = set(WORD_RE.findall(re.sub(r"<[^>]+>", " ", html))) | set(
            WORD_RE.findall(" ".join(re.findall(r'alt="([^"]*)"', html)))
        )
        assert expected - visible == set()
