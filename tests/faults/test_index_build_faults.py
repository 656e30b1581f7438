"""A first build that fails writing (a full disk, injected as in
test_index_faults.py): the batches committed before stay searchable, the
batch that failed leaves no file behind, one clean error says so, and the
next update indexes the rest."""

from __future__ import annotations

import multiprocessing

import pytest

import reader.index.store as store_module
from reader.cli import main
from reader.errors import ReaderError
from reader.index.store import IndexStore
from reader.library import Library
from reader.paths import get_paths
from tests.faults.test_index_faults import fill_disk
from tests.helpers import write_library
from tests.unit.test_index_building import assert_consistent, committed_ids

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

ARTICLES = 13  # plus the bundled seed: batches of 4 and 10 files


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 4)
    articles = {f"a{i:02d}.txt": f"Zebra report {i}\n\nA zebra crossed road number {i}.\n" for i in range(ARTICLES)}
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([write_library(tmp_path, articles)])
    return lib


def disk_fills_after_the_first_batch(monkeypatch, only_children=False):
    real = IndexStore._write_manifest

    def write_manifest(self, directory, manifest):
        real(self, directory, manifest)
        fill_disk(monkeypatch, budget=0, only_children=only_children)

    monkeypatch.setattr(IndexStore, "_write_manifest", write_manifest)


def test_full_disk_in_a_first_build_keeps_the_batches_committed(library, monkeypatch, capsys):
    disk_fills_after_the_first_batch(monkeypatch)
    code = main(["--home", str(library.paths.home), "index"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "disk holding the index" in err and str(library.store.dir) in err and "is full" in err
    assert "the 4 articles indexed so far stay searchable" in err and "'reader index' to index the rest" in err
    monkeypatch.undo()
    assert_consistent(library.store)
    assert len(committed_ids(library.store)) == 4
    # Once there is room again, the next update indexes only the rest.
    stats = library.update()
    assert not stats.rebuilt and (stats.added, stats.unchanged) == (ARTICLES + 1 - 4, 4)
    assert_consistent(library.store)


def test_full_disk_in_a_parallel_first_build_keeps_the_batches_committed(library, monkeypatch, capfd):
    monkeypatch.setattr(store_module, "PARALLEL_MIN_FILES", 1)
    disk_fills_after_the_first_batch(monkeypatch, only_children=True)
    capfd.readouterr()
    with pytest.raises(ReaderError) as caught:
        library.update(procs=2)
    assert "disk holding the index" in str(caught.value) and "the 4 articles indexed so far" in str(caught.value)
    out, err = capfd.readouterr()  # file-descriptor level: the subprocesses' output too
    assert "Traceback" not in err + out
    assert multiprocessing.active_children() == []
    monkeypatch.undo()
    assert_consistent(library.store)
    assert library.update().added == ARTICLES + 1 - 4


def test_full_disk_before_the_first_batch_leaves_no_index(library, monkeypatch):
    fill_disk(monkeypatch, budget=0)
    with pytest.raises(ReaderError) as caught:
        library.update()
    assert "disk holding the index" in str(caught.value) and "no article was indexed yet" in str(caught.value)
    monkeypatch.undo()
    assert not library.store.dir.exists() and library.store.status() == "missing"
    assert sorted(p.name for p in library.paths.home.iterdir() if p.name.startswith("index")) == ["index.lock"]
    assert library.update().added == ARTICLES + 1
    assert_consistent(library.store)
