"""Importing bookmarks from a JSON export or a Netscape bookmark file.

The format is told by content: JSON (``{...}`` as written by
:func:`reader.bookmarks.export.json`, or the array printed by ``reader
bookmarks list --json``) or a Netscape bookmark file (``<!DOCTYPE
NETSCAPE-Bookmark-file-1>``, as written by the netscape exporter or by a
browser). Links in a Netscape file are Reader articles when they carry
``READER_ID`` or point at ``reader:ID``; other links are skipped and counted.

Importing merges without duplicates: an article already in the list gets
the imported tags added and keeps its note unless that is empty.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reader.bookmarks.export import JSON_FORMAT, NETSCAPE_DOCTYPE
from reader.bookmarks.store import (
    FORMAT_VERSION,
    Bookmark,
    BookmarkStore,
    EntryError,
    clean_note,
    clean_tags,
    clean_title,
    entry_from_dict,
)
from reader.errors import ReaderError
from reader.files.text import decode_config_bytes


class BookmarkImportError(ReaderError):
    """A file that cannot be imported; the message names the file."""


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    format: str
    added: int
    merged: int
    unchanged: int
    skipped: int

    def summary(self) -> str:
        text = f"imported {self.format}: {self.added} added, {self.merged} merged, {self.unchanged} already there"
        if self.skipped:
            text += f", {self.skipped} skipped (not Reader articles)"
        return text


def detect_format(text: str) -> str | None:
    """``"json"``, ``"netscape"`` or ``None``."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("{") or start.startswith("["):
        return "json"
    if NETSCAPE_DOCTYPE.lower() in start[:2000].lower():
        return "netscape"
    return None


def parse_import(text: str, path: Path | str = "<input>") -> tuple[str, list[Bookmark], int]:
    """``(format, bookmarks, skipped)`` read from ``text``; :class:`ReaderError` if unusable."""
    kind = detect_format(text)
    if kind == "json":
        return kind, _from_json(text, path), 0
    if kind == "netscape":
        bookmarks, skipped = _from_netscape(text, path)
        return kind, bookmarks, skipped
    raise BookmarkImportError(
        f"{path}: not a Reader JSON export or a Netscape bookmark file; "
        "export with 'reader bookmarks export --format json' (or netscape)"
    )


def import_file(path: Path | str, store: BookmarkStore, list: str | None = None) -> ImportReport:
    """Merge the bookmarks in ``path`` into ``store`` (all into ``list`` if given)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BookmarkImportError(f"cannot read {path}: {error.strerror or error}") from None
    text = decode_config_bytes(data, path)
    kind, bookmarks, skipped = parse_import(text, path)
    result = store.merge(bookmarks, list=list)
    return ImportReport(kind, result.added, result.merged, result.unchanged, skipped)


# --------------------------------------------------------------------------
# JSON


def _from_json(text: str, path: Path | str) -> list[Bookmark]:
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise BookmarkImportError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); fix or re-export the file") from None
    groups: dict[str, list[tuple[int, Any]]] = {}  # list name -> (position, entry as read)
    if isinstance(document, list):  # `reader bookmarks list --json`
        for i, item in enumerate(document):
            name = item.get("list", "") if isinstance(item, dict) else ""
            groups.setdefault(name if isinstance(name, str) else "", []).append((i, item))
    elif isinstance(document, dict):
        if document.get("format") != JSON_FORMAT:
            raise BookmarkImportError(f'{path}: not a Reader bookmarks export (no "format": "{JSON_FORMAT}")')
        version = document.get("version")
        if version != FORMAT_VERSION:
            raise BookmarkImportError(f"{path}: unsupported export version {version!r}; expected {FORMAT_VERSION}")
        lists = document.get("lists")
        if not isinstance(lists, dict):
            raise BookmarkImportError(f'{path}: "lists" must be an object of list name -> entries')
        for name, items in lists.items():
            if not isinstance(items, list):
                raise BookmarkImportError(f"{path}: list {name!r} must be an array of entries")
            groups[name] = [*enumerate(items)]
    else:
        raise BookmarkImportError(f"{path}: expected a JSON object or array of bookmarks")
    bookmarks: list[Bookmark] = []
    for name, items in groups.items():
        for i, item in items:
            if isinstance(item, dict):
                item = {key: value for key, value in item.items() if key != "list"}
            try:
                bookmarks.append(entry_from_dict(item, name.strip()))
            except EntryError as error:
                where = f"list {name!r} entry {i + 1}" if name else f"entry {i + 1}"
                raise BookmarkImportError(f"{path}: {where}: {error}") from None
    return bookmarks


# --------------------------------------------------------------------------
# Netscape bookmark file


class _NetscapeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.folders: list[str] = []
        self.pending_folder: str | None = None
        self.links: list[tuple[str, dict[str, str], str, str]] = []  # folder, attrs, title, note
        self._text: list[str] | None = None
        self._capture: str | None = None  # "h3", "a" or "dd"
        self._attrs: dict[str, str] = {}

    def _finish(self) -> None:
        if self._capture is None:
            return
        text = "".join(self._text or [])
        if self._capture == "h3":
            self.pending_folder = " ".join(text.split())
        elif self._capture == "a":
            folder = self.folders[-1] if self.folders else ""
            self.links.append((folder, self._attrs, text, ""))
        elif self._capture == "dd" and self.links:
            folder, attrs, title, _ = self.links[-1]
            self.links[-1] = (folder, attrs, title, text)
        self._capture = None
        self._text = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._capture == "dd" or tag in ("dt", "dl", "h3", "a"):
            self._finish()
        if tag == "dl":
            self.folders.append(self.pending_folder or (self.folders[-1] if self.folders else ""))
            self.pending_folder = None
        elif tag in ("h3", "a", "dd"):
            self._capture = tag
            self._text = []
            self._attrs = {name.lower(): value or "" for name, value in attrs}

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture or (self._capture == "dd" and tag == "dl"):
            self._finish()
        if tag == "dl" and self.folders:
            self.folders.pop()

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._finish()


def _from_netscape(text: str, path: Path | str) -> tuple[list[Bookmark], int]:
    parser = _NetscapeParser()
    parser.feed(text)
    parser.close()
    bookmarks: list[Bookmark] = []
    skipped = 0
    for folder, attrs, title, note in parser.links:
        href = attrs.get("href", "")
        article_id = attrs.get("reader_id", "").strip()
        if not article_id and href.startswith("reader:"):
            article_id = unquote(href[len("reader:") :])
        if not article_id:
            skipped += 1
            continue
        file_path = ""
        parts = urlsplit(href)
        if parts.scheme == "file":
            file_path = url2pathname(parts.path)
        added = ""
        stamp = attrs.get("add_date", "")
        if stamp.isdigit():
            try:
                added = dt.datetime.fromtimestamp(int(stamp), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            except (OverflowError, OSError, ValueError):
                added = ""
        tags: list[str] = []
        for tag in attrs.get("tags", "").split(","):
            try:
                tags.extend(clean_tags([tag]))
            except ReaderError:  # a browser tag with ';' in it
                tags.extend(clean_tags([tag.replace(";", " ")]))
        bookmarks.append(
            Bookmark(
                id=clean_title(article_id),
                title=clean_title(title),
                path=file_path,
                tags=clean_tags(tags),
                note=clean_note(note),
                added=added,
                list=clean_title(folder),
            )
        )
    return bookmarks, skipped
