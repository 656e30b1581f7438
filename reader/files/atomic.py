"""Safe file writes: temp file in the same directory, fsync, ``os.replace``.

:func:`atomic_write_text` does it all at once. :class:`StagedWrite` splits
it so a caller holding a lock does only the quick part under it: write and
fsync the temporary file first (slow for big files), then take the lock,
check, and :meth:`~StagedWrite.commit` (a rename).

Temporary files are named ``.<name>.<pid>.<random>.tmp``; the pid lets
:func:`remove_stale_temp_files` delete only those whose process is gone.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from reader.errors import ReaderError

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class WriteError(ReaderError):
    """A file could not be written; the old version (if any) is unchanged.

    The message names the file, what went wrong and what to do.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        self.errno = error.errno
        reason = error.strerror or str(error)
        if error.errno in _DISK_FULL:
            message = (
                f"could not write {path}: the disk is full ({reason}); "
                "free some space and try again; the previous version is unchanged"
            )
        else:
            message = f"could not write {path}: {reason}; the previous version is unchanged"
        super().__init__(message)

    @property
    def disk_full(self) -> bool:
        """Whether the write failed for lack of space (or quota)."""
        return self.errno in _DISK_FULL


class StagedWrite:
    """A new version of ``path``, written and synced beside it but not yet in place.

    Creating it does the slow part (write, fsync) and raises
    :class:`WriteError` on failure (disk full) with nothing changed.
    :meth:`commit` renames it over ``path``; :meth:`discard` (or leaving the
    ``with`` block) deletes it if it was not committed.
    """

    def __init__(self, path: Path | str, text: str) -> None:
        self.path = Path(path)
        self.data = text.encode("utf-8")
        self._tmp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            self.discard()
            raise WriteError(self.path, error) from None

    def commit(self, *, backup: bool = False) -> None:
        """Put the new version in place (atomic rename).

        With ``backup``, the version it replaces becomes ``<name>.bak``.
        The directory is not synced here: call :meth:`sync_directory`
        after (outside any lock).
        """
        if self._tmp is None:
            raise RuntimeError("nothing staged")
        try:
            if self.path.exists():
                try:
                    os.chmod(self._tmp, self.path.stat().st_mode & 0o777)
                except OSError:
                    pass
                if backup:
                    _atomic_backup(self.path)
            os.replace(self._tmp, self.path)
            self._tmp = None
        except OSError as error:
            self.discard()
            raise WriteError(self.path, error) from None

    def sync_directory(self) -> None:
        """Make the rename durable (best effort)."""
        _fsync_dir(self.path.parent)

    def discard(self) -> None:
        """Delete the temporary file, if it was not committed."""
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None

    def __enter__(self) -> StagedWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """Replace ``path`` with ``text`` atomically.

    Readers see the old file or the new one, never a partial one. With
    ``backup``, the previous version is kept as ``<name>.bak``. On failure
    (disk full, permissions) the old file is untouched and a
    :class:`WriteError` (a :class:`ReaderError`) names the file.
    """
    with StagedWrite(path, text) as staged:
        staged.commit(backup=backup)
    staged.sync_directory()


def remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files of ``path`` left by saves that were killed.

    Only files whose process is gone are deleted (a live process may be
    staging one right now). Call it while holding the lock that guards
    ``path``: backup temporaries are made under it.
    """
    path = Path(path)
    prefix = f".{path.name}."
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return
    for stale in candidates:
        middle = stale.name[len(prefix) : -len(".tmp")]
        owner = next((int(part) for part in middle.split(".") if part.isdigit()), None)
        if owner is not None and _alive(owner):
            continue
        try:
            stale.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): it exists
        return True
    return True


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _atomic_backup(path: Path) -> None:
    """Make ``<name>.bak`` the current ``path``, atomically (never a torn copy)."""
    bak = path.with_name(path.name + ".bak")
    tmp = path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    try:
        os.link(path, tmp)  # instant and atomic where hard links exist
    except OSError:
        shutil.copy2(path, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(tmp, bak)
    # Where ``bak`` already was a link to ``path`` (a save killed between its
    # backup and its rename), the rename did nothing and ``tmp`` remains.
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


# -- disk full -------------------------------------------------------------------


def os_error_behind(error: BaseException | None) -> OSError | None:
    """``error`` itself if it is an :class:`OSError`, else the first one it
    was raised from or while handling (a :class:`ReaderError` made from one)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OSError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ``error`` comes from a full disk (or an exhausted quota)."""
    found = os_error_behind(error)
    return found is not None and found.errno in _DISK_FULL


def disk_full_message(path: Path, what: str) -> str:
    """The one-line message for a full disk while writing ``what`` at ``path``."""
    return (
        f"the disk holding the {what} at {path} is full (no space left on device); "
        f"the previous {what} is unchanged; free some space and try again"
    )
