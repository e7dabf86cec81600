"""Reading meeting notes written in Markdown (the format for new contributions).

The text export loses the notes' nesting and links; Markdown keeps both, so this reader trusts
the block structure that ``markdown-it`` (CommonMark) finds and infers nothing: every item is
``explicit`` except a code block written at the left margin after a list, which becomes a child
of the item placed just before it (``inferred``), as in the text export (unless an HTML comment
comes between them: then it is an item of the section).

Accepted shape (what a shared-document editor writes when downloading as Markdown)::

    ## Dec 15, 2025 | OVN Community Meeting          (or ## 2025-12-15 OVN Community Meeting)
    Attendees: Dumitru Ceara, Ales Musil             (commas optional, as in the text export)
    Recording: https://...                           ([text](url) works too)
    ### Agenda                                       (or **Agenda**, Agenda:)
    - (dceara) topic with a [link](https://...) and <u>underlined text</u>
      - nested items: `*`, `-` or `+`, 2 to 4 spaces deeper than their parent
        ```
        fenced code: a child of the item it is indented under
        ```
    ### Action items
    - [ ] open    - [x] done    - [?] status unknown

What plain text cannot say is kept for ``fmt``: an item's inline Markdown when it holds emphasis,
images, inline HTML or comments (``Item.markdown``; the clean ``text`` drops the markup), the
number of a numbered-list item, whether it is inside a block quote, the level of a heading that
is an item; pipe tables (GFM) and HTML blocks, comments included, become items of kind ``table``
and ``html`` holding their lines as written. ``[text](#link-lost)`` is an underlined link (the
URL was lost), as ``<u>text</u>`` is. ``ONP130`` reports what is not kept: a quote inside a quote
(read as one level), link reference definitions (the links using them are kept), HTML before the
first meeting.

Everything else is shared with the text export's reader: meeting headings (``headings``), the
meeting assembler (``assembler``: metadata and section labels, ids, items, attendees,
diagnostics), inline cleanup (``inline.clean``, which also keeps ``<u>`` as underlined links and
takes the ``[text](url)`` links), speakers (``speakers.attribute``). So the same content gives the
same model whichever format it was written in; the inline text handed to the assembler comes
with where it is in the source line (``LineText``), so columns name the source.
Paragraph lines at the top level of a meeting are read line by line like the text export
(metadata, section labels, text-export style meeting headings, or a top-level text item).

**Bullets after a fence.** A shared-document editor writes a pasted code block as a fence at the
left margin, which ends the list it sat in, and then writes the items that follow it with their
list indentation: four spaces or more, which CommonMark reads as an indented code block. When
every line of an indented code block right after a fence that interrupted a list is a bullet,
the lines are read as the list items they are (``ONP121``, info), continuing the interrupted
list: an item is a child of the nearest earlier item (on the interrupted list's last branch)
indented less than it, so it nests by its indentation as if the fence had not been there. A
list after such a fence that is indented less than four spaces (a list to CommonMark, but a new
one) continues the interrupted list the same way.

Problems are reported with the source line: ``ONP111`` for indentation that Markdown reads
differently from how it looks (siblings not aligned, a sub-item indented so far it becomes text
or a code block), ``ONP105`` for an unclosed fence, ``ONP103`` for lines too deeply nested to
be read, ``ONP110`` for the lines of a meeting whose heading cannot be read (skipped, as in the
text export), and the text parser's codes for the rest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from ..model import Checkbox, Nesting, Source
from ..vocabulary.characters import CONTROL_RE, INVISIBLE_CHARACTERS, normalise_line
from ..vocabulary.checkboxes import TASK_BOXES, TASK_RE
from ..vocabulary.labels import METADATA_RE, label_name
from . import inline
from .assembler import Assembler, Entry, LineText, MeetingDraft, ParseResult, given_tree
from .headings import meeting_heading
from .lines import split_lines, text_sha256
from .people import Registry

MAX_NESTING = 50
"""markdown-it's block nesting limit (about 24 list levels); deeper lines are reported, not read."""
LIST_LINE_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
MARKER_PREFIX_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
QUOTE_PREFIX_RE = re.compile(r"^(?:[ \t]{0,3}>[ ]?)*")
REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:")
LEAF_BLOCKS = {"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "table_open"}
LOST_LINK = "#link-lost"
"""The destination ``fmt`` writes for a link whose URL the text export lost (``[slides](#link-lost)``)."""
EMPTY_MARK = "<!-- empty -->"
"""What ``fmt`` writes in an item with no text; not markup of the item's own."""
CODE_APART = "<!-- code of the section -->"
"""What ``fmt`` writes before a top-level code block that follows other items of its section: the
reader attaches a code block at the margin to the item above it, except after this mark (which is
no item itself)."""
MARKUP_NODES = frozenset({"em", "strong", "image", "html_inline", "s"})
"""Inline nodes whose markup the clean text drops: an item holding one keeps its Markdown (``Item.markdown``)."""


@functools.cache
def markdown() -> MarkdownIt:
    """The CommonMark parser, with URLs kept exactly as written (no percent-encoding, no scheme filter)."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(
        "table"
    )  # GFM pipe tables, as editors export tables
    md.disable("text_join")  # keep escaped characters apart (``text_special``): they are literal
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# -- inline content ---------------------------------------------------------------------------


@dataclass
class InlineLine:
    """One source line of inline Markdown, in the text export's dialect.

    ``text`` keeps ``<u>`` tags and bare URLs for ``inline.clean``; a ``[text](url)`` link is
    written as its text and listed in ``links`` as ``(text, url)`` (the export has no such links).
    """

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


def bare_link(text: str, url: str, escaped: bool = False) -> bool:
    """True when ``text`` alone is read back as exactly this link (a bare URL or email).

    ``escaped``: ``text`` is in the escaped dialect (``read_inline(..., escaped=True)``).
    """
    plain = inline.unescape(text)[0] if escaped else text
    cleaned = inline.clean(text, escaped=escaped)
    return cleaned.text == plain and [(link.url, link.text) for link in cleaned.links] == [(url, plain)]


def syntax_tree(tokens: list[Token]) -> SyntaxTreeNode:
    """markdown-it's tree of ``tokens``, without its links from each node to its parent.

    Nothing here walks up the tree, and those links make a reference cycle of every node with its
    parent, which only the cyclic garbage collector frees (the CLI turns it off: the trees of a
    big file would stay in memory until the process ends). Without them reference counting frees
    a tree as soon as it is no longer used.
    """
    root = SyntaxTreeNode(tokens)
    for node in root.walk():
        node.parent = None
    return root


def read_inline(node: SyntaxTreeNode, as_urls: bool = False, escaped: bool = False) -> list[InlineLine]:
    """Inline Markdown to dialect lines (split at line breaks).

    ``as_urls`` writes links as their URL (for metadata). ``escaped`` keeps what the source
    escaped escaped (``\\<u>``, ``\\*``, and the characters of an HTML entity), with every other
    backslash that would read as an escape doubled, for item text: ``clean_item`` (that is
    ``inline.clean(..., escaped=True)``) then takes escaped characters as text, never as markup.
    """
    reader = _InlineReader(as_urls, escaped)
    reader.walk(node.children, reader.parts[0], True)
    return [InlineLine("".join(line), line_links) for line, line_links in zip(reader.parts, reader.links)]


class _InlineReader:
    """The lines ``read_inline`` makes: their parts and their links, one list per line."""

    def __init__(self, as_urls: bool, escaped: bool) -> None:
        self.as_urls = as_urls
        self.escaped = escaped
        self.plain = inline.escape_backslashes if escaped else _same
        self.parts: list[list[str]] = [[]]
        self.links: list[list[tuple[str, str]]] = [[]]

    def walk(self, children: list[SyntaxTreeNode], out: list[str], top: bool) -> list[str]:
        """Append ``children`` to ``out``; returns the list the next parts go to (a new line after a break)."""
        as_urls, escaped, plain = self.as_urls, self.escaped, self.plain
        for child in children:
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                if top:
                    self.parts.append([])
                    self.links.append([])
                    out = self.parts[-1]
                else:
                    out.append(" ")
            elif kind == "text_special":
                out.append(inline.escape_literal(child.content) if escaped else child.content)
            elif kind == "code_inline":
                out.append(plain(f"{child.markup}{child.content}{child.markup}"))
            elif kind == "html_inline":
                if not child.content.startswith("<!--"):
                    out.append(plain(child.content))
            elif kind == "link" and child.attrs.get("href") == LOST_LINK and not as_urls:
                out.append(
                    f"<u>{''.join(self.walk(child.children, [], False))}</u>"
                )  # an underlined link, as the text export has it
            elif kind in ("link", "image"):
                url = str(child.attrs.get("href", child.attrs.get("src", "")))
                label = "".join(self.walk(child.children, [], False))
                out.append(url if as_urls else label)
                if not as_urls and child.markup != "autolink" and not bare_link(label, url, escaped):
                    self.links[-1].append((label, url))
            elif child.children:
                out = self.walk(child.children, out, top)
            else:
                out.append(plain(child.content))
        return out


def has_markup(node: SyntaxTreeNode | None) -> bool:
    """Whether inline Markdown holds markup the clean text drops (emphasis, images, inline HTML, comments)."""
    if node is None:
        return False
    return any(
        child.type in MARKUP_NODES
        and not (
            child.type == "html_inline" and child.content.lower() in (EMPTY_MARK, "<u>", "</u>")
        )  # ``<u>``: a lost link
        for child in node.walk(include_self=False)
    )


def markdown_source(node: SyntaxTreeNode | None, task: bool = False) -> str | None:
    """``Item.markdown``: the inline source (line breaks as spaces, a task box left out), when it holds markup."""
    if node is None or not has_markup(node):
        return None
    # One line, as fmt writes it: line breaks and tabs as spaces (a tab in an action item's line is
    # the text export's checkbox separator).
    source = " ".join(line.strip() for line in node.content.replace("\t", " ").split("\n")).strip()
    box = TASK_RE.match(source) if task else None
    return source[box.end() :].lstrip(" \t") if box else source


def _same(text: str) -> str:
    return text


@dataclass
class ListItemContent:
    """What a list item says on its own: dialect text, Markdown links and its task box."""

    text: str
    links: list[tuple[str, str]]
    task: str | None
    """The character in a leading ``[ ]``/``[x]``/``[X]``/``[?]``, or ``None`` for no box."""
    paragraph: SyntaxTreeNode | None
    markdown: str | None = None
    """The inline Markdown when it holds markup (``markdown_source``)."""


def list_item_content(node: SyntaxTreeNode) -> ListItemContent:
    """The text of a list item's first paragraph, with its task box split off."""
    first = node.children[0] if node.children and node.children[0].type == "paragraph" else None
    if first is None or not first.children:
        comment = own_comment(node)
        return ListItemContent("", [], None, None, comment if comment != EMPTY_MARK else None)
    lines = read_inline(first.children[0], escaped=True)
    task = TASK_RE.match(first.children[0].content)
    box = None
    if task and lines[0].text.startswith(task.group(0)):
        box = task.group(1)
        lines[0].text = lines[0].text[3:].lstrip(" \t")
    text = " ".join(line.text.strip() for line in lines).strip()
    return ListItemContent(
        text,
        [link for line in lines for link in line.links],
        box,
        first,
        markdown_source(first.children[0], box is not None),
    )


def read_heading_line(source: str) -> ListItemContent | None:
    """The content of ``source`` when it is one heading (used by the writer to check heading items)."""
    root = syntax_tree(markdown().parse(source))  # markdown-it does not raise on text
    if len(root.children) != 1 or root.children[0].type != "heading" or not root.children[0].children:
        return None
    inline_node = root.children[0].children[0]
    lines = read_inline(inline_node, escaped=True)
    text = " ".join(line.text.strip() for line in lines).strip()
    return ListItemContent(
        text, [link for line in lines for link in line.links], None, None, markdown_source(inline_node)
    )


def heading_text(node: SyntaxTreeNode, text: str) -> str:
    """The text a Markdown heading is read as a meeting heading from: ``text`` as written, or its
    clean text when only cleaning makes it one (``## Jan. <u></u>32 1999 OVN community meeting``).

    Else it would be a heading item whose text reads as a meeting heading, and ``fmt``, which
    writes a heading item's clean text as a heading, would turn it into one.
    """
    if meeting_heading(text) is not None or not node.children:
        return text
    lines = read_inline(node.children[0], escaped=True)
    cleaned = inline.clean(" ".join(line.text.strip() for line in lines).strip(), escaped=True).text
    return cleaned if meeting_heading(cleaned) is not None else text


def own_comment(node: SyntaxTreeNode) -> str | None:
    """``- <!-- a note -->``: a list item whose first block is a comment has that comment as its own content."""
    first = node.children[0] if node.children else None
    if first is not None and first.type == "html_block" and first.content.lstrip().startswith("<!--"):
        return first.content.strip()
    return None


def read_item_line(source: str) -> ListItemContent | None:
    """The content of the first list item in ``source`` (used by the writer to check its escaping)."""
    root = syntax_tree(markdown().parse(source))  # markdown-it does not raise on text
    if (
        len(root.children) != 1
        or root.children[0].type != "bullet_list"
        or len(root.children[0].children) != 1
    ):
        return None
    return list_item_content(root.children[0].children[0])


def read_paragraph(source: str, as_urls: bool = False) -> str | None:
    """The dialect text of ``source`` when it is one paragraph or heading (for the writer's checks)."""
    root = syntax_tree(markdown().parse(source))  # markdown-it does not raise on text
    if (
        len(root.children) != 1
        or root.children[0].type not in ("paragraph", "heading")
        or not root.children[0].children
    ):
        return None
    return " ".join(line.text for line in read_inline(root.children[0].children[0], as_urls))


# -- blocks -----------------------------------------------------------------------------------


@dataclass(slots=True)
class MarkdownEntry(Entry):
    """An entry whose place in the tree Markdown gave (``children``), with what Markdown says
    beyond the model's plain text (``Item.markdown``, ``number``, ``quoted``, ``heading``)."""

    markdown: str | None = None
    list_number: int | None = None
    quoted: bool = False
    heading: int | None = None

    def __post_init__(self) -> None:
        if self.children is None:
            self.children = []
        self.escaped = True

    def extra_fields(self) -> dict[str, object]:
        return {
            "markdown": self.markdown,
            "number": self.list_number,
            "quoted": self.quoted,
            "heading": self.heading,
        }


def normalise(line: str) -> tuple[str, bool]:
    """``normalise_line`` without the right strip (trailing spaces matter inside code)."""
    return normalise_line(line, strip=False)


def _indent(line: str) -> int:
    line = QUOTE_PREFIX_RE.sub("", line, count=1).expandtabs(4)
    return len(line) - len(line.lstrip(" "))


def _closes(line: str, markup: str) -> bool:
    rest = line.lstrip(" \t>").rstrip()
    return len(rest) >= len(markup) and rest == markup[0] * len(rest)


class MarkdownReader:
    """Walks markdown-it's block tree (``run``) and feeds an ``Assembler`` (``assembler``)."""

    def __init__(self, text: str, path: str, registry: Registry) -> None:
        self.assembler = Assembler(path, registry, given_tree, self.paragraph_text)
        self.raw = split_lines(text)
        self.lines: list[str] = []
        for number, line in enumerate(self.raw, start=1):
            normalised, had_control = normalise(line)
            self.assembler.report_characters(number, normalised, had_control)
            self.lines.append(normalised)
        self.last: MarkdownEntry | None = None  # the item a margin code block attaches to
        self.open_text: MarkdownEntry | None = None  # a top-level text item continued by the next line
        self.bare_label: str | None = None  # `Attendees:` alone: a following list holds its values
        self.lost_heading: int | None = None  # an unreadable meeting heading: its lines are skipped
        self.quote_depth = 0  # inside how many block quotes the current block is
        self.after_list = False  # the previous top-level block is a list
        self.interrupted = False  # the previous top-level block is a fence right after a list

    def source(self, number: int) -> str:
        """Line ``number`` as items keep it in ``raw``: normalised, trailing spaces dropped (code keeps the file's)."""
        return self.lines[number - 1].rstrip()

    def indentation(self, line: int, column: int, message: str) -> None:
        self.assembler.report("ONP111", line, column, message)

    def report(self, code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.assembler.report(code, line, column, message, hint)

    def seen(self, number: int, text: str) -> LineText:
        """``text``, read from line ``number``, as the assembler is given it: columns in the source line."""
        return LineText(text, source=self.lines[number - 1])

    @property
    def meeting(self) -> MeetingDraft | None:
        return self.assembler.meeting

    def run(self) -> None:
        try:
            tokens = markdown().parse("\n".join(self.lines))
            root = syntax_tree(tokens)
        except Exception as error:  # noqa: BLE001 - reported (ONP103): never raise on any input  # pragma: no cover
            self.report("ONP103", 0, 0, f"the Markdown could not be read: {type(error).__name__}")
            return
        for node in root.children:
            self.top(node)
        self.unread_lines(tokens)

    def unread_lines(self, tokens: list) -> None:
        """Report lines no block holds: markdown-it drops what is nested beyond ``MAX_NESTING``."""
        covered = bytearray(len(self.lines) + 1)
        for token in tokens:
            if token.type in LEAF_BLOCKS and token.map:
                covered[token.map[0] : token.map[1]] = b"\x01" * (token.map[1] - token.map[0])
        for index, line in enumerate(self.lines):
            if covered[index] or inline.is_debris(line):
                continue
            if REFERENCE_RE.match(line):
                self.report(
                    "ONP130",
                    index + 1,
                    1,
                    "a link reference definition is not kept: `ovnnotes fmt` writes the links that use it inline, and drops it",
                )
            else:
                self.report(
                    "ONP103",
                    index + 1,
                    1,
                    f"this line is nested too deeply to be read: {line.strip()[:60]!r}",
                    "Nest lists and quotes less deeply.",
                )

    # -- top level ----------------------------------------------------------------------------

    def top(self, node: SyntaxTreeNode) -> None:
        interrupted, self.interrupted = self.interrupted, False
        after_list, self.after_list = self.after_list, False
        kind = node.type
        bare_label, self.bare_label = self.bare_label, None
        if kind == "paragraph":
            self.paragraph(node)
            return
        self.open_text = None
        if kind == "heading":
            self.heading(node)
            return
        if kind == "blockquote":
            self.quote(node, lambda child: self.top(child))
            return
        if kind == "hr":
            return  # a rule is layout, not content
        if kind == "html_block" and self.meeting is None and self.lost_heading is None:
            assert node.map is not None
            self.report(
                "ONP130",
                node.map[0] + 1,
                1,
                "this HTML block comes before the first meeting heading, so `ovnnotes fmt` does not keep it",
            )
            return
        if kind == "html_block" and node.content.strip() == CODE_APART:
            self.last = None  # ``fmt``'s mark: the code block below is not the item above's
            return
            return
        assert node.map is not None  # markdown-it gives every block node its lines
        if self.orphaned(node.map[0] + 1, node.map[1]):
            return
        meeting = self.meeting
        if meeting is None:
            self.report(
                "ONP102",
                node.map[0] + 1,
                1,
                f"text before the first meeting heading: {self.lines[node.map[0]].strip()[:60]!r}",
            )
            return
        meeting.end_line = max(meeting.end_line, node.map[1])
        if kind in ("bullet_list", "ordered_list") and bare_label and not meeting.entries:
            self.metadata_list(meeting, node, bare_label)
            return
        self.assembler.metadata_open = None
        if kind in ("bullet_list", "ordered_list") and interrupted and _indent(self.lines[node.map[0]]) > 0:
            self.continue_list(node, meeting)  # indented less than 4: a list, but the interrupted one
            self.after_list = self.interrupted = True
        elif kind in ("bullet_list", "ordered_list"):
            self.list_block(node, None)
            self.after_list = True
        elif kind == "code_block" and interrupted and self.bullets_after_fence(node, meeting):
            self.after_list = self.interrupted = True  # what follows may go on with the same list
        elif kind in ("fence", "code_block"):
            self.interrupted = kind == "fence" and after_list
            self.code(node, self.last, Nesting.INFERRED if self.last else Nesting.EXPLICIT)
        elif kind in ("html_block", "table"):
            self.block(node, None)

    def quote(self, node: SyntaxTreeNode, each: Callable[[SyntaxTreeNode], None]) -> None:
        """The blocks of a block quote, their items marked ``quoted`` (a quote in a quote is kept as one)."""
        if self.quote_depth == 1 and node.map is not None:
            self.report("ONP130", node.map[0] + 1, 1, "a quote inside a quote is kept as one level of quote")
        self.quote_depth += 1
        try:
            for child in node.children:
                each(child)
        finally:
            self.quote_depth -= 1

    def block(self, node: SyntaxTreeNode, parent: MarkdownEntry | None) -> None:
        """A table or an HTML block (a comment, a tag), kept as written: an item of kind ``table`` or ``html``."""
        assert node.map is not None
        start, end = node.map
        if node.type == "table":
            text = "\n".join(self.lines[n].strip() for n in range(start, end))
        else:
            text = node.content.rstrip("\n")
        entry = MarkdownEntry(
            line=start + 1,
            kind="table" if node.type == "table" else "html",
            text=text,
            section=self.assembler.section,
            lines=[(n + 1, self.source(n + 1)) for n in range(start, end)],
            col=_indent(self.lines[start]),
        )
        self.attach(entry, parent)
        self.last = entry  # a code block at the margin after it is its child, as after any item (so the order is kept)

    def meeting_at(self, number: int, text: str) -> MeetingDraft | None:
        """The meeting line ``number`` belongs to (extending it), or None after reporting text before any meeting."""
        meeting = self.meeting
        if meeting is None:
            self.report("ONP102", number, 1, f"text before the first meeting heading: {text[:60]!r}")
            return None
        meeting.end_line = max(meeting.end_line, number)
        return meeting

    def heading(self, node: SyntaxTreeNode) -> None:
        assert node.map is not None
        number = node.map[0] + 1
        lines = read_inline(node.children[0]) if node.children else [InlineLine()]
        text = " ".join(line.text for line in lines).strip()
        if self.meeting_heading(number, heading_text(node, text)) or self.orphaned(number, node.map[1]):
            return
        meeting = self.meeting_at(number, text)
        if meeting is None:
            return
        seen = self.seen(number, text)
        if self.assembler.take_section(meeting, number, seen):
            self.last = None
            return
        self.assembler.metadata_open = None
        source = markdown_source(node.children[0] if node.children else None)
        if inline.is_debris(text) and source is None:  # a heading of only a comment keeps the comment
            self.report("ONP104", number, seen.column(0), f"stray {text[:60]!r} was dropped")
            return
        entry = self.text_entry(node, read_inline(node.children[0], escaped=True) if node.children else [])
        entry.heading, entry.markdown = int(node.tag[1:]), source
        self.attach(entry, None)
        self.last = entry

    def meeting_heading(self, number: int, text: str) -> bool:
        """Start a meeting (or report an unreadable heading) when ``text`` is a meeting heading."""
        found = meeting_heading(text)
        if found is None:
            return False
        date, title = found
        if date is None:
            self.report("ONP101", number, 1, f"cannot read the date of meeting heading {text!r}")
            self.lost_heading = number
        else:
            self.assembler.start_meeting(number, date, title)
            self.lost_heading = None
        self.last = self.open_text = None
        return True

    def orphaned(self, start: int, end: int) -> bool:
        """Skip (and report) lines ``start``..``end`` when they follow an unreadable meeting heading."""
        if self.lost_heading is None:
            return False
        for number in range(start, end + 1):
            if self.lines[number - 1].strip():
                self.report(
                    "ONP110",
                    number,
                    1,
                    f"this line belongs to the meeting whose heading (line {self.lost_heading}) cannot be read; it was not parsed",
                )
        return True

    def paragraph(self, node: SyntaxTreeNode) -> None:
        """Top-level paragraph lines, one by one as the text export reads lines."""
        assert node.map is not None
        self.lazy_lines(node)
        inline_node = node.children[0] if node.children else None
        texts = read_inline(inline_node) if inline_node else []
        urls = read_inline(inline_node, as_urls=True) if inline_node else []
        items = read_inline(inline_node, escaped=True) if inline_node else []
        for offset, (line, as_url, as_item) in enumerate(zip(texts, urls, items)):
            number = min(node.map[0] + 1 + offset, node.map[1])
            text = line.text.strip()
            if self.meeting_heading(number, text) or self.orphaned(number, number):
                continue
            meeting = self.meeting_at(number, text)
            if meeting is None:
                continue
            label = METADATA_RE.match(text)
            wants_url = (label_name(label.group(1)) if label else self.assembler.metadata_open or "") not in (
                "",
                "attendees",
            )
            if self.assembler.take_metadata(
                meeting, number, self.seen(number, as_url.text.strip() if wants_url else text)
            ):
                self.open_text = None
                bare = (
                    label is not None
                    and not label.group("rest").strip()
                    and "<!--" not in self.lines[number - 1]
                )
                self.bare_label = (
                    label.group(1) if bare and label else None
                )  # ``Attendees: <!-- none -->``: no list of values follows
                continue
            self.bare_label = None
            seen = self.seen(number, text)
            if self.assembler.take_section(meeting, number, seen):
                self.last = self.open_text = None
                continue
            self.assembler.metadata_open = None
            line_markdown = self.line_markdown(number, inline_node)
            if self.open_text is not None:
                self.open_text.continue_with(number, self.source(number), as_item.text.strip())
                if as_item.links:
                    self.open_text.links = [*(self.open_text.links or ()), *as_item.links]
                if line_markdown is not None or self.open_text.markdown is not None:
                    self.open_text.markdown = " ".join(
                        part
                        for part in (
                            self.open_text.markdown or self.line_source(self.open_text.line),
                            line_markdown or self.line_source(number),
                        )
                        if part
                    )
                continue
            if inline.is_debris(text):
                self.report("ONP104", number, seen.column(0), f"stray {text!r} was dropped")
                continue
            entry = MarkdownEntry(
                line=number,
                kind="bullet",
                text=as_item.text.strip(),
                section=self.assembler.section,
                lines=[(number, self.source(number))],
                links=list(as_item.links),
                markdown=line_markdown,
            )
            self.attach(entry, None)
            self.last = self.open_text = entry

    def line_source(self, number: int) -> str:
        """Line ``number`` as inline Markdown: without block quote markers and indentation."""
        return QUOTE_PREFIX_RE.sub("", self.lines[number - 1], count=1).strip()

    def line_markdown(self, number: int, inline_node: SyntaxTreeNode | None) -> str | None:
        """``Item.markdown`` of one top-level paragraph line: its source, when the line holds markup."""
        if inline_node is None or not has_markup(inline_node):
            return None
        return self.line_source(number)

    def bullets_after_fence(self, node: SyntaxTreeNode, meeting: MeetingDraft) -> bool:
        """Read an indented code block whose every line is a bullet as the list a fence interrupted.

        Returns False (nothing read) when some line is not a bullet: then it is code, as written.
        Each line is one item (a bullet line with no continuation), placed by its indentation.
        """
        assert node.map is not None
        start, end = node.map
        numbers = [number for number in range(start, end) if self.lines[number].strip()]
        if not numbers or not all(LIST_LINE_RE.match(self.lines[number]) for number in numbers):
            return False
        margin = min(_indent(self.lines[number]) for number in numbers)
        self.report(
            "ONP121",
            start + 1,
            margin + 1,
            f"these {len(numbers)} bullets after a code block are indented {margin} spaces or more, which Markdown reads as a code block; read as "
            f"the list items they are",
        )
        for number in numbers:
            tokens = markdown().parse(
                self.lines[number].lstrip(" \t")
            )  # one bullet line: markdown-it does not raise on text
            for token in tokens:
                if token.map:
                    token.map = [token.map[0] + number, token.map[1] + number]
            for block in syntax_tree(tokens).children:
                self.continue_list(block, meeting)
        return True

    def continue_list(self, block: SyntaxTreeNode, meeting: MeetingDraft) -> None:
        """Place the items of a list that continues an interrupted one, each by its indentation."""
        for item in block.children:
            assert item.map is not None
            column = _indent(self.lines[item.map[0]])
            self.list_item(item, self.open_parent(meeting, column), column)

    @staticmethod
    def open_parent(meeting: MeetingDraft, column: int) -> MarkdownEntry | None:
        """The item a list item indented by ``column`` continues under: on the last branch of the
        meeting's items, the deepest bullet indented less than ``column`` (None: a top-level item).
        The branch ends at a code block (the fence that interrupted the list)."""
        parent: MarkdownEntry | None = None
        children: list[Entry] = meeting.entries
        while children:
            last = children[-1]
            if not isinstance(last, MarkdownEntry) or last.kind != "bullet" or last.col >= column:
                break
            parent, children = last, list(last.children or ())
        return parent

    def paragraph_text(self, meeting: MeetingDraft, number: int, text: str) -> None:
        """Text after a section label on a metadata line (``Notes: first note``): a text item like any other.

        It becomes the item a code block at the margin below attaches to, as a paragraph's would
        (``fmt`` writes it as a list item, which reads back so).
        """
        entry = MarkdownEntry(
            line=number,
            kind="bullet",
            text=inline.escape_backslashes(text),
            section=self.assembler.section,
            lines=[(number, text)],
        )
        meeting.entries.append(entry)
        self.last = entry

    def metadata_list(self, meeting: MeetingDraft, node: SyntaxTreeNode, label: str) -> None:
        """``Attendees:`` followed by a list: each list item is a value of the label."""
        as_urls = label_name(label) != "attendees"
        for item in node.children:
            assert item.map is not None
            number = item.map[0] + 1
            first = item.children[0] if item.children and item.children[0].type == "paragraph" else None
            lines = read_inline(first.children[0], as_urls) if first and first.children else []
            value = " ".join(line.text.strip() for line in lines)
            self.assembler.metadata_value(
                meeting,
                number,
                label,
                LineText(value, shift=max(self.lines[number - 1].find(value[:20]), 0)),
                0,
            )

    # -- items --------------------------------------------------------------------------------

    def list_block(self, node: SyntaxTreeNode, parent: MarkdownEntry | None) -> None:
        first: tuple[int, int] | None = None
        for item in node.children:
            assert item.map is not None
            number = item.map[0] + 1
            column = _indent(self.lines[item.map[0]])
            if first is None:
                first = (number, column)
                if parent is not None and column - parent.col > 4:
                    self.indentation(
                        number,
                        column + 1,
                        f"this item is indented {column - parent.col} spaces deeper than its parent (line {parent.line}); 2 to 4 are expected",
                    )
            elif column != first[1]:
                self.indentation(
                    number,
                    column + 1,
                    f"this item is indented by {column} spaces but the list it belongs to (line {first[0]}) by {first[1]}; it is read as a sibling",
                )
            self.list_item(item, parent, column)

    def list_item(self, node: SyntaxTreeNode, parent: MarkdownEntry | None, column: int) -> None:
        assert node.map is not None
        number = node.map[0] + 1
        content = list_item_content(node)
        rest = node.children[1:] if content.paragraph is not None else node.children
        own_html = own_comment(node) if content.paragraph is None else None
        if own_html is not None:
            rest = rest[1:]
        if content.paragraph is not None:
            self.lazy_lines(content.paragraph)
            assert content.paragraph.map is not None
            lines = range(content.paragraph.map[0] + 1, content.paragraph.map[1] + 1)
        else:
            lines = range(number, number + 1)
        checkbox = Checkbox(TASK_BOXES[content.task]) if content.task else None
        entry = MarkdownEntry(
            line=number,
            kind="bullet",
            text=content.text,
            section=self.assembler.section,
            lines=[(n, self.source(n)) for n in lines],
            col=column,
            checkbox=checkbox,
            links=content.links,
            markdown=content.markdown,
            list_number=int(node.info) if node.info.isdigit() else None,
        )
        before, self.last = self.last, entry
        for child in rest:
            self.nested(child, entry)
        if content.paragraph is not None:
            written = content.paragraph.children[0].content
        else:  # e.g. `- <!-- empty -->`; no block at all when markdown-it's nesting limit dropped it
            written = (own_html or "") + "".join(child.content for child in rest)
            if (
                not rest
                and own_html is None
                and not inline.is_debris(MARKER_PREFIX_RE.sub("", self.lines[number - 1], count=1))
            ):
                return  # too deep: ``unread_lines`` reports it
        if not entry.children and inline.is_debris(written):  # as the text export: judged on the source
            self.report(
                "ONP104", number, column + 1, f"empty bullet {self.lines[number - 1].strip()!r} was dropped"
            )
            self.last = before if self.last is entry else self.last
            return
        self.attach(entry, parent)

    def nested(self, node: SyntaxTreeNode, parent: MarkdownEntry) -> None:
        """A block inside a list item: sub-lists, code, further paragraphs (child items)."""
        kind = node.type
        if kind in ("bullet_list", "ordered_list"):
            self.list_block(node, parent)
        elif kind in ("fence", "code_block"):
            self.code(node, parent, Nesting.EXPLICIT)
        elif kind == "blockquote":
            self.quote(node, lambda child: self.nested(child, parent))
        elif kind in ("paragraph", "heading") and node.children:
            assert node.map is not None
            if kind == "paragraph":
                self.lazy_lines(node)
            lines = read_inline(node.children[0], escaped=True)
            # A paragraph is judged on its source, as the text export's lines are; a heading on its
            # text, as a heading outside a list is (``heading``), so ``# &amp;`` is a stray ``&`` either way.
            judged = (
                node.children[0].content if kind == "paragraph" else " ".join(line.text for line in lines)
            )
            if inline.is_debris(judged) and markdown_source(node.children[0]) is None:
                self.report(
                    "ONP104",
                    node.map[0] + 1,
                    1,
                    f"stray {node.children[0].content.strip()[:60]!r} was dropped",
                )
                return
            entry = self.text_entry(node, lines)
            entry.markdown = markdown_source(node.children[0])
            entry.heading = int(node.tag[1:]) if kind == "heading" else None
            self.attach(entry, parent)
            self.last = entry
        elif kind in ("html_block", "table"):
            self.block(node, parent)

    def text_entry(self, node: SyntaxTreeNode, lines: list[InlineLine]) -> MarkdownEntry:
        assert node.map is not None
        start, end = node.map
        text = " ".join(line.text.strip() for line in lines).strip()
        return MarkdownEntry(
            line=start + 1,
            kind="bullet",
            text=text,
            section=self.assembler.section,
            lines=[(n, self.source(n)) for n in range(start + 1, end + 1)],
            col=_indent(self.lines[start]),
            links=[link for line in lines for link in line.links],
        )

    def code(self, node: SyntaxTreeNode, parent: MarkdownEntry | None, nesting: Nesting) -> None:
        assert node.map is not None
        start, end = node.map
        body = start + 1 if node.type == "fence" else start
        if node.type == "code_block":
            self.indentation(
                start + 1,
                1,
                "these lines are indented 4 or more spaces past their parent's text, so Markdown reads them as a code block",
            )
        elif end - start < 2 or not _closes(self.lines[end - 1], node.markup):
            self.report("ONP105", start + 1, 1, f"this {node.markup} code block is never closed")
        contents = node.content.split("\n")[:-1] if node.content else []
        text = "\n".join(self.raw_content(body + offset, line) for offset, line in enumerate(contents))
        entry = MarkdownEntry(
            line=start + 1,
            kind="code",
            text=text,
            section=self.assembler.section,
            lines=[(n + 1, self.raw[n]) for n in range(start, end)],
            col=_indent(self.lines[start]),
            nesting=nesting,
        )
        self.attach(entry, parent)

    def raw_content(self, index: int, line: str) -> str:
        """A code line as in the file, every character kept (the text export keeps code unnormalised too).

        markdown-it read the normalised line, and ``line`` is what it kept of it: its end, after the
        indentation of the blocks around the code. Normalising keeps or drops each character
        (zero-width and control characters go), so the raw line's end that normalises to ``line``
        is found by position, with any dropped characters it holds.
        """
        if index >= len(self.raw):
            return line
        raw, normalised = self.raw[index], self.lines[index]
        if raw == normalised:
            return line
        if not normalised.endswith(line):
            return line  # markdown-it changed it (a tab partly taken as indentation): as it gave it
        prefix = len(normalised) - len(line)
        if prefix == 0:
            return raw
        kept = [
            position
            for position, ch in enumerate(raw)
            if ch not in INVISIBLE_CHARACTERS and not CONTROL_RE.match(ch)
        ]
        return raw[kept[prefix - 1] + 1 :] if len(kept) == len(normalised) else line

    def lazy_lines(self, node: SyntaxTreeNode) -> None:
        """Report paragraph lines that look like list items but continue the text above."""
        assert node.map is not None
        for index in range(node.map[0] + 1, node.map[1]):
            if LIST_LINE_RE.match(self.lines[index]):
                self.indentation(
                    index + 1,
                    _indent(self.lines[index]) + 1,
                    f"this line looks like a list item but is read as more text of line {node.map[0] + 1}: it is indented too far, or a list after "
                    f"text needs a blank line",
                )

    def attach(self, entry: MarkdownEntry, parent: MarkdownEntry | None) -> None:
        entry.quoted = self.quote_depth > 0
        if parent is not None:
            assert parent.children is not None  # a MarkdownEntry always has its list
            parent.children.append(entry)
        elif self.meeting is not None:
            self.meeting.entries.append(entry)


def parse_markdown(text: str, path: str, registry: Registry, sha256: str | None = None) -> ParseResult:
    """Parse one Markdown notes file. Pure: no files, no clock; never raises on any text.

    Returns the same ``ParseResult`` as ``text.parse_text``, so callers need not care which
    format a file is in.
    """
    reader = MarkdownReader(text, path, registry)
    reader.run()
    return reader.assembler.result(
        Source(path=path, sha256=sha256 or text_sha256(text), line_count=len(reader.raw))
    )
