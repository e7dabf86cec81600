"""Rebuilding the item tree that the plain-text export flattened.

The export keeps only two indentation levels (``- `` at column 0, `` - `` indented) and, now and
then, the glyph the notes document drew for a level: ``o`` (also ``O``, ``0``, ``○``, ``◦``) for
levels 2, 5, 8 and ``■`` for levels 3, 6, 9 (documents cycle ●, ○, ■). Depth is rebuilt from
those anchors with these rules, applied to each bullet against the item placed just before it
(``prev``):

1. **Top level.** A ``- `` bullet at column 0 is depth 1 (``explicit``), except for
   page-break debris (rule 7).
2. **Indentation.** A bullet indented more than ``prev`` is its child (``explicit`` when ``prev``
   is a depth-1 item: there is only one deeper level to go to).
3. **Glyphs.** ``o`` means depth 2 and ``■`` depth 3 (``explicit``); if rule 4, 5 or 6 makes the
   bullet a child of ``prev`` and ``prev``'s depth + 1 has the same glyph (5, 8 for ``o``), that
   deeper level is used instead (``inferred``).
4. **Colon-ended parents.** After an item ending in ``:`` (or `` -``), a bullet is its child.
5. **Speakers.** After an item that is only an attribution, e.g. ``o (Ales)``, a bullet is its
   child. A reply is a child of the question it answers: an attributed bullet right after a
   question (``...?``), or any bullet right after an attributed question (``(Ales) How ...?``).
   The next attributed bullet after a reply is the next turn: back at the question's level.
6. **Numbered items** (``i.``, ``ii.``, ``1.``): the first of a list is a child of ``prev``; the
   next ones are siblings of the previous number. Bullets between two numbers are children of the
   earlier number; a bullet after the last number leaves the list (a sibling of the list's parent).
7. **Page-break debris.** At a page break the export restarts the list at column 0. A column-0
   bullet right after a blank line, when ``prev`` is deeper than 1, that has no attribution and
   whose next bullet is not an indented ``o`` (which would prove it a depth-1 parent), continues
   the deeper list; following column-0 bullets do too until one of those conditions fails. An
   attributed bullet continues it too when it names people by first name (``(Ales)``,
   ``Mark:``) after another attributed bullet: a discussion going on, where new topics name
   their owner by handle (``(dceara)``). Within the continuation, column 0 is the level of its
   first bullet.
8. Otherwise a bullet is a sibling of ``prev`` (``inferred``). A paragraph line without a bullet
   after a blank line is a sibling of ``prev`` too; a code block is a child of ``prev``; checkbox
   lines of an ``Action items`` section are depth 1 (``explicit``).

After a section heading the tree starts again at depth 1. No item goes deeper than ``MAX_DEPTH``
(real notes use at most 9 levels): a deeper one becomes a sibling at that depth, so hostile input
cannot make trees too deep to serialise or walk recursively.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Callable, Literal

from .inline import InlineText, strip_debris
from .model import Nesting, Section
from .speakers import LEADING_GROUP_RE, Attribution, looks_like_attribution

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
GLYPH_LEVEL = {"dot": 1, "o": 2, "square": 0}  # depth modulo 3
MARKER_RE = re.compile(
    r"^(?:(?P<o>[oO0○◦])(?=\s|$)|(?P<square>\*\*■\*\*|[■▪])|(?P<dot>[●•])(?=\s|$)|"
    r"(?P<roman>i{1,3}|iv|vi{0,3}|ix|x)\.(?=\s)|(?P<arabic>\d{1,2})\.(?=\s))\s*"
)
_MARKER_FIRST = frozenset("oO○◦*■▪●•ivx")
"""Characters a ``MARKER_RE`` match can start with, besides digits."""
TAGS_RE = re.compile(r"</?u>")

MAX_DEPTH = 64
"""Deepest item level kept."""

Marker = Literal["o", "square", "dot", "roman", "arabic", "checkbox"] | None


@dataclass(slots=True)
class Entry:
    """One source element of a meeting before it is placed in the tree."""

    line: int
    kind: Literal["bullet", "code", "section"]
    text: str
    section: Section | None
    lines: list[tuple[int, str]] = field(default_factory=list)
    col: int = 0
    marker: Marker = None
    number: int = 0
    checked: bool | None = None
    paragraph: bool = False
    blank_before: bool = False
    cleaned: InlineText | None = None
    attribution: Attribution | None = None
    more: list[str] | None = field(default=None, repr=False)
    """Continuation texts not yet joined to ``text`` (see ``settle``)."""

    @classmethod
    def from_bullet(cls, number: int, line: str, col: int, rest: str, section: Section | None, blank_before: bool) -> Entry:
        marker: Marker = None
        value = 0
        first = rest[:1]
        match = MARKER_RE.match(rest) if first in _MARKER_FIRST or first.isdigit() else None
        if match:
            kind = match.lastgroup
            marker = kind  # type: ignore[assignment]
            if kind == "roman":
                value = ROMAN[match.group("roman")]
            elif kind == "arabic":
                value = int(match.group("arabic"))
            rest = rest[match.end() :]
        return cls(line=number, kind="bullet", text=rest.strip(), section=section, lines=[(number, line)], col=col, marker=marker, number=value, blank_before=blank_before)

    def continue_with(self, number: int, line: str) -> None:
        """Append a wrapped continuation line; ``settle`` joins the texts (once: linear)."""
        self.lines.append((number, line))
        if self.more is None:
            self.more = []
        self.more.append(line.strip())

    def settle(self) -> None:
        """Join the continuation texts to ``text`` with spaces."""
        if self.more:
            self.text = " ".join([self.text, *self.more] if self.text else self.more)
            self.more = None

    def locate(self, needle: str, cursor: list[int] | None = None) -> tuple[int, int]:
        """(line, 1-based column) of ``needle`` in this entry's source lines; the first line if absent.

        With ``cursor`` (``[index into lines, offset]``, kept by the caller) the search starts
        there and the cursor moves past a match, so needles in text order are found in one pass.
        """
        row, offset = cursor if cursor else (0, 0)
        for index in range(row, len(self.lines)):
            number, text = self.lines[index]
            found = text.find(needle, offset if index == row else 0) if needle else -1
            if found >= 0:
                if cursor is not None:
                    cursor[:] = [index, found + 1]
                return number, found + 1
        return self.line, 1

    # -- predicates on the text, used by the rules ------------------------------------------------

    @property
    def plain(self) -> str:
        """The text the rules look at: cleaned and without the attribution when known."""
        if self.attribution is not None:
            return self.attribution.text
        self.settle()
        return strip_debris(TAGS_RE.sub("", self.text)).strip()

    @property
    def introduces_list(self) -> bool:
        plain = self.plain
        return plain.endswith(":") or plain.endswith(" -")

    @property
    def is_question(self) -> bool:
        """Ends with ``?`` (also inside a closing parenthesis); a trailing ``(?)`` is doubt, not a question."""
        plain = self.plain
        return not plain.endswith("(?)") and plain.rstrip(")").endswith("?")

    @property
    def speaker_led(self) -> bool:
        if self.attribution is not None:
            return self.attribution.label is not None
        return looks_like_attribution(self.plain)

    @property
    def replies_by_name(self) -> bool:
        """Attributed by first names (``(Ales)``, ``Mark:``) rather than handles (``(dceara)``).

        In these notes a new topic is introduced with the owner's handle, while the discussion
        under it names people by their first names.
        """
        label = self.attribution.label if self.attribution is not None else None
        if not label:
            return False
        names = [name for name in re.split(r"[()\[\]/,:&]|\band\b|\bin\b.*", label) if name.strip()]
        return bool(names) and all(name.strip()[:1].isupper() and "." not in name for name in names)

    @property
    def speaker_only(self) -> bool:
        if self.attribution is not None:
            return self.attribution.label is not None and not self.attribution.text
        plain = self.plain
        match = LEADING_GROUP_RE.match(plain)
        return match is not None and match.end() == len(plain) and looks_like_attribution(plain)


@dataclass(slots=True)
class _Node:
    entry: Entry
    depth: int
    nesting: Nesting
    children: list[_Node] = field(default_factory=list)
    reply: bool = False


ItemData = dict[str, object]
"""An item's fields, validated into an ``Item`` when its meeting is (one pydantic call per meeting)."""
ItemFactory = Callable[[Entry, str, Nesting, list[ItemData]], ItemData]


class _TreeBuilder:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []  # stack[d - 1] is the open node at depth d
        self.prev: _Node | None = None
        self.debris = False
        self.debris_depth = 0  # depth of the column-0 bullets of a page-break continuation

    def build(self) -> list[_Node]:
        for index, entry in enumerate(self.entries):
            if entry.kind == "section":
                self.stack, self.prev, self.debris = [], None, False
            elif entry.kind == "code":
                depth = self.prev.depth + 1 if self.prev else 1
                self.attach(_Node(entry, depth, Nesting.INFERRED), remember=False)
            else:
                depth, nesting = self.place(index, entry)
                reply = self.prev is not None and depth == self.prev.depth + 1 and self.is_reply(entry, self.prev)
                self.attach(_Node(entry, depth, nesting, reply=reply))
        return self.roots

    def attach(self, node: _Node, remember: bool = True) -> None:
        depth = min(node.depth, len(self.stack) + 1, MAX_DEPTH)
        node.depth = depth
        (self.stack[depth - 2].children if depth > 1 else self.roots).append(node)
        if remember:
            self.stack[depth - 1 :] = [node]
            self.prev = node

    def place(self, index: int, entry: Entry) -> tuple[int, Nesting]:
        prev = self.prev
        if entry.marker == "checkbox":
            return 1, Nesting.EXPLICIT
        if prev is None:
            self.debris = False
            explicit = entry.col == 0 and entry.marker in (None, "dot") and not entry.paragraph
            return 1, Nesting.EXPLICIT if explicit else Nesting.INFERRED
        if entry.paragraph:
            return prev.depth, Nesting.INFERRED
        if entry.col == 0 and entry.marker in (None, "dot"):
            if self.is_debris(index, entry, prev):
                if self.debris and prev.entry.col > entry.col:
                    return self.debris_depth, Nesting.INFERRED  # back from an indented line to the page's level
                self.debris = True
                self.debris_depth, nesting = self.bare(index, entry, prev)
                return self.debris_depth, nesting
            self.debris = False
            return 1, Nesting.EXPLICIT
        if entry.marker in GLYPH_LEVEL:
            return self.glyph(entry, prev)
        if entry.marker in ("roman", "arabic"):
            return self.numbered(entry, prev)
        return self.bare(index, entry, prev)

    def is_debris(self, index: int, entry: Entry, prev: _Node) -> bool:
        if prev.depth < 2 or not (entry.blank_before or self.debris):
            return False
        if entry.speaker_led and not (entry.replies_by_name and prev.entry.speaker_led):
            return False
        following = self.next_bullet(index)
        return not (following is not None and following.col > entry.col and following.marker == "o")

    def next_bullet(self, index: int) -> Entry | None:
        for entry in self.following(index):
            if entry.kind == "section":
                return None
            if entry.kind == "bullet":
                return entry
        return None

    def following(self, index: int) -> Iterator[Entry]:
        """The entries after ``index``, without copying the list (a slice per bullet would be quadratic)."""
        return (self.entries[i] for i in range(index + 1, len(self.entries)))

    @staticmethod
    def is_reply(entry: Entry, prev: _Node) -> bool:
        """An attributed line after a question, or any line after an attributed question."""
        return prev.entry.is_question and (entry.speaker_led or prev.entry.speaker_led)

    def wants_child(self, entry: Entry, prev: _Node) -> bool:
        before = prev.entry
        return entry.col > before.col or before.introduces_list or before.speaker_only or self.is_reply(entry, prev)

    def glyph(self, entry: Entry, prev: _Node) -> tuple[int, Nesting]:
        level = GLYPH_LEVEL[entry.marker or "dot"]
        home = {1: 1, 2: 2, 0: 3}[level]
        if self.wants_child(entry, prev) and (prev.depth + 1) % 3 == level and prev.depth + 1 != home:
            return prev.depth + 1, Nesting.INFERRED
        if home <= prev.depth + 1:
            return home, Nesting.EXPLICIT
        return prev.depth + 1, Nesting.INFERRED

    def numbered(self, entry: Entry, prev: _Node) -> tuple[int, Nesting]:
        if entry.number > 1:
            for node in reversed(self.stack):
                if node.entry.marker == entry.marker and node.entry.number == entry.number - 1:
                    return node.depth, Nesting.INFERRED
        return prev.depth + 1, Nesting.INFERRED

    def bare(self, index: int, entry: Entry, prev: _Node) -> tuple[int, Nesting]:
        before = prev.entry
        if entry.col > before.col:
            explicit = prev.depth == 1 and not self.debris
            return prev.depth + 1, Nesting.EXPLICIT if explicit else Nesting.INFERRED
        if self.wants_child(entry, prev):
            return prev.depth + 1, Nesting.INFERRED
        if entry.speaker_led and prev.reply and prev.depth > 2:
            return prev.depth - 1, Nesting.INFERRED  # the next turn after a reply: back to the question's level
        if before.marker in ("roman", "arabic"):
            if self.list_continues(index, before):
                return prev.depth + 1, Nesting.INFERRED
            return max(prev.depth - 1, 2 if entry.col > 0 else 1), Nesting.INFERRED
        return prev.depth, Nesting.INFERRED

    def list_continues(self, index: int, numbered: Entry) -> bool:
        for entry in self.following(index):
            if entry.kind == "section" or (entry.col == 0 and entry.marker is None and entry.speaker_led):
                return False
            if entry.marker == numbered.marker:
                return entry.number == numbered.number + 1
        return False


def build_tree(entries: list[Entry], meeting_id: str, factory: ItemFactory) -> list[ItemData]:
    """Place a meeting's entries in a tree and turn them into items with stable ids.

    Ids are ``<meeting id>/<section>/<position path>`` (``<meeting id>/<position path>`` for items
    outside any section), e.g. ``2023-11-27/notes/3.2``.
    """
    roots = _TreeBuilder(entries).build()
    counters: dict[Section | None, int] = {}
    items = []
    for node in roots:
        section = node.entry.section
        counters[section] = counters.get(section, 0) + 1
        prefix = f"{meeting_id}/{section.value}/" if section else f"{meeting_id}/"
        items.append(_to_item(node, f"{prefix}{counters[section]}", factory))
    return items


def _to_item(node: _Node, item_id: str, factory: ItemFactory) -> ItemData:
    children = [_to_item(child, f"{item_id}.{position}", factory) for position, child in enumerate(node.children, start=1)]
    return factory(node.entry, item_id, node.nesting, children)
