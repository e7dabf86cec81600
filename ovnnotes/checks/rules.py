"""Every diagnostic ovnnotes can report: a stable code, a default severity and a fix hint.

Codes never change meaning once released. Prefixes: ``ONI`` input/encoding, ``ONP`` parsing,
``ONL`` lint (content rules), ``ONR`` people registry, ``ONS`` proposed OVSDB schemas,
``ONJ`` JSON documents, ``ONM`` milestones and action items.
The README's rule table is generated from this module (``python -m ovnnotes.checks.rules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Diagnostic, Severity
from ..vocabulary.labels import SERIES_TITLE


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    hint: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule(
            "ONI001",
            "empty-input",
            _W,
            "The input has no meetings at all.",
            f"Add a meeting heading such as `Dec 15, 2025 | {SERIES_TITLE}`.",
        ),
        Rule(
            "ONI002",
            "invalid-utf8",
            _E,
            "The file is not valid UTF-8.",
            "Re-save the file as UTF-8, or pass `--encoding-errors replace`.",
        ),
        Rule(
            "ONI003",
            "unreadable-file",
            _E,
            "The file cannot be read (missing, a directory, or binary).",
            "Check the path; only notes text (.txt, .md) and JSON documents (.json) are read.",
        ),
        Rule(
            "ONI004",
            "control-character",
            _W,
            "The line contains a control character, which was removed.",
            "Delete the invisible character (often pasted from another program).",
        ),
        Rule(
            "ONI005",
            "bidi-control",
            _W,
            "The line contains a bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which can make a name or a "
            "link look like another; it was kept.",
            "Delete the invisible character unless the text really needs it (often pasted from another program).",
        ),
        Rule(
            "ONI010",
            "not-notes",
            _I,
            "A `.txt` or `.md` file found in a folder has no meeting heading, so it was not read as notes.",
            "Nothing to do if it is not notes; name the file on the command line to read it anyway, or add its meeting headings.",
        ),
        Rule(
            "ONI011",
            "not-a-document",
            _I,
            "A `.json` file found in a folder is not an ovnnotes document, so it was not validated.",
            "Nothing to do if it is another tool's file; name it on the command line to validate it anyway.",
        ),
        Rule(
            "ONP101",
            "bad-meeting-heading",
            _E,
            "A line looks like a meeting heading but its date cannot be read.",
            f"Write the heading as `Mon D, YYYY | {SERIES_TITLE}` (e.g. `Dec 15, 2025 | {SERIES_TITLE}`).",
        ),
        Rule(
            "ONP102",
            "text-before-first-meeting",
            _W,
            "Text comes before the first meeting heading, so it belongs to no meeting.",
            "Move the text under a meeting heading, or delete it.",
        ),
        Rule(
            "ONP103",
            "unplaced-line",
            _W,
            "The parser could not place this line in a meeting.",
            "Put the line under a section (`Agenda`, `Notes`, `Action items`) as a `- ` bullet.",
        ),
        Rule(
            "ONP104",
            "empty-bullet",
            _I,
            "A bullet with no text (a lone `-`, `•`, `.` or glyph) was dropped.",
            "Delete the empty bullet, or write its text.",
        ),
        Rule(
            "ONP105",
            "unclosed-code-fence",
            _E,
            "A ``` code block is never closed.",
            "Add a closing ``` line after the block.",
        ),
        Rule(
            "ONP106",
            "glued-urls",
            _W,
            "Two URLs or a URL and a label were glued together; they were split.",
            "Put a space or a line break between the URL and what follows it.",
        ),
        Rule(
            "ONP107",
            "broken-url",
            _W,
            "A URL seems to be broken by a space; it was kept up to the space.",
            "Remove the space from the URL (exports often turn `_` into a space).",
        ),
        Rule(
            "ONP108",
            "unknown-checkbox",
            _I,
            "An action item's checkbox glyph is not recognised, so its status is unknown.",
            "Use `[ ]` for open and `[x]` for done.",
        ),
        Rule(
            "ONP109",
            "duplicate-section",
            _I,
            "A section heading appears twice in one meeting; the items are kept in order.",
            "Merge the two sections.",
        ),
        Rule(
            "ONP110",
            "orphaned-line",
            _I,
            "The line belongs to a meeting whose heading cannot be read (see the ONP101 error), so it was not parsed.",
            "Fix the meeting heading's date; the line is parsed again then.",
        ),
        Rule(
            "ONP111",
            "markdown-indentation",
            _W,
            "Markdown reads this line's indentation differently from how it looks (a misaligned sibling, or a sub-item indented so far it becomes "
            "text or a code block).",
            "Indent a sub-item 2 to 4 spaces deeper than its parent's bullet and keep siblings aligned; fence code with ```.",
        ),
        Rule(
            "ONP112",
            "unsafe-link",
            _W,
            "A link's target is not an http, https, mailto or ftp URL (e.g. `javascript:`, `data:`, `file:` or a relative path); it was kept as "
            "text, not as a link.",
            "Link to an `https://` address, or write the text without a link.",
        ),
        Rule(
            "ONP113",
            "fence-after-label",
            _W,
            "A ``` code fence follows a label on the same line (`Transcripts: ```), where it opens no code block.",
            "Put the ``` fence on a line of its own, after the label's line.",
        ),
        Rule(
            "ONP120",
            "name-by-first-name",
            _I,
            "A speaker or attendee was matched to a person of the people registry by first name alone (only one person has it).",
            "Write the handle or the full name, or add the first name to the person's `aliases` in `seeds/people.toml`.",
        ),
        Rule(
            "ONP121",
            "markdown-bullets-after-fence",
            _I,
            "Bullets after a fenced code block were indented 4 or more spaces, which Markdown reads as a code block; they were read as the list "
            "items they are, continuing the list the code block interrupted.",
            "Indent the code block's fence with the list item it belongs to, or keep the bullets after it less than 4 spaces past the margin.",
        ),
        Rule(
            "ONP130",
            "markdown-not-kept",
            _W,
            "This Markdown cannot be held by the notes' model, so `ovnnotes fmt` does not write it back as it is (a quote inside a quote, a link "
            "reference definition, HTML before the first meeting).",
            "Use one level of quotes, inline links `[text](url)`, and put comments inside a meeting.",
        ),
        Rule(
            "ONL201",
            "unknown-speaker",
            _W,
            "A speaker handle is not in the people registry.",
            "Fix the handle's spelling, or add the person (or the alias) to `seeds/people.toml`.",
        ),
        Rule(
            "ONL202",
            "unknown-attendee",
            _W,
            "An attendee is not in the people registry.",
            "Fix the name's spelling, or add the person to `seeds/people.toml`.",
        ),
        Rule(
            "ONL203",
            "meetings-out-of-order",
            _W,
            "Meetings are not in a consistent date order.",
            "Keep meetings newest first (or oldest first) throughout the file.",
        ),
        Rule(
            "ONL204",
            "duplicate-meeting",
            _W,
            "Two meetings have the same date.",
            "Merge the two meetings, or correct the date of one.",
        ),
        Rule(
            "ONL205",
            "unusual-weekday",
            _W,
            "The meeting's weekday differs from the series' usual weekday.",
            "Check the date: a typo often moves a meeting by one day.",
        ),
        Rule(
            "ONL206", "future-date", _W, "The meeting date is in the future.", "Check the year and the date."
        ),
        Rule(
            "ONL207",
            "empty-meeting",
            _W,
            "The meeting has no items, attendees or links.",
            "Add the agenda or notes, or delete the heading.",
        ),
        Rule(
            "ONL208",
            "missing-attendees",
            _I,
            "The meeting has an `Attendees:` line with no names.",
            "List the attendees, or delete the empty line.",
        ),
        Rule(
            "ONR401",
            "registry-invalid",
            _E,
            "The people registry cannot be read.",
            "Fix the TOML syntax; each person is a `[[person]]` table with `id` and `name`.",
        ),
        Rule(
            "ONR402",
            "registry-duplicate-id",
            _E,
            "Two people in the registry have the same id.",
            "Give each person a unique id, or merge the entries.",
        ),
        Rule(
            "ONR403",
            "registry-shared-alias",
            _E,
            "An alias, name or email is claimed by two people.",
            "Keep the alias on one person only; remove ambiguous short names.",
        ),
        Rule(
            "ONR404",
            "registry-unsorted",
            _W,
            "Registry entries are not sorted by id.",
            "Sort the `[[person]]` entries by id.",
        ),
        Rule(
            "ONR405",
            "registry-bad-entry",
            _E,
            "A registry entry has a missing or malformed field.",
            "Each person needs a slug `id` (lowercase, dashes), a `name`, and lists for `aliases` and `emails`.",
        ),
        Rule(
            "ONS301",
            "schema-invalid-json",
            _E,
            "A proposed schema is not valid JSON.",
            "Fix the JSON syntax at the given position.",
        ),
        Rule(
            "ONS302",
            "schema-invalid-name",
            _E,
            "A table or column name is not a valid OVSDB identifier.",
            "Use letters, digits and `_` only, starting with a letter or `_`.",
        ),
        Rule(
            "ONS303",
            "schema-unknown-index-column",
            _E,
            "An index names a column the table does not have.",
            "Name an existing column in the index.",
        ),
        Rule(
            "ONS304",
            "schema-duplicate-key",
            _E,
            "A JSON object has the same key twice.",
            "Remove or rename the duplicate key.",
        ),
        Rule(
            "ONS305",
            "schema-bad-enum",
            _E,
            'An `enum` is not written as `["set", [...]]`.',
            'Write the enum as `["set", ["a", "b"]]`.',
        ),
        Rule(
            "ONS306",
            "schema-unknown-ref-table",
            _W,
            "A `refTable` names a table that is not known.",
            "Check the table name, or validate against the full schema with `--against`.",
        ),
        Rule(
            "ONS307",
            "schema-ovs-error",
            _E,
            "The `ovs` library rejects the proposed table.",
            "Fix the table definition as the message says.",
        ),
        Rule(
            "ONS308",
            "schema-bad-type",
            _E,
            "A column type is malformed.",
            'Use an atomic type (`string`, `integer`, `real`, `boolean`, `uuid`) or a `{"key": ...}` type object.',
        ),
        Rule(
            "ONJ501",
            "json-invalid",
            _E,
            "The file is not valid JSON.",
            "Fix the JSON syntax at the given position.",
        ),
        Rule(
            "ONJ502",
            "json-schema-violation",
            _E,
            "The JSON document does not match the ovnnotes schema.",
            "Regenerate the document with `ovnnotes export --format json`, or fix the field named.",
        ),
        Rule(
            "ONJ503",
            "json-unsupported-version",
            _E,
            "The document's `schema_version` has a major version this ovnnotes does not know.",
            "Validate with a matching ovnnotes release, or re-export the document.",
        ),
        Rule(
            "ONM601",
            "milestone-relative-date",
            _I,
            "A milestone date is relative (e.g. `in 2 weeks`); it was resolved against the meeting date and marked approximate.",
            "Write the absolute date (e.g. `Jan 23, 2026`).",
        ),
        Rule(
            "ONM602",
            "milestone-unresolved-date",
            _W,
            "A milestone's date could not be resolved.",
            "Write the date as `Mon D` or `Mon D, YYYY`.",
        ),
        Rule(
            "ONM603",
            "action-unassigned",
            _I,
            "An action item's owner cannot be resolved to one person.",
            "Start the action item with the owner's name or handle.",
        ),
        Rule(
            "ONM604",
            "owner-by-first-name",
            _I,
            "An action item's owner was matched to a person of the people registry by first name alone (only one person has it).",
            "Write the owner's handle or full name, or add the first name to the person's `aliases` in `seeds/people.toml`.",
        ),
        Rule(
            "ONM610",
            "milestone-date-moved",
            _I,
            "Mentions of one release milestone give different dates; the calendar keeps an event for each date.",
            "If the date moved, nothing to do; if one date is a mistake, correct it.",
        ),
        Rule(
            "ONM620",
            "release-off-cadence",
            _I,
            "A release number is not on the project's release cadence (OVN releases in March and September, YY.03 and YY.09, since 24.03); the "
            "release is kept as written.",
            "Check the number (often a typo for the nearest cadence release, which the message names).",
        ),
        Rule(
            "ONM621",
            "release-inferred",
            _I,
            "A release was named without its number (`the next release`, a features list or a soft freeze that names none); it was resolved from the "
            "meeting date and the OVN release cadence.",
            "Write the release number (e.g. `OVN 26.03 soft freeze ...`, `OVN 26.03 features:`).",
        ),
    ]
}


REGISTRY_DEPENDENT = frozenset({"ONL201", "ONL202", "ONM603"})
"""Findings that mean something only with a readable people registry: when it cannot be read
(``ONR401``), every speaker, attendee and owner is unknown, so ``validate`` does not show them."""


def prefixes() -> list[str]:
    """The rule families (`ONI`, `ONP`, ...), in table order."""
    return list(dict.fromkeys(code[:3] for code in RULES))


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """The ``--select``/``--ignore`` values that are neither a code nor the prefix of one."""
    codes = [code.upper() for code in RULES]
    wanted = [s.strip() for s in selectors if s.strip()]
    return [s for s in wanted if not any(code.startswith(s.upper()) for code in codes)]


@dataclass(frozen=True)
class Example:
    """Input that triggers a rule: a file's name and text (``data`` when it is not text)."""

    file: str
    text: str
    data: bytes | None = None
    also: tuple[tuple[str, str], ...] = ()
    """Other files the example needs beside it (name, text), e.g. notes for a registry rule."""
    args: tuple[str, ...] = ()
    """Extra ``validate`` options the example needs."""

    def content(self) -> bytes:
        return self.data if self.data is not None else self.text.encode("utf-8")


_HEAD = f"Dec 15, 2025 | {SERIES_TITLE}\n"
_NOTES = (("notes.txt", _HEAD + "- (dceara) topic\n"),)


def _proposal(body: str) -> str:
    return _HEAD + "- (dceara) proposal:\n\n```\n" + body + "\n```\n"


EXAMPLES: dict[str, Example] = {
    "ONI001": Example("notes.txt", "Minutes of the call: nothing was decided.\n"),
    "ONI002": Example(
        "notes.txt",
        _HEAD + "- caf\\xe9 au lait (a Latin-1 byte)\n",
        data=(_HEAD + "- caf\xe9 au lait\n").encode("latin-1"),
    ),
    "ONI003": Example(
        "notes.txt",
        "\\x89PNG\\r\\n\\x1a\\n\\x00... (an image saved as .txt)\n",
        data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ),
    "ONI004": Example(
        "notes.txt",
        _HEAD + "- (dceara) topic\\x07 with a bell character\n",
        data=(_HEAD + "- (dceara) topic\x07 with a bell character\n").encode(),
    ),
    "ONI005": Example(
        "notes.txt",
        _HEAD
        + "- (dceara) review https://github.com/ovn-org/ovn/pull/1\\u202e23 (a right-to-left override)\n",
        data=(_HEAD + "- (dceara) review https://github.com/ovn-org/ovn/pull/1\u202e23\n").encode(),
    ),
    "ONI010": Example("README.txt", "How we take notes: one file per year.\n", also=_NOTES),
    "ONI011": Example("package.json", '{"name": "site", "version": "1.0.0"}\n', also=_NOTES),
    "ONP101": Example("notes.txt", "Feb 30, 2025 | OVN Community Meeting\n- (dceara) topic\n"),
    "ONP102": Example("notes.txt", "Some stray text\n\n" + _HEAD + "- (dceara) topic\n"),
    "ONP103": Example("notes.txt", _HEAD + "Recording: see the video\n- (dceara) topic\n"),
    "ONP104": Example("notes.txt", _HEAD + "- (dceara) topic\n- \u2022\n"),
    "ONP105": Example("notes.txt", _HEAD + '- (dceara) topic\n```\n{"a": 1}\n'),
    "ONP106": Example("notes.txt", _HEAD + "- (dceara) see https://a.example/xhttps://b.example/y\n"),
    "ONP107": Example(
        "notes.txt", _HEAD + "Recording: https://drive.example/file/d/1UvW9 XR6h1/view\n- (dceara) topic\n"
    ),
    "ONP108": Example(
        "notes.txt", _HEAD + "- (dceara) topic\n\nAction items\n\n??\tDumitru will send the dates\n"
    ),
    "ONP109": Example("notes.txt", _HEAD + "Agenda\n- (dceara) topic\nAgenda\n- (numans) other\n"),
    "ONP110": Example(
        "notes.txt", _HEAD + "- (dceara) topic\n\nDec 45, 2025 | OVN Community Meeting\n- lost item\n"
    ),
    "ONP112": Example(
        "notes.md",
        "## Dec 15, 2025 | OVN Community Meeting\n\n- (dceara) see [the patch](javascript:alert(1))\n",
    ),
    "ONP113": Example("notes.txt", _HEAD + 'Transcripts: ```\n"T": {}\n```\n'),
    "ONP120": Example("notes.txt", _HEAD + "- (dceara) IPsec offload\n - (Lorenzo) v2 is almost ready\n"),
    "ONP121": Example(
        "notes.md",
        '## Dec 15, 2025 | OVN Community Meeting\n\n* (dceara) SB schema proposal\n    * draft table:\n\n```\n"T": {}\n```\n\n        * (numans) why '
        "a string?\n",
    ),
    "ONP130": Example(
        "notes.md",
        "## Dec 15, 2025 | OVN Community Meeting\n\n- (dceara) topic\n\n> > a quote inside a quote\n",
    ),
    "ONP111": Example(
        "notes.md",
        "## Dec 15, 2025 | OVN Community Meeting\n\n- (dceara) topic\n - (numans) a sibling indented by one space\n",
    ),
    "ONL201": Example("notes.txt", _HEAD + "- (dceara) topic\n - (zorglub) who is this?\n"),
    "ONL202": Example("notes.txt", _HEAD + "Attendees: Dumitru Ceara Zorg Lub\n- (dceara) topic\n"),
    "ONL203": Example(
        "notes.txt",
        _HEAD
        + "- a\n\nNov 3, 2025 | OVN Community Meeting\n- b\n\nNov 24, 2025 | OVN Community Meeting\n- c\n\n"
        "Oct 6, 2025 | OVN Community Meeting\n- d\n",
    ),
    "ONL204": Example("notes.txt", _HEAD + "- a\n\n" + _HEAD + "- b\n"),
    "ONL205": Example(
        "notes.txt",
        _HEAD
        + "- a\n\nDec 8, 2025 | OVN Community Meeting\n- b\n\nDec 2, 2025 | OVN Community Meeting\n- c\n\n"
        "Nov 24, 2025 | OVN Community Meeting\n- d\n",
    ),
    "ONL206": Example("notes.txt", _HEAD + "- (dceara) topic\n", args=("--today", "2025-01-01")),
    "ONL207": Example("notes.txt", _HEAD + "- a\n\nDec 8, 2025 | OVN Community Meeting\n\n"),
    "ONL208": Example("notes.txt", _HEAD + "Attendees:\n\n- (dceara) topic\n"),
    "ONR401": Example("people.toml", '[[person]]\nid = "a\nname = 1\n', also=_NOTES),
    "ONR402": Example(
        "people.toml",
        '[[person]]\nid = "ann"\nname = "Ann"\n\n[[person]]\nid = "ann"\nname = "Ann Other"\n',
        also=_NOTES,
    ),
    "ONR403": Example(
        "people.toml",
        '[[person]]\nid = "ann"\nname = "Ann"\naliases = ["A"]\n\n[[person]]\nid = "bob"\nname = "Bob"\naliases = ["a"]\n',
        also=_NOTES,
    ),
    "ONR404": Example(
        "people.toml",
        '[[person]]\nid = "bob"\nname = "Bob"\n\n[[person]]\nid = "ann"\nname = "Ann"\n',
        also=_NOTES,
    ),
    "ONR405": Example("people.toml", '[[person]]\nid = "Not A Slug"\nname = "Ann"\n', also=_NOTES),
    "ONS301": Example("notes.txt", _proposal('"T": {"columns": {"a": {"type": "string"},, }}')),
    "ONS302": Example("notes.txt", _proposal('"T": {"columns": {\n  "ip prefix": {"type": "string"}}}')),
    "ONS303": Example(
        "notes.txt", _proposal('"T": {"columns": {"a": {"type": "string"}},\n  "indexes": [["b"]]}')
    ),
    "ONS304": Example(
        "notes.txt", _proposal('"T": {"columns": {"a": {"type": "string"},\n  "a": {"type": "integer"}}}')
    ),
    "ONS305": Example(
        "notes.txt",
        _proposal('"T": {"columns": {"kind": {"type": {"key": {"type": "string",\n  "enum": ["a", "b"]}}}}}'),
    ),
    "ONS306": Example(
        "notes.txt",
        _proposal('"T": {"columns": {"dp": {"type": {"key": {"type": "uuid",\n  "refTable": "Nowhere"}}}}}'),
    ),
    "ONS307": Example("notes.txt", _proposal('"T": {"columns": {"a": {"type": "string"}},\n  "maxRows": 0}')),
    "ONS308": Example("notes.txt", _proposal('"T": {"columns": {\n  "a": {"type": "text"}}}')),
    "ONJ501": Example("doc.json", '{\n  "schema_version": "1.1.0",\n  "meetings": [,]\n}\n'),
    "ONJ502": Example(
        "doc.json",
        '{"schema_version": "1.1.0", "generator": {"name": "ovnnotes", "version": "0.1.0"}, "meetings": "none"}\n',
    ),
    "ONJ503": Example(
        "doc.json", '{"schema_version": "9.0.0", "generator": {"name": "ovnnotes", "version": "9.0.0"}}\n'
    ),
    "ONM601": Example("notes.txt", _HEAD + "- (dceara) OVN 26.03 soft freeze in 2 weeks\n"),
    "ONM602": Example("notes.txt", _HEAD + "- (dceara) OVN 26.03 soft freeze on Feb 30\n"),
    "ONM603": Example(
        "notes.txt", _HEAD + "- (dceara) topic\n\nAction items\n\n\tSomeone should write the docs\n"
    ),
    "ONM604": Example("notes.txt", _HEAD + "- (dceara) IPsec offload\n - Lorenzo to send v2 next week\n"),
    "ONM620": Example(
        "notes.txt",
        "Mar 19, 2024 | OVN Community Meeting\n- (dceara) OVN 24.06 planning\n - DHCP relay agent\n",
    ),
    "ONM621": Example("notes.txt", _HEAD + "- (dceara) Ongoing features:\n - distributed load balancers\n"),
    "ONM610": Example(
        "notes.txt",
        _HEAD
        + "- (dceara) OVN 26.03 soft freeze moved to Jan 30\n\nDec 1, 2025 | OVN Community Meeting\n- (dceara) OVN 26.03 soft freeze is scheduled for Jan 23\n",
    ),
}
"""An input that triggers each rule (``ovnnotes rules CODE`` shows it; a test runs every one)."""


def explain(code: str) -> str:
    """What ``ovnnotes rules CODE`` prints: name, severity, meaning, example and fix."""
    rule = RULES[code]
    out = [f"{rule.code} {rule.name} ({rule.severity.value})", "", rule.summary, ""]
    example = EXAMPLES.get(code)
    if example is not None:
        beside = f", beside {', '.join(name for name, _ in example.also)}" if example.also else ""
        out.append(f"Example ({example.file}{beside}):")
        out += [("    " + line).rstrip() for line in example.text.splitlines()]
        out.append("")
    out.append(f"How to fix: {rule.hint}")
    return "\n".join(out) + "\n"


def diagnostic(
    code: str,
    path: str,
    line: int,
    column: int,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Build a diagnostic for a known rule; the hint and severity default to the rule's."""
    rule = RULES[code]
    return Diagnostic(
        code=code,
        severity=severity or rule.severity,
        path=printable(path),
        line=line,
        column=column,
        message=printable(message),
        hint=printable(rule.hint if hint is None else hint),
    )


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with lone surrogates (from a JSON ``\\ud800`` escape, an undecodable file name)
    written as ``\\udXXX``: they cannot be printed or encoded as UTF-8."""
    if text.isascii():
        return text
    return _SURROGATE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def markdown_table() -> str:
    """The README's rule table."""
    rows = ["| code | name | severity | what it means | how to fix |", "|---|---|---|---|---|"]
    for rule in RULES.values():
        rows.append(f"| `{rule.code}` | {rule.name} | {rule.severity.value} | {rule.summary} | {rule.hint} |")
    return "\n".join(rows)


README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def with_readme_table(readme: str) -> str:
    """The README text with its rule table regenerated between the markers."""
    head, rest = readme.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{markdown_table()}\n{README_END}{tail}"


if __name__ == "__main__":  # pragma: no cover - `python -m ovnnotes.checks.rules` rewrites README.md's table
    from pathlib import Path

    readme = Path("README.md")
    readme.write_text(with_readme_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
