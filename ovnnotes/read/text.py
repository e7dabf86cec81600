"""The text export's reader: its line structure, handed to the meeting assembler.

The plain-text export lost most of the notes' nesting; ``tree`` rebuilds it (see its rules). This
module reads the line structure: meeting headings, section headings, metadata, bullets,
continuation lines, checkbox lines and fenced code blocks. Every non-blank line ends up in the
model (as a heading, a section mark, metadata, or part of an item) or in a diagnostic. Pure: no
I/O, no clock, never raises on any text.
"""

from __future__ import annotations

import re

from ..memory import paused_gc
from ..model import Checkbox, Section, Source
from ..vocabulary.characters import is_plain, normalise_line
from ..vocabulary.checkboxes import UNKNOWN, export_box, split_leading_box
from ..vocabulary.labels import LABEL_FENCE_RE
from . import inline
from .assembler import STRAY_HINT, Assembler, Entry, LineText, MeetingDraft, ParseResult
from .headings import BULLET_RE, may_be_heading, meeting_heading
from .lines import reader_lines, text_sha256
from .people import Registry
from .tree import TextEntry, place

CHECKBOX_RE = re.compile(r"^(?P<box>[^\t]{0,80})\t(?P<rest>.*\S.*)$")
"""An action item's line: the export's checkbox debris, a tab, the text."""
FENCE_RE = re.compile(r"^\s*```")


class TextReader:
    """Reads the lines of one text export (``run``) into an ``Assembler`` (``assembler``).

    ``stream``: finish each meeting when the next one starts (see ``Assembler``); without it the
    meetings are finished by ``assembler.finish()``.
    """

    def __init__(self, text: str, path: str, registry: Registry, stream: bool = True) -> None:
        self.lines = reader_lines(text)
        self.line_count = 0
        self.assembler = Assembler(
            path,
            registry,
            lambda entries: place(entries, registry.resolve),
            self.paragraph_text,
            stream=stream,
        )
        self.lost_heading: int | None = None  # line of an unreadable heading whose lines are skipped
        self.fence: Entry | None = None  # the code block being read

    def report(self, code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.assembler.report(code, line, column, message, hint)

    def run(self) -> None:
        assembler = self.assembler
        blank_before = True
        number = 0
        for number, raw_line in enumerate(self.lines, start=1):
            if is_plain(raw_line):  # the common case: nothing to normalise
                line = raw_line.rstrip()
            else:
                line, had_control = normalise_line(raw_line)
                assembler.report_characters(number, line, had_control)
            if self.fence is not None:
                self.fence.lines.append((number, raw_line.rstrip("\r")))
                if "```" in line and FENCE_RE.match(line):
                    self.close_fence(closed=True)
                continue
            if not line or line.isspace():
                blank_before = True
                continue
            heading = meeting_heading(line) if may_be_heading(line) else None
            if heading is not None:
                date, title = heading
                if date is None:
                    self.report(
                        "ONP101", number, 1, f"cannot read the date of meeting heading {line.strip()!r}"
                    )
                    self.lost_heading = number
                else:
                    self.lost_heading = None
                    assembler.start_meeting(number, date, title)
                blank_before = True
                continue
            if self.lost_heading is not None:
                self.report(
                    "ONP110",
                    number,
                    1,
                    f"this line belongs to the meeting whose heading (line {self.lost_heading}) cannot be read; it was not parsed",
                )
                continue
            meeting = assembler.meeting
            if meeting is None:
                self.report(
                    "ONP102", number, 1, f"text before the first meeting heading: {line.strip()[:60]!r}"
                )
                continue
            meeting.end_line = number
            if "```" in line and FENCE_RE.match(line):
                self.open_fence(meeting, number, raw_line)
                blank_before = False
                continue
            glued = LABEL_FENCE_RE.match(line) if "```" in line else None
            if glued:  # `Transcripts: ```: the label, then the code block the fence opens
                self.report(
                    "ONP113",
                    number,
                    glued.start("fence") + 1,
                    f"the ``` after {glued.group('label')!r} should start a line of its own; it was read as the start of a code block",
                )
                self.dispatch(meeting, number, glued.group("label"), blank_before)
                self.open_fence(meeting, number, raw_line)
                blank_before = False
                continue
            self.dispatch(meeting, number, line, blank_before)
            blank_before = False
        self.line_count = number
        if self.fence is not None:
            self.report("ONP105", self.fence.line, 1, "this ``` code block is never closed")
            self.close_fence(closed=False)

    def open_fence(self, meeting: MeetingDraft, number: int, raw_line: str) -> None:
        self.fence = TextEntry(
            line=number, kind="code", text="", lines=[(number, raw_line)], section=self.assembler.section
        )
        meeting.entries.append(self.fence)

    def close_fence(self, closed: bool) -> None:
        """The code block's text: its lines between the fences (as in the file: code is not normalised)."""
        assert self.fence is not None
        body = [text for _, text in self.fence.lines[1:]]
        self.fence.text = "\n".join(body[:-1] if closed and body else body)
        self.fence = None

    def dispatch(self, meeting: MeetingDraft, number: int, line: str, blank_before: bool) -> None:
        assembler = self.assembler
        text = LineText(line)
        if assembler.take_metadata(meeting, number, text) or assembler.take_section(meeting, number, text):
            return
        assembler.metadata_open = None
        if assembler.section is Section.ACTION_ITEMS and "\t" in line and not BULLET_RE.match(line):
            match = CHECKBOX_RE.match(line)
            if match:
                self.add_checkbox(meeting, number, line, match.group("box"), match.group("rest"))
                return
        bullet = BULLET_RE.match(line)
        if bullet:
            self.add_bullet(meeting, number, line, bullet, blank_before)
            return
        self.add_text_line(meeting, number, line, blank_before)

    # -- items -----------------------------------------------------------------------------------

    def add_bullet(
        self, meeting: MeetingDraft, number: int, line: str, bullet: re.Match[str], blank_before: bool
    ) -> None:
        rest = bullet.group("rest")
        entry = TextEntry.from_bullet(
            number,
            line,
            len(bullet.group("indent").expandtabs(4)),
            rest,
            self.assembler.section,
            blank_before,
        )
        if entry.text == "" or inline.is_debris(entry.text):
            self.report(
                "ONP104", number, bullet.start("bullet") + 1, f"empty bullet {line.strip()!r} was dropped"
            )
            return
        meeting.entries.append(entry)

    def add_checkbox(self, meeting: MeetingDraft, number: int, line: str, box: str, rest: str) -> None:
        box = box.strip()
        if not box and (written := split_leading_box(rest.lstrip())):
            box, rest = written
        state = export_box(box)
        if state == UNKNOWN:
            self.report("ONP108", number, 1, f"checkbox {box!r} is not recognised; status unknown")
        entry = TextEntry(
            line=number,
            kind="bullet",
            text=rest.strip(),
            lines=[(number, line)],
            section=self.assembler.section,
            col=0,
            marker="checkbox",
            checkbox=Checkbox(state),
        )
        meeting.entries.append(entry)

    def add_text_line(self, meeting: MeetingDraft, number: int, line: str, blank_before: bool) -> None:
        """A line with no bullet: a wrapped continuation, or a paragraph after a blank line."""
        previous = meeting.entries[-1] if meeting.entries else None
        if previous is not None and previous.kind == "bullet" and not blank_before:
            previous.continue_with(number, line)
            return
        if inline.is_debris(line):
            self.report("ONP104", number, 1, f"stray {line.strip()!r} was dropped", STRAY_HINT)
            return
        meeting.entries.append(
            TextEntry(
                line=number,
                kind="bullet",
                text=line.strip(),
                lines=[(number, line)],
                section=self.assembler.section,
                col=0,
                marker=None,
                paragraph=True,
                blank_before=blank_before,
            )
        )

    def paragraph_text(self, meeting: MeetingDraft, number: int, text: str) -> None:
        """Text after a section label on a metadata line (``Transcripts: Notes: first note``): a line of text."""
        self.add_text_line(meeting, number, text, False)


def parse_text(text: str, path: str, registry: Registry, sha256: str | None = None) -> ParseResult:
    """Parse one notes text export. Pure: no files, no clock; never raises on any text.

    ``sha256`` is the hash of the file's bytes when the caller read a file (the default hashes
    the text as UTF-8).
    """
    with paused_gc():
        reader = TextReader(text, path, registry)
        reader.run()
        return reader.assembler.result(
            Source(path=path, sha256=sha256 or text_sha256(text), line_count=reader.line_count)
        )
