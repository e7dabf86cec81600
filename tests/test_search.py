"""`ovnnotes search` and ``ovnnotes.search``: FTS5 queries over the parsed notes, filters, hits, errors."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import notes_documents

import ovnnotes
from ovnnotes import parse
from ovnnotes.cli import cli
from ovnnotes.errors import QueryError
from ovnnotes.model import Document, Item, MilestoneKind
from ovnnotes.views.search import fts_query, search

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "ovn-community-meetings.txt"
NOTES = """\
Dec 15, 2025 | OVN Community Meeting

Attendees: Dumitru Ceara, Numan Siddique

Agenda
- (dceara) OVN 26.03 soft freeze status
 - o branching happens after the freeze
- (numans) EVPN learning works
 - (dceara) conntrack sync is next

Action items
- Dumitru will send the soft freeze reminder
"""


def run(*args: str, color: bool = False) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["search", *args], color=color)
    return result.exit_code, result.stdout, result.stderr


def _walk(items: tuple[Item, ...] | list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(_walk(item.children))
    return out


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


# -- the acceptance points on the bundled notes -------------------------------------------------------


def test_soft_freeze_finds_every_item_a_soft_freeze_milestone_came_from(seed_document: Document) -> None:
    result = search(seed_document, "soft freeze", limit=0)
    found = {hit.item_id for hit in result.hits}
    wanted = {m.item_id for m in seed_document.milestones if m.kind is MilestoneKind.SOFT_FREEZE}
    assert len(wanted) >= 8 and wanted <= found
    status, out, _ = run("soft freeze", "--limit", "0", "--json", str(SEED))
    assert status == 0 and wanted <= {hit["item_id"] for hit in json.loads(out)["hits"]}


def test_prefix_since_finds_only_2025_items(seed_document: Document) -> None:
    status, out, _ = run("evpn*", "--since", "2025-01-01", "--limit", "0", "--json", str(SEED))
    hits = json.loads(out)["hits"]
    assert status == 0 and hits and {hit["date"][:4] for hit in hits} == {"2025"}
    # exactly the 2025 texts with a word starting with "evpn", found independently
    expected = {
        item.id
        for m in seed_document.meetings
        if m.date.year == 2025
        for item in _walk(m.items)
        if re.search(r"\bevpn", item.text, re.IGNORECASE)
    }
    assert {hit["item_id"] for hit in hits} == expected
    everything = search(seed_document, "evpn*", limit=0)
    assert {hit.date.year for hit in everything.hits} == {2024, 2025}  # the filter did something


def test_a_nonsense_query_is_a_one_line_usage_error() -> None:
    status, out, err = run("AND OR", str(SEED))
    assert (status, out) == (2, "")
    assert err == (
        'ovnnotes: error: search query \'AND OR\': syntax error near "AND"; write words, "a phrase", prefix*, '
        "AND, OR, NOT (uppercase) and parentheses; try 'ovnnotes search --help'\n"
    )


@pytest.mark.parametrize(
    "query", ['"unterminated', "NOT evpn", "evpn AND", "(evpn", "*", "evpn OR OR bgp", "   "]
)
def test_invalid_queries_exit_2_with_one_line(query: str) -> None:
    status, out, err = run(query, str(SEED))
    assert status == 2 and out == ""
    assert err.startswith("ovnnotes: error: ") and err.count("\n") == 1 and "Traceback" not in err


# -- output -----------------------------------------------------------------------------------------


def test_whole_text_output(notes: Path) -> None:
    status, out, err = run("freeze", str(notes))
    assert (status, err) == (0, "")
    assert out == (
        f"2025-12-15  {notes}:7  agenda  Dumitru Ceara\n"
        "  in: OVN 26.03 soft freeze status\n"
        "  branching happens after the freeze\n"
        "\n"
        f"2025-12-15  {notes}:6  agenda  Dumitru Ceara\n"
        "  OVN 26.03 soft freeze status\n"
        "\n"
        f"2025-12-15  {notes}:12  action items\n"
        "  Dumitru will send the soft freeze reminder\n"
    )


def test_matches_are_bold_on_a_terminal_only(notes: Path) -> None:
    _, plain, _ = run("conntrack", str(notes))
    _, styled, _ = run("conntrack", str(notes), color=True)
    assert "\x1b" not in plain
    assert "\x1b[1mconntrack\x1b[0m sync is next" in styled
    assert re.sub(r"\x1b\[\d+m", "", styled) == plain


def test_reply_shows_its_context_and_own_speaker(notes: Path) -> None:
    _, out, _ = run("conntrack", str(notes))
    assert out == (
        f"2025-12-15  {notes}:9  agenda  Dumitru Ceara\n  in: EVPN learning works\n  conntrack sync is next\n"
    )


def test_json_hits(notes: Path) -> None:
    status, out, _ = run("soft freeze", "--json", str(notes))
    data = json.loads(out)
    assert status == 0 and data["query"] == "soft freeze" and data["total"] == 2
    for hit in data["hits"]:
        assert set(hit) == {
            "kind",
            "meeting_id",
            "date",
            "item_id",
            "action_ids",
            "section",
            "context",
            "speakers",
            "unresolved_speakers",
            "speakers_inherited",
            "text",
            "snippet",
            "highlights",
            "path",
            "line",
            "score",
        }
        assert [hit["snippet"][a:b].lower() for a, b in hit["highlights"]] == ["soft", "freeze"]
    action = next(hit for hit in data["hits"] if hit["section"] == "action_items")
    assert action["action_ids"] == [f"{action['item_id']}#1"]  # the action is folded into its item's hit


def test_no_hits_exit_1(notes: Path) -> None:
    assert run("kubernetes", str(notes)) == (1, "", "no hits for 'kubernetes'\n")
    status, out, _ = run("kubernetes", "--json", str(notes))
    assert status == 1 and json.loads(out) == {
        "query": "kubernetes",
        "fts_query": "kubernetes",
        "total": 0,
        "hits": [],
    }


def test_limit_says_how_many_were_left_out(seed_document: Document) -> None:
    status, out, err = run("soft freeze", "--limit", "2", str(SEED))
    assert status == 0 and out.count("\n\n") == 1
    assert (
        err == f"2 of {search(seed_document, 'soft freeze', limit=0).total} hits shown; --limit 0 shows all\n"
    )


# -- filters ---------------------------------------------------------------------------------------------


def test_speaker_filter_takes_an_alias_and_inherits_from_parents(
    notes: Path, seed_document: Document
) -> None:
    status, out, _ = run("freeze", "--speaker", "dceara", "--json", str(notes))
    hits = json.loads(out)["hits"]
    assert status == 0 and [h["line"] for h in hits] == [7, 6]  # not line 12: an owner is not a speaker
    assert [h["speakers_inherited"] for h in hits] == [True, False]
    result = search(seed_document, "evpn", speaker="Frode", limit=0)
    assert result.hits and all("frode-nordahl" in hit.speakers for hit in result.hits)
    assert run("freeze", "--speaker", "nobody-at-all", str(notes))[2] == (
        "ovnnotes: error: --speaker 'nobody-at-all': nobody by that id, name or alias in the people registry; "
        "try 'ovnnotes search --help'\n"
    )


def test_section_until_and_sort(seed_document: Document) -> None:
    agenda = search(seed_document, "ovn", section="agenda", limit=0)
    assert agenda.hits and {hit.section.value for hit in agenda.hits if hit.section} == {"agenda"}
    assert all(hit.kind != "meeting" for hit in agenda.hits)
    until = search(seed_document, "ovn", until=dt.date(2024, 1, 31), limit=0)
    assert until.hits and max(hit.date for hit in until.hits) <= dt.date(2024, 1, 31)
    dated = search(seed_document, "ovn", order="date", limit=0)
    assert [h.date for h in dated.hits] == sorted(h.date for h in dated.hits)
    ranked = search(seed_document, "ovn", limit=0)
    assert [h.score for h in ranked.hits] == sorted(h.score for h in ranked.hits)
    assert ranked.total == dated.total == len(ranked.hits)


def test_meeting_titles_are_searched() -> None:
    document, _ = parse("Dec 15, 2025 | OVN Hackathon\n\n- nothing else\n")
    result = search(document, "hackathon")
    assert [(hit.kind, hit.line, hit.text) for hit in result.hits] == [("meeting", 1, "OVN Hackathon")]


def test_python_api(seed_document: Document) -> None:
    result = ovnnotes.search(seed_document, '"soft freeze"', since=dt.date(2025, 1, 1), limit=3)
    assert len(result.hits) == 3 and result.total > 3 and all(hit.date.year == 2025 for hit in result.hits)
    with pytest.raises(QueryError):
        ovnnotes.search(seed_document, '"open')


# -- the query conveniences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("soft freeze", "soft freeze"),
        ('"soft freeze"', '"soft freeze"'),
        ("evpn*", "evpn*"),
        ("26.03", '"26.03"'),
        ("26.0*", '"26.0"*'),
        ("ovn-kubernetes", '"ovn-kubernetes"'),
        ("evpn -bgp", "evpn NOT bgp"),
        ("evpn, bgp", "evpn  bgp"),
        ("NEAR(evpn bgp, 5)", "NEAR(evpn bgp, 5)"),
        ("(evpn OR bgp) NOT l3", "(evpn OR bgp) NOT l3"),
        ("^ovn", "^ovn"),
        ("über", "über"),
        ('say "hi', 'say "hi'),
    ],
)
def test_fts_query(query: str, expected: str) -> None:
    assert fts_query(query) == expected


def test_punctuated_words_are_phrases(seed_document: Document) -> None:
    result = search(seed_document, "26.03", limit=0)
    assert result.hits and all("26.03" in hit.text for hit in result.hits)


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "()*^:-+,.NOTANDR ')) | st.characters(), max_size=30))
def test_any_query_gives_hits_or_a_query_error(query: str) -> None:
    document, _ = parse(NOTES)
    try:
        result = search(document, query, limit=0)
    except QueryError as error:
        assert "\n" not in str(error)
    else:
        assert result.total == len(result.hits)


def test_readme_search_example_is_current() -> None:
    """The README's `$ ovnnotes search ...` example shows what the command prints on the bundled notes."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ ovnnotes (search [^\n]*)\n(.*?)```", readme, re.DOTALL)
    assert block, "the README's Search section has no `$ ovnnotes search` example"
    result = CliRunner().invoke(cli, [*shlex.split(block[1]), str(SEED)])
    assert result.exit_code == 0 and result.stdout == block[2]


@settings(max_examples=25, deadline=None)
@given(notes_documents())
def test_any_notes_can_be_searched(text: str) -> None:
    document, _ = parse(text)
    result = search(document, "ovn OR review* OR schema", limit=0)
    assert result.total == len(result.hits)
    for hit in result.hits:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.highlights)
        assert hit.kind in ("meeting", "item", "action") and hit.line >= 1
