"""Safe file writes: temp file in the same directory, fsync, ``os.replace``."""

from __future__ import annotations

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
