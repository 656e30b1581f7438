"""The article record every layer shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True)
class Block:
    """A paragraph or subheading of an article body, as offsets into ``body``."""

    kind: Literal["paragraph", "subheading"]
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article.

    ``body`` is plain text, paragraphs separated by one blank line.
    Subheadings stay in ``body`` in their place (so character offsets of
    annotations and search hits are offsets into one string) and are also
    listed in ``subheadings``; :meth:`blocks` tells them apart.
    """

    id: str
    title: str
    body: str
    date: dt.date | None = None
    dateline: str | None = None
    subheadings: tuple[str, ...] = ()
    source: str = ""
    path: str = ""
    url: str = ""
    """The web page of the article (a feed entry's link), else empty."""
    author: str = ""
    feed: str = ""
    """The name of the feed it came from, else empty."""
    _subheading_set: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_subheading_set", frozenset(self.subheadings))

    def blocks(self) -> Iterator[Block]:
        """The paragraphs and subheadings of ``body`` in order."""
        start = 0
        body = self.body
        while start < len(body):
            end = body.find("\n\n", start)
            if end == -1:
                end = len(body)
            text = body[start:end]
            yield Block("subheading" if text in self._subheading_set else "paragraph", start, end)
            start = end + 2

    def to_dict(self) -> dict[str, str | list[str] | None]:
        """The JSON shape of ``reader show --json``."""
        return {
            **header_dict(self),
            "url": self.url or None,
            "author": self.author or None,
            "feed": self.feed or None,
            "subheadings": list(self.subheadings),
            "body": self.body,
        }


class _Header(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def dateline(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def path(self) -> str: ...


def header_dict(item: _Header) -> dict[str, str | None]:
    """The fields an article and a search result share, in their JSON shape."""
    return {
        "id": item.id,
        "title": item.title,
        "date": item.date.isoformat() if item.date else None,
        "dateline": item.dateline,
        "source": item.source,
        "path": item.path,
    }
