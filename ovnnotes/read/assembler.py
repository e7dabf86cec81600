"""The meeting assembler: the one core both readers feed.

A front end (the text export's ``read.text``, Markdown's ``read.markdown``) reads its syntax and
hands over what it found, each with its source position: a meeting heading
(``start_meeting``), a line that may be metadata or a section heading (``take_metadata``,
``take_section``, given as a ``LineText``), and the meeting's items as ``Entry`` objects (bullets
with their depth evidence, code blocks, tables, HTML). The assembler reads metadata and section
labels, keeps the meetings, reports diagnostics, and finishes each meeting: it cleans and
attributes the items, lets the front end place them in a tree (``Place``), numbers them (ids
``<meeting>/<section>/<position path>``), builds the model's items (one builder for every kind)
and resolves the attendees.

Columns: a front end may hand over text that is not the source line as written (Markdown gives
a line's inline text without its markup); its ``LineText`` says where each character of that text
is in the source line, so every diagnostic names the source column when it is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .. import progress
from ..checks.rules import diagnostic
from ..model import (
    Checkbox,
    Diagnostic,
    Item,
    Meeting,
    MetadataLabel,
    Nesting,
    Section,
    SectionMark,
    Source,
    SourceRef,
)
from ..vocabulary.characters import bidi_control
from ..vocabulary.labels import (
    EMBEDDED_LABEL_RE,
    METADATA_LINES,
    METADATA_RE,
    SECTION_BY_WORDS,
    SECTION_RE,
    TRAILING_SECTION_RE,
    is_section,
    label_name,
    may_hold_metadata,
    may_name_section,
)
from . import inline
from .headings import BULLET_RE
from .inline import InlineText
from .people import Registry, ambiguous_hint, first_name_hint
from .speakers import Attribution, attribute

STRAY_HINT = "Delete the stray characters."
_CHECKED = {Checkbox.OPEN: False, Checkbox.DONE: True, Checkbox.UNKNOWN: None}

ItemData = dict[str, object]
"""An item's fields, validated into an ``Item`` when its meeting is (one pydantic call per meeting)."""


@dataclass(slots=True)
class LineText:
    """A line's text as a front end hands it over, and where its characters are in the source line.

    ``source`` is the source line when ``text`` is not a slice of it (Markdown's inline text):
    a character is then found by searching the text around it in the source line. Otherwise
    ``text`` starts ``shift`` characters into the source line.
    """

    text: str
    source: str | None = None
    shift: int = 0

    def column(self, offset: int) -> int:
        """The 1-based source column of ``text[offset]``."""
        if self.source is None:
            return offset + 1 + self.shift
        needle = self.text[offset : offset + 12].strip()
        index = self.source.find(needle) if needle else -1
        return index + 1 if index >= 0 else offset + 1


@dataclass(slots=True)
class Entry:
    """One element of a meeting as a front end found it, before it is placed in the tree.

    ``kind`` ``bullet`` (a list item or a line of text), ``code`` (its ``text`` is the block's
    content), ``table`` or ``html`` (``text`` as written), ``section`` (a section heading: the
    tree starts again after it). ``lines`` are the source lines (number, text) the item's ``raw``
    is made of. ``children`` and ``nesting`` are the tree when the source gives it (Markdown);
    ``links`` are links the front end read that the text does not show (``[text](url)``);
    ``escaped``: the text uses Markdown's backslash escapes.
    """

    line: int
    kind: Literal["bullet", "code", "table", "html", "section"]
    text: str
    section: Section | None
    lines: list[tuple[int, str]] = field(default_factory=list)
    col: int = 0
    checkbox: Checkbox | None = None
    cleaned: InlineText | None = None
    attribution: Attribution | None = None
    more: list[str] | None = field(default=None, repr=False)
    """Continuation texts not yet joined to ``text`` (see ``settle``)."""
    children: list[Entry] | None = None
    nesting: Nesting = Nesting.EXPLICIT
    links: list[tuple[str, str]] | None = None
    escaped: bool = False

    def extra_fields(self) -> dict[str, object] | None:
        """Item fields only the front end knows (Markdown's ``markdown``, ``number``, ``quoted``, ``heading``)."""
        return None

    def continue_with(self, number: int, line: str, text: str | None = None) -> None:
        """Append a continuation line (its ``text``, default the line stripped); ``settle`` joins the texts (once: linear)."""
        self.lines.append((number, line))
        if self.more is None:
            self.more = []
        self.more.append(line.strip() if text is None else text)

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


class Placed(Protocol):
    """An entry placed in the tree, with its children (what a ``Place`` returns)."""

    @property
    def entry(self) -> Entry: ...

    @property
    def nesting(self) -> Nesting: ...

    @property
    def children(self) -> Sequence[Placed]: ...


Place = Callable[[list[Entry]], Sequence[Placed]]
"""How a front end places a meeting's entries (section entries included) in a tree: the text
export's nesting rules (``tree.place``), or the tree Markdown wrote (``given_tree``)."""


@dataclass(slots=True)
class Node:
    entry: Entry
    nesting: Nesting
    children: list[Node] = field(default_factory=list)


def given_tree(entries: list[Entry]) -> list[Node]:
    """The tree the source wrote: each entry's ``children`` and ``nesting`` (section entries left out)."""

    return [_given_node(entry) for entry in entries if entry.kind != "section"]


def _given_node(entry: Entry) -> Node:
    return Node(entry, entry.nesting, [_given_node(child) for child in entry.children or ()])


@dataclass
class ParseResult:
    """What a reader returns: the meetings of one input and what was noticed."""

    source: Source
    meetings: list[Meeting]
    diagnostics: list[Diagnostic]


@dataclass
class MeetingDraft:
    """A meeting being read: what its heading and metadata said, its entries so far."""

    heading_line: int
    date: dt.date
    title: str
    end_line: int
    attendees_text: list[tuple[int, LineText, int, str]] = field(default_factory=list)
    """(line, the line's text, offset of the value in it, the value): attendee lists to resolve."""
    recording_urls: list[str] = field(default_factory=list)
    transcript_urls: list[str] = field(default_factory=list)
    metadata_lines: list[int] = field(default_factory=list)
    metadata_labels: list[MetadataLabel] = field(default_factory=list)
    metadata_notes: list[tuple[str, str, int]] = field(default_factory=list)
    """(label, text, line): a label with no value (text ``""``) or text that is not a link."""
    sections: list[SectionMark] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


_LONGEST_SECTION = max(map(len, SECTION_BY_WORDS))


def trailing_sections(value: str) -> tuple[int, list[str]]:
    """Where a metadata value ends before the section words ending it (``https://... Agenda Notes``),
    and those words, in order. Each is looked for in the few characters before the one after it,
    so a value of thousands of them is read in linear time."""
    end = len(value)
    names: list[str] = []
    while True:
        while end and value[end - 1].isspace():
            end -= 1
        match = TRAILING_SECTION_RE.search(value, max(0, end - _LONGEST_SECTION), end)
        if match is None:
            return end, names[::-1]
        names.append(label_name(match.group(1)))
        end = match.start()


def holds_label(note: str) -> bool:
    """Whether a metadata note would be read as holding a label, written after its own label."""
    return EMBEDDED_LABEL_RE.search(note) is not None or bool(trailing_sections(note)[1])


def _finished(meeting: MeetingDraft, number: int, text: str) -> None:
    raise RuntimeError("the assembler has made its result: it reads no more lines")


class Assembler:
    """Meetings, ids and diagnostics from what a front end reads (see the module docstring).

    ``place`` puts a meeting's entries in a tree; ``text_line`` adds the text that follows a
    section label on a metadata line (``Transcripts: Notes: first note``) as the front end adds
    a line of text; with ``stream`` each meeting is finished as soon as the next one starts (its
    entries freed: memory holds the items, not the items and all the entries).
    """

    def __init__(
        self,
        path: str,
        registry: Registry,
        place: Place,
        text_line: Callable[[MeetingDraft, int, str], None],
        stream: bool = False,
    ) -> None:
        self.path = path
        self.registry = registry
        self.place = place
        self.text_line = text_line
        self.stream = stream
        self.diagnostics: list[Diagnostic] = []
        self.meetings: list[MeetingDraft] = []
        self.finished: list[Meeting] = []  # meetings done, in the order of ``meetings``
        self.section: Section | None = None
        self.metadata_open: str | None = None  # label whose value may continue on the next line
        self.labels: dict[str, str] = {}
        self.speaker_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    @property
    def meeting(self) -> MeetingDraft | None:
        """The meeting being read, if any."""
        return self.meetings[-1] if self.meetings else None

    # -- diagnostics ---------------------------------------------------------------------------

    def report(self, code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(diagnostic(code, self.path, line, column, message, hint))

    def report_characters(self, number: int, line: str, had_control: bool) -> None:
        """ONI004 for a control character removed from a line; ONI005 for a bidirectional control
        in it, which is kept: it may be meant, but it can disguise text."""
        if had_control:
            self.report("ONI004", number, 1, "a control character was removed from this line")
        found = bidi_control(line)
        if found is not None:
            column, name = found
            self.report(
                "ONI005",
                number,
                column,
                f"this line holds an invisible bidirectional control ({name}), which can make text look like other text; it was kept",
            )

    # -- meetings, metadata, sections ------------------------------------------------------------

    def start_meeting(self, number: int, date: dt.date, title: str) -> None:
        progress.advance("meetings")
        if self.stream and len(self.finished) < len(self.meetings):
            self.finished.append(self.finish_meeting(self.meetings[-1]))
        self.meetings.append(MeetingDraft(heading_line=number, date=date, title=title, end_line=number))
        self.section = None
        self.metadata_open = None

    def take_metadata(self, meeting: MeetingDraft, number: int, line: LineText) -> bool:
        """Read ``line`` as a metadata line (``Attendees: ...``), or as the value of the label the
        line before left open (``Attendees:`` alone, then the names: the text export's damaged
        form of one line); False when it is neither."""
        text = line.text
        match = METADATA_RE.match(text) if may_hold_metadata(text) else None
        if match is None:
            if (
                self.metadata_open
                and not BULLET_RE.match(text)
                and not SECTION_RE.match(text.strip())  # indented as take_section reads it
                and not meeting.entries
            ):
                self.metadata_value(meeting, number, self.metadata_open, line, 0)
                return True
            return False
        self.label_at(meeting, number, match.group(1), line, 0)
        self.metadata_value(meeting, number, match.group(1), line, match.start("rest"))
        return True

    def label_at(self, meeting: MeetingDraft, number: int, word: str, line: LineText, offset: int) -> None:
        """Record where a metadata label is written (``Meeting.metadata_labels``)."""
        name = label_name(word)
        if not is_section(name):
            meeting.metadata_labels.append(MetadataLabel(label=name, line=number, column=line.column(offset)))  # type: ignore[arg-type]

    def metadata_value(
        self, meeting: MeetingDraft, number: int, label: str, line: LineText, start: int, again: bool = False
    ) -> None:
        """Record the metadata value ``line.text[start:]``, splitting off labels glued into it (``.../Transcripts: ...``).

        ``again``: the value is a cleaned value read again (``url_value``).
        """
        if meeting.metadata_lines[-1:] != [number]:  # lines come in order: no quadratic `in`
            meeting.metadata_lines.append(number)
        value = line.text[start:]
        label = label_name(label)
        parts: list[tuple[str, str, int]] = []  # (label, value, offset of the value in the line)
        position = 0
        for match in EMBEDDED_LABEL_RE.finditer(value):
            parts.append((label, value[position : match.start()], start + position))
            if value[match.start() - 1 : match.start()] == "/":
                self.report(
                    "ONP106",
                    number,
                    line.column(start + match.start()),
                    f"label {match.group(0)!r} was glued to a URL; split",
                )
            label = label_name(match.group(1))
            self.label_at(meeting, number, match.group(1), line, start + match.start())
            position = match.end()
        parts.append((label, value[position:], start + position))
        self.metadata_open = None
        for part_label, part_value, offset in parts:
            if is_section(part_label):
                self.open_section(meeting, number, part_label)
                if part_value.strip() and not inline.is_debris(part_value):
                    self.text_line(meeting, number, part_value.strip())
                elif part_value.strip():
                    self.report(
                        "ONP104",
                        number,
                        line.column(offset),
                        f"stray {part_value.strip()!r} after the section label was dropped",
                        STRAY_HINT,
                    )
                continue
            leading = len(part_value) - len(part_value.lstrip())
            if part_value.strip().startswith("```"):  # Markdown's (the text reader opens the block itself)
                self.report(
                    "ONP113",
                    number,
                    line.column(offset + leading),
                    f"the ``` after the {METADATA_LINES[part_label]} label opens no code block; put the fence on a line of its own",
                )
                part_value = ""
            self.metadata_open = part_label if not part_value.strip() else None
            if not part_value.strip():
                meeting.metadata_notes.append((part_label, "", number))
            if part_label == "attendees":
                if part_value.strip():
                    meeting.attendees_text.append((number, line, offset + leading, part_value.strip()))
                self.metadata_open = "attendees"
                continue
            # The export glues the next lines' section headings to the line, with or without their
            # colon: the section words ending the line are those headings, as `Agenda:` is above.
            end, trailing = trailing_sections(part_value)
            self.url_value(meeting, number, part_label, part_value[:end], line, offset, again)
            for name in trailing:
                self.open_section(meeting, number, name)

    def url_value(
        self,
        meeting: MeetingDraft,
        number: int,
        label: str,
        value: str,
        line: LineText,
        offset: int,
        again: bool,
    ) -> None:
        """Record a recording or transcript value: its URLs, and the text that is no link as a note.

        A note holds no label: ``fmt`` writes it back on its label's line, where a label would be
        read as one. So a label that only cleaning shows (markup inside or around the word:
        ``Transcrip<u></u>ts:``, ``.../Transcrip<u></u>ts:`` glued to a URL, ``x <u>Notes</u>``) is
        read as a label, as if written plainly: the cleaned value is read again, once (``again``),
        its columns found by searching the source line.
        """
        cleaned = inline.clean(value)
        if not again:
            self.value_problems(cleaned, number, line)
        urls = [link.url for link in cleaned.links if link.url and link.kind.value == "url"]
        leftover = inline.without(cleaned.text, urls).strip()
        if not again and holds_label(leftover):
            source = line.source if line.source is not None else line.text
            self.metadata_value(meeting, number, label, LineText(cleaned.text, source), 0, again=True)
            return
        (meeting.recording_urls if label == "recording" else meeting.transcript_urls).extend(urls)
        if leftover and not inline.is_debris(leftover):
            meeting.metadata_notes.append((label, " ".join(leftover.split()), number))  # kept for ``fmt``
            if leftover not in {problem.needle for problem in cleaned.problems if problem.code == "ONP107"}:
                self.report(
                    "ONP103",
                    number,
                    line.column(offset),
                    f"text {leftover!r} in the {METADATA_LINES[label]} line is not a link; kept as a note",
                )

    def value_problems(self, cleaned: InlineText, number: int, line: LineText) -> None:
        """Report what cleaning a metadata value noticed, each where it is in the line."""
        position = 0  # problems come in text order: search on from the previous one (linear)
        for problem in cleaned.problems:
            index = line.text.find(problem.needle, position) if problem.needle else -1
            position = max(position, index + 1)
            self.report(problem.code, number, line.column(index) if index >= 0 else 1, problem.message)

    def take_section(self, meeting: MeetingDraft, number: int, line: LineText) -> bool:
        """Read ``line`` as a section heading (``Agenda``, ``Notes:``, ``- Action Items``); False when it is none."""
        text = line.text
        if not may_name_section(text):
            return False
        stripped = text.strip()
        match = SECTION_RE.match(stripped)
        if match is None:
            return False
        rest = match.group("rest").strip()
        if rest and not inline.is_debris(rest):
            return False
        self.open_section(meeting, number, label_name(match.group(1)))
        if rest.startswith("```"):
            self.report(
                "ONP113",
                number,
                line.column(text.find(rest)),
                "the ``` after the section label opens no code block; put the fence on a line of its own",
            )
        elif rest:
            self.report(
                "ONP104",
                number,
                line.column(text.find(rest)),
                f"stray {rest!r} after the section label was dropped",
                STRAY_HINT,
            )
        return True

    def open_section(self, meeting: MeetingDraft, number: int, name: str) -> None:
        section = Section(SECTION_BY_WORDS[name])
        if any(mark.section is section for mark in meeting.sections):
            self.report("ONP109", number, 1, f"section {name!r} appears again in this meeting")
        meeting.sections.append(SectionMark(section=section, line=number))
        self.section = section
        self.metadata_open = None
        meeting.entries.append(Entry(line=number, kind="section", text=name, section=section))

    # -- finishing -------------------------------------------------------------------------------

    def finish(self) -> list[Meeting]:
        """Every meeting, the ones not finished yet finished now."""
        for draft in self.meetings[len(self.finished) :]:
            self.finished.append(self.finish_meeting(draft))
        return self.finished

    def result(self, source: Source) -> ParseResult:
        """The reader's result: every meeting (``ONI001`` when there is none and no heading was
        found damaged, ``ONP101`` having said so then), the diagnostics in source order."""
        meetings = self.finish()
        # The front end's callback is a method of the front end, which holds this assembler: drop it,
        # so that both (and every draft) are freed when the caller lets go of them, not left in a
        # reference cycle for the garbage collector (which the CLI turns off).
        self.text_line = _finished
        if not meetings and not any(d.code == "ONP101" for d in self.diagnostics):
            self.report("ONI001", 0, 0, "no meeting headings found in the input")
        return ParseResult(
            source=source,
            meetings=meetings,
            diagnostics=sorted(self.diagnostics, key=lambda d: (d.line, d.column, d.code)),
        )

    def clean(self, entry: Entry) -> InlineText:
        """Clean and attribute a bullet entry (its continuation lines joined), once."""
        if entry.cleaned is None:
            entry.settle()
            entry.cleaned = inline.clean(entry.text, escaped=entry.escaped, links=entry.links)
            entry.attribution = attribute(entry.cleaned.text, self.registry)
        return entry.cleaned

    def finish_meeting(self, draft: MeetingDraft) -> Meeting:
        """One meeting from its draft, whose entries are then dropped."""
        meeting_id = draft.date.isoformat()
        for entry in draft.entries:
            if entry.kind == "bullet":
                self.clean(entry)
        if draft.sections:  # a block before the first heading is the agenda (see README)
            for entry in draft.entries:
                if entry.section is None:
                    entry.section = Section.AGENDA
                else:
                    break
        items = self.number(self.place(draft.entries), meeting_id)
        draft.entries = []
        meeting = Meeting(
            id=meeting_id,
            date=draft.date,
            title=draft.title,
            source=SourceRef(path=self.path, line=draft.heading_line),
            end_line=draft.end_line,
            recording_urls=draft.recording_urls,
            transcript_urls=draft.transcript_urls,
            sections=draft.sections,
            metadata_lines=draft.metadata_lines,
            metadata_notes=_metadata_notes(draft),  # type: ignore[arg-type]  # data, validated into models
            metadata_labels=draft.metadata_labels,
            items=items,  # type: ignore[arg-type]  # data, validated into items
        )
        self.resolve_attendees(meeting, draft)
        self.share_speakers(meeting.items)
        return meeting

    def share_speakers(self, items: Sequence[Item]) -> None:
        """One tuple object per distinct speaker tuple: a few people speak in most items, and
        validation gives each item its own copy (about a fifth of a byte per byte of notes)."""
        shared = self.speaker_tuples
        stack = list(items)
        while stack:
            item = stack.pop()
            if item.speakers:
                item.speakers = shared.setdefault(item.speakers, item.speakers)
            if item.unresolved_speakers:
                item.unresolved_speakers = shared.setdefault(
                    item.unresolved_speakers, item.unresolved_speakers
                )
            stack.extend(item.children)

    def number(self, roots: Sequence[Placed], meeting_id: str) -> list[ItemData]:
        """Items with their ids: ``<meeting id>/<section>/<position path>`` (``<meeting id>/<position
        path>`` outside any section), e.g. ``2023-11-27/notes/3.2``; an item is in its root's section."""
        counters: dict[Section | None, int] = {}
        items = []
        for node in roots:
            section = node.entry.section
            counters[section] = counters.get(section, 0) + 1
            prefix = f"{meeting_id}/{section.value}/" if section else f"{meeting_id}/"
            items.append(self.item(node, f"{prefix}{counters[section]}", section))
        return items

    def item(self, node: Placed, item_id: str, section: Section | None) -> ItemData:
        """The item of a placed entry, its children first: text cleaned, attributed, problems reported."""
        children = [
            self.item(child, f"{item_id}.{position}", section)
            for position, child in enumerate(node.children, start=1)
        ]
        entry = node.entry
        lines = entry.lines
        if len(lines) == 1:  # most items: one line
            last_line, raw = lines[0]
        else:
            raw = "\n".join(text for _, text in lines)
            last_line = lines[-1][0] if lines else entry.line
        if entry.kind != "bullet":  # code, table, html: the text as the front end gave it
            return {
                "id": item_id,
                "section": section,
                "kind": entry.kind,
                "text": entry.text,
                "raw": raw,
                "line": entry.line,
                "end_line": last_line,
                "nesting": node.nesting,
                "children": children,
                **(entry.extra_fields() or {}),
            }
        cleaned = self.clean(entry)
        if cleaned.problems:
            cursor = [0, 0]  # problems come in text order: each search goes on from the previous one
            for problem in cleaned.problems:
                line, column = entry.locate(problem.needle, cursor)
                self.report(problem.code, line, column, problem.message)
        attribution: Attribution = entry.attribution or attribute(cleaned.text, self.registry)
        for name in attribution.unresolved:
            line, column = entry.locate(name)
            hint = self.name_hint(
                name, f"Add the person or the alias to {self.registry_name()}, or fix the spelling."
            )
            self.report("ONL201", line, column, f"speaker {name!r} is not in the people registry", hint)
        for name in attribution.first_names:
            person = self.registry.resolve(name)
            if person is not None:
                self.first_name_used("speaker", name, person.id, *entry.locate(name))
        item: ItemData = {
            "id": item_id,
            "section": section,
            "text": attribution.text,
            "raw": raw,
            "line": entry.line,
            "end_line": last_line,
            "nesting": node.nesting,
        }
        if attribution.label is not None:
            item["speaker_label"] = self.labels.setdefault(
                attribution.label, attribution.label
            )  # one string per label: they repeat
            item["speakers"] = attribution.speakers
            item["unresolved_speakers"] = attribution.unresolved
        if cleaned.links:
            item["links"] = cleaned.links
        if entry.checkbox is not None:
            item["checkbox"] = entry.checkbox
            item["checked"] = _CHECKED[entry.checkbox]
        if children:
            item["children"] = children
        extra = entry.extra_fields()
        if extra:
            item.update(extra)
        return item

    # -- people -----------------------------------------------------------------------------------

    def resolve_attendees(self, meeting: Meeting, draft: MeetingDraft) -> None:
        for number, line, offset, text in draft.attendees_text:
            for found in self.registry.match_attendees(text):
                column = line.column(offset + found.column - 1)
                if found.person_id is None:
                    meeting.unresolved_attendees.append(found.text)
                    hint = self.name_hint(
                        found.text, f"Add the person to {self.registry_name()}, or fix the spelling."
                    )
                    self.report(
                        "ONL202",
                        number,
                        column,
                        f"attendee {found.text!r} is not in the people registry",
                        hint,
                    )
                    continue
                if found.by_first_name:
                    self.first_name_used("attendee", found.text, found.person_id, number, column)
                if found.person_id not in meeting.attendees:
                    meeting.attendees.append(found.person_id)

    def name_hint(self, name: str, fallback: str) -> str:
        """The hint for a name that resolved to nobody: who shares it when it is a first name, else "did you mean"."""
        candidates = self.registry.lookup(name).candidates
        return ambiguous_hint(name, candidates) if candidates else self.did_you_mean(name, fallback)

    def first_name_used(self, role: str, name: str, person_id: str, line: int, column: int) -> None:
        """Report (info) that ``name`` resolved to ``person_id`` by first name alone."""
        person = self.registry.get(person_id)
        if person is not None:
            self.report(
                "ONP120",
                line,
                column,
                f"{role} {name!r} was matched by first name to {person.name} ({person.id})",
                first_name_hint(name, person),
            )

    def registry_name(self) -> str:
        """How hints name the registry: its file (the one given with ``--people`` too), else in words."""
        return f"`{self.registry.source}`" if self.registry.source else "the people registry"

    def did_you_mean(self, name: str, fallback: str) -> str:
        options = self.registry.suggest(name)
        return (
            f"Did you mean {' or '.join(options)}? Otherwise: {fallback[0].lower()}{fallback[1:]}"
            if options
            else fallback
        )


def _metadata_notes(draft: MeetingDraft) -> list[dict[str, object]]:
    """The meeting's metadata notes; a label with no value only when the label got no value at all.

    (``Attendees:`` alone, then the names after a blank line, is the text export's damaged form
    of one attendee line, not an empty label.)
    """
    filled = {
        "attendees": bool(draft.attendees_text),
        "recording": bool(draft.recording_urls),
        "transcripts": bool(draft.transcript_urls),
    }
    filled.update({label: True for label, text, _ in draft.metadata_notes if text})
    notes, seen = [], set()
    for label, text, line in draft.metadata_notes:
        if label not in filled or (not text and (filled.get(label) or label in seen)):
            continue
        seen.add(label)
        notes.append({"label": label, "text": text, "line": line})
    return notes
