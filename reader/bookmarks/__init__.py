"""Bookmarks: the store (``bookmarks.yaml``), exporters and import.

See :mod:`reader.bookmarks.store` for the file format and its guarantees.
"""

from reader.bookmarks.store import (
    Bookmark,
    BookmarkNotFound,
    BookmarksError,
    BookmarkStore,
    MergeResult,
    Removed,
)

__all__ = ["Bookmark", "BookmarkNotFound", "BookmarkStore", "BookmarksError", "MergeResult", "Removed"]
