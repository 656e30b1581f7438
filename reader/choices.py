"""The closed vocabularies the user meets in files, flags and help: declared once here.

Export formats, search orders and figure subtypes are listed here and
nowhere else; the config model, the command line (choices and help), the
config template, the theme format and the annotator take them from this
module. It imports nothing but typing, so ``reader --help`` can use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only
    from collections.abc import Iterable

EXPORT_FORMATS: dict[str, str] = {
    "markdown": "a heading per list, one link per bookmark",
    "json": "everything, for 'reader bookmarks import'",
    "csv": "a spreadsheet row per bookmark",
    "html": "a standalone web page",
    "netscape": "the browser bookmark file",
}
"""Export format name -> what it is, in the order they are offered."""

EXPORT_SUFFIXES: dict[str, str] = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv"}
"""File endings that name an export format on their own (``-o bookmarks.md``)."""

EXPORT_EXTENSIONS: dict[str, str] = {"markdown": ".md", "json": ".json", "csv": ".csv", "html": ".html", "netscape": ".html"}
"""Export format -> the file ending a new export file gets."""

SORTS: dict[str, str] = {
    "relevance": "best match first",
    "date": "newest first",
}
"""Search result order -> what it means."""

FIGURE_SUBTYPES = ("count", "money", "percent", "quantity", "date", "age", "duration", "score", "other")
"""The kinds of figure the annotator finds (a theme may style each one)."""


def spoken(names: Iterable[str], last: str = "or") -> str:
    """``a, b, c or d``: names as a sentence lists them."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


# The search engines an index can be built with (reader.index.engines).
ENGINES: dict[str, str] = {
    "whoosh": "pure Python, always installed",
    "tantivy": "native and faster for large libraries; pip install 'reader-tui[tantivy]'",
}
