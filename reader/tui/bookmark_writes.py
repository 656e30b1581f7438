"""Changes to bookmarks.yaml, off the UI thread and one at a time.

A change may wait for the bookmarks file's lock (another Reader saving),
so each runs in a thread worker of the app (group ``bookmarks``). They run
strictly in the order asked for: ``u`` right after ``d`` puts back what
``d`` removed, whatever the timing. A failure reaches the user through
the app's one worker-failure handler (title "Bookmarks not saved"); after
every change, failed or not, the app shows what the file holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual.app import App

from reader.bookmarks.store import Bookmark, BookmarkStore, Removed
from reader.corpus import Article

Change = Callable[[], tuple[str, float] | None]
"""Runs in the worker's thread; returns the message to show and for how long, if any."""


class BookmarkWrites:
    """The queue of bookmark changes, run in the app's thread workers."""

    GROUP = "bookmarks"

    def __init__(self, app: App, store: BookmarkStore, refresh: Callable[[], None]) -> None:
        self.app = app
        self.store = store
        self.refresh = refresh  # on the UI thread, after each change
        self.undo: list[Removed] = []
        """Removals ``u`` puts back, newest last; kept for the whole session
        (leaving and reopening the bookmarks screen keeps them). Touched only
        by the changes, which run one at a time."""
        self._queue: deque[Change] = deque()
        self._busy = False

    @property
    def idle(self) -> bool:
        """Nothing running and nothing waiting."""
        return not self._busy and not self._queue

    def submit(self, change: Change) -> None:
        """Run ``change`` after every change asked for before it."""
        self._queue.append(change)
        if not self._busy:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            return
        self._busy = True
        change = self._queue.popleft()
        self.app.run_worker(lambda: self._run(change), name="bookmark change", group=self.GROUP, thread=True, exit_on_error=False)

    def _run(self, change: Change) -> None:
        note = None
        try:
            note = change()
        finally:  # a failure still shows the file as it is, then the worker reports it
            self.app.call_from_thread(self._done, note)

    def _done(self, note: tuple[str, float] | None) -> None:
        try:
            if note:
                self.app.notify(note[0], timeout=note[1], markup=False)
            self.refresh()
        finally:
            self._next()

    # -- the changes ---------------------------------------------------------------

    def toggle(self, article_id: str, title: str, list_name: str, get_article: Callable[[str], Article | None]) -> None:
        """Add the article to ``list_name``, or remove it if it is there."""

        def change() -> tuple[str, float] | None:
            if self.store.contains(article_id, list_name):
                self.store.remove(article_id, list_name)
                return f"Removed from {list_name}: {title}", 3
            article = get_article(article_id)
            if article is None:
                return None
            self.store.add(article, list_name)
            return f"Bookmarked in {list_name}: {title}", 3

        self.submit(change)

    def save(
        self, article_id: str, title: str, entry: Bookmark | None, edit, get_article: Callable[[str], Article | None]
    ) -> None:
        """Apply what the bookmark dialog returned (``edit``) to ``entry`` (None: not bookmarked)."""

        def change() -> tuple[str, float]:
            if edit.remove and entry is not None:
                self.store.remove(article_id, entry.list)
                return f"Removed from {entry.list}", 3
            if entry is not None and entry.list != edit.list:
                self.store.move(article_id, entry.list, edit.list)
            if self.store.contains(article_id, edit.list):
                self.store.update(article_id, edit.list, tags=edit.tags, note=edit.note)
            else:
                article = get_article(article_id)
                item = article if article is not None else {"id": article_id, "title": title}
                self.store.add(item, edit.list, tags=edit.tags, note=edit.note)
            return f"Saved in {edit.list}", 3

        self.submit(change)

    def remove(self, entry: Bookmark) -> None:
        """Remove ``entry`` from its list; ``undo`` puts it back."""

        def change() -> tuple[str, float] | None:
            removed = self.store.remove(entry.id, entry.list)
            if removed is None:
                return None
            self.undo.append(removed)
            return f"Removed {entry.title or entry.id} from {entry.list} (u to undo)", 4

        self.submit(change)

    def restore(self) -> None:
        """Put back the entry removed last (kept for another try if that fails)."""

        def change() -> tuple[str, float]:
            if not self.undo:
                return "Nothing to undo", 2
            removed = self.undo[-1]
            entry = self.store.restore(removed)
            self.undo.pop()
            return f"Put back {entry.title or entry.id} in {removed.list}", 3

        self.submit(change)
