"""The feeds a home subscribes to: ``feeds.yaml`` (no Textual here).

::

    feeds:
      - name: bbc-world
        url: https://feeds.bbci.co.uk/news/world/rss.xml
        tags: [news, world]
        full_text: false
    keep:
      days: 90          # entries older than this go at the next fetch...
      per_feed: 500     # ...and past this many per feed (bookmarked ones never)

``url`` is a web address (``http``/``https``) or a feed file on this
machine (a path, or ``file://``). ``name`` names the feed everywhere (the
folder of its entries, ``feed:NAME`` in a search, ``reader fetch NAME``):
letters, digits, ``.``, ``_`` and ``-``.

The file is read with the safe loader and checked like ``config.yaml``
(:mod:`reader.files.schema`): a broken file gets a message naming file,
line and fix, and is never overwritten (every change is refused until it is
fixed). Changes are read-modify-write under a lock file
(``feeds.yaml.lock``), saved atomically with the old version kept as
``feeds.yaml.bak``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from msgspec import Meta, Struct
from msgspec import field as struct_field

from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text
from reader.files.locking import change_lock
from reader.files.schema import Checker, Invalid, suggest
from reader.files.text import DecodeError, decode_config_bytes, has_terminal_control, one_line, strip_control
from reader.files.yaml import YamlError, describe_value, parse_yaml, read_user_file

LOCK_TIMEOUT = 10.0
"""Seconds a change to feeds.yaml waits for another writer (who holds the lock for milliseconds)."""

KEEP_DAYS = 90
KEEP_PER_FEED = 500

# Path segments that say nothing of a feed (rss.xml, /feed/, /index.atom).
_GENERIC_PATH = frozenset({"rss", "rss2", "feed", "feeds", "atom", "index", "xml", "en", "services", "syndication"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_READ_ONLY = "feeds cannot be changed until the file is fixed"


def _check_name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise Invalid(
            f"{describe_value(value)} is not a feed name",
            "use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)",
        )
    return value


def _check_url(value: str) -> str:
    value = value.strip()
    if has_terminal_control(value) or strip_control(value) != value or any(c.isspace() for c in value):
        raise Invalid("the address holds spaces or control characters", "write the feed's address on one line")
    if not is_web_address(value) and not value.startswith("file://") and not value.startswith(("/", "~", ".")):
        raise Invalid(
            f"{describe_value(value)} is not a web address or a file",
            "write an address starting with https:// or http://, or a path to a feed file",
        )
    return value


def _check_tag(value: str) -> str:
    cleaned = one_line(value)
    if not cleaned:
        raise Invalid("an empty tag", "remove it")
    return cleaned


def is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


Name = Annotated[str, Meta(extra={"expected": "a feed name", "fix": "write a name such as 'bbc-world'", "check": _check_name})]
Url = Annotated[str, Meta(extra={"expected": "the feed's address", "fix": "write its https:// address", "check": _check_url})]
Tag = Annotated[str, Meta(extra={"expected": "a tag", "fix": "write the tag as text", "check": _check_tag})]


class FeedModel(Struct, forbid_unknown_fields=True, frozen=True):
    name: Name
    url: Url
    tags: Annotated[list[Tag], Meta(extra={"expected": "a list of tags", "fix": "write tags: [news, world]"})] = struct_field(
        default_factory=list
    )
    full_text: bool = False


class KeepModel(Struct, forbid_unknown_fields=True, frozen=True):
    days: Annotated[int, Meta(ge=1)] = KEEP_DAYS
    per_feed: Annotated[int, Meta(ge=1)] = KEEP_PER_FEED


class FeedsFile(Struct, forbid_unknown_fields=True, frozen=True):
    feeds: Annotated[
        list[FeedModel], Meta(extra={"expected": "a list of feeds", "fix": "write '- name: ...' and 'url: ...' lines"})
    ] = struct_field(default_factory=list)
    keep: KeepModel = struct_field(default_factory=KeepModel)


@dataclass(frozen=True)
class Feed:
    """One subscription."""

    name: str
    url: str
    tags: tuple[str, ...] = ()
    full_text: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "tags": list(self.tags), "full_text": self.full_text}

    def location(self, base: Path) -> str:
        """The address to fetch: a web address as it is, a file as an absolute path."""
        if is_web_address(self.url):
            return self.url
        raw = self.url.removeprefix("file://")
        path = Path(raw).expanduser()
        return str(path if path.is_absolute() else (base / path).resolve())


@dataclass(frozen=True)
class Subscriptions:
    """The whole ``feeds.yaml``."""

    feeds: tuple[Feed, ...] = ()
    keep_days: int = KEEP_DAYS
    keep_per_feed: int = KEEP_PER_FEED
    extra: dict[str, Any] = field(default_factory=dict)

    def names(self) -> list[str]:
        return [feed.name for feed in self.feeds]

    def get(self, name: str) -> Feed | None:
        return next((feed for feed in self.feeds if feed.name == name), None)


class FeedsError(YamlError):
    """``feeds.yaml`` cannot be used; the message names file, line and fix.

    While it is broken nothing is written to it: every change raises this.
    """


class UnknownFeed(ReaderError):
    """No feed has this name; the message lists those there are."""


HEADER = """\
# Feeds (`reader feeds --help`): each has a name, an address (or a feed
# file), optional tags, and full_text: true to fetch each entry's web page.
# keep: entries older than `days` or past `per_feed` per feed are dropped
# at the next fetch (bookmarked ones never). You may edit this file;
# comments are not kept when Reader saves it again.
"""


def parse_subscriptions(data: bytes | str, path: Path | str = "feeds.yaml") -> Subscriptions:
    """The subscriptions in the text of a feeds file; raise :class:`FeedsError`."""
    path = Path(path)
    try:
        text = decode_config_bytes(data, path) if isinstance(data, bytes) else data
    except DecodeError as error:
        raise FeedsError(path, error.line, error.problem, f"{error.fix}; {_READ_ONLY}") from None
    try:
        raw = parse_yaml(text, path)
    except YamlError as error:
        raise FeedsError(path, error.line, error.problem, f"fix the file; {_READ_ONLY}") from None
    checker = Checker(path, text, duplicates=True)
    document: FeedsFile | None = None
    if not isinstance(raw, (dict, type(None))):
        checker.report((), f"expected 'feeds:' and its list, got {describe_value(raw)}", "write 'feeds:' first")
    else:
        document = checker.check(FeedsFile, raw or {})
    if document is not None:
        seen: dict[str, int] = {}
        for number, feed in enumerate(document.feeds):
            if feed.name in seen:
                checker.report(("feeds", number, "name"), f"the name {feed.name!r} is given twice", "give each feed its own name")
            seen.setdefault(feed.name, number)
    if checker.problems or document is None:
        raise FeedsError(path, *checker.first_problem(f"; {_READ_ONLY}"))
    return Subscriptions(
        feeds=tuple(Feed(f.name, f.url, tuple(dict.fromkeys(f.tags)), f.full_text) for f in document.feeds),
        keep_days=document.keep.days,
        keep_per_feed=document.keep.per_feed,
    )


def dump_subscriptions(subscriptions: Subscriptions) -> str:
    """The text of a feeds file holding ``subscriptions``."""
    feeds = []
    for feed in subscriptions.feeds:
        item: dict[str, Any] = {"name": feed.name, "url": feed.url}
        if feed.tags:
            item["tags"] = list(feed.tags)
        if feed.full_text:
            item["full_text"] = True
        feeds.append(item)
    document: dict[str, Any] = {"feeds": feeds}
    if (subscriptions.keep_days, subscriptions.keep_per_feed) != (KEEP_DAYS, KEEP_PER_FEED):
        document["keep"] = {"days": subscriptions.keep_days, "per_feed": subscriptions.keep_per_feed}
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    return HEADER + body


def name_for(text: str, taken: Iterable[str] = ()) -> str:
    """A feed name made from ``text`` (a title or an address), not one of ``taken``."""
    parts = urlsplit(text)
    if parts.scheme in ("http", "https", "file") or text.startswith(("/", "~", ".")):
        host = parts.netloc.split(":")[0].removeprefix("www.").removeprefix("feeds.").removeprefix("rss.")
        segments = [Path(segment).stem for segment in parts.path.split("/") if segment]
        meaningful = [segment for segment in segments if segment.lower() not in _GENERIC_PATH]
        if host and (host == "localhost" or re.fullmatch(r"[\d.]+|\[[\w:]+\]", host)):
            host = ""  # an address on this machine says nothing: the file's name does
        text = host.split(".")[0] if host else (segments[-1] if segments else "")
        if host and meaningful:
            text = f"{text}-{meaningful[-1]}"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = ""
    for word in re.findall(r"[a-z0-9]+(?:[._][a-z0-9]+)*", ascii_text.casefold()):
        if slug and len(slug) + 1 + len(word) > 32:
            break
        slug = f"{slug}-{word}" if slug else word[:32]
    slug = slug or "feed"
    taken = set(taken)
    name, number = slug, 2
    while name in taken:
        name = f"{slug}-{number}"
        number += 1
    return name


class FeedList:
    """The subscriptions of one home (``feeds.yaml``).

    ``error`` is the :class:`FeedsError` of a broken file (then every
    change raises it and the file is left alone), else ``None``.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.error: FeedsError | None = None
        self.current = Subscriptions()

    def _read(self) -> Subscriptions:
        try:
            subscriptions = read_user_file(self.path, parse_subscriptions, Subscriptions(), FeedsError)
        except FeedsError as error:
            self.error = error
            raise
        self.error = None
        self.current = subscriptions
        return subscriptions

    def load(self) -> Subscriptions:
        """Read the file again; raise :class:`FeedsError` when it is broken."""
        return self._read()

    def get(self, name: str) -> Feed:
        feed = self.current.get(name)
        if feed is None:
            raise self.unknown(name)
        return feed

    def unknown(self, name: str) -> UnknownFeed:
        names = self.current.names()
        if not names:
            return UnknownFeed(f"no feed {name!r}: there are none yet; add one with 'reader feeds add URL'")
        hint = suggest(name, names, "")
        return UnknownFeed(f"no feed {name!r}{'; ' + hint if hint else ''} (feeds: {', '.join(names)})")

    def _locked(self) -> AbstractContextManager[None]:
        return change_lock(self.path, self.lock_path, self.lock_timeout)

    def _write(self, subscriptions: Subscriptions) -> None:
        atomic_write_text(self.path, dump_subscriptions(subscriptions), backup=True)
        self.current = subscriptions

    def add(self, feeds: Iterable[Feed]) -> tuple[list[Feed], list[tuple[Feed, Feed]]]:
        """Subscribe to ``feeds``: returns those added and, for each one whose
        address was already there, (the one asked for, the one there). A
        name already taken by another address gets a number."""
        added: list[Feed] = []
        already: list[tuple[Feed, Feed]] = []
        with self._locked():
            current = self._read()
            kept = list(current.feeds)
            by_url = {feed.url: feed for feed in kept}
            names = {feed.name for feed in kept}
            for feed in feeds:
                check_feed(feed.name, feed.url)
                if feed.url in by_url:
                    already.append((feed, by_url[feed.url]))
                    continue
                if feed.name in names:
                    feed = Feed(name_for(feed.name, names), feed.url, feed.tags, feed.full_text)
                kept.append(feed)
                by_url[feed.url] = feed
                names.add(feed.name)
                added.append(feed)
            if added:
                self._write(Subscriptions(tuple(kept), current.keep_days, current.keep_per_feed))
        return added, already

    def remove(self, name: str) -> Feed:
        """Unsubscribe from the feed ``name``; return it."""
        with self._locked():
            current = self._read()
            found = current.get(name)
            if found is None:
                raise self.unknown(name)
            kept = tuple(feed for feed in current.feeds if feed.name != name)
            self._write(Subscriptions(kept, current.keep_days, current.keep_per_feed))
        return found


def check_feed(name: str, url: str) -> None:
    """Raise :class:`ReaderError` when ``name`` or ``url`` cannot be a feed's."""
    for check, value in ((_check_name, name), (_check_url, url)):
        try:
            check(value)
        except Invalid as invalid:
            raise ReaderError(f"{invalid.problem}; {invalid.fix}") from None
