"""Where things are: the checkout under test, its test data, the shared corpora beside it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
DATA = TESTS / "data"
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
