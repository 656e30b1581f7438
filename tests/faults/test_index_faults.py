"""Index writes that fail: a full disk (injected ENOSPC) and permissions.

A tmpfs cannot be mounted in the tests, so the failures are injected in the
layer Whoosh writes every index file through (``FileStorage.create_file``).
Subprocesses of the multi-process writer are forked, so they inherit the
injection too. Tantivy writes its files in Rust: its commit is made to fail
as Tantivy reports a full disk (a ValueError naming the OS error).
"""

from __future__ import annotations

import errno
import os

import pytest
from whoosh.filedb.filestore import FileStorage

import reader.index.store as store_module
from reader.cli import main
from reader.errors import ReaderError
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import whoosh_only, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")


class _FullDisk:
    """A file whose writes fail with ENOSPC once ``budget`` bytes were written
    (in this process; ``only_children`` makes the parent's writes succeed)."""

    written = 0

    def __init__(self, file, path, budget, parent_pid, only_children):
        self._file, self._path, self._budget = file, path, budget
        self._parent_pid, self._only_children = parent_pid, only_children

    def write(self, data):
        if not (self._only_children and os.getpid() == self._parent_pid):
            type(self).written += len(data)
            if type(self).written > self._budget:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._path)
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()


def fill_disk(monkeypatch, budget=0, only_children=False):
    """From now on, index files written past ``budget`` bytes fail with ENOSPC."""
    real = FileStorage.create_file
    parent = os.getpid()
    monkeypatch.setattr(_FullDisk, "written", 0)

    def create_file(self, name, *args, **kwargs):
        handle = real(self, name, *args, **kwargs)
        handle.file = _FullDisk(handle.file, os.path.join(self.folder, name), budget, parent, only_children)
        return handle

    monkeypatch.setattr(FileStorage, "create_file", create_file)
    _tantivy_fails(monkeypatch, errno.ENOSPC)


def _tantivy_fails(monkeypatch, number):
    """Tantivy's commits fail as Tantivy reports an OS error (``number``)."""
    import reader.index.tantivy_engine as tantivy_engine

    def commit(writer):
        raise ValueError(f"An IO error occurred: '{os.strerror(number)} (os error {number})'")

    monkeypatch.setattr(tantivy_engine, "_commit", commit)


def listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def search_ids(lib, query):
    with lib.open() as index:
        return sorted(r.id for r in index.search(query, limit=None).results)


@pytest.fixture
def library(tmp_path):
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    lib.update()
    return lib, folder


def _more_articles(folder, n, word="zebra"):
    for i in range(n):
        (folder / f"more{i:03d}.txt").write_text(f"More news {i}\n\nA {word} crossed the road number {i}.\n")


def _assert_unchanged(lib, before_files, home):
    assert listing(lib.store.dir) == before_files  # no partial files left
    assert sorted(p.name for p in home.iterdir() if p.name.startswith("index")) == ["index", "index.lock"]
    assert search_ids(lib, "karabakh") == ["news/alpha", "news/beta", "seeds/000_51a9c244470b2f12"]
    assert search_ids(lib, "zebra") == []


@pytest.mark.parametrize("budget", [0, 20_000])
def test_full_disk_during_rebuild_keeps_the_old_index(library, monkeypatch, capsys, budget):
    lib, folder = library
    _more_articles(folder, 30)
    before = listing(lib.store.dir)
    fill_disk(monkeypatch, budget=budget)
    code = main(["--home", str(lib.paths.home), "index", "--rebuild"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and "unexpected" not in err
    assert "disk holding the index" in err and str(lib.store.dir) in err and "is full" in err
    monkeypatch.undo()
    _assert_unchanged(lib, before, lib.paths.home)


@pytest.mark.parametrize("budget", [0, 2_000])
def test_full_disk_during_an_incremental_update_removes_its_files(library, monkeypatch, budget):
    lib, folder = library
    _more_articles(folder, 30)
    before = listing(lib.store.dir)
    fill_disk(monkeypatch, budget=budget)
    with pytest.raises(ReaderError) as caught:
        lib.update()
    assert "disk holding the index" in str(caught.value) and str(lib.store.dir) in str(caught.value)
    monkeypatch.undo()
    _assert_unchanged(lib, before, lib.paths.home)
    # Once there is room again, the update goes through.
    assert lib.update().added == 30 and len(search_ids(lib, "zebra")) == 30


def test_full_disk_while_writing_the_manifest(library, monkeypatch):
    lib, folder = library
    _more_articles(folder, 3)
    real = store_module.atomic_write_text

    def full(path, text, **kwargs):
        try:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        except OSError:
            raise ReaderError(f"could not write {path}: No space left on device") from None

    monkeypatch.setattr(store_module, "atomic_write_text", full)
    with pytest.raises(ReaderError) as caught:
        lib.update(rebuild=True)
    assert "disk holding the index" in str(caught.value)
    monkeypatch.setattr(store_module, "atomic_write_text", real)
    assert not lib.store.dir.with_name("index.new").exists()
    assert search_ids(lib, "zebra") == []


@whoosh_only("several indexing processes are the Whoosh engine's")
@pytest.mark.parametrize("only_children", [True, False], ids=["subprocesses", "parent"])
def test_full_disk_in_the_multiprocess_writer_is_one_clean_error(library, monkeypatch, capfd, only_children):
    lib, folder = library
    _more_articles(folder, 60)
    monkeypatch.setattr(store_module, "PARALLEL_MIN_FILES", 10)
    before = listing(lib.store.dir)
    capfd.readouterr()
    fill_disk(monkeypatch, budget=0 if only_children else 30_000, only_children=only_children)
    with pytest.raises(ReaderError) as caught:
        lib.update(rebuild=True, procs=2)
    assert "disk holding the index" in str(caught.value) and str(lib.store.dir) in str(caught.value)
    out, err = capfd.readouterr()  # file-descriptor level: the subprocesses' output too
    assert "Traceback" not in err + out and "SubWriterTask" not in err + out
    import multiprocessing

    assert multiprocessing.active_children() == []  # none left waiting for work
    monkeypatch.undo()
    _assert_unchanged(lib, before, lib.paths.home)


@whoosh_only("several indexing processes are the Whoosh engine's")
def test_multiprocess_writer_still_builds_the_index(library, monkeypatch):
    lib, folder = library
    _more_articles(folder, 60)
    monkeypatch.setattr(store_module, "PARALLEL_MIN_FILES", 10)
    stats = lib.update(rebuild=True, procs=2)
    assert stats.added == 66
    assert len(search_ids(lib, "zebra")) == 60 and len(search_ids(lib, "karabakh")) == 3


@whoosh_only("several indexing processes are the Whoosh engine's")
def test_a_subprocess_that_dies_is_an_error_not_missing_articles(library, monkeypatch):
    from whoosh.multiproc import SubWriterTask

    lib, folder = library
    _more_articles(folder, 60)
    monkeypatch.setattr(store_module, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(SubWriterTask, "_process_file", lambda self, *job: os._exit(3))
    with pytest.raises(ReaderError) as caught:
        lib.update(rebuild=True, procs=2)
    assert "indexing process stopped" in str(caught.value)
    monkeypatch.undo()
    assert search_ids(lib, "zebra") == []


def test_permission_denied_on_the_index_folder(library, monkeypatch, capsys):
    lib, folder = library
    _more_articles(folder, 2)

    def denied(self, name, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.path.join(self.folder, name))

    monkeypatch.setattr(FileStorage, "create_file", denied)
    _tantivy_fails(monkeypatch, errno.EACCES)
    for argv in (["index"], ["index", "--rebuild"]):
        code = main(["--home", str(lib.paths.home), *argv])
        out, err = capsys.readouterr()
        assert code == 1 and err.count("\n") == 1, err
        assert "cannot write the index" in err and "Permission denied" in err and str(lib.store.dir) in err
        assert "damaged" not in err and "unexpected" not in err
    monkeypatch.undo()
    assert search_ids(lib, "zebra") == []


def test_permission_denied_reading_the_index_is_not_damage(library, monkeypatch, capsys):
    lib, _ = library
    before = listing(lib.store.dir)

    def denied(storage, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.path.join(storage.folder, "_MAIN_1.toc"))

    monkeypatch.setattr("reader.index.storage.MappedStorage.open_index", denied)

    def tantivy_denied(folder):
        # As Tantivy reports a file it may not read.
        raise ValueError(
            f"Failed to open the directory: 'IoError {{ io_error: Os {{ code: 13, kind: PermissionDenied, "
            f'message: "Permission denied" }}, directory_path: "{folder}" }}\''
        )

    monkeypatch.setattr("reader.index.tantivy_engine._open_index", tantivy_denied)
    code = main(["--home", str(lib.paths.home), "search", "karabakh"])
    out, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1, err
    assert "cannot read the index" in err and "Permission denied" in err and str(lib.store.dir) in err
    assert "damaged" not in err and "rebuilding" not in err
    monkeypatch.undo()
    assert listing(lib.store.dir) == before  # not rebuilt
