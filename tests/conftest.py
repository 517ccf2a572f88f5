from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from benchmarks.corpus import SHARED  # ../shared, from the main checkout or a worktree

# Property tests without a time limit (CI shares two cores); `--hypothesis-profile fuzz` runs the fuzz
# tests (tests/annotators/test_fuzz.py) on thousands of texts instead of a hundred.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", parent=settings.get_profile("ci"), max_examples=5_000)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
POLNEAR = SHARED / "corpora" / "polnear"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    from seeds import default_seed

    return default_seed()


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def needs_shared(path: Path):
    """Skip cleanly when the read-only ../shared material is not beside the checkout."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")
