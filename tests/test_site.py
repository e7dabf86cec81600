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
def plain_site(seed_document):
    """The seed's site without a search index (quicker, for tests about writing and serving)."""
    return build_site(seed_document, SiteOptions(search=False))


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


def test_without_pagefind_the_site_builds_and_says_search_is_unavailable(seed_document) -> None:
    build = build_site(seed_document, SiteOptions(pagefind=NO_PAGEFIND))
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


def test_a_moved_milestone_keeps_both_dates(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MOVED, encoding="utf-8")
    document = api.parse_paths([str(path)])
    (release,) = [r for r in views.release_views(document) if r.release == "26.03"]
    soft = [v for v in release.milestones if v.kind == "soft freeze"]
    assert [(v.date, v.current, v.moved_to) for v in soft] == [
        (dt.date(2026, 1, 23), False, dt.date(2026, 1, 30)), (dt.date(2026, 1, 30), True, None),
    ]
    assert [ref.item_id for ref in release.discussed] == ["2025-10-06/agenda/1", "2025-11-03/agenda/1"]
    ahead = views.milestones_ahead(views.merged_milestones(document), dt.date(2026, 1, 25))
    assert [(v.name, v.date) for v in ahead] == [("OVN 26.03 soft freeze", dt.date(2026, 1, 30)), ("OVN 26.03 release", dt.date(2026, 3, 20))]
    page = read(build_site(document, SiteOptions(search=False)).files["releases/index.html"])
    assert "moved to Jan 30, 2026" in "".join(page.text)
    assert page.find("del")


def test_release_names_match_as_words() -> None:
    import re

    pattern = re.compile(views.RELEASE_TEXT.format(release=re.escape("26.03")))
    assert [bool(pattern.search(t)) for t in ("OVN 26.03", "v26.03.1 out", "(26.03)", "126.03", "26.031", "26.03x")] == [
        True, True, True, False, False, False,
    ]


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


def test_write_site_removes_what_it_no_longer_writes_and_refuses_foreign_folders(tmp_path: Path, plain_site) -> None:
    build = plain_site
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


def test_the_local_server_serves_the_site(tmp_path: Path, plain_site) -> None:
    write_site(tmp_path, plain_site)
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


def test_cli_site_without_pagefind_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
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
