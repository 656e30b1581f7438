"""A first build commits in batches: what is committed is searchable while
the rest is read, and a build that stops leaves the batches committed for
the next update to finish (reader/index/store.py)."""

from __future__ import annotations

import json
import os

import pytest

import reader.index.store as store_module
from reader.cli import main
from reader.errors import ReaderError
from reader.index.engines import SearchEngine, open_engine
from reader.index.store import IndexStore
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import damage_index, whoosh_only, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

ARTICLES = 13  # plus the bundled seed: batches of 4 and 10 files


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 4)
    articles = {f"a{i:02d}.txt": f"Volcano report {i}\n\nThe volcano number{i} erupted again.\n" for i in range(ARTICLES)}
    folder = write_library(tmp_path, articles)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    return lib


def volcano_ids(index: SearchEngine) -> list[str]:
    return sorted(r.id for r in index.search("volcano", limit=None).results)


def committed_ids(store: IndexStore) -> list[str]:
    """The articles the manifest on disk lists as indexed."""
    files = json.loads(store.manifest_path.read_text("utf-8"))["files"]
    return sorted(entry[2] for entry in files.values() if entry[-1] != "skipped")


def segment_count(store: IndexStore, index: SearchEngine) -> int:
    if store.ENGINE == "whoosh":
        return len(index.searcher().reader().segments())
    return int(index.searcher().num_segments)


def assert_consistent(store: IndexStore) -> None:
    """The folder holds one committed index: its table of contents, the
    files of its segments and nothing else (no file of a batch that did not
    commit), and a manifest of exactly the articles it holds."""
    with open_engine(store) as index:
        held = sorted(r.id for r in index.search("", limit=None).results)
        if store.ENGINE == "whoosh":
            segments = {segment.segment_id() for segment in index.searcher().reader().segments()} if held else set()
    assert committed_ids(store) == held
    assert not store.dir.with_name("index.new").exists()
    if store.ENGINE != "whoosh":
        # Tantivy's folder: its meta.json names the segments; every other
        # file is one of theirs (or Tantivy's own bookkeeping).
        folder = store.dir / "tantivy"
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        segments = {segment["segment_id"].replace("-", "") for segment in meta["segments"]}
        for name in os.listdir(folder):
            if name in ("meta.json", ".managed.json") or name.startswith(".tantivy"):
                continue
            assert name.split(".")[0] in segments, name
        return
    for name in os.listdir(store.dir):
        if name in ("meta.json", "manifest.json", "MAIN_WRITELOCK") or (name.startswith("_MAIN_") and name.endswith(".toc")):
            continue
        assert name.split(".")[0] in segments, name
    assert [n for n in os.listdir(store.dir) if n.endswith(".toc")] != []


def test_the_committed_batches_are_searchable_while_the_build_goes_on(library, capsys):
    seen = []
    separate: list[SearchEngine] = []

    def committed(count, total):
        # Another reader of the folder (as another process would open it).
        if not separate:
            separate.append(open_engine(type(library.store)(library.store.dir)))
        index = separate[0]
        ids = volcano_ids(index)
        assert ids == [i for i in committed_ids(library.store) if i.startswith("news/")]
        assert index.doc_count() == count
        # 'reader search' answers while the build holds the write lock.
        assert main(["--home", str(library.paths.home), "search", "--json", "--limit", "100", "volcano"]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert sorted(r["id"] for r in answer["results"]) == ids
        seen.append((count, total, len(ids)))

    stats = library.update(committed=committed)
    assert stats.rebuilt and stats.added == ARTICLES + 1
    assert [(count, total) for count, total, _ in seen] == [(4, ARTICLES + 1), (ARTICLES + 1, ARTICLES + 1)]
    assert 0 < seen[0][2] < ARTICLES
    with separate[0] as index:  # opened at the first batch, it finds everything now
        assert len(volcano_ids(index)) == ARTICLES


def test_search_before_the_first_batch_says_the_index_is_being_built(library, capsys):
    answers = []

    def progress(done, total, phase, elapsed):
        if done == 1 and not answers:
            answers.append(main(["--home", str(library.paths.home), "search", "volcano"]))
            answers.append(capsys.readouterr().err)

    library.update(progress=progress)
    code, err = answers
    assert code == 1 and err.count("\n") == 1
    assert "is building the index" in err and "try again shortly" in err


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError], ids=["ctrl-c", "error"])
def test_a_build_that_stops_keeps_its_batches_and_the_next_update_adds_the_rest(library, stop):
    def progress(done, total, phase, elapsed):
        if done == 6:  # in the second batch
            raise stop("stopped")

    with pytest.raises(KeyboardInterrupt if stop is KeyboardInterrupt else ReaderError) as caught:
        library.update(progress=progress)
    if stop is OSError:
        assert "the 4 articles indexed so far stay searchable" in str(caught.value)
        assert "run 'reader index' to index the rest" in str(caught.value)
    assert library.store.status() == "ok"
    assert_consistent(library.store)
    first = committed_ids(library.store)
    assert len(first) == 4

    stats = library.update()
    assert not stats.rebuilt
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (ARTICLES + 1 - 4, 0, 0, 4)
    assert_consistent(library.store)
    with library.open() as index:
        assert len(volcano_ids(index)) == ARTICLES
    assert not library.update().changed


def test_a_damaged_index_is_cleared_and_built_in_place(library):
    library.update()
    damage_index(library.store)
    (library.store.dir / "stray.bin").write_bytes(b"left by something else")
    assert library.store.status() == "damaged"
    counts = []
    # As 'reader index --rebuild' and the TUI's rebuild ask: no usable index, so in place.
    stats = library.update(rebuild=True, committed=lambda count, total: counts.append(count))
    assert stats.rebuilt and counts == [4, ARTICLES + 1]
    assert_consistent(library.store)
    assert not library.store.dir.with_name("index.old").exists()


def test_a_rebuild_of_a_usable_index_goes_beside_it_in_one_commit(library):
    library.update()
    counts = []
    stats = library.update(rebuild=True, committed=lambda count, total: counts.append(count))
    assert stats.rebuilt and stats.added == ARTICLES + 1
    assert counts == []  # swapped in at the end, not committed in place
    with library.open() as index:
        assert len(volcano_ids(index)) == ARTICLES
        if library.store.ENGINE == "whoosh":  # Tantivy writes a segment per indexing thread
            assert segment_count(library.store, index) == 1


@pytest.mark.parametrize(
    ("articles", "counts"),
    [
        (28, [2, 10, 20, 29]),  # 2, then 4 times as big (8), then the cap (10), and the last 9
        (23, [2, 10, 24]),  # the 4 left after the third would be less than half a batch: they join it
    ],
)
def test_batches_grow_up_to_the_cap_and_a_small_rest_joins_the_last(tmp_path, monkeypatch, articles, counts):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 2)
    monkeypatch.setattr(store_module, "BATCH_GROWTH", 4)
    monkeypatch.setattr(store_module, "BATCH_MAX", 10)
    lib = Library(get_paths(tmp_path / "home"), extra_sources=[])
    lib.add([write_library(tmp_path, {f"b{i:02d}.txt": f"Story {i}\n\nText {i}.\n" for i in range(articles)})])
    seen = []
    lib.update(committed=lambda count, total: seen.append(count))  # the bundled seed is one more file
    assert seen == counts
    with lib.open() as index:
        if lib.store.ENGINE == "whoosh":  # Tantivy writes a segment per indexing thread, and merges them
            assert segment_count(lib.store, index) == len(counts)


@whoosh_only("several indexing processes are the Whoosh engine's; Tantivy indexes with threads")
def test_a_parallel_build_goes_from_its_first_batch_to_the_largest(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 2)
    monkeypatch.setattr(store_module, "BATCH_MAX", 10)
    monkeypatch.setattr(store_module, "PARALLEL_MIN_FILES", 1)
    lib = Library(get_paths(tmp_path / "home"), extra_sources=[])
    lib.add([write_library(tmp_path, {f"b{i:02d}.txt": f"Story {i}\n\nText {i}.\n" for i in range(28)})])
    seen = []
    stats = lib.update(procs=2, committed=lambda count, total: seen.append(count))
    assert stats.added == 29 and seen == [2, 12, 22, 29]  # one process: 2, 10, 20, 29
    assert_consistent(lib.store)


def test_an_index_folder_that_is_a_link_is_emptied_and_built_in_place(library, tmp_path):
    """A damaged index in a folder the home links to: the folder is emptied
    (the link stays), so no meta.json or manifest of the old index can make
    a build that stops early pass for a built index."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    library.store.dir.parent.mkdir(parents=True, exist_ok=True)
    library.store.dir.symlink_to(elsewhere)
    library.update()
    damage_index(library.store)
    assert library.store.status() == "damaged"

    def progress(done, total, phase, elapsed):
        if done == 2:  # before the first batch is committed
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        library.update(rebuild=True, progress=progress)
    assert library.store.dir.is_symlink() and library.store.status() == "missing"
    assert library.update().added == ARTICLES + 1  # built again, not taken for done
    assert library.store.dir.is_symlink()
    assert_consistent(library.store)


@whoosh_only("Whoosh's table of contents, read while another process commits")
def test_a_table_of_contents_replaced_while_the_index_opens_is_read_again(library, monkeypatch):
    """A batch committed in another process between Whoosh's listing of the
    folder and its reading of the newest table of contents (which the
    commit deletes): the index is opened again, not taken for damaged."""
    from reader.index.storage import MappedStorage

    library.update()
    real = MappedStorage.open_index
    gone = []

    def open_index(storage, *args, **kwargs):
        if not gone:
            gone.append(storage.folder)
            raise FileNotFoundError(2, "No such file or directory", f"{storage.folder}/_MAIN_1.toc")
        return real(storage, *args, **kwargs)

    monkeypatch.setattr(MappedStorage, "open_index", open_index)
    with open_engine(library.store) as index:
        assert len(volcano_ids(index)) == ARTICLES
    assert len(gone) == 1
