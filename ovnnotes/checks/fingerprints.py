"""The fingerprint an export of every format writes beside its files (``files.fingerprint``).

Its verdict is a ``validate`` of the same INPUTS with the defaults ``check`` uses (the baseline
found beside the notes, no ``--today``: the fingerprint keeps the latest meeting date instead, so
its bytes do not depend on the day it was written). A baseline that cannot be used is recorded as
an error: ``check`` then runs in full and reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import OvnnotesError
from ..files import fingerprint
from ..model import Severity
from .validate import Outcome, ParsedNotes, ValidateOptions, run_validation


def verdict(outcome: Outcome, latest: dt.date | None) -> fingerprint.Verdict:
    """What ``check`` needs to know of a validation."""
    severities = [Severity(d.severity) for d in outcome.diagnostics]
    return fingerprint.Verdict(
        files=outcome.file_count,
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
        unused=len(outcome.unused),
        hidden=len(outcome.registry_hidden),
        latest=latest,
    )


@dataclass(frozen=True)
class Validated:
    """What the fingerprint keeps of a validation of its INPUTS (``validate``)."""

    verdict: fingerprint.Verdict
    first_notes: str | None = None
    documents: bool = False


def validate(names: Sequence[str], latest: dt.date | None, reuse: ParsedNotes | None = None) -> Validated:
    """Validate INPUTS ``names`` as ``check`` does. ``reuse``: a document of these notes already
    parsed, used when the validation reads the very same notes (``validate.run_validation``)."""
    try:
        outcome = run_validation(list(names), ValidateOptions(today=None), reuse)
    except OvnnotesError:  # a baseline or registry that cannot be used: `check` reports it in full
        return Validated(fingerprint.Verdict(files=0, errors=1, latest=latest))
    if outcome.gathered is None:
        return Validated(verdict(outcome, latest))
    notes = [n.name for n in outcome.gathered.notes if n.name != fingerprint.STDIN]
    return Validated(verdict(outcome, latest), notes[0] if notes else None, bool(outcome.gathered.documents))


def build(
    version: str,
    names: Sequence[str],
    latest: dt.date | None,
    outputs: Mapping[str, str],
    exclusive: Sequence[str] = (),
    validated: Validated | None = None,
) -> bytes | None:
    """The fingerprint of an export of ``outputs`` (name under exports/ -> sha256) from INPUTS ``names``.

    ``validated``: ``validate(names, latest)`` already made (an export validates the notes it has
    just parsed, before rendering); else it is made here.
    None when the inputs cannot be fingerprinted (standard input, the bundled notes, inputs in exports/).
    """
    found = validated if validated is not None else validate(names, latest)
    return fingerprint.render(
        version, names, found.verdict, found.first_notes, found.documents, outputs, exclusive
    )
