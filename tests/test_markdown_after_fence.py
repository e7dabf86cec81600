"""Bullets a Markdown download writes after a fenced code block, indented 4+ spaces (issue #14).

CommonMark reads them as an indented code block; when every line is a bullet and a fence just
ended a list, they are the list items they look like, continuing that list by their indentation.
"""

from __future__ import annotations

import textwrap

import ovnnotes
from ovnnotes.model import Item

HEAD = "## Jan 12, 2026 | OVN Community Meeting\n\n"


def outline(items: tuple[Item, ...] | list[Item], depth: int = 0) -> list[str]:
    rows: list[str] = []
    for item in items:
        rows.append("  " * depth + f"{item.kind} {item.text.splitlines()[0]}")
        rows.extend(outline(item.children, depth + 1))
    return rows


def parse(body: str) -> tuple[list[str], list[tuple[str, int, str]]]:
    document, diagnostics = ovnnotes.parse(HEAD + textwrap.dedent(body), path="notes.md")
    return outline(document.meetings[0].items), [(d.code, d.line, d.severity.value) for d in diagnostics]


def test_bullets_after_a_fence_continue_the_interrupted_list() -> None:
    rows, diagnostics = parse(
        """\
        * (dceara) topic
            * draft schema:

        ```
        {"a": 1}
        ```

                * (Ales) why a?
                    * (Dumitru) because
                * (Felix) and b?
            * back under the topic
        * next topic
        """
    )
    assert rows == [
        "bullet topic",
        "  bullet draft schema:",
        '    code {"a": 1}',
        "    bullet why a?",
        "      bullet because",
        "    bullet and b?",
        "  bullet back under the topic",
        "bullet next topic",
    ]
    assert diagnostics == [("ONP121", 10, "info")]


def test_two_space_indentation_continues_by_the_same_rule() -> None:
    rows, diagnostics = parse(
        """\
        - topic
          - sub
            - subsub

        ```
        x
        ```

            - under subsub? no: indented like subsub, a sibling of it
          - a sibling of sub (not a code block at all)
        """
    )
    assert rows == [
        "bullet topic",
        "  bullet sub",
        "    bullet subsub",
        "      code x",
        "    bullet under subsub? no: indented like subsub, a sibling of it",
        "  bullet a sibling of sub (not a code block at all)",
    ]
    assert diagnostics == [("ONP121", 11, "info")]


def test_a_block_with_text_that_is_no_bullet_stays_code() -> None:
    rows, diagnostics = parse(
        """\
        * topic

        ```
        x
        ```

            * a bullet
            and a line that is not one
        """
    )
    assert rows == ["bullet topic", "  code x", "  code * a bullet"]
    assert ("ONP111", 9, "warning") in diagnostics and "ONP121" not in {code for code, _, _ in diagnostics}


def test_bullets_in_a_code_block_not_after_a_fenced_list_stay_code() -> None:
    rows, diagnostics = parse(
        """\
        Some text.

            * looks like a bullet
        """
    )
    assert rows == ["bullet Some text.", "  code * looks like a bullet"]
    assert ("ONP111", 5, "warning") in diagnostics


def test_every_line_is_kept_and_ids_follow_the_tree() -> None:
    document, _ = ovnnotes.parse(
        HEAD + "* a\n    * b:\n\n```\ncode\n```\n\n        * c\n            * d\n",
        path="notes.md",
    )
    items = document.meetings[0].items
    assert [child.id for child in items[0].children[0].children] == ["2026-01-12/1.1.1", "2026-01-12/1.1.2"]
    assert items[0].children[0].children[1].children[0].text == "d"
    assert items[0].children[0].children[1].line == 10


# -- property: a fence anywhere in a list does not change the tree -------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "review", "patch", "soon", "why"]),
    min_size=2,
    max_size=4,
).map(" ".join)


@st.composite
def outlines(draw: st.DrawFn) -> list[tuple[int, str]]:
    """(depth, text) rows of a valid outline: each row at most one level deeper than the one before."""
    rows = [(0, draw(WORDS))]
    for _ in range(draw(st.integers(1, 14))):
        rows.append((draw(st.integers(0, min(rows[-1][0] + 1, 4))), draw(WORDS)))
    return [(depth, f"{text} {index}") for index, (depth, text) in enumerate(rows)]


@settings(deadline=None)
@given(outlines(), st.data(), st.sampled_from([2, 4]))
def test_a_fence_after_any_item_keeps_the_tree(
    rows: list[tuple[int, str]], data: st.DataObject, step: int
) -> None:
    """As a download writes it: the fence at the margin, the bullets after it at their indentation."""
    after = data.draw(st.integers(0, len(rows) - 1))
    lines = []
    for index, (depth, text) in enumerate(rows):
        lines.append(" " * step * depth + f"* {text}")
        if index == after:
            lines += ["", "```", "x = 1", "```", ""]
    got, diagnostics = parse("\n".join(lines) + "\n")
    expected = ["  " * depth + f"bullet {text}" for depth, text in rows]
    expected.insert(
        after + 1, "  " * (rows[after][0] + 1) + "code x = 1"
    )  # the code block: a child of the item it follows, in text order
    assert got == expected
    assert [code for code, _, _ in diagnostics if code in ("ONP111", "ONP103")] == []
