"""Bookmarks under faults: a writer killed mid-save, and two writers at once."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from reader.bookmarks.store import BookmarkStore
from tests.helpers import child_env

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# Adds bookmarks with long notes forever, printing the count after each save.
WRITER = textwrap.dedent(
    """
    import sys
    from reader.bookmarks.store import BookmarkStore
    store = BookmarkStore(sys.argv[1])
    start = int(sys.argv[2])
    note = "A long note. " * 100
    n = start
    while True:
        store.add({"id": f"w/{n}", "title": f"Title {n}"}, "reading", tags=["t"], note=note)
        n += 1
        print(n - start, flush=True)
    """
)

# Waits for the go file (a barrier: both start together), then adds `count`
# bookmarks with ids prefix/0.. . The lock timeout is far beyond any wait
# (the lock is held for milliseconds), so a busy machine only makes it slower.
ADDER = textwrap.dedent(
    """
    import os, sys, time
    from reader.bookmarks.store import BookmarkStore
    path, prefix, count, ready, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    store = BookmarkStore(path, lock_timeout=600)
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(count):
        store.add({"id": f"{prefix}/{i}", "title": f"{prefix} {i}"}, "reading", note="x" * 200)
    """
)


def _kill_after(child: subprocess.Popen[str], seconds: float) -> None:
    """Let the writer run ``seconds`` more, then kill it mid-write."""
    time.sleep(seconds)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)


def _reap(child: subprocess.Popen[str]) -> None:
    """Never leave the writer running, whatever the test saw."""
    if child.poll() is None:
        child.kill()
        child.wait()
    child.stdout.close()


_env = child_env


def test_killed_writer_never_leaves_a_broken_file(reader_home):
    path = reader_home / "bookmarks.yaml"
    rng = random.Random(1234)
    env = _env()
    total = 0
    kills = 20
    for round_number in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(round_number * 100_000)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            # Let it save a random number of times, then kill it at a random
            # moment of the next save.
            for _ in range(rng.randint(1, 3)):
                line = child.stdout.readline()
                assert line, "writer exited early"
            _kill_after(child, rng.uniform(0.0, 0.03))
        finally:
            _reap(child)
        assert child.returncode == -signal.SIGKILL
        # The file is complete: the old or the new version, never a mix.
        store = BookmarkStore(path)
        store.load()
        entries = store.entries("reading")
        assert len(entries) >= total + 1
        assert all(entry.note == ("A long note. " * 100).strip() and entry.tags == ("t",) for entry in entries)
        assert len({entry.id for entry in entries}) == len(entries)
        total = len(entries)
        # A backup, if any, is complete too.
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            BookmarkStore(backup).load()
    # The lock died with the writer: a new change goes through.
    BookmarkStore(path).add({"id": "after", "title": "After"})
    assert BookmarkStore(path).contains("after")
    # Temporary files of killed saves are cleaned up by the next save.
    assert not [p for p in reader_home.iterdir() if p.name.endswith(".tmp")]


# Saves two large versions of the file in turn, as fast as it can. Writes of
# this size take long enough that random kills land inside them.
SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.bookmarks.store import write_bookmarks_file
    target = Path(sys.argv[1])
    texts = [Path(sys.argv[2]).read_text(encoding="utf-8"), Path(sys.argv[3]).read_text(encoding="utf-8")]
    print("ready", flush=True)
    i = 0
    while True:
        write_bookmarks_file(target, texts[i % 2])
        i += 1
    """
)


def test_killed_large_saves_leave_old_or_new_file(reader_home, tmp_path):
    from reader.bookmarks.store import Bookmark, dump_bookmarks

    path = reader_home / "bookmarks.yaml"
    versions = []
    for name in ("a", "b"):
        # About 1 MB: the dump of one entry, repeated with different ids
        # (dumping 1000 entries with the pure-Python emitter is slow).
        one = dump_bookmarks({"reading": [Bookmark("ID", title=name, note=f"{name} note " * 200)]})
        head, _, entry = one.partition("  - id: ID\n")
        text = head + "".join(f"  - id: {name}/{i}\n" + entry for i in range(700))
        (tmp_path / name).write_text(text, encoding="utf-8")
        versions.append(text.encode("utf-8"))
    # Both versions are valid bookmark files (checked once: parsing is slow).
    from reader.bookmarks.store import parse_bookmarks

    assert len(parse_bookmarks(versions[1].decode("utf-8"), "b")["reading"]) == 700
    rng = random.Random(99)
    env = _env()
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(tmp_path / "a"), str(tmp_path / "b")],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            assert child.stdout.readline() == "ready\n"
            _kill_after(child, rng.uniform(0.0, 0.05))
        finally:
            _reap(child)
        if path.exists():
            assert path.read_bytes() in versions
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            assert backup.read_bytes() in versions


def test_two_processes_adding_concurrently_lose_nothing(reader_home):
    path = reader_home / "bookmarks.yaml"
    go = reader_home / "go"
    env = _env()
    children = []
    for prefix in ("one", "two"):
        ready = reader_home / f"ready-{prefix}"
        child = subprocess.Popen(
            [sys.executable, "-c", ADDER, str(path), prefix, "50", str(ready), str(go)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        children.append((child, ready))
    deadline = time.monotonic() + 300
    while not all(ready.exists() for _, ready in children):
        assert time.monotonic() < deadline, "children did not start"
        assert all(child.poll() is None for child, _ in children), "a child died"
        time.sleep(0.005)
    go.touch()
    for child, _ in children:
        _, err = child.communicate(timeout=900)
        assert child.returncode == 0, err
    entries = BookmarkStore(path).entries("reading")
    ids = {entry.id for entry in entries}
    assert len(entries) == 100
    assert ids == {f"{prefix}/{i}" for prefix in ("one", "two") for i in range(50)}
    # Each writer's own order is kept.
    for prefix in ("one", "two"):
        mine = [entry.id for entry in entries if entry.id.startswith(prefix + "/")]
        assert mine == [f"{prefix}/{i}" for i in range(50)]
