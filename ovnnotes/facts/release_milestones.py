"""Release milestones: the milestones of the notes given to releases, merged into one record per
milestone with its dates (``Release.milestones``), and the calendar's milestone events.

``facts.releases`` builds the releases (their features too) on these; the iCal export needs only
this half (``milestone_events``), so it does not load the vocabularies that read features.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..checks.rules import diagnostic
from ..model import (
    Diagnostic,
    Document,
    Meeting,
    Milestone,
    MilestoneDate,
    MilestoneKind,
    MilestoneMention,
    Release,
    ReleaseMilestone,
)
from .cadence import OVN_CADENCE, Cadence
from .milestone_events import Mention, MilestoneEvent, merge_milestones
from .milestones import find_releases

_INFERRED_KINDS = frozenset(
    {MilestoneKind.SOFT_FREEZE, MilestoneKind.BRANCH, MilestoneKind.RELEASE, MilestoneKind.OTHER}
)
_KIND_ORDER = {
    MilestoneKind.SOFT_FREEZE: 0,
    MilestoneKind.BRANCH: 1,
    MilestoneKind.RELEASE: 2,
    MilestoneKind.OTHER: 3,
    MilestoneKind.CONFERENCE: 4,
}


def normalise_version(version: str) -> str:
    """``26.03.0`` -> ``26.03``; ``OVS 3.5.1`` -> ``3.5``."""
    found = find_releases(version if "." in version else version + " ")
    return found[0][3] if found else version.strip()


def release_key(project: str, version: str) -> str:
    """The stable id of a release: ``ovn-26.03``."""
    return f"{project.lower()}-{version}"


def assign_releases(
    milestones: Sequence[Milestone], meetings: Sequence[Meeting], cadence: Cadence = OVN_CADENCE
) -> tuple[list[Milestone], list[Diagnostic]]:
    """The milestones with the cadence's release given to those of OVN (or no project) that name none (``ONM621``)."""
    paths = {meeting.id: meeting.source.path for meeting in meetings}
    out: list[Milestone] = []
    found: list[Diagnostic] = []
    for milestone in milestones:
        if (
            milestone.release is None
            and milestone.project in (None, cadence.project)
            and milestone.kind in _INFERRED_KINDS
        ):
            version = cadence.release_of(milestone.kind, milestone.date)
            if version is not None:
                out.append(replace(milestone, project=cadence.project, release=version))  # type: ignore[arg-type]
                found.append(
                    diagnostic(
                        "ONM621",
                        paths.get(milestone.meeting_id, ""),
                        milestone.line,
                        1,
                        f"milestone {milestone.text!r} names no release; taken as {cadence.project} {version}, the release of the "
                        f"{cadence.project} cadence (releases in {cadence_months(cadence)}) its date {milestone.date.isoformat()} falls in",
                    )
                )
                continue
        out.append(milestone)
    return out, found


def cadence_months(cadence: Cadence) -> str:
    names = [dt.date(2000, month, 1).strftime("%B") for month in cadence.months]
    return " and ".join(names)


def _mention_model(mention: Mention) -> MilestoneMention:
    return MilestoneMention(
        milestone_id=mention.milestone_id,
        meeting_id=mention.meeting_id,
        item_id=mention.item_id,
        said_on=mention.said_on,
        date=mention.date,
        approximate=mention.approximate,
        text=mention.phrase,
        speakers=list(mention.speakers),
        unresolved_speakers=list(mention.unresolved_speakers),
        line=mention.line,
    )


def release_milestones(
    events: Sequence[MilestoneEvent], order: Mapping[str, int]
) -> dict[tuple[str, str], list[ReleaseMilestone]]:
    """The release milestones of the merged events, by (project, version): each milestone with its dates."""
    groups: dict[tuple[str, str, MilestoneKind], list[MilestoneEvent]] = {}
    for event in events:
        if event.release:
            groups.setdefault((event.project or "OVN", event.release, event.kind), []).append(event)
    result: dict[tuple[str, str], list[ReleaseMilestone]] = {}
    for (project, version, kind), members in groups.items():

        def stated(event: MilestoneEvent) -> tuple[bool, int]:
            exact = [order.get(m.milestone_id, 0) for m in event.mentions if not m.approximate] or [
                order.get(m.milestone_id, 0) for m in event.mentions
            ]
            return event.current, max(exact)

        members = sorted(members, key=stated)
        current = members[-1]
        history = [
            MilestoneDate(
                id=event.key,
                date=event.date,
                approximate=event.approximate,
                current=event is current,
                mentions=[_mention_model(m) for m in event.mentions],
            )
            for event in members
        ]
        result.setdefault((project, version), []).append(
            ReleaseMilestone(
                id=current.key,
                kind=kind,
                name=current.name,
                date=current.date,
                approximate=current.approximate,
                history=history,
            )
        )
    for milestones in result.values():
        milestones.sort(key=lambda m: (_KIND_ORDER.get(m.kind, 9), m.date, m.id))
    return result


def release_order(key: tuple[str, str]) -> tuple[int, tuple[int, ...]]:
    project, version = key
    return (0 if project == "OVN" else 1, tuple(int(part) for part in version.split(".") if part.isdigit()))


def calendar_events(
    releases: Sequence[Release], unreleased: Sequence[MilestoneEvent], meetings: Sequence[Meeting]
) -> list[MilestoneEvent]:
    """The calendar's milestone events: one per date of each release milestone (``releases``), and the
    milestones without a release (``unreleased``), by date then key."""
    wanted = {
        mention.item_id
        for release in releases
        for milestone in release.milestones
        for date in milestone.history
        for mention in date.mentions
    }
    texts: dict[str, str] = {}
    paths: dict[str, str] = {}
    for meeting in meetings:
        paths[meeting.id] = meeting.source.path
        if wanted:
            texts.update(
                (visit.item.id, visit.item.text) for visit in meeting.iter_items() if visit.item.id in wanted
            )
    events = list(unreleased)
    for release in releases:
        for milestone in release.milestones:
            exact = tuple(sorted({date.date for date in milestone.history if not date.approximate}))
            for date in milestone.history:
                mentions = tuple(
                    Mention(
                        milestone_id=m.milestone_id,
                        meeting_id=m.meeting_id,
                        item_id=m.item_id,
                        said_on=m.said_on,
                        speakers=tuple(m.speakers),
                        unresolved_speakers=tuple(m.unresolved_speakers),
                        date=m.date,
                        approximate=m.approximate,
                        phrase=m.text,
                        item_text=texts.get(m.item_id, m.text),
                        path=paths.get(m.meeting_id, ""),
                        line=m.line,
                    )
                    for m in date.mentions
                )
                events.append(
                    MilestoneEvent(
                        key=date.id,
                        kind=milestone.kind,
                        project=release.project,
                        release=release.version,
                        date=date.date,
                        approximate=date.approximate,
                        name=milestone.name,
                        mentions=mentions,
                        current=date.current,
                        exact_dates=exact,
                        moved_to=None if date.current else milestone.date,
                    )
                )
    events.sort(key=lambda event: (event.date, event.key))
    return events


def milestone_events(document: Document) -> list[MilestoneEvent]:
    """The calendar's milestone events for a document: one per date of each release milestone, then the
    milestones without a release, by date and key.

    The release milestones are built from the document's milestones by the same steps as
    ``Release.milestones`` (``assign_releases``, ``merge_milestones``, one record per milestone with
    its dates), so the calendar and the releases never disagree, and a document whose releases were
    not extracted (the iCal export extracts only milestones and action items) gets the same events.
    """
    assigned, _ = assign_releases(document.milestones, document.meetings)
    merged = merge_milestones(assigned, document.meetings)
    by_release = release_milestones(merged.events, {m.id: index for index, m in enumerate(assigned)})
    releases = [
        Release(id=release_key(*key), project=key[0], version=key[1], milestones=milestones)  # type: ignore[arg-type]
        for key, milestones in sorted(by_release.items(), key=lambda pair: release_order(pair[0]))
    ]
    return calendar_events(
        releases, [event for event in merged.events if not event.release], document.meetings
    )
