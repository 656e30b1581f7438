"""The article viewer: paragraphs with quotes, figures and hits highlighted.

Article text is data: every piece is a ``rich.text.Text`` built from plain
strings (never markup), and control characters were stripped when the
article was read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reader.corpus import Article
from reader.tui.styles import reader_styles

KINDS = ("hit", "quote", "figure")


@dataclass(frozen=True)
class Mark:
    """A highlighted span of the body: a hit, a quote or a figure."""

    kind: str
    start: int
    end: int
    subtype: str | None = None
    speaker: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Chunk:
    """A run of whole paragraphs: ``body[start:end]``, shown as one widget."""

    start: int
    end: int
    subheadings: tuple[tuple[int, int], ...] = ()


# Paragraphs are grouped into widgets of about this many characters: a long
# article stays a few hundred widgets, not thousands.
CHUNK_CHARS = 4000


def _chunk(blocks) -> list[Chunk]:
    chunks: list[Chunk] = []
    start = end = None
    subheadings: list[tuple[int, int]] = []
    for block in blocks:
        if start is None:
            start = block.start
        elif block.end - start > CHUNK_CHARS:
            chunks.append(Chunk(start, end, tuple(subheadings)))
            start, subheadings = block.start, []
        end = block.end
        if block.kind == "subheading":
            subheadings.append((block.start, block.end))
    if start is not None:
        chunks.append(Chunk(start, end, tuple(subheadings)))
    return chunks


class Block(Static):
    """A run of paragraphs (blank lines between them come from the body text)."""

    DEFAULT_CSS = """
    Block { margin: 0 0 1 0; }
    """


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; keys jump between hits, quotes and figures."""

    BINDINGS = [
        Binding("n", "next('hit')", "Next hit", id="article.next_hit"),
        Binding("N", "previous('hit')", "Prev hit", id="article.previous_hit", show=False),
        Binding("]", "next('quote')", "Next quote", id="article.next_quote"),
        Binding("[", "previous('quote')", "Prev quote", id="article.previous_quote", show=False),
        Binding("}", "next('figure')", "Next figure", id="article.next_figure"),
        Binding("{", "previous('figure')", "Prev figure", id="article.previous_figure", show=False),
        Binding("j,down", "scroll_down", "Down", id="article.down", show=False),
        Binding("k,up", "scroll_up", "Up", id="article.up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="article.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="article.page_up", show=False),
        Binding("g,home", "scroll_home", "Top", id="article.top", show=False),
        Binding("G,end", "scroll_end", "Bottom", id="article.bottom", show=False),
        Binding("1", "toggle('quote')", "Quotes on/off", id="article.toggle_quotes", show=False),
        Binding("2", "toggle('figure')", "Figures on/off", id="article.toggle_figures", show=False),
        Binding("3", "toggle('hit')", "Hits on/off", id="article.toggle_hits", show=False),
    ]

    DEFAULT_CSS = """
    ArticleView { padding: 0 2; }
    ArticleView #article-title { text-style: bold; margin: 1 0 0 0; }
    ArticleView #article-meta { color: $text-muted; margin: 0 0 1 0; }
    ArticleView #article-empty { color: $text-muted; margin: 2 0; text-align: center; width: 100%; }
    """

    class Moved(Message):
        """The position in the article (or the current mark) changed."""

    enabled: reactive[frozenset[str]] = reactive(frozenset(KINDS), init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.marks: dict[str, list[Mark]] = {kind: [] for kind in KINDS}
        self.title_hits: list[tuple[int, int]] = []
        self.current: tuple[str, int] | None = None
        self._chunks: list[Chunk] = []
        self._chunk_starts: list[int] = []
        self._chunk_widgets: list[Block] = []
        self._mark_ends: dict[str, list[int]] = {kind: [] for kind in KINDS}

    def compose(self):
        yield Static(Text("Select an article to read it here."), id="article-empty")

    # -- content -------------------------------------------------------------

    def show(
        self,
        article: Article,
        *,
        hits: list[tuple[int, int]] = (),
        title_hits: list[tuple[int, int]] = (),
        annotations=(),
    ) -> None:
        """Display ``article`` with its search hits and annotation spans."""
        self.article = article
        self.title_hits = list(title_hits)
        self.marks = {kind: [] for kind in KINDS}
        self.marks["hit"] = [Mark("hit", s, e, text=article.body[s:e]) for s, e in hits]
        for span in annotations:
            if span.kind in self.marks:
                self.marks[span.kind].append(
                    Mark(span.kind, span.start, span.end, getattr(span, "subtype", None), getattr(span, "speaker", None), span.text)
                )
        for kind in KINDS:
            self.marks[kind].sort(key=lambda m: (m.start, m.end))
        self._mark_ends = {kind: [m.end for m in self.marks[kind]] for kind in KINDS}
        self.current = None
        self._chunks = _chunk(list(article.blocks()))
        self._chunk_starts = [chunk.start for chunk in self._chunks]
        with self.app.batch_update():
            self.remove_children()
            self._chunk_widgets = [Block(self._render_chunk(chunk), classes="chunk") for chunk in self._chunks]
            self.mount_all(
                [Static(Text(article.title), id="article-title"), Static(self._meta_text(), id="article-meta"), *self._chunk_widgets]
            )
        self.call_after_refresh(self._refresh_title)
        self.scroll_home(animate=False)
        self.post_message(self.Moved())

    def clear(self) -> None:
        self.article = None
        self.marks = {kind: [] for kind in KINDS}
        self.current = None
        self._chunks, self._chunk_widgets = [], []
        self.remove_children()
        self.mount(Static(Text("Select an article to read it here."), id="article-empty"))
        self.post_message(self.Moved())

    def _meta_text(self) -> Text:
        article = self.article
        parts = [article.date.strftime("%d %B %Y").lstrip("0") if article.date else "", article.dateline or "", article.id]
        return Text(" · ".join(p for p in parts if p))

    def _refresh_title(self) -> None:
        if self.article is None:
            return
        title = Text(self.article.title)
        if "hit" in self.enabled:
            style = reader_styles(self.app)["hit"]
            for start, end in self.title_hits:
                title.stylize(style, start, end)
        try:
            self.query_one("#article-title", Static).update(title)
        except Exception:  # noqa: BLE001 - not mounted yet
            pass

    def _render_chunk(self, chunk: "Chunk") -> Text:
        """The text of a run of paragraphs (a slice of the body) with its highlights."""
        start, end = chunk.start, chunk.end
        text = Text(self.article.body[start:end])
        styles = reader_styles(self.app)
        for sub_start, sub_end in chunk.subheadings:
            text.stylize(styles["subheading"], sub_start - start, sub_end - start)
        for kind in ("quote", "figure", "hit"):
            if kind not in self.enabled:
                continue
            for mark in self._marks_between(kind, start, end):
                style = styles["figure-" + (mark.subtype or "other")] if kind == "figure" else styles[kind]
                text.stylize(style, max(mark.start, start) - start, min(mark.end, end) - start)
        if self.current is not None:
            current = self.marks[self.current[0]][self.current[1]]
            if current.start < end and current.end > start:
                text.stylize(styles["current"], max(current.start, start) - start, min(current.end, end) - start)
        return text

    def _marks_between(self, kind: str, start: int, end: int) -> list[Mark]:
        """Marks of ``kind`` overlapping ``[start, end)``.

        Marks of one kind never overlap, so sorted by start they are sorted
        by end too: binary search for the first one ending after ``start``.
        """
        marks = self.marks[kind]
        found = []
        for i in range(bisect.bisect_right(self._mark_ends[kind], start), len(marks)):
            if marks[i].start >= end:
                break
            found.append(marks[i])
        return found

    def refresh_highlights(self) -> None:
        """Re-render every chunk (after a toggle, a theme change or a move)."""
        if self.article is None:
            return
        for chunk, widget in zip(self._chunks, self._chunk_widgets):
            widget.update(self._render_chunk(chunk))
        self._refresh_title()

    def watch_enabled(self) -> None:
        self.refresh_highlights()

    # -- navigation ----------------------------------------------------------

    def _chunk_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._chunk_starts, offset) - 1)

    def jump(self, kind: str, index: int) -> None:
        """Make mark ``index`` of ``kind`` current and scroll it into view."""
        marks = self.marks[kind]
        if not marks:
            return
        index %= len(marks)
        old = self.current
        self.current = (kind, index)
        mark = marks[index]
        touched = {self._chunk_of(mark.start)}
        if old is not None and old[1] < len(self.marks[old[0]]):
            touched.add(self._chunk_of(self.marks[old[0]][old[1]].start))
        for n in touched:
            self._chunk_widgets[n].update(self._render_chunk(self._chunks[n]))
        self.call_after_refresh(self._scroll_to_offset, mark.start)
        self.post_message(self.Moved())

    def _scroll_to_offset(self, offset: int) -> None:
        if not self._chunks:
            return
        n = self._chunk_of(offset)
        widget, chunk = self._chunk_widgets[n], self._chunks[n]
        width = max(1, widget.content_size.width)
        prefix = Text(self.article.body[chunk.start : offset] + "x")
        line = max(0, len(prefix.wrap(self.app.console, width)) - 1)
        y = widget.virtual_region.y + line
        top = max(0, y - max(1, self.size.height // 3))
        self.scroll_to(y=top, animate=False)

    def _step(self, kind: str, forward: bool) -> None:
        marks = self.marks[kind]
        if not marks:
            self.notify(f"No {kind}s in this article" if kind != "hit" else "No search hits in this article", timeout=2)
            return
        if self.current and self.current[0] == kind:
            index = self.current[1] + (1 if forward else -1)
        else:
            # Start from what is on screen: the first mark below the top.
            top_offset = self._offset_at_top()
            first_below = bisect.bisect_left(self._mark_ends[kind], top_offset + 1)
            index = first_below if forward else first_below - 1
        self.jump(kind, index)

    def _offset_at_top(self) -> int:
        y = self.scroll_y
        for chunk, widget in zip(self._chunks, self._chunk_widgets):
            if widget.virtual_region.bottom > y:
                return chunk.start
        return 0

    def action_next(self, kind: str) -> None:
        self._step(kind, True)

    def action_previous(self, kind: str) -> None:
        self._step(kind, False)

    def action_toggle(self, kind: str) -> None:
        enabled = set(self.enabled)
        enabled.symmetric_difference_update({kind})
        self.enabled = frozenset(enabled)
        state = "on" if kind in enabled else "off"
        self.notify(f"{kind.capitalize()} highlights {state}", timeout=1.5)

    def position_text(self) -> str:
        """``hit 2/5 · 34%`` for the status line."""
        if self.article is None:
            return ""
        parts = []
        if self.current is not None:
            kind, index = self.current
            parts.append(f"{kind} {index + 1}/{len(self.marks[kind])}")
        counts = ", ".join(
            f"{len(self.marks[k])} {k if len(self.marks[k]) == 1 else k + 's'}" for k in ("hit", "quote", "figure")
        )
        parts.append(counts)
        if self.max_scroll_y:
            parts.append(f"{round(100 * self.scroll_y / self.max_scroll_y)}%")
        else:
            parts.append("100%")
        return " · ".join(parts)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.Moved())
