"""The results list: title, date, source and a snippet with hits highlighted."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.index.search import SearchResult
from reader.tui.keys import bindings
from reader.tui.styles import reader_styles


def result_prompt(result: SearchResult, styles, bookmarked: bool = False, read: bool = False) -> Table:
    """The option of one result: a marker gutter, then title, meta and snippet.

    Built from plain strings only (never markup).
    """
    lines = Text()
    lines.append(result.title, styles["read"] if read else styles["unread"])
    section = result.id.rpartition("/")[0] or result.source  # "bbc/sport", "seeds"
    meta = " · ".join(part for part in (result.date.isoformat() if result.date else "", result.dateline or "", section) if part)
    lines.append("\n")
    lines.append(meta, "dim")
    if result.snippet:
        snippet = Text(result.snippet)
        for start, end in result.snippet_hits:
            snippet.stylize(styles["hit"], start, end)
        lines.append("\n")
        lines.append_text(snippet)
    lines.append("\n")  # a blank line between results
    grid = Table.grid(expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text("★" if bookmarked else " ", styles["bookmark"]), lines)
    return grid


class ResultsList(OptionList):
    """Search results; ``enter`` (or a click) opens one."""

    BINDINGS = bindings("results")

    DEFAULT_CSS = """
    ResultsList { border: none; padding: 0; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.results: list[SearchResult] = []
        self.read_ids: set[str] = set()
        self.bookmarked: set[str] = set()

    def _prompt(self, result: SearchResult, styles) -> Table:
        return result_prompt(result, styles, result.id in self.bookmarked, result.id in self.read_ids)

    def show_results(self, results: list[SearchResult], keep: str | None = None) -> None:
        """Replace the list; keep the highlight on ``keep`` (an id) if present."""
        self.results = list(results)
        styles = reader_styles(self.app)
        self.set_options(Option(self._prompt(r, styles), id=r.id) for r in self.results)
        if self.results:
            index = next((i for i, r in enumerate(self.results) if r.id == keep), 0)
            self.highlighted = index

    def append_results(self, results: list[SearchResult]) -> None:
        """Add results below the ones shown (the rest of a response)."""
        if not results:
            return
        styles = reader_styles(self.app)
        self.results.extend(results)
        self.add_options(Option(self._prompt(r, styles), id=r.id) for r in results)

    def update_result(self, index: int, result: SearchResult) -> None:
        if 0 <= index < len(self.results):
            self.results[index] = result
            self.replace_option_prompt_at_index(
                index,
                self._prompt(result, reader_styles(self.app)),
            )

    def restyle(self) -> None:
        """Redraw every prompt (theme change, bookmark or read state change)."""
        styles = reader_styles(self.app)
        for index, result in enumerate(self.results):
            self.replace_option_prompt_at_index(index, self._prompt(result, styles))

    @property
    def current(self) -> SearchResult | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.results)):
            return None
        return self.results[self.highlighted]

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= len(self.results) - 1:
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            return
        super().action_cursor_up()
