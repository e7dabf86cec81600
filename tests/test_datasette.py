"""The SQLite export opened by Datasette, through its Python API: no server, no port, no network.

Datasette is an optional extra (``pip install 'ovnnotes[datasette]'``) that the ``test`` extra
installs, so CI runs these; without it they are skipped.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from ovnnotes import export
from ovnnotes.model import Document

datasette_app = pytest.importorskip(
    "datasette.app", reason="datasette is not installed (pip install 'ovnnotes[datasette]')"
)


@pytest.fixture(scope="module")
def site(seed_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("datasette")
    export(seed_document, "sqlite", output=folder)
    metadata = json.loads((folder / "ovnnotes.metadata.json").read_text(encoding="utf-8"))
    return datasette_app.Datasette([str(folder / "ovnnotes.db")], metadata=metadata)


def get(site: Any, path: str) -> Any:
    async def fetch() -> Any:
        return await site.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.text[:500])
    return response


def test_table_page(site: Any, seed_document: Document) -> None:
    rows = get(site, "/ovnnotes/meetings.json?_shape=array&_size=max").json()
    assert [row["id"] for row in rows] == [m.id for m in seed_document.meetings]
    html = get(site, "/ovnnotes/items").text
    assert "Every item of every meeting" in html  # the table's description from the metadata
    assert "Clean text: no bullet glyphs" in html  # a column's description


def test_view_page(site: Any) -> None:
    rows = get(site, "/ovnnotes/milestones_by_release.json?_shape=array").json()
    assert {"project": "OVN", "release": "26.03", "kind": "branch", "date": "2026-02-20"}.items() <= next(
        row for row in rows if row["release"] == "26.03" and row["kind"] == "branch"
    ).items()


def test_canned_query(site: Any, seed_document: Document) -> None:
    rows = get(site, "/ovnnotes/open_actions_by_owner.json?_shape=array&owner=mark-michelson").json()
    expected = [
        a for a in seed_document.action_items if a.status.value == "open" and "mark-michelson" in a.owners
    ]
    assert sorted(row["id"] for row in rows) == sorted(a.id for a in expected)
    assert {row["owner"] for row in rows} == {"Mark Michelson"}
    form = get(site, "/ovnnotes/everything_said_about").text  # the empty form: no error
    assert "Everything said about a term" in form


def test_full_text_search(site: Any, seed_document: Document) -> None:
    rows = get(site, "/ovnnotes/texts.json?_search=evpn*&_shape=array&_size=max").json()
    assert rows and all("evpn" in row["text"].lower() for row in rows)
    phrase = get(site, '/ovnnotes/texts.json?_search="soft freeze"&_shape=array&_size=max').json()
    assert all("soft freeze" in row["text"].lower() for row in phrase) and len(phrase) >= 10
    said = get(site, "/ovnnotes/everything_said_about.json?_shape=array&term=patchwork").json()
    assert said and all("**" in row["snippet"] for row in said)
