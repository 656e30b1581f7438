"""The Reader app: a search box, the results, and the article viewer.

Focus design: printable keys typed into the search box go into it; ``/``
reaches the search box from anywhere and ``escape`` leaves it. Index
building and searching run in thread workers; workers never touch widgets
directly (``call_from_thread``).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.bookmarks.store import BookmarkStore
from reader.config import Config, load_config
from reader.errors import ReaderError
from reader.index.search import SearchResponse, SearchResult
from reader.index.snippets import hit_spans
from reader.index.store import IndexDamaged, IndexLocked
from reader.library import Library
from reader.paths import Paths
from reader.tui.bookmarking import BookmarkActions
from reader.tui.keys import bindings
from reader.tui.screens.help import HelpScreen
from reader.tui.themes import pick_theme, register_themes
from reader.tui.widgets.article import ArticleView, build_marks
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.results import ResultsList

NARROW_WIDTH = 100
SNIPPETS_FIRST = 10  # results that get a snippet before the list is shown (a screenful)
PAINT_FIRST = 20  # results painted at once; the rest are appended afterwards
DEBOUNCE_S = 0.015
ANNOTATE_INLINE_CHARS = 50_000  # longer articles are annotated in a worker
IDLE_S = 0.12  # typing pause before the work that can wait (suggestion, later snippets)


class SearchInput(Input):
    """The search box: ``tab`` accepts a spelling suggestion when one is shown."""

    BINDINGS = bindings("search")

    def action_accept_suggestion(self) -> None:
        app = self.app
        if isinstance(app, ReaderApp) and app.suggestion:
            self.value = app.suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()

    def action_to_results(self) -> None:
        results = self.screen.query_one(ResultsList)
        if results.results:
            results.focus()


class ReaderApp(BookmarkActions, App[int]):
    """Keyboard-driven news reader."""

    TITLE = "Reader"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = bindings("app")

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
        self.suggestion: str | None = None
        self.sort = self.config.search.sort
        self.query_text = ""
        self.response: SearchResponse | None = None
        self.current_result: SearchResult | None = None
        self.bookmarks = BookmarkStore(paths.bookmarks, default_list=self.config.bookmarks.default_list)

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            search = SearchInput(
                placeholder="Search the library   (enter opens · escape goes to the results · F1 help · ctrl+p every action)",
                id="search",
            )
            search.cursor_blink = self.cursor_blink
            yield search
        yield Static(id="suggestion")
        with Horizontal(id="main"):
            yield ResultsList(id="results")
            yield Static(id="empty")
            yield ArticleView(id="article")
            yield Outline(id="outline")
        with Horizontal(id="status"):
            yield Static(Text("Opening the library…"), id="status-left")
            yield ProgressBar(id="indexing", show_eta=False)
            yield Static(id="status-right")
        yield Footer()

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
        viewer = self.query_one(ArticleView)
        enabled = {
            k
            for k, on in (
                ("quote", self.config.viewer.quotes),
                ("figure", self.config.viewer.figures),
                ("hit", self.config.viewer.hits),
            )
            if on
        }
        viewer.set_reactive(ArticleView.enabled, frozenset(enabled))
        self._apply_layout(self.size.width)
        self.query_one(SearchInput).focus()
        self.open_library()

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
        from reader.tui.screens.help import binding_rows

        known = {row[3] for row in binding_rows(self)}
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.notify(
                f"config.yaml keys: unknown binding id(s) {', '.join(unknown)}; press ? to see the ids",
                severity="warning",
                timeout=10,
            )
        self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})
        from reader.tui.screens.help import key_clashes

        for clash in key_clashes(self):
            self.notify(f"config.yaml keys: {clash}; pick another key", severity="warning", timeout=10)

    def _theme_changed(self, theme) -> None:
        self.query_one(ResultsList).restyle()
        self.query_one(ArticleView).refresh_highlights()
        self.query_one(Outline).show_marks(self.query_one(ArticleView).marks)

    def action_command_palette(self) -> None:
        # F1, ctrl+t and ctrl+b open screens over the palette; a second
        # palette under them would clash with the first (DuplicateIds).
        from textual.command import CommandPalette

        if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            super().action_command_palette()

    def action_pick_theme(self) -> None:
        from reader.tui.screens.themes import ThemePicker

        self.push_screen(ThemePicker())

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        # The main screen, even when a dialog or another screen is on top.
        self.default_screen.set_class(width < NARROW_WIDTH, "-narrow")

    # -- worker failures ---------------------------------------------------------

    WORKER_WHAT = {
        "search": "Search failed",
        "index": "Indexing failed",
        "annotate": "Finding quotes and figures failed",
    }

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Every worker failure reaches the user as a notification."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        what = self.WORKER_WHAT.get(event.worker.group, "Background work failed")
        if isinstance(error, ReaderError):
            message = str(error)
        else:
            message = f"{what}: {type(error).__name__}: {error}"
        self.notify(message, title=what, severity="error", timeout=10)

    # -- the index -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_library(self, rebuild: bool = False) -> None:
        """Open the index (building it if needed), then bring it up to date."""
        library = self.library
        status = library.store.status()
        if rebuild or status != "ok":
            what = {
                "missing": "Building the index",
                "outdated": "Rebuilding the index (new version)",
                "damaged": "Rebuilding the damaged index",
            }
            self._run_update(what.get(status, "Rebuilding the index"), rebuild=True)
        self._open_index()
        if not rebuild and status == "ok":
            self._run_update("Updating the index", rebuild=False)

    def _open_index(self) -> None:
        from reader.index.search import ArticleIndex

        try:
            index = ArticleIndex(self.library.store)
            index.doc_count()
        except IndexDamaged:
            self._run_update("Rebuilding the damaged index", rebuild=True)
            index = ArticleIndex(self.library.store)
        self.call_from_thread(self._index_ready, index)

    def _run_update(self, label: str, rebuild: bool) -> None:
        def progress(done: int, total: int, phase: str = "reading", elapsed: float = 0.0) -> None:
            self.call_from_thread(self._show_progress, label, done, total, phase, elapsed)

        try:
            stats = self.library.update(rebuild=rebuild, progress=progress)
        except IndexLocked as error:
            self.call_from_thread(self.notify, str(error), severity="warning", timeout=6)
            return
        finally:
            self.call_from_thread(self._hide_progress)
        if stats.skipped:
            names = ", ".join(Path(p).name for p, _ in stats.skipped[:3])
            more = f" and {len(stats.skipped) - 3} more" if len(stats.skipped) > 3 else ""
            self.call_from_thread(
                self.notify, f"Skipped {len(stats.skipped)} file(s) (see 'reader index'): {names}{more}", severity="warning"
            )
        if stats.changed and self.index is not None:
            self.call_from_thread(self.run_search, self.query_text)

    def _show_progress(self, label: str, done: int, total: int, phase: str = "reading", elapsed: float = 0.0) -> None:
        status = self.query_one("#status")
        status.add_class("-indexing")
        bar = self.query_one("#indexing", ProgressBar)
        bar.update(total=total, progress=done)
        if phase == "committing":  # every file is in; writing the index to disk takes a while
            message = f"{label}: committing the index ({total} files)… {elapsed:.0f} s"
        else:
            message = f"{label}: {done}/{total} files"
        self.query_one("#status-left", Static).update(Text(message))

    def _hide_progress(self) -> None:
        self.query_one("#status").remove_class("-indexing")

    def _index_ready(self, index) -> None:
        old, self.index = self.index, index
        if old is not None:
            old.close()
        self.run_search(self.query_one(SearchInput).value)

    def action_reindex(self) -> None:
        self.notify("Re-indexing the library…", timeout=2)
        self.open_library()

    def action_rebuild_index(self) -> None:
        self.open_library(rebuild=True)

    # -- searching ---------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str) -> None:
        """Search, paint, then do the work that can wait: the spelling
        suggestion and the snippets below the first screenful."""
        worker = get_current_worker()
        time.sleep(DEBOUNCE_S)  # let a burst of keystrokes settle
        if worker.is_cancelled or self.index is None:
            return
        response = self.index.search(text, limit=self.config.search.limit, sort=self.sort, snippets=SNIPPETS_FIRST, suggest=False)
        if worker.is_cancelled:
            return
        self.call_from_thread(self._show_response, response)
        # The next keystroke usually comes sooner than this: leave it the CPU.
        time.sleep(IDLE_S)
        if worker.is_cancelled:
            return
        suggestion = self.index.suggest_query(response.query, response.total)
        if worker.is_cancelled:
            return
        if suggestion:
            self.call_from_thread(self._show_suggestion, response, suggestion)
        filled = []
        for index, result in enumerate(response.results[SNIPPETS_FIRST:], SNIPPETS_FIRST):
            if worker.is_cancelled:
                return
            snippet, hits = self.index.snippet_for(result)
            filled.append((index, replace(result, snippet=snippet, snippet_hits=hits)))
        if filled and not worker.is_cancelled:
            self.call_from_thread(self._fill_results, response, filled)

    def _fill_results(self, response: SearchResponse, filled: list[tuple[int, SearchResult]]) -> None:
        """Put in the later snippets and append the results not painted yet."""
        if response is not self.response:
            return
        results = self.query_one(ResultsList)
        shown = len(results.results)
        for index, result in filled:
            if index < shown:
                results.update_result(index, result)
        results.append_results([result for index, result in filled if index >= shown])

    def _show_response(self, response: SearchResponse) -> None:
        self.response = response
        self.query_text = response.query
        results = self.query_one(ResultsList)
        keep = results.current.id if results.current else None
        results.show_results(list(response.results[:PAINT_FIRST]), keep=keep)
        self.suggestion = response.suggestion
        self.screen.set_class(not response.results, "-empty")
        self._render_suggestion()
        self._update_status()

    def _show_suggestion(self, response: SearchResponse, suggestion: str) -> None:
        if response is self.response:
            self.suggestion = suggestion
            self._render_suggestion()

    def _render_suggestion(self) -> None:
        """The "Did you mean" line and the no-results panel."""
        response = self.response
        suggestion = self.query_one("#suggestion", Static)
        if self.suggestion:
            suggestion.update(Text.assemble("Did you mean ", (self.suggestion, "bold"), "?  tab accepts it"))
        suggestion.set_class(bool(self.suggestion), "-visible")
        if response.results:
            return
        message = Text()
        if response.query:
            message.append("No results for ")
            message.append(response.query, "bold")
            message.append(".")
            if self.suggestion:
                message.append("\n\nDid you mean ")
                message.append(self.suggestion, "bold")
                message.append("? Press tab in the search box to use it.")
        else:
            message.append("The library is empty. Add articles with: reader index PATH")
        if response.problem:
            message.append(f"\n\n{response.problem}", "italic")
        self.query_one("#empty", Static).update(message)

    def _update_status(self) -> None:
        response = self.response
        left = Text()
        if response is not None:
            one = response.total == 1 and response.total_exact
            if response.query:
                left.append(f"{response.total_text()} {'result' if one else 'results'}")
            else:
                left.append(f"{response.total_text()} {'article' if one else 'articles'}, newest first")
            if self.sort == "date" and response.query:
                left.append(" · newest first")
            if self.show_timings:
                left.append(f" · {response.took_ms:.0f} ms")
            if response.problem and response.results:
                left.append(f" · {response.problem}", "italic")
        self.query_one("#status-left", Static).update(left)
        viewer = self.query_one(ArticleView)
        self.query_one("#status-right", Static).update(Text(viewer.position_text()))

    def action_toggle_sort(self) -> None:
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.notify(f"Sorted by {'date, newest first' if self.sort == 'date' else 'relevance'}", timeout=1.5)
        self.run_search(self.query_one(SearchInput).value)

    # -- reading ---------------------------------------------------------------

    @on(Input.Submitted, "#search")
    def _open_top(self) -> None:
        results = self.query_one(ResultsList)
        result = results.current or (results.results[0] if results.results else None)
        if result is not None:
            self.open_result(result)

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        results = self.query_one(ResultsList)
        if 0 <= event.option_index < len(results.results):
            self.open_result(results.results[event.option_index])

    def open_result(self, result: SearchResult) -> None:
        """Show ``result`` in the viewer and move focus there.

        A short article is annotated at once; a long one shows straight away
        while a worker finds its hits, quotes and figures.
        """
        if self.index is None:
            return
        try:
            article = self.index.get(result.id)
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        if article is None:
            self.notify(f"{result.id} is no longer in the index", severity="warning")
            return
        self.workers.cancel_group(self, "annotate")  # the previous article's, if still running
        viewer = self.query_one(ArticleView)
        title_hits = hit_spans(article.title, result.terms)
        if len(article.body) <= ANNOTATE_INLINE_CHARS:
            viewer.show(article, title_hits=title_hits, marks=build_marks(article.body, hit_spans(article.body, result.terms)))
        else:
            viewer.show(article, title_hits=title_hits)
            # Once its first screen is drawn: until then the worker would halve the time the UI gets.
            self.call_after_refresh(self._start_annotating, article, result.terms)
        if article.path and not Path(article.path).exists():
            self.notify(
                f"{article.path} no longer exists; this is the indexed copy. Re-index (ctrl+p, Re-index library) to drop it.",
                title="File deleted",
                severity="warning",
                timeout=8,
            )
        self.current_result = result
        results = self.query_one(ResultsList)
        results.read_ids.add(result.id)
        for index, shown in enumerate(results.results):
            if shown.id == result.id:
                results.update_result(index, shown)
        self.query_one(Outline).show_marks(viewer.marks)
        self.screen.add_class("-reading")
        viewer.focus()
        self._update_status()

    def _start_annotating(self, article, terms) -> None:
        viewer = self.query_one(ArticleView)
        if viewer.article is article and not viewer.annotated:
            self._annotate_in_background(article, terms)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def _annotate_in_background(self, article, terms) -> None:
        """Hits, quotes and figures of a long article, off the UI thread."""
        worker = get_current_worker()
        hits = hit_spans(article.body, terms)
        if worker.is_cancelled:
            return
        marks = build_marks(article.body, hits)
        if not worker.is_cancelled:
            self.call_from_thread(self._marks_ready, article.id, marks)

    def _marks_ready(self, article_id: str, marks) -> None:
        viewer = self.query_one(ArticleView)
        if viewer.set_marks(article_id, marks):
            self.query_one(Outline).show_marks(viewer.marks)
            self._update_status()

    @on(ArticleView.Moved)
    def _viewer_moved(self) -> None:
        viewer = self.query_one(ArticleView)
        self.query_one("#status-right", Static).update(Text(viewer.position_text()))

    @on(Outline.OptionSelected, "#outline")
    def _outline_selected(self, event: Outline.OptionSelected) -> None:
        target = self.query_one(Outline).targets.get(event.option_id or "")
        if target:
            self.query_one(ArticleView).jump(*target)

    # -- actions -----------------------------------------------------------------

    def action_focus_search(self) -> None:
        search = self.query_one(SearchInput)
        search.focus()
        search.select_all()  # typing replaces the query, as in a browser's address bar

    def action_back(self) -> None:
        """Back out one level: search box → results, article → results, outline → article."""
        focused = self.focused
        if isinstance(focused, Outline):
            self.action_toggle_outline()
            return
        if isinstance(focused, ArticleView):
            self.screen.remove_class("-reading")
            self.query_one(ResultsList).focus()
            return
        if isinstance(focused, SearchInput):
            results = self.query_one(ResultsList)
            if results.results:
                results.focus()
            return
        self.query_one(SearchInput).focus()

    def action_toggle_outline(self) -> None:
        shown = self.screen.has_class("-outline")
        self.screen.set_class(not shown, "-outline")
        if not shown and self.query_one(ArticleView).article is not None:
            self.query_one(Outline).focus()
        elif shown and isinstance(self.focused, Outline):
            self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_viewer(self, action: str, kind: str) -> None:
        viewer = self.query_one(ArticleView)
        getattr(viewer, f"action_{action}")(kind)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Focus the search box (/)", self.action_focus_search)
        yield SystemCommand("Open selected result", "Open the highlighted result in the viewer", self._open_top)
        yield SystemCommand("Toggle outline", "Show or hide the quotes and figures panel (o)", self.action_toggle_outline)
        for kind, key in (("quote", "1"), ("figure", "2"), ("hit", "3")):
            yield SystemCommand(
                f"Toggle {kind} highlights",
                f"Highlight {kind}s in the article or not ({key})",
                lambda kind=kind: self.action_viewer("toggle", kind),
            )
        for kind, keys in (("hit", "n/N"), ("quote", "]/["), ("figure", "}/{")):
            yield SystemCommand(
                f"Next {kind}", f"Jump to the next {kind} ({keys})", lambda kind=kind: self.action_viewer("next", kind)
            )
            yield SystemCommand(
                f"Previous {kind}",
                f"Jump to the previous {kind} ({keys})",
                lambda kind=kind: self.action_viewer("previous", kind),
            )
        yield SystemCommand("Sort by date / relevance", "Switch the result order (s)", self.action_toggle_sort)
        yield SystemCommand("Re-index library", "Index new, changed and deleted files", self.action_reindex)
        yield SystemCommand("Rebuild index", "Rebuild the index from scratch", self.action_rebuild_index)
        yield SystemCommand("Pick theme with preview", "Move through the themes to preview them (ctrl+t)", self.action_pick_theme)
        yield SystemCommand(
            "Bookmark article", "Add or remove the current article in the default list (b)", self.action_toggle_bookmark
        )
        yield SystemCommand(
            "Edit bookmark", "Choose the list, tags and note of the current article (B)", self.action_edit_bookmark
        )
        yield SystemCommand("Bookmarks", "Browse, filter, edit, remove and export bookmarks (ctrl+b)", self.action_bookmarks)
        yield SystemCommand("Help", "Show every key binding (?)", self.action_help)


def run_app(paths: Paths) -> int:
    """Start the TUI; config errors are shown before it starts."""
    try:
        config = load_config(paths)
    except ReaderError as error:
        raise ReaderError(f"{error} (the app did not start; 'reader config check' lists every problem)") from None
    app = ReaderApp(paths, config)
    app.run()
    return app.return_code or 0
