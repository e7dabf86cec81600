"""Shared fixtures: the bundled seed, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovnnotes.api import parse_paths
from ovnnotes.model import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "ovn-community-meetings.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return parse_paths([str(SEED)])
