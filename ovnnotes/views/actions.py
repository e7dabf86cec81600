"""``ovnnotes actions``: action items by owner, as text or JSON."""

from __future__ import annotations

import json

from ..errors import UnknownPerson
from ..model import ActionItem, ActionStatus, Document, Person
from ..model import as_json as to_json
from ..read.people import Registry

UNASSIGNED = "(unassigned)"


def people_by_id(document: Document) -> dict[str, Person]:
    return {person.id: person for person in document.people}


def _find_person(document: Document, who: str) -> Person:
    person = Registry(people=tuple(document.people)).resolve(who) if document.people else None
    if person is None:
        raise UnknownPerson(f"--owner {who!r}: nobody by that id, name or alias in the people registry")
    return person


def actions_by_owner(
    document: Document, owner: str | None = None, only_open: bool = False
) -> dict[str, list[ActionItem]]:
    """Action items grouped by owner id (``(unassigned)`` last), in meeting order within a group."""
    wanted = _find_person(document, owner).id if owner else None
    groups: dict[str, list[ActionItem]] = {}
    for action in document.action_items:
        if only_open and action.status is not ActionStatus.OPEN:
            continue
        for key in action.owners or [UNASSIGNED]:
            if wanted is None or key == wanted:
                groups.setdefault(key, []).append(action)
    names = people_by_id(document)
    return dict(
        sorted(
            groups.items(),
            key=lambda pair: (pair[0] == UNASSIGNED, names[pair[0]].name if pair[0] in names else pair[0]),
        )
    )


def render_actions(document: Document, groups: dict[str, list[ActionItem]], as_json: bool = False) -> str:
    if as_json:
        data = {key: to_json(actions) for key, actions in groups.items()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not groups:
        return "no action items\n"
    names = people_by_id(document)
    out = []
    for key, actions in groups.items():
        out.append(f"{names[key].name} ({key})" if key in names else UNASSIGNED)
        for action in actions:
            kind = "" if action.explicit else " (implicit)"
            path = next((m.source.path for m in document.meetings if m.id == action.meeting_id), "")
            out.append(
                f"  [{action.status.value}] {action.meeting_id}  {action.text}{kind}  {path}:{action.line}"
            )
    return "\n".join(out) + "\n"
