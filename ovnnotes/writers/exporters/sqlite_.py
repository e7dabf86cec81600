"""SQLite export: the CSV export's tables in one database, with full-text search, ready for Datasette.

``ovnnotes.db`` holds:

* **Every table of the CSV export**, built from the same definitions (``csv_.tables``): the same
  names, columns (in the same order), primary keys and foreign keys, so a table added to the CSV
  export appears here with no change. Declared types follow the Table Schema types (``string``
  and ``date`` are ``TEXT``, ``integer`` and ``boolean`` ``INTEGER``, ``number`` ``REAL``);
  required columns are ``NOT NULL``; enumerations and booleans have a ``CHECK``. Values are the
  model's, not formula-neutralised: booleans are 0 and 1, dates ISO 8601 text, name lists joined
  with ``"; "`` and JSON values as compact JSON text, as in the CSV files.
* **An index on every foreign key** whose columns do not start the table's primary key.
* **Full-text search**: ``texts`` (one row per non-empty meeting title, item text and action
  text, with its meeting, date, section, parent item and speakers) and
  ``texts_fts``, an FTS5 index over ``texts.text`` (``content="texts"``, tokenizer ``porter
  unicode61 remove_diacritics 2``, ranked by bm25). The export fills the index from ``texts``
  once (FTS5 ``rebuild``, then ``optimize``); there are no triggers, because the database is
  written whole and never updated in place.
* **Views** for dashboards: ``open_actions``, ``attendance_by_person``, ``meetings_by_year`` and
  ``milestones_by_release`` (see ``VIEWS``).

Beside it, ``ovnnotes.metadata.json`` is Datasette metadata (title, description, license,
source, every table's, view's and column's description, canned queries), so that
``datasette exports/ovnnotes.db -m exports/ovnnotes.metadata.json`` is a browsable, searchable site.
Datasette calls a database by its file name without the extension, and the metadata is keyed by
that name: ``ExportOptions.database_file`` names both files.

The database is built in memory and handed over as bytes (``sqlite3.Connection.serialize``),
so it is written atomically like every export. It is as deterministic as SQLite allows (fixed
insertion order, no timestamps: the same notes and the same SQLite version give the same
bytes), but SQLite's file format differs across versions, so the database is not part of
``export --format all`` nor of ``export --check``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath
from typing import Any

from ...memory import paused_gc
from ...model import ActionItem, Document, Item, Meeting, Section
from . import ExportOptions
from .csv_ import FACTS as CSV_FACTS
from .csv_ import Cell, Column, ForeignKey, Table, clean_text
from .csv_ import tables as csv_tables
from .json_ import dumps

FORMAT = "sqlite"
DEFAULT_PATH = "ovnnotes.db"
FACTS = CSV_FACTS
"""The extracted facts this format writes: those of the CSV tables."""

SQL_TYPES = {
    "string": "TEXT",
    "date": "TEXT",
    "datetime": "TEXT",
    "time": "TEXT",
    "year": "INTEGER",
    "yearmonth": "TEXT",
    "duration": "TEXT",
    "object": "TEXT",
    "array": "TEXT",
    "any": "",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "number": "REAL",
}
"""Declared SQLite type of each Table Schema field type."""

TEXTS = "texts"
FTS_TABLE = "texts_fts"
TOKENIZER = "porter unicode61 remove_diacritics 2"
"""FTS5 tokenizer: Unicode word splitting, case and diacritics folded, Porter stemming
(``freeze`` finds ``freezes`` and ``freezing``)."""
LICENSE = ("Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0")
"""The project's license (``pyproject.toml``), under which the bundled notes are distributed."""


# --- the tables --------------------------------------------------------------------------------


def quote(name: str) -> str:
    """An SQL identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _column_sql(column: Column) -> str:
    declared = SQL_TYPES.get(column.type)
    if declared is None:
        raise ValueError(f"column {column.name}: no SQLite type for Table Schema type {column.type!r}")
    parts = [quote(column.name)] + ([declared] if declared else [])
    if column.required:
        parts.append("NOT NULL")
    if column.enum:
        parts.append(f"CHECK ({quote(column.name)} IN ({', '.join(_literal(v) for v in column.enum)}))")
    elif column.type == "boolean":
        parts.append(f"CHECK ({quote(column.name)} IN (0, 1))")
    return " ".join(parts)


def _fk_sql(table: Table, fk: ForeignKey) -> str:
    fields = ", ".join(quote(f) for f in fk.fields)
    reference = ", ".join(quote(f) for f in fk.reference)
    return f"FOREIGN KEY ({fields}) REFERENCES {quote(fk.resource or table.name)} ({reference})"


def create_table_sql(table: Table) -> str:
    """``CREATE TABLE`` for a CSV table definition: columns, primary key, foreign keys."""
    lines = [_column_sql(column) for column in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(quote(f) for f in table.primary_key)})")
    lines.extend(_fk_sql(table, fk) for fk in table.foreign_keys)
    return f"CREATE TABLE {quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def index_sql(table: Table) -> list[str]:
    """``CREATE INDEX`` for every foreign key whose columns do not start the primary key."""
    statements = []
    seen: set[tuple[str, ...]] = set()
    for fk in table.foreign_keys:
        if fk.fields == table.primary_key[: len(fk.fields)] or fk.fields in seen:
            continue
        seen.add(fk.fields)
        name = quote(f"idx_{table.name}_{'_'.join(fk.fields)}")
        statements.append(
            f"CREATE INDEX {name} ON {quote(table.name)} ({', '.join(quote(f) for f in fk.fields)})"
        )
    return statements


def _text(value: Cell) -> str | None:
    if isinstance(value, Enum):
        value = value.value
    # Everything clean_text changes (CR, control characters, lone surrogates) is unprintable.
    if type(value) is str:
        return value if value.isprintable() else clean_text(value)
    return None if value is None else clean_text(str(value))


def _boolean(value: Cell) -> int | None:
    return None if value is None else int(bool(value))


def _iso(value: Cell) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.time)) else _text(value)


CONVERTERS: dict[str, Callable[[Cell], str | int | None] | None] = {
    "boolean": _boolean,
    "date": _iso,
    "datetime": _iso,
    "time": _iso,
    "integer": None,
    "number": None,
    "year": None,
}
"""How a cell of each Table Schema type is stored (None: as it is); any other type is text.

Enumerations are stored by value, booleans as 0/1, dates as ISO 8601 text; text gets the CSV's
cleaning (CR LF to LF, control characters other than LF and TAB removed, lone surrogates to
U+FFFD), not its formula neutralisation."""


def sql_rows(table: Table) -> Iterable[tuple[Any, ...]]:
    """A table's rows as SQLite stores them, converted column by column (in C where a column needs nothing)."""
    if not table.rows:
        return []
    columns: list[Sequence[Any]] = list(zip(*table.rows))
    for n, column in enumerate(table.columns):
        convert = CONVERTERS.get(column.type, _text)
        if convert is _text and _plain_text(columns[n]):
            continue
        if convert is not None:
            columns[n] = list(map(convert, columns[n]))
    return zip(*columns)


def _plain_text(values: Sequence[Any]) -> bool:
    """True when every value is a ``str`` (or None) that needs no cleaning: checked in C, not per value in Python."""
    return set(map(type, values)) <= {str, type(None)} and "".join(filter(None, values)).isprintable()


def insert(connection: sqlite3.Connection, table: Table) -> None:
    """Insert a table's rows, in their order."""
    marks = ", ".join("?" * len(table.columns))
    connection.executemany(f"INSERT INTO {quote(table.name)} VALUES ({marks})", sql_rows(table))


# --- the searchable texts ------------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build, and there is one per text
class Text:
    """One searchable text: a meeting title, an item's text or an action item's text."""

    kind: str
    """``meeting`` (its title), ``item`` or ``action``."""
    meeting: Meeting
    item: Item | None
    action: ActionItem | None
    text: str
    line: int
    parents: tuple[Item, ...]
    """The item's parent items, outermost first (for an action: its item's parents)."""
    speakers: tuple[str, ...]
    unresolved_speakers: tuple[str, ...]
    speakers_inherited: bool
    """True when the item has no attribution of its own and its nearest attributed parent's is used."""

    @property
    def section(self) -> Section | None:
        return self.item.section if self.item is not None else None

    @property
    def context(self) -> tuple[str, ...]:
        """Texts of the parent items, outermost first; a parent with no text but an attribution
        (``(Ales)``) is shown by its attribution."""
        return tuple(text for parent in self.parents if (text := parent.text or parent.speaker_label or ""))

    @property
    def parent_id(self) -> str | None:
        return self.parents[-1].id if self.parents else None


def _speakers(item: Item, parents: tuple[Item, ...]) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """The item's speakers, or else those of its nearest parent that has any (a sub-item without an
    attribution continues its parent's speaker): (ids, unresolved handles, inherited)."""
    if item.speakers or item.unresolved_speakers:
        return item.speakers, item.unresolved_speakers, False
    for parent in reversed(parents):
        if parent.speakers or parent.unresolved_speakers:
            return parent.speakers, parent.unresolved_speakers, True
    return (), (), False


def texts(document: Document) -> list[Text]:
    """Every searchable text in a fixed order: per meeting, its title, its items in source order
    (pre-order), then its action items in the document's order. Empty texts are left out."""
    actions: dict[str, list[ActionItem]] = {}
    for action in document.action_items:
        actions.setdefault(action.item_id, []).append(action)
    result: list[Text] = []
    for meeting in document.meetings:
        if meeting.title:
            result.append(
                Text("meeting", meeting, None, None, meeting.title, meeting.source.line, (), (), (), False)
            )
        later: list[Text] = []
        for _, item, parents, _ in meeting.iter_items():
            speakers, unresolved, inherited = _speakers(item, parents)
            if item.text:
                result.append(
                    Text(
                        "item",
                        meeting,
                        item,
                        None,
                        item.text,
                        item.line,
                        parents,
                        speakers,
                        unresolved,
                        inherited,
                    )
                )
            later.extend(
                Text(
                    "action",
                    meeting,
                    item,
                    action,
                    action.text,
                    action.line,
                    parents,
                    speakers,
                    unresolved,
                    inherited,
                )
                for action in actions.get(item.id, ())
                if action.text
            )
        result.extend(later)
    return result


def texts_table(rows: Sequence[Text]) -> Table:
    """The ``texts`` table (the content of the full-text index), in the CSV table shape."""
    table = Table(
        TEXTS,
        "Every searchable text: meeting titles, item texts and action item texts, indexed by texts_fts.",
        [
            Column("id", "integer", "Row number, also the rowid of the full-text index texts_fts.", True),
            Column(
                "kind",
                "string",
                "`meeting` (a meeting's title), `item` (an item's text) or `action` (an action item's text).",
                True,
                ("meeting", "item", "action"),
            ),
            Column("meeting_id", "string", "The meeting.", True),
            Column("date", "date", "Date of the meeting.", True),
            Column(
                "item_id",
                "string",
                "The item the text is (or, for an action, is in); empty for a meeting title.",
            ),
            Column("action_id", "string", "The action item, for `action` texts."),
            Column(
                "section",
                "string",
                "Section of the item: `agenda`, `notes` or `action_items`; empty when none.",
                False,
                tuple(s.value for s in Section),
            ),
            Column("text", "string", "The text searched.", True),
            Column(
                "parent_id",
                "string",
                "The item's parent item (the context a reply answers); empty for a top-level item.",
            ),
            Column(
                "speakers",
                "string",
                "Ids of the people the text is attributed to (a JSON array): the item's own speakers, or "
                "those of its nearest attributed parent item.",
                True,
            ),
            Column("source_path", "string", "Input file the text is in.", True),
            Column("line", "integer", "1-based source line of the text.", True),
        ],
        ("id",),
        [
            ForeignKey(("meeting_id",), "meetings", ("id",)),
            ForeignKey(("item_id",), "items", ("id",)),
            ForeignKey(("action_id",), "action_items", ("id",)),
            ForeignKey(("parent_id",), "items", ("id",)),
        ],
    )
    table.rows = [
        (
            n,
            t.kind,
            t.meeting.id,
            t.meeting.date,
            t.item.id if t.item else None,
            t.action.id if t.action else None,
            t.section,
            t.text,
            t.parent_id,
            _json_ids(t.speakers),
            t.meeting.source.path,
            t.line,
        )
        for n, t in enumerate(rows, 1)
    ]
    return table


def search_table(rows: Sequence[Text]) -> Table:
    """The columns of ``texts`` the full-text index reads (``id``, ``text``): all ``ovnnotes search`` needs in SQLite."""
    table = Table(
        TEXTS,
        "The searchable texts.",
        [
            Column("id", "integer", "Row number, also the rowid of texts_fts.", True),
            Column("text", "string", "The text searched.", True),
        ],
        ("id",),
    )
    table.rows = [(n, t.text) for n, t in enumerate(rows, 1)]
    return table


def _json_ids(ids: tuple[str, ...]) -> str:
    """A JSON array of person ids (slugs: letters, digits and `-`, so nothing to escape)."""
    return "[" + ",".join(f'"{i}"' for i in ids) + "]"


FTS_SQL = (
    f"CREATE VIRTUAL TABLE {quote(FTS_TABLE)} USING fts5(text, "
    f'content="{TEXTS}", content_rowid="id", tokenize="{TOKENIZER}")'
)


def fill_fts(connection: sqlite3.Connection) -> None:
    """Index every row of ``texts`` (once; the database is never updated in place), in one segment."""
    connection.execute(f"INSERT INTO {quote(FTS_TABLE)}({quote(FTS_TABLE)}) VALUES ('rebuild')")
    connection.execute(f"INSERT INTO {quote(FTS_TABLE)}({quote(FTS_TABLE)}) VALUES ('optimize')")


# --- views -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """A view: its SQL and what it and each of its columns mean (for the Datasette metadata)."""

    name: str
    description: str
    sql: str
    columns: dict[str, str]


def _names(select: str) -> str:
    """A ``"; "``-joined list from a subquery's single column, in the subquery's order."""
    return f"(SELECT group_concat(value, '; ') FROM ({select}))"


VIEWS = (
    View(
        "open_actions",
        "Action items still open, by meeting date.",
        f"""
SELECT a.id, a.meeting_id, m.date, a.text,
  {_names("SELECT p.name AS value FROM action_owners o JOIN people p ON p.id = o.person_id WHERE o.action_id = a.id ORDER BY o.position")} AS owners,
  {_names("SELECT o.person_id AS value FROM action_owners o WHERE o.action_id = a.id ORDER BY o.position")} AS owner_ids,
  {_names("SELECT u.name AS value FROM unresolved_action_owners u WHERE u.action_id = a.id ORDER BY u.position")} AS unresolved_owners,
  a.explicit, a.item_id, m.source_path, a.line
FROM action_items a JOIN meetings m ON m.id = a.meeting_id
WHERE a.status = 'open'
ORDER BY m.date, m.id, a.line, a.id""",
        {
            "id": "The action item.",
            "meeting_id": "Meeting it was recorded in.",
            "date": "Date of that meeting.",
            "text": "What is to be done.",
            "owners": "Names of the people who owe it, joined with `; ` (empty: unassigned).",
            "owner_ids": "Their ids, in the same order.",
            "unresolved_owners": "Owner names that resolve to nobody, as written.",
            "explicit": "1 for an entry of an `Action items` section, 0 for a promise stated in another item.",
            "item_id": "Item the action was read from.",
            "source_path": "Input file.",
            "line": "Source line.",
        },
    ),
    View(
        "attendance_by_person",
        "How many meetings each person of the registry attended, most first.",
        """
SELECT p.id AS person_id, p.name, p.affiliation, count(DISTINCT a.meeting_id) AS meetings,
  min(m.date) AS first_meeting, max(m.date) AS last_meeting
FROM people p LEFT JOIN attendance a ON a.person_id = p.id LEFT JOIN meetings m ON m.id = a.meeting_id
GROUP BY p.id
ORDER BY meetings DESC, p.name, p.id""",
        {
            "person_id": "The person.",
            "name": "Display name.",
            "affiliation": "Employer or organisation, where known.",
            "meetings": "Number of meetings whose `Attendees:` list names the person (0 for people who only speak or owe actions).",
            "first_meeting": "Date of the first meeting attended.",
            "last_meeting": "Date of the last meeting attended.",
        },
    ),
    View(
        "meetings_by_year",
        "Meetings, items and action items per year.",
        """
SELECT CAST(substr(m.date, 1, 4) AS INTEGER) AS year, count(*) AS meetings, min(m.date) AS first_meeting,
  max(m.date) AS last_meeting, sum(m.item_count) AS items, coalesce(sum(a.actions), 0) AS action_items,
  round(avg(m.attendee_count), 1) AS average_attendees
FROM meetings m LEFT JOIN (SELECT meeting_id, count(*) AS actions FROM action_items GROUP BY meeting_id) a ON a.meeting_id = m.id
GROUP BY year
ORDER BY year""",
        {
            "year": "Calendar year.",
            "meetings": "Number of meetings.",
            "first_meeting": "Date of the year's first meeting.",
            "last_meeting": "Date of the year's last meeting.",
            "items": "Items of those meetings, sub-items included.",
            "action_items": "Action items recorded in them, explicit and implicit.",
            "average_attendees": "Average number of names listed under `Attendees:` (0 for a meeting without the list), one decimal.",
        },
    ),
    View(
        "milestones_by_release",
        "Each milestone of each release: the date the latest meeting gave, and how often it was stated.",
        """
WITH ranked AS (
  SELECT s.*, m.date AS stated_on, row_number() OVER (
    PARTITION BY s.project, s.release, s.kind ORDER BY m.date DESC, m.id DESC, s.line DESC, s.id DESC) AS recency
  FROM milestones s JOIN meetings m ON m.id = s.meeting_id
)
SELECT project, release, kind, max(CASE WHEN recency = 1 THEN date END) AS date,
  max(CASE WHEN recency = 1 THEN approximate END) AS approximate,
  max(CASE WHEN recency = 1 THEN meeting_id END) AS stated_in, min(stated_on) AS first_stated_on,
  count(*) AS mentions, count(DISTINCT date) AS dates_stated
FROM ranked
GROUP BY project, release, kind
ORDER BY release IS NULL, release, project IS NULL, project, date, kind""",
        {
            "project": "`OVN` or `OVS`; empty when not stated.",
            "release": "Release series, e.g. `26.03`; empty when not stated.",
            "kind": "`soft_freeze`, `branch`, `release`, `conference` or `other`.",
            "date": "The date as stated by the latest meeting that mentioned it.",
            "approximate": '1 when that date was relative ("in 2 weeks").',
            "stated_in": "The latest meeting that stated it.",
            "first_stated_on": "Date of the first meeting that stated it.",
            "mentions": "How many times it was stated.",
            "dates_stated": "How many different dates were stated (more than 1: it moved).",
        },
    ),
)


# --- the database ------------------------------------------------------------------------------------


def database_tables(document: Document) -> list[Table]:
    """The tables of the database: the CSV export's, then ``texts``."""
    return [*csv_tables(document), texts_table(texts(document))]


def build(table_list: Sequence[Table], views: Sequence[View] = VIEWS) -> sqlite3.Connection:
    """An in-memory database of these tables (and their indexes), the full-text index and ``views``.

    ``texts`` must be one of the tables. Everything is inserted in one transaction, in the
    tables' order, and the full-text index is filled last.
    """
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("BEGIN")
        for table in table_list:
            connection.execute(create_table_sql(table))
        connection.execute(FTS_SQL)
        for view in views:
            connection.execute(f"CREATE VIEW {quote(view.name)} AS {view.sql.strip()}")
        for table in table_list:
            insert(connection, table)
        for table in table_list:
            for statement in index_sql(table):
                connection.execute(statement)
        fill_fts(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.close()
        raise
    return connection


def connect(document: Document) -> sqlite3.Connection:
    """The whole database of a document, in memory (what ``render`` serialises)."""
    return build(database_tables(document))


def database_name(file_name: str) -> str:
    """What Datasette calls a database file: its name without the extension."""
    return PurePath(file_name).stem


def metadata_name(file_name: str) -> str:
    """The metadata file written beside a database file: ``NAME.metadata.json``."""
    return f"{database_name(file_name)}.metadata.json"


QUERIES: dict[str, dict[str, Any]] = {
    "everything_said_about": {
        "title": "Everything said about a term",
        "description": "Meeting titles, items and action items matching a full-text query (FTS5 syntax: words, "
        '"a phrase", prefix*, AND, OR, NOT), best match first.',
        "sql": f"""SELECT t.date, t.kind, t.section, snippet({FTS_TABLE}, 0, '**', '**', '…', 24) AS snippet,
  t.speakers, t.meeting_id, t.item_id, t.parent_id, t.source_path, t.line
FROM {FTS_TABLE} JOIN {TEXTS} t ON t.id = {FTS_TABLE}.rowid
WHERE {FTS_TABLE} MATCH (CASE WHEN trim(:term) = '' THEN '""' ELSE :term END)  -- an empty form: no rows, no error
ORDER BY {FTS_TABLE}.rank, t.date, t.line""",
    },
    "open_actions_by_owner": {
        "title": "Open actions by owner",
        "description": "Every open action item, one row per owner (unassigned ones last); give an id or part of a name "
        "to see one person's, or leave it empty.",
        "sql": """SELECT coalesce(p.name, '(unassigned)') AS owner, o.person_id, a.date, a.text, a.explicit, a.id,
  a.source_path, a.line
FROM open_actions a LEFT JOIN action_owners o ON o.action_id = a.id LEFT JOIN people p ON p.id = o.person_id
WHERE :owner = '' OR o.person_id = :owner OR p.name LIKE '%' || :owner || '%'
ORDER BY p.name IS NULL, p.name, a.date, a.line, a.id""",
    },
    "release_timeline": {
        "title": "Timeline of a release",
        "description": "Every milestone stated for a release series (e.g. 26.03), in the order the meetings stated them.",
        "sql": """SELECT s.date, s.kind, s.project, s.approximate, s.text, m.date AS stated_on, s.meeting_id, s.item_id,
  m.source_path, s.line
FROM milestones s JOIN meetings m ON m.id = s.meeting_id
WHERE s.release = :release
ORDER BY m.date, s.line, s.id""",
    },
}
"""Datasette canned queries for the questions asked most."""

TABLE_EXTRAS: dict[str, dict[str, Any]] = {
    "people": {"label_column": "name"},
    "items": {
        "label_column": "text",
        "facets": ["section"],
    },  # a link to an item (parent_id, item_id) shows its text
    "action_items": {"label_column": "text", "facets": ["status", "explicit"]},
    "milestones": {"facets": ["kind", "release"]},
    "diagnostics": {"facets": ["severity", "code"]},
    TEXTS: {"fts_table": FTS_TABLE, "fts_pk": "id", "searchmode": "raw", "facets": ["kind", "section"]},
}
"""Datasette table options beyond descriptions: label columns, default facets, the search box's table."""


def metadata(document: Document, file_name: str, table_list: Iterable[Table]) -> dict[str, Any]:
    """Datasette metadata for the database ``file_name``: descriptions, license, source, canned queries."""
    sources = ", ".join(source.path for source in document.sources) or "no input files"
    described: dict[str, Any] = {}
    for table in table_list:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        entry.update(TABLE_EXTRAS.get(table.name, {}))
        described[table.name] = entry
    for view in VIEWS:
        described[view.name] = {"description": view.description, "columns": dict(view.columns)}
    return {
        "title": "OVN community meeting notes",
        "description": (
            "The OVN community meeting notes as tables: meetings, attendance, every item with its speakers and links, "
            "release milestones, action items and proposed OVSDB schemas. Search everything said in the texts table "
            '(FTS5 syntax: words, "a phrase", prefix*, AND, OR, NOT).'
        ),
        "license": LICENSE[0],
        "license_url": LICENSE[1],
        "source": f"{sources}, read by {document.generator.name} {document.generator.version} (schema {document.schema_version})",
        "databases": {
            database_name(file_name): {
                "description": "Tables as in the CSV export (exports/csv/datapackage.json), plus texts, texts_fts and views.",
                "tables": described,
                "queries": QUERIES,
            }
        },
    }


def render(document: Document, options: ExportOptions) -> dict[str, bytes]:
    """The database (``options.database_file``) and its Datasette metadata (``NAME.metadata.json``)."""
    with (
        paused_gc()
    ):  # many short-lived rows, no cycles: the collector would walk the document again and again
        table_list = database_tables(document)
        connection = build(table_list)
        try:
            data = connection.serialize()
        finally:
            connection.close()
    info = metadata(document, options.database_file, table_list)
    return {
        options.database_file: data,
        metadata_name(options.database_file): (dumps(info, indent=2) + "\n").encode("utf-8"),
    }
