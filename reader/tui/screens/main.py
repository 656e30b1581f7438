"""The main screen: the search box, the results, the article viewer and its outline.

Focus design: printable keys typed into the search box go into it; ``/``
reaches the search box from anywhere and ``escape`` leaves it. Searching,
fetching the next page of results (when the cursor reaches the last one)
and finding a long article's quotes and figures run in thread workers;
workers never touch widgets directly (``call_from_thread``). The index
itself belongs to the app (``app.index``), which tells this screen how an
update goes and when a new index is ready (:mod:`reader.tui.messages`).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.config import Config
from reader.errors import ReaderError
from reader.index.engines import search_as_typed
from reader.index.query import typed_prefix
from reader.index.search import SearchResponse, SearchResult
from reader.index.snippets import hit_spans
from reader.tui.frames import CollectorHold, paint_now
from reader.tui.keys import bindings
from reader.tui.messages import IndexProgress, IndexProgressEnded, IndexReady, LibraryChanged
from reader.tui.screens import adding, reading, searches, sources
from reader.tui.widgets.article import ArticleView, build_marks
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.sources import SourcesPane
from reader.tui.widgets.status import GIVE_SORT, Part, StatusText, build_part, status_parts

SNIPPETS_FIRST = 10  # results of a later page that get a snippet before it is listed
# Results painted at once: those that fill the list (at most PAINT_FIRST);
# the rest are appended once they are on screen. A keystroke's search asks
# for a screenful with their snippets: as many results as fill the list if
# each took its fewest lines (RESULT_LINES: a title, the meta line, a line
# of snippet and the blank line after), at most PAINT_FIRST. The rest of
# the page (to the configured limit) comes with the later snippets, after a
# typing pause: each result costs its stored fields, its snippet and its
# title highlights, and a keystroke's answer waits for all it asked for (at
# 120x40 a screenful is 9: the 167 typed prefixes of benchmarks/bench_tui.py
# searched at 100,000 articles with Tantivy took 4.6-5.5 ms at the median
# and 11.5-11.9 at p95 asking for 9 results with 9 snippets, 5.9-6.5 and
# 13.5-13.9 asking for 20 with 10).
PAINT_FIRST = 20
RESULT_LINES = 4
# How long a search waits for the next keystroke, from its own, when the
# keys come faster than the answers (a burst, a paste): the search asked for
# before it has not been answered yet. A key typed once the last answer is
# on screen is searched at once.
DEBOUNCE_S = 0.015
ANNOTATE_INLINE_CHARS = 50_000  # longer articles are annotated in a worker
IDLE_S = 0.12  # typing pause before the work that can wait (suggestion, later snippets)


class MainScreen(Screen[None]):
    """Search, results, article and outline, and the status line."""

    BINDINGS = bindings("main")

    def __init__(self, config: Config, *, show_timings: bool = True, cursor_blink: bool = True) -> None:
        super().__init__()
        self.config = config
        self.show_timings = show_timings
        self.cursor_blink = cursor_blink
        self.suggestion: str | None = None
        self._position_shown: str | None = None  # the text at the right of the status line
        self._answer_unpainted = False  # an answer handed to the list waits for its frame
        self._collector = CollectorHold()  # held from a keystroke until its answer is painted
        self.sort = config.search.sort
        self.query_text = ""
        self._open_when_answered: Worker | None = None  # enter came before this search's answer
        self.response: SearchResponse | None = None
        self.current_result: SearchResult | None = None
        self._search: Worker | None = None  # the newest search
        self._answered: Worker | None = None  # the search whose response is shown
        # Paging: the results of the pages after ``response``'s (none
        # listed twice), the rank the next page starts at, whether the pages
        # ran out, and the search they continue (its text and order).
        self._more: list[SearchResult] = []
        self._next_offset = 0
        self._exhausted = False
        self._searched: tuple[str, str] = ("", self.sort)
        self._page: Worker | None = None
        self._bookmarked: set[str] = set()
        # The index build or update going on (label, done, total, phase,
        # elapsed), and how many articles a first build made searchable.
        self._build: tuple[str, int, int, str, float] | None = None
        self._searchable: int | None = None
        # What the last "mark all read" changed (id -> read before), for undo.
        self.undo_read: dict[str, bool] = {}
        # The sources pane's choice: query words every search gets (a feed,
        # a folder, a tag), its name, and whether only unread articles show.
        self.scope_words = ""
        self.scope_name = ""
        self.unread_only = False
        # Whether the library is the bundled article alone (None: not known yet).
        self.bare_library: bool | None = None

    @property
    def index(self):
        """The app's index (None until it is open)."""
        return self.app.index

    @property
    def read_state(self):
        """Which articles were read (the app's library keeps it)."""
        return self.app.library.read_state

    @property
    def library(self):
        """The app's library."""
        return self.app.library

    @property
    def home(self):
        """The paths of the app's home."""
        return self.app.library.paths

    def reindex(self):
        """Bring the index up to date in the app's index worker."""
        self.app.action_reindex()

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
            yield SourcesPane(id="sources")
            yield ResultsList(id="results")
            yield Static(id="empty")
            yield ArticleView(id="article")
            yield Outline(id="outline")
        with Horizontal(id="status"):
            yield StatusText(Text("Opening the library…"), id="status-left")
            yield ProgressBar(id="indexing", show_eta=False)
            yield Static(id="status-right")
        yield Footer()

    def on_mount(self) -> None:
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
        self.query_one(ResultsList).bookmarked = self._bookmarked
        reading.load(self)
        adding.show_first_run_hint(self)
        box = self.query_one(SearchInput)
        # The search starts as the box's value changes, not when its Changed
        # message has come up to the screen: in between, the app draws a
        # frame (the box's new text), about 5 ms that every keystroke waited.
        self.watch(box, "value", self._query_changed, init=False)
        box.focus()

    def _results(self) -> ResultsList | None:
        """The results list, or None before the screen is composed."""
        found = self.query(ResultsList)
        return found.first() if found else None

    def restyle(self) -> None:
        """Paint again in the new theme's colours (nothing to do before the widgets are there)."""
        if self._results() is None:
            return
        self.query_one(ResultsList).restyle()
        self.query_one(ArticleView).refresh_highlights()
        self.query_one(Outline).show_marks(self.query_one(ArticleView).marks)

    def show_bookmarked(self, ids: set[str]) -> None:
        """Mark these articles as bookmarked in the results (from when they are there)."""
        self._bookmarked = ids
        results = self._results()
        if results is not None:
            results.bookmarked = ids
            results.restyle()

    # -- worker news -----------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """A failed search leaves no stale results behind; the app reports
        every failure (this message does not bubble: hand it on)."""
        if event.state == WorkerState.ERROR and event.worker is self._search and event.worker is not self._answered:
            self._show_failure(event.worker.error)
        self.app.post_message(Worker.StateChanged(event.worker, event.state))

    # -- the index (the app's worker reports here) -----------------------------------

    def on_index_progress(self, message: IndexProgress) -> None:
        self._searchable = message.searchable
        self.show_progress(message.label, message.done, message.total, message.phase, message.elapsed)

    def show_progress(self, label: str, done: int, total: int, phase: str = "reading", elapsed: float = 0.0) -> None:
        """Show how the build goes: the bar, and the status line's text
        after the results' count (alone while nothing is searchable)."""
        status = self.query_one("#status")
        status.add_class("-indexing")
        bar = self.query_one("#indexing", ProgressBar)
        bar.update(total=total, progress=done)
        self._build = (label, done, total, phase, elapsed)
        self._update_status()

    @on(IndexProgressEnded)
    def _hide_progress(self) -> None:
        self.query_one("#status").remove_class("-indexing")
        self._build = None
        self._searchable = None
        if self.response is not None:
            self._update_status()

    @on(IndexReady)
    def _index_ready(self) -> None:
        self.run_search(self.query_one(SearchInput).value)

    @on(LibraryChanged)
    def _library_changed(self) -> None:
        sources.refresh(self)
        adding.show_first_run_hint(self)
        self._search_again()

    def _search_again(self) -> None:
        # The query in the box: the one answered last may be older (a
        # search for what was typed since is on its way, and would be
        # cancelled by a search for the older one).
        if self.index is not None:
            self.run_search(self.query_one(SearchInput).value)

    # -- searching ---------------------------------------------------------------

    def _query_changed(self, value: str) -> None:
        self.run_search(value)

    def run_search(self, text: str) -> Worker:
        self._collector.hold(self)
        self.workers.cancel_group(self, "page")  # a page of the last search's results is no use now
        self._open_when_answered = None  # typing after enter: the new query is not what enter meant
        last = self._search
        waiting = last is not None and last is not self._answered and last.state in (WorkerState.PENDING, WorkerState.RUNNING)
        settle_until = time.monotonic() + DEBOUNCE_S if waiting else 0.0
        self._search = worker = self._run_search(text, settle_until, self.query_one(ResultsList).screenful(RESULT_LINES))
        return worker

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, text: str, settle_until: float = 0.0, screenful: int | None = None) -> None:
        """Search, paint, then do the work that can wait: the spelling
        suggestion and the snippets below the first screenful.
        ``settle_until``: in a burst of keystrokes, the moment
        (``time.monotonic()``) until which to wait for the next one.
        ``screenful``: how many results fill the list at most (None: not
        known, PAINT_FIRST)."""
        worker = get_current_worker()
        time.sleep(max(0.0, settle_until - time.monotonic()))
        index, sort = self.index, self.sort
        if not text.strip() and self.scoped(text):
            sort = "date"  # a feed or folder alone lists newest first, as the empty query does
        if worker.is_cancelled or index is None:
            return
        page = self.config.search.limit
        first = min(page, PAINT_FIRST, screenful or PAINT_FIRST)
        # A word being typed that finds nothing is searched as a prefix.
        text, response = search_as_typed(index, text, self.scoped, limit=first, sort=sort, snippets=first, suggest=False)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(
            self._show_response, response, worker, text=text, sort=sort, suggestion_pending=True, asked=first
        )
        # The next keystroke usually comes sooner than this: leave it the CPU.
        time.sleep(IDLE_S)
        if worker.is_cancelled:
            return
        suggestion = index.suggest_query(response.query, response.complete_matches)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_suggestion, response, suggestion)
        filled = []
        for number, result in enumerate(response.results[first:], first):
            if worker.is_cancelled:
                return
            snippet, hits = index.snippet_for(result)
            filled.append((number, replace(result, snippet=snippet, snippet_hits=hits)))
        if filled and not worker.is_cancelled:
            self.app.call_from_thread(self._fill_results, response, filled)
        offset = len(response.results)
        if offset < first or offset >= page or worker.is_cancelled:
            return
        # The rest of the first page, snippets and all.
        rest = index.search(self.scoped(text), limit=page - offset, offset=offset, sort=sort, snippets=page, suggest=False)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._append_page, response, rest, page - offset)

    def _fill_results(self, response: SearchResponse, filled: list[tuple[int, SearchResult]]) -> None:
        """Put in the later snippets and append the results not painted yet."""
        if response is not self.response:
            return
        results = self.query_one(ResultsList)
        shown = len(results.results)
        for number, result in filled:
            if number < shown:
                results.update_result(number, result)
        self._list_answer(response, dict(filled))

    def _list_answer(self, response: SearchResponse, later: dict[int, SearchResult] | None = None) -> None:
        """Append the results of ``response`` not listed yet, in rank order
        (the rest of its first paint), with the snippets found ``later``
        (by rank) where there are."""
        results = self.query_one(ResultsList)
        shown = len(results.results)
        results.append_results([(later or {}).get(n, r) for n, r in enumerate(response.results[shown:], shown)])

    def _show_response(
        self,
        response: SearchResponse,
        worker: Worker | None = None,
        *,
        text: str | None = None,
        sort: str | None = None,
        suggestion_pending: bool = False,
        asked: int | None = None,
    ) -> None:
        """Show ``response``, the answer to a search for ``asked`` results
        (default: the configured page)."""
        # The same query again (a refreshed index, another order) keeps the
        # highlighted result; a changed query starts at its best match, so
        # that enter opens it (plain words match loosely: the article that
        # was highlighted is often still in the list, further down).
        same_query = self.response is not None and self.response.query == response.query
        self._answered = worker
        self.response = response
        self.query_text = response.query
        self._more = []
        self._next_offset = response.offset + len(response.results)
        self._exhausted = len(response.results) < (asked or self.config.search.limit)
        self._searched = (response.query if text is None else text, self.sort if sort is None else sort)
        results = self.query_one(ResultsList)
        keep = results.current.id if results.current and same_query else None
        # A changed query paints what fills the list, the rest once that is
        # on screen (their snippets come later, from the search's worker).
        rest = results.show_results(list(response.results[:PAINT_FIRST]), keep=keep, fill=keep is None)
        if rest:
            self.call_after_refresh(self._append_rest, response)
        self.suggestion = response.suggestion
        self._show_empty(not response.results)
        self._render_suggestion(pending=suggestion_pending)
        self._update_status()
        self._answer_unpainted = True
        if worker is not None and worker is self._open_when_answered:
            self._open_when_answered = None
            if results.results:
                self.open_result(results.results[0])

    async def on_idle(self) -> None:
        """An answer handed over is painted as soon as the screen is idle,
        not at the update timer's next tick (:mod:`reader.tui.frames`)."""
        if self._answer_unpainted:
            self._answer_unpainted = False
            await paint_now(self)
            self._collector.release()

    def on_unmount(self) -> None:
        self._collector.release()

    def _append_rest(self, response: SearchResponse) -> None:
        if response is self.response:
            self._list_answer(response)

    def _show_failure(self, error: BaseException | None) -> None:
        """The newest search failed: the results shown are not its answer, so clear them."""
        self._collector.release()
        self._open_when_answered = None
        self.response = None
        self._more = []
        self.suggestion = None
        self.query_one(ResultsList).show_results([])
        self._show_empty(True)
        self._render_suggestion()
        query = self.query_one(SearchInput).value
        message = Text()
        message.append("The search for ")
        message.append(query, "bold")
        message.append(" failed.")
        if error is not None:
            message.append(f"\n\n{error}", "italic")
        self.query_one("#empty", Static).update(message)
        self.query_one("#status-left", Static).update(Text("Search failed"))

    def _show_empty(self, empty: bool) -> None:
        """The panel saying why there are no results, in place of the list
        (or the list back). The class goes on the two widgets, not on the
        screen: a class changed on the screen restyles every widget in it
        (about 15 ms, at every keystroke that empties or fills the list)."""
        self.query_one(ResultsList).set_class(empty, "-empty")
        self.query_one("#empty", Static).set_class(empty, "-empty")

    def showing_no_results(self) -> bool:
        """Whether the no-results panel stands in place of the list."""
        return self.query_one(ResultsList).has_class("-empty")

    def _show_suggestion(self, response: SearchResponse, suggestion: str | None) -> None:
        if response is self.response:
            self.suggestion = suggestion
            self._render_suggestion()

    def _render_suggestion(self, pending: bool = False) -> None:
        """The "Did you mean" line and the no-results panel. ``pending``:
        the suggestion for the response shown is still to come (the search
        worker finds it once typing pauses); a line already shown stays,
        blank, until then, so that the screen below it does not move up and
        down at each keystroke."""
        response = self.response
        self.query_one(SearchInput).suggestion = self.suggestion
        suggestion = self.query_one("#suggestion", Static)
        kept_blank = not self.suggestion and pending and suggestion.has_class("-visible")
        if self.suggestion:
            suggestion.update(Text.assemble("Did you mean ", (self.suggestion, "bold"), "?  tab accepts it"))
        elif kept_blank:
            suggestion.update(Text(), layout=False)
        suggestion.set_class(bool(self.suggestion) or kept_blank, "-visible")
        if response is None or response.results:
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
        status = self.query_one("#status-left", StatusText)
        build = self._build
        if response is None and build is None:
            status.update(Text())
        else:
            parts = []
            if response is not None:
                parts = status_parts(
                    response, len(self.loaded), complete=self._exhausted, sort=self.sort, timings=self.show_timings
                )
                scope = " · ".join(
                    filter(None, [f"in {self.scope_name}" if self.scope_words else "", "unread" if self.unread_only else ""])
                )
                if scope:
                    parts.insert(1, Part((f" · {scope}", ""), GIVE_SORT))
            if build is not None:
                parts.append(build_part(*build, self._searchable, after=bool(parts)))
            status.show_parts(parts)
        viewer = self.query_one(ArticleView)
        self._show_position(viewer)

    def position_room(self) -> int:
        """The cells the article's position may take at the right of the
        status line: all of it but the gap and the count's ellipsis."""
        return max(1, self.query_one("#status").content_size.width - 2)

    def _show_position(self, viewer: ArticleView) -> None:
        """The article's position at the right of the status line, when it
        changed (the line is as wide as its text: a change lays the screen out)."""
        text = viewer.position_text(self.position_room())
        if text != self._position_shown:
            self._position_shown = text
            self.query_one("#status-right", Static).update(Text(text))

    def on_resize(self) -> None:
        # The position fits the new width (parts give way when narrow).
        self._show_position(self.query_one(ArticleView))

    # -- paging ------------------------------------------------------------------

    @property
    def loaded(self) -> list[SearchResult]:
        """Every result fetched for the current search: its first page, then
        the later pages (painted or about to be)."""
        if self.response is None:
            return []
        return [*self.response.results, *self._more]

    def _more_to_fetch(self) -> bool:
        """Whether the search has results past those fetched."""
        response = self.response
        if response is None or self._exhausted:
            return False
        return not response.total_exact or self._next_offset < response.total

    def on_descendant_focus(self, event) -> None:
        """The results take the focus (escape or down from the search box,
        a click, tab): on a narrow screen they take the article's place."""
        if isinstance(event.widget, ResultsList):
            self.remove_class("-reading")

    @on(ResultsList.EndReached)
    def _end_reached(self) -> None:
        """The cursor is on the last result: fetch the next page, once the
        list holds every result fetched so far and no page is on its way.
        The end is asked for again: a first paint that lists one result (a
        small screen) has its cursor on the last one, and by the time that
        is handled the rest of the first page may be listed."""
        results = self.query_one(ResultsList)
        response = self.response
        if response is None or not self._more_to_fetch() or len(results.results) < len(self.loaded):
            return
        if not results.reached_end():
            return
        page = self._page
        if page is not None and page.state in (WorkerState.PENDING, WorkerState.RUNNING) and not page.is_cancelled:
            return  # on its way
        text, sort = self._searched
        self._page = self._fetch_page(response, text, sort, self._next_offset)

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    def _fetch_page(self, response: SearchResponse, text: str, sort: str, offset: int) -> None:
        """The page of results from rank ``offset`` on, painted as the first
        page is: the first screenful with snippets, the rest filled after."""
        worker = get_current_worker()
        index = self.index
        if index is None:
            return
        page = index.search(
            self.scoped(text), limit=self.config.search.limit, offset=offset, sort=sort, snippets=SNIPPETS_FIRST, suggest=False
        )
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._append_page, response, page)
        filled = []
        for result in page.results[SNIPPETS_FIRST:]:
            if worker.is_cancelled:
                return
            snippet, hits = index.snippet_for(result)
            filled.append(replace(result, snippet=snippet, snippet_hits=hits))
        if filled and not worker.is_cancelled:
            self.app.call_from_thread(self._fill_page, response, filled)

    def _append_page(self, response: SearchResponse, page: SearchResponse, asked: int | None = None) -> None:
        """Add a page (of ``asked`` results, default the configured page)
        below the results listed; the cursor stays where it is.

        A page of an older search (a new one was answered meanwhile) or one
        that does not start where the listed results end is dropped; results
        already listed are left out.
        """
        if response is not self.response or page.offset != self._next_offset:
            return
        # The rest of the first paint may still wait for its refresh (a busy
        # machine): it comes first, before the page after it.
        self._list_answer(response)
        self._next_offset += len(page.results)
        if len(page.results) < (asked or self.config.search.limit):
            self._exhausted = True
        listed = {r.id for r in self.loaded}
        fresh = []
        for result in page.results:
            if result.id not in listed:
                listed.add(result.id)
                fresh.append(result)
        self._more.extend(fresh)
        self.query_one(ResultsList).append_results(fresh)
        self._update_status()

    def _fill_page(self, response: SearchResponse, filled: list[SearchResult]) -> None:
        """Put in the snippets of a page's later results."""
        if response is not self.response:
            return
        results = self.query_one(ResultsList)
        where = {r.id: n for n, r in enumerate(results.results)}
        for result in filled:
            number = where.get(result.id)
            if number is not None and not results.results[number].snippet:
                results.update_result(number, result)

    def toggle_sort(self) -> None:
        """Relevance ↔ date, newest first."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.notify(f"Sorted by {'date, newest first' if self.sort == 'date' else 'relevance'}", timeout=1.5)
        self.run_search(self.query_one(SearchInput).value)

    # -- reading ---------------------------------------------------------------

    @on(Input.Submitted, "#search")
    def action_open_top(self) -> None:
        """Open the highlighted result (or the first); the query goes into the
        history. Typed faster than the search answers, enter opens the best
        match of the query as typed once it comes, not a result of the last."""
        searches.remember_query(self.app, self.query_one(SearchInput).value)
        if self._search is not None and self._answered is not self._search and self._search.is_running:
            self._open_when_answered = self._search
            return
        results = self.query_one(ResultsList)
        result = results.current or (results.results[0] if results.results else None)
        if result is not None:
            self.open_result(result)

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        results = self.query_one(ResultsList)
        if 0 <= event.option_index < len(results.results):
            searches.remember_query(self.app, self.query_one(SearchInput).value)
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
        reading.mark(self, [result.id], True)
        if self.has_class("-narrow"):
            self.remove_class("-sources")  # the article takes the whole width
        self.query_one(Outline).show_marks(viewer.marks)
        self.add_class("-reading")
        viewer.focus()
        self._update_status()

    def open_article_id(self, article_id: str) -> None:
        """Open an article by id (from the bookmarks screen)."""
        if self.index is None:
            return
        article = self.index.get(article_id)
        if article is None:
            self.notify(f"{article_id} is not in the index any more", severity="warning", markup=False)
            return
        self.open_result(
            SearchResult(article.id, article.title, article.date, article.dateline, article.source, article.path, 0.0, "", ())
        )

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
            self.app.call_from_thread(self._marks_ready, article.id, marks)

    def _marks_ready(self, article_id: str, marks) -> None:
        viewer = self.query_one(ArticleView)
        if viewer.set_marks(article_id, marks):
            self.query_one(Outline).show_marks(viewer.marks)
            self._update_status()

    @on(ArticleView.Moved)
    def _viewer_moved(self) -> None:
        self._show_position(self.query_one(ArticleView))

    @on(Outline.OptionSelected, "#outline")
    def _outline_selected(self, event: Outline.OptionSelected) -> None:
        target = self.query_one(Outline).targets.get(event.option_id or "")
        if target:
            self.query_one(ArticleView).jump(*target)

    def bookmark_target(self) -> SearchResult | None:
        """The article ``b``/``B`` act on: the one being read, else the highlighted result."""
        if isinstance(self.focused, ArticleView) and self.current_result is not None:
            return self.current_result
        return self.query_one(ResultsList).current or self.current_result

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
        if isinstance(focused, SourcesPane):
            self.remove_class("-sources")
            self.query_one(ResultsList).focus()
            return
        if isinstance(focused, ArticleView):
            self.remove_class("-reading")
            self.query_one(ResultsList).focus()
            return
        if isinstance(focused, SearchInput):
            results = self.query_one(ResultsList)
            if results.results:
                results.focus()
            return
        self.query_one(SearchInput).focus()

    def answered_text(self) -> str:
        """The search box's query as the results shown answer it: with its
        last word as a prefix when it was searched so
        (:func:`reader.index.engines.search_as_typed`)."""
        value = self.query_one(SearchInput).value
        typed = typed_prefix(value)
        if typed is not None and self._searched[0] == typed[0]:
            return typed[0]
        return value

    def scoped(self, text: str) -> str:
        """``text`` kept to the sources pane's choice."""
        return " ".join(filter(None, [self.scope_words, "is:unread" if self.unread_only else "", text]))

    def action_toggle_sources(self) -> None:
        sources.toggle(self)

    @on(SourcesPane.OptionSelected, "#sources")
    def _scope_chosen(self, event: SourcesPane.OptionSelected) -> None:
        sources.choose(self, event.option_id or "")

    def action_add_folder(self) -> None:
        adding.ask(self, "folder")

    def action_add_feed(self) -> None:
        adding.ask(self, "feed")

    def action_import_opml(self) -> None:
        adding.ask(self, "opml")

    def action_toggle_read(self) -> None:
        reading.toggle(self)

    def action_mark_all_read(self) -> None:
        reading.mark_all(self)

    def action_undo_read(self) -> None:
        reading.undo(self)

    def action_next_unread(self) -> None:
        reading.next_unread(self)

    def action_open_link(self) -> None:
        reading.open_link(self)

    def action_copy_link(self) -> None:
        reading.copy_link(self)

    def action_copy_title(self) -> None:
        reading.copy_title(self)

    def action_full_text(self) -> None:
        reading.full_text(self)

    def action_save_search(self) -> None:
        searches.open_save_dialog(self)

    def action_saved_searches(self) -> None:
        searches.open_saved_searches(self)

    def action_toggle_outline(self) -> None:
        shown = self.has_class("-outline")
        self.set_class(not shown, "-outline")
        if not shown and self.query_one(ArticleView).article is not None:
            self.query_one(Outline).focus()
        elif shown and isinstance(self.focused, Outline):
            self.query_one(ArticleView).focus()
