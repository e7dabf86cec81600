"""Shared fixtures: the bundled seed, parsed once per test session."""

from __future__ import annotations

import os as _os
import sys as _sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck as _HealthCheck
from hypothesis import settings as _settings

from ovnnotes.api import parse_paths
from ovnnotes.model import Document

# Bytecode caches on, whatever the environment says (PYTHONDONTWRITEBYTECODE): the suite starts
# ovnnotes in about a hundred processes, and each would compile the package again (0.1 s each);
# pytest would also rewrite every test module again in each worker. The caches are git-ignored.
_os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
_sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "ovn-community-meetings.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="Rewrite golden files from the current output."
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return parse_paths([str(SEED)])


# -- Hypothesis profiles (tests/test_properties.py, tests/test_hostile.py) ---------------------------
# `ci` (loaded when the CI environment variable is set) keeps the property tests fast and
# derandomized: CI gates every notes pull request, so a run must not fail on an example an
# unrelated change happened to draw. Exploration happens locally (random, the default profile)
# and with `thorough`; each bug it finds is pinned as an @example.
# `thorough` is for local bug hunting: HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py
# (a few minutes). Without either, Hypothesis' default profile (100 examples) is used.
_settings.register_profile("ci", max_examples=60, deadline=None, print_blob=True, derandomize=True)
_settings.register_profile(
    "thorough",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[_HealthCheck.too_slow, _HealthCheck.data_too_large],
)
if _os.environ.get("HYPOTHESIS_PROFILE"):
    _settings.load_profile(_os.environ["HYPOTHESIS_PROFILE"])
elif _os.environ.get("CI"):
    _settings.load_profile("ci")
