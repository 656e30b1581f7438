"""Bookmarks in the app: b, B, the bookmarks screen and export."""

from __future__ import annotations

from reader.bookmarks.store import BookmarkStore
from reader.tui.app import ArticleView, ResultsList
from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen, ExportDialog
from tests.test_tui import type_query
from tests.tui_helpers import make_app, wait_results


def stored(app):
    return BookmarkStore(app.paths.bookmarks).load()


async def test_b_toggles_the_highlighted_result_and_marks_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape")  # to the results
        first = app.query_one(ResultsList).current
        await pilot.press("b")
        assert [e.id for e in stored(app).entries("reading")] == [first.id]
        assert first.id in app.query_one(ResultsList).bookmarked
        await pilot.press("b")
        assert stored(app).entries("reading") == []
        assert first.id not in app.query_one(ResultsList).bookmarked


async def test_b_in_viewer_bookmarks_the_open_article(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "inflation")
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("b")
        (entry,) = stored(app).entries()
        assert entry.id == "news/delta" and entry.title == "Markets rally as inflation eases"
        assert entry.path.endswith("delta.txt")


async def test_capital_b_dialog_sets_tags_and_note(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "B")
        assert isinstance(app.screen, BookmarkDialog)
        for char in "econ, uk":
            await pilot.press(char if char != " " else "space")
        await pilot.press("tab")  # to the note
        for char in "read later":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
        (entry,) = stored(app).entries()
        assert entry.tags == ("econ", "uk") and entry.note == "read later"


async def test_bookmarks_screen_filter_remove_undo_and_export(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "j", "b", "j", "b")
        assert len(stored(app).entries()) == 3
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert len(screen.shown) == 3
        await pilot.press("slash")
        for char in "alpha":
            await pilot.press(char)
        await pilot.pause()
        assert [e.id for e in screen.shown] == ["news/alpha"]
        await pilot.press("escape")  # leave the filter
        await pilot.press("d")
        assert len(stored(app).entries()) == 2 and "news/alpha" not in [e.id for e in stored(app).entries()]
        await pilot.press("u")
        assert "news/alpha" in [e.id for e in stored(app).entries()]
        screen.query_one("#bookmarks-filter").value = ""
        await pilot.pause()
        out = tmp_path / "out" / "marks.csv"
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-format").value = "csv"
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(out)
        await pilot.click("#export-go")
        await pilot.pause()
        text = out.read_bytes().decode("utf-8")
        assert text.count("\r\n") == 4  # header + 3 entries, RFC 4180 line ends
        assert "news/alpha" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, BookmarksScreen)


async def test_opening_from_bookmarks_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "ctrl+b", "enter")
        await pilot.pause()
        viewer = app.query_one(ArticleView)
        assert viewer.article is not None and app.focused is viewer


async def test_broken_bookmarks_file_is_reported_and_never_overwritten(tmp_path):
    app = make_app(tmp_path)
    app.paths.bookmarks.parent.mkdir(parents=True, exist_ok=True)
    broken = b"lists:\n  reading:\n    - id: [unclosed\n"
    app.paths.bookmarks.write_bytes(broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        messages = " ".join(n.message for n in app._notifications)
        assert "bookmarks.yaml" in messages
        await pilot.press("escape", "b")
        assert app.paths.bookmarks.read_bytes() == broken
        assert app.is_running
