"""The article viewer: paragraphs with quotes, figures and hits highlighted.

Article text is data: every piece is a ``rich.text.Text`` built from plain
strings (never markup), and control characters were stripped when the
article was read.
"""

from __future__ import annotations

import bisect
import gc
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reader.annotate.figures import find_figures
from reader.annotate.quotes import find_quotes
from reader.corpus import Article
from reader.corpus import Block as BodyBlock
from reader.tui.keys import bindings
from reader.tui.styles import reader_styles
from reader.tui.widgets.status import cut

KINDS = ("hit", "quote", "figure")


class Mark(NamedTuple):
    """A highlighted span of the body: a hit, a quote or a figure.

    The viewer keeps them in a :class:`MarkList` and makes these on demand.
    """

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


# A very long article gets longer chunks, so that it stays at most this many
# widgets (every layout pass visits each of them). Its first FIRST_CHUNKS stay
# short all the same: they are drawn before anything else can happen.
MAX_CHUNKS = 200

# A long article is mounted a few chunks at a time, so that opening it never
# blocks input for long: the first screenful at once, the rest in batches of
# about BATCH_CHARS characters (laying text out costs by its length).
FIRST_CHUNKS = 6
BATCH_CHARS = 30_000

# While a long article mounts, a full garbage collection runs every this many
# batches, as a step of its own (see ArticleView._hold_full_collections).
COLLECT_EVERY = 8
HELD_THRESHOLD = 1_000_000_000


def _chunk(blocks: Iterable[BodyBlock], length: int = 0) -> list[Chunk]:
    long_size = max(CHUNK_CHARS, length // MAX_CHUNKS)
    chunks: list[Chunk] = []
    start: int | None = None
    end = 0
    subheadings: list[tuple[int, int]] = []
    for block in blocks:
        if start is None:
            start = block.start
        elif block.end - start > (CHUNK_CHARS if len(chunks) < FIRST_CHUNKS else long_size):
            chunks.append(Chunk(start, end, tuple(subheadings)))
            start, subheadings = block.start, []
        end = block.end
        if block.kind == "subheading":
            subheadings.append((block.start, block.end))
    if start is not None:
        chunks.append(Chunk(start, end, tuple(subheadings)))
    return chunks


class MarkList(Sequence[Mark]):
    """The marks of one kind, sorted, kept as columns of plain numbers.

    Reads like a list of :class:`Mark`. Offsets are kept in ``array``s and
    each subtype or speaker as an index into a short tuple of the distinct
    ones; texts are cut from the body on demand. Arrays are not containers
    to the garbage collector, so a very long article's hundred thousand
    marks add nothing to its passes.
    """

    __slots__ = ("kind", "starts", "ends", "_extras", "_values", "_body")

    def __init__(self, kind: str, body: str = "", rows: Iterable[tuple[int, int, str | None]] = ()) -> None:
        """``rows`` are ``(start, end, extra)`` offsets into ``body``; ``extra``
        is the subtype of a figure, the speaker of a quote, None for a hit."""
        ordered = sorted(rows, key=lambda row: (row[0], row[1]))
        values: dict[str | None, int] = {None: 0}
        self.kind = kind
        self.starts = array("q", [row[0] for row in ordered])
        self.ends = array("q", [row[1] for row in ordered])
        self._extras = array("l", [values.setdefault(row[2], len(values)) for row in ordered])
        self._values = tuple(values)
        self._body = body

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end, extra = self.starts[index], self.ends[index], self._values[self._extras[index]]
        return Mark(
            self.kind,
            start,
            end,
            extra if self.kind == "figure" else None,
            extra if self.kind == "quote" else None,
            self._body[start:end],
        )


def build_marks(body: str, hits: Iterable[tuple[int, int]]) -> dict[str, MarkList]:
    """The viewer's marks of ``body``: the search ``hits`` given, its quotes
    and figures found here, each kind sorted.

    Pure (no widget is touched), so a worker can build them for a long
    article. The finders' plain tuples go straight into columns: no record
    per mark is ever made, so a long article leaves nothing behind for the
    garbage collector to walk while it loads.
    """
    return {
        "hit": MarkList("hit", body, ((start, end, None) for start, end in hits)),
        "quote": MarkList("quote", body, find_quotes(body)),
        "figure": MarkList("figure", body, find_figures(body)),
    }


# Where a sentence ends: its stop, perhaps a closing quotation mark, then space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»“]?\s")


def speaker_named_near(body: str, start: int, end: int, speaker: str) -> bool:
    """Whether the sentence around the quote ``body[start:end]`` names its
    ``speaker`` outside the quote (``"We won," said Ruddock``): there the
    viewer adds no label, the reader sees who spoke."""
    words = re.findall(r"[^\W\d_][\w'’-]*", speaker)
    if not words:
        return True
    key = re.sub(r"['’]s$", "", words[-1])
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    if para_end < 0:
        para_end = len(body)
    before = body[para_start:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = body[end:para_end]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start() + 1]
    pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE)
    return bool(pattern.search(before) or pattern.search(after))


def speaker_label(speaker: str) -> str:
    """The label the viewer adds after a quote: `` ‹Anna Berg›``."""
    return f" ‹{' '.join(speaker.split())}›"


class Block(Static):
    """A run of paragraphs (blank lines between them come from the body text)."""

    DEFAULT_CSS = """
    Block { margin: 0 0 1 0; }
    """

    def __init__(self, text: Text, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self._plain = text.plain
        self._height: tuple[int, int] | None = None  # (width, height)

    def update(self, text: Text, **kwargs) -> None:  # type: ignore[override]
        self._plain = text.plain
        self._height = None
        super().update(text, **kwargs)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height, measured on a throwaway copy of the text.

        Measuring wraps every line, and Textual keeps the pieces on the text
        it measured (a few objects per line). For the hundreds of blocks of
        a long article nobody has scrolled to yet, those pieces would be tens
        of thousands of long-lived objects, and every full pass of Python's
        garbage collector would walk them (a pause of 100 ms and more while
        the article is still loading). Measured on a copy, they are freed at
        once; only blocks actually drawn keep theirs.
        """
        if not width:
            return 0
        if self._height is None or self._height[0] != width:
            # The rules Textual itself measures with (its styles, typed as a plain mapping there).
            self._height = (width, Content(self._plain).get_height(self.styles, width))  # type: ignore[arg-type]
        return self._height[1]


# Highlighted chunks this far from the view keep their highlights (moving
# back and forth does not re-render them); farther ones go back to plain text.
STYLED_SLACK = 4


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; keys jump between hits, quotes and figures.

    The title, meta line and placeholder are composed once and updated in
    place; the body is a run of :class:`Block` widgets without ids, reused
    from one article to the next (surplus ones removed, missing ones
    mounted), so opening articles in quick succession never mounts a widget
    whose id is still taken by one being removed.
    """

    BINDINGS = bindings("article")

    DEFAULT_CSS = """
    ArticleView { padding: 0 2; }
    ArticleView #article-title { text-style: bold; margin: 1 0 0 0; }
    ArticleView #article-meta { color: $text-muted; margin: 0 0 1 0; }
    ArticleView #article-empty { color: $text-muted; margin: 2 0; text-align: center; width: 100%; }
    ArticleView.-blank #article-title, ArticleView.-blank #article-meta { display: none; }
    ArticleView #article-empty.-hint { text-align: left; margin: 2 2; }
    ArticleView #article-empty { display: none; }
    ArticleView.-blank #article-empty { display: block; }
    """

    class Moved(Message):
        """The position in the article (or the current mark) changed."""

    enabled: reactive[frozenset[str]] = reactive(frozenset(KINDS), init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.marks: dict[str, MarkList] = {kind: MarkList(kind) for kind in KINDS}
        self.title_hits: list[tuple[int, int]] = []
        self.current: tuple[str, int] | None = None
        # False while the quotes and figures of a long article are still being found.
        self.annotated = True
        self._chunks: list[Chunk] = []
        self._chunk_starts: list[int] = []
        self._chunk_widgets: list[Block] = []
        self._generation = 0
        self._styled: set[int] = set()  # chunks rendered with their highlights
        self._scroll_pending = False
        self._thresholds: tuple[int, ...] | None = None  # the collector's, while held back
        self._batches_since_collection = 0
        self.add_class("-blank")

    def compose(self):
        yield Static(Text("Select an article to read it here."), id="article-empty")
        yield Static(id="article-title")
        yield Static(id="article-meta")

    # -- content -------------------------------------------------------------

    def show(
        self,
        article: Article,
        *,
        title_hits: Sequence[tuple[int, int]] = (),
        marks: dict[str, MarkList] | None = None,
    ) -> None:
        """Display ``article`` with its ``marks`` (see :func:`build_marks`).

        Without ``marks`` they are still being computed: the article shows
        at once and :meth:`set_marks` adds them when they arrive.
        """
        self._generation += 1
        self._release_full_collections()
        self._batches_since_collection = 0
        self.article = article
        self.title_hits = list(title_hits)
        self._set_marks(marks or {})
        self.annotated = marks is not None
        self.current = None
        self._scroll_pending = False
        self._chunks = _chunk(article.blocks(), len(article.body))
        self._chunk_starts = [chunk.start for chunk in self._chunks]
        with self.app.batch_update():
            self.remove_class("-blank")
            self.query_one("#article-meta", Static).update(self._meta_text())
            self._refresh_title()
            old = [w for w in self.children if isinstance(w, Block)]
            first = min(len(self._chunks), FIRST_CHUNKS)
            keep, surplus = old[:first], old[first:]
            self._chunk_widgets = keep
            for chunk, widget in zip(self._chunks, keep):
                widget.update(self._render_chunk(chunk))
            self._styled = set(range(len(keep)))
            if surplus:
                self.remove_children(surplus)
            self._mount_chunks(first)
        self.scroll_home(animate=False)
        self._schedule_more()
        self.post_message(self.Moved())

    def set_marks(self, article_id: str, marks: dict[str, MarkList]) -> bool:
        """Put in the marks found in the background (see :func:`build_marks`);
        False when another article has been opened meanwhile."""
        if self.article is None or self.article.id != article_id or self.annotated:
            return False
        self._set_marks(marks)
        self.annotated = True
        self.current = None
        self.refresh_highlights()
        self.post_message(self.Moved())
        self._schedule_more()
        return True

    def _set_marks(self, marks: dict[str, MarkList]) -> None:
        self.marks = {kind: marks.get(kind) or MarkList(kind) for kind in KINDS}

    def _mount_chunks(self, upto: int) -> None:
        """Mount Blocks for the chunks before ``upto`` that have none yet."""
        have = len(self._chunk_widgets)
        if upto <= have:
            return
        styled = range(have, min(upto, FIRST_CHUNKS))  # the first screenful, highlighted from the start
        new = [
            Block(self._render_chunk(self._chunks[n]) if n in styled else Text(self._chunk_text(n)), classes="chunk")
            for n in range(have, upto)
        ]
        self._styled.update(styled)
        self._chunk_widgets.extend(new)
        self.mount_all(new)
        self.call_after_refresh(self._style_near_view)

    def _batch_end(self, first: int) -> int:
        """The end of a batch of chunks starting at ``first``: at least one,
        and about BATCH_CHARS characters."""
        end, limit = first + 1, self._chunks[first].start + BATCH_CHARS
        while end < len(self._chunks) and self._chunks[end].end <= limit:
            end += 1
        return end

    def _schedule_more(self) -> None:
        # While marks are being found in a worker, the first screen is all
        # there is: mounting competes with the worker for the interpreter,
        # and each batch would block input twice as long. The rest follows
        # when they arrive (set_marks).
        if self.annotated and len(self._chunk_widgets) < len(self._chunks):
            self._hold_full_collections()
            generation = self._generation
            self.call_after_refresh(self._mount_more, generation)
        elif self.fully_mounted:
            self._release_full_collections()

    def _mount_more(self, generation: int) -> None:
        if generation != self._generation or not self.is_attached:
            return
        if self.fully_mounted:
            # Everything got mounted meanwhile (the reader jumped to the end).
            self._release_full_collections()
            return
        if self._batches_since_collection >= COLLECT_EVERY:
            gc.collect()  # a step of its own, never on top of a batch
            self._batches_since_collection = 0
            self._schedule_more()
            return
        self._mount_chunks(self._batch_end(len(self._chunk_widgets)))
        self._batches_since_collection += 1
        self._schedule_more()
        self.post_message(self.Moved())

    # Mounting a long article makes Python's full garbage collections come
    # often (thousands of new long-lived objects a batch), and each is a pause
    # of 40-50 ms that lands inside whichever batch triggered it: the two
    # together were the longest blocks of input. While batches are being
    # mounted, automatic full collections are held back, and one runs as a
    # step of its own every COLLECT_EVERY batches; the usual thresholds are
    # back as soon as the article is fully mounted, replaced or unmounted.

    def _hold_full_collections(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], HELD_THRESHOLD)

    def _release_full_collections(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def on_unmount(self) -> None:
        self._release_full_collections()

    @property
    def fully_mounted(self) -> bool:
        return len(self._chunk_widgets) >= len(self._chunks)

    @property
    def settled(self) -> bool:
        """Everything of the article is mounted, annotated and rendered."""
        return self.annotated and self.fully_mounted

    def clear(self) -> None:
        self._generation += 1
        self._release_full_collections()
        self._batches_since_collection = 0
        self._styled.clear()
        self.article = None
        self.marks = {kind: MarkList(kind) for kind in KINDS}
        self.title_hits = []
        self.current = None
        self.annotated = True
        self._chunks, self._chunk_starts, self._chunk_widgets = [], [], []
        self.remove_children([w for w in self.children if isinstance(w, Block)])
        self.add_class("-blank")
        self.post_message(self.Moved())

    @property
    def _shown(self) -> Article:
        """The article on screen (methods that draw it run only while there is one)."""
        assert self.article is not None
        return self.article

    def _meta_text(self) -> Text:
        article = self._shown
        parts = [
            article.date.strftime("%d %B %Y").lstrip("0") if article.date else "",
            article.dateline or "",
            f"by {article.author}" if article.author else "",
            article.feed or "",
            article.url or article.id,
        ]
        return Text(" · ".join(p for p in parts if p))

    def _refresh_title(self) -> None:
        if self.article is None:
            return
        title = Text(self.article.title)
        if "hit" in self.enabled:
            style = reader_styles(self.app)["hit"]
            for start, end in self.title_hits:
                title.stylize(style, start, end)
        self.query_one("#article-title", Static).update(title)

    def _labels(self, chunk: Chunk) -> list[tuple[int, str]]:
        """The speaker labels of a run of paragraphs, as ``(offset, label)``:
        after each quote ending in it whose speaker its own sentence does not
        name (a continuation quote, ``he said``), while quotes are shown."""
        if "quote" not in self.enabled:
            return []
        body = self._shown.body
        return [
            (mark.end, speaker_label(mark.speaker))
            for mark in self._marks_between("quote", chunk.start, chunk.end)
            if mark.speaker
            and chunk.start < mark.end <= chunk.end
            and not speaker_named_near(body, mark.start, mark.end, mark.speaker)
        ]

    def _display(self, chunk: Chunk) -> tuple[str, list[tuple[int, str]]]:
        """The text shown for a run of paragraphs (its body slice with the
        speaker labels put in) and the labels."""
        labels = self._labels(chunk)
        body = self._shown.body
        if not labels:
            return body[chunk.start : chunk.end], labels
        pieces, pos = [], chunk.start
        for offset, label in labels:
            pieces += [body[pos:offset], label]
            pos = offset
        pieces.append(body[pos : chunk.end])
        return "".join(pieces), labels

    @staticmethod
    def _shown_offset(chunk: Chunk, labels: list[tuple[int, str]], offset: int, *, end: bool = False) -> int:
        """Where body ``offset`` falls in the shown text of ``chunk``. A label
        at ``offset`` comes before a span starting there and after one ending there."""
        shift = 0
        for at, label in labels:
            if at > offset or (end and at == offset):
                break
            shift += len(label)
        return offset - chunk.start + shift

    def _render_chunk(self, chunk: Chunk) -> Text:
        """The text of a run of paragraphs (a slice of the body) with its highlights."""
        start, end = chunk.start, chunk.end
        plain, labels = self._display(chunk)
        text = Text(plain)
        styles = reader_styles(self.app)

        def stylize(style, span_start: int, span_end: int) -> None:
            text.stylize(
                style,
                self._shown_offset(chunk, labels, max(span_start, start)),
                self._shown_offset(chunk, labels, min(span_end, end), end=True),
            )

        for sub_start, sub_end in chunk.subheadings:
            stylize(styles["subheading"], sub_start, sub_end)
        for kind in ("quote", "figure", "hit"):
            if kind not in self.enabled:
                continue
            for mark in self._marks_between(kind, start, end):
                stylize(styles["figure-" + (mark.subtype or "other")] if kind == "figure" else styles[kind], mark.start, mark.end)
        for offset, label in labels:
            at = self._shown_offset(chunk, labels, offset, end=True)
            text.stylize(styles["speaker"], at, at + len(label))
        if self.current is not None:
            current = self.marks[self.current[0]][self.current[1]]
            if current.start < end and current.end > start:
                stylize(styles["current"], current.start, current.end)
        return text

    def _marks_between(self, kind: str, start: int, end: int) -> list[Mark]:
        """Marks of ``kind`` overlapping ``[start, end)``.

        Marks of one kind never overlap, so sorted by start they are sorted
        by end too: binary search for the first one ending after ``start``.
        """
        marks = self.marks[kind]
        found = []
        for i in range(bisect.bisect_right(marks.ends, start), len(marks)):
            if marks[i].start >= end:
                break
            found.append(marks[i])
        return found

    def refresh_highlights(self) -> None:
        """Re-render the highlights (after a toggle, a theme change or new marks).

        Chunks far from the view show plain text, but with the speaker
        labels, which may have changed: those are put in at once, so every
        chunk keeps the height it is drawn with.
        """
        if self.article is None:
            return
        self._refresh_title()
        self._styled.clear()
        self._style_near_view()
        for n, widget in enumerate(self._chunk_widgets):
            if n not in self._styled:
                plain = self._chunk_text(n)
                if widget._plain != plain:
                    widget.update(Text(plain))

    def _style_near_view(self) -> None:
        """Highlight the chunks on screen and a screenful either side; the
        others show plain text (the same lines: styles never change the
        wrapping) until the reader comes near them. However long the article,
        only a few chunks carry highlights at a time."""
        count = len(self._chunk_widgets)
        if not count or self.article is None:
            return
        height = max(1, self.scrollable_content_region.height)
        tops = [widget.virtual_region.y for widget in self._chunk_widgets]
        first = max(0, bisect.bisect_right(tops, self.scroll_y - height) - 1)
        last = max(first, bisect.bisect_right(tops, self.scroll_y + 2 * height) - 1)
        if not any(tops):  # not laid out yet: the first chunks are the ones on screen
            first, last = 0, min(count, FIRST_CHUNKS) - 1
        wanted = set(range(first, min(count, last + 1)))
        for n in sorted(self._styled - wanted):
            if abs(n - first) > STYLED_SLACK and abs(n - last) > STYLED_SLACK:
                self._chunk_widgets[n].update(Text(self._chunk_text(n)))
                self._styled.discard(n)
        for n in sorted(wanted - self._styled):
            self._chunk_widgets[n].update(self._render_chunk(self._chunks[n]))
            self._styled.add(n)

    def _chunk_text(self, n: int) -> str:
        """The plain text of chunk ``n``: what it shows far from the view
        (the same lines as highlighted: styles never change the wrapping)."""
        return self._display(self._chunks[n])[0]

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
        n = self._chunk_of(mark.start)
        self._mount_chunks(n + 1)
        touched = {n}
        if old is not None and old[1] < len(self.marks[old[0]]):
            touched.add(self._chunk_of(self.marks[old[0]][old[1]].start))
        for i in touched:
            if i < len(self._chunk_widgets):
                self._chunk_widgets[i].update(self._render_chunk(self._chunks[i]))
                self._styled.add(i)
        self._scroll_pending = True
        self.call_after_refresh(self._scroll_to_offset, mark.start, self._generation)
        self.post_message(self.Moved())

    def _line_in_chunk(self, n: int, offset: int) -> int:
        """The wrapped line, within chunk ``n``'s widget, holding ``offset``."""
        widget, chunk = self._chunk_widgets[n], self._chunks[n]
        width = max(1, widget.content_size.width)
        plain, labels = self._display(chunk)
        prefix = Text(plain[: self._shown_offset(chunk, labels, offset)] + "x")
        return max(0, len(prefix.wrap(self.app.console, width)) - 1)

    def _y_of(self, offset: int) -> float:
        """The virtual y of ``offset`` in this view; infinity where its chunk
        is not mounted yet (it will come below everything that is)."""
        n = self._chunk_of(offset)
        if n >= len(self._chunk_widgets):
            return float("inf")
        return self._chunk_widgets[n].virtual_region.y + self._line_in_chunk(n, offset)

    def _scroll_to_offset(self, offset: int, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._scroll_pending = False
        if not self._chunks:
            return
        y = self._y_of(offset)
        if y == float("inf"):
            return
        top = max(0, y - max(1, self.size.height // 3))
        self.scroll_to(y=top, animate=False)

    def _visible(self, mark: Mark) -> bool:
        y = self._y_of(mark.start)
        return self.scroll_y <= y < self.scroll_y + max(1, self.scrollable_content_region.height)

    def _step(self, kind: str, forward: bool) -> None:
        """Go to the next (or previous) mark of ``kind`` from where the reader
        is looking: from the current mark when it is of this kind and still
        on screen (or about to be), else from the view: forward, the first
        mark at or below its top; backward, the last one above its bottom."""
        marks = self.marks[kind]
        if not marks:
            if not self.annotated:
                self.notify(f"Still finding the {kind}s in this article…", timeout=2)
            else:
                self.notify(f"No {kind}s in this article" if kind != "hit" else "No search hits in this article", timeout=2)
            return
        current = self.current
        if (
            current
            and current[0] == kind
            and current[1] < len(marks)
            and (self._scroll_pending or self._visible(marks[current[1]]))
        ):
            index = current[1] + (1 if forward else -1)
        elif forward:
            top = self.scroll_y
            index = bisect.bisect_left(marks, top, key=lambda m: self._y_of(m.start))
        else:
            bottom = self.scroll_y + max(1, self.scrollable_content_region.height)
            index = bisect.bisect_left(marks, bottom, key=lambda m: self._y_of(m.start)) - 1
        self.jump(kind, index)

    def action_scroll_end(self) -> None:
        """Bottom of the article, mounting whatever of it is not mounted yet."""
        if not self.fully_mounted:
            self._mount_chunks(len(self._chunks))
            self.call_after_refresh(self.scroll_end, animate=False)
        else:
            self.scroll_end(animate=False)

    def action_next(self, kind: str) -> None:
        self._step(kind, True)

    def action_previous(self, kind: str) -> None:
        self._step(kind, False)

    def action_toggle_kind(self, kind: str) -> None:
        enabled = set(self.enabled)
        enabled.symmetric_difference_update({kind})
        self.enabled = frozenset(enabled)
        state = "on" if kind in enabled else "off"
        self.notify(f"{kind.capitalize()} highlights {state}", timeout=1.5)

    def position_text(self, room: int | None = None) -> str:
        """``hit 2/5 · 34%`` for the status line (``quote 1/3 — Anna Berg``:
        who said the quote read), with how many of each kind of mark.

        In ``room`` cells (a narrow screen), parts give way in turn: the
        counts, then who said the quote; what is left is cut with an
        ellipsis, the share read kept as long as it fits."""
        if self.article is None:
            return ""
        where = speaker = ""
        if self.current is not None:
            kind, index = self.current
            where = f"{kind} {index + 1}/{len(self.marks[kind])}"
            said = getattr(self.marks[kind][index], "speaker", None) if kind == "quote" else None
            speaker = f" — {' '.join(said.split())}" if said else ""  # who said the quote read
        if self.annotated:
            counts = ", ".join(f"{len(self.marks[k])} {k if len(self.marks[k]) == 1 else k + 's'}" for k in KINDS)
        else:
            counts = "finding hits, quotes and figures…"
        share = f"{round(100 * self.scroll_y / self.max_scroll_y)}%" if self.max_scroll_y else "100%"
        shown = ""
        for parts in ([where + speaker, counts, share], [where + speaker, share], [where, share]):
            shown = " · ".join(part for part in parts if part)
            if room is None or cell_len(shown) <= room:
                return shown
        assert room is not None
        if where and cell_len(share) + 3 < room:
            fitted = Text(where)
            cut(fitted, room - cell_len(share) - 3)
            return f"{fitted.plain} · {share}"
        fitted = Text(shown)
        cut(fitted, room)
        return fitted.plain

    def watch_virtual_size(self) -> None:
        # The length of the article on screen changed (more of it mounted,
        # a new width): the position in it moves with it.
        self._style_near_view()
        self.post_message(self.Moved())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._style_near_view()
        self.post_message(self.Moved())
