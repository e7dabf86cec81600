"""The site in a real browser: Debian's Chromium driven by selenium through chromedriver.

The site for the bundled notes is built once, served on 127.0.0.1 by the same server as
``ovnnotes site --serve`` under a sub-path (``/project/``, as GitHub Pages serves a project), and loaded in headless Chromium with networking features that phone
home turned off. Each page is checked through the DOM for its key content, for console errors
(a Content-Security-Policy violation is one), for requests to any other host (the Resource
Timing API and Chrome's network log), and with axe-core (vendored in ``tests/vendor/axe-core``)
for serious or critical accessibility violations. Screenshots at desktop and phone widths go to
``$CI_ARTIFACTS/site-screenshots`` (default ``tests/artifacts/site-screenshots``, git-ignored).

Skipped, with the reason, when Chromium or chromedriver is not installed
(``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ovnnotes.site import build_site, write_site
from ovnnotes.site.serve import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)",
)
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--no-default-browser-check", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
ARTIFACTS = Path(os.environ.get("CI_ARTIFACTS") or Path(__file__).parent / "artifacts") / "site-screenshots"


@pytest.fixture(scope="module")
def server_root(seed_document, tmp_path_factory) -> Iterator[str]:
    """The server's top: the site is in its ``project/`` folder, as on a GitHub Pages project site."""
    build = build_site(seed_document)
    assert build.search, f"the search index was not built: {build.notes}"
    top = tmp_path_factory.mktemp("pages")
    write_site(top / "project", build)
    server = make_server(top, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(server_root: str) -> str:
    return server_root + "project/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ovnnotes-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_window_size(*WIDTHS["desktop"])
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def load(driver, base: str, path: str) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(base + path)


def check_clean(driver, base: str) -> None:
    """No console error, and no request (made or attempted) to anything but the test's server."""
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    origin = urlsplit(base).netloc
    timed = driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)"
    )
    logged = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            logged.append(message["params"]["request"]["url"])
    requested = [url for url in timed + logged if not url.startswith(("data:", "about:", "blob:"))]
    assert requested, "the page made no request at all"
    assert [url for url in requested if urlsplit(url).netloc != origin] == []


def check_accessible(driver) -> None:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))));"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


def screenshots(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, size in WIDTHS.items():
        driver.set_window_size(*size)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(size[0], min(max(size[1], height), 8000))
        driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png"))
    driver.set_window_size(*WIDTHS["desktop"])


def texts(driver, selector: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)]


def test_home(browser, served, seed_document) -> None:
    from selenium.webdriver.common.by import By

    load(browser, served, "index.html")
    assert browser.title == "Home · OVN community meetings"
    latest = texts(browser, "section[aria-labelledby=latest-h] .cards h3")
    assert latest[:2] == ["Dec 15, 2025", "Nov 3, 2025"]
    # the milestones ahead of the newest meeting are the current dates of the Release records
    today = max(m.date for m in seed_document.meetings)
    expected = sorted((m.date, m.name, r.id) for r in seed_document.releases for m in r.milestones if m.date >= today)
    assert [name for _, name, _ in expected] == ["OVN 26.03 soft freeze", "OVN 26.03 branch", "OVN 26.03 release"]
    ahead = browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=ahead-h] ul.milestones li")
    assert [(li.find_element(By.TAG_NAME, "time").get_attribute("datetime"), li.find_element(By.TAG_NAME, "a").text,
             li.find_element(By.TAG_NAME, "a").get_attribute("href").rsplit("#", 1)[1]) for li in ahead] == [
        (date.isoformat(), name, release) for date, name, release in expected]
    chart = browser.find_element(By.CSS_SELECTOR, "figure.chart img")
    assert chart.get_attribute("alt").startswith("Chart of the 21 meetings")  # the seed's meetings
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)
    check_clean(browser, served)
    check_accessible(browser)
    screenshots(browser, "home")


def test_meeting_page_shows_the_route_proposal_with_its_problems(browser, served, seed_document) -> None:
    from selenium.webdriver.common.by import By

    from ovnnotes.site.pages import anchor

    route = next(p for p in seed_document.schema_proposals if p.meeting_id == "2024-12-02" and [t.name for t in p.tables] == ["Route"])
    ids = [m.id for m in seed_document.meetings]

    load(browser, served, "meetings/2024-12-02.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "OVN Community Meeting, Dec 2, 2024"
    proposal = browser.find_element(By.CSS_SELECTOR, ".fact.proposal")
    assert "table Route" in proposal.text and "invalid" in proposal.text
    errors = texts(browser, ".fact.proposal .problems li.severity-error")
    assert len(errors) == 2
    assert "ONS302" in errors[0] and "`ip prefix`" not in errors[0] and "ip prefix" in errors[0]
    assert "ONS303" in errors[1]
    problem_lines = [e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, ".code-line.problem")]
    assert problem_lines == [f"{anchor(route.item_id)}-L{line}" for line in sorted({d.line for d in route.problems})]
    speakers = texts(browser, "h3.topic .speakers a.person")
    assert "Frode Nordahl" in speakers and "Felix Huettner" in speakers
    previous = seed_document.meetings[ids.index("2024-12-02") - 1]
    assert browser.find_element(By.CSS_SELECTOR, "a[rel=prev]").get_attribute("href").endswith(f"/meetings/{previous.id}.html")
    check_clean(browser, served)
    check_accessible(browser)
    screenshots(browser, "meeting-2024-12-02")


def test_person_page_lists_open_actions(browser, served, seed_document) -> None:
    load(browser, served, "people/dumitru-ceara.html")
    dates = {m.id: m.date for m in seed_document.meetings}
    mine = sorted((a for a in seed_document.action_items if "dumitru-ceara" in a.owners), key=lambda a: (dates[a.meeting_id], a.line))
    expected_open = [a.text for a in mine if a.status.value == "open"]
    assert "Dumitru will schedule the next in a month" in expected_open  # the seed's oldest promise of his
    assert texts(browser, "#open-actions li.action-open .action-text") == expected_open
    assert texts(browser, "#open-actions li.action-done .action-text") == [a.text for a in mine if a.status.value == "done"]
    raised = {f.name for r in seed_document.releases for f in r.features if "dumitru-ceara" in f.raised_by}
    shown = texts(browser, "#raised-features .feature-name")
    assert set(shown) == raised and len(shown) == sum(1 for r in seed_document.releases for f in r.features if "dumitru-ceara" in f.raised_by)
    check_clean(browser, served)
    check_accessible(browser)
    screenshots(browser, "person-dumitru-ceara")


def test_releases_page(browser, served, seed_document) -> None:
    from selenium.webdriver.common.by import By

    load(browser, served, "releases/index.html")
    headings = texts(browser, "section.release > h2")
    assert headings[:3] == ["OVN 26.03", "OVN 25.09", "OVN 25.03"]
    assert headings[-2:] == ["Other OVS milestones", "Other milestones"]
    (release,) = [r for r in seed_document.releases if r.id == "ovn-26.03"]
    dates = {m.kind.value: m.date.isoformat() for m in release.milestones}
    assert dates == {"soft_freeze": "2026-01-23", "branch": "2026-02-20", "release": "2026-03-20"}
    section = browser.find_element(By.CSS_SELECTOR, "section.release:has(> h2#ovn-26\\.03)")
    shown = {li.get_attribute("data-kind").replace(" ", "_"): li.find_element(By.TAG_NAME, "time").get_attribute("datetime")
             for li in section.find_elements(By.CSS_SELECTOR, "li.release-date")}
    assert shown == dates
    rows = section.find_elements(By.CSS_SELECTOR, "table.milestones tbody tr")
    assert [(row.find_element(By.CSS_SELECTOR, "td").text, row.find_element(By.TAG_NAME, "time").get_attribute("datetime")) for row in rows] == [
        ("soft freeze", "2026-01-23"), ("branch", "2026-02-20"), ("release", "2026-03-20")]
    chart = section.find_element(By.CSS_SELECTOR, "figure.chart img")
    assert "soft freeze Jan 23, 2026; branch Feb 20, 2026; release Mar 20, 2026" in chart.get_attribute("alt")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)
    # the features, with their status; Network Function Insertion slipped from 25.09, its parts under it
    (nfi,) = [f for f in release.features if f.name == "Network Function Insertion"]
    assert nfi.slipped_from == "25.09"
    features = section.find_elements(By.CSS_SELECTOR, "ul.features > li.feature")
    assert len(features) == len(release.features)
    top = section.find_elements(By.CSS_SELECTOR, ":scope > ul.features > li.feature")
    assert [li.find_element(By.CSS_SELECTOR, ".feature-name").text for li in top] == [f.name for f in release.features if not f.part_of]
    entry = next(li for li in top if li.find_element(By.CSS_SELECTOR, ".feature-name").text == nfi.name)
    assert entry.find_element(By.CSS_SELECTOR, ".status").text == "planned"
    assert entry.find_element(By.CSS_SELECTOR, ".slipped-from").text == "(slipped from 25.09)"
    assert entry.find_element(By.CSS_SELECTOR, ".slipped-from a").get_attribute("href").endswith("/releases/index.html#ovn-25.09")
    assert [a.text for a in entry.find_elements(By.CSS_SELECTOR, ":scope > .feature-where .raised-by a.person")] == ["Dumitru Ceara", "Naveen Yerramneni"]
    parts = entry.find_elements(By.CSS_SELECTOR, "ul.parts > li.feature .feature-name")
    assert [p.text for p in parts] == [f.name for f in release.features if f.part_of == nfi.id]
    # and 25.09 shows it as slipped to 26.03
    slipped = browser.find_element(By.ID, "f-ovn-25.09-network-function-insertion")
    assert slipped.find_element(By.CSS_SELECTOR, ".status").text == "slipped"
    assert slipped.find_element(By.CSS_SELECTOR, ".slipped-to").text == "— slipped to 26.03"
    # following the "slipped from" link lands on the 25.09 section
    entry.find_element(By.CSS_SELECTOR, ".slipped-from a").click()
    assert browser.execute_script("return location.hash") == "#ovn-25.09"
    load(browser, served, "releases/index.html")
    check_clean(browser, served)
    check_accessible(browser)
    screenshots(browser, "releases")


def test_search_finds_the_meeting(browser, served) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    load(browser, served, "search/index.html?q=Datapath_Binding")
    WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#results li.result")))
    results = browser.find_elements(By.CSS_SELECTOR, "#results li.result h2 a")
    assert results[0].text == "OVN Community Meeting, Dec 2, 2024"
    assert urlsplit(results[0].get_attribute("href")).path == "/project/meetings/2024-12-02.html"  # works under a sub-path
    assert "Datapath_Binding" in browser.find_element(By.CSS_SELECTOR, "#results li.result mark").text
    # typing a new query searches again, without a page load
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("ovn-heater")
    WebDriverWait(browser, 20).until(lambda d: "2024-03-19" in (d.find_element(By.CSS_SELECTOR, "#results li.result h2 a").get_attribute("href") or ""))
    check_clean(browser, served)
    check_accessible(browser)
    screenshots(browser, "search")


@pytest.mark.parametrize("path", ["meetings/index.html", "people/index.html", "actions/index.html", "actions/open.html",
                                  "proposals/index.html", "meetings/2023-11-27.html", "search/index.html"])
def test_other_pages_are_clean_and_accessible(browser, served, path: str) -> None:
    load(browser, served, path)
    assert browser.title.endswith("· OVN community meetings")
    check_clean(browser, served)
    check_accessible(browser)
