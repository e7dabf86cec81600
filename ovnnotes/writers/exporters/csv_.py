"""CSV export: one table per file, plus a Frictionless ``datapackage.json`` describing them.

Files (in ``csv/``): ``sources``, ``meetings``, ``meeting_urls``, ``metadata_notes``, ``items``,
``people``, ``attendance``, ``unresolved_attendees``, ``speakers``, ``unresolved_speakers``,
``links`` and ``diagnostics``, and the extracted facts (header only when there are none):
``milestones``, ``action_items``, ``action_owners``, ``unresolved_action_owners``,
``schema_proposals``, ``proposed_tables``, ``proposed_columns``, and the releases: ``releases``,
``release_meetings``, ``release_items``, ``release_milestones`` (one row per date a milestone was
given), ``release_milestone_mentions``, ``release_features``, ``release_feature_mentions`` and
``release_feature_people`` (all ``.csv``). The nested
model is flattened: every item of every tree is one row of ``items.csv`` (pre-order, with
``parent_id``, ``depth`` and ``position``), and every list becomes a link table with a 1-based
``position``. ``datapackage.json`` also records each file's size and SHA-256 (``bytes``,
``hash``), so ``frictionless validate`` notices a stale or edited file.

Format
------
* UTF-8 without a byte-order mark, a header row, ``,`` as delimiter, ``"`` as quote (doubled
  inside a field). Every record ends in ``\\n`` (LF, not CRLF) and the files contain no CR at all:
  CR LF and lone CR in the text become LF. Column order is fixed (see ``datapackage.json``).
* A field is quoted only when it holds ``,``, ``"``, LF, TAB, U+2028 or U+2029. Control
  characters other than LF and TAB (C0, DEL, C1) are removed from text, so the only control
  characters in a file are record-ending LFs and LFs/TABs inside quoted fields. A lone surrogate
  (possible in a Python ``str``, not in UTF-8) becomes U+FFFD.
* Empty cell = ``null`` (or an empty text). Booleans are ``true``/``false``, dates ISO 8601,
  lists of names in one cell (``people.aliases``, ``people.emails``) are joined with ``"; "``
  and JSON values (OVSDB column types, index lists) are compact JSON text.

Formula neutralisation
----------------------
Spreadsheets run a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula (some also after
a leading TAB, CR or LF, or with the full-width ``＝＋－＠``). Every text cell that starts with
one of these characters, or with ``'``, gets a leading ``'``: spreadsheets hide that quote and
show the text as written. To get the original text back, remove one leading ``'`` from any
text cell that starts with one (:func:`unneutralise`); prefixing cells that already start with
``'`` is what makes this exact. Number, date and boolean cells are never changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ...model import (
    ActionItem,
    ActionStatus,
    Diagnostic,
    Document,
    Feature,
    FeatureMention,
    FeatureStatus,
    Item,
    Link,
    LinkKind,
    Meeting,
    MetadataNote,
    Milestone,
    MilestoneDate,
    MilestoneKind,
    MilestoneMention,
    Nesting,
    Person,
    ProposedColumn,
    ProposedTable,
    Release,
    ReleaseMilestone,
    SchemaProposal,
    Section,
    Severity,
    Source,
    describe,
)
from ...vocabulary.characters import NON_WHITESPACE_CONTROL_RE
from . import ExportOptions
from .json_ import SURROGATE, dumps

FORMAT = "csv"
DEFAULT_PATH = "csv/"
FACTS = frozenset({"milestones", "action_items", "schema_proposals", "releases"})
"""The extracted facts this format writes."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "'", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""A text cell starting with one of these gets a leading ``'``."""
_NEEDS_QUOTES = re.compile('[",\n\t\u2028\u2029]')
LIST_SEPARATOR = "; "

Cell = str | int | float | bool | dt.date | Enum | None


# --- cells -------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Text as the CSV carries it: CR LF and CR become LF; other control characters except TAB go.

    A lone surrogate (not encodable as UTF-8) becomes U+FFFD.
    """
    text = SURROGATE.sub("\ufffd", text)
    return NON_WHITESPACE_CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def neutralise(text: str) -> str:
    """Prefix ``'`` to a text a spreadsheet would run as a formula (or that starts with ``'``)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unneutralise(cell: str) -> str:
    """The text a neutralised text cell stands for (the inverse of :func:`neutralise`)."""
    return cell[1:] if cell.startswith("'") else cell


def format_cell(value: Cell) -> str:
    """One value as CSV cell text (before quoting)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(clean_text(str(value)))


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell


def csv_parts(header: Sequence[str], rows: Iterable[Sequence[Cell]], batch: int = 4096) -> Iterator[bytes]:
    """``csv_text`` encoded, a batch of records at a time (never the whole file in memory)."""
    lines = [",".join(_quote(format_cell(name)) for name in header)]
    for row in rows:
        lines.append(",".join(_quote(format_cell(value)) for value in row))
        if len(lines) >= batch:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A whole CSV file: header row, then one record per row, every record ending in LF."""
    lines = [",".join(_quote(format_cell(name)) for name in header)]
    lines.extend(",".join(_quote(format_cell(value)) for value in row) for row in rows)
    return "\n".join(lines) + "\n"


# --- table descriptions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One CSV column and its Table Schema field."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        result: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {"required": self.required}
        if self.enum:
            constraints["enum"] = list(self.enum)
        result["constraints"] = constraints
        return result


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that must match a key of another (or the same) table."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass
class Table:
    """One CSV file: its columns, keys and rows."""

    name: str
    description: str
    columns: list[Column]
    primary_key: tuple[str, ...]
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def text(self) -> str:
        return csv_text([c.name for c in self.columns], self.rows)


def _fk(fields: str, resource: str, reference: str = "id") -> ForeignKey:
    return ForeignKey(tuple(fields.split(",")), resource, tuple(reference.split(",")))


def _col(
    model: type,
    name: str,
    type_: str = "string",
    *,
    required: bool = True,
    column: str | None = None,
    enum: type[Enum] | None = None,
) -> Column:
    """A column for a model field, described by the field's docstring."""
    description = describe(model, name)
    values = tuple(member.value for member in enum) if enum else ()
    return Column(column or name, type_, description, required, values)


def _own(name: str, type_: str, description: str, required: bool = True) -> Column:
    """A column that is not a model field (a derived count, a position, a parent's id)."""
    return Column(name, type_, description, required)


def _position(what: str) -> Column:
    return _own("position", "integer", f"1-based position in {what}.")


def _list_of(name: str, description: str, parent: Column, resource: str, value: Column, what: str) -> Table:
    """A table of one list field: the parent's id, a value (a person id links to ``people``), its position."""
    keys = [_fk(parent.name, resource)] + ([_fk(value.name, "people")] if value.name == "person_id" else [])
    return Table(name, description, [parent, value, _position(what)], (parent.name, "position"), keys)


# --- the tables ----------------------------------------------------------------------------------


def _sources(document: Document) -> Table:
    table = Table(
        "sources",
        "Input files the document was parsed from.",
        [
            _col(Source, "path"),
            _col(Source, "sha256"),
            _col(Source, "line_count", "integer"),
        ],
        ("path",),
    )
    table.rows = [(s.path, s.sha256, s.line_count) for s in document.sources]
    return table


def _meetings(document: Document) -> Table:
    table = Table(
        "meetings",
        "One row per community meeting, ascending by date.",
        [
            _col(Meeting, "id"),
            _col(Meeting, "date", "date"),
            _col(Meeting, "title", required=False),
            _own("source_path", "string", "Input file the meeting is in."),
            _own("source_line", "integer", "1-based line of the meeting's heading."),
            _col(Meeting, "end_line", "integer"),
            _own("attendee_count", "integer", "Number of names listed under `Attendees:`, resolved or not."),
            _own(
                "item_count",
                "integer",
                "Number of items of the meeting, sub-items included (its rows in items.csv).",
            ),
        ],
        ("id",),
        [_fk("source_path", "sources", "path")],
    )
    table.rows = [
        (
            m.id,
            m.date,
            m.title,
            m.source.path,
            m.source.line,
            m.end_line,
            len(m.attendees) + len(m.unresolved_attendees),
            sum(1 for _ in m.iter_items()),
        )
        for m in document.meetings
    ]
    return table


def _meeting_urls(document: Document) -> Table:
    table = Table(
        "meeting_urls",
        "Recording and transcript links of the meetings.",
        [
            _own("meeting_id", "string", "Meeting the link is given for."),
            Column(
                "kind",
                "string",
                "`recording` (under `Recording:`) or `transcript` (under `Transcripts:`).",
                True,
                ("recording", "transcript"),
            ),
            _position("the meeting's list of links of this kind"),
            _own("url", "string", "The link."),
        ],
        ("meeting_id", "kind", "position"),
        [_fk("meeting_id", "meetings")],
    )
    for m in document.meetings:
        for kind, urls in (("recording", m.recording_urls), ("transcript", m.transcript_urls)):
            table.rows.extend((m.id, kind, position, url) for position, url in enumerate(urls, 1))
    return table


def _items(document: Document) -> Table:
    table = Table(
        "items",
        "Every item of every meeting (sub-items included), in source order.",
        [
            _col(Item, "id"),
            _own("meeting_id", "string", "Meeting the item belongs to."),
            _own(
                "parent_id",
                "string",
                "The item this one is a sub-item of; empty for a top-level item.",
                False,
            ),
            _own("depth", "integer", "0 for a top-level item, 1 for its sub-items, and so on."),
            _position("the parent's sub-items (or the meeting's top-level items)"),
            _col(Item, "section", required=False, enum=Section),
            Column("kind", "string", describe(Item, "kind"), True, ("bullet", "code", "table", "html")),
            _col(Item, "text", required=False),
            _col(Item, "speaker_label", required=False),
            _col(Item, "line", "integer"),
            _col(Item, "end_line", "integer"),
            _col(Item, "nesting", enum=Nesting),
            _col(Item, "checked", "boolean", required=False),
            _col(Item, "markdown", required=False),
            _col(Item, "number", "integer", required=False),
            _col(Item, "quoted", "boolean"),
            _col(Item, "heading", "integer", required=False),
        ],
        ("id",),
        [_fk("meeting_id", "meetings"), _fk("parent_id", "items")],
    )
    for m in document.meetings:
        table.rows.extend(
            (
                item.id,
                m.id,
                ancestors[-1].id if ancestors else None,
                len(ancestors),
                position,
                item.section,
                item.kind,
                item.text,
                item.speaker_label,
                item.line,
                item.end_line,
                item.nesting,
                item.checked,
                item.markdown,
                item.number,
                item.quoted,
                item.heading,
            )
            for _, item, ancestors, position in m.iter_items()
        )
    return table


def _metadata_notes(document: Document) -> Table:
    table = Table(
        "metadata_notes",
        "Metadata labels with no value and text of metadata lines that is not a link.",
        [
            _own("meeting_id", "string", "Meeting the line belongs to."),
            _position("the meeting's metadata notes"),
            Column(
                "label",
                "string",
                describe(MetadataNote, "label"),
                True,
                ("attendees", "recording", "transcripts"),
            ),
            _col(MetadataNote, "text", required=False),
            _col(MetadataNote, "line", "integer"),
        ],
        ("meeting_id", "position"),
        [_fk("meeting_id", "meetings")],
    )
    for m in document.meetings:
        table.rows.extend(
            (m.id, position, note.label, note.text, note.line)
            for position, note in enumerate(m.metadata_notes, 1)
        )
    return table


def _people(document: Document) -> Table:
    joined = f" (joined with `{LIST_SEPARATOR.strip()}` and a space)"
    table = Table(
        "people",
        "The people registry, sorted by id.",
        [
            _col(Person, "id"),
            _col(Person, "name"),
            Column("aliases", "string", describe(Person, "aliases") + joined),
            Column("emails", "string", describe(Person, "emails") + joined),
            _col(Person, "affiliation", required=False),
        ],
        ("id",),
    )
    table.rows = [
        (p.id, p.name, LIST_SEPARATOR.join(p.aliases), LIST_SEPARATOR.join(p.emails), p.affiliation)
        for p in document.people
    ]
    return table


def _attendance(document: Document) -> tuple[Table, Table]:
    meeting_id = _own("meeting_id", "string", "The meeting.")
    attendance = _list_of(
        "attendance",
        "Who attended which meeting (names the registry resolved).",
        meeting_id,
        "meetings",
        _own("person_id", "string", "Somebody listed under `Attendees:`."),
        "the meeting's resolved attendees",
    )
    unresolved = _list_of(
        "unresolved_attendees",
        "Attendee names the people registry does not know.",
        meeting_id,
        "meetings",
        _own("name", "string", "The name as written."),
        "the meeting's unresolved attendees",
    )
    for m in document.meetings:
        attendance.rows.extend((m.id, person, n) for n, person in enumerate(m.attendees, 1))
        unresolved.rows.extend((m.id, name, n) for n, name in enumerate(m.unresolved_attendees, 1))
    return attendance, unresolved


def _item_lists(document: Document) -> tuple[Table, Table, Table]:
    item_id = _own("item_id", "string", "The item.")
    speakers = _list_of(
        "speakers",
        "Who each item is attributed to (people the registry resolved).",
        item_id,
        "items",
        _own("person_id", "string", "A person the item is attributed to."),
        "the item's speakers",
    )
    unresolved = _list_of(
        "unresolved_speakers",
        describe(Item, "unresolved_speakers"),
        item_id,
        "items",
        _own("handle", "string", "The speaker handle as written."),
        "the item's unresolved speakers",
    )
    links = Table(
        "links",
        "Links found in the items' text.",
        [
            _own("item_id", "string", "The item the link is in."),
            _position("the item's links"),
            _col(Link, "url", required=False),
            _col(Link, "text", required=False),
            _col(Link, "kind", enum=LinkKind),
        ],
        ("item_id", "position"),
        [_fk("item_id", "items")],
    )
    for m in document.meetings:
        for _, item, _, _ in m.iter_items():
            speakers.rows.extend((item.id, person, n) for n, person in enumerate(item.speakers, 1))
            unresolved.rows.extend(
                (item.id, handle, n) for n, handle in enumerate(item.unresolved_speakers, 1)
            )
            links.rows.extend(
                (item.id, n, link.url, link.text, link.kind) for n, link in enumerate(item.links, 1)
            )
    return speakers, unresolved, links


def _diagnostics(document: Document) -> Table:
    table = Table(
        "diagnostics",
        "Problems and notes found while parsing, in source order.",
        [
            _position("the document's diagnostics"),
            _col(Diagnostic, "code"),
            _col(Diagnostic, "severity", enum=Severity),
            _col(Diagnostic, "path"),
            _col(Diagnostic, "line", "integer"),
            _col(Diagnostic, "column", "integer"),
            _col(Diagnostic, "message"),
            _col(Diagnostic, "hint", required=False),
        ],
        ("position",),
    )
    table.rows = [
        (n, d.code, d.severity, d.path, d.line, d.column, d.message, d.hint)
        for n, d in enumerate(document.diagnostics, 1)
    ]
    return table


def _milestones(milestones: Sequence[Milestone]) -> Table:
    table = Table(
        "milestones",
        "Dated release events stated in the notes.",
        [
            _col(Milestone, "id"),
            _col(Milestone, "meeting_id"),
            _col(Milestone, "item_id"),
            _col(Milestone, "kind", enum=MilestoneKind),
            Column("project", "string", describe(Milestone, "project"), False, ("OVN", "OVS")),
            _col(Milestone, "release", required=False),
            _col(Milestone, "date", "date"),
            _col(Milestone, "approximate", "boolean"),
            _col(Milestone, "text", required=False),
            _col(Milestone, "line", "integer"),
            _col(Milestone, "confidence", "number"),
        ],
        ("id",),
        [_fk("meeting_id", "meetings"), _fk("item_id", "items")],
    )
    table.rows = [
        (
            x.id,
            x.meeting_id,
            x.item_id,
            x.kind,
            x.project,
            x.release,
            x.date,
            x.approximate,
            x.text,
            x.line,
            x.confidence,
        )
        for x in milestones
    ]
    return table


def _actions(actions: Sequence[ActionItem]) -> tuple[Table, Table, Table]:
    table = Table(
        "action_items",
        "Things somebody promised to do.",
        [
            _col(ActionItem, "id"),
            _col(ActionItem, "meeting_id"),
            _col(ActionItem, "item_id"),
            _col(ActionItem, "text", required=False),
            _col(ActionItem, "explicit", "boolean"),
            _col(ActionItem, "status", enum=ActionStatus),
            _col(ActionItem, "line", "integer"),
        ],
        ("id",),
        [_fk("meeting_id", "meetings"), _fk("item_id", "items")],
    )
    action_id = _own("action_id", "string", "The action item.")
    owners = _list_of(
        "action_owners",
        "Who owes each action item (people the registry resolved).",
        action_id,
        "action_items",
        _own("person_id", "string", "A person who owes it."),
        "the action's owners",
    )
    unresolved = _list_of(
        "unresolved_action_owners",
        describe(ActionItem, "unresolved_owners"),
        action_id,
        "action_items",
        _own("name", "string", "The owner name as written."),
        "the action's unresolved owners",
    )
    for a in actions:
        table.rows.append((a.id, a.meeting_id, a.item_id, a.text, a.explicit, a.status, a.line))
        owners.rows.extend((a.id, person, n) for n, person in enumerate(a.owners, 1))
        unresolved.rows.extend((a.id, name, n) for n, name in enumerate(a.unresolved_owners, 1))
    return table, owners, unresolved


def _proposals(proposals: Sequence[SchemaProposal]) -> tuple[Table, Table, Table]:
    table = Table(
        "schema_proposals",
        "OVSDB schemas (or fragments) pasted into the notes.",
        [
            _col(SchemaProposal, "id"),
            _col(SchemaProposal, "meeting_id"),
            _col(SchemaProposal, "item_id"),
            _col(SchemaProposal, "line", "integer"),
            _col(SchemaProposal, "valid", "boolean"),
            _own("table_count", "integer", "Number of tables defined (rows in proposed_tables.csv)."),
            _own("problem_count", "integer", "Number of problems found (they are in diagnostics.csv too)."),
        ],
        ("id",),
        [_fk("meeting_id", "meetings"), _fk("item_id", "items")],
    )
    tables = Table(
        "proposed_tables",
        "Tables of the proposed OVSDB schemas.",
        [
            _own("proposal_id", "string", "The schema proposal."),
            _position("the proposal's tables"),
            _col(ProposedTable, "name"),
            _col(ProposedTable, "line", "integer"),
            _col(ProposedTable, "is_root", "boolean", required=False),
            _own("column_count", "integer", "Number of columns (rows in proposed_columns.csv)."),
            Column("indexes", "string", describe(ProposedTable, "indexes") + " (JSON)"),
        ],
        ("proposal_id", "position"),
        [_fk("proposal_id", "schema_proposals")],
    )
    columns = Table(
        "proposed_columns",
        "Columns of the proposed OVSDB tables.",
        [
            _own("proposal_id", "string", "The schema proposal."),
            _own("table_position", "integer", "Position of the column's table in proposed_tables.csv."),
            _position("the table's columns"),
            _col(ProposedColumn, "name"),
            Column("type", "string", describe(ProposedColumn, "type") + " (JSON text)", True),
            _col(ProposedColumn, "line", "integer"),
        ],
        ("proposal_id", "table_position", "position"),
        [_fk("proposal_id,table_position", "proposed_tables", "proposal_id,position")],
    )
    for p in proposals:
        table.rows.append((p.id, p.meeting_id, p.item_id, p.line, p.valid, len(p.tables), len(p.problems)))
        for t_pos, t in enumerate(p.tables, 1):
            tables.rows.append((p.id, t_pos, t.name, t.line, t.is_root, len(t.columns), dumps(t.indexes)))
            columns.rows.extend(
                (p.id, t_pos, n, c.name, dumps(c.type), c.line) for n, c in enumerate(t.columns, 1)
            )
    return table, tables, columns


def _releases(releases: Sequence[Release]) -> list[Table]:
    table = Table(
        "releases",
        "Releases with their current milestone dates, by project and version.",
        [
            _col(Release, "id"),
            Column("project", "string", describe(Release, "project"), True, ("OVN", "OVS")),
            _col(Release, "version"),
            _own("soft_freeze", "date", "Current soft freeze date (empty when the notes give none).", False),
            _own("branch", "date", "Current branch date (empty when the notes give none).", False),
            _own("release", "date", "Current release date (empty when the notes give none).", False),
            _own("feature_count", "integer", "Number of features (rows in release_features.csv)."),
            _own(
                "meeting_count",
                "integer",
                "Number of meetings that discussed it (rows in release_meetings.csv).",
            ),
        ],
        ("id",),
    )
    meetings = Table(
        "release_meetings",
        describe(Release, "meetings"),
        [
            _own("release_id", "string", "The release."),
            _position("the release's meetings (ascending by date)"),
            _own("meeting_id", "string", "A meeting that discussed it."),
        ],
        ("release_id", "position"),
        [_fk("release_id", "releases"), _fk("meeting_id", "meetings")],
    )
    items = Table(
        "release_items",
        describe(Release, "items"),
        [
            _own("release_id", "string", "The release."),
            _position("the release's items"),
            _own("item_id", "string", "An item that names it."),
        ],
        ("release_id", "position"),
        [_fk("release_id", "releases"), _fk("item_id", "items")],
    )
    milestones = Table(
        "release_milestones",
        "Every date the notes gave for a release milestone: one row per date (a moved date is two rows, the current one and the one it replaced).",
        [
            _col(MilestoneDate, "id"),
            _own("release_id", "string", "The release."),
            _own("milestone_id", "string", describe(ReleaseMilestone, "id")),
            _col(ReleaseMilestone, "kind", enum=MilestoneKind),
            _col(ReleaseMilestone, "name"),
            _col(MilestoneDate, "date", "date"),
            _col(MilestoneDate, "approximate", "boolean"),
            _col(MilestoneDate, "current", "boolean"),
            _position("the milestone's history (the order the dates were stated, the current one last)"),
            _own(
                "mention_count",
                "integer",
                "Number of mentions giving this date (rows in release_milestone_mentions.csv).",
            ),
        ],
        ("id",),
        [_fk("release_id", "releases")],
    )
    mentions = Table(
        "release_milestone_mentions",
        "Which stated milestones (milestones.csv) give each date of a release milestone.",
        [
            _own("release_milestone_id", "string", "The date (release_milestones.csv)."),
            _position("the date's mentions, in the order said"),
            _col(MilestoneMention, "milestone_id"),
            _col(MilestoneMention, "said_on", "date"),
        ],
        ("release_milestone_id", "position"),
        [_fk("release_milestone_id", "release_milestones"), _fk("milestone_id", "milestones")],
    )
    features = Table(
        "release_features",
        "Features planned for each release, with what became of them.",
        [
            _col(Feature, "id"),
            _own("release_id", "string", "The release it is planned for."),
            _position("the release's features"),
            _col(Feature, "name"),
            _col(Feature, "status", enum=FeatureStatus),
            _col(Feature, "slipped_to", required=False),
            _col(Feature, "slipped_from", required=False),
            _col(Feature, "status_item_id", required=False),
            _col(Feature, "part_of", required=False),
            _own(
                "mention_count",
                "integer",
                "Number of items that list it or say its status (rows in release_feature_mentions.csv).",
            ),
        ],
        ("id",),
        [_fk("release_id", "releases"), _fk("status_item_id", "items"), _fk("part_of", "release_features")],
    )
    feature_mentions = Table(
        "release_feature_mentions",
        describe(Feature, "mentions"),
        [
            _own("feature_id", "string", "The feature."),
            _position("the feature's mentions"),
            _col(FeatureMention, "meeting_id"),
            _col(FeatureMention, "item_id"),
            _col(FeatureMention, "said_on", "date"),
            Column("role", "string", describe(FeatureMention, "role"), True, ("listed", "status")),
            _col(FeatureMention, "line", "integer"),
        ],
        ("feature_id", "position"),
        [_fk("feature_id", "release_features"), _fk("meeting_id", "meetings"), _fk("item_id", "items")],
    )
    people = Table(
        "release_feature_people",
        "Who raised each feature and who the notes credit with it.",
        [
            _own("feature_id", "string", "The feature."),
            Column("role", "string", "`raised` (raised_by) or `credited`.", True, ("raised", "credited")),
            _position("the feature's people of this role"),
            _own(
                "person_id",
                "string",
                "The person (empty for a name the people registry does not know).",
                False,
            ),
            _own(
                "name",
                "string",
                "The name as written, for a person the registry does not know; empty otherwise.",
                False,
            ),
        ],
        ("feature_id", "role", "position"),
        [_fk("feature_id", "release_features"), _fk("person_id", "people")],
    )
    for release in releases:
        current = {m.kind: m.date for m in release.milestones}
        table.rows.append(
            (
                release.id,
                release.project,
                release.version,
                current.get(MilestoneKind.SOFT_FREEZE),
                current.get(MilestoneKind.BRANCH),
                current.get(MilestoneKind.RELEASE),
                len(release.features),
                len(release.meetings),
            )
        )
        meetings.rows.extend((release.id, n, meeting) for n, meeting in enumerate(release.meetings, 1))
        items.rows.extend((release.id, n, item) for n, item in enumerate(release.items, 1))
        for milestone in release.milestones:
            for n, date in enumerate(milestone.history, 1):
                milestones.rows.append(
                    (
                        date.id,
                        release.id,
                        milestone.id,
                        milestone.kind,
                        milestone.name,
                        date.date,
                        date.approximate,
                        date.current,
                        n,
                        len(date.mentions),
                    )
                )
                mentions.rows.extend(
                    (date.id, k, m.milestone_id, m.said_on) for k, m in enumerate(date.mentions, 1)
                )
        for n, feature in enumerate(release.features, 1):
            features.rows.append(
                (
                    feature.id,
                    release.id,
                    n,
                    feature.name,
                    feature.status,
                    feature.slipped_to,
                    feature.slipped_from,
                    feature.status_item_id,
                    feature.part_of,
                    len(feature.mentions),
                )
            )
            feature_mentions.rows.extend(
                (feature.id, k, m.meeting_id, m.item_id, m.said_on, m.role, m.line)
                for k, m in enumerate(feature.mentions, 1)
            )
            raised = [(p, None) for p in feature.raised_by] + [
                (None, name) for name in feature.unresolved_raised_by
            ]
            people.rows.extend(
                (feature.id, "raised", k, person, name) for k, (person, name) in enumerate(raised, 1)
            )
            people.rows.extend(
                (feature.id, "credited", k, person, None) for k, person in enumerate(feature.credited, 1)
            )
    return [table, meetings, items, milestones, mentions, features, feature_mentions, people]


def table_groups(document: Document) -> Iterator[list[Table]]:
    """``tables`` a few at a time, each group built when asked for (``render_parts`` holds the rows
    of one group at a time)."""
    yield [_sources(document)]
    yield [_meetings(document)]
    yield [_meeting_urls(document)]
    yield [_metadata_notes(document)]
    yield [_items(document)]
    yield [_people(document)]
    yield [*_attendance(document)]
    yield [*_item_lists(document)]
    yield [_diagnostics(document)]
    yield [_milestones(document.milestones)]
    yield [*_actions(document.action_items)]
    yield [*_proposals(document.schema_proposals)]
    yield [*_releases(document.releases)]


def tables(document: Document) -> list[Table]:
    """Every table of the export, in a fixed order; the fact tables only when the document has them."""
    return [table for group in table_groups(document) for table in group]


# --- the data package ------------------------------------------------------------------------------


def _resource(table: Table, data: bytes | tuple[int, str]) -> dict[str, Any]:
    """A table's resource descriptor; ``data``: its file's bytes, or their (size, sha256 hex digest)."""
    size, digest = data if isinstance(data, tuple) else (len(data), hashlib.sha256(data).hexdigest())
    schema: dict[str, Any] = {
        "fields": [column.descriptor() for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {
                    "resource": "" if fk.resource == table.name else fk.resource,
                    "fields": list(fk.reference),
                },
            }
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": "sha256:" + digest,
        "dialect": {
            "delimiter": ",",
            "doubleQuote": True,
            "header": True,
            "lineTerminator": "\n",
            "quoteChar": '"',
        },
        "schema": schema,
    }


def datapackage(document: Document, files: Sequence[tuple[Table, bytes | tuple[int, str]]]) -> dict[str, Any]:
    """The Frictionless (Data Package v1) descriptor of the tables, keys in a fixed order."""
    return {
        "profile": "tabular-data-package",
        "name": "ovnnotes",
        "title": "OVN community meeting notes",
        "description": (
            f"The OVN community meeting notes as tables, exported by {document.generator.name} "
            f"{document.generator.version} (schema {document.schema_version}). Text cells starting with "
            "=, +, -, @, TAB, CR, LF or ' have a ' prepended (formula neutralisation): remove one leading ' "
            "from a text cell to get the original text."
        ),
        "resources": [_resource(table, data) for table, data in files],
    }


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """Every table as a CSV file, and ``datapackage.json``."""
    return {
        name: data if isinstance(data, bytes) else b"".join(data)
        for name, data in render_parts(document, options)
    }


def render_parts(document: Document, options: ExportOptions) -> Iterator[tuple[str, bytes | Iterator[bytes]]]:
    """``render``'s files one at a time, each table group built when the next file is asked for and
    each table encoded a batch of records at a time; ``datapackage.json`` (their sizes and hashes)
    last. Each file's parts must be taken before the next file is asked for (a writer does)."""
    described: list[tuple[Table, bytes | tuple[int, str]]] = []
    for group in table_groups(document):
        for table in group:
            yield table.path, _table_parts(table, described)
        del group
    yield "datapackage.json", (dumps(datapackage(document, described), indent=2) + "\n").encode("utf-8")


def _table_parts(table: Table, described: list[tuple[Table, bytes | tuple[int, str]]]) -> Iterator[bytes]:
    """A table's file in parts; once written, its size and hash go to ``described`` and its rows go."""
    digest, size = hashlib.sha256(), 0
    for part in csv_parts([c.name for c in table.columns], table.rows):
        digest.update(part)
        size += len(part)
        yield part
    described.append((table, (size, digest.hexdigest())))
    table.rows = []  # written: the descriptor needs its columns and keys only
