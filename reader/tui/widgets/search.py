"""The search box."""

from __future__ import annotations

from textual.widgets import Input

from reader.tui.keys import bindings
from reader.tui.widgets.results import ResultsList


class SearchInput(Input):
    """The search box: ``tab`` accepts a spelling suggestion when one is shown."""

    BINDINGS = bindings("search")

    suggestion: str | None = None
    """The spelling suggestion shown under the box (set by the screen)."""

    def action_accept_suggestion(self) -> None:
        if self.suggestion:
            self.value = self.suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()

    def action_to_results(self) -> None:
        results = self.screen.query_one(ResultsList)
        if results.results:
            results.focus()
