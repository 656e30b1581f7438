"""The results list: title, date, source and a snippet with hits highlighted.

The list tells its screen when the cursor (or the mouse wheel) reaches its
last result (:class:`ResultsList.EndReached`): the screen then fetches the
next page of results, if there is one, and appends it.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.sources import FEEDS_SOURCE
from reader.index.search import SearchResult
from reader.tui.keys import bindings
from reader.tui.styles import reader_styles


def result_meta(result: SearchResult) -> str:
    """``2023-09-20 · BAKU, Azerbaijan · news · 2 copies``: date, dateline,
    section and, when the library holds the same article more than once,
    how many copies this result stands for."""
    section = result.id.rpartition("/")[0] or result.source  # "bbc/sport", "seeds"
    if result.source == FEEDS_SOURCE and section.count("/") == 1:
        section = section.partition("/")[2]  # a feed entry: its feed's name
    copies = f"{result.copies} copies" if result.copies > 1 else ""
    parts = (result.date.isoformat() if result.date else "", result.dateline or "", section, copies)
    return " · ".join(part for part in parts if part)


def result_text(result: SearchResult, styles, read: bool = False) -> Text:
    """Title, meta line and snippet of one result, then a blank line.

    The query's words are highlighted in the title and the snippet alike
    (the ``hit`` style over the read or unread title style). Built from
    plain strings only (never markup).
    """
    title = Text(result.title, styles["read"] if read else styles["unread"])
    for start, end in result.title_hits:
        title.stylize(styles["hit"], start, end)
    lines = Text()
    lines.append_text(title)
    meta = result_meta(result)
    lines.append("\n")
    lines.append(meta, "dim")
    if result.snippet:
        snippet = Text(result.snippet)
        for start, end in result.snippet_hits:
            snippet.stylize(styles["hit"], start, end)
        lines.append("\n")
        lines.append_text(snippet)
    lines.append("\n")  # a blank line between results
    return lines


GUTTER = 2  # the marker's column: "★" and a space
# A result's lines as last drawn, by what they show, width and style. While
# a query is typed most of the results on screen come back unchanged from
# one keystroke to the next (the same article, title hits and snippet):
# they are drawn from here rather than wrapped and styled again.
_DRAWN: LRUCache[tuple, list[Strip]] = LRUCache(256)
_HEIGHTS: LRUCache[tuple, int] = LRUCache(1024)  # and their heights, measured as each is added


class ResultPrompt(Visual):
    """A result as an option: the marker in a gutter of its own, beside the
    text wrapped to the rest of the width.

    A Textual visual rather than a Rich table: the list measures every
    option's height as it is added, and Textual's own content wraps and
    caches that several times faster than a table is rendered to count
    its lines (most of the time a keystroke took to paint its results)."""

    def __init__(self, marker: Content, body: Content, key: tuple) -> None:
        self.marker = marker
        self.body = body
        self.key = key
        """What the prompt shows (its text, spans and marker): its lines and height are cached by it."""

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return GUTTER + self.body.get_optimal_width(rules, max(1, container_width - GUTTER))

    def get_height(self, rules: RulesMap, width: int) -> int:
        key = (self.key, width)
        height = _HEIGHTS.get(key)
        if height is None:
            height = _HEIGHTS[key] = self.body.get_height(rules, max(1, width - GUTTER))
        return height

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if options.selection is not None:
            return self._draw(width, height, style, options)
        key = (self.key, width, height, style)
        drawn = _DRAWN.get(key)
        if drawn is None:
            drawn = _DRAWN[key] = self._draw(width, height, style, options)
        return list(drawn)

    def _draw(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if width <= GUTTER:
            return self.body.render_strips(width, height, style, options)
        lines = self.body.render_strips(width - GUTTER, height, style, options)
        rich_style = style.rich_style
        marker = self.marker.render_strips(GUTTER, 1, style, options)
        first = (marker[0] if marker else Strip.blank(GUTTER, rich_style)).extend_cell_length(GUTTER, rich_style)
        blank = Strip.blank(GUTTER, rich_style)
        return [
            Strip.join([first if n == 0 else blank, line.extend_cell_length(width - GUTTER, rich_style)])
            for n, line in enumerate(lines)
        ]


def result_prompt(result: SearchResult, styles, bookmarked: bool = False, read: bool = False) -> ResultPrompt:
    """The option of one result: a marker gutter, then :func:`result_text`."""
    marker = Text("★" if bookmarked else " ", styles["bookmark"])
    body = result_text(result, styles, read)
    key = (marker.plain, marker.style, body.plain, tuple(body.spans))
    return ResultPrompt(Content.from_rich_text(marker), Content.from_rich_text(body), key)


class ResultsList(OptionList):
    """Search results; ``enter`` (or a click) opens one."""

    class EndReached(Message):
        """The cursor is on the last result, or the list is scrolled to its end."""

    BINDINGS = bindings("results")

    # The scroll bar's column is kept whether or not the results overflow:
    # a list that grows past the screen (the rest of a response appended
    # after its first screenful) does not narrow and wrap its text again.
    DEFAULT_CSS = """
    ResultsList { border: none; padding: 0; scrollbar-gutter: stable; }
    """

    # Widget's virtual size lays the whole screen out at every change: at
    # every answer, as the list's lines change. The list is as high and
    # wide as the screen gives it (#results is 1fr), never as its lines,
    # so a new virtual size only scrolls it (OptionList sets the scroll bar
    # from it at once). A scroll bar shown or hidden still lays the screen
    # out (its own reactive), and so does a list styled to follow its lines.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.results: list[SearchResult] = []
        self.read_ids: set[str] = set()
        self.bookmarked: set[str] = set()
        self._place: Region | None = None  # the list's text area when last seen on screen

    def watch_virtual_size(self) -> None:
        if self.styles.auto_dimensions:
            self.refresh(layout=True)

    # -- painting ---------------------------------------------------------------------

    _painting: Region | None = None  # the text area, while the list paints

    def render_lines(self, crop: Region) -> list[Strip]:
        """OptionList brings its lines up to date, then reads them, the text
        area and its styles again at each line painted (the line cache is
        checked and the area worked out from the widget's region, gutter
        and scroll bar, each time): a fifth of the time a new answer's
        lines took. The lines cannot change while the list paints, so they
        are brought up to date once and the area is worked out once."""
        self._update_lines()
        self._painting = self.scrollable_content_region
        try:
            return super().render_lines(crop)
        finally:
            self._painting = None

    def _update_lines(self) -> None:
        if self._painting is None:
            super()._update_lines()

    @property
    def scrollable_content_region(self) -> Region:
        return self._painting or super().scrollable_content_region

    def _prompt(self, result: SearchResult, styles) -> ResultPrompt:
        return result_prompt(result, styles, result.id in self.bookmarked, result.id in self.read_ids)

    def _text_area(self) -> Region | None:
        """The list's text area; hidden (the no-results panel stands in its
        place), the place it had when last shown, where it is about to be
        again; None before it was ever laid out."""
        region = self.scrollable_content_region
        if region:
            self._place = region
        return region or self._place

    def screenful(self, fewest_lines: int) -> int | None:
        """How many results fill the list's text area (see :meth:`_text_area`)
        if each takes ``fewest_lines``; None when it is not known."""
        region = self._text_area()
        if not region:
            return None
        return max(1, -(-region.height // fewest_lines))

    def show_results(self, results: list[SearchResult], keep: str | None = None, fill: bool = False) -> list[SearchResult]:
        """Replace the list; keep the highlight on ``keep`` (an id) if present.

        ``fill``: only the results that fill the list's height are added
        (each one's height is measured as it is added); the rest are
        returned, for :meth:`append_results` once the screen is painted."""
        styles = reader_styles(self.app)
        region = self._text_area() if fill else None
        if region:
            width = region.width - self.get_component_styles("option-list--option").padding.width
            options: list[Option] = []
            lines = 0
            for result in results:
                prompt = self._prompt(result, styles)
                options.append(Option(prompt, id=result.id))
                lines += prompt.get_height(cast(RulesMap, self.styles), width)
                if lines >= region.height:
                    break
        else:
            options = [Option(self._prompt(r, styles), id=r.id) for r in results]
        shown = list(results[: len(options)])
        self.results = shown
        self.set_options(options)
        if self.results:
            index = next((i for i, r in enumerate(self.results) if r.id == keep), 0)
            self.highlighted = index
        return list(results[len(shown) :])

    def append_results(self, results: list[SearchResult]) -> None:
        """Add results below the ones shown (the rest of a response, a later
        page); the cursor stays where it is. A result already listed is left
        out (an option id may be used once)."""
        listed = {r.id for r in self.results}
        fresh: list[SearchResult] = []
        for result in results:
            if result.id not in listed:
                listed.add(result.id)
                fresh.append(result)
        results = fresh
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

    def at_end(self) -> bool:
        """Whether the cursor is on the last result."""
        return bool(self.results) and self.highlighted == len(self.results) - 1

    def reached_end(self) -> bool:
        """Whether the cursor is on the last result, or the list overflows
        and is scrolled to its end (what :class:`EndReached` tells, asked
        again when it is handled: results appended meanwhile move the end)."""
        return self.at_end() or (self.max_scroll_y > 0 and round(self.scroll_y) >= self.max_scroll_y)

    def _check_end(self) -> None:
        if self.at_end():
            self.post_message(self.EndReached())

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._check_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Scrolled down to the end (the wheel, the scroll bar): the cursor
        # may be anywhere above, but the end of the list is in view.
        if self.results and new_value > old_value and round(new_value) >= self.max_scroll_y:
            self.post_message(self.EndReached())

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= len(self.results) - 1:
            self._check_end()  # down at the last result: the next page, if any
            return
        super().action_cursor_down()

    def action_last(self) -> None:
        super().action_last()
        self._check_end()  # already on the last result: no highlight change to tell

    def _laid_out(self) -> bool:
        """Whether the list has lines to page through: results added while
        it is hidden have none yet (Textual's paging would fail on them)."""
        return self.scrollable_content_region.height > 0

    def action_page_down(self) -> None:
        if self._laid_out():
            super().action_page_down()
        self._check_end()

    def action_page_up(self) -> None:
        if self._laid_out():
            super().action_page_up()

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            return
        super().action_cursor_up()
