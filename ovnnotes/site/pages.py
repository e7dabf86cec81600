"""Render the site's pages from the view models with Jinja2 (autoescaping on, undefined names an error).

Every page is rendered from a template in ``templates/`` with a context of view models
(``views``); the templates print text only through autoescaping (and the ``text`` filter, which
also shows direction controls as visible marks) and make links only from ``safety.safe_href``.
Links between pages are relative (``root`` is the way up to the site's top), so the site works
from any folder of any static host, and from ``file://`` (all but the search).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..files.writing import safe_name
from ..model import Document, Item, Meeting, SchemaProposal
from ..vocabulary.labels import SECTION_TITLES as LABELLED_SECTIONS
from . import views
from .charts import Chart
from .safety import attribute_text, reveal_controls, safe_href, segments

SITE_NAME = "OVN community meetings"
NAV = (
    ("home", "Home", "index.html"),
    ("meetings", "Meetings", "meetings/index.html"),
    ("people", "People", "people/index.html"),
    ("releases", "Releases", "releases/index.html"),
    ("actions", "Actions", "actions/index.html"),
    ("proposals", "Proposals", "proposals/index.html"),
    ("search", "Search", "search/index.html"),
)
CSP = "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'self'"
"""Content-Security-Policy of every page: no script at all, nothing from another host."""
SEARCH_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'self'"
"""The search page runs Pagefind: scripts from the site itself (no inline script) and its WebAssembly."""
SECTION_TITLES: dict[str | None, str] = {None: "Items"}
SECTION_TITLES.update(LABELLED_SECTIONS)
STATUS_PAGES = (("all", "All", "index.html"), ("open", "Open", "open.html"), ("unknown", "Unknown", "unknown.html"), ("done", "Done", "done.html"))
LATEST = 5
"""Meetings on the home page."""
HOME_ACTIONS = 10
"""Open action items on the home page (the oldest)."""
SNIPPET = 160
"""Characters of an item's text shown where a page links to it."""
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Context:
    """What every page knows: the document's lookups and the site's settings."""

    document: Document
    today: dt.date
    calendar: str
    calendar_url: str | None
    search: bool


def meeting_file(meeting_id: str) -> str:
    return f"{safe_name(meeting_id)}.html"


def person_file(person_id: str) -> str:
    return f"{safe_name(person_id)}.html"


def anchor(item_id: str) -> str:
    """The fragment id of an item on its meeting's page: ``2024-12-02/notes/4.3.1`` -> ``i-notes-4.3.1``."""
    local = item_id.split("/", 1)[1] if "/" in item_id else item_id
    return "i-" + re.sub(r"[^A-Za-z0-9._-]+", "-", local)


def owner_anchor(owner: str) -> str:
    return "owner-" + safe_name(owner)


def human(date: dt.date) -> str:
    from ..vocabulary.dates import heading_date as markdown_date

    return markdown_date(date)


def age(days: int) -> str:
    """``3 days``, ``5 weeks``, ``14 months``, ``2 years``: the unit a reader takes in at a glance."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 90:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def attendance_text(meeting: Meeting) -> str:
    count = len(meeting.attendees) + len(meeting.unresolved_attendees)
    return plural(count, "attendee") if count else "attendees not recorded"


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"


def code_lines(item: Item) -> list[tuple[int, str]]:
    """The lines of a code item with their source line numbers (the fence lines themselves left out)."""
    lines = item.raw.split("\n")
    start = item.line
    if lines and _FENCE.match(lines[0]):
        lines, start = lines[1:], start + 1
        if lines and _FENCE.match(lines[-1]):
            lines = lines[:-1]
    return [(start + index, line) for index, line in enumerate(lines)]


def problem_lines(proposal: SchemaProposal | None) -> dict[int, list[Any]]:
    """Line -> the problems found on it, to mark the line and print them under it (a caret at the column)."""
    found: dict[int, list[Any]] = {}
    for problem in proposal.problems if proposal else ():
        found.setdefault(problem.line, []).append(problem)
    return found


_TICKS = re.compile(r"`([^`\n]+)`")


def ticks(text: str) -> Markup:
    """Escaped text with the diagnostics' `code` spans as ``<code>`` (the messages quote names that way)."""
    out, last = [], 0
    for match in _TICKS.finditer(text):
        out.append(reveal_controls(text[last : match.start()]))
        out.append(Markup("<code>{}</code>").format(reveal_controls(match.group(1))))
        last = match.end()
    out.append(reveal_controls(text[last:]))
    return Markup("").join(out)


def link_or_text(url: str) -> Markup:
    href = safe_href(url)
    if href is None:
        return Markup('<span class="refused" title="not linked: only http, https and mailto links are">{}</span>').format(reveal_controls(url))
    return Markup('<a href="{}" rel="nofollow noopener noreferrer">{}</a>').format(href, reveal_controls(url))


def topics_of(meeting: Meeting) -> list[views.ItemRef]:
    """The top-level items of a meeting's agenda (or of a meeting without sections), as links."""
    return [
        views.ItemRef(meeting.id, item.id, item.text or "code block", item.line)
        for item in meeting.items
        if item.section is None or item.section.value == "agenda"
    ]


def environment() -> Any:
    """The Jinja2 environment of the site's templates."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ovnnotes.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(text=reveal_controls, attr=attribute_text, ticks=ticks, human=human, age=age, snippet=snippet, plural=plural)
    env.globals.update(
        segments=segments, meeting_file=meeting_file, person_file=person_file, anchor=anchor, owner_anchor=owner_anchor,
        code_lines=code_lines, problem_lines=problem_lines, link_or_text=link_or_text, topics_of=topics_of, attendance_text=attendance_text,
        section_title=lambda key: SECTION_TITLES.get(key, str(key).replace("_", " ").capitalize()),
    )
    return env


class Renderer:
    """Renders the pages of one site; ``page`` gives each template the shared context."""

    def __init__(self, context: Context) -> None:
        self.env = environment()
        self.context = context
        document = context.document
        releases = views.release_views(document)
        self.meetings_by_id = {meeting.id: meeting for meeting in document.meetings}
        self.shared: dict[str, Any] = {
            "site": {
                "name": SITE_NAME, "version": document.generator.version, "nav": NAV, "today": context.today,
                "meeting_count": len(document.meetings), "calendar": context.calendar, "calendar_url": context.calendar_url,
            },
            "people": {person.id: person for person in document.people},
            "meetings_by_id": self.meetings_by_id,
        }
        self.releases = releases

    def page(self, template: str, depth: int, section: str, csp: str = CSP, **values: Any) -> bytes:
        root = "../" * depth
        html: str = self.env.get_template(template).render(root=root, section=section, csp=csp, **self.shared, **values)
        return html.encode()


def render_pages(context: Context, charts: dict[str, Chart], add_chart: Callable[[Chart], None]) -> tuple[dict[str, bytes], Callable[[bool, str], bytes]]:
    """Every page but the search page, and a function that renders the search page once the index is known."""
    from . import charts as drawing

    renderer = Renderer(context)
    document, today = context.document, context.today
    files: dict[str, bytes] = {}
    meeting_list = document.meetings
    person_list = views.person_views(document, today, renderer.releases)
    actions = views.action_views(document, today)
    open_actions = [view for view in actions if view.status == "open"]

    files["index.html"] = renderer.page(
        "home.html", 0, "home",
        latest=list(reversed(meeting_list))[:LATEST], meetings=meeting_list,
        first=meeting_list[0] if meeting_list else None, last=meeting_list[-1] if meeting_list else None,
        ahead=views.milestones_ahead(renderer.releases, today),
        open_actions=open_actions[:HOME_ACTIONS], open_count=len(open_actions),
        active_people=sum(1 for view in person_list if view.attended or view.said or view.actions),
        attendance=charts["attendance"],
    )

    by_year: dict[int, list[Meeting]] = {}
    for meeting in reversed(meeting_list):
        by_year.setdefault(meeting.date.year, []).append(meeting)
    files["meetings/index.html"] = renderer.page("meetings.html", 1, "meetings", meetings=meeting_list, by_year=list(by_year.items()))
    for meeting_view in views.meeting_views(document, renderer.releases):
        files[f"meetings/{meeting_file(meeting_view.meeting.id)}"] = renderer.page("meeting.html", 1, "meetings", view=meeting_view, meeting=meeting_view.meeting)

    ranked = sorted(person_list, key=lambda v: (-len(v.attended), -len(v.said), v.person.name.casefold()))
    unresolved: dict[str, int] = {}
    for meeting in meeting_list:
        for name in meeting.unresolved_attendees:
            unresolved[name] = unresolved.get(name, 0) + 1
    files["people/index.html"] = renderer.page(
        "people.html", 1, "people", ranked=ranked, chart=charts["people"],
        unresolved=sorted(unresolved.items(), key=lambda pair: (-pair[1], pair[0].casefold())),
    )
    attending = [view for view in person_list if view.attended]
    person_charts = drawing.person_charts(
        meeting_list, [(v.person.name, f"person-{safe_name(v.person.id)}.svg", {m.id for m in v.attended}) for v in attending]
    )
    chart_of = {view.person.id: chart for view, chart in zip(attending, person_charts)}
    for chart in person_charts:
        add_chart(chart)
    for view in person_list:
        person_chart = chart_of.get(view.person.id)
        said: dict[str, list[views.ItemRef]] = {}
        for ref in reversed(view.said):
            said.setdefault(ref.meeting_id, []).append(ref)
        for refs in said.values():
            refs.reverse()
        files[f"people/{person_file(view.person.id)}"] = renderer.page(
            "person.html", 1, "people", pv=view, chart=person_chart, said_meetings=list(said.items()),
        )

    release_charts = {}
    for release in renderer.releases:
        if not release.milestones:
            continue  # no date to draw: the section says so
        dates = [renderer.meetings_by_id[i].date for i in release.meetings if i in renderer.meetings_by_id]
        chart = drawing.release_chart(release.title, f"release-{safe_name(release.anchor)}.svg", release.milestones, today, dates)
        add_chart(chart)
        release_charts[release.anchor] = chart
    files["releases/index.html"] = renderer.page("releases.html", 1, "releases", releases=renderer.releases, charts=release_charts)

    counts = {"all": len(actions), **{status: sum(1 for v in actions if v.status == status) for status in ("open", "unknown", "done")}}
    filters = [(key, label, href, counts[key]) for key, label, href in STATUS_PAGES]
    for key, label, href in STATUS_PAGES:
        heading = "Action items" if key == "all" else f"{label} action items"
        files[f"actions/{href}"] = renderer.page(
            "actions.html", 1, "actions", heading=heading, current=key, filters=filters,
            groups=views.actions_by_owner(document, today, None if key == "all" else key),
        )

    items_by_id = {item.id: item for meeting in meeting_list for item, _ in views.walk(meeting.items) if item.kind == "code"}
    files["proposals/index.html"] = renderer.page("proposals.html", 1, "proposals", proposals=document.schema_proposals, items_by_id=items_by_id)

    def search_page(available: bool, reason: str) -> bytes:
        return renderer.page("search.html", 1, "search", csp=SEARCH_CSP if available else CSP, available=available, reason=reason)

    return files, search_page


def meeting_pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """The pages the search indexes: one per meeting."""
    return {name: data for name, data in files.items() if name.startswith("meetings/") and name != "meetings/index.html"}

