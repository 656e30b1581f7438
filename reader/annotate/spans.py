"""The :class:`Span` record: one annotation as offsets into the body."""

from __future__ import annotations

from typing import NamedTuple

from reader.choices import FIGURE_SUBTYPES

__all__ = ["Span", "FIGURE_SUBTYPES"]


class Span(NamedTuple):
    """One annotation: a quote or a figure, as offsets into the body.

    Immutable, and a tuple underneath: a text dense in figures makes
    hundreds of thousands of these, each made at a fraction of the cost of a
    frozen dataclass.
    """

    kind: str
    start: int
    end: int
    text: str
    subtype: str | None = None
    speaker: str | None = None

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "kind": self.kind,
            "subtype": self.subtype,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
        }
