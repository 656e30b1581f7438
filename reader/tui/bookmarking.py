"""Bookmark actions of the app: ``b``, ``B``, ``ctrl+b``.

A mixin for :class:`reader.tui.app.ReaderApp`, which provides
``self.bookmarks`` (a :class:`~reader.bookmarks.store.BookmarkStore`),
``self.index``, ``self.config`` and the widgets used here.
"""

from __future__ import annotations

from reader.bookmarks.store import Removed
from reader.errors import ReaderError
from reader.index.search import SearchResult
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList


def _not_saved(app, error: ReaderError) -> None:
    """Report a change that was not saved (the message names the file and the fix)."""
    app.notify(str(error), title="Bookmarks not saved", severity="error", timeout=10, markup=False)


class BookmarkActions:
    """Toggle, edit and browse bookmarks from anywhere in the app."""

    @property
    def bookmark_undo(self) -> list[Removed]:
        """Removals ``u`` on the bookmarks screen puts back, newest last.

        Kept on the app, not the screen, so undo still works after leaving
        and reopening the screen (until the app exits).
        """
        stack = getattr(self, "_bookmark_undo", None)
        if stack is None:
            stack = self._bookmark_undo = []
        return stack

    def bookmarks_changed(self, report: bool = False) -> None:
        """Re-read bookmarks.yaml and refresh the markers in the results."""
        try:
            self.bookmarks.load()
        except ReaderError as error:
            if report:
                self.notify(
                    str(error), title="Bookmarks are read-only until this is fixed", severity="error", timeout=12, markup=False
                )
        results = self.query_one(ResultsList)
        results.bookmarked = {e.id for e in self.bookmarks.entries()}
        results.restyle()
        # b and B work on every screen: an open bookmarks screen shows the change too.
        from reader.tui.screens.bookmarks import BookmarksScreen

        for screen in self.screen_stack:
            if isinstance(screen, BookmarksScreen):
                screen.refresh_entries()

    def _target(self) -> SearchResult | None:
        """The article ``b``/``B`` act on: the one being read, else the highlighted result."""
        if isinstance(self.focused, ArticleView) and self.current_result is not None:
            return self.current_result
        return self.query_one(ResultsList).current or self.current_result

    def action_toggle_bookmark(self) -> None:
        target = self._target()
        if target is None or self.index is None:
            return
        default = self.config.bookmarks.default_list
        try:
            if self.bookmarks.contains(target.id, default):
                self.bookmarks.remove(target.id, default)
                self.notify(f"Removed from {default}: {target.title}", timeout=3, markup=False)
            else:
                article = self.index.get(target.id)
                if article is None:
                    return
                self.bookmarks.add(article, default)
                self.notify(f"Bookmarked in {default}: {target.title}", timeout=3, markup=False)
        except ReaderError as error:
            _not_saved(self, error)
        self.bookmarks_changed()

    def action_edit_bookmark(self) -> None:
        target = self._target()
        if target is not None:
            self.edit_bookmark(target.id, target.title)

    def edit_bookmark(self, article_id: str, title: str, after=None, entry=None) -> None:
        """Open the bookmark dialog for ``article_id`` (list, tags, note)."""
        from reader.tui.screens.bookmarks import BookmarkDialog

        if entry is None:
            lists_with = self.bookmarks.lists_containing(article_id)
            entry = self.bookmarks.get(article_id, lists_with[0]) if lists_with else None
        names = list(dict.fromkeys([*(spec.name for spec in self.config.bookmarks.lists), *self.bookmarks.lists()]))

        def done(edit) -> None:
            if edit is None:
                return
            try:
                if edit.remove and entry is not None:
                    self.bookmarks.remove(article_id, entry.list)
                    self.notify(f"Removed from {entry.list}", timeout=3, markup=False)
                else:
                    if entry is not None and entry.list != edit.list:
                        self.bookmarks.move(article_id, entry.list, edit.list)
                    if self.bookmarks.contains(article_id, edit.list):
                        self.bookmarks.update(article_id, edit.list, tags=edit.tags, note=edit.note)
                    else:
                        article = self.index.get(article_id) if self.index else None
                        item = article if article is not None else {"id": article_id, "title": title}
                        self.bookmarks.add(item, edit.list, tags=edit.tags, note=edit.note)
                    self.notify(f"Saved in {edit.list}", timeout=3, markup=False)
            except ReaderError as error:
                _not_saved(self, error)
            self.bookmarks_changed()
            if after:
                after()

        self.push_screen(BookmarkDialog(title, names, entry, self.config.bookmarks.default_list), done)

    def action_bookmarks(self) -> None:
        from reader.tui.screens.bookmarks import BookmarksScreen

        if isinstance(self.screen, BookmarksScreen):
            self.screen.action_focus_filter()  # already open: not a second copy
            return
        if any(isinstance(screen, BookmarksScreen) for screen in self.screen_stack):
            return  # open under a dialog
        self.push_screen(BookmarksScreen(self.bookmarks, self.bookmark_undo))

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
