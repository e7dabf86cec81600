"""What contributed text may become in a page: escaped text, and links only to http, https and mailto.

Jinja2's autoescaping escapes everything a template prints; these helpers decide, beforehand,
what becomes a link (``safe_href``) and make invisible text-direction controls visible
(``reveal_controls``), so that notes can neither run code nor disguise what they say. They are
the second line of defence: the parser already keeps only ordinary links, but a page never
trusts that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..vocabulary.characters import BIDI_CONTROLS as BIDI_CHARACTERS
from ..vocabulary.characters import CONTROLS, INVISIBLE_CHARACTERS, LINE_SEPARATORS

SAFE_SCHEMES = ("http", "https", "mailto")
"""The only URL schemes that become an ``href``; anything else (``javascript:``, ``data:``) stays text."""
_UNSAFE_URL_CHARS = re.compile(
    "[" + re.escape(CONTROLS + " " + LINE_SEPARATORS + "".join(sorted(INVISIBLE_CHARACTERS)) + BIDI_CHARACTERS) + "]"
)
BIDI_CONTROLS = re.compile(f"[{BIDI_CHARACTERS}]")
"""Characters that change the direction of the text around them (the "Trojan Source" trick)."""


def safe_href(url: str | None) -> str | None:
    """``url`` when it may be a link target, else None.

    Allowed: ``http(s)://host...`` and ``mailto:address``, with no space, control or invisible
    character anywhere (browsers ignore some of them, which is how ``java\\tscript:`` gets through
    naive checks). The scheme is read as a browser reads it (case-blind, after ``urlsplit``).
    """
    if not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme == "mailto" and "@" not in parts.path:
        return None
    return url


def reveal_controls(text: str) -> Markup:
    """Escaped text with each direction control shown as a visible ``[U+202E]`` badge instead of acting."""
    out = []
    last = 0
    for match in BIDI_CONTROLS.finditer(text):
        out.append(escape(text[last : match.start()]))
        code = f"U+{ord(match.group()):04X}"
        out.append(Markup('<span class="control" title="invisible text-direction character {0}">[{0}]</span>').format(code))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def attribute_text(text: str) -> str:
    """``text`` for an attribute value (a ``title``, an ``aria-label``): each direction control replaced by a
    visible ``[U+202E]``, as ``reveal_controls`` does in text (an attribute cannot hold markup). Autoescaping
    then escapes it."""
    return BIDI_CONTROLS.sub(lambda match: f"[U+{ord(match.group()):04X}]", text)


@dataclass(frozen=True)
class Segment:
    """A run of an item's text: plain, a link (``href`` set), or a link the export lost (``lost``)."""

    text: str
    href: str | None = None
    lost: bool = False
    unsafe_url: str | None = None
    """A link target that was refused (shown as text after the link text)."""


def segments(text: str, links: Sequence[object]) -> list[Segment]:
    """Split an item's text at its links, in order.

    Each link's text is looked up in the item's text after the previous link; a link whose text is
    not there is appended at the end, so no link is lost. ``url`` None (the export kept only the
    underlined text) gives a ``lost`` segment; a refused target gives a plain segment with
    ``unsafe_url``.
    """
    out: list[Segment] = []
    position = 0
    trailing: list[Segment] = []
    for link in links:
        label = str(getattr(link, "text", "") or "")
        url = getattr(link, "url", None)
        href = safe_href(url)
        piece = Segment(label or str(url or ""), href=href, lost=url is None, unsafe_url=None if href or url is None else url)
        found = text.find(label, position) if label else -1
        if found < 0:
            trailing.append(piece)
            continue
        if found > position:
            out.append(Segment(text[position:found]))
        out.append(piece)
        position = found + len(label)
    if position < len(text):
        out.append(Segment(text[position:]))
    for piece in trailing:
        out.append(Segment(" "))
        out.append(piece)
    return out
