"""The pure core: notes text in, a document and diagnostics out. No I/O, no clock, no exits.

The plain-text export lost most of the notes' nesting; ``tree`` rebuilds it (see its rules). This
module reads the line structure: meeting headings, section headings, metadata, bullets,
continuation lines, checkbox lines and fenced code blocks. Every non-blank line ends up in the
model (as a heading, a section mark, metadata, or part of an item) or in a diagnostic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import progress
from ..memory import paused_gc
from . import inline
from ..vocabulary.characters import bidi_control, one_line
from ..model import Diagnostic, Meeting, Nesting, Section, SectionMark, SourceRef, Source
from ..checks.rules import diagnostic
from .people import Registry, ambiguous_hint, first_name_hint
from .speakers import Attribution, attribute
from .tree import Entry, ItemData, ItemFactory, build_tree

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
HEADING_RE = re.compile(
    r"^#{0,6}\s*(?P<date>(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"\s*(?:\|\s*)?(?P<glyph>[☐□■▢◻]\s*)?(?P<title>.*)$"
)
HEADING_DEBRIS = " \t|☐□■▢◻"
"""Characters stripped from the start of a meeting title: the export's pipes and checkbox glyphs."""
HEADING_HINT_RE = re.compile(r"community meeting", re.IGNORECASE)
SECTION_RE = re.compile(r"^(?:[-•*]\s+)?(?:\*\*)?(agenda|notes|action items)(?:\*\*)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
METADATA_RE = re.compile(r"^(attendees|recording|transcripts?)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
EMBEDDED_LABEL_RE = re.compile(r"(?:^|(?<=[\s/,;]))(attendees|recording|transcripts?|agenda|notes|action items)\s*:", re.IGNORECASE)
TRAILING_SECTION_RE = re.compile(r"(?:^|(?<=\s))(agenda|notes|action items)\s*$", re.IGNORECASE)
"""A section word ending a recording or transcript line without its colon (``Transcripts: https://... Agenda``)."""
BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<bullet>[-•*●])(?:[ \t]+|$)(?P<rest>.*)$")
CHECKBOX_RE = re.compile(r"^(?P<box>[^\t]{0,80})\t(?P<rest>.*\S.*)$")
FENCE_RE = re.compile(r"^\s*```")
LABEL_FENCE_RE = re.compile(r"^(?P<label>(?:attendees|recording|transcripts?|agenda|notes|action items)[ \t]*:)[ \t]*(?P<fence>```.*)$", re.IGNORECASE)
"""A label with a code fence glued after it (``Transcripts: ```...``)."""
_METADATA_FIRST = frozenset("aArRtT")
"""First letters of the metadata labels (``METADATA_RE``)."""
SECTION_BY_NAME = {"agenda": Section.AGENDA, "notes": Section.NOTES, "action items": Section.ACTION_ITEMS}
_LABELS = {"attendees": "attendees", "recording": "recording", "transcript": "transcript", "transcripts": "transcript", **{name: name for name in SECTION_BY_NAME}}


def label_name(word: str) -> str:
    """The canonical name of a label a case-blind expression matched: ``Transcripts`` -> ``transcript``.

    ``re.IGNORECASE`` folds a few characters that ``str.lower`` keeps (``NOTEſ`` matches
    ``notes``), so the lookup falls back to the same case-blind comparison.
    """
    name = _LABELS.get(word.lower())
    if name is None:
        name = next((canonical for label, canonical in _LABELS.items() if re.fullmatch(re.escape(label), word, re.IGNORECASE)), word.lower())
    return name
# Characters that editors and exports leave in text; see ``normalise_line``.
SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
STRAY_HINT = "Delete the stray characters."
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class ParseResult:
    """What ``parse_text`` returns: the meetings of one input and what was noticed."""

    source: Source
    meetings: list[Meeting]
    diagnostics: list[Diagnostic]


@dataclass
class _MeetingBuilder:
    heading_line: int
    date: dt.date
    title: str
    end_line: int
    attendees_text: list[tuple[int, int, str]] = field(default_factory=list)
    recording_urls: list[str] = field(default_factory=list)
    transcript_urls: list[str] = field(default_factory=list)
    metadata_lines: list[int] = field(default_factory=list)
    metadata_notes: list[tuple[str, str, int]] = field(default_factory=list)
    """(label, text, line): a label with no value (text ``""``) or text that is not a link."""
    sections: list[SectionMark] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR (never on the other characters ``str.splitlines`` breaks on).

    The line and paragraph separators U+2028 and U+2029 become spaces, code included: they are
    no line ends here, and a consumer splitting text with ``str.splitlines`` would see lines
    that are not there.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = one_line(text)
    return text.removesuffix("\n").split("\n") if text else []



def normalise_line(line: str, strip: bool = True) -> tuple[str, bool]:
    """Unicode spaces to spaces, zero-width characters out, curly quotes straight, controls out.

    Tabs are kept (they separate checkboxes from action items). Returns the line and whether a
    control character was removed.
    """
    if line.isascii() and line.isprintable():  # the common case: nothing to normalise
        return line.rstrip() if strip else line, False
    line = line.translate(SPACE_LIKE).translate(INVISIBLE).translate(QUOTES)
    cleaned = CONTROL_RE.sub("", line)
    return cleaned.rstrip() if strip else cleaned, cleaned != line


def parse_date(month: str, day: str, year: str) -> dt.date | None:
    number = MONTHS.get(month[:3].lower())
    if number is None or (len(month) > 3 and not _is_month_name(month)):
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _is_month_name(word: str) -> bool:
    full = "january february march april may june july august september october november december".split()
    word = word.lower().rstrip(".")
    return any(name.startswith(word) for name in full) or word == "sept"


def _may_be_heading(line: str) -> bool:
    """False for lines ``_heading`` would reject anyway (most lines): a heading starts with
    ``#``, a letter or a digit; a damaged one has a ``|``."""
    first = line.lstrip()[:1]
    return first.isalnum() or first == "#" or "|" in line


def _heading(line: str) -> tuple[dt.date | None, str] | None:
    """(date, title) for a meeting heading, (None, line) for a damaged one, None otherwise."""
    match = HEADING_RE.match(line)
    if match:
        # Pipes and checkbox glyphs around the title are debris, however many (``2026||| | □ OVN ...``).
        title = match.group("title").lstrip(HEADING_DEBRIS).rstrip(" \t|") or "OVN Community Meeting"
        if match.group("iso"):
            try:
                return dt.date.fromisoformat(match.group("iso")), title
            except ValueError:
                return None, line
        if "|" in line or HEADING_HINT_RE.search(title) or not title:
            date = parse_date(match.group("month"), match.group("day"), match.group("year"))
            if date is None and not (_is_month_name(match.group("month")) or HEADING_HINT_RE.search(line)):
                return None
            return date, title
    if HEADING_HINT_RE.search(line) and "|" in line and not BULLET_RE.match(line) and not METADATA_RE.match(line):
        return None, line  # damaged: it says "community meeting" and has a pipe (an `Attendees:` line is no heading)
    return None


def has_meeting_heading(text: str, markdown: bool = False) -> bool:
    """Whether ``text`` has a line, outside code blocks, that starts like a meeting heading.

    Readable headings count and so do damaged ones that ``ONP101`` would report (a date that is
    not a date), but not a line that merely mentions a heading (a README quoting one in a table
    or a fenced example). ``markdown`` also skips `~~~` fences and lines indented 4 spaces.
    Used to tell notes from other text files found in a folder.
    """
    fence = ""
    for raw in text.splitlines():
        line = raw if raw.isascii() else normalise_line(raw, strip=False)[0]
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith("```") or (markdown and stripped.startswith("~~~")):
            fence = stripped[:3]
            continue
        if markdown and len(line) - len(line.lstrip(" ")) >= 4:
            continue
        if stripped[:1].isalnum() or stripped[:1] == "#":
            if HEADING_RE.match(stripped) and _heading(stripped) is not None:
                return True
    return False


class _Parser:
    def __init__(self, text: str, path: str, registry: Registry, stream: bool = False) -> None:
        self.path = path
        self.registry = registry
        self.lines = split_lines(text)
        self.diagnostics: list[Diagnostic] = []
        self.meetings: list[_MeetingBuilder] = []
        self.section: Section | None = None
        self.metadata_open: str | None = None  # label whose value may continue on the next line
        self.lost_heading: int | None = None  # line of an unreadable heading whose lines are skipped
        self.stream = stream
        self.finished: list[Meeting] = []  # meetings done, in the order of ``meetings``
        self.labels: dict[str, str] = {}

    def report(self, code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(diagnostic(code, self.path, line, column, message, hint))

    def bidi(self, number: int, line: str) -> None:
        """Report (ONI005) a bidirectional control in a line, which is kept: it may be meant, but it can disguise text."""
        found = bidi_control(line)
        if found is not None:
            column, name = found
            self.report("ONI005", number, column, f"this line holds an invisible bidirectional control ({name}), which can make text look like other text; it was kept")

    # -- line dispatch -------------------------------------------------------------------------

    def run(self) -> None:
        fence: Entry | None = None
        blank_before = True
        for number, raw_line in enumerate(self.lines, start=1):
            if raw_line.isascii() and raw_line.isprintable():  # the common case: nothing to normalise
                line = raw_line.rstrip()
            else:
                line, had_control = normalise_line(raw_line)
                if had_control:
                    self.report("ONI004", number, 1, "a control character was removed from this line")
                self.bidi(number, line)
            if fence is not None:
                fence.lines.append((number, raw_line.rstrip("\r")))
                if "```" in line and FENCE_RE.match(line):
                    fence = None
                continue
            if not line or line.isspace():
                blank_before = True
                continue
            heading = _heading(line) if _may_be_heading(line) else None
            if heading is not None:
                date, title = heading
                if date is None:
                    self.report("ONP101", number, 1, f"cannot read the date of meeting heading {line.strip()!r}")
                    self.lost_heading = number
                else:
                    self.start_meeting(number, date, title)
                blank_before = True
                continue
            if self.lost_heading is not None:
                self.report("ONP110", number, 1, f"this line belongs to the meeting whose heading (line {self.lost_heading}) cannot be read; it was not parsed")
                continue
            meeting = self.meetings[-1] if self.meetings else None
            if meeting is None:
                self.report("ONP102", number, 1, f"text before the first meeting heading: {line.strip()[:60]!r}")
                continue
            meeting.end_line = number
            if "```" in line and FENCE_RE.match(line):
                fence = Entry(line=number, kind="code", text="", lines=[(number, raw_line)], section=self.section)
                meeting.entries.append(fence)
                blank_before = False
                continue
            glued = LABEL_FENCE_RE.match(line) if "```" in line else None
            if glued:  # `Transcripts: ```: the label, then the code block the fence opens
                self.report("ONP113", number, glued.start("fence") + 1, f"the ``` after {glued.group('label')!r} should start a line of its own; it was read as the start of a code block")
                self.dispatch(meeting, number, glued.group("label"), blank_before)
                fence = Entry(line=number, kind="code", text="", lines=[(number, raw_line)], section=self.section)
                meeting.entries.append(fence)
                blank_before = False
                continue
            self.dispatch(meeting, number, line, blank_before)
            blank_before = False
        if fence is not None:
            self.report("ONP105", fence.line, 1, "this ``` code block is never closed")

    def start_meeting(self, number: int, date: dt.date, title: str) -> None:
        progress.advance("meetings")
        if self.stream and len(self.finished) < len(self.meetings):
            self.finished.append(self.finish_meeting(self.meetings[-1], build_tree))
        self.lost_heading = None
        self.meetings.append(_MeetingBuilder(heading_line=number, date=date, title=title, end_line=number))
        self.section = None
        self.metadata_open = None

    def dispatch(self, meeting: _MeetingBuilder, number: int, line: str, blank_before: bool) -> None:
        if self.take_metadata(meeting, number, line, blank_before):
            return
        if self.take_section(meeting, number, line):
            return
        self.metadata_open = None
        if self.section is Section.ACTION_ITEMS and "\t" in line and not BULLET_RE.match(line):
            match = CHECKBOX_RE.match(line)
            if match:
                self.add_checkbox(meeting, number, line, match.group("box"), match.group("rest"))
                return
        bullet = BULLET_RE.match(line)
        if bullet:
            self.add_bullet(meeting, number, line, bullet, blank_before)
            return
        self.add_text_line(meeting, number, line, blank_before)

    # -- metadata and sections -----------------------------------------------------------------

    def take_metadata(self, meeting: _MeetingBuilder, number: int, line: str, blank_before: bool) -> bool:
        match = METADATA_RE.match(line) if line[:1] in _METADATA_FIRST else None
        if match is None:
            if self.metadata_open and not BULLET_RE.match(line) and not SECTION_RE.match(line) and not meeting.entries:
                self.metadata_value(meeting, number, self.metadata_open, line, 1)
                return True
            return False
        self.metadata_value(meeting, number, match.group(1), match.group("rest"), match.start("rest") + 1, line)
        return True

    def metadata_value(
        self, meeting: _MeetingBuilder, number: int, label: str, value: str, column: int, line: str | None = None
    ) -> None:
        """Record one metadata value, splitting off labels glued into it (``.../Transcripts: ...``)."""
        if meeting.metadata_lines[-1:] != [number]:  # lines come in order: no quadratic `in`
            meeting.metadata_lines.append(number)
        label = label_name(label)
        parts: list[tuple[str, str, int]] = []
        position = 0
        for match in EMBEDDED_LABEL_RE.finditer(value):
            parts.append((label, value[position : match.start()], column + position))
            if value[match.start() - 1 : match.start()] == "/":
                self.report("ONP106", number, column + match.start(), f"label {match.group(0)!r} was glued to a URL; split")
            label = label_name(match.group(1))
            position = match.end()
        parts.append((label, value[position:], column + position))
        self.metadata_open = None
        for part_label, part_value, part_column in parts:
            if part_label in ("agenda", "notes", "action items"):
                self.open_section(meeting, number, part_label)
                if part_value.strip() and not inline.is_debris(part_value):
                    self.add_text_line(meeting, number, part_value.strip(), False)
                elif part_value.strip():
                    self.report("ONP104", number, part_column, f"stray {part_value.strip()!r} after the section label was dropped", STRAY_HINT)
                continue
            if part_value.strip().startswith("```"):  # the Markdown reader's (the text parser opens the block in ``run``)
                self.report("ONP113", number, part_column + len(part_value) - len(part_value.lstrip()), f"the ``` after the {part_label} label opens no code block; put the fence on a line of its own")
                part_value = ""
            self.metadata_open = part_label if not part_value.strip() else None
            if not part_value.strip():
                meeting.metadata_notes.append((part_label, "", number))
            if part_label == "attendees":
                if part_value.strip():
                    meeting.attendees_text.append((number, part_column + len(part_value) - len(part_value.lstrip()), part_value.strip()))
                self.metadata_open = "attendees"
                continue
            # The export glues the next line's section heading to the line, with or without its
            # colon: a section word ending the line is that heading, as `Agenda:` is above.
            trailing = TRAILING_SECTION_RE.search(part_value)
            if trailing is not None:
                part_value = part_value[: trailing.start()]
            cleaned = inline.clean(part_value)
            self.problems(cleaned, number, line or part_value)
            urls = [link.url for link in cleaned.links if link.url and link.kind.value == "url"]
            (meeting.recording_urls if part_label == "recording" else meeting.transcript_urls).extend(urls)
            leftover = inline.without(cleaned.text, urls)
            broken_tails = {problem.needle for problem in cleaned.problems if problem.code == "ONP107"}
            if leftover.strip() and not inline.is_debris(leftover):
                meeting.metadata_notes.append((part_label, " ".join(leftover.split()), number))  # kept for ``fmt``
                if leftover.strip() not in broken_tails:
                    self.report("ONP103", number, part_column, f"text {leftover.strip()!r} in the {part_label} line is not a link; kept as a note")
            if trailing is not None:
                self.open_section(meeting, number, label_name(trailing.group(1)))

    def take_section(self, meeting: _MeetingBuilder, number: int, line: str) -> bool:
        lower = line.lower()
        if line.isascii() and "agenda" not in lower and "notes" not in lower and "action items" not in lower:
            return False  # most lines: no section name at all (non-ASCII text: the case-blind expression decides)
        match = SECTION_RE.match(line.strip())
        if match is None:
            return False
        rest = match.group("rest").strip()
        if rest and not inline.is_debris(rest):
            return False
        self.open_section(meeting, number, label_name(match.group(1)))
        if rest.startswith("```"):
            self.report("ONP113", number, line.find(rest) + 1, f"the ``` after the section label opens no code block; put the fence on a line of its own")
        elif rest:
            self.report("ONP104", number, line.find(rest) + 1, f"stray {rest!r} after the section label was dropped", STRAY_HINT)
        return True

    def open_section(self, meeting: _MeetingBuilder, number: int, name: str) -> None:
        section = SECTION_BY_NAME[name]
        if any(mark.section is section for mark in meeting.sections):
            self.report("ONP109", number, 1, f"section {name!r} appears again in this meeting")
        meeting.sections.append(SectionMark(section=section, line=number))
        self.section = section
        self.metadata_open = None
        meeting.entries.append(Entry(line=number, kind="section", text=name, section=section))

    # -- items -----------------------------------------------------------------------------------

    def add_bullet(self, meeting: _MeetingBuilder, number: int, line: str, bullet: re.Match[str], blank_before: bool) -> None:
        rest = bullet.group("rest")
        entry = Entry.from_bullet(number, line, len(bullet.group("indent").expandtabs(4)), rest, self.section, blank_before)
        if entry.text == "" or inline.is_debris(entry.text):
            self.report("ONP104", number, bullet.start("bullet") + 1, f"empty bullet {line.strip()!r} was dropped")
            return
        meeting.entries.append(entry)

    def add_checkbox(self, meeting: _MeetingBuilder, number: int, line: str, box: str, rest: str) -> None:
        box = box.strip()
        if box in ("", "[ ]", "☐", "□"):
            checked: bool | None = False
        elif box in ("\\checkmark", "[x]", "[X]", "☑", "✓", "✔", "☒"):
            checked = True
        else:
            checked = None
            self.report("ONP108", number, 1, f"checkbox {box!r} is not recognised; status unknown")
        entry = Entry(line=number, kind="bullet", text=rest.strip(), lines=[(number, line)], section=self.section, col=0, marker="checkbox", checked=checked)
        meeting.entries.append(entry)

    def add_text_line(self, meeting: _MeetingBuilder, number: int, line: str, blank_before: bool) -> None:
        """A line with no bullet: a wrapped continuation, or a paragraph after a blank line."""
        previous = meeting.entries[-1] if meeting.entries else None
        if previous is not None and previous.kind == "bullet" and not blank_before:
            previous.continue_with(number, line)
            return
        if inline.is_debris(line):
            self.report("ONP104", number, 1, f"stray {line.strip()!r} was dropped", STRAY_HINT)
            return
        meeting.entries.append(Entry(line=number, kind="bullet", text=line.strip(), lines=[(number, line)], section=self.section, col=0, marker=None, paragraph=True, blank_before=blank_before))

    # -- finishing -------------------------------------------------------------------------------

    def problems(self, cleaned: inline.InlineText, number: int, raw: str) -> None:
        start = 0  # problems come in text order: search on from the previous one (linear)
        for problem in cleaned.problems:
            index = raw.find(problem.needle, start) if problem.needle else -1
            start = max(start, index + 1)
            self.report(problem.code, number, index + 1 if index >= 0 else 1, problem.message)

    def finish(self, build: Callable[[list[Entry], str, ItemFactory], list[ItemData]] = build_tree) -> list[Meeting]:
        """Meetings from the builders; ``build`` places entries in a tree (the Markdown reader passes its own)."""
        for built in self.meetings[len(self.finished) :]:
            self.finished.append(self.finish_meeting(built, build))
        return self.finished

    def finish_meeting(self, built: _MeetingBuilder, build: Callable[[list[Entry], str, ItemFactory], list[ItemData]]) -> Meeting:
        """One meeting from its builder, whose entries are then dropped.

        The text parser finishes each meeting when the next one starts, so only one meeting's
        entries are alive at a time: memory holds the items, not the items and all the entries.
        """
        meeting_id = built.date.isoformat()
        for entry in built.entries:
            if entry.kind == "bullet" and entry.cleaned is None:  # the Markdown reader cleans its own
                entry.settle()
                entry.cleaned = inline.clean(entry.text)
                entry.attribution = attribute(entry.cleaned.text, self.registry)
                entry.find_people(self.registry.resolve)
        if built.sections:  # a block before the first heading is the agenda (see README)
            for entry in built.entries:
                if entry.section is None:
                    entry.section = Section.AGENDA
                else:
                    break
        items = build(built.entries, meeting_id, self.item_factory)
        built.entries = []
        meeting = Meeting.model_validate(
            {
                "id": meeting_id,
                "date": built.date,
                "title": built.title,
                "source": SourceRef(path=self.path, line=built.heading_line),
                "end_line": built.end_line,
                "recording_urls": built.recording_urls,
                "transcript_urls": built.transcript_urls,
                "sections": built.sections,
                "metadata_lines": built.metadata_lines,
                "metadata_notes": _metadata_notes(built),
                "items": items,
            }
        )
        self.resolve_attendees(meeting, built)
        return meeting

    def resolve_attendees(self, meeting: Meeting, built: _MeetingBuilder) -> None:
        for number, column, text in built.attendees_text:
            for found in self.registry.match_attendees(text):
                if found.person_id is None:
                    meeting.unresolved_attendees.append(found.text)
                    hint = self.name_hint(found.text, f"Add the person to {self.registry_name()}, or fix the spelling.")
                    self.report("ONL202", number, column + found.column - 1, f"attendee {found.text!r} is not in the people registry", hint)
                    continue
                if found.by_first_name:
                    self.first_name_used("attendee", found.text, found.person_id, number, column + found.column - 1)
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
            self.report("ONP120", line, column, f"{role} {name!r} was matched by first name to {person.name} ({person.id})", first_name_hint(name, person))

    def registry_name(self) -> str:
        """How hints name the registry: its file (the one given with ``--people`` too), else in words."""
        source = getattr(self.registry, "source", None)
        return f"`{source}`" if source else "the people registry"

    def did_you_mean(self, name: str, fallback: str) -> str:
        options = self.registry.suggest(name)
        return f"Did you mean {' or '.join(options)}? Otherwise: {fallback[0].lower()}{fallback[1:]}" if options else fallback

    def item_factory(self, entry: Entry, item_id: str, nesting: Nesting, children: list[ItemData]) -> ItemData:
        """Turn a placed entry into a model item: clean its text, attribute it, report problems."""
        lines = entry.lines
        if len(lines) == 1:  # most items: one line
            last_line, raw = lines[0]
        else:
            raw = "\n".join(text for _, text in lines)
            last_line = lines[-1][0] if lines else entry.line
        if entry.kind == "code":
            body = [text for _, text in entry.lines[1:]]
            if body and FENCE_RE.match(normalise_line(body[-1])[0]):  # the line that closed it (as ``run`` read it)
                body = body[:-1]
            return {"id": item_id, "section": entry.section, "kind": "code", "text": "\n".join(body), "raw": raw, "line": entry.line, "end_line": last_line, "nesting": nesting, "children": children}
        cleaned = entry.cleaned or inline.clean(entry.text)
        if cleaned.problems:
            cursor = [0, 0]  # problems come in text order: each search goes on from the previous one
            for problem in cleaned.problems:
                line, column = entry.locate(problem.needle, cursor)
                self.report(problem.code, line, column, problem.message)
        attribution: Attribution = entry.attribution or attribute(cleaned.text, self.registry)
        for name in attribution.unresolved:
            line, column = entry.locate(name)
            hint = self.name_hint(name, f"Add the person or the alias to {self.registry_name()}, or fix the spelling.")
            self.report("ONL201", line, column, f"speaker {name!r} is not in the people registry", hint)
        for name in attribution.first_names:
            person = self.registry.resolve(name)
            if person is not None:
                self.first_name_used("speaker", name, person.id, *entry.locate(name))
        item: ItemData = {"id": item_id, "section": entry.section, "text": attribution.text, "raw": raw, "line": entry.line, "end_line": last_line, "nesting": nesting}
        if attribution.label is not None:
            item["speaker_label"] = self.labels.setdefault(attribution.label, attribution.label)  # one string per label: they repeat
            item["speakers"] = attribution.speakers
            item["unresolved_speakers"] = attribution.unresolved
        if cleaned.links:
            item["links"] = cleaned.links
        if entry.checked is not None:
            item["checked"] = entry.checked
        if children:
            item["children"] = children
        return item


_NOTE_LABELS = {"attendees": "attendees", "recording": "recording", "transcript": "transcripts"}


def _metadata_notes(built: _MeetingBuilder) -> list[dict[str, object]]:
    """The meeting's metadata notes; a label with no value only when the label got no value at all.

    (``Attendees:`` alone, then the names after a blank line, is the text export's damaged form
    of one attendee line, not an empty label.)
    """
    filled = {"attendees": bool(built.attendees_text), "recording": bool(built.recording_urls), "transcript": bool(built.transcript_urls)}
    filled.update({label: True for label, text, _ in built.metadata_notes if text})
    notes, seen = [], set()
    for label, text, line in built.metadata_notes:
        if label not in _NOTE_LABELS or (not text and (filled.get(label) or label in seen)):
            continue
        seen.add(label)
        notes.append({"label": _NOTE_LABELS[label], "text": text, "line": line})
    return notes


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, encoded a slice at a time: no copy of the whole input in memory.

    Slicing never changes the bytes: UTF-8 encodes each code point on its own (lone surrogates
    too, with ``surrogatepass``).
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), 1 << 16):
        digest.update(text[start : start + (1 << 16)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def parse_text(text: str, path: str, registry: Registry, sha256: str | None = None) -> ParseResult:
    """Parse one notes text export. Pure: no files, no clock; never raises on any text.

    ``sha256`` is the hash of the file's bytes when the caller read a file (the default hashes
    the text as UTF-8).
    """
    with paused_gc():
        return _parse_text(text, path, registry, sha256)


def _parse_text(text: str, path: str, registry: Registry, sha256: str | None) -> ParseResult:
    parser = _Parser(text, path, registry, stream=True)
    parser.run()
    meetings = parser.finish()
    if not meetings:
        parser.report("ONI001", 0, 0, "no meeting headings found in the input")
    digest = sha256 or text_sha256(text)
    source = Source(path=path, sha256=digest, line_count=len(parser.lines))
    diagnostics = sorted(parser.diagnostics, key=lambda d: (d.line, d.column, d.code))
    return ParseResult(source=source, meetings=meetings, diagnostics=diagnostics)
