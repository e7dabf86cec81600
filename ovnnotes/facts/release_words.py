"""How the notes talk about planning a release, read from an item's words.

What ``facts.releases`` needs to know about one item's text, as pure functions: whether it is
a question, a statement or a name (a feature's name is a noun phrase, a statement has a finite
verb), whether it heads a list of features, what it says about a feature's status (``slipped
from 25.09.0``, ``merged``, ``Not 25.03 candidate``), and the name and the significant words of a
feature. The rules are documented in ``ovnnotes/facts/releases.py``; the vocabularies are defined here,
once. Every expression uses bounded repetition or character classes that cannot overlap, so the
work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import FeatureStatus, Milestone
from ..vocabulary.lists import LIST_NOUNS, PLANNING_WORDS, names_a_list
from .milestones import find_releases

NAME_WORDS = 16
"""A feature is named in at most this many words (outside parentheses); a longer entry is discussion."""

# --- reading an item's words ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"[A-Za-z0-9]+(?:[-_.+][A-Za-z0-9]+)*(?:['’][A-Za-z]{1,3})?|[,;:!?()\[\]]|\.(?=\s|\Z)|\s[-–]\s|…"
)
WORD_RE = re.compile(r"[a-z0-9]+")
NEXT_RELEASE_RE = re.compile(
    r"\b(?:the\s{1,3})?(?:next|upcoming|coming)\s{1,3}(?:(?P<project>ovn|ovs)\s{1,3})?(?:release|version)\b",
    re.I,
)
PARENS_RE = re.compile(r"\s?\([^()]*\)")
_TAGS = re.compile(r"\A(?:\s{0,3}\[[^\]\[]{0,80}\])+\s*")
DOMAIN_RE = re.compile(r"(?:https?://|www\.)\S*|[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/?", re.I)
TARGET_WORDS = frozenset("for in into targeting target towards".split())
"""Words before a release number that make it what an item is planned for (``BGP update for 25.03``), not a
release it only speaks of (``growth after the upgrade to 26.03``)."""
NAME_TOKEN_RE = re.compile(r"[A-Za-z][\w.-]{0,40}(?:['’]s\b)?")
"""Words that may be a person's name or handle (``dceara``, ``Mark``, ``i.maximets``); a possessive keeps its ``'s``."""
PROPOSAL_LABELS = frozenset("proposal idea rfc feature request topic".split())
"""A one-word label that introduces the feature's name (``Proposal: incremental processing for ACL tiers``)."""
_LEADING_ARTICLE = re.compile(r"\A(?:the|a|an)\s{1,3}(?=\S)", re.I)
_FIRST_WORD = re.compile(r"[\W_]{0,20}([A-Za-z]+)")
_LABEL = re.compile(r"\A([^:]{1,60}):\s+(\S.*)\Z", re.S)

QUESTION_WORDS = frozenset("what which who whom whose how why when where whether".split())
AUXILIARIES = frozenset(
    "is are was were am be been being do does did can could should would will shall may might must has have had "
    "isn't aren't wasn't weren't don't doesn't didn't can't couldn't shouldn't wouldn't won't hasn't haven't any anything anyone anybody".split()
)
FINITE_VERBS = frozenset(
    "is are was were am do does did can could should would will shall may might must has have had "
    "seems causes needs requires breaks works looks makes means uses takes helps gets goes comes triggers fails "
    "depends happens says thinks wants knows shows gives lets keeps brings becomes remains exists matters sounds".split()
)
"""Words that make an item a statement when they stand outside a subordinate clause."""
SUBORDINATORS = frozenset(
    "when if that which who whom because while once until unless whether how where since as so though although whenever whereas then".split()
)
OBJECTS = frozenset("a an the this that these those it them us him her some".split())
"""Words after a past form that make it a verb with its object (``reported a breakage``), not a participle (``added in``)."""
PRONOUNS = frozenset(
    "i we you they he she it this that these those there someone somebody everyone everybody nobody".split()
)
HEDGES = frozenset("maybe perhaps probably possibly hopefully not no".split())
ANNOUNCEMENTS = frozenset("announcement announcements announce reminder fyi psa note news".split())
REPORTING = frozenset("mentioned proposed suggested requested raised pitched".split())
DISCUSSION_LABELS = frozenset(
    "blockers blocker bugs issues regressions problems questions todo todos notes options ideas idea goals alternatives "
    "drawbacks assumptions context summary comments concerns risks requirements background".split()
)
"""What a label heads when it is no feature: ``blockers:``, ``Context``, ``options:`` (their entries are no features either)."""
STATUS_HINT_WORDS = tuple(
    "merged landed applied accepted done dropped abandoned withdrawn rejected slipped".split()
)
"""The words every status phrase holds."""
_NEXT_RELEASE_TAIL = r"\s{1,3}(?:ovn\s{1,3}|ovs\s{1,3})?(?:release|version)"


def _whole_word(word: str) -> str:
    """``\\bword\\b``, written to start with the word's first letter (then a look back for the boundary)."""
    first = re.escape(word[0])
    return rf"{first}(?<=\b{first}){re.escape(word[1:])}\b"


HINTS: dict[str, tuple[re.Pattern[str], ...]] = {
    "release": tuple(
        re.compile(pattern)
        for pattern in (r"\.\d\d", r"ovs\s?v?\d", "next" + _NEXT_RELEASE_TAIL, "coming" + _NEXT_RELEASE_TAIL)
    ),
    "list": tuple(re.compile(_whole_word(noun)) for noun in sorted(LIST_NOUNS)),
    "status": tuple(re.compile(re.escape(word)) for word in STATUS_HINT_WORDS),
}
"""What a lowercased text holds when it may name a release (``.MM``, ``ovs 3``, ``next release``: what
every match of ``milestones.find_releases`` and ``NEXT_RELEASE_RE`` holds), head a list (a list word)
or state a status with no release (a status word). Text without a hint needs none of the costly
tests; ``releases`` scans each meeting's item texts at once with these. Each hint is a few
expressions that each start with a literal: Python's engine jumps from one occurrence of a leading
literal to the next, while it tries an alternation, or an expression that starts with ``\\b``, at
every position (three times slower over the notes)."""
_LIST_HINT = re.compile(r"\b(?:" + "|".join(sorted(LIST_NOUNS)) + r")\b", re.I)
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
"""A list word, in any case: an item without one heads no list (a cheap test before tokenising)."""
_STATUS_HINT = re.compile("|".join(STATUS_HINT_WORDS), re.I)
"""The status words of the phrases that name no release: an item without one states no such status."""
STATUS_TRAILERS = frozenset("update updates status progress".split())
FILLER = frozenset(
    "a an the of for in on to and or with by from into at as via vs per more new support supports feature features "
    "ovn ovs add adding added introduce implement enable improve improved use case work "
    "patch patches series initial first proper".split()
)
"""Words that do not tell one feature from another (the stems of these are dropped before matching)."""
REFERENCES = frozenset(
    "this that it these those they them items item rest all some patches patch one".split()
)


@lru_cache(maxsize=4096)  # the words of notes repeat: most are stemmed many times
def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep in (("ing", 5), ("ed", 4), ("es", 5), ("s", 3)):
        if len(word) > keep and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


_FILLER_STEMS = frozenset(_stem(word) for word in FILLER)


def significant_words(text: str) -> frozenset[str]:
    """The stemmed words of a name that tell it apart (parentheses, filler and version tags dropped)."""
    plain = PARENS_RE.sub(" ", text).lower()
    return frozenset(
        stem
        for word in WORD_RE.findall(plain)
        if not (word[0] == "v" and word[1:].isdigit())
        if (stem := _stem(word)) not in _FILLER_STEMS
    )


@lru_cache(maxsize=32)  # an item's text is read by several tests in a row (question, statement, name)
def clause_tokens(text: str) -> tuple[str, ...]:
    """Words (lowercase, apostrophes kept) and clause punctuation, outside parentheses and brackets."""
    out: list[str] = []
    depth = 0
    for token in _TOKEN.findall(text):
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(token.strip().lower().replace("’", "'"))
    return tuple(out)


def word_list(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum()]


def _has_question_mark(text: str) -> bool:
    return "?" in PARENS_RE.sub("", text)


def is_question(text: str) -> bool:
    """A question (see the module docstring), not a name with a doubtful ``?``."""
    if "?" not in text and not text.startswith(("(", "[")):
        first = _FIRST_WORD.match(text)  # the common case, without tokenising the whole text
        return first is not None and first[1].lower() in QUESTION_WORDS
    words = [word.split("'")[0] for word in word_list(clause_tokens(text))]
    if not words:
        return False
    if words[0] in QUESTION_WORDS:
        return True
    return _has_question_mark(text) and (
        words[0] in AUXILIARIES or any(word in QUESTION_WORDS for word in words)
    )


def is_statement(text: str) -> bool:
    """A sentence rather than a name: a finite verb in a main clause, or a pronoun or hedge first."""
    tokens = clause_tokens(text)
    words = word_list(tokens)
    if not words:
        return False
    first = words[0]
    if (
        first in PRONOUNS
        or first in HEDGES
        or _contracted_verb(first)
        and first.split("'")[0] in PRONOUNS | QUESTION_WORDS | {"here", "let"}
    ):
        return True
    subordinate = False
    for index, token in enumerate(tokens):
        if not token[0].isalnum():
            subordinate = False  # a clause ends
            continue
        if token in SUBORDINATORS:
            subordinate = True
        elif not subordinate and (
            token in FINITE_VERBS and (index > 0 or token in AUXILIARIES) or _contracted_verb(token)
        ):
            return True
        elif (
            not subordinate
            and index > 0
            and token.endswith("ed")
            and index + 1 < len(tokens)
            and tokens[index + 1] in OBJECTS
        ):
            return True  # a past verb and its object: "NVIDIA reported a breakage"
    return False


def _contracted_verb(token: str) -> bool:
    """``doesn't``, ``we'd``, ``it's`` (not a possessive such as ``Numan's``)."""
    if "'" not in token:
        return False
    head, tail = token.split("'", 1)
    return tail in ("t", "re", "ll", "d", "ve", "m") or (
        tail == "s" and head in PRONOUNS | QUESTION_WORDS | {"here", "let"}
    )


# --- status phrases ---------------------------------------------------------------------------------

_AROUND_RELEASE = {
    "slip_to": re.compile(
        r"(?:slip(?:s|ped|ping)?|mov(?:e|es|ed|ing)|postpon(?:e|es|ed|ing)|defer(?:s|red|ring)?|push(?:es|ed)?(?:\s{1,3}out)?)\s{1,3}(?:to|into|until|for)\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?\Z"
    ),
    "slip_from": re.compile(
        r"(?:slip(?:s|ped)?|mov(?:ed|es)|postponed|deferred|left\s?overs?|carried\s{1,3}over|carry-?overs?|remaining)\s{1,3}from\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?\Z"
    ),
    "merged": re.compile(
        r"(?:added|merged|landed|introduced|shipped|released|implemented|included|available|applied)\s{1,3}(?:in|into|for|to)\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?\Z"
    ),
    "dropped": re.compile(
        r"(?:\bnot\s{1,3}(?:an?\s{1,3})?(?:ovn\s{1,3})?|(?:dropped|removed)\s{1,3}from\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?|won't\s{1,3}make\s{1,3}it\s{1,3}(?:in|into|for)\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?)\Z"
    ),
    "planned": re.compile(
        r"(?:\A|\b(?:targeted|targeting|planned|aimed|aiming|scheduled|proposed|considered|candidate|slated|meant))\s{0,3}(?:for|at)\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?\Z"
    ),
    "concern": re.compile(
        r"unlikely\s{1,3}to\s{1,3}(?:land|make\s{1,3}it|be\s{1,3}(?:ready|merged|in))\s{1,3}(?:in|into|for)\s{1,3}(?:the\s{1,3})?(?:ovn\s{1,3})?\Z"
    ),
}
"""What the words right before a release number say about it (matched on the 60 characters before it)."""
_NOT_CANDIDATE_AFTER = re.compile(r"\A(?:\.\d{1,2})?\s{0,3}(?:release\s{1,3})?candidate")
_STATUS_WORDS = (
    r"(?P<status>merged|landed|applied|accepted|done|dropped|abandoned|withdrawn|rejected|slipped)"
)
_MARKER = re.compile(
    r"[(\[]\s{0,3}"
    + _STATUS_WORDS
    + r"\s{0,3}[)\]]|\s[-–:]\s{0,3}"
    + _STATUS_WORDS.replace("status", "end")
    + r"\s{0,3}\.?\s{0,3}\Z",
    re.I,
)
_PREDICATE_ONLY = re.compile(
    r"\A(?:(?:was|were|got|has|have|been|is|are|now|already|finally|all)\s{1,3}){0,3}"
    + _STATUS_WORDS
    + r"\b",
    re.I,
)
_SUBJECT_VERB = re.compile(
    r"\s(?:(?:was|were|got|has\s{1,3}been|have\s{1,3}been|is|are)\s{1,3}(?:now\s{1,3})?"
    + _STATUS_WORDS
    + r"\b|"
    + _STATUS_WORDS.replace("status", "main")
    + r"\s{1,3}(?:in|into|to)\s{1,3}(?:the\s{1,3})?(?:main|master)\b)",
    re.I,
)
_SUBJECT_CUT = re.compile(r"\b(?:for|on|of|about|in|to|with|from|that|which)\s|[,;:(]", re.I)
"""What ends the words before a subject (the subject is what follows the last one)."""
SUBJECT_TAIL = frozenset(
    "is are was were will would has have had be been got also likely now already".split()
)
"""Words between a subject and its status verb (``Composable services are unlikely to land``)."""
_STATUS_KIND = {
    "merged": FeatureStatus.MERGED,
    "landed": FeatureStatus.MERGED,
    "applied": FeatureStatus.MERGED,
    "accepted": FeatureStatus.MERGED,
    "done": FeatureStatus.MERGED,
    "dropped": FeatureStatus.DROPPED,
    "abandoned": FeatureStatus.DROPPED,
    "withdrawn": FeatureStatus.DROPPED,
    "rejected": FeatureStatus.DROPPED,
    "slipped": FeatureStatus.SLIPPED,
}


@dataclass(frozen=True)
class Ref:
    """A release named in an item: by number, or as the next release (``inferred``)."""

    start: int
    end: int
    project: str
    version: str
    inferred: bool = False


@dataclass(frozen=True)
class Phrase:
    """A status (or a doubt, ``concern``) an item states."""

    kind: str
    """``slip_to``, ``slip_from``, ``merged``, ``dropped``, ``concern``, or ``marker``/``predicate``/``subject`` (no release)."""
    ref: Ref | None
    subject: str
    status: FeatureStatus | None = None


def _subject(before: str) -> str:
    """The noun phrase a status verb is about: the words right before it, after the last preposition."""
    words = before.split()
    while words and words[-1].lower() in SUBJECT_TAIL:
        words.pop()
    text = " ".join(words)
    cut = max((match.end() for match in _SUBJECT_CUT.finditer(text)), default=0)
    return text[cut:].strip(" \t-–:;,.()[]\"'")


def status_phrases(text: str, refs: Sequence[Ref]) -> list[Phrase]:
    """The status phrases of an item's text (the caller leaves questions out)."""
    if not refs and _STATUS_HINT.search(text) is None:
        return []  # most items: no release and no status word
    found: list[Phrase] = []
    lower = text.lower()
    for ref in refs:
        window = lower[max(0, ref.start - 60) : ref.start]
        for kind, pattern in _AROUND_RELEASE.items():
            match = pattern.search(window)
            if match is None:
                continue
            if (
                kind == "dropped"
                and match.group().lstrip().startswith("not")
                and not _NOT_CANDIDATE_AFTER.match(lower[ref.end :])
            ):
                continue  # "not 25.03 candidate", but not "not in 25.03 yet"
            before = text[: max(0, ref.start - 60) + match.start()]
            found.append(Phrase(kind, ref, _subject(before)))
            break
    if found or refs:
        return found
    marker = _MARKER.search(text)
    if marker:
        word = (marker["status"] or marker["end"]).lower()
        return [Phrase("marker", None, "", _STATUS_KIND[word])]
    predicate = _PREDICATE_ONLY.match(text.strip())
    if predicate:
        return [Phrase("predicate", None, "", _STATUS_KIND[predicate["status"].lower()])]
    subject = _SUBJECT_VERB.search(text)
    if subject:
        word = (subject["status"] or subject["main"]).lower()
        return [Phrase("subject", None, _subject(text[: subject.start()]), _STATUS_KIND[word])]
    return []


CREDIT_RE = re.compile(r"\(([^()]{1,60})\)\s{0,3}\.?\s{0,3}\Z")
CREDIT_SPLIT_RE = re.compile(r"[/,&]|\band\b")
POSSESSIVE_RE = re.compile(r"\b([A-Z][\w.-]{0,30})['’]s\b")


def is_reference(subject: str) -> bool:
    words = word_list(clause_tokens(subject))
    return not words or words[0] in REFERENCES or all(w in REFERENCES or w.isdigit() for w in words)


def list_head(text: str, question: bool) -> tuple[str | None, str | None]:
    """Whether ``text`` heads a list of features: (``colon``/``label``/``question``, the list word) or (None, None)."""
    plain = _BRACKETS.sub(" ", PARENS_RE.sub(" ", text)) if "(" in text or "[" in text else text
    found = _LIST_HINT.search(plain) if text else None
    if found is None:
        return None, None
    noun = found.group().lower()
    if question or "?" in plain:
        return "question", noun
    if plain.rstrip().endswith(":"):
        return "colon", noun
    if is_statement(text):
        return None, None
    words = word_list(clause_tokens(_strip_releases(text)))
    return ("label", noun) if names_a_list(words) else (None, None)


def _strip_releases(text: str) -> str:
    out, last = [], 0
    for start, end, _, _ in find_releases(text):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return " ".join(out)


def ends_with_list_noun(name: str) -> bool:
    words = word_list(clause_tokens(name))
    return bool(words) and words[-1] in LIST_NOUNS


def planning_only(text: str, refs: Sequence[Ref], milestones: Sequence[Milestone]) -> bool:
    """Whether the item says nothing but the release (and its milestones, dates and planning words)."""
    chars = list(text)
    for ref in refs:
        chars[ref.start : ref.end] = " " * (ref.end - ref.start)
    rest = "".join(chars)
    for milestone in milestones:
        rest = rest.replace(milestone.text, " ")
    rest = NEXT_RELEASE_RE.sub(" ", PARENS_RE.sub(" ", rest))
    words = [w for w in WORD_RE.findall(rest.lower()) if w not in ("ovn", "ovs")]
    return all(word in PLANNING_WORDS or word.isdigit() for word in words)


def clean_name(text: str, refs: Sequence[Ref]) -> str:
    """A feature's name from an entry's text (see the module docstring)."""
    name = text
    for ref in sorted(refs, key=lambda r: -r.start):
        head = re.sub(
            r"(?:\b(?:for|in|into|of|the|ovn|ovs)\s{1,3}){0,4}\Z", "", name[: ref.start], flags=re.I
        )
        tail = re.sub(r"\A(?:\.\d{1,2})?(?:\s{1,3}(?:release|cycle))?", "", name[ref.end :], flags=re.I)
        name = head.rstrip() + tail
    name = _TAGS.sub("", name)
    name = _MARKER.sub("", name)  # "(merged)", "[DONE]", "- dropped": a status, not part of the name
    name = PARENS_RE.sub("", name).replace('"', "").replace("“", "").replace("”", "")
    label = _LABEL.match(name.strip())
    if label and (2 <= len(label[1].split()) <= 5 or label[1].strip().lower() in PROPOSAL_LABELS):
        name = label[1] if label[1].strip().lower() not in PROPOSAL_LABELS else label[2]
    name = _LEADING_ARTICLE.sub("", name.strip())
    name = " ".join(name.split()).strip(" -–:;,.")
    words = name.split()
    while words and words[-1].lower().strip(".,:;") in STATUS_TRAILERS:
        words.pop()
    return " ".join(words).strip(" -–:;,.")
