"""Rebuilding the item tree that the plain-text export flattened.

The export keeps only two indentation levels (``- `` at column 0, `` - `` indented) and, now and
then, the glyph the notes document drew for a level: ``o`` (also ``O``, ``0``, ``○``, ``◦``) for
levels 2, 5, 8 and ``■`` for levels 3, 6, 9 (documents cycle ●, ○, ■). Depth is rebuilt from
those anchors and from how meeting notes are written: a topic, the points made about it, the
people who make them. Words used below:

* a **turn** is an item that says who speaks and what: ``(Ales) why not VLANs?``, ``Mark: no``,
  ``[dceara] topic``, or reported speech such as ``Han mentioned multi-NIC support`` (a person
  the registry knows, then ``mentioned``, ``said``, ``asked``, ``proposed`` ...);
* a **promise** is an item that starts with people and ``will`` / ``to`` / ``is going to`` /
  ``plans to`` and a verb: ``Lorenzo to send v2``, ``Vladislav/Alexandra to share this info``;
* a **list head** is an item ending in ``:`` or `` -`` (``open items:``), one that names the list
  to come without a colon (``known features under development``: a plural list noun and words that
  only qualify it, ``vocabulary.lists``), or a **heading**: one
  word alone (``Context``, ``Goals``, ``ovn.org``; not an answer word) that is not itself one of
  the words of a list head's list;
* a **prompt** is a question nobody is named for (``Comments?``, ``any users left?``); a question
  among the points of a speaker group (rule 5) is that speaker's.

The rules, applied to each bullet against the item placed just before it (``prev``). Rules 4 to
11 place a bullet written at the column of ``prev``; the first that applies decides.

1. **Top level.** A ``- `` bullet at column 0 is depth 1 (``explicit``), except for
   page-break debris (rule 12). A top-level item is a topic, never a turn of rules 7 to 10.
2. **Indentation.** A bullet indented more than ``prev`` is its child (``explicit`` when ``prev``
   is a depth-1 item: there is only one deeper level to go to).
3. **Glyphs.** ``o`` means depth 2 and ``■`` depth 3 (``explicit``); if rule 4, 5 or 7 makes the
   bullet a child of ``prev`` and ``prev``'s depth + 1 has the same glyph (5, 8 for ``o``), that
   deeper level is used instead (``inferred``).
4. **List heads.** After a list head, a bullet is its child (``o Context:`` / ``today one northd
   per AZ``; ``Idea`` / ``one northd per shard``); so it is after an item that breaks off on a
   word no sentence ends with (``no major requests but`` / ``and`` / ``or`` / ``e.g.``), whose next
   bullets finish it.
5. **Speaker groups.** After an item that is only an attribution, e.g. ``o (Ales)``, a bullet is
   its child: the group holds that speaker's points. A turn by somebody else that does not answer
   (rule 7's answer words) ends the group: it is a sibling of the group's item (``o (Frode)`` /
   ``scale?`` / ``(Max) maybe we avoid ...``: Max speaks to the topic, not inside Frode's points).
6. **Leaving a list.** After the items of a list head whose first item names nobody, a turn, a
   promise, a question (when the list's items are not questions), or a heading followed by plain
   points (when the list's items are not single words) changes the kind of what is said: it
   answers the topic the list head belongs to and is a sibling of the list head (``open items:``
   / ``patch A`` / ``patch B`` / ``(Ilya) both need a rebase``; ``Context:`` / ``...`` / ``Idea``).
   A list head at depth 1 is left only by column 0.
7. **Replies.** A reply is a child of what it answers: a turn right after a question, any bullet
   right after a turn's question (``(Ales) How ...?``), a turn that starts with an answer word
   (``yes``, ``no``, ``agreed`` ...) right after somebody else's turn, and a ``Name:`` turn right
   after a ``(Name)`` turn of somebody else (``(Dumitru) it is a bad name`` / ``Mark: maybe``).
   A turn answering a question that ends a speaker's own points (``(dceara) NVIDIA reported a
   breakage`` / ``what are the next steps?`` / ``(numans) a multinode test``) answers that
   speaker: a sibling of the question. A turn beside a reply is one more reply to the same item.
8. **After a reply.** A question after a reply to a question is the next question (a sibling of
   the one answered: ``how?`` / ``(Frode) by priority`` / ``why?``). A turn, or a promise by
   somebody else, is the next turn: back at the level of what was answered; except that after the
   answer to a prompt it is another answer (a sibling of the reply: ``Comments?`` / ``(Frode)
   ...`` / ``(Ales) ...``), and that the asker speaking again, not with a new question, goes on
   with the same exchange (``(Felix) can we ...?`` / ``(Ales) bureaucracy`` / ``(Felix) will
   check ...``).
9. **A turn's points.** After a turn, a bullet that names nobody is a point of that turn: its
   child (``(Numan) no, the limit is only checked ...`` / ``a full recompute rebuilds ...``), and
   so is a promise by the turn's own speaker (``(Tiago) we want to test it`` / ``Tiago will share
   the topology``). A promise by somebody else is not: it is a sibling of the turn (``(Ilya) mind
   the OVS side`` / ``Lorenzo to send v2``). Reported speech within somebody's turn is part of
   their account, not a turn of its own.
10. **The next turn.** After a turn's points, a turn or a promise is a sibling of that turn, not
    one more of its points (``(Lorenzo) IPsec offload`` / ``needs kernel 6.8`` / ``(Xavier)
    restart time``); after a reply's points, it is placed as after the reply (rule 8).
11. **Numbered and parallel items** (``i.``, ``ii.``, ``1.``): the first of a list is a child of
    ``prev``; the next ones are siblings of the previous number. Bullets between two numbers are
    children of the earlier number; a bullet after the last number leaves the list (a sibling of
    the list's parent). Alike, an item labelled as the next of an open item's alternatives is its
    sibling (``proposal1: ...`` / ``(Ilya) ...`` / ``proposal2: ...``; also ``Option B:``).
12. **Page-break debris.** At a page break (and after a pasted code block) the export restarts
    the list at column 0. A column-0 bullet right after a blank line, when ``prev`` is deeper than
    1, continues the deeper list, unless it is a turn naming its speaker by handle (new topics
    name their owner by handle, ``(dceara)``; a discussion names people by first name, ``(Ales)``,
    ``Mark:``) or the plain points indented under it include an ``o`` (a depth-2 item: it is a
    depth-1 parent). Its level is what rules 4 to 11 give it against ``prev``; the column-0 bullets
    that follow stay at that level until one of those conditions fails, one leaves a list of plain
    points (rule 6: the list head's level from then on), or a turn by first name
    comes right after a plain bullet at that level (``- b`` / ``- (Alexandra) load balancers``:
    a new topic of somebody the notes name by first name).
13. Otherwise a bullet is a sibling of ``prev`` (``inferred``). A paragraph line without a bullet
    after a blank line continues the item before it as its child (the export broke the item at a
    line break: ``Register for the conference: ...`` / ``Dec 6-7 ...``), unless it is a turn,
    which lost its bullet and is placed as a column-0 bullet; a code block is a child of ``prev``;
    checkbox lines of an ``Action items`` section are depth 1 (``explicit``).

After a section heading the tree starts again at depth 1. No item goes deeper than ``MAX_DEPTH``
(real notes use at most 9 levels): a deeper one becomes a sibling at that depth, so hostile input
cannot make trees too deep to serialise or walk recursively.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from ..model import Nesting, Person, Section
from ..vocabulary.lists import names_list
from ..vocabulary.promises import (
    PROMISE_VERBS_PATTERN,
    REPORTED_PATTERN,
    may_report_speech,
    may_start_promise,
)
from .assembler import Entry
from .inline import strip_debris
from .speakers import LEADING_GROUP_RE, looks_like_attribution

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
GLYPH_LEVEL = {"dot": 1, "o": 2, "square": 0}  # depth modulo 3
MARKER_RE = re.compile(
    r"^(?:(?P<o>[oO0○◦])(?=\s|$)|(?P<square>\*\*■\*\*|[■▪])|(?P<dot>[●•])(?=\s|$)|"
    r"(?P<roman>i{1,3}|iv|vi{0,3}|ix|x)\.(?=\s)|(?P<arabic>\d{1,2})\.(?=\s))\s*"
)
MARKER_FIRST = frozenset("oO○◦*■▪●•ivx")
"""Characters a ``MARKER_RE`` match can start with, besides digits (its fast test)."""
TAGS_RE = re.compile(r"</?u>")
DANGLING_ENDS = ("but", "and", "or", "because", "e.g.", "i.e.", "such as", "like", "including")
"""Words an item breaks off on when its next bullets finish the sentence (rule 4)."""
DANGLING_RE = re.compile(
    rf"(?:^|\s)(?:{'|'.join(re.escape(end).replace(chr(92) + ' ', ' ') for end in DANGLING_ENDS)})$",
    re.IGNORECASE,
)
DANGLING_LAST = frozenset(end.rsplit(" ", 1)[-1] for end in DANGLING_ENDS if end[-1].isalpha())
"""The last words of ``DANGLING_ENDS`` that end in a letter (casefolded), for a quick test (the
others end in ``.``, tested apart)."""


def may_dangle(plain: str) -> bool:
    """``DANGLING_RE``'s fast test on clean text (single spaces): it ends in a letter, and its last
    word is one of ``DANGLING_LAST`` (or not ASCII: a case-blind expression folds ``ı`` to ``i``)."""
    if not plain[-1:].isalpha():
        return False
    word = plain[-12:].rsplit(" ", 1)[-1]
    return word.casefold() in DANGLING_LAST or not word.isascii()


LABEL_RE = re.compile(r"^(?!https?:|www\.)[^\W\d][\w.\-/&+]*(?<![.?!,;:])$")
"""One word that starts with a letter and does not end a sentence (rule 4's headings)."""
STEM_RE = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z\-]{1,24}) ?(?:\d{1,3}|[A-Z]|#\d{1,3}):\s")
"""A leading label that numbers or letters an alternative (``proposal1:``, ``Option B:``), by its stem."""
ANSWER_RE = re.compile(
    r"^(?:yes|yeah|yep|no|nope|agreed|agree|right|correct|exactly|indeed|sure|\+1)\b", re.IGNORECASE
)
"""Words a reply starts with (rule 7)."""
_NAME = r"[A-Z@][\w.\-@]*"
PROMISE_START_RE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s*/\s*{_NAME})*)\s+(?:{PROMISE_VERBS_PATTERN})\s+[a-z]"
)
"""People, then ``will`` / ``to`` / ... and a verb, at the start of an item: a promise."""
REPORTED_RE = re.compile(rf"^(?P<name>{_NAME})\s+(?:{REPORTED_PATTERN})\b")
"""A person the notes report speaking: ``Han mentioned multi-NIC support`` is Han's turn (its
fast test: the word after the name is one of ``REPORTED_VERBS``)."""

MAX_DEPTH = 64
"""Deepest item level kept."""

Marker = Literal["o", "square", "dot", "roman", "arabic", "checkbox"] | None


@dataclass(slots=True)
class TextEntry(Entry):
    """An entry of the text export, with what the rules look at: its bullet glyph or number, how
    it was written (a paragraph line, after a blank line), who it promises or reports speaking."""

    marker: Marker = None
    number: int = 0
    paragraph: bool = False
    blank_before: bool = False
    promisers: tuple[str, ...] = ()
    """Who an item starting with a promise names (person ids; every name must be a person)."""
    reporter: tuple[str, ...] = ()
    """Who an item of reported speech names (``Han mentioned ...``): person ids."""

    def find_people(self, resolve: Callable[[str], Person | None]) -> None:
        """Find the promise or reported speech an item starts with (rules 8 to 10), resolving names with ``resolve``."""
        if self.kind != "bullet" or (self.attribution is not None and self.attribution.label is not None):
            return
        plain = self.plain
        first = plain[:1]
        if not (first.isupper() or first == "@"):
            return
        match = PROMISE_START_RE.match(plain) if may_start_promise(plain) else None
        if match is not None:
            names = [name.strip() for name in match.group("names").split("/") if name.strip()]
            people = [resolve(name) for name in names]
            if all(person is not None for person in people):  # "Support to learn ..." promises nothing
                self.promisers = tuple(person.id for person in people if person is not None)
                return
        reported = REPORTED_RE.match(plain) if may_report_speech(plain) else None
        if reported is not None:
            person = resolve(reported.group("name"))
            if person is not None:
                self.reporter = (person.id,)

    @classmethod
    def from_bullet(
        cls, number: int, line: str, col: int, rest: str, section: Section | None, blank_before: bool
    ) -> TextEntry:
        marker: Marker = None
        value = 0
        first = rest[:1]
        match = MARKER_RE.match(rest) if first in MARKER_FIRST or first.isdigit() else None
        if match:
            kind = match.lastgroup
            marker = kind  # type: ignore[assignment]
            if kind == "roman":
                value = ROMAN[match.group("roman")]
            elif kind == "arabic":
                value = int(match.group("arabic"))
            rest = rest[match.end() :]
        return cls(
            line=number,
            kind="bullet",
            text=rest.strip(),
            section=section,
            lines=[(number, line)],
            col=col,
            marker=marker,
            number=value,
            blank_before=blank_before,
        )

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
        """A list head (``open items:``) or an item broken off on a word like ``but`` (rule 4)."""
        return self.list_head or self.dangling

    @property
    def list_head(self) -> bool:
        plain = self.plain
        return plain.endswith((":", " -")) or (not self.speaker_led and names_list(plain))

    @property
    def label(self) -> bool:
        """One word alone, naming what comes next (``Context``, ``Goals``, ``ovn.org``): a heading."""
        if self.speaker_led or self.marker in ("roman", "arabic", "checkbox"):
            return False
        plain = self.plain
        if " " in plain or not 2 <= len(plain) <= 40:
            return False
        return LABEL_RE.match(plain) is not None and ANSWER_RE.match(plain) is None

    @property
    def dangling(self) -> bool:
        plain = self.plain
        last = plain[-1:]
        if last == ".":
            return plain.endswith(("e.g.", "i.e."))
        return may_dangle(plain) and DANGLING_RE.search(plain[-12:]) is not None

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
    def turn(self) -> bool:
        """Says who speaks and what (an attribution with text, or reported speech)."""
        if self.attribution is not None and self.attribution.label is not None:
            return bool(self.attribution.text)
        return bool(self.reporter) or (
            self.attribution is None and looks_like_attribution(self.plain) and not self.speaker_only
        )

    @property
    def people(self) -> frozenset[str]:
        """Who the item names as speaking or promising (ids, or unknown names casefolded)."""
        attribution = self.attribution
        if attribution is not None and attribution.label is not None:
            return frozenset([*attribution.speakers, *(name.casefold() for name in attribution.unresolved)])
        return frozenset(self.reporter or self.promisers)

    @property
    def answers(self) -> bool:
        """A turn that starts with an answer word (``(Ales) yes, ...``)."""
        return self.speaker_led and ANSWER_RE.match(self.plain) is not None

    @property
    def name_colon(self) -> bool:
        """Attributed as ``Mark:`` rather than ``(Mark)``."""
        label = self.attribution.label if self.attribution is not None else None
        return (
            label is not None
            and label.endswith(":")
            and label[:1] not in "(["
            and label.rstrip(":")[-1:] not in ")]"
        )

    @property
    def speaker_only(self) -> bool:
        if self.attribution is not None:
            return self.attribution.label is not None and not self.attribution.text
        plain = self.plain
        match = LEADING_GROUP_RE.match(plain)
        return match is not None and match.end() == len(plain) and looks_like_attribution(plain)


@dataclass(slots=True)
class _Node:
    entry: TextEntry
    depth: int
    nesting: Nesting
    children: list[_Node] = field(default_factory=list)
    reply: bool = False
    stems: set[str] | None = None
    """Label stems of the children (``proposal`` for ``proposal1: ...``), for rule 11."""


class _TreeBuilder:
    def __init__(self, entries: list[TextEntry]) -> None:
        self.entries = entries
        self.top = _Node(TextEntry(line=0, kind="section", text="", section=None), 0, Nesting.INFERRED)
        self.roots: list[_Node] = self.top.children
        self.stack: list[_Node] = []  # stack[d - 1] is the open node at depth d
        self.prev: _Node | None = None
        self.debris = False
        self.debris_depth = 0  # depth of the column-0 bullets of a page-break continuation
        self.index = 0  # the entry being placed

    def build(self) -> list[_Node]:
        for index, entry in enumerate(self.entries):
            self.index = index
            if entry.kind == "section":
                self.stack, self.prev, self.debris = [], None, False
                self.top.stems = None
            elif entry.kind == "code":
                depth = self.prev.depth + 1 if self.prev else 1
                self.attach(_Node(entry, depth, Nesting.INFERRED), remember=False)
            else:
                depth, nesting = self.place(index, entry)
                prev = self.prev
                # a reply answers ``prev``; a turn beside a reply is one more reply to the same item
                reply = prev is not None and (
                    (depth == prev.depth + 1 and self.replies(entry, prev))
                    or (depth == prev.depth and prev.reply and entry.speaker_led)
                )
                self.attach(_Node(entry, depth, nesting, reply=reply))
        return self.roots

    def attach(self, node: _Node, remember: bool = True) -> None:
        depth = min(node.depth, len(self.stack) + 1, MAX_DEPTH)
        node.depth = depth
        holder = self.stack[depth - 2] if depth > 1 else self.top
        holder.children.append(node)
        stem = stem_of(node.entry)
        if stem is not None:
            holder.stems = (holder.stems or set()) | {stem}
        if remember:
            self.stack[depth - 1 :] = [node]
            self.prev = node

    def parent(self, node: _Node) -> _Node | None:
        """The open parent of ``node`` (``node`` must be on the stack)."""
        return self.stack[node.depth - 2] if node.depth > 1 else None

    def ancestors(self, node: _Node) -> list[_Node]:
        """The open ancestors of ``node``, nearest first."""
        return self.stack[: node.depth - 1][::-1]

    def place(self, index: int, entry: TextEntry) -> tuple[int, Nesting]:
        prev = self.prev
        if entry.marker == "checkbox":
            return 1, Nesting.EXPLICIT
        if prev is None:
            self.debris = False
            explicit = entry.col == 0 and entry.marker in (None, "dot") and not entry.paragraph
            return 1, Nesting.EXPLICIT if explicit else Nesting.INFERRED
        if entry.paragraph and not (
            entry.blank_before and entry.speaker_led
        ):  # rule 13; a turn is placed as a column-0 bullet
            return (prev.depth + 1 if entry.blank_before else prev.depth), Nesting.INFERRED
        if entry.col == 0 and entry.marker in (None, "dot"):
            if self.is_debris(index, entry, prev):
                if self.debris:
                    # another bullet at the page's level, unless it leaves the list it is in (rule 6)
                    left = self.leaves_list(entry, prev)
                    if left is not None and self.of_plain_points(prev, left):
                        self.debris_depth = max(1, left)
                    return self.debris_depth, Nesting.INFERRED
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

    def is_debris(self, index: int, entry: TextEntry, prev: _Node) -> bool:
        if prev.depth < 2 or not (entry.blank_before or self.debris):
            return False
        if entry.speaker_led:
            if not entry.replies_by_name:
                return False  # a new topic names its owner by handle
            if not (entry.blank_before or prev.entry.speaker_led or prev.entry.col > entry.col):
                return False  # after a plain bullet at the page's level: a new topic, named by first name
        return not self.heads_o_run(index, entry)

    def of_plain_points(self, prev: _Node, depth: int) -> bool:
        """Whether the list whose head is ``prev``'s ancestor at ``depth`` holds plain points only
        (no turn, no code): a list of things, which a turn or a promise leaves (rule 12)."""
        head = next((node for node in self.ancestors(prev) if node.depth == depth), None)
        return head is not None and all(
            child.entry.kind == "bullet" and not child.entry.speaker_led for child in head.children
        )

    def heads_o_run(self, index: int, entry: TextEntry) -> bool:
        """True when the plain points indented right after ``entry`` include an ``o``: a depth-2
        item among siblings, so ``entry`` is at depth 1. Once a turn or a number comes, replies
        and lists may nest deeper, and a glyph no longer tells the run's level."""
        for following in self.following(index):
            if following.kind == "section" or (following.kind == "bullet" and following.col <= entry.col):
                return False
            if following.kind != "bullet":
                continue
            if following.marker == "o":
                return True
            if following.speaker_led or following.marker in ("roman", "arabic", "square"):
                return False
        return False

    def following(self, index: int) -> Iterator[TextEntry]:
        """The entries after ``index``, without copying the list (a slice per bullet would be quadratic)."""
        return (self.entries[i] for i in range(index + 1, len(self.entries)))

    @staticmethod
    def is_reply(entry: TextEntry, prev: _Node) -> bool:
        """An attributed line after a question, or any line after an attributed question (rule 7)."""
        return prev.entry.is_question and (entry.speaker_led or prev.entry.speaker_led)

    @staticmethod
    def answers_turn(entry: TextEntry, prev: _Node) -> bool:
        """A turn answering somebody else's turn: an answer word, or ``Mark:`` after ``(Dumitru)`` (rule 7)."""
        before = prev.entry
        if (
            not (entry.speaker_led and prev.depth >= 2 and before.turn and before.speaker_led)
            or entry.people & before.people
        ):
            return False
        return entry.answers or (entry.name_colon and not before.name_colon)

    def replies(self, entry: TextEntry, prev: _Node) -> bool:
        return self.is_reply(entry, prev) or self.answers_turn(entry, prev)

    def wants_child(self, entry: TextEntry, prev: _Node) -> bool:
        before = prev.entry
        return (
            entry.col > before.col
            or before.introduces_list
            or before.speaker_only
            or self.is_reply(entry, prev)
        )

    def glyph(self, entry: TextEntry, prev: _Node) -> tuple[int, Nesting]:
        level = GLYPH_LEVEL[entry.marker or "dot"]
        home = {1: 1, 2: 2, 0: 3}[level]
        if self.wants_child(entry, prev) and (prev.depth + 1) % 3 == level and prev.depth + 1 != home:
            return prev.depth + 1, Nesting.INFERRED
        if home <= prev.depth + 1:
            return home, Nesting.EXPLICIT
        return prev.depth + 1, Nesting.INFERRED

    def numbered(self, entry: TextEntry, prev: _Node) -> tuple[int, Nesting]:
        if entry.number > 1:
            for node in reversed(self.stack):
                if node.entry.marker == entry.marker and node.entry.number == entry.number - 1:
                    return node.depth, Nesting.INFERRED
        return prev.depth + 1, Nesting.INFERRED

    def bare(self, index: int, entry: TextEntry, prev: _Node) -> tuple[int, Nesting]:
        """A bullet with no glyph or number, at the column of ``prev`` (or starting a page's continuation)."""
        before = prev.entry
        if entry.col > before.col:
            explicit = prev.depth == 1 and not self.debris
            return prev.depth + 1, Nesting.EXPLICIT if explicit else Nesting.INFERRED
        if before.introduces_list or before.speaker_only or (before.label and self.heads_list(prev)):
            return prev.depth + 1, Nesting.INFERRED  # rules 4 and 5
        if before.marker in ("roman", "arabic") and not self.is_reply(entry, prev):
            if self.list_continues(index, before):
                return prev.depth + 1, Nesting.INFERRED  # rule 11: between two numbers
            return max(prev.depth - 1, 2 if entry.col > 0 else 1), Nesting.INFERRED
        if (
            entry.speaker_led
            or entry.promisers
            or prev.reply
            or before.turn
            or entry.is_question
            or entry.label
            or stem_of(entry)
        ):
            return self.discussion(entry, prev)
        return prev.depth, Nesting.INFERRED  # a plain point after a plain point: rules 5 to 11 say nothing

    def discussion(self, entry: TextEntry, prev: _Node) -> tuple[int, Nesting]:
        """Rules 5 to 11 for a bullet at the column of ``prev`` (after the numbered-list check)."""
        for rule in (
            self.parallel,
            self.ends_group,
            self.reply,
            self.leaves_list,
            self.after_reply,
            self.turn_point,
            self.next_turn,
        ):
            depth = rule(entry, prev)
            if depth is not None:
                return max(1, depth), Nesting.INFERRED
        return prev.depth, Nesting.INFERRED

    def points_follow(self, entry: TextEntry) -> bool:
        """True when the next bullet after the one being placed is a plain point at its column (a heading's first point)."""
        following = self.next_bullet(self.index)
        return (
            following is not None
            and following.col >= entry.col
            and following.marker is None
            and not following.speaker_led
            and not following.label
        )

    def next_bullet(self, index: int) -> TextEntry | None:
        for entry in self.following(index):
            if entry.kind == "section":
                return None
            if entry.kind == "bullet":
                return entry
        return None

    def heads_list(self, node: _Node) -> bool:
        """A list head: ``...:``, `` -``, or a one-word heading that is not itself an item of a list head's list."""
        if node.entry.list_head:
            return True
        if not node.entry.label or node.depth < 2:
            return False
        parent = self.parent(node)
        return parent is None or not (parent.entry.list_head or (parent.entry.label and parent.depth >= 2))

    def is_turn(self, node: _Node | None) -> bool:
        """A turn in a discussion: a top-level item is a topic, whoever brings it, and reported
        speech within somebody's turn is part of their account."""
        if node is None or node.depth < 2 or not node.entry.turn:
            return False
        return not (node.entry.reporter and self.is_turn(self.parent(node)))

    # -- rules 5 to 11 for a bullet at the column of ``prev``: a depth, or None when the rule says nothing

    def parallel(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 11: ``proposal2: ...`` is a sibling of the open item ``proposal1: ...`` (or its neighbours)."""
        stem = stem_of(entry)
        if stem is None:
            return None
        for node in [prev, *self.ancestors(prev)]:
            holder = self.parent(node) or self.top
            if holder.stems and stem in holder.stems:
                return node.depth
        return None

    def ends_group(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 5: a turn by somebody else ends a speaker group's points."""
        if not entry.speaker_led or entry.answers or prev.reply:
            return None  # an answer, or the next turn after one (rule 8)
        group = next((node for node in self.ancestors(prev) if node.entry.speaker_only), None)
        if group is None or entry.people & group.entry.people:
            return None
        return group.depth

    def reply(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 7: a reply is a child of what it answers, except when it answers a speaker's own closing question."""
        if self.answers_turn(entry, prev):
            return prev.depth + 1
        if not self.is_reply(entry, prev):
            return None
        owner = self.parent(prev)
        if entry.speaker_led and not prev.entry.speaker_led and self.is_turn(owner) and not prev.reply:
            return prev.depth  # the question ends the owner's points: the reply answers the owner
        return prev.depth + 1

    def leaves_list(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 6: a turn, a promise or a question after a list of another kind answers the list's topic."""
        question = entry.is_question and not entry.speaker_led
        if not (entry.speaker_led or entry.promisers or question or entry.label):
            return None
        for node in self.ancestors(prev):
            if self.heads_list(node):
                first = node.children[0].entry if node.children else None
                if (
                    first is None
                    or first.speaker_led
                    or (question and not entry.promisers and first.is_question)
                ):
                    return None
                if (
                    entry.label
                    and not (entry.speaker_led or entry.promisers or question)
                    and (first.label or not self.points_follow(entry))
                ):
                    return None  # a word among the list's words, not the next heading
                if node.depth == 1 and entry.col > 0:
                    return None
                return node.depth
        return None

    def after_reply(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 8: what comes after a reply."""
        answered = self.parent(prev) if prev.reply else None
        if answered is None:
            return None
        if entry.is_question and not entry.speaker_led and answered.entry.is_question:
            return answered.depth  # the next question
        if not (entry.speaker_led or (entry.promisers and not entry.people & prev.entry.people)):
            return None
        asker = self.speakers(answered)
        if entry.speaker_led and entry.people and asker and entry.people <= asker and not entry.is_question:
            return prev.depth  # the asker goes on with the exchange
        if answered.entry.is_question and not asker:
            return prev.depth  # another answer to a prompt
        return answered.depth if prev.depth > 2 else None

    def speakers(self, node: _Node) -> frozenset[str]:
        """Who speaks in ``node``: its attribution, else the speaker group it is a point of."""
        if node.entry.speaker_led:
            return node.entry.people
        group = next((above for above in self.ancestors(node) if above.entry.speaker_only), None)
        return group.entry.people if group is not None else frozenset()

    def turn_point(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 9: a bullet naming nobody after a turn is one of its points (a promise only by the same speaker)."""
        before = prev.entry
        if not self.is_turn(prev) or entry.speaker_led:
            return None
        if entry.promisers and not entry.people <= before.people:
            return prev.depth  # somebody else's promise
        return prev.depth + 1

    def next_turn(self, entry: TextEntry, prev: _Node) -> int | None:
        """Rule 10: a turn or a promise after a turn's points is a sibling of that turn (after a reply's points: rule 8)."""
        owner = self.parent(prev)
        if owner is None or not self.is_turn(owner) or prev.entry.speaker_led or prev.reply:
            return None
        if not (entry.speaker_led or entry.promisers):
            return None
        if owner.reply:  # after a reply's points: as after the reply (rule 8), else beside it
            placed = self.after_reply(entry, owner)
            return placed if placed is not None else owner.depth
        return owner.depth

    def list_continues(self, index: int, numbered: TextEntry) -> bool:
        for entry in self.following(index):
            if entry.kind == "section" or (entry.col == 0 and entry.marker is None and entry.speaker_led):
                return False
            if entry.marker == numbered.marker:
                return entry.number == numbered.number + 1
        return False


def stem_of(entry: TextEntry) -> str | None:
    """The stem of a leading ``proposal1:`` / ``Option B:`` label, casefolded."""
    if entry.kind != "bullet":
        return None
    plain = entry.plain
    if ":" not in plain[:32] or entry.speaker_led:
        return None
    match = STEM_RE.match(plain)
    return match.group("stem").casefold() if match is not None else None


def place(entries: list[Entry], resolve: Callable[[str], Person | None]) -> list[_Node]:
    """Place a meeting's entries (the text reader's: ``TextEntry`` bullets) in a tree by the rules
    above; ``resolve`` finds the people that promises and reported speech name."""
    text_entries = cast(list[TextEntry], entries)
    for entry in text_entries:
        if entry.kind == "bullet":
            entry.find_people(resolve)
    return _TreeBuilder(text_entries).build()
