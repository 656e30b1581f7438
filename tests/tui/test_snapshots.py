"""Snapshot tests: the look of each screen (pytest-textual-snapshot).

Classes per feature; configs come from sample files under ``tests/configs``
(read by the real loader). Determinism (no cursor blink, no animation, no
notification in a screenshot) is handled by ``make_app`` and the
``snap_compare`` fixture of ``tests/conftest.py``. Regenerate after an
intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and review the SVGs in ``tests/tui/__snapshots__``.
"""

from __future__ import annotations

from tests.helpers import paged_articles
from tests.tui_helpers import make_app, type_query, wait_for, wait_results, wait_saved


def opened(query: str, *keys: str):
    async def run_before(pilot) -> None:
        await wait_results(pilot, "")
        if query:
            await type_query(pilot, query)
        await pilot.press("enter")
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()

    return run_before


async def _home(pilot) -> None:
    await wait_results(pilot, "")
    await pilot.pause()


class TestMainScreen:
    def test_wide(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=_home)

    def test_narrow(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=_home)

    def test_no_results_with_suggestion(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await wait_results(pilot, "")
            await type_query(pilot, "karabakk")

        assert snap_compare(make_app(tmp_path), terminal_size=(120, 30), run_before=run_before)


class TestPaging:
    """A query with more results than a page (50): its words highlighted in
    the titles, and the status line saying how many are shown."""

    @staticmethod
    async def _harbour(pilot) -> None:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        await pilot.press("escape")  # to the results
        await pilot.pause()

    def test_highlighted_titles_and_showing_count(self, snap_compare, tmp_path):
        app = make_app(tmp_path, articles=paged_articles(130))
        assert snap_compare(app, terminal_size=(100, 30), run_before=self._harbour)

    def test_narrow_status_line(self, snap_compare, tmp_path):
        app = make_app(tmp_path, articles=paged_articles(130))
        assert snap_compare(app, terminal_size=(40, 12), run_before=self._harbour)


class TestArticle:
    def test_highlights_and_current_hit(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=opened("karabakh armenians", "n"))

    def test_outline_panel(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=opened("kornidzor", "o"))

    def test_narrow_article(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=opened("kornidzor", "right_square_bracket"))


class TestHelp:
    def test_help_screen(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await wait_results(pilot, "")
            await pilot.press("escape", "question_mark")
            await pilot.pause()

        assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=run_before)


class TestThemes:
    """The article view with highlights in each shipped theme, each chosen by
    a sample config under ``tests/configs``."""

    def _check(self, snap_compare, tmp_path, config_file):
        app = make_app(tmp_path, config_file=config_file)
        assert snap_compare(app, terminal_size=(110, 32), run_before=opened("karabakh armenians", "n"))

    def test_reader_dark(self, snap_compare, tmp_path):
        self._check(snap_compare, tmp_path, "theme-dark")

    def test_reader_light(self, snap_compare, tmp_path):
        self._check(snap_compare, tmp_path, "theme-light")

    def test_reader_high_contrast(self, snap_compare, tmp_path):
        self._check(snap_compare, tmp_path, "theme-high-contrast")


class TestBookmarks:
    """The bookmarks screen as it opens (filter focused) and with the list focused.

    The ``snap_compare`` of ``tests/conftest.py`` clears the "Bookmarked in"
    and "Saved in" notifications these steps raise before the screenshot.
    """

    @staticmethod
    async def _two_bookmarks(pilot) -> None:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "j", "B")
        for char in "caucasus":
            await pilot.press(char)
        await pilot.press("enter")
        await wait_saved(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()

    def test_bookmarks_screen(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(100, 30), run_before=self._two_bookmarks)

    def test_bookmarks_screen_list_focused(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await self._two_bookmarks(pilot)
            await pilot.press("down", "j")

        assert snap_compare(make_app(tmp_path), terminal_size=(100, 30), run_before=run_before)


class TestSearchMemory:
    """The ctrl+r history popup (also at the smallest size, 40×12) and the saved searches list."""

    HISTORY = "karabakh\nchelsea arsenal\nmarkets rally inflation\ntitle:markets\nlondon parliament budget debate spending\n"
    SEARCHES = "searches:\n  caucasus: karabakh OR armenia date:2023\n  football: chelsea arsenal\n  money: markets -london\n"

    def _app(self, tmp_path):
        app = make_app(tmp_path)
        app.paths.home.mkdir(parents=True, exist_ok=True)
        app.paths.history.write_text(self.HISTORY, encoding="utf-8")
        app.paths.searches.write_text(self.SEARCHES, encoding="utf-8")
        return app

    def test_history_popup_small(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await wait_results(pilot, "")
            await pilot.press("ctrl+r")

        assert snap_compare(self._app(tmp_path), terminal_size=(40, 12), run_before=run_before)

    def test_history_popup_filtered(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await wait_results(pilot, "")
            await pilot.press("ctrl+r", "m", "a", "r", "k", "down")

        assert snap_compare(self._app(tmp_path), terminal_size=(80, 24), run_before=run_before)

    def test_saved_searches_list(self, snap_compare, tmp_path):
        async def run_before(pilot):
            await wait_results(pilot, "")
            pilot.app.main.action_saved_searches()
            await pilot.pause()
            await pilot.press("j")

        assert snap_compare(self._app(tmp_path), terminal_size=(80, 24), run_before=run_before)


async def test_settling_drops_notifications_and_stops_blinking(tmp_path):
    from textual.widgets import Input
    from textual.widgets._toast import Toast

    from tests.tui_helpers import settle_for_snapshot

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:  # shown, as in screenshots
        await wait_results(pilot, "")
        await pilot.press("escape", "b")
        await wait_saved(pilot)
        await pilot.press("ctrl+b")
        app.notify("lingers for an hour", timeout=3600)
        await wait_for(pilot, lambda: len(app.screen.query(Toast)) > 0)
        await settle_for_snapshot(pilot)
        assert not list(app._notifications) and len(app.screen.query(Toast)) == 0
        boxes = list(app.screen.query(Input))
        assert boxes and all(not box.cursor_blink and box._cursor_visible for box in boxes)


class TestSources:
    """The sources pane with a feed among the folders, and the first run's
    hint beside a library of the bundled article alone."""

    def test_sources_pane(self, snap_compare, tmp_path):
        from reader.feeds.manager import Feeds
        from tests.feed_server import rss

        app = make_app(tmp_path)
        feed = tmp_path / "harbour.xml"
        feed.write_bytes(rss("Harbour", [(f"h{n}", f"Harbour story {n}", "<p>The fees rose 3%.</p>") for n in range(4)]))
        feeds = Feeds(app.library.paths)
        feeds.add(str(feed), name="harbour", tags=["local"])
        feeds.fetch()
        app.library.update()

        async def run_before(pilot):
            from reader.tui.widgets.sources import SourcesPane

            await wait_results(pilot, "")
            await pilot.press("escape", "f")
            pane = app.query_one(SourcesPane)
            await wait_for(pilot, lambda: any(s.name == "harbour" for s in pane.scopes.values()))

        assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)

    def test_first_run_hint(self, snap_compare, tmp_path):
        from reader.config import Config
        from reader.library import Library
        from reader.paths import get_paths
        from reader.tui.app import ReaderApp

        paths = get_paths(tmp_path / "home")
        app = ReaderApp(paths, Config(), show_timings=False, cursor_blink=False, library=Library(paths, extra_sources=[]))
        app.animation_level = "none"
        assert snap_compare(app, terminal_size=(100, 30), run_before=_home)
