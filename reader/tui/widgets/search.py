"""The search box.

``up`` and ``down`` walk the search history like a shell: ``up`` puts an
older query in the box, ``down`` a newer one, and past the newest what was
being typed (the draft) comes back. Each step changes the box, and the
screen searches as it changes. At the draft (not walking), ``down`` goes to
the results as it always has. Typing, or leaving the box, ends the walk:
what is in the box is the draft of the next one. ``ctrl+r`` opens the
history popup (:mod:`reader.tui.screens.searches`).
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region
from textual.widgets import Input

from reader.searches import clean_query
from reader.tui.keys import bindings
from reader.tui.widgets.results import ResultsList


class SearchInput(Input):
    """The search box: ``tab`` accepts a spelling suggestion when one is shown."""

    BINDINGS = bindings("search")

    suggestion: str | None = None
    """The spelling suggestion shown under the box (set by the screen)."""

    _echoing = False  # in Input's watcher of the value (see _watch_value)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.walk: int | None = None
        """Where in :attr:`walked` the box is (``None``: at the draft, not walking)."""
        self.walked: list[str] = []
        """The history (oldest first) as the walk began, without the draft's own text."""
        self.draft = ""
        """What was in the box when the walk began."""

    # -- the echo of a key ----------------------------------------------------------

    def _watch_value(self, value: str) -> None:
        """Input's own watcher, without laying the screen out. It sets the
        box's virtual size (as wide as its text) at every change, a reactive
        that asks for the layout of the whole screen: most of the time a
        keystroke's echo took, holding the interpreter while the search's
        worker waited to start. The box's own size never depends on its
        text (unless styled to), so the box is only repainted; its scrolling
        reads the virtual size, which is set all the same."""
        self._echoing = True
        try:
            super()._watch_value(value)
        finally:
            self._echoing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if layout and self._echoing and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def action_accept_suggestion(self) -> None:
        if self.suggestion:
            self.value = self.suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()

    # -- the history ---------------------------------------------------------------

    def _history(self) -> list[str]:
        history = getattr(self.app, "history", None)
        return list(history.entries) if history is not None else []

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)

    def action_history_older(self) -> None:
        if self.walk is None:
            draft = clean_query(self.value)
            walked = [query for query in self._history() if query != draft]
            if not walked:
                return
            self.draft, self.walked = self.value, walked
            self.walk = len(walked) - 1
        elif self.walk == 0:
            return  # the oldest
        else:
            self.walk -= 1
        self._show(self.walked[self.walk])

    def action_to_results(self) -> None:
        if self.walk is not None:
            if self.walk + 1 < len(self.walked):
                self.walk += 1
                self._show(self.walked[self.walk])
            else:
                self.walk = None
                self._show(self.draft)
            return
        results = self.screen.query_one(ResultsList)
        if results.results:
            results.focus()

    def watch_value(self, value: str) -> None:
        if self.walk is not None and value != self.walked[self.walk]:
            self.walk = None  # edited: this is the draft now

    def on_blur(self) -> None:
        self.walk = None

    def recall(self, query: str) -> None:
        """Put ``query`` in the box (the screen searches for it) and focus the box."""
        self.walk = None
        self._show(query)
        self.focus()

    def action_history_search(self) -> None:
        from reader.tui.screens.searches import open_history_search

        open_history_search(self.screen)
