"""Annotations of an article body: quotes and figures.

Headless and pure: :func:`annotate` takes the body text and returns
:class:`Span` records whose offsets index into that same string
(``body[span.start:span.end] == span.text``). Quotes carry the speaker when
the text names one; figures carry a subtype (``count``, ``money``,
``percent``, ``quantity``, ``date``, ``age``, ``duration``, ``score`` or
``other``). Spans of one kind never overlap; a figure inside a quote is
reported as well. The finders live in :mod:`reader.annotate.quotes` and
:mod:`reader.annotate.figures`, the record in :mod:`reader.annotate.spans`.

The package's own ``quotes`` and ``figures`` are the functions below: they are
defined after the submodules are imported, so they replace the submodule
attributes of the same name. Import the finders by their full module path.
"""

from __future__ import annotations

from operator import attrgetter

from reader.annotate.figures import find_figures
from reader.annotate.quotes import find_quotes
from reader.annotate.spans import FIGURE_SUBTYPES, Span

__all__ = ["Span", "annotate", "figures", "quotes", "FIGURE_SUBTYPES"]


def quotes(body: str) -> list[Span]:
    """The quotations in ``body``, outermost only, in order."""
    return [Span("quote", s, e, body[s:e], None, who) for s, e, who in find_quotes(body)]


def figures(body: str) -> list[Span]:
    """The figures in ``body``, in order."""
    return [Span("figure", s, e, body[s:e], sub, None) for s, e, sub in find_figures(body)]


def annotate(body: str) -> list[Span]:
    """All spans of ``body``, sorted by (start, end)."""
    spans = quotes(body) + figures(body)
    spans.sort(key=attrgetter("start", "end"))
    return spans
