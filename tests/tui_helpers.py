"""Building a ReaderApp over a small fixed library for Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from reader.config import Config
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import ARTICLES, write_library

INJECTION = (
    "Markup [bold]injection[/bold] test\n\n"
    "This body has [red]fake markup[/red] and an \x1b[31mescape\x1b[0m sequence, "
    "plus a link [link=http://example.com]click[/link].\n"
)


CONFIGS = Path(__file__).resolve().parent / "configs"


def make_app(
    root: Path,
    *,
    index: bool = True,
    articles: dict[str, str] | None = None,
    config: Config | None = None,
    config_file: str | None = None,
):
    """A ReaderApp whose home and library live under ``root``; its config is
    ``config``, or the sample ``tests/configs/<config_file>.yaml`` installed as
    the home's config.yaml and read by the real loader, or the defaults."""
    from reader.tui.app import ReaderApp

    folder = write_library(root, articles or {**ARTICLES, "zinject.txt": INJECTION})
    paths = get_paths(root / "home")
    if config_file is not None:
        from reader.config import load_config

        paths.config.parent.mkdir(parents=True, exist_ok=True)
        paths.config.write_text((CONFIGS / f"{config_file}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        config = load_config(paths)
    library = Library(paths, extra_sources=[])
    library.add([folder])
    if index:
        library.update()
    app = ReaderApp(paths, config or Config(), show_timings=False, cursor_blink=False, library=library)
    app.animation_level = "none"
    return app


async def wait_for(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` holds (workers finish, screens paint)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


async def wait_results(pilot, query: str | None = None) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.response is not None and (query is None or app.response.query == query))
    await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "search"))


async def wait_saved(pilot) -> None:
    """Let every bookmark change and export asked for so far finish.

    They run in thread workers, one change at a time; after the last one
    the app has shown the file again and reported any failure.
    """
    from textual.worker import WorkerState

    app = pilot.app
    await pilot.pause()  # a request posted by a screen reaches the app

    def done() -> bool:
        busy = any(
            w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers if w.group in ("bookmarks", "export")
        )
        return app.bookmark_writes.idle and not busy

    await wait_for(pilot, done)


# ---------------------------------------------------------------------------
# Determinism, faults and invariants


async def settle_for_snapshot(pilot) -> None:
    """Make the next screenshot independent of timing.

    Notifications expire on the wall clock and cursors blink on a timer, so
    a screenshot holding either depends on how fast the machine was. Drop
    the notifications and stop every blinking cursor (shown steadily).
    """
    from textual.widgets import Input, TextArea

    app = pilot.app
    await pilot.pause()
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def record_notifications(app) -> list:
    """Keep every notification the app shows, however long ago it expired.

    Returns a list that grows with ``(message, title, severity)`` tuples;
    the notifications are still shown as usual.
    """
    shown: list[tuple[str, str, str]] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        title = kwargs.get("title", args[0] if args else "")
        severity = kwargs.get("severity", args[1] if len(args) > 1 else "information")
        shown.append((str(message), str(title or ""), str(severity)))
        return original(message, *args, **kwargs)

    app.notify = notify
    return shown


@contextmanager
def disk_full():
    """While active, syncing any regular file fails with ENOSPC, as on a full disk.

    Every safe save (``reader.files.atomic``) writes a temporary file and fsyncs
    it before anything replaces the real file, so this is where a full disk
    shows up (writes are buffered and fail at the latest on fsync).
    """
    real_fsync = os.fsync

    def fsync(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    os.fsync = fsync
    try:
        yield
    finally:
        os.fsync = real_fsync


def _matches_filter(entry, needle: str) -> bool:
    needle = needle.casefold().strip()
    return not needle or needle in " ".join((entry.title, entry.note, entry.list, entry.id, " ".join(entry.tags))).casefold()


def assert_bookmarks_consistent(app) -> None:
    """bookmarks.yaml on disk is what the app holds and shows.

    * the app's store holds exactly the entries of the file (none when the
      file is broken, and then the store is read-only);
    * the results list marks exactly the bookmarked articles;
    * a bookmarks screen, open or under a dialog, lists exactly the file's
      entries that pass its filter, one option each.
    """
    from textual.widgets import Input, OptionList

    from reader.bookmarks.store import BookmarksError, BookmarkStore
    from reader.tui.screens.bookmarks import BookmarksScreen
    from reader.tui.widgets.results import ResultsList

    disk = BookmarkStore(app.paths.bookmarks)
    try:
        disk.load()
    except BookmarksError:
        assert app.bookmarks.read_only, "bookmarks.yaml is broken but the app's store accepts changes"
    on_disk = disk.entries()
    assert app.bookmarks.entries() == on_disk, "the app's store differs from bookmarks.yaml"
    results = app.screen_stack[0].query_one(ResultsList)
    assert results.bookmarked == {entry.id for entry in on_disk}, "the results list marks other articles"
    for screen in app.screen_stack:
        if isinstance(screen, BookmarksScreen):
            needle = screen.query_one("#bookmarks-filter", Input).value
            expected = [entry for entry in on_disk if _matches_filter(entry, needle)]
            assert screen.shown == expected, "the bookmarks screen lists other entries than bookmarks.yaml"
            assert screen.query_one(OptionList).option_count == len(expected)


async def type_query(pilot, text: str) -> None:
    """Type ``text`` into the search box as keys (focusing it first) and wait for its results."""
    from reader.tui.widgets.search import SearchInput

    app = pilot.app
    search = app.query_one(SearchInput)
    if app.focused is not search:
        await pilot.press("slash")
    assert app.focused is search
    await pilot.press("ctrl+a" if search.value else "end")
    search.value = ""
    for char in text:
        await pilot.press(char if char != " " else "space")
    main = getattr(app, "main", None)  # the sources pane may keep searches to a feed or folder
    await wait_results(pilot, main.scoped(text) if main is not None else text)


async def run_from_palette(pilot, typed: str, title: str) -> None:
    """ctrl+p, type ``typed``, wait until ``title`` is the first command, run it."""
    from textual.command import CommandPalette

    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    for char in typed:
        await pilot.press(char if char != " " else "space")

    def first_is_title() -> bool:
        commands = app.screen.query_one("CommandList")
        return commands.option_count > 0 and str(commands.get_option_at_index(0).prompt).startswith(title)

    await wait_for(pilot, first_is_title)
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
