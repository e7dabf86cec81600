"""The labels of a meeting: its section titles, its metadata labels and the series' title.

One table each; every expression that reads a label (a section heading, a metadata line, a label
glued into a URL or in front of a code fence) is built here from them, case-blind, and so is the
fast test that lets most lines skip those expressions (``may_name_section``, ``may_hold_metadata``,
each beside the exact expression it shadows; ``tests/test_vocabulary.py`` checks that they agree).
"""

from __future__ import annotations

import re

PROJECT = "OVN"
SERIES_WORDS = "Community Meeting"
SERIES_TITLE = f"{PROJECT} {SERIES_WORDS}"
"""The title of every meeting: the default of a heading that gives none and of ``ovnnotes new``."""
SERIES_HINT_RE = re.compile(re.escape(SERIES_WORDS), re.IGNORECASE)
"""A line naming the series (``community meeting``): with a ``|``, a heading even when damaged."""

SECTION_TITLES = {"agenda": "Agenda", "notes": "Notes", "action_items": "Action items"}
"""Section (``model.Section`` value) -> its title as written."""
SECTION_BY_WORDS = {title.lower(): section for section, title in SECTION_TITLES.items()}
"""A section title, lowercase (``action items``) -> the section (``action_items``)."""

METADATA_LABELS = {"attendees": "Attendees", "recording": "Recording", "transcripts": "Transcripts"}
"""Metadata label (as ``model.MetadataNote`` names it) -> how it is written."""
METADATA_LINES = {"attendees": "attendees", "recording": "recording", "transcripts": "transcript"}
"""How messages name each label's line (``the transcript line``)."""
METADATA_FORMS = {
    "attendees": ("attendees",),
    "recording": ("recording",),
    "transcripts": ("transcripts", "transcript"),
}
"""Every written form of each metadata label, lowercase."""
_LABEL_BY_FORM = {form: label for label, forms in METADATA_FORMS.items() for form in forms} | {
    words: words for words in SECTION_BY_WORDS
}


def _alternatives(forms: list[str]) -> str:
    return "|".join(
        re.escape(form).replace(r"\ ", " ") for form in sorted(forms, key=lambda form: (-len(form), form))
    )


_METADATA = _alternatives([form for forms in METADATA_FORMS.values() for form in forms])
_SECTIONS = _alternatives(list(SECTION_BY_WORDS))
_ANY = _alternatives([*_LABEL_BY_FORM])
_ONE_WORD = _alternatives([form for form in _LABEL_BY_FORM if " " not in form])

METADATA_RE = re.compile(rf"^({_METADATA})\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
"""A metadata line: ``Attendees: ...``, ``Recording: ...``, ``Transcripts: ...``."""
SECTION_RE = re.compile(rf"^(?:[-•*]\s+)?(?:\*\*)?({_SECTIONS})(?:\*\*)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
"""A section heading (``Agenda``, ``Notes:``, ``- Action Items``, ``**Notes**``), with what follows it."""
EMBEDDED_LABEL_RE = re.compile(rf"(?:^|(?<=[\s/,;]))({_ANY})\s*:", re.IGNORECASE)
"""A label inside a metadata value (``.../Transcripts: ...``, ``Transcripts: Agenda:``)."""
TRAILING_SECTION_RE = re.compile(rf"(?:^|(?<=\s))({_SECTIONS})\s*$", re.IGNORECASE)
"""A section word ending a recording or transcript line without its colon (``Transcripts: https://... Agenda``)."""
LABEL_FENCE_RE = re.compile(rf"^(?P<label>(?:{_ANY})[ \t]*:)[ \t]*(?P<fence>```.*)$", re.IGNORECASE)
"""A label with a code fence glued after it (``Transcripts: ```...``)."""
GLUED_LABEL_RE = re.compile(rf"({_ONE_WORD}):", re.IGNORECASE)
"""A label glued to the end of a URL (``.../Transcripts:``): one word, since a URL ends at a space."""

_METADATA_FIRST = frozenset(form[0] for forms in METADATA_FORMS.values() for form in forms)
_SECTION_WORDS = tuple(SECTION_BY_WORDS)


def may_hold_metadata(line: str) -> bool:
    """False for most lines ``METADATA_RE`` cannot match: it starts with a label's first letter.

    (Case-blind: ``re.IGNORECASE`` folds no other character to these letters.)"""
    return line[:1].lower() in _METADATA_FIRST


def may_name_section(line: str) -> bool:
    """False for most ASCII lines ``SECTION_RE`` cannot match: they hold no section title at all.

    A non-ASCII line always may: the case-blind expression folds a few characters that
    ``str.lower`` keeps (``NOTEſ`` matches ``notes``)."""
    if not line.isascii():
        return True
    lower = line.lower()
    return any(words in lower for words in _SECTION_WORDS)


def label_name(word: str) -> str:
    """The label a case-blind expression matched, as this module names it: ``Transcript`` ->
    ``transcripts``, ``Action Items`` -> ``action items`` (a section's title, lowercase).

    ``re.IGNORECASE`` folds a few characters that ``str.lower`` keeps (``NOTEſ`` matches
    ``notes``), so the lookup falls back to the same case-blind comparison.
    """
    name = _LABEL_BY_FORM.get(word.lower())
    if name is None:
        name = next(
            (
                label
                for form, label in _LABEL_BY_FORM.items()
                if re.fullmatch(re.escape(form), word, re.IGNORECASE)
            ),
            word.lower(),
        )
    return name


def is_section(label: str) -> bool:
    """Whether a ``label_name`` is a section title (else a metadata label)."""
    return label in SECTION_BY_WORDS
