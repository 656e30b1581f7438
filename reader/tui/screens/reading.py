"""Read state and links on the main screen: what opening an article, ``m``,
``M``, ``ctrl+z``, ``.``, ``O``, ``y`` and ``Y`` do.

The read state lives in the home (:mod:`reader.readstate`); the results
list dims what was read. Writes go to a worker thread (SQLite, a few
milliseconds, but never on the UI thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.feeds.entries import split_entry_id
from reader.tui.widgets.results import ResultsList

if TYPE_CHECKING:
    from reader.index.search import SearchResult
    from reader.tui.screens.main import MainScreen


def load(screen: MainScreen) -> None:
    """Show as read what the read state says was read."""
    try:
        read = screen.read_state.read_ids()
    except ReaderError as error:
        screen.notify(str(error), severity="warning", timeout=8, markup=False)
        return
    results = screen.query_one(ResultsList)
    results.read_ids = set(read)


def _show(screen: MainScreen, ids: dict[str, bool]) -> None:
    results = screen.query_one(ResultsList)
    for article, read in ids.items():
        if read:
            results.read_ids.add(article)
        else:
            results.read_ids.discard(article)
    for number, shown in enumerate(results.results):
        if shown.id in ids:
            results.update_result(number, shown)


def _save(screen: MainScreen, ids: dict[str, bool]) -> None:
    from reader.tui.screens import sources

    """Write the new states in a worker (the list shows them at once)."""
    state = screen.read_state

    def write() -> None:
        try:
            for read in (True, False):
                chosen = [article for article, value in ids.items() if value is read]
                if chosen:
                    state.mark(chosen, read)
        except ReaderError as error:
            screen.app.call_from_thread(screen.notify, str(error), severity="error", timeout=8, markup=False)
            return
        screen.app.call_from_thread(sources.refresh, screen)  # the unread counts

    screen.run_worker(write, thread=True, group="read-state", exit_on_error=False)


def mark(screen: MainScreen, ids: list[str], read: bool = True) -> None:
    states = dict.fromkeys(ids, read)
    _show(screen, states)
    _save(screen, states)


def toggle(screen: MainScreen) -> None:
    target = screen.bookmark_target()
    if target is None:
        return
    results = screen.query_one(ResultsList)
    read = target.id not in results.read_ids
    mark(screen, [target.id], read)
    screen.notify(f"Marked {'read' if read else 'unread'}: {target.title}", timeout=2, markup=False)


def mark_all(screen: MainScreen) -> None:
    results = screen.query_one(ResultsList)
    listed = [r.id for r in results.results]
    unread = [article for article in listed if article not in results.read_ids]
    if not unread:
        screen.notify("Everything listed is read already", timeout=2)
        return
    screen.undo_read = dict.fromkeys(unread, False)
    mark(screen, unread, True)
    screen.notify(f"Marked {len(unread)} listed article{'s' if len(unread) != 1 else ''} read · ctrl+z undoes it", timeout=5)


def undo(screen: MainScreen) -> None:
    before = screen.undo_read
    if not before:
        screen.notify("Nothing to undo", timeout=2)
        return
    screen.undo_read = {}
    _show(screen, before)
    _save(screen, before)
    screen.notify(f"Marked {len(before)} article{'s' if len(before) != 1 else ''} unread again", timeout=3)


def next_unread(screen: MainScreen) -> None:
    """Open the next unread result after the highlighted one (wrapping)."""
    results = screen.query_one(ResultsList)
    if not results.results:
        return
    start = results.highlighted if results.highlighted is not None else -1
    count = len(results.results)
    for step in range(1, count + 1):
        number = (start + step) % count
        if results.results[number].id not in results.read_ids:
            results.highlighted = number
            screen.open_result(results.results[number])
            return
    screen.notify("No unread article in the list", timeout=2)


def _link(screen: MainScreen) -> tuple[SearchResult, str] | None:
    target = screen.bookmark_target()
    if target is None or screen.index is None:
        return None
    try:
        article = screen.index.get(target.id)
    except ReaderError as error:
        screen.notify(str(error), severity="error", markup=False)
        return None
    url = article.url if article is not None else ""
    if not url:
        screen.notify("This article has no link (it came from a file, not a feed)", timeout=3)
        return None
    return target, url


def open_link(screen: MainScreen) -> None:
    found = _link(screen)
    if found is not None:
        screen.app.open_url(found[1])
        screen.notify(f"Opening {found[1]}", timeout=2, markup=False)


def copy_link(screen: MainScreen) -> None:
    found = _link(screen)
    if found is not None:
        screen.app.copy_to_clipboard(found[1])
        screen.notify(f"Copied {found[1]}", timeout=2, markup=False)


def copy_title(screen: MainScreen) -> None:
    target = screen.bookmark_target()
    if target is not None:
        screen.app.copy_to_clipboard(target.title)
        screen.notify(f"Copied the title: {target.title}", timeout=2, markup=False)


def full_text(screen: MainScreen) -> None:
    """Fetch the web page of the article read (or highlighted) in a worker,
    and show its whole text when it comes."""
    target = screen.bookmark_target()
    if target is None:
        return
    if split_entry_id(target.id) is None:
        screen.notify("Only feed entries have a page to fetch", timeout=3)
        return
    screen.notify("Fetching the full text…", timeout=2)
    paths = screen.home

    def fetch() -> None:
        from reader.feeds.manager import Feeds

        try:
            text = Feeds(paths).full_text_of(target.id)
        except ReaderError as error:
            screen.app.call_from_thread(screen.notify, str(error), severity="warning", timeout=6, markup=False)
            return
        screen.app.call_from_thread(_show_full_text, screen, target, text)

    screen.run_worker(fetch, thread=True, group="full-text", exclusive=True, exit_on_error=False)


def _show_full_text(screen: MainScreen, target: SearchResult, text: str) -> None:
    from dataclasses import replace

    from reader.index.snippets import hit_spans
    from reader.tui.widgets.article import ArticleView, build_marks
    from reader.tui.widgets.outline import Outline

    viewer = screen.query_one(ArticleView)
    if viewer.article is not None and viewer.article.id == target.id:
        article = replace(viewer.article, body=text)
        viewer.show(
            article,
            title_hits=hit_spans(article.title, target.terms),
            marks=build_marks(article.body, hit_spans(article.body, target.terms)),
        )
        screen.query_one(Outline).show_marks(viewer.marks)
    screen.notify("Full text fetched", timeout=2)
    screen.reindex()  # the index takes the new text in
