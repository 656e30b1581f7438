"""Test fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_FILE = REPO / "seeds" / "000_51a9c244470b2f12.txt"


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory, monkeypatch) -> Path:
    """Point READER_HOME at a fresh temporary directory for every test.

    Tests never read or write the user's real config, bookmarks or index.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_DEBUG", raising=False)
    return home


@pytest.fixture
def shared() -> Path:
    """The ../shared folder with real corpora; skips the test when absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora is not present")
    return SHARED
