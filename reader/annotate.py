"""Annotations of an article body: quotes and figures.

Headless and pure: :func:`annotate` takes the body text and returns
:class:`Span` records whose offsets index into that same string
(``body[span.start:span.end] == span.text``). Quotes carry the speaker when
the text names one; figures carry a subtype (``count``, ``money``,
``percent``, ``quantity``, ``date``, ``age``, ``duration``, ``score`` or
``other``). Spans of one kind never overlap; a figure inside a quote is
reported as well. The finders live in :mod:`reader._quotes` and
:mod:`reader._figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader._figures import find_figures
from reader._quotes import find_quotes

__all__ = ["Span", "annotate", "figures", "quotes", "FIGURE_SUBTYPES"]

FIGURE_SUBTYPES = ("count", "money", "percent", "quantity", "date", "age", "duration", "score", "other")


@dataclass(frozen=True)
class Span:
    """One annotation: a quote or a figure, as offsets into the body."""

    kind: str
    start: int
    end: int
    text: str
    subtype: str | None = None
    speaker: str | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "subtype": self.subtype,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
        }


def quotes(body: str) -> list[Span]:
    """The quotations in ``body``, outermost only, in order."""
    return [Span("quote", s, e, body[s:e], None, who) for s, e, who in find_quotes(body)]


def figures(body: str) -> list[Span]:
    """The figures in ``body``, in order."""
    return [Span("figure", s, e, body[s:e], sub, None) for s, e, sub in find_figures(body)]


def annotate(body: str) -> list[Span]:
    """All spans of ``body``, sorted by (start, end)."""
    spans = quotes(body) + figures(body)
    spans.sort(key=lambda span: (span.start, span.end))
    return spans
