"""Shared fixtures: the sample article, the model, and ``../shared`` when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SAMPLE = DATA / "000_7aa5f2e1afbc3548.txt"
SHARED = REPO.parent / "shared"
# Settings that swap the shipped lexicons or the lexicon stance for an analyst's own:
# the tests check the shipped defaults (the stance model's tests set theirs).
ANALYST_SETTINGS = ("TOOLKIT_DATA_DIR", "TOOLKIT_STANCE_MODEL")


def pytest_configure(config: pytest.Config) -> None:
    """Run the tests on the shipped data and the lexicon stance, whatever the shell sets."""
    for name in ANALYST_SETTINGS:
        os.environ.pop(name, None)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` with the sample's gold; tests that need it skip when it is absent."""
    return require_shared("gold", "seed.jsonl").parent.parent


def require_shared(*parts: str) -> Path:
    """The path of a file in ``../shared``, or a skip naming what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent: this test needs it")
    return path


@pytest.fixture(scope="session")
def nlp():
    from toolkit.nlp import load_model

    return load_model()
