"""Realistic OVN community meeting notes as text, with optional damage, for property tests and fuzzing.

One grammar, two drivers:

* ``notes_documents()`` is a Hypothesis strategy (it shrinks towards fewer meetings, fewer
  items and no damage);
* ``random_document(rng)`` builds the same kind of text from a ``random.Random``, about a
  hundred times faster, for ``bench/fuzz.py``.

Both call ``build_document(chooser)``, which only asks its chooser for choices. The text looks
like the plain-text export in ``seeds/``: meeting headings in the export's forms (``Dec 15, 2025
| ☐ OVN Community Meeting``, ISO dates, Markdown ``#``, bad dates such as Feb 30), metadata
lines (``Attendees:``, ``Recording:``, ``Transcripts:``, glued ones), section headings, bullets
with the export's markers (``- ``, `` - o``, `` - i.``, ``■``, ``•``), speakers (``(dceara)``,
``[felix.huettner]``, ``Mark:``, unknown ones), ``<u>`` links, URLs, emails, LaTeX debris,
fenced OVSDB tables and checkbox action items. Damage then inserts hostile characters (controls,
NBSP, zero-width, curly quotes, tabs, U+2028, bidi controls, the noncharacters U+FDD0/U+FDD1,
surrogate-free random text), cuts, duplicates and
reorders lines, adds pathological runs, and picks LF, CRLF, CR or mixed line ends and a BOM.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# -- vocabulary ------------------------------------------------------------------------------------

MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "September",
    "Sept",
    "Foo",
]
DAYS = [1, 2, 3, 15, 22, 28, 29, 30, 31, 0, 32]
YEARS = [2023, 2024, 2025, 2026, 1999, 9999]
HEADING_FORMS = [
    "{date} | ☐ OVN Community Meeting",
    "{date} | □ OVN Community Meeting",
    "{date} | ■ OVN Community Meeting",
    "{date} | OVN Community Meeting",
    "{date} |",
    "# {date} | OVN Community Meeting",
    "## {date} OVN community meeting",
    "{date}",
    "{iso} | OVN Community Meeting",
    "OVN Community Meeting | {date}",
]
ISO_DATES = ["2025-12-15", "2024-02-29", "2025-02-30", "2025-13-01", "0000-01-01"]
SECTIONS = [
    "Agenda",
    "Agenda:",
    "Notes",
    "Notes:",
    "**Notes**",
    "Action items",
    "Action items:",
    "- Agenda:",
    "Notes: •",
]
KNOWN_SPEAKERS = [
    "(dceara)",
    "[felix.huettner]",
    "Mark:",
    "(Ilya/Numan)",
    "(Martin/Frode):",
    "(Ales in gcomments)",
    "(amusil)",
    "(mmichels)",
    "[dceara]",
    "(Frode)",
    "(numans)",
    "dceara:",
]
OTHER_GROUPS = [
    "(zorglub)",
    "(Tiago Pires)",
    "[ovs-dev]",
    "[RFC ovn v3 4/4]",
    "(Red Hat internal)",
    "(?)",
    "[EXTERNAL]",
    "(WIP)",
    "Context:",
    "OVN 24.09 planning: [dceara]",
]
ATTENDEES = [
    "Dumitru Ceara",
    "Mark Michelson",
    "numans@ovn.org",
    "frode.nordahl@canonical.com",
    "i.maximets@ovn.org",
    "Ales Musil",
    "@Vladislav Odintsov",
    "Zorglub Quux",
    "Tim Rozet",
    "Han Zhou",
    "Xavier Simonart",
]
PHRASES = [
    "OVN 26.03 development",
    "Soft freeze scheduled for Jan 23",
    "Ongoing features:",
    "extended EVPN support",
    "is there any desire to switch to some other platform?",
    "options:",
    "Github with PRs",
    "gerrit",
    "different GH or pw instance would be the preference",
    "Network Function Insertion",
    "branch created: Feb 20th",
    "release Mar 20th",
    "OVN 25.09.0 release/branching",
    "will followup with the libovsdb team",
    "Dumitru will propose next meeting dates on ML",
    "Mark to attach link to slides (above)",
    "Current DB Structure",
    "known features under development",
    "Next meeting some time first weeks of January",
    "New features?",
    "a; b, c \\ d",
    "semi;colon, comma\\backslash",
    "quote \"this\" and 'that'",
    "=SUM(A1:A9)",
    "+1 from me",
    "@here",
    "-- dashes --",
    "tab\tinside",
    "Réunion ☃ 日本語",
    "x" * 120,
]
INLINE = [
    "<u>the doc</u>",
    "<u>OVS+OVN'25 conference</u>",
    "https://github.com/ovn-org/ovn/pull/123",
    "https://www.youtube.com/watch?v=bonLhUj2oGg",
    "https://drive.google.com/file/d/1Uv XR6h1/view",
    "https://a.org/xhttps://b.org/y",
    "(https://example.org/a_(b))",
    "numans@ovn.org",
    "mail frode.nordahl@canonical.com.",
    "**bold**",
    "\\checkmark",
    "$\\overline{\\mathbf{A}}$",
    "<u>",
    "</u>",
    "<u>https://x.org/y</u>",
]
RECORDINGS = [
    "Recording: https://youtu.be/k448ada9aFQ",
    "Recording:",
    "Recording: not a link",
    "Recording: https://drive.google.com/file/d/1uB5mQapsqxMkG5BwtrGHmeUgN9K28XBI/Transcripts: https://drive.google.com/file/d/1mNb84",
    "Transcripts: https://drive.google.com/file/d/1ioVXcHiuD-xr5RQTh5OSGbpmhUtlDiO_/view?usp=sharing",
    "Transcripts:",
    "Transcripts: Agenda:",
    "Transcript: https://example.org/t Notes: first note",
]
MARKERS = [
    "",
    "o ",
    "O ",
    "0 ",
    "○ ",
    "■ ",
    "**■** ",
    "▪ ",
    "● ",
    "i. ",
    "ii. ",
    "iii. ",
    "iv. ",
    "1. ",
    "2. ",
    "3. ",
]
BULLETS = ["- ", " - ", "  - ", "\t- ", "• ", "* ", "● ", "-"]
BOXES = ["", "[ ]", "[x]", "[X]", "\\checkmark", "$\\overline{\\mathbf{A}}$", "☐", "☑", "✓", "?!"]
FENCES = [
    [
        '"Route": {',
        '  "columns": {',
        '    "datapath": {"type": {"key": {"type": "uuid", "refTable": "Datapath_Binding"}}},',
        '    "ip prefix": {"type": "string"}},',
        '  "indexes": [["datapath", "ip_prefix"]],',
        '  "isRoot": true}',
    ],
    ['"T": {"columns": {"a": {"type": "integer"}, "a": {"type": "string"}}, "isRoot": false}'],
    ['{"not": "closed"', "\x01 raw control \x1b[31m"],
    ["plain code", "  indented code", "- not a bullet", "Dec 15, 2025 | OVN Community Meeting"],
]
HOSTILE_CHARS = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
    "\u00a0",
    "\u2000",
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u2018",
    "\u2019",
    "\u201c",
    "\u201d",
    "\t",
    "\u2028",
    "\u2029",
    "\ufffd",
    "\u202e",
    "é",
    "☃",
    "\ufdd0",
    "\ufdd1",
    "\u2066",
    "\u200f",
    "\U0001f600",
    "|",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "`",
    "*",
    "$",
    "\\",
    ";",
    ",",
    '"',
    "'",
    "=",
    "@",
    "#",
    "-",
]
RUNS = [
    "(",
    "[",
    "-",
    "<u>",
    "|",
    " ",
    "- ",
    "https://",
    "a@",
    "$\\",
    "\\x{",
    "**",
    ")",
    "`",
    "\t",
    "<u>a</u>",
    ":",
]
LINE_ENDS = ["\n", "\r\n", "\r"]
CASE_TWINS = {"s": "ſ", "S": "ſ", "k": "\u212a", "K": "\u212a", "i": "\u0130", "I": "\u0131", "t": "T"}
"""Letters and what a case-blind expression also accepts for them (long s, Kelvin sign, dotted and dotless i)."""


class Chooser(Protocol):
    """What the grammar asks of its driver."""

    def choice(self, options: Sequence[T]) -> T: ...

    def integer(self, low: int, high: int) -> int: ...

    def chance(self, probability: float) -> bool: ...

    def text(self, max_size: int) -> str: ...


class _HypothesisChooser:
    def __init__(self, draw: Callable) -> None:
        self.draw = draw

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def chance(self, probability: float) -> bool:
        # Shrinks towards 0, that is towards False: fewer optional parts, less damage.
        return self.draw(st.integers(0, 999)) >= 1000 - int(probability * 1000)

    def text(self, max_size: int) -> str:
        return self.draw(st.text(st.characters(codec="utf-8"), max_size=max_size))


class RandomChooser:
    """The fast driver: a seeded ``random.Random``."""

    _ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,:;!?/-_()[]<>" + "".join(HOSTILE_CHARS)

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def text(self, max_size: int) -> str:
        size = self.rng.randint(0, max_size)
        if self.rng.random() < 0.1:  # now and then any code point (but no surrogate: files are UTF-8)
            return "".join(
                chr(self.rng.choice([self.rng.randint(0x20, 0xD7FF), self.rng.randint(0xE000, 0x10FFFF)]))
                for _ in range(size)
            )
        return "".join(self.rng.choice(self._ALPHABET) for _ in range(size))


# -- the grammar -------------------------------------------------------------------------------------


def _date(c: Chooser) -> str:
    month, day, year = c.choice(MONTHS), c.choice(DAYS), c.choice(YEARS)
    return c.choice([f"{month} {day}, {year}", f"{month}. {day} {year}", f"{month} {day} {year}"])


def heading(c: Chooser) -> str:
    return c.choice(HEADING_FORMS).format(date=_date(c), iso=c.choice(ISO_DATES))


def _item_text(c: Chooser) -> str:
    words = []
    if c.chance(0.5):
        words.append(c.choice(KNOWN_SPEAKERS) if c.chance(0.8) else c.choice(OTHER_GROUPS))
    words.append(c.choice(PHRASES))
    for _ in range(c.integer(0, 2)):
        if c.chance(0.5):
            words.append(c.choice(INLINE))
    if c.chance(0.1):
        words.append(c.choice(PHRASES))
    return " ".join(words)


def _metadata(c: Chooser) -> list[str]:
    lines = []
    if c.chance(0.6):
        names = [c.choice(ATTENDEES) for _ in range(c.integer(0, 4))]
        separator = c.choice([" ", ", ", ",", "; "])
        if c.chance(0.3):
            lines += ["Attendees:", "", separator.join(names)]
        else:
            lines.append(("Attendees: " + separator.join(names)).rstrip())
    for _ in range(c.integer(0, 2)):
        lines.append(c.choice(RECORDINGS))
    return lines


def _bullet(c: Chooser) -> list[str]:
    lines = [c.choice(BULLETS) + c.choice(MARKERS) + _item_text(c)]
    for _ in range(c.integer(0, 1) if c.chance(0.2) else 0):
        lines.append(c.choice(["wraps here", "continues the text", "XR6h1/view", "  indented continuation"]))
    return lines


def _body(c: Chooser, action_items: bool) -> list[str]:
    lines: list[str] = []
    for _ in range(c.integer(0, 8)):
        kind = c.integer(0, 19)
        if action_items and kind < 8:
            lines.append(f"{c.choice(BOXES)}\t{c.choice(PHRASES)}")
        elif kind < 14:
            lines += _bullet(c)
        elif kind < 15:
            lines.append("")
        elif kind < 16:
            fence = list(c.choice(FENCES))
            lines += ["", "```", *fence] + ([] if c.chance(0.1) else ["```"])
        elif kind < 17:
            lines.append(c.choice(["•", "- ", "-", "o", "■", ".", "(", "|"]))
        elif kind < 18:
            lines += ["", _item_text(c)]  # a paragraph
        else:
            lines += [c.choice(KNOWN_SPEAKERS) + " " + c.choice(PHRASES)]
    return lines


def _meeting(c: Chooser) -> list[str]:
    lines = [heading(c)]
    if c.chance(0.8):
        lines.append("")
    lines += _metadata(c)
    if c.chance(0.3):
        lines += _body(c, action_items=False)  # items before any section heading
    for _ in range(c.integer(0, 3)):
        section = c.choice(SECTIONS)
        lines += ["", section, ""] if c.chance(0.7) else [section]
        lines += _body(c, action_items=section.lower().startswith("action"))
    return lines


def _damage(c: Chooser, lines: list[str], rate: float) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not c.chance(rate):
            out.append(line)
            continue
        what = c.integer(0, 9)
        if what == 0 and line:  # a hostile character somewhere
            at = c.integer(0, len(line))
            line = line[:at] + c.choice(HOSTILE_CHARS) + line[at:]
        elif what == 1 and line:  # a cut
            at = c.integer(0, len(line))
            line = line[:at] + line[at + c.integer(1, 5) :]
        elif what == 2:  # truncated
            line = line[: c.integer(0, len(line))]
        elif what == 3:  # duplicated
            out.append(line)
        elif what == 4:  # random text instead
            line = c.text(30)
        elif what == 5:  # a pathological run
            run = c.choice(RUNS) * c.integer(1, 200)
            at = c.integer(0, len(line))
            line = line[:at] + run + line[at:]
        elif what == 6:  # indentation changed
            line = c.choice(["", " ", "  ", "\t", "\u00a0"]) + line.lstrip()
        elif what == 7 and out:  # swapped with the line before
            out[-1], line = line, out[-1]
        elif what == 8:  # letters that re.IGNORECASE folds but str.lower keeps (NOTEſ, Action İtems)
            twin = c.choice(sorted(CASE_TWINS))
            line = line.replace(twin, CASE_TWINS[twin], 1) if twin in line else line + CASE_TWINS[twin]
        else:  # random text appended
            line = line + c.text(10)
        out.append(line)
    return out


def build_document(c: Chooser) -> str:
    """A whole notes text: preamble, meetings, damage, line ends."""
    lines: list[str] = []
    if c.chance(0.1):
        lines += [c.choice(["OVN community meeting notes", "Meeting notes are below.", c.text(20)]), ""]
    for _ in range(c.integer(0, 4)):
        lines += _meeting(c)
        if c.chance(0.8):
            lines.append("")
    rate = c.choice([0.0, 0.0, 0.02, 0.1, 0.4])
    if rate:
        lines = _damage(c, lines, rate)
    if c.chance(0.2):  # mixed line ends
        text = "".join(line + c.choice(LINE_ENDS) for line in lines)
    else:
        end = c.choice(LINE_ENDS) if c.chance(0.3) else "\n"
        text = end.join(lines) + (end if c.chance(0.8) else "")
    if c.chance(0.05):
        text = "\ufeff" + text
    return text


@st.composite
def notes_documents(draw: Callable) -> str:
    """A Hypothesis strategy for notes texts (see the module docstring)."""
    return build_document(_HypothesisChooser(draw))


def random_document(rng: random.Random) -> str:
    """The same grammar driven by ``rng``: fast, for fuzzing many inputs."""
    return build_document(RandomChooser(rng))
