"""``ovnnotes releases``: which release a command-line argument names, and each release as text or JSON."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..facts.milestones import KIND_WORDS
from ..model import Feature, Release, ReleaseMilestone

_VERSION_ARGUMENT = re.compile(
    r"(?:(?P<project>ovn|ovs)[\s-]{0,3})?v?(?P<version>\d{1,2}\.\d{1,2})(?:\.\d{1,2})?", re.I
)


def looks_like_version(text: str) -> bool:
    """Whether a command-line argument names a release (``26.03``, ``26.03.0``, ``OVN 26.03``, ``ovn-26.03``, ``ovs-3.5``)."""
    return _VERSION_ARGUMENT.fullmatch(text.strip()) is not None


def find_release(releases: Sequence[Release], wanted: str) -> list[Release]:
    """The releases ``wanted`` names (see ``looks_like_version``); a version alone matches every project's."""
    match = _VERSION_ARGUMENT.fullmatch(wanted.strip())
    if match is None:
        return []
    project = (match["project"] or "").upper()
    major, minor = match["version"].split(".")
    return [
        r
        for r in releases
        if (not project or r.project == project)
        and r.version.split(".") in ([major, minor], [major.zfill(2), minor.zfill(2)])
    ]


def render_releases(
    releases: Sequence[Release], people: Mapping[str, str], paths: Mapping[str, str], as_json: bool = False
) -> str:
    """What ``ovnnotes releases`` prints: each release with its dates, features and meetings (or JSON).

    A moved date shows the dates it replaced; a feature's parts are listed under it.
    """
    if as_json:
        import json

        from ..model import as_json as to_json

        return json.dumps(to_json(list(releases)), indent=2, ensure_ascii=False) + "\n"
    if not releases:
        return "no releases\n"
    out: list[str] = []
    for release in releases:
        if out:
            out.append("")
        out.append(f"{release.project} {release.version}")
        for milestone in release.milestones:
            out.append(f"  {KIND_WORDS[milestone.kind]:<12} {_date_text(milestone)}")
        if release.features:
            out.append(f"  features ({len(release.features)}):")
        known = {feature.id for feature in release.features}
        parts: dict[str, list[Feature]] = {}
        for feature in release.features:
            if feature.part_of in known:
                parts.setdefault(feature.part_of, []).append(feature)
        for feature in release.features:
            if feature.part_of not in known:
                out.append(_feature_text(feature, people, paths, "    "))
                out += [_feature_text(part, people, paths, "      ") for part in parts.get(feature.id, [])]
        if release.meetings:
            out.append(f"  discussed: {', '.join(release.meetings)}")
    return "\n".join(out) + "\n"


def _feature_text(feature: Feature, people: Mapping[str, str], paths: Mapping[str, str], indent: str) -> str:
    status = feature.status.value + (f" to {feature.slipped_to}" if feature.slipped_to else "")
    line = f"{indent}[{status}] {feature.name}" + (
        f" (slipped from {feature.slipped_from})" if feature.slipped_from else ""
    )
    who = ", ".join(people.get(p, p) for p in [*feature.raised_by, *feature.unresolved_raised_by])
    credited = ", ".join(people.get(p, p) for p in feature.credited if p not in feature.raised_by)
    if who:
        line += f"  raised by {who}" + (f", with {credited}" if credited else "")
    elif credited:
        line += f"  with {credited}"
    first = feature.mentions[0] if feature.mentions else None
    if first is not None:
        line += f"  {paths.get(first.meeting_id, '')}:{first.line}"
    return line


def _date_text(milestone: ReleaseMilestone) -> str:
    said = sorted({m.said_on.isoformat() for date in milestone.history for m in date.mentions})
    current = ("~" if milestone.approximate else "") + milestone.date.isoformat()
    earlier = [
        ("~" if d.approximate else "") + d.date.isoformat() for d in milestone.history if not d.current
    ]
    moved = f" (moved from {', '.join(earlier)})" if earlier else ""
    return f"{current}{moved}  said {', '.join(said)}"
