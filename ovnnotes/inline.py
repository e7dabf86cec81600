"""Inline cleanup of one item's text: links, emails, markup and export debris.

The plain-text export of the notes document keeps some markup and loses some:

* ``<u>text</u>`` is a link whose URL the export lost: the text is kept and a link of kind
  ``underlined`` (url ``null``) is recorded;
* bare URLs and emails become links; a URL glued to the next URL or to a metadata label
  (``.../Transcripts: https://...``) is split (``ONP106``); a URL that seems to be broken by a
  space (``.../1UvW9 XR6h1/view``) is kept up to the space and reported (``ONP107``);
* ``**bold**`` loses its asterisks; LaTeX debris such as ``\\checkmark`` or
  ``$\\overline{\\mathbf{A}}$`` is removed.

All regular expressions here are linear: no nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Link, LinkKind

URL_RE = re.compile(r"https?://[^\s<>\"]+")
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# The content stops at the next tag, so a run of unclosed `<u>` is scanned once (linear), and
# nested tags give the innermost link.
UNDERLINE_RE = re.compile(r"<u>((?:[^<]|<(?!/?u>))*)</u>")
STRAY_TAG_RE = re.compile(r"</?u>")
BOLD_RE = re.compile(r"\*\*([^*]*)\*\*")
LATEX_MATH_RE = re.compile(r"\$[^$\n]{0,200}?\\[^$\n]{0,200}?\$")
LATEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+(?:\{[^{}\n]{0,80}\})*")
GLUED_LABEL_RE = re.compile(r"(Attendees|Recording|Transcripts?|Agenda|Notes):", re.IGNORECASE)
PATH_TOKEN_RE = re.compile(r"(?<![\w.~%-])[\w.~%-]+/[\w./~%?=&#+-]*")
WORD_TOKEN_RE = re.compile(r"[\w.~%-]+")
SPACES_RE = re.compile(r"\s+")
TRAILING_PUNCTUATION = ".,;:!?'\"*"


@dataclass
class Problem:
    """Something noticed while cleaning: a rule code, the text it is about (to find its column), a message."""

    code: str
    needle: str
    message: str


@dataclass
class InlineText:
    """The result of cleaning one piece of text."""

    text: str
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def strip_debris(text: str) -> str:
    """Remove LaTeX debris and markup that carries no meaning once the text is structured."""
    text = LATEX_MATH_RE.sub(" ", text)
    text = LATEX_COMMAND_RE.sub(" ", text)
    text = BOLD_RE.sub(r"\1", text)
    return text


def _trim_url(url: str) -> str:
    """Drop sentence punctuation (and an unbalanced closing parenthesis) from a URL's end."""
    opened, closed, end = url.count("("), url.count(")"), len(url)
    while end and (url[end - 1] in TRAILING_PUNCTUATION or (url[end - 1] == ")" and opened < closed)):
        closed -= url[end - 1] == ")"
        end -= 1
    return url[:end]


def split_urls(fragment: str) -> tuple[list[str], bool]:
    """Split a whitespace-free run that may hold several glued URLs (or a URL and a label).

    Returns the URLs and whether anything was glued.
    """
    starts = [m.start() for m in re.finditer(r"https?://", fragment)]
    urls: list[str] = []
    glued = len(starts) > 1
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(fragment)
        piece = fragment[start:end]
        label = GLUED_LABEL_RE.search(piece, 8)
        if label and label.start() > 8 and piece[label.start() - 1] in "/=&?#":
            piece = piece[: label.start()]
            glued = True
        piece = _trim_url(piece)
        if len(piece) > len("https://"):
            urls.append(piece)
    return urls, glued


def broken_url_tail(after: str) -> str | None:
    """The text that seems to continue a URL after a space, e.g. ``XR6h1/view``; else None.

    Up to three plain words may come before a token that looks like a path continuation
    (``optimize ldps original appro-ach/v1/p3/``): exports turn ``_`` in links into spaces.
    """
    tokens = after.split(" ", 5)[:5]
    if not tokens or tokens[0] == "":
        return None
    for count, token in enumerate(tokens[:4], start=1):
        if PATH_TOKEN_RE.fullmatch(token) and "://" not in token:
            return " ".join(tokens[:count])
        if not WORD_TOKEN_RE.fullmatch(token):
            return None
    return None


def _may_have_markup(text: str) -> bool:
    """Whether ``text`` has anything ``clean`` may have to change (a tag, an email, LaTeX, bold, a URL).

    Text without any of these only has its spaces folded. Substring tests: a regular expression
    with no literal to look for would be tried at every position, which costs more here than
    the rest of the cleaning.
    """
    return "<" in text or "@" in text or "$" in text or "\\" in text or "*" in text or "http" in text


def clean(text: str) -> InlineText:
    """Clean one item's text (its continuation lines already joined with spaces)."""
    if not _may_have_markup(text):
        if text.isascii() and text.isprintable() and "  " not in text:
            return InlineText(text=text.strip())  # nothing to fold: no run of spaces, no other white space
        return InlineText(text=SPACES_RE.sub(" ", text).strip())
    result = InlineText(text="")
    links: list[tuple[int, Link]] = []

    def underlined(match: re.Match[str]) -> str:
        inner = SPACES_RE.sub(" ", strip_debris(match.group(1))).strip()
        if inner and not URL_RE.match(inner):
            links.append((match.start(), Link(url=None, text=inner, kind=LinkKind.UNDERLINED)))
        return inner

    text = UNDERLINE_RE.sub(underlined, text)
    text = STRAY_TAG_RE.sub("", text)
    text = strip_debris(text)

    pieces: list[str] = []
    position = 0
    for match in URL_RE.finditer(text):
        pieces.append(text[position : match.start()])
        urls, glued = split_urls(match.group(0))
        consumed = match.group(0)
        if glued:
            result.problems.append(Problem("ONP106", consumed, f"glued URLs were split: {consumed!r}"))
        if urls:
            tail = broken_url_tail(_words_after(text, match.end() + 1)) if text[match.end() : match.end() + 1] == " " else None
            if tail and not glued and not urls[-1].endswith("/"):
                result.problems.append(
                    Problem("ONP107", tail, f"URL {urls[-1]!r} seems to continue after a space as {tail!r}")
                )
            for url in urls:
                links.append((match.start(), Link(url=url, text=url, kind=LinkKind.URL)))
        # Keep what the URLs were glued to (e.g. a label) as text, URLs separated by spaces.
        leftover = without(consumed, urls, " ").strip(" /")
        pieces.append(" ".join(urls + ([leftover] if leftover and leftover not in TRAILING_PUNCTUATION else [])))
        if leftover in TRAILING_PUNCTUATION:
            pieces.append(leftover)
        position = match.end()
    pieces.append(text[position:])
    text = "".join(pieces)

    for match in EMAIL_RE.finditer(text):
        if "://" in text[max(0, match.start() - 200) : match.start()].rsplit(" ", 1)[-1]:
            continue  # part of a URL
        email = match.group(0).rstrip(".")
        links.append((match.start(), Link(url=f"mailto:{email}", text=email, kind=LinkKind.EMAIL)))

    result.text = SPACES_RE.sub(" ", text).strip()
    result.links = _in_text_order(result.text, [link for _, link in links])
    return result


def _words_after(text: str, start: int, count: int = 5) -> str:
    """``text[start:]`` cut before its ``count``-th space: all ``broken_url_tail`` looks at, without copying the rest."""
    end = start - 1
    for _ in range(count):
        end = text.find(" ", end + 1)
        if end < 0:
            return text[start:]
    return text[start:end]


def without(text: str, needles: list[str], between: str = "") -> str:
    """``text`` with each needle removed once, searching on from the previous one (needles in text order)."""
    pieces, position = [], 0
    for needle in needles:
        index = text.find(needle, position)
        if index >= 0:
            pieces += [text[position:index], between]
            position = index + len(needle)
    return "".join(pieces) + text[position:]


def _in_text_order(text: str, links: list[Link]) -> list[Link]:
    """Links sorted by where their text is in ``text`` (-1, first, when it is not there).

    Links of one kind were found left to right, so each kind's search goes on from the previous
    link of that kind: linear however many links a line holds.
    """
    cursor: dict[LinkKind, int] = {}
    positions = []
    for link in links:
        index = text.find(link.text, cursor.get(link.kind, 0))
        if index >= 0:
            cursor[link.kind] = index + len(link.text)
        positions.append(index)
    order = sorted(range(len(links)), key=positions.__getitem__)
    return [links[i] for i in order]


_ALNUM_RE = re.compile(r"[^\W_]")
"""A letter or digit: what ``str.isalnum`` accepts (``\\w`` is exactly that plus ``_``)."""


def is_debris(text: str) -> bool:
    """True for text with no letters or digits at all: a lone glyph, dots, a stray parenthesis."""
    return _ALNUM_RE.search(text) is None
