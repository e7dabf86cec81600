"""Full-text search over the notes: ``ovnnotes search`` and ``ovnnotes.search``.

The search runs on SQLite's FTS5, in an in-memory database built from the parsed document with
the SQLite export's own texts and full-text index (``exporters.sqlite_``: the same texts,
rowids, tokenizer and ranking as ``texts_fts`` in ``ovnnotes.db``); what a hit shows beyond
the snippet comes from the document.

**Queries** use FTS5's syntax: words (all must match), ``"a phrase"``, ``prefix*``, ``AND``,
``OR``, ``NOT`` (uppercase; ``a NOT b``), parentheses, ``NEAR(a b, 5)``. Matching ignores case
and diacritics and stems English words (``freeze`` finds ``freezing``). Three conveniences
make everyday queries work where bare FTS5 would refuse them: a word with punctuation inside
(``26.03``, ``ovn-kubernetes``, ``br-int``) is searched as a phrase of its parts, a comma
outside ``NEAR(...)`` separates words, and ``-word`` means ``NOT word``. Anything else FTS5
cannot read is a ``QueryError`` (the CLI's usage error).

**Hits** are meeting titles, item texts and action texts, best match (bm25) first, or by date.
An action's text is part of its item's text, so an action that matches together with its item
is folded into the item's hit (``Hit.action_ids``); it is a hit of its own only when its item
does not match (``evpn NOT bgp`` on an item that says both, in another sentence). Each hit has
its meeting, date, section, the texts of its parent items (``context``), its speakers (the
item's own, or else those of its nearest attributed parent item: an unattributed sub-item
continues its parent's speaker), a snippet with the matched words marked, and ``path:line``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError, UnknownPerson
from ..memory import paused_gc
from ..model import Document, Section
from ..writers.exporters.sqlite_ import FTS_TABLE, Text, build, search_table, texts

ORDERS = ("rank", "date")
SNIPPET_TOKENS = 24
"""Most tokens in a snippet (FTS5's ``snippet()`` allows up to 64)."""
_START, _END, _ELLIPSIS = "\x02", "\x03", "…"
"""Snippet markers: control characters, which no text in the database holds."""
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_QUERY_TOKEN_RE = re.compile(r'"(?:[^"]|"")*"?|[(),]|[^\s"(),]+|\s+')
_BAREWORD_RE = re.compile(r"[A-Za-z0-9_\x1a\x80-\U0010ffff]+")
"""What FTS5 reads as a bare word: ASCII letters and digits, `_`, and any non-ASCII character."""
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    """One thing said that matches a query."""

    kind: str
    """``item``, ``meeting`` (the meeting's title matched) or ``action``."""
    meeting_id: str
    date: dt.date
    item_id: str | None
    action_ids: tuple[str, ...]
    """Action items read from the matched text that match too (or, for ``action``, the action)."""
    section: Section | None
    context: tuple[str, ...]
    """Texts of the item's parent items, outermost first."""
    speakers: tuple[str, ...]
    """Ids of the people the text is attributed to."""
    unresolved_speakers: tuple[str, ...]
    speakers_inherited: bool
    """True when the speakers are the nearest attributed parent item's (the item has none of its own)."""
    text: str
    snippet: str
    """Up to ``SNIPPET_TOKENS`` words around the match, whitespace collapsed, ``…`` where cut."""
    highlights: tuple[tuple[int, int], ...]
    """(start, end) character offsets of the matched words in ``snippet``."""
    path: str
    line: int
    score: float
    """bm25 score as SQLite's FTS5 gives it: lower (more negative) is a better match."""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "meeting_id": self.meeting_id,
            "date": self.date.isoformat(),
            "item_id": self.item_id,
            "action_ids": list(self.action_ids),
            "section": self.section.value if self.section else None,
            "context": list(self.context),
            "speakers": list(self.speakers),
            "unresolved_speakers": list(self.unresolved_speakers),
            "speakers_inherited": self.speakers_inherited,
            "text": self.text,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "path": self.path,
            "line": self.line,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True)
class SearchResult:
    """The hits of one search (at most ``limit``) and how many there were in all."""

    query: str
    """The query as given."""
    fts_query: str
    """The query as FTS5 ran it (see ``fts_query``)."""
    total: int
    hits: list[Hit] = field(default_factory=list)


def fts_query(query: str) -> str:
    """The FTS5 query for a user's query (the conveniences of the module docstring applied).

    Raises ``QueryError`` for an empty query.
    """
    if not query.strip():
        raise QueryError("empty search query; give words to search for, e.g. 'soft freeze'")
    out: list[str] = []
    near = 0  # parentheses open inside NEAR(...)
    last = ""  # the previous token that is not whitespace
    for token in _QUERY_TOKEN_RE.findall(query):
        if token.isspace() or token.startswith('"'):
            out.append(token)
        elif token == "(":
            near += 1 if near or last == "NEAR" else 0
            out.append(token)
        elif token == ")":
            near = max(near - 1, 0)
            out.append(token)
        elif token == ",":
            out.append(token if near else " ")
        else:
            out.append(_word(token))
        if not token.isspace():
            last = token
    return "".join(out)


def _word(token: str) -> str:
    if token in _OPERATORS or _BAREWORD_RE.fullmatch(token):
        return token
    if token.startswith("-") and len(token) > 1:
        return "NOT " + _word(token[1:])
    start = "^" if token.startswith("^") else ""
    star = "*" if token.endswith("*") else ""
    core = token[len(start) : len(token) - len(star)]
    if not core or _BAREWORD_RE.fullmatch(core):
        return token  # an operator character (`*`, `+`, `^`) or a plain prefix: FTS5's to judge
    return start + '"' + core.replace('"', '""') + '"' + star


def _person_id(document: Document, who: str) -> str:
    from ..read.people import Registry

    person = Registry(people=tuple(document.people)).resolve(who) if document.people else None
    if person is None:
        raise UnknownPerson(f"--speaker {who!r}: nobody by that id, name or alias in the people registry")
    return person.id


def search(
    document: Document,
    query: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    speaker: str | None = None,
    section: Section | str | None = None,
    limit: int | None = 20,
    order: str = "rank",
) -> SearchResult:
    """Search the meeting titles, item texts and action texts of ``document``.

    ``since`` and ``until`` bound the meeting date (inclusive); ``speaker`` (an id, name or alias;
    ``LookupError`` when the registry knows nobody by it) keeps the texts attributed to that
    person; ``section`` (``agenda``, ``notes``, ``action_items``) keeps the items of that section
    (a meeting title is in none); ``limit`` (None or 0: all) caps the hits returned, ``total``
    counts them all; ``order`` is ``rank`` (best match first) or ``date`` (oldest first).
    ``QueryError`` when the query cannot be read.
    """
    if order not in ORDERS:
        raise ValueError(f"order {order!r}: choose one of {', '.join(ORDERS)}")
    wanted_section = Section(section) if section is not None else None
    person = _person_id(document, speaker) if speaker else None
    if any("\ud800" <= character <= "\udfff" for character in query):  # a lone surrogate is no text
        raise QueryError(
            f"search query {query!r}: holds a character that is not text (a lone surrogate); retype the query"
        )
    expression = fts_query(query)
    with paused_gc():  # one object per text, no cycles (as in the SQLite export)
        rows = texts(document)
        connection = _connect(rows)
    try:
        matches = _matches(connection, query, expression)
        kept = [
            (rowid, score)
            for rowid, score in matches
            if _keep(rows[rowid - 1], since, until, person, wanted_section)
        ]
        hits = _fold(rows, kept)
        if order == "date":
            hits.sort(key=lambda hit: _chronological(rows[hit[0] - 1], hit[0]))
        shown = hits if not limit else hits[:limit]
        snippets = _snippets(connection, expression, [rowid for rowid, _, _ in shown])
    finally:
        connection.close()
    return SearchResult(
        query,
        expression,
        len(hits),
        [_hit(rows[rowid - 1], score, actions, snippets[rowid]) for rowid, score, actions in shown],
    )


def _connect(rows: Sequence[Text]) -> sqlite3.Connection:
    try:
        return build([search_table(rows)], views=())
    except sqlite3.OperationalError as error:  # pragma: no cover - depends on how Python's SQLite was built
        if "fts5" in str(error):
            raise RuntimeError(
                "this Python's SQLite has no FTS5 full-text search; install a Python whose sqlite3 has it"
            ) from error
        raise


def _matches(connection: sqlite3.Connection, query: str, expression: str) -> list[tuple[int, float]]:
    """(rowid, bm25 score) of every matching text, best first (ties in source order)."""
    sql = f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? ORDER BY rank, rowid"
    try:
        return connection.execute(sql, (expression,)).fetchall()
    except sqlite3.OperationalError as error:
        why = str(error).removeprefix("fts5: ")
        if why.startswith("unknown special query"):  # FTS5's words for a query made of `*` alone
            why = "`*` goes right after the start of a word (prefix*)"
        raise QueryError(
            f'search query {query!r}: {why}; write words, "a phrase", prefix*, AND, OR, NOT (uppercase) and parentheses'
        ) from None


def _keep(
    row: Text, since: dt.date | None, until: dt.date | None, person: str | None, section: Section | None
) -> bool:
    date = row.meeting.date
    return (
        (since is None or date >= since)
        and (until is None or date <= until)
        and (person is None or person in row.speakers)
        and (section is None or row.section is section)
    )


def _chronological(row: Text, rowid: int) -> tuple[dt.date, str, int, int]:
    return row.meeting.date, row.meeting.id, row.line, rowid


def _fold(rows: Sequence[Text], kept: list[tuple[int, float]]) -> list[tuple[int, float, tuple[str, ...]]]:
    """One hit per matched text, an action folded into its item's hit when both match."""
    item_hits = {
        row.item.id: rowid
        for rowid, _ in kept
        if (row := rows[rowid - 1]).kind == "item" and row.item is not None
    }
    folded: dict[int, list[str]] = {}
    hits: list[tuple[int, float]] = []
    for rowid, score in kept:
        row = rows[rowid - 1]
        if row.kind == "action" and row.item is not None and row.action is not None:
            if row.item.id in item_hits:
                folded.setdefault(item_hits[row.item.id], []).append(row.action.id)
                continue
            folded.setdefault(rowid, []).append(row.action.id)
        hits.append((rowid, score))
    return [(rowid, score, tuple(folded.get(rowid, ()))) for rowid, score in hits]


def _snippets(connection: sqlite3.Connection, expression: str, rowids: list[int]) -> dict[int, str]:
    if not rowids:
        return {}
    marks = ", ".join("?" * len(rowids))
    sql = (
        f"SELECT rowid, snippet({FTS_TABLE}, 0, ?, ?, ?, ?) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH ? AND rowid IN ({marks})"
    )
    return dict(
        connection.execute(sql, (_START, _END, _ELLIPSIS, SNIPPET_TOKENS, expression, *rowids)).fetchall()
    )


def _highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A marked snippet as plain text (whitespace collapsed) and the offsets of the marked parts."""
    marked = _SPACES_RE.sub(" ", marked).strip()
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for n, part in enumerate(re.split(f"[{_START}{_END}]", marked)):
        if n % 2:
            spans.append((length, length + len(part)))
        plain.append(part)
        length += len(part)
    return "".join(plain), tuple(spans)


def _hit(row: Text, score: float, actions: tuple[str, ...], marked: str) -> Hit:
    snippet, spans = _highlights(marked)
    return Hit(
        kind=row.kind,
        meeting_id=row.meeting.id,
        date=row.meeting.date,
        item_id=row.item.id if row.item else None,
        action_ids=actions,
        section=row.section,
        context=row.context,
        speakers=row.speakers,
        unresolved_speakers=row.unresolved_speakers,
        speakers_inherited=row.speakers_inherited,
        text=row.text,
        snippet=snippet,
        highlights=spans,
        path=row.meeting.source.path,
        line=row.line,
        score=score,
    )


# --- rendering ----------------------------------------------------------------------------------------

CONTEXT_WIDTH = 60
"""Longest parent text shown in a hit's context line (longer ones are cut with `…`)."""


def _short(text: str, width: int = CONTEXT_WIDTH) -> str:
    text = _SPACES_RE.sub(" ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_json(result: SearchResult) -> str:
    data = {
        "query": result.query,
        "fts_query": result.fts_query,
        "total": result.total,
        "hits": [hit.as_json() for hit in result.hits],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_text(document: Document, result: SearchResult, bold: Any = None) -> str:
    """Hits as text, a blank line between them. ``bold(text)`` marks matched words (the CLI passes
    a function that makes them bold; ANSI styles are dropped when the output is not a terminal)."""
    names = {person.id: person.name for person in document.people}
    blocks = []
    for hit in result.hits:
        where = {"meeting": "meeting title", "action": "action item"}.get(
            hit.kind, hit.section.value.replace("_", " ") if hit.section else ""
        )
        people = [names.get(pid, pid) for pid in hit.speakers] + list(hit.unresolved_speakers)
        head = "  ".join(
            part
            for part in (hit.date.isoformat(), f"{hit.path}:{hit.line}", where, ", ".join(people))
            if part
        )
        if hit.action_ids and hit.kind == "item" and hit.section is not Section.ACTION_ITEMS:
            head += "  (action item)"
        lines = [head]
        if hit.context:
            lines.append("  in: " + " › ".join(_short(text) for text in hit.context))
        lines.append("  " + _marked(hit, bold))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _marked(hit: Hit, bold: Any) -> str:
    if bold is None:
        return hit.snippet
    out, last = [], 0
    for start, end in hit.highlights:
        out += [hit.snippet[last:start], bold(hit.snippet[start:end])]
        last = end
    out.append(hit.snippet[last:])
    return "".join(out)
