"""Canonical Markdown for meeting notes (``ovnnotes fmt``) and the template for the next meeting.

``format_markdown`` writes a document so that ``read.markdown.parse_markdown`` reads the same model
back (ids, sections, items and their tree, speakers, links, checkboxes, attendees, recordings),
and so that formatting is idempotent. The layout::

    ## Dec 2, 2024 | OVN Community Meeting
    (blank line)
    Attendees: Dumitru Ceara, Ales Musil, as written      resolved people first, by registry name
    Recording: <https://...> tail of a broken URL         one line per URL, as an autolink
    Transcripts: <https://...>
    ### Agenda / ### Notes / ### Action items             exactly the meeting's section marks
    - (dceara) text with [text](url), <https://...> and a [lost link](#link-lost)
      - a child, 2 more spaces per level (the marker's width + 1 under `7.`)
        ```json
        code, fenced and indented under its parent
        ```
    - **emphasis** and <!-- comments --> as written (``Item.markdown``)
    3. numbered items keep their numbers
    > - quoted items stay in a quote
    #### a heading item, a | pipe | table |, <!-- an HTML block --> as written
    - [ ] open / - [x] done / - [?] unknown (top-level items of Action items)

Decisions:

* **Meeting order** is the files' order (by source, then line), not the document's ascending
  date order: ``fmt`` must not reorder a newest-first file. Meetings are separated by a blank
  line; blocks inside a meeting too.
* **Items before the first section heading** (the implicit agenda of the text export, or items
  with no section) are written before the first heading, which reads back as the same section.
* **Speakers** are written first (``[Frode/Vladislav] Discussion: explore``), which reads back
  as the same label and text; the text export's ``Discussion: [Frode/Vladislav] explore`` order is
  used only when a link spans the label.
* **Links** render clickable in any CommonMark renderer: a bare URL or email is written as an
  autolink ``<https://...>`` (read back, it is a bare URL again), unless CommonMark would not read
  it as one (``AUTOLINK_EMAIL_RE``: then it stays bare); a link whose text is not its URL
  is written ``[text](url)``; a link whose URL the text export lost (an underlined text) becomes
  ``[text](#link-lost)``, which renders as a link and says what happened, and reads back as the
  same underlined link (``<u>text</u>`` is still read too). Where a link text is in the item more
  than once, the occurrence that reads back in the item's link order is used.
* **Content is kept**: an item whose Markdown held emphasis, images, inline HTML or comments
  (``Item.markdown``) is written as that Markdown; numbered items keep their numbers
  (``Item.number``; a list not starting at 1 gets a blank line before it, which it needs);
  quoted items (``Item.quoted``) are written inside ``> ``; heading items (``Item.heading``) as
  headings; tables and HTML blocks (kinds ``table``, ``html``) line for line, with a blank line
  around them; a code block keeps its fence's info string; metadata notes
  (``Meeting.metadata_notes``) go back on their label's line: an empty ``Attendees:``, the tail of
  a URL broken by a space. What the model cannot hold was reported when reading (``ONP130``).
* **Checkboxes**: ``checkbox`` ``done``/``open`` is ``[x]``/``[ ]``; ``[?]`` is a checkbox whose state is
  unknown (``checkbox`` ``unknown``: the source had ``[?]`` or, in the text export, an unrecognised
  glyph before a tab); an item with no checkbox is a plain bullet (``facts`` reads it as open).
* **Escaping** is minimal: only what Markdown would otherwise read as markup (``*`` always; a
  backtick unless it is part of a code span, which is kept as written; ``_`` not inside a word; ``<`` before a tag or autolink; ``&`` before an entity; ``[``
  when it could open a link or a checkbox; ``\\`` before punctuation; and at the start of an
  item ``#``, ``>``, ``-``/``+`` before a space, ``1.``/``1)``, ``~~~``). The reader keeps escaped
  characters literal (``\\<u>``, ``\\*\\*`` and ``\\\\checkmark`` are text, not markup or
  debris). Every item, heading and metadata line written is read back; if it does not give the
  same model, all ASCII punctuation in its text is escaped.
* **An item with no text**, or with no letter or digit and no children, gets an ``<!-- empty -->``
  comment: like the text export, the reader drops a bullet whose source has no letter or digit,
  and a bare ``-`` under a line of text would make that line a heading.
* **A top-level code item after other items** of its section gets a ``<!-- code of the section -->``
  comment before it (else it reads back as a child of the item before).
* **Not representable** (the parsers never give them): a non-quoted child of a quoted item, children of a code item
  (written after the block, at its level), text with line breaks or tabs, text that reads as a
  speaker attribution while ``speaker_label`` is null (``[x] foo``), and a link whose text is
  nowhere in the item's text (``inline.clean`` gives one for ``** <u>** doc</u>``).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Document, Item, Link, LinkKind, Meeting, Person, Section
from ..read import inline
from ..read.headings import meeting_heading
from ..read.markdown import (
    CODE_APART,
    LOST_LINK,
    bare_link,
    read_heading_line,
    read_item_line,
    read_paragraph,
)
from ..read.people import Registry
from ..read.speakers import Resolver, attribute
from ..vocabulary.characters import C0_CONTROLS, normalise_line
from ..vocabulary.checkboxes import TASK_RE, WRITTEN_BOXES
from ..vocabulary.dates import heading_date
from ..vocabulary.labels import METADATA_LABELS, SECTION_TITLES, SERIES_TITLE

PUNCTUATION = set(string.punctuation)
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
LEADING_RE = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|-(?=-)|~~~|\d{1,9}[.)](?=[ \t]|$))")
LINKISH_RE = re.compile(r"\][(\[]")
FENCE_INFO_RE = re.compile(r"^```+([^`]*)$")
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)[^`]+?(?<!`)\1(?!`)")
AUTOLINK_SAFE_RE = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>{re.escape(C0_CONTROLS)}]*")
"""A URL CommonMark reads back from ``<url>`` exactly (an autolink: no spaces, no ``<``/``>``)."""
AUTOLINK_EMAIL_RE = re.compile(  # the look-behind: a search starts once per run of local characters (linear)
    r"(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
"""An email CommonMark reads as an autolink from ``<email>``: ASCII, no part of the domain starting or
ending with ``-``. The reader finds more addresses (``inline.EMAIL_RE``: ``numanſ@ovn.org``,
``a@b.org-``); in brackets those would be text, the brackets too, so they stay bare."""
LABEL_COLON_RE = re.compile(r"^([^:()\[\]]{1,60}:)\s*(.*)$")  # ``speakers.LABEL_THEN_BRACKET_RE``'s label
NO_VALUE = "<!-- none -->"
"""After a metadata label with no value that a list follows (``Attendees: <!-- none -->``)."""
EMPTY = "<!-- empty -->"
"""Written in an item with no text (the text export keeps a bullet whose text was all debris)."""


# -- escaping ---------------------------------------------------------------------------------


def escape(text: str, at_start: bool = False, everything: bool = False, in_link: bool = False) -> str:
    """Backslash-escape what Markdown would read as markup in ``text`` (see the module docstring).

    A code span (```ovn-nbctl```) is kept as it is: the reader keeps it with its backticks.
    """
    if everything:
        return "".join(f"\\{ch}" if ch in PUNCTUATION else ch for ch in text)
    out, position = [], 0
    for span in CODE_SPAN_RE.finditer(text):
        out += [_escape(text[position : span.start()], at_start and position == 0, in_link), span.group(0)]
        position = span.end()
    return "".join(out) + _escape(text[position:], at_start and position == 0, in_link)


def _escape(text: str, at_start: bool, in_link: bool) -> str:
    leading = LEADING_RE.match(text) if at_start else None
    task = TASK_RE.match(text) if at_start else None
    linkish = bool(LINKISH_RE.search(text)) or (at_start and text.startswith("[") and "]:" in text)
    out = []
    for index, ch in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if ch == "\\":
            needed = after == "" or after in PUNCTUATION
        elif ch in "*`":
            needed = True
        elif ch == "_":
            needed = not (before.isalnum() and after.isalnum())
        elif ch == "<":
            needed = after == "" or after.isalpha() or after in "/!?"
        elif ch == "&":
            needed = bool(ENTITY_RE.match(text, index))
        elif ch in "[]":
            needed = in_link or (ch == "[" and (linkish or (index == 0 and task is not None)))
        else:
            needed = leading is not None and index == (leading.end() - 1 if text[0].isdigit() else 0)
        out.append(f"\\{ch}" if needed else ch)
    return "".join(out)


def _destination(url: str) -> str:
    """A link destination that reads back as exactly ``url``."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "<" + "".join(f"\\{ch}" if ch in "<>\\" else ch for ch in url) + ">"
    return "".join(f"\\{ch}" if ch in "()<>\\&" else ch for ch in url)


def _checked(render: Callable[[bool], str], reads_back: Callable[[str], bool]) -> str:
    """Minimal escaping when it reads back as intended, else everything escaped."""
    written = render(False)
    if reads_back(written):
        return written
    return render(True)


# -- items ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    url: str | None  # None: underlined
    bare: bool = False  # a bare URL or email, written as an autolink


def _bare_spans(text: str) -> list[tuple[int, int]]:
    """Where bare URLs and emails are: markup must not go inside them."""
    return [m.span() for m in inline.URL_RE.finditer(text)] + [
        m.span() for m in inline.EMAIL_RE.finditer(text)
    ]


def _find(text: str, needle: str, taken: list[tuple[int, int]], start: int = 0) -> int:
    """Where to mark ``needle`` up (from ``start``): a free occurrence, at word boundaries if there is one; -1 if none."""
    fallback = -1
    start = text.find(needle, start)
    while start >= 0 and needle:
        end = start + len(needle)
        if all(end <= a or start >= b for a, b in taken):
            bounded = (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if bounded:
                return start
            fallback = start if fallback < 0 else fallback
        start = text.find(needle, start + 1)
    return fallback


def _needs_markup(link: Link) -> str | None:
    """The URL a link is written with (``""`` for an underlined one), or None when it stays bare."""
    if link.kind is LinkKind.UNDERLINED:
        return ""
    if link.url is not None and bare_link(link.text, link.url):
        return None
    return link.url or ""


def _place(text: str, links: list[tuple[Link, str]], sequential: bool) -> list[_Span]:
    taken = _bare_spans(text)
    spans: list[_Span] = []
    cursor = 0
    for link, url in links:
        start = _find(text, link.text, taken, cursor if sequential else 0)
        if start < 0:
            continue
        cursor = start + len(link.text)
        taken.append((start, cursor))
        spans.append(_Span(start, cursor, None if link.kind is LinkKind.UNDERLINED else url))
    return sorted(spans, key=lambda span: span.start)


def _placements(item: Item, text: str) -> list[list[_Span]]:
    """Ways to place the links that need markup, most natural first.

    Where a link text occurs more than once, the occurrence chosen decides the order the reader
    finds links in; the writer tries these and keeps the first that reads back as the item.
    """
    links = [(link, url) for link in item.links if (url := _needs_markup(link)) is not None]
    if not links:
        return [[]]
    longest_first = sorted(links, key=lambda pair: -len(pair[0].text))
    options = [_place(text, links, False), _place(text, links, True), _place(text, longest_first, False)]
    return [spans for index, spans in enumerate(options) if spans not in options[:index]]


def _bare(text: str, spans: list[_Span], bare: Sequence[str]) -> list[_Span]:
    """``spans`` plus one for each bare URL or email of ``bare`` (in order), to be written as an autolink ``<url>``.

    Only where the autolink reads back as exactly that text: outside code spans and other markup.
    """
    if not bare:
        return spans
    taken = [(span.start, span.end) for span in spans] + [m.span() for m in CODE_SPAN_RE.finditer(text)]
    found = list(spans)
    cursor = 0
    for needle in bare:
        if not AUTOLINK_SAFE_RE.fullmatch(needle) and not AUTOLINK_EMAIL_RE.fullmatch(needle):
            continue
        start = text.find(needle, cursor)
        while start >= 0 and not all(start + len(needle) <= a or start >= b for a, b in taken):
            start = text.find(needle, start + 1)
        if start < 0:
            continue
        cursor = start + len(needle)
        found.append(_Span(start, cursor, needle, bare=True))
    return sorted(found, key=lambda span: span.start)


def _render(text: str, spans: list[_Span], everything: bool) -> str:
    """``text`` as inline Markdown, with ``[text](url)``, ``[text](#link-lost)`` and ``<url>`` markup on ``spans``."""
    out = []
    position = 0
    for span in spans:
        out.append(escape(text[position : span.start], at_start=position == 0, everything=everything))
        inner = text[span.start : span.end]
        if span.bare:
            out.append(f"<{inner}>")
        elif span.url is None:
            out.append(f"[{escape(inner, everything=everything, in_link=True)}]({LOST_LINK})")
        else:
            out.append(f"[{escape(inner, everything=everything, in_link=True)}]({_destination(span.url)})")
        position = span.end
    out.append(escape(text[position:], at_start=position == 0, everything=everything))
    return "".join(out)


def _links(links: Sequence[Link]) -> list[tuple[str | None, str, LinkKind]]:
    return [(link.url, link.text, link.kind) for link in links]


def _texts(item: Item) -> list[str]:
    """The item's text with its speaker label: first, then (for ``[x]`` after a ``Label:``) where it was."""
    if not item.speaker_label:
        return [item.text]
    texts = [f"{item.speaker_label} {item.text}".strip()]
    after_label = LABEL_COLON_RE.match(item.text) if item.speaker_label.startswith("[") else None
    if after_label:  # ``Discussion: [Frode/Vladislav] explore``: a link may span the label
        texts.append(f"{after_label.group(1)} {item.speaker_label} {after_label.group(2)}".strip())
    return texts


def item_markdown(
    item: Item, box: str | None, registry: Resolver, has_children: bool = False, heading: bool = False
) -> str:
    """One item's line content (after ``- ``, or after ``#### `` for a ``heading``): checkbox, speaker label, text and links.

    An item with ``markdown`` (emphasis, inline HTML...) is written as that Markdown. Otherwise the
    text is rendered with minimal escaping, bare URLs as autolinks ``<url>``, links as
    ``[text](url)`` and lost links as ``[text](#link-lost)``. Either way it is checked by reading it
    back as ``parse_markdown`` would (``clean_item`` and ``attribute`` with ``registry``); when the
    minimal form does not give the item back, everything is escaped.
    """
    prefix = f"{box} " if box else ""
    expected = (item.speaker_label, item.text, _links(item.links), box[1] if box else None)
    read = read_heading_line if heading else read_item_line
    lead = "#" * (item.heading or 1) + " " if heading else "- "
    bare = [link.text for link in item.links if _needs_markup(link) is None]

    def render(text: str, spans: list[_Span], everything: bool) -> str:
        written = (prefix + _render(text, _bare(text, spans, bare), everything)).rstrip()
        if not written or (not has_children and not heading and inline.is_debris(written)):
            written = f"{written} {EMPTY}".lstrip()  # else the bullet is dropped, or ends the text above
        return written

    def reads_back(written: str, markdown: str | None = None, links: bool = True) -> bool:
        content = read(f"{lead}{written}")
        if content is None or content.markdown != markdown:
            return False
        cleaned = inline.clean(content.text, escaped=True, links=content.links)
        attribution = attribute(cleaned.text, registry)
        found = (
            attribution.label,
            attribution.text,
            _links(cleaned.links) if links else expected[2],
            content.task if not heading else None,
        )
        return found == (expected if not heading else expected[:3] + (None,))

    if item.markdown and reads_back(prefix + item.markdown, item.markdown):
        return prefix + item.markdown
    options = [(text, spans) for text in _texts(item) for spans in _placements(item, text)]
    for links in (
        True,
        False,
    ):  # links that cannot all be written (a text nowhere in the item): the rest, as written
        for everything in (False, True):
            for text, spans in options:
                written = render(text, spans, everything)
                if reads_back(written, links=links):
                    return written
    return render(*options[0], True)


def _fence(code: str, indent: str, info: str = "") -> list[str]:
    # Backtick runs as the reader sees the lines (zero-width and control characters dropped), so
    # a line such as "\x01```" inside the code cannot close the fence.
    runs = [
        len(line) - len(line.lstrip("`"))
        for line in (normalise_line(line)[0].lstrip() for line in code.split("\n"))
    ]
    fence = "`" * max(3, max(runs, default=0) + 1)
    body = [f"{indent}{line}" if line else "" for line in code.split("\n")] if code else []
    return [f"{indent}{fence}{info}", *body, f"{indent}{fence}"]


def _info(item: Item) -> str:
    """The info string of a code block's opening fence (```` ```json ````), from its raw first line."""
    first = item.raw.split("\n", 1)[0].strip().lstrip(">").strip()
    match = FENCE_INFO_RE.match(first)
    return match.group(1).strip() if match else ""


# -- meetings ---------------------------------------------------------------------------------


def heading_line(date: dt.date, title: str) -> str:
    """``## Dec 2, 2024 | title``, escaped so that it reads back as this date and title."""
    head = f"## {heading_date(date)} | "
    return _checked(
        lambda everything: head + escape(title, everything=everything),
        lambda written: meeting_heading(read_paragraph(written) or "") == (date, title),
    )


class _Writer:
    def __init__(self, document: Document) -> None:
        self.people: dict[str, Person] = {person.id: person for person in document.people}
        self.registry = Registry(tuple(document.people))
        self.sources = {source.path: index for index, source in enumerate(document.sources)}

    def order(self, meetings: list[Meeting]) -> list[Meeting]:
        return sorted(
            meetings,
            key=lambda m: (self.sources.get(m.source.path, len(self.sources)), m.source.path, m.source.line),
        )

    def meeting(self, meeting: Meeting) -> str:
        blocks: list[list[str]] = [[heading_line(meeting.date, meeting.title)]]
        notes: dict[str, list[str]] = {}
        for note in meeting.metadata_notes:
            notes.setdefault(note.label, []).append(note.text)
        names = self.attendees(meeting)
        if names or "attendees" in notes:
            blocks.append([self.metadata(METADATA_LABELS["attendees"], ", ".join(names), as_urls=False)])
        for label, urls in (("recording", meeting.recording_urls), ("transcripts", meeting.transcript_urls)):
            blocks += self.url_lines(METADATA_LABELS[label], urls, notes.get(label, []))
        body = self.body(meeting)
        if len(blocks) > 1 and blocks[-1][-1].endswith(":") and body and isinstance(body[0], Item):
            blocks[-1][-1] += f" {NO_VALUE}"  # else the list that follows would be read as the label's values
        run: list[str] = []
        previous: Item | None = None
        for value in body:
            if isinstance(value, Section):
                if run:
                    blocks.append(run)
                    run = []
                blocks.append([f"### {SECTION_TITLES[value.value]}"])
                previous = None
            else:
                if value.kind == "code" and run:  # else it reads back as a child of the item above
                    blocks += [run, [CODE_APART]]
                    run = []
                self.item(value, "", run, previous=previous)
                previous = value
        if run:
            blocks.append(run)
        blocks = [_tidy(block) for block in blocks]
        return "\n\n".join("\n".join(block) for block in blocks) + "\n"

    def metadata(self, label: str, value: str, as_urls: bool = True, note: str = "") -> str:
        """``Label: value`` (a URL as an autolink, so that it renders clickable), then ``note`` (text that is no value)."""
        head = f"{label}:" + (" " if value or note else "")
        shown = f"<{value}>" if as_urls and value and AUTOLINK_SAFE_RE.fullmatch(value) else None
        expected = head + " ".join(part for part in (value, note) if part)

        def render(everything: bool) -> str:
            return head + " ".join(
                part
                for part in (
                    (shown or escape(value, everything=everything)) if value else "",
                    escape(note, everything=everything),
                )
                if part
            )

        return _checked(render, lambda written: read_paragraph(written, as_urls) == expected)

    def url_lines(self, label: str, urls: list[str], notes: list[str]) -> list[list[str]]:
        """One line per URL; the first note on the first URL's line (a broken URL's tail stays beside it), the others on their own."""
        lines = [
            [self.metadata(label, url, note=notes[0] if index == 0 and notes else "")]
            for index, url in enumerate(urls)
        ]
        rest = notes[1:] if urls else notes
        return lines + [[self.metadata(label, "", note=note)] for note in rest]

    def attendees(self, meeting: Meeting) -> list[str]:
        """Registry names (the id when the name would not read back as the person), then unresolved names."""
        names = []
        for person_id in meeting.attendees:
            person = self.people.get(person_id)
            candidates = [person.name, person_id] if person else [person_id]
            names.append(
                next(
                    (
                        name
                        for name in candidates
                        if [m.person_id for m in self.registry.match_attendees(name)] == [person_id]
                    ),
                    candidates[0],
                )
            )
        return names + list(meeting.unresolved_attendees)

    def body(self, meeting: Meeting) -> list[Section | Item]:
        """Section headings and top-level items in writing order.

        An item stays under the current heading while its section fits (before any heading: no
        section, or the implicit agenda); otherwise the headings up to the next one of its section
        are written first. With a section twice, the source lines decide which heading it is under.
        """
        marks = meeting.sections
        out: list[Section | Item] = []
        current = -1
        for item in meeting.items:
            if current >= 0:
                fits = item.section is marks[current].section
            else:
                fits = item.section is None or (bool(marks) and item.section is Section.AGENDA)
            later = next(
                (index for index in range(current + 1, len(marks)) if marks[index].section is item.section),
                None,
            )
            if later is not None and (not fits or marks[later].line <= item.line):
                out += [mark.section for mark in marks[current + 1 : later + 1]]
                current = later
            out.append(item)
        out += [mark.section for mark in marks[current + 1 :]]
        return out

    def items(self, items: Sequence[Item], indent: str, out: list[str], quoted: bool = False) -> None:
        previous: Item | None = None
        for child in items:
            self.item(child, indent, out, quoted, previous)
            previous = child

    def item(
        self, item: Item, indent: str, out: list[str], quoted: bool = False, previous: Item | None = None
    ) -> None:
        """Write ``item`` and its children at ``indent``; ``quoted``: already inside a block quote;
        ``previous``: the sibling written just before."""
        if item.quoted and not quoted:  # the item and its children, inside a quote
            inner: list[str] = []
            self.item(item, "", inner, True)
            if out and out[-1] != "":
                out.append("")
            out += [f"{indent}> {line}" if line else f"{indent}>" for line in inner]  # code keeps its spaces
            out.append("")
            return
        if item.kind in ("code", "table", "html"):
            lines = (
                _fence(item.text, indent, _info(item))
                if item.kind == "code"
                else [f"{indent}{line}" if line else "" for line in item.text.split("\n")]
            )
            _block(out, lines, separate=item.kind != "code")
            self.items(item.children, indent, out, quoted)
            return
        if item.heading is not None:
            _block(
                out,
                [
                    f"{indent}{'#' * item.heading} {item_markdown(item, None, self.registry, heading=True)}".rstrip()
                ],
                separate=True,
            )
            self.items(item.children, indent, out, quoted)
            return
        state = item.checkbox_state()
        box = WRITTEN_BOXES[state.value] if state is not None else None
        content = item_markdown(item, box, self.registry, bool(item.children))
        marker = f"{item.number}." if item.number is not None else "-"
        starts_list = (
            previous is None
            or previous.number is None
            or previous.quoted != item.quoted
            or previous.kind != "bullet"
            or previous.heading is not None
        )
        if item.number is not None and item.number != 1 and starts_list and out and out[-1] != "":
            out.append("")  # a numbered list not starting at 1 cannot interrupt the text above
        out.append(f"{indent}{marker} {content}" if content else f"{indent}{marker}")
        self.items(item.children, indent + " " * (len(marker) + 1), out, quoted)


def _block(out: list[str], lines: list[str], separate: bool) -> None:
    """Append a block's lines; tables, HTML and headings get a blank line before and after (an HTML
    block only ends at one, and a table or tag could otherwise continue the text above)."""
    if separate and out and out[-1] != "":
        out.append("")
    out += lines
    if separate:
        out.append("")


def _tidy(lines: list[str]) -> list[str]:
    """No blank line at the end (``_block`` and quotes add one after themselves)."""
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return lines


def format_markdown(document: Document) -> str:
    """The canonical Markdown of a document; ``parse_markdown`` reads the same model back."""
    writer = _Writer(document)
    return "\n".join(writer.meeting(meeting) for meeting in writer.order(list(document.meetings)))


def new_meeting_template(date: dt.date, title: str = SERIES_TITLE) -> str:
    """Markdown for the next meeting: heading, metadata labels and the three sections.

    The example bullets are HTML comments, so an untouched template reads as a meeting with its
    three sections, no items but the comments, and no diagnostics; replace them with real items.
    The template is canonical: ``ovnnotes fmt --check`` accepts it as it is.
    """
    return (
        f"{heading_line(date, title or SERIES_TITLE)}\n\n"
        + "".join(f"{label}:\n\n" for label in METADATA_LABELS.values())
        + f"### {SECTION_TITLES['agenda']}\n\n"
        "<!--\n- (your-handle) A topic to discuss\n  - details; links as [text](https://...)\n-->\n\n"
        f"### {SECTION_TITLES['notes']}\n\n"
        "<!--\n- (speaker) What was said\n  - (another-speaker) The reply\n-->\n\n"
        f"### {SECTION_TITLES['action_items']}\n\n"
        "<!--\n- [ ] (owner) What to do\n- [x] (owner) What was done\n-->\n"
    )
