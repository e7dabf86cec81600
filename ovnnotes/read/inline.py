"""Inline cleanup of one item's text: links, emails, markup and export debris.

The plain-text export of the notes document keeps some markup and loses some:

* ``<u>text</u>`` is a link whose URL the export lost: the text is kept and a link of kind
  ``underlined`` (url ``null``) is recorded;
* bare URLs and emails become links; a URL glued to the next URL or to a metadata label
  (``.../Transcripts: https://...``) is split (``ONP106``); a URL that seems to be broken by a
  space (``.../1UvW9 XR6h1/view``) is kept up to the space and reported (``ONP107``);
* ``**bold**`` loses its asterisks; LaTeX debris such as ``\\checkmark`` or
  ``$\\overline{\\mathbf{A}}$`` is removed.

The Markdown reader gives its text with Markdown's backslash escapes (``clean(text, escaped=True)``):
an escaped character is text and never markup, no tag, bold, LaTeX, URL scheme or email, so
``\\<u>``, ``\\*\\*`` and ``https\\://`` stay as written. Which characters were escaped is kept
beside the text (no character of the text stands for anything else). Links other than
``http``, ``https``, ``mailto`` and ``ftp`` are not links (``safe_link``).

All regular expressions here are linear: no nested quantifiers (``tests/test_regex_linear.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Link, LinkKind
from ..vocabulary.characters import C0_CONTROLS
from ..vocabulary.labels import GLUED_LABEL_RE

URL_RE = re.compile(r"https?://[^\s<>\"]+")
SCHEME_RE = re.compile(r"https?://")
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# The content stops at the next tag, so a run of unclosed `<u>` is scanned once (linear), and
# nested tags give the innermost link.
UNDERLINE_RE = re.compile(r"<u>((?:[^<]|<(?!/?u>))*)</u>")
STRAY_TAG_RE = re.compile(r"</?u>")
BOLD_RE = re.compile(r"\*\*([^*]*)\*\*")
LATEX_MATH_RE = re.compile(r"\$[^$\n]{0,200}?\\[^$\n]{0,200}?\$")
LATEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+(?:\{[^{}\n]{0,80}\})*")
PATH_TOKEN_RE = re.compile(r"(?<![\w.~%-])[\w.~%-]+/[\w./~%?=&#+-]*")
WORD_TOKEN_RE = re.compile(r"[\w.~%-]+")
SPACES_RE = re.compile(r"\s+")
ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A Markdown backslash escape: a backslash before an ASCII punctuation character."""
LITERAL_RE = re.compile(r"[!-/:-@\[-`{-~]")
BACKSLASH_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
NEUTRAL = "\x00"
"""What an escaped character is in the view markup expressions search (no expression gives it a meaning)."""
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


LINK_SCHEMES = ("http", "https", "mailto", "ftp")
"""The only schemes a link may have: a ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` link in
the notes must never reach a page as a link (``href``), and a relative one has nothing to be relative to."""
_URL_IGNORED = dict.fromkeys(map(ord, "\t\n\r"), None)
_SCHEME_RE = re.compile(r"(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]*):")


def link_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (lowercase; tabs and newlines inside and control
    characters or spaces around ignored), or None when it has none (a relative link)."""
    text = url.translate(_URL_IGNORED).strip(C0_CONTROLS + " ")
    match = _SCHEME_RE.match(text)
    return match.group(1).lower() if match else None


def safe_link(url: str) -> bool:
    """Whether ``url`` may be a link: its scheme is one of ``LINK_SCHEMES``."""
    return link_scheme(url) in LINK_SCHEMES


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


def split_urls(fragment: str, starts: list[int] | None = None) -> tuple[list[str], bool]:
    """Split a whitespace-free run that may hold several glued URLs (or a URL and a label).

    ``starts`` are where URLs start (default: every ``http://`` or ``https://``). Returns the
    URLs and whether anything was glued.
    """
    if starts is None:
        starts = [m.start() for m in SCHEME_RE.finditer(fragment)]
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


def unescape(text: str) -> tuple[str, bytearray | None]:
    """Markdown backslash escapes (``\\*``, ``\\<``, ``\\\\``) resolved: the text, and which of its characters
    were escaped (``None`` when none was)."""
    if "\\" not in text:
        return text, None
    pieces: list[str] = []
    literal = bytearray()
    position = 0
    for match in ESCAPE_RE.finditer(text):
        pieces.append(text[position : match.start()])
        literal += bytes(match.start() - position)
        pieces.append(match.group(1))
        literal.append(1)
        position = match.end()
    if not pieces:
        return text, None
    pieces.append(text[position:])
    literal += bytes(len(text) - position)
    return "".join(pieces), literal


def escape_literal(text: str) -> str:
    """``text`` with every ASCII punctuation character escaped: ``clean(..., escaped=True)`` keeps it all as text."""
    return LITERAL_RE.sub(r"\\\g<0>", text)


def escape_backslashes(text: str) -> str:
    """``text`` as it is, for ``clean(..., escaped=True)``: only backslashes that would read as escapes are doubled."""
    return BACKSLASH_RE.sub(r"\\\\", text) if "\\" in text else text


class _Marked:
    """Text and which of its characters are literal (escaped): markup is never made of a literal character.

    Each expression runs on a view of the text in which literal characters are a neutral
    character (one no markup expression treats specially), so matches never use them as
    delimiters but may hold them in their content; replacements are built from the text itself.
    """

    def __init__(self, text: str, literal: bytearray) -> None:
        self.text, self.literal = text, literal

    def view(self) -> str:
        if not any(self.literal):
            return self.text
        return "".join(NEUTRAL if flag else ch for ch, flag in zip(self.text, self.literal))

    def part(self, start: int, end: int) -> _Marked:
        return _Marked(self.text[start:end], self.literal[start:end])

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], _Marked]) -> _Marked:
        texts: list[str] = []
        literal = bytearray()
        position = 0
        for match in pattern.finditer(self.view()):
            texts.append(self.text[position : match.start()])
            literal += self.literal[position : match.start()]
            replacement = replace(match)
            texts.append(replacement.text)
            literal += replacement.literal
            position = match.end()
        if not texts:
            return self
        texts.append(self.text[position:])
        literal += self.literal[position:]
        return _Marked("".join(texts), literal)

    def stripped(self) -> _Marked:
        """White space folded to single spaces and stripped (white space is never literal)."""
        folded = self.sub(SPACES_RE, lambda match: _Marked(" ", bytearray(1)))
        start, end = len(folded.text) - len(folded.text.lstrip()), len(folded.text.rstrip())
        return folded.part(start, max(start, end))


def _constant(text: str) -> Callable[[re.Match[str]], _Marked]:
    return lambda match: _Marked(text, bytearray(len(text)))


def _markup(
    text: str, literal: bytearray | None, links: list[tuple[int, Link]]
) -> tuple[str, bytearray | None]:
    """Underlined links out, stray tags, LaTeX and bold removed; escaped characters are not markup.

    Returns the text and which of its characters are literal (``None``: none was escaped).
    """

    def underlined_text(inner: str, start: int) -> str:
        if inner and not URL_RE.match(inner):
            links.append((start, Link(url=None, text=inner, kind=LinkKind.UNDERLINED)))
        return inner

    if literal is None:
        text = UNDERLINE_RE.sub(
            lambda match: underlined_text(
                SPACES_RE.sub(" ", strip_debris(match.group(1))).strip(), match.start()
            ),
            text,
        )
        text = STRAY_TAG_RE.sub("", text)
        return strip_debris(text), None

    def strip_marked(source: _Marked) -> _Marked:
        without_math = source.sub(LATEX_MATH_RE, _constant(" "))
        without_commands = without_math.sub(LATEX_COMMAND_RE, _constant(" "))
        return without_commands.sub(BOLD_RE, lambda match: without_commands.part(*match.span(1)))

    original = _Marked(text, literal)

    def underlined(match: re.Match[str]) -> _Marked:
        inner = strip_marked(original.part(*match.span(1))).stripped()
        underlined_text(inner.text, match.start())
        return inner

    without_tags = original.sub(UNDERLINE_RE, underlined).sub(STRAY_TAG_RE, _constant(""))
    result = strip_marked(without_tags)
    return result.text, result.literal


def clean(text: str, escaped: bool = False, links: list[tuple[str, str]] | None = None) -> InlineText:
    """Clean one item's text (its continuation lines already joined with spaces).

    With ``escaped`` the text uses Markdown's backslash escapes (as the Markdown reader gives
    it): an escaped character is that character, and never markup (``\\<u>`` is the text
    ``<u>``, ``\\*\\*`` two stars, ``\\\\checkmark`` a backslash and a word). ``links`` are
    links the text does not show, ``(text, url)`` (Markdown's ``[text](url)``: the text holds the
    link's text, in the same dialect): each is put where its text is, among the links found in the
    text; one that is not ``safe_link`` stays text (``ONP112``).
    """
    cleaned = _clean(text, escaped)
    return _with_links(cleaned, links, escaped) if links else cleaned


def _with_links(cleaned: InlineText, links: list[tuple[str, str]], escaped: bool) -> InlineText:
    """``cleaned`` with ``links`` added, each put where its text is.

    The links found in the text keep their order; a given link goes before the first of them
    found later in the text (searching on from the previous link, so repeated texts keep their order).
    """
    extra = []
    for label, url in links:
        shown = _clean(label, escaped).text
        if not safe_link(url):  # the text stays, the link goes
            target = repr(url if len(url) <= 80 else url[:77] + "...")
            cleaned.problems.append(
                Problem(
                    "ONP112",
                    shown,
                    f"link target {target} is not an http, https, mailto or ftp URL; kept as text, not as a link",
                )
            )
            continue
        extra.append(
            Link(url=url, text=shown, kind=LinkKind.EMAIL if link_scheme(url) == "mailto" else LinkKind.URL)
        )
    if not extra:
        return cleaned
    keys: list[tuple[int, int]] = []
    for group, found_links in enumerate((cleaned.links, extra)):
        cursor = highest = -1
        for link in found_links:
            found = cleaned.text.find(link.text, cursor + 1)
            cursor = found if found >= 0 else cursor
            highest = max(highest, found)  # running maximum: a stable sort keeps the found links' order
            keys.append((highest, group))
    merged = cleaned.links + extra
    cleaned.links = [merged[i] for i in sorted(range(len(merged)), key=keys.__getitem__)]
    return cleaned


def _clean(text: str, escaped: bool) -> InlineText:
    literal = None
    if escaped:
        text, literal = unescape(text)
    if not _may_have_markup(text):
        if text.isascii() and text.isprintable() and "  " not in text:
            return InlineText(text=text.strip())  # nothing to fold: no run of spaces, no other white space
        return InlineText(text=SPACES_RE.sub(" ", text).strip())
    result = InlineText(text="")
    links: list[tuple[int, Link]] = []
    text, literal = _markup(text, literal, links)

    pieces: list[str] = []
    kept = bytearray()  # which characters of the rebuilt text are literal (escaped), when some are
    position = 0
    for match in URL_RE.finditer(text):
        schemes = [m.span() for m in SCHEME_RE.finditer(match.group(0))]
        if literal is not None:  # an escaped `:` or `/` makes no URL (`https\\://x` is text)
            schemes = [(a, b) for a, b in schemes if not any(literal[match.start() + a : match.start() + b])]
            if not schemes:
                continue
        starts = [a for a, _ in schemes]
        begin = match.start() + starts[0]
        pieces.append(text[position:begin])
        if literal is not None:
            kept += literal[position:begin]
        consumed = text[begin : match.end()]
        urls, glued = split_urls(consumed, [start - starts[0] for start in starts])
        if not urls:  # schemes without an address (``https://https://``): text, kept as written
            pieces.append(consumed)
            kept += bytes(len(consumed))
            position = match.end()
            continue
        if glued:
            result.problems.append(Problem("ONP106", consumed, f"glued URLs were split: {consumed!r}"))
        if urls:
            tail = (
                broken_url_tail(_words_after(text, match.end() + 1))
                if text[match.end() : match.end() + 1] == " "
                else None
            )
            if tail and not glued and not urls[-1].endswith("/"):
                result.problems.append(
                    Problem("ONP107", tail, f"URL {urls[-1]!r} seems to continue after a space as {tail!r}")
                )
            for url in urls:
                links.append((begin, Link(url=url, text=url, kind=LinkKind.URL)))
        # Keep what the URLs were glued to (e.g. a label) as text, URLs separated by spaces.
        leftover = _glued_leftover(without(consumed, urls, " "))
        written = " ".join(urls + ([leftover] if leftover and leftover not in TRAILING_PUNCTUATION else []))
        if leftover in TRAILING_PUNCTUATION:
            written += leftover
        pieces.append(written)
        kept += bytes(len(written))
        position = match.end()
    if pieces:
        pieces.append(text[position:])
        if literal is not None:
            kept += literal[position:]
            literal = kept
        text = "".join(pieces)

    for match in EMAIL_RE.finditer(text):
        if "://" in text[max(0, match.start() - 200) : match.start()].rsplit(" ", 1)[-1]:
            continue  # part of a URL
        if literal is not None and any(literal[match.start() : match.end()]):
            continue  # an escaped character: text, not an address
        email = match.group(0).rstrip(".")
        links.append((match.start(), Link(url=f"mailto:{email}", text=email, kind=LinkKind.EMAIL)))

    result.text = SPACES_RE.sub(" ", text).strip()
    result.links = _in_text_order(result.text, [link for _, link in links])
    return result


def _glued_leftover(rest: str) -> str:
    """What glued URLs leave once they are taken out (a label, punctuation, schemes with no address), trimmed.

    The slashes around it go (``Transcripts:/``), but not when it holds a scheme: a scheme with
    no address is text kept as written, as when no URL was found; trimmed, ``https://https://``
    would be ``https://https:``, which reads back as the URL ``https://https``.
    """
    return rest.strip(" ") if SCHEME_RE.search(rest) else rest.strip(" /")


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
