"""First-name resolution in the people registry (issue #14), for speakers, attendees and owners alike.

Strict: a one-word name that is the first word of exactly one person's name is that person (and
an info diagnostic says so); a first name two people share stays unresolved, both named in the
hint; a listed alias beats a first name; nothing else is guessed.
"""

from __future__ import annotations

import textwrap

from ovnnotes.api import build_document
from ovnnotes.facts.actions import explicit_action, implicit_actions
from ovnnotes.model import Document
from ovnnotes.read import people
from ovnnotes.read.speakers import attribute
from ovnnotes.read.text import parse_text

REGISTRY_TEXT = textwrap.dedent(
    """\
    [[person]]
    id = "ada-lovelace"
    name = "Ada Lovelace"
    aliases = ["ada"]
    emails = []

    [[person]]
    id = "alexandra"
    name = "Alexandra"
    aliases = []
    emails = []

    [[person]]
    id = "dumitru-ceara"
    name = "Dumitru Ceara"
    aliases = ["dceara"]
    emails = []

    [[person]]
    id = "lorenzo-bianconi"
    name = "Lorenzo Bianconi"
    aliases = []
    emails = []

    [[person]]
    id = "mark-gray"
    name = "Mark Gray"
    aliases = []
    emails = []

    [[person]]
    id = "mark-michelson"
    name = "Mark Michelson"
    aliases = []
    emails = []

    [[person]]
    id = "numan-siddique"
    name = "Numan Siddique"
    aliases = ["Numan"]
    emails = []

    [[person]]
    id = "numan-two"
    name = "Numan Other"
    aliases = []
    emails = []
    """
)
REGISTRY, REGISTRY_DIAGS = people.parse_registry(REGISTRY_TEXT, "people.toml")


def parse(notes: str) -> Document:
    result = parse_text(textwrap.dedent(notes), "notes.txt", REGISTRY)
    return build_document([result], REGISTRY)


def found(document: Document, code: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.message, d.hint) for d in document.diagnostics if d.code == code]


# -- the registry ------------------------------------------------------------------------------


def test_registry_is_valid() -> None:
    assert REGISTRY_DIAGS == []


def test_unique_first_name_resolves_and_says_so() -> None:
    match = REGISTRY.lookup("Lorenzo")
    assert match.person is not None and match.person.id == "lorenzo-bianconi"
    assert match.by_first_name and match.candidates == ()
    assert REGISTRY.resolve("lorenzo").id == "lorenzo-bianconi"  # type: ignore[union-attr]  # case-blind like every key
    assert REGISTRY.lookup_key("Lorenzo") is None


def test_shared_first_name_stays_unresolved_with_both_candidates() -> None:
    match = REGISTRY.lookup("Mark")
    assert match.person is None and not match.by_first_name
    assert [p.id for p in match.candidates] == ["mark-gray", "mark-michelson"]
    assert REGISTRY.resolve("Mark") is None


def test_listed_alias_beats_a_shared_first_name() -> None:
    match = REGISTRY.lookup("Numan")
    assert match.person is not None and match.person.id == "numan-siddique" and not match.by_first_name


def test_no_guessing_beyond_exact_first_names() -> None:
    for name in ("Lor", "Lorenz", "Lorenzoo", "Bianconi", "Gray", "Lorenzo Bianchi", "Mark G", "Ad"):
        assert REGISTRY.lookup(name).person is None, name
    assert REGISTRY.lookup("Alexandra").person.id == "alexandra"  # type: ignore[union-attr]  # a one-word name is a key
    assert not REGISTRY.lookup("Alexandra").by_first_name


def test_hints_name_the_people() -> None:
    lorenzo = REGISTRY.get("lorenzo-bianconi")
    assert lorenzo is not None
    assert people.first_name_hint("Lorenzo", lorenzo) == (
        "Write the handle or the full name (Lorenzo Bianconi), or add `Lorenzo` to the `aliases` of `lorenzo-bianconi` in `seeds/people.toml`."
    )
    assert people.ambiguous_hint("Mark", REGISTRY.lookup("Mark").candidates) == (
        "`Mark` is the first name of Mark Gray (mark-gray) and Mark Michelson (mark-michelson): write the handle or the full name, "
        "or list `Mark` in the `aliases` of the person it always means in `seeds/people.toml`."
    )


# -- attendees ---------------------------------------------------------------------------------


def test_attendee_first_name_stands_alone_only() -> None:
    matches = REGISTRY.match_attendees("Dumitru Ceara Lorenzo Ada Lovelace, Lorenzo Bianchi Lorenzo")
    assert [(m.text, m.person_id, m.by_first_name) for m in matches] == [
        ("Dumitru Ceara", "dumitru-ceara", False),
        ("Lorenzo", "lorenzo-bianconi", True),
        ("Ada Lovelace", "ada-lovelace", False),
        ("Lorenzo Bianchi", None, False),  # the first word of a name the registry does not know
        ("Lorenzo", "lorenzo-bianconi", True),
    ]


def test_attendee_diagnostics() -> None:
    document = parse(
        """\
        Jan 12, 2026 | OVN Community Meeting

        Attendees: Lorenzo, Mark, Dumitru Ceara

        - (dceara) topic
        """
    )
    meeting = document.meetings[0]
    assert meeting.attendees == ["lorenzo-bianconi", "dumitru-ceara"]
    assert meeting.unresolved_attendees == ["Mark"]
    assert found(document, "ONP120") == [
        (
            3,
            "attendee 'Lorenzo' was matched by first name to Lorenzo Bianconi (lorenzo-bianconi)",
            people.first_name_hint("Lorenzo", REGISTRY.get("lorenzo-bianconi")),
        ),  # type: ignore[arg-type]
    ]
    [(line, message, hint)] = found(document, "ONL202")
    assert (line, message) == (3, "attendee 'Mark' is not in the people registry")
    assert "Mark Gray (mark-gray) and Mark Michelson (mark-michelson)" in hint


# -- speakers ----------------------------------------------------------------------------------


def test_speaker_first_name() -> None:
    attribution = attribute("(Lorenzo/dceara) will look into it", REGISTRY)
    assert attribution.speakers == ["lorenzo-bianconi", "dumitru-ceara"]
    assert attribution.first_names == ["Lorenzo"] and attribution.unresolved == []
    colon = attribute("Lorenzo: yes", REGISTRY)
    assert colon.speakers == ["lorenzo-bianconi"] and colon.first_names == ["Lorenzo"] and colon.text == "yes"


def test_speaker_diagnostics() -> None:
    document = parse(
        """\
        Jan 12, 2026 | OVN Community Meeting

        - (dceara) topic
         - (Lorenzo) first
         - (Mark) second
        """
    )
    items = document.meetings[0].items[0].children
    assert list(items[0].speakers) == ["lorenzo-bianconi"]
    assert list(items[1].speakers) == [] and list(items[1].unresolved_speakers) == ["Mark"]
    assert [(line, message) for line, message, _ in found(document, "ONP120")] == [
        (4, "speaker 'Lorenzo' was matched by first name to Lorenzo Bianconi (lorenzo-bianconi)")
    ]
    [(line, message, hint)] = found(document, "ONL201")
    assert (line, message) == (5, "speaker 'Mark' is not in the people registry")
    assert hint.startswith(
        "`Mark` is the first name of Mark Gray (mark-gray) and Mark Michelson (mark-michelson)"
    )


# -- action owners -----------------------------------------------------------------------------


def test_promise_by_first_name_is_found() -> None:
    [match] = implicit_actions("Lorenzo to send v2 next week", [], REGISTRY)
    assert match.text == "Lorenzo to send v2 next week"
    assert match.owners == ["lorenzo-bianconi"] and match.first_names == [("Lorenzo", "lorenzo-bianconi")]
    [glued] = implicit_actions("after that Lorenzo will rebase", [], REGISTRY)
    assert glued.owners == ["lorenzo-bianconi"] and glued.text == "Lorenzo will rebase"


def test_promise_by_shared_first_name_is_kept_unassigned() -> None:
    [match] = implicit_actions("Mark to send the RFC", [], REGISTRY)
    assert match.owners == [] and match.unresolved == ["Mark"]
    assert [p.id for p in match.candidates["Mark"]] == ["mark-gray", "mark-michelson"]


def test_first_word_of_an_unknown_full_name_is_nobody() -> None:
    assert list(implicit_actions("Lorenzo Bianchi will send it", [], REGISTRY)) == []
    explicit = explicit_action("Lorenzo Bianchi to send it", [], REGISTRY)
    assert explicit.owners == [] and explicit.unresolved == ["Lorenzo Bianchi"]


def test_explicit_action_by_first_name() -> None:
    match = explicit_action("Lorenzo to send v2", [], REGISTRY)
    assert match.owners == ["lorenzo-bianconi"] and match.first_names == [("Lorenzo", "lorenzo-bianconi")]
    shared = explicit_action("Mark to review", [], REGISTRY)
    assert shared.owners == [] and shared.unresolved == ["Mark"] and "Mark" in shared.candidates


def test_owner_diagnostics() -> None:
    document = parse(
        """\
        Jan 12, 2026 | OVN Community Meeting

        - (dceara) topic
         - Lorenzo to send v2 next week

        Action items

        \tMark to review the series
        \tLorenzo to send v2
        """
    )
    actions = sorted(
        (a.line, a.text, list(a.owners), list(a.unresolved_owners)) for a in document.action_items
    )
    assert actions == [
        (4, "Lorenzo to send v2 next week", ["lorenzo-bianconi"], []),
        (8, "Mark to review the series", [], ["Mark"]),
        (9, "Lorenzo to send v2", ["lorenzo-bianconi"], []),
    ]
    assert sorted(line for line, _, _ in found(document, "ONM604")) == [4, 9]
    [(line, message, hint)] = found(document, "ONM603")
    assert (line, message) == (
        8,
        "action item 'Mark to review the series' has no owner (Mark is the first name of more than one person)",
    )
    assert hint == people.ambiguous_hint("Mark", REGISTRY.lookup("Mark").candidates)


# -- property: exactly the first-name rule, nothing fuzzier ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ovnnotes.model import Person  # noqa: E402

FIRST = ["Ada", "Mark", "Lorenzo", "Tim", "Numan", "Ales"]
LAST = ["Gray", "Lovelace", "Rozet", "Siddique", "Musil", "Bianconi"]


@st.composite
def registries(draw: st.DrawFn) -> people.Registry:
    count = draw(st.integers(1, 6))
    persons = []
    for index in range(count):
        name = (
            f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
            if draw(st.booleans())
            else draw(st.sampled_from(FIRST))
        )
        aliases = draw(st.lists(st.sampled_from([*FIRST, "mmichels", "numans"]), max_size=2, unique=True))
        persons.append(Person(id=f"p{index}", name=name, aliases=aliases, emails=[]))
    return people.Registry(tuple(persons))


@settings(deadline=None)
@given(
    registries(), st.sampled_from([*FIRST, *(n.lower() for n in FIRST), *LAST, "Lor", "Marks", "Ada Gray"])
)
def test_lookup_is_keys_then_a_unique_first_name(registry: people.Registry, name: str) -> None:
    key = name.casefold()
    owners = {p.id for p in registry.people if key in {k.casefold() for k in people.person_keys(p)}}
    firsts = [p for p in registry.people if len(p.name.split()) >= 2 and p.name.split()[0].casefold() == key]
    match = registry.lookup(name)
    if owners:
        assert not match.by_first_name and match.candidates == ()
        assert (match.person.id if match.person else None) == (owners.pop() if len(owners) == 1 else None)
    elif " " not in name and len(firsts) == 1:
        assert match.person == firsts[0] and match.by_first_name
    else:
        assert match.person is None and not match.by_first_name
        assert match.candidates == (tuple(firsts) if " " not in name and len(firsts) > 1 else ())
    assert registry.resolve(name) == match.person
