from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_notes(monkeypatch, tmp_path):
    """Every reader opens the notes store: keep tests away from the user's real notes."""
    monkeypatch.setenv("QUOTELENS_DATA_DIR", str(tmp_path / "user-data"))
