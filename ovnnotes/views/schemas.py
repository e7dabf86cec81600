"""``ovnnotes schemas``: the OVSDB schemas proposed in the notes, with their problems, as text or JSON;
with an upstream schema, the closest upstream tables to each proposed one."""

from __future__ import annotations

import json
from typing import Any

from ..model import Document


def render_schemas(document: Document, upstream: dict[str, Any] | None, as_json: bool = False) -> str:
    from ..facts.ovsdb import compare_tables

    if as_json:
        data = []
        for proposal in document.schema_proposals:
            entry = proposal.model_dump(mode="json")
            if upstream is not None:
                entry["comparisons"] = {
                    table.name: [_comparison_json(c) for c in compare_tables(table, upstream)]
                    for table in proposal.tables
                }
            data.append(entry)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not document.schema_proposals:
        return "no schema proposals\n"
    out: list[str] = []
    for proposal in document.schema_proposals:
        path = next((m.source.path for m in document.meetings if m.id == proposal.meeting_id), "")
        tables = ", ".join(t.name for t in proposal.tables) or "no tables"
        out.append(
            f"{proposal.id}  ({path}:{proposal.line})  {tables}  {'valid' if proposal.valid else 'INVALID'}"
        )
        for problem in proposal.problems:
            out.append(
                f"  {problem.path}:{problem.line}:{problem.column}: {problem.severity.value} {problem.code} {problem.message}"
            )
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
        "columns": [
            {"name": c.name, "status": c.status, "proposed": c.proposed, "upstream": c.upstream}
            for c in comparison.columns
        ],
    }
