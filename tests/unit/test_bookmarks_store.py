"""The bookmark store: CRUD, undo, read-only on broken files, backups, disk full."""

from __future__ import annotations

import datetime as dt
import errno
import os
import time

import pytest
import yaml

from reader.bookmarks.store import (
    Bookmark,
    BookmarkNotFound,
    BookmarksError,
    BookmarkStore,
    dump_bookmarks,
    parse_bookmarks,
)
from reader.corpus import Article
from reader.errors import ReaderError


def article(n: int, **changes) -> Article:
    fields = dict(
        id=f"news/{n:03d}",
        title=f"Title {n}",
        body="Body.",
        date=dt.date(2023, 9, n % 28 + 1),
        source="news",
        path=f"/data/news/{n:03d}.txt",
    )
    fields.update(changes)
    return Article(**fields)


@pytest.fixture
def file(reader_home):
    return reader_home / "bookmarks.yaml"


@pytest.fixture
def store(file):
    return BookmarkStore(file)


def ids(entries) -> list[str]:
    return [entry.id for entry in entries]


# ---------------------------------------------------------------------------
# CRUD


def test_empty_when_file_is_missing(store, file):
    assert store.lists() == []
    assert store.entries() == []
    assert not store.contains("x")
    assert not file.exists()
    assert store.error is None


def test_add_keeps_article_fields(store, file):
    entry = store.add(article(1), tags=["world", "long read"], note="read later")
    assert entry.id == "news/001"
    assert entry.title == "Title 1"
    assert entry.date == "2023-09-02"
    assert entry.source == "news"
    assert entry.path == "/data/news/001.txt"
    assert entry.tags == ("world", "long read")
    assert entry.note == "read later"
    assert entry.list == "reading"
    assert dt.datetime.fromisoformat(entry.added.replace("Z", "+00:00")).tzinfo is not None
    assert entry.added.endswith("Z")
    # on disk, readable by a fresh store and by plain YAML
    again = BookmarkStore(file).entries()
    assert again == [entry]
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert data["lists"]["reading"][0]["title"] == "Title 1"
    assert data["lists"]["reading"][0]["tags"] == ["world", "long read"]


def test_add_from_mapping_and_bookmark(store):
    store.add({"id": "a", "title": "From a mapping", "date": "2020-01-02"}, "later")
    store.add(Bookmark("b", title="Made by hand", added="2020-01-01T00:00:00Z"), "later")
    assert ids(store.entries("later")) == ["a", "b"]
    assert store.get("b", "later").added == "2020-01-01T00:00:00Z"
    with pytest.raises(ReaderError):
        store.add({"id": "c", "date": "yesterday"})


def test_adding_twice_merges(store):
    store.add(article(1), tags=["a"], note="first")
    store.add(article(1, title="New title"), tags=["b", "a"])
    (entry,) = store.entries("reading")
    assert entry.tags == ("a", "b")
    assert entry.note == "first"  # no new note: kept
    assert entry.title == "New title"
    store.add(article(1), note="second")
    assert store.get("news/001").note == "second"
    assert len(store.entries()) == 1


def test_lists_filters_and_queries(store):
    store.add(article(1), "reading", tags=["x"])
    store.add(article(2), "later", tags=["x", "y"])
    store.add(article(1), "later")
    assert store.lists() == ["reading", "later"]
    assert ids(store.entries()) == ["news/001", "news/002", "news/001"]
    assert ids(store.entries("later")) == ["news/002", "news/001"]
    assert ids(store.entries(tag="x")) == ["news/001", "news/002"]
    assert ids(store.entries("later", tag="y")) == ["news/002"]
    assert store.entries("nope") == []
    assert store.lists_containing("news/001") == ["reading", "later"]
    assert store.contains("news/002") and store.contains("news/002", "later")
    assert not store.contains("news/002", "reading")
    assert store.tags() == ["x", "y"]


def test_update(store):
    store.add(article(1), tags=["a"], note="n")
    entry = store.update("news/001", tags=["b", "c"])
    assert entry.tags == ("b", "c") and entry.note == "n"
    entry = store.update("news/001", note="changed\nover two lines")
    assert entry.tags == ("b", "c") and entry.note == "changed\nover two lines"
    assert BookmarkStore(store.path).get("news/001").note == "changed\nover two lines"
    with pytest.raises(BookmarkNotFound):
        store.update("news/999", note="x")


def test_remove_and_undo_at_same_position(store, file):
    for n in range(1, 5):
        store.add(article(n))
    before = store.entries()
    removed = store.remove("news/002")
    assert removed.index == 1 and removed.list == "reading" and removed.bookmark == before[1]
    assert ids(store.entries()) == ["news/001", "news/003", "news/004"]
    assert store.remove("news/002") is None
    store.restore(removed)
    assert store.entries() == before
    assert BookmarkStore(file).entries() == before


def test_remove_all_and_move(store):
    store.add(article(1), "reading", tags=["a"])
    store.add(article(1), "later", tags=["b"])
    store.add(article(2), "reading")
    moved = store.move("news/002", "reading", "later")
    assert moved.list == "later"
    assert ids(store.entries("later")) == ["news/001", "news/002"]
    merged = store.move("news/001", "reading", "later")
    assert merged.tags == ("b", "a")
    assert ids(store.entries("later")) == ["news/001", "news/002"]
    with pytest.raises(BookmarkNotFound):
        store.move("news/001", "reading", "later")
    removed = store.remove_all("news/001")
    assert [r.list for r in removed] == ["later"]
    assert not store.contains("news/001")


def test_text_is_cleaned_and_tags_checked(store):
    entry = store.add(article(1, title="Bad\x1b[31m red\x07\ntitle"), note="note\x1b]0;evil\x07 ok", tags=[" t ", ""])
    assert entry.title == "Bad red title"
    assert entry.note == "note ok"
    assert entry.tags == ("t",)
    with pytest.raises(ReaderError, match="contains ','"):
        store.add(article(2), tags=["a,b"])
    assert not store.contains("news/002")


def test_two_stores_do_not_lose_changes(file):
    first = BookmarkStore(file)
    second = BookmarkStore(file)
    first.add(article(1))
    second.add(article(2))  # re-reads the file under the lock first
    first.add(article(3))
    assert ids(BookmarkStore(file).entries()) == ["news/001", "news/002", "news/003"]
    assert ids(first.entries()) == ["news/001", "news/002", "news/003"]


def test_hand_edited_file_is_accepted(file, store):
    file.write_text(
        "lists:\n"
        "  reading:\n"
        "    - id: a\n"
        "      date: 2021-03-04\n"  # unquoted: YAML reads a date
        "      added: 2024-05-01T12:00:00Z\n"
        "    - id: b\n"
        "      title: Second\n"
        "  later:\n",
        encoding="utf-8",
    )
    entries = store.entries()
    assert ids(entries) == ["a", "b"]
    assert entries[0].date == "2021-03-04" and entries[0].added == "2024-05-01T12:00:00Z"
    assert store.lists() == ["reading", "later"]
    store.add(article(1), "later")
    assert ids(BookmarkStore(file).entries("later")) == ["news/001"]


def test_written_file_is_readable(store, file):
    store.add(article(1), note="line one\nline two")
    store.add(article(2, title="Colon: 'quotes' and #hash"), "later", tags=["é", "日本"])
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# Bookmarks saved by reader")
    assert "version: 1" in text
    assert "note: |-\n      line one\n      line two\n" in text
    assert "tags: [é, 日本]" in text
    assert "&" not in text and "*" not in text  # no anchors or aliases


# ---------------------------------------------------------------------------
# Broken files: read-only, never overwritten


BROKEN = [
    ("invalid YAML", "lists:\n  reading:\n    - id: a\n      title: a: b\n    - id: b\n", 4, "invalid YAML"),
    ("not a mapping", "- a\n- b\n", 1, "expected a mapping of version and lists, got a list"),
    ("unknown top key", "version: 1\nlsits:\n  reading: []\n", 2, "did you mean 'lists'?"),
    ("lists not mapping", "lists:\n  - a\n", 1, "expected list name -> entries"),
    ("entries not a list", "lists:\n  reading: abc\n", 2, "expected entries"),
    ("entry not a mapping", "lists:\n  reading:\n    - just-an-id\n", 3, "expected an entry"),
    ("missing id", "lists:\n  reading:\n    - title: x\n", 3, "needs 'id:'"),
    ("wrong type", "lists:\n  reading:\n    - id: a\n    - id: b\n      tags: notalist\n", 5, "tags: expected a list"),
    (
        "tag type",
        "lists:\n  reading:\n    - id: a\n      tags:\n        - ok\n        - [x]\n",
        6,
        "lists.reading[0].tags[1]: expected text, got a list",
    ),
    ("title number", "lists:\n  reading:\n    - id: a\n      title: 1984\n", 4, "title: expected text, got 1984"),
    ("bad date", "lists:\n  reading:\n    - id: a\n      date: soon\n", 4, "not a YYYY-MM-DD date"),
    ("unknown entry key", "lists:\n  reading:\n    - id: a\n      notes: x\n", 4, "did you mean 'note'?"),
    ("duplicate id", "lists:\n  reading:\n    - id: a\n    - id: a\n", 4, "in the list twice"),
    ("newer version", "version: 7\nlists: {}\n", 1, "newer reader"),
    ("python tag", "lists: !!python/object/apply:os.system ['true']\n", 1, "invalid YAML"),
    (
        "alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 1 else f'l{i - 1}'}"] * 9) + "]\n" for i in range(1, 8))
        + "lists:\n  reading: *l7\n",
        1,
        "a: unknown key",
    ),
    (
        "alias bomb over limit",
        "a: &a [x, x]\n" + "".join(f"b{i}: [" + ", ".join(["*a"] * 10) + "]\n" for i in range(12)),
        12,
        "aliases",
    ),
    ("bad utf-8", b"lists:\n  reading:\n    - id: \xff\n", 3, "not valid UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "line", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_read_only_and_untouched(file, name, content, line, words):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    file.write_bytes(data)
    store = BookmarkStore(file)
    start = time.perf_counter()
    with pytest.raises(BookmarksError) as info:
        store.load()
    assert time.perf_counter() - start < 1.0
    error = info.value
    message = str(error)
    assert message.startswith(f"{file}:{line}: "), message
    assert words in message
    assert "read-only until the file is fixed" in message
    assert "\n" not in message
    assert isinstance(error, ReaderError)
    # queries do not raise; the store says it is read-only
    assert store.entries() == []
    assert store.read_only and store.error is not None
    # every change raises the same error and leaves the bytes alone
    for change in (
        lambda: store.add(article(1)),
        lambda: store.remove("a"),
        lambda: store.update("a", note="x"),
        lambda: store.merge([Bookmark("z")]),
        lambda: BookmarkStore(file).add(article(2)),
    ):
        with pytest.raises(BookmarksError) as again:
            change()
        assert str(again.value) == message
    assert file.read_bytes() == data
    assert not file.with_name(file.name + ".bak").exists()


def test_store_recovers_once_the_file_is_fixed(file, store):
    file.write_text("lists: [\n", encoding="utf-8")
    with pytest.raises(BookmarksError):
        store.add(article(1))
    assert store.read_only
    file.write_text("lists:\n  reading: []\n", encoding="utf-8")
    store.add(article(1))
    assert not store.read_only
    assert ids(BookmarkStore(file).entries()) == ["news/001"]


# ---------------------------------------------------------------------------
# Backups and failed saves


def test_backup_keeps_previous_version(store, file):
    backup = file.with_name("bookmarks.yaml.bak")
    store.add(article(1))
    first = file.read_bytes()
    store.add(article(2))
    assert backup.read_bytes() == first
    second = file.read_bytes()
    store.remove("news/001")
    assert backup.read_bytes() == second
    assert ids(BookmarkStore(backup).entries()) == ["news/001", "news/002"]
    # only one backup, no temporary files left behind
    assert sorted(p.name for p in file.parent.iterdir() if p.name.startswith((".bookmarks", "bookmarks"))) == [
        "bookmarks.yaml",
        "bookmarks.yaml.bak",
        "bookmarks.yaml.lock",
    ]


@pytest.mark.parametrize("target", ["fsync", "write"])
def test_disk_full_leaves_old_file(store, file, monkeypatch, target):
    store.add(article(1))
    store.add(article(2))
    before = file.read_bytes()
    entries_before = store.entries()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if target == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr("reader.files.atomic.os.fdopen", lambda *a, **k: _FullFile(*a, **k))
    with pytest.raises(ReaderError) as info:
        store.add(article(3))
    message = str(info.value)
    assert str(file) in message and "No space left on device" in message
    assert "previous version is unchanged" in message
    monkeypatch.undo()
    assert file.read_bytes() == before
    assert store.entries() == entries_before  # memory matches the disk
    assert BookmarkStore(file).entries() == entries_before
    leftovers = [p.name for p in file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    # and the store keeps working once there is room again
    store.add(article(3))
    assert ids(BookmarkStore(file).entries()) == ["news/001", "news/002", "news/003"]


class _FullFile:
    """A file object whose writes fail with ENOSPC."""

    def __init__(self, fd, *args, **kwargs) -> None:
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)
        return False

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# ---------------------------------------------------------------------------
# The format


def test_dump_and_parse_round_trip():
    lists = {
        "reading": [
            Bookmark("a", "Title", "2020-01-02", "src", "/p", ("t1", "t2"), "multi\nline", "2024-01-01T00:00:00Z", "reading")
        ],
        "empty": [],
    }
    assert parse_bookmarks(dump_bookmarks(lists), "x") == lists


def test_broken_file_message_points_at_backup(store, file):
    store.add(article(1))
    store.add(article(2))
    file.write_text("lists: [\n", encoding="utf-8")
    with pytest.raises(BookmarksError) as info:
        BookmarkStore(file).load()
    assert str(info.value).endswith(f"(the last version reader saved is {file}.bak)")
    assert ids(BookmarkStore(file.with_name("bookmarks.yaml.bak")).entries()) == ["news/001"]


def test_undo_after_re_adding_keeps_the_newer_entry(tmp_path):
    from reader.bookmarks.store import Bookmark, BookmarkStore

    store = BookmarkStore(tmp_path / "bookmarks.yaml")
    store.add(Bookmark("news/b", title="Old title", tags=("a",), note="my note"), "reading")
    removed = store.remove("news/b", "reading")
    store.merge([Bookmark("news/b", title="Imported", tags=("b",))], "reading")
    restored = store.restore(removed)
    assert (restored.title, restored.tags, restored.note) == ("Imported", ("b", "a"), "my note")
    assert [e.title for e in BookmarkStore(tmp_path / "bookmarks.yaml").entries("reading")] == ["Imported"]
