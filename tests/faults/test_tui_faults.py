"""Failures during a session become visible notifications, never a
traceback and never silence."""

from __future__ import annotations

from reader.tui.app import ArticleView, ResultsList
from tests.tui_helpers import make_app, type_query, wait_for, wait_results


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_index_damaged_mid_session_is_reported(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")

        def broken(*args, **kwargs):
            raise app.library.store.damaged(OSError("segment file missing"))

        # Opening reports rather than crashing.
        app.index.get = broken
        await pilot.press("escape", "enter")
        await wait_for(pilot, lambda: any("damaged" in m for m in notifications(app)))
        assert app.is_running
        assert any("reader index --rebuild" in m for m in notifications(app))
        # So does searching (in a worker).
        app.index.search = broken
        await pilot.press("slash", "k", "a")
        await wait_for(pilot, lambda: sum("damaged" in m for m in notifications(app)) >= 2)
        assert app.is_running


async def test_failed_search_leaves_no_stale_results(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "inflation")
        assert [r.id for r in app.query_one(ResultsList).results] == ["news/delta"]

        def broken(*args, **kwargs):
            raise app.library.store.damaged(OSError("segment file missing"))

        app.index.search = broken
        await pilot.press("space", "r")  # "inflation r": the search fails
        await wait_for(pilot, lambda: any("damaged" in m for m in notifications(app)))
        # The results of "inflation" are not shown as those of "inflation r".
        results = app.query_one(ResultsList)
        assert results.results == [] and results.option_count == 0
        assert app.response is None
        assert app.screen.showing_no_results()
        assert "The search for inflation r failed." in str(app.query_one("#empty").render())
        assert str(app.query_one("#status-left").render()) == "Search failed"
        # A search that works again shows its results.
        del app.index.search
        await pilot.press("backspace", "backspace")
        await wait_results(pilot, "inflation")
        assert [r.id for r in results.results] == ["news/delta"] and not app.screen.showing_no_results()


async def test_unexpected_worker_error_is_reported(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")

        def broken(*args, **kwargs):
            raise RuntimeError("boom")

        app.index.search = broken
        await pilot.press("slash", "z")
        await wait_for(pilot, lambda: any("Search failed: RuntimeError: boom" in m for m in notifications(app)))
        assert app.is_running and app._exception is None


async def test_article_whose_file_was_deleted_opens_with_a_warning(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "inflation")
        (tmp_path / "news" / "delta.txt").unlink()
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.article.id == "news/delta"
        await wait_for(pilot, lambda: any("no longer exists" in m and "delta.txt" in m for m in notifications(app)))


async def test_article_removed_from_the_index_is_reported(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "inflation")
        app.index.get = lambda article_id: None
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("no longer in the index" in m for m in notifications(app)))
        assert app.query_one(ResultsList).results


def boom(*args, **kwargs):
    raise RuntimeError("boom")


async def test_every_worker_failure_is_a_notification(tmp_path, monkeypatch):
    """Each group of workers, the main screen's and the app's, fails visibly."""
    import reader.tui.app as app_module
    import reader.tui.screens.main as main_module
    from tests.tui_helpers import wait_saved

    app = make_app(tmp_path)

    def shown(text: str) -> bool:
        return any(n.message == text for n in app._notifications)

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        # The main screen's: finding a long article's quotes and figures.
        monkeypatch.setattr(main_module, "ANNOTATE_INLINE_CHARS", 0)
        monkeypatch.setattr(main_module, "build_marks", boom)
        await pilot.press("escape", "enter")
        await wait_for(pilot, lambda: shown("Finding quotes and figures failed: RuntimeError: boom"))
        # The app's: a bookmark change (and the next change still runs) ...
        await pilot.press("escape")
        monkeypatch.setattr(app.bookmarks, "add", boom)
        await pilot.press("b")
        await wait_saved(pilot)
        assert shown("Bookmarks not saved: RuntimeError: boom")
        monkeypatch.undo()
        await pilot.press("b")
        await wait_saved(pilot)
        assert len(app.bookmarks.entries()) == 1
        # ... an export ...
        monkeypatch.setattr(app_module, "export", boom)
        app.export_bookmarks(tuple(app.bookmarks.entries()), "json", tmp_path / "out.json")
        await wait_saved(pilot)
        assert shown("Export failed: RuntimeError: boom")
        # ... and updating the index.
        monkeypatch.setattr(app.library, "update", boom)
        app.action_reindex()
        await wait_for(pilot, lambda: shown("Indexing failed: RuntimeError: boom"))
        assert app.is_running and app._exception is None
