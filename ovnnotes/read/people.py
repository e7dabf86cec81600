"""The people registry: who the names, handles and emails in the notes refer to.

The registry is a reviewable TOML file (``seeds/people.toml``) with one ``[[person]]`` table
per person. This module reads it (:func:`parse_registry`, which reports ``ONR4xx``
diagnostics and never raises), resolves speaker handles and attendee names
(:meth:`Registry.resolve`, :meth:`Registry.match_attendees`) and suggests near misses
(:meth:`Registry.suggest`). Everything is pure: the bundled registry is read by
``ovnnotes.api.default_registry``.

**Names.** A name resolves to a person when it is one of the person's keys (id, name, alias,
email, email local part; case-insensitive) and no other person claims it. Failing that, a name
of one word resolves by **first name**: when it is exactly the first word of the name of one
person, and of nobody else (``Lorenzo`` is Lorenzo Bianconi when no other Lorenzo is listed).
Nothing else is guessed: no prefixes, no spelling distance, no surnames. :meth:`Registry.lookup`
says how a name resolved (callers report a first-name match as info), and names every person
sharing an ambiguous first name, which then stays unresolved. A listed alias beats a first name:
an alias is how the registry settles who a short name means.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..checks import rules
from ..model import Diagnostic, Person
from ..vocabulary.characters import bidi_control, one_line

DEFAULT_PATH = "seeds/people.toml"
"""Path reported in diagnostics about the bundled registry."""

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEYS = ("id", "name", "aliases", "emails", "affiliation", "evidence")
_PUNCT = "()[]{}<>:;,.!?\"'`*_|"
_TABLE_RE = re.compile(r"^[ \t]*\[\[[ \t]*person[ \t]*\]\]", re.MULTILINE)
_ANY_TABLE_RE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_TOML_POS_RE = re.compile(r"at line (\d+), column (\d+)")
_NEWLINE_RE = re.compile(r"\n")
_TOKEN_RE = re.compile(r"[^\s,;]+")
_HARD_SEP_RE = re.compile(r"[,;]")
_MAX_RUN = 4
_RESOLVED_MAX = 4096
"""Handles whose resolution ``Registry.resolve`` remembers."""


def _norm(handle: str) -> str:
    """Lookup key of a handle: trimmed of whitespace, `@` and punctuation, spaces collapsed, casefolded."""
    previous = None
    text = handle
    while text != previous:
        previous = text
        text = text.strip().strip(_PUNCT).lstrip("@")
    return " ".join(text.split()).casefold()


def key_word(word: str) -> str:
    """What ``_norm`` makes of one lowercase word of name characters (``[\\w.\\-@]``): the form
    ``Registry.known_words`` holds, e.g. ``@dceara.`` -> ``dceara``. Of ``_norm``'s punctuation,
    only ``.`` and ``_`` (and a leading ``@``) can be in such a word."""
    while word and (word[0] in "._@" or word[-1] in "._"):
        word = word.strip("._").lstrip("@")
    return word


def _looks_like_email(token: str) -> bool:
    core = token.strip(_PUNCT)
    local, at, domain = core.partition("@")
    return bool(at and local and "." in domain)


@dataclass(frozen=True)
class NameMatch:
    """How a name resolved (see :meth:`Registry.lookup`)."""

    person: Person | None
    """The one person the name means, or `None`."""
    by_first_name: bool = False
    """True when the name is not a key of the person but their first name."""
    candidates: tuple[Person, ...] = ()
    """When the name is the first name of two or more people (and `person` is `None`): all of them, by id."""


NO_MATCH = NameMatch(None)


def first_name(person: Person) -> str | None:
    """The first word of a person's name when the name has two words or more (``Lorenzo``), else `None`."""
    words = person.name.split()
    return words[0] if len(words) >= 2 else None


def first_name_index(people: tuple[Person, ...]) -> dict[str, tuple[str, ...]]:
    """Normalised first name -> ids of every person whose name starts with it, in id order."""
    index: dict[str, tuple[str, ...]] = {}
    for person in people:
        name = first_name(person)
        norm = _norm(name) if name else ""
        if norm and " " not in norm:
            owners = index.get(norm, ())
            if person.id not in owners:
                index[norm] = owners + (person.id,)
    return index


def ambiguous_hint(name: str, candidates: tuple[Person, ...]) -> str:
    """The hint for a first name several people share: who they are and how to say which one."""
    who = [f"{person.name} ({person.id})" for person in candidates]
    listed = ", ".join(who[:-1]) + f" and {who[-1]}" if len(who) > 1 else "".join(who)
    return (
        f"`{name}` is the first name of {listed}: write the handle or the full name, "
        f"or list `{name}` in the `aliases` of the person it always means in `seeds/people.toml`."
    )


def first_name_hint(name: str, person: Person) -> str:
    """The hint for a name matched by first name: how to make it exact."""
    return f"Write the handle or the full name ({person.name}), or add `{name}` to the `aliases` of `{person.id}` in `seeds/people.toml`."


@dataclass(frozen=True)
class AttendeeMatch:
    """One attendee found in an attendee line."""

    text: str
    """The attendee as written (a slice of the line)."""
    column: int
    """1-based offset of `text` within the line."""
    person_id: str | None
    """Id of the person, or `None` when the registry does not know the attendee."""
    by_first_name: bool = False
    """True when the attendee was matched by first name alone (``Lorenzo``)."""


@dataclass(frozen=True)
class Registry:
    """The known people, sorted by id, with a case-insensitive index of their keys."""

    people: tuple[Person, ...] = ()
    """Everybody in the registry, sorted by id."""
    source: str | None = field(default=None, compare=False)
    """The file the registry was read from, as hints name it (``seeds/people.toml``); None if not from a file."""
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _shown: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_id: dict[str, Person] = field(default_factory=dict, init=False, repr=False, compare=False)
    _resolved: dict[str, Person | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _first_names: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _matched: dict[str, NameMatch] = field(default_factory=dict, init=False, repr=False, compare=False)
    _suggested: dict[tuple[str, int], list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _lazy: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    known_words: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    """Every word of every lookup key (casefolded): a text none of whose words is here names nobody."""

    def __post_init__(self) -> None:
        people = tuple(sorted(self.people, key=lambda p: p.id))
        object.__setattr__(self, "people", people)
        index: dict[str, tuple[str, ...]] = {}
        shown: dict[str, str] = {}
        by_id: dict[str, Person] = {}
        for person in people:
            by_id.setdefault(person.id, person)
            for key in person_keys(person):
                norm = _norm(key)
                if not norm:
                    continue
                owners = index.get(norm, ())
                if person.id not in owners:
                    index[norm] = owners + (person.id,)
                shown.setdefault(norm, key)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_shown", shown)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "known_words", frozenset(word for key in index for word in key.split()))
        object.__setattr__(self, "_first_names", first_name_index(people))

    def get(self, person_id: str) -> Person | None:
        """The person with this exact id, if any."""
        return self._by_id.get(person_id)

    def resolve(self, handle: str) -> Person | None:
        """The person a handle, name, email or unique first name refers to (case-insensitive), or `None`.

        A leading `@` and surrounding whitespace or punctuation (`(dceara)`, `Mark:`) are
        ignored. Keys claimed by two people, and first names two people share, resolve to `None`.
        """
        cache = self._resolved
        if handle in cache:
            return cache[handle]
        person = self.lookup(handle).person
        if len(cache) >= _RESOLVED_MAX:  # notes name the same few people again and again; bound it anyway
            cache.clear()
        cache[handle] = person
        return person

    def lookup(self, handle: str) -> NameMatch:
        """How ``handle`` resolves: by one of a person's keys, by a unique first name, or not at all
        (then ``candidates`` names the people sharing the first name, if it is one)."""
        cache = self._matched
        found = cache.get(handle)
        if found is None:
            if len(cache) >= _RESOLVED_MAX:  # bounded, as ``resolve``'s cache
                cache.clear()
            found = cache[handle] = self._lookup(handle)
        return found

    def _lookup(self, handle: str) -> NameMatch:
        norm = _norm(handle)
        owners = self._index.get(norm, ())
        if owners:
            return NameMatch(self._by_id.get(owners[0]) if len(owners) == 1 else None)
        return self.by_first_name(norm)

    def by_first_name(self, norm: str) -> NameMatch:
        """The person whose first name is ``norm`` (a normalised single word), if exactly one has it."""
        ids = self._first_names.get(norm, ()) if norm and " " not in norm else ()
        if len(ids) == 1:
            return NameMatch(self._by_id[ids[0]], by_first_name=True)
        if ids:
            return NameMatch(None, candidates=tuple(self._by_id[i] for i in ids))
        return NO_MATCH

    def lookup_key(self, handle: str) -> Person | None:
        """The person ``handle`` is a key of (id, name, alias, email), ignoring first names."""
        owners = self._index.get(_norm(handle), ())
        return self._by_id.get(owners[0]) if len(owners) == 1 else None

    def suggest(self, handle: str, limit: int = 3) -> list[str]:
        """Up to `limit` "did you mean" strings for an unknown handle, e.g. `dceara (Dumitru Ceara)`.

        The closest keys by ``difflib``'s ratio (0.6 at least), among the candidates
        ``_Suggester`` finds: every key of a small registry, the keys sharing most letter
        triples with the handle in a large one. Results are remembered: notes repeat names.
        """
        norm = _norm(handle)
        if not norm or limit <= 0:
            return []
        cache = self._suggested
        if (norm, limit) in cache:
            return cache[(norm, limit)]
        suggester = self._lazy.get("suggester")
        if suggester is None:
            suggester = self._lazy["suggester"] = _Suggester(
                [k for k, owners in self._index.items() if len(owners) == 1]
            )
        out: list[str] = []
        seen: set[str] = set()
        for key in suggester.closest(norm):
            person = self._by_id[self._index[key][0]]
            if person.id in seen:
                continue
            seen.add(person.id)
            shown = self._shown[key]
            out.append(person.name if _norm(person.name) == key else f"{shown} ({person.name})")
            if len(out) >= limit:
                break
        if len(cache) >= _RESOLVED_MAX:
            cache.clear()
        cache[(norm, limit)] = out
        return out

    def match_attendees(self, text: str) -> list[AttendeeMatch]:
        """Split an attendee line into people, in the order written.

        Names may be separated by commas, semicolons, ` and `, or nothing at all. At each
        position the longest run of up to four tokens that resolves (full name, email, handle,
        `@Full Name`) wins; a maximal run of unresolved tokens becomes one unresolved attendee,
        except that each email-looking token stands on its own. A first name (see ``lookup``)
        counts only when it stands alone: at the end of its segment or before another name that
        resolves, not as the first word of a longer name the registry does not know (``Mark Gray``
        stays one unknown attendee even when the registry has one Mark).
        """
        matches: list[AttendeeMatch] = []
        for segment in _segments(text):
            pending: list[tuple[int, int]] = []  # unresolved tokens in a row: one attendee
            i = 0
            while i < len(segment):
                for n in range(min(_MAX_RUN, len(segment) - i), 0, -1):
                    run = segment[i : i + n]
                    written = " ".join(text[s:e] for s, e in run)
                    person = self.resolve(written)
                    first = person is not None and n == 1 and self.lookup_key(written) is None
                    if first and i + 1 < len(segment) and not self._starts_person(text, segment, i + 1):
                        person = None  # the first word of an unknown full name
                    if person is not None:
                        _flush(pending, text, matches)
                        start, end = run[0][0], run[-1][1]
                        matches.append(
                            AttendeeMatch(text[start:end], start + 1, person.id, by_first_name=first)
                        )
                        i += n
                        break
                else:
                    start, end = segment[i]
                    if _looks_like_email(text[start:end]):
                        _flush(pending, text, matches)
                        matches.append(AttendeeMatch(text[start:end], start + 1, None))
                    else:
                        pending.append((start, end))
                    i += 1
            _flush(pending, text, matches)
        return matches

    def _starts_person(self, text: str, segment: list[tuple[int, int]], i: int) -> bool:
        """True when a run of tokens starting at ``segment[i]`` resolves to somebody."""
        return any(
            self.resolve(" ".join(text[s:e] for s, e in segment[i : i + n])) is not None
            for n in range(1, min(_MAX_RUN, len(segment) - i) + 1)
        )


SUGGEST_CUTOFF = 0.6
"""Least ``difflib`` ratio of a suggestion (as ``difflib.get_close_matches``)."""
EXACT_SUGGESTIONS = 1000
"""Registries with at most this many keys compare a handle with every key; larger ones use an index."""
CANDIDATES = 200
"""Keys of a large registry compared with a handle: those sharing most letter triples with it."""
POSTINGS_BUDGET = 50_000
"""Index entries read per handle at most (the rarest triples first): bounded work whatever the registry."""


def _triples(text: str) -> set[str]:
    padded = f"\x02{text}\x03"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class _Suggester:
    """Near misses of a handle among registry keys, in near-constant time per handle.

    Comparing a handle with every key (``difflib``) is quadratic over a run: 1,000 unknown
    speakers against a registry of 100,000 aliases took minutes. A large registry is indexed by
    the letter triples of its keys (``^ab``, ``abc``, ..., ``yz$``); a handle is compared only
    with the ``CANDIDATES`` keys sharing most triples with it, counted from its rarest triples
    within ``POSTINGS_BUDGET``. A key close enough to be suggested shares a run of letters with
    the handle, so it shares triples; the cap can only miss a key among many equally close ones.
    """

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.postings: dict[str, list[int]] | None = None
        if len(keys) > EXACT_SUGGESTIONS:
            postings: dict[str, list[int]] = {}
            for index, key in enumerate(keys):
                for triple in _triples(key):
                    postings.setdefault(triple, []).append(index)
            self.postings = postings

    def candidates(self, norm: str) -> list[str]:
        if self.postings is None:
            return self.keys
        lists = sorted((self.postings.get(triple, []) for triple in _triples(norm)), key=len)
        shared: dict[int, int] = {}
        budget = POSTINGS_BUDGET
        for found in lists:
            if not found:
                continue
            if len(found) > budget:
                break
            budget -= len(found)
            for index in found:
                shared[index] = shared.get(index, 0) + 1
        best = heapq.nlargest(CANDIDATES, shared.items(), key=lambda pair: (pair[1], -pair[0]))
        return [self.keys[index] for index, _ in best]

    def closest(self, norm: str) -> list[str]:
        """Candidate keys with a ratio of ``SUGGEST_CUTOFF`` or more, best first (ties: as ``get_close_matches``)."""
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(norm)
        scored = []
        for key in self.candidates(norm):
            matcher.set_seq1(key)
            if (
                matcher.real_quick_ratio() >= SUGGEST_CUTOFF
                and matcher.quick_ratio() >= SUGGEST_CUTOFF
                and matcher.ratio() >= SUGGEST_CUTOFF
            ):
                scored.append((matcher.ratio(), key))
        return [key for _, key in sorted(scored, reverse=True)]


def _flush(pending: list[tuple[int, int]], text: str, matches: list[AttendeeMatch]) -> None:
    """Turn a run of unresolved token spans into one unresolved attendee."""
    if pending:
        start, end = pending[0][0], pending[-1][1]
        matches.append(AttendeeMatch(text[start:end], start + 1, None))
        pending.clear()


def _claims(person: Person) -> list[tuple[str, str]]:
    """(field, key) for every string a person can be written as."""
    claims = [("id", person.id), ("name", person.name)] + [("aliases", a) for a in person.aliases]
    for email in person.emails:
        claims.append(("emails", email))
        local = email.partition("@")[0]
        if local and local != email:
            claims.append(("emails", local))
    return claims


def person_keys(person: Person) -> list[str]:
    """Every string a person can be written as: id, name, aliases, emails and email local parts."""
    return [key for _, key in _claims(person)]


def _segments(text: str) -> list[list[tuple[int, int]]]:
    """Token spans of `text`, grouped into segments split by `,`, `;` and the word `and`."""
    segments: list[list[tuple[int, int]]] = [[]]
    last_end = 0
    for m in _TOKEN_RE.finditer(text):
        if _HARD_SEP_RE.search(text, last_end, m.start()) and segments[-1]:
            segments.append([])
        last_end = m.end()
        if m.group() == "and":
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(m.span())
    return [s for s in segments if s]


# --- Reading the TOML file -----------------------------------------------------------------


class _Lines:
    """Finds source lines of `[[person]]` tables and their keys by scanning the text.

    Line starts are found once and looked up by bisection, and each table's end once, so finding
    the lines of every entry is linear in the file (it counted from the top for each entry).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables = [m.start() for m in _TABLE_RE.finditer(text)]
        self.all_tables = [m.start() for m in _ANY_TABLE_RE.finditer(text)]
        self.line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
        self.key_res: dict[str, re.Pattern[str]] = {}

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def table(self, i: int) -> int:
        return self.line_of(self.tables[i]) if i < len(self.tables) else 0

    def key(self, i: int, key: str) -> int:
        if i >= len(self.tables):
            return 0
        start = self.tables[i]
        after = bisect.bisect_right(self.all_tables, start)
        end = self.all_tables[after] if after < len(self.all_tables) else len(self.text)
        key_re = self.key_res.get(key)
        if key_re is None:
            key_re = self.key_res[key] = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", re.MULTILINE)
        m = key_re.search(self.text, start, end)
        return self.line_of(m.start()) if m else self.table(i)


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse_registry(text: str, path: str = DEFAULT_PATH) -> tuple[Registry, list[Diagnostic]]:
    """Read a people registry; returns what could be read and the problems found. Never raises."""
    diags: list[Diagnostic] = []
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, TypeError, ValueError) as exc:
        pos = _TOML_POS_RE.search(str(exc))
        line, column = (int(pos.group(1)), int(pos.group(2))) if pos else (0, 0)
        diags.append(
            rules.diagnostic("ONR401", path, line, column, f"The people registry is not valid TOML: {exc}.")
        )
        return Registry(), diags

    lines = _Lines(text)
    if not text.isascii():
        for row, source_line in enumerate(text.split("\n"), start=1):
            found = bidi_control(source_line)
            if found is not None:
                message = f"this line holds an invisible bidirectional control ({found[1]}), which can make a name look like another; it was kept"
                diags.append(rules.diagnostic("ONI005", path, row, found[0], message))
    for key in data:
        if key != "person":
            diags.append(
                rules.diagnostic(
                    "ONR405",
                    path,
                    0,
                    0,
                    f"Unknown top-level key `{key}`; only `[[person]]` tables are allowed.",
                )
            )
    entries = data.get("person", [])
    if not isinstance(entries, list):
        diags.append(
            rules.diagnostic("ONR405", path, 0, 0, "`person` must be a list of `[[person]]` tables.")
        )
        entries = []

    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    claimed: dict[str, str] = {}
    previous_id: str | None = None
    for i, entry in enumerate(entries):
        table_line = lines.table(i)

        def bad(key: str | None, message: str, i: int = i, table_line: int = table_line) -> None:
            line = lines.key(i, key) if key else table_line
            diags.append(rules.diagnostic("ONR405", path, line, 0, message))

        if not isinstance(entry, dict):
            bad(None, f"Registry entry {i + 1} is not a table.")
            continue
        for key in entry:
            if key not in _KEYS:
                bad(key, f"Unknown key `{key}` in registry entry {i + 1}; allowed: {', '.join(_KEYS)}.")
        pid, name = entry.get("id"), entry.get("name")
        if not isinstance(pid, str) or not _ID_RE.match(pid):
            bad(
                "id" if "id" in entry else None,
                f"Registry entry {i + 1} needs an `id` slug such as `dumitru-ceara`, got {pid!r}.",
            )
            continue
        if not isinstance(name, str) or not name.strip():
            bad("name" if "name" in entry else None, f"Person `{pid}` needs a non-empty `name` string.")
            continue
        fields: dict[str, Any] = {"id": pid, "name": one_line(name)}
        for key in ("aliases", "emails"):
            value = _str_list(entry.get(key, []))
            if value is None:
                bad(key, f"`{key}` of person `{pid}` must be a list of strings.")
                value = [v for v in entry[key] if isinstance(v, str)] if isinstance(entry[key], list) else []
            fields[key] = [one_line(v) for v in value]
        for key in ("affiliation", "evidence"):
            if key in entry and not isinstance(entry[key], str):
                bad(key, f"`{key}` of person `{pid}` must be a string.")
        if isinstance(entry.get("affiliation"), str):
            fields["affiliation"] = one_line(entry["affiliation"])

        if pid in seen_ids:
            diags.append(
                rules.diagnostic(
                    "ONR402",
                    path,
                    lines.key(i, "id"),
                    0,
                    f"Person id `{pid}` is used twice (first at line {seen_ids[pid]}).",
                )
            )
            continue
        seen_ids[pid] = lines.key(i, "id")
        if previous_id is not None and pid < previous_id:
            diags.append(
                rules.diagnostic(
                    "ONR404",
                    path,
                    table_line,
                    0,
                    f"Person `{pid}` comes after `{previous_id}`; entries must be sorted by id.",
                )
            )
        previous_id = pid if previous_id is None else max(previous_id, pid)

        try:
            person = Person(**fields)
        except ValidationError as exc:  # pragma: no cover - fields are checked above
            bad(None, f"Person `{pid}` is malformed: {exc}.")
            continue
        for field_name, key in _claims(person):
            norm = _norm(key)
            owner = claimed.setdefault(norm, pid) if norm else pid
            if owner != pid:
                message = f"`{key}` ({field_name}) of person `{pid}` is also claimed by `{owner}`."
                diags.append(rules.diagnostic("ONR403", path, lines.key(i, field_name), 0, message))
        people.append(person)
    return Registry(tuple(people), source=path), diags
