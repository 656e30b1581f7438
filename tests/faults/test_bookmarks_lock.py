"""The bookmarks lock is held only to check and replace the file.

Parsing, changing, dumping and syncing the new version happen before the
lock is taken; under it the store only checks that the file is still the
one it read and renames the new version into place. A change that lost
the race to another writer is redone on the new file, never lost.

"Held" is observed directly: a second open of the lock file (its own open
file description) cannot take the ``flock`` while the store holds it.
"""

from __future__ import annotations

import os
import stat

import pytest

from reader.bookmarks import store as store_module
from reader.bookmarks.store import BookmarkStore

fcntl = pytest.importorskip("fcntl")


@pytest.fixture
def file(reader_home):
    return reader_home / "bookmarks.yaml"


def lock_is_held(store: BookmarkStore) -> bool:
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also releases the probe's own lock
    return False


def watch(monkeypatch, store: BookmarkStore) -> list[tuple[str, bool]]:
    """Record (step, lock held) for each parse, dump, file fsync and rename."""
    seen: list[tuple[str, bool]] = []

    def wrap(name, real):
        def wrapper(*args, **kwargs):
            seen.append((name, lock_is_held(store)))
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(store_module, "parse_bookmarks", wrap("parse", store_module.parse_bookmarks))
    monkeypatch.setattr(store_module, "dump_bookmarks", wrap("dump", store_module.dump_bookmarks))
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):
            seen.append(("fsync", lock_is_held(store)))
        return real_fsync(fd)

    def replace(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(store.path):
            seen.append(("rename", lock_is_held(store)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def fill(file, count: int = 50) -> None:
    writer = BookmarkStore(file)
    writer.merge([store_module.Bookmark(f"n/{i}", title=f"T {i}", note="x" * 200) for i in range(count)], "reading")


def test_slow_steps_run_outside_the_lock(file, monkeypatch):
    fill(file)
    store = BookmarkStore(file)  # has not read the file yet: must parse it
    seen = watch(monkeypatch, store)
    store.add({"id": "new", "title": "New"}, "reading")
    steps = [name for name, _ in seen]
    assert {"parse", "dump", "fsync", "rename"} <= set(steps), steps
    assert [name for name, held in seen if held] == ["rename"], seen
    assert [e.id for e in BookmarkStore(file).entries()][-1] == "new"


def test_remove_and_restore_also_hold_the_lock_only_to_rename(file, monkeypatch):
    fill(file, 5)
    store = BookmarkStore(file)
    seen = watch(monkeypatch, store)
    removed = store.remove("n/2", "reading")
    store.restore(removed)
    store.update("n/2", "reading", tags=["t"])
    assert [name for name, held in seen if held] == ["rename"] * 3, seen
    assert [e.id for e in BookmarkStore(file).entries()] == [f"n/{i}" for i in range(5)]


def test_a_change_made_while_another_is_prepared_is_kept(file, monkeypatch):
    fill(file, 3)
    mine, other = BookmarkStore(file), BookmarkStore(file)
    mine.load()
    real_dump = store_module.dump_bookmarks
    calls = []

    def dump(lists):
        calls.append(len(calls))
        if len(calls) == 1:  # another writer gets in between read and rename
            other.add({"id": "other", "title": "Other"}, "reading")
        return real_dump(lists)

    monkeypatch.setattr(store_module, "dump_bookmarks", dump)
    mine.add({"id": "mine", "title": "Mine"}, "reading")
    on_disk = [e.id for e in BookmarkStore(file).entries()]
    assert on_disk == ["n/0", "n/1", "n/2", "other", "mine"]
    assert [e.id for e in mine.entries()] == on_disk
    # no temporary file of the abandoned attempt is left behind
    assert not [p.name for p in file.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_writer_always_overtaken_finishes_under_the_lock(file, monkeypatch):
    fill(file, 3)
    mine, other = BookmarkStore(file), BookmarkStore(file)
    real_dump = store_module.dump_bookmarks
    state = {"busy": False, "overtaken": 0, "dumps_held": 0}

    def dump(lists):
        if lock_is_held(mine):
            state["dumps_held"] += 1
        elif not state["busy"]:
            # Every attempt of mine made outside the lock is overtaken.
            state["busy"] = True
            state["overtaken"] += 1
            other.add({"id": f"other/{state['overtaken']}", "title": "Other"}, "reading")
            state["busy"] = False
        return real_dump(lists)

    monkeypatch.setattr(store_module, "dump_bookmarks", dump)
    mine.add({"id": "mine", "title": "Mine"}, "reading")
    on_disk = [e.id for e in BookmarkStore(file).entries()]
    others = [f"other/{n}" for n in range(1, state["overtaken"] + 1)]
    assert on_disk == ["n/0", "n/1", "n/2", *others, "mine"]
    assert state["overtaken"] >= 1 and state["dumps_held"] == 1


def test_lock_timeout_is_a_store_setting(file):
    store = BookmarkStore(file, lock_timeout=0.05)
    assert store.lock_timeout == 0.05
    blocker = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(blocker, fcntl.LOCK_EX)
        with pytest.raises(store_module.ReaderError, match="is locked by another reader"):
            store.add({"id": "a"}, "reading")
    finally:
        os.close(blocker)
    store.add({"id": "a"}, "reading")
    assert BookmarkStore(file).contains("a")
