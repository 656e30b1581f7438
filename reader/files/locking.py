"""Exclusive locks on lock files, shared with other processes.

:func:`exclusive` holds a ``filelock.FileLock`` on a lock file (created if
missing, never deleted) for a ``with`` block. On POSIX that is an
``flock`` on the file, so another process, or another open of the file in
this one, sees it; elsewhere it is the platform's own lock.

Each call takes a new lock object: a lock is never reentrant, and two
holders in one process (two stores, two threads) exclude each other just
as two processes do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from reader.errors import ReaderError

POLL_INTERVAL = 0.005
"""Seconds between tries while another holder has the lock."""


@contextmanager
def exclusive(
    path: Path | str,
    *,
    timeout: float,
    busy: Callable[[], Exception],
    failed: Callable[[OSError], Exception] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock on the lock file ``path`` for the ``with`` block.

    Waits up to ``timeout`` seconds for another holder (``0``: one try, no
    wait), then raises ``busy()``. If the lock file cannot be created or
    locked, raises ``failed(error)``, or the :class:`OSError` itself
    without ``failed``. Errors inside the block pass through untouched.
    """
    path = Path(path)
    lock = FileLock(path, mode=0o644)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=timeout, poll_interval=POLL_INTERVAL, blocking=timeout > 0)
    except Timeout:
        raise busy() from None
    except OSError as error:
        if failed is None:
            raise
        raise failed(error) from None
    try:
        yield
    finally:
        lock.release()


def change_lock(path: Path, lock_path: Path, timeout: float) -> AbstractContextManager[None]:
    """The lock of one read-modify-write of the user's file ``path``, with
    the messages every store gives: busy (another Reader changes it) or
    not lockable (the folder)."""
    return exclusive(
        lock_path,
        timeout=timeout,
        busy=lambda: ReaderError(f"{path} is being changed by another Reader (its lock {lock_path} is held); try again"),
        failed=lambda error: ReaderError(f"cannot lock {lock_path}: {error.strerror or error}; check the folder"),
    )
