"""Feed entries as the library keeps them: one JSON file per entry
(written by :mod:`reader.feeds.entries`), read here into an article."""

from __future__ import annotations

import datetime as dt
import json

from reader.corpus.article import Article
from reader.files.text import one_line, strip_control

ENTRY_SUFFIX = ".entry"
ENTRY_FORMAT = 1


class EntryFileError(ValueError):
    """An entry file that cannot be read (the message says why)."""


def _one_line(value: object) -> str:
    return one_line(str(value or ""))


def parse_when(value: object) -> dt.datetime | None:
    """An ISO date and time of an entry file, else None."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def article_from_entry(data: bytes, *, id: str, source: str, path: str) -> Article:
    """The article of an entry file's bytes; raises :class:`EntryFileError`."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EntryFileError(f"not a feed entry (broken JSON: {error})") from None
    if not isinstance(record, dict) or record.get("reader_entry") != ENTRY_FORMAT:
        raise EntryFileError("not a feed entry of this version of Reader")
    published = parse_when(record.get("published"))
    # The page's full text when it was fetched, else the feed's own text.
    text = strip_control(str(record.get("full_text") or record.get("text") or ""))
    title = _one_line(record.get("title")) or id
    return Article(
        id=id,
        title=title,
        body=text,
        date=published.date() if published else None,
        source=source,
        path=path,
        url=_one_line(record.get("url")),
        author=_one_line(record.get("author")),
        feed=_one_line(record.get("feed")),
    )
