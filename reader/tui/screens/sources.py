"""The sources pane on the main screen: ``f`` shows it (with unread counts
counted in a worker) and hides it; choosing a feed, folder or tag keeps
every search to it, and "Unread only" to the articles not read yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from reader.library import Scope
    from reader.tui.screens.main import MainScreen


def toggle(screen: MainScreen) -> None:
    pane = screen.query_one(SourcesPane)
    shown = screen.has_class("-sources")
    if shown and screen.focused is pane:
        screen.remove_class("-sources")
        screen.query_one(ResultsList).focus()
        return
    screen.add_class("-sources")
    pane.focus()
    refresh(screen)


def refresh(screen: MainScreen) -> None:
    """Count the scopes again in a worker (when the pane is shown)."""
    if not screen.has_class("-sources") or screen.index is None:
        return
    index = screen.index
    library = screen.library

    def count() -> None:
        from reader.library import scopes

        try:
            found = scopes(library, index)
        except ReaderError as error:
            screen.app.call_from_thread(screen.notify, str(error), severity="warning", markup=False)
            return
        screen.app.call_from_thread(_show, screen, found)

    screen.run_worker(count, thread=True, group="sources", exclusive=True, exit_on_error=False)


def _show(screen: MainScreen, found: list[Scope]) -> None:
    pane = screen.query_one(SourcesPane)
    pane.unread_only = screen.unread_only
    pane.show_scopes(found, screen.scope_words)


def choose(screen: MainScreen, option_id: str) -> None:
    pane = screen.query_one(SourcesPane)
    if option_id == "unread-only":
        screen.unread_only = not screen.unread_only
    else:
        scope = pane.scopes.get(option_id)
        if scope is None:
            return
        screen.scope_words = scope.words
        screen.scope_name = scope.name
    screen.run_search(screen.query_one(SearchInput).value)
    refresh(screen)
    if option_id != "unread-only":
        if screen.has_class("-narrow"):
            screen.remove_class("-sources")  # on a narrow terminal the pane hides the results
        screen.query_one(ResultsList).focus()
