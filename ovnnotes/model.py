"""The ovnnotes data model: the single source of truth for the JSON contract.

Every exported document, the JSON Schema in ``schema/`` and the CSV tables are
derived from these classes. Field names are part of the public contract: add
fields freely (a minor schema version), never rename or remove one without a
new major version (see ``schema/README.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass
from pydantic_core import to_jsonable_python

SCHEMA_VERSION = "2.2.0"
"""Version of the JSON contract written into every document."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_LEAN = ConfigDict(extra="forbid")
"""Config of the lean classes (``Item``, ``Link``, ``Diagnostic``, ``Milestone``, ``ActionItem``, and
the small records a document holds one of per meeting or per mention: ``SourceRef``,
``SectionMark``, ``MetadataNote``, ``MetadataLabel``, ``MilestoneMention``, ``FeatureMention``, and
``Meeting``):
pydantic dataclasses with ``__slots__``.

A document holds one ``Item`` per bullet (and many of the others), so their size is the parser's memory: a slotted
dataclass with tuple fields takes about 150 bytes where a ``BaseModel`` (instance ``__dict__``
plus its set of fields) takes about 1.4 KB. They validate like models, appear in the JSON Schema
like models, and serialise through the document; use ``dataclasses.asdict`` or
``as_json`` where a model would use ``model_dump(mode="json")``.
"""


class Severity(str, Enum):
    """How bad a diagnostic is: errors fail `validate`, warnings fail it with `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class Diagnostic:
    """A problem (or a note) about the input, with the place it was found."""

    code: str = Field(
        pattern=r"^ON[A-Z]\d{3}$",
        description="Stable rule code, e.g. `ONP101`; see the rule table in the README.",
    )
    severity: Severity = Field(description="`error`, `warning` or `info`.")
    path: str = Field(
        description="Input file the problem is in (`<stdin>` or `<string>` when there is no file)."
    )
    line: int = Field(ge=0, description="1-based line number; 0 when the problem concerns the whole file.")
    column: int = Field(ge=0, description="1-based column; 0 when the problem concerns the whole line.")
    message: str = Field(description="What is wrong, in one sentence.")
    hint: str = Field(default="", description="How to fix it, in one sentence.")


class Generator(_Model):
    """The program that wrote the document."""

    name: str = Field(description="Always `ovnnotes`.")
    version: str = Field(description="Version of ovnnotes that wrote the document.")


class Source(_Model):
    """One input file the document was parsed from."""

    path: str = Field(
        description="Path as given (bundled seeds are reported relative to the project, e.g. `seeds/ovn-community-meetings.txt`)."
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes, to tell whether an export is stale.",
    )
    line_count: int = Field(ge=0, description="Number of lines in the file.")


@dataclass(slots=True, kw_only=True, config=_LEAN)
class SourceRef:
    """Where something starts in the input."""

    path: str = Field(description="Input file.")
    line: int = Field(ge=1, description="1-based line number.")


class Person(_Model):
    """Somebody who attends meetings or speaks in them, from the people registry."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="Stable slug, e.g. `dumitru-ceara`.")
    name: str = Field(description="Display name, e.g. `Dumitru Ceara`.")
    aliases: list[str] = Field(
        default=[], description="Handles and short names this person is written as, e.g. `dceara`, `Dumitru`."
    )
    emails: list[str] = Field(default=[], description="Email addresses seen for this person.")
    affiliation: str | None = Field(
        default=None,
        description="Employer or organisation, only where the notes give evidence (e.g. an email domain).",
    )


class LinkKind(str, Enum):
    """What a link is."""

    URL = "url"
    EMAIL = "email"
    UNDERLINED = "underlined"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class Link:
    """A link found in an item or in meeting metadata."""

    url: str | None = Field(
        description="Target; `null` when the export kept only the underlined text (kind `underlined`)."
    )
    text: str = Field(description="Text the link was written as (the URL itself for bare URLs).")
    kind: LinkKind = Field(
        description="`url` (a bare URL), `email` (url is `mailto:`), or `underlined` (the export lost the URL)."
    )


class Section(str, Enum):
    """Part of a meeting an item belongs to."""

    AGENDA = "agenda"
    NOTES = "notes"
    ACTION_ITEMS = "action_items"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class SectionMark:
    """Where a section heading is."""

    section: Section = Field(description="Which section starts here.")
    line: int = Field(ge=1, description="Source line of the heading.")


class Nesting(str, Enum):
    """Whether an item's depth was written in the source or reconstructed."""

    EXPLICIT = "explicit"
    INFERRED = "inferred"


class Checkbox(str, Enum):
    """The state of an item's checkbox (an action item's status)."""

    OPEN = "open"
    DONE = "done"
    UNKNOWN = "unknown"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class Item:
    """One bullet (or code block) of a meeting, with its sub-items."""

    id: str = Field(
        description="Stable id: meeting id, section (if any) and the 1-based position path, e.g. `2024-01-08/notes/2.1`."
    )
    section: Section | None = Field(
        description="`agenda`, `notes`, `action_items`, or `null` when the meeting has no section headings."
    )
    kind: Literal["bullet", "code", "table", "html"] = Field(
        default="bullet",
        description="`bullet` for a list item (or a line of text), `code` for a fenced block (its text is the block's content), `table` for a "
        "Markdown pipe table (its text is the table's lines), `html` for a raw HTML block such as a `<!-- comment -->` (its text is the "
        "block as written).",
    )
    text: str = Field(description="Clean text: no bullet glyphs, markup, speaker prefix or LaTeX debris.")
    raw: str = Field(
        description="The item's source lines joined with newlines, after input normalisation (Unicode spaces to spaces, zero-width characters and "
        "control characters removed, curly quotes straightened, trailing spaces dropped); code blocks keep their lines verbatim."
    )
    line: int = Field(ge=1, description="First source line.")
    end_line: int = Field(ge=1, description="Last source line (continuation lines included).")
    speaker_label: str | None = Field(
        default=None,
        description="The attribution as written, e.g. `(dceara)`, `[Frode/Vladislav]` or `Mark:`; `null` when none.",
    )
    speakers: tuple[str, ...] = Field(
        default=(), description="Ids of the people the item is attributed to, e.g. `(dceara)` or `Mark:`."
    )
    unresolved_speakers: tuple[str, ...] = Field(
        default=(), description="Speaker handles written in the item that the people registry does not know."
    )
    links: tuple[Link, ...] = Field(default=(), description="Links in the item's text, in order.")
    checked: bool | None = Field(
        default=None,
        description="For checkbox items (action items): `true` done, `false` open, `null` unknown or not a checkbox.",
    )
    checkbox: Checkbox | None = Field(
        default=None,
        description="The item's checkbox: `open`, `done`, `unknown` (a box or glyph whose state cannot be told: `- [?]`, an unrecognised glyph of "
        "the text export), or `null` when it has none (added in 2.2.0).",
    )
    nesting: Nesting = Field(
        description="`explicit` when a bullet glyph or the source's indentation gave the depth; `inferred` when a rule did."
    )
    children: tuple[Item, ...] = Field(default=(), description="Sub-items, in source order.")
    markdown: str | None = Field(
        default=None,
        description="The item's inline Markdown as written (line breaks as spaces), when it holds markup that `text` drops: emphasis, images, inline "
        "HTML or comments; `null` otherwise. `ovnnotes fmt` writes it back.",
    )
    number: int | None = Field(
        default=None,
        ge=0,
        le=999999999,
        description="The number an item of a Markdown numbered list was written with (`3.` is 3); `null` for bullets.",
    )
    quoted: bool = Field(
        default=False, description="True when the item was written inside a Markdown block quote (`> `)."
    )
    heading: int | None = Field(
        default=None,
        ge=1,
        le=6,
        description="The level of a Markdown heading that is an item (`#### Topic` is 4: a heading that is neither a meeting nor a section heading); "
        "`null` otherwise.",
    )

    def checkbox_state(self) -> Checkbox | None:
        """``checkbox``, or for an item of a document of an older minor version (which has no
        ``checkbox``) what ``checked`` says: ``true`` done, ``false`` open."""
        if self.checkbox is not None or self.checked is None:
            return self.checkbox
        return Checkbox.DONE if self.checked else Checkbox.OPEN


@dataclass(slots=True, kw_only=True, config=_LEAN)
class MetadataNote:
    """Text of a metadata line that is no value of it, kept so that nothing written is lost."""

    label: Literal["attendees", "recording", "transcripts"] = Field(description="The line's label.")
    text: str = Field(
        description='The text that is not a link (e.g. the tail of a URL broken by a space), or `""` for a label with no value at all (`Attendees:` alone).'
    )
    line: int = Field(ge=1, description="Source line.")


@dataclass(slots=True, kw_only=True, config=_LEAN)
class MetadataLabel:
    """Where a metadata label is written."""

    label: Literal["attendees", "recording", "transcripts"] = Field(description="The label.")
    line: int = Field(ge=1, description="Source line.")
    column: int = Field(ge=1, description="1-based column of the label in the source line.")


@dataclass(slots=True, kw_only=True, config=_LEAN)
class Meeting:
    """One community meeting."""

    id: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}(?:-\d+)?$",
        description="The ISO date; a second meeting on the same date gets `-2`, a third `-3`.",
    )
    date: dt.date = Field(description="Date of the meeting.")
    title: str = Field(description="Title from the heading, e.g. `OVN Community Meeting`.")
    source: SourceRef = Field(description="Where the meeting's heading is.")
    end_line: int = Field(ge=1, description="Last source line that belongs to the meeting.")
    attendees: list[str] = Field(
        default=[], description="Ids of the people listed under `Attendees:`, in the order written."
    )
    unresolved_attendees: list[str] = Field(
        default=[], description="Attendee names the people registry does not know, as written."
    )
    recording_urls: list[str] = Field(default=[], description="Links given under `Recording:`.")
    transcript_urls: list[str] = Field(default=[], description="Links given under `Transcripts:`.")
    sections: list[SectionMark] = Field(
        default=[], description="Section headings (`Agenda`, `Notes`, `Action items`) in source order."
    )
    metadata_lines: list[int] = Field(
        default=[],
        description="Source lines holding the `Attendees:`, `Recording:` and `Transcripts:` metadata.",
    )
    metadata_notes: list[MetadataNote] = Field(
        default=[],
        description="Metadata labels with no value and text of `Recording:`/`Transcripts:` lines that is not a link, in source order.",
    )
    metadata_labels: list[MetadataLabel] = Field(
        default=[],
        description="Every `Attendees:`, `Recording:` and `Transcripts:` label, in source order (added in 2.2.0).",
    )
    items: list[Item] = Field(default=[], description="Top-level items in source order, across all sections.")

    def iter_items(self) -> Iterator[ItemVisit]:
        """Every item of the meeting's tree (see ``walk_items``)."""
        return walk_items(self.items, self)


# --- Facts extracted from the items -----------------------------------------------------


class MilestoneKind(str, Enum):
    """What kind of release event a milestone is."""

    SOFT_FREEZE = "soft_freeze"
    BRANCH = "branch"
    RELEASE = "release"
    CONFERENCE = "conference"
    OTHER = "other"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class Milestone:
    """A dated release event stated in the notes, e.g. "Soft freeze scheduled for Jan 23"."""

    id: str = Field(
        description="Stable id: the item id, `#`, and the milestone's position in the item, e.g. `2025-11-03/2.1#1`."
    )
    meeting_id: str = Field(description="Meeting the milestone was stated in.")
    item_id: str = Field(description="Item the milestone was stated in.")
    kind: MilestoneKind = Field(description="`soft_freeze`, `branch`, `release`, `conference` or `other`.")
    project: Literal["OVN", "OVS"] | None = Field(
        description="Project the milestone is for, from the item or its ancestors; `null` when not stated."
    )
    release: str | None = Field(
        description="Release series, e.g. `26.03`, from the item or its ancestors; `null` when not stated."
    )
    date: dt.date = Field(
        description="Resolved date (the year comes from the meeting date when not written)."
    )
    approximate: bool = Field(description='True for relative dates such as "in 2 weeks" or "~next week".')
    text: str = Field(description="The phrase the milestone was read from.")
    line: int = Field(ge=1, description="Source line of the phrase.")
    confidence: float = Field(
        ge=0,
        le=1,
        description="How sure the extraction is: 1.0 for an explicit date with project and release, lower when inferred.",
    )


class ActionStatus(str, Enum):
    """State of an action item."""

    OPEN = "open"
    DONE = "done"
    UNKNOWN = "unknown"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class ActionItem:
    """Something somebody promised to do."""

    id: str = Field(description="Stable id: the item id, `#`, and the action's position in the item.")
    meeting_id: str = Field(description="Meeting the action was recorded in.")
    item_id: str = Field(description="Item the action was read from.")
    text: str = Field(description="What is to be done, as written.")
    owners: list[str] = Field(default=[], description="Ids of the people who owe it; empty when unassigned.")
    unresolved_owners: list[str] = Field(
        default=[],
        description="Owner names written in the text that resolve to nobody (or to several people).",
    )
    explicit: bool = Field(
        description="True for entries of an `Action items` section, false for promises stated in other items."
    )
    status: ActionStatus = Field(
        description="`open`, `done` or `unknown` (from the checkbox; implicit actions are `open`)."
    )
    line: int = Field(ge=1, description="Source line.")


class ProposedColumn(_Model):
    """One column of a proposed OVSDB table."""

    name: str = Field(description="Column name as written.")
    type: object = Field(description="The column's OVSDB type, as JSON.")
    line: int = Field(ge=1, description="Source line of the column's key.")


class ProposedTable(_Model):
    """One OVSDB table found in a pasted schema."""

    name: str = Field(description="Table name as written.")
    line: int = Field(ge=1, description="Source line of the table's key.")
    columns: list[ProposedColumn] = Field(default=[], description="Columns in the order written.")
    indexes: list[list[str]] = Field(default=[], description="Index column lists, as written.")
    is_root: bool | None = Field(default=None, description="The table's `isRoot`, when given.")
    row_schema: dict[str, object] = Field(
        description="A JSON Schema (Draft 2020-12) for one row of this table."
    )


class SchemaProposal(_Model):
    """An OVSDB schema (or a fragment of one) pasted into the notes, with its problems."""

    id: str = Field(description="Stable id: the id of the code item that holds it.")
    meeting_id: str = Field(description="Meeting the proposal was pasted into.")
    item_id: str = Field(description="The code item holding the schema text.")
    line: int = Field(ge=1, description="First source line of the schema text.")
    tables: list[ProposedTable] = Field(default=[], description="Tables defined by the proposal.")
    valid: bool = Field(description="True when no error was found (warnings allowed).")
    problems: list[Diagnostic] = Field(
        default=[], description="Every problem found (also listed in the document's diagnostics)."
    )


# --- Releases: what each release plans, when it freezes, branches and ships -------------------


@dataclass(slots=True, kw_only=True, config=_LEAN)
class MilestoneMention:
    """One place in the notes that states a release milestone."""

    milestone_id: str = Field(
        description="The `Milestone` this mention is (`<item id>#<n>`, in the document's `milestones`)."
    )
    meeting_id: str = Field(description="Meeting it was said in.")
    item_id: str = Field(description="Item it was said in.")
    said_on: dt.date = Field(description="Date of that meeting.")
    date: dt.date = Field(description="The date this mention gives.")
    approximate: bool = Field(description='True when this mention gives a relative date ("in 2 weeks").')
    text: str = Field(description="The phrase the milestone was read from.")
    speakers: list[str] = Field(
        default=[],
        description="Ids of who said it: the item's speakers, else those of its nearest attributed ancestor.",
    )
    unresolved_speakers: list[str] = Field(
        default=[], description="Speaker names as written that the people registry does not know."
    )
    line: int = Field(ge=1, description="Source line of the phrase.")


class MilestoneDate(_Model):
    """One date the notes gave for a release milestone, with every mention that gives it."""

    id: str = Field(
        description="Stable key of this date: the milestone's id, with `-<date>` added to a date that is not the current one (the calendar's UID is "
        "`milestone-<id>@ovnnotes`)."
    )
    date: dt.date = Field(description="The date.")
    approximate: bool = Field(description="True when every mention of this date is relative.")
    current: bool = Field(
        description="True for the date stated last (the milestone's `date`); false for a date a later mention changed."
    )
    mentions: list[MilestoneMention] = Field(
        default=[], description="The mentions that give this date, in the order they were said."
    )


class ReleaseMilestone(_Model):
    """A milestone of a release (soft freeze, branch, release...), merged across meetings."""

    id: str = Field(description="Stable key from project, release and kind, e.g. `ovn-26.03-soft_freeze`.")
    kind: MilestoneKind = Field(description="`soft_freeze`, `branch`, `release`, `conference` or `other`.")
    name: str = Field(description="E.g. `OVN 26.03 soft freeze`.")
    date: dt.date = Field(description="The current date: the one stated last.")
    approximate: bool = Field(description="True when the current date comes from relative mentions only.")
    history: list[MilestoneDate] = Field(
        default=[],
        description="Every date the notes gave, in the order they were stated, the current one last (one entry when the date never moved).",
    )


class FeatureStatus(str, Enum):
    """What later notes say happened to a feature planned for a release."""

    PLANNED = "planned"
    MERGED = "merged"
    SLIPPED = "slipped"
    DROPPED = "dropped"


@dataclass(slots=True, kw_only=True, config=_LEAN)
class FeatureMention:
    """One item that lists a feature for a release, or says what became of it."""

    meeting_id: str = Field(description="Meeting of the item.")
    item_id: str = Field(description="The item.")
    said_on: dt.date = Field(description="Date of the meeting.")
    text: str = Field(description="The item's clean text.")
    line: int = Field(ge=1, description="Source line of the item.")
    speakers: list[str] = Field(
        default=[],
        description="Ids of who raised it: the item's speakers, else those of its nearest attributed ancestor.",
    )
    unresolved_speakers: list[str] = Field(
        default=[], description="Speaker names as written that the people registry does not know."
    )
    role: Literal["listed", "status"] = Field(
        description="`listed`: the item lists the feature for the release; `status`: it says what became of it (merged, slipped, dropped)."
    )


class Feature(_Model):
    """A feature planned for a release, from the lists of the release's planning items."""

    id: str = Field(
        description="Stable key: the release id and a slug of the feature's name, e.g. `ovn-26.03/network-function-insertion`."
    )
    name: str = Field(
        description="The feature's name as first listed, without its parenthetical notes, tags and release number."
    )
    status: FeatureStatus = Field(
        description="`merged`, `slipped` (to `slipped_to`) or `dropped` when later notes say so, else `planned`."
    )
    slipped_to: str | None = Field(
        default=None,
        description="For a slipped feature: the release it slipped to (`26.03`), when the notes say.",
    )
    slipped_from: str | None = Field(
        default=None,
        description="The release the feature slipped from (`Network Function Insertion (slipped from 25.09.0)`), when the notes say.",
    )
    status_item_id: str | None = Field(
        default=None, description="The item that said the status; `null` for `planned`."
    )
    part_of: str | None = Field(
        default=None,
        description='Id of the feature this one is a part of (listed under `"Network Function Insertion" Enhancements for OVN 26.03`); `null` otherwise.',
    )
    raised_by: list[str] = Field(
        default=[],
        description="Ids of the people who raised it (speakers of the items that list it, or of their nearest attributed ancestor).",
    )
    unresolved_raised_by: list[str] = Field(
        default=[], description="Names of people who raised it that the people registry does not know."
    )
    credited: list[str] = Field(
        default=[],
        description="Ids of the people the notes name with it (`Distributed load balancers (Alexandra)`, `Numan's patches`), usually who works on it.",
    )
    mentions: list[FeatureMention] = Field(
        default=[], description="Every item that lists it or says its status, in meeting order."
    )


class Release(_Model):
    """One release of OVN (or OVS): its milestones, its features and the meetings that discussed it."""

    id: str = Field(pattern=r"^(ovn|ovs)-\d+\.\d+$", description="Stable key, e.g. `ovn-26.03`.")
    project: Literal["OVN", "OVS"] = Field(description="`OVN` or `OVS`.")
    version: str = Field(
        pattern=r"^\d+\.\d+$",
        description="Release series without the patch number: `26.03.0` and `26.03` are release `26.03`.",
    )
    milestones: list[ReleaseMilestone] = Field(
        default=[], description="Soft freeze, branch, release and other milestones, in that order."
    )
    features: list[Feature] = Field(
        default=[], description="Features planned for the release, in the order first listed."
    )
    meetings: list[str] = Field(
        default=[],
        description="Ids of the meetings that discussed the release (named it, stated one of its milestones or listed one of its features), ascending.",
    )
    items: list[str] = Field(
        default=[],
        description="Ids of the items that name the release (by number, or as `the next release`), in meeting order.",
    )


class Document(_Model):
    """A parsed set of meeting notes: the root of every JSON export."""

    schema_version: str = Field(
        default=SCHEMA_VERSION,
        description="Version of this contract (semantic versioning; see `schema/README.md`).",
    )
    generator: Generator = Field(description="Program and version that wrote the document.")
    sources: list[Source] = Field(default=[], description="Input files, in the order given.")
    people: list[Person] = Field(
        default=[], description="The people registry used to resolve speakers and attendees, sorted by id."
    )
    meetings: list[Meeting] = Field(default=[], description="Meetings, ascending by date.")
    diagnostics: list[Diagnostic] = Field(
        default=[], description="Problems and notes found while parsing, in source order."
    )
    milestones: list[Milestone] = Field(default=[], description="Dated release events stated in the items .")
    action_items: list[ActionItem] = Field(default=[], description="Action items, explicit and implicit .")
    schema_proposals: list[SchemaProposal] = Field(
        default=[], description="OVSDB schemas pasted into the notes, with their problems ."
    )
    releases: list[Release] = Field(
        default=[],
        description="Releases with their milestones merged across meetings and their planned features, by project and version (added in 2.1.0).",
    )

    def iter_items(self) -> Iterator[ItemVisit]:
        """Every item of every meeting, meeting by meeting, each tree in pre-order (``walk_items``)."""
        for meeting in self.meetings:
            yield from walk_items(meeting.items, meeting)


class ItemVisit(NamedTuple):
    """One item met walking a meeting's tree (``Meeting.iter_items``, ``Document.iter_items``)."""

    meeting: Meeting
    item: Item
    ancestors: tuple[Item, ...]
    """The item's ancestors, outermost first (empty for a top-level item)."""
    position: int
    """1-based position among its siblings."""

    @property
    def parent(self) -> Item | None:
        return self.ancestors[-1] if self.ancestors else None

    @property
    def depth(self) -> int:
        """0 for a top-level item."""
        return len(self.ancestors)


def walk_items(
    items: Sequence[Item], meeting: Meeting, ancestors: tuple[Item, ...] = ()
) -> Iterator[ItemVisit]:
    """Every item of a tree in pre-order (parents before children, in source order), without
    recursion (trees may be deep): the one walker every consumer uses."""
    stack = [
        ItemVisit(meeting, item, ancestors, position)
        for position, item in reversed(list(enumerate(items, start=1)))
    ]
    while stack:
        visit = stack.pop()
        yield visit
        children = visit.item.children
        if children:
            inner = (*visit.ancestors, visit.item)
            stack.extend(
                ItemVisit(meeting, child, inner, position)
                for position, child in reversed(list(enumerate(children, start=1)))
            )


def describe(model: type, name: str) -> str:
    """The description of field ``name`` of a model or lean dataclass (what the JSON Schema says)."""
    fields = model.__pydantic_fields__  # type: ignore[attr-defined]
    return fields[name].description or ""


def as_json(value: object) -> Any:
    """JSON-ready data (dicts, lists, strings, numbers) for a model, a lean dataclass, or a list of them."""
    return to_jsonable_python(value)
