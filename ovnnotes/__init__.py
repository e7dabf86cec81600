"""ovnnotes: the OVN community meeting notes as structured, validated, exportable data.

    >>> import ovnnotes
    >>> document, diagnostics = ovnnotes.parse(text, path="notes.txt")
    >>> files = ovnnotes.export(document, "ical")          # {"ovn-community-meetings.ics": b"..."}
    >>> document = ovnnotes.parse_paths(["seeds/"])         # read files and folders
    >>> result = ovnnotes.search(document, '"soft freeze"')  # full-text search: result.hits

The names are imported on first use, so ``import ovnnotes`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["parse", "parse_paths", "export", "search", "build_document", "__version__"]


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'ovnnotes' has no attribute {name!r}")
