"""Every diagnostic ovnnotes can report: a stable code, a default severity and a fix hint.

Codes never change meaning once released. Prefixes: ``ONI`` input/encoding, ``ONP`` parsing,
``ONL`` lint (content rules), ``ONR`` people registry, ``ONS`` proposed OVSDB schemas,
``ONJ`` JSON documents, ``ONM`` milestones and action items.
The README's rule table is generated from this module (``python -m ovnnotes.rules``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Diagnostic, Severity


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
        Rule("ONI001", "empty-input", _W, "The input has no meetings at all.", "Add a meeting heading such as `Dec 15, 2025 | OVN Community Meeting`."),
        Rule("ONI002", "invalid-utf8", _E, "The file is not valid UTF-8.", "Re-save the file as UTF-8, or pass `--encoding-errors replace`."),
        Rule("ONI003", "unreadable-file", _E, "The file cannot be read (missing, a directory, or binary).", "Check the path; only notes text (.txt, .md) and JSON documents (.json) are read."),
        Rule("ONI004", "control-character", _W, "The line contains a control character, which was removed.", "Delete the invisible character (often pasted from another program)."),
        Rule("ONI005", "bidi-control", _W, "The line contains a bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which can make a name or a link look like another; it was kept.", "Delete the invisible character unless the text really needs it (often pasted from another program)."),
        Rule("ONP101", "bad-meeting-heading", _E, "A line looks like a meeting heading but its date cannot be read.", "Write the heading as `Mon D, YYYY | OVN Community Meeting` (e.g. `Dec 15, 2025 | OVN Community Meeting`)."),
        Rule("ONP102", "text-before-first-meeting", _W, "Text comes before the first meeting heading, so it belongs to no meeting.", "Move the text under a meeting heading, or delete it."),
        Rule("ONP103", "unplaced-line", _W, "The parser could not place this line in a meeting.", "Put the line under a section (`Agenda`, `Notes`, `Action items`) as a `- ` bullet."),
        Rule("ONP104", "empty-bullet", _I, "A bullet with no text (a lone `-`, `•`, `.` or glyph) was dropped.", "Delete the empty bullet, or write its text."),
        Rule("ONP105", "unclosed-code-fence", _E, "A ``` code block is never closed.", "Add a closing ``` line after the block."),
        Rule("ONP106", "glued-urls", _W, "Two URLs or a URL and a label were glued together; they were split.", "Put a space or a line break between the URL and what follows it."),
        Rule("ONP107", "broken-url", _W, "A URL seems to be broken by a space; it was kept up to the space.", "Remove the space from the URL (exports often turn `_` into a space)."),
        Rule("ONP108", "unknown-checkbox", _I, "An action item's checkbox glyph is not recognised, so its status is unknown.", "Use `[ ]` for open and `[x]` for done."),
        Rule("ONP109", "duplicate-section", _I, "A section heading appears twice in one meeting; the items are kept in order.", "Merge the two sections."),
        Rule("ONP110", "orphaned-line", _I, "The line belongs to a meeting whose heading cannot be read (see the ONP101 error), so it was not parsed.", "Fix the meeting heading's date; the line is parsed again then."),
        Rule("ONP111", "markdown-indentation", _W, "Markdown reads this line's indentation differently from how it looks (a misaligned sibling, or a sub-item indented so far it becomes text or a code block).", "Indent a sub-item 2 to 4 spaces deeper than its parent's bullet and keep siblings aligned; fence code with ```."),
        Rule("ONP112", "unsafe-link", _W, "A link's target is not an http, https, mailto or ftp URL (e.g. `javascript:`, `data:`, `file:` or a relative path); it was kept as text, not as a link.", "Link to an `https://` address, or write the text without a link."),
        Rule("ONP113", "fence-after-label", _W, "A ``` code fence follows a label on the same line (`Transcripts: ```), where it opens no code block.", "Put the ``` fence on a line of its own, after the label's line."),
        Rule("ONL201", "unknown-speaker", _W, "A speaker handle is not in the people registry.", "Fix the handle's spelling, or add the person (or the alias) to `seeds/people.toml`."),
        Rule("ONL202", "unknown-attendee", _W, "An attendee is not in the people registry.", "Fix the name's spelling, or add the person to `seeds/people.toml`."),
        Rule("ONL203", "meetings-out-of-order", _W, "Meetings are not in a consistent date order.", "Keep meetings newest first (or oldest first) throughout the file."),
        Rule("ONL204", "duplicate-meeting", _W, "Two meetings have the same date.", "Merge the two meetings, or correct the date of one."),
        Rule("ONL205", "unusual-weekday", _W, "The meeting's weekday differs from the series' usual weekday.", "Check the date: a typo often moves a meeting by one day."),
        Rule("ONL206", "future-date", _W, "The meeting date is in the future.", "Check the year and the date."),
        Rule("ONL207", "empty-meeting", _W, "The meeting has no items, attendees or links.", "Add the agenda or notes, or delete the heading."),
        Rule("ONL208", "missing-attendees", _I, "The meeting has an `Attendees:` line with no names.", "List the attendees, or delete the empty line."),
        Rule("ONR401", "registry-invalid", _E, "The people registry cannot be read.", "Fix the TOML syntax; each person is a `[[person]]` table with `id` and `name`."),
        Rule("ONR402", "registry-duplicate-id", _E, "Two people in the registry have the same id.", "Give each person a unique id, or merge the entries."),
        Rule("ONR403", "registry-shared-alias", _E, "An alias, name or email is claimed by two people.", "Keep the alias on one person only; remove ambiguous short names."),
        Rule("ONR404", "registry-unsorted", _W, "Registry entries are not sorted by id.", "Sort the `[[person]]` entries by id."),
        Rule("ONR405", "registry-bad-entry", _E, "A registry entry has a missing or malformed field.", "Each person needs a slug `id` (lowercase, dashes), a `name`, and lists for `aliases` and `emails`."),
        Rule("ONS301", "schema-invalid-json", _E, "A proposed schema is not valid JSON.", "Fix the JSON syntax at the given position."),
        Rule("ONS302", "schema-invalid-name", _E, "A table or column name is not a valid OVSDB identifier.", "Use letters, digits and `_` only, starting with a letter or `_`."),
        Rule("ONS303", "schema-unknown-index-column", _E, "An index names a column the table does not have.", "Name an existing column in the index."),
        Rule("ONS304", "schema-duplicate-key", _E, "A JSON object has the same key twice.", "Remove or rename the duplicate key."),
        Rule("ONS305", "schema-bad-enum", _E, "An `enum` is not written as `[\"set\", [...]]`.", "Write the enum as `[\"set\", [\"a\", \"b\"]]`."),
        Rule("ONS306", "schema-unknown-ref-table", _W, "A `refTable` names a table that is not known.", "Check the table name, or validate against the full schema with `--against`."),
        Rule("ONS307", "schema-ovs-error", _E, "The `ovs` library rejects the proposed table.", "Fix the table definition as the message says."),
        Rule("ONS308", "schema-bad-type", _E, "A column type is malformed.", "Use an atomic type (`string`, `integer`, `real`, `boolean`, `uuid`) or a `{\"key\": ...}` type object."),
        Rule("ONJ501", "json-invalid", _E, "The file is not valid JSON.", "Fix the JSON syntax at the given position."),
        Rule("ONJ502", "json-schema-violation", _E, "The JSON document does not match the ovnnotes schema.", "Regenerate the document with `ovnnotes export --format json`, or fix the field named."),
        Rule("ONJ503", "json-unsupported-version", _E, "The document's `schema_version` has a major version this ovnnotes does not know.", "Validate with a matching ovnnotes release, or re-export the document."),
        Rule("ONM601", "milestone-relative-date", _I, "A milestone date is relative (e.g. `in 2 weeks`); it was resolved against the meeting date and marked approximate.", "Write the absolute date (e.g. `Jan 23, 2026`)."),
        Rule("ONM602", "milestone-unresolved-date", _W, "A milestone's date could not be resolved.", "Write the date as `Mon D` or `Mon D, YYYY`."),
        Rule("ONM603", "action-unassigned", _I, "An action item's owner cannot be resolved to one person.", "Start the action item with the owner's name or handle."),
    ]
}


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


if __name__ == "__main__":  # pragma: no cover - `python -m ovnnotes.rules` rewrites README.md's table
    from pathlib import Path

    readme = Path("README.md")
    readme.write_text(with_readme_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
