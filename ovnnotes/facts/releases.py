"""Releases as first-class data: what each release plans, when it freezes, branches and ships, and what slipped.

``build_releases`` turns the meetings and their milestones into one ``Release`` per release:
its milestones merged across meetings (``milestone_events.merge_milestones``, the one merging
rule, also used by the calendar), the features planned for it, and the meetings that discussed
it. Pure: meetings, milestones and the people registry in, data and diagnostics out; no I/O, no
clock, never raises on any notes.

Rules
-----
**Naming a release.**

* *By number*: ``YY.MM`` or ``YY.MM.P`` is an OVN release, ``OVS 3.5`` an OVS one
  (``milestones.find_releases``); the patch number is dropped, so ``26.03.0`` and ``26.03`` are one
  release, ``ovn-26.03``.
* *Without a number*: ``the next release`` (``next OVN release``, ``upcoming release``) said in a
  meeting is the first release of the OVN cadence whose soft freeze is on or after the meeting's
  date: new features go into the release that has not frozen yet. The **cadence** (``OVN_CADENCE``):
  OVN releases in March and September (``YY.03``, ``YY.09``) since 24.03, with the soft freeze about
  two months before; the soft freeze of a release is the date the notes give for it, else the 20th
  of the month two months before (the seed's freezes: Jan 19, Jul 15, Jan 24, Jul 25, Jan 23). A
  number written next to ``next release`` wins over it. A soft freeze, branch or release milestone
  of OVN (or of no project) stated without a release belongs to the cadence's release: a soft
  freeze or branch to the first release month on or after its date (a January freeze is ``YY.03``'s),
  a release to the nearest release month. Each such inference is reported (``ONM621``, info).
* A release number of OVN at or after 24.03 whose month is not a cadence month (``OVN 24.06``) is
  kept as written and reported (``ONM620``, info) with the nearest cadence release as a hint.

**Which items plan a release.**

* A **release head** is an item that names exactly one release (or states a milestone of exactly
  one) and says nothing else: what remains without its release, project names, dates, milestone
  phrases and parentheses is planning words only (``OVN 26.03 development``, ``26.03 release / dev
  cycle``, ``24.03.0 Planning``, ``24.03 soft freeze:``, ``OVN 24.09 planning (soft freeze July
  15th 2024):``); or it is a question about it, or a features head (below). Its sub-items are the
  release's list.
* A **features head** is an item about a list of features (``features``, ``enhancements``,
  ``improvements``, ``patches``, ``changes``, ``series``): one that ends with ``:`` (``Ongoing
  features:``, ``Current list of features or ... patches posted for review (...):``), one whose
  other words only qualify the list (``known features under development``, ``features still under
  review``, ``a few patch sets for 25.03``, ``New features?``), or a question asking for features
  (``what new features is the community working on?``). Its release is the one it names, else the
  one of the nearest ancestor that names one (or of the list it is in), else, for a ``features``
  list that is no question, the next release (``ONM621``). Its sub-items are the release's list;
  a features head with no sub-items that is no question takes the **siblings after it** as its
  list (the export lost their indentation), up to the first sibling that has sub-items or a
  speaker of its own (a new topic).
* A **list of leftovers** (``leftovers from the 26.03 cycle:``, ``carried over from 26.03:``) is a
  features head whose entries slipped from the release it names: they are features of the list it
  is in (or, alone, of the cadence release after the one they left, ``ONM621``) with
  ``slipped_from`` set, and the release they left gets them as ``slipped``.
* An item that names one release as its target and something else, and is no question or
  statement, **names a feature of it**. The release is its target when it leads the item or follows
  ``for``, ``in``, ``into``, ``targeting``... (``BGP update for 25.03`` is feature ``BGP``;
  ``"Network Function Insertion" Enhancements for OVN 26.03``); ``growth after the upgrade to 26.03``
  and ``backported to 25.09`` only speak of a release. When the name ends with a list word
  (``Enhancements``), its sub-items are features too, each ``part_of`` it.
* A sub-item that only says the release is the target (``targeted for 26.09``, ``planned for
  26.09``) makes its parent's topic a feature of it; so does a statement whose subject is planned
  (``The lflow cache rework is planned for 26.09``).
* Every entry of a list is a feature of the list's release, unless it is not a feature (below).
  Sub-items of a feature are its details, not features. An entry that is only a speaker (``o
  (Ales)``) passes its sub-items on as entries; an entry that is itself a features head opens a
  nested list.

**Which items are not features** (each entry is tested in this order):

* empty, or only a link or a domain (``ovn.org``);
* a milestone (it states a date: ``soft freeze: Jan 23rd 2026``);
* a question: it starts with a question word (``what``, ``how``, ``why``...), or it has a ``?``
  outside parentheses and starts with an auxiliary (``is``, ``should``, ``any``...) or holds a
  question word. A name followed by ``?`` is a feature someone is unsure of (``IPv6 prefix
  delegation?``, ``DHCP Relay Agent support from Nutanix?``), not a question;
* an announcement: it starts with ``Announcement``, ``Reminder``, ``FYI``, ``PSA``, ``Note:``...;
* a promise: a name (known to the registry or not) then ``will``/``to``/... and a verb (``Frode
  will share ...``, ``Canonical to complete roadmap planning``);
* unfinished: it ends with ``but``, ``...`` or ``…``;
* a statement rather than a name: it holds a finite verb outside a subordinate clause (``is``,
  ``are``, ``was``, ``has``, ``will``, ``might``, ``it's``, ``doesn't``, ``seems``, ``causes``...: ``port
  mirroring v7 is on list for review``, ``items 3, 4, 8 were merged``; but ``Commit all traffic
  when there is stateful NAT/LB`` is a name), or it starts with a pronoun (``we``, ``it``, ``this``),
  a hedge (``maybe``, ``probably``, ``not``) or a person's name that is not possessive (``Frode uses
  ...``). Reported speech names a feature: ``Han mentioned multi-NIC support for tunnel interfaces``
  is feature ``multi-NIC support for tunnel interfaces``, raised by Han;
* too long for a name: more than ``NAME_WORDS`` (16) words outside parentheses;
* a discussion label (``blockers:``, ``Context``, ``options:``: ``release_words.DISCUSSION_LABELS``);
* about somebody: it names a person of the registry outside parentheses and possessives
  (``Reviewers wanted, ping dceara on the ML``), written as registered (a lowercase word counts
  only as a lowercase handle, so ``mark packets`` names nobody);
* planning words only (``Progress update?``).

An entry that is only a status statement about its subject (``the CT zone fix landed in 26.03.1``)
names that subject (``CT zone fix``), with the status.

**A feature's name, identity and people.** The name is the entry's text without parentheses,
leading tags (``[ovs-dev,RFC,v2]``), status markers (``(merged)``), quotes, a leading article,
its release number and trailing status words; for ``Label: text`` with a label of two to five
words, the label (``improved OVN observability: revive ...``), and after a one-word label that
introduces it (``Proposal:``, ``RFC:``), the text. Two entries of one release are the same feature when the significant words of one
(stemmed, without filler such as ``support``, ``add``, ``ovn``) are all in the other and it has at
least two of them, or both have the same words (a word shared by more than ``COMMON_WORD`` (64)
features of a release proposes none of them, which keeps matching linear) (``Extend BGP-EVPN support (...)`` and
``extended EVPN support``). ``raised_by``: the speakers of the entries that list it, else of their
nearest attributed ancestor (for reported speech, the reporter). ``credited``: people the entry
names in a trailing parenthesis (``(Alexandra)``) or a possessive (``Numan's patches``).

**Status** (what later notes say; the last statement wins; listing a feature again changes
nothing):

* ``slipped from R`` in a feature's entry (``Network Function Insertion (slipped from 25.09.0)``):
  the feature was planned for R and moved to the entry's release: R gets it as ``slipped`` (to the
  entry's release), the entry's feature records ``slipped_from``.
* ``slip(s/ped)``, ``move(d)``, ``postpone(d)``, ``defer(red)`` ``to R2`` (``the next release`` is
  the cadence release after the one it leaves): ``slipped`` to R2, and R2 gets the feature.
* ``added``, ``merged``, ``landed``, ``implemented``, ``released`` ``in R``: ``merged`` in R.
* ``not (a) R candidate``, ``dropped from R``, ``won't make it into R``: ``dropped`` from R.
* without a release: ``(merged)``, ``[DONE]``, ``- dropped`` marking the entry itself, a sub-item
  that is only the status (``merged``, ``was dropped``), or ``<subject> was/were merged`` and
  ``<subject> merged in main``: the status of the feature named, in its release.
* Which feature a status is about: the entry itself when the phrase marks it; else the feature
  the statement's subject names (the noun phrase before the verb: ``the dynamic routing / BGP
  support added in 25.03.0``), matched by name among the release's features; else, for a sub-item
  that is only the status (``will slip to 25.09``, ``Not 25.03 candidate``), its parent: the
  feature the parent is, the subject of the parent's own phrase (``Composable services are unlikely
  to land in 25.03``), or the parent's topic. A parent's topic or phrase subject that names no
  listed feature becomes one when the status names the release (``Not 25.03 candidate``).
  A slip that names no release to leave (``postponed to 27.03`` under a topic) moves the feature of
  that name in the newest release that lists it. References (``this``, ``it``, ``items 3, 4``,
  ``the rest``) name no feature, and create none. Questions carry no status.

**Discussed.** A release's ``meetings`` are those with an item that names it (by number, as the
next release, or in a status), states one of its milestones or lists one of its features. A
release exists when it has a milestone, a feature or a release head; a number named only in
passing (``23.04 is LTS``) makes no release.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from ..checks.rules import diagnostic
from ..model import (
    Diagnostic,
    Feature,
    FeatureMention,
    FeatureStatus,
    Item,
    Meeting,
    Milestone,
    MilestoneKind,
    Release,
    ReleaseMilestone,
)
from ..read.speakers import Resolver
from .actions import PROMISE_RE, implicit_actions
from .cadence import OVN_CADENCE, Cadence
from .milestone_events import MilestoneEvent, merge_milestones
from .milestones import find_releases
from .release_milestones import (
    assign_releases,
    cadence_months,
    calendar_events,
    milestone_events,
    normalise_version,
    release_key,
    release_milestones,
    release_order,
)
from .release_words import (
    ANNOUNCEMENTS,
    CREDIT_RE,
    CREDIT_SPLIT_RE,
    DISCUSSION_LABELS,
    DOMAIN_RE,
    HINTS,
    NAME_TOKEN_RE,
    NAME_WORDS,
    NEXT_RELEASE_RE,
    PARENS_RE,
    PLANNING_WORDS,
    POSSESSIVE_RE,
    REPORTING,
    TARGET_WORDS,
    WORD_RE,
    Phrase,
    Ref,
    clause_tokens,
    clean_name,
    ends_with_list_noun,
    is_question,
    is_reference,
    is_statement,
    list_head,
    planning_only,
    significant_words,
    status_phrases,
    word_list,
)

__all__ = [
    "Cadence",
    "OVN_CADENCE",
    "Releases",
    "assign_releases",
    "build_releases",
    "calendar_events",
    "milestone_events",
    "normalise_version",
    "release_key",
]

# --- the result -------------------------------------------------------------------------------------


@dataclass
class Releases:
    """What ``build_releases`` returns."""

    releases: list[Release] = field(default_factory=list)
    """By project (OVN first) and version."""
    events: list[MilestoneEvent] = field(default_factory=list)
    """Every merged milestone event (``merge_milestones``), those without a release included."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """``ONM610`` (a date moved), ``ONM620`` (off the cadence), ``ONM621`` (a release inferred)."""


# --- features ---------------------------------------------------------------------------------------


COMMON_WORD = 64
"""A word shared by more features of one release than this does not tell them apart (it keeps matching linear)."""


@dataclass
class _Draft:
    """A feature being gathered."""

    release: tuple[str, str]
    name: str
    words: frozenset[str]
    status: FeatureStatus = FeatureStatus.PLANNED
    slipped_to: str | None = None
    slipped_from: str | None = None
    status_item_id: str | None = None
    part_of: _Draft | None = None
    mentions: list[FeatureMention] = field(default_factory=list)
    mentioned: set[tuple[str, str]] = field(default_factory=set)
    credited: list[str] = field(default_factory=list)


@dataclass
class _ReleaseDraft:
    project: str
    version: str
    features: list[_Draft] = field(default_factory=list)
    exact: dict[frozenset[str], _Draft] = field(default_factory=dict)
    postings: dict[str, list[tuple[int, _Draft]]] = field(default_factory=dict)
    """Features by each of their words (with their position), to match a name without trying every feature."""
    items: list[str] = field(default_factory=list)
    item_set: set[str] = field(default_factory=set)
    meetings: set[str] = field(default_factory=set)
    exists: bool = False
    source: tuple[str, int] | None = None
    """Where the release was first planned (for ``ONM620``)."""


@dataclass
class _ListContext:
    """A list whose entries are features of ``release``."""

    release: tuple[str, str]
    part_of: _Draft | None = None
    slipped_from: str | None = None
    """For a list of leftovers (``leftovers from the 26.03 cycle:``): the release its entries slipped from."""


@dataclass
class _Node:
    """An item as the walk read it."""

    item: Item
    speakers: tuple[tuple[str, ...], tuple[str, ...]]
    feature: _Draft | None = None
    read: _Read | None = None
    """How the item reads, when it may be a topic (no feature, no head, no milestone)."""
    concern: Phrase | None = None
    """A status phrase of the item with a subject (``Composable services are unlikely to land in 25.03``)."""
    release: tuple[str, str] | None = None
    """The release the item names, if exactly one."""
    parent: _Node | None = None
    names_scope: bool = False
    """Whether the item named a release or was a feature when it was read (``scope``)."""
    was_feature: bool = False
    """Whether the item was a feature when it was read (``feature_scope``)."""
    context: _ListContext | None = None
    """The list the item is an entry of, if any."""

    # ``scope`` and ``feature_scope`` are found by walking up, not kept as fields: a node that is its
    # own scope would refer to itself, and every node of the walk would be left for the cyclic
    # garbage collector (which the CLI turns off) instead of being freed when the walk ends.

    @property
    def scope(self) -> _Node | None:
        """The nearest of the item and its ancestors that names a release or is a feature."""
        return self.nearest(lambda node: node.names_scope)

    @property
    def feature_scope(self) -> _Node | None:
        """The nearest of the item and its ancestors that is a feature."""
        return self.nearest(lambda node: node.was_feature)

    def nearest(self, test: Callable[[_Node], bool]) -> _Node | None:
        node: _Node | None = self
        while node is not None and not test(node):
            node = node.parent
        return node

    @property
    def topic(self) -> str:
        """The item's name when it is a topic (no question or statement), for statuses of its sub-items."""
        read = self.read
        if read is None or read.question or read.statement:
            return ""
        return clean_name(read.text, read.refs)


@dataclass(frozen=True)
class _Entry:
    """What a list entry names."""

    name: str
    credited: list[str]
    reporter: str | None
    """Who reported it, for reported speech (``Han mentioned ...``)."""


class _Read:
    """What one item's text says; what is costly to find out (question, statement, list head) is read when needed."""

    def __init__(
        self,
        text: str,
        refs: list[Ref],
        named: list[tuple[str, str]],
        phrases: list[Phrase],
        milestone: bool,
        question: bool | None,
        may_list: bool = True,
    ) -> None:
        self.may_list = may_list
        self.text = text
        self.refs = refs
        self.named = named
        """Distinct releases named outside status phrases (and of the item's milestones)."""
        self.phrases = phrases
        self.milestone = milestone
        self._question = question

    @property
    def question(self) -> bool:
        if self._question is None:
            self._question = is_question(self.text)
        return self._question

    @cached_property
    def statement(self) -> bool:
        return is_statement(self.text)

    @cached_property
    def head(self) -> tuple[str | None, str | None]:
        """(``colon``/``label``/``question``, the list word) for a features head, else (None, None)."""
        form, noun = list_head(self.text, self.question) if self.may_list else (None, None)
        if (
            form is None
            and self.text.rstrip().endswith(":")
            and any(p.kind == "slip_from" for p in self.phrases)
        ):
            form, noun = "colon", "leftovers"  # "carried over from 26.03:": a list of what slipped from it
        return form, noun

    @property
    def head_form(self) -> str | None:
        return self.head[0]

    @property
    def list_noun(self) -> str | None:
        return self.head[1]


class _Builder:
    def __init__(
        self,
        meetings: Sequence[Meeting],
        milestones: Sequence[Milestone],
        registry: Resolver,
        cadence: Cadence,
        freezes: Mapping[str, dt.date],
    ) -> None:
        self.meetings = meetings
        self.registry = registry
        self.cadence = cadence
        self.freezes = freezes
        self.releases: dict[tuple[str, str], _ReleaseDraft] = {}
        self.diagnostics: list[Diagnostic] = []
        self.item_milestones: dict[str, list[Milestone]] = {}
        for milestone in milestones:
            self.item_milestones.setdefault(milestone.item_id, []).append(milestone)
        self.hints: dict[str, frozenset[str]] = {}
        self.interesting: set[str] = set()
        self.meeting: Meeting | None = None

    # -- bookkeeping --

    def release(
        self, key: tuple[str, str], exists: bool = True, source: tuple[str, int] | None = None
    ) -> _ReleaseDraft:
        draft = self.releases.get(key)
        if draft is None:
            draft = self.releases[key] = _ReleaseDraft(*key)
        if exists and not draft.exists:
            draft.exists = True
        if exists and draft.source is None and source is not None:
            draft.source = source
        return draft

    def mention(self, key: tuple[str, str], item: Item) -> None:
        assert self.meeting is not None
        draft = self.release(key, exists=False)
        draft.meetings.add(self.meeting.id)
        if item.id not in draft.item_set:
            draft.item_set.add(item.id)
            draft.items.append(item.id)

    def infer(self, item: Item, version: str, what: str) -> None:
        """``ONM621`` at an item: ``what`` says how it names no release number."""
        assert self.meeting is not None
        freeze = self.cadence.soft_freeze(version, self.freezes)
        self.diagnostics.append(
            diagnostic(
                "ONM621",
                self.meeting.source.path,
                item.line,
                1,
                f"{what}; taken as {self.cadence.project} {version}, the next release after the meeting of "
                f"{self.meeting.date.isoformat()} (soft freeze {freeze.isoformat() if freeze else 'unknown'})",
            )
        )

    # -- reading --

    def read(self, item: Item) -> _Read:
        assert self.meeting is not None
        text = item.text if item.kind == "bullet" else ""
        stated = self.item_milestones.get(item.id, [])
        hints = self.hints.get(item.id, ())
        if "release" not in hints:  # most items: no release named, so no status tied to one either
            phrases = status_phrases(text, []) if "status" in hints else []
            named: list[tuple[str, str]] = (
                list(dict.fromkeys((str(m.project or "OVN"), m.release) for m in stated if m.release))
                if stated
                else []
            )
            return _Read(
                text,
                [],
                named,
                [] if phrases and is_question(text) else phrases,
                bool(stated),
                None,
                "list" in hints,
            )
        refs = [Ref(s, e, p, v) for s, e, p, v in find_releases(text)]
        for match in NEXT_RELEASE_RE.finditer(text):
            if (match["project"] or "ovn").upper() != self.cadence.project:
                continue
            version = self.cadence.next_release(self.meeting.date, self.freezes)
            if version is not None:
                refs.append(Ref(match.start(), match.end(), self.cadence.project, version, inferred=True))
        refs.sort(key=lambda r: r.start)
        phrases = status_phrases(text, refs)
        question = None
        if phrases:
            question = is_question(text)
            phrases = [] if question else phrases
        in_phrase = {id(p.ref) for p in phrases if p.ref is not None and p.kind != "concern"}
        explicit = list(
            dict.fromkeys((r.project, r.version) for r in refs if id(r) not in in_phrase and not r.inferred)
        )
        inferred = list(
            dict.fromkeys((r.project, r.version) for r in refs if id(r) not in in_phrase and r.inferred)
        )
        named = explicit or inferred
        for milestone in stated:
            if milestone.release and (milestone.project or "OVN", milestone.release) not in named:
                named = [*named, (milestone.project or "OVN", milestone.release)]
        return _Read(text, refs, named, phrases, bool(stated), question, "list" in hints)

    @staticmethod
    def speakers(item: Item, parent: _Node | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if item.speakers or item.unresolved_speakers:
            return tuple(item.speakers), tuple(item.unresolved_speakers)
        return parent.speakers if parent is not None else ((), ())

    # -- the walk --

    def walk_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.hints, self.interesting = _hints(meeting, self.item_milestones)
        self.walk(meeting.items, None, None)

    def walk(self, items: Sequence[Item], parent: _Node | None, context: _ListContext | None) -> None:
        index = 0
        while index < len(items):
            item = items[index]
            index += 1
            if context is None and item.id not in self.interesting:
                continue  # nothing in it names a release, heads a list or states a status: it changes no release
            node, opened = self.visit(item, parent, context)
            if opened is not None and not item.children:
                # A head whose entries the export flattened: the siblings after it are its list.
                while index < len(items) and self.entry_follows(items[index]):
                    self.visit(items[index], parent, opened)
                    index += 1

    def entry_follows(self, item: Item) -> bool:
        """Whether a sibling after a childless head is one of its entries (no sub-items, no speaker, no head itself)."""
        if item.children or item.speakers or item.unresolved_speakers or item.kind != "bullet":
            return False
        form, _ = list_head(item.text, is_question(item.text))
        return form is None and not find_releases(item.text)

    def visit(
        self, item: Item, parent: _Node | None, context: _ListContext | None
    ) -> tuple[_Node, _ListContext | None]:
        """Read one item, record what it says, walk its sub-items; returns the list it opens for its siblings, if any."""
        assert self.meeting is not None
        read = self.read(item)
        node = _Node(item, self.speakers(item, parent), parent=parent)
        for ref in read.refs:
            self.mention((ref.project, ref.version), item)
        for milestone in self.item_milestones.get(item.id, []):
            if milestone.release:
                key = (milestone.project or "OVN", milestone.release)
                self.release(key, source=(self.meeting.source.path, milestone.line))
                self.mention(key, item)
        if len(read.named) == 1:
            node.release = read.named[0]
        opens: _ListContext | None = None  # the list the item's sub-items are entries of
        siblings: _ListContext | None = None  # the list the siblings after it are entries of
        head = None
        if context is not None and not read.text and (item.speakers or item.unresolved_speakers):
            opens = context  # a speaker group in a list: its points are entries
        elif (head := self.head(item, read, parent, context)) is not None:
            opens = head
            siblings = head if read.head_form in ("colon", "label") else None
        elif context is not None:
            if node.release is not None and node.release != context.release and not read.milestone:
                context = _ListContext(node.release)  # an entry that names another release is that release's
            node.context = context
            entry = self.entry_name(item, read, context.release)
            if entry is not None:
                node.feature = self.list_feature(context, item, node, entry)
        elif (
            node.release is not None
            and not read.question
            and not read.statement
            and not read.milestone
            and _names_target(read, node.release)
        ):
            entry = self.entry_name(item, read, node.release)
            if entry is not None:
                node.feature = self.list_feature(_ListContext(node.release), item, node, entry)
                if ends_with_list_noun(entry.name):
                    opens = _ListContext(node.release, node.feature)
        if node.feature is None and head is None and read.text and not read.milestone:
            node.read = read  # its topic, if a sub-item needs it
        node.concern = next((p for p in read.phrases if p.subject and p.ref is not None), None)
        node.names_scope = node.release is not None or node.feature is not None
        node.was_feature = node.feature is not None
        for phrase in read.phrases:
            self.apply(phrase, node)
        self.walk(item.children, node, opens)
        return node, siblings

    def head(
        self, item: Item, read: _Read, parent: _Node | None, context: _ListContext | None
    ) -> _ListContext | None:
        """The list an item opens as a release head or a features head (None if it is neither)."""
        assert self.meeting is not None
        source = (self.meeting.source.path, item.line)
        if len(read.named) == 1 and (read.question or read.milestone or not read.statement):
            key = read.named[0]
            planning = planning_only(read.text, read.refs, self.item_milestones.get(item.id, []))
            if read.head_form is not None or planning or (read.question and item.children):
                self.release(key, source=source)
                if not read.milestone and all(r.inferred for r in read.refs if (r.project, r.version) == key):
                    self.infer(item, key[1], f"{_quote(read.text)} names the release by no number")
                return _ListContext(key)
        if read.head_form is None or len(read.named) > 1:
            return None
        leftovers = next((p.ref for p in read.phrases if p.kind == "slip_from" and p.ref is not None), None)
        if leftovers is not None and not read.named:
            slipped = leftovers.version
            if context is not None and context.release != (leftovers.project, slipped):
                return _ListContext(context.release, context.part_of, slipped)
            following = self.cadence.after(slipped) if leftovers.project == self.cadence.project else None
            if context is None and following is not None:  # the leftovers of a release go to the one after it
                key = (leftovers.project, following)
                self.release(key, source=source)
                self.infer(item, following, f"the leftovers listed under {_quote(read.text)} name no release")
                return _ListContext(key, None, slipped)
        if context is not None:
            return _ListContext(context.release, context.part_of, context.slipped_from)
        inherited = parent.scope if parent is not None else None
        if inherited is not None:
            if inherited.feature is not None:  # a list under a feature: its parts
                return _ListContext(inherited.feature.release, inherited.feature)
            return _ListContext(inherited.release)  # type: ignore[arg-type]
        if read.head_form in ("colon", "label") and read.list_noun == "features":
            version = self.cadence.next_release(self.meeting.date, self.freezes)
            if version is not None:
                key = (self.cadence.project, version)
                self.release(key, source=source)
                self.mention(key, item)
                self.infer(item, version, f"the features listed under {_quote(read.text)} name no release")
                return _ListContext(key)
        return None

    def entry_name(self, item: Item, read: _Read, release: tuple[str, str]) -> _Entry | None:
        """The feature an entry names, who it credits and who reported it; None when it is no feature."""
        text = read.text.strip()
        if not text or DOMAIN_RE.fullmatch(text) or read.milestone or read.question:
            return None
        words = word_list(clause_tokens(text))
        if not words or words[0] in ANNOUNCEMENTS:
            return None
        reporter: str | None = None
        first = re.split(r"[\s/]", text, maxsplit=1)[0].strip(",:;")
        person = self.person(first) if first[:1].isupper() and not first.endswith(("'s", "’s")) else None
        parts = text.split(None, 2)
        if person is not None and len(parts) == 3 and parts[1].lower() in REPORTING:
            reporter, text = person, parts[2]  # reported speech: "Han mentioned multi-NIC support ..."
            words = word_list(clause_tokens(text))
            statement = is_statement(text)
        elif (
            person is not None
            or PROMISE_RE.match(text)
            or next(iter(implicit_actions(text, item.speakers, self.registry)), None) is not None
        ):
            return None
        else:
            statement = read.statement
        if statement or text.endswith(("...", "…")) or words[-1:] == ["but"] or len(words) > NAME_WORDS:
            return None
        if " ".join(words).rstrip(":") in DISCUSSION_LABELS or self.names_person(text):
            return None
        refs = [
            Ref(s, e, p, v) for s, e, p, v in find_releases(text) if (p, v) == release
        ]  # its own release, not one a status names
        name = clean_name(text, refs)
        whole = next(
            (
                p
                for p in read.phrases
                if p.ref is not None
                and p.kind in ("merged", "dropped")
                and p.subject
                and text.lower().startswith(p.subject.lower())
                and (p.ref.project, p.ref.version) == release
            ),
            None,
        )
        if whole is not None:
            name = clean_name(
                whole.subject, []
            )  # "the CT zone fix landed in 26.03.1": feature "CT zone fix", merged
        if (
            not name
            or not significant_words(name)
            or all(word in PLANNING_WORDS for word in word_list(clause_tokens(name)))
        ):
            return None
        credited = list(dict.fromkeys(self.credits(text)))
        return _Entry(name, credited, reporter)

    def names_person(self, text: str) -> bool:
        """Whether the text names somebody outside parentheses and possessives (``Reviewers wanted, ping dceara
        on the ML``): a name or handle of the registry, written as it is registered (a lowercase word counts only
        when it is a lowercase handle, so ``mark`` the verb is not Mark)."""
        for match in NAME_TOKEN_RE.finditer(PARENS_RE.sub(" ", text)):
            token = match.group().rstrip(".-")
            if token.endswith(("'s", "’s")) or len(token) < 2:
                continue
            person = self.registry.lookup_key(token)
            if person is not None and (token[0].isupper() or token == person.id or token in person.aliases):
                return True
        return False

    def person(self, name: str) -> str | None:
        if not name:
            return None
        match = self.registry.lookup(name)
        return match.person.id if match.person is not None else None

    def credits(self, text: str) -> list[str]:
        """People named in the entry's trailing parenthesis, or by a possessive."""
        found: list[str] = []
        tail = CREDIT_RE.search(text)
        if tail:
            names = [part.strip() for part in CREDIT_SPLIT_RE.split(tail[1]) if part.strip()]
            people = [self.person(name) for name in names]
            if people and all(people):
                found += [p for p in people if p]
        for match in POSSESSIVE_RE.finditer(text):
            person = self.person(match[1])
            if person:
                found.append(person)
        return found

    def list_feature(self, context: _ListContext, item: Item, node: _Node, entry: _Entry) -> _Draft:
        draft = self.feature(context.release, entry.name, item, match_single=False)
        if draft.part_of is None and context.part_of is not None and context.part_of is not draft:
            draft.part_of = context.part_of
        speakers = (
            ((entry.reporter,), ())
            if entry.reporter and not (item.speakers or item.unresolved_speakers)
            else node.speakers
        )
        self.add_mention(draft, item, replace(node, speakers=speakers), "listed")
        draft.credited += [person for person in entry.credited if person not in draft.credited]
        if context.slipped_from is not None and context.slipped_from != draft.release[1]:
            draft.slipped_from = context.slipped_from
            away = self.feature((draft.release[0], context.slipped_from), draft.name, item, match_single=True)
            self.set_status(away, FeatureStatus.SLIPPED, node, to=draft.release[1])
        return draft

    def feature(self, key: tuple[str, str], name: str, item: Item, match_single: bool) -> _Draft:
        """The release's feature of this name (matched by its words), new if none matches."""
        assert self.meeting is not None
        found = self.find(key, significant_words(name), match_single)
        if found is not None:
            return found
        release = self.release(key, source=(self.meeting.source.path, item.line))
        draft = _Draft(key, name, significant_words(name))
        release.exact.setdefault(draft.words, draft)
        for word in draft.words:
            release.postings.setdefault(word, []).append((len(release.features), draft))
        release.features.append(draft)
        return draft

    def find(self, key: tuple[str, str], words: frozenset[str], match_single: bool) -> _Draft | None:
        """The feature of the release whose words hold all of ``words`` or are all among them (see the
        module docstring), the closest one (then the first listed); None when none matches.

        Candidates come from the features that share a word with the name; a word shared by more than
        ``COMMON_WORD`` features of the release identifies none of them, so it proposes no candidate.
        """
        release = self.releases.get(key)
        if release is None or not words:
            return None
        if words in release.exact:
            return release.exact[words]
        hits: dict[int, tuple[int, _Draft]] = {}
        for word in words:
            posting = release.postings.get(word, ())
            if len(posting) > COMMON_WORD:
                continue
            for index, draft in posting:
                count, _ = hits.get(index, (0, draft))
                hits[index] = (count + 1, draft)
        best: tuple[float, int] | None = None
        chosen = None
        for index, (shared, draft) in hits.items():
            if shared != min(len(words), len(draft.words)):
                continue  # neither holds the other (with common words skipped, a near miss at worst)
            small = min(len(words), len(draft.words))
            if small < 2 and not match_single:
                continue
            score = (small / max(len(words), len(draft.words)), -index)
            if best is None or score > best:
                best, chosen = score, draft
        return chosen

    def add_mention(self, draft: _Draft, item: Item, node: _Node, role: str) -> None:
        assert self.meeting is not None
        if (item.id, role) in draft.mentioned:
            return
        draft.mentioned.add((item.id, role))
        draft.mentions.append(
            FeatureMention(
                meeting_id=self.meeting.id,
                item_id=item.id,
                said_on=self.meeting.date,
                text=item.text,
                line=item.line,
                speakers=list(node.speakers[0]),
                unresolved_speakers=list(node.speakers[1]),
                role=role,  # type: ignore[arg-type]
            )
        )
        self.release(draft.release).meetings.add(self.meeting.id)

    # -- statuses --

    def apply(self, phrase: Phrase, node: _Node) -> None:
        """Record what a status phrase says (see the module docstring)."""
        if phrase.kind == "concern":
            return
        if phrase.kind == "planned":
            if phrase.ref is not None and node.feature is None:
                self.planned((phrase.ref.project, phrase.ref.version), phrase, node)
            return
        own, ref = node.feature, phrase.ref
        if phrase.kind == "slip_from":
            if own is not None and ref is not None and (ref.project, ref.version) != own.release:
                own.slipped_from = ref.version
                away = self.feature((ref.project, ref.version), own.name, node.item, match_single=True)
                self.set_status(away, FeatureStatus.SLIPPED, node, to=own.release[1])
            return
        if phrase.kind == "slip_to" and ref is not None:
            leaving = self.target(phrase, node, None) or self.planned_anywhere(phrase, node)
            version = (
                self.cadence.after(leaving.release[1])
                if leaving is not None and ref.inferred
                else ref.version
            )
            if leaving is None or version is None or (ref.project, version) == leaving.release:
                return
            self.set_status(leaving, FeatureStatus.SLIPPED, node, to=version)
            arriving = self.feature((ref.project, version), leaving.name, node.item, match_single=True)
            if arriving.slipped_from is None:
                arriving.slipped_from = leaving.release[1]
            self.add_mention(arriving, node.item, node, "status")
            return
        if ref is not None:
            target = self.target(phrase, node, (ref.project, ref.version))
            if target is not None:
                self.set_status(
                    target, FeatureStatus.MERGED if phrase.kind == "merged" else FeatureStatus.DROPPED, node
                )
            return
        target = own if phrase.kind == "marker" and own is not None else self.target(phrase, node, None)
        if target is not None and phrase.status is not None:
            self.set_status(target, phrase.status, node)

    def target(self, phrase: Phrase, node: _Node, key: tuple[str, str] | None) -> _Draft | None:
        """The feature a status phrase is about, in release ``key`` (None: in the release of the feature found)."""
        subject = phrase.subject if phrase.kind != "marker" else ""
        create = not subject  # only a sub-item that is nothing but the status ("Not 25.03 candidate") speaks of its parent's topic
        if subject and not is_reference(subject):
            words = significant_words(subject)
            if (
                node.feature is not None
                and words <= node.feature.words
                and key in (None, node.feature.release)
            ):
                return node.feature
            if key is None and node.feature_scope is not None and node.feature_scope.feature is not None:
                key = node.feature_scope.feature.release
            if key is None and node.context is not None:
                key = node.context.release  # a statement in a list speaks of the list's release
            return self.find(key, words, match_single=True) if key is not None else None
        if node.feature is not None and key in (None, node.feature.release):
            return node.feature
        parent = node.parent
        if parent is None or node.feature is not None:
            return None
        if parent.feature is not None:
            if key in (None, parent.feature.release):
                return parent.feature
            return self.find(key, parent.feature.words, match_single=True) or (
                self.from_parent(key, parent, parent.feature.name) if create else None
            )
        if (
            parent.concern is not None
            and parent.concern.ref is not None
            and not is_reference(parent.concern.subject)
        ):
            wanted = key or (parent.concern.ref.project, parent.concern.ref.version)
            name = clean_name(parent.concern.subject, [])
            return self.find(wanted, significant_words(name), match_single=True) or (
                self.from_parent(wanted, parent, name) if create else None
            )
        if parent.topic and key is not None:
            return self.find(key, significant_words(parent.topic), match_single=True) or (
                self.from_parent(key, parent, parent.topic) if create else None
            )
        return None

    def planned(self, key: tuple[str, str], phrase: Phrase, node: _Node) -> None:
        """``targeted for 26.09``: the parent's topic (or the phrase's subject) is planned for the release."""
        if phrase.subject and not is_reference(phrase.subject):
            name = clean_name(phrase.subject, [])
            if significant_words(name):
                draft = self.feature(key, name, node.item, match_single=False)
                self.add_mention(draft, node.item, node, "listed")
            return
        parent = node.parent
        if parent is not None and parent.feature is None and parent.topic and significant_words(parent.topic):
            self.from_parent(key, parent, parent.topic)

    def planned_anywhere(self, phrase: Phrase, node: _Node) -> _Draft | None:
        """The feature a status with no release of its own is about, among every release's features, the
        newest release first: ``postponed to 27.03`` under a topic listed for 26.09 moves that feature."""
        parent = node.parent
        name = (
            phrase.subject
            if phrase.subject and not is_reference(phrase.subject)
            else parent.topic
            if parent is not None
            else ""
        )
        words = significant_words(name) if name else frozenset()
        if not words:
            return None
        for key in sorted(self.releases, key=release_order, reverse=True):
            found = self.find(key, words, match_single=True)
            if found is not None:
                return found
        return None

    def from_parent(self, key: tuple[str, str], parent: _Node, name: str) -> _Draft | None:
        """A feature the parent item names, new in ``key``: a status sub-item says the parent was planned for it."""
        if not significant_words(name):
            return None
        draft = self.feature(key, name, parent.item, match_single=True)
        self.add_mention(draft, parent.item, parent, "listed")
        draft.credited += [p for p in self.credits(parent.item.text) if p not in draft.credited]
        return draft

    def set_status(self, draft: _Draft, status: FeatureStatus, node: _Node, to: str | None = None) -> None:
        draft.status = status
        draft.slipped_to = to if status is FeatureStatus.SLIPPED else None
        draft.status_item_id = node.item.id
        self.add_mention(draft, node.item, node, "status")

    # -- the result --

    def finish(self, milestones: Mapping[tuple[str, str], list[ReleaseMilestone]]) -> list[Release]:
        for key in milestones:
            self.release(key)
        out = []
        for key in sorted(self.releases, key=release_order):
            draft = self.releases[key]
            if not draft.exists:
                continue
            ids: dict[int, str] = {}
            taken: set[str] = set()
            for feature in draft.features:
                base = f"{release_key(*key)}/{_slug(feature.name) or 'feature'}"
                ident, n = base, 1
                while ident in taken:
                    n += 1
                    ident = f"{base}-{n}"
                taken.add(ident)
                ids[id(feature)] = ident
            features = [self.feature_model(feature, ids) for feature in draft.features]
            out.append(
                Release(
                    id=release_key(*key),
                    project=key[0],  # type: ignore[arg-type]
                    version=key[1],
                    milestones=milestones.get(key, []),
                    features=features,
                    meetings=sorted(draft.meetings),
                    items=draft.items,
                )
            )
            self.check_cadence(key, draft)
        return out

    def feature_model(self, draft: _Draft, ids: Mapping[int, str]) -> Feature:
        listed = [m for m in draft.mentions if m.role == "listed"] or draft.mentions
        raised = list(dict.fromkeys(p for m in listed for p in m.speakers))
        unresolved = list(dict.fromkeys(p for m in listed for p in m.unresolved_speakers))
        return Feature(
            id=ids[id(draft)],
            name=draft.name,
            status=draft.status,
            slipped_to=draft.slipped_to,
            slipped_from=draft.slipped_from,
            status_item_id=draft.status_item_id,
            part_of=ids.get(id(draft.part_of)) if draft.part_of is not None else None,
            raised_by=raised,
            unresolved_raised_by=unresolved,
            credited=draft.credited,
            mentions=sorted(draft.mentions, key=lambda m: m.said_on),
        )

    def check_cadence(self, key: tuple[str, str], draft: _ReleaseDraft) -> None:
        project, version = key
        if project != self.cadence.project or self.cadence.on_cadence(version):
            return
        path, line = draft.source or ("", 0)
        nearest = self.cadence.nearest(version)
        self.diagnostics.append(
            diagnostic(
                "ONM620",
                path,
                line,
                1,
                f"{project} {version} is not a release of the {project} cadence (releases in {cadence_months(self.cadence)})"
                + (f"; did you mean {nearest}?" if nearest else ""),
                f"Check the release number: {project} releases are numbered YY.03 and YY.09"
                + (f" (the nearest is {nearest})." if nearest else "."),
            )
        )


def _hints(meeting: Meeting, stated: Collection[str]) -> tuple[dict[str, frozenset[str]], set[str]]:
    """Which hints (``release_words.HINTS``) each item's text holds, and which items' subtrees hold a hint
    or a stated milestone (``stated``: item ids); outside a list, the walk skips the other subtrees.

    Most items name no release, head no list and state no status, and testing each for all three
    costs more than the rest of the work; one scan per hint over the meeting's joined, lowercased
    texts (one per line) finds the few that may. A hint only lets an item be tested: it never
    decides a rule. One meeting at a time, and the few sets of hints shared (``_with_hint``): for
    all the notes at once, these sets and the joined texts would take a byte or more per byte of
    notes while the releases are built.
    """
    found: dict[str, frozenset[str]] = {}
    order = _preorder(meeting.items)
    interesting = {item.id for item in order if item.id in stated}
    texts = [item.text if item.kind == "bullet" else "" for item in order]
    joined = "\n".join(texts).lower()
    if len(joined) != sum(map(len, texts)) + max(0, len(texts) - 1):
        texts = [text.lower() for text in texts]  # lower() changed a length: offsets per text
        joined = "\n".join(texts)
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    for name, patterns in HINTS.items():
        for pattern in patterns:
            end = -1  # where the text of the item last found ends: later matches before it are in it too
            for match in pattern.finditer(joined):
                if match.start() < end:
                    continue
                index = bisect_right(starts, match.start()) - 1
                end = starts[index + 1] if index + 1 < len(starts) else len(joined) + 1
                item_id = order[index].id
                found[item_id] = _with_hint(found.get(item_id, _NO_HINTS), name)
                interesting.add(item_id)
    for item in reversed(order):  # children come after their parent in pre-order
        if item.id not in interesting and any(child.id in interesting for child in item.children):
            interesting.add(item.id)
    return found, interesting


_NO_HINTS: frozenset[str] = frozenset()


@cache
def _with_hint(hints: frozenset[str], name: str) -> frozenset[str]:
    """``hints`` and ``name``: one shared set per combination (there are a handful)."""
    return hints | {name}


def _preorder(items: Sequence[Item]) -> list[Item]:
    """The items of a tree, parents before children (an explicit stack: trees may be deep)."""
    order: list[Item] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        order.append(item)
        stack.extend(reversed(item.children))
    return order


def _names_target(read: _Read, key: tuple[str, str]) -> bool:
    """Whether the item names ``key`` as what it is planned for: the release leads the item, or follows
    ``for``/``in``/``into``... (``BGP update for 25.03``; not ``growth after the upgrade to 26.03``)."""
    for ref in read.refs:
        if (ref.project, ref.version) != key:
            continue
        before = [
            word
            for word in WORD_RE.findall(read.text[: ref.start].lower())
            if word not in ("the", "ovn", "ovs")
        ]
        if not before or before[-1] in TARGET_WORDS:
            return True
    return False


def _slug(name: str) -> str:
    return "-".join(WORD_RE.findall(name.lower()))[:60].strip("-")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:59] + "…")


# --- the public entry points -------------------------------------------------------------------------


def build_releases(
    meetings: Sequence[Meeting],
    milestones: Sequence[Milestone],
    registry: Resolver,
    cadence: Cadence = OVN_CADENCE,
) -> Releases:
    """Every release of the notes, with its milestones, features and meetings (see the module docstring)."""
    assigned, diagnostics = assign_releases(milestones, meetings, cadence)
    merged = merge_milestones(assigned, meetings)
    order = {m.id: index for index, m in enumerate(assigned)}
    by_release = release_milestones(merged.events, order)
    freezes = {
        version: milestone.date
        for (project, version), items in by_release.items()
        if project == cadence.project
        for milestone in items
        if milestone.kind is MilestoneKind.SOFT_FREEZE
    }
    builder = _Builder(meetings, assigned, registry, cadence, freezes)
    for meeting in meetings:
        builder.walk_meeting(meeting)
    releases = builder.finish(by_release)
    return Releases(releases, merged.events, diagnostics + merged.diagnostics + builder.diagnostics)


# --- views ------------------------------------------------------------------------------------------
