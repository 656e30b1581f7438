"""The messages of the TUI (reader/tui/messages.py)."""

from __future__ import annotations

from reader.tui.messages import IndexProgress, IndexProgressEnded, IndexReady


def test_a_flood_of_file_counts_coalesces_to_the_newest():
    older = IndexProgress("Building the index", 3, 7)
    assert older.can_replace(IndexProgress("Building the index", 4, 7))
    assert older.can_replace(IndexProgress("Building the index", 7, 7))


def test_the_last_count_a_phase_change_and_commit_ticks_all_show():
    last = IndexProgress("Building the index", 7, 7)
    committing = IndexProgress("Building the index", 7, 7, "committing", 0.0)
    assert not last.can_replace(committing)  # the last count is not hidden by the commit
    assert not committing.can_replace(IndexProgress("Building the index", 7, 7, "committing", 1.0))
    assert not IndexProgress("Building the index", 3, 7).can_replace(IndexProgress("Updating the index", 4, 7))
    assert not IndexProgress("Building the index", 4, 7).can_replace(IndexProgress("Building the index", 3, 7))
    assert not last.can_replace(IndexProgressEnded())
    assert not last.can_replace(IndexReady())


async def test_the_main_screen_shows_the_newest_count_of_a_flood(tmp_path):
    from tests.tui_helpers import make_app, wait_for, wait_results

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        handled = []
        real = app.main.show_progress
        app.main.show_progress = lambda *args: (handled.append(args[1]), real(*args))
        for done in range(1, 2001):  # queued faster than the screen handles them
            app.main.post_message(IndexProgress("Updating the index", done, 2000))
        await wait_for(pilot, lambda: handled and handled[-1] == 2000)
        # The results' count stays, the update's progress after it.
        assert str(app.query_one("#status-left").render()) == "7 articles, newest first · Updating the index: 2000/2000 files"
        assert len(handled) < 2000 and handled == sorted(handled)
