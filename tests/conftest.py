"""Shared fixtures: the sample article, the model, and ``../shared`` when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SAMPLE = DATA / "000_7aa5f2e1afbc3548.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seed.jsonl").exists():
        pytest.skip("../shared is absent: the gold and corpus tests need it")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from toolkit.nlp import load_model

    return load_model()
