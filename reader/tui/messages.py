"""The messages the parts of the TUI send each other.

Screens announce what the user asked for (open an article, change or
export bookmarks) and the app, which owns the bookmarks and the index,
does it. The index worker tells the main screen how far it is the same
way (from its thread: ``post_message`` hands messages to the event loop).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from reader.bookmarks.store import Bookmark

# -- screens to the app (they bubble up) ------------------------------------------


@dataclass
class OpenArticle(Message):
    """Show this article in the main screen's viewer."""

    article_id: str


@dataclass
class EditBookmark(Message):
    """Open the bookmark dialog for this article (list, tags, note)."""

    article_id: str
    title: str
    entry: Bookmark | None = None


@dataclass
class RemoveBookmark(Message):
    """Remove this entry from its list (``u`` on the bookmarks screen puts it back)."""

    entry: Bookmark


class UndoRemoveBookmark(Message):
    """Put back the entry removed last."""


@dataclass
class ExportBookmarks(Message):
    """Write these entries to ``path`` in ``format``."""

    entries: tuple[Bookmark, ...]
    format: str
    path: Path


# -- the app to its screens (posted to a screen; they do not bubble) -----------------


@dataclass
class IndexProgress(Message, bubble=False):
    """How far an index build or update is (``done`` of ``total`` files;
    ``searchable``: how many articles a first build has committed, None
    before its first batch and for other updates)."""

    label: str
    done: int
    total: int
    phase: str = "reading"
    elapsed: float = 0.0
    searchable: int | None = None

    def can_replace(self, message: Message) -> bool:
        # A flood of per-file updates collapses to the newest count; the
        # last count, a change of phase and the commit ticks all show.
        return (
            isinstance(message, IndexProgress)
            and (message.label, message.phase) == (self.label, self.phase)
            and message.done > self.done
        )


class IndexProgressEnded(Message, bubble=False):
    """The index build or update stopped (done, failed or refused)."""


class IndexReady(Message, bubble=False):
    """The app has a (new) index open: search again."""


class LibraryChanged(Message, bubble=False):
    """An update changed the index (or a first build committed another
    batch): run the current query again."""
