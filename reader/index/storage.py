"""Index files read through memory maps.

Whoosh's ``FileStorage`` opens each index file as a Python file object:
every lookup in the terms table is a ``seek`` and a ``read`` (a fuzzy word
made 7,000 of them per query at 10,000 articles, ~10 ms). Its memory-mapped
alternative, ``BufferFile``, copies the whole map into a ``BytesIO``, so a
process with the index open held the index twice. :class:`MappedStorage`
maps each file read-only and reads slices of the map: the pages are the
operating system's page cache, shared between processes and never copied
whole.

Index files are written once and never changed in place (Whoosh writes new
segments and deletes old ones), so a map stays valid for as long as a
reader keeps it; on POSIX a deleted file's map stays readable.
"""

from __future__ import annotations

import mmap
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile


class MappedFile(BufferFile):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """A read-only index file over a memory map: ``get`` and the other
    positional reads slice the map; ``read``/``seek`` use the map's own file
    position."""

    def __init__(self, mapped: mmap.mmap, name: str | None = None, onclose: Any = None) -> None:
        # Not BufferFile.__init__: it would copy the map into a BytesIO.
        self._buf = mapped
        self._name = name
        self.file = mapped
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


class MappedStorage(FileStorage):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Whoosh's file storage with files opened as :class:`MappedFile`."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(self._fpath(name), "rb") as handle:
            try:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (ValueError, OSError):  # an empty file cannot be mapped
                return super().open_file(name, **kwargs)
        return MappedFile(mapped, name=name, **kwargs)
