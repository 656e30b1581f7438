"""The TUI's status line during an index build: files, then the commit phase."""

from __future__ import annotations

import threading

from reader.tui.screens.main import MainScreen
from tests.helpers import commit_waits_for_a_tick
from tests.tui_helpers import make_app, wait_for, wait_results


async def test_status_line_tells_the_commit_phase(tmp_path, monkeypatch):
    app = make_app(tmp_path, index=False)
    ticked = threading.Event()
    shown = []
    real_show = MainScreen.show_progress

    def show(screen, label, done, total, phase="reading", elapsed=0.0):
        real_show(screen, label, done, total, phase, elapsed)
        shown.append((phase, str(screen.query_one("#status-left").render())))
        if phase == "committing" and elapsed > 0:
            ticked.set()

    monkeypatch.setattr(MainScreen, "show_progress", show)
    commit_waits_for_a_tick(monkeypatch, ticked)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.response is not None)
        await wait_results(pilot, "")
    reading = [text for phase, text in shown if phase == "reading"]
    committing = [text for phase, text in shown if phase == "committing"]
    assert reading[-1] == "Building the index: 7/7 files"
    assert committing[0] == "Building the index: committing the index (7 files)… 0 s"
    assert all(text.startswith("Building the index: committing the index (7 files)… ") for text in committing)
    assert committing[-1].endswith(" s")
