"""The words of an item that names a list of things to come (``known features under development``).

A careful reader takes such an item as the head of the bullets after it even without a colon:
it is a noun phrase whose head is a plural list noun (``features``, ``patches``, ``changes``...)
and whose other words only qualify it (``known``, ``pending``, ``under development``, ``for the
next release``). Both the tree builder (``read.tree``, rule 4) and the release extractor
(``facts.release_words.list_head``) decide with ``names_a_list``, so they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NAME_WORDS = 8
"""A list is named in at most this many words."""

LIST_NOUNS = frozenset("features enhancements improvements patches changes series leftovers".split())
"""The plural nouns a list of planned work is named by."""
PLANNING_WORDS = frozenset(
    "release releases development dev cycle cycles planning plan plans status progress update updates review reviews branching "
    "branch branches freeze soft hard topics topic candidate candidates schedule scheduled approaching roadmap milestone "
    "milestones feature features patches patch sets set work items agenda discussion next upcoming coming current this the "
    "a an for of and or in to on with list new known ongoing pending planned remaining open other more few some our all "
    "still under during discussed time".split()
)
"""Words a release head may hold besides the release: it says nothing else."""
HEAD_MODIFIERS = PLANNING_WORDS | frozenset(
    "several main major big key top proposed candidate user visible so far we'd like include".split()
)
"""Words that may qualify a list noun in a list's name (``known``, ``under development``)."""


def names_a_list(words: Sequence[str]) -> str | None:
    """The list noun when ``words`` (lowercase, releases left out) only name a list, else None.

    ``known features under development`` names a list of features; ``features are merged`` and
    ``BGP features`` do not (a verb, a word that is not a qualifier).
    """
    for index, word in enumerate(words):
        if word in LIST_NOUNS:
            before, after = words[:index], words[index + 1 :]
            if all(w in HEAD_MODIFIERS for w in before) and all(
                w in HEAD_MODIFIERS or w in LIST_NOUNS for w in after
            ):
                return word
            return None
    return None


_PARENS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD_RE = re.compile(r"[a-z0-9]+(?:['’.+_-][a-z0-9]+)*")
_RELEASE_RE = re.compile(r"(?:ovn|ovs|v?\d+(?:\.\d+)+|\d+)\Z")
"""Words that name a release (``OVN``, ``26.03``, ``v3.5.0``): a list's name may hold them."""
LIST_HINT_RE = re.compile("|".join(sorted(LIST_NOUNS)))
"""A list noun anywhere in a lowercased text (``names_list``'s fast path: a text without one names
no list). Searched in ``str.lower()``'s text, not with ``re.IGNORECASE``, which is four times slower."""


def names_list(text: str) -> bool:
    """Whether an item's text, without a colon, names the list the next bullets make.

    The words outside parentheses, releases left out, must pass ``names_a_list``; a text of more
    than ``NAME_WORDS`` words is discussion, never a name.
    """
    if text.rstrip().endswith(("?", ".", "!")):
        return False
    lowered = text.lower()
    if LIST_HINT_RE.search(lowered) is None:
        return False
    words = [w for w in _WORD_RE.findall(_PARENS_RE.sub(" ", lowered)) if not _RELEASE_RE.match(w)]
    return len(words) <= NAME_WORDS and names_a_list(words) is not None
