"""``ovnnotes milestones``: the release milestones stated in the notes, by date, as text or JSON."""

from __future__ import annotations

import json

from ..model import Document
from ..model import as_json as to_json


def render_milestones(document: Document, as_json: bool = False) -> str:
    milestones = sorted(document.milestones, key=lambda m: (m.date, m.id))
    if as_json:
        return json.dumps(to_json(milestones), indent=2, ensure_ascii=False) + "\n"
    if not milestones:
        return "no milestones\n"
    out = []
    for m in milestones:
        what = " ".join(part for part in (m.project, m.release, m.kind.value.replace("_", " ")) if part)
        approx = " ~" if m.approximate else "  "
        out.append(
            f"{m.date.isoformat()}{approx} {what:<24} said {m.meeting_id}: {m.text!r} (confidence {m.confidence:.1f})"
        )
    return "\n".join(out) + "\n"
