"""Which items may hold a fact, found by one scan of the texts of a batch of meetings.

Each scan is the fast path of an exact extractor and is built from that extractor's own words
(``vocabulary.dates.MONTH_PREFIXES`` and ``milestones.RELATIVE_WORDS`` for dates,
``vocabulary.promises.PROMISE_WORDS`` for promises); ``tests/test_candidates.py`` checks that every item the
exact test finds something in is a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ..read.people import key_word
from ..vocabulary.dates import MONTH_PREFIXES
from ..vocabulary.promises import PROMISE_WORDS
from .milestones import RELATIVE_WORDS


class Candidates:
    """Which items of a batch of meetings may hold a milestone or a promise, found by scanning all their texts at once.

    Most items hold neither, and a regular expression that has to be tried at every position
    of every text costs more than all the rest of the work. So the texts are joined (one per
    line) and searched with ``str.find`` and expressions that start with a literal (which ``re``
    skips to quickly); an item is a candidate when a match starts in its text. Each candidate
    then gets the full, exact test (``find_milestones``, ``implicit_actions``): a candidate that
    holds nothing costs time, never a wrong result, because every form those look for needs one
    of the words searched here.
    """

    def __init__(self, texts: list[str]) -> None:
        self.starts = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.joined = "\n".join(texts)

    def _items(self, offsets: Iterable[int]) -> set[int]:
        return {bisect_right(self.starts, offset) - 1 for offset in offsets}

    @staticmethod
    def _finds(text: str, word: str) -> Iterable[int]:
        found = text.find(word)
        while found >= 0:
            yield found
            found = text.find(word, found + 1)

    def dates(self) -> set[int]:
        """Items that may hold a date (see ``milestones._date_forms``): a month name with a digit
        near it, ``day``, ``week``, ``tomorrow``, or a digit-dash-digit.

        A named date puts its day at most 20 characters before the month's first letters
        (``23rd-24th of January``) or 15 after (``January. 23``): a month name with no digit in
        that window (``summary``, ``may``) cannot start one.
        """
        joined = self.joined
        lower = joined.lower()
        if len(lower) != len(joined):  # lower() changed some lengths: offsets would be off; test every item
            return set(range(len(self.starts)))
        offsets = [
            offset
            for word in MONTH_PREFIXES
            for offset in self._finds(lower, word)
            if _DIGIT_RE.search(joined, max(0, offset - 20), offset + 15)
        ]
        offsets += [offset for word in RELATIVE_WORDS for offset in self._finds(lower, word)]
        offsets += [
            dash
            for dash in self._finds(joined, "-")
            if joined[dash - 1 : dash].isdigit() and joined[dash + 1 : dash + 2].isdigit()
        ]
        return self._items(offsets)

    def promises(self, known: frozenset[str] | None) -> set[int]:
        """Items with ``will`` or ``to`` as a word followed by white space (``actions.PROMISE_HINT_RE``)
        and, when the registry's ``known`` words are given, one of them among the four words before
        it (the owners' names end right before ``will``, ``to``, ``is going to`` or ``plans to``),
        or at the start of the item (``will followup``, for an attributed item).
        """
        joined = self.joined
        offsets = []
        for pattern in PROMISE_WORDS:
            for match in pattern.finditer(joined):
                start = match.start()
                if start and _WORD_CHAR_RE.match(joined, start - 1):
                    continue
                if (
                    known is None
                    or start == 0
                    or joined[start - 1] == "\n"
                    or self._names_before(start, known)
                ):
                    offsets.append(start)
        return self._items(offsets)

    def _names_before(self, start: int, known: frozenset[str]) -> bool:
        joined = self.joined
        end = start - 1  # the separator before the verb
        if joined[end] == " ":  # fast path: the word right before, with a single space
            word_start = max(joined.rfind(" ", 0, end), joined.rfind("\n", 0, end)) + 1
            word = joined[word_start:end]
            if word and word.isascii() and (word.isalnum() or not _NAME_SPLIT_RE.search(word)):
                if key_word(word.lower()) in known:
                    return True
                if word[0].islower() and word not in ("going", "plans"):
                    # The owners' last name ends right before the verb and is either a registry
                    # word or the capitalised second word of a two-word name; ``is going to`` and
                    # ``plans to`` put the owners two words further back. A lowercase word that is
                    # none of these ("need to", "how to") ends no promise.
                    return False
        before = joined[max(0, start - 120) : start]
        line_start = before.rfind("\n") + 1
        before = before[line_start:]
        if before in ("is going ", "plans ") and (line_start or start <= 120):
            return True  # ``is going to ...`` opening an item: an attributed promise (``actions.WILL_RE``)
        if not before.isascii():
            return True  # case folding may change the words: let the exact test decide
        for token in before.lower().split()[-5:]:
            for word in _NAME_SPLIT_RE.split(token) if _NAME_SPLIT_RE.search(token) else (token,):
                if key_word(word) in known:
                    return True
        return False


_WORD_CHAR_RE = re.compile(r"\w")
_DIGIT_RE = re.compile(r"\d")
_NAME_SPLIT_RE = re.compile(r"[^\w.\-@]+")
"""What separates names: anything a name (``actions.NAME``) cannot hold."""
