"""The fingerprint an export of every format writes beside its files (``files.fingerprint``).

Its verdict is a ``validate`` of the same INPUTS with the defaults ``check`` uses (the baseline
found beside the notes, no ``--today``: the fingerprint keeps the latest meeting date instead, so
its bytes do not depend on the day it was written). A baseline that cannot be used is recorded as
an error: ``check`` then runs in full and reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..errors import OvnnotesError
from ..files import fingerprint
from ..model import Severity
from .validate import Outcome, ValidateOptions, run_validation


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


def build(
    version: str,
    names: Sequence[str],
    latest: dt.date | None,
    outputs: Mapping[str, str],
    exclusive: Sequence[str] = (),
    outcome: Outcome | None = None,
) -> bytes | None:
    """The fingerprint of an export of ``outputs`` (name under exports/ -> sha256) from INPUTS ``names``.

    ``outcome``: a validation of ``names`` without ``today`` already made; else one is made here.
    None when the inputs cannot be fingerprinted (standard input, the bundled notes, inputs in exports/).
    """
    first_notes: str | None = None
    documents = False
    try:
        if outcome is None:
            outcome = run_validation(list(names), ValidateOptions(today=None))
        found = verdict(outcome, latest)
        if outcome.gathered is not None:
            notes = [n.name for n in outcome.gathered.notes if n.name != fingerprint.STDIN]
            first_notes = notes[0] if notes else None
            documents = bool(outcome.gathered.documents)
    except OvnnotesError:  # a baseline or registry that cannot be used: `check` reports it in full
        found = fingerprint.Verdict(files=0, errors=1, latest=latest)
    return fingerprint.render(version, names, found, first_notes, documents, outputs, exclusive)
