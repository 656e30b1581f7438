"""Bookmarks in the app: b, B, the bookmarks screen and export."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from reader.bookmarks.store import BookmarkStore
from reader.config import Config
from reader.tui.app import ArticleView, ResultsList
from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen, ExportDialog
from tests.tui_helpers import (
    assert_bookmarks_consistent,
    disk_full,
    make_app,
    record_notifications,
    type_query,
    wait_results,
    wait_saved,
)


def stored(app):
    return BookmarkStore(app.paths.bookmarks).load()


async def test_b_toggles_the_highlighted_result_and_marks_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape")  # to the results
        first = app.query_one(ResultsList).current
        await pilot.press("b")
        await wait_saved(pilot)
        assert [e.id for e in stored(app).entries("reading")] == [first.id]
        assert first.id in app.query_one(ResultsList).bookmarked
        await pilot.press("b")
        await wait_saved(pilot)
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
        await wait_saved(pilot)
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
        await wait_saved(pilot)
        (entry,) = stored(app).entries()
        assert entry.tags == ("econ", "uk") and entry.note == "read later"


async def test_capital_b_dialog_takes_semicolons_as_tag_separators(tmp_path):
    """A tag may hold neither ',' nor ';': typed between tags, a semicolon
    parts them (the store refused the whole save, found by the app fuzzer)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "B")
        assert isinstance(app.screen, BookmarkDialog)
        for char in ";econ; uk ,; london;":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await wait_saved(pilot)
        (entry,) = stored(app).entries()
        assert entry.tags == ("econ", "uk", "london")


async def test_bookmarks_screen_filter_remove_undo_and_export(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "j", "b", "j", "b")
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 3
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert len(screen.shown) == 3
        for char in "alpha":  # the filter has the focus
            await pilot.press(char)
        await pilot.pause()
        assert [e.id for e in screen.shown] == ["news/alpha"]
        assert_bookmarks_consistent(app)
        await pilot.press("down")  # to the list
        await pilot.press("d")
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 2 and "news/alpha" not in [e.id for e in stored(app).entries()]
        assert_bookmarks_consistent(app)
        await pilot.press("u")
        await wait_saved(pilot)
        assert "news/alpha" in [e.id for e in stored(app).entries()]
        assert_bookmarks_consistent(app)
        screen.query_one("#bookmarks-filter").value = ""
        await pilot.pause()
        out = tmp_path / "out" / "marks.csv"
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-format").value = "csv"
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(out)
        await pilot.click("#export-go")
        await wait_saved(pilot)
        text = out.read_bytes().decode("utf-8")
        assert text.count("\r\n") == 4  # header + 3 entries, RFC 4180 line ends
        assert "news/alpha" in text
        await pilot.press("escape")  # list -> filter
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("escape")  # filter -> leave the screen
        assert not isinstance(app.screen, BookmarksScreen)


async def test_opening_from_bookmarks_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b")
        await wait_saved(pilot)
        await pilot.press("ctrl+b", "down", "enter")
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
        await wait_saved(pilot)
        assert app.paths.bookmarks.read_bytes() == broken
        assert app.is_running


# ---------------------------------------------------------------------------
# The bookmarks screen: filter first, list keys only in the list, lasting undo


async def _three_bookmarks(pilot) -> None:
    await wait_results(pilot, "")
    await pilot.press("escape", "b", "j", "b", "j", "b")
    await wait_saved(pilot)
    assert len(stored(pilot.app).entries()) == 3


async def test_typing_in_the_filter_never_runs_list_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        before = app.paths.bookmarks.read_bytes()
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        search = screen.query_one("#bookmarks-filter", Input)
        assert app.focused is search
        for char in "dog":  # d is remove in the list
            await pilot.press(char)
        await pilot.pause()
        assert search.value == "dog"
        assert app.paths.bookmarks.read_bytes() == before
        assert len(stored(app).entries()) == 3
        assert screen.shown == []
        assert_bookmarks_consistent(app)
        for char in "uex":  # undo, edit and export keys: text too
            await pilot.press(char)
        await pilot.pause()
        assert search.value == "doguex"
        assert app.screen is screen and app.focused is search
        assert app.paths.bookmarks.read_bytes() == before


async def test_focus_moves_between_filter_and_list(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        await pilot.press("ctrl+b")
        screen = app.screen
        search = screen.query_one("#bookmarks-filter", Input)
        options = screen.query_one(OptionList)
        assert app.focused is search
        await pilot.press("down")
        assert app.focused is options and options.highlighted == 0
        await pilot.press("escape")
        assert app.focused is search and app.screen is screen
        await pilot.press("tab")
        assert app.focused is options
        await pilot.press("slash")
        assert app.focused is search and search.value == ""
        await pilot.press("enter")
        assert app.focused is options
        await pilot.press("escape", "escape")  # list -> filter -> leave
        assert not isinstance(app.screen, BookmarksScreen)
        assert len(stored(app).entries()) == 3


async def test_remapped_remove_key_does_nothing_in_the_filter(tmp_path):
    # ctrl+r is not a key the filter box takes, so only the focus check stops it.
    app = make_app(tmp_path, config=Config(keys={"bookmarks.remove": "ctrl+r"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        await pilot.press("ctrl+b", "ctrl+r")
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 3
        await pilot.press("down", "ctrl+r")
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 2
        assert_bookmarks_consistent(app)


async def test_undo_survives_leaving_and_reopening_the_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        first = stored(app).entries()[0]
        await pilot.press("ctrl+b", "down", "d")
        await wait_saved(pilot)
        assert first.id not in [e.id for e in stored(app).entries()]
        assert_bookmarks_consistent(app)
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, BookmarksScreen)
        assert_bookmarks_consistent(app)
        await pilot.press("ctrl+b", "down", "u")
        await wait_saved(pilot)
        entries = stored(app).entries()
        assert [e.id for e in entries][0] == first.id and entries[0] == first
        assert_bookmarks_consistent(app)


# ---------------------------------------------------------------------------
# A full disk while saving: reported, nothing changed, memory matches disk


def _disk_full_reported(shown, app) -> None:
    errors = [message for message, _, severity in shown if severity == "error"]
    assert errors, f"no error shown; notifications: {shown}"
    assert str(app.paths.bookmarks) in errors[-1]
    assert "disk is full" in errors[-1]


async def test_disk_full_while_bookmarking_with_b(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "j")
        before = app.paths.bookmarks.read_bytes()
        target = app.query_one(ResultsList).current
        shown = record_notifications(app)
        with disk_full():
            await pilot.press("b")
            await wait_saved(pilot)
        _disk_full_reported(shown, app)
        assert app.paths.bookmarks.read_bytes() == before
        assert target.id not in app.query_one(ResultsList).bookmarked
        assert not app.bookmarks.contains(target.id)
        assert_bookmarks_consistent(app)
        # once there is room again, b works
        await pilot.press("b")
        await wait_saved(pilot)
        assert app.bookmarks.contains(target.id)
        assert_bookmarks_consistent(app)
    assert app.return_code in (None, 0)


async def test_disk_full_on_the_bookmarks_screen_remove_undo_and_edit(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        await pilot.press("ctrl+b", "down")
        screen = app.screen
        shown = record_notifications(app)

        before = app.paths.bookmarks.read_bytes()
        with disk_full():
            await pilot.press("d")
            await wait_saved(pilot)
        _disk_full_reported(shown, app)
        assert app.paths.bookmarks.read_bytes() == before
        assert len(screen.shown) == 3
        assert_bookmarks_consistent(app)

        await pilot.press("d")  # room again: removed
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 2
        before = app.paths.bookmarks.read_bytes()
        shown.clear()
        with disk_full():
            await pilot.press("u")
            await wait_saved(pilot)
        _disk_full_reported(shown, app)
        assert app.paths.bookmarks.read_bytes() == before
        assert len(screen.shown) == 2
        assert_bookmarks_consistent(app)
        await pilot.press("u")  # the failed undo can be tried again
        await wait_saved(pilot)
        assert len(stored(app).entries()) == 3
        assert_bookmarks_consistent(app)

        before = app.paths.bookmarks.read_bytes()
        shown.clear()
        await pilot.press("e")
        assert isinstance(app.screen, BookmarkDialog)
        for char in "urgent":
            await pilot.press(char)
        with disk_full():
            await pilot.press("enter")
            await wait_saved(pilot)
        assert app.screen is screen
        _disk_full_reported(shown, app)
        assert app.paths.bookmarks.read_bytes() == before
        assert all("urgent" not in e.tags for e in stored(app).entries())
        assert_bookmarks_consistent(app)
    assert app.return_code in (None, 0)


async def test_ctrl_b_on_the_bookmarks_screen_does_not_open_a_second_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        await pilot.press("ctrl+b")
        screen = app.screen
        depth = len(app.screen_stack)
        await pilot.press("down", "ctrl+b")
        assert app.screen is screen and len(app.screen_stack) == depth
        assert app.focused is screen.query_one("#bookmarks-filter", Input)
        await pilot.press("down", "e")  # the edit dialog over the screen
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, BookmarkDialog) and len(app.screen_stack) == depth + 1


async def test_notifications_show_titles_as_text_not_markup(tmp_path):
    app = make_app(tmp_path, articles={"a.txt": "Oil [/x] falls [link=http://e.com]x[/link]\n\nBody text about oil.\n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "oil")
        calls = []
        original = app.notify
        app.notify = lambda message, **kwargs: (calls.append((message, kwargs)), original(message, **kwargs))
        await pilot.press("escape", "b")
        await wait_saved(pilot)
        await pilot.press("ctrl+b", "down", "d")
        await wait_saved(pilot)
        messages = [(m, kw) for m, kw in calls if "[link=" in m]
        assert len(messages) == 2, calls
        assert all(kw.get("markup") is False for _, kw in messages)


# ---------------------------------------------------------------------------
# Changes run off the UI thread, in the order asked for


async def test_undo_right_after_remove_puts_back_what_was_removed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        before = stored(app).entries()
        await pilot.press("ctrl+b", "down")
        # No wait between the keys: the undo is asked for while the removal may still be running.
        await pilot.press("d", "u", "j", "d", "u", "u")
        await wait_saved(pilot)
        assert stored(app).entries() == before
        assert_bookmarks_consistent(app)


async def test_a_change_waiting_for_the_lock_leaves_the_app_responsive(tmp_path):
    from filelock import FileLock

    app = make_app(tmp_path)
    app.bookmarks.lock_timeout = 300  # far from reach: the other reader lets go first
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape")
        target = app.query_one(ResultsList).current
        other_reader = FileLock(app.bookmarks.lock_path)
        other_reader.acquire()
        try:
            await pilot.press("b")
            # While the change waits for the lock, the app answers.
            await type_query(pilot, "inflation")
            assert [r.id for r in app.query_one(ResultsList).results] == ["news/delta"]
            assert not app.bookmark_writes.idle
            assert stored(app).entries() == []
        finally:
            other_reader.release()
        await wait_saved(pilot)
        assert [e.id for e in stored(app).entries()] == [target.id]
        assert_bookmarks_consistent(app)
        assert not [m for m in shown if m[2] == "error"], shown


async def test_a_failed_export_is_reported(tmp_path):
    app = make_app(tmp_path)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await _three_bookmarks(pilot)
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the export wants a folder\n", encoding="utf-8")
        await pilot.press("ctrl+b", "down", "x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path").value = str(blocker / "marks.md")
        await pilot.click("#export-go")
        await wait_saved(pilot)
        errors = [message for message, _, severity in shown if severity == "error"]
        assert errors and errors[-1].startswith("Export failed: ") and "not-a-folder" in errors[-1], shown
        assert isinstance(app.screen, BookmarksScreen) and app.is_running
