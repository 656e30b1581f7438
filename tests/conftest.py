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


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's ``snap_compare``, settled before each screenshot.

    After ``run_before`` and ``press``, notifications are cleared and cursors
    stop blinking (``tests.tui_helpers.settle_for_snapshot``): both depend on
    the wall clock, so a screenshot holding them passes or fails with the
    machine's speed.
    """
    import inspect

    from tests.tui_helpers import settle_for_snapshot

    def compare(app, press=(), terminal_size=(80, 24), run_before=None):
        async def settled(pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            if press:
                await pilot.press(*press)
            await settle_for_snapshot(pilot)

        return snap_compare(app, terminal_size=terminal_size, run_before=settled)

    return compare
