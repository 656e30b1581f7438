"""Bookmarks in the home's ``bookmarks.yaml``: written by the program, editable by hand.

File format::

    # Bookmarks saved by reader. ...
    version: 1
    lists:
      reading:                      # list name -> its entries, in order
      - id: seeds/000_51a9c244470b2f12
        title: Markets rally as rates fall
        date: '2021-03-04'          # the article's date (ISO) or null
        source: seeds
        path: /home/me/news/seeds/000_51a9c244470b2f12.txt
        tags: [economy, long-read]
        note: ''                    # free text, may span lines
        added: '2024-05-01T12:00:00Z'  # when it was bookmarked (UTC)
      later: []

Only ``id`` is required in an entry; other fields default to empty. Tags
cannot contain ``,`` or ``;`` (exports join tags with them). An article
appears at most once per list but may be in several lists. Comments you add
by hand are not kept when the program next saves the file.

Safety:

* Every change is a read-modify-write guarded by an exclusive lock
  (a ``filelock`` lock on the sidecar ``bookmarks.yaml.lock``), held only for
  milliseconds: the file is read, parsed, changed, dumped and written to
  a synced temporary file without the lock; under it the store checks that
  the file is still the one it read and renames the new version into
  place. If another writer got in between, the change is redone on the
  new file (after a few such tries, wholly under the lock), so two running
  instances never lose each other's changes.
* Saves are atomic (temporary file, fsync, rename) and keep the previous
  version as ``bookmarks.yaml.bak``. A failed save (disk full) leaves the
  old file in place, and the store then holds what the file holds.
* A file that does not parse, or has wrong types or unknown keys, is never
  overwritten: loading raises :class:`BookmarksError` naming file and line,
  and every change raises the same error until the file is fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Protocol, TypeVar

import yaml
from msgspec import Meta, Struct
from msgspec.structs import fields

from reader.errors import ReaderError
from reader.files.atomic import StagedWrite, atomic_write_text, remove_stale_temp_files
from reader.files.locking import exclusive
from reader.files.schema import Checker, Invalid, Report
from reader.files.text import decode_config_bytes, has_terminal_control, strip_control
from reader.files.yaml import Problem, YamlError, describe_value, parse_yaml

FORMAT_VERSION = 1
LOCK_TIMEOUT = 10.0
"""Seconds a change waits for another writer's lock before giving up (it is held for milliseconds)."""
OPTIMISTIC_ATTEMPTS = 3
"""Tries of a change prepared outside the lock before one is done wholly under it."""

HEADER = """\
# Bookmarks saved by reader (`reader bookmarks --help`).
# You may edit this file: each list name holds its entries; only `id` is
# required. Comments are not kept when reader saves the file again.
"""


class BookmarksError(YamlError):
    """``bookmarks.yaml`` cannot be used; the message names file and line.

    While the file is broken the store is read-only: every change raises
    this error and the file is left as it is. ``problems`` lists every
    problem found (the message names the first).
    """

    problems: list[Problem] = []


class BookmarkNotFound(ReaderError):
    """The article is not in the list a change was asked for."""


# --------------------------------------------------------------------------
# Entries


def now_utc() -> str:
    """The current time as an ISO-8601 UTC timestamp (``2024-05-01T12:00:00Z``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _safe_text(text: str) -> str:
    text = strip_control(text)
    # Lone surrogates (from undecodable bytes) cannot be written as UTF-8.
    return text.encode("utf-8", "replace").decode("utf-8")


def _web_url(text: str) -> str:
    """``text`` when it is an http(s) address on one line, else empty."""
    text = _safe_text(text).strip()
    return text if text.startswith(("http://", "https://")) and not any(c.isspace() for c in text) else ""


def clean_title(text: str) -> str:
    """A title as stored: no control characters, on one line."""
    return _safe_text(text).replace("\n", " ").replace("\t", " ").strip()


def clean_note(text: str) -> str:
    """A note as stored: no control characters (newlines and tabs kept)."""
    return _safe_text(text).strip()


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, without empties and duplicates, in order.

    Raises :class:`ReaderError` for a tag containing ``,`` or ``;``.
    """
    if isinstance(tags, str):
        tags = [tags]
    result: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise ReaderError(f"tag {tag!r} is not text; give tags as words")
        tag = clean_title(tag)
        if not tag:
            continue
        if "," in tag or ";" in tag:
            raise ReaderError(f"tag {tag!r} contains ',' or ';'; use one word or phrase per tag")
        if tag not in result:
            result.append(tag)
    return tuple(result)


def merge_tags(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    """``first`` then the tags of ``second`` not already in it."""
    result = list(first)
    for tag in second:
        if tag not in result:
            result.append(tag)
    return tuple(result)


class ArticleFields(Protocol):
    """What a bookmark takes from an article (a :class:`reader.corpus.Article`; its ``date`` is read if present)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def path(self) -> str | None: ...


@dataclass(frozen=True)
class Bookmark:
    """One bookmarked article: enough to list and export it after it leaves the index."""

    id: str
    """The article id (``reader show ID``)."""

    title: str = ""
    """The article's title."""

    date: str | None = None
    """The article's date as ``YYYY-MM-DD``, or ``None``."""

    source: str = ""
    """The name of the source (folder) the article came from."""

    path: str = ""
    """The article file's path, if known."""

    tags: tuple[str, ...] = ()
    """The user's tags, in the order given."""

    note: str = ""
    """The user's note (may span lines)."""

    added: str = ""
    """When it was bookmarked: ISO-8601 UTC (``2024-05-01T12:00:00Z``)."""

    list: str = field(default="", compare=True)
    """The list holding this entry (the key it is under in the file)."""

    url: str = ""
    """The article's web page (feed entries), if it has one."""

    def to_dict(self) -> dict[str, Any]:
        """The entry as written to ``bookmarks.yaml`` (no ``list``)."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "path": self.path,
            "tags": [*self.tags],
            "note": self.note,
            "added": self.added,
            **({"url": self.url} if self.url else {}),
        }

    @classmethod
    def from_article(cls, article: ArticleFields, *, list: str = "", tags: Iterable[str] = (), note: str = "") -> Bookmark:
        """A new bookmark for a :class:`reader.corpus.Article`, added now."""
        date: dt.date | None = getattr(article, "date", None)
        return cls(
            id=article.id,
            title=clean_title(article.title or ""),
            date=date.isoformat() if date else None,
            source=clean_title(article.source or ""),
            path=str(article.path or ""),
            tags=clean_tags(tags),
            note=clean_note(note or ""),
            added=now_utc(),
            list=list,
            url=_web_url(str(getattr(article, "url", "") or "")),
        )


# --------------------------------------------------------------------------
# The format: declared once, checked by reader.files.schema


def _article_id(value: str) -> str:
    if not value.strip():
        raise Invalid("must not be empty", "give the article id")
    if has_terminal_control(value):
        raise Invalid("contains control characters", "fix the id")
    return value


def _date(value: object) -> str | None:
    """``YYYY-MM-DD`` (YAML may read an unquoted date as a date) or ``None``."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"expected YYYY-MM-DD or null, got {describe_value(value)}")
    value = value.strip()
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{describe_value(value)} is not a YYYY-MM-DD date", "fix the date or write null") from None
    return value


def _added(value: object) -> str:
    """An ISO-8601 UTC timestamp (``2024-05-01T12:00:00Z``) or ``""``."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(f"expected a timestamp, got {describe_value(value)}")
    value = value.strip()
    if value:
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise Invalid(f"{describe_value(value)} is not an ISO-8601 timestamp", "write it like 2024-05-01T12:00:00Z") from None
    return value


def _tags(tags: list[str]) -> tuple[str, ...]:
    try:
        return clean_tags(tags)
    except ReaderError as error:
        raise Invalid(str(error).split(";")[0], "use one word or phrase per tag") from None


def _list_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip() or has_terminal_control(name):
        raise Invalid(f"list name {describe_value(name)} is not a usable name")
    return name


def _version(version: int) -> int:
    if version > FORMAT_VERSION:
        raise Invalid(f"version {version} was written by a newer reader", "upgrade reader")
    if version != FORMAT_VERSION:
        raise Invalid(f"expected {FORMAT_VERSION}, got {version}")
    return version


Text = Annotated[str | None, Meta(extra={"fix": "put it in quotes"})]
"""Free text; ``null`` is the same as empty."""


class Entry(Struct, forbid_unknown_fields=True, frozen=True):
    """One entry of a list in the file (the fields of :class:`Bookmark` but ``list``)."""

    id: Annotated[
        str, Meta(extra={"missing": ("an entry needs 'id:'", "add 'id: ...'"), "fix": "put it in quotes", "check": _article_id})
    ]
    title: Text = None
    date: Annotated[Any, Meta(extra={"check": _date})] = None
    source: Text = None
    path: Text = None
    tags: Annotated[
        list[Annotated[str, Meta(extra={"fix": "put it in quotes"})]], Meta(extra={"fix": "write tags: [a, b]", "check": _tags})
    ] = []
    note: Text = None
    added: Annotated[Any, Meta(extra={"check": _added})] = None
    url: Text = None

    def bookmark(self, list_name: str) -> Bookmark:
        """The entry as a :class:`Bookmark` of ``list_name``, its text cleaned."""
        return Bookmark(
            id=self.id,
            title=clean_title(self.title or ""),
            date=self.date,
            source=clean_title(self.source or ""),
            path=_safe_text(self.path or ""),
            tags=tuple(self.tags),
            note=clean_note(self.note or ""),
            added=self.added,
            list=list_name,
            url=_web_url(self.url or ""),
        )


EntryItem = Annotated[Entry, Meta(extra={"expected": "an entry with 'id:', 'title:', ...", "fix": "write '- id: ...' entries"})]


class BookmarksFile(Struct, forbid_unknown_fields=True, frozen=True):
    """The whole ``bookmarks.yaml``."""

    version: Annotated[int, Meta(extra={"check": _version})] = FORMAT_VERSION
    lists: Annotated[
        dict[
            Annotated[Any, Meta(extra={"check": _list_name})],
            Annotated[list[EntryItem], Meta(extra={"expected": "entries ('- id: ...')"})],
        ],
        Meta(extra={"expected": "list name -> entries", "fix": "write 'lists:' then 'reading:' and its '- id: ...' entries"}),
    ] = {}

    def checked(self, report: Report) -> BookmarksFile:
        for name, entries in self.lists.items():
            seen: set[str] = set()
            for i, entry in enumerate(entries):
                if entry.id in seen:
                    report(("lists", name, i, "id"), f"{entry.id!r} is in the list twice", "remove one of them")
                seen.add(entry.id)
        return self


ENTRY_FIELDS = tuple(item.encode_name for item in fields(Entry))


class EntryError(ReaderError):
    """A bookmark entry (from an import or a mapping) that does not fit :class:`Entry`."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(f"{first.key}: {first.problem}" + (f"; {first.fix}" if first.fix else ""))


def entry_from_dict(data: Any, list_name: str) -> Bookmark:
    """Validate one entry mapping (from JSON or a caller) into a :class:`Bookmark`; raise :class:`EntryError`."""
    checker = Checker("<entry>")
    entry = checker.check(EntryItem, data)
    if checker.problems or entry is None:
        raise EntryError(checker.problems)
    return entry.bookmark(list_name)


# --------------------------------------------------------------------------
# The file


Lists = dict[str, list[Bookmark]]

R = TypeVar("R")
"""What a change to the lists returns."""


def parse_bookmarks(text: str, path: Path | str, fix: str | None = None) -> Lists:
    """Validate the text of a bookmarks file; raise :class:`BookmarksError` naming every problem.

    ``fix`` ends every message (default: the file stays read-only until fixed).
    """
    final = fix or _FIX
    try:
        data = parse_yaml(text, path)
    except YamlError as error:
        raise BookmarksError(path, error.line, error.problem, final) from None
    checker = Checker(path, text)
    document = checker.check(BookmarksFile, data)
    if checker.problems or document is None:
        invalid = BookmarksError(path, *checker.first_problem(f"; {final}"))
        invalid.problems = checker.sorted_problems()
        raise invalid
    return {name: [entry.bookmark(name) for entry in entries] for name, entries in document.lists.items()}


_FIX = "bookmarks are read-only until the file is fixed"


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Notes spanning lines are easiest to edit as a literal block (``|``);
    # the emitter falls back to quoting when a block cannot hold the text.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_NoAliasDumper.add_representer(str, _represent_str)


def dump_bookmarks(lists: Mapping[str, Iterable[Bookmark]]) -> str:
    """The text of a bookmarks file holding ``lists``."""
    data = {
        "version": FORMAT_VERSION,
        "lists": {name: [entry.to_dict() for entry in entries] for name, entries in lists.items()},
    }
    body = yaml.dump(
        data,
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=100,
    )
    return HEADER + body


def write_bookmarks_file(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, keeping the old file as ``<name>.bak``.

    Raises :class:`ReaderError` with the old file untouched on failure.
    """
    atomic_write_text(Path(path), text, backup=True)


# --------------------------------------------------------------------------
# The store


@dataclass(frozen=True)
class Removed:
    """What :meth:`BookmarkStore.remove` took out: enough to put it back (undo)."""

    bookmark: Bookmark
    list: str
    index: int


@dataclass(frozen=True)
class MergeResult:
    """What :meth:`BookmarkStore.merge` did."""

    added: int = 0
    merged: int = 0
    unchanged: int = 0


class BookmarkStore:
    """The bookmarks in one ``bookmarks.yaml``.

    Reading methods use the state of the last load or change (loading
    lazily on first use); every change re-reads the file under the lock,
    applies itself, and saves. ``error`` is the :class:`BookmarksError`
    that makes the store read-only, or ``None``.
    """

    def __init__(self, path: Path | str, *, default_list: str = "reading", lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.default_list = default_list
        self.lock_timeout = lock_timeout
        self.error: BookmarksError | None = None
        self._lists: Lists = {}
        self._loaded = False
        # The file's bytes as last read or written (None: no file) and their
        # parsed lists, so an unchanged file is not parsed again.
        self._parsed: tuple[bytes | None, Lists] | None = None

    # -- reading -------------------------------------------------------

    def load(self) -> BookmarkStore:
        """(Re)read the file; raise :class:`BookmarksError` if it is broken."""
        self._current()
        return self

    @property
    def read_only(self) -> bool:
        """Whether the file is broken (changes refused until it is fixed)."""
        self._view()
        return self.error is not None

    def _view(self) -> Lists:
        if not self._loaded:
            try:
                self.load()
            except BookmarksError:
                pass
        return self._lists

    def lists(self) -> list[str]:
        """The names of the lists in the file, in file order."""
        return [*self._view()]

    def entries(self, list: str | None = None, tag: str | None = None) -> list[Bookmark]:
        """The entries of ``list`` (all lists when ``None``), optionally only those tagged ``tag``."""
        view = self._view()
        if list is None:
            result = [entry for entries in view.values() for entry in entries]
        else:
            result = [*view.get(list, ())]
        if tag is not None:
            result = [entry for entry in result if tag in entry.tags]
        return result

    def get(self, article_id: str, list: str | None = None) -> Bookmark | None:
        """The entry for ``article_id`` in ``list`` (the default list when ``None``)."""
        for entry in self._view().get(list or self.default_list, ()):
            if entry.id == article_id:
                return entry
        return None

    def contains(self, article_id: str, list: str | None = None) -> bool:
        """Whether ``article_id`` is bookmarked in ``list`` (in any list when ``None``)."""
        if list is None:
            return bool(self.lists_containing(article_id))
        return self.get(article_id, list) is not None

    def lists_containing(self, article_id: str) -> list[str]:
        """The names of the lists holding ``article_id``."""
        return [name for name, entries in self._view().items() if any(e.id == article_id for e in entries)]

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return sorted({tag for entry in self.entries() for tag in entry.tags}, key=str.casefold)

    # -- changing ------------------------------------------------------

    def add(
        self,
        item: ArticleFields | Bookmark | Mapping[str, Any],
        list: str | None = None,
        tags: Iterable[str] = (),
        note: str | None = None,
        *,
        index: int | None = None,
    ) -> Bookmark:
        """Bookmark ``item`` in ``list`` (the default list when ``None``); return the entry.

        ``item`` is a :class:`reader.corpus.Article`, a :class:`Bookmark`
        (kept as is, e.g. to undo a removal) or a mapping of entry fields.
        If the article is already in the list, it is updated in place:
        article fields refreshed, ``tags`` added to its tags, and its note
        replaced only when ``note`` is non-empty. ``index`` puts a new entry
        at that position (default: the end).
        """
        target = list or self.default_list
        new = _as_bookmark(item, target)
        extra_tags = clean_tags(tags)
        new_note = clean_note(note) if note else ""

        def change(lists: Lists) -> tuple[Bookmark, bool]:
            entries = lists.setdefault(target, [])
            for i, old in enumerate(entries):
                if old.id == new.id:
                    merged = _updated(old, new, refresh=True)
                    merged = replace(merged, tags=merge_tags(merged.tags, extra_tags), note=new_note or merged.note)
                    entries[i] = merged
                    return merged, merged != old
            entry = replace(
                new,
                tags=merge_tags(new.tags, extra_tags),
                note=new_note or new.note,
                added=new.added or now_utc(),
            )
            if index is None:
                entries.append(entry)
            else:
                entries.insert(max(0, index), entry)
            return entry, True

        return self._mutate_entry(change)

    def remove(self, article_id: str, list: str | None = None) -> Removed | None:
        """Take ``article_id`` out of ``list`` (default list when ``None``).

        Returns what was removed (pass it to :meth:`restore` to undo), or
        ``None`` if it was not there.
        """
        target = list or self.default_list

        def change(lists: Lists) -> tuple[Removed | None, bool]:
            entries = lists.get(target, [])
            for i, entry in enumerate(entries):
                if entry.id == article_id:
                    del entries[i]
                    return Removed(entry, target, i), True
            return None, False

        return self._mutate(change)

    def remove_all(self, article_id: str) -> list[Removed]:
        """Take ``article_id`` out of every list; return what was removed."""

        def change(lists: Lists) -> tuple[list[Removed], bool]:
            removed: list[Removed] = []
            for name, entries in lists.items():
                for i, entry in enumerate(entries):
                    if entry.id == article_id:
                        del entries[i]
                        removed.append(Removed(entry, name, i))
                        break
            return removed, bool(removed)

        return self._mutate(change)

    def restore(self, removed: Removed) -> Bookmark:
        """Put back what :meth:`remove` took out, at the same position (undo).

        If the article was bookmarked again in that list meanwhile, that
        newer entry stays as it is, gaining the removed entry's tags (and
        its note, when the newer entry has none).
        """
        old_entry = removed.bookmark

        def change(lists: Lists) -> tuple[Bookmark, bool]:
            entries = lists.setdefault(removed.list, [])
            for i, current in enumerate(entries):
                if current.id == old_entry.id:
                    merged = replace(
                        current,
                        tags=merge_tags(current.tags, old_entry.tags),
                        note=current.note or old_entry.note,
                    )
                    entries[i] = merged
                    return merged, merged != current
            entry = replace(old_entry, list=removed.list)
            entries.insert(max(0, min(removed.index, len(entries))), entry)
            return entry, True

        return self._mutate_entry(change)

    def update(
        self,
        article_id: str,
        list: str | None = None,
        *,
        tags: Iterable[str] | None = None,
        note: str | None = None,
        title: str | None = None,
    ) -> Bookmark:
        """Replace the tags, note and/or title of a bookmark; return the new entry.

        Raises :class:`BookmarkNotFound` if ``article_id`` is not in ``list``.
        """
        target = list or self.default_list
        new_tags = clean_tags(tags) if tags is not None else None
        new_note = clean_note(note) if note is not None else None
        new_title = clean_title(title) if title is not None else None

        def change(lists: Lists) -> tuple[Bookmark, bool]:
            entries = lists.get(target, [])
            for i, old in enumerate(entries):
                if old.id == article_id:
                    entry = replace(
                        old,
                        tags=old.tags if new_tags is None else new_tags,
                        note=old.note if new_note is None else new_note,
                        title=old.title if new_title is None else new_title,
                    )
                    entries[i] = entry
                    return entry, entry != old
            raise BookmarkNotFound(f"{article_id!r} is not in the bookmark list {target!r}")

        return self._mutate_entry(change)

    def move(self, article_id: str, source: str, target: str) -> Bookmark:
        """Move a bookmark from list ``source`` to list ``target`` (merging if it is there already)."""

        def change(lists: Lists) -> tuple[Bookmark, bool]:
            entries = lists.get(source, [])
            for i, entry in enumerate(entries):  # noqa: B007 - i is used after the loop
                if entry.id == article_id:
                    break
            else:
                raise BookmarkNotFound(f"{article_id!r} is not in the bookmark list {source!r}")
            if source == target:
                return entry, False
            del entries[i]
            moved = replace(entry, list=target)
            destination = lists.setdefault(target, [])
            for j, other in enumerate(destination):
                if other.id == article_id:
                    moved = replace(other, tags=merge_tags(other.tags, entry.tags), note=other.note or entry.note)
                    destination[j] = moved
                    break
            else:
                destination.append(moved)
            return moved, True

        return self._mutate_entry(change)

    def merge(self, bookmarks: Iterable[Bookmark], list: str | None = None) -> MergeResult:
        """Merge many bookmarks in one change (import).

        Each goes to ``list`` if given, else to its own ``list`` (else the
        default list). An id already in that list gets the new tags added
        and keeps its note unless the note is empty; nothing is duplicated.
        """
        incoming = [_as_bookmark(item, item.list) for item in bookmarks]

        def change(lists: Lists) -> tuple[MergeResult, bool]:
            added = merged = unchanged = 0
            for item in incoming:
                target = list or item.list or self.default_list
                entries = lists.setdefault(target, [])
                for i, old in enumerate(entries):
                    if old.id == item.id:
                        new = _updated(old, item, refresh=False)
                        if new != old:
                            entries[i] = new
                            merged += 1
                        else:
                            unchanged += 1
                        break
                else:
                    entries.append(replace(item, list=target, added=item.added or now_utc()))
                    added += 1
            return MergeResult(added, merged, unchanged), bool(added or merged)

        return self._mutate(change)

    # -- file and lock -------------------------------------------------

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise BookmarksError(
                self.path, None, f"cannot read the file ({error.strerror or error})", "check its permissions"
            ) from None

    def _parse(self, data: bytes) -> Lists:
        try:
            text = decode_config_bytes(data, self.path)
        except ReaderError as error:
            message = str(error)
            prefix = f"{self.path}:"
            line = None
            if message.startswith(prefix):
                number, _, rest = message[len(prefix) :].partition(": ")
                if number.isdigit():
                    line, message = int(number), rest
            raise BookmarksError(self.path, line, message.split(";")[0], self._fix()) from None
        return parse_bookmarks(text, self.path, self._fix())

    def _current(self) -> tuple[bytes | None, Lists]:
        """Read the file (no lock needed: saves are atomic renames) and hold what it holds.

        Returns its bytes and a copy of its lists to change. A broken file
        makes the store read-only and empty, and raises :class:`BookmarksError`.
        """
        self._loaded = True
        try:
            data = self._read_bytes()
            if self._parsed is not None and self._parsed[0] == data:
                lists = self._parsed[1]
            else:
                lists = {} if data is None else self._parse(data)
                self._parsed = (data, lists)
        except BookmarksError as error:
            self.error = error
            self._lists = {}
            raise
        self.error = None
        self._lists = _copy(lists)
        return data, _copy(lists)

    def _fix(self) -> str:
        backup = self.path.with_name(self.path.name + ".bak")
        if backup.exists():
            return f"{_FIX} (the last version reader saved is {backup})"
        return _FIX

    def _mutate_entry(self, change: Callable[[Lists], tuple[Bookmark, bool]]) -> Bookmark:
        """:meth:`_mutate` for a change that returns an entry: that entry as the file now holds it."""
        entry = self._mutate(change)
        return self.get(entry.id, entry.list) or entry

    def _mutate(self, change: Callable[[Lists], tuple[R, bool]]) -> R:
        """Apply ``change`` to the file's lists and save them; return its result.

        ``change`` may run more than once (each time on the newest file), so
        it must only change the lists it is given. The lock is held only to
        check that the file is unchanged and rename the new version into
        place; after :data:`OPTIMISTIC_ATTEMPTS` tries overtaken by other
        writers, one try runs wholly under the lock. On failure (disk full)
        the store holds what the file holds.
        """
        for attempt in range(OPTIMISTIC_ATTEMPTS + 1):
            under_lock = attempt == OPTIMISTIC_ATTEMPTS
            with self._locked() if under_lock else nullcontext():
                done = self._try_change(change, under_lock)
            if done is not None:
                return done[0]
        raise AssertionError("unreachable: the try under the lock cannot be overtaken")

    def _try_change(self, change: Callable[[Lists], tuple[R, bool]], under_lock: bool) -> tuple[R] | None:
        """One read-change-write: ``(result,)``, or ``None`` if another writer saved first."""
        data, lists = self._current()
        result, changed = change(lists)
        if not changed:
            return (result,)
        # Keep list entries' ``list`` field in step with their key.
        for name, entries in lists.items():
            entries[:] = [e if e.list == name else replace(e, list=name) for e in entries]
        with StagedWrite(self.path, dump_bookmarks(lists)) as staged:  # write and fsync: slow, no lock
            with nullcontext() if under_lock else self._locked():
                if not under_lock and self._read_bytes() != data:
                    return None
                staged.commit(backup=True)
                # Left by saves killed before their rename; only files of
                # processes that are gone (a live one may be staging).
                remove_stale_temp_files(self.path)
        staged.sync_directory()
        self._parsed = (staged.data, _copy(lists))
        self._lists = lists
        return (result,)

    def _locked(self) -> AbstractContextManager[None]:
        return exclusive(
            self.lock_path,
            timeout=self.lock_timeout,
            busy=lambda: ReaderError(
                f"{self.path} is locked by another reader (lock file {self.lock_path}); try again, or close the other reader"
            ),
            failed=lambda error: ReaderError(
                f"cannot lock {self.lock_path}: {error.strerror or error}; check the folder's permissions"
            ),
        )


def _updated(old: Bookmark, new: Bookmark, *, refresh: bool) -> Bookmark:
    """``old`` with ``new``'s tags added and its note when ``old`` has none.

    Article fields (title, date, source, path) are filled in where ``old``
    lacks them; with ``refresh`` those of ``new`` win where it has them.
    """
    first, second = (new, old) if refresh else (old, new)
    return replace(
        old,
        title=first.title or second.title,
        date=first.date or second.date,
        source=first.source or second.source,
        path=first.path or second.path,
        tags=merge_tags(old.tags, new.tags),
        note=old.note or new.note,
    )


def _copy(lists: Lists) -> Lists:
    """A copy that changes cannot reach back from (entries are immutable)."""
    return {name: [*entries] for name, entries in lists.items()}


def _as_bookmark(item: ArticleFields | Bookmark | Mapping[str, Any], list_name: str) -> Bookmark:
    if isinstance(item, Bookmark):
        return replace(
            item,
            title=clean_title(item.title),
            note=clean_note(item.note),
            tags=clean_tags(item.tags),
            list=list_name,
        )
    if isinstance(item, Mapping):
        try:
            return entry_from_dict(dict(item), list_name)
        except EntryError as error:
            raise ReaderError(f"cannot bookmark {dict(item).get('id')!r}: {error}") from None
    if hasattr(item, "id") and hasattr(item, "title"):
        bookmark = Bookmark.from_article(item, list=list_name)
        return replace(bookmark, added="")  # set when actually added
    raise TypeError(f"cannot bookmark {type(item).__name__}")
