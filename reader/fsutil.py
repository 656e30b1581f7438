"""Safe file writes: temp file in the same directory, fsync, ``os.replace``."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from reader.errors import ReaderError


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """Replace ``path`` with ``text`` atomically.

    Readers see the old file or the new one, never a partial one. With
    ``backup``, the previous version is kept as ``<name>.bak``. On failure
    (disk full, permissions) the old file is untouched and a
    :class:`ReaderError` names the file.
    """
    path = Path(path)
    data = text.encode("utf-8")
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            try:
                os.chmod(tmp_name, path.stat().st_mode & 0o777)
            except OSError:
                pass
            if backup:
                _atomic_backup(path)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReaderError(f"could not write {path}: {reason}; the previous version is unchanged") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


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


# -- disk full -------------------------------------------------------------------

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


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
