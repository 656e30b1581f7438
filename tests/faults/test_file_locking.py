"""The bookmarks and index locks: where they live, who sees them, what a holder is told.

Another process is a real second process here: it takes (or tries) an
``flock`` on the same lock file, and says what happened on its stdout;
the test waits for that line, never for a time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from reader.bookmarks.store import BookmarkStore
from reader.errors import ReaderError
from reader.files.locking import exclusive
from reader.index.store import IndexLocked, IndexStore

fcntl = pytest.importorskip("fcntl")

PROBE = textwrap.dedent(
    """
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("busy", flush=True)
    else:
        print("locked", flush=True)
        sys.stdin.read()  # hold it until the test closes our stdin
    """
)


class OtherProcess:
    """A second process that tries the lock file once and, if it got it, holds it until closed."""

    def __init__(self, path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", PROBE, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.said = self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()
        self.process.stdout.close()


def other_process_sees_it_held(path) -> bool:
    other = OtherProcess(path)
    other.close()
    assert other.said in {"busy", "locked"}
    return other.said == "busy"


@pytest.mark.parametrize(
    "lock_name, hold",
    [
        ("bookmarks.yaml.lock", lambda home: BookmarkStore(home / "bookmarks.yaml")._locked()),
        ("index.lock", lambda home: IndexStore(home / "index").write_lock()),
    ],
)
def test_lock_files_keep_their_names_and_another_process_sees_them(reader_home, lock_name, hold):
    lock_path = reader_home / lock_name
    with hold(reader_home):
        assert other_process_sees_it_held(lock_path)
    assert not other_process_sees_it_held(lock_path)
    assert lock_path.exists()  # the lock file stays: waiters share one file


def test_bookmarks_wait_out_their_timeout_for_another_process(reader_home):
    store = BookmarkStore(reader_home / "bookmarks.yaml", lock_timeout=0.05)
    other = OtherProcess(store.lock_path)
    try:
        assert other.said == "locked"
        with pytest.raises(ReaderError, match="is locked by another reader") as caught:
            store.add({"id": "a"}, "reading")
        assert str(store.lock_path) in str(caught.value)
        assert not store.path.exists()
    finally:
        other.close()
    store.add({"id": "a"}, "reading")
    assert BookmarkStore(store.path).contains("a")


def test_bookmarks_lock_that_cannot_be_made_names_the_file(reader_home):
    store = BookmarkStore(reader_home / "bookmarks.yaml")
    store.lock_path.mkdir()  # a folder where the lock file should be
    with pytest.raises(ReaderError, match=r"cannot lock .*bookmarks\.yaml\.lock: .*check the folder's permissions"):
        store.add({"id": "a"}, "reading")
    assert not store.path.exists()


def test_index_lock_held_by_another_process_is_refused_at_once(reader_home):
    store = IndexStore(reader_home / "index")
    other = OtherProcess(store.lock_path)
    try:
        assert other.said == "locked"
        with pytest.raises(IndexLocked, match="another reader process is updating the index"):
            with store.write_lock():
                pass
    finally:
        other.close()
    with store.write_lock():
        pass


def test_two_holders_in_one_process_exclude_each_other(reader_home):
    # Not reentrant: a second lock object (another store, another thread) is refused.
    path = reader_home / "x.lock"
    with exclusive(path, timeout=0, busy=lambda: ReaderError("busy")):
        with pytest.raises(ReaderError, match="busy"):
            with exclusive(path, timeout=0, busy=lambda: ReaderError("busy")):
                pass
    with exclusive(path, timeout=0, busy=lambda: ReaderError("busy")):
        pass


def test_errors_inside_the_block_pass_through_and_release_the_lock(reader_home):
    path = reader_home / "x.lock"
    with pytest.raises(PermissionError):
        with exclusive(path, timeout=0, busy=lambda: ReaderError("busy"), failed=lambda e: ReaderError("failed")):
            raise PermissionError("from the block")
    assert not other_process_sees_it_held(path)


def test_core_imports_and_locks_without_fcntl(reader_home):
    """Off POSIX there is no fcntl: the stores still import and take their locks."""
    script = textwrap.dedent(
        f"""
        import sys, warnings
        sys.modules["fcntl"] = None  # as on Windows: importing it fails
        warnings.simplefilter("ignore")
        from reader.bookmarks.store import BookmarkStore
        from reader.index.store import IndexStore
        import reader.library
        store = BookmarkStore({str(reader_home / "bookmarks.yaml")!r})
        store.add({{"id": "a"}}, "reading")
        with IndexStore({str(reader_home / "index")!r}).write_lock():
            pass
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert BookmarkStore(reader_home / "bookmarks.yaml").contains("a")
