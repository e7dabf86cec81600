"""Fuzz the parser: parse N generated notes texts and report every exception (and every lost line).

The inputs come from the grammar in ``tests/strategies.py``: realistic meetings (headings in the
export's forms, metadata, sections, bullets, speakers, links, fenced OVSDB tables, checkbox action
items) with random damage (control and invisible characters, cuts, pathological runs, mixed
line ends...). By default the grammar is driven by a seeded ``random.Random`` (fast, one seed per
input, so any failure can be replayed exactly); ``--hypothesis`` drives it with Hypothesis instead,
which is slower but shrinks the first failure to a minimal input.

For each input it checks that ``ovnnotes.parse`` does not raise, that every non-blank line
ends up in the document (``tests/test_parser.py::unaccounted``), and, read as a text export and
as Markdown, that ``fmt`` is idempotent and keeps every character of every code block
(``tests/test_properties.py::fmt_problem``; ``--no-fmt`` skips this); with ``--exports K`` every
K-th document is also rendered in all four formats.

Usage (from the project root, with the project's venv; needs the test extras)::

    .venv/bin/python bench/fuzz.py                    # 100 000 inputs, all cores
    .venv/bin/python bench/fuzz.py -n 5000 --seed 7   # fewer inputs, another seed range
    .venv/bin/python bench/fuzz.py --exports 50       # also render every 50th document
    .venv/bin/python bench/fuzz.py --replay 1234      # print input number 1234 (seed + index)
    .venv/bin/python bench/fuzz.py --hypothesis -n 2000

Exit status: 0 when nothing failed, 1 otherwise. Failing inputs are written to ``--save DIR``
(default ``bench/fuzz-failures/``) as ``<seed>.txt``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from strategies import notes_documents, random_document  # noqa: E402

from ovnnotes import parse  # noqa: E402
from ovnnotes.model import Document  # noqa: E402
from ovnnotes.read.lines import split_lines  # noqa: E402
from ovnnotes.vocabulary.characters import normalise_line  # noqa: E402
from ovnnotes.writers.exporters import render  # noqa: E402

FORMATS = ("json", "jsonl", "csv", "ical", "sqlite")


def _unaccounted(document: Document, text: str) -> list[int]:
    from test_parser import unaccounted

    return unaccounted(document, "\n".join(normalise_line(line)[0] for line in split_lines(text)))


def check(text: str, exports: bool = False, fmt: bool = True) -> tuple[str, str] | None:
    """None when the text parses (and renders) cleanly, else (kind, detail) of the failure.

    The kind is the exception type and where it was raised (or ``lost lines``, or a ``fmt``
    property that does not hold, the text read as a text export or as Markdown): failures of
    one kind are one bug.
    """
    from test_properties import fmt_problem

    try:
        document, _ = parse(text)
        lost = _unaccounted(document, text)
        if lost:
            return "lost lines", f"lines {lost[:5]} are not in the document"
        if exports:
            for name in FORMATS:
                render(document, name)
        for path in ("notes.txt", "notes.md") if fmt else ():
            problem = fmt_problem(text, path)
            if problem:
                return f"{problem} ({Path(path).suffix})", f"{len(text)} characters"
    except Exception as error:  # noqa: BLE001 - the point is to catch everything
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})", str(
            error
        )[:160]
    return None


Failure = tuple[int, str, str]  # seed, kind, detail


def _work(job: tuple[int, int, int, bool]) -> tuple[int, int, list[Failure]]:
    """Check inputs ``start`` to ``stop`` - 1; returns the count, total size and failures."""
    start, stop, every, fmt = job
    failures, size = [], 0
    for seed in range(start, stop):
        text = random_document(random.Random(seed))
        size += len(text)
        problem = check(text, exports=bool(every) and seed % every == 0, fmt=fmt)
        if problem:
            failures.append((seed, *problem))
    return stop - start, size, failures


def run_random(
    count: int, first: int, jobs: int, every: int, fmt: bool = True
) -> tuple[int, int, list[Failure]]:
    chunk = 500
    work = [(s, min(s + chunk, first + count), every, fmt) for s in range(first, first + count, chunk)]
    done, size, failures = 0, 0, []
    with multiprocessing.Pool(jobs) as pool:
        for n, chars, found in pool.imap_unordered(_work, work):
            done, size = done + n, size + chars
            failures += found
            if done % 10000 < chunk:
                print(f"  {done} inputs, {len(failures)} failures", file=sys.stderr, flush=True)
    return done, size, sorted(failures)


def run_hypothesis(count: int, every: int, fmt: bool = True) -> list[Failure]:
    from hypothesis import HealthCheck, given, settings

    failures: list[Failure] = []
    counter = [0]

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(notes_documents())
    def fuzz(text: str) -> None:
        counter[0] += 1
        problem = check(text, exports=bool(every) and counter[0] % every == 0, fmt=fmt)
        assert problem is None, f"{problem[0]}: {problem[1]}\nminimal input: {text!r}"

    try:
        fuzz()
    except Exception as error:  # noqa: BLE001 - Hypothesis has shrunk it: report the minimal input
        failures.append((-1, "hypothesis", str(error)))
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--count", type=int, default=100_000, help="number of inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="first seed; input i uses seed + i (default 0)")
    parser.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--exports", type=int, default=0, metavar="K", help="also render every K-th document in all formats"
    )
    parser.add_argument(
        "--hypothesis",
        action="store_true",
        help="drive the grammar with Hypothesis (slower; shrinks failures)",
    )
    parser.add_argument(
        "--no-fmt",
        dest="fmt",
        action="store_false",
        help="skip the fmt properties (idempotence, code blocks kept)",
    )
    parser.add_argument(
        "--replay", type=int, metavar="SEED", help="print the input of this seed and check it"
    )
    parser.add_argument(
        "--save", type=Path, default=ROOT / "bench" / "fuzz-failures", help="where failing inputs are written"
    )
    args = parser.parse_args()

    if args.replay is not None:
        text = random_document(random.Random(args.replay))
        print(repr(text))
        problem = check(text, exports=True)
        print(": ".join(problem) if problem else "ok")
        return 1 if problem else 0

    start = time.perf_counter()
    if args.hypothesis:
        failures, done, size = run_hypothesis(args.count, args.exports, args.fmt), args.count, 0
    else:
        done, size, failures = run_random(args.count, args.seed, args.jobs, args.exports, args.fmt)
    elapsed = time.perf_counter() - start

    kinds = Counter(kind for _, kind, _ in failures)
    print(
        f"inputs: {done}"
        + (f" ({size / 1e6:.1f} MB of text, {size // max(done, 1)} characters on average)" if size else "")
    )
    print(
        f"time: {elapsed:.1f} s ({done / elapsed:.0f} inputs/s, {args.jobs if not args.hypothesis else 1} processes)"
    )
    print(f"failures: {len(failures)}")
    for kind, n in kinds.most_common():
        seed, _, detail = next(failure for failure in failures if failure[1] == kind)
        print(f"  {n:6d}  {kind}: {detail}  (first: seed {seed})")
    if failures and not args.hypothesis:
        args.save.mkdir(parents=True, exist_ok=True)
        for seed, _, _ in failures[:100]:
            (args.save / f"{seed}.txt").write_text(
                random_document(random.Random(seed)), encoding="utf-8", newline=""
            )
        print(f"failing inputs written to {args.save} (replay one with --replay SEED)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
