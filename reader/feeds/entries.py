"""Where fetched entries are kept: one file per entry in the home.

``feeds/entries/<feed>/<key>.entry`` holds one entry as JSON (its title,
link, author, dates and text). The folder is a source of the library like
any other (named ``feeds``), so the index takes entries in and out as it
does files, and can be rebuilt offline; an entry's article id is
``feeds/<feed>/<key>``.

An entry fetched twice is one file (``key`` comes from its guid, else its
link, else its content: :func:`reader.feeds.parse.parse_feed`); an entry
whose text or title changed is written again; each file is written
atomically, so a fetch killed midway loses nothing already stored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.corpus.entries import ENTRY_FORMAT, ENTRY_SUFFIX, parse_when
from reader.corpus.sources import FEEDS_SOURCE
from reader.feeds.parse import Entry
from reader.files.atomic import atomic_write_text


def entry_id(feed: str, key: str) -> str:
    """The article id of an entry."""
    return f"{FEEDS_SOURCE}/{feed}/{key}"


def split_entry_id(article_id: str) -> tuple[str, str] | None:
    """``(feed, key)`` of an entry's article id (:func:`entry_id`), else None."""
    parts = article_id.split("/")
    return (parts[1], parts[2]) if len(parts) == 3 and parts[0] == FEEDS_SOURCE else None


def _write(path: Path, record: dict[str, Any]) -> None:
    """An entry file, written atomically."""
    atomic_write_text(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def _iso(when: dt.datetime | None) -> str | None:
    return when.replace(microsecond=0).isoformat() if when else None


def entry_record(feed: str, entry: Entry, fetched: dt.datetime) -> dict[str, Any]:
    return {
        "reader_entry": ENTRY_FORMAT,
        "feed": feed,
        "key": entry.key,
        "guid": entry.guid,
        "title": entry.title,
        "url": entry.url,
        "author": entry.author,
        "published": _iso(entry.published),
        "updated": _iso(entry.updated),
        "fetched": _iso(fetched),
        "text": entry.summary,
    }


# What makes an entry changed (not the time it was fetched).
_CONTENT = ("title", "url", "author", "published", "updated", "text", "guid")


@dataclass
class Saved:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_keys: list[str] = field(default_factory=list)


class EntryStore:
    """The entries of every feed of one home, under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, feed: str) -> Path:
        return self.root / feed

    def path(self, feed: str, key: str) -> Path:
        return self.folder(feed) / f"{key}{ENTRY_SUFFIX}"

    def save(self, feed: str, entries: Iterable[Entry], fetched: dt.datetime) -> Saved:
        """Store ``entries`` of ``feed``: new ones written, changed ones
        written again (keeping when first fetched), the rest left alone."""
        saved = Saved()
        folder = self.folder(feed)
        folder.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            path = self.path(feed, entry.key)
            record = entry_record(feed, entry, fetched)
            old = self._read(path)
            if old is not None:
                if all(old.get(name) == record[name] for name in _CONTENT):
                    saved.unchanged += 1
                    continue
                record["fetched"] = old.get("fetched") or record["fetched"]
                if old.get("full_text") and old.get("url") == record["url"]:
                    record["full_text"] = old["full_text"]
                saved.updated += 1
            else:
                saved.new += 1
                saved.new_keys.append(entry.key)
            _write(path, record)
        return saved

    @staticmethod
    def _read(path: Path) -> dict[str, Any] | None:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        return record if isinstance(record, dict) else None

    def record(self, feed: str, key: str) -> dict[str, Any] | None:
        """The stored entry (None when there is none or it cannot be read)."""
        return self._read(self.path(feed, key))

    def set_full_text(self, feed: str, key: str, text: str) -> bool:
        """Store the page text of an entry beside its feed text; False when
        the entry is not there."""
        record = self.record(feed, key)
        if record is None:
            return False
        record["full_text"] = text
        _write(self.path(feed, key), record)
        return True

    def keys(self, feed: str) -> list[str]:
        try:
            names = os.listdir(self.folder(feed))
        except OSError:
            return []
        return sorted(name[: -len(ENTRY_SUFFIX)] for name in names if name.endswith(ENTRY_SUFFIX))

    def count(self, feed: str) -> int:
        return len(self.keys(feed))

    def prune(
        self, feed: str, *, keep_days: int, keep_per_feed: int, protected: Collection[str] = (), now: dt.datetime | None = None
    ) -> int:
        """Delete the entries of ``feed`` older than ``keep_days`` (by
        publication, else first fetch) or past the newest ``keep_per_feed``,
        except the article ids in ``protected`` (bookmarked); returns how
        many went."""
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        cutoff = now - dt.timedelta(days=keep_days)
        dated: list[tuple[dt.datetime, str]] = []
        for key in self.keys(feed):
            record = self._read(self.path(feed, key)) or {}
            when = parse_when(record.get("published")) or parse_when(record.get("fetched")) or dt.datetime.min
            dated.append((when, key))
        dated.sort(reverse=True)
        removed = 0
        for rank, (when, key) in enumerate(dated):
            if rank < keep_per_feed and when >= cutoff:
                continue
            if entry_id(feed, key) in protected:
                continue
            try:
                self.path(feed, key).unlink()
                removed += 1
            except FileNotFoundError:
                pass
        return removed

    def remove_feed(self, feed: str, protected: Collection[str] = ()) -> int:
        """Delete the entries of ``feed`` but the ``protected`` ones (and
        the folder when it is left empty); returns how many went."""
        removed = 0
        for key in self.keys(feed):
            if entry_id(feed, key) in protected:
                continue
            self.path(feed, key).unlink(missing_ok=True)
            removed += 1
        folder = self.folder(feed)
        if folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
        return removed
