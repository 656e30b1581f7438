"""Regressions found by the whole-app fuzzer (tests/test_app_fuzz.py).

Each test is the shortest key sequence that showed the defect, as a plain
Pilot test.
"""

from __future__ import annotations

from tests.tui_helpers import make_app, wait_results


async def test_resize_under_a_dialog_lays_out_the_main_screen(tmp_path):
    """A resize while a dialog is open switched the dialog to the narrow
    layout instead of the main screen, which kept its old layout."""
    from reader.tui.screens.themes import ThemePicker

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ThemePicker)
        await pilot.resize_terminal(40, 12)
        await pilot.press("escape")
        assert not isinstance(app.screen, ThemePicker)
        assert app.screen.has_class("-narrow")
        await pilot.press("ctrl+t")
        await pilot.resize_terminal(120, 40)
        await pilot.press("escape")
        assert not app.screen.has_class("-narrow")


async def test_bookmarking_from_the_bookmarks_screen_refreshes_its_list(tmp_path):
    """``B`` (and ``b``) work on every screen; used on the bookmarks screen
    they saved the bookmark but the screen went on listing the old entries."""
    from reader.bookmarks.store import BookmarkStore
    from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, BookmarksScreen) and screen.shown == []
        screen.query_one("#bookmarks-list").focus()  # in the filter, B is a letter
        await pilot.pause()
        await pilot.press("B")
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        stored = BookmarkStore(app.paths.bookmarks).load().entries()
        assert len(stored) == 1
        assert screen.shown == stored
        assert screen.query_one("#bookmarks-list").option_count == 1
        await pilot.press("b")  # removes it again
        await pilot.pause()
        assert BookmarkStore(app.paths.bookmarks).load().entries() == []
        assert screen.shown == []
        assert screen.query_one("#bookmarks-list").option_count == 0


async def test_command_palette_again_under_help_does_not_crash(tmp_path):
    """F1 opens help over the command palette (it works everywhere); ctrl+p
    there opened a second palette with the same id and the app crashed with
    DuplicateIds."""
    from textual.command import CommandPalette

    from reader.tui.screens.help import HelpScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert sum(isinstance(screen, CommandPalette) for screen in app.screen_stack) == 1
        await pilot.press("escape")  # closes help, back to the palette
        assert isinstance(app.screen, CommandPalette)
