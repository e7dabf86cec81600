"""Tests for the people registry (ovnnotes/read/people.py and seeds/people.toml)."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from ovnnotes.api import default_registry
from ovnnotes.files import locations
from ovnnotes.model import Person
from ovnnotes.read import people

TWO = """\
[[person]]
id = "ada-lovelace"
name = "Ada Lovelace"
aliases = ["ada", "Countess"]
emails = ["ada@example.org"]
evidence = "test"

[[person]]
id = "bob"
name = "Bob"
aliases = []
emails = []
evidence = "test"
"""


def parse(text: str):
    return people.parse_registry(textwrap.dedent(text), "people.toml")


def codes(diags) -> list[str]:
    return [d.code for d in diags]


# --- parse_registry rules -------------------------------------------------------------------


def test_valid_registry_has_no_diagnostics():
    reg, diags = parse(TWO)
    assert diags == []
    assert [p.id for p in reg.people] == ["ada-lovelace", "bob"]
    assert reg.people[0] == Person(
        id="ada-lovelace", name="Ada Lovelace", aliases=["ada", "Countess"], emails=["ada@example.org"]
    )


def test_onr401_invalid_toml_with_position():
    reg, diags = parse('[[person]]\nid = "x"\nname = \n')
    assert codes(diags) == ["ONR401"]
    assert diags[0].line == 3 and diags[0].column > 0
    assert diags[0].path == "people.toml"
    assert reg.people == ()


def test_onr402_duplicate_id_keeps_first():
    text = TWO + '\n[[person]]\nid = "bob"\nname = "Robert"\n'
    reg, diags = parse(text)
    assert codes(diags) == ["ONR402"]
    assert diags[0].line == 16  # the second `id = "bob"`
    assert reg.get("bob").name == "Bob"


def test_onr403_shared_alias_is_ambiguous():
    text = TWO + '\n[[person]]\nid = "carol"\nname = "Carol"\naliases = ["ADA"]\n'
    reg, diags = parse(text)
    assert codes(diags) == ["ONR403"]
    assert diags[0].line == 18  # the `aliases` line of carol
    assert reg.resolve("ada") is None
    assert reg.resolve("Carol").id == "carol"


def test_onr403_email_local_part_and_name():
    text = TWO + '\n[[person]]\nid = "carol"\nname = "bob"\nemails = ["ada@elsewhere.net"]\n'
    _, diags = parse(text)
    assert codes(diags) == ["ONR403", "ONR403"]
    assert [d.line for d in diags] == [17, 18]  # name, emails


def test_same_key_twice_for_one_person_is_fine():
    _, diags = parse(
        '[[person]]\nid = "numan"\nname = "Numan"\naliases = ["numan", "NUMAN"]\nemails = ["numan@ovn.org"]\n'
    )
    assert diags == []


def test_onr404_unsorted():
    text = '[[person]]\nid = "zed"\nname = "Zed"\n\n[[person]]\nid = "amy"\nname = "Amy"\n'
    reg, diags = parse(text)
    assert codes(diags) == ["ONR404"]
    assert diags[0].line == 5
    assert diags[0].severity.value == "warning"
    assert [p.id for p in reg.people] == ["amy", "zed"]


def test_onr405_bad_id():
    reg, diags = parse('[[person]]\nid = "Not A Slug"\nname = "X"\n')
    assert codes(diags) == ["ONR405"]
    assert diags[0].line == 2
    assert reg.people == ()


def test_onr405_missing_id_and_name():
    _, diags = parse('[[person]]\nname = "X"\n\n[[person]]\nid = "y"\n')
    assert codes(diags) == ["ONR405", "ONR405"]
    assert [d.line for d in diags] == [1, 4]


def test_onr405_empty_name():
    _, diags = parse('[[person]]\nid = "x"\nname = "  "\n')
    assert codes(diags) == ["ONR405"]
    assert diags[0].line == 3


def test_onr405_lists_of_strings_and_unknown_keys():
    text = '[[person]]\nid = "x"\nname = "X"\naliases = "xx"\nemails = ["a@b.c", 3]\nnick = "x"\n'
    reg, diags = parse(text)
    assert codes(diags) == ["ONR405"] * 3
    assert sorted(d.line for d in diags) == [4, 5, 6]
    assert reg.get("x").emails == ["a@b.c"]  # what could be read is kept


def test_onr405_top_level():
    _, diags = parse('title = "x"\nperson = 3\n')
    assert codes(diags) == ["ONR405", "ONR405"]


def test_parse_never_raises_on_odd_input():
    for text in [
        "",
        "\x00",
        "[[person]]",
        "x = " + "[" * 100_000,
        "person = [1, 2]",
        "[[person]]\nid = 1\nname = 2\n",
        "ø = '\u200b'",
    ]:
        people.parse_registry(text)


# --- resolve, suggest, match_attendees ------------------------------------------------------


def test_resolve_keys_case_insensitively():
    reg, _ = parse(TWO)
    for handle in [
        "ada-lovelace",
        "ADA LOVELACE",
        "(ada)",
        "countess:",
        "@Ada Lovelace",
        "Ada@Example.org",
        " ada ",
        "[ada]",
    ]:
        assert reg.resolve(handle).id == "ada-lovelace", handle
    assert reg.resolve("") is None
    assert reg.resolve("lovelace") is None


def test_suggest():
    reg, _ = parse(TWO)
    assert reg.suggest("Ada Lovelce") == ["Ada Lovelace"]
    assert reg.suggest("countes") == ["Countess (Ada Lovelace)"]
    assert reg.suggest("zzzzzz") == []
    assert reg.suggest("bob", limit=0) == []


def test_match_attendees_separators_and_unresolved_runs():
    reg, _ = parse(TWO)
    line = "Ada Lovelace, Bob; Jane Q Public and ada@example.org x@y.com Bob"
    got = [(m.text, m.column, m.person_id) for m in reg.match_attendees(line)]
    assert got == [
        ("Ada Lovelace", 1, "ada-lovelace"),
        ("Bob", 15, "bob"),
        ("Jane Q Public", 20, None),
        ("ada@example.org", 38, "ada-lovelace"),
        ("x@y.com", 54, None),
        ("Bob", 62, "bob"),
    ]
    for m in reg.match_attendees(line):
        assert line[m.column - 1 : m.column - 1 + len(m.text)] == m.text


def test_match_attendees_longest_run_wins():
    reg, _ = people.parse_registry(
        '[[person]]\nid = "ada"\nname = "Ada"\n\n[[person]]\nid = "ada-b"\nname = "Ada B"\n'
    )
    assert [m.person_id for m in reg.match_attendees("Ada B Ada")] == ["ada-b", "ada"]
    assert reg.match_attendees("") == []


def test_empty_registry():
    reg = people.Registry()
    assert reg.resolve("x") is None
    assert reg.suggest("x") == []
    assert [(m.text, m.person_id) for m in reg.match_attendees("Jane Doe, j@d.org")] == [
        ("Jane Doe", None),
        ("j@d.org", None),
    ]


# --- the bundled registry -------------------------------------------------------------------


def _bundled():
    return people.parse_registry(locations.people_path().read_text(encoding="utf-8"))


def test_bundled_registry_is_clean_and_sorted():
    reg, diags = _bundled()
    assert diags == []
    ids = [p.id for p in reg.people]
    assert ids == sorted(ids)
    text = locations.people_path().read_text(encoding="utf-8")
    assert re.findall(r'^id = "([^"]+)"', text, re.MULTILINE) == ids
    assert text.count("evidence = ") == len(ids)
    assert default_registry() is default_registry()
    assert [p.id for p in default_registry().people] == ids


def test_bundled_registry_known_handles():
    reg = default_registry()
    expected = {
        "dceara": "dumitru-ceara",
        "numans": "numan-siddique",
        "numan": "numan-siddique",
        "mmichels": "mark-michelson",
        "mmichelson": "mark-michelson",
        "amusil": "ales-musil",
        "i.maximets": "ilya-maximets",
        "hzhou": "han-zhou",
        "fnordahl": "frode-nordahl",
        "frode.nordahl": "frode-nordahl",
        "felix.huettner": "felix-huettner",
        "trozet": "tim-rozet",
        "odivlad": "vladislav-odintsov",
        "V": "vladislav-odintsov",
        "vladislav:": "vladislav-odintsov",
        "MJ": "mj",
        "mj": "mj",
        "Mark:": "mark-michelson",
        "Dumitru:": "dumitru-ceara",
        "maxlamprecht": "max-lamprecht",
        "naveen.yerramneni": "naveen-yerramneni",
        "rbartzen": "roberto",
        "Tiago Pires": "tiago-pires",
        "han": "han-zhou",
    }
    for handle, pid in expected.items():
        assert reg.resolve(handle) is not None and reg.resolve(handle).id == pid, handle
    canonical = {p.id for p in reg.people if p.affiliation == "Canonical"}
    assert canonical == {"frode-nordahl", "martin-kalcok"}


def _seed_attendee_blocks() -> list[str]:
    """The text of every `Attendees:` block of the bundled notes (continuation lines joined)."""
    lines = (locations.seeds_dir() / "ovn-community-meetings.txt").read_text(encoding="utf-8").splitlines()
    blocks = []
    for i, line in enumerate(lines):
        if line.startswith("Attendees:"):
            parts = [line.removeprefix("Attendees:")]
            for nxt in lines[i + 1 :]:
                if re.match(r"\s*(Recording|Transcripts|Agenda|-|•)", nxt):
                    break
                parts.append(nxt)
            blocks.append(" ".join(parts))
    return blocks


def test_every_seed_attendee_resolves():
    reg = default_registry()
    blocks = _seed_attendee_blocks()
    assert len(blocks) == 8
    for block in blocks:
        unresolved = [m.text for m in reg.match_attendees(block) if m.person_id is None]
        assert unresolved == [], block


def test_jun_24_2024_attendees():
    reg = default_registry()
    lines = [
        "Dumitru Ceara Numan Siddique frode.nordahl@canonical.com i.maximets@ovn.org Ihar Hrachyshka Daniel Alvarez Sanchez Tim Rozet",
        "Xavier Simonart Ales Musil hzhou@ovn.org",
    ]
    ids = [m.person_id for line in lines for m in reg.match_attendees(line)]
    assert ids == [
        "dumitru-ceara",
        "numan-siddique",
        "frode-nordahl",
        "ilya-maximets",
        "ihar-hrachyshka",
        "daniel-alvarez-sanchez",
        "tim-rozet",
        "xavier-simonart",
        "ales-musil",
        "han-zhou",
    ]


def test_jan_8_2024_attendees():
    reg = default_registry()
    line = "Dumitru Ceara felix.huettner@mail.schwarz Mark Michelson Ales Musil @Vladislav Odintsov"
    assert [(m.text, m.person_id) for m in reg.match_attendees(line)] == [
        ("Dumitru Ceara", "dumitru-ceara"),
        ("felix.huettner@mail.schwarz", "felix-huettner"),
        ("Mark Michelson", "mark-michelson"),
        ("Ales Musil", "ales-musil"),
        ("@Vladislav Odintsov", "vladislav-odintsov"),
    ]


# --- property test --------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\s,;]+")
_words = st.sampled_from(
    [
        "Dumitru",
        "Ceara",
        "Ales",
        "Musil",
        "@Vladislav",
        "Odintsov",
        "and",
        ",",
        ";",
        "hzhou@ovn.org",
        "x@y",
        "  ",
        "\u200b",
        "(V)",
    ]
)


@settings(deadline=None)
@given(st.one_of(st.text(), st.lists(_words, max_size=12).map(" ".join)))
def test_match_attendees_never_raises_and_covers_every_token(text):
    reg = default_registry()
    reg.resolve(text)
    reg.suggest(text)
    matches = reg.match_attendees(text)
    for m in matches:
        assert text[m.column - 1 : m.column - 1 + len(m.text)] == m.text
    expected = [t for t in _TOKEN.findall(text) if t != "and"]
    covered = [t for m in matches for t in _TOKEN.findall(m.text)]
    assert covered == expected


@given(st.text(alphabet="abcdé_.-@1", max_size=12))
def test_key_word_is_the_lookup_key_of_a_name_word(word: str) -> None:
    from ovnnotes.read.people import _norm, key_word

    assert key_word(word) == _norm(word)
