"""One test per numbered nesting rule of ``ovnnotes/read/tree.py`` (each the rule's own example shape).

Every case is a small meeting in the text export's shape: column 0 or one space of
indentation, the export's glyphs, page breaks as blank lines. The expected outline is what a
careful reader makes of it; ``tree`` prints each item's depth by indentation.
"""

from __future__ import annotations

import pytest

import ovnnotes
from ovnnotes.model import Item, Nesting

HEAD = "Jan 12, 2026 | OVN Community Meeting\n\n"


def tree(items: tuple[Item, ...] | list[Item], depth: int = 0) -> list[str]:
    rows: list[str] = []
    for item in items:
        rows.append("  " * depth + item.text)
        rows.extend(tree(item.children, depth + 1))
    return rows


def outline(body: str) -> list[str]:
    document, _ = ovnnotes.parse(HEAD + body, path="notes.txt")
    return tree(document.meetings[0].items)


def test_rule_1_top_level() -> None:
    document, _ = ovnnotes.parse(HEAD + "- (dceara) topic\n- (amusil) another\n", path="notes.txt")
    assert [(item.text, item.nesting) for item in document.meetings[0].items] == [
        ("topic", Nesting.EXPLICIT),
        ("another", Nesting.EXPLICIT),
    ]


def test_rule_2_indentation() -> None:
    document, _ = ovnnotes.parse(HEAD + "- (dceara) topic\n - a point\n", path="notes.txt")
    child = document.meetings[0].items[0].children[0]
    assert (child.text, child.nesting) == ("a point", Nesting.EXPLICIT)


def test_rule_3_glyphs() -> None:
    assert outline("- topic\n - options:\n - a\n - o back at depth 2\n - ■ depth 3\n") == [
        "topic",
        "  options:",
        "    a",
        "  back at depth 2",
        "    depth 3",
    ]


@pytest.mark.parametrize(
    "ending", ["open items:", "open items -", "no major requests but", "one more review round and"]
)
def test_rule_4_list_heads_and_broken_off_items(ending: str) -> None:
    rows = outline(f"- topic\n - o {ending}\n - finishing it\n - and more\n")
    assert rows == [
        "topic",
        f"  {ending.rstrip(' -:')}{':' if ending.endswith(':') else ' -' if ending.endswith('-') else ''}",
        "    finishing it",
        "    and more",
    ]


@pytest.mark.parametrize(
    "head",
    ["known features under development", "Features planned for OVN 26.03", "pending patches (Dumitru)"],
)
def test_rule_4_an_item_naming_a_list_heads_it_without_a_colon(head: str) -> None:
    body = f"- (dceara) 26.03 dev cycle\n - {head}\n - Network Function Insertion\n - OVN Bridge Controller service\n - Frode will share the plans\n"
    assert outline(body) == [
        "26.03 dev cycle",
        f"  {head}",
        "    Network Function Insertion",
        "    OVN Bridge Controller service",
        "  Frode will share the plans",
    ]


@pytest.mark.parametrize("statement", ["features are merged", "BGP features", "the patches?"])
def test_rule_4_a_statement_about_a_list_heads_nothing(statement: str) -> None:
    body = f"- (dceara) 26.03 dev cycle\n - {statement}\n - Network Function Insertion\n"
    assert outline(body) == ["26.03 dev cycle", f"  {statement}", "  Network Function Insertion"]


def test_rule_4_one_word_headings() -> None:
    body = "- (felix) proposal\n - o Context:\n - today one northd per AZ\n - big ones want more\n - Idea\n - one northd per shard\n - Drawbacks\n - more load\n"
    assert outline(body) == [
        "proposal",
        "  Context:",
        "    today one northd per AZ",
        "    big ones want more",
        "  Idea",
        "    one northd per shard",
        "  Drawbacks",
        "    more load",
    ]


def test_rule_4_a_word_among_a_lists_words_is_no_heading() -> None:
    body = "- (amusil) patchwork slowness\n - options:\n - Github with PRs\n - gerrit\n - (Mark) GH would be the preference\n"
    assert outline(body) == [
        "patchwork slowness",
        "  options:",
        "    Github with PRs",
        "    gerrit",
        "  GH would be the preference",
    ]


def test_rule_5_speaker_groups() -> None:
    body = "- (max) conntrack sync\n - o (Ales)\n - use conntrackd\n - o (Frode)\n - packets on two chassis\n - scale?\n - (Max) maybe we avoid syncing on all members\n"
    assert outline(body) == [
        "conntrack sync",
        "  ",
        "    use conntrackd",
        "  ",
        "    packets on two chassis",
        "    scale?",
        "  maybe we avoid syncing on all members",
    ]


def test_rule_5_an_answer_stays_in_the_group() -> None:
    body = "- topic\n - o (Ales)\n - point one\n - is it?\n - (Numan) yes\n - (Mark) also\n"
    assert outline(body) == ["topic", "  ", "    point one", "    is it?", "      yes", "    also"]


@pytest.mark.parametrize(
    "remark",
    ["(Ilya) both need a rebase", "Lorenzo to send v2 next week", "are these in the release?"],
)
def test_rule_6_leaving_a_list(remark: str) -> None:
    body = f"- (dceara) 26.09 planning\n - open items:\n - patch A\n - patch B\n - {remark}\n"
    rows = outline(body)
    assert rows[:4] == ["26.09 planning", "  open items:", "    patch A", "    patch B"]
    assert rows[4].startswith("  ") and not rows[4].startswith("   "), rows


def test_rule_6_a_question_among_questions_stays() -> None:
    body = "- (mmichels) composable services\n - open questions:\n - how are services ordered?\n - (Frode) by priority\n - do we need a new table?\n - Mark: probably\n - (Tiago) we want to test the PoC\n"
    assert outline(body) == [
        "composable services",
        "  open questions:",
        "    how are services ordered?",
        "      by priority",
        "    do we need a new table?",
        "      probably",
        "  we want to test the PoC",
    ]


def test_rule_6_a_list_of_turns_is_not_left_by_a_turn() -> None:
    body = "- topic\n - o ovn.org\n - (Alin) link the meeting there\n - (Ilya) drop the split references\n"
    assert outline(body) == [
        "topic",
        "  ovn.org",
        "    link the meeting there",
        "    drop the split references",
    ]


def test_rule_7_replies() -> None:
    body = (
        "- (Mark) proposal\n - Comments?\n - (Frode) sounds good\n - (Ales) How would tables look?\n - Mark assumes a jump table\n"
        " - (Dumitru) the name is bad\n - Mark: maybe\n - (Han) like it\n - (Numan) agreed, go ahead\n"
    )
    assert outline(body) == [
        "proposal",
        "  Comments?",
        "    sounds good",
        "    How would tables look?",
        "      Mark assumes a jump table",
        "    the name is bad",
        "      maybe",
        "    like it",
        "      agreed, go ahead",
    ]


def test_rule_7_a_reply_to_a_speakers_closing_question_answers_the_speaker() -> None:
    body = "- HWOL\n - o (dceara) NVIDIA reported a breakage\n - a fix was merged\n - what are the next steps?\n - (numans) a multinode test\n - (Alin) a CI setup\n"
    assert outline(body) == [
        "HWOL",
        "  NVIDIA reported a breakage",
        "    a fix was merged",
        "    what are the next steps?",
        "    a multinode test",
        "    a CI setup",
    ]


def test_rule_8_after_a_reply() -> None:
    body = (
        "- (dceara) CI repo\n - (Felix) Can we use hosted runners?\n - (Ales) bureaucracy\n - (Felix) will check with STACKIT\n"
        " - (Mark) Can actions run in parallel?\n - (Ales) yes\n - Xavier will measure it\n - any other users?\n - (Tim) ovn-k\n - (Ilya) OpenStack\n"
    )
    assert outline(body) == [
        "CI repo",
        "  Can we use hosted runners?",
        "    bureaucracy",
        "    will check with STACKIT",  # the asker goes on
        "  Can actions run in parallel?",
        "    yes",
        "  Xavier will measure it",  # somebody else's promise: the next turn
        "  any other users?",
        "    ovn-k",
        "    OpenStack",  # another answer to a prompt
    ]


def test_rule_8_the_next_question() -> None:
    body = "- topic\n - questions:\n - how?\n - (Frode) by priority\n - why?\n - (Mark) history\n"
    assert outline(body) == [
        "topic",
        "  questions:",
        "    how?",
        "      by priority",
        "    why?",
        "      history",
    ]


def test_rule_9_a_turns_points() -> None:
    body = (
        "- (numans) memory usage\n - (Ales) is the limit honoured?\n - (Numan) no, only on the I-P path\n - a recompute ignores it\n"
        " - (Tiago) we want to test it\n - Tiago will share the topology\n - (Ilya) mind the OVS side\n - Lorenzo to send v2\n"
    )
    assert outline(body) == [
        "memory usage",
        "  is the limit honoured?",
        "    no, only on the I-P path",
        "      a recompute ignores it",
        "  we want to test it",
        "    Tiago will share the topology",
        "  mind the OVS side",
        "  Lorenzo to send v2",
    ]


def test_rule_9_reported_speech_is_a_turn() -> None:
    body = "- 24.03 topics\n - DHCP relay?\n - Han mentioned multi-NIC support\n - running two controllers is not ideal\n - patches not posted yet\n"
    assert outline(body) == [
        "24.03 topics",
        "  DHCP relay?",
        "  Han mentioned multi-NIC support",
        "    running two controllers is not ideal",
        "    patches not posted yet",
    ]


def test_rule_10_the_next_turn() -> None:
    body = "- planning\n - what are you working on?\n - (Lorenzo) IPsec offload\n - needs kernel 6.8\n - (Xavier) restart time\n - (Numan) docs\n - Numan will start a thread\n"
    assert outline(body) == [
        "planning",
        "  what are you working on?",
        "    IPsec offload",
        "      needs kernel 6.8",
        "    restart time",
        "    docs",
        "      Numan will start a thread",
    ]


def test_rule_11_numbered_items_and_parallel_labels() -> None:
    body = "- top\n - o streams:\n - i. one\n - ii. two\n - (Felix) a remark on two\n - iii. three\n - Numan will take three\n"
    assert outline(body) == [
        "top",
        "  streams:",
        "    one",
        "    two",
        "      a remark on two",
        "    three",
        "  Numan will take three",
    ]
    body = "- (mmichels) reviews\n - proposal1: four weeks of reviews\n - (Ilya) release dates drift\n - proposal2: one round of review first\n"
    assert outline(body) == [
        "reviews",
        "  proposal1: four weeks of reviews",
        "  release dates drift",
        "  proposal2: one round of review first",
    ]


def test_rule_12_page_break_debris() -> None:
    body = (
        "- (Frode) BGP work\n - o (Frode) split up work?\n - i. Felix agreed\n\n"
        "- (Ilya) namespaces are controversial\n- Eelco is going to review\n - (Mark) soon?\n- (dceara) new topic by handle\n"
    )
    assert outline(body) == [
        "BGP work",
        "  split up work?",
        "    Felix agreed",
        "  namespaces are controversial",
        "  Eelco is going to review",
        "    soon?",
        "new topic by handle",
    ]


def test_rule_12_a_first_name_after_a_plain_bullet_at_the_pages_level_is_a_new_topic() -> None:
    body = "- (dceara) topic\n - known features:\n - a\n\n- b\n- c\n- (Alexandra) load balancers and ACLs\n - does anyone use both?\n"
    assert outline(body) == [
        "topic",
        "  known features:",
        "    a",
        "    b",
        "    c",
        "load balancers and ACLs",
        "  does anyone use both?",
    ]


def test_rule_12_a_promise_leaves_a_list_of_plain_points_across_a_page_break() -> None:
    body = (
        "- (dceara) 26.03 dev cycle\n - known features under development\n - Network Function Insertion\n\n"
        "- Distributed load balancers (Alexandra)\n- Frode will share the plans\n- o anything else?\n"
    )
    assert outline(body) == [
        "26.03 dev cycle",
        "  known features under development",
        "    Network Function Insertion",
        "    Distributed load balancers (Alexandra)",
        "  Frode will share the plans",
        "  anything else?",
    ]


def test_rule_12_after_a_pasted_code_block() -> None:
    body = '- (Lorenzo) SA tracking\n - o draft schema:\n\n```\n{"a": 1}\n```\n\n- (Xavier) why a?\n - (Lorenzo) it is the key\n- (Ihar) and b?\n- (mmichels) next topic\n'
    assert outline(body) == [
        "SA tracking",
        "  draft schema:",
        '    {"a": 1}',
        "    why a?",
        "      it is the key",
        "    and b?",
        "next topic",
    ]


def test_rule_12_an_o_among_the_plain_points_proves_depth_1() -> None:
    body = "- (dceara) topic\n - a point\n\n- (Mark) first impression\n- Conference\n - next week\n - o topics are posted\n"
    assert outline(body) == [
        "topic",
        "  a point",
        "  first impression",
        "Conference",
        "  next week",
        "  topics are posted",
    ]


def test_rule_13_paragraphs_and_checkboxes() -> None:
    body = "- Register for the conference: https://example.org\n\nDec 6-7 in Brussels\n\n(dceara) Decide on a cadence\n\nAction items\n\n\tLorenzo to send v2\n"
    document, _ = ovnnotes.parse(HEAD + body, path="notes.txt")
    assert tree(document.meetings[0].items) == [
        "Register for the conference: https://example.org",
        "  Dec 6-7 in Brussels",
        "Decide on a cadence",
        "Lorenzo to send v2",
    ]
