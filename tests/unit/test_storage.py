"""Index files are read through read-only memory maps, never copied whole."""

from __future__ import annotations

import mmap

from reader.index.storage import MappedFile, MappedStorage
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import write_library


def _library(tmp_path):
    folder = write_library(
        tmp_path,
        {
            "rates.txt": "Interest rates rise\n\nThe bank raised interest rates again.\n",
            "film.txt": "Film awards\n\nThe film won three awards.\n",
        },
    )
    lib = Library(get_paths(tmp_path / "home"), extra_sources=[folder])
    lib.update(rebuild=True)
    return lib, folder


def test_index_files_are_memory_maps(tmp_path):
    lib, _ = _library(tmp_path)
    ix = lib.store.open()
    assert isinstance(ix.storage, MappedStorage)
    names = [name for name in ix.storage.list() if name.endswith((".trm", ".pst"))]
    assert names
    for name in names:
        handle = ix.storage.open_file(name)
        assert isinstance(handle, MappedFile) and isinstance(handle.file, mmap.mmap)
        assert handle.get(0, 4) == (lib.store.dir / name).read_bytes()[:4]
        handle.close()
    ix.close()


def test_an_empty_file_is_read_as_a_file(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    handle = MappedStorage(str(tmp_path)).open_file("empty")
    assert not isinstance(handle, MappedFile) and handle.read() == b""
    handle.close()


def test_an_open_index_still_answers_after_a_rebuild_deleted_its_files(tmp_path):
    lib, folder = _library(tmp_path)
    with lib.open() as index:
        assert [r.id for r in index.search("interest").results] == ["news/rates"]
        (folder / "more.txt").write_text("Interest again\n\nMore on interest rates.\n", encoding="utf-8")
        lib.update(rebuild=True)
        # Its maps hold the files it opened; the app opens the new index.
        assert [r.id for r in index.search("interest rates awards").results] == ["news/rates", "news/film"]
        assert index.get("news/film").title == "Film awards"
    with lib.open() as index:
        assert {r.id for r in index.search("interest").results} == {"news/rates", "news/more"}
