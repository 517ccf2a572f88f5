from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_notes(monkeypatch, tmp_path):
    """Every reader opens the notes store (and may use the cache): keep tests away from the user's own."""
    monkeypatch.setenv("QUOTELENS_DATA_DIR", str(tmp_path / "user-data"))
    monkeypatch.setenv("QUOTELENS_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.setenv("QUOTELENS_CONFIG_DIR", str(tmp_path / "user-config"))
