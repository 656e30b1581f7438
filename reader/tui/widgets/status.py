"""The results half of the status line: how many results, how many shown.

``803 results``, ``showing 50 of 803``, ``showing 50 of about 9,400``, and
for plain words whose matches do not all have every word
``12 match all words · 340 match some``; then ``newest first``, the time
the search took and the query's problem, if any.

The text is built as parts (:func:`status_parts`) that give way, in a set
order, when the line is too narrow for all of them (:func:`fit_parts`):
the time first, then ``newest first``, then an index build's progress
(:func:`build_part`, shown after the count while the index is built or
updated), then the all-words breakdown (down to the plain count, then to
``50/803``); what still does not fit ends in an ellipsis (never inside a
number), so the left text never runs into the article's position on the
right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from reader.index.search import SearchResponse

# The order parts give way in when the line is narrow: lowest first.
GIVE_TIME = 0
GIVE_SORT = 1
GIVE_BUILD = 2
GIVE_BREAKDOWN = 3
KEEP = 9

ELLIPSIS = "…"


@dataclass(frozen=True)
class Part:
    """One piece of the status line: its forms, longest first (an empty
    last form means it may be dropped), and when it gives way."""

    forms: tuple[str, ...]
    give: int = KEEP
    style: str | Style = ""


def _about(n: int) -> int:
    """``n`` to two significant digits (9,412 -> 9,400), as estimates are shown."""
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return round(n / step) * step


def _matches(n: int, exact: bool) -> str:
    count = f"{n:,}" if exact else f"about {_about(n):,}"
    return f"{count} {'matches' if n == 1 and exact else 'match'}"


def count_text(response: SearchResponse, shown: int, complete: bool = False) -> str:
    """``803 results`` when every result is listed, else ``showing 50 of 803``
    (``of about 9,400`` for an estimate). ``complete``: the pages ran out,
    so an estimated total is known to be ``shown``. For the empty query (the
    whole library) the noun is ``articles``."""
    noun = "results" if response.query else "articles"
    if response.total_exact and shown >= response.total or not response.total_exact and complete:
        total = response.total if response.total_exact else shown
        return f"{total:,} {noun[:-1] if total == 1 else noun}"
    if response.total_exact or shown < response.total:
        of = response.total_text()
    else:  # more listed than the estimate: at least as many as are shown
        of = f"{shown:,}+"
    return f"showing {shown:,} of {of}" + ("" if response.query else f" {noun}")


def compact_count(count: str) -> str:
    """The count in as few cells as it can be read in, for a narrow line:
    ``showing 50 of 803`` -> ``50/803``, ``showing 50 of about 9,400`` ->
    ``50/~9,400``, ``803 results`` -> ``803``."""
    if count.startswith("showing "):
        shown, _, total = count[len("showing ") :].partition(" of ")
        total = total.removesuffix(" articles")
        return f"{shown}/{'~' + total.removeprefix('about ') if total.startswith('about ') else total}"
    return count.split(" ", 1)[0]


def breakdown_text(response: SearchResponse) -> str | None:
    """``12 match all words · 340 match some``, for plain words whose
    matches do not all have every word; else None."""
    all_words = response.all_words
    if all_words is None or not response.query or not 0 <= all_words < response.total:
        return None
    return f"{_matches(all_words, True)} all words · {_matches(response.total - all_words, response.total_exact)} some"


def status_parts(
    response: SearchResponse, shown: int, *, complete: bool = False, sort: str = "relevance", timings: bool = True
) -> list[Part]:
    """The parts of the status line for ``response`` with ``shown`` results listed."""
    count = count_text(response, shown, complete)
    short = compact_count(count)
    breakdown = breakdown_text(response)
    parts: list[Part] = []
    if breakdown is None:
        parts.append(Part((count, short), GIVE_BREAKDOWN))
    elif count.startswith("showing"):
        parts.append(Part((f"{count} · {breakdown}", count, short), GIVE_BREAKDOWN))
    else:  # every result listed: the breakdown adds up to the count
        parts.append(Part((breakdown, count, short), GIVE_BREAKDOWN))
    if not response.query:
        parts.append(Part((", newest first", ""), GIVE_SORT))
    elif sort == "date":
        parts.append(Part((" · newest first", ""), GIVE_SORT))
    if timings:
        parts.append(Part((f" · {response.took_ms:.0f} ms", ""), GIVE_TIME))
    if response.problem and response.results:
        parts.append(Part((f" · {response.problem}",), KEEP, "italic"))
    return parts


def build_part(
    label: str,
    done: int,
    total: int,
    phase: str = "reading",
    elapsed: float = 0.0,
    searchable: int | None = None,
    *,
    after: bool = False,
) -> Part:
    """How an index build or update goes: ``Building the index: 120/7000
    files`` while nothing is searchable yet, ``Building the index: 3,000 of
    50,000 searchable`` once a first build has committed batches, then the
    commit with its seconds; shorter forms for a narrow line. ``after``: it
    follows the results' count (joined with `` · ``)."""
    forms: tuple[str, ...]
    if phase == "committing":  # every file is in; writing the index to disk takes a while
        seconds = f"{elapsed:.0f} s"
        forms = (f"{label}: committing the index ({total} files)… {seconds}", f"committing the index… {seconds}")
    elif searchable is not None:
        forms = (
            f"{label}: {searchable:,} of {total:,} searchable",
            f"{searchable:,} of {total:,} searchable",
            f"{searchable:,}/{total:,} searchable",
        )
    else:
        forms = (f"{label}: {done}/{total} files", f"{done:,}/{total:,} files")
    return Part(tuple(f" · {form}" for form in forms) if after else forms, GIVE_BUILD)


def fit_parts(parts: list[Part], width: int | None) -> Text:
    """The parts as one line of at most ``width`` cells (None: no limit):
    the parts give way in their order (each to its next form), and what
    still does not fit is cut with an ellipsis."""
    chosen = [0] * len(parts)

    def length() -> int:
        return sum(cell_len(part.forms[i]) for part, i in zip(parts, chosen, strict=True))

    if width is not None:
        for give in sorted({part.give for part in parts if part.give < KEEP}):
            for n, part in enumerate(parts):
                while part.give == give and length() > width and chosen[n] < len(part.forms) - 1:
                    chosen[n] += 1
            if length() <= width:
                break
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for part, i in zip(parts, chosen, strict=True):
        text.append(part.forms[i], part.style)
    if width is not None and text.cell_len > width:
        cut(text, width)
    return text


# A number as written in the status line: 50, 3,611, 9.5.
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def cut(text: Text, width: int) -> None:
    """Shorten ``text`` in place to ``width`` cells, ending in an ellipsis
    (after a word, not a space, when the cut falls just after one). A
    number the cut would split goes whole: ``50/3…`` of ``50/385`` reads
    as another number, ``50/…`` does not."""
    if width < 1:
        text.truncate(0, overflow="crop")
        return
    whole = text.plain
    text.truncate(width - 1, overflow="crop")
    at = len(text.plain)
    for number in _NUMBER.finditer(whole):
        if number.start() < at < number.end():
            text.right_crop(at - number.start())
            break
    text.rstrip()
    text.append(ELLIPSIS)


class StatusText(Static):
    """One line of text that fits its width: parts give way, then an ellipsis.

    :meth:`show_parts` sets what to show; plain :meth:`update` still works
    (the progress of an index build) and is cut with an ellipsis.
    """

    DEFAULT_CSS = """
    StatusText { height: 1; }
    """

    def __init__(self, content: str | Text = "", **kwargs) -> None:
        super().__init__(content, **kwargs)
        self._parts: list[Part] | None = None

    def show_parts(self, parts: list[Part]) -> None:
        self._parts = parts
        super().update(fit_parts(parts, None), layout=False)

    def update(self, content="", *, layout: bool = False) -> None:
        """Show ``content``. One line whatever it holds (``height: 1``, and
        the width its container gives it): no new layout of the screen."""
        self._parts = None
        super().update(content, layout=layout)

    def render(self):
        width = self.size.width or None
        if self._parts is not None:
            return fit_parts(self._parts, width)
        content = self.content
        if isinstance(content, Text) and width is not None and content.cell_len > width:
            shorter = content.copy()
            shorter.no_wrap = True
            cut(shorter, width)
            return shorter
        return super().render()
