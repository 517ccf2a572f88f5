from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the main checkout; a worktree under /work/wt/NAME finds it one level further up.
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.exists()), REPO.parent / "shared")
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
