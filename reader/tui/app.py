"""The Reader app: what is app-wide, around the main screen.

The app holds the library, its index and the bookmarks; it applies the
themes and the keymap, lists every action in the command palette, and
reports every worker's failure (one handler). The main screen
(:class:`~reader.tui.screens.main.MainScreen`) holds the search box, the
results, the viewer and the outline. The other screens ask the app for
what they need with messages (:mod:`reader.tui.messages`).

Building and updating the index runs in a thread worker, and so does every
change to bookmarks.yaml (it may wait for the file's lock) and every export.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from reader.bookmarks.export import export
from reader.bookmarks.store import Bookmark, BookmarkStore
from reader.config import Config, load_config
from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text
from reader.index.search import SearchResponse, SearchResult
from reader.index.store import COMMITTING, READING, IndexDamaged, IndexLocked
from reader.keymap import AREAS
from reader.library import Library
from reader.paths import Paths
from reader.searches import SavedSearches, SearchHistory
from reader.tui.bookmark_writes import BookmarkWrites
from reader.tui.commands import ReaderCommands
from reader.tui.keys import bindings
from reader.tui.messages import (
    EditBookmark,
    ExportBookmarks,
    IndexProgress,
    IndexProgressEnded,
    IndexReady,
    LibraryChanged,
    OpenArticle,
    RemoveBookmark,
    UndoRemoveBookmark,
)
from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen, ExportDialog
from reader.tui.screens.help import HelpScreen, binding_rows, key_clashes
from reader.tui.screens.main import (  # noqa: F401 - the names tests and benchmarks import from here
    ANNOTATE_INLINE_CHARS,
    DEBOUNCE_S,
    MainScreen,
)
from reader.tui.screens.searches import HistorySearch, SavedSearchesScreen, SaveSearchDialog
from reader.tui.screens.themes import ThemePicker
from reader.tui.themes import pick_theme, register_themes
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput

NARROW_WIDTH = 100


class _Stopped(Exception):
    """The index worker was cancelled (the app quits): stop the update."""


class ReaderApp(App[int]):
    """Keyboard-driven news reader."""

    TITLE = "Reader"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ReaderCommands}

    # Keys that work on every screen that is not a dialog (dialogs stop all
    # but the priority ones): the main screen and the bookmarks screen. The
    # main screen's own keys (/, escape) are on MainScreen; help lists both
    # as "Anywhere", those first.
    BINDINGS = bindings("app")

    WORKER_WHAT = {
        "search": "Search failed",
        "page": "Loading more results failed",
        "index": "Indexing failed",
        "annotate": "Finding quotes and figures failed",
        BookmarkWrites.GROUP: "Bookmarks not saved",
        "export": "Export failed",
    }

    def __init__(
        self,
        paths: Paths,
        config: Config | None = None,
        *,
        show_timings: bool = True,
        cursor_blink: bool = True,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.paths = paths
        self.config = config or Config()
        self.show_timings = show_timings
        self.library = library or Library(paths, list(self.config.sources))
        self.index = None
        self.bookmarks = BookmarkStore(paths.bookmarks, default_list=self.config.bookmarks.default_list)
        self.bookmark_writes = BookmarkWrites(self, self.bookmarks, self.bookmarks_changed)
        self.history = SearchHistory(paths.history)
        self.saved_searches = SavedSearches(paths.searches)
        self._main: MainScreen | None = None

    # -- the screens -----------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen(self.config, show_timings=self.show_timings, cursor_blink=self.cursor_blink)
        return self._main

    @property
    def main(self) -> MainScreen:
        """The main screen (at the bottom of the stack, whatever is on top)."""
        assert self._main is not None, "the app has not started"
        return self._main

    # What tests and benchmarks read from the app: the main screen's state.

    @property
    def response(self) -> SearchResponse | None:
        return self.main.response

    def open_result(self, result: SearchResult) -> None:
        self.main.open_result(result)

    @classmethod
    def binding_areas(cls) -> tuple[tuple[str, str, type], ...]:
        """(area, screen, owner class) for every place with bindings, in the
        order help lists them. The main screen's keys and the app's keys
        share "Anywhere"; the other screens have only their own."""
        owners: tuple[tuple[str, type], ...] = (
            ("app", MainScreen),
            ("app", cls),
            ("search", SearchInput),
            ("results", ResultsList),
            ("article", ArticleView),
            ("bookmarks", BookmarksScreen),
            ("bookmark_dialog", BookmarkDialog),
            ("export_dialog", ExportDialog),
            ("themes", ThemePicker),
            ("history", HistorySearch),
            ("saved_searches", SavedSearchesScreen),
            ("save_search", SaveSearchDialog),
            ("help", HelpScreen),
        )
        return tuple((*AREAS[area], owner) for area, owner in owners)

    def on_mount(self) -> None:
        self.call_after_refresh(self._freeze_startup_objects)
        for message in register_themes(self, self.paths):
            self.notify(message, title="Theme not loaded", severity="warning", timeout=10)
        wanted = self.config.theme
        self.theme = pick_theme(self, wanted)
        if wanted and self.theme != wanted:
            self.notify(f"Theme {wanted!r} is not available; using {self.theme!r} (see 'reader themes list')", severity="warning")
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._apply_keymap()
        self.bookmarks_changed(report=True)
        self._load_search_memory()
        self._apply_layout(self.size.width)
        self.open_library()

    def _load_search_memory(self) -> None:
        """Read the search history and the saved searches; a broken file is
        reported and left alone (the history is then kept in memory only)."""
        for store, title in ((self.history, "Search history not saved"), (self.saved_searches, "Saved searches are read-only")):
            try:
                store.load()
            except ReaderError as error:
                self.notify(str(error), title=title, severity="warning", timeout=12, markup=False)

    @staticmethod
    def _freeze_startup_objects() -> None:
        """Everything loaded by the first paint (modules, classes, the widget
        tree) lives as long as the app: keep it out of the garbage collector's
        full passes, which otherwise walk it again and again while a long
        article mounts. Collect first, so no garbage is kept for good."""
        gc.collect()
        gc.freeze()

    def _apply_keymap(self) -> None:
        """Remap bindings by id from config.yaml's ``keys:``."""
        if not self.config.keys:
            return
        known = {row[3] for row in binding_rows(self)}
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.notify(
                f"config.yaml keys: unknown binding id(s) {', '.join(unknown)}; press ? to see the ids",
                severity="warning",
                timeout=10,
            )
        self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})
        for clash in key_clashes(self):
            self.notify(f"config.yaml keys: {clash}; pick another key", severity="warning", timeout=10)

    def _theme_changed(self, theme) -> None:
        self.main.restyle()

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        # The main screen, even when a dialog or another screen is on top.
        self.main.set_class(width < NARROW_WIDTH, "-narrow")

    def action_command_palette(self) -> None:
        # F1, ctrl+t and ctrl+b open screens over the palette; a second
        # palette under them would clash with the first (DuplicateIds).
        from textual.command import CommandPalette

        if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            super().action_command_palette()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Reader's own commands (with their keys) come from ReaderCommands;
        # its Quit replaces Textual's.
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def action_pick_theme(self) -> None:
        self.push_screen(ThemePicker())

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_toggle_sort(self) -> None:
        self.main.toggle_sort()

    def action_toggle_outline(self) -> None:
        self.main.action_toggle_outline()

    # -- worker failures ---------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker failure reaches the user as a notification.

        The app's own workers report here directly; the main screen hands
        on the news of its workers (the message does not bubble)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        what = self.WORKER_WHAT.get(event.worker.group, "Background work failed")
        if isinstance(error, ReaderError):
            message = str(error)
        else:
            message = f"{what}: {type(error).__name__}: {error}"
        self.notify(message, title=what, severity="error", timeout=10, markup=False)

    # -- the index -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_library(self, rebuild: bool = False) -> None:
        """Open the index (building it if needed), then bring it up to date.

        With no usable index it is built in place, in batches: the index
        opens once the first batch is committed, and each later batch runs
        the current query again, so results come while the rest is read.
        A usable index asked to rebuild keeps answering until the new one
        is swapped in."""
        library = self.library
        worker = get_current_worker()
        status = library.store.status()
        if status != "ok":
            what = {
                "missing": "Building the index",
                "outdated": "Rebuilding the index (new version)",
                "damaged": "Rebuilding the damaged index",
            }
            label = what.get(status, "Rebuilding the index")
            if library.store.built_by() not in (None, library.store.ENGINE):
                label = f"Rebuilding the index with {library.store.ENGINE}"  # another engine built it
            opened = self._run_update(label, rebuild=True)
            if not opened and not worker.is_cancelled:
                self._open_index()  # not opened by the build (another process builds it)
            return
        if rebuild:
            self._run_update("Rebuilding the index", rebuild=True)
        if worker.is_cancelled:
            return  # the app quits
        self._open_index()
        if not rebuild:
            self._run_update("Updating the index", rebuild=False)

    def _open_index(self) -> None:
        try:
            index = self.library.new_index()
            index.doc_count()
        except IndexDamaged:
            if self._run_update("Rebuilding the damaged index", rebuild=True):
                return  # opened by the build, at its first batch
            index = self.library.new_index()
        self.call_from_thread(self._index_ready, index)

    def _run_update(self, label: str, rebuild: bool) -> bool:
        """Update the index (in the index worker's thread), telling the
        main screen how it goes; True if a build in place committed batches
        (the index was opened at its first).

        The app quitting cancels the worker: the update then stops at the
        next file (what a build in place committed stays; the next start
        indexes the rest)."""
        main = self.main
        worker = get_current_worker()
        searchable: int | None = None
        opened = False
        last = (0, "reading")  # the last file count told, and its phase

        def progress(done: int, total: int, phase: str = "reading", elapsed: float = 0.0) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise _Stopped
            last = (done, phase)
            main.post_message(IndexProgress(label, done, total, phase, elapsed, searchable))

        def committed(count: int, total: int) -> None:
            # A batch of a build in place: open the index at the first, then
            # search again at each (the open index sees the new articles).
            nonlocal searchable, opened
            searchable = count
            if worker.is_cancelled:
                return
            if last[1] != COMMITTING:  # a batch before the last: say how many are searchable
                main.post_message(IndexProgress(label, last[0], total, READING, 0.0, searchable))
            if opened:
                main.post_message(LibraryChanged())
                return
            try:
                index = self.library.new_index()
            except IndexDamaged:
                return  # tried again at the next batch, and after the build
            opened = True
            self.call_from_thread(self._index_ready, index)

        try:
            stats = self.library.update(rebuild=rebuild, progress=progress, committed=committed)
        except IndexLocked as error:
            self.call_from_thread(self.notify, str(error), severity="warning", timeout=6)
            return opened
        except _Stopped:
            return opened
        finally:
            main.post_message(IndexProgressEnded())
        if stats.skipped:
            names = ", ".join(Path(p).name for p, _ in stats.skipped[:3])
            more = f" and {len(stats.skipped) - 3} more" if len(stats.skipped) > 3 else ""
            self.call_from_thread(
                self.notify, f"Skipped {len(stats.skipped)} file(s) (see 'reader index'): {names}{more}", severity="warning"
            )
        if stats.changed and self.index is not None and searchable is None:
            main.post_message(LibraryChanged())
        return opened

    def _index_ready(self, index) -> None:
        old, self.index = self.index, index
        if old is not None:
            old.close()
        self.main.post_message(IndexReady())

    # -- feeds -------------------------------------------------------------------

    def action_fetch_feeds(self) -> None:
        """Fetch every feed in the background; the status line shows how it goes."""
        for worker in self.workers:
            if worker.group == "fetch" and worker.is_running:
                self.notify("Already fetching the feeds…", timeout=2)
                return
        self._fetch_feeds()

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch_feeds(self) -> None:
        from reader.feeds.manager import Feeds

        feeds = Feeds(self.library.paths)
        main = self.main
        try:
            total = len(feeds.list.load().feeds)
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=8, markup=False)
            return
        if not total:
            self.call_from_thread(
                self.notify,
                "No feeds yet: 'reader feeds add URL' or 'reader feeds import FILE.opml' in a terminal",
                timeout=6,
                markup=False,
            )
            return
        done = 0

        def one(report) -> None:
            nonlocal done
            done += 1
            main.post_message(IndexProgress("Fetching feeds", done, total, READING, 0.0, None))

        main.post_message(IndexProgress("Fetching feeds", 0, total, READING, 0.0, None))
        try:
            reports = feeds.fetch(done=one)
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=8, markup=False)
            return
        finally:
            main.post_message(IndexProgressEnded())
        new = sum(r.new for r in reports)
        failed = [r for r in reports if r.result == "failed"]
        summary = f"Fetched {len(reports)} feeds: {new} new"
        if failed:
            summary += f", {len(failed)} failed ({', '.join(r.feed for r in failed[:3])}{'…' if len(failed) > 3 else ''}; see 'reader feeds list')"
        self.call_from_thread(self.notify, summary, severity="warning" if failed else "information", timeout=6, markup=False)
        if new or any(r.updated or r.removed for r in reports):
            self.call_from_thread(self.open_library)

    def action_reindex(self) -> None:
        self.notify("Re-indexing the library…", timeout=2)
        self.open_library()

    def action_rebuild_index(self) -> None:
        self.open_library(rebuild=True)

    # -- reading -----------------------------------------------------------------

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self.main.open_article_id(message.article_id)

    # -- bookmarks ---------------------------------------------------------------

    def bookmarks_changed(self, report: bool = False) -> None:
        """Read bookmarks.yaml again and show it: the markers in the results,
        and an open bookmarks screen (b and B work on every screen)."""
        try:
            self.bookmarks.load()
        except ReaderError as error:
            if report:
                self.notify(
                    str(error), title="Bookmarks are read-only until this is fixed", severity="error", timeout=12, markup=False
                )
        self.main.show_bookmarked({e.id for e in self.bookmarks.entries()})
        for screen in self.screen_stack:
            if isinstance(screen, BookmarksScreen):
                screen.refresh_entries()

    def _get_article(self, article_id: str):
        return self.index.get(article_id) if self.index is not None else None

    def action_toggle_bookmark(self) -> None:
        target = self.main.bookmark_target()
        if target is None or self.index is None:
            return
        self.bookmark_writes.toggle(target.id, target.title, self.config.bookmarks.default_list, self._get_article)

    def action_edit_bookmark(self) -> None:
        target = self.main.bookmark_target()
        if target is not None:
            self.edit_bookmark(target.id, target.title)

    @on(EditBookmark)
    def _edit_bookmark(self, message: EditBookmark) -> None:
        self.edit_bookmark(message.article_id, message.title, message.entry)

    def edit_bookmark(self, article_id: str, title: str, entry: Bookmark | None = None) -> None:
        """Open the bookmark dialog for ``article_id`` (list, tags, note); save what it returns."""
        if entry is None:
            lists_with = self.bookmarks.lists_containing(article_id)
            entry = self.bookmarks.get(article_id, lists_with[0]) if lists_with else None
        names = list(dict.fromkeys([*(spec.name for spec in self.config.bookmarks.lists), *self.bookmarks.lists()]))

        def done(edit) -> None:
            if edit is not None:
                self.bookmark_writes.save(article_id, title, entry, edit, self._get_article)

        self.push_screen(BookmarkDialog(title, names, entry, self.config.bookmarks.default_list), done)

    @on(RemoveBookmark)
    def _remove_bookmark(self, message: RemoveBookmark) -> None:
        self.bookmark_writes.remove(message.entry)

    @on(UndoRemoveBookmark)
    def _undo_remove(self) -> None:
        self.bookmark_writes.restore()

    def action_bookmarks(self) -> None:
        if isinstance(self.screen, BookmarksScreen):
            self.screen.action_focus_filter()  # already open: not a second copy
            return
        if any(isinstance(screen, BookmarksScreen) for screen in self.screen_stack):
            return  # open under a dialog
        from reader.config import export_dir

        self.push_screen(
            BookmarksScreen(self.bookmarks, export_dir(self.config, self.paths), self.config.bookmarks.export_format)
        )

    def action_export_bookmarks(self) -> None:
        """Export every bookmark (the bookmarks screen's x exports those it shows)."""
        from reader.config import export_dir

        entries = tuple(self.bookmarks.entries())

        def done(choice) -> None:
            if choice is not None:
                self.export_bookmarks(entries, *choice)

        dialog = ExportDialog(export_dir(self.config, self.paths), self.config.bookmarks.export_format, "bookmarks")
        self.push_screen(dialog, done)

    @on(ExportBookmarks)
    def _export_asked(self, message: ExportBookmarks) -> None:
        self.export_bookmarks(message.entries, message.format, message.path)

    @work(thread=True, group="export", exit_on_error=False)
    def export_bookmarks(self, entries: tuple[Bookmark, ...], format: str, path: Path) -> None:
        """Write ``entries`` to ``path``.

        A path that cannot be written is the user's to fix, not a failure of
        the app: it is reported here (anything else by the worker handler)."""
        try:
            atomic_write_text(path, export(list(entries), format))
        except (ReaderError, OSError) as error:
            self.call_from_thread(self.notify, f"Export failed: {error}", severity="error", timeout=8, markup=False)
            return
        self.call_from_thread(self.notify, f"Wrote {len(entries)} bookmark(s) as {format} to {path}", timeout=8, markup=False)


def run_app(paths: Paths) -> int:
    """Start the TUI; config errors are shown before it starts."""
    try:
        config = load_config(paths)
    except ReaderError as error:
        raise ReaderError(f"{error} (the app did not start; 'reader config check' lists every problem)") from None
    app = ReaderApp(paths, config)
    app.run()
    return app.return_code or 0
