"""``ovnnotes site``: the files, their links, determinism, safety, the view models and the CLI.

Pages are read back with the standard library's HTML parser (independent of the templates that
wrote them) and every local link is followed inside the built file set. The browser checks are in
``test_site_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from ovnnotes import api
from ovnnotes.cli import cli
from ovnnotes.errors import OvnnotesError
from ovnnotes.site import MANIFEST, SiteOptions, build_site, views, write_site
from ovnnotes.site.pages import age, anchor
from ovnnotes.site.safety import reveal_controls, safe_href, segments
from ovnnotes.site.serve import make_server
from ovnnotes.writers.exporters import render

ROOT = Path(__file__).resolve().parent.parent
NO_PAGEFIND = "/nonexistent/pagefind"


@dataclass
class Page:
    """What a page holds, as an independent HTML parser sees it."""

    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def find(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.elements.append((tag, values))
        if "id" in values:
            self.page.ids.add(values["id"])

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)


def read(html: bytes) -> Page:
    reader = _Reader()
    reader.feed(html.decode())
    reader.close()
    return reader.page


@pytest.fixture(scope="module")
def site(seed_document):
    return build_site(seed_document)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    return {name: read(data) for name, data in site.files.items() if name.endswith(".html")}


def test_the_site_has_every_page_and_file(site, seed_document) -> None:
    names = set(site.files)
    for name in ("index.html", "meetings/index.html", "people/index.html", "releases/index.html", "actions/index.html",
                 "actions/open.html", "actions/done.html", "actions/unknown.html", "proposals/index.html", "search/index.html",
                 "assets/style.css", "assets/search.js", "charts/attendance.svg", "charts/people.svg", "pagefind/pagefind.js",
                 ".nojekyll", MANIFEST):
        assert name in names
    assert {f"meetings/{m.id}.html" for m in seed_document.meetings} <= names
    assert {f"people/{p.id}.html" for p in seed_document.people} <= names
    assert site.search and site.notes == []
    assert json.loads(site.files[MANIFEST])["files"] == sorted(names)


def test_the_calendar_and_json_are_the_exporters_output(site, seed_document) -> None:
    assert site.files["ovn-community-meetings.ics"] == render(seed_document, "ical")["ovn-community-meetings.ics"]
    assert site.files["ovnnotes.json"] == render(seed_document, "json")["ovnnotes.json"]


def test_rebuilds_are_byte_identical(site, seed_document) -> None:
    again = build_site(seed_document)
    assert again.files.keys() == site.files.keys()
    assert [name for name in site.files if site.files[name] != again.files[name]] == []


def test_every_local_link_leads_to_a_file_and_anchor_of_the_site(site, pages) -> None:
    broken = []
    for name, page in pages.items():
        base = f"http://site/{name}"
        for tag, attrs in page.elements:
            for attribute in ("href", "src", "action"):
                if attribute not in attrs:
                    continue
                url = urljoin(base, attrs[attribute])
                parts = urlsplit(url)
                if parts.netloc != "site":
                    assert tag == "a", f"{name}: <{tag} {attribute}={attrs[attribute]!r}> loads from another host"
                    continue
                target = parts.path.lstrip("/") or "index.html"
                if target not in site.files:
                    broken.append(f"{name}: {attrs[attribute]}")
                elif parts.fragment and target.endswith(".html") and parts.fragment not in pages[target].ids:
                    broken.append(f"{name}: {attrs[attribute]} (no such anchor)")
    assert broken == []


def test_pages_are_locked_down(pages) -> None:
    for name, page in pages.items():
        csp = [attrs["content"] for attrs in page.find("meta") if attrs.get("http-equiv") == "Content-Security-Policy"]
        assert len(csp) == 1, name
        assert "default-src 'none'" in csp[0] and "'unsafe-inline'" not in csp[0] and "http" not in csp[0]
        scripts = page.find("script")
        if name == "search/index.html":
            assert scripts == [{"type": "module", "src": "../assets/search.js"}]
            assert "script-src 'self' 'wasm-unsafe-eval'" in csp[0]
        else:
            assert scripts == [] and "script-src" not in csp[0], name
        for tag, attrs in page.elements:
            assert not [a for a in attrs if a.startswith("on") or a == "style"], (name, tag, attrs)
        assert page.find("style") == []


def route_proposal(document):
    """The Dec 2, 2024 proposal of an SB ``Route`` table (its ids and lines come from the parse, not from this test)."""
    return next(p for p in document.schema_proposals if p.meeting_id == "2024-12-02" and [t.name for t in p.tables] == ["Route"])


def test_meeting_page_content(pages, seed_document) -> None:
    page = pages["meetings/2024-12-02.html"]
    proposal = route_proposal(seed_document)
    text = " ".join(" ".join(page.text).split())
    assert "OVN Community Meeting, Dec 2, 2024" in text
    assert f"OVSDB schema proposal: table Route — invalid , {len(proposal.problems)} problems" in text.replace("invalid,", "invalid ,")
    assert "error ONS302 Column name ip prefix is not a valid OVSDB identifier" in text
    assert "Milestone: OVS soft freeze on Jan 2, 2025" in text
    errors = [d for d in proposal.problems if d.severity.value == "error"]
    assert [d.code for d in errors] == ["ONS302", "ONS303"]
    assert {f"{anchor(proposal.item_id)}-L{d.line}" for d in proposal.problems} <= page.ids
    inferred = [attrs for tag, attrs in page.elements if tag == "li" and "inferred" in attrs.get("class", "").split()]
    assert inferred, "inferred nesting is marked"
    ids = [m.id for m in seed_document.meetings]
    assert {"rel": "prev", "href": f"{ids[ids.index('2024-12-02') - 1]}.html"} in page.find("a")


def test_charts_are_svg_with_a_title_and_description(site) -> None:
    charts = {name: data for name, data in site.files.items() if name.startswith("charts/")}
    assert len(charts) >= 3 + len([n for n in charts if n.startswith("charts/release-")])
    ns = {"svg": "http://www.w3.org/2000/svg"}
    for name, data in charts.items():
        root = ElementTree.fromstring(data)
        assert root.get("role") == "img", name
        assert root.find("svg:title", ns) is not None and (root.find("svg:title", ns).text or "").strip(), name
        assert (root.find("svg:desc", ns).text or "").strip(), name
        assert b"prefers-color-scheme: dark" in data and b"<script" not in data and b"http://www.w3.org/2000/svg" in data

def test_chart_descriptions_tell_the_data() -> None:
    from types import SimpleNamespace

    from ovnnotes.site.charts import attendance_chart

    meetings = [SimpleNamespace(date=dt.date(2025, 1, 6), attendees=["a", "b"], unresolved_attendees=["X"]),
                SimpleNamespace(date=dt.date(2025, 2, 3), attendees=[], unresolved_attendees=[]),
                SimpleNamespace(date=dt.date(2025, 3, 3), attendees=["a"], unresolved_attendees=[])]
    assert attendance_chart(meetings).description == (
        "Chart of the 3 meetings from Jan 6, 2025 to Mar 3, 2025, a dot for each, with a bar for its "
        "number of attendees: between 0 and 3; 1 meetings recorded no attendees.")


SMALL = Path(__file__).resolve().parent / "cases" / "cli" / "small.txt"


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project whose ``seeds/`` holds one small meeting (for what does not need the seed's size)."""
    (tmp_path / "project" / "seeds").mkdir(parents=True)
    (tmp_path / "project" / "seeds" / "notes.txt").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "project"


def test_without_pagefind_the_site_builds_and_says_search_is_unavailable() -> None:
    build = build_site(api.parse_paths([str(SMALL)]), SiteOptions(pagefind=NO_PAGEFIND))
    assert not build.search
    assert build.notes == [f"search is unavailable on this site: the Pagefind binary {NO_PAGEFIND} is missing or not executable"]
    assert not [name for name in build.files if name.startswith("pagefind/")]
    page = read(build.files["search/index.html"])
    assert page.find("script") == [] and "search-unavailable" in page.ids
    assert "Search is unavailable on this copy of the site" in "".join(page.text)


HOSTILE_MD = """## Dec 15, 2025 | OVN Community Meeting

Attendees: Dumitru Ceara, <script>alert(1)</script>

Recording: javascript:alert(1)

### Agenda

- (dceara) <script>alert("x")</script> and "><img src=x onerror=alert(1)>
- [click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and [ok](https://example.org/a?b=1&c=2)
- [tab](java\tscript:alert(1)) and [upper](JAVASCRIPT:alert(1)) and [mail](mailto:dev@example.org)
- bidi \u202eevil\u202c and \u2066isolate\u2069 text
  - <a href="javascript:alert(1)">raw anchor</a> <svg onload=alert(1)>
- (dceara) OVN 26.03 development
  - soft freeze is scheduled for Jan 23, 2026
  - known features under development
    - "><img src=x onerror=alert(3)> support
    - bidi \u202eevil\u202c routing
      - "\u202egnitset"\u202c Enhancements for OVN 26.03
"""
HOSTILE_TXT = """Dec 15, 2025 | ☐ OVN Community Meeting

Attendees: Dumitru Ceara, "><img src=x onerror=alert(1)>

Agenda
- (dceara) <script>alert("x")</script> and "><img src=x onerror=alert(1)>
- javascript:alert(1) data:text/html,<b>x</b> https://example.org/ok
- bidi \u202eevil\u202c text
"""


@pytest.mark.parametrize("name,notes", [("hostile.md", HOSTILE_MD), ("hostile.txt", HOSTILE_TXT)])
def test_hostile_notes_render_as_text(tmp_path: Path, name: str, notes: str) -> None:
    path = tmp_path / name
    path.write_text(notes, encoding="utf-8")
    document = api.parse_paths([str(path)])
    build = build_site(document, SiteOptions(search=False))
    for page_name, data in build.files.items():
        if not page_name.endswith(".html"):
            continue
        html = data.decode()
        page = read(data)
        assert "\u202e" not in html and "\u2066" not in html, page_name
        for tag, attrs in page.elements:
            assert tag not in ("svg", "iframe", "object", "embed"), (page_name, tag)
            if tag == "img":  # only the site's own charts
                assert attrs["src"].removeprefix("../").startswith("charts/") and attrs["alt"], (page_name, attrs)
            assert not [a for a in attrs if a.startswith("on")], (page_name, tag, attrs)
            for attribute in ("href", "src", "action"):
                value = attrs.get(attribute, "")
                scheme = urlsplit(value).scheme.lower()
                assert scheme in ("", "http", "https", "mailto"), (page_name, tag, value)
        if page_name != "search/index.html":
            assert page.find("script") == [], page_name
    meeting = read(build.files["meetings/2025-12-15.html"])
    text = "".join(meeting.text)
    assert '<script>alert("x")</script>' in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "[U+202E]evil[U+202C]" in text
    if name.endswith(".md"):  # features with hostile names, on the releases page and the person's page
        names = [str(reveal_controls(f.name).striptags()) for r in document.releases for f in r.features]
        assert "><img src=x onerror=alert> support" in names and "bidi [U+202E]evil[U+202C] routing" in names
        releases = "".join(read(build.files["releases/index.html"]).text)
        person = "".join(read(build.files["people/dumitru-ceara.html"]).text)
        assert [n for n in names if n not in releases or n not in person] == []
    hrefs = [attrs["href"] for attrs in meeting.find("a") if attrs.get("href", "").startswith(("http", "mailto"))]
    assert hrefs == (["https://example.org/a?b=1&c=2", "mailto:dev@example.org"] if name.endswith(".md") else ["https://example.org/ok"])


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/x?y=1", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("mailto:dev@example.org", True), ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,<b>", False),
    ("vbscript:msgbox", False), ("//example.org/x", False), ("/relative", False), ("https:///nohost", False),
    ("mailto:", False), ("https://exa\u202emple.org", False), ("", False), (None, False), ("file:///etc/passwd", False),
])
def test_only_http_https_and_mailto_become_links(url: str | None, ok: bool) -> None:
    assert (safe_href(url) == url) if ok else (safe_href(url) is None)


def test_segments_keep_every_link_and_all_the_text() -> None:
    from ovnnotes.model import Link, LinkKind

    links = (Link(url="https://a.example/", text="here", kind=LinkKind.URL), Link(url=None, text="lost", kind=LinkKind.UNDERLINED),
             Link(url="javascript:x()", text="bad", kind=LinkKind.URL), Link(url="https://b.example/", text="absent", kind=LinkKind.URL))
    parts = segments("see here and lost and bad end", links)
    assert [(p.text, p.href, p.lost, p.unsafe_url) for p in parts] == [
        ("see ", None, False, None), ("here", "https://a.example/", False, None), (" and ", None, False, None),
        ("lost", None, True, None), (" and ", None, False, None), ("bad", None, False, "javascript:x()"),
        (" end", None, False, None), (" ", None, False, None), ("absent", "https://b.example/", False, None),
    ]


def test_direction_controls_are_shown_not_obeyed() -> None:
    assert str(reveal_controls("a\u202eb<i>")) == 'a<span class="control" title="invisible text-direction character U+202E">[U+202E]</span>b&lt;i&gt;'


MOVED = """## Oct 6, 2025 | OVN Community Meeting

### Agenda

- (dceara) OVN 26.03 planning
  - soft freeze is scheduled for Jan 23, 2026
  - branch in 2 weeks after that

## Nov 3, 2025 | OVN Community Meeting

### Agenda

- (dceara) OVN 26.03 status
  - soft freeze moved to Jan 30, 2026
  - the 26.03 release is Mar 20, 2026
"""


def words(page: Page) -> str:
    """A page's text as a reader sees it: whitespace runs as one space."""
    return " ".join("".join(page.text).split())


def parse_notes(tmp_path: Path, notes: str, name: str = "notes.md"):
    path = tmp_path / name
    path.write_text(notes, encoding="utf-8")
    return api.parse_paths([str(path)])


def test_a_moved_milestone_keeps_both_dates(tmp_path: Path) -> None:
    document = parse_notes(tmp_path, MOVED)
    (release,) = [r for r in views.release_views(document) if r.release == "26.03"]
    soft = [v for v in release.milestones if v.kind == "soft freeze"]
    assert [(v.date, v.current, v.moved_to) for v in soft] == [
        (dt.date(2026, 1, 23), False, dt.date(2026, 1, 30)), (dt.date(2026, 1, 30), True, None),
    ]
    assert [ref.item_id for ref in release.discussed] == ["2025-10-06/agenda/1", "2025-11-03/agenda/1"]
    ahead = views.milestones_ahead(views.release_views(document), dt.date(2026, 1, 25))
    assert [(v.name, v.date) for v in ahead] == [("OVN 26.03 soft freeze", dt.date(2026, 1, 30)), ("OVN 26.03 release", dt.date(2026, 3, 20))]
    build = build_site(document, SiteOptions(search=False))
    page = read(build.files["releases/index.html"])
    assert "moved to Jan 30, 2026" in "".join(page.text)
    assert page.find("del")
    # the meeting that gave the old date says it moved, and links to the release
    october = read(build.files["meetings/2025-10-06.html"])
    assert "Milestone: OVN 26.03 soft freeze on Jan 23, 2026 (now Jan 30, 2026)" in words(october)
    assert {"href": "../releases/index.html#ovn-26.03"} in october.find("a")


class _Features(HTMLParser):
    """The feature entries of the releases page, each with its section, its parent feature and its parts of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section: str | None = None
        self.open: list[tuple[str, str | None]] = []  # the <li>s open: (id, class)
        self.features: dict[str, dict] = {}
        self.spans: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "h2":
            self.section = values.get("id")
        if tag == "li":
            classes = values.get("class", "").split()
            if "feature" in classes:
                parent = next((i for i, c in reversed(self.open) if c == "feature"), None)
                self.features[values["id"]] = {
                    "section": self.section, "parent": parent, "classes": classes, "text": [], "status": "", "name": "",
                    "slipped_from": "", "slipped_to": "", "links": [], "people": [],
                }
            self.open.append((values.get("id", ""), "feature" if "feature" in classes else None))
        if tag == "span":
            self.spans.append(values.get("class"))
        current = self.current()
        if current is not None and tag == "a":
            current["links"].append(values["href"])
            if "person" in values.get("class", ""):
                current["people"].append(values["href"])

    def current(self) -> dict | None:
        feature_id = next((i for i, c in reversed(self.open) if c == "feature"), None)
        return self.features.get(feature_id) if feature_id else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.open.pop()
        if tag == "span":
            self.spans.pop()

    def handle_data(self, data: str) -> None:
        current = self.current()
        if current is None:
            return
        current["text"].append(data)
        for kind in ("status", "feature-name", "slipped-from", "slipped-to"):
            if any(span and kind in span.split() for span in self.spans):
                current[kind.replace("feature-", "").replace("-", "_")] += data


def features_on(html: bytes) -> dict[str, dict]:
    reader = _Features()
    reader.feed(html.decode())
    reader.close()
    return reader.features


def all_features(release_view) -> list:
    out, stack = [], list(reversed(release_view.features))
    while stack:
        feature = stack.pop()
        out.append(feature)
        stack.extend(reversed(feature.parts))
    return out


def test_release_views_are_the_documents_release_records(seed_document) -> None:
    releases = views.release_views(seed_document)
    records = [v for v in releases if v.id is not None]
    assert sorted(v.id for v in records) == sorted(r.id for r in seed_document.releases)
    versions = [tuple(int(p) for p in v.release.split(".")) for v in records if v.project == "OVN"]
    assert versions == sorted(versions, reverse=True)  # newest first
    for view in records:
        release = next(r for r in seed_document.releases if r.id == view.id)
        assert view.anchor == release.id and view.meetings == tuple(release.meetings)
        assert [(v.kind, v.date, v.current, v.approximate) for v in view.milestones] == [
            (views.kind_label(m.kind), d.date, d.current, d.approximate) for m in release.milestones for d in m.history
        ]
        assert [(v.kind, v.date) for v in view.current] == [(views.kind_label(m.kind), m.date) for m in release.milestones]
        # every feature once; parts inside the feature they are part of, in the order listed
        flat = all_features(view)
        assert sorted(f.id for f in flat) == sorted(f.id for f in release.features) and view.feature_count == len(release.features)
        by_id = {f.id: f for f in release.features}
        for feature in flat:
            record = by_id[feature.id]
            assert (feature.name, feature.status, feature.slipped_to, feature.slipped_from) == (
                record.name, record.status.value, record.slipped_to, record.slipped_from)
            assert [p.id for p in feature.parts] == [f.id for f in release.features if f.part_of == feature.id]
            assert [(r.item_id, r.role) for r in (*feature.listed, *feature.status_refs)] == [
                (m.item_id, m.role) for role in ("listed", "status") for m in record.mentions if m.role == role]
        assert not {f.id for f in view.features} & {f.id for f in release.features if f.part_of in by_id}
    # the milestones of no release are the "other" sections: conferences and the OVS soft freezes
    others = [v for v in releases if v.id is None]
    assert [v.title for v in others] == ["Other OVS milestones", "Other milestones"]
    assert {v.kind for o in others for v in o.milestones} == {"soft freeze", "conference"}


def test_every_milestone_of_the_document_is_shown_once(seed_document) -> None:
    shown = [m.milestone_id for release in views.release_views(seed_document) for v in release.milestones for m in v.mentions]
    assert sorted(shown) == sorted(m.id for m in seed_document.milestones)


def test_a_milestone_whose_release_the_cadence_gives_is_the_releases(tmp_path: Path) -> None:
    """"Soft freeze scheduled for Jan 23, 2026" names no release: the Release records give it to OVN 26.03, and so
    do the releases page, the home page and the meeting page (not the "other milestones")."""
    document = parse_notes(tmp_path, "## Nov 3, 2025 | OVN Community Meeting\n\n### Agenda\n\n- (dceara) Soft freeze scheduled for Jan 23, 2026\n")
    assert [m.release for m in document.milestones] == [None]
    assert [r.id for r in document.releases] == ["ovn-26.03"]
    releases = views.release_views(document)
    assert [(r.title, [v.name for v in r.milestones]) for r in releases] == [("OVN 26.03", ["OVN 26.03 soft freeze"])]
    build = build_site(document, SiteOptions(search=False))
    home = read(build.files["index.html"])
    assert {"href": "releases/index.html#ovn-26.03"} in home.find("a")
    assert "OVN 26.03 soft freeze" in "".join(home.text)
    meeting = words(read(build.files["meetings/2025-11-03.html"]))
    assert "Milestone: OVN 26.03 soft freeze on Jan 23, 2026" in meeting


def test_milestones_ahead_are_the_current_release_dates(seed_document) -> None:
    for today in (dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 12, 15)):
        ahead = views.milestones_ahead(views.release_views(seed_document), today)
        expected = sorted(
            [(m.date, m.name) for r in seed_document.releases for m in r.milestones if m.date >= today]
            + [(v.date, v.name) for v in views.unreleased_milestones(seed_document) if v.date >= today]
        )
        assert [(v.date, v.name) for v in ahead] == expected
    assert [v.name for v in views.milestones_ahead(views.release_views(seed_document), dt.date(2025, 12, 15))] == [
        "OVN 26.03 soft freeze", "OVN 26.03 branch", "OVN 26.03 release"]


def test_the_releases_page_shows_dates_features_status_and_people(site, pages, seed_document) -> None:
    page = pages["releases/index.html"]
    found = features_on(site.files["releases/index.html"])
    people = {p.id for p in seed_document.people}
    for release in seed_document.releases:
        assert release.id in page.ids
        for feature in release.features:
            entry = found[views.fragment(feature.id, "f-")]
            assert entry["section"] == release.id and entry["name"] == feature.name, feature.id
            assert entry["status"] == feature.status.value and f"feature-{feature.status.value}" in entry["classes"]
            assert entry["parent"] == (views.fragment(feature.part_of, "f-") if feature.part_of else None)
            assert entry["people"] == [f"../people/{p}.html" for p in [*feature.raised_by, *(c for c in feature.credited if c not in feature.raised_by)] if p in people]
            assert [h for h in entry["links"] if h.startswith("../meetings/")] == [
                f"../meetings/{m.meeting_id}.html#{anchor(m.item_id)}" for role in ("listed", "status") for m in feature.mentions if m.role == role]
    # OVN 26.03 as the notes plan it
    (r2603,) = [r for r in seed_document.releases if r.id == "ovn-26.03"]
    assert {m.kind.value: m.date for m in r2603.milestones} == {
        "soft_freeze": dt.date(2026, 1, 23), "branch": dt.date(2026, 2, 20), "release": dt.date(2026, 3, 20)}
    nfi = found["f-ovn-26.03-network-function-insertion"]
    assert (nfi["status"], nfi["slipped_from"]) == ("planned", "(slipped from 25.09)") and "#ovn-25.09" in nfi["links"]
    parts = [e["name"] for e in found.values() if e["parent"] == "f-ovn-26.03-network-function-insertion"]
    assert parts == ["Fallback support", "VTAP mode insertion", "Active/Active Deployment"]
    slipped = found["f-ovn-25.09-network-function-insertion"]
    assert (slipped["status"], slipped["slipped_to"]) == ("slipped", "— slipped to 26.03") and "#ovn-26.03" in slipped["links"]
    statuses = {e["status"] for e in found.values()}
    assert statuses == {"planned", "merged", "slipped", "dropped"}
    text = words(page)
    assert "soft freeze Jan 23, 2026 branch Feb 20, 2026 release Mar 20, 2026 9 features discussed in 4 meetings" in text
    # a release the notes give no date for has no timeline, and says so
    for release in seed_document.releases:
        if not release.milestones:
            assert f"The notes give no date for {release.project} {release.version}." in text
            assert f"charts/release-{release.id}.svg" not in site.files
        else:
            assert f"charts/release-{release.id}.svg" in site.files


def test_a_persons_page_lists_the_features_they_raised(site, pages, seed_document) -> None:
    for person_id in ("naveen-yerramneni", "dumitru-ceara", "alexandra"):
        page = pages[f"people/{person_id}.html"]
        raised = [f for r in views.release_views(seed_document) for f in all_features(r) if person_id in f.raised_by]
        expected = {f.id for r in seed_document.releases for f in r.features if person_id in f.raised_by}
        assert {f.id for f in raised} == expected
        links = [a["href"] for a in page.find("a") if "feature-name" in a.get("class", "")]
        assert links[: len(raised)] == [f"../releases/index.html#{f.anchor}" for f in raised]
        credited = {f.id for r in seed_document.releases for f in r.features if person_id in f.credited and person_id not in f.raised_by}
        assert len(links) == len(raised) + len(credited)
    naveen = words(pages["people/naveen-yerramneni.html"])
    assert "OVN 26.03: Network Function Insertion planned (slipped from 25.09)" in naveen
    assert "Features the notes name Alexandra with OVN 26.03: Distributed load balancers planned" in words(pages["people/alexandra.html"])


def test_features_in_a_cycle_of_parts_are_all_shown() -> None:
    """The notes cannot make one, but a hand-written document may: no feature is lost, none loops."""
    from ovnnotes.model import Document, Feature, FeatureStatus, Generator, Release

    features = [
        Feature(id="ovn-26.03/a", name="A", status=FeatureStatus.PLANNED, part_of="ovn-26.03/b"),
        Feature(id="ovn-26.03/b", name="B", status=FeatureStatus.PLANNED, part_of="ovn-26.03/a"),
        Feature(id="ovn-26.03/c", name="C", status=FeatureStatus.DROPPED, part_of="ovn-26.03/c"),
        Feature(id="ovn-26.03/d", name="D", status=FeatureStatus.SLIPPED, slipped_to="26.09", part_of="ovn-26.03/missing"),
    ]
    document = Document(generator=Generator(name="ovnnotes", version="0"), releases=[Release(id="ovn-26.03", project="OVN", version="26.03", features=features)])
    (view,) = views.release_views(document)
    assert [(f.name, [p.name for p in f.parts]) for f in view.features] == [("C", []), ("D", []), ("A", ["B"])]
    assert view.feature_count == 4 and view.features[1].status_text == "slipped to 26.09" and view.features[1].slipped_to_anchor is None
    page = build_site(document, SiteOptions(search=False)).files["releases/index.html"]
    assert len(features_on(page)) == 4


def test_actions_are_grouped_by_owner_open_and_oldest_first(seed_document) -> None:
    today = views.default_today(seed_document)
    groups = views.actions_by_owner(seed_document, today)
    assert views.UNASSIGNED not in [g.owner for g in groups]  # every action of the seed has an owner
    dumitru = next(g for g in groups if g.owner == "dumitru-ceara")
    statuses = [v.status for v in dumitru.actions]
    assert statuses == sorted(statuses, key=["open", "unknown", "done"].index)
    opened = [v.date for v in dumitru.actions if v.status == "open"]
    assert opened == sorted(opened)
    oldest = [next(v.date for v in g.actions if v.status == "open") for g in groups if g.count("open") and g.owner != views.UNASSIGNED]
    assert oldest == sorted(oldest)
    assert all(v.status == "done" for g in views.actions_by_owner(seed_document, today, "done") for v in g.actions)


def test_unassigned_actions_come_last(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("## Dec 15, 2025 | OVN Community Meeting\n\n### Action items\n\n- [ ] somebody to fix CI\n- [ ] Dumitru to review\n", encoding="utf-8")
    document = api.parse_paths([str(path)])
    groups = views.actions_by_owner(document, dt.date(2025, 12, 20))
    assert [(g.owner, [v.action.text for v in g.actions]) for g in groups] == [
        ("dumitru-ceara", ["Dumitru to review"]), (views.UNASSIGNED, ["somebody to fix CI"]),
    ]
    page = read(build_site(document, SiteOptions(search=False)).files["actions/index.html"])
    assert "owner-unassigned" in page.ids


def test_person_view(seed_document) -> None:
    (view,) = [v for v in views.person_views(seed_document, dt.date(2025, 12, 15)) if v.person.id == "dumitru-ceara"]
    assert [m.id for m in view.attended] == [m.id for m in seed_document.meetings if "dumitru-ceara" in m.attendees]
    dates = {m.id: m.date for m in seed_document.meetings}
    owned = [a for a in seed_document.action_items if "dumitru-ceara" in a.owners and a.status.value == "open"]
    assert sorted(v.action.id for v in view.open_actions) == sorted(a.id for a in owned) and owned
    assert [v.date for v in view.open_actions] == sorted(dates[a.meeting_id] for a in owned)
    first = view.open_actions[0]
    assert first.age_days == (dt.date(2025, 12, 15) - dates[first.action.meeting_id]).days
    assert view.topics and all("." not in ref.item_id.rsplit("/", 1)[1] for ref in view.topics)  # top-level items only


@pytest.mark.parametrize("days,text", [(0, "0 days"), (1, "1 day"), (13, "13 days"), (14, "2 weeks"), (100, "3 months"), (800, "2 years")])
def test_age(days: int, text: str) -> None:
    assert age(days) == text


def test_write_site_removes_what_it_no_longer_writes_and_refuses_foreign_folders(tmp_path: Path, site) -> None:
    build = site
    target = tmp_path / "site"
    write_site(target, build)
    (target / "meetings" / "1999-01-01.html").write_text("old")  # not in the manifest: kept
    smaller = dict(build.files)
    del smaller["proposals/index.html"]
    manifest = json.loads(smaller[MANIFEST])
    manifest["files"].remove("proposals/index.html")
    smaller[MANIFEST] = json.dumps(manifest).encode()
    write_site(target, type(build)(files=smaller, search=False))
    assert not (target / "proposals").exists()
    assert (target / "meetings" / "1999-01-01.html").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(OvnnotesError, match="not empty and holds no site built by ovnnotes"):
        write_site(foreign, build)
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_the_local_server_serves_the_site(tmp_path: Path, site) -> None:
    write_site(tmp_path, site)
    server = make_server(tmp_path, 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(base + "index.html", timeout=10) as response:
            assert response.status == 200 and b"OVN community meetings" in response.read()
        with urllib.request.urlopen(base + "ovn-community-meetings.ics", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["site", "-o", str(out), "--today", "2025-01-01", "--base-url", "https://ovn-org.github.io/ovnnotes"])
    assert (result.exit_code, result.stderr) == (0, "")
    files = json.loads((out / MANIFEST).read_text())["files"]
    pages = sum(1 for name in files if name.endswith(".html"))
    assert result.stdout == f"wrote {out}/: {pages} pages, {len(files)} files; search included\n"
    home = (out / "index.html").read_text()
    assert "https://ovn-org.github.io/ovnnotes/ovn-community-meetings.ics" in home
    assert "OVN 25.03 soft freeze</a> <span class=\"meta\">in 3 weeks" in home


def test_cli_site_without_pagefind_warns(tmp_path: Path, small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small_project)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", NO_PAGEFIND)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["site", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr == f"ovnnotes: warning: search is unavailable on this site: the Pagefind binary {NO_PAGEFIND} is missing or not executable\n"
    assert result.stdout.endswith("; search unavailable\n")


def test_cli_site_serve_on_a_busy_port_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.chdir(ROOT)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "site"), "--serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == f"ovnnotes: error: --port {port}: cannot serve on 127.0.0.1 (Address already in use); choose another port\n"


def test_chart_text_is_never_mathtext() -> None:
    from ovnnotes.site.charts import people_chart

    chart = people_chart([("Ann $\\frac{1$ Lee", 3), ("<b>Bob</b>", 2)])
    assert b"Ann $\\frac{1$ Lee" in chart.svg and b"&lt;b&gt;Bob&lt;/b&gt;" in chart.svg


def test_cli_site_refuses_a_foreign_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (tmp_path / "keep.txt").write_text("x")
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"ovnnotes: error: {tmp_path}: the folder is not empty and holds no site built by ovnnotes; "
                             "choose a new or empty folder with -o\n")
