"""Text and JSON views of a document for the ``actions``, ``milestones`` and ``schemas`` commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import model
from ..model import ActionItem, ActionStatus, Document, Person

UNASSIGNED = "(unassigned)"


def _people(document: Document) -> dict[str, Person]:
    return {person.id: person for person in document.people}


def _find_person(document: Document, who: str) -> Person:
    from ..read.people import Registry

    person = Registry(people=tuple(document.people)).resolve(who) if document.people else None
    if person is None:
        raise LookupError(f"--owner {who!r}: nobody by that id, name or alias in the people registry")
    return person


def actions_by_owner(document: Document, owner: str | None = None, only_open: bool = False) -> dict[str, list[ActionItem]]:
    """Action items grouped by owner id (``(unassigned)`` last), in meeting order within a group."""
    wanted = _find_person(document, owner).id if owner else None
    groups: dict[str, list[ActionItem]] = {}
    for action in document.action_items:
        if only_open and action.status is not ActionStatus.OPEN:
            continue
        for key in action.owners or [UNASSIGNED]:
            if wanted is None or key == wanted:
                groups.setdefault(key, []).append(action)
    names = _people(document)
    return dict(sorted(groups.items(), key=lambda pair: (pair[0] == UNASSIGNED, names[pair[0]].name if pair[0] in names else pair[0])))


def render_actions(document: Document, groups: dict[str, list[ActionItem]], as_json: bool = False) -> str:
    if as_json:
        data = {key: model.as_json(actions) for key, actions in groups.items()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not groups:
        return "no action items\n"
    names = _people(document)
    out = []
    for key, actions in groups.items():
        out.append(f"{names[key].name} ({key})" if key in names else UNASSIGNED)
        for action in actions:
            kind = "" if action.explicit else " (implicit)"
            path = next((m.source.path for m in document.meetings if m.id == action.meeting_id), "")
            out.append(f"  [{action.status.value}] {action.meeting_id}  {action.text}{kind}  {path}:{action.line}")
    return "\n".join(out) + "\n"


def render_milestones(document: Document, as_json: bool = False) -> str:
    milestones = sorted(document.milestones, key=lambda m: (m.date, m.id))
    if as_json:
        return json.dumps(model.as_json(milestones), indent=2, ensure_ascii=False) + "\n"
    if not milestones:
        return "no milestones\n"
    out = []
    for m in milestones:
        what = " ".join(part for part in (m.project, m.release, m.kind.value.replace("_", " ")) if part)
        approx = " ~" if m.approximate else "  "
        out.append(f"{m.date.isoformat()}{approx} {what:<24} said {m.meeting_id}: {m.text!r} (confidence {m.confidence:.1f})")
    return "\n".join(out) + "\n"


def load_upstream(path: str, max_bytes: int) -> dict[str, Any]:
    """An upstream ``.ovsschema`` file, as JSON; ``OvnnotesError`` when it is not one."""
    from ..files import reading
    from ..errors import OvnnotesError

    data = reading.read(path, max_bytes=max_bytes)
    try:
        schema = json.loads(data.text)
    except json.JSONDecodeError as error:
        raise OvnnotesError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), dict):
        raise OvnnotesError(f"{path}: not an OVSDB schema (no \"tables\" object)")
    return schema


def recheck_against(document: Document, upstream: dict[str, Any]) -> Document:
    """The document with each proposal checked again, knowing the upstream schema's tables (for `refTable`)."""
    from ..model import Severity
    from ..facts.ovsdb import check_schema_block

    code = {item.id: item.text for meeting in document.meetings for item in _walk(meeting.items) if item.kind == "code"}
    proposals = []
    for proposal in document.schema_proposals:
        path = proposal.problems[0].path if proposal.problems else next(m.source.path for m in document.meetings if m.id == proposal.meeting_id)
        tables, problems = check_schema_block(code[proposal.item_id], path, proposal.line, known_tables=tuple(upstream["tables"]))
        valid = not any(problem.severity is Severity.ERROR for problem in problems)
        proposals.append(proposal.model_copy(update={"tables": tables, "problems": problems, "valid": valid}))
    return document.model_copy(update={"schema_proposals": proposals})


def _walk(items: Sequence[Any]) -> Any:
    for item in items:
        yield item
        yield from _walk(item.children)


def render_schemas(document: Document, upstream: dict[str, Any] | None, as_json: bool = False) -> str:
    from ..facts.ovsdb import compare_tables

    if as_json:
        data = []
        for proposal in document.schema_proposals:
            entry = proposal.model_dump(mode="json")
            if upstream is not None:
                entry["comparisons"] = {
                    table.name: [_comparison_json(c) for c in compare_tables(table, upstream)] for table in proposal.tables
                }
            data.append(entry)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not document.schema_proposals:
        return "no schema proposals\n"
    out: list[str] = []
    for proposal in document.schema_proposals:
        path = next((m.source.path for m in document.meetings if m.id == proposal.meeting_id), "")
        tables = ", ".join(t.name for t in proposal.tables) or "no tables"
        out.append(f"{proposal.id}  ({path}:{proposal.line})  {tables}  {'valid' if proposal.valid else 'INVALID'}")
        for problem in proposal.problems:
            out.append(f"  {problem.path}:{problem.line}:{problem.column}: {problem.severity.value} {problem.code} {problem.message}")
            out.append(f"    hint: {problem.hint}")
        if upstream is not None:
            for table in proposal.tables:
                out.append(f"  closest upstream tables to {table.name}:")
                for comparison in compare_tables(table, upstream):
                    out.append(f"    {comparison.upstream_table} (score {comparison.score:.2f})")
                    for status in ("same", "type_changed", "added", "removed"):
                        names = comparison.names(status)
                        if names:
                            out.append(f"      {status.replace('_', ' ')}: {', '.join(names)}")
    return "\n".join(out) + "\n"


def _comparison_json(comparison: Any) -> dict[str, Any]:
    return {
        "upstream_table": comparison.upstream_table,
        "score": round(comparison.score, 4),
        "columns": [{"name": c.name, "status": c.status, "proposed": c.proposed, "upstream": c.upstream} for c in comparison.columns],
    }


def owners_text(document: Document, ids: Sequence[str]) -> str:
    names = _people(document)
    return ", ".join(names[i].name if i in names else i for i in ids)
